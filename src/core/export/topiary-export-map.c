/* topiary-export-map.c — the map as exported: articles, slugs, pillars, groups, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format starts from the same picture: the exported articles in
 * writing order, each with a slug that is safe as a file name and unique,
 * and the groups that have something to show. Wiki links resolve to
 * these articles through the map's one resolver (topiary-link.h).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"
#include "topiary-map.h"
#include "topiary-slug.h"
#include "topiary-url.h"

/* Folder names at the root of the site that articles cannot take. */
static const char *reserved_slugs[] = { "assets", "search", "content", "static", "layouts", "themes", "media" };

void
topiary_export_article_info_free (gpointer data)
{
  ArticleInfo *a = data;

  g_object_unref (a->article);
  g_clear_pointer (&a->link, json_object_unref);
  g_free (a->slug);
  g_free (a);
}

void
topiary_export_group_info_free (gpointer data)
{
  GroupInfo *g = data;

  g_object_unref (g->group);
  g_free (g->slug);
  g_ptr_array_unref (g->articles);
  g_ptr_array_unref (g->clusters);
  g_clear_pointer (&g->nav, json_array_unref);
  g_free (g);
}

static gboolean
is_exported (Export         *e,
             TopiaryArticle *a)
{
  if (e->options->format == TOPIARY_EXPORT_CSV || e->options->format == TOPIARY_EXPORT_JSON)
    return TRUE;
  /* Drafts are articles on their way; bare ideas are not pages yet. */
  if (e->options->drafts)
    return topiary_article_get_status (a) != TOPIARY_STATUS_IDEA;
  return topiary_article_get_status (a) == TOPIARY_STATUS_PUBLISHED;
}

/* A slug for @wanted that is valid and not taken. */
static char *
claim_slug (Export     *e,
            const char *wanted,
            const char *fallback)
{
  g_autofree char *base = NULL;
  char *slug;

  if (wanted != NULL && topiary_slug_is_valid (wanted))
    base = g_strdup (wanted);
  else
    base = topiary_slugify (wanted != NULL && wanted[0] ? wanted : fallback);

  slug = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (e->used_slugs, slug); n++)
    {
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (e->used_slugs, g_strdup (slug));
  return slug;
}

