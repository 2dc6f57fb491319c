/* test-ui-import-columns.c — the import preview's choices for a table
 * document: one drop-down per column of its article table, preset to the
 * reader's guess, and a reading that never blocks the window (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-import-dialog.h"
#include "topiary-importer.h"

static gpointer
child (TopiaryImportDialog *dialog,
       const char          *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (dialog), TOPIARY_TYPE_IMPORT_DIALOG, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
spinner_spins (TopiaryImportDialog *dialog)
{
  GtkSpinner *spinner = child (dialog, "spinner");

  return gtk_widget_get_visible (GTK_WIDGET (spinner)) && gtk_spinner_get_spinning (spinner);
}

/* Read, shown, and no reading waiting. */
static gboolean
preview_ready (gpointer data)
{
  TopiaryImportDialog *dialog = data;

  return topiary_import_dialog_get_plan (dialog) != NULL && !spinner_spins (dialog);
}

static void
wait_ready (TopiaryImportDialog *dialog)
{
  g_assert_true (wait_for (preview_ready, dialog, 20000));
}

/* The tree as shown: each group row, and under it its articles' titles. */
static char *
shown_tree (TopiaryImportDialog *dialog)
{
  GtkWidget *list = child (dialog, "tree_list");
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      if (ADW_IS_EXPANDER_ROW (row))
        {
          GtkWidget *inner;

          /* The rows added, in the list the expander reveals (its header is in another). */
          for (guint i = 0; (inner = find_widget_of_type (row, GTK_TYPE_LIST_BOX, i)) != NULL; i++)
            if (gtk_widget_get_ancestor (inner, GTK_TYPE_REVEALER) != NULL)
              for (GtkWidget *a = gtk_widget_get_first_child (inner); a != NULL; a = gtk_widget_get_next_sibling (a))
                if (ADW_IS_PREFERENCES_ROW (a))
                  g_string_append_printf (out, "  %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (a)));
        }
    }
  return g_string_free (out, FALSE);
}

/* The drop-down of the column headed @header. */
static AdwComboRow *
column_row (TopiaryImportDialog *dialog,
            const char          *header)
{
  GtkWidget *group = child (dialog, "columns_group");

  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (group, ADW_TYPE_COMBO_ROW, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), header) == 0)
        return ADW_COMBO_ROW (row);
    }
}

static char *
selected_name (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, adw_combo_row_get_selected (row));

  return g_strdup (gtk_string_object_get_string (item));
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

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("TOPIARY_SOURCE_ROOT"), "tests", "data", "import-columns", name, NULL);
}

static char *
group_articles (TopiaryProject *project,
                const char     *title)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (topiary_group_get_title (group), title) != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (articles); j++)
        {
          g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, j);

          if (topiary_article_get_group_id (a) != topiary_group_get_id (group))
            continue;
          g_string_append_printf (out, "%s%s\n", topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR ? "■ " : "· ",
                                  topiary_article_get_title (a));
        }
    }
  return g_string_free (out, FALSE);
}

/* The group level and a column's reading, changed in the preview, give the
 * tree shown and the map imported. */
