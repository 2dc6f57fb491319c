/* topiary-brief.c — the brief of an article, from the map alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-brief.h"
#include "topiary-links-private.h"

#define MAX_NOTES 10
#define MAX_IDEAS 20
#define EXCERPT_MAX 200

static void
brief_link_free (TopiaryBriefLink *link)
{
  if (link == NULL)
    return;
  g_free (link->title);
  g_free (link->slug);
  g_free (link->anchor);
  g_strfreev (link->alternatives);
  g_free (link);
}

static void
brief_note_free (TopiaryBriefNote *note)
{
  g_free (note->title);
  g_free (note->excerpt);
  g_free (note);
}

void
topiary_brief_free (TopiaryBrief *brief)
{
  if (brief == NULL)
    return;
  g_free (brief->title);
  g_free (brief->slug);
  g_free (brief->primary_query);
  g_strfreev (brief->secondary_queries);
  g_free (brief->intent);
  g_free (brief->expects);
  g_strfreev (brief->sections);
  g_strfreev (brief->questions);
  g_strfreev (brief->table_columns);
  brief_link_free (brief->pillar);
  g_ptr_array_unref (brief->down);
  g_ptr_array_unref (brief->siblings);
  g_ptr_array_unref (brief->planned);
  g_ptr_array_unref (brief->sibling_topics);
  g_ptr_array_unref (brief->ideas);
  g_ptr_array_unref (brief->notes);
  g_free (brief);
}

/* ---- words ---- */

GHashTable *
_topiary_brief_word_set (const char *text,
                         gboolean    stem)
{
  g_autoptr(GPtrArray) words = _topiary_links_phrase_words (text != NULL ? text : "", stem);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < words->len; i++)
    g_hash_table_add (set, g_strdup (g_ptr_array_index (words, i)));
  return set;
}

gboolean
_topiary_brief_covers (GHashTable *words,
                       const char *query,
                       gboolean    stem)
{
  g_autoptr(GPtrArray) q = _topiary_links_phrase_words (query != NULL ? query : "", stem);
  guint content = 0;

  for (guint i = 0; i < q->len; i++)
    {
      const char *w = g_ptr_array_index (q, i);

      if (_topiary_links_is_stopword (w))
        continue;
      content++;
      if (!g_hash_table_contains (words, w))
        return FALSE;
    }
  return content > 0;
}

/* ---- what an intent expects ---- */

static const char * const question_words[] = {
  "how", "what", "why", "when", "where", "which", "who", "can", "does", "do", "is", "are", "should", "will",
};

