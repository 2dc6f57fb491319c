/* test-ui-drop.c — dropping files and text on the window (issue 11)
 *
 * Each drop goes through the window's own drop target: its "drop" signal
 * with the value GTK would hand it. A dropped map opens; any other file
 * opens the import preview and writes nothing until confirmed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include "topiary-import-dialog.h"
#include "test-ui-util.h"

/* Emits the target's "drop" with @value, as GTK does once it has read it. */
static gboolean
drop_value (const GValue *value)
{
  GtkDropTarget *target = window_drop_target ();
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, 20.0, 20.0, &handled);
  spin (50);
  return handled;
}

static gboolean
drop_paths (const char * const *paths)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean handled;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  handled = drop_value (&value);
  return handled;
}

static gboolean
drop_path (const char *path)
{
  const char *paths[] = { path, NULL };

  return drop_paths (paths);
}

static TopiaryImportDialog *
shown_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TOPIARY_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TOPIARY_IMPORT_DIALOG (w);
    }
  return NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return shown_import_dialog () != NULL;
}

/* The names in @dir, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
test_drop_map (UiFixture     *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "dropped.topiary", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TopiaryProject) made = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
    g_assert_no_error (error);
  }
  g_assert_null (topiary_window_get_project (window));
  g_assert_true (drop_path (path));
  g_assert_nonnull (topiary_window_get_project (window));
  g_assert_cmpstr (topiary_project_get_path (topiary_window_get_project (window)), ==, path);
  /* A map is opened, never imported. */
  g_assert_null (shown_import_dialog ());
}

static const char outline[] =
  "# Budgeting apps\n\n"
  "## Actual Budget\n\n"
  "- Actual Budget review\n"
  "- Actual Budget vs YNAB\n\n"
  "## Spreadsheets\n\n"
  "- Budget spreadsheet template\n";

static void
test_drop_markdown (UiFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "outline.md", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryImportDialog *dialog;

  g_file_set_contents (path, outline, -1, &error);
  g_assert_no_error (error);
  before = list_dir (f->dir);

  g_assert_true (drop_path (path));
  g_assert_true (wait_for (import_dialog_shown, NULL, 5000));
  dialog = shown_import_dialog ();
  g_assert_cmpstr (topiary_import_dialog_get_source (dialog), ==, path);
  /* Nothing written, nothing opened, until the user confirms. */
  spin (200);
  after = list_dir (f->dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (topiary_window_get_project (window));
  g_assert_false (topiary_importer_is_busy (topiary_window_get_importer (window)));
}

/* Over an open map, another file still opens the preview (as a GFile). */
static void
test_drop_gfile_on_map (UiFixture     *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "outline.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, outline, -1, &error);
  g_assert_no_error (error);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_assert_true (drop_value (&value));
  g_assert_true (wait_for (import_dialog_shown, NULL, 5000));
  g_assert_cmpstr (topiary_project_get_path (topiary_window_get_project (window)), ==, f->sample_path);
}

static void
test_drop_fifo (UiFixture     *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.md", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  drop_path (path);
  g_assert_true (wait_for (window_shows_text, (gpointer) "“pipe.md” is not a file or folder Topiary can read.", 5000));
  g_assert_null (shown_import_dialog ());
  g_assert_null (topiary_window_get_project (window));
}

static void
test_drop_several (UiFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.md", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.md", NULL);
  const char *paths[] = { a, b, NULL };

  g_assert_true (g_file_set_contents (a, outline, -1, NULL));
  g_assert_true (g_file_set_contents (b, outline, -1, NULL));
  drop_paths (paths);
  g_assert_true (wait_for (window_shows_text, (gpointer) "Drop one file at a time", 5000));
  g_assert_null (shown_import_dialog ());
}

/* Text dropped on the welcome page opens the pasted-text preview. */
static void
test_drop_text (UiFixture     *f,
                gconstpointer  data)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, outline);
  g_assert_true (drop_value (&value));
  g_assert_true (wait_for (import_dialog_shown, NULL, 5000));
  g_assert_null (topiary_window_get_project (window));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-drop"))
    return 77;

  ui_test_add ("/ui/drop/map-opens", test_drop_map);
  ui_test_add ("/ui/drop/markdown-previews", test_drop_markdown);
  ui_test_add_sample ("/ui/drop/file-on-open-map-previews", test_drop_gfile_on_map);
  ui_test_add ("/ui/drop/fifo-refused", test_drop_fifo);
  ui_test_add ("/ui/drop/several-files", test_drop_several);
  ui_test_add ("/ui/drop/text-on-welcome-previews", test_drop_text);

  return ui_test_run ();
}
