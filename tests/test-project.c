/* test-project.c — the *.topiary project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-project.h"
#include "test-util.h"

typedef TestTmpFixture Fixture;

static TopiaryProject *
new_project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static TopiaryGroup *
add_group (TopiaryProject *project,
           const char     *title)
{
  g_autoptr(GError) error = NULL;
  TopiaryGroup *group = topiary_group_new (title);

  g_assert_true (topiary_project_add_group (project, group, &error));
  g_assert_no_error (error);
  return group;
}

static TopiaryArticle *
add_article (TopiaryProject *project,
             const char     *title,
             gint64          group_id,
             gint64          parent_id,
             TopiaryKind     kind)
{
  g_autoptr(GError) error = NULL;
  TopiaryArticle *article = topiary_article_new ();

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, kind);
  g_assert_true (topiary_project_add_article (project, article, &error));
  g_assert_no_error (error);
  return article;
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* Opening @path must fail with @code and leave the file as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GBytes) before = file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, code);
  /* One sentence, naming the file. */
  g_assert_nonnull (strstr (error->message, "map.topiary"));
  g_assert_null (strchr (error->message, '\n'));

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryGroup) group = add_group (project, "Design & Architecture");
  g_autoptr(TopiaryArticle) pillar = NULL;
  g_autoptr(TopiaryArticle) again = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("strategy", "Strategy Overview", "Own the pillar — “quotes” 🚀");
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *queries[] = { "flask architecture", "flask project layout", NULL };

  g_assert_true (topiary_project_set_map_field (project, "title", "Building Flask Apps", &error));
  g_assert_no_error (error);
  g_assert_true (topiary_project_add_note (project, note, &error));
  g_assert_no_error (error);

  pillar = topiary_article_new ();
  topiary_article_set_title (pillar, "Designing Production-Ready Flask Architectures");
  topiary_article_set_group_id (pillar, topiary_group_get_id (group));
  topiary_article_set_kind (pillar, TOPIARY_KIND_PILLAR);
  topiary_article_set_summary (pillar, "A comprehensive guide.");
  topiary_article_set_intent (pillar, "informational");
  topiary_article_set_priority (pillar, 1);
  topiary_article_set_target_words (pillar, 3000);
  topiary_article_set_body (pillar, "# Hello\n\nSome words here.\n");
  topiary_article_set_queries (pillar, queries);
  topiary_article_set_primary_query (pillar, 1);
  g_assert_true (topiary_project_add_article (project, pillar, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_article_get_slug (pillar), ==, "designing-production-ready-flask-architectures");
  g_assert_cmpint (topiary_article_get_position (pillar), ==, 1);
  g_assert_cmpuint (topiary_article_get_word_count (pillar), >=, 4);

  topiary_project_close (project);
  g_clear_object (&project);

  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  title = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (title, ==, "Building Flask Apps");
  notes = topiary_project_list_notes (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  {
    g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, 0);
    g_assert_cmpstr (topiary_note_get_body (n), ==, "Own the pillar — “quotes” 🚀");
    g_assert_cmpstr (topiary_note_get_kind (n), ==, "strategy");
  }

  again = topiary_project_get_article (project, topiary_article_get_id (pillar), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_article_get_title (again), ==, "Designing Production-Ready Flask Architectures");
  g_assert_cmpstr (topiary_article_get_body (again), ==, "# Hello\n\nSome words here.\n");
  g_assert_cmpint (topiary_article_get_kind (again), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_priority (again), ==, 1);
  g_assert_cmpint (topiary_article_get_target_words (again), ==, 3000);
  g_assert_cmpstr (topiary_article_get_intent (again), ==, "informational");
  g_assert_cmpuint (topiary_article_get_n_queries (again), ==, 2);
  g_assert_cmpstr (topiary_article_get_queries (again)[0], ==, "flask architecture");
  g_assert_cmpstr (topiary_article_get_queries (again)[1], ==, "flask project layout");
  g_assert_cmpint (topiary_article_get_primary_query (again), ==, 1);
  g_assert_cmpint (topiary_article_get_group_id (again), ==, topiary_group_get_id (group));

  /* The body alone, as the exporter reads it. */
  {
    g_autoptr(TopiaryArticle) planned = topiary_article_new ();
    g_autofree char *body = topiary_project_get_body (project, topiary_article_get_id (pillar), &error);
    g_autofree char *none = NULL;
    char *missing;

    g_assert_no_error (error);
    g_assert_cmpstr (body, ==, "# Hello\n\nSome words here.\n");

    topiary_article_set_title (planned, "Nothing written yet");
    g_assert_true (topiary_project_add_article (project, planned, &error));
    g_assert_no_error (error);
    none = topiary_project_get_body (project, topiary_article_get_id (planned), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (none, ==, "");

    missing = topiary_project_get_body (project, 999999, &error);
    g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
    g_assert_null (missing);
    g_clear_error (&error);
  }
}

static void
test_refuse_not_sqlite (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "Building Real-World Flask Applications Topical Map\n", -1, NULL));
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_NOT_SQLITE);
}