gboolean
topiary_export_read_map (Export  *e,
                         GError **error)
{
  g_autofree char *allow_html = NULL;
  g_autofree char *base_url = NULL;

  e->title = topiary_project_get_map_field (e->project, "title");
  if (e->title == NULL || e->title[0] == '\0')
    {
      g_free (e->title);
      e->title = g_strdup ("Untitled map");
    }
  e->description = topiary_project_get_map_field (e->project, "description");
  e->lang = topiary_project_get_map_field (e->project, "language");
  if (e->lang == NULL || e->lang[0] == '\0' || strpbrk (e->lang, "\"'<>& /") != NULL || strlen (e->lang) > 35)
    {
      g_free (e->lang);
      e->lang = g_strdup ("en");
    }
  allow_html = topiary_project_get_map_field (e->project, "allow_html");
  e->allow_html = allow_html != NULL && strcmp (allow_html, "1") == 0;

  base_url = g_strdup (e->options->base_url);
  if (base_url == NULL)
    base_url = topiary_project_get_map_field (e->project, "base_url");
  if (base_url != NULL)
    g_strstrip (base_url);
  if (base_url != NULL && base_url[0] != '\0')
    {
      g_autoptr(GError) local = NULL;

      e->base_url = topiary_base_url_normalize (base_url, &local);
      if (e->base_url == NULL)
        {
          g_set_error_literal (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* The exported part of the map (topiary-map.h): which articles, under
 * which pillar, in which groups. */
gboolean
topiary_export_collect (Export  *e,
                        GError **error)
{
  GPtrArray *groups;
  GPtrArray *articles;
  g_autoptr(GHashTable) group_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean keep_empty = e->options->format == TOPIARY_EXPORT_CSV || e->options->format == TOPIARY_EXPORT_JSON;

  e->map = topiary_map_new (e->project, error);
  if (e->map == NULL)
    return FALSE;
  groups = topiary_map_get_groups (e->map);
  articles = topiary_map_get_articles (e->map);

  for (guint i = 0; i < G_N_ELEMENTS (reserved_slugs); i++)
    g_hash_table_add (e->used_slugs, g_strdup (reserved_slugs[i]));
  /* The map page's folder, only when there is one. */
  if (e->options->format == TOPIARY_EXPORT_SITE && e->options->with_map_page)
    g_hash_table_add (e->used_slugs, g_strdup ("map"));

  for (guint i = 0; i < groups->len; i++)
    {
      TopiaryMapGroup *mg = g_ptr_array_index (groups, i);
      GroupInfo *g = g_new0 (GroupInfo, 1);

      g->group = g_object_ref (mg->group);
      g->id = mg->id;
      g->articles = g_ptr_array_new ();
      g->clusters = g_ptr_array_new ();
      g_ptr_array_add (e->groups, g);
      g_hash_table_insert (group_by_id, &g->id, g);
    }

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *ma = g_ptr_array_index (articles, i);
      ArticleInfo *a;

      if (!is_exported (e, ma->article))
        continue;

      a = g_new0 (ArticleInfo, 1);
      a->article = g_object_ref (ma->article);
      a->id = ma->id;
      a->draft = topiary_article_get_status (ma->article) != TOPIARY_STATUS_PUBLISHED;
      a->group = ma->group != NULL ? g_hash_table_lookup (group_by_id, &ma->group->id) : NULL;
      a->index = e->articles->len;
      g_ptr_array_add (e->articles, a);
      g_hash_table_insert (e->by_id, &a->id, a);
    }

  /* Articles claim their slugs first: they are what links point at. The
   * group's pillar is its first exported one. */
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      a->slug = claim_slug (e, topiary_article_get_slug (a->article), topiary_article_get_title (a->article));
      if (a->group != NULL)
        {
          a->in_group = a->group->articles->len;
          g_ptr_array_add (a->group->articles, a);
          a->group->updated = MAX (a->group->updated, topiary_export_article_updated (a->article));
          if (a->group->pillar == NULL && topiary_article_get_kind (a->article) == TOPIARY_KIND_PILLAR)
            a->group->pillar = a;
        }
    }

  /* Under its parent when that is exported, else under its group's pillar. */
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      TopiaryMapArticle *ma = topiary_map_lookup_article (e->map, a->id);
      ArticleInfo *parent = ma->parent != NULL ? g_hash_table_lookup (e->by_id, &ma->parent->id) : NULL;

      if (parent != NULL)
        a->pillar = parent;
      else if (a->group != NULL && a->group->pillar != a)
        a->pillar = a->group->pillar;

      if (a->group != NULL && a->group->pillar != a)
        g_ptr_array_add (a->group->clusters, a);
    }

  for (guint i = e->groups->len; i > 0; i--)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i - 1);

      if (g->articles->len == 0 && !keep_empty)
        g_ptr_array_remove_index (e->groups, i - 1);
    }
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);

      g->slug = claim_slug (e, topiary_group_get_slug (g->group), topiary_group_get_title (g->group));
    }
  return TRUE;
}

/* The exported article a wiki-link target names (topiary-link.h), or
 * NULL when it names none or one that is not exported. */
ArticleInfo *
topiary_export_find_target (Export      *e,
                            const char  *target,
                            char       **heading)
{
  TopiaryMapArticle *found = topiary_map_resolve_link (e->map, nonnull (target), heading);
  ArticleInfo *a = found != NULL ? g_hash_table_lookup (e->by_id, &found->id) : NULL;

  if (a == NULL && heading != NULL)
    g_clear_pointer (heading, g_free);
  return a;
}

char *
topiary_export_resolve_link (const char  *target,
                             char       **heading,
                             gpointer     user_data)
{
  ArticleInfo *a = topiary_export_find_target (user_data, target, heading);

  return a != NULL ? g_strdup (a->slug) : NULL;
}

static void
report_unresolved (Export      *e,
                   ArticleInfo *a,
                   const char  *target)
{
  const char *title = topiary_article_get_title (a->article);

  if (topiary_map_resolve_link (e->map, target, NULL) != NULL)
    topiary_export_warn (e, _("“%s” links to [[%s]], which is not published (export drafts to include it)"), title, target);
  else
    topiary_export_warn (e, _("“%s” links to [[%s]], which is no article of the map"), title, target);
}

gboolean
topiary_export_check_unresolved (Export       *e,
                                 ArticleInfo  *a,
                                 GPtrArray    *unresolved,
                                 GError      **error)
{
  if (unresolved == NULL || unresolved->len == 0)
    return TRUE;

  for (guint i = 0; i < unresolved->len; i++)
    report_unresolved (e, a, g_ptr_array_index (unresolved, i));

  if (e->options->strict)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_UNRESOLVED,
                   _("“%s” links to [[%s]], which leads nowhere, and the export is strict."),
                   topiary_article_get_title (a->article),
                   (char *) g_ptr_array_index (unresolved, 0));
      return FALSE;
    }
  return TRUE;
}
