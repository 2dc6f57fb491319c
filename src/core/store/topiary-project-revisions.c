/* topiary-project-revisions.c — snapshots of articles (revisions), their
 * list, and restoring one, also of a deleted article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-media-private.h"
#include "topiary-project.h"
#include "topiary-project-private.h"

/* ---- revisions ---------------------------------------------------------- */

void
topiary_revision_info_free (TopiaryRevisionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->reason);
  g_free (info->title);
  g_free (info);
}

gboolean
_topiary_project_snapshot_where (TopiaryProject  *self,
                                 const char      *sql,
                                 gint64           id,
                                 const char      *reason,
                                 GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, _topiary_project_now ());
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
_topiary_project_snapshot_article (TopiaryProject  *self,
                                   gint64           article_id,
                                   const char      *reason,
                                   GError         **error)
{
  return _topiary_project_snapshot_where (self,
                                          "INSERT INTO revision (article_id, created, reason, title, slug, summary, body, words, kind, status, "
                                          "intent, priority, target_words, grp_id, parent_id, position, queries, language) "
                                          "SELECT id, ?2, ?3, title, slug, summary, coalesce ((SELECT text FROM body WHERE article_id = id), ''), "
                                          "words, kind, status, intent, priority, "
                                          "target_words, grp_id, parent_id, position, queries, language FROM article WHERE id = ?1",
                                          article_id, reason, error);
}

gint64
topiary_project_snapshot (TopiaryProject  *self,
                          gint64           article_id,
                          const char      *reason,
                          GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);

  if (!_topiary_project_check_writable (self, error))
    return 0;
  if (!_topiary_project_snapshot_article (self, article_id, reason ? reason : "manual", error))
    return 0;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no article %" PRId64 " in the project."), article_id);
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
topiary_project_list_revisions (TopiaryProject  *self,
                                gint64           article_id,
                                GError         **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_topiary_project_check_open (self, error))
    return NULL;
  stmt = _topiary_project_get_statement (self,
                                         "SELECT id, article_id, created, reason, title, words FROM revision "
                                         "WHERE article_id = ? ORDER BY created DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_revision_info_free);
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TopiaryRevisionInfo *info = g_new0 (TopiaryRevisionInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->article_id = sqlite3_column_int64 (stmt, 1);
      info->created = sqlite3_column_int64 (stmt, 2);
      info->reason = g_strdup (_topiary_project_text_column (stmt, 3));
      info->title = g_strdup (_topiary_project_text_column (stmt, 4));
      info->words = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (list, info);
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

char *
topiary_project_get_revision_body (TopiaryProject  *self,
                                   gint64           revision_id,
                                   GError         **error)
{
  GError *local_error = NULL;
  char *body;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  body = _topiary_project_select_text_by_id (self, "SELECT body FROM revision WHERE id = ?", revision_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (body == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no revision %" PRId64 "."), revision_id);
  return body;
}

gint64
topiary_project_restore_revision (TopiaryProject  *self,
                                  gint64           revision_id,
                                  GError         **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  sqlite3_stmt *stmt;
  gint64 article_id = 0;
  gboolean exists;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);

  BEGIN_OR_FAIL (self, error, 0);

  stmt = _topiary_project_get_statement (self,
                                         "SELECT r.article_id, r.title, r.slug, r.summary, r.body, r.kind, r.status, r.intent, "
                                         "r.priority, r.target_words, (SELECT id FROM grp WHERE id = r.grp_id), "
                                         "(SELECT id FROM article WHERE id = r.parent_id), r.position, r.queries, "
                                         "EXISTS (SELECT 1 FROM article WHERE id = r.article_id), r.language "
                                         "FROM revision r WHERE r.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no revision %" PRId64 "."), revision_id);
      goto out;
    }
  article_id = sqlite3_column_int64 (stmt, 0);
  exists = sqlite3_column_int (stmt, 14);
  if (exists)
    {
      sqlite3_reset (stmt);
      if (topiary_project_snapshot (self, article_id, "restore", error) == 0 ||
          !_topiary_project_fts_sync (self, article_id, FALSE, error))
        goto out;
      /* Title and body come back; the article keeps its place in the map. */
      stmt = _topiary_project_get_statement (self,
                                             "UPDATE article SET (title, summary, words, updated) = "
                                             "(SELECT title, summary, words, ?2 FROM revision WHERE id = ?1) "
                                             "WHERE id = (SELECT article_id FROM revision WHERE id = ?1)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, revision_id);
      sqlite3_bind_int64 (stmt, 2, _topiary_project_now ());
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
      stmt = _topiary_project_get_statement (self,
                                             "INSERT OR REPLACE INTO body (article_id, text) "
                                             "SELECT article_id, body FROM revision WHERE id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, revision_id);
      if (!_topiary_project_step_done (self, stmt, error) || !_topiary_project_fts_sync (self, article_id, TRUE, error))
        goto out;
    }
  else
    {
      TopiaryStatus status = TOPIARY_STATUS_PLANNED;
      TopiaryKind kind = TOPIARY_KIND_CLUSTER;
      g_auto(GStrv) qv = NULL;
      gint64 old_id = article_id;

      article = topiary_article_new ();
      topiary_article_set_title (article, _topiary_project_text_column (stmt, 1));
      topiary_article_set_slug (article, _topiary_project_text_column (stmt, 2));
      topiary_article_set_summary (article, _topiary_project_text_column (stmt, 3));
      topiary_article_set_body (article, _topiary_project_text_column (stmt, 4));
      topiary_kind_from_string (_topiary_project_text_column (stmt, 5), &kind);
      topiary_article_set_kind (article, kind);
      topiary_status_from_string (_topiary_project_text_column (stmt, 6), &status);
      topiary_article_set_status (article, status);
      topiary_article_set_intent (article, _topiary_project_text_column (stmt, 7));
      topiary_article_set_priority (article, sqlite3_column_int (stmt, 8));
      topiary_article_set_target_words (article, sqlite3_column_int (stmt, 9));
      topiary_article_set_group_id (article, sqlite3_column_int64 (stmt, 10));
      topiary_article_set_parent_id (article, sqlite3_column_int64 (stmt, 11));
      topiary_article_set_position (article, sqlite3_column_int64 (stmt, 12));
      qv = g_strsplit (_topiary_project_text_column (stmt, 13), "\n", -1);
      topiary_article_set_queries (article, (const char * const *)qv);
      topiary_article_set_language (article, _topiary_project_text_column (stmt, 15));
      sqlite3_reset (stmt);
      if (!topiary_project_add_article (self, article, error))
        goto out;
      article_id = topiary_article_get_id (article);
      /* Its files come back with it (before its revisions move on). */
      if (!_topiary_media_article_restored (self, revision_id, article_id, error))
        goto out;
      /* Older revisions follow the article to its new id. */
      stmt = _topiary_project_get_statement (self,
                                             "UPDATE revision SET article_id = ?1 WHERE article_id = "
                                             "(SELECT article_id FROM revision WHERE id = ?2)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, article_id);
      sqlite3_bind_int64 (stmt, 2, revision_id);
      if (!_topiary_project_step_done (self, stmt, error) ||
          !_topiary_project_restore_dismissals (self, revision_id, old_id, article_id, error))
        goto out;
    }
  ok = TRUE;
  _topiary_project_mark_changed (self, CHANGED_ARTICLES);

out:
  if (!_topiary_project_finish (self, ok, error))
    return 0;
  return article_id;
}
