/* topiary-import-maptext.c — the text of a topical-map web page
 *
 * A map page, copied as plain text, is a title line, a description, a
 * content plan (group, its description, the pillar title and description,
 * then cluster title/description pairs, group after group), then sections
 * headed by fixed words ("Strategy Overview", "What Most Sites Miss", …) and
 * a "Complete Article Index" of ideas sorted by intent.
 *
 * Parsing is a pure function from text to an MtPage; a second step writes
 * the page through the project API. The plan has no markers at all, so its
 * lines are labelled by a small dynamic programme over the grammar
 * (group title, group description, pillar title, pillar description,
 * cluster pairs…) with scores from what the lines look like, the counts the
 * page states, and a second pass that learns how this page writes its group
 * headings.
 *
 * Nothing of the page is dropped: every section becomes map notes of its
 * kind (a section's own introduction is the first note of that kind, titled
 * with the page's heading), and lines no rule claims become "other" notes.
 * Importing a page again overwrites its articles by slug (the project
 * snapshots them first) but keeps what the user did since: a status beyond
 * the page's, the body, and the group an idea was placed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-private.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* ---- the parsed page ---------------------------------------------------- */

typedef struct {
  char *title;
  char *summary;  /* NULL when the page has none */
} MtEntry;

typedef struct {
  char      *title;
  char      *description;
  MtEntry   *pillar;    /* NULL when the page ends before it */
  GPtrArray *clusters;  /* MtEntry */
} MtGroup;

typedef struct {
  char *title;
  char *intent;   /* canonical intent, or NULL */
} MtIdea;

typedef struct {
  char *kind;
  char *title;
  char *body;
} MtNote;

typedef struct {
  char      *title;
  char      *subject;
  char      *description;
  char      *audience;
  char      *goal;
  GPtrArray *groups;    /* MtGroup */
  GPtrArray *ideas;     /* MtIdea */
  GPtrArray *notes;     /* MtNote */
  GPtrArray *warnings;  /* char * */
  int        stated_articles;   /* -1: the page does not say */
  int        stated_groups;
  int        stated_ideas;
  gboolean   stated_ideas_min;  /* "90+": at least */
  int        stated_intents;
  guint      n_intents;
  gboolean   saw_plan;
  gboolean   saw_index;
  gboolean   recognised;        /* anything at all looked like a map page */
} MtPage;

static void
mt_entry_free (gpointer data)
{
  MtEntry *entry = data;

  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->summary);
  g_free (entry);
}

static MtEntry *
mt_entry_new (const char *title)
{
  MtEntry *entry = g_new0 (MtEntry, 1);
  entry->title = g_strdup (title);
  return entry;
}

static void
mt_group_free (gpointer data)
{
  MtGroup *group = data;

  g_free (group->title);
  g_free (group->description);
  mt_entry_free (group->pillar);
  g_ptr_array_unref (group->clusters);
  g_free (group);
}

static void
mt_idea_free (gpointer data)
{
  MtIdea *idea = data;

  g_free (idea->title);
  g_free (idea->intent);
  g_free (idea);
}

static void
mt_note_free (gpointer data)
{
  MtNote *note = data;

  g_free (note->kind);
  g_free (note->title);
  g_free (note->body);
  g_free (note);
}

static MtPage *
mt_page_new (void)
{
  MtPage *page = g_new0 (MtPage, 1);

  page->groups = g_ptr_array_new_with_free_func (mt_group_free);
  page->ideas = g_ptr_array_new_with_free_func (mt_idea_free);
  page->notes = g_ptr_array_new_with_free_func (mt_note_free);
  page->warnings = g_ptr_array_new_with_free_func (g_free);
  page->stated_articles = -1;
  page->stated_groups = -1;
  page->stated_ideas = -1;
  page->stated_intents = -1;
  return page;
}

static void
mt_page_free (MtPage *page)
{
  if (page == NULL)
    return;
  g_free (page->title);
  g_free (page->subject);
  g_free (page->description);
  g_free (page->audience);
  g_free (page->goal);
  g_ptr_array_unref (page->groups);
  g_ptr_array_unref (page->ideas);
  g_ptr_array_unref (page->notes);
  g_ptr_array_unref (page->warnings);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MtPage, mt_page_free)

