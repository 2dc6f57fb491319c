/* test-media-edit.c — files checked in another thread, renamed and
 * replaced (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-media.h"
#include "topiary-media-edit.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
  gint64          a, b;
} Fixture;

static gint64
add_article (TopiaryProject *project,
             const char     *title,
             const char     *body)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  topiary_article_set_title (article, title);
  topiary_article_set_body (article, body);
  g_assert_true (topiary_project_add_article (project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("topiary-media-edit-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->a = add_article (f->project, "First",
                      "Intro.\n\n![A shot](images/shot.png)\n\n"
                      "See [the shot](./images/shot.png#top \"title\") and <img src=\"images/SHOT.png\" alt=\"x\">.\n\n"
                      "```\n![code](images/shot.png)\n```\n\n"
                      "Prose naming images/shot.png stays, as does ![other](images/shot.png.bak).\n");
  f->b = add_article (f->project, "Second", "![Theirs](images/shot.png)\n");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
body_of (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (f->project, id, TRUE, &error);

  g_assert_no_error (error);
  return g_strdup (topiary_article_get_body (article));
}

/* A file checked in a worker thread is stored as add_file() would store
 * it: same name, type, size and pixel size, deduplicated. */
static gpointer
check_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  TopiaryCheckedFile *file = topiary_checked_file_new_for_path (data, &error);

  g_assert_no_error (error);
  return file;
}

static void
test_checked_in_thread (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 64, 48, 3);
  g_autofree char *path = g_build_filename (f->dir, "Screen Shot 2026.PNG", NULL);
  g_autoptr(TopiaryCheckedFile) checked = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(TopiaryFileInfo) again = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  thread = g_thread_new ("check", check_in_thread, path);
  checked = g_thread_join (thread);
  g_assert_nonnull (checked);
  g_assert_cmpstr (topiary_checked_file_get_name (checked), ==, "Screen Shot 2026.PNG");
  g_assert_cmpstr (topiary_checked_file_get_mime (checked), ==, "image/png");
  g_assert_cmpuint (topiary_checked_file_get_width (checked), ==, 64);
  g_assert_cmpuint (topiary_checked_file_get_height (checked), ==, 48);

  info = topiary_project_add_checked_file (f->project, f->a, checked, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "images/screen-shot-2026.png");
  g_assert_cmpuint (info->size, ==, g_bytes_get_size (png));
  g_assert_cmpuint (info->width, ==, 64);
  again = topiary_project_add_checked_file (f->project, f->a, checked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, info->id);
  files = topiary_project_list_files (f->project, f->a, &error);
  g_assert_cmpuint (files->len, ==, 1);
}

/* A bad file is refused by the check, before any project sees it. */
static void
test_checked_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("just text\n", 10);
  g_autoptr(GBytes) png = test_image ("png", 20, 20, 1);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "gone.png", NULL);

  g_assert_null (topiary_checked_file_new ("notes.png", text, &error));
  g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_MISNAMED);
  g_clear_error (&error);
  g_assert_null (topiary_checked_file_new ("half.png", cut, &error));
  g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "“half.png”"));
  g_clear_error (&error);
  g_assert_null (topiary_checked_file_new_for_path (missing, &error));
  g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ);
}

static void
test_rewrite_refs (void)
{
  guint n = 99;
  g_autofree char *out = topiary_media_rewrite_refs ("![a](images/a.png) [b](./IMAGES/A.png?x=1) "
                                                     "<img src=\"images/a.png\">\n\n~~~\n![c](images/a.png)\n~~~\n"
                                                     "![d](images/ab.png) images/a.png\n",
                                                     "images/a.png", "images/b.png", &n);

  /* The fenced code block is left alone, as is prose. */
  g_assert_cmpstr (out, ==, "![a](images/b.png) [b](./images/b.png?x=1) "
                            "<img src=\"images/b.png\">\n\n~~~\n![c](images/a.png)\n~~~\n"
                            "![d](images/ab.png) images/a.png\n");
  g_assert_cmpuint (n, ==, 3);
  g_assert_null (topiary_media_rewrite_refs ("no links", "images/a.png", "images/b.png", &n));
  g_assert_cmpuint (n, ==, 0);
}

