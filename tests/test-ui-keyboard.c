/* test-ui-keyboard.c — the map tree and the main flows with keys only
 * (issue 14)
 *
 * Keys are pressed for real, through the X server (xdotool), with the
 * focus where the previous key left it: nothing here clicks or calls the
 * window's functions to move on, only to look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-sidebar.h"

static GtkListView *
tree_view (void)
{
  return topiary_sidebar_get_list_view (topiary_window_get_sidebar (window));
}

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_in_tree (void)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (tree_view ()));
}

static GtkTreeListRow *
selected_row (void)
{
  GtkSelectionModel *model = gtk_list_view_get_model (tree_view ());

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

/* The selected row's node kind and title, e.g. "group:Flask Basics". */
static char *
selected_text (void)
{
  GtkTreeListRow *row = selected_row ();
  g_autoptr(TopiaryMapNode) node = NULL;
  static const char *kinds[] = { "map", "group", "ideas", "intent", "article" };
  guint kind;

  if (row == NULL)
    return g_strdup ("(none)");
  node = gtk_tree_list_row_get_item (row);
  kind = topiary_map_node_get_kind (node);
  return g_strdup_printf ("%s:%s", kind < G_N_ELEMENTS (kinds) ? kinds[kind] : "?",
                          topiary_map_node_get_title (node));
}

/* Puts the keyboard focus on the tree's first row, as Tab from the
 * header does, and checks it is there. */
static void
focus_tree_top (void)
{
  topiary_sidebar_select_map (topiary_window_get_sidebar (window));
  spin (100);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (tree_view ()));
       item != NULL; item = gtk_widget_get_next_sibling (item))
    if (gtk_widget_get_visible (item))
      {
        gtk_widget_grab_focus (item);
        break;
      }
  spin (50);
  g_assert_true (focus_in_tree ());
}

static void
test_expand_collapse_parent (UiFixture    *f,
                             gconstpointer data)
{
  GtkTreeListRow *row;
  g_autofree char *group = NULL;
  g_autofree char *child = NULL;
  g_autofree char *back = NULL;

  focus_tree_top ();
  {
    g_autofree char *top = selected_text ();
    g_assert_true (g_str_has_prefix (top, "map:"));
  }

  /* Down to the first group, which starts closed. */
  ui_press ("Down");
  group = selected_text ();
  g_assert_true (g_str_has_prefix (group, "group:"));
  row = selected_row ();
  g_assert_false (gtk_tree_list_row_get_expanded (row));

  /* Right opens it; the focus stays on the group. */
  ui_press ("Right");
  g_assert_true (gtk_tree_list_row_get_expanded (selected_row ()));
  g_assert_cmpstr (selected_text (), ==, group);

  /* Right again goes to its first child, its pillar. */
  ui_press ("Right");
  child = selected_text ();
  g_assert_true (g_str_has_prefix (child, "article:"));
  g_assert_true (focus_in_tree ());

  /* Left on a child goes to its parent; Left again closes it. */
  ui_press ("Left");
  back = selected_text ();
  g_assert_cmpstr (back, ==, group);
  g_assert_true (gtk_tree_list_row_get_expanded (selected_row ()));
  ui_press ("Left");
  g_assert_false (gtk_tree_list_row_get_expanded (selected_row ()));
  g_assert_cmpstr (selected_text (), ==, group);

  /* + and − do the same; * opens everything under the row. */
  ui_press ("plus");
  g_assert_true (gtk_tree_list_row_get_expanded (selected_row ()));
  ui_press ("minus");
  g_assert_false (gtk_tree_list_row_get_expanded (selected_row ()));
  ui_press ("asterisk");
  g_assert_true (gtk_tree_list_row_get_expanded (selected_row ()));
  {
    g_autoptr(GtkTreeListRow) pillar = gtk_tree_list_row_get_child_row (selected_row (), 0);

    g_assert_nonnull (pillar);
    if (gtk_tree_list_row_is_expandable (pillar))
      g_assert_true (gtk_tree_list_row_get_expanded (pillar));
  }
}

static void
test_home_end_and_typeahead (UiFixture    *f,
                             gconstpointer data)
{
  GtkSelectionModel *model;
  guint n;
  g_autofree char *last = NULL;

  focus_tree_top ();
  model = gtk_list_view_get_model (tree_view ());
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 3);

  ui_press ("End");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, n - 1);
  last = selected_text ();
  ui_press ("Home");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);

  /* Typing a row's first letters finds it, whatever the case. */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
    g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);
    const char *title = topiary_map_node_get_title (node);
    g_autofree char *prefix = g_utf8_substring (title, 0, 4);

    ui_type (prefix);
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), >, 0);
    {
      g_autofree char *found = selected_text ();
      g_autofree char *found_title = g_utf8_casefold (strchr (found, ':') + 1, -1);
      g_autofree char *want = g_utf8_casefold (prefix, -1);

      g_assert_true (g_str_has_prefix (found_title, want));
    }
  }
  g_assert_true (focus_in_tree ());
}

