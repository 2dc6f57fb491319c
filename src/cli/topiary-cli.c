/* topiary-cli.c — the headless `topiary` subcommands
 *
 * Everything here runs before (and without) GTK: no display, no D-Bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>

#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#if __has_include("topiary-check.h")
#include "topiary-check.h"
#define HAVE_CHECK 1
#endif
#include "topiary-cleanup.h"
#include "topiary-cli.h"
#include "topiary-cli-text.h"
#if __has_include("topiary-export.h")
#include "topiary-export.h"
#define HAVE_EXPORT 1
#endif
#include "topiary-import.h"
#include "topiary-import-plan.h"
#include "topiary-map.h"
#include "topiary-markdown.h"
#include "topiary-media.h"
#include "topiary-project.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char  *name;
  CommandFunc  func;
  const char  *usage;
  const char  *summary;
} Command;

static int cmd_import (int argc, char **argv);
static int cmd_export (int argc, char **argv);
static int cmd_info   (int argc, char **argv);
static int cmd_check  (int argc, char **argv);
static int cmd_search (int argc, char **argv);
static int cmd_files  (int argc, char **argv);

static const Command commands[] = {
  { "import", cmd_import, N_("SOURCE FILE.topiary [--format map|outline|hugo|csv] [--dry-run [--json]] [--group-level N] [--column HEADER=FIELD,…] [--items-as-ideas]"),
    N_("Import a topical map, Markdown outline, Hugo/Jekyll content folder or CSV plan") },
  { "export", cmd_export, N_("FILE.topiary DIR [--format site|hugo|csv|json] [--drafts] [--force] [--strict] [--base-url URL] [--theme DIR]"),
    N_("Export a static website folder, a Hugo content folder, CSV or JSON") },
  { "info", cmd_info, N_("FILE.topiary [--json]"),
    N_("Show counts by group, kind and status") },
  { "check", cmd_check, N_("FILE.topiary [--json]"),
    N_("Audit structure and links; exit status 1 when something is wrong") },
  { "search", cmd_search, N_("FILE.topiary QUERY [--limit N]"),
    N_("Full-text search over titles, summaries, bodies and queries") },
  { "files", cmd_files, N_("FILE.topiary [--json] [--extract DIR [--force]]"),
    N_("List the images and files stored in the project, or write them to a folder") },
};

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage:\n  topiary [FILE.topiary]            open the app\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  topiary %s %s\n      %s\n", commands[i].name,
             _(commands[i].usage), _(commands[i].summary));
  fprintf (out, "  topiary --version\n  topiary --help\n");
}

/* One clear sentence on stderr. */
static int
fail (const char *message)
{
  g_autofree char *shown = topiary_cli_shown (message);
  gsize len = strlen (shown);

  /* A message passed on from SQLite or GIO may lack its full stop. */
  while (len > 0 && g_ascii_isspace (shown[len - 1]))
    shown[--len] = '\0';
  if (len == 0 || strchr (".?!", shown[len - 1]) == NULL)
    g_printerr ("topiary: %s.\n", shown);
  else
    g_printerr ("topiary: %s\n", shown);
  return 2;
}

/* "warning: …" on stderr. */
static void
warn (const char *message)
{
  g_autofree char *shown = topiary_cli_shown (message);

  g_printerr (_("warning: %s\n"), shown);
}

static int
usage_error (const Command *cmd,
             const char    *message)
{
  g_autofree char *shown = topiary_cli_shown (message);

  g_printerr ("topiary %s: %s\n", cmd->name, shown);
  g_printerr (_("Usage: topiary %s %s\n"), cmd->name, _(cmd->usage));
  return 2;
}

/* 0 when the command line parsed (else @message says why) and holds
 * @n_args arguments (else @wrong_count says what to give); otherwise the
 * exit status of the usage error shown. */
static int
check_args (const Command *cmd,
            GPtrArray     *args,
            const char    *message,
            guint          n_args,
            const char    *wrong_count)
{
  if (args == NULL)
    return usage_error (cmd, message);
  if (args->len != n_args)
    return usage_error (cmd, wrong_count);
  return 0;
}

static const Command *
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

