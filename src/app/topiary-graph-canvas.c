/* topiary-graph-canvas.c — draws a TopiaryGraph and lets the user move
 * around it
 *
 * The layout is core's (topiary-graph.h), in abstract units; the canvas
 * only maps them to pixels: widget = world × scale + offset. It draws with
 * cairo into one node of the snapshot, and only what is in view
 * (topiary-graph-draw.c).
 *
 * Pointer: a click on a node or on a missing (dashed) edge emits
 * node-activated or edge-activated; a drag pans; the wheel pans, with Ctrl
 * it zooms around the pointer; a pinch zooms. Keys: Tab and Shift+Tab go
 * from node to node (and leave the graph after the last), the arrows go to
 * the nearest node that way, Ctrl+arrows pan, + and − zoom, 0 fits, Enter
 * or Space activates the focused node. The widget is an image for screen
 * readers, named after the focused node as the focus moves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-graph-canvas-private.h"
#include "topiary-link-completion.h"

#define ZOOM_STEP        1.25
#define MIN_ZOOM         0.25   /* of the fitted scale */
#define MAX_ZOOM         80.0
#define FIT_MARGIN       24.0   /* pixels around the fitted graph */
#define CLICK_SLOP       4.0    /* pixels a press may move and still click */
#define EDGE_TOLERANCE   6.0    /* pixels from a dashed edge that hit it */
#define KEY_PAN          48.0   /* pixels per Ctrl+arrow */
#define WHEEL_PAN        48.0   /* pixels per wheel step */

G_DEFINE_FINAL_TYPE (TopiaryGraphCanvas, topiary_graph_canvas, GTK_TYPE_WIDGET)

enum {
  NODE_ACTIVATED,
  EDGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- colours ---- */

/* Core's colours, so the app draws what `topiary graph --svg` does. */
void
topiary_graph_canvas_status_color (TopiaryStatus  status,
                                   GdkRGBA       *color)
{
  gdk_rgba_parse (color, topiary_graph_status_color (status));
}

/* ---- coordinates ---- */

static void
fit_rect (TopiaryGraphCanvas *self,
          double              x,
          double              y,
          double              w,
          double              h,
          gboolean            set_fit_scale)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double sx, sy;

  if (width < 1 || height < 1)
    {
      /* Not allocated yet: done once it is. */
      self->need_fit = TRUE;
      if (!set_fit_scale)
        {
          self->pending = (graphene_rect_t) GRAPHENE_RECT_INIT (x, y, w, h);
          self->has_pending = TRUE;
        }
      return;
    }
  sx = (width - 2 * FIT_MARGIN) / MAX (w, 1e-6);
  sy = (height - 2 * FIT_MARGIN) / MAX (h, 1e-6);
  self->scale = MAX (MIN (sx, sy), 1e-6);
  if (set_fit_scale)
    self->fit_scale = self->scale;
  self->ox = width / 2 - (x + w / 2) * self->scale;
  self->oy = height / 2 - (y + h / 2) * self->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
topiary_graph_canvas_fit (TopiaryGraphCanvas *self)
{
  double x, y, w, h;

  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));

  if (self->graph == NULL || topiary_graph_get_n_nodes (self->graph) == 0)
    return;
  topiary_graph_get_bounds (self->graph, &x, &y, &w, &h);
  self->need_fit = FALSE;
  fit_rect (self, x, y, w, h, TRUE);
  self->fitted = TRUE;
}

/* A small group is shown no closer than the zoom allows. */
static void
limit_zoom (TopiaryGraphCanvas *self)
{
  if (self->fit_scale > 0 && self->scale > self->fit_scale * MAX_ZOOM)
    topiary_graph_canvas_zoom (self, self->fit_scale * MAX_ZOOM / self->scale);
}

void
topiary_graph_canvas_fit_groups (TopiaryGraphCanvas *self,
                                 const gint64       *group_ids,
                                 guint               n_groups)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  int first = -1;

  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));
  g_return_if_fail (group_ids != NULL || n_groups == 0);

  if (self->graph == NULL)
    return;
  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
      gboolean wanted = FALSE;

      for (guint k = 0; k < n_groups && !wanted; k++)
        wanted = n->group_id == group_ids[k];
      if (!wanted)
        continue;
      /* The focus goes to the first group's pillar, else its first node. */
      if (first < 0 || (n->kind == TOPIARY_GRAPH_NODE_PILLAR && n->group_id == group_ids[0] &&
                        topiary_graph_get_node (self->graph, first)->kind != TOPIARY_GRAPH_NODE_PILLAR))
        first = i;
      x0 = MIN (x0, n->x - n->radius);
      y0 = MIN (y0, n->y - n->radius);
      x1 = MAX (x1, n->x + n->radius);
      y1 = MAX (y1, n->y + n->radius);
    }
  if (first < 0)
    return;
  /* The whole graph sets the zoom's limits; the groups are then shown. */
  topiary_graph_canvas_fit (self);
  fit_rect (self, x0, y0, x1 - x0, y1 - y0, FALSE);
  self->fitted = FALSE;
  limit_zoom (self);
  topiary_graph_canvas_set_focus_node (self, first);
}

