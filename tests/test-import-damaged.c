/* test-import-damaged.c — every importer against damaged input
 *
 * Each import must either succeed (maybe with warnings) or fail with a
 * GError, and a failed import must leave the project exactly as it was.
 * The inputs are made here: fixtures cut at many offsets, random bytes,
 * invalid UTF-8, NUL bytes, 10 MB lines, 10,000-level nesting, a CSV with
 * 10,000 columns, empty files, and Hugo folders with the same damage.
 * Hostile ones too (issue 9): an endless pipe, /dev/zero as the source, a
 * 50 MB title, 50,000 groups, Windows device names as titles, and Hugo
 * folders with links out of them (/etc/passwd), to devices (/dev/zero),
 * FIFOs, link loops and files over the size limit; a FIFO or device read
 * would hang, so an alarm fails the test instead. The alarm is far above
 * the time the work takes (about a minute under AddressSanitizer on an
 * idle machine, seven times that on a loaded one): it catches a hang,
 * not slowness, which belongs to the benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Below the ASan suite's 20-minute meson timeout. */
#define HANG_ALARM_S 900

#include <glib/gstdio.h>

#include "topiary-import.h"
#include "test-util.h"

/* A string literal and its length, NULs included. */
#define LIT(s) (s), (sizeof (s) - 1)

typedef struct {
  char           *dir;
  TopiaryProject *project;
  guint           imports;
  guint           failures;
} Fixture;

typedef struct {
  guint   articles;
  guint   groups;
  guint   notes;
  char   *title;
} Counts;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("topiary-damaged-XXXXXX", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_test_message ("%u imports, %u refused", f->imports, f->failures);
  g_clear_object (&f->project);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
count (Fixture *f,
       Counts  *c)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (f->project, NULL);
  g_autoptr(GListModel) notes = topiary_project_list_notes (f->project, NULL);

  c->articles = topiary_project_count_articles (f->project, NULL);
  c->groups = g_list_model_get_n_items (groups);
  c->notes = g_list_model_get_n_items (notes);
  c->title = topiary_project_get_map_field (f->project, "title");
}

/* Imports @source; a failure must be a GError and change nothing. */
static void
check_import (Fixture             *f,
              const char          *source,
              TopiaryImportFormat  format)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  Counts before, after;
  gboolean ok;

  count (f, &before);
  ok = topiary_import (f->project, source, format, report, NULL, NULL, &error);
  count (f, &after);
  f->imports++;

  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (after.articles, >=, before.articles);
      g_assert_cmpuint (after.articles - before.articles, ==, report->articles);
    }
  else
    {
      f->failures++;
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpuint (after.articles, ==, before.articles);
      g_assert_cmpuint (after.groups, ==, before.groups);
      g_assert_cmpuint (after.notes, ==, before.notes);
      g_assert_cmpstr (after.title, ==, before.title);
    }
  /* Warnings are sentences, never empty. */
  for (guint i = 0; i < report->warnings->len; i++)
    g_assert_cmpstr (g_ptr_array_index (report->warnings, i), !=, "");
  g_free (before.title);
  g_free (after.title);
}

static void
check_bytes (Fixture             *f,
             const char          *data,
             gsize                length,
             TopiaryImportFormat  format)
{
  g_autofree char *path = g_build_filename (f->dir, "input.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
  check_import (f, path, format);
  /* Detection must cope too, and so must whatever it picks. */
  if (format != TOPIARY_IMPORT_AUTO && length < 200000)
    check_import (f, path, TOPIARY_IMPORT_AUTO);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, length, NULL));
  return text;
}

/* The fixtures cut short at many offsets, and with bytes flipped. */
static void
truncations (Fixture             *f,
             const char          *name,
             TopiaryImportFormat  format)
{
  gsize length;
  g_autofree char *text = read_fixture (name, &length);
  gsize step = MAX (1, length / 60);
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize cut = 0; cut <= length; cut += step)
    check_bytes (f, text, cut, format);
  for (gsize cut = 0; cut < MIN (length, 24); cut++)
    check_bytes (f, text, cut, format);

  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *copy = g_memdup2 (text, length);

      for (guint k = 0; k < 8; k++)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 1, 256);
      check_bytes (f, copy, length, format);
    }
  g_rand_free (rand);
}

static void
random_bytes (Fixture             *f,
              TopiaryImportFormat  format)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 12; round++)
    {
      gsize length = (gsize) g_rand_int_range (rand, 1, 4096);
      g_autofree char *data = g_malloc (length);

      for (gsize i = 0; i < length; i++)
        data[i] = (char) g_rand_int_range (rand, 0, 256);
      /* Half of them without NULs, so they get past the text check. */
      if (round % 2 == 0)
        for (gsize i = 0; i < length; i++)
          if (data[i] == '\0')
            data[i] = '\n';
      check_bytes (f, data, length, format);
    }
  g_rand_free (rand);
}

