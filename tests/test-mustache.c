/* test-mustache.c — the official Mustache spec suite, one case per test,
 * plus Topiary's own cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "topiary-mustache.h"

typedef struct {
  JsonObject *test;
  GHashTable *cache;  /* partial name -> compiled template */
} SpecCase;

static GPtrArray *all_cases;

static void
spec_case_free (gpointer data)
{
  SpecCase *sc = data;

  json_object_unref (sc->test);
  g_hash_table_unref (sc->cache);
  g_free (sc);
}

static TopiaryMustacheTemplate *
spec_partial (const char  *name,
              gpointer     user_data,
              GError     **error)
{
  SpecCase *sc = user_data;
  TopiaryMustacheTemplate *tmpl;
  JsonObject *partials;
  const char *source;

  tmpl = g_hash_table_lookup (sc->cache, name);
  if (tmpl != NULL)
    return topiary_mustache_template_ref (tmpl);

  if (!json_object_has_member (sc->test, "partials"))
    return NULL;
  partials = json_object_get_object_member (sc->test, "partials");
  if (!json_object_has_member (partials, name))
    return NULL;

  source = json_object_get_string_member (partials, name);
  tmpl = topiary_mustache_template_new (name, source, -1, error);
  if (tmpl == NULL)
    return NULL;

  g_hash_table_insert (sc->cache, g_strdup (name), topiary_mustache_template_ref (tmpl));
  return tmpl;
}

static void
run_spec_case (gconstpointer data)
{
  SpecCase *sc = (SpecCase *) data;
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  const char *template = json_object_get_string_member (sc->test, "template");
  const char *expected = json_object_get_string_member (sc->test, "expected");
  JsonNode *context = json_object_get_member (sc->test, "data");

  tmpl = topiary_mustache_template_new ("spec", template, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tmpl);

  out = topiary_mustache_template_render (tmpl, context, spec_partial, sc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);

  /* A compiled template is reusable: the second rendering is the same. */
  again = topiary_mustache_template_render (tmpl, context, spec_partial, sc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);
}

static guint
add_spec_file (const char *dir,
               const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *base = g_strndup (file, strlen (file) - strlen (".json"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *tests;
  guint n;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("Cannot read %s: %s", path, error->message);

  tests = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tests");
  n = json_array_get_length (tests);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *test = json_array_get_object_element (tests, i);
      g_autofree char *name = g_strdup (json_object_get_string_member (test, "name"));
      g_autofree char *test_path = NULL;
      SpecCase *sc;

      /* The suite names two tests alike; GTest paths must be unique. */
      for (guint k = 2; g_hash_table_contains (seen, name); k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u)", json_object_get_string_member (test, "name"), k);
        }
      g_hash_table_add (seen, g_strdup (name));
      g_strdelimit (name, "/", '-');

      sc = g_new0 (SpecCase, 1);
      sc->test = json_object_ref (test);
      sc->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) topiary_mustache_template_unref);
      test_path = g_strdup_printf ("/core/mustache/%s/%s", base, name);
      /* Freed by main(), so that cases left out with -p do not leak. */
      g_ptr_array_add (all_cases, sc);
      g_test_add_data_func (test_path, sc, run_spec_case);
    }

  return n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_spec_suite (void)
{
  const char *root = g_getenv ("TOPIARY_SOURCE_ROOT");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *entry;
  guint total = 0;

  if (root != NULL)
    dir = g_build_filename (root, "tests", "spec", "mustache", NULL);
  else
    dir = g_test_build_filename (G_TEST_DIST, "spec", "mustache", NULL);
  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    g_error ("Cannot open the spec folder: %s", error->message);

  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (files, g_strdup (entry));
  g_ptr_array_sort (files, compare_names);

  for (guint i = 0; i < files->len; i++)
    total += add_spec_file (dir, g_ptr_array_index (files, i));

  /* Seven spec files with over a hundred tests: make sure none went missing. */
  g_assert_cmpuint (files->len, ==, 7);
  g_assert_cmpuint (total, >, 100);
}

/* ---- our own cases ---- */

static char *
render_json (const char  *template,
             const char  *json,
             GError     **error)
{
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
  g_autoptr(JsonNode) node = NULL;

  tmpl = topiary_mustache_template_new ("t", template, -1, error);
  if (tmpl == NULL)
    return NULL;
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  return topiary_mustache_template_render (tmpl, node, NULL, NULL, error);
}

