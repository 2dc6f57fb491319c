/* topiary-export-private.h — what the parts of the exporter share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-export.h"
#include "topiary-map.h"
#include "topiary-markdown.h"
#include "topiary-mustache.h"

G_BEGIN_DECLS

/* ---- destination (topiary-export-dest.c) ---- */

/* A path component that names something inside its folder and nothing
 * else: no "..", no separators, no hidden or special names. */
gboolean topiary_export_safe_component (const char  *name);
/* Creates or truncates @path (never through a symbolic link). */
gboolean topiary_export_write_path     (const char  *path,
                                        const char  *data,
                                        gsize        len,
                                        GError     **error);

/* Deletes a tree without following symbolic links. */
void     topiary_export_remove_tree    (const char  *path);

/* TRUE when @path is the root of a mounted file system (or a bind mount):
 * it cannot be renamed or replaced. */
gboolean topiary_export_is_mount_point (const char  *path);

/* A folder export: written into @tmp beside @target, swapped in at the end. */
typedef struct {
  char       *target;    /* DIR, in its real folder */
  char       *tmp;       /* the folder being written */
  gboolean    exists;    /* DIR existed before */
  gboolean    force;
  GHashTable *written;   /* what the export in DIR wrote, NULL: unknown */
  gboolean    in_place;  /* DIR cannot be renamed: written inside it */
} TopiaryExportSwap;

/* Checks DIR and creates the temporary folder beside it. Not even @force
 * replaces a folder that holds @keep or @keep_too (the project, the
 * theme) or the home folder, or is a mount point. */
gboolean topiary_export_swap_begin     (TopiaryExportSwap  *swap,
                                        const char         *dir,
                                        const char         *keep,
                                        const char         *keep_too,
                                        gboolean            force,
                                        GError            **error);
/* Moves the finished folder into place, with the files of the user's
 * that DIR held; see TopiaryExportOptions.replaced_path. */
gboolean topiary_export_swap_commit    (TopiaryExportSwap  *swap,
                                        char              **replaced,
                                        GError            **error);
/* Removes what is left of an unfinished export. */
void     topiary_export_swap_clear     (TopiaryExportSwap  *swap);

/* The swap for a folder picked through the document portal, which cannot
 * be renamed and beside which nothing can be made: written inside DIR and
 * moved up at the end (topiary-export-inplace.c). */
gboolean topiary_export_in_place_begin  (TopiaryExportSwap  *swap,
                                         GError            **error);
gboolean topiary_export_in_place_commit (TopiaryExportSwap  *swap,
                                         char              **replaced,
                                         GError            **error);

/* ---- the marker and the user's files (topiary-export-keep.c) ---- */

/* Writes TOPIARY_EXPORT_MARKER into @dir, listing every file in it. */
gboolean topiary_export_write_marker   (const char           *dir,
                                        TopiaryExportFormat   format,
                                        GError              **error);

typedef enum {
  TOPIARY_EXPORT_MARKER_NONE,      /* not an export */
  TOPIARY_EXPORT_MARKER_UNLISTED,  /* by a Topiary that did not list its files */
  TOPIARY_EXPORT_MARKER_LISTED,    /* *files: what it wrote */
} TopiaryExportMarker;

TopiaryExportMarker topiary_export_read_marker (const char  *dir,
                                                GHashTable **files);
/* The first file of the user's in @old_root (one @written, when not NULL,
 * does not list) that @new_root has too, or NULL. */
char    *topiary_export_find_conflict  (const char  *old_root,
                                        const char  *new_root,
                                        GHashTable  *written);
/* Moves the user's files from @old_root into @new_root; with @written
 * NULL, the dot-files. FALSE when one could not be moved. */
gboolean topiary_export_carry_over     (const char  *old_root,
                                        const char  *new_root,
                                        GHashTable  *written);

