/* topiary-import-fs-private.h — reading only what lies inside an imported folder
 *
 * A folder to import may hold links to files outside it (/etc/passwd), to
 * devices (/dev/zero), FIFOs that block forever, and files of gigabytes. The
 * walk asks _topiary_import_fs_classify() about every name; only FILE is
 * read, and only through _topiary_import_fs_read(), which opens without
 * following a link or waiting on a FIFO, checks that it opened the regular
 * file the walk saw (device and inode), and reads at most a size limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  dev_t dev;
  ino_t ino;
} TopiaryFileId;

typedef enum {
  TOPIARY_IMPORT_FS_FILE,            /* a regular file, or a link to one inside */
  TOPIARY_IMPORT_FS_FOLDER,          /* a folder, not through a link */
  TOPIARY_IMPORT_FS_LINK_FOLDER,     /* a link to a folder inside: not followed */
  TOPIARY_IMPORT_FS_LINK_OUT,        /* a link to a file outside */
  TOPIARY_IMPORT_FS_LINK_OUT_FOLDER, /* a link to a folder outside */
  TOPIARY_IMPORT_FS_LINK_BROKEN,     /* dangling, or a loop of links */
  TOPIARY_IMPORT_FS_SPECIAL,         /* a FIFO, device or socket, or a link to one */
  TOPIARY_IMPORT_FS_TOO_LARGE,       /* a regular file over the limit */
  TOPIARY_IMPORT_FS_GONE,            /* vanished or unreadable while listed */
} TopiaryImportFsKind;

/* The real path (symbolic links resolved) of the folder @path, or NULL. */
char *_topiary_import_fs_real_folder (const char *path);

/* TRUE when the real path @real is @real_base or lies below it. */
gboolean _topiary_import_fs_is_inside (const char *real,
                                       const char *real_base);

/* What @path is, without following a link out of @real_base. For FILE,
 * *read_path is the path to read (the link's target when @path is a link)
 * and *id the file's identity; FOLDER also sets *id. Files larger than
 * @max_size are TOO_LARGE. */
TopiaryImportFsKind _topiary_import_fs_classify (const char    *path,
                                                 const char    *real_base,
                                                 goffset        max_size,
                                                 char         **read_path,
                                                 TopiaryFileId *id);

/* Reads at most @max bytes of @path, which must still be the regular file
 * @id. *complete tells whether that is all of it. The result is
 * NUL-terminated; *length excludes the NUL. */
char *_topiary_import_fs_read (const char           *path,
                               const TopiaryFileId  *id,
                               gsize                 max,
                               gboolean             *complete,
                               gsize                *length,
                               GError              **error);

G_END_DECLS
