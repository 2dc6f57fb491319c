/* topiary-graph.c — the map as nodes and edges, and questions about them
 *
 * The nodes come in a fixed order, the one they are drawn in: each group
 * in the map's order (its pillar first, then its other articles in
 * writing order), then the ideas in writing order. Edges come by their
 * source node, the links in the order of the text first, then the
 * missing ones in the order the plan gives them. Nothing depends on
 * article ids or hash order, so a map whose articles were added in
 * another order but stand in the same writing order is drawn the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "topiary-graph.h"
#include "topiary-graph-private.h"

typedef struct {
  gint64 id;
  guint  node;
} GraphIdIndex;

/* Radii, in the graph's units: an article grows with the square root of
 * its words (so the area follows the words), a group with its articles
 * and words. */
#define ARTICLE_RADIUS_MIN   6.0
#define ARTICLE_RADIUS_MAX  30.0
#define PILLAR_RADIUS_MIN   10.0

static double
article_radius (guint    words,
                gboolean pillar)
{
  double r = ARTICLE_RADIUS_MIN + sqrt ((double) words) / 4.0;

  if (pillar)
    r = MAX (r, PILLAR_RADIUS_MIN);
  return MIN (r, ARTICLE_RADIUS_MAX);
}

static double
group_radius (guint   articles,
              guint64 words)
{
  return 10.0 + 2.5 * sqrt ((double) articles) + sqrt ((double) words) / 20.0;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const GraphIdIndex *ia = a, *ib = b;

  return ia->id < ib->id ? -1 : ia->id > ib->id ? 1 : 0;
}

