/* test-ui-selection.c — the tree's selection shows what is open (issue
 * 14): after a search, the quick switcher, an audit finding, a link, an
 * undo, a restore from the trash and a new article, the open article's row
 * is selected, its group expanded and the row scrolled into view; a
 * right-clicked row is the menu's, and the selection goes back to the open
 * article when the menu closes; typing in the editor is never taken by the
 * details panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-row.h"
#include "topiary-trash-dialog.h"
#include "test-ui-util.h"

static TopiarySidebar *
sidebar (void)
{
  return topiary_window_get_sidebar (window);
}

static GtkTreeListModel *
tree_model (void)
{
  return topiary_map_tree_get_model (topiary_sidebar_get_tree (sidebar ()));
}

/* The id of the article the selected row is, or 0 (not an article). */
static gint64
selected_article_id (void)
{
  g_autoptr(TopiaryMapNode) node = topiary_sidebar_get_selected_node (sidebar ());

  if (node == NULL || topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_ARTICLE)
    return 0;
  return topiary_map_node_get_id (node);
}

/* The mapped row widget of the article @id, or NULL. */
static GtkWidget *
row_widget (gint64 id)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (sidebar ()), TOPIARY_TYPE_MAP_ROW, i);
      TopiaryMapNode *node;

      if (w == NULL)
        return NULL;
      node = topiary_map_row_get_node (TOPIARY_MAP_ROW (w));
      if (node != NULL && gtk_widget_get_mapped (w) &&
          topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE && topiary_map_node_get_id (node) == id)
        return w;
    }
}

/* The open article's row is selected and inside the tree's visible part. */
static gboolean
tree_shows_open (gpointer data)
{
  gint64 open = topiary_window_get_article_id (window);
  GtkWidget *list = GTK_WIDGET (topiary_sidebar_get_list_view (sidebar ()));
  GtkWidget *row;
  graphene_rect_t bounds;

  if (open == 0 || selected_article_id () != open)
    return FALSE;
  row = row_widget (open);
  if (row == NULL || !gtk_widget_compute_bounds (row, list, &bounds))
    return FALSE;
  return bounds.origin.y >= -1 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list) + 1;
}

static void
assert_tree_shows_open (const char *after)
{
  if (!wait_for (tree_shows_open, NULL, 10000))
    g_error ("After %s the tree does not show the open article %" G_GINT64_FORMAT " (selected: %" G_GINT64_FORMAT ").",
             after, topiary_window_get_article_id (window), selected_article_id ());
}

/* Every group folded, and the list at its top: what is shown next has to
 * be unfolded and scrolled to. */
static void
fold_all (void)
{
  GtkTreeListModel *model = tree_model ();
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (topiary_sidebar_get_list_view (sidebar ())),
                                                                              GTK_TYPE_SCROLLED_WINDOW));

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (model)); i-- > 1; )
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);

      if (row != NULL && gtk_tree_list_row_get_depth (row) == 1)
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
  spin (100);
}

/* The last cluster of the last group: far down the tree. */
static TopiaryArticle *
far_article (guint back)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
  guint n = g_list_model_get_n_items (groups);

  return find_article (project, nth_group_id (project, n - 1 - back), TOPIARY_KIND_CLUSTER, 0);
}

/* The showing window of the type named @type (a dialog), or NULL. */
static GtkWindow *
window_of_type (const char *type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)) && g_strcmp0 (G_OBJECT_TYPE_NAME (w), type) == 0)
        return w;
    }
  return NULL;
}

static gboolean
find_window_of_type (gpointer data)
{
  return window_of_type (data) != NULL;
}

/* ---- cases ---- */

/* Search, the quick switcher, an audit finding and a link in the preview
 * each open an article somewhere folded away: its row is selected and in
 * view. */
static void
test_open_paths (UiFixture     *f,
                 gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) searched = far_article (0);
  g_autoptr(TopiaryArticle) switched = far_article (1);
  g_autoptr(TopiaryArticle) audited = far_article (2);
  g_autoptr(TopiaryArticle) linked = far_article (3);

  ui_open_first_pillar ();

  /* Search: the result is activated as Enter does. */
  fold_all ();
  topiary_sidebar_begin_search (sidebar (), topiary_article_get_title (searched));
  g_assert_cmpuint (topiary_sidebar_get_n_results (sidebar ()), >, 0);
  for (guint i = 0; i < topiary_sidebar_get_n_results (sidebar ()); i++)
    {
      topiary_sidebar_activate_result (sidebar (), i);
      if (topiary_window_get_article_id (window) == topiary_article_get_id (searched))
        break;
    }
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (searched));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_widget_of_type (GTK_WIDGET (sidebar ()), GTK_TYPE_SEARCH_BAR, 0)), FALSE);
  assert_tree_shows_open ("a search");

  /* The quick switcher (Ctrl+P). */
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.quick-open", NULL);
  g_assert_true (wait_for (find_window_of_type, (gpointer) "TopiarySwitcher", 5000));
  {
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (window_of_type ("TopiarySwitcher")), GTK_TYPE_SEARCH_ENTRY, 0);

    gtk_editable_set_text (GTK_EDITABLE (entry), topiary_article_get_slug (switched));
    g_signal_emit_by_name (entry, "activate");
  }
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (switched));
  assert_tree_shows_open ("the quick switcher");

  /* An audit finding opens its article at a line. */
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article-at-line", "(xu)",
                              topiary_article_get_id (audited), 1);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (audited));
  assert_tree_shows_open ("an audit finding");

  /* A link followed in the preview. */
  fold_all ();
  g_signal_emit_by_name (topiary_window_get_preview (window), "open-article", topiary_article_get_slug (linked));
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (linked));
  assert_tree_shows_open ("a link");
  (void) project;
}

