/* topiary-details.h — the fields of the article being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-brief-checklist.h"
#include "topiary-file-list.h"
#include "topiary-map-tree.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_DETAILS (topiary_details_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryDetails, topiary_details, TOPIARY, DETAILS, GtkWidget)

#define TOPIARY_SUMMARY_MAX 160

void            topiary_details_set_project (TopiaryDetails *self,
                                             TopiaryProject *project);
/* Where the pillars of a group are looked up. */
void            topiary_details_set_tree    (TopiaryDetails *self,
                                             TopiaryMapTree *tree);
/* The project changed elsewhere: show the article as it is now, unless
 * the user has unsaved edits here. */
void            topiary_details_project_changed (TopiaryDetails *self);
/* 0 clears the panel. */
void            topiary_details_set_article (TopiaryDetails *self,
                                             gint64          article_id);
/* The article as last saved or loaded; NULL when none. */
TopiaryArticle *topiary_details_get_article (TopiaryDetails *self);
/* How the text follows the article's brief. */
TopiaryBriefChecklist *topiary_details_get_checklist (TopiaryDetails *self);
/* The article's images and files. */
TopiaryFileList *topiary_details_get_file_list (TopiaryDetails *self);
/* Writes pending changes now. */
gboolean        topiary_details_save        (TopiaryDetails *self,
                                             GError        **error);

G_END_DECLS