static const char *
keep (TopiaryGraph *self,
      const char   *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static gboolean
kept (TopiaryGraph      *self,
      TopiaryMapArticle *a)
{
  return self->keep == NULL || self->keep (a->id, self->keep_data);
}

static void
add_article_node (TopiaryGraph         *self,
                  TopiaryMapArticle    *a,
                  TopiaryGraphNodeKind  kind)
{
  TopiaryGraphNode node = { 0 };
  GraphIdIndex index;

  if (!kept (self, a))
    return;

  node.kind = kind;
  node.article_id = a->id;
  node.group_id = a->group != NULL ? a->group->id : 0;
  node.label = keep (self, topiary_article_get_title (a->article));
  node.slug = keep (self, topiary_article_get_slug (a->article));
  node.status = topiary_article_get_status (a->article);
  node.intent = topiary_intent_normalize (topiary_article_get_intent (a->article));
  node.words = topiary_article_get_word_count (a->article);
  node.articles = 1;
  node.radius = article_radius (node.words, kind == TOPIARY_GRAPH_NODE_PILLAR);
  index.id = a->id;
  index.node = self->nodes->len;
  g_array_append_val (self->nodes, node);
  g_array_append_val (self->by_id, index);
}

static void
add_hub (TopiaryGraph *self,
         guint         first,
         gboolean      centred,
         gboolean      apart)
{
  GraphHub hub = { 0 };

  hub.first = first;
  hub.n = self->nodes->len - first;
  hub.centred = centred;
  hub.apart = apart;
  if (hub.n > 0)
    g_array_append_val (self->hubs, hub);
}

static void
build_article_nodes (TopiaryGraph *self,
                     TopiaryMap   *map)
{
  GPtrArray *groups = topiary_map_get_groups (map);
  GPtrArray *unplaced = topiary_map_get_unplaced (map);
  guint first;

  for (guint g = 0; g < groups->len; g++)
    {
      TopiaryMapGroup *group = g_ptr_array_index (groups, g);

      gboolean centred = group->pillar != NULL && kept (self, group->pillar);

      first = self->nodes->len;
      if (centred)
        add_article_node (self, group->pillar, TOPIARY_GRAPH_NODE_PILLAR);
      for (guint i = 0; i < group->articles->len; i++)
        {
          TopiaryMapArticle *a = g_ptr_array_index (group->articles, i);

          if (a != group->pillar)
            add_article_node (self, a, TOPIARY_GRAPH_NODE_CLUSTER);
        }
      add_hub (self, first, centred, FALSE);
    }
  first = self->nodes->len;
  for (guint i = 0; i < unplaced->len; i++)
    add_article_node (self, g_ptr_array_index (unplaced, i), TOPIARY_GRAPH_NODE_IDEA);
  add_hub (self, first, FALSE, TRUE);
  g_array_sort (self->by_id, compare_ids);
}

/* The node that stands for @a: its own, or at the GROUPS level its
 * group's (or the ideas'). */
static int
node_of (TopiaryGraph      *self,
         TopiaryMapArticle *a,
         int                ideas_node)
{
  if (self->level == TOPIARY_GRAPH_ARTICLES)
    return topiary_graph_find_article (self, a->id);
  if (!kept (self, a))
    return -1;
  return a->group != NULL ? g_array_index (self->group_nodes, int, a->group->index) : ideas_node;
}

static void
add_edge (TopiaryGraph         *self,
          guint                 from,
          guint                 to,
          TopiaryGraphEdgeKind  kind)
{
  const TopiaryGraphNode *a = &g_array_index (self->nodes, TopiaryGraphNode, from);
  const TopiaryGraphNode *b = &g_array_index (self->nodes, TopiaryGraphNode, to);
  TopiaryGraphEdge edge = { 0 };

  edge.from = from;
  edge.to = to;
  edge.kind = kind;
  edge.cross_group = a->group_id != 0 && b->group_id != 0 && a->group_id != b->group_id;
  edge.count = 1;
  g_array_append_val (self->edges, edge);
}

static gboolean
holds_id (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Appends @a's edges: the links its text has, then, when it is written,
 * the required links it lacks. */
static void
add_edges_of (TopiaryGraph      *self,
              TopiaryLinker     *linker,
              TopiaryMapArticle *a,
              int                ideas_node)
{
  TopiaryMap *map = topiary_linker_get_map (linker);
  g_autoptr(GArray) targets = topiary_linker_get_targets (linker, a->id);
  int from = node_of (self, a, ideas_node);

  for (guint i = 0; i < targets->len; i++)
    {
      TopiaryMapArticle *t = topiary_map_lookup_article (map, g_array_index (targets, gint64, i));
      int to = t != NULL ? node_of (self, t, ideas_node) : -1;

      if (from >= 0 && to >= 0 && to != from)
        add_edge (self, from, to, TOPIARY_GRAPH_EDGE_LINK);
    }
  /* As `check` and `topiary links`: an article not written yet lacks
   * nothing. */
  if (!(self->flags & TOPIARY_GRAPH_NO_MISSING) && !topiary_linker_is_blank (linker, a->id))
    {
      g_autoptr(GArray) required = topiary_linker_get_required (linker, a->id);

      for (guint i = 0; i < required->len; i++)
        {
          gint64 id = g_array_index (required, gint64, i);
          TopiaryMapArticle *t = topiary_map_lookup_article (map, id);
          int to = t != NULL && !holds_id (targets, id) ? node_of (self, t, ideas_node) : -1;

          if (from >= 0 && to >= 0 && to != from)
            add_edge (self, from, to, TOPIARY_GRAPH_EDGE_MISSING);
          if (from >= 0 && to >= 0)
            g_array_index (self->missing, guint, from)++;
        }
    }
}

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const TopiaryGraphEdge *ea = a, *eb = b;

  if (ea->from != eb->from)
    return ea->from < eb->from ? -1 : 1;
  if (ea->to != eb->to)
    return ea->to < eb->to ? -1 : 1;
  return ea->kind < eb->kind ? -1 : ea->kind > eb->kind ? 1 : 0;
}

/* GROUPS level: one edge per (from, to, kind), counting the article
 * links merged into it. */
static void
merge_edges (TopiaryGraph *self)
{
  guint out = 0;

  g_array_sort (self->edges, compare_edges);
  for (guint i = 0; i < self->edges->len; i++)
    {
      TopiaryGraphEdge *e = &g_array_index (self->edges, TopiaryGraphEdge, i);
      TopiaryGraphEdge *last = out > 0 ? &g_array_index (self->edges, TopiaryGraphEdge, out - 1) : NULL;

      if (last != NULL && last->from == e->from && last->to == e->to && last->kind == e->kind)
        last->count++;
      else
        g_array_index (self->edges, TopiaryGraphEdge, out++) = *e;
    }
  g_array_set_size (self->edges, out);
}

static void
build_group_nodes (TopiaryGraph *self,
                   TopiaryMap   *map)
{
  GPtrArray *groups = topiary_map_get_groups (map);
  GPtrArray *unplaced = topiary_map_get_unplaced (map);
  TopiaryGraphNode ideas = { 0 };

  for (guint g = 0; g < groups->len; g++)
    {
      TopiaryMapGroup *group = g_ptr_array_index (groups, g);
      TopiaryGraphNode node = { 0 };
      int index = -1;

      node.kind = TOPIARY_GRAPH_NODE_GROUP;
      node.group_id = group->id;
      node.label = keep (self, topiary_group_get_title (group->group));
      node.status = TOPIARY_STATUS_PUBLISHED;
      for (guint i = 0; i < group->articles->len; i++)
        {
          TopiaryMapArticle *a = g_ptr_array_index (group->articles, i);

          if (!kept (self, a))
            continue;
          node.status = MIN (node.status, topiary_article_get_status (a->article));
          node.words += topiary_article_get_word_count (a->article);
          node.articles++;
        }
      if (node.articles == 0)
        node.status = TOPIARY_STATUS_IDEA;
      /* A group left empty by the filter has no node; an empty group of
       * the plan has one. */
      if (node.articles > 0 || group->articles->len == 0)
        {
          node.radius = group_radius (node.articles, node.words);
          index = (int) self->nodes->len;
          g_array_append_val (self->nodes, node);
          add_hub (self, self->nodes->len - 1, TRUE, FALSE);
        }
      g_array_append_val (self->group_nodes, index);
    }

  ideas.kind = TOPIARY_GRAPH_NODE_IDEAS;
  ideas.label = keep (self, _("Ideas"));
  ideas.status = TOPIARY_STATUS_PUBLISHED;
  for (guint i = 0; i < unplaced->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (unplaced, i);

      if (!kept (self, a))
        continue;
      ideas.status = MIN (ideas.status, topiary_article_get_status (a->article));
      ideas.words = (guint) MIN ((guint64) ideas.words + topiary_article_get_word_count (a->article), G_MAXUINT);
      ideas.articles++;
    }
  if (ideas.articles > 0)
    {
      ideas.radius = group_radius (ideas.articles, ideas.words);
      g_array_append_val (self->nodes, ideas);
      add_hub (self, self->nodes->len - 1, TRUE, TRUE);
    }
}

TopiaryGraph *
topiary_graph_new (TopiaryLinker     *linker,
                   TopiaryGraphLevel  level)
{
  return topiary_graph_new_full (linker, level, TOPIARY_GRAPH_DEFAULT, NULL, NULL);
}

TopiaryGraph *
topiary_graph_new_full (TopiaryLinker          *linker,
                        TopiaryGraphLevel       level,
                        TopiaryGraphFlags       flags,
                        TopiaryGraphFilterFunc  keep_func,
                        gpointer                user_data)
{
  TopiaryGraph *self;
  TopiaryMap *map;
  GPtrArray *articles;
  int ideas_node = -1;

  g_return_val_if_fail (linker != NULL, NULL);
  g_return_val_if_fail (level == TOPIARY_GRAPH_ARTICLES || level == TOPIARY_GRAPH_GROUPS, NULL);

  map = topiary_linker_get_map (linker);
  self = g_new0 (TopiaryGraph, 1);
  self->level = level;
  self->nodes = g_array_new (FALSE, FALSE, sizeof (TopiaryGraphNode));
  self->edges = g_array_new (FALSE, FALSE, sizeof (TopiaryGraphEdge));
  self->hubs = g_array_new (FALSE, FALSE, sizeof (GraphHub));
  self->by_id = g_array_new (FALSE, FALSE, sizeof (GraphIdIndex));
  self->strings = g_string_chunk_new (4096);
  self->flags = flags;
  self->keep = keep_func;
  self->keep_data = user_data;
  self->group_nodes = g_array_new (FALSE, FALSE, sizeof (int));

  if (level == TOPIARY_GRAPH_ARTICLES)
    build_article_nodes (self, map);
  else
    {
      build_group_nodes (self, map);
      if (self->nodes->len > 0 &&
          g_array_index (self->nodes, TopiaryGraphNode, self->nodes->len - 1).kind == TOPIARY_GRAPH_NODE_IDEAS)
        ideas_node = (int) self->nodes->len - 1;
    }

  self->missing = g_array_sized_new (FALSE, TRUE, sizeof (guint), self->nodes->len);
  g_array_set_size (self->missing, self->nodes->len);

  if (level == TOPIARY_GRAPH_ARTICLES)
    {
      /* By source node, so the edges follow the nodes' order. */
      for (guint i = 0; i < self->nodes->len; i++)
        {
          const TopiaryGraphNode *n = &g_array_index (self->nodes, TopiaryGraphNode, i);

          add_edges_of (self, linker, topiary_map_lookup_article (map, n->article_id), ideas_node);
        }
    }
  else
    {
      articles = topiary_map_get_articles (map);
      for (guint i = 0; i < articles->len; i++)
        add_edges_of (self, linker, g_ptr_array_index (articles, i), ideas_node);
      merge_edges (self);
    }

  _topiary_graph_layout (self);
  self->keep = NULL;
  self->keep_data = NULL;
  return self;
}

void
topiary_graph_free (TopiaryGraph *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_array_unref (self->hubs);
  g_array_unref (self->by_id);
  g_array_unref (self->group_nodes);
  g_array_unref (self->missing);
  g_string_chunk_free (self->strings);
  g_free (self);
}

TopiaryGraphLevel
topiary_graph_get_level (TopiaryGraph *self)
{
  g_return_val_if_fail (self != NULL, TOPIARY_GRAPH_ARTICLES);
  return self->level;
}

guint
topiary_graph_get_n_nodes (TopiaryGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->nodes->len;
}

const TopiaryGraphNode *
topiary_graph_get_node (TopiaryGraph *self,
                        guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return &g_array_index (self->nodes, TopiaryGraphNode, index);
}

guint
topiary_graph_get_n_edges (TopiaryGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->edges->len;
}

const TopiaryGraphEdge *
topiary_graph_get_edge (TopiaryGraph *self,
                        guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, TopiaryGraphEdge, index);
}