/* Parses "--name value", "--name=value" and flags; returns positionals. */
typedef struct {
  const char *name;
  gboolean    takes_value;
  const char *value;   /* "1" for a set flag */
} Option;

static GPtrArray *
parse_args (const Command  *cmd,
            int             argc,
            char          **argv,
            Option         *options,
            guint           n_options,
            char          **error_message)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      gboolean matched = FALSE;

      if (g_strcmp0 (arg, "--") == 0)
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (positional, argv[i]);
          break;
        }
      if (!g_str_has_prefix (arg, "--"))
        {
          g_ptr_array_add (positional, (char *)arg);
          continue;
        }
      for (guint o = 0; o < n_options; o++)
        {
          gsize len = strlen (options[o].name);

          if (strncmp (arg + 2, options[o].name, len) != 0)
            continue;
          if (arg[2 + len] == '=' && options[o].takes_value)
            {
              options[o].value = arg + 3 + len;
              matched = TRUE;
            }
          else if (arg[2 + len] == '\0')
            {
              if (options[o].takes_value)
                {
                  if (i + 1 >= argc)
                    {
                      *error_message = g_strdup_printf (_("--%s needs a value."), options[o].name);
                      return NULL;
                    }
                  options[o].value = argv[++i];
                }
              else
                options[o].value = "1";
              matched = TRUE;
            }
          if (matched)
            break;
        }
      if (!matched)
        {
          *error_message = g_strdup_printf (_("Unknown option “%s”."), arg);
          return NULL;
        }
    }
  (void)cmd;
  return g_steal_pointer (&positional);
}

static TopiaryProject *
open_existing (const char *path,
               gboolean    read_only,
               int        *status)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project;

  project = topiary_project_open (path, read_only ? TOPIARY_OPEN_READ_ONLY : TOPIARY_OPEN_DEFAULT, &error);
  if (project == NULL)
    *status = fail (error->message);
  return project;
}

/* ---- progress on a terminal -------------------------------------------- */

