/* test-export.c — site, Hugo, CSV and JSON export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "topiary-export.h"
#include "topiary-frontmatter.h"
#include "topiary-import.h"
#include "topiary-project.h"
#include "test-util.h"

#define HOSTILE "<script>alert(\"x\")</script> & 'quoted' \"double\" עברית"

typedef TestProjectFixture Fixture;

static TopiaryGroup *
add_group (Fixture    *f,
           const char *title,
           const char *description)
{
  g_autoptr(GError) error = NULL;
  TopiaryGroup *group = topiary_group_new (title);

  topiary_group_set_description (group, description);
  g_assert_true (topiary_project_add_group (f->project, group, &error));
  g_assert_no_error (error);
  return group;
}

static gint64
add_article (Fixture       *f,
             TopiaryGroup  *group,
             gint64         parent,
             TopiaryKind    kind,
             const char    *title,
             const char    *summary,
             const char    *body,
             TopiaryStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_group_id (a, group ? topiary_group_get_id (group) : 0);
  topiary_article_set_parent_id (a, parent);
  topiary_article_set_kind (a, kind);
  topiary_article_set_title (a, title);
  topiary_article_set_summary (a, summary);
  topiary_article_set_body (a, body);
  topiary_article_set_status (a, status);
  topiary_article_add_query (a, title);
  topiary_article_add_query (a, "second, query");
  topiary_article_set_primary_query (a, 0);
  if (status == TOPIARY_STATUS_PUBLISHED)
    topiary_article_set_published (a, 1700000000);
  g_assert_true (topiary_project_add_article (f->project, a, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (a);
}

/* A small map: two groups with pillars and clusters linking each other. */
static void
fill_small_map (Fixture *f)
{
  g_autoptr(TopiaryGroup) g1 = add_group (f, "Getting started", "First steps.");
  g_autoptr(TopiaryGroup) g2 = add_group (f, "Going further", "Deeper topics.");
  gint64 p1, p2;

  topiary_project_set_map_field (f->project, "title", "Flask Field Guide", NULL);
  topiary_project_set_map_field (f->project, "description", "Everything about Flask.", NULL);
  p1 = add_article (f, g1, 0, TOPIARY_KIND_PILLAR, "Flask basics", "The pillar.",
                    "# Basics\n\nSee [[Routing in Flask]] and [[templates|the templates page]].\n\n"
                    "## One\n\ntext\n\n## Two\n\ntext\n\n## Three\n\n```\n[[not a link]]\n```\n"
                    "## Main\n\n## Related reading\n\n## t_main\n\n## Search q\n",
                    TOPIARY_STATUS_PUBLISHED);
  add_article (f, g1, p1, TOPIARY_KIND_CLUSTER, "Routing in Flask", "Routes.",
               "Back to [[Flask basics]].\n", TOPIARY_STATUS_PUBLISHED);
  add_article (f, g1, p1, TOPIARY_KIND_CLUSTER, "Templates", "Jinja.",
               "Back to [[flask-basics]]; also `[[code]]`.\n", TOPIARY_STATUS_PUBLISHED);
  p2 = add_article (f, g2, 0, TOPIARY_KIND_PILLAR, "Deploying Flask", "Ship it.",
                    "Read [[Flask basics]] first.\n", TOPIARY_STATUS_PUBLISHED);
  add_article (f, g2, p2, TOPIARY_KIND_CLUSTER, "Docker for Flask", "Containers.",
               "Draft body linking [[Deploying Flask]].\n", TOPIARY_STATUS_DRAFTING);
}

static gboolean
do_export (Fixture              *f,
           const char           *dir,
           TopiaryExportOptions *opts,
           GError              **error)
{
  return topiary_export (f->project, dir, opts, NULL, NULL, error);
}

/* Not inlined: GCC 12 at -O3 then sees the text as a dangling local. */
G_GNUC_NO_INLINE static char *
read_text (const char *dir,
           const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s: %s", path, error->message);
  return text;
}

static void
list_files (const char *dir,
            const char *rel,
            GPtrArray  *out)
{
  g_autofree char *path = rel[0] ? g_build_filename (dir, rel, NULL) : g_strdup (dir);
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child_rel = rel[0] ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (dir, child_rel, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        g_error ("the export made a symbolic link: %s", child);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (dir, child_rel, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&child_rel));
    }
}

/* Strict XML: GMarkup refuses anything that is not well-formed. */
typedef struct {
  GString *text;
  GString *path;
  char    *want;   /* element path whose text is collected */
  guint    elements;
} XmlState;

static void
xml_start (GMarkupParseContext  *ctx,
           const char           *name,
           const char          **attr_names,
           const char          **attr_values,
           gpointer              user_data,
           GError              **error)
{
  XmlState *st = user_data;

  g_string_append_printf (st->path, "/%s", name);
  st->elements++;
}

static void
xml_end (GMarkupParseContext  *ctx,
         const char           *name,
         gpointer              user_data,
         GError              **error)
{
  XmlState *st = user_data;
  char *slash = strrchr (st->path->str, '/');

  g_string_truncate (st->path, slash - st->path->str);
}

static void
xml_text (GMarkupParseContext  *ctx,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  XmlState *st = user_data;

  if (st->want != NULL && strcmp (st->path->str, st->want) == 0)
    {
      g_string_append_len (st->text, text, len);
      g_string_append_c (st->text, '\n');
    }
}

static char *
parse_xml (const char *text,
           const char *want,
           guint      *elements)
{
  GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  XmlState st = { g_string_new (NULL), g_string_new (NULL), (char *) want, 0 };
  g_autoptr(GMarkupParseContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  const char *body = text;

  /* GMarkup does not take the XML declaration. */
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  body = strchr (text, '\n') + 1;
  g_assert_true (g_utf8_validate (body, -1, NULL));

  ctx = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &st, NULL);
  if (!g_markup_parse_context_parse (ctx, body, -1, &error) ||
      !g_markup_parse_context_end_parse (ctx, &error))
    g_error ("not well-formed XML: %s\n%s", error->message, text);
  if (elements)
    *elements = st.elements;
  g_string_free (st.path, TRUE);
  return g_string_free (st.text, FALSE);
}

