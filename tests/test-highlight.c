/* test-highlight.c — the code highlighter hook of the Markdown renderer
 * and the site export, with a fake highlighter (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "topiary-escape.h"
#include "topiary-export.h"
#include "topiary-highlight.h"
#include "topiary-markdown.h"
#include "topiary-project.h"
#include "test-util.h"

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("%s:%d: expected “%s” in:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

/* Knows one language, "fake": the whole code is one token. Records the
 * languages it was asked about. */
static gboolean
fake_highlight (const char *language,
                const char *code,
                gsize       length,
                GString    *out,
                gpointer    user_data)
{
  GString *asked = user_data;

  if (asked != NULL)
    g_string_append_printf (asked, "%s;", language);
  if (!g_str_equal (language, "fake"))
    return FALSE;
  g_string_append (out, "<span class=\"tok-keyword\">");
  topiary_escape_append (out, code, length, TOPIARY_ESCAPE_HTML_TEXT);
  g_string_append (out, "</span>");
  return TRUE;
}

static char *
render_with (const char *markdown,
             gboolean    sourcepos,
             GString    *asked)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  options.sourcepos = sourcepos;
  options.highlight = fake_highlight;
  options.highlight_data = asked;
  result = topiary_markdown_render (markdown, -1, &options);
  return g_strdup (result->html);
}

static char *
render_plain (const char *markdown,
              gboolean    sourcepos)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  options.sourcepos = sourcepos;
  result = topiary_markdown_render (markdown, -1, &options);
  return g_strdup (result->html);
}

static void
test_hook_highlights (void)
{
  g_autoptr(GString) asked = g_string_new (NULL);
  g_autofree char *html = render_with ("Text.\n\n```fake {.numbered}\nif <a> & b\n```\n\nMore.\n",
                                       FALSE, asked);

  g_assert_cmpstr (html, ==,
                   "<p>Text.</p>\n"
                   "<pre><code class=\"language-fake\"><span class=\"tok-keyword\">if &lt;a&gt; &amp; b\n"
                   "</span></code></pre>\n"
                   "<p>More.</p>\n");
  g_assert_cmpstr (asked->str, ==, "fake;");
}

/* The preview follows the cursor by the <pre>'s data-sourcepos. */
static void
test_hook_keeps_sourcepos (void)
{
  g_autofree char *html = render_with ("# T\n\n- item\n\n  ```fake\n  x\n  ```\n", TRUE, NULL);

  assert_contains (html, "<pre data-sourcepos=\"5:3-7:5\"><code class=\"language-fake\">"
                         "<span class=\"tok-keyword\">x\n</span></code></pre>");
}

/* A language the highlighter does not know, an indented block, a fence
 * with no info string and one whose info string is no language name are
 * rendered as with no highlighter; only the first is asked about. */
static void
test_hook_leaves_the_rest (void)
{
  const char *text = "```python\nx = '<b>'\n```\n\n    indented <i>\n\n```\nbare\n```\n\n"
                     "```c\"onmouseover=\"alert(1)\nquoted\n```\n\n"
                     "``` fake\nafter a space\n```\n\n"
                     "~~~rust\ntilde\n~~~\n";
  g_autoptr(GString) asked = g_string_new (NULL);
  g_autofree char *with = render_with (text, TRUE, asked);
  g_autofree char *without = render_plain (text, TRUE);
  g_autofree char *highlighted = NULL;

  g_assert_cmpstr (asked->str, ==, "python;fake;rust;");
  /* Only "``` fake" differs: cmark takes the info string's first word. */
  highlighted = render_plain ("```fake\nafter a space\n```\n", FALSE);
  assert_contains (with, "<span class=\"tok-keyword\">after a space\n</span>");
  g_assert_null (strstr (without, "tok-"));
  g_assert_null (strstr (with, "onmouseover=\"alert"));
  g_assert_cmpuint (strlen (with), ==,
                    strlen (without) + strlen ("<span class=\"tok-keyword\"></span>"));
}

/* A language name too long or full of markup is not passed on. */
static void
test_hook_hostile_names (void)
{
  g_autoptr(GString) asked = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new ("```");
  g_autofree char *html = NULL;

  for (guint i = 0; i < 41; i++)
    g_string_append_c (text, 'a');
  g_string_append (text, "\nx\n```\n\n```<script>\ny\n```\n\n```'\nz\n```\n\n```c++\nw\n```\n");
  html = render_with (text->str, FALSE, asked);
  g_assert_cmpstr (asked->str, ==, "c++;");
  g_assert_null (strstr (html, "<script>"));
}

static void
test_install (void)
{
  g_autoptr(GString) asked = g_string_new (NULL);
  gpointer data = NULL;

  topiary_highlight_install (fake_highlight, asked);
  g_assert_true (topiary_highlight_get (&data) == fake_highlight);
  g_assert_true (data == asked);
  topiary_highlight_install (NULL, asked);
  g_assert_null (topiary_highlight_get (&data));
  g_assert_null (data);
}

/* The site export passes the installed highlighter to the renderer. */
static void
test_export_uses_installed (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *page = NULL;
  g_autofree char *page_path = NULL;
  g_autoptr(TopiaryProject) project = test_project_create ("topiary-highlight-XXXXXX", &dir, &path);
  g_autoptr(TopiaryArticle) a = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  topiary_article_set_title (a, "Code");
  topiary_article_set_body (a, "Look:\n\n```fake\nx < y\n```\n\n```unknown\nplain\n```\n");
  topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_no_error (error);

  topiary_highlight_install (fake_highlight, NULL);
  out = g_build_filename (dir, "site", NULL);
  opts.format = TOPIARY_EXPORT_SITE;
  g_assert_true (topiary_export (project, out, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  topiary_highlight_install (NULL, NULL);

  page_path = g_build_filename (out, "code", "index.html", NULL);
  g_assert_true (g_file_get_contents (page_path, &page, NULL, &error));
  g_assert_no_error (error);
  assert_contains (page, "<code class=\"language-fake\"><span class=\"tok-keyword\">x &lt; y\n</span></code>");
  assert_contains (page, "<code class=\"language-unknown\">plain\n</code>");

  g_clear_object (&project);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/highlight/hook-highlights", test_hook_highlights);
  g_test_add_func ("/core/highlight/hook-keeps-sourcepos", test_hook_keeps_sourcepos);
  g_test_add_func ("/core/highlight/hook-leaves-the-rest", test_hook_leaves_the_rest);
  g_test_add_func ("/core/highlight/hook-hostile-names", test_hook_hostile_names);
  g_test_add_func ("/core/highlight/install", test_install);
  g_test_add_func ("/core/highlight/export-uses-installed", test_export_uses_installed);

  return g_test_run ();
}
