/* topiary-dialogs.c — the small dialogs and toasts every part of the window uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-dialogs.h"
#include "topiary-project.h"

GtkWidget *
topiary_message_dialog_new (GtkWindow  *parent,
                            const char *heading,
                            const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = g_object_new (ADW_TYPE_MESSAGE_DIALOG,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                         "transient-for", parent,
                         NULL);

  /* As adw_message_dialog_new(): NULL leaves the text out. */
  if (heading != NULL)
    adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), heading);
  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  return dialog;
}

AdwToast *
topiary_toast_new (const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  return adw_toast_new (markup);
}

void
topiary_show_error (GtkWindow  *parent,
                    const char *heading,
                    const char *body)
{
  GtkWidget *dialog = topiary_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
open_error_heading (const GError *error)
{
  if (error->domain == TOPIARY_PROJECT_ERROR)
    switch (error->code)
      {
      case TOPIARY_PROJECT_ERROR_NOT_SQLITE:
      case TOPIARY_PROJECT_ERROR_FOREIGN:
        return _("Not a Topiary Project");
      case TOPIARY_PROJECT_ERROR_CORRUPT:
        return _("Damaged Project");
      case TOPIARY_PROJECT_ERROR_NEWER:
        return _("Project From a Newer Topiary");
      case TOPIARY_PROJECT_ERROR_NOT_FOUND:
        return _("Project Not Found");
      default:
        break;
      }
  return _("Could Not Open the Project");
}

void
topiary_show_open_error (GtkWindow    *parent,
                         const GError *error)
{
  g_return_if_fail (error != NULL);
  topiary_show_error (parent, open_error_heading (error), error->message);
}

typedef struct {
  GObject         *owner;
  GtkEntry        *entry;
  TopiaryTextFunc  callback;
  gpointer         data;
  GDestroyNotify   destroy;
} AskText;

static void
ask_text_free (AskText *ask)
{
  if (ask->destroy != NULL)
    ask->destroy (ask->data);
  g_object_unref (ask->owner);
  g_free (ask);
}

static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 AskText          *ask)
{
  if (g_strcmp0 (response, "ok") == 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));

      if (*text != '\0')
        ask->callback (ask->owner, text, ask->data);
    }
}

static void
on_ask_entry_activate (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "ok");
  gtk_window_close (GTK_WINDOW (dialog));
}

void
topiary_ask_text (GtkWindow      *parent,
                  GObject        *owner,
                  const char     *heading,
                  const char     *initial,
                  const char     *ok_label,
                  TopiaryTextFunc callback,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  GtkWidget *dialog = topiary_message_dialog_new (parent, heading, NULL);
  GtkWidget *entry = gtk_entry_new ();
  AskText *ask = g_new0 (AskText, 1);

  ask->owner = g_object_ref (owner);
  ask->entry = GTK_ENTRY (entry);
  ask->callback = callback;
  ask->data = data;
  ask->destroy = destroy;

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "activate", G_CALLBACK (on_ask_entry_activate), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response), ask,
                         (GClosureNotify) (void (*) (void)) ask_text_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
