/* test-ui-export.c — export remembers how each map was exported, and
 * "Export Again" repeats it (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "topiary-export-dialog.h"
#include "test-ui-util.h"

static GtkWindow *
shown_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TOPIARY_IS_EXPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
export_dialog_shown (gpointer data)
{
  return shown_export_dialog () != NULL;
}

static gboolean
no_export_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TOPIARY_IS_EXPORT_DIALOG (w))
        return FALSE;
    }
  return TRUE;
}

/* The row of @dialog titled @title. */
static AdwActionRow *
row_titled (GtkWindow  *dialog,
            const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return ADW_ACTION_ROW (row);
    }
}

static GtkSwitch *
drafts_switch (GtkWindow *dialog)
{
  return GTK_SWITCH (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, 0));
}

/* Exports the map as a site into @site, drafts included, through the
 * dialog (the sample has nothing published, so that is asked first). */
static void
export_site_once (const char *site)
{
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (export_dialog_shown, NULL, 10000));
  dialog = shown_export_dialog ();
  topiary_export_dialog_set_destination (TOPIARY_EXPORT_DIALOG (dialog), TOPIARY_EXPORT_SITE, site);
  gtk_switch_set_active (drafts_switch (dialog), TRUE);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Export"), "clicked");
  g_assert_true (wait_for (no_export_dialog, NULL, 30000));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
}

/* The dialog's message: the label that says "The folder …". */
static const char *
dialog_message (GtkWindow *dialog)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_LABEL, i);

      if (label == NULL)
        return NULL;
      if (gtk_widget_get_visible (label) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "The folder "))
        return gtk_label_get_text (GTK_LABEL (label));
    }
}

/* The next export starts from the last one: format, folder, options, kept
 * in the state folder (not beside the map) and across closing the map. */
static void
test_remembers (UiFixture     *f,
                gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *map_dir = g_path_get_dirname (f->sample_path);
  g_autofree char *path = g_strdup (f->sample_path);
  g_autoptr(GDir) dir = NULL;
  GtkWindow *dialog;
  const char *name;

  export_site_once (site);

  /* Closing the map keeps its state, and its export with it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  g_assert_true (topiary_window_open_path (window, path));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (export_dialog_shown, NULL, 10000));
  dialog = shown_export_dialog ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0))), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (row_titled (dialog, "Destination")), ==, site);
  g_assert_true (gtk_switch_get_active (drafts_switch (dialog)));
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "_Export")));
  gtk_window_destroy (dialog);

  /* Nothing was written beside the map. */
  dir = g_dir_open (map_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "flask-topical-map.topiary"));
}

/* Ctrl+Shift+E repeats the last export without the dialog and says where
 * it went; before any export it does nothing. */
static void
test_again (UiFixture     *f,
            gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *marker = g_build_filename (site, ".topiary-export", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Never exported: nothing to repeat, no dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-again", NULL);
  spin (200);
  g_assert_true (no_export_dialog (NULL));
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));

  export_site_once (site);
  g_assert_true (g_file_get_contents (marker, &first, NULL, NULL));

  g_usleep (1100 * 1000);  /* the marker's time stamp has seconds */
  ui_press ("ctrl+shift+e");
  g_assert_true (wait_for (window_shows_text, (gpointer) "Exported to “site”", 30000));
  g_assert_null (shown_export_dialog ());
  g_assert_true (wait_for (no_export_dialog, NULL, 30000));
  g_assert_true (g_file_get_contents (marker, &second, NULL, NULL));
  g_assert_cmpstr (first, !=, second);
}

/* The folder it went into is gone: one sentence, and the dialog to choose
 * another, with the rest of the options as they were. */
static void
test_again_folder_gone (UiFixture     *f,
                        gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *site = g_build_filename (out, "site", NULL);
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  export_site_once (site);
  test_remove_tree (out);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-again", NULL);
  g_assert_true (wait_for (export_dialog_shown, NULL, 10000));
  dialog = shown_export_dialog ();
  g_assert_cmpstr (dialog_message (dialog), ==,
                   "The folder “out” the map was last exported to is gone, so choose where it goes now.");
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "_Export")));
  g_assert_true (gtk_switch_get_active (drafts_switch (dialog)));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  gtk_window_destroy (dialog);
}

/* The folder is there but read-only (a read-only bind mount: root ignores
 * file modes): said so, and the dialog opens. */
static void
test_again_folder_read_only (UiFixture     *f,
                             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *site = g_build_filename (out, "site", NULL);
  const char *bind[] = { "mount", "--bind", out, out, NULL };
  const char *ro[] = { "mount", "-o", "remount,bind,ro", out, NULL };
  const char *umount[] = { "umount", out, NULL };
  GtkWindow *dialog;
  int status = 1;

  if (getuid () != 0)
    {
      g_test_skip ("A read-only bind mount needs root.");
      return;
    }
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  export_site_once (site);
  g_assert_true (g_spawn_sync (NULL, (char **) bind, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  if (status != 0)
    {
      g_test_skip ("No bind mount here.");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) ro, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-again", NULL);
  g_assert_true (wait_for (export_dialog_shown, NULL, 10000));
  dialog = shown_export_dialog ();
  g_spawn_sync (NULL, (char **) umount, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL);
  g_assert_cmpstr (dialog_message (dialog), ==,
                   "The folder “out” the map was last exported to cannot be written to, so choose where it goes now.");
  gtk_window_destroy (dialog);
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-export"))
    return 77;
  ui_test_add_sample ("/ui/export/remembers", test_remembers);
  ui_test_add_sample ("/ui/export/again", test_again);
  ui_test_add_sample ("/ui/export/again-folder-gone", test_again_folder_gone);
  ui_test_add_sample ("/ui/export/again-folder-read-only", test_again_folder_read_only);
  return ui_test_run ();
}