/* Every href and src of every page must lead to a file of the export. */
static guint
check_links (const char *dir)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) re = g_regex_new ("(?:href|src)=\"([^\"]*)\"", 0, 0, NULL);
  g_autofree char *real_dir = g_canonicalize_filename (dir, NULL);
  guint checked = 0;

  list_files (dir, "", files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *html = NULL;
      g_autofree char *page_dir = NULL;
      g_autoptr(GMatchInfo) m = NULL;

      if (!g_str_has_suffix (rel, ".html"))
        continue;
      html = read_text (dir, rel);
      {
        g_autofree char *page = g_build_filename (dir, rel, NULL);
        page_dir = g_path_get_dirname (page);
      }

      /* Ids are unique on every page, whatever the headings say. */
      {
        g_autoptr(GRegex) id_re = g_regex_new ("\\sid=\"([^\"]*)\"", 0, 0, NULL);
        g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GMatchInfo) im = NULL;

        g_regex_match (id_re, html, 0, &im);
        while (g_match_info_matches (im))
          {
            char *id = g_match_info_fetch (im, 1);

            if (!g_hash_table_add (ids, id))
              g_error ("%s has the id “%s” twice", rel, id);
            g_match_info_next (im, NULL);
          }
      }

      g_regex_match (re, html, 0, &m);
      while (g_match_info_matches (m))
        {
          g_autofree char *href = g_match_info_fetch (m, 1);
          g_autofree char *target = NULL;
          g_autofree char *resolved = NULL;
          char *cut;

          g_match_info_next (m, NULL);
          if (href[0] == '\0')
            g_error ("%s has an empty link", rel);
          if (href[0] == '#' || g_str_has_prefix (href, "http://") || g_str_has_prefix (href, "https://") ||
              g_str_has_prefix (href, "mailto:"))
            continue;
          cut = strpbrk (href, "?#");
          if (cut != NULL)
            *cut = '\0';
          if (href[0] == '/')
            target = g_build_filename (dir, href, NULL);   /* the 404 page links from the root */
          else
            target = g_build_filename (page_dir, href, NULL);
          if (g_str_has_suffix (href, "/") || href[0] == '\0')
            {
              char *with_index = g_build_filename (target, "index.html", NULL);
              g_free (target);
              target = with_index;
            }
          resolved = g_canonicalize_filename (target, NULL);
          if (!g_str_has_prefix (resolved, real_dir))
            g_error ("%s links outside the export: %s", rel, href);
          if (!g_file_test (resolved, G_FILE_TEST_IS_REGULAR))
            g_error ("%s links to %s, which does not exist", rel, href);
          checked++;
        }
    }
  return checked;
}

static gboolean
has_stray_temp (const char *parent)
{
  g_autoptr(GDir) d = g_dir_open (parent, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".topiary-new-") != NULL || strstr (name, ".topiary-old-") != NULL)
      return TRUE;
  return FALSE;
}

/* ---- tests ---- */

static void
test_small_site (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  g_autofree char *basics = NULL;
  g_autofree char *home = NULL;
  g_autofree char *docker = NULL;
  g_autofree char *written = NULL;
  g_autofree char *routing = NULL;

  fill_small_map (f);
  opts.warnings = warnings;
  opts.output_path = &written;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (written, ==, dir);

  basics = read_text (dir, "flask-basics/index.html");
  /* Wiki links became relative URLs; the one in code did not. */
  g_assert_nonnull (strstr (basics, "href=\"../routing-in-flask/index.html\""));
  g_assert_nonnull (strstr (basics, "the templates page</a>"));
  g_assert_nonnull (strstr (basics, "[[not a link]]"));
  /* Table of contents, breadcrumbs, related reading, pager. */
  g_assert_nonnull (strstr (basics, "href=\"#one\""));
  g_assert_nonnull (strstr (basics, "aria-label=\"Breadcrumb\""));
  g_assert_nonnull (strstr (basics, "Related reading"));
  g_assert_nonnull (strstr (basics, "rel=\"next\" href=\"../routing-in-flask/index.html\""));
  g_assert_null (strstr (basics, "rel=\"prev\""));
  g_assert_nonnull (strstr (basics, "min read"));
  g_assert_nonnull (strstr (basics, "<meta name=\"description\" content=\"The pillar.\">"));
  g_assert_null (strstr (basics, "noindex"));

  /* Breadcrumbs start at the theme's word for home; the BreadcrumbList
   * keeps the site's name. The current page is the last crumb. */
  routing = read_text (dir, "routing-in-flask/index.html");
  g_assert_nonnull (strstr (routing, "<li><a href=\"../index.html\" dir=\"auto\">Home</a></li>"));
  g_assert_nonnull (strstr (routing, "<li><a href=\"../flask-basics/index.html\" dir=\"auto\">Flask basics</a></li>"));
  g_assert_nonnull (strstr (routing, "<li class=\"breadcrumbs-current\"><span aria-current=\"page\" dir=\"auto\">Routing in Flask</span></li>"));
  g_assert_nonnull (strstr (routing, "\"position\":1,\"name\":\"Flask Field Guide\""));
  g_assert_nonnull (strstr (routing, "\"position\":4,\"name\":\"Routing in Flask\""));

  home = read_text (dir, "index.html");
  g_assert_nonnull (strstr (home, "<p class=\"hero-meta\">4 articles · 2 topics</p>"));
  /* The latest articles, newest first: all four share a date, so the
   * writing order decides. */
  {
    const char *latest = strstr (home, "id=\"t_recent-title\">Latest articles</h2>");
    const char *first, *last;

    g_assert_nonnull (latest);
    first = strstr (latest, "<a href=\"flask-basics/index.html\">Flask basics</a>");
    last = strstr (latest, "<a href=\"deploying-flask/index.html\">Deploying Flask</a>");
    g_assert_nonnull (first);
    g_assert_nonnull (last);
    g_assert_true (first < last);
    g_assert_true (last < strstr (home, "id=\"t_topics-title\""));
    g_assert_nonnull (strstr (latest, "<time datetime=\"2023-11-14T22:13:20Z\">14 November 2023</time>"));
  }
  g_assert_nonnull (strstr (home, "Flask Field Guide"));
  g_assert_nonnull (strstr (home, "href=\"getting-started/index.html\""));
  g_assert_nonnull (strstr (home, "href=\"assets/style.css\""));

  /* Without a base URL robots.txt cannot name the sitemap: a relative
   * Sitemap line is invalid, so there is none, only a comment. */
  {
    g_autofree char *robots = read_text (dir, "robots.txt");

    g_assert_true (g_str_has_prefix (robots, "User-agent: *\n"));
    g_assert_null (strstr (robots, "\nSitemap:"));
    g_assert_nonnull (strstr (robots, "\n# Sitemap: "));
  }

  /* The draft is not published without drafts. */
  docker = g_build_filename (dir, "docker-for-flask", NULL);
  g_assert_false (g_file_test (docker, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (check_links (dir), >, 50);

  {
    g_autofree char *marker = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);
    g_autofree char *css = g_build_filename (dir, "assets", "style.css", NULL);
    g_autofree char *js = g_build_filename (dir, "assets", "search.js", NULL);
    g_autofree char *index = read_text (dir, "search-index.json");
    g_autoptr(JsonNode) node = json_from_string (index, &error);

    g_assert_true (g_file_test (marker, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (css, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (js, G_FILE_TEST_IS_REGULAR));
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "articles")), ==, 4);
  }
  g_assert_false (has_stray_temp (f->dir));
}

