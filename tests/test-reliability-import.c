/* test-reliability-import.c — what a hostile source must not do to an import
 *
 * Issue 9: Hugo folders with symlinks out, devices and FIFOs; sources read
 * through pipes, endless ones included; outlines with 50,000 groups; titles
 * and fields of many megabytes; titles that are Windows device names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "topiary-check.h"
#include "topiary-export.h"
#include "topiary-limits.h"
#include "topiary-import.h"
#include "topiary-import-fs-private.h"
#include "topiary-slug.h"
#include "test-util.h"

/* ---- item 18: Windows device names never become a slug ---- */

static void
test_slug_reserved (void)
{
  static const struct { const char *title; const char *slug; } cases[] = {
    { "CON", "con-page" },
    { "con", "con-page" },
    { "Con", "con-page" },
    { "PRN", "prn-page" },
    { "AUX", "aux-page" },
    { "NUL", "nul-page" },
    { "nul ", "nul-page" },
    { "  Nul!", "nul-page" },
    { "COM1", "com1-page" },
    { "com9", "com9-page" },
    { "COM0", "com0-page" },
    { "LPT1", "lpt1-page" },
    { "LPT9", "lpt9-page" },
    { "lpt0", "lpt0-page" },
    /* With an extension Windows reserves them too; a slug has no dot,
     * so these are safe as they come out. */
    { "aux.txt", "aux-txt" },
    { "con.md", "con-md" },
    { "NUL.tar.gz", "nul-tar-gz" },
    /* Not device names. */
    { "COM10", "com10" },
    { "LPT", "lpt" },
    { "console", "console" },
    { "null", "null" },
    { "auxiliary", "auxiliary" },
    { "com", "com" },
    { "con-page", "con-page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = topiary_slugify (cases[i].title);

      g_test_message ("%s → %s", cases[i].title, slug);
      g_assert_cmpstr (slug, ==, cases[i].slug);
      g_assert_true (topiary_slug_is_valid (slug));
    }

  /* A device name is not a valid slug, so a stored one is replaced on export. */
  g_assert_false (topiary_slug_is_valid ("con"));
  g_assert_false (topiary_slug_is_valid ("lpt9"));
  g_assert_false (topiary_slug_is_valid ("aux"));
  g_assert_true (topiary_slug_is_valid ("aux-txt"));
  g_assert_true (topiary_slug_is_valid ("com10"));
}

/* Writes @text to @dir/@name and returns the path. */
static char *
write_text (const char *dir,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

static TopiaryProject *
new_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  TopiaryProject *project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return project;
}

/* Imported titles that are device names get safe slugs, for groups too, and
 * a device-name slug already in a project is reported by the check. */
static void
test_slug_reserved_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-reserved-XXXXXX", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autofree char *source = write_text (dir, "plan.md",
                                        "# Devices\n\n## NUL\n\n- CON\n- aux.txt\n- LPT9\n\n## COM1\n\n- prn\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(TopiaryArticle) con = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  guint reserved = 0;

  g_assert_true (topiary_import (project, source, TOPIARY_IMPORT_OUTLINE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TopiaryGroup) g = g_list_model_get_item (groups, i);
      g_assert_cmpstr (topiary_group_get_slug (g), ==, i == 0 ? "nul-page" : "com1-page");
    }
  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const slugs[] = { "con-page", "aux-txt", "lpt9-page", "prn-page" };
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_assert_cmpstr (topiary_article_get_slug (a), ==, slugs[i]);
    }

  /* A project written before: its slug "con" is reported. */
  con = topiary_project_get_article_by_slug (project, "con-page", FALSE, NULL);
  g_assert_nonnull (con);
  topiary_project_close (project);
  g_clear_object (&project);
  sql = g_build_filename (dir, "map.topiary", NULL);
  g_assert_cmpint (sqlite3_open (sql, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE article SET slug = 'con' WHERE slug = 'con-page'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  project = topiary_project_open (sql, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  findings = topiary_check_project (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);
      if (g_strcmp0 (finding->code, TOPIARY_CHECK_INVALID_SLUG) == 0)
        {
          g_assert_cmpstr (finding->target, ==, "con");
          g_assert_nonnull (strstr (finding->message, "Windows"));
          reserved++;
        }
    }
  g_assert_cmpuint (reserved, ==, 1);

  topiary_project_close (project);
  test_remove_tree (dir);
}

/* ---- item 12: groups are found by an index, not a scan ---- */

static double
cpu_seconds (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* SQLite's virtual machine steps, in hundreds, on every connection this
 * process opens: a count no busy machine changes. */
static guint64 vm_steps;

static int
count_steps (void *data)
{
  vm_steps++;
  return 0;
}

static int
watch_connection (sqlite3                          *db,
                  const char                      **error,
                  const struct sqlite3_api_routines *api)
{
  sqlite3_progress_handler (db, 100, count_steps, NULL);
  return SQLITE_OK;
}

typedef struct {
  double  cpu;     /* seconds */
  guint64 steps;   /* hundreds of SQLite steps */
} Cost;

/* What it costs to import an outline of @n groups, one article each, into
 * a new project. */
static Cost
import_groups (const char *dir,
               guint       n)
{
  g_autoptr(GString) s = g_string_new ("# Many groups\n\n");
  g_autofree char *name = g_strdup_printf ("groups-%u.md", n);
  g_autofree char *project_name = g_strdup_printf ("groups-%u.topiary", n);
  g_autofree char *project_path = g_build_filename (dir, project_name, NULL);
  g_autofree char *source = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Cost cost;
  double start;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "## Group %u\n\n- Article %u\n\n", i, i);
  source = write_text (dir, name, s->str, (gssize) s->len);

  vm_steps = 0;
  start = cpu_seconds ();
  project = topiary_import_new_project (project_path, source, TOPIARY_IMPORT_OUTLINE,
                                        report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, n);
  g_assert_cmpuint (report->articles, ==, n);
  {
    /* The lookup the importers use, by title (any case) and by slug. */
    g_autofree char *title = g_strdup_printf ("GROUP %u", n / 2);
    g_autofree char *slug = g_strdup_printf ("group-%u", n - 1);
    g_autoptr(TopiaryGroup) by_title = topiary_project_find_group (project, title, NULL);
    g_autoptr(TopiaryGroup) by_slug = topiary_project_find_group (project, slug, NULL);

    g_assert_nonnull (by_title);
    g_assert_cmpint (topiary_group_get_position (by_title), ==, n / 2 + 1);
    g_assert_nonnull (by_slug);
    g_assert_cmpint (topiary_group_get_position (by_slug), ==, n);
  }
  cost.cpu = cpu_seconds () - start;
  cost.steps = vm_steps;
  return cost;
}

/* Ten times the groups must cost about ten times as much, not a hundred:
 * ratios, of SQLite's steps (exact) and of CPU time (the C code too; CPU
 * time, so that other processes do not count). */
static void
test_many_groups (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-groups-XXXXXX", NULL);
  Cost small, large;
#if defined(__SANITIZE_ADDRESS__)
  /* Forty times slower under AddressSanitizer, whose memory bookkeeping
   * also grows faster than the work: only the steps are compared. */
  const guint n = 2000;
#else
  const guint n = 5000;
#endif

  g_assert_cmpint (sqlite3_auto_extension ((void (*) (void)) watch_connection), ==, SQLITE_OK);
  small = import_groups (dir, n);
  large = import_groups (dir, n * 10);
  sqlite3_cancel_auto_extension ((void (*) (void)) watch_connection);

  g_test_message ("%u groups: %.2f s CPU, %" G_GUINT64_FORMAT "00 SQLite steps; "
                  "%u groups: %.2f s CPU, %" G_GUINT64_FORMAT "00 steps; ratios %.1f and %.1f",
                  n, small.cpu, small.steps, n * 10, large.cpu, large.steps,
                  large.cpu / small.cpu, (double) large.steps / small.steps);
  /* Linear is 10; the scans made it about 100. */
  g_assert_cmpfloat ((double) large.steps / small.steps, <, 15.0);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpfloat (large.cpu / small.cpu, <, 25.0);
#endif
  test_remove_tree (dir);
}

static gboolean
has_index (const char *path,
           const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

/* A project written before the group indexes gains them when opened for
 * writing, without a new schema version. */
static void
test_group_index_added (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-index-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  topiary_project_close (project);
  g_clear_object (&project);
  g_assert_true (has_index (path, "grp_title"));
  g_assert_true (has_index (path, "grp_position"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX grp_title; DROP INDEX grp_position", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (has_index (path, "grp_title"));

  project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  topiary_project_close (project);
  g_assert_true (has_index (path, "grp_title"));
  g_assert_true (has_index (path, "grp_position"));
  test_remove_tree (dir);
}

/* ---- item 10: a pipe is read once, whole, up to the limit ---- */

typedef struct {
  int         fd;
  const char *data;     /* written once, or NULL: "y\n" until the reader goes */
  gsize       length;
  gsize       written;
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer *w = user_data;
  char block[65536];

  if (w->data != NULL)
    {
      while (w->written < w->length)
        {
          gssize n = write (w->fd, w->data + w->written, w->length - w->written);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          w->written += (gsize) n;
        }
    }
  else
    {
      for (gsize i = 0; i + 1 < sizeof block; i += 2)
        memcpy (block + i, "y\n", 2);
      /* Until the reader closes its end (EPIPE; SIGPIPE is ignored). */
      for (;;)
        {
          gssize n = write (w->fd, block, sizeof block - 1);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          w->written += (gsize) n;
        }
    }
  close (w->fd);
  return NULL;
}

static char *
outline_2000 (gsize *length)
{
  GString *s = g_string_new ("# Piped plan\n\n");

  for (guint g = 0; g < 20; g++)
    {
      g_string_append_printf (s, "## Group %u\n\n", g);
      for (guint i = 0; i < 100; i++)
        g_string_append_printf (s, "- Article %u of group %u — a summary long enough to pass 64 KiB\n",
                                g * 100 + i, g);
      g_string_append_c (s, '\n');
    }
  *length = s->len;
  return g_string_free (s, FALSE);
}

static void
test_pipe_whole (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-pipe-XXXXXX", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autofree char *source = NULL;
  Writer w = { 0 };
  GThread *thread;
  int fds[2];
  gboolean ok;

  w.data = outline_2000 (&w.length);
  g_assert_cmpuint (w.length, >, 2 * 65536);
  g_assert_cmpint (pipe (fds), ==, 0);
  w.fd = fds[1];
  source = g_strdup_printf ("/dev/fd/%d", fds[0]);
  thread = g_thread_new ("writer", writer_thread, &w);

  /* Format detected on the bytes read, then those same bytes parsed. */
  ok = topiary_import (project, source, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error);
  g_thread_join (thread);
  close (fds[0]);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (w.written, ==, w.length);
  g_assert_cmpuint (report->articles, ==, 2000);
  g_assert_cmpuint (report->ideas, ==, 0);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 2000);
  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 20);

  g_free ((char *) w.data);
  topiary_project_close (project);
  test_remove_tree (dir);
}

static void
test_pipe_endless (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-pipe-XXXXXX", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autofree char *source = NULL;
  g_autofree char *big = NULL;
  Writer w = { 0 };
  GThread *thread;
  int fds[2];

  signal (SIGPIPE, SIG_IGN);

  /* An endless pipe, with the format given and detected. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (pipe (fds), ==, 0);
      memset (&w, 0, sizeof w);
      w.fd = fds[1];
      g_free (source);
      source = g_strdup_printf ("/dev/fd/%d", fds[0]);
      thread = g_thread_new ("writer", writer_thread, &w);
      g_assert_false (topiary_import (project, source,
                                      round == 0 ? TOPIARY_IMPORT_OUTLINE : TOPIARY_IMPORT_AUTO,
                                      NULL, NULL, NULL, &error));
      close (fds[0]);
      g_thread_join (thread);
      g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "64 MB"));
      /* It stopped at the limit, give or take the pipe's buffer. */
      g_assert_cmpuint (w.written, >, 64 * 1024 * 1024);
      g_assert_cmpuint (w.written, <, 65 * 1024 * 1024);
      g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 0);
    }

  /* A device that never ends. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (topiary_import (project, "/dev/zero", TOPIARY_IMPORT_OUTLINE, NULL, NULL, NULL, &error));
    g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "64 MB"));
  }

  /* A file over the limit is refused by its size, before it is read. */
  {
    g_autoptr(GError) error = NULL;
    int fd;

    big = g_build_filename (dir, "big.md", NULL);
    fd = g_open (big, O_WRONLY | O_CREAT, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 64 * 1024 * 1024 + 1), ==, 0);
    close (fd);
    g_assert_false (topiary_import (project, big, TOPIARY_IMPORT_AUTO, NULL, NULL, NULL, &error));
    g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "“big.md”"));
  }

  topiary_project_close (project);
  test_remove_tree (dir);
}

