/* topiary-project-schema.c — the tables of a project file, one migration
 * per format version, and the indexes added to older files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "topiary-project.h"
#include "topiary-project-private.h"

/* One entry per schema version; each runs inside the migration transaction. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE map ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  audience TEXT NOT NULL DEFAULT '',"
  "  goal TEXT NOT NULL DEFAULT '',"
  "  language TEXT NOT NULL DEFAULT 'en',"
  "  base_url TEXT NOT NULL DEFAULT '',"
  "  allow_html INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO map (id, created, updated) VALUES (1, strftime('%s','now'), strftime('%s','now'));"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'other',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE grp ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE article ("
  "  id INTEGER PRIMARY KEY,"
  "  grp_id INTEGER REFERENCES grp (id) ON DELETE SET NULL,"
  "  parent_id INTEGER REFERENCES article (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL DEFAULT 'cluster' CHECK (kind IN ('pillar', 'cluster')),"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  intent TEXT NOT NULL DEFAULT '',"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('idea', 'planned', 'drafting', 'review', 'published')),"
  "  target_words INTEGER NOT NULL DEFAULT 0,"
  "  words INTEGER NOT NULL DEFAULT 0,"
  "  queries TEXT NOT NULL DEFAULT '',"      /* denormalised for the FTS index */
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  published INTEGER NOT NULL DEFAULT 0);"
  /* Bodies live apart so listing or scanning 10,000 articles never reads
   * 100 MB of text. */
  "CREATE TABLE body ("
  "  article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL DEFAULT '');"
  "CREATE VIEW article_text AS"
  "  SELECT a.id AS id, a.title AS title, a.summary AS summary,"
  "         coalesce (b.text, '') AS body, a.queries AS queries"
  "  FROM article a LEFT JOIN body b ON b.article_id = a.id;"
  "CREATE INDEX article_position ON article (position);"
  "CREATE INDEX article_grp ON article (grp_id);"
  "CREATE INDEX article_parent ON article (parent_id);"
  "CREATE TABLE query ("
  "  article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (article_id, position));"
  /* No foreign key: a revision outlives its article so a delete can be undone. */
  "CREATE TABLE revision ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  slug TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  words INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  intent TEXT NOT NULL,"
  "  priority INTEGER NOT NULL,"
  "  target_words INTEGER NOT NULL,"
  "  grp_id INTEGER,"
  "  parent_id INTEGER,"
  "  position INTEGER NOT NULL,"
  "  queries TEXT NOT NULL);"
  "CREATE INDEX revision_article ON revision (article_id, created);"
  "CREATE VIRTUAL TABLE article_fts USING fts5 ("
  "  title, summary, body, queries,"
  "  content='article_text', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  /* The short fields alone, to rank broad searches quickly. */
  "CREATE VIRTUAL TABLE article_meta_fts USING fts5 ("
  "  title, summary, queries,"
  "  content='article', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  /* No triggers keep the index: FTS5 flushes its buffer at every statement
   * savepoint, and a trigger makes each insert one. The C code updates
   * the index next to each change instead (_topiary_project_fts_sync() in
   * topiary-project-articles.c), and a bulk import stays fast. */
  "",
  /* 2: images and other files (topiary-media.c). The bytes are stored once
   * per content (SHA-256); each article refers to them by a readable name.
   * A reference outlives its article like a revision does: article_id is
   * NULL and revision_id names the "delete" snapshot until it is restored
   * or the unused files are removed. The data column comes last, so that
   * listing files never reads their bytes. */
  "CREATE TABLE file_blob ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  mime TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE file ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER,"
  "  revision_id INTEGER,"
  "  name TEXT NOT NULL COLLATE NOCASE,"
  "  blob_id INTEGER NOT NULL REFERENCES file_blob (id),"
  "  cover INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (article_id, name));"
  "CREATE UNIQUE INDEX file_cover ON file (article_id) WHERE cover;"
  "CREATE INDEX file_blob_ref ON file (blob_id);"
  "CREATE INDEX file_revision ON file (revision_id);",
  /* 3: link suggestions the writer dismissed for good (topiary-links.h),
   * one row per article, target and kind of suggestion. */
  "CREATE TABLE link_dismissal ("
  "  article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,"
  "  target_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (article_id, target_id, kind));"
  "CREATE INDEX link_dismissal_target ON link_dismissal (target_id);",
  /* 4: an article's own language, overriding the map's ("" = the map's;
   * issue 13). Revisions keep it, so an undone delete brings it back. */
  "ALTER TABLE article ADD COLUMN language TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE revision ADD COLUMN language TEXT NOT NULL DEFAULT '';",
  /* 5: the dismissals that named a deleted article (either side), kept
   * with its "delete" snapshot so that Undo and a restore from the Deleted
   * Articles bring them back (topiary-project-dismissals.c). Plain ids, no
   * foreign key: the article is gone, and the other one may go too. */
  "CREATE TABLE revision_dismissal ("
  "  revision_id INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,"
  "  article_id INTEGER NOT NULL,"
  "  target_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX revision_dismissal_revision ON revision_dismissal (revision_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TOPIARY_SCHEMA_VERSION);

