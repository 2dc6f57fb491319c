/* topiary-export-rendition-cache.c — scaled copies kept between exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scaling a photo for srcset costs tens of milliseconds, and a site is
 * exported again and again with the same images. So each rendition is
 * kept in a cache folder the caller names (the command line and the app
 * give $XDG_CACHE_HOME/topiary; TopiaryExportOptions.cache_dir), in
 * "renditions", named by what it is made from: the
 * SHA-256 of the original's bytes (the project's content address, which
 * a replaced image changes), its size and the version of the scaler
 * below. A changed image therefore has another name, and a stale copy is
 * never found. Not in the project: exports open it read-only (the app
 * may have it open), and a cache is not the user's content to carry
 * around. Not beside the export: nothing is written outside its folder.
 *
 * A file is written to a temporary name and renamed, and starts with the
 * SHA-256 of the rest: one cut short by a crash, damaged or changed is
 * not used (the image is scaled again and the file replaced). Any
 * failure here only means scaling again: the export never fails for it.
 * See docs/export-site.md.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-export-media.h"
#include "topiary-export-private.h"

/* Bump when scale() makes different bytes (quality, compression, filter). */
#define SCALER_VERSION 1
#define MAGIC "topiary-rendition 1\n"
#define HASH_LEN 64
/* Far above any 800-pixel copy: a larger file is not one of ours. */
#define CACHE_FILE_MAX (16 * 1024 * 1024)

static gboolean
is_hex_hash (const char *s)
{
  if (s == NULL || strlen (s) != HASH_LEN)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* The cache file of a rendition, or NULL when @sha256 is not a hash (it
 * becomes a file name: nothing else may). */
static char *
cache_path (const char *cache,
            const char *sha256,
            const char *mime,
            guint       width,
            guint       height)
{
  g_autofree char *name = NULL;

  if (cache == NULL || !is_hex_hash (sha256))
    return NULL;
  name = g_strdup_printf ("%s-%ux%u-v%d.%s", sha256, width, height, SCALER_VERSION,
                          g_strcmp0 (mime, "image/png") == 0 ? "png" : "jpg");
  return g_build_filename (cache, "renditions", name, NULL);
}

static char *
payload_hash (const guint8 *data,
              gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

char *
topiary_export_cache_read (const char *path,
                           gsize       max,
                           gsize      *len)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize got = 0;
  int fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0)
    {
      if (errno != ENOENT)
        g_debug ("Cache file %s not read: %s", path, g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0 || (guint64) st.st_size > max)
    {
      g_debug ("Cache file %s not read: not a regular file of a cache's size", path);
      close (fd);
      return NULL;
    }
  buf = g_malloc ((gsize) st.st_size);
  while (got < (gsize) st.st_size)
    {
      gssize n = read (fd, buf + got, (gsize) st.st_size - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  if (got != (gsize) st.st_size)
    return NULL;
  *len = got;
  return g_steal_pointer (&buf);
}

GBytes *
topiary_export_rendition_cache_get (const char *cache,
                                    const char *sha256,
                                    const char *mime,
                                    guint       width,
                                    guint       height)
{
  g_autofree char *path = cache_path (cache, sha256, mime, width, height);
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  gsize len = 0, head = strlen (MAGIC) + HASH_LEN + 1;

  if (path == NULL ||
      (contents = topiary_export_cache_read (path, CACHE_FILE_MAX, &len)) == NULL || len <= head)
    return NULL;
  if (memcmp (contents, MAGIC, strlen (MAGIC)) != 0 || contents[head - 1] != '\n')
    return NULL;
  hash = payload_hash ((const guint8 *) contents + head, len - head);
  if (memcmp (hash, contents + strlen (MAGIC), HASH_LEN) != 0)
    return NULL;
  return g_bytes_new (contents + head, len - head);
}

void
topiary_export_rendition_cache_put (const char *cache,
                                    const char *sha256,
                                    const char *mime,
                                    guint       width,
                                    guint       height,
                                    GBytes     *rendition)
{
  g_autofree char *path = cache_path (cache, sha256, mime, width, height);
  g_autofree char *dir = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GString) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (rendition, &len);

  if (path == NULL || len == 0)
    return;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("No rendition cache in %s: %s", dir, g_strerror (errno));
      return;
    }
  hash = payload_hash (data, len);
  file = g_string_sized_new (strlen (MAGIC) + HASH_LEN + 1 + len);
  g_string_append (file, MAGIC);
  g_string_append (file, hash);
  g_string_append_c (file, '\n');
  g_string_append_len (file, (const char *) data, len);
  /* A temporary file renamed over the name: never half-written there. */
  if (!g_file_set_contents_full (path, file->str, file->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Rendition not cached: %s", error->message);
}

char *
topiary_export_default_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "topiary", NULL);
}
