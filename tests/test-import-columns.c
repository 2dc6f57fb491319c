/* test-import-columns.c — the columns of a source's article tables and the
 * reader's guess for each, which the import preview offers as choices
 * (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "topiary-import-columns.h"

static char *
data_path (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

/* "Header=use, …" for comparing in one assertion. */
static char *
describe (GPtrArray *columns)
{
  static const char *names[] = {
    "title", "slug", "primary", "queries", "intent", "status", "priority", "group",
    "kind", "pillar", "words", "summary", "content-type", "note", "ignore",
    "parent", "date", "order",
  };
  GString *out = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == TOPIARY_N_COLUMN_USES);
  for (guint i = 0; i < columns->len; i++)
    {
      TopiaryImportColumn *c = g_ptr_array_index (columns, i);
      g_string_append_printf (out, "%s%s=%s", i > 0 ? ", " : "", c->header, names[c->guess]);
    }
  return g_string_free (out, FALSE);
}

static TopiaryPlanArticle *
article (TopiaryImportPlan *plan,
         const char        *slug)
{
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
      if (g_strcmp0 (a->slug, slug) == 0)
        return a;
    }
  return NULL;
}

static char *
titles (TopiaryImportPlan *plan)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < plan->articles->len; i++)
    g_string_append_printf (out, "%s\n", ((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, i))->title);
  return g_string_free (out, FALSE);
}