static void mt_warn (MtPage *page, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
mt_warn (MtPage     *page,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (page->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
mt_add_note (MtPage     *page,
             const char *kind,
             const char *title,
             const char *body)
{
  MtNote *note = g_new0 (MtNote, 1);

  note->kind = g_strdup (kind);
  note->title = g_strdup (title);
  note->body = g_strdup (body ? body : "");
  g_ptr_array_add (page->notes, note);
}

/* ---- looking at one line ------------------------------------------------ */

/* Trims white space, Unicode spaces included (pages copied from a browser
 * carry no-break spaces). Returns a new string. */
static char *
trim_line (const char *start,
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
static const char *
bullet_text (const char *line)
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

static gboolean
ends_with_stop (const char *line)
{
  gsize len = strlen (line);

  /* A closing quote or bracket after the full stop still ends a sentence. */
  while (len > 0 && strchr ("\"')]", line[len - 1]) != NULL)
    len--;
  if (len >= 3 && memcmp (line + len - 3, "\xE2\x80\x9D", 3) == 0)  /* ” */
    len -= 3;
  return len > 0 && (line[len - 1] == '.' || line[len - 1] == '!');
}

static gboolean
ends_with_question (const char *line)
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

typedef struct {
  guint    chars;
  guint    words;
  guint    sentences;
  double   cap_ratio;      /* capitalised share of the longer words */
  gboolean ends_stop;
  gboolean ends_q;
  /* binary features, also learned per page (see learn_weights()) */
  gboolean amp;            /* " & " */
  gboolean colon;
  gboolean vs;
  gboolean few_words;      /* five words or fewer */
  gboolean question_word;  /* starts How/What/Why/When/Which/Can/Should … */
  gboolean verb_start;     /* starts with a third-person verb: "Covers …" */
  gboolean first_s;        /* first word ends in s */
  gboolean so_clause;      /* " so readers can …" */
  gboolean readers;        /* speaks of readers or "you will" */
  gboolean pillar_open;    /* "A comprehensive guide …" */
  gboolean subject;        /* names a word of the map's subject ("Flask") */
} LineFeat;

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

static void
line_features (const char *line,
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
  f->ends_stop = ends_with_stop (line);
  f->ends_q = ends_with_question (line);
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
static double
title_score (const LineFeat *f,
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

static gboolean
looks_like_title (const char *line)
{
  LineFeat f;

  line_features (line, &f);
  return !f.ends_stop && f.cap_ratio >= 0.6 && f.words <= 14;
}

/* ---- the page's headings ------------------------------------------------ */

typedef enum {
  SEC_HEADER,
  SEC_NONE,      /* lines no heading claims: "other" notes */
  SEC_PLAN,
  SEC_PARAS,
  SEC_AUDIENCE,
  SEC_MONEY,
  SEC_BULLETS,
  SEC_PAIRS,
  SEC_QA,
  SEC_INDEX,
} SecType;

typedef struct {
  const char *key;
  gboolean    prefix;   /* else the whole key */
  SecType     type;
  const char *kind;
} Heading;

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

static const Heading *
match_heading (const char *line)
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
          if (ends_with_stop (line) && h->type != SEC_PARAS)
            continue;
          return h;
        }
    }
  return NULL;
}

typedef struct {
  const char *prefix;
  const char *kind;
  const char *field;   /* map field it also fills, or NULL */
} Label;

static const Label labels[] = {
  { "goal:", "goal", "goal" },
  { "first rankings:", "timeline", NULL },
  { "time to first rankings:", "timeline", NULL },
  { "time to rank:", "timeline", NULL },
  { "seasonal pattern:", "seasonality", NULL },
  { "seasonality:", "seasonality", NULL },
};

/* A last line cut in the middle of a heading ("📚 The Complete Ar"). */
static gboolean
is_cut_heading (const char *line)
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

static const Label *
match_label (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strncasecmp (line, labels[i].prefix, strlen (labels[i].prefix)) == 0)
      return &labels[i];
  return NULL;
}

/* "High PotentialEst. RPM: $8-$20": where "Est. RPM:" starts, or NULL. */
static const char *
find_rpm (const char *line)
{
  const char *p = strstr (line, "RPM:");
  const char *est;

  if (p == NULL || strlen (line) > 120)
    return NULL;
  est = strstr (line, "Est. RPM:");
  return est != NULL ? est : p;
}

/* ---- counts the page states about itself -------------------------------- */

typedef struct {
  GRegex *groups;
  GRegex *articles;
  GRegex *articles_short;
  GRegex *ideas;
  GRegex *ideas_library;
} Counters;

static void
counters_init (Counters *c)
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

static void
counters_clear (Counters *c)
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

static void
scan_counts (MtPage     *page,
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

/* ---- the content plan --------------------------------------------------- */

typedef enum {
  ST_GT,   /* group title */
  ST_GD,   /* group description */
  ST_PT,   /* pillar title */
  ST_PD,   /* pillar description */
  ST_CT,   /* cluster title */
  ST_CD,   /* cluster description */
  N_ST
} PlanState;

/* Which label may follow which. A title straight after a title means a
 * description is missing (SKIP_COST); a description after its own
 * description is a second paragraph (CONT_COST), as pages copied from a
 * browser sometimes split them. */
static const gboolean plan_allowed[N_ST][N_ST] = {
  /*            GT     GD     PT     PD     CT     CD  */
  [ST_GT] = { FALSE, TRUE,  TRUE,  FALSE, FALSE, FALSE },
  [ST_GD] = { FALSE, TRUE,  TRUE,  FALSE, FALSE, FALSE },
  [ST_PT] = { TRUE,  FALSE, FALSE, TRUE,  TRUE,  FALSE },
  [ST_PD] = { TRUE,  FALSE, FALSE, TRUE,  TRUE,  FALSE },
  [ST_CT] = { TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE  },
  [ST_CD] = { TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE  },
};

#define SKIP_COST   4.0
#define CONT_COST   2.0
#define GROUP_COST  2.0
#define END_IN_GROUP_COST 6.0
#define STATED_BONUS 5.0
/* in a back pointer: the previous line was in the same, saturated, group count */
#define SATURATED 8
#define NEG_INF    (-1e300)

static gboolean
is_title_state (PlanState s)
{
  return s == ST_GT || s == ST_PT || s == ST_CT;
}

static gboolean
is_skip (PlanState from,
         PlanState to)
{
  return is_title_state (from) && is_title_state (to);
}

#define N_TITLE_BITS 7

typedef struct {
  /* log-likelihood ratios, group vs cluster, for each binary feature
   * present [1] or absent [0] */
  double title_w[N_TITLE_BITS][2];
  double desc_w[4][2];
  gboolean learned;
} Learned;

static void
title_bits (const LineFeat *f,
            gboolean        bits[N_TITLE_BITS])
{
  bits[0] = f->amp;
  bits[1] = f->colon;
  bits[2] = f->vs;
  bits[3] = f->few_words;
  bits[4] = f->question_word;
  bits[5] = f->ends_q;
  bits[6] = f->subject;
}

static void
desc_bits (const LineFeat *f,
           gboolean        bits[4])
{
  bits[0] = f->verb_start;
  bits[1] = f->first_s;
  bits[2] = f->so_clause;
  bits[3] = f->sentences >= 2;
}

static double
clamp_weight (double w)
{
  return CLAMP (w, -3.0, 3.0);
}

/* Learns from a first labelling how this page sets its group headings apart
 * from its cluster entries ("&" in every group title, descriptions that
 * start "Covers …"); the second pass then sees dangling or unusual groups. */
static void
learn_weights (const LineFeat  *feats,
               const PlanState *labels,
               guint            n,
               Learned         *learned)
{
  guint tg[N_TITLE_BITS] = { 0 }, tc[N_TITLE_BITS] = { 0 }, dg[4] = { 0 }, dc[4] = { 0 };
  guint n_gt = 0, n_ct = 0, n_gd = 0, n_cd = 0;

  memset (learned, 0, sizeof *learned);
  for (guint i = 0; i < n; i++)
    {
      gboolean tb[N_TITLE_BITS], db[4];

      title_bits (&feats[i], tb);
      desc_bits (&feats[i], db);
      if (labels[i] == ST_GT || labels[i] == ST_CT)
        {
          guint *count = labels[i] == ST_GT ? tg : tc;
          for (guint b = 0; b < N_TITLE_BITS; b++)
            count[b] += tb[b];
          if (labels[i] == ST_GT)
            n_gt++;
          else
            n_ct++;
        }
      else if (labels[i] == ST_GD || labels[i] == ST_CD)
        {
          guint *count = labels[i] == ST_GD ? dg : dc;
          for (guint b = 0; b < 4; b++)
            count[b] += db[b];
          if (labels[i] == ST_GD)
            n_gd++;
          else
            n_cd++;
        }
    }

  /* Too few examples teach nothing but noise. */
  if (n_gt < 2 || n_ct < 2)
    return;
  for (guint b = 0; b < N_TITLE_BITS; b++)
    {
      double pg = (tg[b] + 0.5) / (n_gt + 1.0), pc = (tc[b] + 0.5) / (n_ct + 1.0);
      learned->title_w[b][1] = clamp_weight (log (pg / pc));
      learned->title_w[b][0] = clamp_weight (log ((1 - pg) / (1 - pc)));
    }
  if (n_gd >= 2 && n_cd >= 2)
    for (guint b = 0; b < 4; b++)
      {
        double pg = (dg[b] + 0.5) / (n_gd + 1.0), pc = (dc[b] + 0.5) / (n_cd + 1.0);
        learned->desc_w[b][1] = clamp_weight (log (pg / pc));
        learned->desc_w[b][0] = clamp_weight (log ((1 - pg) / (1 - pc)));
      }
  learned->learned = TRUE;
}

static void
emission_scores (const LineFeat *f,
                 double          median,
                 gboolean        cut,
                 const Learned  *learned,
                 double          out[N_ST])
{
  double t = title_score (f, cut);
  double r = log2 (MAX (f->chars, 1) / median);
  double g_title = 0, g_desc = 0, p_desc;

  r = CLAMP (r, -2.0, 3.0);

  /* Group headings are short noun phrases, not questions or comparisons. */
  if (f->words <= 4)
    g_title += 1.5;
  else if (f->words <= 6)
    g_title += 1.0;
  else if (f->words >= 10)
    g_title -= 1.5;
  if (f->amp)
    g_title += 1.0;
  if (f->ends_q)
    g_title -= 2.0;
  if (f->vs)
    g_title -= 1.0;

  /* A group description is one sentence saying what the group covers. */
  g_desc += f->sentences <= 1 ? 0.5 : -0.5;
  if (f->verb_start)
    g_desc += 1.0;

  /* A pillar description is much longer than the others and speaks of what
   * readers will get. */
  p_desc = 4.0 * (r - 0.6);
  p_desc += f->sentences >= 2 ? 1.5 : -0.5;
  if (f->readers)
    p_desc += 1.5;
  if (f->pillar_open)
    p_desc += 1.0;

  if (learned != NULL && learned->learned)
    {
      gboolean tb[N_TITLE_BITS], db[4];
      double lt = 0, ld = 0;

      title_bits (f, tb);
      desc_bits (f, db);
      for (guint b = 0; b < N_TITLE_BITS; b++)
        lt += learned->title_w[b][tb[b]];
      for (guint b = 0; b < 4; b++)
        ld += learned->desc_w[b][db[b]];
      g_title += CLAMP (lt, -6.0, 6.0);
      g_desc += CLAMP (ld, -4.0, 4.0);
    }

  out[ST_GT] = t + g_title - GROUP_COST;
  out[ST_GD] = -t + g_desc;
  out[ST_PT] = t + (f->words >= 5 ? 0.5 : -0.5);
  out[ST_PD] = -t + p_desc;
  out[ST_CT] = t;
  out[ST_CD] = -t;
}

static double
median_description (const LineFeat *feats,
                    guint           n)
{
  g_autofree guint *lens = g_new (guint, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (feats[i].ends_stop)
      lens[m++] = feats[i].chars;
  if (m == 0)
    for (guint i = 0; i < n; i++)
      lens[m++] = feats[i].chars;
  if (m == 0)
    return 100.0;
  for (guint i = 1; i < m; i++)
    for (guint j = i; j > 0 && lens[j - 1] > lens[j]; j--)
      {
        guint tmp = lens[j];
        lens[j] = lens[j - 1];
        lens[j - 1] = tmp;
      }
  return MAX (lens[m / 2], 20);
}

/* Labels @n plan lines with the best-scoring labelling, the number of
 * groups included. */
static void
label_plan (const LineFeat *feats,
            guint           n,
            double          median,
            gboolean        truncated,
            int             stated_groups,
            const Learned  *learned,
            PlanState      *labels)
{
  /* Groups are counted up to kmax (the last count meaning "kmax or
   * more"); the back pointers take n × kmax × N_ST bytes, kept under 32 MB
   * even for absurdly long pages. */
  guint kmax = MAX (1, MIN (MIN (n / 2 + 1, 512), 32000000 / ((gsize) n * N_ST)));
  gsize row = (gsize) (kmax + 1) * N_ST;
  g_autofree double *prev = g_new (double, row);
  g_autofree double *cur = g_new (double, row);
  g_autofree guint8 *back = g_new (guint8, (gsize) n * row);
  double best = NEG_INF;
  guint best_k = 0, best_s = 0;

  g_assert (n > 0);

  for (gsize x = 0; x < row; x++)
    prev[x] = NEG_INF;

  for (guint i = 0; i < n; i++)
    {
      double em[N_ST];

      emission_scores (&feats[i], median, truncated && i == n - 1, learned, em);
      for (gsize x = 0; x < row; x++)
        cur[x] = NEG_INF;

      if (i == 0)
        {
          /* A plan starts with a group. */
          cur[1 * N_ST + ST_GT] = em[ST_GT];
          back[(gsize) i * row + 1 * N_ST + ST_GT] = N_ST;
        }
      else
        for (guint k = 1; k <= kmax; k++)
          for (guint s = 0; s < N_ST; s++)
            {
              double top = NEG_INF;
              guint arg = N_ST;

              /* The last bucket counts kmax groups or more, so a group
               * heading may also stay in it. */
              for (guint from = 0; from < 2; from++)
                {
                  guint pk = s != ST_GT ? k : from == 0 ? k - 1 : k;

                  if (pk == 0 || (from == 1 && (s != ST_GT || k != kmax)))
                    continue;
                  for (guint ps = 0; ps < N_ST; ps++)
                    {
                      double v = prev[pk * N_ST + ps];

                      if (!plan_allowed[ps][s] || v <= NEG_INF)
                        continue;
                      if (is_skip (ps, s))
                        v -= SKIP_COST;
                      else if (ps == s)
                        v -= CONT_COST;
                      if (v > top)
                        {
                          top = v;
                          arg = ps + (from == 1 ? SATURATED : 0);
                        }
                    }
                }
              if (arg == N_ST)
                continue;
              cur[k * N_ST + s] = top + em[s];
              back[(gsize) i * row + k * N_ST + s] = arg;
            }

      memcpy (prev, cur, row * sizeof (double));
    }

  /* A group must have its pillar unless the page was cut right there. The
   * count the page states is a strong hint, not a rule: a page that
   * miscounts gets a warning, not a wrong plan. */
  for (guint k = 1; k <= kmax; k++)
    for (guint s = 0; s < N_ST; s++)
      {
        double v = prev[k * N_ST + s];

        if (v <= NEG_INF)
          continue;
        if ((s == ST_GT || s == ST_GD) && !truncated)
          v -= END_IN_GROUP_COST;
        if (stated_groups > 0 && !truncated && k == (guint) stated_groups && k < kmax)
          v += STATED_BONUS;
        /* A page cut short cannot hold more groups than it announced. */
        if (stated_groups > 0 && truncated && k > (guint) stated_groups && (guint) stated_groups < kmax)
          v -= 1000.0;
        if (v > best)
          {
            best = v;
            best_k = k;
            best_s = s;
          }
      }

  g_assert (best_k > 0);
  for (guint i = n; i-- > 0;)
    {
      guint ps = back[(gsize) i * row + best_k * N_ST + best_s];

      labels[i] = best_s;
      if (ps >= SATURATED)
        ps -= SATURATED;
      else if (best_s == ST_GT)
        best_k--;
      best_s = ps;
    }
}

/* The longer words of the map's subject, lowercased. */
static GPtrArray *
subject_words (const char *subject)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;

  if (subject == NULL)
    return words;
  lower = g_utf8_strdown (subject, -1);
  parts = g_regex_split_simple ("[^[:alnum:]]+", lower, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_utf8_strlen (parts[i], -1) >= 4)
      g_ptr_array_add (words, g_strdup (parts[i]));
  return words;
}

static gboolean
names_subject (const char *line,
               GPtrArray  *words)
{
  g_autofree char *lower = g_utf8_strdown (line, -1);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      gsize len = strlen (word);

      for (const char *hit = strstr (lower, word); hit != NULL; hit = strstr (hit + 1, word))
        if ((hit == lower || !g_ascii_isalnum (hit[-1])) && !g_ascii_isalnum (hit[len]))
          return TRUE;
    }
  return FALSE;
}

static void
append_paragraph (char       **text,
                  const char  *line)
{
  char *joined = *text ? g_strconcat (*text, "\n\n", line, NULL) : g_strdup (line);

  g_free (*text);
  *text = joined;
}

static void
parse_plan (MtPage     *page,
            GPtrArray  *lines,
            gboolean    truncated)
{
  guint n = lines->len;
  g_autofree LineFeat *feats = NULL;
  g_autofree PlanState *labels = NULL;
  g_autoptr(GPtrArray) words = NULL;
  MtGroup *group = NULL;
  MtEntry *entry = NULL;
  guint missing = 0, first = page->groups->len;
  double median;
  Learned learned;

  if (n == 0)
    return;

  feats = g_new (LineFeat, n);
  labels = g_new (PlanState, n);
  words = subject_words (page->subject);
  for (guint i = 0; i < n; i++)
    {
      line_features (g_ptr_array_index (lines, i), &feats[i]);
      feats[i].subject = names_subject (g_ptr_array_index (lines, i), words);
    }
  median = median_description (feats, n);

  label_plan (feats, n, median, truncated, page->stated_groups, NULL, labels);
  learn_weights (feats, labels, n, &learned);
  if (learned.learned)
    label_plan (feats, n, median, truncated, page->stated_groups, &learned, labels);

  for (guint i = 0; i < n; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      switch (labels[i])
        {
        case ST_GT:
          group = g_new0 (MtGroup, 1);
          group->title = g_strdup (line);
          group->clusters = g_ptr_array_new_with_free_func (mt_entry_free);
          g_ptr_array_add (page->groups, group);
          entry = NULL;
          break;
        case ST_GD:
          g_assert (group != NULL);
          append_paragraph (&group->description, line);
          break;
        case ST_PT:
          g_assert (group != NULL);
          entry = group->pillar = mt_entry_new (line);
          break;
        case ST_CT:
          g_assert (group != NULL);
          entry = mt_entry_new (line);
          g_ptr_array_add (group->clusters, entry);
          break;
        case ST_PD:
        case ST_CD:
          g_assert (entry != NULL);
          append_paragraph (&entry->summary, line);
          break;
        case N_ST:
        default:
          g_assert_not_reached ();
        }
    }

  for (guint g = first; g < page->groups->len; g++)
    {
      MtGroup *grp = g_ptr_array_index (page->groups, g);

      if (grp->pillar == NULL)
        mt_warn (page, _("The content group “%s” has no pillar article%s."), grp->title,
                 truncated && g == page->groups->len - 1 ? _(": the page ends before it") : "");
      else if (grp->pillar->summary == NULL)
        missing++;
      if (grp->description == NULL)
        mt_warn (page, _("The content group “%s” has no description."), grp->title);
      for (guint c = 0; c < grp->clusters->len; c++)
        if (((MtEntry *) g_ptr_array_index (grp->clusters, c))->summary == NULL)
          missing++;
    }
  if (missing == 1)
    mt_warn (page, _("One planned article has no description."));
  else if (missing > 1)
    mt_warn (page, _("%u planned articles have no description."), missing);
}

/* ---- the article index -------------------------------------------------- */

/* The intent a heading of the index names, or NULL. */
static const char *
heading_intent (const char *heading)
{
  static const struct { const char *needle; const char *intent; } table[] = {
    { "faq", "faq" },
    { "comparison", "comparison" },
    { "how-to", "how-to" },
    { "how to", "how-to" },
    { "practical", "how-to" },
    { "research", "research" },
    { "news", "research" },
    { "trend", "research" },
    { "audience", "audience" },
    { "condition", "context" },
    { "context", "context" },
    { "psycholog", "culture" },
    { "culture", "culture" },
    { "emotional", "culture" },
    { "treatment", "solution" },
    { "solution", "solution" },
    { "informational", "informational" },
  };
  g_autofree char *lower = g_utf8_strdown (heading, -1);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strstr (lower, table[i].needle) != NULL)
      return table[i].intent;
  return topiary_intent_normalize (heading);
}

static gboolean
is_intent_heading (const char *line,
                   const char *next)
{
  LineFeat f;

  if (bullet_text (line) != NULL || ends_with_stop (line) || strlen (line) > 100)
    return FALSE;
  line_features (line, &f);
  if (f.words > 8)
    return FALSE;
  if (next != NULL && bullet_text (next) != NULL)
    return TRUE;
  return heading_intent (line) != NULL && f.cap_ratio >= 0.5;
}

static char *
join_lines (GPtrArray  *lines,
            guint       from,
            guint       to,
            const char *sep)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append (s, sep);
      g_string_append (s, g_ptr_array_index (lines, i));
    }
  return g_string_free (s, FALSE);
}

