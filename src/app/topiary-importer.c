/* topiary-importer.c — importing into a new map from the window
 *
 * An import from the app makes a new project through the core's atomic
 * import (topiary-import-job.c), or, with "Add to This Map", goes into the
 * open map as one edit on its undo stack (topiary_map_edit_import()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "topiary-dialogs.h"
#include "topiary-file-chooser.h"
#include "topiary-import-job.h"
#include "topiary-map-edit-import.h"
#include "topiary-importer.h"
#include "topiary-window.h"

#define SAMPLE_RESOURCE "/io/github/topiary/Topiary/samples/flask-topical-map.txt"

struct _TopiaryImporter
{
  GObject        parent_instance;

  TopiaryWindow *window;   /* owns us */
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (TopiaryImporter, topiary_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (TopiaryImporter *self,
          gboolean         busy)
{
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
topiary_importer_is_busy (TopiaryImporter *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORTER (self), FALSE);
  return self->busy;
}

static void
toast (TopiaryImporter *self,
       const char      *message)
{
  topiary_window_add_toast (self->window, topiary_toast_new (message));
}

static void
report_import (TopiaryImporter     *self,
               TopiaryImportReport *report)
{
  g_autofree char *message = NULL;

  if (report->warnings != NULL && report->warnings->len > 0)
    message = g_strdup_printf (_("Imported %u articles and %u groups, with %u warnings"),
                               report->articles, report->groups, report->warnings->len);
  else
    message = g_strdup_printf (_("Imported %u articles and %u groups"), report->articles, report->groups);
  toast (self, message);
}

/* ---- the import itself, in a worker thread ---- */

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TopiaryImporter *self = TOPIARY_IMPORTER (object);
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  set_busy (self, FALSE);
  if (self->window == NULL)
    return;
  if (!topiary_import_job_finish (result, &path, &report, &error))
    topiary_show_error (GTK_WINDOW (self->window), _("Could Not Import"), error->message);
  else if (topiary_window_open_path (self->window, path))
    report_import (self, report);
}

void
topiary_importer_import (TopiaryImporter            *self,
                         const char                 *source,
                         const char                 *path,
                         TopiaryImportFormat         format,
                         const TopiaryImportOptions *options,
                         const char                 *temporary)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (TOPIARY_IS_IMPORTER (self));
  g_return_if_fail (source != NULL && path != NULL);
  g_return_if_fail (!self->busy);

  set_busy (self, TRUE);
  name = g_path_get_basename (source);
  message = g_strdup_printf (_("Importing “%s”…"), name);
  toast (self, message);
  topiary_import_job_run (self, source, path, format, options, temporary, on_import_done, NULL);
}

/* ---- asking where the new map goes ---- */

typedef struct {
  char                 *source;
  char                 *temporary;   /* pasted text's folder, or NULL */
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;
} ImportTarget;

static void
import_target_free (ImportTarget *target)
{
  /* Cancelled: pasted text is not kept. */
  topiary_import_job_remove_folder (target->temporary);
  g_free (target->temporary);
  g_free (target->source);
  topiary_import_options_free (target->options);
  g_free (target);
}

static void
on_import_target_chosen (gpointer    owner,
                         const char *path,
                         gpointer    data)
{
  TopiaryImporter *self = owner;
  ImportTarget *target = data;

  if (path == NULL || self->busy || self->window == NULL)
    return;
  topiary_importer_import (self, target->source, path, target->format, target->options, target->temporary);
  /* The import job deletes it when done. */
  g_clear_pointer (&target->temporary, g_free);
}

static void
on_preview_import (TopiaryImportDialog *dialog,
                   TopiaryImporter     *self)
{
  const char *source = topiary_import_dialog_get_source (dialog);
  char *temporary = topiary_import_dialog_take_temporary (dialog);
  g_autofree char *base = g_path_get_basename (temporary != NULL ? _("Pasted map") : source);
  g_autofree char *name = NULL;
  ImportTarget *target = g_new0 (ImportTarget, 1);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".topiary", NULL);
  target->source = g_strdup (source);
  target->temporary = temporary;
  target->format = topiary_import_dialog_get_format (dialog);
  target->options = topiary_import_options_copy (topiary_import_dialog_get_options (dialog));
  topiary_file_chooser_show (GTK_WINDOW (self->window), TOPIARY_FILE_CHOOSER_SAVE, _("Save the Imported Map"),
                             _("_Import"), name, G_OBJECT (self), on_import_target_chosen,
                             target, (GDestroyNotify) import_target_free);
}