typedef struct {
  const char *label;
  gint64      last;
  gboolean    shown;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;
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

static void
progress_end (Progress *p)
{
  if (p->shown)
    fprintf (stderr, "\n");
}

/* ---- import ------------------------------------------------------------- */

static int
cmd_import (int    argc,
            char **argv)
{
  const Command *cmd = find_command ("import");
  Option options[] = { { "format", TRUE, NULL }, { "dry-run", FALSE, NULL }, { "json", FALSE, NULL },
                       { "group-level", TRUE, NULL }, { "column", TRUE, NULL }, { "items-as-ideas", FALSE, NULL } };
  g_autoptr(TopiaryImportOptions) choices = topiary_import_options_new ();
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_path = NULL;
  TopiaryImportFormat format = TOPIARY_IMPORT_AUTO;
  Progress progress = { _("Importing"), 0, FALSE };
  TopiaryStats stats;
  const char *source, *path;
  gboolean ok;
  int status;

  status = check_args (cmd, args, message, 2, _("Give the source and the project file."));
  if (status != 0)
    return status;
  source = g_ptr_array_index (args, 0);
  path = g_ptr_array_index (args, 1);

  if (options[0].value != NULL && !topiary_import_format_from_string (options[0].value, &format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown format “%s”; use map, outline, hugo or csv."),
                                              options[0].value);
      return usage_error (cmd, msg);
    }
  if (options[2].value != NULL && options[1].value == NULL)
    return usage_error (cmd, _("--json goes with --dry-run."));
  /* The choices that fix a wrong reading of an outline. */
  if (options[3].value != NULL)
    {
      char *end = NULL;
      gint64 level = g_ascii_strtoll (options[3].value, &end, 10);

      if (end == options[3].value || *end != '\0' || level < 1 || level > 6)
        return usage_error (cmd, _("--group-level takes a heading level from 1 to 6."));
      choices->group_level = (int) level;
    }
  if (options[4].value != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (options[4].value, ",", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq = strrchr (pairs[i], '=');
          TopiaryField field;

          if (eq == NULL || eq == pairs[i] || !topiary_import_field_from_name (eq + 1, &field))
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not HEADER=FIELD with a field among title, slug, group, kind, primary, queries, intent, priority, status, words, summary and note."),
                                                      pairs[i]);
              return usage_error (cmd, msg);
            }
          *eq = '\0';
          topiary_import_options_set_column (choices, g_strstrip (pairs[i]), field);
        }
    }
  choices->items_are_ideas = options[5].value != NULL;
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” does not exist."), source);
      return fail (msg);
    }

  if (options[1].value != NULL)
    {
      /* What the import would create; the project is not even opened. */
      g_autofree char *shown = NULL;

      report = topiary_import_report_new ();
      plan = topiary_import_read_plan (source, format, choices, report, &error);
      if (plan == NULL)
        {
          for (guint i = 0; i < report->warnings->len; i++)
            warn (g_ptr_array_index (report->warnings, i));
          return fail (error->message);
        }
      shown = options[2].value != NULL ? topiary_import_plan_to_json (plan, report)
                                        : topiary_import_plan_to_text (plan, report);
      if (options[2].value != NULL)
        g_print ("%s\n", shown);
      else
        {
          /* Line by line: titles may hold control characters, the tree
           * holds line breaks. */
          g_auto(GStrv) lines = g_strsplit (shown, "\n", -1);

          for (guint i = 0; lines[i] != NULL && (lines[i][0] != '\0' || lines[i + 1] != NULL); i++)
            {
              g_autofree char *line = topiary_cli_shown (lines[i]);
              g_print ("%s\n", line);
            }
        }
      return 0;
    }
  /* The import detects the format on the source it reads once (a pipe has
   * no second read); a source it cannot read leaves no new project, as the
   * project is built beside its name and renamed into place at the end. */

  /* Ctrl-C deletes the temporary project at once (see topiary_import_new_project). */
  topiary_cleanup_install_signal_handlers ();
  report = topiary_import_report_new ();
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* A new project's import does this itself. */
      topiary_import_remove_stale (path);
      project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
      ok = project != NULL &&
           topiary_import_full (project, source, format, choices, report,
                                isatty (STDERR_FILENO) ? progress_cb : NULL, &progress, &error);
    }
  else
    {
      /* Built beside the target and renamed into place when complete. */
      project = topiary_import_new_project_full (path, source, format, choices, report,
                                                 isatty (STDERR_FILENO) ? progress_cb : NULL, &progress, &error);
      ok = project != NULL;
    }
  progress_end (&progress);

  for (guint i = 0; i < report->warnings->len; i++)
    warn (g_ptr_array_index (report->warnings, i));
  if (!ok)
    return fail (error->message);

  if (!topiary_project_get_stats (project, &stats, &error))
    return fail (error->message);
  shown_path = topiary_cli_shown (path);
  g_print (_("Imported %u articles (%u ideas) and %u notes in %u new groups into %s"),
           report->articles, report->ideas, report->notes, report->groups, shown_path);
  if (report->updated > 0)
    g_print (_("; updated %u existing articles (their previous text is kept as revisions)"), report->updated);
  g_print (".\n");
  g_print (_("The project now holds %u groups, %u articles and %u notes.\n"),
           stats.groups, stats.articles, stats.notes);
  return 0;
}

/* ---- info --------------------------------------------------------------- */

