/* topiary-tree-keys.c — the map tree driven from the keyboard
 *
 * GTK 4.8's GtkListView moves between rows with the arrows, Home, End
 * and the page keys, but knows nothing of a tree: this adds what a file
 * manager's or GtkTreeView's tree does. Right (+) opens the focused row
 * or goes to its first child, Left (−) closes it or goes to its parent,
 * * opens it and everything under it, Enter activates it, Tab leaves the
 * tree instead of walking every row, and typing a title's first letters
 * finds the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-node.h"
#include "topiary-map-row.h"
#include "topiary-tree-keys.h"

/* Typed letters are one search while they come this close together. */
#define TYPEAHEAD_TIMEOUT_US (1000 * 1000)

typedef struct {
  GtkListView          *view;
  TopiaryTreeActivate   activate;
  gpointer              data;
  GString              *typed;
  gint64                typed_at;
} TreeKeys;

static void
tree_keys_free (gpointer data)
{
  TreeKeys *keys = data;

  g_string_free (keys->typed, TRUE);
  g_free (keys);
}

static GtkSingleSelection *
selection_of (TreeKeys *keys)
{
  GtkSelectionModel *model = gtk_list_view_get_model (keys->view);

  return GTK_IS_SINGLE_SELECTION (model) ? GTK_SINGLE_SELECTION (model) : NULL;
}

static GtkTreeListRow *
focused_row (TreeKeys *keys)
{
  GtkSingleSelection *selection = selection_of (keys);
  gpointer item;

  if (selection == NULL)
    return NULL;
  item = gtk_single_selection_get_selected_item (selection);
  return GTK_IS_TREE_LIST_ROW (item) ? GTK_TREE_LIST_ROW (item) : NULL;
}

/* The widget GtkListView made for the row at @position, when it made one. */
static GtkWidget *
item_widget_at (TreeKeys *keys,
                guint     position)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (keys->view));
       item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *child = gtk_widget_get_first_child (item);
      GtkTreeListRow *row;

      if (!TOPIARY_IS_MAP_ROW (child) || !gtk_widget_get_visible (item))
        continue;
      row = topiary_map_row_get_list_row (TOPIARY_MAP_ROW (child));
      if (row != NULL && gtk_tree_list_row_get_position (row) == position)
        return item;
    }
  return NULL;
}

static gboolean
focus_later_cb (gpointer data)
{
  TreeKeys *keys = g_object_get_data (G_OBJECT (data), "topiary-tree-keys");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "topiary-tree-keys-pending"));
  GtkWidget *item;

  g_object_set_data (G_OBJECT (data), "topiary-tree-keys-pending", NULL);
  if (keys != NULL && position > 0 && (item = item_widget_at (keys, position - 1)) != NULL)
    gtk_widget_grab_focus (item);
  return G_SOURCE_REMOVE;
}

/* Selects the row at @position and moves the keyboard focus onto it, so
 * that the next arrow key goes on from there. GTK 4.8 has no call for
 * focusing an item: the focus follows the item widget that grabs it. */
static void
focus_position (TreeKeys *keys,
                guint     position)
{
  GtkSingleSelection *selection = selection_of (keys);
  GtkWidget *item;

  if (selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (selection)))
    return;
  gtk_single_selection_set_selected (selection, position);
  gtk_widget_activate_action (GTK_WIDGET (keys->view), "list.scroll-to-item", "u", position);
  item = item_widget_at (keys, position);
  if (item != NULL)
    gtk_widget_grab_focus (item);
  else
    {
      /* Scrolled far: the row's widget comes with the next layout. */
      g_object_set_data (G_OBJECT (keys->view), "topiary-tree-keys-pending", GUINT_TO_POINTER (position + 1));
      g_idle_add_full (G_PRIORITY_LOW, focus_later_cb, g_object_ref (keys->view), g_object_unref);
    }
}

static void
expand_all (GtkTreeListRow *row)
{
  GListModel *children;

  if (!gtk_tree_list_row_is_expandable (row))
    return;
  gtk_tree_list_row_set_expanded (row, TRUE);
  children = gtk_tree_list_row_get_children (row);
  if (children == NULL)
    return;
  /* The children are nodes: their rows come from the flattened model. */
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(GtkTreeListRow) child = gtk_tree_list_row_get_child_row (row, i);

      if (child != NULL)
        expand_all (child);
    }
}

