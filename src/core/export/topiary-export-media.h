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

/* Site: renditions are kept in (and taken from) the folder @cache
 * (topiary-export-rendition-cache.c); NULL, the default, keeps none. */
void                topiary_export_media_set_cache    (TopiaryExportMedia      *m,
                                                       const char              *cache);
/* Site: writes each content the article uses once, as
 * "media/<name>-<hash>.<ext>" (a readable name that cannot clash), and
 * remembers where. Call for every exported article before its page. */
gboolean            topiary_export_media_write_site   (TopiaryExportMedia      *m,
                                                       gint64                   article_id,
                                                       TopiaryExportWriteFunc   write,
                                                       gpointer                 user_data,
                                                       GError                 **error);
/* Where the site has (or will have) @info's content ("media/…"). */
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

/* Site: waits until every rendition is written; FALSE with the first
 * failure. Called before the site is complete. */
gboolean            topiary_export_media_finish_site  (TopiaryExportMedia  *m,
                                                       GError             **error);

/* The smaller copy of @info for the site ("media/…-800w.png") and its
 * size, or NULL for an image that gets none. */
const char         *topiary_export_media_rendition    (TopiaryExportMedia    *m,
                                                       const TopiaryFileInfo *info,
                                                       guint                 *width,
                                                       guint                 *height);

/* The alt text the article's Markdown @body gives its cover image, kept
 * for the cards of the group and home pages. */
void                topiary_export_media_note_cover_alt (TopiaryExportMedia *m,
                                                         gint64              article_id,
                                                         const char         *body);
/* For an exported article with a cover: {src, width, height, alt} from
 * @root, the smaller copy when there is one; else NULL. */
JsonObject         *topiary_export_media_card         (TopiaryExportMedia  *m,
                                                       gint64               article_id,
                                                       const char          *root);

/* JSON: "files": [{name, type, size, sha256, width, height, cover}], and
 * with @with_data each file's bytes in base64 ("data"). */
gboolean            topiary_export_media_add_json     (TopiaryExportMedia  *m,
                                                       gint64               article_id,
                                                       gboolean             with_data,
                                                       JsonBuilder         *b,
                                                       GError             **error);

/* ---- renditions (topiary-export-rendition.c) ---- */

/* Only PNG and JPEG images wider than this get a smaller copy, this wide. */
#define TOPIARY_EXPORT_RENDITION_OVER 1200
#define TOPIARY_EXPORT_RENDITION_WIDTH 800
/* What the site's images take in the default theme's column, for sizes="". */
#define TOPIARY_EXPORT_RENDITION_SIZES "(max-width: 40rem) 100vw, 40rem"

typedef struct _TopiaryExportRenditions TopiaryExportRenditions;

/* TRUE when @info gets a rendition, and its size. */
gboolean  topiary_export_rendition_size    (const TopiaryFileInfo   *info,
                                            guint                   *width,
                                            guint                   *height);
/* Worker threads that scale images and write them with @write, keeping
 * the copies in the cache folder @cache (NULL: none). */
TopiaryExportRenditions *
          topiary_export_renditions_new    (TopiaryExportWriteFunc   write,
                                            gpointer                 user_data,
                                            const char              *cache);
/* Scales @data (the original, of type @mime, whose SHA-256 is @sha256)
 * to @width × @height, or takes the copy an earlier export cached, and
 * writes it as @relpath, on a worker thread; waits while many are queued. */
void      topiary_export_renditions_add    (TopiaryExportRenditions *r,
                                            const char              *relpath,
                                            const char              *sha256,
                                            GBytes                  *data,
                                            const char              *mime,
                                            guint                    width,
                                            guint                    height);
/* Waits for all; FALSE with the earliest failure. */
gboolean  topiary_export_renditions_finish (TopiaryExportRenditions *r,
                                            GError                 **error);
/* Drops what has not started, waits for the rest. */
void      topiary_export_renditions_free   (TopiaryExportRenditions *r);
/* Renditions scaled so far in this process (for the tests). */
guint     topiary_export_renditions_scaled (void);

/* ---- the renditions kept between exports (topiary-export-rendition-cache.c) ---- */

/* The copy of the original whose SHA-256 is @sha256 at @width × @height
 * that an earlier export kept in the cache folder @cache, or NULL (none,
 * not intact, or @cache NULL). */
GBytes   *topiary_export_rendition_cache_get (const char *cache,
                                              const char *sha256,
                                              const char *mime,
                                              guint       width,
                                              guint       height);
/* Keeps @rendition in @cache for the next export; a failure is only
 * logged. */
void      topiary_export_rendition_cache_put (const char *cache,
                                              const char *sha256,
                                              const char *mime,
                                              guint       width,
                                              guint       height,
                                              GBytes     *rendition);

G_END_DECLS
