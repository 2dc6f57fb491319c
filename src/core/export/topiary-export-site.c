/* topiary-export-site.c — the static site: article, group, home, search and 404 pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is a context (JSON) rendered with the theme's template; the
 * JSON-LD, the breadcrumbs, the related articles and the navigation are
 * built here. The sitemap, feed and robots.txt are topiary-export-seo.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-markdown.h"
#include "topiary-mustache.h"

#define MAX_RELATED 6
#define MAX_HOME_CLUSTERS 12
#define MAX_NAV 8
#define MAX_HOME_RECENT 4

/* JSON for a <script> element: "<", ">" and "&" as \u escapes, so no
 * string in it can close the element or open a comment. */
static char *
json_for_script (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;
  GString *out;

  json_generator_set_root (gen, node);
  json = json_generator_to_data (gen, NULL);
  out = g_string_sized_new (strlen (json) + 16);
  for (const char *p = json; *p; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "\\u003c"); break;
        case '>': g_string_append (out, "\\u003e"); break;
        case '&': g_string_append (out, "\\u0026"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* The cover image's URL for og:image and JSON-LD: absolute when the site
 * has a base URL, else from @root. NULL for none. */
static char *
cover_url (Export     *e,
           gint64      article_id,
           const char *root)
{
  const TopiaryFileInfo *cover = topiary_export_media_cover (e->media, article_id);
  const char *path = cover != NULL ? topiary_export_media_site_path (e->media, cover) : NULL;

  if (path == NULL)
    return NULL;
  return g_strconcat (e->base_url != NULL ? e->base_url : root, path, NULL);
}

static const char *
text_direction (const char *lang)
{
  static const char *rtl[] = { "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "iw" };
  g_autofree char *primary = g_ascii_strdown (lang, strcspn (lang, "-_"));

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    if (strcmp (primary, rtl[i]) == 0)
      return "rtl";
  return "ltr";
}

static char *
canonical (Export     *e,
           const char *path)
{
  if (e->base_url == NULL)
    return NULL;
  return g_strconcat (e->base_url, path, NULL);
}

/* The header names the first few groups; a map of hundreds of groups
 * lists them all on the home page instead. */
static JsonArray *
make_nav (Export    *e,
          GroupInfo *current)
{
  JsonArray *nav = json_array_new ();

  for (guint i = 0; i < e->groups->len && i < MAX_NAV; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      JsonObject *item = json_object_new ();
      g_autofree char *path = g_strconcat (g->slug, "/index.html", NULL);

      json_object_set_string_member (item, "title", nonnull (topiary_group_get_title (g->group)));
      json_object_set_string_member (item, "path", path);
      json_object_set_boolean_member (item, "current", g == current);
      json_array_add_object_element (nav, item);
    }
  return nav;
}

static JsonObject *
page_context (Export     *e,
              const char *root,
              JsonArray  *nav)
{
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "root", root);
  json_object_set_object_member (ctx, "site", json_object_ref (e->site));
  json_object_set_object_member (ctx, "t", json_object_ref (e->words));
  json_object_set_boolean_member (ctx, "has_nav", json_array_get_length (nav) > 0);
  json_object_set_array_member (ctx, "nav", json_array_ref (nav));
  /* The page's language: the site's, or an article's own (base.mustache). */
  json_object_set_string_member (ctx, "lang", e->lang);
  json_object_set_string_member (ctx, "dir", text_direction (e->lang));
  return ctx;
}

/* An article's own language, else the site's. */
static char *
article_lang (Export      *e,
              ArticleInfo *a)
{
  char *lang = topiary_language_normalize (topiary_article_get_language (a->article));

  return lang != NULL ? lang : g_strdup (e->lang);
}

static JsonObject *
make_page (const char *title,
           const char *description,
           const char *canonical_url,
           const char *og_type)
{
  JsonObject *page = json_object_new ();

  json_object_set_string_member (page, "title", nonnull (title));
  json_object_set_string_member (page, "description", nonnull (description));
  json_object_set_string_member (page, "canonical", nonnull (canonical_url));
  json_object_set_string_member (page, "og_type", og_type);
  return page;
}

static JsonObject *
crumb (const char *title,
       const char *href)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "title", nonnull (title));
  json_object_set_string_member (o, "href", nonnull (href));
  return o;
}

