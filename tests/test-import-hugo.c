/* test-import-hugo.c — front matter, and Hugo/Jekyll content folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-frontmatter.h"
#include "topiary-import.h"
#include "test-util.h"

/* ---- helpers ---- */

static void
write_file (const char *dir,
            const char *rel,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
}

static TopiaryProject *
new_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "map.topiary", NULL);
  TopiaryProject *project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return project;
}

static TopiaryArticle *
article (TopiaryProject *project,
         const char     *slug)
{
  TopiaryArticle *a = topiary_project_get_article_by_slug (project, slug, TRUE, NULL);

  if (a == NULL)
    g_error ("no article with the slug %s", slug);
  return a;
}

static TopiaryFrontMatter *
parse_doc (const char  *doc,
           gsize       *body,
           GError     **error)
{
  gsize start, len;
  TopiaryFrontMatterFormat format = topiary_front_matter_split (doc, strlen (doc), &start, &len, body);

  g_assert_cmpint (format, !=, TOPIARY_FRONT_MATTER_NONE);
  return topiary_front_matter_parse (format, doc + start, len, error);
}

/* ---- front matter ---- */

static void
test_split (void)
{
  gsize start, len, body;
  const char *crlf = "---\r\ntitle: x\r\n---\r\nBody\r\n";
  const char *bom = "\xef\xbb\xbf---\ntitle: y\n...\nrest";
  const char *toml = "+++\ntitle = \"z\"\n+++";

  g_assert_cmpint (topiary_front_matter_split (crlf, strlen (crlf), &start, &len, &body), ==, TOPIARY_FRONT_MATTER_YAML);
  g_assert_cmpmem (crlf + start, len, "title: x\r\n", 10);
  g_assert_cmpstr (crlf + body, ==, "Body\r\n");

  g_assert_cmpint (topiary_front_matter_split (bom, strlen (bom), &start, &len, &body), ==, TOPIARY_FRONT_MATTER_YAML);
  g_assert_cmpstr (bom + body, ==, "rest");

  /* A closing fence at the very end, no line break. */
  g_assert_cmpint (topiary_front_matter_split (toml, strlen (toml), &start, &len, &body), ==, TOPIARY_FRONT_MATTER_TOML);
  g_assert_cmpuint (body, ==, strlen (toml));

  /* Not front matter: unclosed, a rule in the text, a longer fence. */
  g_assert_cmpint (topiary_front_matter_split ("---\ntitle: x\n", 13, NULL, NULL, &body), ==, TOPIARY_FRONT_MATTER_NONE);
  g_assert_cmpuint (body, ==, 0);
  g_assert_cmpint (topiary_front_matter_split ("Text\n---\nx: 1\n---\n", 18, NULL, NULL, NULL), ==, TOPIARY_FRONT_MATTER_NONE);
  g_assert_cmpint (topiary_front_matter_split ("----\nx\n----\n", 12, NULL, NULL, NULL), ==, TOPIARY_FRONT_MATTER_NONE);
  g_assert_cmpint (topiary_front_matter_split ("---", 3, NULL, NULL, NULL), ==, TOPIARY_FRONT_MATTER_NONE);
  g_assert_cmpint (topiary_front_matter_split ("", 0, NULL, NULL, NULL), ==, TOPIARY_FRONT_MATTER_NONE);
}

static void
test_yaml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) one = NULL;
  g_auto(GStrv) keys = NULL;
  gsize body;
  gint64 n;
  gboolean b;
  const char *doc =
    "---\n"
    "title: \"Docker: the basics\"\n"
    "slug: docker-basics\n"
    "weight: 3\n"
    "draft: no\n"
    "date: 2024-03-01T10:00:00Z\n"
    "tags: [docker, \"containers, basics\"]\n"
    "keywords:\n  - docker tutorial\n  - learn docker\n"
    "summary: ~\n"
    "anchor: &a hello\n"
    "alias: *a\n"
    "params:\n  intent: how-to\n  priority: 2\n  nested:\n    deep: yes\n"
    "---\n";

  fm = parse_doc (doc, &body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "title"), ==, "Docker: the basics");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "date"), ==, "2024-03-01T10:00:00Z");
  g_assert_true (topiary_front_matter_get_int (fm, "weight", &n));
  g_assert_cmpint (n, ==, 3);
  g_assert_true (topiary_front_matter_get_bool (fm, "draft", &b));
  g_assert_false (b);
  g_assert_false (topiary_front_matter_get_int (fm, "title", &n));
  tags = topiary_front_matter_get_strv (fm, "tags");
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[1], ==, "containers, basics");
  one = topiary_front_matter_get_strv (fm, "slug");
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_true (topiary_front_matter_has (fm, "summary"));
  g_assert_null (topiary_front_matter_get_string (fm, "summary"));
  g_assert_null (topiary_front_matter_get_string (fm, "alias"));
  g_assert_null (topiary_front_matter_get_string (fm, "params"));
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.intent"), ==, "how-to");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.nested.deep"), ==, "yes");
  g_assert_null (topiary_front_matter_get_string (fm, "params.missing"));
  g_assert_null (topiary_front_matter_get_strv (fm, "missing"));
  keys = topiary_front_matter_get_keys (fm);
  g_assert_cmpstr (keys[0], ==, "title");
  g_assert_cmpstr (keys[g_strv_length (keys) - 1], ==, "params");
}

