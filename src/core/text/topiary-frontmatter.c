/* topiary-frontmatter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "topiary-slug.h"

/* Front matter is a handful of keys; anything nested deeper than this is not
 * metadata we could use, and a limit keeps the tree walks shallow. */
#define MAX_DEPTH 32

G_DEFINE_QUARK (topiary-front-matter-error-quark, topiary_front_matter_error)

/* ---- the tree ---- */

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

struct _TopiaryFrontMatter {
  Node *root;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  if (node == NULL)
    return;
  g_free (node->key);
  g_free (node->value);
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  g_free (node);
}

static Node *
node_new (NodeType type)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  if (type == NODE_LIST || type == NODE_MAP)
    node->children = g_ptr_array_new_with_free_func (node_free);
  return node;
}

static Node *
node_map_lookup (Node       *map,
                 const char *key,
                 gsize       key_len)
{
  if (map == NULL || map->type != NODE_MAP)
    return NULL;
  /* The last of duplicate keys wins, as in most YAML readers. */
  for (guint i = map->children->len; i > 0; i--)
    {
      Node *child = g_ptr_array_index (map->children, i - 1);

      if (strlen (child->key) == key_len && memcmp (child->key, key, key_len) == 0)
        return child;
    }
  return NULL;
}

static Node *
lookup (TopiaryFrontMatter *self,
        const char         *path)
{
  Node *node;
  const char *p;

  if (self == NULL || self->root == NULL)
    return NULL;
  if ((node = node_map_lookup (self->root, path, strlen (path))) != NULL)
    return node;

  node = self->root;
  p = path;
  while (node != NULL)
    {
      const char *dot = strchr (p, '.');
      gsize len = dot ? (gsize) (dot - p) : strlen (p);

      node = node_map_lookup (node, p, len);
      if (dot == NULL)
        return node;
      p = dot + 1;
    }
  return NULL;
}

/* ---- finding the block ---- */

/* Length of the line ending at @p (1 or 2), 0 when @p is not one. */
static gsize
eol_length (const char *p,
            const char *end)
{
  if (p < end && *p == '\n')
    return 1;
  if (p + 1 < end && p[0] == '\r' && p[1] == '\n')
    return 2;
  return 0;
}

/* Does a fence line (@fence then blanks then a line end or the end of the
 * text) start at @p? Sets *next to the start of the following line. */
static gboolean
is_fence_line (const char  *p,
               const char  *end,
               const char  *fence,
               const char **next)
{
  gsize flen = strlen (fence);

  if ((gsize) (end - p) < flen || memcmp (p, fence, flen) != 0)
    return FALSE;
  p += flen;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end)
    {
      *next = p;
      return TRUE;
    }
  if (eol_length (p, end) == 0)
    return FALSE;
  *next = p + eol_length (p, end);
  return TRUE;
}

