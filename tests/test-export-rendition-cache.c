/* test-export-rendition-cache.c — the smaller copies of large images kept
 * between site exports (issue 12): used again when the image is the same,
 * never for a changed image, never when cut short or damaged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-export-media.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  char           *dir;
  char           *cache;
  TopiaryProject *project;
  gint64          article;
  guint           exports;
} Fixture;

/* A 1600 × 1000 JPEG of noise (@seed), which gets an 800-pixel copy. */
static GBytes *
photo (guint32 seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 1000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  char *buf = NULL;
  gsize len = 0;

  for (int y = 0; y < 1000; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < 1600 * 3; x++)
        row[x] = (guchar) g_rand_int_range (rand, 0, 256);
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buf, len);
}

static void
set_photo (Fixture *f,
           guint32  seed)
{
  g_autoptr(GBytes) data = photo (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFileInfo) old = topiary_project_find_file (f->project, f->article, "images/harbour.jpg", NULL);
  g_autoptr(TopiaryFileInfo) info = NULL;

  if (old != NULL)
    {
      g_assert_true (topiary_project_remove_file (f->project, old->id, &error));
      g_assert_no_error (error);
    }
  info = topiary_project_add_file (f->project, f->article, "images/harbour.jpg", data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("topiary-rendition-cache-XXXXXX", NULL);
  f->cache = g_build_filename (f->dir, "cache", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  topiary_article_set_title (article, "Harbour walk");
  topiary_article_set_status (article, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_body (article, "![The harbour at dawn](images/harbour.jpg)\n");
  f->article = test_add_article (f->project, article);
  set_photo (f, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  topiary_project_close (f->project);
  g_object_unref (f->project);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->cache);
}

/* Exports the site into a new folder; returns the rendition's bytes and
 * sets *@scaled to the number of images scaled for it. */
static GBytes *
export (Fixture *f,
        guint   *scaled)
{
  g_autofree char *name = g_strdup_printf ("site-%u", f->exports++);
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  g_autofree char *media = g_build_filename (out, "media", NULL);
  TopiaryExportOptions options = { .format = TOPIARY_EXPORT_SITE, .cache_dir = f->cache };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint before = topiary_export_renditions_scaled ();
  const char *entry;
  GBytes *rendition = NULL;

  g_assert_true (topiary_export (f->project, out, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  *scaled = topiary_export_renditions_scaled () - before;

  dir = g_dir_open (media, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, "-800w.jpg"))
      {
        g_autofree char *path = g_build_filename (media, entry, NULL);
        char *contents = NULL;
        gsize len = 0;

        g_assert_null (rendition);
        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        rendition = g_bytes_new_take (contents, len);
      }
  g_assert_nonnull (rendition);
  return rendition;
}

/* The one file in the cache's "renditions" folder. */
static char *
cache_entry (Fixture *f)
{
  g_autofree char *folder = g_build_filename (f->cache, "renditions", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_null (found);
      found = g_build_filename (folder, name, NULL);
    }
  g_assert_nonnull (found);
  return found;
}

/* The second export of the same image scales nothing and writes the
 * same copy, byte for byte. */
static void
test_reused (Fixture       *f,
             gconstpointer  data)
{
  guint scaled = 0;
  g_autoptr(GBytes) first = export (f, &scaled);
  g_autoptr(GBytes) second = NULL;
  g_autofree char *entry = NULL;

  g_assert_cmpuint (scaled, ==, 1);
  entry = cache_entry (f);
  second = export (f, &scaled);
  g_assert_cmpuint (scaled, ==, 0);
  g_assert_true (g_bytes_equal (first, second));
}

/* A replaced image under the same name has another hash: it is scaled
 * again, and its copy is not the old one. */
static void
test_changed_image_not_stale (Fixture       *f,
                              gconstpointer  data)
{
  guint scaled = 0;
  g_autoptr(GBytes) first = export (f, &scaled);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;

  set_photo (f, 2);
  second = export (f, &scaled);
  g_assert_cmpuint (scaled, ==, 1);
  g_assert_false (g_bytes_equal (first, second));
  /* …and that one is kept too. */
  third = export (f, &scaled);
  g_assert_cmpuint (scaled, ==, 0);
  g_assert_true (g_bytes_equal (second, third));
}

/* A cache file cut short (as by a crash while it was written, had it not
 * been renamed into place), or with one byte changed, is not used: the
 * image is scaled again, the page gets the right copy, and the file is
 * whole again afterwards. */
static void
test_damaged_entry_not_used (Fixture       *f,
                             gconstpointer  data)
{
  guint scaled = 0;
  g_autoptr(GBytes) good = export (f, &scaled);
  g_autofree char *entry = cache_entry (f);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (entry, &contents, &len, NULL));
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GBytes) again = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autofree char *damaged = g_memdup2 (contents, len);
      gsize damaged_len = len;

      if (round == 0)
        damaged_len = len / 2;
      else
        damaged[len - 100] ^= 0x40;
      g_assert_true (g_file_set_contents (entry, damaged, damaged_len, NULL));

      again = export (f, &scaled);
      g_assert_cmpuint (scaled, ==, 1);
      g_assert_true (g_bytes_equal (good, again));
      after = export (f, &scaled);
      g_assert_cmpuint (scaled, ==, 0);
      g_assert_true (g_bytes_equal (good, after));
    }
}

/* A cache folder that cannot be made costs the scaling, not the export. */
static void
test_unusable_cache (Fixture       *f,
                     gconstpointer  data)
{
  guint scaled = 0;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  g_assert_true (g_file_set_contents (f->cache, "not a folder", -1, NULL));
  first = export (f, &scaled);
  g_assert_cmpuint (scaled, ==, 1);
  second = export (f, &scaled);
  g_assert_cmpuint (scaled, ==, 1);
  g_assert_true (g_bytes_equal (first, second));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/export/rendition-cache/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("reused", test_reused);
  ADD ("changed-image-not-stale", test_changed_image_not_stale);
  ADD ("damaged-entry-not-used", test_damaged_entry_not_used);
  ADD ("unusable-cache", test_unusable_cache);
#undef ADD

  return g_test_run ();
}
