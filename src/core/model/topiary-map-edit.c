/* topiary-map-edit.c — structural edits of the map, each undoable
 *
 * An edit is a list of steps, each of which sets one thing to a state it
 * carries (an article's place and title, a body, a group) or adds,
 * deletes or restores one thing. Applying a step first records the step
 * that puts back what it changes; those inverse steps, in reverse order,
 * are the record that undoes the edit. The operations below only work out
 * which steps an edit takes, by the map's rules, and apply them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "topiary-link.h"
#include "topiary-map-edit.h"
#include "topiary-markdown.h"
#include "topiary-trash.h"

typedef enum {
  STEP_ARTICLE,         /* sets the place, kind, status and title of article @id */
  STEP_BODY,            /* sets the body of article @id to @text */
  STEP_GROUP,           /* sets the title, description and position of group @id */
  STEP_ADD_ARTICLE,     /* adds @article */
  STEP_DELETE_ARTICLE,  /* deletes article @id */
  STEP_RESTORE,         /* restores article @id from snapshot @revision_id */
  STEP_ADD_GROUP,       /* (re-)creates group @id: @title, @slug, @text, @position */
  STEP_DELETE_GROUP,    /* deletes group @id */
} StepKind;

typedef struct {
  StepKind        kind;
  gint64          id;
  gint64          group_id;
  gint64          parent_id;
  gint64          position;
  gint64          revision_id;
  TopiaryKind     article_kind;
  TopiaryStatus   status;
  char           *title;
  char           *slug;
  char           *text;
  TopiaryArticle *article;
} Step;

/* An id an applied edit gave to something it re-created. */
typedef struct {
  gboolean is_group;
  gint64   from;
  gint64   to;
} Remap;

struct _TopiaryEdit {
  gint       ref_count;
  char      *label;
  gint64     article_id;
  gint64     group_id;
  GPtrArray *steps;    /* Step *, in the order they apply */
  GArray    *remaps;   /* Remap, what applying it re-created */
};

G_DEFINE_BOXED_TYPE (TopiaryEdit, topiary_edit, topiary_edit_ref, topiary_edit_unref)

static void
step_free (Step *step)
{
  g_free (step->title);
  g_free (step->slug);
  g_free (step->text);
  g_clear_object (&step->article);
  g_free (step);
}

static Step *
step_new (StepKind kind,
          gint64   id)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->id = id;
  return step;
}

static Step *
step_copy (const Step *step)
{
  Step *copy = g_memdup2 (step, sizeof *step);

  copy->title = g_strdup (step->title);
  copy->slug = g_strdup (step->slug);
  copy->text = g_strdup (step->text);
  copy->article = step->article ? topiary_article_copy (step->article) : NULL;
  return copy;
}

static TopiaryEdit *
edit_new (const char *label)
{
  TopiaryEdit *edit = g_new0 (TopiaryEdit, 1);

  edit->ref_count = 1;
  edit->label = g_strdup (label);
  edit->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  edit->remaps = g_array_new (FALSE, FALSE, sizeof (Remap));
  return edit;
}

TopiaryEdit *
topiary_edit_ref (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);

  g_atomic_int_inc (&edit->ref_count);
  return edit;
}

void
topiary_edit_unref (TopiaryEdit *edit)
{
  g_return_if_fail (edit != NULL);

  if (!g_atomic_int_dec_and_test (&edit->ref_count))
    return;
  g_free (edit->label);
  g_ptr_array_unref (edit->steps);
  g_array_unref (edit->remaps);
  g_free (edit);
}

const char *
topiary_edit_get_label (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);

  return edit->label;
}

gint64
topiary_edit_get_article_id (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);

  return edit->article_id;
}

gint64
topiary_edit_get_group_id (TopiaryEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);

  return edit->group_id;
}

/* ---- ids that change ---- */

static gboolean
step_names_group (const Step *step)
{
  return step->kind == STEP_GROUP || step->kind == STEP_ADD_GROUP || step->kind == STEP_DELETE_GROUP;
}

