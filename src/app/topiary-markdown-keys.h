/* topiary-markdown-keys.h — Markdown editing helpers on the editor's view
 *
 * Enter continues and ends lists, Tab and Shift+Tab move list items, a
 * closing code fence loses the indent auto-indent carried onto it, a URL
 * pasted over a selection makes a link; the formatting actions toggle
 * their marks. The text rules are topiary-md-edit.h's (core).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* Installs the keys and the paste handling on @view (for its life). */
void topiary_markdown_keys_attach      (GtkSourceView *view);
/* Wraps the selection in @mark, or takes the mark off when it is already
 * wrapped (inside or just around the selection); one undo step. */
void topiary_markdown_keys_toggle_wrap (GtkTextView   *view,
                                        const char    *mark);
/* Ctrl+K: "[selection](|)"; a selected URL becomes "[|](url)"; without
 * a selection "[|]()". The cursor goes where the user types next. */
void topiary_markdown_keys_make_link   (GtkTextView   *view);

G_END_DECLS
