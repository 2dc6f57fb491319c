/* test-import-csv.c — content plans kept as spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-import-private.h"
#include "topiary-import.h"

typedef struct {
  char           *dir;
  TopiaryProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("topiary-csv-XXXXXX", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->project);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static TopiaryImportReport *
import_text (Fixture    *f,
             const char *text,
             gssize      length,
             GError    **error)
{
  g_autofree char *path = g_build_filename (f->dir, "plan.csv", NULL);
  TopiaryImportReport *report = topiary_import_report_new ();

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  if (!topiary_import (f->project, path, TOPIARY_IMPORT_CSV, report, NULL, NULL, error))
    g_clear_pointer (&report, topiary_import_report_free);
  return report;
}

static TopiaryArticle *
get (Fixture    *f,
     const char *slug)
{
  TopiaryArticle *a = topiary_project_get_article_by_slug (f->project, slug, FALSE, NULL);

  if (a == NULL)
    g_error ("no article with the slug %s", slug);
  return a;
}

static void
assert_queries (TopiaryArticle *a,
                ...)
{
  va_list args;
  const char *q;
  guint n = 0;

  va_start (args, a);
  while ((q = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (n, <, topiary_article_get_n_queries (a));
      g_assert_cmpstr (topiary_article_get_queries (a)[n], ==, q);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (topiary_article_get_n_queries (a), ==, n);
  g_assert_cmpint (topiary_article_get_primary_query (a), ==, n > 0 ? 0 : -1);
}

static TopiaryNote *
find_note (Fixture    *f,
           const char *title)
{
  g_autoptr(GListModel) notes = topiary_project_list_notes (f->project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      TopiaryNote *note = g_list_model_get_item (notes, i);
      if (g_strcmp0 (topiary_note_get_title (note), title) == 0)
        return note;
      g_object_unref (note);
    }
  return NULL;
}

static void
test_seo_plan (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = data_path ("csv-seo-plan.csv");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) guide = NULL;
  g_autoptr(TopiaryArticle) podman = NULL;
  g_autoptr(TopiaryArticle) dockerfile = NULL;
  g_autoptr(TopiaryArticle) k8s = NULL;
  g_autoptr(TopiaryArticle) helm = NULL;
  g_autoptr(TopiaryArticle) k3s = NULL;
  g_autoptr(TopiaryNote) volume = NULL;
  g_autoptr(TopiaryNote) writer = NULL;

  g_assert_cmpint (topiary_import_detect (path, NULL), ==, TOPIARY_IMPORT_CSV);
  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 2);
  g_assert_cmpuint (report->articles, ==, 6);
  g_assert_cmpuint (report->notes, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  guide = get (f, "docker-for-beginners");
  g_assert_cmpstr (topiary_article_get_title (guide), ==, "Docker for beginners: the complete guide");
  g_assert_cmpint (topiary_article_get_kind (guide), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (guide), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_intent (guide), ==, "informational");
  g_assert_cmpint (topiary_article_get_priority (guide), ==, 1);
  g_assert_cmpint (topiary_article_get_target_words (guide), ==, 3000);
  g_assert_cmpstr (topiary_article_get_summary (guide), ==, "Our flagship page; update yearly");
  assert_queries (guide, "docker tutorial", "docker for beginners", "learn docker", NULL);

  /* Quoted commas, doubled quotes and line breaks inside fields. */
  podman = get (f, "docker-vs-podman-which-one-and-why");
  g_assert_cmpstr (topiary_article_get_title (podman), ==, "Docker vs Podman: which one, and why?");
  g_assert_cmpint (topiary_article_get_kind (podman), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (podman), ==, topiary_article_get_id (guide));
  g_assert_cmpint (topiary_article_get_status (podman), ==, TOPIARY_STATUS_DRAFTING);
  assert_queries (podman, "docker vs podman", "podman vs docker", "rootless containers", NULL);

  dockerfile = get (f, "first-dockerfile");
  g_assert_cmpstr (topiary_article_get_summary (dockerfile), ==, "He said \"keep it short\"");
  assert_queries (dockerfile, "how to write a dockerfile", "dockerfile example", "dockerfile best practices", NULL);
  g_assert_cmpint (topiary_article_get_priority (dockerfile), ==, 2);
  g_assert_cmpstr (topiary_article_get_intent (dockerfile), ==, "how-to");

  k8s = get (f, "explained");
  g_assert_cmpint (topiary_article_get_kind (k8s), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (k8s), ==, TOPIARY_STATUS_DRAFTING);
  helm = get (f, "helm-charts-from-scratch");
  g_assert_cmpint (topiary_article_get_parent_id (helm), ==, topiary_article_get_id (k8s));
  g_assert_cmpint (topiary_article_get_status (helm), ==, TOPIARY_STATUS_PLANNED);
  g_assert_cmpint (topiary_article_get_group_id (helm), ==, topiary_article_get_group_id (k8s));
  g_assert_cmpint (topiary_article_get_group_id (helm), !=, topiary_article_get_group_id (guide));
  k3s = get (f, "k3s-vs-k8s");
  g_assert_cmpint (topiary_article_get_status (k3s), ==, TOPIARY_STATUS_IDEA);

  /* Unknown columns are kept, one note each, a line per article. */
  volume = find_note (f, "Search Volume");
  g_assert_nonnull (volume);
  g_assert_cmpstr (topiary_note_get_kind (volume), ==, "import");
  g_assert_nonnull (strstr (topiary_note_get_body (volume), "- Docker for beginners: the complete guide: 12100\n"));
  g_assert_nonnull (strstr (topiary_note_get_body (volume), "- k3s vs k8s: 1600\n"));
  writer = find_note (f, "Writer");
  g_assert_nonnull (writer);
  g_assert_null (strstr (topiary_note_get_body (writer), "k3s"));
}

