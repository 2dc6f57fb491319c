/* test-ui-files.c — project files from the window, under Xvfb: export, open errors, import, new maps, and kill -9 while typing
 *
 * Each case gets a fresh window (and, most of them, a fresh copy of the
 * sample map) from test-ui-util.h, so one failing case leaves the others
 * their own state. Without a display the program exits with 77, which
 * meson reports as skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include "topiary-export-dialog.h"
#include "test-ui-util.h"

static gboolean
find_export_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (TOPIARY_IS_EXPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          if (data != NULL)
            *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
no_replaced_export (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".site.topiary-"))
      return FALSE;
  return TRUE;
}

static gboolean
export_dialog_gone (gpointer data)
{
  return !find_export_dialog (NULL);
}

static gboolean
find_question (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow **found = data;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == found[1])
        {
          found[0] = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* Answers the export dialog's "Nothing Published Yet" with @response. */
static void
answer_nothing_published (GtkWindow  *export_dialog,
                          const char *response)
{
  GtkWindow *found[2] = { NULL, export_dialog };

  g_assert_true (wait_for (find_question, found, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (found[0])), ==, "Nothing Published Yet");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (found[0]), response);
}

/* Clicks Export in a dialog set to @format and @path; while the export
 * runs the dialog shows its progress and takes no second click. */
static void
export_through_dialog (TopiaryExportFormat format,
                       const char         *path)
{
  GtkWindow *dialog = NULL;
  GtkWidget *button;
  gboolean asks;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (find_export_dialog, &dialog, 10000));
  topiary_export_dialog_set_destination (TOPIARY_EXPORT_DIALOG (dialog), format, path);
  /* The dialog starts as the map was last exported: once the drafts were
   * included, it does not ask again. */
  asks = format == TOPIARY_EXPORT_SITE &&
         !gtk_switch_get_active (GTK_SWITCH (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, 0)));
  if (format == TOPIARY_EXPORT_SITE)
    shot ("export.png");
  button = find_button (GTK_WIDGET (dialog), "_Export");
  g_signal_emit_by_name (button, "clicked");
  /* The sample has nothing published: the site would be empty, so the
   * dialog asks first; with the drafts it goes on. */
  if (asks)
    answer_nothing_published (dialog, "drafts");
  /* The worker cannot have reported back: that needs the main loop. */
  g_assert_true (gtk_widget_get_visible (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0)));
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_window_close (dialog);
  g_assert_true (find_export_dialog (NULL));
  g_assert_true (wait_for (export_dialog_gone, NULL, 20000));
}

static void
test_export (UiFixture     *f,
             gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *marker = g_build_filename (site, ".topiary-export", NULL);
  g_autofree char *json = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *first_marker = NULL;
  g_autofree char *second_marker = NULL;

  /* The website, through the dialog's own Export button. */
  export_through_dialog (TOPIARY_EXPORT_SITE, site);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (marker, &first_marker, NULL, NULL));

  /* Again into the same folder: the new export takes its place and the
   * one it replaced is deleted afterwards, leaving nothing beside it. */
  g_usleep (1100 * 1000);  /* the marker's time stamp has seconds */
  export_through_dialog (TOPIARY_EXPORT_SITE, site);
  g_assert_true (g_file_get_contents (marker, &second_marker, NULL, NULL));
  g_assert_cmpstr (first_marker, !=, second_marker);
  g_assert_true (wait_for (no_replaced_export, f->dir, 20000));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  /* A file format goes to a file. */
  export_through_dialog (TOPIARY_EXPORT_JSON, json);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
}

static void
test_export_nothing_published (UiFixture     *f,
                               gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "empty-site", NULL);
  GtkWindow *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (find_export_dialog, &dialog, 10000));
  topiary_export_dialog_set_destination (TOPIARY_EXPORT_DIALOG (dialog), TOPIARY_EXPORT_SITE, site);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Export"), "clicked");
  /* Cancelled: nothing written, the dialog stays to change the options. */
  answer_nothing_published (dialog, "cancel");
  spin (300);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
  g_assert_true (find_export_dialog (NULL));
  gtk_window_destroy (dialog);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
expect_open_error (const char *path,
                   const char *heading)
{
  TopiaryProject *before = topiary_window_get_project (window);
  g_autofree char *digest = file_digest (path);
  g_autofree char *digest_after = NULL;
  g_autofree char *shown = NULL;

  g_assert_false (topiary_window_open_path (window, path));
  shown = close_message_dialog ();
  g_assert_cmpstr (shown, ==, heading);
  /* Nothing changed: same project, same bytes in the bad file. */
  g_assert_true (topiary_window_get_project (window) == before);
  digest_after = file_digest (path);
  g_assert_cmpstr (digest, ==, digest_after);
}

