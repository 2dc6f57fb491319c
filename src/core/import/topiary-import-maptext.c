/* topiary-import-maptext.c — the text of a topical-map web page
 *
 * A map page, copied as plain text, is a title line, a description, a
 * content plan (group, its description, the pillar title and description,
 * then cluster title/description pairs, group after group), then sections
 * headed by fixed words ("Strategy Overview", "What Most Sites Miss", …) and
 * a "Complete Article Index" of ideas sorted by intent.
 *
 * Parsing is a pure function from text to an MtPage; a second step turns
 * the page into the import plan, which the one plan writer applies. The plan has no markers at all, so its
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
#include "topiary-import-maptext-private.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* ---- the parsed page ---------------------------------------------------- */

void
_topiary_maptext_entry_free (gpointer data)
{
  MtEntry *entry = data;

  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->summary);
  g_free (entry);
}

MtEntry *
_topiary_maptext_entry_new (const char *title)
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
  _topiary_maptext_entry_free (group->pillar);
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


void
_topiary_maptext_warn (MtPage     *page,
                       const char *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (page->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
_topiary_maptext_add_note (MtPage     *page,
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
          g_autofree char *body = _topiary_maptext_join_lines (others, 0, others->len, "\n");
          _topiary_maptext_add_note (p->page, "other", p->heading ? p->heading : _("Content plan"), body);
        }
      else if (p->heading != NULL && p->plan->len == 0)
        _topiary_maptext_add_note (p->page, "other", p->heading, "");
      if (at_eof)
        _topiary_maptext_warn (p->page, _("The page ends inside the content plan; the groups after it are missing."));
      _topiary_maptext_parse_plan (p->page, p->plan, at_eof);
      g_ptr_array_set_size (p->plan, 0);
      p->page->saw_plan = TRUE;
    }
  else if (p->type != SEC_HEADER || p->lines->len > 0)
    _topiary_maptext_parse_section (p->page, p->type, p->kind, p->heading, p->lines, at_eof);

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
      _topiary_maptext_add_note (page, "other", _("Map summary"), line);
      page->recognised = TRUE;
    }
  else if (g_str_has_prefix (lower, "this is a free topical map") || g_str_has_prefix (lower, "this is a topical map"))
    {
      _topiary_maptext_add_note (page, "other", _("About this topical map"), line);
      page->recognised = TRUE;
    }
  else if (page->description == NULL && !_topiary_maptext_looks_like_title (line))
    page->description = g_strdup (line);
  else if (_topiary_maptext_looks_like_title (line))
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
      char *line = _topiary_maptext_trim_line (p, stop - p);

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
    _topiary_maptext_warn (page, _("The page has no content plan, so no groups or planned articles were imported; it may be cut short."));
  if (page->stated_groups >= 0 && (guint) page->stated_groups != groups)
    _topiary_maptext_warn (page, _("The page says it has %d content groups, but %u were found."), page->stated_groups, groups);
  if (page->stated_articles >= 0 && (guint) page->stated_articles != articles)
    _topiary_maptext_warn (page, _("The page says it has %d planned articles, but %u were found."), page->stated_articles, articles);
  if (!page->saw_index)
    _topiary_maptext_warn (page, _("The page has no “Complete Article Index”, so no article ideas were imported; it may be cut short."));
  else if (page->stated_ideas >= 0 &&
           (page->stated_ideas_min ? page->ideas->len < (guint) page->stated_ideas
                                   : page->ideas->len != (guint) page->stated_ideas))
    _topiary_maptext_warn (page, _("The page says it has %d%s article ideas, but %u were found."),
                           page->stated_ideas, page->stated_ideas_min ? "+" : "", page->ideas->len);
  if (page->saw_index && page->stated_intents >= 0 && (guint) page->stated_intents != page->n_intents)
    _topiary_maptext_warn (page, _("The page says its ideas fall into %d intent groups, but %u were found."),
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
  _topiary_maptext_counters_init (&p.counters);
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
        _topiary_maptext_scan_counts (page, &p.counters, line);

      /* Labels and the RPM line are recognised outside the article lists,
       * where a title could start alike. */
      if (p.type != SEC_PLAN && (p.type != SEC_INDEX || _topiary_maptext_bullet_text (line) == NULL) &&
          (label = _topiary_maptext_match_label (line)) != NULL)
        {
          const char *value = line + strlen (label->prefix);
          g_autofree char *title = g_strndup (line, strlen (label->prefix) - 1);

          while (*value == ' ')
            value++;
          flush_section (&p, FALSE);
          _topiary_maptext_add_note (page, label->kind, title, value);
          if (label->field != NULL && g_strcmp0 (label->field, "goal") == 0 && page->goal == NULL)
            page->goal = g_strdup (value);
          page->recognised = TRUE;
          continue;
        }

      if (p.type != SEC_PLAN && p.type != SEC_MONEY && (p.type != SEC_INDEX || _topiary_maptext_bullet_text (line) == NULL) &&
          (rpm = _topiary_maptext_find_rpm (line)) != NULL)
        {
          flush_section (&p, FALSE);
          _topiary_maptext_add_rpm (page, line, rpm);
          continue;
        }

      if ((heading = _topiary_maptext_match_heading (line)) != NULL)
        {
          open_section (&p, heading->type, heading->kind, line);
          continue;
        }

      if (i == lines->len - 1 && cut_mid_line && _topiary_maptext_is_cut_heading (line))
        {
          flush_section (&p, TRUE);
          _topiary_maptext_add_note (page, "other", _("Unclassified text"), line);
          _topiary_maptext_warn (page, _("The page ends in the middle of the heading “%s”."), line);
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
              _topiary_maptext_add_note (page, "other", p.heading, line);
              p.plan_intro_done = TRUE;
              break;
            }
          p.plan_intro_done = TRUE;
          g_ptr_array_add (p.lines, (gpointer) line);
          break;

        case SEC_PARAS:
          /* Before any plan, a "How to use" paragraph is followed by the
           * first group without a heading. */
          if (!page->saw_plan && p.lines->len > 0 && _topiary_maptext_looks_like_title (line))
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

  _topiary_maptext_counters_clear (&p.counters);
  g_ptr_array_unref (p.lines);
  g_ptr_array_unref (p.plan);
  g_free (p.heading);
  return page;
}

