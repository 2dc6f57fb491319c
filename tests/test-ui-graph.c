/* test-ui-graph.c — the map as a graph: a click or Enter on a node opens
 * its article, a click on a missing link inserts it (issue 15)
 *
 * The clicks are real (xdotool, through the X server) at the place the
 * canvas draws the node or the edge, computed from core's layout.
 * With TOPIARY_UI_SHOTS=DIR, saves graph.png there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-editor.h"
#include "topiary-graph-view.h"

static TopiaryGraphView *
graph_view (void)
{
  GtkWidget *view = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_GRAPH_VIEW, 0);

  g_assert_nonnull (view);
  return TOPIARY_GRAPH_VIEW (view);
}

static gboolean
graph_shown (gpointer data)
{
  TopiaryGraphView *view = graph_view ();
  TopiaryGraphCanvas *canvas = topiary_graph_view_get_canvas (view);

  return gtk_widget_get_mapped (GTK_WIDGET (canvas)) && !topiary_graph_view_is_building (view) &&
         topiary_graph_canvas_get_graph (canvas) != NULL && gtk_widget_get_width (GTK_WIDGET (canvas)) > 0;
}

/* Shows the graph as the user does (Ctrl+Alt+G) and waits for it. */
static TopiaryGraphCanvas *
show_graph (void)
{
  gboolean shown = FALSE;

  ui_press ("ctrl+alt+g");
  g_object_get (window, "show-graph", &shown, NULL);
  g_assert_true (shown);
  g_assert_true (wait_for (graph_shown, NULL, 30000));
  spin (200);
  return topiary_graph_view_get_canvas (graph_view ());
}

/* The first node of @kind. */
static int
first_node (TopiaryGraph         *graph,
            TopiaryGraphNodeKind  kind)
{
  for (guint i = 0; i < topiary_graph_get_n_nodes (graph); i++)
    if (topiary_graph_get_node (graph, i)->kind == kind)
      return i;
  return -1;
}

static void
assert_editing (gint64 article_id)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gboolean shown = TRUE;

  g_assert_cmpint (topiary_window_get_article_id (window), ==, article_id);
  g_object_get (window, "show-graph", &shown, NULL);
  g_assert_false (shown);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view)));
}

static void
test_click_opens (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryGraphCanvas *canvas;
  TopiaryGraph *graph;
  const TopiaryGraphNode *node;
  double x, y;
  int index;

  if (!ui_can_press ())
    {
      g_test_skip ("No xdotool or no X display");
      return;
    }
  canvas = show_graph ();
  graph = topiary_graph_canvas_get_graph (canvas);
  g_assert_cmpint (topiary_graph_get_level (graph), ==, TOPIARY_GRAPH_ARTICLES);
  shot ("graph.png");

  index = first_node (graph, TOPIARY_GRAPH_NODE_CLUSTER);
  g_assert_cmpint (index, >=, 0);
  node = topiary_graph_get_node (graph, index);
  topiary_graph_canvas_node_point (canvas, index, &x, &y);
  /* The click lands on this node, not on one drawn over it. */
  g_assert_cmpint (topiary_graph_canvas_node_at (canvas, x, y), ==, index);
  ui_click (GTK_WIDGET (canvas), x, y);
  spin (300);

  assert_editing (node->article_id);
}

static void
test_keyboard (UiFixture     *f,
               gconstpointer  data)
{
  TopiaryGraphCanvas *canvas;
  TopiaryGraph *graph;
  g_autofree char *said = NULL;
  g_autofree char *diff = NULL;
  gint64 article_id;
  int focus;

  if (!ui_can_press ())
    {
      g_test_skip ("No xdotool or no X display");
      return;
    }
  canvas = show_graph ();
  graph = topiary_graph_canvas_get_graph (canvas);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));
  focus = topiary_graph_canvas_get_focus_node (canvas);

  ui_press ("Tab");
  g_assert_cmpint (topiary_graph_canvas_get_focus_node (canvas), ==, focus + 1);
  ui_press ("Right");
  focus = topiary_graph_canvas_get_focus_node (canvas);
  g_assert_cmpint (focus, >=, 0);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));
  /* A screen reader hears the node the focus is on. */
  said = topiary_graph_canvas_describe_node (canvas, focus);
  g_assert_nonnull (strstr (said, topiary_graph_get_node (graph, focus)->label));
  diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, said);
  g_assert_null (diff);

  article_id = topiary_graph_get_node (graph, focus)->article_id;
  ui_press ("Return");
  spin (300);
  assert_editing (article_id);
}

