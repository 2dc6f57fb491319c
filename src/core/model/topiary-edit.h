/* topiary-edit.h — the record of a structural edit, to undo and redo it
 *
 * Every operation of topiary-map-edit.h returns the TopiaryEdit that
 * undoes it. Applying a record changes the project in one transaction and
 * returns the record that reverses it: the undo of an edit gives its redo,
 * the redo gives the undo again.
 *
 * Ids: undoing a delete brings the article back under a new id. The record
 * that did it reports the change (topiary_edit_follow() carries it into
 * other records), so the records of an undo stack stay valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_EDIT (topiary_edit_get_type ())

typedef struct _TopiaryEdit TopiaryEdit;

GType        topiary_edit_get_type       (void) G_GNUC_CONST;
TopiaryEdit *topiary_edit_ref            (TopiaryEdit *edit);
void         topiary_edit_unref          (TopiaryEdit *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryEdit, topiary_edit_unref)

/* What the edit does, for "Undo …" labels: "Rename", "Move", … (translated). */
const char  *topiary_edit_get_label      (TopiaryEdit *edit);
/* The article the edit is about (to select after applying it), 0 for none. */
gint64       topiary_edit_get_article_id (TopiaryEdit *edit);
gint64       topiary_edit_get_group_id   (TopiaryEdit *edit);

/* Applies @edit to @project in one transaction and returns the record that
 * reverses it. On failure nothing is changed, @edit stays as it was, and
 * NULL is returned with @error set. */
TopiaryEdit *topiary_edit_apply          (TopiaryEdit     *edit,
                                          TopiaryProject  *project,
                                          GError         **error);
/* Updates the ids in @edit that @applied (the result of a
 * topiary_edit_apply()) gave to articles and groups it re-created. */
void         topiary_edit_follow         (TopiaryEdit     *edit,
                                          TopiaryEdit     *applied);

G_END_DECLS
