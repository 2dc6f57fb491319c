/* topiary-project-groups.c — slugs, and the groups of the map in the
 * project file: list, find, add, update, move, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-model-private.h"
#include "topiary-project.h"
#include "topiary-project-private.h"
#include "topiary-slug.h"

/* ---- slugs -------------------------------------------------------------- */

static gboolean
slug_taken (TopiaryProject *self,
            const char     *table_sql,
            const char     *slug,
            gint64          except_id)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, table_sql, NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

char *
_topiary_project_unique_slug (TopiaryProject *self,
                              const char     *table_sql,
                              const char     *base_text,
                              gint64          except_id)
{
  g_autofree char *base = topiary_slugify (base_text);
  char *candidate = g_strdup (base);

  for (guint i = 2; slug_taken (self, table_sql, candidate, except_id); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, i);
    }
  return candidate;
}

char *
topiary_project_make_slug (TopiaryProject *self,
                           const char     *title,
                           gint64          except_id)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  return _topiary_project_unique_slug (self, ARTICLE_SLUG_TAKEN, title ? title : "", except_id);
}

/* ---- groups ------------------------------------------------------------- */

static TopiaryGroup *
group_from_row (sqlite3_stmt *stmt)
{
  TopiaryGroup *group = topiary_group_new (_topiary_project_text_column (stmt, 2));

  _topiary_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  _topiary_group_set_position (group, sqlite3_column_int64 (stmt, 1));
  topiary_group_set_slug (group, _topiary_project_text_column (stmt, 3));
  topiary_group_set_description (group, _topiary_project_text_column (stmt, 4));
  return group;
}

static gboolean
fill_groups (TopiaryProject  *self,
             GListStore      *store,
             GError         **error)
{
  return _topiary_project_fill_rows (self, store, "SELECT id, position, title, slug, description FROM grp ORDER BY position, id",
                                     (RowFunc) group_from_row, error);
}

GListModel *
topiary_project_list_groups (TopiaryProject  *self,
                             GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_GROUP, fill_groups, error);
}

TopiaryGroup *
topiary_project_get_group (TopiaryProject  *self,
                           gint64           group_id,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  TopiaryGroup *group = NULL;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID, _("The project is closed."));
      return NULL;
    }
  stmt = _topiary_project_get_statement (self, "SELECT id, position, title, slug, description FROM grp WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      group = group_from_row (stmt);
      rc = SQLITE_DONE;
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    g_clear_object (&group);
  else if (group == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no group %" PRId64 " in the project."), group_id);
  return group;
}

TopiaryGroup *
topiary_project_find_group (TopiaryProject  *self,
                            const char      *title_or_slug,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  TopiaryGroup *group = NULL;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (title_or_slug == NULL || !_topiary_project_check_open (self, error))
    return NULL;
  stmt = _topiary_project_get_statement (self,
                                         "SELECT id, position, title, slug, description FROM grp "
                                         "WHERE title = ?1 COLLATE NOCASE OR slug = ?1 ORDER BY title = ?1 DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, title_or_slug, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      group = group_from_row (stmt);
      rc = SQLITE_DONE;
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    g_clear_object (&group);
  return group;
}

gboolean
_topiary_project_validate_title (const char  *title,
                                 gboolean     is_group,
                                 GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (title ? title : ""));

  if (*copy == '\0')
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           is_group ? _("A group needs a title.") : _("An article needs a title."));
      return FALSE;
    }
  if (!g_utf8_validate (title, -1, NULL))
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           is_group ? _("The title of a group is not valid UTF-8 text.")
                                    : _("The title of an article is not valid UTF-8 text."));
      return FALSE;
    }
  return _topiary_project_check_length (title, LIMIT_TITLE, error);
}

/* The group's own slug if it has one, else one made from its title. */
static char *
group_slug (TopiaryProject *self,
            TopiaryGroup   *group,
            gint64          except_id)
{
  const char *slug = topiary_group_get_slug (group);

  return _topiary_project_unique_slug (self, GROUP_SLUG_TAKEN, *slug ? slug : topiary_group_get_title (group), except_id);
}

gboolean
topiary_project_add_group (TopiaryProject  *self,
                           TopiaryGroup    *group,
                           GError         **error)
{
  g_autofree char *slug = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_GROUP (group), FALSE);

  if (!_topiary_project_validate_title (topiary_group_get_title (group), TRUE, error) ||
      !_topiary_project_check_length (topiary_group_get_description (group), LIMIT_TEXT, error) ||
      !_topiary_project_check_writable (self, error))
    return FALSE;

  slug = group_slug (self, group, 0);
  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO grp (position, title, slug, description) "
                                         "VALUES ((SELECT coalesce(max(position), 0) + 1 FROM grp), ?, ?, ?) "
                                         "RETURNING id, position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_group_get_title (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_group_get_description (group), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _topiary_project_sqlite_error (self, rc, error);
    }
  _topiary_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  _topiary_group_set_position (group, sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  topiary_group_set_slug (group, slug);
  _topiary_project_announce (self, CHANGED_GROUPS);
  return TRUE;
}

