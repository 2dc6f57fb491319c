/* topiary-diff.c — what changed between two texts, line by line
 *
 * Myers' O(ND) greedy algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) on lines numbered by content, after the common first
 * and last lines are set aside (revisions of one article mostly share
 * both). The furthest reaching paths of every D are kept to walk the
 * script back, which costs about D² integers: D is capped (see the
 * header) so a text compared with an unrelated one stays cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-diff.h"

static void
diff_line_free (gpointer data)
{
  TopiaryDiffLine *line = data;

  g_free (line->text);
  g_free (line);
}

/* The lines of @text, without their breaks. */
static GPtrArray *
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text ? text : "";

  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');

      if (end == NULL)
        {
          g_ptr_array_add (lines, g_strdup (p));
          break;
        }
      g_ptr_array_add (lines, g_strndup (p, end - p));
      p = end + 1;
    }
  return lines;
}

/* Each line as a number, equal lines the same number. */
static gint32 *
number_lines (GPtrArray  *lines,
              GHashTable *numbers)
{
  gint32 *out = g_new (gint32, MAX (lines->len, 1));

  for (guint i = 0; i < lines->len; i++)
    {
      gpointer value;

      if (!g_hash_table_lookup_extended (numbers, lines->pdata[i], NULL, &value))
        {
          value = GINT_TO_POINTER (g_hash_table_size (numbers) + 1);
          g_hash_table_insert (numbers, lines->pdata[i], value);
        }
      out[i] = GPOINTER_TO_INT (value);
    }
  return out;
}

static void
add_line (GPtrArray     *diff,
          TopiaryDiffOp  op,
          const char    *text,
          guint          old_line,
          guint          new_line)
{
  TopiaryDiffLine *line = g_new (TopiaryDiffLine, 1);

  line->op = op;
  line->text = g_strdup (text);
  line->old_line = op == TOPIARY_DIFF_ADDED ? 0 : old_line;
  line->new_line = op == TOPIARY_DIFF_REMOVED ? 0 : new_line;
  g_ptr_array_add (diff, line);
}

/* The edit script of a[0..n) against b[0..m) as ops, in order (SAME,
 * REMOVED, ADDED), or NULL when it needs more than max_d changes. */
static GArray *
myers (const gint32 *a,
       int           n,
       const gint32 *b,
       int           m,
       int           max_d)
{
  int offset = max_d + 1;
  g_autofree int *v = g_new0 (int, 2 * offset + 1);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  GArray *ops;
  int d_found = -1;

  for (int d = 0; d <= max_d && d_found < 0; d++)
    {
      for (int k = -d; k <= d; k += 2)
        {
          int x, y;

          if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            x = v[offset + k + 1];          /* down: a line of b added */
          else
            x = v[offset + k - 1] + 1;      /* right: a line of a removed */
          y = x - k;
          while (x < n && y < m && a[x] == b[y])
            x++, y++;
          v[offset + k] = x;
          if (x >= n && y >= m)
            {
              d_found = d;
              break;
            }
        }
      /* The paths after round d, for the walk back. */
      g_ptr_array_add (trace, g_memdup2 (v + offset - d, sizeof (int) * (2 * d + 1)));
    }
  if (d_found < 0)
    return NULL;

  /* Walk back from (n, m), collecting ops in reverse. */
  ops = g_array_new (FALSE, FALSE, sizeof (guint8));
  {
    int x = n, y = m;

    for (int d = d_found; d > 0; d--)
      {
        const int *prev = trace->pdata[d - 1];   /* indexed k + (d - 1) */
        int k = x - y;
        int prev_k, prev_x, prev_y;

        if (k == -d || (k != d && prev[k - 1 + (d - 1)] < prev[k + 1 + (d - 1)]))
          prev_k = k + 1;
        else
          prev_k = k - 1;
        prev_x = prev[prev_k + (d - 1)];
        prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y)
          {
            guint8 op = TOPIARY_DIFF_SAME;
            g_array_append_val (ops, op);
            x--, y--;
          }
        {
          guint8 op = prev_k == k + 1 ? TOPIARY_DIFF_ADDED : TOPIARY_DIFF_REMOVED;
          g_array_append_val (ops, op);
        }
        x = prev_x;
        y = prev_y;
      }
    while (x > 0 && y > 0)
      {
        guint8 op = TOPIARY_DIFF_SAME;
        g_array_append_val (ops, op);
        x--, y--;
      }
  }
  /* Forward order. */
  for (guint i = 0, j = ops->len ? ops->len - 1 : 0; i < j; i++, j--)
    {
      guint8 t = g_array_index (ops, guint8, i);
      g_array_index (ops, guint8, i) = g_array_index (ops, guint8, j);
      g_array_index (ops, guint8, j) = t;
    }
  return ops;
}