/* "Add to This Map": into the open map, one step that Undo takes back. */
static void
on_preview_import_into (TopiaryImportDialog *dialog,
                        TopiaryImporter     *self)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  TopiaryProject *project;
  TopiaryEdit *edit;

  if (self->window == NULL || self->busy || (project = topiary_window_get_project (self->window)) == NULL)
    return;
  /* What the editor holds is written first, so Undo takes back only the import. */
  if (!topiary_window_save (self->window, &error))
    {
      topiary_show_error (GTK_WINDOW (self->window), _("Could Not Import"), error->message);
      return;
    }
  edit = topiary_map_edit_import (project, topiary_import_dialog_get_source (dialog),
                                  topiary_import_dialog_get_format (dialog),
                                  topiary_import_dialog_get_options (dialog), report, &error);
  if (edit == NULL)
    {
      topiary_show_error (GTK_WINDOW (self->window), _("Could Not Import"), error->message);
      return;
    }
  topiary_map_actions_take_edit (topiary_window_get_map_actions (self->window), edit);
  report_import (self, report);
}

/* ---- the preview ---- */

static TopiaryImportDialog *
present_preview (TopiaryImporter     *self,
                 TopiaryImportDialog *dialog)
{
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_preview_import), self, 0);
  g_signal_connect_object (dialog, "import-into", G_CALLBACK (on_preview_import_into), self, 0);
  topiary_import_dialog_set_can_add (dialog, topiary_window_get_project (self->window) != NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

TopiaryImportDialog *
topiary_importer_preview (TopiaryImporter *self,
                          const char      *source)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORTER (self), NULL);
  return present_preview (self, topiary_import_dialog_new (GTK_WINDOW (self->window), source));
}

TopiaryImportDialog *
topiary_importer_preview_text (TopiaryImporter *self,
                               const char      *text)
{
  g_autoptr(GError) error = NULL;
  TopiaryImportDialog *dialog;

  g_return_val_if_fail (TOPIARY_IS_IMPORTER (self), NULL);
  dialog = topiary_import_dialog_new_for_text (GTK_WINDOW (self->window), text, &error);
  if (dialog == NULL)
    {
      topiary_show_error (GTK_WINDOW (self->window), _("Could Not Import"), error->message);
      return NULL;
    }
  return present_preview (self, dialog);
}

static void
on_source_chosen (gpointer    owner,
                  const char *path,
                  gpointer    data)
{
  if (path != NULL)
    topiary_importer_preview (owner, path);
}

void
topiary_importer_choose_source (TopiaryImporter *self,
                                gboolean         folder)
{
  g_return_if_fail (TOPIARY_IS_IMPORTER (self));
  topiary_file_chooser_show (GTK_WINDOW (self->window),
                             folder ? TOPIARY_FILE_CHOOSER_FOLDER : TOPIARY_FILE_CHOOSER_OPEN,
                             folder ? _("Import a Hugo or Jekyll Content Folder")
                                    : _("Import a Map, Outline or CSV File"),
                             _("_Choose"), NULL, G_OBJECT (self), on_source_chosen, NULL, NULL);
}

static void
on_paste_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TopiaryImporter) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (self->window == NULL)
    return;
  if (text == NULL || *g_strstrip (text) == '\0')
    {
      toast (self, _("The clipboard holds no text to import"));
      return;
    }
  topiary_importer_preview_text (self, text);
}

void
topiary_importer_paste (TopiaryImporter *self)
{
  g_return_if_fail (TOPIARY_IS_IMPORTER (self));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self->window)), NULL,
                                 on_paste_read, g_object_ref (self));
}

/* ---- the sample ---- */

static gboolean
make_sample (const char  *dir,
             const char  *path,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *source = NULL;
  int fd;

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  fd = g_file_open_tmp ("topiary-sample-XXXXXX.txt", &source, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  if (!g_file_set_contents (source, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    {
      g_remove (source);
      return FALSE;
    }
  report = topiary_import_report_new ();
  project = topiary_import_new_project (path, source, TOPIARY_IMPORT_AUTO, report, NULL, NULL, error);
  g_remove (source);
  if (project == NULL)
    return FALSE;
  topiary_project_close (project);
  return TRUE;
}

void
topiary_importer_open_sample (TopiaryImporter *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "topiary", NULL);
  g_autofree char *path = g_build_filename (dir, "flask-topical-map.topiary", NULL);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOPIARY_IS_IMPORTER (self));

  /* The sample stays the user's to edit: once made, it is only opened. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !make_sample (dir, path, &error))
    {
      topiary_show_error (GTK_WINDOW (self->window), _("Could Not Open the Sample Map"), error->message);
      return;
    }
  topiary_window_open_path (self->window, path);
}

/* ---- life cycle ---- */

static void
topiary_importer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TopiaryImporter *self = TOPIARY_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_importer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TopiaryImporter *self = TOPIARY_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_importer_finalize (GObject *object)
{
  TopiaryImporter *self = TOPIARY_IMPORTER (object);

  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (topiary_importer_parent_class)->finalize (object);
}

static void
topiary_importer_class_init (TopiaryImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = topiary_importer_finalize;
  object_class->get_property = topiary_importer_get_property;
  object_class->set_property = topiary_importer_set_property;

  /* Not a reference: the window owns its importer. */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, GTK_TYPE_WINDOW,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_importer_init (TopiaryImporter *self)
{
}

TopiaryImporter *
topiary_importer_new (TopiaryWindow *window)
{
  return g_object_new (TOPIARY_TYPE_IMPORTER, "window", window, NULL);
}
