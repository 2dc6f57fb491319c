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

/* Runs @sql with its parameters, as many as it has, bound in turn to
 * @a, @b and @kind. */
static gboolean
execute (TopiaryProject  *self,
         const char      *sql,
         gint64           a,
         gint64           b,
         const char      *kind,
         GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, sql, error);
  int n;

  if (stmt == NULL)
    return FALSE;
  n = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  if (n >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (n >= 3)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  /* Nothing to announce: no list, tree or page shows a dismissal. */
  return _topiary_project_step_done (self, stmt, error);
}

/* A change the writer asked for: the project must take writes. */
static gboolean
run (TopiaryProject  *self,
     const char      *sql,
     gint64           article_id,
     gint64           target_id,
     const char      *kind,
     GError         **error)
{
  return _topiary_project_check_writable (self, error) &&
         execute (self, sql, article_id, target_id, kind, error);
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

gboolean
_topiary_project_keep_dismissals (TopiaryProject  *self,
                                  gint64           article_id,
                                  gint64           revision_id,
                                  GError         **error)
{
  return execute (self,
                  "INSERT INTO revision_dismissal (revision_id, article_id, target_id, kind, created) "
                  "SELECT ?2, article_id, target_id, kind, created FROM link_dismissal "
                  "WHERE article_id = ?1 OR target_id = ?1",
                  article_id, revision_id, NULL, error);
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
  if (!execute (self, "UPDATE revision_dismissal SET article_id = ?2 WHERE article_id = ?1",
                old_id, new_id, NULL, error) ||
      !execute (self, "UPDATE revision_dismissal SET target_id = ?2 WHERE target_id = ?1",
                old_id, new_id, NULL, error))
    return FALSE;
  /* One whose other article is still deleted (or gone for good) has
   * nothing to point at: dropped. */
  return execute (self,
                  "INSERT OR IGNORE INTO link_dismissal (article_id, target_id, kind, created) "
                  "SELECT article_id, target_id, kind, created FROM revision_dismissal "
                  "WHERE revision_id = ?1 "
                  "AND article_id IN (SELECT id FROM article) AND target_id IN (SELECT id FROM article)",
                  revision_id, 0, NULL, error) &&
         execute (self, "DELETE FROM revision_dismissal WHERE revision_id = ?1",
                  revision_id, 0, NULL, error);
}