GPtrArray *
topiary_diff_lines (const char *old_text,
                    const char *new_text)
{
  g_autoptr(GPtrArray) old_lines = split_lines (old_text);
  g_autoptr(GPtrArray) new_lines = split_lines (new_text);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gint32 *a = number_lines (old_lines, numbers);
  g_autofree gint32 *b = number_lines (new_lines, numbers);
  g_autoptr(GArray) ops = NULL;
  GPtrArray *diff = g_ptr_array_new_with_free_func (diff_line_free);
  guint n = old_lines->len, m = new_lines->len;
  guint head = 0, tail = 0;
  guint x, y;

  while (head < n && head < m && a[head] == b[head])
    head++;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail])
    tail++;

  for (guint i = 0; i < head; i++)
    add_line (diff, TOPIARY_DIFF_SAME, old_lines->pdata[i], i + 1, i + 1);

  ops = myers (a + head, n - head - tail, b + head, m - head - tail, TOPIARY_DIFF_MAX_CHANGES);
  x = head, y = head;
  if (ops == NULL)
    {
      for (; x < n - tail; x++)
        add_line (diff, TOPIARY_DIFF_REMOVED, old_lines->pdata[x], x + 1, 0);
      for (; y < m - tail; y++)
        add_line (diff, TOPIARY_DIFF_ADDED, new_lines->pdata[y], 0, y + 1);
    }
  else
    for (guint i = 0; i < ops->len;)
      {
        guint j;

        if (g_array_index (ops, guint8, i) == TOPIARY_DIFF_SAME)
          {
            add_line (diff, TOPIARY_DIFF_SAME, old_lines->pdata[x], x + 1, y + 1);
            x++, y++, i++;
            continue;
          }
        /* A run of changes: what went, then what came. */
        for (j = i; j < ops->len && g_array_index (ops, guint8, j) != TOPIARY_DIFF_SAME; j++)
          if (g_array_index (ops, guint8, j) == TOPIARY_DIFF_REMOVED)
            {
              add_line (diff, TOPIARY_DIFF_REMOVED, old_lines->pdata[x], x + 1, 0);
              x++;
            }
        for (j = i; j < ops->len && g_array_index (ops, guint8, j) != TOPIARY_DIFF_SAME; j++)
          if (g_array_index (ops, guint8, j) == TOPIARY_DIFF_ADDED)
            {
              add_line (diff, TOPIARY_DIFF_ADDED, new_lines->pdata[y], 0, y + 1);
              y++;
            }
        i = j;
      }

  for (guint i = 0; i < tail; i++)
    add_line (diff, TOPIARY_DIFF_SAME, old_lines->pdata[n - tail + i], n - tail + i + 1, m - tail + i + 1);
  return diff;
}

void
topiary_diff_count (GPtrArray *diff,
                    guint     *added,
                    guint     *removed)
{
  guint plus = 0, minus = 0;

  g_return_if_fail (diff != NULL);

  for (guint i = 0; i < diff->len; i++)
    {
      const TopiaryDiffLine *line = diff->pdata[i];

      plus += line->op == TOPIARY_DIFF_ADDED;
      minus += line->op == TOPIARY_DIFF_REMOVED;
    }
  if (added != NULL)
    *added = plus;
  if (removed != NULL)
    *removed = minus;
}