static void
test_yaml_invalid (void)
{
  static const char * const bad[] = {
    "title: [unclosed\n",
    "- a list\n- not a map\n",
    "just a string\n",
    "title: \"bad\n",
    "? [complex, key]\n: value\n",
    "a: 1\n b: 2\n  c: :\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TopiaryFrontMatter) fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, bad[i], strlen (bad[i]), &error);

      g_assert_null (fm);
      g_assert_error (error, TOPIARY_FRONT_MATTER_ERROR, TOPIARY_FRONT_MATTER_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) deep = g_string_new ("a: ");
    g_autoptr(TopiaryFrontMatter) fm = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append_c (deep, '[');
    fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, deep->str, deep->len, &error);
    g_assert_null (fm);
    g_assert_nonnull (error);
  }

  {
    /* Empty and comment-only blocks are empty front matter. */
    g_autoptr(GError) error = NULL;
    g_autoptr(TopiaryFrontMatter) fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, "# nothing\n", 10, &error);
    g_auto(GStrv) keys = NULL;

    g_assert_no_error (error);
    keys = topiary_front_matter_get_keys (fm);
    g_assert_cmpuint (g_strv_length (keys), ==, 0);
  }
}

static void
test_toml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_auto(GStrv) tags = NULL;
  gsize body;
  gint64 n;
  gboolean b;
  const char *doc =
    "+++\n"
    "title = \"Caf\\u00e9 \\\"guide\\\"\"  # a comment\n"
    "slug = 'literal\\path'\n"
    "weight = 7\n"
    "draft = true\n"
    "date = 2024-05-01\n"
    "tags = [\n  \"one\", # first\n  'two',\n]\n"
    "author = { name = \"Ana\", site = \"x.org\" }\n"
    "description = \"\"\"\nLine one\nline two\"\"\"\n"
    "[params]\n"
    "intent = \"comparison\"\n"
    "[params.seo]\n"
    "priority = 1\n"
    "[[menu.main]]\n"
    "name = \"Home\"\n"
    "+++\n"
    "Body";

  fm = parse_doc (doc, &body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc + body, ==, "Body");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "title"), ==, "Caf\xc3\xa9 \"guide\"");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "slug"), ==, "literal\\path");
  g_assert_true (topiary_front_matter_get_int (fm, "weight", &n));
  g_assert_cmpint (n, ==, 7);
  g_assert_true (topiary_front_matter_get_bool (fm, "draft", &b));
  g_assert_true (b);
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "date"), ==, "2024-05-01");
  tags = topiary_front_matter_get_strv (fm, "tags");
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[1], ==, "two");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "author.name"), ==, "Ana");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "description"), ==, "Line one\nline two");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.intent"), ==, "comparison");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.seo.priority"), ==, "1");
  g_assert_true (topiary_front_matter_has (fm, "menu.main"));

  {
    static const char * const bad[] = {
      "title = \"unclosed\n",
      "title = \n",
      "= 3\n",
      "a = 1 2\n",
      "[unclosed\n",
      "tags = [1, 2\n",
      "x = \"\\q\"\n",
      "a = 1\na.b = 2\n",
      "s = \"\\u0000\"\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(TopiaryFrontMatter) f = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_TOML, bad[i], strlen (bad[i]), &e);

        g_assert_null (f);
        g_assert_error (e, TOPIARY_FRONT_MATTER_ERROR, TOPIARY_FRONT_MATTER_ERROR_INVALID);
      }
  }
}

