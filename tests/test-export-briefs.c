/* test-export-briefs.c — the JSON export with each article's writing
 * brief (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "topiary-brief.h"
#include "topiary-export.h"
#include "topiary-links.h"
#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

static gint64
add (TopiaryProject *project,
     const char     *title,
     gint64          group,
     TopiaryKind     kind,
     const char     *queries,
     const char     *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group);
  topiary_article_set_kind (a, kind);
  test_article_set_queries (a, queries);
  topiary_article_set_body (a, body);
  return test_add_article (project, a);
}

static JsonObject *
export_json (TestProjectFixture *f,
             gboolean            with_briefs,
             JsonParser         *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, with_briefs ? "with.json" : "without.json", NULL);
  TopiaryExportOptions opts = { 0 };

  opts.format = TOPIARY_EXPORT_JSON;
  opts.with_briefs = with_briefs;
  g_assert_true (topiary_export (f->project, out, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
article (JsonObject *root,
         guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, "articles"), index);
}

/* Each article carries its brief, the same as `topiary brief --format
 * json` gives; without the option, none. */
static void
test_json_briefs (TestProjectFixture *f,
                  gconstpointer       data)
{
  g_autoptr(JsonParser) with_parser = json_parser_new ();
  g_autoptr(JsonParser) without_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gint64 flask = test_add_group (f->project, "Flask");
  gint64 guide = add (f->project, "Flask Guide", flask, TOPIARY_KIND_PILLAR, "flask tutorial;learn flask", "The guide.");
  gint64 routing = add (f->project, "Flask Routing", flask, TOPIARY_KIND_CLUSTER, "flask routing;url routes", "");
  JsonObject *with, *without, *brief;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(TopiaryBrief) expected = NULL;
  g_autoptr(JsonNode) expected_node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *expected_json = NULL;
  g_autofree char *got_json = NULL;

  with = export_json (f, TRUE, with_parser);
  without = export_json (f, FALSE, without_parser);

  g_assert_false (json_object_has_member (article (without, 0), "brief"));
  g_assert_false (json_object_has_member (article (without, 1), "brief"));

  brief = json_object_get_object_member (article (with, 1), "brief");
  g_assert_nonnull (brief);
  g_assert_cmpstr (json_object_get_string_member (brief, "slug"), ==, "flask-routing");
  g_assert_cmpstr (json_object_get_string_member (brief, "primary_query"), ==, "flask routing");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (brief, "pillar"), "slug"), ==,
                   "flask-guide");
  brief = json_object_get_object_member (article (with, 0), "brief");
  g_assert_cmpstr (json_object_get_string_member (brief, "slug"), ==, "flask-guide");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (brief, "clusters")), ==, 1);

  /* The very brief `topiary brief` makes. */
  map = topiary_map_new (f->project, &error);
  g_assert_no_error (error);
  linker = topiary_linker_new (f->project, map, &error);
  g_assert_no_error (error);
  notes = topiary_project_list_notes (f->project, &error);
  g_assert_no_error (error);
  expected = topiary_brief_new (linker, routing, notes);
  expected_node = topiary_brief_to_json_node (expected);
  json_generator_set_root (gen, expected_node);
  expected_json = json_generator_to_data (gen, NULL);
  json_generator_set_root (gen, json_object_get_member (article (with, 1), "brief"));
  got_json = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (got_json, ==, expected_json);
  g_assert_cmpint (guide, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/export/json-briefs", TestProjectFixture, NULL,
              test_project_fixture_setup, test_json_briefs, test_project_fixture_teardown);
  return g_test_run ();
}
