/* topiary-import-blocks.c — a Markdown outline cut into blocks
 *
 * Headings, list items (with their indentation), tables and paragraph
 * lines; code blocks and HTML comments are skipped. And the sniffer that
 * tells an outline from other text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-import-outline-private.h"
#include "topiary-import-private.h"

/* ---- blocks ---- */


void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  if (b->header)
    g_ptr_array_unref (b->header);
  if (b->rows)
    g_ptr_array_unref (b->rows);
  g_free (b);
}

static int
leading_columns (const char *line,
                 const char **rest)
{
  int col = 0;
  const char *p = line;

  for (; *p == ' ' || *p == '\t'; p++)
    col = *p == '\t' ? (col / 4 + 1) * 4 : col + 1;
  *rest = p;
  return col;
}

/* "- ", "* ", "+ ", "1. ", "1) ", and an outline's "1.2 " or "1.2. ": the
 * length of the marker with its space, 0 when @p does not start an item. */
static gsize
item_marker_full (const char *p,
                  gboolean   *outline_number)
{
  const char *q = p;

  *outline_number = FALSE;
  if ((*q == '-' || *q == '*' || *q == '+') && (q[1] == ' ' || q[1] == '\t' || q[1] == '\0'))
    return q[1] == '\0' ? 1 : 2;
  while (g_ascii_isdigit (*q) && q - p < 9)
    q++;
  if (q > p && *q == '.' && g_ascii_isdigit (q[1]))
    {
      const char *r = q;

      while (*r == '.' && g_ascii_isdigit (r[1]))
        {
          r++;
          while (g_ascii_isdigit (*r))
            r++;
        }
      if (*r == '.' || *r == ')')
        r++;
      if (*r != ' ' && *r != '\t')
        return 0;
      *outline_number = TRUE;
      return (gsize) (r - p) + 1;
    }
  if (q > p && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t' || q[1] == '\0'))
    return (gsize) (q - p) + (q[1] == '\0' ? 1 : 2);
  return 0;
}

static gsize
item_marker (const char *p)
{
  gboolean outline_number;
  gsize n = item_marker_full (p, &outline_number);

  return outline_number ? 0 : n;
}

static gboolean
is_thematic_break (const char *p)
{
  char c = 0;
  int n = 0;

  for (; *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (*p != '-' && *p != '*' && *p != '_')
        return FALSE;
      if (c != 0 && *p != c)
        return FALSE;
      c = *p;
      n++;
    }
  return n >= 3;
}

static gboolean
is_table_delimiter (const char *p)
{
  gboolean dash = FALSE;

  if (strchr (p, '-') == NULL)
    return FALSE;
  for (; *p; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }
  return dash;
}

static GPtrArray *
split_table_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = line;
  const char *end;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '|')
    p++;
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (end > p && end[-1] == '|' && !(end - 1 > p && end[-2] == '\\'))
    end--;

  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end && p[1] == '|')
        {
          g_string_append_c (cell, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_strdup (cell->str)));
          g_string_truncate (cell, 0);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_ptr_array_add (cells, g_strstrip (g_strdup (cell->str)));
  g_string_free (cell, TRUE);
  return cells;
}

/* Splits @text (no front matter) into headings, items, tables and
 * paragraph lines. Code blocks and HTML comments are skipped. */
static void
finish_lazy (GString **lazy,
             Block    *block)
{
  if (*lazy == NULL)
    return;
  g_free (block->text);
  block->text = g_strstrip (g_string_free (*lazy, FALSE));
  *lazy = NULL;
}