/* A link to an article that is only a draft is no broken link: the
 * warning says to export drafts, whether the link names a slug or a title. */
static void
test_unpublished_link (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) g = add_group (f, "Going further", NULL);
  TopiaryExportOptions opts = { 0 };
  guint unpublished = 0, nowhere = 0;
  gint64 pillar;

  pillar = add_article (f, g, 0, TOPIARY_KIND_PILLAR, "Deploying Flask", "Ship it.",
                        "See [[Docker for Flask]], [[docker-for-flask|the Docker page]] and [[Nowhere at all]].\n",
                        TOPIARY_STATUS_PUBLISHED);
  add_article (f, g, pillar, TOPIARY_KIND_CLUSTER, "Docker for Flask", "Containers.", NULL, TOPIARY_STATUS_PLANNED);
  opts.warnings = warnings;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);

      if (strstr (w, "is not published") != NULL)
        unpublished++;
      else if (strstr (w, "[[Nowhere at all]], which is no article of the map") != NULL)
        nowhere++;
      else
        g_error ("unexpected warning: %s", w);
    }
  g_assert_cmpuint (unpublished, ==, 2);
  g_assert_cmpuint (nowhere, ==, 1);

  /* One article in one topic: singular words. */
  {
    g_autofree char *home = read_text (dir, "index.html");

    g_assert_nonnull (strstr (home, "<p class=\"hero-meta\">1 article · 1 topic</p>"));
  }
}

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  g_autofree char *docker = NULL;
  g_autofree char *sitemap = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *group = NULL;
  g_autofree char *home = NULL;
  g_autoptr(TopiaryGroup) g2 = NULL;

  fill_small_map (f);
  g2 = topiary_project_find_group (f->project, "going-further", NULL);
  g_assert_nonnull (g2);
  add_article (f, g2, 0, TOPIARY_KIND_CLUSTER, "Scaling Flask", "Later.", NULL, TOPIARY_STATUS_PLANNED);
  opts.drafts = TRUE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  docker = read_text (dir, "docker-for-flask/index.html");
  g_assert_nonnull (strstr (docker, "<meta name=\"robots\" content=\"noindex\">"));
  g_assert_nonnull (strstr (docker, "not published yet"));
  /* A draft with text has a reading time and its body. */
  g_assert_nonnull (strstr (docker, "min read"));
  g_assert_nonnull (strstr (docker, "class=\"post-body\""));

  /* A planned article has no text yet: no reading time, no empty body, a
   * sentence that says so instead. */
  planned = read_text (dir, "scaling-flask/index.html");
  g_assert_nonnull (strstr (planned, "noindex"));
  g_assert_nonnull (strstr (planned, "planned but not written yet"));
  g_assert_null (strstr (planned, "min read"));
  g_assert_null (strstr (planned, "class=\"post-body\""));
  group = read_text (dir, "going-further/index.html");
  {
    const char *entry = strstr (group, ">Scaling Flask</a>");
    const char *docker_entry = strstr (group, ">Docker for Flask</a>");

    g_assert_nonnull (entry);
    g_assert_nonnull (docker_entry);
    g_assert_null (strstr (entry, "min read"));
    g_assert_nonnull (strstr (docker_entry, "min read"));
  }

  /* Drafts are marked in the home page's lists and never among the
   * latest articles. */
  home = read_text (dir, "index.html");
  g_assert_nonnull (strstr (home, ">Docker for Flask</a> <span class=\"draft-badge\">Draft</span>"));
  g_assert_true (strstr (home, "docker-for-flask") > strstr (home, "id=\"t_topics-title\""));

  /* Pages not meant for search engines stay out of the sitemap and feed. */
  sitemap = read_text (dir, "sitemap.xml");
  g_assert_null (strstr (sitemap, "docker-for-flask"));
  g_assert_nonnull (strstr (sitemap, "routing-in-flask/"));
  feed = read_text (dir, "feed.xml");
  g_assert_null (strstr (feed, "docker-for-flask"));
  check_links (dir);
}