static void
flush_other (MtPage    *page,
             GPtrArray *lines)
{
  g_autofree char *body = NULL;

  if (lines->len == 0)
    return;
  /* A short first line over more text reads as that text's heading. */
  if (lines->len > 1 && g_utf8_strlen (g_ptr_array_index (lines, 0), -1) <= 80)
    {
      body = join_lines (lines, 1, lines->len, "\n");
      mt_add_note (page, "other", g_ptr_array_index (lines, 0), body);
    }
  else
    {
      body = join_lines (lines, 0, lines->len, "\n");
      mt_add_note (page, "other", _("Unclassified text"), body);
    }
  g_ptr_array_set_size (lines, 0);
}

static void
parse_index (MtPage     *page,
             const char *heading,
             GPtrArray  *lines,
             gboolean    at_eof)
{
  g_autoptr(GPtrArray) intro = g_ptr_array_new ();
  g_autoptr(GPtrArray) stray = g_ptr_array_new ();
  g_autofree char *current = NULL;
  const char *intent = NULL;
  gboolean in_list = FALSE, any_bullet = FALSE;
  guint under = 0;

  page->saw_index = TRUE;
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *next = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
      const char *item = bullet_text (line);

      if (item == NULL && is_intent_heading (line, next))
        {
          if (current != NULL && under == 0)
            mt_warn (page, _("The heading “%s” of the article index lists no articles."), current);
          g_free (current);
          current = g_strdup (line);
          intent = heading_intent (line);
          if (intent == NULL)
            mt_warn (page, _("The heading “%s” of the article index names no known search intent; its articles have none."), line);
          page->n_intents++;
          under = 0;
          in_list = TRUE;
          continue;
        }

      if (item == NULL && !in_list && !any_bullet)
        {
          g_ptr_array_add (intro, (gpointer) line);
          continue;
        }

      /* Without list markers every line under a heading is an article;
       * with them, an unmarked line is something else. */
      if (item == NULL && any_bullet)
        {
          g_ptr_array_add (stray, (gpointer) line);
          continue;
        }

      {
        MtIdea *idea = g_new0 (MtIdea, 1);
        idea->title = g_strdup (item != NULL ? item : line);
        idea->intent = g_strdup (intent);
        g_ptr_array_add (page->ideas, idea);
      }
      if (item != NULL)
        any_bullet = TRUE;
      in_list = TRUE;
      under++;
    }

  if (current != NULL && under == 0)
    mt_warn (page, at_eof ? _("The heading “%s” of the article index lists no articles: the page ends there.")
                          : _("The heading “%s” of the article index lists no articles."),
             current);

  if (intro->len > 0 || heading != NULL)
    {
      g_autofree char *body = join_lines (intro, 0, intro->len, "\n\n");
      mt_add_note (page, "other", heading ? heading : _("Article index"), body);
    }
  flush_other (page, stray);
}

