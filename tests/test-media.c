/* test-media.c — images and other files stored in a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-media.h"
#include "topiary-media-refs.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
  gint64          a, b;   /* two articles */
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

  f->dir = g_dir_make_tmp ("topiary-media-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->a = add_article (f->project, "First", "![A shot](images/shot.png)\n");
  f->b = add_article (f->project, "Second", "No pictures here.\n");
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

static gint64
count (TopiaryProject *project,
       const char     *path,
       const char     *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (project != NULL)
    topiary_project_close (project);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static TopiaryFileInfo *
add_ok (Fixture    *f,
        gint64      article,
        const char *name,
        GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  TopiaryFileInfo *info = topiary_project_add_file (f->project, article, name, data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

/* The file is refused with @code, in one sentence naming it, and nothing
 * is left in the project. */
static void
assert_refused (Fixture    *f,
                const char *name,
                GBytes     *data,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = topiary_project_list_files (f->project, 0, NULL);
  g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, f->a, name, data, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *base = g_path_get_basename (name);

  g_assert_null (info);
  g_assert_error (error, TOPIARY_MEDIA_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strchr (error->message, '\n'));
  all = topiary_project_list_files (f->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, before->len);
}

static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 40, 30, 1);
  g_autoptr(GBytes) jpeg = test_image ("jpeg", 33, 21, 2);
  g_autoptr(GBytes) gif = g_bytes_new_static (test_gif, sizeof test_gif);
  g_autoptr(GBytes) webp = test_webp (640, 480);
  g_autoptr(GBytes) pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  g_autoptr(GBytes) svg = g_bytes_new_static (test_svg, strlen (test_svg));
  g_autoptr(TopiaryFileInfo) i1 = add_ok (f, f->a, "Shot.PNG", png);
  g_autoptr(TopiaryFileInfo) i2 = add_ok (f, f->a, "holiday photo.jpeg", jpeg);
  g_autoptr(TopiaryFileInfo) i3 = add_ok (f, f->a, "spinner.gif", gif);
  g_autoptr(TopiaryFileInfo) i4 = add_ok (f, f->a, "", webp);
  g_autoptr(TopiaryFileInfo) i5 = add_ok (f, f->a, "/home/someone/Report 2024.pdf", pdf);
  g_autoptr(TopiaryFileInfo) i6 = add_ok (f, f->a, "diagram.svg", svg);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);

  g_assert_cmpstr (i1->name, ==, "images/shot.png");
  g_assert_cmpstr (i1->mime, ==, "image/png");
  g_assert_cmpuint (i1->width, ==, 40);
  g_assert_cmpuint (i1->height, ==, 30);
  g_assert_cmpuint (i1->size, ==, g_bytes_get_size (png));
  g_assert_cmpstr (i1->sha256, ==, sum);
  g_assert_cmpint (i1->article_id, ==, f->a);

  g_assert_cmpstr (i2->name, ==, "images/holiday-photo.jpeg");
  g_assert_cmpstr (i2->mime, ==, "image/jpeg");
  g_assert_cmpuint (i2->width, ==, 33);
  g_assert_cmpuint (i2->height, ==, 21);

  g_assert_cmpstr (i3->name, ==, "images/spinner.gif");
  g_assert_cmpuint (i3->width, ==, 1);

  g_assert_cmpstr (i4->name, ==, "images/image.webp");
  g_assert_cmpstr (i4->mime, ==, "image/webp");
  g_assert_cmpuint (i4->width, ==, 640);
  g_assert_cmpuint (i4->height, ==, 480);

  g_assert_cmpstr (i5->name, ==, "files/report-2024.pdf");
  g_assert_cmpstr (i5->mime, ==, "application/pdf");
  g_assert_cmpuint (i5->width, ==, 0);

  g_assert_cmpstr (i6->name, ==, "images/diagram.svg");
  g_assert_cmpstr (i6->mime, ==, "image/svg+xml");
  g_assert_cmpuint (i6->width, ==, 120);
  g_assert_cmpuint (i6->height, ==, 80);

  list = topiary_project_list_files (f->project, f->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  back = topiary_project_get_file_data (f->project, i1->sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, png));

  {
    g_autoptr(TopiaryFileInfo) found = topiary_project_find_file (f->project, f->a, "./IMAGES/Shot.png", NULL);
    g_assert_nonnull (found);
    g_assert_cmpint (found->id, ==, i1->id);
    g_assert_null (topiary_project_find_file (f->project, f->b, "images/shot.png", NULL));
  }
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 20, 20, 1);
  g_autoptr(GBytes) other = test_image ("png", 20, 20, 2);
  g_autoptr(TopiaryFileInfo) i1 = add_ok (f, f->a, "shot.png", png);
  g_autoptr(TopiaryFileInfo) i2 = add_ok (f, f->b, "elsewhere.png", png);
  g_autoptr(TopiaryFileInfo) i3 = add_ok (f, f->a, "again.png", png);
  g_autoptr(TopiaryFileInfo) i4 = add_ok (f, f->a, "shot.png", other);
  g_autoptr(TopiaryFileInfo) i5 = add_ok (f, f->b, "shot.png", other);

  /* The same bytes: stored once, each article with its own name. */
  g_assert_cmpstr (i1->sha256, ==, i2->sha256);
  g_assert_cmpint (i1->id, !=, i2->id);
  g_assert_cmpstr (i2->name, ==, "images/elsewhere.png");
  /* The article has them already: the same reference back. */
  g_assert_cmpint (i3->id, ==, i1->id);
  g_assert_cmpstr (i3->name, ==, "images/shot.png");
  /* Other bytes under a name the article uses: made unique. */
  g_assert_cmpstr (i4->name, ==, "images/shot-2.png");
  g_assert_cmpstr (i5->name, ==, "images/shot.png");

  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file_blob"), ==, 2);
  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file"), ==, 4);
}

