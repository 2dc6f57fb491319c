/* test-ui-narrow.c — narrow windows and phones (issue 14)
 *
 * The window is resized to 1200, 700 and 360 px (360 is the GNOME mobile
 * width): the map and the article fold into pages, the editor and the
 * preview become one pane with a switcher, the details and the main menu
 * stay reachable, and no view asks for more than 360 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-article-pane.h"
#include "topiary-preferences.h"
#include "topiary-sidebar.h"

#define PHONE_WIDTH 360

/* The window's frame (client-side decorations) takes a few pixels of the
 * size asked for. */
static gboolean
window_width_is (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 20;
}

static void print_too_wide (GtkWidget *w,
                            int        width,
                            int        depth);

/* The window at @width × 720, as a user or a phone's shell leaves it.
 * Without a window manager, a window held wider than asked (by a header
 * that still shows the wide view switch) stays so: from wide, the cases
 * narrow the window through 700 px as a user dragging its edge would. */
static void
resize (int width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  if (!wait_for (window_width_is, GINT_TO_POINTER (width), 5000))
    {
      print_too_wide (GTK_WIDGET (window), width, 0);
      g_error ("the window is %d px wide, not %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
    }
  spin (300);
}

/* What the window's content needs at least: above 360 px GTK cannot make
 * the window that narrow. */
static int
content_min_width (GtkWindow *w)
{
  GtkWidget *content = ADW_IS_APPLICATION_WINDOW (w)
                       ? adw_application_window_get_content (ADW_APPLICATION_WINDOW (w))
                       : ADW_IS_WINDOW (w) ? adw_window_get_content (ADW_WINDOW (w))
                       : gtk_window_get_child (w);
  int min = 0, nat = 0;

  g_assert_nonnull (content);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

/* Prints the visible widgets under @w that need more than @width, for
 * a failure to name what is too wide. */
static void
print_too_wide (GtkWidget *w,
                int        width,
                int        depth)
{
  int min = 0;

  if (!gtk_widget_get_visible (w))
    return;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  /* Those too wide, and what they hold. */
  g_printerr ("%*s%s %s: %d px\n", depth * 2, "", G_OBJECT_TYPE_NAME (w),
              gtk_widget_get_tooltip_text (w) ? gtk_widget_get_tooltip_text (w) : "", min);
  if (min <= width)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    print_too_wide (c, width, depth + 1);
}

static gboolean
fits_phone (gpointer data)
{
  return content_min_width (GTK_WINDOW (data)) <= PHONE_WIDTH;
}

/* The header's view switch goes after the frame that made the pane
 * narrow (an idle): on a busy machine that may take a moment. */
static void
assert_window_fits_phone (GtkWindow *w)
{
  int min;

  wait_for (fits_phone, w, 3000);
  min = content_min_width (w);

  if (min > PHONE_WIDTH)
    {
      print_too_wide (GTK_WIDGET (w), PHONE_WIDTH, 0);
      g_error ("%s needs %d px, more than %d", G_OBJECT_TYPE_NAME (w), min, PHONE_WIDTH);
    }
}

static void
assert_fits_phone (void)
{
  assert_window_fits_phone (GTK_WINDOW (window));
}

static AdwLeaflet *
leaflet (void)
{
  GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET, 0);

  g_assert_nonnull (w);
  return ADW_LEAFLET (w);
}

static TopiaryArticlePane *
pane (void)
{
  GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_ARTICLE_PANE, 0);

  g_assert_nonnull (w);
  return TOPIARY_ARTICLE_PANE (w);
}

/* The toggle button named @name (its accessible label) that shows, in @root. */
static GtkWidget *
find_shown_button (GtkWidget  *root,
                   GType       type,
                   const char *tooltip)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_widget_of_type (root, type, i);

      if (w == NULL)
        return NULL;
      if (gtk_widget_get_mapped (w) && gtk_widget_get_width (w) > 0 &&
          g_strcmp0 (gtk_widget_get_tooltip_text (w), tooltip) == 0)
        return w;
    }
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  const char *tooltip;
  gboolean    shown;
} ButtonWait;

static gboolean
button_as_wanted (gpointer data)
{
  ButtonWait *w = data;

  return (find_shown_button (w->root, w->type, w->tooltip) != NULL) == w->shown;
}

/* The header's buttons follow the pane's width after a frame or an idle:
 * on a busy machine that takes a moment, so a button is waited for (or
 * waited away) before it is looked at. */
