/* topiary-project.c — the *.topiary SQLite project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "topiary-link.h"
#include "topiary-limits.h"
#include "topiary-markdown.h"
#include "topiary-portal-private.h"
#include "topiary-utf8.h"
#include "topiary-project.h"
#include "topiary-project-file-private.h"
#include "topiary-project-private.h"
#include "topiary-media-private.h"
#include "topiary-slug.h"

G_DEFINE_FINAL_TYPE (TopiaryProject, topiary_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (topiary-project-error-quark, topiary_project_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
   * savepoint, and a trigger makes each insert one. The C code below updates
   * the index next to each change instead, and a bulk import stays fast. */
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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TOPIARY_SCHEMA_VERSION);

#define ARTICLE_COLUMNS \
  "id, grp_id, parent_id, kind, position, title, slug, summary, intent, priority, " \
  "status, target_words, words, created, updated, published"

/* ------------------------------------------------------------------------ */

gboolean
_topiary_project_sqlite_error (TopiaryProject  *self,
                               int              rc,
                               GError         **error)
{
  const char *path = self->path ? self->path : "";
  g_autofree char *name = g_path_get_basename (path);
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                   _("“%s” is read-only, so the change was not saved."), name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read (%s)."), name, msg);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_BUSY,
                   _("“%s” is being changed by another program; try again."), name);
      break;
    case SQLITE_FULL:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                   _("The disk holding “%s” is full, so the change was not saved."), name);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The change breaks a rule of the project (%s)."), msg);
      break;
    default:
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                   _("Could not use “%s”: %s."), name, msg);
      break;
    }
  return FALSE;
}

sqlite3_stmt *
_topiary_project_get_statement (TopiaryProject  *self,
                                const char      *sql,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (self->db != NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _topiary_project_sqlite_error (self, rc, error);
      return NULL;
    }
  /* The SQL strings are literals, so the key needs no copy. */
  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

gboolean
_topiary_project_exec (TopiaryProject  *self,
                       const char      *sql,
                       GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _topiary_project_sqlite_error (self, rc, error);
  return TRUE;
}

/* Runs a prepared statement that returns no rows. */
gboolean
_topiary_project_step_done (TopiaryProject  *self,
                            sqlite3_stmt    *stmt,
                            GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _topiary_project_sqlite_error (self, rc, error);
  return TRUE;
}

/* For a read: TRUE when the project is open, else sets "closed". */
gboolean
_topiary_project_check_open (TopiaryProject  *self,
                             GError         **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID, _("The project is closed."));
  return FALSE;
}

/* Ends a loop of sqlite3_step(): TRUE when it ran to the end, else the
 * error it stopped at. */
gboolean
_topiary_project_finish_rows (TopiaryProject  *self,
                              sqlite3_stmt    *stmt,
                              int              rc,
                              GError         **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _topiary_project_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
_topiary_project_check_writable (TopiaryProject  *self,
                                 GError         **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The project is closed."));
      return FALSE;
    }
  if (self->read_only)
    {
      g_autofree char *name = g_path_get_basename (self->path);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                   _("“%s” is read-only, so the change was not saved."), name);
      return FALSE;
    }
  /* Before any write: a killed process's changes are found and written back. */
  if (self->portal != NULL && !_topiary_portal_copy_mark_dirty (self->portal, error))
    return FALSE;
  return TRUE;
}

const char *
_topiary_project_text_column (sqlite3_stmt *stmt,
                              int           col)
{
  const char *text = (const char *)sqlite3_column_text (stmt, col);
  return text ? text : "";
}

/* The text in the first column of the row @sql selects for @id (its one
 * parameter): NULL when there is no such row or the project is closed,
 * with @error set only when SQLite fails. */
