/* topiary-window.c — the main window: map, editor, preview and details
 *
 * The window owns the open TopiaryProject and hands it to its parts; the
 * parts never talk to each other directly, the window wires their signals.
 * Actions are installed on the class with scoped names (win., map.,
 * article.) and update_actions() alone decides which are enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "topiary-a11y.h"
#include "topiary-details.h"
#include "topiary-editor.h"
#include "topiary-export-dialog.h"
#include "topiary-import.h"
#include "topiary-map-row.h"
#include "topiary-overview.h"
#include "topiary-portal.h"
#include "topiary-preview.h"
#include "topiary-sidebar.h"
#include "topiary-welcome.h"
#include "topiary-window.h"

#define SAMPLE_RESOURCE "/io/github/topiary/Topiary/samples/flask-topical-map.txt"

typedef struct {
  gint64  article_id;
  gint64  position;
  gint64  parent_id;
} MemberState;

/* What it takes to bring a deleted group back. */
typedef struct {
  char   *title;
  char   *slug;
  char   *description;
  gint64  position;
  GArray *members;   /* MemberState */
} GroupUndo;

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

  GSettings            *settings;
  TopiaryProject       *project;
  gulong                project_changed_id;
  gboolean              saving_body;
  gboolean              importing;
  gboolean              drawn;      /* a first frame has been shown */
  char                 *layout;

  GroupUndo            *group_undo;
  gint64                undo_revision;
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

/* The article being written, 0 for none (or no editor yet). */
static gint64
current_article_id (TopiaryWindow *self)
{
  return self->editor != NULL ? topiary_editor_get_article_id (self->editor) : 0;
}

static void
group_undo_free (GroupUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->title);
  g_free (undo->slug);
  g_free (undo->description);
  g_array_unref (undo->members);
  g_free (undo);
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

/* Toast titles are markup; ours carry titles and error messages. */
static AdwToast *
new_toast (const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  return adw_toast_new (markup);
}

static void
toast (TopiaryWindow *self,
       const char    *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, new_toast (message));
}

static void
show_error (TopiaryWindow *self,
            const char    *heading,
            const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- asking for a name ---- */

typedef void (*TextCallback) (TopiaryWindow *self,
                              const char    *text,
                              gpointer       data);

typedef struct {
  TopiaryWindow  *self;
  GtkEntry       *entry;
  TextCallback    callback;
  gpointer        data;
  GDestroyNotify  destroy;
} AskText;

static void
ask_text_free (AskText *ask)
{
  if (ask->destroy != NULL)
    ask->destroy (ask->data);
  g_object_unref (ask->self);
  g_free (ask);
}

static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 AskText          *ask)
{
  if (g_strcmp0 (response, "ok") == 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));

      if (*text != '\0')
        ask->callback (ask->self, text, ask->data);
    }
}

static void
on_ask_entry_activate (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "ok");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
ask_text (TopiaryWindow  *self,
          const char     *heading,
          const char     *initial,
          const char     *ok_label,
          TextCallback    callback,
          gpointer        data,
          GDestroyNotify  destroy)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  GtkWidget *entry = gtk_entry_new ();
  AskText *ask = g_new0 (AskText, 1);

  ask->self = g_object_ref (self);
  ask->entry = GTK_ENTRY (entry);
  ask->callback = callback;
  ask->data = data;
  ask->destroy = destroy;

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "activate", G_CALLBACK (on_ask_entry_activate), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response), ask,
                         (GClosureNotify) (void (*) (void)) ask_text_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
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
  g_clear_pointer (&self->group_undo, group_undo_free);
  self->undo_revision = 0;

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
             (g_get_monotonic_time () - start) / 1000.0, topiary_project_count_articles (project));
  return TRUE;
}

/* ---- title, layout, actions ---- */