GPtrArray *
read_blocks (const char *text)
{
  GString *lazy = NULL;
  Block *lazy_block = NULL;
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char fence = 0;
  gsize fence_len = 0;
  gboolean in_comment = FALSE;
  gboolean after_blank = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *p;
      int indent;
      gsize marker;
      gboolean outline_number;
      Block *b;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      indent = leading_columns (line, &p);

      if (fence != 0)
        {
          gsize n = 0;
          while (p[n] == fence)
            n++;
          if (n >= fence_len && p[n + strspn (p + n, " \t")] == '\0')
            fence = 0;
          continue;
        }
      if (in_comment)
        {
          if (strstr (p, "-->") != NULL)
            in_comment = FALSE;
          continue;
        }
      if ((p[0] == '`' || p[0] == '~') && p[1] == p[0] && p[2] == p[0])
        {
          fence = p[0];
          fence_len = strspn (p, (char[]) { fence, '\0' });
          continue;
        }
      if (g_str_has_prefix (p, "<!--"))
        {
          in_comment = strstr (p + 4, "-->") == NULL;
          continue;
        }
      if (*p == '\0')
        {
          after_blank = TRUE;
          continue;
        }
      /* Quotes are read as their text. */
      while (*p == '>')
        {
          p++;
          while (*p == ' ')
            p++;
        }

      /* ATX heading */
      if (*p == '#' && indent < 4)
        {
          int level = 0;
          while (p[level] == '#')
            level++;
          if (level <= 6 && (p[level] == ' ' || p[level] == '\t' || p[level] == '\0'))
            {
              char *h = g_strstrip (g_strdup (p + level));
              gsize hl = strlen (h);

              /* Closing #s. */
              while (hl > 0 && h[hl - 1] == '#')
                hl--;
              if (hl == 0 || h[hl - 1] == ' ' || hl == strlen (h))
                h[hl] = '\0';
              g_strstrip (h);
              b = g_new0 (Block, 1);
              b->type = BLOCK_HEADING;
              b->level = level;
              b->text = h;
              b->line = i + 1;
              g_ptr_array_add (blocks, b);
              after_blank = FALSE;
              continue;
            }
        }

      /* Setext heading: a lone paragraph line underlined. */
      if (blocks->len > 0 && !after_blank && (p[0] == '=' || p[0] == '-') && indent < 4)
        {
          Block *prev = g_ptr_array_index (blocks, blocks->len - 1);
          gsize n = strspn (p, p[0] == '=' ? "=" : "-");

          if (prev->type == BLOCK_PARA && prev->indent == 0 && prev->line == i &&
              p[n + strspn (p + n, " \t")] == '\0')
            {
              prev->type = BLOCK_HEADING;
              prev->level = p[0] == '=' ? 1 : 2;
              continue;
            }
        }

      if (is_thematic_break (p))
        {
          after_blank = TRUE;
          continue;
        }

      /* Tables: a row with '|' followed by a delimiter row. */
      if (strchr (p, '|') != NULL && lines[i + 1] != NULL && is_table_delimiter (lines[i + 1]))
        {
          b = g_new0 (Block, 1);
          b->type = BLOCK_TABLE;
          b->header = split_table_row (p);
          b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          b->line = i + 1;
          i++;
          while (lines[i + 1] != NULL && strchr (lines[i + 1], '|') != NULL)
            {
              char *row = lines[++i];
              gsize rl = strlen (row);
              if (rl > 0 && row[rl - 1] == '\r')
                row[rl - 1] = '\0';
              g_ptr_array_add (b->rows, split_table_row (row));
            }
          g_ptr_array_add (blocks, b);
          after_blank = FALSE;
          continue;
        }

      marker = item_marker_full (p, &outline_number);
      if (outline_number)
        {
          /* "1.2 Title" is an item only inside a numbered list; elsewhere
           * it is a sentence about 1.2 kg of flour. */
          Block *prev = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;
          if (prev == NULL || prev->type != BLOCK_ITEM)
            marker = 0, outline_number = FALSE;
        }
      b = g_new0 (Block, 1);
      b->line = i + 1;
      b->indent = indent;
      if (marker > 0)
        {
          b->type = BLOCK_ITEM;
          b->outline_number = outline_number;
          b->text = g_strstrip (g_strdup (p + marker));
        }
      else
        {
          Block *prev = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;

          if (prev != NULL && prev->type == BLOCK_ITEM && (indent > prev->indent || !after_blank))
            {
              if (!after_blank && indent <= prev->indent + 1)
                {
                  /* A lazy continuation of the item's line; a GString,
                   * so a thousand such lines stay linear. */
                  if (lazy == NULL || lazy_block != prev)
                    {
                      finish_lazy (&lazy, lazy_block);
                      lazy = g_string_new (prev->text);
                      lazy_block = prev;
                    }
                  g_string_append_c (lazy, ' ');
                  g_string_append (lazy, p);
                  g_free (b);
                  continue;
                }
              b->type = BLOCK_ITEM;
              b->continuation = TRUE;
              b->indent = MAX (indent, prev->indent + 1);
            }
          else
            {
              b->type = BLOCK_PARA;
              b->para_start = after_blank || prev == NULL || prev->type != BLOCK_PARA;
            }
          b->text = g_strstrip (g_strdup (p));
        }
      g_ptr_array_add (blocks, b);
      after_blank = FALSE;
    }
  finish_lazy (&lazy, lazy_block);
  return blocks;
}

char *
blocks_text (GPtrArray *blocks,
             guint      start,
             guint      end)
{
  GString *out = g_string_new (NULL);

  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (out->len > 0)
        {
          if (b->type == BLOCK_PARA && !b->para_start)
            g_string_append_c (out, ' ');
          else if (b->type == BLOCK_PARA)
            g_string_append (out, "\n\n");
          else
            g_string_append_c (out, '\n');
        }
      switch (b->type)
        {
        case BLOCK_ITEM:
          for (int k = 0; k < b->indent; k++)
            g_string_append_c (out, ' ');
          g_string_append (out, b->continuation ? "" : "- ");
          g_string_append (out, b->text);
          break;
        case BLOCK_HEADING:
          g_string_append_printf (out, "%.*s %s", MIN (b->level, 6), "######", b->text);
          break;
        case BLOCK_TABLE:
          {
            g_autofree char *table = table_markdown (b);
            g_string_append (out, table);
          }
          break;
        case BLOCK_PARA:
        default:
          g_string_append (out, b->text);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

int
_topiary_import_outline_sniff (const char *text,
                               gsize       length)
{
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  guint headings = 0, items = 0, checkboxes = 0, tables = 0, labels = 0, n = 0;
  int score = 0;

  if (text == NULL || length == 0)
    return 0;
  head = g_strndup (text, MIN (length, 64 * 1024));
  lines = g_strsplit (head, "\n", 2000);
  for (guint i = 0; lines[i]; i++)
    {
      const char *p;
      gsize m;

      leading_columns (lines[i], &p);
      if (*p == '\0')
        continue;
      n++;
      if (*p == '#')
        {
          guint level = (guint) strspn (p, "#");
          if (level <= 6 && (p[level] == ' ' || p[level] == '\0'))
            headings++;
        }
      else if ((m = item_marker (p)) > 0)
        {
          items++;
          if (p[m] == '[' && p[m + 2] == ']')
            checkboxes++;
          if (is_detail_text (p + m))
            labels++;
        }
      else if (is_table_delimiter (p) && strchr (p, '|'))
        tables++;
    }
  if (n == 0)
    return 0;
  if (headings > 0)
    score += 30;
  if (items >= 3 || tables > 0)
    score += 30;
  if (checkboxes > 0 || labels > 0)
    score += 20;
  if ((items + headings) * 3 >= n)
    score += 15;
  return MIN (score, 95);
}