char *
_topiary_project_select_text_by_id (TopiaryProject  *self,
                                    const char      *sql,
                                    gint64           id,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  if (self->db == NULL || (stmt = _topiary_project_get_statement (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (_topiary_project_text_column (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

gint64
_topiary_project_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_topiary_project_mark_changed (TopiaryProject *self,
                               ChangeFlags     flags)
{
  self->pending |= flags;
  if (flags & CHANGED_ARTICLES)
    self->generation++;
}

static void emit_pending (TopiaryProject *self);

/* A portal document gets what was committed to its working copy. A
 * failure leaves the change safe in the working copy; it is written back
 * with the next commit, at close, or at the next open. */
gboolean
_topiary_project_write_back (TopiaryProject  *self,
                             gboolean         now,
                             GError         **error)
{
  if (self->portal == NULL)
    return TRUE;
  return _topiary_portal_copy_sync (self->portal, self->db, now, error);
}

/* For a change made outside any transaction: it is committed already. */
void
_topiary_project_announce (TopiaryProject *self,
                           ChangeFlags     flags)
{
  _topiary_project_mark_changed (self, flags);
  if (self->depth == 0)
    {
      _topiary_project_write_back (self, FALSE, NULL);
      emit_pending (self);
    }
}

static void
emit_pending (TopiaryProject *self)
{
  guint pending = self->pending;

  self->pending = 0;
  if (pending & CHANGED_MAP)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("map"), "map");
  if (pending & CHANGED_NOTES)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("notes"), "notes");
  if (pending & CHANGED_GROUPS)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("groups"), "groups");
  if (pending & CHANGED_ARTICLES)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("articles"), "articles");
  if (pending & CHANGED_FILES)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("files"), "files");
}

/* ------------------------------------------------------------------------ */

static void
topiary_project_finalize (GObject *object)
{
  TopiaryProject *self = (TopiaryProject *)object;

  topiary_project_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (topiary_project_parent_class)->finalize (object);
}

static void
topiary_project_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TopiaryProject *self = TOPIARY_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_project_class_init (TopiaryProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = topiary_project_finalize;
  object_class->get_property = topiary_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TopiaryProject::changed:
   * @what: "map", "notes", "groups" or "articles" (also the detail)
   *
   * Emitted after a change is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
topiary_project_init (TopiaryProject *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
}

/* ------------------------------------------------------------------------ */

/* Runs a query that returns one integer; the SQLite code on failure. */
static int
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
read_identity (sqlite3 *db,
               gint64  *app_id,
               gint64  *version,
               gint64  *n_tables)
{
  int rc = query_int (db, "PRAGMA application_id", app_id);

  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", n_tables);
  return rc;
}

/* What a full disk or a file we may not change does to a first read. */
static gboolean
is_cannot_write (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return TRUE;
    default:
      return FALSE;
    }
}

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

/* Closes the connection of a project that is not handed out. */
static void
close_unopened (TopiaryProject *self,
                gboolean        keep_wal)
{
  if (self->db != NULL && keep_wal)
    {
      /* A refused file stays byte for byte as it was: its WAL is not
       * folded into it. */
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    }
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->copy_dir, _topiary_project_file_free_copy);
}

/* quick_check: TRUE when SQLite finds the file sound. */
static gboolean
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

