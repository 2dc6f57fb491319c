/* topiary-cli-search.c — `topiary search`: full-text search with snippets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"

int
_topiary_cli_search (const TopiaryCliCommand *cmd,
                     int                      argc,
                     char                   **argv)
{
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_FILENAME, &limit_text, N_("Show at most N hits (1 to 10000, 20 when not given)"), N_("N") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tty = isatty (STDOUT_FILENO);
  guint64 limit = 20;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 2, _("Give a project file and what to search for."), &status);
  if (args == NULL)
    return status;
  if (limit_text != NULL &&
      (!g_ascii_string_to_unsigned (limit_text, 10, 1, 10000, &limit, NULL)))
    return _topiary_cli_usage_error (cmd, _("--limit takes a number from 1 to 10000."));

  project = _topiary_cli_open_existing (args[0], TRUE, &status);
  if (project == NULL)
    return status;

  hits = topiary_project_search (project, args[1], limit, &error);
  if (hits == NULL)
    return _topiary_cli_fail (error->message);

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
      g_autofree char *query = topiary_cli_shown (args[1]);

      g_printerr (_("No article matches “%s”.\n"), query);
      return 1;
    }
  return 0;
}
