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
#include "topiary-media-refs.h"

/* Brings in one file; returns its name in the project, or NULL with a
 * warning added. */
static char *
import_one (TopiaryProject *project,
            gint64          article_id,
            const char     *url,
            const char     *path,
            const char     *md_dir,
            const char     *site_root,
            const char     *real_base,
            const char     *article_rel,
            GPtrArray      *warnings)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *read_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;
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

      if (realpath (candidate, real) == NULL)
        continue;
      /* Compared as real paths: "../../etc/passwd", a linked folder or a
       * link to a file outside all end here. */
      if (!_topiary_import_fs_is_inside (real, real_base))
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which lies outside the imported folder, so it was not imported."),
                                            article_rel, url));
          return NULL;
        }
      kind = _topiary_import_fs_classify (real, real_base, TOPIARY_MEDIA_MAX_SIZE, &read_path, &id);
      if (kind == TOPIARY_IMPORT_FS_TOO_LARGE)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which is larger than %d MB, so it was not imported."),
                                            article_rel, url, TOPIARY_MEDIA_MAX_SIZE / (1024 * 1024)));
          return NULL;
        }
      if (kind != TOPIARY_IMPORT_FS_FILE)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which is not a regular file, so it was not imported."),
                                            article_rel, url));
          return NULL;
        }
      contents = _topiary_import_fs_read (read_path, &id, TOPIARY_MEDIA_MAX_SIZE + 1, &complete, &len, &error);
      if (contents == NULL)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which could not be read: %s"),
                                            article_rel, url, error->message));
          return NULL;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      info = topiary_project_add_file (project, article_id, candidate, bytes, &error);
      if (info == NULL)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to a file that was not imported: %s"),
                                            article_rel, error->message));
          return NULL;
        }
      return g_strdup (info->name);
    }
  g_ptr_array_add (warnings,
                   g_strdup_printf (_("“%s” refers to “%s”, which is not in the imported folder."),
                                    article_rel, url));
  return NULL;
}

char *
_topiary_import_media (TopiaryProject *project,
                       gint64          article_id,
                       const char     *body,
                       const char     *md_path,
                       const char     *site_root,
                       const char     *real_base,
                       const char     *article_rel,
                       GPtrArray      *warnings)
{
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *md_dir = NULL;
  gsize from = 0;
  gboolean changed = FALSE;

  if (body == NULL || (strstr (body, "](") == NULL && strstr (body, "<img") == NULL))
    return NULL;
  refs = topiary_media_scan_refs (body);
  if (refs->len == 0)
    return NULL;
  md_dir = g_path_get_dirname (md_path);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  out = g_string_new (NULL);

  for (guint i = 0; i < refs->len; i++)
    {
      TopiaryMediaRef *r = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = topiary_media_ref_local_path (r->url);
      const char *name;

      if (path == NULL || (!r->image && !topiary_media_has_extension (path)))
        continue;
      if (!g_hash_table_contains (names, r->url))
        g_hash_table_insert (names, g_strdup (r->url),
                             import_one (project, article_id, r->url, path, md_dir,
                                         site_root, real_base, article_rel, warnings));
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