static TopiaryProject *
open_file (const char        *path,
           TopiaryOpenFlags   flags,
           GError           **error)
{
  g_autoptr(TopiaryProject) self = NULL;
  g_autofree char *name = NULL;
  gboolean created = FALSE;
  gboolean is_new = FALSE;
  gboolean verify = FALSE;
  gboolean writable;
  gboolean keep_wal;
  gint64 app_id = 0, version = 0, n_tables = 0;
  int rc = SQLITE_OK;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int saved;

      if (!(flags & TOPIARY_OPEN_CREATE))
        {
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND,
                       _("“%s” does not exist."), name);
          return NULL;
        }
      /* Made here rather than by SQLite, whose files ignore part of the umask. */
      created = _topiary_project_file_create (path);
      saved = errno;
      if (!created && saved != EEXIST)
        {
          if (saved == EACCES || saved == EROFS || saved == EPERM)
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                         _("“%s” is read-only, so a project cannot be created in it."), name);
          else
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                         _("Could not create “%s”: %s."), name, g_strerror (saved));
          return NULL;
        }
    }
  if (!_topiary_project_file_check_header (path, &is_new, &verify, error))
    goto fail;
  if (is_new && !(flags & TOPIARY_OPEN_CREATE))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Topiary project: the file is empty."), name);
      return NULL;
    }

  self = g_object_new (TOPIARY_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  writable = _topiary_project_file_can_write (path);
  self->read_only = (flags & TOPIARY_OPEN_READ_ONLY) != 0 || !writable;

  if (self->read_only && is_new)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                   _("“%s” is read-only, so a project cannot be created in it."), name);
      goto fail;
    }

  /* A WAL with frames before we start is someone's committed work (or a
   * crash's): never folded into a file we then refuse. */
  keep_wal = _topiary_project_file_wal_has_frames (path);
  /* Reading on a full disk: a -wal and -shm made now could not be
   * removed, so read as from read-only media. */
  if (writable && self->read_only && _topiary_project_file_disk_full (path))
    writable = FALSE;

  if (writable)
    {
      /* Read-write even for reading: only a connection that may write can
       * checkpoint and delete -wal and -shm when it closes last. */
      _topiary_project_file_repair_leftovers (path);
      rc = sqlite3_open_v2 (path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, 5000);
          if (self->read_only)
            rc = sqlite3_exec (self->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
        }
      if (rc == SQLITE_OK)
        rc = read_identity (self->db, &app_id, &version, &n_tables);
      /* A full disk cannot hold a -shm: read as from read-only media. */
      if (rc != SQLITE_OK && self->read_only && is_cannot_write (rc))
        {
          close_unopened (self, TRUE);
          writable = FALSE;
        }
    }
  if (!writable)
    {
      rc = _topiary_project_file_open_read_only (path, &self->db, &self->copy_dir);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, 5000);
          rc = read_identity (self->db, &app_id, &version, &n_tables);
        }
    }
  if (rc != SQLITE_OK)
    {
      _topiary_project_sqlite_error (self, rc, error);
      close_unopened (self, keep_wal);
      goto fail;
    }
  sqlite3_extended_result_codes (self->db, 1);

  /* Read before any write: a refused file must stay as it was. */
  if (app_id != TOPIARY_APPLICATION_ID && !(app_id == 0 && n_tables == 0))
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FOREIGN,
                   _("“%s” is not a Topiary project: it is a database of another application."), name);
      goto fail;
    }
  if (version > TOPIARY_SCHEMA_VERSION)
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Topiary (format %d; this version reads up to %d); update Topiary to open it."),
                   name, (int)version, TOPIARY_SCHEMA_VERSION);
      goto fail;
    }
  if (app_id == TOPIARY_APPLICATION_ID)
    {
      sqlite3_stmt *stmt = NULL;
      /* A quick look at the tables we need catches damage early. */
      rc = sqlite3_prepare_v2 (self->db,
                               "SELECT (SELECT count(*) FROM map), (SELECT count(*) FROM grp)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      /* The header disagreed with the file's size: SQLite has replayed
       * the WAL by now, so its verdict is final. */
      if (rc != SQLITE_ROW || (verify && !quick_check (self->db)))
        {
          close_unopened (self, keep_wal);
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read."), name);
          goto fail;
        }
    }
  else if (verify && !quick_check (self->db))
    {
      close_unopened (self, keep_wal);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read."), name);
      goto fail;
    }

  if (self->read_only)
    {
      /* Format 1 lacks only the file tables, and topiary-media.c reads
       * such a project as one without files: no conversion needed. */
      if (version < 1)
        {
          close_unopened (self, keep_wal);
          g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY,
                       _("“%s” is read-only and in an older format that needs converting first."), name);
          goto fail;
        }
    }
  else
    {
      gboolean bulk = (flags & TOPIARY_OPEN_BULK) != 0;

      if (!_topiary_project_exec (self, bulk ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL", error) ||
          !_topiary_project_exec (self, bulk ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", error) ||
          /* A large map is written in one transaction on import; a page
           * cache that holds it avoids spilling to the WAL and reading back. */
          !_topiary_project_exec (self, "PRAGMA cache_size = -65536", error) ||
          !_topiary_project_exec (self, "PRAGMA temp_store = MEMORY", error) ||
          !_topiary_project_migrate (self, version, error))
        {
          close_unopened (self, FALSE);
          goto fail;
        }
      _topiary_project_ensure_indexes (self);
    }

  if (!_topiary_project_exec (self, "PRAGMA foreign_keys = ON", error))
    {
      close_unopened (self, FALSE);
      goto fail;
    }

  return g_steal_pointer (&self);

fail:
  /* The empty file made above, and only it. */
  if (created)
    {
      GStatBuf st;
      if (g_stat (path, &st) == 0 && st.st_size == 0)
        g_unlink (path);
    }
  return NULL;
}

/* A document portal file: the project is the working copy, and keeps the
 * document's path for messages and callers (topiary-portal.c). */
static TopiaryProject *
open_portal (const char        *path,
             TopiaryOpenFlags   flags,
             GError           **error)
{
  TopiaryPortalCopy *copy;
  TopiaryProject *self;
  gboolean pending = FALSE;

  /* The portal does its own permission check: a document granted for
   * reading only opens read-only. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    flags |= TOPIARY_OPEN_READ_ONLY;
  copy = _topiary_portal_copy_open (path, (flags & TOPIARY_OPEN_CREATE) != 0, &pending, error);
  if (copy == NULL)
    return NULL;
  /* The working copy is written back as it is: never in the bulk mode's
   * unsafe journal. */
  self = open_file (_topiary_portal_copy_get_path (copy), flags & ~TOPIARY_OPEN_BULK, error);
  if (self == NULL)
    {
      _topiary_portal_copy_free (copy);
      return NULL;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  self->portal = copy;
  if (!self->read_only && pending && !_topiary_project_write_back (self, TRUE, error))
    {
      topiary_project_close (self);
      g_object_unref (self);
      return NULL;
    }
  return self;
}

TopiaryProject *
topiary_project_open (const char        *path,
                      TopiaryOpenFlags   flags,
                      GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (topiary_portal_is_document (path))
    return open_portal (path, flags, error);
  return open_file (path, flags, error);
}

gboolean
topiary_project_finish_bulk (TopiaryProject  *self,
                             GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  /* FULL makes the journal switch itself sync the file to disk. */
  return _topiary_project_exec (self, "PRAGMA synchronous = FULL", error) &&
         _topiary_project_exec (self, "PRAGMA journal_mode = WAL", error) &&
         _topiary_project_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         _topiary_project_exec (self, "PRAGMA synchronous = NORMAL", error);
}

const char *
topiary_project_get_path (TopiaryProject *self)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  return self->path;
}

gboolean
topiary_project_is_read_only (TopiaryProject *self)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), TRUE);
  return self->read_only;
}

void
topiary_project_close (TopiaryProject *self)
{
  g_return_if_fail (TOPIARY_IS_PROJECT (self));

  if (self->db == NULL)
    return;
  if (self->depth > 0 || self->reading > 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
      self->reading = 0;
      self->read_txn = FALSE;
    }
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->links, topiary_link_index_free);
  if (!self->read_only)
    sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
  _topiary_project_write_back (self, TRUE, NULL);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->copy_dir, _topiary_project_file_free_copy);
  g_clear_pointer (&self->portal, _topiary_portal_copy_free);
}

/* ------------------------------------------------------------------------ */

