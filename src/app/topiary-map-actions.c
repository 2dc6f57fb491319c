/* topiary-map-actions.c — the map.* actions: editing the map from the sidebar
 *
 * New article and group, rename, duplicate, delete, moves in the writing
 * order and drops in the tree, each through an operation of the core's
 * map model (topiary-map-edit.h) whose undo record goes on the project's
 * undo stack: map.undo and map.redo (Ctrl+Z, Shift+Ctrl+Z, Ctrl+Y while
 * the map has the focus; the editor keeps its own undo of the text), and
 * the Undo of a delete's toast. What they act on is the sidebar's
 * selection; topiary_map_actions_update() alone decides which of them are
 * enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-dialogs.h"
#include "topiary-map-actions.h"
#include "topiary-map-edit.h"
#include "topiary-new-article-dialog.h"
#include "topiary-trash-dialog.h"
#include "topiary-undo-stack.h"
#include "topiary-window.h"

struct _TopiaryMapActions
{
  GSimpleActionGroup  parent_instance;

  TopiaryWindow      *window;        /* owns us */
  TopiarySidebar     *sidebar;
  TopiaryProject     *project;
  gulong              drop_id;

  TopiaryUndoStack   *undo;          /* NULL without a project */
  guint64             toast_serial;  /* the edit the newest delete toast announced */
  GMenu              *menu;          /* Undo, Redo, Deleted Articles */
};

G_DEFINE_FINAL_TYPE (TopiaryMapActions, topiary_map_actions, G_TYPE_SIMPLE_ACTION_GROUP)

enum {
  PROP_0,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  set_enabled (self, "undo", writable && self->undo != NULL && topiary_undo_stack_can_undo (self->undo));
  set_enabled (self, "undo-delete", writable && self->undo != NULL);
  set_enabled (self, "redo", writable && self->undo != NULL && topiary_undo_stack_can_redo (self->undo));
  set_enabled (self, "show-trash", self->project != NULL);
}

TopiaryUndoStack *
topiary_map_actions_get_undo_stack (TopiaryMapActions *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_ACTIONS (self), NULL);

  return self->undo;
}

/* The keys are bound on the map, so the menu is told which they are. */
static void
append_with_accel (GMenu      *menu,
                   const char *label,
                   const char *action,
                   const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

/* The menu's Undo and Redo say what they would undo. */
static void
on_undo_changed (TopiaryMapActions *self)
{
  const char *undo = self->undo ? topiary_undo_stack_get_undo_label (self->undo) : NULL;
  const char *redo = self->undo ? topiary_undo_stack_get_redo_label (self->undo) : NULL;

  g_menu_remove_all (self->menu);
  append_with_accel (self->menu, undo ? undo : _("Undo"), "map.undo", "<Control>z");
  append_with_accel (self->menu, redo ? redo : _("Redo"), "map.redo", "<Shift><Control>z");
  g_menu_append (self->menu, _("_Deleted Articles…"), "map.show-trash");
  topiary_map_actions_update (self);
}

GMenuModel *
topiary_map_actions_get_menu (TopiaryMapActions *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_ACTIONS (self), NULL);

  return G_MENU_MODEL (self->menu);
}

void
topiary_map_actions_set_project (TopiaryMapActions *self,
                                 TopiaryProject    *project)
{
  g_return_if_fail (TOPIARY_IS_MAP_ACTIONS (self));

  g_set_object (&self->project, project);
  /* Each project has its own history. */
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_object (&self->undo);
  self->toast_serial = 0;
  if (project != NULL)
    {
      self->undo = topiary_undo_stack_new (project);
      g_signal_connect_swapped (self->undo, "notify::undo-label", G_CALLBACK (on_undo_changed), self);
      g_signal_connect_swapped (self->undo, "notify::redo-label", G_CALLBACK (on_undo_changed), self);
    }
  on_undo_changed (self);
}

/* ---- every edit goes through here ---- */

/* After the project changed under the editor (an undo of a rename that
 * rewrote links, an undo of an add): show what is there now. */
