/* test-brief.c — briefs from the map, skeletons and checklists (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-brief.h"
#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  TopiaryProject *project;
  char           *dir;
  char           *path;
  gint64          pillar, compare, faq, pour, group_idea, loose_idea;
  TopiaryMap     *map;
  TopiaryLinker  *linker;
  GListModel     *notes;
} Fixture;

static gint64
add (Fixture       *f,
     const char    *title,
     gint64         group,
     gint64         parent,
     TopiaryKind    kind,
     const char    *intent,
     TopiaryStatus  status,
     int            target_words,
     const char    *queries)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group);
  topiary_article_set_parent_id (a, parent);
  topiary_article_set_kind (a, kind);
  topiary_article_set_intent (a, intent);
  topiary_article_set_status (a, status);
  topiary_article_set_target_words (a, target_words);
  test_article_set_queries (a, queries);
  return test_add_article (f->project, a);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("key-fact", "Key facts",
                                                  "- Coffee is a fruit.\n- The usual pour-over ratio is 1:16.\n");
  gint64 coffee;

  f->project = test_project_create ("topiary-brief-XXXXXX", &f->dir, &f->path);
  coffee = test_add_group (f->project, "Coffee");
  f->pillar = add (f, "Coffee Brewing", coffee, 0, TOPIARY_KIND_PILLAR, "", TOPIARY_STATUS_PLANNED, 0,
                   "coffee brewing guide;brew coffee at home");
  f->compare = add (f, "French Press vs AeroPress", coffee, f->pillar, TOPIARY_KIND_CLUSTER, "Comparison",
                    TOPIARY_STATUS_PLANNED, 1800, "french press vs aeropress");
  f->faq = add (f, "Coffee FAQ", coffee, f->pillar, TOPIARY_KIND_CLUSTER, "FAQ", TOPIARY_STATUS_PLANNED, 0,
                "coffee brewing faq;how much coffee per cup;why is my coffee bitter");
  f->pour = add (f, "Pour Over Method", coffee, f->pillar, TOPIARY_KIND_CLUSTER, "how to", TOPIARY_STATUS_PLANNED, 0,
                 "pour over coffee;pour over ratio");
  f->group_idea = add (f, "Cold brew ideas", coffee, f->pillar, TOPIARY_KIND_CLUSTER, "", TOPIARY_STATUS_IDEA, 0, "");
  f->loose_idea = add (f, "Pour over coffee gear", 0, 0, TOPIARY_KIND_CLUSTER, "", TOPIARY_STATUS_IDEA, 0, "");
  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);

  f->map = topiary_map_new (f->project, &error);
  g_assert_no_error (error);
  f->linker = topiary_linker_new (f->project, f->map, &error);
  g_assert_no_error (error);
  f->notes = topiary_project_list_notes (f->project, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_unref (f->notes);
  topiary_linker_free (f->linker);
  g_object_unref (f->map);
  test_project_destroy (f->project, f->dir, f->path);
}

static gboolean
has (GPtrArray  *strings,
     const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pillar (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->pillar, f->notes);
  g_autofree char *md = NULL;
  TopiaryBriefLink *l;

  g_assert_nonnull (b);
  g_assert_cmpstr (b->primary_query, ==, "coffee brewing guide");
  g_assert_cmpstr (b->secondary_queries[0], ==, "brew coffee at home");
  g_assert_null (b->intent);
  g_assert_null (b->pillar);
  g_assert_cmpuint (b->down->len, ==, 3);
  l = g_ptr_array_index (b->down, 0);
  g_assert_cmpstr (l->slug, ==, "french-press-vs-aeropress");
  g_assert_cmpstr (l->anchor, ==, "french press vs aeropress");
  /* Its title is its query in other capitals: no second anchor. */
  g_assert_null (l->alternatives[0]);
  g_assert_cmpuint (b->siblings->len, ==, 0);
  g_assert_true (has (b->sibling_topics, "Coffee FAQ: coffee brewing faq"));
  g_assert_cmpuint (b->target_words, ==, TOPIARY_BRIEF_WORDS_PILLAR);
  g_assert_false (b->target_from_plan);
  /* Its group's idea belongs; the loose one shares only "coffee". */
  g_assert_true (has (b->ideas, "Cold brew ideas"));
  g_assert_false (has (b->ideas, "Pour over coffee gear"));
  md = topiary_brief_to_markdown (b);
  g_assert_nonnull (strstr (md, "# Brief: Coffee Brewing\n"));
  g_assert_nonnull (strstr (md, "- Target length: 3000 words (a default)\n"));
  g_assert_nonnull (strstr (md, "Down to each cluster:\n\n- French Press vs AeroPress (`[[french-press-vs-aeropress|french press vs aeropress]]`)"));
}

static void
test_cluster (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->pour, f->notes);
  TopiaryBriefNote *n;

  g_assert_cmpstr (b->intent, ==, "how-to");
  g_assert_nonnull (strstr (b->expects, "numbered steps"));
  g_assert_cmpstr (b->sections[1], ==, "Steps");
  g_assert_nonnull (b->pillar);
  g_assert_cmpstr (b->pillar->slug, ==, "coffee-brewing");
  g_assert_cmpstr (b->pillar->anchor, ==, "coffee brewing guide");
  g_assert_cmpuint (b->siblings->len, ==, 2);
  g_assert_cmpuint (b->down->len, ==, 0);
  g_assert_true (has (b->sibling_topics, "French Press vs AeroPress: french press vs aeropress"));
  g_assert_false (has (b->sibling_topics, "Coffee Brewing: coffee brewing guide"));
  g_assert_true (has (b->ideas, "Pour over coffee gear"));
  g_assert_true (has (b->ideas, "Cold brew ideas"));
  g_assert_cmpuint (b->notes->len, ==, 1);
  n = g_ptr_array_index (b->notes, 0);
  g_assert_cmpstr (n->title, ==, "Key facts");
  g_assert_cmpstr (n->excerpt, ==, "- The usual pour-over ratio is 1:16.");
}

