/* topiary-map-actions.c — the map.* actions: editing the map from the sidebar
 *
 * New article and group, rename, duplicate, delete (with one level of
 * undo), moves in the writing order and drops in the tree. What they act
 * on is the sidebar's selection; topiary_map_actions_update() alone
 * decides which of them are enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-dialogs.h"
#include "topiary-map-actions.h"
#include "topiary-window.h"

typedef struct {
  gint64  article_id;
  gint64  position;
  gint64  parent_id;
} MemberState;

/* What it takes to bring a deleted group back. */
typedef struct {
  char   *title;
  char   *slug;
  char   *description;
  gint64  position;
  GArray *members;   /* MemberState */
} GroupUndo;

struct _TopiaryMapActions
{
  GSimpleActionGroup  parent_instance;

  TopiaryWindow      *window;        /* owns us */
  TopiarySidebar     *sidebar;
  TopiaryProject     *project;
  gulong              drop_id;

  GroupUndo          *group_undo;
  gint64              undo_revision;
};

G_DEFINE_FINAL_TYPE (TopiaryMapActions, topiary_map_actions, G_TYPE_SIMPLE_ACTION_GROUP)

enum {
  PROP_0,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
group_undo_free (GroupUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->title);
  g_free (undo->slug);
  g_free (undo->description);
  g_array_unref (undo->members);
  g_free (undo);
}

static void
toast (TopiaryMapActions *self,
       const char        *message)
{
  topiary_window_add_toast (self->window, topiary_toast_new (message));
}

static void
save_or_toast (TopiaryMapActions *self)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self->window, &error))
    toast (self, error->message);
}

static TopiaryMapNode *
selected_node (TopiaryMapActions *self)
{
  return self->project ? topiary_sidebar_get_selected_node (self->sidebar) : NULL;
}

static TopiaryArticle *
selected_article (TopiaryMapActions *self)
{
  g_autoptr(TopiaryMapNode) node = selected_node (self);

  if (node == NULL || topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_ARTICLE)
    return NULL;
  return g_object_ref (topiary_map_node_get_article (node));
}

