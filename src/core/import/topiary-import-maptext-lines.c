/* topiary-import-maptext-lines.c — what one line of a map page
 * looks like: its features, a heading or label it matches, the counts it states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-private.h"
#include "topiary-import-maptext-private.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* ---- looking at one line ------------------------------------------------ */

/* Trims white space, Unicode spaces included (pages copied from a browser
 * carry no-break spaces). Returns a new string. */
char *
_topiary_maptext_trim_line (const char *start,
                            gsize       len)
{
  const char *end = start + len;

  while (start < end)
    {
      gunichar c = g_utf8_get_char (start);
      if (!g_unichar_isspace (c) && c != 0xFEFF)
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char (prev);
      if (!g_unichar_isspace (c) && c != 0xFEFF)
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* The text after a list marker ("- ", "• ", "* ", "· "), or NULL. */
const char *
_topiary_maptext_bullet_text (const char *line)
{
  static const char * const markers[] = { "- ", "• ", "* ", "· ", "– " };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (g_str_has_prefix (line, markers[i]))
      {
        const char *p = line + strlen (markers[i]);
        while (*p == ' ')
          p++;
        return *p ? p : NULL;
      }
  return NULL;
}

gboolean
_topiary_maptext_ends_with_stop (const char *line)
{
  gsize len = strlen (line);

  /* A closing quote or bracket after the full stop still ends a sentence. */
  while (len > 0 && strchr ("\"')]", line[len - 1]) != NULL)
    len--;
  if (len >= 3 && memcmp (line + len - 3, "\xE2\x80\x9D", 3) == 0)  /* ” */
    len -= 3;
  return len > 0 && (line[len - 1] == '.' || line[len - 1] == '!');
}

gboolean
_topiary_maptext_ends_with_question (const char *line)
{
  gsize len = strlen (line);
  return len > 0 && line[len - 1] == '?';
}

/* The line lowercased, without leading emoji or symbols and without a
 * trailing colon: what heading matching compares. */
static char *
heading_key (const char *line)
{
  const char *p = line;
  g_autofree char *lower = NULL;
  gsize len;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        break;
      p = g_utf8_next_char (p);
    }
  lower = g_utf8_strdown (p, -1);
  len = strlen (lower);
  while (len > 0 && (lower[len - 1] == ':' || lower[len - 1] == ' '))
    lower[--len] = '\0';
  return g_steal_pointer (&lower);
}

static gboolean
word_in (const char         *word,
         gsize               len,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && g_ascii_strncasecmp (word, list[i], len) == 0)
      return TRUE;
  return FALSE;
}

