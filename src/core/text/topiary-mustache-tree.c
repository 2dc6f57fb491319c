/* topiary-mustache-tree.c — a template's tokens to its tree (pass 4),
 * with the blocks passed to parents dedented
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-mustache.h"
#include "topiary-mustache-private.h"

/* ---- tree ---- */

static gsize
common_prefix (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  gsize n = 0;

  while (n < a_len && n < b_len && a[n] == b[n])
    n++;
  return n;
}

static void
strip_indent (char       **indent,
              const char  *prefix,
              gsize        prefix_len)
{
  gsize len, n;

  if (*indent == NULL)
    return;
  len = strlen (*indent);
  n = common_prefix (*indent, len, prefix, prefix_len);
  memmove (*indent, *indent + n, len - n + 1);
}

/* Removes @prefix from the start of every line in @nodes: the block's own
 * indentation, added back where the parent expands it. Blocks passed to a
 * nested parent live in their own world and were dedented already. */
static void
dedent (Node       **nodes,
        guint        n_nodes,
        const char  *prefix,
        gsize        prefix_len)
{
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *node = nodes[i];

      switch (node->type)
        {
        case NODE_MARKER:
          if (i + 1 < n_nodes && nodes[i + 1]->type == NODE_TEXT)
            {
              Node *text = nodes[i + 1];
              gsize n = common_prefix (text->text, text->len, prefix, prefix_len);

              text->text += n;
              text->len -= n;
            }
          break;

        case NODE_PARTIAL:
        case NODE_PARENT:
          strip_indent (&node->indent, prefix, prefix_len);
          break;

        case NODE_BLOCK:
          strip_indent (&node->indent, prefix, prefix_len);
          dedent (node->children, node->n_children, prefix, prefix_len);
          break;

        case NODE_SECTION:
        case NODE_INVERTED:
          dedent (node->children, node->n_children, prefix, prefix_len);
          break;

        case NODE_TEXT:
        case NODE_VAR:
        case NODE_RAW:
        default:
          break;
        }
    }
}

static gsize
leading_blank (const char *s,
               gsize       len)
{
  gsize n = 0;

  while (n < len && (s[n] == ' ' || s[n] == '\t'))
    n++;
  return n;
}

static void
finish_block (Node     *node,
              gboolean  argument)
{
  Node **kids = node->children;
  guint n = node->n_children;

  if (argument)
    {
      if (n >= 2 && kids[0]->type == NODE_MARKER && kids[1]->type == NODE_TEXT)
        {
          gsize ws = leading_blank (kids[1]->text, kids[1]->len);

          if (ws > 0)
            {
              g_autofree char *prefix = g_strndup (kids[1]->text, ws);

              dedent (kids, n, prefix, ws);
            }
        }
    }
  else if (node->mode == BLOCK_STANDALONE && n > 0)
    {
      /* The default content decides the indentation, so that a block
       * written with indented default text expands at that indentation. */
      g_free (node->indent);
      if (n >= 2 && kids[0]->type == NODE_MARKER && kids[1]->type == NODE_TEXT)
        node->indent = g_strndup (kids[1]->text, leading_blank (kids[1]->text, kids[1]->len));
      else
        node->indent = g_strdup ("");
    }
}

static gboolean
make_path (Compiler  *c,
           Node      *node,
           GError   **error)
{
  if (strcmp (node->name, ".") == 0)
    return TRUE;

  node->path = g_strsplit (node->name, ".", -1);
  for (guint i = 0; node->path[i]; i++)
    if (node->path[i][0] == '\0')
      {
        g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                     _("%s:%u: “%s” is not a valid name"), c->name, node->line, node->name);
        return FALSE;
      }
  return TRUE;
}

static void
set_children (Node      *node,
              GPtrArray *kids)
{
  node->n_children = kids->len;
  node->children = (Node **) g_ptr_array_free (kids, kids->len == 0);
}