static void
remap_step (Step        *step,
            const Remap *remap)
{
  if (remap->is_group)
    {
      if (step_names_group (step) && step->id == remap->from)
        step->id = remap->to;
      if (step->kind == STEP_ARTICLE && step->group_id == remap->from)
        step->group_id = remap->to;
      if (step->article != NULL && topiary_article_get_group_id (step->article) == remap->from)
        topiary_article_set_group_id (step->article, remap->to);
    }
  else
    {
      if (!step_names_group (step) && step->id == remap->from)
        step->id = remap->to;
      if (step->kind == STEP_ARTICLE && step->parent_id == remap->from)
        step->parent_id = remap->to;
      if (step->article != NULL && topiary_article_get_parent_id (step->article) == remap->from)
        topiary_article_set_parent_id (step->article, remap->to);
    }
}

static void
remap_edit (TopiaryEdit *edit,
            const Remap *remap)
{
  for (guint i = 0; i < edit->steps->len; i++)
    remap_step (g_ptr_array_index (edit->steps, i), remap);
  if (remap->is_group && edit->group_id == remap->from)
    edit->group_id = remap->to;
  if (!remap->is_group && edit->article_id == remap->from)
    edit->article_id = remap->to;
}

void
topiary_edit_follow (TopiaryEdit *edit,
                     TopiaryEdit *applied)
{
  g_return_if_fail (edit != NULL);
  g_return_if_fail (applied != NULL);

  for (guint i = 0; i < applied->remaps->len; i++)
    remap_edit (edit, &g_array_index (applied->remaps, Remap, i));
}

/* ---- applying steps ---- */

static gboolean
no_article (gint64   id,
            GError **error)
{
  g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
               _("There is no article %" PRId64 " in the project."), id);
  return FALSE;
}

/* The step that puts back what @article is now. */
static Step *
article_state (TopiaryArticle *article)
{
  Step *step = step_new (STEP_ARTICLE, topiary_article_get_id (article));

  step->group_id = topiary_article_get_group_id (article);
  step->parent_id = topiary_article_get_parent_id (article);
  step->position = topiary_article_get_position (article);
  step->article_kind = topiary_article_get_kind (article);
  step->status = topiary_article_get_status (article);
  step->title = g_strdup (topiary_article_get_title (article));
  return step;
}

static Step *
group_state (TopiaryGroup *group)
{
  Step *step = step_new (STEP_GROUP, topiary_group_get_id (group));

  step->position = topiary_group_get_position (group);
  step->title = g_strdup (topiary_group_get_title (group));
  step->slug = g_strdup (topiary_group_get_slug (group));
  step->text = g_strdup (topiary_group_get_description (group));
  return step;
}

/* The newest "delete" snapshot of @article_id. */
static gint64
delete_revision (TopiaryProject  *project,
                 gint64           article_id,
                 GError         **error)
{
  g_autoptr(GPtrArray) revisions = topiary_project_list_revisions (project, article_id, error);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);

      if (g_strcmp0 (info->reason, "delete") == 0)
        return info->id;
    }
  if (revisions != NULL)
    g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_FAILED,
                         _("The deleted article could not be kept for undo."));
  return 0;
}

/* Applies @step; returns the step that reverses it, or NULL with @error
 * set. An id given to something re-created goes to @remaps. */
