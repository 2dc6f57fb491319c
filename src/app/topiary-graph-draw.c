/* topiary-graph-draw.c — the canvas's picture of the graph
 *
 * One cairo context over the widget; only what is in view is drawn: edges
 * whose box meets the view, nodes whose circle does, labels when a node is
 * drawn large enough and its label does not cover one already drawn (the
 * focused node's first, then pillars and groups, then the rest). Lines
 * keep their width in pixels at every zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "topiary-graph-canvas-private.h"

#define LABEL_MIN_RADIUS 7.0    /* a node drawn smaller has no label */
#define LABEL_MAX_WIDTH  180    /* pixels; longer titles are ellipsized */
#define LABEL_MIN_WIDTH  24     /* pixels: no label is narrower */

typedef struct {
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA accent;
  GdkRGBA link;
  GdkRGBA missing;
} Palette;

static void
get_palette (GtkWidget *widget,
             Palette   *p)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_style_context_get_color (context, &p->fg);
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &p->bg))
    gdk_rgba_parse (&p->bg, dark ? "#242424" : "#fafafa");
  if (!gtk_style_context_lookup_color (context, "accent_color", &p->accent))
    gdk_rgba_parse (&p->accent, "#1c71d8");
  /* Links across groups purple, as in `topiary graph --svg`; lighter in
   * the dark. */
  gdk_rgba_parse (&p->link, dark ? "#c061cb" : "#9141ac");
  gdk_rgba_parse (&p->missing, dark ? "#ff7b63" : "#e01b24");
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}


typedef struct {
  double x0, y0, x1, y1;
} Box;

static gboolean
box_meets (const Box *a,
           const Box *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y,
                 double   ux,
                 double   uy,
                 double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - ux * size - uy * size * 0.5, y - uy * size + ux * size * 0.5);
  cairo_line_to (cr, x - ux * size + uy * size * 0.5, y - uy * size - ux * size * 0.5);
  cairo_close_path (cr);
}

typedef enum {
  PASS_LINK,
  PASS_CROSS,
  PASS_MISSING,
} EdgePass;

static void
draw_edges (TopiaryGraphCanvas *self,
            cairo_t            *cr,
            const Box          *view,
            const Palette      *p,
            EdgePass            pass)
{
  gboolean groups = topiary_graph_get_level (self->graph) == TOPIARY_GRAPH_GROUPS;
  gboolean heads = FALSE;

  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < topiary_graph_get_n_edges (self->graph); i++)
        {
          const TopiaryGraphEdge *e = topiary_graph_get_edge (self->graph, i);
          const TopiaryGraphNode *a, *b;
          Box box;
          double ax, ay, bx, by, d, ux, uy, ra, rb, r;

          if ((pass == PASS_MISSING) != (e->kind == TOPIARY_GRAPH_EDGE_MISSING))
            continue;
          if (pass != PASS_MISSING && (pass == PASS_CROSS) != (e->cross_group != FALSE))
            continue;
          a = topiary_graph_get_node (self->graph, e->from);
          b = topiary_graph_get_node (self->graph, e->to);
          r = MAX (a->radius, b->radius);
          box = (Box) { MIN (a->x, b->x) - r, MIN (a->y, b->y) - r, MAX (a->x, b->x) + r, MAX (a->y, b->y) + r };
          if (!box_meets (&box, view))
            continue;
          _topiary_graph_canvas_to_widget (self, a->x, a->y, &ax, &ay);
          _topiary_graph_canvas_to_widget (self, b->x, b->y, &bx, &by);
          d = hypot (bx - ax, by - ay);
          ra = _topiary_graph_canvas_radius (self, a);
          rb = _topiary_graph_canvas_radius (self, b);
          if (d <= ra + rb + 1)
            continue;
          ux = (bx - ax) / d;
          uy = (by - ay) / d;
          if (round == 0)
            {
              if (groups)
                {
                  /* A group edge is as wide as the links it stands for. */
                  cairo_set_line_width (cr, 1 + log2 (MAX (e->count, 1)));
                  cairo_move_to (cr, ax + ux * ra, ay + uy * ra);
                  cairo_line_to (cr, bx - ux * rb, by - uy * rb);
                  cairo_stroke (cr);
                }
              else
                {
                  cairo_move_to (cr, ax + ux * ra, ay + uy * ra);
                  cairo_line_to (cr, bx - ux * rb, by - uy * rb);
                }
            }
          else if (rb >= 4 && d > ra + rb + 12)
            {
              draw_arrow_head (cr, bx - ux * rb, by - uy * rb, ux, uy, 7);
              heads = TRUE;
            }
        }
      if (round == 0 && !groups)
        cairo_stroke (cr);
      if (round == 0)
        cairo_set_dash (cr, NULL, 0, 0);
    }
  if (heads)
    cairo_fill (cr);
}

