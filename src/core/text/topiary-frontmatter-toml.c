/* topiary-frontmatter-toml.c — TOML front matter (the subset Hugo uses) read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"
#include "topiary-frontmatter-private.h"

#include <stdlib.h>
#include <string.h>

/* ---- TOML (the subset front matter uses) ---- */

typedef struct {
  const char *p;
  const char *end;
  guint       line;
  GError    **error;
} Toml;

static gboolean
toml_fail (Toml       *t,
           const char *what)
{
  if (t->error != NULL && *t->error == NULL)
    g_set_error (t->error, TOPIARY_FRONT_MATTER_ERROR,
                 TOPIARY_FRONT_MATTER_ERROR_INVALID,
                 "The front matter is not valid TOML (line %u: %s).",
                 t->line, what);
  return FALSE;
}

static void
toml_skip_blanks (Toml *t)
{
  while (t->p < t->end && (*t->p == ' ' || *t->p == '\t'))
    t->p++;
}

static void
toml_skip_comment (Toml *t)
{
  if (t->p < t->end && *t->p == '#')
    while (t->p < t->end && *t->p != '\n')
      t->p++;
}

/* Blanks, newlines and comments: inside arrays and between lines. */
static void
toml_skip_space (Toml *t)
{
  for (;;)
    {
      toml_skip_blanks (t);
      toml_skip_comment (t);
      if (t->p < t->end && (*t->p == '\n' || *t->p == '\r'))
        {
          if (*t->p == '\n')
            t->line++;
          t->p++;
          continue;
        }
      break;
    }
}

static gboolean
toml_at_line_end (Toml *t)
{
  toml_skip_blanks (t);
  toml_skip_comment (t);
  return t->p == t->end || *t->p == '\n' || *t->p == '\r';
}

static gboolean
toml_escape (Toml    *t,
             GString *out)
{
  char c;

  if (t->p >= t->end)
    return toml_fail (t, "unfinished escape");
  c = *t->p++;
  switch (c)
    {
    case 'b': g_string_append_c (out, '\b'); return TRUE;
    case 't': g_string_append_c (out, '\t'); return TRUE;
    case 'n': g_string_append_c (out, '\n'); return TRUE;
    case 'f': g_string_append_c (out, '\f'); return TRUE;
    case 'r': g_string_append_c (out, '\r'); return TRUE;
    case 'e': g_string_append_c (out, 0x1b); return TRUE;
    case '"': g_string_append_c (out, '"'); return TRUE;
    case '\\': g_string_append_c (out, '\\'); return TRUE;
    case 'u':
    case 'U':
      {
        int digits = c == 'u' ? 4 : 8;
        gunichar ch = 0;

        for (int i = 0; i < digits; i++)
          {
            int v;

            if (t->p >= t->end || (v = g_ascii_xdigit_value (*t->p)) < 0)
              return toml_fail (t, "bad \\u escape");
            ch = ch * 16 + (gunichar) v;
            t->p++;
          }
        /* NUL and invalid code points would break the strings we hand on. */
        if (ch == 0 || !g_unichar_validate (ch))
          return toml_fail (t, "bad \\u escape");
        g_string_append_unichar (out, ch);
        return TRUE;
      }
    default:
      return toml_fail (t, "unknown escape");
    }
}