static int
cmd_info (int    argc,
          char **argv)
{
  const Command *cmd = find_command ("info");
  Option options[] = { { "json", FALSE, NULL } };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown_title = NULL;
  GPtrArray *groups;
  TopiaryStats stats;
  int status = 0;

  status = check_args (cmd, args, message, 1, _("Give one project file."));
  if (status != 0)
    return status;
  project = open_existing (g_ptr_array_index (args, 0), TRUE, &status);
  if (project == NULL)
    return status;

  map = topiary_map_new (project, &error);
  if (map == NULL)
    return fail (error->message);
  topiary_map_get_stats (map, &stats);
  groups = topiary_map_get_groups (map);
  title = topiary_project_get_map_field (project, "title");

  if (options[0].value != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      json_builder_set_member_name (b, "groups");
      json_builder_add_int_value (b, stats.groups);
      json_builder_set_member_name (b, "pillars");
      json_builder_add_int_value (b, stats.pillars);
      json_builder_set_member_name (b, "clusters");
      json_builder_add_int_value (b, stats.clusters);
      json_builder_set_member_name (b, "ideas");
      json_builder_add_int_value (b, stats.ideas);
      json_builder_set_member_name (b, "articles");
      json_builder_add_int_value (b, stats.articles);
      json_builder_set_member_name (b, "notes");
      json_builder_add_int_value (b, stats.notes);
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, (gint64)stats.words);
      json_builder_set_member_name (b, "status");
      json_builder_begin_object (b);
      for (guint s = 0; s < TOPIARY_N_STATUS; s++)
        {
          json_builder_set_member_name (b, topiary_status_to_string (s));
          json_builder_add_int_value (b, stats.status[s]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "by_group");
      json_builder_begin_array (b);
      for (guint i = 0; i < groups->len; i++)
        {
          TopiaryMapGroup *g = g_ptr_array_index (groups, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, topiary_group_get_title (g->group));
          json_builder_set_member_name (b, "slug");
          json_builder_add_string_value (b, topiary_group_get_slug (g->group));
          json_builder_set_member_name (b, "articles");
          json_builder_add_int_value (b, g->counts.articles);
          json_builder_set_member_name (b, "pillars");
          json_builder_add_int_value (b, g->counts.pillars);
          json_builder_set_member_name (b, "clusters");
          json_builder_add_int_value (b, g->counts.clusters);
          json_builder_set_member_name (b, "words");
          json_builder_add_int_value (b, g->counts.words);
          json_builder_set_member_name (b, "published");
          json_builder_add_int_value (b, g->counts.published);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      json = json_generator_to_data (gen, NULL);
      g_print ("%s\n", json);
      return 0;
    }

  shown_title = topiary_cli_shown (*title ? title : _("(untitled map)"));
  g_print ("%s\n", shown_title);
  g_print (_("%u groups, %u pillars, %u clusters, %u ideas — %u articles, %u notes, %" PRIu64 " words\n"),
           stats.groups, stats.pillars, stats.clusters, stats.ideas, stats.articles, stats.notes, stats.words);
  g_print (_("Status:"));
  for (guint s = 0; s < TOPIARY_N_STATUS; s++)
    g_print (" %s %u%s", topiary_status_to_string (s), stats.status[s], s + 1 < TOPIARY_N_STATUS ? "," : "\n");
  if (groups->len > 0)
    g_print (_("Groups:\n"));
  for (guint i = 0; i < groups->len; i++)
    {
      TopiaryMapGroup *g = g_ptr_array_index (groups, i);
      g_autofree char *shown = topiary_cli_shown (topiary_group_get_title (g->group));

      g_print (_("  %-50s %u articles (%u pillar, %u clusters), %u published, %u words\n"),
               shown, g->counts.articles, g->counts.pillars,
               g->counts.clusters, g->counts.published, (guint) g->counts.words);
    }
  return 0;
}

/* ---- check -------------------------------------------------------------- */

#ifdef HAVE_CHECK
static int
cmd_check (int    argc,
           char **argv)
{
  const Command *cmd = find_command ("check");
  Option options[] = { { "json", FALSE, NULL } };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  status = check_args (cmd, args, message, 1, _("Give one project file."));
  if (status != 0)
    return status;
  project = open_existing (g_ptr_array_index (args, 0), TRUE, &status);
  if (project == NULL)
    return status;

  findings = topiary_check_project (project, &error);
  if (findings == NULL)
    return fail (error->message);

  if (options[0].value != NULL)
    {
      g_autofree char *json = topiary_check_to_json (findings, TRUE);
      g_print ("%s\n", json);
    }
  else
    {
      for (guint i = 0; i < findings->len; i++)
        {
          TopiaryCheckFinding *f = g_ptr_array_index (findings, i);
          g_autofree char *shown = topiary_cli_shown (f->message);

          g_print ("%s: %s [%s]\n",
                   topiary_severity_to_string (f->severity), shown, f->code);
        }
      if (findings->len == 0)
        g_print (_("No problems found.\n"));
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem found.\n", "%u problems found.\n", findings->len),
                 findings->len);
    }
  /* Notes of severity "info" alone are no failure. */
  return topiary_check_count (findings, TOPIARY_SEVERITY_WARNING) > 0 ? 1 : 0;
}
#else
static int cmd_check (int argc, char **argv) { return fail ("check is not built yet"); }
#endif

