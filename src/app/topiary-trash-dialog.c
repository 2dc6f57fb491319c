/* topiary-trash-dialog.c — "Deleted Articles": see, restore, empty the trash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-dialogs.h"
#include "topiary-trash.h"
#include "topiary-trash-dialog.h"

struct _TopiaryTrashDialog
{
  AdwWindow          parent_instance;

  TopiaryMapActions *actions;
  GtkStack          *stack;
  GtkListBox        *list;
  GtkWidget         *empty_button;
  AdwToastOverlay   *toasts;
  GPtrArray         *items;    /* TopiaryTrashItem *, as listed */
};

G_DEFINE_FINAL_TYPE (TopiaryTrashDialog, topiary_trash_dialog, ADW_TYPE_WINDOW)

static void reload (TopiaryTrashDialog *self);

static TopiaryProject *
get_project (TopiaryTrashDialog *self)
{
  TopiaryUndoStack *undo = topiary_map_actions_get_undo_stack (self->actions);

  return undo ? topiary_undo_stack_get_project (undo) : NULL;
}

static void
show_message (TopiaryTrashDialog *self,
              const char         *message)
{
  adw_toast_overlay_add_toast (self->toasts, topiary_toast_new (message));
}

gboolean
topiary_trash_dialog_restore (TopiaryTrashDialog *self,
                              guint               index)
{
  g_autoptr(GError) error = NULL;
  TopiaryTrashItem *item;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TOPIARY_IS_TRASH_DIALOG (self), FALSE);

  if (self->items == NULL || index >= self->items->len)
    return FALSE;
  item = g_ptr_array_index (self->items, index);
  if (!topiary_map_actions_restore (self->actions, item->revision_id, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  message = g_strdup_printf (_("“%s” restored"), item->title);
  show_message (self, message);
  reload (self);
  return TRUE;
}

static void
on_restore_clicked (GtkButton          *button,
                    TopiaryTrashDialog *self)
{
  topiary_trash_dialog_restore (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
on_empty_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   TopiaryTrashDialog *self)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project = get_project (self);

  if (!g_str_equal (response, "empty") || project == NULL)
    return;
  if (!topiary_project_empty_trash (project, NULL, &error))
    show_message (self, error->message);
  else
    {
      /* The undo of a delete would look for what is gone now. */
      topiary_undo_stack_clear (topiary_map_actions_get_undo_stack (self->actions));
    }
  reload (self);
}

static void
on_empty_clicked (GtkButton          *button,
                  TopiaryTrashDialog *self)
{
  GtkWidget *dialog = topiary_message_dialog_new (GTK_WINDOW (self), _("Empty the Trash?"),
                                              _("The deleted articles cannot be restored afterwards."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_empty_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (TopiaryTrashDialog *self,
          TopiaryTrashItem   *item,
          guint               index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (item->deleted);
  /* TRANSLATORS: when an article was deleted, unambiguous in every locale: "5 Dec 2026, 18:37" (g_date_time_format) */
  g_autofree char *date = when ? g_date_time_format (when, _("%-d %b %Y, %H:%M")) : g_strdup ("");
  g_autofree char *subtitle = g_strdup_printf (_("Deleted %s"), date);
  g_autofree char *name = g_strdup_printf (_("Restore “%s”"), item->title);
  g_autofree char *title = g_markup_escape_text (item->title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (TopiaryTrashDialog *self)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project = get_project (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (project != NULL)
    self->items = topiary_project_list_trash (project, &error);
  if (self->items == NULL && error != NULL)
    show_message (self, error->message);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (self->items, i), i));
  gtk_stack_set_visible_child_name (self->stack,
                                    self->items != NULL && self->items->len > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (self->empty_button,
                            self->items != NULL && self->items->len > 0 &&
                            project != NULL && !topiary_project_is_read_only (project));
}

guint
topiary_trash_dialog_get_n_items (TopiaryTrashDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_TRASH_DIALOG (self), 0);

  return self->items ? self->items->len : 0;
}

static void
topiary_trash_dialog_dispose (GObject *object)
{
  TopiaryTrashDialog *self = TOPIARY_TRASH_DIALOG (object);

  g_clear_object (&self->actions);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (topiary_trash_dialog_parent_class)->dispose (object);
}

static void
topiary_trash_dialog_class_init (TopiaryTrashDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_trash_dialog_dispose;
  /* Escape closes it, like a dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_trash_dialog_init (TopiaryTrashDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *status = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Deleted Articles"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->empty_button = gtk_button_new_with_mnemonic (_("_Empty Trash"));
  gtk_widget_add_css_class (self->empty_button, "destructive-action");
  g_signal_connect (self->empty_button, "clicked", G_CALLBACK (on_empty_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->empty_button);
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Deleted articles"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "user-trash-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Deleted Articles"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, status, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

TopiaryTrashDialog *
topiary_trash_dialog_new (GtkWindow         *parent,
                          TopiaryMapActions *actions)
{
  TopiaryTrashDialog *self;

  g_return_val_if_fail (TOPIARY_IS_MAP_ACTIONS (actions), NULL);

  self = g_object_new (TOPIARY_TYPE_TRASH_DIALOG, "transient-for", parent, NULL);
  self->actions = g_object_ref (actions);
  reload (self);
  return self;
}
