/* topiary-escape.h — text into HTML and XML, escaped
 *
 * The one escaper of the project: the templates, the Markdown renderer's
 * own markup and the site's XML files (sitemap, feed) all go through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the text goes. Every mode writes valid UTF-8: an invalid byte
 * becomes U+FFFD, a NUL is dropped, and so are the C0 control
 * characters other than tab, line feed and carriage return (and form
 * feed, in HTML), which neither XML 1.0 nor HTML allows. */
typedef enum {
  /* Element content: "&", "<" and ">" as entities. */
  TOPIARY_ESCAPE_HTML_TEXT,
  /* A quoted attribute value, or text whose place is not known (a
   * template's {{value}}): quotes and apostrophes too ("&quot;", "&#39;",
   * which HTML 4 knows as well). */
  TOPIARY_ESCAPE_HTML_ATTRIBUTE,
  /* XML 1.0 character data or attribute values: "&", "<", ">", "&quot;",
   * "&apos;", and the noncharacters U+FFFE and U+FFFF dropped as well. */
  TOPIARY_ESCAPE_XML,
} TopiaryEscapeMode;

/* Appends @text (@length bytes, or -1 when NUL-terminated) to @out,
 * escaped for @mode. @text NULL appends nothing. */
void   topiary_escape_append (GString           *out,
                              const char        *text,
                              gssize             length,
                              TopiaryEscapeMode  mode);

/* The same, as a new string. */
char  *topiary_escape        (const char        *text,
                              gssize             length,
                              TopiaryEscapeMode  mode);

G_END_DECLS
