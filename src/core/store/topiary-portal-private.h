/* topiary-portal-private.h — projects and folders reached through the
 * document portal (a Flatpak's files picked in the file chooser)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "topiary-portal.h"

G_BEGIN_DECLS

/* TRUE when @path is a document itself (a file or folder the user picked),
 * not something inside a picked folder: nothing can be made beside it,
 * and it cannot be renamed. */
gboolean _topiary_portal_is_document_root (const char *path);

/* Like open()/openat() with O_NOFOLLOW, also on the document portal
 * before 1.18, which answers O_NOFOLLOW on an existing file with ELOOP:
 * there the file is looked up without following a link (O_PATH) and,
 * when it is no link, opened through that descriptor. @flags must not
 * hold O_CREAT. */
int      _topiary_portal_open_nofollow   (const char *path,
                                          int         flags);
int      _topiary_portal_openat_nofollow (int         dfd,
                                          const char *name,
                                          int         flags);

/* The working copy of a project reached through the portal: an ordinary
 * SQLite file in the app's private data folder, where WAL and locks work,
 * written back to the document by an atomic replace after each commit. */
typedef struct _TopiaryPortalCopy TopiaryPortalCopy;

/* Finds or makes the working copy of the document @path. With @create a
 * missing document gets an empty working copy. *@write_back is set when
 * the working copy holds changes the document lacks (a new project, or
 * changes left by a process that was killed). */
TopiaryPortalCopy *_topiary_portal_copy_open       (const char         *path,
                                                    gboolean            create,
                                                    gboolean           *write_back,
                                                    GError            **error);
const char        *_topiary_portal_copy_get_path   (TopiaryPortalCopy  *copy);
/* Records, durably, that the working copy is about to get changes the
 * document lacks; called before every write. */
gboolean           _topiary_portal_copy_mark_dirty (TopiaryPortalCopy  *copy,
                                                    GError            **error);
/* Replaces the document with what @db (the open working copy) holds. */
gboolean           _topiary_portal_copy_write_back (TopiaryPortalCopy  *copy,
                                                    sqlite3            *db,
                                                    GError            **error);
/* Writes back when there is something to write: at once with @now or
 * outside a running main loop, otherwise paced to the write-back's cost
 * (a timer in the thread's main context writes back later). */
gboolean           _topiary_portal_copy_sync       (TopiaryPortalCopy  *copy,
                                                    sqlite3            *db,
                                                    gboolean            now,
                                                    GError            **error);
gboolean           _topiary_portal_copy_is_dirty   (TopiaryPortalCopy  *copy);
/* After the working copy's database is closed: removes it when nothing
 * remains to write back and no other process uses it. Frees @copy. */
void               _topiary_portal_copy_free       (TopiaryPortalCopy  *copy);

G_END_DECLS
