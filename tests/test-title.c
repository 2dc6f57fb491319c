/* test-title.c — the article's title is its page's only <h1>: the
 * renderer, `check` and the removal (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "topiary-check.h"
#include "topiary-markdown.h"
#include "topiary-markdown-title.h"
#include "topiary-project.h"
#include "test-util.h"

static char *
render_titled (const char *markdown,
               const char *title,
               gboolean    sourcepos)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  options.title = title;
  options.sourcepos = sourcepos;
  result = topiary_markdown_render (markdown, -1, &options);
  return g_strdup (result->html);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* A leading heading that says the title is left out, as typed in any
 * case, spacing, or Unicode form, ATX or setext. */
static void
test_render_drops_title (void)
{
  const char *bodies[] = {
    "# Flask Basics\n\nText.\n",
    "#   flask   basics  ##\n\nText.\n",
    "\n\nFlask *Basics*\n=====\n\nText.\n",
    "# FLASK BASICS\nText.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *html = render_titled (bodies[i], "Flask basics", FALSE);

      g_assert_null (strstr (html, "<h1"));
      g_assert_null (strstr (html, "<h2"));
      g_assert_nonnull (strstr (html, "<p>Text.</p>"));
    }

  {
    g_autofree char *html = render_titled ("# Café\n\nText.\n", "Cafe\xcc\x81", FALSE);
    g_assert_cmpstr (html, ==, "<p>Text.</p>\n");
  }
}

/* Other level-1 headings are level 2; nothing else changes, and without
 * a title the body renders as it always did. */
static void
test_render_demotes_others (void)
{
  const char *body = "# Introduction\n\nText.\n\n# Flask basics\n\n## Details\n\nSetext\n===\n";
  g_autofree char *titled = render_titled (body, "Flask basics", TRUE);
  g_autofree char *plain = render_titled (body, NULL, FALSE);
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  g_assert_null (strstr (titled, "<h1"));
  g_assert_nonnull (strstr (titled, "<h2 id=\"introduction\" data-sourcepos=\"1:1-1:14\">Introduction</h2>"));
  /* Only a first block says the title: this one is a section. */
  g_assert_nonnull (strstr (titled, "<h2 id=\"flask-basics\" data-sourcepos=\"5:1-5:14\">Flask basics</h2>"));
  g_assert_nonnull (strstr (titled, "<h2 id=\"details\""));
  g_assert_nonnull (strstr (titled, ">Setext</h2>"));
  g_assert_cmpuint (count (plain, "<h1"), ==, 3);

  options.title = "Flask basics";
  result = topiary_markdown_render (body, -1, &options);
  g_assert_cmpuint (result->headings->len, ==, 4);
  for (guint i = 0; i < result->headings->len; i++)
    g_assert_cmpuint (((TopiaryHeading *) g_ptr_array_index (result->headings, i))->level, ==, 2);
}

/* A heading that is not the first block, or says something else, stays. */
static void
test_render_keeps_non_title (void)
{
  g_autofree char *a = render_titled ("Intro.\n\n# Flask basics\n", "Flask basics", FALSE);
  g_autofree char *b = render_titled ("# Flask basics, revisited\n\nText.\n", "Flask basics", FALSE);
  g_autofree char *c = render_titled ("# \n\nText.\n", "", FALSE);

  g_assert_cmpstr (a, ==, "<p>Intro.</p>\n<h2 id=\"flask-basics\">Flask basics</h2>\n");
  g_assert_nonnull (strstr (b, "<h2 id=\"flask-basics-revisited\">Flask basics, revisited</h2>"));
  g_assert_null (strstr (c, "<h1"));
}

static void
test_remove_title (void)
{
  g_autofree char *a = topiary_markdown_remove_title ("# Flask basics\n\n\nText.\n", "flask basics");
  g_autofree char *b = topiary_markdown_remove_title ("Flask basics\n---\n\nText.\n", "Flask basics");
  g_autofree char *c = topiary_markdown_remove_title ("Flask basics\n============\nText.\n", "Flask basics");
  g_autofree char *d = topiary_markdown_remove_title ("# Flask basics", "Flask basics");
  g_autofree char *e = topiary_markdown_remove_title ("```\n# Flask basics\n```\n", "Flask basics");
  guint line = 0;
  gsize end = 0;
  g_autofree char *heading = topiary_markdown_first_heading ("\n# A *b* `c`\n\nx\n", &line, &end);

  g_assert_cmpstr (a, ==, "Text.\n");
  g_assert_null (b);  /* a level-2 setext heading */
  g_assert_cmpstr (c, ==, "Text.\n");
  g_assert_cmpstr (d, ==, "");
  g_assert_null (e);
  g_assert_cmpstr (heading, ==, "A b c");
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (end, ==, strlen ("\n# A *b* `c`\n\n"));
}

/* `check` reports the title heading (a warning) with the article and the
 * line; other level-1 headings need no finding. */
static void
test_check (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TopiaryProject) project = test_project_create ("topiary-title-XXXXXX", &dir, &path);
  g_autoptr(TopiaryArticle) a = topiary_article_new ();
  g_autoptr(TopiaryArticle) b = topiary_article_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint titles = 0;

  topiary_article_set_title (a, "Flask basics");
  topiary_article_set_body (a, "# Flask Basics\n\nText.\n\n# Setup\n\n```\n# not a heading\n```\n");
  topiary_article_set_title (b, "Other");
  topiary_article_set_body (b, "Text about [[Flask basics]].\n\n## Fine\n");
  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_true (topiary_project_add_article (project, b, &error));
  g_assert_no_error (error);

  findings = topiary_check_project (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->code, TOPIARY_CHECK_TITLE_HEADING))
        {
          titles++;
          g_assert_cmpint (f->severity, ==, TOPIARY_SEVERITY_WARNING);
          g_assert_cmpint (f->article_id, ==, topiary_article_get_id (a));
          g_assert_cmpstr (f->target, ==, "Flask Basics");
          g_assert_cmpstr (f->message, ==,
                           "Article “Flask basics” starts with its title as a heading (line 1), which its page shows already.");
        }
      /* "# Setup" is shown one level down: nothing to report. */
      g_assert_cmpstr (f->target, !=, "Setup");
    }
  g_assert_cmpuint (titles, ==, 1);

  json = topiary_check_to_json (findings, FALSE);
  g_assert_nonnull (strstr (json, "\"code\":\"title-heading\""));

  g_clear_object (&project);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/title/render-drops-title", test_render_drops_title);
  g_test_add_func ("/core/title/render-demotes-others", test_render_demotes_others);
  g_test_add_func ("/core/title/render-keeps-non-title", test_render_keeps_non_title);
  g_test_add_func ("/core/title/remove", test_remove_title);
  g_test_add_func ("/core/title/check", test_check);

  return g_test_run ();
}
