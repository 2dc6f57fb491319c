/* topiary-md-edit.c — what the editor's Markdown keys do to a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-md-edit.h"

/* Ordered list numbers have at most nine digits (CommonMark). */
#define MAX_DIGITS 9
/* How far back Tab looks for the item to nest under. */
#define MAX_LOOKBACK_LINES 500

static gsize
leading_space (const char *line,
               gsize       len)
{
  gsize i = 0;

  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i;
}

gboolean
topiary_md_list_item_parse (const char        *line,
                            gssize             len,
                            TopiaryMdListItem *item)
{
  TopiaryMdListItem parsed = { 0 };
  gsize n, i;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  n = len < 0 ? strlen (line) : (gsize) len;
  i = parsed.indent = leading_space (line, n);
  if (i < n && (line[i] == '-' || line[i] == '*' || line[i] == '+'))
    {
      parsed.delimiter = line[i];
      i++;
    }
  else if (i < n && g_ascii_isdigit (line[i]))
    {
      gsize digits = 0;
      guint number = 0;

      while (i < n && g_ascii_isdigit (line[i]) && digits < MAX_DIGITS + 1)
        {
          number = number * 10 + (guint) (line[i] - '0');
          i++;
          digits++;
        }
      if (digits > MAX_DIGITS || i >= n || (line[i] != '.' && line[i] != ')'))
        return FALSE;
      parsed.ordered = TRUE;
      parsed.number = number;
      parsed.delimiter = line[i];
      i++;
    }
  else
    return FALSE;

  parsed.marker_end = i;
  /* The marker must be followed by a space, or end the line. */
  if (i < n && line[i] != ' ' && line[i] != '\t')
    return FALSE;
  /* "---" and "***" are thematic breaks, not items: the space rules that
   * out except for "- - -", which is rare enough to leave. */
  if (i < n)
    i++;
  if (n - i >= 3 && line[i] == '[' && (line[i + 1] == ' ' || line[i + 1] == 'x' || line[i + 1] == 'X') &&
      line[i + 2] == ']' && (n - i == 3 || line[i + 3] == ' '))
    {
      parsed.task = TRUE;
      i += MIN ((gsize) 4, n - i);
    }
  parsed.content = i;
  *item = parsed;
  return TRUE;
}

