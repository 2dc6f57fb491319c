/* test-ui-writers.c — one map file, several writers, no text lost
 * (issue 14)
 *
 * The window against another writer of the same file: a second
 * connection (as a second app instance has), the `topiary` command in
 * another process, a second window of this process, and another process
 * that has the map open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-application.h"
#include "topiary-sidebar.h"

static gint64
open_first_pillar (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
        {
          gint64 id = topiary_article_get_id (article);

          g_assert_true (topiary_window_open_article (window, id));
          spin (100);
          return id;
        }
    }
  g_assert_not_reached ();
}

static TopiaryProject *
other_writer (UiFixture *f)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *other = topiary_project_open (f->sample_path, TOPIARY_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return other;
}

static const char *expected_text;

static gboolean
editor_shows_expected (gpointer data)
{
  g_autofree char *text = topiary_editor_dup_text (topiary_window_get_editor (window));

  return g_strcmp0 (text, expected_text) == 0;
}

static void
test_reload_from_elsewhere (UiFixture    *f,
                            gconstpointer data)
{
  gint64 id = open_first_pillar ();
  g_autoptr(TopiaryProject) other = other_writer (f);
  g_autoptr(GError) error = NULL;

  /* The other instance saves; the window, with nothing unsaved, shows it
   * on its own, told by the file, not asked. */
  expected_text = "Rewritten in the other window.\n";
  g_assert_true (topiary_project_save_body (other, id, expected_text, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (editor_shows_expected, NULL, 5000));
  g_assert_false (topiary_editor_is_dirty (topiary_window_get_editor (window)));
  topiary_project_close (other);
}

/* The body of article @id saved by another process: this program run
 * again as a second writer (see main()), through the same core. */
static void
save_body_in_other_process (const char *path,
                            gint64      id,
                            const char *text)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *argv[] = { self, "--save-body", path, id_text, text, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (self);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The second writer failed: %s", err);
}

/* Two processes on one file: while the window has unsaved typing, another
 * process saves the same article. Neither text is lost: the window keeps
 * its own on screen and saves it, and the other's is kept as a conflict
 * revision. */
