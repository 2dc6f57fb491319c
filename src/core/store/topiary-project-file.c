/* topiary-project-file.c — the project file on disk: the header check,
 * reading where nothing may be written, and the files SQLite keeps beside it
 *
 * How a project is opened (topiary_project_open() decides):
 *
 *  - The user may change the file and its folder: one read-write
 *    connection, also for reading (then PRAGMA query_only). When the last
 *    connection closes, SQLite checkpoints and deletes -wal and -shm, so
 *    a read command leaves the folder as it found it, and a WAL left by a
 *    crash is folded back in.
 *  - The file, its folder or its mount is read-only, or the disk is full:
 *    nothing may be created beside it. With no committed frame in a -wal,
 *    the main file is all there is: it is opened `immutable` (no -shm,
 *    no locks). On a read-only mount nobody can write, so this is exact;
 *    in a folder only someone else may write, a writer they start while a
 *    read command runs is not seen (the command reads, never writes).
 *    With a WAL and its -shm present, SQLite reads both read-only. With
 *    a WAL but no -shm (a crash on a medium made read-only since), the
 *    file and its WAL are copied to a private temporary folder and read
 *    there, so the committed content in the WAL is never skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-project.h"
#include "topiary-project-file-private.h"
#include "topiary-project-private.h"

/* A WAL starts with a 32-byte header; anything past it is a frame. */
#define WAL_HEADER_SIZE 32

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

gboolean
_topiary_project_file_check_header (const char  *path,
                                    gboolean    *is_new,
                                    gboolean    *verify,
                                    GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  guint8 header[100];
  struct stat st;
  gssize n;
  int fd;

  *is_new = FALSE;
  *verify = FALSE;

  /* A file one of our connections has open is a project we checked when
   * it was opened, and every descriptor opened on it now would have to be
   * kept until that connection closes (topiary-project-fds.c): a worker
   * opening the map again and again would pile them up. */
  if (_topiary_project_fds_is_held (path))
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TOPIARY_PROJECT_ERROR,
                   saved == ENOENT ? TOPIARY_PROJECT_ERROR_NOT_FOUND : TOPIARY_PROJECT_ERROR_FAILED,
                   _("Could not open “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      _topiary_project_fds_close (fd);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Topiary project: it is not a regular file."), name);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  _topiary_project_fds_close (fd);

  if (n == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }
  if (n < (gssize)sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Topiary project: it is not a database file."), name);
      return FALSE;
    }

  {
    guint32 page_size = ((guint32)header[16] << 8) | header[17];
    guint32 n_pages = read_be32 (header + 28);
    guint32 change_counter = read_be32 (header + 24);
    guint32 valid_for = read_be32 (header + 92);
    guint32 user_version = read_be32 (header + 60);
    guint32 application_id = read_be32 (header + 68);

    if (page_size == 1)
      page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
      {
        g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                     _("“%s” is damaged: its header is invalid."), name);
        return FALSE;
      }
    /* Page 1 may be newer than the rest of the file: a checkpoint writes
     * it first and grows the file after, and a WAL may hold the rest. The
     * size alone cannot tell a cut-short checkpoint from a truncated
     * copy, and a -wal looked at now may be gone a moment later, so the
     * verdict is SQLite's, after it has replayed the WAL. */
    if ((valid_for == change_counter && n_pages > 0 &&
         (guint64)st.st_size < (guint64)n_pages * page_size) ||
        st.st_size % page_size != 0)
      *verify = TRUE;

    /* These fields are written once (application_id when the project is
     * made) or only ever grow (user_version), so even a header older than
     * the WAL refuses rightly here; a newer version that only the WAL
     * holds is caught after SQLite has opened the file. */
    if (application_id != TOPIARY_APPLICATION_ID && application_id != 0)
      {
        g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FOREIGN,
                     _("“%s” is not a Topiary project: it is a database of another application."), name);
        return FALSE;
      }
    if (application_id == TOPIARY_APPLICATION_ID && user_version > TOPIARY_SCHEMA_VERSION)
      {
        g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NEWER,
                     _("“%s” was saved by a newer version of Topiary (format %u; this version reads up to %u); update Topiary to open it."),
                     name, user_version, TOPIARY_SCHEMA_VERSION);
        return FALSE;
      }
  }

  return TRUE;
}

