/* topiary-map-tree.c — the map as a lazily built tree of GListModels
 *
 * The project is read into a small index (who is a child of whom); child
 * models are only built when GtkTreeListModel asks for them, i.e. when a row
 * is expanded, so a map of 10,000 articles costs one index and a few rows.
 * A refresh updates the child models built so far in place, reusing the
 * node objects by key so unchanged rows keep their state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-map.h"
#include "topiary-map-tree.h"

struct _TopiaryMapTree
{
  GObject           parent_instance;

  TopiaryProject   *project;
  GListStore       *root;
  GtkTreeListModel *tree;

  GHashTable       *nodes;    /* key → TopiaryMapNode */
  GHashTable       *stores;   /* key of the parent node → GListStore */

  /* the index, rebuilt on refresh */
  GPtrArray        *groups;            /* TopiaryGroup */
  GHashTable       *articles;          /* gint64* → TopiaryArticle */
  GHashTable       *group_children;    /* gint64* → GPtrArray of TopiaryArticle */
  GHashTable       *pillar_children;   /* gint64* → GPtrArray of TopiaryArticle */
  GPtrArray        *intents;           /* char *, display order */
  GHashTable       *intent_children;   /* char * → GPtrArray of TopiaryArticle */
  guint             n_ideas;
  guint             n_articles;
  guint             n_published;
  TopiaryStats      stats;             /* of the index; notes left 0 */
};

G_DEFINE_FINAL_TYPE (TopiaryMapTree, topiary_map_tree, G_TYPE_OBJECT)

static const char *intent_order[] = {
  "informational", "how-to", "comparison", "faq", "solution", "audience",
  "context", "culture", "research", "commercial", "transactional", "navigational",
};

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static GPtrArray *
lookup_list (GHashTable *table,
             gint64      id)
{
  return g_hash_table_lookup (table, &id);
}

static void
append_to (GHashTable *table,
           gint64      id,
           gpointer    item)
{
  GPtrArray *list = lookup_list (table, id);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (table, id_key (id), list);
    }
  g_ptr_array_add (list, item);
}

static int
intent_rank (const char *intent)
{
  if (intent == NULL || *intent == '\0')
    return G_N_ELEMENTS (intent_order) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (intent_order); i++)
    if (g_strcmp0 (intent, intent_order[i]) == 0)
      return i;
  return G_N_ELEMENTS (intent_order);
}

static int
compare_intents (gconstpointer a,
                 gconstpointer b)
{
  const char *ia = *(const char * const *) a;
  const char *ib = *(const char * const *) b;
  int ra = intent_rank (ia), rb = intent_rank (ib);

  if (ra != rb)
    return ra - rb;
  return g_strcmp0 (ia, ib);
}

static void
clear_index (TopiaryMapTree *self)
{
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->articles, g_hash_table_unref);
  g_clear_pointer (&self->group_children, g_hash_table_unref);
  g_clear_pointer (&self->pillar_children, g_hash_table_unref);
  g_clear_pointer (&self->intents, g_ptr_array_unref);
  g_clear_pointer (&self->intent_children, g_hash_table_unref);
  self->n_ideas = 0;
  self->n_articles = 0;
  self->n_published = 0;
  memset (&self->stats, 0, sizeof self->stats);
}

/* The rows follow the map (topiary-map.h), which also counts; the tree
 * only decides where a row is shown: ideas by intent, clusters under the
 * article their parent id names when that is in a group, the rest at the
 * top of their group. */
static void
build_index (TopiaryMapTree *self)
{
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;
  GPtrArray *articles;

  clear_index (self);
  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->group_children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->pillar_children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
  self->intents = g_ptr_array_new_with_free_func (g_free);
  self->intent_children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);

  if (self->project == NULL)
    return;
  map = topiary_map_new (self->project, &error);
  if (map == NULL)
    {
      /* Nothing to show; the next change the user makes reports it. */
      g_message ("The map could not be read: %s", error->message);
      return;
    }

  groups = topiary_map_get_groups (map);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (self->groups, g_object_ref (((TopiaryMapGroup *) g_ptr_array_index (groups, i))->group));

  articles = topiary_map_get_articles (map);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);

      g_hash_table_insert (self->articles, id_key (a->id), g_object_ref (a->article));
    }

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      TopiaryArticle *stored = a->article;
      gint64 group_id = topiary_article_get_group_id (stored);

      if (group_id == 0)
        {
          const char *intent = topiary_article_get_intent (stored);
          g_autofree char *norm = g_strdup (intent ? intent : "");
          GPtrArray *list = g_hash_table_lookup (self->intent_children, norm);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_ptr_array_add (self->intents, g_strdup (norm));
              g_hash_table_insert (self->intent_children, g_steal_pointer (&norm), list);
            }
          g_ptr_array_add (list, stored);
          self->n_ideas++;
        }
      else if (a->parent != NULL &&
               topiary_article_get_group_id (a->parent->article) != 0 &&
               topiary_article_get_kind (stored) != TOPIARY_KIND_PILLAR)
        append_to (self->pillar_children, a->parent->id, stored);
      else
        append_to (self->group_children, group_id, stored);
    }

  g_ptr_array_sort (self->intents, compare_intents);
  topiary_map_get_stats (map, &self->stats);
  self->stats.notes = 0;
  self->n_articles = topiary_map_get_counts (map)->articles;
  self->n_published = topiary_map_get_counts (map)->published;
}

