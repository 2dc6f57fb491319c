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

/* Installs the process's highlighter (NULL removes it), with no id.
 * Call it before rendering starts on other threads. */
void                 topiary_highlight_install      (TopiaryHighlightFunc func,
                                                     gpointer             user_data);
/* The same with @id, a line of text (no newline) that names what the
 * highlighter makes: it must change whenever the same language and code
 * could give other HTML (its version, its library's, its data files').
 * The site export keeps what a highlighter with an id made between
 * exports, under that id (docs/highlighting.md); NULL keeps nothing. */
void                 topiary_highlight_install_full (TopiaryHighlightFunc func,
                                                     gpointer             user_data,
                                                     const char          *id);
/* The installed highlighter, or NULL; sets *@user_data to its data. */
TopiaryHighlightFunc topiary_highlight_get          (gpointer            *user_data);
/* The same, and sets *@id (when not NULL) to a copy of its id, or NULL
 * for none (free with g_free). */
TopiaryHighlightFunc topiary_highlight_get_full     (gpointer            *user_data,
                                                     char               **id);

/* The token classes a highlighter may use, each `tok-<name>`, so themes
 * can colour them (NULL-terminated). */
extern const char * const topiary_highlight_classes[];

G_END_DECLS
