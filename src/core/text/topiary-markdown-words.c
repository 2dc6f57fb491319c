/* topiary-markdown-words.c — word count and reading time of Markdown,
 * and the line scanning it shares with the link scanner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-markdown.h"
#include "topiary-markdown-private.h"


/* ------------------------------------------------------------------------
 * Line scanning shared by the word count and the link scanner
 * ---------------------------------------------------------------------- */

static guint
leading_spaces (const char *line,
                const char *end)
{
  guint col = 0;

  for (const char *p = line; p < end; p++)
    {
      if (*p == ' ')
        col++;
      else if (*p == '\t')
        col += 4 - (col % 4);
      else
        break;
    }

  return col;
}

static gboolean
is_blank (const char *line,
          const char *end)
{
  for (const char *p = line; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Length of a list marker ("- ", "* ", "+ ", "12. ", "3) ") at @p, or 0. */
static gsize
list_marker_len (const char *p,
                 const char *end)
{
  const char *q = p;

  if (q < end && (*q == '-' || *q == '*' || *q == '+'))
    q++;
  else
    {
      while (q < end && q - p < 9 && g_ascii_isdigit (*q))
        q++;
      if (q == p || q >= end || (*q != '.' && *q != ')'))
        return 0;
      q++;
    }

  if (q < end && *q != ' ' && *q != '\t')
    return 0;

  return q - p;
}

/* Decides whether the line [@line, @end) is code. Keeps track of fences,
 * and of indented code, which cmark only starts after a blank line outside
 * a list (a good approximation without building the block tree). */
gboolean
_topiary_markdown_line_is_code (BlockState *bs,
                                const char *line,
                                const char *end)
{
  guint indent = leading_spaces (line, end);
  const char *p = line;
  gboolean blank = is_blank (line, end);

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  if (bs->fence_char != 0)
    {
      guint n = 0;

      if (indent < 4)
        {
          while (p + n < end && p[n] == bs->fence_char)
            n++;
          if (n >= bs->fence_len && is_blank (p + n, end))
            bs->fence_char = 0;
        }
      return TRUE;
    }

  if (bs->in_indented_code)
    {
      if (blank || indent >= 4)
        return TRUE;
      bs->in_indented_code = FALSE;
    }

  if (blank)
    {
      bs->prev_blank = TRUE;
      return FALSE;
    }

  if (indent >= 4 && bs->prev_blank && !bs->in_list)
    {
      bs->in_indented_code = TRUE;
      return TRUE;
    }

  if (indent < 4 && (*p == '`' || *p == '~'))
    {
      guint n = 0;

      while (p + n < end && p[n] == *p)
        n++;
      /* A backtick fence's info string may not hold backticks. */
      if (n >= 3 && (*p == '~' || memchr (p + n, '`', end - (p + n)) == NULL))
        {
          bs->fence_char = *p;
          bs->fence_len = n;
          bs->prev_blank = FALSE;
          return TRUE;
        }
    }

  if (indent < 4 && list_marker_len (p, end) > 0)
    bs->in_list = TRUE;
  else if (indent == 0 && bs->prev_blank)
    bs->in_list = FALSE;

  bs->prev_blank = FALSE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Word count
 * ---------------------------------------------------------------------- */

static inline gboolean
is_word_char (const char **pp,
              const char  *end)
{
  const guchar c = **(const guchar **) pp;
  gunichar ch;
  const char *next;

  if (c < 0x80)
    return g_ascii_isalnum (c);

  /* Letters of any script count; dashes, quotes and symbols do not. */
  ch = g_utf8_get_char_validated (*pp, end - *pp);
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    return FALSE;
  next = g_utf8_next_char (*pp);
  if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
    {
      *pp = next - 1;
      return TRUE;
    }
  *pp = next - 1;
  return FALSE;
}

guint
_topiary_markdown_count_words (const char *text,
                               const char *text_end)
{
  BlockState bs = { 0 };
  const char *line;
  guint words = 0;

  for (line = text; line < text_end; )
    {
      const char *end = _topiary_markdown_line_end (line, text_end);
      const char *p = line;
      enum { TOKEN_NONE, TOKEN_UNCOUNTED, TOKEN_COUNTED } token = TOKEN_NONE;

      if (_topiary_markdown_line_is_code (&bs, line, end))
        goto next_line;

      /* Block markers: "> ", "1. ", "- [x] " are no words. */
      for (;;)
        {
          gsize n;

          while (p < end && (*p == ' ' || *p == '\t'))
            p++;
          if (p < end && *p == '>')
            p++;
          else if ((n = list_marker_len (p, end)) > 0)
            p += n;
          else if (end - p >= 3 && p[0] == '[' && p[2] == ']' &&
                   (p[1] == ' ' || p[1] == 'x' || p[1] == 'X'))
            p += 3;
          else
            break;
        }

      /* A link reference definition is no prose. */
      if (p < end && *p == '[')
        {
          const char *close = memchr (p, ']', end - p);

          if (close != NULL && close + 1 < end && close[1] == ':')
            goto next_line;
        }

      /* The hot loop: most bytes are letters inside a word already counted,
       * so that case costs three comparisons. */
      for (; p < end; p++)
        {
          guchar c = *p;

          if (c <= ' ')
            {
              token = TOKEN_NONE;
              continue;
            }

          if (G_UNLIKELY (c == '<' || c == ']'))
            {
              const char *skip_to = NULL;

              if (c == '<' && p + 1 < end &&
                  (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
                skip_to = memchr (p, '>', end - p);    /* an HTML tag */
              else if (c == ']' && p + 1 < end && p[1] == '(')
                skip_to = memchr (p, ')', end - p);    /* a link's URL */

              if (skip_to != NULL)
                {
                  p = skip_to;
                  token = TOKEN_NONE;
                  continue;
                }
            }

          if (token != TOKEN_COUNTED)
            {
              if (is_word_char (&p, end))
                {
                  token = TOKEN_COUNTED;
                  words++;
                }
              else
                token = TOKEN_UNCOUNTED;
            }
        }

    next_line:
      line = end + 1;
    }

  return words;
}

guint
topiary_markdown_word_count (const char *text)
{
  if (text == NULL)
    return 0;

  return _topiary_markdown_count_words (text, text + strlen (text));
}

guint
topiary_markdown_reading_minutes (guint words)
{
  return MAX (1, (words + TOPIARY_WORDS_PER_MINUTE - 1) / TOPIARY_WORDS_PER_MINUTE);
}
