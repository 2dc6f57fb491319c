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
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"
#include "topiary-portal-private.h"
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
  /* The path is inside the export's temporary folder: its name alone. */
  g_autofree char *name = g_path_get_basename (path);
  int fd;
  int saved;

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, data, len))
    {
      saved = errno;
      close (fd);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

void
topiary_export_remove_tree (const char *path)
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
          topiary_export_remove_tree (child);
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
    topiary_export_remove_tree (swap->tmp);
  g_clear_pointer (&swap->tmp, g_free);
  g_clear_pointer (&swap->target, g_free);
  g_clear_pointer (&swap->written, g_hash_table_unref);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

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
        topiary_export_remove_tree (path);
    }
}

gboolean
topiary_export_is_mount_point (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  struct stat st, parent_st;

#if defined(STATX_ATTR_MOUNT_ROOT)
  struct statx stx;

  if (statx (AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &stx) == 0 &&
      (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) != 0)
    return (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
#endif
  /* Older kernels: another file system than the folder around it. */
  return lstat (path, &st) == 0 && stat (parent, &parent_st) == 0 && st.st_dev != parent_st.st_dev;
}

/* TRUE when the folder @target (@st) is @path or one of the folders
 * above it. Compared by device and inode, so no link, bind mount or
 * spelling of the path gets past it. */
static gboolean
holds (const struct stat *st,
       const char        *path)
{
  g_autofree char *p = NULL;

  if (path == NULL || path[0] == '\0')
    return FALSE;
  p = realpath (path, NULL);
  if (p == NULL)
    p = g_canonicalize_filename (path, NULL);
  for (;;)
    {
      struct stat pst;
      char *up;

      if (stat (p, &pst) == 0 && pst.st_dev == st->st_dev && pst.st_ino == st->st_ino)
        return TRUE;
      up = g_path_get_dirname (p);
      if (strcmp (up, p) == 0)
        {
          g_free (up);
          return FALSE;
        }
      g_free (p);
      p = up;
    }
}

gboolean
topiary_export_swap_begin (TopiaryExportSwap  *swap,
                           const char         *dir,
                           const char         *keep,
                           const char         *keep_too,
                           gboolean            force,
                           GError            **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *real_parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *display = g_filename_display_basename (dir);
  struct stat st;

  absolute = g_canonicalize_filename (dir, NULL);
  parent = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);

  if (strcmp (absolute, parent) == 0 || !topiary_export_safe_component (base))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("“%s” cannot be used as the export folder."), display);
      return FALSE;
    }

  /* DIR in its real folder: what every comparison below is made on. */
  real_parent = realpath (parent, NULL);
  if (real_parent == NULL || !g_file_test (real_parent, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *parent_display = g_filename_display_basename (parent);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write to “%s”: the folder “%s” does not exist."), display, parent_display);
      return FALSE;
    }
  swap->target = g_build_filename (real_parent, base, NULL);
  swap->force = force;

  if (lstat (swap->target, &st) == 0)
    {
      TopiaryExportMarker marker;

      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” is a symbolic link; give the folder it points to."), display);
          return FALSE;
        }
      if (!S_ISDIR (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not a folder."), display);
          return FALSE;
        }
      /* Not even force replaces the folder holding the project, the theme
       * or the home folder, or one above them. */
      if (holds (&st, keep) || holds (&st, keep_too) || holds (&st, g_get_home_dir ()))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” holds the project, the theme or your files; export into a folder of its own."), display);
          return FALSE;
        }
      /* A mount point cannot be renamed: refused before anything is written. */
      if (topiary_export_is_mount_point (swap->target))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                       _("“%s” is a mount point, which an export cannot replace; export into a folder inside it."), display);
          return FALSE;
        }

      marker = topiary_export_read_marker (swap->target, &swap->written);
      if (!force && marker == TOPIARY_EXPORT_MARKER_NONE && !dir_is_empty (swap->target))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not an earlier Topiary export; choose another folder or force the export to replace it."),
                       display);
          return FALSE;
        }
      if (!force && marker == TOPIARY_EXPORT_MARKER_UNLISTED)
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” was exported by an older Topiary that did not record its files, so files you added there cannot be told apart; force the export once to replace it."),
                       display);
          return FALSE;
        }
      swap->exists = TRUE;
    }
  else if (errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot use “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }

  /* A folder picked through the document portal: nothing beside it. */
  if (swap->exists && _topiary_portal_is_document_root (swap->target))
    {
      swap->in_place = TRUE;
      return topiary_export_in_place_begin (swap, error);
    }

  remove_stale_temporaries (real_parent, base);
  tmpl = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.topiary-new-XXXXXX", real_parent, base);
  if (g_mkdtemp_full (tmpl, 0755) == NULL)
    {
      int saved = errno;
      g_autofree char *parent_display = g_filename_display_basename (parent);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write in “%s”: %s."), parent_display, g_strerror (saved));
      return FALSE;
    }
  swap->tmp = g_steal_pointer (&tmpl);
  return TRUE;
}

