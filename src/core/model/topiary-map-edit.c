/* topiary-map-edit.c — structural edits of the map, by the map's rules
 *
 * Each operation works out the steps of its edit (topiary-edit.c) from
 * the map as it is, and applies them in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "topiary-edit-private.h"
#include "topiary-link.h"
#include "topiary-map-edit.h"
#include "topiary-markdown.h"
#include "topiary-trash.h"

/* ---- reading the map as it is ---- */

static GPtrArray *
list_articles (TopiaryProject  *project,
               GError         **error)
{
  g_autoptr(GListModel) model = topiary_project_list_articles (project, error);
  GPtrArray *list;
  guint n;

  if (model == NULL)
    return NULL;
  n = g_list_model_get_n_items (model);
  list = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, g_list_model_get_item (model, i));
  return list;
}

static TopiaryArticle *
find (GPtrArray *articles,
      gint64     id)
{
  for (guint i = 0; i < articles->len; i++)
    if (topiary_article_get_id (g_ptr_array_index (articles, i)) == id)
      return g_ptr_array_index (articles, i);
  return NULL;
}

/* The first pillar of @group_id other than @except, or NULL. */
static TopiaryArticle *
group_pillar (GPtrArray *articles,
              gint64     group_id,
              gint64     except)
{
  for (guint i = 0; group_id != 0 && i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);

      if (topiary_article_get_group_id (a) == group_id &&
          topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR &&
          topiary_article_get_id (a) != except)
        return a;
    }
  return NULL;
}

static gboolean
group_has_articles (GPtrArray *articles,
                    gint64     group_id,
                    gint64     except)
{
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);

      if (topiary_article_get_group_id (a) == group_id && topiary_article_get_id (a) != except)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_group (TopiaryProject  *project,
             gint64           group_id,
             GError         **error)
{
  g_autoptr(TopiaryGroup) group = NULL;

  if (group_id == 0)
    return TRUE;
  group = topiary_project_get_group (project, group_id, error);
  return group != NULL;
}

/* An edit of one step, applied; NULL on failure. */
static TopiaryEdit *
run (TopiaryProject  *project,
     TopiaryEdit     *edit,
     GError         **error)
{
  g_autoptr(TopiaryEdit) owned = edit;

  if (edit->steps->len == 0)
    return _topiary_edit_new (edit->label);
  return _topiary_edit_apply_steps (edit, project, error);
}

/* A step that sets @article's state, with @article's values as defaults. */
static Step *
set_article (TopiaryArticle *article)
{
  Step *step = _topiary_edit_article_state (article);

  step->position = 0;   /* stays where it is */
  return step;
}

/* ---- the operations ---- */

TopiaryEdit *
topiary_map_edit_add_article (TopiaryProject  *project,
                              TopiaryArticle  *article,
                              GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryEdit *edit;
  gint64 group_id, parent_id;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (article), NULL);

  group_id = topiary_article_get_group_id (article);
  parent_id = topiary_article_get_parent_id (article);
  if (!check_group (project, group_id, error) ||
      (articles = list_articles (project, error)) == NULL)
    return NULL;

  if (group_id == 0)
    {
      topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
      topiary_article_set_parent_id (article, 0);
    }
  else if (!group_has_articles (articles, group_id, 0))
    {
      /* The first article of a group is its pillar. */
      topiary_article_set_kind (article, TOPIARY_KIND_PILLAR);
      topiary_article_set_parent_id (article, 0);
    }
  else
    {
      TopiaryArticle *pillar = group_pillar (articles, group_id, 0);
      TopiaryArticle *parent = parent_id ? find (articles, parent_id) : NULL;

      /* A group has one pillar: anything else is a cluster, under the
       * parent it names in the group, else under the pillar. */
      topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
      if (parent == NULL || topiary_article_get_group_id (parent) != group_id)
        topiary_article_set_parent_id (article, pillar ? topiary_article_get_id (pillar) : 0);
    }

  edit = _topiary_edit_new (_("New Article"));
  step = _topiary_edit_step_new (STEP_ADD_ARTICLE, 0);
  step->article = g_object_ref (article);
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

