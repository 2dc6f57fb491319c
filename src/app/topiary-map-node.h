/* topiary-map-node.h — one row of the map tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-article.h"
#include "topiary-group.h"

G_BEGIN_DECLS

typedef enum {
  TOPIARY_MAP_NODE_MAP,
  TOPIARY_MAP_NODE_GROUP,
  TOPIARY_MAP_NODE_IDEAS,
  TOPIARY_MAP_NODE_INTENT,
  TOPIARY_MAP_NODE_ARTICLE,
} TopiaryMapNodeKind;

#define TOPIARY_TYPE_MAP_NODE (topiary_map_node_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryMapNode, topiary_map_node, TOPIARY, MAP_NODE, GObject)

TopiaryMapNode     *topiary_map_node_new           (TopiaryMapNodeKind  kind,
                                                    const char         *key);
TopiaryMapNodeKind  topiary_map_node_get_kind      (TopiaryMapNode     *self);
/* Stable identity inside one tree: "map", "g:12", "ideas", "n:how-to", "a:7". */
const char         *topiary_map_node_get_key       (TopiaryMapNode     *self);
const char         *topiary_map_node_get_title     (TopiaryMapNode     *self);
void                topiary_map_node_set_title     (TopiaryMapNode     *self,
                                                    const char         *title);
const char         *topiary_map_node_get_subtitle  (TopiaryMapNode     *self);
void                topiary_map_node_set_subtitle  (TopiaryMapNode     *self,
                                                    const char         *subtitle);
const char         *topiary_map_node_get_icon_name (TopiaryMapNode     *self);
/* The article of an ARTICLE node, NULL otherwise. */
TopiaryArticle     *topiary_map_node_get_article   (TopiaryMapNode     *self);
void                topiary_map_node_set_article   (TopiaryMapNode     *self,
                                                    TopiaryArticle     *article);
/* The group of a GROUP node, NULL otherwise. */
TopiaryGroup       *topiary_map_node_get_group     (TopiaryMapNode     *self);
void                topiary_map_node_set_group     (TopiaryMapNode     *self,
                                                    TopiaryGroup       *group);
/* The intent of an INTENT node ("" for ideas without one). */
const char         *topiary_map_node_get_intent    (TopiaryMapNode     *self);
void                topiary_map_node_set_intent    (TopiaryMapNode     *self,
                                                    const char         *intent);
gint64              topiary_map_node_get_id        (TopiaryMapNode     *self);

G_END_DECLS