/* The first crumb: the theme may show its own word for "home", while
 * the BreadcrumbList keeps the site's name. */
static JsonObject *
home_crumb (Export     *e,
            const char *href)
{
  JsonObject *o = crumb (e->title, href);

  json_object_set_boolean_member (o, "home", TRUE);
  return o;
}

/* Appends @text to @array and frees it. */
static void
add_owned_string (JsonArray *array,
                  char      *text)
{
  json_array_add_string_element (array, text);
  g_free (text);
}

static char *
breadcrumb_ld (Export     *e,
               JsonArray  *crumbs,
               GPtrArray  *paths)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = json_array_get_length (crumbs);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "BreadcrumbList");
  json_builder_set_member_name (b, "itemListElement");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (crumbs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@type");
      json_builder_add_string_value (b, "ListItem");
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, i + 1);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, json_object_get_string_member (c, "title"));
      if (e->base_url != NULL)
        {
          g_autofree char *url = g_strconcat (e->base_url, (char *) g_ptr_array_index (paths, i), NULL);

          json_builder_set_member_name (b, "item");
          json_builder_add_string_value (b, url);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_for_script (root);
}

static char *
article_ld (Export      *e,
            ArticleInfo *a,
            guint        words,
            const char  *image)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *published = topiary_export_iso_time (topiary_export_article_date (a->article));
  g_autofree char *modified = topiary_export_iso_time (topiary_export_article_updated (a->article));
  g_autofree char *lang = article_lang (e, a);
  g_autofree char *url = NULL;
  g_autofree char *keywords = topiary_export_join_queries (a->article, FALSE, ", ");
  const char *summary = topiary_article_get_summary (a->article);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "Article");
  json_builder_set_member_name (b, "headline");
  json_builder_add_string_value (b, nonnull (topiary_article_get_title (a->article)));
  if (summary != NULL && summary[0] != '\0')
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, summary);
    }
  if (published != NULL)
    {
      json_builder_set_member_name (b, "datePublished");
      json_builder_add_string_value (b, published);
    }
  if (modified != NULL)
    {
      json_builder_set_member_name (b, "dateModified");
      json_builder_add_string_value (b, modified);
    }
  if (image != NULL)
    {
      json_builder_set_member_name (b, "image");
      json_builder_add_string_value (b, image);
    }
  json_builder_set_member_name (b, "inLanguage");
  json_builder_add_string_value (b, lang);
  json_builder_set_member_name (b, "wordCount");
  json_builder_add_int_value (b, words);
  if (keywords[0] != '\0')
    {
      json_builder_set_member_name (b, "keywords");
      json_builder_add_string_value (b, keywords);
    }
  if (a->group != NULL)
    {
      json_builder_set_member_name (b, "articleSection");
      json_builder_add_string_value (b, nonnull (topiary_group_get_title (a->group->group)));
    }
  url = e->base_url != NULL ? g_strconcat (e->base_url, a->slug, "/", NULL) : NULL;
  if (url != NULL)
    {
      json_builder_set_member_name (b, "mainEntityOfPage");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
    }
  /* The map has no author field: the site speaks for itself. */
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "Organization");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "isPartOf");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "WebSite");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  if (e->base_url != NULL)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, e->base_url);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_for_script (root);
}

static char *
article_href (ArticleInfo *a,
              const char  *root)
{
  return g_strconcat (root, a->slug, "/index.html", NULL);
}

static JsonObject *
article_link (ArticleInfo *a,
              const char  *root)
{
  JsonObject *o = json_object_new ();
  g_autofree char *href = article_href (a, root);

  json_object_set_string_member (o, "title", nonnull (topiary_article_get_title (a->article)));
  json_object_set_string_member (o, "href", href);
  json_object_set_string_member (o, "summary", nonnull (topiary_article_get_summary (a->article)));
  json_object_set_int_member (o, "reading_minutes",
                              topiary_markdown_reading_minutes (topiary_article_get_word_count (a->article)));
  /* A planned article exported as a draft has no text: no reading time. */
  json_object_set_boolean_member (o, "written", topiary_article_get_word_count (a->article) > 0);
  json_object_set_boolean_member (o, "draft", a->draft);
  json_object_set_boolean_member (o, "is_pillar", a->group != NULL && a->group->pillar == a);
  return o;
}