static void
test_refuse_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE);
  g_assert_null (project);
}

static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                     "INSERT INTO moz_places (url) VALUES ('https://example.org');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_FOREIGN);

  /* Another application that did set its own application id. */
  g_unlink (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234; CREATE TABLE t (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_FOREIGN);
}

static void
make_sample (Fixture *f,
             guint    n_articles)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryGroup) group = add_group (project, "Group");
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_begin (project, &error));
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article number %u", i);
      g_autoptr(TopiaryArticle) a = add_article (project, title, topiary_group_get_id (group), 0, TOPIARY_KIND_CLUSTER);
      g_autofree char *body = g_strnfill (2000, 'a' + i % 26);
      g_assert_true (topiary_project_save_body (project, topiary_article_get_id (a), body, &error));
    }
  g_assert_true (topiary_project_commit (project, &error));
  topiary_project_close (project);
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  gsize size;

  make_sample (f, 60);
  whole = file_bytes (f->path);
  size = g_bytes_get_size (whole);
  g_assert_cmpuint (size, >, 8192);

  /* Cut at a page boundary and in the middle of a page. */
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (whole, NULL), size / 2 - (size / 2) % 4096, NULL));
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (whole, NULL), size / 3 + 17, NULL));
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (whole, NULL), 50, NULL));
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_NOT_SQLITE);
}

static void
test_refuse_corrupt_header (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  g_autofree guint8 *copy = NULL;
  gsize size;

  make_sample (f, 5);
  whole = file_bytes (f->path);
  copy = g_memdup2 (g_bytes_get_data (whole, &size), g_bytes_get_size (whole));
  /* A page size that is not a power of two. */
  copy[16] = 0x03;
  copy[17] = 0x00;
  g_assert_true (g_file_set_contents (f->path, (char *)copy, size, NULL));
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_CORRUPT);
}

