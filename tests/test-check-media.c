/* test-check-media.c — what `topiary check` says about images and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-check.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

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

static TopiaryCheckFinding *
find (GPtrArray  *findings,
      const char *code,
      const char *target)
{
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->code, code) == 0 && g_strcmp0 (f->target, target) == 0)
        return f;
    }
  return NULL;
}

/* A PNG of noise: about 3 bytes a pixel, whatever the compression. */
static GBytes *
large_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 700, 700);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize n = (gsize)gdk_pixbuf_get_rowstride (pixbuf) * 700;
  char *buf = NULL;
  gsize len = 0;

  for (gsize i = 0; i < n; i++)
    pixels[i] = g_rand_int (rand) & 0xff;
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, "png", NULL, NULL));
  g_assert_cmpuint (len, >, TOPIARY_CHECK_LARGE_IMAGE_SIZE);
  return g_bytes_new_take (buf, len);
}

static void
test_findings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-check-media-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_autoptr(GBytes) small = test_image ("png", 8, 8, 1);
  g_autoptr(GBytes) spare = test_image ("png", 8, 8, 2);
  g_autoptr(GBytes) gone = test_image ("png", 8, 8, 3);
  g_autoptr(GBytes) big = large_png ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(TopiaryFileInfo) i1 = NULL, i2 = NULL, i3 = NULL, i4 = NULL;
  TopiaryCheckFinding *f;
  gint64 a, b;

  g_assert_no_error (error);
  a = add_article (project, "Photos",
                   "![](images/small.png)\n"
                   "![A big one](images/big.png)\n"
                   "![Lost](images/lost.png)\n"
                   "[The plan](files/plan.pdf)\n"
                   "![Remote](https://example.org/x.png) ![Static](/img/site.png)\n"
                   "```\n![](images/in-code.png)\n```\n");
  b = add_article (project, "Deleted later", "![Gone](images/gone.png)\n");
  i1 = topiary_project_add_file (project, a, "small.png", small, &error);
  i2 = topiary_project_add_file (project, a, "big.png", big, &error);
  i3 = topiary_project_add_file (project, a, "spare.png", spare, &error);
  i4 = topiary_project_add_file (project, b, "gone.png", gone, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_delete_article (project, b, &error));

  findings = topiary_check_project (project, &error);
  g_assert_no_error (error);

  f = find (findings, TOPIARY_CHECK_IMAGE_WITHOUT_ALT, "images/small.png");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, TOPIARY_SEVERITY_WARNING);
  g_assert_cmpint (f->article_id, ==, a);
  g_assert_nonnull (strstr (f->message, "line 1"));
  g_assert_null (find (findings, TOPIARY_CHECK_IMAGE_WITHOUT_ALT, "images/in-code.png"));

  f = find (findings, TOPIARY_CHECK_MISSING_FILE, "images/lost.png");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, TOPIARY_SEVERITY_ERROR);
  g_assert_nonnull (find (findings, TOPIARY_CHECK_MISSING_FILE, "files/plan.pdf"));
  g_assert_null (find (findings, TOPIARY_CHECK_MISSING_FILE, "https://example.org/x.png"));
  g_assert_null (find (findings, TOPIARY_CHECK_MISSING_FILE, "/img/site.png"));
  g_assert_null (find (findings, TOPIARY_CHECK_MISSING_FILE, "images/small.png"));

  f = find (findings, TOPIARY_CHECK_LARGE_IMAGE, "images/big.png");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, TOPIARY_SEVERITY_WARNING);
  g_assert_null (find (findings, TOPIARY_CHECK_LARGE_IMAGE, "images/small.png"));

  f = find (findings, TOPIARY_CHECK_UNUSED_FILE, "images/spare.png");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, TOPIARY_SEVERITY_INFO);
  f = find (findings, TOPIARY_CHECK_UNUSED_FILE, "images/gone.png");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->message, "deleted"));

  /* Errors first. */
  g_assert_cmpint (((TopiaryCheckFinding *)g_ptr_array_index (findings, 0))->severity, ==, TOPIARY_SEVERITY_ERROR);

  g_clear_object (&project);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/check-media/findings", test_findings);
  return g_test_run ();
}
