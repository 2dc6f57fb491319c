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

void
topiary_project_get_stats (TopiaryProject *self,
                           TopiaryStats   *stats)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (TOPIARY_IS_PROJECT (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  if (self->db == NULL)
    return;

  stmt = _topiary_project_get_statement (self,
                                         "SELECT (SELECT count(*) FROM grp), (SELECT count(*) FROM note), "
                                         "(SELECT count(*) FROM article), "
                                         "(SELECT count(*) FROM article WHERE kind = 'pillar' AND status != 'idea'), "
                                         "(SELECT count(*) FROM article WHERE kind = 'cluster' AND status != 'idea'), "
                                         "(SELECT count(*) FROM article WHERE status = 'idea'), "
                                         "(SELECT coalesce(sum(words), 0) FROM article)", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      stats->groups = sqlite3_column_int (stmt, 0);
      stats->notes = sqlite3_column_int (stmt, 1);
      stats->articles = sqlite3_column_int (stmt, 2);
      stats->pillars = sqlite3_column_int (stmt, 3);
      stats->clusters = sqlite3_column_int (stmt, 4);
      stats->ideas = sqlite3_column_int (stmt, 5);
      stats->words = sqlite3_column_int64 (stmt, 6);
    }
  if (stmt)
    sqlite3_reset (stmt);

  stmt = _topiary_project_get_statement (self, "SELECT status, count(*) FROM article GROUP BY status", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TopiaryStatus status;
      if (topiary_status_from_string (_topiary_project_text_column (stmt, 0), &status))
        stats->status[status] = sqlite3_column_int (stmt, 1);
    }
  if (stmt)
    sqlite3_reset (stmt);
}