static void
test_misnamed (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = test_image ("jpeg", 10, 10, 1);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello\n", 6);
  g_autoptr(GBytes) png = test_image ("png", 10, 10, 1);

  assert_refused (f, "photo.png", jpeg, TOPIARY_MEDIA_ERROR_MISNAMED);
  assert_refused (f, "notes.png", text, TOPIARY_MEDIA_ERROR_MISNAMED);
  assert_refused (f, "notes.txt", text, TOPIARY_MEDIA_ERROR_TYPE);
  assert_refused (f, "setup.exe", png, TOPIARY_MEDIA_ERROR_TYPE);
  assert_refused (f, "noextension", text, TOPIARY_MEDIA_ERROR_TYPE);
}

static GBytes *
truncated (GBytes *data,
           gsize   keep)
{
  return g_bytes_new_from_bytes (data, 0, keep);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 64, 64, 3);
  g_autoptr(GBytes) jpeg = test_image ("jpeg", 64, 64, 3);
  g_autoptr(GBytes) gif = g_bytes_new_static (test_gif, sizeof test_gif);
  g_autoptr(GBytes) webp = test_webp (10, 10);
  g_autoptr(GBytes) pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  g_autoptr(GBytes) png_cut = truncated (png, g_bytes_get_size (png) / 2);
  g_autoptr(GBytes) jpeg_cut = truncated (jpeg, 200);
  g_autoptr(GBytes) gif_cut = truncated (gif, 30);
  g_autoptr(GBytes) webp_cut = truncated (webp, 34);
  g_autoptr(GBytes) pdf_cut = truncated (pdf, 40);
  g_autoptr(GBytes) svg_bad = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>", 52);
  g_autoptr(GBytes) svg_entity = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\">&lol;</svg>", 50);
  g_autoptr(GByteArray) png_flipped = g_byte_array_new ();

  assert_refused (f, "cut.png", png_cut, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "cut.jpg", jpeg_cut, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "cut.gif", gif_cut, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "cut.webp", webp_cut, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "cut.pdf", pdf_cut, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "bad.svg", svg_bad, TOPIARY_MEDIA_ERROR_DAMAGED);
  assert_refused (f, "entity.svg", svg_entity, TOPIARY_MEDIA_ERROR_DAMAGED);

  /* The pixel data damaged, the size intact: the checksum of the image
   * data no longer matches. */
  g_byte_array_append (png_flipped, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  png_flipped->data[png_flipped->len - 20] ^= 0xff;
  {
    g_autoptr(GBytes) b = g_byte_array_free_to_bytes (g_steal_pointer (&png_flipped));
    assert_refused (f, "flipped.png", b, TOPIARY_MEDIA_ERROR_DAMAGED);
  }
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree guint8 *big = g_malloc0 (TOPIARY_MEDIA_MAX_SIZE + 1);
  g_autoptr(GBytes) large = NULL;
  g_autoptr(GBytes) at_limit = NULL;
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autofree char *path = g_build_filename (f->dir, "big.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFileInfo) from_disk = NULL;

  memcpy (big, "\x89PNG\r\n\x1a\n", 8);
  large = g_bytes_new (big, TOPIARY_MEDIA_MAX_SIZE + 1);
  assert_refused (f, "big.png", large, TOPIARY_MEDIA_ERROR_TOO_LARGE);
  /* Just at the limit, the size is fine (the content is not). */
  at_limit = g_bytes_new (big, TOPIARY_MEDIA_MAX_SIZE);
  assert_refused (f, "big.png", at_limit, TOPIARY_MEDIA_ERROR_DAMAGED);

  /* A PNG claiming 100,000 × 100,000 pixels is refused before decoding. */
  g_byte_array_append (header, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  header->data[16] = 0; header->data[17] = 0x01; header->data[18] = 0x86; header->data[19] = 0xa0;
  header->data[20] = 0; header->data[21] = 0x01; header->data[22] = 0x86; header->data[23] = 0xa0;
  huge = g_byte_array_free_to_bytes (g_steal_pointer (&header));
  assert_refused (f, "bomb.png", huge, TOPIARY_MEDIA_ERROR_TOO_LARGE);

  /* From disk: refused by its size before it is read. */
  g_assert_true (g_file_set_contents (path, (const char *)big, TOPIARY_MEDIA_MAX_SIZE + 1, NULL));
  from_disk = topiary_project_add_file_from_path (f->project, f->a, path, &error);
  g_assert_null (from_disk);
  g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TOO_LARGE);
  g_clear_error (&error);
  /* A folder is not a file. */
  from_disk = topiary_project_add_file_from_path (f->project, f->a, f->dir, &error);
  g_assert_null (from_disk);
  g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ);
}

