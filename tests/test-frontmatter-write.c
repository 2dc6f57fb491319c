/* test-frontmatter-write.c — the YAML front-matter writer against hostile
 * values: each must read back as the very same string through the
 * project's own reader, through libyaml's parser (quoted, so that no YAML
 * resolver takes it for a boolean, null, number or date) and, where PyYAML
 * is installed, through a YAML 1.1 reader like Hugo's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <yaml.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-frontmatter.h"

static const char * const hostile[] = {
  "plain",
  "",
  " ",
  /* YAML 1.1 and 1.2 booleans and nulls */
  "yes", "no", "Yes", "NO", "y", "n", "Y", "on", "off", "On", "OFF",
  "true", "false", "True", "FALSE", "null", "Null", "NULL", "~",
  /* numbers, dates and times that must stay strings */
  "0", "007", "-1", "+1", "1.0", "1e3", "0x1F", "0o17", "0b101", "1_000", "12:30", "1:20:30",
  ".inf", "-.inf", ".NaN", "2024-01-02", "2024-01-02T03:04:05Z", "=", "<<",
  /* indicators */
  "a: b", "a:b", "key:", ":", "- item", "-", "--", "---", "--- x", "...", "? q", "?",
  "# not a comment", "a # b", "a#b", "#",
  "quote \" double", "\"whole\"", "'single'", "'", "it's",
  "back\\slash", "\\n not a break", "\\",
  "[not, a, list]", "{x: 1}", "a, b", "&anchor", "*alias", "!tag", "!!str x", "%YAML 1.2",
  "@at", "`tick`", "| literal", "> folded", "a | b",
  /* white space */
  "line\nbreak", "\n", "two\n\nbreaks", "trailing break\n", "crlf\r\nline", "cr\ronly",
  "tab\there", "\t", "\tleading tab", "trailing tab\t", "  leading spaces", "trailing spaces  ",
  "  both  ",
  /* control characters */
  "\x01 \x02 \x1b \x1f \x7f control",
  /* Unicode */
  "\xc3\x9c" "ber Flask", "Stra\xc3\x9f" "e", "\xc4\xb0stanbul \xc4\xb1", "caf\xc3\xa9 cafe\xcc\x81",
  "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d rtl", "\xe4\xb8\xad\xe6\x96\x87", "emoji \xf0\x9f\x8c\xb2\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
  "sep \xe2\x80\xa8 para \xe2\x80\xa9 nel \xc2\x85 nbsp \xc2\xa0",
  "bom \xef\xbb\xbf inside", "\xef\xbb\xbf" "bom first",
  "nonchars \xef\xbf\xbf \xef\xbf\xbe", "zero width \xe2\x80\x8b joiner \xe2\x80\x8d",
  /* shortcodes and HTML that Hugo must not see as such in front matter */
  "{{< relref \"/a.md\" >}}", "<script>alert(1)</script>",
};

/* Two more values: 100,000 bytes of words, and one unbroken word. */
static void
long_values (char **spaces,
             char **word)
{
  GString *s = g_string_new (NULL);

  while (s->len < 100000)
    g_string_append (s, "a word: and - more # ");
  *spaces = g_string_free (s, FALSE);
  *word = g_strnfill (100000, 'x');
}

/* All the values: the table and the long ones. */
static GPtrArray *
all_values (void)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  char *spaces, *word;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_ptr_array_add (values, g_strdup (hostile[i]));
  long_values (&spaces, &word);
  g_ptr_array_add (values, spaces);
  g_ptr_array_add (values, word);
  return values;
}

static const char * const hostile_keys[] = {
  "yes", "No", "null", "on", "y", "true", "~", "1", "007", "odd key: yes", "- dash",
  "# hash", "quote\"key", "tab\tkey", "caf\xc3\xa9", "key-with-dash", "_under",
};

/* A document with every value under "k<i>", every value in the list
 * "list", every hostile key with its own name as its value, and a nested
 * map with the values again. */