/* A single-file export: written into @tmp, renamed over @path at the end. */
typedef struct {
  int           fd;
  char         *tmp;
  char         *path;
  GCancellable *cancellable;  /* stops the writes when cancelled */
} TopiaryExportFile;

/* @dest is the file, or a folder to hold one named after @map_title. An
 * existing file is replaced when it is an earlier CSV or JSON export of
 * Topiary (whatever its name), or empty; any other only with @force; the
 * project @project_path and any database never. */
gboolean topiary_export_file_begin     (TopiaryExportFile  *f,
                                        const char         *dest,
                                        const char         *extension,
                                        const char         *map_title,
                                        const char         *project_path,
                                        gboolean            force,
                                        GError            **error);
/* Writes @buf out and empties it. */
gboolean topiary_export_file_write     (TopiaryExportFile  *f,
                                        GString            *buf,
                                        GError            **error);
gboolean topiary_export_file_commit    (TopiaryExportFile  *f,
                                        GError            **error);
void     topiary_export_file_clear     (TopiaryExportFile  *f);

/* ---- theme (topiary-export-theme.c) ---- */

typedef struct {
  char       *dir;           /* the user's theme folder, or NULL */
  int         fd;            /* that folder, opened; -1 for none */
  GHashTable *templates;     /* name -> TopiaryMustacheTemplate */
} TopiaryExportTheme;

/* Opens the user's theme folder @dir: it must hold one of a theme's files. */
gboolean topiary_export_theme_open  (TopiaryExportTheme  *theme,
                                     const char          *dir,
                                     GError             **error);
/* Closes the folder and frees the templates. */
void     topiary_export_theme_clear (TopiaryExportTheme  *theme);

/* A TopiaryMustachePartialFunc; @user_data is the TopiaryExportTheme. */
TopiaryMustacheTemplate *topiary_export_theme_get     (const char          *name,
                                                       gpointer             user_data,
                                                       GError             **error);
TopiaryMustacheTemplate *topiary_export_theme_require (TopiaryExportTheme  *theme,
                                                       const char          *name,
                                                       GError             **error);

typedef gboolean (*TopiaryExportWriteFunc) (gpointer     user_data,
                                            const char  *relpath,
                                            const char  *data,
                                            gsize        len,
                                            GError     **error);

/* style.css, search.js and the theme's other files, under "assets/". */
gboolean    topiary_export_theme_write_assets (TopiaryExportTheme      *theme,
                                               TopiaryExportWriteFunc   write,
                                               gpointer                 user_data,
                                               GError                 **error);
/* The theme's words ({{t.key}}) in @lang, English when it has none. */
JsonObject *topiary_export_theme_words        (const char              *lang);
/* "14 November 2023", as @lang writes dates. */
char       *topiary_export_human_date         (gint64                   t,
                                               const char              *lang);

/* ---- the run and the map as exported (topiary-export.c, topiary-export-map.c) ---- */

typedef struct _PageWriter PageWriter;
typedef struct _TopiaryExportMedia TopiaryExportMedia;
typedef struct _TopiaryExportHighlightCache TopiaryExportHighlightCache;

typedef struct _GroupInfo GroupInfo;
typedef struct _ArticleInfo ArticleInfo;

struct _ArticleInfo {
  TopiaryArticle *article;   /* without its body */
  gint64          id;
  char           *slug;      /* final: unique, [a-z0-9-] only */
  GroupInfo      *group;     /* NULL for an article outside any group */
  ArticleInfo    *pillar;    /* its pillar, NULL for none or itself */
  guint           index;     /* place among the exported articles */
  guint           in_group;  /* place among its group's articles */
  gboolean        draft;
  JsonObject     *link;      /* article_link() from one level down, shared */
};

struct _GroupInfo {
  TopiaryGroup *group;
  gint64        id;
  char         *slug;
  ArticleInfo  *pillar;
  GPtrArray    *articles;    /* ArticleInfo *, writing order, pillar included */
  GPtrArray    *clusters;    /* the same without the pillar */
  JsonArray    *nav;         /* the site navigation with this group current */
  guint         last_index;  /* of its last article among the exported ones */
  gint64        updated;
};

