/* portal-tool.c — drives the core library the way the app does, for
 * tests/test-portal.sh: the autosave path (topiary_project_save_body) and a
 * second process holding a project open.
 *
 *   portal-tool save-body PROJECT SLUG TEXT   autosave TEXT as the body
 *   portal-tool get-body PROJECT SLUG         print the body
 *   portal-tool create PROJECT                create a project, as the app's
 *                                             "New Project" does
 *   portal-tool recover                       what the app does at start:
 *                                             write back what killed
 *                                             processes left; prints how many
 *   portal-tool is-document PATH              exit 0 when PATH is a document
 *                                             portal path (the app then adds
 *                                             no ".topiary" to it)
 *   portal-tool hold PROJECT                  open, begin a write, print
 *                                             "held", wait for stdin to close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "topiary-article.h"
#include "topiary-portal.h"
#include "topiary-project.h"

static int
fail (GError *error)
{
  g_printerr ("portal-tool: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
main (int argc, char **argv)
{
  g_autoptr(TopiaryProject) project = NULL;
  GError *error = NULL;

  if (argc == 2 && strcmp (argv[1], "recover") == 0)
    {
      printf ("%u\n", topiary_portal_recover ());
      return 0;
    }
  if (argc < 3)
    {
      g_printerr ("usage: portal-tool save-body|get-body|hold PROJECT [SLUG [TEXT]]\n");
      return 2;
    }

  if (strcmp (argv[1], "is-document") == 0)
    return topiary_portal_is_document (argv[2]) ? 0 : 1;
  if (strcmp (argv[1], "create") == 0)
    {
      project = topiary_project_open (argv[2], TOPIARY_OPEN_CREATE, &error);
      if (project == NULL || !topiary_project_set_map_field (project, "title", "New map", &error))
        return fail (error);
      topiary_project_close (project);
      return 0;
    }
  if (strcmp (argv[1], "hold") == 0)
    {
      char buf[64];

      project = topiary_project_open (argv[2], TOPIARY_OPEN_DEFAULT, &error);
      if (project == NULL || !topiary_project_begin (project, &error))
        return fail (error);
      printf ("held\n");
      fflush (stdout);
      while (fgets (buf, sizeof buf, stdin) != NULL)
        ;
      topiary_project_rollback (project);
      topiary_project_close (project);
      return 0;
    }

  if (argc < 4)
    return 2;
  project = topiary_project_open (argv[2], strcmp (argv[1], "get-body") == 0 ? TOPIARY_OPEN_READ_ONLY
                                                                            : TOPIARY_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);
  {
    g_autoptr(TopiaryArticle) article = topiary_project_get_article_by_slug (project, argv[3], FALSE);
    g_autofree char *body = NULL;

    if (article == NULL)
      {
        g_printerr ("portal-tool: no article %s\n", argv[3]);
        return 1;
      }
    if (strcmp (argv[1], "get-body") == 0)
      {
        body = topiary_project_get_body (project, topiary_article_get_id (article), &error);
        if (body == NULL)
          return fail (error);
        printf ("%s\n", body);
      }
    else if (strcmp (argv[1], "save-body") == 0 && argc >= 5)
      {
        if (!topiary_project_save_body (project, topiary_article_get_id (article), argv[4], &error))
          return fail (error);
      }
    else
      return 2;
  }
  topiary_project_close (project);
  return 0;
}