gboolean
topiary_project_begin (TopiaryProject  *self,
                       GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  g_return_val_if_fail (!self->read_txn, FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  if (self->depth == 0)
    {
      if (!_topiary_project_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->failed = FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
topiary_project_commit (TopiaryProject  *self,
                        GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;

  if (self->failed)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->pending = 0;
      self->generation++;   /* the link index may hold what was undone */
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                   _("The change was undone because part of it failed."));
      return FALSE;
    }
  if (!_topiary_project_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->pending = 0;
      self->generation++;   /* the link index may hold what was undone */
      return FALSE;
    }
  ok = _topiary_project_write_back (self, FALSE, error);
  emit_pending (self);
  return ok;
}

void
topiary_project_rollback (TopiaryProject *self)
{
  g_return_if_fail (TOPIARY_IS_PROJECT (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->pending = 0;
  self->generation++;   /* the link index may hold what was undone */
  self->failed = FALSE;
}

gboolean
topiary_project_begin_read (TopiaryProject  *self,
                            GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_open (self, error))
    return FALSE;
  /* Inside a write transaction every read sees one state already. */
  if (self->reading == 0 && self->depth == 0)
    {
      /* A deferred transaction takes its snapshot at the first read:
       * read now, so the snapshot is the file as it is at this call. */
      if (!_topiary_project_exec (self, "BEGIN DEFERRED", error))
        return FALSE;
      if (!_topiary_project_exec (self, "SELECT count(*) FROM sqlite_schema", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->read_txn = TRUE;
    }
  self->reading++;
  return TRUE;
}

void
topiary_project_end_read (TopiaryProject *self)
{
  g_return_if_fail (TOPIARY_IS_PROJECT (self));
  g_return_if_fail (self->reading > 0);

  if (--self->reading == 0 && self->read_txn)
    {
      self->read_txn = FALSE;
      if (self->db != NULL)
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
    }
}

gboolean
_topiary_project_finish (TopiaryProject  *self,
                         gboolean         ok,
                         GError         **error)
{
  if (!ok)
    {
      topiary_project_rollback (self);
      return FALSE;
    }
  return topiary_project_commit (self, error);
}

/* ---- for the other parts of the project (topiary-project-private.h) ---- */

sqlite3 *
_topiary_project_get_db (TopiaryProject *self)
{
  g_assert (TOPIARY_IS_PROJECT (self));
  return self->db;
}

sqlite3_stmt *
_topiary_project_statement (TopiaryProject  *self,
                            const char      *sql,
                            GError         **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The project is closed."));
      return NULL;
    }
  return _topiary_project_get_statement (self, sql, error);
}

void
_topiary_project_files_changed (TopiaryProject *self)
{
  _topiary_project_announce (self, CHANGED_FILES);
}

/* ---- map ---------------------------------------------------------------- */

static const char * const map_fields[] = {
  "title", "subject", "description", "audience", "goal", "language", "base_url", "allow_html",
};

static gboolean
is_map_field (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (map_fields); i++)
    if (g_strcmp0 (field, map_fields[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
topiary_project_get_map_field (TopiaryProject *self,
                               const char     *field)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (is_map_field (field), NULL);

  if (self->db == NULL)
    return g_strdup ("");
  /* The field name comes from the fixed list above. */
  sql = g_strdup_printf ("SELECT %s FROM map WHERE id = 1", field);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (_topiary_project_text_column (stmt, 0));
  sqlite3_finalize (stmt);
  return value ? value : g_strdup ("");
}

gboolean
_topiary_project_check_length (const char  *text,
                               Limit        limit,
                               GError     **error)
{
  static const gsize max[] = { TOPIARY_TITLE_MAX, TOPIARY_TEXT_MAX, TOPIARY_QUERY_MAX };

  if (topiary_limit_fits_chars (text, max[limit]))
    return TRUE;
  switch (limit)
    {
    case LIMIT_TITLE:
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("A title can be at most 1,000 characters long."));
      break;
    case LIMIT_TEXT:
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("A summary, description or map field can be at most 10,000 characters long."));
      break;
    case LIMIT_QUERY:
    default:
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("A target query can be at most 1,000 characters long."));
      break;
    }
  return FALSE;
}

gboolean
_topiary_project_check_body (const char  *body,
                             GError     **error)
{
  if (body == NULL || strlen (body) <= TOPIARY_BODY_MAX)
    return TRUE;
  g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                       _("The text is larger than 16 MB and was not saved."));
  return FALSE;
}

gboolean
topiary_project_set_map_field (TopiaryProject  *self,
                               const char      *field,
                               const char      *value,
                               GError         **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!is_map_field (field))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("“%s” is not a field of the map."), field ? field : "");
      return FALSE;
    }
  if (!_topiary_project_check_length (value, g_strcmp0 (field, "title") == 0 ? LIMIT_TITLE : LIMIT_TEXT, error) ||
      !_topiary_project_check_writable (self, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE map SET %s = ?, updated = ? WHERE id = 1", field);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _topiary_project_sqlite_error (self, rc, error);
  if (g_strcmp0 (field, "allow_html") == 0)
    sqlite3_bind_int (stmt, 1, value != NULL && (value[0] == '1' || g_ascii_strcasecmp (value, "true") == 0));
  else
    sqlite3_bind_text (stmt, 1, value ? value : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _topiary_project_now ());
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  ok = rc == SQLITE_DONE;
  if (!ok)
    return _topiary_project_sqlite_error (self, rc, error);
  _topiary_project_announce (self, CHANGED_MAP);
  return TRUE;
}

/* ---- lists ------------------------------------------------------------- */

/* Appends to @store the object @from_row makes of each row @sql returns. */
gboolean
_topiary_project_fill_rows (TopiaryProject  *self,
                            GListStore      *store,
                            const char      *sql,
                            RowFunc          from_row,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_topiary_project_check_open (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) object = from_row (stmt);
      g_list_store_append (store, object);
    }
  return _topiary_project_finish_rows (self, stmt, rc, error);
}

