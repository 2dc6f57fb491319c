/* topiary-cli-graph.c — `topiary graph`: the map drawn as a graph, written
 * as an SVG file (the picture the app's graph view and the site's map
 * page draw)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-graph.h"

/* "Could not write “out.svg”: reason." */
static int
write_failed (const char *path,
              int         saved_errno)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf (_("Could not write “%s”: %s."), base, g_strerror (saved_errno));

  return _topiary_cli_fail (message);
}

/* Writes @text to @path whole or not at all: into a new file beside it,
 * synced, then renamed over it. Never over the project itself. */
static int
write_atomically (const char *path,
                  const char *project_path,
                  const char *text)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = NULL;
  struct stat out_st, project_st;
  gsize len = strlen (text), done = 0;
  int fd, saved;

  if (stat (path, &out_st) == 0)
    {
      if (S_ISDIR (out_st.st_mode))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is a folder; give the name of the SVG file to write."), base);

          return _topiary_cli_fail (message);
        }
      if (stat (project_path, &project_st) == 0 &&
          out_st.st_dev == project_st.st_dev && out_st.st_ino == project_st.st_ino)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is the project itself; give another file to write."), base);

          return _topiary_cli_fail (message);
        }
    }

  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return write_failed (path, errno);
  while (done < len)
    {
      ssize_t n = write (fd, text + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      done += (gsize) n;
    }
  if (fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (g_rename (tmpl, path) != 0)
    goto failed;
  return 0;

failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmpl);
  return write_failed (path, saved);
}

int
_topiary_cli_graph (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *svg_path = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *link_base = NULL;
  const GOptionEntry entries[] = {
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg_path,
      N_("Write the graph as an SVG picture to FILE (“-”: standard output)"), N_("FILE") },
    { "level", 0, 0, G_OPTION_ARG_FILENAME, &level_name,
      N_("articles (one node per article, when not given) or groups (one per group, for large maps)"),
      N_("LEVEL") },
    { "link-base", 0, 0, G_OPTION_ARG_FILENAME, &link_base,
      N_("Link each article’s node to PREFIX followed by its slug and “/”"), N_("PREFIX") },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(TopiaryGraph) graph = NULL;
  g_autofree char *svg = NULL;
  TopiaryGraphLevel level = TOPIARY_GRAPH_ARTICLES;
  guint missing = 0;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 1, _("Give one project file."), &status);
  if (args == NULL)
    return status;
  if (svg_path == NULL || svg_path[0] == '\0')
    return _topiary_cli_usage_error (cmd, _("Give the SVG file to write with --svg."));
  if (level_name != NULL)
    {
      if (g_strcmp0 (level_name, "groups") == 0)
        level = TOPIARY_GRAPH_GROUPS;
      else if (g_strcmp0 (level_name, "articles") != 0)
        {
          g_autofree char *shown = topiary_cli_shown (level_name);
          g_autofree char *message = g_strdup_printf (_("Unknown level “%s”; use articles or groups."), shown);

          return _topiary_cli_usage_error (cmd, message);
        }
    }

  linker = _topiary_cli_open_linker (args[0], &project, &map, &status);
  if (linker == NULL)
    return status;

  graph = topiary_graph_new (linker, level);
  svg = topiary_graph_to_svg (graph, link_base);
  if (strcmp (svg_path, "-") == 0)
    {
      g_print ("%s", svg);
      return 0;
    }
  status = write_atomically (svg_path, args[0], svg);
  if (status != 0)
    return status;

  for (guint i = 0; i < topiary_graph_get_n_edges (graph); i++)
    if (topiary_graph_get_edge (graph, i)->kind == TOPIARY_GRAPH_EDGE_MISSING)
      missing += topiary_graph_get_edge (graph, i)->count;
  {
    g_autofree char *shown = topiary_cli_shown (svg_path);
    g_autofree char *nodes = g_strdup_printf (level == TOPIARY_GRAPH_GROUPS
                                                ? g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups",
                                                               topiary_graph_get_n_nodes (graph))
                                                : g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                                               topiary_graph_get_n_nodes (graph)),
                                              topiary_graph_get_n_nodes (graph));
    g_autofree char *lacking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u required link missing",
                                                             "%u required links missing", missing), missing);

    /* TRANSLATORS: "Wrote out.svg: 12 articles, 3 required links missing." */
    g_print (_("Wrote %s: %s, %s.\n"), shown, nodes, lacking);
  }
  return 0;
}
