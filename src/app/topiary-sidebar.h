/* topiary-sidebar.h — the map tree and the search results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-map-tree.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_SIDEBAR (topiary_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TopiarySidebar, topiary_sidebar, TOPIARY, SIDEBAR, GtkWidget)

void            topiary_sidebar_set_project       (TopiarySidebar *self,
                                                   TopiaryProject *project);
TopiaryMapTree *topiary_sidebar_get_tree          (TopiarySidebar *self);
GtkListView    *topiary_sidebar_get_list_view     (TopiarySidebar *self);
TopiaryMapNode *topiary_sidebar_get_selected_node (TopiarySidebar *self);
/* Selects the article's row (expanding its parents) without emitting
 * node-selected. */
gboolean        topiary_sidebar_select_article    (TopiarySidebar *self,
                                                   gint64          article_id);
void            topiary_sidebar_select_map        (TopiarySidebar *self);
/* Selects again the row of what the window shows (after a context menu,
 * an undo, a restore), expanding its group and scrolling to it. */
void            topiary_sidebar_select_shown      (TopiarySidebar *self);
/* Re-reads the project after a short debounce. */
void            topiary_sidebar_queue_refresh     (TopiarySidebar *self);
/* Re-reads the project now instead of after the debounce. */
void            topiary_sidebar_refresh           (TopiarySidebar *self);
void            topiary_sidebar_begin_search      (TopiarySidebar *self,
                                                   const char     *text);
/* Number of rows in the visible search results. */
guint           topiary_sidebar_get_n_results     (TopiarySidebar *self);
/* Activates the result at @index, as a click does. */
void            topiary_sidebar_activate_result   (TopiarySidebar *self,
                                                   guint           index);

/* The ids of the groups whose rows are open (gint64), and opening them
 * again: how the map was left. */
GArray         *topiary_sidebar_dup_expanded_groups (TopiarySidebar *self);
void            topiary_sidebar_expand_groups     (TopiarySidebar *self,
                                                   GArray         *ids);

G_END_DECLS
