/* topiary-portal.c — projects reached through the document portal
 *
 * Inside the Flatpak a project the user picks arrives as a path on the
 * document portal's FUSE file system (/run/user/UID/doc/ID/NAME). SQLite
 * cannot work on such a file directly: the portal before 1.18 answers
 * every open with O_NOFOLLOW (which SQLite always uses) with ELOOP, has no
 * POSIX locks (ENOSYS), and keeps the -wal, -shm and -journal files SQLite
 * creates beside the project as temporary files only it knows about, so a
 * WAL left by a killed process is gone once the portal restarts.
 *
 * So the project is worked on in a working copy in the app's private data
 * folder, an ordinary file where WAL and locks work (a second process that
 * opens the same document uses the same working copy, so SQLite's locks
 * still tell them apart). After every commit the working copy is written
 * back: a consistent snapshot is copied into a new file beside the document
 * and renamed over it, which the portal supports and which replaces the
 * document atomically. A process killed at any moment leaves the document
 * either as it was or as it became; the working copy keeps every commit,
 * and the next open writes back what the document lacks. See
 * docs/FLATPAK.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* O_PATH */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-portal-private.h"
#include "topiary-project.h"

#define FUSE_SUPER_MAGIC 0x65735546
#define SAVE_INFIX       ".save-"
#define LOCK_WAIT_MS     10000
/* While a main loop runs, a write-back waits until PACE times its own
 * duration has passed since the previous one: a large project then keeps
 * the app responsive (blocked at most 1 / (PACE + 1) of the time while
 * the user types), a small one is written back at every autosave. */
#define PACE             10

struct _TopiaryPortalCopy
{
  char    *path;      /* the document, as the caller named it */
  char    *name;      /* its basename, for messages */
  char    *doc_dir;   /* the folder holding it, inside the portal */
  char    *dir;       /* the private folder of the working copy */
  char    *work;      /* dir/name: the working copy */
  int      lock_fd;   /* dir/lock: held while deciding or writing back */
  int      open_fd;   /* dir/open: shared while a process has it open */
  gboolean dirty;     /* the working copy holds changes the document lacks */
  /* Pacing of write-backs while a main loop runs (the app). */
  sqlite3 *db;        /* the connection a deferred write-back reads */
  GSource *timer;     /* the deferred write-back */
  gint64   last_end;  /* monotonic µs when the last write-back ended */
  gint64   last_cost; /* how long it took, µs */
};

typedef struct {
  gboolean exists;
  gint64   size;
  gint64   mtime_ns;
} Stamp;

/* ---- where the portal is ------------------------------------------------ */

