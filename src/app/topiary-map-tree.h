/* topiary-map-tree.h — the map as a lazily built tree of GListModels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-map-node.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_MAP_TREE (topiary_map_tree_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryMapTree, topiary_map_tree, TOPIARY, MAP_TREE, GObject)

TopiaryMapTree   *topiary_map_tree_new             (TopiaryProject *project);
/* Items are GtkTreeListRow whose items are TopiaryMapNode. */
GtkTreeListModel *topiary_map_tree_get_model       (TopiaryMapTree *self);
/* Re-reads the project and updates every child model built so far, keeping
 * rows (and so their expanded state) that did not move. */
void              topiary_map_tree_refresh         (TopiaryMapTree *self);
/* The map's figures as of the last refresh, counted as
 * topiary_project_get_stats() counts them; stats->notes is 0. */
void              topiary_map_tree_get_stats       (TopiaryMapTree *self,
                                                    TopiaryStats   *stats);
/* Expands the way to the article and returns its row position in the
 * model, or G_MAXUINT when the article is not in the map. */
guint             topiary_map_tree_reveal_article  (TopiaryMapTree *self,
                                                    gint64          article_id);
/* The parent node of @node in the tree, NULL for the root. */
TopiaryMapNode   *topiary_map_tree_get_parent      (TopiaryMapTree *self,
                                                    TopiaryMapNode *node);
/* The article (no body) of that id from the last refresh, or NULL. */
TopiaryArticle   *topiary_map_tree_lookup_article  (TopiaryMapTree *self,
                                                    gint64          article_id);
/* "Group · Status" of the article, for a search result; "" when unknown. */
char             *topiary_map_tree_dup_place       (TopiaryMapTree *self,
                                                    gint64          article_id);
/* Articles of the same level as @article (same group and parent), in
 * writing order; element type TopiaryArticle. */
GPtrArray        *topiary_map_tree_get_siblings    (TopiaryMapTree *self,
                                                    TopiaryArticle *article);

/* The pillars of the group, in writing order. */
GPtrArray        *topiary_map_tree_list_pillars     (TopiaryMapTree *self,
                                                     gint64          group_id);
/* Every article of the group: its pillars, each followed by its clusters,
 * then the clusters without a pillar, in tree order. */
GPtrArray        *topiary_map_tree_list_group_articles (TopiaryMapTree *self,
                                                        gint64          group_id);
/* The highest writing-order position among the articles of the group
 * (@parent_id 0) or the clusters of a pillar, ignoring @except_id; 0 when
 * there are none. */
gint64            topiary_map_tree_get_last_position (TopiaryMapTree *self,
                                                      gint64          group_id,
                                                      gint64          parent_id,
                                                      gint64          except_id);

G_END_DECLS
