/* topiary-map.c — the map of a project, read once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-link.h"
#include "topiary-map.h"

struct _TopiaryMap
{
  GObject           parent_instance;

  GPtrArray        *groups;       /* TopiaryMapGroup *, owned */
  GPtrArray        *articles;     /* TopiaryMapArticle *, owned */
  GPtrArray        *unplaced;     /* TopiaryMapArticle * */
  GHashTable       *group_by_id;  /* gint64 * → TopiaryMapGroup * */
  GHashTable       *by_id;        /* gint64 * → TopiaryMapArticle * */
  GHashTable       *by_slug;      /* slug → TopiaryMapArticle *, the first */
  TopiaryLinkIndex *links;        /* built at the first resolve (g_once) */
  TopiaryMapCounts  counts;
  TopiaryMapCounts  unplaced_counts;
  guint             n_notes;
};

G_DEFINE_FINAL_TYPE (TopiaryMap, topiary_map, G_TYPE_OBJECT)

static void
map_article_free (gpointer data)
{
  TopiaryMapArticle *a = data;

  g_object_unref (a->article);
  g_ptr_array_unref (a->children);
  g_free (a);
}

static void
map_group_free (gpointer data)
{
  TopiaryMapGroup *g = data;

  g_object_unref (g->group);
  g_ptr_array_unref (g->articles);
  g_ptr_array_unref (g->pillars);
  g_ptr_array_unref (g->clusters);
  g_free (g);
}

static void
topiary_map_finalize (GObject *object)
{
  TopiaryMap *self = TOPIARY_MAP (object);

  g_hash_table_unref (self->group_by_id);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->by_slug);
  g_ptr_array_unref (self->unplaced);
  g_ptr_array_unref (self->articles);
  g_ptr_array_unref (self->groups);
  g_clear_pointer (&self->links, topiary_link_index_free);

  G_OBJECT_CLASS (topiary_map_parent_class)->finalize (object);
}

static void
topiary_map_class_init (TopiaryMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = topiary_map_finalize;
}

static void
topiary_map_init (TopiaryMap *self)
{
  self->groups = g_ptr_array_new_with_free_func (map_group_free);
  self->articles = g_ptr_array_new_with_free_func (map_article_free);
  self->unplaced = g_ptr_array_new ();
  self->group_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_slug = g_hash_table_new (g_str_hash, g_str_equal);
}

/* An idea is an article in no group (the tree's Ideas folder), whatever
 * its status; one in a group is a pillar or a cluster, whatever its status. */
static void
count (TopiaryMapCounts *counts,
       TopiaryArticle   *article,
       gboolean          placed)
{
  TopiaryStatus status = topiary_article_get_status (article);

  counts->articles++;
  counts->words += topiary_article_get_word_count (article);
  if (status < TOPIARY_N_STATUS)
    counts->status[status]++;
  if (status == TOPIARY_STATUS_PUBLISHED)
    counts->published++;
  if (!placed)
    counts->ideas++;
  else if (topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
    counts->pillars++;
  else
    counts->clusters++;
}

static void
add_groups (TopiaryMap *self,
            GListModel *groups)
{
  guint n = g_list_model_get_n_items (groups);

  for (guint i = 0; i < n; i++)
    {
      TopiaryMapGroup *g = g_new0 (TopiaryMapGroup, 1);

      g->group = g_list_model_get_item (groups, i);
      g->id = topiary_group_get_id (g->group);
      g->index = i;
      g->articles = g_ptr_array_new ();
      g->pillars = g_ptr_array_new ();
      g->clusters = g_ptr_array_new ();
      g_ptr_array_add (self->groups, g);
      g_hash_table_insert (self->group_by_id, &g->id, g);
    }
}

static void
add_articles (TopiaryMap *self,
              GListModel *articles)
{
  guint n = g_list_model_get_n_items (articles);

  for (guint i = 0; i < n; i++)
    {
      TopiaryMapArticle *a = g_new0 (TopiaryMapArticle, 1);
      gint64 group_id;
      const char *slug;

      a->article = g_list_model_get_item (articles, i);
      a->id = topiary_article_get_id (a->article);
      a->index = i;
      a->children = g_ptr_array_new ();
      g_ptr_array_add (self->articles, a);
      g_hash_table_insert (self->by_id, &a->id, a);

      slug = topiary_article_get_slug (a->article);
      if (slug != NULL && slug[0] != '\0' && !g_hash_table_contains (self->by_slug, slug))
        g_hash_table_insert (self->by_slug, (gpointer) slug, a);

      group_id = topiary_article_get_group_id (a->article);
      a->group = group_id != 0 ? g_hash_table_lookup (self->group_by_id, &group_id) : NULL;
      count (&self->counts, a->article, a->group != NULL);
      if (a->group == NULL)
        {
          g_ptr_array_add (self->unplaced, a);
          count (&self->unplaced_counts, a->article, FALSE);
          continue;
        }
      g_ptr_array_add (a->group->articles, a);
      count (&a->group->counts, a->article, TRUE);
      if (topiary_article_get_kind (a->article) == TOPIARY_KIND_PILLAR)
        {
          g_ptr_array_add (a->group->pillars, a);
          if (a->group->pillar == NULL)
            a->group->pillar = a;
        }
    }

  /* Now that every article is known: who hangs under whom. */
  for (guint i = 0; i < self->articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (self->articles, i);
      gint64 parent_id = topiary_article_get_parent_id (a->article);
      TopiaryMapArticle *parent = parent_id != 0 ? g_hash_table_lookup (self->by_id, &parent_id) : NULL;

      if (parent != NULL && parent != a)
        {
          a->parent = parent;
          g_ptr_array_add (parent->children, a);
        }
      if (a->parent != NULL)
        a->pillar = a->parent;
      else if (a->group != NULL && a->group->pillar != a)
        a->pillar = a->group->pillar;
      if (a->group != NULL && a->group->pillar != a)
        g_ptr_array_add (a->group->clusters, a);
    }
}

TopiaryMap *
topiary_map_new (TopiaryProject  *project,
                 GError         **error)
{
  g_autoptr(TopiaryMap) self = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) articles = NULL;
  guint n_notes = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Groups and articles from one snapshot, whatever others commit. */
  if (!topiary_project_begin_read (project, error))
    return NULL;
  groups = topiary_project_list_groups (project, error);
  if (groups != NULL)
    articles = topiary_project_list_articles (project, error);
  if (articles != NULL)
    {
      GError *local_error = NULL;

      n_notes = topiary_project_count_notes (project, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          g_clear_object (&articles);
        }
    }
  topiary_project_end_read (project);
  if (articles == NULL)
    return NULL;

  self = g_object_new (TOPIARY_TYPE_MAP, NULL);
  self->n_notes = n_notes;
  add_groups (self, groups);
  add_articles (self, articles);
  return g_steal_pointer (&self);
}

