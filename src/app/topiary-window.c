/* topiary-window.c — the main window: map, editor, preview and details
 *
 * A shell: the window owns the open TopiaryProject and hands it to its
 * parts, wires their signals, and has the win.* actions (files, layout,
 * navigation). Editing the map is TopiaryMapActions' (map.*), writing is
 * TopiaryEditor's (article.*); both groups are inserted here so menus,
 * rows and toasts anywhere in the window reach them. update_actions()
 * alone decides which win.* actions are enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "topiary-a11y.h"
#include "topiary-dialogs.h"
#include "topiary-details.h"
#include "topiary-editor.h"
#include "topiary-export-dialog.h"
#include "topiary-file-chooser.h"
#include "topiary-import.h"
#include "topiary-import-job.h"
#include "topiary-importer.h"
#include "topiary-map-actions.h"
#include "topiary-overview.h"
#include "topiary-preview.h"
#include "topiary-sidebar.h"
#include "topiary-welcome.h"
#include "topiary-window.h"

struct _TopiaryWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
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
  AdwFlap              *flap;
  GtkPaned             *paned;
  AdwBin               *editor_bin;
  TopiaryEditor        *editor;     /* NULL until ensure_editor() */
  AdwBin               *preview_bin;
  TopiaryPreview       *preview;    /* NULL until ensure_preview() */
  gboolean              preview_failed; /* its module cannot be loaded */
  TopiaryDetails       *details;

  TopiaryMapActions    *map_actions;
  TopiaryImporter      *importer;
  GSettings            *settings;
  TopiaryProject       *project;
  gulong                project_changed_id;
  gboolean              saving_body;
  gboolean              drawn;      /* a first frame has been shown */
  char                 *layout;
};

G_DEFINE_FINAL_TYPE (TopiaryWindow, topiary_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LAYOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (TopiaryWindow *self);
static void update_title (TopiaryWindow *self);
static TopiaryPreview *ensure_preview (TopiaryWindow *self);
static TopiaryEditor *ensure_editor (TopiaryWindow *self);

gint64
topiary_window_get_article_id (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), 0);
  return self->editor != NULL ? topiary_editor_get_article_id (self->editor) : 0;
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
  return ensure_editor (self);
}

TopiaryPreview *
topiary_window_get_preview (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return ensure_preview (self);
}

TopiaryDetails *
topiary_window_get_details (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return self->details;
}

void
topiary_window_add_toast (TopiaryWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (TOPIARY_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast (TopiaryWindow *self,
       const char    *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, topiary_toast_new (message));
}

static void
show_error (TopiaryWindow *self,
            const char    *heading,
            const char    *body)
{
  topiary_show_error (GTK_WINDOW (self), heading, body);
}

/* ---- recent projects ---- */

#define MAX_RECENT 10

/* Puts @path first in the recent list (or only takes it out). */
static void
update_recent (TopiaryWindow *self,
               const char    *path,
               gboolean       add)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 0;

  if (add)
    {
      g_strv_builder_add (builder, path);
      n++;
    }
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
}

/* ---- project ---- */

gboolean
topiary_window_save (TopiaryWindow  *self,
                     GError        **error)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  if (self->editor != NULL && !topiary_editor_save (self->editor, error))
    return FALSE;
  return topiary_details_save (self->details, error);
}

static void
save_or_toast (TopiaryWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self, &error))
    toast (self, error->message);
}

/* The one place project changes are handed out. A body save by the
 * editor changes nothing the tree or the details panel show, and on a
 * large map re-reading it after every autosave would stall typing. */
static void
on_project_changed (TopiaryWindow *self,
                    const char    *what)
{
  topiary_overview_queue_refresh (self->overview);
  if (self->saving_body)
    return;
  if (g_strcmp0 (what, "notes") != 0)
    topiary_sidebar_queue_refresh (self->sidebar);
  if (g_strcmp0 (what, "articles") == 0 || g_strcmp0 (what, "groups") == 0)
    topiary_details_project_changed (self->details);
  if (g_strcmp0 (what, "map") == 0 || g_strcmp0 (what, "articles") == 0)
    update_title (self);
}

static void
on_editor_saving (TopiaryEditor *editor,
                  gboolean       saving,
                  TopiaryWindow *self)
{
  self->saving_body = saving;
}

