/* topiary-window-writing.c — the window's part of the writing mode
 * (issue 13): full screen (F11, win.fullscreen) with the header bar and
 * the map out of the way, and the "Writing Mode" menu
 *
 * In full screen the article pane's header bar and the sidebar are
 * hidden; the header bar comes back while the pointer is at the top edge
 * and goes again when it moves down past it. Escape leaves full screen.
 * The state is ours, not only the window manager's: the chrome follows
 * the action, and the action follows the window when the window manager
 * ends full screen itself. It is kept in the settings, so a window opens
 * as the last one was left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-window-private.h"

/* How close to the top edge the pointer brings the header bar back, and
 * how far below it the bar goes again, in pixels. */
#define REVEAL_EDGE 4
#define HIDE_BELOW 48

typedef struct {
  GtkWindow     *window;     /* owns this */
  GSettings     *settings;
  GSimpleAction *action;
  GtkWidget     *header;     /* the article pane's header bar */
  GtkWidget     *sidebar;
  gboolean       revealed;   /* the header shown by the pointer */
} Writing;

static void
writing_free (gpointer data)
{
  Writing *w = data;

  g_signal_handlers_disconnect_by_data (w->action, w);
  g_clear_object (&w->settings);
  g_clear_object (&w->action);
  g_free (w);
}

static void
show_chrome (Writing  *w,
             gboolean  shown)
{
  GtkWidget *separator = gtk_widget_get_next_sibling (w->sidebar);

  gtk_widget_set_visible (w->header, shown);
  gtk_widget_set_visible (w->sidebar, shown);
  if (GTK_IS_SEPARATOR (separator))
    gtk_widget_set_visible (separator, shown);
  w->revealed = FALSE;
}

static void
fullscreen_change_state (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  Writing *w = user_data;
  gboolean on = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  show_chrome (w, !on);
  if (on != gtk_window_is_fullscreen (w->window))
    {
      if (on)
        gtk_window_fullscreen (w->window);
      else
        gtk_window_unfullscreen (w->window);
    }
  if (w->settings != NULL && g_settings_get_boolean (w->settings, "fullscreen") != on)
    g_settings_set_boolean (w->settings, "fullscreen", on);
}

static gboolean
is_on (Writing *w)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (w->action));

  return g_variant_get_boolean (state);
}

/* The window manager left (or entered) full screen by itself. */
static void
on_fullscreened (Writing *w)
{
  gboolean fullscreen = gtk_window_is_fullscreen (w->window);

  if (fullscreen != is_on (w))
    g_action_change_state (G_ACTION (w->action), g_variant_new_boolean (fullscreen));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  Writing *w = user_data;

  if (!is_on (w))
    return;
  if (!w->revealed && y <= REVEAL_EDGE)
    {
      gtk_widget_set_visible (w->header, TRUE);
      w->revealed = TRUE;
    }
  else if (w->revealed && y > MAX (gtk_widget_get_height (w->header), 1) + HIDE_BELOW &&
           !gtk_widget_get_focus_child (w->header))
    {
      gtk_widget_set_visible (w->header, FALSE);
      w->revealed = FALSE;
    }
}

static gboolean
leave_fullscreen (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  Writing *w = g_object_get_data (G_OBJECT (widget), "topiary-writing");

  /* Not ours: Escape goes on to whoever else wants it. */
  if (w == NULL || !is_on (w))
    return FALSE;
  g_action_change_state (G_ACTION (w->action), g_variant_new_boolean (FALSE));
  return TRUE;
}

void
_topiary_window_install_writing_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_fullscreen, NULL);
}

static GMenu *
writing_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("_Focus Mode"), "article.focus-mode");
  g_menu_append (menu, _("_Typewriter Scrolling"), "article.typewriter");
  g_menu_append (menu, _("F_ull Screen"), "win.fullscreen");
  return menu;
}

void
_topiary_window_setup_writing (TopiaryWindow *self,
                               GSettings     *settings,
                               GMenu         *main_menu,
                               GtkWidget     *header,
                               GtkWidget     *sidebar)
{
  Writing *w = g_new0 (Writing, 1);
  g_autoptr(GMenu) menu = writing_menu ();
  g_autoptr(GMenu) section = g_menu_new ();
  GtkEventController *motion;

  w->window = GTK_WINDOW (self);
  w->settings = settings ? g_object_ref (settings) : NULL;
  w->header = header;
  w->sidebar = sidebar;
  w->action = g_simple_action_new_stateful ("fullscreen", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect (w->action, "change-state", G_CALLBACK (fullscreen_change_state), w);
  g_object_set_data_full (G_OBJECT (self), "topiary-writing", w, writing_free);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (w->action));

  /* Before Preferences, Shortcuts and About. */
  g_menu_append_submenu (section, _("_Writing Mode"), G_MENU_MODEL (menu));
  g_menu_insert_section (main_menu, MAX (0, g_menu_model_get_n_items (G_MENU_MODEL (main_menu)) - 1),
                         NULL, G_MENU_MODEL (section));

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), w);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), w);

  if (settings != NULL && g_settings_get_boolean (settings, "fullscreen"))
    g_action_change_state (G_ACTION (w->action), g_variant_new_boolean (TRUE));
}