/* ---- search ------------------------------------------------------------- */

static int
cmd_search (int    argc,
            char **argv)
{
  const Command *cmd = find_command ("search");
  Option options[] = { { "limit", TRUE, NULL } };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tty = isatty (STDOUT_FILENO);
  guint64 limit = 20;
  int status = 0;

  status = check_args (cmd, args, message, 2, _("Give a project file and what to search for."));
  if (status != 0)
    return status;
  if (options[0].value != NULL &&
      (!g_ascii_string_to_unsigned (options[0].value, 10, 1, 10000, &limit, NULL)))
    return usage_error (cmd, _("--limit takes a number from 1 to 10000."));

  project = open_existing (g_ptr_array_index (args, 0), TRUE, &status);
  if (project == NULL)
    return status;

  hits = topiary_project_search (project, g_ptr_array_index (args, 1), limit, &error);
  if (hits == NULL)
    return fail (error->message);

  for (guint i = 0; i < hits->len; i++)
    {
      TopiarySearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GString) snippet = g_string_new (NULL);
      g_autofree char *slug = topiary_cli_shown (hit->slug);
      g_autofree char *title = topiary_cli_shown (hit->title);
      const char *p = hit->snippet;

      /* The snippet's text is escaped, its highlight marks are ours. */
      while (*p != '\0')
        {
          gsize run = strcspn (p, "\002\003\n\r\t");

          if (run > 0)
            {
              g_autofree char *text = g_strndup (p, run);
              g_autofree char *shown = topiary_cli_shown (text);

              g_string_append (snippet, shown);
              p += run;
              continue;
            }
          if (*p == '\002')
            g_string_append (snippet, tty ? "\033[1m" : "[");
          else if (*p == '\003')
            g_string_append (snippet, tty ? "\033[0m" : "]");
          else
            g_string_append_c (snippet, ' ');
          p++;
        }
      g_print ("%s\t%s\n\t%s\n", slug, title, snippet->str);
    }
  if (hits->len == 0)
    {
      g_autofree char *query = topiary_cli_shown (g_ptr_array_index (args, 1));

      g_printerr (_("No article matches “%s”.\n"), query);
      return 1;
    }
  return 0;
}

/* ---- files -------------------------------------------------------------- */