/* The link to @a from a page one level down, built once: related lists,
 * pagers and group pages share it. */
static JsonObject *
shared_link (ArticleInfo *a)
{
  if (a->link == NULL)
    a->link = article_link (a, "../");
  return json_object_ref (a->link);
}

/* The link to @a with its cover for a card (group and home pages): the
 * shared link itself when it has none. */
static JsonObject *
card_link (Export      *e,
           ArticleInfo *a,
           const char  *root)
{
  JsonObject *cover = topiary_export_media_card (e->media, a->id, root);
  JsonObject *o;

  if (cover == NULL)
    return strcmp (root, "../") == 0 ? shared_link (a) : article_link (a, root);
  o = article_link (a, root);
  json_object_set_object_member (o, "cover", cover);
  return o;
}

static gint
compare_in_group (gconstpointer pa,
                  gconstpointer pb)
{
  const ArticleInfo *a = *(ArticleInfo * const *) pa;
  const ArticleInfo *b = *(ArticleInfo * const *) pb;

  return (a->in_group > b->in_group) - (a->in_group < b->in_group);
}

/* The pillar, then the siblings nearest in the writing order. */
static JsonArray *
related_for (ArticleInfo *a)
{
  JsonArray *related = json_array_new ();
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  GPtrArray *siblings;
  int left, right;
  guint want;

  if (a->pillar != NULL)
    json_array_add_object_element (related, shared_link (a->pillar));
  if (a->group == NULL)
    return related;

  siblings = a->group->articles;
  want = MAX_RELATED - json_array_get_length (related);
  left = (int) a->in_group - 1;
  right = (int) a->in_group + 1;
  while (picked->len < want && (left >= 0 || right < (int) siblings->len))
    {
      if (right < (int) siblings->len)
        {
          ArticleInfo *s = g_ptr_array_index (siblings, right++);
          if (s != a->pillar && s != a)
            g_ptr_array_add (picked, s);
        }
      if (picked->len < want && left >= 0)
        {
          ArticleInfo *s = g_ptr_array_index (siblings, left--);
          if (s != a->pillar && s != a)
            g_ptr_array_add (picked, s);
        }
    }
  g_ptr_array_sort (picked, compare_in_group);
  for (guint i = 0; i < picked->len; i++)
    json_array_add_object_element (related, shared_link (g_ptr_array_index (picked, i)));
  return related;
}