static const char *
status_label (TopiaryStatus status)
{
  switch (status)
    {
    case TOPIARY_STATUS_IDEA: return _("Idea");
    case TOPIARY_STATUS_PLANNED: return _("Planned");
    case TOPIARY_STATUS_DRAFTING: return _("Drafting");
    case TOPIARY_STATUS_REVIEW: return _("In review");
    case TOPIARY_STATUS_PUBLISHED: return _("Published");
    case TOPIARY_N_STATUS:
    default: return "";
    }
}

static char *
intent_label (const char *intent)
{
  if (intent == NULL || *intent == '\0')
    return g_strdup (_("No intent"));
  return g_strdup_printf ("%c%s", g_ascii_toupper (intent[0]), intent + 1);
}

static TopiaryMapNode *
ensure_node (TopiaryMapTree     *self,
             TopiaryMapNodeKind  kind,
             const char         *key)
{
  TopiaryMapNode *node = g_hash_table_lookup (self->nodes, key);

  if (node == NULL)
    {
      node = topiary_map_node_new (kind, key);
      g_hash_table_insert (self->nodes, g_strdup (key), node);
    }
  return node;
}

static TopiaryMapNode *
article_node (TopiaryMapTree *self,
              TopiaryArticle *article)
{
  gint64 id = topiary_article_get_id (article);
  gboolean has_children = lookup_list (self->pillar_children, id) != NULL;
  g_autofree char *key = g_strdup_printf ("%c:%" G_GINT64_FORMAT, has_children ? 'p' : 'a', id);
  TopiaryMapNode *node = ensure_node (self, TOPIARY_MAP_NODE_ARTICLE, key);

  topiary_map_node_set_article (node, article);
  topiary_map_node_set_title (node, topiary_article_get_title (article));
  topiary_map_node_set_subtitle (node, status_label (topiary_article_get_status (article)));
  return node;
}

static void
add_articles (TopiaryMapTree *self,
              GPtrArray      *children,
              GPtrArray      *articles)
{
  if (articles == NULL)
    return;
  for (guint i = 0; i < articles->len; i++)
    g_ptr_array_add (children, article_node (self, g_ptr_array_index (articles, i)));
}

static guint
count_group (TopiaryMapTree *self,
             gint64          group_id)
{
  GPtrArray *top = lookup_list (self->group_children, group_id);
  guint n = 0;

  if (top == NULL)
    return 0;
  for (guint i = 0; i < top->len; i++)
    {
      GPtrArray *sub = lookup_list (self->pillar_children,
                                    topiary_article_get_id (g_ptr_array_index (top, i)));
      n += 1 + (sub ? sub->len : 0);
    }
  return n;
}

