/* topiary-export-seo.c — the site's files for search engines and readers: sitemap, feed, robots.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "topiary-escape.h"
#include "topiary-export-private.h"
#include "topiary-slug.h"

#define MAX_FEED_ENTRIES 50

static void
sitemap_url (Export     *e,
             GString    *out,
             const char *path,
             gint64      lastmod)
{
  g_autofree char *when = topiary_export_iso_time (lastmod);

  g_string_append (out, "  <url>\n    <loc>");
  if (e->base_url != NULL)
    topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
  topiary_escape_append (out, path, -1, TOPIARY_ESCAPE_XML);
  g_string_append (out, "</loc>\n");
  if (when != NULL)
    g_string_append_printf (out, "    <lastmod>%s</lastmod>\n", when);
  g_string_append (out, "  </url>\n");
}

gboolean
topiary_export_write_sitemap (Export  *e,
                              GError **error)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
  gint64 newest = 0;

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (!a->draft)
        newest = MAX (newest, topiary_export_article_updated (a->article));
    }
  sitemap_url (e, out, "", newest);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g_autofree char *path = g_strconcat (g->slug, "/", NULL);

      sitemap_url (e, out, path, g->updated);
    }
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autofree char *path = NULL;

      if (a->draft)
        continue;
      path = g_strconcat (a->slug, "/", NULL);
      sitemap_url (e, out, path, topiary_export_article_updated (a->article));
    }
  g_string_append (out, "</urlset>\n");
  return topiary_export_write_rel (e, "sitemap.xml", out->str, out->len, error);
}

gboolean
topiary_export_write_feed (Export  *e,
                           GError **error)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *site_slug = topiary_slugify (e->title);
  g_autofree char *updated = NULL;
  gint64 newest = 0;

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (a->draft)
        continue;
      g_ptr_array_add (entries, a);
      newest = MAX (newest, topiary_export_article_updated (a->article));
    }
  g_ptr_array_sort (entries, topiary_export_compare_published_desc);
  if (newest <= 0)
    newest = g_get_real_time () / G_USEC_PER_SEC;
  updated = topiary_export_iso_time (newest);

  g_string_append_printf (out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", e->lang);
  g_string_append (out, "  <title>");
  topiary_escape_append (out, e->title, -1, TOPIARY_ESCAPE_XML);
  g_string_append (out, "</title>\n");
  if (e->description != NULL && e->description[0] != '\0')
    {
      g_string_append (out, "  <subtitle>");
      topiary_escape_append (out, e->description, -1, TOPIARY_ESCAPE_XML);
      g_string_append (out, "</subtitle>\n");
    }
  g_string_append (out, "  <id>");
  if (e->base_url != NULL)
    topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
  else
    g_string_append_printf (out, "urn:topiary:%s", site_slug);
  g_string_append_printf (out, "</id>\n  <updated>%s</updated>\n", updated);
  g_string_append (out, "  <author><name>");
  topiary_escape_append (out, e->title, -1, TOPIARY_ESCAPE_XML);
  g_string_append (out, "</name></author>\n");
  g_string_append_printf (out, "  <generator version=\"%s\">Topiary</generator>\n", PACKAGE_VERSION);
  if (e->base_url != NULL)
    {
      g_string_append (out, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
      topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
      g_string_append (out, "feed.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
      topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
      g_string_append (out, "\"/>\n");
    }
  else
    g_string_append (out, "  <link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n");

  for (guint i = 0; i < entries->len && i < MAX_FEED_ENTRIES; i++)
    {
      ArticleInfo *a = g_ptr_array_index (entries, i);
      g_autofree char *published = topiary_export_iso_time (topiary_export_article_date (a->article));
      g_autofree char *modified = topiary_export_iso_time (topiary_export_article_updated (a->article));
      const char *summary = topiary_article_get_summary (a->article);

      g_string_append (out, "  <entry>\n    <title>");
      topiary_escape_append (out, topiary_article_get_title (a->article), -1, TOPIARY_ESCAPE_XML);
      g_string_append (out, "</title>\n    <id>");
      if (e->base_url != NULL)
        {
          topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
          g_string_append_printf (out, "%s/", a->slug);
        }
      else
        g_string_append_printf (out, "urn:topiary:%s:%s", site_slug, a->slug);
      g_string_append (out, "</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
      if (e->base_url != NULL)
        {
          topiary_escape_append (out, e->base_url, -1, TOPIARY_ESCAPE_XML);
          g_string_append_printf (out, "%s/", a->slug);
        }
      else
        g_string_append_printf (out, "%s/index.html", a->slug);
      g_string_append (out, "\"/>\n");
      g_string_append_printf (out, "    <updated>%s</updated>\n", modified ? modified : updated);
      if (published != NULL)
        g_string_append_printf (out, "    <published>%s</published>\n", published);
      if (a->group != NULL)
        {
          g_string_append (out, "    <category term=\"");
          topiary_escape_append (out, a->group->slug, -1, TOPIARY_ESCAPE_XML);
          g_string_append (out, "\" label=\"");
          topiary_escape_append (out, topiary_group_get_title (a->group->group), -1, TOPIARY_ESCAPE_XML);
          g_string_append (out, "\"/>\n");
        }
      if (summary != NULL && summary[0] != '\0')
        {
          g_string_append (out, "    <summary>");
          topiary_escape_append (out, summary, -1, TOPIARY_ESCAPE_XML);
          g_string_append (out, "</summary>\n");
        }
      g_string_append (out, "  </entry>\n");
    }
  g_string_append (out, "</feed>\n");
  return topiary_export_write_rel (e, "feed.xml", out->str, out->len, error);
}

gboolean
topiary_export_write_robots (Export  *e,
                             GError **error)
{
  g_autoptr(GString) out = g_string_new ("User-agent: *\nAllow: /\n\n");

  if (e->base_url != NULL)
    g_string_append_printf (out, "Sitemap: %ssitemap.xml\n", e->base_url);
  else
    /* The Sitemap line must be a full URL; a relative one is invalid
     * and crawlers skip it, so without a base URL it stays a hint. */
    g_string_append (out, "# Export with a base URL to name the sitemap here by its full address:\n"
                          "# Sitemap: https://example.org/sitemap.xml\n");
  return topiary_export_write_rel (e, "robots.txt", out->str, out->len, error);
}
