/* topiary-cli-import.c — `topiary import`: a map, outline, Hugo/Jekyll
 * folder or CSV plan into a project, or with --dry-run the plan only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "topiary-cleanup.h"
#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-import.h"
#include "topiary-import-plan.h"

/* --column "HEADER=FIELD,…" into @choices; FALSE (the usage error shown,
 * *status set) for a pair that is not one. */
static gboolean
read_columns (const TopiaryCliCommand *cmd,
              const char              *value,
              TopiaryImportOptions    *choices,
              int                     *status)
{
  g_auto(GStrv) pairs = g_strsplit (value, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strrchr (pairs[i], '=');
      TopiaryField field;

      if (eq == NULL || eq == pairs[i] || !topiary_import_field_from_name (eq + 1, &field))
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not HEADER=FIELD with a field among title, slug, group, kind, primary, queries, intent, priority, status, words, summary and note."),
                                                  pairs[i]);
          *status = _topiary_cli_usage_error (cmd, msg);
          return FALSE;
        }
      *eq = '\0';
      topiary_import_options_set_column (choices, g_strstrip (pairs[i]), field);
    }
  return TRUE;
}

/* What the import would create; the project is not even opened. */
static int
dry_run (const char                 *source,
         TopiaryImportFormat         format,
         const TopiaryImportOptions *choices,
         gboolean                    json)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  plan = topiary_import_read_plan (source, format, choices, report, &error);
  if (plan == NULL)
    {
      for (guint i = 0; i < report->warnings->len; i++)
        _topiary_cli_warn (g_ptr_array_index (report->warnings, i));
      return _topiary_cli_fail (error->message);
    }
  shown = json ? topiary_import_plan_to_json (plan, report) : topiary_import_plan_to_text (plan, report);
  if (json)
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

int
_topiary_cli_import (const TopiaryCliCommand *cmd,
                     int                      argc,
                     char                   **argv)
{
  /* File names and values are taken as the bytes given, as paths are. */
  g_autofree char *format_name = NULL;
  g_autofree char *group_level = NULL;
  g_autofree char *columns = NULL;
  gboolean dry = FALSE, json = FALSE, items_as_ideas = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("What SOURCE is: map, outline, hugo or csv (read from the source when not given)"), N_("FORMAT") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry,
      N_("Print what the import would create, and write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --dry-run: print the plan as JSON"), NULL },
    { "group-level", 0, 0, G_OPTION_ARG_FILENAME, &group_level,
      N_("Outlines: the heading level (1 to 6) whose headings are groups"), N_("N") },
    { "column", 0, 0, G_OPTION_ARG_FILENAME, &columns,
      N_("CSV: read the column HEADER as FIELD (title, slug, group, kind, primary, queries, intent, priority, status, words, summary or note)"),
      N_("HEADER=FIELD,…") },
    { "items-as-ideas", 0, 0, G_OPTION_ARG_NONE, &items_as_ideas,
      N_("Outlines: import list items as ideas, not articles"), NULL },
    { NULL }
  };
  g_autoptr(TopiaryImportOptions) choices = topiary_import_options_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_path = NULL;
  TopiaryImportFormat format = TOPIARY_IMPORT_AUTO;
  TopiaryCliProgress progress = { _("Importing"), 0, FALSE };
  TopiaryStats stats;
  const char *source, *path;
  gboolean ok;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 2, _("Give the source and the project file."), &status);
  if (args == NULL)
    return status;
  source = args[0];
  path = args[1];

  if (format_name != NULL && !topiary_import_format_from_string (format_name, &format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown format “%s”; use map, outline, hugo or csv."),
                                              format_name);
      return _topiary_cli_usage_error (cmd, msg);
    }
  if (json && !dry)
    return _topiary_cli_usage_error (cmd, _("--json goes with --dry-run."));
  /* The choices that fix a wrong reading of an outline. */
  if (group_level != NULL)
    {
      char *end = NULL;
      gint64 level = g_ascii_strtoll (group_level, &end, 10);

      if (end == group_level || *end != '\0' || level < 1 || level > 6)
        return _topiary_cli_usage_error (cmd, _("--group-level takes a heading level from 1 to 6."));
      choices->group_level = (int) level;
    }
  if (columns != NULL && !read_columns (cmd, columns, choices, &status))
    return status;
  choices->items_are_ideas = items_as_ideas;
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” does not exist."), source);
      return _topiary_cli_fail (msg);
    }

  if (dry)
    return dry_run (source, format, choices, json);
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
                                isatty (STDERR_FILENO) ? _topiary_cli_progress : NULL, &progress, &error);
    }
  else
    {
      /* Built beside the target and renamed into place when complete. */
      project = topiary_import_new_project_full (path, source, format, choices, report,
                                                 isatty (STDERR_FILENO) ? _topiary_cli_progress : NULL,
                                                 &progress, &error);
      ok = project != NULL;
    }
  _topiary_cli_progress_end (&progress);

  for (guint i = 0; i < report->warnings->len; i++)
    _topiary_cli_warn (g_ptr_array_index (report->warnings, i));
  if (!ok)
    return _topiary_cli_fail (error->message);

  if (!topiary_project_get_stats (project, &stats, &error))
    return _topiary_cli_fail (error->message);
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