static Step *
apply_step (TopiaryProject  *project,
            Step            *step,
            GArray          *remaps,
            GError         **error)
{
  switch (step->kind)
    {
    case STEP_ARTICLE:
      {
        g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, step->id, FALSE, error);
        Step *undo;

        if (article == NULL)
          return NULL;
        undo = article_state (article);
        topiary_article_set_group_id (article, step->group_id);
        topiary_article_set_parent_id (article, step->parent_id);
        topiary_article_set_kind (article, step->article_kind);
        topiary_article_set_status (article, step->status);
        topiary_article_set_title (article, step->title);
        topiary_article_set_position (article, step->position);
        if (!topiary_project_update_article (project, article, error))
          {
            step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_BODY:
      {
        g_autofree char *body = topiary_project_get_body (project, step->id, error);
        Step *undo;

        if (body == NULL || !topiary_project_save_body (project, step->id, step->text, error))
          return NULL;
        undo = step_new (STEP_BODY, step->id);
        undo->text = g_steal_pointer (&body);
        return undo;
      }

    case STEP_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, step->id, error);
        Step *undo;

        if (group == NULL)
          return NULL;
        undo = group_state (group);
        topiary_group_set_title (group, step->title);
        topiary_group_set_slug (group, step->slug);
        topiary_group_set_description (group, step->text);
        if (!topiary_project_update_group (project, group, error) ||
            !topiary_project_move_group (project, step->id, step->position, error))
          {
            step_free (undo);
            return NULL;
          }
        return undo;
      }

    case STEP_ADD_ARTICLE:
      {
        g_autoptr(TopiaryArticle) article = topiary_article_copy (step->article);

        if (!topiary_project_add_article (project, article, error))
          return NULL;
        /* The edit's copy learns its id (apply() tells the caller's). */
        _topiary_article_set_id (step->article, topiary_article_get_id (article));
        return step_new (STEP_DELETE_ARTICLE, topiary_article_get_id (article));
      }

    case STEP_DELETE_ARTICLE:
      {
        Step *undo;
        gint64 revision_id;

        if (!topiary_project_delete_article (project, step->id, error) ||
            (revision_id = delete_revision (project, step->id, error)) == 0)
          return NULL;
        undo = step_new (STEP_RESTORE, step->id);
        undo->revision_id = revision_id;
        return undo;
      }

    case STEP_RESTORE:
      {
        g_autoptr(TopiaryArticle) there = topiary_project_get_article (project, step->id, FALSE, NULL);
        Remap remap = { FALSE, step->id, 0 };

        /* Restoring over a live article would overwrite its text. */
        if (there != NULL)
          {
            g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                         _("The article “%s” is back already."), topiary_article_get_title (there));
            return NULL;
          }
        remap.to = topiary_project_restore_revision (project, step->revision_id, error);
        if (remap.to == 0)
          return NULL;
        if (remap.to != remap.from)
          g_array_append_val (remaps, remap);
        return step_new (STEP_DELETE_ARTICLE, remap.to);
      }

    case STEP_ADD_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_group_new (step->title);
        Remap remap = { TRUE, step->id, 0 };

        topiary_group_set_slug (group, step->slug);
        topiary_group_set_description (group, step->text);
        if (!topiary_project_add_group (project, group, error) ||
            (step->position > 0 &&
             !topiary_project_move_group (project, topiary_group_get_id (group), step->position, error)))
          return NULL;
        remap.to = topiary_group_get_id (group);
        if (remap.from != 0 && remap.to != remap.from)
          g_array_append_val (remaps, remap);
        return step_new (STEP_DELETE_GROUP, remap.to);
      }

    case STEP_DELETE_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, step->id, error);
        Step *undo;

        if (group == NULL)
          return NULL;
        undo = group_state (group);
        undo->kind = STEP_ADD_GROUP;
        if (!topiary_project_delete_group (project, step->id, error))
          {
            step_free (undo);
            return NULL;
          }
        return undo;
      }

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Applies the steps of @edit in one transaction; @edit itself is not
 * changed. Returns the reverse edit. */
static TopiaryEdit *
apply (TopiaryEdit     *edit,
       TopiaryProject  *project,
       GError         **error)
{
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  g_autoptr(TopiaryEdit) undo = edit_new (edit->label);
  gboolean ok = TRUE;

  for (guint i = 0; i < edit->steps->len; i++)
    g_ptr_array_add (work, step_copy (g_ptr_array_index (edit->steps, i)));
  undo->article_id = edit->article_id;
  undo->group_id = edit->group_id;

  if (!topiary_project_begin (project, error))
    return NULL;
  for (guint i = 0; ok && i < work->len; i++)
    {
      Step *step = g_ptr_array_index (work, i);
      guint had = undo->remaps->len;
      Step *back = apply_step (project, step, undo->remaps, error);

      ok = back != NULL;
      if (!ok)
        break;
      g_ptr_array_insert (undo->steps, 0, back);
      /* What this step re-created under a new id, the later steps name
       * by that id. */
      for (guint r = had; r < undo->remaps->len; r++)
        {
          const Remap *remap = &g_array_index (undo->remaps, Remap, r);

          for (guint j = i + 1; j < work->len; j++)
            remap_step (g_ptr_array_index (work, j), remap);
          if (remap->is_group && undo->group_id == remap->from)
            undo->group_id = remap->to;
          if (!remap->is_group && undo->article_id == remap->from)
            undo->article_id = remap->to;
        }
      /* An added article is what the edit is about. */
      if (step->kind == STEP_ADD_ARTICLE && undo->article_id == 0)
        undo->article_id = back->id;
      if (step->kind == STEP_ADD_GROUP && undo->group_id == 0)
        undo->group_id = back->id;
    }
  if (ok)
    ok = topiary_project_commit (project, error);
  else
    topiary_project_rollback (project);
  if (!ok)
    return NULL;
  /* The forward edit's own ids, for the caller (an add sets the id on the
   * caller's article). */
  for (guint i = 0; i < work->len && i < edit->steps->len; i++)
    {
      Step *orig = g_ptr_array_index (edit->steps, i);
      Step *done = g_ptr_array_index (work, i);

      if (orig->kind == STEP_ADD_ARTICLE)
        {
          g_autoptr(TopiaryArticle) added = NULL;

          added = topiary_project_get_article (project, topiary_article_get_id (done->article), FALSE, NULL);
          if (added != NULL)
            {
              _topiary_article_set_id (orig->article, topiary_article_get_id (added));
              topiary_article_set_slug (orig->article, topiary_article_get_slug (added));
              topiary_article_set_position (orig->article, topiary_article_get_position (added));
            }
        }
    }
  return g_steal_pointer (&undo);
}

