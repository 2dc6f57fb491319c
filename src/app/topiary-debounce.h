/* topiary-debounce.h — one re-armable timer per debounced job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TopiaryDebounce TopiaryDebounce;

/* @func runs once, @delay_ms after the last topiary_debounce_arm(). Its
 * return value is ignored. */
TopiaryDebounce *topiary_debounce_new       (guint             delay_ms,
                                             GSourceFunc       func,
                                             gpointer          user_data);
void             topiary_debounce_set_delay (TopiaryDebounce  *self,
                                             guint             delay_ms);
void             topiary_debounce_arm       (TopiaryDebounce  *self);
/* Like arm(), but never later than @limit (monotonic µs): a steady
 * stream of arms still runs the job by then. */
void             topiary_debounce_arm_before (TopiaryDebounce *self,
                                              gint64           limit);
/* Arms only when not armed already: the deadline does not move. */
void             topiary_debounce_arm_once  (TopiaryDebounce  *self);
gboolean         topiary_debounce_is_armed  (TopiaryDebounce  *self);
void             topiary_debounce_cancel    (TopiaryDebounce  *self);
/* Runs the pending job now, if any. */
void             topiary_debounce_flush     (TopiaryDebounce  *self);
void             topiary_debounce_free      (TopiaryDebounce  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryDebounce, topiary_debounce_free)

G_END_DECLS
