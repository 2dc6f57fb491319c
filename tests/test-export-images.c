/* test-export-images.c — large images on the site: smaller renditions in
 * srcset, the cover on the group and home pages, the files' bytes in the
 * JSON export, and Hugo building the Hugo export with its images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-export.h"
#include "topiary-export-media.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

typedef struct {
  char            *dir;
  char            *out;
  TopiaryProject  *project;
  gint64           group;
  gint64           a, b, c;
  GBytes          *photo;   /* 1600 × 1000 PNG */
  GBytes          *jpeg;    /* 2000 × 1500 JPEG */
  GBytes          *small;   /* 40 × 30 PNG */
  TopiaryFileInfo *photo_info;
  TopiaryFileInfo *jpeg_info;
  TopiaryFileInfo *small_info;
} Fixture;

/* An image of noise, so that its encoded size follows its pixel count. */
static GBytes *
noisy_image (const char *type,
             int         width,
             int         height,
             guint32     seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  char *buf = NULL;
  gsize len = 0;

  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);
      for (int x = 0; x < width * 3; x++)
        row[x] = (guchar) g_rand_int_range (rand, 0, 256);
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buf, len);
}

static gint64
add_article (Fixture    *f,
             const char *title,
             const char *body)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, f->group);
  topiary_article_set_status (article, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_body (article, body);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static TopiaryFileInfo *
add_file (Fixture    *f,
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Harbours");
  g_autofree char *path = NULL;
  g_autoptr(TopiaryFileInfo) again = NULL;

  f->dir = g_dir_make_tmp ("topiary-export-images-XXXXXX", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_set_map_field (f->project, "title", "Coast Guide", &error));
  g_assert_true (topiary_project_add_group (f->project, group, &error));
  g_assert_no_error (error);
  f->group = topiary_group_get_id (group);

  f->photo = noisy_image ("png", 1600, 1000, 1);
  f->jpeg = noisy_image ("jpeg", 2000, 1500, 2);
  f->small = test_image ("png", 40, 30, 3);
  /* The photo twice in one article and once in another. */
  f->a = add_article (f, "Harbour walk",
                      "# Harbour walk\n\n"
                      "![Harbour at dawn & dusk](images/harbour.png)\n\n"
                      "Text.\n\n![Boats](images/boats.jpg)\n\n"
                      "![A small map](images/map.png)\n\n"
                      "![The harbour again](./images/harbour.png)\n");
  f->b = add_article (f, "Lighthouses", "The same photo: ![Lights](images/lights.png)\n");
  f->c = add_article (f, "Tides", "No pictures here.\n");
  f->photo_info = add_file (f, f->a, "harbour.png", f->photo);
  f->jpeg_info = add_file (f, f->a, "boats.jpg", f->jpeg);
  f->small_info = add_file (f, f->a, "map.png", f->small);
  again = add_file (f, f->b, "lights.png", f->photo);
  g_assert_cmpstr (again->sha256, ==, f->photo_info->sha256);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_bytes_unref (f->photo);
  g_bytes_unref (f->jpeg);
  g_bytes_unref (f->small);
  topiary_file_info_free (f->photo_info);
  topiary_file_info_free (f->jpeg_info);
  topiary_file_info_free (f->small_info);
}

static void
export (Fixture             *f,
        TopiaryExportFormat  format,
        const char          *dest,
        gboolean             with_files)
{
  TopiaryExportOptions opts = { 0 };
  g_autoptr(GError) error = NULL;

  opts.format = format;
  opts.with_files = with_files;
  g_assert_true (topiary_export (f->project, dest, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
read_text (const char *dir,
           const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("missing: %s", rel);
  return text;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* The site path of @info, "media/harbour-<hash>.png". */
static char *
media_path (const TopiaryFileInfo *info,
            const char            *stem,
            const char            *suffix)
{
  return g_strdup_printf ("media/%s-%.12s%s", stem, info->sha256, suffix);
}

static void
assert_image_file (const char *root,
                   const char *rel,
                   const char *type,
                   int         width,
                   int         height)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbufFormat *format = gdk_pixbuf_get_file_info (path, NULL, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (format);
  name = gdk_pixbuf_format_get_name (format);
  g_assert_cmpstr (name, ==, type);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static goffset
file_size (const char *root,
           const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_srcset (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *photo = media_path (f->photo_info, "harbour", ".png");
  g_autofree char *photo_small = media_path (f->photo_info, "harbour", "-800w.png");
  g_autofree char *jpeg = media_path (f->jpeg_info, "boats", ".jpg");
  g_autofree char *jpeg_small = media_path (f->jpeg_info, "boats", "-800w.jpg");
  g_autofree char *map = media_path (f->small_info, "map", ".png");
  g_autofree char *map_small = media_path (f->small_info, "map", "-800w.png");
  g_autofree char *page = NULL;
  g_autofree char *page_b = NULL;
  g_autofree char *first = NULL;
  g_autofree char *boats = NULL;
  g_autofree char *small = NULL;
  g_autofree char *lights = NULL;
  g_autofree char *map_absent = NULL;
  guint before = topiary_export_renditions_scaled ();

  export (f, TOPIARY_EXPORT_SITE, f->out, FALSE);

  /* One smaller copy of each large image, of its type, 800 pixels wide,
   * fewer bytes than the original; none for the small one. */
  assert_image_file (f->out, photo_small, "png", 800, 500);
  assert_image_file (f->out, jpeg_small, "jpeg", 800, 600);
  g_assert_cmpint (file_size (f->out, photo_small), <, file_size (f->out, photo) / 2);
  g_assert_cmpint (file_size (f->out, jpeg_small), <, file_size (f->out, jpeg) / 2);
  map_absent = g_build_filename (f->out, map_small, NULL);
  g_assert_false (g_file_test (map_absent, G_FILE_TEST_EXISTS));
  /* The photo is on two pages, three times: scaled once. */
  g_assert_cmpuint (topiary_export_renditions_scaled () - before, ==, 2);

  page = read_text (f->out, "harbour-walk/index.html");
  /* The first image: its size, both copies, the column's width, not lazy. */
  first = g_strdup_printf ("<img src=\"../%s\" width=\"1600\" height=\"1000\" "
                           "srcset=\"../%s 800w, ../%s 1600w\" sizes=\"" TOPIARY_EXPORT_RENDITION_SIZES "\" "
                           "decoding=\"async\" alt=\"Harbour at dawn &amp; dusk\"",
                           photo, photo_small, photo);
  g_assert_nonnull (strstr (page, first));
  /* Below it: lazy. */
  boats = g_strdup_printf ("<img src=\"../%s\" width=\"2000\" height=\"1500\" "
                           "srcset=\"../%s 800w, ../%s 2000w\" sizes=\"" TOPIARY_EXPORT_RENDITION_SIZES "\" "
                           "loading=\"lazy\" decoding=\"async\" alt=\"Boats\"",
                           jpeg, jpeg_small, jpeg);
  g_assert_nonnull (strstr (page, boats));
  small = g_strdup_printf ("<img src=\"../%s\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\" "
                           "alt=\"A small map\"", map);
  g_assert_nonnull (strstr (page, small));
  g_assert_cmpuint (count (page, "srcset="), ==, 3);

  /* The other article's copy of the photo: the same two files. */
  page_b = read_text (f->out, "lighthouses/index.html");
  lights = g_strdup_printf ("srcset=\"../%s 800w, ../%s 1600w\"", photo_small, photo);
  g_assert_nonnull (strstr (page_b, lights));
}

/* @jpeg with an EXIF block saying "turn 90° clockwise" (orientation 6). */
static GBytes *
turned_jpeg (GBytes *jpeg)
{
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  gsize len = 0;
  const guint8 *d = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, d, 2);
  g_byte_array_append (out, exif, sizeof exif);
  g_byte_array_append (out, d + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

/* A photo its EXIF says to turn is published as it is in place of the
 * copy: the copy would have no EXIF, and browsers would show it unturned. */
static void
test_exif_turned (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) turned = turned_jpeg (f->jpeg);
  g_autoptr(TopiaryFileInfo) info = add_file (f, f->c, "turned.jpg", turned);
  g_autoptr(TopiaryArticle) c = topiary_project_get_article (f->project, f->c, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *small = media_path (info, "turned", "-800w.jpg");
  g_autofree char *boats = media_path (f->jpeg_info, "boats", "-800w.jpg");
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  topiary_article_set_body (c, "![A turned photo](images/turned.jpg)\n");
  g_assert_true (topiary_project_update_article (f->project, c, &error));
  g_assert_no_error (error);
  export (f, TOPIARY_EXPORT_SITE, f->out, FALSE);
  path = g_build_filename (f->out, small, NULL);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, len, g_bytes_get_data (turned, NULL), g_bytes_get_size (turned));
  /* The unturned ones are scaled all the same. */
  assert_image_file (f->out, boats, "jpeg", 800, 600);
}

static void
set_cover (Fixture              *f,
           gint64                article,
           const TopiaryFileInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_set_cover (f->project, article, info->id, &error));
  g_assert_no_error (error);
}

static void
test_cover_cards (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TopiaryFileInfo) lights = NULL;
  g_autoptr(TopiaryFileInfo) small_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_small = media_path (f->photo_info, "harbour", "-800w.png");
  g_autofree char *small = media_path (f->small_info, "map", ".png");
  g_autofree char *group = NULL;
  g_autofree char *home = NULL;
  g_autofree char *card_a = NULL;
  g_autofree char *card_b = NULL;
  g_autofree char *home_a = NULL;
  g_autofree char *article = NULL;
  g_autofree char *og = NULL;

  /* The first article's cover is the large photo, whose alt text the body
   * gives; the second's a small image its text does not show. */
  set_cover (f, f->a, f->photo_info);
  small_b = add_file (f, f->b, "map.png", f->small);
  set_cover (f, f->b, small_b);
  export (f, TOPIARY_EXPORT_SITE, f->out, FALSE);

  group = read_text (f->out, "harbours/index.html");
  /* The smaller copy serves the card, with its own size. */
  card_a = g_strdup_printf ("<img class=\"card-image\" src=\"../%s\" width=\"800\" height=\"500\" "
                            "alt=\"Harbour at dawn &amp; dusk\" loading=\"lazy\" decoding=\"async\">", photo_small);
  g_assert_nonnull (strstr (group, card_a));
  /* Without alt text in the body: decorative, beside its title. */
  card_b = g_strdup_printf ("<img class=\"card-image\" src=\"../%s\" width=\"40\" height=\"30\" alt=\"\" "
                            "loading=\"lazy\" decoding=\"async\">", small);
  g_assert_nonnull (strstr (group, card_b));
  /* The article without a cover has none. */
  g_assert_cmpuint (count (group, "class=\"card-image\""), ==, 2);

  home = read_text (f->out, "index.html");
  home_a = g_strdup_printf ("<img class=\"card-image\" src=\"%s\" width=\"800\" height=\"500\" "
                            "alt=\"Harbour at dawn &amp; dusk\"", photo_small);
  g_assert_nonnull (strstr (home, home_a));
  g_assert_cmpuint (count (home, "class=\"card-image\""), >=, 2);

  /* The page itself still offers the full image to Open Graph. */
  article = read_text (f->out, "harbour-walk/index.html");
  og = g_strdup_printf ("<meta property=\"og:image\" content=\"../media/harbour-%.12s.png\">", f->photo_info->sha256);
  g_assert_nonnull (strstr (article, og));
  lights = topiary_project_get_cover (f->project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lights->name, ==, "images/map.png");
}

/* A group's page is made while later articles are still being rendered
 * (topiary_export_article_done()): only once every article of the group
 * has its page, so every card shows its own cover. Six articles, each
 * with a picture of its own as its cover. */
static void
test_cover_cards_every_article (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Islands");
  g_autofree char *page = NULL;

  g_assert_true (topiary_project_add_group (f->project, group, &error));
  f->group = topiary_group_get_id (group);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Island %u", i);
      g_autofree char *body = g_strdup_printf ("![Island %u from the sea](images/island.png)\n", i);
      g_autoptr(GBytes) picture = test_image ("png", 20 + i, 10, 10 + i);
      gint64 id = add_article (f, title, body);
      g_autoptr(TopiaryFileInfo) info = add_file (f, id, "island.png", picture);

      set_cover (f, id, info);
    }
  export (f, TOPIARY_EXPORT_SITE, f->out, FALSE);

  page = read_text (f->out, "islands/index.html");
  g_assert_cmpuint (count (page, "class=\"card-image\""), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *alt = g_strdup_printf ("alt=\"Island %u from the sea\"", i);

      g_assert_nonnull (strstr (page, alt));
    }
}

static void
test_json_with_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.json", NULL);
  g_autofree char *full = g_build_filename (f->dir, "full.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *articles;
  guint checked = 0;

  /* Without --with-files, the list only. */
  export (f, TOPIARY_EXPORT_JSON, plain, FALSE);
  g_assert_true (json_parser_load_from_file (parser, plain, &error));
  g_assert_no_error (error);
  articles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonArray *files = json_object_get_array_member (json_array_get_object_element (articles, i), "files");

      for (guint k = 0; k < json_array_get_length (files); k++)
        g_assert_false (json_object_has_member (json_array_get_object_element (files, k), "data"));
    }

  /* With it, every file's bytes, which decode to what the project holds. */
  export (f, TOPIARY_EXPORT_JSON, full, TRUE);
  g_assert_true (json_parser_load_from_file (parser, full, &error));
  g_assert_no_error (error);
  articles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonArray *files = json_object_get_array_member (json_array_get_object_element (articles, i), "files");

      for (guint k = 0; k < json_array_get_length (files); k++)
        {
          JsonObject *file = json_array_get_object_element (files, k);
          const char *sha = json_object_get_string_member (file, "sha256");
          g_autoptr(GBytes) stored = topiary_project_get_file_data (f->project, sha, &error);
          g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
          g_autofree guchar *bytes = NULL;
          gsize len = 0;

          g_assert_no_error (error);
          bytes = g_base64_decode (json_object_get_string_member (file, "data"), &len);
          g_assert_cmpint (len, ==, json_object_get_int_member (file, "size"));
          g_assert_cmpmem (bytes, len, g_bytes_get_data (stored, NULL), g_bytes_get_size (stored));
          g_checksum_update (sum, bytes, len);
          g_assert_cmpstr (g_checksum_get_string (sum), ==, sha);
          checked++;
        }
    }
  /* harbour, boats, map; lights. */
  g_assert_cmpuint (checked, ==, 4);
}

/* Hugo builds the Hugo export: the pages show the images, which it
 * publishes beside them, and the cover reaches its templates. */
static void
test_hugo_build (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *layouts = g_build_filename (f->out, "layouts", "_default", NULL);
  g_autofree char *single = g_build_filename (layouts, "single.html", NULL);
  g_autofree char *list = g_build_filename (layouts, "list.html", NULL);
  g_autofree char *public = g_build_filename (f->dir, "public", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *page = NULL;
  g_autofree char *page_b = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "--quiet", "-d", NULL, NULL };
  int status = 0;

  set_cover (f, f->a, f->photo_info);
  export (f, TOPIARY_EXPORT_HUGO, f->out, FALSE);
  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed: the Hugo build was not tried");
      return;
    }
  argv[0] = hugo;
  argv[3] = public;
  /* A theme of two lines: the page's images and the cover from "images:". */
  g_assert_cmpint (g_mkdir_with_parents (layouts, 0755), ==, 0);
  g_assert_true (g_file_set_contents (single,
                                      "{{ range .Params.images }}<meta property=\"og:image\" content=\"{{ . }}\">{{ end }}\n"
                                      "{{ .Content }}", -1, NULL));
  g_assert_true (g_file_set_contents (list, "{{ range .Pages }}{{ .Title }}{{ end }}", -1, NULL));
  g_assert_true (g_spawn_sync (f->out, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("hugo failed: %s", err);

  page = read_text (public, "harbours/harbour-walk/index.html");
  g_assert_nonnull (strstr (page, "<img src=\"images/harbour.png\""));
  g_assert_nonnull (strstr (page, "<img src=\"images/boats.jpg\""));
  g_assert_nonnull (strstr (page, "<img src=\"images/map.png\""));
  g_assert_nonnull (strstr (page, "og:image\" content=\"/harbours/harbour-walk/images/harbour.png\""));
  page_b = read_text (public, "harbours/lighthouses/index.html");
  g_assert_nonnull (strstr (page_b, "<img src=\"images/lights.png\""));
  /* Every image a built page shows is a file Hugo published. */
  {
    const char *pages[] = { "harbours/harbour-walk", "harbours/lighthouses" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *html = read_text (public, strcmp (pages[i], "harbours/harbour-walk") == 0 ?
                                           "harbours/harbour-walk/index.html" : "harbours/lighthouses/index.html");
        g_autoptr(GRegex) re = g_regex_new ("<img src=\"([^\"]+)\"", 0, 0, NULL);
        g_autoptr(GMatchInfo) m = NULL;
        guint n = 0;

        g_regex_match (re, html, 0, &m);
        for (; g_match_info_matches (m); g_match_info_next (m, NULL), n++)
          {
            g_autofree char *src = g_match_info_fetch (m, 1);
            g_autofree char *file = g_build_filename (public, pages[i], src, NULL);
            g_autofree char *bytes = NULL;
            gsize len = 0;

            g_assert_true (g_file_get_contents (file, &bytes, &len, NULL));
            g_assert_cmpuint (len, >, 0);
          }
        g_assert_cmpuint (n, >=, 1);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/export-images/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("srcset", test_srcset);
  ADD ("exif-turned", test_exif_turned);
  ADD ("cover-cards", test_cover_cards);
  ADD ("cover-cards-every-article", test_cover_cards_every_article);
  ADD ("json-with-files", test_json_with_files);
  ADD ("hugo-build", test_hugo_build);
#undef ADD

  return g_test_run ();
}