static char *
toml_string (Toml *t)
{
  char quote = *t->p;
  gboolean multi = FALSE;
  GString *out = g_string_new (NULL);

  if (t->end - t->p >= 3 && t->p[1] == quote && t->p[2] == quote)
    {
      multi = TRUE;
      t->p += 3;
      /* A newline right after the opening quotes is trimmed. */
      if (t->p < t->end && *t->p == '\n')
        t->p++, t->line++;
      else if (t->end - t->p >= 2 && t->p[0] == '\r' && t->p[1] == '\n')
        t->p += 2, t->line++;
    }
  else
    t->p++;

  for (;;)
    {
      char c;

      if (t->p >= t->end)
        {
          toml_fail (t, "unfinished string");
          return g_string_free (out, TRUE), NULL;
        }
      c = *t->p;
      if (multi && t->end - t->p >= 3 && c == quote && t->p[1] == quote && t->p[2] == quote)
        {
          t->p += 3;
          break;
        }
      if (!multi && c == quote)
        {
          t->p++;
          break;
        }
      if (!multi && c == '\n')
        {
          toml_fail (t, "line break in a string");
          return g_string_free (out, TRUE), NULL;
        }
      if (c == '\n')
        t->line++;
      if (quote == '"' && c == '\\')
        {
          t->p++;
          if (multi && t->p < t->end && (*t->p == '\n' || *t->p == ' ' || *t->p == '\t' || *t->p == '\r'))
            {
              /* A line-ending backslash joins lines. */
              while (t->p < t->end && g_ascii_isspace (*t->p))
                {
                  if (*t->p == '\n')
                    t->line++;
                  t->p++;
                }
              continue;
            }
          if (!toml_escape (t, out))
            return g_string_free (out, TRUE), NULL;
          continue;
        }
      g_string_append_c (out, c);
      t->p++;
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_bare_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* A dotted key, as parts. */
static GPtrArray *
toml_key (Toml *t)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      toml_skip_blanks (t);
      if (t->p < t->end && (*t->p == '"' || *t->p == '\''))
        {
          char *part;

          if (t->end - t->p >= 3 && t->p[1] == *t->p && t->p[2] == *t->p)
            {
              toml_fail (t, "bad key");
              return NULL;
            }
          if ((part = toml_string (t)) == NULL)
            return NULL;
          g_ptr_array_add (parts, part);
        }
      else
        {
          const char *start = t->p;

          while (t->p < t->end && is_bare_key_char (*t->p))
            t->p++;
          if (t->p == start)
            {
              toml_fail (t, "missing key");
              return NULL;
            }
          g_ptr_array_add (parts, g_strndup (start, (gsize) (t->p - start)));
        }
      toml_skip_blanks (t);
      if (t->p < t->end && *t->p == '.')
        {
          t->p++;
          continue;
        }
      break;
    }
  if (parts->len > MAX_DEPTH)
    {
      toml_fail (t, "key nested too deeply");
      return NULL;
    }
  return g_steal_pointer (&parts);
}

/* The map @parts names under @table, created as needed. */
static Node *
toml_descend (Toml      *t,
              Node      *table,
              GPtrArray *parts,
              guint      n_parts)
{
  Node *node = table;

  for (guint i = 0; i < n_parts; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      Node *child = _topiary_front_matter_node_map_lookup (node, part, strlen (part));

      if (child != NULL && child->type == NODE_LIST && child->children->len > 0)
        {
          /* [[array]] tables: the last element. */
          child = g_ptr_array_index (child->children, child->children->len - 1);
        }
      if (child == NULL)
        {
          child = _topiary_front_matter_node_new (NODE_MAP);
          child->key = g_strdup (part);
          g_ptr_array_add (node->children, child);
        }
      if (child->type != NODE_MAP)
        {
          toml_fail (t, "a key is both a value and a table");
          return NULL;
        }
      node = child;
    }
  return node;
}

static Node *toml_value (Toml *t, guint depth);

static Node *
toml_array (Toml  *t,
            guint  depth)
{
  Node *list = _topiary_front_matter_node_new (NODE_LIST);

  t->p++;
  for (;;)
    {
      Node *item;

      toml_skip_space (t);
      if (t->p >= t->end)
        {
          _topiary_front_matter_node_free (list);
          toml_fail (t, "unfinished list");
          return NULL;
        }
      if (*t->p == ']')
        {
          t->p++;
          return list;
        }
      if ((item = toml_value (t, depth + 1)) == NULL)
        {
          _topiary_front_matter_node_free (list);
          return NULL;
        }
      g_ptr_array_add (list->children, item);
      toml_skip_space (t);
      if (t->p < t->end && *t->p == ',')
        t->p++;
      else if (t->p < t->end && *t->p != ']')
        {
          _topiary_front_matter_node_free (list);
          toml_fail (t, "expected ',' or ']'");
          return NULL;
        }
    }
}

static gboolean toml_assign (Toml *t, Node *table, guint depth);

static Node *
toml_inline_table (Toml  *t,
                   guint  depth)
{
  Node *map = _topiary_front_matter_node_new (NODE_MAP);

  t->p++;
  for (;;)
    {
      toml_skip_blanks (t);
      if (t->p >= t->end)
        {
          _topiary_front_matter_node_free (map);
          toml_fail (t, "unfinished table");
          return NULL;
        }
      if (*t->p == '}')
        {
          t->p++;
          return map;
        }
      if (!toml_assign (t, map, depth + 1))
        {
          _topiary_front_matter_node_free (map);
          return NULL;
        }
      toml_skip_blanks (t);
      if (t->p < t->end && *t->p == ',')
        t->p++;
      else if (t->p < t->end && *t->p != '}')
        {
          _topiary_front_matter_node_free (map);
          toml_fail (t, "expected ',' or '}'");
          return NULL;
        }
    }
}