Node *
_topiary_mustache_build_tree (Compiler  *c,
                              GError   **error)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GPtrArray *kids = g_ptr_array_new ();
  Node *root = _topiary_mustache_node_new (NODE_SECTION, 0);

  g_ptr_array_add (nodes, root);

  for (guint i = 0; i < c->toks->len; i++)
    {
      Token *tok = tok_at (c, i);
      Node *node = NULL;
      gboolean opens = FALSE;

      if (tok->dropped)
        continue;

      switch (tok->type)
        {
        case TOK_TEXT:
          if (tok->len == 0)
            continue;
          if (kids->len > 0)
            {
              Node *last = g_ptr_array_index (kids, kids->len - 1);

              if (last->type == NODE_TEXT && last->text + last->len == c->src + tok->start)
                {
                  last->len += tok->len;
                  continue;
                }
            }
          node = _topiary_mustache_node_new (NODE_TEXT, tok->line);
          node->text = c->src + tok->start;
          node->len = tok->len;
          break;

        case TOK_MARKER:
          node = _topiary_mustache_node_new (NODE_MARKER, tok->line);
          break;

        case TOK_COMMENT:
        case TOK_DELIM:
          continue;

        case TOK_VAR:
        case TOK_RAW:
        case TOK_PARTIAL:
          node = _topiary_mustache_node_new (tok->type == TOK_VAR ? NODE_VAR :
                                             tok->type == TOK_RAW ? NODE_RAW : NODE_PARTIAL, tok->line);
          node->name = g_strndup (c->src + tok->start, tok->len);
          node->indent = g_steal_pointer (&tok->indent);
          break;

        case TOK_SECTION:
        case TOK_INVERTED:
        case TOK_PARENT:
        case TOK_BLOCK:
          node = _topiary_mustache_node_new (tok->type == TOK_SECTION ? NODE_SECTION :
                                             tok->type == TOK_INVERTED ? NODE_INVERTED :
                                             tok->type == TOK_PARENT ? NODE_PARENT : NODE_BLOCK, tok->line);
          node->name = g_strndup (c->src + tok->start, tok->len);
          node->indent = g_steal_pointer (&tok->indent);
          node->mode = tok->mode;
          opens = TRUE;
          break;

        case TOK_CLOSE:
          {
            Node *open = g_ptr_array_index (nodes, nodes->len - 1);
            GPtrArray *outer = g_ptr_array_index (frames, frames->len - 1);

            if (open->type == NODE_PARENT)
              {
                /* Only the blocks inside a parent matter. */
                GPtrArray *args = g_ptr_array_new ();

                for (guint k = 0; k < kids->len; k++)
                  {
                    Node *kid = g_ptr_array_index (kids, k);

                    if (kid->type == NODE_BLOCK)
                      g_ptr_array_add (args, kid);
                    else
                      _topiary_mustache_node_free (kid);
                  }
                g_ptr_array_free (kids, TRUE);
                kids = args;
              }

            set_children (open, kids);
            if (open->type == NODE_BLOCK)
              finish_block (open, is_argument (c, tok_at (c, tok->pair)));

            kids = outer;
            g_ptr_array_set_size (frames, frames->len - 1);
            g_ptr_array_set_size (nodes, nodes->len - 1);
          }
          continue;

        default:
          g_assert_not_reached ();
        }

      if ((node->type == NODE_VAR || node->type == NODE_RAW ||
           node->type == NODE_SECTION || node->type == NODE_INVERTED) &&
          !make_path (c, node, error))
        {
          _topiary_mustache_node_free (node);
          goto fail;
        }

      g_ptr_array_add (kids, node);
      if (opens)
        {
          g_ptr_array_add (frames, kids);
          g_ptr_array_add (nodes, node);
          kids = g_ptr_array_new ();
        }
    }

  g_assert (frames->len == 0);
  set_children (root, kids);
  return root;

fail:
  /* Every open frame's children are owned by nobody yet. */
  g_ptr_array_add (frames, kids);
  for (guint f = 0; f < frames->len; f++)
    {
      GPtrArray *arr = g_ptr_array_index (frames, f);

      for (guint k = 0; k < arr->len; k++)
        {
          Node *kid = g_ptr_array_index (arr, k);

          /* Open nodes have no children attached yet. */
          _topiary_mustache_node_free (kid);
        }
      g_ptr_array_free (arr, TRUE);
    }
  g_free (root);
  return NULL;
}
