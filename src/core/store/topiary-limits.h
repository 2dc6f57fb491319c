/* topiary-limits.h — how long a title, a field or a text may be
 *
 * The project refuses anything longer (topiary-project.c, with one sentence
 * the app shows as it is); the importers cut what is longer and say so in
 * their report. A 50 MB title would otherwise cost the import and every
 * page of an export that names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters (Unicode code points), not bytes. */
#define TOPIARY_TITLE_MAX    1000     /* articles, groups, notes, the map */
#define TOPIARY_TEXT_MAX     10000    /* summaries, group descriptions, other map fields */
#define TOPIARY_QUERY_MAX    1000     /* one target query */
/* A count. */
#define TOPIARY_QUERIES_MAX  1000     /* target queries of one article */
/* Bytes of UTF-8. */
#define TOPIARY_BODY_MAX     (16 * 1024 * 1024)   /* an article's or a note's text */

/* TRUE when @text (valid UTF-8, or NULL) has at most @max_chars characters. */
gboolean topiary_limit_fits_chars (const char *text,
                                   gsize       max_chars);

/* A copy of @text cut after @max_chars characters, or NULL when it fits. */
char    *topiary_limit_cut_chars  (const char *text,
                                   gsize       max_chars);

/* A copy of @text cut to at most @max_bytes bytes at a character boundary,
 * or NULL when it fits. */
char    *topiary_limit_cut_bytes  (const char *text,
                                   gsize       max_bytes);

G_END_DECLS
