/* topiary-graph-view.h — the map as a graph: the canvas, its legend and
 * its buttons, the graph built off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-graph-canvas.h"
#include "topiary-project.h"

G_BEGIN_DECLS

/* A map with more articles is first shown a group per node. */
#define TOPIARY_GRAPH_VIEW_GROUPS_ABOVE 1500

#define TOPIARY_TYPE_GRAPH_VIEW (topiary_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryGraphView, topiary_graph_view, TOPIARY, GRAPH_VIEW, GtkWidget)

void                topiary_graph_view_set_project   (TopiaryGraphView *self,
                                                      TopiaryProject   *project);
/* The view is about to be shown: the graph is (re)built if the map
 * changed since it was last built. */
void                topiary_graph_view_show          (TopiaryGraphView *self);
TopiaryGraphCanvas *topiary_graph_view_get_canvas    (TopiaryGraphView *self);
/* TRUE while a graph is being built. */
gboolean            topiary_graph_view_is_building   (TopiaryGraphView *self);

/* Inserts the required link that missing edge @index stands for into its
 * source article, as one undoable edit, and opens the source there. */
gboolean            topiary_graph_view_insert_missing (TopiaryGraphView *self,
                                                       guint             index,
                                                       GError          **error);

G_END_DECLS
