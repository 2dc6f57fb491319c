/* test-map.c — the map model: hierarchy, counts, links, read failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "topiary-check.h"
#include "topiary-export.h"
#include "topiary-map.h"
#include "topiary-project.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add_article (Fixture       *f,
             const char    *title,
             gint64         group_id,
             gint64         parent_id,
             TopiaryKind    kind,
             TopiaryStatus  status,
             const char    *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, kind);
  topiary_article_set_status (article, status);
  topiary_article_set_body (article, body);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static void
run_sql (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static TopiaryMap *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TopiaryMap *map = topiary_map_new (f->project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static gint64
id_at (GPtrArray *articles,
       guint      i)
{
  g_assert_cmpuint (i, <, articles->len);
  return ((TopiaryMapArticle *) g_ptr_array_index (articles, i))->id;
}

/* A group's pillar is its first article of kind pillar, whatever comes
 * before it; clusters hang under their parent, else under their group's
 * pillar; unplaced articles are the map's ideas. */
static void
test_hierarchy (Fixture       *f,
                gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "Basics");
  gint64 g2 = test_add_group (f->project, "Deploying");
  gint64 g3 = test_add_group (f->project, "Empty");
  gint64 c0 = add_article (f, "Early cluster", g1, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  gint64 p1 = add_article (f, "Flask basics", g1, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED, "");
  gint64 c1 = add_article (f, "Routing", g1, p1, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  gint64 p1b = add_article (f, "Second pillar", g1, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED, "");
  gint64 i1 = add_article (f, "Loose idea", 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA, "");
  gint64 p2 = add_article (f, "Deploying Flask", g2, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED, "");
  gint64 c3 = add_article (f, "Docker", g2, p1, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  gint64 c4 = add_article (f, "Self", g2, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  g_autoptr(TopiaryMap) map = NULL;
  GPtrArray *groups;
  TopiaryMapGroup *group;
  TopiaryMapArticle *a;

  /* A parent id naming the article itself (an old or edited file) is no
   * parent. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE article SET parent_id = id WHERE id = %" G_GINT64_FORMAT, c4);

    run_sql (f, sql);
  }
  map = load (f);

  groups = topiary_map_get_groups (map);
  g_assert_cmpuint (groups->len, ==, 3);

  group = g_ptr_array_index (groups, 0);
  g_assert_cmpint (group->id, ==, g1);
  g_assert_cmpuint (group->index, ==, 0);
  g_assert_true (topiary_map_lookup_group (map, g1) == group);
  g_assert_cmpint (group->pillar->id, ==, p1);
  g_assert_cmpuint (group->pillars->len, ==, 2);
  g_assert_cmpint (id_at (group->pillars, 1), ==, p1b);
  g_assert_cmpuint (group->articles->len, ==, 4);
  g_assert_cmpint (id_at (group->articles, 0), ==, c0);
  g_assert_cmpuint (group->clusters->len, ==, 3);
  g_assert_cmpint (id_at (group->clusters, 0), ==, c0);
  g_assert_cmpint (id_at (group->clusters, 1), ==, c1);
  g_assert_cmpint (id_at (group->clusters, 2), ==, p1b);

  a = topiary_map_lookup_article (map, c0);
  g_assert_null (a->parent);
  g_assert_true (a->pillar == group->pillar);
  g_assert_true (a->group == group);
  a = topiary_map_lookup_article (map, c1);
  g_assert_true (a->parent == group->pillar);
  g_assert_true (a->pillar == group->pillar);
  a = topiary_map_lookup_article (map, p1);
  g_assert_null (a->pillar);
  g_assert_cmpuint (a->children->len, ==, 2);
  g_assert_cmpint (id_at (a->children, 0), ==, c1);
  g_assert_cmpint (id_at (a->children, 1), ==, c3);
  /* A second pillar hangs under the first. */
  g_assert_true (topiary_map_lookup_article (map, p1b)->pillar == group->pillar);

  group = g_ptr_array_index (groups, 1);
  g_assert_cmpint (group->pillar->id, ==, p2);
  /* Its parent is in another group: it still hangs there (check reports it). */
  a = topiary_map_lookup_article (map, c3);
  g_assert_cmpint (a->pillar->id, ==, p1);
  g_assert_true (a->group == group);
  a = topiary_map_lookup_article (map, c4);
  g_assert_null (a->parent);
  g_assert_cmpint (a->pillar->id, ==, p2);

  group = g_ptr_array_index (groups, 2);
  g_assert_cmpint (group->id, ==, g3);
  g_assert_null (group->pillar);
  g_assert_cmpuint (group->articles->len, ==, 0);
  g_assert_cmpuint (group->clusters->len, ==, 0);

  g_assert_cmpuint (topiary_map_get_unplaced (map)->len, ==, 1);
  a = topiary_map_lookup_article (map, i1);
  g_assert_null (a->group);
  g_assert_null (a->pillar);
  g_assert_cmpint (id_at (topiary_map_get_unplaced (map), 0), ==, i1);

  g_assert_cmpuint (topiary_map_get_articles (map)->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (((TopiaryMapArticle *) g_ptr_array_index (topiary_map_get_articles (map), i))->index, ==, i);
  g_assert_null (topiary_map_lookup_article (map, 12345));
  g_assert_null (topiary_map_lookup_group (map, 12345));
}

/* An article whose group was deleted behind the project's back. */
static void
test_unknown_group (Fixture       *f,
                    gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "Gone");
  gint64 a1 = add_article (f, "Orphan", g1, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED, "");
  g_autoptr(TopiaryMap) map = NULL;

  run_sql (f, "PRAGMA foreign_keys = OFF; DELETE FROM grp");
  map = load (f);
  g_assert_cmpuint (topiary_map_get_groups (map)->len, ==, 0);
  g_assert_cmpuint (topiary_map_get_unplaced (map)->len, ==, 1);
  g_assert_null (topiary_map_lookup_article (map, a1)->group);
  /* Unplaced: an idea, whatever its kind (issue 14). */
  g_assert_cmpuint (topiary_map_get_unplaced_counts (map)->ideas, ==, 1);
  g_assert_cmpuint (topiary_map_get_unplaced_counts (map)->pillars, ==, 0);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "One");
  gint64 g2 = test_add_group (f->project, "Two");
  gint64 p1 = add_article (f, "Pillar one", g1, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PUBLISHED,
                           "one two three four five");
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("research", "A note", "text");
  const TopiaryMapCounts *counts;
  TopiaryMapGroup *group;
  TopiaryStats from_map, from_project;

  add_article (f, "Cluster a", g1, p1, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_DRAFTING, "six seven");
  add_article (f, "Cluster b", g1, p1, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PUBLISHED, "eight");
  add_article (f, "Pillar idea", g2, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_IDEA, "");
  add_article (f, "Idea", 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA, "nine ten");
  add_article (f, "Planned loose", 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);
  map = load (f);

  counts = topiary_map_get_counts (map);
  g_assert_cmpuint (counts->articles, ==, 6);
  /* Ideas are the unplaced articles; a placed article is its group's
   * pillar or a cluster whatever its status (issue 14). */
  g_assert_cmpuint (counts->pillars, ==, 2);
  g_assert_cmpuint (counts->clusters, ==, 2);
  g_assert_cmpuint (counts->ideas, ==, 2);
  g_assert_cmpuint (counts->published, ==, 2);
  g_assert_cmpuint (counts->words, ==, 10);
  g_assert_cmpuint (counts->status[TOPIARY_STATUS_PUBLISHED], ==, 2);
  g_assert_cmpuint (counts->status[TOPIARY_STATUS_DRAFTING], ==, 1);
  g_assert_cmpuint (counts->status[TOPIARY_STATUS_IDEA], ==, 2);
  g_assert_cmpuint (counts->status[TOPIARY_STATUS_PLANNED], ==, 1);

  group = topiary_map_lookup_group (map, g1);
  g_assert_cmpuint (group->counts.articles, ==, 3);
  g_assert_cmpuint (group->counts.pillars, ==, 1);
  g_assert_cmpuint (group->counts.clusters, ==, 2);
  g_assert_cmpuint (group->counts.published, ==, 2);
  g_assert_cmpuint (group->counts.words, ==, 8);
  g_assert_cmpuint (group->counts.status[TOPIARY_STATUS_DRAFTING], ==, 1);
  group = topiary_map_lookup_group (map, g2);
  g_assert_cmpuint (group->counts.articles, ==, 1);
  g_assert_cmpuint (group->counts.pillars, ==, 1);
  g_assert_cmpuint (group->counts.ideas, ==, 0);
  /* The idea of kind pillar is still the group's pillar in the tree. */
  g_assert_nonnull (group->pillar);
  g_assert_cmpuint (topiary_map_get_unplaced_counts (map)->articles, ==, 2);
  g_assert_cmpuint (topiary_map_get_unplaced_counts (map)->words, ==, 2);

  /* The same figures as the project's own statistics. */
  topiary_map_get_stats (map, &from_map);
  topiary_project_get_stats (f->project, &from_project, NULL);
  g_assert_cmpmem (&from_map, sizeof from_map, &from_project, sizeof from_project);
  g_assert_cmpuint (from_map.notes, ==, 1);
  g_assert_cmpuint (from_map.groups, ==, 2);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  gint64 a = add_article (f, "Über Flask", 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  gint64 b = add_article (f, "Straße", 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  g_autoptr(TopiaryMap) map = load (f);
  g_autofree char *heading = NULL;
  TopiaryMapArticle *found;

  found = topiary_map_resolve_link (map, "über flask#Install", &heading);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, a);
  g_assert_cmpstr (heading, ==, "Install");
  g_clear_pointer (&heading, g_free);
  g_assert_cmpint (topiary_map_resolve_link (map, "STRASSE", &heading)->id, ==, b);
  g_assert_null (heading);
  g_assert_null (topiary_map_resolve_link (map, "Nothing", NULL));
  g_assert_cmpint (topiary_map_lookup_slug (map, topiary_article_get_slug (found->article))->id, ==, a);
  g_assert_null (topiary_map_lookup_slug (map, "Uber-Flask"));
}

/* A read that fails is an error, for the map and for what builds on it;
 * it used to end the list quietly, and check and export went on with
 * half a map. */
static void
test_read_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *out = g_build_filename (f->dir, "site", NULL);
  TopiaryExportOptions opts = { .format = TOPIARY_EXPORT_SITE };
  gint64 g1 = test_add_group (f->project, "One");

  add_article (f, "Pillar", g1, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PUBLISHED, "Text.");
  run_sql (f, "DROP TABLE query");

  list = topiary_project_list_articles (f->project, &error);
  g_assert_null (list);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED);
  g_clear_error (&error);

  map = topiary_map_new (f->project, &error);
  g_assert_null (map);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED);
  g_clear_error (&error);

  findings = topiary_check_project (f->project, &error);
  g_assert_null (findings);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_false (topiary_export (f->project, out, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_closed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 7;

  topiary_project_close (f->project);
  g_assert_null (topiary_map_new (f->project, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_list_groups (f->project, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  n = topiary_project_count_notes (f->project, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_project_fixture_setup, fn, test_project_fixture_teardown)
  ADD ("/core/map/hierarchy", test_hierarchy);
  ADD ("/core/map/unknown-group", test_unknown_group);
  ADD ("/core/map/counts", test_counts);
  ADD ("/core/map/links", test_links);
  ADD ("/core/map/read-error", test_read_error);
  ADD ("/core/map/closed", test_closed);
#undef ADD

  return g_test_run ();
}
