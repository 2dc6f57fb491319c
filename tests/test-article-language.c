/* test-article-language.c — an article's own language, overriding the
 * map's (issue 13): the schema migration that adds it, saving and
 * reading it, the trash, Hugo's front matter, the JSON export and the
 * site's <html lang>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "topiary-edit.h"
#include "topiary-export.h"
#include "topiary-import.h"
#include "topiary-map-edit.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  TopiaryProject *project;
  char           *dir;
  char           *path;
  gint64          group_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->project = test_project_create ("topiary-language-XXXXXX", &f->dir, &f->path);
  f->group_id = test_add_group (f->project, "Basics");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

static gint64
add_article (Fixture    *f,
             const char *title,
             const char *language)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, f->group_id);
  topiary_article_set_status (article, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_body (article, "Some text to read.\n");
  topiary_article_set_language (article, language);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static char *
language_of (TopiaryProject *project,
             gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, id, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return g_strdup (topiary_article_get_language (article));
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static int
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* Closes the project and takes its file back to what Topiary of format 2
 * wrote: no dismissed links (format 3), languages (format 4) nor dismissals
 * kept with deleted articles (format 5). */
static void
make_v2 (Fixture *f)
{
  topiary_project_close (f->project);
  g_clear_object (&f->project);
  exec_sql (f->path, "PRAGMA journal_mode = DELETE;"
                     "DROP TABLE link_dismissal; DROP TABLE revision_dismissal;"
                     "ALTER TABLE article DROP COLUMN language;"
                     "ALTER TABLE revision DROP COLUMN language;"
                     "PRAGMA user_version = 2;");
  g_assert_cmpint (user_version (f->path), ==, 2);
}

/* A file of format version 2 (before articles had a language) opens,
 * gains the column, and its articles follow the map. */
static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  gint64 id = add_article (f, "Routing", "");

  make_v2 (f);

  f->project = topiary_project_open (f->path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->project);
  language = language_of (f->project, id);
  g_assert_cmpstr (language, ==, "");

  article = topiary_project_get_article (f->project, id, FALSE, &error);
  topiary_article_set_language (article, "de-DE");
  g_assert_true (topiary_project_update_article (f->project, article, &error));
  g_assert_no_error (error);
  topiary_project_close (f->project);
  g_clear_object (&f->project);
  g_assert_cmpint (user_version (f->path), ==, TOPIARY_SCHEMA_VERSION);
  g_assert_cmpint (TOPIARY_SCHEMA_VERSION, >=, 4);

  f->project = topiary_project_open (f->path, 0, &error);
  g_assert_no_error (error);
  changed = language_of (f->project, id);
  g_assert_cmpstr (changed, ==, "de-DE");
}

/* Read-only, a file of format 2 is read as it is: not converted, and
 * its articles follow the map. */
static void
test_read_only_from_2 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autofree char *language = NULL;
  gint64 id = add_article (f, "Routing", "");

  make_v2 (f);
  project = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  language = language_of (project, id);
  g_assert_cmpstr (language, ==, "");
  articles = topiary_project_list_articles (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 1);
  topiary_project_close (project);
  g_assert_cmpint (user_version (f->path), ==, 2);
}

/* A file one format newer than this Topiary is still refused. */
static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *newer = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;",
                                            TOPIARY_SCHEMA_VERSION + 1);

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  exec_sql (f->path, newer);
  project = topiary_project_open (f->path, 0, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NEWER);
  g_assert_null (project);
}

/* Saved, read back, changed back to the map's. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = add_article (f, "Routage", "fr-FR");

  before = language_of (f->project, id);
  g_assert_cmpstr (before, ==, "fr-FR");
  article = topiary_project_get_article (f->project, id, FALSE, &error);
  topiary_article_set_language (article, NULL);
  g_assert_true (topiary_project_update_article (f->project, article, &error));
  g_assert_no_error (error);
  after = language_of (f->project, id);
  g_assert_cmpstr (after, ==, "");
}

/* Deleting an article and undoing it keeps its language (the trash's
 * snapshot holds it). */