/* Inputs every text importer gets. */
static void
common_damage (Fixture             *f,
               TopiaryImportFormat  format)
{
  static const char invalid_utf8[] = "# Plan\n\n## Gr\xc3\x28up\n\n- Art\xff\xfeicle \xed\xa0\x80 one\n- [x] Two \xc0\xaf\n";
  static const char with_nul[] = "Title,Keyword\nOne,two\n\0\nThree,four\n";
  const gsize big = 10 * 1024 * 1024;
  g_autofree char *line = g_malloc (big + 64);

  check_bytes (f, "", 0, format);
  check_bytes (f, "\n", 1, format);
  check_bytes (f, "\xef\xbb\xbf", 3, format);
  check_bytes (f, "   \t\r\n\r\n", 7, format);
  check_bytes (f, invalid_utf8, sizeof invalid_utf8 - 1, format);
  check_bytes (f, with_nul, sizeof with_nul - 1, format);
  check_bytes (f, "---\n", 4, format);
  check_bytes (f, "---\ntitle: [\n---\n- a\n", 21, format);
  check_bytes (f, "|", 1, format);
  check_bytes (f, "\"", 1, format);
  check_bytes (f, "# \n## \n### \n- \n- [ ]\n- [x] \n1.\n", 31, format);

  /* A 10 MB line: plain, as a list item, as a quoted CSV field. */
  memset (line, 'a', big);
  check_bytes (f, line, big, format);
  memcpy (line, "- ", 2);
  check_bytes (f, line, big, format);
  memcpy (line, "Title\n\"", 7);
  check_bytes (f, line, big, format);
  /* A 10 MB line of separators and marks. */
  for (gsize i = 0; i < big; i++)
    line[i] = "(P1), ;|-:[]`*"[i % 15];
  memcpy (line, "Title,Keyword\n- ", 16);
  check_bytes (f, line, big, format);
}

static void
deep_nesting (Fixture             *f,
              TopiaryImportFormat  format)
{
  g_autoptr(GString) s = g_string_new ("# Deep\n\n## Group\n\n");

  /* 10,000 list levels on one line, then 2,000 by indentation. */
  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "- ");
  g_string_append (s, "Bottom\n");
  for (guint i = 0; i < 2000; i++)
    {
      for (guint k = 0; k < i; k++)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "- Level %u\n", i);
    }
  check_bytes (f, s->str, s->len, format);

  /* 10,000 levels of YAML in the front matter, flow and block style. */
  g_string_assign (s, "---\ntitle: ");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "\n---\n## Group\n- Article\n");
  check_bytes (f, s->str, s->len, format);

  g_string_assign (s, "---\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (s, "%*sk:\n", (int) MIN (i, 300), "");
  g_string_append (s, "---\n## Group\n- Article\n");
  check_bytes (f, s->str, s->len, format);

  g_string_assign (s, "---\nparams: ");
  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "{a: ");
  g_string_append (s, "\n---\n- Article\n");
  check_bytes (f, s->str, s->len, format);

  /* 10,000 headings of every level. */
  g_string_truncate (s, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (s, "%.*s H%u\n", 1 + (int) (i % 6), "######", i);
  check_bytes (f, s->str, s->len, format);
}

static void
wide_csv (Fixture             *f,
          TopiaryImportFormat  format)
{
  g_autoptr(GString) s = g_string_new ("Title");

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (s, ",Column %u", i);
  g_string_append_c (s, '\n');
  for (guint row = 0; row < 5; row++)
    {
      g_string_append_printf (s, "Row %u", row);
      for (guint i = 0; i < 10000 - row * 1000; i++)
        g_string_append_printf (s, ",%u", i);
      g_string_append_c (s, '\n');
    }
  check_bytes (f, s->str, s->len, format);

  /* 10,000 rows sharing one title, and a cell of 100,000 queries. */
  g_string_assign (s, "Title,Keywords\n");
  for (guint row = 0; row < 10000; row++)
    g_string_append (s, "Same,x\n");
  g_string_append (s, "Many,\"");
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, "q%u;", i % 50);
  g_string_append (s, "\"\n");
  check_bytes (f, s->str, s->len, format);
}

static void
test_outline (Fixture       *f,
              gconstpointer  data)
{
  truncations (f, "outline-selfhosting.md", TOPIARY_IMPORT_OUTLINE);
  truncations (f, "outline-table.md", TOPIARY_IMPORT_OUTLINE);
  random_bytes (f, TOPIARY_IMPORT_OUTLINE);
  common_damage (f, TOPIARY_IMPORT_OUTLINE);
  deep_nesting (f, TOPIARY_IMPORT_OUTLINE);
  wide_csv (f, TOPIARY_IMPORT_OUTLINE);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  truncations (f, "csv-seo-plan.csv", TOPIARY_IMPORT_CSV);
  truncations (f, "csv-semicolon.csv", TOPIARY_IMPORT_CSV);
  random_bytes (f, TOPIARY_IMPORT_CSV);
  common_damage (f, TOPIARY_IMPORT_CSV);
  deep_nesting (f, TOPIARY_IMPORT_CSV);
  wide_csv (f, TOPIARY_IMPORT_CSV);
}