void
_topiary_maptext_line_features (const char *line,
                                LineFeat   *f)
{
  static const char * const skip_words[] = {
    "with", "from", "into", "than", "that", "this", "your", "over", "onto", "upon", NULL
  };
  static const char * const verbs[] = {
    "covers", "focuses", "teaches", "provides", "explains", "explores", "shows",
    "helps", "walks", "describes", "introduces", "addresses", "examines",
    "outlines", "details", "surveys", "reviews", "spans", "gathers", "collects",
    "groups", "includes", "contains", "offers", "presents", "brings", "maps",
    "tackles", "discusses", "treats", "handles", "guides", "equips", NULL
  };
  static const char * const question_words[] = {
    "how", "what", "why", "when", "which", "where", "who", "can", "should",
    "is", "are", "do", "does", NULL
  };
  static const char * const openers[] = {
    "a comprehensive", "comprehensive", "the comprehensive", "definitive",
    "the definitive", "a definitive", "a complete", "the complete", "complete guide",
    "an in-depth", "in-depth", "the ultimate", "an ultimate", "an end-to-end",
    "end-to-end", "an authoritative", "the essential", "a full", NULL
  };
  g_autofree char *lower = g_utf8_strdown (line, -1);
  guint counted = 0, capital = 0;
  const char *p = line;
  gboolean first = TRUE;

  memset (f, 0, sizeof *f);
  f->chars = g_utf8_strlen (line, -1);
  f->ends_stop = _topiary_maptext_ends_with_stop (line);
  f->ends_q = _topiary_maptext_ends_with_question (line);
  f->amp = strstr (line, " & ") != NULL;
  f->colon = strchr (line, ':') != NULL;
  f->vs = strstr (lower, " vs ") != NULL || strstr (lower, " vs. ") != NULL || strstr (lower, " versus ") != NULL;
  f->so_clause = strstr (lower, " so readers") != NULL || strstr (lower, " so teams") != NULL ||
                 strstr (lower, " so you") != NULL || strstr (lower, " so that") != NULL;
  f->readers = strstr (lower, "readers ") != NULL || strstr (lower, "reader will") != NULL ||
               strstr (lower, "you will ") != NULL || strstr (lower, "you'll ") != NULL ||
               strstr (lower, "you\xE2\x80\x99ll ") != NULL;
  for (guint i = 0; openers[i] != NULL; i++)
    if (g_str_has_prefix (lower, openers[i]))
      f->pillar_open = TRUE;

  /* Sentences: terminators followed by a space and a capital, plus the end. */
  for (const char *q = line; *q; q++)
    if ((*q == '.' || *q == '!' || *q == '?') && q[1] == ' ' && g_ascii_isupper (q[2]))
      f->sentences++;
  if (f->ends_stop || f->ends_q)
    f->sentences++;

  while (*p)
    {
      const char *start, *end;
      gsize len;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      end = p;
      while (*end && *end != ' ')
        end++;
      f->words++;

      /* Leading punctuation ("(Flower,") does not hide a capital. */
      start = p;
      while (start < end && !g_unichar_isalnum (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      len = end - start;
      while (len > 0 && g_ascii_ispunct (start[len - 1]))
        len--;

      if (first && len > 0)
        {
          f->question_word = word_in (start, len, question_words);
          f->verb_start = word_in (start, len, verbs);
          f->first_s = len > 2 && start[len - 1] == 's' && start[len - 2] != 's';
          first = FALSE;
        }
      if (len >= 4 && !word_in (start, len, skip_words))
        {
          gunichar c = g_utf8_get_char (start);
          counted++;
          if (g_unichar_isupper (c) || g_unichar_isdigit (c))
            capital++;
        }
      p = end;
    }
  f->few_words = f->words <= 5;
  f->cap_ratio = counted > 0 ? (double) capital / counted : 0.5;
}

/* How much a line looks like a title rather than a description: titles are
 * capitalised and end without a full stop. */
double
_topiary_maptext_title_score (const LineFeat *f,
                              gboolean        cut)
{
  double t = 0;

  /* The last line of a page cut short may have lost its full stop. */
  if (!cut)
    t += f->ends_stop ? -2.5 : 1.5;
  if (f->cap_ratio >= 0.6)
    t += 1.5;
  else if (f->cap_ratio <= 0.35)
    t -= 1.0;
  if (f->words > 22)
    t -= 1.5;
  if (f->words > 40)
    t -= 2.0;
  return t;
}

gboolean
_topiary_maptext_looks_like_title (const char *line)
{
  LineFeat f;

  _topiary_maptext_line_features (line, &f);
  return !f.ends_stop && f.cap_ratio >= 0.6 && f.words <= 14;
}

/* ---- the page's headings ------------------------------------------------ */

static const Heading headings[] = {
  { "your content plan", TRUE, SEC_PLAN, NULL },
  { "content plan", FALSE, SEC_PLAN, NULL },
  { "the complete article universe", FALSE, SEC_PARAS, "other" },
  { "complete article universe", FALSE, SEC_PARAS, "other" },
  { "strategy overview", FALSE, SEC_PARAS, "strategy" },
  { "search intent breakdown", FALSE, SEC_PARAS, "other" },
  { "who this is for", FALSE, SEC_AUDIENCE, "audience" },
  { "who this map is for", FALSE, SEC_AUDIENCE, "audience" },
  { "monetization", FALSE, SEC_MONEY, "monetization" },
  { "monetisation", FALSE, SEC_MONEY, "monetization" },
  { "what most sites miss", FALSE, SEC_BULLETS, "content-gap" },
  { "key entities & concepts", FALSE, SEC_BULLETS, "key-entity" },
  { "key entities and concepts", FALSE, SEC_BULLETS, "key-entity" },
  { "key entities", FALSE, SEC_BULLETS, "key-entity" },
  { "key facts for content creators", FALSE, SEC_PAIRS, "key-fact" },
  { "key facts", FALSE, SEC_PAIRS, "key-fact" },
  { "common questions about", TRUE, SEC_QA, "common-question" },
  { "common questions", FALSE, SEC_QA, "common-question" },
  { "complete article index", TRUE, SEC_INDEX, NULL },
  { "how to use this topical map", TRUE, SEC_PARAS, "strategy" },
  { "find your next topical map", TRUE, SEC_PARAS, "other" },
};

const Heading *
_topiary_maptext_match_heading (const char *line)
{
  g_autofree char *key = NULL;

  /* Headings are short; a long line is prose that merely starts alike. */
  if (strlen (line) > 160)
    return NULL;
  key = heading_key (line);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      const Heading *h = &headings[i];
      gsize klen = strlen (h->key);

      if (h->prefix ? strncmp (key, h->key, klen) == 0 && (key[klen] == '\0' || key[klen] == ' ' || key[klen] == '.')
                    : strcmp (key, h->key) == 0)
        {
          /* "Find your next topical map." is the one heading with a stop. */
          if (_topiary_maptext_ends_with_stop (line) && h->type != SEC_PARAS)
            continue;
          return h;
        }
    }
  return NULL;
}

static const Label labels[] = {
  { "goal:", "goal", "goal" },
  { "first rankings:", "timeline", NULL },
  { "time to first rankings:", "timeline", NULL },
  { "time to rank:", "timeline", NULL },
  { "seasonal pattern:", "seasonality", NULL },
  { "seasonality:", "seasonality", NULL },
};

/* A last line cut in the middle of a heading ("📚 The Complete Ar"). */
gboolean
_topiary_maptext_is_cut_heading (const char *line)
{
  g_autofree char *key = heading_key (line);
  gsize len = strlen (key);

  if (len < 4)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (strlen (headings[i].key) > len && strncmp (headings[i].key, key, len) == 0)
      return TRUE;
  return FALSE;
}

const Label *
_topiary_maptext_match_label (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strncasecmp (line, labels[i].prefix, strlen (labels[i].prefix)) == 0)
      return &labels[i];
  return NULL;
}

