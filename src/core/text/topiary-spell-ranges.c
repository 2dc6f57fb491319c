/* topiary-spell-ranges.c — which words of a Markdown text to spell-check
 *
 * One pass over the text. At each line start the block rules run (fences,
 * indented code, reference definitions); elsewhere the inline rules skip
 * what is not prose. Searches for a closing mark stay inside the paragraph
 * (or the line), and a search that failed is remembered for the rest of
 * the paragraph, so a text full of unmatched backticks or brackets is
 * still scanned in linear time: the editor runs this after edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-frontmatter.h"
#include "topiary-spell-ranges.h"

#define MAX_TICKS 32
#define MAX_LINK_TARGET 4096

typedef struct {
  const char *t;
  gsize       len;
  GHashTable *known;
  GArray     *out;

  /* The paragraph that holds `para_from`: it ends at `para_end`. */
  gsize       para_from;
  gsize       para_end;
  /* Failed searches, valid while the paragraph that ended at
   * `*_para` is the current one. */
  gsize       no_ticks_para[MAX_TICKS + 1];
  gsize       no_gt_para;
  gboolean    no_comment_end;
  gboolean    no_close[8];
  /* Searches with a fixed limit that failed: the limit. */
  gsize       fail_to[4];
  /* The line that holds `line_from` ends at `line_to`. */
  gsize       line_from;
  gsize       line_to;

  /* Block state. */
  gboolean    prev_blank;
  gboolean    prev_code;
  gboolean    list_ctx;
  char        fence_char;   /* 0 outside a fence */
  gsize       fence_len;
} Scan;

/* ---- small helpers ---- */

static gsize
line_end (const Scan *s,
          gsize       pos)
{
  const char *nl = memchr (s->t + pos, '\n', s->len - pos);
  return nl ? (gsize) (nl - s->t) : s->len;
}

static gsize
next_line (const Scan *s,
           gsize       pos)
{
  gsize e = line_end (s, pos);
  return e < s->len ? e + 1 : s->len;
}

static gboolean
line_is_blank (const Scan *s,
               gsize       pos)
{
  gsize e = line_end (s, pos);

  for (gsize i = pos; i < e; i++)
    if (s->t[i] != ' ' && s->t[i] != '\t' && s->t[i] != '\r')
      return FALSE;
  return TRUE;
}

/* The start of the first blank line after the line of @pos (or the end). */
static gsize
para_end (Scan  *s,
          gsize  pos)
{
  gsize e;

  if (pos >= s->para_from && pos < s->para_end)
    return s->para_end;
  e = line_end (s, pos);
  while (e < s->len)
    {
      gsize start = e + 1;
      if (line_is_blank (s, start))
        {
          e = start;
          break;
        }
      e = line_end (s, start);
    }
  s->para_from = pos;
  s->para_end = MIN (e, s->len);
  return s->para_end;
}

/* line_end() for the inline rules, which ask again and again. */
static gsize
cur_line_end (Scan  *s,
              gsize  pos)
{
  if (pos < s->line_from || pos > s->line_to || s->line_to == 0)
    {
      s->line_from = pos;
      s->line_to = line_end (s, pos);
    }
  return s->line_to;
}

enum { FAIL_WIKI, FAIL_BRACKET, FAIL_BRACES, FAIL_BRACE };

static gsize find (const Scan *s, gsize from, gsize to, const char *needle);

/* find() for searches whose start only moves forward: once one up to @to
 * failed, any later one up to @to fails too. */
static gsize
find_once (Scan       *s,
           guint       which,
           gsize       from,
           gsize       to,
           const char *needle)
{
  gsize hit;

  if (s->fail_to[which] == to)
    return (gsize) -1;
  hit = find (s, from, to, needle);
  if (hit == (gsize) -1)
    s->fail_to[which] = to;
  return hit;
}

