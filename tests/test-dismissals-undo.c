/* test-dismissals-undo.c — link suggestions dismissed for good stay
 * dismissed through a delete and its undo, a restore from the Deleted
 * Articles (in a later session too), a merge and its undo and redo; only
 * emptying the Deleted Articles forgets them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "topiary-map-edit.h"
#include "topiary-project.h"
#include "topiary-trash.h"
#include "topiary-undo-stack.h"

#include "test-util.h"

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
  gint64          guide, routing, views, templates, deploy;
} Fixture;

static void
dismiss (Fixture    *f,
         gint64      article_id,
         gint64      target_id,
         const char *kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_dismiss_suggestion (f->project, article_id, target_id, kind, &error));
  g_assert_no_error (error);
}

/* Two groups, a pillar with three clusters and an article elsewhere;
 * dismissals of every kind, both ways between some articles. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 web, ops;

  f->project = test_project_create ("topiary-dismiss-XXXXXX", &f->dir, &f->path);
  web = test_add_group (f->project, "Web");
  ops = test_add_group (f->project, "Ops");
  f->guide = test_add_placed_article (f->project, "Django guide", web, 0, TOPIARY_KIND_PILLAR, "django guide",
                  "Django is a web framework. Routing and views follow.\n");
  f->routing = test_add_placed_article (f->project, "Routing", web, f->guide, TOPIARY_KIND_CLUSTER, "django routing;url patterns",
                    "Routing maps URLs to views. See the Django guide.\n");
  f->views = test_add_placed_article (f->project, "Views", web, f->guide, TOPIARY_KIND_CLUSTER, "django views",
                  "Views answer requests that routing sends them.\n");
  f->templates = test_add_placed_article (f->project, "Templates", web, f->guide, TOPIARY_KIND_CLUSTER, "django templates",
                      "Templates render what views return, [[Routing|routing]] aside.\n");
  f->deploy = test_add_placed_article (f->project, "Deploy", ops, 0, TOPIARY_KIND_PILLAR, "deploy django",
                   "Deploy after routing and views work.\n");

  dismiss (f, f->routing, f->guide, "required");
  dismiss (f, f->routing, f->views, "sibling");
  dismiss (f, f->views, f->routing, "mention");
  dismiss (f, f->templates, f->routing, "anchor");
  dismiss (f, f->deploy, f->routing, "mention");
  dismiss (f, f->guide, f->routing, "required");
  dismiss (f, f->guide, f->views, "required");
  dismiss (f, f->templates, f->views, "mention");
  dismiss (f, f->deploy, f->views, "mention");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every dismissal of the project as "article → target kind" lines, by
 * slug (a restored article comes back under a new id), sorted. */
static char *
describe (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) articles = topiary_project_list_articles (f->project, &error);
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new ("");
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (articles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

      g_hash_table_insert (slugs, g_memdup2 (&(gint64) { topiary_article_get_id (a) }, sizeof (gint64)),
                           g_strdup (topiary_article_get_slug (a)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      gint64 id = topiary_article_get_id (a);
      g_autoptr(GHashTable) set = topiary_project_list_dismissals (f->project, id, &error);
      GHashTableIter iter;
      const char *key;

      g_assert_no_error (error);
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          const char *colon = strchr (key, ':');
          gint64 target = g_ascii_strtoll (colon + 1, NULL, 10);
          const char *target_slug = g_hash_table_lookup (slugs, &target);

          g_assert_nonnull (target_slug);
          g_ptr_array_add (lines, g_strdup_printf ("%s -> %s %.*s", topiary_article_get_slug (a),
                                                   target_slug, (int) (colon - key), key));
        }
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static const char all_dismissals[] =
  "deploy -> routing mention\n"
  "deploy -> views mention\n"
  "django-guide -> routing required\n"
  "django-guide -> views required\n"
  "routing -> django-guide required\n"
  "routing -> views sibling\n"
  "templates -> routing anchor\n"
  "templates -> views mention\n"
  "views -> routing mention\n";

/* What is left while Routing is deleted. */
static const char without_routing[] =
  "deploy -> views mention\n"
  "django-guide -> views required\n"
  "templates -> views mention\n";

static TopiaryEdit *
delete (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit = topiary_map_edit_delete_article (f->project, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edit);
  return edit;
}

static void
assert_dismissals (Fixture    *f,
                   const char *expected)
{
  g_autofree char *now = describe (f);

  g_assert_cmpstr (now, ==, expected);
}

/* Undoes (@redo FALSE) or redoes the newest edit of @stack, then checks
 * the dismissals are @expected. */
static void
step_stack (Fixture          *f,
            TopiaryUndoStack *stack,
            gboolean          redo,
            const char       *expected)
{
  g_autoptr(GError) error = NULL;

  if (redo)
    g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
  else
    g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  assert_dismissals (f, expected);
}

/* Undo, Redo, Undo again: the dismissals go from @after to @before and
 * back, and back again. */
static void
undo_redo_undo (Fixture          *f,
                TopiaryUndoStack *stack,
                const char       *before,
                const char       *after)
{
  assert_dismissals (f, after);
  step_stack (f, stack, FALSE, before);
  step_stack (f, stack, TRUE, after);
  step_stack (f, stack, FALSE, before);
}

/* Delete, then Undo: the dismissals of the article and those that name
 * it as their target come back; Redo drops them again. */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);

  assert_dismissals (f, all_dismissals);
  topiary_undo_stack_push (stack, delete (f, f->routing));
  undo_redo_undo (f, stack, all_dismissals, without_routing);
}

/* Two articles that dismissed suggestions to each other, deleted one
 * after the other and both undone: each comes back under a new id, and
 * the dismissals between them follow both. */