/* ---- hostile sources (issue 9) ---- */

static gpointer
endless_writer (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  char block[4096];

  memset (block, '-', sizeof block);
  /* Until the reader closes its end: EPIPE, as SIGPIPE is ignored. */
  while (write (fd, block, sizeof block) > 0 || errno == EINTR)
    ;
  close (fd);
  return NULL;
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new (NULL);

  signal (SIGPIPE, SIG_IGN);
  alarm (HANG_ALARM_S);

  /* An endless pipe, as the format given and to be detected. */
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *source = NULL;
      GThread *thread;
      int fds[2];

      g_assert_cmpint (pipe (fds), ==, 0);
      source = g_strdup_printf ("/dev/fd/%d", fds[0]);
      thread = g_thread_new ("endless", endless_writer, GINT_TO_POINTER (fds[1]));
      check_import (f, source, round == 0 ? TOPIARY_IMPORT_OUTLINE : TOPIARY_IMPORT_AUTO);
      close (fds[0]);
      g_thread_join (thread);
    }
  /* Devices as the source. */
  check_import (f, "/dev/zero", TOPIARY_IMPORT_CSV);
  check_import (f, "/dev/zero", TOPIARY_IMPORT_AUTO);
  check_import (f, "/dev/null", TOPIARY_IMPORT_AUTO);

  /* A 50 MB title. */
  g_string_assign (s, "# Big\n\n## Group\n\n- ");
  while (s->len < 50 * 1024 * 1024)
    g_string_append (s, "Word ");
  g_string_append (s, "\n");
  check_bytes (f, s->str, s->len, TOPIARY_IMPORT_OUTLINE);
  g_string_assign (s, "Title,Group\n");
  while (s->len < 20 * 1024 * 1024)
    g_string_append (s, "Word ");
  g_string_append (s, ",G\n");
  check_bytes (f, s->str, s->len, TOPIARY_IMPORT_CSV);

  /* 50,000 groups. */
  g_string_assign (s, "# Many\n\n");
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (s, "## G%u\n- A%u\n", i, i);
  check_bytes (f, s->str, s->len, TOPIARY_IMPORT_OUTLINE);

  /* Windows device names as titles and slugs. */
  check_bytes (f, LIT ("# Devices\n\n## CON\n\n- NUL\n- aux.txt\n- COM1\n- lpt9 (/lpt9)\n- con.md\n"),
               TOPIARY_IMPORT_OUTLINE);
  check_bytes (f, LIT ("Title,Group,Slug\nPRN,NUL,con\nAUX,nul,aux\n"), TOPIARY_IMPORT_CSV);

  alarm (0);
}

/* ---- Hugo folders ---- */

static void
write_file (const char *dir,
            const char *rel,
            const char *text,
            gsize       length)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
check_folder (Fixture    *f,
              const char *content)
{
  check_import (f, content, TOPIARY_IMPORT_HUGO);
  check_import (f, content, TOPIARY_IMPORT_AUTO);
  test_remove_tree (content);
}

/* No article holds what lies outside the imported folder. */
static void
assert_nothing_from_outside (Fixture *f)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (f->project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autofree char *body = topiary_project_get_body (f->project, topiary_article_get_id (a), NULL);

      g_assert_null (strstr (topiary_article_get_title (a), "Outside"));
      g_assert_true (body == NULL || (strstr (body, "root:") == NULL && strstr (body, "SECRET") == NULL));
    }
}