/* Where @needle first starts in [from, to), or (gsize) -1. */
static gsize
find (const Scan *s,
      gsize       from,
      gsize       to,
      const char *needle)
{
  gsize n = strlen (needle);

  if (to > s->len)
    to = s->len;
  for (gsize i = from; i + n <= to; i++)
    {
      const char *hit = memchr (s->t + i, needle[0], to - i);
      if (hit == NULL)
        return (gsize) -1;
      i = hit - s->t;
      if (i + n <= to && memcmp (s->t + i, needle, n) == 0)
        return i;
    }
  return (gsize) -1;
}

static gunichar
char_at (const Scan *s,
         gsize       pos)
{
  if (pos >= s->len)
    return 0;
  return g_utf8_get_char (s->t + pos);
}

static gsize
after_char (const Scan *s,
            gsize       pos)
{
  const char *next = g_utf8_next_char (s->t + pos);
  return MIN ((gsize) (next - s->t), s->len);
}

static gunichar
char_before (const Scan *s,
             gsize       pos)
{
  if (pos == 0)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s->t, s->t + pos));
}

static gboolean
is_word_char (gunichar c)
{
  return c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* ---- known words ---- */

static char *
fold_word (const char *word,
           gsize       length)
{
  g_autoptr(GString) plain = g_string_sized_new (length);
  g_autofree char *folded = NULL;

  /* ’ and ' are the same apostrophe. */
  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2019)
        g_string_append_c (plain, '\'');
      else
        g_string_append_unichar (plain, c);
    }
  folded = g_utf8_casefold (plain->str, plain->len);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

GHashTable *
topiary_spell_known_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
topiary_spell_known_add (GHashTable *known,
                         const char *text)
{
  const char *p;

  g_return_if_fail (known != NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  p = text;
  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (is_word_char (c))
            p = next;
          else if (p > start && is_apostrophe (c) && is_word_char (g_utf8_get_char (next)))
            p = next;
          else
            break;
        }
      if (p > start)
        {
          char *word = fold_word (start, p - start);
          if (word != NULL)
            g_hash_table_add (known, word);
        }
      else
        p = g_utf8_next_char (p);
    }
}

gboolean
topiary_spell_known_contains (GHashTable *known,
                              const char *word,
                              gsize       length)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (known != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  if (g_hash_table_size (known) == 0)
    return FALSE;
  /* Most words are ASCII, whose case folding is lowering: no allocation,
   * as this runs for every word of the text. */
  if (length < 64)
    {
      char lower[64];
      gsize i;

      for (i = 0; i < length && !(word[i] & 0x80); i++)
        lower[i] = g_ascii_tolower (word[i]);
      if (i == length)
        {
          lower[i] = '\0';
          return g_hash_table_contains (known, lower);
        }
    }
  folded = fold_word (word, length);
  return folded != NULL && g_hash_table_contains (known, folded);
}

/* ---- words ---- */

/* Words joined to others by "." or "/" are file names, domains, paths. */
static gboolean
is_joined (const Scan *s,
           gsize       start,
           gsize       end)
{
  if (end + 1 < s->len && (s->t[end] == '.' || s->t[end] == '/' || s->t[end] == '\\') &&
      is_word_char (char_at (s, end + 1)))
    return TRUE;
  if (start >= 1 && (s->t[start - 1] == '/' || s->t[start - 1] == '\\'))
    return TRUE;
  if (start >= 2 && s->t[start - 1] == '.' && is_word_char (char_before (s, start - 1)))
    return TRUE;
  if (start >= 1 && (s->t[start - 1] == '@' || s->t[start - 1] == '$' || s->t[start - 1] == '#'))
    return TRUE;
  return FALSE;
}

/* Where the token at @pos (up to white space or a bracket) ends. */
static gsize
token_end (const Scan *s,
           gsize       pos)
{
  while (pos < s->len && !strchr (" \t\r\n<>\"`[]", s->t[pos]))
    pos++;
  return pos;
}

