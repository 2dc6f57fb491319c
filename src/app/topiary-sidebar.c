/* topiary-sidebar.c — the map tree and the search results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-debounce.h"
#include "topiary-map-actions.h"
#include "topiary-map-row.h"
#include "topiary-sidebar.h"
#include "topiary-tree-keys.h"

#define REFRESH_DELAY_MS 60
#define SEARCH_LIMIT 50

struct _TopiarySidebar
{
  GtkWidget           parent_instance;

  AdwHeaderBar       *header_bar;
  GtkMenuButton      *main_menu_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkListBox         *results;
  GtkPopoverMenu     *context_menu;

  TopiaryProject     *project;
  TopiaryMapTree     *tree;
  GtkSingleSelection *selection;
  TopiaryDebounce    *refresh;
  char               *selected_key;
  char               *shown_key;      /* the row of what the window shows */
  guint               context_idle;   /* the menu closed: back to shown_key */
  gboolean            in_context;     /* the selection is the menu's row */
  char               *searched;       /* the words the results are for */
  guint               block_select;
};

G_DEFINE_FINAL_TYPE (TopiarySidebar, topiary_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_END_TITLE_BUTTONS,
  PROP_MAIN_MENU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_NODE_SELECTED,
  SIGNAL_ARTICLE_ACTIVATED,
  SIGNAL_DROP_ARTICLE,
  SIGNAL_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

TopiaryMapTree *
topiary_sidebar_get_tree (TopiarySidebar *self)
{
  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), NULL);
  return self->tree;
}

GtkListView *
topiary_sidebar_get_list_view (TopiarySidebar *self)
{
  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), NULL);
  return self->list_view;
}

TopiaryMapNode *
topiary_sidebar_get_selected_node (TopiarySidebar *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), NULL);

  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  return TOPIARY_MAP_NODE (gtk_tree_list_row_get_item (row));
}

/* Selects the row at @position for what the window shows now (it does
 * not open it again) and scrolls to it. */
static void
select_position (TopiarySidebar *self,
                 guint           position)
{
  g_autoptr(TopiaryMapNode) node = NULL;

  self->block_select++;
  gtk_single_selection_set_selected (self->selection, position);
  self->block_select--;
  node = topiary_sidebar_get_selected_node (self);
  g_free (self->shown_key);
  self->shown_key = node != NULL ? g_strdup (topiary_map_node_get_key (node)) : NULL;
  self->in_context = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* The position of the visible row with @key, or GTK_INVALID_LIST_POSITION. */
static guint
find_key (TopiarySidebar *self,
          const char     *key)
{
  GListModel *model = G_LIST_MODEL (topiary_map_tree_get_model (self->tree));

  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (topiary_map_node_get_key (node), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
topiary_sidebar_select_article (TopiarySidebar *self,
                                gint64          article_id)
{
  guint position;

  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), FALSE);

  if (self->tree == NULL)
    return FALSE;
  position = topiary_map_tree_reveal_article (self->tree, article_id);
  if (position == G_MAXUINT)
    return FALSE;
  select_position (self, position);
  return TRUE;
}

void
topiary_sidebar_select_map (TopiarySidebar *self)
{
  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));
  if (self->selection != NULL)
    select_position (self, 0);
}

void
topiary_sidebar_select_shown (TopiarySidebar *self)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));

  if (self->selection == NULL)
    return;
  key = g_strdup (self->shown_key);
  if (key != NULL && (key[0] == 'a' || key[0] == 'p') &&
      topiary_sidebar_select_article (self, g_ascii_strtoll (key + 2, NULL, 10)))
    return;
  select_position (self, find_key (self, key));
}