/* The nodes that should be children of the node with @key, in order. */
static GPtrArray *
compute_children (TopiaryMapTree *self,
                  TopiaryMapNode *parent)
{
  GPtrArray *children = g_ptr_array_new ();

  switch (topiary_map_node_get_kind (parent))
    {
    case TOPIARY_MAP_NODE_MAP:
      for (guint i = 0; i < self->groups->len; i++)
        {
          TopiaryGroup *group = g_ptr_array_index (self->groups, i);
          g_autofree char *key = g_strdup_printf ("g:%" G_GINT64_FORMAT, topiary_group_get_id (group));
          TopiaryMapNode *node = ensure_node (self, TOPIARY_MAP_NODE_GROUP, key);
          guint n = count_group (self, topiary_group_get_id (group));
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);

          topiary_map_node_set_group (node, group);
          topiary_map_node_set_title (node, topiary_group_get_title (group));
          topiary_map_node_set_subtitle (node, subtitle);
          g_ptr_array_add (children, node);
        }
      if (self->n_ideas > 0)
        {
          TopiaryMapNode *node = ensure_node (self, TOPIARY_MAP_NODE_IDEAS, "ideas");
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u idea", "%u ideas", self->n_ideas), self->n_ideas);

          topiary_map_node_set_title (node, _("Ideas"));
          topiary_map_node_set_subtitle (node, subtitle);
          g_ptr_array_add (children, node);
        }
      break;

    case TOPIARY_MAP_NODE_GROUP:
      add_articles (self, children,
                    lookup_list (self->group_children, topiary_map_node_get_id (parent)));
      break;

    case TOPIARY_MAP_NODE_IDEAS:
      for (guint i = 0; i < self->intents->len; i++)
        {
          const char *intent = g_ptr_array_index (self->intents, i);
          g_autofree char *key = g_strconcat ("n:", intent, NULL);
          g_autofree char *title = intent_label (intent);
          TopiaryMapNode *node = ensure_node (self, TOPIARY_MAP_NODE_INTENT, key);
          GPtrArray *list = g_hash_table_lookup (self->intent_children, intent);
          g_autofree char *subtitle = g_strdup_printf ("%u", list->len);

          topiary_map_node_set_intent (node, intent);
          topiary_map_node_set_title (node, title);
          topiary_map_node_set_subtitle (node, subtitle);
          g_ptr_array_add (children, node);
        }
      break;

    case TOPIARY_MAP_NODE_INTENT:
      add_articles (self, children,
                    g_hash_table_lookup (self->intent_children, topiary_map_node_get_intent (parent)));
      break;

    case TOPIARY_MAP_NODE_ARTICLE:
      add_articles (self, children,
                    lookup_list (self->pillar_children, topiary_map_node_get_id (parent)));
      break;

    default:
      g_assert_not_reached ();
    }

  return children;
}

/* Makes @store hold @children, touching only the range that differs. */
static void
sync_store (GListStore *store,
            GPtrArray  *children)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = children->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), prefix);
      if (item != g_ptr_array_index (children, prefix))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), n_old - 1 - suffix);
      if (item != g_ptr_array_index (children, n_new - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == n_new)
    return;

  g_list_store_splice (store, prefix, n_old - prefix - suffix,
                       children->pdata + prefix, n_new - prefix - suffix);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  TopiaryMapTree *self = user_data;
  TopiaryMapNode *node = item;
  const char *key = topiary_map_node_get_key (node);
  GListStore *store;

  if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE && key[0] != 'p')
    return NULL;

  store = g_hash_table_lookup (self->stores, key);
  if (store == NULL)
    {
      g_autoptr(GPtrArray) children = compute_children (self, node);

      store = g_list_store_new (TOPIARY_TYPE_MAP_NODE);
      sync_store (store, children);
      g_hash_table_insert (self->stores, g_strdup (key), store);
    }
  return g_object_ref (G_LIST_MODEL (store));
}

/* Drops the nodes and stores no longer reachable from the root. */
static void
prune (TopiaryMapTree *self)
{
  g_autoptr(GHashTable) reachable = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_ptr_array_add (queue, (gpointer) "map");
  g_hash_table_add (reachable, (gpointer) "map");
  for (guint i = 0; i < queue->len; i++)
    {
      GListModel *store = g_hash_table_lookup (self->stores, g_ptr_array_index (queue, i));
      guint n;

      if (store == NULL)
        continue;
      n = g_list_model_get_n_items (store);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(TopiaryMapNode) child = g_list_model_get_item (store, j);
          /* The key stays alive: the store still holds the node. */
          const char *child_key = topiary_map_node_get_key (child);

          if (g_hash_table_add (reachable, (gpointer) child_key))
            g_ptr_array_add (queue, (gpointer) child_key);
        }
    }

  g_hash_table_iter_init (&iter, self->stores);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (reachable, key))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (reachable, key))
      g_hash_table_iter_remove (&iter);
}

void
topiary_map_tree_refresh (TopiaryMapTree *self)
{
  TopiaryMapNode *map_node;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TOPIARY_IS_MAP_TREE (self));

  build_index (self);

  map_node = ensure_node (self, TOPIARY_MAP_NODE_MAP, "map");
  if (self->project != NULL)
    title = topiary_project_get_map_field (self->project, "title");
  topiary_map_node_set_title (map_node, title && *title ? title : _("Untitled map"));
  {
    g_autofree char *subtitle = g_strdup_printf ("%u/%u", self->n_published, self->n_articles);
    topiary_map_node_set_subtitle (map_node, subtitle);
  }

  /* Copy the keys: syncing adds nodes but never stores. */
  keys = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->stores);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *store_key = g_ptr_array_index (keys, i);
      TopiaryMapNode *parent = g_hash_table_lookup (self->nodes, store_key);
      GListStore *store = g_hash_table_lookup (self->stores, store_key);
      g_autoptr(GPtrArray) children = NULL;

      if (parent == NULL || store == NULL)
        continue;
      children = compute_children (self, parent);
      sync_store (store, children);
    }

  prune (self);
}