/* How each kind of edge is stroked, on the canvas and in the legend. */
static void
set_edge_style (cairo_t       *cr,
                const Palette *p,
                EdgePass       pass)
{
  static const double dash[] = { 6, 4 };

  switch (pass)
    {
    case PASS_LINK:
      set_source (cr, &p->fg, 0.28);
      cairo_set_line_width (cr, 1);
      break;
    case PASS_CROSS:
      set_source (cr, &p->link, 0.75);
      cairo_set_line_width (cr, 1.3);
      break;
    case PASS_MISSING:
    default:
      set_source (cr, &p->missing, 0.9);
      cairo_set_line_width (cr, 1.6);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      break;
    }
}

static void
draw_all_edges (TopiaryGraphCanvas *self,
                cairo_t            *cr,
                const Box          *view,
                const Palette      *p)
{
  for (EdgePass pass = PASS_LINK; pass <= PASS_MISSING; pass++)
    {
      set_edge_style (cr, p, pass);
      draw_edges (self, cr, view, p, pass);
    }
}

void
topiary_graph_draw_swatch (GtkWidget *widget,
                           cairo_t   *cr,
                           double     width,
                           double     height,
                           int        status,
                           int        edge)
{
  Palette p;

  get_palette (widget, &p);
  if (status >= 0)
    {
      GdkRGBA fill;
      double r = MIN (width, height) / 2 - 1;

      topiary_graph_canvas_status_color (status, &fill);
      cairo_arc (cr, width / 2, height / 2, r, 0, 2 * G_PI);
      set_source (cr, &fill, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fill.red * 0.6, fill.green * 0.6, fill.blue * 0.6, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      return;
    }
  set_edge_style (cr, &p, CLAMP (edge, PASS_LINK, PASS_MISSING));
  /* A little wider than on the canvas, to be seen at this size. */
  cairo_set_line_width (cr, cairo_get_line_width (cr) + 0.6);
  cairo_move_to (cr, 1, height / 2);
  cairo_line_to (cr, width - 1, height / 2);
  cairo_stroke (cr);
}

/* A ring @gap pixels around node @index: the hover's, the focus's. */
static void
draw_ring (TopiaryGraphCanvas *self,
           cairo_t            *cr,
           guint               index,
           double              gap,
           const GdkRGBA      *color,
           double              alpha,
           double              line_width)
{
  const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, index);
  double x, y;

  _topiary_graph_canvas_to_widget (self, n->x, n->y, &x, &y);
  /* The labels' text leaves a current point: no line from it. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, _topiary_graph_canvas_radius (self, n) + gap, 0, 2 * G_PI);
  set_source (cr, color, alpha);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

/* Adds the circles of the nodes in view of this @status, hubs or not, to
 * the path; TRUE when there was one. */
static gboolean
add_circles (TopiaryGraphCanvas *self,
             cairo_t            *cr,
             const Box          *view,
             TopiaryStatus       status,
             gboolean            hubs)
{
  gboolean any = FALSE;

  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
      Box box = { n->x - n->radius, n->y - n->radius, n->x + n->radius, n->y + n->radius };
      gboolean hub = n->kind == TOPIARY_GRAPH_NODE_PILLAR || n->kind == TOPIARY_GRAPH_NODE_GROUP;
      double x, y;

      if (n->status != status || hub != hubs || !box_meets (&box, view))
        continue;
      _topiary_graph_canvas_to_widget (self, n->x, n->y, &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, _topiary_graph_canvas_radius (self, n), 0, 2 * G_PI);
      any = TRUE;
    }
  return any;
}