static void
update_title (TopiaryWindow *self)
{
  g_autofree char *map_title = NULL;
  g_autofree char *file = NULL;
  gint64 id = current_article_id (self);
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
  if (preview && was_hidden && current_article_id (self) != 0)
    {
      g_autofree char *text = topiary_editor_dup_text (self->editor);
      TopiaryPreview *shown = ensure_preview (self);

      if (shown != NULL)
        {
          topiary_preview_set_article (shown, current_article_id (self));
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

static TopiaryMapNode *
selected_node (TopiaryWindow *self)
{
  return self->project ? topiary_sidebar_get_selected_node (self->sidebar) : NULL;
}

static void
update_actions (TopiaryWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(TopiaryMapNode) node = selected_node (self);
  TopiaryMapNodeKind kind = node ? topiary_map_node_get_kind (node) : TOPIARY_MAP_NODE_IDEAS;
  gboolean open = self->project != NULL;
  gboolean writable = open && !topiary_project_is_read_only (self->project);
  gboolean on_article = node != NULL && kind == TOPIARY_MAP_NODE_ARTICLE;
  gboolean on_group = node != NULL && kind == TOPIARY_MAP_NODE_GROUP;
  gboolean editing = open && current_article_id (self) != 0;
  TopiaryArticle *article = on_article ? topiary_map_node_get_article (node) : NULL;

  gtk_widget_set_visible (self->details_button, editing);
  gtk_widget_set_visible (self->layout_box, editing);
  gtk_widget_set_visible (self->history_button, editing);
  gtk_widget_action_set_enabled (widget, "win.close-project", open);
  gtk_widget_action_set_enabled (widget, "win.search", open);
  gtk_widget_action_set_enabled (widget, "win.export", open);
  gtk_widget_action_set_enabled (widget, "win.import", !self->importing);
  gtk_widget_action_set_enabled (widget, "win.import-folder", !self->importing);
  gtk_widget_action_set_enabled (widget, "win.import-paste", !self->importing);
  gtk_widget_action_set_enabled (widget, "win.save", editing);
  gtk_widget_action_set_enabled (widget, "win.toggle-details", editing);
  gtk_widget_action_set_enabled (widget, "win.undo-delete",
                                 writable && (self->undo_revision != 0 || self->group_undo != NULL));

  gtk_widget_action_set_enabled (widget, "map.new-article", writable);
  gtk_widget_action_set_enabled (widget, "map.new-group", writable);
  gtk_widget_action_set_enabled (widget, "map.rename",
                                 writable && node != NULL && (on_article || on_group || kind == TOPIARY_MAP_NODE_MAP));
  gtk_widget_action_set_enabled (widget, "map.duplicate", writable && on_article);
  gtk_widget_action_set_enabled (widget, "map.delete", writable && (on_article || on_group));
  gtk_widget_action_set_enabled (widget, "map.move-up", writable && on_article);
  gtk_widget_action_set_enabled (widget, "map.move-down", writable && on_article);
  gtk_widget_action_set_enabled (widget, "map.move-to-ideas",
                                 writable && article != NULL && topiary_article_get_group_id (article) != 0);
  gtk_widget_action_set_enabled (widget, "map.indent",
                                 writable && article != NULL && topiary_article_get_kind (article) == TOPIARY_KIND_CLUSTER &&
                                 topiary_article_get_parent_id (article) == 0 && topiary_article_get_group_id (article) != 0);
  gtk_widget_action_set_enabled (widget, "map.outdent",
                                 writable && article != NULL && topiary_article_get_parent_id (article) != 0);

  gtk_widget_action_set_enabled (widget, "article.restore-revision", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.find", editing);
  gtk_widget_action_set_enabled (widget, "article.bold", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.italic", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.code", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.link", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.wiki-link", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.replace", editing && writable);
  gtk_widget_action_set_enabled (widget, "article.find-next", editing);
  gtk_widget_action_set_enabled (widget, "article.find-previous", editing);
}

/* ---- showing things ---- */

static void
show_overview (TopiaryWindow *self,
               gint64         group_id)
{
  g_autoptr(GError) error = NULL;

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
  if (current_article_id (self) != article_id)
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
    show_overview (self, topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP
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

  if (self->project == NULL)
    return;
  article = topiary_project_get_article_by_slug (self->project, slug, FALSE);
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

/* ---- moving articles ---- */

static gboolean
move_article (TopiaryWindow *self,
              gint64         article_id,
              gint64         position,
              gint64         group_id,
              gint64         parent_id)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_project_move_article (self->project, article_id, position, group_id, parent_id, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  /* Show the result now rather than after the sidebar's debounce. */
  topiary_sidebar_refresh (self->sidebar);
  topiary_sidebar_select_article (self->sidebar, article_id);
  update_actions (self);
  return TRUE;
}

/* Position for @moving to end up right after @anchor_pos (or before it). */
static gint64
target_position (gint64   moving_pos,
                 gint64   anchor_pos,
                 gboolean before)
{
  if (before)
    return moving_pos < anchor_pos ? anchor_pos - 1 : anchor_pos;
  return moving_pos < anchor_pos ? anchor_pos : anchor_pos + 1;
}

static gboolean
on_drop_article (TopiarySidebar *sidebar,
                 gint64          article_id,
                 TopiaryMapNode *target,
                 gboolean        before,
                 TopiaryWindow  *self)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  TopiaryArticle *moving = tree ? topiary_map_tree_lookup_article (tree, article_id) : NULL;
  gint64 pos;

  if (moving == NULL || self->project == NULL || topiary_project_is_read_only (self->project))
    return FALSE;
  pos = topiary_article_get_position (moving);

  switch (topiary_map_node_get_kind (target))
    {
    case TOPIARY_MAP_NODE_GROUP:
      {
        /* To the end of the group, at its top level. */
        gint64 group_id = topiary_map_node_get_id (target);
        gint64 last = topiary_map_tree_get_last_position (tree, group_id, 0, article_id);

        return move_article (self, article_id, last ? target_position (pos, last, FALSE) : 0, group_id, 0);
      }

    case TOPIARY_MAP_NODE_IDEAS:
    case TOPIARY_MAP_NODE_INTENT:
      return move_article (self, article_id, topiary_project_count_articles (self->project), 0, 0);

    case TOPIARY_MAP_NODE_ARTICLE:
      {
        TopiaryArticle *anchor = topiary_map_node_get_article (target);
        gint64 anchor_id = topiary_article_get_id (anchor);
        gint64 group_id = topiary_article_get_group_id (anchor);

        if (anchor_id == article_id)
          return FALSE;
        /* Onto the lower half of a pillar: becomes its last cluster. */
        if (!before && group_id != 0 && topiary_article_get_kind (anchor) == TOPIARY_KIND_PILLAR)
          {
            gint64 last = MAX (topiary_article_get_position (anchor),
                               topiary_map_tree_get_last_position (tree, group_id, anchor_id, article_id));

            return move_article (self, article_id, target_position (pos, last, FALSE), group_id, anchor_id);
          }
        /* Otherwise beside the anchor, at its level. */
        return move_article (self, article_id,
                             target_position (pos, topiary_article_get_position (anchor), before),
                             group_id,
                             topiary_article_get_kind (moving) == TOPIARY_KIND_PILLAR ? 0 : topiary_article_get_parent_id (anchor));
      }

    case TOPIARY_MAP_NODE_MAP:
    default:
      return FALSE;
    }
}

/* ---- map actions ---- */

static void
create_article (TopiaryWindow *self,
                const char    *title,
                gpointer       data)
{
  g_autoptr(TopiaryMapNode) node = selected_node (self);
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;
  gint64 group_id = 0, parent_id = 0;

  topiary_article_set_title (article, title);
  if (node != NULL)
    switch (topiary_map_node_get_kind (node))
      {
      case TOPIARY_MAP_NODE_GROUP:
        group_id = topiary_map_node_get_id (node);
        break;
      case TOPIARY_MAP_NODE_INTENT:
        topiary_article_set_intent (article, topiary_map_node_get_intent (node));
        break;
      case TOPIARY_MAP_NODE_ARTICLE:
        {
          TopiaryArticle *near = topiary_map_node_get_article (node);

          group_id = topiary_article_get_group_id (near);
          if (group_id != 0)
            parent_id = topiary_article_get_kind (near) == TOPIARY_KIND_PILLAR
                        ? topiary_article_get_id (near) : topiary_article_get_parent_id (near);
          else
            topiary_article_set_intent (article, topiary_article_get_intent (near));
        }
        break;
      case TOPIARY_MAP_NODE_MAP:
      case TOPIARY_MAP_NODE_IDEAS:
      default:
        break;
      }
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, TOPIARY_KIND_CLUSTER);
  topiary_article_set_status (article, group_id ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_IDEA);

  if (!topiary_project_add_article (self->project, article, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  topiary_window_open_article (self, topiary_article_get_id (article));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (ensure_editor (self))));
}

static void
map_new_article (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  ask_text (TOPIARY_WINDOW (widget), _("New Article"), "", _("_Create"), create_article, NULL, NULL);
}

static void
create_group (TopiaryWindow *self,
              const char    *title,
              gpointer       data)
{
  g_autoptr(TopiaryGroup) group = topiary_group_new (title);
  g_autoptr(GError) error = NULL;

  if (!topiary_project_add_group (self->project, group, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
}

static void
map_new_group (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  ask_text (TOPIARY_WINDOW (widget), _("New Group"), "", _("_Create"), create_group, NULL, NULL);
}

static void
rename_node (TopiaryWindow *self,
             const char    *title,
             gpointer       data)
{
  TopiaryMapNode *node = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (topiary_map_node_get_kind (node))
    {
    case TOPIARY_MAP_NODE_MAP:
      ok = topiary_project_set_map_field (self->project, "title", title, &error);
      break;
    case TOPIARY_MAP_NODE_GROUP:
      {
        g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, topiary_map_node_get_id (node), &error);
        ok = group != NULL;
        if (ok)
          {
            topiary_group_set_title (group, title);
            ok = topiary_project_update_group (self->project, group, &error);
          }
      }
      break;
    case TOPIARY_MAP_NODE_ARTICLE:
      {
        gint64 id = topiary_map_node_get_id (node);
        g_autoptr(TopiaryArticle) article = NULL;

        /* Pending edits of the panel first, so they are not overwritten. */
        ok = topiary_details_save (self->details, &error);
        if (ok)
          article = topiary_project_get_article (self->project, id, FALSE, &error);
        ok = ok && article != NULL;
        if (ok)
          {
            topiary_article_set_title (article, title);
            ok = topiary_project_update_article (self->project, article, &error);
          }
        if (ok && current_article_id (self) == id)
          topiary_details_set_article (self->details, id);
      }
      break;
    case TOPIARY_MAP_NODE_IDEAS:
    case TOPIARY_MAP_NODE_INTENT:
    default:
      break;
    }
  if (!ok)
    toast (self, error->message);
  topiary_sidebar_refresh (self->sidebar);
  update_title (self);
}

static void
map_rename (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  TopiaryMapNode *node = selected_node (self);

  if (node == NULL)
    return;
  ask_text (self, _("Rename"), topiary_map_node_get_title (node), _("_Rename"),
            rename_node, node, g_object_unref);
}

static void
map_duplicate (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(TopiaryMapNode) node = selected_node (self);
  g_autoptr(TopiaryArticle) original = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (node == NULL || topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_ARTICLE)
    return;
  save_or_toast (self);
  original = topiary_project_get_article (self->project, topiary_map_node_get_id (node), TRUE, &error);
  if (original == NULL)
    {
      toast (self, error->message);
      return;
    }
  copy = topiary_article_copy (original);
  title = g_strdup_printf (_("%s (copy)"), topiary_article_get_title (original));
  topiary_article_set_title (copy, title);
  topiary_article_set_slug (copy, NULL);
  topiary_article_set_position (copy, 0);
  /* A second pillar would compete with the first: the copy is a cluster. */
  if (topiary_article_get_kind (copy) == TOPIARY_KIND_PILLAR)
    {
      topiary_article_set_kind (copy, TOPIARY_KIND_CLUSTER);
      topiary_article_set_parent_id (copy, topiary_article_get_id (original));
    }
  if (!topiary_project_add_article (self->project, copy, &error) ||
      !topiary_project_move_article (self->project, topiary_article_get_id (copy),
                                     topiary_article_get_position (original) + 1,
                                     topiary_article_get_group_id (copy),
                                     topiary_article_get_parent_id (copy), &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_sidebar_refresh (self->sidebar);
  topiary_window_open_article (self, topiary_article_get_id (copy));
}

static void
show_undo_toast (TopiaryWindow *self,
                 const char    *message)
{
  AdwToast *t = new_toast (message);

  /* Earlier toasts are left to time out: dismissing one from code while
   * it animates crashes libadwaita 1.2. Undo always acts on the newest
   * deletion. */
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo-delete");
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
delete_article (TopiaryWindow *self,
                gint64         article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *message = NULL;

  if (current_article_id (self) == article_id)
    show_overview (self, 0);

  article = topiary_project_get_article (self->project, article_id, FALSE, &error);
  if (article == NULL || !topiary_project_delete_article (self->project, article_id, &error))
    {
      toast (self, error->message);
      return;
    }

  /* The project took a snapshot before deleting: that is the undo. */
  g_clear_pointer (&self->group_undo, group_undo_free);
  self->undo_revision = 0;
  revisions = topiary_project_list_revisions (self->project, article_id, NULL);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      if (g_strcmp0 (info->reason, "delete") == 0)
        {
          self->undo_revision = info->id;
          break;
        }
    }
  topiary_sidebar_refresh (self->sidebar);
  message = g_strdup_printf (_("“%s” deleted"), topiary_article_get_title (article));
  if (self->undo_revision != 0)
    show_undo_toast (self, message);
  else
    toast (self, message);
  update_actions (self);
}

static void
delete_group (TopiaryWindow *self,
              gint64         group_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, group_id, &error);
  g_autoptr(GListModel) articles = NULL;
  g_autofree char *message = NULL;
  GroupUndo *undo;
  guint n;

  if (group == NULL)
    {
      toast (self, error->message);
      return;
    }
  save_or_toast (self);

  undo = g_new0 (GroupUndo, 1);
  undo->title = g_strdup (topiary_group_get_title (group));
  undo->slug = g_strdup (topiary_group_get_slug (group));
  undo->description = g_strdup (topiary_group_get_description (group));
  undo->position = topiary_group_get_position (group);
  undo->members = g_array_new (FALSE, FALSE, sizeof (MemberState));
  articles = topiary_project_list_articles (self->project);
  n = g_list_model_get_n_items (articles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      MemberState m = { topiary_article_get_id (a), topiary_article_get_position (a), topiary_article_get_parent_id (a) };

      if (topiary_article_get_group_id (a) == group_id)
        g_array_append_val (undo->members, m);
    }

  if (!topiary_project_delete_group (self->project, group_id, &error))
    {
      group_undo_free (undo);
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->group_undo, group_undo_free);
  self->group_undo = undo;
  self->undo_revision = 0;
  topiary_sidebar_refresh (self->sidebar);
  message = g_strdup_printf (_("Group “%s” deleted"), undo->title);
  show_undo_toast (self, message);
  update_actions (self);
}

static void
map_delete (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(TopiaryMapNode) node = selected_node (self);

  if (node == NULL)
    return;
  if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE)
    delete_article (self, topiary_map_node_get_id (node));
  else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP)
    delete_group (self, topiary_map_node_get_id (node));
}

static void
win_undo_delete (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;

  if (self->undo_revision != 0)
    {
      gint64 id = topiary_project_restore_revision (self->project, self->undo_revision, &error);

      self->undo_revision = 0;
      if (id == 0)
        toast (self, error->message);
      else
        {
          topiary_sidebar_refresh (self->sidebar);
          topiary_window_open_article (self, id);
        }
    }
  else if (self->group_undo != NULL)
    {
      GroupUndo *undo = g_steal_pointer (&self->group_undo);
      g_autoptr(TopiaryGroup) group = topiary_group_new (undo->title);
      gboolean ok;

      topiary_group_set_slug (group, undo->slug);
      topiary_group_set_description (group, undo->description);
      ok = topiary_project_begin (self->project, &error) &&
           topiary_project_add_group (self->project, group, &error) &&
           topiary_project_move_group (self->project, topiary_group_get_id (group), undo->position, &error);
      for (guint i = 0; ok && i < undo->members->len; i++)
        {
          MemberState *m = &g_array_index (undo->members, MemberState, i);
          ok = topiary_project_move_article (self->project, m->article_id, m->position,
                                             topiary_group_get_id (group), m->parent_id, &error);
        }
      if (ok)
        ok = topiary_project_commit (self->project, &error);
      else
        topiary_project_rollback (self->project);
      if (!ok)
        toast (self, error->message);
      group_undo_free (undo);
      topiary_sidebar_refresh (self->sidebar);
    }
  update_actions (self);
}

static TopiaryArticle *
selected_article (TopiaryWindow *self)
{
  g_autoptr(TopiaryMapNode) node = selected_node (self);

  if (node == NULL || topiary_map_node_get_kind (node) != TOPIARY_MAP_NODE_ARTICLE)
    return NULL;
  return g_object_ref (topiary_map_node_get_article (node));
}

static void
map_move (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(TopiaryArticle) article = selected_article (self);
  g_autoptr(GPtrArray) siblings = NULL;
  TopiaryMapTree *tree = topiary_sidebar_get_tree (self->sidebar);
  gint64 id, group_id, parent_id, pos;
  guint index = 0;

  if (article == NULL || tree == NULL)
    return;
  id = topiary_article_get_id (article);
  group_id = topiary_article_get_group_id (article);
  parent_id = topiary_article_get_parent_id (article);
  pos = topiary_article_get_position (article);
  siblings = topiary_map_tree_get_siblings (tree, article);
  for (guint i = 0; i < siblings->len; i++)
    if (topiary_article_get_id (g_ptr_array_index (siblings, i)) == id)
      index = i;

  if (g_str_equal (action, "map.move-up") && index > 0)
    move_article (self, id, topiary_article_get_position (g_ptr_array_index (siblings, index - 1)), group_id, parent_id);
  else if (g_str_equal (action, "map.move-down") && index + 1 < siblings->len)
    move_article (self, id, topiary_article_get_position (g_ptr_array_index (siblings, index + 1)), group_id, parent_id);
  else if (g_str_equal (action, "map.move-to-ideas"))
    move_article (self, id, topiary_project_count_articles (self->project), 0, 0);
  else if (g_str_equal (action, "map.outdent"))
    move_article (self, id, pos, group_id, 0);
  else if (g_str_equal (action, "map.indent"))
    {
      /* Under the nearest pillar above it, at its level. */
      for (guint i = index; i-- > 0; )
        {
          TopiaryArticle *above = g_ptr_array_index (siblings, i);
          if (topiary_article_get_kind (above) == TOPIARY_KIND_PILLAR)
            {
              move_article (self, id, pos, group_id, topiary_article_get_id (above));
              return;
            }
        }
      toast (self, _("There is no pillar above this article to put it under."));
    }
}

/* ---- win actions ---- */

/* The project file the user chose: ".topiary" is added when missing,
 * except to a path the document portal handed out, which names exactly
 * the file the user was given access to. */
static char *
project_file_name (const char *path)
{
  if (g_str_has_suffix (path, ".topiary") || topiary_portal_is_document (path))
    return g_strdup (path);
  return g_strconcat (path, ".topiary", NULL);
}

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

  file = project_file_name (path);
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
on_new_map_response (GtkNativeDialog *native,
                     int              response,
                     TopiaryWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    topiary_window_create_map (self, path);
}

static void
win_new_map (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("New Map"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Topical map.topiary"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_new_map_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Topiary projects"));
  gtk_file_filter_add_pattern (filter, "*.topiary");
  gtk_file_filter_add_mime_type (filter, "application/x-topiary");
  return filter;
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  TopiaryWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    topiary_window_open_path (self, path);
}

static void
win_open (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = project_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open Map"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
win_open_recent (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  topiary_window_open_path (TOPIARY_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Creates @project_path and imports @source into it; on failure nothing
 * is left behind. */
static TopiaryProject *
import_into_new (const char                  *source,
                 const char                  *project_path,
                 TopiaryImportFormat          format,
                 const TopiaryImportOptions  *options,
                 TopiaryImportReport         *report,
                 GError                     **error)
{
  g_autoptr(TopiaryProject) project = NULL;

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; Topiary imports into a new project only."), project_path);
      return NULL;
    }
  project = topiary_project_open (project_path, TOPIARY_OPEN_CREATE, error);
  if (project == NULL)
    return NULL;
  if (!topiary_import_full (project, source, format, options, report, NULL, NULL, error))
    {
      g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);

      topiary_project_close (project);
      g_remove (project_path);
      g_remove (wal);
      g_remove (shm);
      return NULL;
    }
  return g_steal_pointer (&project);
}

static void
report_import (TopiaryWindow       *self,
               TopiaryImportReport *report)
{
  g_autofree char *message = NULL;

  if (report->warnings != NULL && report->warnings->len > 0)
    message = g_strdup_printf (_("Imported %u articles and %u groups, with %u warnings"),
                               report->articles, report->groups, report->warnings->len);
  else
    message = g_strdup_printf (_("Imported %u articles and %u groups"), report->articles, report->groups);
  toast (self, message);
}

/* ---- importing, in a worker thread ---- */

typedef struct {
  char                 *source;
  char                 *path;
  TopiaryImportReport  *report;
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;     /* the preview's choices, or NULL */
  char                 *temporary;   /* pasted text's folder, deleted when done */
} ImportJob;

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  if (dir != NULL)
    g_rmdir (dir);
}

static void
import_job_free (ImportJob *job)
{
  remove_folder (job->temporary);
  g_free (job->temporary);
  g_clear_pointer (&job->options, topiary_import_options_free);
  g_free (job->source);
  g_free (job->path);
  g_clear_pointer (&job->report, topiary_import_report_free);
  g_free (job);
}

/* The new project is the worker's alone until it is closed: no SQLite
 * connection is shared between threads. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = import_into_new (job->source, job->path, job->format, job->options,
                                                       job->report, &error);

  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  topiary_project_close (project);
  g_task_return_boolean (task, TRUE);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TopiaryWindow *self = TOPIARY_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  update_actions (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, _("Could Not Import"), error->message);
  else if (topiary_window_open_path (self, job->path))
    report_import (self, job->report);
}

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
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  ImportJob *job;

  g_return_if_fail (TOPIARY_IS_WINDOW (self));
  g_return_if_fail (source != NULL && path != NULL);
  g_return_if_fail (!self->importing);

  job = g_new0 (ImportJob, 1);
  job->source = g_strdup (source);
  job->path = project_file_name (path);
  job->report = topiary_import_report_new ();
  job->format = format;
  job->options = options != NULL ? topiary_import_options_copy (options) : NULL;
  job->temporary = g_strdup (temporary);

  task = g_task_new (self, NULL, on_import_done, NULL);
  g_task_set_source_tag (task, topiary_window_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  self->importing = TRUE;
  update_actions (self);
  name = g_path_get_basename (source);
  message = g_strdup_printf (_("Importing “%s”…"), name);
  toast (self, message);
  g_task_run_in_thread (task, import_thread);
}

gboolean
topiary_window_is_importing (TopiaryWindow *self)
{
  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), FALSE);
  return self->importing;
}

static void
on_import_target_response (GtkNativeDialog *native,
                           int              response,
                           TopiaryWindow   *self)
{
  g_autofree char *source = g_strdup (g_object_get_data (G_OBJECT (native), "source"));
  g_autofree char *temporary = g_strdup (g_object_get_data (G_OBJECT (native), "temporary"));
  TopiaryImportOptions *options = g_object_get_data (G_OBJECT (native), "options");
  TopiaryImportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file == NULL || (path = g_file_get_path (file)) == NULL || source == NULL)
    {
      /* Cancelled: pasted text is not kept. */
      remove_folder (temporary);
      g_object_unref (native);
      return;
    }
  topiary_window_import_full (self, source, path, format, options, temporary);
  g_object_unref (native);
}

static void
ask_import_target (TopiaryWindow              *self,
                   const char                 *source,
                   const char                 *display_name,
                   TopiaryImportFormat         format,
                   const TopiaryImportOptions *options,
                   char                       *temporary)
{
  GtkFileChooserNative *native;
  g_autofree char *base = g_path_get_basename (display_name);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".topiary", NULL);
  native = gtk_file_chooser_native_new (_("Save the Imported Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "source", g_strdup (source), g_free);
  g_object_set_data_full (G_OBJECT (native), "temporary", temporary, g_free);
  g_object_set_data (G_OBJECT (native), "format", GINT_TO_POINTER (format));
  g_object_set_data_full (G_OBJECT (native), "options", topiary_import_options_copy (options),
                          (GDestroyNotify) topiary_import_options_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_import_target_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_import_source_response (GtkNativeDialog *native,
                           int              response,
                           TopiaryWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    topiary_window_preview_import (self, path);
}

static void
on_preview_import (TopiaryImportDialog *dialog,
                   TopiaryWindow       *self)
{
  const char *source = topiary_import_dialog_get_source (dialog);
  char *temporary = topiary_import_dialog_take_temporary (dialog);

  ask_import_target (self, source, temporary != NULL ? _("Pasted map") : source,
                     topiary_import_dialog_get_format (dialog),
                     topiary_import_dialog_get_options (dialog), temporary);
}

static void
present_preview (TopiaryWindow       *self,
                 TopiaryImportDialog *dialog)
{
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_preview_import), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

TopiaryImportDialog *
topiary_window_preview_import (TopiaryWindow *self,
                               const char    *source)
{
  TopiaryImportDialog *dialog;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  dialog = topiary_import_dialog_new (GTK_WINDOW (self), source);
  present_preview (self, dialog);
  return dialog;
}

TopiaryImportDialog *
topiary_window_preview_import_text (TopiaryWindow *self,
                                    const char    *text)
{
  g_autoptr(GError) error = NULL;
  TopiaryImportDialog *dialog;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (self), NULL);
  dialog = topiary_import_dialog_new_for_text (GTK_WINDOW (self), text, &error);
  if (dialog == NULL)
    {
      show_error (self, _("Could Not Import"), error->message);
      return NULL;
    }
  present_preview (self, dialog);
  return dialog;
}

static void
on_paste_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TopiaryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      toast (self, _("The clipboard holds no text to import"));
      return;
    }
  topiary_window_preview_import_text (self, text);
}

static void
win_import_paste (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, on_paste_read, g_object_ref (widget));
}

static void
win_import (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  gboolean folder = g_str_equal (action, "win.import-folder");
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (folder ? _("Import a Hugo or Jekyll Content Folder")
                                               : _("Import a Map, Outline or CSV File"),
                                        GTK_WINDOW (self),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_import_source_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
win_open_sample (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "topiary", NULL);
  g_autofree char *path = g_build_filename (dir, "flask-topical-map.topiary", NULL);
  g_autofree char *source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  int fd;

  /* The sample stays the user's to edit: once made, it is only opened. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      topiary_window_open_path (self, path);
      return;
    }

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    {
      show_error (self, _("Could Not Open the Sample Map"),
                  error ? error->message : g_strerror (errno));
      return;
    }
  fd = g_file_open_tmp ("topiary-sample-XXXXXX.txt", &source, &error);
  if (fd < 0)
    {
      show_error (self, _("Could Not Open the Sample Map"), error->message);
      return;
    }
  close (fd);
  if (!g_file_set_contents (source, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_remove (source);
      show_error (self, _("Could Not Open the Sample Map"), error->message);
      return;
    }
  report = topiary_import_report_new ();
  project = import_into_new (source, path, TOPIARY_IMPORT_AUTO, NULL, report, &error);
  g_remove (source);
  if (project == NULL)
    {
      show_error (self, _("Could Not Open the Sample Map"), error->message);
      return;
    }
  set_project (self, project);
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
  t = new_toast (message);
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
  else if (current_article_id (self) != 0 &&
           topiary_project_snapshot (self->project, current_article_id (self), "manual", &error) == 0)
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

/* ---- article actions ---- */

static const char *
revision_reason (const char *reason)
{
  if (g_strcmp0 (reason, "manual") == 0)
    return _("Kept by hand");
  if (g_strcmp0 (reason, "delete") == 0)
    return _("Before deleting");
  if (g_strcmp0 (reason, "import") == 0)
    return _("Before an import");
  if (g_strcmp0 (reason, "restore") == 0)
    return _("Before restoring");
  return reason ? reason : "";
}

/* Filled each time it opens: revisions change as the user works. */
static void
on_history_show (TopiaryWindow *self)
{
  gint64 id = current_article_id (self);
  g_autoptr(GPtrArray) revisions = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (self->project == NULL || id == 0)
    return;

  revisions = topiary_project_list_revisions (self->project, id, NULL);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->created);
      g_autofree char *title = when ? g_date_time_format (when, "%x %X") : g_strdup ("");
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u word", "%s · %u words", info->words),
                                                   revision_reason (info->reason), info->words);
      g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "article.restore-revision");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", info->id);
      gtk_list_box_append (self->history_list, row);
    }
  if (revisions == NULL || revisions->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No revisions yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->history_list, empty);
    }
}

