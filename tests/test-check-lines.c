/* test-check-lines.c — an audit finding about a place in a body names its
 * line, for the app to open the article there (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-check.h"
#include "topiary-project.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static const TopiaryCheckFinding *
finding_of (GPtrArray  *findings,
            const char *code)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const TopiaryCheckFinding *f = findings->pdata[i];

      if (g_str_equal (f->code, code))
        return f;
    }
  return NULL;
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GPtrArray) findings = NULL;
  gint64 group = test_add_group (f->project, "Group");
  const TopiaryCheckFinding *found;

  topiary_article_set_title (article, "Pillar");
  topiary_article_set_group_id (article, group);
  topiary_article_set_kind (article, TOPIARY_KIND_PILLAR);
  topiary_article_set_body (article,
                            "# Pillar\n"
                            "\n"
                            "See [[Nowhere at all]] for more.\n"
                            "\n"
                            "![](missing.png)\n"
                            "\n"
                            "And [a page](../no-such-page/) too.\n");
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);

  findings = topiary_check_project (f->project, &error);
  g_assert_no_error (error);
  found = finding_of (findings, TOPIARY_CHECK_UNRESOLVED_LINK);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->line, ==, 3);
  found = finding_of (findings, TOPIARY_CHECK_IMAGE_WITHOUT_ALT);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->line, ==, 5);
  found = finding_of (findings, TOPIARY_CHECK_MISSING_FILE);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->line, ==, 5);
  found = finding_of (findings, TOPIARY_CHECK_UNRESOLVED_RELATIVE_LINK);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->line, ==, 7);
  /* A finding about no place in a body names no line. */
  found = finding_of (findings, TOPIARY_CHECK_PILLAR_NOT_LINKING_CLUSTER);
  g_assert_null (found);
  for (guint i = 0; i < findings->len; i++)
    {
      const TopiaryCheckFinding *any = findings->pdata[i];

      if (any->article_id == 0)
        g_assert_cmpuint (any->line, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/check/finding-lines", Fixture, NULL,
              test_project_fixture_setup, test_lines, test_project_fixture_teardown);
  return g_test_run ();
}