GArray *
topiary_sidebar_dup_expanded_groups (TopiarySidebar *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkTreeListModel *model;

  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), ids);

  if (self->tree == NULL)
    return ids;
  model = topiary_map_tree_get_model (self->tree);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && gtk_tree_list_row_get_expanded (row))
        {
          gint64 id = topiary_map_node_get_id (node);
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

void
topiary_sidebar_expand_groups (TopiarySidebar *self,
                               GArray         *ids)
{
  GtkTreeListModel *model;

  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));
  g_return_if_fail (ids != NULL);

  if (self->tree == NULL)
    return;
  model = topiary_map_tree_get_model (self->tree);
  /* Groups sit at one level: opening one adds rows below it only. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_GROUP)
        continue;
      for (guint k = 0; k < ids->len; k++)
        if (g_array_index (ids, gint64, k) == topiary_map_node_get_id (node))
          gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
on_selection_changed (TopiarySidebar *self)
{
  g_autoptr(TopiaryMapNode) node = topiary_sidebar_get_selected_node (self);

  if (node != NULL)
    {
      g_free (self->selected_key);
      self->selected_key = g_strdup (topiary_map_node_get_key (node));
    }
  if (self->block_select == 0)
    {
      /* The user chose the row: the window shows it now. */
      self->in_context = FALSE;
      g_free (self->shown_key);
      self->shown_key = node != NULL ? g_strdup (topiary_map_node_get_key (node)) : NULL;
      g_signal_emit (self, signals[SIGNAL_NODE_SELECTED], 0, node);
    }
}

void
topiary_sidebar_refresh (TopiarySidebar *self)
{
  g_autofree char *key = NULL;
  g_autoptr(TopiaryMapNode) node = NULL;

  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));

  topiary_debounce_cancel (self->refresh);
  if (self->tree == NULL)
    return;

  key = g_strdup (self->selected_key);
  self->block_select++;
  {
    gint64 start = g_get_monotonic_time ();

    topiary_map_tree_refresh (self->tree);
    if (g_strcmp0 (g_getenv ("TOPIARY_BENCH"), "1") == 0)
      g_print ("TOPIARY_BENCH tree-refresh ms=%.2f\n", (g_get_monotonic_time () - start) / 1000.0);
  }
  self->block_select--;

  /* A moved row is a new row: select it again where it went. */
  node = topiary_sidebar_get_selected_node (self);
  if (node == NULL && self->in_context)
    topiary_sidebar_select_shown (self);
  else if (node == NULL && key != NULL && (key[0] == 'a' || key[0] == 'p'))
    {
      gboolean context = self->in_context;

      topiary_sidebar_select_article (self, g_ascii_strtoll (key + 2, NULL, 10));
      self->in_context = context;
    }
  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
}

static gboolean
refresh_cb (gpointer user_data)
{
  topiary_sidebar_refresh (user_data);
  return G_SOURCE_REMOVE;
}

void
topiary_sidebar_queue_refresh (TopiarySidebar *self)
{
  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));
  if (self->tree != NULL)
    topiary_debounce_arm (self->refresh);
}

static void
on_drop_article (TopiaryMapRow  *row,
                 gint64          article_id,
                 TopiaryMapNode *target,
                 gboolean        before,
                 TopiarySidebar *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SIGNAL_DROP_ARTICLE], 0, article_id, target, before, &handled);
}

static void
on_row_context_menu (TopiaryMapRow  *row,
                     double          x,
                     double          y,
                     TopiarySidebar *self)
{
  GtkTreeListRow *list_row = topiary_map_row_get_list_row (row);
  graphene_point_t point;

  if (list_row == NULL)
    return;
  /* The menu's actions act on the selected row, so the row is selected
   * while the menu shows, but not opened: what is open stays open, and
   * its row is selected again when the menu closes. */
  self->block_select++;
  gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (list_row));
  self->block_select--;
  self->in_context = TRUE;
  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
  if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static gboolean