/* A unique, empty, hidden folder beside DIR for the export it held. */
static char *
make_old_name (TopiaryExportSwap *swap,
               const char        *infix)
{
  g_autofree char *parent = g_path_get_dirname (swap->target);
  g_autofree char *base = g_path_get_basename (swap->target);
  char *old = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s%sXXXXXX", parent, base, infix);

  if (g_mkdtemp_full (old, 0700) == NULL)
    g_clear_pointer (&old, g_free);
  return old;
}

/* The files of the user's that the export DIR held (now in @old) join
 * the new one. When one cannot be moved, the old folder is kept under a
 * name no clean-up removes, and the user is told where. */
static gboolean
carry_over (TopiaryExportSwap  *swap,
            char              **old,
            GError            **error)
{
  g_autofree char *kept = NULL;
  g_autofree char *display = NULL;
  g_autofree char *kept_display = NULL;

  if (topiary_export_carry_over (*old, swap->target, swap->written))
    return TRUE;
  kept = make_old_name (swap, ".topiary-kept-");
  if (kept != NULL && g_rename (*old, kept) == 0)
    {
      g_free (*old);
      *old = g_steal_pointer (&kept);
    }
  display = g_filename_display_basename (swap->target);
  kept_display = g_filename_display_basename (*old);
  g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
               _("The new export is in “%s”, but some of the files you had added there could not be moved into it; they are in “%s” beside it."),
               display, kept_display);
  g_clear_pointer (old, g_free);
  return FALSE;
}

/* Moves the finished folder into place: the old one aside, the new one
 * in, the user's files across, then the old one away — or, with
 * @replaced, left for the caller. */
gboolean
topiary_export_swap_commit (TopiaryExportSwap  *swap,
                            char              **replaced,
                            GError            **error)
{
  g_autofree char *old = NULL;

  /* A file of the user's where the export writes one: said before
   * anything is moved. */
  if (swap->exists && !swap->force)
    {
      g_autofree char *conflict = topiary_export_find_conflict (swap->target, swap->tmp, swap->written);

      if (conflict != NULL)
        {
          g_autofree char *display = g_filename_display_basename (swap->target);

          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” in “%s” was not written by Topiary, and the new export writes a file there; move it away or force the export to replace it."),
                       conflict, display);
          return FALSE;
        }
    }

  if (swap->in_place)
    return topiary_export_in_place_commit (swap, replaced, error);

#ifdef RENAME_EXCHANGE
  /* One atomic step where the file system allows it: the new site takes
   * DIR's place and the old one lands in the temporary folder. */
  if (swap->exists &&
      renameat2 (AT_FDCWD, swap->tmp, AT_FDCWD, swap->target, RENAME_EXCHANGE) == 0)
    {
      old = g_steal_pointer (&swap->tmp);
      if (!carry_over (swap, &old, error))
        return FALSE;
      /* Named as a replaced export, so topiary_export_remove_replaced()
       * accepts it; rename() replaces the empty placeholder. */
      if (replaced != NULL)
        {
          g_autofree char *named = make_old_name (swap, OLD_INFIX);

          if (named != NULL && g_rename (old, named) == 0)
            {
              *replaced = g_steal_pointer (&named);
              return TRUE;
            }
          if (named != NULL)
            g_rmdir (named);
        }
      topiary_export_remove_tree (old);
      return TRUE;
    }
#endif

  if (swap->exists)
    {
      if ((old = make_old_name (swap, OLD_INFIX)) == NULL || g_rename (swap->target, old) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_basename (swap->target);

          if (old != NULL)
            g_rmdir (old);
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                       _("Cannot replace “%s”: %s."), display, g_strerror (saved));
          return FALSE;
        }
    }

  if (g_rename (swap->tmp, swap->target) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_basename (swap->target);

      if (old != NULL)
        g_rename (old, swap->target);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot move the export into “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&swap->tmp, g_free);

  if (old != NULL && !carry_over (swap, &old, error))
    return FALSE;
  if (old != NULL && replaced != NULL)
    *replaced = g_steal_pointer (&old);
  else if (old != NULL)
    topiary_export_remove_tree (old);
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
                   _("The folder to remove is not one that an export replaced."));
      return FALSE;
    }
  topiary_export_remove_tree (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("The previous export could not be removed completely."));
      return FALSE;
    }
  return TRUE;
}

