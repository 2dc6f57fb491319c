/* topiary-project-watch.c — one project file, several writers
 *
 * A project is one SQLite file, so two windows, two app instances or
 * `topiary import` can write it at once without breaking it; what they
 * must not do is silently replace each other's text. Three parts:
 *
 *  - a claim: an open-file-description lock on a byte far past any page
 *    SQLite uses, held while a window has the map open, so that a second
 *    window or process can tell the map is open already. It is advisory:
 *    the CLI never asks, and SQLite's own locks are untouched (OFD locks
 *    belong to the descriptor, not the process, so closing ours never
 *    drops SQLite's, and it is closed only after SQLite's connection);
 *  - a watch: file monitors on the file and its write-ahead log; when
 *    they fire, PRAGMA data_version tells whether another connection
 *    committed, and only then is "changed" emitted with "elsewhere";
 *  - topiary_project_save_body_over() (topiary-project-articles.c), which
 *    keeps the other writer's text as a revision instead of replacing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* F_OFD_SETLK */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-project.h"
#include "topiary-project-private.h"

/* 2^40: no page of a project reaches it (SQLite's lock bytes sit at 1 GiB). */
#define CLAIM_OFFSET ((off_t) 1 << 40)
/* File events come in bursts (the log, then a checkpoint): one look after. */
#define WATCH_DELAY_MS 150

static gboolean
read_data_version (TopiaryProject *self,
                   gint64         *version)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    return FALSE;
  stmt = _topiary_project_get_statement (self, "PRAGMA data_version", NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
topiary_project_check_elsewhere (TopiaryProject *self)
{
  gint64 version;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  /* Inside a transaction the answer would be this connection's own view. */
  if (self->depth > 0 || self->reading > 0 || !read_data_version (self, &version))
    return FALSE;
  if (version == self->seen_data_version)
    return FALSE;
  self->seen_data_version = version;
  /* The link index goes stale with it (it checks data_version itself). */
  g_signal_emit_by_name (self, "changed::elsewhere", "elsewhere");
  return TRUE;
}

static gboolean
watch_timeout_cb (gpointer data)
{
  TopiaryProject *self = data;

  self->watch_source = 0;
  topiary_project_check_elsewhere (self);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 TopiaryProject    *self)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CHANGED &&
      event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  if (self->watch_source != 0)
    g_source_remove (self->watch_source);
  self->watch_source = g_timeout_add (WATCH_DELAY_MS, watch_timeout_cb, self);
}

gboolean
topiary_project_watch (TopiaryProject  *self,
                       GError         **error)
{
  g_autofree char *wal = NULL;
  const char *paths[2];

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (self->monitors[0] != NULL || self->db == NULL)
    return TRUE;
  read_data_version (self, &self->seen_data_version);
  wal = g_strconcat (self->path, "-wal", NULL);
  paths[0] = self->path;
  paths[1] = wal;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, error);
      if (self->monitors[i] == NULL)
        {
          _topiary_project_unwatch (self);
          return FALSE;
        }
      g_signal_connect (self->monitors[i], "changed", G_CALLBACK (on_file_changed), self);
    }
  return TRUE;
}

void
_topiary_project_unwatch (TopiaryProject *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
    if (self->monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->monitors[i], self);
        g_file_monitor_cancel (self->monitors[i]);
        g_clear_object (&self->monitors[i]);
      }
  g_clear_handle_id (&self->watch_source, g_source_remove);
}

/* ---- the claim ---- */

gboolean
topiary_project_claim (TopiaryProject  *self,
                       gboolean        *held_elsewhere,
                       GError         **error)
{
  struct flock lock = { 0 };
  int fd;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (held_elsewhere != NULL, FALSE);

  *held_elsewhere = FALSE;
  if (self->claim_fd >= 0)
    return TRUE;
  fd = open (self->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      g_autofree char *name = g_path_get_basename (self->path);
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be opened: %s."), name, g_strerror (saved));
      return FALSE;
    }
  /* A read lock, so that it also works on a file opened read-only; two
   * readers conflict with a write test, which is how the claim is told. */
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = CLAIM_OFFSET;
  lock.l_len = 1;
  if (fcntl (fd, F_OFD_GETLK, &lock) == 0 && lock.l_type != F_UNLCK)
    {
      _topiary_project_fds_close (fd);
      *held_elsewhere = TRUE;
      return TRUE;
    }
  lock.l_type = F_RDLCK;
  lock.l_start = CLAIM_OFFSET;
  lock.l_len = 1;
  lock.l_pid = 0;
  if (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      /* A file system without such locks (some FUSE and network ones):
       * nobody can tell, so nobody is told. */
      _topiary_project_fds_close (fd);
      return TRUE;
    }
  self->claim_fd = fd;
  return TRUE;
}

void
_topiary_project_release_claim (TopiaryProject *self)
{
  /* Only after sqlite3_close(): see the top of this file. */
  g_assert (self->db == NULL);
  if (self->claim_fd >= 0)
    {
      struct flock unlock = { 0 };

      /* The descriptor may outlive the map (topiary-project-fds.c); the
       * claim must not. */
      unlock.l_type = F_UNLCK;
      unlock.l_whence = SEEK_SET;
      unlock.l_start = CLAIM_OFFSET;
      unlock.l_len = 1;
      fcntl (self->claim_fd, F_OFD_SETLK, &unlock);
      _topiary_project_fds_close (self->claim_fd);
      self->claim_fd = -1;
    }
}
