/* topiary-window-drop.c — what dropping a file or text on the window does
 *
 * Part of TopiaryWindow, kept apart like its file actions. A dropped
 * “*.topiary” file opens as Open does; any other file or a folder opens
 * the import preview, so nothing is imported before the user confirms.
 * Text dropped while the welcome page shows opens the pasted-text preview.
 * The window's drop target takes files anywhere in the window (over the
 * editor too); text over the map page is left to the sidebar's own
 * article drags and to the editor. Images dropped on the editor of an
 * open article go into it instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-editor-images.h"
#include "topiary-importer.h"
#include "topiary-window-private.h"

static gboolean
offers_files (GdkContentFormats *formats)
{
  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_FILE);
}

/* Files anywhere; text only on the welcome page, where no article tree or
 * editor wants it. */
static gboolean
on_accept (GtkDropTarget *target,
           GdkDrop       *drop,
           TopiaryWindow *self)
{
  GdkContentFormats *formats = gdk_drop_get_formats (drop);

  if (offers_files (formats))
    return TRUE;
  return topiary_window_get_project (self) == NULL &&
         gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
}

static void
drop_file (TopiaryWindow *self,
           GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  g_autoptr(GFileInfo) info = NULL;
  TopiaryImporter *importer = topiary_window_get_importer (self);

  if (path != NULL)
    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL ||
      (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR &&
       g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY) ||
      (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
       !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)))
    {
      /* TRANSLATORS: %s is the dropped file's name. */
      message = g_strdup_printf (_("“%s” is not a file or folder Topiary can read."), name);
      _topiary_window_toast (self, message);
      return;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && g_str_has_suffix (path, ".topiary"))
    {
      topiary_window_open_path (self, path);
      return;
    }
  if (topiary_importer_is_busy (importer))
    {
      _topiary_window_toast (self, _("Wait for the running import to finish before importing another file."));
      return;
    }
  topiary_importer_preview (importer, path);
}

/* Images (and PDFs) dropped on the editor of an open article go into
 * the article, where they were dropped (issue 12). */
static gboolean
drop_on_editor (TopiaryWindow *self,
                GSList        *files,
                double         x,
                double         y)
{
  TopiaryEditor *editor;
  GtkWidget *picked;

  if (topiary_window_get_project (self) == NULL)
    return FALSE;
  editor = topiary_window_get_editor (self);
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (picked == NULL || !gtk_widget_is_ancestor (picked, GTK_WIDGET (editor)) ||
      !topiary_editor_takes_files (editor, files))
    return FALSE;
  topiary_editor_insert_files (editor, files, GTK_WIDGET (self), x, y);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TopiaryWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      guint n = g_slist_length (files);

      if (n > 0 && drop_on_editor (self, files, x, y))
        ;
      else if (n == 1)
        drop_file (self, files->data);
      else if (n > 1)
        _topiary_window_toast (self, _("Drop one file at a time; Topiary opens or imports only one."));
      g_slist_free (files);
      return n > 0;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GSList one = { g_value_get_object (value), NULL };

      if (one.data == NULL)
        return FALSE;
      if (!drop_on_editor (self, &one, x, y))
        drop_file (self, one.data);
      return TRUE;
    }
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);

      if (topiary_window_get_project (self) != NULL || text == NULL || *text == '\0')
        return FALSE;
      return topiary_importer_preview_text (topiary_window_get_importer (self), text) != NULL;
    }
  return FALSE;
}

void
_topiary_window_setup_drop (TopiaryWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  /* Files first: a file manager offers a file as text too. */
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, G_TYPE_STRING };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "accept", G_CALLBACK (on_accept), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
