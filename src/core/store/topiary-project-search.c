/* topiary-project-search.c — full-text search over the project's articles,
 * with ranked hits and snippets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "topiary-project.h"
#include "topiary-project-private.h"

/* ---- search ------------------------------------------------------------- */

/* A few words of @text around the first word that starts with one of
 * @terms (case-folded), matches between \002 and \003; NULL when no word
 * matches. Cheaper than FTS5's snippet(), which runs the query again. */
static char *
make_snippet (const char  *text,
              char       **terms)
{
  enum { BEFORE = 6, AFTER = 12 };
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GString) out = NULL;
  const char *p = text;
  int first = -1;
  guint from, to;

  while (*p != '\0')
    {
      const char *start, *end;
      gboolean hit = FALSE;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;

      {
        g_autofree char *word = g_utf8_casefold (start, end - start);
        for (guint t = 0; terms[t] != NULL && !hit; t++)
          hit = g_str_has_prefix (word, terms[t]);
      }
      g_array_append_val (starts, start);
      g_array_append_val (ends, end);
      g_array_append_val (hits, hit);
      if (hit && first < 0)
        first = starts->len - 1;
      /* Enough words after the first match. */
      if (first >= 0 && starts->len > (guint)first + AFTER)
        break;
    }
  if (first < 0)
    return NULL;

  from = first > BEFORE ? first - BEFORE : 0;
  to = MIN (starts->len, (guint)first + AFTER);
  out = g_string_new (from > 0 ? "…" : "");
  for (guint i = from; i < to; i++)
    {
      const char *s = g_array_index (starts, const char *, i);
      const char *e = g_array_index (ends, const char *, i);

      if (i > from)
        {
          /* What stood between the words, on one line. */
          for (const char *q = g_array_index (ends, const char *, i - 1); q < s; q++)
            g_string_append_c (out, (*q == '\n' || *q == '\r' || *q == '\t') ? ' ' : *q);
        }
      if (g_array_index (hits, gboolean, i))
        g_string_append_c (out, '\002');
      g_string_append_len (out, s, e - s);
      if (g_array_index (hits, gboolean, i))
        g_string_append_c (out, '\003');
    }
  if (*g_array_index (ends, const char *, to - 1) != '\0')
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The case-folded words of what a person typed. */
static char **
query_terms (const char *query)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  const char *p = query;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (terms, g_utf8_casefold (start, p - start));
    }
  g_ptr_array_add (terms, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&terms), FALSE);
}

void
topiary_search_hit_free (TopiarySearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->slug);
  g_free (hit->snippet);
  g_free (hit);
}

/* Turns what a person typed into an FTS5 query of quoted prefix terms, so
 * operators and quotes in the input are never FTS syntax. */
static char *
build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && (g_unichar_isalnum (c) || c == '_'))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* Collects (id, rank) rows of @stmt into @hits, skipping ids in @seen. */
static gboolean
collect_hits (TopiaryProject  *self,
              sqlite3_stmt    *stmt,
              GPtrArray       *hits,
              GHashTable      *seen,
              guint            limit,
              GError         **error)
{
  int rc = SQLITE_DONE;

  while (hits->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TopiarySearchHit *hit;

      if (g_hash_table_contains (seen, &id))
        continue;
      hit = g_new0 (TopiarySearchHit, 1);
      hit->article_id = id;
      hit->rank = sqlite3_column_double (stmt, 1);
      g_ptr_array_add (hits, hit);
      g_hash_table_add (seen, &hit->article_id);
    }
  if (hits->len < limit && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _topiary_project_sqlite_error (self, rc, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Above this many matching articles, ranking every one by bm25 over the
 * bodies costs more than a keystroke may (tens of ms on 10,000 articles), so
 * matches in titles, summaries and queries are ranked first and body-only
 * matches follow in the order they were added. */
#define RANK_ALL_MAX 500

GPtrArray *
topiary_project_search (TopiaryProject  *self,
                        const char      *query,
                        guint            limit,
                        GError         **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) terms = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gint64 n_matches = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_search_hit_free);
  if (!g_utf8_validate (query, -1, NULL) || (match = build_match (query)) == NULL || self->db == NULL)
    return g_steal_pointer (&hits);
  if (limit == 0)
    limit = 50;
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* How many match, counting no further than the threshold. */
  stmt = _topiary_project_get_statement (self,
                                         "SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ?1 LIMIT ?2)",
                                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, RANK_ALL_MAX + 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_matches = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (n_matches <= RANK_ALL_MAX)
    {
      stmt = _topiary_project_get_statement (self,
                                             "SELECT rowid, bm25(article_fts, 10.0, 4.0, 1.0, 6.0) AS rank FROM article_fts "
                                             "WHERE article_fts MATCH ? ORDER BY rank LIMIT ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, limit);
      if (!collect_hits (self, stmt, hits, seen, limit, error))
        return NULL;
    }
  else
    {
      stmt = _topiary_project_get_statement (self,
                                             "SELECT rowid, bm25(article_meta_fts, 10.0, 4.0, 6.0) AS rank FROM article_meta_fts "
                                             "WHERE article_meta_fts MATCH ? ORDER BY rank LIMIT ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, limit);
      if (!collect_hits (self, stmt, hits, seen, limit, error))
        return NULL;
      if (hits->len < limit)
        {
          /* In the order the index holds them: no sort over every match. */
          stmt = _topiary_project_get_statement (self,
                                                 "SELECT rowid, 0.0 FROM article_fts WHERE article_fts MATCH ? LIMIT ?", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, limit * 2);
          if (!collect_hits (self, stmt, hits, seen, limit, error))
            return NULL;
        }
    }

  /* Titles and snippets for the hits alone. */
  terms = query_terms (query);
  for (guint i = 0; i < hits->len; i++)
    {
      TopiarySearchHit *hit = g_ptr_array_index (hits, i);

      stmt = _topiary_project_get_statement (self,
                                             "SELECT a.title, a.slug, a.summary, coalesce (b.text, '') "
                                             "FROM article a LEFT JOIN body b ON b.article_id = a.id WHERE a.id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, hit->article_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          hit->title = g_strdup (_topiary_project_text_column (stmt, 0));
          hit->slug = g_strdup (_topiary_project_text_column (stmt, 1));
          /* The body first, as the index weighs it; then the summary, title. */
          for (int col = 3; hit->snippet == NULL && col >= 0; col -= (col == 3 ? 1 : 2))
            hit->snippet = make_snippet (_topiary_project_text_column (stmt, col), terms);
        }
      if (hit->title == NULL)
        {
          hit->title = g_strdup ("");
          hit->slug = g_strdup ("");
        }
      if (hit->snippet == NULL)
        hit->snippet = g_strdup (hit->title);
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&hits);
}