static void
test_two_processes_lose_nothing (UiFixture    *f,
                                 gconstpointer data)
{
  gint64 id = open_first_pillar ();
  TopiaryProject *project = topiary_window_get_project (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *stored = NULL;
  gboolean kept = FALSE;

  gtk_text_buffer_insert_at_cursor (buffer, "Typed in this process. ", -1);
  mine = topiary_editor_dup_text (topiary_window_get_editor (window));
  save_body_in_other_process (f->sample_path, id, "Written by the other process.\n");
  spin (600);
  {
    g_autofree char *shown = topiary_editor_dup_text (topiary_window_get_editor (window));
    g_assert_cmpstr (shown, ==, mine);
  }
  g_assert_true (topiary_window_save (window, &error));
  g_assert_no_error (error);
  stored = topiary_project_get_body (project, id, &error);
  g_assert_cmpstr (stored, ==, mine);
  revisions = topiary_project_list_revisions (project, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autofree char *body = topiary_project_get_revision_body (project, info->id, NULL);

      if (g_str_equal (info->reason, "conflict") && g_strcmp0 (body, "Written by the other process.\n") == 0)
        kept = TRUE;
    }
  g_assert_true (kept);
}

/* After a conflict was settled by the window's save, the next save from
 * the other process is shown again, as the first one would have been. */
static void
test_reload_after_conflict (UiFixture    *f,
                            gconstpointer data)
{
  gint64 id = open_first_pillar ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_insert_at_cursor (buffer, "Typed in this process. ", -1);
  save_body_in_other_process (f->sample_path, id, "Written by the other process.\n");
  spin (600);
  g_assert_true (topiary_window_save (window, &error));
  g_assert_no_error (error);
  expected_text = "Written again by the other process.\n";
  save_body_in_other_process (f->sample_path, id, expected_text);
  g_assert_true (wait_for (editor_shows_expected, NULL, 5000));
  g_assert_false (topiary_editor_is_dirty (topiary_window_get_editor (window)));
}

static void
test_conflict_keeps_both (UiFixture    *f,
                          gconstpointer data)
{
  gint64 id = open_first_pillar ();
  g_autoptr(TopiaryProject) other = other_writer (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  g_autofree char *mine = NULL;
  gboolean kept = FALSE;

  /* The writer types; before the autosave, another instance saves. */
  gtk_text_buffer_insert_at_cursor (buffer, "Typed here. ", -1);
  mine = topiary_editor_dup_text (topiary_window_get_editor (window));
  g_assert_true (topiary_project_save_body (other, id, "Their text.\n", &error));
  g_assert_no_error (error);
  spin (600);
  /* Unsaved text is never replaced by the other's. */
  {
    g_autofree char *shown = topiary_editor_dup_text (topiary_window_get_editor (window));
    g_assert_cmpstr (shown, ==, mine);
  }

  g_assert_true (topiary_window_save (window, &error));
  g_assert_no_error (error);
  article = topiary_project_get_article (other, id, TRUE, &error);
  g_assert_cmpstr (topiary_article_get_body (article), ==, mine);
  revisions = topiary_project_list_revisions (other, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autofree char *body = topiary_project_get_revision_body (other, info->id, NULL);

      if (g_str_equal (info->reason, "conflict") && g_strcmp0 (body, "Their text.\n") == 0)
        kept = TRUE;
    }
  g_assert_true (kept);
  topiary_project_close (other);
}

static gboolean
tree_has_title (gpointer data)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

  for (guint i = 0; articles != NULL && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (g_strcmp0 (topiary_article_get_title (article), data) == 0)
        return topiary_map_tree_lookup_article (tree, topiary_article_get_id (article)) != NULL;
    }
  return FALSE;
}

static void
test_cli_import_into_open_map (UiFixture    *f,
                               gconstpointer data)
{
  const char *bin = g_getenv ("TOPIARY_BIN");
  g_autofree char *csv = g_build_filename (f->dir, "more.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (bin == NULL)
    {
      g_test_skip ("TOPIARY_BIN is not set");
      return;
    }
  open_first_pillar ();
  g_assert_true (g_file_set_contents (csv, "title,group,status\nBlueprints in depth,Flask Basics,planned\n", -1, &error));
  {
    const char *argv[] = { bin, "import", csv, f->sample_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("topiary import failed: %s", err);
  /* Another process wrote: the tree shows the new article by itself. */
  g_assert_true (wait_for (tree_has_title, (gpointer) "Blueprints in depth", 5000));
}

static void
test_second_window_brings_first (UiFixture    *f,
                                 gconstpointer data)
{
  TopiaryWindow *first = window;
  TopiaryWindow *second = topiary_window_new (NULL);

  gtk_window_present (GTK_WINDOW (second));
  spin (200);
  /* The same file under another name: a link to it. */
  {
    g_autofree char *link = g_build_filename (f->dir, "same.topiary", NULL);

    g_assert_cmpint (symlink (f->sample_path, link), ==, 0);
    g_assert_true (topiary_window_open_path (second, link));
  }
  g_assert_null (topiary_window_get_project (second));
  g_assert_nonnull (topiary_window_get_project (first));
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_open_elsewhere_asks (UiFixture    *f,
                          gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "shared.topiary", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  GtkWindow *dialog = NULL;
  TopiaryProject *before = topiary_window_get_project (window);

  /* Another process makes a whole copy of the map (nothing left in a
   * write-ahead log) and holds it open, as Topiary does. */
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "python3", "-c",
                             "import fcntl, os, sqlite3, struct, sys\n"
                             "src = sqlite3.connect(sys.argv[2]); dst = sqlite3.connect(sys.argv[1])\n"
                             "src.backup(dst); dst.close(); src.close()\n"
                             "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                             "fcntl.fcntl(fd, 37, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 1 << 40, 1, 0))\n"
                             "print('held', flush=True)\n"
                             "sys.stdin.read()\n", copy, f->sample_path, NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
    g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

    g_assert_cmpstr (line, ==, "held");
  }

  /* Not opened behind the user's back; the open map stays open. */
  g_assert_false (topiary_window_open_path (window, copy));
  g_assert_true (topiary_window_get_project (window) == before);
  g_assert_true (wait_for (find_message_dialog, &dialog, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Map Already Open");

  /* Read-only, as the dialog suggests. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "read-only");
  spin (200);
  g_assert_nonnull (topiary_window_get_project (window));
  g_assert_true (topiary_window_get_project (window) != before);
  g_assert_true (topiary_project_is_read_only (topiary_window_get_project (window)));

  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait (holder, NULL, NULL);
}

static gboolean
n_map_windows_is (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TOPIARY_IS_WINDOW (w) && topiary_window_get_project (TOPIARY_WINDOW (w)) != NULL)
        n++;
    }
  return n == GPOINTER_TO_UINT (data);
}

static void
test_open_in_new_window (UiFixture    *f,
                         gconstpointer data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "second.topiary", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryProject *first = topiary_window_get_project (window);

  {
    g_autoptr(TopiaryProject) made = topiary_project_open (other_path, TOPIARY_OPEN_CREATE, &error);
    g_assert_no_error (error);
    topiary_project_close (made);
  }

  /* File → Open in New Window: the chosen map opens beside this one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-new-window", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (other_path);

    ui_pick_file (file);
  }
  g_assert_true (wait_for (n_map_windows_is, GUINT_TO_POINTER (2), 5000));
  g_assert_true (topiary_window_get_project (window) == first);
  g_assert_nonnull (topiary_window_find_showing (other_path));
  g_assert_true (topiary_window_find_showing (other_path) != window);
}

/* A map opened from the file manager (GApplication::open) while a map is
 * open: it opens in a new window, and the map open stays open. */
static void
test_open_from_file_manager (UiFixture    *f,
                             gconstpointer data)
{
  g_autoptr(TopiaryApplication) app = topiary_application_new ();
  g_autofree char *other_path = g_build_filename (f->dir, "other.topiary", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (other_path);
  TopiaryProject *first = topiary_window_get_project (window);

  {
    g_autoptr(TopiaryProject) made = topiary_project_open (other_path, TOPIARY_OPEN_CREATE, &error);

    g_assert_no_error (error);
    topiary_project_close (made);
  }
  /* This process is the app, without a name on the bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  gtk_application_add_window (GTK_APPLICATION (app), GTK_WINDOW (window));

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_true (wait_for (n_map_windows_is, GUINT_TO_POINTER (2), 5000));
  g_assert_true (topiary_window_get_project (window) == first);
  g_assert_nonnull (topiary_window_find_showing (other_path));
  g_assert_true (topiary_window_find_showing (other_path) != window);

  /* The same file again: that window comes forward, no third one. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  spin (200);
  g_assert_true (n_map_windows_is (GUINT_TO_POINTER (2)));
}

int
main (int    argc,
      char **argv)
{
  /* Run again as the second writer of save_body_in_other_process(). */
  if (argc == 5 && g_str_equal (argv[1], "--save-body"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TopiaryProject) other = topiary_project_open (argv[2], TOPIARY_OPEN_DEFAULT, &error);

      if (other == NULL || !topiary_project_save_body (other, g_ascii_strtoll (argv[3], NULL, 10), argv[4], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      topiary_project_close (other);
      return 0;
    }
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-writers"))
    return 77;
  ui_test_add_sample ("/ui/writers/reload-from-elsewhere", test_reload_from_elsewhere);
  ui_test_add_sample ("/ui/writers/conflict-keeps-both", test_conflict_keeps_both);
  ui_test_add_sample ("/ui/writers/two-processes-lose-nothing", test_two_processes_lose_nothing);
  ui_test_add_sample ("/ui/writers/reload-after-conflict", test_reload_after_conflict);
  ui_test_add_sample ("/ui/writers/cli-import-into-open-map", test_cli_import_into_open_map);
  ui_test_add_sample ("/ui/writers/second-window-brings-first", test_second_window_brings_first);
  ui_test_add_sample ("/ui/writers/open-elsewhere-asks", test_open_elsewhere_asks);
  ui_test_add_sample ("/ui/writers/open-in-new-window", test_open_in_new_window);
  ui_test_add_sample ("/ui/writers/open-from-file-manager", test_open_from_file_manager);
  return ui_test_run ();
}