/* All of one kind, or NULL with @error set when any of it could not be read. */
GListModel *
_topiary_project_list_full (TopiaryProject  *self,
                            GType            type,
                            FillFunc         fill,
                            GError         **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);

  if (!fill (self, store, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* What could be read, even when not all of it could. */
GListModel *
_topiary_project_list_partial (TopiaryProject *self,
                               GType           type,
                               FillFunc        fill)
{
  GListStore *store = g_list_store_new (type);

  if (self->db != NULL)
    fill (self, store, NULL);
  return G_LIST_MODEL (store);
}

/* ---- notes -------------------------------------------------------------- */

static gpointer
note_from_row (sqlite3_stmt *stmt)
{
  TopiaryNote *note = topiary_note_new (_topiary_project_text_column (stmt, 2),
                                        _topiary_project_text_column (stmt, 3),
                                        _topiary_project_text_column (stmt, 4));

  _topiary_note_set_id (note, sqlite3_column_int64 (stmt, 0));
  _topiary_note_set_position (note, sqlite3_column_int64 (stmt, 1));
  return note;
}

static gboolean
fill_notes (TopiaryProject  *self,
            GListStore      *store,
            GError         **error)
{
  return _topiary_project_fill_rows (self, store, "SELECT id, position, kind, title, body FROM note ORDER BY position, id",
                                     note_from_row, error);
}

GListModel *
topiary_project_list_notes_full (TopiaryProject  *self,
                                 GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_NOTE, fill_notes, error);
}

/* What could be read, even when not all of it could. */
GListModel *
topiary_project_list_notes (TopiaryProject *self)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_partial (self, TOPIARY_TYPE_NOTE, fill_notes);
}

static gboolean
validate_note (TopiaryNote  *note,
               GError      **error)
{
  return _topiary_project_check_length (topiary_note_get_title (note), LIMIT_TITLE, error) &&
         _topiary_project_check_body (topiary_note_get_body (note), error);
}

gboolean
topiary_project_add_note (TopiaryProject  *self,
                          TopiaryNote     *note,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _topiary_project_now ();

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), FALSE);

  if (!validate_note (note, error) || !_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO note (position, kind, title, body, created, updated) "
                                         "VALUES ((SELECT coalesce(max(position), 0) + 1 FROM note), ?, ?, ?, ?, ?) "
                                         "RETURNING id, position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_note_get_kind (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topiary_note_get_title (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_note_get_body (note), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _topiary_project_sqlite_error (self, rc, error);
    }
  _topiary_note_set_id (note, sqlite3_column_int64 (stmt, 0));
  _topiary_note_set_position (note, sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_update_note (TopiaryProject  *self,
                             TopiaryNote     *note,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_NOTE (note), FALSE);

  if (!validate_note (note, error) || !_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "UPDATE note SET title = ?, body = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_note_get_title (note), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topiary_note_get_body (note), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _topiary_project_now ());
  sqlite3_bind_int64 (stmt, 4, topiary_note_get_id (note));
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_delete_note (TopiaryProject  *self,
                             gint64           note_id,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (!_topiary_project_check_writable (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "DELETE FROM note WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note_id);
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  _topiary_project_announce (self, CHANGED_NOTES);
  return TRUE;
}

gboolean
topiary_project_has_note (TopiaryProject *self,
                          const char     *kind,
                          const char     *title,
                          const char     *body)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  if (self->db == NULL)
    return FALSE;
  stmt = _topiary_project_get_statement (self, "SELECT 1 FROM note WHERE kind = ? AND title = ? AND body = ? LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind ? kind : "other", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title ? title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body ? body : "", -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* ---- slugs -------------------------------------------------------------- */

static gboolean
slug_taken (TopiaryProject *self,
            const char     *table_sql,
            const char     *slug,
            gint64          except_id)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self, table_sql, NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

char *
_topiary_project_unique_slug (TopiaryProject *self,
                              const char     *table_sql,
                              const char     *base_text,
                              gint64          except_id)
{
  g_autofree char *base = topiary_slugify (base_text);
  char *candidate = g_strdup (base);

  for (guint i = 2; slug_taken (self, table_sql, candidate, except_id); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, i);
    }
  return candidate;
}

char *
topiary_project_make_slug (TopiaryProject *self,
                           const char     *title,
                           gint64          except_id)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  return _topiary_project_unique_slug (self, ARTICLE_SLUG_TAKEN, title ? title : "", except_id);
}

/* ---- groups ------------------------------------------------------------- */

static TopiaryGroup *
group_from_row (sqlite3_stmt *stmt)
{
  TopiaryGroup *group = topiary_group_new (_topiary_project_text_column (stmt, 2));

  _topiary_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  _topiary_group_set_position (group, sqlite3_column_int64 (stmt, 1));
  topiary_group_set_slug (group, _topiary_project_text_column (stmt, 3));
  topiary_group_set_description (group, _topiary_project_text_column (stmt, 4));
  return group;
}

static gboolean
fill_groups (TopiaryProject  *self,
             GListStore      *store,
             GError         **error)
{
  return _topiary_project_fill_rows (self, store, "SELECT id, position, title, slug, description FROM grp ORDER BY position, id",
                                     (RowFunc) group_from_row, error);
}

GListModel *
topiary_project_list_groups_full (TopiaryProject  *self,
                                  GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_GROUP, fill_groups, error);
}

/* What could be read, even when not all of it could. */
GListModel *
topiary_project_list_groups (TopiaryProject *self)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_partial (self, TOPIARY_TYPE_GROUP, fill_groups);
}

TopiaryGroup *
topiary_project_get_group (TopiaryProject  *self,
                           gint64           group_id,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  TopiaryGroup *group = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID, _("The project is closed."));
      return NULL;
    }
  stmt = _topiary_project_get_statement (self, "SELECT id, position, title, slug, description FROM grp WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    group = group_from_row (stmt);
  sqlite3_reset (stmt);
  if (group == NULL)
    g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                 _("There is no group %" PRId64 " in the project."), group_id);
  return group;
}

