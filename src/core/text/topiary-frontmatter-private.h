/* topiary-frontmatter-private.h — the tree the YAML and TOML readers build
 * and topiary-frontmatter.c reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Front matter is a handful of keys; anything nested deeper than this is not
 * metadata we could use, and a limit keeps the tree walks shallow. */
#define MAX_DEPTH 32

typedef enum {
  NODE_NULL,
  NODE_SCALAR,
  NODE_LIST,
  NODE_MAP,
} NodeType;

typedef struct _Node Node;
struct _Node {
  NodeType   type;
  char      *key;       /* set on the children of a map */
  char      *value;     /* NODE_SCALAR */
  GPtrArray *children;  /* NODE_LIST, NODE_MAP */
};

/* topiary-frontmatter.c */
Node *_topiary_front_matter_node_new        (NodeType     type);
void  _topiary_front_matter_node_free       (gpointer     data);
Node *_topiary_front_matter_node_map_lookup (Node        *map,
                                             const char  *key,
                                             gsize        key_len);

/* topiary-frontmatter-yaml.c, topiary-frontmatter-toml.c: the block's
 * tree, a NODE_MAP; NULL with @error set when it does not parse. */
Node *_topiary_front_matter_parse_yaml      (const char  *block,
                                             gsize        length,
                                             GError     **error);
Node *_topiary_front_matter_parse_toml      (const char  *block,
                                             gsize        length,
                                             GError     **error);

G_END_DECLS