static void
set_enabled (TopiaryMapActions *self,
             const char        *name,
             gboolean           enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
topiary_map_actions_update (TopiaryMapActions *self)
{
  g_autoptr(TopiaryMapNode) node = NULL;
  TopiaryMapNodeKind kind;
  TopiaryArticle *article;
  gboolean writable, on_article, on_group;

  g_return_if_fail (TOPIARY_IS_MAP_ACTIONS (self));

  node = selected_node (self);
  kind = node ? topiary_map_node_get_kind (node) : TOPIARY_MAP_NODE_IDEAS;
  writable = self->project != NULL && !topiary_project_is_read_only (self->project);
  on_article = node != NULL && kind == TOPIARY_MAP_NODE_ARTICLE;
  on_group = node != NULL && kind == TOPIARY_MAP_NODE_GROUP;
  article = on_article ? topiary_map_node_get_article (node) : NULL;

  set_enabled (self, "new-article", writable);
  set_enabled (self, "new-group", writable);
  set_enabled (self, "rename", writable && node != NULL && (on_article || on_group || kind == TOPIARY_MAP_NODE_MAP));
  set_enabled (self, "duplicate", writable && on_article);
  set_enabled (self, "delete", writable && (on_article || on_group));
  set_enabled (self, "move-up", writable && on_article);
  set_enabled (self, "move-down", writable && on_article);
  set_enabled (self, "move-to-ideas", writable && article != NULL && topiary_article_get_group_id (article) != 0);
  set_enabled (self, "indent",
               writable && article != NULL && topiary_article_get_kind (article) == TOPIARY_KIND_CLUSTER &&
               topiary_article_get_parent_id (article) == 0 && topiary_article_get_group_id (article) != 0);
  set_enabled (self, "outdent", writable && article != NULL && topiary_article_get_parent_id (article) != 0);
  set_enabled (self, "undo-delete", writable && (self->undo_revision != 0 || self->group_undo != NULL));
}

void
topiary_map_actions_set_project (TopiaryMapActions *self,
                                 TopiaryProject    *project)
{
  g_return_if_fail (TOPIARY_IS_MAP_ACTIONS (self));

  g_clear_pointer (&self->group_undo, group_undo_free);
  self->undo_revision = 0;
  g_set_object (&self->project, project);
  topiary_map_actions_update (self);
}

/* ---- moving articles ---- */

static gboolean
move_article (TopiaryMapActions *self,
              gint64             article_id,
              gint64             position,
              gint64             group_id,
              gint64             parent_id)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_project_move_article (self->project, article_id, position, group_id, parent_id, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  /* Show the result now rather than after the sidebar's debounce. */
  topiary_sidebar_refresh (self->sidebar);
  topiary_sidebar_select_article (self->sidebar, article_id);
  topiary_map_actions_update (self);
  return TRUE;
}

/* Position for @moving to end up right after @anchor_pos (or before it). */
static gint64
target_position (gint64   moving_pos,
                 gint64   anchor_pos,
                 gboolean before)
{
  if (before)
    return moving_pos < anchor_pos ? anchor_pos - 1 : anchor_pos;
  return moving_pos < anchor_pos ? anchor_pos : anchor_pos + 1;
}

static gboolean
on_drop_article (TopiarySidebar    *sidebar,
                 gint64             article_id,
                 TopiaryMapNode    *target,
                 gboolean           before,
                 TopiaryMapActions *self)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  TopiaryArticle *moving = tree ? topiary_map_tree_lookup_article (tree, article_id) : NULL;
  gint64 pos;

  if (moving == NULL || self->project == NULL || topiary_project_is_read_only (self->project))
    return FALSE;
  pos = topiary_article_get_position (moving);

  switch (topiary_map_node_get_kind (target))
    {
    case TOPIARY_MAP_NODE_GROUP:
      {
        /* To the end of the group, at its top level. */
        gint64 group_id = topiary_map_node_get_id (target);
        gint64 last = topiary_map_tree_get_last_position (tree, group_id, 0, article_id);

        return move_article (self, article_id, last ? target_position (pos, last, FALSE) : 0, group_id, 0);
      }

    case TOPIARY_MAP_NODE_IDEAS:
    case TOPIARY_MAP_NODE_INTENT:
      return move_article (self, article_id, topiary_project_count_articles (self->project, NULL), 0, 0);

    case TOPIARY_MAP_NODE_ARTICLE:
      {
        TopiaryArticle *anchor = topiary_map_node_get_article (target);
        gint64 anchor_id = topiary_article_get_id (anchor);
        gint64 group_id = topiary_article_get_group_id (anchor);

        if (anchor_id == article_id)
          return FALSE;
        /* Onto the lower half of a pillar: becomes its last cluster. */
        if (!before && group_id != 0 && topiary_article_get_kind (anchor) == TOPIARY_KIND_PILLAR)
          {
            gint64 last = MAX (topiary_article_get_position (anchor),
                               topiary_map_tree_get_last_position (tree, group_id, anchor_id, article_id));

            return move_article (self, article_id, target_position (pos, last, FALSE), group_id, anchor_id);
          }
        /* Otherwise beside the anchor, at its level. */
        return move_article (self, article_id,
                             target_position (pos, topiary_article_get_position (anchor), before),
                             group_id,
                             topiary_article_get_kind (moving) == TOPIARY_KIND_PILLAR ? 0 : topiary_article_get_parent_id (anchor));
      }

    case TOPIARY_MAP_NODE_MAP:
    default:
      return FALSE;
    }
}

