/* topiary-file-list.h — the article's images and files, in the details
 * panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_FILE_LIST (topiary_file_list_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryFileList, topiary_file_list, TOPIARY, FILE_LIST, GtkWidget)

/* Shows the files of @article_id (0: none) in @project. */
void        topiary_file_list_set_article (TopiaryFileList *self,
                                           TopiaryProject  *project,
                                           gint64           article_id);
/* The article's Markdown as the editor has it now, saved or not: where
 * the alt texts and the used-or-not come from. */
void        topiary_file_list_set_text    (TopiaryFileList *self,
                                           const char      *markdown);
/* The row of the file called @name ("images/a.png"), for tests and
 * accessibility checks; NULL when there is none. */
GtkWidget  *topiary_file_list_get_row     (TopiaryFileList *self,
                                           const char      *name);

G_END_DECLS