gboolean
topiary_map_edit_new_place (TopiaryProject   *project,
                            gint64            near_article_id,
                            gint64            group_id,
                            TopiaryNewPlace  *place,
                            GError          **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryArticle *near = NULL;
  TopiaryArticle *pillar;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);

  if ((articles = list_articles (project, error)) == NULL)
    return FALSE;
  if (near_article_id != 0 && (near = find (articles, near_article_id)) == NULL)
    return _topiary_edit_no_article (near_article_id, error);
  if (near != NULL)
    group_id = topiary_article_get_group_id (near);
  else if (!check_group (project, group_id, error))
    return FALSE;

  place->group_id = group_id;
  place->parent_id = 0;
  if (group_id == 0)
    place->kind = TOPIARY_NEW_IDEA;
  else if (!group_has_articles (articles, group_id, 0))
    place->kind = TOPIARY_NEW_PILLAR;
  else
    {
      place->kind = TOPIARY_NEW_CLUSTER;
      pillar = group_pillar (articles, group_id, 0);
      if (near != NULL && topiary_article_get_kind (near) == TOPIARY_KIND_PILLAR)
        place->parent_id = topiary_article_get_id (near);
      else if (near != NULL && topiary_article_get_parent_id (near) != 0)
        place->parent_id = topiary_article_get_parent_id (near);
      else if (pillar != NULL)
        place->parent_id = topiary_article_get_id (pillar);
    }
  return TRUE;
}

/* The id the steps of one edit give the article it adds before it has
 * one (see STEP_ADD_ARTICLE). */
#define ADDED_ARTICLE ((gint64) -2)

TopiaryEdit *
topiary_map_edit_add_article_as (TopiaryProject         *project,
                                 TopiaryArticle         *article,
                                 const TopiaryNewPlace  *place,
                                 GError                **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryArticle *pillar;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (place != NULL, NULL);

  if (place->kind == TOPIARY_NEW_IDEA || place->group_id == 0)
    {
      topiary_article_set_group_id (article, 0);
      topiary_article_set_status (article, TOPIARY_STATUS_IDEA);
      return topiary_map_edit_add_article (project, article, error);
    }
  topiary_article_set_group_id (article, place->group_id);
  topiary_article_set_parent_id (article, place->kind == TOPIARY_NEW_CLUSTER ? place->parent_id : 0);
  if (topiary_article_get_status (article) == TOPIARY_STATUS_IDEA)
    topiary_article_set_status (article, TOPIARY_STATUS_PLANNED);
  if (!check_group (project, place->group_id, error) ||
      (articles = list_articles (project, error)) == NULL)
    return NULL;
  pillar = group_pillar (articles, place->group_id, 0);
  if (place->kind == TOPIARY_NEW_CLUSTER || pillar == NULL)
    return topiary_map_edit_add_article (project, article, error);

  /* A second pillar asked for: it takes the place of the first, in the
   * same edit (added as a cluster, then the former pillar and its
   * clusters go under it, then it becomes the pillar). */
  edit = _topiary_edit_new (_("New Article"));
  topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
  topiary_article_set_parent_id (article, 0);
  step = _topiary_edit_step_new (STEP_ADD_ARTICLE, ADDED_ARTICLE);
  step->article = g_object_ref (article);
  g_ptr_array_add (edit->steps, step);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);

      if (topiary_article_get_group_id (a) != place->group_id)
        continue;
      if (a == pillar || topiary_article_get_parent_id (a) == topiary_article_get_id (pillar))
        {
          step = set_article (a);
          step->fields = FIELD_KIND | FIELD_PARENT;
          if (a == pillar)
            step->article_kind = TOPIARY_KIND_CLUSTER;
          step->parent_id = ADDED_ARTICLE;
          g_ptr_array_add (edit->steps, step);
        }
    }
  step = _topiary_edit_step_new (STEP_ARTICLE, ADDED_ARTICLE);
  step->fields = FIELD_KIND;
  step->article_kind = TOPIARY_KIND_PILLAR;
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_add_group (TopiaryProject  *project,
                            TopiaryGroup    *group,
                            GError         **error)
{
  g_autoptr(TopiaryEdit) edit = NULL;
  TopiaryEdit *undo;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (TOPIARY_IS_GROUP (group), NULL);

  edit = _topiary_edit_new (_("New Group"));
  g_ptr_array_add (edit->steps, _topiary_edit_group_state (group));
  ((Step *) g_ptr_array_index (edit->steps, 0))->kind = STEP_ADD_GROUP;
  ((Step *) g_ptr_array_index (edit->steps, 0))->id = 0;
  ((Step *) g_ptr_array_index (edit->steps, 0))->position = 0;
  undo = _topiary_edit_apply_steps (edit, project, error);
  if (undo == NULL)
    return NULL;
  {
    g_autoptr(TopiaryGroup) added = topiary_project_get_group (project, undo->group_id, NULL);

    _topiary_group_set_id (group, undo->group_id);
    if (added != NULL)
      {
        _topiary_group_set_position (group, topiary_group_get_position (added));
        topiary_group_set_slug (group, topiary_group_get_slug (added));
      }
  }
  return undo;
}