static void
follow_open_article (TopiaryMapActions *self)
{
  gint64 open = topiary_window_get_article_id (self->window);
  g_autoptr(TopiaryArticle) article = NULL;

  if (open == 0)
    return;
  article = topiary_project_get_article (self->project, open, FALSE, NULL);
  if (article == NULL)
    {
      topiary_window_show_map (self->window, 0);
      topiary_sidebar_select_map (self->sidebar);
    }
  else if (topiary_window_open_article (self->window, open))
    {
      g_autoptr(GError) error = NULL;

      /* Its text may have changed too (an undone merge): the editor,
       * saved before the undo, shows it as it is now. */
      if (!topiary_editor_reload_changed (topiary_window_get_editor (self->window), &error))
        toast (self, error->message);
    }
}

/* Takes the undo record of an edit just made (NULL: it failed, @error
 * says why) and shows the result now rather than after the sidebar's
 * debounce. */
static gboolean
edited (TopiaryMapActions *self,
        TopiaryEdit       *edit,
        GError            *error,
        gint64             select_id)
{
  if (edit == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }
  topiary_undo_stack_push (self->undo, edit);
  topiary_sidebar_refresh (self->sidebar);
  if (select_id != 0)
    topiary_sidebar_select_article (self->sidebar, select_id);
  topiary_map_actions_update (self);
  return TRUE;
}

void
topiary_map_actions_take_edit (TopiaryMapActions *self,
                               TopiaryEdit       *edit)
{
  g_return_if_fail (TOPIARY_IS_MAP_ACTIONS (self));
  g_return_if_fail (edit != NULL);

  edited (self, edit, NULL, 0);
}

static void
undo_or_redo (TopiaryMapActions *self,
              gboolean           redo)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean ok;

  if (self->project == NULL || self->undo == NULL)
    return;
  /* Typing not yet saved goes in before, so the undo does not undo it. */
  save_or_toast (self);
  ok = redo ? topiary_undo_stack_redo (self->undo, &id, &error)
            : topiary_undo_stack_undo (self->undo, &id, &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  follow_open_article (self);
  topiary_sidebar_refresh (self->sidebar);
  /* The selection shows what is open, not what the undo touched. */
  topiary_sidebar_select_shown (self->sidebar);
  topiary_map_actions_update (self);
}

static void
map_undo (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  undo_or_redo (user_data, FALSE);
}

static void
map_redo (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  undo_or_redo (user_data, TRUE);
}

/* ---- asking before an edit ---- */

typedef void (*ChoiceFunc) (TopiaryMapActions *self,
                            const char        *response,
                            gpointer           data);

typedef struct {
  TopiaryMapActions *self;
  ChoiceFunc         func;
  gpointer           data;
  GDestroyNotify     destroy;
} Choice;

static void
choice_free (gpointer data,
             GClosure *closure)
{
  Choice *choice = data;

  if (choice->destroy != NULL)
    choice->destroy (choice->data);
  g_object_unref (choice->self);
  g_free (choice);
}

static void
on_choice (AdwMessageDialog *dialog,
           const char       *response,
           Choice           *choice)
{
  if (g_strcmp0 (response, "cancel") != 0 && choice->self->project != NULL)
    choice->func (choice->self, response, choice->data);
}

/* Asks @heading/@body with Cancel and two answers (@second suggested);
 * @func gets "first" or "second". */
static void
ask_choice (TopiaryMapActions *self,
            const char        *heading,
            const char        *body,
            const char        *first,
            const char        *second,
            ChoiceFunc         func,
            gpointer           data,
            GDestroyNotify     destroy)
{
  GtkWidget *dialog = topiary_message_dialog_new (GTK_WINDOW (self->window), heading, body);
  Choice *choice = g_new0 (Choice, 1);

  choice->self = g_object_ref (self);
  choice->func = func;
  choice->data = data;
  choice->destroy = destroy;
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "first", first,
                                    "second", second,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "second", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "second");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choice), choice, choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- moving articles ---- */

typedef struct {
  gint64 article_id;
  gint64 position;
  gint64 group_id;
  gint64 parent_id;
} Move;

