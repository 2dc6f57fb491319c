/* topiary-export-highlight-cache.c — highlighted code kept between exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlighting fenced code is a fifth of a site export's work, and a
 * site is exported again and again with mostly the same code. What a
 * highlighter makes depends only on the highlighter, the language and
 * the code, so the export keeps it, as it keeps scaled images
 * (topiary-export-rendition-cache.c): in the cache folder the caller
 * names (TopiaryExportOptions.cache_dir), in "highlight", one file per
 * project named by the SHA-256 of the project file's real path.
 *
 * Only a highlighter installed with an id (topiary_highlight_install_full())
 * is cached, and the file carries that id: another highlighter, another
 * version of it or of its library, finds no file of its own and
 * highlights everything again. Each entry is found by the SHA-256 of the
 * language and the code, so a changed block is never answered from it.
 *
 * The file: the magic line, the id line, then records (the 32-byte key,
 * the length as 4 bytes little-endian, the HTML), then the SHA-256 of
 * everything before it. A file cut short, damaged, of another id or
 * format, larger than CACHE_MAX or not a regular file is not used. It is
 * read once at the start of the export into a table that the Markdown
 * workers then only read; what they highlight meanwhile goes into a
 * second table under a lock. After a successful export the file is
 * written anew (a temporary name, renamed) with the entries that export
 * used, so it holds one site's code and no more. Any failure here only
 * means highlighting again: the export never fails or warns for it.
 * See docs/highlighting.md.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <nettle/sha2.h>

#include "topiary-export-private.h"
#include "topiary-highlight.h"

/* Bump when the layout below changes. */
#define MAGIC "topiary-highlight-cache 1\n"
#define KEY_LEN SHA256_DIGEST_SIZE
#define RECORD_HEAD (KEY_LEN + 4)
/* Far above the code of any real site (the 10,000-article benchmark,
 * 13,533 blocks, needs a few MiB): a larger file is neither read nor
 * written, and the code is highlighted every time. */
#define CACHE_MAX (64 * 1024 * 1024)

/* An entry of the file that was read. */
typedef struct {
  const guint8 *key;    /* KEY_LEN bytes, in the file's buffer */
  const char   *html;
  guint32       len;
  gint          used;   /* atomic: this export asked for it */
} Entry;

/* An entry highlighted in this export. */
typedef struct {
  guint8  key[KEY_LEN];
  guint32 len;
  char    html[];
} Added;

struct _TopiaryExportHighlightCache {
  TopiaryHighlightFunc  func;
  gpointer              data;
  char                 *id;
  char                 *path;
  char                 *buffer;   /* the file as read, or NULL */
  Entry                *entries;
  guint                 n_entries;
  GHashTable           *table;    /* key → Entry *; read-only once loaded */
  GMutex                lock;     /* guards what follows */
  GHashTable           *added;    /* key → Added * */
  gsize                 added_bytes;
};

static guint
key_hash (gconstpointer key)
{
  guint h;

  /* The key is a SHA-256: any of its bytes are as good as a hash. */
  memcpy (&h, key, sizeof h);
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return memcmp (a, b, KEY_LEN) == 0;
}

static void
make_key (const char *language,
          const char *code,
          gsize       length,
          guint8      key[KEY_LEN])
{
  struct sha256_ctx ctx;

  /* A language holds no NUL, so the separator keeps the two apart. */
  sha256_init (&ctx);
  sha256_update (&ctx, strlen (language) + 1, (const guint8 *) language);
  sha256_update (&ctx, length, (const guint8 *) code);
  sha256_digest (&ctx, KEY_LEN, key);
}

static char *
header_for (const char *id)
{
  return g_strconcat (MAGIC, id, "\n", NULL);
}

/* Fills the table from the file, or leaves it empty when the file is not
 * one this highlighter wrote, whole. */
