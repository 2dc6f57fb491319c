/* test-reliability-output.c — base URLs and CSV cells (issue 9, 16 and 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-import.h"
#include "topiary-project.h"
#include "topiary-url.h"
#include "test-util.h"

static void
test_base_url (void)
{
  static const struct {
    const char *in;
    const char *out;   /* NULL: refused */
  } cases[] = {
    { "https://example.org", "https://example.org/" },
    { "  https://example.org/blog  ", "https://example.org/blog/" },
    { "HTTPS://X.COM", "https://x.com/" },
    { "Http://Example.ORG/Path", "http://example.org/Path/" },
    { "http://[::1]:8080/a/", "http://[::1]:8080/a/" },
    { "https://bücher.example/", "https://xn--bcher-kva.example/" },
    { "https://example.org/a%20b", "https://example.org/a%20b/" },
    { "https://", NULL },
    { "https:///path", NULL },
    { "https:example.org", NULL },
    { "http://[::1", NULL },
    { "https://example.org/#top", NULL },
    { "https://example.org/?q=1", NULL },
    { "https://user:pw@example.org/", NULL },
    { "https://example.org:99999/", NULL },
    { "https://a%22b.org/", NULL },
    { "ftp://example.org/", NULL },
    { "javascript:alert(1)", NULL },
    { "example.org", NULL },
    { "https://example.org/\nDisallow: /", NULL },
    { "https://example.org/a b", NULL },
    { "https://example.org/\"><script>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = topiary_base_url_normalize (cases[i].in, &error);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (out == NULL)
        {
          g_assert_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID);
          /* One sentence that quotes what was given. */
          g_assert_true (g_str_has_suffix (error->message, "."));
          g_assert_nonnull (strstr (error->message, "“"));
        }
      else
        g_assert_no_error (error);
    }
}

typedef TestProjectFixture Fixture;

static void
add_article (TopiaryProject *project,
             const char     *title,
             const char     *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_published (a, 1700000000);
  if (query != NULL)
    {
      topiary_article_add_query (a, query);
      topiary_article_set_primary_query (a, 0);
    }
  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_no_error (error);
}

static void
test_base_url_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autofree char *sitemap = g_build_filename (dir, "sitemap.xml", NULL);
  g_autofree char *xml = NULL;
  TopiaryExportOptions opts = { 0 };

  add_article (f->project, "Hello", NULL);
  opts.format = TOPIARY_EXPORT_SITE;

  opts.base_url = "https://";
  g_assert_false (topiary_export (f->project, dir, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The base URL “https://” has no host name.");
  g_clear_error (&error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* The map's own field goes through the same check. */
  opts.base_url = NULL;
  g_assert_true (topiary_project_set_map_field (f->project, "base_url", "https://x.com/#top", NULL));
  g_assert_false (topiary_export (f->project, dir, &opts, NULL, NULL, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED);
  g_clear_error (&error);

  opts.base_url = "HTTPS://X.COM";
  g_assert_true (topiary_export (f->project, dir, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sitemap, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<loc>https://x.com/hello/</loc>"));
}

/* Titles a spreadsheet would run, or that a careless CSV reader would cut. */
static const char * const hostile_titles[] = {
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "+1+2",
  "-2+3",
  "@SUM(A1:A2)",
  "\tTabbed start",
  "\rCarriage start",
  "'=already quoted",
  "''+two quotes",
  "'plain quote",
  "Line one\nline two",
  "Tab\tinside",
  "Comma, \"quotes\" and ; semicolon",
  "Ordinary title",
};

static void
test_csv_cells (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "plan.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  TopiaryExportOptions opts = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (hostile_titles); i++)
    add_article (f->project, hostile_titles[i], i == 0 ? "-minus query" : NULL);

  opts.format = TOPIARY_EXPORT_CSV;
  g_assert_true (topiary_export (f->project, csv, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));

  /* No cell starts with a formula character, quoted or not. */
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean cell_start = p == text || p[-1] == ',' || p[-1] == '\n' ||
                            (p[-1] == '"' && (p - 1 == text || p[-2] == ',' || p[-2] == '\n'));

      if (cell_start && strchr ("=+-@", *p) != NULL)
        g_error ("a cell starts with “%c” at offset %d", *p, (int) (p - text));
    }
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK("));
  g_assert_nonnull (strstr (text, ",'+1+2,"));
  g_assert_nonnull (strstr (text, ",'-2+3,"));
  g_assert_nonnull (strstr (text, ",'@SUM(A1:A2),"));
  g_assert_nonnull (strstr (text, ",\"'\tTabbed start\","));
  g_assert_nonnull (strstr (text, ",\"'\rCarriage start\","));
  g_assert_nonnull (strstr (text, ",''=already quoted,"));
  g_assert_nonnull (strstr (text, ",'plain quote,"));
  g_assert_nonnull (strstr (text, ",'-minus query,"));
}

/* Export to CSV, import that CSV into a new project: the same titles. */
static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "plan.csv", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.topiary", NULL);
  g_autoptr(TopiaryProject) copy = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TopiaryExportOptions opts = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (hostile_titles); i++)
    add_article (f->project, hostile_titles[i], NULL);

  opts.format = TOPIARY_EXPORT_CSV;
  g_assert_true (topiary_export (f->project, csv, &opts, NULL, NULL, &error));
  g_assert_no_error (error);

  copy = topiary_project_open (copy_path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_import (copy, csv, TOPIARY_IMPORT_CSV, report, NULL, NULL, &error));
  g_assert_no_error (error);

  articles = topiary_project_list_articles (copy, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, G_N_ELEMENTS (hostile_titles));
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

      g_hash_table_add (titles, g_strdup (topiary_article_get_title (a)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (hostile_titles); i++)
    {
      g_autofree char *want = g_strstrip (g_strdup (hostile_titles[i]));

      if (!g_hash_table_contains (titles, want))
        g_error ("“%s” did not come back from the CSV", g_strescape (want, NULL));
    }
  topiary_project_close (copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/output/base-url", test_base_url);
  g_test_add ("/core/output/base-url-export", Fixture, NULL,
              test_project_fixture_setup, test_base_url_export, test_project_fixture_teardown);
  g_test_add ("/core/output/csv-formula-cells", Fixture, NULL,
              test_project_fixture_setup, test_csv_cells, test_project_fixture_teardown);
  g_test_add ("/core/output/csv-round-trip", Fixture, NULL,
              test_project_fixture_setup, test_csv_round_trip, test_project_fixture_teardown);

  return g_test_run ();
}
