/* topiary-file-chooser.h — the one way the app asks for a file or a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  TOPIARY_FILE_CHOOSER_OPEN,          /* an existing file */
  TOPIARY_FILE_CHOOSER_OPEN_PROJECT,  /* an existing file, Topiary projects first */
  TOPIARY_FILE_CHOOSER_FOLDER,        /* an existing folder */
  TOPIARY_FILE_CHOOSER_SAVE,          /* a file name to create */
  TOPIARY_FILE_CHOOSER_OPEN_IMAGE,    /* an existing file, images (and PDFs) first */
} TopiaryFileChooserMode;

/* Called once, with the chosen local path, or NULL when the user cancelled
 * (or chose something without a local path). */
typedef void (*TopiaryFileChosenFunc) (gpointer    owner,
                                       const char *path,
                                       gpointer    data);

/* Where the choosers start: the folder of the map open in @parent's
 * window (@parent or a window it is transient for), else the documents
 * folder, else home. */
GFile *topiary_file_chooser_dup_start_folder (GtkWindow *parent);

/* Shows a modal native file chooser over @parent. @current_name is the
 * suggested name of a SAVE (or NULL); @owner is kept alive until the
 * callback ran, @data is freed with @destroy after it. */
void topiary_file_chooser_show (GtkWindow              *parent,
                                TopiaryFileChooserMode  mode,
                                const char             *title,
                                const char             *accept_label,
                                const char             *current_name,
                                GObject                *owner,
                                TopiaryFileChosenFunc   callback,
                                gpointer                data,
                                GDestroyNotify          destroy);

G_END_DECLS