static gboolean
do_move (TopiaryMapActions    *self,
         const Move           *move,
         TopiaryClusterPolicy  policy)
{
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit = topiary_map_edit_move_article (self->project, move->article_id, move->position,
                                                     move->group_id, move->parent_id, policy, &error);

  /* The selection stays on what is open (the refresh finds its row where
   * it went), not on a row moved from its context menu or by a drop. */
  return edited (self, edit, error, 0);
}

static void
on_move_choice (TopiaryMapActions *self,
                const char        *response,
                gpointer           data)
{
  do_move (self, data, g_str_equal (response, "second") ? TOPIARY_CLUSTERS_FOLLOW : TOPIARY_CLUSTERS_STAY);
}

static gboolean
move_article (TopiaryMapActions *self,
              gint64             article_id,
              gint64             position,
              gint64             group_id,
              gint64             parent_id)
{
  Move move = { article_id, position, group_id, parent_id };
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (self->project, article_id, FALSE, NULL);
  g_autoptr(GListModel) articles = NULL;
  guint clusters = 0;

  /* A pillar leaving its group: its clusters come along, or stay; the
   * user says which. */
  if (article != NULL && topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR &&
      topiary_article_get_group_id (article) != group_id &&
      (articles = topiary_project_list_articles (self->project, NULL)) != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
      {
        g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

        if (topiary_article_get_parent_id (a) == article_id &&
            topiary_article_get_group_id (a) == topiary_article_get_group_id (article))
          clusters++;
      }
  if (clusters > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” is a pillar with %u cluster. It can take it along, or leave it in its group.",
                                                            "“%s” is a pillar with %u clusters. It can take them along, or leave them in its group.",
                                                            clusters),
                                               topiary_article_get_title (article), clusters);

      ask_choice (self, _("Move the Clusters Too?"), body, _("_Leave Them"), _("_Take Them Along"),
                  on_move_choice, g_memdup2 (&move, sizeof move), g_free);
      return TRUE;
    }
  return do_move (self, &move, TOPIARY_CLUSTERS_STAY);
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
on_new_article_response (TopiaryNewArticleDialog *dialog,
                         const char              *response,
                         TopiaryMapActions       *self)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = topiary_new_article_dialog_dup_title (dialog);
  const char *intent = g_object_get_data (G_OBJECT (dialog), "intent");
  TopiaryNewPlace place;

  if (!g_str_equal (response, "ok") || *title == '\0' || self->project == NULL)
    return;
  topiary_article_set_title (article, title);
  if (intent != NULL)
    topiary_article_set_intent (article, intent);
  topiary_article_set_status (article, TOPIARY_STATUS_PLANNED);
  topiary_new_article_dialog_get_place (dialog, &place);
  /* The map's rules decide the rest, in one undoable edit. */
  if (!edited (self, topiary_map_edit_add_article_as (self->project, article, &place, &error), error,
               topiary_article_get_id (article)))
    return;
  topiary_window_open_article (self->window, topiary_article_get_id (article));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (self->window))));
}

