/* topiary-markdown-title.h — the article's title is its page's only <h1>
 *
 * The preview and the site show an article's title as the page's <h1>.
 * So when they render its body (TopiaryMarkdownOptions.title set):
 *
 *  - a body whose first block is a level-1 heading that says the title
 *    (compared as wiki links compare names, topiary_link_key(): case,
 *    Unicode forms and spacing do not matter) leaves that heading out;
 *  - every other level-1 heading, ATX or setext, is rendered as level 2.
 *
 * `topiary check` reports the first ("title-heading") and the app offers
 * to remove it (docs/highlighting.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When the first block of @markdown is a level-1 heading: returns its
 * plain text and sets *@line to its last line (1-based) and *@end to the
 * byte offset where the text after it starts (after the heading's lines
 * and the blank lines that follow them). Else NULL. */
char     *topiary_markdown_first_heading    (const char *markdown,
                                             guint      *line,
                                             gsize      *end);

/* TRUE when the first block of @markdown is a level-1 heading that says
 * @title; *@end (may be NULL) as topiary_markdown_first_heading() sets it. */
gboolean  topiary_markdown_starts_with_title (const char *markdown,
                                              const char *title,
                                              gsize      *end);

/* @markdown without the title heading it starts with, newly allocated,
 * or NULL when it starts with none. */
char     *topiary_markdown_remove_title      (const char *markdown,
                                              const char *title);

G_END_DECLS
