/* topiary-edit.c — the record of an edit: applying it, and its reverse
 *
 * An edit is a list of steps, each of which sets one thing to a state it
 * carries (an article's place and title, a body, a group) or adds,
 * deletes or restores one thing. Applying a step first records the step
 * that puts back what it changes; those inverse steps, in reverse order,
 * are the record that undoes the edit. topiary-map-edit.c works out which
 * steps an operation takes, by the map's rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "topiary-edit-private.h"
#include "topiary-media.h"
#include "topiary-media-private.h"

G_DEFINE_BOXED_TYPE (TopiaryEdit, topiary_edit, topiary_edit_ref, topiary_edit_unref)

void
_topiary_edit_step_free (Step *step)
{
  g_free (step->title);
  g_free (step->slug);
  g_free (step->text);
  g_clear_object (&step->article);
  g_free (step);
}

Step *
_topiary_edit_step_new (StepKind kind,
          gint64   id)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->id = id;
  return step;
}

static Step *
step_copy (const Step *step)
{
  Step *copy = g_memdup2 (step, sizeof *step);

  copy->title = g_strdup (step->title);
  copy->slug = g_strdup (step->slug);
  copy->text = g_strdup (step->text);
  copy->article = step->article ? topiary_article_copy (step->article) : NULL;
  return copy;
}

TopiaryEdit *
_topiary_edit_new (const char *label)
{
  TopiaryEdit *edit = g_new0 (TopiaryEdit, 1);

  edit->ref_count = 1;
  edit->label = g_strdup (label);
  edit->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) _topiary_edit_step_free);
  edit->remaps = g_array_new (FALSE, FALSE, sizeof (Remap));
  return edit;
}

TopiaryEdit *
topiary_edit_ref (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);

  g_atomic_int_inc (&edit->ref_count);
  return edit;
}

void
topiary_edit_unref (TopiaryEdit *edit)
{
  g_return_if_fail (edit != NULL);

  if (!g_atomic_int_dec_and_test (&edit->ref_count))
    return;
  g_free (edit->label);
  g_ptr_array_unref (edit->steps);
  g_array_unref (edit->remaps);
  g_free (edit);
}

const char *
topiary_edit_get_label (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);

  return edit->label;
}

gint64
topiary_edit_get_article_id (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);

  return edit->article_id;
}

gint64
topiary_edit_get_group_id (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);

  return edit->group_id;
}

/* ---- ids that change ---- */

static gboolean
step_names_group (const Step *step)
{
  return step->kind == STEP_GROUP || step->kind == STEP_ADD_GROUP || step->kind == STEP_DELETE_GROUP;
}

/* Steps whose @id is a note's, or no article's at all. */
static gboolean
step_names_note (const Step *step)
{
  return step->kind == STEP_ADD_NOTE || step->kind == STEP_DELETE_NOTE ||
         step->kind == STEP_NOTE || step->kind == STEP_MOVE_NOTE || step->kind == STEP_MAP_FIELD;
}

static void
remap_step (Step        *step,
            const Remap *remap)
{
  if (remap->is_group)
    {
      if (step_names_group (step) && step->id == remap->from)
        step->id = remap->to;
      if (step->kind == STEP_ARTICLE && step->group_id == remap->from)
        step->group_id = remap->to;
      if (step->article != NULL && topiary_article_get_group_id (step->article) == remap->from)
        topiary_article_set_group_id (step->article, remap->to);
    }
  else
    {
      if (!step_names_group (step) && !step_names_note (step) && step->id == remap->from)
        step->id = remap->to;
      if (step->kind == STEP_ARTICLE && step->parent_id == remap->from)
        step->parent_id = remap->to;
      if ((step->kind == STEP_DISMISS || step->kind == STEP_UNDISMISS) && step->target_id == remap->from)
        step->target_id = remap->to;
      if (step->article != NULL && topiary_article_get_parent_id (step->article) == remap->from)
        topiary_article_set_parent_id (step->article, remap->to);
    }
}

static void
remap_edit (TopiaryEdit *edit,
            const Remap *remap)
{
  for (guint i = 0; i < edit->steps->len; i++)
    remap_step (g_ptr_array_index (edit->steps, i), remap);
  if (remap->is_group && edit->group_id == remap->from)
    edit->group_id = remap->to;
  if (!remap->is_group && edit->article_id == remap->from)
    edit->article_id = remap->to;
}

void
topiary_edit_follow (TopiaryEdit *edit,
                     TopiaryEdit *applied)
{
  g_return_if_fail (edit != NULL);
  g_return_if_fail (applied != NULL);

  for (guint i = 0; i < applied->remaps->len; i++)
    remap_edit (edit, &g_array_index (applied->remaps, Remap, i));
}

