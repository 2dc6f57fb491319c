/* topiary-portal.h — paths handed out by the document portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @path (which need not exist) lies inside a document portal
 * mount (a "fuse.portal" file system, e.g. /run/user/UID/doc/ID/NAME in a
 * Flatpak): a file or folder the user picked in the file chooser. Such a
 * path is the document's own name and must be used as it is. */
gboolean topiary_portal_is_document (const char *path);

/* Writes back to their documents the changes that processes killed before
 * their write-back left in working copies (see topiary-portal.c), for the
 * documents that are still there. Returns how many were written back.
 * Opening such a document does the same for it alone. */
guint    topiary_portal_recover     (void);

G_END_DECLS