static void
set_project (TopiaryWindow  *self,
             TopiaryProject *project)
{
  save_or_toast (self);

  if (self->editor != NULL)
    topiary_editor_load_article (self->editor, 0, NULL);
  topiary_details_set_article (self->details, 0);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->project_changed_id, self->project);
      topiary_project_close (self->project);
    }
  g_set_object (&self->project, project);

  topiary_sidebar_set_project (self->sidebar, project);
  topiary_map_actions_set_project (self->map_actions, project);
  if (self->editor != NULL)
    topiary_editor_set_project (self->editor, project);
  topiary_details_set_project (self->details, project);
  topiary_details_set_tree (self->details, topiary_sidebar_get_tree (self->sidebar));
  /* The sidebar's tree was just built: the overview counts from it. */
  topiary_overview_set_project (self->overview, project,
                                project ? topiary_sidebar_get_tree (self->sidebar) : NULL);
  if (project != NULL)
    {
      self->project_changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed),
                                                          self, G_CONNECT_SWAPPED);
      if (self->preview != NULL)
        topiary_preview_set_project (self->preview, project);
      if (topiary_project_get_path (project) != NULL)
        update_recent (self, topiary_project_get_path (project), TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
      /* A project opened before the first frame (from the command line)
       * has no welcome page to fade from: no transition drawing both. */
      gtk_stack_set_visible_child_full (self->main_stack, "project",
                                        self->drawn ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                    : GTK_STACK_TRANSITION_TYPE_NONE);
      topiary_sidebar_select_map (self->sidebar);
      if (topiary_project_is_read_only (project))
        toast (self, _("This project is read-only: changes cannot be saved."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->details), !topiary_project_is_read_only (project));
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");

  update_title (self);
  update_actions (self);
}

static const char *
open_error_heading (const GError *error)
{
  if (error->domain == TOPIARY_PROJECT_ERROR)
    switch (error->code)
      {
      case TOPIARY_PROJECT_ERROR_NOT_SQLITE:
      case TOPIARY_PROJECT_ERROR_FOREIGN:
        return _("Not a Topiary Project");
      case TOPIARY_PROJECT_ERROR_CORRUPT:
        return _("Damaged Project");
      case TOPIARY_PROJECT_ERROR_NEWER:
        return _("Project From a Newer Topiary");
      case TOPIARY_PROJECT_ERROR_NOT_FOUND:
        return _("Project Not Found");
      default:
        break;
      }
  return _("Could Not Open the Project");
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

  start = g_get_monotonic_time ();
  project = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      if (g_error_matches (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_NOT_FOUND))
        update_recent (self, path, FALSE);
      show_error (self, open_error_heading (error), error->message);
      return FALSE;
    }
  set_project (self, project);
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
  TopiaryArticle *article = topiary_details_get_article (self->details);

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
                                   g_strcmp0 (g_variant_get_string (target, NULL), self->layout) == 0
                                   ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                   -1);
    }
}

static void
apply_layout (TopiaryWindow *self)
{
  gboolean editor = g_strcmp0 (self->layout, "preview") != 0;
  gboolean preview = g_strcmp0 (self->layout, "editor") != 0;
  gboolean was_hidden = !gtk_widget_get_visible (GTK_WIDGET (self->preview_bin));

  update_layout_buttons (self);

  gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), editor);
  if (self->editor != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_bin), preview);
  if (self->preview != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->preview), preview);
  /* A hidden preview is not kept up to date: catch up when it shows. */
  if (preview && was_hidden && topiary_window_get_article_id (self) != 0)
    {
      g_autofree char *text = topiary_editor_dup_text (self->editor);
      TopiaryPreview *shown = ensure_preview (self);

      if (shown != NULL)
        {
          topiary_preview_set_article (shown, topiary_window_get_article_id (self));
          topiary_preview_set_markdown (shown, text);
        }
    }
}