/* "http://", "https://", "ftp://", "mailto:", "www." at @pos. */
static gboolean
is_url_start (const Scan *s,
              gsize       pos)
{
  gsize i = pos;

  if (s->len - pos >= 4 && g_ascii_strncasecmp (s->t + pos, "www.", 4) == 0)
    return TRUE;
  if (s->len - pos >= 7 && g_ascii_strncasecmp (s->t + pos, "mailto:", 7) == 0)
    return TRUE;
  while (i < s->len && i - pos < 32 &&
         (g_ascii_isalnum (s->t[i]) || s->t[i] == '+' || s->t[i] == '.' || s->t[i] == '-'))
    i++;
  return i > pos && s->len - i >= 3 && memcmp (s->t + i, "://", 3) == 0;
}

/* Reads the word at @pos (a word character); adds it when it is to be
 * checked; returns where scanning goes on. */
static gsize
take_word (Scan  *s,
           gsize  pos)
{
  gsize start = pos, end;
  guint n_chars = 0, n_letters = 0, n_upper = 0;
  gboolean skip = FALSE, inner_upper = FALSE;

  if (is_url_start (s, pos))
    return token_end (s, pos);

  while (pos < s->len)
    {
      gunichar c = char_at (s, pos);
      gsize next = after_char (s, pos);

      if (is_word_char (c))
        {
          if (g_unichar_isdigit (c))
            skip = TRUE;
          if (g_unichar_isalpha (c))
            {
              n_letters++;
              if (g_unichar_isupper (c) || g_unichar_istitle (c))
                {
                  n_upper++;
                  if (n_chars > 0)
                    inner_upper = TRUE;
                }
            }
          n_chars++;
          pos = next;
        }
      else if ((is_apostrophe (c) || c == '_') && n_chars > 0 && is_word_char (char_at (s, next)))
        {
          if (c == '_')
            skip = TRUE;
          pos = next;
        }
      else
        break;
    }
  end = pos;

  /* An e-mail address: the whole token. */
  if (end < s->len && s->t[end] == '@')
    return token_end (s, end);
  if (skip || n_chars < 2 || is_joined (s, start, end))
    return end;
  /* Acronyms and identifiers: "HTML", "iPhone", "GtkTextView". */
  if ((n_upper == n_letters && n_letters >= 2) || inner_upper)
    return end;
  if (s->known != NULL && topiary_spell_known_contains (s->known, s->t + start, end - start))
    return end;

  g_array_append_vals (s->out, &(TopiarySpellRange) { start, end }, 1);
  return end;
}

/* ---- inline rules ---- */

static gsize
skip_code_span (Scan  *s,
                gsize  pos)
{
  gsize n = 0, i, pend;

  while (pos + n < s->len && s->t[pos + n] == '`')
    n++;
  pend = para_end (s, pos);
  if (n > MAX_TICKS || s->no_ticks_para[n] == pend)
    return pos + n;
  /* A closing run of exactly @n backticks. */
  i = pos + n;
  while (i < pend)
    {
      gsize run = 0;
      const char *tick = memchr (s->t + i, '`', pend - i);

      if (tick == NULL)
        break;
      i = tick - s->t;
      while (i + run < pend && s->t[i + run] == '`')
        run++;
      if (run == n)
        return i + run;
      i += run;
    }
  s->no_ticks_para[n] = pend;
  return pos + n;
}

static gboolean
tag_name_is (const Scan *s,
             gsize       pos,
             gsize       end,
             const char *name)
{
  gsize n = strlen (name);

  return end - pos >= n && g_ascii_strncasecmp (s->t + pos, name, n) == 0 &&
         (pos + n == end || !g_ascii_isalnum (s->t[pos + n]));
}

/* "<": a comment, a tag (and the content of <code>, <pre>, <script>,
 * <style>), an autolink; else the character itself. */
