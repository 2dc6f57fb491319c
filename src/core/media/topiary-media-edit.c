/* topiary-media-edit.c — adding a file checked in another thread, and
 * renaming or replacing an article's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-media-edit.h"
#include "topiary-media-private.h"
#include "topiary-media-refs.h"
#include "topiary-project-private.h"
#include "topiary-slug.h"

struct _TopiaryCheckedFile
{
  char   *name;
  char   *mime;
  GBytes *data;
  guint   width;
  guint   height;
};

TopiaryCheckedFile *
topiary_checked_file_new (const char  *name,
                          GBytes      *data,
                          GError     **error)
{
  g_autoptr(TopiaryCheckedFile) file = g_new0 (TopiaryCheckedFile, 1);

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file->name = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "file");
  file->data = topiary_media_check (file->name, data, &file->mime, &file->width, &file->height, error);
  if (file->data == NULL)
    return NULL;
  return g_steal_pointer (&file);
}

TopiaryCheckedFile *
topiary_checked_file_new_for_path (const char  *path,
                                   GError     **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = _topiary_media_read_path (path, error);
  if (data == NULL)
    return NULL;
  base = g_path_get_basename (path);
  return topiary_checked_file_new (base, data, error);
}

void
topiary_checked_file_free (TopiaryCheckedFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->mime);
  g_clear_pointer (&file->data, g_bytes_unref);
  g_free (file);
}

const char *
topiary_checked_file_get_name (const TopiaryCheckedFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->name;
}

const char *
topiary_checked_file_get_mime (const TopiaryCheckedFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->mime;
}

GBytes *
topiary_checked_file_get_data (const TopiaryCheckedFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->data;
}

guint
topiary_checked_file_get_width (const TopiaryCheckedFile *file)
{
  g_return_val_if_fail (file != NULL, 0);
  return file->width;
}

guint
topiary_checked_file_get_height (const TopiaryCheckedFile *file)
{
  g_return_val_if_fail (file != NULL, 0);
  return file->height;
}

TopiaryFileInfo *
topiary_project_add_checked_file (TopiaryProject           *self,
                                  gint64                    article_id,
                                  const TopiaryCheckedFile *file,
                                  GError                  **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _topiary_media_store (self, article_id, file->name, file->data,
                               file->mime, file->width, file->height, NULL, error);
}

/* ---- links ---- */

static const char *
skip_dot_slash (const char *path)
{
  while (g_str_has_prefix (path, "./"))
    path += 2;
  return path;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (skip_dot_slash (a), -1);
  g_autofree char *fb = g_utf8_casefold (skip_dot_slash (b), -1);

  return strcmp (fa, fb) == 0;
}

char *
topiary_media_rewrite_refs (const char *text,
                            const char *old_name,
                            const char *new_name,
                            guint      *n_changed)
{
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GString) out = NULL;
  gsize copied = 0;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (old_name != NULL && new_name != NULL, NULL);

  if (n_changed != NULL)
    *n_changed = 0;
  refs = topiary_media_scan_refs (text);
  out = g_string_new (NULL);
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      const TopiaryMediaRef *ref = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = topiary_media_ref_local_path (ref->url);
      const char *rest;

      if (path == NULL || !same_name (path, old_name))
        continue;
      g_string_append_len (out, text + copied, ref->start - copied);
      if (g_str_has_prefix (ref->url, "./"))
        g_string_append (out, "./");
      g_string_append (out, new_name);
      /* A query or fragment stays as it was. */
      rest = strpbrk (ref->url, "?#");
      if (rest != NULL)
        g_string_append (out, rest);
      copied = ref->start + ref->len;
      n++;
    }
  if (n_changed != NULL)
    *n_changed = n;
  if (n == 0)
    return NULL;
  g_string_append (out, text + copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- renaming and replacing ---- */

static TopiaryFileInfo *
file_by_id (TopiaryProject  *self,
            gint64           file_id,
            GError         **error)
{
  sqlite3_stmt *stmt;
  TopiaryFileInfo *info = NULL;
  int rc;

  stmt = _topiary_project_statement (self,
                                     "SELECT f.id, coalesce (f.article_id, 0), f.name, b.mime, b.sha256, "
                                     "b.size, b.width, b.height, f.cover "
                                     "FROM file f JOIN file_blob b ON b.id = f.blob_id WHERE f.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, file_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info = g_new0 (TopiaryFileInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->article_id = sqlite3_column_int64 (stmt, 1);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->mime = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      info->size = sqlite3_column_int64 (stmt, 5);
      info->width = sqlite3_column_int (stmt, 6);
      info->height = sqlite3_column_int (stmt, 7);
      info->cover = sqlite3_column_int (stmt, 8) != 0;
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&info, topiary_file_info_free);
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  if (info == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("The file is no longer in the project."));
  return info;
}

/* "images/" of "images/a.png"; "" when there is no folder. */
static char *
folder_of (const char *name)
{
  const char *slash = strrchr (name, '/');

  return slash != NULL ? g_strndup (name, slash - name + 1) : g_strdup ("");
}

/* The name @wanted gives a file now called @old_name: its readable stem,
 * in the same folder, with @ext. */
static char *
make_new_name (const char  *old_name,
               const char  *wanted,
               const char  *ext,
               GError     **error)
{
  g_autofree char *folder = folder_of (old_name);
  g_autofree char *trimmed = g_strstrip (g_strdup (wanted));
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *slug = NULL;
  const char *dot;

  base = trimmed[0] != '\0' ? g_path_get_basename (trimmed) : g_strdup ("");
  dot = strrchr (base, '.');
  /* "Site map.png" and "Site map" both give "site-map". */
  if (dot != NULL && dot != base && topiary_media_has_extension (base))
    stem = g_strndup (base, dot - base);
  else
    stem = g_strdup (base);
  slug = topiary_slugify (stem);
  if (stem[0] == '\0' || strcmp (stem, ".") == 0 || strcmp (stem, "/") == 0 ||
      (strcmp (slug, "untitled") == 0 && g_ascii_strcasecmp (stem, "untitled") != 0))
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("Give the file a name with letters or digits in it."));
      return NULL;
    }
  return g_strdup_printf ("%s%s.%s", folder, slug, ext);
}

