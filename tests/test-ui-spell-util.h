/* test-ui-spell-util.h — the open editor's buffer and spell checking, for
 * the spelling cases (test-ui-spell.c, test-ui-writing-speed.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-spell-checker.h"
#include "topiary-spell-view.h"
#include "test-ui-util.h"

static inline TopiaryEditor *
editor (void)
{
  return topiary_window_get_editor (window);
}

static inline GtkTextBuffer *
buffer (void)
{
  return GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor ()));
}

static inline TopiarySpellView *
spell (void)
{
  return topiary_editor_get_spell (editor ());
}

static inline gboolean
spell_done (gpointer data)
{
  return !topiary_spell_view_is_pending (spell ());
}

static inline char *
buffer_text (void)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  return gtk_text_buffer_get_text (buffer (), &start, &end, TRUE);
}
