/* topiary-preview.h — the live HTML preview of the article being edited
 *
 * An interface: the WebKit implementation lives in a module
 * (topiary-web-preview.c) loaded the first time a preview is made, so the
 * executable does not link WebKitGTK and its 170 libraries are not loaded
 * before the first window. Nothing here includes WebKit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_PREVIEW (topiary_preview_get_type ())
G_DECLARE_INTERFACE (TopiaryPreview, topiary_preview, TOPIARY, PREVIEW, GtkWidget)

/* Wiki links point at this scheme: "topiary:article/<slug>". */
#define TOPIARY_ARTICLE_URI_PREFIX "topiary:article/"
/* Images and files of the project, served to the preview by the article
 * that shows them: "topiary-file:///<article id>/images/shot.png". The web
 * view reads nothing from disk and nothing from the network for them. */
#define TOPIARY_FILE_URI_SCHEME "topiary-file"
/* The script world the preview's own code runs in. */
#define TOPIARY_PREVIEW_WORLD "topiary"
/* Overrides where the module is looked for (a file path). */
#define TOPIARY_PREVIEW_MODULE_ENV "TOPIARY_PREVIEW_MODULE"

/* Signals: "open-article" (slug), "create-article" (target of an
 * unresolved wiki link) and "updated" (the page shows the newest text). */
struct _TopiaryPreviewInterface
{
  GTypeInterface parent_iface;

  void       (*set_project)    (TopiaryPreview *self,
                                TopiaryProject *project);
  void       (*set_markdown)   (TopiaryPreview *self,
                                const char     *markdown);
  void       (*scroll_to_line) (TopiaryPreview *self,
                                guint           line);
  GtkWidget *(*get_web_view)   (TopiaryPreview *self);
  gboolean   (*is_idle)        (TopiaryPreview *self);
  guint      (*get_n_updates)  (TopiaryPreview *self);
  void       (*set_article)    (TopiaryPreview *self,
                                gint64          article_id);
};

/* Loads the module (once) and makes a preview; NULL with @error set when
 * the module cannot be loaded. */
TopiaryPreview *topiary_preview_new             (GError        **error);
/* Starts loading the module on a worker thread, so the first preview
 * does not wait for it. Safe to call more than once. */
void            topiary_preview_preload         (void);

void            topiary_preview_set_project     (TopiaryPreview *self,
                                                 TopiaryProject *project);
/* The article whose text follows: its images are shown from the project. */
void            topiary_preview_set_article     (TopiaryPreview *self,
                                                 gint64          article_id);
/* Schedules a render of @markdown; updates merge while one is in flight. */
void            topiary_preview_set_markdown    (TopiaryPreview *self,
                                                 const char     *markdown);
void            topiary_preview_scroll_to_line  (TopiaryPreview *self,
                                                 guint           line);
/* The WebKitWebView, for tests and benchmarks that read the page. */
GtkWidget      *topiary_preview_get_web_view    (TopiaryPreview *self);
/* TRUE once the shell page is loaded and no update is pending. */
gboolean        topiary_preview_is_idle         (TopiaryPreview *self);
/* Number of updates applied to the page so far. */
guint           topiary_preview_get_n_updates   (TopiaryPreview *self);

G_END_DECLS
