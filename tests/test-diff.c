/* test-diff.c — the line diff a revision is compared with (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-diff.h"

/* The diff as text: " line", "-line", "+line", one a line. */
static char *
render (GPtrArray *diff)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diff->len; i++)
    {
      const TopiaryDiffLine *line = diff->pdata[i];

      g_string_append_c (out, line->op == TOPIARY_DIFF_SAME ? ' ' : line->op == TOPIARY_DIFF_ADDED ? '+' : '-');
      g_string_append (out, line->text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
diff_of (const char *a,
         const char *b)
{
  g_autoptr(GPtrArray) diff = topiary_diff_lines (a, b);

  return render (diff);
}

static void
test_simple (void)
{
  g_autofree char *same = diff_of ("a\nb\n", "a\nb\n");
  g_autofree char *added = diff_of ("", "a\nb");
  g_autofree char *removed = diff_of ("a\nb\n", NULL);
  g_autofree char *changed = diff_of ("one\ntwo\nthree\nfour\n", "one\n2\n3\nfour\nfive\n");
  g_autofree char *crlf = diff_of ("a\r\nb\r\n", "a\r\nc\r\n");

  g_assert_cmpstr (same, ==, " a\n b\n");
  g_assert_cmpstr (added, ==, "+a\n+b\n");
  g_assert_cmpstr (removed, ==, "-a\n-b\n");
  /* Removed before added in each run of changes. */
  g_assert_cmpstr (changed, ==, " one\n-two\n-three\n+2\n+3\n four\n+five\n");
  g_assert_cmpstr (crlf, ==, " a\r\n-b\r\n+c\r\n");
}

static void
test_line_numbers (void)
{
  g_autoptr(GPtrArray) diff = topiary_diff_lines ("a\nb\nc\n", "a\nx\nc\nd\n");
  static const struct { TopiaryDiffOp op; guint old_line, new_line; } expected[] = {
    { TOPIARY_DIFF_SAME, 1, 1 },
    { TOPIARY_DIFF_REMOVED, 2, 0 },
    { TOPIARY_DIFF_ADDED, 0, 2 },
    { TOPIARY_DIFF_SAME, 3, 3 },
    { TOPIARY_DIFF_ADDED, 0, 4 },
  };
  guint added, removed;

  g_assert_cmpuint (diff->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < diff->len; i++)
    {
      const TopiaryDiffLine *line = diff->pdata[i];

      g_assert_cmpint (line->op, ==, expected[i].op);
      g_assert_cmpuint (line->old_line, ==, expected[i].old_line);
      g_assert_cmpuint (line->new_line, ==, expected[i].new_line);
    }
  topiary_diff_count (diff, &added, &removed);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (removed, ==, 1);
}

/* The example of Myers' paper: ABCABBA to CBABAC takes five edits. */
static void
test_paper (void)
{
  g_autoptr(GPtrArray) diff = topiary_diff_lines ("A\nB\nC\nA\nB\nB\nA\n", "C\nB\nA\nB\nA\nC\n");
  guint added, removed;

  topiary_diff_count (diff, &added, &removed);
  g_assert_cmpuint (added + removed, ==, 5);
}

/* Length of the longest common subsequence, by the textbook table. */
static guint
lcs_length (char **a,
            guint  n,
            char **b,
            guint  m)
{
  g_autofree guint *row = g_new0 (guint, (n + 1) * (m + 1));

  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      row[i * (m + 1) + j] = g_str_equal (a[i - 1], b[j - 1])
                             ? row[(i - 1) * (m + 1) + j - 1] + 1
                             : MAX (row[(i - 1) * (m + 1) + j], row[i * (m + 1) + j - 1]);
  return row[n * (m + 1) + m];
}

static char *
random_text (GRand *rand,
             guint  lines,
             guint  alphabet)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines; i++)
    g_string_append_printf (out, "%c\n", 'a' + g_rand_int_range (rand, 0, alphabet));
  return g_string_free (out, FALSE);
}

/* For random texts: the old and the new text come back from the diff,
 * and it is as short as can be (n + m − 2·LCS changed lines). */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *a = random_text (rand, g_rand_int_range (rand, 0, 40), 2 + round % 5);
      g_autofree char *b = random_text (rand, g_rand_int_range (rand, 0, 40), 2 + round % 5);
      g_auto(GStrv) la = g_strsplit (a, "\n", -1);
      g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
      /* The last piece is "" (and "" splits into nothing). */
      guint n = MAX (g_strv_length (la), 1) - 1, m = MAX (g_strv_length (lb), 1) - 1;
      g_autoptr(GPtrArray) diff = topiary_diff_lines (a, b);
      GString *old_back = g_string_new (NULL);
      GString *new_back = g_string_new (NULL);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      guint added, removed;

      for (guint i = 0; i < diff->len; i++)
        {
          const TopiaryDiffLine *line = diff->pdata[i];

          if (line->op != TOPIARY_DIFF_ADDED)
            g_string_append_printf (old_back, "%s\n", line->text);
          if (line->op != TOPIARY_DIFF_REMOVED)
            g_string_append_printf (new_back, "%s\n", line->text);
        }
      old_text = g_string_free (old_back, FALSE);
      new_text = g_string_free (new_back, FALSE);
      g_assert_cmpstr (old_text, ==, a);
      g_assert_cmpstr (new_text, ==, b);
      topiary_diff_count (diff, &added, &removed);
      g_assert_cmpuint (added + removed, ==, n + m - 2 * lcs_length (la, n, lb, m));
    }
}

/* Two texts with nothing in common past the cap: everything between the
 * common first and last lines is removed, then added, without a search. */
static void
test_unrelated (void)
{
  GString *a = g_string_new ("same start\n");
  GString *b = g_string_new ("same start\n");
  g_autoptr(GPtrArray) diff = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  guint added, removed;

  for (guint i = 0; i < TOPIARY_DIFF_MAX_CHANGES; i++)
    {
      g_string_append_printf (a, "old %u\n", i);
      g_string_append_printf (b, "new %u\n", i);
    }
  g_string_append (a, "same end\n");
  g_string_append (b, "same end\n");
  old_text = g_string_free (a, FALSE);
  new_text = g_string_free (b, FALSE);
  diff = topiary_diff_lines (old_text, new_text);
  topiary_diff_count (diff, &added, &removed);
  g_assert_cmpuint (added, ==, TOPIARY_DIFF_MAX_CHANGES);
  g_assert_cmpuint (removed, ==, TOPIARY_DIFF_MAX_CHANGES);
  g_assert_cmpuint (diff->len, ==, 2 * TOPIARY_DIFF_MAX_CHANGES + 2);
  g_assert_cmpint (((TopiaryDiffLine *) diff->pdata[1])->op, ==, TOPIARY_DIFF_REMOVED);
  g_assert_cmpint (((TopiaryDiffLine *) diff->pdata[diff->len - 2])->op, ==, TOPIARY_DIFF_ADDED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/diff/simple", test_simple);
  g_test_add_func ("/core/diff/line-numbers", test_line_numbers);
  g_test_add_func ("/core/diff/paper", test_paper);
  g_test_add_func ("/core/diff/random-minimal", test_random);
  g_test_add_func ("/core/diff/unrelated", test_unrelated);
  return g_test_run ();
}