TopiaryGroup *
topiary_project_find_group (TopiaryProject *self,
                            const char     *title_or_slug)
{
  sqlite3_stmt *stmt;
  TopiaryGroup *group = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  if (self->db == NULL || title_or_slug == NULL)
    return NULL;
  stmt = _topiary_project_get_statement (self,
                                         "SELECT id, position, title, slug, description FROM grp "
                                         "WHERE title = ?1 COLLATE NOCASE OR slug = ?1 ORDER BY title = ?1 DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, title_or_slug, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    group = group_from_row (stmt);
  sqlite3_reset (stmt);
  return group;
}

gboolean
_topiary_project_validate_title (const char  *title,
                                 gboolean     is_group,
                                 GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (title ? title : ""));

  if (*copy == '\0')
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           is_group ? _("A group needs a title.") : _("An article needs a title."));
      return FALSE;
    }
  if (!g_utf8_validate (title, -1, NULL))
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           is_group ? _("The title of a group is not valid UTF-8 text.")
                                    : _("The title of an article is not valid UTF-8 text."));
      return FALSE;
    }
  return _topiary_project_check_length (title, LIMIT_TITLE, error);
}

/* The group's own slug if it has one, else one made from its title. */
static char *
group_slug (TopiaryProject *self,
            TopiaryGroup   *group,
            gint64          except_id)
{
  const char *slug = topiary_group_get_slug (group);

  return _topiary_project_unique_slug (self, GROUP_SLUG_TAKEN, *slug ? slug : topiary_group_get_title (group), except_id);
}

gboolean
topiary_project_add_group (TopiaryProject  *self,
                           TopiaryGroup    *group,
                           GError         **error)
{
  g_autofree char *slug = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_GROUP (group), FALSE);

  if (!_topiary_project_validate_title (topiary_group_get_title (group), TRUE, error) ||
      !_topiary_project_check_length (topiary_group_get_description (group), LIMIT_TEXT, error) ||
      !_topiary_project_check_writable (self, error))
    return FALSE;

  slug = group_slug (self, group, 0);
  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO grp (position, title, slug, description) "
                                         "VALUES ((SELECT coalesce(max(position), 0) + 1 FROM grp), ?, ?, ?) "
                                         "RETURNING id, position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_group_get_title (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_group_get_description (group), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _topiary_project_sqlite_error (self, rc, error);
    }
  _topiary_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  _topiary_group_set_position (group, sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  topiary_group_set_slug (group, slug);
  _topiary_project_announce (self, CHANGED_GROUPS);
  return TRUE;
}