static gboolean
is_question (const char *query)
{
  g_autofree char *first = NULL;
  const char *space;

  if (g_str_has_suffix (query, "?"))
    return TRUE;
  space = strchr (query, ' ');
  if (space == NULL)
    return FALSE;
  first = g_ascii_strdown (query, space - query);
  for (guint i = 0; i < G_N_ELEMENTS (question_words); i++)
    if (strcmp (first, question_words[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
as_question (const char *query)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  GString *q = g_string_new (NULL);
  gunichar first = g_utf8_get_char (trimmed);

  if (trimmed[0] == '\0')
    return g_string_free (q, FALSE);
  g_string_append_unichar (q, g_unichar_totitle (first));
  g_string_append (q, g_utf8_next_char (trimmed));
  if (!g_str_has_suffix (q->str, "?"))
    g_string_append_c (q, '?');
  return g_string_free (q, FALSE);
}

static char **
strv_of (const char * const *items)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char **v;

  for (guint i = 0; items[i] != NULL; i++)
    g_strv_builder_add (b, _(items[i]));
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

/* The sides of "a vs b", "a or b", "a versus b", "a compared to b". */
static char **
comparison_columns (const char *query)
{
  static const char * const joins[] = { " vs. ", " vs ", " versus ", " compared to ", " or ", NULL };
  g_autofree char *down = g_utf8_strdown (query != NULL ? query : "", -1);

  for (guint i = 0; joins[i] != NULL; i++)
    {
      char **parts = g_strsplit (down, joins[i], -1);

      if (g_strv_length (parts) >= 2)
        {
          for (guint k = 0; parts[k] != NULL; k++)
            g_strstrip (parts[k]);
          return parts;
        }
      g_strfreev (parts);
    }
  return NULL;
}

static void
fill_intent (TopiaryBrief *b)
{
  static const char * const howto[] = { N_("Before you start"), N_("Steps"), N_("Check that it worked"), N_("Troubleshooting"), NULL };
  static const char * const comparison[] = { N_("At a glance"), N_("How they differ"), N_("Which one to choose"), NULL };
  static const char * const commercial[] = { N_("What to look for"), N_("The options"), N_("Our pick"), NULL };
  static const char * const transactional[] = { N_("What you get"), N_("How to get it"), N_("Next step"), NULL };
  static const char * const navigational[] = { N_("Where to go"), NULL };
  static const char * const general[] = { N_("Overview"), N_("How it works"), N_("Examples"), N_("Summary"), NULL };
  const char *intent = b->intent != NULL ? b->intent : "";
  GStrvBuilder *questions = g_strv_builder_new ();

  if (b->primary_query != NULL && is_question (b->primary_query))
    {
      g_autofree char *q = as_question (b->primary_query);

      g_strv_builder_add (questions, q);
    }
  for (guint i = 0; b->secondary_queries[i] != NULL; i++)
    if (is_question (b->secondary_queries[i]))
      {
        g_autofree char *q = as_question (b->secondary_queries[i]);

        g_strv_builder_add (questions, q);
      }
  b->questions = g_strv_builder_end (questions);
  g_strv_builder_unref (questions);

  if (strcmp (intent, "how-to") == 0)
    {
      b->expects = g_strdup (_("A how-to: numbered steps, what the reader needs before starting, and how to check the result."));
      b->sections = strv_of (howto);
    }
  else if (strcmp (intent, "comparison") == 0)
    {
      b->expects = g_strdup (_("A comparison: a table of the options side by side, how they differ, and which one suits whom."));
      b->sections = strv_of (comparison);
      b->table_columns = comparison_columns (b->primary_query);
      if (b->table_columns == NULL)
        {
          const char * const options[] = { N_("Option A"), N_("Option B"), NULL };

          b->table_columns = strv_of (options);
        }
    }
  else if (strcmp (intent, "faq") == 0)
    {
      b->expects = g_strdup (_("Questions and short answers: one heading per question, the answer in its first sentence."));
      if (b->questions[0] == NULL && b->primary_query != NULL)
        {
          g_strfreev (b->questions);
          b->questions = g_new0 (char *, 2);
          b->questions[0] = g_strdup_printf (_("What is %s?"), b->primary_query);
        }
      b->sections = g_strdupv (b->questions);
    }
  else if (strcmp (intent, "commercial") == 0)
    {
      b->expects = g_strdup (_("A buyer’s guide: the criteria, the options that meet them, and a recommendation."));
      b->sections = strv_of (commercial);
    }
  else if (strcmp (intent, "transactional") == 0)
    {
      b->expects = g_strdup (_("What the reader needs to act: what they get, the steps to get it, and one clear next step."));
      b->sections = strv_of (transactional);
    }
  else if (strcmp (intent, "navigational") == 0)
    {
      b->expects = g_strdup (_("A short page that takes the reader where they want to go."));
      b->sections = strv_of (navigational);
    }
  else
    {
      b->expects = g_strdup (_("An explanation: what it is, how it works, and examples, answering the primary query early."));
      b->sections = strv_of (general);
    }
}

/* ---- the place in the group ---- */

static TopiaryBriefLink *
brief_link (TopiaryLinker     *linker,
            gint64             source,
            TopiaryMapArticle *target,
            const char        *anchor)
{
  TopiaryBriefLink *l = g_new0 (TopiaryBriefLink, 1);

  l->article_id = target->id;
  l->title = g_strdup (topiary_article_get_title (target->article));
  l->slug = g_strdup (topiary_article_get_slug (target->article));
  l->anchor = _topiary_linker_pick_anchor (linker, source, target, &l->alternatives);
  if (anchor != NULL)
    {
      g_free (l->anchor);
      l->anchor = g_strdup (anchor);
    }
  return l;
}

static const char *
primary_of (TopiaryArticle *a)
{
  int p = topiary_article_get_primary_query (a);

  return p >= 0 ? topiary_article_get_queries (a)[p] : NULL;
}

static gboolean
is_idea (TopiaryMapArticle *a)
{
  return topiary_article_get_status (a->article) == TOPIARY_STATUS_IDEA;
}

static void
fill_place (TopiaryBrief      *b,
            TopiaryLinker     *linker,
            TopiaryMapArticle *a)
{
  TopiaryMapGroup *g = a->group;
  gboolean pillar = topiary_article_get_kind (a->article) == TOPIARY_KIND_PILLAR;

  if (!pillar && a->pillar != NULL && topiary_article_get_kind (a->pillar->article) == TOPIARY_KIND_PILLAR)
    b->pillar = brief_link (linker, a->id, a->pillar, NULL);
  for (guint i = 0; g != NULL && i < g->articles->len; i++)
    {
      TopiaryMapArticle *o = g_ptr_array_index (g->articles, i);
      const char *q = primary_of (o->article);

      if (o == a || is_idea (o))
        continue;
      if (pillar && o->pillar == a)
        g_ptr_array_add (b->down, brief_link (linker, a->id, o, NULL));
      else if (!pillar && o != a->pillar)
        g_ptr_array_add (b->siblings, brief_link (linker, a->id, o, NULL));
      else
        continue;
      g_ptr_array_add (b->sibling_topics,
                       q != NULL ? g_strdup_printf ("%s: %s", topiary_article_get_title (o->article), q)
                                 : g_strdup (topiary_article_get_title (o->article)));
    }
  for (guint i = 0; i < linker->pairs->len; i++)
    {
      PlanPair *pair = &g_array_index (linker->pairs, PlanPair, i);
      TopiaryMapArticle *t = pair->from == a->id ? topiary_map_lookup_article (linker->map, pair->to) : NULL;

      if (t != NULL)
        g_ptr_array_add (b->planned, brief_link (linker, a->id, t, pair->anchor));
    }
}

/* Ideas of its group, and unplaced ideas whose title has two content
 * words of its primary query (the only one, for a one-word query). */
static void
fill_ideas (TopiaryBrief      *b,
            TopiaryLinker     *linker,
            TopiaryMapArticle *a)
{
  GPtrArray *articles = topiary_map_get_articles (linker->map);
  g_autoptr(GPtrArray) query = _topiary_links_phrase_words (b->primary_query != NULL ? b->primary_query : "", linker->stem);
  guint content = 0;

  for (guint i = 0; i < query->len; i++)
    if (!_topiary_links_is_stopword (g_ptr_array_index (query, i)))
      content++;
  for (guint i = 0; i < articles->len && b->ideas->len < MAX_IDEAS; i++)
    {
      TopiaryMapArticle *o = g_ptr_array_index (articles, i);
      gboolean belongs = FALSE;

      if (o == a || !is_idea (o))
        continue;
      if (o->group != NULL)
        belongs = o->group == a->group;
      else if (content > 0)
        {
          g_autoptr(GHashTable) words = _topiary_brief_word_set (topiary_article_get_title (o->article), linker->stem);
          guint shared = 0;

          for (guint k = 0; k < query->len; k++)
            {
              const char *w = g_ptr_array_index (query, k);

              if (!_topiary_links_is_stopword (w) && g_hash_table_contains (words, w))
                shared++;
            }
          belongs = shared >= MIN (2, content);
        }
      if (belongs)
        g_ptr_array_add (b->ideas, g_strdup (topiary_article_get_title (o->article)));
    }
}

static void
fill_notes (TopiaryBrief *b,
            GListModel   *notes,
            gboolean      stem)
{
  for (guint i = 0; notes != NULL && i < g_list_model_get_n_items (notes) && b->notes->len < MAX_NOTES; i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);
      g_auto(GStrv) lines = g_strsplit (topiary_note_get_body (note), "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autoptr(GHashTable) words = NULL;
          gboolean hit;

          if (lines[l][0] == '\0')
            continue;
          words = _topiary_brief_word_set (lines[l], stem);
          hit = b->primary_query != NULL && _topiary_brief_covers (words, b->primary_query, stem);
          for (guint q = 0; !hit && b->secondary_queries[q] != NULL; q++)
            hit = _topiary_brief_covers (words, b->secondary_queries[q], stem);
          if (hit)
            {
              TopiaryBriefNote *n = g_new0 (TopiaryBriefNote, 1);
              g_autofree char *line = g_strstrip (g_strdup (lines[l]));

              n->title = g_strdup (topiary_note_get_title (note));
              n->excerpt = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), EXCERPT_MAX));
              g_ptr_array_add (b->notes, n);
              break;
            }
        }
    }
}