static void
test_level_and_column (UiFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *source = data_path ("garden-tables.md");
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryImportDialog *dialog;
  AdwComboRow *title_row;
  g_autofree char *tree = NULL;
  g_autofree char *name = NULL;
  g_autofree char *spades = NULL;
  g_autofree char *secateurs = NULL;
  TopiaryImportPlan *plan;

  dialog = topiary_importer_preview (topiary_window_get_importer (window), source);
  wait_ready (dialog);

  /* As read: the level-2 headings are the groups, "Title" gives the titles. */
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->groups->len, ==, 2);
  g_assert_cmpuint (plan->articles->len, ==, 5);
  tree = shown_tree (dialog);
  g_assert_cmpstr (tree, ==,
                   "Digging\n"
                   "  ■ Best Garden Spades\n  · How to Sharpen a Spade\n  · Digging Fork vs Spade\n"
                   "Cutting\n"
                   "  ■ Best Secateurs for Roses\n  · How to Clean Secateurs\n"
                   "Notes\n"
                   "  Internal linking plan\n");

  /* One drop-down per column, each preset to the reader's guess. */
  g_assert_true (gtk_widget_get_visible (child (dialog, "columns_group")));
  title_row = column_row (dialog, "Title");
  g_assert_nonnull (title_row);
  name = selected_name (title_row);
  g_assert_cmpstr (name, ==, "Title");
  g_clear_pointer (&name, g_free);
  name = selected_name (column_row (dialog, "Keyword"));
  g_assert_cmpstr (name, ==, "Primary query");
  g_clear_pointer (&name, g_free);
  name = selected_name (column_row (dialog, "Vol"));
  g_assert_cmpstr (name, ==, "Note");
  g_clear_pointer (&name, g_free);
  name = selected_name (column_row (dialog, "SEO title"));
  g_assert_cmpstr (name, ==, "Note");
  g_assert_null (column_row (dialog, "From"));

  /* Groups are the level-3 headings. */
  adw_combo_row_set_selected (child (dialog, "level_row"), 3);
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->groups->len, ==, 3);
  g_clear_pointer (&tree, g_free);
  tree = shown_tree (dialog);
  g_assert_cmpstr (tree, ==,
                   "Spades\n"
                   "  ■ Best Garden Spades\n  · How to Sharpen a Spade\n"
                   "Forks\n"
                   "  ■ Digging Fork vs Spade\n"
                   "Secateurs\n"
                   "  ■ Best Secateurs for Roses\n  · How to Clean Secateurs\n"
                   "Notes\n"
                   "  Internal linking plan\n");

  /* The "Title" column is a note: the titles are made from the keyword. */
  select_name (title_row, "Note");
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->groups->len, ==, 3);
  g_assert_cmpuint (plan->articles->len, ==, 5);
  g_clear_pointer (&tree, g_free);
  tree = shown_tree (dialog);
  g_assert_cmpstr (tree, ==,
                   "Spades\n"
                   "  ■ Best garden spade\n  · Sharpen a spade\n"
                   "Forks\n"
                   "  ■ Digging fork vs spade\n"
                   "Secateurs\n"
                   "  ■ Best secateurs\n  · Clean secateurs\n"
                   "Notes\n"
                   "  Internal linking plan\n");
  /* The drop-downs stay, with the choice made. */
  g_assert_true (column_row (dialog, "Title") == title_row);
  g_clear_pointer (&name, g_free);
  name = selected_name (title_row);
  g_assert_cmpstr (name, ==, "Note");

  /* Confirmed: the open map gets that tree. */
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "add_button")));
  g_signal_emit_by_name (child (dialog, "add_button"), "clicked");
  spades = group_articles (project, "Spades");
  g_assert_cmpstr (spades, ==, "■ Best garden spade\n· Sharpen a spade\n");
  secateurs = group_articles (project, "Secateurs");
  g_assert_cmpstr (secateurs, ==, "■ Best secateurs\n· Clean secateurs\n");
}

/* Choices changed faster than the reading: the last one wins. */
static void
test_quick_changes (UiFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *source = data_path ("garden-tables.md");
  TopiaryImportDialog *dialog = topiary_import_dialog_new (GTK_WINDOW (window), source);
  GtkWidget *level = child (dialog, "level_row");
  TopiaryImportPlan *plan;

  gtk_window_present (GTK_WINDOW (dialog));
  for (guint i = 0; i < 7; i++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (level), i % 4);
  adw_combo_row_set_selected (ADW_COMBO_ROW (level), 3);
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->groups->len, ==, 3);
  g_assert_cmpint (topiary_import_dialog_get_options (dialog)->group_level, ==, 3);
  /* Closed while reading: the late result finds no dialog. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (level), 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (300);
}

static guint ticks;

static gboolean
count_tick (gpointer data)
{
  ticks++;
  return G_SOURCE_CONTINUE;
}

/* Runs in the main loop before any source of default priority, such as
 * the reading's result: whatever its speed, the result is not shown yet. */