void
topiary_graph_canvas_fit_group (TopiaryGraphCanvas *self,
                                gint64              group_id)
{
  topiary_graph_canvas_fit_groups (self, &group_id, 1);
}

static void
zoom_at (TopiaryGraphCanvas *self,
         double              factor,
         double              x,
         double              y)
{
  double wx, wy;
  double scale;

  if (self->graph == NULL)
    return;
  _topiary_graph_canvas_to_world (self, x, y, &wx, &wy);
  scale = CLAMP (self->scale * factor, self->fit_scale * MIN_ZOOM, self->fit_scale * MAX_ZOOM);
  if (scale == self->scale)
    return;
  self->fitted = FALSE;
  self->scale = scale;
  self->ox = x - wx * scale;
  self->oy = y - wy * scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
topiary_graph_canvas_zoom (TopiaryGraphCanvas *self,
                           double              factor)
{
  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));

  zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
topiary_graph_canvas_get_scale (TopiaryGraphCanvas *self)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), 0);
  return self->scale;
}

static void
pan (TopiaryGraphCanvas *self,
     double              dx,
     double              dy)
{
  self->fitted = FALSE;
  self->ox += dx;
  self->oy += dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
topiary_graph_canvas_node_point (TopiaryGraphCanvas *self,
                                 guint               index,
                                 double             *x,
                                 double             *y)
{
  const TopiaryGraphNode *n;

  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));
  g_return_if_fail (self->graph != NULL && index < topiary_graph_get_n_nodes (self->graph));

  n = topiary_graph_get_node (self->graph, index);
  _topiary_graph_canvas_to_widget (self, n->x, n->y, x, y);
}

void
topiary_graph_canvas_edge_point (TopiaryGraphCanvas *self,
                                 guint               index,
                                 double             *x,
                                 double             *y)
{
  const TopiaryGraphEdge *e;
  const TopiaryGraphNode *a, *b;
  double ax, ay, bx, by, ra, rb, d, t;

  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));
  g_return_if_fail (self->graph != NULL && index < topiary_graph_get_n_edges (self->graph));

  e = topiary_graph_get_edge (self->graph, index);
  a = topiary_graph_get_node (self->graph, e->from);
  b = topiary_graph_get_node (self->graph, e->to);
  _topiary_graph_canvas_to_widget (self, a->x, a->y, &ax, &ay);
  _topiary_graph_canvas_to_widget (self, b->x, b->y, &bx, &by);
  ra = _topiary_graph_canvas_radius (self, a);
  rb = _topiary_graph_canvas_radius (self, b);
  /* The middle of the part drawn between the two circles. */
  d = hypot (bx - ax, by - ay);
  t = d > 0 ? (ra + (d - ra - rb) / 2) / d : 0.5;
  *x = ax + (bx - ax) * t;
  *y = ay + (by - ay) * t;
}

/* ---- the focused node, for the eye and the ear ---- */

static const char *
kind_label (TopiaryGraphNodeKind kind)
{
  switch (kind)
    {
    case TOPIARY_GRAPH_NODE_PILLAR: return _("pillar");
    case TOPIARY_GRAPH_NODE_CLUSTER: return _("cluster");
    case TOPIARY_GRAPH_NODE_IDEA: return _("idea");
    case TOPIARY_GRAPH_NODE_GROUP: return _("group");
    case TOPIARY_GRAPH_NODE_IDEAS:
    default: return _("ideas");
    }
}

