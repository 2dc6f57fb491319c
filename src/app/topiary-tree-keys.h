/* topiary-tree-keys.h — the map tree driven from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called when Enter is pressed on an article's row. */
typedef void (*TopiaryTreeActivate) (gint64   article_id,
                                     gpointer data);

/* Adds tree keys to @view, whose model is a GtkSingleSelection over a
 * GtkTreeListModel of TopiaryMapNode rows shown by TopiaryMapRow. */
void topiary_tree_keys_attach (GtkListView         *view,
                               TopiaryTreeActivate  activate,
                               gpointer             data);

G_END_DECLS
