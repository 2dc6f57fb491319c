/* topiary-export-dialog.c — publish the map as a site, Hugo content, CSV or JSON
 *
 * The export itself is topiary_export(); this dialog only gathers its
 * options and says how it went. On success it emits "exported" with the
 * destination so the window can offer to show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-export-dialog.h"
#include "topiary-export.h"

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

  TopiaryProject *project;
  char           *destination;
};

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
on_chooser_response (GtkNativeDialog     *native,
                     int                  response,
                     TopiaryExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL)
    {
      g_free (self->destination);
      self->destination = g_file_get_path (file);
      show_message (self, NULL, FALSE);
      update (self);
    }
}

static void
on_choose (TopiaryExportDialog *self)
{
  TopiaryExportFormat format = selected_format (self);
  gboolean folder = format_is_folder (format);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (folder ? _("Export to Folder") : _("Export to File"),
                                        GTK_WINDOW (self),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Select"), _("_Cancel"));
  if (!folder)
    {
      g_autofree char *title = topiary_project_get_map_field (self->project, "title");
      g_autofree char *name = g_strconcat (title && *title ? title : "map",
                                           format == TOPIARY_EXPORT_CSV ? ".csv" : ".json", NULL);
      g_strdelimit (name, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_export (TopiaryExportDialog *self)
{
  TopiaryExportOptions options = { 0 };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  if (self->destination == NULL)
    return;

  base_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  options.format = selected_format (self);
  options.drafts = gtk_switch_get_active (self->drafts_switch);
  options.force = gtk_switch_get_active (self->force_switch);
  options.base_url = *base_url ? base_url : NULL;
  options.warnings = warnings;

  if (!topiary_export (self->project, self->destination, &options, NULL, NULL, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, self->destination, warnings->len);
  gtk_window_close (GTK_WINDOW (self));
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
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_export_dialog_init (TopiaryExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
