/* topiary-md-outline.c — an article's headings, and moving its sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-md-edit.h"
#include "topiary-md-outline.h"

static void
heading_free (gpointer data)
{
  TopiaryMdHeading *h = data;

  g_free (h->text);
  g_free (h);
}

/* An ATX heading: up to three spaces, 1–6 '#', then a space or the end. */
static gboolean
parse_heading (const char *line,
               gsize       len,
               guint      *level,
               char      **text)
{
  gsize i = 0, start, end;
  guint n = 0;

  while (i < len && i < 3 && line[i] == ' ')
    i++;
  while (i < len && line[i] == '#' && n < 7)
    {
      i++;
      n++;
    }
  if (n == 0 || n > 6 || (i < len && line[i] != ' ' && line[i] != '\t'))
    return FALSE;
  start = i;
  end = len;
  /* The closing sequence of '#' goes, when a space comes before it. */
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
    end--;
  {
    gsize hashes = end;

    while (hashes > start && line[hashes - 1] == '#')
      hashes--;
    if (hashes == start || line[hashes - 1] == ' ' || line[hashes - 1] == '\t')
      end = hashes;
  }
  while (start < end && (line[start] == ' ' || line[start] == '\t'))
    start++;
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
    end--;
  *level = n;
  *text = g_utf8_make_valid (line + start, (gssize) (end - start));
  return TRUE;
}

GPtrArray *
topiary_md_outline (const char *text)
{
  GPtrArray *headings;
  TopiaryMdFence fence = { 0 };
  gboolean front_matter = FALSE;
  gsize pos = 0;
  guint line_no = 0;

  g_return_val_if_fail (text != NULL, NULL);

  headings = g_ptr_array_new_with_free_func (heading_free);
  /* Front matter: a first line of "---" or "+++" up to the same again. */
  if (g_str_has_prefix (text, "---\n") || g_str_has_prefix (text, "+++\n"))
    front_matter = TRUE;

  while (text[pos] != '\0')
    {
      const char *nl = strchr (text + pos, '\n');
      gsize end = nl != NULL ? (gsize) (nl - text) : strlen (text);
      gsize len = end - pos;
      const char *line = text + pos;

      if (front_matter)
        {
          if (line_no > 0 && (len == 3 || (len == 4 && line[3] == '\r')) &&
              (strncmp (line, "---", 3) == 0 || strncmp (line, "+++", 3) == 0))
            front_matter = FALSE;
        }
      else
        {
          guint level;
          char *heading;

          if (!topiary_md_fence_feed (&fence, line, len) &&
              parse_heading (line, len, &level, &heading))
            {
              TopiaryMdHeading *h = g_new0 (TopiaryMdHeading, 1);

              h->level = level;
              h->text = heading;
              h->line = line_no;
              h->offset = pos;
              g_ptr_array_add (headings, h);
            }
        }
      line_no++;
      if (nl == NULL)
        break;
      pos = end + 1;
    }
  return headings;
}

int
topiary_md_outline_at (GPtrArray *headings,
                       gsize      offset)
{
  int found = -1;

  g_return_val_if_fail (headings != NULL, -1);

  for (guint i = 0; i < headings->len; i++)
    {
      TopiaryMdHeading *h = g_ptr_array_index (headings, i);

      if (h->offset > offset)
        break;
      found = (int) i;
    }
  return found;
}

/* Where the section of heading @i ends: the next heading of the same or a
 * higher level, else the end of the text. */
static gsize
section_end (GPtrArray *headings,
             guint      i,
             gsize      len)
{
  TopiaryMdHeading *h = g_ptr_array_index (headings, i);

  for (guint j = i + 1; j < headings->len; j++)
    {
      TopiaryMdHeading *next = g_ptr_array_index (headings, j);

      if (next->level <= h->level)
        return next->offset;
    }
  return len;
}

gboolean
topiary_md_section_move (const char  *text,
                         gsize        cursor,
                         gboolean     up,
                         char       **new_text,
                         gsize       *new_cursor)
{
  g_autoptr(GPtrArray) headings = NULL;
  g_autofree char *work = NULL;
  gboolean added_newline;
  gsize len, a_start, a_end, b_start, b_end;
  TopiaryMdHeading *h;
  int cur, other = -1;
  GString *out;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (new_text != NULL && new_cursor != NULL, FALSE);

  /* Every section ends with a newline, so two swap cleanly. */
  len = strlen (text);
  added_newline = len > 0 && text[len - 1] != '\n';
  work = added_newline ? g_strconcat (text, "\n", NULL) : g_strdup (text);
  len = strlen (work);
  cursor = MIN (cursor, len);

  headings = topiary_md_outline (work);
  cur = topiary_md_outline_at (headings, cursor);
  if (cur < 0)
    return FALSE;
  h = g_ptr_array_index (headings, cur);

  if (up)
    {
      /* The previous heading of the same level, with no parent between. */
      for (int j = cur - 1; j >= 0; j--)
        {
          TopiaryMdHeading *p = g_ptr_array_index (headings, j);

          if (p->level < h->level)
            break;
          if (p->level == h->level)
            {
              other = j;
              break;
            }
        }
      if (other < 0)
        return FALSE;
      a_start = ((TopiaryMdHeading *) g_ptr_array_index (headings, other))->offset;
      a_end = b_start = h->offset;
      b_end = section_end (headings, (guint) cur, len);
    }
  else
    {
      gsize end = section_end (headings, (guint) cur, len);

      for (guint j = (guint) cur + 1; j < headings->len; j++)
        {
          TopiaryMdHeading *n = g_ptr_array_index (headings, j);

          if (n->offset == end)
            {
              if (n->level == h->level)
                other = (int) j;
              break;
            }
        }
      if (other < 0)
        return FALSE;
      a_start = h->offset;
      a_end = b_start = end;
      b_end = section_end (headings, (guint) other, len);
    }

  /* [a_start, a_end) and [b_start, b_end) trade places. */
  out = g_string_sized_new (len + 1);
  g_string_append_len (out, work, (gssize) a_start);
  g_string_append_len (out, work + b_start, (gssize) (b_end - b_start));
  g_string_append_len (out, work + a_start, (gssize) (a_end - a_start));
  g_string_append (out, work + b_end);
  if (up)
    *new_cursor = a_start + (cursor - b_start);
  else
    *new_cursor = a_start + (b_end - b_start) + (cursor - a_start);
  if (added_newline && out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  *new_cursor = MIN (*new_cursor, out->len);
  *new_text = g_string_free (out, FALSE);
  return TRUE;
}
