/* topiary-import.h — turning the maps people already have into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_IMPORT_ERROR (topiary_import_error_quark ())
GQuark topiary_import_error_quark (void);

typedef enum {
  TOPIARY_IMPORT_ERROR_UNKNOWN_FORMAT,
  TOPIARY_IMPORT_ERROR_INVALID,   /* the source cannot be read as that format */
  TOPIARY_IMPORT_ERROR_EMPTY,     /* nothing to import */
} TopiaryImportError;

typedef enum {
  TOPIARY_IMPORT_AUTO = 0,
  TOPIARY_IMPORT_MAPTEXT,   /* topical-map page text */
  TOPIARY_IMPORT_OUTLINE,   /* Markdown outline */
  TOPIARY_IMPORT_HUGO,      /* Hugo or Jekyll content folder */
  TOPIARY_IMPORT_CSV,
} TopiaryImportFormat;

const char *topiary_import_format_to_string   (TopiaryImportFormat format);
gboolean    topiary_import_format_from_string (const char          *str,
                                               TopiaryImportFormat *format);

typedef struct {
  GPtrArray *warnings;   /* char *, one sentence each */
  guint      groups;     /* groups created */
  guint      articles;   /* articles created (ideas included) */
  guint      ideas;
  guint      updated;    /* existing articles overwritten (after a snapshot) */
  guint      notes;
  /* TopiaryArticle *, with its body: each existing article as it was
   * before this import overwrote it, in the order they were overwritten.
   * NULL (the default): not kept. Set it to an empty array (of
   * g_object_unref) to have them kept, as an undoable import does. */
  GPtrArray *replaced;
} TopiaryImportReport;

TopiaryImportReport *topiary_import_report_new  (void);
void                 topiary_import_report_free (TopiaryImportReport *report);
void                 topiary_import_report_warn (TopiaryImportReport *report,
                                                 const char          *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryImportReport, topiary_import_report_free)

/* The choices that fix a wrong reading (topiary-import-plan.h). */
typedef struct _TopiaryImportOptions TopiaryImportOptions;

typedef void (*TopiaryProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Guesses the format of @path: a folder is HUGO; otherwise the content
 * decides. It reads the source (at most 64 MB): a pipe is then used up, so
 * to import from a pipe pass TOPIARY_IMPORT_AUTO to topiary_import(), which
 * reads the source once and detects the format on what it read. */
TopiaryImportFormat topiary_import_detect (const char  *path,
                                           GError     **error);

/* Imports @source into @project in one transaction: on failure nothing of
 * it stays. A text source (a file, a pipe, a device) is read whole and
 * once, up to 64 MB; a larger one is refused. */
gboolean topiary_import (TopiaryProject      *project,
                         const char          *source,
                         TopiaryImportFormat  format,
                         TopiaryImportReport *report,
                         TopiaryProgressFunc  progress,
                         gpointer             progress_data,
                         GError             **error);

/* topiary_import() with the choices of @options (NULL: none). */
gboolean topiary_import_full (TopiaryProject             *project,
                              const char                 *source,
                              TopiaryImportFormat         format,
                              const TopiaryImportOptions *options,
                              TopiaryImportReport        *report,
                              TopiaryProgressFunc         progress,
                              gpointer                    progress_data,
                              GError                    **error);

/* Creates the project @project_path from @source. The import is written to
 * a temporary file beside it, which is renamed into place only when it is
 * complete and on disk: a failed or interrupted import leaves no project
 * file behind. Fails when @project_path exists. */
TopiaryProject *topiary_import_new_project (const char          *project_path,
                                            const char          *source,
                                            TopiaryImportFormat  format,
                                            TopiaryImportReport *report,
                                            TopiaryProgressFunc  progress,
                                            gpointer             progress_data,
                                            GError             **error);

/* topiary_import_new_project() with the choices of @options (NULL: none). */
TopiaryProject *topiary_import_new_project_full (const char                 *project_path,
                                                 const char                 *source,
                                                 TopiaryImportFormat         format,
                                                 const TopiaryImportOptions *options,
                                                 TopiaryImportReport        *report,
                                                 TopiaryProgressFunc         progress,
                                                 gpointer                    progress_data,
                                                 GError                    **error);

/* Deletes what killed imports into @project_path left beside it (the
 * "NAME.import-XXXXXX" temporaries of topiary_import_new_project()), except
 * those an import still running holds. */
void topiary_import_remove_stale (const char *project_path);

G_END_DECLS