/* ---- renaming, and the links that name the old title ---- */

typedef struct {
  TopiaryLinkIndex *before;
  TopiaryLinkIndex *after;
  gint64            article_id;
  const char       *title;
  guint             n_links;
} Retarget;

/* The new target of a link that names the article by a name the rename
 * takes away: the new title, with the link's heading. */
static char *
retarget (const char *target,
          gpointer    user_data)
{
  Retarget *r = user_data;
  g_autofree char *heading = NULL;
  g_autofree char *new_target = NULL;
  g_autofree char *check = NULL;

  if (topiary_link_index_resolve (r->before, target, NULL, &heading) != r->article_id)
    return NULL;
  if (topiary_link_index_resolve (r->after, target, NULL, &check) == r->article_id)
    return NULL;
  new_target = heading ? g_strconcat (r->title, "#", heading, NULL) : g_strdup (r->title);
  g_clear_pointer (&check, g_free);
  /* Only a link that then names the article (a title that is another
   * article's slug would not). */
  if (topiary_link_index_resolve (r->after, new_target, NULL, &check) != r->article_id)
    return NULL;
  r->n_links++;
  return g_steal_pointer (&new_target);
}

/* The bodies renaming @article_id to @title rewrites: a STEP_BODY each
 * (to @steps when not NULL), and the counts. */
static gboolean
renamed_links (TopiaryProject  *project,
               gint64           article_id,
               const char      *title,
               GPtrArray       *steps,
               guint           *n_links,
               guint           *n_articles,
               GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(TopiaryLinkIndex) before = topiary_link_index_new ();
  g_autoptr(TopiaryLinkIndex) after = topiary_link_index_new ();
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  Retarget r = { before, after, article_id, title, 0 };
  guint changed = 0;

  *n_links = *n_articles = 0;
  /* A title a wiki link cannot hold leaves the links as they are. */
  if (strpbrk (title, "[]|\r\n") != NULL)
    return TRUE;
  if ((articles = list_articles (project, error)) == NULL)
    return FALSE;
  if (find (articles, article_id) == NULL)
    return _topiary_edit_no_article (article_id, error);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);
      gint64 id = topiary_article_get_id (a);

      topiary_link_index_add (before, id, topiary_article_get_slug (a), topiary_article_get_title (a));
      topiary_link_index_add (after, id, topiary_article_get_slug (a),
                              id == article_id ? title : topiary_article_get_title (a));
    }
  options.retarget = retarget;
  options.user_data = &r;
  for (guint i = 0; i < articles->len; i++)
    {
      gint64 id = topiary_article_get_id (g_ptr_array_index (articles, i));
      g_autofree char *body = topiary_project_get_body (project, id, error);
      g_autofree char *rewritten = NULL;
      guint had = r.n_links;

      if (body == NULL)
        return FALSE;
      if (strstr (body, "[[") == NULL)
        continue;
      rewritten = topiary_markdown_rewrite_links (body, &options, NULL);
      if (r.n_links == had || strcmp (rewritten, body) == 0)
        continue;
      changed++;
      if (steps != NULL)
        {
          Step *step = _topiary_edit_step_new (STEP_BODY, id);
          step->text = g_steal_pointer (&rewritten);
          g_ptr_array_add (steps, step);
        }
    }
  *n_links = r.n_links;
  *n_articles = changed;
  return TRUE;
}

