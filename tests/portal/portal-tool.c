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
 *   portal-tool burst PROJECT SLUG FILE N     N autosaves 50 ms apart under a
 *                                             main loop, as the app makes them
 *                                             while the user types; FILE is the
 *                                             document's real path, watched for
 *                                             write-backs. Prints "commits N
 *                                             write-backs W late L": L is 1 when
 *                                             the last text reached FILE after
 *                                             the last commit, before the close
 *   portal-tool hold PROJECT                  open, begin a write, print
 *                                             "held", wait for stdin to close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "topiary-article.h"
#include "topiary-portal.h"
#include "topiary-project.h"

typedef struct {
  TopiaryProject *project;
  gint64          article_id;
  const char     *file;
  guint           n, done, write_backs;
  struct stat     seen;
  gboolean        late;
  GMainLoop      *loop;
  GError         *error;
} Burst;

static gboolean
file_changed (Burst *b)
{
  struct stat st;

  if (stat (b->file, &st) != 0 ||
      (st.st_ino == b->seen.st_ino && st.st_mtim.tv_sec == b->seen.st_mtim.tv_sec &&
       st.st_mtim.tv_nsec == b->seen.st_mtim.tv_nsec))
    return FALSE;
  b->seen = st;
  b->write_backs++;
  return TRUE;
}

static gboolean
burst_watch (gpointer data)
{
  Burst *b = data;

  if (file_changed (b) && b->done == b->n)
    {
      b->late = TRUE;
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
burst_save (gpointer data)
{
  Burst *b = data;
  g_autofree char *text = g_strdup_printf ("burst %u", b->done);

  if (!topiary_project_save_body (b->project, b->article_id, text, &b->error))
    {
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  file_changed (b);
  return ++b->done < b->n ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
burst_give_up (gpointer data)
{
  g_main_loop_quit (((Burst *)data)->loop);
  return G_SOURCE_REMOVE;
}

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
  if (strcmp (argv[1], "burst") == 0 && argc >= 6)
    {
      Burst b = { 0 };
      g_autoptr(TopiaryArticle) article = NULL;

      project = topiary_project_open (argv[2], TOPIARY_OPEN_DEFAULT, &error);
      if (project == NULL)
        return fail (error);
      article = topiary_project_get_article_by_slug (project, argv[3], FALSE, NULL);
      if (article == NULL)
        return 1;
      b.project = project;
      b.article_id = topiary_article_get_id (article);
      b.file = argv[4];
      b.n = (guint) g_ascii_strtoull (argv[5], NULL, 10);
      stat (b.file, &b.seen);
      b.loop = g_main_loop_new (NULL, FALSE);
      g_timeout_add (50, burst_save, &b);
      g_timeout_add (10, burst_watch, &b);
      g_timeout_add_seconds (60, burst_give_up, &b);
      g_main_loop_run (b.loop);
      g_main_loop_unref (b.loop);
      if (b.error != NULL)
        return fail (b.error);
      printf ("commits %u write-backs %u late %d\n", b.done, b.write_backs, b.late);
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
    g_autoptr(TopiaryArticle) article = topiary_project_get_article_by_slug (project, argv[3], FALSE, NULL);
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
