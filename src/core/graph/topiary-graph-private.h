/* topiary-graph-private.h — what the files of graph/ share: the graph's
 * fields and the layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-graph.h"

G_BEGIN_DECLS

/* A gap kept between two circles, in the graph's units. */
#define TOPIARY_GRAPH_GAP 8.0
/* The room a label takes under its node, in the graph's units (the SVG
 * writes them 5 units high, cut at TOPIARY_GRAPH_LABEL_CHARS): a ring's
 * places are at least LABEL_SLOT apart, the ideas' columns LABEL_WIDTH. */
#define TOPIARY_GRAPH_LABEL_CHARS  22
#define TOPIARY_GRAPH_LABEL_SLOT   64.0
#define TOPIARY_GRAPH_LABEL_WIDTH  66.0
#define TOPIARY_GRAPH_LABEL_HEIGHT 8.0

/* Nodes that are laid out together: a group's articles (its pillar, when
 * it has one, first and in the middle), the ideas, or one node of the
 * GROUPS level. */
typedef struct {
  guint    first, n;   /* nodes [first, first + n) */
  gboolean centred;    /* the first node goes in the middle */
  gboolean apart;      /* the ideas: set beside the packed hubs */
  double   x, y, r;    /* the hub's circle, once laid out */
} GraphHub;

struct _TopiaryGraph {
  TopiaryGraphLevel  level;
  GArray            *nodes;     /* TopiaryGraphNode */
  GArray            *edges;     /* TopiaryGraphEdge */
  GArray            *hubs;      /* GraphHub, in the order of the nodes */
  GArray            *by_id;     /* GraphIdIndex, sorted by article id */
  GStringChunk      *strings;   /* labels and slugs */
  GArray            *missing;   /* guint per node: topiary_graph_get_missing() */
  /* While building: */
  TopiaryGraphFlags       flags;
  TopiaryGraphFilterFunc  keep;
  gpointer                keep_data;
  GArray                 *group_nodes;  /* GROUPS level: group index → node, or -1 */
};

/* Sets every node's x and y (radii are set): each hub's nodes in rings
 * around its middle, the hubs packed as circles around each other
 * without overlap, the hub marked apart beside them. Deterministic: it
 * reads only the nodes' order and radii. */
void _topiary_graph_layout (TopiaryGraph *graph);

G_END_DECLS