/* ---- the other sections ------------------------------------------------- */

/* A short title for a note whose text is one long line: its first clause. */
static char *
short_title (const char *text)
{
  static const char * const cuts[] = { " — ", " – ", ": ", ". ", "; ", " (" };
  const char *end = text + strlen (text);
  const char *p;
  GString *title;

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      const char *hit = strstr (text, cuts[i]);
      if (hit != NULL && hit > text && hit < end)
        end = hit;
    }
  if (g_utf8_strlen (text, end - text) <= 80)
    {
      title = g_string_new_len (text, end - text);
      while (title->len > 0 && strchr (".,;:", title->str[title->len - 1]) != NULL)
        g_string_truncate (title, title->len - 1);
      return g_string_free (title, FALSE);
    }

  /* Cut at the last word boundary within 72 characters. */
  p = g_utf8_offset_to_pointer (text, 72);
  while (p > text && *p != ' ')
    p--;
  if (p == text)
    p = g_utf8_offset_to_pointer (text, 72);
  title = g_string_new_len (text, p - text);
  while (title->len > 0 && strchr (" .,;:", title->str[title->len - 1]) != NULL)
    g_string_truncate (title, title->len - 1);
  g_string_append (title, "…");
  return g_string_free (title, FALSE);
}

static const char *
default_title (const char *kind)
{
  if (g_strcmp0 (kind, "strategy") == 0)
    return _("Strategy");
  if (g_strcmp0 (kind, "audience") == 0)
    return _("Audience");
  if (g_strcmp0 (kind, "monetization") == 0)
    return _("Monetization");
  return _("Notes");
}

