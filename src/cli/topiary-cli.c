/* topiary-cli.c — the headless `topiary` subcommands: the table of them,
 * `topiary --help`, and what they share (one GOptionContext each, messages,
 * progress). Each subcommand lives in topiary-cli-NAME.c.
 *
 * Everything here runs before (and without) GTK: no display, no D-Bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-cli.h"
#include "topiary-cli-private.h"
#include "topiary-cli-text.h"

static const TopiaryCliCommand commands[] = {
  { "import", _topiary_cli_import, N_("SOURCE FILE.topiary"),
    N_("SOURCE FILE.topiary [--format map|outline|hugo|csv] [--dry-run [--json]] [--group-level N] [--column HEADER=FIELD,…] [--items-as-ideas]"),
    N_("Import a topical map, Markdown outline, Hugo/Jekyll content folder or CSV plan"),
    N_("FILE.topiary is created when it does not exist; an existing project gets the new articles, "
       "and articles it already holds are updated, their previous text kept as revisions.") },
  { "export", _topiary_cli_export, N_("FILE.topiary DIR"),
    N_("FILE.topiary DIR [--format site|hugo|csv|json] [--drafts] [--force] [--strict] [--base-url URL] [--theme DIR] [--with-files] [--with-briefs] [--with-map-page]"),
    N_("Export a static website folder, a Hugo content folder, CSV or JSON"),
    N_("The export is written beside DIR and moved into place when complete; files you added to an "
       "earlier export of DIR are kept. Ctrl-C stops it and removes what it had written.") },
  { "info", _topiary_cli_info, N_("FILE.topiary"),
    N_("FILE.topiary [--json]"),
    N_("Show counts by group, kind and status"),
    NULL },
  { "check", _topiary_cli_check, N_("FILE.topiary"),
    N_("FILE.topiary [--json]"),
    N_("Audit structure and links; exit status 1 when something is wrong"),
    N_("Exit status: 0 when nothing is wrong (notes alone are no failure), 1 when a warning or an "
       "error was found, 2 when the project cannot be read.") },
  { "search", _topiary_cli_search, N_("FILE.topiary QUERY"),
    N_("FILE.topiary QUERY [--limit N]"),
    N_("Full-text search over titles, summaries, bodies and queries"),
    N_("Exit status: 0 when an article matches, 1 when none does.") },
  { "links", _topiary_cli_links, N_("FILE.topiary [SLUG]"),
    N_("FILE.topiary [SLUG] [--json]"),
    N_("Show the links an article should have: missing required links and suggestions"),
    N_("Without SLUG, every written article with missing required links or suggestions is listed with "
       "them; with SLUG, that article's outgoing links and backlinks too. Exit status: 0, or 2 "
       "when the project cannot be read or no article has SLUG.") },
  { "brief", _topiary_cli_brief, N_("FILE.topiary SLUG"),
    N_("FILE.topiary SLUG [--format markdown|json] [--skeleton | --checklist]"),
    N_("Print the writing brief of an article, made from the map"),
    N_("--skeleton prints headings and required links an empty article can start from; --checklist "
       "scores the article’s text against its brief, out of 100.") },
  { "graph", _topiary_cli_graph, N_("FILE.topiary"),
    N_("FILE.topiary --svg OUT.svg [--level articles|groups] [--link-base PREFIX]"),
    N_("Draw the map as a graph: groups around their pillars, links, and the required links missing"),
    N_("Solid edges are links written in the text, dashed red ones required links the text lacks; "
       "nodes are coloured by status and sized by words. The file is written whole or not at all.") },
  { "merge", _topiary_cli_merge, N_("FILE.topiary KEEP_SLUG ABSORB_SLUG"),
    N_("FILE.topiary KEEP_SLUG ABSORB_SLUG"),
    N_("Merge one article into another: its text, queries, files and incoming links"),
    N_("The text of ABSORB_SLUG is appended to KEEP_SLUG under its title, its target queries become "
       "secondary ones, links to it point at KEEP_SLUG, and it goes to the Deleted Articles, "
       "from which the app can restore it.") },
  { "files", _topiary_cli_files, N_("FILE.topiary"),
    N_("FILE.topiary [--json] [--extract DIR [--force]]"),
    N_("List the images and files stored in the project, or write them to a folder"),
    NULL },
};

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage:\n  topiary [FILE.topiary]            open the app\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  topiary %s %s\n      %s\n", commands[i].name,
             _(commands[i].usage), _(commands[i].summary));
  fprintf (out, "  topiary --version\n  topiary --help\n  topiary help COMMAND\n");
}

/* @message as one shown sentence: control characters made visible, and
 * a full stop when it has none (a message passed on from SQLite, GIO or
 * GOption may lack it). */
static char *
sentence (const char *message)
{
  g_autofree char *shown = topiary_cli_shown (message);
  gsize len = strlen (shown);

  while (len > 0 && g_ascii_isspace (shown[len - 1]))
    shown[--len] = '\0';
  if (len == 0 || strchr (".?!", shown[len - 1]) == NULL)
    return g_strconcat (shown, ".", NULL);
  return g_steal_pointer (&shown);
}

int
_topiary_cli_fail (const char *message)
{
  g_autofree char *shown = sentence (message);

  g_printerr ("topiary: %s\n", shown);
  return 2;
}

void
_topiary_cli_warn (const char *message)
{
  g_autofree char *shown = topiary_cli_shown (message);

  g_printerr (_("warning: %s\n"), shown);
}

int
_topiary_cli_usage_error (const TopiaryCliCommand *cmd,
                          const char              *message)
{
  g_autofree char *shown = sentence (message);

  g_printerr ("topiary %s: %s\n", cmd->name, shown);
  g_printerr (_("Usage: topiary %s %s\n"), cmd->name, _(cmd->usage));
  return 2;
}