/* "High PotentialEst. RPM: $8-$20": where "Est. RPM:" starts, or NULL. */
const char *
_topiary_maptext_find_rpm (const char *line)
{
  const char *p = strstr (line, "RPM:");
  const char *est;

  if (p == NULL || strlen (line) > 120)
    return NULL;
  est = strstr (line, "Est. RPM:");
  return est != NULL ? est : p;
}

/* ---- counts the page states about itself -------------------------------- */

void
_topiary_maptext_counters_init (Counters *c)
{
  /* Fixed patterns: compiling them cannot fail. */
  c->groups = g_regex_new ("(\\d+)\\s+(?:content groups|topic clusters)\\b", G_REGEX_CASELESS, 0, NULL);
  c->articles = g_regex_new ("(\\d+)\\s+(?:article titles|prioriti[sz]ed articles)\\b", G_REGEX_CASELESS, 0, NULL);
  c->articles_short = g_regex_new ("(\\d+)\\s+articles?\\s*,\\s*\\d+\\s+(?:content groups|topic clusters)\\b",
                                   G_REGEX_CASELESS, 0, NULL);
  c->ideas = g_regex_new ("(\\d+)(\\+?)\\s+articles\\s+across\\s+(\\d+)\\s+intent groups", G_REGEX_CASELESS, 0, NULL);
  c->ideas_library = g_regex_new ("Full Library\\s*\\((\\d+)(\\+?)\\s+articles\\)", G_REGEX_CASELESS, 0, NULL);
  g_assert (c->groups && c->articles && c->articles_short && c->ideas && c->ideas_library);
}

void
_topiary_maptext_counters_clear (Counters *c)
{
  g_clear_pointer (&c->groups, g_regex_unref);
  g_clear_pointer (&c->articles, g_regex_unref);
  g_clear_pointer (&c->articles_short, g_regex_unref);
  g_clear_pointer (&c->ideas, g_regex_unref);
  g_clear_pointer (&c->ideas_library, g_regex_unref);
}

static int
match_int (GRegex     *regex,
           const char *line,
           int         group,
           char      **extra,
           int         extra_group)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *digits = NULL;
  guint64 value;

  if (!g_regex_match (regex, line, 0, &info))
    return -1;
  digits = g_match_info_fetch (info, group);
  if (extra != NULL)
    *extra = g_match_info_fetch (info, extra_group);
  if (!g_ascii_string_to_unsigned (digits, 10, 0, 100000, &value, NULL))
    return -1;
  return (int) value;
}

void
_topiary_maptext_scan_counts (MtPage     *page,
                              Counters   *c,
                              const char *line)
{
  int n;

  if (page->stated_groups < 0 && (n = match_int (c->groups, line, 1, NULL, 0)) >= 0)
    page->stated_groups = n;
  if (page->stated_articles < 0 &&
      ((n = match_int (c->articles, line, 1, NULL, 0)) >= 0 ||
       (n = match_int (c->articles_short, line, 1, NULL, 0)) >= 0))
    page->stated_articles = n;
  /* "90+ articles across 9 intent groups" is the index's own statement; the
   * plan's link "See Full Library (90+ articles)" counts only when that is
   * missing. */
  if (page->stated_intents < 0)
    {
      g_autofree char *plus = NULL;
      g_autoptr(GMatchInfo) info = NULL;

      if (g_regex_match (c->ideas, line, 0, &info))
        {
          g_autofree char *ideas = g_match_info_fetch (info, 1);
          g_autofree char *intents = g_match_info_fetch (info, 3);
          guint64 value;

          plus = g_match_info_fetch (info, 2);
          if (g_ascii_string_to_unsigned (ideas, 10, 0, 100000, &value, NULL))
            {
              page->stated_ideas = (int) value;
              page->stated_ideas_min = *plus == '+';
            }
          if (g_ascii_string_to_unsigned (intents, 10, 0, 1000, &value, NULL))
            page->stated_intents = (int) value;
          return;
        }
    }
  if (page->stated_ideas < 0)
    {
      g_autofree char *plus = NULL;

      if ((n = match_int (c->ideas_library, line, 1, &plus, 2)) >= 0)
        {
          page->stated_ideas = n;
          page->stated_ideas_min = plus != NULL && *plus == '+';
        }
    }
}