/* ---- applying steps ---- */

gboolean
_topiary_edit_no_article (gint64   id,
            GError **error)
{
  g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
               _("There is no article %" PRId64 " in the project."), id);
  return FALSE;
}

/* The step that puts back what @article is now. */
Step *
_topiary_edit_article_state (TopiaryArticle *article)
{
  Step *step = _topiary_edit_step_new (STEP_ARTICLE, topiary_article_get_id (article));

  step->group_id = topiary_article_get_group_id (article);
  step->parent_id = topiary_article_get_parent_id (article);
  step->position = topiary_article_get_position (article);
  step->article_kind = topiary_article_get_kind (article);
  step->status = topiary_article_get_status (article);
  step->title = g_strdup (topiary_article_get_title (article));
  step->fields = FIELD_ALL;
  return step;
}

Step *
_topiary_edit_group_state (TopiaryGroup *group)
{
  Step *step = _topiary_edit_step_new (STEP_GROUP, topiary_group_get_id (group));

  step->position = topiary_group_get_position (group);
  step->title = g_strdup (topiary_group_get_title (group));
  step->slug = g_strdup (topiary_group_get_slug (group));
  step->text = g_strdup (topiary_group_get_description (group));
  return step;
}

/* The newest "delete" snapshot of @article_id. */
static gint64
delete_revision (TopiaryProject  *project,
                 gint64           article_id,
                 GError         **error)
{
  g_autoptr(GPtrArray) revisions = topiary_project_list_revisions (project, article_id, error);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);

      if (g_strcmp0 (info->reason, "delete") == 0)
        return info->id;
    }
  if (revisions != NULL)
    g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                         _("The deleted article could not be kept for undo."));
  return 0;
}

/* The file reference @file_id of article @article_id, or NULL with
 * @error set. */
static TopiaryFileInfo *
file_of_article (TopiaryProject  *project,
                 gint64           article_id,
                 gint64           file_id,
                 const char      *sha256,
                 GError         **error)
{
  g_autoptr(GPtrArray) files = topiary_project_list_files (project, article_id, error);

  if (files == NULL)
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);

      if ((file_id != 0 && info->id == file_id) ||
          (sha256 != NULL && g_strcmp0 (info->sha256, sha256) == 0))
        return topiary_file_info_copy (info);
    }
  return NULL;
}

/* STEP_ADD_FILE: a reference called @name, exactly, to bytes the project
 * holds already (under another article, or a deleted one). */
static Step *
add_file_ref (TopiaryProject  *project,
              gint64           article_id,
              const char      *name,
              const char      *sha256,
              GError         **error)
{
  g_autoptr(TopiaryFileInfo) there = file_of_article (project, article_id, 0, sha256, NULL);
  g_autoptr(TopiaryFileInfo) source = NULL;
  g_autoptr(TopiaryFileInfo) added = NULL;
  g_autoptr(GBytes) data = NULL;
  Step *undo;

  /* Its undo removes the reference: it must be a new one. */
  if (there == NULL)
    source = file_of_article (project, 0, 0, sha256, error);
  if (there != NULL || source == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                     _("The file “%s” could not be moved to the merged article."), name);
      return NULL;
    }
  data = topiary_project_get_file_data (project, sha256, error);
  if (data == NULL)
    return NULL;
  added = _topiary_media_store (project, article_id, name, data, source->mime,
                                source->width, source->height, sha256, error);
  if (added == NULL)
    return NULL;
  /* The text links to it by this name: another would break them. */
  if (g_ascii_strcasecmp (added->name, name) != 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The file “%s” could not be moved to the merged article."), name);
      return NULL;
    }
  undo = _topiary_edit_step_new (STEP_REMOVE_FILE, article_id);
  undo->revision_id = added->id;
  return undo;
}

/* STEP_DISMISS or STEP_UNDISMISS. One that changes nothing (the
 * dismissal is there already, or gone already) is its own undo, so an
 * undo takes back only what its edit added. */
static Step *
apply_dismissal (TopiaryProject  *project,
                 Step            *step,
                 GError         **error)
{
  g_autoptr(GHashTable) dismissed = topiary_project_list_dismissals (project, step->id, error);
  g_autofree char *key = topiary_dismissal_key (step->slug, step->target_id);
  gboolean add = step->kind == STEP_DISMISS;
  gboolean changes;
  Step *undo;

  if (dismissed == NULL)
    return NULL;
  changes = g_hash_table_contains (dismissed, key) != add;
  if (changes && add &&
      !topiary_project_dismiss_suggestion (project, step->id, step->target_id, step->slug, error))
    return NULL;
  if (changes && !add &&
      !topiary_project_undismiss_suggestion (project, step->id, step->target_id, step->slug, error))
    return NULL;
  undo = step_copy (step);
  if (changes)
    undo->kind = add ? STEP_UNDISMISS : STEP_DISMISS;
  return undo;
}

