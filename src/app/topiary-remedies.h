/* topiary-remedies.h — the usual remedies of a cannibalization finding
 * (two articles competing for one query), offered where the overview
 * lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-check.h"
#include "topiary-project.h"

G_BEGIN_DECLS

/* TRUE for a finding of topiary-cannibal.h that names both articles. */
gboolean   topiary_remedies_apply_to   (const TopiaryCheckFinding *finding);
/* A menu button with the remedies of @finding: open the other article,
 * make either the owner and link to it from the other, change the
 * intent, merge either into the other. Its items activate the
 * "remedy.*" actions. */
GtkWidget *topiary_remedies_button_new (TopiaryProject            *project,
                                        const TopiaryCheckFinding *finding);
/* Installs "remedy.link-to-owner" (xx: from, owner),
 * "remedy.change-intent" (x) and "remedy.merge" (xx: keep, absorb; asks
 * first) on @widget_class; its widgets must be inside a TopiaryWindow. */
void       topiary_remedies_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