static void
map_move (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autoptr(TopiaryArticle) article = selected_article (self);
  g_autoptr(GPtrArray) siblings = NULL;
  TopiaryMapTree *tree = topiary_sidebar_get_tree (self->sidebar);
  gint64 id, group_id, parent_id, pos;
  guint index = 0;

  if (article == NULL || tree == NULL)
    return;
  id = topiary_article_get_id (article);
  group_id = topiary_article_get_group_id (article);
  parent_id = topiary_article_get_parent_id (article);
  pos = topiary_article_get_position (article);
  siblings = topiary_map_tree_get_siblings (tree, article);
  for (guint i = 0; i < siblings->len; i++)
    if (topiary_article_get_id (g_ptr_array_index (siblings, i)) == id)
      index = i;

  if (g_str_equal (name, "move-up") && index > 0)
    move_article (self, id, topiary_article_get_position (g_ptr_array_index (siblings, index - 1)), group_id, parent_id);
  else if (g_str_equal (name, "move-down") && index + 1 < siblings->len)
    move_article (self, id, topiary_article_get_position (g_ptr_array_index (siblings, index + 1)), group_id, parent_id);
  else if (g_str_equal (name, "move-to-ideas"))
    move_article (self, id, topiary_project_count_articles (self->project, NULL), 0, 0);
  else if (g_str_equal (name, "outdent"))
    move_article (self, id, pos, group_id, 0);
  else if (g_str_equal (name, "indent"))
    {
      /* Under the nearest pillar above it, at its level. */
      for (guint i = index; i-- > 0; )
        {
          TopiaryArticle *above = g_ptr_array_index (siblings, i);
          if (topiary_article_get_kind (above) == TOPIARY_KIND_PILLAR)
            {
              move_article (self, id, pos, group_id, topiary_article_get_id (above));
              return;
            }
        }
      toast (self, _("There is no pillar above this article to put it under."));
    }
}

/* ---- new, rename, duplicate ---- */

static GtkWindow *
parent_window (TopiaryMapActions *self)
{
  return GTK_WINDOW (self->window);
}

static void
create_article (gpointer    owner,
                const char *title,
                gpointer    data)
{
  TopiaryMapActions *self = owner;
  g_autoptr(TopiaryMapNode) node = selected_node (self);
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  gint64 group_id = 0, parent_id = 0;

  if (self->project == NULL)
    return;
  topiary_article_set_title (article, title);
  if (node != NULL)
    switch (topiary_map_node_get_kind (node))
      {
      case TOPIARY_MAP_NODE_GROUP:
        group_id = topiary_map_node_get_id (node);
        break;
      case TOPIARY_MAP_NODE_INTENT:
        topiary_article_set_intent (article, topiary_map_node_get_intent (node));
        break;
      case TOPIARY_MAP_NODE_ARTICLE:
        {
          TopiaryArticle *near = topiary_map_node_get_article (node);

          group_id = topiary_article_get_group_id (near);
          if (group_id != 0)
            parent_id = topiary_article_get_kind (near) == TOPIARY_KIND_PILLAR
                        ? topiary_article_get_id (near) : topiary_article_get_parent_id (near);
          else
            topiary_article_set_intent (article, topiary_article_get_intent (near));
        }
        break;
      case TOPIARY_MAP_NODE_MAP:
      case TOPIARY_MAP_NODE_IDEAS:
      default:
        break;
      }
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
  topiary_article_set_status (article, group_id ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_IDEA);

  if (!topiary_project_add_article (self->project, article, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  topiary_window_open_article (self->window, topiary_article_get_id (article));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (self->window))));
}

static void
map_new_article (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  topiary_ask_text (parent_window (user_data), user_data, _("New Article"), "", _("_Create"),
                    create_article, NULL, NULL);
}