static void
test_semicolon (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = data_path ("csv-semicolon.csv");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) pasta = NULL;
  g_autoptr(TopiaryArticle) flour = NULL;
  g_autoptr(TopiaryArticle) ravioli = NULL;
  g_autoptr(TopiaryArticle) carbonara = NULL;

  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_CSV, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 2);
  g_assert_cmpuint (report->articles, ==, 4);
  /* The ragged row is imported and reported. */
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->warnings, 0), "line 4"));

  pasta = get (f, "fresh-pasta-without-a-machine");
  g_assert_cmpint (topiary_article_get_kind (pasta), ==, TOPIARY_KIND_PILLAR);
  flour = get (f, "semolina-vs-00-flour");
  g_assert_cmpstr (topiary_article_get_title (flour), ==, "Semolina vs \"00\" flour");
  g_assert_cmpint (topiary_article_get_parent_id (flour), ==, topiary_article_get_id (pasta));
  ravioli = get (f, "ravioli-shapes");
  g_assert_cmpint (topiary_article_get_priority (ravioli), ==, 3);
  g_assert_cmpint (topiary_article_get_status (ravioli), ==, TOPIARY_STATUS_PLANNED);
  carbonara = get (f, "carbonara-the-roman-way");
  g_assert_cmpint (topiary_article_get_kind (carbonara), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (carbonara), ==, TOPIARY_STATUS_DRAFTING);
  /* CRLF line ends do not leak into values. */
  g_assert_null (strchr (topiary_article_get_title (carbonara), '\r'));
}

static void
test_keywords (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = data_path ("csv-keywords.tsv");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) jwt = NULL;
  g_autoptr(TopiaryNote) kd = NULL;

  /* A keyword list: BOM, tabs, no title column. */
  g_assert_cmpint (topiary_import_detect (path, NULL), ==, TOPIARY_IMPORT_CSV);
  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->articles, ==, 3);
  g_assert_cmpuint (report->ideas, ==, 3);
  g_assert_cmpuint (report->groups, ==, 0);

  jwt = get (f, "flask-jwt-authentication");
  g_assert_cmpstr (topiary_article_get_title (jwt), ==, "Flask jwt authentication");
  assert_queries (jwt, "flask jwt authentication", NULL);
  g_assert_cmpint (topiary_article_get_group_id (jwt), ==, 0);
  kd = find_note (f, "KD");
  g_assert_nonnull (kd);
  g_assert_nonnull (strstr (topiary_note_get_body (kd), "Flask vs django: 45"));
}

