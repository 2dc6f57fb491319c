/* topiary-project-private.h — what topiary-project.c lends the other parts
 * of the project (the files in topiary-media.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "topiary-project.h"

G_BEGIN_DECLS

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

G_END_DECLS
