/* test-project-watch.c — one project file, several writers (issue 14)
 *
 * Two connections stand for two windows or two processes: a save over
 * text that the other changed keeps the other's text as a revision, the
 * watch tells a window that another connection committed (and not when
 * it committed itself), and the claim tells the second opener the map is
 * open already.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *a;       /* the window */
  TopiaryProject *b;       /* the other writer */
  gint64          article;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->a = test_project_create ("topiary-watch-XXXXXX", &f->dir, &f->path);
  f->article = test_add_published_article (f->a, "Routing", "First draft.");
  f->b = topiary_project_open (f->path, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  topiary_project_close (f->b);
  g_object_unref (f->b);
  test_project_destroy (f->a, f->dir, f->path);
}

static char *
body_of (TopiaryProject *project,
         gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, id, TRUE, &error);

  g_assert_no_error (error);
  return g_strdup (topiary_article_get_body (article));
}

/* "reason:body" of each revision, newest first, joined by " | ". */
static char *
revisions_of (TopiaryProject *project,
              gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = topiary_project_list_revisions (project, id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autofree char *body = topiary_project_get_revision_body (project, info->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s%s:%s", i ? " | " : "", info->reason, body);
    }
  return g_string_free (out, FALSE);
}

static void
test_save_over_changed_text (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *revisions = NULL;
  gboolean conflict = FALSE;

  /* The other writer saves while the window still shows "First draft." */
  g_assert_true (topiary_project_save_body (f->b, f->article, "Their version.", &error));
  g_assert_no_error (error);

  /* The window's autosave: its text wins, theirs is kept. */
  g_assert_true (topiary_project_save_body_over (f->a, f->article, "First draft.", "My version.", &conflict, &error));
  g_assert_no_error (error);
  g_assert_true (conflict);
  body = body_of (f->b, f->article);
  g_assert_cmpstr (body, ==, "My version.");
  revisions = revisions_of (f->b, f->article);
  g_assert_cmpstr (revisions, ==, "conflict:Their version.");
}

static void
test_save_over_own_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *revisions = NULL;
  gboolean conflict = TRUE;

  /* Nobody else wrote: no revision, no conflict, as often as it saves. */
  g_assert_true (topiary_project_save_body_over (f->a, f->article, "First draft.", "Second.", &conflict, &error));
  g_assert_false (conflict);
  g_assert_true (topiary_project_save_body_over (f->a, f->article, "Second.", "Third.", &conflict, &error));
  g_assert_false (conflict);
  /* Both wrote the same text: nothing to keep. */
  g_assert_true (topiary_project_save_body (f->b, f->article, "Fourth.", &error));
  g_assert_true (topiary_project_save_body_over (f->a, f->article, "Third.", "Fourth.", &conflict, &error));
  g_assert_no_error (error);
  g_assert_false (conflict);
  revisions = revisions_of (f->a, f->article);
  g_assert_cmpstr (revisions, ==, "");
}

static void
on_changed (TopiaryProject *project,
            const char     *what,
            GPtrArray      *seen)
{
  g_ptr_array_add (seen, g_strdup (what));
}

static gboolean
saw_elsewhere (gpointer data)
{
  GPtrArray *seen = data;

  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), "elsewhere"))
      return TRUE;
  return FALSE;
}

