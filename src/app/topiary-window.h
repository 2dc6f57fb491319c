/* topiary-window.h — the main window: map, editor, preview and details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-application.h"
#include "topiary-details.h"
#include "topiary-editor.h"
#include "topiary-preview.h"
#include "topiary-project.h"
#include "topiary-sidebar.h"

#include "topiary-importer.h"
#include "topiary-map-actions.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_WINDOW (topiary_window_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryWindow, topiary_window, TOPIARY, WINDOW, AdwApplicationWindow)

TopiaryWindow  *topiary_window_new          (TopiaryApplication *app);
TopiaryProject *topiary_window_get_project  (TopiaryWindow      *self);
/* Opens the project file; when it cannot be opened a dialog says why and
 * the window stays as it was. */
gboolean        topiary_window_open_path    (TopiaryWindow      *self,
                                             const char         *path);
/* Shows the article in the editor, preview and details panel. */
gboolean        topiary_window_open_article (TopiaryWindow      *self,
                                             gint64              article_id);
/* Opens the article and puts the focus in its text, as Enter on the
 * map's tree does. */
gboolean        topiary_window_activate_article (TopiaryWindow  *self,
                                                 gint64          article_id);
/* Shows the map as a graph (win.show-graph). */
void            topiary_window_show_graph   (TopiaryWindow      *self);
/* Creates an empty map at @path (".topiary" is appended when missing)
 * and opens it; an existing file is never replaced. */
gboolean        topiary_window_create_map   (TopiaryWindow      *self,
                                             const char         *path);
/* Imports into new maps for this window: ask, preview, import, open. */
TopiaryImporter *topiary_window_get_importer (TopiaryWindow    *self);
/* The map's actions ("map.*"), which keep its undo stack. */
TopiaryMapActions *topiary_window_get_map_actions (TopiaryWindow *self);
/* Writes whatever the editor and the details panel still hold. */
gboolean        topiary_window_save         (TopiaryWindow      *self,
                                             GError            **error);

/* The article being written, 0 for none. */
gint64          topiary_window_get_article_id (TopiaryWindow    *self);
/* Shows the map's (or the group's) overview instead of an article. */
void            topiary_window_show_map     (TopiaryWindow      *self,
                                             gint64              group_id);
/* Shows @toast (taking it) over the window. */
void            topiary_window_add_toast    (TopiaryWindow      *self,
                                             AdwToast           *toast);

TopiarySidebar *topiary_window_get_sidebar  (TopiaryWindow      *self);
TopiaryEditor  *topiary_window_get_editor   (TopiaryWindow      *self);
TopiaryPreview *topiary_window_get_preview  (TopiaryWindow      *self);
TopiaryDetails *topiary_window_get_details  (TopiaryWindow      *self);

/* The window showing the map at @path (the same file, by device and
 * inode), or NULL. */
TopiaryWindow  *topiary_window_find_showing (const char         *path);

/* Opens the map that was open last, as it was left; FALSE (and the
 * welcome page) when there is none or it is gone. */
gboolean        topiary_window_reopen_last  (TopiaryWindow      *self);

G_END_DECLS
