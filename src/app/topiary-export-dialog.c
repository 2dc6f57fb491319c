/* topiary-export-dialog.c — publish the map as a site, Hugo content, CSV or JSON
 *
 * The export itself is topiary_export(), run on a worker thread with its
 * own read-only connection to the project file, so the window stays
 * responsive and a progress bar moves; this dialog gathers its options
 * and says how it went. On success it emits "exported" with the
 * destination so the window can offer to show it. An export the folder
 * held before is deleted on another thread after that: the new one is
 * already in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "topiary-a11y.h"
#include "topiary-dialogs.h"
#include "topiary-export-dialog.h"
#include "topiary-map.h"
#include "topiary-file-chooser.h"
#include "topiary-export.h"
#include "topiary-map-state.h"

struct _TopiaryExportDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *format_row;
  AdwActionRow   *destination_row;
  GtkSwitch      *drafts_switch;
  GtkSwitch      *force_switch;
  AdwEntryRow    *base_url_row;
  GtkLabel       *message_label;
  GtkButton      *export_button;
  GtkProgressBar *progress_bar;
  GtkWidget      *options_page;

  TopiaryProject *project;
  char           *destination;
  gboolean        exporting;
  gboolean        hidden;     /* repeating the last export, not shown */
};

typedef struct
{
  char                *project_path;
  char                *destination;
  TopiaryExportOptions options;
  char                *base_url;
  GPtrArray           *warnings;
  char                *replaced;
  /* Progress, from the worker to the main thread. */
  GWeakRef             dialog;
  guint                done;     /* atomic */
  guint                total;    /* atomic */
  gint                 queued;   /* atomic: an update is on its way */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->project_path);
  g_free (job->destination);
  g_free (job->base_url);
  g_free ((char *) job->options.cache_dir);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job->replaced);
  g_weak_ref_clear (&job->dialog);
  g_free (job);
}

G_DEFINE_FINAL_TYPE (TopiaryExportDialog, topiary_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const TopiaryExportFormat formats[] = {
  TOPIARY_EXPORT_SITE, TOPIARY_EXPORT_HUGO, TOPIARY_EXPORT_CSV, TOPIARY_EXPORT_JSON,
};

static TopiaryExportFormat
selected_format (TopiaryExportDialog *self)
{
  guint index = adw_combo_row_get_selected (self->format_row);

  return formats[MIN (index, G_N_ELEMENTS (formats) - 1)];
}

static gboolean
format_is_folder (TopiaryExportFormat format)
{
  return format == TOPIARY_EXPORT_SITE || format == TOPIARY_EXPORT_HUGO;
}

static void
show_message (TopiaryExportDialog *self,
              const char          *message,
              gboolean             error)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update (TopiaryExportDialog *self)
{
  g_autofree char *markup = NULL;

  markup = self->destination ? g_markup_escape_text (self->destination, -1) : g_strdup (_("Not chosen"));
  adw_action_row_set_subtitle (self->destination_row, markup);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->destination != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->drafts_switch), selected_format (self) != TOPIARY_EXPORT_JSON);
}

static void
on_format_changed (TopiaryExportDialog *self)
{
  /* A folder for a file format (or the reverse) would surprise: ask again. */
  g_clear_pointer (&self->destination, g_free);
  show_message (self, NULL, FALSE);
  update (self);
}

static void
on_destination_chosen (gpointer    owner,
                       const char *path,
                       gpointer    data)
{
  TopiaryExportDialog *self = owner;

  if (path == NULL)
    return;
  g_free (self->destination);
  self->destination = g_strdup (path);
  show_message (self, NULL, FALSE);
  update (self);
}

static void
on_choose (TopiaryExportDialog *self)
{
  TopiaryExportFormat format = selected_format (self);
  gboolean folder = format_is_folder (format);
  g_autofree char *name = NULL;

  if (!folder)
    {
      g_autofree char *title = topiary_project_get_map_field (self->project, "title");

      name = g_strconcat (title && *title ? title : "map", format == TOPIARY_EXPORT_CSV ? ".csv" : ".json", NULL);
      g_strdelimit (name, "/\\", '-');
    }
  topiary_file_chooser_show (GTK_WINDOW (self),
                             folder ? TOPIARY_FILE_CHOOSER_FOLDER : TOPIARY_FILE_CHOOSER_SAVE,
                             folder ? _("Export to Folder") : _("Export to File"),
                             _("_Select"), name, G_OBJECT (self), on_destination_chosen, NULL, NULL);
}