gboolean
topiary_map_edit_count_renamed_links (TopiaryProject  *project,
                                      gint64           article_id,
                                      const char      *title,
                                      guint           *n_links,
                                      guint           *n_articles,
                                      GError         **error)
{
  guint links, articles;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (!renamed_links (project, article_id, title, NULL, &links, &articles, error))
    return FALSE;
  if (n_links != NULL)
    *n_links = links;
  if (n_articles != NULL)
    *n_articles = articles;
  return TRUE;
}

TopiaryEdit *
topiary_map_edit_rename_article (TopiaryProject  *project,
                                 gint64           article_id,
                                 const char      *title,
                                 gboolean         rewrite_links,
                                 GError         **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  article = topiary_project_get_article (project, article_id, FALSE, error);
  if (article == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Rename"));
  edit->article_id = article_id;
  step = set_article (article);
  g_free (step->title);
  step->title = g_strdup (title);
  g_ptr_array_add (edit->steps, step);
  if (rewrite_links)
    {
      guint n_links, n_articles;

      if (!renamed_links (project, article_id, title, edit->steps, &n_links, &n_articles, error))
        {
          topiary_edit_unref (edit);
          return NULL;
        }
    }
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_rename_group (TopiaryProject  *project,
                               gint64           group_id,
                               const char      *title,
                               GError         **error)
{
  g_autoptr(TopiaryGroup) group = NULL;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  group = topiary_project_get_group (project, group_id, error);
  if (group == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Rename Group"));
  edit->group_id = group_id;
  step = _topiary_edit_group_state (group);
  g_free (step->title);
  step->title = g_strdup (title);
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

/* ---- moving ---- */

TopiaryEdit *
topiary_map_edit_move_article (TopiaryProject       *project,
                               gint64                article_id,
                               gint64                position,
                               gint64                group_id,
                               gint64                parent_id,
                               TopiaryClusterPolicy  policy,
                               GError              **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryArticle *article;
  TopiaryEdit *edit;
  gint64 old_group;
  gboolean was_pillar;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  if (!check_group (project, group_id, error) ||
      (articles = list_articles (project, error)) == NULL)
    return NULL;
  article = find (articles, article_id);
  if (article == NULL)
    {
      _topiary_edit_no_article (article_id, error);
      return NULL;
    }
  if (parent_id == article_id)
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("An article cannot be its own pillar."));
      return NULL;
    }
  old_group = topiary_article_get_group_id (article);
  was_pillar = topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR;

  edit = _topiary_edit_new (_("Move"));
  edit->article_id = article_id;

  /* A pillar leaving its group: its clusters stay, at the old group's top
   * level, or follow it. */
  if (was_pillar && group_id != old_group)
    for (guint i = 0; i < articles->len; i++)
      {
        TopiaryArticle *a = g_ptr_array_index (articles, i);

        if (topiary_article_get_parent_id (a) != article_id || topiary_article_get_group_id (a) != old_group)
          continue;
        step = set_article (a);
        if (policy == TOPIARY_CLUSTERS_FOLLOW)
          {
            step->group_id = group_id;
            if (group_id != 0 && step->status == TOPIARY_STATUS_IDEA)
              step->status = TOPIARY_STATUS_PLANNED;
          }
        else
          step->parent_id = 0;
        g_ptr_array_add (edit->steps, step);
      }

  step = set_article (article);
  step->position = position;
  step->group_id = group_id;
  if (group_id == 0)
    {
      /* An idea has no place in a group's tree. */
      step->parent_id = 0;
      step->article_kind = TOPIARY_KIND_CLUSTER;
    }
  else
    {
      TopiaryArticle *pillar = group_pillar (articles, group_id, article_id);

      if (step->status == TOPIARY_STATUS_IDEA)
        step->status = TOPIARY_STATUS_PLANNED;
      if (parent_id == TOPIARY_PARENT_PILLAR)
        parent_id = pillar ? topiary_article_get_id (pillar) : 0;
      step->parent_id = parent_id;
      if (parent_id != 0)
        step->article_kind = TOPIARY_KIND_CLUSTER;
      else if (group_id != old_group)
        {
          if (!group_has_articles (articles, group_id, article_id))
            step->article_kind = TOPIARY_KIND_PILLAR;   /* the first of its group */
          else if (pillar != NULL && step->article_kind == TOPIARY_KIND_PILLAR)
            {
              /* One pillar a group: a pillar coming in is a cluster of
               * the one there. (A cluster asked to the top level stays
               * there.) */
              step->article_kind = TOPIARY_KIND_CLUSTER;
              step->parent_id = topiary_article_get_id (pillar);
            }
        }
    }
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_move_group (TopiaryProject  *project,
                             gint64           group_id,
                             gint64           position,
                             GError         **error)
{
  g_autoptr(TopiaryGroup) group = NULL;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  group = topiary_project_get_group (project, group_id, error);
  if (group == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Move Group"));
  edit->group_id = group_id;
  step = _topiary_edit_group_state (group);
  step->position = position;
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_promote (TopiaryProject  *project,
                          gint64           article_id,
                          GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryArticle *article;
  TopiaryEdit *edit;
  gint64 group_id;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  if ((articles = list_articles (project, error)) == NULL)
    return NULL;
  article = find (articles, article_id);
  if (article == NULL)
    {
      _topiary_edit_no_article (article_id, error);
      return NULL;
    }
  group_id = topiary_article_get_group_id (article);
  if (group_id == 0)
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("Only an article in a group can be its pillar."));
      return NULL;
    }

  edit = _topiary_edit_new (_("Promote to Pillar"));
  edit->article_id = article_id;
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);
      gint64 id = topiary_article_get_id (a);
      TopiaryArticle *parent;

      if (id == article_id || topiary_article_get_group_id (a) != group_id)
        continue;
      parent = find (articles, topiary_article_get_parent_id (a));
      if (topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR)
        {
          /* The former pillar becomes a cluster of the new one. */
          step = set_article (a);
          step->article_kind = TOPIARY_KIND_CLUSTER;
          step->parent_id = article_id;
          g_ptr_array_add (edit->steps, step);
        }
      else if (parent != NULL && topiary_article_get_kind (parent) == TOPIARY_KIND_PILLAR &&
               topiary_article_get_id (parent) != article_id)
        {
          /* And its clusters hang under the new pillar. */
          step = set_article (a);
          step->parent_id = article_id;
          g_ptr_array_add (edit->steps, step);
        }
    }
  step = set_article (article);
  step->article_kind = TOPIARY_KIND_PILLAR;
  step->parent_id = 0;
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_demote (TopiaryProject  *project,
                         gint64           article_id,
                         GError         **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  TopiaryEdit *edit;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  article = topiary_project_get_article (project, article_id, FALSE, error);
  if (article == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Demote to Cluster"));
  edit->article_id = article_id;
  step = set_article (article);
  step->article_kind = TOPIARY_KIND_CLUSTER;
  g_ptr_array_add (edit->steps, step);
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_duplicate (TopiaryProject  *project,
                            gint64           article_id,
                            gint64          *copy_id,
                            GError         **error)
{
  g_autoptr(TopiaryArticle) original = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autofree char *title = NULL;
  TopiaryEdit *edit;
  TopiaryEdit *undo;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  original = topiary_project_get_article (project, article_id, TRUE, error);
  if (original == NULL)
    return NULL;
  copy = topiary_article_copy (original);
  /* A new article: no id, times of its own. */
  _topiary_article_set_id (copy, 0);
  _topiary_article_set_times (copy, 0, 0);
  title = g_strdup_printf (_("%s (copy)"), topiary_article_get_title (original));
  topiary_article_set_title (copy, title);
  topiary_article_set_slug (copy, NULL);
  topiary_article_set_position (copy, topiary_article_get_position (original) + 1);
  /* A second pillar would compete with the first: the copy is a cluster. */
  if (topiary_article_get_kind (copy) == TOPIARY_KIND_PILLAR)
    {
      topiary_article_set_kind (copy, TOPIARY_KIND_CLUSTER);
      topiary_article_set_parent_id (copy, article_id);
    }
  edit = _topiary_edit_new (_("Duplicate"));
  step = _topiary_edit_step_new (STEP_ADD_ARTICLE, 0);
  step->article = g_object_ref (copy);
  g_ptr_array_add (edit->steps, step);
  undo = run (project, edit, error);
  if (undo != NULL && copy_id != NULL)
    *copy_id = topiary_article_get_id (copy);
  return undo;
}

/* ---- deleting and restoring ---- */

TopiaryEdit *
topiary_map_edit_delete_article (TopiaryProject  *project,
                                 gint64           article_id,
                                 GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryEdit *edit;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  if ((articles = list_articles (project, error)) == NULL)
    return NULL;
  if (find (articles, article_id) == NULL)
    {
      _topiary_edit_no_article (article_id, error);
      return NULL;
    }
  edit = _topiary_edit_new (_("Delete"));
  edit->article_id = article_id;
  /* Its clusters lose their parent; said as steps, so the undo gives it
   * back. */
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);

      if (topiary_article_get_parent_id (a) == article_id && topiary_article_get_id (a) != article_id)
        {
          Step *step = set_article (a);
          step->parent_id = 0;
          g_ptr_array_add (edit->steps, step);
        }
    }
  g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_ARTICLE, article_id));
  return run (project, edit, error);
}

