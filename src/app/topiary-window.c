/* topiary-window.c — the main window: map, editor, preview and details
 *
 * A shell: the window owns the open TopiaryProject and hands it to its
 * parts, wires their signals, and has the win.* actions (layout,
 * navigation; the file actions are in topiary-window-files.c). Editing
 * the map is TopiaryMapActions' (map.*), writing is TopiaryEditor's
 * (article.*); both groups are inserted here so menus,
 * rows and toasts anywhere in the window reach them. update_actions()
 * alone decides which win.* actions are enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-article-pane.h"
#include "topiary-dialogs.h"
#include "topiary-details.h"
#include "topiary-editor.h"
#include "topiary-graph-view.h"
#include "topiary-importer.h"
#include "topiary-map-actions.h"
#include "topiary-overview.h"
#include "topiary-preview.h"
#include "topiary-sidebar.h"
#include "topiary-switcher.h"
#include "topiary-welcome.h"
#include "topiary-window-private.h"

struct _TopiaryWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GMenu                *main_menu;
  GtkStack             *main_stack;
  TopiaryWelcome       *welcome;
  AdwLeaflet           *leaflet;
  TopiarySidebar       *sidebar;
  AdwWindowTitle       *content_title;
  GtkWidget            *details_button;
  GtkWidget            *layout_box;
  GtkWidget            *history_button;
  GtkPopover           *history_popover;
  GtkListBox           *history_list;
  GtkStack             *content_stack;
  TopiaryOverview      *overview;
  TopiaryGraphView     *graph_view;
  TopiaryArticlePane   *pane;

  TopiaryMapActions    *map_actions;
  TopiaryImporter      *importer;
  GSettings            *settings;
  TopiaryProject       *project;
  gulong                project_changed_id;
  gboolean              drawn;      /* a first frame has been shown */
};

G_DEFINE_FINAL_TYPE (TopiaryWindow, topiary_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_SHOW_GRAPH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (TopiaryWindow *self);
static void update_title (TopiaryWindow *self);

gint64
topiary_window_get_article_id (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), 0);
  return topiary_article_pane_get_article_id (self->pane);
}

TopiaryProject *
topiary_window_get_project (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return self->project;
}

TopiarySidebar *
topiary_window_get_sidebar (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return self->sidebar;
}

TopiaryEditor *
topiary_window_get_editor (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return topiary_article_pane_get_editor (self->pane);
}

TopiaryPreview *
topiary_window_get_preview (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return topiary_article_pane_get_preview (self->pane);
}

TopiaryDetails *
topiary_window_get_details (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return topiary_article_pane_get_details (self->pane);
}

void
topiary_window_add_toast (TopiaryWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (TOPIARY_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_topiary_window_toast (TopiaryWindow *self,
                      const char    *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, topiary_toast_new (message));
}

void
_topiary_window_show_error (TopiaryWindow *self,
                            const char    *heading,
                            const char    *body)
{
  topiary_show_error (GTK_WINDOW (self), heading, body);
}

/* ---- project ---- */

gboolean
topiary_window_save (TopiaryWindow  *self,
                     GError        **error)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  return topiary_article_pane_save (self->pane, error);
}

void
_topiary_window_save_or_toast (TopiaryWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self, &error))
    _topiary_window_toast (self, error->message);
}

/* The one place project changes are handed out. A body save by the
 * editor changes nothing the tree or the details panel show, and on a
 * large map re-reading it after every autosave would stall typing. */
