/* topiary-export-hugo.c — Hugo content: hugo.toml, front matter, wiki links as relref
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * content/_index.md, one _index.md per group, and one page (or page
 * bundle with its files) per article under its group's folder.
 */

#include "config.h"

#include <string.h>

#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-frontmatter.h"
#include "topiary-markdown.h"

static char *
hugo_path (ArticleInfo *a)
{
  if (a->group != NULL)
    return g_strconcat (a->group->slug, "/", a->slug, ".md", NULL);
  return g_strconcat (a->slug, ".md", NULL);
}

/* The one resolver (topiary-link.h) names the article; the "slug" handed
 * to the rewrite is its page under content/, which the href wraps in
 * Hugo's relref, so Hugo checks every link when it builds. A link to a
 * heading links the page: Hugo makes its own heading ids. */
static char *
hugo_resolve (const char *target,
              gpointer    user_data)
{
  ArticleInfo *a = topiary_export_find_target (user_data, target, NULL);

  return a != NULL ? hugo_path (a) : NULL;
}

/* The body with its wiki links as Markdown links through relref; what
 * the renderer would not read as a link (code, comments) stays as it is. */
static char *
hugo_rewrite (Export     *e,
              const char *body,
              GPtrArray  *unresolved)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;

  options.resolve = hugo_resolve;
  options.href_prefix = "{{< relref \"/";
  options.href_suffix = "\" >}}";
  options.href_verbatim = TRUE;
  options.user_data = e;
  return topiary_markdown_rewrite_links (body, &options, unresolved);
}

