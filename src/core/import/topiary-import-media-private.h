/* topiary-import-media-private.h — the images and files an imported
 * article uses, for the Hugo/Jekyll importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-project.h"

G_BEGIN_DECLS

/* A file an article refers to, read and checked before it is stored. */
typedef struct _TopiaryImportPrepared TopiaryImportPrepared;

/* Reads, checks and hashes the files @body refers to, as
 * _topiary_import_media() would, but without the project, so that the
 * read-ahead thread does it while the main thread writes: url →
 * TopiaryImportPrepared *, or NULL when @body refers to none. *bytes is
 * what the table holds of files. */
GHashTable *_topiary_import_media_prepare (const char *body,
                                           const char *md_path,
                                           const char *site_root,
                                           const char *real_base,
                                           const char *article_rel,
                                           gsize      *bytes);

/* Brings into @article_id the files its @body (read from @md_path) shows
 * or links to: a path beside the Markdown file (a page bundle), or under
 * the site's static/ or assets/ (a "/…" path there or at the site root).
 * Only regular files whose real path lies inside @real_base are read; the
 * rest get a warning (char *, appended to @warnings) naming @article_rel.
 * Returns the body with each link changed to the file's name in the
 * project, or NULL when nothing changed. The files found in @prepared
 * (from _topiary_import_media_prepare(), or NULL) are not read again. */
char *_topiary_import_media (TopiaryProject *project,
                             gint64          article_id,
                             const char     *body,
                             const char     *md_path,
                             const char     *site_root,
                             const char     *real_base,
                             const char     *article_rel,
                             GHashTable     *prepared,
                             GPtrArray      *warnings);

G_END_DECLS