static void
test_quoting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(TopiaryArticle) b = NULL;
  g_autoptr(TopiaryArticle) c = NULL;
  g_autoptr(TopiaryArticle) d = NULL;

  report = import_text (f,
                        "\n\"Title\",\"Keywords\",Order\r\n"
                        "\"Multi\r\nline\",\"a | b | c\",3\r"
                        "Plain,\"x\"\"y\",1\n"
                        "\n"
                        "\"Stray\" text,z,2\n"
                        "Unclosed,\"open to the end\n",
                        -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->articles, ==, 4);
  /* The stray text after a quote, the unclosed quote and the short row it
   * makes are reported. */
  g_assert_cmpuint (report->warnings->len, ==, 3);

  a = get (f, "multi-line");
  /* A title keeps its line break, so that it survives a CSV export and
   * import (issue 9, item 17). */
  g_assert_cmpstr (topiary_article_get_title (a), ==, "Multi\r\nline");
  assert_queries (a, "a", "b", "c", NULL);
  b = get (f, "plain");
  assert_queries (b, "x\"y", NULL);
  c = get (f, "stray-text");
  d = get (f, "unclosed");
  assert_queries (d, "open to the end", NULL);

  /* The order column sets the writing order. */
  g_assert_cmpint (topiary_article_get_position (b), <, topiary_article_get_position (c));
  g_assert_cmpint (topiary_article_get_position (c), <, topiary_article_get_position (a));
  g_assert_cmpint (topiary_article_get_position (a), <, topiary_article_get_position (d));
}

static void
test_parents (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryArticle) hub = NULL;
  g_autoptr(TopiaryArticle) spoke = NULL;
  g_autoptr(TopiaryArticle) dup = NULL;
  g_autoptr(TopiaryArticle) dup2 = NULL;
  g_autoptr(TopiaryArticle) lonely = NULL;

  /* A pillar column naming each row's pillar; the pillar row comes last;
   * two rows share a title; a group whose rows are all clusters. */
  report = import_text (f,
                        "Title,Pillar,Group,Type\n"
                        "Spoke one,Hub page,Baking,cluster\n"
                        "Same title,Hub page,Baking,cluster\n"
                        "Same title,Hub page,Baking,cluster\n"
                        "Hub page,Hub page,Baking,pillar\n"
                        "Lonely,,Frying,cluster\n",
                        -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->articles, ==, 5);

  hub = get (f, "hub-page");
  g_assert_cmpint (topiary_article_get_kind (hub), ==, TOPIARY_KIND_PILLAR);
  spoke = get (f, "spoke-one");
  g_assert_cmpint (topiary_article_get_parent_id (spoke), ==, topiary_article_get_id (hub));
  dup = get (f, "same-title");
  dup2 = get (f, "same-title-2");
  g_assert_cmpint (topiary_article_get_parent_id (dup2), ==, topiary_article_get_id (hub));
  g_assert_cmpint (topiary_article_get_id (dup), !=, topiary_article_get_id (dup2));
  lonely = get (f, "lonely");
  g_assert_cmpint (topiary_article_get_kind (lonely), ==, TOPIARY_KIND_PILLAR);
  /* The duplicate slug and the group without a pillar are reported. */
  g_assert_cmpuint (report->warnings->len, ==, 2);
}

static void
test_many_columns (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Title");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryNote) rest = NULL;
  g_autoptr(TopiaryNote) first = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (csv, ",Metric %u", i);
  g_string_append (csv, "\nOnly row");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (csv, ",%u", i * 7);
  g_string_append_c (csv, '\n');

  report = import_text (f, csv->str, csv->len, &error);
  g_assert_no_error (error);
  /* 40 notes of their own, the other 60 columns in one. */
  g_assert_cmpuint (report->notes, ==, 41);
  first = find_note (f, "Metric 0");
  g_assert_nonnull (first);
  rest = find_note (f, "Further columns");
  g_assert_nonnull (rest);
  g_assert_nonnull (strstr (topiary_note_get_body (rest), "Metric 99\n- Only row: 693\n"));
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char * const inputs[] = {
    "",
    "\n\n\n",
    "Volume,Difficulty\n100,20\n",
    "Title,Keyword\n",
    "Title,Keyword\n,\n , \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TopiaryImportReport) report = import_text (f, inputs[i], -1, &error);

      g_assert_null (report);
      g_assert_true (g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY) ||
                     g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID));
      g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, 0);
    }
}

