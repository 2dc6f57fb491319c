/* topiary-file-chooser.c — the one way the app asks for a file or a folder
 *
 * A GtkFileChooserNative, so a sandboxed app goes through the portal;
 * every caller gets a plain local path or NULL, and never the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-file-chooser.h"

typedef struct {
  GObject               *owner;
  TopiaryFileChosenFunc  callback;
  gpointer               data;
  GDestroyNotify         destroy;
} Chooser;

static void
on_response (GtkNativeDialog *native,
             int              response,
             Chooser         *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  chooser->callback (chooser->owner, path, chooser->data);

  if (chooser->destroy != NULL)
    chooser->destroy (chooser->data);
  g_object_unref (chooser->owner);
  g_free (chooser);
  g_object_unref (native);
}

static void
add_project_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (projects, _("Topiary projects"));
  gtk_file_filter_add_pattern (projects, "*.topiary");
  gtk_file_filter_add_mime_type (projects, "application/x-topiary");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, projects);
  gtk_file_chooser_add_filter (chooser, all);
}

/* The files a project takes (topiary-media.h). */
static void
add_image_filters (GtkFileChooser *chooser)
{
  static const char * const types[] = { "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml" };
  static const char * const patterns[] = { "*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp", "*.svg" };
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) files = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_set_name (files, _("Images and PDF files"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gtk_file_filter_add_mime_type (images, types[i]);
      gtk_file_filter_add_mime_type (files, types[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      gtk_file_filter_add_pattern (images, patterns[i]);
      gtk_file_filter_add_pattern (files, patterns[i]);
    }
  gtk_file_filter_add_mime_type (files, "application/pdf");
  gtk_file_filter_add_pattern (files, "*.pdf");
  gtk_file_chooser_add_filter (chooser, images);
  gtk_file_chooser_add_filter (chooser, files);
}

void
topiary_file_chooser_show (GtkWindow              *parent,
                           TopiaryFileChooserMode  mode,
                           const char             *title,
                           const char             *accept_label,
                           const char             *current_name,
                           GObject                *owner,
                           TopiaryFileChosenFunc   callback,
                           gpointer                data,
                           GDestroyNotify          destroy)
{
  GtkFileChooserAction action = GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native;
  Chooser *chooser;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (callback != NULL);

  if (mode == TOPIARY_FILE_CHOOSER_FOLDER)
    action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  else if (mode == TOPIARY_FILE_CHOOSER_SAVE)
    action = GTK_FILE_CHOOSER_ACTION_SAVE;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  if (mode == TOPIARY_FILE_CHOOSER_OPEN_PROJECT)
    add_project_filters (GTK_FILE_CHOOSER (native));
  if (mode == TOPIARY_FILE_CHOOSER_OPEN_IMAGE)
    add_image_filters (GTK_FILE_CHOOSER (native));
  if (mode == TOPIARY_FILE_CHOOSER_SAVE && current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);

  chooser = g_new0 (Chooser, 1);
  chooser->owner = g_object_ref (owner);
  chooser->callback = callback;
  chooser->data = data;
  chooser->destroy = destroy;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_response), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
