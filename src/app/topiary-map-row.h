/* topiary-map-row.h — the widget showing one TopiaryMapNode in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-map-node.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_MAP_ROW (topiary_map_row_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryMapRow, topiary_map_row, TOPIARY, MAP_ROW, GtkWidget)

/* The content a row offers when dragged: "topiary-article:<id>". */
#define TOPIARY_DRAG_PREFIX "topiary-article:"

GtkWidget      *topiary_map_row_new          (void);
GtkTreeListRow *topiary_map_row_get_list_row (TopiaryMapRow  *self);
void            topiary_map_row_set_list_row (TopiaryMapRow  *self,
                                              GtkTreeListRow *list_row);
TopiaryMapNode *topiary_map_row_get_node     (TopiaryMapRow  *self);

G_END_DECLS
