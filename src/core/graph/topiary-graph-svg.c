/* topiary-graph-svg.c — the graph as a standalone SVG document
 *
 * The picture is self-contained: presentation attributes rather than a
 * style sheet (so a page that embeds it cannot restyle it by accident),
 * no script, no reference outside the document but the articles' own
 * pages, and every label escaped as XML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "topiary-escape.h"
#include "topiary-graph.h"
#include "topiary-graph-private.h"

#define MARGIN        40.0
#define LABEL_SIZE     5.0
/* Pixels per unit in the picture's width and height. */
#define SCALE          2.0
/* Longer labels are cut, with "…"; the whole one is in the tooltip. */
#define LABEL_CHARS   TOPIARY_GRAPH_LABEL_CHARS
#define LINK_COLOR    "#77767b"
#define CROSS_COLOR   "#9141ac"
#define MISSING_COLOR "#e01b24"

const char *
topiary_graph_status_color (TopiaryStatus status)
{
  /* The GNOME palette: grey, blue, yellow, orange, green along the way
   * from idea to published. */
  static const char * const colors[TOPIARY_N_STATUS] = {
    "#9a9996", "#62a0ea", "#f6d32d", "#ffa348", "#57e389",
  };

  return (guint) status < TOPIARY_N_STATUS ? colors[status] : colors[0];
}

/* "%g" with a dot whatever the locale, at most two decimals. */
static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value) < 0.005)
    value = 0;
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static void
append_attr_number (GString    *out,
                    const char *name,
                    double      value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_number (out, value);
  g_string_append_c (out, '"');
}

static void
append_escaped (GString    *out,
                const char *text)
{
  topiary_escape_append (out, text, -1, TOPIARY_ESCAPE_XML);
}

static void
append_edge (GString                *out,
             TopiaryGraph           *graph,
             const TopiaryGraphEdge *e)
{
  const TopiaryGraphNode *a = topiary_graph_get_node (graph, e->from);
  const TopiaryGraphNode *b = topiary_graph_get_node (graph, e->to);
  double dx = b->x - a->x, dy = b->y - a->y;
  double d = hypot (dx, dy);
  gboolean missing = e->kind == TOPIARY_GRAPH_EDGE_MISSING;
  const char *color = missing ? MISSING_COLOR : e->cross_group ? CROSS_COLOR : LINK_COLOR;
  double width = 1.0 + log2 ((double) MAX (e->count, 1));

  if (d <= a->radius + b->radius)
    return;
  /* From circle to circle, so the arrow's head shows. */
  g_string_append_printf (out, "<line class=\"%s%s\"", missing ? "missing" : "link",
                          e->cross_group ? " cross-group" : "");
  append_attr_number (out, "x1", a->x + dx / d * a->radius);
  append_attr_number (out, "y1", a->y + dy / d * a->radius);
  append_attr_number (out, "x2", b->x - dx / d * b->radius);
  append_attr_number (out, "y2", b->y - dy / d * b->radius);
  g_string_append_printf (out, " stroke=\"%s\"", color);
  append_attr_number (out, "stroke-width", width);
  if (missing)
    g_string_append (out, " stroke-dasharray=\"6 4\"");
  g_string_append_printf (out, " marker-end=\"url(#%s)\"",
                          missing ? "arrow-missing" : e->cross_group ? "arrow-cross" : "arrow");
  if (e->count > 1)
    g_string_append_printf (out, "><title>%u</title></line>\n", e->count);
  else
    g_string_append (out, "/>\n");
}

static const char *
kind_class (TopiaryGraphNodeKind kind)
{
  static const char * const names[] = { "pillar", "cluster", "idea", "group", "ideas" };

  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "node";
}