static void
map_new_article (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  TopiaryMapActions *self = user_data;
  g_autoptr(TopiaryMapNode) node = selected_node (self);
  g_autoptr(GError) error = NULL;
  TopiaryNewArticleDialog *dialog;
  gint64 near_id = 0, group_id = 0;
  const char *intent = NULL;

  if (self->project == NULL)
    return;
  /* The selected row gives the defaults; an intent row its intent. */
  if (node != NULL)
    switch (topiary_map_node_get_kind (node))
      {
      case TOPIARY_MAP_NODE_GROUP:
        group_id = topiary_map_node_get_id (node);
        break;
      case TOPIARY_MAP_NODE_INTENT:
        intent = topiary_map_node_get_intent (node);
        break;
      case TOPIARY_MAP_NODE_ARTICLE:
        near_id = topiary_article_get_id (topiary_map_node_get_article (node));
        if (topiary_article_get_group_id (topiary_map_node_get_article (node)) == 0)
          intent = topiary_article_get_intent (topiary_map_node_get_article (node));
        break;
      case TOPIARY_MAP_NODE_MAP:
      case TOPIARY_MAP_NODE_IDEAS:
      default:
        break;
      }
  dialog = topiary_new_article_dialog_new (parent_window (self), self->project, near_id, group_id, &error);
  if (dialog == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (dialog), "intent", g_strdup (intent), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_article_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  edited (self, topiary_map_edit_add_group (self->project, group, &error), error, 0);
}

static void
map_new_group (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  topiary_ask_text (parent_window (user_data), user_data, _("New Group"), "", _("_Create"),
                    create_group, NULL, NULL);
}

typedef struct {
  gint64  article_id;
  char   *title;
} Rename;

static void
rename_free (gpointer data)
{
  Rename *rename = data;

  g_free (rename->title);
  g_free (rename);
}

static void
do_rename (TopiaryMapActions *self,
           const Rename      *rename,
           gboolean           rewrite_links)
{
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit;

  save_or_toast (self);
  edit = topiary_map_edit_rename_article (self->project, rename->article_id, rename->title, rewrite_links, &error);
  if (edited (self, edit, error, 0))
    follow_open_article (self);
}

static void
on_rename_choice (TopiaryMapActions *self,
                  const char        *response,
                  gpointer           data)
{
  do_rename (self, data, g_str_equal (response, "second"));
}

static void
rename_node (gpointer    owner,
             const char *title,
             gpointer    data)
{
  TopiaryMapActions *self = owner;
  TopiaryMapNode *node = data;
  g_autoptr(GError) error = NULL;
  gint64 id = topiary_map_node_get_id (node);

  if (self->project == NULL)
    return;
  switch (topiary_map_node_get_kind (node))
    {
    case TOPIARY_MAP_NODE_MAP:
      if (!topiary_project_set_map_field (self->project, "title", title, &error))
        toast (self, error->message);
      topiary_sidebar_refresh (self->sidebar);
      break;
    case TOPIARY_MAP_NODE_GROUP:
      edited (self, topiary_map_edit_rename_group (self->project, id, title, &error), error, 0);
      break;
    case TOPIARY_MAP_NODE_ARTICLE:
      {
        TopiaryDetails *details = topiary_window_get_details (self->window);
        Rename rename = { id, (char *) title };
        guint n_links = 0, n_articles = 0;

        /* Pending edits of the panel first, so they are not overwritten. */
        if (!topiary_details_save (details, &error) ||
            !topiary_map_edit_count_renamed_links (self->project, id, title, &n_links, &n_articles, &error))
          {
            toast (self, error->message);
            return;
          }
        /* Links that name the old title would break: offer to follow. */
        if (n_links > 0)
          {
            g_autofree char *links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_links), n_links);
            g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%s in %u article names the old title.",
                                                                  "%s in %u articles name the old title.",
                                                                  n_articles),
                                                     links, n_articles);
            Rename *copy = g_new0 (Rename, 1);

            copy->article_id = id;
            copy->title = g_strdup (title);
            ask_choice (self, _("Update Links to the New Title?"), body, _("_Rename Only"), _("_Update Links"),
                        on_rename_choice, copy, rename_free);
            return;
          }
        do_rename (self, &rename, FALSE);
      }
      break;
    case TOPIARY_MAP_NODE_IDEAS:
    case TOPIARY_MAP_NODE_INTENT:
    default:
      break;
    }
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
  g_autoptr(GError) error = NULL;
  gint64 copy_id = 0;

  if (selected == NULL)
    return;
  save_or_toast (self);
  if (edited (self, topiary_map_edit_duplicate (self->project, topiary_article_get_id (selected), &copy_id, &error),
              error, 0))
    topiary_window_open_article (self->window, copy_id);
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
  /* An edit like any other: Ctrl+Z in the map takes it back. */
  if (!edited (self, topiary_map_edit_add_article (self->project, article, &error), error, 0))
    return;
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
  dialog = topiary_message_dialog_new (parent_window (self), _("Create This Article?"), NULL);
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

/* ---- delete, and the trash ---- */