static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) g = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) script_re = g_regex_new ("<script([^>]*)>", 0, 0, NULL);
  g_autoptr(GRegex) ld_re = g_regex_new ("<script type=\"application/ld\\+json\">(.*?)</script>", 0, 0, NULL);
  TopiaryExportOptions opts = { 0 };
  gint64 pillar, cluster;
  guint n_ld = 0;

  topiary_project_set_map_field (f->project, "title", HOSTILE, NULL);
  topiary_project_set_map_field (f->project, "description", HOSTILE " description", NULL);
  g = add_group (f, HOSTILE " group", HOSTILE " about");
  pillar = add_article (f, g, 0, TOPIARY_KIND_PILLAR, HOSTILE, HOSTILE " summary\x01",
                        "Body.\n", TOPIARY_STATUS_PUBLISHED);
  cluster = add_article (f, g, pillar, TOPIARY_KIND_CLUSTER, HOSTILE " two", "</script><!-- \"&",
                         "x", TOPIARY_STATUS_PUBLISHED);
  {
    /* Raw HTML inside [[…]] is HTML to Markdown, so link by slug with a
     * label full of quotes and ampersands. */
    g_autoptr(TopiaryArticle) a = topiary_project_get_article (f->project, pillar, TRUE, NULL);
    g_autoptr(TopiaryArticle) c = topiary_project_get_article (f->project, cluster, FALSE, NULL);
    g_autofree char *body = g_strdup_printf ("Body with [[%s|Tom & Jerry's \"best\" עברית]].\n",
                                             topiary_article_get_slug (c));

    topiary_article_set_body (a, body);
    g_assert_true (topiary_project_update_article (f->project, a, &error));
    g_assert_no_error (error);
  }

  opts.base_url = "https://example.org/blog";
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  list_files (dir, "", files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *html = NULL;
      g_autoptr(GMatchInfo) m = NULL;

      if (!g_str_has_suffix (rel, ".html"))
        continue;
      html = read_text (dir, rel);

      /* Only the theme's own scripts: nothing from the data. */
      g_assert_null (strstr (html, "alert(\"x\")</script>"));
      g_assert_null (strstr (html, "<!-- \""));
      g_regex_match (script_re, html, 0, &m);
      while (g_match_info_matches (m))
        {
          g_autofree char *attrs = g_match_info_fetch (m, 1);

          if (strcmp (attrs, " type=\"application/ld+json\"") != 0 && !g_str_has_prefix (attrs, " src=\""))
            g_error ("%s: unexpected script element <script%s>", rel, attrs);
          g_match_info_next (m, NULL);
        }
      g_clear_pointer (&m, g_match_info_free);

      /* JSON-LD parses back to the very same text. */
      g_regex_match (ld_re, html, 0, &m);
      while (g_match_info_matches (m))
        {
          g_autofree char *json = g_match_info_fetch (m, 1);
          g_autoptr(JsonNode) node = json_from_string (json, &error);
          JsonObject *o;

          g_assert_no_error (error);
          o = json_node_get_object (node);
          if (strcmp (json_object_get_string_member (o, "@type"), "Article") == 0)
            {
              const char *headline = json_object_get_string_member (o, "headline");
              g_assert_true (strcmp (headline, HOSTILE) == 0 || strcmp (headline, HOSTILE " two") == 0);
            }
          n_ld++;
          g_match_info_next (m, NULL);
        }
    }
  g_assert_cmpuint (n_ld, >=, 5);

  {
    g_autofree char *page = NULL;
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *slug_dir = NULL;

    list_files (dir, "", all);
    for (guint i = 0; i < all->len && slug_dir == NULL; i++)
      {
        const char *rel = g_ptr_array_index (all, i);
        g_autofree char *text = NULL;

        if (!g_str_has_suffix (rel, "/index.html") || g_str_has_prefix (rel, "search/"))
          continue;
        text = read_text (dir, rel);
        if (strstr (text, "class=\"post\"") != NULL && strstr (text, "two</h1>") == NULL)
          slug_dir = g_strdup (rel);
      }
    g_assert_nonnull (slug_dir);
    page = read_text (dir, slug_dir);
    /* Text and attributes. */
    g_assert_nonnull (strstr (page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot; עברית</h1>"));
    g_assert_nonnull (strstr (page, "<meta property=\"og:title\" content=\"&lt;script&gt;alert(&quot;x&quot;)"));
    g_assert_nonnull (strstr (page, "<link rel=\"canonical\" href=\"https://example.org/blog/"));
    /* The wiki link to a hostile title resolved. */
    g_assert_nonnull (strstr (page, "class=\"wikilink\""));
    g_assert_nonnull (strstr (page, "Tom &amp; Jerry&#39;s &quot;best&quot; עברית</a>")
                      ? (gpointer) page : strstr (page, "Tom &amp; Jerry's &quot;best&quot; עברית</a>"));
  }

  /* XML: well-formed, and the text reads back exactly. */
  {
    g_autofree char *feed = read_text (dir, "feed.xml");
    g_autofree char *sitemap = read_text (dir, "sitemap.xml");
    g_autofree char *titles = parse_xml (feed, "/feed/entry/title", NULL);
    g_autofree char *summaries = parse_xml (feed, "/feed/entry/summary", NULL);
    g_autofree char *locs = NULL;
    g_autofree char *robots = read_text (dir, "robots.txt");
    guint n = 0;

    g_assert_nonnull (strstr (titles, HOSTILE "\n"));
    g_assert_nonnull (strstr (titles, HOSTILE " two\n"));
    /* The control character is dropped, the rest kept. */
    g_assert_nonnull (strstr (summaries, HOSTILE " summary\n"));
    locs = parse_xml (sitemap, "/urlset/url/loc", &n);
    g_assert_true (g_str_has_prefix (locs, "https://example.org/blog/\n"));
    g_assert_cmpuint (n, ==, 1 + 4 * 3);
    g_assert_nonnull (strstr (robots, "Sitemap: https://example.org/blog/sitemap.xml\n"));
  }
  check_links (dir);
}

/* Puts slugs in the file that the API would never make. */
static void
set_raw_slugs (Fixture            *f,
               const char * const *slugs,
               const char         *group_slug)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; slugs[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE article SET slug = ?1 WHERE id = "
                                           "(SELECT id FROM article ORDER BY position, id LIMIT 1 OFFSET ?2)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, slugs[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE grp SET slug = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, group_slug, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_hostile_slugs (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *nest = g_build_filename (f->dir, "a", "b", NULL);
  g_autofree char *dir = g_build_filename (nest, "site", NULL);
  g_autofree char *long_slug = g_strnfill (300, 'x');
  const char *slugs[] = { "../../x", "/etc/topiary-test", ".", "", NULL, "..", "a/b", "-", NULL };
  g_autoptr(TopiaryGroup) g = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  TopiaryExportOptions opts = { 0 };

  slugs[4] = long_slug;
  g_assert_cmpint (g_mkdir_with_parents (nest, 0755), ==, 0);
  g = add_group (f, "G", NULL);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      add_article (f, g, 0, i == 0 ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER, title, NULL,
                   "[[../../x]] [[Article 1]]", TOPIARY_STATUS_PUBLISHED);
    }
  topiary_project_close (f->project);
  g_clear_object (&f->project);
  set_raw_slugs (f, slugs, "../..");
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (int format = TOPIARY_EXPORT_SITE; format <= TOPIARY_EXPORT_HUGO; format++)
    {
      g_ptr_array_set_size (files, 0);
      opts.format = format;
      g_assert_true (do_export (f, dir, &opts, &error));
      g_assert_no_error (error);

      /* Nothing beside the export folder, nothing above it. */
      list_files (f->dir, "", top);
      for (guint i = 0; i < top->len; i++)
        {
          const char *rel = g_ptr_array_index (top, i);

          if (strcmp (rel, "map.topiary") != 0 && !g_str_has_prefix (rel, "map.topiary-") &&
              !g_str_has_prefix (rel, "a/b/site/"))
            g_error ("written outside the export folder: %s", rel);
        }
      g_ptr_array_set_size (top, 0);
      g_assert_false (g_file_test ("/etc/topiary-test", G_FILE_TEST_EXISTS));

      list_files (dir, "", files);
      for (guint i = 0; i < files->len; i++)
        {
          const char *rel = g_ptr_array_index (files, i);
          g_auto(GStrv) parts = g_strsplit (rel, "/", -1);

          for (guint k = 0; parts[k]; k++)
            {
              g_assert_cmpstr (parts[k], !=, "..");
              g_assert_cmpuint (strlen (parts[k]), <=, 200);
            }
        }
      if (format == TOPIARY_EXPORT_SITE)
        check_links (dir);
    }
}

