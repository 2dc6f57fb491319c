/* topiary-export.h — publish a map: static site, Hugo content, CSV, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site and Hugo formats write a folder. It is built in a temporary
 * folder beside DIR and moved into place only when complete, so a failed
 * or interrupted export leaves the previous one as it was. A DIR that
 * exists, is not empty and does not carry the TOPIARY_EXPORT_MARKER file of
 * an earlier export is only replaced with @force. Nothing is written
 * outside DIR, whatever the slugs or the theme contain.
 *
 * The CSV and JSON formats write one file: DIR itself, or, when DIR is an
 * existing folder, a file named after the map inside it.
 */
#pragma once

#include <gio/gio.h>

#include "topiary-import.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_EXPORT_ERROR (topiary_export_error_quark ())
GQuark topiary_export_error_quark (void);

typedef enum {
  TOPIARY_EXPORT_ERROR_EXISTS,        /* DIR is not an earlier export: use force */
  TOPIARY_EXPORT_ERROR_NOT_WRITABLE,  /* DIR or its parent cannot be written */
  TOPIARY_EXPORT_ERROR_THEME,         /* missing theme folder, broken template */
  TOPIARY_EXPORT_ERROR_UNRESOLVED,    /* strict: a wiki link leads nowhere */
  TOPIARY_EXPORT_ERROR_FAILED,
} TopiaryExportError;

typedef enum {
  TOPIARY_EXPORT_SITE,  /* static website from the theme's templates */
  TOPIARY_EXPORT_HUGO,  /* content/<group>/<slug>.md with YAML front matter */
  TOPIARY_EXPORT_CSV,   /* the plan, one row per article (RFC 4180) */
  TOPIARY_EXPORT_JSON,  /* the whole project, see docs/export-json.md */
} TopiaryExportFormat;

/* The file an earlier site or Hugo export leaves in its folder. */
#define TOPIARY_EXPORT_MARKER ".topiary-export"

typedef struct {
  TopiaryExportFormat format;
  gboolean            drafts;     /* also planned and unfinished articles (noindex / draft), not ideas */
  gboolean            force;      /* replace a DIR that is not an earlier export */
  gboolean            strict;     /* an unresolved wiki link fails the export */
  const char         *base_url;   /* NULL: the map's "base_url" field */
  const char         *theme_dir;  /* NULL: the bundled default theme */
  /* When set, one-line warnings (char *, freed with g_free) are appended:
   * unresolved wiki links and the like. */
  GPtrArray          *warnings;
  /* When set, receives on success what was written, newly allocated (free
   * with g_free): DIR for a site or Hugo export, the file for CSV and JSON,
   * which may be a file inside DIR. Left alone on failure. */
  char              **output_path;
  /* When set, an earlier export that DIR held is not deleted: it is left
   * in a hidden folder beside DIR, whose path is stored here (free with
   * g_free; set to NULL first, and stays NULL when nothing was replaced), for the caller to remove with
   * topiary_export_remove_replaced() once the user has been told the new
   * export is in place. Deleting 20,000 files takes seconds. */
  char              **replaced_path;
  /* When set and cancelled (the command line does on Ctrl-C), the export
   * stops with G_IO_ERROR_CANCELLED and removes what it had written. */
  GCancellable       *cancellable;
  /* JSON: each file's bytes too, in base64 ("data"). */
  gboolean            with_files;
  /* Site: a "map" page (map/index.html) drawing the exported articles
   * as a graph (topiary-graph.h), each node a link to its page; the home
   * page links to it. Off unless asked: it adds a page to the site. */
  gboolean            with_map_page;
  /* JSON: each article's writing brief too ("brief", the shape of
   * `topiary brief --format json`, topiary-brief.h). */
  gboolean            with_briefs;
  /* Site: the threads that render Markdown; 0 for one per processor
   * (or $TOPIARY_MARKDOWN_THREADS). The site is the same with any. */
  guint               threads;
  /* Site: a folder where the smaller copies of large images and the
   * highlighted code are kept between exports, keyed by what they are
   * made from (the command line and the app give
   * $XDG_CACHE_HOME/topiary; docs/export-site.md); NULL keeps none. */
  const char         *cache_dir;
} TopiaryExportOptions;

gboolean    topiary_export_format_from_string (const char          *str,
                                               TopiaryExportFormat *format);
const char *topiary_export_format_to_string   (TopiaryExportFormat  format);

/* The folder the command line and the app keep copies in between
 * exports (TopiaryExportOptions.cache_dir): $XDG_CACHE_HOME/topiary. */
char       *topiary_export_default_cache_dir  (void);

/* Exports @project to @dir. @progress (may be NULL) is called from the
 * calling thread as pages are written. */
gboolean    topiary_export                    (TopiaryProject              *project,
                                               const char                  *dir,
                                               const TopiaryExportOptions  *options,
                                               TopiaryProgressFunc          progress,
                                               gpointer                     user_data,
                                               GError                     **error);

/* Removes the folder an export left in *replaced_path, and nothing else:
 * anything that is not a hidden "topiary-old" folder of an export is
 * refused with an error. Symbolic links inside are removed, not followed. */
gboolean    topiary_export_remove_replaced    (const char                  *path,
                                               GError                     **error);

G_END_DECLS
