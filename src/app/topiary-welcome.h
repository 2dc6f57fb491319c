/* topiary-welcome.h — what the window shows when no project is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_WELCOME (topiary_welcome_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryWelcome, topiary_welcome, TOPIARY, WELCOME, GtkWidget)

/* Rows activate "win.open-recent" with the path. */
void topiary_welcome_set_recent   (TopiaryWelcome     *self,
                                   const char * const *paths);
/* Shows the settings' recent projects, and keeps showing them. */
void topiary_welcome_set_settings (TopiaryWelcome     *self,
                                   GSettings          *settings);
/* Puts @path first in the recent projects (@keep) or takes it out. */
void topiary_welcome_remember     (TopiaryWelcome     *self,
                                   const char         *path,
                                   gboolean            keep);

G_END_DECLS