/* One path per status, filled and rimmed at once (a map of 1,000
 * articles fitted costs ten fills, not a thousand); the hubs after the
 * others, so a pillar is drawn over its clusters. */
static void
draw_nodes (TopiaryGraphCanvas *self,
            cairo_t            *cr,
            const Box          *view,
            const Palette      *p)
{
  for (int hubs = 0; hubs < 2; hubs++)
    for (int status = 0; status < TOPIARY_N_STATUS; status++)
      {
        GdkRGBA fill;

        cairo_new_path (cr);
        if (!add_circles (self, cr, view, status, hubs))
          continue;
        topiary_graph_canvas_status_color (status, &fill);
        set_source (cr, &fill, 1);
        cairo_fill_preserve (cr);
        /* The rim: darker than the fill; hubs have the text's colour. */
        if (hubs)
          set_source (cr, &p->fg, 0.85);
        else
          cairo_set_source_rgba (cr, fill.red * 0.6, fill.green * 0.6, fill.blue * 0.6, 1);
        cairo_set_line_width (cr, hubs ? 2 : 1);
        cairo_stroke (cr);
      }
  if (self->hover >= 0)
    draw_ring (self, cr, self->hover, 2.5, &p->fg, 0.5, 1.5);
}

static void
draw_label (cairo_t       *cr,
            PangoLayout   *layout,
            const Palette *p,
            double         cx,
            double         top,
            double         width,
            Box           *box)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  /* Under its node, but inside the widget: a node at the edge keeps a
   * readable label. */
  cx = CLAMP (cx, w / 2.0 + 3, MAX (width - w / 2.0 - 3, w / 2.0 + 3));
  box->x0 = cx - w / 2.0 - 3;
  box->x1 = cx + w / 2.0 + 3;
  box->y0 = top;
  box->y1 = top + h + 2;
  if (cr == NULL)
    return;
  /* A veil of the window's colour keeps the text readable over edges. */
  set_source (cr, &p->bg, 0.78);
  cairo_rectangle (cr, box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0);
  cairo_fill (cr);
  set_source (cr, &p->fg, 1);
  cairo_move_to (cr, cx - w / 2.0, top + 1);
  pango_cairo_show_layout (cr, layout);
}

typedef struct {
  guint index;
  Box   box;
} NodeBox;

/* TRUE when @box meets no label @placed and, with @nodes, no circle but
 * node @self's. */
static gboolean
label_fits (const Box *box,
            GArray    *placed,
            GArray    *nodes,
            guint      self)
{
  for (guint k = 0; k < placed->len; k++)
    if (box_meets (box, &g_array_index (placed, Box, k)))
      return FALSE;
  for (guint k = 0; nodes != NULL && k < nodes->len; k++)
    if (g_array_index (nodes, NodeBox, k).index != self && box_meets (box, &g_array_index (nodes, NodeBox, k).box))
      return FALSE;
  return TRUE;
}

