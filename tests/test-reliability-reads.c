/* test-reliability-reads.c — a read that fails is an error: the project's
 * lists, counts and lookups return NULL (or 0, or FALSE) and set the error
 * when a table cannot be read, never a shorter list or "not found", and
 * what builds on them (the JSON export, the media check) stops there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "topiary-check.h"
#include "topiary-export.h"
#include "topiary-media.h"
#include "topiary-project.h"

#include "media-util.h"
#include "test-util.h"

#define N_GROUPS   4
#define N_ARTICLES 400
#define N_NOTES    300
#define N_FILES    300

/* A project with enough groups, articles (each with a query and a
 * revision) and notes that each table spans several pages. */
static void
fill (TopiaryProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 groups[N_GROUPS];
  g_autofree char *filler = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append (text, "A sentence that takes some room on a page. ");
  filler = g_string_free (g_steal_pointer (&text), FALSE);

  g_assert_true (topiary_project_begin (project, &error));
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *title = g_strdup_printf ("Group %u", g);
      groups[g] = test_add_group (project, title);
    }
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autoptr(TopiaryArticle) a = topiary_article_new ();
      g_autofree char *title = g_strdup_printf ("Article number %u with a longer title", i);
      g_autofree char *slug = g_strdup_printf ("article-%u", i);
      const char *queries[] = { title, NULL };

      topiary_article_set_title (a, title);
      topiary_article_set_slug (a, slug);
      topiary_article_set_summary (a, "A summary of some length, so that rows are wide.");
      topiary_article_set_group_id (a, groups[i % N_GROUPS]);
      topiary_article_set_queries (a, queries);
      topiary_article_set_body (a, filler);
      g_assert_true (topiary_project_add_article (project, a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (topiary_project_snapshot (project, topiary_article_get_id (a), "manual", &error), >, 0);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Note %u", i);
      g_autoptr(TopiaryNote) note = topiary_note_new ("other", title, "A note that takes some room on its page.");

      g_assert_true (topiary_project_add_note (project, note, &error));
      g_assert_no_error (error);
    }
  g_assert_true (topiary_project_commit (project, &error));
  g_assert_no_error (error);
}

/* Overwrites the cells of a leaf page in the middle of @table, keeping the
 * page's header: SQLite still counts the rows (the header says how many),
 * but reading them fails partway, as a damaged sector does. */
static void
damage_cells (const char *path,
              const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree guint8 *page = NULL;
  gint64 page_size = 0, page_no;
  guint start;
  int fd;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 no = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (leaves, no);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* More than one page, so that a scan reads some rows before the damage. */
  g_assert_cmpuint (leaves->len, >=, 3);
  page_no = g_array_index (leaves, gint64, leaves->len / 2);

  page = g_malloc (page_size);
  fd = open (path, O_RDWR);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, page, page_size, (page_no - 1) * page_size), ==, page_size);
  start = (page[5] << 8) | page[6];
  g_assert_cmpuint (start, >, 8);
  g_assert_cmpuint (start, <, page_size);
  memset (page + start, 0xff, page_size - start);
  g_assert_cmpint (pwrite (fd, page, page_size, (page_no - 1) * page_size), ==, page_size);
  close (fd);
}

/* Runs @sql in a connection of its own: another program changing the
 * file behind the project's back. */
static void
run_sql_beside (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static TopiaryProject *
reopen (TestProjectFixture *f)
{
  g_autoptr(GError) error = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return f->project;
}

static void
assert_read_error (GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == TOPIARY_PROJECT_ERROR);
  /* Damage or a missing table: never "there is no such article". */
  g_assert_cmpint (error->code, !=, TOPIARY_PROJECT_ERROR_INVALID);
}

/* Notes whose page is damaged: the count still works, the list does not
 * come back short. */
