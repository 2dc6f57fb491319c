/* topiary-window-state.c — a map opens as it was left
 *
 * Part of TopiaryWindow. When a map is closed (another one opened, the
 * window closed) the window keeps how it was left: the open article and
 * the cursor in it, the pane layout and the open groups
 * (topiary-map-state.c). Opening the map again brings that back, and
 * with the "reopen-last-map" preference the last map opens at start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-state.h"
#include "topiary-sidebar.h"
#include "topiary-window-private.h"

void
_topiary_window_save_state (TopiaryWindow *self)
{
  TopiaryProject *project = topiary_window_get_project (self);
  g_autoptr(TopiaryMapState) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (project == NULL || (path = topiary_project_get_path (project)) == NULL)
    return;
  state = topiary_map_state_new ();
  state->title = topiary_project_get_map_field (project, "title");
  state->article_id = topiary_window_get_article_id (self);
  if (state->article_id != 0)
    state->cursor = topiary_editor_get_cursor_offset (topiary_window_get_editor (self));
  g_object_get (self, "layout", &state->layout, NULL);
  g_array_unref (state->expanded);
  state->expanded = topiary_sidebar_dup_expanded_groups (topiary_window_get_sidebar (self));
  /* Losing it costs a click, never text: a debug line is enough. */
  if (!topiary_map_state_save (path, state, &error))
    g_debug ("The state of %s was not kept: %s", path, error->message);
}

void
_topiary_window_restore_state (TopiaryWindow *self)
{
  TopiaryProject *project = topiary_window_get_project (self);
  g_autoptr(TopiaryMapState) state = NULL;
  g_autoptr(TopiaryArticle) article = NULL;

  if (project == NULL || topiary_project_get_path (project) == NULL)
    return;
  state = topiary_map_state_load (topiary_project_get_path (project));
  if (state == NULL)
    return;
  topiary_sidebar_expand_groups (topiary_window_get_sidebar (self), state->expanded);
  if (state->layout != NULL && *state->layout != '\0')
    g_object_set (self, "layout", state->layout, NULL);
  /* An article deleted since is simply not opened. */
  if (state->article_id != 0)
    article = topiary_project_get_article (project, state->article_id, FALSE, NULL);
  if (article != NULL && topiary_window_open_article (self, state->article_id))
    topiary_editor_set_cursor_offset (topiary_window_get_editor (self), state->cursor);
}

gboolean
topiary_window_reopen_last (TopiaryWindow *self)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  last = topiary_map_state_dup_last ();
  /* Gone, moved or not a file any more: the welcome page, no error. */
  if (last == NULL || !g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  return topiary_window_open_path (self, last);
}