/* Mount points in /proc/self/mountinfo escape blanks as octal (\040). */
static char *
unescape_octal (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p++)
    {
      if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
          p[3] >= '0' && p[3] <= '7')
        {
          g_string_append_c (out, (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0')));
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
path_is_under (const char *path,
               const char *dir)
{
  size_t n = strlen (dir);

  if (strcmp (dir, "/") == 0)
    return TRUE;
  return strncmp (path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The mount point of the document portal that holds the existing folder
 * @real_dir (a real path), or NULL when it is not inside one. */
static char *
portal_mount_of (const char *real_dir)
{
  struct statfs sfs;
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *best = NULL;
  gboolean best_is_portal = FALSE;

  /* Cheap first: only a FUSE file system can be the portal. */
  if (statfs (real_dir, &sfs) != 0 || sfs.f_type != FUSE_SUPER_MAGIC)
    return NULL;
  if (!g_file_get_contents ("/proc/self/mountinfo", &info, NULL, NULL))
    return NULL;

  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      g_autofree char *mount_point = NULL;
      const char *fstype = NULL;
      guint n = g_strv_length (fields);

      if (n < 7)
        continue;
      /* Optional fields end at "-"; the file system type follows it. */
      for (guint j = 6; j + 1 < n; j++)
        if (strcmp (fields[j], "-") == 0)
          {
            fstype = fields[j + 1];
            break;
          }
      if (fstype == NULL)
        continue;
      mount_point = unescape_octal (fields[4]);
      if (!path_is_under (real_dir, mount_point))
        continue;
      /* The innermost mount wins; a later line with the same point hides an earlier one. */
      if (best == NULL || strlen (mount_point) >= strlen (best))
        {
          g_free (best);
          best = g_steal_pointer (&mount_point);
          best_is_portal = strcmp (fstype, "fuse.portal") == 0;
        }
    }
  return best_is_portal ? g_steal_pointer (&best) : NULL;
}

/* For @path inside a portal: the document's identity, "ID/NAME" (the
 * per-app view "by-app/APP/ID/NAME" names the same document). */
static char *
document_key (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *mount = NULL;
  const char *rel;

  if (real_dir == NULL || (mount = portal_mount_of (real_dir)) == NULL)
    return NULL;
  rel = real_dir + strlen (mount);
  while (*rel == '/')
    rel++;
  if (g_str_has_prefix (rel, "by-app/"))
    {
      rel = strchr (rel + strlen ("by-app/"), '/');
      if (rel == NULL)
        return NULL;
      rel++;
    }
  /* The mount's own top folder is no document. */
  if (*rel == '\0')
    return NULL;
  return g_build_filename (rel, name, NULL);
}

gboolean
topiary_portal_is_document (const char *path)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  key = document_key (path);
  return key != NULL;
}

gboolean
_topiary_portal_is_document_root (const char *path)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  key = document_key (path);
  /* "ID/NAME": the document itself; deeper keys lie inside a folder. */
  return key != NULL && strchr (key, '/') == strrchr (key, '/');
}

int
_topiary_portal_openat_nofollow (int         dfd,
                                 const char *name,
                                 int         flags)
{
  g_autofree char *proc = NULL;
  struct statfs sfs;
  struct stat st;
  int path_fd, fd, saved;

  g_return_val_if_fail ((flags & O_CREAT) == 0, -1);

  fd = openat (dfd, name, flags | O_NOFOLLOW);
  if (fd >= 0 || errno != ELOOP)
    return fd;
  /* O_PATH does not open the file, so the portal's open is not asked. */
  path_fd = openat (dfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (path_fd < 0)
    return -1;
  if (fstat (path_fd, &st) != 0 || S_ISLNK (st.st_mode) ||
      fstatfs (path_fd, &sfs) != 0 || sfs.f_type != FUSE_SUPER_MAGIC)
    {
      close (path_fd);
      errno = ELOOP;
      return -1;
    }
  /* The same file, found above without following a link. */
  proc = g_strdup_printf ("/proc/self/fd/%d", path_fd);
  fd = open (proc, flags & ~O_NOFOLLOW);
  saved = errno;
  close (path_fd);
  errno = saved;
  return fd;
}

int
_topiary_portal_open_nofollow (const char *path,
                               int         flags)
{
  return _topiary_portal_openat_nofollow (AT_FDCWD, path, flags);
}

/* ---- small helpers ------------------------------------------------------ */

static Stamp
stamp_of_stat (const struct stat *st)
{
  Stamp s = { TRUE, st->st_size, (gint64)st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec };
  return s;
}

static gboolean
stamp_equal (Stamp a,
             Stamp b)
{
  if (!a.exists || !b.exists)
    return a.exists == b.exists;
  return a.size == b.size && a.mtime_ns == b.mtime_ns;
}

static char *
stamp_to_string (Stamp s)
{
  return s.exists ? g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, s.size, s.mtime_ns)
                  : g_strdup ("none");
}

static Stamp
stamp_from_string (const char *str)
{
  Stamp s = { FALSE, 0, 0 };
  const char *colon;

  if (str == NULL || strcmp (str, "none") == 0 || (colon = strchr (str, ':')) == NULL)
    return s;
  s.exists = TRUE;
  s.size = g_ascii_strtoll (str, NULL, 10);
  s.mtime_ns = g_ascii_strtoll (colon + 1, NULL, 10);
  return s;
}

static char *
copy_file (TopiaryPortalCopy *copy,
           const char        *leaf)
{
  return g_build_filename (copy->dir, leaf, NULL);
}

/* The state file records the document as this working copy last saw it
 * ("picked") and, while a write-back is being renamed into place, as it
 * is about to become ("pending"). */
static void
load_state (TopiaryPortalCopy *copy,
            Stamp             *picked,
            Stamp             *pending)
{
  g_autofree char *file = copy_file (copy, "state");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  picked->exists = pending->exists = FALSE;
  if (!g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, NULL))
    return;
  a = g_key_file_get_string (kf, "document", "picked", NULL);
  b = g_key_file_get_string (kf, "document", "pending", NULL);
  *picked = stamp_from_string (a);
  *pending = stamp_from_string (b);
}

static gboolean
save_state (TopiaryPortalCopy  *copy,
            Stamp               picked,
            Stamp               pending,
            GError            **error)
{
  g_autofree char *file = copy_file (copy, "state");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *a = stamp_to_string (picked);
  g_autofree char *b = stamp_to_string (pending);
  g_autoptr(GError) local = NULL;

  g_key_file_set_string (kf, "document", "path", copy->path);
  g_key_file_set_string (kf, "document", "picked", a);
  g_key_file_set_string (kf, "document", "pending", b);
  if (!g_key_file_save_to_file (kf, file, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save “%s”: %s."), copy->name, local->message);
      return FALSE;
    }
  return TRUE;
}

typedef enum { FAILED_OPEN, FAILED_READ, FAILED_SAVE } Failed;

static gboolean
set_errno_error (TopiaryPortalCopy  *copy,
                 Failed              what,
                 int                 saved,
                 GError            **error)
{
  int code = g_io_error_from_errno (saved);

  switch (what)
    {
    case FAILED_OPEN:
      g_set_error (error, G_IO_ERROR, code, _("Could not open “%s”: %s."), copy->name, g_strerror (saved));
      break;
    case FAILED_READ:
      g_set_error (error, G_IO_ERROR, code, _("Could not read “%s”: %s."), copy->name, g_strerror (saved));
      break;
    case FAILED_SAVE:
    default:
      g_set_error (error, G_IO_ERROR, code, _("Could not save “%s”: %s."), copy->name, g_strerror (saved));
      break;
    }
  return FALSE;
}

/* flock() with a time limit, so a stuck process cannot hang this one. */
static gboolean
lock_wait (TopiaryPortalCopy  *copy,
           int                 fd,
           int                 how,
           GError            **error)
{
  for (guint waited = 0; ; waited += 20)
    {
      if (flock (fd, how | LOCK_NB) == 0)
        return TRUE;
      if (errno != EWOULDBLOCK && errno != EINTR)
        return set_errno_error (copy, FAILED_OPEN, errno, error);
      if (waited >= LOCK_WAIT_MS)
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_BUSY,
                       _("“%s” is being changed by another program; try again."), copy->name);
          return FALSE;
        }
      g_usleep (20 * 1000);
    }
}

