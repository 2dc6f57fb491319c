/* topiary-window-files.c — the main window's file actions
 *
 * Part of TopiaryWindow, kept apart so the window stays a shell: new map,
 * open, open recent, import, open sample, export and show in folder. They
 * reach the window only through its public API and topiary-window-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "topiary-export-dialog.h"
#include "topiary-file-chooser.h"
#include "topiary-import-job.h"
#include "topiary-importer.h"
#include "topiary-spell-ranges.h"
#include "topiary-window-private.h"

/* ---- files ---- */

gboolean
topiary_window_create_map (TopiaryWindow *self,
                           const char    *path)
{
  g_autofree char *file = NULL;
  g_autofree char *title = NULL;
  g_autofree char *language = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  char *dot;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = topiary_project_file_name (path);
  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      _topiary_window_show_error (self, _("File Already Exists"),
                                  _("Topiary does not overwrite an existing file with a new map; choose another name."));
      return FALSE;
    }
  project = topiary_project_open (file, TOPIARY_OPEN_CREATE, &error);
  if (project == NULL)
    {
      _topiary_window_show_error (self, _("Could Not Create the Map"), error->message);
      return FALSE;
    }
  /* The file name is the first title; the map can be renamed later. */
  title = g_path_get_basename (file);
  if ((dot = strrchr (title, '.')) != NULL && dot != title)
    *dot = '\0';
  if (!topiary_project_set_map_field (project, "title", title, &error))
    _topiary_window_toast (self, error->message);
  g_clear_error (&error);
  /* The map's language (its site's, its spelling's) starts as the desktop's. */
  language = topiary_spell_desktop_language ();
  if (!topiary_project_set_map_field (project, "language", language, &error))
    _topiary_window_toast (self, error->message);
  {
    gboolean held = FALSE;

    /* A new file: nobody else has it, but others may ask. */
    topiary_project_claim (project, &held, NULL);
  }
  _topiary_window_set_project (self, project);
  return TRUE;
}

static void
on_new_map_chosen (gpointer    owner,
                   const char *path,
                   gpointer    data)
{
  if (path != NULL)
    topiary_window_create_map (owner, path);
}

static void
win_new_map (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  topiary_file_chooser_show (GTK_WINDOW (widget), TOPIARY_FILE_CHOOSER_SAVE, _("New Map"), _("_Create"),
                             _("Topical map.topiary"), G_OBJECT (widget), on_new_map_chosen, NULL, NULL);
}

static void
on_open_chosen (gpointer    owner,
                const char *path,
                gpointer    data)
{
  if (path != NULL)
    topiary_window_open_path (owner, path);
}

static void
win_open (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  topiary_file_chooser_show (GTK_WINDOW (widget), TOPIARY_FILE_CHOOSER_OPEN_PROJECT, _("Open Map"), _("_Open"),
                             NULL, G_OBJECT (widget), on_open_chosen, NULL, NULL);
}

/* The map goes into a window of its own; this one keeps its map. */
static void
on_open_new_window_chosen (gpointer    owner,
                           const char *path,
                           gpointer    data)
{
  TopiaryWindow *self = owner;
  TopiaryWindow *window;

  if (path == NULL)
    return;
  if (topiary_window_get_project (self) == NULL)
    {
      topiary_window_open_path (self, path);
      return;
    }
  window = topiary_window_find_showing (path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = topiary_window_new (TOPIARY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  /* Not opened after all (a bad file, or open elsewhere and the user is
   * asked there): the empty window stays, as after File → New Window. */
  topiary_window_open_path (window, path);
}

static void
win_open_new_window (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  topiary_file_chooser_show (GTK_WINDOW (widget), TOPIARY_FILE_CHOOSER_OPEN_PROJECT, _("Open Map in New Window"), _("_Open"),
                             NULL, G_OBJECT (widget), on_open_new_window_chosen, NULL, NULL);
}

static void
win_open_recent (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  topiary_window_open_path (TOPIARY_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ---- importing and exporting ---- */

static void
win_import (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  topiary_importer_choose_source (topiary_window_get_importer (TOPIARY_WINDOW (widget)), g_str_equal (action, "win.import-folder"));
}

static void
win_import_paste (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  topiary_importer_paste (topiary_window_get_importer (TOPIARY_WINDOW (widget)));
}

static void
win_open_sample (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  topiary_importer_open_sample (topiary_window_get_importer (TOPIARY_WINDOW (widget)));
}

void
_topiary_window_update_export_again (TopiaryWindow *self)
{
  TopiaryProject *project = topiary_window_get_project (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-again",
                                 project != NULL && topiary_export_dialog_can_repeat (project));
}

static void
on_exported (TopiaryExportDialog *dialog,
             const char          *destination,
             guint                n_warnings,
             TopiaryWindow       *self)
{
  topiary_window_add_toast (self, topiary_export_dialog_new_toast (destination, n_warnings));
  _topiary_window_update_export_again (self);
}

static TopiaryExportDialog *
new_export_dialog (TopiaryWindow *self)
{
  TopiaryExportDialog *dialog;

  /* What is on screen is what gets exported. */
  _topiary_window_save_or_toast (self);
  dialog = topiary_export_dialog_new (GTK_WINDOW (self), topiary_window_get_project (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  /* One export at a time: Export Again waits for this one to end. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-again", FALSE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_topiary_window_update_export_again), self, G_CONNECT_SWAPPED);
  return dialog;
}

static void
win_export (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  if (topiary_window_get_project (self) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (new_export_dialog (self)));
}

static void
win_export_again (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  if (topiary_window_get_project (self) == NULL || !topiary_export_dialog_can_repeat (topiary_window_get_project (self)))
    return;
  topiary_export_dialog_repeat (new_export_dialog (self));
}

static void
win_show_path (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

void
_topiary_window_install_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-map", NULL, win_new_map);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open);
  gtk_widget_class_install_action (widget_class, "win.open-new-window", NULL, win_open_new_window);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", win_open_recent);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, win_import);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, win_import);
  gtk_widget_class_install_action (widget_class, "win.import-paste", NULL, win_import_paste);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, win_open_sample);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, win_export);
  gtk_widget_class_install_action (widget_class, "win.export-again", NULL, win_export_again);
  gtk_widget_class_install_action (widget_class, "win.show-path", "s", win_show_path);
}