static void
create_group (gpointer    owner,
              const char *title,
              gpointer    data)
{
  TopiaryMapActions *self = owner;
  g_autoptr(TopiaryGroup) group = topiary_group_new (title);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (!topiary_project_add_group (self->project, group, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
}

static void
map_new_group (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  topiary_ask_text (parent_window (user_data), user_data, _("New Group"), "", _("_Create"),
                    create_group, NULL, NULL);
}

static void
rename_node (gpointer    owner,
             const char *title,
             gpointer    data)
{
  TopiaryMapActions *self = owner;
  TopiaryMapNode *node = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->project == NULL)
    return;
  switch (topiary_map_node_get_kind (node))
    {
    case TOPIARY_MAP_NODE_MAP:
      ok = topiary_project_set_map_field (self->project, "title", title, &error);
      break;
    case TOPIARY_MAP_NODE_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, topiary_map_node_get_id (node), &error);
        ok = group != NULL;
        if (ok)
          {
            topiary_group_set_title (group, title);
            ok = topiary_project_update_group (self->project, group, &error);
          }
      }
      break;
    case TOPIARY_MAP_NODE_ARTICLE:
      {
        gint64 id = topiary_map_node_get_id (node);
        TopiaryDetails *details = topiary_window_get_details (self->window);
        g_autoptr(TopiaryArticle) article = NULL;

        /* Pending edits of the panel first, so they are not overwritten. */
        ok = topiary_details_save (details, &error);
        if (ok)
          article = topiary_project_get_article (self->project, id, FALSE, &error);
        ok = ok && article != NULL;
        if (ok)
          {
            topiary_article_set_title (article, title);
            ok = topiary_project_update_article (self->project, article, &error);
          }
        if (ok && topiary_window_get_article_id (self->window) == id)
          topiary_details_set_article (details, id);
      }
      break;
    case TOPIARY_MAP_NODE_IDEAS:
    case TOPIARY_MAP_NODE_INTENT:
    default:
      break;
    }
  if (!ok)
    toast (self, error->message);
  topiary_sidebar_refresh (self->sidebar);
}

static void
map_rename (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  TopiaryMapNode *node = selected_node (self);

  if (node == NULL)
    return;
  topiary_ask_text (parent_window (self), G_OBJECT (self), _("Rename"), topiary_map_node_get_title (node),
                    _("_Rename"), rename_node, node, g_object_unref);
}