static gboolean
copy_fd (int in,
         int out)
{
  g_autofree char *buf = g_malloc (1 << 20);

  for (;;)
    {
      ssize_t n = read (in, buf, 1 << 20);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      for (ssize_t done = 0; done < n; )
        {
          ssize_t w = write (out, buf + done, n - done);
          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            return FALSE;
          done += w;
        }
    }
}

static void
remove_work_files (const char *work)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (work, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* Write-back files of a killed process, beside the document. Only called
 * when no other process has the document open, so none is in use. */
static void
remove_leftovers (TopiaryPortalCopy *copy)
{
  g_autoptr(GDir) d = g_dir_open (copy->doc_dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", copy->name, SAVE_INFIX, NULL);
  const char *entry;

  if (d == NULL)
    return;
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix) && strlen (entry) == strlen (prefix) + 6)
      {
        g_autofree char *p = g_build_filename (copy->doc_dir, entry, NULL);
        g_unlink (p);
      }
}

/* ---- working copy --------------------------------------------------------- */

/* Copies the document over the working copy. */
static gboolean
checkout (TopiaryPortalCopy  *copy,
          GError            **error)
{
  g_autofree char *tmp = copy_file (copy, ".checkout-XXXXXX");
  struct stat before, after;
  int in, out;
  gboolean ok;

  /* No O_NOFOLLOW: the portal before 1.18 refuses it (ELOOP). A document
   * is a regular file, which fstat() checks. */
  in = open (copy->path, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return set_errno_error (copy, FAILED_READ, errno, error);
  if (fstat (in, &before) != 0 || !S_ISREG (before.st_mode))
    {
      close (in);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Topiary project: it is not a regular file."), copy->name);
      return FALSE;
    }
  out = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (out < 0)
    {
      int saved = errno;
      close (in);
      return set_errno_error (copy, FAILED_OPEN, saved, error);
    }
  ok = copy_fd (in, out);
  if (!ok)
    {
      int saved = errno;
      close (in);
      close (out);
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_READ, saved, error);
    }
  if (fsync (out) != 0 || close (out) != 0)
    {
      int saved = errno;
      close (in);
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_OPEN, saved, error);
    }
  ok = fstat (in, &after) == 0 && stamp_equal (stamp_of_stat (&before), stamp_of_stat (&after));
  close (in);
  if (!ok)
    {
      g_unlink (tmp);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_BUSY,
                   _("“%s” is being changed by another program; try again."), copy->name);
      return FALSE;
    }

  remove_work_files (copy->work);
  if (g_rename (tmp, copy->work) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_OPEN, saved, error);
    }
  {
    Stamp none = { FALSE, 0, 0 };
    g_autofree char *dirty = copy_file (copy, "dirty");
    if (!save_state (copy, stamp_of_stat (&before), none, error))
      return FALSE;
    g_unlink (dirty);
    copy->dirty = FALSE;
  }
  return TRUE;
}