gboolean
topiary_export_write_article (Export                   *e,
                              ArticleInfo              *a,
                              TopiaryMarkdownResult    *md,
                              TopiaryMustacheTemplate  *tmpl,
                              GError                  **error)
{
  g_autoptr(JsonObject) ctx = NULL;
  g_autoptr(GPtrArray) crumb_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *relpath = g_strconcat (a->slug, "/index.html", NULL);
  g_autofree char *path = g_strconcat (a->slug, "/", NULL);
  g_autofree char *canonical_url = canonical (e, path);
  g_autofree char *published = topiary_export_iso_time (topiary_export_article_date (a->article));
  g_autofree char *modified = topiary_export_iso_time (topiary_export_article_updated (a->article));
  g_autofree char *human = topiary_export_human_date (topiary_export_article_date (a->article), e->lang);
  const char *title = nonnull (topiary_article_get_title (a->article));
  const char *summary = topiary_article_get_summary (a->article);
  g_autofree char *body = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *lang = article_lang (e, a);
  JsonObject *page, *article;
  JsonArray *crumbs, *jsonld, *toc, *related;
  guint n_toc = 0;

  if (!topiary_export_check_unresolved (e, a, md->unresolved, error))
    return FALSE;
  /* The article's images, each content once, before the page links them. */
  if (!topiary_export_media_write_site (e->media, a->id, topiary_export_write_media, e, error))
    return FALSE;
  body = topiary_export_media_rewrite_html (e->media, a->id, md->html, "../");
  cover = cover_url (e, a->id, "../");

  ctx = page_context (e, "../", a->group != NULL ? a->group->nav : e->nav);
  json_object_set_string_member (ctx, "lang", lang);
  json_object_set_string_member (ctx, "dir", text_direction (lang));

  page = make_page (title, summary, canonical_url, "article");
  if (cover != NULL)
    json_object_set_string_member (page, "image", cover);
  json_object_set_boolean_member (page, "noindex", a->draft);
  json_object_set_string_member (page, "published", nonnull (published));
  json_object_set_string_member (page, "modified", nonnull (modified));
  json_object_set_object_member (ctx, "page", page);

  crumbs = json_array_new ();
  json_array_add_object_element (crumbs, home_crumb (e, "../index.html"));
  g_ptr_array_add (crumb_paths, g_strdup (""));
  if (a->group != NULL)
    {
      g_autofree char *href = g_strconcat ("../", a->group->slug, "/index.html", NULL);

      json_array_add_object_element (crumbs, crumb (topiary_group_get_title (a->group->group), href));
      g_ptr_array_add (crumb_paths, g_strconcat (a->group->slug, "/", NULL));
    }
  if (a->pillar != NULL)
    {
      g_autofree char *href = article_href (a->pillar, "../");

      json_array_add_object_element (crumbs, crumb (topiary_article_get_title (a->pillar->article), href));
      g_ptr_array_add (crumb_paths, g_strconcat (a->pillar->slug, "/", NULL));
    }
  json_array_add_object_element (crumbs, crumb (title, NULL));
  g_ptr_array_add (crumb_paths, g_strdup (path));

  jsonld = json_array_new ();
  add_owned_string (jsonld, article_ld (e, a, md->words, cover));
  add_owned_string (jsonld, breadcrumb_ld (e, crumbs, crumb_paths));
  json_object_set_array_member (ctx, "jsonld", jsonld);
  json_object_set_boolean_member (ctx, "has_breadcrumbs", TRUE);
  json_object_set_array_member (ctx, "breadcrumbs", crumbs);

  article = json_object_new ();
  json_object_set_string_member (article, "title", title);
  json_object_set_string_member (article, "summary", nonnull (summary));
  json_object_set_string_member (article, "date", nonnull (published));
  json_object_set_string_member (article, "date_human", nonnull (human));
  json_object_set_int_member (article, "reading_minutes", topiary_markdown_reading_minutes (md->words));
  json_object_set_int_member (article, "words", md->words);
  json_object_set_boolean_member (article, "written", md->html != NULL && md->html[strspn (md->html, " \t\r\n")] != '\0');
  json_object_set_boolean_member (article, "draft", a->draft);
  json_object_set_string_member (article, "kind", topiary_kind_to_string (topiary_article_get_kind (a->article)));
  json_object_set_string_member (article, "intent", nonnull (topiary_article_get_intent (a->article)));
  toc = json_array_new ();
  for (guint i = 0; md->headings != NULL && i < md->headings->len; i++)
    {
      TopiaryHeading *h = g_ptr_array_index (md->headings, i);
      JsonObject *item;

      if (h->level < 2 || h->level > 3)
        continue;
      item = json_object_new ();
      json_object_set_int_member (item, "level", h->level);
      json_object_set_string_member (item, "text", nonnull (h->text));
      json_object_set_string_member (item, "id", nonnull (h->id));
      json_array_add_object_element (toc, item);
      n_toc++;
    }
  json_object_set_boolean_member (article, "has_toc", n_toc >= 3);
  json_object_set_array_member (article, "toc", toc);
  json_object_set_string_member (article, "body", body != NULL ? body : nonnull (md->html));
  json_object_set_object_member (ctx, "article", article);

  related = related_for (a);
  json_object_set_boolean_member (ctx, "has_related", json_array_get_length (related) > 0);
  json_object_set_array_member (ctx, "related", related);

  if (a->index > 0)
    json_object_set_object_member (ctx, "prev", shared_link (g_ptr_array_index (e->articles, a->index - 1)));
  if (a->index + 1 < e->articles->len)
    json_object_set_object_member (ctx, "next", shared_link (g_ptr_array_index (e->articles, a->index + 1)));
  json_object_set_boolean_member (ctx, "has_pager", e->articles->len > 1);

  return topiary_export_render_page (e, tmpl, ctx, relpath, error);
}