/* A cluster whose text lacks the link to its pillar (the pillar's text
 * links to the cluster, so that line has a link drawn the other way too):
 * clicking the dashed edge puts [[pillar]] into the cluster's text, which
 * one Ctrl+Z takes out again. */
static void
test_missing_inserts (UiFixture     *f,
                      gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 group = nth_group_id (project, 0);
  g_autoptr(TopiaryArticle) pillar = find_article (project, group, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, group, TOPIARY_KIND_CLUSTER, 0);
  const char *cluster_text = "# Cluster\n\nA paragraph that links to nothing.\n";
  g_autofree char *pillar_text = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryGraphCanvas *canvas;
  TopiaryGraph *graph;
  GtkTextBuffer *buffer;
  int from, to, edge = -1;
  double x, y;

  if (!ui_can_press ())
    {
      g_test_skip ("No xdotool or no X display");
      return;
    }
  pillar_text = g_strdup_printf ("# Pillar\n\nRead [[%s]] first.\n", topiary_article_get_title (cluster));
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (pillar), pillar_text, &error));
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (cluster), cluster_text, &error));
  g_assert_no_error (error);

  canvas = show_graph ();
  graph = topiary_graph_canvas_get_graph (canvas);
  from = topiary_graph_find_article (graph, topiary_article_get_id (cluster));
  to = topiary_graph_find_article (graph, topiary_article_get_id (pillar));
  g_assert_cmpint (from, >=, 0);
  g_assert_cmpint (to, >=, 0);
  for (guint i = 0; i < topiary_graph_get_n_edges (graph); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (graph, i);

      if (e->from == (guint) from && e->to == (guint) to)
        {
          g_assert_cmpint (e->kind, ==, TOPIARY_GRAPH_EDGE_MISSING);
          edge = i;
        }
    }
  g_assert_cmpint (edge, >=, 0);

  topiary_graph_canvas_edge_point (canvas, edge, &x, &y);
  /* The click lands on this edge, not on a node. */
  g_assert_cmpint (topiary_graph_canvas_node_at (canvas, x, y), ==, -1);
  g_assert_cmpint (topiary_graph_canvas_missing_edge_at (canvas, x, y), ==, edge);
  ui_click (GTK_WIDGET (canvas), x, y);
  spin (300);

  assert_editing (topiary_article_get_id (cluster));
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  g_object_get (buffer, "text", &text, NULL);
  wanted = g_strdup_printf ("[[%s]]", topiary_article_get_title (pillar));
  g_assert_nonnull (strstr (text, wanted));
  g_assert_true (g_str_has_prefix (text, "# Cluster\n\nA paragraph that links to nothing."));
  g_clear_pointer (&text, g_free);

  ui_press ("ctrl+z");
  g_object_get (buffer, "text", &text, NULL);
  g_assert_cmpstr (text, ==, cluster_text);
}

/* At the group level (a map of over 1,500 articles opens there), a click
 * on a group shows the articles, zoomed onto that group's, the focus on
 * its pillar. */