static void
set_layout (TopiaryWindow *self,
            const char    *layout)
{
  if (g_strcmp0 (layout, "editor") != 0 && g_strcmp0 (layout, "split") != 0 &&
      g_strcmp0 (layout, "preview") != 0)
    layout = "split";
  if (g_strcmp0 (self->layout, layout) == 0)
    return;
  g_free (self->layout);
  self->layout = g_strdup (layout);
  apply_layout (self);
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
  gtk_widget_set_visible (self->layout_box, editing);
  gtk_widget_set_visible (self->history_button, editing);
  gtk_widget_action_set_enabled (widget, "win.close-project", open);
  gtk_widget_action_set_enabled (widget, "win.search", open);
  gtk_widget_action_set_enabled (widget, "win.export", open);
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
  if (self->editor != NULL && !topiary_editor_load_article (self->editor, 0, &error))
    toast (self, error->message);
  topiary_details_set_article (self->details, 0);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  update_title (self);
  update_actions (self);
}

gboolean
topiary_window_open_article (TopiaryWindow *self,
                             gint64         article_id)
{
  g_autoptr(GError) error = NULL;
  TopiaryArticle *article;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return FALSE;

  ensure_editor (self);
  /* Before loading: the editor's text-changed feeds the preview. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)))
    ensure_preview (self);
  if (topiary_window_get_article_id (self) != article_id)
    {
      if (!topiary_editor_load_article (self->editor, article_id, &error))
        {
          toast (self, error->message);
          return FALSE;
        }
      topiary_details_set_article (self->details, article_id);
    }
  article = topiary_details_get_article (self->details);
  if (article != NULL)
    topiary_editor_set_target_words (self->editor, topiary_article_get_target_words (article));

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

static void
on_article_activated (TopiarySidebar *sidebar,
                      gint64          article_id,
                      TopiaryWindow  *self)
{
  topiary_window_open_article (self, article_id);
}

static void
on_editor_text_changed (TopiaryEditor *editor,
                        TopiaryWindow *self)
{
  g_autofree char *text = NULL;
  TopiaryPreview *preview;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)) || topiary_editor_get_article_id (editor) == 0)
    return;
  if ((preview = ensure_preview (self)) == NULL)
    return;
  text = topiary_editor_dup_text (editor);
  topiary_preview_set_article (preview, topiary_editor_get_article_id (editor));
  topiary_preview_set_markdown (preview, text);
}

static void
on_editor_cursor_moved (TopiaryEditor *editor,
                        guint          line,
                        TopiaryWindow *self)
{
  if (self->preview != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)))
    topiary_preview_scroll_to_line (self->preview, line);
}

static void
on_editor_save_failed (TopiaryEditor *editor,
                       const char    *message,
                       TopiaryWindow *self)
{
  toast (self, message);
}

/* Made when an article is first shown, like the preview: the map is
 * what a window shows first, and a GtkSourceView with its Markdown
 * language costs a good part of a cold start. */
static void
on_editor_show_requested (TopiaryEditor *editor,
                          TopiaryWindow *self)
{
  if (g_strcmp0 (self->layout, "preview") == 0)
    set_layout (self, "split");
}

static gboolean
on_editor_restoring (TopiaryEditor *editor,
                     TopiaryWindow *self)
{
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->history_popover);
  if (!topiary_details_save (self->details, &error))
    {
      toast (self, error->message);
      return TRUE;
    }
  return FALSE;
}

static void
on_revision_restored (TopiaryEditor *editor,
                      gint64         article_id,
                      TopiaryWindow *self)
{
  topiary_details_set_article (self->details, article_id);
  topiary_window_open_article (self, article_id);
  toast (self, _("Revision restored; the text it replaced was kept as a revision"));
}

static void
on_history_show (TopiaryWindow *self)
{
  topiary_editor_fill_history (ensure_editor (self), self->history_list);
}