static gboolean
write_group (Export                   *e,
             GroupInfo                *g,
             TopiaryMustacheTemplate  *tmpl,
             GError                  **error)
{
  g_autoptr(JsonObject) ctx = NULL;
  g_autoptr(GPtrArray) crumb_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *relpath = g_strconcat (g->slug, "/index.html", NULL);
  g_autofree char *path = g_strconcat (g->slug, "/", NULL);
  g_autofree char *canonical_url = canonical (e, path);
  const char *title = nonnull (topiary_group_get_title (g->group));
  const char *description = topiary_group_get_description (g->group);
  JsonObject *group;
  JsonArray *crumbs, *clusters, *jsonld;

  ctx = page_context (e, "../", g->nav);
  json_object_set_object_member (ctx, "page", make_page (title, description, canonical_url, "website"));

  crumbs = json_array_new ();
  json_array_add_object_element (crumbs, home_crumb (e, "../index.html"));
  g_ptr_array_add (crumb_paths, g_strdup (""));
  json_array_add_object_element (crumbs, crumb (title, NULL));
  g_ptr_array_add (crumb_paths, g_strdup (path));
  jsonld = json_array_new ();
  add_owned_string (jsonld, breadcrumb_ld (e, crumbs, crumb_paths));
  json_object_set_array_member (ctx, "jsonld", jsonld);
  json_object_set_boolean_member (ctx, "has_breadcrumbs", TRUE);
  json_object_set_array_member (ctx, "breadcrumbs", crumbs);

  group = json_object_new ();
  json_object_set_string_member (group, "title", title);
  json_object_set_string_member (group, "description", nonnull (description));
  json_object_set_string_member (group, "slug", g->slug);
  if (g->pillar != NULL)
    json_object_set_object_member (group, "pillar", card_link (e, g->pillar, "../"));
  clusters = json_array_new ();
  for (guint i = 0; i < g->clusters->len; i++)
    json_array_add_object_element (clusters, card_link (e, g_ptr_array_index (g->clusters, i), "../"));
  json_object_set_boolean_member (group, "has_clusters", g->clusters->len > 0);
  json_object_set_array_member (group, "clusters", clusters);
  json_object_set_object_member (ctx, "group", group);

  return topiary_export_render_page (e, tmpl, ctx, relpath, error);
}

/* A group's page is made as soon as its articles' pages are (its cards
 * show only covers the site holds: topiary_export_media_card()), while
 * the workers still render the next articles, instead of after all of
 * them when the other threads have nothing left to do. */
gboolean
topiary_export_article_done (Export                   *e,
                             ArticleInfo              *a,
                             TopiaryMustacheTemplate  *group_tmpl,
                             GError                  **error)
{
  GroupInfo *g = a->group;

  if (g == NULL || a->index != g->last_index)
    return TRUE;
  if (!write_group (e, g, group_tmpl, error))
    return FALSE;
  topiary_export_progress (e);
  return TRUE;
}

static char *
website_ld (Export *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "WebSite");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  if (e->description != NULL && e->description[0] != '\0')
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, e->description);
    }
  json_builder_set_member_name (b, "inLanguage");
  json_builder_add_string_value (b, e->lang);
  if (e->base_url != NULL)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, e->base_url);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_for_script (root);
}

/* The newest published articles, for a blog's "latest" list. Drafts have
 * no date a reader should see. */
