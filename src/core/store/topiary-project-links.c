/* topiary-project-links.c — resolving a wiki-link target against the
 * project's articles, with an index kept while nothing changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-link.h"
#include "topiary-project.h"
#include "topiary-project-private.h"

/* The link index of the project as it is now; owned by the project. */
static const TopiaryLinkIndex *
get_link_index (TopiaryProject  *self,
                GError         **error)
{
  g_autoptr(TopiaryLinkIndex) index = NULL;
  sqlite3_stmt *stmt;
  gint64 data_version;
  int rc;

  stmt = _topiary_project_get_statement (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  if (self->links != NULL && self->links_generation == self->generation &&
      self->links_data_version == data_version)
    return self->links;

  stmt = _topiary_project_get_statement (self, "SELECT id, slug, title FROM article ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  index = topiary_link_index_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    topiary_link_index_add (index, sqlite3_column_int64 (stmt, 0),
                            _topiary_project_text_column (stmt, 1), _topiary_project_text_column (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  g_clear_pointer (&self->links, topiary_link_index_free);
  self->links = g_steal_pointer (&index);
  self->links_generation = self->generation;
  self->links_data_version = data_version;
  return self->links;
}

char *
topiary_project_resolve_link (TopiaryProject  *self,
                              const char      *target,
                              char           **heading,
                              GError         **error)
{
  const TopiaryLinkIndex *index;
  const char *slug = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (heading != NULL)
    *heading = NULL;
  if (self->db == NULL)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID, _("The project is closed."));
      return NULL;
    }
  index = get_link_index (self, error);
  if (index == NULL)
    return NULL;
  if (topiary_link_index_resolve (index, target, &slug, heading) == 0)
    return NULL;
  return g_strdup (slug);
}