static void
on_project_changed (TopiaryWindow *self,
                    const char    *what)
{
  topiary_overview_queue_refresh (self->overview);
  if (g_strcmp0 (what, "elsewhere") == 0)
    {
      g_autoptr(GError) error = NULL;

      /* Another window or process wrote: anything may have changed. */
      topiary_sidebar_queue_refresh (self->sidebar);
      topiary_details_project_changed (topiary_article_pane_get_details (self->pane));
      update_title (self);
      if (!topiary_editor_reload_changed (topiary_article_pane_get_editor (self->pane), &error))
        _topiary_window_toast (self, error->message);
      topiary_article_pane_render (self->pane);
      return;
    }
  if (topiary_article_pane_is_saving_body (self->pane))
    return;
  if (g_strcmp0 (what, "notes") != 0)
    topiary_sidebar_queue_refresh (self->sidebar);
  if (g_strcmp0 (what, "articles") == 0 || g_strcmp0 (what, "groups") == 0)
    topiary_details_project_changed (topiary_article_pane_get_details (self->pane));
  if (g_strcmp0 (what, "map") == 0 || g_strcmp0 (what, "articles") == 0)
    update_title (self);
  /* An article added, renamed or deleted: the preview's links may resolve
   * differently now. */
  if (g_strcmp0 (what, "articles") == 0)
    topiary_article_pane_render (self->pane);
}

void
_topiary_window_set_project (TopiaryWindow  *self,
                             TopiaryProject *project)
{
  _topiary_window_save_or_toast (self);
  _topiary_window_save_state (self);

  topiary_article_pane_load (self->pane, 0, NULL);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->project_changed_id, self->project);
      topiary_project_close (self->project);
    }
  g_set_object (&self->project, project);

  topiary_sidebar_set_project (self->sidebar, project);
  topiary_map_actions_set_project (self->map_actions, project);
  topiary_article_pane_set_project (self->pane, project, topiary_sidebar_get_tree (self->sidebar));
  /* The sidebar's tree was just built: the overview counts from it. */
  topiary_overview_set_project (self->overview, project,
                                project ? topiary_sidebar_get_tree (self->sidebar) : NULL);
  topiary_graph_view_set_project (self->graph_view, project);
  if (project != NULL)
    {
      g_autoptr(GError) watch_error = NULL;

      /* Without a watch (a file system with no monitors) the window still
       * never replaces another writer's text: see topiary_editor_save(). */
      if (!topiary_project_watch (project, &watch_error))
        g_debug ("Not watching %s: %s", topiary_project_get_path (project), watch_error->message);
      self->project_changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed),
                                                          self, G_CONNECT_SWAPPED);
      if (topiary_project_get_path (project) != NULL)
        topiary_welcome_remember (self->welcome, topiary_project_get_path (project), TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
      /* A project opened before the first frame (from the command line)
       * has no welcome page to fade from: no transition drawing both. */
      gtk_stack_set_visible_child_full (self->main_stack, "project",
                                        self->drawn ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                    : GTK_STACK_TRANSITION_TYPE_NONE);
      topiary_sidebar_select_map (self->sidebar);
      _topiary_window_restore_state (self);
      if (topiary_project_is_read_only (project))
        _topiary_window_toast (self, _("This project is read-only: changes cannot be saved."));
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");

  update_title (self);
  update_actions (self);
  _topiary_window_update_export_again (self);
}

gboolean
topiary_window_open_path (TopiaryWindow *self,
                          const char    *path)
{
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->project != NULL && g_strcmp0 (topiary_project_get_path (self->project), path) == 0)
    return TRUE;
  /* Open in another window of this process: that one comes forward. */
  if (_topiary_window_present_other (self, path))
    return TRUE;

  start = g_get_monotonic_time ();
  project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      if (g_error_matches (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND))
        topiary_welcome_remember (self->welcome, path, FALSE);
      topiary_show_open_error (GTK_WINDOW (self), error);
      return FALSE;
    }
  if (!topiary_project_is_read_only (project))
    {
      gboolean held = FALSE;

      if (!topiary_project_claim (project, &held, &error))
        g_debug ("No claim on %s: %s", path, error->message);
      else if (held)
        {
          /* Open in another process: the user chooses how to open it. */
          topiary_project_close (project);
          _topiary_window_ask_open_claimed (self, path);
          return FALSE;
        }
    }
  _topiary_window_set_project (self, project);
  if (g_strcmp0 (g_getenv ("TOPIARY_BENCH"), "1") == 0)
    g_print ("TOPIARY_BENCH open-project ms=%.2f articles=%u\n",
             (g_get_monotonic_time () - start) / 1000.0, topiary_project_count_articles (project, NULL));
  return TRUE;
}

