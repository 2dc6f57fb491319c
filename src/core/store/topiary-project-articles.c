/* topiary-project-articles.c — the articles in the project file: list,
 * count, get, add, update, save a body, move, delete, and their full-text
 * index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-limits.h"
#include "topiary-markdown.h"
#include "topiary-media-private.h"
#include "topiary-model-private.h"
#include "topiary-project.h"
#include "topiary-project-private.h"
#include "topiary-utf8.h"

#define ARTICLE_COLUMNS \
  "id, grp_id, parent_id, kind, position, title, slug, summary, intent, priority, " \
  "status, target_words, words, created, updated, published, language"

/* ---- articles ----------------------------------------------------------- */

static gboolean
load_queries (TopiaryProject  *self,
              TopiaryArticle  *article,
              GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self,
                                                       "SELECT text, is_primary FROM query WHERE article_id = ? ORDER BY position",
                                                       error);
  int primary = -1;
  int i = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  topiary_article_set_queries (article, NULL);
  sqlite3_bind_int64 (stmt, 1, topiary_article_get_id (article));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      topiary_article_add_query (article, _topiary_project_text_column (stmt, 0));
      if (sqlite3_column_int (stmt, 1) && primary < 0)
        primary = i;
      i++;
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return FALSE;
  if (primary >= 0 && primary < (int)topiary_article_get_n_queries (article))
    topiary_article_set_primary_query (article, primary);
  return TRUE;
}

static TopiaryArticle *
article_from_row (sqlite3_stmt *stmt)
{
  TopiaryArticle *article = topiary_article_new ();
  TopiaryStatus status = TOPIARY_STATUS_PLANNED;
  TopiaryKind kind = TOPIARY_KIND_CLUSTER;

  _topiary_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  topiary_article_set_group_id (article, sqlite3_column_int64 (stmt, 1));
  topiary_article_set_parent_id (article, sqlite3_column_int64 (stmt, 2));
  topiary_kind_from_string (_topiary_project_text_column (stmt, 3), &kind);
  topiary_article_set_kind (article, kind);
  topiary_article_set_position (article, sqlite3_column_int64 (stmt, 4));
  topiary_article_set_title (article, _topiary_project_text_column (stmt, 5));
  topiary_article_set_slug (article, _topiary_project_text_column (stmt, 6));
  topiary_article_set_summary (article, _topiary_project_text_column (stmt, 7));
  topiary_article_set_intent (article, _topiary_project_text_column (stmt, 8));
  topiary_article_set_priority (article, sqlite3_column_int (stmt, 9));
  topiary_status_from_string (_topiary_project_text_column (stmt, 10), &status);
  topiary_article_set_status (article, status);
  topiary_article_set_target_words (article, sqlite3_column_int (stmt, 11));
  topiary_article_set_word_count (article, sqlite3_column_int (stmt, 12));
  _topiary_article_set_times (article, sqlite3_column_int64 (stmt, 13), sqlite3_column_int64 (stmt, 14));
  topiary_article_set_published (article, sqlite3_column_int64 (stmt, 15));
  topiary_article_set_language (article, _topiary_project_text_column (stmt, 16));
  return article;
}

static gboolean
fill_articles (TopiaryProject  *self,
               GListStore      *store,
               GError         **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autofree gint64 *ids = NULL;
  sqlite3_stmt *stmt;
  guint n;
  int rc;

  if (!_topiary_project_fill_rows (self, store, "SELECT " ARTICLE_COLUMNS " FROM article ORDER BY position, id",
                                   (RowFunc) article_from_row, error))
    return FALSE;

  /* Queries in one pass rather than one query per article. */
  stmt = _topiary_project_get_statement (self, "SELECT article_id, text, is_primary FROM query ORDER BY article_id, position", error);
  if (stmt == NULL)
    return FALSE;
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  ids = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TopiaryArticle *article = g_list_model_get_item (G_LIST_MODEL (store), i);
      ids[i] = topiary_article_get_id (article);
      g_hash_table_insert (index, &ids[i], article);
      g_object_unref (article);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TopiaryArticle *article = g_hash_table_lookup (index, &id);

      if (article == NULL)
        continue;
      topiary_article_add_query (article, _topiary_project_text_column (stmt, 1));
      if (sqlite3_column_int (stmt, 2))
        topiary_article_set_primary_query (article, topiary_article_get_n_queries (article) - 1);
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return FALSE;
  return TRUE;
}

