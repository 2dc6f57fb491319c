/* topiary-preview.h — the live HTML preview of the article being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_PREVIEW (topiary_preview_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryPreview, topiary_preview, TOPIARY, PREVIEW, GtkWidget)

/* Wiki links point at this scheme: "topiary:article/<slug>". */
#define TOPIARY_ARTICLE_URI_PREFIX "topiary:article/"
/* The script world the preview's own code runs in. */
#define TOPIARY_PREVIEW_WORLD "topiary"

void           topiary_preview_set_project     (TopiaryPreview *self,
                                                TopiaryProject *project);
/* Schedules a render of @markdown; updates merge while one is in flight. */
void           topiary_preview_set_markdown    (TopiaryPreview *self,
                                                const char     *markdown);
void           topiary_preview_scroll_to_line  (TopiaryPreview *self,
                                                guint           line);
WebKitWebView *topiary_preview_get_web_view    (TopiaryPreview *self);
/* TRUE once the shell page is loaded and no update is pending. */
gboolean       topiary_preview_is_idle         (TopiaryPreview *self);
/* Number of updates applied to the page so far. */
guint          topiary_preview_get_n_updates   (TopiaryPreview *self);

G_END_DECLS