/* Temporary files of single-file exports: ".NAME.topiary-XXXXXX". */
static gboolean
is_file_temporary (const char *name,
                   const char *prefix)
{
  const char *tail;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  tail = name + strlen (prefix);
  if (strlen (tail) != 6)
    return FALSE;
  for (const char *p = tail; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* The temporary files killed exports of NAME left beside it. A running
 * export holds a lock on its own and has just written to it; a file that
 * is locked, or changed in the last ten seconds, is left alone. */
static void
remove_stale_files (const char *parent,
                    const char *base)
{
  g_autofree char *prefix = g_strdup_printf (".%s.topiary-", base);
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!is_file_temporary (name, prefix))
        continue;
      path = g_build_filename (parent, name, NULL);
      fd = _topiary_portal_open_nofollow (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < now - 10 &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

/* TRUE when @st is the file @path (followed) is. */
static gboolean
same_file (const struct stat *st,
           const char        *path)
{
  struct stat pst;

  return path != NULL && stat (path, &pst) == 0 &&
         pst.st_dev == st->st_dev && pst.st_ino == st->st_ino;
}

/* What an earlier CSV or JSON export of Topiary starts with. */
static gboolean
is_our_export (const char *head,
               gsize       len)
{
  static const char csv[] = "group,kind,pillar,title,slug,";
  const char *p = head;
  const char *end = head + len;

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  if ((gsize) (end - p) >= strlen (csv) && memcmp (p, csv, strlen (csv)) == 0)
    return TRUE;

  /* {"format":"topiary-map", spaces allowed */
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || *p++ != '{')
    return FALSE;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if ((gsize) (end - p) < 8 || memcmp (p, "\"format\"", 8) != 0)
    return FALSE;
  p += 8;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || *p++ != ':')
    return FALSE;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return (gsize) (end - p) >= 13 && memcmp (p, "\"topiary-map\"", 13) == 0;
}

gboolean
topiary_export_file_begin (TopiaryExportFile  *f,
                           const char         *dest,
                           const char         *extension,
                           const char         *map_title,
                           const char         *project_path,
                           gboolean            force,
                           GError            **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *real_parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  struct stat st;

  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *slug = topiary_slugify (map_title);
      g_autofree char *file = g_strconcat (slug, extension, NULL);

      absolute = g_build_filename (dest, file, NULL);
    }
  else
    absolute = g_canonicalize_filename (dest, NULL);
  parent = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  display = g_filename_display_basename (absolute);

  real_parent = realpath (parent, NULL);
  if (real_parent == NULL)
    {
      g_autofree char *parent_display = g_filename_display_basename (parent);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write to “%s”: the folder “%s” does not exist."), display, parent_display);
      return FALSE;
    }
  f->path = g_build_filename (real_parent, base, NULL);

  if (lstat (f->path, &st) == 0)
    {
      g_autofree char *wal = NULL;
      g_autofree char *shm = NULL;
      char head[512];
      gssize len = 0;
      int fd;

      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not a regular file."), display);
          return FALSE;
        }
      /* The project itself, by any name: never, whatever the force. */
      if (project_path != NULL)
        {
          wal = g_strconcat (project_path, "-wal", NULL);
          shm = g_strconcat (project_path, "-shm", NULL);
        }
      if (same_file (&st, project_path) || same_file (&st, wal) || same_file (&st, shm))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” is the project being exported; choose another name for the export."), display);
          return FALSE;
        }
      if (topiary_export_is_mount_point (f->path))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                       _("“%s” is a mount point, which an export cannot replace; choose another name."), display);
          return FALSE;
        }

      fd = _topiary_portal_open_nofollow (f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0)
        {
          len = read (fd, head, sizeof head);
          close (fd);
        }
      if (len >= 16 && memcmp (head, "SQLite format 3", 16) == 0)
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” is a database, perhaps a project, and an export never replaces one; choose another name."), display);
          return FALSE;
        }
      if (!force && st.st_size > 0 && (len <= 0 || !is_our_export (head, (gsize) len)))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS,
                       _("“%s” exists and is not an earlier CSV or JSON export of Topiary; choose another name or force the export to replace it."),
                       display);
          return FALSE;
        }
    }

  remove_stale_files (real_parent, base);
  f->tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.topiary-XXXXXX", real_parent, base);
  f->fd = g_mkstemp_full (f->tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (f->fd < 0)
    {
      int saved = errno;
      g_autofree char *parent_display = g_filename_display_basename (parent);

      g_clear_pointer (&f->tmp, g_free);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write in “%s”: %s."), parent_display, g_strerror (saved));
      return FALSE;
    }
  /* Tells the clean-up of other exports that this one is running. */
  flock (f->fd, LOCK_EX | LOCK_NB);
  return TRUE;
}

gboolean
topiary_export_file_write (TopiaryExportFile  *f,
                           GString            *buf,
                           GError            **error)
{
  if (g_cancellable_set_error_if_cancelled (f->cancellable, error))
    return FALSE;
  if (!write_all (f->fd, buf->str, buf->len))
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_basename (f->path);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (buf, 0);
  return TRUE;
}

gboolean
topiary_export_file_commit (TopiaryExportFile  *f,
                            GError            **error)
{
  int fd = f->fd;

  if (g_cancellable_set_error_if_cancelled (f->cancellable, error))
    return FALSE;
  f->fd = -1;
  if (close (fd) != 0 || g_rename (f->tmp, f->path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_basename (f->path);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write “%s”: %s."), display, g_strerror (saved));
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
