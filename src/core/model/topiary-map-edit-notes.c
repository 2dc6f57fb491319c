/* topiary-map-edit-notes.c — the map's notes, title and description as
 * undoable edits
 *
 * Each operation is one record of topiary-edit.h, applied in one
 * transaction like the structural edits of topiary-map-edit.c: the undo
 * stack takes them all the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-edit-private.h"
#include "topiary-map-edit.h"

/* Applies @edit (owned) and returns its undo record. */
static TopiaryEdit *
run (TopiaryProject  *project,
     TopiaryEdit     *edit,
     GError         **error)
{
  g_autoptr(TopiaryEdit) owned = edit;

  return _topiary_edit_apply_steps (edit, project, error);
}

static Step *
note_step (StepKind    kind,
           gint64      id,
           const char *slug,
           const char *title,
           const char *text)
{
  Step *step = _topiary_edit_step_new (kind, id);

  step->slug = g_strdup (slug ? slug : "other");
  step->title = g_strdup (title ? title : "");
  step->text = g_strdup (text ? text : "");
  return step;
}

TopiaryEdit *
topiary_map_edit_add_note (TopiaryProject  *project,
                           TopiaryNote     *note,
                           GError         **error)
{
  TopiaryEdit *edit;
  TopiaryEdit *undo;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), NULL);

  edit = _topiary_edit_new (_("New Note"));
  g_ptr_array_add (edit->steps, note_step (STEP_ADD_NOTE, 0, topiary_note_get_kind (note),
                                           topiary_note_get_title (note), topiary_note_get_body (note)));
  undo = run (project, edit, error);
  /* The undo deletes the note: its step names the id it was given. */
  if (undo != NULL)
    {
      const Step *delete = g_ptr_array_index (undo->steps, 0);
      g_autoptr(GListModel) notes = topiary_project_list_notes (project, NULL);

      _topiary_note_set_id (note, delete->id);
      for (guint i = 0; notes != NULL && i < g_list_model_get_n_items (notes); i++)
        {
          g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, i);

          if (topiary_note_get_id (n) == delete->id)
            _topiary_note_set_position (note, topiary_note_get_position (n));
        }
    }
  return undo;
}

TopiaryEdit *
topiary_map_edit_update_note (TopiaryProject  *project,
                              gint64           note_id,
                              const char      *kind,
                              const char      *title,
                              const char      *body,
                              GError         **error)
{
  TopiaryEdit *edit;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  edit = _topiary_edit_new (_("Edit Note"));
  g_ptr_array_add (edit->steps, note_step (STEP_NOTE, note_id, kind, title, body));
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_delete_note (TopiaryProject  *project,
                              gint64           note_id,
                              GError         **error)
{
  TopiaryEdit *edit;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  edit = _topiary_edit_new (_("Delete Note"));
  g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_NOTE, note_id));
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_move_note (TopiaryProject  *project,
                            gint64           note_id,
                            gint64           position,
                            GError         **error)
{
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  edit = _topiary_edit_new (_("Move Note"));
  step = _topiary_edit_step_new (STEP_MOVE_NOTE, note_id);
  step->position = position;
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

static Step *
map_field_step (const char *field,
                const char *value)
{
  Step *step = _topiary_edit_step_new (STEP_MAP_FIELD, 0);

  step->slug = g_strdup (field);
  step->text = g_strdup (value ? value : "");
  return step;
}

TopiaryEdit *
topiary_map_edit_set_map_details (TopiaryProject  *project,
                                  const char      *title,
                                  const char      *description,
                                  GError         **error)
{
  TopiaryEdit *edit;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  edit = _topiary_edit_new (_("Edit Map"));
  g_ptr_array_add (edit->steps, map_field_step ("title", title));
  g_ptr_array_add (edit->steps, map_field_step ("description", description));
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_set_group_details (TopiaryProject  *project,
                                    gint64           group_id,
                                    const char      *title,
                                    const char      *description,
                                    GError         **error)
{
  g_autoptr(TopiaryGroup) group = NULL;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  group = topiary_project_get_group (project, group_id, error);
  if (group == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Edit Group"));
  edit->group_id = group_id;
  step = _topiary_edit_group_state (group);
  g_free (step->title);
  step->title = g_strdup (title ? title : "");
  g_free (step->text);
  step->text = g_strdup (description ? description : "");
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}