/* Known levels glued to the audience text by the page's layout:
 * "IntermediateBackend Python developers". */
static const char *
strip_level (const char *text)
{
  static const char * const levels[] = {
    "Beginner", "Intermediate", "Advanced", "Expert", "All levels", "All Levels",
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_has_prefix (text, levels[i]))
      {
        const char *rest = text + strlen (levels[i]);
        if (g_unichar_isupper (g_utf8_get_char (rest)))
          return rest;
      }
  return text;
}

static void
add_rpm (MtPage     *page,
         const char *line,
         const char *rpm)
{
  const char *value = strchr (rpm, ':') + 1;
  g_autofree char *label = g_strndup (rpm, value - 1 - rpm);
  g_autofree char *potential = g_strndup (line, rpm - line);

  while (*value == ' ')
    value++;
  g_strstrip (potential);
  if (*potential != '\0')
    mt_add_note (page, "monetization", _("Monetization potential"), potential);
  mt_add_note (page, "rpm", label, value);
}

static void
parse_section (MtPage     *page,
               SecType     type,
               const char *kind,
               const char *heading,
               GPtrArray  *lines,
               gboolean    at_eof)
{
  guint n = lines->len;

  switch (type)
    {
    case SEC_HEADER:
      if (n > 0)
        {
          g_autofree char *body = join_lines (lines, 0, n, "\n\n");
          mt_add_note (page, "other", _("Introduction"), body);
        }
      break;

    case SEC_NONE:
      flush_other (page, lines);
      break;

    case SEC_PLAN:
      /* handled by the caller */
      g_assert_not_reached ();
      break;

    case SEC_PARAS:
    case SEC_AUDIENCE:
      if (n > 0 || heading != NULL)
        {
          g_autofree char *body = join_lines (lines, 0, n, "\n\n");
          mt_add_note (page, kind, heading ? heading : default_title (kind), body);
        }
      if (type == SEC_AUDIENCE && n > 0 && page->audience == NULL)
        page->audience = g_strdup (strip_level (g_ptr_array_index (lines, 0)));
      break;

    case SEC_MONEY:
      {
        g_autoptr(GPtrArray) rest = g_ptr_array_new ();

        for (guint i = 0; i < n; i++)
          {
            const char *line = g_ptr_array_index (lines, i);
            const char *rpm = find_rpm (line);

            if (rpm != NULL)
              add_rpm (page, line, rpm);
            else
              g_ptr_array_add (rest, (gpointer) line);
          }
        if (rest->len > 0 || n == 0)
          {
            g_autofree char *body = join_lines (rest, 0, rest->len, "\n\n");
            mt_add_note (page, kind, heading ? heading : default_title (kind), body);
          }
      }
      break;

    case SEC_BULLETS:
      {
        gboolean any_bullet = FALSE;
        guint first_item = n;
        MtNote *last = NULL;

        for (guint i = 0; i < n; i++)
          if (bullet_text (g_ptr_array_index (lines, i)) != NULL)
            {
              any_bullet = TRUE;
              if (first_item == n)
                first_item = i;
            }
        if (!any_bullet)
          {
            /* Unmarked items ("Flask", "Werkzeug"): the leading sentences
             * introduce them. */
            first_item = 0;
            while (first_item < n && ends_with_stop (g_ptr_array_index (lines, first_item)))
              first_item++;
          }
        if (first_item > 0 || heading != NULL)
          {
            g_autofree char *intro = join_lines (lines, 0, first_item, "\n\n");
            mt_add_note (page, kind, heading ? heading : default_title (kind), intro);
          }
        for (guint i = first_item; i < n; i++)
          {
            const char *line = g_ptr_array_index (lines, i);
            const char *item = bullet_text (line);

            if (item == NULL && any_bullet && last != NULL)
              {
                /* A wrapped item goes on. */
                char *body = g_strconcat (last->body, "\n", line, NULL);
                g_free (last->body);
                last->body = body;
                continue;
              }
            {
              g_autofree char *title = short_title (item ? item : line);
              mt_add_note (page, kind, title, item ? item : line);
              last = g_ptr_array_index (page->notes, page->notes->len - 1);
            }
          }
      }
      break;

    case SEC_PAIRS:
      if (n == 0)
        mt_add_note (page, kind, heading ? heading : default_title (kind), "");
      for (guint i = 0; i < n; i += 2)
        {
          const char *fact = g_ptr_array_index (lines, i);
          const char *why = i + 1 < n ? g_ptr_array_index (lines, i + 1) : NULL;

          mt_add_note (page, kind, fact, why);
          if (why == NULL)
            mt_warn (page, at_eof ? _("The key fact “%s” has no explanation: the page ends there.")
                                  : _("The key fact “%s” has no explanation."), fact);
        }
      break;

    case SEC_QA:
      {
        guint first_q = 0;

        while (first_q < n && !ends_with_question (g_ptr_array_index (lines, first_q)))
          first_q++;
        if (first_q > 0 || heading != NULL)
          {
            g_autofree char *intro = join_lines (lines, 0, first_q, "\n\n");
            mt_add_note (page, kind, heading ? heading : _("Common questions"), intro);
          }
        for (guint i = first_q; i < n;)
          {
            const char *question = g_ptr_array_index (lines, i);
            guint j = i + 1;
            g_autofree char *answer = NULL;

            while (j < n && !ends_with_question (g_ptr_array_index (lines, j)))
              j++;
            answer = join_lines (lines, i + 1, j, "\n\n");
            mt_add_note (page, kind, question, answer);
            if (j == i + 1)
              mt_warn (page, at_eof && j == n ? _("The question “%s” has no answer: the page ends there.")
                                              : _("The question “%s” has no answer."), question);
            i = j;
          }
      }
      break;

    case SEC_INDEX:
      parse_index (page, heading, lines, at_eof);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- the page ----------------------------------------------------------- */

typedef struct {
  MtPage     *page;
  Counters    counters;
  SecType     type;
  const char *kind;
  char       *heading;
  GPtrArray  *lines;   /* borrowed lines of the open section */
  GPtrArray  *plan;    /* borrowed plan lines */
  gboolean    plan_intro_done;
} Parser;

static void
flush_section (Parser   *p,
               gboolean  at_eof)
{
  if (p->type == SEC_PLAN)
    {
      g_autoptr(GPtrArray) others = g_ptr_array_new ();

      /* Navigation ("See Full Library →") in the plan is not an article. */
      for (guint i = 0; i < p->lines->len; i++)
        {
          const char *line = g_ptr_array_index (p->lines, i);
          if (strstr (line, "→") != NULL && strstr (line, "See ") != NULL)
            g_ptr_array_add (others, (gpointer) line);
          else
            g_ptr_array_add (p->plan, (gpointer) line);
        }
      if (others->len > 0)
        {
          g_autofree char *body = join_lines (others, 0, others->len, "\n");
          mt_add_note (p->page, "other", p->heading ? p->heading : _("Content plan"), body);
        }
      else if (p->heading != NULL && p->plan->len == 0)
        mt_add_note (p->page, "other", p->heading, "");
      if (at_eof)
        mt_warn (p->page, _("The page ends inside the content plan; the groups after it are missing."));
      parse_plan (p->page, p->plan, at_eof);
      g_ptr_array_set_size (p->plan, 0);
      p->page->saw_plan = TRUE;
    }
  else if (p->type != SEC_HEADER || p->lines->len > 0)
    parse_section (p->page, p->type, p->kind, p->heading, p->lines, at_eof);

  g_ptr_array_set_size (p->lines, 0);
  g_clear_pointer (&p->heading, g_free);
  p->type = SEC_NONE;
  p->kind = "other";
}

static void
open_section (Parser     *p,
              SecType     type,
              const char *kind,
              const char *heading)
{
  flush_section (p, FALSE);
  p->type = type;
  p->kind = kind ? kind : "other";
  p->heading = g_strdup (heading);
  p->plan_intro_done = FALSE;
  if (heading != NULL)
    p->page->recognised = TRUE;
}

static gboolean
is_plan_intro (const char *line)
{
  g_autofree char *lower = g_utf8_strdown (line, -1);

  return strstr (lower, "prioritized articles") != NULL || strstr (lower, "prioritised articles") != NULL ||
         strstr (lower, "writing sequence") != NULL || strstr (lower, "see full library") != NULL;
}

static void
header_line (Parser     *p,
             const char *line)
{
  MtPage *page = p->page;
  g_autofree char *lower = g_utf8_strdown (line, -1);

  if (strstr (lower, "semantic seo content plan") != NULL ||
      (strlen (line) < 200 && (g_regex_match (p->counters.articles_short, line, 0, NULL))))
    {
      /* "Complete topic cluster & semantic SEO content plan — 37 articles, …" */
      mt_add_note (page, "other", _("Map summary"), line);
      page->recognised = TRUE;
    }
  else if (g_str_has_prefix (lower, "this is a free topical map") || g_str_has_prefix (lower, "this is a topical map"))
    {
      mt_add_note (page, "other", _("About this topical map"), line);
      page->recognised = TRUE;
    }
  else if (page->description == NULL && !looks_like_title (line))
    page->description = g_strdup (line);
  else if (looks_like_title (line))
    {
      /* No "Content Plan" heading: the first group starts the plan. */
      open_section (p, SEC_PLAN, NULL, NULL);
      g_ptr_array_add (p->lines, (gpointer) line);
    }
  else
    g_ptr_array_add (p->lines, (gpointer) line);
}

static GPtrArray *
split_lines (const char *text,
             gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl ? nl : end;
      char *line = trim_line (p, stop - p);

      if (*line != '\0')
        g_ptr_array_add (lines, line);
      else
        g_free (line);
      p = nl ? nl + 1 : end;
    }
  return lines;
}

static void
set_title (MtPage     *page,
           const char *line)
{
  static const char * const suffixes[] = { " Topical Map", " topical map", " Topical map", " – Topical Map", " — Topical Map" };
  gsize len = strlen (line);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize slen = strlen (suffixes[i]);
      if (len > slen && strcmp (line + len - slen, suffixes[i]) == 0)
        {
          page->title = g_strndup (line, len - slen);
          page->recognised = TRUE;
          break;
        }
    }
  if (page->title == NULL)
    page->title = g_strdup (line);
  g_strstrip (page->title);
  if (*page->title == '\0')
    {
      g_free (page->title);
      page->title = g_strdup (line);
    }
  page->subject = g_strdup (page->title);
}

