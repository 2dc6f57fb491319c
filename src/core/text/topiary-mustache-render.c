/* topiary-mustache-render.c — a compiled template rendered against JSON data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-escape.h"
#include "topiary-mustache.h"
#include "topiary-mustache-private.h"

/* ---- rendering ---- */

/* The blocks passed to the parents being expanded, innermost first. */
typedef struct _Scope Scope;
struct _Scope {
  Node  *parent;
  Scope *outer;
};

typedef struct {
  GString                   *out;
  GPtrArray                 *stack;
  GString                   *indent;
  TopiaryMustachePartialFunc partials;
  gpointer                   user_data;
  guint                      depth;
} Render;

static JsonNode *
lookup (Render *r,
        Node   *node)
{
  JsonNode *found = NULL;

  if (r->stack->len == 0)
    return NULL;

  if (node->path == NULL)
    return g_ptr_array_index (r->stack, r->stack->len - 1);

  for (guint i = r->stack->len; i > 0; i--)
    {
      JsonNode *ctx = g_ptr_array_index (r->stack, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (ctx))
        {
          found = json_object_get_member (json_node_get_object (ctx), node->path[0]);
          if (found != NULL)
            break;
        }
    }

  for (guint k = 1; found != NULL && node->path[k] != NULL; k++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (found))
        return NULL;
      found = json_object_get_member (json_node_get_object (found), node->path[k]);
    }

  return found;
}

static gboolean
is_falsey (JsonNode *value)
{
  if (value == NULL)
    return TRUE;

  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_ARRAY:
      return json_array_get_length (json_node_get_array (value)) == 0;
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (value);

        if (type == G_TYPE_BOOLEAN)
          return !json_node_get_boolean (value);
        if (type == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (value);
            return s == NULL || *s == '\0';
          }
        return FALSE;
      }
    case JSON_NODE_OBJECT:
    default:
      return FALSE;
    }
}

static void
append_value (Render   *r,
              JsonNode *value,
              gboolean  escape)
{
  GType type;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;

  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (value);

      if (escape)
        /* The value may land in an attribute: quotes are escaped too. */
        topiary_escape_append (r->out, s, -1, TOPIARY_ESCAPE_HTML_ATTRIBUTE);
      else if (s != NULL)
        g_string_append (r->out, s);
    }
  else if (type == G_TYPE_INT64)
    g_string_append_printf (r->out, "%" G_GINT64_FORMAT, json_node_get_int (value));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double d = json_node_get_double (value);

      /* The shortest form that reads back the same: 1.21, not 1.2099…. */
      g_ascii_formatd (buf, sizeof buf, "%.15g", d);
      if (g_ascii_strtod (buf, NULL) != d)
        g_ascii_formatd (buf, sizeof buf, "%.17g", d);
      g_string_append (r->out, buf);
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (r->out, json_node_get_boolean (value) ? "true" : "false");
}

static gboolean render_nodes (Render   *r,
                              Node    **nodes,
                              guint     n_nodes,
                              Scope    *scope,
                              GError  **error);

static gboolean
enter (Render  *r,
       Node    *node,
       GError **error)
{
  if (r->depth >= MAX_DEPTH)
    {
      g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_RECURSION,
                   _("Templates nest too deeply at “%s” (line %u): a partial or block includes itself endlessly"),
                   node->name, node->line);
      return FALSE;
    }
  r->depth++;
  return TRUE;
}

