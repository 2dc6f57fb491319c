/* topiary-cli-brief.c — `topiary brief`: the writing brief of an article,
 * its skeleton, or its checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-brief.h"
#include "topiary-cli-private.h"
#include "topiary-cli-text.h"

static void
print_checklist (TopiaryLinker      *linker,
                 const TopiaryBrief *brief,
                 const char         *body,
                 gboolean            as_json)
{
  guint score = 0;
  g_autoptr(GArray) items = topiary_brief_checklist (linker, brief, body, &score);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, score);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < items->len; i++)
        {
          TopiaryChecklistItem *it = &g_array_index (items, TopiaryChecklistItem, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, it->id);
          json_builder_set_member_name (b, "points");
          json_builder_add_int_value (b, it->points);
          json_builder_set_member_name (b, "max");
          json_builder_add_int_value (b, it->max);
          json_builder_set_member_name (b, "done");
          json_builder_add_boolean_value (b, it->done);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, it->label);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json = json_to_string (root, TRUE);
      g_print ("%s\n", json);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      TopiaryChecklistItem *it = &g_array_index (items, TopiaryChecklistItem, i);
      g_autofree char *label = topiary_cli_shown (it->label);

      g_print ("[%s] %2u/%-2u %s\n", it->done ? "x" : " ", it->points, it->max, label);
    }
  g_print (_("Score: %u of 100.\n"), score);
}

int
_topiary_cli_brief (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *format = NULL;
  gboolean skeleton = FALSE, checklist = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Print the brief as “markdown” (the default) or “json”"), N_("FORMAT") },
    { "skeleton", 0, 0, G_OPTION_ARG_NONE, &skeleton, N_("Print the skeleton an empty article can start from"), NULL },
    { "checklist", 0, 0, G_OPTION_ARG_NONE, &checklist, N_("Score the article’s text against the brief"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(TopiaryBrief) brief = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryMapArticle *a;
  gboolean as_json;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 2, _("Give a project file and the slug of an article."), &status);
  if (args == NULL)
    return status;
  if (format != NULL && strcmp (format, "markdown") != 0 && strcmp (format, "json") != 0)
    return _topiary_cli_usage_error (cmd, _("--format takes “markdown” or “json”."));
  if (skeleton && checklist)
    return _topiary_cli_usage_error (cmd, _("Give --skeleton or --checklist, not both."));
  as_json = g_strcmp0 (format, "json") == 0;
  linker = _topiary_cli_open_linker (args[0], &project, &map, &status);
  if (linker == NULL)
    return status;
  notes = topiary_project_list_notes (project, &error);
  if (notes == NULL)
    return _topiary_cli_fail (error->message);

  a = _topiary_cli_lookup_slug (map, args[0], args[1], &status);
  if (a == NULL)
    return status;
  brief = topiary_brief_new (linker, a->id, notes);

  if (checklist)
    {
      g_autofree char *body = topiary_project_get_body (project, a->id, &error);

      if (body == NULL)
        return _topiary_cli_fail (error->message);
      print_checklist (linker, brief, body, as_json);
    }
  else if (skeleton)
    {
      g_autofree char *text = topiary_brief_skeleton (brief);

      g_print ("%s", text);
    }
  else if (as_json)
    {
      g_autoptr(JsonNode) node = topiary_brief_to_json_node (brief);
      g_autofree char *json = json_to_string (node, TRUE);

      g_print ("%s\n", json);
    }
  else
    {
      g_autofree char *text = topiary_brief_to_markdown (brief);

      g_print ("%s", text);
    }
  return 0;
}
