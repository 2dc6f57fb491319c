/* topiary-highlight.h — the hook that highlights fenced code
 *
 * The core has no highlighter of its own and never includes GTK: a
 * program that has one installs it here (the topiary executable installs
 * GtkSourceView's, src/highlight/), and the site export and the preview
 * pass it to topiary_markdown_render() through TopiaryMarkdownOptions.
 * With none installed, code is rendered as cmark-gfm writes it. See
 * docs/highlighting.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends to @out the HTML of @code (@length bytes of valid UTF-8) in
 * @language (the first word of the fence's info string, as written):
 * every character escaped for HTML text, tokens wrapped in
 * `<span class="tok-…">` elements that are closed in order. Returns FALSE,
 * having appended nothing, when it does not know @language; the code is
 * then rendered plain. Called from any thread. */
typedef gboolean (*TopiaryHighlightFunc) (const char *language,
                                          const char *code,
                                          gsize       length,
                                          GString    *out,
                                          gpointer    user_data);

/* Installs the process's highlighter (NULL removes it). Call it before
 * rendering starts on other threads. */
void                 topiary_highlight_install (TopiaryHighlightFunc func,
                                                gpointer             user_data);
/* The installed highlighter, or NULL; sets *@user_data to its data. */
TopiaryHighlightFunc topiary_highlight_get     (gpointer            *user_data);

/* The token classes a highlighter may use, each `tok-<name>`, so themes
 * can colour them (NULL-terminated). */
extern const char * const topiary_highlight_classes[];

G_END_DECLS
