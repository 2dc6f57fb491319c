/* topiary-export-json.c — the whole map as one JSON file, bodies included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "topiary-brief.h"
#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-links.h"

static void
json_add_time (JsonBuilder *b,
               const char  *name,
               gint64       t)
{
  g_autofree char *iso = topiary_export_iso_time (t);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

static void
json_add_string (JsonBuilder *b,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, nonnull (value));
}

static char *
generate (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
topiary_export_json (Export      *e,
                     const char  *dest,
                     GError     **error)
{
  static const char *fields[] = { "title", "subject", "description", "audience", "goal", "language", "base_url" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autofree char *head = NULL;
  TopiaryExportFile f = { -1, NULL, NULL, e->options->cancellable };
  gboolean ok = FALSE;

  /* All the notes or no file: never a map with some of them. */
  notes = topiary_project_list_notes (e->project, error);
  if (notes == NULL)
    return FALSE;
  /* The briefs are made from the whole map, bodies and notes included. */
  if (e->options->with_briefs && (linker = topiary_linker_new (e->project, e->map, error)) == NULL)
    return FALSE;
  if (!topiary_export_file_begin (&f, dest, ".json", e->title, topiary_project_get_path (e->project), e->options->force, error))
    goto out;

  json_builder_begin_object (b);
  json_add_string (b, "format", "topiary-map");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_add_string (b, "generator", "Topiary " PACKAGE_VERSION);
  json_builder_set_member_name (b, "map");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = topiary_project_get_map_field (e->project, fields[i]);
      json_add_string (b, fields[i], value);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);

      json_builder_begin_object (b);
      json_add_string (b, "kind", topiary_note_get_kind (note));
      json_add_string (b, "title", topiary_note_get_title (note));
      json_add_string (b, "body", topiary_note_get_body (note));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, topiary_note_get_position (note));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);

      json_builder_begin_object (b);
      json_add_string (b, "title", topiary_group_get_title (g->group));
      json_add_string (b, "slug", topiary_group_get_slug (g->group));
      json_add_string (b, "description", topiary_group_get_description (g->group));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, topiary_group_get_position (g->group));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* The articles, bodies included, are streamed one by one after the rest,
   * so memory stays flat however big the map is. */
  head = generate (b);
  g_assert (g_str_has_suffix (head, "}"));
  head[strlen (head) - 1] = '\0';
  g_string_append (buf, head);
  g_string_append (buf, ",\"articles\":[");

  e->total = e->articles->len;
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autoptr(TopiaryArticle) full = topiary_project_get_article (e->project, a->id, TRUE, error);
      g_autoptr(JsonBuilder) ab = json_builder_new ();
      g_autofree char *json = NULL;
      const char * const *queries;

      if (full == NULL)
        goto out;
      queries = topiary_article_get_queries (full);

      json_builder_begin_object (ab);
      json_add_string (ab, "title", topiary_article_get_title (full));
      json_add_string (ab, "slug", topiary_article_get_slug (full));
      json_add_string (ab, "group", a->group ? topiary_group_get_slug (a->group->group) : NULL);
      json_add_string (ab, "kind", topiary_kind_to_string (topiary_article_get_kind (full)));
      json_add_string (ab, "pillar", a->pillar ? topiary_article_get_slug (a->pillar->article) : NULL);
      json_builder_set_member_name (ab, "position");
      json_builder_add_int_value (ab, topiary_article_get_position (full));
      json_add_string (ab, "status", topiary_status_to_string (topiary_article_get_status (full)));
      json_add_string (ab, "intent", topiary_article_get_intent (full));
      /* "" = the map's language. */
      json_add_string (ab, "language", topiary_article_get_language (full));
      json_builder_set_member_name (ab, "priority");
      json_builder_add_int_value (ab, topiary_article_get_priority (full));
      json_builder_set_member_name (ab, "queries");
      json_builder_begin_array (ab);
      for (guint k = 0; queries[k] != NULL; k++)
        json_builder_add_string_value (ab, queries[k]);
      json_builder_end_array (ab);
      json_builder_set_member_name (ab, "primary_query");
      json_builder_add_int_value (ab, topiary_article_get_primary_query (full));
      json_builder_set_member_name (ab, "target_words");
      json_builder_add_int_value (ab, topiary_article_get_target_words (full));
      json_builder_set_member_name (ab, "words");
      json_builder_add_int_value (ab, topiary_article_get_word_count (full));
      json_add_string (ab, "summary", topiary_article_get_summary (full));
      json_add_string (ab, "body", topiary_article_get_body (full));
      if (!topiary_export_media_add_json (e->media, a->id, e->options->with_files, ab, error))
        goto out;
      json_add_time (ab, "created", topiary_article_get_created (full));
      json_add_time (ab, "updated", topiary_article_get_updated (full));
      json_add_time (ab, "published", topiary_article_get_published (full));
      if (linker != NULL)
        {
          g_autoptr(TopiaryBrief) brief = topiary_brief_new (linker, a->id, notes);

          json_builder_set_member_name (ab, "brief");
          if (brief != NULL)
            json_builder_add_value (ab, topiary_brief_to_json_node (brief));
          else
            json_builder_add_null_value (ab);
        }
      json_builder_end_object (ab);

      json = generate (ab);
      if (i > 0)
        g_string_append_c (buf, ',');
      g_string_append (buf, json);
      if (buf->len > 256 * 1024 && !topiary_export_file_write (&f, buf, error))
        goto out;
      topiary_export_progress (e);
    }
  g_string_append (buf, "]}\n");

  ok = topiary_export_file_write (&f, buf, error) && topiary_export_file_commit (&f, error);
  if (ok)
    topiary_export_set_output_path (e, f.path);

out:
  topiary_export_file_clear (&f);
  return ok;
}
