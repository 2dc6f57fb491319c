/* topiary-cli-text.h — text from a project, made safe for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text as the human output of the command line shows it: control
 * characters, which a terminal would act on (ESC [ 31m, BEL, CR …), are
 * written as visible escapes instead — "\e", "\a", "\r", "\n", "\t",
 * "\b", "\f", "\v", other C0 controls and DEL as "\x1F", C1 controls,
 * bidirectional controls (U+202E …) and line separators as "\u{202E}",
 * and bytes of invalid UTF-8 as "\xFF". Everything else, backslashes
 * included, is left as it is. JSON output needs none of this. */
char *topiary_cli_shown (const char *text);

G_END_DECLS