static void
check_counts (MtPage *page)
{
  guint articles = 0, groups = page->groups->len;

  for (guint g = 0; g < groups; g++)
    {
      MtGroup *grp = g_ptr_array_index (page->groups, g);
      articles += (grp->pillar != NULL) + grp->clusters->len;
    }

  if (!page->saw_plan)
    mt_warn (page, _("The page has no content plan, so no groups or planned articles were imported; it may be cut short."));
  if (page->stated_groups >= 0 && (guint) page->stated_groups != groups)
    mt_warn (page, _("The page says it has %d content groups, but %u were found."), page->stated_groups, groups);
  if (page->stated_articles >= 0 && (guint) page->stated_articles != articles)
    mt_warn (page, _("The page says it has %d planned articles, but %u were found."), page->stated_articles, articles);
  if (!page->saw_index)
    mt_warn (page, _("The page has no “Complete Article Index”, so no article ideas were imported; it may be cut short."));
  else if (page->stated_ideas >= 0 &&
           (page->stated_ideas_min ? page->ideas->len < (guint) page->stated_ideas
                                   : page->ideas->len != (guint) page->stated_ideas))
    mt_warn (page, _("The page says it has %d%s article ideas, but %u were found."),
             page->stated_ideas, page->stated_ideas_min ? "+" : "", page->ideas->len);
  if (page->saw_index && page->stated_intents >= 0 && (guint) page->stated_intents != page->n_intents)
    mt_warn (page, _("The page says its ideas fall into %d intent groups, but %u were found."),
             page->stated_intents, page->n_intents);
}

