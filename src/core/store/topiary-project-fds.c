/* topiary-project-fds.c — descriptors of a project file that must not be
 * closed yet
 *
 * SQLite locks a database with POSIX advisory locks, and those belong to
 * the process and the file, not to the descriptor: closing any descriptor
 * of the file, even one opened only to read its header, drops every lock
 * the process's connections hold on it (sqlite.org/howtocorrupt.html,
 * 2.2). Another process then believes it is the last one on the file,
 * checkpoints and deletes the write-ahead log under the open window, whose
 * connection goes on reading a log nobody writes any more: it no longer
 * sees other writers' commits, and worse could follow. So while one of
 * this process's connections has a project file open, the descriptors
 * our own code opens on it (the header check, the claim) are kept, and
 * closed when the last such connection closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "topiary-project-private.h"

typedef struct {
  dev_t   dev;
  ino_t   ino;
  guint   connections;
  GArray *fds;           /* int: closed with the last connection */
} HeldFile;

static GMutex lock;
static GPtrArray *held;  /* HeldFile * */

static HeldFile *
find_held (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; held != NULL && i < held->len; i++)
    {
      HeldFile *h = g_ptr_array_index (held, i);

      if (h->dev == dev && h->ino == ino)
        return h;
    }
  return NULL;
}

void
_topiary_project_fds_hold (TopiaryProject *self)
{
  struct stat st;
  HeldFile *h;

  g_assert (!self->fds_held);
  if (self->path == NULL || stat (self->path, &st) != 0)
    return;
  g_mutex_lock (&lock);
  h = find_held (st.st_dev, st.st_ino);
  if (h == NULL)
    {
      h = g_new0 (HeldFile, 1);
      h->dev = st.st_dev;
      h->ino = st.st_ino;
      h->fds = g_array_new (FALSE, FALSE, sizeof (int));
      if (held == NULL)
        held = g_ptr_array_new ();
      g_ptr_array_add (held, h);
    }
  h->connections++;
  g_mutex_unlock (&lock);
  self->fds_held = TRUE;
  self->fds_dev = st.st_dev;
  self->fds_ino = st.st_ino;
}

void
_topiary_project_fds_release (TopiaryProject *self)
{
  HeldFile *h;

  if (!self->fds_held)
    return;
  /* After sqlite3_close(): the locks that mattered are gone with it. */
  g_assert (self->db == NULL);
  self->fds_held = FALSE;
  g_mutex_lock (&lock);
  h = find_held (self->fds_dev, self->fds_ino);
  g_assert (h != NULL && h->connections > 0);
  if (--h->connections == 0)
    {
      for (guint i = 0; i < h->fds->len; i++)
        close (g_array_index (h->fds, int, i));
      g_array_unref (h->fds);
      g_ptr_array_remove_fast (held, h);
      g_free (h);
    }
  g_mutex_unlock (&lock);
}

void
_topiary_project_fds_close (int fd)
{
  struct stat st;
  HeldFile *h = NULL;

  if (fd < 0)
    return;
  g_mutex_lock (&lock);
  if (fstat (fd, &st) == 0)
    h = find_held (st.st_dev, st.st_ino);
  if (h != NULL)
    g_array_append_val (h->fds, fd);
  g_mutex_unlock (&lock);
  if (h == NULL)
    close (fd);
}

gboolean
_topiary_project_fds_is_held (const char *path)
{
  struct stat st;
  gboolean found;

  if (stat (path, &st) != 0)
    return FALSE;
  g_mutex_lock (&lock);
  found = find_held (st.st_dev, st.st_ino) != NULL;
  g_mutex_unlock (&lock);
  return found;
}
