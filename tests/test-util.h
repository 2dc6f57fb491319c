/* test-util.h — small helpers the test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "topiary-edit.h"
#include "topiary-project.h"

/* Removes @path and everything below it; symbolic links are removed, not
 * followed. Read-only files and folders (some tests make them) go too. */
static inline void
test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A fresh temporary folder made from @tmpl; @path is set to the name of a
 * "map.topiary" inside it, which is not created. Returns the folder. */
static inline char *
test_tmp_map_path (const char  *tmpl,
                   char       **path)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  *path = g_build_filename (dir, "map.topiary", NULL);
  return dir;
}

/* Removes the folder test_tmp_map_path() made and frees both names. */
static inline void
test_tmp_map_free (char *dir,
                   char *path)
{
  test_remove_tree (dir);
  g_free (dir);
  g_free (path);
}

/* Appends to @out the path, relative to @root, of every file below
 * @root/@rel ("" for all), walking folders depth-first. */
static inline void
test_list_files (const char *root,
                 const char *rel,
                 GPtrArray  *out)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = rel[0] ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        test_list_files (root, child, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

/* A new, empty project "map.topiary" in a fresh temporary folder made from
 * @tmpl: the seed most test fixtures start from. */
static inline TopiaryProject *
test_project_create (const char  *tmpl,
                     char       **dir,
                     char       **path)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project;

  *dir = test_tmp_map_path (tmpl, path);
  project = topiary_project_open (*path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return project;
}

/* Closes and frees what test_project_create() made, folder included;
 * @project may be NULL when a test has already closed it. */
static inline void
test_project_destroy (TopiaryProject *project,
                      char           *dir,
                      char           *path)
{
  if (project != NULL)
    {
      topiary_project_close (project);
      g_object_unref (project);
    }
  test_tmp_map_free (dir, path);
}

/* Adds a group named @title to @project; returns its id. */
static inline gint64
test_add_group (TopiaryProject *project,
                const char     *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new (title);

  g_assert_true (topiary_project_add_group (project, group, &error));
  g_assert_no_error (error);
  return topiary_group_get_id (group);
}

/* The title of article @id, "-" for none. */
static inline char *
test_article_title (TopiaryProject *project,
                    gint64          id)
{
  g_autoptr(TopiaryArticle) a = id ? topiary_project_get_article (project, id, FALSE, NULL) : NULL;

  return g_strdup (a ? topiary_article_get_title (a) : "-");
}

/* The whole map as text, without ids (an undone delete brings an article
 * back under a new id): its title and description, the groups in order,
 * every article with its group, pillar, kind, status, position, queries
 * and body, and the notes. Tests compare two of these to say that an
 * undo brought back exactly the map that was. */
static inline char *
test_describe_map (TopiaryProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, &error);
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, &error);
  g_autoptr(GListModel) notes = topiary_project_list_notes (project, &error);
  g_autofree char *map_title = topiary_project_get_map_field (project, "title");
  g_autofree char *map_desc = topiary_project_get_map_field (project, "description");
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (out, "M %s: %s\n", map_title, map_desc);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) g = g_list_model_get_item (groups, i);
      g_string_append_printf (out, "G %s (%s): %s\n", topiary_group_get_title (g),
                              topiary_group_get_slug (g), topiary_group_get_description (g));
    }
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autoptr(TopiaryGroup) g = NULL;
      g_autofree char *parent = test_article_title (project, topiary_article_get_parent_id (a));
      g_autofree char *body = topiary_project_get_body (project, topiary_article_get_id (a), NULL);
      g_autofree char *queries = g_strjoinv ("|", (char **) topiary_article_get_queries (a));

      if (topiary_article_get_group_id (a))
        g = topiary_project_get_group (project, topiary_article_get_group_id (a), NULL);
      g_string_append_printf (out, "A %s [%s] in %s under %s, %s, %s, #%" G_GINT64_FORMAT ", %s: %s\n",
                              topiary_article_get_title (a), topiary_article_get_slug (a),
                              g ? topiary_group_get_title (g) : "ideas", parent,
                              topiary_kind_to_string (topiary_article_get_kind (a)),
                              topiary_status_to_string (topiary_article_get_status (a)),
                              topiary_article_get_position (a),
                              queries,
                              body ? body : "?");
    }
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, i);
      g_string_append_printf (out, "N %s %s: %s\n", topiary_note_get_kind (n),
                              topiary_note_get_title (n), topiary_note_get_body (n));
    }
  return g_string_free (out, FALSE);
}

