/* topiary-project-private.h — what the files of TopiaryProject share
 * (topiary-project*.c), and what they lend the other parts of the project
 * (the files in topiary-media.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include <sqlite3.h>

#include "topiary-link.h"
#include "topiary-portal-private.h"
#include "topiary-project.h"

G_BEGIN_DECLS

/* ---- for the other parts of the project ---- */

/* NULL once closed. */
sqlite3      *_topiary_project_get_db         (TopiaryProject  *self);
/* A statement prepared once and kept, reset and unbound; @sql must be a
 * literal. */
sqlite3_stmt *_topiary_project_statement      (TopiaryProject  *self,
                                               const char      *sql,
                                               GError         **error);
/* Steps a statement that returns no rows (or ignores them) and resets it. */
gboolean      _topiary_project_step_done      (TopiaryProject  *self,
                                               sqlite3_stmt    *stmt,
                                               GError         **error);
/* Sets @error from a SQLite result code; returns FALSE. */
gboolean      _topiary_project_sqlite_error   (TopiaryProject  *self,
                                               int              rc,
                                               GError         **error);
gboolean      _topiary_project_check_writable (TopiaryProject  *self,
                                               GError         **error);
/* Ends a transaction opened with topiary_project_begin(): commits when @ok,
 * else rolls back and returns FALSE. */
gboolean      _topiary_project_finish         (TopiaryProject  *self,
                                               gboolean         ok,
                                               GError         **error);
/* "changed::files", at the outermost commit. */
void          _topiary_project_files_changed  (TopiaryProject  *self);

/* ---- only for the files of TopiaryProject (topiary-project*.c) ---- */

struct _TopiaryProject
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, prepared once */
  char       *copy_dir;     /* a private copy being read, removed on close */
  guint       depth;        /* nesting of topiary_project_begin() */
  guint       pending;      /* ChangeFlags to announce at the outer commit */
  guint       read_only : 1;
  guint       failed : 1;   /* an inner level rolled back */
  guint       reading;      /* nesting of topiary_project_begin_read() */
  guint       read_txn : 1; /* ... which opened a read transaction */
  TopiaryPortalCopy *portal; /* a document portal file's working copy */

  /* Wiki-link targets, built when first needed and kept while no title,
   * slug or order changes: here (generation) or in another connection
   * (PRAGMA data_version). */
  TopiaryLinkIndex *links;
  guint64           generation;       /* bumped by every change of articles */
  guint64           links_generation;
  gint64            links_data_version;

  /* Other writers (topiary-project-watch.c). */
  GFileMonitor     *monitors[2];      /* the file and its write-ahead log */
  guint             watch_source;
  gint64            seen_data_version;
  int               claim_fd;         /* -1 while the map is not claimed */

  /* Counted among the connections to its file (topiary-project-fds.c). */
  gboolean          fds_held;
  dev_t             fds_dev;
  ino_t             fds_ino;
};

/* topiary-project-fds.c: a descriptor of a project file is closed with
 * _topiary_project_fds_close(), which keeps it open while a connection of
 * this process (counted by _hold/_release) has that file open. */
void _topiary_project_fds_hold    (TopiaryProject *self);
void _topiary_project_fds_release (TopiaryProject *self);
void _topiary_project_fds_close   (int             fd);
/* TRUE while a connection of this process has the file at @path open. */
gboolean _topiary_project_fds_is_held (const char *path);

typedef enum {
  CHANGED_MAP      = 1 << 0,
  CHANGED_NOTES    = 1 << 1,
  CHANGED_GROUPS   = 1 << 2,
  CHANGED_ARTICLES = 1 << 3,
  CHANGED_FILES    = 1 << 4,
} ChangeFlags;

/* Runs the outermost level of an API call; on failure rolls back. */
#define BEGIN_OR_FAIL(self, error, ret) \
  G_STMT_START { if (!topiary_project_begin ((self), (error))) return (ret); } G_STMT_END

/* topiary-project.c: the connection, statements, changes. */
/* The statement kept for @sql; the project must be open. */
sqlite3_stmt *_topiary_project_get_statement  (TopiaryProject  *self,
                                               const char      *sql,
                                               GError         **error);
gboolean      _topiary_project_exec           (TopiaryProject  *self,
                                               const char      *sql,
                                               GError         **error);
/* For a read: TRUE when the project is open, else sets "closed". */
gboolean      _topiary_project_check_open     (TopiaryProject  *self,
                                               GError         **error);
/* Ends a loop of sqlite3_step(): TRUE when it ran to the end, else the
 * error it stopped at. */
gboolean      _topiary_project_finish_rows    (TopiaryProject  *self,
                                               sqlite3_stmt    *stmt,
                                               int              rc,
                                               GError         **error);
/* "" for NULL. */
const char   *_topiary_project_text_column    (sqlite3_stmt    *stmt,
                                               int              col);
/* The text in the first column of the row @sql selects for @id: NULL when
 * there is no such row or the project is closed, with @error set only when
 * SQLite fails. */