static GtkWidget *
wait_shown_button (GtkWidget  *root,
                   GType       type,
                   const char *tooltip,
                   gboolean    shown)
{
  ButtonWait w = { root, type, tooltip, shown };

  wait_for (button_as_wanted, &w, 10000);
  return find_shown_button (root, type, tooltip);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* A main menu (the one with Export and Close Map) shows in @root. */
static gboolean
shows_main_menu (GtkWidget *root)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_widget_of_type (root, GTK_TYPE_MENU_BUTTON, i);
      GMenuModel *model;

      if (w == NULL)
        return FALSE;
      model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w));
      if (gtk_widget_get_mapped (w) && model != NULL &&
          menu_has_action (model, "win.export") && menu_has_action (model, "win.close-project"))
        return TRUE;
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Mapped and given its room. */
static gboolean
is_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 10;
}

/* @w shows, and all of it is inside the window. */
static void
assert_inside_window (GtkWidget *w)
{
  graphene_rect_t bounds;

  g_test_message ("inside? %s", G_OBJECT_TYPE_NAME (w));
  g_assert_true (gtk_widget_get_mapped (w));
  g_assert_true (gtk_widget_compute_bounds (w, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 10);
  g_assert_cmpfloat (bounds.origin.x, >=, -0.5);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)) + 0.5);
}

/* ---- the cases ---- */

/* Wide: the map beside the article, editor beside preview, no switcher.
 * 700 px: the map is a page of its own and the article shows one pane
 * with a switcher. 360 px: the same, and the switcher changes the pane. */
static void
test_article_widths (UiFixture     *f,
                     gconstpointer  data)
{
  GtkWidget *editor, *preview, *switcher, *to_preview, *to_editor;

  ui_open_first_pillar ();
  editor = GTK_WIDGET (topiary_window_get_editor (window));
  preview = GTK_WIDGET (topiary_window_get_preview (window));
  g_assert_nonnull (preview);

  resize (1200);
  g_assert_false (adw_leaflet_get_folded (leaflet ()));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_true (gtk_widget_get_mapped (preview));
  g_assert_null (wait_shown_button (GTK_WIDGET (pane ()), GTK_TYPE_TOGGLE_BUTTON, "Show the Preview", FALSE));
  /* The header's view switch instead. */
  g_assert_nonnull (wait_shown_button (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Editor and Preview (Alt+2)", TRUE));

  for (guint i = 0; i < 2; i++)
    {
      int width = i == 0 ? 700 : PHONE_WIDTH;

      g_test_message ("%d px", width);
      resize (width);
      assert_fits_phone ();
      g_assert_true (adw_leaflet_get_folded (leaflet ()));
      g_assert_true (adw_leaflet_get_visible_child (leaflet ()) != GTK_WIDGET (topiary_window_get_sidebar (window)));
      /* One pane, the editor (where the cursor is), and a switcher. */
      g_assert_true (gtk_widget_get_mapped (editor));
      g_assert_false (gtk_widget_get_mapped (preview));
      to_preview = wait_shown_button (GTK_WIDGET (pane ()), GTK_TYPE_TOGGLE_BUTTON, "Show the Preview", TRUE);
      to_editor = find_shown_button (GTK_WIDGET (pane ()), GTK_TYPE_TOGGLE_BUTTON, "Show the Editor");
      g_assert_nonnull (to_preview);
      g_assert_nonnull (to_editor);
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (to_editor)));
      assert_inside_window (editor);
      switcher = gtk_widget_get_parent (to_preview);
      assert_inside_window (switcher);

      gtk_widget_activate (to_preview);
      g_assert_true (wait_for (is_shown, preview, 5000));
      g_assert_false (gtk_widget_get_mapped (editor));
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (to_preview)));
      assert_inside_window (preview);
      gtk_widget_activate (to_editor);
      g_assert_true (wait_for (is_shown, editor, 5000));
      g_assert_false (gtk_widget_get_mapped (preview));
    }
  if (g_getenv ("TOPIARY_UI_SHOTS") != NULL)
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window))),
                              "A Flask application grows from one file into a package of "
                              "blueprints, each with its views, templates and tests.\n\n"
                              "## Start with an application factory\n\n"
                              "`create_app()` builds the app from a configuration, so tests "
                              "and production each get their own.\n", -1);
  shot ("narrow-article.png");

  /* Wide again: both, as the layout setting says. */
  resize (1200);
  g_assert_false (adw_leaflet_get_folded (leaflet ()));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_true (wait_for (is_shown, preview, 5000));
}