/* Renaming rewrites the article's own links, in one transaction, and
 * leaves code, prose, other files and other articles alone. */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 30, 20, 4);
  g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, f->a, "shot.png", png, NULL);
  g_autoptr(TopiaryFileInfo) theirs = topiary_project_add_file (f->project, f->b, "shot.png", png, NULL);
  g_autoptr(TopiaryFileInfo) renamed = NULL;
  g_autoptr(TopiaryFileInfo) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  guint n = 0;

  g_assert_nonnull (info);
  g_assert_cmpstr (info->name, ==, "images/shot.png");
  renamed = topiary_project_rename_file (f->project, info->id, "Site Map.png", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renamed->name, ==, "images/site-map.png");
  g_assert_cmpuint (n, ==, 3);
  body = body_of (f, f->a);
  g_assert_cmpstr (body, ==,
                   "Intro.\n\n![A shot](images/site-map.png)\n\n"
                   "See [the shot](./images/site-map.png#top \"title\") and <img src=\"images/site-map.png\" alt=\"x\">.\n\n"
                   "```\n![code](images/shot.png)\n```\n\n"
                   "Prose naming images/shot.png stays, as does ![other](images/shot.png.bak).\n");
  other = body_of (f, f->b);
  g_assert_cmpstr (other, ==, "![Theirs](images/shot.png)\n");
  found = topiary_project_find_file (f->project, f->b, "images/shot.png", &error);
  g_assert_nonnull (found);
  g_clear_pointer (&found, topiary_file_info_free);
  found = topiary_project_find_file (f->project, f->a, "images/site-map.png", &error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, info->id);
}

/* A name another file of the article has, or no name at all, is refused
 * and changes nothing. */
static void
test_rename_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) one = test_image ("png", 10, 10, 1);
  g_autoptr(GBytes) two = test_image ("png", 10, 10, 2);
  g_autoptr(TopiaryFileInfo) a = topiary_project_add_file (f->project, f->a, "shot.png", one, NULL);
  g_autoptr(TopiaryFileInfo) b = topiary_project_add_file (f->project, f->a, "chart.png", two, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = body_of (f, f->a);
  g_autofree char *after = NULL;

  g_assert_null (topiary_project_rename_file (f->project, a->id, "Chart", NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“chart.png”"));
  g_clear_error (&error);
  g_assert_null (topiary_project_rename_file (f->project, a->id, "  ..  ", NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  after = body_of (f, f->a);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(TopiaryFileInfo) still = topiary_project_find_file (f->project, f->a, "images/shot.png", NULL);
    g_assert_nonnull (still);
  }
}

/* Replacing keeps the name and the cover; another type changes the
 * extension and the links; the old bytes go when nothing uses them. */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 30, 20, 4);
  g_autoptr(GBytes) png2 = test_image ("png", 60, 40, 5);
  g_autoptr(GBytes) jpeg = test_image ("jpeg", 80, 50, 6);
  g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, f->a, "shot.png", png, NULL);
  g_autoptr(TopiaryCheckedFile) checked = topiary_checked_file_new ("new.png", png2, NULL);
  g_autoptr(TopiaryCheckedFile) photo = topiary_checked_file_new ("photo.jpg", jpeg, NULL);
  g_autoptr(TopiaryFileInfo) replaced = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  g_assert_true (topiary_project_set_cover (f->project, f->a, info->id, &error));
  replaced = topiary_project_replace_file (f->project, info->id, checked, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced->name, ==, "images/shot.png");
  g_assert_cmpuint (replaced->width, ==, 60);
  g_assert_true (replaced->cover);
  all = topiary_project_list_files (f->project, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_clear_pointer (&replaced, topiary_file_info_free);

  replaced = topiary_project_replace_file (f->project, info->id, photo, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced->name, ==, "images/shot.jpg");
  g_assert_cmpstr (replaced->mime, ==, "image/jpeg");
  body = body_of (f, f->a);
  g_assert_nonnull (strstr (body, "![A shot](images/shot.jpg)"));
  g_assert_nonnull (strstr (body, "(./images/shot.jpg#top \"title\")"));
  /* The code block still shows what it showed. */
  g_assert_nonnull (strstr (body, "![code](images/shot.png)"));
}

/* A read-only project refuses a rename and a replace. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 30, 20, 4);
  g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, f->a, "shot.png", png, NULL);
  g_autoptr(TopiaryCheckedFile) checked = topiary_checked_file_new ("new.png", png, NULL);
  g_autoptr(TopiaryProject) ro = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->project);
  ro = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_null (topiary_project_rename_file (ro, info->id, "other", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (topiary_project_replace_file (ro, info->id, checked, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/media-edit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("checked-in-thread", test_checked_in_thread);
  ADD ("checked-refused", test_checked_refused);
  ADD ("rename", test_rename);
  ADD ("rename-refused", test_rename_refused);
  ADD ("replace", test_replace);
  ADD ("read-only", test_read_only);
  g_test_add_func ("/core/media-edit/rewrite-refs", test_rewrite_refs);
#undef ADD

  return g_test_run ();
}
