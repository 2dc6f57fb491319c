/* topiary-note.h — a map-level note (strategy, key fact, common question …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_NOTE (topiary_note_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryNote, topiary_note, TOPIARY, NOTE, GObject)

/* kind is a short word: "strategy", "audience", "goal", "monetization",
 * "content-gap", "key-entity", "key-fact", "common-question",
 * "seasonality", "timeline", "rpm", "import" (kept columns), "other". */
TopiaryNote *topiary_note_new          (const char *kind,
                                        const char *title,
                                        const char *body);
gint64       topiary_note_get_id       (TopiaryNote *self);
gint64       topiary_note_get_position (TopiaryNote *self);
const char  *topiary_note_get_kind     (TopiaryNote *self);
const char  *topiary_note_get_title    (TopiaryNote *self);
const char  *topiary_note_get_body     (TopiaryNote *self);
void         topiary_note_set_kind     (TopiaryNote *self, const char *kind);
void         topiary_note_set_title    (TopiaryNote *self, const char *title);
void         topiary_note_set_body     (TopiaryNote *self, const char *body);

G_END_DECLS