TopiaryEdit *
topiary_map_edit_delete_group (TopiaryProject  *project,
                               gint64           group_id,
                               GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(TopiaryGroup) group = NULL;
  TopiaryEdit *edit;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  group = topiary_project_get_group (project, group_id, error);
  if (group == NULL || (articles = list_articles (project, error)) == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Delete Group"));
  edit->group_id = group_id;
  /* Its articles become ideas, as steps, so the undo puts them back. */
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);

      if (topiary_article_get_group_id (a) == group_id)
        {
          Step *step = set_article (a);
          step->group_id = 0;
          g_ptr_array_add (edit->steps, step);
        }
    }
  g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_GROUP, group_id));
  return run (project, edit, error);
}

/* What a restored article needs to fit the map as it is now, applied:
 * a group has one pillar, so a pillar coming back to a group that found
 * another one meanwhile is a cluster of that one; otherwise the clusters
 * its delete left without a parent hang under it again. A cluster whose
 * pillar is gone hangs under the group's pillar. Returns the undo of
 * that (possibly empty), or NULL with @error set. */
static TopiaryEdit *
restore_fix (TopiaryProject  *project,
             gint64           restored_id,
             GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryArticle *restored;
  TopiaryArticle *pillar;
  TopiaryEdit *edit;
  gint64 group_id;
  Step *step;

  if ((articles = list_articles (project, error)) == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Restore"));
  restored = find (articles, restored_id);
  group_id = restored ? topiary_article_get_group_id (restored) : 0;
  if (restored == NULL || group_id == 0)
    return run (project, edit, error);
  pillar = group_pillar (articles, group_id, restored_id);
  if (topiary_article_get_kind (restored) == TOPIARY_KIND_PILLAR && pillar != NULL)
    {
      step = set_article (restored);
      step->article_kind = TOPIARY_KIND_CLUSTER;
      step->parent_id = topiary_article_get_id (pillar);
      g_ptr_array_add (edit->steps, step);
    }
  else if (topiary_article_get_kind (restored) == TOPIARY_KIND_PILLAR)
    {
      for (guint i = 0; i < articles->len; i++)
        {
          TopiaryArticle *a = g_ptr_array_index (articles, i);

          if (topiary_article_get_group_id (a) == group_id &&
              topiary_article_get_kind (a) == TOPIARY_KIND_CLUSTER &&
              topiary_article_get_parent_id (a) == 0)
            {
              step = set_article (a);
              step->parent_id = restored_id;
              g_ptr_array_add (edit->steps, step);
            }
        }
    }
  else if (topiary_article_get_kind (restored) == TOPIARY_KIND_CLUSTER &&
           topiary_article_get_parent_id (restored) == 0 && pillar != NULL)
    {
      step = set_article (restored);
      step->parent_id = topiary_article_get_id (pillar);
      g_ptr_array_add (edit->steps, step);
    }
  return run (project, edit, error);
}

/* One undo for @first then @second applied: @second's steps undone first.
 * Consumes both. */
static TopiaryEdit *
merge_undo (TopiaryEdit *first,
            TopiaryEdit *second)
{
  for (guint i = 0; i < first->steps->len; i++)
    g_ptr_array_add (second->steps, g_ptr_array_index (first->steps, i));
  g_ptr_array_set_free_func (first->steps, NULL);
  g_array_prepend_vals (second->remaps, first->remaps->data, first->remaps->len);
  second->article_id = first->article_id;
  second->group_id = first->group_id;
  topiary_edit_unref (first);
  return second;
}

TopiaryEdit *
topiary_map_edit_restore (TopiaryProject  *project,
                          gint64           revision_id,
                          gint64          *article_id,
                          GError         **error)
{
  g_autoptr(GPtrArray) trash = NULL;
  TopiaryEdit *edit;
  TopiaryEdit *undo;
  Step *step;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  trash = topiary_project_list_trash (project, error);
  if (trash == NULL)
    return NULL;
  edit = _topiary_edit_new (_("Restore"));
  for (guint i = 0; i < trash->len; i++)
    {
      TopiaryTrashItem *item = g_ptr_array_index (trash, i);

      if (item->revision_id == revision_id)
        edit->article_id = item->article_id;
    }
  if (edit->article_id == 0)
    {
      topiary_edit_unref (edit);
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("That article is not among the deleted articles any more."));
      return NULL;
    }
  step = _topiary_edit_step_new (STEP_RESTORE, edit->article_id);
  step->revision_id = revision_id;
  g_ptr_array_add (edit->steps, step);

  /* The restore and the map rules it needs are one transaction and one
   * undo. */
  if (!topiary_project_begin (project, error))
    {
      topiary_edit_unref (edit);
      return NULL;
    }
  undo = run (project, edit, error);
  if (undo != NULL)
    {
      TopiaryEdit *fix = restore_fix (project, undo->article_id, error);

      if (fix == NULL)
        g_clear_pointer (&undo, topiary_edit_unref);
      else
        undo = merge_undo (undo, fix);
    }
  if (undo == NULL)
    {
      topiary_project_rollback (project);
      return NULL;
    }
  if (!topiary_project_commit (project, error))
    {
      topiary_edit_unref (undo);
      return NULL;
    }
  if (article_id != NULL)
    *article_id = undo->article_id;
  return undo;
}