/* The details panel at 360 px: its button shows, and the panel comes up
 * over the text, all of it inside the window. */
static void
test_details_reachable (UiFixture     *f,
                        gconstpointer  data)
{
  GtkWidget *details, *button;

  ui_open_first_pillar ();
  resize (700);
  g_test_message ("pane %d px, narrow %d", gtk_widget_get_width (GTK_WIDGET (pane ())),
                  topiary_article_pane_get_narrow (pane ()));
  /* One view switch: the pane's. */
  g_assert_null (wait_shown_button (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Editor and Preview (Alt+2)", FALSE));
  resize (PHONE_WIDTH);
  details = GTK_WIDGET (topiary_window_get_details (window));
  g_assert_false (gtk_widget_get_mapped (details));
  button = wait_shown_button (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Article Details (F9)", TRUE);
  g_assert_nonnull (button);
  assert_inside_window (button);
  gtk_widget_activate (button);
  g_assert_true (wait_for (is_shown, details, 5000));
  spin (600);  /* the flap's animation */
  assert_inside_window (details);
  assert_fits_phone ();
  shot ("narrow-details.png");
}

/* Folded at 360 px, the map's page has the main menu (Export, Close Map…),
 * and the map's page and the overview fit. */
static void
test_map_page_menu (UiFixture     *f,
                    gconstpointer  data)
{
  GtkWidget *sidebar = GTK_WIDGET (topiary_window_get_sidebar (window));

  resize (1200);
  g_assert_false (adw_leaflet_get_folded (leaflet ()));
  resize (PHONE_WIDTH);
  assert_fits_phone ();
  g_assert_true (adw_leaflet_get_folded (leaflet ()));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  spin (600);
  g_assert_true (adw_leaflet_get_visible_child (leaflet ()) == sidebar);
  g_assert_true (shows_main_menu (sidebar));
  assert_inside_window (sidebar);
  shot ("narrow-map.png");

  /* The overview's page, then an article's and back: the menu is still there. */
  ui_open_first_pillar ();
  spin (300);
  g_assert_true (adw_leaflet_get_visible_child (leaflet ()) != sidebar);
  assert_fits_phone ();
  /* With the editor's find and replace bar open too. */
  gtk_widget_activate_action (GTK_WIDGET (topiary_window_get_editor (window)), "article.replace", NULL);
  spin (300);
  assert_fits_phone ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  spin (600);
  g_assert_true (shows_main_menu (sidebar));

  /* Search results fit too. */
  {
    GtkWidget *entry = find_widget_of_type (sidebar, GTK_TYPE_SEARCH_ENTRY, 0);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
    g_assert_nonnull (entry);
    g_assert_true (wait_for (is_mapped, entry, 5000));
    gtk_editable_set_text (GTK_EDITABLE (entry), "flask");
    spin (800);
    assert_fits_phone ();
    assert_inside_window (entry);
  }
}

static gboolean
find_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        {
          *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* The welcome page, a map's overview and the dialogs a map opens fit a
 * phone too. */
static void
test_dialogs_fit (UiFixture     *f,
                  gconstpointer  data)
{
  static const char *actions[] = { "win.export", "map.new-article" };

  resize (PHONE_WIDTH);
  assert_fits_phone ();
  ui_remove_sample ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_nonnull (topiary_window_get_project (window));
  spin (300);
  assert_fits_phone ();
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWindow *dialog = NULL;

      g_test_message ("%s", actions[i]);
      if (!gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL))
        g_error ("%s cannot be activated", actions[i]);
      g_assert_true (wait_for (find_dialog, &dialog, 10000));
      assert_window_fits_phone (dialog);
      gtk_window_destroy (dialog);
      spin (200);
    }

  /* The preferences (app.preferences shows this window). */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    TopiaryPreferences *preferences = topiary_preferences_new (settings);

    gtk_window_present (GTK_WINDOW (preferences));
    g_assert_true (wait_for (is_mapped, preferences, 10000));
    assert_window_fits_phone (GTK_WINDOW (preferences));
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "test-ui-narrow"))
    return 77;
  /* GNOME's title buttons (a close button only), as on a phone; bare X
   * has minimise and maximise too. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  ui_test_add_sample ("/ui/narrow/article-widths", test_article_widths);
  ui_test_add_sample ("/ui/narrow/details-reachable", test_details_reachable);
  ui_test_add_sample ("/ui/narrow/map-page-menu", test_map_page_menu);
  ui_test_add ("/ui/narrow/dialogs-fit", test_dialogs_fit);
  return ui_test_run ();
}