static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "mine", NULL);
  g_autofree char *precious = g_build_filename (dir, "thesis.txt", NULL);
  g_autofree char *marker = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill_small_map (f);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (precious, "years of work", -1, NULL));

  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));
  g_assert_false (has_stray_temp (f->dir));
  g_clear_error (&error);

  /* An earlier export is replaced without asking. */
  opts.force = TRUE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (precious, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (marker, G_FILE_TEST_IS_REGULAR));
  opts.force = FALSE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_false (has_stray_temp (f->dir));

  /* Not even force replaces the folder that holds the project. */
  g_assert_false (do_export (f, f->dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  opts.force = TRUE;
  g_assert_false (do_export (f, f->dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  opts.force = FALSE;

  /* A base URL that is no web address. */
  opts.base_url = "https://example.org/\nDisallow: /";
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED);
  g_clear_error (&error);
  opts.base_url = "javascript:alert(1)";
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED);
  g_clear_error (&error);
  opts.base_url = NULL;

  /* A file where the folder should be. */
  {
    g_autofree char *file = g_build_filename (f->dir, "plain", NULL);
    g_autofree char *under = g_build_filename (file, "site", NULL);

    g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    g_assert_false (do_export (f, file, &opts, &error));
    g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
    g_clear_error (&error);
    /* Unwritable: the parent is a file. */
    g_assert_false (do_export (f, under, &opts, &error));
    g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE);
    g_assert_null (strchr (error->message, '\n'));
  }
}

/* With replaced_path the earlier export is left beside DIR, hidden, for
 * the caller to delete; topiary_export_remove_replaced() deletes that and
 * refuses anything else. */