/* ---- title, layout, actions ---- */

static void
update_title (TopiaryWindow *self)
{
  g_autofree char *map_title = NULL;
  g_autofree char *file = NULL;
  gint64 id = topiary_window_get_article_id (self);
  TopiaryArticle *article = topiary_details_get_article (topiary_article_pane_get_details (self->pane));

  if (self->project == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Topiary"));
      return;
    }

  map_title = topiary_project_get_map_field (self->project, "title");
  file = g_path_get_basename (topiary_project_get_path (self->project));
  gtk_window_set_title (GTK_WINDOW (self), map_title && *map_title ? map_title : file);

  if (id != 0 && article != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "article") == 0)
    {
      adw_window_title_set_title (self->content_title, topiary_article_get_title (article));
      adw_window_title_set_subtitle (self->content_title, topiary_article_get_slug (article));
    }
  else
    {
      adw_window_title_set_title (self->content_title, map_title && *map_title ? map_title : _("Untitled map"));
      adw_window_title_set_subtitle (self->content_title, file);
    }
}

/* The view switch's toggle buttons follow win.layout through their action,
 * which in GTK 4.8 draws them checked but tells screen readers nothing. */
static void
update_layout_buttons (TopiaryWindow *self)
{
  g_autofree char *layout = NULL;

  g_object_get (self->pane, "layout", &layout, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (self->layout_box);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target;

      if (!GTK_IS_ACTIONABLE (child))
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));
      if (target == NULL || !g_variant_is_of_type (target, G_VARIANT_TYPE_STRING))
        continue;
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_PRESSED,
                                   g_strcmp0 (g_variant_get_string (target, NULL), layout) == 0
                                   ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                   -1);
    }
}

static void
set_layout (TopiaryWindow *self,
            const char    *layout)
{
  if (self->pane != NULL)
    g_object_set (self->pane, "layout", layout, NULL);
}

static void
on_layout_changed (TopiaryWindow *self)
{
  update_layout_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

static void
update_actions (TopiaryWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->project != NULL;
  gboolean importing = topiary_importer_is_busy (self->importer);
  gboolean editing = open && topiary_window_get_article_id (self) != 0;

  gtk_widget_set_visible (self->details_button, editing);
  /* Narrow, the pane has its own switcher; before it has a width, the
   * header does not offer one that might not fit (a phone). */
  gtk_widget_set_visible (self->layout_box, editing && topiary_article_pane_get_wide (self->pane));
  gtk_widget_set_visible (self->history_button, editing);
  gtk_widget_action_set_enabled (widget, "win.close-project", open);
  gtk_widget_action_set_enabled (widget, "win.search", open);
  gtk_widget_action_set_enabled (widget, "win.quick-open", open);
  gtk_widget_action_set_enabled (widget, "win.export", open);
  gtk_widget_action_set_enabled (widget, "win.show-graph", open);
  gtk_widget_action_set_enabled (widget, "win.import", !importing);
  gtk_widget_action_set_enabled (widget, "win.import-folder", !importing);
  gtk_widget_action_set_enabled (widget, "win.import-paste", !importing);
  gtk_widget_action_set_enabled (widget, "win.save", editing);
  gtk_widget_action_set_enabled (widget, "win.toggle-details", editing);
  topiary_map_actions_update (self->map_actions);
}

/* ---- showing things ---- */

void
topiary_window_show_map (TopiaryWindow *self,
                         gint64         group_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOPIARY_IS_WINDOW (self));

  topiary_overview_show (self->overview, topiary_sidebar_get_tree (self->sidebar), group_id);
  if (!topiary_article_pane_load (self->pane, 0, &error))
    _topiary_window_toast (self, error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  update_title (self);
  update_actions (self);
}

void
topiary_window_show_graph (TopiaryWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOPIARY_IS_WINDOW (self));

  if (self->project == NULL)
    return;
  /* The text being written is saved first: the graph reads the file. */
  if (!topiary_article_pane_load (self->pane, 0, &error))
    _topiary_window_toast (self, error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "graph");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  topiary_graph_view_show (self->graph_view);
  gtk_widget_grab_focus (GTK_WIDGET (topiary_graph_view_get_canvas (self->graph_view)));
  update_title (self);
  update_actions (self);
}