static void
article_restore_revision (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->project == NULL)
    return;
  gtk_popover_popdown (self->history_popover);
  /* What is on screen is kept too: restoring snapshots it first. */
  if (!topiary_window_save (self, &error))
    {
      toast (self, error->message);
      return;
    }
  id = topiary_project_restore_revision (self->project, g_variant_get_int64 (param), &error);
  if (id == 0)
    {
      toast (self, error->message);
      return;
    }
  if (!topiary_editor_load_article (ensure_editor (self), id, &error))
    {
      toast (self, error->message);
      return;
    }
  topiary_details_set_article (self->details, id);
  topiary_window_open_article (self, id);
  toast (self, _("Revision restored; the text it replaced was kept as a revision"));
}

static void
article_find (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  TopiaryWindow *self = TOPIARY_WINDOW (widget);

  if (g_strcmp0 (self->layout, "preview") == 0)
    set_layout (self, "split");
  topiary_editor_begin_search (ensure_editor (self), g_str_equal (action, "article.replace"));
}

static void
article_format (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  TopiaryEditor *editor = TOPIARY_WINDOW (widget)->editor;

  if (g_str_equal (action, "article.bold"))
    topiary_editor_wrap_selection (editor, "**", "**");
  else if (g_str_equal (action, "article.italic"))
    topiary_editor_wrap_selection (editor, "_", "_");
  else if (g_str_equal (action, "article.code"))
    topiary_editor_wrap_selection (editor, "`", "`");
  else if (g_str_equal (action, "article.link"))
    topiary_editor_wrap_selection (editor, "[", "](https://)");
  else if (g_str_equal (action, "article.wiki-link"))
    topiary_editor_wrap_selection (editor, "[[", "]]");
}

