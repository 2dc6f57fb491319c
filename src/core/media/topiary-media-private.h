/* topiary-media-private.h — the files' side of deleting and restoring an
 * article, for topiary-project-articles.c
 * and topiary-project-revisions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-project.h"

G_BEGIN_DECLS

/* Inside the delete's transaction: the article's files stay, held by the
 * snapshot @revision_id, until it is restored or they are removed as
 * unused. */
gboolean _topiary_media_article_deleted  (TopiaryProject  *self,
                                          gint64           article_id,
                                          gint64           revision_id,
                                          GError         **error);
/* Inside the restore's transaction: the files a deleted article held
 * (any of its revisions, @revision_id among them) go to @article_id. */
gboolean _topiary_media_article_restored (TopiaryProject  *self,
                                          gint64           revision_id,
                                          gint64           article_id,
                                          GError         **error);

G_END_DECLS
