/* topiary-window-private.h — what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-window.h"

G_BEGIN_DECLS

/* Shows @message in a toast over the window. */
void _topiary_window_toast                (TopiaryWindow  *self,
                                           const char     *message);
/* Shows an error dialog over the window. */
void _topiary_window_show_error           (TopiaryWindow  *self,
                                           const char     *heading,
                                           const char     *body);
/* Saves what the editor and details hold; a failure becomes a toast. */
void _topiary_window_save_or_toast        (TopiaryWindow  *self);
/* Makes @project (or none) the window's open project. */
void _topiary_window_set_project          (TopiaryWindow  *self,
                                           TopiaryProject *project);
/* Installs win.new-map, win.open, win.open-recent, win.import,
 * win.import-folder, win.import-paste, win.open-sample, win.export,
 * win.export-again and win.show-path (topiary-window-files.c). */
void _topiary_window_install_file_actions (GtkWidgetClass *widget_class);
/* Enables win.export-again when the open map was exported before. */
void _topiary_window_update_export_again  (TopiaryWindow  *self);
/* Opens a dropped map, previews the import of any other dropped file or
 * folder, or of text dropped on the welcome page (topiary-window-drop.c). */
void _topiary_window_setup_drop           (TopiaryWindow  *self);

/* Brings forward another window of this process that shows the map at
 * @path (the same file, by device and inode); FALSE when there is none
 * (topiary-window-claim.c). */
gboolean _topiary_window_present_other    (TopiaryWindow  *self,
                                           const char     *path);
/* Asks how to open the map at @path, open in another process. */
void _topiary_window_ask_open_claimed     (TopiaryWindow  *self,
                                           const char     *path);

/* Keeps how the open map was left, and brings it back when the map is
 * opened (topiary-window-state.c). */
void _topiary_window_save_state           (TopiaryWindow  *self);
void _topiary_window_restore_state        (TopiaryWindow  *self);

/* Full screen (win.fullscreen, F11, Escape) and the Writing Mode menu
 * (topiary-window-writing.c). */
void _topiary_window_install_writing_actions (GtkWidgetClass *widget_class);
void _topiary_window_setup_writing        (TopiaryWindow  *self,
                                           GSettings      *settings,
                                           GMenu          *main_menu,
                                           GtkWidget      *header,
                                           GtkWidget      *sidebar);

G_END_DECLS