static void
set_busy (TopiaryExportDialog *self,
          gboolean             busy)
{
  self->exporting = busy;
  gtk_widget_set_sensitive (self->options_page, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && self->destination != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", !busy);
}

static gboolean
show_progress (gpointer data)
{
  ExportJob *job = data;
  g_autoptr(TopiaryExportDialog) self = g_weak_ref_get (&job->dialog);
  guint total = g_atomic_int_get (&job->total);

  g_atomic_int_set (&job->queued, FALSE);
  if (self != NULL && self->exporting && total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   (double) g_atomic_int_get (&job->done) / total);
  return G_SOURCE_REMOVE;
}

/* Called on the worker: at most one update waits for the main loop. */
static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  ExportJob *job = data;

  g_atomic_int_set (&job->done, done);
  g_atomic_int_set (&job->total, total);
  if (g_atomic_int_compare_and_exchange (&job->queued, FALSE, TRUE))
    g_main_context_invoke (NULL, show_progress, job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(TopiaryProject) project = NULL;
  GError *error = NULL;

  if (job->project_path == NULL)
    {
      g_task_return_new_error (task, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED,
                               _("Only a map saved in a file can be exported"));
      return;
    }
  project = topiary_project_open (job->project_path, TOPIARY_OPEN_READ_ONLY, &error);
  if (project == NULL ||
      !topiary_export (project, job->destination, &job->options, on_export_progress, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  topiary_project_close (project);
  g_task_return_boolean (task, TRUE);
}

static void
remove_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_export_remove_replaced (data, &error))
    g_message ("%s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* The next export of this map starts from this one. */
static void
remember (TopiaryExportDialog *self,
          ExportJob           *job)
{
  TopiaryExportMemory memory = {
    .format = (char *) topiary_export_format_to_string (job->options.format),
    .destination = job->destination,
    .drafts = job->options.drafts,
    .force = job->options.force,
    .base_url = job->base_url,
  };
  g_autoptr(GError) error = NULL;

  /* Losing it costs the user a choice next time, never the export. */
  if (!topiary_map_state_save_export (job->project_path, &memory, &error))
    g_debug ("The export of %s was not remembered: %s", job->project_path, error->message);
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  TopiaryExportDialog *self = TOPIARY_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_message (self, error->message, TRUE);
      /* A repeat that failed shows why, with the options to change. */
      if (self->hidden)
        gtk_window_present (GTK_WINDOW (self));
      self->hidden = FALSE;
      return;
    }
  remember (self, job);
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, job->destination, job->warnings->len);
  if (job->replaced != NULL)
    {
      g_autoptr(GTask) remove = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (remove, g_steal_pointer (&job->replaced), g_free);
      g_task_run_in_thread (remove, remove_thread);
    }
  /* Never shown, never realized: closing would do nothing. */
  if (self->hidden)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void start_export (TopiaryExportDialog *self);

static void
on_nothing_published_response (AdwMessageDialog    *dialog,
                               const char          *response,
                               TopiaryExportDialog *self)
{
  if (g_str_equal (response, "drafts"))
    gtk_switch_set_active (self->drafts_switch, TRUE);
  if (g_str_equal (response, "drafts") || g_str_equal (response, "anyway"))
    start_export (self);
}

/* A site or Hugo export of a map with nothing published and drafts left
 * out would be empty: asked first, not reported as a success. */
static gboolean
ask_nothing_published (TopiaryExportDialog *self)
{
  TopiaryExportFormat format = selected_format (self);
  g_autoptr(TopiaryMap) map = NULL;
  GtkWidget *dialog;

  if ((format != TOPIARY_EXPORT_SITE && format != TOPIARY_EXPORT_HUGO) ||
      gtk_switch_get_active (self->drafts_switch))
    return FALSE;
  map = topiary_map_new (self->project, NULL);
  if (map == NULL || topiary_map_get_counts (map)->published > 0 || topiary_map_get_counts (map)->articles == 0)
    return FALSE;

  dialog = topiary_message_dialog_new (GTK_WINDOW (self), _("Nothing Published Yet"),
                                   _("No article of this map is published, so the export would hold no article. "
                                     "Include the drafts, or export anyway?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "anyway", _("Export _Anyway"),
                                    "drafts", _("Include _Drafts"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "drafts", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "drafts");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_nothing_published_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_export (TopiaryExportDialog *self)
{
  if (self->destination == NULL || self->exporting)
    return;
  if (!ask_nothing_published (self))
    start_export (self);
}

static void
start_export (TopiaryExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (self->destination == NULL || self->exporting)
    return;

  job = g_new0 (ExportJob, 1);
  job->project_path = g_strdup (topiary_project_get_path (self->project));
  job->destination = g_strdup (self->destination);
  job->base_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  job->options.format = selected_format (self);
  job->options.drafts = gtk_switch_get_active (self->drafts_switch);
  job->options.force = gtk_switch_get_active (self->force_switch);
  job->options.base_url = *job->base_url ? job->base_url : NULL;
  job->options.warnings = job->warnings;
  job->options.replaced_path = &job->replaced;
  job->options.cache_dir = topiary_export_default_cache_dir ();
  g_weak_ref_init (&job->dialog, self);

  show_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, on_export_done, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static gboolean
on_close_request (GtkWindow *window)
{
  /* The export finishes (or fails) on its own; until then the dialog
   * that reports it stays. */
  return TOPIARY_EXPORT_DIALOG (window)->exporting;
}

void
topiary_export_dialog_set_destination (TopiaryExportDialog *self,
                                       TopiaryExportFormat  format,
                                       const char          *path)
{
  g_return_if_fail (TOPIARY_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
  g_free (self->destination);
  self->destination = g_strdup (path);
  update (self);
}

gboolean
topiary_export_dialog_can_repeat (TopiaryProject *project)
{
  g_autoptr(TopiaryExportMemory) memory = NULL;
  TopiaryExportFormat format;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);

  if (topiary_project_get_path (project) == NULL)
    return FALSE;
  memory = topiary_map_state_load_export (topiary_project_get_path (project));
  return memory != NULL && topiary_export_format_from_string (memory->format, &format);
}

void
topiary_export_dialog_repeat (TopiaryExportDialog *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (TOPIARY_IS_EXPORT_DIALOG (self));

  if (self->destination == NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  /* The folder the export goes into: it must still be there, and take it. */
  folder = g_path_get_dirname (self->destination);
  name = g_path_get_basename (folder);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    message = g_strdup_printf (_("The folder “%s” the map was last exported to is gone, so choose where it goes now."), name);
  else if (g_access (folder, W_OK) != 0)
    message = g_strdup_printf (_("The folder “%s” the map was last exported to cannot be written to, so choose where it goes now."), name);
  if (message != NULL)
    {
      g_clear_pointer (&self->destination, g_free);
      update (self);
      show_message (self, message, TRUE);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  /* Asked last time (nothing published) and answered by the options kept. */
  self->hidden = TRUE;
  start_export (self);
}

TopiaryExportDialog *
topiary_export_dialog_new (GtkWindow      *parent,
                           TopiaryProject *project)
{
  TopiaryExportDialog *self;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  self = g_object_new (TOPIARY_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  base_url = topiary_project_get_map_field (project, "base_url");
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), base_url ? base_url : "");
  if (topiary_project_get_path (project) != NULL)
    {
      g_autoptr(TopiaryExportMemory) memory = topiary_map_state_load_export (topiary_project_get_path (project));
      TopiaryExportFormat format;

      /* As the map was last exported. */
      if (memory != NULL && topiary_export_format_from_string (memory->format, &format))
        {
          topiary_export_dialog_set_destination (self, format, memory->destination);
          gtk_switch_set_active (self->drafts_switch, memory->drafts);
          gtk_switch_set_active (self->force_switch, memory->force);
          if (memory->base_url != NULL && *memory->base_url != '\0')
            gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), memory->base_url);
        }
    }
  update (self);
  return self;
}

static void
topiary_export_dialog_dispose (GObject *object)
{
  TopiaryExportDialog *self = TOPIARY_EXPORT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->destination, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (topiary_export_dialog_parent_class)->dispose (object);
}

static void
topiary_export_dialog_class_init (TopiaryExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_export_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  /* (destination, number of warnings) */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, drafts_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, force_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TopiaryExportDialog, options_page);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_export_dialog_init (TopiaryExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
}

AdwToast *
topiary_export_dialog_new_toast (const char *destination,
                                 guint       n_warnings)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_val_if_fail (destination != NULL, NULL);

  name = g_path_get_basename (destination);
  if (n_warnings > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported to “%s”, with %u warning",
                                            "Exported to “%s”, with %u warnings", n_warnings),
                               name, n_warnings);
  else
    message = g_strdup_printf (_("Exported to “%s”"), name);
  toast = topiary_toast_new (message);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-path");
  adw_toast_set_action_target_value (toast, g_variant_new_string (destination));
  return toast;
}
