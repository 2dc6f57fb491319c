/* test-import-corpus.c — the topical maps people really write (issue 11)
 *
 * Every tests/data/maps/NAME.md is imported with the format detected, into
 * a new project, and compared with tests/data/maps/NAME.expect.json:
 *
 *   "format":      the detected format ("outline", "map", "csv")
 *   "title":       the map's title (null: none)
 *   "description": text the map's description contains (absent: empty)
 *   "groups":      [{ "title", "description" (contained; absent: empty),
 *                     "articles": [slug, …] in writing order, the pillar
 *                     first-marked by "pillar": slug }]
 *   "ideas":       [slug, …] articles in no group
 *   "articles":    { slug: { "title", "primary", "secondary": […],
 *                     "intent", "priority", "status", "words",
 *                     "notes": [text the summary contains] } }
 *                  an absent field means its default: no queries, no
 *                  intent, priority 0, words 0, an empty summary, status
 *                  "planned" ("idea" for ideas)
 *   "notes":       [{ "kind", "title", "contains": […] }]
 *   "warnings":    [text, …] each contained in one warning, as many as
 *                  there are warnings
 *
 * Everything is compared: counts, every article's fields, each group's
 * pillar and the parent of each cluster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-import.h"

static char *
maps_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "maps", NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static const char *
opt_string (JsonObject *o,
            const char *member,
            const char *fallback)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return fallback;
  return json_node_get_string (n);
}

static gint64
opt_int (JsonObject *o,
         const char *member,
         gint64      fallback)
{
  return json_object_has_member (o, member) ? json_object_get_int_member (o, member) : fallback;
}

static JsonArray *
opt_array (JsonObject *o,
           const char *member)
{
  return json_object_has_member (o, member) ? json_object_get_array_member (o, member) : NULL;
}

static void
assert_contains (const char *what,
                 const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("%s: “%s” does not contain “%s”", what, haystack ? haystack : "(null)", needle);
}

static void
check_article (const char     *name,
               TopiaryArticle *a,
               JsonObject     *want,
               gboolean        idea)
{
  const char *slug = topiary_article_get_slug (a);
  const char * const *queries = topiary_article_get_queries (a);
  guint n_queries = topiary_article_get_n_queries (a);
  const char *primary = opt_string (want, "primary", NULL);
  JsonArray *secondary = opt_array (want, "secondary");
  JsonArray *notes = opt_array (want, "notes");
  guint n_secondary = secondary ? json_array_get_length (secondary) : 0;
  const char *status = opt_string (want, "status", idea ? "idea" : "planned");
  g_autofree char *what = g_strdup_printf ("%s: %s", name, slug);

  g_test_message ("%s", what);
  g_assert_cmpstr (topiary_article_get_title (a), ==, opt_string (want, "title", NULL));
  if (primary == NULL)
    {
      g_assert_cmpuint (n_secondary, ==, 0);
      g_assert_cmpuint (n_queries, ==, 0);
    }
  else
    {
      g_assert_cmpuint (n_queries, ==, 1 + n_secondary);
      g_assert_cmpint (topiary_article_get_primary_query (a), ==, 0);
      g_assert_cmpstr (queries[0], ==, primary);
      for (guint i = 0; i < n_secondary; i++)
        g_assert_cmpstr (queries[1 + i], ==, json_array_get_string_element (secondary, i));
    }
  g_assert_cmpstr (topiary_article_get_intent (a), ==, opt_string (want, "intent", ""));
  g_assert_cmpint (topiary_article_get_priority (a), ==, opt_int (want, "priority", 0));
  g_assert_cmpint (topiary_article_get_target_words (a), ==, opt_int (want, "words", 0));
  g_assert_cmpstr (topiary_status_to_string (topiary_article_get_status (a)), ==, status);
  if (notes == NULL)
    g_assert_cmpstr (topiary_article_get_summary (a), ==, "");
  else
    for (guint i = 0; i < json_array_get_length (notes); i++)
      assert_contains (what, topiary_article_get_summary (a), json_array_get_string_element (notes, i));
}

static void
test_map (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = maps_dir ();
  g_autofree char *md_name = g_strconcat (name, ".md", NULL);
  g_autofree char *json_name = g_strconcat (name, ".expect.json", NULL);
  g_autofree char *source = g_build_filename (dir, md_name, NULL);
  g_autofree char *expect_path = g_build_filename (dir, json_name, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("topiary-corpus-XXXXXX", NULL);
  g_autofree char *project_path = g_build_filename (tmp, "map.topiary", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GHashTable) by_slug = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  JsonObject *want, *want_articles;
  JsonArray *want_groups, *want_ideas, *want_notes, *want_warnings;
  TopiaryImportFormat format;
  guint grouped = 0;

  json_parser_load_from_file (parser, expect_path, &error);
  g_assert_no_error (error);
  want = json_node_get_object (json_parser_get_root (parser));

  format = topiary_import_detect (source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_import_format_to_string (format), ==, opt_string (want, "format", "outline"));

  project = topiary_import_new_project (project_path, source, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (report->warnings, i));

  /* The map. */
  title = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (title, ==, opt_string (want, "title", ""));
  description = topiary_project_get_map_field (project, "description");
  if (opt_string (want, "description", NULL) != NULL)
    assert_contains ("the map's description", description, opt_string (want, "description", NULL));
  else
    g_assert_cmpstr (description, ==, "");

  articles = topiary_project_list_articles (project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      TopiaryArticle *a = g_list_model_get_item (articles, i);
      g_hash_table_insert (by_slug, (gpointer) topiary_article_get_slug (a), a);
    }

  /* Every article, and no other. */
  want_articles = json_object_get_object_member (want, "articles");
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, json_object_get_size (want_articles));

  /* Groups, their order, their pillar and the parents of their clusters. */
  groups = topiary_project_list_groups (project, NULL);
  want_groups = json_object_get_array_member (want, "groups");
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, json_array_get_length (want_groups));
  for (guint g = 0; g < json_array_get_length (want_groups); g++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, g);
      JsonObject *wg = json_array_get_object_element (want_groups, g);
      JsonArray *slugs = json_object_get_array_member (wg, "articles");
      const char *pillar_slug = json_object_get_string_member (wg, "pillar");
      TopiaryArticle *pillar = g_hash_table_lookup (by_slug, pillar_slug);
      guint k = 0;

      g_test_message ("group %s", topiary_group_get_title (group));
      g_assert_cmpstr (topiary_group_get_title (group), ==, json_object_get_string_member (wg, "title"));
      if (opt_string (wg, "description", NULL) != NULL)
        assert_contains (topiary_group_get_title (group), topiary_group_get_description (group),
                         opt_string (wg, "description", NULL));
      else
        g_assert_cmpstr (topiary_group_get_description (group), ==, "");
      if (pillar == NULL)
        g_error ("no pillar %s", pillar_slug);

      for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
        {
          g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
          const char *slug = topiary_article_get_slug (a);

          if (topiary_article_get_group_id (a) != topiary_group_get_id (group))
            continue;
          g_assert_cmpuint (k, <, json_array_get_length (slugs));
          g_assert_cmpstr (slug, ==, json_array_get_string_element (slugs, k));
          k++;
          if (a == pillar || strcmp (slug, pillar_slug) == 0)
            {
              g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_PILLAR);
              g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
            }
          else
            {
              g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
              g_assert_cmpint (topiary_article_get_parent_id (a), ==, topiary_article_get_id (pillar));
            }
          if (!json_object_has_member (want_articles, slug))
            g_error ("%s is not expected", slug);
          check_article (name, a, json_object_get_object_member (want_articles, slug), FALSE);
        }
      g_assert_cmpuint (k, ==, json_array_get_length (slugs));
      grouped += k;
    }

  /* Ideas: articles in no group. */
  want_ideas = opt_array (want, "ideas");
  g_assert_cmpuint (g_list_model_get_n_items (articles) - grouped, ==,
                    want_ideas ? json_array_get_length (want_ideas) : 0);
  for (guint i = 0; want_ideas != NULL && i < json_array_get_length (want_ideas); i++)
    {
      const char *slug = json_array_get_string_element (want_ideas, i);
      TopiaryArticle *a = g_hash_table_lookup (by_slug, slug);

      if (a == NULL)
        g_error ("no idea %s", slug);
      g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
      check_article (name, a, json_object_get_object_member (want_articles, slug), TRUE);
    }

  /* Notes, by title. */
  notes = topiary_project_list_notes (project, NULL);
  want_notes = opt_array (want, "notes");
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, i);
      g_test_message ("note %s: %s", topiary_note_get_kind (n), topiary_note_get_title (n));
    }
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, want_notes ? json_array_get_length (want_notes) : 0);
  for (guint i = 0; want_notes != NULL && i < json_array_get_length (want_notes); i++)
    {
      JsonObject *wn = json_array_get_object_element (want_notes, i);
      JsonArray *contains = opt_array (wn, "contains");
      g_autoptr(TopiaryNote) n = g_list_model_get_item (notes, i);

      g_assert_cmpstr (topiary_note_get_title (n), ==, json_object_get_string_member (wn, "title"));
      g_assert_cmpstr (topiary_note_get_kind (n), ==, json_object_get_string_member (wn, "kind"));
      for (guint k = 0; contains != NULL && k < json_array_get_length (contains); k++)
        assert_contains (topiary_note_get_title (n), topiary_note_get_body (n),
                         json_array_get_string_element (contains, k));
    }

  /* Warnings: each one expected, and no other. */
  want_warnings = opt_array (want, "warnings");
  g_assert_cmpuint (report->warnings->len, ==, want_warnings ? json_array_get_length (want_warnings) : 0);
  for (guint i = 0; want_warnings != NULL && i < json_array_get_length (want_warnings); i++)
    {
      const char *needle = json_array_get_string_element (want_warnings, i);
      gboolean found = FALSE;

      for (guint k = 0; k < report->warnings->len && !found; k++)
        found = strstr (g_ptr_array_index (report->warnings, k), needle) != NULL;
      if (!found)
        g_error ("no warning says “%s”", needle);
    }

  topiary_project_close (project);
  remove_dir (tmp);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_test_init (&argc, &argv, NULL);

  dir = maps_dir ();
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".expect.json"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".expect.json")));
  g_ptr_array_sort (names, compare_names);
  /* The issue asks for at least 15 documents. */
  g_assert_cmpuint (names->len, >=, 15);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_strconcat ("/core/import-corpus/", name, NULL);
      g_test_add_data_func (path, name, test_map);
    }
  return g_test_run ();
}