static void
test_writer (void)
{
  static const char * const nasty[] = {
    "plain", "", "true", "no", "1.0", "null", "~", "a: b", "- item", "# not a comment",
    "quote \" and backslash \\", "line\nbreak\r\n", "tab\there", "\x01\x1f\x7f control",
    "caf\xc3\xa9 \xe2\x80\xa8 sep \xc2\x85 nel \xef\xbb\xbf bom", "[not, a, list]", "{x: 1}",
    "'single'", "&anchor", "*alias", "%directive", "@at", "`tick`", "trailing space ",
    " leading", "emoji \xf0\x9f\x8c\xb2", "nonchars \xef\xbf\xbf \xef\xbf\xbe",
    NULL
  };
  /* The list is NULL-terminated for add_strv(); the strings are the rest. */
  const guint n_nasty = G_N_ELEMENTS (nasty) - 1;
  g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) list = NULL;
  gsize body;
  gint64 n;
  gboolean b;

  for (guint i = 0; i < n_nasty; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      topiary_front_matter_writer_add_string (w, key, nasty[i]);
    }
  topiary_front_matter_writer_add_string (w, "skipped", NULL);
  topiary_front_matter_writer_add_string (w, "odd key: yes", "v");
  topiary_front_matter_writer_add_int (w, "weight", -42);
  topiary_front_matter_writer_add_bool (w, "draft", TRUE);
  topiary_front_matter_writer_add_strv (w, "tags", nasty);
  topiary_front_matter_writer_add_strv (w, "none", NULL);
  topiary_front_matter_writer_begin_map (w, "params");
  topiary_front_matter_writer_add_string (w, "intent", "how-to");
  topiary_front_matter_writer_begin_map (w, "empty");
  topiary_front_matter_writer_end_map (w);
  out = topiary_front_matter_writer_to_string (w);

  g_assert_true (g_str_has_prefix (out, "---\n"));
  g_assert_true (g_str_has_suffix (out, "\n---\n"));
  g_assert_null (strstr (out, "skipped"));

  fm = parse_doc (out, &body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (body, ==, strlen (out));
  for (guint i = 0; i < n_nasty; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_cmpstr (topiary_front_matter_get_string (fm, key), ==, nasty[i]);
    }
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "odd key: yes"), ==, "v");
  g_assert_true (topiary_front_matter_get_int (fm, "weight", &n));
  g_assert_cmpint (n, ==, -42);
  g_assert_true (topiary_front_matter_get_bool (fm, "draft", &b));
  g_assert_true (b);
  list = topiary_front_matter_get_strv (fm, "tags");
  g_assert_cmpuint (g_strv_length (list), ==, n_nasty);
  for (guint i = 0; i < n_nasty; i++)
    g_assert_cmpstr (list[i], ==, nasty[i]);
  g_clear_pointer (&list, g_strfreev);
  list = topiary_front_matter_get_strv (fm, "none");
  g_assert_cmpuint (g_strv_length (list), ==, 0);
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.intent"), ==, "how-to");
  g_assert_true (topiary_front_matter_has (fm, "params.empty"));

  {
    g_autofree char *q = topiary_yaml_quote ("a\"b");
    g_assert_cmpstr (q, ==, "\"a\\\"b\"");
  }
}

static void
test_writer_random (void)
{
  GRand *rand = g_rand_new_with_seed (1234);

  /* Any valid UTF-8 string survives a write and a read. */
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
      g_autoptr(TopiaryFrontMatter) fm = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      gsize body;
      guint len = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < len; i++)
        {
          gunichar c;
          do
            c = g_rand_boolean (rand) ? (gunichar) g_rand_int_range (rand, 1, 128)
                                      : (gunichar) g_rand_int_range (rand, 128, 0x30000);
          while (!g_unichar_validate (c));
          g_string_append_unichar (s, c);
        }
      topiary_front_matter_writer_add_string (w, "v", s->str);
      out = topiary_front_matter_writer_to_string (w);
      fm = parse_doc (out, &body, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (topiary_front_matter_get_string (fm, "v"), ==, s->str);
    }
  g_rand_free (rand);
}

