/* test-ui-map.c — the map in the sidebar driven through its widgets, under Xvfb: the tree, search, the audit, creating, moving, deleting and undoing
 *
 * Each case gets a fresh window (and, most of them, a fresh copy of the
 * sample map) from test-ui-util.h, so one failing case leaves the others
 * their own state. Without a display the program exits with 77, which
 * meson reports as skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-row.h"
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif
#include "test-ui-util.h"

/* ---- cases ---- */

static void
test_open_sample (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryProject *project;
  TopiaryMapTree *tree;
  GtkTreeListModel *model;
  TopiaryStats stats = { 0 };

  g_assert_null (topiary_window_get_project (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);

  project = topiary_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_true (g_str_has_prefix (topiary_project_get_path (project), tmp_home));
  topiary_project_get_stats (project, &stats, NULL);
  g_assert_cmpuint (stats.groups, ==, 7);
  g_assert_cmpuint (stats.pillars, ==, 7);

  /* The root is expanded: map, 7 groups and the ideas row. */
  tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  model = topiary_map_tree_get_model (tree);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1 + 7 + 1);

  /* Ideas are grouped by intent; the groups hold all 90 of them. */
  {
    g_autoptr(GtkTreeListRow) ideas = gtk_tree_list_model_get_row (model, 8);
    g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (ideas);
    GListModel *intents;
    guint total = 0;

    g_assert_cmpint (topiary_map_node_get_kind (node), ==, TOPIARY_MAP_NODE_IDEAS);
    gtk_tree_list_row_set_expanded (ideas, TRUE);
    intents = gtk_tree_list_row_get_children (ideas);
    g_assert_cmpuint (g_list_model_get_n_items (intents), >, 1);
    for (guint i = 0; i < g_list_model_get_n_items (intents); i++)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_row_get_child_row (ideas, i);
        g_autoptr(TopiaryMapNode) intent = gtk_tree_list_row_get_item (row);

        g_assert_cmpint (topiary_map_node_get_kind (intent), ==, TOPIARY_MAP_NODE_INTENT);
        gtk_tree_list_row_set_expanded (row, TRUE);
        total += g_list_model_get_n_items (gtk_tree_list_row_get_children (row));
        if (i > 0)
          gtk_tree_list_row_set_expanded (row, FALSE);
      }
    g_assert_cmpuint (total, ==, 90);
    shot ("ideas.png");
    gtk_tree_list_row_set_expanded (ideas, FALSE);
  }
}

static gboolean
find_finding_row (gpointer data)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, i);

      if (w == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.open-article") == 0)
        {
          *(GtkWidget **) data = w;
          return TRUE;
        }
    }
}

/* The overview's audit lists findings; one opens its article. */
static void
test_audit (UiFixture     *f,
            gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 6), TOPIARY_KIND_CLUSTER, 0);
  GtkWidget *check = find_button (GTK_WIDGET (window), "_Check");
  GtkWidget *row = NULL;

  /* A link that leads nowhere is a finding about its article. */
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (cluster),
                                            "See [[An article nobody wrote]].\n", NULL));
  g_assert_nonnull (check);
  g_signal_emit_by_name (check, "clicked");
  /* Shown once the first frames have laid the window out. */
  g_assert_true (wait_for (find_finding_row, &row, 10000));
  shot ("audit.png");
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))), ==,
                   topiary_article_get_id (cluster));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, topiary_article_get_id (cluster));
}