static int
cmd_files (int    argc,
           char **argv)
{
  const Command *cmd = find_command ("files");
  Option options[] = { { "json", FALSE, NULL }, { "extract", TRUE, NULL }, { "force", FALSE, NULL } };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) unused = NULL;
  g_autoptr(GHashTable) unused_ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  status = check_args (cmd, args, message, 1, _("Give one project file."));
  if (status != 0)
    return status;
  if (options[2].value != NULL && options[1].value == NULL)
    return usage_error (cmd, _("--force only goes with --extract."));
  project = open_existing (g_ptr_array_index (args, 0), TRUE, &status);
  if (project == NULL)
    return status;

  if (options[1].value != NULL)
    {
      guint n = 0;

      if (!topiary_project_extract_files (project, options[1].value, options[2].value != NULL, &n, &error))
        return fail (error->message);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file to %s.\n", "Wrote %u files to %s.\n", n),
               n, options[1].value);
      return 0;
    }

  files = topiary_project_list_files (project, 0, &error);
  unused = files != NULL ? topiary_project_list_unused_files (project, &error) : NULL;
  if (unused == NULL)
    return fail (error->message);
  unused_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < unused->len; i++)
    g_hash_table_add (unused_ids, g_memdup2 (&((TopiaryFileInfo *)g_ptr_array_index (unused, i))->id, sizeof (gint64)));

  if (options[0].value != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < files->len; i++)
        {
          TopiaryFileInfo *info = g_ptr_array_index (files, i);
          g_autoptr(TopiaryArticle) article = info->article_id != 0
            ? topiary_project_get_article (project, info->article_id, FALSE, NULL) : NULL;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "article");
          if (article != NULL)
            json_builder_add_string_value (b, topiary_article_get_slug (article));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, info->name);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, info->mime);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, info->size);
          json_builder_set_member_name (b, "width");
          json_builder_add_int_value (b, info->width);
          json_builder_set_member_name (b, "height");
          json_builder_add_int_value (b, info->height);
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, info->sha256);
          json_builder_set_member_name (b, "cover");
          json_builder_add_boolean_value (b, info->cover);
          json_builder_set_member_name (b, "used");
          json_builder_add_boolean_value (b, !g_hash_table_contains (unused_ids, &info->id));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      json = json_generator_to_data (gen, NULL);
      g_print ("%s\n", json);
      return 0;
    }

  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      g_autoptr(TopiaryArticle) article = info->article_id != 0
        ? topiary_project_get_article (project, info->article_id, FALSE, NULL) : NULL;
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *pixels = info->width > 0 ? g_strdup_printf ("%u×%u", info->width, info->height) : g_strdup ("-");
      GString *notes = g_string_new (NULL);

      if (info->cover)
        g_string_append_printf (notes, " %s", _("(cover)"));
      if (article == NULL)
        g_string_append_printf (notes, " %s", _("(of a deleted article)"));
      else if (g_hash_table_contains (unused_ids, &info->id))
        g_string_append_printf (notes, " %s", _("(unused)"));
      g_print ("%s\t%s\t%s\t%s\t%s\t%.12s%s\n",
               article != NULL ? topiary_article_get_slug (article) : "-",
               info->name, info->mime, size, pixels, info->sha256, notes->str);
      g_string_free (notes, TRUE);
    }
  if (files->len == 0)
    g_print (_("The project holds no files.\n"));
  return 0;
}

/* ---- export ------------------------------------------------------------- */

#ifdef HAVE_EXPORT
/* The export that DIR held is deleted by a child process once the new one
 * is in place and the command has said so: 20,000 files take seconds,
 * and nobody needs to wait for them. The child lets go of the terminal
 * and of every pipe, so a shell or a script does not wait either. */
static void
remove_replaced_in_background (const char *path)
{
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      setsid ();
      if (null >= 0)
        {
          dup2 (null, STDIN_FILENO);
          dup2 (null, STDOUT_FILENO);
          dup2 (null, STDERR_FILENO);
        }
      topiary_export_remove_replaced (path, NULL);
      _exit (0);
    }
  /* No child to be had: do it now. */
  if (pid < 0 && !topiary_export_remove_replaced (path, NULL))
    g_printerr (_("warning: the previous export could not be removed and is left in a hidden folder beside the new one.\n"));
}

/* Ctrl-C (or SIGTERM, SIGHUP) during an export: the signals go to a
 * thread of their own, which cancels the export; it stops at its next
 * file and removes its temporary folder or file, so nothing is left
 * beside DIR. A second signal ends the program at once. */
typedef struct {
  GCancellable *cancellable;
  sigset_t      set;
  sigset_t      old;
  pthread_t     thread;
  gboolean      running;
  gint          signal;   /* atomic: the first signal, 0 for none */
  gint          done;     /* atomic: the export is over */
} Interrupt;

static void *
interrupt_thread (void *data)
{
  Interrupt *in = data;

  for (;;)
    {
      int sig = 0;

      if (sigwait (&in->set, &sig) != 0)
        continue;
      if (g_atomic_int_get (&in->done))
        return NULL;
      if (!g_atomic_int_compare_and_exchange (&in->signal, 0, sig))
        _exit (128 + sig);
      g_cancellable_cancel (in->cancellable);
    }
}

static void
interrupt_start (Interrupt *in)
{
  in->cancellable = g_cancellable_new ();
  sigemptyset (&in->set);
  sigaddset (&in->set, SIGINT);
  sigaddset (&in->set, SIGTERM);
  sigaddset (&in->set, SIGHUP);
  /* Before any other thread starts: they all inherit the mask, so only
   * sigwait() sees these signals. */
  pthread_sigmask (SIG_BLOCK, &in->set, &in->old);
  in->running = pthread_create (&in->thread, NULL, interrupt_thread, in) == 0;
}