static void
on_content_page_changed (TopiaryWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRAPH]);
}

gboolean
topiary_window_open_article (TopiaryWindow *self,
                             gint64         article_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  if (!topiary_article_pane_load (self->pane, article_id, &error))
    {
      _topiary_window_toast (self, error->message);
      return FALSE;
    }
  topiary_sidebar_select_article (self->sidebar, article_id);
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_title (self);
  update_actions (self);
  return TRUE;
}

static void
on_node_selected (TopiarySidebar *sidebar,
                  TopiaryMapNode *node,
                  TopiaryWindow  *self)
{
  if (node == NULL)
    return;
  if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE)
    topiary_window_open_article (self, topiary_map_node_get_id (node));
  else
    topiary_window_show_map (self, topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP
                         ? topiary_map_node_get_id (node) : 0);
}

static void
on_sidebar_refreshed (TopiarySidebar *sidebar,
                      TopiaryWindow  *self)
{
  update_actions (self);
}

gboolean
topiary_window_activate_article (TopiaryWindow *self,
                                 gint64         article_id)
{
  GtkWidget *view;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  if (!topiary_window_open_article (self, article_id))
    return FALSE;
  /* Enter on a row or a search result: the writer goes on writing. */
  view = GTK_WIDGET (topiary_editor_get_view (topiary_article_pane_get_editor (self->pane)));
  if (gtk_widget_get_mapped (view))
    gtk_widget_grab_focus (view);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->pane), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
on_article_activated (TopiarySidebar *sidebar,
                      gint64          article_id,
                      TopiaryWindow  *self)
{
  topiary_window_activate_article (self, article_id);
}

static void
on_pane_message (TopiaryWindow *self,
                 const char    *message)
{
  _topiary_window_toast (self, message);
}

static void
on_pane_open_article (TopiaryWindow *self,
                      gint64         article_id)
{
  topiary_window_open_article (self, article_id);
}

static void
on_pane_create_article (TopiaryWindow *self,
                        const char    *title)
{
  topiary_map_actions_offer_linked_article (self->map_actions, title);
}

/* Here, not only on the editor: the main menu and the history list reach
 * article.* too. */
static void
on_editor_made (TopiaryWindow *self)
{
  TopiaryEditor *editor = topiary_article_pane_get_editor (self->pane);

  gtk_widget_insert_action_group (GTK_WIDGET (self), "article", topiary_editor_get_actions (editor));
}

static void
on_revision_restored (TopiaryWindow *self,
                      gint64         article_id)
{
  gtk_popover_popdown (self->history_popover);
  topiary_window_open_article (self, article_id);
  _topiary_window_toast (self, _("Revision restored; the text it replaced was kept as a revision"));
}

/* Filled each time it opens: revisions change as the user works. */
static void
on_history_show (TopiaryWindow *self)
{
  topiary_editor_fill_history (topiary_article_pane_get_editor (self->pane), self->history_list);
}


TopiaryImporter *
topiary_window_get_importer (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return self->importer;
}

TopiaryMapActions *
topiary_window_get_map_actions (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return self->map_actions;
}

static void
win_close_project (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  _topiary_window_set_project (TOPIARY_WINDOW (widget), NULL);
}

static void
win_save (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self, &error))
    _topiary_window_toast (self, error->message);
  else if (topiary_window_get_article_id (self) != 0 &&
           topiary_project_snapshot (self->project, topiary_window_get_article_id (self), "manual", &error) == 0)
    _topiary_window_toast (self, error->message);
  else
    _topiary_window_toast (self, _("Saved, and a revision kept"));
}

