/* topiary-project-open.c — opening (or creating) a project file: refusing
 * what is not a Topiary project, damaged or newer, read-only and full-disk
 * fallbacks, document portal files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "topiary-portal-private.h"
#include "topiary-project.h"
#include "topiary-project-file-private.h"
#include "topiary-project-private.h"

/* ------------------------------------------------------------------------ */

/* Runs a query that returns one integer; the SQLite code on failure. */
static int
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
read_identity (sqlite3 *db,
               gint64  *app_id,
               gint64  *version,
               gint64  *n_tables)
{
  int rc = query_int (db, "PRAGMA application_id", app_id);

  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", n_tables);
  return rc;
}

/* What a full disk or a file we may not change does to a first read. */
static gboolean
is_cannot_write (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Closes the connection of a project that is not handed out. */
static void
close_unopened (TopiaryProject *self,
                gboolean        keep_wal)
{
  if (self->db != NULL && keep_wal)
    {
      /* A refused file stays byte for byte as it was: its WAL is not
       * folded into it. */
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    }
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->copy_dir, _topiary_project_file_free_copy);
}

/* quick_check: TRUE when SQLite finds the file sound. */
static gboolean
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

static TopiaryProject *
open_file (const char        *path,
           TopiaryOpenFlags   flags,
           GError           **error)
{
  g_autoptr(TopiaryProject) self = NULL;
  g_autofree char *name = NULL;
  gboolean created = FALSE;
  gboolean is_new = FALSE;
  gboolean verify = FALSE;
  gboolean writable;
  gboolean keep_wal;
  gint64 app_id = 0, version = 0, n_tables = 0;
  int rc = SQLITE_OK;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int saved;

      if (!(flags & TOPIARY_OPEN_CREATE))
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND,
                       _("“%s” does not exist."), name);
          return NULL;
        }
      /* Made here rather than by SQLite, whose files ignore part of the umask. */
      created = _topiary_project_file_create (path);
      saved = errno;
      if (!created && saved != EEXIST)
        {
          if (saved == EACCES || saved == EROFS || saved == EPERM)
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                         _("“%s” is read-only, so a project cannot be created in it."), name);
          else
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                         _("Could not create “%s”: %s."), name, g_strerror (saved));
          return NULL;
        }
    }
  if (!_topiary_project_file_check_header (path, &is_new, &verify, error))
    goto fail;
  if (is_new && !(flags & TOPIARY_OPEN_CREATE))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Topiary project: the file is empty."), name);
      return NULL;
    }

  self = g_object_new (TOPIARY_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  writable = _topiary_project_file_can_write (path);
  self->read_only = (flags & TOPIARY_OPEN_READ_ONLY) != 0 || !writable;

  if (self->read_only && is_new)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                   _("“%s” is read-only, so a project cannot be created in it."), name);
      goto fail;
    }

  /* A WAL with frames before we start is someone's committed work (or a
   * crash's): never folded into a file we then refuse. */
  keep_wal = _topiary_project_file_wal_has_frames (path);
  /* Reading on a full disk: a -wal and -shm made now could not be
   * removed, so read as from read-only media. */
  if (writable && self->read_only && _topiary_project_file_disk_full (path))
    writable = FALSE;

  if (writable)
    {
      /* Read-write even for reading: only a connection that may write can
       * checkpoint and delete -wal and -shm when it closes last. */
      _topiary_project_file_repair_leftovers (path);
      rc = sqlite3_open_v2 (path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, 5000);
          if (self->read_only)
            rc = sqlite3_exec (self->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
        }
      if (rc == SQLITE_OK)
        rc = read_identity (self->db, &app_id, &version, &n_tables);
      /* A full disk cannot hold a -shm: read as from read-only media. */
      if (rc != SQLITE_OK && self->read_only && is_cannot_write (rc))
        {
          close_unopened (self, TRUE);
          writable = FALSE;
        }
    }
  if (!writable)
    {
      rc = _topiary_project_file_open_read_only (path, &self->db, &self->copy_dir);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, 5000);
          rc = read_identity (self->db, &app_id, &version, &n_tables);
        }
    }
  if (rc != SQLITE_OK)
    {
      _topiary_project_sqlite_error (self, rc, error);
      close_unopened (self, keep_wal);
      goto fail;
    }
  sqlite3_extended_result_codes (self->db, 1);

  /* Read before any write: a refused file must stay as it was. */
  if (app_id != TOPIARY_APPLICATION_ID && !(app_id == 0 && n_tables == 0))
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FOREIGN,
                   _("“%s” is not a Topiary project: it is a database of another application."), name);
      goto fail;
    }
  if (version > TOPIARY_SCHEMA_VERSION)
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Topiary (format %d; this version reads up to %d); update Topiary to open it."),
                   name, (int)version, TOPIARY_SCHEMA_VERSION);
      goto fail;
    }
  if (app_id == TOPIARY_APPLICATION_ID)
    {
      sqlite3_stmt *stmt = NULL;
      /* A quick look at the tables we need catches damage early. */
      rc = sqlite3_prepare_v2 (self->db,
                               "SELECT (SELECT count(*) FROM map), (SELECT count(*) FROM grp)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      /* The header disagreed with the file's size: SQLite has replayed
       * the WAL by now, so its verdict is final. */
      if (rc != SQLITE_ROW || (verify && !quick_check (self->db)))
        {
          close_unopened (self, keep_wal);
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read."), name);
          goto fail;
        }
    }
  else if (verify && !quick_check (self->db))
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read."), name);
      goto fail;
    }

  if (self->read_only)
    {
      /* Format 1 lacks only the file tables, and topiary-media.c reads
       * such a project as one without files: no conversion needed. */
      if (version < 1)
        {
          close_unopened (self, keep_wal);
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                       _("“%s” is read-only and in an older format that needs converting first."), name);
          goto fail;
        }
      if (!_topiary_project_compat_views (self, version, error))
        {
          close_unopened (self, keep_wal);
          goto fail;
        }
    }
  else
    {
      gboolean bulk = (flags & TOPIARY_OPEN_BULK) != 0;

      if (!_topiary_project_exec (self, bulk ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL", error) ||
          !_topiary_project_exec (self, bulk ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", error) ||
          /* A large map is written in one transaction on import; a page
           * cache that holds it avoids spilling to the WAL and reading back. */
          !_topiary_project_exec (self, "PRAGMA cache_size = -65536", error) ||
          !_topiary_project_exec (self, "PRAGMA temp_store = MEMORY", error) ||
          !_topiary_project_migrate (self, version, error))
        {
          close_unopened (self, FALSE);
          goto fail;
        }
      _topiary_project_ensure_indexes (self);
    }

  if (!_topiary_project_exec (self, "PRAGMA foreign_keys = ON", error))
    {
      close_unopened (self, FALSE);
      goto fail;
    }

  _topiary_project_fds_hold (self);
  return g_steal_pointer (&self);

fail:
  /* The empty file made above, and only it. */
  if (created)
    {
      GStatBuf st;
      if (g_stat (path, &st) == 0 && st.st_size == 0)
        g_unlink (path);
    }
  return NULL;
}

/* A document portal file: the project is the working copy, and keeps the
 * document's path for messages and callers (topiary-portal.c). */
static TopiaryProject *
open_portal (const char        *path,
             TopiaryOpenFlags   flags,
             GError           **error)
{
  TopiaryPortalCopy *copy;
  TopiaryProject *self;
  gboolean pending = FALSE;

  /* The portal does its own permission check: a document granted for
   * reading only opens read-only. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    flags |= TOPIARY_OPEN_READ_ONLY;
  copy = _topiary_portal_copy_open (path, (flags & TOPIARY_OPEN_CREATE) != 0, &pending, error);
  if (copy == NULL)
    return NULL;
  /* The working copy is written back as it is: never in the bulk mode's
   * unsafe journal. */
  self = open_file (_topiary_portal_copy_get_path (copy), flags & ~TOPIARY_OPEN_BULK, error);
  if (self == NULL)
    {
      _topiary_portal_copy_free (copy);
      return NULL;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  self->portal = copy;
  if (!self->read_only && pending && !_topiary_project_write_back (self, TRUE, error))
    {
      topiary_project_close (self);
      g_object_unref (self);
      return NULL;
    }
  return self;
}

TopiaryProject *
topiary_project_open (const char        *path,
                      TopiaryOpenFlags   flags,
                      GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (topiary_portal_is_document (path))
    return open_portal (path, flags, error);
  return open_file (path, flags, error);
}

gboolean
topiary_project_finish_bulk (TopiaryProject  *self,
                             GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  /* FULL makes the journal switch itself sync the file to disk. */
  return _topiary_project_exec (self, "PRAGMA synchronous = FULL", error) &&
         _topiary_project_exec (self, "PRAGMA journal_mode = WAL", error) &&
         _topiary_project_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         _topiary_project_exec (self, "PRAGMA synchronous = NORMAL", error);
}
