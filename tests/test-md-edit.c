/* test-md-edit.c — the editor's Markdown keys as text rules (issue 13):
 * list continuation, ending a list, Tab on items, fenced code blocks and
 * the closing fence's indent, toggling a wrap, URLs to paste as links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "topiary-md-edit.h"

/* Applies Enter at the end of @line and returns the line as it becomes
 * (with a '\n' where the new line starts). */
static char *
enter_at_end (const char *line,
              gboolean    in_fence)
{
  TopiaryMdEdit edit = { 0 };
  GString *out = g_string_new (NULL);

  topiary_md_edit_enter (line, strlen (line), in_fence, &edit);
  g_string_append_len (out, line, edit.start);
  g_string_append (out, edit.text);
  g_string_append (out, line + edit.end);
  topiary_md_edit_clear (&edit);
  return g_string_free (out, FALSE);
}

static void
test_enter_lists (void)
{
  static const struct {
    const char *line, *expected;
  } cases[] = {
    { "- milk", "- milk\n- " },
    { "* eggs", "* eggs\n* " },
    { "  + nested", "  + nested\n  + " },
    { "1. first", "1. first\n2. " },
    { "9) ninth", "9) ninth\n10) " },
    { "- [ ] buy bread", "- [ ] buy bread\n- [ ] " },
    { "- [x] done", "- [x] done\n- [ ] " },
    { "    indented code", "    indented code\n    " },
    { "plain text", "plain text\n" },
    /* Empty items end the list: the marker goes, no new line. */
    { "- ", "" },
    { "3. ", "" },
    { "- [ ] ", "" },
    { "  - ", "" },
    /* Not items. */
    { "-not a list", "-not a list\n" },
    { "1.5 litres", "1.5 litres\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = enter_at_end (cases[i].line, FALSE);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_enter_middle (void)
{
  TopiaryMdEdit edit = { 0 };

  /* Enter in the item's text splits it into two items. */
  topiary_md_edit_enter ("- milk and eggs", strlen ("- milk"), FALSE, &edit);
  g_assert_cmpuint (edit.start, ==, strlen ("- milk"));
  g_assert_cmpuint (edit.end, ==, edit.start);
  g_assert_cmpstr (edit.text, ==, "\n- ");
  topiary_md_edit_clear (&edit);

  /* Before the marker: a plain new line, no indent carried past the cursor. */
  topiary_md_edit_enter ("  - milk", 0, FALSE, &edit);
  g_assert_cmpstr (edit.text, ==, "\n");
  topiary_md_edit_clear (&edit);

  /* In a fenced code block a "- " line is code: the indent only. */
  topiary_md_edit_enter ("  - x", 5, TRUE, &edit);
  g_assert_cmpstr (edit.text, ==, "\n  ");
  topiary_md_edit_clear (&edit);
}

static char *
indent_line (const char *text,
             gsize       line_start,
             gboolean    outdent)
{
  TopiaryMdEdit edit = { 0 };
  GString *out;
  const char *nl;

  if (!topiary_md_edit_indent_item (text, line_start, outdent, &edit))
    return NULL;
  nl = strchr (text + line_start, '\n');
  out = g_string_new_len (text + line_start + edit.start, 0);
  g_string_append (out, edit.text);
  g_string_append_len (out, text + line_start + edit.end,
                       (nl ? (gsize) (nl - text) : strlen (text)) - line_start - edit.end);
  topiary_md_edit_clear (&edit);
  return g_string_free (out, FALSE);
}

static void
test_indent_items (void)
{
  const char *text = "- a\n- b\n  - c\n  - d\nparagraph\n1. one\n2. two\n";
  gsize b = strlen ("- a\n");
  gsize d = strlen ("- a\n- b\n  - c\n");
  gsize para = strlen ("- a\n- b\n  - c\n  - d\n");
  gsize two = strlen ("- a\n- b\n  - c\n  - d\nparagraph\n1. one\n");
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL;

  /* Tab nests the item under the one before, at its text's column. */
  s1 = indent_line (text, b, FALSE);
  g_assert_cmpstr (s1, ==, "  - b");
  s2 = indent_line (text, d, FALSE);
  g_assert_cmpstr (s2, ==, "    - d");
  s3 = indent_line (text, two, FALSE);
  g_assert_cmpstr (s3, ==, "   2. two");
  /* Shift+Tab moves it back to its parent's level. */
  s4 = indent_line (text, d, TRUE);
  g_assert_cmpstr (s4, ==, "- d");
  /* Not an item, or at the margin already: nothing to do. */
  g_assert_null (indent_line (text, para, FALSE));
  g_assert_null (indent_line (text, 0, TRUE));
  /* Under an ordered item, at its text's column. */
  s5 = indent_line ("1. one\n- x\n", strlen ("1. one\n"), FALSE);
  g_assert_cmpstr (s5, ==, "   - x");
}

static void
test_fences (void)
{
  const char *text = "Intro\n\n```python\n    def f():\n        pass\n    ```\n";
  TopiaryMdFence fence;
  gsize code = strlen ("Intro\n\n```python\n");
  gsize closing = strlen ("Intro\n\n```python\n    def f():\n        pass\n");

  topiary_md_fence_at (text, 0, &fence);
  g_assert_false (fence.open);
  topiary_md_fence_at (text, code, &fence);
  g_assert_true (fence.open);
  g_assert_cmpint (fence.ch, ==, '`');
  g_assert_cmpuint (fence.len, ==, 3);
  g_assert_cmpuint (fence.indent, ==, 0);

  /* The closing fence typed after indented code: the indent comes off. */
  topiary_md_fence_at (text, closing, &fence);
  g_assert_true (fence.open);
  g_assert_cmpuint (topiary_md_fence_outdent ("    ```", &fence), ==, 4);
  g_assert_cmpuint (topiary_md_fence_outdent ("```", &fence), ==, 0);
  /* Not a closing fence: shorter, other character, text after it. */
  g_assert_cmpuint (topiary_md_fence_outdent ("    ``", &fence), ==, 0);
  g_assert_cmpuint (topiary_md_fence_outdent ("    ~~~", &fence), ==, 0);
  g_assert_cmpuint (topiary_md_fence_outdent ("    ``` x", &fence), ==, 0);

  /* After the block is closed, the next line is outside it. */
  topiary_md_fence_at ("```\ncode\n```\nafter\n", strlen ("```\ncode\n```\n"), &fence);
  g_assert_false (fence.open);
  /* A fence in a list item keeps its own indent. */
  topiary_md_fence_at ("- item\n\n  ~~~~\n  code\n", strlen ("- item\n\n  ~~~~\n  code\n"), &fence);
  g_assert_true (fence.open);
  g_assert_cmpuint (fence.indent, ==, 2);
  g_assert_cmpuint (fence.len, ==, 4);
  g_assert_cmpuint (topiary_md_fence_outdent ("      ~~~~", &fence), ==, 4);
  g_assert_cmpuint (topiary_md_fence_outdent ("  ~~~", &fence), ==, 0);
  /* Backticks in a backtick fence's info string: inline code, no fence. */
  topiary_md_fence_at ("```a`b```\ntext\n", strlen ("```a`b```\n"), &fence);
  g_assert_false (fence.open);
}

static void
test_wrap_state (void)
{
  g_assert_cmpint (topiary_md_wrap_state ("make ", "strong", " now", "**"), ==, TOPIARY_MD_WRAP_NONE);
  g_assert_cmpint (topiary_md_wrap_state ("make ", "**strong**", " now", "**"), ==, TOPIARY_MD_WRAP_INSIDE);
  g_assert_cmpint (topiary_md_wrap_state ("make **", "strong", "** now", "**"), ==, TOPIARY_MD_WRAP_OUTSIDE);
  g_assert_cmpint (topiary_md_wrap_state ("", "_x_", "", "_"), ==, TOPIARY_MD_WRAP_INSIDE);
  g_assert_cmpint (topiary_md_wrap_state ("`", "code", "`", "`"), ==, TOPIARY_MD_WRAP_OUTSIDE);
  /* One mark alone is not a wrap. */
  g_assert_cmpint (topiary_md_wrap_state ("", "**", "", "**"), ==, TOPIARY_MD_WRAP_NONE);
  g_assert_cmpint (topiary_md_wrap_state ("**", "x", "", "**"), ==, TOPIARY_MD_WRAP_NONE);
  g_assert_cmpint (topiary_md_wrap_state (NULL, "x", NULL, "_"), ==, TOPIARY_MD_WRAP_NONE);
}

static void
test_is_url (void)
{
  g_assert_true (topiary_md_is_url ("https://example.com/a?b=c"));
  g_assert_true (topiary_md_is_url ("  http://example.com\n"));
  g_assert_true (topiary_md_is_url ("mailto:me@example.com"));
  g_assert_true (topiary_md_is_url ("HTTPS://EXAMPLE.COM"));
  g_assert_false (topiary_md_is_url ("example.com"));
  g_assert_false (topiary_md_is_url ("https://"));
  g_assert_false (topiary_md_is_url ("https://example.com and more"));
  g_assert_false (topiary_md_is_url ("javascript:alert(1)"));
  g_assert_false (topiary_md_is_url (""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/md-edit/enter-lists", test_enter_lists);
  g_test_add_func ("/core/md-edit/enter-middle", test_enter_middle);
  g_test_add_func ("/core/md-edit/indent-items", test_indent_items);
  g_test_add_func ("/core/md-edit/fences", test_fences);
  g_test_add_func ("/core/md-edit/wrap-state", test_wrap_state);
  g_test_add_func ("/core/md-edit/is-url", test_is_url);

  return g_test_run ();
}
