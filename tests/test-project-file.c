/* test-project-file.c — opening a project file in every state a crash, a
 * full disk or a read-only medium can leave it in, and what is left beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-import.h"
#include "topiary-project.h"
#include "test-util.h"

#define N_FIRST  20
#define N_SECOND 300

typedef TestTmpFixture Fixture;

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
write_bytes (const char *path,
             GBytes     *bytes,
             gsize       len)
{
  g_assert_cmpuint (len, <=, g_bytes_get_size (bytes));
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), len, NULL));
}

static gboolean
exists_with (const char *path,
             const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);
  return g_file_test (p, G_FILE_TEST_EXISTS);
}

static guint32
header_pages (GBytes *bytes)
{
  const guint8 *p = g_bytes_get_data (bytes, NULL);
  return ((guint32)p[28] << 24) | ((guint32)p[29] << 16) | ((guint32)p[30] << 8) | p[31];
}

static void
add_articles (TopiaryProject *project,
              guint           first,
              guint           n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_begin (project, &error));
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(TopiaryArticle) a = topiary_article_new ();
      g_autofree char *title = g_strdup_printf ("Article number %u", i);
      g_autofree char *body = g_strnfill (3000, 'a' + i % 26);

      topiary_article_set_title (a, title);
      topiary_article_set_body (a, body);
      g_assert_true (topiary_project_add_article (project, a, &error));
      g_assert_no_error (error);
    }
  g_assert_true (topiary_project_commit (project, &error));
}

static guint
count_articles (const char       *path,
                TopiaryOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = topiary_project_open (path, flags, &error);
  g_autoptr(GListModel) articles = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (project);
  articles = topiary_project_list_articles (project, NULL);
  topiary_project_close (project);
  return g_list_model_get_n_items (articles);
}

/* A checkpoint caught in the middle, as kill -9 or a full disk leaves it:
 * SQLite writes the WAL's pages into the main file in page order, page 1
 * (with the new page count) first, and the file grows as later pages land.
 * The WAL still holds every committed page. @old_main is the main file
 * before the checkpoint, @new_main after it, @wal the WAL before. */
typedef struct {
  GBytes *old_main;
  GBytes *new_main;
  GBytes *wal;
  gsize   page_size;
} Checkpoint;

static void
checkpoint_clear (Checkpoint *c)
{
  g_clear_pointer (&c->old_main, g_bytes_unref);
  g_clear_pointer (&c->new_main, g_bytes_unref);
  g_clear_pointer (&c->wal, g_bytes_unref);
}

static void
make_checkpoint (Fixture    *f,
                 Checkpoint *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = NULL;

  project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_articles (project, 0, N_FIRST);
  topiary_project_close (project);
  g_clear_object (&project);
  g_assert_false (exists_with (f->path, "-wal"));

  /* A transaction big enough to grow the file, small enough that SQLite
   * does not checkpoint on its own (1,000 pages). */
  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c->old_main = file_bytes (f->path);
  add_articles (project, N_FIRST, N_SECOND);
  c->wal = file_bytes (wal);
  g_assert_cmpuint (g_bytes_get_size (c->wal), >, 32);
  g_assert_true (g_bytes_equal (c->old_main, file_bytes (f->path)));

  /* Checkpoint without resetting the WAL, then keep the result. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL), ==, SQLITE_OK);
  c->new_main = file_bytes (f->path);
  sqlite3_close (db);
  topiary_project_close (project);

  c->page_size = ((gsize)((const guint8 *)g_bytes_get_data (c->old_main, NULL))[16] << 8) |
                 ((const guint8 *)g_bytes_get_data (c->old_main, NULL))[17];
  g_assert_cmpuint (g_bytes_get_size (c->new_main), >, g_bytes_get_size (c->old_main) + 4 * c->page_size);
}

/* Writes the state where the first @written bytes of the new main file
 * have landed over the old one, and the WAL is intact. */
static void
write_mid_checkpoint (Fixture    *f,
                      Checkpoint *c,
                      gsize       written)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  gsize old_len = g_bytes_get_size (c->old_main);
  g_autoptr(GByteArray) main = g_byte_array_new ();

  g_byte_array_append (main, g_bytes_get_data (c->new_main, NULL), written);
  if (written < old_len)
    g_byte_array_append (main, (const guint8 *)g_bytes_get_data (c->old_main, NULL) + written, old_len - written);
  g_assert_true (g_file_set_contents (f->path, (char *)main->data, main->len, NULL));
  write_bytes (wal, c->wal, g_bytes_get_size (c->wal));
  g_unlink (shm);
}

static void
assert_whole (Fixture          *f,
              TopiaryOpenFlags  flags)
{
  g_assert_cmpuint (count_articles (f->path, flags), ==, N_FIRST + N_SECOND);
}