TopiaryFrontMatterFormat
topiary_front_matter_split (const char *text,
                            gsize       length,
                            gsize      *block_start,
                            gsize      *block_length,
                            gsize      *body_offset)
{
  const char *start = text;
  const char *end = text + length;
  const char *open_fence;
  const char *p;
  TopiaryFrontMatterFormat format;

  if (block_start) *block_start = 0;
  if (block_length) *block_length = 0;
  if (body_offset) *body_offset = 0;

  g_return_val_if_fail (text != NULL || length == 0, TOPIARY_FRONT_MATTER_NONE);

  if (length >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    start += 3;

  if (is_fence_line (start, end, "---", &p))
    {
      format = TOPIARY_FRONT_MATTER_YAML;
      open_fence = "---";
    }
  else if (is_fence_line (start, end, "+++", &p))
    {
      format = TOPIARY_FRONT_MATTER_TOML;
      open_fence = "+++";
    }
  else
    return TOPIARY_FRONT_MATTER_NONE;

  /* "---" right at the end of the text opens nothing. */
  if (p == end)
    return TOPIARY_FRONT_MATTER_NONE;

  for (const char *line = p; line < end;)
    {
      const char *next;
      const char *nl;

      if (is_fence_line (line, end, open_fence, &next) ||
          (format == TOPIARY_FRONT_MATTER_YAML && is_fence_line (line, end, "...", &next)))
        {
          if (block_start) *block_start = (gsize) (p - text);
          if (block_length) *block_length = (gsize) (line - p);
          if (body_offset) *body_offset = (gsize) (next - text);
          return format;
        }
      nl = memchr (line, '\n', (gsize) (end - line));
      if (nl == NULL)
        break;
      line = nl + 1;
    }

  return TOPIARY_FRONT_MATTER_NONE;
}

/* ---- YAML ---- */

typedef struct {
  Node     *node;
  char     *pending_key;
  gboolean  have_key;
} Frame;

static gboolean
is_yaml_null (const yaml_event_t *event)
{
  const char *v = (const char *) event->data.scalar.value;

  if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  return v[0] == '\0' || strcmp (v, "~") == 0 || strcmp (v, "null") == 0 ||
         strcmp (v, "Null") == 0 || strcmp (v, "NULL") == 0;
}

/* Places @node in the innermost container; for a map it alternates between
 * taking a key and taking a value. Returns FALSE for a non-scalar key. */
static gboolean
frame_take (Frame *frame,
            Node  *node)
{
  if (frame->node->type == NODE_LIST)
    {
      g_ptr_array_add (frame->node->children, node);
      return TRUE;
    }

  if (!frame->have_key)
    {
      if (node->type == NODE_SCALAR || node->type == NODE_NULL)
        {
          frame->pending_key = g_strdup (node->value ? node->value : "");
          frame->have_key = TRUE;
          node_free (node);
          return TRUE;
        }
      node_free (node);
      return FALSE;
    }

  node->key = g_steal_pointer (&frame->pending_key);
  frame->have_key = FALSE;
  g_ptr_array_add (frame->node->children, node);
  return TRUE;
}

static Node *
parse_yaml (const char  *block,
            gsize        length,
            GError     **error)
{
  yaml_parser_t parser;
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  Node *root = NULL;
  gboolean done = FALSE;
  gboolean ok = TRUE;

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                           TOPIARY_FRONT_MATTER_ERROR_INVALID,
                           "The YAML reader could not be started.");
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) block, length);

  while (!done && ok)
    {
      yaml_event_t event;
      Node *node = NULL;
      gboolean push = FALSE;

      if (!yaml_parser_parse (&parser, &event))
        {
          g_set_error (error, TOPIARY_FRONT_MATTER_ERROR,
                       TOPIARY_FRONT_MATTER_ERROR_INVALID,
                       "The front matter is not valid YAML (line %lu: %s).",
                       (unsigned long) parser.problem_mark.line + 1,
                       parser.problem ? parser.problem : "unknown problem");
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          /* Only the first document is front matter. */
          done = TRUE;
          break;

        case YAML_SCALAR_EVENT:
          if (is_yaml_null (&event))
            node = node_new (NODE_NULL);
          else
            {
              node = node_new (NODE_SCALAR);
              node->value = g_strndup ((const char *) event.data.scalar.value,
                                       event.data.scalar.length);
            }
          break;

        case YAML_ALIAS_EVENT:
          node = node_new (NODE_NULL);
          break;

        case YAML_SEQUENCE_START_EVENT:
          node = node_new (NODE_LIST);
          push = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
          node = node_new (NODE_MAP);
          push = TRUE;
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          if (stack->len > 0)
            {
              Frame *top = &g_array_index (stack, Frame, stack->len - 1);
              g_free (top->pending_key);
              g_array_set_size (stack, stack->len - 1);
            }
          if (stack->len == 0)
            done = TRUE;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);

      if (node == NULL)
        continue;

      if (stack->len == 0)
        {
          if (root != NULL || node->type != NODE_MAP)
            {
              gboolean empty = node->type == NODE_NULL;

              node_free (node);
              if (empty && root == NULL)
                {
                  done = TRUE;
                  continue;
                }
              g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                                   TOPIARY_FRONT_MATTER_ERROR_INVALID,
                                   "The front matter is not a list of keys and values.");
              ok = FALSE;
              break;
            }
          root = node;
        }
      else
        {
          Frame *top = &g_array_index (stack, Frame, stack->len - 1);

          if (!frame_take (top, node))
            {
              g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                                   TOPIARY_FRONT_MATTER_ERROR_INVALID,
                                   "The front matter uses a list or map as a key.");
              ok = FALSE;
              break;
            }
        }

      if (push)
        {
          Frame frame = { node, NULL, FALSE };

          if (stack->len >= MAX_DEPTH)
            {
              g_set_error (error, TOPIARY_FRONT_MATTER_ERROR,
                           TOPIARY_FRONT_MATTER_ERROR_TOO_DEEP,
                           "The front matter is nested more than %d levels deep.",
                           MAX_DEPTH);
              ok = FALSE;
              break;
            }
          g_array_append_val (stack, frame);
        }
    }

  for (guint i = 0; i < stack->len; i++)
    g_free (g_array_index (stack, Frame, i).pending_key);
  yaml_parser_delete (&parser);

  if (!ok)
    {
      node_free (root);
      return NULL;
    }
  if (root == NULL)
    root = node_new (NODE_MAP);
  return root;
}

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
      Node *child = node_map_lookup (node, part, strlen (part));

      if (child != NULL && child->type == NODE_LIST && child->children->len > 0)
        {
          /* [[array]] tables: the last element. */
          child = g_ptr_array_index (child->children, child->children->len - 1);
        }
      if (child == NULL)
        {
          child = node_new (NODE_MAP);
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
  Node *list = node_new (NODE_LIST);

  t->p++;
  for (;;)
    {
      Node *item;

      toml_skip_space (t);
      if (t->p >= t->end)
        {
          node_free (list);
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
          node_free (list);
          return NULL;
        }
      g_ptr_array_add (list->children, item);
      toml_skip_space (t);
      if (t->p < t->end && *t->p == ',')
        t->p++;
      else if (t->p < t->end && *t->p != ']')
        {
          node_free (list);
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
  Node *map = node_new (NODE_MAP);

  t->p++;
  for (;;)
    {
      toml_skip_blanks (t);
      if (t->p >= t->end)
        {
          node_free (map);
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
          node_free (map);
          return NULL;
        }
      toml_skip_blanks (t);
      if (t->p < t->end && *t->p == ',')
        t->p++;
      else if (t->p < t->end && *t->p != '}')
        {
          node_free (map);
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
        node = node_new (NODE_SCALAR);
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
        node = node_new (NODE_SCALAR);
        node->value = g_strstrip (g_strndup (start, (gsize) (t->p - start)));
        if (node->value[0] == '\0')
          {
            node_free (node);
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

static Node *
parse_toml (const char  *block,
            gsize        length,
            GError     **error)
{
  Toml t = { block, block + length, 1, error };
  Node *root = node_new (NODE_MAP);
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
              list = node_map_lookup (parent, last, strlen (last));
              if (list == NULL)
                {
                  list = node_new (NODE_LIST);
                  list->key = g_strdup (last);
                  g_ptr_array_add (parent->children, list);
                }
              if (list->type != NODE_LIST)
                {
                  toml_fail (&t, "a key is both a value and a list of tables");
                  goto fail;
                }
              table = node_new (NODE_MAP);
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
  node_free (root);
  return NULL;
}

/* ---- public reading API ---- */

TopiaryFrontMatter *
topiary_front_matter_parse (TopiaryFrontMatterFormat   format,
                            const char                *block,
                            gsize                      length,
                            GError                   **error)
{
  TopiaryFrontMatter *self;
  Node *root;

  g_return_val_if_fail (block != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (block == NULL)
    block = "";

  /* libyaml and our TOML reader stop at NUL in places; refuse it plainly. */
  if (memchr (block, '\0', length) != NULL)
    {
      g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                           TOPIARY_FRONT_MATTER_ERROR_INVALID,
                           "The front matter contains a NUL byte.");
      return NULL;
    }

  switch (format)
    {
    case TOPIARY_FRONT_MATTER_YAML:
      root = parse_yaml (block, length, error);
      break;
    case TOPIARY_FRONT_MATTER_TOML:
      root = parse_toml (block, length, error);
      break;
    case TOPIARY_FRONT_MATTER_NONE:
    default:
      root = node_new (NODE_MAP);
      break;
    }

  if (root == NULL)
    return NULL;
  self = g_new0 (TopiaryFrontMatter, 1);
  self->root = root;
  return self;
}

void
topiary_front_matter_free (TopiaryFrontMatter *self)
{
  if (self == NULL)
    return;
  node_free (self->root);
  g_free (self);
}

gboolean
topiary_front_matter_has (TopiaryFrontMatter *self,
                          const char         *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return lookup (self, path) != NULL;
}

const char *
topiary_front_matter_get_string (TopiaryFrontMatter *self,
                                 const char         *path)
{
  Node *node;

  g_return_val_if_fail (path != NULL, NULL);
  node = lookup (self, path);
  return node != NULL && node->type == NODE_SCALAR ? node->value : NULL;
}

char **
topiary_front_matter_get_strv (TopiaryFrontMatter *self,
                               const char         *path)
{
  Node *node;
  GStrvBuilder *builder;

  g_return_val_if_fail (path != NULL, NULL);
  node = lookup (self, path);
  if (node == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  if (node->type == NODE_SCALAR)
    g_strv_builder_add (builder, node->value);
  else if (node->type == NODE_LIST)
    for (guint i = 0; i < node->children->len; i++)
      {
        Node *child = g_ptr_array_index (node->children, i);

        if (child->type == NODE_SCALAR)
          g_strv_builder_add (builder, child->value);
      }
  {
    char **strv = g_strv_builder_end (builder);
    g_strv_builder_unref (builder);
    return strv;
  }
}

gboolean
topiary_front_matter_get_int (TopiaryFrontMatter *self,
                              const char         *path,
                              gint64             *value)
{
  const char *s;
  char *end = NULL;
  gint64 v;

  g_return_val_if_fail (path != NULL, FALSE);
  if ((s = topiary_front_matter_get_string (self, path)) == NULL)
    return FALSE;
  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  while (end && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0')
    {
      /* "3.0" is still a usable weight. */
      double d = g_ascii_strtod (s, &end);

      if (end == NULL || *end != '\0' || d != d || d > 9e15 || d < -9e15)
        return FALSE;
      v = (gint64) d;
    }
  if (value)
    *value = v;
  return TRUE;
}

gboolean
topiary_front_matter_get_bool (TopiaryFrontMatter *self,
                               const char         *path,
                               gboolean           *value)
{
  const char *s;
  gboolean v;

  g_return_val_if_fail (path != NULL, FALSE);
  if ((s = topiary_front_matter_get_string (self, path)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (s, "true") == 0 || g_ascii_strcasecmp (s, "yes") == 0 ||
      g_ascii_strcasecmp (s, "on") == 0 || strcmp (s, "1") == 0)
    v = TRUE;
  else if (g_ascii_strcasecmp (s, "false") == 0 || g_ascii_strcasecmp (s, "no") == 0 ||
           g_ascii_strcasecmp (s, "off") == 0 || strcmp (s, "0") == 0)
    v = FALSE;
  else
    return FALSE;
  if (value)
    *value = v;
  return TRUE;
}

char **
topiary_front_matter_get_keys (TopiaryFrontMatter *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **keys;

  if (self != NULL && self->root != NULL)
    for (guint i = 0; i < self->root->children->len; i++)
      {
        Node *child = g_ptr_array_index (self->root->children, i);
        g_strv_builder_add (builder, child->key);
      }
  keys = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return keys;
}

/* ---- writing ---- */

struct _TopiaryFrontMatterWriter {
  GString *out;
  GArray  *open_maps;   /* gsize: offset of each open "key:\n" header's end */
  GArray  *counts;      /* guint: keys written in each open map */
};

TopiaryFrontMatterWriter *
topiary_front_matter_writer_new (void)
{
  TopiaryFrontMatterWriter *self = g_new0 (TopiaryFrontMatterWriter, 1);

  self->out = g_string_new ("---\n");
  self->open_maps = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
topiary_front_matter_writer_free (TopiaryFrontMatterWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->open_maps);
  g_array_unref (self->counts);
  g_free (self);
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case 0x85: g_string_append (out, "\\N"); break;
        case 0x2028: g_string_append (out, "\\L"); break;
        case 0x2029: g_string_append (out, "\\P"); break;
        case 0xfeff: g_string_append (out, "\\uFEFF"); break;
        /* Noncharacters YAML does not allow raw. */
        case 0xfffe: g_string_append (out, "\\uFFFE"); break;
        case 0xffff: g_string_append (out, "\\uFFFF"); break;
        default:
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

char *
topiary_yaml_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);
  append_quoted (out, text);
  return g_string_free (out, FALSE);
}

static void
write_key (TopiaryFrontMatterWriter *self,
           const char               *key)
{
  gboolean plain = g_ascii_isalpha (key[0]) || key[0] == '_';

  for (const char *p = key; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';

  for (guint i = 0; i < self->open_maps->len; i++)
    g_string_append (self->out, "  ");
  if (plain)
    g_string_append (self->out, key);
  else
    append_quoted (self->out, key);
  g_string_append_c (self->out, ':');

  if (self->counts->len > 0)
    g_array_index (self->counts, guint, self->counts->len - 1)++;
}

void
topiary_front_matter_writer_add_string (TopiaryFrontMatterWriter *self,
                                        const char               *key,
                                        const char               *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  if (value == NULL)
    return;
  write_key (self, key);
  g_string_append_c (self->out, ' ');
  append_quoted (self->out, value);
  g_string_append_c (self->out, '\n');
}

void
topiary_front_matter_writer_add_int (TopiaryFrontMatterWriter *self,
                                     const char               *key,
                                     gint64                    value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append_printf (self->out, " %" G_GINT64_FORMAT "\n", value);
}

void
topiary_front_matter_writer_add_bool (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      gboolean                  value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append (self->out, value ? " true\n" : " false\n");
}

void
topiary_front_matter_writer_add_strv (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      const char * const       *values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append (self->out, " [");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (self->out, ", ");
      append_quoted (self->out, values[i]);
    }
  g_string_append (self->out, "]\n");
}

void
topiary_front_matter_writer_begin_map (TopiaryFrontMatterWriter *self,
                                       const char               *key)
{
  gsize offset;
  guint zero = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  offset = self->out->len;
  g_string_append_c (self->out, '\n');
  g_array_append_val (self->open_maps, offset);
  g_array_append_val (self->counts, zero);
}

void
topiary_front_matter_writer_end_map (TopiaryFrontMatterWriter *self)
{
  gsize offset;
  guint count;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->open_maps->len > 0);

  offset = g_array_index (self->open_maps, gsize, self->open_maps->len - 1);
  count = g_array_index (self->counts, guint, self->counts->len - 1);
  g_array_set_size (self->open_maps, self->open_maps->len - 1);
  g_array_set_size (self->counts, self->counts->len - 1);

  /* An empty map written as "key:" alone would read back as null. */
  if (count == 0)
    g_string_insert (self->out, offset, " {}");
}

char *
topiary_front_matter_writer_to_string (TopiaryFrontMatterWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  while (self->open_maps->len > 0)
    topiary_front_matter_writer_end_map (self);
  return g_strconcat (self->out->str, "---\n", NULL);
}

/* ---- the vocabulary ---- */

/* Lowercase words separated by single spaces. */
static char *
normalize_label (const char *label)
{
  g_autofree char *down = g_utf8_strdown (label, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = down; *p; p++)
    {
      if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

static const struct {
  const char   *label;
  TopiaryField  field;
} labels[] = {
  { "title", TOPIARY_FIELD_TITLE },
  { "article", TOPIARY_FIELD_TITLE },
  { "article title", TOPIARY_FIELD_TITLE },
  { "article name", TOPIARY_FIELD_TITLE },
  { "h1", TOPIARY_FIELD_TITLE },
  { "headline", TOPIARY_FIELD_TITLE },
  { "heading", TOPIARY_FIELD_TITLE },
  { "post", TOPIARY_FIELD_TITLE },
  { "post title", TOPIARY_FIELD_TITLE },
  { "blog post", TOPIARY_FIELD_TITLE },
  { "page", TOPIARY_FIELD_TITLE },
  { "page title", TOPIARY_FIELD_TITLE },
  { "name", TOPIARY_FIELD_TITLE },
  { "working title", TOPIARY_FIELD_TITLE },
  { "content title", TOPIARY_FIELD_TITLE },
  { "piece", TOPIARY_FIELD_TITLE },
  { "slug", TOPIARY_FIELD_SLUG },
  { "url", TOPIARY_FIELD_SLUG },
  { "path", TOPIARY_FIELD_SLUG },
  { "permalink", TOPIARY_FIELD_SLUG },
  { "page url", TOPIARY_FIELD_SLUG },
  { "target url", TOPIARY_FIELD_SLUG },
  { "url slug", TOPIARY_FIELD_SLUG },
  { "link", TOPIARY_FIELD_SLUG },
  { "uri", TOPIARY_FIELD_SLUG },
  { "group", TOPIARY_FIELD_GROUP },
  { "group name", TOPIARY_FIELD_GROUP },
  { "content group", TOPIARY_FIELD_GROUP },
  { "cluster", TOPIARY_FIELD_GROUP },
  { "cluster name", TOPIARY_FIELD_GROUP },
  { "topic cluster", TOPIARY_FIELD_GROUP },
  { "content cluster", TOPIARY_FIELD_GROUP },
  { "keyword cluster", TOPIARY_FIELD_GROUP },
  { "topic", TOPIARY_FIELD_GROUP },
  { "pillar topic", TOPIARY_FIELD_GROUP },
  { "parent topic", TOPIARY_FIELD_GROUP },
  { "category", TOPIARY_FIELD_GROUP },
  { "categories", TOPIARY_FIELD_GROUP },
  { "section", TOPIARY_FIELD_GROUP },
  { "silo", TOPIARY_FIELD_GROUP },
  { "hub", TOPIARY_FIELD_GROUP },
  { "theme", TOPIARY_FIELD_GROUP },
  { "bucket", TOPIARY_FIELD_GROUP },
  { "kind", TOPIARY_FIELD_KIND },
  { "type", TOPIARY_FIELD_KIND },
  { "role", TOPIARY_FIELD_KIND },
  { "article type", TOPIARY_FIELD_KIND },
  { "content type", TOPIARY_FIELD_KIND },
  { "page type", TOPIARY_FIELD_KIND },
  { "post type", TOPIARY_FIELD_KIND },
  { "pillar cluster", TOPIARY_FIELD_KIND },
  { "pillar or cluster", TOPIARY_FIELD_KIND },
  { "pillar", TOPIARY_FIELD_PILLAR },
  { "is pillar", TOPIARY_FIELD_PILLAR },
  { "pillar page", TOPIARY_FIELD_PILLAR },
  { "pillar article", TOPIARY_FIELD_PILLAR },
  { "cornerstone", TOPIARY_FIELD_PILLAR },
  { "target", TOPIARY_FIELD_PRIMARY_QUERY },
  { "targets", TOPIARY_FIELD_PRIMARY_QUERY },
  { "keyword", TOPIARY_FIELD_PRIMARY_QUERY },
  { "kw", TOPIARY_FIELD_PRIMARY_QUERY },
  { "query", TOPIARY_FIELD_PRIMARY_QUERY },
  { "head term", TOPIARY_FIELD_PRIMARY_QUERY },
  { "seed keyword", TOPIARY_FIELD_PRIMARY_QUERY },
  { "search term", TOPIARY_FIELD_PRIMARY_QUERY },
  { "focus keyphrase", TOPIARY_FIELD_PRIMARY_QUERY },
  { "primary", TOPIARY_FIELD_PRIMARY_QUERY },
  { "target queries", TOPIARY_FIELD_PRIMARY_QUERY },
  { "target keywords", TOPIARY_FIELD_PRIMARY_QUERY },
  { "secondary", TOPIARY_FIELD_QUERIES },
  { "also", TOPIARY_FIELD_QUERIES },
  { "queries", TOPIARY_FIELD_QUERIES },
  { "keywords", TOPIARY_FIELD_QUERIES },
  { "tags", TOPIARY_FIELD_QUERIES },
  { "lsi", TOPIARY_FIELD_QUERIES },
  { "long tail", TOPIARY_FIELD_QUERIES },
  { "variations", TOPIARY_FIELD_QUERIES },
  { "related", TOPIARY_FIELD_QUERIES },
  { "intent", TOPIARY_FIELD_INTENT },
  { "search intent", TOPIARY_FIELD_INTENT },
  { "user intent", TOPIARY_FIELD_INTENT },
  { "intent type", TOPIARY_FIELD_INTENT },
  { "priority", TOPIARY_FIELD_PRIORITY },
  { "prio", TOPIARY_FIELD_PRIORITY },
  { "pri", TOPIARY_FIELD_PRIORITY },
  { "importance", TOPIARY_FIELD_PRIORITY },
  { "status", TOPIARY_FIELD_STATUS },
  { "state", TOPIARY_FIELD_STATUS },
  { "stage", TOPIARY_FIELD_STATUS },
  { "progress", TOPIARY_FIELD_STATUS },
  { "done", TOPIARY_FIELD_STATUS },
  { "words", TOPIARY_FIELD_WORDS },
  { "length", TOPIARY_FIELD_WORDS },
  { "target length", TOPIARY_FIELD_WORDS },
  { "wordcount", TOPIARY_FIELD_WORDS },
  { "summary", TOPIARY_FIELD_SUMMARY },
  { "description", TOPIARY_FIELD_SUMMARY },
  { "meta description", TOPIARY_FIELD_SUMMARY },
  { "brief", TOPIARY_FIELD_SUMMARY },
  { "angle", TOPIARY_FIELD_SUMMARY },
  { "notes", TOPIARY_FIELD_SUMMARY },
  { "note", TOPIARY_FIELD_SUMMARY },
  { "outline", TOPIARY_FIELD_SUMMARY },
  { "synopsis", TOPIARY_FIELD_SUMMARY },
  { "about", TOPIARY_FIELD_SUMMARY },
  { "details", TOPIARY_FIELD_SUMMARY },
  { "comment", TOPIARY_FIELD_SUMMARY },
  { "comments", TOPIARY_FIELD_SUMMARY },
  { "parent", TOPIARY_FIELD_PARENT },
  { "parent pillar", TOPIARY_FIELD_PARENT },
  { "parent article", TOPIARY_FIELD_PARENT },
  { "parent page", TOPIARY_FIELD_PARENT },
  { "belongs to", TOPIARY_FIELD_PARENT },
  { "supports", TOPIARY_FIELD_PARENT },
  { "order", TOPIARY_FIELD_ORDER },
  { "position", TOPIARY_FIELD_ORDER },
  { "weight", TOPIARY_FIELD_ORDER },
  { "writing order", TOPIARY_FIELD_ORDER },
  { "publish order", TOPIARY_FIELD_ORDER },
  { "sequence", TOPIARY_FIELD_ORDER },
  { "no", TOPIARY_FIELD_ORDER },
  { "nr", TOPIARY_FIELD_ORDER },
  { "number", TOPIARY_FIELD_ORDER },
  { "date", TOPIARY_FIELD_DATE },
  { "publish date", TOPIARY_FIELD_DATE },
  { "published", TOPIARY_FIELD_DATE },
  { "publication date", TOPIARY_FIELD_DATE },
  { "pub date", TOPIARY_FIELD_DATE },
  { "due", TOPIARY_FIELD_DATE },
  { "due date", TOPIARY_FIELD_DATE },
  { "draft", TOPIARY_FIELD_DRAFT },
};

TopiaryField
topiary_field_from_label (const char *label)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (label != NULL, TOPIARY_FIELD_UNKNOWN);

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (label));
    if (strcmp (trimmed, "#") == 0)
      return TOPIARY_FIELD_ORDER;
  }

  norm = normalize_label (label);
  if (*norm == '\0')
    return TOPIARY_FIELD_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (norm, labels[i].label) == 0)
      return labels[i].field;

  /* Spreadsheet headers vary endlessly; fall back on the telling word. */
  if (strstr (norm, "secondary") || strstr (norm, "related") ||
      strstr (norm, "long tail") || strstr (norm, "lsi") ||
      strstr (norm, "supporting k") || strstr (norm, "additional") ||
      strstr (norm, "other k"))
    return TOPIARY_FIELD_QUERIES;
  if (strstr (norm, "keyword") || strstr (norm, "query") ||
      strstr (norm, "queries") || strstr (norm, "keyphrase") || strstr (norm, "search term"))
    {
      if (strstr (norm, "primary") || strstr (norm, "focus") ||
          strstr (norm, "main") || strstr (norm, "target"))
        return TOPIARY_FIELD_PRIMARY_QUERY;
      if (g_str_has_suffix (norm, "s"))
        return TOPIARY_FIELD_QUERIES;
      return TOPIARY_FIELD_PRIMARY_QUERY;
    }
  if (strstr (norm, "intent"))
    return TOPIARY_FIELD_INTENT;
  if (strstr (norm, "word"))
    return TOPIARY_FIELD_WORDS;
  if (strstr (norm, "priority"))
    return TOPIARY_FIELD_PRIORITY;
  if (strstr (norm, "status"))
    return TOPIARY_FIELD_STATUS;
  if (strstr (norm, "slug") || strstr (norm, "url"))
    return TOPIARY_FIELD_SLUG;
  if (strstr (norm, "title"))
    return TOPIARY_FIELD_TITLE;
  if (strstr (norm, "cluster") || strstr (norm, "group") || strstr (norm, "silo"))
    return TOPIARY_FIELD_GROUP;
  return TOPIARY_FIELD_UNKNOWN;
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
topiary_value_parse_bool (const char *text,
                          gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", "x", "on", "done",
                                      "\xe2\x9c\x93", "\xe2\x9c\x94", "\xe2\x98\x91",
                                      "\xe2\x9c\x85", NULL };
  static const char * const no[] = { "no", "n", "false", "f", "0", "off", "-",
                                     "\xe2\x9c\x97", "\xe2\x9c\x98", "\xe2\x98\x90", NULL };
  g_autofree char *down = NULL;

  if (text == NULL)
    return FALSE;
  down = g_strstrip (g_utf8_strdown (text, -1));
  if (word_in (down, yes))
    {
      if (value) *value = TRUE;
      return TRUE;
    }
  if (word_in (down, no))
    {
      if (value) *value = FALSE;
      return TRUE;
    }
  return FALSE;
}

int
topiary_value_parse_priority (const char *text)
{
  static const char * const high[] = { "high", "highest", "top", "critical", "urgent", "must", "must have", "very high", NULL };
  static const char * const medium[] = { "medium", "med", "mid", "normal", "should", "moderate", NULL };
  static const char * const low[] = { "low", "lowest", "later", "nice to have", "could", "very low", NULL };
  g_autofree char *norm = NULL;
  const char *p;
  gint64 v;

  if (text == NULL)
    return 0;
  norm = normalize_label (text);
  if (word_in (norm, high))
    return 1;
  if (word_in (norm, medium))
    return 3;
  if (word_in (norm, low))
    return 5;

  p = norm;
  if (g_str_has_prefix (p, "priority "))
    p += strlen ("priority ");
  else if (g_str_has_prefix (p, "prio "))
    p += strlen ("prio ");
  else if (p[0] == 'p' && g_ascii_isdigit (p[1]))
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q))
      return 0;
  v = g_ascii_strtoll (p, NULL, 10);
  if (v <= 0)
    return 0;
  return (int) CLAMP (v, 1, 5);
}

gboolean
topiary_value_parse_status (const char    *text,
                            TopiaryStatus *status)
{
  static const struct { const char *word; TopiaryStatus status; } words[] = {
    { "idea", TOPIARY_STATUS_IDEA },
    { "ideas", TOPIARY_STATUS_IDEA },
    { "backlog", TOPIARY_STATUS_IDEA },
    { "maybe", TOPIARY_STATUS_IDEA },
    { "planned", TOPIARY_STATUS_PLANNED },
    { "plan", TOPIARY_STATUS_PLANNED },
    { "todo", TOPIARY_STATUS_PLANNED },
    { "to do", TOPIARY_STATUS_PLANNED },
    { "not started", TOPIARY_STATUS_PLANNED },
    { "open", TOPIARY_STATUS_PLANNED },
    { "new", TOPIARY_STATUS_PLANNED },
    { "scheduled", TOPIARY_STATUS_PLANNED },
    { "queued", TOPIARY_STATUS_PLANNED },
    { "assigned", TOPIARY_STATUS_PLANNED },
    { "brief", TOPIARY_STATUS_PLANNED },
    { "drafting", TOPIARY_STATUS_DRAFTING },
    { "draft", TOPIARY_STATUS_DRAFTING },
    { "drafted", TOPIARY_STATUS_DRAFTING },
    { "writing", TOPIARY_STATUS_DRAFTING },
    { "in progress", TOPIARY_STATUS_DRAFTING },
    { "wip", TOPIARY_STATUS_DRAFTING },
    { "doing", TOPIARY_STATUS_DRAFTING },
    { "started", TOPIARY_STATUS_DRAFTING },
    { "review", TOPIARY_STATUS_REVIEW },
    { "in review", TOPIARY_STATUS_REVIEW },
    { "reviewing", TOPIARY_STATUS_REVIEW },
    { "editing", TOPIARY_STATUS_REVIEW },
    { "edit", TOPIARY_STATUS_REVIEW },
    { "proofreading", TOPIARY_STATUS_REVIEW },
    { "ready", TOPIARY_STATUS_REVIEW },
    { "published", TOPIARY_STATUS_PUBLISHED },
    { "publish", TOPIARY_STATUS_PUBLISHED },
    { "done", TOPIARY_STATUS_PUBLISHED },
    { "live", TOPIARY_STATUS_PUBLISHED },
    { "complete", TOPIARY_STATUS_PUBLISHED },
    { "completed", TOPIARY_STATUS_PUBLISHED },
    { "finished", TOPIARY_STATUS_PUBLISHED },
    { "posted", TOPIARY_STATUS_PUBLISHED },
    { "online", TOPIARY_STATUS_PUBLISHED },
    { "x", TOPIARY_STATUS_PUBLISHED },
  };
  g_autofree char *norm = NULL;

  if (text == NULL)
    return FALSE;
  norm = normalize_label (text);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (norm, words[i].word) == 0)
      {
        if (status)
          *status = words[i].status;
        return TRUE;
      }
  return FALSE;
}

gboolean
topiary_value_parse_kind (const char  *text,
                          TopiaryKind *kind)
{
  static const char * const pillars[] = { "pillar", "pillar page", "pillar article",
                                          "pillar post", "pillar content", "hub",
                                          "hub page", "cornerstone", "cornerstone content",
                                          "main", "parent", "p", NULL };
  static const char * const clusters[] = { "cluster", "cluster article", "cluster page",
                                           "cluster post", "cluster content", "supporting",
                                           "supporting article", "support", "spoke",
                                           "child", "subtopic", "sub topic", "satellite",
                                           "c", NULL };
  g_autofree char *norm = NULL;

  if (text == NULL)
    return FALSE;
  norm = normalize_label (text);
  if (word_in (norm, pillars))
    {
      if (kind) *kind = TOPIARY_KIND_PILLAR;
      return TRUE;
    }
  if (word_in (norm, clusters))
    {
      if (kind) *kind = TOPIARY_KIND_CLUSTER;
      return TRUE;
    }
  return FALSE;
}

int
topiary_value_parse_words (const char *text)
{
  const char *p;
  gint64 v = 0;
  gboolean any = FALSE;

  if (text == NULL)
    return 0;
  for (p = text; *p && !g_ascii_isdigit (*p); p++)
    ;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          v = v * 10 + (*p - '0');
          any = TRUE;
          if (v > 1000000)
            return 0;
        }
      /* Thousands separators: "1,500", "1.500", "1 500". */
      else if ((*p == ',' || *p == '.' || *p == ' ' || *p == '\'') &&
               g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
               !g_ascii_isdigit (p[4]))
        continue;
      else
        break;
    }
  if (!any)
    return 0;
  if (*p == 'k' || *p == 'K')
    v *= 1000;
  return v <= 1000000 ? (int) v : 0;
}