gboolean
_topiary_project_migrate (TopiaryProject  *self,
                          gint64           from,
                          GError         **error)
{
  g_autofree char *set_version = NULL;

  if (from >= TOPIARY_SCHEMA_VERSION)
    return TRUE;

  if (!_topiary_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (from == 0 &&
      !_topiary_project_exec (self, "PRAGMA application_id = " G_STRINGIFY (TOPIARY_APPLICATION_ID), error))
    goto fail;
  for (gint64 v = from + 1; v <= TOPIARY_SCHEMA_VERSION; v++)
    if (!_topiary_project_exec (self, migrations[v - 1], error))
      goto fail;
  set_version = g_strdup_printf ("PRAGMA user_version = %d", TOPIARY_SCHEMA_VERSION);
  if (!_topiary_project_exec (self, set_version, error) || !_topiary_project_exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
_topiary_project_compat_views (TopiaryProject  *self,
                               gint64           version,
                               GError         **error)
{
  gboolean ok;

  if (version >= 4)
    return TRUE;
  /* Unqualified names find the temp schema first, so these stand in for
   * the tables. Temp objects touch no file, but query_only (how a
   * writable file is opened read-only) refuses them too: lifted for them. */
  ok = _topiary_project_exec (self, "PRAGMA query_only = 0", error) &&
       _topiary_project_exec (self,
                              "CREATE TEMP VIEW article AS SELECT *, '' AS language FROM main.article;"
                              "CREATE TEMP VIEW revision AS SELECT *, '' AS language FROM main.revision;",
                              error);
  if (self->read_only && !_topiary_project_exec (self, "PRAGMA query_only = 1", ok ? error : NULL))
    return FALSE;
  return ok;
}

/* Indexes that only speed things up: a file without them is still a valid
 * project of this schema version, so older files gain them at their first
 * writable open, and newer or older Topiary reads them alike. Without them
 * finding a group by title and appending a group scan the table, and an
 * import of 50,000 groups took minutes. A file where they cannot be added
 * now (busy, full disk) opens all the same. */
void
_topiary_project_ensure_indexes (TopiaryProject *self)
{
  static const struct { const char *name; const char *sql; } indexes[] = {
    { "grp_title", "CREATE INDEX IF NOT EXISTS grp_title ON grp (title COLLATE NOCASE)" },
    { "grp_position", "CREATE INDEX IF NOT EXISTS grp_position ON grp (position)" },
  };
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      gboolean present;

      sqlite3_bind_text (stmt, 1, indexes[i].name, -1, SQLITE_STATIC);
      present = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!present)
        sqlite3_exec (self->db, indexes[i].sql, NULL, NULL, NULL);
    }
  sqlite3_finalize (stmt);
}
