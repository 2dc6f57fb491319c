/* topiary-graph-canvas.h — draws a TopiaryGraph and lets the user move
 * around it: zoom, pan, fit, a focus ring over the nodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-graph.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_GRAPH_CANVAS (topiary_graph_canvas_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryGraphCanvas, topiary_graph_canvas, TOPIARY, GRAPH_CANVAS, GtkWidget)

/* Shows @graph (borrowed: the caller keeps it alive until it sets
 * another, or NULL). With @keep_view the zoom and place stay (a rebuilt
 * graph of the same map); else the graph is fitted in the widget. The
 * focused node follows its article (or group) into the new graph. */
void         topiary_graph_canvas_set_graph       (TopiaryGraphCanvas *self,
                                                   TopiaryGraph       *graph,
                                                   gboolean            keep_view);
TopiaryGraph *topiary_graph_canvas_get_graph      (TopiaryGraphCanvas *self);

/* The whole graph in view. */
void         topiary_graph_canvas_fit             (TopiaryGraphCanvas *self);
/* The nodes of @group_id (0: the ideas) in view. */
void         topiary_graph_canvas_fit_group       (TopiaryGraphCanvas *self,
                                                   gint64              group_id);
/* The nodes of these groups in view, the focus on the first's pillar. */
void         topiary_graph_canvas_fit_groups      (TopiaryGraphCanvas *self,
                                                   const gint64       *group_ids,
                                                   guint               n_groups);
/* Zooms by @factor (> 1 in, < 1 out) around the widget's centre. */
void         topiary_graph_canvas_zoom            (TopiaryGraphCanvas *self,
                                                   double              factor);
/* Pixels per layout unit. */
double       topiary_graph_canvas_get_scale       (TopiaryGraphCanvas *self);

/* The node with the focus ring, -1 for none; setting it brings the node
 * into view and tells screen readers about it. */
int          topiary_graph_canvas_get_focus_node  (TopiaryGraphCanvas *self);
void         topiary_graph_canvas_set_focus_node  (TopiaryGraphCanvas *self,
                                                   int                 index);

/* Where node @index's centre is drawn, in the widget's coordinates. */
void         topiary_graph_canvas_node_point      (TopiaryGraphCanvas *self,
                                                   guint               index,
                                                   double             *x,
                                                   double             *y);
/* Where the middle of edge @index is drawn (between the circles). */
void         topiary_graph_canvas_edge_point      (TopiaryGraphCanvas *self,
                                                   guint               index,
                                                   double             *x,
                                                   double             *y);

/* The node drawn at (@x, @y) of the widget, -1 for none. */
int          topiary_graph_canvas_node_at         (TopiaryGraphCanvas *self,
                                                   double              x,
                                                   double              y);
/* The missing (dashed) edge drawn nearest (@x, @y), if near enough to be
 * clicked; -1 for none. */
int          topiary_graph_canvas_missing_edge_at (TopiaryGraphCanvas *self,
                                                   double              x,
                                                   double              y);

/* What a screen reader says for node @index: "Title, cluster, Drafting". */
char        *topiary_graph_canvas_describe_node   (TopiaryGraphCanvas *self,
                                                   guint               index);

/* The fill of a node of @status. */
void         topiary_graph_canvas_status_color    (TopiaryStatus       status,
                                                   GdkRGBA            *color);

/* Draws, in @width × @height, what the legend shows for a node of
 * @status (0 or more), or else for an edge: @edge 0 a link, 1 a link
 * across groups, 2 a missing required link; in @widget's colours
 * (topiary-graph-draw.c). */
void         topiary_graph_draw_swatch            (GtkWidget          *widget,
                                                   cairo_t            *cr,
                                                   double              width,
                                                   double              height,
                                                   int                 status,
                                                   int                 edge);

G_END_DECLS
