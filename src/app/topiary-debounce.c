/* topiary-debounce.c — one re-armable timer per debounced job
 *
 * A single GSource lives as long as the job; arming only moves its ready
 * time, so a burst of keystrokes costs no source creation at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-debounce.h"

struct _TopiaryDebounce
{
  GSource     *source;
  GSourceFunc  func;
  gpointer     user_data;
  guint        delay_ms;
};

static gboolean
debounce_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  if (callback != NULL)
    callback (user_data);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs debounce_funcs = {
  .dispatch = debounce_dispatch,
};

TopiaryDebounce *
topiary_debounce_new (guint       delay_ms,
                      GSourceFunc func,
                      gpointer    user_data)
{
  TopiaryDebounce *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (TopiaryDebounce, 1);
  self->func = func;
  self->user_data = user_data;
  self->delay_ms = delay_ms;
  self->source = g_source_new (&debounce_funcs, sizeof (GSource));
  g_source_set_name (self->source, "[topiary] debounce");
  g_source_set_callback (self->source, func, user_data, NULL);
  g_source_set_ready_time (self->source, -1);
  g_source_attach (self->source, NULL);
  return self;
}

void
topiary_debounce_set_delay (TopiaryDebounce *self,
                            guint            delay_ms)
{
  g_return_if_fail (self != NULL);
  self->delay_ms = delay_ms;
}

void
topiary_debounce_arm (TopiaryDebounce *self)
{
  g_return_if_fail (self != NULL);
  g_source_set_ready_time (self->source,
                           g_get_monotonic_time () + (gint64) self->delay_ms * 1000);
}

void
topiary_debounce_arm_before (TopiaryDebounce *self,
                             gint64           limit)
{
  gint64 deadline;

  g_return_if_fail (self != NULL);

  deadline = g_get_monotonic_time () + (gint64) self->delay_ms * 1000;
  g_source_set_ready_time (self->source, MIN (deadline, limit));
}

void
topiary_debounce_arm_once (TopiaryDebounce *self)
{
  g_return_if_fail (self != NULL);
  if (!topiary_debounce_is_armed (self))
    topiary_debounce_arm (self);
}

gboolean
topiary_debounce_is_armed (TopiaryDebounce *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_source_get_ready_time (self->source) >= 0;
}

void
topiary_debounce_cancel (TopiaryDebounce *self)
{
  g_return_if_fail (self != NULL);
  g_source_set_ready_time (self->source, -1);
}

void
topiary_debounce_flush (TopiaryDebounce *self)
{
  g_return_if_fail (self != NULL);
  if (topiary_debounce_is_armed (self))
    {
      g_source_set_ready_time (self->source, -1);
      self->func (self->user_data);
    }
}

void
topiary_debounce_free (TopiaryDebounce *self)
{
  if (self == NULL)
    return;
  g_source_destroy (self->source);
  g_source_unref (self->source);
  g_free (self);
}
