/* topiary-project-dismissals.c — link suggestions dismissed for good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <sqlite3.h>

#include "topiary-project.h"
#include "topiary-project-private.h"

char *
topiary_dismissal_key (const char *kind,
                       gint64      target_id)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return g_strdup_printf ("%s:%" PRId64, kind, target_id);
}

static gboolean
run (TopiaryProject  *self,
     const char      *sql,
     gint64           article_id,
     gint64           target_id,
     const char      *kind,
     GError         **error)
{
  sqlite3_stmt *stmt;

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  /* Nothing to announce: no list, tree or page shows a dismissal. */
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
topiary_project_dismiss_suggestion (TopiaryProject  *self,
                                    gint64           article_id,
                                    gint64           target_id,
                                    const char      *kind,
                                    GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  return run (self, "INSERT OR IGNORE INTO link_dismissal (article_id, target_id, kind, created) "
                    "VALUES (?, ?, ?, strftime('%s','now'))",
              article_id, target_id, kind, error);
}

gboolean
topiary_project_undismiss_suggestion (TopiaryProject  *self,
                                      gint64           article_id,
                                      gint64           target_id,
                                      const char      *kind,
                                      GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  return run (self, "DELETE FROM link_dismissal WHERE article_id = ? AND target_id = ? AND kind = ?",
              article_id, target_id, kind, error);
}

GHashTable *
topiary_project_list_dismissals (TopiaryProject  *self,
                                 gint64           article_id,
                                 GError         **error)
{
  g_autoptr(GHashTable) set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _topiary_project_get_statement (self, "SELECT target_id, kind FROM link_dismissal WHERE article_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, topiary_dismissal_key (_topiary_project_text_column (stmt, 1),
                                                  sqlite3_column_int64 (stmt, 0)));
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&set);
}
