/* test-writing-find.c — the writing room's text rules (issue 13): an
 * article's outline and moving its sections; finding articles for [[
 * completion (the current article's pillar and siblings first) and for
 * the quick switcher (titles, slugs, queries)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-map-find.h"
#include "topiary-md-outline.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

/* ---- the outline ---- */

static void
test_outline (void)
{
  const char *text =
    "---\ntitle: x\n# not a heading\n---\n"
    "Intro\n"
    "# One #\n"
    "text\n"
    "```\n# a comment in code\n```\n"
    "## One.a\n"
    "#no space, not a heading\n"
    "   ### Three deep ###   \n"
    "####### seven is too many\n"
    "# Two";
  g_autoptr(GPtrArray) headings = topiary_md_outline (text);
  TopiaryMdHeading *h;

  g_assert_cmpuint (headings->len, ==, 4);
  h = g_ptr_array_index (headings, 0);
  g_assert_cmpstr (h->text, ==, "One");
  g_assert_cmpuint (h->level, ==, 1);
  g_assert_cmpuint (h->line, ==, 5);
  g_assert_cmpuint (h->offset, ==, strstr (text, "# One #") - text);
  h = g_ptr_array_index (headings, 1);
  g_assert_cmpstr (h->text, ==, "One.a");
  g_assert_cmpuint (h->level, ==, 2);
  h = g_ptr_array_index (headings, 2);
  g_assert_cmpstr (h->text, ==, "Three deep");
  g_assert_cmpuint (h->level, ==, 3);
  h = g_ptr_array_index (headings, 3);
  g_assert_cmpstr (h->text, ==, "Two");

  /* Which heading's section holds an offset. */
  g_assert_cmpint (topiary_md_outline_at (headings, 0), ==, -1);
  g_assert_cmpint (topiary_md_outline_at (headings, strstr (text, "text") - text), ==, 0);
  g_assert_cmpint (topiary_md_outline_at (headings, strlen (text)), ==, 3);
}

static void
assert_move (const char *text,
             const char *at,
             gboolean    up,
             const char *expected,
             const char *cursor_at)
{
  g_autofree char *moved = NULL;
  gsize cursor = 0;
  gboolean ok = topiary_md_section_move (text, strstr (text, at) - text, up, &moved, &cursor);

  if (expected == NULL)
    {
      g_assert_false (ok);
      return;
    }
  g_assert_true (ok);
  g_assert_cmpstr (moved, ==, expected);
  /* The cursor stays on the same text. */
  g_assert_true (g_str_has_prefix (moved + cursor, cursor_at));
}

static void
test_section_move (void)
{
  const char *text = "Intro\n# A\na\n## A1\na1\n## A2\na2\n# B\nb";

  /* B (the last, without a newline) goes above A with A's subsections. */
  assert_move (text, "b", TRUE, "Intro\n# B\nb\n# A\na\n## A1\na1\n## A2\na2", "b\n");
  /* And A goes below B. */
  assert_move (text, "a\n## A1", FALSE, "Intro\n# B\nb\n# A\na\n## A1\na1\n## A2\na2", "a\n## A1");
  /* Subsections swap within their parent. */
  assert_move (text, "a2", TRUE, "Intro\n# A\na\n## A2\na2\n## A1\na1\n# B\nb", "a2");
  assert_move (text, "a1", FALSE, "Intro\n# A\na\n## A2\na2\n## A1\na1\n# B\nb", "a1");
  /* Nothing to swap with: the first subsection up, the last down, the
   * intro, and a subsection down past its parent's end. */
  assert_move (text, "a1", TRUE, NULL, NULL);
  assert_move (text, "b", FALSE, NULL, NULL);
  assert_move (text, "Intro", TRUE, NULL, NULL);
  assert_move (text, "a2", FALSE, NULL, NULL);
}

/* ---- finding articles ---- */