static void
load (TopiaryExportHighlightCache *c)
{
  g_autofree char *header = header_for (c->id);
  gsize header_len = strlen (header), len = 0, pos, end, n = 0;
  guint8 digest[KEY_LEN];
  struct sha256_ctx ctx;
  g_autofree char *buf = topiary_export_cache_read (c->path, CACHE_MAX, &len);

  if (buf == NULL)
    return;
  if (len < header_len + KEY_LEN || memcmp (buf, header, header_len) != 0)
    {
      g_debug ("Highlight cache %s is of another highlighter or format", c->path);
      return;
    }
  end = len - KEY_LEN;
  sha256_init (&ctx);
  sha256_update (&ctx, end, (const guint8 *) buf);
  sha256_digest (&ctx, KEY_LEN, digest);
  if (memcmp (digest, buf + end, KEY_LEN) != 0)
    {
      g_debug ("Highlight cache %s is damaged", c->path);
      return;
    }

  /* Every length is checked against what is left, twice over: the file
   * could have been written by anything. */
  for (pos = header_len; pos < end; n++)
    {
      guint32 record_len;

      if (end - pos < RECORD_HEAD)
        return;
      memcpy (&record_len, buf + pos + KEY_LEN, 4);
      record_len = GUINT32_FROM_LE (record_len);
      if (record_len > end - pos - RECORD_HEAD)
        return;
      pos += RECORD_HEAD + record_len;
    }
  g_assert (pos == end);

  c->entries = g_new0 (Entry, MAX (n, 1));
  for (pos = header_len; pos < end; )
    {
      Entry *entry = &c->entries[c->n_entries];

      entry->key = (const guint8 *) buf + pos;
      memcpy (&entry->len, buf + pos + KEY_LEN, 4);
      entry->len = GUINT32_FROM_LE (entry->len);
      entry->html = buf + pos + RECORD_HEAD;
      pos += RECORD_HEAD + entry->len;
      /* A key twice: the first stands. */
      if (!g_hash_table_contains (c->table, entry->key))
        {
          g_hash_table_insert (c->table, (gpointer) entry->key, entry);
          c->n_entries++;
        }
    }
  c->buffer = g_steal_pointer (&buf);
}

TopiaryExportHighlightCache *
topiary_export_highlight_cache_new (const char *cache_dir,
                                    const char *project_path)
{
  TopiaryExportHighlightCache *c;
  g_autofree char *id = NULL;
  g_autofree char *real = NULL;
  g_autofree char *name = NULL;
  TopiaryHighlightFunc func;
  gpointer data;

  if (cache_dir == NULL || project_path == NULL)
    return NULL;
  func = topiary_highlight_get_full (&data, &id);
  if (func == NULL || id == NULL || *id == '\0' || strchr (id, '\n') != NULL)
    return NULL;
  real = realpath (project_path, NULL);
  if (real == NULL)
    {
      g_debug ("No highlight cache for %s: %s", project_path, g_strerror (errno));
      return NULL;
    }

  c = g_new0 (TopiaryExportHighlightCache, 1);
  c->func = func;
  c->data = data;
  c->id = g_steal_pointer (&id);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real, -1);
  c->path = g_build_filename (cache_dir, "highlight", name, NULL);
  c->table = g_hash_table_new (key_hash, key_equal);
  c->added = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  g_mutex_init (&c->lock);
  load (c);
  return c;
}

gboolean
topiary_export_highlight_cache_func (const char *language,
                                     const char *code,
                                     gsize       length,
                                     GString    *out,
                                     gpointer    user_data)
{
  TopiaryExportHighlightCache *c = user_data;
  guint8 key[KEY_LEN];
  Entry *entry;
  Added *added;
  gsize start = out->len, len;

  make_key (language, code, length, key);
  entry = g_hash_table_lookup (c->table, key);
  if (entry != NULL)
    {
      g_atomic_int_set (&entry->used, TRUE);
      g_string_append_len (out, entry->html, entry->len);
      return TRUE;
    }
  /* The same block twice in one export is highlighted once. */
  g_mutex_lock (&c->lock);
  added = g_hash_table_lookup (c->added, key);
  if (added != NULL)
    g_string_append_len (out, added->html, added->len);
  g_mutex_unlock (&c->lock);
  if (added != NULL)
    return TRUE;

  /* A failure (a language it does not know) is not kept: it is cheap. */
  if (!c->func (language, code, length, out, c->data))
    return FALSE;

  len = out->len - start;
  g_mutex_lock (&c->lock);
  if (c->added_bytes + RECORD_HEAD + len <= CACHE_MAX && !g_hash_table_contains (c->added, key))
    {
      added = g_malloc (sizeof (Added) + len);
      memcpy (added->key, key, KEY_LEN);
      added->len = len;
      memcpy (added->html, out->str + start, len);
      g_hash_table_insert (c->added, added->key, added);
      c->added_bytes += RECORD_HEAD + len;
    }
  g_mutex_unlock (&c->lock);
  return TRUE;
}

