/* topiary-cli-private.h — what the subcommands (topiary-cli-*.c) share:
 * their table entry, one GOptionContext per subcommand, messages, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-links.h"
#include "topiary-map.h"
#include "topiary-project.h"

G_BEGIN_DECLS

typedef struct _TopiaryCliCommand TopiaryCliCommand;

/* Runs the subcommand on the whole command line (argv[1] is its name);
 * returns the exit status. */
typedef int (*TopiaryCliFunc) (const TopiaryCliCommand *cmd,
                               int                      argc,
                               char                   **argv);

struct _TopiaryCliCommand {
  const char     *name;
  TopiaryCliFunc  func;
  const char     *parameters;   /* the positional arguments, for --help */
  const char     *usage;        /* with the options, for `topiary --help` */
  const char     *summary;      /* what it does, one line */
  const char     *description;  /* more, at the end of --help, or NULL */
};

int _topiary_cli_import (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_export (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_info   (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_check  (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_search (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_files  (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_links  (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_brief  (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_graph  (const TopiaryCliCommand *cmd, int argc, char **argv);
int _topiary_cli_merge  (const TopiaryCliCommand *cmd, int argc, char **argv);

/* The article of @map with @slug; NULL after saying none of the project
 * at @path has it (*status set). In topiary-cli-links.c. */
TopiaryMapArticle *_topiary_cli_lookup_slug (TopiaryMap *map,
                                             const char *path,
                                             const char *slug,
                                             int        *status);

/* Or'ed into _topiary_cli_parse()'s @n_args: one more argument may follow. */
#define TOPIARY_CLI_ONE_MORE (1u << 16)

/* Parses the subcommand's arguments (argv[2] on) with its own
 * GOptionContext: @entries (NULL-terminated) and --help. Returns the
 * positional arguments, exactly @n_args of them; otherwise NULL and
 * *status: 0 once --help has printed the subcommand's options, 2 after a
 * usage error (an unknown option, a missing value, or @wrong_count when
 * the number of arguments is not @n_args). */
char **_topiary_cli_parse (const TopiaryCliCommand *cmd,
                           int                      argc,
                           char                   **argv,
                           const GOptionEntry      *entries,
                           guint                    n_args,
                           const char              *wrong_count,
                           int                     *status);

/* One clear sentence on stderr ("topiary: …"); returns 2. */
int  _topiary_cli_fail        (const char              *message);
/* "topiary CMD: …" and the usage line on stderr; returns 2. */
int  _topiary_cli_usage_error (const TopiaryCliCommand *cmd,
                               const char              *message);
/* "warning: …" on stderr. */
void _topiary_cli_warn        (const char              *message);

/* Opens the project at @path; NULL (and *status set, the reason said)
 * when it cannot be opened. */
TopiaryProject *_topiary_cli_open_existing (const char *path,
                                            gboolean    read_only,
                                            int        *status);
/* Opens the project at @path read-only, reads its map and every body into
 * a linker (links, graph, brief); NULL (and *status set, the reason said)
 * when one of them cannot be had. *@project and *@map are the caller's. */
TopiaryLinker  *_topiary_cli_open_linker   (const char      *path,
                                            TopiaryProject **project,
                                            TopiaryMap     **map,
                                            int             *status);

/* Progress on a terminal: "\rLABEL done/total (n%)", redrawn at most ten
 * times a second; _topiary_cli_progress_end() ends the line. */
typedef struct {
  const char *label;
  gint64      last;
  gboolean    shown;
} TopiaryCliProgress;

void _topiary_cli_progress     (guint               done,
                                guint               total,
                                gpointer            user_data);
void _topiary_cli_progress_end (TopiaryCliProgress *progress);

G_END_DECLS