static void
test_escaping (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  out = render_json ("<p title=\"{{t}}\">{{t}}</p>{{{t}}}|{{&t}}",
                     "{\"t\": \"<script>alert('x') & \\\"y\\\"</script>\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==,
                   "<p title=\"&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\">"
                   "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>"
                   "<script>alert('x') & \"y\"</script>|<script>alert('x') & \"y\"</script>");
}

static void
assert_syntax_error (const char *template,
                     const char *expected_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;

  tmpl = topiary_mustache_template_new ("page.mustache", template, -1, &error);
  if (tmpl != NULL)
    g_error ("“%s” compiled without an error", template);
  g_assert_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX);
  if (!g_str_has_prefix (error->message, expected_start))
    g_error ("“%s” does not start with “%s”", error->message, expected_start);
  /* One line, one sentence. */
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_errors (void)
{
  assert_syntax_error ("a\nb\n{{#items}}\n{{name}}\n", "page.mustache:3: ");
  assert_syntax_error ("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}", "page.mustache:3: ");
  assert_syntax_error ("line one\n{{/a}}", "page.mustache:2: ");
  assert_syntax_error ("\n\n\n\n{{=<% =}}", "page.mustache:5: ");
  assert_syntax_error ("{{=<%=}}", "page.mustache:1: ");
  assert_syntax_error ("one\ntwo {{name", "page.mustache:2: ");
  assert_syntax_error ("{{}}", "page.mustache:1: ");
  assert_syntax_error ("{{a b}}", "page.mustache:1: ");
  assert_syntax_error ("{{a..b}}", "page.mustache:1: ");
  assert_syntax_error ("{{<base}}\n{{$content}}\n{{/base}}", "page.mustache:3: ");
  /* Absurd nesting is refused, not recursed into. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);

    for (guint i = 0; i < 100000; i++)
      g_string_append (deep, "{{#a}}");
    assert_syntax_error (deep->str, "page.mustache:1: ");
  }
  /* A multi-line comment moves the line count on. */
  assert_syntax_error ("{{!\n\n}}\n{{#x}}", "page.mustache:4: ");
}

static TopiaryMustacheTemplate *
self_partial (const char  *name,
              gpointer     user_data,
              GError     **error)
{
  return topiary_mustache_template_ref (user_data);
}

static void
test_recursion (void)
{
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  tmpl = topiary_mustache_template_new ("loop", "x{{>loop}}", -1, &error);
  g_assert_no_error (error);
  out = topiary_mustache_template_render (tmpl, NULL, self_partial, tmpl, &error);
  g_assert_null (out);
  g_assert_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_RECURSION);
}

static void
test_block_self_reference (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMustacheTemplate) base = NULL;
  g_autoptr(TopiaryMustacheTemplate) page = NULL;

  base = topiary_mustache_template_new ("base", "[{{$a}}d{{/a}}]", -1, &error);
  g_assert_no_error (error);
  page = topiary_mustache_template_new ("page", "{{<base}}{{$a}}<{{$a}}inner{{/a}}>{{/a}}{{/base}}", -1, &error);
  g_assert_no_error (error);
  out = topiary_mustache_template_render (page, NULL, self_partial, base, &error);
  g_assert_null (out);
  g_assert_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_RECURSION);
}

static TopiaryMustacheTemplate *
failing_partial (const char  *name,
                 gpointer     user_data,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no partial %s", name);
  return NULL;
}

