/* topiary-map-actions.h — the map.* actions: editing the map from the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-project.h"
#include "topiary-undo-stack.h"

G_BEGIN_DECLS

typedef struct _TopiaryWindow TopiaryWindow;

#define TOPIARY_TYPE_MAP_ACTIONS (topiary_map_actions_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryMapActions, topiary_map_actions, TOPIARY, MAP_ACTIONS, GSimpleActionGroup)

/* The actions act on what @window's sidebar selects; the window inserts
 * them as "map" so every part of it (menus, rows, toasts) reaches them. */
TopiaryMapActions *topiary_map_actions_new         (TopiaryWindow     *window);
/* A new project starts a new undo history. */
void               topiary_map_actions_set_project (TopiaryMapActions *self,
                                                    TopiaryProject    *project);
/* Enables the actions that make sense for the selection; the one place
 * that decides it. */
void               topiary_map_actions_update      (TopiaryMapActions *self);
/* Asks whether to add the article a wiki link names (@title) next to the
 * one being written, and adds it. */
void               topiary_map_actions_offer_linked_article (TopiaryMapActions *self,
                                                             const char        *title);
/* Binds the map's shortcuts on @widget_class: the window's, so they work
 * wherever the focus is (Ctrl+N from the editor makes an article), and
 * the sidebar's, so that in the map they come before GtkWindow's own. */
void               topiary_map_actions_add_shortcuts (GtkWidgetClass  *widget_class);
/* Ctrl+Z, Shift+Ctrl+Z and Ctrl+Y for map.undo and map.redo, bound on the
 * sidebar only: elsewhere (the editor) they undo text. */
void               topiary_map_actions_add_undo_shortcuts (GtkWidgetClass *widget_class);
/* The project's undo history of map edits; NULL without a project. */
TopiaryUndoStack  *topiary_map_actions_get_undo_stack (TopiaryMapActions *self);
/* Takes the undo record of an edit made elsewhere (an import into the
 * map), puts it on the undo stack and shows the map as it is now. */
void               topiary_map_actions_take_edit (TopiaryMapActions *self,
                                                  TopiaryEdit       *edit);
/* Undo, Redo (labelled with what they undo) and Deleted Articles, for the
 * main menu. */
GMenuModel        *topiary_map_actions_get_menu (TopiaryMapActions *self);
/* Brings back a deleted article from the trash, as an edit that can be
 * undone. */
gboolean           topiary_map_actions_restore (TopiaryMapActions  *self,
                                                gint64              revision_id,
                                                GError            **error);

G_END_DECLS