char *
topiary_graph_canvas_describe_node (TopiaryGraphCanvas *self,
                                    guint               index)
{
  const TopiaryGraphNode *n;
  guint out = 0, in = 0, missing = 0;
  g_autofree char *words = NULL;
  g_autofree char *links = NULL;

  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), NULL);
  g_return_val_if_fail (self->graph != NULL && index < topiary_graph_get_n_nodes (self->graph), NULL);

  n = topiary_graph_get_node (self->graph, index);
  for (guint i = 0; i < topiary_graph_get_n_edges (self->graph); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (self->graph, i);

      if (e->from == index && e->kind == TOPIARY_GRAPH_EDGE_MISSING)
        missing++;
      else if (e->from == index)
        out++;
      else if (e->to == index && e->kind == TOPIARY_GRAPH_EDGE_LINK)
        in++;
    }
  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", n->words), n->words);
  /* TRANSLATORS: a node of the map's graph: links out, links in, required links missing */
  links = g_strdup_printf (_("%u out, %u in, %u missing"), out, in, missing);
  if (n->kind == TOPIARY_GRAPH_NODE_GROUP || n->kind == TOPIARY_GRAPH_NODE_IDEAS)
    {
      g_autofree char *articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                                                n->articles), n->articles);

      /* TRANSLATORS: a group in the map's graph: "Routing, group, 12 articles, 5,000 words, links" */
      return g_strdup_printf (_("%s, %s, %s, %s, links %s"), n->label, kind_label (n->kind), articles, words, links);
    }
  /* TRANSLATORS: an article in the map's graph: "Routing, cluster, Drafting, 800 words, links" */
  return g_strdup_printf (_("%s, %s, %s, %s, links %s"), n->label, kind_label (n->kind),
                          topiary_link_completion_status_label (n->status), words, links);
}

static void
update_accessible (TopiaryGraphCanvas *self)
{
  g_autofree char *label = NULL;

  if (self->graph != NULL && self->focus >= 0)
    label = topiary_graph_canvas_describe_node (self, self->focus);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : _("Map Graph"),
                                  -1);
}

/* Brings node @index into view, with room for its label. */
static void
reveal_node (TopiaryGraphCanvas *self,
             guint               index)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, index);
  double x, y, r = _topiary_graph_canvas_radius (self, n);
  double margin = MAX (r, 0) + 32;

  _topiary_graph_canvas_to_widget (self, n->x, n->y, &x, &y);
  if (width < 2 * margin || height < 2 * margin)
    return;
  if (x < margin || x > width - margin || y < margin || y > height - margin)
    self->fitted = FALSE;
  if (x < margin)
    self->ox += margin - x;
  else if (x > width - margin)
    self->ox -= x - (width - margin);
  if (y < margin)
    self->oy += margin - y;
  else if (y > height - margin)
    self->oy -= y - (height - margin);
}

int
topiary_graph_canvas_get_focus_node (TopiaryGraphCanvas *self)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), -1);
  return self->focus;
}

void
topiary_graph_canvas_set_focus_node (TopiaryGraphCanvas *self,
                                     int                 index)
{
  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));

  if (self->graph == NULL || index < 0 || (guint) index >= topiary_graph_get_n_nodes (self->graph))
    index = -1;
  self->focus = index;
  if (index >= 0)
    reveal_node (self, index);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The node nearest the focused one in direction (@dx, @dy): ahead of it,
 * and nearer the line that way than far along it. */
static int
node_toward (TopiaryGraphCanvas *self,
             double              dx,
             double              dy)
{
  const TopiaryGraphNode *from = topiary_graph_get_node (self->graph, self->focus);
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
      double vx = n->x - from->x, vy = n->y - from->y;
      double along = vx * dx + vy * dy;
      double across = fabs (vx * dy - vy * dx);
      double score;

      if ((int) i == self->focus || along <= 1e-9)
        continue;
      score = along + 2 * across;
      if (score < best)
        {
          best = score;
          found = i;
        }
    }
  return found;
}

/* ---- the graph ---- */

void
topiary_graph_canvas_set_graph (TopiaryGraphCanvas *self,
                                TopiaryGraph       *graph,
                                gboolean            keep_view)
{
  gint64 focus_article = 0, focus_group = -1;
  int focus = -1;

  g_return_if_fail (TOPIARY_IS_GRAPH_CANVAS (self));

  if (self->graph != NULL && self->focus >= 0)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, self->focus);

      focus_article = n->article_id;
      focus_group = n->group_id;
    }
  self->graph = graph;
  self->hover = -1;
  if (graph != NULL && focus_article != 0)
    focus = topiary_graph_find_article (graph, focus_article);
  else if (graph != NULL && focus_group >= 0)
    for (guint i = 0; i < topiary_graph_get_n_nodes (graph) && focus < 0; i++)
      if (topiary_graph_get_node (graph, i)->article_id == 0 && topiary_graph_get_node (graph, i)->group_id == focus_group)
        focus = i;
  /* The focus was waiting for the graph: it lands on the first node. */
  if (focus < 0 && graph != NULL && topiary_graph_get_n_nodes (graph) > 0 &&
      gtk_widget_has_focus (GTK_WIDGET (self)))
    focus = 0;
  self->focus = focus;
  if (!keep_view || self->fit_scale <= 0)
    topiary_graph_canvas_fit (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TopiaryGraph *
topiary_graph_canvas_get_graph (TopiaryGraphCanvas *self)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), NULL);
  return self->graph;
}