static void
test_group_opens (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryGraphView *view = graph_view ();
  TopiaryGraphCanvas *canvas;
  TopiaryGraph *graph;
  g_autofree char *level = NULL;
  const TopiaryGraphNode *node;
  gint64 group;
  double x, y;
  int index;

  if (!ui_can_press ())
    {
      g_test_skip ("No xdotool or no X display");
      return;
    }
  canvas = show_graph ();
  g_object_set (view, "level", "groups", NULL);
  g_assert_true (wait_for (graph_shown, NULL, 30000));
  graph = topiary_graph_canvas_get_graph (canvas);
  g_assert_cmpint (topiary_graph_get_level (graph), ==, TOPIARY_GRAPH_GROUPS);
  /* Not the first group: the focus would land on its pillar anyway. */
  index = first_node (graph, TOPIARY_GRAPH_NODE_GROUP);
  g_assert_cmpint (index, >=, 0);
  while (++index < (int) topiary_graph_get_n_nodes (graph) &&
         topiary_graph_get_node (graph, index)->kind != TOPIARY_GRAPH_NODE_GROUP)
    ;
  g_assert_cmpint (index, <, topiary_graph_get_n_nodes (graph));
  group = topiary_graph_get_node (graph, index)->group_id;
  topiary_graph_canvas_node_point (canvas, index, &x, &y);
  g_assert_cmpint (topiary_graph_canvas_node_at (canvas, x, y), ==, index);
  ui_click (GTK_WIDGET (canvas), x, y);
  g_assert_true (wait_for (graph_shown, NULL, 30000));
  spin (200);

  graph = topiary_graph_canvas_get_graph (canvas);
  g_assert_cmpint (topiary_graph_get_level (graph), ==, TOPIARY_GRAPH_ARTICLES);
  g_object_get (view, "level", &level, NULL);
  g_assert_cmpstr (level, ==, "articles");
  index = topiary_graph_canvas_get_focus_node (canvas);
  g_assert_cmpint (index, >=, 0);
  node = topiary_graph_get_node (graph, index);
  g_assert_cmpint (node->kind, ==, TOPIARY_GRAPH_NODE_PILLAR);
  g_assert_cmpint (node->group_id, ==, group);
  /* The pillar is in view. */
  topiary_graph_canvas_node_point (canvas, index, &x, &y);
  g_assert_true (x >= 0 && x < gtk_widget_get_width (GTK_WIDGET (canvas)));
  g_assert_true (y >= 0 && y < gtk_widget_get_height (GTK_WIDGET (canvas)));
}

/* The graph's controls are named for screen readers, the canvas is an
 * image named after the map, and describes how to move in it. */
static void
test_named (UiFixture     *f,
            gconstpointer  data)
{
  TopiaryGraphView *view = graph_view ();
  TopiaryGraphCanvas *canvas;
  guint buttons = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-graph", NULL);
  g_assert_true (wait_for (graph_shown, NULL, 30000));
  canvas = topiary_graph_view_get_canvas (view);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  /* The header's toggle says it is on. */
  {
    GtkWidget *toggle = NULL;
    g_autofree char *diff = NULL;

    for (guint i = 0; toggle == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, i);

        g_assert_nonnull (w);
        if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.show-graph") == 0)
          toggle = w;
      }
    g_assert_true (gtk_widget_get_mapped (toggle));
    diff = gtk_test_accessible_check_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_PRESSED,
                                            GTK_ACCESSIBLE_TRISTATE_TRUE);
    g_assert_null (diff);
  }
  for (GtkWidget *button; (button = find_widget_of_type (GTK_WIDGET (view), GTK_TYPE_BUTTON, buttons)) != NULL;
       buttons++)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (button));

      if (label == NULL || *label == '\0')
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  /* Articles, Groups, zoom out, fit, zoom in. */
  g_assert_cmpuint (buttons, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  /* The canvas's accessible label is read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-graph"))
    return 77;
  ui_test_add_sample ("/ui/graph/click-opens", test_click_opens);
  ui_test_add_sample ("/ui/graph/keyboard", test_keyboard);
  ui_test_add_sample ("/ui/graph/missing-inserts", test_missing_inserts);
  ui_test_add_sample ("/ui/graph/group-opens", test_group_opens);
  ui_test_add_sample ("/ui/graph/named", test_named);
  return ui_test_run ();
}
