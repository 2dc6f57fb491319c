/* topiary-import-job.c — the app's import into a new project, on a worker thread
 *
 * The same atomic import as `topiary import`: the window never writes a
 * project in place, so a crash during an import leaves no half-built
 * project under the name the user chose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "topiary-import-job.h"
#include "topiary-portal.h"

typedef struct {
  char                 *source;
  char                 *path;
  TopiaryImportReport  *report;
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;     /* the preview's choices, or NULL */
  char                 *temporary;   /* pasted text's folder, deleted when done */
} ImportJob;

char *
topiary_project_file_name (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_has_suffix (path, ".topiary") || topiary_portal_is_document (path))
    return g_strdup (path);
  return g_strconcat (path, ".topiary", NULL);
}

void
topiary_import_job_remove_folder (const char *dir)
{
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  if (dir != NULL)
    g_rmdir (dir);
}

static void
import_job_free (ImportJob *job)
{
  topiary_import_job_remove_folder (job->temporary);
  g_free (job->temporary);
  g_clear_pointer (&job->options, topiary_import_options_free);
  g_free (job->source);
  g_free (job->path);
  g_clear_pointer (&job->report, topiary_import_report_free);
  g_free (job);
}

/* The new project is the worker's alone until it is closed: no SQLite
 * connection is shared between threads. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;

  project = topiary_import_new_project_full (job->path, job->source, job->format, job->options,
                                             job->report, NULL, NULL, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  topiary_project_close (project);
  g_task_return_boolean (task, TRUE);
}

void
topiary_import_job_run (gpointer                    source_object,
                        const char                 *source,
                        const char                 *path,
                        TopiaryImportFormat         format,
                        const TopiaryImportOptions *options,
                        const char                 *temporary,
                        GAsyncReadyCallback         callback,
                        gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (source != NULL && path != NULL);

  job = g_new0 (ImportJob, 1);
  job->source = g_strdup (source);
  job->path = topiary_project_file_name (path);
  job->report = topiary_import_report_new ();
  job->format = format;
  job->options = options != NULL ? topiary_import_options_copy (options) : NULL;
  job->temporary = g_strdup (temporary);

  task = g_task_new (source_object, NULL, callback, user_data);
  g_task_set_source_tag (task, topiary_import_job_run);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
topiary_import_job_finish (GAsyncResult          *result,
                           char                 **path,
                           TopiaryImportReport  **report,
                           GError               **error)
{
  ImportJob *job;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == topiary_import_job_run, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (path != NULL)
    *path = g_strdup (job->path);
  if (report != NULL)
    *report = g_steal_pointer (&job->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}
