/* topiary-export-site-map.c — the site's "map" page: the exported
 * articles drawn as the app draws the map (topiary-graph.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-export-private.h"
#include "topiary-graph.h"
#include "topiary-links.h"

/* Only what the site shows: a planned article left out of the export is
 * not drawn, nor announced. */
static gboolean
is_exported (gint64   article_id,
             gpointer user_data)
{
  Export *e = user_data;

  return g_hash_table_contains (e->by_id, &article_id);
}

static char *
page_href (const TopiaryGraphNode *node,
           gpointer                user_data)
{
  Export *e = user_data;
  ArticleInfo *a = g_hash_table_lookup (e->by_id, &node->article_id);

  /* The export's own slug, which may differ from the article's. */
  return a != NULL ? g_strconcat ("../", a->slug, "/index.html", NULL) : NULL;
}

char *
topiary_export_map_svg (Export  *e,
                        GError **error)
{
  g_autoptr(TopiaryLinker) linker = topiary_linker_new (e->project, e->map, error);
  g_autoptr(TopiaryGraph) graph = NULL;
  g_autofree char *svg = NULL;
  const char *start;

  if (linker == NULL)
    return NULL;
  graph = topiary_graph_new_full (linker, TOPIARY_GRAPH_ARTICLES, TOPIARY_GRAPH_NO_MISSING, is_exported, e);
  svg = topiary_graph_to_svg_with_links (graph, page_href, e);
  /* Inside HTML the picture goes without its XML declaration. */
  start = svg;
  if (g_str_has_prefix (start, "<?xml"))
    {
      const char *end = strchr (start, '\n');

      start = end != NULL ? end + 1 : start;
    }
  return g_strdup (start);
}