static const char *
extension_of (const char *name)
{
  const char *dot = strrchr (name, '.');
  const char *slash = strrchr (name, '/');

  return dot != NULL && (slash == NULL || dot > slash) ? dot + 1 : "";
}

/* Inside a transaction: names the file @info @new_name and points the
 * article's links at it. */
static gboolean
set_name (TopiaryProject         *self,
          const TopiaryFileInfo  *info,
          const char             *new_name,
          guint                  *n_links,
          GError                **error)
{
  sqlite3_stmt *stmt;
  gboolean taken;

  if (strcmp (info->name, new_name) == 0)
    return TRUE;
  stmt = _topiary_project_statement (self, "SELECT 1 FROM file WHERE article_id = ? AND name = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->article_id);
  sqlite3_bind_text (stmt, 2, new_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, info->id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_autofree char *base = g_path_get_basename (new_name);
      /* TRANSLATORS: %s is a file name such as "shot.png". */
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The article has a file called “%s” already."), base);
      return FALSE;
    }

  stmt = _topiary_project_statement (self, "UPDATE file SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, info->id);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;

  if (info->article_id != 0)
    {
      g_autoptr(TopiaryArticle) article = topiary_project_get_article (self, info->article_id, TRUE, error);
      g_autofree char *body = NULL;

      if (article == NULL)
        return FALSE;
      body = topiary_media_rewrite_refs (topiary_article_get_body (article) ? topiary_article_get_body (article) : "",
                                         info->name, new_name, n_links);
      if (body != NULL && !topiary_project_save_body (self, info->article_id, body, error))
        return FALSE;
    }
  return TRUE;
}

TopiaryFileInfo *
topiary_project_rename_file (TopiaryProject  *self,
                             gint64           file_id,
                             const char      *new_name,
                             guint           *n_links,
                             GError         **error)
{
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autofree char *name = NULL;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (new_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_links != NULL)
    *n_links = 0;
  if (!_topiary_project_check_writable (self, error) || !topiary_project_begin (self, error))
    return NULL;
  info = file_by_id (self, file_id, error);
  ok = info != NULL &&
       (name = make_new_name (info->name, new_name, extension_of (info->name), error)) != NULL &&
       set_name (self, info, name, n_links, error);
  if (ok)
    _topiary_project_files_changed (self);
  if (!_topiary_project_finish (self, ok, error))
    return NULL;
  return file_by_id (self, file_id, error);
}

TopiaryFileInfo *
topiary_project_replace_file (TopiaryProject           *self,
                              gint64                    file_id,
                              const TopiaryCheckedFile *file,
                              GError                  **error)
{
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  sqlite3_stmt *stmt;
  const guint8 *bytes;
  gsize len;
  gint64 old_blob = 0, blob_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_topiary_project_check_writable (self, error))
    return NULL;
  bytes = g_bytes_get_data (file->data, &len);
  sha256 = _topiary_media_sha256 (file->data);
  if (!topiary_project_begin (self, error))
    return NULL;
  info = file_by_id (self, file_id, error);
  if (info == NULL)
    goto out;

  stmt = _topiary_project_statement (self, "SELECT blob_id FROM file WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_blob = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _topiary_project_statement (self,
                                     "INSERT INTO file_blob (sha256, mime, size, width, height, data) "
                                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file->mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, len);
  sqlite3_bind_int (stmt, 4, file->width);
  sqlite3_bind_int (stmt, 5, file->height);
  sqlite3_bind_blob64 (stmt, 6, len > 0 ? (const void *) bytes : (const void *) "", len, SQLITE_STATIC);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  stmt = _topiary_project_statement (self, "SELECT id FROM file_blob WHERE sha256 = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    blob_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _topiary_project_statement (self, "UPDATE file SET blob_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, blob_id);
  sqlite3_bind_int64 (stmt, 2, file_id);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  if (old_blob != blob_id)
    {
      stmt = _topiary_project_statement (self,
                                         "DELETE FROM file_blob WHERE id = ?1 AND "
                                         "NOT EXISTS (SELECT 1 FROM file WHERE blob_id = ?1)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, old_blob);
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
    }

  /* Another type: the name's extension says the new one, and a cover
   * only stays one while it is an image. */
  if (strcmp (info->mime, file->mime) != 0)
    {
      g_autofree char *base = g_path_get_basename (info->name);
      const char *dot = strrchr (base, '.');

      stem = dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
      name = make_new_name (info->name, stem, topiary_media_extension (file->mime), error);
      if (name == NULL || !set_name (self, info, name, NULL, error))
        goto out;
      if (!g_str_has_prefix (file->mime, "image/"))
        {
          stmt = _topiary_project_statement (self, "UPDATE file SET cover = 0 WHERE id = ?", error);
          if (stmt == NULL)
            goto out;
          sqlite3_bind_int64 (stmt, 1, file_id);
          if (!_topiary_project_step_done (self, stmt, error))
            goto out;
        }
    }
  _topiary_project_files_changed (self);
  ok = TRUE;

out:
  if (!_topiary_project_finish (self, ok, error))
    return NULL;
  return file_by_id (self, file_id, error);
}