typedef struct {
  int               fd;
  GString          *buf;
  struct sha256_ctx sha;
  gboolean          failed;
} Writer;

static void
writer_flush (Writer *w)
{
  gsize done = 0;

  while (!w->failed && done < w->buf->len)
    {
      gssize n = write (w->fd, w->buf->str + done, w->buf->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_debug ("Highlight cache not written: %s", g_strerror (n < 0 ? errno : ENOSPC));
          w->failed = TRUE;
        }
      else
        done += n;
    }
  g_string_truncate (w->buf, 0);
}

static void
writer_add (Writer     *w,
            const void *data,
            gsize       len)
{
  sha256_update (&w->sha, len, data);
  g_string_append_len (w->buf, data, len);
  if (w->buf->len >= 1024 * 1024)
    writer_flush (w);
}

static void
writer_add_record (Writer       *w,
                   const guint8 *key,
                   const char   *html,
                   guint32       len)
{
  guint32 le = GUINT32_TO_LE (len);

  writer_add (w, key, KEY_LEN);
  writer_add (w, &le, 4);
  writer_add (w, html, len);
}

void
topiary_export_highlight_cache_save (TopiaryExportHighlightCache *c)
{
  g_autofree char *header = header_for (c->id);
  g_autofree char *dir = g_path_get_dirname (c->path);
  g_autofree char *base = g_path_get_basename (c->path);
  g_autofree char *tmp = NULL;
  gsize total = strlen (header) + KEY_LEN + c->added_bytes;
  guint used = 0;
  guint8 digest[KEY_LEN];
  Writer w = { -1 };
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < c->n_entries; i++)
    if (g_atomic_int_get (&c->entries[i].used))
      {
        used++;
        total += RECORD_HEAD + c->entries[i].len;
      }
  /* Nothing new and nothing left out: the file says it already (or
   * there is no file and nothing to say). */
  if (used == c->n_entries && g_hash_table_size (c->added) == 0 &&
      (c->buffer != NULL || used == 0))
    return;
  if (total > CACHE_MAX)
    {
      g_debug ("Highlight cache not written: %" G_GSIZE_FORMAT " bytes is too much", total);
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("No highlight cache in %s: %s", dir, g_strerror (errno));
      return;
    }
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  w.fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (w.fd < 0)
    {
      g_debug ("No highlight cache in %s: %s", dir, g_strerror (errno));
      return;
    }
  w.buf = g_string_sized_new (1024 * 1024 + 64 * 1024);
  sha256_init (&w.sha);
  writer_add (&w, header, strlen (header));
  for (guint i = 0; i < c->n_entries; i++)
    if (g_atomic_int_get (&c->entries[i].used))
      writer_add_record (&w, c->entries[i].key, c->entries[i].html, c->entries[i].len);
  g_hash_table_iter_init (&iter, c->added);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Added *added = value;

      writer_add_record (&w, added->key, added->html, added->len);
    }
  sha256_digest (&w.sha, KEY_LEN, digest);
  g_string_append_len (w.buf, (const char *) digest, KEY_LEN);
  writer_flush (&w);
  g_string_free (w.buf, TRUE);
  if (close (w.fd) != 0 && !w.failed)
    {
      g_debug ("Highlight cache not written: %s", g_strerror (errno));
      w.failed = TRUE;
    }
  /* rename() replaces a symbolic link or a FIFO there, never follows it. */
  if (!w.failed && g_rename (tmp, c->path) != 0)
    {
      g_debug ("Highlight cache not written: %s", g_strerror (errno));
      w.failed = TRUE;
    }
  if (w.failed)
    g_unlink (tmp);
}

void
topiary_export_highlight_cache_free (TopiaryExportHighlightCache *c)
{
  if (c == NULL)
    return;
  g_hash_table_unref (c->table);
  g_hash_table_unref (c->added);
  g_mutex_clear (&c->lock);
  g_free (c->entries);
  g_free (c->buffer);
  g_free (c->path);
  g_free (c->id);
  g_free (c);
}