static void
test_open_errors (UiFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.topiary", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.topiary", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.topiary", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is not a database, only text\n", -1, NULL));
  expect_open_error (garbage, "Not a Topiary Project");

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1416655481; PRAGMA user_version = 99;"
                                     "CREATE TABLE map (id INTEGER);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (newer, "Project From a Newer Topiary");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (foreign, "Not a Topiary Project");
}

static gboolean
import_finished (gpointer data)
{
  return !topiary_importer_is_busy (topiary_window_get_importer (window));
}

static void
test_import (UiFixture     *f,
             gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (g_getenv ("TOPIARY_SOURCE_ROOT"), "data", "samples",
                                            "flask-topical-map.txt", NULL);
  g_autofree char *target = g_build_filename (f->dir, "imported.topiary", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.txt", NULL);
  g_autofree char *empty_target = g_build_filename (f->dir, "empty.topiary", NULL);
  g_autofree char *heading = NULL;
  TopiaryProject *project;

  if (g_getenv ("TOPIARY_SOURCE_ROOT") == NULL)
    {
      g_test_skip ("TOPIARY_SOURCE_ROOT is not set");
      return;
    }

  topiary_importer_import (topiary_window_get_importer (window), seed, target, TOPIARY_IMPORT_AUTO, NULL, NULL);
  g_assert_true (topiary_importer_is_busy (topiary_window_get_importer (window)));
  g_assert_true (wait_for (import_finished, NULL, 30000));
  project = topiary_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (topiary_project_get_path (project), ==, target);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 133);

  /* Nothing to import: a dialog, no project file left behind. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  topiary_importer_import (topiary_window_get_importer (window), empty, empty_target, TOPIARY_IMPORT_AUTO, NULL, NULL);
  g_assert_true (wait_for (import_finished, NULL, 30000));
  heading = close_message_dialog ();
  g_assert_cmpstr (heading, ==, "Could Not Import");
  g_assert_false (g_file_test (empty_target, G_FILE_TEST_EXISTS));
  g_assert_true (topiary_window_get_project (window) == project);
}

static void
test_new_map (UiFixture     *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "My map", NULL);
  g_autofree char *file = g_build_filename (f->dir, "My map.topiary", NULL);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  TopiaryProject *project;
  TopiaryStats stats = { 0 };

  g_assert_true (topiary_window_create_map (window, path));
  project = topiary_window_get_project (window);
  g_assert_cmpstr (topiary_project_get_path (project), ==, file);
  title = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (title, ==, "My map");
  topiary_project_get_stats (project, &stats, NULL);
  g_assert_cmpuint (stats.articles, ==, 0);

  /* Never over an existing file. */
  g_assert_false (topiary_window_create_map (window, file));
  heading = close_message_dialog ();
  g_assert_cmpstr (heading, ==, "File Already Exists");
  g_assert_true (topiary_window_get_project (window) == project);

  /* An empty map still takes a first group and article. */
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-group", NULL);
  answer_name_dialog ("Getting started");
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  answer_name_dialog ("First steps");
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 1);
  g_assert_cmpint (topiary_editor_get_article_id (topiary_window_get_editor (window)), !=, 0);
}

/* ---- kill -9 while typing ---- */

/* The child: opens @path, types into the article, reports, then waits
 * to be killed. */
static int
run_typing_child (const char *path,
                  gint64      article_id)
{
  TopiaryEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path) || !topiary_window_open_article (window, article_id))
    return 1;
  editor = topiary_window_get_editor (window);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  for (guint i = 0; i < 200; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, i % 10 == 9 ? " word\n" : " word", -1);
      spin (2);
    }
  {
    g_autofree char *text = topiary_editor_dup_text (editor);
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
    g_print ("TYPED %s\n", sum);
  }
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static GtkWidget *
find_widget_with_target (GtkWidget  *root,
                         const char *path)
{
  if (GTK_IS_ACTIONABLE (root) && gtk_widget_get_mapped (root))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));
      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (target, NULL), path) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_target (child, path);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The child for the steady-typing case: one word every 15 ms for up to
 * 10 s, reporting "AT <monotonic µs> <words typed>" after each. */
static int
run_steady_typing_child (const char *path,
                         gint64      article_id)
{
  TopiaryEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path) || !topiary_window_open_article (window, article_id))
    return 1;
  editor = topiary_window_get_editor (window);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_print ("READY\n");
  for (guint i = 1; i <= 600; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "word ", -1);
      g_print ("AT %" G_GINT64_FORMAT " %u\n", g_get_monotonic_time (), i);
      spin (15);
    }
  return 0;
}

