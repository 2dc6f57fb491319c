/* topiary-cli.h — the headless `topiary` subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv[1] names a subcommand (or --help/--version) that runs
 * without a display. */
gboolean topiary_cli_handles (int    argc,
                              char **argv);
/* Runs it; returns the process exit status. */
int      topiary_cli_run     (int    argc,
                              char **argv);

G_END_DECLS
