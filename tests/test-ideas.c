/* test-ideas.c — "Ideas" means one thing: the articles in no group (issue 14)
 *
 * The map's tree shows them in its Ideas folder, "Move to Ideas" puts an
 * article there and `topiary check` exempts them from the structure rules
 * (topiary-check.h). The counts say the same: an article in a group is one
 * of its pillars or clusters whatever its status, one in no group an idea
 * whatever its status; the map (the tree and the overview) and the
 * project's stats (`topiary info`) agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

static gint64
add_article (TopiaryProject *project,
             const char     *title,
             gint64          group_id,
             TopiaryKind     kind,
             TopiaryStatus   status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group_id);
  topiary_article_set_kind (a, kind);
  topiary_article_set_status (a, status);
  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (a);
}

/* An idea moved to Ideas keeps its status (planned); a cluster written in
 * a group may still have the status idea. */
static void
test_ideas_are_the_unplaced (void)
{
  char *dir = NULL, *path = NULL;  /* test_project_destroy() frees them */
  TopiaryProject *project = test_project_create ("topiary-ideas-XXXXXX", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  TopiaryStats from_map, from_project;
  gint64 group = test_add_group (project, "Basics");

  add_article (project, "The pillar", group, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED);
  add_article (project, "A cluster still an idea", group, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA);
  add_article (project, "Moved to Ideas", 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED);
  add_article (project, "Moved there too", 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_DRAFTING);
  add_article (project, "A plain idea", 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA);

  map = topiary_map_new (project, &error);
  g_assert_no_error (error);
  topiary_map_get_stats (map, &from_map);
  g_assert_true (topiary_project_get_stats (project, &from_project, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (topiary_map_get_unplaced (map)->len, ==, 3);
  g_assert_cmpuint (from_map.ideas, ==, 3);
  g_assert_cmpuint (from_map.pillars, ==, 1);
  g_assert_cmpuint (from_map.clusters, ==, 1);
  g_assert_cmpuint (from_map.articles, ==, 5);
  /* The statuses are counted as they are. */
  g_assert_cmpuint (from_map.status[TOPIARY_STATUS_IDEA], ==, 2);
  g_assert_cmpuint (from_map.status[TOPIARY_STATUS_PLANNED], ==, 2);
  g_assert_cmpuint (from_map.status[TOPIARY_STATUS_DRAFTING], ==, 1);

  g_assert_cmpuint (from_project.ideas, ==, from_map.ideas);
  g_assert_cmpuint (from_project.pillars, ==, from_map.pillars);
  g_assert_cmpuint (from_project.clusters, ==, from_map.clusters);
  g_assert_cmpuint (from_project.articles, ==, from_map.articles);
  g_assert_cmpuint (from_project.status[TOPIARY_STATUS_IDEA], ==, 2);

  g_clear_object (&map);
  test_project_destroy (project, dir, path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/map/ideas-are-the-unplaced", test_ideas_are_the_unplaced);
  return g_test_run ();
}