context_closed_idle (gpointer data)
{
  TopiarySidebar *self = data;

  self->context_idle = 0;
  /* An item's action ran before this (it may have selected something
   * else, which ends the menu's hold on the selection). */
  if (self->in_context)
    {
      self->in_context = FALSE;
      topiary_sidebar_select_shown (self);
      g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
on_context_menu_closed (TopiarySidebar *self)
{
  /* The menu closes before its item's action runs: act after it. */
  if (self->context_idle == 0)
    self->context_idle = g_idle_add (context_closed_idle, self);
}

static void
factory_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TopiarySidebar           *self)
{
  GtkWidget *row = topiary_map_row_new ();

  g_signal_connect_object (row, "drop-article", G_CALLBACK (on_drop_article), self, 0);
  g_signal_connect_object (row, "context-menu", G_CALLBACK (on_row_context_menu), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
factory_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TopiarySidebar           *self)
{
  topiary_map_row_set_list_row (TOPIARY_MAP_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
factory_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TopiarySidebar           *self)
{
  topiary_map_row_set_list_row (TOPIARY_MAP_ROW (gtk_list_item_get_child (item)), NULL);
}

void
topiary_sidebar_set_project (TopiarySidebar *self,
                             TopiaryProject *project)
{
  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));
  g_return_if_fail (!project || TOPIARY_IS_PROJECT (project));

  if (self->project == project)
    return;

  g_set_object (&self->project, project);
  topiary_debounce_cancel (self->refresh);
  g_clear_pointer (&self->selected_key, g_free);
  g_clear_pointer (&self->shown_key, g_free);
  self->in_context = FALSE;
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);

  if (project == NULL)
    return;

  self->tree = topiary_map_tree_new (project);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (topiary_map_tree_get_model (self->tree))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  {
    g_autoptr(GtkTreeListRow) root = gtk_tree_list_model_get_row (topiary_map_tree_get_model (self->tree), 0);
    if (root != NULL)
      gtk_tree_list_row_set_expanded (root, TRUE);
  }
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
on_tree_activate (gint64   article_id,
                  gpointer data)
{
  g_signal_emit (data, signals[SIGNAL_ARTICLE_ACTIVATED], 0, article_id);
}

/* ---- search ---- */

static char *
snippet_markup (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; *p; )
    {
      const char *next = p;

      while (*next && *next != '\x02' && *next != '\x03')
        next++;
      if (next > p)
        {
          g_autofree char *escaped = g_markup_escape_text (p, next - p);
          g_string_append (out, escaped);
        }
      if (*next == '\x02')
        g_string_append (out, "<b>");
      else if (*next == '\x03')
        g_string_append (out, "</b>");
      p = *next ? next + 1 : next;
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
create_result_row (TopiarySidebar   *self,
                   TopiarySearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (hit->title);
  GtkWidget *snippet = gtk_label_new (NULL);
  g_autofree char *markup = snippet_markup (hit->snippet ? hit->snippet : "");
  g_autofree char *place_text = topiary_map_tree_dup_place (self->tree, hit->article_id);
  GtkWidget *place = gtk_label_new (place_text);
  g_autofree char *name = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "dim-label");
  gtk_widget_add_css_class (snippet, "caption");
  gtk_label_set_xalign (GTK_LABEL (place), 0);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (place, "caption-heading");
  gtk_widget_add_css_class (place, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), place);
  gtk_box_append (GTK_BOX (box), snippet);
  /* TRANSLATORS: how a screen reader reads a search result: "Title, Group · Status" */
  name = g_strdup_printf (_("%s, %s"), hit->title, place_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "article-id", g_memdup2 (&hit->article_id, sizeof hit->article_id), g_free);
  return row;
}

static void
clear_results (TopiarySidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static void
on_search_changed (TopiarySidebar *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  clear_results (self);
  g_free (self->searched);
  self->searched = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (self->project == NULL || *text == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "tree");
      return;
    }

  hits = topiary_project_search (self->project, text, SEARCH_LIMIT, &error);
  if (hits == NULL || hits->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results, create_result_row (self, g_ptr_array_index (hits, i)));
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* Down from the entry goes to the results; Up from the first result
 * comes back to the entry. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               TopiarySidebar        *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return FALSE;
  /* Typed faster than the entry's delay: search now. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    on_search_changed (self);
  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (first == NULL)
    return FALSE;
  gtk_list_box_select_row (self->results, first);
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static gboolean
on_results_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TopiarySidebar        *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up) || focus == NULL ||
      focus != GTK_WIDGET (gtk_list_box_get_row_at_index (self->results, 0)))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Enter opens the best match. */
static void
on_search_activate (TopiarySidebar *self)
{
  on_search_changed (self);
  topiary_sidebar_activate_result (self, 0);
}

static void
on_search_mode_changed (TopiarySidebar *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->stack, "tree");
    }
}