typedef struct {
  TopiaryProject              *project;
  const TopiaryExportOptions  *options;
  TopiaryProgressFunc          progress;
  gpointer                     progress_data;
  guint                        done;
  guint                        total;

  char        *title;
  char        *description;
  char        *lang;
  char        *base_url;      /* ends with '/', or NULL */
  gboolean     allow_html;

  GPtrArray   *articles;      /* ArticleInfo *, writing order */
  GPtrArray   *groups;        /* GroupInfo *, in order, only those with articles */
  GHashTable  *by_id;         /* gint64 id -> ArticleInfo, exported articles */
  GHashTable  *used_slugs;
  TopiaryMap  *map;           /* the whole project's, exported or not */

  char        *out;           /* the temporary folder being filled */
  TopiaryExportTheme        theme;
  JsonObject  *site;
  JsonObject  *words;         /* the theme's words in the site's language */
  JsonArray   *nav;           /* no group current */
  PageWriter  *writer;       /* site pages go to disk through it */
  TopiaryExportMedia *media;  /* the articles' images and files */
  TopiaryExportHighlightCache *highlight_cache;  /* site: NULL for none */
} Export;

static inline const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

/* Adds a warning for the user (TopiaryExportOptions.warnings). */
void     topiary_export_warn             (Export          *e,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (2, 3);
/* One more step done, for the progress callback. */
void     topiary_export_progress         (Export          *e);
/* "2023-11-14T22:13:20Z", or NULL for no time. */
char    *topiary_export_iso_time         (gint64           t);
/* Published, else created. */
gint64   topiary_export_article_date     (TopiaryArticle  *a);
/* Updated, else topiary_export_article_date(). */
gint64   topiary_export_article_updated  (TopiaryArticle  *a);
char    *topiary_export_join_queries     (TopiaryArticle  *a,
                                          gboolean         skip_primary,
                                          const char      *separator);
/* Newest first, then in writing order; for a GPtrArray of ArticleInfo *. */
gint     topiary_export_compare_published_desc (gconstpointer pa,
                                                gconstpointer pb);
/* Writes @relpath ("slug/index.html") under the export folder, creating
 * its folders. Every component is checked, so nothing lands outside. */
gboolean topiary_export_write_rel        (Export          *e,
                                          const char      *relpath,
                                          const char      *data,
                                          gsize            len,
                                          GError         **error);
/* A TopiaryExportWriteFunc for the media; @user_data is the Export. */
gboolean topiary_export_write_media      (gpointer         user_data,
                                          const char      *relpath,
                                          const char      *data,
                                          gsize            len,
                                          GError         **error);
void     topiary_export_set_output_path  (Export          *e,
                                          const char      *path);

void     topiary_export_article_info_free (gpointer        data);
void     topiary_export_group_info_free   (gpointer        data);
/* The map's title, description, language, base URL. */
gboolean topiary_export_read_map         (Export          *e,
                                          GError         **error);
/* The exported part of the map: which articles, under which pillar, in
 * which groups, with which slugs. */
gboolean topiary_export_collect          (Export          *e,
                                          GError         **error);
/* The exported article a wiki-link target names, or NULL. */
ArticleInfo *topiary_export_find_target  (Export          *e,
                                          const char      *target,
                                          char           **heading);
/* A TopiaryMarkdownOptions.resolve_heading; @user_data is the Export. */
char    *topiary_export_resolve_link     (const char      *target,
                                          char           **heading,
                                          gpointer         user_data);
/* Warns about each of @unresolved; FALSE when the export is strict. */
gboolean topiary_export_check_unresolved (Export          *e,
                                          ArticleInfo     *a,
                                          GPtrArray       *unresolved,
                                          GError         **error);

/* ---- the formats ---- */

gboolean topiary_export_site             (Export          *e,
                                          GError         **error);
gboolean topiary_export_hugo             (Export          *e,
                                          GError         **error);
gboolean topiary_export_csv              (Export          *e,
                                          const char      *dest,
                                          GError         **error);
gboolean topiary_export_json             (Export          *e,
                                          const char      *dest,
                                          GError         **error);

/* ---- the site (topiary-export-site.c, -site-threads.c, -seo.c) ---- */

gboolean topiary_export_write_article    (Export                   *e,
                                          ArticleInfo              *a,
                                          TopiaryMarkdownResult    *md,
                                          TopiaryMustacheTemplate  *tmpl,
                                          GError                  **error);
/* Every article's page, the bodies rendered on a worker thread. */
gboolean topiary_export_write_articles   (Export                   *e,
                                          TopiaryMustacheTemplate  *tmpl,
                                          TopiaryMustacheTemplate  *group_tmpl,
                                          GError                  **error);
/* Called once @a's page is made: makes its group's page when @a was the
 * group's last article (topiary-export-site.c). */
gboolean topiary_export_article_done     (Export                   *e,
                                          ArticleInfo              *a,
                                          TopiaryMustacheTemplate  *group_tmpl,
                                          GError                  **error);
PageWriter *topiary_export_page_writer_new    (Export       *e);
/* Waits until every page handed over is on disk; FALSE with the failure
 * of the earliest page. Can be called again. */
gboolean    topiary_export_page_writer_finish (PageWriter   *pw,
                                               GError      **error);
void        topiary_export_page_writer_free   (PageWriter   *pw);
/* Renders @ctx with @tmpl and hands the page to the writers. */
gboolean topiary_export_render_page      (Export                   *e,
                                          TopiaryMustacheTemplate  *tmpl,
                                          JsonObject               *ctx,
                                          const char               *relpath,
                                          GError                  **error);
gboolean topiary_export_write_sitemap    (Export          *e,
                                          GError         **error);
gboolean topiary_export_write_feed       (Export          *e,
                                          GError         **error);
gboolean topiary_export_write_robots     (Export          *e,
                                          GError         **error);

/* ---- the caches kept between exports ---- */

/* The whole of the cache file @path (topiary-export-rendition-cache.c)
 * when it is a regular file of at most @max bytes, never through a
 * symbolic link nor blocking on a FIFO; NULL otherwise, or when it
 * cannot be read whole (logged with g_debug: a cache file is never the
 * export's failure). */
char    *topiary_export_cache_read       (const char      *path,
                                          gsize            max,
                                          gsize           *len);

/* ---- highlighted code kept between exports (topiary-export-highlight-cache.c) ---- */

/* The installed highlighter's cache for the project file @project_path,
 * read from @cache_dir; NULL when there is no cache folder, no
 * highlighter or one without an id (the code is then highlighted every
 * time). Never fails: a file it cannot use is as good as none. */
TopiaryExportHighlightCache *topiary_export_highlight_cache_new  (const char *cache_dir,
                                                                  const char *project_path);
/* A TopiaryHighlightFunc, @user_data the cache: what the cache holds, else
 * what the installed highlighter makes, which is then kept. Called from
 * any thread. */
gboolean topiary_export_highlight_cache_func (const char                  *language,
                                             const char                  *code,
                                             gsize                        length,
                                             GString                     *out,
                                             gpointer                     user_data);
/* After a successful export: writes the cache anew with what this export
 * asked for. Failures are only logged (g_debug). */
void     topiary_export_highlight_cache_save (TopiaryExportHighlightCache *cache);
void     topiary_export_highlight_cache_free (TopiaryExportHighlightCache *cache);

/* ---- the map page (topiary-export-site-map.c) ---- */

/* The exported articles drawn as a graph: an SVG to set inside a page one
 * folder down (each node links "../<slug>/index.html"), without the
 * missing links, which are the writer's business. */
char    *topiary_export_map_svg        (Export                   *e,
                                        GError                  **error);

G_END_DECLS
