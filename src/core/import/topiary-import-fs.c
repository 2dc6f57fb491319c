/* topiary-import-fs.c — reading only what lies inside an imported folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-import-fs-private.h"
#include "topiary-portal-private.h"

char *
_topiary_import_fs_real_folder (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return NULL;
  /* realpath() allocates with malloc; callers free with g_free. */
  copy = g_strdup (real);
  free (real);
  return copy;
}

gboolean
_topiary_import_fs_is_inside (const char *real,
                              const char *real_base)
{
  gsize n = strlen (real_base);

  /* Real paths have no "..", no "." and no doubled or trailing '/' (but
   * "/" itself), so a prefix ending at a '/' is a real ancestor. */
  if (strncmp (real, real_base, n) != 0)
    return FALSE;
  return real[n] == '\0' || real[n] == '/' || (n > 0 && real_base[n - 1] == '/');
}

static void
set_id (TopiaryFileId   *id,
        const GStatBuf  *st)
{
  id->dev = st->st_dev;
  id->ino = st->st_ino;
}

TopiaryImportFsKind
_topiary_import_fs_classify (const char    *path,
                             const char    *real_base,
                             goffset        max_size,
                             char         **read_path,
                             TopiaryFileId *id)
{
  GStatBuf st;

  *read_path = NULL;
  memset (id, 0, sizeof *id);

  if (g_lstat (path, &st) != 0)
    return TOPIARY_IMPORT_FS_GONE;

  if (S_ISLNK (st.st_mode))
    {
      g_autofree char *real = _topiary_import_fs_real_folder (path);
      gboolean inside;

      /* Dangling, or a loop (ELOOP): nothing to read. */
      if (real == NULL || g_stat (real, &st) != 0)
        return TOPIARY_IMPORT_FS_LINK_BROKEN;
      inside = _topiary_import_fs_is_inside (real, real_base);
      if (S_ISDIR (st.st_mode))
        return inside ? TOPIARY_IMPORT_FS_LINK_FOLDER : TOPIARY_IMPORT_FS_LINK_OUT_FOLDER;
      if (!inside)
        return TOPIARY_IMPORT_FS_LINK_OUT;
      if (!S_ISREG (st.st_mode))
        return TOPIARY_IMPORT_FS_SPECIAL;
      if (st.st_size > max_size)
        return TOPIARY_IMPORT_FS_TOO_LARGE;
      set_id (id, &st);
      *read_path = g_steal_pointer (&real);
      return TOPIARY_IMPORT_FS_FILE;
    }

  if (S_ISDIR (st.st_mode))
    {
      set_id (id, &st);
      return TOPIARY_IMPORT_FS_FOLDER;
    }
  if (!S_ISREG (st.st_mode))
    return TOPIARY_IMPORT_FS_SPECIAL;
  if (st.st_size > max_size)
    return TOPIARY_IMPORT_FS_TOO_LARGE;
  set_id (id, &st);
  *read_path = g_strdup (path);
  return TOPIARY_IMPORT_FS_FILE;
}

static void
set_errno_error (GError **error,
                 int      saved)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s.", g_strerror (saved));
}

char *
_topiary_import_fs_read (const char           *path,
                         const TopiaryFileId  *id,
                         gsize                 max,
                         gboolean             *complete,
                         gsize                *length,
                         GError              **error)
{
  g_autofree char *data = NULL;
  gsize size = 0, capacity;
  struct stat st;
  int fd;

  /* No link is followed, and a FIFO put there since the walk does not
   * block the open. */
  fd = _topiary_portal_open_nofollow (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      set_errno_error (error, saved);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("It is not a regular file."));
      return NULL;
    }
  /* A folder on the way swapped for a link since the walk listed it. */
  if (st.st_dev != id->dev || st.st_ino != id->ino)
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("It was replaced while the folder was being imported."));
      return NULL;
    }

  capacity = MIN ((gsize) st.st_size, max);
  data = g_malloc (capacity + 1);
  *complete = FALSE;
  while (size < max)
    {
      gssize n;

      if (size == capacity)
        {
          /* The file grew since it was listed; still no more than max. */
          capacity = MIN (MAX (capacity * 2, 4096), max);
          data = g_realloc (data, capacity + 1);
        }
      n = read (fd, data + size, capacity - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          set_errno_error (error, saved);
          return NULL;
        }
      if (n == 0)
        {
          *complete = TRUE;
          break;
        }
      size += (gsize) n;
    }
  if (!*complete)
    {
      char probe;
      gssize n;

      do
        n = read (fd, &probe, 1);
      while (n < 0 && errno == EINTR);
      *complete = n == 0;
    }
  close (fd);
  data[size] = '\0';
  *length = size;
  return g_steal_pointer (&data);
}
