/* test-export-hugo-links.c — wiki links in the Hugo export read as the site reads them
 *
 * The Hugo export rewrites [[target|label]] into Markdown links that Hugo
 * renders. What is a wiki link, and what its label says, must be what the
 * site export and the preview show: a link inside a list item's indented
 * paragraph is a link, one inside an HTML comment is not, and a label is
 * text, not Markdown. Reading the folder back gives the
 * same bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-export.h"
#include "topiary-import.h"
#include "topiary-project.h"

#include "test-util.h"

#define RELREF_ROUTING "({{< relref \"/routing.md\" >}})"

typedef TestProjectFixture Fixture;

static char *
export_hugo (Fixture    *f,
             gboolean    strict,
             const char *slug,
             GError    **error)
{
  g_autofree char *dir = g_build_filename (f->dir, "hugo", NULL);
  g_autofree char *rel = g_strconcat (slug, ".md", NULL);
  g_autofree char *path = g_build_filename (dir, "content", rel, NULL);
  TopiaryExportOptions opts = { 0 };
  char *text = NULL;

  opts.format = TOPIARY_EXPORT_HUGO;
  opts.strict = strict;
  opts.force = TRUE;
  if (!topiary_export (f->project, dir, &opts, NULL, NULL, error))
    return NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A wiki link in a list item's indented paragraph is a link, as the
 * renderer (and so the site) reads it; four spaces there are no code. */
static void
test_list_paragraph (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  test_add_published_article (f->project, "Routing", "Routes.\n");
  test_add_published_article (f->project, "Flask",
                              "- an item\n"
                              "\n"
                              "    [[Routing]] continues the item.\n"
                              "\n"
                              "Code:\n"
                              "\n"
                              "    [[Routing]] in indented code\n");
  text = export_hugo (f, FALSE, "flask", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "    [Routing]" RELREF_ROUTING " continues the item.\n"));
  g_assert_nonnull (strstr (text, "    [[Routing]] in indented code\n"));
}

/* A label is shown as it is written: Markdown and HTML in it are escaped,
 * linked or not. */
static void
test_label_is_text (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  test_add_published_article (f->project, "Routing", "Routes.\n");
  test_add_published_article (f->project, "Flask",
                              "See [[Routing|*starred* and <b>bold</b>]].\n"
                              "Not [[Nowhere|a_b_ *c*]] yet.\n");
  text = export_hugo (f, FALSE, "flask", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "See [\\*starred\\* and \\<b\\>bold\\</b\\>]" RELREF_ROUTING ".\n"));
  g_assert_nonnull (strstr (text, "Not a\\_b\\_ \\*c\\* yet.\n"));
}

/* What the renderer leaves alone is left alone: an HTML comment holds no
 * link, so a strict export does not stop on it and it comes out as it was. */
static void
test_comment (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *body =
    "Before <!-- [[Nowhere]] --> after, [[Routing]].\n";

  test_add_published_article (f->project, "Routing", "Routes.\n");
  test_add_published_article (f->project, "Flask", body);
  text = export_hugo (f, TRUE, "flask", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Before <!-- [[Nowhere]] --> after, [Routing]" RELREF_ROUTING ".\n"));
}

/* Reading the export back gives the bodies as they were, labels with
 * Markdown characters included. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "hugo", NULL);
  g_autofree char *back_path = g_build_filename (f->dir, "back.topiary", NULL);
  g_autoptr(TopiaryProject) back = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(TopiaryArticle) flask = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *body =
    "See [[routing|a_b *c* <d> `e`]], [[Routing]] and [[routing]].\n"
    "- an item\n"
    "\n"
    "    [[routing|in the item]]\n";

  test_add_published_article (f->project, "Routing", "Routes.\n");
  test_add_published_article (f->project, "Flask", body);
  text = export_hugo (f, FALSE, "flask", &error);
  g_assert_no_error (error);

  back = topiary_project_open (back_path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_import (back, dir, TOPIARY_IMPORT_HUGO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  flask = topiary_project_get_article_by_slug (back, "flask", TRUE, NULL);
  g_assert_nonnull (flask);
  g_assert_cmpstr (topiary_article_get_body (flask), ==, body);
  topiary_project_close (back);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/export-hugo-links/" path, Fixture, NULL, \
              test_project_fixture_setup, func, test_project_fixture_teardown)
  ADD ("list-paragraph", test_list_paragraph);
  ADD ("label-is-text", test_label_is_text);
  ADD ("comment", test_comment);
  ADD ("round-trip", test_round_trip);
#undef ADD

  return g_test_run ();
}
