/* topiary-frontmatter.c — front matter found, parsed into a tree and read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "topiary-frontmatter-private.h"

G_DEFINE_QUARK (topiary-front-matter-error-quark, topiary_front_matter_error)

/* ---- the tree ---- */

struct _TopiaryFrontMatter {
  Node *root;
};

void
_topiary_front_matter_node_free (gpointer data)
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

Node *
_topiary_front_matter_node_new (NodeType type)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  if (type == NODE_LIST || type == NODE_MAP)
    node->children = g_ptr_array_new_with_free_func (_topiary_front_matter_node_free);
  return node;
}

Node *
_topiary_front_matter_node_map_lookup (Node       *map,
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
  if ((node = _topiary_front_matter_node_map_lookup (self->root, path, strlen (path))) != NULL)
    return node;

  node = self->root;
  p = path;
  while (node != NULL)
    {
      const char *dot = strchr (p, '.');
      gsize len = dot ? (gsize) (dot - p) : strlen (p);

      node = _topiary_front_matter_node_map_lookup (node, p, len);
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
      root = _topiary_front_matter_parse_yaml (block, length, error);
      break;
    case TOPIARY_FRONT_MATTER_TOML:
      root = _topiary_front_matter_parse_toml (block, length, error);
      break;
    case TOPIARY_FRONT_MATTER_NONE:
    default:
      root = _topiary_front_matter_node_new (NODE_MAP);
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
  _topiary_front_matter_node_free (self->root);
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
