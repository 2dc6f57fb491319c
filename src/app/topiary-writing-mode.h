/* topiary-writing-mode.h — how the editor's text is laid out for writing:
 * the font, a centred column, line spacing, focus mode and typewriter
 * scrolling (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_WRITING_MODE (topiary_writing_mode_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryWritingMode, topiary_writing_mode, TOPIARY, WRITING_MODE, GObject)

/* The tag focus mode puts on the text outside the current paragraph. */
#define TOPIARY_WRITING_DIMMED_TAG "topiary-focus-dimmed"
/* The least margin on each side of the column, in pixels. */
#define TOPIARY_WRITING_MIN_MARGIN 18

TopiaryWritingMode *topiary_writing_mode_new          (GtkTextView        *view);
/* Follows the keys writing-font, editor-font, column-width, line-spacing,
 * focus-mode and typewriter of @settings. */
void                topiary_writing_mode_set_settings (TopiaryWritingMode *self,
                                                       GSettings          *settings);
/* The font the editor uses now, as a Pango font description string. */
char               *topiary_writing_mode_dup_font     (TopiaryWritingMode *self);
/* The GNOME document font, or a proportional fallback without GNOME's
 * settings. */
char               *topiary_writing_mode_dup_document_font (void);

G_END_DECLS
