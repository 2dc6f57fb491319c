/* topiary-cli-merge.c — `topiary merge`: one article merged into another,
 * the remedy for two articles that compete for one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-map-edit.h"

/* The article of @project with @slug; NULL after saying there is none
 * (*status set). */
static TopiaryArticle *
by_slug (TopiaryProject *project,
         const char     *path,
         const char     *slug,
         int            *status)
{
  g_autoptr(GError) error = NULL;
  TopiaryArticle *article = topiary_project_get_article_by_slug (project, slug, FALSE, &error);

  if (article == NULL && error != NULL)
    *status = _topiary_cli_fail (error->message);
  else if (article == NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("No article of “%s” has the slug “%s”."), base, slug);

      *status = _topiary_cli_fail (message);
    }
  return article;
}

int
_topiary_cli_merge (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryArticle) keep = NULL;
  g_autoptr(TopiaryArticle) absorb = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep_title = NULL;
  g_autofree char *absorb_title = NULL;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 3,
                             _("Give one project file, the slug of the article to keep and the slug of the article to merge into it."),
                             &status);
  if (args == NULL)
    return status;
  project = _topiary_cli_open_existing (args[0], FALSE, &status);
  if (project == NULL ||
      (keep = by_slug (project, args[0], args[1], &status)) == NULL ||
      (absorb = by_slug (project, args[0], args[2], &status)) == NULL)
    return status;

  undo = topiary_map_edit_merge_articles (project, topiary_article_get_id (keep),
                                          topiary_article_get_id (absorb), &error);
  if (undo == NULL)
    return _topiary_cli_fail (error->message);
  keep_title = topiary_cli_shown (topiary_article_get_title (keep));
  absorb_title = topiary_cli_shown (topiary_article_get_title (absorb));
  g_print (_("Merged “%s” into “%s”; “%s” is among the Deleted Articles.\n"),
           absorb_title, keep_title, absorb_title);
  return 0;
}