static void
test_replaced (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL);
  g_autofree char *replaced = NULL;
  g_autofree char *old_index = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill_small_map (f);
  opts.replaced_path = &replaced;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_null (replaced);  /* nothing was there */

  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_nonnull (replaced);
  base = g_path_get_basename (replaced);
  g_assert_true (g_str_has_prefix (base, ".site.topiary-old-"));
  {
    g_autofree char *parent = g_path_get_dirname (replaced);
    g_assert_cmpstr (parent, ==, f->dir);
  }
  old_index = g_build_filename (replaced, "index.html", NULL);
  g_assert_true (g_file_test (old_index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  /* Not the site, not the project's folder, not a link to a replaced one. */
  g_assert_false (topiary_export_remove_replaced (dir, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (topiary_export_remove_replaced (f->dir, &error));
  g_clear_error (&error);
  {
    g_autofree char *link = g_build_filename (f->dir, ".x.topiary-old-link", NULL);

    g_assert_cmpint (symlink (replaced, link), ==, 0);
    g_assert_false (topiary_export_remove_replaced (link, &error));
    g_clear_error (&error);
    g_assert_true (g_file_test (old_index, G_FILE_TEST_IS_REGULAR));
    g_unlink (link);
  }
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  g_assert_true (topiary_export_remove_replaced (replaced, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (replaced, G_FILE_TEST_EXISTS));
  g_assert_false (has_stray_temp (f->dir));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  /* Without replaced_path the export deletes it itself. */
  opts.replaced_path = NULL;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_false (has_stray_temp (f->dir));
}

static void
write_theme_file (const char *theme,
                  const char *name,
                  const char *text)
{
  g_autofree char *path = g_build_filename (theme, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_failure_keeps_previous (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autofree char *theme = g_build_filename (f->dir, "theme", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TopiaryGroup) g = NULL;
  TopiaryExportOptions opts = { 0 };

  fill_small_map (f);
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  before = read_text (dir, "index.html");

  /* A broken template: named with its file and line. */
  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  write_theme_file (theme, "article.mustache", "{{<base}}\n{{$content}}\n<h1>{{article.title}}</h1>\n{{#related}}\n{{/content}}\n{{/base}}\n");
  opts.theme_dir = theme;
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_assert_nonnull (strstr (error->message, "article.mustache:5:"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  /* A missing theme. */
  opts.theme_dir = "/nonexistent/theme";
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME);
  g_clear_error (&error);
  opts.theme_dir = NULL;

  /* Strict with an unresolved link: fails late, after pages were written. */
  g = add_group (f, "Late", NULL);
  add_article (f, g, 0, TOPIARY_KIND_PILLAR, "Zeta", NULL, "See [[Nowhere at all]].", TOPIARY_STATUS_PUBLISHED);
  opts.strict = TRUE;
  opts.warnings = warnings;
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_UNRESOLVED);
  g_assert_nonnull (strstr (error->message, "Nowhere at all"));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_clear_error (&error);

  after = read_text (dir, "index.html");
  g_assert_cmpstr (before, ==, after);
  g_assert_false (has_stray_temp (f->dir));

  /* What a killed export leaves behind is cleaned up once it is old. */
  {
    g_autofree char *stale = g_build_filename (f->dir, ".site.topiary-new-abc123", NULL);
    g_autofree char *fresh = g_build_filename (f->dir, ".site.topiary-new-def456", NULL);
    g_autofree char *inside = g_build_filename (stale, "page.html", NULL);
    struct utimbuf old_times = { 1000000000, 1000000000 };

    g_assert_cmpint (g_mkdir (stale, 0755), ==, 0);
    g_assert_cmpint (g_mkdir (fresh, 0755), ==, 0);
    g_assert_true (g_file_set_contents (inside, "half", -1, NULL));
    g_assert_cmpint (g_utime (stale, &old_times), ==, 0);
    opts.strict = FALSE;
    g_assert_true (do_export (f, dir, &opts, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_DIR));
    g_rmdir (fresh);
    opts.strict = TRUE;
  }

  /* Without strict the link is only reported. */
  opts.strict = FALSE;
  g_ptr_array_set_size (warnings, 0);
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "[[Nowhere at all]]"));
}

static void
test_theme_fallback (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autofree char *theme = g_build_filename (f->dir, "theme", NULL);
  g_autofree char *home = NULL;
  g_autofree char *css = NULL;
  g_autofree char *page = NULL;
  g_autofree char *logo = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill_small_map (f);
  g_assert_cmpint (g_mkdir (theme, 0755), ==, 0);
  write_theme_file (theme, "home.mustache", "{{<base}}{{$content}}<p id=\"mine\">{{site.title}}</p>{{>../../../etc/passwd}}{{/content}}{{/base}}");
  write_theme_file (theme, "style.css", "body { color: red; }\n");
  write_theme_file (theme, "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
  write_theme_file (theme, ".hidden", "secret");
  opts.theme_dir = theme;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  home = read_text (dir, "index.html");
  g_assert_nonnull (strstr (home, "<p id=\"mine\">Flask Field Guide</p>"));
  g_assert_null (strstr (home, "root:"));
  css = read_text (dir, "assets/style.css");
  g_assert_cmpstr (css, ==, "body { color: red; }\n");
  logo = read_text (dir, "assets/logo.svg");
  g_assert_nonnull (logo);
  {
    g_autofree char *hidden = g_build_filename (dir, "assets", ".hidden", NULL);
    g_assert_false (g_file_test (hidden, G_FILE_TEST_EXISTS));
  }
  /* A theme kept inside the export folder would be lost with the old site. */
  {
    g_autofree char *inner = g_build_filename (dir, "mytheme", NULL);

    g_assert_cmpint (g_mkdir (inner, 0755), ==, 0);
    write_theme_file (inner, "style.css", "body {}\n");
    opts.theme_dir = inner;
    opts.force = TRUE;
    g_assert_false (do_export (f, dir, &opts, &error));
    g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_true (g_file_test (inner, G_FILE_TEST_IS_DIR));
    test_remove_tree (inner);
    opts.theme_dir = theme;
    opts.force = FALSE;
  }

  /* Templates the theme lacks come from the default theme. */
  page = read_text (dir, "flask-basics/index.html");
  g_assert_nonnull (strstr (page, "Related reading"));
  check_links (dir);
}

static void
test_seed_links (Fixture       *f,
                 gconstpointer  data)
{
  const char *root = g_getenv ("TOPIARY_SOURCE_ROOT");
  g_autofree char *seed = g_build_filename (root ? root : "..", "data", "samples", "flask-topical-map.txt", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "seed-site", NULL);
  g_autoptr(GListModel) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  TopiaryExportOptions opts = { 0 };
  guint published = 0;
  guint links;

  g_assert_true (topiary_import (f->project, seed, TOPIARY_IMPORT_AUTO, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Publish every other planned article, with a body that links its
   * neighbours by title. */
  articles = topiary_project_list_articles (f->project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autoptr(TopiaryArticle) next = g_list_model_get_item (articles, (i + 1) % g_list_model_get_n_items (articles));
      g_autofree char *body = NULL;

      if (topiary_article_get_status (a) == TOPIARY_STATUS_IDEA || i % 2)
        continue;
      body = g_strdup_printf ("## Intro\n\nRead [[%s]] next.\n", topiary_article_get_title (next));
      topiary_article_set_body (a, body);
      topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
      g_assert_true (topiary_project_update_article (f->project, a, &error));
      g_assert_no_error (error);
      published++;
    }
  g_assert_cmpuint (published, >, 10);

  opts.drafts = TRUE;
  opts.warnings = warnings;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  links = check_links (dir);
  g_assert_cmpuint (links, >, 1000);

  {
    g_autofree char *sitemap = read_text (dir, "sitemap.xml");
    g_autofree char *feed = read_text (dir, "feed.xml");
    guint n = 0;
    g_autofree char *locs = parse_xml (sitemap, "/urlset/url/loc", &n);
    g_autofree char *titles = parse_xml (feed, "/feed/entry/title", NULL);

    g_assert_nonnull (locs);
    g_assert_nonnull (titles);
    g_assert_cmpuint (n, >, published);
  }
}

static void
test_hugo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "hugo", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  TopiaryExportOptions opts = { 0 };
  gsize block_start, block_len, body_offset;
  gboolean draft = TRUE;
  gint64 weight = 0;
  g_auto(GStrv) keywords = NULL;

  fill_small_map (f);
  opts.format = TOPIARY_EXPORT_HUGO;
  opts.drafts = TRUE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  text = read_text (dir, "content/getting-started/flask-basics.md");
  g_assert_cmpint (topiary_front_matter_split (text, strlen (text), &block_start, &block_len, &body_offset), ==,
                   TOPIARY_FRONT_MATTER_YAML);
  fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, text + block_start, block_len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "title"), ==, "Flask basics");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "slug"), ==, "flask-basics");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "description"), ==, "The pillar.");
  g_assert_true (topiary_front_matter_get_bool (fm, "draft", &draft));
  g_assert_false (draft);
  g_assert_true (topiary_front_matter_get_int (fm, "weight", &weight));
  g_assert_cmpint (weight, ==, 1);
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.kind"), ==, "pillar");
  g_assert_cmpstr (topiary_front_matter_get_string (fm, "params.status"), ==, "published");
  keywords = topiary_front_matter_get_strv (fm, "keywords");
  g_assert_cmpstr (keywords[1], ==, "second, query");
  g_assert_nonnull (topiary_front_matter_get_string (fm, "date"));

  g_assert_nonnull (strstr (text, "[Routing in Flask]({{< relref \"/getting-started/routing-in-flask.md\" >}})"));
  g_assert_nonnull (strstr (text, "[the templates page]({{< relref \"/getting-started/templates.md\" >}})"));
  g_assert_nonnull (strstr (text, "```\n[[not a link]]\n```"));
  g_clear_pointer (&text, g_free);

  text = read_text (dir, "content/getting-started/templates.md");
  g_assert_nonnull (strstr (text, "`[[code]]`"));
  g_clear_pointer (&text, g_free);

  text = read_text (dir, "content/going-further/docker-for-flask.md");
  g_assert_nonnull (strstr (text, "draft: true"));
  g_assert_nonnull (strstr (text, "pillar: \"deploying-flask\""));
  g_clear_pointer (&text, g_free);

  text = read_text (dir, "content/going-further/_index.md");
  g_assert_nonnull (strstr (text, "title: \"Going further\""));
  g_clear_pointer (&text, g_free);
  text = read_text (dir, "hugo.toml");
  g_assert_nonnull (strstr (text, "title = \"Flask Field Guide\""));

  /* Hugo itself builds the export, resolving every relref. */
  {
    g_autofree char *hugo = g_find_program_in_path ("hugo");
    g_autofree char *layouts = g_build_filename (dir, "layouts", "_default", NULL);
    g_autofree char *single = g_build_filename (layouts, "single.html", NULL);
    g_autofree char *list = g_build_filename (layouts, "list.html", NULL);
    g_autofree char *public = g_build_filename (f->dir, "public", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *page = NULL;
    const char *argv[] = { NULL, "--buildDrafts", "-d", NULL, NULL };
    static const char *pages[] = {
      "getting-started/flask-basics", "getting-started/routing-in-flask", "getting-started/templates",
      "going-further/deploying-flask", "going-further/docker-for-flask",
    };
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    guint n_pages = 0;
    int status = 0;

    if (hugo == NULL)
      {
        g_test_message ("hugo is not installed: the Hugo build was not tried");
        return;
      }
    argv[0] = hugo;
    argv[3] = public;
    g_assert_cmpint (g_mkdir_with_parents (layouts, 0755), ==, 0);
    g_assert_true (g_file_set_contents (single, "{{ .Content }}", -1, NULL));
    g_assert_true (g_file_set_contents (list, "{{ range .Pages }}{{ .Title }}{{ end }}", -1, NULL));
    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("hugo failed: %s", err);
    /* No errors and no warnings either (Hugo logs both as "ERROR"/"WARN"). */
    if (strstr (out, "WARN") != NULL || strstr (err, "WARN") != NULL || strstr (err, "ERROR") != NULL)
      g_error ("hugo complained:\n%s%s", out, err);
    page = read_text (public, "getting-started/flask-basics/index.html");
    g_assert_nonnull (strstr (page, "href=\"/getting-started/routing-in-flask/\""));

    /* Every exported article became a page of its own, and no other page
     * sits at article depth. */
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *rel = g_build_filename (pages[i], "index.html", NULL);
        g_autofree char *path = g_build_filename (public, rel, NULL);

        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          g_error ("Hugo made no page for %s", pages[i]);
      }
    list_files (public, "", files);
    for (guint i = 0; i < files->len; i++)
      {
        const char *rel = g_ptr_array_index (files, i);
        g_auto(GStrv) parts = g_strsplit (rel, "/", -1);

        if (g_strv_length (parts) == 3 && strcmp (parts[2], "index.html") == 0)
          n_pages++;
      }
    g_assert_cmpuint (n_pages, ==, G_N_ELEMENTS (pages));
  }
}