/* Applies @step; returns the step that reverses it, or NULL with @error
 * set. An id given to something re-created goes to @remaps. */
static Step *
apply_step (TopiaryProject  *project,
            Step            *step,
            GArray          *remaps,
            GError         **error)
{
  switch (step->kind)
    {
    case STEP_ARTICLE:
      {
        g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, step->id, FALSE, error);
        Step *undo;

        if (article == NULL)
          return NULL;
        /* Only what changes is set, and only that is set back. */
        undo = _topiary_edit_step_new (STEP_ARTICLE, step->id);
        undo->fields = 0;
        if ((step->fields & FIELD_GROUP) && step->group_id != topiary_article_get_group_id (article))
          {
            undo->group_id = topiary_article_get_group_id (article);
            undo->fields |= FIELD_GROUP;
            topiary_article_set_group_id (article, step->group_id);
          }
        if ((step->fields & FIELD_PARENT) && step->parent_id != topiary_article_get_parent_id (article))
          {
            undo->parent_id = topiary_article_get_parent_id (article);
            undo->fields |= FIELD_PARENT;
            topiary_article_set_parent_id (article, step->parent_id);
          }
        if ((step->fields & FIELD_KIND) && step->article_kind != topiary_article_get_kind (article))
          {
            undo->article_kind = topiary_article_get_kind (article);
            undo->fields |= FIELD_KIND;
            topiary_article_set_kind (article, step->article_kind);
          }
        if ((step->fields & FIELD_STATUS) && step->status != topiary_article_get_status (article))
          {
            undo->status = topiary_article_get_status (article);
            undo->fields |= FIELD_STATUS;
            topiary_article_set_status (article, step->status);
          }
        if ((step->fields & FIELD_TITLE) && g_strcmp0 (step->title, topiary_article_get_title (article)) != 0)
          {
            undo->title = g_strdup (topiary_article_get_title (article));
            undo->fields |= FIELD_TITLE;
            topiary_article_set_title (article, step->title);
          }
        if ((step->fields & FIELD_POSITION) && step->position > 0 &&
            step->position != topiary_article_get_position (article))
          {
            undo->position = topiary_article_get_position (article);
            undo->fields |= FIELD_POSITION;
            topiary_article_set_position (article, step->position);
          }
        else
          topiary_article_set_position (article, 0);
        if (undo->fields != 0 && !topiary_project_update_article (project, article, error))
          {
            _topiary_edit_step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_BODY:
      {
        g_autofree char *body = topiary_project_get_body (project, step->id, error);
        Step *undo;

        if (body == NULL || !topiary_project_save_body (project, step->id, step->text, error))
          return NULL;
        undo = _topiary_edit_step_new (STEP_BODY, step->id);
        undo->text = g_steal_pointer (&body);
        return undo;
      }

    case STEP_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, step->id, error);
        Step *undo;

        if (group == NULL)
          return NULL;
        undo = _topiary_edit_group_state (group);
        topiary_group_set_title (group, step->title);
        topiary_group_set_slug (group, step->slug);
        topiary_group_set_description (group, step->text);
        if (!topiary_project_update_group (project, group, error) ||
            !topiary_project_move_group (project, step->id, step->position, error))
          {
            _topiary_edit_step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_ADD_ARTICLE:
      {
        g_autoptr(TopiaryArticle) article = topiary_article_copy (step->article);

        if (!topiary_project_add_article (project, article, error))
          return NULL;
        /* The edit's copy learns its id (apply() tells the caller's). */
        _topiary_article_set_id (step->article, topiary_article_get_id (article));
        /* Later steps of the edit that name the article by a stand-in
         * (a negative id) get the real one. */
        if (step->id < 0)
          {
            Remap remap = { FALSE, step->id, topiary_article_get_id (article) };

            g_array_append_val (remaps, remap);
          }
        return _topiary_edit_step_new (STEP_DELETE_ARTICLE, topiary_article_get_id (article));
      }

    case STEP_DELETE_ARTICLE:
      {
        Step *undo;
        gint64 revision_id;

        if (!topiary_project_delete_article (project, step->id, error) ||
            (revision_id = delete_revision (project, step->id, error)) == 0)
          return NULL;
        undo = _topiary_edit_step_new (STEP_RESTORE, step->id);
        undo->revision_id = revision_id;
        return undo;
      }

    case STEP_RESTORE:
      {
        g_autoptr(TopiaryArticle) there = topiary_project_get_article (project, step->id, FALSE, NULL);
        Remap remap = { FALSE, step->id, 0 };

        /* Restoring over a live article would overwrite its text. */
        if (there != NULL)
          {
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                         _("The article “%s” is back already."), topiary_article_get_title (there));
            return NULL;
          }
        remap.to = topiary_project_restore_revision (project, step->revision_id, error);
        if (remap.to == 0)
          return NULL;
        if (remap.to != remap.from)
          g_array_append_val (remaps, remap);
        return _topiary_edit_step_new (STEP_DELETE_ARTICLE, remap.to);
      }

    case STEP_ADD_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_group_new (step->title);
        Remap remap = { TRUE, step->id, 0 };

        topiary_group_set_slug (group, step->slug);
        topiary_group_set_description (group, step->text);
        if (!topiary_project_add_group (project, group, error) ||
            (step->position > 0 &&
             !topiary_project_move_group (project, topiary_group_get_id (group), step->position, error)))
          return NULL;
        remap.to = topiary_group_get_id (group);
        if (remap.from != 0 && remap.to != remap.from)
          g_array_append_val (remaps, remap);
        return _topiary_edit_step_new (STEP_DELETE_GROUP, remap.to);
      }

    case STEP_DELETE_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, step->id, error);
        Step *undo;

        if (group == NULL)
          return NULL;
        undo = _topiary_edit_group_state (group);
        undo->kind = STEP_ADD_GROUP;
        if (!topiary_project_delete_group (project, step->id, error))
          {
            _topiary_edit_step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_ADD_NOTE:
      {
        g_autoptr(TopiaryNote) note = topiary_note_new (step->slug, step->title, step->text);

        /* A deleted note comes back as it was: its id, its place. */
        if (step->id > 0)
          {
            _topiary_note_set_id (note, step->id);
            _topiary_note_set_position (note, step->position);
            if (!topiary_project_restore_note (project, note, error))
              return NULL;
          }
        else if (!topiary_project_add_note (project, note, error))
          return NULL;
        return _topiary_edit_step_new (STEP_DELETE_NOTE, topiary_note_get_id (note));
      }

    case STEP_DELETE_NOTE:
    case STEP_NOTE:
    case STEP_MOVE_NOTE:
      {
        g_autoptr(TopiaryNote) note = NULL;
        g_autoptr(GListModel) notes = topiary_project_list_notes (project, error);
        Step *undo;
        guint index = 0;

        if (notes == NULL)
          return NULL;
        for (guint i = 0; note == NULL && i < g_list_model_get_n_items (notes); i++)
          {
            g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, i);

            if (topiary_note_get_id (n) == step->id)
              {
                note = g_steal_pointer (&n);
                index = i + 1;
              }
          }
        if (note == NULL)
          {
            g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                                 _("The note is gone already."));
            return NULL;
          }
        undo = _topiary_edit_step_new (step->kind == STEP_DELETE_NOTE ? STEP_ADD_NOTE : step->kind, step->id);
        undo->slug = g_strdup (topiary_note_get_kind (note));
        undo->title = g_strdup (topiary_note_get_title (note));
        undo->text = g_strdup (topiary_note_get_body (note));
        undo->position = step->kind == STEP_MOVE_NOTE ? index : topiary_note_get_position (note);
        if (step->kind == STEP_NOTE)
          {
            topiary_note_set_kind (note, step->slug);
            topiary_note_set_title (note, step->title);
            topiary_note_set_body (note, step->text);
          }
        if ((step->kind == STEP_DELETE_NOTE && !topiary_project_delete_note (project, step->id, error)) ||
            (step->kind == STEP_NOTE && !topiary_project_update_note (project, note, error)) ||
            (step->kind == STEP_MOVE_NOTE && !topiary_project_move_note (project, step->id, step->position, error)))
          {
            _topiary_edit_step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_REPLACE_ARTICLE:
      {
        g_autoptr(TopiaryArticle) now = topiary_project_get_article (project, step->id, TRUE, error);
        g_autoptr(TopiaryArticle) then = topiary_article_copy (step->article);
        Step *undo;

        if (now == NULL)
          return NULL;
        /* Its place in the writing order is not the edit's to change. */
        _topiary_article_set_id (then, step->id);
        topiary_article_set_position (then, topiary_article_get_position (now));
        if (!topiary_project_update_article (project, then, error))
          return NULL;
        undo = _topiary_edit_step_new (STEP_REPLACE_ARTICLE, step->id);
        undo->article = g_steal_pointer (&now);
        return undo;
      }

    case STEP_ADD_FILE:
      return add_file_ref (project, step->id, step->slug, step->text, error);

    case STEP_REMOVE_FILE:
      {
        g_autoptr(TopiaryFileInfo) info = file_of_article (project, step->id, step->revision_id, NULL, error);
        Step *undo;

        if (info == NULL)
          {
            if (error == NULL || *error == NULL)
              g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                                   _("The file is gone already."));
            return NULL;
          }
        if (!topiary_project_remove_file (project, info->id, error))
          return NULL;
        undo = _topiary_edit_step_new (STEP_ADD_FILE, step->id);
        undo->slug = g_strdup (info->name);
        undo->text = g_strdup (info->sha256);
        return undo;
      }

    case STEP_DISMISS:
    case STEP_UNDISMISS:
      return apply_dismissal (project, step, error);

    case STEP_MAP_FIELD:
      {
        Step *undo = _topiary_edit_step_new (STEP_MAP_FIELD, 0);

        undo->slug = g_strdup (step->slug);
        undo->text = topiary_project_get_map_field (project, step->slug);
        if (!topiary_project_set_map_field (project, step->slug, step->text ? step->text : "", error))
          {
            _topiary_edit_step_free (undo);
            return NULL;
          }
        return undo;
      }

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Applies the steps of @edit in one transaction; @edit itself is not
 * changed. Returns the reverse edit. */