/* @undo is the record an edit returned, the map now @after: undo, redo
 * and undo again bring it to @before, @after and @before. */
static inline void
test_check_round_trip (TopiaryProject *project,
                       TopiaryEdit    *undo,
                       const char     *before,
                       const char     *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryEdit) again = NULL;
  g_autoptr(TopiaryEdit) last = NULL;
  g_autofree char *now = test_describe_map (project);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;

  g_assert_nonnull (undo);
  g_assert_cmpstr (now, ==, after);
  redo = topiary_edit_apply (undo, project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (redo), ==, topiary_edit_get_label (undo));
  undone = test_describe_map (project);
  g_assert_cmpstr (undone, ==, before);
  again = topiary_edit_apply (redo, project, &error);
  g_assert_no_error (error);
  redone = test_describe_map (project);
  g_assert_cmpstr (redone, ==, after);
  last = topiary_edit_apply (again, project, &error);
  g_assert_no_error (error);
  undone_again = test_describe_map (project);
  g_assert_cmpstr (undone_again, ==, before);
}

/* The fixture of tests that each start from a new, empty project. */
typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
} TestProjectFixture;

static inline void
test_project_fixture_setup (TestProjectFixture *f,
                            gconstpointer       data)
{
  f->project = test_project_create ("topiary-test-XXXXXX", &f->dir, &f->path);
}

static inline void
test_project_fixture_teardown (TestProjectFixture *f,
                               gconstpointer       data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

/* Sets @a's queries from @queries, separated by ";", the first one
 * primary. */
static inline void
test_article_set_queries (TopiaryArticle *a,
                          const char     *queries)
{
  g_auto(GStrv) q = g_strsplit (queries, ";", -1);

  topiary_article_set_queries (a, (const char * const *) q);
  if (q[0] != NULL)
    topiary_article_set_primary_query (a, 0);
}

/* Adds @a to @project, which must take it; returns its id. */
static inline gint64
test_add_article (TopiaryProject *project,
                  TopiaryArticle *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (a);
}

/* Adds an article named @title of @kind in group @group_id under
 * @parent_id, with @queries (test_article_set_queries(); NULL for none)
 * and @body (NULL for ""); returns its id. */
static inline gint64
test_add_placed_article (TopiaryProject *project,
                         const char     *title,
                         gint64          group_id,
                         gint64          parent_id,
                         TopiaryKind     kind,
                         const char     *queries,
                         const char     *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group_id);
  topiary_article_set_parent_id (a, parent_id);
  topiary_article_set_kind (a, kind);
  if (queries != NULL)
    test_article_set_queries (a, queries);
  topiary_article_set_body (a, body ? body : "");
  return test_add_article (project, a);
}

/* Adds a published article (1 700 000 000) named @title with @body to
 * @project; returns its id. */
static inline gint64
test_add_published_article (TopiaryProject *project,
                            const char     *title,
                            const char     *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_body (a, body);
  topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_published (a, 1700000000);
  return test_add_article (project, a);
}

/* The fixture of tests that make their own project file: a fresh folder
 * and the name of a "map.topiary" in it. */
typedef struct {
  char *dir;
  char *path;
} TestTmpFixture;

static inline void
test_tmp_fixture_setup (TestTmpFixture *f,
                        gconstpointer   data)
{
  f->dir = test_tmp_map_path ("topiary-test-XXXXXX", &f->path);
}

static inline void
test_tmp_fixture_teardown (TestTmpFixture *f,
                           gconstpointer   data)
{
  test_tmp_map_free (f->dir, f->path);
}

/* ---- waiting on the main loop (UI tests) ---- */

static inline gboolean
test_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the default main context until @check returns TRUE or
 * @timeout_ms passes; a 10 ms tick keeps the loop from sleeping past it. */
static inline gboolean
wait_for (gboolean (*check) (gpointer),
          gpointer   data,
          guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, test_wake, NULL);
  gboolean ok;

  while (!(ok = check (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static inline gboolean
test_never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms. */
static inline void
spin (guint ms)
{
  wait_for (test_never, NULL, ms);
}
