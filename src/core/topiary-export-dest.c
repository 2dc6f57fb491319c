/* topiary-export-dest.c — where an export goes: the folder swapped into
 * place, the single file renamed over its name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder export is written into a temporary folder beside DIR and
 * swapped in at the end; a single-file export into a temporary file beside
 * its name, renamed over it at the end. Nothing here knows what is written.
 */

/* renameat2() for the atomic swap. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"
#include "topiary-slug.h"

/* A path component that names something inside its folder and nothing
 * else: no "..", no separators, no hidden or special names. */
gboolean
topiary_export_safe_component (const char *name)
{
  gsize len;

  if (name == NULL || name[0] == '\0' || name[0] == '.')
    return FALSE;
  len = strlen (name);
  if (len > 200)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == ':')
      return FALSE;
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
topiary_export_write_path (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  int fd;
  int saved;

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, data, len))
    {
      saved = errno;
      close (fd);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Deletes a tree without following symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* In the name of the folder an export that DIR held is moved to. */
#define OLD_INFIX ".topiary-old-"

void
topiary_export_swap_clear (TopiaryExportSwap *swap)
{
  if (swap->tmp != NULL)
    remove_tree (swap->tmp);
  g_clear_pointer (&swap->tmp, g_free);
  g_clear_pointer (&swap->target, g_free);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* Checks DIR and creates the temporary folder beside it. */
/* Folders an interrupted export left beside DIR: removed once they have
 * not changed for an hour, so that a running export is never disturbed. */
static void
remove_stale_temporaries (const char *parent,
                          const char *base)
{
  g_autofree char *new_prefix = g_strdup_printf (".%s.topiary-new-", base);
  g_autofree char *old_prefix = g_strdup_printf (".%s" OLD_INFIX, base);
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, new_prefix) && !g_str_has_prefix (name, old_prefix))
        continue;
      path = g_build_filename (parent, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && st.st_mtime < now - 3600)
        remove_tree (path);
    }
}

/* TRUE when @path is @dir or lies inside it. */
static gboolean
path_is_within (const char *path,
                const char *dir)
{
  gsize len = strlen (dir);

  return strncmp (path, dir, len) == 0 && (path[len] == '\0' || path[len] == G_DIR_SEPARATOR);
}

gboolean
topiary_export_swap_begin (TopiaryExportSwap        *swap,
            const char  *dir,
            const char  *keep,
            const char  *keep_too,
            gboolean     force,
            GError     **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *tmpl = NULL;
  GStatBuf st;

  swap->target = g_canonicalize_filename (dir, NULL);
  parent = g_path_get_dirname (swap->target);
  base = g_path_get_basename (swap->target);

  if (strcmp (swap->target, parent) == 0 || !topiary_export_safe_component (base))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("“%s” cannot be used as the export folder"), dir);
      return FALSE;
    }

  /* Not even force replaces the folder holding the project, or a home. */
  if ((keep != NULL && path_is_within (keep, swap->target)) ||
      (keep_too != NULL && path_is_within (keep_too, swap->target)) ||
      g_strcmp0 (swap->target, g_get_home_dir ()) == 0)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                   _("“%s” holds the project, the theme or your files; export into a folder of its own"), dir);
      return FALSE;
    }

  if (g_lstat (swap->target, &st) == 0)
    {
      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” is a symbolic link; give the folder it points to"), dir);
          return FALSE;
        }
      if (!S_ISDIR (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not a folder"), dir);
          return FALSE;
        }
      marker = g_build_filename (swap->target, TOPIARY_EXPORT_MARKER, NULL);
      if (!force && !g_file_test (marker, G_FILE_TEST_IS_REGULAR) && !dir_is_empty (swap->target))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not an earlier Topiary export; choose another folder or force the export to replace it"),
                       dir);
          return FALSE;
        }
      swap->exists = TRUE;
    }
  else if (errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot use “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write to “%s”: the folder “%s” does not exist"), dir, parent);
      return FALSE;
    }

  remove_stale_temporaries (parent, base);
  tmpl = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.topiary-new-XXXXXX", parent, base);
  if (g_mkdtemp_full (tmpl, 0755) == NULL)
    {
      int saved = errno;

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write in “%s”: %s"), parent, g_strerror (saved));
      return FALSE;
    }
  swap->tmp = g_steal_pointer (&tmpl);
  return TRUE;
}

/* A unique, empty, hidden folder beside DIR for the export it held. */
static char *
make_old_name (TopiaryExportSwap *swap)
{
  g_autofree char *parent = g_path_get_dirname (swap->target);
  g_autofree char *base = g_path_get_basename (swap->target);
  char *old = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s" OLD_INFIX "XXXXXX", parent, base);

  if (g_mkdtemp_full (old, 0700) == NULL)
    g_clear_pointer (&old, g_free);
  return old;
}

