/* topiary-export-rendition.c — smaller copies of large images for the site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PNG or JPEG wider than TOPIARY_EXPORT_RENDITION_OVER pixels gets one
 * copy TOPIARY_EXPORT_RENDITION_WIDTH pixels wide, offered beside it in the
 * <img>'s srcset, so a phone or an ordinary screen does not fetch the full
 * photo. The copy keeps the type of the original: gdk-pixbuf in Debian 12
 * (and the GNOME runtime) cannot write WebP, and PNG and JPEG are what
 * the original already is.
 *
 * Scaling costs tens of milliseconds an image, so it happens on worker
 * threads while the pages are written; the exporting thread only hands
 * the bytes over (the rendition's name and size are known beforehand, so
 * the pages need not wait), and waits for them at the end. At most
 * RENDITION_PENDING images wait, so memory stays flat. A copy made by an
 * earlier export comes from the cache (topiary-export-rendition-cache.c).
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "topiary-export-media.h"

#define RENDITION_THREADS 2
#define RENDITION_PENDING 4

/* How many renditions were scaled in this process: the tests check that
 * an image used twice is scaled once. */
static gint scaled_count;

typedef struct {
  char   *relpath;
  char   *sha256;   /* of the original: its key in the cache */
  GBytes *data;
  char   *mime;
  guint   width;
  guint   height;
  guint   seq;
} RenditionJob;

struct _TopiaryExportRenditions {
  GThreadPool            *pool;
  TopiaryExportWriteFunc  write;
  gpointer                user_data;
  char                   *cache;      /* the cache folder, or NULL */
  GMutex                  lock;
  GCond                   cond;
  guint                   pending;    /* handed over, not done */
  guint                   seq;
  gint                    failed;     /* atomic: skip what is left */
  GError                 *error;      /* the earliest job's failure */
  guint                   error_seq;
};

gboolean
topiary_export_rendition_size (const TopiaryFileInfo *info,
                               guint                 *width,
                               guint                 *height)
{
  if (info->width <= TOPIARY_EXPORT_RENDITION_OVER || info->height == 0 ||
      (g_strcmp0 (info->mime, "image/png") != 0 && g_strcmp0 (info->mime, "image/jpeg") != 0))
    return FALSE;
  *width = TOPIARY_EXPORT_RENDITION_WIDTH;
  *height = MAX (1, (guint) (((guint64) info->height * TOPIARY_EXPORT_RENDITION_WIDTH + info->width / 2) / info->width));
  return TRUE;
}

guint
topiary_export_renditions_scaled (void)
{
  return (guint) g_atomic_int_get (&scaled_count);
}

static guint
read16 (const guint8 *p,
        gboolean      big)
{
  return big ? (p[0] << 8) | p[1] : (p[1] << 8) | p[0];
}

static guint32
read32 (const guint8 *p,
        gboolean      big)
{
  return big ? ((guint32) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]
             : ((guint32) p[3] << 24) | (p[2] << 16) | (p[1] << 8) | p[0];
}

/* The EXIF orientation of a JPEG (1 to 8), 1 when it has none. Read here
 * since a pixbuf the loader scaled no longer carries it. */
static guint
jpeg_orientation (const guint8 *d,
                  gsize         len)
{
  gsize pos = 2;

  if (len < 4 || d[0] != 0xff || d[1] != 0xd8)
    return 1;
  while (pos + 4 <= len && d[pos] == 0xff)
    {
      guint marker = d[pos + 1];
      gsize seg = (d[pos + 2] << 8) | d[pos + 3];
      const guint8 *tiff = d + pos + 10;
      gsize tlen;
      gboolean big;
      guint32 ifd;
      guint n;

      if (marker == 0xda || marker == 0xd9 || seg < 2 || pos + 2 + seg > len)
        break;
      if (marker != 0xe1 || seg < 8 + 8 || memcmp (d + pos + 4, "Exif\0\0", 6) != 0)
        {
          pos += 2 + seg;
          continue;
        }
      tlen = seg - 8;
      if (memcmp (tiff, "MM", 2) != 0 && memcmp (tiff, "II", 2) != 0)
        return 1;
      big = tiff[0] == 'M';
      ifd = read32 (tiff + 4, big);
      if (ifd > tlen - 2)
        return 1;
      n = read16 (tiff + ifd, big);
      for (guint i = 0; i < n && ifd + 2 + (gsize) (i + 1) * 12 <= tlen; i++)
        {
          const guint8 *entry = tiff + ifd + 2 + i * 12;

          if (read16 (entry, big) == 0x0112)
            {
              guint value = read16 (entry + 8, big);
              return value >= 1 && value <= 8 ? value : 1;
            }
        }
      return 1;
    }
  return 1;
}

static void
size_prepared (GdkPixbufLoader *loader,
               int              width,
               int              height,
               gpointer         user_data)
{
  RenditionJob *job = user_data;

  /* The JPEG loader then decodes at a fraction of the size, far faster. */
  gdk_pixbuf_loader_set_size (loader, job->width, job->height);
}

/* The scaled copy, encoded; NULL when the image is one to publish as it
 * is (see below) or cannot be read. */