GPtrArray *
topiary_map_get_groups (TopiaryMap *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return self->groups;
}

GPtrArray *
topiary_map_get_articles (TopiaryMap *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return self->articles;
}

GPtrArray *
topiary_map_get_unplaced (TopiaryMap *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return self->unplaced;
}

TopiaryMapGroup *
topiary_map_lookup_group (TopiaryMap *self,
                          gint64      group_id)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return g_hash_table_lookup (self->group_by_id, &group_id);
}

TopiaryMapArticle *
topiary_map_lookup_article (TopiaryMap *self,
                            gint64      article_id)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return g_hash_table_lookup (self->by_id, &article_id);
}

TopiaryMapArticle *
topiary_map_lookup_slug (TopiaryMap *self,
                         const char *slug)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return slug != NULL ? g_hash_table_lookup (self->by_slug, slug) : NULL;
}

/* Not every reader resolves links (`topiary info` does not): the index is
 * built when first needed, once, whichever thread asks (the exporter
 * renders pages in a thread of its own). */
static const TopiaryLinkIndex *
get_links (TopiaryMap *self)
{
  if (g_once_init_enter (&self->links))
    {
      TopiaryLinkIndex *links = topiary_link_index_new ();

      for (guint i = 0; i < self->articles->len; i++)
        {
          TopiaryMapArticle *a = g_ptr_array_index (self->articles, i);

          topiary_link_index_add (links, a->id, topiary_article_get_slug (a->article),
                                  topiary_article_get_title (a->article));
        }
      g_once_init_leave (&self->links, links);
    }
  return self->links;
}

TopiaryMapArticle *
topiary_map_resolve_link (TopiaryMap  *self,
                          const char  *target,
                          char       **heading)
{
  gint64 id;

  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);

  if (heading != NULL)
    *heading = NULL;
  if (target == NULL)
    return NULL;
  id = topiary_link_index_resolve (get_links (self), target, NULL, heading);
  return id != 0 ? g_hash_table_lookup (self->by_id, &id) : NULL;
}

const TopiaryMapCounts *
topiary_map_get_counts (TopiaryMap *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return &self->counts;
}

const TopiaryMapCounts *
topiary_map_get_unplaced_counts (TopiaryMap *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP (self), NULL);
  return &self->unplaced_counts;
}

void
topiary_map_get_stats (TopiaryMap   *self,
                       TopiaryStats *stats)
{
  g_return_if_fail (TOPIARY_IS_MAP (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->groups = self->groups->len;
  stats->notes = self->n_notes;
  stats->articles = self->counts.articles;
  stats->pillars = self->counts.pillars;
  stats->clusters = self->counts.clusters;
  stats->ideas = self->counts.ideas;
  stats->words = self->counts.words;
  memcpy (stats->status, self->counts.status, sizeof stats->status);
}