TopiaryBrief *
topiary_brief_new (TopiaryLinker *linker,
                   gint64         article_id,
                   GListModel    *notes)
{
  TopiaryMapArticle *a;
  TopiaryBrief *b;
  const char * const *queries;
  int primary;
  GStrvBuilder *secondary;
  const char *intent;

  g_return_val_if_fail (linker != NULL, NULL);

  a = topiary_map_lookup_article (linker->map, article_id);
  if (a == NULL)
    return NULL;
  b = g_new0 (TopiaryBrief, 1);
  b->article_id = a->id;
  b->title = g_strdup (topiary_article_get_title (a->article));
  b->slug = g_strdup (topiary_article_get_slug (a->article));
  b->kind = topiary_article_get_kind (a->article);
  queries = topiary_article_get_queries (a->article);
  primary = topiary_article_get_primary_query (a->article);
  secondary = g_strv_builder_new ();
  for (guint i = 0; queries[i] != NULL; i++)
    {
      if ((int) i == primary || (primary < 0 && i == 0))
        b->primary_query = g_strdup (queries[i]);
      else
        g_strv_builder_add (secondary, queries[i]);
    }
  b->secondary_queries = g_strv_builder_end (secondary);
  g_strv_builder_unref (secondary);
  intent = topiary_intent_normalize (topiary_article_get_intent (a->article));
  b->intent = g_strdup (intent);
  b->down = g_ptr_array_new_with_free_func ((GDestroyNotify) brief_link_free);
  b->siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) brief_link_free);
  b->planned = g_ptr_array_new_with_free_func ((GDestroyNotify) brief_link_free);
  b->sibling_topics = g_ptr_array_new_with_free_func (g_free);
  b->ideas = g_ptr_array_new_with_free_func (g_free);
  b->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) brief_note_free);

  fill_intent (b);
  fill_place (b, linker, a);
  fill_ideas (b, linker, a);
  fill_notes (b, notes, linker->stem);

  b->target_words = topiary_article_get_target_words (a->article) > 0 ? (guint) topiary_article_get_target_words (a->article) : 0;
  b->target_from_plan = b->target_words > 0;
  if (b->target_words == 0)
    b->target_words = b->kind == TOPIARY_KIND_PILLAR ? TOPIARY_BRIEF_WORDS_PILLAR
                    : g_strcmp0 (b->intent, "faq") == 0 ? TOPIARY_BRIEF_WORDS_FAQ
                    : TOPIARY_BRIEF_WORDS_CLUSTER;
  return b;
}

