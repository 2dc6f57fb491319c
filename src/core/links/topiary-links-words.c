/* topiary-links-words.c — the words of a body, as the link suggestions
 * compare them
 *
 * Two words are the same when their keys are (topiary_link_key(): full
 * case fold and NFC, as wiki links are compared), after, for a map in
 * English, a small suffix stripper that makes plurals and the common verb
 * forms one word. It is deliberately simple and runs on text and on
 * queries alike, so both sides always agree:
 *
 *   "'s" goes ("flask's" → "flask");
 *   "sses" → "ss", "ies" → "y" ("libraries" → "library"), "es" after
 *   x, ch, sh, z goes ("boxes" → "box"), then a final "s" goes unless the
 *   word ends in "ss", "us" or "is" ("apps" → "app", "status" stays);
 *   "ing" and "ed" go when three letters stay ("hosting", "hosted" →
 *   "host"), and a doubled final consonant then loses one ("planned" →
 *   "plan");
 *   a final "e" goes when four letters stay ("manage", "managed",
 *   "managing" → "manag").
 * Words of three letters or fewer are left as they are.
 *
 * A word is a run of letters, digits and marks; an apostrophe between two
 * of them belongs to the word. Hyphens and other punctuation separate
 * words, so "self-hosted" matches the query "self hosted".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-link.h"
#include "topiary-links-private.h"

static gboolean
has_suffix (const char *word,
            gsize       len,
            const char *suffix)
{
  gsize n = strlen (suffix);

  return len >= n && memcmp (word + len - n, suffix, n) == 0;
}

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

void
_topiary_links_stem_en (char *word)
{
  gsize len = strlen (word);

  if (len <= 3)
    return;

  if (has_suffix (word, len, "'s"))
    len -= 2;
  else if (has_suffix (word, len, "\xe2\x80\x99s"))
    len -= 4;
  else if (has_suffix (word, len, "sses"))
    len -= 2;
  else if (len > 4 && has_suffix (word, len, "ies"))
    {
      len -= 2;
      word[len - 1] = 'y';
    }
  else if (has_suffix (word, len, "xes") || has_suffix (word, len, "ches") ||
           has_suffix (word, len, "shes") || has_suffix (word, len, "zes"))
    len -= 2;
  else if (has_suffix (word, len, "s") && !has_suffix (word, len, "ss") &&
           !has_suffix (word, len, "us") && !has_suffix (word, len, "is"))
    len -= 1;

  if (len >= 6 && has_suffix (word, len, "ing"))
    len -= 3;
  else if (len >= 5 && has_suffix (word, len, "ed"))
    len -= 2;
  else
    goto final_e;

  /* "plann" → "plan", but "fall", "miss", "buzz" keep theirs. */
  if (len >= 4 && word[len - 1] == word[len - 2] && !is_vowel (word[len - 1]) &&
      word[len - 1] != 'l' && word[len - 1] != 's' && word[len - 1] != 'z' &&
      g_ascii_isalpha (word[len - 1]))
    len--;

final_e:
  if (len >= 5 && word[len - 1] == 'e')
    len--;
  word[len] = '\0';
}

gboolean
_topiary_links_language_stems (const char *language)
{
  if (language == NULL || language[0] == '\0')
    return TRUE;   /* a map's language defaults to English */
  return g_ascii_strncasecmp (language, "en", 2) == 0 &&
         (language[2] == '\0' || language[2] == '-' || language[2] == '_');
}