static gboolean
first_iteration (gpointer data)
{
  TopiaryImportDialog *dialog = data;

  g_assert_null (topiary_import_dialog_get_plan (dialog));
  g_assert_true (spinner_spins (dialog));
  ticks++;
  return G_SOURCE_REMOVE;
}

/* A 10,000-row CSV is read beside the window: the dialog shows at once,
 * with a spinner, and the main loop runs while it is read. */
static void
test_large_csv (UiFixture     *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Title,Slug,Keyword,Group,Intent,Status,Volume\n");
  g_autoptr(GError) error = NULL;
  TopiaryImportDialog *dialog;
  TopiaryImportPlan *plan;
  gint64 start, took;
  guint tick;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "Article number %u,article-%u,keyword %u,Group %u,informational,planned,%u\n",
                            i, i, i, i % 40, i * 3);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  dialog = topiary_import_dialog_new (GTK_WINDOW (window), path);
  took = g_get_monotonic_time () - start;
  gtk_window_present (GTK_WINDOW (dialog));
  g_test_message ("the dialog took %" G_GINT64_FORMAT " ms to open", took / 1000);
  /* Nothing read yet: the reading runs in another thread. */
  g_assert_null (topiary_import_dialog_get_plan (dialog));
  g_assert_true (spinner_spins (dialog));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));

  /* The main loop runs before the result is shown. */
  ticks = 0;
  g_idle_add_full (G_PRIORITY_HIGH, first_iteration, dialog, NULL);
  while (ticks == 0)
    g_main_context_iteration (NULL, TRUE);

  ticks = 0;
  start = g_get_monotonic_time ();
  tick = g_timeout_add (1, count_tick, NULL);
  wait_ready (dialog);
  g_source_remove (tick);
  g_test_message ("%u ticks of the main loop in the %" G_GINT64_FORMAT " ms the reading took after that",
                  ticks, (g_get_monotonic_time () - start) / 1000);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->articles->len, ==, 10000);
  g_assert_cmpuint (plan->groups->len, ==, 40);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "import_button")));
  /* A drop-down for each column of the CSV file. */
  g_assert_true (gtk_widget_get_visible (child (dialog, "columns_group")));
  g_assert_nonnull (column_row (dialog, "Slug"));
  g_assert_nonnull (column_row (dialog, "Volume"));

  /* The tree shown stays small enough to draw at once: its groups are
   * closed (building and laying out 200 article rows took over a second). */
  start = g_get_monotonic_time ();
  spin (100);
  took = g_get_monotonic_time () - start;
  g_test_message ("the first frames took %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, G_USEC_PER_SEC);

  /* A group opened shows its first 100 articles, and how many more. */
  {
    GtkWidget *first = gtk_widget_get_first_child (child (dialog, "tree_list"));
    g_autofree char *tree = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (first)));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (first), TRUE);
    spin (50);
    tree = shown_tree (dialog);
    lines = g_strsplit (tree, "\n", -1);
    g_assert_cmpstr (lines[0], ==, "Group 0");
    g_assert_cmpstr (lines[1], ==, "  ■ Article number 0");
    g_assert_cmpstr (lines[2], ==, "  · Article number 40");
    g_assert_cmpstr (lines[101], ==, "  … and 150 more articles");
    g_assert_cmpstr (lines[102], ==, "Group 1");
  }

  /* The "Group" column ignored: read again beside the window, no groups. */
  select_name (column_row (dialog, "Group"), "Ignore");
  g_assert_true (spinner_spins (dialog));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));
  wait_ready (dialog);
  plan = topiary_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->groups->len, ==, 0);
  g_assert_cmpuint (plan->articles->len, ==, 10000);
  g_assert_cmpuint (topiary_import_plan_count_ideas (plan), ==, 10000);
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-import-columns"))
    return 77;

  ui_test_add_sample ("/ui/import-columns/level-and-column", test_level_and_column);
  ui_test_add ("/ui/import-columns/quick-changes", test_quick_changes);
  ui_test_add ("/ui/import-columns/large-csv", test_large_csv);
  return ui_test_run ();
}