static void
test_mid_checkpoint (Fixture       *f,
                     gconstpointer  data)
{
  Checkpoint c = { 0 };
  gsize old_len;
  g_autoptr(GBytes) state = NULL;

  make_checkpoint (f, &c);
  old_len = g_bytes_get_size (c.old_main);

  /* Only page 1 written: the header counts pages the file does not have. */
  write_mid_checkpoint (f, &c, c.page_size);
  state = file_bytes (f->path);
  g_assert_cmpuint ((gsize)header_pages (state) * c.page_size, >, g_bytes_get_size (state));
  assert_whole (f, TOPIARY_OPEN_READ_ONLY);
  write_mid_checkpoint (f, &c, c.page_size);
  assert_whole (f, TOPIARY_OPEN_DEFAULT);
  /* The last connection finished the checkpoint. */
  g_assert_false (exists_with (f->path, "-wal"));
  g_assert_cmpuint (header_pages (file_bytes (f->path)) * c.page_size, ==, g_bytes_get_size (file_bytes (f->path)));

  /* The file has grown part of the way. */
  write_mid_checkpoint (f, &c, old_len + 2 * c.page_size);
  assert_whole (f, TOPIARY_OPEN_READ_ONLY);
  write_mid_checkpoint (f, &c, old_len + 2 * c.page_size);
  assert_whole (f, TOPIARY_OPEN_DEFAULT);

  /* Torn in the middle of a page, as a full disk can leave it. */
  write_mid_checkpoint (f, &c, old_len + 2 * c.page_size + 100);
  assert_whole (f, TOPIARY_OPEN_READ_ONLY);
  write_mid_checkpoint (f, &c, old_len + 2 * c.page_size + 100);
  assert_whole (f, TOPIARY_OPEN_DEFAULT);

  checkpoint_clear (&c);
}

/* Without its WAL the same file is truly damaged, and stays as it was. */
static void
test_mid_checkpoint_without_wal (Fixture       *f,
                                 gconstpointer  data)
{
  Checkpoint c = { 0 };
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;

  make_checkpoint (f, &c);
  write_mid_checkpoint (f, &c, g_bytes_get_size (c.old_main) + 2 * c.page_size);
  g_unlink (wal);
  before = file_bytes (f->path);

  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "map.topiary"));
  g_assert_true (g_bytes_equal (before, file_bytes (f->path)));
  g_assert_false (exists_with (f->path, "-wal"));
  g_assert_false (exists_with (f->path, "-shm"));
  checkpoint_clear (&c);
}

/* Reading leaves the folder as it was: no -wal, no -shm. */
static void
test_read_leaves_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryProject) reader = NULL;
  g_autoptr(GBytes) before = NULL;

  project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_articles (project, 0, 3);
  topiary_project_close (project);
  g_clear_object (&project);
  before = file_bytes (f->path);

  g_assert_cmpuint (count_articles (f->path, TOPIARY_OPEN_READ_ONLY), ==, 3);
  g_assert_false (exists_with (f->path, "-wal"));
  g_assert_false (exists_with (f->path, "-shm"));
  g_assert_true (g_bytes_equal (before, file_bytes (f->path)));

  /* A read-only project may not be written, not even by SQL. */
  reader = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_is_read_only (reader));
  g_assert_false (topiary_project_set_map_field (reader, "title", "x", &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* While a writer has it open, a reader leaves the writer's files alone. */
  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_articles (project, 3, 2);
  g_assert_cmpuint (count_articles (f->path, TOPIARY_OPEN_READ_ONLY), ==, 5);
  g_assert_true (exists_with (f->path, "-wal"));
  add_articles (project, 5, 1);
  topiary_project_close (reader);
  topiary_project_close (project);
  g_assert_false (exists_with (f->path, "-wal"));
  g_assert_false (exists_with (f->path, "-shm"));
  g_assert_cmpuint (count_articles (f->path, TOPIARY_OPEN_READ_ONLY), ==, 6);
}

/* A new project follows the umask like any file the user creates. */
static void
test_new_file_mode (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { mode_t mask; mode_t expected; } cases[] = {
    { 022, 0644 }, { 077, 0600 }, { 002, 0664 },
  };
  g_autofree char *source = g_build_filename (f->dir, "plan.csv", NULL);

  g_assert_true (g_file_set_contents (source, "Title,Group\nOne,G\nTwo,G\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *created = g_strdup_printf ("%s/created-%u.topiary", f->dir, i);
      g_autofree char *imported = g_strdup_printf ("%s/imported-%u.topiary", f->dir, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TopiaryProject) project = NULL;
      g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
      mode_t old = umask (cases[i].mask);
      struct stat st;

      project = topiary_project_open (created, TOPIARY_OPEN_CREATE, &error);
      g_assert_no_error (error);
      topiary_project_close (project);
      g_clear_object (&project);
      project = topiary_import_new_project (imported, source, TOPIARY_IMPORT_CSV, report, NULL, NULL, &error);
      g_assert_no_error (error);
      topiary_project_close (project);
      umask (old);

      g_assert_cmpint (g_stat (created, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, cases[i].expected);
      g_assert_cmpint (g_stat (imported, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/project-file/" path, Fixture, NULL, test_tmp_fixture_setup, func, test_tmp_fixture_teardown)
  ADD ("mid-checkpoint", test_mid_checkpoint);
  ADD ("mid-checkpoint-without-wal", test_mid_checkpoint_without_wal);
  ADD ("read-leaves-nothing", test_read_leaves_nothing);
  ADD ("new-file-mode", test_new_file_mode);
#undef ADD

  return g_test_run ();
}
