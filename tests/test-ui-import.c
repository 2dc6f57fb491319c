/* test-ui-import.c — the import preview: what an import will create, the
 * choices that fix a wrong reading, pasted text (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "test-util.h"
#include "topiary-import-dialog.h"
#include "topiary-window.h"

static char *tmp_home;

static char *
map_path (const char *name)
{
  return g_build_filename (g_getenv ("TOPIARY_SOURCE_ROOT"), "tests", "data", "maps", name, NULL);
}

static gpointer
child (TopiaryImportDialog *dialog,
       const char          *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), TOPIARY_TYPE_IMPORT_DIALOG, name);
}

/* The tree as shown: each group row's title, and under it its articles'. */
static char *
shown_tree (TopiaryImportDialog *dialog)
{
  GtkListBox *list = child (dialog, "tree_list");
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return g_string_free (out, FALSE);
}

/* Read (in its thread), and shown. */
static gboolean
preview_ready (gpointer data)
{
  return !topiary_import_dialog_is_reading (data);
}

static void
wait_ready (TopiaryImportDialog *dialog)
{
  g_assert_true (wait_for (preview_ready, dialog, 20000));
}

/* The drop-down of the column headed @header. */
static AdwComboRow *
column_row (TopiaryImportDialog *dialog,
            const char          *header)
{
  GtkWidget *group = child (dialog, "columns_group");

  for (GtkWidget *w = group; w != NULL;)
    {
      if (ADW_IS_COMBO_ROW (w) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), header) == 0)
        return ADW_COMBO_ROW (w);
      /* Depth first, within the group. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != group && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == group ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static void
select_name (AdwComboRow *row,
             const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no choice “%s”", name);
}

static guint
count_groups (TopiaryImportDialog *dialog)
{
  TopiaryImportPlan *plan = topiary_import_dialog_get_plan (dialog);

  g_assert_nonnull (plan);
  return plan->groups->len;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
folder_listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
on_import (TopiaryImportDialog *dialog,
           int                 *level)
{
  *level = topiary_import_dialog_get_options (dialog)->group_level;
}

static void
test_group_level (void)
{
  g_autofree char *source = map_path ("espresso-claude-yaml.md");
  g_autofree char *dir = g_path_get_dirname (source);
  g_autofree char *before = folder_listing (dir);
  g_autofree char *after = NULL;
  g_autofree char *tree = NULL;
  TopiaryImportDialog *dialog = topiary_import_dialog_new (NULL, source);
  int imported_level = -1;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_ready (dialog);
  /* As read: the three "Pillar N:" headings are the groups. */
  g_assert_cmpuint (count_groups (dialog), ==, 3);
  tree = shown_tree (dialog);
  g_assert_cmpstr (tree, ==, "Espresso Machines\nGrinders\nTechnique\n");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "import_button")));

  /* Groups are level 3 headings: the preview changes at once. */
  adw_combo_row_set_selected (child (dialog, "level_row"), 3);
  wait_ready (dialog);
  g_assert_cmpuint (count_groups (dialog), ==, 7);
  g_clear_pointer (&tree, g_free);
  tree = shown_tree (dialog);
  g_assert_true (g_str_has_prefix (tree, "Best Espresso Machines for Home (2026)\nSingle Boiler vs Dual Boiler"));

  /* Nothing was written beside the source. */
  after = folder_listing (dir);
  g_assert_cmpstr (after, ==, before);

  /* Confirming hands on the choices. */
  g_signal_connect (dialog, "import", G_CALLBACK (on_import), &imported_level);
  g_object_ref (dialog);
  g_signal_emit_by_name (child (dialog, "import_button"), "clicked");
  g_assert_cmpint (imported_level, ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_column (void)
{
  g_autofree char *source = map_path ("film-photography-keywords.md");
  TopiaryImportDialog *dialog = topiary_import_dialog_new (NULL, source);
  GtkLabel *warnings = child (dialog, "warnings_label");
  TopiaryImportPlan *plan;
  TopiaryPlanGroup *darkroom;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_ready (dialog);
  /* Read as is: "H1" gives the titles, and a warning says so. */
  g_assert_nonnull (strstr (gtk_label_get_text (warnings), "“H1” gives the titles"));
  plan = topiary_import_dialog_get_plan (dialog);
  darkroom = g_ptr_array_index (plan->groups, 2);
  g_assert_cmpstr (((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, darkroom->pillar))->title, ==,
                   "Setting Up a Bathroom Darkroom");

  /* The SEO title is the title, the H1 a note: two drop-downs. */
  select_name (column_row (dialog, "SEO title"), "Title");
  select_name (column_row (dialog, "H1"), "Note");
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  darkroom = g_ptr_array_index (plan->groups, 2);
  g_assert_cmpstr (((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, darkroom->pillar))->title, ==,
                   "How to Set Up a Darkroom in Your Bathroom (2026)");
  g_assert_null (strstr (gtk_label_get_text (warnings), "Darkroom"));

  /* Back to the reader's guess: the choice is gone, the H1 titles again. */
  select_name (column_row (dialog, "SEO title"), "Note");
  select_name (column_row (dialog, "H1"), "Title");
  wait_ready (dialog);
  g_assert_cmpuint (g_hash_table_size (topiary_import_dialog_get_options (dialog)->columns), ==, 0);
  plan = topiary_import_dialog_get_plan (dialog);
  darkroom = g_ptr_array_index (plan->groups, 2);
  g_assert_cmpstr (((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, darkroom->pillar))->title, ==,
                   "Setting Up a Bathroom Darkroom");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_pasted_text (void)
{
  static const char text[] =
    "Sure! Here is your topical map.\n\n"
    "## Pillar: Houseplant care\n\n"
    "- [x] /plants/watering — Target: \"how often to water houseplants\"\n"
    "- [ ] Repotting a monstera — P2\n";
  g_autoptr(GError) error = NULL;
  TopiaryImportDialog *dialog = topiary_import_dialog_new_for_text (NULL, text, &error);
  g_autofree char *source = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  TopiaryImportPlan *plan;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->groups->len, ==, 1);
  g_assert_cmpstr (((TopiaryPlanGroup *) g_ptr_array_index (plan->groups, 0))->title, ==, "Houseplant care");
  g_assert_cmpuint (plan->articles->len, ==, 2);
  g_assert_cmpstr (((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, 0))->title, ==,
                   "How often to water houseplants");

  /* The text lives in a private temporary file, gone with the dialog. */
  source = g_strdup (topiary_import_dialog_get_source (dialog));
  folder = g_path_get_dirname (source);
  g_assert_true (g_file_test (source, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (source, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Taken for an import, it stays until the import is done. */
  dialog = topiary_import_dialog_new_for_text (NULL, text, &error);
  g_assert_no_error (error);
  kept = topiary_import_dialog_take_temporary (dialog);
  g_assert_nonnull (kept);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_DIR));
  {
    g_autoptr(GDir) d = g_dir_open (kept, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (kept, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (kept);
}

static TopiaryWindow *window;

static gboolean
import_finished (gpointer data)
{
  return !topiary_importer_is_busy (topiary_window_get_importer (window));
}

static void
test_window_import (void)
{
  g_autofree char *source = map_path ("espresso-claude-yaml.md");
  g_autofree char *target = g_build_filename (tmp_home, "espresso.topiary", NULL);
  g_autofree char *temporary = g_build_filename (tmp_home, "pasted", NULL);
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(GListModel) groups = NULL;
  TopiaryProject *project;

  g_assert_cmpint (g_mkdir (temporary, 0700), ==, 0);
  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* The window imports with the preview's choices, then drops the paste. */
  options->group_level = 3;
  topiary_importer_import (topiary_window_get_importer (window), source, target, TOPIARY_IMPORT_AUTO, options, temporary);
  g_assert_true (wait_for (import_finished, NULL, 30000));
  project = topiary_window_get_project (window);
  g_assert_nonnull (project);
  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 7);
  g_assert_false (g_file_test (temporary, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  tmp_home = g_dir_make_tmp ("topiary-ui-import-XXXXXX", NULL);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("topiary-test-ui-import");
  if (g_getenv ("TOPIARY_SOURCE_ROOT") == NULL || !gtk_init_check ())
    {
      g_printerr ("No display or no source tree: skipping.\n");
      test_remove_tree (tmp_home);
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  g_test_add_func ("/ui/import-preview/group-level", test_group_level);
  g_test_add_func ("/ui/import-preview/column", test_column);
  g_test_add_func ("/ui/import-preview/pasted-text", test_pasted_text);
  g_test_add_func ("/ui/import-preview/window-import", test_window_import);
  status = g_test_run ();
  test_remove_tree (tmp_home);
  return status;
}