gboolean
_topiary_project_file_create (const char *path)
{
  /* 0666: the umask decides, as for any file the user makes. */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

gboolean
_topiary_project_file_can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* access() also answers EROFS for a read-only mount. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

gboolean
_topiary_project_file_disk_full (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs st;

  /* A -shm alone takes 32 KiB. */
  return statvfs (dir, &st) == 0 && (guint64)st.f_bavail * st.f_frsize < 1024 * 1024;
}

static gboolean
beside_exists (const char *path,
               const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);
  return g_file_test (p, G_FILE_TEST_EXISTS);
}

gboolean
_topiary_project_file_wal_has_frames (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > WAL_HEADER_SIZE;
}

void
_topiary_project_file_repair_leftovers (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  GStatBuf main_st;

  if (g_stat (path, &main_st) != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (p, &st) == 0 && S_ISREG (st.st_mode) &&
          st.st_uid == geteuid () && g_access (p, W_OK) != 0)
        g_chmod (p, main_st.st_mode & 0777);
    }
}

/* "file:" URI for @path with @query; SQLite decodes %HH. */
static char *
file_uri (const char *path,
          const char *query)
{
  g_autofree char *absolute = NULL;
  g_autofree char *escaped = NULL;

  if (g_path_is_absolute (path))
    absolute = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      absolute = g_build_filename (cwd, path, NULL);
    }
  escaped = g_uri_escape_string (absolute, "/", FALSE);
  /* An empty authority, so a path that starts with // stays a path. */
  return g_strconcat ("file://", escaped, "?", query, NULL);
}

static int
open_uri (const char  *path,
          const char  *query,
          sqlite3    **db)
{
  g_autofree char *uri = file_uri (path, query);

  return sqlite3_open_v2 (uri, db,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                          NULL);
}

/* Opening is lazy: the first read shows whether SQLite can use the WAL. */
static int
probe (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

void
_topiary_project_file_free_copy (char *copy_dir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (copy_dir == NULL)
    return;
  dir = g_dir_open (copy_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (copy_dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (copy_dir);
  g_free (copy_dir);
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  return g_file_copy (src, dst, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, NULL);
}

/* The project and its WAL, copied where SQLite may replay the WAL. */
static int
open_copy (const char  *path,
           sqlite3    **db,
           char       **copy_dir)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-read-XXXXXX", NULL);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *copy = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_wal = NULL;
  int rc;

  if (dir == NULL)
    return SQLITE_CANTOPEN;
  copy = g_build_filename (dir, name, NULL);
  copy_wal = g_strconcat (copy, "-wal", NULL);
  if (!copy_file (path, copy) || !copy_file (wal, copy_wal))
    {
      _topiary_project_file_free_copy (g_steal_pointer (&dir));
      return SQLITE_CANTOPEN;
    }
  rc = sqlite3_open_v2 (copy, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    rc = probe (*db);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (db, sqlite3_close_v2);
      _topiary_project_file_free_copy (g_steal_pointer (&dir));
      return rc;
    }
  *copy_dir = g_steal_pointer (&dir);
  return SQLITE_OK;
}

int
_topiary_project_file_open_read_only (const char  *path,
                                      sqlite3    **db,
                                      char       **copy_dir)
{
  int rc;

  *db = NULL;
  *copy_dir = NULL;

  /* No committed frame anywhere but in the main file. */
  if (!_topiary_project_file_wal_has_frames (path))
    return open_uri (path, "mode=ro&immutable=1", db);

  if (beside_exists (path, "-shm"))
    {
      rc = open_uri (path, "mode=ro", db);
      if (rc == SQLITE_OK)
        rc = probe (*db);
      if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        return rc;
      g_clear_pointer (db, sqlite3_close_v2);
    }
  return open_copy (path, db, copy_dir);
}
