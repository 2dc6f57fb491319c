/* topiary-outline.h — the article's headings in a popover, and moving sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu button whose popover lists @view's headings; it follows the
 * cursor while open and jumps to a heading on activate. */
GtkWidget *topiary_outline_button_new     (GtkTextView *view);
/* Opens the outline popover of @button. */
void       topiary_outline_button_popup   (GtkWidget   *button);
/* The heading rows of @button's popover (for tests). */
GtkListBox *topiary_outline_button_get_list (GtkWidget *button);
/* Moves the section around the cursor of @view up or down (one undo
 * step); FALSE when there is nothing to swap with. */
gboolean   topiary_outline_move_section   (GtkTextView *view,
                                           gboolean     up);

G_END_DECLS
