/* topiary-trash-dialog.h — "Deleted Articles": see, restore, empty the trash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-map-actions.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_TRASH_DIALOG (topiary_trash_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryTrashDialog, topiary_trash_dialog, TOPIARY, TRASH_DIALOG, AdwWindow)

/* Lists the project's deleted articles; restoring one goes through
 * @actions, so Ctrl+Z in the map undoes it. */
TopiaryTrashDialog *topiary_trash_dialog_new      (GtkWindow          *parent,
                                                   TopiaryMapActions  *actions);
/* The rows shown, for tests: one per deleted article. */
guint               topiary_trash_dialog_get_n_items (TopiaryTrashDialog *self);
/* Restores the @index-th article shown, as its Restore button does. */
gboolean            topiary_trash_dialog_restore  (TopiaryTrashDialog *self,
                                                   guint               index);

G_END_DECLS