static char *
toml_quote (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = nonnull (text); *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
write_front_matter_file (Export                    *e,
                         const char                *relpath,
                         TopiaryFrontMatterWriter  *w,
                         const char                *body,
                         GError                   **error)
{
  g_autofree char *fm = topiary_front_matter_writer_to_string (w);
  /* The body follows the closing delimiter as it is, so an import of the
   * folder gives back the same bytes. */
  g_autofree char *text = g_strconcat (fm, nonnull (body), NULL);

  return topiary_export_write_rel (e, relpath, text, strlen (text), error);
}

gboolean
topiary_export_hugo (Export  *e,
                     GError **error)
{
  g_autofree char *title = toml_quote (e->title);
  g_autofree char *base = toml_quote (e->base_url != NULL ? e->base_url : "/");
  g_autofree char *lang = toml_quote (e->lang);
  g_autofree char *config = NULL;

  e->total = e->articles->len + e->groups->len + 1;

  config = g_strdup_printf ("# Written by Topiary %s.\n"
                            "baseURL = %s\n"
                            "title = %s\n"
                            "languageCode = %s\n"
                            "\n"
                            "[markup.goldmark.renderer]\n"
                            "  unsafe = %s\n",
                            PACKAGE_VERSION, base, title, lang,
                            e->allow_html ? "true" : "false");
  if (!topiary_export_write_rel (e, "hugo.toml", config, strlen (config), error))
    return FALSE;

  {
    g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();

    topiary_front_matter_writer_add_string (w, "title", e->title);
    if (e->description != NULL && e->description[0] != '\0')
      topiary_front_matter_writer_add_string (w, "description", e->description);
    if (!write_front_matter_file (e, "content/_index.md", w, NULL, error))
      return FALSE;
    topiary_export_progress (e);
  }

  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
      g_autofree char *relpath = g_strconcat ("content/", g->slug, "/_index.md", NULL);
      const char *description = topiary_group_get_description (g->group);

      topiary_front_matter_writer_add_string (w, "title", topiary_group_get_title (g->group));
      topiary_front_matter_writer_add_string (w, "slug", g->slug);
      if (description != NULL && description[0] != '\0')
        topiary_front_matter_writer_add_string (w, "description", description);
      topiary_front_matter_writer_add_int (w, "weight", topiary_group_get_position (g->group));
      if (!write_front_matter_file (e, relpath, w, NULL, error))
        return FALSE;
      topiary_export_progress (e);
    }

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autoptr(TopiaryArticle) full = topiary_project_get_article (e->project, a->id, TRUE, error);
      g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
      g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *path = hugo_path (a);
      g_autofree char *relpath = g_strconcat ("content/", path, NULL);
      g_autofree char *bundle = NULL;
      const TopiaryFileInfo *cover = topiary_export_media_cover (e->media, a->id);
      g_autofree char *date = topiary_export_iso_time (topiary_export_article_date (a->article));
      g_autofree char *lastmod = topiary_export_iso_time (topiary_export_article_updated (a->article));
      g_autofree char *body = NULL;
      const char *summary = topiary_article_get_summary (a->article);
      const char *intent = topiary_article_get_intent (a->article);

      if (full == NULL)
        return FALSE;
      /* An article with files is a page bundle, content/group/slug/index.md
       * with its files beside it, where its links (images/a.png) find them
       * and Hugo's image processing can use them. */
      if (topiary_export_media_files (e->media, a->id) != NULL)
        {
          bundle = g_strconcat ("content/", a->group != NULL ? a->group->slug : "",
                                a->group != NULL ? "/" : "", a->slug, "/", NULL);
          g_free (relpath);
          relpath = g_strconcat (bundle, "index.md", NULL);
          if (!topiary_export_media_write_bundle (e->media, a->id, bundle, topiary_export_write_media, e, error))
            return FALSE;
        }

      body = hugo_rewrite (e, nonnull (topiary_article_get_body (full)), unresolved);
      if (!topiary_export_check_unresolved (e, a, unresolved, error))
        return FALSE;

      topiary_front_matter_writer_add_string (w, "title", topiary_article_get_title (a->article));
      topiary_front_matter_writer_add_string (w, "slug", a->slug);
      if (summary != NULL && summary[0] != '\0')
        topiary_front_matter_writer_add_string (w, "description", summary);
      topiary_front_matter_writer_add_int (w, "weight", topiary_article_get_position (a->article));
      topiary_front_matter_writer_add_bool (w, "draft", a->draft);
      topiary_front_matter_writer_add_string (w, "date", date);
      topiary_front_matter_writer_add_string (w, "lastmod", lastmod);
      topiary_front_matter_writer_add_strv (w, "keywords", topiary_article_get_queries (a->article));
      if (cover != NULL)
        {
          /* Hugo's Open Graph and Twitter templates take images: as paths
           * from the site root; the page's URL is /group/slug/. */
          g_autofree char *url = g_strconcat ("/", a->group != NULL ? a->group->slug : "",
                                              a->group != NULL ? "/" : "", a->slug, "/", cover->name, NULL);
          const char *images[] = { url, NULL };

          topiary_front_matter_writer_add_strv (w, "images", images);
        }
      topiary_front_matter_writer_begin_map (w, "params");
      if (cover != NULL)
        topiary_front_matter_writer_add_string (w, "cover", cover->name);
      topiary_front_matter_writer_add_string (w, "kind", topiary_kind_to_string (topiary_article_get_kind (a->article)));
      if (intent != NULL && intent[0] != '\0')
        topiary_front_matter_writer_add_string (w, "intent", intent);
      if (*topiary_article_get_language (a->article) != '\0')
        topiary_front_matter_writer_add_string (w, "lang", topiary_article_get_language (a->article));
      if (topiary_article_get_priority (a->article) > 0)
        topiary_front_matter_writer_add_int (w, "priority", topiary_article_get_priority (a->article));
      topiary_front_matter_writer_add_string (w, "status", topiary_status_to_string (topiary_article_get_status (a->article)));
      if (a->pillar != NULL)
        topiary_front_matter_writer_add_string (w, "pillar", a->pillar->slug);
      /* keywords keep their order; name the primary one when it is not first. */
      if (topiary_article_get_primary_query (a->article) > 0)
        topiary_front_matter_writer_add_string (w, "primary_query",
                                                topiary_article_get_queries (a->article)[topiary_article_get_primary_query (a->article)]);
      topiary_front_matter_writer_end_map (w);

      if (!write_front_matter_file (e, relpath, w, body, error))
        return FALSE;
      topiary_export_progress (e);
    }

  return TRUE;
}