/* ---- item 8: a Hugo import reads only regular files inside its folder ---- */

static void
make_file (const char *dir,
           const char *rel,
           const char *text)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
make_link (const char *dir,
           const char *rel,
           const char *target)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static gboolean
warned_about (TopiaryImportReport *report,
              const char          *name)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (g_ptr_array_index (report->warnings, i), name) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_hugo_hostile_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-hostile-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *content = g_build_filename (site, "content", NULL);
  g_autofree char *via_link = g_build_filename (dir, "chosen", NULL);
  g_autofree char *fifo = g_build_filename (content, "guides", "pipe.md", NULL);
  g_autofree char *device = g_build_filename (content, "guides", "device.md", NULL);
  g_autofree char *big = g_build_filename (content, "guides", "big.md", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const skipped[] = {
    "passwd.md", "shadow.md", "outside.md", "zero.md", "null.md", "pipe.md", "loop.md",
    "dangling.md", "etc", "up", "big.md", "fifo-link.md",
  };
  gboolean have_device;
  int fd;

  /* Outside the site: a file a relative link reaches. */
  make_file (dir, "secret.md", "---\ntitle: Secret\n---\nSECRET-OUTSIDE\n");
  make_file (content, "guides/_index.md", "---\ntitle: Guides\n---\n");
  make_file (content, "guides/ok.md", "---\ntitle: A real article\n---\nInside.\n");
  make_link (content, "guides/inside.md", "ok.md");                   /* stays inside: read */
  make_link (content, "guides/passwd.md", "/etc/passwd");
  make_link (content, "guides/shadow.md", "/etc/shadow");
  make_link (content, "guides/outside.md", "../../../secret.md");
  make_link (content, "guides/zero.md", "/dev/zero");
  make_link (content, "guides/null.md", "/dev/null");
  make_link (content, "guides/loop.md", "loop.md");
  make_link (content, "guides/dangling.md", "no-such-file.md");
  make_link (content, "guides/fifo-link.md", "pipe.md");
  make_link (content, "etc", "/etc");                                  /* a folder out */
  make_link (content, "up", "..");                                     /* a folder loop */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  /* A device node, where we may make one (root). */
  have_device = mknod (device, S_IFCHR | 0644, makedev (1, 5)) == 0;
  /* Over the per-file limit (sparse: it costs no disk). */
  fd = g_open (big, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "---\ntitle: Big\n---\n", 20), ==, 20);
  g_assert_cmpint (ftruncate (fd, 17 * 1024 * 1024), ==, 0);
  close (fd);
  /* The folder the user chose may itself be a link. */
  make_link (dir, "chosen", "site");

  /* A FIFO or device read would hang or never end: fail by the alarm. */
  alarm (120);
  g_assert_true (topiary_import (project, via_link, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  alarm (0);
  g_assert_no_error (error);

  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (report->warnings, i));
  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autoptr(TopiaryArticle) full = topiary_project_get_article (project, topiary_article_get_id (a), TRUE, NULL);

      g_assert_cmpstr (topiary_article_get_title (a), ==, "A real article");
      g_assert_cmpstr (topiary_article_get_body (full), ==, "Inside.\n");
    }
  /* Every file left out is named in a warning. */
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("%s”", skipped[i]);
      g_test_message ("skipped %s", skipped[i]);
      g_assert_true (warned_about (report, quoted));
    }
  if (have_device)
    g_assert_true (warned_about (report, "device.md”"));
  else
    g_test_message ("no device node: mknod needs root");

  topiary_project_close (project);
  test_remove_tree (dir);
}

