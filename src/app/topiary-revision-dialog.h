/* topiary-revision-dialog.h — a revision against the text now, before restoring it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_REVISION_DIALOG (topiary_revision_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryRevisionDialog, topiary_revision_dialog, TOPIARY, REVISION_DIALOG, AdwWindow)

/* Shows what restoring @revision_id over @current (the text on screen)
 * would change, line by line; its Restore button emits "restore" with
 * @revision_id and closes it. NULL, with @error set, when the revision
 * cannot be read. */
TopiaryRevisionDialog *topiary_revision_dialog_new (GtkWindow       *parent,
                                                    TopiaryProject  *project,
                                                    gint64           revision_id,
                                                    const char      *current,
                                                    GError         **error);

G_END_DECLS
