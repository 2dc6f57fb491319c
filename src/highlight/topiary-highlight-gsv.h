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

/* Installs a highlighter that does GtkSourceView's work on the thread
 * owning @context (the app's main thread): a call from another thread (a
 * site export's worker) waits there for its turn. GtkSourceView queues an
 * idle callback on the process's default main context after each text
 * change, and in the app that callback runs on the main thread, so a
 * buffer must never be used on another thread while that context is
 * being iterated. The command line, which iterates no main loop, keeps
 * topiary_highlight_gsv_install() and its threads. */
void     topiary_highlight_gsv_install_main_thread (GMainContext *context);

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