static gsize
skip_angle (Scan  *s,
            gsize  pos)
{
  static const char *verbatim[] = { "code", "pre", "script", "style", "kbd", "samp" };
  gsize pend, gt;
  char next = pos + 1 < s->len ? s->t[pos + 1] : '\0';

  if (s->len - pos >= 4 && memcmp (s->t + pos, "<!--", 4) == 0 && !s->no_comment_end)
    {
      gsize end = find (s, pos + 4, s->len, "-->");
      if (end != (gsize) -1)
        return end + 3;
      s->no_comment_end = TRUE;
    }
  if (!g_ascii_isalpha (next) && next != '/' && next != '!' && next != '?')
    return pos + 1;
  pend = para_end (s, pos);
  if (s->no_gt_para == pend)
    return pos + 1;
  gt = find (s, pos + 1, pend, ">");
  if (gt == (gsize) -1)
    {
      s->no_gt_para = pend;
      return pos + 1;
    }
  if (g_ascii_isalpha (next) && s->t[gt - 1] != '/')
    for (guint i = 0; i < G_N_ELEMENTS (verbatim); i++)
      if (tag_name_is (s, pos + 1, gt, verbatim[i]) && !s->no_close[i])
        {
          gsize i_close = gt;
          while ((i_close = find (s, i_close, s->len, "</")) != (gsize) -1)
            {
              if (tag_name_is (s, i_close + 2, s->len, verbatim[i]))
                {
                  gsize close_gt = find (s, i_close, s->len, ">");
                  return close_gt != (gsize) -1 ? close_gt + 1 : s->len;
                }
              i_close += 2;
            }
          s->no_close[i] = TRUE;
          break;
        }
  return gt + 1;
}

static void scan (Scan *s, gsize from, gsize to, gboolean top);

/* "[[target]]", "[[target|label]]": only a label is prose. */
static gsize
skip_wiki_link (Scan  *s,
                gsize  pos)
{
  gsize end = find_once (s, FAIL_WIKI, pos + 2, cur_line_end (s, pos), "]]");
  gsize bar;

  if (end == (gsize) -1)
    return pos + 2;
  bar = find (s, pos + 2, end, "|");
  if (bar != (gsize) -1)
    scan (s, bar + 1, end, FALSE);
  return end + 2;
}

/* "](target)" or "][label]" after a link's text. */
static gsize
skip_link_target (Scan  *s,
                  gsize  pos)
{
  gsize pend = para_end (s, pos);
  gsize limit = MIN (pend, pos + MAX_LINK_TARGET);
  int depth = 0;

  if (pos + 1 >= s->len)
    return pos + 1;
  if (s->t[pos + 1] == '[')
    {
      gsize close = find_once (s, FAIL_BRACKET, pos + 2, cur_line_end (s, pos), "]");
      return close != (gsize) -1 ? close + 1 : pos + 1;
    }
  if (s->t[pos + 1] != '(')
    return pos + 1;
  for (gsize i = pos + 2; i < limit; i++)
    {
      if (s->t[i] == '\\')
        i++;
      else if (s->t[i] == '(')
        depth++;
      else if (s->t[i] == ')' && depth-- == 0)
        return i + 1;
    }
  return pos + 1;
}

/* "&amp;", "&#8217;", "&#x2019;". */
static gsize
skip_entity (const Scan *s,
             gsize       pos)
{
  gsize i = pos + 1;

  if (i < s->len && s->t[i] == '#')
    i++;
  while (i < s->len && i - pos < 34 && g_ascii_isalnum (s->t[i]))
    i++;
  if (i < s->len && s->t[i] == ';' && i > pos + 1)
    return i + 1;
  return pos + 1;
}

/* "{{< shortcode >}}", "{{ mustache }}", "{#heading-id}", "{.class}". */
static gsize
skip_brace (Scan  *s,
            gsize  pos)
{
  gsize end;

  if (pos + 1 >= s->len)
    return pos + 1;
  if (s->t[pos + 1] == '{')
    {
      end = find_once (s, FAIL_BRACES, pos + 2, para_end (s, pos), "}}");
      return end != (gsize) -1 ? end + 2 : pos + 1;
    }
  if (s->t[pos + 1] == '#' || s->t[pos + 1] == '.')
    {
      end = find_once (s, FAIL_BRACE, pos + 2, cur_line_end (s, pos), "}");
      return end != (gsize) -1 ? end + 1 : pos + 1;
    }
  return pos + 1;
}

/* ---- block rules ---- */