static void
show_undo_toast (TopiaryMapActions *self,
                 const char        *message)
{
  AdwToast *t = topiary_toast_new (message);

  /* Earlier toasts are left to time out: dismissing one from code while
   * it animates crashes libadwaita 1.2. Undo undoes this delete while it
   * is still the newest edit (see map_undo_delete). */
  self->toast_serial = topiary_undo_stack_get_undo_serial (self->undo);
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
  g_autofree char *message = NULL;

  save_or_toast (self);
  if (topiary_window_get_article_id (self->window) == article_id)
    {
      topiary_window_show_map (self->window, 0);
      topiary_sidebar_select_map (self->sidebar);
    }

  article = topiary_project_get_article (self->project, article_id, FALSE, &error);
  if (article == NULL ||
      !edited (self, topiary_map_edit_delete_article (self->project, article_id, &error), error, 0))
    {
      if (article == NULL)
        toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” deleted"), topiary_article_get_title (article));
  show_undo_toast (self, message);
}

static void
delete_group (TopiaryMapActions *self,
              gint64             group_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, group_id, &error);
  g_autofree char *message = NULL;

  if (group == NULL)
    {
      toast (self, error->message);
      return;
    }
  save_or_toast (self);
  if (!edited (self, topiary_map_edit_delete_group (self->project, group_id, &error), error, 0))
    return;
  message = g_strdup_printf (_("Group “%s” deleted"), topiary_group_get_title (group));
  show_undo_toast (self, message);
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

gboolean
topiary_map_actions_restore (TopiaryMapActions  *self,
                             gint64              revision_id,
                             GError            **error)
{
  TopiaryEdit *edit;
  gint64 id = 0;

  g_return_val_if_fail (TOPIARY_IS_MAP_ACTIONS (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  edit = topiary_map_edit_restore (self->project, revision_id, &id, error);
  if (edit == NULL)
    return FALSE;
  topiary_undo_stack_push (self->undo, edit);
  topiary_sidebar_refresh (self->sidebar);
  topiary_sidebar_select_shown (self->sidebar);
  topiary_map_actions_update (self);
  return TRUE;
}

static void
map_show_trash (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  TopiaryMapActions *self = user_data;

  if (self->project == NULL)
    return;
  gtk_window_present (GTK_WINDOW (topiary_trash_dialog_new (GTK_WINDOW (self->window), self)));
}

/* ---- life cycle ---- */

/* The delete toast's Undo. While the delete it announced is the newest
 * edit, it is undone, as Ctrl+Z would; after other edits, undoing the
 * newest one would undo something the toast never named, so Deleted
 * Articles opens instead, where the article can be restored. */
static void
map_undo_delete (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  TopiaryMapActions *self = user_data;

  if (self->undo == NULL)
    return;
  if (self->toast_serial != 0 &&
      topiary_undo_stack_get_undo_serial (self->undo) == self->toast_serial)
    undo_or_redo (self, FALSE);
  else
    map_show_trash (action, param, user_data);
}

static const GActionEntry entries[] = {
  { .name = "new-article", .activate = map_new_article },
  { .name = "new-group", .activate = map_new_group },
  { .name = "rename", .activate = map_rename },
  { .name = "duplicate", .activate = map_duplicate },
  { .name = "delete", .activate = map_delete },
  { .name = "undo-delete", .activate = map_undo_delete },
  { .name = "undo", .activate = map_undo },
  { .name = "redo", .activate = map_redo },
  { .name = "show-trash", .activate = map_show_trash },
  { .name = "move-up", .activate = map_move },
  { .name = "move-down", .activate = map_move },
  { .name = "move-to-ideas", .activate = map_move },
  { .name = "indent", .activate = map_move },
  { .name = "outdent", .activate = map_move },
};

void
topiary_map_actions_add_undo_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "map.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "map.redo", NULL);
}

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
  on_undo_changed (self);
}

static void
topiary_map_actions_dispose (GObject *object)
{
  TopiaryMapActions *self = TOPIARY_MAP_ACTIONS (object);

  if (self->sidebar != NULL)
    g_clear_signal_handler (&self->drop_id, self->sidebar);
  g_clear_object (&self->sidebar);
  g_clear_object (&self->project);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_object (&self->undo);
  g_clear_object (&self->menu);
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
  self->menu = g_menu_new ();
}

TopiaryMapActions *
topiary_map_actions_new (TopiaryWindow *window)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (window), NULL);
  return g_object_new (TOPIARY_TYPE_MAP_ACTIONS, "window", window, NULL);
}