/* Between the walk and the read a file can be swapped for a FIFO, a link or
 * another file: the read refuses each, without blocking. */
static void
test_hugo_swapped_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-swap-XXXXXX", NULL);
  g_autofree char *real_dir = _topiary_import_fs_real_folder (dir);
  g_autofree char *path = g_build_filename (dir, "a.md", NULL);
  g_autofree char *read_path = NULL;
  g_autofree char *text = NULL;
  TopiaryFileId id;
  gboolean complete;
  gsize length;

  make_file (dir, "a.md", "hello\n");
  g_assert_cmpint (_topiary_import_fs_classify (path, real_dir, 100, &read_path, &id), ==, TOPIARY_IMPORT_FS_FILE);
  text = _topiary_import_fs_read (read_path, &id, 100, &complete, &length, NULL);
  g_assert_cmpstr (text, ==, "hello\n");
  g_assert_true (complete);
  g_clear_pointer (&text, g_free);

  /* Only the first bytes, when that is all that is asked for. */
  text = _topiary_import_fs_read (read_path, &id, 3, &complete, &length, NULL);
  g_assert_cmpstr (text, ==, "hel");
  g_assert_false (complete);
  g_clear_pointer (&text, g_free);

  /* Over the limit at the walk. */
  g_clear_pointer (&read_path, g_free);
  g_assert_cmpint (_topiary_import_fs_classify (path, real_dir, 5, &read_path, &id), ==, TOPIARY_IMPORT_FS_TOO_LARGE);
  g_assert_null (read_path);
  g_assert_cmpint (_topiary_import_fs_classify (path, real_dir, 100, &read_path, &id), ==, TOPIARY_IMPORT_FS_FILE);

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *kept = g_build_filename (dir, "kept.md", NULL);

    /* Kept, so its inode number is not given to the file that replaces it. */
    g_assert_cmpint (g_rename (path, kept), ==, 0);
    g_assert_cmpint (mkfifo (path, 0644), ==, 0);
    alarm (60);
    text = _topiary_import_fs_read (read_path, &id, 100, &complete, &length, &error);
    alarm (0);
    g_assert_null (text);
    g_assert_nonnull (error);
  }
  {
    g_autoptr(GError) error = NULL;

    g_unlink (path);
    g_assert_cmpint (symlink ("/etc/passwd", path), ==, 0);
    text = _topiary_import_fs_read (read_path, &id, 100, &complete, &length, &error);
    g_assert_null (text);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *other = g_build_filename (dir, "b.md", NULL);

    g_unlink (path);
    make_file (dir, "b.md", "other\n");
    g_assert_cmpint (g_rename (other, path), ==, 0);
    text = _topiary_import_fs_read (read_path, &id, 100, &complete, &length, &error);
    g_assert_null (text);
    g_assert_nonnull (error);
  }

  /* Containment compares whole path components. */
  g_assert_true (_topiary_import_fs_is_inside ("/a/b", "/a"));
  g_assert_true (_topiary_import_fs_is_inside ("/a", "/a"));
  g_assert_false (_topiary_import_fs_is_inside ("/ab", "/a"));
  g_assert_false (_topiary_import_fs_is_inside ("/", "/a"));
  g_assert_true (_topiary_import_fs_is_inside ("/etc", "/"));

  test_remove_tree (dir);
}