/* Returns the signal that interrupted the export, or 0. */
static int
interrupt_stop (Interrupt *in)
{
  if (in->running)
    {
      g_atomic_int_set (&in->done, TRUE);
      pthread_kill (in->thread, SIGTERM);
      pthread_join (in->thread, NULL);
    }
  pthread_sigmask (SIG_SETMASK, &in->old, NULL);
  g_clear_object (&in->cancellable);
  return g_atomic_int_get (&in->signal);
}

static int
cmd_export (int    argc,
            char **argv)
{
  const Command *cmd = find_command ("export");
  Option options[] = {
    { "format", TRUE, NULL },
    { "drafts", FALSE, NULL },
    { "force", FALSE, NULL },
    { "strict", FALSE, NULL },
    { "base-url", TRUE, NULL },
    { "theme", TRUE, NULL },
  };
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) args = parse_args (cmd, argc, argv, options, G_N_ELEMENTS (options), &message);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_path = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *written = NULL;
  g_autofree char *replaced = NULL;
  TopiaryExportOptions opts = { 0 };
  Progress progress = { _("Exporting"), 0, FALSE };
  Interrupt interrupt = { 0 };
  int status = 0;
  int sig;
  gboolean ok;

  status = check_args (cmd, args, message, 2, _("Give the project file and the folder to write."));
  if (status != 0)
    return status;

  opts.format = TOPIARY_EXPORT_SITE;
  if (options[0].value != NULL && !topiary_export_format_from_string (options[0].value, &opts.format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown format “%s”; use site, hugo, csv or json."),
                                              options[0].value);
      return usage_error (cmd, msg);
    }
  opts.drafts = options[1].value != NULL;
  opts.force = options[2].value != NULL;
  opts.strict = options[3].value != NULL;
  opts.base_url = options[4].value;
  opts.theme_dir = options[5].value;

  project = open_existing (g_ptr_array_index (args, 0), TRUE, &status);
  if (project == NULL)
    return status;

  warnings = g_ptr_array_new_with_free_func (g_free);
  opts.warnings = warnings;
  opts.output_path = &written;
  opts.replaced_path = &replaced;
  interrupt_start (&interrupt);
  opts.cancellable = interrupt.cancellable;
  ok = topiary_export (project, g_ptr_array_index (args, 1), &opts,
                       isatty (STDERR_FILENO) ? progress_cb : NULL, &progress, &error);
  sig = interrupt_stop (&interrupt);
  progress_end (&progress);
  if (!ok && sig != 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("topiary: %s\n", _("The export was interrupted, and what it had written was removed."));
      return 128 + sig;
    }
  for (guint i = 0; i < warnings->len; i++)
    warn (g_ptr_array_index (warnings, i));
  if (!ok)
    return fail (error->message);
  shown_path = topiary_cli_shown (written != NULL ? written : g_ptr_array_index (args, 1));
  g_print (_("Exported to %s\n"), shown_path);
  if (replaced != NULL)
    remove_replaced_in_background (replaced);
  return 0;
}
#else
static int cmd_export (int argc, char **argv) { return fail ("export is not built yet"); }
#endif

/* ------------------------------------------------------------------------ */

int
topiary_cli_run (int    argc,
                 char **argv)
{
  const Command *cmd;

  g_return_val_if_fail (argc >= 2, 2);

  if (g_strcmp0 (argv[1], "--version") == 0 || g_strcmp0 (argv[1], "-v") == 0)
    {
      g_print ("topiary %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 ||
      g_strcmp0 (argv[1], "help") == 0)
    {
      print_help (stdout);
      return 0;
    }

  cmd = find_command (argv[1]);
  g_assert (cmd != NULL);
  for (int i = 2; i < argc; i++)
    if (g_strcmp0 (argv[i], "--help") == 0 || g_strcmp0 (argv[i], "-h") == 0)
      {
        g_print (_("Usage: topiary %s %s\n%s\n"), cmd->name, _(cmd->usage), _(cmd->summary));
        return 0;
      }
  return cmd->func (argc, argv);
}