static void
test_move_follows (UiFixture     *f,
                   gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  gint64 from = nth_group_id (project, 1), to = nth_group_id (project, 2);
  g_autoptr(TopiaryArticle) pillar = find_article (project, from, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, from, TOPIARY_KIND_CLUSTER, 1);
  g_autoptr(GError) error = NULL;
  TopiaryMapNode *parent;
  gint64 ids[2];

  /* Before: the cluster sits under its pillar in the first group. */
  parent = parent_of_article (tree, topiary_article_get_id (cluster));
  g_assert_cmpint (topiary_map_node_get_kind (parent), ==, TOPIARY_MAP_NODE_ARTICLE);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_article_get_id (pillar));

  /* Moved through the project, as another window or an import would. */
  g_assert_true (topiary_project_move_article (project, topiary_article_get_id (cluster), 0, to, 0, &error));
  g_assert_no_error (error);
  ids[0] = topiary_article_get_id (cluster);
  ids[1] = to;
  g_assert_true (wait_for (tree_shows_parent, ids, 10000));

  /* And back under its pillar with the keyboard equivalent of a drag. */
  click_article (ids[0]);
  g_assert_true (topiary_project_move_article (project, ids[0], 0, from, 0, &error));
  topiary_sidebar_refresh (topiary_window_get_sidebar (window));
  click_article (ids[0]);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.indent", NULL);
  parent = parent_of_article (tree, ids[0]);
  g_assert_cmpint (topiary_map_node_get_kind (parent), ==, TOPIARY_MAP_NODE_ARTICLE);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_article_get_id (pillar));
}

/* Back to the map overview, as selecting the map row does. */
static void
show_overview_for_test (void)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window)));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), 0);
}

static void
test_search (UiFixture     *f,
             gconstpointer  data)
{
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GPtrArray) hits = NULL;

  hits = topiary_project_search (project, "sqlalchemy", 50, NULL);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >, 0);

  topiary_sidebar_begin_search (sidebar, "sqlalchemy");
  g_assert_cmpuint (topiary_sidebar_get_n_results (sidebar), ==, hits->len);
  shot ("search.png");
  topiary_sidebar_activate_result (sidebar, 0);
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==,
                   ((TopiarySearchHit *) g_ptr_array_index (hits, 0))->article_id);

  /* Enter in the search entry opens the best match. */
  {
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_ENTRY, 0);
    TopiarySearchHit *best = g_ptr_array_index (hits, 0);

    show_overview_for_test ();
    g_assert_cmpint (topiary_editor_get_article_id (editor), ==, 0);
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpint (topiary_editor_get_article_id (editor), ==, best->article_id);
  }

  topiary_sidebar_begin_search (sidebar, "zzzqqqxxx");
  g_assert_cmpuint (topiary_sidebar_get_n_results (sidebar), ==, 0);
}

static void
test_delete_undo (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) victim = find_article (project, nth_group_id (project, 3), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) back = NULL;
  gint64 id = topiary_article_get_id (victim);
  guint before = topiary_project_count_articles (project, NULL);

  click_article (id);

  /* Right-clicking a row selects it and opens the row menu. */
  {
    GtkWidget *row = NULL;
    GtkWidget *menu;

    for (guint i = 0; row == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_MAP_ROW, i);

        g_assert_nonnull (w);
        if (topiary_map_row_get_node (TOPIARY_MAP_ROW (w)) != NULL &&
            topiary_map_node_get_id (topiary_map_row_get_node (TOPIARY_MAP_ROW (w))) == id &&
            topiary_map_node_get_kind (topiary_map_row_get_node (TOPIARY_MAP_ROW (w))) == TOPIARY_MAP_NODE_ARTICLE)
          row = w;
      }
    g_signal_emit_by_name (row, "context-menu", 20.0, 10.0);
    /* The row menu is the sidebar's own child (rows get recycled). */
    for (menu = gtk_widget_get_first_child (GTK_WIDGET (topiary_window_get_sidebar (window)));
         menu != NULL && !GTK_IS_POPOVER_MENU (menu);
         menu = gtk_widget_get_next_sibling (menu))
      ;
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_visible (menu));
    shot ("context-menu.png");
    gtk_popover_popdown (GTK_POPOVER (menu));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  g_assert_null (topiary_project_get_article (project, id, FALSE, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
  back = topiary_project_get_article_by_slug (project, topiary_article_get_slug (victim), FALSE, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (topiary_article_get_title (back), ==, topiary_article_get_title (victim));
}

static void
test_create_rename_duplicate (UiFixture     *f,
                              gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  g_autoptr(TopiaryGroup) group = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autoptr(TopiaryArticle) renamed = NULL;
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  TopiaryMapNode *parent;
  guint before = topiary_project_count_articles (project, NULL);
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-group", NULL);
  answer_name_dialog ("Observability & Logging");
  group = group_by_title (project, "Observability & Logging");
  g_assert_nonnull (group);

  /* A new article goes where the selection is: into the new group. */
  topiary_sidebar_refresh (sidebar);
  {
    GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
    guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
        g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);
        if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP &&
            topiary_map_node_get_id (node) == topiary_group_get_id (group))
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  answer_name_dialog ("Structured Logging in Flask");
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before + 1);
  id = topiary_editor_get_article_id (editor);
  article = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_title (article), ==, "Structured Logging in Flask");
  g_assert_cmpint (topiary_article_get_group_id (article), ==, topiary_group_get_id (group));
  parent = parent_of_article (tree, id);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_group_get_id (group));

  gtk_widget_activate_action (GTK_WIDGET (window), "map.rename", NULL);
  /* Titles are text, never markup, wherever they are shown. */
  answer_name_dialog ("Logging & <Tracing> with Flask");
  renamed = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_title (renamed), ==, "Logging & <Tracing> with Flask");

  gtk_widget_activate_action (GTK_WIDGET (window), "map.duplicate", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before + 2);
  g_assert_cmpint (topiary_editor_get_article_id (editor), !=, id);
  copy = topiary_project_get_article (project, topiary_editor_get_article_id (editor), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (copy), ==, topiary_article_get_position (renamed) + 1);
  g_assert_cmpstr (topiary_article_get_slug (copy), !=, topiary_article_get_slug (renamed));
}