gboolean
_topiary_links_is_stopword (const char *norm)
{
  static const char * const words[] = {
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from",
    "how", "i", "if", "in", "is", "it", "its", "me", "my", "no", "not", "of",
    "on", "or", "our", "so", "that", "the", "this", "to", "vs", "was", "we",
    "what", "when", "where", "which", "who", "why", "with", "you", "your",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (norm, words[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
_topiary_links_word_norm (const char *word,
                          gsize       len,
                          gboolean    stem)
{
  char *key = topiary_link_key (word, len);

  if (stem)
    _topiary_links_stem_en (key);
  return key;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* The end of the word that starts at @p (a word character), before @end. */
static const char *
word_end (const char *p,
          const char *end)
{
  while (p < end)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      next = (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);
      if (is_word_char (c))
        p = next;
      else if (is_apostrophe (c) && next < end)
        {
          gunichar d = (guchar) *next < 0x80 ? (gunichar) *next : g_utf8_get_char_validated (next, end - next);

          if (d == (gunichar) -1 || d == (gunichar) -2 || !is_word_char (d))
            break;
          p = next;
        }
      else
        break;
    }
  return p;
}

static gunichar
char_at (const char *p,
         const char *end)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    return (gunichar) *p;
  c = g_utf8_get_char_validated (p, end - p);
  return c == (gunichar) -1 || c == (gunichar) -2 ? 0xFFFD : c;
}

static const char *
next_char (const char *p,
           const char *end)
{
  if ((guchar) *p < 0x80)
    return p + 1;
  p = g_utf8_next_char (p);
  return p > end ? end : p;
}

GPtrArray *
_topiary_links_phrase_words (const char *phrase,
                             gboolean    stem)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *end = phrase + strlen (phrase);
  const char *p = phrase;

  while (p < end)
    {
      if (is_word_char (char_at (p, end)))
        {
          const char *e = word_end (p, end);

          g_ptr_array_add (words, _topiary_links_word_norm (p, e - p, stem));
          p = e;
        }
      else
        p = next_char (p, end);
    }
  return words;
}

/* ---- scanning a body ---- */

typedef struct {
  const char *body;
  LinksScan  *scan;
  gsize       sentence_start;
  gboolean    sentence_open;
} Scanner;

static void
sentence_break (Scanner *s,
                gsize    at)
{
  if (s->sentence_open)
    {
      LinksRange r = { s->sentence_start, at };

      g_array_append_val (s->scan->sentences, r);
    }
  s->sentence_open = FALSE;
}

static guint
sentence_here (Scanner *s,
               gsize    at)
{
  if (!s->sentence_open)
    {
      s->sentence_open = TRUE;
      s->sentence_start = at;
    }
  return s->scan->sentences->len;
}

static void
links_link_clear (gpointer data)
{
  LinksLink *link = data;

  g_free (link->target);
  g_free (link->label);
}

static char *
trimmed (const char *p,
         gsize       len)
{
  while (len > 0 && g_ascii_isspace (*p))
    p++, len--;
  while (len > 0 && g_ascii_isspace (p[len - 1]))
    len--;
  return g_strndup (p, len);
}

static void
add_link (Scanner    *s,
          gboolean    wiki,
          const char *target,
          gsize       target_len,
          const char *label,
          gsize       label_len,
          gsize       start,
          gsize       end)
{
  LinksLink link = { 0 };

  link.wiki = wiki;
  link.target = trimmed (target, target_len);
  link.label = label != NULL ? trimmed (label, label_len) : NULL;
  if (link.label != NULL && link.label[0] == '\0')
    g_clear_pointer (&link.label, g_free);
  if (link.label == NULL)
    link.label = g_strdup (link.target);
  link.start = start;
  link.end = end;
  link.sentence = sentence_here (s, start);
  g_array_append_val (s->scan->links, link);
}

/* A relative destination: no scheme, no "//", no "#" or "mailto". */
static gboolean
is_relative (const char *url,
             gsize       len)
{
  if (len == 0 || url[0] == '#' || (len > 1 && url[0] == '/' && url[1] == '/'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (url[i] == ':')
        return FALSE;
      if (url[i] == '/' || url[i] == '?' || url[i] == '#')
        break;
    }
  return TRUE;
}

/* The end of a name such as "example.com", "node.js" or "a@b.org" that
 * starts at @p, or NULL when the run of text there is no such name. */
static const char *
dotted_name (const char *p,
             const char *end)
{
  const char *q = p;
  gboolean dotted = FALSE;

  while (q < end && !g_ascii_isspace (*q) && strchr ("[]()<>\"`|*", *q) == NULL)
    {
      if ((*q == '.' || *q == '@' || *q == '_') && q > p && q + 1 < end &&
          g_ascii_isalnum (q[-1]) && g_ascii_isalnum (q[1]))
        dotted = TRUE;
      q++;
    }
  return dotted ? q : NULL;
}

/* Scans the inline text [p, end) of one line; @prose: its words may be
 * mentions (FALSE in headings). */
static void
scan_inline (Scanner    *s,
             const char *p,
             const char *end,
             gboolean    prose)
{
  const char *body = s->body;

  while (p < end)
    {
      gunichar c = char_at (p, end);

      if (c == '`')
        {
          /* A code span: the same run of backticks closes it. */
          const char *q = p;
          gsize n, m;

          while (q < end && *q == '`')
            q++;
          n = q - p;
          for (const char *r = q; r < end; )
            {
              if (*r != '`')
                {
                  r++;
                  continue;
                }
              m = 0;
              while (r + m < end && r[m] == '`')
                m++;
              if (m == n)
                {
                  q = r + m;
                  break;
                }
              r += m;
            }
          sentence_here (s, p - body);
          p = q;
          continue;
        }
      if (c == '[' && p + 1 < end && p[1] == '[')
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "]]");

          if (close != NULL)
            {
              const char *inner = p + 2;
              const char *bar = memchr (inner, '|', close - inner);

              add_link (s, TRUE, inner, (bar ? bar : close) - inner,
                        bar ? bar + 1 : NULL, bar ? (gsize) (close - bar - 1) : 0,
                        p - body, close + 2 - body);
              p = close + 2;
              continue;
            }
        }
      if (c == '[' || (c == '!' && p + 1 < end && p[1] == '['))
        {
          const char *open = c == '!' ? p + 1 : p;
          const char *close = memchr (open, ']', end - open);

          if (close != NULL && close + 1 < end && close[1] == '(')
            {
              const char *dest = close + 2;
              const char *dend = memchr (dest, ')', end - dest);

              if (dend != NULL)
                {
                  const char *space = memchr (dest, ' ', dend - dest);
                  gsize url_len = (space ? space : dend) - dest;

                  if (c == '[' && is_relative (dest, url_len))
                    add_link (s, FALSE, dest, url_len, open + 1, close - open - 1,
                              p - body, dend + 1 - body);
                  else
                    sentence_here (s, p - body);
                  p = dend + 1;
                  continue;
                }
            }
        }
      if (c == '<' && p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *gt = memchr (p, '>', end - p);

          if (gt != NULL)
            {
              p = gt + 1;
              continue;
            }
        }
      if ((c == 'h' || c == 'H') && (g_ascii_strncasecmp (p, "http://", MIN (7, end - p)) == 0 ||
                                     g_ascii_strncasecmp (p, "https://", MIN (8, end - p)) == 0) &&
          end - p >= 7)
        {
          while (p < end && !g_ascii_isspace (*p))
            p++;
          continue;
        }
      if (c == '{' && p + 1 < end && p[1] == '{')
        {
          /* A Hugo shortcode. */
          const char *close = g_strstr_len (p, end - p, "}}");

          if (close != NULL)
            {
              p = close + 2;
              continue;
            }
        }
      if (is_word_char (c) && dotted_name (p, end) != NULL)
        {
          /* A file or domain name, an address: "django-tutorials.com". */
          sentence_here (s, p - body);
          p = dotted_name (p, end);
          continue;
        }
      if (is_word_char (c))
        {
          const char *e = word_end (p, end);

          if (prose)
            {
              LinksWord w = { p - body, e - body, sentence_here (s, p - body) };

              g_array_append_val (s->scan->words, w);
            }
          else
            sentence_here (s, p - body);
          p = e;
          continue;
        }
      if ((c == '.' || c == '!' || c == '?') && (p + 1 >= end || g_ascii_isspace (p[1])))
        {
          sentence_break (s, p + 1 - body);
          p++;
          continue;
        }
      if (c == '|' || c == ';' || c == ':')
        {
          /* Table cells, and clauses long enough to stand alone. */
          sentence_break (s, p - body);
          p++;
          continue;
        }
      p = next_char (p, end);
    }
}

static gsize
indent_of (const char *line,
           const char *end)
{
  gsize n = 0;

  for (const char *p = line; p < end && (*p == ' ' || *p == '\t'); p++)
    n += *p == '\t' ? 4 - n % 4 : 1;
  return n;
}

/* The fence a line opens or closes ("```", "~~~~"), or 0. */
static gsize
fence_of (const char *line,
          const char *end,
          char       *ch)
{
  const char *p = line;
  gsize n = 0;

  while (p < end && *p == ' ' && p - line < 3)
    p++;
  if (p >= end || (*p != '`' && *p != '~'))
    return 0;
  *ch = *p;
  while (p + n < end && p[n] == *ch)
    n++;
  return n >= 3 ? n : 0;
}

gsize
_topiary_links_front_matter_end (const char *body)
{
  const char *marks[] = { "---", "+++" };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      const char *p;

      if (strncmp (body, marks[i], 3) != 0 || (body[3] != '\n' && body[3] != '\r'))
        continue;
      p = strchr (body, '\n') + 1;
      while (*p != '\0')
        {
          const char *nl = strchr (p, '\n');
          gsize len = nl ? (gsize) (nl - p) : strlen (p);

          if (len > 0 && p[len - 1] == '\r')
            len--;
          if (len == 3 && (strncmp (p, marks[i], 3) == 0 || (i == 0 && strncmp (p, "...", 3) == 0)))
            return (nl ? nl + 1 : p + strlen (p)) - body;
          if (nl == NULL)
            break;
          p = nl + 1;
        }
    }
  return 0;
}