static GBytes *
scale (RenditionJob  *job,
       GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (job->mime, error);
  GdkPixbuf *pixbuf;
  char *buf = NULL;
  gsize len = 0;
  gboolean saved;

  if (loader == NULL)
    return NULL;
  /* A photo turned by its EXIF orientation: browsers turn the original,
   * and the copy would have no EXIF to tell them, so the original stands
   * in for it. */
  if (strcmp (job->mime, "image/jpeg") == 0 &&
      jpeg_orientation (g_bytes_get_data (job->data, NULL), g_bytes_get_size (job->data)) != 1)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared), job);
  if (!gdk_pixbuf_loader_write_bytes (loader, job->data, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;
  if ((guint) gdk_pixbuf_get_width (pixbuf) != job->width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != job->height)
    return NULL;
  if (strcmp (job->mime, "image/jpeg") == 0)
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, "jpeg", error, "quality", "85", NULL);
  else
    /* zlib's level 3, not its default 6: a few per cent more bytes for
     * less than half the time on a noisy screenshot. */
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, "png", error, "compression", "3", NULL);
  if (!saved)
    return NULL;
  g_atomic_int_inc (&scaled_count);
  return g_bytes_new_take (buf, len);
}

static void
job_free (RenditionJob *job)
{
  g_free (job->relpath);
  g_free (job->sha256);
  g_bytes_unref (job->data);
  g_free (job->mime);
  g_free (job);
}

static void
rendition_thread (gpointer data,
                  gpointer user_data)
{
  RenditionJob *job = data;
  TopiaryExportRenditions *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) scale_error = NULL;

  if (!g_atomic_int_get (&r->failed))
    {
      g_autoptr(GBytes) copy = topiary_export_rendition_cache_get (r->cache, job->sha256, job->mime,
                                                                   job->width, job->height);
      /* The stored image was checked when it was added; should it still
       * not scale, the page links the file all the same: the original. */
      GBytes *out;

      if (copy == NULL)
        {
          copy = scale (job, &scale_error);
          if (copy != NULL)
            topiary_export_rendition_cache_put (r->cache, job->sha256, job->mime, job->width, job->height, copy);
        }
      out = copy != NULL ? copy : job->data;
      if (scale_error != NULL)
        g_debug ("Rendition %s not scaled: %s", job->relpath, scale_error->message);
      if (!r->write (r->user_data, job->relpath, g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error))
        g_atomic_int_set (&r->failed, TRUE);
    }

  g_mutex_lock (&r->lock);
  if (error != NULL && (r->error == NULL || job->seq < r->error_seq))
    {
      g_clear_error (&r->error);
      r->error = g_steal_pointer (&error);
      r->error_seq = job->seq;
    }
  r->pending--;
  g_cond_broadcast (&r->cond);
  g_mutex_unlock (&r->lock);
  job_free (job);
}

TopiaryExportRenditions *
topiary_export_renditions_new (TopiaryExportWriteFunc  write,
                               gpointer                user_data,
                               const char             *cache)
{
  TopiaryExportRenditions *r = g_new0 (TopiaryExportRenditions, 1);

  r->cache = g_strdup (cache);
  r->write = write;
  r->user_data = user_data;
  g_mutex_init (&r->lock);
  g_cond_init (&r->cond);
  r->pool = g_thread_pool_new (rendition_thread, r, RENDITION_THREADS, FALSE, NULL);
  return r;
}

void
topiary_export_renditions_add (TopiaryExportRenditions *r,
                               const char              *relpath,
                               const char              *sha256,
                               GBytes                  *data,
                               const char              *mime,
                               guint                    width,
                               guint                    height)
{
  RenditionJob *job;

  g_assert (r->pool != NULL);
  g_mutex_lock (&r->lock);
  while (r->pending >= RENDITION_PENDING)
    g_cond_wait (&r->cond, &r->lock);
  r->pending++;
  g_mutex_unlock (&r->lock);

  job = g_new0 (RenditionJob, 1);
  job->relpath = g_strdup (relpath);
  job->sha256 = g_strdup (sha256);
  job->data = g_bytes_ref (data);
  job->mime = g_strdup (mime);
  job->width = width;
  job->height = height;
  job->seq = r->seq++;
  g_thread_pool_push (r->pool, job, NULL);
}

gboolean
topiary_export_renditions_finish (TopiaryExportRenditions  *r,
                                  GError                  **error)
{
  if (r->pool != NULL)
    {
      g_thread_pool_free (r->pool, FALSE, TRUE);
      r->pool = NULL;
    }
  if (r->error != NULL)
    {
      g_propagate_error (error, g_error_copy (r->error));
      return FALSE;
    }
  return TRUE;
}

void
topiary_export_renditions_free (TopiaryExportRenditions *r)
{
  if (r == NULL)
    return;
  /* Whatever is still queued is skipped, not scaled. */
  g_atomic_int_set (&r->failed, TRUE);
  topiary_export_renditions_finish (r, NULL);
  g_clear_error (&r->error);
  g_mutex_clear (&r->lock);
  g_cond_clear (&r->cond);
  g_free (r->cache);
  g_free (r);
}