static TopiaryEditor *
ensure_editor (TopiaryWindow *self)
{
  if (self->editor != NULL)
    return self->editor;

  self->editor = g_object_new (TOPIARY_TYPE_EDITOR, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->editor),
                          gtk_widget_get_visible (GTK_WIDGET (self->editor_bin)));
  g_signal_connect_object (self->editor, "text-changed",
                           G_CALLBACK (on_editor_text_changed), self, 0);
  g_signal_connect_object (self->editor, "cursor-moved",
                           G_CALLBACK (on_editor_cursor_moved), self, 0);
  g_signal_connect_object (self->editor, "save-failed",
                           G_CALLBACK (on_editor_save_failed), self, 0);
  g_signal_connect_object (self->editor, "saving",
                           G_CALLBACK (on_editor_saving), self, 0);
  g_signal_connect_object (self->editor, "action-failed",
                           G_CALLBACK (on_editor_save_failed), self, 0);
  g_signal_connect_object (self->editor, "show-requested",
                           G_CALLBACK (on_editor_show_requested), self, 0);
  g_signal_connect_object (self->editor, "restoring",
                           G_CALLBACK (on_editor_restoring), self, 0);
  g_signal_connect_object (self->editor, "revision-restored",
                           G_CALLBACK (on_revision_restored), self, 0);
  /* Here, not only on the editor: the main menu and the history list
   * reach article.* too. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "article", topiary_editor_get_actions (self->editor));
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  if (self->settings != NULL)
    topiary_editor_set_settings (self->editor, self->settings);
  if (self->project != NULL)
    topiary_editor_set_project (self->editor, self->project);
  return self->editor;
}

static void
on_preview_open_article (TopiaryPreview *preview,
                         const char     *slug,
                         TopiaryWindow  *self)
{
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  article = topiary_project_get_article_by_slug (self->project, slug, FALSE, &error);
  if (error != NULL)
    {
      toast (self, error->message);
      return;
    }
  if (article == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no article “%s”."), slug);
      toast (self, message);
      return;
    }
  topiary_window_open_article (self, topiary_article_get_id (article));
}

/* Creates the article an unresolved wiki link names, next to the one
 * being written: a cluster of the same pillar, or an idea. */
static void
create_linked_article (TopiaryWindow *self,
                       const char    *title)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TopiaryArticle *current = topiary_details_get_article (self->details);
  gint64 group_id = current ? topiary_article_get_group_id (current) : 0;

  topiary_article_set_title (article, title);
  topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
  topiary_article_set_group_id (article, group_id);
  if (group_id != 0)
    topiary_article_set_parent_id (article, topiary_article_get_kind (current) == TOPIARY_KIND_PILLAR
                                            ? topiary_article_get_id (current)
                                            : topiary_article_get_parent_id (current));
  topiary_article_set_status (article, group_id ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_IDEA);
  if (!topiary_project_add_article (self->project, article, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  /* The link resolves now: render again. */
  if (self->editor != NULL)
    on_editor_text_changed (self->editor, self);
  message = g_strdup_printf (_("“%s” added to the map"), title);
  toast (self, message);
}

static void
on_create_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TopiaryWindow    *self)
{
  if (g_strcmp0 (response, "create") == 0 && self->project != NULL)
    create_linked_article (self, g_object_get_data (G_OBJECT (dialog), "title"));
}

static void
on_preview_create_article (TopiaryPreview *preview,
                           const char     *target,
                           TopiaryWindow  *self)
{
  GtkWidget *dialog;

  if (self->project == NULL || topiary_project_is_read_only (self->project))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Create This Article?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("No article is called “%s” yet. Add it to the map next to this one?"),
                                  target);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("_Add to Map"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (target), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_create_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The preview's WebKitWebView starts web processes and loads its shell
 * page: on a cold start that is a good part of the time to the first
 * window, and the map overview is what shows first. So it is made when
 * an article is first shown (or someone asks for it), never before; its
 * module was preloaded on a worker thread after the first frame. When
 * the module is missing, the pane says so once and writing goes on. */
static TopiaryPreview *
ensure_preview (TopiaryWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->preview != NULL || self->preview_failed)
    return self->preview;

  self->preview = topiary_preview_new (&error);
  if (self->preview == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      g_warning ("%s", error->message);
      self->preview_failed = TRUE;
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Preview"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      adw_bin_set_child (self->preview_bin, status);
      return NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview),
                          gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)));
  g_signal_connect_object (self->preview, "open-article",
                           G_CALLBACK (on_preview_open_article), self, 0);
  g_signal_connect_object (self->preview, "create-article",
                           G_CALLBACK (on_preview_create_article), self, 0);
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
  if (self->project != NULL)
    topiary_preview_set_project (self->preview, self->project);
  return self->preview;
}

static void
on_details_article_changed (TopiaryDetails *details,
                            TopiaryArticle *article,
                            TopiaryWindow  *self)
{
  if (self->editor != NULL)
    topiary_editor_set_target_words (self->editor, topiary_article_get_target_words (article));
  update_title (self);
}