static void
test_partial_error (void)
{
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("kept");

  tmpl = topiary_mustache_template_new ("t", "a{{>p}}b", -1, &error);
  g_assert_no_error (error);
  g_assert_false (topiary_mustache_template_render_to (tmpl, out, NULL, failing_partial, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* A failed rendering appends nothing. */
  g_assert_cmpstr (out->str, ==, "kept");
}

static void
test_object_context (void)
{
  g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
  g_autoptr(JsonObject) ctx = json_object_new ();
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (ctx, "title", "Fish & Chips");
  json_object_set_string_member (ctx, "body", "<p>ok</p>");
  json_object_set_string_member (ctx, "empty", "");
  json_object_set_int_member (ctx, "count", 3);
  json_object_set_double_member (ctx, "ratio", 0.5);
  json_object_set_boolean_member (ctx, "draft", FALSE);
  json_object_set_string_member (item, "slug", "a-b");
  json_array_add_object_element (items, g_steal_pointer (&item));
  json_object_set_array_member (ctx, "items", g_steal_pointer (&items));

  tmpl = topiary_mustache_template_new ("t",
                                        "{{title}}|{{{body}}}|{{count}}|{{ratio}}|"
                                        "{{#draft}}D{{/draft}}{{^draft}}P{{/draft}}|"
                                        "{{#empty}}E{{/empty}}{{^empty}}none{{/empty}}|"
                                        "{{#items}}/{{slug}}/{{title}}{{/items}}",
                                        -1, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_mustache_template_render_object (tmpl, out, ctx, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, "Fish &amp; Chips|<p>ok</p>|3|0.5|P|none|/a-b/Fish &amp; Chips");
}

static void
test_inheritance_layout (void)
{
  g_autoptr(TopiaryMustacheTemplate) base = NULL;
  g_autoptr(TopiaryMustacheTemplate) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ctx = json_from_string ("{\"title\": \"A < B\"}", NULL);
  g_autofree char *out = NULL;

  base = topiary_mustache_template_new ("base",
                                        "<html>\n"
                                        "  <title>{{$title}}Site{{/title}}</title>\n"
                                        "  <main>\n"
                                        "    {{$content}}{{/content}}\n"
                                        "  </main>\n"
                                        "</html>\n", -1, &error);
  g_assert_no_error (error);
  page = topiary_mustache_template_new ("page",
                                        "{{<base}}\n"
                                        "{{$title}}{{title}}{{/title}}\n"
                                        "{{$content}}\n"
                                        "<h1>{{title}}</h1>\n"
                                        "<p>x</p>\n"
                                        "{{/content}}\n"
                                        "{{/base}}\n", -1, &error);
  g_assert_no_error (error);
  out = topiary_mustache_template_render (page, ctx, self_partial, base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==,
                   "<html>\n"
                   "  <title>A &lt; B</title>\n"
                   "  <main>\n"
                   "    <h1>A &lt; B</h1>\n"
                   "    <p>x</p>\n"
                   "\n"
                   "  </main>\n"
                   "</html>\n");
}

static TopiaryMustacheTemplate *
fuzz_partial (const char  *name,
              gpointer     user_data,
              GError     **error)
{
  GPtrArray *pool = user_data;

  return topiary_mustache_template_ref (g_ptr_array_index (pool, g_str_hash (name) % pool->len));
}

/* Random fragments glued together: whatever compiles must render without
 * crashing, and whatever does not must say why. */
static void
test_random_templates (void)
{
  static const char *pieces[] = {
    "{{", "}}", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{$c}}", "{{/c}}",
    "{{<p}}", "{{/p}}", "{{>p}}", "{{>q}}", "{{=<% %>=}}", "<%a%>", "{{!x}}",
    "{{{a}}}", "{{&a}}", "{{.}}", "{{a.b}}", "\n", "  ", "\r\n", "text", "{{#list}}",
    "{{/list}}", "{{", "}", "=", "\t",
  };
  g_autoptr(JsonNode) ctx = json_from_string ("{\"a\": {\"b\": \"<&>\"}, \"list\": [1, 2.5, true, null, \"s\"], \"b\": false}", NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_mustache_template_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint compiled = 0;

  while (pool->len < 8)
    {
      g_autoptr(GString) src = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);
      TopiaryMustacheTemplate *tmpl;

      for (guint k = 0; k < n; k++)
        g_string_append (src, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      tmpl = topiary_mustache_template_new ("pool", src->str, -1, NULL);
      if (tmpl != NULL)
        g_ptr_array_add (pool, tmpl);
    }

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) src = g_string_new (NULL);
      g_autoptr(TopiaryMustacheTemplate) tmpl = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 0, 16);

      for (guint k = 0; k < n; k++)
        g_string_append (src, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      tmpl = topiary_mustache_template_new ("fuzz", src->str, -1, &error);
      if (tmpl == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "fuzz:"));
          continue;
        }
      compiled++;
      g_free (topiary_mustache_template_render (tmpl, ctx, fuzz_partial, pool, NULL));
    }

  g_assert_cmpuint (compiled, >, 100);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  all_cases = g_ptr_array_new_with_free_func (spec_case_free);

  add_spec_suite ();

  g_test_add_func ("/core/mustache/own/escaping", test_escaping);
  g_test_add_func ("/core/mustache/own/errors-name-line", test_errors);
  g_test_add_func ("/core/mustache/own/partial-recursion", test_recursion);
  g_test_add_func ("/core/mustache/own/block-recursion", test_block_self_reference);
  g_test_add_func ("/core/mustache/own/partial-error", test_partial_error);
  g_test_add_func ("/core/mustache/own/object-context", test_object_context);
  g_test_add_func ("/core/mustache/own/inheritance-layout", test_inheritance_layout);
  g_test_add_func ("/core/mustache/own/random-templates", test_random_templates);

  ret = g_test_run ();
  g_ptr_array_unref (all_cases);
  return ret;
}
