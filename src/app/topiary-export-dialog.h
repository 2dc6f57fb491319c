/* topiary-export-dialog.h — publish the map as a site, Hugo content, CSV or JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-export.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_EXPORT_DIALOG (topiary_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryExportDialog, topiary_export_dialog, TOPIARY, EXPORT_DIALOG, AdwWindow)

TopiaryExportDialog *topiary_export_dialog_new (GtkWindow      *parent,
                                                TopiaryProject *project);

/* Whether the map of @project was exported before (from any window or
 * session): what "Export Again" repeats. */
gboolean             topiary_export_dialog_can_repeat (TopiaryProject *project);

/* Exports again as the map was last exported (the dialog starts with
 * those options), without showing the dialog; when the folder it went
 * into is gone or cannot be written, or the export fails, the dialog
 * shows itself and says why. */
void                 topiary_export_dialog_repeat (TopiaryExportDialog *self);

/* Preselects the format and where it goes, as the chooser would. */
void                 topiary_export_dialog_set_destination (TopiaryExportDialog *self,
                                                            TopiaryExportFormat  format,
                                                            const char          *path);

/* What an export to @destination says when done: a toast whose "Show"
 * button activates win.show-path with @destination. */
AdwToast            *topiary_export_dialog_new_toast (const char *destination,
                                                      guint       n_warnings);

G_END_DECLS
