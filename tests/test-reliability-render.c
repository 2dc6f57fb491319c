/* test-reliability-render.c — hostile Markdown: deep nesting, huge tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The depths are the ones that crashed the export (issue 9, item 11); run
 * them under AddressSanitizer too, whose stack frames are larger.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-markdown.h"
#include "topiary-project.h"
#include "test-util.h"

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("%s:%d: expected “%s” in the output", __FILE__, __LINE__, (needle)); \
  } G_STMT_END

static GString *
repeat (const char *open,
        guint       n,
        const char *middle,
        const char *close,
        guint       m)
{
  GString *s = g_string_sized_new (n * strlen (open) + m * strlen (close) + 64);

  for (guint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (guint i = 0; i < m; i++)
    g_string_append (s, close);
  return s;
}

static char *
resolve_any (const char *target,
             gpointer    user_data)
{
  return g_str_equal (target, "known") ? g_strdup ("known") : NULL;
}

/* Renders @text the way the export and the app's preview do. */
static void
render_both_ways (const char *text,
                  const char *expect)
{
  TopiaryMarkdownOptions preview = TOPIARY_MARKDOWN_OPTIONS_INIT;
  TopiaryMarkdownOptions site = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) a = NULL;
  g_autoptr(TopiaryMarkdownResult) b = NULL;

  /* As topiary-web-preview.c does. */
  preview.sourcepos = TRUE;
  preview.allow_html = TRUE;
  preview.resolve = resolve_any;
  preview.href_prefix = "topiary-article:";
  a = topiary_markdown_render (text, -1, &preview);
  g_assert_nonnull (a->html);
  g_assert_true (g_utf8_validate (a->html, -1, NULL));
  if (expect != NULL)
    assert_contains (a->html, expect);

  /* As the export's worker does. */
  site.resolve = resolve_any;
  site.href_prefix = "../";
  site.href_suffix = "/index.html";
  b = topiary_markdown_render (text, -1, &site);
  g_assert_nonnull (b->html);
  /* Without allow_html, raw HTML blocks become comments. */
  if (expect != NULL && text[0] != '<')
    assert_contains (b->html, expect);
}

