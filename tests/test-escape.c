/* test-escape.c — the one HTML/XML escaper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-escape.h"
#include "topiary-markdown.h"
#include "topiary-mustache.h"

#define T TOPIARY_ESCAPE_HTML_TEXT
#define A TOPIARY_ESCAPE_HTML_ATTRIBUTE
#define X TOPIARY_ESCAPE_XML

typedef struct {
  const char *in;
  gssize      length;   /* -1: NUL-terminated */
  const char *text;     /* TOPIARY_ESCAPE_HTML_TEXT */
  const char *attr;     /* TOPIARY_ESCAPE_HTML_ATTRIBUTE */
  const char *xml;      /* TOPIARY_ESCAPE_XML */
} EscapeCase;

static const EscapeCase cases[] = {
  { "", -1, "", "", "" },
  { "plain text", -1, "plain text", "plain text", "plain text" },
  { "<", -1, "&lt;", "&lt;", "&lt;" },
  { ">", -1, "&gt;", "&gt;", "&gt;" },
  { "&", -1, "&amp;", "&amp;", "&amp;" },
  { "&amp;", -1, "&amp;amp;", "&amp;amp;", "&amp;amp;" },   /* entities are text too */
  { "\"", -1, "\"", "&quot;", "&quot;" },
  { "'", -1, "'", "&#39;", "&apos;" },
  { "a<b>&\"'c", -1, "a&lt;b&gt;&amp;\"'c", "a&lt;b&gt;&amp;&quot;&#39;c", "a&lt;b&gt;&amp;&quot;&apos;c" },
  { "<script>alert(1)</script>", -1,
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "\" onload=\"x", -1, "\" onload=\"x", "&quot; onload=&quot;x", "&quot; onload=&quot;x" },
  /* white space stays, form feed only in HTML */
  { "a\tb\nc\rd", -1, "a\tb\nc\rd", "a\tb\nc\rd", "a\tb\nc\rd" },
  { "a\fb", -1, "a\fb", "a\fb", "ab" },
  /* control characters XML 1.0 forbids (and HTML does not allow) are dropped */
  { "a\x01" "b\x08" "c\x0b" "d\x1f" "e\x1b[0m", -1, "abcde[0m", "abcde[0m", "abcde[0m" },
  /* DEL and C1 controls are allowed in XML 1.0 */
  { "a\x7f" "b\xc2\x85" "c", -1, "a\x7f" "b\xc2\x85" "c", "a\x7f" "b\xc2\x85" "c", "a\x7f" "b\xc2\x85" "c" },
  /* the noncharacters U+FFFE and U+FFFF are no XML characters; U+FFFD is */
  { "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\xef\xbf\xbd" "d\xef\xbc\xa1", -1,
    "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\xef\xbf\xbd" "d\xef\xbc\xa1",
    "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\xef\xbf\xbd" "d\xef\xbc\xa1",
    "abc\xef\xbf\xbd" "d\xef\xbc\xa1" },
  /* non-ASCII and emoji pass as they are */
  { "Über Straße 🌱 <ü>", -1, "Über Straße 🌱 &lt;ü&gt;", "Über Straße 🌱 &lt;ü&gt;", "Über Straße 🌱 &lt;ü&gt;" },
  /* invalid UTF-8: each bad byte becomes U+FFFD, the rest is kept */
  { "a\xff" "b", -1, "a\xef\xbf\xbd" "b", "a\xef\xbf\xbd" "b", "a\xef\xbf\xbd" "b" },
  { "\xc3(<", -1, "\xef\xbf\xbd(&lt;", "\xef\xbf\xbd(&lt;", "\xef\xbf\xbd(&lt;" },
  { "\xe2\x82", -1, "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd" },
  { "\xed\xa0\x80", -1,   /* an encoded surrogate */
    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
  { "\xc0\xbc", -1,       /* an overlong "<" is no "<" */
    "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd" },
  /* with a length: only that much is read, and a NUL inside is dropped */
  { "<>", 1, "&lt;", "&lt;", "&lt;" },
  { "a\0<b", 4, "a&lt;b", "a&lt;b", "a&lt;b" },
  { "abc", 0, "", "", "" },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const EscapeCase *c = &cases[i];
      const char *want[] = { c->text, c->attr, c->xml };

      for (guint m = 0; m < 3; m++)
        {
          g_autofree char *got = topiary_escape (c->in, c->length, m);
          g_autoptr(GString) appended = g_string_new ("x");

          if (strcmp (got, want[m]) != 0)
            g_error ("case %u, mode %u: “%s” escaped to “%s”, not “%s”", i, m, c->in, got, want[m]);
          g_assert_true (g_utf8_validate (got, -1, NULL));
          topiary_escape_append (appended, c->in, c->length, m);
          g_assert_cmpstr (appended->str + 1, ==, got);
        }
    }
}

/* NULL is nothing; an append adds to what is there. */
static void
test_null (void)
{
  g_autoptr(GString) s = g_string_new ("keep");
  g_autofree char *none = topiary_escape (NULL, -1, X);

  topiary_escape_append (s, NULL, -1, A);
  g_assert_cmpstr (s->str, ==, "keep");
  g_assert_cmpstr (none, ==, "");
}

/* Long strings: runs with and without markup, across every position. */
static void
test_long (void)
{
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      switch (i % 7)
        {
        case 0: g_string_append (in, "<"); g_string_append (want, "&lt;"); break;
        case 3: g_string_append (in, "é'"); g_string_append (want, "é&apos;"); break;
        case 5: g_string_append (in, "\x02"); break;
        default: g_string_append (in, "plain text "); g_string_append (want, "plain text "); break;
        }
    }
  got = topiary_escape (in->str, in->len, X);
  g_assert_cmpuint (strlen (got), ==, want->len);
  g_assert_true (strcmp (got, want->str) == 0);
}

/* The templates' {{value}} used to escape like this (test-mustache). */
static void
test_template_value (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  topiary_escape_append (s, "a<b>&\"'c", -1, A);
  g_assert_cmpstr (s->str, ==, "a&lt;b&gt;&amp;&quot;&#39;c");
  g_string_truncate (s, 0);
  topiary_escape_append (s, "<>", 1, A);
  g_assert_cmpstr (s->str, ==, "&lt;");
}

/* The templates and the renderer's own markup go through it: a control
 * character in a value or a link target reaches no page. */
static void
test_callers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMustacheTemplate) tmpl = topiary_mustache_template_new ("t", "<p title=\"{{v}}\">{{v}}</p>", -1, &error);
  g_autoptr(JsonObject) ctx = json_object_new ();
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(TopiaryMarkdownResult) md = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (ctx, "v", "a\x01<b>\"\x1b");
  g_assert_true (topiary_mustache_template_render_object (tmpl, page, ctx, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (page->str, ==, "<p title=\"a&lt;b&gt;&quot;\">a&lt;b&gt;&quot;</p>");

  md = topiary_markdown_render ("[[x\x02\"y]]", -1, NULL);
  g_assert_nonnull (strstr (md->html, "title=\"x&quot;y\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/escape/table", test_table);
  g_test_add_func ("/core/escape/null", test_null);
  g_test_add_func ("/core/escape/long", test_long);
  g_test_add_func ("/core/escape/template-value", test_template_value);
  g_test_add_func ("/core/escape/callers", test_callers);

  return g_test_run ();
}