static JsonArray *
recent_articles (Export *e)
{
  g_autoptr(GPtrArray) published = g_ptr_array_new ();
  JsonArray *recent = json_array_new ();

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (!a->draft && topiary_article_get_word_count (a->article) > 0)
        g_ptr_array_add (published, a);
    }
  g_ptr_array_sort (published, topiary_export_compare_published_desc);
  for (guint i = 0; i < published->len && i < MAX_HOME_RECENT; i++)
    {
      ArticleInfo *a = g_ptr_array_index (published, i);
      JsonObject *o = card_link (e, a, "");
      g_autofree char *date = topiary_export_iso_time (topiary_export_article_date (a->article));
      g_autofree char *human = topiary_export_human_date (topiary_export_article_date (a->article), e->lang);

      json_object_set_string_member (o, "date", nonnull (date));
      json_object_set_string_member (o, "date_human", nonnull (human));
      if (a->group != NULL)
        json_object_set_string_member (o, "group", nonnull (topiary_group_get_title (a->group->group)));
      json_array_add_object_element (recent, o);
    }
  return recent;
}

static gboolean
write_home (Export                   *e,
            TopiaryMustacheTemplate  *tmpl,
            GError                  **error)
{
  g_autoptr(JsonObject) ctx = page_context (e, "", e->nav);
  JsonArray *groups = json_array_new ();
  JsonArray *jsonld = json_array_new ();
  JsonObject *stats = json_object_new ();
  JsonArray *recent;

  json_object_set_object_member (ctx, "page", make_page (e->title, e->description, e->base_url, "website"));
  add_owned_string (jsonld, website_ld (e));
  json_object_set_array_member (ctx, "jsonld", jsonld);

  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      JsonObject *o = json_object_new ();
      JsonArray *clusters = json_array_new ();
      g_autofree char *href = g_strconcat (g->slug, "/index.html", NULL);

      json_object_set_string_member (o, "title", nonnull (topiary_group_get_title (g->group)));
      json_object_set_string_member (o, "slug", g->slug);
      json_object_set_string_member (o, "href", href);
      json_object_set_string_member (o, "description", nonnull (topiary_group_get_description (g->group)));
      if (g->pillar != NULL)
        json_object_set_object_member (o, "pillar", card_link (e, g->pillar, ""));
      for (guint k = 0; k < g->clusters->len && k < MAX_HOME_CLUSTERS; k++)
        json_array_add_object_element (clusters, article_link (g_ptr_array_index (g->clusters, k), ""));
      json_object_set_boolean_member (o, "has_clusters", g->clusters->len > 0);
      json_object_set_array_member (o, "clusters", clusters);
      if (g->clusters->len > MAX_HOME_CLUSTERS)
        {
          JsonObject *more = json_object_new ();

          json_object_set_int_member (more, "count", g->articles->len);
          json_object_set_object_member (o, "more", more);
        }
      json_array_add_object_element (groups, o);
    }
  json_object_set_boolean_member (ctx, "has_groups", e->groups->len > 0);
  json_object_set_array_member (ctx, "groups", groups);
  recent = recent_articles (e);
  json_object_set_boolean_member (ctx, "has_recent", json_array_get_length (recent) > 0);
  json_object_set_array_member (ctx, "recent", recent);
  json_object_set_int_member (stats, "articles", e->articles->len);
  json_object_set_int_member (stats, "groups", e->groups->len);
  /* "1 article", "1 topic": the singular is a word of its own. */
  json_object_set_boolean_member (stats, "one_article", e->articles->len == 1);
  json_object_set_boolean_member (stats, "one_group", e->groups->len == 1);
  json_object_set_object_member (ctx, "stats", stats);

  return topiary_export_render_page (e, tmpl, ctx, "index.html", error);
}

static gboolean
write_simple (Export                   *e,
              TopiaryMustacheTemplate  *tmpl,
              const char               *root,
              const char               *title,
              const char               *canonical_path,
              const char               *relpath,
              GError                  **error)
{
  g_autoptr(JsonObject) ctx = page_context (e, root, e->nav);
  g_autofree char *canonical_url = canonical_path ? canonical (e, canonical_path) : NULL;
  JsonObject *page = make_page (title, NULL, canonical_url, "website");

  /* Search results and error pages are not for search engines. */
  json_object_set_boolean_member (page, "noindex", TRUE);
  json_object_set_object_member (ctx, "page", page);
  return topiary_export_render_page (e, tmpl, ctx, relpath, error);
}