static gboolean
is_list_marker (const Scan *s,
                gsize       pos)
{
  gsize i = pos;

  if (pos < s->len && strchr ("-*+", s->t[pos]) && s->t[pos] != '\0')
    return pos + 1 >= s->len || s->t[pos + 1] == ' ' || s->t[pos + 1] == '\t' ||
           s->t[pos + 1] == '\n' || s->t[pos + 1] == '\r';
  while (i < s->len && i - pos < 9 && g_ascii_isdigit (s->t[i]))
    i++;
  return i > pos && i < s->len && (s->t[i] == '.' || s->t[i] == ')') &&
         (i + 1 >= s->len || s->t[i + 1] == ' ' || s->t[i + 1] == '\t' || s->t[i + 1] == '\n');
}

/* The run of @c at @pos. */
static gsize
run_of (const Scan *s,
        gsize       pos,
        char        c)
{
  gsize n = 0;

  while (pos + n < s->len && s->t[pos + n] == c)
    n++;
  return n;
}

/* At the start of a line: returns where inline scanning starts, or the
 * next line's start when the whole line is not prose (*skipped). */
static gsize
line_start (Scan     *s,
            gsize     pos,
            gboolean *skipped)
{
  gsize i = pos, indent = 0, content, end = line_end (s, pos);

  *skipped = TRUE;
  while (i < end && (s->t[i] == ' ' || s->t[i] == '\t'))
    {
      indent = s->t[i] == '\t' ? (indent / 4 + 1) * 4 : indent + 1;
      i++;
    }
  content = i;
  /* Quotes: "> ```" opens a fence too. */
  while (content < end && s->t[content] == '>')
    {
      content++;
      if (content < end && s->t[content] == ' ')
        content++;
    }

  if (line_is_blank (s, pos))
    {
      s->prev_blank = TRUE;
      s->prev_code = FALSE;
      return next_line (s, pos);
    }

  if (s->fence_char != '\0')
    {
      gsize n = run_of (s, content, s->fence_char);
      if (indent < 4 && n >= s->fence_len)
        {
          gsize k = content + n;
          while (k < end && (s->t[k] == ' ' || s->t[k] == '\t' || s->t[k] == '\r'))
            k++;
          if (k == end)
            s->fence_char = '\0';
        }
      s->prev_blank = FALSE;
      return next_line (s, pos);
    }

  if (indent >= 4 && (s->prev_blank || s->prev_code) && !s->list_ctx)
    {
      s->prev_code = TRUE;
      s->prev_blank = FALSE;
      return next_line (s, pos);
    }

  if (indent < 4 && content < end && (s->t[content] == '`' || s->t[content] == '~'))
    {
      gsize n = run_of (s, content, s->t[content]);
      if (n >= 3 && (s->t[content] == '~' ||
                     memchr (s->t + content + n, '`', end - content - n) == NULL))
        {
          s->fence_char = s->t[content];
          s->fence_len = n;
          s->prev_blank = FALSE;
          s->prev_code = FALSE;
          return next_line (s, pos);
        }
    }

  s->list_ctx = is_list_marker (s, i) || (s->list_ctx && (indent > 0 || !s->prev_blank));
  s->prev_blank = FALSE;
  s->prev_code = FALSE;

  /* "[label]: destination" — a reference definition (not a footnote). */
  if (indent < 4 && i + 1 < end && s->t[i] == '[' && s->t[i + 1] != '^')
    {
      gsize close = find (s, i + 1, end, "]:");
      if (close != (gsize) -1)
        return next_line (s, pos);
    }

  *skipped = FALSE;
  return i;
}

/* ---- the scan ---- */

