/* topiary-bench-graph.c — in-process timings of the map's graph (issue 15)
 *
 * usage: topiary-bench-graph FILE.topiary [REPEAT]
 *
 * Prints one JSON object of medians of CPU time (this thread's, so that
 * a loaded machine does not stretch them) over REPEAT runs (7 by
 * default):
 *  - articles_ms: topiary_graph_new() at the ARTICLES level, nodes, edges
 *    and layout (the target: under 200 ms for 1,000 articles);
 *  - groups_ms: the same at the GROUPS level;
 *  - svg_ms: topiary_graph_to_svg() of the ARTICLES level graph;
 *  - peer map_ms: loading the map (topiary_map_new()), measured in the
 *    same run on the same data, and the ratio articles_ms / map_ms;
 *  - linker_ms: building the linker once (every body read and scanned),
 *    which the graph needs and the app has already built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "topiary-graph.h"
#include "topiary-links.h"
#include "bench-util.h"

#define NOW() bench_thread_cpu_us ()
#define MS(t0) ((NOW () - (t0)) / 1000.0)

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GArray) articles_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) groups_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) svg_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) map_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint repeat = argc > 2 ? (guint) atoi (argv[2]) : 7;
  guint n_nodes = 0, n_edges = 0, n_missing = 0, n_groups = 0, n_group_edges = 0;
  gsize svg_bytes = 0;
  double linker_ms, a, m;
  gint64 t0;

  if (argc < 2)
    {
      g_printerr ("usage: topiary-bench-graph FILE.topiary [REPEAT]\n");
      return 2;
    }
  project = topiary_project_open (argv[1], TOPIARY_OPEN_DEFAULT, &error);
  if (project != NULL)
    map = topiary_map_new (project, &error);
  t0 = NOW ();
  if (map != NULL)
    linker = topiary_linker_new (project, map, &error);
  linker_ms = MS (t0);
  if (linker == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint r = 0; r < MAX (repeat, 1); r++)
    {
      g_autoptr(TopiaryGraph) graph = NULL;
      g_autoptr(TopiaryGraph) groups = NULL;
      g_autoptr(TopiaryMap) again = NULL;
      g_autofree char *svg = NULL;
      double ms;

      t0 = NOW ();
      graph = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
      ms = MS (t0);
      g_array_append_val (articles_ms, ms);

      t0 = NOW ();
      groups = topiary_graph_new (linker, TOPIARY_GRAPH_GROUPS);
      ms = MS (t0);
      g_array_append_val (groups_ms, ms);

      t0 = NOW ();
      svg = topiary_graph_to_svg (graph, "../");
      ms = MS (t0);
      g_array_append_val (svg_ms, ms);
      svg_bytes = strlen (svg);

      t0 = NOW ();
      again = topiary_map_new (project, &error);
      ms = MS (t0);
      g_array_append_val (map_ms, ms);
      if (again == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      n_nodes = topiary_graph_get_n_nodes (graph);
      n_edges = topiary_graph_get_n_edges (graph);
      n_missing = 0;
      for (guint i = 0; i < n_edges; i++)
        if (topiary_graph_get_edge (graph, i)->kind == TOPIARY_GRAPH_EDGE_MISSING)
          n_missing++;
      n_groups = topiary_graph_get_n_nodes (groups);
      n_group_edges = topiary_graph_get_n_edges (groups);
    }

  a = bench_median (articles_ms);
  m = bench_median (map_ms);
  g_print ("{\"articles\": %u, \"edges\": %u, \"missing\": %u, \"group_nodes\": %u, \"group_edges\": %u,\n"
           " \"articles_ms\": %.2f, \"groups_ms\": %.2f, \"svg_ms\": %.2f, \"svg_bytes\": %" G_GSIZE_FORMAT ",\n"
           " \"map_ms\": %.2f, \"articles_to_map\": %.3f, \"linker_ms\": %.1f, \"repeat\": %u}\n",
           n_nodes, n_edges, n_missing, n_groups, n_group_edges,
           a, bench_median (groups_ms), bench_median (svg_ms), svg_bytes,
           m, m > 0 ? a / m : 0.0, linker_ms, MAX (repeat, 1));
  return 0;
}
