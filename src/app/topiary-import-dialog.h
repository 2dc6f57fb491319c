/* topiary-import-dialog.h — what an import will create, before it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-import-plan.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_IMPORT_DIALOG (topiary_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryImportDialog, topiary_import_dialog, TOPIARY, IMPORT_DIALOG, AdwWindow)

/* Previews importing the file or folder @source. "import" is emitted when
 * the user confirms; nothing is written before. */
TopiaryImportDialog *topiary_import_dialog_new          (GtkWindow   *parent,
                                                         const char  *source);
/* Previews importing @text (pasted from a web page or a chat window). It is
 * kept in a private temporary file until the dialog goes, or until
 * topiary_import_dialog_take_temporary() hands it on. */
TopiaryImportDialog *topiary_import_dialog_new_for_text (GtkWindow   *parent,
                                                         const char  *text,
                                                         GError     **error);

const char                 *topiary_import_dialog_get_source  (TopiaryImportDialog *self);
TopiaryImportFormat         topiary_import_dialog_get_format  (TopiaryImportDialog *self);
const TopiaryImportOptions *topiary_import_dialog_get_options (TopiaryImportDialog *self);
/* The plan shown; NULL when the source cannot be read as chosen, or before
 * the first read ends. */
TopiaryImportPlan          *topiary_import_dialog_get_plan    (TopiaryImportDialog *self);
/* TRUE while the source is read (in a thread) for the choices made: the
 * plan shown is then not yet theirs. */
gboolean                    topiary_import_dialog_is_reading  (TopiaryImportDialog *self);
/* The folder holding pasted text, for the caller to delete once imported;
 * NULL for a file the user chose. */
/* Offers "Add to This Map" (signal "import-into") beside a new map. */
void                        topiary_import_dialog_set_can_add (TopiaryImportDialog *self,
                                                               gboolean             can_add);
char                       *topiary_import_dialog_take_temporary (TopiaryImportDialog *self);

G_END_DECLS