static void
topiary_graph_canvas_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  TopiaryGraphCanvas *self = TOPIARY_GRAPH_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->graph == NULL || topiary_graph_get_n_nodes (self->graph) == 0 || width < 1 || height < 1)
    return;
  if (self->need_fit)
    topiary_graph_canvas_fit (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  _topiary_graph_canvas_draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
topiary_graph_canvas_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  TopiaryGraphCanvas *self = TOPIARY_GRAPH_CANVAS (widget);

  /* Fitted and not moved since: it stays fitted as the size changes. */
  if ((self->need_fit || self->fitted) && width > 0 && height > 0)
    topiary_graph_canvas_fit (self);
  if (self->has_pending && width > 0 && height > 0)
    {
      self->has_pending = FALSE;
      fit_rect (self, self->pending.origin.x, self->pending.origin.y,
                self->pending.size.width, self->pending.size.height, FALSE);
      self->fitted = FALSE;
      limit_zoom (self);
      if (self->focus >= 0)
        reveal_node (self, self->focus);
    }
}

static void
topiary_graph_canvas_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = 100;
  *natural = 400;
}

/* ---- pointer ---- */

int
topiary_graph_canvas_node_at (TopiaryGraphCanvas *self,
                              double              x,
                              double              y)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), -1);

  if (self->graph == NULL)
    return -1;
  /* As drawn: the last drawn (the topmost) whose circle holds the point. */
  for (guint i = topiary_graph_get_n_nodes (self->graph); i-- > 0;)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
      double nx, ny;

      _topiary_graph_canvas_to_widget (self, n->x, n->y, &nx, &ny);
      if (hypot (nx - x, ny - y) <= _topiary_graph_canvas_radius (self, n))
        return i;
    }
  return -1;
}

/* The missing edge drawn nearest (@x, @y), within EDGE_TOLERANCE; -1 for
 * none. Only the dashed edges are looked at: a link drawn over the same
 * line (the other way) does not hide them. */