char **
topiary_value_split_list (const char *text)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *seps = ",";
  char **parts;
  char **result;

  if (text != NULL && strpbrk (text, ";|\n") != NULL)
    seps = ";|\n";

  parts = g_strsplit_set (text ? text : "", seps, -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  g_strfreev (parts);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

char *
topiary_value_slug_from_path (const char *text)
{
  g_autofree char *copy = NULL;
  char *s;
  char *last;
  char *dot;
  char *slug;
  gboolean any = FALSE;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  s = copy;

  if ((last = strstr (s, "://")) != NULL)
    {
      s = strchr (last + 3, '/');
      if (s == NULL)
        return NULL;
    }
  s[strcspn (s, "?#")] = '\0';
  while (*s && s[strlen (s) - 1] == '/')
    s[strlen (s) - 1] = '\0';
  last = strrchr (s, '/');
  if (last != NULL)
    s = last + 1;
  dot = strrchr (s, '.');
  if (dot != NULL && (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0 ||
                      g_ascii_strcasecmp (dot, ".md") == 0 || g_ascii_strcasecmp (dot, ".php") == 0))
    *dot = '\0';

  for (const char *p = s; *p; p++)
    if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
      any = TRUE;
  if (!any)
    return NULL;
  slug = topiary_slugify (s);
  if (strcmp (slug, "untitled") == 0 && strstr (s, "untitled") == NULL)
    {
      g_free (slug);
      return NULL;
    }
  return slug;
}

char *
topiary_value_humanize (const char *name)
{
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    {
      if (*p == '-' || *p == '_' || g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  if (out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}