gboolean
topiary_project_update_group (TopiaryProject  *self,
                              TopiaryGroup    *group,
                              GError         **error)
{
  g_autofree char *slug = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (TOPIARY_IS_GROUP (group), FALSE);

  if (!_topiary_project_validate_title (topiary_group_get_title (group), TRUE, error) ||
      !_topiary_project_check_length (topiary_group_get_description (group), LIMIT_TEXT, error) ||
      !_topiary_project_check_writable (self, error))
    return FALSE;

  slug = group_slug (self, group, topiary_group_get_id (group));
  stmt = _topiary_project_get_statement (self, "UPDATE grp SET title = ?, slug = ?, description = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, topiary_group_get_title (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topiary_group_get_description (group), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, topiary_group_get_id (group));
  if (!_topiary_project_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no group %" PRId64 " in the project."), topiary_group_get_id (group));
      return FALSE;
    }
  topiary_group_set_slug (group, slug);
  _topiary_project_announce (self, CHANGED_GROUPS);
  return TRUE;
}

/* Moves a row of @table (grp or article) to @new_pos in a dense 1-based order. */
gboolean
_topiary_project_reposition (TopiaryProject  *self,
                             gboolean         is_group,
                             gint64           id,
                             gint64           new_pos,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 old_pos = -1, max_pos = 0;

  stmt = _topiary_project_get_statement (self, is_group
                                         ? "SELECT position, (SELECT max(position) FROM grp) FROM grp WHERE id = ?"
                                         : "SELECT position, (SELECT max(position) FROM article) FROM article WHERE id = ?",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_pos = sqlite3_column_int64 (stmt, 0);
      max_pos = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (old_pos < 0)
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   is_group ? _("There is no group %" PRId64 " in the project.")
                            : _("There is no article %" PRId64 " in the project."), id);
      return FALSE;
    }
  new_pos = CLAMP (new_pos, 1, max_pos);
  if (new_pos == old_pos)
    return TRUE;

  stmt = _topiary_project_get_statement (self, is_group
                                         ? "UPDATE grp SET position = CASE WHEN id = ?1 THEN ?3 "
                                           "WHEN ?3 < ?2 THEN position + 1 ELSE position - 1 END "
                                           "WHERE position BETWEEN min(?2, ?3) AND max(?2, ?3)"
                                         : "UPDATE article SET position = CASE WHEN id = ?1 THEN ?3 "
                                           "WHEN ?3 < ?2 THEN position + 1 ELSE position - 1 END "
                                           "WHERE position BETWEEN min(?2, ?3) AND max(?2, ?3)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, old_pos);
  sqlite3_bind_int64 (stmt, 3, new_pos);
  return _topiary_project_step_done (self, stmt, error);
}

gboolean
topiary_project_move_group (TopiaryProject  *self,
                            gint64           group_id,
                            gint64           new_position,
                            GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);
  _topiary_project_mark_changed (self, CHANGED_GROUPS);
  return _topiary_project_finish (self, _topiary_project_reposition (self, TRUE, group_id, new_position, error), error);
}

gboolean
topiary_project_delete_group (TopiaryProject  *self,
                              gint64           group_id,
                              GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);

  BEGIN_OR_FAIL (self, error, FALSE);
  ok = _topiary_project_snapshot_where (self,
                                        "INSERT INTO revision (article_id, created, reason, title, slug, summary, body, words, kind, status, "
                                        "intent, priority, target_words, grp_id, parent_id, position, queries) "
                                        "SELECT id, ?2, ?3, title, slug, summary, coalesce ((SELECT text FROM body WHERE article_id = id), ''), "
                                        "words, kind, status, intent, priority, "
                                        "target_words, grp_id, parent_id, position, queries FROM article WHERE grp_id = ?1",
                                        group_id, "delete-group", error);
  if (ok)
    {
      gint64 old_pos = 0;
      stmt = _topiary_project_get_statement (self, "DELETE FROM grp WHERE id = ? RETURNING position", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, group_id);
          ok = sqlite3_step (stmt) == SQLITE_ROW;
          if (ok)
            old_pos = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (!ok)
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                         _("There is no group %" PRId64 " in the project."), group_id);
        }
      if (ok)
        {
          stmt = _topiary_project_get_statement (self, "UPDATE grp SET position = position - 1 WHERE position > ?", error);
          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (stmt, 1, old_pos);
              ok = _topiary_project_step_done (self, stmt, error);
            }
        }
    }
  _topiary_project_mark_changed (self, CHANGED_GROUPS | CHANGED_ARTICLES);
  return _topiary_project_finish (self, ok, error);
}

/* ---- articles ----------------------------------------------------------- */

static void
load_queries (TopiaryProject *self,
              TopiaryArticle *article)
{
  sqlite3_stmt *stmt = _topiary_project_get_statement (self,
                                                       "SELECT text, is_primary FROM query WHERE article_id = ? ORDER BY position",
                                                       NULL);
  int primary = -1;
  int i = 0;

  if (stmt == NULL)
    return;
  topiary_article_set_queries (article, NULL);
  sqlite3_bind_int64 (stmt, 1, topiary_article_get_id (article));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      topiary_article_add_query (article, _topiary_project_text_column (stmt, 0));
      if (sqlite3_column_int (stmt, 1) && primary < 0)
        primary = i;
      i++;
    }
  sqlite3_reset (stmt);
  if (primary >= 0 && primary < (int)topiary_article_get_n_queries (article))
    topiary_article_set_primary_query (article, primary);
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
topiary_project_list_articles_full (TopiaryProject  *self,
                                    GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_full (self, TOPIARY_TYPE_ARTICLE, fill_articles, error);
}

/* What could be read, even when not all of it could. */
GListModel *
topiary_project_list_articles (TopiaryProject *self)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  return _topiary_project_list_partial (self, TOPIARY_TYPE_ARTICLE, fill_articles);
}