TopiaryEdit *
_topiary_edit_apply_steps (TopiaryEdit     *edit,
       TopiaryProject  *project,
       GError         **error)
{
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func ((GDestroyNotify) _topiary_edit_step_free);
  g_autoptr(TopiaryEdit) undo = _topiary_edit_new (edit->label);
  gboolean ok = TRUE;

  for (guint i = 0; i < edit->steps->len; i++)
    g_ptr_array_add (work, step_copy (g_ptr_array_index (edit->steps, i)));
  undo->article_id = edit->article_id;
  undo->group_id = edit->group_id;

  if (!topiary_project_begin (project, error))
    return NULL;
  for (guint i = 0; ok && i < work->len; i++)
    {
      Step *step = g_ptr_array_index (work, i);
      guint had = undo->remaps->len;
      Step *back = apply_step (project, step, undo->remaps, error);

      ok = back != NULL;
      if (!ok)
        break;
      g_ptr_array_insert (undo->steps, 0, back);
      /* What this step re-created under a new id, the later steps name
       * by that id. */
      for (guint r = had; r < undo->remaps->len; r++)
        {
          const Remap *remap = &g_array_index (undo->remaps, Remap, r);

          for (guint j = i + 1; j < work->len; j++)
            remap_step (g_ptr_array_index (work, j), remap);
          if (remap->is_group && undo->group_id == remap->from)
            undo->group_id = remap->to;
          if (!remap->is_group && undo->article_id == remap->from)
            undo->article_id = remap->to;
        }
      /* An added article is what the edit is about. */
      if (step->kind == STEP_ADD_ARTICLE && undo->article_id == 0)
        undo->article_id = back->id;
      if (step->kind == STEP_ADD_GROUP && undo->group_id == 0)
        undo->group_id = back->id;
    }
  if (ok)
    ok = topiary_project_commit (project, error);
  else
    topiary_project_rollback (project);
  if (!ok)
    return NULL;
  /* The forward edit's own ids, for the caller (an add sets the id on the
   * caller's article). */
  for (guint i = 0; i < work->len && i < edit->steps->len; i++)
    {
      Step *orig = g_ptr_array_index (edit->steps, i);
      Step *done = g_ptr_array_index (work, i);

      if (orig->kind == STEP_ADD_ARTICLE)
        {
          g_autoptr(TopiaryArticle) added = NULL;

          added = topiary_project_get_article (project, topiary_article_get_id (done->article), FALSE, NULL);
          if (added != NULL)
            {
              _topiary_article_set_id (orig->article, topiary_article_get_id (added));
              topiary_article_set_slug (orig->article, topiary_article_get_slug (added));
              topiary_article_set_position (orig->article, topiary_article_get_position (added));
            }
        }
    }
  return g_steal_pointer (&undo);
}

TopiaryEdit *
topiary_edit_apply (TopiaryEdit     *edit,
                    TopiaryProject  *project,
                    GError         **error)
{
  g_return_val_if_fail (edit != NULL, NULL);
  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _topiary_edit_apply_steps (edit, project, error);
}