static void
test_outline_guess (void)
{
  g_autofree char *path = data_path ("import-columns", "garden-tables.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = topiary_import_read_columns (path, TOPIARY_IMPORT_AUTO, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (columns);
  text = describe (columns);
  /* Each header once, in order; the markup of "**Keyword**" gone; the
   * second title column a note, as the reader reads it; the linking plan's
   * columns are no article table's. */
  g_assert_cmpstr (text, ==,
                   "Title=title, Keyword=primary, Intent=intent, Vol=note, Status=status, SEO title=note");
}

static void
test_corpus_guesses (void)
{
  static const struct { const char *name; const char *expected; } cases[] = {
    { "saas-research-tables.md",
      "Hub=group, Slug=slug, Working title=title, Primary keyword=primary, "
      "Secondary keywords=queries, Intent=intent, Vol=note, KD=note, Status=status" },
    { "kubernetes-notion-table.md",
      "Name=title, Cluster=group, Type=kind, Status=status, Target Keyword=primary, "
      "Search Intent=intent, URL=slug, Volume=note, KD=note" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = data_path ("maps", cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) columns = topiary_import_read_columns (path, TOPIARY_IMPORT_OUTLINE, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = describe (columns);
      g_test_message ("%s: %s", cases[i].name, text);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The guess is what the reader does: choosing the guess changes nothing. */
static void
test_guess_is_the_reading (void)
{
  g_autofree char *path = data_path ("import-columns", "garden-tables.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = topiary_import_read_columns (path, TOPIARY_IMPORT_AUTO, &error);
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportPlan) as_read = NULL;
  g_autoptr(TopiaryImportPlan) chosen = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < columns->len; i++)
    {
      TopiaryImportColumn *c = g_ptr_array_index (columns, i);
      topiary_import_options_set_column_use (options, c->header, c->guess);
    }
  as_read = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  chosen = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, options, NULL, &error);
  g_assert_no_error (error);
  a = topiary_import_plan_to_json (as_read, NULL);
  b = topiary_import_plan_to_json (chosen, NULL);
  g_assert_cmpstr (b, ==, a);
}

static void
test_set_use (void)
{
  g_autofree char *path = data_path ("import-columns", "garden-tables.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autofree char *list = NULL;
  TopiaryPlanArticle *a;

  /* As read, the volume is kept in the summary. */
  plan = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  a = article (plan, "best-garden-spades");
  g_assert_nonnull (a);
  g_assert_nonnull (a->summary);
  g_assert_nonnull (strstr (a->summary, "2,400"));
  g_clear_pointer (&plan, topiary_import_plan_free);

  /* "Title" a note and "Keyword" still the primary query: the titles are
   * made from the keyword; "Vol" ignored: the figure is nowhere. */
  topiary_import_options_set_column_use (options, "title", TOPIARY_COLUMN_USE_NOTE);
  topiary_import_options_set_column_use (options, "VOL", TOPIARY_COLUMN_USE_IGNORE);
  plan = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, options, NULL, &error);
  g_assert_no_error (error);
  list = titles (plan);
  g_assert_cmpstr (list, ==,
                   "Best garden spade\nSharpen a spade\nDigging fork vs spade\nBest secateurs\nClean secateurs\n");
  a = article (plan, "best-garden-spade");
  g_assert_nonnull (a);
  g_assert_nonnull (a->summary);
  g_assert_nonnull (strstr (a->summary, "Best Garden Spades"));
  g_assert_null (strstr (a->summary, "2,400"));
  g_assert_cmpuint (a->queries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (a->queries, 0), ==, "best garden spade");
  g_clear_pointer (&plan, topiary_import_plan_free);

  /* Forgetting a choice gives the reader's guess back. */
  topiary_import_options_unset_column (options, "Title");
  topiary_import_options_set_column_use (options, "Vol", TOPIARY_COLUMN_USE_CONTENT_TYPE);
  g_assert_cmpuint (g_hash_table_size (options->columns), ==, 0);
  plan = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article (plan, "best-garden-spades"));
}

/* A CSV file's header, and the choices the CSV reader takes. */
static void
test_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-columns-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(TopiaryImportOptions) options = topiary_import_options_new ();
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autofree char *text = NULL;
  g_autofree char *list = NULL;
  TopiaryPlanArticle *a;

  g_assert_true (g_file_set_contents (path,
                                      "\xef\xbb\xbfTitle,Keyword,Keyword,Order,Parent,Words written,Vol,Hub\n"
                                      "Best Garden Spades,best garden spade,spade reviews,2,,300,2400,Digging\n"
                                      "How to Sharpen a Spade,sharpen a spade,,1,Best Garden Spades,0,900,Digging\n",
                                      -1, &error));
  columns = topiary_import_read_columns (path, TOPIARY_IMPORT_AUTO, &error);
  g_assert_no_error (error);
  text = describe (columns);
  /* Each header once: a choice names a header, and the reader reads a
   * second keyword column as a further query. Words written are computed. */
  g_assert_cmpstr (text, ==, "Title=title, Keyword=primary, Order=order, Parent=parent, "
                             "Words written=ignore, Vol=note, Hub=group");

  /* The guesses chosen change nothing. */
  for (guint i = 0; i < columns->len; i++)
    {
      TopiaryImportColumn *c = g_ptr_array_index (columns, i);
      topiary_import_options_set_column_use (options, c->header, c->guess);
    }
  /* Order and parent are no choices: the reader's own reading stays. */
  g_assert_cmpuint (g_hash_table_size (options->columns), ==, 5);
  {
    g_autoptr(TopiaryImportPlan) as_read = topiary_import_read_plan (path, TOPIARY_IMPORT_CSV, NULL, NULL, &error);
    g_autoptr(TopiaryImportPlan) chosen = topiary_import_read_plan (path, TOPIARY_IMPORT_CSV, options, NULL, &error);
    g_autofree char *a_json = NULL;
    g_autofree char *b_json = NULL;

    g_assert_no_error (error);
    a_json = topiary_import_plan_to_json (as_read, NULL);
    b_json = topiary_import_plan_to_json (chosen, NULL);
    g_assert_cmpstr (b_json, ==, a_json);
    g_assert_cmpuint (as_read->groups->len, ==, 1);
  }

  /* "Title" a note, "Hub" ignored: titles from the keyword, no groups. */
  g_hash_table_remove_all (options->columns);
  topiary_import_options_set_column_use (options, "title", TOPIARY_COLUMN_USE_NOTE);
  topiary_import_options_set_column_use (options, "HUB", TOPIARY_COLUMN_USE_IGNORE);
  plan = topiary_import_read_plan (path, TOPIARY_IMPORT_AUTO, options, NULL, &error);
  g_assert_no_error (error);
  list = titles (plan);
  g_test_message ("%s", list);
  g_assert_cmpuint (plan->groups->len, ==, 0);
  g_assert_cmpuint (plan->articles->len, ==, 2);
  a = g_ptr_array_index (plan->articles, 0);
  g_assert_null (strstr (a->title, "Garden Spades"));
  g_assert_true (g_str_has_prefix (a->title, "Best garden spade") || g_str_has_prefix (a->title, "Sharpen a spade"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_no_tables (void)
{
  g_autofree char *outline = data_path ("maps", "espresso-claude-yaml.md");
  g_autofree char *missing = data_path ("import-columns", "no-such-file.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  columns = topiary_import_read_columns (outline, TOPIARY_IMPORT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, 0);
  g_clear_pointer (&columns, g_ptr_array_unref);


  columns = topiary_import_read_columns (missing, TOPIARY_IMPORT_OUTLINE, &error);
  g_assert_null (columns);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, G_DIR_SEPARATOR_S "import-columns"));
  g_assert_nonnull (strstr (error->message, "“no-such-file.md”"));
}

/* A FIFO is not waited on, a folder not read as text. */
static void
test_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("topiary-columns-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "map.md", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  columns = topiary_import_read_columns (fifo, TOPIARY_IMPORT_OUTLINE, &error);
  g_assert_null (columns);
  g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID);
  g_clear_error (&error);

  columns = topiary_import_read_columns (dir, TOPIARY_IMPORT_OUTLINE, &error);
  g_assert_null (columns);
  g_assert_nonnull (error);
  g_unlink (fifo);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import-columns/outline-guess", test_outline_guess);
  g_test_add_func ("/core/import-columns/corpus-guesses", test_corpus_guesses);
  g_test_add_func ("/core/import-columns/guess-is-the-reading", test_guess_is_the_reading);
  g_test_add_func ("/core/import-columns/set-use", test_set_use);
  g_test_add_func ("/core/import-columns/csv", test_csv);
  g_test_add_func ("/core/import-columns/no-tables", test_no_tables);
  g_test_add_func ("/core/import-columns/not-regular", test_not_regular);
  return g_test_run ();
}
