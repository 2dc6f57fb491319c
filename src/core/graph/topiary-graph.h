/* topiary-graph.h — the map drawn as a graph: nodes, edges and their layout
 *
 * A TopiaryGraph is computed from a TopiaryLinker (which knows every body's
 * links and the plan's required links) and is laid out in core, so that the
 * app's view, `topiary graph --svg` and the site's map page draw the same
 * picture. The layout is deterministic: the same map gives the same
 * coordinates on every machine and every run (no clock, no hash order, no
 * unseeded randomness).
 *
 * Two levels:
 *  ARTICLES  one node per article: each group a hub around its pillar, its
 *            clusters around it, the groups placed around each other, the
 *            ideas (articles in no group) apart;
 *  GROUPS    one node per group (and one for the ideas, when there are
 *            any), for maps too large to read article by article; edges
 *            count the links between groups.
 *
 * Edges:
 *  LINK      a link written in the text (source → target);
 *  MISSING   a required link of the plan that the text lacks (a cluster to
 *            its pillar, a pillar to its cluster, a linking plan's pair);
 *            drawn dashed and red.
 *  An edge between two groups has @cross_group set.
 *
 * Coordinates are in abstract units, y down; a node is a circle of
 * @radius around (@x, @y), its radius growing with its words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-links.h"
#include "topiary-map.h"

G_BEGIN_DECLS

typedef enum {
  TOPIARY_GRAPH_ARTICLES,
  TOPIARY_GRAPH_GROUPS,
} TopiaryGraphLevel;

typedef enum {
  TOPIARY_GRAPH_NODE_PILLAR,
  TOPIARY_GRAPH_NODE_CLUSTER,
  TOPIARY_GRAPH_NODE_IDEA,     /* an article in no group */
  TOPIARY_GRAPH_NODE_GROUP,    /* GROUPS level only */
  TOPIARY_GRAPH_NODE_IDEAS,    /* GROUPS level only: all ideas as one node */
} TopiaryGraphNodeKind;

typedef enum {
  TOPIARY_GRAPH_EDGE_LINK,
  TOPIARY_GRAPH_EDGE_MISSING,
} TopiaryGraphEdgeKind;

/* Owned by the graph; read-only. */
typedef struct {
  TopiaryGraphNodeKind kind;
  gint64               article_id;  /* 0 at the GROUPS level */
  gint64               group_id;    /* 0 for ideas */
  const char          *label;       /* title (or group title) */
  const char          *slug;        /* NULL at the GROUPS level */
  TopiaryStatus        status;      /* GROUPS level: the least advanced article's */
  const char          *intent;      /* canonical intent or NULL */
  guint                words;       /* GROUPS level: the group's total */
  guint                articles;    /* GROUPS level: articles in the node; else 1 */
  double               x, y, radius;
} TopiaryGraphNode;

/* Owned by the graph; read-only. */
typedef struct {
  guint                from, to;    /* node indexes */
  TopiaryGraphEdgeKind kind;
  gboolean             cross_group;
  guint                count;       /* GROUPS level: links merged into it; else 1 */
} TopiaryGraphEdge;

typedef struct _TopiaryGraph TopiaryGraph;

/* Builds and lays out the graph of @linker's map. */
TopiaryGraph           *topiary_graph_new          (TopiaryLinker     *linker,
                                                    TopiaryGraphLevel  level);

typedef enum {
  TOPIARY_GRAPH_DEFAULT    = 0,
  TOPIARY_GRAPH_NO_MISSING = 1 << 0,  /* only the links written (a public page) */
} TopiaryGraphFlags;

/* TRUE when article @article_id belongs in the graph. */
typedef gboolean (*TopiaryGraphFilterFunc) (gint64   article_id,
                                            gpointer user_data);

/* The same, of the articles @keep (may be NULL: all) accepts; a group
 * with none of them has no node at the GROUPS level. The site's map page
 * draws the exported articles only. */
TopiaryGraph           *topiary_graph_new_full     (TopiaryLinker          *linker,
                                                    TopiaryGraphLevel       level,
                                                    TopiaryGraphFlags       flags,
                                                    TopiaryGraphFilterFunc  keep,
                                                    gpointer                user_data);
void                    topiary_graph_free         (TopiaryGraph      *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryGraph, topiary_graph_free)

TopiaryGraphLevel       topiary_graph_get_level    (TopiaryGraph      *graph);
guint                   topiary_graph_get_n_nodes  (TopiaryGraph      *graph);
const TopiaryGraphNode *topiary_graph_get_node     (TopiaryGraph      *graph,
                                                    guint              index);
guint                   topiary_graph_get_n_edges  (TopiaryGraph      *graph);
const TopiaryGraphEdge *topiary_graph_get_edge     (TopiaryGraph      *graph,
                                                    guint              index);
/* The rectangle holding every node with its radius. */
void                    topiary_graph_get_bounds   (TopiaryGraph      *graph,
                                                    double            *x,
                                                    double            *y,
                                                    double            *width,
                                                    double            *height);
/* The node whose circle holds (@x, @y), the topmost drawn; -1 for none. */
int                     topiary_graph_node_at      (TopiaryGraph      *graph,
                                                    double             x,
                                                    double             y);
/* The edge passing within @tolerance of (@x, @y); -1 for none. */
int                     topiary_graph_edge_at      (TopiaryGraph      *graph,
                                                    double             x,
                                                    double             y,
                                                    double             tolerance);
/* The required links missing from the articles of node @index: at the
 * ARTICLES level those its article lacks (its MISSING edges); at the
 * GROUPS level those its articles lack, links inside the group included
 * (which have no edge at that level). */
guint                   topiary_graph_get_missing  (TopiaryGraph      *graph,
                                                    guint              index);
/* The node of @article_id (ARTICLES level); -1 for none. */
int                     topiary_graph_find_article (TopiaryGraph      *graph,
                                                    gint64             article_id);

/* A standalone SVG document of the graph: escaped labels, no script, no
 * external reference; nodes carry their slug as a link when @link_base is
 * not NULL ("<link_base><slug>/" for the site's map page). */
char                   *topiary_graph_to_svg       (TopiaryGraph      *graph,
                                                    const char        *link_base);
/* The same, with @link_suffix (may be NULL) after the slug's "/": the
 * site's map page links "../<slug>/index.html", as its other pages do. */
char                   *topiary_graph_to_svg_full  (TopiaryGraph      *graph,
                                                    const char        *link_base,
                                                    const char        *link_suffix);

/* The address @node links to (newly allocated, not yet escaped), or NULL
 * for none. */
typedef char *(*TopiaryGraphHrefFunc) (const TopiaryGraphNode *node,
                                       gpointer                user_data);

/* The SVG with each node linked where @href says. */
char                   *topiary_graph_to_svg_with_links (TopiaryGraph         *graph,
                                                         TopiaryGraphHrefFunc  href,
                                                         gpointer              user_data);

/* The fill of a node of @status ("#rrggbb"), the same in the app and in
 * the SVG. */
const char             *topiary_graph_status_color (TopiaryStatus      status);

G_END_DECLS