/* The plan survives a CSV export and an import into a new project. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *outline = g_test_build_filename (G_TEST_DIST, "data", "outline-selfhosting.md", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "plan-export.csv", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.topiary", NULL);
  g_autoptr(TopiaryProject) other = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) la = NULL;
  g_autoptr(GListModel) lb = NULL;
  TopiaryExportOptions options = { TOPIARY_EXPORT_CSV, TRUE, FALSE, FALSE, NULL, NULL, NULL };

  g_assert_true (topiary_import (f->project, outline, TOPIARY_IMPORT_OUTLINE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_export (f->project, csv, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  other = topiary_project_open (other_path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_import (other, csv, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  /* Every column of the export has its place: no kept-column notes. */
  g_assert_cmpuint (report->notes, ==, 0);

  la = topiary_project_list_articles (f->project, NULL);
  lb = topiary_project_list_articles (other, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (lb), ==, 13);
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(TopiaryArticle) x = g_list_model_get_item (la, i);
      g_autoptr(TopiaryArticle) y = g_list_model_get_item (lb, i);

      g_assert_cmpstr (topiary_article_get_slug (x), ==, topiary_article_get_slug (y));
      g_assert_cmpstr (topiary_article_get_title (x), ==, topiary_article_get_title (y));
      g_assert_cmpstr (topiary_article_get_summary (x), ==, topiary_article_get_summary (y));
      g_assert_cmpstr (topiary_article_get_intent (x), ==, topiary_article_get_intent (y));
      g_assert_cmpint (topiary_article_get_kind (x), ==, topiary_article_get_kind (y));
      g_assert_cmpint (topiary_article_get_status (x), ==, topiary_article_get_status (y));
      g_assert_cmpint (topiary_article_get_priority (x), ==, topiary_article_get_priority (y));
      g_assert_cmpint (topiary_article_get_target_words (x), ==, topiary_article_get_target_words (y));
      g_assert_cmpuint (topiary_article_get_n_queries (x), ==, topiary_article_get_n_queries (y));
      for (guint q = 0; q < topiary_article_get_n_queries (x); q++)
        g_assert_cmpstr (topiary_article_get_queries (x)[q], ==, topiary_article_get_queries (y)[q]);
      g_assert_cmpint (topiary_article_get_group_id (x) == 0, ==, topiary_article_get_group_id (y) == 0);
      if (topiary_article_get_parent_id (x) != 0)
        {
          g_autoptr(TopiaryArticle) px = topiary_project_get_article (f->project, topiary_article_get_parent_id (x), FALSE, NULL);
          g_autoptr(TopiaryArticle) py = topiary_project_get_article (other, topiary_article_get_parent_id (y), FALSE, NULL);
          g_assert_nonnull (py);
          g_assert_cmpstr (topiary_article_get_slug (px), ==, topiary_article_get_slug (py));
        }
      else
        g_assert_cmpint (topiary_article_get_parent_id (y), ==, 0);
    }
  g_clear_object (&other);
}

static void
test_sniff (void)
{
  static const char *files[] = { "csv-seo-plan.csv", "csv-semicolon.csv", "csv-keywords.tsv" };
  const char *md = "# Plan\n\n- a, b, c\n- d, e, f\n";

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_assert_cmpint (_topiary_import_csv_sniff (text, length), >=, 50);
    }
  g_assert_cmpint (_topiary_import_csv_sniff (md, strlen (md)), <, 50);
  g_assert_cmpint (_topiary_import_csv_sniff ("one column\nonly\n", 16), <, 50);
  g_assert_cmpint (_topiary_import_csv_sniff ("", 0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/import/csv/seo-plan", Fixture, NULL, fixture_setup, test_seo_plan, fixture_teardown);
  g_test_add ("/core/import/csv/semicolon", Fixture, NULL, fixture_setup, test_semicolon, fixture_teardown);
  g_test_add ("/core/import/csv/keywords", Fixture, NULL, fixture_setup, test_keywords, fixture_teardown);
  g_test_add ("/core/import/csv/quoting", Fixture, NULL, fixture_setup, test_quoting, fixture_teardown);
  g_test_add ("/core/import/csv/parents", Fixture, NULL, fixture_setup, test_parents, fixture_teardown);
  g_test_add ("/core/import/csv/many-columns", Fixture, NULL, fixture_setup, test_many_columns, fixture_teardown);
  g_test_add ("/core/import/csv/invalid", Fixture, NULL, fixture_setup, test_invalid, fixture_teardown);
  g_test_add ("/core/import/csv/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add_func ("/core/import/csv/sniff", test_sniff);

  return g_test_run ();
}