static void
test_drop (UiFixture     *f,
           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  gint64 group_id = nth_group_id (project, 5);
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) moving = find_article (project, nth_group_id (project, 6), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) after = NULL;
  TopiaryMapNode *pillar_node;
  gboolean handled = FALSE;
  gint64 id = topiary_article_get_id (moving);

  /* Dropped on the lower half of a pillar: becomes its last cluster. */
  topiary_sidebar_refresh (sidebar);
  pillar_node = parent_of_article (tree, topiary_article_get_id (pillar));
  {
    guint position = topiary_map_tree_reveal_article (tree, topiary_article_get_id (pillar));
    g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (topiary_map_tree_get_model (tree), position);
    g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

    g_assert_nonnull (pillar_node);
    g_signal_emit_by_name (sidebar, "drop-article", id, node, FALSE, &handled);
  }
  g_assert_true (handled);
  after = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (after), ==, group_id);
  g_assert_cmpint (topiary_article_get_parent_id (after), ==, topiary_article_get_id (pillar));
  g_assert_cmpint (topiary_map_node_get_id (parent_of_article (tree, id)), ==, topiary_article_get_id (pillar));

  /* Alt+Up swaps it with the cluster above in the writing order. */
  {
    g_autoptr(GPtrArray) siblings = topiary_map_tree_get_siblings (tree, after);
    TopiaryArticle *previous;
    g_autoptr(TopiaryArticle) moved = NULL;

    g_assert_cmpuint (siblings->len, >=, 2);
    previous = g_ptr_array_index (siblings, siblings->len - 2);
    click_article (id);
    gtk_widget_activate_action (GTK_WIDGET (window), "map.move-up", NULL);
    moved = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpint (topiary_article_get_position (moved), ==, topiary_article_get_position (previous));
  }
}

/* ---- a real pointer drag (XTest through xdotool) ---- */

typedef struct
{
  TopiaryMapNode *want;  /* the node whose row is looked for */
  GtkWidget   *row;
} RowSearch;

/* The mapped row widget showing @search->want, found in the list view. */
static gboolean
find_mapped_row (gpointer data)
{
  RowSearch *search = data;
  GtkWidget *list = GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window)));

  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (list, TOPIARY_TYPE_MAP_ROW, i);

      if (w == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (w) && topiary_map_row_get_node (TOPIARY_MAP_ROW (w)) == search->want)
        {
          search->row = w;
          return TRUE;
        }
    }
}

