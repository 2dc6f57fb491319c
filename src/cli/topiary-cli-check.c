/* topiary-cli-check.c — `topiary check`: the audit of structure and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-check.h"
#include "topiary-cli-private.h"
#include "topiary-cli-text.h"

int
_topiary_cli_check (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the findings as JSON"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 1, _("Give one project file."), &status);
  if (args == NULL)
    return status;
  project = _topiary_cli_open_existing (args[0], TRUE, &status);
  if (project == NULL)
    return status;

  findings = topiary_check_project (project, &error);
  if (findings == NULL)
    return _topiary_cli_fail (error->message);

  if (as_json)
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
