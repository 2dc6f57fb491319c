/* topiary-map-row.c — the widget showing one TopiaryMapNode in the sidebar
 *
 * Rows are recycled by GtkListView: the controllers are set up once in
 * init and only the bindings change with the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-map-row.h"

struct _TopiaryMapRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkImage        *icon;
  GtkLabel        *title;
  GtkLabel        *subtitle;

  GtkTreeListRow  *list_row;
  TopiaryMapNode  *node;
  GBinding        *title_binding;
  GBinding        *subtitle_binding;
  GBinding        *icon_binding;
  gulong           title_handler;
  gulong           subtitle_handler;
  gulong           expanded_handler;
};

G_DEFINE_FINAL_TYPE (TopiaryMapRow, topiary_map_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DROP_ARTICLE,
  SIGNAL_CONTEXT_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
topiary_map_row_new (void)
{
  return g_object_new (TOPIARY_TYPE_MAP_ROW, NULL);
}

GtkTreeListRow *
topiary_map_row_get_list_row (TopiaryMapRow *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_ROW (self), NULL);
  return self->list_row;
}

TopiaryMapNode *
topiary_map_row_get_node (TopiaryMapRow *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_ROW (self), NULL);
  return self->node;
}

/* What a screen reader says for the row: "Title, pillar, Planned". */
static char *
accessible_label (TopiaryMapNode *node)
{
  const char *title = topiary_map_node_get_title (node);
  const char *subtitle = topiary_map_node_get_subtitle (node);

  switch (topiary_map_node_get_kind (node))
    {
    case TOPIARY_MAP_NODE_MAP:
      /* TRANSLATORS: how a screen reader reads the map's row in the tree */
      return g_strdup_printf (_("%s, map"), title);
    case TOPIARY_MAP_NODE_GROUP:
      /* TRANSLATORS: a group's row in the tree: its title, then "12 articles" */
      return g_strdup_printf (_("%s, group, %s"), title, subtitle);
    case TOPIARY_MAP_NODE_IDEAS:
      /* TRANSLATORS: the ideas folder's row in the tree: "Ideas, folder, 90 ideas" */
      return g_strdup_printf (_("%s, folder, %s"), title, subtitle);
    case TOPIARY_MAP_NODE_INTENT:
      /* TRANSLATORS: a search intent's row among the ideas: its name, then how many ideas */
      return g_strdup_printf (_("%s, intent, %s"), title, subtitle);
    case TOPIARY_MAP_NODE_ARTICLE:
    default:
      {
        TopiaryArticle *article = topiary_map_node_get_article (node);

        if (article != NULL && topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
          /* TRANSLATORS: a pillar article's row in the tree: its title, then its status */
          return g_strdup_printf (_("%s, pillar, %s"), title, subtitle);
        /* TRANSLATORS: a cluster article's row in the tree: its title, then its status */
        return g_strdup_printf (_("%s, cluster, %s"), title, subtitle);
      }
    }
}

/* GTK's own expander always says "Expand": it is the widget named
 * "expander" inside the GtkTreeExpander, there while the row can open. */
static GtkWidget *
find_expander_icon (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "expander"))
      return child;
  return NULL;
}

