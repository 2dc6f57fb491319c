/* topiary-media.c — images and other files stored in the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>

#include "topiary-media.h"
#include "topiary-media-private.h"
#include "topiary-project-private.h"
#include "topiary-slug.h"

#define FILE_COLUMNS \
  "f.id, coalesce (f.article_id, 0), f.name, b.mime, b.sha256, b.size, b.width, b.height, f.cover"

void
topiary_file_info_free (TopiaryFileInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->mime);
  g_free (info->sha256);
  g_free (info);
}

TopiaryFileInfo *
topiary_file_info_copy (const TopiaryFileInfo *info)
{
  TopiaryFileInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->name = g_strdup (info->name);
  copy->mime = g_strdup (info->mime);
  copy->sha256 = g_strdup (info->sha256);
  return copy;
}

gboolean
topiary_file_info_is_image (const TopiaryFileInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return g_str_has_prefix (info->mime, "image/");
}

static TopiaryFileInfo *
info_from_row (sqlite3_stmt *stmt)
{
  TopiaryFileInfo *info = g_new0 (TopiaryFileInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->article_id = sqlite3_column_int64 (stmt, 1);
  info->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  info->mime = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  info->sha256 = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  info->size = sqlite3_column_int64 (stmt, 5);
  info->width = sqlite3_column_int (stmt, 6);
  info->height = sqlite3_column_int (stmt, 7);
  info->cover = sqlite3_column_int (stmt, 8) != 0;
  return info;
}

/* A project in format 1, opened read-only, has no file tables: it has no
 * files. Asked of SQLite each time, which is cheap, since a project
 * opened read-only may be upgraded by another process meanwhile. */
static gboolean
has_tables (TopiaryProject *self)
{
  sqlite3 *db = _topiary_project_get_db (self);
  sqlite3_stmt *stmt;
  gboolean found;

  if (db == NULL)
    return FALSE;
  stmt = _topiary_project_statement (self, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'file'", NULL);
  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
article_exists (TopiaryProject  *self,
                gint64           article_id,
                GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_statement (self, "SELECT 1 FROM article WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no article %" PRId64 " in the project."), article_id);
  return found;
}

static TopiaryFileInfo *
get_by_id (TopiaryProject *self,
           gint64          file_id)
{
  sqlite3_stmt *stmt;
  TopiaryFileInfo *info = NULL;

  stmt = _topiary_project_statement (self,
                                     "SELECT " FILE_COLUMNS " FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                     "WHERE f.id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    info = info_from_row (stmt);
  sqlite3_reset (stmt);
  return info;
}

/* "Screen Shot 2024.PNG" → "images/screen-shot-2024.png", unique within
 * the article ("-2", "-3" … before the extension). */
static char *
make_name (TopiaryProject  *self,
           gint64           article_id,
           const char      *original,
           const char      *mime,
           GError         **error)
{
  g_autofree char *base = g_path_get_basename (original != NULL && original[0] != '\0' ? original : "");
  g_autofree char *stem = NULL;
  g_autofree char *slug = NULL;
  const char *folder = g_str_has_prefix (mime, "image/") ? "images/" : "files/";
  const char *ext = topiary_media_extension (mime);
  const char *dot = strrchr (base, '.');
  sqlite3_stmt *stmt;

  /* Keep the spelling of the extension the user chose ("jpeg"), when it
   * is one of the type's. */
  if (dot != NULL && dot != base)
    {
      g_autofree char *given = g_ascii_strdown (dot + 1, -1);
      if (strcmp (mime, "image/jpeg") == 0 && (strcmp (given, "jpeg") == 0 || strcmp (given, "jpe") == 0))
        ext = g_intern_string (given);
      stem = g_strndup (base, dot - base);
    }
  else
    stem = g_strdup (base);
  if (stem[0] == '\0' || strcmp (stem, ".") == 0 || strcmp (stem, "/") == 0)
    {
      g_free (stem);
      stem = g_strdup (g_str_has_prefix (mime, "image/") ? "image" : "file");
    }
  slug = topiary_slugify (stem);
  if (strcmp (slug, "untitled") == 0 && g_ascii_strcasecmp (stem, "untitled") != 0)
    {
      g_free (slug);
      slug = g_strdup (g_str_has_prefix (mime, "image/") ? "image" : "file");
    }

  stmt = _topiary_project_statement (self, "SELECT 1 FROM file WHERE article_id = ? AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 1; ; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s%s.%s", folder, slug, ext)
                                     : g_strdup_printf ("%s%s-%u.%s", folder, slug, i, ext);
      gboolean taken;

      sqlite3_bind_int64 (stmt, 1, article_id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!taken)
        return g_steal_pointer (&name);
    }
}

TopiaryFileInfo *
topiary_project_add_file (TopiaryProject  *self,
                          gint64           article_id,
                          const char      *name,
                          GBytes          *data,
                          GError         **error)
{
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *mime = NULL;
  guint width = 0, height = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_topiary_project_check_writable (self, error))
    return NULL;
  /* Checked before the transaction: decoding a large photo holds no lock. */
  stored = topiary_media_check (name, data, &mime, &width, &height, error);
  if (stored == NULL)
    return NULL;
  return _topiary_media_store (self, article_id, name, stored, mime, width, height, NULL, error);
}

