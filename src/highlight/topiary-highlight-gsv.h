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
 * Runs on several threads at once: each call takes GtkSourceView objects
 * that no other thread uses at the time (see the .c file). Code over
 * 256 KiB and languages GtkSourceView does not know are left to the
 * caller (FALSE). */
gboolean topiary_highlight_gsv         (const char *language,
                                        const char *code,
                                        gsize       length,
                                        GString    *out,
                                        gpointer    user_data);

/* For tests: how many sets of GtkSourceView objects were made, one per
 * call that ran while all others were in use. */
guint    topiary_highlight_gsv_get_n_highlighters (void);

/* For tests: @hook is called in every call that highlights, after the
 * set-up and before the highlighting, outside any lock of the
 * highlighter (NULL removes it). */
typedef void (*TopiaryHighlightGsvTestHook) (gpointer user_data);
void     topiary_highlight_gsv_set_test_hook      (TopiaryHighlightGsvTestHook hook,
                                                   gpointer                    user_data);

G_END_DECLS