static const TopiaryCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

gboolean
topiary_cli_handles (int    argc,
                     char **argv)
{
  if (argc < 2)
    return FALSE;
  return find_command (argv[1]) != NULL ||
         g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 ||
         g_strcmp0 (argv[1], "help") == 0 ||
         g_strcmp0 (argv[1], "--version") == 0 || g_strcmp0 (argv[1], "-v") == 0;
}

/* ---- one GOptionContext per subcommand ---------------------------------- */

static void
print_command_help (const TopiaryCliCommand *cmd,
                    GOptionContext          *context)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());
  g_autofree char *name = g_strdup_printf ("topiary %s", cmd->name);
  g_autofree char *help = NULL;

  /* The usage line says "topiary export [OPTION…] FILE.topiary DIR". */
  g_set_prgname (name);
  help = g_option_context_get_help (context, TRUE, NULL);
  g_set_prgname (prgname);
  g_print ("%s", help);
}

char **
_topiary_cli_parse (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv,
                    const GOptionEntry      *entries,
                    guint                    n_args,
                    const char              *wrong_count,
                    int                     *status)
{
  gboolean help = FALSE;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry common[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this command's options"), NULL },
    /* The positional arguments, those after "--" too, are file names
     * and text taken as the bytes given. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_(cmd->parameters));
  g_autoptr(GError) error = NULL;
  g_autofree char **args = g_new0 (char *, argc);
  int n_left = argc - 1;
  guint given;

  g_return_val_if_fail (argc >= 2, NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(cmd->summary));
  if (cmd->description != NULL)
    g_option_context_set_description (context, _(cmd->description));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  /* --help is ours, so it prints and returns instead of exiting; unknown
   * options stay in args, to be named in our own sentence. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);

  /* args[0] stands for the program, as GOption expects. */
  memcpy (args, argv + 1, (gsize) (argc - 1) * sizeof (char *));
  if (!g_option_context_parse (context, &n_left, &args, &error))
    {
      *status = _topiary_cli_usage_error (cmd, error->message);
      return NULL;
    }
  if (help)
    {
      print_command_help (cmd, context);
      *status = 0;
      return NULL;
    }
  /* What GOption left, beside the positional arguments, is options it
   * does not know. */
  if (n_left > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), args[1]);

      *status = _topiary_cli_usage_error (cmd, message);
      return NULL;
    }
  given = rest != NULL ? g_strv_length (rest) : 0;
  if (given != (n_args & ~TOPIARY_CLI_ONE_MORE) &&
      !((n_args & TOPIARY_CLI_ONE_MORE) && given == (n_args & ~TOPIARY_CLI_ONE_MORE) + 1))
    {
      *status = _topiary_cli_usage_error (cmd, wrong_count);
      return NULL;
    }
  return g_steal_pointer (&rest);
}

TopiaryProject *
_topiary_cli_open_existing (const char *path,
                            gboolean    read_only,
                            int        *status)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project;

  project = topiary_project_open (path, read_only ? TOPIARY_OPEN_READ_ONLY : TOPIARY_OPEN_DEFAULT, &error);
  if (project == NULL)
    *status = _topiary_cli_fail (error->message);
  return project;
}

TopiaryLinker *
_topiary_cli_open_linker (const char      *path,
                          TopiaryProject **project,
                          TopiaryMap     **map,
                          int             *status)
{
  g_autoptr(GError) error = NULL;
  TopiaryLinker *linker = NULL;

  *project = _topiary_cli_open_existing (path, TRUE, status);
  if (*project == NULL)
    return NULL;
  *map = topiary_map_new (*project, &error);
  if (*map != NULL)
    linker = topiary_linker_new (*project, *map, &error);
  if (linker == NULL)
    *status = _topiary_cli_fail (error->message);
  return linker;
}

/* ---- progress on a terminal -------------------------------------------- */

void
_topiary_cli_progress (guint    done,
                       guint    total,
                       gpointer user_data)
{
  TopiaryCliProgress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Redraw at most ten times a second, and always the last step. */
  if (done < total && now - p->last < G_USEC_PER_SEC / 10)
    return;
  p->last = now;
  p->shown = TRUE;
  if (total > 0)
    fprintf (stderr, "\r%s %u/%u (%u%%)", p->label, done, total, (guint)((guint64)done * 100 / total));
  else
    fprintf (stderr, "\r%s %u", p->label, done);
  fflush (stderr);
}

void
_topiary_cli_progress_end (TopiaryCliProgress *p)
{
  if (p->shown)
    fprintf (stderr, "\n");
}

/* ------------------------------------------------------------------------ */

int
topiary_cli_run (int    argc,
                 char **argv)
{
  const TopiaryCliCommand *cmd;

  g_return_val_if_fail (argc >= 2, 2);

  if (g_strcmp0 (argv[1], "--version") == 0 || g_strcmp0 (argv[1], "-v") == 0)
    {
      g_print ("topiary %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* "topiary help export" is "topiary export --help". */
  if (g_strcmp0 (argv[1], "help") == 0 && argc >= 3)
    {
      char *help_argv[] = { argv[0], argv[2], (char *) "--help", NULL };

      cmd = find_command (argv[2]);
      if (cmd == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("There is no command “%s”; “topiary --help” lists them."),
                                                      argv[2]);
          return _topiary_cli_fail (message);
        }
      return cmd->func (cmd, 3, help_argv);
    }
  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 ||
      g_strcmp0 (argv[1], "help") == 0)
    {
      print_help (stdout);
      return 0;
    }

  cmd = find_command (argv[1]);
  g_assert (cmd != NULL);
  return cmd->func (cmd, argc, argv);
}
