/* test-highlight-gsv.c — fenced code highlighted with GtkSourceView 5,
 * with no display and no gtk_init() as in `topiary export` (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "topiary-highlight.h"
#include "topiary-highlight-gsv.h"
#include "topiary-markdown.h"

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("%s:%d: expected “%s” in:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

/* @html with its tags removed and its entities decoded: the text shown. */
static char *
shown_text (const char *html)
{
  GString *out = g_string_new (NULL);

  for (const char *p = html; *p != '\0'; )
    {
      if (*p == '<')
        {
          p = strchr (p, '>');
          g_assert_nonnull (p);
          p++;
        }
      else if (g_str_has_prefix (p, "&lt;"))
        g_string_append_c (out, '<'), p += 4;
      else if (g_str_has_prefix (p, "&gt;"))
        g_string_append_c (out, '>'), p += 4;
      else if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&'), p += 5;
      else if (g_str_has_prefix (p, "&quot;"))
        g_string_append_c (out, '"'), p += 6;
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Every <span> closes before the next opens, each has a known class. */
static void
assert_well_formed (const char *html)
{
  const char *p = html;

  while ((p = strchr (p, '<')) != NULL)
    {
      if (g_str_has_prefix (p, "<span class=\"tok-"))
        {
          const char *class = p + strlen ("<span class=\"tok-");
          const char *q = strchr (class, '"');
          g_autofree char *name = g_strndup (class, q - class);
          const char *close = strstr (q, "</span>");
          const char *next = strstr (q, "<span");

          g_assert_true (g_strv_contains (topiary_highlight_classes, name));
          g_assert_nonnull (close);
          g_assert_true (next == NULL || next > close);
          p = close + strlen ("</span>");
        }
      else
        g_error ("unexpected markup at: %.40s", p);
    }
}

static char *
highlight (const char *language,
           const char *code)
{
  GString *out = g_string_new (NULL);

  if (!topiary_highlight_gsv (language, code, strlen (code), out, NULL))
    {
      g_assert_cmpuint (out->len, ==, 0);
      g_string_free (out, TRUE);
      return NULL;
    }
  assert_well_formed (out->str);
  {
    g_autofree char *text = shown_text (out->str);
    g_assert_cmpstr (text, ==, code);
  }
  return g_string_free (out, FALSE);
}

static void
test_c (void)
{
  g_autofree char *html = highlight ("c", "#include <stdio.h>\n/* say <hi> */\n"
                                          "int main (void) { return printf (\"x\\n\") + 42; }\n");

  g_assert_nonnull (html);
  assert_contains (html, "<span class=\"tok-preproc\">#include </span><span class=\"tok-string\">&lt;stdio.h&gt;</span>");
  assert_contains (html, "<span class=\"tok-comment\">/* say &lt;hi&gt; */</span>");
  assert_contains (html, "<span class=\"tok-type\">int</span>");
  assert_contains (html, "<span class=\"tok-keyword\">return</span>");
  assert_contains (html, "<span class=\"tok-escape\">\\n</span>");
  assert_contains (html, "<span class=\"tok-number\">42</span>");
}

static void
test_python (void)
{
  g_autofree char *html = highlight ("Python", "def f(x):\n    # note\n    return 'a<b' if x else None\n");

  g_assert_nonnull (html);
  assert_contains (html, "<span class=\"tok-keyword\">def</span>");
  assert_contains (html, "<span class=\"tok-comment\"># note</span>");
  assert_contains (html, "<span class=\"tok-string\">'a&lt;b'</span>");
  assert_contains (html, "<span class=\"tok-constant\">None</span>");
}

static void
test_shell (void)
{
  const char *names[] = { "sh", "bash", "shell", "zsh" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *html = highlight (names[i], "if [ -n \"$HOME\" ]; then echo ok; fi # done\n");

      g_assert_nonnull (html);
      assert_contains (html, "<span class=\"tok-keyword\">if</span>");
      assert_contains (html, "<span class=\"tok-comment\"># done</span>");
      assert_contains (html, "tok-string");
    }
}

/* A </script> or <script> in any code stays text. */
static void
test_escapes_markup (void)
{
  const char *code = "<script>alert(\"&amp;\")</script><!-- x --><img src=x onerror=alert(1)>\n";
  const char *languages[] = { "html", "xml", "javascript", "c", "markdown" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *html = highlight (languages[i], code);

      g_test_message ("%s", languages[i]);

      g_assert_nonnull (html);
      g_assert_null (strstr (html, "<script"));
      g_assert_null (strstr (html, "<img"));
      g_assert_null (strstr (html, "<!--"));
      assert_contains (html, "&amp;amp;");
    }
}

static void
test_unknown_plain (void)
{
  const char *names[] = { "nosuchlanguage", "def", "language", "", "../../etc/passwd",
                          "c\"><script>", "x'y", "js-expr", "typescript-type-gen" };
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_null (highlight (names[i], "plain <text>\n"));

  options.highlight = topiary_highlight_gsv;
  result = topiary_markdown_render ("```nosuchlanguage\na < b\n```\n\n```c\"onclick=\"x\nint\n```\n",
                                    -1, &options);
  g_assert_cmpstr (result->html, ==,
                   "<pre><code class=\"language-nosuchlanguage\">a &lt; b\n</code></pre>\n"
                   "<pre><code class=\"language-c&quot;onclick=&quot;x\">int\n</code></pre>\n");
}

/* A code block over 256 KiB is left plain, one just under is done; so
 * is a very long line; ten thousand unknown names are fine. */
static void
test_hostile_sizes (void)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;

  while (code->len < 250 * 1024)
    g_string_append (code, "x = \"<y>\" + 1  # \xc3\xa9t\xc3\xa9 '\n");
  g_assert_true (topiary_highlight_gsv ("python", code->str, code->len, out, NULL));
  g_assert_null (strstr (out->str, "<y>"));
  while (code->len <= 256 * 1024)
    g_string_append (code, "x = 1\n");
  g_string_truncate (out, 0);
  g_assert_false (topiary_highlight_gsv ("python", code->str, code->len, out, NULL));
  g_assert_cmpuint (out->len, ==, 0);

  /* A line of 8,000 bytes is done; one of 200 KiB (minified code, on
   * which GtkSourceView would give up with a critical warning) is not. */
  g_string_truncate (code, 0);
  while (code->len < 8000)
    g_string_append (code, "\"a\\\"<b>\" ");
  g_string_truncate (out, 0);
  g_assert_true (topiary_highlight_gsv ("c", code->str, code->len, out, NULL));
  g_assert_null (strstr (out->str, "<b>"));
  while (code->len < 200 * 1024)
    g_string_append (code, "\"a\\\"<b>\" ");
  g_string_truncate (out, 0);
  g_assert_false (topiary_highlight_gsv ("c", code->str, code->len, out, NULL));

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (doc, "```lang%u\"'<>&\n<x>\n```\n\n", i);
  options.highlight = topiary_highlight_gsv;
  result = topiary_markdown_render (doc->str, -1, &options);
  g_assert_null (strstr (result->html, "<x>"));
  g_assert_null (strstr (result->html, "tok-"));
}

static gpointer
render_thread (gpointer data)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;

  options.highlight = topiary_highlight_gsv;
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(TopiaryMarkdownResult) result =
        topiary_markdown_render ("```c\nint x = 1;\n```\n\n```python\ny = 'z'\n```\n", -1, &options);

      assert_contains (result->html, "<span class=\"tok-type\">int</span>");
      assert_contains (result->html, "<span class=\"tok-string\">'z'</span>");
    }
  return NULL;
}

/* The site export renders on a worker thread while the app's preview
 * renders on the main thread. */
static void
test_threads (void)
{
  GThread *a = g_thread_new ("a", render_thread, NULL);
  GThread *b = g_thread_new ("b", render_thread, NULL);

  render_thread (NULL);
  g_thread_join (a);
  g_thread_join (b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlight/gsv/c", test_c);
  g_test_add_func ("/highlight/gsv/python", test_python);
  g_test_add_func ("/highlight/gsv/shell", test_shell);
  g_test_add_func ("/highlight/gsv/escapes-markup", test_escapes_markup);
  g_test_add_func ("/highlight/gsv/unknown-plain", test_unknown_plain);
  g_test_add_func ("/highlight/gsv/hostile-sizes", test_hostile_sizes);
  g_test_add_func ("/highlight/gsv/threads", test_threads);

  return g_test_run ();
}