static gboolean
render_partial (Render  *r,
                Node    *node,
                Scope   *scope,
                GError **error)
{
  g_autoptr(TopiaryMustacheTemplate) partial = NULL;
  GError *local_error = NULL;
  Scope inner = { node, scope };
  gsize indent_len = r->indent->len;
  gboolean ret;

  if (r->partials == NULL)
    return TRUE;

  partial = r->partials (node->name, r->user_data, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (partial == NULL)
    return TRUE;

  if (!enter (r, node, error))
    return FALSE;

  if (node->indent != NULL)
    g_string_append (r->indent, node->indent);
  ret = render_nodes (r, partial->root->children, partial->root->n_children,
                      node->type == NODE_PARENT ? &inner : scope, error);
  g_string_truncate (r->indent, indent_len);
  r->depth--;

  return ret;
}

static Node *
find_override (Scope      *scope,
               const char *name)
{
  Node *found = NULL;

  /* The outermost substitution wins. */
  for (; scope != NULL; scope = scope->outer)
    for (guint i = 0; i < scope->parent->n_children; i++)
      if (strcmp (scope->parent->children[i]->name, name) == 0)
        {
          found = scope->parent->children[i];
          break;
        }

  return found;
}

static gboolean
render_block (Render  *r,
              Node    *node,
              Scope   *scope,
              GError **error)
{
  Node *arg = find_override (scope, node->name);
  gsize indent_len = r->indent->len;
  Node **kids;
  guint n;
  gboolean ret;

  if (arg == NULL)
    return render_nodes (r, node->children, node->n_children, scope, error);

  if (!enter (r, node, error))
    return FALSE;

  kids = arg->children;
  n = arg->n_children;
  if (node->indent != NULL)
    g_string_append (r->indent, node->indent);

  if (node->mode == BLOCK_STANDALONE && (n == 0 || kids[0]->type != NODE_MARKER))
    g_string_append_len (r->out, r->indent->str, r->indent->len);
  else if (node->mode == BLOCK_PAIR && n > 0 && kids[0]->type == NODE_MARKER)
    {
      /* The parent's own text already indents the first line. */
      kids++;
      n--;
    }

  ret = render_nodes (r, kids, n, scope, error);
  g_string_truncate (r->indent, indent_len);
  r->depth--;

  return ret;
}

static gboolean
render_nodes (Render  *r,
              Node   **nodes,
              guint    n_nodes,
              Scope   *scope,
              GError **error)
{
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *node = nodes[i];

      switch (node->type)
        {
        case NODE_TEXT:
          g_string_append_len (r->out, node->text, node->len);
          break;

        case NODE_MARKER:
          if (r->indent->len > 0)
            g_string_append_len (r->out, r->indent->str, r->indent->len);
          break;

        case NODE_VAR:
        case NODE_RAW:
          append_value (r, lookup (r, node), node->type == NODE_VAR);
          break;

        case NODE_SECTION:
          {
            JsonNode *value = lookup (r, node);

            if (is_falsey (value))
              break;

            if (JSON_NODE_HOLDS_ARRAY (value))
              {
                JsonArray *array = json_node_get_array (value);
                guint len = json_array_get_length (array);

                for (guint k = 0; k < len; k++)
                  {
                    gboolean ok;

                    g_ptr_array_add (r->stack, json_array_get_element (array, k));
                    ok = render_nodes (r, node->children, node->n_children, scope, error);
                    g_ptr_array_set_size (r->stack, r->stack->len - 1);
                    if (!ok)
                      return FALSE;
                  }
              }
            else
              {
                gboolean ok;

                g_ptr_array_add (r->stack, value);
                ok = render_nodes (r, node->children, node->n_children, scope, error);
                g_ptr_array_set_size (r->stack, r->stack->len - 1);
                if (!ok)
                  return FALSE;
              }
          }
          break;

        case NODE_INVERTED:
          if (is_falsey (lookup (r, node)) &&
              !render_nodes (r, node->children, node->n_children, scope, error))
            return FALSE;
          break;

        case NODE_PARTIAL:
        case NODE_PARENT:
          if (!render_partial (r, node, scope, error))
            return FALSE;
          break;

        case NODE_BLOCK:
          if (!render_block (r, node, scope, error))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

gboolean
topiary_mustache_template_render_to (TopiaryMustacheTemplate    *self,
                                     GString                    *out,
                                     JsonNode                   *context,
                                     TopiaryMustachePartialFunc  partials,
                                     gpointer                    user_data,
                                     GError                    **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) indent = g_string_new (NULL);
  Render r = { 0 };
  gsize start_len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (context != NULL)
    g_ptr_array_add (stack, context);

  r.out = out;
  r.stack = stack;
  r.indent = indent;
  r.partials = partials;
  r.user_data = user_data;

  start_len = out->len;
  if (!render_nodes (&r, self->root->children, self->root->n_children, NULL, error))
    {
      g_string_truncate (out, start_len);
      return FALSE;
    }

  return TRUE;
}

gboolean
topiary_mustache_template_render_object (TopiaryMustacheTemplate    *self,
                                         GString                    *out,
                                         JsonObject                 *context,
                                         TopiaryMustachePartialFunc  partials,
                                         gpointer                    user_data,
                                         GError                    **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  /* Wrapping takes a reference; the members are not copied. */
  node = json_node_init_object (json_node_alloc (), context);
  return topiary_mustache_template_render_to (self, out, node, partials, user_data, error);
}

char *
topiary_mustache_template_render (TopiaryMustacheTemplate    *self,
                                  JsonNode                   *context,
                                  TopiaryMustachePartialFunc  partials,
                                  gpointer                    user_data,
                                  GError                    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (!topiary_mustache_template_render_to (self, out, context, partials, user_data, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
