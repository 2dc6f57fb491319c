/* topiary-export-private.h — what the parts of the exporter share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-export.h"
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

G_END_DECLS
