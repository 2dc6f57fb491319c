/* topiary-utf8.h — UTF-8 validation with a fast path for ASCII
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Like g_utf8_validate_len(): TRUE when the @length bytes of @text are valid
 * UTF-8 without NUL bytes; *end (optional) is set to the first invalid byte
 * or the end. Runs of ASCII, most of any Markdown text, are checked eight
 * bytes at a time. */
gboolean topiary_utf8_validate (const char  *text,
                                gsize        length,
                                const char **end);

G_END_DECLS
