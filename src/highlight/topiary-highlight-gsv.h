/* topiary-highlight-gsv.h — fenced code highlighted with GtkSourceView 5
 *
 * The core's highlighter hook (topiary-highlight.h) implemented with
 * GtkSourceView's language definitions, as the editor already uses them:
 * no display, no gtk_init() and no main loop needed, so `topiary export`
 * uses it too. Built only with the GUI (docs/highlighting.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs topiary_highlight_gsv() as the process's highlighter. Cheap:
 * GtkSourceView is set up on the first code block. */
void     topiary_highlight_gsv_install (void);

/* The highlighter itself (a TopiaryHighlightFunc; @user_data unused).
 * Serialised by a lock: GtkSourceView is not thread-safe. Code over
 * 256 KiB and languages GtkSourceView does not know are left to the
 * caller (FALSE). */
gboolean topiary_highlight_gsv         (const char *language,
                                        const char *code,
                                        gsize       length,
                                        GString    *out,
                                        gpointer    user_data);

G_END_DECLS
