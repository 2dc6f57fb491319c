/* topiary-switcher.h — the quick switcher (Ctrl+P): find an article, open it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-window.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_SWITCHER (topiary_switcher_get_type ())
G_DECLARE_FINAL_TYPE (TopiarySwitcher, topiary_switcher, TOPIARY, SWITCHER, AdwWindow)

/* A modal dialog over @window that lists the articles of its map matching
 * what is typed (title, slug or query); Enter or a click opens one in
 * @window. NULL with no project open. */
TopiarySwitcher *topiary_switcher_new       (TopiaryWindow   *window);
GtkEditable     *topiary_switcher_get_entry (TopiarySwitcher *self);
GtkListBox      *topiary_switcher_get_list  (TopiarySwitcher *self);

G_END_DECLS