/* Moves the finished folder into place: the old one aside, the new one
 * in, then the old one away — or, with @replaced, left for the caller. */
gboolean
topiary_export_swap_commit (TopiaryExportSwap    *swap,
             char   **replaced,
             GError **error)
{
  g_autofree char *old = NULL;

#ifdef RENAME_EXCHANGE
  /* One atomic step where the file system allows it: the new site takes
   * DIR's place and the old one lands in the temporary folder. */
  if (swap->exists &&
      renameat2 (AT_FDCWD, swap->tmp, AT_FDCWD, swap->target, RENAME_EXCHANGE) == 0)
    {
      /* Named as a replaced export, so topiary_export_remove_replaced()
       * accepts it; rename() replaces the empty placeholder. */
      if (replaced != NULL && (old = make_old_name (swap)) != NULL)
        {
          if (g_rename (swap->tmp, old) == 0)
            {
              *replaced = g_steal_pointer (&old);
              g_clear_pointer (&swap->tmp, g_free);
              return TRUE;
            }
          g_rmdir (old);
        }
      remove_tree (swap->tmp);
      g_clear_pointer (&swap->tmp, g_free);
      return TRUE;
    }
#endif

  if (swap->exists)
    {
      if ((old = make_old_name (swap)) == NULL || g_rename (swap->target, old) != 0)
        {
          int saved = errno;

          if (old != NULL)
            g_rmdir (old);
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                       _("Cannot replace “%s”: %s"), swap->target, g_strerror (saved));
          return FALSE;
        }
    }

  if (g_rename (swap->tmp, swap->target) != 0)
    {
      int saved = errno;

      if (old != NULL)
        g_rename (old, swap->target);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot move the export into “%s”: %s"), swap->target, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&swap->tmp, g_free);

  if (old != NULL && replaced != NULL)
    *replaced = g_steal_pointer (&old);
  else if (old != NULL)
    remove_tree (old);
  return TRUE;
}

gboolean
topiary_export_remove_replaced (const char  *path,
                                GError     **error)
{
  g_autofree char *base = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = g_path_get_basename (path);
  /* Only what topiary_export_swap_commit() left: ".<DIR>.topiary-old-XXXXXX", a real
   * folder (not a link) that an export made. */
  if (base[0] != '.' || strstr (base, OLD_INFIX) == NULL ||
      g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED,
                   _("“%s” is not a replaced export"), path);
      return FALSE;
    }
  remove_tree (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot remove the replaced export “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
topiary_export_write_marker (const char           *dir,
                             TopiaryExportFormat   format,
                             GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *text = g_strdup_printf ("{\"generator\": \"Topiary %s\", \"format\": \"%s\", \"exported\": \"%s\"}\n",
                                           PACKAGE_VERSION,
                                           topiary_export_format_to_string (format),
                                           when);
  g_autofree char *path = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);

  return topiary_export_write_path (path, text, strlen (text), error);
}


gboolean
topiary_export_file_begin (TopiaryExportFile     *f,
                const char  *dest,
                const char  *extension,
                const char  *map_title,
                gboolean     force,
                GError     **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *slug = topiary_slugify (map_title);
      g_autofree char *file = g_strconcat (slug, extension, NULL);

      f->path = g_build_filename (dest, file, NULL);
    }
  else
    f->path = g_canonicalize_filename (dest, NULL);

  if (g_lstat (f->path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not a regular file"), f->path);
          return FALSE;
        }
      if (!force && !g_str_has_suffix (f->path, extension))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not a %s file; choose another name or force the export to replace it"),
                       f->path, extension + 1);
          return FALSE;
        }
    }

  parent = g_path_get_dirname (f->path);
  base = g_path_get_basename (f->path);
  f->tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.topiary-XXXXXX", parent, base);
  f->fd = g_mkstemp_full (f->tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (f->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&f->tmp, g_free);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write in “%s”: %s"), parent, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
topiary_export_file_write (TopiaryExportFile  *f,
                GString  *buf,
                GError  **error)
{
  if (!write_all (f->fd, buf->str, buf->len))
    {
      int saved = errno;

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s"), f->path, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (buf, 0);
  return TRUE;
}

gboolean
topiary_export_file_commit (TopiaryExportFile  *f,
                 GError  **error)
{
  int fd = f->fd;

  f->fd = -1;
  if (close (fd) != 0 || g_rename (f->tmp, f->path) != 0)
    {
      int saved = errno;

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s"), f->path, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&f->tmp, g_free);
  return TRUE;
}

void
topiary_export_file_clear (TopiaryExportFile *f)
{
  if (f->fd >= 0)
    close (f->fd);
  if (f->tmp != NULL)
    g_unlink (f->tmp);
  g_clear_pointer (&f->tmp, g_free);
  g_clear_pointer (&f->path, g_free);
}