static void
map_duplicate (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  g_autoptr(TopiaryArticle) selected = selected_article (self);
  g_autoptr(TopiaryArticle) original = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 parent_id;

  if (selected == NULL)
    return;
  save_or_toast (self);
  original = topiary_project_get_article (self->project, topiary_article_get_id (selected), TRUE, &error);
  if (original == NULL)
    {
      toast (self, error->message);
      return;
    }
  copy = topiary_article_copy (original);
  title = g_strdup_printf (_("%s (copy)"), topiary_article_get_title (original));
  topiary_article_set_title (copy, title);
  topiary_article_set_slug (copy, NULL);
  topiary_article_set_position (copy, 0);
  parent_id = topiary_article_get_parent_id (original);
  /* A second pillar would compete with the first: the copy is a cluster,
   * put under the original once it has an id of its own (until then it
   * carries the original's, and would be its own pillar). */
  if (topiary_article_get_kind (copy) == TOPIARY_KIND_PILLAR)
    {
      topiary_article_set_kind (copy, TOPIARY_KIND_CLUSTER);
      topiary_article_set_parent_id (copy, 0);
      parent_id = topiary_article_get_id (original);
    }
  if (!topiary_project_add_article (self->project, copy, &error) ||
      !topiary_project_move_article (self->project, topiary_article_get_id (copy),
                                     topiary_article_get_position (original) + 1,
                                     topiary_article_get_group_id (copy), parent_id, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  topiary_window_open_article (self->window, topiary_article_get_id (copy));
}

/* ---- an article a wiki link names ---- */

/* Creates the article an unresolved wiki link names, next to the one
 * being written: a cluster of the same pillar, or an idea. */
static void
create_linked_article (TopiaryMapActions *self,
                       const char        *title)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TopiaryArticle *current = topiary_details_get_article (topiary_window_get_details (self->window));
  gint64 group_id = current ? topiary_article_get_group_id (current) : 0;

  topiary_article_set_title (article, title);
  topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
  topiary_article_set_group_id (article, group_id);
  if (group_id != 0)
    topiary_article_set_parent_id (article, topiary_article_get_kind (current) == TOPIARY_KIND_PILLAR
                                            ? topiary_article_get_id (current)
                                            : topiary_article_get_parent_id (current));
  topiary_article_set_status (article, group_id ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_IDEA);
  if (!topiary_project_add_article (self->project, article, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  message = g_strdup_printf (_("“%s” added to the map"), title);
  toast (self, message);
}

static void
on_create_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    TopiaryMapActions *self)
{
  if (g_strcmp0 (response, "create") == 0 && self->project != NULL)
    create_linked_article (self, g_object_get_data (G_OBJECT (dialog), "title"));
}

void
topiary_map_actions_offer_linked_article (TopiaryMapActions *self,
                                          const char        *title)
{
  GtkWidget *dialog;

  g_return_if_fail (TOPIARY_IS_MAP_ACTIONS (self));
  g_return_if_fail (title != NULL);

  if (self->project == NULL || topiary_project_is_read_only (self->project))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Create This Article?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("No article is called “%s” yet. Add it to the map next to this one?"),
                                  title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("_Add to Map"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_create_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- delete and its undo ---- */

static void
show_undo_toast (TopiaryMapActions *self,
                 const char        *message)
{
  AdwToast *t = topiary_toast_new (message);

  /* Earlier toasts are left to time out: dismissing one from code while
   * it animates crashes libadwaita 1.2. Undo always acts on the newest
   * deletion. */
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "map.undo-delete");
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  topiary_window_add_toast (self->window, t);
}

static void
delete_article (TopiaryMapActions *self,
                gint64             article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *message = NULL;

  if (topiary_window_get_article_id (self->window) == article_id)
    topiary_window_show_map (self->window, 0);

  article = topiary_project_get_article (self->project, article_id, FALSE, &error);
  if (article == NULL || !topiary_project_delete_article (self->project, article_id, &error))
    {
      toast (self, error->message);
      return;
    }

  /* The project took a snapshot before deleting: that is the undo. */
  g_clear_pointer (&self->group_undo, group_undo_free);
  self->undo_revision = 0;
  revisions = topiary_project_list_revisions (self->project, article_id, NULL);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      if (g_strcmp0 (info->reason, "delete") == 0)
        {
          self->undo_revision = info->id;
          break;
        }
    }
  topiary_sidebar_refresh (self->sidebar);
  message = g_strdup_printf (_("“%s” deleted"), topiary_article_get_title (article));
  if (self->undo_revision != 0)
    show_undo_toast (self, message);
  else
    toast (self, message);
  topiary_map_actions_update (self);
}

static void
delete_group (TopiaryMapActions *self,
              gint64             group_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, group_id, &error);
  g_autoptr(GListModel) articles = NULL;
  g_autofree char *message = NULL;
  GroupUndo *undo;
  guint n;

  if (group == NULL)
    {
      toast (self, error->message);
      return;
    }
  save_or_toast (self);

  undo = g_new0 (GroupUndo, 1);
  undo->title = g_strdup (topiary_group_get_title (group));
  undo->slug = g_strdup (topiary_group_get_slug (group));
  undo->description = g_strdup (topiary_group_get_description (group));
  undo->position = topiary_group_get_position (group);
  undo->members = g_array_new (FALSE, FALSE, sizeof (MemberState));
  /* No delete that could not be undone: the members are read first. */
  articles = topiary_project_list_articles (self->project, &error);
  if (articles == NULL)
    {
      group_undo_free (undo);
      toast (self, error->message);
      return;
    }
  n = g_list_model_get_n_items (articles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      MemberState m = { topiary_article_get_id (a), topiary_article_get_position (a), topiary_article_get_parent_id (a) };

      if (topiary_article_get_group_id (a) == group_id)
        g_array_append_val (undo->members, m);
    }

  if (!topiary_project_delete_group (self->project, group_id, &error))
    {
      group_undo_free (undo);
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->group_undo, group_undo_free);
  self->group_undo = undo;
  self->undo_revision = 0;
  topiary_sidebar_refresh (self->sidebar);
  message = g_strdup_printf (_("Group “%s” deleted"), undo->title);
  show_undo_toast (self, message);
  topiary_map_actions_update (self);
}

static void
map_delete (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  g_autoptr(TopiaryMapNode) node = selected_node (self);

  if (node == NULL)
    return;
  if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE)
    delete_article (self, topiary_map_node_get_id (node));
  else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP)
    delete_group (self, topiary_map_node_get_id (node));
}

