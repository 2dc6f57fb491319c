/* test-ui-state.c — a map opens as it was left (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-sidebar.h"
#include "topiary-welcome.h"

/* The second group of the sample, its row opened; the first cluster of
 * the map opened at character 12, and the preview alone. */
typedef struct {
  gint64 group;
  gint64 article;
} Left;

static Left
leave_sample_somewhere (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  GtkTreeListModel *model = topiary_map_tree_get_model (topiary_sidebar_get_tree (topiary_window_get_sidebar (window)));
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);
  Left left = { 0 };

  for (guint i = 0, groups = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && ++groups == 2)
        {
          left.group = topiary_map_node_get_id (node);
          gtk_tree_list_row_set_expanded (row, TRUE);
          break;
        }
    }
  g_assert_cmpint (left.group, !=, 0);
  for (guint i = 0; left.article == 0 && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (topiary_article_get_kind (article) == TOPIARY_KIND_CLUSTER)
        left.article = topiary_article_get_id (article);
    }
  g_assert_true (topiary_window_open_article (window, left.article));
  /* A planned article may be empty: give the cursor somewhere to be. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window))),
                            "Some words written here, and the cursor left among them.\n", -1);
  topiary_editor_set_cursor_offset (topiary_window_get_editor (window), 12);
  g_object_set (window, "layout", "preview", NULL);
  spin (100);
  return left;
}

static gboolean
group_expanded (gint64 group)
{
  g_autoptr(GArray) open = topiary_sidebar_dup_expanded_groups (topiary_window_get_sidebar (window));

  for (guint i = 0; i < open->len; i++)
    if (g_array_index (open, gint64, i) == group)
      return TRUE;
  return FALSE;
}

static void
assert_as_left (Left left)
{
  g_autofree char *layout = NULL;

  g_assert_cmpint (topiary_window_get_article_id (window), ==, left.article);
  g_assert_cmpint (topiary_editor_get_cursor_offset (topiary_window_get_editor (window)), ==, 12);
  g_object_get (window, "layout", &layout, NULL);
  g_assert_cmpstr (layout, ==, "preview");
  g_assert_true (group_expanded (left.group));
}

static void
test_reopen_as_left (UiFixture    *f,
                     gconstpointer data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.topiary", NULL);
  g_autofree char *sample = g_strdup (f->sample_path);
  Left left = leave_sample_somewhere ();

  /* Another map in its place, then the sample again. */
  g_assert_true (topiary_window_create_map (window, other));
  g_assert_cmpint (topiary_window_get_article_id (window), ==, 0);
  g_assert_true (topiary_window_open_path (window, sample));
  assert_as_left (left);
}

static void
test_reopen_last_at_start (UiFixture    *f,
                           gconstpointer data)
{
  Left left = leave_sample_somewhere ();

  /* Quit, and start again. */
  gtk_window_close (GTK_WINDOW (window));
  spin (100);
  window = f->window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (ui_window_mapped, NULL, 10000));
  g_assert_true (topiary_window_reopen_last (window));
  g_assert_cmpstr (topiary_project_get_path (topiary_window_get_project (window)), ==, f->sample_path);
  assert_as_left (left);
}

static void
test_nothing_to_reopen (UiFixture    *f,
                        gconstpointer data)
{
  /* A first start, and a last map that is gone: the welcome page. */
  g_assert_false (topiary_window_reopen_last (window));
  g_assert_null (topiary_window_get_project (window));
}

static gboolean
has_row_titled (GtkWidget  *root,
                const char *title)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *row = find_widget_of_type (root, ADW_TYPE_ACTION_ROW, i);

      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return TRUE;
    }
}

static void
test_recent_shows_title (UiFixture    *f,
                         gconstpointer data)
{
  g_autofree char *title = topiary_project_get_map_field (topiary_window_get_project (window), "title");
  g_autofree char *other = g_build_filename (f->dir, "other.topiary", NULL);
  GtkWidget *welcome;

  g_assert_cmpstr (title, !=, "");
  g_assert_true (topiary_window_create_map (window, other));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  spin (200);
  welcome = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_WELCOME, 0);
  g_assert_nonnull (welcome);
  g_assert_true (has_row_titled (welcome, title));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-state"))
    return 77;
  ui_test_add_sample ("/ui/state/reopen-as-left", test_reopen_as_left);
  ui_test_add_sample ("/ui/state/reopen-last-at-start", test_reopen_last_at_start);
  ui_test_add ("/ui/state/nothing-to-reopen", test_nothing_to_reopen);
  ui_test_add_sample ("/ui/state/recent-shows-title", test_recent_shows_title);
  return ui_test_run ();
}
