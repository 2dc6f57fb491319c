/* test-export-safety.c — an export never deletes, overwrites or reads
 * what is not its own (issue 9: items 3, 4, 5, 6, 7, 9, 20, 21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-export.h"
#include "topiary-project.h"
#include "test-util.h"

/* The fake home every test runs with, set before GLib reads $HOME. */
static char *fake_home_root;
static char *fake_home;

typedef TestProjectFixture Fixture;

static void
fill (Fixture *f,
      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Basics");

  g_assert_true (topiary_project_add_group (f->project, group, &error));
  topiary_project_set_map_field (f->project, "title", "Safety Map", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = topiary_article_new ();
      g_autofree char *title = g_strdup_printf ("Article %u", i);

      topiary_article_set_group_id (a, topiary_group_get_id (group));
      topiary_article_set_title (a, title);
      topiary_article_set_body (a, "Some text.\n");
      topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
      topiary_article_set_published (a, 1700000000);
      g_assert_true (topiary_project_add_article (f->project, a, &error));
      g_assert_no_error (error);
    }
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static gboolean
export (Fixture                     *f,
        const char                  *dest,
        const TopiaryExportOptions  *opts,
        GError                     **error)
{
  return topiary_export (f->project, dest, opts, NULL, NULL, error);
}

/* The project still opens and holds its articles. */
static void
assert_project_intact (const char *path,
                       guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) p = topiary_project_open (path, TOPIARY_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (topiary_project_count_articles (p, NULL), ==, n);
  topiary_project_close (p);
}

/* Nothing but @expected (NULL-terminated names) in @dir. */
static void
assert_dir_holds (const char         *dir,
                  const char * const *expected)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (expected, name))
      g_error ("unexpected “%s” in %s", name, dir);
}

/* ---- item 4: --force never deletes the project's folder or home ---- */