/* Where the middle of @row is, in the X window's coordinates. */
static void
row_center (GtkWidget *row,
            int       *x,
            int       *y)
{
  graphene_point_t in_row = GRAPHENE_POINT_INIT (gtk_widget_get_width (row) / 2.0f,
                                                 gtk_widget_get_height (row) / 2.0f);
  graphene_point_t in_window;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (window), &in_row, &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = (int) (in_window.x + sx);
  *y = (int) (in_window.y + sy);
}

static gboolean
subprocess_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_xdotool_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
article_in_group (gpointer data)
{
  gint64 *ids = data;  /* article, group */
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (topiary_window_get_project (window), ids[0], FALSE, NULL);

  return article != NULL && topiary_article_get_group_id (article) == ids[1];
}

/* The node at @position; the tree keeps it alive, so no reference. */
static TopiaryMapNode *
node_at (GtkTreeListModel *model,
         guint             position)
{
  g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, position);
  g_autoptr(TopiaryMapNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  return node;
}

static GtkTreeListRow *
row_at (GtkTreeListModel *model,
        guint             position)
{
  return gtk_tree_list_model_get_row (model, position);
}

/* An idea dragged with the pointer onto a group, the way a person does it:
 * press on the row, move over the tree, release on the group. The article
 * lands at the end of that group, in the file and in the tree. */
static void
test_pointer_drag (UiFixture     *f,
                   gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  GtkTreeListModel *model = topiary_map_tree_get_model (tree);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
  g_autoptr(TopiaryGroup) target = NULL;
  g_autoptr(TopiaryArticle) idea = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *xid = NULL;
  RowSearch from = { 0 }, to = { 0 };
  gint64 ids[2];
  gboolean done = FALSE;
  int x0, y0, x1, y1;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    {
      g_test_skip ("not an X11 display");
      return;
    }
  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  /* The last group, right above Ideas: the pointer crosses no other group
   * on its way, so no row opens under it while it moves. */
  target = g_list_model_get_item (groups, g_list_model_get_n_items (groups) - 1);
  g_assert_nonnull (target);
  /* The tree, not search results. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_BAR, 0)), FALSE);
  topiary_sidebar_refresh (sidebar);

  /* Only the map, the target group, Ideas and its first intent open:
   * both rows on screen. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (model, i);

      if (gtk_tree_list_row_get_depth (row) == 1)
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      TopiaryMapNode *node = node_at (model, i);
      g_autoptr(GtkTreeListRow) row = row_at (model, i);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP &&
          topiary_map_node_get_id (node) == topiary_group_get_id (target))
        {
          to.want = node;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_IDEAS)
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_INTENT && from.want == NULL)
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          from.want = node_at (model, i + 1);
        }
    }
  g_assert_nonnull (to.want);
  g_assert_nonnull (from.want);
  g_assert_cmpint (topiary_map_node_get_kind (from.want), ==, TOPIARY_MAP_NODE_ARTICLE);
  idea = g_object_ref (topiary_map_node_get_article (from.want));
  g_assert_cmpint (topiary_article_get_group_id (idea), ==, 0);

  g_assert_true (wait_for (find_mapped_row, &from, 5000));
  g_assert_true (wait_for (find_mapped_row, &to, 5000));
  spin (200);  /* settle the layout */
  row_center (from.row, &x0, &y0);
  row_center (to.row, &x1, &y1);
  g_assert_cmpint (y1, <, y0);

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  /* One xdotool chain, so no process start falls between the steps: press,
   * moves far enough apart for GTK to see a drag, a pause on the group so
   * it is the drop target, the release. The group is open already, so
   * hovering it opens nothing that would shift the rows. */
  /* The pauses are long enough for a loaded machine, where GTK may see
   * the release before the drag has started; if the drop still did not
   * land, the person tries once more, as one would. */
  ids[0] = topiary_article_get_id (idea);
  ids[1] = topiary_group_get_id (target);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_clear_pointer (&script, g_free);
      g_clear_object (&proc);
      done = FALSE;
      script = g_strdup_printf ("%s mousemove --window %s %d %d sleep 0.3 mousedown 1 sleep 0.4 "
                                "mousemove --window %s %d %d sleep 0.3 "
                                "mousemove --window %s %d %d sleep 0.3 "
                                "mousemove --window %s %d %d sleep 0.3 "
                                "mousemove --window %s %d %d sleep 0.8 "
                                "mouseup 1",
                                xdotool, xid, x0, y0,
                                xid, x0 + 4, y0 - 12,
                                xid, x0 + 8, (y0 + y1) / 2,
                                xid, x1, y1 + 4,
                                xid, x1, y1);
      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_check_async (proc, NULL, on_xdotool_done, &done);
      g_assert_true (wait_for (subprocess_done, &done, 15000));
      if (wait_for (article_in_group, ids, 5000))
        break;
      g_test_message ("the drop did not land; dragging again");
      /* Let any half-started drag end before the next press. */
      spin (1000);
      g_assert_true (wait_for (find_mapped_row, &from, 5000));
      row_center (from.row, &x0, &y0);
    }

  g_assert_true (wait_for (article_in_group, ids, 5000));
  /* Saved at once, and the tree shows it under the group. */
  g_assert_true (wait_for (tree_shows_parent, ids, 5000));
  {
    g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);
    g_autoptr(TopiaryArticle) moved = topiary_project_get_article (project, ids[0], FALSE, NULL);
    gint64 last_position = 0;

    /* At the end of the group. */
    for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
      {
        g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
        if (topiary_article_get_group_id (a) == ids[1])
          last_position = MAX (last_position, topiary_article_get_position (a));
      }
    g_assert_cmpint (topiary_article_get_position (moved), ==, last_position);
  }