static gboolean
restore_group (TopiaryMapActions  *self,
               GroupUndo          *undo,
               GError            **error)
{
  g_autoptr(TopiaryGroup) group = topiary_group_new (undo->title);
  gboolean ok;

  topiary_group_set_slug (group, undo->slug);
  topiary_group_set_description (group, undo->description);
  ok = topiary_project_begin (self->project, error) &&
       topiary_project_add_group (self->project, group, error) &&
       topiary_project_move_group (self->project, topiary_group_get_id (group), undo->position, error);
  for (guint i = 0; ok && i < undo->members->len; i++)
    {
      MemberState *m = &g_array_index (undo->members, MemberState, i);
      ok = topiary_project_move_article (self->project, m->article_id, m->position,
                                         topiary_group_get_id (group), m->parent_id, error);
    }
  if (ok)
    return topiary_project_commit (self->project, error);
  topiary_project_rollback (self->project);
  return FALSE;
}

static void
map_undo_delete (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;

  if (self->undo_revision != 0)
    {
      gint64 id = topiary_project_restore_revision (self->project, self->undo_revision, &error);

      self->undo_revision = 0;
      if (id == 0)
        toast (self, error->message);
      else
        {
          topiary_sidebar_refresh (self->sidebar);
          topiary_window_open_article (self->window, id);
        }
    }
  else if (self->group_undo != NULL)
    {
      GroupUndo *undo = g_steal_pointer (&self->group_undo);

      if (!restore_group (self, undo, &error))
        toast (self, error->message);
      group_undo_free (undo);
      topiary_sidebar_refresh (self->sidebar);
    }
  topiary_map_actions_update (self);
}

/* ---- life cycle ---- */

static const GActionEntry entries[] = {
  { .name = "new-article", .activate = map_new_article },
  { .name = "new-group", .activate = map_new_group },
  { .name = "rename", .activate = map_rename },
  { .name = "duplicate", .activate = map_duplicate },
  { .name = "delete", .activate = map_delete },
  { .name = "undo-delete", .activate = map_undo_delete },
  { .name = "move-up", .activate = map_move },
  { .name = "move-down", .activate = map_move },
  { .name = "move-to-ideas", .activate = map_move },
  { .name = "indent", .activate = map_move },
  { .name = "outdent", .activate = map_move },
};

void
topiary_map_actions_add_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "map.new-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.new-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "map.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "map.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "map.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "map.indent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "map.outdent", NULL);
}

static void
topiary_map_actions_constructed (GObject *object)
{
  TopiaryMapActions *self = TOPIARY_MAP_ACTIONS (object);

  G_OBJECT_CLASS (topiary_map_actions_parent_class)->constructed (object);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  self->sidebar = g_object_ref (topiary_window_get_sidebar (self->window));
  self->drop_id = g_signal_connect_object (self->sidebar, "drop-article", G_CALLBACK (on_drop_article), self, 0);
  topiary_map_actions_update (self);
}

static void
topiary_map_actions_dispose (GObject *object)
{
  TopiaryMapActions *self = TOPIARY_MAP_ACTIONS (object);

  if (self->sidebar != NULL)
    g_clear_signal_handler (&self->drop_id, self->sidebar);
  g_clear_object (&self->sidebar);
  g_clear_object (&self->project);
  g_clear_pointer (&self->group_undo, group_undo_free);
  G_OBJECT_CLASS (topiary_map_actions_parent_class)->dispose (object);
}

static void
topiary_map_actions_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TopiaryMapActions *self = TOPIARY_MAP_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = g_value_get_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_map_actions_class_init (TopiaryMapActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = topiary_map_actions_constructed;
  object_class->dispose = topiary_map_actions_dispose;
  object_class->set_property = topiary_map_actions_set_property;

  /* Not a reference: the window owns its actions. */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, TOPIARY_TYPE_WINDOW,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_map_actions_init (TopiaryMapActions *self)
{
}

TopiaryMapActions *
topiary_map_actions_new (TopiaryWindow *window)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (window), NULL);
  return g_object_new (TOPIARY_TYPE_MAP_ACTIONS, "window", window, NULL);
}
