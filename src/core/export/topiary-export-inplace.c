/* topiary-export-inplace.c — a folder export written inside its folder,
 * for a folder that cannot be renamed and beside which nothing can be
 * made: a folder the user picked through the document portal (the
 * Flatpak's export folder).
 *
 * The export is written into DIR/.topiary-new-XXXXXX. At the end what DIR
 * held goes into DIR/.topiary-old-XXXXXX, the new export's entries move
 * up into DIR, and the user's files come back from the old folder, as the
 * ordinary swap does with folders beside DIR. Every step is a rename
 * inside DIR, which the portal allows; it is not one atomic step, so an
 * export killed in between leaves the old export or the new one in its
 * hidden folder, removed by a later export once an hour old.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"

#define NEW_PREFIX ".topiary-new-"
#define OLD_PREFIX ".topiary-old-"

static gboolean
is_ours (const char *name)
{
  return g_str_has_prefix (name, NEW_PREFIX) || g_str_has_prefix (name, OLD_PREFIX);
}

/* The names in @dir, but for this file's own temporaries. */
static GPtrArray *
list_entries (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!is_ours (name))
      g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* Moves @names from @from into @to; on failure moves back what it moved. */
static gboolean
move_entries (const char  *from,
              const char  *to,
              GPtrArray   *names,
              int         *failed_errno)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *a = g_build_filename (from, name, NULL);
      g_autofree char *b = g_build_filename (to, name, NULL);

      if (g_rename (a, b) != 0)
        {
          *failed_errno = errno;
          while (i-- > 0)
            {
              g_autofree char *back_a = g_build_filename (to, (char *) g_ptr_array_index (names, i), NULL);
              g_autofree char *back_b = g_build_filename (from, (char *) g_ptr_array_index (names, i), NULL);
              g_rename (back_a, back_b);
            }
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
topiary_export_in_place_begin (TopiaryExportSwap  *swap,
                               GError            **error)
{
  g_autoptr(GDir) dir = g_dir_open (swap->target, 0, NULL);
  g_autofree char *tmpl = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  /* Left by an interrupted export: removed once an hour old, so that a
   * running export is never disturbed. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_ours (name))
        continue;
      path = g_build_filename (swap->target, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && st.st_mtime < now - 3600)
        topiary_export_remove_tree (path);
    }

  tmpl = g_build_filename (swap->target, NEW_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (tmpl, 0755) == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_basename (swap->target);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write in “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }
  swap->tmp = g_steal_pointer (&tmpl);
  return TRUE;
}

gboolean
topiary_export_in_place_commit (TopiaryExportSwap  *swap,
                                char              **replaced,
                                GError            **error)
{
  g_autofree char *old = g_build_filename (swap->target, OLD_PREFIX "XXXXXX", NULL);
  g_autofree char *display = g_filename_display_basename (swap->target);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  int saved = 0;

  if (g_mkdtemp_full (old, 0700) == NULL)
    {
      saved = errno;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot replace “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }

  /* What DIR held goes aside, as the folder itself would. */
  held = list_entries (swap->target);
  if (!move_entries (swap->target, old, held, &saved))
    {
      g_rmdir (old);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot replace “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }
  fresh = list_entries (swap->tmp);
  if (!move_entries (swap->tmp, swap->target, fresh, &saved))
    {
      move_entries (old, swap->target, held, &saved);
      g_rmdir (old);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot move the export into “%s”: %s."), display, g_strerror (saved));
      return FALSE;
    }
  g_rmdir (swap->tmp);
  g_clear_pointer (&swap->tmp, g_free);

  /* The user's files come back into the new export. */
  if (swap->exists && !topiary_export_carry_over (old, swap->target, swap->written))
    {
      g_autofree char *old_display = g_filename_display_basename (old);

      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("The new export is in “%s”, but some of the files you had added there could not be moved into it; they are in “%s” inside it."),
                   display, old_display);
      return FALSE;
    }
  if (replaced != NULL)
    *replaced = g_steal_pointer (&old);
  else
    topiary_export_remove_tree (old);
  return TRUE;
}