int
topiary_graph_canvas_missing_edge_at (TopiaryGraphCanvas *self,
                                      double              x,
                                      double              y)
{
  double best = EDGE_TOLERANCE;
  int found = -1;

  g_return_val_if_fail (TOPIARY_IS_GRAPH_CANVAS (self), -1);

  if (self->graph == NULL)
    return -1;
  for (guint i = 0; i < topiary_graph_get_n_edges (self->graph); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (self->graph, i);
      const TopiaryGraphNode *a, *b;
      double ax, ay, bx, by, len2, t, d;

      if (e->kind != TOPIARY_GRAPH_EDGE_MISSING)
        continue;
      a = topiary_graph_get_node (self->graph, e->from);
      b = topiary_graph_get_node (self->graph, e->to);
      _topiary_graph_canvas_to_widget (self, a->x, a->y, &ax, &ay);
      _topiary_graph_canvas_to_widget (self, b->x, b->y, &bx, &by);
      len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
      t = len2 > 0 ? CLAMP (((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2, 0, 1) : 0;
      d = hypot (x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
      if (d <= best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

static void
on_drag_begin (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               TopiaryGraphCanvas *self)
{
  self->drag_ox = self->ox;
  self->drag_oy = self->oy;
  self->dragging = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag     *gesture,
                double              dx,
                double              dy,
                TopiaryGraphCanvas *self)
{
  if (!self->dragging && hypot (dx, dy) < CLICK_SLOP)
    return;
  self->dragging = TRUE;
  self->fitted = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  self->ox = self->drag_ox + dx;
  self->oy = self->drag_oy + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag     *gesture,
             double              dx,
             double              dy,
             TopiaryGraphCanvas *self)
{
  double x, y;
  int node, edge;

  if (self->dragging)
    {
      self->dragging = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      return;
    }
  /* Not moved: a click. */
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  node = topiary_graph_canvas_node_at (self, x, y);
  if (node >= 0)
    {
      topiary_graph_canvas_set_focus_node (self, node);
      g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) node);
      return;
    }
  edge = topiary_graph_canvas_missing_edge_at (self, x, y);
  if (edge >= 0)
    g_signal_emit (self, signals[EDGE_ACTIVATED], 0, (guint) edge);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           TopiaryGraphCanvas       *self)
{
  int hover;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->dragging)
    return;
  hover = topiary_graph_canvas_node_at (self, x, y);
  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hover >= 0 || topiary_graph_canvas_missing_edge_at (self, x, y) >= 0 ? "pointer" : NULL);
}

static void
on_leave (GtkEventControllerMotion *motion,
          TopiaryGraphCanvas       *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           TopiaryGraphCanvas       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE ? 1 : WHEEL_PAN;

  if (self->graph == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      /* A wheel step zooms by a step; a touchpad, smoothly. */
      zoom_at (self, pow (ZOOM_STEP, -dy * (step == 1 ? 0.05 : 1)), self->pointer_x, self->pointer_y);
      return TRUE;
    }
  pan (self, -dx * step, -dy * step);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture         *gesture,
                GdkEventSequence   *sequence,
                TopiaryGraphCanvas *self)
{
  self->pinch_scale = 1.0;
}

static void
on_pinch_changed (GtkGestureZoom     *gesture,
                  double              scale,
                  TopiaryGraphCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  if (self->pinch_scale > 0)
    zoom_at (self, scale / self->pinch_scale, x, y);
  self->pinch_scale = scale;
}

static gboolean
on_query_tooltip (GtkWidget          *widget,
                  int                 x,
                  int                 y,
                  gboolean            keyboard,
                  GtkTooltip         *tooltip,
                  TopiaryGraphCanvas *self)
{
  int node = keyboard ? self->focus : topiary_graph_canvas_node_at (self, x, y);
  g_autofree char *text = NULL;

  if (node < 0)
    {
      if (!keyboard && topiary_graph_canvas_missing_edge_at (self, x, y) >= 0)
        {
          gtk_tooltip_set_text (tooltip, _("A required link the text lacks: click to insert it"));
          return TRUE;
        }
      return FALSE;
    }
  text = topiary_graph_canvas_describe_node (self, node);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- keys ---- */

static gboolean
move_focus (TopiaryGraphCanvas *self,
            int                 step)
{
  guint n = topiary_graph_get_n_nodes (self->graph);
  int next = self->focus < 0 ? (step > 0 ? 0 : (int) n - 1) : self->focus + step;

  if (next < 0 || (guint) next >= n)
    return FALSE;
  topiary_graph_canvas_set_focus_node (self, next);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TopiaryGraphCanvas    *self)
{
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  double dx = 0, dy = 0;

  if (self->graph == NULL || topiary_graph_get_n_nodes (self->graph) == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      topiary_graph_canvas_zoom (self, ZOOM_STEP);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      topiary_graph_canvas_zoom (self, 1 / ZOOM_STEP);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      topiary_graph_canvas_fit (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (self->focus < 0)
        return FALSE;
      g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) self->focus);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* After the last node (or with Ctrl) Tab leaves the graph. */
      if (ctrl)
        return FALSE;
      return move_focus (self, (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    default:
      return FALSE;
    }
  if (ctrl || self->focus < 0)
    {
      if (ctrl)
        pan (self, -dx * KEY_PAN, -dy * KEY_PAN);
      else
        move_focus (self, 1);
      return TRUE;
    }
  {
    int next = node_toward (self, dx, dy);

    if (next >= 0)
      topiary_graph_canvas_set_focus_node (self, next);
    else
      gtk_widget_error_bell (GTK_WIDGET (self));
  }
  return TRUE;
}

static void
on_focus_enter (GtkEventControllerFocus *focus,
                TopiaryGraphCanvas      *self)
{
  /* Tabbing in lands on a node: the focused one, else the first. */
  if (self->focus < 0 && self->graph != NULL && topiary_graph_get_n_nodes (self->graph) > 0)
    topiary_graph_canvas_set_focus_node (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *focus,
                TopiaryGraphCanvas      *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- life cycle ---- */

static void
topiary_graph_canvas_class_init (TopiaryGraphCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = topiary_graph_canvas_snapshot;
  widget_class->size_allocate = topiary_graph_canvas_size_allocate;
  widget_class->measure = topiary_graph_canvas_measure;

  /* A node was clicked, or Enter pressed on it. */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A missing (dashed) edge was clicked. */
  signals[EDGE_ACTIVATED] = g_signal_new ("edge-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "graph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
topiary_graph_canvas_init (TopiaryGraphCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->scale = 1;
  self->focus = -1;
  self->hover = -1;
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, key);

  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map Graph"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrows or Tab move between articles, Enter opens one, plus and minus zoom, 0 fits the map."),
                                  -1);
}