/* The map page: the articles as a graph, each node a link to its page. */
static gboolean
write_map_page (Export                   *e,
                TopiaryMustacheTemplate  *tmpl,
                GError                  **error)
{
  g_autoptr(JsonObject) ctx = page_context (e, "../", e->nav);
  g_autofree char *canonical_url = canonical (e, "map/");
  g_autofree char *svg = topiary_export_map_svg (e, error);

  if (svg == NULL)
    return FALSE;
  json_object_set_object_member (ctx, "page", make_page (json_object_get_string_member (e->words, "site_map"),
                                                         NULL, canonical_url, "website"));
  /* SVG Topiary made itself, every label escaped (topiary-graph-svg.c). */
  json_object_set_string_member (ctx, "graph", svg);
  return topiary_export_render_page (e, tmpl, ctx, "map/index.html", error);
}

static gboolean
write_search_index (Export  *e,
                    GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *script = NULL;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      const char * const *queries = topiary_article_get_queries (a->article);
      g_autofree char *url = g_strconcat (a->slug, "/index.html", NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, nonnull (topiary_article_get_title (a->article)));
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, nonnull (topiary_article_get_summary (a->article)));
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, a->group ? nonnull (topiary_group_get_title (a->group->group)) : "");
      json_builder_set_member_name (b, "queries");
      json_builder_begin_array (b);
      for (guint k = 0; queries[k] != NULL; k++)
        json_builder_add_string_value (b, queries[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, &len);
  if (!topiary_export_write_rel (e, "search-index.json", json, len, error))
    return FALSE;

  /* The same data for pages opened from disk, where fetch() is refused. */
  script = g_strconcat ("window.TOPIARY_SEARCH_INDEX = ", json, ";\n", NULL);
  return topiary_export_write_rel (e, "search-index.js", script, strlen (script), error);
}

static gboolean
write_asset (gpointer     user_data,
             const char  *relpath,
             const char  *data,
             gsize        len,
             GError     **error)
{
  return topiary_export_write_rel (user_data, relpath, data, len, error);
}

static gboolean
write_assets (Export  *e,
              GError **error)
{
  return topiary_export_theme_write_assets (&e->theme, write_asset, e, error);
}

