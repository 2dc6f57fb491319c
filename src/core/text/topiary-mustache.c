/* topiary-mustache.c — a logic-less Mustache renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compilation happens in four passes over the source:
 *
 *  1. tokenize: text (split after every newline), tags, and a "line start"
 *     marker wherever a template line begins;
 *  2. pair opening and closing tags, reporting mismatches;
 *  3. decide which tags are standalone and drop the whitespace and newline
 *     around them (and the marker of a dropped line);
 *  4. build the tree.
 *
 * Line-start markers carry indentation: a standalone partial or parent
 * pushes its leading whitespace, and every marker rendered inside it emits
 * the accumulated indentation. Markers come from template text only, so
 * newlines inside interpolated data are never indented.
 *
 * Blocks passed to a parent are "dedented" once at compile time by their
 * intrinsic indentation (that of their first line) and re-indented at the
 * place where the parent expands them.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-mustache.h"
#include "topiary-mustache-private.h"

G_DEFINE_QUARK (topiary-mustache-error-quark, topiary_mustache_error)

G_DEFINE_BOXED_TYPE (TopiaryMustacheTemplate, topiary_mustache_template,
                     topiary_mustache_template_ref,
                     topiary_mustache_template_unref)

void
_topiary_mustache_node_free (Node *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_children; i++)
    _topiary_mustache_node_free (node->children[i]);
  g_free (node->children);
  g_free (node->name);
  g_strfreev (node->path);
  g_free (node->indent);
  g_free (node);
}

Node *
_topiary_mustache_node_new (NodeType type,
                            guint    line)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  node->line = line;
  return node;
}

TopiaryMustacheTemplate *
topiary_mustache_template_new (const char  *name,
                               const char  *source,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(TopiaryMustacheTemplate) self = NULL;
  Compiler c = { 0 };

  g_return_val_if_fail (source != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "template";
  if (length < 0)
    length = (gssize) strlen (source);

  self = g_new0 (TopiaryMustacheTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->source = g_strndup (source ? source : "", (gsize) length);
  self->length = (gsize) length;

  c.name = self->name;
  c.src = self->source;
  c.len = self->length;
  c.toks = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (c.toks, _topiary_mustache_clear_token);

  if (_topiary_mustache_tokenize (&c, error) && _topiary_mustache_pair_tags (&c, error))
    {
      _topiary_mustache_mark_standalone (&c);
      self->root = _topiary_mustache_build_tree (&c, error);
    }

  g_array_unref (c.toks);

  if (self->root == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

TopiaryMustacheTemplate *
topiary_mustache_template_ref (TopiaryMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
topiary_mustache_template_unref (TopiaryMustacheTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      _topiary_mustache_node_free (self->root);
      g_free (self->name);
      g_free (self->source);
      g_free (self);
    }
}

const char *
topiary_mustache_template_get_name (TopiaryMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}