#else
  g_test_skip ("built without X11");
#endif
}

/* A mapped "title-1" label says @data. */
static gboolean
shows_title (gpointer data)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_LABEL, i);

      if (w == NULL)
        return FALSE;
      if (gtk_widget_has_css_class (w, "title-1") && gtk_widget_get_mapped (w) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), data) == 0)
        return TRUE;
    }
}

static void
test_group_delete_undo (UiFixture     *f,
                        gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
  gint64 group_id = nth_group_id (project, 2);
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, group_id, NULL);
  g_autofree char *title = g_strdup (topiary_group_get_title (group));
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryGroup) back = NULL;
  g_autoptr(TopiaryArticle) pillar_back = NULL;
  TopiaryStats before = { 0 }, after = { 0 };
  guint n;

  topiary_project_get_stats (project, &before, NULL);
  topiary_sidebar_refresh (sidebar);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);
      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && topiary_map_node_get_id (node) == group_id)
        gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
    }

  /* A group shows its own overview (once a frame has mapped it). */
  g_assert_true (wait_for (shows_title, title, 10000));
  shot ("group.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_null (topiary_project_find_group (project, title, NULL));
  topiary_project_get_stats (project, &after, NULL);
  g_assert_cmpuint (after.groups, ==, before.groups - 1);
  g_assert_cmpuint (after.articles, ==, before.articles);

  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-delete", NULL);
  back = topiary_project_find_group (project, title, NULL);
  g_assert_nonnull (back);
  pillar_back = topiary_project_get_article (project, topiary_article_get_id (pillar), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (pillar_back), ==, topiary_group_get_id (back));
  g_assert_cmpint (topiary_article_get_position (pillar_back), ==, topiary_article_get_position (pillar));
  g_assert_cmpint (topiary_group_get_position (back), ==, topiary_group_get_position (group));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-map"))
    return 77;

  ui_test_add ("/ui/map/open-sample", test_open_sample);
  ui_test_add_sample ("/ui/map/audit", test_audit);
  ui_test_add_sample ("/ui/map/move-follows", test_move_follows);
  ui_test_add_sample ("/ui/map/search", test_search);
  ui_test_add_sample ("/ui/map/delete-undo", test_delete_undo);
  ui_test_add_sample ("/ui/map/create-rename-duplicate", test_create_rename_duplicate);
  ui_test_add_sample ("/ui/map/drop", test_drop);
  ui_test_add_sample ("/ui/map/pointer-drag", test_pointer_drag);
  ui_test_add_sample ("/ui/map/group-delete-undo", test_group_delete_undo);

  return ui_test_run ();
}