static void
win_search (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  topiary_sidebar_begin_search (self->sidebar, NULL);
}

/* Ctrl+P: find an article by title, slug or query and open it. */
static void
win_quick_open (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  TopiarySwitcher *switcher = topiary_switcher_new (TOPIARY_WINDOW (widget));

  if (switcher != NULL)
    gtk_window_present (GTK_WINDOW (switcher));
}

static void
win_toggle_details (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  topiary_article_pane_toggle_details (self->pane);
}

static void
win_cycle_layout (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  topiary_article_pane_cycle_layout (TOPIARY_WINDOW (widget)->pane);
}

static void
win_open_article (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  topiary_window_open_article (TOPIARY_WINDOW (widget), g_variant_get_int64 (param));
}

/* An audit finding that names a line: the article, the cursor at the
 * start of that line, the focus in the editor. */
static void
win_open_article_at_line (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  TopiaryEditor *editor;
  GtkTextIter iter;
  gint64 id;
  guint32 line;

  g_variant_get (param, "(xu)", &id, &line);
  if (!topiary_window_open_article (self, id))
    return;
  editor = topiary_window_get_editor (self);
  /* A line past the end (the text changed since) goes to the last one. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor)), &iter,
                                    line > 0 ? (int) line - 1 : 0);
  topiary_editor_set_cursor_offset (editor, gtk_text_iter_get_offset (&iter));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (editor)));
}

static void
win_back (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  adw_leaflet_navigate (TOPIARY_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- life cycle ---- */

static gboolean
topiary_window_close_request (GtkWindow *window)
{
  TopiaryWindow *self = TOPIARY_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self, &error))
    g_printerr ("%s\n", error->message);
  _topiary_window_save_state (self);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (topiary_window_parent_class)->close_request (window);
}

static void
topiary_window_constructed (GObject *object)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (topiary_window_parent_class)->constructed (object);

  if (app != NULL)
    self->settings = g_object_ref (topiary_application_get_settings (TOPIARY_APPLICATION (app)));
  else
    {
      /* Without a GtkApplication nobody adds our resource icons. */
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      gtk_icon_theme_add_resource_path (theme, "/io/github/topiary/Topiary/icons");
      self->settings = g_settings_new (APP_ID);
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  topiary_article_pane_set_settings (self->pane, self->settings);
  g_settings_bind (self->settings, "preview-layout", self, "layout", G_SETTINGS_BIND_DEFAULT);
  topiary_welcome_set_settings (self->welcome, self->settings);
  _topiary_window_setup_writing (self, self->settings, self->main_menu,
                                 gtk_widget_get_ancestor (GTK_WIDGET (self->content_title), ADW_TYPE_HEADER_BAR),
                                 GTK_WIDGET (self->sidebar));
}

static void
topiary_window_dispose (GObject *object)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);

  if (self->project != NULL)
    {
      topiary_window_save (self, NULL);
      g_clear_signal_handler (&self->project_changed_id, self->project);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_WINDOW);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  if (self->map_actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), "map", NULL);
  g_clear_object (&self->map_actions);
  g_clear_object (&self->importer);
  G_OBJECT_CLASS (topiary_window_parent_class)->dispose (object);
}