/* The issue's promise for --format hugo: importing the folder back gives
 * the same articles and bodies. Titles, slugs, kinds, pillars, groups and
 * status must match; bodies byte for byte. */
static void
test_hugo_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "hugo", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "back.topiary", NULL);
  g_autoptr(TopiaryProject) other = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  const char *plain_body = "No links here: *emphasis*, `[[code]]`,\r\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n[[in a fence]]\n```\n";
  g_autoptr(TopiaryGroup) g1 = NULL;

  fill_small_map (f);
  g1 = topiary_project_find_group (f->project, "getting-started", NULL);
  g_assert_nonnull (g1);
  add_article (f, g1, 0, TOPIARY_KIND_CLUSTER, "Plain text", "No links.", plain_body, TOPIARY_STATUS_REVIEW);
  add_article (f, g1, 0, TOPIARY_KIND_CLUSTER, "Empty plan", "Nothing yet.", NULL, TOPIARY_STATUS_PLANNED);

  opts.format = TOPIARY_EXPORT_HUGO;
  opts.drafts = TRUE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);

  other = topiary_project_open (other_path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_import (other, dir, TOPIARY_IMPORT_HUGO, report, NULL, NULL, &error));
  g_assert_no_error (error);

  mine = topiary_project_list_articles (f->project, NULL);
  g_assert_cmpuint (report->articles, ==, g_list_model_get_n_items (mine));
  g_assert_cmpuint (topiary_project_count_articles (other, NULL), ==, g_list_model_get_n_items (mine));

  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(TopiaryArticle) x = g_list_model_get_item (mine, i);
      g_autoptr(TopiaryArticle) xb = topiary_project_get_article (f->project, topiary_article_get_id (x), TRUE, &error);
      g_autoptr(TopiaryArticle) y = topiary_project_get_article_by_slug (other, topiary_article_get_slug (x), TRUE, NULL);
      g_autoptr(TopiaryGroup) gx = NULL;
      g_autoptr(TopiaryGroup) gy = NULL;
      const char *bx, *by;

      g_assert_no_error (error);
      if (y == NULL)
        g_error ("“%s” did not come back", topiary_article_get_slug (x));
      g_assert_cmpstr (topiary_article_get_title (y), ==, topiary_article_get_title (x));
      g_assert_cmpstr (topiary_article_get_summary (y), ==, topiary_article_get_summary (x));
      g_assert_cmpint (topiary_article_get_kind (y), ==, topiary_article_get_kind (x));
      g_assert_cmpint (topiary_article_get_status (y), ==, topiary_article_get_status (x));
      gx = topiary_project_get_group (f->project, topiary_article_get_group_id (x), NULL);
      gy = topiary_project_get_group (other, topiary_article_get_group_id (y), NULL);
      g_assert_nonnull (gx);
      g_assert_nonnull (gy);
      g_assert_cmpstr (topiary_group_get_title (gy), ==, topiary_group_get_title (gx));
      g_assert_cmpstr (topiary_group_get_slug (gy), ==, topiary_group_get_slug (gx));
      if (topiary_article_get_parent_id (x) != 0)
        {
          g_autoptr(TopiaryArticle) px = topiary_project_get_article (f->project, topiary_article_get_parent_id (x), FALSE, NULL);
          g_autoptr(TopiaryArticle) py = topiary_project_get_article (other, topiary_article_get_parent_id (y), FALSE, NULL);

          g_assert_nonnull (py);
          g_assert_cmpstr (topiary_article_get_slug (py), ==, topiary_article_get_slug (px));
        }

      bx = topiary_article_get_body (xb) ? topiary_article_get_body (xb) : "";
      by = topiary_article_get_body (y) ? topiary_article_get_body (y) : "";
      /* Wiki links went out as relref links and come back as wiki links. */
      g_assert_cmpstr (by, ==, bx);
    }

  topiary_project_close (other);
}