static gboolean
export_site_files (Export  *e,
                   GError **error)
{
  g_autoptr(TopiaryMustacheTemplate) home = NULL;
  g_autoptr(TopiaryMustacheTemplate) group = NULL;
  g_autoptr(TopiaryMustacheTemplate) article = NULL;
  g_autoptr(TopiaryMustacheTemplate) search = NULL;
  g_autoptr(TopiaryMustacheTemplate) not_found = NULL;
  g_autoptr(TopiaryMustacheTemplate) map_page = NULL;
  g_autofree char *root_404 = NULL;

  /* Every template is compiled before anything is written, so a broken
   * one is reported at once. */
  if ((home = topiary_export_theme_require (&e->theme, "home", error)) == NULL ||
      (group = topiary_export_theme_require (&e->theme, "group", error)) == NULL ||
      (article = topiary_export_theme_require (&e->theme, "article", error)) == NULL ||
      (search = topiary_export_theme_require (&e->theme, "search", error)) == NULL ||
      (not_found = topiary_export_theme_require (&e->theme, "404", error)) == NULL)
    return FALSE;
  if (e->options->with_map_page && (map_page = topiary_export_theme_require (&e->theme, "map", error)) == NULL)
    return FALSE;

  e->site = json_object_new ();
  json_object_set_string_member (e->site, "title", e->title);
  json_object_set_string_member (e->site, "description", nonnull (e->description));
  json_object_set_string_member (e->site, "lang", e->lang);
  json_object_set_string_member (e->site, "dir", text_direction (e->lang));
  json_object_set_string_member (e->site, "url", nonnull (e->base_url));
  json_object_set_string_member (e->site, "generator", "Topiary " PACKAGE_VERSION);
  json_object_set_boolean_member (e->site, "has_map", map_page != NULL);
  {
    /* Open Graph wants language_TERRITORY. */
    static const char *defaults[][2] = {
      { "en", "en_US" }, { "de", "de_DE" }, { "fr", "fr_FR" }, { "es", "es_ES" }, { "it", "it_IT" },
      { "pt", "pt_PT" }, { "nl", "nl_NL" }, { "he", "he_IL" }, { "ar", "ar_AR" },
    };
    g_auto(GStrv) parts = g_strsplit_set (e->lang, "-_", 3);
    g_autofree char *locale = NULL;

    if (parts[0] != NULL && parts[1] != NULL && strlen (parts[1]) == 2)
      {
        g_autofree char *language = g_ascii_strdown (parts[0], -1);
        g_autofree char *territory = g_ascii_strup (parts[1], -1);

        locale = g_strconcat (language, "_", territory, NULL);
      }
    for (guint i = 0; locale == NULL && i < G_N_ELEMENTS (defaults); i++)
      if (g_ascii_strcasecmp (parts[0] ? parts[0] : "", defaults[i][0]) == 0)
        locale = g_strdup (defaults[i][1]);
    json_object_set_string_member (e->site, "og_locale", nonnull (locale));
  }

  e->words = topiary_export_theme_words (e->lang);
  e->nav = make_nav (e, NULL);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g->nav = i < MAX_NAV ? make_nav (e, g) : json_array_ref (e->nav);
    }

  e->total = e->articles->len + e->groups->len + 6 + (map_page != NULL ? 1 : 0);

  /* Each group's page is made after its last article's
   * (topiary_export_article_done()); a site keeps no empty group
   * (topiary_export_collect()). */
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);

      g_assert (g->articles->len > 0);
      for (guint k = 0; k < g->articles->len; k++)
        g->last_index = MAX (g->last_index, ((ArticleInfo *) g_ptr_array_index (g->articles, k))->index);
    }
  if (!topiary_export_write_articles (e, article, group, error))
    return FALSE;

  if (!write_home (e, home, error))
    return FALSE;
  topiary_export_progress (e);
  if (map_page != NULL)
    {
      if (!write_map_page (e, map_page, error))
        return FALSE;
      topiary_export_progress (e);
    }
  if (!write_simple (e, search, "../", json_object_get_string_member (e->words, "search"),
                     "search/", "search/index.html", error))
    return FALSE;
  topiary_export_progress (e);
  /* The 404 page is served at any depth: its links start from the site root. */
  root_404 = g_strdup (e->base_url != NULL ? e->base_url : "/");
  if (!write_simple (e, not_found, root_404, json_object_get_string_member (e->words, "not_found"),
                     NULL, "404.html", error))
    return FALSE;
  topiary_export_progress (e);

  if (!topiary_export_write_sitemap (e, error) || !topiary_export_write_feed (e, error) || !topiary_export_write_robots (e, error))
    return FALSE;
  topiary_export_progress (e);
  if (!write_search_index (e, error))
    return FALSE;
  topiary_export_progress (e);
  if (!write_assets (e, error))
    return FALSE;
  topiary_export_progress (e);

  return TRUE;
}

gboolean
topiary_export_site (Export  *e,
                     GError **error)
{
  GError *local_error = NULL;
  gboolean ok;

  e->writer = topiary_export_page_writer_new (e);
  e->highlight_cache = topiary_export_highlight_cache_new (e->options->cache_dir,
                                                           topiary_project_get_path (e->project));
  ok = export_site_files (e, &local_error);
  /* A page that failed to be written came before whatever else failed;
   * the smaller copies of images are written meanwhile, by threads of
   * their own, and waited for here. */
  if (!topiary_export_page_writer_finish (e->writer, error))
    {
      g_clear_error (&local_error);
      ok = FALSE;
    }
  else if (!ok)
    g_propagate_error (error, local_error);
  if (!topiary_export_media_finish_site (e->media, ok ? error : NULL))
    ok = FALSE;
  g_clear_pointer (&e->writer, topiary_export_page_writer_free);
  if (ok && e->highlight_cache != NULL)
    topiary_export_highlight_cache_save (e->highlight_cache);
  g_clear_pointer (&e->highlight_cache, topiary_export_highlight_cache_free);
  return ok;
}