static void
test_open_newer_version (Fixture       *f,
                         gconstpointer  data)
{
  sqlite3 *db = NULL;

  make_sample (f, 2);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f->path, TOPIARY_PROJECT_ERROR_NEWER);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryGroup) group = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere, so ask for read-only explicitly below. */
    }
  make_sample (f, 3);
  before = file_bytes (f->path);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  project = topiary_project_open (f->path, geteuid () == 0 ? TOPIARY_OPEN_READ_ONLY : TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_is_read_only (project));
  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 3);

  group = topiary_group_new ("New");
  g_assert_false (topiary_project_add_group (project, group, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (topiary_project_save_body (project, 1, "lost?", &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (topiary_project_set_map_field (project, "title", "x", &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  topiary_project_close (project);

  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_slugs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryArticle) a = add_article (project, "Flask & Celery: Über-Guide", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) b = add_article (project, "Flask & Celery: Über-Guide", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) c = add_article (project, "🚀🚀", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) d = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (topiary_article_get_slug (a), ==, "flask-celery-uber-guide");
  g_assert_cmpstr (topiary_article_get_slug (b), ==, "flask-celery-uber-guide-2");
  g_assert_true (strlen (topiary_article_get_slug (c)) > 0);
  for (const char *p = topiary_article_get_slug (c); *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-');

  /* A hostile slug is cleaned, never used as a path. */
  topiary_article_set_title (d, "Escape");
  topiary_article_set_slug (d, "../../etc/passwd");
  g_assert_true (topiary_project_add_article (project, d, &error));
  g_assert_no_error (error);
  g_assert_null (strchr (topiary_article_get_slug (d), '/'));
  g_assert_null (strstr (topiary_article_get_slug (d), ".."));

  /* Slugs are stable: renaming keeps the URL. */
  topiary_article_set_title (a, "A completely new title");
  g_assert_true (topiary_project_update_article (project, a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_article_get_slug (a), ==, "flask-celery-uber-guide");

  /* Empty titles are refused. */
  {
    g_autoptr(TopiaryArticle) e = topiary_article_new ();
    topiary_article_set_title (e, "   ");
    g_assert_false (topiary_project_add_article (project, e, &error));
    g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  }
}

static gint64
position_of (TopiaryProject *project,
             gint64          id)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article (project, id, FALSE, NULL);
  return topiary_article_get_position (a);
}

static void
test_move_article (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryGroup) g1 = add_group (project, "One");
  g_autoptr(TopiaryGroup) g2 = add_group (project, "Two");
  g_autoptr(TopiaryArticle) p1 = add_article (project, "Pillar one", topiary_group_get_id (g1), 0, TOPIARY_KIND_PILLAR);
  g_autoptr(TopiaryArticle) c1 = add_article (project, "Cluster one", topiary_group_get_id (g1), topiary_article_get_id (p1), TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) p2 = add_article (project, "Pillar two", topiary_group_get_id (g2), 0, TOPIARY_KIND_PILLAR);
  g_autoptr(TopiaryArticle) idea = add_article (project, "An idea", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) moved = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  /* The cluster goes to the other pillar, first in the writing order. */
  g_assert_true (topiary_project_move_article (project, topiary_article_get_id (c1), 1,
                                               topiary_group_get_id (g2), topiary_article_get_id (p2), &error));
  g_assert_no_error (error);
  moved = topiary_project_get_article (project, topiary_article_get_id (c1), FALSE, &error);
  g_assert_cmpint (topiary_article_get_group_id (moved), ==, topiary_group_get_id (g2));
  g_assert_cmpint (topiary_article_get_parent_id (moved), ==, topiary_article_get_id (p2));
  g_assert_cmpint (position_of (project, topiary_article_get_id (c1)), ==, 1);
  g_assert_cmpint (position_of (project, topiary_article_get_id (p1)), ==, 2);
  g_assert_cmpint (position_of (project, topiary_article_get_id (p2)), ==, 3);
  g_assert_cmpint (position_of (project, topiary_article_get_id (idea)), ==, 4);

  /* An idea moved into a group becomes planned. */
  topiary_article_set_status (idea, TOPIARY_STATUS_IDEA);
  g_assert_true (topiary_project_update_article (project, idea, &error));
  g_assert_true (topiary_project_move_article (project, topiary_article_get_id (idea), 2,
                                               topiary_group_get_id (g1), topiary_article_get_id (p1), &error));
  g_assert_no_error (error);
  g_clear_object (&moved);
  moved = topiary_project_get_article (project, topiary_article_get_id (idea), FALSE, &error);
  g_assert_cmpint (topiary_article_get_status (moved), ==, TOPIARY_STATUS_PLANNED);

  /* Writing order stays dense and unique. */
  list = topiary_project_list_articles (project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (list, i);
      g_assert_cmpint (topiary_article_get_position (a), ==, i + 1);
    }

  /* A move to a missing pillar changes nothing. */
  g_assert_false (topiary_project_move_article (project, topiary_article_get_id (c1), 1, 0, 9999, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_object (&moved);
  moved = topiary_project_get_article (project, topiary_article_get_id (c1), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_parent_id (moved), ==, topiary_article_get_id (p2));
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryGroup) a = add_group (project, "Alpha");
  g_autoptr(TopiaryGroup) b = add_group (project, "Beta");
  g_autoptr(TopiaryGroup) c = add_group (project, "Gamma");
  g_autoptr(TopiaryArticle) art = add_article (project, "In beta", topiary_group_get_id (b), 0, TOPIARY_KIND_PILLAR);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(TopiaryArticle) after = NULL;
  g_autoptr(TopiaryGroup) found = NULL;
  g_autoptr(GError) error = NULL;

  topiary_group_set_title (a, "Alpha renamed");
  g_assert_true (topiary_project_update_group (project, a, &error));
  g_assert_no_error (error);
  found = topiary_project_find_group (project, "alpha RENAMED", NULL);
  g_assert_nonnull (found);
  g_assert_cmpint (topiary_group_get_id (found), ==, topiary_group_get_id (a));

  g_assert_true (topiary_project_move_group (project, topiary_group_get_id (c), 1, &error));
  groups = topiary_project_list_groups (project, NULL);
  {
    g_autoptr(TopiaryGroup) first = g_list_model_get_item (groups, 0);
    g_assert_cmpstr (topiary_group_get_title (first), ==, "Gamma");
  }

  g_assert_true (topiary_project_delete_group (project, topiary_group_get_id (b), &error));
  g_assert_no_error (error);
  g_clear_object (&groups);
  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  after = topiary_project_get_article (project, topiary_article_get_id (art), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_article_get_group_id (after), ==, 0);
  revisions = topiary_project_list_revisions (project, topiary_article_get_id (art), &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) g = g_list_model_get_item (groups, i);
      g_assert_cmpint (topiary_group_get_position (g), ==, i + 1);
    }
}

static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryArticle) pillar = add_article (project, "Pillar", 0, 0, TOPIARY_KIND_PILLAR);
  g_autoptr(TopiaryArticle) a = add_article (project, "Draft", 0, topiary_article_get_id (pillar), TOPIARY_KIND_CLUSTER);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(TopiaryArticle) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gint64 rev, restored;
  gint64 id = topiary_article_get_id (a);

  g_assert_true (topiary_project_save_body (project, id, "first version", &error));
  rev = topiary_project_snapshot (project, id, "manual", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rev, >, 0);
  g_assert_true (topiary_project_save_body (project, id, "second version", &error));

  list = topiary_project_list_revisions (project, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  body = topiary_project_get_revision_body (project, rev, &error);
  g_assert_cmpstr (body, ==, "first version");

  restored = topiary_project_restore_revision (project, rev, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, ==, id);
  back = topiary_project_get_article (project, id, TRUE, &error);
  g_assert_cmpstr (topiary_article_get_body (back), ==, "first version");
  g_clear_pointer (&list, g_ptr_array_unref);
  /* The restore kept "second version" as a revision too. */
  list = topiary_project_list_revisions (project, id, &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Delete, then bring it back from the automatic snapshot. */
  g_assert_true (topiary_project_delete_article (project, id, &error));
  g_assert_null (topiary_project_get_article (project, id, FALSE, NULL));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = topiary_project_list_revisions (project, id, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((TopiaryRevisionInfo *)g_ptr_array_index (list, 0))->reason, ==, "delete");
  restored = topiary_project_restore_revision (project, ((TopiaryRevisionInfo *)g_ptr_array_index (list, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, >, 0);
  g_clear_object (&back);
  back = topiary_project_get_article (project, restored, TRUE, &error);
  g_assert_cmpstr (topiary_article_get_body (back), ==, "first version");
  g_assert_cmpstr (topiary_article_get_slug (back), ==, "draft");
  g_assert_cmpint (topiary_article_get_parent_id (back), ==, topiary_article_get_id (pillar));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryArticle) a = add_article (project, "Running Flask on Gunicorn", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) b = add_article (project, "Celery workers", 0, 0, TOPIARY_KIND_CLUSTER);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *queries[] = { "flask redis cache", NULL };
  TopiarySearchHit *hit;

  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (b),
                                            "Background jobs need a broker. Use **Redis** or RabbitMQ for production.", &error));
  topiary_article_set_queries (a, queries);
  g_assert_true (topiary_project_update_article (project, a, &error));

  hits = topiary_project_search (project, "rabbit", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->article_id, ==, topiary_article_get_id (b));
  g_assert_nonnull (strstr (hit->snippet, "\002RabbitMQ\003"));

  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = topiary_project_search (project, "redis", 10, &error);
  g_assert_cmpuint (hits->len, ==, 2);

  /* Title words rank first. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = topiary_project_search (project, "gunicorn", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* FTS syntax in the input is just text. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = topiary_project_search (project, "\"flask OR NEAR( * -", 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);

  /* Edits are searchable at once; deleted articles are gone. */
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (b), "now about kubernetes", &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = topiary_project_search (project, "rabbitmq", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_true (topiary_project_delete_article (project, topiary_article_get_id (b), &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = topiary_project_search (project, "kubernetes", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* With more matches than can be ranked in a keystroke, articles that match
 * in their title, summary or queries come first, then the rest. */
static void
test_search_broad (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 titled[3];

  g_assert_true (topiary_project_begin (project, &error));
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autoptr(TopiaryArticle) a = add_article (project, title, 0, 0, TOPIARY_KIND_CLUSTER);
      g_assert_true (topiary_project_save_body (project, topiary_article_get_id (a),
                                                "Gunicorn workers and the common pool.", &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (titled); i++)
    {
      g_autofree char *title = g_strdup_printf ("Tuning Gunicorn, part %u", i + 1);
      g_autoptr(TopiaryArticle) a = add_article (project, title, 0, 0, TOPIARY_KIND_CLUSTER);
      titled[i] = topiary_article_get_id (a);
    }
  g_assert_true (topiary_project_commit (project, &error));

  hits = topiary_project_search (project, "gunicorn", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 20);
  for (guint i = 0; i < G_N_ELEMENTS (titled); i++)
    {
      TopiarySearchHit *hit = g_ptr_array_index (hits, i);
      gboolean is_titled = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (titled); j++)
        is_titled |= hit->article_id == titled[j];
      g_assert_true (is_titled);
    }
  /* The rest are body matches, each with its snippet. */
  for (guint i = G_N_ELEMENTS (titled); i < hits->len; i++)
    {
      TopiarySearchHit *hit = g_ptr_array_index (hits, i);
      g_assert_nonnull (strstr (hit->snippet, "\002Gunicorn\003"));
      g_assert_true (g_str_has_prefix (hit->title, "Article "));
    }
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(GError) error = NULL;
  guint changed = 0;


  g_assert_true (topiary_project_begin (project, &error));
  {
    g_autoptr(TopiaryArticle) a = add_article (project, "Gone soon", 0, 0, TOPIARY_KIND_CLUSTER);
    g_autoptr(TopiaryGroup) g = add_group (project, "Gone group");
  }
  topiary_project_rollback (project);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 0);
  {
    g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  }
  (void)changed;
}

static void
count_changes (TopiaryProject *project,
               const char     *what,
               guint          *counter)
{
  (*counter)++;
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(GError) error = NULL;
  guint articles = 0, groups = 0;

  g_signal_connect (project, "changed::articles", G_CALLBACK (count_changes), &articles);
  g_signal_connect (project, "changed::groups", G_CALLBACK (count_changes), &groups);

  g_assert_true (topiary_project_begin (project, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TopiaryArticle) a = add_article (project, "Same title", 0, 0, TOPIARY_KIND_CLUSTER);
    }
  g_assert_cmpuint (articles, ==, 0);
  g_assert_true (topiary_project_commit (project, &error));
  /* One announcement for the whole transaction. */
  g_assert_cmpuint (articles, ==, 1);
  g_assert_cmpuint (groups, ==, 0);
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TopiaryProject) project = new_project (f);
  g_autoptr(TopiaryGroup) g = add_group (project, "G");
  g_autoptr(TopiaryArticle) p = add_article (project, "P", topiary_group_get_id (g), 0, TOPIARY_KIND_PILLAR);
  g_autoptr(TopiaryArticle) c = add_article (project, "C", topiary_group_get_id (g), topiary_article_get_id (p), TOPIARY_KIND_CLUSTER);
  g_autoptr(TopiaryArticle) i = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  TopiaryStats stats;

  topiary_article_set_title (i, "Idea");
  topiary_article_set_status (i, TOPIARY_STATUS_IDEA);
  g_assert_true (topiary_project_add_article (project, i, &error));
  topiary_article_set_status (c, TOPIARY_STATUS_PUBLISHED);
  g_assert_true (topiary_project_update_article (project, c, &error));
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (c), "one two three four five", &error));

  topiary_project_get_stats (project, &stats, NULL);
  g_assert_cmpuint (stats.groups, ==, 1);
  g_assert_cmpuint (stats.pillars, ==, 1);
  g_assert_cmpuint (stats.clusters, ==, 1);
  g_assert_cmpuint (stats.ideas, ==, 1);
  g_assert_cmpuint (stats.articles, ==, 3);
  g_assert_cmpuint (stats.words, ==, 5);
  g_assert_cmpuint (stats.status[TOPIARY_STATUS_PUBLISHED], ==, 1);
  g_assert_cmpuint (stats.status[TOPIARY_STATUS_IDEA], ==, 1);
  g_assert_cmpuint (stats.status[TOPIARY_STATUS_PLANNED], ==, 1);
}

static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TopiaryProject) one = new_project (f);
  g_autoptr(TopiaryProject) two = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  two = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(TopiaryArticle) a = add_article (i % 2 ? one : two, "Shared", 0, 0, TOPIARY_KIND_CLUSTER);
    }
  /* A transaction in one blocks the other's writer until it ends, with a
   * clear error rather than damage. */
  g_assert_true (topiary_project_begin (one, &error));
  g_assert_true (topiary_project_save_body (one, 1, "from one", &error));
  g_assert_true (topiary_project_commit (one, &error));
  g_assert_cmpuint (topiary_project_count_articles (two, NULL), ==, 20);
  topiary_project_close (one);
  topiary_project_close (two);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/project/" path, Fixture, NULL, test_tmp_fixture_setup, func, test_tmp_fixture_teardown)
  ADD ("create-and-reopen", test_create_and_reopen);
  ADD ("refuse-not-sqlite", test_refuse_not_sqlite);
  ADD ("refuse-empty", test_refuse_empty);
  ADD ("refuse-foreign", test_refuse_foreign);
  ADD ("refuse-truncated", test_refuse_truncated);
  ADD ("refuse-corrupt-header", test_refuse_corrupt_header);
  ADD ("open-newer-version", test_open_newer_version);
  ADD ("read-only", test_read_only);
  ADD ("slugs", test_slugs);
  ADD ("move-article", test_move_article);
  ADD ("groups", test_groups);
  ADD ("revisions", test_revisions);
  ADD ("search", test_search);
  ADD ("search-broad", test_search_broad);
  ADD ("transaction-rollback", test_transaction_rollback);
  ADD ("changed-signal", test_changed_signal);
  ADD ("stats", test_stats);
  ADD ("two-connections", test_two_connections);
#undef ADD

  return g_test_run ();
}