static void
on_result_activated (GtkListBox     *box,
                     GtkListBoxRow  *row,
                     TopiarySidebar *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "article-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_ARTICLE_ACTIVATED], 0, *id);
}

void
topiary_sidebar_begin_search (TopiarySidebar *self,
                              const char     *text)
{
  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (text != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      /* Run now rather than after the entry's own delay. */
      on_search_changed (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
topiary_sidebar_get_n_results (TopiarySidebar *self)
{
  guint n = 0;

  g_return_val_if_fail (TOPIARY_IS_SIDEBAR (self), 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") != 0)
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

void
topiary_sidebar_activate_result (TopiarySidebar *self,
                                 guint           index)
{
  GtkListBoxRow *row;

  g_return_if_fail (TOPIARY_IS_SIDEBAR (self));

  row = gtk_list_box_get_row_at_index (self->results, index);
  if (row != NULL)
    on_result_activated (self->results, row, self);
}

static void
topiary_sidebar_dispose (GObject *object)
{
  TopiarySidebar *self = TOPIARY_SIDEBAR (object);

  topiary_sidebar_set_project (self, NULL);
  g_clear_pointer (&self->refresh, topiary_debounce_free);
  g_clear_pointer (&self->selected_key, g_free);
  g_clear_pointer (&self->shown_key, g_free);
  g_clear_handle_id (&self->context_idle, g_source_remove);
  g_clear_pointer (&self->searched, g_free);
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_SIDEBAR);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_sidebar_parent_class)->dispose (object);
}

static void
topiary_sidebar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TopiarySidebar *self = TOPIARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_END_TITLE_BUTTONS:
      g_value_set_boolean (value, adw_header_bar_get_show_end_title_buttons (self->header_bar));
      break;
    case PROP_MAIN_MENU:
      g_value_set_object (value, gtk_menu_button_get_menu_model (self->main_menu_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_sidebar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TopiarySidebar *self = TOPIARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_END_TITLE_BUTTONS:
      adw_header_bar_set_show_end_title_buttons (self->header_bar, g_value_get_boolean (value));
      break;
    case PROP_MAIN_MENU:
      gtk_menu_button_set_menu_model (self->main_menu_button, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_sidebar_class_init (TopiarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_sidebar_dispose;
  object_class->get_property = topiary_sidebar_get_property;
  object_class->set_property = topiary_sidebar_set_property;

  /* On when the sidebar is the only page shown (folded leaflet). */
  properties[PROP_SHOW_END_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-end-title-buttons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The window's main menu, shown with the end title buttons. */
  properties[PROP_MAIN_MENU] =
    g_param_spec_object ("main-menu", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_NODE_SELECTED] =
    g_signal_new ("node-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TOPIARY_TYPE_MAP_NODE);
  signals[SIGNAL_ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The rows were re-read, or the row the map's actions act on changed:
   * what is selected may have changed kind or place. */
  signals[SIGNAL_REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DROP_ARTICLE] =
    g_signal_new ("drop-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_INT64, TOPIARY_TYPE_MAP_NODE, G_TYPE_BOOLEAN);

  /* The window binds them too, for the focus elsewhere; here they come
   * before GtkWindow's own (Ctrl+Shift+D would open the inspector). */
  topiary_map_actions_add_shortcuts (widget_class);
  /* Only here: in the editor they undo the text. */
  topiary_map_actions_add_undo_shortcuts (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, results);
  gtk_widget_class_bind_template_child (widget_class, TopiarySidebar, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_sidebar_init (TopiarySidebar *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->refresh = topiary_debounce_new (REFRESH_DELAY_MS, refresh_cb, self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  topiary_tree_keys_attach (self->list_view, on_tree_activate, self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the entry's text, which would take Down as a cursor move. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
    keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_results_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->results), keys);
  }

  /* The menu points at rows but belongs to the sidebar: rows get recycled. */
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
  g_signal_connect_object (self->context_menu, "closed", G_CALLBACK (on_context_menu_closed),
                           self, G_CONNECT_SWAPPED);
}
