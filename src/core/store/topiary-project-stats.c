/* topiary-project-stats.c — counts of the map's groups, articles, words
 * and statuses in one read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "topiary-project.h"
#include "topiary-project-private.h"

/* ---- statistics --------------------------------------------------------- */

gboolean
topiary_project_get_stats (TopiaryProject  *self,
                           TopiaryStats    *stats,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  if (!_topiary_project_check_open (self, error))
    return FALSE;

  stmt = _topiary_project_get_statement (self,
                                         "SELECT (SELECT count(*) FROM grp), (SELECT count(*) FROM note), "
                                         "(SELECT count(*) FROM article), "
                                         /* Ideas are the articles in no group (topiary-map.h). */
                                         "(SELECT count(*) FROM article WHERE kind = 'pillar' AND grp_id IN (SELECT id FROM grp)), "
                                         "(SELECT count(*) FROM article WHERE kind = 'cluster' AND grp_id IN (SELECT id FROM grp)), "
                                         "(SELECT count(*) FROM article WHERE grp_id IS NULL OR grp_id NOT IN (SELECT id FROM grp)), "
                                         "(SELECT coalesce(sum(words), 0) FROM article)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->groups = sqlite3_column_int (stmt, 0);
      stats->notes = sqlite3_column_int (stmt, 1);
      stats->articles = sqlite3_column_int (stmt, 2);
      stats->pillars = sqlite3_column_int (stmt, 3);
      stats->clusters = sqlite3_column_int (stmt, 4);
      stats->ideas = sqlite3_column_int (stmt, 5);
      stats->words = sqlite3_column_int64 (stmt, 6);
      rc = sqlite3_step (stmt);
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    goto fail;

  stmt = _topiary_project_get_statement (self, "SELECT status, count(*) FROM article GROUP BY status", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TopiaryStatus status;
      if (topiary_status_from_string (_topiary_project_text_column (stmt, 0), &status))
        stats->status[status] = sqlite3_column_int (stmt, 1);
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    goto fail;
  return TRUE;

fail:
  memset (stats, 0, sizeof *stats);
  return FALSE;
}