/* ---- JSON ---- */

static void
add_strv (JsonBuilder *j,
          const char  *name,
          char       **v)
{
  json_builder_set_member_name (j, name);
  json_builder_begin_array (j);
  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    json_builder_add_string_value (j, v[i]);
  json_builder_end_array (j);
}

static void
add_strings (JsonBuilder *j,
             const char  *name,
             GPtrArray   *a)
{
  json_builder_set_member_name (j, name);
  json_builder_begin_array (j);
  for (guint i = 0; i < a->len; i++)
    json_builder_add_string_value (j, g_ptr_array_index (a, i));
  json_builder_end_array (j);
}

static void
add_link (JsonBuilder      *j,
          TopiaryBriefLink *l)
{
  json_builder_begin_object (j);
  json_builder_set_member_name (j, "slug");
  json_builder_add_string_value (j, l->slug);
  json_builder_set_member_name (j, "title");
  json_builder_add_string_value (j, l->title);
  json_builder_set_member_name (j, "anchor");
  json_builder_add_string_value (j, l->anchor);
  add_strv (j, "alternatives", l->alternatives);
  json_builder_end_object (j);
}

static void
add_links (JsonBuilder *j,
           const char  *name,
           GPtrArray   *links)
{
  json_builder_set_member_name (j, name);
  json_builder_begin_array (j);
  for (guint i = 0; i < links->len; i++)
    add_link (j, g_ptr_array_index (links, i));
  json_builder_end_array (j);
}