/* RFC 4180: fields, quoted fields with "" for a quote, CRLF records. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == ',' || *p == '\r');
        }
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else if (*p == '\r')
        {
          g_assert_true (p[1] == '\n');
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          g_assert_true (*p != '\n' && *p != '"');
          g_string_append_c (field, *p);
          p++;
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "plan.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TopiaryGroup) g = NULL;
  TopiaryExportOptions opts = { 0 };
  GPtrArray *header, *row;
  gboolean found = FALSE;
  g_autofree char *written = NULL;

  fill_small_map (f);
  g = add_group (f, "Odd, \"group\"", NULL);
  add_article (f, g, 0, TOPIARY_KIND_PILLAR, "Line\nbreak, \"quote\"", "a,b\r\nc", NULL, TOPIARY_STATUS_IDEA);
  opts.format = TOPIARY_EXPORT_CSV;
  opts.output_path = &written;
  g_assert_true (do_export (f, out, &opts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, out);
  g_clear_pointer (&written, g_free);
  /* Again: a CSV file is replaced. */
  g_assert_true (do_export (f, out, &opts, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 1 + 6);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (header->len, ==, 14);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "group");
  g_assert_cmpstr (g_ptr_array_index (header, 12), ==, "summary");
  g_assert_cmpstr (g_ptr_array_index (header, 13), ==, "cover");
  for (guint i = 1; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      g_assert_cmpuint (row->len, ==, 14);
      if (strcmp (g_ptr_array_index (row, 3), "Line\nbreak, \"quote\"") == 0)
        {
          g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "Odd, \"group\"");
          g_assert_cmpstr (g_ptr_array_index (row, 12), ==, "a,b\r\nc");
          g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "idea");
          found = TRUE;
        }
      if (strcmp (g_ptr_array_index (row, 3), "Routing in Flask") == 0)
        {
          g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "Flask basics");
          g_assert_cmpstr (g_ptr_array_index (row, 8), ==, "Routing in Flask");
          g_assert_cmpstr (g_ptr_array_index (row, 9), ==, "second, query");
        }
    }
  g_assert_true (found);

  /* A file of another kind is not overwritten without force. */
  {
    g_autofree char *other = g_build_filename (f->dir, "notes.txt", NULL);

    g_clear_pointer (&written, g_free);
    g_assert_true (g_file_set_contents (other, "keep", -1, NULL));
    g_assert_false (do_export (f, other, &opts, &error));
    g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_EXISTS);
    /* Nothing was written: the out-field is left alone. */
    g_assert_null (written);
  }
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TopiaryNote) note = topiary_note_new ("strategy", "Plan", HOSTILE);
  g_autofree char *expected = NULL;
  TopiaryExportOptions opts = { 0 };
  JsonObject *root;
  JsonArray *articles;
  gboolean body_found = FALSE;
  g_autofree char *written = NULL;

  fill_small_map (f);
  g_assert_true (topiary_project_add_note (f->project, note, &error));
  opts.format = TOPIARY_EXPORT_JSON;
  opts.output_path = &written;
  /* Into a folder: the file is named after the map, and the caller learns
   * its name. */
  g_assert_true (do_export (f, f->dir, &opts, &error));
  g_assert_no_error (error);

  expected = g_build_filename (f->dir, "flask-field-guide.json", NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_true (json_parser_load_from_file (parser, expected, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "topiary-map");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "map"), "title"), ==,
                   "Flask Field Guide");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "groups")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (root, "notes"), 0), "body"),
                   ==, HOSTILE);
  articles = json_object_get_array_member (root, "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 5);
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *a = json_array_get_object_element (articles, i);

      if (strcmp (json_object_get_string_member (a, "slug"), "routing-in-flask") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (a, "body"), ==, "Back to [[Flask basics]].\n");
          g_assert_cmpstr (json_object_get_string_member (a, "pillar"), ==, "flask-basics");
          g_assert_cmpstr (json_object_get_string_member (a, "group"), ==, "getting-started");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "queries")), ==, 2);
          body_found = TRUE;
        }
    }
  g_assert_true (body_found);
}

/* The theme's own words follow the map's language, English otherwise. */
static void
test_language (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  fill_small_map (f);
  topiary_project_set_map_field (f->project, "language", "de-AT", NULL);
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  {
    g_autofree char *page = read_text (dir, "flask-basics/index.html");
    g_autofree char *search = read_text (dir, "search/index.html");

    g_assert_nonnull (strstr (page, "<html lang=\"de-AT\" dir=\"ltr\">"));
    g_assert_nonnull (strstr (page, "<meta property=\"og:locale\" content=\"de_AT\">"));
    g_assert_nonnull (strstr (page, "t_related-title\">Weiterlesen</h2>"));
    g_assert_nonnull (strstr (page, "Min. Lesezeit"));
    g_assert_nonnull (strstr (page, "<time datetime=\"2023-11-14T22:13:20Z\">14. November 2023</time>"));
    g_assert_null (strstr (page, "t_related-title\">Related reading"));
    g_assert_nonnull (strstr (search, "<title>Suchen · Flask Field Guide</title>"));
  }

  topiary_project_set_map_field (f->project, "language", "he", NULL);
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  {
    g_autofree char *page = read_text (dir, "flask-basics/index.html");

    g_assert_nonnull (strstr (page, "<html lang=\"he\" dir=\"rtl\">"));
    g_assert_nonnull (strstr (page, "t_related-title\">Related reading</h2>"));
    g_assert_nonnull (strstr (page, ">14 November 2023</time>"));
  }

  topiary_project_set_map_field (f->project, "language", "es", NULL);
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  {
    g_autofree char *page = read_text (dir, "flask-basics/index.html");

    g_assert_nonnull (strstr (page, ">14 de noviembre de 2023</time>"));
  }
}

/* A failure while many bodies are still being rendered on the worker
 * thread: everything in flight is dropped cleanly. */
static void
test_strict_early (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(TopiaryGroup) g = add_group (f, "Many", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };

  add_article (f, g, 0, TOPIARY_KIND_PILLAR, "First", NULL, "[[Missing]]", TOPIARY_STATUS_PUBLISHED);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *title = g_strdup_printf ("Cluster %u", i);
      add_article (f, g, 0, TOPIARY_KIND_CLUSTER, title, NULL, "Back to [[First]].", TOPIARY_STATUS_PUBLISHED);
    }
  opts.strict = TRUE;
  g_assert_false (do_export (f, dir, &opts, &error));
  g_assert_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_UNRESOLVED);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_false (has_stray_temp (f->dir));
  g_clear_error (&error);

  opts.strict = FALSE;
  g_assert_true (do_export (f, dir, &opts, &error));
  g_assert_no_error (error);
  check_links (dir);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  TopiaryExportOptions opts = { 0 };
  guint last = 0;

  fill_small_map (f);
  g_assert_true (topiary_export (f->project, dir, &opts, progress_cb, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, >, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_project_fixture_setup, fn, test_project_fixture_teardown)
  ADD ("/core/export/site/small", test_small_site);
  ADD ("/core/export/site/drafts", test_drafts);
  ADD ("/core/export/site/unpublished-link", test_unpublished_link);
  ADD ("/core/export/site/escaping", test_escaping);
  ADD ("/core/export/site/hostile-slugs", test_hostile_slugs);
  ADD ("/core/export/site/refuse-foreign", test_refuse_foreign);
  ADD ("/core/export/site/replaced", test_replaced);
  ADD ("/core/export/site/failure-keeps-previous", test_failure_keeps_previous);
  ADD ("/core/export/site/theme-fallback", test_theme_fallback);
  ADD ("/core/export/site/seed-links", test_seed_links);
  ADD ("/core/export/site/progress", test_progress);
  ADD ("/core/export/site/strict-early", test_strict_early);
  ADD ("/core/export/site/language", test_language);
  ADD ("/core/export/hugo", test_hugo);
  ADD ("/core/export/hugo/round-trip", test_hugo_round_trip);
  ADD ("/core/export/csv", test_csv);
  ADD ("/core/export/json", test_json);
#undef ADD

  return g_test_run ();
}