/* ---- files ---- */

gboolean
topiary_window_create_map (TopiaryWindow *self,
                           const char    *path)
{
  g_autofree char *file = NULL;
  g_autofree char *title = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  char *dot;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = topiary_project_file_name (path);
  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      show_error (self, _("File Already Exists"),
                  _("Topiary does not overwrite an existing file with a new map; choose another name."));
      return FALSE;
    }
  project = topiary_project_open (file, TOPIARY_OPEN_CREATE, &error);
  if (project == NULL)
    {
      show_error (self, _("Could Not Create the Map"), error->message);
      return FALSE;
    }
  /* The file name is the first title; the map can be renamed later. */
  title = g_path_get_basename (file);
  if ((dot = strrchr (title, '.')) != NULL && dot != title)
    *dot = '\0';
  if (!topiary_project_set_map_field (project, "title", title, &error))
    toast (self, error->message);
  set_project (self, project);
  return TRUE;
}

static void
on_new_map_chosen (gpointer    owner,
                   const char *path,
                   gpointer    data)
{
  if (path != NULL)
    topiary_window_create_map (owner, path);
}

static void
win_new_map (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  topiary_file_chooser_show (GTK_WINDOW (widget), TOPIARY_FILE_CHOOSER_SAVE, _("New Map"), _("_Create"),
                             _("Topical map.topiary"), G_OBJECT (widget), on_new_map_chosen, NULL, NULL);
}

static void
on_open_chosen (gpointer    owner,
                const char *path,
                gpointer    data)
{
  if (path != NULL)
    topiary_window_open_path (owner, path);
}

static void
win_open (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  topiary_file_chooser_show (GTK_WINDOW (widget), TOPIARY_FILE_CHOOSER_OPEN_PROJECT, _("Open Map"), _("_Open"),
                             NULL, G_OBJECT (widget), on_open_chosen, NULL, NULL);
}

static void
win_open_recent (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  topiary_window_open_path (TOPIARY_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ---- importing ---- */

void
topiary_window_import (TopiaryWindow *self,
                       const char    *source,
                       const char    *path)
{
  topiary_window_import_full (self, source, path, TOPIARY_IMPORT_AUTO, NULL, NULL);
}

void
topiary_window_import_full (TopiaryWindow              *self,
                            const char                 *source,
                            const char                 *path,
                            TopiaryImportFormat         format,
                            const TopiaryImportOptions *options,
                            const char                 *temporary)
{
  g_return_if_fail (TOPIARY_IS_WINDOW (self));
  topiary_importer_import (self->importer, source, path, format, options, temporary);
}

gboolean
topiary_window_is_importing (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);
  return topiary_importer_is_busy (self->importer);
}

TopiaryImportDialog *
topiary_window_preview_import (TopiaryWindow *self,
                               const char    *source)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return topiary_importer_preview (self->importer, source);
}

TopiaryImportDialog *
topiary_window_preview_import_text (TopiaryWindow *self,
                                    const char    *text)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  return topiary_importer_preview_text (self->importer, text);
}

static void
win_import (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  topiary_importer_choose_source (TOPIARY_WINDOW (widget)->importer, g_str_equal (action, "win.import-folder"));
}

static void
win_import_paste (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  topiary_importer_paste (TOPIARY_WINDOW (widget)->importer);
}

static void
win_open_sample (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  topiary_importer_open_sample (TOPIARY_WINDOW (widget)->importer);
}