static void
append_node (GString                *out,
             const TopiaryGraphNode *n,
             guint                   missing,
             TopiaryGraphHrefFunc    href_func,
             gpointer                user_data)
{
  g_autofree char *status = NULL;
  g_autofree char *href = href_func != NULL ? href_func (n, user_data) : NULL;
  gboolean linked = href != NULL;

  if (linked)
    {
      g_string_append (out, "<a href=\"");
      append_escaped (out, href);
      g_string_append (out, "\">");
    }
  g_string_append_printf (out, "<g class=\"node %s status-%s\">", kind_class (n->kind),
                          topiary_status_to_string (n->status));
  g_string_append (out, "<circle");
  append_attr_number (out, "cx", n->x);
  append_attr_number (out, "cy", n->y);
  append_attr_number (out, "r", n->radius);
  g_string_append_printf (out, " fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
                          topiary_graph_status_color (n->status),
                          n->kind == TOPIARY_GRAPH_NODE_PILLAR || n->kind == TOPIARY_GRAPH_NODE_GROUP
                            ? "#3d3846" : "#5e5c64",
                          n->kind == TOPIARY_GRAPH_NODE_PILLAR ? "2" : "1");
  /* A group lacking links inside it: a dashed red ring, as the edges. */
  if (missing > 0 && (n->kind == TOPIARY_GRAPH_NODE_GROUP || n->kind == TOPIARY_GRAPH_NODE_IDEAS))
    {
      g_string_append (out, "<circle class=\"missing\"");
      append_attr_number (out, "cx", n->x);
      append_attr_number (out, "cy", n->y);
      append_attr_number (out, "r", n->radius + 2);
      g_string_append (out, " fill=\"none\" stroke=\"" MISSING_COLOR "\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
    }
  g_string_append (out, "<text text-anchor=\"middle\" fill=\"#241f31\" stroke=\"#ffffff\" "
                   "stroke-width=\"1.5\" paint-order=\"stroke\"");
  append_attr_number (out, "x", n->x);
  /* A pillar's name on it, in the middle of its clusters; the others'
   * under them. */
  append_attr_number (out, "y", n->kind == TOPIARY_GRAPH_NODE_PILLAR ? n->y + LABEL_SIZE / 3.0
                                                                    : n->y + n->radius + LABEL_SIZE + 1);
  if (n->kind == TOPIARY_GRAPH_NODE_PILLAR || n->kind == TOPIARY_GRAPH_NODE_GROUP ||
      n->kind == TOPIARY_GRAPH_NODE_IDEAS)
    g_string_append (out, " font-weight=\"bold\"");
  g_string_append (out, ">");
  if (g_utf8_validate (n->label, -1, NULL) && g_utf8_strlen (n->label, -1) > LABEL_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (n->label, 0, LABEL_CHARS - 1);

      append_escaped (out, g_strchomp (cut));
      g_string_append (out, "\xe2\x80\xa6");
    }
  else
    append_escaped (out, n->label);
  g_string_append (out, "</text><title>");
  append_escaped (out, n->label);
  if (n->kind == TOPIARY_GRAPH_NODE_GROUP || n->kind == TOPIARY_GRAPH_NODE_IDEAS)
    {
      g_autofree char *articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                                                n->articles), n->articles);
      g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words",
                                                             n->words), n->words);

      if (missing > 0)
        {
          g_autofree char *lacking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u required link missing",
                                                                   "%u required links missing", missing), missing);

          status = g_strdup_printf (" (%s; %s, %s; %s)", topiary_status_to_string (n->status), articles, words,
                                    lacking);
        }
      else
        status = g_strdup_printf (" (%s; %s, %s)", topiary_status_to_string (n->status), articles, words);
    }
  else
    {
      g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words",
                                                             n->words), n->words);

      status = g_strdup_printf (" (%s; %s)", topiary_status_to_string (n->status), words);
    }
  append_escaped (out, status);
  g_string_append (out, "</title></g>");
  if (linked)
    g_string_append (out, "</a>");
  g_string_append_c (out, '\n');
}

static void
append_marker (GString    *out,
               const char *id,
               const char *color)
{
  g_string_append_printf (out,
                          "<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                          "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                          "<path d=\"M0,0L10,5L0,10z\" fill=\"%s\"/></marker>\n", id, color);
}

char *
topiary_graph_to_svg_with_links (TopiaryGraph         *graph,
                                 TopiaryGraphHrefFunc  href,
                                 gpointer              user_data)
{
  GString *out;
  double x, y, w, h;

  g_return_val_if_fail (graph != NULL, NULL);

  topiary_graph_get_bounds (graph, &x, &y, &w, &h);
  x -= MARGIN;
  y -= MARGIN;
  w += 2 * MARGIN;
  /* Room for the labels under the lowest nodes. */
  h += 2 * MARGIN + LABEL_SIZE;

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"");
  append_number (out, x);
  g_string_append_c (out, ' ');
  append_number (out, y);
  g_string_append_c (out, ' ');
  append_number (out, w);
  g_string_append_c (out, ' ');
  append_number (out, h);
  g_string_append_c (out, '"');
  append_attr_number (out, "width", w * SCALE);
  append_attr_number (out, "height", h * SCALE);
  g_string_append_printf (out, " font-family=\"sans-serif\" font-size=\"%g\" role=\"img\">\n", LABEL_SIZE);
  g_string_append (out, "<title>");
  append_escaped (out, _("The map as a graph"));
  g_string_append (out, "</title>\n<defs>\n");
  append_marker (out, "arrow", LINK_COLOR);
  append_marker (out, "arrow-cross", CROSS_COLOR);
  append_marker (out, "arrow-missing", MISSING_COLOR);
  g_string_append (out, "</defs>\n<g class=\"edges\" fill=\"none\">\n");
  for (guint i = 0; i < topiary_graph_get_n_edges (graph); i++)
    append_edge (out, graph, topiary_graph_get_edge (graph, i));
  /* Labels with a white halo, readable over edges and neighbours. */
  g_string_append (out, "</g>\n<g class=\"nodes\" stroke-linejoin=\"round\">\n");
  for (guint i = 0; i < topiary_graph_get_n_nodes (graph); i++)
    append_node (out, topiary_graph_get_node (graph, i), topiary_graph_get_missing (graph, i), href, user_data);
  g_string_append (out, "</g>\n</svg>\n");
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *base;
  const char *suffix;
} SlugLink;

static char *
slug_href (const TopiaryGraphNode *node,
           gpointer                user_data)
{
  const SlugLink *link = user_data;
  g_autofree char *segment = NULL;

  if (node->slug == NULL)
    return NULL;
  /* The slug as a path segment: whatever it holds, the link stays under
   * the base (a ":" cannot make it a scheme, a "/" another folder). */
  segment = g_uri_escape_string (node->slug, "-._~", TRUE);
  return g_strconcat (link->base, segment, "/", link->suffix, NULL);
}

char *
topiary_graph_to_svg_full (TopiaryGraph *graph,
                           const char   *link_base,
                           const char   *link_suffix)
{
  SlugLink link = { link_base, link_suffix != NULL ? link_suffix : "" };

  g_return_val_if_fail (graph != NULL, NULL);
  return topiary_graph_to_svg_with_links (graph, link_base != NULL ? slug_href : NULL, &link);
}

char *
topiary_graph_to_svg (TopiaryGraph *graph,
                      const char   *link_base)
{
  g_return_val_if_fail (graph != NULL, NULL);
  return topiary_graph_to_svg_full (graph, link_base, NULL);
}