static void
scan (Scan     *s,
      gsize     from,
      gsize     to,
      gboolean  top)
{
  gsize pos = from;

  while (pos < to)
    {
      char c = s->t[pos];

      if (top && (pos == from || s->t[pos - 1] == '\n'))
        {
          gboolean skipped;
          gsize next = line_start (s, pos, &skipped);
          if (skipped || next != pos)
            {
              pos = next;
              continue;
            }
        }

      switch (c)
        {
        case '\\':
          pos = pos + 1 < to ? after_char (s, pos + 1) : to;
          continue;
        case '`':
          pos = skip_code_span (s, pos);
          continue;
        case '<':
          pos = skip_angle (s, pos);
          continue;
        case '[':
          if (pos + 1 < s->len && s->t[pos + 1] == '[')
            pos = skip_wiki_link (s, pos);
          else if (pos + 1 < s->len && s->t[pos + 1] == '^')
            {
              gsize close = find_once (s, FAIL_BRACKET, pos + 2, cur_line_end (s, pos), "]");
              pos = close != (gsize) -1 ? close + 1 : pos + 1;
            }
          else
            pos++;
          continue;
        case ']':
          pos = skip_link_target (s, pos);
          continue;
        case '&':
          pos = skip_entity (s, pos);
          continue;
        case '{':
          pos = skip_brace (s, pos);
          continue;
        default:
          break;
        }

      if ((guchar) c < 0x80 && !g_ascii_isalnum (c))
        {
          pos++;
          continue;
        }
      if (is_word_char (char_at (s, pos)))
        pos = take_word (s, pos);
      else
        pos = after_char (s, pos);
    }
}

GArray *
topiary_spell_ranges (const char *text,
                      gssize      length,
                      GHashTable *known)
{
  Scan s = { 0 };
  gsize body = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  s.t = text ? text : "";
  s.len = length < 0 ? strlen (s.t) : (gsize) length;
  s.known = known;
  s.out = g_array_new (FALSE, FALSE, sizeof (TopiarySpellRange));
  s.prev_blank = TRUE;
  s.para_end = 0;
  for (guint i = 0; i <= MAX_TICKS; i++)
    s.no_ticks_para[i] = (gsize) -1;
  s.no_gt_para = (gsize) -1;
  for (guint i = 0; i < G_N_ELEMENTS (s.fail_to); i++)
    s.fail_to[i] = (gsize) -1;

  if (topiary_front_matter_split (s.t, s.len, NULL, NULL, &body) == TOPIARY_FRONT_MATTER_NONE)
    body = 0;
  scan (&s, body, s.len, TRUE);
  return s.out;
}

/* ---- language ---- */

char *
topiary_spell_normalize_language (const char *tag)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  char *cut;

  if (tag == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (tag));
  /* "de_DE.UTF-8@euro" */
  if ((cut = strpbrk (copy, ".@")) != NULL)
    *cut = '\0';
  if (*copy == '\0' || g_str_equal (copy, "C") || g_str_equal (copy, "POSIX"))
    return NULL;
  parts = g_strsplit_set (copy, "-_", 3);
  if (parts[0] == NULL || strlen (parts[0]) < 2 || strlen (parts[0]) > 3)
    return NULL;
  for (const char *p = parts[0]; *p; p++)
    if (!g_ascii_isalpha (*p))
      return NULL;
  if (parts[1] != NULL && strlen (parts[1]) == 2 &&
      g_ascii_isalpha (parts[1][0]) && g_ascii_isalpha (parts[1][1]))
    {
      g_autofree char *lang = g_ascii_strdown (parts[0], -1);
      g_autofree char *region = g_ascii_strup (parts[1], -1);
      return g_strconcat (lang, "_", region, NULL);
    }
  return g_ascii_strdown (parts[0], -1);
}

char *
topiary_spell_front_matter_language (const char *text,
                                     gssize      length)
{
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  TopiaryFrontMatterFormat format;
  gsize block_start = 0, block_length = 0, len;
  const char *lang;

  g_return_val_if_fail (text != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  format = topiary_front_matter_split (text, len, &block_start, &block_length, NULL);
  if (format == TOPIARY_FRONT_MATTER_NONE)
    return NULL;
  fm = topiary_front_matter_parse (format, text + block_start, block_length, NULL);
  if (fm == NULL)
    return NULL;
  lang = topiary_front_matter_get_string (fm, "lang");
  if (lang == NULL)
    lang = topiary_front_matter_get_string (fm, "language");
  return topiary_spell_normalize_language (lang);
}

char *
topiary_spell_desktop_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *tag = topiary_spell_normalize_language (names[i]);
      if (tag != NULL)
        return g_strdelimit (tag, "_", '-');
    }
  return g_strdup ("en");
}