static MtPage *
mt_parse (const char *text,
          gsize       length)
{
  g_autoptr(GPtrArray) lines = split_lines (text, length);
  MtPage *page = mt_page_new ();
  Parser p = { 0 };
  gboolean cut_mid_line = length > 0 && text[length - 1] != '\n';

  if (lines->len == 0)
    return page;

  p.page = page;
  counters_init (&p.counters);
  p.lines = g_ptr_array_new ();
  p.plan = g_ptr_array_new ();
  p.type = SEC_HEADER;
  p.kind = "other";

  set_title (page, g_ptr_array_index (lines, 0));

  for (guint i = 1; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const Heading *heading;
      const Label *label;
      const char *rpm;

      if (p.type == SEC_HEADER || p.type == SEC_PARAS || p.type == SEC_NONE ||
          (p.type == SEC_PLAN && !p.plan_intro_done) ||
          (p.type == SEC_INDEX && p.lines->len == 0))
        scan_counts (page, &p.counters, line);

      /* Labels and the RPM line are recognised outside the article lists,
       * where a title could start alike. */
      if (p.type != SEC_PLAN && (p.type != SEC_INDEX || bullet_text (line) == NULL) &&
          (label = match_label (line)) != NULL)
        {
          const char *value = line + strlen (label->prefix);
          g_autofree char *title = g_strndup (line, strlen (label->prefix) - 1);

          while (*value == ' ')
            value++;
          flush_section (&p, FALSE);
          mt_add_note (page, label->kind, title, value);
          if (label->field != NULL && g_strcmp0 (label->field, "goal") == 0 && page->goal == NULL)
            page->goal = g_strdup (value);
          page->recognised = TRUE;
          continue;
        }

      if (p.type != SEC_PLAN && p.type != SEC_MONEY && (p.type != SEC_INDEX || bullet_text (line) == NULL) &&
          (rpm = find_rpm (line)) != NULL)
        {
          flush_section (&p, FALSE);
          add_rpm (page, line, rpm);
          continue;
        }

      if ((heading = match_heading (line)) != NULL)
        {
          open_section (&p, heading->type, heading->kind, line);
          continue;
        }

      if (i == lines->len - 1 && cut_mid_line && is_cut_heading (line))
        {
          flush_section (&p, TRUE);
          mt_add_note (page, "other", _("Unclassified text"), line);
          mt_warn (page, _("The page ends in the middle of the heading “%s”."), line);
          break;
        }

      switch (p.type)
        {
        case SEC_HEADER:
          header_line (&p, line);
          break;

        case SEC_PLAN:
          if (!p.plan_intro_done && p.lines->len == 0 && p.heading != NULL && is_plan_intro (line))
            {
              mt_add_note (page, "other", p.heading, line);
              p.plan_intro_done = TRUE;
              break;
            }
          p.plan_intro_done = TRUE;
          g_ptr_array_add (p.lines, (gpointer) line);
          break;

        case SEC_PARAS:
          /* Before any plan, a "How to use" paragraph is followed by the
           * first group without a heading. */
          if (!page->saw_plan && p.lines->len > 0 && looks_like_title (line))
            {
              open_section (&p, SEC_PLAN, NULL, NULL);
              p.plan_intro_done = TRUE;
            }
          g_ptr_array_add (p.lines, (gpointer) line);
          break;

        case SEC_NONE:
        case SEC_AUDIENCE:
        case SEC_MONEY:
        case SEC_BULLETS:
        case SEC_PAIRS:
        case SEC_QA:
        case SEC_INDEX:
        default:
          g_ptr_array_add (p.lines, (gpointer) line);
          break;
        }
    }
  flush_section (&p, TRUE);

  if (page->description == NULL)
    {
      /* The older layout may carry the description only as the overview. */
      for (guint i = 0; i < page->notes->len; i++)
        {
          MtNote *note = g_ptr_array_index (page->notes, i);
          if (g_strcmp0 (note->kind, "strategy") == 0 && *note->body != '\0')
            {
              page->description = g_strdup (note->body);
              break;
            }
        }
    }
  check_counts (page);

  counters_clear (&p.counters);
  g_ptr_array_unref (p.lines);
  g_ptr_array_unref (p.plan);
  g_free (p.heading);
  return page;
}

/* ---- writing it into the project ---------------------------------------- */

typedef struct {
  TopiaryProject      *project;
  TopiaryImportReport *report;
  GHashTable          *slugs;   /* slug → title (casefolded) put in this import */
} Writer;

/* Puts one article; a second article of the page with the same slug gets
 * "-2", "-3" (the same on every import, so importing again overwrites
 * rather than duplicates); the same title twice is kept once. Returns the
 * article's id, 0 on a skipped duplicate, -1 on error. */