gboolean
topiary_project_update_group (TopiaryProject  *self,
                              TopiaryGroup    *group,
                              GError         **error)
{
  g_autofree char *slug = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_GROUP (group), FALSE);

  if (!_topiary_project_validate_title (topiary_group_get_title (group), TRUE, error) ||
      !_topiary_project_check_length (topiary_group_get_description (group), LIMIT_TEXT, error) ||
      !_topiary_project_check_writable (self, error))
    return FALSE;

  slug = group_slug (self, group, topiary_group_get_id (group));
  stmt = _topiary_project_get_statement (self, "UPDATE grp SET title = ?, slug = ?, description = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_group_get_title (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_group_get_description (group), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, topiary_group_get_id (group));
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no group %" PRId64 " in the project."), topiary_group_get_id (group));
      return FALSE;
    }
  topiary_group_set_slug (group, slug);
  _topiary_project_announce (self, CHANGED_GROUPS);
  return TRUE;
}

/* Moves a row of @table (grp or article) to @new_pos in a dense 1-based order. */
gboolean
_topiary_project_reposition (TopiaryProject  *self,
                             gboolean         is_group,
                             gint64           id,
                             gint64           new_pos,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 old_pos = -1, max_pos = 0;

  stmt = _topiary_project_get_statement (self, is_group
                                         ? "SELECT position, (SELECT max(position) FROM grp) FROM grp WHERE id = ?"
                                         : "SELECT position, (SELECT max(position) FROM article) FROM article WHERE id = ?",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_pos = sqlite3_column_int64 (stmt, 0);
      max_pos = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (old_pos < 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   is_group ? _("There is no group %" PRId64 " in the project.")
                            : _("There is no article %" PRId64 " in the project."), id);
      return FALSE;
    }
  new_pos = CLAMP (new_pos, 1, max_pos);
  if (new_pos == old_pos)
    return TRUE;

  stmt = _topiary_project_get_statement (self, is_group
                                         ? "UPDATE grp SET position = CASE WHEN id = ?1 THEN ?3 "
                                           "WHEN ?3 < ?2 THEN position + 1 ELSE position - 1 END "
                                           "WHERE position BETWEEN min(?2, ?3) AND max(?2, ?3)"
                                         : "UPDATE article SET position = CASE WHEN id = ?1 THEN ?3 "
                                           "WHEN ?3 < ?2 THEN position + 1 ELSE position - 1 END "
                                           "WHERE position BETWEEN min(?2, ?3) AND max(?2, ?3)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, old_pos);
  sqlite3_bind_int64 (stmt, 3, new_pos);
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
topiary_project_move_group (TopiaryProject  *self,
                            gint64           group_id,
                            gint64           new_position,
                            GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);
  _topiary_project_mark_changed (self, CHANGED_GROUPS);
  return _topiary_project_finish (self, _topiary_project_reposition (self, TRUE, group_id, new_position, error), error);
}

gboolean
topiary_project_delete_group (TopiaryProject  *self,
                              gint64           group_id,
                              GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);
  ok = _topiary_project_snapshot_where (self,
                                        "INSERT INTO revision (article_id, created, reason, title, slug, summary, body, words, kind, status, "
                                        "intent, priority, target_words, grp_id, parent_id, position, queries, language) "
                                        "SELECT id, ?2, ?3, title, slug, summary, coalesce ((SELECT text FROM body WHERE article_id = id), ''), "
                                        "words, kind, status, intent, priority, "
                                        "target_words, grp_id, parent_id, position, queries, language FROM article WHERE grp_id = ?1",
                                        group_id, "delete-group", error);
  if (ok)
    {
      gint64 old_pos = 0;
      stmt = _topiary_project_get_statement (self, "DELETE FROM grp WHERE id = ? RETURNING position", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, group_id);
          ok = sqlite3_step (stmt) == SQLITE_ROW;
          if (ok)
            old_pos = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (!ok)
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                         _("There is no group %" PRId64 " in the project."), group_id);
        }
      if (ok)
        {
          stmt = _topiary_project_get_statement (self, "UPDATE grp SET position = position - 1 WHERE position > ?", error);
          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (stmt, 1, old_pos);
              ok = _topiary_project_step_done (self, stmt, error);
            }
        }
    }
  _topiary_project_mark_changed (self, CHANGED_GROUPS | CHANGED_ARTICLES);
  return _topiary_project_finish (self, ok, error);
}