static gint64
add (Fixture     *f,
     const char  *title,
     const char  *slug,
     gint64       group,
     TopiaryKind  kind,
     const char  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  if (slug != NULL)
    topiary_article_set_slug (a, slug);
  topiary_article_set_group_id (a, group);
  topiary_article_set_kind (a, kind);
  if (query != NULL)
    topiary_article_add_query (a, query);
  g_assert_true (topiary_project_add_article (f->project, a, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (a);
}

static gint64
found_id (GArray *found,
          guint   i)
{
  g_assert_cmpuint (i, <, found->len);
  return g_array_index (found, TopiaryMapFound, i).article->id;
}

static void
test_link_ranking (Fixture       *f,
                   gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "Deploying");
  gint64 g2 = test_add_group (f->project, "Basics");
  gint64 other_pillar = add (f, "Flask Basics", NULL, g2, TOPIARY_KIND_PILLAR, NULL);
  gint64 other = add (f, "Flask Routing", "routing", g2, TOPIARY_KIND_CLUSTER, NULL);
  gint64 pillar = add (f, "Deploying Flask", NULL, g1, TOPIARY_KIND_PILLAR, NULL);
  gint64 current = add (f, "Flask on Docker", NULL, g1, TOPIARY_KIND_CLUSTER, NULL);
  gint64 sibling = add (f, "Flask with Gunicorn", NULL, g1, TOPIARY_KIND_CLUSTER, NULL);
  gint64 idea = add (f, "Flask and Celery", NULL, 0, TOPIARY_KIND_CLUSTER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = topiary_map_new (f->project, &error);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) flask = NULL;
  g_autoptr(GArray) routing = NULL;
  g_autoptr(GArray) loose = NULL;
  g_autoptr(GArray) none = NULL;

  g_assert_no_error (error);

  /* Nothing typed: the pillar, the sibling, then the rest in writing
   * order (ideas too); never the article itself. */
  all = topiary_map_find (map, "", current, TOPIARY_MAP_FIND_LINK, 0);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpint (found_id (all, 0), ==, pillar);
  g_assert_cmpint (found_id (all, 1), ==, sibling);
  g_assert_cmpint (found_id (all, 2), ==, other_pillar);
  g_assert_cmpint (found_id (all, 3), ==, other);
  g_assert_cmpint (found_id (all, 4), ==, idea);
  g_assert_cmpint (g_array_index (all, TopiaryMapFound, 0).relation, ==, TOPIARY_MAP_RELATION_PILLAR);
  g_assert_cmpint (g_array_index (all, TopiaryMapFound, 1).relation, ==, TOPIARY_MAP_RELATION_SIBLING);

  /* "flask" starts a word in every title: the pillar and sibling first. */
  flask = topiary_map_find (map, "FLASK", current, TOPIARY_MAP_FIND_LINK, 3);
  g_assert_cmpuint (flask->len, ==, 3);
  g_assert_cmpint (found_id (flask, 0), ==, pillar);
  g_assert_cmpint (found_id (flask, 1), ==, sibling);
  g_assert_cmpint (found_id (flask, 2), ==, other_pillar);

  /* A slug's prefix comes before a loose match of a sibling. */
  routing = topiary_map_find (map, "rout", current, TOPIARY_MAP_FIND_LINK, 0);
  g_assert_cmpuint (routing->len, >=, 1);
  g_assert_cmpint (found_id (routing, 0), ==, other);
  g_assert_cmpint (g_array_index (routing, TopiaryMapFound, 0).match, <=, TOPIARY_MAP_MATCH_WORD);

  /* Letters in order still find it. */
  loose = topiary_map_find (map, "flgun", current, TOPIARY_MAP_FIND_LINK, 0);
  g_assert_cmpuint (loose->len, ==, 1);
  g_assert_cmpint (found_id (loose, 0), ==, sibling);
  g_assert_cmpint (g_array_index (loose, TopiaryMapFound, 0).match, ==, TOPIARY_MAP_MATCH_LETTERS);

  none = topiary_map_find (map, "django", current, TOPIARY_MAP_FIND_LINK, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_switcher (Fixture       *f,
               gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "Deploying");
  gint64 a = add (f, "Deploying Flask", NULL, g, TOPIARY_KIND_PILLAR, "flask production server");
  gint64 b = add (f, "Production Checklist", NULL, g, TOPIARY_KIND_CLUSTER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = topiary_map_new (f->project, &error);
  g_autoptr(GArray) by_query = NULL;
  g_autoptr(GArray) by_slug = NULL;
  g_autoptr(GArray) link = NULL;

  g_assert_no_error (error);
  /* A target query finds its article; the title match ranks first. */
  by_query = topiary_map_find (map, "production", 0, TOPIARY_MAP_FIND_SWITCHER, 0);
  g_assert_cmpuint (by_query->len, ==, 2);
  g_assert_cmpint (found_id (by_query, 0), ==, b);
  g_assert_cmpint (found_id (by_query, 1), ==, a);
  /* [[ completion does not look at queries. */
  link = topiary_map_find (map, "production server", 0, TOPIARY_MAP_FIND_LINK, 0);
  g_assert_cmpuint (link->len, ==, 0);
  /* Slugs, typed with spaces or dashes. */
  by_slug = topiary_map_find (map, "deploying fl", 0, TOPIARY_MAP_FIND_SWITCHER, 0);
  g_assert_cmpuint (by_slug->len, ==, 1);
  g_assert_cmpint (found_id (by_slug, 0), ==, a);

  g_assert_cmpint (topiary_map_match_text ("straße", "STRASSE und mehr"), ==, TOPIARY_MAP_MATCH_PREFIX);
  g_assert_cmpint (topiary_map_match_text ("und", "Straße und mehr"), ==, TOPIARY_MAP_MATCH_WORD);
  g_assert_cmpint (topiary_map_match_text ("raß", "Straße"), ==, TOPIARY_MAP_MATCH_SUBSTRING);
  g_assert_cmpint (topiary_map_match_text ("x", "Straße"), ==, TOPIARY_MAP_MATCH_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/writing/outline", test_outline);
  g_test_add_func ("/core/writing/section-move", test_section_move);
  g_test_add ("/core/writing/link-ranking", Fixture, NULL,
              test_project_fixture_setup, test_link_ranking, test_project_fixture_teardown);
  g_test_add ("/core/writing/switcher", Fixture, NULL,
              test_project_fixture_setup, test_switcher, test_project_fixture_teardown);

  return g_test_run ();
}