static void
test_watch_tells_other_commits (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (topiary_project_watch (f->a, &error));
  g_assert_no_error (error);
  g_signal_connect (f->a, "changed", G_CALLBACK (on_changed), seen);

  /* Its own commits are not "elsewhere", however long one waits. */
  g_assert_true (topiary_project_save_body (f->a, f->article, "Mine.", &error));
  g_assert_false (wait_for (saw_elsewhere, seen, 600));
  g_assert_false (topiary_project_check_elsewhere (f->a));

  /* Another connection's commit is, through the file monitor alone. */
  g_assert_true (topiary_project_save_body (f->b, f->article, "Theirs.", &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (saw_elsewhere, seen, 5000));
  /* Told once per change. */
  g_assert_false (topiary_project_check_elsewhere (f->a));
}

static void
test_claim (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean held = TRUE;

  g_assert_true (topiary_project_claim (f->a, &held, &error));
  g_assert_no_error (error);
  g_assert_false (held);
  /* Asking again is harmless. */
  g_assert_true (topiary_project_claim (f->a, &held, &error));
  g_assert_false (held);

  g_assert_true (topiary_project_claim (f->b, &held, &error));
  g_assert_true (held);

  /* Closed, the window lets go; the claim does not stop the other's
   * writes, and it did not break SQLite's own locking either. */
  g_assert_true (topiary_project_save_body (f->b, f->article, "Written while claimed.", &error));
  g_assert_no_error (error);
  topiary_project_close (f->a);
  g_assert_true (topiary_project_claim (f->b, &held, &error));
  g_assert_false (held);
}

static void
test_claim_from_another_process (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean held = FALSE;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *script = NULL;

  /* Another process holds the claim the way Topiary does (an OFD read
   * lock on byte 2^40) while this one asks. */
  script = g_strdup_printf ("import fcntl, os, struct, sys, time\n"
                            "fd = os.open(%s, os.O_RDONLY)\n"
                            "fcntl.fcntl(fd, 37, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 1 << 40, 1, 0))\n"
                            "print('held', flush=True)\n"
                            "sys.stdin.read()\n",
                            "sys.argv[1]");
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            "python3", "-c", script, f->path, NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
    g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (line, ==, "held");
  }
  g_assert_true (topiary_project_claim (f->a, &held, &error));
  g_assert_no_error (error);
  g_assert_true (held);

  /* The other process ends: the map is free again. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_true (topiary_project_claim (f->a, &held, &error));
  g_assert_false (held);
}

/* Opening and closing the file again in this process (a read-only
 * connection for the links, a header check, a claim) must not drop the
 * POSIX locks the open connections hold on it: without them another
 * process's last close checkpoints and deletes the write-ahead log under
 * them, and its later commits are never seen. */
static void
test_reopen_keeps_locks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *script = NULL;
  gboolean held = FALSE;

  topiary_project_close (f->b);
  g_assert_true (topiary_project_watch (f->a, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_project_claim (f->a, &held, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TopiaryProject) again = topiary_project_open (f->path, i == 0 ? TOPIARY_OPEN_READ_ONLY : 0, &error);
      gboolean held_again = FALSE;

      g_assert_no_error (error);
      if (i == 2)
        g_assert_true (topiary_project_claim (again, &held_again, &error));
      topiary_project_close (again);
    }

  /* Another process writes and closes, as `topiary import` would. */
  script = g_strdup_printf ("import sqlite3, sys\n"
                            "c = sqlite3.connect(sys.argv[1])\n"
                            "c.execute(\"UPDATE map SET title = 'From the other process'\")\n"
                            "c.commit()\n"
                            "c.close()\n");
  {
    const char *argv[] = { "python3", "-c", script, f->path, NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* It was not the last one on the file, so the log is still there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (topiary_project_check_elsewhere (f->a));
  {
    g_autofree char *title = topiary_project_get_map_field (f->a, "title");

    g_assert_cmpstr (title, ==, "From the other process");
  }
  f->b = topiary_project_open (f->path, 0, &error);
  g_assert_no_error (error);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A worker that opens the map again and again (the links, the graph)
 * while the window has it open leaves no descriptor behind each time. */
static void
test_reopen_keeps_no_descriptors (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint before = 0;

  /* One round first: SQLite keeps what it opens for a file once. */
  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        before = count_open_fds ();
      for (guint i = 0; i < 40; i++)
        {
          g_autoptr(TopiaryProject) again = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);

          g_assert_no_error (error);
          topiary_project_close (again);
        }
    }
  g_assert_cmpuint (count_open_fds (), <=, before + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/project-watch/save-over-changed-text", Fixture, NULL,
              fixture_setup, test_save_over_changed_text, fixture_teardown);
  g_test_add ("/core/project-watch/save-over-own-text", Fixture, NULL,
              fixture_setup, test_save_over_own_text, fixture_teardown);
  g_test_add ("/core/project-watch/watch-tells-other-commits", Fixture, NULL,
              fixture_setup, test_watch_tells_other_commits, fixture_teardown);
  g_test_add ("/core/project-watch/claim", Fixture, NULL,
              fixture_setup, test_claim, fixture_teardown);
  g_test_add ("/core/project-watch/claim-from-another-process", Fixture, NULL,
              fixture_setup, test_claim_from_another_process, fixture_teardown);
  g_test_add ("/core/project-watch/reopen-keeps-locks", Fixture, NULL,
              fixture_setup, test_reopen_keeps_locks, fixture_teardown);
  g_test_add ("/core/project-watch/reopen-keeps-no-descriptors", Fixture, NULL,
              fixture_setup, test_reopen_keeps_no_descriptors, fixture_teardown);
  return g_test_run ();
}
