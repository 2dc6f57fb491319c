/* topiary-media-edit.h — adding a file checked in another thread, and
 * renaming or replacing an article's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checking an image decodes it, which takes a while for a large photo; a
 * TopiaryCheckedFile is that check done without a project, so the app
 * runs it in a worker thread and then stores the result on the project's
 * thread, where only the quick database work is left.
 */
#pragma once

#include "topiary-media.h"

G_BEGIN_DECLS

typedef struct _TopiaryCheckedFile TopiaryCheckedFile;

/* Checks @data called @name as topiary_media_check() does. Thread-safe:
 * it touches no project. NULL with @error set when the file is refused. */
TopiaryCheckedFile *topiary_checked_file_new        (const char          *name,
                                                     GBytes              *data,
                                                     GError             **error);
/* The same for the regular file @path (read once, at most
 * TOPIARY_MEDIA_MAX_SIZE bytes). Thread-safe. */
TopiaryCheckedFile *topiary_checked_file_new_for_path (const char        *path,
                                                       GError           **error);
void                topiary_checked_file_free       (TopiaryCheckedFile  *file);
/* The basename it was checked under ("Screen Shot.PNG"). */
const char         *topiary_checked_file_get_name   (const TopiaryCheckedFile *file);
const char         *topiary_checked_file_get_mime   (const TopiaryCheckedFile *file);
/* The bytes that will be stored (a sanitised copy for an SVG). */
GBytes             *topiary_checked_file_get_data   (const TopiaryCheckedFile *file);
guint               topiary_checked_file_get_width  (const TopiaryCheckedFile *file);
guint               topiary_checked_file_get_height (const TopiaryCheckedFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryCheckedFile, topiary_checked_file_free)

/* Stores @file for the article as topiary_project_add_file() would, without
 * checking it again. */
TopiaryFileInfo    *topiary_project_add_checked_file (TopiaryProject           *self,
                                                      gint64                    article_id,
                                                      const TopiaryCheckedFile *file,
                                                      GError                  **error);

/* @text with every link and image destination that names @old_name
 * ("images/a.png", "./images/a.png", any case) pointing at @new_name
 * instead, keeping a leading "./"; NULL when none does. @n_changed may be
 * NULL. Fenced code blocks and prose are left alone. */
char               *topiary_media_rewrite_refs      (const char  *text,
                                                     const char  *old_name,
                                                     const char  *new_name,
                                                     guint       *n_changed);

/* Gives the file @file_id the name made from @new_name (its stem, made
 * readable, in the file's folder and with its extension: "Site map" →
 * "images/site-map.png") and rewrites its article's links to it, in one
 * transaction. Refuses a name another file of the article has. Returns the
 * renamed file; @n_links (may be NULL) says how many links changed. */
TopiaryFileInfo    *topiary_project_rename_file     (TopiaryProject  *self,
                                                     gint64           file_id,
                                                     const char      *new_name,
                                                     guint           *n_links,
                                                     GError         **error);

/* Puts the content of @file in place of the file @file_id's, keeping its
 * name and cover; when the type changes, the extension changes with it
 * and the article's links follow, in the same transaction. */
TopiaryFileInfo    *topiary_project_replace_file    (TopiaryProject           *self,
                                                     gint64                    file_id,
                                                     const TopiaryCheckedFile *file,
                                                     GError                  **error);

G_END_DECLS
