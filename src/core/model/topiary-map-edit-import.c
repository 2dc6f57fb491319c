/* topiary-map-edit-import.c — importing into the open map, as one undoable edit
 *
 * The import itself is topiary_import_full()'s. What it created is found by
 * comparing the ids of articles, groups and notes before and after, in the
 * same transaction; the undo record deletes those and sets back the map's
 * fields (title, description …) the import filled in, and sets the articles
 * it overwrote (same slug) back to what they were, fields and text, as the
 * import kept them in its report. Before an article is
 * deleted its group and parent are cleared, so that the record's reverse
 * (the redo) restores it and then sets them back under the ids the
 * re-created groups and parents get.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-edit-private.h"
#include "topiary-map-edit-import.h"

/* The ids of the items of @list (NULL on failure), as a set. */
static GHashTable *
id_set (GListModel *list)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      gint64 id;

      if (TOPIARY_IS_ARTICLE (item))
        id = topiary_article_get_id (TOPIARY_ARTICLE (item));
      else if (TOPIARY_IS_GROUP (item))
        id = topiary_group_get_id (TOPIARY_GROUP (item));
      else
        id = topiary_note_get_id (TOPIARY_NOTE (item));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  return ids;
}

/* The map's fields an import may set (topiary_project_get_map_field()). */
static const char * const map_fields[] = {
  "title", "subject", "description", "audience", "goal", "language", "base_url", "allow_html",
};

typedef struct {
  char       *fields[G_N_ELEMENTS (map_fields)];
  GListModel *articles;
  GListModel *groups;
  GListModel *notes;
} Contents;

static void
contents_clear (Contents *contents)
{
  for (guint i = 0; i < G_N_ELEMENTS (map_fields); i++)
    g_clear_pointer (&contents->fields[i], g_free);
  g_clear_object (&contents->articles);
  g_clear_object (&contents->groups);
  g_clear_object (&contents->notes);
}

static gboolean
contents_read (TopiaryProject  *project,
               Contents        *contents,
               GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (map_fields); i++)
    contents->fields[i] = topiary_project_get_map_field (project, map_fields[i]);
  contents->articles = topiary_project_list_articles (project, error);
  if (contents->articles == NULL)
    return FALSE;
  contents->groups = topiary_project_list_groups (project, error);
  if (contents->groups == NULL)
    return FALSE;
  contents->notes = topiary_project_list_notes (project, error);
  return contents->notes != NULL;
}

/* The undo record: the steps that delete what is in @after and not in
 * @before. Groups and notes are deleted last first, so that the redo
 * re-creates them in their order (and, as the ids freed are reused, under
 * the ids they had, which keeps the ids the redo follows from colliding).
 * The articles in @replaced (as they were before the import overwrote
 * them) are set back to that. */
static TopiaryEdit *
undo_edit (Contents  *before,
           Contents  *after,
           GPtrArray *replaced)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) old_articles = id_set (before->articles);
  g_autoptr(GHashTable) old_groups = id_set (before->groups);
  g_autoptr(GHashTable) old_notes = id_set (before->notes);
  g_autoptr(GPtrArray) deletes = g_ptr_array_new ();
  TopiaryEdit *edit = _topiary_edit_new (_("Import"));

  for (guint i = 0; i < G_N_ELEMENTS (map_fields); i++)
    if (g_strcmp0 (before->fields[i], after->fields[i]) != 0)
      {
        Step *step = _topiary_edit_step_new (STEP_MAP_FIELD, 0);

        step->slug = g_strdup (map_fields[i]);
        step->text = g_strdup (before->fields[i]);
        g_ptr_array_add (edit->steps, step);
      }

  /* Articles the import overwrote get their old fields and text back
   * before anything is deleted, so that the redo, in reverse, writes the
   * imported ones only once the articles they name are back. The first
   * state kept is the one from before the import. */
  for (guint i = 0; replaced != NULL && i < replaced->len; i++)
    {
      TopiaryArticle *article = g_ptr_array_index (replaced, i);
      gint64 id = topiary_article_get_id (article);
      Step *step;

      if (!g_hash_table_contains (old_articles, &id) || g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      step = _topiary_edit_step_new (STEP_REPLACE_ARTICLE, id);
      step->article = topiary_article_copy (article);
      g_ptr_array_add (edit->steps, step);
    }

  for (guint i = 0; i < g_list_model_get_n_items (after->articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (after->articles, i);
      gint64 id = topiary_article_get_id (article);
      Step *step;

      if (g_hash_table_contains (old_articles, &id))
        continue;
      /* Cleared first, put back by the redo under the ids it re-creates. */
      step = _topiary_edit_step_new (STEP_ARTICLE, id);
      step->fields = FIELD_GROUP | FIELD_PARENT;
      g_ptr_array_add (edit->steps, step);
      g_ptr_array_add (deletes, _topiary_edit_step_new (STEP_DELETE_ARTICLE, id));
    }
  g_ptr_array_extend_and_steal (edit->steps, g_steal_pointer (&deletes));

  for (guint i = g_list_model_get_n_items (after->groups); i-- > 0;)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (after->groups, i);
      gint64 id = topiary_group_get_id (group);

      if (!g_hash_table_contains (old_groups, &id))
        g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_GROUP, id));
    }
  for (guint i = g_list_model_get_n_items (after->notes); i-- > 0;)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (after->notes, i);
      gint64 id = topiary_note_get_id (note);

      if (!g_hash_table_contains (old_notes, &id))
        g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_NOTE, id));
    }
  return edit;
}

TopiaryEdit *
topiary_map_edit_import (TopiaryProject             *project,
                         const char                 *source,
                         TopiaryImportFormat         format,
                         const TopiaryImportOptions *options,
                         TopiaryImportReport        *report,
                         GError                    **error)
{
  g_autoptr(TopiaryImportReport) own_report = NULL;
  Contents before = { 0 }, after = { 0 };
  TopiaryEdit *edit = NULL;
  GPtrArray *kept;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (report == NULL)
    report = own_report = topiary_import_report_new ();
  if (!topiary_project_begin (project, error))
    return NULL;
  /* What the import overwrites, for the undo to put back. */
  kept = report->replaced;
  report->replaced = g_ptr_array_new_with_free_func (g_object_unref);
  if (contents_read (project, &before, error) &&
      topiary_import_full (project, source, format, options, report, NULL, NULL, error) &&
      contents_read (project, &after, error))
    edit = undo_edit (&before, &after, report->replaced);
  /* A caller that asked for them gets them too. */
  if (kept != NULL)
    g_ptr_array_extend_and_steal (kept, g_steal_pointer (&report->replaced));
  g_clear_pointer (&report->replaced, g_ptr_array_unref);
  report->replaced = kept;
  if (edit != NULL && !topiary_project_commit (project, error))
    g_clear_pointer (&edit, topiary_edit_unref);
  else if (edit == NULL)
    topiary_project_rollback (project);
  contents_clear (&before);
  contents_clear (&after);
  return edit;
}
