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

static char *
hugo_path (ArticleInfo *a)
{
  if (a->group != NULL)
    return g_strconcat (a->group->slug, "/", a->slug, ".md", NULL);
  return g_strconcat (a->slug, ".md", NULL);
}

static void
append_escaped_label (GString    *out,
                      const char *label,
                      gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (label[i] == '[' || label[i] == ']' || label[i] == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, label[i]);
    }
}

/* Rewrites the wiki links of one line outside code: [[target|label]]
 * becomes a Markdown link through Hugo's relref, which Hugo checks. */
static void
hugo_rewrite_line (Export      *e,
                   const char  *line,
                   gsize        len,
                   GPtrArray   *unresolved,
                   GString     *out)
{
  gsize i = 0;
  /* The first "]]" at or after the latest search's start, or NULL when
   * there was none: each "[[" of "[[[[…" does not search the line again. */
  const char *close = NULL;
  gboolean no_close = FALSE;

  while (i < len)
    {
      if (line[i] == '\\' && i + 1 < len)
        {
          g_string_append_len (out, line + i, 2);
          i += 2;
        }
      else if (line[i] == '`')
        {
          gsize run = 0, j;

          while (i + run < len && line[i + run] == '`')
            run++;
          /* Find the closing run of the same length on this line. */
          for (j = i + run; j < len; j++)
            {
              gsize r = 0;

              while (j + r < len && line[j + r] == '`')
                r++;
              if (r == run)
                break;
              j += r;
            }
          if (j < len)
            {
              g_string_append_len (out, line + i, j + run - i);
              i = j + run;
            }
          else
            {
              g_string_append_len (out, line + i, run);
              i += run;
            }
        }
      else if (line[i] == '[' && i + 1 < len && line[i + 1] == '[')
        {
          const char *start = line + i + 2;
          const char *end;
          g_autofree char *inner = NULL;
          const char *bar;
          const char *label;
          ArticleInfo *target;

          if (no_close)
            end = NULL;
          else if (close != NULL && close >= start)
            end = close;
          else
            {
              end = close = g_strstr_len (start, len - i - 2, "]]");
              no_close = end == NULL;
            }
          if (end == NULL || end == start)
            {
              g_string_append_len (out, "[[", 2);
              i += 2;
              continue;
            }
          inner = g_strndup (start, end - start);
          bar = strchr (inner, '|');
          if (bar != NULL)
            {
              inner[bar - inner] = '\0';
              label = inner + (bar - inner) + 1;
            }
          else
            label = inner;
          if (label[0] == '\0')
            label = inner;

          target = topiary_export_find_target (e, inner, NULL);
          if (target != NULL)
            {
              g_autofree char *path = hugo_path (target);

              g_string_append_c (out, '[');
              append_escaped_label (out, label, strlen (label));
              g_string_append_printf (out, "]({{< relref \"/%s\" >}})", path);
            }
          else
            {
              append_escaped_label (out, label, strlen (label));
              g_ptr_array_add (unresolved, g_strdup (inner));
            }
          i = (gsize) (end - line) + 2;
        }
      else
        {
          g_string_append_c (out, line[i]);
          i++;
        }
    }
}

static char *
hugo_rewrite (Export     *e,
              const char *body,
              GPtrArray  *unresolved)
{
  GString *out = g_string_sized_new (strlen (body) + 64);
  const char *p = body;
  gboolean in_fence = FALSE;
  gboolean in_indented = FALSE;
  gboolean prev_blank = TRUE;
  char fence_char = 0;
  gsize fence_len = 0;

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) + 1 : strlen (p);
      const char *q = p;
      guint spaces = 0;
      gboolean blank = TRUE;

      while (*q == ' ' && spaces < 4)
        {
          q++;
          spaces++;
        }
      for (gsize k = 0; k < len; k++)
        if (!g_ascii_isspace (p[k]))
          {
            blank = FALSE;
            break;
          }

      if (spaces < 4 && (*q == '`' || *q == '~'))
        {
          gsize run = 0;

          while (q[run] == *q)
            run++;
          if (run >= 3 && !in_fence)
            {
              in_fence = TRUE;
              fence_char = *q;
              fence_len = run;
              g_string_append_len (out, p, len);
              p += len;
              continue;
            }
          if (run >= 3 && in_fence && *q == fence_char && run >= fence_len)
            {
              in_fence = FALSE;
              g_string_append_len (out, p, len);
              p += len;
              continue;
            }
        }

      if (!blank && (p[0] == '\t' || spaces == 4))
        in_indented = in_indented || prev_blank;
      else if (!blank)
        in_indented = FALSE;

      if (in_fence || in_indented)
        g_string_append_len (out, p, len);
      else
        hugo_rewrite_line (e, p, len, unresolved, out);

      prev_blank = blank;
      p += len;
    }

  return g_string_free (out, FALSE);
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