static void
test_enter_opens_in_editor (UiFixture    *f,
                            gconstpointer data)
{
  GtkWidget *view;

  focus_tree_top ();
  ui_press ("Down");
  ui_press ("Right");
  ui_press ("Right");
  {
    g_autofree char *text = selected_text ();
    g_assert_true (g_str_has_prefix (text, "article:"));
  }
  ui_press ("Return");
  g_assert_cmpint (topiary_window_get_article_id (window), !=, 0);
  view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  g_assert_true (gtk_widget_has_focus (view));

  /* The writer types; the text goes into the article, not the tree. */
  ui_press ("X");
  {
    g_autofree char *body = topiary_editor_dup_text (topiary_window_get_editor (window));
    g_assert_nonnull (strchr (body, 'X'));
  }
}

static void
test_tab_leaves_tree (UiFixture    *f,
                      gconstpointer data)
{
  focus_tree_top ();
  ui_press ("Down");
  ui_press ("Right");

  /* Tab leaves the tree at once instead of walking its rows. */
  ui_press ("Tab");
  g_assert_false (focus_in_tree ());
  g_assert_nonnull (focus_widget ());

  focus_tree_top ();
  ui_press ("shift+Tab");
  g_assert_false (focus_in_tree ());
  g_assert_nonnull (focus_widget ());
}

static GtkListBox *
results_box (void)
{
  return GTK_LIST_BOX (find_widget_of_type (GTK_WIDGET (topiary_window_get_sidebar (window)), GTK_TYPE_LIST_BOX, 0));
}

static gboolean
has_results (gpointer data)
{
  return topiary_sidebar_get_n_results (topiary_window_get_sidebar (window)) >= 2;
}

static void
test_search_results_by_keys (UiFixture    *f,
                             gconstpointer data)
{
  GtkListBox *results;
  GtkListBoxRow *first, *second;
  GtkWidget *focus;
  g_autofree char *name = NULL;

  /* Ctrl+Shift+F from the map opens the search; the words go into its entry. */
  focus_tree_top ();
  ui_press ("ctrl+shift+f");
  ui_type ("flask");
  g_assert_true (wait_for (has_results, NULL, 5000));
  results = results_box ();
  first = gtk_list_box_get_row_at_index (results, 0);
  second = gtk_list_box_get_row_at_index (results, 1);

  /* Each result says its group and status, to the eye and to a reader. */
  {
    GtkWidget *box = gtk_list_box_row_get_child (first);
    GtkWidget *place = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
    const char *text = gtk_label_get_text (GTK_LABEL (place));

    g_assert_nonnull (strstr (text, " · "));
    g_assert_true (g_str_has_suffix (text, "Planned") || g_str_has_suffix (text, "Published") ||
                   g_str_has_suffix (text, "Drafting") || g_str_has_suffix (text, "In review") ||
                   g_str_has_suffix (text, "Idea"));
  }

  /* Down reaches the results; the arrows move between them; Enter opens. */
  ui_press ("Down");
  focus = focus_widget ();
  g_assert_true (focus == GTK_WIDGET (first));
  ui_press ("Down");
  g_assert_true (focus_widget () == GTK_WIDGET (second));
  ui_press ("Up");
  ui_press ("Up");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (), GTK_WIDGET (find_widget_of_type (GTK_WIDGET (topiary_window_get_sidebar (window)), GTK_TYPE_SEARCH_ENTRY, 0))));
  ui_press ("Down");
  ui_press ("Down");
  ui_press ("Return");
  {
    gint64 *id = g_object_get_data (G_OBJECT (second), "article-id");

    g_assert_cmpint (topiary_window_get_article_id (window), ==, *id);
  }
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)))));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-keyboard"))
    return 77;
  if (!ui_can_press ())
    {
      g_printerr ("No X display or no xdotool: skipping.\n");
      return 77;
    }
  ui_test_add_sample ("/ui/keyboard/tree-expand-collapse-parent", test_expand_collapse_parent);
  ui_test_add_sample ("/ui/keyboard/tree-home-end-typeahead", test_home_end_and_typeahead);
  ui_test_add_sample ("/ui/keyboard/enter-opens-in-editor", test_enter_opens_in_editor);
  ui_test_add_sample ("/ui/keyboard/tab-leaves-tree", test_tab_leaves_tree);
  ui_test_add_sample ("/ui/keyboard/search-results", test_search_results_by_keys);
  return ui_test_run ();
}
