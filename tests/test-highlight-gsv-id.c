/* test-highlight-gsv-id.c — the id GtkSourceView's highlighter is
 * installed with, under which the site export keeps highlighted code
 * between exports (issue 12): it changes when the language files
 * GtkSourceView reads change, and is the same for both installers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "topiary-highlight.h"
#include "topiary-highlight-gsv.h"
#include "test-util.h"

static char *
installed_id (void)
{
  gpointer data = NULL;
  char *id = NULL;

  g_assert_nonnull (topiary_highlight_get_full (&data, &id));
  g_assert_nonnull (id);
  return id;
}

/* A language file added where GtkSourceView looks (the user's data
 * folder here) gives another id; so does one changed. */
static void
test_follows_language_files (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "gtksourceview-5", "language-specs", NULL);
  g_autofree char *lang = g_build_filename (dir, "topiary-test.lang", NULL);
  g_autofree char *before = NULL;
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *same = NULL;
  g_autoptr(GError) error = NULL;

  topiary_highlight_gsv_install ();
  before = installed_id ();
  g_assert_true (g_str_has_prefix (before, "gsv-"));
  same = installed_id ();
  g_assert_cmpstr (same, ==, before);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (lang, "<language id=\"topiary-test\" name=\"T\" version=\"2.0\"/>\n", -1, &error));
  g_assert_no_error (error);
  topiary_highlight_gsv_install ();
  added = installed_id ();
  g_assert_cmpstr (added, !=, before);

  g_assert_true (g_file_set_contents (lang, "<language id=\"topiary-test\" name=\"Test\" version=\"2.0\"/>\n", -1, &error));
  g_assert_no_error (error);
  topiary_highlight_gsv_install ();
  changed = installed_id ();
  g_assert_cmpstr (changed, !=, added);
  g_assert_cmpstr (changed, !=, before);

  /* The app's installer makes the same HTML: the same id. */
  g_free (same);
  topiary_highlight_gsv_install_main_thread (g_main_context_default ());
  same = installed_id ();
  g_assert_cmpstr (same, ==, changed);

  topiary_highlight_install (NULL, NULL);
  g_unlink (lang);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("topiary-gsv-id-XXXXXX", NULL);
  int status;

  /* Before GLib reads it: the user's data folder is a fresh one. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlight/gsv/id-follows-language-files", test_follows_language_files);

  status = g_test_run ();
  test_remove_tree (home);
  return status;
}