/* Moves the focus out of the tree, to the next (or previous) control of
 * the window, as Tab does everywhere else. */
static void
leave_tree (TreeKeys         *keys,
            GtkDirectionType  direction)
{
  GtkWidget *view = GTK_WIDGET (keys->view);
  GtkRoot *root = gtk_widget_get_root (view);

  if (root == NULL)
    return;
  /* Refused by the tree, the window's focus chain moves past it. */
  gtk_widget_set_can_focus (view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);  /* wrapped around */
  gtk_widget_set_can_focus (view, TRUE);
}

static gboolean
typeahead (TreeKeys *keys,
           guint     keyval)
{
  gunichar ch = gdk_keyval_to_unicode (keyval);
  GtkSingleSelection *selection = selection_of (keys);
  gint64 now = g_get_monotonic_time ();
  guint n, start;
  g_autofree char *prefix = NULL;

  if (selection == NULL || ch == 0 || !g_unichar_isprint (ch) || (ch == ' ' && keys->typed->len == 0))
    return FALSE;
  if (now - keys->typed_at > TYPEAHEAD_TIMEOUT_US)
    g_string_truncate (keys->typed, 0);
  keys->typed_at = now;
  g_string_append_unichar (keys->typed, ch);
  prefix = g_utf8_casefold (keys->typed->str, -1);

  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  start = gtk_single_selection_get_selected (selection);
  /* A new search starts after the focused row; a longer one may stay on it. */
  if (start == GTK_INVALID_LIST_POSITION)
    start = 0;
  else if (g_utf8_strlen (keys->typed->str, -1) == 1)
    start++;
  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      TopiaryMapNode *node = TOPIARY_MAP_NODE (gtk_tree_list_row_get_item (row));
      g_autofree char *title = g_utf8_casefold (topiary_map_node_get_title (node), -1);

      g_object_unref (node);
      if (g_str_has_prefix (title, prefix))
        {
          focus_position (keys, i);
          return TRUE;
        }
    }
  /* No row starts so: the letters stay, the focus too. */
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TreeKeys              *keys)
{
  GtkTreeListRow *row;
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_SHIFT_MASK);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      leave_tree (keys, (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                        ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  row = focused_row (keys);
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      if (row == NULL || !gtk_tree_list_row_is_expandable (row))
        return row != NULL;
      if (!gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
        focus_position (keys, gtk_tree_list_row_get_position (row) + 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      if (row == NULL)
        return FALSE;
      if (gtk_tree_list_row_is_expandable (row) && gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
      else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
        {
          g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

          if (parent != NULL)
            focus_position (keys, gtk_tree_list_row_get_position (parent));
        }
      return TRUE;

    case GDK_KEY_asterisk:
    case GDK_KEY_KP_Multiply:
      if (row != NULL)
        expand_all (row);
      return row != NULL;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (row == NULL)
        return FALSE;
      {
        g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

        if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE)
          keys->activate (topiary_map_node_get_id (node), keys->data);
        else if (gtk_tree_list_row_is_expandable (row))
          gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
      }
      return TRUE;

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (keys->typed->len > 0 && g_get_monotonic_time () - keys->typed_at <= TYPEAHEAD_TIMEOUT_US)
        return typeahead (keys, keyval);
      /* The focused row is the selected one already: Space keeps it so. */
      return row != NULL;

    default:
      return typeahead (keys, keyval);
    }
}

void
topiary_tree_keys_attach (GtkListView         *view,
                          TopiaryTreeActivate  activate,
                          gpointer             data)
{
  GtkEventController *controller;
  TreeKeys *keys;

  g_return_if_fail (GTK_IS_LIST_VIEW (view));
  g_return_if_fail (activate != NULL);

  keys = g_new0 (TreeKeys, 1);
  keys->view = view;
  keys->activate = activate;
  keys->data = data;
  keys->typed = g_string_new (NULL);
  g_object_set_data_full (G_OBJECT (view), "topiary-tree-keys", keys, tree_keys_free);

  /* Before the rows' own bindings: the expander would take +, − and *. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), keys);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);
}