static void
test_vocabulary (void)
{
  TopiaryStatus status;
  TopiaryKind kind;
  gboolean b;
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) c = NULL;

  g_assert_cmpint (topiary_field_from_label ("Article Title"), ==, TOPIARY_FIELD_TITLE);
  g_assert_cmpint (topiary_field_from_label ("H1"), ==, TOPIARY_FIELD_TITLE);
  g_assert_cmpint (topiary_field_from_label ("Focus Keyword"), ==, TOPIARY_FIELD_PRIMARY_QUERY);
  g_assert_cmpint (topiary_field_from_label ("Primary keyword:"), ==, TOPIARY_FIELD_PRIMARY_QUERY);
  g_assert_cmpint (topiary_field_from_label ("Secondary Keywords"), ==, TOPIARY_FIELD_QUERIES);
  g_assert_cmpint (topiary_field_from_label ("Cluster"), ==, TOPIARY_FIELD_GROUP);
  g_assert_cmpint (topiary_field_from_label ("Pillar?"), ==, TOPIARY_FIELD_PILLAR);
  g_assert_cmpint (topiary_field_from_label ("Type"), ==, TOPIARY_FIELD_KIND);
  g_assert_cmpint (topiary_field_from_label ("Search Intent"), ==, TOPIARY_FIELD_INTENT);
  g_assert_cmpint (topiary_field_from_label ("Word Count"), ==, TOPIARY_FIELD_WORDS);
  g_assert_cmpint (topiary_field_from_label ("URL"), ==, TOPIARY_FIELD_SLUG);
  g_assert_cmpint (topiary_field_from_label ("#"), ==, TOPIARY_FIELD_ORDER);
  g_assert_cmpint (topiary_field_from_label ("Search Volume"), ==, TOPIARY_FIELD_UNKNOWN);
  g_assert_cmpint (topiary_field_from_label (""), ==, TOPIARY_FIELD_UNKNOWN);

  g_assert_cmpint (topiary_value_parse_priority ("P2"), ==, 2);
  g_assert_cmpint (topiary_value_parse_priority ("priority 4"), ==, 4);
  g_assert_cmpint (topiary_value_parse_priority ("High"), ==, 1);
  g_assert_cmpint (topiary_value_parse_priority ("low"), ==, 5);
  g_assert_cmpint (topiary_value_parse_priority ("12"), ==, 5);
  g_assert_cmpint (topiary_value_parse_priority ("soon"), ==, 0);
  g_assert_cmpint (topiary_value_parse_priority ("0"), ==, 0);

  g_assert_true (topiary_value_parse_status ("Done", &status));
  g_assert_cmpint (status, ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_true (topiary_value_parse_status ("in progress", &status));
  g_assert_cmpint (status, ==, TOPIARY_STATUS_DRAFTING);
  g_assert_true (topiary_value_parse_status ("To-do", &status));
  g_assert_cmpint (status, ==, TOPIARY_STATUS_PLANNED);
  g_assert_false (topiary_value_parse_status ("banana", &status));

  g_assert_true (topiary_value_parse_kind ("Pillar page", &kind));
  g_assert_cmpint (kind, ==, TOPIARY_KIND_PILLAR);
  g_assert_true (topiary_value_parse_kind ("supporting", &kind));
  g_assert_cmpint (kind, ==, TOPIARY_KIND_CLUSTER);
  g_assert_false (topiary_value_parse_kind ("guide", &kind));

  g_assert_true (topiary_value_parse_bool ("Yes", &b) && b);
  g_assert_true (topiary_value_parse_bool ("x", &b) && b);
  g_assert_true (topiary_value_parse_bool ("FALSE", &b) && !b);
  g_assert_false (topiary_value_parse_bool ("maybe", &b));

  g_assert_cmpint (topiary_value_parse_words ("1,500 words"), ==, 1500);
  g_assert_cmpint (topiary_value_parse_words ("~2k"), ==, 2000);
  g_assert_cmpint (topiary_value_parse_words ("none"), ==, 0);
  g_assert_cmpint (topiary_value_parse_words ("99999999999"), ==, 0);

  a = topiary_value_split_list (" a, b ,, c ");
  g_assert_cmpuint (g_strv_length (a), ==, 3);
  g_assert_cmpstr (a[2], ==, "c");
  c = topiary_value_split_list ("x, y; z\nw");
  g_assert_cmpuint (g_strv_length (c), ==, 3);
  g_assert_cmpstr (c[0], ==, "x, y");

  {
    g_autofree char *s1 = topiary_value_slug_from_path ("/apps/actual-budget/");
    g_autofree char *s2 = topiary_value_slug_from_path ("https://example.org/a/B_c.html?x=1#top");
    g_autofree char *s3 = topiary_value_slug_from_path ("https://example.org/");
    g_autofree char *s4 = topiary_value_slug_from_path ("///");
    g_autofree char *h = topiary_value_humanize ("self-hosting_tips");

    g_assert_cmpstr (s1, ==, "actual-budget");
    g_assert_cmpstr (s2, ==, "b-c");
    g_assert_null (s3);
    g_assert_null (s4);
    g_assert_cmpstr (h, ==, "Self hosting tips");
  }
}

