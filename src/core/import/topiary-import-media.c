/* topiary-import-media.c — the images and files an imported article uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-import-fs-private.h"
#include "topiary-import-media-private.h"
#include "topiary-media.h"
#include "topiary-media-private.h"
#include "topiary-media-refs.h"

struct _TopiaryImportPrepared {
  char   *candidate;   /* the path it was read from: its name comes from it */
  GBytes *stored;      /* checked, as topiary_media_check() returned it */
  char   *mime;
  guint   width, height;
  char   *sha256;
  char   *warning;     /* why it is not imported (then nothing else is set) */
};

static void
prepared_free (gpointer data)
{
  TopiaryImportPrepared *p = data;

  g_free (p->candidate);
  g_clear_pointer (&p->stored, g_bytes_unref);
  g_free (p->mime);
  g_free (p->sha256);
  g_free (p->warning);
  g_free (p);
}

static TopiaryImportPrepared *
refused (char *warning)
{
  TopiaryImportPrepared *p = g_new0 (TopiaryImportPrepared, 1);

  p->warning = warning;
  return p;
}

/* Finds, reads, checks and hashes one file, without the project (any
 * thread): what it would be stored as, or a warning naming @article_rel. */
static TopiaryImportPrepared *
prepare_one (const char *url,
             const char *path,
             const char *md_dir,
             const char *site_root,
             const char *real_base,
             const char *article_rel)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *read_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryFileId id;
  gboolean complete = FALSE;
  gsize len = 0;
  const char *rel = path[0] == '/' ? path + 1 : path;

  if (path[0] != '/')
    g_ptr_array_add (candidates, g_build_filename (md_dir, rel, NULL));
  g_ptr_array_add (candidates, g_build_filename (site_root, "static", rel, NULL));
  g_ptr_array_add (candidates, g_build_filename (site_root, "assets", rel, NULL));
  if (path[0] == '/')
    g_ptr_array_add (candidates, g_build_filename (site_root, rel, NULL));

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      char real[PATH_MAX];
      TopiaryImportFsKind kind;
      TopiaryImportPrepared *p;

      if (realpath (candidate, real) == NULL)
        continue;
      /* Compared as real paths: "../../etc/passwd", a linked folder or a
       * link to a file outside all end here. */
      if (!_topiary_import_fs_is_inside (real, real_base))
        return refused (g_strdup_printf (_("“%s” refers to “%s”, which lies outside the imported folder, so it was not imported."),
                                         article_rel, url));
      kind = _topiary_import_fs_classify (real, real_base, TOPIARY_MEDIA_MAX_SIZE, &read_path, &id);
      if (kind == TOPIARY_IMPORT_FS_TOO_LARGE)
        return refused (g_strdup_printf (_("“%s” refers to “%s”, which is larger than %d MB, so it was not imported."),
                                         article_rel, url, TOPIARY_MEDIA_MAX_SIZE / (1024 * 1024)));
      if (kind != TOPIARY_IMPORT_FS_FILE)
        return refused (g_strdup_printf (_("“%s” refers to “%s”, which is not a regular file, so it was not imported."),
                                         article_rel, url));
      contents = _topiary_import_fs_read (read_path, &id, TOPIARY_MEDIA_MAX_SIZE + 1, &complete, &len, &error);
      if (contents == NULL)
        return refused (g_strdup_printf (_("“%s” refers to “%s”, which could not be read: %s"),
                                         article_rel, url, error->message));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      p = g_new0 (TopiaryImportPrepared, 1);
      p->stored = topiary_media_check (candidate, bytes, &p->mime, &p->width, &p->height, &error);
      if (p->stored == NULL)
        {
          prepared_free (p);
          return refused (g_strdup_printf (_("“%s” refers to a file that was not imported: %s"),
                                           article_rel, error->message));
        }
      p->candidate = g_strdup (candidate);
      p->sha256 = _topiary_media_sha256 (p->stored);
      return p;
    }
  return refused (g_strdup_printf (_("“%s” refers to “%s”, which is not in the imported folder."),
                                   article_rel, url));
}

/* Stores a prepared file; returns its name in the project, or NULL with a
 * warning added. */