/* ---- the page as a plan --------------------------------------------------- */

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Adds one article; a second article of the page with the same slug gets
 * "-2", "-3" (the same on every import, so importing again overwrites
 * rather than duplicates); the same title twice is kept once. Returns the
 * article, or NULL for a skipped duplicate. */
static TopiaryPlanArticle *
plan_article (TopiaryImportPlan   *plan,
              GHashTable          *slugs,
              const char          *title,
              TopiaryImportReport *report)
{
  g_autofree char *folded = g_utf8_casefold (title, -1);
  g_autofree char *base = topiary_slugify (title);
  g_autofree char *slug = g_strdup (base);
  TopiaryPlanArticle *a;
  const char *seen;

  for (guint n = 2; (seen = g_hash_table_lookup (slugs, slug)) != NULL; n++)
    {
      if (g_strcmp0 (seen, folded) == 0)
        {
          topiary_import_report_warn (report, _("“%s” is listed twice on the page; it was imported once."), title);
          return NULL;
        }
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_insert (slugs, g_strdup (slug), g_steal_pointer (&folded));
  a = topiary_import_plan_add_article (plan, title);
  a->slug = g_steal_pointer (&slug);
  return a;
}

static void
plan_entry (TopiaryImportPlan   *plan,
            GHashTable          *slugs,
            MtEntry             *entry,
            int                  group,
            int                  parent,
            TopiaryKind          kind,
            TopiaryImportReport *report)
{
  TopiaryPlanArticle *a = plan_article (plan, slugs, entry->title, report);

  if (a == NULL)
    return;
  a->summary = g_strdup (entry->summary);
  a->group = group;
  a->parent = parent;
  a->kind = kind;
  a->status = TOPIARY_STATUS_PLANNED;
  if (kind == TOPIARY_KIND_PILLAR)
    ((TopiaryPlanGroup *) g_ptr_array_index (plan->groups, group))->pillar = (int) plan->articles->len - 1;
}

static void
mt_plan (TopiaryImportPlan   *plan,
         MtPage              *page,
         TopiaryImportReport *report)
{
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < page->warnings->len; i++)
    topiary_import_report_warn (report, "%s", (const char *) g_ptr_array_index (page->warnings, i));

  /* The page describes the map: its fields are set, not only filled in,
   * and importing it again keeps the work done since (see the top). */
  set_str (&plan->title, page->title);
  set_str (&plan->subject, page->subject);
  set_str (&plan->description, page->description);
  set_str (&plan->audience, page->audience);
  set_str (&plan->goal, page->goal);
  plan->replace_map = TRUE;
  plan->keep_progress = TRUE;
  /* A section with a heading only is kept as the page has it. */
  plan->keep_empty_notes = TRUE;

  /* Articles in page order: the plan is the writing order and the ideas
   * come after it. */
  for (guint g = 0; g < page->groups->len; g++)
    {
      MtGroup *grp = g_ptr_array_index (page->groups, g);
      int group = topiary_import_plan_add_group (plan, grp->title, grp->description);
      int pillar = -1;

      if (grp->pillar != NULL)
        {
          guint had = plan->articles->len;

          plan_entry (plan, slugs, grp->pillar, group, -1, TOPIARY_KIND_PILLAR, report);
          if (plan->articles->len > had)
            pillar = (int) had;
        }
      for (guint c = 0; c < grp->clusters->len; c++)
        plan_entry (plan, slugs, g_ptr_array_index (grp->clusters, c), group, pillar,
                    TOPIARY_KIND_CLUSTER, report);
    }

  for (guint i = 0; i < page->ideas->len; i++)
    {
      MtIdea *idea = g_ptr_array_index (page->ideas, i);
      TopiaryPlanArticle *a = plan_article (plan, slugs, idea->title, report);

      if (a == NULL)
        continue;
      a->intent = g_strdup (idea->intent);
      a->kind = TOPIARY_KIND_CLUSTER;
      a->status = TOPIARY_STATUS_IDEA;
    }

  for (guint i = 0; i < page->notes->len; i++)
    {
      MtNote *note = g_ptr_array_index (page->notes, i);
      topiary_import_plan_add_note (plan, note->kind, note->title, note->body);
    }
}

gboolean
_topiary_import_maptext_plan (TopiaryImportPlan   *plan,
                              const char          *text,
                              gsize                length,
                              TopiaryImportReport *report,
                              GError             **error)
{
  g_autoptr(MtPage) page = NULL;

  g_assert (plan != NULL);
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
  mt_plan (plan, page, report);
  return TRUE;
}

gboolean
_topiary_import_maptext (TopiaryProject      *project,
                         const char          *text,
                         gsize                length,
                         TopiaryImportReport *report,
                         GError             **error)
{
  g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();

  g_assert (TOPIARY_IS_PROJECT (project));

  return _topiary_import_maptext_plan (plan, text, length, report, error) &&
         _topiary_import_plan_apply (plan, project, report, error);
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