/* What survives an export and an import: everything but ids and times. */
static void
assert_same_plan (TopiaryProject *a,
                  TopiaryProject *b,
                  gboolean        bodies)
{
  g_autoptr(GListModel) la = topiary_project_list_articles (a, NULL);
  g_autoptr(GListModel) lb = topiary_project_list_articles (b, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(TopiaryArticle) x = g_list_model_get_item (la, i);
      g_autoptr(TopiaryArticle) y = g_list_model_get_item (lb, i);
      g_autoptr(TopiaryArticle) xb = topiary_project_get_article (a, topiary_article_get_id (x), TRUE, NULL);
      g_autoptr(TopiaryArticle) yb = topiary_project_get_article (b, topiary_article_get_id (y), TRUE, NULL);
      g_autoptr(TopiaryGroup) gx = topiary_project_get_group (a, topiary_article_get_group_id (x), NULL);
      g_autoptr(TopiaryGroup) gy = topiary_project_get_group (b, topiary_article_get_group_id (y), NULL);

      /* Same writing order, same fields. */
      g_assert_cmpstr (topiary_article_get_slug (x), ==, topiary_article_get_slug (y));
      g_assert_cmpstr (topiary_article_get_title (x), ==, topiary_article_get_title (y));
      g_assert_cmpstr (topiary_article_get_summary (x), ==, topiary_article_get_summary (y));
      g_assert_cmpstr (topiary_article_get_intent (x), ==, topiary_article_get_intent (y));
      g_assert_cmpint (topiary_article_get_kind (x), ==, topiary_article_get_kind (y));
      g_assert_cmpint (topiary_article_get_status (x), ==, topiary_article_get_status (y));
      g_assert_cmpint (topiary_article_get_priority (x), ==, topiary_article_get_priority (y));
      g_assert_cmpuint (topiary_article_get_n_queries (x), ==, topiary_article_get_n_queries (y));
      for (guint q = 0; q < topiary_article_get_n_queries (x); q++)
        g_assert_cmpstr (topiary_article_get_queries (x)[q], ==, topiary_article_get_queries (y)[q]);
      g_assert_cmpint (topiary_article_get_primary_query (x), ==, topiary_article_get_primary_query (y));
      g_assert_cmpstr (gx ? topiary_group_get_title (gx) : NULL, ==, gy ? topiary_group_get_title (gy) : NULL);
      if (bodies)
        {
          const char *bx = topiary_article_get_body (xb);
          const char *by = topiary_article_get_body (yb);

          /* The export writes the body right after the front matter and
           * the import keeps what follows it byte for byte. */
          g_assert_cmpstr (bx, ==, by);
        }
      if (topiary_article_get_parent_id (x) != 0)
        {
          g_autoptr(TopiaryArticle) px = topiary_project_get_article (a, topiary_article_get_parent_id (x), FALSE, NULL);
          g_autoptr(TopiaryArticle) py = topiary_project_get_article (b, topiary_article_get_parent_id (y), FALSE, NULL);
          g_assert_nonnull (py);
          g_assert_cmpstr (topiary_article_get_slug (px), ==, topiary_article_get_slug (py));
        }
      else
        g_assert_cmpint (topiary_article_get_parent_id (y), ==, 0);
    }
}

/* ---- the generated corpus ---- */

typedef struct {
  guint calls;
  guint last_done;
  guint total;
  gboolean monotonic;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  if (done < p->last_done || done > total)
    p->monotonic = FALSE;
  p->calls++;
  p->last_done = done;
  p->total = total;
}

