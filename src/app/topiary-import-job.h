/* topiary-import-job.h — the app's import into a new project, on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "topiary-import.h"
#include "topiary-import-plan.h"

G_BEGIN_DECLS

/* The project file the user chose: ".topiary" is added when missing,
 * except to a path the document portal handed out, which names exactly
 * the file the user was given access to. */
char    *topiary_project_file_name (const char *path);

/* Imports @source into a new project at @path (see topiary_project_file_name())
 * in a worker thread, with topiary_import_new_project_full(): the project is
 * built beside @path and renamed into place when complete, so a failed or
 * killed import leaves nothing under that name. @temporary (pasted text's
 * folder, or NULL) is deleted once the import is done. */
void     topiary_import_job_run    (gpointer                    source_object,
                                    const char                 *source,
                                    const char                 *path,
                                    TopiaryImportFormat         format,
                                    const TopiaryImportOptions *options,
                                    const char                 *temporary,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data);
/* The new project's path (closed again) and what the import did. */
gboolean topiary_import_job_finish (GAsyncResult          *result,
                                    char                 **path,
                                    TopiaryImportReport  **report,
                                    GError               **error);

/* Deletes @dir and the files in it (pasted text's temporary folder). */
void     topiary_import_job_remove_folder (const char *dir);

G_END_DECLS