/* Keeps a working copy whose changes never reached a document that was
 * changed by someone else meanwhile: neither version is thrown away. */
static void
set_aside (TopiaryPortalCopy *copy)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside_dir = g_strdup_printf ("%s-recovered-%s", copy->dir, stamp);
  g_autofree char *aside = g_build_filename (aside_dir, copy->name, NULL);
  static const char * const suffixes[] = { "", "-wal" };

  if (g_mkdir_with_parents (aside_dir, 0700) != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (copy->work, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      g_rename (from, to);
    }
}

static void
copy_close_fds (TopiaryPortalCopy *copy)
{
  if (copy->lock_fd >= 0)
    close (copy->lock_fd);
  if (copy->open_fd >= 0)
    close (copy->open_fd);
  copy->lock_fd = copy->open_fd = -1;
}

static void
copy_destroy (TopiaryPortalCopy *copy)
{
  if (copy->timer != NULL)
    {
      g_source_destroy (copy->timer);
      g_clear_pointer (&copy->timer, g_source_unref);
    }
  copy_close_fds (copy);
  g_free (copy->path);
  g_free (copy->name);
  g_free (copy->doc_dir);
  g_free (copy->dir);
  g_free (copy->work);
  g_free (copy);
}

TopiaryPortalCopy *
_topiary_portal_copy_open (const char  *path,
                           gboolean     create,
                           gboolean    *write_back,
                           GError     **error)
{
  TopiaryPortalCopy *copy;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *dirty_path = NULL;
  Stamp picked = { FALSE, 0, 0 }, seen, pending;
  struct stat st;
  gboolean in_use, work_exists, dirty;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (write_back != NULL, NULL);

  *write_back = FALSE;
  key = document_key (path);
  if (key == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), name);
      return NULL;
    }

  copy = g_new0 (TopiaryPortalCopy, 1);
  copy->lock_fd = copy->open_fd = -1;
  copy->path = g_strdup (path);
  copy->name = g_path_get_basename (path);
  copy->doc_dir = g_path_get_dirname (path);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  copy->dir = g_build_filename (g_get_user_data_dir (), "topiary", "portal", hash, NULL);
  copy->work = g_build_filename (copy->dir, copy->name, NULL);
  lock_path = copy_file (copy, "lock");
  open_path = copy_file (copy, "open");
  dirty_path = copy_file (copy, "dirty");

  if (g_mkdir_with_parents (copy->dir, 0700) != 0 ||
      (copy->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
      (copy->open_fd = open (open_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      set_errno_error (copy, FAILED_OPEN, errno, error);
      copy_destroy (copy);
      return NULL;
    }
  if (!lock_wait (copy, copy->lock_fd, LOCK_EX, error))
    {
      copy_destroy (copy);
      return NULL;
    }

  if (stat (path, &st) == 0)
    picked = stamp_of_stat (&st);
  else if (errno != ENOENT)
    {
      set_errno_error (copy, FAILED_READ, errno, error);
      copy_destroy (copy);
      return NULL;
    }
  else if (!create)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), copy->name);
      copy_destroy (copy);
      return NULL;
    }

  in_use = flock (copy->open_fd, LOCK_EX | LOCK_NB) != 0;
  if (!in_use)
    remove_leftovers (copy);
  work_exists = g_file_test (copy->work, G_FILE_TEST_IS_REGULAR);
  dirty = g_file_test (dirty_path, G_FILE_TEST_EXISTS);
  load_state (copy, &seen, &pending);

  if (work_exists && in_use)
    {
      /* Another process works on it and writes it back after each commit. */
      copy->dirty = FALSE;
    }
  else if (work_exists && (stamp_equal (picked, seen) || stamp_equal (picked, pending)))
    {
      /* The document is as this working copy left it: the working copy
       * holds all of it, and more when a process was killed. */
      *write_back = dirty;
      copy->dirty = dirty;
      if (stamp_equal (picked, pending) && !save_state (copy, picked, (Stamp){ FALSE, 0, 0 }, error))
        goto fail;
    }
  else
    {
      if (work_exists && dirty)
        set_aside (copy);
      if (picked.exists)
        {
          if (!checkout (copy, error))
            goto fail;
        }
      else
        {
          /* A new project: it reaches the document at the first write-back. */
          remove_work_files (copy->work);
          if (!save_state (copy, picked, (Stamp){ FALSE, 0, 0 }, error))
            goto fail;
          *write_back = TRUE;
          copy->dirty = FALSE;
          if (!_topiary_portal_copy_mark_dirty (copy, error))
            goto fail;
        }
    }

  /* Shared from now on: tells other processes this one has it open. */
  flock (copy->open_fd, LOCK_SH);
  flock (copy->lock_fd, LOCK_UN);
  return copy;

