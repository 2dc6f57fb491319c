/* topiary-application.h — the GTK application object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_APPLICATION (topiary_application_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryApplication, topiary_application, TOPIARY, APPLICATION, AdwApplication)

TopiaryApplication *topiary_application_new          (void);
GSettings          *topiary_application_get_settings (TopiaryApplication *self);

/* Runs the GUI; the entry point used by main(). */
int                 topiary_app_run                  (int                 argc,
                                                      char              **argv);

G_END_DECLS
