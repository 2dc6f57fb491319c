/* topiary-graph-canvas-private.h — what the canvas's files share: its
 * state and its mapping from the layout's units to pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "topiary-graph-canvas.h"

G_BEGIN_DECLS

struct _TopiaryGraphCanvas
{
  GtkWidget     parent_instance;

  TopiaryGraph *graph;          /* borrowed */
  double        scale;
  double        ox, oy;
  double        fit_scale;
  gboolean      need_fit;
  gboolean      fitted;         /* not zoomed nor moved since the last fit */
  graphene_rect_t pending;      /* to fit once allocated (has_pending) */
  gboolean      has_pending;
  int           focus;
  int           hover;

  double        pointer_x, pointer_y;
  double        drag_ox, drag_oy;
  gboolean      dragging;
  double        pinch_scale;
};

/* widget = world × scale + offset */
static inline void
_topiary_graph_canvas_to_widget (TopiaryGraphCanvas *self,
                                 double              wx,
                                 double              wy,
                                 double             *x,
                                 double             *y)
{
  *x = wx * self->scale + self->ox;
  *y = wy * self->scale + self->oy;
}

static inline void
_topiary_graph_canvas_to_world (TopiaryGraphCanvas *self,
                                double              x,
                                double              y,
                                double             *wx,
                                double             *wy)
{
  *wx = (x - self->ox) / self->scale;
  *wy = (y - self->oy) / self->scale;
}

/* The radius node @n is drawn with, in pixels: the layout's while small;
 * zoomed in, it grows as the square root of the zoom, so the circles leave
 * room for their labels; never under 2 px, to be seen and clicked. */
static inline double
_topiary_graph_canvas_radius (TopiaryGraphCanvas     *self,
                              const TopiaryGraphNode *n)
{
  double r = n->radius * self->scale;

  if (r > 12.0)
    r = 12.0 * sqrt (r / 12.0);
  return MAX (r, 2.0);
}

/* Draws the graph, what is in the widget's @width × @height only
 * (topiary-graph-draw.c). */
void _topiary_graph_canvas_draw (TopiaryGraphCanvas *self,
                                 cairo_t            *cr,
                                 double              width,
                                 double              height);

G_END_DECLS