static void
article_find_next (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  topiary_editor_find_next (TOPIARY_WINDOW (widget)->editor, g_str_equal (action, "article.find-previous"));
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
  g_clear_pointer (&self->group_undo, group_undo_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_WINDOW);
  /* They were the bins' children, gone with the template. */
  self->preview = NULL;
  self->editor = NULL;
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_callback (widget_class, on_drop_article);
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
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, win_undo_delete);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, win_back);

  gtk_widget_class_install_action (widget_class, "map.new-article", NULL, map_new_article);
  gtk_widget_class_install_action (widget_class, "map.new-group", NULL, map_new_group);
  gtk_widget_class_install_action (widget_class, "map.rename", NULL, map_rename);
  gtk_widget_class_install_action (widget_class, "map.duplicate", NULL, map_duplicate);
  gtk_widget_class_install_action (widget_class, "map.delete", NULL, map_delete);
  gtk_widget_class_install_action (widget_class, "map.move-up", NULL, map_move);
  gtk_widget_class_install_action (widget_class, "map.move-down", NULL, map_move);
  gtk_widget_class_install_action (widget_class, "map.move-to-ideas", NULL, map_move);
  gtk_widget_class_install_action (widget_class, "map.indent", NULL, map_move);
  gtk_widget_class_install_action (widget_class, "map.outdent", NULL, map_move);

  gtk_widget_class_install_action (widget_class, "article.restore-revision", "x", article_restore_revision);
  gtk_widget_class_install_action (widget_class, "article.find", NULL, article_find);
  gtk_widget_class_install_action (widget_class, "article.bold", NULL, article_format);
  gtk_widget_class_install_action (widget_class, "article.italic", NULL, article_format);
  gtk_widget_class_install_action (widget_class, "article.code", NULL, article_format);
  gtk_widget_class_install_action (widget_class, "article.link", NULL, article_format);
  gtk_widget_class_install_action (widget_class, "article.wiki-link", NULL, article_format);
  gtk_widget_class_install_action (widget_class, "article.replace", NULL, article_find);
  gtk_widget_class_install_action (widget_class, "article.find-next", NULL, article_find_next);
  gtk_widget_class_install_action (widget_class, "article.find-previous", NULL, article_find_next);

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "map.new-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.new-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "map.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "map.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "map.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "map.indent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "map.outdent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "article.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "article.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "article.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "article.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.wiki-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_grave, GDK_CONTROL_MASK, "article.code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "article.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "article.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.find-previous", NULL);
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
  update_title (self);
  update_actions (self);
}

TopiaryWindow *
topiary_window_new (TopiaryApplication *app)
{
  return g_object_new (TOPIARY_TYPE_WINDOW, "application", app, NULL);
}
