/* topiary-project.c — the *.topiary SQLite project file: the object, its
 * connection and statements, closing, transactions, change signals, the
 * map's fields and the list helpers of its parts (topiary-project-*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "topiary-limits.h"
#include "topiary-project.h"
#include "topiary-project-file-private.h"
#include "topiary-project-private.h"

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
  self->claim_fd = -1;
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

  _topiary_project_unwatch (self);
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
  _topiary_project_release_claim (self);
  _topiary_project_fds_release (self);
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

guint
_topiary_project_count (TopiaryProject  *self,
                        const char      *sql,
                        GError         **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (!_topiary_project_check_open (self, error))
    return 0;
  stmt = _topiary_project_get_statement (self, sql, error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!_topiary_project_finish_rows (self, stmt, rc, error))
    return 0;
  return n;
}
