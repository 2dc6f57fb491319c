/* test-export-map-page.c — the site's "map" page: the exported articles
 * drawn as a graph, each linked to its page (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-export.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  TopiaryProject *project;
  char           *dir;
  char           *path;
  char           *site;
} Fixture;

static gint64
add (Fixture       *f,
     const char    *title,
     const char    *slug,
     gint64         group,
     TopiaryKind    kind,
     TopiaryStatus  status,
     const char    *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  if (slug != NULL)
    topiary_article_set_slug (a, slug);
  topiary_article_set_group_id (a, group);
  topiary_article_set_kind (a, kind);
  topiary_article_set_status (a, status);
  if (status == TOPIARY_STATUS_PUBLISHED)
    topiary_article_set_published (a, 1700000000);
  topiary_article_set_body (a, body);
  return test_add_article (f->project, a);
}

/* Flask: a published pillar and cluster (the cluster lacks its link up),
 * a hostile title, and a planned article the site does not show; an
 * article whose slug is "map". */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  gint64 flask;

  f->project = test_project_create ("topiary-map-page-XXXXXX", &f->dir, &f->path);
  f->site = g_build_filename (f->dir, "site", NULL);
  flask = test_add_group (f->project, "Flask");
  add (f, "Flask Guide", NULL, flask, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PUBLISHED,
       "The guide to [[Flask Routing]] and [[Secret Plans]].");
  add (f, "Flask Routing", NULL, flask, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PUBLISHED, "Routes.");
  add (f, "<script>alert(\"x\")</script> & 'Flask'", "hostile", flask, TOPIARY_KIND_CLUSTER,
       TOPIARY_STATUS_PUBLISHED, "Hostile.");
  add (f, "Secret Plans", NULL, flask, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, "");
  add (f, "Treasure map", "map", 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PUBLISHED, "A map.");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_free (f->site);
  test_project_destroy (f->project, f->dir, f->path);
}

static char *
read_text (const char *dir,
           const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
export_site (Fixture  *f,
             gboolean  with_map_page)
{
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  opts.format = TOPIARY_EXPORT_SITE;
  opts.with_map_page = with_map_page;
  g_assert_true (topiary_export (f->project, f->site, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_map_page (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *home = NULL;
  g_autofree char *svg_start = NULL;
  g_autofree char *page = NULL;

  export_site (f, TRUE);
  html = read_text (f->site, "map/index.html");
  home = read_text (f->site, "index.html");

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  /* Inside HTML, no XML declaration. */
  g_assert_null (strstr (html, "<?xml"));
  /* Each exported article's node links to its page, by the export's
   * slug ("map" is the page's: the article took "map-2"). */
  g_assert_nonnull (strstr (html, "<a href=\"../flask-guide/index.html\">"));
  g_assert_nonnull (strstr (html, "<a href=\"../flask-routing/index.html\">"));
  g_assert_nonnull (strstr (html, "<a href=\"../hostile/index.html\">"));
  g_assert_nonnull (strstr (html, "<a href=\"../map-2/index.html\">"));
  page = read_text (f->site, "map-2/index.html");
  g_assert_nonnull (strstr (page, "Treasure map"));
  /* Escaped, and no script at all on the page. */
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Flask&apos;"));
  g_assert_null (strstr (html, "<script"));
  /* What the site does not publish is not drawn, nor the links the text
   * lacks (the writer's business); the links written are. */
  g_assert_null (strstr (html, "Secret Plans"));
  g_assert_null (strstr (html, "class=\"missing"));
  g_assert_nonnull (strstr (html, "<line class=\"link\""));
  /* The home page links to it. */
  g_assert_nonnull (strstr (home, "<a href=\"map/index.html\">Map of the topics</a>"));
}

static void
test_map_page_off (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *home = NULL;
  g_autofree char *page = NULL;

  export_site (f, FALSE);
  home = read_text (f->site, "index.html");
  /* The article keeps its slug when the site has no map page. */
  page = read_text (f->site, "map/index.html");
  g_assert_nonnull (strstr (page, "Treasure map"));
  g_assert_null (strstr (page, "<svg"));
  g_assert_null (strstr (home, "Map of the topics"));
}

/* A theme of the user's own need not know the page: the built-in
 * template draws it inside the theme's base. */
static void
test_map_page_theme (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theme = g_build_filename (f->dir, "theme", NULL);
  g_autofree char *base = g_build_filename (theme, "base.mustache", NULL);
  g_autofree char *html = NULL;
  TopiaryExportOptions opts = { 0 };

  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  g_assert_true (g_file_set_contents (base, "<html><body class=\"mine\">{{$content}}{{/content}}</body></html>\n",
                                      -1, &error));
  opts.format = TOPIARY_EXPORT_SITE;
  opts.with_map_page = TRUE;
  opts.theme_dir = theme;
  g_assert_true (topiary_export (f->project, f->site, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  html = read_text (f->site, "map/index.html");
  g_assert_nonnull (strstr (html, "<body class=\"mine\">"));
  g_assert_nonnull (strstr (html, "<svg "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/core/export/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("map-page", test_map_page);
  ADD ("map-page-off", test_map_page_off);
  ADD ("map-page-theme", test_map_page_theme);
#undef ADD
  return g_test_run ();
}
