/* test-map-edit-import.c — importing into the open map as one undoable edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "topiary-map-edit.h"
#include "topiary-map-edit-import.h"
#include "topiary-project.h"
#include "topiary-undo-stack.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* A map with content of its own: a group with a pillar and a cluster, an
 * idea, a note and a title. */
static void
fill (TopiaryProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("strategy", "Own note", "Kept.");
  gint64 g = test_add_group (project, "Existing hub");
  const char *titles[] = { "Existing pillar", "Existing cluster", "Existing idea" };
  gint64 pillar = 0;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(TopiaryArticle) a = topiary_article_new ();

      topiary_article_set_title (a, titles[i]);
      topiary_article_set_group_id (a, i < 2 ? g : 0);
      topiary_article_set_parent_id (a, i == 1 ? pillar : 0);
      topiary_article_set_kind (a, i == 0 ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
      topiary_article_set_body (a, "Own text.");
      g_assert_true (topiary_project_add_article (project, a, &error));
      g_assert_no_error (error);
      if (i == 0)
        pillar = topiary_article_get_id (a);
    }
  g_assert_true (topiary_project_add_note (project, note, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_project_set_map_field (project, "title", "My own map", &error));
  g_assert_no_error (error);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source = data_path ("outline-selfhosting.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TopiaryEdit *edit;

  fill (f->project);
  before = test_describe_map (f->project);
  edit = topiary_map_edit_import (f->project, source, TOPIARY_IMPORT_AUTO, NULL, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  g_assert_cmpuint (report->articles, ==, 13);
  g_assert_cmpuint (report->groups, ==, 3);
  g_assert_cmpuint (report->notes, ==, 2);
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "Import");
  after = test_describe_map (f->project);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, 3 + 13);
  topiary_undo_stack_push (stack, edit);
  g_assert_cmpstr (topiary_undo_stack_get_undo_label (stack), ==, "Undo Import");

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
      g_assert_no_error (error);
      undone = test_describe_map (f->project);
      g_assert_cmpstr (undone, ==, before);
      g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
      g_assert_no_error (error);
      redone = test_describe_map (f->project);
      g_assert_cmpstr (redone, ==, after);
    }
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *undone = test_describe_map (f->project);
    g_assert_cmpstr (undone, ==, before);
  }
}

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* A failing import (into a map opened read-only) changes nothing. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source = data_path ("outline-selfhosting.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryProject) ro = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes_before = NULL;
  g_autoptr(GBytes) bytes_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fill (f->project);
  before = test_describe_map (f->project);
  topiary_project_close (f->project);
  bytes_before = file_bytes (f->path);
  ro = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_null (topiary_map_edit_import (ro, source, TOPIARY_IMPORT_AUTO, NULL, report, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  after = test_describe_map (ro);
  g_assert_cmpstr (after, ==, before);
  topiary_project_close (ro);
  bytes_after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (bytes_before, bytes_after));
}

/* An import that fails half-way (a source that is not an outline) leaves
 * the open map as it was. */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.md", NULL);

  fill (f->project);
  before = test_describe_map (f->project);
  g_assert_null (topiary_map_edit_import (f->project, missing, TOPIARY_IMPORT_OUTLINE, NULL, NULL, &error));
  g_assert_nonnull (error);
  after = test_describe_map (f->project);
  g_assert_cmpstr (after, ==, before);
}

/* The fields an import may change that test_describe_map() does not show. */
static char *
describe_fields (TopiaryProject *project,
                 const char     *slug)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_project_get_article_by_slug (project, slug, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return g_strdup_printf ("%s|%s|%s|%d|%d|%" G_GINT64_FORMAT "|%s", topiary_article_get_title (a),
                          topiary_article_get_summary (a), topiary_article_get_intent (a),
                          topiary_article_get_priority (a), topiary_article_get_target_words (a),
                          topiary_article_get_published (a), topiary_article_get_body (a));
}

/* An import that updates an article of the map (the same slug) is undone
 * to the article's old fields and text, and redone to the imported ones. */
static void
test_undo_updated (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *hub = g_build_filename (site, "content", "hub", NULL);
  g_autofree char *page = g_build_filename (hub, "renamed.md", NULL);
  g_autofree char *other = g_build_filename (hub, "new-one.md", NULL);
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  g_autoptr(TopiaryArticle) cluster = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_fields = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_fields = NULL;
  TopiaryEdit *edit;

  fill (f->project);
  cluster = topiary_project_get_article_by_slug (f->project, "existing-cluster", TRUE, &error);
  g_assert_no_error (error);
  topiary_article_set_summary (cluster, "Old summary.");
  topiary_article_set_intent (cluster, "informational");
  topiary_article_set_priority (cluster, 4);
  topiary_article_set_target_words (cluster, 900);
  g_assert_true (topiary_project_update_article (f->project, cluster, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (hub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (page,
                                      "---\ntitle: Renamed cluster\nslug: existing-cluster\n"
                                      "description: New summary.\nintent: commercial\npriority: 2\n"
                                      "target_words: 1500\nstatus: published\ndate: 2024-03-01\n---\n"
                                      "New text from the site.\n", -1, &error));
  g_assert_true (g_file_set_contents (other, "---\ntitle: A new one\n---\nNew.\n", -1, &error));
  g_assert_no_error (error);

  before = test_describe_map (f->project);
  before_fields = describe_fields (f->project, "existing-cluster");
  edit = topiary_map_edit_import (f->project, site, TOPIARY_IMPORT_HUGO, NULL, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->articles, ==, 1);
  after = test_describe_map (f->project);
  after_fields = describe_fields (f->project, "existing-cluster");
  g_assert_cmpstr (after_fields, !=, before_fields);
  g_assert_nonnull (strstr (after_fields, "Renamed cluster|New summary.|commercial|2|1500|"));
  topiary_undo_stack_push (stack, edit);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *undone_fields = NULL;
      g_autofree char *redone = NULL;
      g_autofree char *redone_fields = NULL;

      g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
      g_assert_no_error (error);
      undone = test_describe_map (f->project);
      undone_fields = describe_fields (f->project, "existing-cluster");
      g_assert_cmpstr (undone, ==, before);
      g_assert_cmpstr (undone_fields, ==, before_fields);
      g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
      g_assert_no_error (error);
      redone = test_describe_map (f->project);
      redone_fields = describe_fields (f->project, "existing-cluster");
      g_assert_cmpstr (redone, ==, after);
      g_assert_cmpstr (redone_fields, ==, after_fields);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/core/map-edit-import/" name, Fixture, data, test_project_fixture_setup, func, test_project_fixture_teardown)

  ADD ("undo-redo", test_undo_redo, NULL);
  ADD ("read-only", test_read_only, NULL);
  ADD ("missing-source", test_invalid, NULL);
  ADD ("undo-updated", test_undo_updated, NULL);

  return g_test_run ();
}