static void
update_accessible (TopiaryMapRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *icon = find_expander_icon (GTK_WIDGET (self->expander));
  g_autofree char *label = NULL;

  if (self->node == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (parent != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  label = accessible_label (self->node);
  if (self->list_row != NULL)
    {
      /* Where the row is among its siblings, and how deep: "3 of 6". */
      g_autoptr(GtkTreeListRow) parent_row = gtk_tree_list_row_get_parent (self->list_row);
      GListModel *siblings = parent_row != NULL ? gtk_tree_list_row_get_children (parent_row) : NULL;
      guint n = siblings != NULL ? g_list_model_get_n_items (siblings) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (siblings, i);

          if (item == (GObject *) self->node)
            {
              g_autofree char *bare = g_steal_pointer (&label);

              /* TRANSLATORS: a tree row's name, then its place among its siblings: "Routing, cluster, Planned, 3 of 6" */
              label = g_strdup_printf (_("%s, %u of %u"), bare, i + 1, n);
              break;
            }
        }
      if (parent != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                        (int) gtk_tree_list_row_get_depth (self->list_row) + 1, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The list item around the row is what takes the focus. */
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (icon != NULL && self->list_row != NULL)
    {
      gboolean expanded = gtk_tree_list_row_get_expanded (self->list_row);
      const char *title = topiary_map_node_get_title (self->node);
      g_autofree char *action = expanded ? g_strdup_printf (_("Collapse “%s”"), title)
                                         : g_strdup_printf (_("Expand “%s”"), title);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, action, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
    }
}

static void
clear_bindings (TopiaryMapRow *self)
{
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->subtitle_binding, g_binding_unbind);
  g_clear_pointer (&self->icon_binding, g_binding_unbind);
  if (self->node != NULL)
    {
      g_clear_signal_handler (&self->title_handler, self->node);
      g_clear_signal_handler (&self->subtitle_handler, self->node);
    }
  if (self->list_row != NULL)
    g_clear_signal_handler (&self->expanded_handler, self->list_row);
}

void
topiary_map_row_set_list_row (TopiaryMapRow  *self,
                              GtkTreeListRow *list_row)
{
  TopiaryMapNode *node;

  g_return_if_fail (TOPIARY_IS_MAP_ROW (self));

  clear_bindings (self);
  g_clear_object (&self->node);
  g_set_object (&self->list_row, list_row);
  gtk_tree_expander_set_list_row (self->expander, list_row);
  if (list_row == NULL)
    {
      update_accessible (self);
      return;
    }

  node = self->node = gtk_tree_list_row_get_item (list_row);
  self->title_binding = g_object_bind_property (node, "title", self->title, "label", G_BINDING_SYNC_CREATE);
  self->subtitle_binding = g_object_bind_property (node, "subtitle", self->subtitle, "label", G_BINDING_SYNC_CREATE);
  self->icon_binding = g_object_bind_property (node, "icon-name", self->icon, "icon-name", G_BINDING_SYNC_CREATE);
  self->title_handler = g_signal_connect_swapped (node, "notify::title", G_CALLBACK (update_accessible), self);
  self->subtitle_handler = g_signal_connect_swapped (node, "notify::subtitle", G_CALLBACK (update_accessible), self);
  /* After the expander's own handler, which makes its icon. */
  self->expanded_handler = g_signal_connect_swapped (list_row, "notify::expanded", G_CALLBACK (update_accessible), self);
  update_accessible (self);
}

/* The title as a tooltip, only when the row cuts it off. */
static gboolean
on_query_tooltip (TopiaryMapRow *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  if (self->node == NULL || !pango_layout_is_ellipsized (gtk_label_get_layout (self->title)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, topiary_map_node_get_title (self->node));
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 TopiaryMapRow *self)
{
  g_autoptr(TopiaryMapNode) node = NULL;
  g_autofree char *text = NULL;

  if (self->list_row == NULL)
    return NULL;
  node = gtk_tree_list_row_get_item (self->list_row);
  if (topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_ARTICLE)
    return NULL;
  text = g_strdup_printf (TOPIARY_DRAG_PREFIX "%" G_GINT64_FORMAT, topiary_map_node_get_id (node));
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               TopiaryMapRow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TopiaryMapRow *self)
{
  const char *text = g_value_get_string (value);
  g_autoptr(TopiaryMapNode) node = NULL;
  gint64 id;
  gboolean handled = FALSE;

  if (self->list_row == NULL || text == NULL || !g_str_has_prefix (text, TOPIARY_DRAG_PREFIX))
    return FALSE;
  id = g_ascii_strtoll (text + strlen (TOPIARY_DRAG_PREFIX), NULL, 10);
  if (id <= 0)
    return FALSE;
  node = gtk_tree_list_row_get_item (self->list_row);
  /* The upper half of the row drops before it, the lower half into/after. */
  g_signal_emit (self, signals[SIGNAL_DROP_ARTICLE], 0, id, node,
                 y < gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &handled);
  return handled;
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    TopiaryMapRow   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SIGNAL_CONTEXT_MENU], 0, x, y);
}

static void
topiary_map_row_dispose (GObject *object)
{
  TopiaryMapRow *self = TOPIARY_MAP_ROW (object);

  clear_bindings (self);
  g_clear_object (&self->node);
  g_clear_object (&self->list_row);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_MAP_ROW);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_map_row_parent_class)->dispose (object);
}

static void
topiary_map_row_class_init (TopiaryMapRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_map_row_dispose;

  /* (article id, target node, before) → handled */
  signals[SIGNAL_DROP_ARTICLE] =
    g_signal_new ("drop-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_INT64, TOPIARY_TYPE_MAP_NODE, G_TYPE_BOOLEAN);
  signals[SIGNAL_CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-map-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryMapRow, expander);
  gtk_widget_class_bind_template_child (widget_class, TopiaryMapRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TopiaryMapRow, title);
  gtk_widget_class_bind_template_child (widget_class, TopiaryMapRow, subtitle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_map_row_init (TopiaryMapRow *self)
{
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
