/* test-ui-new-article.c — the New Article dialog asks for the kind and the
 * group, with the map's rules as defaults, and makes one undoable edit
 * (issue 14)
 *
 * Only generic widgets are looked for (the dialog's toggle buttons by
 * label, its drop-down), as a user sees them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-sidebar.h"

/* Selects the tree row of group @group_id, the way a click does. */
static void
select_group_row (gint64 group_id)
{
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  GtkTreeListModel *model = topiary_map_tree_get_model (topiary_sidebar_get_tree (sidebar));
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && topiary_map_node_get_id (node) == group_id)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
group_row_shown (gpointer data)
{
  GtkTreeListModel *model = topiary_map_tree_get_model (topiary_sidebar_get_tree (topiary_window_get_sidebar (window)));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && topiary_map_node_get_id (node) == *(gint64 *) data)
        return TRUE;
    }
  return FALSE;
}

/* The toggle button of @dialog labelled @label. */
static GtkToggleButton *
kind_button (GtkWindow  *dialog,
             const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  return GTK_TOGGLE_BUTTON (button);
}

/* The New Article dialog, opened from the selected row. */
static GtkWindow *
open_dialog (void)
{
  GtkWindow *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "New Article");
  return dialog;
}

static const char *
shown_group_title (GtkWindow *dialog)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0));
  GtkStringObject *item;

  g_assert_nonnull (dropdown);
  item = gtk_drop_down_get_selected_item (dropdown);
  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
choose_group (GtkWindow  *dialog,
              const char *title)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0));
  GListModel *titles = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (titles, i);

      if (g_str_equal (gtk_string_object_get_string (item), title))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static TopiaryArticle *
find_article_titled (TopiaryProject *project,
                     const char     *title)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

      if (g_strcmp0 (topiary_article_get_title (a), title) == 0)
        return g_steal_pointer (&a);
    }
  return NULL;
}

/* Types @title and answers Create; returns the new article. */
static TopiaryArticle *
create (const char *title)
{
  TopiaryArticle *article;

  answer_name_dialog (title);
  /* Answered and gone: the next dialog is a new one. */
  g_assert_false (find_message_dialog (NULL));
  article = find_article_titled (topiary_window_get_project (window), title);
  g_assert_nonnull (article);
  return article;
}

static void
undo (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window))));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
  spin (200);
}

/* An empty group selected: the new article can only be its pillar. */
static void
test_empty_group (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Fresh group");
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  GtkWindow *dialog;
  gint64 id;

  g_assert_true (topiary_project_add_group (project, group, &error));
  g_assert_no_error (error);
  id = topiary_group_get_id (group);
  topiary_sidebar_refresh (topiary_window_get_sidebar (window));
  g_assert_true (wait_for (group_row_shown, &id, 10000));
  before = test_describe_map (project);
  select_group_row (id);

  dialog = open_dialog ();
  g_assert_cmpstr (shown_group_title (dialog), ==, "Fresh group");
  g_assert_true (gtk_toggle_button_get_active (kind_button (dialog, "_Pillar")));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (kind_button (dialog, "C_luster"))));
  shot ("new-article-empty-group.png");
  article = create ("Fresh pillar");
  g_assert_cmpint (topiary_article_get_group_id (article), ==, id);
  g_assert_cmpint (topiary_article_get_kind (article), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (article));

  /* One edit: one undo takes it all back. */
  undo ();
  undone = test_describe_map (project);
  g_assert_cmpstr (undone, ==, before);
}

/* A cluster selected: a cluster of the same group under its pillar; asked
 * for as a pillar, it takes the pillar's place, and one undo puts the
 * map back. */
static void
test_from_cluster (UiFixture     *f,
                   gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 group_id = nth_group_id (project, 0);
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, group_id, NULL);
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, group_id, TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) added = NULL;
  g_autoptr(TopiaryArticle) new_pillar = NULL;
  g_autoptr(TopiaryArticle) old_pillar = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  GtkWindow *dialog;

  g_assert_nonnull (pillar);
  g_assert_nonnull (cluster);
  click_article (topiary_article_get_id (cluster));
  dialog = open_dialog ();
  g_assert_cmpstr (shown_group_title (dialog), ==, topiary_group_get_title (group));
  g_assert_true (gtk_toggle_button_get_active (kind_button (dialog, "C_luster")));
  added = create ("Beside the cluster");
  g_assert_cmpint (topiary_article_get_group_id (added), ==, group_id);
  g_assert_cmpint (topiary_article_get_kind (added), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (added), ==, topiary_article_get_parent_id (cluster));

  before = test_describe_map (project);
  click_article (topiary_article_get_id (cluster));
  dialog = open_dialog ();
  gtk_toggle_button_set_active (kind_button (dialog, "_Pillar"), TRUE);
  new_pillar = create ("The new pillar");
  g_assert_cmpint (topiary_article_get_kind (new_pillar), ==, TOPIARY_KIND_PILLAR);
  old_pillar = topiary_project_get_article (project, topiary_article_get_id (pillar), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_kind (old_pillar), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (old_pillar), ==, topiary_article_get_id (new_pillar));

  undo ();
  undone = test_describe_map (project);
  g_assert_cmpstr (undone, ==, before);
}

/* Another group chosen takes that group's defaults; Idea puts it in no
 * group, whatever group was shown. */
static void
test_other_group_and_idea (UiFixture     *f,
                           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryGroup) second = topiary_project_get_group (project, nth_group_id (project, 1), NULL);
  g_autoptr(TopiaryArticle) second_pillar = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) moved = NULL;
  g_autoptr(TopiaryArticle) idea = NULL;
  GtkWindow *dialog;

  select_group_row (nth_group_id (project, 0));
  dialog = open_dialog ();
  choose_group (dialog, topiary_group_get_title (second));
  g_assert_true (gtk_toggle_button_get_active (kind_button (dialog, "C_luster")));
  moved = create ("In the second group");
  g_assert_cmpint (topiary_article_get_group_id (moved), ==, nth_group_id (project, 1));
  g_assert_cmpint (topiary_article_get_parent_id (moved), ==, topiary_article_get_id (second_pillar));

  select_group_row (nth_group_id (project, 0));
  dialog = open_dialog ();
  gtk_toggle_button_set_active (kind_button (dialog, "I_dea"), TRUE);
  g_assert_false (gtk_widget_get_sensitive (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0)));
  idea = create ("Just an idea");
  g_assert_cmpint (topiary_article_get_group_id (idea), ==, 0);
  g_assert_cmpint (topiary_article_get_status (idea), ==, TOPIARY_STATUS_IDEA);
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-new-article"))
    return 77;
  ui_test_add_sample ("/ui/new-article/empty-group", test_empty_group);
  ui_test_add_sample ("/ui/new-article/from-cluster", test_from_cluster);
  ui_test_add_sample ("/ui/new-article/other-group-and-idea", test_other_group_and_idea);
  return ui_test_run ();
}