void
topiary_map_tree_get_stats (TopiaryMapTree *self,
                            TopiaryStats   *stats)
{
  g_return_if_fail (TOPIARY_IS_MAP_TREE (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

GtkTreeListModel *
topiary_map_tree_get_model (TopiaryMapTree *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), NULL);
  return self->tree;
}

TopiaryArticle *
topiary_map_tree_lookup_article (TopiaryMapTree *self,
                                 gint64          article_id)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), NULL);
  return g_hash_table_lookup (self->articles, &article_id);
}

char *
topiary_map_tree_dup_place (TopiaryMapTree *self,
                            gint64          article_id)
{
  TopiaryArticle *article;
  const char *where = NULL;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), NULL);

  article = g_hash_table_lookup (self->articles, &article_id);
  if (article == NULL)
    return g_strdup ("");
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      TopiaryGroup *group = g_ptr_array_index (self->groups, i);

      if (topiary_group_get_id (group) == topiary_article_get_group_id (article))
        where = topiary_group_get_title (group);
    }
  if (where == NULL)
    where = _("Ideas");
  /* TRANSLATORS: where a search result is: its group, then its status: "Routing · Planned" */
  return g_strdup_printf (_("%s · %s"), where, status_label (topiary_article_get_status (article)));
}

GPtrArray *
topiary_map_tree_get_siblings (TopiaryMapTree *self,
                               TopiaryArticle *article)
{
  GPtrArray *siblings = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *list = NULL;
  gint64 id;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), siblings);
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (article), siblings);

  id = topiary_article_get_id (article);
  for (guint pass = 0; pass < 3 && list == NULL; pass++)
    {
      GHashTableIter iter;
      gpointer value;

      if (pass == 0)
        g_hash_table_iter_init (&iter, self->group_children);
      else if (pass == 1)
        g_hash_table_iter_init (&iter, self->pillar_children);
      else
        g_hash_table_iter_init (&iter, self->intent_children);
      while (list == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
          if (topiary_article_get_id (g_ptr_array_index ((GPtrArray *) value, i)) == id)
            {
              list = value;
              break;
            }
    }

  if (list != NULL)
    for (guint i = 0; i < list->len; i++)
      g_ptr_array_add (siblings, g_object_ref (g_ptr_array_index (list, i)));
  return siblings;
}

GPtrArray *
topiary_map_tree_list_pillars (TopiaryMapTree *self,
                               gint64          group_id)
{
  GPtrArray *pillars = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *top;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), pillars);

  top = lookup_list (self->group_children, group_id);
  for (guint i = 0; top != NULL && i < top->len; i++)
    if (topiary_article_get_kind (g_ptr_array_index (top, i)) == TOPIARY_KIND_PILLAR)
      g_ptr_array_add (pillars, g_object_ref (g_ptr_array_index (top, i)));
  return pillars;
}

GPtrArray *
topiary_map_tree_list_group_articles (TopiaryMapTree *self,
                                      gint64          group_id)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *top;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), articles);

  top = lookup_list (self->group_children, group_id);
  for (guint i = 0; top != NULL && i < top->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (top, i);
      GPtrArray *sub = lookup_list (self->pillar_children, topiary_article_get_id (a));

      g_ptr_array_add (articles, g_object_ref (a));
      for (guint j = 0; sub != NULL && j < sub->len; j++)
        g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (sub, j)));
    }
  return articles;
}

gint64
topiary_map_tree_get_last_position (TopiaryMapTree *self,
                                    gint64          group_id,
                                    gint64          parent_id,
                                    gint64          except_id)
{
  GPtrArray *list;
  gint64 last = 0;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), 0);

  list = parent_id != 0 ? lookup_list (self->pillar_children, parent_id)
                        : lookup_list (self->group_children, group_id);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (list, i);
      GPtrArray *sub = lookup_list (self->pillar_children, topiary_article_get_id (a));

      if (topiary_article_get_id (a) != except_id)
        last = MAX (last, topiary_article_get_position (a));
      /* A group's last article may be the last cluster of its last pillar. */
      for (guint j = 0; parent_id == 0 && sub != NULL && j < sub->len; j++)
        if (topiary_article_get_id (g_ptr_array_index (sub, j)) != except_id)
          last = MAX (last, topiary_article_get_position (g_ptr_array_index (sub, j)));
    }
  return last;
}

