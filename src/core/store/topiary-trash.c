/* topiary-trash.c — deleted articles, restorable until the trash is emptied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-media.h"
#include "topiary-project-private.h"
#include "topiary-trash.h"

void
topiary_trash_item_free (TopiaryTrashItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->slug);
  g_free (item);
}

/* A deleted article is one whose id names no article; ids are not reused
 * (topiary_project_add_article()), so a restored article, whose snapshots
 * follow it to its new id, is never taken for a deleted one. */
#define TRASH_WHERE \
  "r.reason = 'delete' AND NOT EXISTS (SELECT 1 FROM article a WHERE a.id = r.article_id) " \
  "AND r.id = (SELECT max(id) FROM revision r2 WHERE r2.article_id = r.article_id AND r2.reason = 'delete')"

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? text : "";
}

GPtrArray *
topiary_project_list_trash (TopiaryProject  *self,
                            GError         **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  stmt = _topiary_project_statement (self,
                                     "SELECT r.id, r.article_id, r.created, r.title, r.slug, r.words "
                                     "FROM revision r WHERE " TRASH_WHERE
                                     " ORDER BY r.created DESC, r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_trash_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TopiaryTrashItem *item = g_new0 (TopiaryTrashItem, 1);

      item->revision_id = sqlite3_column_int64 (stmt, 0);
      item->article_id = sqlite3_column_int64 (stmt, 1);
      item->deleted = sqlite3_column_int64 (stmt, 2);
      item->title = g_strdup (column_text (stmt, 3));
      item->slug = g_strdup (column_text (stmt, 4));
      item->words = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (list, item);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
topiary_project_empty_trash (TopiaryProject  *self,
                             guint           *n_removed,
                             GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  if (!topiary_project_begin (self, error))
    return FALSE;

  items = topiary_project_list_trash (self, error);
  if (items == NULL)
    goto out;

  /* The files deleted articles held, through any of their snapshots. */
  stmt = _topiary_project_statement (self,
                                     "SELECT f.id FROM file f JOIN revision r ON r.id = f.revision_id "
                                     "WHERE f.article_id IS NULL "
                                     "AND NOT EXISTS (SELECT 1 FROM article a WHERE a.id = r.article_id)", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (files, id);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      _topiary_project_sqlite_error (self, rc, error);
      goto out;
    }
  for (guint i = 0; i < files->len; i++)
    if (!topiary_project_remove_file (self, g_array_index (files, gint64, i), error))
      goto out;

  stmt = _topiary_project_statement (self,
                                     "DELETE FROM revision WHERE article_id NOT IN (SELECT id FROM article)",
                                     error);
  if (stmt == NULL || !_topiary_project_step_done (self, stmt, error))
    goto out;
  ok = TRUE;

out:
  if (!_topiary_project_finish (self, ok, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = items->len;
  return TRUE;
}