static void
test_hugo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *content = g_build_filename (f->dir, "site", "content", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", NULL);
  const char *good = "---\ntitle: \"A good one\"\nslug: good\nkind: pillar\nqueries: [a, b]\n---\n\nBody text.\n";
  gsize good_len = strlen (good);
  GRand *rand = g_rand_new_with_seed (99);
  const gsize big = 10 * 1024 * 1024;
  g_autofree char *line = NULL;
  g_autoptr(GString) s = g_string_new (NULL);

  check_import (f, missing, TOPIARY_IMPORT_HUGO);

  /* An empty folder, and one with only other files. */
  g_assert_cmpint (g_mkdir_with_parents (content, 0755), ==, 0);
  check_folder (f, content);
  write_file (content, "img/logo.png", LIT ("\x89PNG\r\n"));
  check_folder (f, content);

  /* A good file cut at every few bytes, each cut as its own article. */
  for (gsize cut = 0; cut <= good_len; cut += 3)
    {
      g_autofree char *name = g_strdup_printf ("group/cut-%03" G_GSIZE_FORMAT ".md", cut);
      write_file (content, name, good, cut);
    }
  write_file (content, "group/_index.md", LIT ("---\ntitle: [broken\n"));
  write_file (content, "_index.md", LIT ("+++\ntitle = \n+++\n"));
  check_folder (f, content);

  /* Random bytes, NULs, invalid UTF-8, empty files. */
  for (guint i = 0; i < 10; i++)
    {
      gsize length = (gsize) g_rand_int_range (rand, 0, 2048);
      g_autofree char *bytes = g_malloc (length + 1);
      g_autofree char *name = g_strdup_printf ("noise/file-%u.md", i);

      for (gsize k = 0; k < length; k++)
        bytes[k] = (char) g_rand_int_range (rand, 0, 256);
      if (i % 3 == 0 && length > 4)
        memcpy (bytes, "---\n", 4);
      write_file (content, name, bytes, length);
    }
  write_file (content, "noise/empty.md", "", 0);
  write_file (content, "noise/nul.md", LIT ("---\ntitle: a\0b\n---\nx\0y"));
  write_file (content, "noise/utf8.md", LIT ("---\ntitle: \"caf\xe9\"\n---\nbad \xff byte\n"));
  write_file (content, "noise/toml.md", LIT ("+++\ntitle = \"\\uD800\"\n[[a]]\n[a]\n+++\n"));
  check_folder (f, content);

  /* A 10 MB line in the front matter and in the body. */
  line = g_malloc (big);
  memset (line, 'x', big);
  memcpy (line, "---\ntitle: ", 11);
  write_file (content, "big/front.md", line, big);
  memcpy (line, "---\ntitle: b\n---\n", 17);
  write_file (content, "big/body.md", line, big);
  check_folder (f, content);

  /* 10,000 levels of YAML, and folders nested 300 deep. */
  g_string_assign (s, "---\ntitle: ");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  g_string_append (s, "\n---\nbody\n");
  write_file (content, "deep/yaml.md", s->str, s->len);
  g_string_assign (s, "deep");
  for (guint i = 0; i < 300; i++)
    g_string_append (s, "/d");
  g_string_append (s, "/leaf.md");
  write_file (content, s->str, good, good_len);
  check_folder (f, content);

  /* Links out, devices, FIFOs, loops, files over the limit. */
  {
    g_autofree char *outside = g_build_filename (f->dir, "outside.md", NULL);
    static const struct { const char *name; const char *target; } links[] = {
      { "hostile/passwd.md", "/etc/passwd" },
      { "hostile/shadow.md", "/etc/shadow" },
      { "hostile/zero.md", "/dev/zero" },
      { "hostile/urandom.md", "/dev/urandom" },
      { "hostile/outside.md", "../../../outside.md" },
      { "hostile/loop.md", "loop.md" },
      { "hostile/dangling.md", "nowhere.md" },
      { "hostile/fifo-link.md", "pipe.md" },
      { "hostile/etc", "/etc" },
      { "hostile/up", ".." },
      { "hostile/_index.md", "/etc/hostname" },
    };
    g_autofree char *fifo = g_build_filename (content, "hostile", "pipe.md", NULL);
    g_autofree char *device = g_build_filename (content, "hostile", "zero-node.md", NULL);
    g_autofree char *big_file = g_build_filename (content, "hostile", "big.md", NULL);
    int fd;

    g_file_set_contents (outside, "---\ntitle: Outside\n---\nSECRET\n", -1, NULL);
    write_file (content, "hostile/fine.md", good, good_len);
    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      {
        g_autofree char *path = g_build_filename (content, links[i].name, NULL);
        g_assert_cmpint (symlink (links[i].target, path), ==, 0);
      }
    g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
    if (mknod (device, S_IFCHR | 0644, makedev (1, 5)) != 0)
      g_test_message ("no device node: mknod needs root");
    fd = g_open (big_file, O_WRONLY | O_CREAT, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
    close (fd);

    alarm (HANG_ALARM_S);
    check_import (f, content, TOPIARY_IMPORT_HUGO);
    assert_nothing_from_outside (f);
    check_folder (f, content);
    alarm (0);
    g_unlink (outside);
  }

  /* The same slug a thousand times. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("same/%04u/index.md", i);
      write_file (content, name, LIT ("---\nslug: same\n---\n"));
    }
  check_folder (f, content);

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/import/damaged/outline", Fixture, NULL, fixture_setup, test_outline, fixture_teardown);
  g_test_add ("/core/import/damaged/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/core/import/damaged/hugo", Fixture, NULL, fixture_setup, test_hugo, fixture_teardown);
  g_test_add ("/core/import/damaged/hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);

  return g_test_run ();
}
