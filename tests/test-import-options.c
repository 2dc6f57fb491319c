/* test-import-options.c — the choices that fix a wrong reading (issue 11)
 *
 * The heading level that names the groups, the field a table column holds,
 * and whether list items are ideas: read into a plan (what the preview and
 * --dry-run show) and imported with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-import-plan.h"

static char *
map_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "maps", name, NULL);
}

static TopiaryImportPlan *
read_plan (const char                 *name,
           const TopiaryImportOptions *options,
           TopiaryImportReport        *report)
{
  g_autofree char *path = map_path (name);
  g_autoptr(GError) error = NULL;
  TopiaryImportPlan *plan = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, options, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static TopiaryPlanArticle *
article (TopiaryImportPlan *plan,
         const char        *slug)
{
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
      if (g_strcmp0 (a->slug, slug) == 0)
        return a;
    }
  g_error ("no article %s in the plan", slug);
  return NULL;
}

static void
test_group_level (void)
{
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryImportPlan) as_read = read_plan ("espresso-claude-yaml.md", NULL, NULL);
  g_autoptr(TopiaryImportPlan) plan = NULL;

  /* As read: the "## Pillar 1: …" headings are the 3 groups. */
  g_assert_cmpuint (as_read->groups->len, ==, 3);

  /* Level 3: every article heading is a group, and its pillar. */
  options->group_level = 3;
  plan = read_plan ("espresso-claude-yaml.md", options, report);
  g_assert_cmpuint (plan->groups->len, ==, 7);
  g_assert_cmpuint (plan->articles->len, ==, 7);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);
      TopiaryPlanArticle *pillar = g_ptr_array_index (plan->articles, group->pillar);

      g_assert_cmpstr (group->title, ==, pillar->title);
      g_assert_cmpint (pillar->kind, ==, TOPIARY_KIND_PILLAR);
      g_assert_cmpint (pillar->group, ==, (int) g);
    }
  /* The fields still belong to their article. */
  g_assert_cmpstr (g_ptr_array_index (article (plan, "flat-vs-conical-burrs")->queries, 0), ==, "flat vs conical burr");
  g_assert_cmpint (article (plan, "dial-in-espresso")->status, ==, TOPIARY_STATUS_PUBLISHED);
}

static void
test_column (void)
{
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;
  TopiaryPlanArticle *a;

  /* Read as is, "H1" gives the titles (with a warning). Swapped: */
  topiary_import_options_set_column (options, "seo TITLE", TOPIARY_FIELD_TITLE);
  topiary_import_options_set_column (options, "H1", TOPIARY_FIELD_UNKNOWN);
  plan = read_plan ("film-photography-keywords.md", options, report);
  a = article (plan, "how-to-set-up-a-darkroom-in-your-bathroom-2026");
  g_assert_cmpstr (a->title, ==, "How to Set Up a Darkroom in Your Bathroom (2026)");
  g_assert_cmpstr (a->summary, ==, "H1: Setting Up a Bathroom Darkroom");
  g_assert_cmpstr (g_ptr_array_index (a->queries, 0), ==, "bathroom darkroom");
  /* Only the two keyword tables still warn; the darkroom table is settled. */
  g_assert_cmpuint (report->warnings->len, ==, 2);
  for (guint i = 0; i < report->warnings->len; i++)
    g_assert_null (strstr (g_ptr_array_index (report->warnings, i), "Darkroom"));

  /* A keyword column read as the title: no warning for that table. */
  {
    g_autoptr(TopiaryImportOptions) keyword = topiary_import_options_new ();
    g_autoptr(TopiaryImportReport) r2 = topiary_import_report_new ();
    g_autoptr(TopiaryImportPlan) p2 = NULL;

    topiary_import_options_set_column (keyword, "Keyword", TOPIARY_FIELD_TITLE);
    p2 = read_plan ("film-photography-keywords.md", keyword, r2);
    g_assert_cmpstr (article (p2, "c41-vs-e6")->title, ==, "c41 vs e6");
    g_assert_cmpuint (article (p2, "c41-vs-e6")->queries->len, ==, 0);
  }
}

static void
test_items_are_ideas (void)
{
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;

  options->items_are_ideas = TRUE;
  plan = read_plan ("selfhosting-checklist.md", options, NULL);
  g_assert_cmpuint (plan->articles->len, ==, 7);
  g_assert_cmpuint (topiary_import_plan_count_ideas (plan), ==, 7);
  /* A ticked idea is still published. */
  g_assert_cmpint (article (plan, "immich")->status, ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpint (article (plan, "firefly-iii")->status, ==, TOPIARY_STATUS_PLANNED);
}

static void
test_import_with_options (void)
{
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("topiary-options-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  g_autofree char *source = map_path ("espresso-claude-yaml.md");
  g_autoptr(GListModel) groups = NULL;

  options->group_level = 3;
  project = topiary_import_new_project_full (path, source, TOPIARY_IMPORT_AUTO, options, report,
                                             NULL, NULL, &error);
  g_assert_no_error (error);
  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 7);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 7);
  topiary_project_close (project);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/import-options/group-level", test_group_level);
  g_test_add_func ("/core/import-options/column", test_column);
  g_test_add_func ("/core/import-options/items-are-ideas", test_items_are_ideas);
  g_test_add_func ("/core/import-options/import", test_import_with_options);
  return g_test_run ();
}