static void
test_corpus (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-hugo-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "site", NULL);
  g_autofree char *content = g_build_filename (out, "content", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autofree char *title = NULL;
  Progress progress = { 0, 0, 0, TRUE };
  const char *shared = g_getenv ("TOPIARY_SHARED_DIR");
  int status = 0;
  gint64 last_group_weight = -1, last_weight = -1;

  script = g_build_filename (shared ? shared : "../shared", "bench", "gen_corpus.py", NULL);
  if (python == NULL || !g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("python3 or gen_corpus.py is missing");
      test_remove_tree (dir);
      return;
    }
  {
    const char *argv[] = { python, script, out, "--articles", "40", "--words", "300", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }

  project = new_project (dir);
  /* The site root is accepted: its content/ folder is read. */
  g_assert_true (topiary_import (project, out, TOPIARY_IMPORT_AUTO, report, on_progress, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 5);
  g_assert_cmpuint (report->articles, ==, 40);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 40);
  g_assert_true (progress.monotonic);
  g_assert_cmpuint (progress.calls, >=, 40);
  g_assert_cmpuint (progress.last_done, ==, progress.total);

  title = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (title, ==, "Benchmark Topical Map");

  groups = topiary_project_list_groups (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TopiaryGroup) g = g_list_model_get_item (groups, i);
      g_autofree char *slug = g_strdup_printf ("group-%03u", i);

      /* Groups in weight order, named by their folders. */
      g_assert_cmpstr (topiary_group_get_slug (g), ==, slug);
      g_assert_true (g_str_has_prefix (topiary_group_get_title (g), "Group "));
      g_assert_cmpstr (topiary_group_get_description (g), !=, "");
    }

  /* Every article against its file: body byte for byte, queries, kind,
   * parent, and the writing order. */
  articles = topiary_project_list_articles (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(TopiaryArticle) listed = g_list_model_get_item (articles, i);
      g_autoptr(TopiaryArticle) a = article (project, topiary_article_get_slug (listed));
      g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, topiary_article_get_group_id (a), &error);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(TopiaryFrontMatter) fm = NULL;
      g_auto(GStrv) queries = NULL;
      gsize length, body;
      gint64 weight, group_weight;

      g_assert_no_error (error);
      name = g_strconcat (topiary_article_get_slug (a), ".md", NULL);
      path = g_build_filename (content, topiary_group_get_slug (group), name, NULL);
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      fm = parse_doc (text, &body, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (topiary_article_get_body (a), ==, text + body);
      g_assert_cmpstr (topiary_article_get_title (a), ==, topiary_front_matter_get_string (fm, "title"));
      g_assert_cmpstr (topiary_article_get_summary (a), ==, topiary_front_matter_get_string (fm, "description"));
      g_assert_cmpstr (topiary_article_get_intent (a), ==, topiary_intent_normalize (topiary_front_matter_get_string (fm, "intent")));
      g_assert_cmpstr (topiary_kind_to_string (topiary_article_get_kind (a)), ==, topiary_front_matter_get_string (fm, "kind"));
      g_assert_cmpstr (topiary_status_to_string (topiary_article_get_status (a)), ==, topiary_front_matter_get_string (fm, "status"));
      g_assert_cmpint (topiary_article_get_priority (a), ==, atoi (topiary_front_matter_get_string (fm, "priority")));

      queries = topiary_front_matter_get_strv (fm, "queries");
      g_assert_cmpuint (topiary_article_get_n_queries (a), ==, g_strv_length (queries));
      for (guint q = 0; queries[q]; q++)
        g_assert_cmpstr (topiary_article_get_queries (a)[q], ==, queries[q]);
      g_assert_cmpint (topiary_article_get_primary_query (a), ==, 0);

      if (topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR)
        g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
      else
        {
          g_autoptr(TopiaryArticle) parent = topiary_project_get_article (project, topiary_article_get_parent_id (a), FALSE, &error);
          g_assert_no_error (error);
          g_assert_cmpint (topiary_article_get_kind (parent), ==, TOPIARY_KIND_PILLAR);
          g_assert_cmpint (topiary_article_get_group_id (parent), ==, topiary_article_get_group_id (a));
        }

      /* Group folders sort by weight (= their number here), then weight. */
      g_assert_true (topiary_front_matter_get_int (fm, "weight", &weight));
      group_weight = g_ascii_strtoll (topiary_group_get_slug (group) + strlen ("group-"), NULL, 10);
      g_assert_true (group_weight > last_group_weight ||
                     (group_weight == last_group_weight && weight > last_weight));
      last_group_weight = group_weight;
      last_weight = weight;
    }

  /* A second import overwrites the same articles. */
  {
    g_autoptr(TopiaryImportReport) again = topiary_import_report_new ();

    g_assert_true (topiary_import (project, content, TOPIARY_IMPORT_HUGO, again, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (again->articles, ==, 0);
    g_assert_cmpuint (again->updated, ==, 40);
    g_assert_cmpuint (again->groups, ==, 0);
    g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 40);
  }

  /* Round trip: the Hugo export of the project imports back the same. */
  {
    g_autofree char *export_dir = g_build_filename (dir, "export", NULL);
    g_autofree char *export_content = g_build_filename (export_dir, "content", NULL);
    g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
    g_autoptr(TopiaryProject) other = NULL;
    g_autoptr(TopiaryImportReport) back = topiary_import_report_new ();
    TopiaryExportOptions options = { TOPIARY_EXPORT_HUGO, TRUE, FALSE, FALSE, NULL, NULL, NULL };

    g_assert_true (topiary_export (project, export_dir, &options, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir (other_dir, 0755), ==, 0);
    other = new_project (other_dir);
    g_assert_true (topiary_import (other, export_dir, TOPIARY_IMPORT_AUTO, back, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (export_content, G_FILE_TEST_IS_DIR));
    g_assert_cmpuint (back->articles, ==, 40);
    g_assert_cmpuint (back->groups, ==, 5);
    assert_same_plan (project, other, TRUE);
  }

  g_clear_object (&project);
  test_remove_tree (dir);
}

/* ---- hand-made folders ---- */

static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-hugo-XXXXXX", NULL);
  g_autofree char *content = g_build_filename (dir, "content", NULL);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) pillar = NULL;
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *firefly = NULL;
  g_autofree char *broken = NULL;
  const char *crlf_body = "\r\nLine one\r\n\r\n---\r\n\r\nAfter a rule.\r\n";
  const char *broken_body = "\nStill imported.\n";

  write_file (content, "_index.md", "---\ntitle: Self-hosting\ndescription: Run it yourself\n---\n", -1);
  write_file (content, "photos/_index.md", "+++\ntitle = \"Photos\"\nweight = 2\n+++\n", -1);
  write_file (content, "finance/_index.md", "---\ntitle: Finance\nweight: 1\n---\n", -1);
  /* A pillar with a higher weight than its cluster: written later, still
   * its parent. */
  write_file (content, "finance/actual-budget.md",
              "---\ntitle: Actual Budget guide\nweight: 5\nparams:\n  kind: pillar\n  intent: commercial\n"
              "keywords: \"actual budget, actual budget docker\"\n---\nPillar body\n", -1);
  firefly = g_strconcat ("---\r\ntitle: Firefly III\r\nweight: 1\r\ndraft: true\r\ntags: [firefly, budgeting]\r\n---\r\n",
                         crlf_body, NULL);
  write_file (content, "finance/firefly.md", firefly, -1);
  broken = g_strconcat ("---\ntitle: [oops\n---\n", broken_body, NULL);
  write_file (content, "finance/broken.md", broken, -1);
  write_file (content, "photos/immich/index.md",
              "+++\ntitle = \"Immich\"\nslug = \"immich-guide\"\ndescription = \"Photos at home\"\n+++\nBundle body\n", -1);
  write_file (content, "photos/immich/notes.md", "resource, not an article\n", -1);
  write_file (content, "photos/no-front-matter.md", "# Just text\n", -1);
  write_file (content, "photos/empty-plan.md", "---\ntitle: Planned only\n---\n", -1);
  write_file (content, "about.md", "---\ntitle: About\n---\nAbout us\n", -1);
  write_file (content, "photos/image.png", "\x89PNG", 4);
  write_file (content, ".hidden/secret.md", "---\ntitle: Hidden\n---\n", -1);

  project = new_project (dir);
  g_assert_true (topiary_import (project, content, TOPIARY_IMPORT_HUGO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 2);
  g_assert_cmpuint (report->articles, ==, 7);
  /* Only the broken front matter is worth a warning. */
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->warnings, 0), "finance/broken.md"));

  desc = topiary_project_get_map_field (project, "description");
  g_assert_cmpstr (desc, ==, "Run it yourself");

  groups = topiary_project_list_groups (project, NULL);
  {
    g_autoptr(TopiaryGroup) first = g_list_model_get_item (groups, 0);
    g_assert_cmpstr (topiary_group_get_title (first), ==, "Finance");
    g_assert_cmpstr (topiary_group_get_slug (first), ==, "finance");
  }

  pillar = article (project, "actual-budget");
  g_assert_cmpint (topiary_article_get_kind (pillar), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpstr (topiary_article_get_intent (pillar), ==, "commercial");
  g_assert_cmpuint (topiary_article_get_n_queries (pillar), ==, 2);
  g_assert_cmpstr (topiary_article_get_queries (pillar)[1], ==, "actual budget docker");
  g_assert_cmpint (topiary_article_get_status (pillar), ==, TOPIARY_STATUS_PUBLISHED);

  a = article (project, "firefly");
  g_assert_cmpstr (topiary_article_get_body (a), ==, crlf_body);
  g_assert_cmpint (topiary_article_get_status (a), ==, TOPIARY_STATUS_DRAFTING);
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, topiary_article_get_id (pillar));
  g_assert_cmpstr (topiary_article_get_queries (a)[0], ==, "firefly");
  g_clear_object (&a);

  a = article (project, "broken");
  g_assert_cmpstr (topiary_article_get_title (a), ==, "Broken");
  g_assert_cmpstr (topiary_article_get_body (a), ==, broken_body);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, topiary_article_get_id (pillar));
  g_clear_object (&a);

  a = article (project, "immich-guide");
  g_assert_cmpstr (topiary_article_get_body (a), ==, "Bundle body\n");
  g_assert_cmpstr (topiary_article_get_summary (a), ==, "Photos at home");
  /* No pillar marked in photos/: the first by path leads. */
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
  g_clear_object (&a);

  a = article (project, "no-front-matter");
  g_assert_cmpstr (topiary_article_get_body (a), ==, "# Just text\n");
  g_assert_cmpstr (topiary_article_get_title (a), ==, "No front matter");
  g_clear_object (&a);

  a = article (project, "empty-plan");
  g_assert_cmpint (topiary_article_get_status (a), ==, TOPIARY_STATUS_PLANNED);
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_PILLAR);
  {
    g_autoptr(TopiaryArticle) bundle = article (project, "immich-guide");
    g_assert_cmpint (topiary_article_get_parent_id (bundle), ==, topiary_article_get_id (a));
  }
  g_clear_object (&a);

  /* A page at the root belongs to no group; hidden folders and other files
   * are not read. */
  a = article (project, "about");
  g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
  g_clear_object (&a);
  g_assert_null (topiary_project_get_article_by_slug (project, "secret", FALSE, NULL));
  g_assert_null (topiary_project_get_article_by_slug (project, "notes", FALSE, NULL));

  /* Writing order: finance (weight 1) by weight, photos, then the idea. */
  articles = topiary_project_list_articles (project, NULL);
  {
    static const char * const order[] = { "firefly", "actual-budget", "broken", "empty-plan",
                                          "immich-guide", "no-front-matter", "about" };
    g_assert_cmpuint (g_list_model_get_n_items (articles), ==, G_N_ELEMENTS (order));
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_autoptr(TopiaryArticle) item = g_list_model_get_item (articles, i);
        g_assert_cmpstr (topiary_article_get_slug (item), ==, order[i]);
      }
  }

  g_clear_object (&project);
  test_remove_tree (dir);
}

