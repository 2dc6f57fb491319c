/* topiary-project-file-private.h — the project file on disk, for
 * topiary-project.c and topiary-project-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Looks at the 100-byte SQLite header before SQLite touches the file and
 * refuses what is surely not ours: not a regular file, not SQLite, another
 * application's, a newer Topiary's, an impossible page size. *is_new: the
 * file is empty. *verify: its size disagrees with the header (a checkpoint
 * cut short, or a truncated copy); only SQLite, which replays the WAL, can
 * tell which, so the caller runs PRAGMA quick_check. */
gboolean _topiary_project_file_check_header (const char  *path,
                                             gboolean    *is_new,
                                             gboolean    *verify,
                                             GError     **error);

/* Creates @path empty, with the permissions the umask gives any new file.
 * FALSE with errno set when it cannot (EEXIST included). */
gboolean _topiary_project_file_create (const char *path);

/* TRUE when this process may change @path and create files beside it. */
gboolean _topiary_project_file_can_write (const char *path);

/* TRUE when the disk holding @path has no room for a -wal and -shm. */
gboolean _topiary_project_file_disk_full (const char *path);

/* TRUE when -wal beside @path holds at least part of a frame. */
gboolean _topiary_project_file_wal_has_frames (const char *path);

/* A -wal or -shm left not writable beside a writable project (a read-only
 * reader of an older Topiary made them with the file's mode back then)
 * makes every write fail: give them the project's mode when they are ours. */
void _topiary_project_file_repair_leftovers (const char *path);

/* Opens @path for reading without creating or changing anything beside
 * it, for a project this process may not write or whose disk is full.
 * On success *copy_dir is set when a private copy had to be made (the
 * caller deletes it with _topiary_project_file_free_copy() after closing). */
int _topiary_project_file_open_read_only (const char  *path,
                                          sqlite3    **db,
                                          char       **copy_dir);

/* Deletes the private copy and frees @copy_dir. */
void _topiary_project_file_free_copy (char *copy_dir);

G_END_DECLS
