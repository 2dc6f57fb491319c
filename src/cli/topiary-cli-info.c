/* topiary-cli-info.c — `topiary info`: counts by group, kind and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-map.h"

int
_topiary_cli_info (const TopiaryCliCommand *cmd,
                   int                      argc,
                   char                   **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the counts as one JSON object"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown_title = NULL;
  GPtrArray *groups;
  TopiaryStats stats;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 1, _("Give one project file."), &status);
  if (args == NULL)
    return status;
  project = _topiary_cli_open_existing (args[0], TRUE, &status);
  if (project == NULL)
    return status;

  map = topiary_map_new (project, &error);
  if (map == NULL)
    return _topiary_cli_fail (error->message);
  topiary_map_get_stats (map, &stats);
  groups = topiary_map_get_groups (map);
  title = topiary_project_get_map_field (project, "title");

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      json_builder_set_member_name (b, "groups");
      json_builder_add_int_value (b, stats.groups);
      json_builder_set_member_name (b, "pillars");
      json_builder_add_int_value (b, stats.pillars);
      json_builder_set_member_name (b, "clusters");
      json_builder_add_int_value (b, stats.clusters);
      json_builder_set_member_name (b, "ideas");
      json_builder_add_int_value (b, stats.ideas);
      json_builder_set_member_name (b, "articles");
      json_builder_add_int_value (b, stats.articles);
      json_builder_set_member_name (b, "notes");
      json_builder_add_int_value (b, stats.notes);
      json_builder_set_member_name (b, "words");
      json_builder_add_int_value (b, (gint64)stats.words);
      json_builder_set_member_name (b, "status");
      json_builder_begin_object (b);
      for (guint s = 0; s < TOPIARY_N_STATUS; s++)
        {
          json_builder_set_member_name (b, topiary_status_to_string (s));
          json_builder_add_int_value (b, stats.status[s]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "by_group");
      json_builder_begin_array (b);
      for (guint i = 0; i < groups->len; i++)
        {
          TopiaryMapGroup *g = g_ptr_array_index (groups, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, topiary_group_get_title (g->group));
          json_builder_set_member_name (b, "slug");
          json_builder_add_string_value (b, topiary_group_get_slug (g->group));
          json_builder_set_member_name (b, "articles");
          json_builder_add_int_value (b, g->counts.articles);
          json_builder_set_member_name (b, "pillars");
          json_builder_add_int_value (b, g->counts.pillars);
          json_builder_set_member_name (b, "clusters");
          json_builder_add_int_value (b, g->counts.clusters);
          json_builder_set_member_name (b, "words");
          json_builder_add_int_value (b, g->counts.words);
          json_builder_set_member_name (b, "published");
          json_builder_add_int_value (b, g->counts.published);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      json = json_generator_to_data (gen, NULL);
      g_print ("%s\n", json);
      return 0;
    }

  shown_title = topiary_cli_shown (*title ? title : _("(untitled map)"));
  g_print ("%s\n", shown_title);
  g_print (_("%u groups, %u pillars, %u clusters, %u ideas — %u articles, %u notes, %" PRIu64 " words\n"),
           stats.groups, stats.pillars, stats.clusters, stats.ideas, stats.articles, stats.notes, stats.words);
  g_print (_("Status:"));
  for (guint s = 0; s < TOPIARY_N_STATUS; s++)
    g_print (" %s %u%s", topiary_status_to_string (s), stats.status[s], s + 1 < TOPIARY_N_STATUS ? "," : "\n");
  if (groups->len > 0)
    g_print (_("Groups:\n"));
  for (guint i = 0; i < groups->len; i++)
    {
      TopiaryMapGroup *g = g_ptr_array_index (groups, i);
      g_autofree char *shown = topiary_cli_shown (topiary_group_get_title (g->group));

      g_print (_("  %-50s %u articles (%u pillar, %u clusters), %u published, %u words\n"),
               shown, g->counts.articles, g->counts.pillars,
               g->counts.clusters, g->counts.published, (guint) g->counts.words);
    }
  return 0;
}