static void
test_from_path (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 12, 9, 5);
  g_autofree char *path = g_build_filename (f->dir, "From Disk.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  info = topiary_project_add_file_from_path (f->project, f->a, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "images/from-disk.png");
  g_assert_cmpuint (info->width, ==, 12);
}

static void
test_nothing_half_added (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;

  /* No such article: the bytes are not kept either. */
  info = topiary_project_add_file (f->project, 999, "shot.png", png, &error);
  g_assert_null (info);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file_blob"), ==, 0);
}

static void
test_svg_sanitised (Fixture       *f,
                    gconstpointer  data)
{
  static const char evil[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
    "<?xml-stylesheet href=\"https://evil.example/x.css\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "viewBox=\"0 0 300 200\" onload=\"alert(1)\">"
    "<script>alert(2)</script>"
    "<style>@import url(https://evil.example/a.css); rect { fill: red }</style>"
    "<defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient></defs>"
    "<rect width=\"10\" height=\"10\" fill=\"url(#g)\" ONCLICK=\"alert(3)\"/>"
    "<a xlink:href=\"java&#x09;script:alert(4)\"><text>x &amp; y</text></a>"
    "<a href=\"https://evil.example/\"><circle r=\"5\"/></a>"
    "<image href=\"https://evil.example/track.png\" width=\"1\" height=\"1\"/>"
    "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\" height=\"1\"/>"
    "<use href=\"#g\"/>"
    "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>"
    "<set attributeName=\"href\" to=\"javascript:alert(5)\"/>"
    "<circle r=\"1\" style=\"fill: url(https://evil.example/f.svg)\"/>"
    "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(6)</svg:script>"
    "</svg>";
  g_autoptr(GBytes) svg = g_bytes_new_static (evil, strlen (evil));
  g_autoptr(TopiaryFileInfo) info = add_ok (f, f->a, "evil.svg", svg);
  g_autoptr(GBytes) stored = topiary_project_get_file_data (f->project, info->sha256, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored));
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_assert_null (strstr (lower, "script"));
  g_assert_null (strstr (lower, "alert"));
  g_assert_null (strstr (lower, "onload"));
  g_assert_null (strstr (lower, "onclick"));
  g_assert_null (strstr (lower, "evil.example"));
  g_assert_null (strstr (lower, "foreignobject"));
  g_assert_null (strstr (lower, "doctype"));
  g_assert_null (strstr (lower, "<set"));
  /* What is harmless stays. */
  g_assert_nonnull (strstr (text, "fill=\"url(#g)\""));
  g_assert_nonnull (strstr (text, "<use href=\"#g\">"));
  g_assert_nonnull (strstr (text, "data:image/png;base64"));
  g_assert_nonnull (strstr (text, "x &amp; y"));
  g_assert_cmpuint (info->width, ==, 300);
  g_assert_cmpuint (info->height, ==, 200);
  /* The stored bytes are the sanitised ones, and what the hash names. */
  {
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, stored);
    g_assert_cmpstr (sum, ==, info->sha256);
  }

  /* An XML file that is not an SVG image. */
  {
    g_autoptr(GBytes) html = g_bytes_new_static ("<html><svg></svg></html>", 24);
    assert_refused (f, "page.svg", html, TOPIARY_MEDIA_ERROR_DAMAGED);
  }
}