TopiaryFileInfo *
_topiary_media_store (TopiaryProject  *self,
                      gint64           article_id,
                      const char      *name,
                      GBytes          *stored,
                      const char      *mime,
                      guint            width,
                      guint            height,
                      const char      *given_sha256,
                      GError         **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *final_name = NULL;
  sqlite3_stmt *stmt;
  const guint8 *bytes;
  gsize len;
  gint64 blob_id = 0, file_id = 0;
  gboolean ok = FALSE;

  if (!_topiary_project_check_writable (self, error))
    return NULL;
  bytes = g_bytes_get_data (stored, &len);
  sha256 = given_sha256 != NULL ? g_strdup (given_sha256) : _topiary_media_sha256 (stored);

  if (!topiary_project_begin (self, error))
    return NULL;
  if (!article_exists (self, article_id, error))
    goto out;

  stmt = _topiary_project_statement (self, "SELECT id FROM file_blob WHERE sha256 = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    blob_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (blob_id != 0)
    {
      /* The article has these bytes already: the same reference. */
      stmt = _topiary_project_statement (self, "SELECT id FROM file WHERE article_id = ? AND blob_id = ? "
                                               "ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, article_id);
      sqlite3_bind_int64 (stmt, 2, blob_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        file_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  else
    {
      stmt = _topiary_project_statement (self,
                                         "INSERT INTO file_blob (sha256, mime, size, width, height, data) "
                                         "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, mime, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, len);
      sqlite3_bind_int (stmt, 4, width);
      sqlite3_bind_int (stmt, 5, height);
      sqlite3_bind_blob64 (stmt, 6, len > 0 ? (const void *)bytes : (const void *)"", len, SQLITE_STATIC);
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
      blob_id = sqlite3_last_insert_rowid (_topiary_project_get_db (self));
    }

  if (file_id == 0)
    {
      final_name = make_name (self, article_id, name, mime, error);
      if (final_name == NULL)
        goto out;
      stmt = _topiary_project_statement (self,
                                         "INSERT INTO file (article_id, name, blob_id, created) VALUES (?, ?, ?, ?)",
                                         error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, article_id);
      sqlite3_bind_text (stmt, 2, final_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, blob_id);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
      file_id = sqlite3_last_insert_rowid (_topiary_project_get_db (self));
      _topiary_project_files_changed (self);
    }
  ok = TRUE;

out:
  if (!_topiary_project_finish (self, ok, error))
    return NULL;
  return get_by_id (self, file_id);
}

char *
_topiary_media_sha256 (GBytes *data)
{
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  sha256_init (&ctx);
  sha256_update (&ctx, len, bytes);
  sha256_digest (&ctx, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xf];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
  return hex;
}

TopiaryFileInfo *
topiary_project_add_file_from_path (TopiaryProject  *self,
                                    gint64           article_id,
                                    const char      *path,
                                    GError         **error)
{
  g_autofree char *base = NULL;
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  data = _topiary_media_read_path (path, error);
  if (data == NULL)
    return NULL;
  return topiary_project_add_file (self, article_id, base, data, error);
}

GBytes *
_topiary_media_read_path (const char  *path,
                          GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GByteArray) buf = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ,
                       _("“%s” is not a regular file."), base);
        }
      else
        g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ,
                     _("Could not read “%s”: %s."), base, g_strerror (saved));
      return NULL;
    }
  if (st.st_size > TOPIARY_MEDIA_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB, the most a file in a project may be."),
                   base, TOPIARY_MEDIA_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  /* Read to the end, but never past the limit: the file may grow. */
  buf = g_byte_array_sized_new (st.st_size + 1);
  for (;;)
    {
      guint8 chunk[65536];
      gssize got = read (fd, chunk, sizeof chunk);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ,
                       _("Could not read “%s”: %s."), base, g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      g_byte_array_append (buf, chunk, got);
      if (buf->len > TOPIARY_MEDIA_MAX_SIZE)
        break;
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

GPtrArray *
topiary_project_list_files (TopiaryProject  *self,
                            gint64           article_id,
                            GError         **error)
{
  GPtrArray *list;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_file_info_free);
  if (!has_tables (self))
    return list;
  if (article_id != 0)
    stmt = _topiary_project_statement (self,
                                       "SELECT " FILE_COLUMNS " FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                       "WHERE f.article_id = ? ORDER BY f.name", error);
  else
    stmt = _topiary_project_statement (self,
                                       "SELECT " FILE_COLUMNS " FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                       "ORDER BY f.article_id IS NULL, f.article_id, f.name, f.id", error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  if (article_id != 0)
    sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, info_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  return list;
}

/* The one file @stmt (bound) selects: NULL when there is none, or with
 * @error set when it could not be read. */
static TopiaryFileInfo *
one_file (TopiaryProject  *self,
          sqlite3_stmt    *stmt,
          GError         **error)
{
  TopiaryFileInfo *info = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      info = info_from_row (stmt);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&info, topiary_file_info_free);
      _topiary_project_sqlite_error (self, rc, error);
    }
  return info;
}

TopiaryFileInfo *
topiary_project_find_file (TopiaryProject  *self,
                           gint64           article_id,
                           const char      *name,
                           GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  while (g_str_has_prefix (name, "./"))
    name += 2;
  if (!has_tables (self))
    return NULL;
  stmt = _topiary_project_statement (self,
                                     "SELECT " FILE_COLUMNS " FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                     "WHERE f.article_id = ? AND f.name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return one_file (self, stmt, error);
}

GBytes *
topiary_project_get_file_data (TopiaryProject  *self,
                               const char      *sha256,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  GBytes *data = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  if (!has_tables (self))
    stmt = NULL;
  else if ((stmt = _topiary_project_statement (self, "SELECT data FROM file_blob WHERE sha256 = ?", error)) == NULL)
    return NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        data = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (data == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("The project holds no file with the checksum %s."), sha256);
  return data;
}

/* Deletes the bytes of @blob_id when no reference is left. */
static gboolean
drop_blob_if_unused (TopiaryProject  *self,
                     gint64           blob_id,
                     GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_statement (self,
                                                   "DELETE FROM file_blob WHERE id = ?1 AND "
                                                   "NOT EXISTS (SELECT 1 FROM file WHERE blob_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, blob_id);
  return _topiary_project_step_done (self, stmt, error);
}

static gboolean
remove_reference (TopiaryProject  *self,
                  gint64           file_id,
                  gboolean        *found,
                  GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_statement (self, "DELETE FROM file WHERE id = ? RETURNING blob_id", error);
  gint64 blob_id = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, file_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    blob_id = sqlite3_column_int64 (stmt, 0);
  rc = rc == SQLITE_ROW ? sqlite3_step (stmt) : rc;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _topiary_project_sqlite_error (self, rc, error);
  *found = blob_id != 0;
  return blob_id == 0 || drop_blob_if_unused (self, blob_id, error);
}

gboolean
topiary_project_remove_file (TopiaryProject  *self,
                             gint64           file_id,
                             GError         **error)
{
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_writable (self, error) || !topiary_project_begin (self, error))
    return FALSE;
  ok = remove_reference (self, file_id, &found, error);
  if (ok && !found)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no file %" PRId64 " in the project."), file_id);
      ok = FALSE;
    }
  if (ok)
    _topiary_project_files_changed (self);
  return _topiary_project_finish (self, ok, error);
}

gboolean
topiary_project_set_cover (TopiaryProject  *self,
                           gint64           article_id,
                           gint64           file_id,
                           GError         **error)
{
  g_autoptr(TopiaryFileInfo) info = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_writable (self, error) || !topiary_project_begin (self, error))
    return FALSE;
  if (!article_exists (self, article_id, error))
    goto out;
  if (file_id != 0)
    {
      info = get_by_id (self, file_id);
      if (info == NULL || info->article_id != article_id)
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                       _("The article has no file %" PRId64 "."), file_id);
          goto out;
        }
      if (!topiary_file_info_is_image (info))
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                       _("“%s” is not an image, so it cannot be the cover."), info->name);
          goto out;
        }
    }
  stmt = _topiary_project_statement (self, "UPDATE file SET cover = 0 WHERE article_id = ? AND cover", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  if (file_id != 0)
    {
      stmt = _topiary_project_statement (self, "UPDATE file SET cover = 1 WHERE id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, file_id);
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
    }
  _topiary_project_files_changed (self);
  ok = TRUE;

out:
  return _topiary_project_finish (self, ok, error);
}

TopiaryFileInfo *
topiary_project_get_cover (TopiaryProject  *self,
                           gint64           article_id,
                           GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!has_tables (self))
    return NULL;
  stmt = _topiary_project_statement (self,
                                     "SELECT " FILE_COLUMNS " FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                     "WHERE f.article_id = ? AND f.cover", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  return one_file (self, stmt, error);
}

/* TRUE when @body names @name as a link or image target, however it is
 * written: "(images/a.png)", "(./images/a.png)", "src=\"images/a.png\"".
 * A mention in prose also counts; keeping a file too many is harmless. */
static gboolean
body_uses (const char *body,
           const char *name)
{
  gsize n = strlen (name);

  for (const char *p = body; (p = strstr (p, name)) != NULL; p += n)
    {
      char after = p[n];
      /* Not "images/a.png" inside "images/a.png.bak" or "xyimages/a.png". */
      if (g_ascii_isalnum (after) || after == '.' || after == '-' || after == '_')
        continue;
      if (p > body && (g_ascii_isalnum (p[-1]) || p[-1] == '-' || p[-1] == '_'))
        continue;
      return TRUE;
    }
  return FALSE;
}

GPtrArray *
topiary_project_list_unused_files (TopiaryProject  *self,
                                   GError         **error)
{
  GPtrArray *list;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_file_info_free);
  if (!has_tables (self))
    return list;
  stmt = _topiary_project_statement (self,
                                     "SELECT " FILE_COLUMNS ", coalesce ((SELECT text FROM body WHERE article_id = f.article_id), ''), "
                                     "EXISTS (SELECT 1 FROM article WHERE id = f.article_id) "
                                     "FROM file f JOIN file_blob b ON b.id = f.blob_id "
                                     "ORDER BY f.article_id IS NULL, f.article_id, f.name, f.id", error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TopiaryFileInfo) info = info_from_row (stmt);
      const char *body = (const char *)sqlite3_column_text (stmt, 9);
      gboolean alive = sqlite3_column_int (stmt, 10) != 0;

      if (!alive || (!info->cover && !body_uses (body != NULL ? body : "", info->name)))
        g_ptr_array_add (list, g_steal_pointer (&info));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  return list;
}