void
topiary_graph_get_bounds (TopiaryGraph *self,
                          double       *x,
                          double       *y,
                          double       *width,
                          double       *height)
{
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const TopiaryGraphNode *n = &g_array_index (self->nodes, TopiaryGraphNode, i);

      if (i == 0 || n->x - n->radius < x0)
        x0 = n->x - n->radius;
      if (i == 0 || n->y - n->radius < y0)
        y0 = n->y - n->radius;
      if (i == 0 || n->x + n->radius > x1)
        x1 = n->x + n->radius;
      if (i == 0 || n->y + n->radius > y1)
        y1 = n->y + n->radius;
    }
  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
}

int
topiary_graph_node_at (TopiaryGraph *self,
                       double        x,
                       double        y)
{
  g_return_val_if_fail (self != NULL, -1);

  /* Drawn in order: the last one holding the point is on top. */
  for (guint i = self->nodes->len; i-- > 0; )
    {
      const TopiaryGraphNode *n = &g_array_index (self->nodes, TopiaryGraphNode, i);
      double dx = x - n->x, dy = y - n->y;

      if (dx * dx + dy * dy <= n->radius * n->radius)
        return (int) i;
    }
  return -1;
}

/* The distance from (@px, @py) to the segment (@ax, @ay)–(@bx, @by). */
static double
segment_distance (double px, double py,
                  double ax, double ay,
                  double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

int
topiary_graph_edge_at (TopiaryGraph *self,
                       double        x,
                       double        y,
                       double        tolerance)
{
  int best = -1;
  double best_distance = 0;

  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->edges->len; i++)
    {
      const TopiaryGraphEdge *e = &g_array_index (self->edges, TopiaryGraphEdge, i);
      const TopiaryGraphNode *a = &g_array_index (self->nodes, TopiaryGraphNode, e->from);
      const TopiaryGraphNode *b = &g_array_index (self->nodes, TopiaryGraphNode, e->to);
      double d = segment_distance (x, y, a->x, a->y, b->x, b->y);

      /* The later of two as near is drawn on top. */
      if (d <= tolerance && (best < 0 || d <= best_distance))
        {
          best = (int) i;
          best_distance = d;
        }
    }
  return best;
}

guint
topiary_graph_get_missing (TopiaryGraph *self,
                           guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->missing->len, 0);
  return g_array_index (self->missing, guint, index);
}

int
topiary_graph_find_article (TopiaryGraph *self,
                            gint64        article_id)
{
  GraphIdIndex key = { article_id, 0 };
  GraphIdIndex *found;

  g_return_val_if_fail (self != NULL, -1);

  if (self->by_id->len == 0)
    return -1;
  found = bsearch (&key, self->by_id->data, self->by_id->len, sizeof key, compare_ids);
  return found != NULL ? (int) found->node : -1;
}