/* Typing that never pauses still reaches the file within a second. */
static void
test_kill_during_steady_typing (UiFixture     *f,
                                gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 5), TOPIARY_KIND_CLUSTER, 2);
  g_autoptr(TopiaryArticle) initial = topiary_project_get_article (project, topiary_article_get_id (target), TRUE, NULL);
  g_autofree char *before = g_strdup (topiary_article_get_body (initial));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, topiary_article_get_id (target));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--steady-typing-child", f->sample_path, id, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TopiaryProject) reopened = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  gint64 start = 0, killed = 0;
  guint must_have = 0, saved_words;
  const char *body;
  char *line;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      gint64 at;

      if (g_str_equal (line, "READY"))
        start = g_get_monotonic_time ();
      else if (sscanf (line, "AT %" G_GINT64_FORMAT, &at) == 1)
        g_array_append_val (times, at);
      g_free (line);
      /* Kill mid-typing, once enough words are older than a second (or
       * give up waiting on a machine too slow to type). */
      if (killed == 0 && start != 0 &&
          ((times->len >= 30 && g_get_monotonic_time () - start > 2500 * 1000 &&
            g_get_monotonic_time () - g_array_index (times, gint64, 0) > 1200 * 1000) ||
           g_get_monotonic_time () - start > 20 * G_USEC_PER_SEC))
        {
          killed = g_get_monotonic_time ();
          g_subprocess_send_signal (child, SIGKILL);
        }
    }
  g_subprocess_wait (child, NULL, NULL);
  g_assert_cmpint (killed, >, 0);
  if (times->len < 30)
    {
      /* Under a sanitizer or heavy load the timing says nothing. */
      g_test_skip ("the child typed too slowly to judge a one-second guarantee");
      return;
    }

  /* Every word typed more than a second before the kill is in the file. */
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) <= killed - 1000 * 1000)
      must_have = i + 1;
  g_assert_cmpuint (must_have, >, 0);

  reopened = topiary_project_open (f->sample_path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (reopened, topiary_article_get_id (target), TRUE, &error);
  g_assert_no_error (error);
  body = topiary_article_get_body (article);
  g_assert_true (g_str_has_prefix (body, before ? before : ""));
  body += before ? strlen (before) : 0;
  g_assert_cmpuint (strlen (body) % 5, ==, 0);
  saved_words = strlen (body) / 5;
  for (guint i = 0; i < saved_words; i++)
    g_assert_true (strncmp (body + 5 * i, "word ", 5) == 0);
  g_test_message ("typed %u words, %u were due on disk, %u were", times->len, must_have, saved_words);
  g_assert_cmpuint (saved_words, >=, must_have);
}

static void
test_kill_while_typing (UiFixture     *f,
                        gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  const char *path = f->sample_path;
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 4), TOPIARY_KIND_PILLAR, 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, topiary_article_get_id (target));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--typing-child", path, id, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(TopiaryProject) reopened = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autofree char *sum = NULL;

  /* Our window lets go of the file first, as a second app instance would
   * find it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  g_assert_null (topiary_window_get_project (window));
  /* The welcome screen offers it again. */
  g_assert_nonnull (find_widget_with_target (GTK_WIDGET (window), path));
  shot ("welcome.png");

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "TYPED "));

  g_usleep (1500 * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);

  reopened = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (reopened, topiary_article_get_id (target), TRUE, &error);
  g_assert_no_error (error);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, topiary_article_get_body (article), -1);
  g_assert_cmpstr (sum, ==, line + strlen ("TYPED "));
}

int
main (int    argc,
      char **argv)
{
  /* The children the kill cases start: this program again, typing. */
  if (argc == 4 && (g_str_equal (argv[1], "--steady-typing-child") || g_str_equal (argv[1], "--typing-child")))
    {
      gint64 article_id = g_ascii_strtoll (argv[3], NULL, 10);

      g_set_prgname ("topiary-test-ui-child");
      if (!gtk_init_check ())
        return 77;
      adw_init ();
      gtk_source_init ();
      if (g_str_equal (argv[1], "--steady-typing-child"))
        return run_steady_typing_child (argv[2], article_id);
      return run_typing_child (argv[2], article_id);
    }

  if (!ui_test_init (&argc, &argv, "topiary-test-ui-files"))
    return 77;

  ui_test_add_sample ("/ui/files/export", test_export);
  ui_test_add_sample ("/ui/files/export-nothing-published", test_export_nothing_published);
  ui_test_add_sample ("/ui/files/open-errors", test_open_errors);
  ui_test_add_sample ("/ui/files/import", test_import);
  ui_test_add_sample ("/ui/files/new-map", test_new_map);
  ui_test_add_sample ("/ui/files/kill-while-typing", test_kill_while_typing);
  ui_test_add_sample ("/ui/files/kill-during-steady-typing", test_kill_during_steady_typing);

  return ui_test_run ();
}