static void
test_jekyll (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-jekyll-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(TopiaryArticle) b = NULL;
  g_autoptr(TopiaryGroup) group = NULL;

  write_file (site, "_config.yml", "title: Blog\n", -1);
  write_file (site, "README.md", "# Repo readme\n", -1);
  write_file (site, "_layouts/post.md", "---\n---\nlayout\n", -1);
  write_file (site, "_posts/2024-01-02-first-steps.md",
              "---\nlayout: post\ntitle: First steps\ncategories: docker basics\n---\nHello\n", -1);
  write_file (site, "_posts/2024-02-03-second.markdown",
              "---\ntitle: Second\ncategories: [docker]\n---\nWorld\n", -1);
  write_file (site, "_drafts/unfinished.md", "---\ntitle: Unfinished\n---\nWIP\n", -1);
  write_file (site, "about.md", "---\ntitle: About me\n---\nHi\n", -1);

  project = new_project (dir);
  g_assert_true (topiary_import (project, site, TOPIARY_IMPORT_HUGO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->articles, ==, 4);

  a = article (project, "first-steps");
  g_assert_cmpint (topiary_article_get_status (a), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpint (topiary_article_get_published (a), ==, 1704153600);
  b = article (project, "second");
  g_assert_cmpint (topiary_article_get_group_id (a), ==, topiary_article_get_group_id (b));
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_parent_id (b), ==, topiary_article_get_id (a));
  group = topiary_project_get_group (project, topiary_article_get_group_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_group_get_title (group), ==, "Docker");
  g_clear_object (&a);

  a = article (project, "unfinished");
  g_assert_cmpint (topiary_article_get_status (a), ==, TOPIARY_STATUS_DRAFTING);

  g_assert_null (topiary_project_get_article_by_slug (project, "repo-readme", FALSE, NULL));
  g_assert_null (topiary_project_get_article_by_slug (project, "post", FALSE, NULL));
  g_clear_object (&a);
  a = article (project, "about");
  g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);

  g_clear_object (&project);
  test_remove_tree (dir);
}