static void
test_undo_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryArticle) back = NULL;
  gint64 id = add_article (f, "Routing auf Deutsch", "de-DE");

  undo = topiary_map_edit_delete_article (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  redo = topiary_edit_apply (undo, f->project, &error);
  g_assert_no_error (error);
  back = topiary_project_get_article_by_slug (f->project, "routing-auf-deutsch", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (topiary_article_get_language (back), ==, "de-DE");
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
export_as (Fixture             *f,
           TopiaryExportFormat  format,
           const char          *dest)
{
  TopiaryExportOptions options = { .format = format, .drafts = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_export (f->project, dest, &options, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The site's pages say the article's language, the others the map's;
 * the JSON and Hugo exports carry it. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *hugo = g_build_filename (f->dir, "hugo", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "map.json", NULL);
  g_autofree char *german = NULL;
  g_autofree char *english = NULL;
  g_autofree char *home = NULL;
  g_autofree char *json = NULL;
  g_autofree char *front = NULL;

  g_assert_true (topiary_project_set_map_field (f->project, "language", "en", &error));
  g_assert_no_error (error);
  add_article (f, "Routing in English", "");
  add_article (f, "Routing auf Deutsch", "de-DE");

  export_as (f, TOPIARY_EXPORT_SITE, site);
  german = read_file (site, "routing-auf-deutsch/index.html");
  english = read_file (site, "routing-in-english/index.html");
  home = read_file (site, "index.html");
  g_assert_nonnull (strstr (german, "<html lang=\"de-DE\""));
  g_assert_nonnull (strstr (german, "\"inLanguage\":\"de-DE\""));
  g_assert_nonnull (strstr (english, "<html lang=\"en\""));
  g_assert_nonnull (strstr (home, "<html lang=\"en\""));

  export_as (f, TOPIARY_EXPORT_JSON, json_path);
  json = read_file (f->dir, "map.json");
  g_assert_nonnull (strstr (json, "\"language\":\"de-DE\""));

  export_as (f, TOPIARY_EXPORT_HUGO, hugo);
  front = read_file (hugo, "content/basics/routing-auf-deutsch.md");
  g_assert_nonnull (strstr (front, "lang: \"de-DE\""));
}

/* Hugo's front matter: lang or language, written any usual way. */
static void
test_hugo_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *content = g_build_filename (f->dir, "content", "guides", NULL);
  g_autofree char *a = g_build_filename (content, "a.md", NULL);
  g_autofree char *b = g_build_filename (content, "b.md", NULL);
  g_autofree char *c = g_build_filename (content, "c.md", NULL);
  g_autofree char *path = g_build_filename (f->dir, "imported.topiary", NULL);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryArticle) de = NULL;
  g_autoptr(TopiaryArticle) pt = NULL;
  g_autoptr(TopiaryArticle) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (content, 0755), ==, 0);
  g_assert_true (g_file_set_contents (a, "---\ntitle: Auf Deutsch\nlang: de\n---\nText.\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, "---\ntitle: Em Português\nlanguage: pt_br\n---\nTexto.\n", -1, NULL));
  g_assert_true (g_file_set_contents (c, "---\ntitle: Plain\nlang: \"<script>\"\n---\nText.\n", -1, NULL));
  project = topiary_import_new_project (path, f->dir, TOPIARY_IMPORT_HUGO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  de = topiary_project_get_article_by_slug (project, "a", FALSE, NULL);
  if (de == NULL)
    de = topiary_project_get_article_by_slug (project, "auf-deutsch", FALSE, NULL);
  g_assert_nonnull (de);
  g_assert_cmpstr (topiary_article_get_language (de), ==, "de");
  pt = topiary_project_get_article_by_slug (project, "b", FALSE, NULL);
  if (pt == NULL)
    pt = topiary_project_get_article_by_slug (project, "em-portugues", FALSE, NULL);
  g_assert_nonnull (pt);
  g_assert_cmpstr (topiary_article_get_language (pt), ==, "pt-BR");
  /* Not a language: the map's. */
  none = topiary_project_get_article_by_slug (project, "c", FALSE, NULL);
  if (none == NULL)
    none = topiary_project_get_article_by_slug (project, "plain", FALSE, NULL);
  g_assert_nonnull (none);
  g_assert_cmpstr (topiary_article_get_language (none), ==, "");
  topiary_project_close (project);
}

static void
test_normalize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "de-DE", "de-DE" }, { "de_de", "de-DE" }, { " FR ", "fr" }, { "pt_BR", "pt-BR" },
    { "zh-Hant-TW", "zh-hant-TW" }, { "en", "en" },
    { "", NULL }, { "e", NULL }, { "english", NULL }, { "de-", NULL }, { "<b>", NULL },
    { "de DE", NULL }, { "12", NULL }, { "de-toolongsubtag", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = topiary_language_normalize (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (topiary_language_normalize (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/article-language/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("migrate-from-2", test_migrate_from_2);
  ADD ("read-only-from-2", test_read_only_from_2);
  ADD ("newer-refused", test_newer_refused);
  ADD ("round-trip", test_round_trip);
  ADD ("undo-delete", test_undo_delete);
  ADD ("export", test_export);
  ADD ("hugo-import", test_hugo_import);
#undef ADD
  g_test_add_func ("/core/article-language/normalize", test_normalize);

  return g_test_run ();
}
