/* topiary-dialogs.h — the small dialogs and toasts every part of the window uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* adw_message_dialog_new(), read by screen readers as a dialog (libadwaita
 * 1.2 leaves its role generic). */
GtkWidget *topiary_message_dialog_new (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body);

/* A toast showing @message as plain text (toast titles are markup). */
AdwToast *topiary_toast_new  (const char *message);

/* A message dialog with one "Close" button. */
void      topiary_show_error (GtkWindow  *parent,
                              const char *heading,
                              const char *body);

/* Why a project could not be opened, headed by what went wrong. */
void      topiary_show_open_error (GtkWindow    *parent,
                                   const GError *error);

/* Called with the text the user entered, stripped and never empty. */
typedef void (*TopiaryTextFunc) (gpointer    owner,
                                 const char *text,
                                 gpointer    data);

/* Asks for a line of text (a name, a title); @owner is kept alive until
 * the dialog is gone, @data is freed with @destroy then. */
void      topiary_ask_text   (GtkWindow      *parent,
                              GObject        *owner,
                              const char     *heading,
                              const char     *initial,
                              const char     *ok_label,
                              TopiaryTextFunc callback,
                              gpointer        data,
                              GDestroyNotify  destroy);

G_END_DECLS
