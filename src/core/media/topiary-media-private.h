/* topiary-media-private.h — the files' side of deleting and restoring an
 * article, for topiary-project-articles.c
 * and topiary-project-revisions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-media.h"
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

/* Stores @stored, already checked by topiary_media_check() (type @mime,
 * @width × @height pixels), for the article, as topiary_project_add_file()
 * does after its check (topiary-media.c). @sha256 is its hash from
 * _topiary_media_sha256(), or NULL to have it computed here. */
TopiaryFileInfo *_topiary_media_store     (TopiaryProject  *self,
                                           gint64           article_id,
                                           const char      *name,
                                           GBytes          *stored,
                                           const char      *mime,
                                           guint            width,
                                           guint            height,
                                           const char      *sha256,
                                           GError         **error);
/* The SHA-256 of @data in lowercase hex, as GChecksum writes it, with
 * nettle's implementation (which uses the processor's SHA instructions
 * where there are some: a third of GLib's time or less); any thread. */
char            *_topiary_media_sha256    (GBytes          *data);
/* The bytes of the regular file @path, at most TOPIARY_MEDIA_MAX_SIZE
 * of them; needs no project, so it runs in any thread. */
GBytes          *_topiary_media_read_path (const char      *path,
                                           GError         **error);

G_END_DECLS
