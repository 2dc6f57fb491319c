/* topiary-undo-stack.h — undo and redo of the map's structural edits
 *
 * Holds the records topiary-map-edit.h returns. topiary_undo_stack_undo()
 * applies the newest undo record and keeps what it returns for redo;
 * pushing a new record forgets what could be redone. No display needed:
 * the app binds its Undo and Redo to the properties.
 *
 * Properties: "can-undo", "can-redo" (gboolean), "undo-label",
 * "redo-label" (gchararray: "Undo Rename", "Redo Move"; NULL when there
 * is nothing to undo or redo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-map-edit.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_UNDO_STACK (topiary_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryUndoStack, topiary_undo_stack, TOPIARY, UNDO_STACK, GObject)

/* How many edits a stack keeps; older ones are forgotten. */
#define TOPIARY_UNDO_STACK_DEPTH 100

TopiaryUndoStack *topiary_undo_stack_new       (TopiaryProject    *project);
TopiaryProject   *topiary_undo_stack_get_project (TopiaryUndoStack *self);

/* Takes (owns) the record an operation returned; NULL is ignored, so the
 * result of a failed operation can be passed straight in. */
void              topiary_undo_stack_push      (TopiaryUndoStack  *self,
                                                TopiaryEdit       *edit);
/* The serial of the newest edit that can be undone, 0 when none. Each
 * pushed edit gets a new one and keeps it while it is undone and redone. */
guint64           topiary_undo_stack_get_undo_serial (TopiaryUndoStack *self);
gboolean          topiary_undo_stack_can_undo  (TopiaryUndoStack  *self);
gboolean          topiary_undo_stack_can_redo  (TopiaryUndoStack  *self);
const char       *topiary_undo_stack_get_undo_label (TopiaryUndoStack *self);
const char       *topiary_undo_stack_get_redo_label (TopiaryUndoStack *self);

/* Undoes (redoes) the newest edit in one transaction. @article_id
 * (optional) receives the article it was about, under its id now, 0 for
 * none. On failure nothing changes: the record stays where it was. */
gboolean          topiary_undo_stack_undo      (TopiaryUndoStack  *self,
                                                gint64            *article_id,
                                                GError           **error);
gboolean          topiary_undo_stack_redo      (TopiaryUndoStack  *self,
                                                gint64            *article_id,
                                                GError           **error);
void              topiary_undo_stack_clear     (TopiaryUndoStack  *self);

G_END_DECLS