/* An undo of a move and of a delete of another article, and a restore
 * from the trash, leave the open article's row selected (not the row the
 * edit touched); a new article is opened and selected. */
static void
test_edit_paths (UiFixture     *f,
                 gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) open = far_article (0);
  g_autoptr(TopiaryArticle) moved = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) deleted = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_CLUSTER, 0);
  GtkWindow *trash = NULL;
  g_autofree char *slug = NULL;

  g_assert_nonnull (open);
  g_assert_nonnull (moved);
  g_assert_nonnull (deleted);
  slug = g_strdup (topiary_article_get_slug (deleted));
  /* A move of another article, undone. */
  click_article (topiary_article_get_id (moved));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-down", NULL);
  click_article (topiary_article_get_id (open));
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (open));
  assert_tree_shows_open ("the undo of a move");

  /* A delete of another article, undone, and then restored from the trash. */
  click_article (topiary_article_get_id (deleted));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  click_article (topiary_article_get_id (open));
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
  assert_tree_shows_open ("the undo of a delete");

  /* The undo brought it back as a new row. */
  g_clear_object (&deleted);
  deleted = topiary_project_get_article_by_slug (project, slug, FALSE, NULL);
  g_assert_nonnull (deleted);
  click_article (topiary_article_get_id (deleted));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  click_article (topiary_article_get_id (open));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-up", NULL);
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "map.show-trash", NULL);
  g_assert_true (wait_for (find_window_of_type, (gpointer) "TopiaryTrashDialog", 10000));
  trash = window_of_type ("TopiaryTrashDialog");
  g_signal_emit_by_name (find_button (GTK_WIDGET (trash), "_Restore"), "clicked");
  spin (100);
  g_clear_object (&deleted);
  deleted = topiary_project_get_article_by_slug (project, slug, FALSE, NULL);
  g_assert_nonnull (deleted);
  gtk_window_destroy (trash);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (open));
  assert_tree_shows_open ("a restore from the trash");

  /* A new article. */
  fold_all ();
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  g_assert_true (wait_for (find_window_of_type, (gpointer) "TopiaryNewArticleDialog", 10000));
  {
    GtkWindow *dialog = window_of_type ("TopiaryNewArticleDialog");
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT, 0);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "A brand new article");
    g_signal_emit_by_name (entry, "activate");
  }
  g_assert_true (wait_for (tree_shows_open, NULL, 10000));
  {
    g_autoptr(TopiaryArticle) made = topiary_project_get_article (project, topiary_window_get_article_id (window), FALSE, NULL);

    g_assert_cmpstr (topiary_article_get_title (made), ==, "A brand new article");
  }
}

static GtkWidget *
context_menu (void)
{
  GtkWidget *menu;

  /* The row menu is the sidebar's own child (rows get recycled). */
  for (menu = gtk_widget_get_first_child (GTK_WIDGET (sidebar ()));
       menu != NULL && !GTK_IS_POPOVER_MENU (menu);
       menu = gtk_widget_get_next_sibling (menu))
    ;
  g_assert_nonnull (menu);
  return menu;
}

/* The item of @menu that reads @label (a GtkModelButton's "text", the
 * mnemonic's underscore left out), as the user sees it. */
static GtkWidget *
menu_item (GtkWidget  *menu,
           const char *label)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_widget_of_type (menu, GTK_TYPE_WIDGET, i);
      g_autofree char *text = NULL;

      if (w == NULL)
        return NULL;
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (w), "text") == NULL ||
          g_strcmp0 (G_OBJECT_TYPE_NAME (w), "GtkModelButton") != 0)
        continue;
      g_object_get (w, "text", &text, NULL);
      if (g_strcmp0 (text, label) == 0)
        return w;
    }
}