fail:
  copy_destroy (copy);
  return NULL;
}

const char *
_topiary_portal_copy_get_path (TopiaryPortalCopy *copy)
{
  g_return_val_if_fail (copy != NULL, NULL);
  return copy->work;
}

gboolean
_topiary_portal_copy_is_dirty (TopiaryPortalCopy *copy)
{
  g_return_val_if_fail (copy != NULL, FALSE);
  return copy->dirty;
}

gboolean
_topiary_portal_copy_mark_dirty (TopiaryPortalCopy  *copy,
                                 GError            **error)
{
  g_autofree char *dirty_path = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (copy != NULL, FALSE);

  if (copy->dirty)
    return TRUE;
  dirty_path = copy_file (copy, "dirty");
  /* g_file_set_contents() syncs, so the mark is on disk before the change. */
  if (!g_file_set_contents (dirty_path, "", 0, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save “%s”: %s."), copy->name, local->message);
      return FALSE;
    }
  copy->dirty = TRUE;
  return TRUE;
}

/* A consistent snapshot of @db in a private file, read while other
 * connections may go on writing. */
static gboolean
snapshot (TopiaryPortalCopy  *copy,
          sqlite3            *db,
          const char         *snap,
          GError            **error)
{
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (snap, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    /* A throwaway file: no journal, and it is synced once it is copied. */
    rc = sqlite3_exec (dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dst, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save “%s”: %s."),
                   copy->name, dst ? sqlite3_errmsg (dst) : sqlite3_errstr (rc));
      sqlite3_close (dst);
      return FALSE;
    }
  if (sqlite3_close (dst) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save “%s”: %s."),
                   copy->name, sqlite3_errmsg (dst));
      return FALSE;
    }
  return TRUE;
}

