/* topiary-export-media.h — the project's images and files in an export
 * (private to the exporter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-export-private.h"
#include "topiary-media.h"

G_BEGIN_DECLS

typedef struct _TopiaryExportMedia TopiaryExportMedia;

/* The files of every article in @project (read inside the export's read
 * transaction). */
TopiaryExportMedia *topiary_export_media_new          (TopiaryProject      *project,
                                                       GError             **error);
void                topiary_export_media_free         (TopiaryExportMedia  *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryExportMedia, topiary_export_media_free)

/* The article's files (TopiaryFileInfo), or NULL for none. */
GPtrArray          *topiary_export_media_files        (TopiaryExportMedia  *m,
                                                       gint64               article_id);
const TopiaryFileInfo *topiary_export_media_cover     (TopiaryExportMedia  *m,
                                                       gint64               article_id);

/* Site: writes each content the article uses once, as
 * "media/<name>-<hash>.<ext>" (a readable name that cannot clash), and
 * remembers where. Call for every exported article before its page. */
gboolean            topiary_export_media_write_site   (TopiaryExportMedia      *m,
                                                       gint64                   article_id,
                                                       TopiaryExportWriteFunc   write,
                                                       gpointer                 user_data,
                                                       GError                 **error);
/* Where the site has @info's content ("media/…"), or NULL before
 * topiary_export_media_write_site(). */
const char         *topiary_export_media_site_path    (TopiaryExportMedia      *m,
                                                       const TopiaryFileInfo   *info);

/* @html (the rendered article) with every <img src> and <a href> naming
 * one of the article's files pointing at @root + its media path instead;
 * images get width and height, and all but the first loading="lazy".
 * NULL when nothing was changed. */
char               *topiary_export_media_rewrite_html (TopiaryExportMedia  *m,
                                                       gint64               article_id,
                                                       const char          *html,
                                                       const char          *root);

/* Hugo: writes the article's files beside its index.md in @bundle
 * ("content/group/slug/"). */
gboolean            topiary_export_media_write_bundle (TopiaryExportMedia      *m,
                                                       gint64                   article_id,
                                                       const char              *bundle,
                                                       TopiaryExportWriteFunc   write,
                                                       gpointer                 user_data,
                                                       GError                 **error);

/* JSON: "files": [{name, type, size, sha256, width, height, cover}]. */
void                topiary_export_media_add_json     (TopiaryExportMedia  *m,
                                                       gint64               article_id,
                                                       JsonBuilder         *b);

G_END_DECLS