static char *
store_prepared (TopiaryProject              *project,
                gint64                       article_id,
                const TopiaryImportPrepared *p,
                const char                  *article_rel,
                GPtrArray                   *warnings)
{
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (p->warning != NULL)
    {
      g_ptr_array_add (warnings, g_strdup (p->warning));
      return NULL;
    }
  info = _topiary_media_store (project, article_id, p->candidate, p->stored, p->mime,
                               p->width, p->height, p->sha256, &error);
  if (info == NULL)
    {
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("“%s” refers to a file that was not imported: %s"),
                                        article_rel, error->message));
      return NULL;
    }
  return g_strdup (info->name);
}

/* The references of @body, or NULL when it can have none. */
static GArray *
file_refs (const char *body)
{
  if (body == NULL || (strstr (body, "](") == NULL && strstr (body, "<img") == NULL))
    return NULL;
  return topiary_media_scan_refs (body);
}

/* The local path of a reference that may name a file to import, or NULL. */
static char *
ref_path (const TopiaryMediaRef *r)
{
  char *path = topiary_media_ref_local_path (r->url);

  if (path != NULL && !r->image && !topiary_media_has_extension (path))
    g_clear_pointer (&path, g_free);
  return path;
}

GHashTable *
_topiary_import_media_prepare (const char *body,
                               const char *md_path,
                               const char *site_root,
                               const char *real_base,
                               const char *article_rel,
                               gsize      *bytes)
{
  g_autoptr(GArray) refs = file_refs (body);
  g_autofree char *md_dir = NULL;
  GHashTable *prepared = NULL;

  *bytes = 0;
  if (refs == NULL)
    return NULL;
  md_dir = g_path_get_dirname (md_path);
  for (guint i = 0; i < refs->len; i++)
    {
      TopiaryMediaRef *r = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = ref_path (r);
      TopiaryImportPrepared *p;

      if (path == NULL || (prepared != NULL && g_hash_table_contains (prepared, r->url)))
        continue;
      if (prepared == NULL)
        prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prepared_free);
      p = prepare_one (r->url, path, md_dir, site_root, real_base, article_rel);
      if (p->stored != NULL)
        *bytes += g_bytes_get_size (p->stored);
      g_hash_table_insert (prepared, g_strdup (r->url), p);
    }
  return prepared;
}

char *
_topiary_import_media (TopiaryProject *project,
                       gint64          article_id,
                       const char     *body,
                       const char     *md_path,
                       const char     *site_root,
                       const char     *real_base,
                       const char     *article_rel,
                       GHashTable     *prepared,
                       GPtrArray      *warnings)
{
  g_autoptr(GArray) refs = file_refs (body);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *md_dir = NULL;
  gsize from = 0;
  gboolean changed = FALSE;

  if (refs == NULL || refs->len == 0)
    return NULL;
  md_dir = g_path_get_dirname (md_path);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  out = g_string_new (NULL);

  for (guint i = 0; i < refs->len; i++)
    {
      TopiaryMediaRef *r = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = ref_path (r);
      const char *name;

      if (path == NULL)
        continue;
      if (!g_hash_table_contains (names, r->url))
        {
          /* Read and checked by the read-ahead, or here. */
          TopiaryImportPrepared *ready = prepared != NULL ? g_hash_table_lookup (prepared, r->url) : NULL;
          TopiaryImportPrepared *here = ready == NULL ? prepare_one (r->url, path, md_dir, site_root,
                                                                     real_base, article_rel) : NULL;

          g_hash_table_insert (names, g_strdup (r->url),
                               store_prepared (project, article_id, ready ? ready : here,
                                               article_rel, warnings));
          g_clear_pointer (&here, prepared_free);
        }
      name = g_hash_table_lookup (names, r->url);
      if (name == NULL || strcmp (name, r->url) == 0 ||
          (g_str_has_prefix (r->url, "./") && strcmp (name, r->url + 2) == 0))
        continue;
      /* Linked by its name in the project, which exports keep. */
      g_string_append_len (out, body + from, r->start - from);
      g_string_append (out, name);
      from = r->start + r->len;
      changed = TRUE;
    }
  if (!changed)
    return NULL;
  g_string_append (out, body + from);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