/* A Hugo site root whose content is not in content/: the config file tells
 * it is a site, so its layouts and README are not read as articles. */
static void
test_site_root (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-hugo-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;

  write_file (site, "hugo.toml", "title = \"x\"\n", -1);
  write_file (site, "README.md", "# Readme\n", -1);
  write_file (site, "themes/t/README.md", "# Theme readme\n", -1);
  write_file (site, "layouts/partials/help.md", "# Partial\n", -1);
  write_file (site, "guides/_index.md", "---\ntitle: Guides\n---\n", -1);
  write_file (site, "guides/first.md", "---\ntitle: First guide\n---\nText\n", -1);

  project = new_project (dir);
  g_assert_true (topiary_import (project, site, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->articles, ==, 1);
  g_assert_cmpuint (report->groups, ==, 1);
  {
    g_autoptr(TopiaryGroup) guides = topiary_project_find_group (project, "Guides", NULL);
    g_assert_nonnull (guides);
  }

  g_clear_object (&project);
  test_remove_tree (dir);
}

static void
test_empty_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-hugo-XXXXXX", NULL);
  g_autofree char *content = g_build_filename (dir, "content", NULL);
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;

  write_file (content, "static/logo.svg", "<svg/>", -1);
  project = new_project (dir);
  g_assert_false (topiary_import (project, content, TOPIARY_IMPORT_HUGO, NULL, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, 0);

  g_clear_object (&project);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/frontmatter/split", test_split);
  g_test_add_func ("/core/frontmatter/yaml", test_yaml);
  g_test_add_func ("/core/frontmatter/yaml-invalid", test_yaml_invalid);
  g_test_add_func ("/core/frontmatter/toml", test_toml);
  g_test_add_func ("/core/frontmatter/writer", test_writer);
  g_test_add_func ("/core/frontmatter/writer-random", test_writer_random);
  g_test_add_func ("/core/frontmatter/vocabulary", test_vocabulary);
  g_test_add_func ("/core/import/hugo/corpus", test_corpus);
  g_test_add_func ("/core/import/hugo/folder", test_folder);
  g_test_add_func ("/core/import/hugo/jekyll", test_jekyll);
  g_test_add_func ("/core/import/hugo/site-root", test_site_root);
  g_test_add_func ("/core/import/hugo/empty", test_empty_folder);

  return g_test_run ();
}
