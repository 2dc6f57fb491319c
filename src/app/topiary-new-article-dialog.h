/* topiary-new-article-dialog.h — the title, kind and group of a new article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-map-edit.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_NEW_ARTICLE_DIALOG (topiary_new_article_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryNewArticleDialog, topiary_new_article_dialog, TOPIARY, NEW_ARTICLE_DIALOG, AdwMessageDialog)

/* Asks for a new article's title, kind and group, starting from where the
 * map's rules put an article next to @near_article_id, else in @group_id
 * (topiary_map_edit_new_place()). Answers "ok" or "cancel" (the
 * "response" signal); NULL, with @error set, when the project cannot be
 * read. */
TopiaryNewArticleDialog *topiary_new_article_dialog_new (GtkWindow       *parent,
                                                         TopiaryProject  *project,
                                                         gint64           near_article_id,
                                                         gint64           group_id,
                                                         GError         **error);

/* The title entered, stripped ("" for none). */
char                    *topiary_new_article_dialog_dup_title (TopiaryNewArticleDialog *self);
/* The kind and group chosen, and the parent the rules give a cluster. */
void                     topiary_new_article_dialog_get_place (TopiaryNewArticleDialog *self,
                                                               TopiaryNewPlace         *place);

G_END_DECLS
