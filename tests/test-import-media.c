/* test-import-media.c — a Hugo or Jekyll import brings in the images its
 * articles use, and nothing from outside the imported folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-import.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

typedef struct {
  char                *dir;
  char                *site;     /* the folder imported */
  TopiaryProject      *project;
  TopiaryImportReport *report;
} Fixture;

static void
put (const char *root,
     const char *rel,
     const void *data,
     gssize      len)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
put_bytes (const char *root,
           const char *rel,
           GBytes     *bytes)
{
  put (root, rel, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("topiary-import-media-XXXXXX", NULL);
  f->site = g_build_filename (f->dir, "site", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->report = topiary_import_report_new ();
  g_assert_cmpint (g_mkdir_with_parents (f->site, 0755), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  topiary_import_report_free (f->report);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->site);
}

static void
import (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_import (f->project, f->site, TOPIARY_IMPORT_HUGO, f->report, NULL, NULL, &error));
  g_assert_no_error (error);
}

static TopiaryArticle *
article (Fixture    *f,
         const char *slug)
{
  TopiaryArticle *a = topiary_project_get_article_by_slug (f->project, slug, TRUE, NULL);

  if (a == NULL)
    g_error ("no article %s", slug);
  return a;
}

static gboolean
warned (Fixture    *f,
        const char *part)
{
  for (guint i = 0; i < f->report->warnings->len; i++)
    if (strstr (g_ptr_array_index (f->report->warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_bundle_static_assets (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) shot = test_image ("png", 30, 20, 1);
  g_autoptr(GBytes) logo = test_image ("png", 10, 10, 2);
  g_autoptr(GBytes) photo = test_image ("jpeg", 12, 8, 3);
  g_autoptr(GBytes) pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  g_autoptr(TopiaryArticle) intro = NULL;
  g_autoptr(TopiaryArticle) other = NULL;
  g_autoptr(TopiaryArticle) third = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(TopiaryFileInfo) found = NULL;
  static const char intro_md[] =
    "---\ntitle: Intro\n---\n"
    "![Shot](images/shot.png)\n\n[The report](files/report.pdf)\n\n"
    "```\n![in code](images/nothere.png)\n```\n";
  static const char other_md[] =
    "---\ntitle: Other\n---\n"
    "![Logo](/img/logo.png \"The logo\") and <img src=\"/photos/photo.jpg\" alt=\"Photo\">\n";
  static const char third_md[] =
    "---\ntitle: Third\n---\n"
    "![Again](../../static/img/logo.png) ![Gone](images/missing.png)\n";

  put (f->site, "hugo.toml", "title = \"Site\"\n", -1);
  put (f->site, "content/guides/_index.md", "---\ntitle: Guides\n---\n", -1);
  put (f->site, "content/guides/intro/index.md", intro_md, -1);
  put_bytes (f->site, "content/guides/intro/images/shot.png", shot);
  put_bytes (f->site, "content/guides/intro/files/report.pdf", pdf);
  put (f->site, "content/guides/other.md", other_md, -1);
  put (f->site, "content/guides/third.md", third_md, -1);
  put_bytes (f->site, "static/img/logo.png", logo);
  put_bytes (f->site, "assets/photos/photo.jpg", photo);
  import (f);

  /* A page bundle: the files beside index.md, the links as they were. */
  intro = article (f, "intro");
  files = topiary_project_list_files (f->project, topiary_article_get_id (intro), NULL);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (((TopiaryFileInfo *)g_ptr_array_index (files, 0))->name, ==, "files/report.pdf");
  g_assert_cmpstr (((TopiaryFileInfo *)g_ptr_array_index (files, 1))->name, ==, "images/shot.png");
  g_assert_cmpstr (topiary_article_get_body (intro), ==, intro_md + strlen ("---\ntitle: Intro\n---\n"));
  g_clear_pointer (&files, g_ptr_array_unref);

  /* static/ and assets/: linked by their names in the project now. */
  other = article (f, "other");
  files = topiary_project_list_files (f->project, topiary_article_get_id (other), NULL);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (topiary_article_get_body (other), ==,
                   "![Logo](images/logo.png \"The logo\") and <img src=\"images/photo.jpg\" alt=\"Photo\">\n");
  g_clear_pointer (&files, g_ptr_array_unref);

  /* A relative path inside the folder; the same bytes stored once. */
  third = article (f, "third");
  found = topiary_project_find_file (f->project, topiary_article_get_id (third), "images/logo.png", NULL);
  g_assert_nonnull (found);
  g_assert_cmpstr (topiary_article_get_body (third), ==, "![Again](images/logo.png) ![Gone](images/missing.png)\n");
  g_assert_true (warned (f, "images/missing.png"));
  g_assert_false (warned (f, "nothere"));
  files = topiary_project_list_files (f->project, 0, NULL);
  g_assert_cmpuint (files->len, ==, 5);
}

static void
test_escapes_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) secret = test_image ("png", 8, 8, 9);
  g_autofree char *outside = g_build_filename (f->dir, "outside", NULL);
  g_autofree char *link = g_build_filename (f->site, "content/posts/a/images/link.png", NULL);
  g_autofree char *secret_path = g_build_filename (outside, "secret.png", NULL);
  g_autofree char *linked_dir = g_build_filename (f->site, "content/posts/a/linked", NULL);
  g_autofree char *fifo = g_build_filename (f->site, "content/posts/a/images/fifo.png", NULL);
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(GPtrArray) files = NULL;
  static const char md[] =
    "---\ntitle: A\n---\n"
    "![1](../../../../outside/secret.png)\n"
    "![2](images/link.png)\n"
    "![3](linked/secret.png)\n"
    "![4](/../outside/secret.png)\n"
    "![5](../../../../../../../../etc/passwd)\n"
    "![6](images/fifo.png)\n"
    "![7](%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside/secret.png)\n";

  put_bytes (outside, "secret.png", secret);
  put (f->site, "content/posts/a/index.md", md, -1);
  g_assert_cmpint (g_mkdir_with_parents (f->site, 0755), ==, 0);
  put (f->site, "content/posts/a/images/.keep", "", 0);
  g_assert_cmpint (symlink (secret_path, link), ==, 0);
  g_assert_cmpint (symlink (outside, linked_dir), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  import (f);

  a = article (f, "a");
  files = topiary_project_list_files (f->project, 0, NULL);
  g_assert_cmpuint (files->len, ==, 0);
  /* The links stay as written, and the user is told. */
  g_assert_cmpstr (topiary_article_get_body (a), ==, md + strlen ("---\ntitle: A\n---\n"));
  g_assert_true (warned (f, "outside the imported folder"));
  g_assert_true (warned (f, "not a regular file"));
}

static void
test_jekyll (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 4);
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(GPtrArray) files = NULL;

  put (f->site, "_config.yml", "title: Blog\n", -1);
  put (f->site, "_posts/2024-01-02-hello.md", "---\ntitle: Hello\n---\n![A](/assets/img/a.png)\n", -1);
  put_bytes (f->site, "assets/img/a.png", png);
  import (f);

  a = article (f, "hello");
  files = topiary_project_list_files (f->project, topiary_article_get_id (a), NULL);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (topiary_article_get_body (a), ==, "![A](images/a.png)\n");
}

static void
test_damaged_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(GPtrArray) files = NULL;

  put (f->site, "content/posts/b/index.md", "---\ntitle: B\n---\n![x](images/x.png)\n", -1);
  put (f->site, "content/posts/b/images/x.png", "not a png", -1);
  import (f);
  a = article (f, "b");
  files = topiary_project_list_files (f->project, 0, NULL);
  g_assert_cmpuint (files->len, ==, 0);
  g_assert_true (warned (f, "x.png"));
}

/* More articles than the read-ahead holds, each with its own image, some
 * sharing one and some missing theirs: every file arrives with its
 * article, a shared one is stored once, and the warnings come in the
 * order the articles were written. */
static void
test_many_in_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) shared = test_image ("png", 16, 16, 1000);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) blobs = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 last_id = 0;
  guint gone = 0;

  put_bytes (f->site, "static/shared.png", shared);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *md = NULL;
      g_autofree char *rel = g_strdup_printf ("content/posts/p%03u/index.md", i);
      g_autofree char *img = g_strdup_printf ("content/posts/p%03u/images/f%03u.png", i, i);
      g_autoptr(GBytes) png = test_image ("png", 16, 16, i);

      if (i % 7 == 3)
        md = g_strdup_printf ("---\ntitle: P%03u\n---\n![Gone](images/gone-%03u.png)\n", i, i);
      else if (i % 10 == 0)
        md = g_strdup_printf ("---\ntitle: P%03u\n---\n![Shared](/shared.png) ![Own](images/f%03u.png)\n", i, i);
      else
        md = g_strdup_printf ("---\ntitle: P%03u\n---\n![Own](images/f%03u.png)\n", i, i);
      put (f->site, rel, md, -1);
      put_bytes (f->site, img, png);
    }
  import (f);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *slug = g_strdup_printf ("p%03u", i);
      g_autoptr(TopiaryArticle) a = article (f, slug);
      g_autoptr(GPtrArray) own = topiary_project_list_files (f->project, topiary_article_get_id (a), NULL);

      g_assert_cmpuint (own->len, ==, i % 7 == 3 ? 0 : i % 10 == 0 ? 2 : 1);
    }
  files = topiary_project_list_files (f->project, 0, NULL);
  for (guint i = 0; i < files->len; i++)
    g_hash_table_add (blobs, ((TopiaryFileInfo *)g_ptr_array_index (files, i))->sha256);
  /* 86 images of their own, and the shared one once. */
  g_assert_cmpuint (g_hash_table_size (blobs), ==, 86 + 1);

  for (guint w = 0; w < f->report->warnings->len; w++)
    {
      const char *text = g_ptr_array_index (f->report->warnings, w);
      const char *at = strstr (text, "gone-");
      g_autofree char *slug = NULL;
      g_autoptr(TopiaryArticle) a = NULL;

      if (at == NULL)
        continue;
      slug = g_strdup_printf ("p%.3s", at + 5);
      a = article (f, slug);
      g_assert_cmpint (topiary_article_get_id (a), >, last_id);
      last_id = topiary_article_get_id (a);
      gone++;
    }
  g_assert_cmpuint (gone, ==, 14);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/import-media/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("bundle-static-assets", test_bundle_static_assets);
  ADD ("escapes-refused", test_escapes_refused);
  ADD ("jekyll", test_jekyll);
  ADD ("damaged-image", test_damaged_image);
  ADD ("many-in-order", test_many_in_order);
#undef ADD

  return g_test_run ();
}