TopiaryEdit *
topiary_edit_apply (TopiaryEdit     *edit,
                    TopiaryProject  *project,
                    GError         **error)
{
  g_return_val_if_fail (edit != NULL, NULL);
  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return apply (edit, project, error);
}

/* ---- reading the map as it is ---- */

static GPtrArray *
list_articles (TopiaryProject  *project,
               GError         **error)
{
  g_autoptr(GListModel) model = topiary_project_list_articles_full (project, error);
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
    return edit_new (edit->label);
  return apply (edit, project, error);
}

/* A step that sets @article's state, with @article's values as defaults. */
static Step *
set_article (TopiaryArticle *article)
{
  Step *step = article_state (article);

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

  edit = edit_new (_("New Article"));
  step = step_new (STEP_ADD_ARTICLE, 0);
  step->article = g_object_ref (article);
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

  edit = edit_new (_("New Group"));
  g_ptr_array_add (edit->steps, group_state (group));
  ((Step *) g_ptr_array_index (edit->steps, 0))->kind = STEP_ADD_GROUP;
  ((Step *) g_ptr_array_index (edit->steps, 0))->id = 0;
  ((Step *) g_ptr_array_index (edit->steps, 0))->position = 0;
  undo = apply (edit, project, error);
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
    return no_article (article_id, error);
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
          Step *step = step_new (STEP_BODY, id);
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
  edit = edit_new (_("Rename"));
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
  edit = edit_new (_("Rename Group"));
  edit->group_id = group_id;
  step = group_state (group);
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
      no_article (article_id, error);
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

  edit = edit_new (_("Move"));
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
          else if (pillar != NULL)
            {
              /* One pillar a group: the newcomer is a cluster of it. */
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
  edit = edit_new (_("Move Group"));
  edit->group_id = group_id;
  step = group_state (group);
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
      no_article (article_id, error);
      return NULL;
    }
  group_id = topiary_article_get_group_id (article);
  if (group_id == 0)
    {
      g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                           _("Only an article in a group can be its pillar."));
      return NULL;
    }

  edit = edit_new (_("Promote to Pillar"));
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
  edit = edit_new (_("Demote to Cluster"));
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
  edit = edit_new (_("Duplicate"));
  step = step_new (STEP_ADD_ARTICLE, 0);
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
      no_article (article_id, error);
      return NULL;
    }
  edit = edit_new (_("Delete"));
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
  g_ptr_array_add (edit->steps, step_new (STEP_DELETE_ARTICLE, article_id));
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
  edit = edit_new (_("Delete Group"));
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
  g_ptr_array_add (edit->steps, step_new (STEP_DELETE_GROUP, group_id));
  return run (project, edit, error);
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
  edit = edit_new (_("Restore"));
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
  step = step_new (STEP_RESTORE, edit->article_id);
  step->revision_id = revision_id;
  g_ptr_array_add (edit->steps, step);
  undo = run (project, edit, error);
  if (undo != NULL && article_id != NULL)
    *article_id = undo->article_id;
  return undo;
}