static Node *
toml_value (Toml  *t,
            guint  depth)
{
  Node *node;

  if (depth > MAX_DEPTH)
    {
      toml_fail (t, "nested too deeply");
      return NULL;
    }
  toml_skip_blanks (t);
  if (t->p >= t->end)
    {
      toml_fail (t, "missing value");
      return NULL;
    }

  switch (*t->p)
    {
    case '"':
    case '\'':
      {
        char *s = toml_string (t);

        if (s == NULL)
          return NULL;
        node = _topiary_front_matter_node_new (NODE_SCALAR);
        node->value = s;
        return node;
      }
    case '[':
      return toml_array (t, depth);
    case '{':
      return toml_inline_table (t, depth);
    default:
      {
        /* Numbers, booleans and dates are kept as written. */
        const char *start = t->p;

        while (t->p < t->end && *t->p != ',' && *t->p != ']' && *t->p != '}' &&
               *t->p != '\n' && *t->p != '\r' && *t->p != '#')
          {
            /* Bare values end at a blank, except the one between a date
             * and its time ("1979-05-27 07:32:00"). */
            if ((*t->p == ' ' || *t->p == '\t') &&
                !(t->p - start == 10 && start[4] == '-' && start[7] == '-' &&
                  t->p + 1 < t->end && g_ascii_isdigit (t->p[1])))
              break;
            t->p++;
          }
        node = _topiary_front_matter_node_new (NODE_SCALAR);
        node->value = g_strstrip (g_strndup (start, (gsize) (t->p - start)));
        if (node->value[0] == '\0')
          {
            _topiary_front_matter_node_free (node);
            toml_fail (t, "missing value");
            return NULL;
          }
        return node;
      }
    }
}

static gboolean
toml_assign (Toml  *t,
             Node  *table,
             guint  depth)
{
  g_autoptr(GPtrArray) parts = toml_key (t);
  Node *parent;
  Node *value;
  const char *last;

  if (parts == NULL)
    return FALSE;
  toml_skip_blanks (t);
  if (t->p >= t->end || *t->p != '=')
    return toml_fail (t, "expected '='");
  t->p++;
  if ((parent = toml_descend (t, table, parts, parts->len - 1)) == NULL)
    return FALSE;
  if ((value = toml_value (t, depth + parts->len)) == NULL)
    return FALSE;
  last = g_ptr_array_index (parts, parts->len - 1);
  value->key = g_strdup (last);
  g_ptr_array_add (parent->children, value);
  return TRUE;
}

Node *
_topiary_front_matter_parse_toml (const char  *block,
                                  gsize        length,
                                  GError     **error)
{
  Toml t = { block, block + length, 1, error };
  Node *root = _topiary_front_matter_node_new (NODE_MAP);
  Node *table = root;

  for (;;)
    {
      toml_skip_space (&t);
      if (t.p >= t.end)
        break;

      if (*t.p == '[')
        {
          gboolean array = t.end - t.p >= 2 && t.p[1] == '[';
          g_autoptr(GPtrArray) parts = NULL;

          t.p += array ? 2 : 1;
          if ((parts = toml_key (&t)) == NULL)
            goto fail;
          if (t.end - t.p < (array ? 2 : 1) || t.p[0] != ']' || (array && t.p[1] != ']'))
            {
              toml_fail (&t, "unfinished table header");
              goto fail;
            }
          t.p += array ? 2 : 1;

          if (array)
            {
              Node *parent = toml_descend (&t, root, parts, parts->len - 1);
              const char *last = g_ptr_array_index (parts, parts->len - 1);
              Node *list;

              if (parent == NULL)
                goto fail;
              list = _topiary_front_matter_node_map_lookup (parent, last, strlen (last));
              if (list == NULL)
                {
                  list = _topiary_front_matter_node_new (NODE_LIST);
                  list->key = g_strdup (last);
                  g_ptr_array_add (parent->children, list);
                }
              if (list->type != NODE_LIST)
                {
                  toml_fail (&t, "a key is both a value and a list of tables");
                  goto fail;
                }
              table = _topiary_front_matter_node_new (NODE_MAP);
              g_ptr_array_add (list->children, table);
            }
          else if ((table = toml_descend (&t, root, parts, parts->len)) == NULL)
            goto fail;
        }
      else if (!toml_assign (&t, table, 0))
        goto fail;

      if (!toml_at_line_end (&t))
        {
          toml_fail (&t, "unexpected text after a value");
          goto fail;
        }
    }
  return root;

fail:
  _topiary_front_matter_node_free (root);
  return NULL;
}