static void
test_damaged_notes (TestProjectFixture *f,
                    gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *out = g_build_filename (f->dir, "map.json", NULL);
  TopiaryExportOptions opts = { .format = TOPIARY_EXPORT_JSON };

  fill (f->project);
  topiary_project_close (f->project);
  damage_cells (f->path, "note");
  reopen (f);

  g_assert_cmpuint (topiary_project_count_notes (f->project, &error), ==, N_NOTES);
  g_assert_no_error (error);

  notes = topiary_project_list_notes (f->project, &error);
  g_assert_null (notes);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* An import asks before adding a note: "cannot tell" is not "no". */
  g_assert_false (topiary_project_has_note (f->project, "other", "No such note", "", &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The map (groups, articles, the count of notes) reads; the notes do
   * not, so there is no map.json with some of them. */
  g_assert_false (topiary_export (f->project, out, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Articles whose page is damaged: every read of them is an error. */
static void
test_damaged_articles (TestProjectFixture *f,
                       gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autofree char *link = NULL;
  TopiaryStats stats;
  guint found = 0, failed = 0;

  fill (f->project);
  topiary_project_close (f->project);
  damage_cells (f->path, "article");
  reopen (f);

  articles = topiary_project_list_articles (f->project, &error);
  g_assert_null (articles);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_false (topiary_project_get_stats (f->project, &stats, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_assert_cmpuint (stats.articles, ==, 0);
  g_clear_error (&error);

  link = topiary_project_resolve_link (f->project, "article-1", NULL, &error);
  g_assert_null (link);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Each article is there: found, or an error; never "no such article". */
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *slug = g_strdup_printf ("article-%u", i);
      g_autoptr(TopiaryArticle) article = topiary_project_get_article_by_slug (f->project, slug, FALSE, &error);

      if (article != NULL)
        {
          g_assert_no_error (error);
          found++;
        }
      else
        {
          g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
          g_clear_error (&error);
          failed++;
        }
    }
  g_assert_cmpuint (found, >, 0);
  g_assert_cmpuint (failed, >, 0);

  /* The audit stops at the first read that fails. */
  g_assert_null (topiary_check_project (f->project, &error));
  assert_read_error (error);
}

/* Tables another program dropped: lists, counts and lookups say so. */
static void
test_tables_gone (TestProjectFixture *f,
                  gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  TopiaryStats stats;
  gint64 first;

  fill (f->project);
  {
    g_autoptr(GListModel) articles = topiary_project_list_articles (f->project, &error);
    g_autoptr(TopiaryArticle) a = NULL;

    g_assert_no_error (error);
    a = g_list_model_get_item (articles, 0);
    first = topiary_article_get_id (a);
  }
  /* Built and kept: a change in another connection must not leave it in use. */
  g_free (topiary_project_resolve_link (f->project, "article-1", NULL, &error));
  g_assert_no_error (error);

  run_sql_beside (f->path, "DROP TABLE note; DROP TABLE revision; DROP TABLE grp;");

  g_assert_null (topiary_project_list_notes (f->project, &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_cmpuint (topiary_project_count_notes (f->project, &error), ==, 0);
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_list_groups (f->project, &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_find_group (f->project, "Group 1", &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_list_revisions (f->project, first, &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_false (topiary_project_get_stats (f->project, &stats, &error));
  assert_read_error (error);
  g_clear_error (&error);

  run_sql_beside (f->path, "DROP TABLE query;");
  g_assert_null (topiary_project_get_article (f->project, first, FALSE, &error));
  assert_read_error (error);
  g_clear_error (&error);

  run_sql_beside (f->path, "DROP VIEW article_text; DROP TABLE article;");
  g_assert_null (topiary_project_list_articles (f->project, &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_cmpuint (topiary_project_count_articles (f->project, &error), ==, 0);
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_get_article_by_slug (f->project, "article-1", FALSE, &error));
  assert_read_error (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_resolve_link (f->project, "article-1", NULL, &error));
  assert_read_error (error);
  g_clear_error (&error);
}

/* The files of the project: a list of them does not come back short. */
static void
test_damaged_files (TestProjectFixture *f,
                    gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GPtrArray) files = NULL;

  fill (f->project);
  articles = topiary_project_list_articles (f->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i % N_ARTICLES);
      g_autoptr(GBytes) image = test_image ("png", 2, 2, i);
      g_autofree char *name = g_strdup_printf ("picture-with-a-long-name-%u.png", i);
      g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, topiary_article_get_id (a),
                                                                  name, image, &error);
      g_assert_no_error (error);
      g_assert_nonnull (info);
      g_assert_true (topiary_project_set_cover (f->project, topiary_article_get_id (a), info->id, &error));
      g_assert_no_error (error);
    }
  files = topiary_project_list_files (f->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, N_FILES);
  g_clear_pointer (&files, g_ptr_array_unref);
  topiary_project_close (f->project);
  damage_cells (f->path, "file");
  reopen (f);

  files = topiary_project_list_files (f->project, 0, &error);
  g_assert_null (files);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (topiary_project_list_unused_files (f->project, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A lookup of one file by name, or of an article's cover, tells "cannot
   * read" from "none". */
  {
    g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, 0);
    gint64 id = topiary_article_get_id (a);

    run_sql_beside (f->path, "DROP TABLE file_blob;");
    g_assert_null (topiary_project_find_file (f->project, id, "picture-with-a-long-name-0.png", &error));
    assert_read_error (error);
    g_clear_error (&error);
    g_assert_null (topiary_project_get_cover (f->project, id, &error));
    assert_read_error (error);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, TestProjectFixture, NULL, test_project_fixture_setup, fn, \
                                  test_project_fixture_teardown)
  ADD ("/core/project/read-fails/damaged-notes", test_damaged_notes);
  ADD ("/core/project/read-fails/damaged-articles", test_damaged_articles);
  ADD ("/core/project/read-fails/tables-gone", test_tables_gone);
  ADD ("/core/project/read-fails/damaged-files", test_damaged_files);
#undef ADD

  return g_test_run ();
}