JsonNode *
topiary_brief_to_json_node (const TopiaryBrief *b)
{
  g_autoptr(JsonBuilder) j = json_builder_new ();

  g_return_val_if_fail (b != NULL, NULL);

  json_builder_begin_object (j);
  json_builder_set_member_name (j, "slug");
  json_builder_add_string_value (j, b->slug);
  json_builder_set_member_name (j, "title");
  json_builder_add_string_value (j, b->title);
  json_builder_set_member_name (j, "kind");
  json_builder_add_string_value (j, topiary_kind_to_string (b->kind));
  json_builder_set_member_name (j, "primary_query");
  if (b->primary_query != NULL)
    json_builder_add_string_value (j, b->primary_query);
  else
    json_builder_add_null_value (j);
  add_strv (j, "secondary_queries", b->secondary_queries);
  json_builder_set_member_name (j, "intent");
  if (b->intent != NULL)
    json_builder_add_string_value (j, b->intent);
  else
    json_builder_add_null_value (j);
  json_builder_set_member_name (j, "expects");
  json_builder_add_string_value (j, b->expects);
  add_strv (j, "sections", b->sections);
  add_strv (j, "questions", b->questions);
  if (b->table_columns != NULL)
    add_strv (j, "table_columns", b->table_columns);
  json_builder_set_member_name (j, "pillar");
  if (b->pillar != NULL)
    add_link (j, b->pillar);
  else
    json_builder_add_null_value (j);
  add_links (j, "clusters", b->down);
  add_links (j, "siblings", b->siblings);
  add_links (j, "planned_links", b->planned);
  add_strings (j, "sibling_topics", b->sibling_topics);
  add_strings (j, "ideas", b->ideas);
  json_builder_set_member_name (j, "notes");
  json_builder_begin_array (j);
  for (guint i = 0; i < b->notes->len; i++)
    {
      TopiaryBriefNote *n = g_ptr_array_index (b->notes, i);

      json_builder_begin_object (j);
      json_builder_set_member_name (j, "title");
      json_builder_add_string_value (j, n->title);
      json_builder_set_member_name (j, "excerpt");
      json_builder_add_string_value (j, n->excerpt);
      json_builder_end_object (j);
    }
  json_builder_end_array (j);
  json_builder_set_member_name (j, "target_words");
  json_builder_add_int_value (j, b->target_words);
  json_builder_set_member_name (j, "target_from_plan");
  json_builder_add_boolean_value (j, b->target_from_plan);
  json_builder_end_object (j);
  return json_builder_get_root (j);
}
