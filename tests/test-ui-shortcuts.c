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

#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <gtksourceview/gtksource.h>

#include "test-util.h"
#include "topiary-window.h"

typedef struct {
  TopiaryWindow *window;
  gint64         article_id;   /* an article of the sample, open */
} Fixture;

static char *tmp_home;

/* Presses @keys (xdotool's names, e.g. "ctrl+n") on the window. */
static void
press (Fixture    *f,
       const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  const char *key[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  spin (50);
  g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  spin (200);
}

static GtkWindow *
find_dialog (TopiaryWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return w;
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

/* The heading of the dialog the shortcut opened, which is closed again. */
static char *
take_dialog (Fixture *f)
{
  GtkWindow *dialog;
  char *heading;

  if (!wait_for (has_dialog, f->window, 5000))
    return NULL;
  dialog = find_dialog (f->window);
  heading = g_strdup (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)));
  gtk_window_destroy (dialog);
  spin (100);
  return heading;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GListModel) articles = NULL;

  f->window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (is_mapped, f->window, 10000));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-sample", NULL);
  g_assert_nonnull (topiary_window_get_project (f->window));

  /* The first pillar of the sample. */
  articles = topiary_project_list_articles (topiary_window_get_project (f->window), NULL);
  for (guint i = 0; f->article_id == 0 && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
        f->article_id = topiary_article_get_id (article);
    }
  g_assert_cmpint (f->article_id, !=, 0);
  g_assert_true (topiary_window_open_article (f->window, f->article_id));
  spin (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_dialog (f->window)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (100);
}

static void
focus_editor (Fixture *f)
{
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (f->window))));
}

static void
focus_map (Fixture *f)
{
  gtk_widget_grab_focus (GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (f->window))));
}

static void
test_new_article_from_anywhere (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *from_editor = NULL;
  g_autofree char *from_map = NULL;
  g_autofree char *group = NULL;

  focus_editor (f);
  press (f, "ctrl+n");
  from_editor = take_dialog (f);
  g_assert_cmpstr (from_editor, ==, "New Article");

  focus_map (f);
  press (f, "ctrl+n");
  from_map = take_dialog (f);
  g_assert_cmpstr (from_map, ==, "New Article");

  focus_editor (f);
  press (f, "ctrl+shift+n");
  group = take_dialog (f);
  g_assert_cmpstr (group, ==, "New Group");
}

static void
test_map_keys_in_map (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *rename = NULL;
  TopiaryProject *project = topiary_window_get_project (f->window);
  g_autoptr(TopiaryArticle) after = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  guint n = topiary_project_count_articles (project, NULL);

  /* Ctrl+Shift+D duplicates the selected article, and opens the copy
   * (GtkWindow binds it to the inspector: the map has to come first). */
  focus_map (f);
  press (f, "ctrl+shift+d");
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, n + 1);
  g_assert_cmpint (topiary_window_get_article_id (f->window), !=, f->article_id);
  copy = topiary_project_get_article (project, topiary_window_get_article_id (f->window), FALSE, NULL);
  g_assert_nonnull (copy);
  g_assert_true (g_str_has_suffix (topiary_article_get_title (copy), "(copy)"));
  /* The copy of a pillar is a cluster under it. */
  g_assert_cmpint (topiary_article_get_kind (copy), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (copy), ==, f->article_id);

  /* Alt+Down moves it below the pillar's next cluster, Alt+Up back. */
  focus_map (f);
  press (f, "alt+Down");
  after = topiary_project_get_article (project, topiary_article_get_id (copy), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (after), >, topiary_article_get_position (copy));
  g_clear_object (&after);
  focus_map (f);
  press (f, "alt+Up");
  after = topiary_project_get_article (project, topiary_article_get_id (copy), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (after), ==, topiary_article_get_position (copy));

  focus_map (f);
  press (f, "F2");
  rename = take_dialog (f);
  g_assert_cmpstr (rename, ==, "Rename");
}

static void
test_editor_keys (Fixture       *f,
                  gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (f->window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  GtkSearchBar *search_bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (editor), TOPIARY_TYPE_EDITOR,
                                                                           "search_bar"));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_set_text (buffer, "plain words", -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  gtk_text_iter_forward_chars (&end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  focus_editor (f);
  press (f, "ctrl+b");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "**plain** words");

  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  focus_editor (f);
  press (f, "ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));

  /* From the map too, as before the actions moved to the editor. */
  gtk_search_bar_set_search_mode (search_bar, FALSE);
  focus_map (f);
  press (f, "ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
}

static void
test_window_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *layout = NULL;

  /* Alt+1 from the editor shows the editor alone; Alt+2 side by side. */
  focus_editor (f);
  press (f, "alt+1");
  g_object_get (f->window, "layout", &layout, NULL);
  g_assert_cmpstr (layout, ==, "editor");
  g_clear_pointer (&layout, g_free);
  focus_map (f);
  press (f, "alt+2");
  g_object_get (f->window, "layout", &layout, NULL);
  g_assert_cmpstr (layout, ==, "split");

  /* Ctrl+W from the editor closes the map. */
  focus_editor (f);
  press (f, "ctrl+w");
  g_assert_null (topiary_window_get_project (f->window));
}

int
main (int    argc,
      char **argv)
{
  const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  tmp_home = g_dir_make_tmp ("topiary-ui-shortcuts-XXXXXX", NULL);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("topiary-test-ui-shortcuts");
  if (xdotool == NULL || !gtk_init_check () || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("No X display or no xdotool: skipping.\n");
      test_remove_tree (tmp_home);
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  g_test_add ("/ui/shortcuts/new-article-from-anywhere", Fixture, NULL,
              fixture_setup, test_new_article_from_anywhere, fixture_teardown);
  g_test_add ("/ui/shortcuts/map-keys-in-map", Fixture, NULL,
              fixture_setup, test_map_keys_in_map, fixture_teardown);
  g_test_add ("/ui/shortcuts/editor-keys", Fixture, NULL,
              fixture_setup, test_editor_keys, fixture_teardown);
  g_test_add ("/ui/shortcuts/window-keys", Fixture, NULL,
              fixture_setup, test_window_keys, fixture_teardown);
  status = g_test_run ();
  test_remove_tree (tmp_home);
  return status;
}
