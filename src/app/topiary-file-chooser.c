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
#include "topiary-window.h"

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

GFile *
topiary_file_chooser_dup_start_folder (GtkWindow *parent)
{
  const char *documents;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* A dialog's parent may itself be a dialog of the map's window. */
  for (GtkWindow *w = parent; w != NULL; w = gtk_window_get_transient_for (w))
    if (TOPIARY_IS_WINDOW (w) && topiary_window_get_project (TOPIARY_WINDOW (w)) != NULL &&
        topiary_project_get_path (topiary_window_get_project (TOPIARY_WINDOW (w))) != NULL)
      {
        g_autofree char *dir = g_path_get_dirname (topiary_project_get_path (topiary_window_get_project (TOPIARY_WINDOW (w))));

        return g_file_new_for_path (dir);
      }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
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
  /* Not the recent files nor the working folder: the map's folder, or the
   * documents folder. Set before the dialog exists, so it starts there
   * rather than moving there while the user already picks. */
  {
    g_autoptr(GFile) start = topiary_file_chooser_dup_start_folder (parent);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), start, NULL);
  }
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
