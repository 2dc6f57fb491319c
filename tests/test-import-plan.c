/* test-import-plan.c — the plan shown is the import done (issue 11)
 *
 * For every map of the corpus, the outlines and the CSV plans: the plan
 * that `--dry-run` and the app's preview show holds exactly what importing
 * the same source then creates (groups in order, and every article's
 * title, slug, group, kind, parent, status, intent, priority, length and
 * queries). Reading a plan of an outline or a CSV file writes no file at
 * all, not even a temporary one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-import-plan.h"
#include "test-util.h"

static char *tmp_root;

static void
test_same (gconstpointer data)
{
  const char *source = data;
  g_autofree char *tmpdir = g_build_filename (tmp_root, "tmp", NULL);
  g_autofree char *dir = g_build_filename (tmp_root, "project", NULL);
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  g_autoptr(TopiaryImportReport) plan_report = topiary_import_report_new ();
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;

  plan = topiary_import_read_plan (source, TOPIARY_IMPORT_AUTO, NULL, plan_report, &error);
  g_assert_no_error (error);
  /* Nothing written, not even in the temporary folder. */
  d = g_dir_open (tmpdir, 0, NULL);
  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  project = topiary_import_new_project (path, source, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan_report->warnings->len, ==, report->warnings->len);

  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, plan->groups->len);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, g);
      g_assert_cmpstr (topiary_group_get_title (group), ==,
                       ((TopiaryPlanGroup *) g_ptr_array_index (plan->groups, g))->title);
    }

  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, plan->articles->len);
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *p = g_ptr_array_index (plan->articles, i);
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      const char * const *queries = topiary_article_get_queries (a);

      g_assert_cmpstr (topiary_article_get_title (a), ==, p->title);
      g_assert_cmpstr (topiary_article_get_slug (a), ==, p->slug);
      g_assert_cmpint (topiary_article_get_kind (a), ==, p->kind);
      g_assert_cmpint (topiary_article_get_status (a), ==, p->status);
      g_assert_cmpstr (topiary_article_get_intent (a), ==, p->intent ? p->intent : "");
      g_assert_cmpint (topiary_article_get_priority (a), ==, p->priority);
      g_assert_cmpint (topiary_article_get_target_words (a), ==, p->words);
      g_assert_cmpuint (topiary_article_get_n_queries (a), ==, p->queries->len);
      for (guint q = 0; q < p->queries->len; q++)
        g_assert_cmpstr (queries[q], ==, g_ptr_array_index (p->queries, q));
      if (p->group < 0)
        g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
      else
        {
          g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, topiary_article_get_group_id (a), NULL);
          g_assert_cmpstr (topiary_group_get_title (group), ==,
                           ((TopiaryPlanGroup *) g_ptr_array_index (plan->groups, p->group))->title);
        }
      if (p->parent < 0)
        g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
      else
        {
          g_autoptr(TopiaryArticle) parent = topiary_project_get_article (project, topiary_article_get_parent_id (a),
                                                                          FALSE, NULL);
          g_assert_nonnull (parent);
          g_assert_cmpstr (topiary_article_get_slug (parent), ==,
                           ((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, p->parent))->slug);
        }
    }

  topiary_project_close (project);
  test_remove_tree (dir);
}

static void
add_folder (const char *folder,
            const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if ((g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".tsv")) &&
        (prefix == NULL || g_str_has_prefix (name, prefix) || g_str_has_prefix (name, "csv-")))
      g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *test = g_strconcat ("/core/import-plan/same/", n, NULL);
      char *path = g_build_filename (folder, n, NULL);

      g_test_add_data_func_full (test, path, test_same, g_free);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *maps = NULL;
  g_autofree char *data = NULL;
  int status;

  /* Before anything asks GLib for the temporary folder. */
  tmp_root = g_dir_make_tmp ("topiary-plan-test-XXXXXX", NULL);
  tmpdir = g_build_filename (tmp_root, "tmp", NULL);
  g_assert_cmpint (g_mkdir (tmpdir, 0700), ==, 0);
  g_setenv ("TMPDIR", tmpdir, TRUE);

  g_test_init (&argc, &argv, NULL);
  maps = g_test_build_filename (G_TEST_DIST, "data", "maps", NULL);
  data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  add_folder (maps, NULL);
  add_folder (data, "outline-");
  status = g_test_run ();
  test_remove_tree (tmp_root);
  return status;
}
