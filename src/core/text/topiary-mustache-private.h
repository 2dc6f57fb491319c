/* topiary-mustache-private.h — what the Mustache compiler's passes and
 * the renderer share: the tokens, the tree and the template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-mustache.h"

G_BEGIN_DECLS

/* Partials, parents and substituted blocks nested deeper than this are
 * taken for endless recursion. */
#define MAX_DEPTH 100
/* Sections nested deeper than this in one template are refused. */
#define MAX_NESTING 256

typedef enum {
  TOK_TEXT,
  TOK_MARKER,
  TOK_VAR,
  TOK_RAW,
  TOK_COMMENT,
  TOK_DELIM,
  TOK_SECTION,
  TOK_INVERTED,
  TOK_CLOSE,
  TOK_PARTIAL,
  TOK_PARENT,
  TOK_BLOCK,
} TokType;

typedef enum {
  BLOCK_INLINE,      /* expanded where it stands */
  BLOCK_PAIR,        /* "  {{$b}}…{{/b}}\n": lines after the first indented */
  BLOCK_STANDALONE,  /* the opening tag alone on its line: every line indented */
} BlockMode;

typedef struct {
  TokType type;
  guint   line;
  gsize   start;       /* TEXT: slice of the source; tags: the name */
  gsize   len;
  int     pair;        /* matching opening or closing tag */
  int     enclosing;   /* innermost opening tag around this token */
  int     left_from;   /* first token of the blank run before a tag */
  int     right_to;    /* last token of the blank run after a tag */
  guint   left_clear : 1;
  guint   right_clear : 1;
  guint   dropped : 1;
  BlockMode mode;
  char   *indent;
} Token;

typedef enum {
  NODE_TEXT,
  NODE_MARKER,
  NODE_VAR,
  NODE_RAW,
  NODE_SECTION,
  NODE_INVERTED,
  NODE_PARTIAL,
  NODE_PARENT,
  NODE_BLOCK,
} NodeType;

typedef struct _Node Node;

struct _Node {
  NodeType    type;
  BlockMode   mode;
  guint       line;
  guint       n_children;
  const char *text;      /* NODE_TEXT: points into the template's source */
  gsize       len;
  char       *name;
  char      **path;      /* the dotted name split; NULL for "." */
  char       *indent;    /* partials, parents and blocks */
  Node      **children;  /* parents: only their argument blocks */
};

struct _TopiaryMustacheTemplate {
  gatomicrefcount ref_count;
  char  *name;
  char  *source;
  gsize  length;
  Node  *root;
};

typedef struct {
  const char *name;
  const char *src;
  gsize       len;
  GArray     *toks;
} Compiler;

static inline Token *
tok_at (Compiler *c,
        int       i)
{
  return &g_array_index (c->toks, Token, i);
}

static inline gboolean
is_argument (Compiler *c,
             Token    *block)
{
  return block->enclosing >= 0 && tok_at (c, block->enclosing)->type == TOK_PARENT;
}

/* topiary-mustache.c */
void  _topiary_mustache_node_free   (Node      *node);
Node *_topiary_mustache_node_new    (NodeType   type,
                                     guint      line);

/* topiary-mustache-parse.c: passes 1 to 3 */
void     _topiary_mustache_clear_token     (gpointer   data);
gboolean _topiary_mustache_tokenize        (Compiler  *c,
                                            GError   **error);
gboolean _topiary_mustache_pair_tags       (Compiler  *c,
                                            GError   **error);
void     _topiary_mustache_mark_standalone (Compiler  *c);

/* topiary-mustache-tree.c: pass 4 */
Node    *_topiary_mustache_build_tree      (Compiler  *c,
                                            GError   **error);

G_END_DECLS