static void
draw_labels (TopiaryGraphCanvas *self,
             cairo_t            *cr,
             const Box          *view,
             const Palette      *p,
             double              width,
             double              height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(PangoAttrList) bold = pango_attr_list_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (NodeBox));

  /* The circles in view, in pixels. */
  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
      Box world = { n->x - n->radius, n->y - n->radius, n->x + n->radius, n->y + n->radius };
      NodeBox nb = { i, { 0, 0, 0, 0 } };
      double x, y, r;

      if (!box_meets (&world, view))
        continue;
      _topiary_graph_canvas_to_widget (self, n->x, n->y, &x, &y);
      r = _topiary_graph_canvas_radius (self, n);
      nb.box = (Box) { x - r, y - r, x + r, y + r };
      g_array_append_val (nodes, nb);
    }

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_width (layout, LABEL_MAX_WIDTH * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  /* The focused node's label first, so none hides it; then the hubs, then
   * the rest, each only where no label is yet. */
  for (int round = 0; round < 3; round++)
    for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
      {
        const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);
        gboolean hub = n->kind == TOPIARY_GRAPH_NODE_PILLAR || n->kind == TOPIARY_GRAPH_NODE_GROUP ||
                       n->kind == TOPIARY_GRAPH_NODE_IDEAS;
        Box node_box = { n->x - n->radius, n->y - n->radius, n->x + n->radius, n->y + n->radius };
        Box box;
        double x, y, r;
        int h;
        gboolean free = FALSE;

        if (round == 0 ? (int) i != self->focus
            : ((int) i == self->focus || (round == 1) != hub))
          continue;
        if (!box_meets (&node_box, view))
          continue;
        r = _topiary_graph_canvas_radius (self, n);
        if (round > 0 && r < (hub ? LABEL_MIN_RADIUS / 2 : LABEL_MIN_RADIUS))
          continue;
        _topiary_graph_canvas_to_widget (self, n->x, n->y, &x, &y);
        /* The narrowest label it could have, under or over its node,
         * already meets one drawn: no need to lay its text out (most of
         * a crowded view's labels). */
        box = (Box) { x - LABEL_MIN_WIDTH / 2, y + r + 2, x + LABEL_MIN_WIDTH / 2, y + r + 14 };
        if (!label_fits (&box, placed, NULL, i))
          {
            box.y0 = y - r - 14;
            box.y1 = y - r - 2;
            if (!label_fits (&box, placed, NULL, i))
              continue;
          }
        pango_layout_set_text (layout, n->label != NULL ? n->label : "", -1);
        pango_layout_set_attributes (layout, hub ? bold : NULL);
        pango_layout_get_pixel_size (layout, NULL, &h);
        /* Under the node, else over it, inside the widget. An article's
         * label covers no other article's circle. */
        for (int side = 0; side < 2 && !free; side++)
          {
            draw_label (NULL, layout, p, x, side == 0 ? y + r + 2 : y - r - 4 - h, width, &box);
            free = box.y0 >= 0 && box.y1 <= height && label_fits (&box, placed, round == 2 ? nodes : NULL, i);
          }
        if (!free)
          continue;
        draw_label (cr, layout, p, x, box.y0, width, &box);
        g_array_append_val (placed, box);
      }
}

static void
draw_focus (TopiaryGraphCanvas *self,
            cairo_t            *cr,
            const Palette      *p)
{
  if (self->focus >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    draw_ring (self, cr, self->focus, 4, &p->accent, 1, 2.5);
}

static guint
count_in_view (TopiaryGraphCanvas *self,
               const Box          *view)
{
  guint count = 0;

  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, i);

      count += n->x >= view->x0 && n->x <= view->x1 && n->y >= view->y0 && n->y <= view->y1;
    }
  return count;
}

void
_topiary_graph_canvas_draw (TopiaryGraphCanvas *self,
                            cairo_t            *cr,
                            double              width,
                            double              height)
{
  Palette p;
  Box view;

  get_palette (GTK_WIDGET (self), &p);
  _topiary_graph_canvas_to_world (self, 0, 0, &view.x0, &view.y0);
  _topiary_graph_canvas_to_world (self, width, height, &view.x1, &view.y1);
  /* Many nodes in view are small ones: their circles need fewer segments
   * (cairo's default tolerance, 0.1 px, roughly halves the frame rate of
   * a fitted map of 1,000 articles for no visible difference). */
  cairo_set_tolerance (cr, count_in_view (self, &view) > 200 ? 0.5 : 0.1);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_all_edges (self, cr, &view, &p);
  draw_nodes (self, cr, &view, &p);
  draw_labels (self, cr, &view, &p, width, height);
  draw_focus (self, cr, &p);
}