/* ---- item 13: titles, fields and texts have limits ---- */

/* @n copies of @unit. */
static char *
repeat (const char *unit,
        gsize       n)
{
  gsize len = strlen (unit);
  char *s = g_malloc (len * n + 1);

  for (gsize i = 0; i < n; i++)
    memcpy (s + i * len, unit, len);
  s[len * n] = '\0';
  return s;
}

static void
assert_refused (gboolean    ok,
                GError    **error,
                const char *message)
{
  g_assert_false (ok);
  g_assert_error (*error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

/* The project refuses what is too long, in one sentence the app shows; at
 * the limit, counted in characters, it accepts. */
static void
test_limits_core (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-limits-XXXXXX", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autofree char *title_max = repeat ("é", TOPIARY_TITLE_MAX);   /* 2,000 bytes */
  g_autofree char *title_over = repeat ("a", TOPIARY_TITLE_MAX + 1);
  g_autofree char *text_max = repeat ("ü", TOPIARY_TEXT_MAX);
  g_autofree char *text_over = repeat ("a", TOPIARY_TEXT_MAX + 1);
  g_autofree char *body_over = repeat ("a", TOPIARY_BODY_MAX + 1);
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Group");
  g_autoptr(TopiaryNote) note = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *title_msg = "A title can be at most 1,000 characters long.";
  const char *text_msg = "A summary, description or map field can be at most 10,000 characters long.";
  const char *body_msg = "The text is larger than 16 MB and was not saved.";

  /* Articles. */
  topiary_article_set_title (article, title_over);
  assert_refused (topiary_project_add_article (project, article, &error), &error, title_msg);
  topiary_article_set_title (article, title_max);
  topiary_article_set_summary (article, text_over);
  assert_refused (topiary_project_add_article (project, article, &error), &error, text_msg);
  topiary_article_set_summary (article, text_max);
  topiary_article_set_body (article, body_over);
  assert_refused (topiary_project_add_article (project, article, &error), &error, body_msg);
  topiary_article_set_body (article, "Fine.");
  g_assert_true (topiary_project_add_article (project, article, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (topiary_article_get_title (article), -1), ==, TOPIARY_TITLE_MAX);

  topiary_article_set_title (article, title_over);
  assert_refused (topiary_project_update_article (project, article, &error), &error, title_msg);
  topiary_article_set_title (article, "Short");
  {
    const char *queries[] = { "fine", title_over, NULL };
    topiary_article_set_queries (article, queries);
    assert_refused (topiary_project_update_article (project, article, &error), &error,
                    "A target query can be at most 1,000 characters long.");
  }
  for (guint i = 0; i <= TOPIARY_QUERIES_MAX; i++)
    g_ptr_array_add (many, g_strdup_printf ("query %u", i));
  g_ptr_array_add (many, NULL);
  topiary_article_set_queries (article, (const char * const *) many->pdata);
  assert_refused (topiary_project_update_article (project, article, &error), &error,
                  "An article can have at most 1,000 target queries.");
  assert_refused (topiary_project_save_body (project, topiary_article_get_id (article), body_over, &error),
                  &error, body_msg);

  /* Groups. */
  topiary_group_set_title (group, title_over);
  assert_refused (topiary_project_add_group (project, group, &error), &error, title_msg);
  topiary_group_set_title (group, title_max);
  topiary_group_set_description (group, text_over);
  assert_refused (topiary_project_add_group (project, group, &error), &error, text_msg);
  topiary_group_set_description (group, text_max);
  g_assert_true (topiary_project_add_group (project, group, &error));
  g_assert_no_error (error);
  topiary_group_set_title (group, title_over);
  assert_refused (topiary_project_update_group (project, group, &error), &error, title_msg);

  /* Notes and the map. */
  note = topiary_note_new ("other", title_over, "x");
  assert_refused (topiary_project_add_note (project, note, &error), &error, title_msg);
  g_clear_object (&note);
  note = topiary_note_new ("other", "Fine", body_over);
  assert_refused (topiary_project_add_note (project, note, &error), &error, body_msg);
  assert_refused (topiary_project_set_map_field (project, "title", title_over, &error), &error, title_msg);
  assert_refused (topiary_project_set_map_field (project, "goal", text_over, &error), &error, text_msg);
  g_assert_true (topiary_project_set_map_field (project, "goal", text_max, &error));
  g_assert_no_error (error);

  topiary_project_close (project);
  test_remove_tree (dir);
}

static guint64
folder_bytes (const char *path)
{
  GStatBuf st;
  guint64 total = 0;

  if (g_lstat (path, &st) != 0)
    return 0;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          total += folder_bytes (child);
        }
      return total;
    }
  return (guint64) st.st_size;
}

/* A 50 MB title: cut at import with a warning, in little memory, and the
 * site that shows it stays small. Run apart, so its peak memory is its own. */
static void
test_limits_huge_title_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-title-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *source = NULL;
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(TopiaryArticle) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = repeat ("Word ", 1024 * 1024 / 5);
  TopiaryExportOptions options = { 0 };
  struct rusage ru;
  FILE *file;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Runs in a subprocess of /core/import/reliability/limits-huge-title.");
      return;
    }

  /* Written in pieces, so the test's own copy does not count. */
  source = g_build_filename (dir, "big.md", NULL);
  file = g_fopen (source, "w");
  g_assert_nonnull (file);
  fputs ("# Big\n\n## Group\n\n- ", file);
  for (guint i = 0; i < 50; i++)
    fputs (words, file);
  fputs ("\n- Small one\n", file);
  g_assert_cmpint (fclose (file), ==, 0);

  g_assert_true (topiary_import (project, source, TOPIARY_IMPORT_OUTLINE, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->articles, ==, 2);
  g_assert_true (warned_about (report, "longer than 1,000 characters"));
  articles = topiary_project_list_articles (project, NULL);
  big = g_list_model_get_item (articles, 0);
  g_assert_cmpint (g_utf8_strlen (topiary_article_get_title (big), -1), <=, TOPIARY_TITLE_MAX);
  g_assert_true (g_str_has_prefix (topiary_article_get_title (big), "Word Word"));

  options.format = TOPIARY_EXPORT_SITE;
  options.drafts = TRUE;
  g_assert_true (topiary_export (project, site, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("site: %" G_GUINT64_FORMAT " bytes", folder_bytes (site));
  g_assert_cmpuint (folder_bytes (site), <, 5 * 1024 * 1024);

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  g_test_message ("peak memory: %ld MiB", ru.ru_maxrss / 1024);
#if !defined(__SANITIZE_ADDRESS__)
  /* 50 MB read, the text parsed: a few copies, not the 500 MB of before. */
  g_assert_cmpint (ru.ru_maxrss / 1024, <, 400);
#endif

  topiary_project_close (project);
  test_remove_tree (dir);
}

static void
test_limits_huge_title (void)
{
  g_test_trap_subprocess ("/core/import/reliability/limits-huge-title/run", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Every importer cuts what is too long and says so, never silently. */
static void
test_limits_import_fields (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-fields-XXXXXX", NULL);
  g_autoptr(TopiaryProject) project = new_project (dir);
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_title = repeat ("Title ", 400);        /* 2,400 characters */
  g_autofree char *long_summary = repeat ("Summary ", 2000);   /* 16,000 */
  g_autofree char *long_query = repeat ("query ", 300);        /* 1,800 */
  g_autofree char *long_group = repeat ("Group ", 300);
  g_autofree char *csv = g_strdup_printf ("Title,Group,Summary,Keywords\n"
                                          "%s,%s,%s,\"short; %s\"\n"
                                          "Plain,%s,Short,one\n",
                                          long_title, long_group, long_summary, long_query, long_group);
  g_autofree char *source = write_text (dir, "plan.csv", csv, -1);
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(TopiaryGroup) g = NULL;
  const char * const *queries;

  g_assert_true (topiary_import (project, source, TOPIARY_IMPORT_CSV, report, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (report->warnings, i));

  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  a = g_list_model_get_item (articles, 0);
  g_assert_cmpint (g_utf8_strlen (topiary_article_get_title (a), -1), ==, TOPIARY_TITLE_MAX);
  g_assert_cmpint (g_utf8_strlen (topiary_article_get_summary (a), -1), ==, TOPIARY_TEXT_MAX);
  queries = topiary_article_get_queries (a);
  g_assert_cmpuint (g_strv_length ((char **) queries), ==, 2);
  for (guint i = 0; queries[i] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (queries[i], -1), <=, TOPIARY_QUERY_MAX);
  groups = topiary_project_list_groups (project, NULL);
  /* One group: the same long name, cut the same way, both times. */
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  g = g_list_model_get_item (groups, 0);
  g_assert_cmpint (g_utf8_strlen (topiary_group_get_title (g), -1), ==, TOPIARY_TITLE_MAX);

  g_assert_true (warned_about (report, "The title “Title Title"));
  g_assert_true (warned_about (report, "The summary of"));
  g_assert_true (warned_about (report, "A target query of"));
  g_assert_true (warned_about (report, "The group title “Group Group"));

  /* A map title and a note too long, in an outline. */
  {
    g_autoptr(TopiaryImportReport) r2 = topiary_import_report_new ();
    g_autofree char *outline = g_strdup_printf ("---\ntitle: \"%s\"\n---\n\n## Strategy\n\nWe write.\n\n## %s\n\n- One\n",
                                                long_title, long_title);
    g_autofree char *path = write_text (dir, "plan.md", outline, -1);
    g_autofree char *map_title = NULL;

    g_assert_true (topiary_import (project, path, TOPIARY_IMPORT_OUTLINE, r2, NULL, NULL, &error));
    g_assert_no_error (error);
    map_title = topiary_project_get_map_field (project, "title");
    g_assert_cmpint (g_utf8_strlen (map_title, -1), ==, TOPIARY_TITLE_MAX);
    g_assert_true (warned_about (r2, "The title of the map is longer"));
    g_assert_true (warned_about (r2, "The group title"));
  }

  topiary_project_close (project);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/reliability/slug-reserved-names", test_slug_reserved);
  g_test_add_func ("/core/import/reliability/slug-reserved-import", test_slug_reserved_import);
  g_test_add_func ("/core/import/reliability/many-groups", test_many_groups);
  g_test_add_func ("/core/import/reliability/group-index-added", test_group_index_added);
  g_test_add_func ("/core/import/reliability/pipe-read-whole", test_pipe_whole);
  g_test_add_func ("/core/import/reliability/pipe-endless", test_pipe_endless);
  g_test_add_func ("/core/import/reliability/hugo-hostile-files", test_hugo_hostile_files);
  g_test_add_func ("/core/import/reliability/hugo-swapped-files", test_hugo_swapped_files);
  g_test_add_func ("/core/import/reliability/limits-core", test_limits_core);
  g_test_add_func ("/core/import/reliability/limits-import-fields", test_limits_import_fields);
  g_test_add_func ("/core/import/reliability/limits-huge-title", test_limits_huge_title);
  g_test_add_func ("/core/import/reliability/limits-huge-title/run", test_limits_huge_title_run);

  return g_test_run ();
}