static gboolean
list_contains (GPtrArray *list,
               gint64     id)
{
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (topiary_article_get_id (g_ptr_array_index (list, i)) == id)
      return TRUE;
  return FALSE;
}

/* The keys from the root down to the article's node. */
static GPtrArray *
path_to_article (TopiaryMapTree *self,
                 gint64          article_id)
{
  TopiaryArticle *article = g_hash_table_lookup (self->articles, &article_id);
  GPtrArray *path;
  gint64 group_id;

  if (article == NULL)
    return NULL;

  path = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (path, g_strdup ("map"));
  group_id = topiary_article_get_group_id (article);
  if (group_id == 0)
    {
      const char *intent = topiary_article_get_intent (article);
      g_ptr_array_add (path, g_strdup ("ideas"));
      g_ptr_array_add (path, g_strconcat ("n:", intent ? intent : "", NULL));
    }
  else if (list_contains (lookup_list (self->group_children, group_id), article_id))
    g_ptr_array_add (path, g_strdup_printf ("g:%" G_GINT64_FORMAT, group_id));
  else
    {
      gint64 parent_id = topiary_article_get_parent_id (article);
      TopiaryArticle *parent = g_hash_table_lookup (self->articles, &parent_id);

      if (parent == NULL)
        {
          g_ptr_array_unref (path);
          return NULL;
        }
      g_ptr_array_add (path, g_strdup_printf ("g:%" G_GINT64_FORMAT, topiary_article_get_group_id (parent)));
      g_ptr_array_add (path, g_strdup_printf ("p:%" G_GINT64_FORMAT, parent_id));
    }
  g_ptr_array_add (path, g_strdup_printf ("%c:%" G_GINT64_FORMAT,
                                          lookup_list (self->pillar_children, article_id) ? 'p' : 'a',
                                          article_id));
  return path;
}

guint
topiary_map_tree_reveal_article (TopiaryMapTree *self,
                                 gint64          article_id)
{
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), G_MAXUINT);

  path = path_to_article (self, article_id);
  if (path == NULL)
    return G_MAXUINT;

  row = gtk_tree_list_model_get_row (self->tree, 0);
  for (guint i = 1; i < path->len && row != NULL; i++)
    {
      GtkTreeListRow *child;
      GListStore *store;
      TopiaryMapNode *node;
      guint index;

      gtk_tree_list_row_set_expanded (row, TRUE);
      store = g_hash_table_lookup (self->stores, g_ptr_array_index (path, i - 1));
      node = g_hash_table_lookup (self->nodes, g_ptr_array_index (path, i));
      if (store == NULL || node == NULL || !g_list_store_find (store, node, &index))
        return G_MAXUINT;
      child = gtk_tree_list_row_get_child_row (row, index);
      g_clear_object (&row);
      row = child;
    }

  return row ? gtk_tree_list_row_get_position (row) : G_MAXUINT;
}

TopiaryMapNode *
topiary_map_tree_get_parent (TopiaryMapTree *self,
                             TopiaryMapNode *node)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (TOPIARY_IS_MAP_TREE (self), NULL);
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (node), NULL);

  g_hash_table_iter_init (&iter, self->stores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_list_store_find (value, node, NULL))
      return g_hash_table_lookup (self->nodes, key);
  return NULL;
}

static void
topiary_map_tree_dispose (GObject *object)
{
  TopiaryMapTree *self = TOPIARY_MAP_TREE (object);

  g_clear_object (&self->tree);
  g_clear_object (&self->root);
  g_clear_pointer (&self->stores, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  clear_index (self);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (topiary_map_tree_parent_class)->dispose (object);
}

static void
topiary_map_tree_class_init (TopiaryMapTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = topiary_map_tree_dispose;
}

static void
topiary_map_tree_init (TopiaryMapTree *self)
{
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->root = g_list_store_new (TOPIARY_TYPE_MAP_NODE);
}

TopiaryMapTree *
topiary_map_tree_new (TopiaryProject *project)
{
  TopiaryMapTree *self;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  self = g_object_new (TOPIARY_TYPE_MAP_TREE, NULL);
  self->project = g_object_ref (project);
  topiary_map_tree_refresh (self);
  g_list_store_append (self->root, g_hash_table_lookup (self->nodes, "map"));
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)),
                                        FALSE, FALSE,
                                        create_child_model, self, NULL);
  return self;
}