static void
test_force_symlinked_project_folder (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *proj_dir = g_build_filename (f->dir, "proj", NULL);
  g_autofree char *proj = g_build_filename (proj_dir, "p.topiary", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *via_link = g_build_filename (link, "proj", NULL);
  g_autofree char *via_link_parent = NULL;
  g_autofree char *up = g_build_filename (f->dir, "up", NULL);
  g_autofree char *base = g_path_get_basename (f->dir);
  g_autoptr(TopiaryProject) p = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  g_assert_cmpint (g_mkdir (proj_dir, 0755), ==, 0);
  p = topiary_project_open (proj, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  test_add_published_article (p, "Kept", "Body.\n");
  g_assert_cmpint (symlink (f->dir, link), ==, 0);

  /* DIR reached through a link: the project's own folder. */
  opts.force = TRUE;
  g_assert_false (topiary_export (p, via_link, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (proj, G_FILE_TEST_IS_REGULAR));

  /* A parent of the project's folder, through a link to its parent. */
  {
    g_autofree char *parent = g_path_get_dirname (f->dir);

    g_assert_cmpint (symlink (parent, up), ==, 0);
    via_link_parent = g_build_filename (up, base, NULL);
  }
  g_assert_false (topiary_export (p, via_link_parent, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (proj, G_FILE_TEST_IS_REGULAR));

  topiary_project_close (p);
  assert_project_intact (proj, 1);
}

static void
test_force_home (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "homelink", NULL);
  g_autofree char *home_via_link = NULL;
  g_autofree char *root_via_link = NULL;
  g_autofree char *mine = g_build_filename (fake_home, "precious.txt", NULL);
  g_autofree char *home_base = g_path_get_basename (fake_home);
  g_autofree char *root_base = g_path_get_basename (fake_home_root);
  g_autofree char *root_parent = g_path_get_dirname (fake_home_root);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  g_assert_cmpstr (g_get_home_dir (), ==, fake_home);
  fill (f, 2);
  write_file (mine, "mine");

  /* Home itself, named through a link to the folder holding it. */
  g_assert_cmpint (symlink (fake_home_root, link), ==, 0);
  home_via_link = g_build_filename (link, home_base, NULL);
  opts.force = TRUE;
  g_assert_false (export (f, home_via_link, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));

  /* A parent of home, through a link to its parent. */
  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (symlink (root_parent, link), ==, 0);
  root_via_link = g_build_filename (link, root_base, NULL);
  g_assert_false (export (f, root_via_link, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
}

/* ---- item 20: a mount point is refused before anything is written ---- */

static gboolean
run (const char *command)
{
  int status = 0;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static void
test_mount_point (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "mnt", NULL);
  g_autofree char *mount = NULL;
  g_autofree char *umount = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  const char *only_project[] = { "map.topiary", "map.topiary-wal", "map.topiary-shm", "mnt", NULL };
  const char *nothing[] = { NULL };
  gboolean ok = TRUE;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  mount = g_strdup_printf ("mount -t tmpfs -o size=4m tmpfs %s", dir);
  umount = g_strdup_printf ("umount %s", dir);
  if (getuid () != 0 || !run (mount))
    {
      g_test_skip ("mounting a tmpfs needs root (and CAP_SYS_ADMIN)");
      return;
    }
  fill (f, 3);
  for (guint format = TOPIARY_EXPORT_SITE; format <= TOPIARY_EXPORT_HUGO && ok; format++)
    {
      opts.format = format;
      opts.force = format == TOPIARY_EXPORT_HUGO;
      ok = !export (f, dir, &opts, &error) &&
           g_error_matches (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE) &&
           strstr (error->message, "mount point") != NULL;
      if (!ok)
        g_test_message ("export into a mount point: %s", error != NULL ? error->message : "no error");
      g_clear_error (&error);
    }
  /* Checked before the tmpfs goes, so a failure leaves no mount behind. */
  if (ok)
    assert_dir_holds (dir, nothing);
  g_assert_true (run (umount));
  g_assert_true (ok);
  assert_dir_holds (f->dir, only_project);
}

/* ---- item 5 and 21: single files ---- */

static void
test_json_over_project (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *hard = g_build_filename (f->dir, "hard.json", NULL);
  g_autofree char *sym = g_build_filename (f->dir, "link", NULL);
  g_autofree char *via_link = g_build_filename (sym, "map.topiary", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  const char *dests[] = { f->path, hard, via_link };

  fill (f, 3);
  g_assert_cmpint (link (f->path, hard), ==, 0);
  g_assert_cmpint (symlink (f->dir, sym), ==, 0);

  for (guint format = TOPIARY_EXPORT_CSV; format <= TOPIARY_EXPORT_JSON; format++)
    for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
      {
        opts.format = format;
        opts.force = TRUE;
        g_assert_false (export (f, dests[i], &opts, &error));
        g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
        g_clear_error (&error);
      }
  assert_project_intact (f->path, 3);
}

static void
test_single_file_needs_force (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *plan = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *notes = g_build_filename (f->dir, "notes.json", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "sheet.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(TopiaryProject) other = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill (f, 2);
  /* Another project that happens to be called plan.json. */
  other = topiary_project_open (plan, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  test_add_published_article (other, "Other", "Mine.\n");
  topiary_project_close (other);

  opts.format = TOPIARY_EXPORT_JSON;
  g_assert_false (export (f, plan, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  /* A database is never an export, not even with force. */
  opts.force = TRUE;
  g_assert_false (export (f, plan, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  assert_project_intact (plan, 1);

  /* A file of the user's, named .json or .csv: only with force. */
  write_file (notes, "{\"my\": \"notes\"}\n");
  write_file (sheet, "name,amount\nrent,900\n");
  opts.force = FALSE;
  g_assert_false (export (f, notes, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  text = read_file (notes);
  g_assert_cmpstr (text, ==, "{\"my\": \"notes\"}\n");
  g_clear_pointer (&text, g_free);
  opts.format = TOPIARY_EXPORT_CSV;
  g_assert_false (export (f, sheet, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  text = read_file (sheet);
  g_assert_cmpstr (text, ==, "name,amount\nrent,900\n");
  g_clear_pointer (&text, g_free);

  /* An empty file holds nothing to lose. */
  write_file (empty, "");
  g_assert_true (export (f, empty, &opts, &error));
  g_assert_no_error (error);

  opts.force = TRUE;
  g_assert_true (export (f, sheet, &opts, &error));
  g_assert_no_error (error);
  text = read_file (sheet);
  g_assert_true (g_str_has_prefix (text, "group,kind,"));
}

/* Item 21: an earlier export is recognised by what it holds. */
static void
test_single_file_any_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  const char *names[] = { "plan.data", "plan", "plan.txt" };

  fill (f, 2);
  for (guint format = TOPIARY_EXPORT_CSV; format <= TOPIARY_EXPORT_JSON; format++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

        opts.format = format;
        g_assert_true (export (f, path, &opts, &error));
        g_assert_no_error (error);
        g_assert_true (export (f, path, &opts, &error));
        g_assert_no_error (error);
        g_unlink (path);
      }
}

/* Item 3: temporaries of killed single-file exports go on the next run;
 * one a running export holds stays. */
static void
test_single_file_stale_temporaries (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *stale = g_build_filename (f->dir, ".plan.json.topiary-Ab12Cd", NULL);
  g_autofree char *busy = g_build_filename (f->dir, ".plan.json.topiary-Ef34Gh", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, ".plan.json.topiary-Ij56Kl", NULL);
  g_autofree char *other = g_build_filename (f->dir, ".plan.json.topiary-keep-me", NULL);
  struct utimbuf old = { 1000000000, 1000000000 };
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  int fd;

  fill (f, 2);
  write_file (stale, "half an export");
  write_file (busy, "an export still running");
  write_file (fresh, "an export just started");
  write_file (other, "not ours");
  g_assert_cmpint (utime (stale, &old), ==, 0);
  g_assert_cmpint (utime (busy, &old), ==, 0);
  g_assert_cmpint (utime (other, &old), ==, 0);
  fd = open (busy, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  opts.format = TOPIARY_EXPORT_JSON;
  g_assert_true (export (f, dest, &opts, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (fd);
}

/* Ctrl-C: a cancelled export leaves nothing behind, whatever the format. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *plan = g_build_filename (f->dir, "plan.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  const char *only_project[] = { "map.topiary", "map.topiary-wal", "map.topiary-shm", NULL };

  fill (f, 20);
  g_cancellable_cancel (cancellable);
  opts.cancellable = cancellable;
  for (guint format = TOPIARY_EXPORT_SITE; format <= TOPIARY_EXPORT_JSON; format++)
    {
      opts.format = format;
      g_assert_false (export (f, format <= TOPIARY_EXPORT_HUGO ? site : plan, &opts, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      assert_dir_holds (f->dir, only_project);
    }
}

/* ---- item 6: re-exporting keeps what the user added ---- */

static void
test_keep_user_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autofree char *git = g_build_filename (dir, ".git", NULL);
  g_autofree char *git_head = g_build_filename (git, "HEAD", NULL);
  g_autofree char *cname = g_build_filename (dir, "CNAME", NULL);
  g_autofree char *hand = g_build_filename (dir, "hand.html", NULL);
  g_autofree char *hand_dir = g_build_filename (dir, "extra", NULL);
  g_autofree char *hand_dir_file = g_build_filename (hand_dir, "page.html", NULL);
  g_autofree char *inside = g_build_filename (dir, "article-0", "photo.png", NULL);
  g_autofree char *gone = g_build_filename (dir, "article-2", NULL);
  g_autofree char *conflict = g_build_filename (dir, "late", "index.html", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  gint64 second;

  fill (f, 1);
  second = test_add_published_article (f->project, "Article 2", "Second.\n");
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (gone, G_FILE_TEST_IS_DIR));

  g_assert_cmpint (g_mkdir (git, 0755), ==, 0);
  write_file (git_head, "ref: refs/heads/main\n");
  write_file (cname, "example.org\n");
  write_file (hand, "<p>mine</p>\n");
  g_assert_cmpint (g_mkdir (hand_dir, 0755), ==, 0);
  write_file (hand_dir_file, "<p>also mine</p>\n");
  write_file (inside, "png");

  /* An article removed from the map: its page goes, the user's stay. */
  g_assert_true (topiary_project_delete_article (f->project, second, &error));
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (git_head, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (cname, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (hand, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (hand_dir_file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* ... and again: carried files stay the user's. */
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (hand_dir_file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (cname, G_FILE_TEST_IS_REGULAR));

  /* A page of the user's where the export now writes one: refused and
   * named, unless forced. */
  {
    g_autofree char *late_dir = g_path_get_dirname (conflict);

    g_assert_cmpint (g_mkdir (late_dir, 0755), ==, 0);
    write_file (conflict, "<p>hand-made late</p>\n");
  }
  test_add_published_article (f->project, "Late", "Late.\n");
  g_assert_false (export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "late/index.html"));
  g_clear_error (&error);
  text = read_file (conflict);
  g_assert_cmpstr (text, ==, "<p>hand-made late</p>\n");
  g_clear_pointer (&text, g_free);

  opts.force = TRUE;
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  text = read_file (conflict);
  g_assert_null (strstr (text, "hand-made"));
  g_assert_true (g_file_test (git_head, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (cname, G_FILE_TEST_IS_REGULAR));
}

/* Hugo: the user's theme, layouts and config survive a re-export. */
static void
test_keep_user_files_hugo (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "hugo", NULL);
  g_autofree char *theme = g_build_filename (dir, "themes", NULL);
  g_autofree char *theme_toml = g_build_filename (theme, "theme.toml", NULL);
  g_autofree char *layouts = g_build_filename (dir, "layouts", NULL);
  g_autofree char *layout = g_build_filename (layouts, "single.html", NULL);
  g_autofree char *git = g_build_filename (dir, ".gitignore", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { TOPIARY_EXPORT_HUGO };

  fill (f, 2);
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (layouts, 0755), ==, 0);
  write_file (theme_toml, "name = \"x\"\n");
  write_file (layout, "{{ .Content }}\n");
  write_file (git, "public/\n");
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (theme_toml, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (layout, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (git, G_FILE_TEST_IS_REGULAR));
}

/* Forcing an export into a folder that is no export keeps its dot-files;
 * an export by an older Topiary that did not list its files is only
 * replaced with force. */
static void
test_force_keeps_dot_files (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "repo", NULL);
  g_autofree char *git = g_build_filename (dir, ".git", NULL);
  g_autofree char *git_head = g_build_filename (git, "HEAD", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.txt", NULL);
  g_autofree char *marker = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill (f, 1);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (git, 0755), ==, 0);
  write_file (git_head, "ref: refs/heads/main\n");
  write_file (junk, "junk");
  g_assert_false (export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  opts.force = TRUE;
  g_assert_true (export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (git_head, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (junk, G_FILE_TEST_EXISTS));

  /* The marker of an older Topiary, without the list of its files. */
  write_file (marker, "{\"generator\": \"Topiary 0.9\", \"format\": \"site\", \"exported\": \"2024-01-01T00:00:00Z\"}\n");
  write_file (junk, "junk");
  opts.force = FALSE;
  g_assert_false (export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));
}

/* ---- item 7: one snapshot ---- */

typedef struct {
  const char *path;
  GArray     *ids;
  guint       version;
} Writer;

/* Called as pages are written: another connection renames every article
 * and rewrites every body, in one transaction. */
static void
concurrent_write (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Writer *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) p = NULL;

  if (done % 64 != 1)
    return;
  p = topiary_project_open (w->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  w->version++;
  g_assert_true (topiary_project_begin (p, &error));
  for (guint i = 0; i < w->ids->len; i++)
    {
      gint64 id = g_array_index (w->ids, gint64, i);
      g_autoptr(TopiaryArticle) a = topiary_project_get_article (p, id, TRUE, &error);
      g_autofree char *title = g_strdup_printf ("Title v%u n%u", w->version, i);
      g_autofree char *body = g_strdup_printf ("Body v%u n%u\n", w->version, i);

      g_assert_no_error (error);
      topiary_article_set_title (a, title);
      topiary_article_set_body (a, body);
      g_assert_true (topiary_project_update_article (p, a, &error));
      g_assert_no_error (error);
    }
  g_assert_true (topiary_project_commit (p, &error));
  g_assert_no_error (error);
  topiary_project_close (p);
}

static void
assert_tree_has_no_later_version (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_tree_has_no_later_version (path);
      else
        {
          g_autofree char *text = read_file (path);

          if (strstr (text, " v1 ") != NULL || strstr (text, " v2 ") != NULL ||
              strstr (text, " v3 ") != NULL)
            g_error ("%s mixes in a later version of the map", path);
        }
    }
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "plan.json", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  TopiaryExportOptions opts = { 0 };
  Writer w = { f->path, ids, 0 };
  JsonArray *articles;

  /* More than the site export reads ahead of the pages it writes. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title v0 n%u", i);
      g_autofree char *body = g_strdup_printf ("Body v0 n%u\n", i);
      gint64 id = test_add_published_article (f->project, title, body);

      g_array_append_val (ids, id);
    }

  for (guint format = TOPIARY_EXPORT_SITE; format <= TOPIARY_EXPORT_JSON; format++)
    {
      g_autofree char *name = g_strdup_printf ("out-%u", format);
      g_autofree char *dest = g_build_filename (f->dir, name, NULL);

      /* Every format starts from v0 again. */
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TopiaryArticle) a = topiary_project_get_article (f->project, g_array_index (ids, gint64, i), TRUE, &error);
          g_autofree char *title = g_strdup_printf ("Title v0 n%u", i);
          g_autofree char *body = g_strdup_printf ("Body v0 n%u\n", i);

          topiary_article_set_title (a, title);
          topiary_article_set_body (a, body);
          g_assert_true (topiary_project_update_article (f->project, a, &error));
          g_assert_no_error (error);
        }
      w.version = 0;

      opts.format = format;
      g_assert_true (topiary_export (f->project, format == TOPIARY_EXPORT_JSON ? json : dest,
                                     &opts, concurrent_write, &w, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (w.version, >, 1);
      if (format == TOPIARY_EXPORT_JSON)
        {
          g_assert_true (json_parser_load_from_file (parser, json, &error));
          g_assert_no_error (error);
          articles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
          g_assert_cmpuint (json_array_get_length (articles), ==, ids->len);
          for (guint i = 0; i < json_array_get_length (articles); i++)
            {
              JsonObject *a = json_array_get_object_element (articles, i);
              g_autofree char *title = g_strdup_printf ("Title v0 n%u", i);
              g_autofree char *body = g_strdup_printf ("Body v0 n%u\n", i);

              g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, title);
              g_assert_cmpstr (json_object_get_string_member (a, "body"), ==, body);
            }
        }
      else if (format == TOPIARY_EXPORT_CSV)
        {
          g_autofree char *text = read_file (dest);

          g_assert_null (strstr (text, " v1 "));
        }
      else
        assert_tree_has_no_later_version (dest);
    }
}

/* ---- item 9: themes ---- */

static void
write_theme_file (const char *theme,
                  const char *name,
                  const char *text)
{
  g_autofree char *path = g_build_filename (theme, name, NULL);

  write_file (path, text);
}

static void
test_theme_only_own_files (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *theme = g_build_filename (f->dir, "theme", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "outside.css", NULL);
  g_autofree char *style = g_build_filename (theme, "style.css", NULL);
  g_autofree char *partial = g_build_filename (theme, "breadcrumbs.mustache", NULL);
  g_autofree char *fifo = g_build_filename (theme, "search.js", NULL);
  g_autofree char *linked_asset = g_build_filename (theme, "passwd.css", NULL);
  g_autofree char *secret = g_build_filename (theme, "id_rsa", NULL);
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill (f, 2);
  write_file (outside, "body { secret: 1; }\n");
  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  write_theme_file (theme, "home.mustache", "{{<base}}{{$content}}<p>mine</p>{{/content}}{{/base}}");
  opts.theme_dir = theme;

  /* style.css leading out of the theme. */
  g_assert_cmpint (symlink (outside, style), ==, 0);
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
  g_unlink (style);

  /* A partial leading out of the theme. */
  write_file (outside, "<p>outside</p>");
  g_assert_cmpint (symlink (outside, partial), ==, 0);
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_unlink (partial);

  /* A FIFO must not hang the export. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_unlink (fifo);

  /* Other files: links stay behind, and only web files are published. */
  g_assert_cmpint (symlink ("/etc/passwd", linked_asset), ==, 0);
  write_file (secret, "PRIVATE KEY");
  write_theme_file (theme, "logo.svg", "<svg/>");
  g_assert_true (export (f, site, &opts, &error));
  g_assert_no_error (error);
  {
    g_autofree char *logo = g_build_filename (site, "assets", "logo.svg", NULL);
    g_autofree char *copied_link = g_build_filename (site, "assets", "passwd.css", NULL);
    g_autofree char *copied_secret = g_build_filename (site, "assets", "id_rsa", NULL);

    g_assert_true (g_file_test (logo, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (copied_link, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (copied_secret, G_FILE_TEST_EXISTS));
  }
}

/* The theme's partials load as pages meet them: a partial only article
 * pages use works on every page, and one that is broken fails the export
 * with the theme's error, naming the file, and leaves no site behind. */
static void
test_theme_article_partial (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *theme = g_build_filename (f->dir, "theme", NULL);
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill (f, 40);
  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  write_theme_file (theme, "article.mustache",
                    "{{<base}}{{$content}}<h1>{{article.title}}</h1>{{>post-extra}}{{/content}}{{/base}}");
  write_theme_file (theme, "post-extra.mustache", "<p class=\"extra\">{{article.title}} in {{site.title}}</p>");
  opts.theme_dir = theme;

  g_assert_true (export (f, site, &opts, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *slug = g_strdup_printf ("article-%u", i);
      g_autofree char *page = g_build_filename (site, slug, "index.html", NULL);
      g_autofree char *text = NULL;
      g_autofree char *want = g_strdup_printf ("<p class=\"extra\">Article %u in Safety Map</p>", i);

      g_assert_true (g_file_get_contents (page, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, want));
    }
  test_remove_tree (site);

  /* Broken when it is compiled, on a writer thread. */
  write_theme_file (theme, "post-extra.mustache", "{{#open}} never closed");
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_assert_nonnull (strstr (error->message, "post-extra.mustache"));
  g_clear_error (&error);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));

  /* Broken when it is rendered: it includes itself endlessly. */
  write_theme_file (theme, "post-extra.mustache", "x{{>post-extra}}");
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
  assert_project_intact (f->path, 40);
}

static void
test_theme_not_a_theme (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "docs", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill (f, 1);
  opts.theme_dir = "/etc";
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));

  /* A folder of other files is no theme either. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_theme_file (folder, "letter.txt", "Dear …");
  opts.theme_dir = folder;
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);

  /* A template too big to be one. */
  g_assert_cmpint (g_mkdir (big, 0755), ==, 0);
  {
    g_autofree char *huge = g_strnfill (2 * 1024 * 1024, 'x');

    write_theme_file (big, "home.mustache", huge);
  }
  opts.theme_dir = big;
  g_assert_false (export (f, site, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything asks GLib for the home folder: it keeps the first answer. */
  fake_home_root = g_dir_make_tmp ("topiary-home-XXXXXX", &error);
  g_assert_no_error (error);
  fake_home = g_build_filename (fake_home_root, "me", NULL);
  g_mkdir (fake_home, 0755);
  g_setenv ("HOME", fake_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_project_fixture_setup, fn, test_project_fixture_teardown)
  ADD ("/core/export-safety/force/symlinked-project-folder", test_force_symlinked_project_folder);
  ADD ("/core/export-safety/force/home", test_force_home);
  ADD ("/core/export-safety/force/keeps-dot-files", test_force_keeps_dot_files);
  ADD ("/core/export-safety/mount-point", test_mount_point);
  ADD ("/core/export-safety/file/over-project", test_json_over_project);
  ADD ("/core/export-safety/file/needs-force", test_single_file_needs_force);
  ADD ("/core/export-safety/file/any-name", test_single_file_any_name);
  ADD ("/core/export-safety/file/stale-temporaries", test_single_file_stale_temporaries);
  ADD ("/core/export-safety/cancelled", test_cancelled);
  ADD ("/core/export-safety/keep-user-files/site", test_keep_user_files);
  ADD ("/core/export-safety/keep-user-files/hugo", test_keep_user_files_hugo);
  ADD ("/core/export-safety/snapshot", test_snapshot);
  ADD ("/core/export-safety/theme/only-own-files", test_theme_only_own_files);
  ADD ("/core/export-safety/theme/not-a-theme", test_theme_not_a_theme);
  ADD ("/core/export-safety/theme/article-partial", test_theme_article_partial);
#undef ADD

  status = g_test_run ();
  test_remove_tree (fake_home_root);
  g_free (fake_home);
  g_free (fake_home_root);
  return status;
}
