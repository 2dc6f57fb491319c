/* topiary-project-notes.c — the map's notes in the project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "topiary-model-private.h"
#include "topiary-project.h"
#include "topiary-project-private.h"

/* ---- notes -------------------------------------------------------------- */

static gpointer
note_from_row (sqlite3_stmt *stmt)
{
  TopiaryNote *note = topiary_note_new (_topiary_project_text_column (stmt, 2),
                                        _topiary_project_text_column (stmt, 3),
                                        _topiary_project_text_column (stmt, 4));

  _topiary_note_set_id (note, sqlite3_column_int64 (stmt, 0));
  _topiary_note_set_position (note, sqlite3_column_int64 (stmt, 1));
  return note;
}

static gboolean
fill_notes (TopiaryProject  *self,
            GListStore      *store,
            GError         **error)
{
  return _topiary_project_fill_rows (self, store, "SELECT id, position, kind, title, body FROM note ORDER BY position, id",
                                     note_from_row, error);
}

GListModel *
topiary_project_list_notes (TopiaryProject  *self,
                            GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_NOTE, fill_notes, error);
}

static gboolean
validate_note (TopiaryNote  *note,
               GError      **error)
{
  return _topiary_project_check_length (topiary_note_get_title (note), LIMIT_TITLE, error) &&
         _topiary_project_check_body (topiary_note_get_body (note), error);
}

gboolean
topiary_project_add_note (TopiaryProject  *self,
                          TopiaryNote     *note,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _topiary_project_now ();

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), FALSE);

  if (!validate_note (note, error) || !_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO note (position, kind, title, body, created, updated) "
                                         "VALUES ((SELECT coalesce(max(position), 0) + 1 FROM note), ?, ?, ?, ?, ?) "
                                         "RETURNING id, position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_note_get_kind (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topiary_note_get_title (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_note_get_body (note), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _topiary_project_sqlite_error (self, rc, error);
    }
  _topiary_note_set_id (note, sqlite3_column_int64 (stmt, 0));
  _topiary_note_set_position (note, sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_update_note (TopiaryProject  *self,
                             TopiaryNote     *note,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), FALSE);

  if (!validate_note (note, error) || !_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "UPDATE note SET kind = ?, title = ?, body = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_note_get_kind (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topiary_note_get_title (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_note_get_body (note), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _topiary_project_now ());
  sqlite3_bind_int64 (stmt, 5, topiary_note_get_id (note));
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_delete_note (TopiaryProject  *self,
                             gint64           note_id,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "DELETE FROM note WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note_id);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_restore_note (TopiaryProject  *self,
                              TopiaryNote     *note,
                              GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _topiary_project_now ();
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), FALSE);
  g_return_val_if_fail (topiary_note_get_id (note) > 0, FALSE);

  if (!validate_note (note, error) || !_topiary_project_check_writable (self, error))
    return FALSE;
  BEGIN_OR_FAIL (self, error, FALSE);
  stmt = _topiary_project_get_statement (self, "UPDATE note SET position = position + 1 WHERE position >= ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, topiary_note_get_position (note));
      ok = _topiary_project_step_done (self, stmt, error);
    }
  if (ok)
    {
      stmt = _topiary_project_get_statement (self,
                                             "INSERT INTO note (id, position, kind, title, body, created, updated) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, topiary_note_get_id (note));
      sqlite3_bind_int64 (stmt, 2, MAX (1, topiary_note_get_position (note)));
      sqlite3_bind_text (stmt, 3, topiary_note_get_kind (note), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, topiary_note_get_title (note), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, topiary_note_get_body (note), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      sqlite3_bind_int64 (stmt, 7, now);
      ok = _topiary_project_step_done (self, stmt, error);
    }
  if (ok)
    _topiary_project_mark_changed (self, CHANGED_NOTES);
  return _topiary_project_finish (self, ok, error);
}

gboolean
topiary_project_move_note (TopiaryProject  *self,
                           gint64           note_id,
                           gint64           position,
                           GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok, found = FALSE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  BEGIN_OR_FAIL (self, error, FALSE);
  stmt = _topiary_project_get_statement (self, "SELECT id FROM note ORDER BY position, id", error);
  ok = stmt != NULL;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == note_id)
        found = TRUE;
      else
        g_array_append_val (ids, id);
    }
  if (ok)
    ok = _topiary_project_finish_rows (self, stmt, rc, error);
  if (ok && !found)
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("The note is gone already."));
      ok = FALSE;
    }
  if (ok)
    {
      /* 1 … n, the moved note where it was asked to be. */
      g_array_insert_val (ids, CLAMP (position, 1, (gint64) ids->len + 1) - 1, note_id);
      stmt = _topiary_project_get_statement (self, "UPDATE note SET position = ? WHERE id = ? AND position IS NOT ?", error);
      ok = stmt != NULL;
    }
  for (guint i = 0; ok && i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i + 1);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (stmt, 3, i + 1);
      ok = _topiary_project_step_done (self, stmt, error);
    }
  if (ok)
    _topiary_project_mark_changed (self, CHANGED_NOTES);
  return _topiary_project_finish (self, ok, error);
}

gboolean
topiary_project_has_note (TopiaryProject  *self,
                          const char      *kind,
                          const char      *title,
                          const char      *body,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_topiary_project_check_open (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "SELECT 1 FROM note WHERE kind = ? AND title = ? AND body = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind ? kind : "other", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title ? title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body ? body : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  if (found)
    rc = SQLITE_DONE;
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return FALSE;
  return found;
}

guint
topiary_project_count_notes (TopiaryProject  *self,
                             GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return _topiary_project_count (self, "SELECT count(*) FROM note", error);
}
