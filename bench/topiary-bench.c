/* topiary-bench.c — in-process timings for bench/bench.py
 *
 * usage: topiary-bench FILE.topiary QUERY [REPEAT]
 * Prints one JSON object: open_ms, stats_ms, list_ms, search_ms (medians).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "topiary-project.h"
#include "bench-util.h"

#define MS(t0) ((g_get_monotonic_time () - (t0)) / 1000.0)

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stats_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint repeat = argc > 3 ? (guint)atoi (argv[3]) : 7;
  guint hits = 0, articles = 0;

  if (argc < 3)
    {
      g_printerr ("usage: topiary-bench FILE.topiary QUERY [REPEAT]\n");
      return 2;
    }

  for (guint r = 0; r < MAX (repeat, 1); r++)
    {
      g_autoptr(TopiaryProject) project = NULL;
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GError) error = NULL;
      TopiaryStats stats;
      gint64 t0;
      double ms;

      t0 = g_get_monotonic_time ();
      project = topiary_project_open (argv[1], TOPIARY_OPEN_DEFAULT, &error);
      ms = MS (t0);
      if (project == NULL)
        {
          g_printerr ("topiary-bench: %s\n", error->message);
          return 1;
        }
      g_array_append_val (open_ms, ms);

      t0 = g_get_monotonic_time ();
      topiary_project_get_stats (project, &stats, NULL);
      ms = MS (t0);
      g_array_append_val (stats_ms, ms);

      t0 = g_get_monotonic_time ();
      list = topiary_project_list_articles (project, NULL);
      ms = MS (t0);
      g_array_append_val (list_ms, ms);
      articles = g_list_model_get_n_items (list);

      for (guint s = 0; s < 5; s++)
        {
          g_autoptr(GPtrArray) found = NULL;
          t0 = g_get_monotonic_time ();
          found = topiary_project_search (project, argv[2], 20, &error);
          ms = MS (t0);
          if (found == NULL)
            {
              g_printerr ("topiary-bench: %s\n", error->message);
              return 1;
            }
          hits = found->len;
          g_array_append_val (search_ms, ms);
        }
    }

  g_print ("{\"articles\": %u, \"open_ms\": %.2f, \"stats_ms\": %.2f, \"list_ms\": %.2f, "
           "\"search_ms\": %.2f, \"search_hits\": %u}\n",
           articles, bench_median (open_ms), bench_median (stats_ms), bench_median (list_ms), bench_median (search_ms), hits);
  return 0;
}