static gint64
put_article (Writer         *w,
             TopiaryArticle *article,
             GError        **error)
{
  const char *title = topiary_article_get_title (article);
  g_autofree char *folded = g_utf8_casefold (title, -1);
  g_autofree char *base = topiary_slugify (title);
  g_autofree char *slug = g_strdup (base);
  g_autoptr(TopiaryArticle) existing = NULL;
  const char *seen;

  for (guint n = 2; (seen = g_hash_table_lookup (w->slugs, slug)) != NULL; n++)
    {
      if (g_strcmp0 (seen, folded) == 0)
        {
          topiary_import_report_warn (w->report, _("“%s” is listed twice on the page; it was imported once."), title);
          return 0;
        }
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_insert (w->slugs, g_strdup (slug), g_steal_pointer (&folded));
  topiary_article_set_slug (article, slug);

  /* Importing the page again must not undo the work done since: an
   * article already drafted or published keeps its status. */
  existing = topiary_project_get_article_by_slug (w->project, slug, FALSE);
  if (existing != NULL && topiary_article_get_status (existing) > topiary_article_get_status (article))
    topiary_article_set_status (article, topiary_article_get_status (existing));
  /* An idea says nothing about where it belongs: one the user has placed
   * in a group stays there. */
  if (existing != NULL && topiary_article_get_group_id (article) == 0 &&
      topiary_article_get_group_id (existing) != 0)
    {
      topiary_article_set_group_id (article, topiary_article_get_group_id (existing));
      topiary_article_set_parent_id (article, topiary_article_get_parent_id (existing));
      topiary_article_set_kind (article, topiary_article_get_kind (existing));
    }

  if (!_topiary_import_put_article (w->project, article, w->report, error))
    return -1;
  return topiary_article_get_id (article);
}

static gint64
put_entry (Writer       *w,
           MtEntry      *entry,
           gint64        group_id,
           gint64        parent_id,
           TopiaryKind   kind,
           GError      **error)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();

  topiary_article_set_title (article, entry->title);
  topiary_article_set_summary (article, entry->summary ? entry->summary : "");
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, kind);
  topiary_article_set_status (article, TOPIARY_STATUS_PLANNED);
  return put_article (w, article, error);
}

static gboolean
mt_write (TopiaryProject      *project,
          MtPage              *page,
          TopiaryImportReport *report,
          GError             **error)
{
  static const char * const fields[] = { "title", "subject", "description", "audience", "goal" };
  const char *values[] = { page->title, page->subject, page->description, page->audience, page->goal };
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Writer w = { project, report, slugs };

  for (guint i = 0; i < page->warnings->len; i++)
    topiary_import_report_warn (report, "%s", (const char *) g_ptr_array_index (page->warnings, i));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (values[i] != NULL && !_topiary_import_set_map_field (project, fields[i], values[i], report, error))
      return FALSE;

  /* Articles are appended in page order: the plan is the writing order
   * and the ideas come after it. */
  for (guint g = 0; g < page->groups->len; g++)
    {
      MtGroup *grp = g_ptr_array_index (page->groups, g);
      g_autoptr(TopiaryGroup) group = NULL;
      gint64 group_id, pillar_id = 0;

      group = _topiary_import_ensure_group (project, grp->title, grp->description, report, error);
      if (group == NULL)
        return FALSE;
      group_id = topiary_group_get_id (group);

      if (grp->pillar != NULL &&
          (pillar_id = put_entry (&w, grp->pillar, group_id, 0, TOPIARY_KIND_PILLAR, error)) < 0)
        return FALSE;
      for (guint c = 0; c < grp->clusters->len; c++)
        if (put_entry (&w, g_ptr_array_index (grp->clusters, c), group_id, pillar_id,
                       TOPIARY_KIND_CLUSTER, error) < 0)
          return FALSE;
    }

  for (guint i = 0; i < page->ideas->len; i++)
    {
      MtIdea *idea = g_ptr_array_index (page->ideas, i);
      g_autoptr(TopiaryArticle) article = topiary_article_new ();

      topiary_article_set_title (article, idea->title);
      topiary_article_set_intent (article, idea->intent ? idea->intent : "");
      topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
      topiary_article_set_status (article, TOPIARY_STATUS_IDEA);
      if (put_article (&w, article, error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < page->notes->len; i++)
    {
      MtNote *note = g_ptr_array_index (page->notes, i);
      if (!_topiary_import_add_note (project, note->kind, note->title, note->body, report, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_topiary_import_maptext (TopiaryProject      *project,
                         const char          *text,
                         gsize                length,
                         TopiaryImportReport *report,
                         GError             **error)
{
  g_autoptr(MtPage) page = NULL;

  g_assert (TOPIARY_IS_PROJECT (project));
  g_assert (text != NULL || length == 0);

  page = mt_parse (text, length);
  if (page->title == NULL)
    {
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                   _("The page holds no text."));
      return FALSE;
    }
  if (!page->recognised)
    {
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                   _("The text is not a topical-map page: it has no content plan, article index or map sections."));
      return FALSE;
    }
  return mt_write (project, page, report, error);
}

/* ---- sniffing ----------------------------------------------------------- */

static gboolean
contains (const char *text,
          gsize       length,
          const char *needle)
{
  return g_strstr_len (text, length, needle) != NULL;
}

int
_topiary_import_maptext_sniff (const char *text,
                               gsize       length)
{
  const char *nl;
  gsize first_len;
  int score = 0;

  if (text == NULL || length == 0)
    return 0;
  while (length > 0 && g_ascii_isspace (*text))
    {
      text++;
      length--;
    }
  nl = memchr (text, '\n', length);
  first_len = nl ? (gsize) (nl - text) : length;
  while (first_len > 0 && g_ascii_isspace (text[first_len - 1]))
    first_len--;

  /* A Markdown outline may well be titled "… Topical Map" too. */
  if (first_len > 0 && (text[0] == '#' || text[0] == '-' || text[0] == '|' || text[0] == '{' || text[0] == '<'))
    return contains (text, length, "Content Plan") ? 10 : 0;

  if (first_len >= 11 && g_ascii_strncasecmp (text + first_len - 11, "topical map", 11) == 0)
    score += 45;
  if (contains (text, length, "Content Plan"))
    score += 15;
  if (contains (text, length, "content groups") || contains (text, length, "topic clusters"))
    score += 15;
  if (contains (text, length, "semantic SEO content plan"))
    score += 15;
  if (contains (text, length, "Complete Article Index") || contains (text, length, "Complete Article Universe"))
    score += 15;
  if (contains (text, length, "Strategy Overview") || contains (text, length, "What Most Sites Miss"))
    score += 10;
  if (contains (text, length, "Key Facts for Content Creators") || contains (text, length, "Who This Is For"))
    score += 5;
  return MIN (score, 100);
}
