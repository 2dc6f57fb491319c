/* topiary-project-dismissals.c — link suggestions dismissed for good
 *
 * A dismissal names two articles; deleting either cascades it away. So
 * that Undo and the Deleted Articles bring it back, the delete keeps it
 * with the article's "delete" snapshot (table revision_dismissal), and the
 * restore puts back those whose other article exists then. Emptying the
 * Deleted Articles removes the snapshots and, by cascade, these rows.
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

/* Runs @sql with ?1 bound to @a and ?2, when it has one, to @b. */
static gboolean
run_ids (TopiaryProject  *self,
         const char      *sql,
         gint64           a,
         gint64           b,
         GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
_topiary_project_keep_dismissals (TopiaryProject  *self,
                                  gint64           article_id,
                                  gint64           revision_id,
                                  GError         **error)
{
  return run_ids (self,
                  "INSERT INTO revision_dismissal (revision_id, article_id, target_id, kind, created) "
                  "SELECT ?2, article_id, target_id, kind, created FROM link_dismissal "
                  "WHERE article_id = ?1 OR target_id = ?1",
                  article_id, revision_id, error);
}

gboolean
_topiary_project_restore_dismissals (TopiaryProject  *self,
                                     gint64           revision_id,
                                     gint64           old_id,
                                     gint64           new_id,
                                     GError         **error)
{
  /* Every snapshot's, so that an article deleted before this one and
   * restored after it finds this one under its new id. Ids are never
   * reused, so an old id names no other article. */
  if (!run_ids (self, "UPDATE revision_dismissal SET article_id = ?2 WHERE article_id = ?1",
                old_id, new_id, error) ||
      !run_ids (self, "UPDATE revision_dismissal SET target_id = ?2 WHERE target_id = ?1",
                old_id, new_id, error))
    return FALSE;
  /* One whose other article is still deleted (or gone for good) has
   * nothing to point at: dropped. */
  return run_ids (self,
                  "INSERT OR IGNORE INTO link_dismissal (article_id, target_id, kind, created) "
                  "SELECT article_id, target_id, kind, created FROM revision_dismissal "
                  "WHERE revision_id = ?1 "
                  "AND article_id IN (SELECT id FROM article) AND target_id IN (SELECT id FROM article)",
                  revision_id, 0, error) &&
         run_ids (self, "DELETE FROM revision_dismissal WHERE revision_id = ?1",
                  revision_id, 0, error);
}