/* Bodies that nest blocks or inlines far deeper than any article. */
static GPtrArray *
deep_bodies (void)
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);
  GString *s;

  /* 100,000 nested block quotes, the paragraph at the bottom. */
  s = repeat (">", 100000, " bottom [[known]]\n", "", 0);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  /* The same with a heading and a table at the bottom. */
  s = repeat ("> ", 100000, "# Deep bottom *heading*\n", "", 0);
  for (guint row = 0; row < 3; row++)
    {
      for (guint i = 0; i < 100000; i++)
        g_string_append (s, "> ");
      g_string_append (s, row == 1 ? "-|-\n" : "a|b\n");
    }
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  /* 60,000 nested bullet and ordered list items. */
  s = repeat ("- ", 60000, "bottom\n", "", 0);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("1. ", 60000, "bottom\n", "", 0);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("* 1) ", 30000, "bottom\n", "", 0);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  /* Emphasis, strike-through, links, images, brackets, wiki brackets. */
  s = repeat ("*", 100000, "bottom", "*", 100000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = g_string_new ("# ");
  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "*_");
  g_string_append (s, "bottom");
  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "_*");
  g_string_append_c (s, '\n');
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("~~", 50000, "bottom", "~~", 50000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("[", 100000, "bottom", "](u)", 100000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = g_string_new ("# ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "![");
  g_string_append (s, "bottom");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "](u)");
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("[[", 100000, "bottom", "]]", 100000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("[", 200000, "bottom", "", 0);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  /* Raw HTML, as blocks and inline. */
  s = repeat ("<div>\n", 100000, "bottom\n", "</div>\n", 100000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  s = repeat ("<span>", 100000, "bottom", "</span>", 100000);
  g_ptr_array_add (bodies, g_string_free (s, FALSE));
  /* A list in a quote in a list …, each level opened on its own line. */
  s = g_string_new (NULL);
  for (guint i = 0; i < 20000; i++)
    g_string_append (s, i % 2 ? "> " : "- ");
  g_string_append (s, "bottom\n");
  g_ptr_array_add (bodies, g_string_free (s, FALSE));

  return bodies;
}

static void
test_deep_markdown (void)
{
  g_autoptr(GPtrArray) bodies = deep_bodies ();

  for (guint i = 0; i < bodies->len; i++)
    {
      g_test_message ("body %u", i);
      render_both_ways (g_ptr_array_index (bodies, i), "bottom");
    }
}

typedef TestProjectFixture Fixture;

static void
export_format (Fixture             *f,
               TopiaryExportFormat  format,
               const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  TopiaryExportOptions opts = { 0 };

  opts.format = format;
  g_assert_true (topiary_export (f->project, dir, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_deep_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) bodies = deep_bodies ();
  g_autofree char *page = NULL;
  g_autofree char *html = NULL;

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deep %u", i);

      test_add_published_article (f->project, title, g_ptr_array_index (bodies, i));
    }

  export_format (f, TOPIARY_EXPORT_SITE, "site");
  export_format (f, TOPIARY_EXPORT_HUGO, "hugo");
  export_format (f, TOPIARY_EXPORT_JSON, "map.json");

  page = g_build_filename (f->dir, "site", "deep-0", "index.html", NULL);
  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  assert_contains (html, "bottom");
}

/* "[[" a million times with no "]]": the Hugo export's wiki-link rewrite
 * searched the rest of the line for each of them (minutes). */
static void
test_brackets_hugo (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) body = repeat ("[", 1000000, " x\n\n[[known]]\n", "", 0);
  gint64 start;

  test_add_published_article (f->project, "known", "Known.\n");
  test_add_published_article (f->project, "Brackets", body->str);
  start = g_get_monotonic_time ();
  export_format (f, TOPIARY_EXPORT_HUGO, "hugo");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

/* AddressSanitizer keeps freed memory in quarantine: peak memory is not
 * measured under it. */
#if defined(__SANITIZE_ADDRESS__)
#define MEASURE_RSS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEASURE_RSS 0
#endif
#endif
#ifndef MEASURE_RSS
#define MEASURE_RSS 1
#endif

/* The highest resident memory of this process so far, in MiB. */
static glong
peak_rss_mib (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return ru.ru_maxrss / 1024;
}

/* The table of issue 9 item 13: 5,000 rows of 200 columns, 9 MB. */
static GString *
big_table (guint rows,
           guint cols)
{
  GString *s = g_string_new ("Before the table.\n\n|");

  for (guint c = 0; c < cols; c++)
    g_string_append_printf (s, "h%u|", c);
  g_string_append (s, "\n|");
  for (guint c = 0; c < cols; c++)
    g_string_append (s, "-|");
  g_string_append_c (s, '\n');
  for (guint r = 0; r < rows; r++)
    {
      g_string_append_c (s, '|');
      for (guint c = 0; c < cols; c++)
        g_string_append_printf (s, "r%uc%u|", r, c);
      g_string_append_c (s, '\n');
    }
  g_string_append (s, "\n## After the table\n\nThe end.\n");
  return s;
}

/* Inline markup on every other byte: 2 MB of "*a* ". */
static GString *
dense_inlines (void)
{
  return repeat ("*a* ", 500000, "\n", "", 0);
}

#define RENDER_RSS_MAX_MIB 200
/* The export's threads each keep what malloc gave them: 140 MiB measured
 * alone, up to 200 under a parallel test run (before the fix: 486). */
#define EXPORT_RSS_MAX_MIB 256

/* In a subprocess, so that the peak is this render's alone. */
static void
test_table_memory (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GString) table = big_table (5000, 200);
      g_autoptr(GString) dense = dense_inlines ();
      g_autoptr(TopiaryMarkdownResult) a = NULL;
      g_autoptr(TopiaryMarkdownResult) b = NULL;
      TopiaryMarkdownOptions preview = TOPIARY_MARKDOWN_OPTIONS_INIT;
      gint64 start = g_get_monotonic_time ();

      preview.sourcepos = TRUE;
      a = topiary_markdown_render (table->str, table->len, &preview);
      /* Everything is there, as text: the table has more than 100,000 cells. */
      assert_contains (a->html, "r0c0");
      assert_contains (a->html, "r4999c199");
      assert_contains (a->html, "The end.");
      g_assert_cmpuint (a->headings->len, ==, 1);
      g_assert_cmpstr (((TopiaryHeading *) g_ptr_array_index (a->headings, 0))->id, ==, "after-the-table");
      /* Source positions still count from the top of the text. */
      assert_contains (a->html, "<p data-sourcepos=\"5008:1-5008:8\">The end.</p>");
      g_clear_pointer (&a, topiary_markdown_result_unref);

      /* 80,000 cells are a table. */
      g_string_free (table, TRUE);
      table = big_table (400, 200);
      a = topiary_markdown_render (table->str, table->len, NULL);
      assert_contains (a->html, "<table>");
      assert_contains (a->html, "<td>r399c199</td>");
      g_clear_pointer (&a, topiary_markdown_result_unref);

      /* 40,000 columns: the HTML of each row cost the square of that. */
      g_string_free (table, TRUE);
      table = repeat ("|a", 40000, "|\n", "", 0);
      for (guint i = 0; i < 40000; i++)
        g_string_append (table, "|-");
      g_string_append (table, "|\n");
      for (guint i = 0; i < 1000; i++)
        g_string_append (table, "|x|y|\n");
      a = topiary_markdown_render (table->str, table->len, NULL);
      assert_contains (a->html, "|x|y|");
      g_clear_pointer (&a, topiary_markdown_result_unref);

      /* Emphasis and links in one paragraph: cmark-gfm 0.29 walks every
       * earlier delimiter for each link (minutes for this one). */
      g_string_free (table, TRUE);
      table = repeat ("*a* [b](c) ", 200000, "\n", "", 0);
      a = topiary_markdown_render (table->str, table->len, NULL);
      assert_contains (a->html, "<em>a</em> <a href=\"c\">b</a>");
      g_clear_pointer (&a, topiary_markdown_result_unref);

      b = topiary_markdown_render (dense->str, dense->len, NULL);
      assert_contains (b->html, "<em>a</em>");
      g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
      if (MEASURE_RSS)
        {
          g_test_message ("peak memory %ld MiB", peak_rss_mib ());
          g_assert_cmpint (peak_rss_mib (), <, RENDER_RSS_MAX_MIB);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* The parent writes the project; the child only exports it, so that its
 * peak memory is the export's. */
static void
test_table_export_memory (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) table = big_table (5000, 200);
  g_autoptr(GString) dense = dense_inlines ();
  g_autofree char *page = NULL;
  g_autofree char *html = NULL;

  test_add_published_article (f->project, "Big table", table->str);
  test_add_published_article (f->project, "Dense", dense->str);
  /* Many large pages: at most a few megabytes of them are in flight. */
  g_string_truncate (dense, dense->len / 2);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *title = g_strdup_printf ("Dense %u", i);

      test_add_published_article (f->project, title, dense->str);
    }
  topiary_project_close (f->project);
  g_setenv ("TOPIARY_TEST_PROJECT", f->path, TRUE);

  g_test_trap_subprocess ("/core/render/table-export-memory/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_unsetenv ("TOPIARY_TEST_PROJECT");

  page = g_build_filename (f->dir, "site", "big-table", "index.html", NULL);
  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  assert_contains (html, "r4999c199");
}

static void
export_memory_child (void)
{
  const char *path = g_getenv ("TOPIARY_TEST_PROJECT");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  TopiaryExportOptions opts = { 0 };
  gint64 start;

  if (path == NULL)
    {
      g_test_skip ("run by /core/render/table-export-memory");
      return;
    }
  tmp = g_path_get_dirname (path);
  dir = g_build_filename (tmp, "site", NULL);
  project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  opts.format = TOPIARY_EXPORT_SITE;
  start = g_get_monotonic_time ();
  g_assert_true (topiary_export (project, dir, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("export took %.2f s", (g_get_monotonic_time () - start) / 1e6);
  topiary_project_close (project);
  if (MEASURE_RSS)
    {
      g_test_message ("peak memory %ld MiB", peak_rss_mib ());
      g_assert_cmpint (peak_rss_mib (), <, EXPORT_RSS_MAX_MIB);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/deep-markdown", test_deep_markdown);
  g_test_add ("/core/render/deep-export", Fixture, NULL,
              test_project_fixture_setup, test_deep_export, test_project_fixture_teardown);

  g_test_add ("/core/render/brackets-hugo", Fixture, NULL,
              test_project_fixture_setup, test_brackets_hugo, test_project_fixture_teardown);

  g_test_add_func ("/core/render/table-memory", test_table_memory);
  g_test_add ("/core/render/table-export-memory", Fixture, NULL,
              test_project_fixture_setup, test_table_export_memory, test_project_fixture_teardown);
  g_test_add_func ("/core/render/table-export-memory/subprocess", export_memory_child);

  return g_test_run ();
}
