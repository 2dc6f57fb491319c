/* topiary-import-maptext-plan.c — the map page's content plan:
 * its lines labelled (group, pillar, cluster …) by a dynamic programme
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
  double t = _topiary_maptext_title_score (f, cut);
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

void
_topiary_maptext_parse_plan (MtPage     *page,
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
      _topiary_maptext_line_features (g_ptr_array_index (lines, i), &feats[i]);
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
          group->clusters = g_ptr_array_new_with_free_func (_topiary_maptext_entry_free);
          g_ptr_array_add (page->groups, group);
          entry = NULL;
          break;
        case ST_GD:
          g_assert (group != NULL);
          append_paragraph (&group->description, line);
          break;
        case ST_PT:
          g_assert (group != NULL);
          entry = group->pillar = _topiary_maptext_entry_new (line);
          break;
        case ST_CT:
          g_assert (group != NULL);
          entry = _topiary_maptext_entry_new (line);
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
        _topiary_maptext_warn (page, _("The content group “%s” has no pillar article%s."), grp->title,
                               truncated && g == page->groups->len - 1 ? _(": the page ends before it") : "");
      else if (grp->pillar->summary == NULL)
        missing++;
      if (grp->description == NULL)
        _topiary_maptext_warn (page, _("The content group “%s” has no description."), grp->title);
      for (guint c = 0; c < grp->clusters->len; c++)
        if (((MtEntry *) g_ptr_array_index (grp->clusters, c))->summary == NULL)
          missing++;
    }
  if (missing == 1)
    _topiary_maptext_warn (page, _("One planned article has no description."));
  else if (missing > 1)
    _topiary_maptext_warn (page, _("%u planned articles have no description."), missing);
}