static void
test_comparison (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->compare, f->notes);
  g_autofree char *skeleton = topiary_brief_skeleton (b);

  g_assert_cmpstr (b->intent, ==, "comparison");
  g_assert_cmpstr (b->table_columns[0], ==, "french press");
  g_assert_cmpstr (b->table_columns[1], ==, "aeropress");
  g_assert_null (b->table_columns[2]);
  g_assert_cmpuint (b->target_words, ==, 1800);
  g_assert_true (b->target_from_plan);
  g_assert_true (g_str_has_prefix (skeleton, "# French Press vs AeroPress\n"));
  g_assert_nonnull (strstr (skeleton, "Part of [[coffee-brewing|coffee brewing guide]]."));
  g_assert_nonnull (strstr (skeleton, "## At a glance\n\n|   | french press | aeropress |\n|---|---|---|\n"));
}

static void
test_faq (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->faq, f->notes);
  g_autoptr(JsonNode) node = topiary_brief_to_json_node (b);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autofree char *skeleton = topiary_brief_skeleton (b);

  g_assert_cmpstr (b->intent, ==, "faq");
  g_assert_cmpuint (g_strv_length (b->questions), ==, 2);
  g_assert_cmpstr (b->questions[0], ==, "How much coffee per cup?");
  g_assert_cmpstr (b->questions[1], ==, "Why is my coffee bitter?");
  g_assert_cmpstr (b->sections[0], ==, "How much coffee per cup?");
  g_assert_cmpuint (b->target_words, ==, TOPIARY_BRIEF_WORDS_FAQ);
  g_assert_nonnull (strstr (skeleton, "## Why is my coffee bitter?\n"));
  g_assert_nonnull (strstr (json, "\"questions\":[\"How much coffee per cup?\",\"Why is my coffee bitter?\"]"));
  g_assert_nonnull (strstr (json, "\"pillar\":{\"slug\":\"coffee-brewing\""));
}

static guint
points_of (GArray     *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (strcmp (g_array_index (items, TopiaryChecklistItem, i).id, id) == 0)
      return g_array_index (items, TopiaryChecklistItem, i).points;
  g_assert_not_reached ();
}

static void
test_checklist (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->pour, f->notes);
  g_autoptr(GArray) good = NULL;
  g_autoptr(GArray) bad = NULL;
  g_autoptr(GArray) empty = NULL;
  guint score = 0;

  good = topiary_brief_checklist (f->linker, b,
                                  "# Pour over coffee\n\nPour-over coffee is simple.\n\n"
                                  "The pour over ratio matters. See [[Coffee Brewing]].\n", &score);
  g_assert_cmpuint (good->len, ==, 7);
  g_assert_cmpuint (points_of (good, "title"), ==, 0);   /* "Pour Over Method" lacks "coffee" */
  g_assert_cmpuint (points_of (good, "first-heading"), ==, 10);
  g_assert_cmpuint (points_of (good, "first-paragraph"), ==, 15);
  g_assert_cmpuint (points_of (good, "secondary-queries"), ==, 20);
  g_assert_cmpuint (points_of (good, "required-links"), ==, 20);
  g_assert_cmpuint (points_of (good, "length"), ==, 0);
  g_assert_cmpuint (points_of (good, "one-h1"), ==, 5);
  g_assert_cmpuint (score, ==, 70);

  bad = topiary_brief_checklist (f->linker, b, "Intro without it.\n\n# One\n\n# Two\n", &score);
  g_assert_cmpuint (points_of (bad, "first-heading"), ==, 0);
  g_assert_cmpuint (points_of (bad, "first-paragraph"), ==, 0);
  g_assert_cmpuint (points_of (bad, "required-links"), ==, 0);
  g_assert_cmpuint (points_of (bad, "one-h1"), ==, 0);
  g_assert_cmpuint (score, ==, 0);

  empty = topiary_brief_checklist (f->linker, b, "", &score);
  g_assert_cmpuint (score, ==, 5);
}

/* An empty pillar started from its brief has every required link. */
static void
test_start_from_brief (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TopiaryBrief) b = topiary_brief_new (f->linker, f->pillar, f->notes);
  g_autofree char *skeleton = topiary_brief_skeleton (b);
  g_autoptr(GArray) items = topiary_brief_checklist (f->linker, b, skeleton, NULL);

  g_assert_nonnull (strstr (skeleton, "## Read next\n\n- [[french-press-vs-aeropress|french press vs aeropress]]\n"
                                      "- [[coffee-faq|coffee brewing faq]]\n- [[pour-over-method|pour over coffee]]\n"));
  g_assert_cmpuint (points_of (items, "required-links"), ==, 20);
  g_assert_cmpuint (points_of (items, "one-h1"), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/core/brief/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("pillar", test_pillar);
  ADD ("cluster", test_cluster);
  ADD ("comparison", test_comparison);
  ADD ("faq", test_faq);
  ADD ("checklist", test_checklist);
  ADD ("start-from-brief", test_start_from_brief);
#undef ADD
  return g_test_run ();
}