void
topiary_md_edit_clear (TopiaryMdEdit *edit)
{
  g_return_if_fail (edit != NULL);
  g_clear_pointer (&edit->text, g_free);
  edit->start = edit->end = 0;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

void
topiary_md_edit_enter (const char    *line,
                       gsize          cursor,
                       gboolean       in_fence,
                       TopiaryMdEdit *edit)
{
  TopiaryMdListItem item;
  gsize len, indent;
  GString *text;

  g_return_if_fail (line != NULL);
  g_return_if_fail (edit != NULL);

  len = strlen (line);
  cursor = MIN (cursor, len);
  indent = MIN (leading_space (line, len), cursor);
  edit->start = edit->end = cursor;

  if (!in_fence && topiary_md_list_item_parse (line, len, &item) && cursor >= item.marker_end)
    {
      /* An empty item ends the list: its marker goes, and no new line. */
      if (is_blank (line + item.content, len - item.content))
        {
          edit->start = 0;
          edit->end = len;
          edit->text = g_strdup ("");
          return;
        }
      text = g_string_new ("\n");
      g_string_append_len (text, line, item.indent);
      if (item.ordered)
        g_string_append_printf (text, "%u%c ", item.number + 1, item.delimiter);
      else
        g_string_append_printf (text, "%c ", item.delimiter);
      if (item.task)
        g_string_append (text, "[ ] ");
      edit->text = g_string_free (text, FALSE);
      return;
    }

  text = g_string_new ("\n");
  g_string_append_len (text, line, indent);
  edit->text = g_string_free (text, FALSE);
}

/* The line around @pos: [*start, *end). */
static void
line_bounds (const char *text,
             gsize       pos,
             gsize      *start,
             gsize      *end)
{
  const char *nl = strchr (text + pos, '\n');

  *start = pos;
  while (*start > 0 && text[*start - 1] != '\n')
    (*start)--;
  *end = nl != NULL ? (gsize) (nl - text) : strlen (text);
}

gboolean
topiary_md_edit_indent_item (const char    *text,
                             gsize          line_start,
                             gboolean       outdent,
                             TopiaryMdEdit *edit)
{
  TopiaryMdListItem item;
  gsize start, end, pos;
  gsize target = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (line_start <= strlen (text), FALSE);

  line_bounds (text, line_start, &start, &end);
  if (!topiary_md_list_item_parse (text + start, end - start, &item))
    return FALSE;

  /* The items before, nearest first, up to a line that ends the list. */
  pos = start;
  for (guint n = 0; pos > 0 && n < MAX_LOOKBACK_LINES && !found; n++)
    {
      TopiaryMdListItem prev;
      gsize ps, pe;

      line_bounds (text, pos - 1, &ps, &pe);
      pos = ps;
      if (topiary_md_list_item_parse (text + ps, pe - ps, &prev))
        {
          if (!outdent && prev.indent <= item.indent)
            {
              /* Nest under it: at its text's column (not counting the
               * task box, which is part of the text). */
              target = prev.marker_end + 1;
              found = target > item.indent;
              if (!found)
                break;
            }
          else if (outdent && prev.indent < item.indent)
            {
              target = prev.indent;
              found = TRUE;
            }
        }
      else if (!is_blank (text + ps, pe - ps) && leading_space (text + ps, pe - ps) == 0)
        break;  /* a paragraph at the margin: the list began after it */
    }

  if (!found)
    {
      if (outdent)
        {
          if (item.indent == 0)
            return FALSE;
          target = 0;
        }
      else
        target = item.indent + (item.marker_end - item.indent) + 1;
    }

  edit->start = 0;
  edit->end = item.indent;
  edit->text = g_strnfill (target, ' ');
  return TRUE;
}

/* A fence line: leading space, then a run of three or more '`' or '~'.
 * Returns the run's length (0 for none) and its character and indent. */
static gsize
fence_run (const char *line,
           gsize       len,
           char       *ch,
           gsize      *indent)
{
  gsize i = leading_space (line, len);
  gsize run = 0;

  *indent = i;
  if (i >= len || (line[i] != '`' && line[i] != '~'))
    return 0;
  *ch = line[i];
  while (i + run < len && line[i + run] == *ch)
    run++;
  if (run < 3)
    return 0;
  /* A backtick fence's info string has no backtick. */
  if (*ch == '`' && memchr (line + i + run, '`', len - i - run) != NULL)
    return 0;
  return run;
}

static gboolean
closes (const char           *line,
        gsize                 len,
        const TopiaryMdFence *fence)
{
  char ch = 0;
  gsize indent;
  gsize run = fence_run (line, len, &ch, &indent);

  return run >= fence->len && ch == fence->ch && is_blank (line + indent + run, len - indent - run);
}

gboolean
topiary_md_fence_feed (TopiaryMdFence *fence,
                       const char     *line,
                       gsize           len)
{
  g_return_val_if_fail (fence != NULL, FALSE);
  g_return_val_if_fail (line != NULL || len == 0, FALSE);

  if (fence->open)
    {
      if (closes (line, len, fence))
        memset (fence, 0, sizeof *fence);
      return TRUE;
    }
  else
    {
      char ch = 0;
      gsize indent;
      gsize run = fence_run (line, len, &ch, &indent);

      if (run == 0)
        return FALSE;
      fence->open = TRUE;
      fence->ch = ch;
      fence->len = run;
      fence->indent = indent;
      return TRUE;
    }
}

void
topiary_md_fence_at (const char     *text,
                     gsize           line_start,
                     TopiaryMdFence *fence)
{
  TopiaryMdFence state = { 0 };
  gsize pos = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (fence != NULL);

  /* Only whole lines before @line_start count. */
  while (pos < line_start && text[pos] != '\0')
    {
      const char *nl = strchr (text + pos, '\n');

      if (nl == NULL || (gsize) (nl - text) >= line_start)
        break;
      topiary_md_fence_feed (&state, text + pos, (gsize) (nl - text) - pos);
      pos = (gsize) (nl - text) + 1;
    }
  *fence = state;
}

gsize
topiary_md_fence_outdent (const char           *line,
                          const TopiaryMdFence *fence)
{
  gsize len, indent;

  g_return_val_if_fail (line != NULL, 0);
  g_return_val_if_fail (fence != NULL, 0);

  len = strlen (line);
  if (!fence->open || !closes (line, len, fence))
    return 0;
  indent = leading_space (line, len);
  return indent > fence->indent ? indent - fence->indent : 0;
}

TopiaryMdWrap
topiary_md_wrap_state (const char *before,
                       const char *selection,
                       const char *after,
                       const char *mark)
{
  gsize m, s, b;

  g_return_val_if_fail (mark != NULL && *mark != '\0', TOPIARY_MD_WRAP_NONE);

  before = before ? before : "";
  selection = selection ? selection : "";
  after = after ? after : "";
  m = strlen (mark);
  s = strlen (selection);
  b = strlen (before);
  if (s >= 2 * m && strncmp (selection, mark, m) == 0 && strncmp (selection + s - m, mark, m) == 0)
    return TOPIARY_MD_WRAP_INSIDE;
  if (b >= m && strncmp (before + b - m, mark, m) == 0 && strncmp (after, mark, m) == 0)
    return TOPIARY_MD_WRAP_OUTSIDE;
  return TOPIARY_MD_WRAP_NONE;
}

gboolean
topiary_md_is_url (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *rest;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (g_ascii_strncasecmp (trimmed, "https://", 8) == 0)
    rest = trimmed + 8;
  else if (g_ascii_strncasecmp (trimmed, "http://", 7) == 0)
    rest = trimmed + 7;
  else if (g_ascii_strncasecmp (trimmed, "mailto:", 7) == 0)
    rest = trimmed + 7;
  else
    return FALSE;
  /* Something after the scheme, and no white space or angle brackets
   * (which would end the link in Markdown). */
  if (*rest == '\0' || *rest == '/')
    return FALSE;
  for (const char *p = trimmed; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == '>')
      return FALSE;
  return TRUE;
}