static gboolean
menu_closed (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Right-click another row: its menu acts on it, what is open stays open,
 * and once the menu closes (by an item or by Escape) the open article's
 * row is selected again. */
static void
test_context_menu_returns (UiFixture     *f,
                           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 open = ui_open_first_pillar ();
  g_autoptr(TopiaryArticle) other = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) after = NULL;
  gint64 other_id = topiary_article_get_id (other);
  GtkWidget *menu = context_menu ();
  GtkWidget *item;

  g_assert_true (wait_for (tree_shows_open, NULL, 10000));
  g_assert_cmpuint (topiary_map_tree_reveal_article (topiary_sidebar_get_tree (sidebar ()), other_id), !=, G_MAXUINT);
  spin (200);
  g_assert_nonnull (row_widget (other_id));

  /* Escape: nothing done, the selection back on the open article. */
  g_signal_emit_by_name (row_widget (other_id), "context-menu", 20.0, 10.0);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_cmpint (selected_article_id (), ==, other_id);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, open);
  gtk_popover_popdown (GTK_POPOVER (menu));
  g_assert_true (wait_for (menu_closed, menu, 5000));
  spin (100);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, open);
  assert_tree_shows_open ("a context menu closed");

  /* An item: Move to Ideas moves the right-clicked article, not the open one. */
  g_signal_emit_by_name (row_widget (other_id), "context-menu", 20.0, 10.0);
  g_assert_true (gtk_widget_get_visible (menu));
  item = menu_item (menu, "Move to Ideas");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (wait_for (menu_closed, menu, 5000));
  spin (200);
  after = topiary_project_get_article (project, other_id, FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (after), ==, 0);
  g_clear_object (&after);
  after = topiary_project_get_article (project, open, FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (after), ==, nth_group_id (project, 0));
  g_assert_cmpint (topiary_window_get_article_id (window), ==, open);
  assert_tree_shows_open ("a context menu's item");
}

/* Typing in the editor while the details panel shows and refreshes
 * (after an autosave, after the project changed) never moves the focus
 * there: every letter lands in the editor. */
static void
test_details_never_steal (UiFixture     *f,
                          gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (editor));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) next = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!ui_can_press ())
    {
      g_test_skip ("No xdotool or no X display: keys are not pressed.");
      return;
    }
  ui_open_first_pillar ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  spin (300);
  /* Another article opens, from the tree as Enter does, with the details
   * showing, after the map's overview: the editor has the focus. */
  topiary_sidebar_select_map (sidebar ());
  topiary_window_show_map (window, 0);
  spin (300);
  g_signal_emit_by_name (sidebar (), "article-activated", topiary_article_get_id (next));
  spin (300);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    if (focus != view)
      g_error ("The focus went to a %s, not the editor.", focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  }
  gtk_text_buffer_set_text (buffer, "", -1);

  ui_type ("alpha ");
  g_assert_true (wait_for (autosaved, NULL, 10000));
  spin (300);
  ui_type ("beta ");
  /* The project changed elsewhere: the details are read again. */
  topiary_details_project_changed (topiary_window_get_details (window));
  g_signal_emit_by_name (project, "changed", "articles");
  spin (300);
  ui_type ("gamma");
  g_assert_true (wait_for (autosaved, NULL, 10000));
  spin (300);
  ui_type (" delta");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "alpha beta gamma delta");
  g_assert_true (gtk_widget_has_focus (view));
}

/* Details read again (the project changed elsewhere) while the focus is
 * on one of their own controls: the focus stays on that control, or on
 * the one rebuilt in its place, never lost nor moved to the editor. */
static void
test_details_keep_focus (UiFixture     *f,
                         gconstpointer  data)
{
  TopiaryDetails *details = topiary_window_get_details (window);
  GtkWidget *combo, *check, *focus;

  ui_open_first_pillar ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  spin (300);
  /* The open article with search queries. */
  {
    TopiaryProject *project = topiary_window_get_project (window);
    g_autoptr(TopiaryArticle) a = topiary_project_get_article (project, topiary_window_get_article_id (window), FALSE, NULL);
    static const char * const queries[] = { "flask tutorial", "learn flask", NULL };

    topiary_article_set_queries (a, queries);
    g_assert_true (topiary_project_update_article (project, a, NULL));
    topiary_details_project_changed (details);
    spin (300);
  }

  /* A drop-down row the details fill again (the language). */
  for (guint i = 0; (combo = find_widget_of_type (GTK_WIDGET (details), ADW_TYPE_COMBO_ROW, i)) != NULL; i++)
    if (gtk_widget_get_mapped (combo))
      break;
  g_assert_nonnull (combo);
  g_assert_true (gtk_widget_grab_focus (combo));
  topiary_details_project_changed (details);
  spin (200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == combo || (focus != NULL && gtk_widget_is_ancestor (focus, combo)));

  /* A query's primary check, rebuilt with the list. */
  check = find_widget_of_type (GTK_WIDGET (details), GTK_TYPE_CHECK_BUTTON, 0);
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_grab_focus (check));
  topiary_details_project_changed (details);
  spin (200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (details)))
    g_error ("The focus went to %s, out of the details.", focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_true (GTK_IS_CHECK_BUTTON (focus));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "test-ui-selection"))
    return 77;

  ui_test_add_sample ("/ui/selection/open-paths", test_open_paths);
  ui_test_add_sample ("/ui/selection/edit-paths", test_edit_paths);
  ui_test_add_sample ("/ui/selection/context-menu-returns", test_context_menu_returns);
  ui_test_add_sample ("/ui/selection/details-never-steal", test_details_never_steal);
  ui_test_add_sample ("/ui/selection/details-keep-focus", test_details_keep_focus);
  return ui_test_run ();
}