static void
test_delete_two_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);

  topiary_undo_stack_push (stack, delete (f, f->routing));
  topiary_undo_stack_push (stack, delete (f, f->views));
  assert_dismissals (f, "");

  step_stack (f, stack, FALSE, without_routing);
  step_stack (f, stack, FALSE, all_dismissals);
}

static gint64
trash_revision (Fixture    *f,
                const char *slug)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trash = topiary_project_list_trash (f->project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < trash->len; i++)
    {
      TopiaryTrashItem *item = g_ptr_array_index (trash, i);

      if (g_strcmp0 (item->slug, slug) == 0)
        return item->revision_id;
    }
  g_assert_not_reached ();
  return 0;
}

static void
restore (Fixture    *f,
         const char *slug)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) edit = topiary_map_edit_restore (f->project, trash_revision (f, slug), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edit);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* Deleted, the undo stack gone and the project reopened: restoring from
 * the Deleted Articles brings the dismissals back, in whatever order the
 * articles return. */
static void
test_restore_from_trash (Fixture       *f,
                         gconstpointer  data)
{
  {
    g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);

    topiary_undo_stack_push (stack, delete (f, f->routing));
    topiary_undo_stack_push (stack, delete (f, f->views));
    topiary_undo_stack_clear (stack);
  }
  reopen (f);
  assert_dismissals (f, "");

  /* Views first: those with Routing wait for it. */
  restore (f, "views");
  assert_dismissals (f,
                     "deploy -> views mention\n"
                     "django-guide -> views required\n"
                     "templates -> views mention\n");
  reopen (f);
  restore (f, "routing");
  assert_dismissals (f, all_dismissals);
}

/* A dismissal whose other article is still deleted when its article is
 * restored is dropped, silently; the rest come back. */
static void
test_restore_other_gone (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TopiaryEdit) first = delete (f, f->routing);
  g_autoptr(TopiaryEdit) second = delete (f, f->templates);

  reopen (f);
  restore (f, "routing");
  assert_dismissals (f,
                     "deploy -> routing mention\n"
                     "deploy -> views mention\n"
                     "django-guide -> routing required\n"
                     "django-guide -> views required\n"
                     "routing -> django-guide required\n"
                     "routing -> views sibling\n"
                     "views -> routing mention\n");
  restore (f, "templates");
  assert_dismissals (f,
                     "deploy -> routing mention\n"
                     "deploy -> views mention\n"
                     "django-guide -> routing required\n"
                     "django-guide -> views required\n"
                     "routing -> django-guide required\n"
                     "routing -> views sibling\n"
                     "templates -> views mention\n"
                     "views -> routing mention\n");
}

/* Routing merged into Views: Views takes Routing's place in every
 * dismissal (it holds Routing's text and queries now); those between the
 * two go, and Deploy's and the guide's to Views, which were there before,
 * are not doubled, so Undo must leave them. Undo puts back exactly what
 * was, Redo the merge's again. */
static void
test_merge_undo_redo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  static const char merged[] =
    "deploy -> views mention\n"
    "django-guide -> views required\n"
    "templates -> views anchor\n"
    "templates -> views mention\n"
    "views -> django-guide required\n";
  TopiaryEdit *edit = topiary_map_edit_merge_articles (f->project, f->views, f->routing, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edit);
  topiary_undo_stack_push (stack, edit);
  undo_redo_undo (f, stack, all_dismissals, merged);
}

/* The number of rows @sql counts in the project file. */
static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Emptying the Deleted Articles forgets the deleted articles' dismissals
 * with them; the others stay. */
static void
test_delete_for_good (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) edit = delete (f, f->routing);
  g_autofree char *sql = NULL;
  guint n = 0;

  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM revision_dismissal"), ==, 6);
  g_assert_true (topiary_project_empty_trash (f->project, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  assert_dismissals (f, without_routing);
  sql = g_strdup_printf ("SELECT count(*) FROM link_dismissal WHERE article_id = %" PRId64
                         " OR target_id = %" PRId64, f->routing, f->routing);
  g_assert_cmpint (count_rows (f, sql), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM revision_dismissal"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM link_dismissal"), ==, 3);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A file of format 4 (before the Deleted Articles kept dismissals) opens
 * read-only as it is, and writable gains the table: a delete and its
 * restore then keep the dismissals. */
static void
test_migrate_from_4 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) read_only = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  exec_sql (f->path, "PRAGMA journal_mode = DELETE; DROP TABLE revision_dismissal; PRAGMA user_version = 4;");
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), ==, 4);

  read_only = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  f->project = read_only;
  assert_dismissals (f, all_dismissals);
  f->project = NULL;
  topiary_project_close (read_only);
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), ==, 4);

  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), ==, TOPIARY_SCHEMA_VERSION);
  g_assert_cmpint (TOPIARY_SCHEMA_VERSION, >=, 5);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM revision_dismissal"), ==, 0);
  assert_dismissals (f, all_dismissals);
  {
    g_autoptr(TopiaryEdit) edit = delete (f, f->routing);
  }
  assert_dismissals (f, without_routing);
  restore (f, "routing");
  assert_dismissals (f, all_dismissals);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) \
  g_test_add ("/core/dismissals-undo/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("delete-undo", test_delete_undo);
  ADD ("delete-two-undo", test_delete_two_undo);
  ADD ("restore-from-trash", test_restore_from_trash);
  ADD ("restore-other-gone", test_restore_other_gone);
  ADD ("merge-undo-redo", test_merge_undo_redo);
  ADD ("delete-for-good", test_delete_for_good);
  ADD ("migrate-from-4", test_migrate_from_4);
#undef ADD

  return g_test_run ();
}
