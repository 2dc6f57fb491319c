/* topiary-text-dialog.h — a title and a Markdown text to write: a note of
 * the map, or the map's or a group's title and description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_TEXT_DIALOG (topiary_text_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryTextDialog, topiary_text_dialog, TOPIARY, TEXT_DIALOG, AdwWindow)

/* A note: its kind (one of topiary-note.h's), title and body, which
 * Write and Preview show as typed and as rendered. */
TopiaryTextDialog *topiary_text_dialog_new_note    (GtkWindow      *parent,
                                                    TopiaryProject *project,
                                                    const char     *heading,
                                                    TopiaryNote    *note);
/* A title and a description. */
TopiaryTextDialog *topiary_text_dialog_new_details (GtkWindow      *parent,
                                                    const char     *heading,
                                                    const char     *title,
                                                    const char     *description);

/* What was entered: the kind (notes only), the title (stripped) and the text. */
const char        *topiary_text_dialog_get_kind    (TopiaryTextDialog *self);
char              *topiary_text_dialog_dup_title   (TopiaryTextDialog *self);
char              *topiary_text_dialog_dup_text    (TopiaryTextDialog *self);

G_END_DECLS