static void
test_cover (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(GBytes) png2 = test_image ("png", 8, 8, 2);
  g_autoptr(GBytes) pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  g_autoptr(TopiaryFileInfo) i1 = add_ok (f, f->a, "one.png", png);
  g_autoptr(TopiaryFileInfo) i2 = add_ok (f, f->a, "two.png", png2);
  g_autoptr(TopiaryFileInfo) i3 = add_ok (f, f->a, "doc.pdf", pdf);
  g_autoptr(TopiaryFileInfo) i4 = add_ok (f, f->b, "one.png", png);
  g_autoptr(TopiaryFileInfo) cover = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (topiary_project_get_cover (f->project, f->a, NULL));
  g_assert_true (topiary_project_set_cover (f->project, f->a, i1->id, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_project_set_cover (f->project, f->a, i2->id, &error));
  g_assert_no_error (error);
  cover = topiary_project_get_cover (f->project, f->a, NULL);
  g_assert_cmpint (cover->id, ==, i2->id);
  g_assert_true (cover->cover);

  /* Not a PDF, not another article's image. */
  g_assert_false (topiary_project_set_cover (f->project, f->a, i3->id, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (topiary_project_set_cover (f->project, f->a, i4->id, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (topiary_project_set_cover (f->project, f->a, 0, &error));
  g_assert_null (topiary_project_get_cover (f->project, f->a, NULL));
}

static gboolean
has_name (GPtrArray  *list,
          gint64      article,
          const char *name)
{
  for (guint i = 0; i < list->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (list, i);
      if (info->article_id == article && strcmp (info->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_unused (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(GBytes) png2 = test_image ("png", 8, 8, 2);
  g_autoptr(GBytes) png3 = test_image ("png", 8, 8, 3);
  g_autoptr(TopiaryFileInfo) used = add_ok (f, f->a, "shot.png", png);
  g_autoptr(TopiaryFileInfo) spare = add_ok (f, f->a, "spare.png", png2);
  g_autoptr(TopiaryFileInfo) cover = add_ok (f, f->b, "cover.png", png3);
  g_autoptr(TopiaryFileInfo) shared = add_ok (f, f->b, "shared.png", png);
  g_autoptr(GPtrArray) unused = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) still = NULL;
  guint n = 0;

  g_assert_true (topiary_project_set_cover (f->project, f->b, cover->id, &error));
  g_assert_no_error (error);
  unused = topiary_project_list_unused_files (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unused->len, ==, 2);
  g_assert_true (has_name (unused, f->a, "images/spare.png"));
  g_assert_true (has_name (unused, f->b, "images/shared.png"));

  g_assert_true (topiary_project_remove_unused_files (f->project, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  all = topiary_project_list_files (f->project, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  /* The bytes "shared" used stay: "shot.png" has them too. */
  still = topiary_project_get_file_data (f->project, used->sha256, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);
  g_assert_null (topiary_project_get_file_data (f->project, spare->sha256, NULL));
  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file_blob"), ==, 2);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(TopiaryFileInfo) shot = add_ok (f, f->a, "shot.png", png);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) unused = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryRevisionInfo *rev;
  gint64 restored;
  guint n = 0;

  g_assert_true (topiary_project_set_cover (f->project, f->a, shot->id, &error));
  g_assert_true (topiary_project_delete_article (f->project, f->a, &error));
  g_assert_no_error (error);

  /* Kept, as unused, until the delete is undone or they are removed. */
  files = topiary_project_list_files (f->project, 0, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpint (((TopiaryFileInfo *)g_ptr_array_index (files, 0))->article_id, ==, 0);
  unused = topiary_project_list_unused_files (f->project, &error);
  g_assert_cmpuint (unused->len, ==, 1);
  g_clear_pointer (&unused, g_ptr_array_unref);
  g_clear_pointer (&files, g_ptr_array_unref);

  /* Undo: the article comes back (with a new id) and its files with it. */
  revisions = topiary_project_list_revisions (f->project, f->a, &error);
  g_assert_cmpuint (revisions->len, >=, 1);
  rev = g_ptr_array_index (revisions, 0);
  restored = topiary_project_restore_revision (f->project, rev->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, >, 0);
  files = topiary_project_list_files (f->project, restored, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((TopiaryFileInfo *)g_ptr_array_index (files, 0))->name, ==, "images/shot.png");
  g_assert_true (((TopiaryFileInfo *)g_ptr_array_index (files, 0))->cover);
  unused = topiary_project_list_unused_files (f->project, &error);
  g_assert_cmpuint (unused->len, ==, 0);
  g_clear_pointer (&unused, g_ptr_array_unref);

  /* Deleted again and removed for good: the bytes go too. */
  g_assert_true (topiary_project_delete_article (f->project, restored, &error));
  g_assert_true (topiary_project_remove_unused_files (f->project, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file_blob"), ==, 0);
}

static void
on_files_changed (TopiaryProject *project,
                  const char     *what,
                  guint          *n)
{
  g_assert_cmpstr (what, ==, "files");
  (*n)++;
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(TopiaryFileInfo) again = NULL;
  guint n = 0;

  g_signal_connect (f->project, "changed::files", G_CALLBACK (on_files_changed), &n);
  info = add_ok (f, f->a, "shot.png", png);
  g_assert_cmpuint (n, ==, 1);
  /* The same bytes again: nothing changed. */
  again = add_ok (f, f->a, "shot.png", png);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (topiary_project_remove_file (f->project, info->id, NULL));
  g_assert_cmpuint (n, ==, 2);
}

/* A project made by this version, taken back to format 1: the file tables
 * dropped, user_version 1. */
static void
make_v1 (Fixture *f)
{
  sqlite3 *db = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE file; DROP TABLE file_blob; DROP TABLE link_dismissal; DROP TABLE revision_dismissal; PRAGMA user_version = 1; "
                                 "ALTER TABLE article DROP COLUMN language; ALTER TABLE revision DROP COLUMN language; "
                                 "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autofree char *body = NULL;

  make_v1 (f);
  g_assert_cmpint (count (f->project, f->path, "PRAGMA user_version"), ==, 1);

  /* Read-only, format 1 opens as it is, with no files. */
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  files = topiary_project_list_files (f->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);
  g_assert_null (topiary_project_find_file (f->project, f->a, "images/shot.png", NULL));
  g_clear_object (&f->project);
  g_assert_cmpint (count (f->project, f->path, "PRAGMA user_version"), ==, 1);

  /* Writable: upgraded, the articles as they were, files can be added. */
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  body = topiary_project_get_body (f->project, f->a, &error);
  g_assert_cmpstr (body, ==, "![A shot](images/shot.png)\n");
  info = add_ok (f, f->a, "shot.png", png);
  g_assert_cmpstr (info->name, ==, "images/shot.png");
  g_assert_cmpint (count (f->project, f->path, "PRAGMA user_version"), ==, TOPIARY_SCHEMA_VERSION);
  g_assert_cmpint (count (f->project, f->path, "SELECT count(*) FROM file"), ==, 1);
}

static void
test_migrate_one_transaction (Fixture       *f,
                              gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;

  make_v1 (f);
  /* Something in the way of the second table makes the migration fail
   * half-way: the first table must not be left behind. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE file (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_assert_cmpint (count (NULL, f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (count (NULL, f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'file_blob'"), ==, 0);
  g_assert_cmpint (count (NULL, f->path, "SELECT count(*) FROM article"), ==, 2);
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *newer = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* One version newer than this Topiary knows, whatever it knows. */
  newer = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;", TOPIARY_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "map.topiary"));
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_free (before);
  g_free (after);
}

static void
test_extract (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) png = test_image ("png", 8, 8, 1);
  g_autoptr(GBytes) pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  g_autoptr(TopiaryFileInfo) i1 = add_ok (f, f->a, "shot.png", png);
  g_autoptr(TopiaryFileInfo) i2 = add_ok (f, f->a, "report.pdf", pdf);
  g_autoptr(TopiaryFileInfo) i3 = add_ok (f, f->b, "shot.png", png);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *shot = g_build_filename (out, "first", "images", "shot.png", NULL);
  g_autofree char *report = g_build_filename (out, "first", "files", "report.pdf", NULL);
  g_autofree char *other = g_build_filename (out, "second", "images", "shot.png", NULL);
  g_autofree char *victim = g_build_filename (f->dir, "victim.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  guint n = 0;

  g_assert_true (topiary_project_extract_files (f->project, out, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_file_get_contents (shot, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));

  /* Again: refused, and nothing is written, without --force. */
  g_assert_cmpint (g_unlink (other), ==, 0);
  g_assert_false (topiary_project_extract_files (f->project, out, FALSE, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "first/"));
  g_clear_error (&error);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* With --force a link in the way is replaced, never followed. */
  g_assert_true (g_file_set_contents (victim, "mine", -1, NULL));
  g_assert_cmpint (g_unlink (shot), ==, 0);
  g_assert_cmpint (symlink (victim, shot), ==, 0);
  g_assert_true (topiary_project_extract_files (f->project, out, TRUE, &n, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (victim, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");
  g_assert_false (g_file_test (shot, G_FILE_TEST_IS_SYMLINK));

  /* A folder on the way that is a link out: refused, even with --force. */
  test_remove_tree (out);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  {
    g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
    g_autofree char *first = g_build_filename (out, "first", NULL);
    g_autofree char *planted = g_build_filename (elsewhere, "images", NULL);

    g_assert_cmpint (g_mkdir (elsewhere, 0755), ==, 0);
    g_assert_cmpint (symlink (elsewhere, first), ==, 0);
    g_assert_false (topiary_project_extract_files (f->project, out, TRUE, &n, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (planted, G_FILE_TEST_EXISTS));
  }
}

static void
test_prefix_sources (void)
{
  g_autofree char *none = topiary_media_prefix_image_sources ("<p>No pictures.</p>", "x:");
  g_autofree char *out = topiary_media_prefix_image_sources (
    "<p><img src=\"images/a.png\" alt=\"A\" /> <img src=\"./images/b.png\" alt=\"\" />"
    "<img src=\"https://example.org/c.png\" alt=\"\" /><img src=\"/static/d.png\" alt=\"\" />"
    "<img src=\"data:image/png;base64,AA\" alt=\"\" /></p>",
    "topiary-file:///7/");

  g_assert_null (none);
  g_assert_cmpstr (out, ==,
                   "<p><img src=\"topiary-file:///7/images/a.png\" alt=\"A\" /> "
                   "<img src=\"topiary-file:///7/images/b.png\" alt=\"\" />"
                   "<img src=\"https://example.org/c.png\" alt=\"\" /><img src=\"/static/d.png\" alt=\"\" />"
                   "<img src=\"data:image/png;base64,AA\" alt=\"\" /></p>");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/media/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("types", test_types);
  ADD ("dedupe", test_dedupe);
  ADD ("misnamed", test_misnamed);
  ADD ("damaged", test_damaged);
  ADD ("limits", test_limits);
  ADD ("from-path", test_from_path);
  ADD ("nothing-half-added", test_nothing_half_added);
  ADD ("svg-sanitised", test_svg_sanitised);
  ADD ("cover", test_cover);
  ADD ("unused", test_unused);
  ADD ("delete-and-undo", test_delete_and_undo);
  ADD ("changed-signal", test_changed_signal);
  ADD ("migrate-v1", test_migrate_v1);
  ADD ("migrate-one-transaction", test_migrate_one_transaction);
  ADD ("open-newer-version", test_newer_refused);
  ADD ("extract", test_extract);
  g_test_add_func ("/core/media/prefix-image-sources", test_prefix_sources);
#undef ADD

  return g_test_run ();
}