char         *_topiary_project_select_text_by_id (TopiaryProject *self,
                                                  const char     *sql,
                                                  gint64          id,
                                                  GError        **error);
gint64        _topiary_project_now            (void);
void          _topiary_project_mark_changed   (TopiaryProject  *self,
                                               ChangeFlags      flags);
/* For a change made outside any transaction: it is committed already. */
void          _topiary_project_announce       (TopiaryProject  *self,
                                               ChangeFlags      flags);
/* A portal document gets what was committed to its working copy. */
gboolean      _topiary_project_write_back     (TopiaryProject  *self,
                                               gboolean         now,
                                               GError         **error);

/* The limits of topiary-limits.h, in the words the app shows. */
typedef enum {
  LIMIT_TITLE,
  LIMIT_TEXT,
  LIMIT_QUERY,
} Limit;

gboolean      _topiary_project_check_length   (const char      *text,
                                               Limit            limit,
                                               GError         **error);
gboolean      _topiary_project_check_body     (const char      *body,
                                               GError         **error);
gboolean      _topiary_project_validate_title (const char      *title,
                                               gboolean         is_group,
                                               GError         **error);

/* Lists. Makes a new object of one row; the caller owns it. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);
/* Appends what the project holds of one kind to a store. */
typedef gboolean (*FillFunc) (TopiaryProject  *self,
                              GListStore      *store,
                              GError         **error);

/* Appends to @store the object @from_row makes of each row @sql returns. */
gboolean      _topiary_project_fill_rows      (TopiaryProject  *self,
                                               GListStore      *store,
                                               const char      *sql,
                                               RowFunc          from_row,
                                               GError         **error);
/* All of one kind, or NULL with @error set when any of it could not be read. */
GListModel   *_topiary_project_list_full      (TopiaryProject  *self,
                                               GType            type,
                                               FillFunc         fill,
                                               GError         **error);
/* The number the one-row, one-column query @sql returns; 0 with @error
 * set when it could not be read. */
guint         _topiary_project_count          (TopiaryProject  *self,
                                               const char      *sql,
                                               GError         **error);

/* Slugs: @table_sql is one of these. */
#define ARTICLE_SLUG_TAKEN "SELECT 1 FROM article WHERE slug = ? AND id != ?"
#define GROUP_SLUG_TAKEN "SELECT 1 FROM grp WHERE slug = ? AND id != ?"

char         *_topiary_project_unique_slug    (TopiaryProject  *self,
                                               const char      *table_sql,
                                               const char      *base_text,
                                               gint64           except_id);

/* Moves a row of grp or article to @new_pos in a dense 1-based order. */
gboolean      _topiary_project_reposition     (TopiaryProject  *self,
                                               gboolean         is_group,
                                               gint64           id,
                                               gint64           new_pos,
                                               GError         **error);

/* topiary-project-revisions.c: runs @sql, an INSERT INTO revision of the
 * rows its ?1 selects, with ?2 the time and ?3 the reason. */
/* Stops watching for other writers; lets go of the claim (after the
 * connection is closed). */
void          _topiary_project_unwatch       (TopiaryProject  *self);
void          _topiary_project_release_claim (TopiaryProject  *self);
/* Keeps the article's current state as a revision with @reason. */
gboolean      _topiary_project_snapshot_article (TopiaryProject  *self,
                                                 gint64           article_id,
                                                 const char      *reason,
                                                 GError         **error);
gboolean      _topiary_project_snapshot_where (TopiaryProject  *self,
                                               const char      *sql,
                                               gint64           id,
                                               const char      *reason,
                                               GError         **error);

/* topiary-project-dismissals.c: keeps with the "delete" snapshot
 * @revision_id the dismissals that name @article_id, either side (its
 * delete cascades them away). */
gboolean      _topiary_project_keep_dismissals (TopiaryProject  *self,
                                                gint64           article_id,
                                                gint64           revision_id,
                                                GError         **error);
/* The deleted article @old_id came back from @revision_id as @new_id: the
 * dismissals kept with any snapshot follow it to @new_id, and those of
 * @revision_id whose other article exists come back. */
gboolean      _topiary_project_restore_dismissals (TopiaryProject  *self,
                                                   gint64           revision_id,
                                                   gint64           old_id,
                                                   gint64           new_id,
                                                   GError         **error);

/* topiary-project-articles.c: keeps the full-text index in step with an
 * article row (@add FALSE before its text changes or goes, TRUE after). */
gboolean      _topiary_project_fts_sync       (TopiaryProject  *self,
                                               gint64           id,
                                               gboolean         add,
                                               GError         **error);

/* topiary-project-schema.c */
gboolean      _topiary_project_migrate        (TopiaryProject  *self,
                                               gint64           from,
                                               GError         **error);
/* A file of an older format opened read-only is not migrated: these
 * temporary views give its tables the columns later formats added, with
 * their defaults, so the same queries read it (topiary-project-schema.c). */
gboolean      _topiary_project_compat_views   (TopiaryProject  *self,
                                               gint64           version,
                                               GError         **error);
void          _topiary_project_ensure_indexes (TopiaryProject  *self);

G_END_DECLS