LinksScan *
_topiary_links_scan (const char *body)
{
  Scanner s = { 0 };
  LinksScan *scan = g_new0 (LinksScan, 1);
  const char *p, *end;
  char fence_ch = 0;
  gsize fence_len = 0;
  gboolean prev_blank = TRUE, in_code = FALSE;

  scan->words = g_array_new (FALSE, FALSE, sizeof (LinksWord));
  scan->links = g_array_new (FALSE, FALSE, sizeof (LinksLink));
  g_array_set_clear_func (scan->links, links_link_clear);
  scan->sentences = g_array_new (FALSE, FALSE, sizeof (LinksRange));
  if (body == NULL)
    return scan;
  s.body = body;
  s.scan = scan;
  end = body + strlen (body);

  for (p = body + _topiary_links_front_matter_end (body); p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      const char *next = nl ? nl + 1 : end;
      const char *q = p;
      gboolean blank = TRUE;
      char ch = 0;
      gsize flen;

      for (const char *r = p; r < line_end; r++)
        if (!g_ascii_isspace (*r))
          {
            blank = FALSE;
            break;
          }

      flen = fence_of (p, line_end, &ch);
      if (fence_len > 0)
        {
          if (flen >= fence_len && ch == fence_ch)
            fence_len = 0;
          p = next;
          continue;
        }
      if (flen > 0)
        {
          sentence_break (&s, p - body);
          fence_len = flen;
          fence_ch = ch;
          p = next;
          continue;
        }
      if (blank)
        {
          sentence_break (&s, p - body);
          prev_blank = TRUE;
          p = next;
          continue;
        }
      /* Indented code: after a blank line (or more of it). */
      if (indent_of (p, line_end) >= 4 && (prev_blank || in_code))
        {
          in_code = TRUE;
          prev_blank = FALSE;
          p = next;
          continue;
        }
      in_code = FALSE;
      prev_blank = FALSE;

      while (q < line_end && (*q == ' ' || *q == '\t'))
        q++;
      if (*q == '#')
        {
          /* A heading: its own sentence, its words no mentions. */
          sentence_break (&s, p - body);
          while (q < line_end && *q == '#')
            q++;
          scan_inline (&s, q, line_end, FALSE);
          sentence_break (&s, line_end - body);
          p = next;
          continue;
        }
      /* Block quotes, then a list item or table row starts a sentence. */
      while (q < line_end && (*q == '>' || *q == ' '))
        q++;
      if (q + 1 < line_end && (*q == '-' || *q == '*' || *q == '+') && q[1] == ' ')
        {
          sentence_break (&s, p - body);
          q += 2;
        }
      else if (g_ascii_isdigit (*q))
        {
          const char *r = q;

          while (r < line_end && g_ascii_isdigit (*r))
            r++;
          if (r + 1 < line_end && (*r == '.' || *r == ')') && r[1] == ' ')
            {
              sentence_break (&s, p - body);
              q = r + 2;
            }
        }
      else if (*q == '|')
        sentence_break (&s, p - body);
      scan_inline (&s, q, line_end, TRUE);
      p = next;
    }
  sentence_break (&s, end - body);
  return scan;
}

void
_topiary_links_scan_free (LinksScan *scan)
{
  if (scan == NULL)
    return;
  g_array_unref (scan->words);
  g_array_unref (scan->links);
  g_array_unref (scan->sentences);
  g_free (scan);
}

#define SENTENCE_MAX 300

char *
_topiary_links_sentence (const char *body,
                         LinksScan  *scan,
                         guint       index)
{
  g_autoptr(GString) out = g_string_new (NULL);
  LinksRange *r;
  gboolean space = FALSE;

  if (index >= scan->sentences->len)
    return g_strdup ("");
  r = &g_array_index (scan->sentences, LinksRange, index);
  for (const char *p = body + r->start; p < body + r->end; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (out->len >= SENTENCE_MAX && ((guchar) *p & 0xC0) != 0x80)
        {
          g_string_append (out, "\xe2\x80\xa6");
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