static void
topiary_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      /* The property action asks even while the window is disposed. */
      if (self->pane != NULL)
        g_object_get_property (G_OBJECT (self->pane), "layout", value);
      else
        g_value_set_static_string (value, "split");
      break;
    case PROP_SHOW_GRAPH:
      g_value_set_boolean (value, self->content_stack != NULL &&
                           g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "graph") == 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      set_layout (self, g_value_get_string (value));
      break;
    case PROP_SHOW_GRAPH:
      if (g_value_get_boolean (value))
        topiary_window_show_graph (self);
      else if (self->project != NULL)
        topiary_window_show_map (self, 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_window_class_init (TopiaryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = topiary_window_constructed;
  object_class->dispose = topiary_window_dispose;
  object_class->get_property = topiary_window_get_property;
  object_class->set_property = topiary_window_set_property;
  window_class->close_request = topiary_window_close_request;

  /* "editor", "split" or "preview" */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "split",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The content shows the map as a graph (win.show-graph). */
  properties[PROP_SHOW_GRAPH] =
    g_param_spec_boolean ("show-graph", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOPIARY_TYPE_WELCOME);
  g_type_ensure (TOPIARY_TYPE_SIDEBAR);
  g_type_ensure (TOPIARY_TYPE_OVERVIEW);
  g_type_ensure (TOPIARY_TYPE_ARTICLE_PANE);
  g_type_ensure (TOPIARY_TYPE_GRAPH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, main_menu);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, welcome);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, layout_box);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, history_popover);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_history_show);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, pane);
  gtk_widget_class_bind_template_callback (widget_class, on_node_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_article_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_refreshed);

  _topiary_window_install_file_actions (widget_class);
  _topiary_window_install_writing_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, win_close_project);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search);
  gtk_widget_class_install_action (widget_class, "win.quick-open", NULL, win_quick_open);
  gtk_widget_class_install_action (widget_class, "win.toggle-details", NULL, win_toggle_details);
  gtk_widget_class_install_property_action (widget_class, "win.layout", "layout");
  gtk_widget_class_install_action (widget_class, "win.cycle-layout", NULL, win_cycle_layout);
  gtk_widget_class_install_action (widget_class, "win.open-article", "x", win_open_article);
  gtk_widget_class_install_action (widget_class, "win.open-article-at-line", "(xu)", win_open_article_at_line);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, win_back);
  gtk_widget_class_install_property_action (widget_class, "win.show-graph", "show-graph");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK, "win.new-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-new-window", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.quick-open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.show-graph", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.cycle-layout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.layout", "s", "editor");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.layout", "s", "split");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.layout", "s", "preview");
  /* The map's and the article's, here too so they work wherever the focus
   * is; the sidebar and the editor bind them as well. */
  topiary_map_actions_add_shortcuts (widget_class);
  topiary_editor_add_shortcuts (widget_class);
}

static gboolean
preload_preview (gpointer user_data)
{
  topiary_preview_preload ();
  return G_SOURCE_REMOVE;
}

static gboolean
on_first_frame (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TOPIARY_WINDOW (widget)->drawn = TRUE;
  /* Once the frame is painted, not before: loading WebKit's libraries
   * is what the first window no longer waits for. */
  g_idle_add_full (G_PRIORITY_LOW, preload_preview, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
topiary_window_init (TopiaryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
  update_layout_buttons (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_frame, NULL, NULL);

  self->map_actions = topiary_map_actions_new (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (self->map_actions));
  g_signal_connect_object (self->pane, "notify::layout", G_CALLBACK (on_layout_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_stack, "notify::visible-child-name", G_CALLBACK (on_content_page_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "notify::narrow", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "notify::editor", G_CALLBACK (on_editor_made), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "message", G_CALLBACK (on_pane_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "open-article", G_CALLBACK (on_pane_open_article), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "create-article", G_CALLBACK (on_pane_create_article), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "article-changed", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "revision-restored", G_CALLBACK (on_revision_restored), self, G_CONNECT_SWAPPED);
  /* Undo and Redo, labelled with what they undo, and Deleted Articles. */
  g_menu_insert_section (self->main_menu, 1, NULL, topiary_map_actions_get_menu (self->map_actions));
  self->importer = topiary_importer_new (self);
  g_signal_connect_object (self->importer, "notify::busy", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  _topiary_window_setup_drop (self);
  update_title (self);
  update_actions (self);
  _topiary_window_update_export_again (self);
}

TopiaryWindow *
topiary_window_new (TopiaryApplication *app)
{
  return g_object_new (TOPIARY_TYPE_WINDOW, "application", app, NULL);
}
