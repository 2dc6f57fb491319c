/* topiary-text-dialog.c — a title and a Markdown text to write: a note of
 * the map, or the map's or a group's title and description
 *
 * "Save" emits "saved" and closes; the caller makes the edit (an undoable
 * one, through core's topiary-map-edit.h). A note's Preview page renders
 * the text with the article preview (the WebKit module, loaded the first
 * time it is shown); without the module it says so, and writing goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-preview.h"
#include "topiary-text-dialog.h"

struct _TopiaryTextDialog
{
  AdwWindow       parent_instance;

  GtkDropDown    *kind_dropdown;
  GtkEntry       *title_entry;
  GtkWidget      *switcher;
  GtkStack       *stack;
  GtkTextView    *body_view;
  AdwBin         *preview_bin;
  GtkButton      *save_button;

  TopiaryProject *project;
  TopiaryPreview *preview;
};

G_DEFINE_FINAL_TYPE (TopiaryTextDialog, topiary_text_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds topiary-note.h names, in the drop-down's order. */
static const char *const kinds[] = {
  "strategy", "audience", "goal", "monetization", "content-gap", "key-entity", "key-fact",
  "common-question", "seasonality", "timeline", "rpm", "import", "other", NULL
};

const char *
topiary_text_dialog_get_kind (TopiaryTextDialog *self)
{
  guint index;

  g_return_val_if_fail (TOPIARY_IS_TEXT_DIALOG (self), NULL);

  index = gtk_drop_down_get_selected (self->kind_dropdown);
  return index < G_N_ELEMENTS (kinds) - 1 ? kinds[index] : "other";
}

char *
topiary_text_dialog_dup_title (TopiaryTextDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_TEXT_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
}

char *
topiary_text_dialog_dup_text (TopiaryTextDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TOPIARY_IS_TEXT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_page_changed (TopiaryTextDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") != 0)
    return;
  if (self->preview == NULL)
    {
      self->preview = topiary_preview_new (&error);
      if (self->preview == NULL)
        {
          GtkWidget *label = gtk_label_new (error->message);

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          adw_bin_set_child (self->preview_bin, label);
          return;
        }
      g_object_ref_sink (self->preview);
      topiary_preview_set_project (self->preview, self->project);
      adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
    }
  text = topiary_text_dialog_dup_text (self);
  topiary_preview_set_markdown (self->preview, text);
}

static void
on_save (TopiaryTextDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
set_fields (TopiaryTextDialog *self,
            const char        *heading,
            const char        *title,
            const char        *text)
{
  gtk_window_set_title (GTK_WINDOW (self), heading);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), text ? text : "", -1);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_entry));
}

TopiaryTextDialog *
topiary_text_dialog_new_note (GtkWindow      *parent,
                              TopiaryProject *project,
                              const char     *heading,
                              TopiaryNote    *note)
{
  TopiaryTextDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = G_N_ELEMENTS (kinds) - 2;   /* "other" */

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (note == NULL || TOPIARY_IS_NOTE (note), NULL);

  self = g_object_new (TOPIARY_TYPE_TEXT_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (names, kinds[i]);
      if (note != NULL && g_strcmp0 (topiary_note_get_kind (note), kinds[i]) == 0)
        selected = i;
    }
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->kind_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), TRUE);
  gtk_widget_set_visible (self->switcher, TRUE);
  set_fields (self, heading, note ? topiary_note_get_title (note) : NULL, note ? topiary_note_get_body (note) : NULL);
  return self;
}

TopiaryTextDialog *
topiary_text_dialog_new_details (GtkWindow  *parent,
                                 const char *heading,
                                 const char *title,
                                 const char *description)
{
  TopiaryTextDialog *self = g_object_new (TOPIARY_TYPE_TEXT_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, "transient-for", parent, NULL);

  set_fields (self, heading, title, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  return self;
}

static void
topiary_text_dialog_dispose (GObject *object)
{
  TopiaryTextDialog *self = TOPIARY_TEXT_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_TEXT_DIALOG);
  g_clear_object (&self->preview);
  G_OBJECT_CLASS (topiary_text_dialog_parent_class)->dispose (object);
}

static void
topiary_text_dialog_class_init (TopiaryTextDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_text_dialog_dispose;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-text-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, switcher);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryTextDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_text_dialog_init (TopiaryTextDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
}
