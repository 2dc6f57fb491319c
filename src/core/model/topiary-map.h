/* topiary-map.h — the map of a project, read once: hierarchy, index, counts
 *
 * The rules of the map live here, so that the exporter, `topiary check`,
 * `topiary info` (and later the app's tree) read the same map:
 *
 *  - groups come in their order; each article in writing order;
 *  - an article belongs to the group its group id names; one whose group
 *    id is 0, or names no group, is unplaced (an idea of the map);
 *  - a group's pillar is its first article of kind pillar in writing
 *    order; further articles of kind pillar are listed in @pillars (check
 *    reports them) and count among the group's clusters;
 *  - an article hangs under its parent when its parent id names another
 *    article, else under its group's pillar (the pillar itself, and
 *    unplaced articles, hang under nothing);
 *  - wiki links are resolved by the one rule of topiary-link.h.
 *
 * Counts follow topiary_project_get_stats(): "ideas" means one thing, the
 * unplaced articles (the tree's Ideas folder) whatever their status;
 * pillars and clusters are the placed articles of that kind, whatever
 * their status (the status idea is counted among the statuses).
 *
 * The map is a snapshot: it does not follow later changes of the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-project.h"

G_BEGIN_DECLS

typedef struct _TopiaryMapGroup   TopiaryMapGroup;
typedef struct _TopiaryMapArticle TopiaryMapArticle;

typedef struct {
  guint   articles;
  guint   pillars;
  guint   clusters;
  guint   ideas;
  guint   published;
  guint64 words;
  guint   status[TOPIARY_N_STATUS];
} TopiaryMapCounts;

/* Owned by the map; read-only. */
struct _TopiaryMapArticle {
  TopiaryArticle    *article;   /* without its body */
  gint64             id;
  guint              index;     /* place in writing order */
  TopiaryMapGroup   *group;     /* NULL: unplaced */
  TopiaryMapArticle *parent;    /* what its parent id names, NULL for none or itself */
  TopiaryMapArticle *pillar;    /* what it hangs under: its parent, else its group's pillar */
  GPtrArray         *children;  /* TopiaryMapArticle *: those whose parent it is, in order */
};

/* Owned by the map; read-only. */
struct _TopiaryMapGroup {
  TopiaryGroup      *group;
  gint64             id;
  guint              index;     /* place among the groups */
  TopiaryMapArticle *pillar;    /* the first of @pillars, or NULL */
  GPtrArray         *articles;  /* TopiaryMapArticle *, writing order, pillar included */
  GPtrArray         *pillars;   /* those of kind pillar, writing order */
  GPtrArray         *clusters;  /* @articles without @pillar */
  TopiaryMapCounts   counts;
};

#define TOPIARY_TYPE_MAP (topiary_map_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryMap, topiary_map, TOPIARY, MAP, GObject)

/* Reads @project in one read transaction. NULL with @error set when it
 * cannot be read completely. */
TopiaryMap        *topiary_map_new              (TopiaryProject  *project,
                                                 GError         **error);

/* TopiaryMapGroup *, in order. */
GPtrArray         *topiary_map_get_groups       (TopiaryMap      *self);
/* TopiaryMapArticle *, every article in writing order. */
GPtrArray         *topiary_map_get_articles     (TopiaryMap      *self);
/* TopiaryMapArticle *, the unplaced articles in writing order. */
GPtrArray         *topiary_map_get_unplaced     (TopiaryMap      *self);

TopiaryMapGroup   *topiary_map_lookup_group     (TopiaryMap      *self,
                                                 gint64           group_id);
TopiaryMapArticle *topiary_map_lookup_article   (TopiaryMap      *self,
                                                 gint64           article_id);
/* The first article in writing order with exactly this slug. */
TopiaryMapArticle *topiary_map_lookup_slug      (TopiaryMap      *self,
                                                 const char      *slug);

/* The article a wiki-link target names (topiary-link.h), or NULL.
 * @heading (optional) receives the heading it names, or NULL. */
TopiaryMapArticle *topiary_map_resolve_link     (TopiaryMap      *self,
                                                 const char      *target,
                                                 char           **heading);

/* Every article, and the unplaced ones. */
const TopiaryMapCounts *topiary_map_get_counts          (TopiaryMap *self);
const TopiaryMapCounts *topiary_map_get_unplaced_counts (TopiaryMap *self);
/* The counts in the shape of topiary_project_get_stats(), notes included. */
void               topiary_map_get_stats        (TopiaryMap      *self,
                                                 TopiaryStats    *stats);

G_END_DECLS
