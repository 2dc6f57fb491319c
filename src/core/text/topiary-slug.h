/* topiary-slug.h — URL-safe slugs for articles, groups and headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOPIARY_SLUG_MAX 80

/* An ASCII, lowercase slug for @text: accents are transliterated, every
 * run of other characters becomes one '-', no leading or trailing '-', at
 * most TOPIARY_SLUG_MAX bytes. Never empty: "untitled" when nothing is
 * left. Only [a-z0-9-], so it is safe as a path component; never a Windows
 * device name (con, prn, aux, nul, com0–9, lpt0–9): those get "-page". */
char     *topiary_slugify       (const char *text);

/* TRUE when @slug is non-empty and made only of [a-z0-9-] with no leading,
 * trailing or doubled '-', and not a Windows device name — what
 * topiary_slugify() returns. */
gboolean  topiary_slug_is_valid (const char *slug);

/* TRUE when @slug is a Windows device name (in lowercase, as slugs are). */
gboolean  topiary_slug_is_reserved (const char *slug);

G_END_DECLS