static void
on_exported (TopiaryExportDialog *dialog,
             const char          *destination,
             guint                n_warnings,
             TopiaryWindow       *self)
{
  g_autofree char *name = g_path_get_basename (destination);
  g_autofree char *message = NULL;
  AdwToast *t;

  if (n_warnings > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported to “%s”, with %u warning",
                                            "Exported to “%s”, with %u warnings", n_warnings),
                               name, n_warnings);
  else
    message = g_strdup_printf (_("Exported to “%s”"), name);
  t = topiary_toast_new (message);
  adw_toast_set_button_label (t, _("_Show"));
  adw_toast_set_action_name (t, "win.show-path");
  adw_toast_set_action_target_value (t, g_variant_new_string (destination));
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
win_export (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  TopiaryExportDialog *dialog;

  if (self->project == NULL)
    return;
  /* What is on screen is what gets exported. */
  save_or_toast (self);
  dialog = topiary_export_dialog_new (GTK_WINDOW (self), self->project);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
win_show_path (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
win_close_project (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  set_project (TOPIARY_WINDOW (widget), NULL);
}

static void
win_save (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!topiary_window_save (self, &error))
    toast (self, error->message);
  else if (topiary_window_get_article_id (self) != 0 &&
           topiary_project_snapshot (self->project, topiary_window_get_article_id (self), "manual", &error) == 0)
    toast (self, error->message);
  else
    toast (self, _("Saved, and a revision kept"));
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

static void
win_toggle_details (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
win_cycle_layout (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  if (g_strcmp0 (self->layout, "editor") == 0)
    set_layout (self, "split");
  else if (g_strcmp0 (self->layout, "split") == 0)
    set_layout (self, "preview");
  else
    set_layout (self, "editor");
}

static void
win_open_article (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  topiary_window_open_article (TOPIARY_WINDOW (widget), g_variant_get_int64 (param));
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
on_recent_changed (TopiaryWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  topiary_welcome_set_recent (self->welcome, (const char * const *) recent);
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

  g_settings_bind (self->settings, "preview-layout", self, "layout", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (on_recent_changed), self, G_CONNECT_SWAPPED);
  on_recent_changed (self);
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
  /* They were the bins' children, gone with the template. */
  self->preview = NULL;
  self->editor = NULL;
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  if (self->map_actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), "map", NULL);
  g_clear_object (&self->map_actions);
  g_clear_object (&self->importer);
  G_OBJECT_CLASS (topiary_window_parent_class)->dispose (object);
}

static void
topiary_window_finalize (GObject *object)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);

  g_free (self->layout);
  G_OBJECT_CLASS (topiary_window_parent_class)->finalize (object);
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
      g_value_set_string (value, self->layout);
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
  object_class->finalize = topiary_window_finalize;
  object_class->get_property = topiary_window_get_property;
  object_class->set_property = topiary_window_set_property;
  window_class->close_request = topiary_window_close_request;

  /* "editor", "split" or "preview" */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "split",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOPIARY_TYPE_WELCOME);
  g_type_ensure (TOPIARY_TYPE_SIDEBAR);
  g_type_ensure (TOPIARY_TYPE_OVERVIEW);
  g_type_ensure (TOPIARY_TYPE_EDITOR);
  g_type_ensure (TOPIARY_TYPE_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, toast_overlay);
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
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWindow, details);
  gtk_widget_class_bind_template_callback (widget_class, on_node_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_article_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_refreshed);
  gtk_widget_class_bind_template_callback (widget_class, on_details_article_changed);

  gtk_widget_class_install_action (widget_class, "win.new-map", NULL, win_new_map);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", win_open_recent);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, win_import);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, win_import);
  gtk_widget_class_install_action (widget_class, "win.import-paste", NULL, win_import_paste);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, win_open_sample);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, win_close_project);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, win_export);
  gtk_widget_class_install_action (widget_class, "win.show-path", "s", win_show_path);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search);
  gtk_widget_class_install_action (widget_class, "win.toggle-details", NULL, win_toggle_details);
  gtk_widget_class_install_property_action (widget_class, "win.layout", "layout");
  gtk_widget_class_install_action (widget_class, "win.cycle-layout", NULL, win_cycle_layout);
  gtk_widget_class_install_action (widget_class, "win.open-article", "x", win_open_article);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, win_back);



  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK, "win.new-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.cycle-layout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.layout", "s", "editor");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.layout", "s", "split");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.layout", "s", "preview");
  /* The map's, here so they work wherever the focus is; the editor binds
   * its own. */
  topiary_map_actions_add_shortcuts (widget_class);
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
  self->layout = g_strdup ("split");
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
  update_layout_buttons (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_frame, NULL, NULL);

  self->map_actions = topiary_map_actions_new (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (self->map_actions));
  self->importer = topiary_importer_new (self);
  g_signal_connect_object (self->importer, "notify::busy", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_title (self);
  update_actions (self);
}

TopiaryWindow *
topiary_window_new (TopiaryApplication *app)
{
  return g_object_new (TOPIARY_TYPE_WINDOW, "application", app, NULL);
}
