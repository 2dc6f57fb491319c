/* topiary-media-extract.c — the project's files written out to a folder
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

#include "topiary-media.h"
#include "topiary-slug.h"

/* A name that stays inside its folder: no "..", no separator, not hidden. */
static gboolean
safe_part (const char *part)
{
  return part[0] != '\0' && part[0] != '.' && strchr (part, '/') == NULL &&
         strchr (part, '\\') == NULL && strlen (part) <= 255;
}

/* "slug/images/a.png" as its parts, or NULL when a part is not safe. */
static GStrv
target_parts (TopiaryProject        *project,
              const TopiaryFileInfo *info)
{
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, info->article_id, FALSE, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) name_parts = g_strsplit (info->name, "/", -1);
  const char *slug = article != NULL ? topiary_article_get_slug (article) : NULL;
  g_autofree char *dir = NULL;

  dir = slug != NULL && topiary_slug_is_valid (slug) ? g_strdup (slug)
                                                      : g_strdup_printf ("article-%" PRId64, info->article_id);
  g_strv_builder_add (b, dir);
  for (guint i = 0; name_parts[i] != NULL; i++)
    {
      if (!safe_part (name_parts[i]))
        return NULL;
      g_strv_builder_add (b, name_parts[i]);
    }
  return g_strv_builder_end (b);
}

/* Opens (creating with @create) the folder @parts[0 … n-2] under @root,
 * never through a link. -1 with errno set. */
static int
open_parent (int          root,
             const char * const *parts,
             gboolean     create)
{
  int fd = dup (root);

  for (guint i = 0; fd >= 0 && parts[i + 1] != NULL; i++)
    {
      int next;

      if (create && mkdirat (fd, parts[i], 0755) != 0 && errno != EEXIST)
        {
          int saved = errno;
          close (fd);
          errno = saved;
          return -1;
        }
      next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      close (fd);
      fd = next;
    }
  return fd;
}

static char *
joined (const char * const *parts)
{
  return g_strjoinv ("/", (char **)parts);
}

gboolean
topiary_project_extract_files (TopiaryProject  *self,
                               const char      *dir,
                               gboolean         force,
                               guint           *n_written,
                               GError         **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *dir_name = NULL;
  int root;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  dir_name = g_path_get_basename (dir);
  files = topiary_project_list_files (self, 0, error);
  if (files == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s."), dir_name, g_strerror (saved));
      return FALSE;
    }
  root = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open the folder “%s”: %s."), dir_name, g_strerror (saved));
      return FALSE;
    }

  /* First every target is checked, so that a refusal writes nothing. */
  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      GStrv parts;
      guint n;
      int parent;
      struct stat st;

      /* A deleted article's files wait for undo; they are not its own any more. */
      if (info->article_id == 0)
        continue;
      parts = target_parts (self, info);
      if (parts == NULL)
        continue;
      g_ptr_array_add (targets, parts);
      g_ptr_array_add (chosen, info);
      n = g_strv_length (parts);
      parent = open_parent (root, (const char * const *)parts, FALSE);
      if (parent < 0)
        {
          if (errno == ENOENT)
            continue;
          {
            int saved = errno;
            g_autofree char *rel = joined ((const char * const *)parts);
            close (root);
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                         saved == ELOOP || saved == ENOTDIR
                           ? _("Refusing to write “%s”: a folder on its way is a link or a file.")
                           : _("Could not write “%s”."),
                         rel);
            return FALSE;
          }
        }
      if (fstatat (parent, parts[n - 1], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          (!force || S_ISDIR (st.st_mode)))
        {
          g_autofree char *rel = joined ((const char * const *)parts);
          close (parent);
          close (root);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” exists already in “%s”; use --force to replace it."), rel, dir_name);
          return FALSE;
        }
      close (parent);
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (chosen, i);
      const char * const *parts = g_ptr_array_index (targets, i);
      guint n = g_strv_length ((GStrv)parts);
      g_autoptr(GBytes) data = topiary_project_get_file_data (self, info->sha256, error);
      g_autofree char *rel = joined (parts);
      const guint8 *bytes;
      gsize len, done = 0;
      int parent, fd;

      if (data == NULL)
        {
          close (root);
          return FALSE;
        }
      parent = open_parent (root, parts, TRUE);
      if (parent >= 0 && force)
        unlinkat (parent, parts[n - 1], 0);  /* a link is replaced, not followed */
      fd = parent >= 0 ? openat (parent, parts[n - 1], O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644) : -1;
      if (fd < 0)
        {
          int saved = errno;
          if (parent >= 0)
            close (parent);
          close (root);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write “%s”: %s."), rel, g_strerror (saved));
          return FALSE;
        }
      bytes = g_bytes_get_data (data, &len);
      while (done < len)
        {
          gssize w = write (fd, bytes + done, len - done);
          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              int saved = errno;
              close (fd);
              close (parent);
              close (root);
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           _("Could not write “%s”: %s."), rel, g_strerror (saved));
              return FALSE;
            }
          done += w;
        }
      close (fd);
      close (parent);
      if (n_written != NULL)
        (*n_written)++;
    }
  close (root);
  return TRUE;
}