static char *
write_document (GPtrArray *values)
{
  g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      topiary_front_matter_writer_add_string (w, key, g_ptr_array_index (values, i));
      g_ptr_array_add (list, g_ptr_array_index (values, i));
    }
  g_ptr_array_add (list, NULL);
  topiary_front_matter_writer_add_strv (w, "list", (const char * const *) list->pdata);
  topiary_front_matter_writer_add_strv (w, "empty_list", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_keys); i++)
    topiary_front_matter_writer_add_string (w, hostile_keys[i], hostile_keys[i]);
  topiary_front_matter_writer_add_int (w, "weight", -42);
  topiary_front_matter_writer_add_bool (w, "draft", FALSE);
  topiary_front_matter_writer_begin_map (w, "params");
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("p%u", i);

      topiary_front_matter_writer_add_string (w, key, g_ptr_array_index (values, i));
    }
  topiary_front_matter_writer_begin_map (w, "empty");
  topiary_front_matter_writer_end_map (w);
  topiary_front_matter_writer_end_map (w);
  return topiary_front_matter_writer_to_string (w);
}

static TopiaryFrontMatter *
read_back (const char *doc)
{
  g_autoptr(GError) error = NULL;
  TopiaryFrontMatter *fm;
  gsize start, len, body;

  g_assert_cmpint (topiary_front_matter_split (doc, strlen (doc), &start, &len, &body), ==,
                   TOPIARY_FRONT_MATTER_YAML);
  /* The block ends with the document: nothing is taken for a body. */
  g_assert_cmpuint (body, ==, strlen (doc));
  fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, doc + start, len, &error);
  g_assert_no_error (error);
  return fm;
}

static void
test_own_reader (void)
{
  g_autoptr(GPtrArray) values = all_values ();
  g_autofree char *doc = write_document (values);
  g_autoptr(TopiaryFrontMatter) fm = read_back (doc);
  g_auto(GStrv) list = NULL;
  gint64 n;
  gboolean b;

  g_assert_true (g_str_has_prefix (doc, "---\n"));
  g_assert_true (g_str_has_suffix (doc, "\n---\n"));

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *k = g_strdup_printf ("k%u", i);
      g_autofree char *p = g_strdup_printf ("params.p%u", i);

      g_assert_cmpstr (topiary_front_matter_get_string (fm, k), ==, g_ptr_array_index (values, i));
      g_assert_cmpstr (topiary_front_matter_get_string (fm, p), ==, g_ptr_array_index (values, i));
    }

  list = topiary_front_matter_get_strv (fm, "list");
  g_assert_cmpuint (g_strv_length (list), ==, values->len);
  for (guint i = 0; i < values->len; i++)
    g_assert_cmpstr (list[i], ==, g_ptr_array_index (values, i));
  g_clear_pointer (&list, g_strfreev);
  list = topiary_front_matter_get_strv (fm, "empty_list");
  g_assert_cmpuint (g_strv_length (list), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_keys); i++)
    if (strchr (hostile_keys[i], '.') == NULL)
      g_assert_cmpstr (topiary_front_matter_get_string (fm, hostile_keys[i]), ==, hostile_keys[i]);

  g_assert_true (topiary_front_matter_get_int (fm, "weight", &n));
  g_assert_cmpint (n, ==, -42);
  g_assert_true (topiary_front_matter_get_bool (fm, "draft", &b));
  g_assert_false (b);
  g_assert_true (topiary_front_matter_has (fm, "params.empty"));
}

/* The scalars of @doc's block in document order, through libyaml's own
 * parser: each value with whether it was written plain. */
typedef struct {
  char     *value;
  gboolean  plain;
} Scalar;

static void
scalar_clear (gpointer data)
{
  g_free (((Scalar *) data)->value);
}

static GArray *
libyaml_scalars (const char *doc)
{
  GArray *scalars = g_array_new (FALSE, TRUE, sizeof (Scalar));
  gsize start, len, body;
  yaml_parser_t parser;
  gboolean done = FALSE;

  g_array_set_clear_func (scalars, scalar_clear);
  g_assert_cmpint (topiary_front_matter_split (doc, strlen (doc), &start, &len, &body), ==,
                   TOPIARY_FRONT_MATTER_YAML);
  g_assert_true (yaml_parser_initialize (&parser));
  yaml_parser_set_input_string (&parser, (const unsigned char *) doc + start, len);
  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        g_error ("libyaml cannot read the front matter: %s (offset %zu)",
                 parser.problem, parser.problem_offset);
      if (event.type == YAML_SCALAR_EVENT)
        {
          Scalar s = {
            g_strndup ((const char *) event.data.scalar.value, event.data.scalar.length),
            event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
          };

          /* No NUL inside: the scalar is the whole C string. */
          g_assert_cmpuint (strlen (s.value), ==, event.data.scalar.length);
          g_array_append_val (scalars, s);
        }
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
  return scalars;
}