gboolean
topiary_project_count_notes (TopiaryProject  *self,
                             guint           *n_notes,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (n_notes != NULL, FALSE);

  *n_notes = 0;
  if (!_topiary_project_check_open (self, error))
    return FALSE;
  stmt = _topiary_project_get_statement (self, "SELECT count(*) FROM note", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n_notes = sqlite3_column_int (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return _topiary_project_finish_rows (self, stmt, rc, error);
}

guint
topiary_project_count_articles (TopiaryProject *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);

  if (self->db == NULL)
    return 0;
  stmt = _topiary_project_get_statement (self, "SELECT count(*) FROM article", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}

static TopiaryArticle *
get_article_where (TopiaryProject *self,
                   const char     *sql_by_id,
                   const char     *sql_by_id_body,
                   gint64          id,
                   const char     *slug,
                   gboolean        with_body)
{
  sqlite3_stmt *stmt;
  TopiaryArticle *article = NULL;

  if (self->db == NULL)
    return NULL;
  stmt = _topiary_project_get_statement (self, with_body ? sql_by_id_body : sql_by_id, NULL);
  if (stmt == NULL)
    return NULL;
  if (slug != NULL)
    sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      article = article_from_row (stmt);
      if (with_body)
        topiary_article_set_body (article, _topiary_project_text_column (stmt, 16));
    }
  sqlite3_reset (stmt);
  if (article != NULL)
    load_queries (self, article);
  return article;
}

TopiaryArticle *
topiary_project_get_article (TopiaryProject  *self,
                             gint64           article_id,
                             gboolean         with_body,
                             GError         **error)
{
  TopiaryArticle *article;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  article = get_article_where (self,
                               "SELECT " ARTICLE_COLUMNS " FROM article WHERE id = ?",
                               "SELECT " ARTICLE_COLUMNS ", (SELECT text FROM body WHERE article_id = id) FROM article WHERE id = ?",
                               article_id, NULL, with_body);
  if (article == NULL)
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
topiary_project_get_article_by_slug (TopiaryProject *self,
                                     const char     *slug,
                                     gboolean        with_body)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  return get_article_where (self,
                            "SELECT " ARTICLE_COLUMNS " FROM article WHERE slug = ?",
                            "SELECT " ARTICLE_COLUMNS ", (SELECT text FROM body WHERE article_id = id) FROM article WHERE slug = ?",
                            0, slug, with_body);
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

  stmt = _topiary_project_get_statement (self,
                                         "INSERT INTO article (grp_id, parent_id, kind, position, title, slug, summary, intent, "
                                         "priority, status, target_words, words, queries, created, updated, published) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                                         "published = ? WHERE id = ?",
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
  sqlite3_bind_int64 (stmt, 14, id);
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

gboolean
topiary_project_save_body (TopiaryProject  *self,
                           gint64           article_id,
                           const char      *body,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean differs;
  gboolean ok = FALSE;
  guint words;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (!_topiary_project_check_writable (self, error) || !_topiary_project_check_body (body, error))
    return FALSE;
  if (!topiary_utf8_validate (body, strlen (body), NULL))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("The text is not valid UTF-8 and was not saved."));
      return FALSE;
    }

  /* Autosave calls this often; an unchanged body costs one comparison. */
  stmt = _topiary_project_get_statement (self, "SELECT coalesce ((SELECT text FROM body WHERE article_id = id), '') IS NOT ? FROM article WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, article_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("There is no article %" PRId64 " in the project."), article_id);
      return FALSE;
    }
  differs = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!differs)
    return TRUE;

  BEGIN_OR_FAIL (self, error, FALSE);
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
      !_topiary_media_article_deleted (self, article_id, revision_id, error))
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
topiary_project_resolve_link_full (TopiaryProject  *self,
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

char *
topiary_project_resolve_link (TopiaryProject *self,
                              const char     *target)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  if (self->db == NULL || target == NULL)
    return NULL;
  return topiary_project_resolve_link_full (self, target, NULL, NULL);
}

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

gint64
topiary_project_snapshot (TopiaryProject  *self,
                          gint64           article_id,
                          const char      *reason,
                          GError         **error)
{
  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), 0);

  if (!_topiary_project_check_writable (self, error))
    return 0;
  if (!_topiary_project_snapshot_where (self,
                                        "INSERT INTO revision (article_id, created, reason, title, slug, summary, body, words, kind, status, "
                                        "intent, priority, target_words, grp_id, parent_id, position, queries) "
                                        "SELECT id, ?2, ?3, title, slug, summary, coalesce ((SELECT text FROM body WHERE article_id = id), ''), "
                                        "words, kind, status, intent, priority, "
                                        "target_words, grp_id, parent_id, position, queries FROM article WHERE id = ?1",
                                        article_id, reason ? reason : "manual", error))
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
  GPtrArray *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (self), NULL);

  stmt = _topiary_project_get_statement (self,
                                         "SELECT id, article_id, created, reason, title, words FROM revision "
                                         "WHERE article_id = ? ORDER BY created DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_revision_info_free);
  sqlite3_bind_int64 (stmt, 1, article_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
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
  sqlite3_reset (stmt);
  return list;
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
                                         "EXISTS (SELECT 1 FROM article WHERE id = r.article_id) "
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
      if (!_topiary_project_step_done (self, stmt, error))
        goto out;
    }
  ok = TRUE;
  _topiary_project_mark_changed (self, CHANGED_ARTICLES);

out:
  if (!_topiary_project_finish (self, ok, error))
    return 0;
  return article_id;
}

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
