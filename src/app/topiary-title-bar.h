/* topiary-title-bar.h — offers to remove a heading that repeats the title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_TITLE_BAR (topiary_title_bar_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryTitleBar, topiary_title_bar, TOPIARY, TITLE_BAR, GtkWidget)

/* The buffer whose text the bar looks at and edits (not owned). */
void     topiary_title_bar_set_buffer (TopiaryTitleBar *self,
                                       GtkTextBuffer   *buffer);
/* Shows the bar when @text starts with @title as a level-1 heading
 * (topiary-markdown-title.h); @title may be NULL (no article). */
void     topiary_title_bar_update     (TopiaryTitleBar *self,
                                       const char      *title,
                                       const char      *text);
/* Whether the bar is shown, for tests. */
gboolean topiary_title_bar_is_shown   (TopiaryTitleBar *self);

G_END_DECLS