gboolean
topiary_project_remove_unused_files (TopiaryProject  *self,
                                     guint           *n_removed,
                                     GError         **error)
{
  g_autoptr(GPtrArray) unused = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  if (!_topiary_project_check_writable (self, error) || !topiary_project_begin (self, error))
    return FALSE;
  unused = topiary_project_list_unused_files (self, error);
  ok = unused != NULL;
  for (guint i = 0; ok && i < unused->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (unused, i);
      gboolean found = FALSE;

      ok = remove_reference (self, info->id, &found, error);
    }
  if (ok && unused->len > 0)
    _topiary_project_files_changed (self);
  if (!_topiary_project_finish (self, ok, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = unused->len;
  return TRUE;
}

/* ---- deleting and restoring an article ---- */

gboolean
_topiary_media_article_deleted (TopiaryProject  *self,
                                gint64           article_id,
                                gint64           revision_id,
                                GError         **error)
{
  sqlite3_stmt *stmt;

  if (!has_tables (self))
    return TRUE;
  stmt = _topiary_project_statement (self,
                                     "UPDATE file SET article_id = NULL, revision_id = ? "
                                     "WHERE article_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  sqlite3_bind_int64 (stmt, 2, article_id);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_topiary_project_get_db (self)) > 0)
    _topiary_project_files_changed (self);
  return TRUE;
}

gboolean
_topiary_media_article_restored (TopiaryProject  *self,
                                 gint64           revision_id,
                                 gint64           article_id,
                                 GError         **error)
{
  sqlite3_stmt *stmt;

  if (!has_tables (self))
    return TRUE;
  stmt = _topiary_project_statement (self,
                                     "UPDATE file SET article_id = ?1, revision_id = NULL "
                                     "WHERE article_id IS NULL AND revision_id IN "
                                     "(SELECT id FROM revision WHERE article_id = "
                                     " (SELECT article_id FROM revision WHERE id = ?2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int64 (stmt, 2, revision_id);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_topiary_project_get_db (self)) > 0)
    _topiary_project_files_changed (self);
  return TRUE;
}