static Scalar *
next_scalar (GArray *scalars,
             guint  *at)
{
  g_assert_cmpuint (*at, <, scalars->len);
  return &g_array_index (scalars, Scalar, (*at)++);
}

static void
test_libyaml_reader (void)
{
  g_autoptr(GPtrArray) values = all_values ();
  g_autofree char *doc = write_document (values);
  g_autoptr(GArray) scalars = libyaml_scalars (doc);
  guint at = 0;
  Scalar *s;

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      s = next_scalar (scalars, &at);
      g_assert_cmpstr (s->value, ==, key);
      s = next_scalar (scalars, &at);
      g_assert_cmpstr (s->value, ==, g_ptr_array_index (values, i));
      /* Quoted: every YAML reader takes it for a string. */
      g_assert_false (s->plain);
    }
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "list");
  for (guint i = 0; i < values->len; i++)
    {
      s = next_scalar (scalars, &at);
      g_assert_cmpstr (s->value, ==, g_ptr_array_index (values, i));
      g_assert_false (s->plain);
    }
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "empty_list");
  for (guint i = 0; i < G_N_ELEMENTS (hostile_keys); i++)
    {
      s = next_scalar (scalars, &at);
      g_assert_cmpstr (s->value, ==, hostile_keys[i]);
      /* A key that a YAML 1.1 reader would take for true, null or a number
       * is quoted. */
      if (!g_str_equal (hostile_keys[i], "key-with-dash") && !g_str_equal (hostile_keys[i], "_under"))
        g_assert_false (s->plain);
      s = next_scalar (scalars, &at);
      g_assert_cmpstr (s->value, ==, hostile_keys[i]);
      g_assert_false (s->plain);
    }
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "weight");
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "-42");
  g_assert_true (s->plain);
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "draft");
  s = next_scalar (scalars, &at);
  g_assert_cmpstr (s->value, ==, "false");
  g_assert_true (s->plain);
}

/* What write_document() wrote, as JSON. */
static char *
expected_json (GPtrArray *values)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, g_ptr_array_index (values, i));
    }
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (values, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "empty_list");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_keys); i++)
    {
      json_builder_set_member_name (b, hostile_keys[i]);
      json_builder_add_string_value (b, hostile_keys[i]);
    }
  json_builder_set_member_name (b, "weight");
  json_builder_add_int_value (b, -42);
  json_builder_set_member_name (b, "draft");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("p%u", i);

      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, g_ptr_array_index (values, i));
    }
  json_builder_set_member_name (b, "empty");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Python's yaml.safe_load() resolves plain scalars by YAML 1.1, as Hugo's
 * reader does: the document must read back as exactly what was written. */
static void
test_pyyaml_reader (void)
{
  static const char check[] =
    "import json, sys, yaml\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "assert text.startswith('---\\n') and text.endswith('\\n---\\n')\n"
    "got = yaml.safe_load(text[4:-4])\n"
    "want = json.load(open(sys.argv[2], encoding='utf-8'), strict=False)\n"
    "if got != want:\n"
    "    for k in sorted(set(map(str, got)) | set(want)):\n"
    "        if got.get(k) != want.get(k):\n"
    "            print('%r: read %r, wrote %r' % (k, got.get(k), want.get(k))[:300])\n"
    "    sys.exit(1)\n";
  g_autoptr(GPtrArray) values = all_values ();
  g_autofree char *doc = write_document (values);
  g_autofree char *json = expected_json (values);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *yaml_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *probe[] = { "python3", "-c", "import yaml", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) probe, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("python3 with the yaml module is not installed");
      return;
    }

  dir = g_dir_make_tmp ("topiary-fm-XXXXXX", &error);
  g_assert_no_error (error);
  yaml_path = g_build_filename (dir, "fm.yaml", NULL);
  json_path = g_build_filename (dir, "fm.json", NULL);
  g_file_set_contents (yaml_path, doc, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (json_path, json, -1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "python3", "-c", check, yaml_path, json_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                  NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }
  g_unlink (yaml_path);
  g_unlink (json_path);
  g_rmdir (dir);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("PyYAML reads the front matter differently:\n%s%s", out, err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/frontmatter/write/own-reader", test_own_reader);
  g_test_add_func ("/core/frontmatter/write/libyaml-reader", test_libyaml_reader);
  g_test_add_func ("/core/frontmatter/write/pyyaml-reader", test_pyyaml_reader);

  return g_test_run ();
}
