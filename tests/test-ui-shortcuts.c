/* test-ui-shortcuts.c — the keyboard shortcuts, pressed for real (issue 10)
 *
 * The actions moved from the window to their owners (map.* to
 * TopiaryMapActions, article.* to the editor); these cases press the keys
 * with xdotool on the X server the tests run on, with the focus where a
 * user has it, and check that the shortcut still does its job: Ctrl+N
 * makes an article from the editor and from the map, Ctrl+B bolds in the
 * editor, F2 renames from the map, and so on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"

/* The first pillar of the sample, opened in the editor. */
static gint64
open_first_pillar (void)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (topiary_window_get_project (window), NULL);
  gint64 article_id = 0;

  for (guint i = 0; article_id == 0 && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
        article_id = topiary_article_get_id (article);
    }
  g_assert_cmpint (article_id, !=, 0);
  g_assert_true (topiary_window_open_article (window, article_id));
  spin (200);
  return article_id;
}

static void
focus_editor (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window))));
}

static void
focus_map (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window))));
}

static void
test_new_article_from_anywhere (UiFixture     *f,
                                gconstpointer  data)
{
  g_autofree char *from_editor = NULL;
  g_autofree char *from_map = NULL;
  g_autofree char *group = NULL;

  open_first_pillar ();
  focus_editor ();
  ui_press ("ctrl+n");
  from_editor = close_message_dialog ();
  g_assert_cmpstr (from_editor, ==, "New Article");

  focus_map ();
  ui_press ("ctrl+n");
  from_map = close_message_dialog ();
  g_assert_cmpstr (from_map, ==, "New Article");

  focus_editor ();
  ui_press ("ctrl+shift+n");
  group = close_message_dialog ();
  g_assert_cmpstr (group, ==, "New Group");
}

static void
test_map_keys_in_map (UiFixture     *f,
                      gconstpointer  data)
{
  g_autofree char *rename = NULL;
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) after = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  guint n = topiary_project_count_articles (project, NULL);
  gint64 article_id = open_first_pillar ();

  /* Ctrl+Shift+D duplicates the selected article, and opens the copy
   * (GtkWindow binds it to the inspector: the map has to come first). */
  focus_map ();
  ui_press ("ctrl+shift+d");
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, n + 1);
  g_assert_cmpint (topiary_window_get_article_id (window), !=, article_id);
  copy = topiary_project_get_article (project, topiary_window_get_article_id (window), FALSE, NULL);
  g_assert_nonnull (copy);
  g_assert_true (g_str_has_suffix (topiary_article_get_title (copy), "(copy)"));
  /* The copy of a pillar is a cluster under it. */
  g_assert_cmpint (topiary_article_get_kind (copy), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (copy), ==, article_id);

  /* Alt+Down moves it below the pillar's next cluster, Alt+Up back. */
  focus_map ();
  ui_press ("alt+Down");
  after = topiary_project_get_article (project, topiary_article_get_id (copy), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (after), >, topiary_article_get_position (copy));
  g_clear_object (&after);
  focus_map ();
  ui_press ("alt+Up");
  after = topiary_project_get_article (project, topiary_article_get_id (copy), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (after), ==, topiary_article_get_position (copy));

  focus_map ();
  ui_press ("F2");
  rename = close_message_dialog ();
  g_assert_cmpstr (rename, ==, "Rename");
}

static void
test_editor_keys (UiFixture     *f,
                  gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  GtkSearchBar *search_bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (editor), TOPIARY_TYPE_EDITOR,
                                                                           "search_bar"));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  open_first_pillar ();
  gtk_text_buffer_set_text (buffer, "plain words", -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  gtk_text_iter_forward_chars (&end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  focus_editor ();
  ui_press ("ctrl+b");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "**plain** words");

  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  focus_editor ();
  ui_press ("ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));

  /* From the map too, as before the actions moved to the editor. */
  gtk_search_bar_set_search_mode (search_bar, FALSE);
  focus_map ();
  ui_press ("ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
}

static void
test_window_keys (UiFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *layout = NULL;

  open_first_pillar ();
  /* Alt+1 from the editor shows the editor alone; Alt+2 side by side. */
  focus_editor ();
  ui_press ("alt+1");
  g_object_get (window, "layout", &layout, NULL);
  g_assert_cmpstr (layout, ==, "editor");
  g_clear_pointer (&layout, g_free);
  focus_map ();
  ui_press ("alt+2");
  g_object_get (window, "layout", &layout, NULL);
  g_assert_cmpstr (layout, ==, "split");

  /* Ctrl+W from the editor closes the map. */
  focus_editor ();
  ui_press ("ctrl+w");
  g_assert_null (topiary_window_get_project (window));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-shortcuts"))
    return 77;
  if (!ui_can_press ())
    {
      g_printerr ("No X display or no xdotool: skipping.\n");
      return 77;
    }
  ui_test_add_sample ("/ui/shortcuts/new-article-from-anywhere", test_new_article_from_anywhere);
  ui_test_add_sample ("/ui/shortcuts/map-keys-in-map", test_map_keys_in_map);
  ui_test_add_sample ("/ui/shortcuts/editor-keys", test_editor_keys);
  ui_test_add_sample ("/ui/shortcuts/window-keys", test_window_keys);
  return ui_test_run ();
}
