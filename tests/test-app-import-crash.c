/* test-app-import-crash.c — an import started from the app and killed
 * midway leaves no project file behind (issue 10)
 *
 * The test program runs itself a second time as the "app": a window that
 * imports a large outline through the window's TopiaryImporter, the path the
 * Import menu takes. That child is killed with SIGKILL while the import
 * is under way; then nothing may be under the name the user chose, not
 * even a half-built project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "test-util.h"
#include "topiary-import.h"
#include "topiary-window.h"

static char *self_path;

/* The child: imports SOURCE into DEST from a window, as the app does. */
static int
run_child (const char *source,
           const char *dest)
{
  TopiaryWindow *window;

  if (!gtk_init_check ())
    return 77;
  adw_init ();
  gtk_source_init ();
  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  topiary_importer_import (topiary_window_get_importer (window), source, dest, TOPIARY_IMPORT_AUTO, NULL, NULL);
  while (topiary_importer_is_busy (topiary_window_get_importer (window)))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Large enough that the import takes seconds, not milliseconds. */
static void
write_large_outline (const char *path)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint g = 0; g < 200; g++)
    {
      g_string_append_printf (s, "## Group %u\n\n", g);
      for (guint i = 0; i < 250; i++)
        g_string_append_printf (s, "- Article %u of group %u — what this article covers, long enough\n", i, g);
      g_string_append_c (s, '\n');
    }
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
}

/* Anything in @dir whose name starts with "map.topiary": the project or a
 * temporary beside it, which shows that the import has started writing. */
static gboolean
import_started (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "map.topiary"))
      return TRUE;
  return FALSE;
}

static void
test_killed_import_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *dir = test_tmp_map_path ("topiary-app-import-XXXXXX", &dest);
  g_autofree char *source = g_build_filename (dir, "large.md", NULL);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *argv[] = { self_path, "--child", source, dest, NULL };
  g_autoptr(TopiaryProject) again = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  gint64 deadline;
  GPid pid;
  int status = 0;

  write_large_outline (source);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Wait for the import to start writing, then let it get well into it. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!import_started (dir) && g_get_monotonic_time () < deadline && waitpid (pid, &status, WNOHANG) == 0)
    g_usleep (5000);
  g_assert_true (import_started (dir));
  g_usleep (400 * 1000);

  /* Still running: killed midway, not after it finished. */
  g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (dest, suffixes[i], NULL);

      if (g_file_test (name, G_FILE_TEST_EXISTS))
        g_test_message ("left behind: %s", name);
      g_assert_false (g_file_test (name, G_FILE_TEST_EXISTS));
    }

  /* The name is free for the next import, which clears the leftovers. */
  report = topiary_import_report_new ();
  again = topiary_import_new_project (dest, source, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (report->articles, ==, 200 * 250);
  topiary_project_close (again);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp_home = NULL;
  const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  tmp_home = g_dir_make_tmp ("topiary-app-import-home-XXXXXX", NULL);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping.\n");
      test_remove_tree (tmp_home);
      return 77;
    }
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (self_path);

  g_test_add_func ("/app/import/killed-midway-leaves-no-project", test_killed_import_leaves_nothing);
  status = g_test_run ();
  test_remove_tree (tmp_home);
  g_free (self_path);
  return status;
}
