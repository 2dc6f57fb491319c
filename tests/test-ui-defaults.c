/* test-ui-defaults.c — the first hour's rough edges (issue 14): where the
 * file choosers start, tooltips only where a title is cut off, the details of each article from the
 * top, the preview in step with the editor when it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "test-ui-util.h"
#include "topiary-export-dialog.h"
#include "topiary-map-row.h"

/* Shows the chooser the window's @action opens (or, with @button, the
 * one that button of a window of the app opens), says which folder it
 * starts in, and cancels it. */
static char *
chooser_folder (const char *action,
                const char *button)
{
  GtkWindow *dialog = NULL;
  g_autoptr(GFile) folder = NULL;

  if (action != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  if (button != NULL)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWidget *found = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (gtk_widget_get_visible (GTK_WIDGET (w)))
            found = find_button (GTK_WIDGET (w), button);
        }
      g_assert_nonnull (found);
      g_signal_emit_by_name (found, "clicked");
    }
  g_assert_true (wait_for (ui_find_file_chooser, &dialog, 10000));
  /* It was told where to start before it showed: the first folder it
   * reads is that one, never the recent files on the way. */
  g_assert_true (wait_for (ui_chooser_has_folder, dialog, 10000));
  folder = ui_chooser_dup_folder (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (200);
  return g_file_get_path (folder);
}

/* With a map open, Open, New Map, Insert Image and Import start in the
 * map's folder, and so does the export dialog's folder chooser (a dialog
 * of a dialog of the map's window). */
static void
test_chooser_in_map_folder (UiFixture     *f,
                            gconstpointer  data)
{
  g_autofree char *expected = g_path_get_dirname (f->sample_path);
  g_autofree char *open = chooser_folder ("win.open", NULL);
  g_autofree char *new_map = chooser_folder ("win.new-map", NULL);
  g_autofree char *import = chooser_folder ("win.import", NULL);
  g_autofree char *image = NULL;
  g_autofree char *export = NULL;

  g_assert_cmpstr (open, ==, expected);
  g_assert_cmpstr (new_map, ==, expected);
  g_assert_cmpstr (import, ==, expected);

  ui_open_first_pillar ();
  image = chooser_folder ("article.insert-image", NULL);
  g_assert_cmpstr (image, ==, expected);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  export = chooser_folder (NULL, "_Choose…");
  g_assert_cmpstr (export, ==, expected);
}

/* With none, in the documents folder; with no documents folder, home. */
static void
test_chooser_in_documents (UiFixture     *f,
                           gconstpointer  data)
{
  g_autofree char *documents = g_build_filename (f->dir, "Papers", NULL);
  g_autofree char *dirs = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs", NULL);
  g_autofree char *text = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  g_autofree char *open = NULL;
  g_autofree char *home = NULL;

  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (dirs, text, -1, NULL));
  g_reload_user_special_dirs_cache ();

  open = chooser_folder ("win.open", NULL);
  g_assert_cmpstr (open, ==, documents);

  /* A documents folder that is gone: home. */
  g_assert_cmpint (g_rmdir (documents), ==, 0);
  home = chooser_folder ("win.open", NULL);
  g_assert_cmpstr (home, ==, g_get_home_dir ());

  g_unlink (dirs);
  g_reload_user_special_dirs_cache ();
}

/* What hovering @row would show: TRUE for a tooltip. */
static gboolean
row_has_tooltip (GtkWidget *row)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (row, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  return shown;
}

/* The map's rows repeat their title as a tooltip only when it is cut off. */
static void
test_tooltip_only_when_cut (UiFixture     *f,
                            gconstpointer  data)
{
  guint cut = 0, whole = 0;

  spin (500);
  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_MAP_ROW, i);
      GtkWidget *title;
      gboolean ellipsized;

      if (row == NULL)
        break;
      if (!gtk_widget_get_mapped (row))
        continue;
      title = find_widget_of_type (row, GTK_TYPE_LABEL, 0);
      g_assert_nonnull (title);
      ellipsized = pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title)));
      g_test_message ("%s: %s", gtk_label_get_label (GTK_LABEL (title)), ellipsized ? "cut" : "whole");
      g_assert_cmpint (row_has_tooltip (row), ==, ellipsized);
      if (ellipsized)
        cut++;
      else
        whole++;
    }
  /* The sample has both. */
  g_assert_cmpuint (cut, >, 0);
  g_assert_cmpuint (whole, >, 0);
}

static GtkAdjustment *
details_vadjustment (void)
{
  GtkWidget *page = find_widget_of_type (GTK_WIDGET (topiary_window_get_details (window)), ADW_TYPE_PREFERENCES_PAGE, 0);
  GtkWidget *sw = page != NULL ? find_widget_of_type (page, GTK_TYPE_SCROLLED_WINDOW, 0) : NULL;

  g_assert_nonnull (sw);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
}

static gboolean
details_scrollable (gpointer data)
{
  GtkAdjustment *v = details_vadjustment ();

  return gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) > 100;
}

/* Scrolled down in one article's details, the next article's start at
 * the top. */
static void
test_details_start_at_top (UiFixture     *f,
                           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  GtkAdjustment *v;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 500);
  ui_open_first_pillar ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  g_assert_true (wait_for (details_scrollable, NULL, 5000));
  v = details_vadjustment ();
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  spin (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, 100);

  g_assert_nonnull (cluster);
  g_assert_true (topiary_window_open_article (window, topiary_article_get_id (cluster)));
  spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (details_vadjustment ()), ==, 0);
}

/* Written in the editor alone, far down; the preview then shown is
 * scrolled to where the cursor is, not at the top. */
static void
test_preview_opens_in_step (UiFixture     *f,
                            gconstpointer  data)
{
  TopiaryEditor *editor;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *scrolled = NULL;
  guint updates;

  ui_open_first_pillar ();
  editor = topiary_window_get_editor (window);
  g_object_set (window, "layout", "editor", NULL);
  spin (200);
  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (text, "Paragraph %u of a long article, with some words to fill its line.\n\n", i);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor)), text->str, -1);
  topiary_editor_set_cursor_offset (editor, text->len - 10);
  spin (200);

  updates = topiary_preview_get_n_updates (topiary_window_get_preview (window)) + 1;
  g_object_set (window, "layout", "split", NULL);
  g_assert_true (wait_for (preview_idle, &updates, 15000));
  spin (1000);
  scrolled = eval_js ("String(window.scrollY)", TOPIARY_PREVIEW_WORLD);
  g_test_message ("scrollY %s", scrolled);
  g_assert_cmpint (atoi (scrolled), >, 500);
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "test-ui-defaults"))
    return 77;

  ui_test_add_sample ("/ui/defaults/chooser-in-map-folder", test_chooser_in_map_folder);
  ui_test_add ("/ui/defaults/chooser-in-documents", test_chooser_in_documents);
  ui_test_add_sample ("/ui/defaults/tooltip-only-when-cut", test_tooltip_only_when_cut);
  ui_test_add_sample ("/ui/defaults/details-start-at-top", test_details_start_at_top);
  ui_test_add_sample ("/ui/defaults/preview-opens-in-step", test_preview_opens_in_step);
  return ui_test_run ();
}