/* Copies @snap into a new file beside the document and renames it over
 * the document: the portal turns that into a rename on the real folder,
 * so the document is replaced whole or not at all. */
static gboolean
replace_document (TopiaryPortalCopy  *copy,
                  const char         *snap,
                  GError            **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s" SAVE_INFIX "XXXXXX",
                                          copy->doc_dir, copy->name);
  Stamp seen, pending, now;
  struct stat st;
  int in, out, dir_fd, saved;

  in = open (snap, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return set_errno_error (copy, FAILED_SAVE, errno, error);
  /* 0666 less the umask, like any new file of the user's. */
  out = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (out < 0)
    {
      saved = errno;
      close (in);
      return set_errno_error (copy, FAILED_SAVE, saved, error);
    }
  if (!copy_fd (in, out) || fsync (out) != 0 || fstat (out, &st) != 0)
    {
      saved = errno;
      close (in);
      close (out);
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_SAVE, saved, error);
    }
  close (in);
  if (close (out) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_SAVE, saved, error);
    }

  /* Killed between the rename and the next state, the next open knows
   * the document it finds as this working copy's. */
  load_state (copy, &seen, &pending);
  if (!save_state (copy, seen, stamp_of_stat (&st), error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, copy->path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      return set_errno_error (copy, FAILED_SAVE, saved, error);
    }
  dir_fd = open (copy->doc_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  if (stat (copy->path, &st) != 0)
    return set_errno_error (copy, FAILED_SAVE, errno, error);
  now = stamp_of_stat (&st);
  return save_state (copy, now, (Stamp){ FALSE, 0, 0 }, error);
}

gboolean
_topiary_portal_copy_write_back (TopiaryPortalCopy  *copy,
                                 sqlite3            *db,
                                 GError            **error)
{
  g_autofree char *snap = NULL;
  g_autofree char *dirty_path = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (copy != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if (!lock_wait (copy, copy->lock_fd, LOCK_EX, error))
    return FALSE;
  snap = copy_file (copy, ".snapshot-XXXXXX");
  fd = g_mkstemp_full (snap, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (copy, FAILED_SAVE, errno, error);
      flock (copy->lock_fd, LOCK_UN);
      return FALSE;
    }
  close (fd);
  ok = snapshot (copy, db, snap, error) && replace_document (copy, snap, error);
  g_unlink (snap);
  if (ok)
    {
      dirty_path = copy_file (copy, "dirty");
      g_unlink (dirty_path);
      copy->dirty = FALSE;
    }
  flock (copy->lock_fd, LOCK_UN);
  return ok;
}

static gboolean
timed_write_back (TopiaryPortalCopy  *copy,
                  sqlite3            *db,
                  GError            **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok = _topiary_portal_copy_write_back (copy, db, error);

  copy->last_end = g_get_monotonic_time ();
  copy->last_cost = copy->last_end - start;
  return ok;
}

static gboolean
deferred_write_back (gpointer data)
{
  TopiaryPortalCopy *copy = data;

  /* Inside a transaction the snapshot could hold uncommitted pages: its
   * commit writes back instead. */
  if (!sqlite3_get_autocommit (copy->db))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&copy->timer, g_source_unref);
  /* A failure keeps the changes in the working copy; the next commit or
   * the close tries again. */
  if (copy->dirty)
    timed_write_back (copy, copy->db, NULL);
  return G_SOURCE_REMOVE;
}

gboolean
_topiary_portal_copy_sync (TopiaryPortalCopy  *copy,
                           sqlite3            *db,
                           gboolean            now,
                           GError            **error)
{
  g_autoptr(GMainContext) context = NULL;

  g_return_val_if_fail (copy != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if (!copy->dirty)
    return TRUE;
  /* Paced only in a thread that runs its main loop: the CLI, a worker
   * thread and a closing project write back at once. */
  context = g_main_context_ref_thread_default ();
  if (!now && copy->last_end > 0 && g_main_context_is_owner (context))
    {
      gint64 wait = copy->last_end + PACE * copy->last_cost - g_get_monotonic_time ();

      if (wait > 0)
        {
          if (copy->timer == NULL)
            {
              copy->db = db;
              copy->timer = g_timeout_source_new ((guint)(wait / 1000) + 1);
              g_source_set_callback (copy->timer, deferred_write_back, copy, NULL);
              g_source_attach (copy->timer, context);
            }
          return TRUE;
        }
    }
  if (copy->timer != NULL)
    {
      g_source_destroy (copy->timer);
      g_clear_pointer (&copy->timer, g_source_unref);
    }
  return timed_write_back (copy, db, error);
}

void
_topiary_portal_copy_free (TopiaryPortalCopy *copy)
{
  g_autofree char *dirty_path = NULL;

  if (copy == NULL)
    return;

  dirty_path = copy_file (copy, "dirty");
  /* The working copy goes once the document holds all of it and no other
   * process uses it; the small lock files stay, as another process may
   * be waiting on them. */
  if (lock_wait (copy, copy->lock_fd, LOCK_EX, NULL))
    {
      if (!g_file_test (dirty_path, G_FILE_TEST_EXISTS) &&
          flock (copy->open_fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_autofree char *state = copy_file (copy, "state");
          remove_work_files (copy->work);
          g_unlink (state);
        }
      flock (copy->lock_fd, LOCK_UN);
    }
  copy_destroy (copy);
}

guint
topiary_portal_recover (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "topiary", "portal", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *entry;
  guint recovered = 0;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *dirty = g_build_filename (root, entry, "dirty", NULL);
      g_autofree char *state = g_build_filename (root, entry, "state", NULL);
      g_autoptr(GKeyFile) kf = g_key_file_new ();
      g_autofree char *path = NULL;
      g_autofree char *doc_dir = NULL;
      g_autoptr(TopiaryProject) project = NULL;
      TopiaryOpenFlags flags = TOPIARY_OPEN_DEFAULT;

      if (!g_file_test (dirty, G_FILE_TEST_EXISTS) ||
          !g_key_file_load_from_file (kf, state, G_KEY_FILE_NONE, NULL) ||
          (path = g_key_file_get_string (kf, "document", "path", NULL)) == NULL ||
          !topiary_portal_is_document (path))
        continue;
      /* A new project killed before its first write-back: its document
       * (the save dialog's) is still to be made. */
      doc_dir = g_path_get_dirname (path);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_file_test (doc_dir, G_FILE_TEST_IS_DIR))
        flags = TOPIARY_OPEN_CREATE;
      /* Opening writes back what the document lacks. */
      project = topiary_project_open (path, flags, NULL);
      if (project == NULL)
        continue;
      if (!topiary_project_is_read_only (project))
        recovered++;
      topiary_project_close (project);
    }
  return recovered;
}