GListModel *
topiary_project_list_articles (TopiaryProject  *self,
                               GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_ARTICLE, fill_articles, error);
}

guint
topiary_project_count_articles (TopiaryProject  *self,
                                GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return _topiary_project_count (self, "SELECT count(*) FROM article", error);
}

/* The article @sql selects by @id or @slug: NULL when there is none, and
 * NULL with @error set when it could not be read. */
static TopiaryArticle *
get_article_where (TopiaryProject  *self,
                   const char      *sql_by_id,
                   const char      *sql_by_id_body,
                   gint64           id,
                   const char      *slug,
                   gboolean         with_body,
                   GError         **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!_topiary_project_check_open (self, error))
    return NULL;
  stmt = _topiary_project_get_statement (self, with_body ? sql_by_id_body : sql_by_id, error);
  if (stmt == NULL)
    return NULL;
  if (slug != NULL)
    sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      article = article_from_row (stmt);
      if (with_body)
        topiary_article_set_body (article, _topiary_project_text_column (stmt, 17));
      rc = SQLITE_DONE;
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return NULL;
  if (article != NULL && !load_queries (self, article, error))
    return NULL;
  return g_steal_pointer (&article);
}

TopiaryArticle *
topiary_project_get_article (TopiaryProject  *self,
                             gint64           article_id,
                             gboolean         with_body,
                             GError         **error)
{
  GError *local_error = NULL;
  TopiaryArticle *article;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  article = get_article_where (self,
                               "SELECT " ARTICLE_COLUMNS " FROM article WHERE id = ?",
                               "SELECT " ARTICLE_COLUMNS ", (SELECT text FROM body WHERE article_id = id) FROM article WHERE id = ?",
                               article_id, NULL, with_body, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (article == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no article %" PRId64 " in the project."), article_id);
  return article;
}

char *
topiary_project_get_body (TopiaryProject  *self,
                          gint64           article_id,
                          GError         **error)
{
  GError *local_error = NULL;
  char *body;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  body = _topiary_project_select_text_by_id (self, "SELECT (SELECT text FROM body WHERE article_id = id) FROM article WHERE id = ?",
                                             article_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (body == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no article %" PRId64 " in the project."), article_id);
  return body;
}

TopiaryArticle *
topiary_project_get_article_by_slug (TopiaryProject  *self,
                                     const char      *slug,
                                     gboolean         with_body,
                                     GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_article_where (self,
                            "SELECT " ARTICLE_COLUMNS " FROM article WHERE slug = ?",
                            "SELECT " ARTICLE_COLUMNS ", (SELECT text FROM body WHERE article_id = id) FROM article WHERE slug = ?",
                            0, slug, with_body, error);
}

static char *
join_queries (TopiaryArticle *article)
{
  return g_strjoinv ("\n", (char **)topiary_article_get_queries (article));
}

static gboolean
save_queries (TopiaryProject  *self,
              TopiaryArticle  *article,
              GError         **error)
{
  const char * const *queries = topiary_article_get_queries (article);
  int primary = topiary_article_get_primary_query (article);
  sqlite3_stmt *stmt;

  stmt = _topiary_project_get_statement (self, "DELETE FROM query WHERE article_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, topiary_article_get_id (article));
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;

  for (int i = 0; queries[i] != NULL; i++)
    {
      stmt = _topiary_project_get_statement (self, "INSERT INTO query (article_id, position, text, is_primary) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, topiary_article_get_id (article));
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, queries[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, i == primary);
      if (!_topiary_project_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_article (TopiaryProject  *self,
                  TopiaryArticle  *article,
                  GError         **error)
{
  gint64 group_id = topiary_article_get_group_id (article);
  gint64 parent_id = topiary_article_get_parent_id (article);
  sqlite3_stmt *stmt;

  const char * const *queries = topiary_article_get_queries (article);

  if (!_topiary_project_validate_title (topiary_article_get_title (article), FALSE, error) ||
      !_topiary_project_check_length (topiary_article_get_summary (article), LIMIT_TEXT, error) ||
      !_topiary_project_check_body (topiary_article_get_body (article), error))
    return FALSE;
  if (g_strv_length ((char **) queries) > TOPIARY_QUERIES_MAX)
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("An article can have at most 1,000 target queries."));
      return FALSE;
    }
  for (guint i = 0; queries[i] != NULL; i++)
    if (!_topiary_project_check_length (queries[i], LIMIT_QUERY, error))
      return FALSE;
  if (parent_id != 0 && parent_id == topiary_article_get_id (article))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("An article cannot be its own pillar."));
      return FALSE;
    }
  if (group_id != 0)
    {
      gboolean found;
      stmt = _topiary_project_get_statement (self, "SELECT 1 FROM grp WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_id);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!found)
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                       _("There is no group %" PRId64 " in the project."), group_id);
          return FALSE;
        }
    }
  if (parent_id != 0)
    {
      gboolean found;
      stmt = _topiary_project_get_statement (self, "SELECT 1 FROM article WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, parent_id);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!found)
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                       _("There is no article %" PRId64 " in the project."), parent_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Keeps the external-content FTS index in step with article rows: call with
 * @add FALSE before a row's text changes or goes, and TRUE after. The values
 * are read first and inserted with VALUES: an INSERT … SELECT would open a
 * statement savepoint, and FTS5 flushes its buffer at every savepoint. */
gboolean
_topiary_project_fts_sync (TopiaryProject  *self,
                           gint64           id,
                           gboolean         add,
                           GError         **error)
{
  sqlite3_stmt *row;
  sqlite3_stmt *stmt;
  gboolean ok;

  row = _topiary_project_get_statement (self, "SELECT title, summary, body, queries FROM article_text WHERE id = ?", error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, id);
  if (sqlite3_step (row) != SQLITE_ROW)
    {
      sqlite3_reset (row);
      return TRUE;
    }

  stmt = _topiary_project_get_statement (self, add
                                         ? "INSERT INTO article_fts (rowid, title, summary, body, queries) VALUES (?, ?, ?, ?, ?)"
                                         : "INSERT INTO article_fts (article_fts, rowid, title, summary, body, queries) "
                                           "VALUES ('delete', ?, ?, ?, ?, ?)",
                                         error);
  if (stmt == NULL)
    {
      sqlite3_reset (row);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  for (int i = 0; i < 4; i++)
    sqlite3_bind_value (stmt, i + 2, sqlite3_column_value (row, i));
  ok = _topiary_project_step_done (self, stmt, error);
  sqlite3_clear_bindings (stmt);

  if (ok)
    {
      stmt = _topiary_project_get_statement (self, add
                                             ? "INSERT INTO article_meta_fts (rowid, title, summary, queries) VALUES (?, ?, ?, ?)"
                                             : "INSERT INTO article_meta_fts (article_meta_fts, rowid, title, summary, queries) "
                                               "VALUES ('delete', ?, ?, ?, ?)",
                                             error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_value (stmt, 2, sqlite3_column_value (row, 0));
          sqlite3_bind_value (stmt, 3, sqlite3_column_value (row, 1));
          sqlite3_bind_value (stmt, 4, sqlite3_column_value (row, 3));
          ok = _topiary_project_step_done (self, stmt, error);
          sqlite3_clear_bindings (stmt);
        }
    }
  sqlite3_reset (row);
  return ok;
}

static gboolean
shift_positions (TopiaryProject  *self,
                 gint64           from,
                 int              delta,
                 GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, "UPDATE article SET position = position + ?2 WHERE position >= ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, delta);
  return _topiary_project_step_done (self, stmt, error);
}

static gint64
max_position (TopiaryProject *self)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, "SELECT coalesce(max(position), 0) FROM article", NULL);
  gint64 max = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    max = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return max;
}

static void
bind_nullable_id (sqlite3_stmt *stmt,
                  int           col,
                  gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_int64 (stmt, col, id);
}

gboolean
topiary_project_add_article (TopiaryProject  *self,
                             TopiaryArticle  *article,
                             GError         **error)
{
  g_autofree char *slug = NULL;
  g_autofree char *queries = NULL;
  const char *body;
  sqlite3_stmt *stmt;
  gint64 position, max;
  gint64 now = _topiary_project_now ();
  gboolean ok = FALSE;
  guint words;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (article), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);

  if (!validate_article (self, article, error))
    goto out;

  slug = _topiary_project_unique_slug (self, ARTICLE_SLUG_TAKEN,
                                       *topiary_article_get_slug (article) ? topiary_article_get_slug (article)
                                                                           : topiary_article_get_title (article), 0);
  max = max_position (self);
  position = topiary_article_get_position (article);
  if (position <= 0 || position > max)
    position = max + 1;
  else if (!shift_positions (self, position, 1, error))
    goto out;

  body = topiary_article_get_body (article);
  if (body == NULL)
    body = "";
  words = topiary_markdown_word_count (body);
  queries = join_queries (article);

  /* A new id is above every id a deleted article had: its snapshots
   * (the trash, and what an undo restores) must not pass for this one's. */
  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO article (id, grp_id, parent_id, kind, position, title, slug, summary, intent, "
                                         "priority, status, target_words, words, queries, created, updated, published, language) "
                                         "VALUES (max (coalesce ((SELECT max(id) FROM article), 0), "
                                         "coalesce ((SELECT max(article_id) FROM revision), 0)) + 1, "
                                         "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         error);
  if (stmt == NULL)
    goto out;
  bind_nullable_id (stmt, 1, topiary_article_get_group_id (article));
  bind_nullable_id (stmt, 2, topiary_article_get_parent_id (article));
  sqlite3_bind_text (stmt, 3, topiary_kind_to_string (topiary_article_get_kind (article)), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, position);
  sqlite3_bind_text (stmt, 5, topiary_article_get_title (article), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, topiary_article_get_summary (article), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, topiary_article_get_intent (article), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, topiary_article_get_priority (article));
  sqlite3_bind_text (stmt, 10, topiary_status_to_string (topiary_article_get_status (article)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, topiary_article_get_target_words (article));
  sqlite3_bind_int (stmt, 12, words);
  sqlite3_bind_text (stmt, 13, queries, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, topiary_article_get_created (article) ? topiary_article_get_created (article) : now);
  sqlite3_bind_int64 (stmt, 15, topiary_article_get_updated (article) ? topiary_article_get_updated (article) : now);
  sqlite3_bind_int64 (stmt, 16, topiary_article_get_published (article));
  sqlite3_bind_text (stmt, 17, topiary_article_get_language (article), -1, SQLITE_STATIC);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;

  _topiary_article_set_id (article, sqlite3_last_insert_rowid (self->db));
  stmt = _topiary_project_get_statement (self, "INSERT INTO body (article_id, text) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, topiary_article_get_id (article));
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  if (!_topiary_project_fts_sync (self, topiary_article_get_id (article), TRUE, error))
    goto out;
  topiary_article_set_slug (article, slug);
  topiary_article_set_position (article, position);
  topiary_article_set_word_count (article, words);
  if (topiary_article_get_created (article) == 0)
    _topiary_article_set_times (article, now, now);

  ok = save_queries (self, article, error);
  {
    /* Appended to the writing order: the link index takes it as its last
     * article instead of being rebuilt (an import adds one at a time and
     * may resolve a link between two). */
    gboolean links_current = self->links != NULL && self->links_generation == self->generation;

    _topiary_project_mark_changed (self, CHANGED_ARTICLES);
    if (ok && links_current && position == max + 1)
      {
        topiary_link_index_add (self->links, topiary_article_get_id (article), slug,
                                topiary_article_get_title (article));
        self->links_generation = self->generation;
      }
  }

out:
  return _topiary_project_finish (self, ok, error);
}

/* Stores @body and its word count; the caller brackets it with
 * _topiary_project_fts_sync(). */
static gboolean
write_body (TopiaryProject  *self,
            gint64           article_id,
            const char      *body,
            guint           *words,
            GError         **error)
{
  sqlite3_stmt *stmt;

  *words = topiary_markdown_word_count (body);
  stmt = _topiary_project_get_statement (self, "INSERT OR REPLACE INTO body (article_id, text) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "UPDATE article SET words = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, *words);
  sqlite3_bind_int64 (stmt, 2, _topiary_project_now ());
  sqlite3_bind_int64 (stmt, 3, article_id);
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
topiary_project_update_article (TopiaryProject  *self,
                                TopiaryArticle  *article,
                                GError         **error)
{
  g_autofree char *slug = NULL;
  g_autofree char *queries = NULL;
  const char *body;
  sqlite3_stmt *stmt;
  gint64 id, now = _topiary_project_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (article), FALSE);

  id = topiary_article_get_id (article);
  body = topiary_article_get_body (article);
  if (body != NULL && !topiary_utf8_validate (body, strlen (body), NULL))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The text is not valid UTF-8 and was not saved."));
      return FALSE;
    }
  BEGIN_OR_FAIL (self, error, FALSE);

  if (!validate_article (self, article, error))
    goto out;

  slug = _topiary_project_unique_slug (self, ARTICLE_SLUG_TAKEN,
                                       *topiary_article_get_slug (article) ? topiary_article_get_slug (article)
                                                                           : topiary_article_get_title (article), id);
  queries = join_queries (article);
  if (topiary_article_get_status (article) == TOPIARY_STATUS_PUBLISHED &&
      topiary_article_get_published (article) == 0)
    topiary_article_set_published (article, now);

  if (!_topiary_project_fts_sync (self, id, FALSE, error))
    goto out;
  stmt = _topiary_project_get_statement (self,
                                         "UPDATE article SET grp_id = ?, parent_id = ?, kind = ?, title = ?, slug = ?, summary = ?, "
                                         "intent = ?, priority = ?, status = ?, target_words = ?, queries = ?, updated = ?, "
                                         "published = ?, language = ? WHERE id = ?",
                                         error);
  if (stmt == NULL)
    goto out;
  bind_nullable_id (stmt, 1, topiary_article_get_group_id (article));
  bind_nullable_id (stmt, 2, topiary_article_get_parent_id (article));
  sqlite3_bind_text (stmt, 3, topiary_kind_to_string (topiary_article_get_kind (article)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, topiary_article_get_title (article), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, topiary_article_get_summary (article), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, topiary_article_get_intent (article), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, topiary_article_get_priority (article));
  sqlite3_bind_text (stmt, 9, topiary_status_to_string (topiary_article_get_status (article)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, topiary_article_get_target_words (article));
  sqlite3_bind_text (stmt, 11, queries, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, topiary_article_get_published (article));
  sqlite3_bind_text (stmt, 14, topiary_article_get_language (article), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 15, id);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no article %" PRId64 " in the project."), id);
      goto out;
    }
  /* The body goes in under the same index update as the other fields. */
  if (body != NULL)
    {
      guint words;

      if (!write_body (self, id, body, &words, error))
        goto out;
      topiary_article_set_word_count (article, words);
    }
  if (!_topiary_project_fts_sync (self, id, TRUE, error))
    goto out;
  topiary_article_set_slug (article, slug);

  if (topiary_article_get_position (article) > 0 &&
      !_topiary_project_reposition (self, FALSE, id, topiary_article_get_position (article), error))
    goto out;

  ok = save_queries (self, article, error);
  _topiary_project_mark_changed (self, CHANGED_ARTICLES);

out:
  return _topiary_project_finish (self, ok, error);
}

/* The body of the article as stored, or NULL (and @error) when there is
 * no such article. */
static char *
stored_body (TopiaryProject  *self,
             gint64           article_id,
             GError         **error)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, "SELECT coalesce ((SELECT text FROM body WHERE article_id = id), '') FROM article WHERE id = ?", error);
  char *text;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no article %" PRId64 " in the project."), article_id);
      return NULL;
    }
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

gboolean
topiary_project_save_body (TopiaryProject  *self,
                           gint64           article_id,
                           const char      *body,
                           GError         **error)
{
  return topiary_project_save_body_over (self, article_id, NULL, body, NULL, error);
}

gboolean
topiary_project_save_body_over (TopiaryProject  *self,
                                gint64           article_id,
                                const char      *base,
                                const char      *body,
                                gboolean        *conflict,
                                GError         **error)
{
  g_autofree char *stored = NULL;
  gboolean ok = FALSE;
  guint words;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (conflict != NULL)
    *conflict = FALSE;
  if (!_topiary_project_check_writable (self, error) || !_topiary_project_check_body (body, error))
    return FALSE;
  if (!topiary_utf8_validate (body, strlen (body), NULL))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The text is not valid UTF-8 and was not saved."));
      return FALSE;
    }

  /* Read and written in one transaction, so no other writer can slip in
   * between the comparison and the write. */
  BEGIN_OR_FAIL (self, error, FALSE);
  stored = stored_body (self, article_id, error);
  if (stored == NULL)
    goto out;
  /* Autosave calls this often; an unchanged body writes nothing. */
  if (g_str_equal (stored, body))
    {
      ok = TRUE;
      goto out;
    }
  /* Changed elsewhere since this writer read it (another window or
   * process, an import): that text is kept as a revision, never lost. */
  if (base != NULL && !g_str_equal (stored, base))
    {
      if (!_topiary_project_snapshot_article (self, article_id, "conflict", error))
        goto out;
      if (conflict != NULL)
        *conflict = TRUE;
    }
  if (!_topiary_project_fts_sync (self, article_id, FALSE, error))
    goto out;
  if (!write_body (self, article_id, body, &words, error) || !_topiary_project_fts_sync (self, article_id, TRUE, error))
    goto out;
  ok = TRUE;
  /* A body names no article: the link index stays (no mark_changed). */
  self->pending |= CHANGED_ARTICLES;

out:
  return _topiary_project_finish (self, ok, error);
}

gboolean
topiary_project_move_article (TopiaryProject  *self,
                              gint64           article_id,
                              gint64           position,
                              gint64           group_id,
                              gint64           parent_id,
                              GError         **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);

  article = topiary_project_get_article (self, article_id, FALSE, error);
  if (article == NULL)
    goto out;
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  if (!validate_article (self, article, error))
    goto out;
  /* A pillar moved under another pillar becomes one of its clusters. */
  stmt = _topiary_project_get_statement (self,
                                         "UPDATE article SET grp_id = ?, parent_id = ?, "
                                         "kind = CASE WHEN ?2 IS NOT NULL THEN 'cluster' ELSE kind END, "
                                         "status = CASE WHEN status = 'idea' AND ?1 IS NOT NULL THEN 'planned' ELSE status END, "
                                         "updated = ? WHERE id = ?",
                                         error);
  if (stmt == NULL)
    goto out;
  bind_nullable_id (stmt, 1, group_id);
  bind_nullable_id (stmt, 2, parent_id);
  sqlite3_bind_int64 (stmt, 3, _topiary_project_now ());
  sqlite3_bind_int64 (stmt, 4, article_id);
  if (!_topiary_project_step_done (self, stmt, error))
    goto out;
  if (position > 0 && !_topiary_project_reposition (self, FALSE, article_id, position, error))
    goto out;
  ok = TRUE;
  _topiary_project_mark_changed (self, CHANGED_ARTICLES);

out:
  return _topiary_project_finish (self, ok, error);
}

gboolean
topiary_project_delete_article (TopiaryProject  *self,
                                gint64           article_id,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 old_pos = 0;
  gint64 revision_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);

  if ((revision_id = topiary_project_snapshot (self, article_id, "delete", error)) == 0 ||
      !_topiary_project_fts_sync (self, article_id, FALSE, error) ||
      !_topiary_media_article_deleted (self, article_id, revision_id, error) ||
      !_topiary_project_keep_dismissals (self, article_id, revision_id, error))
    goto out;
  stmt = _topiary_project_get_statement (self, "DELETE FROM article WHERE id = ? RETURNING position", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_pos = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!shift_positions (self, old_pos + 1, -1, error))
    goto out;
  ok = TRUE;
  _topiary_project_mark_changed (self, CHANGED_ARTICLES);

out:
  return _topiary_project_finish (self, ok, error);
}
