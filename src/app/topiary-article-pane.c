/* topiary-article-pane.c — the article being written: editor, preview and details
 *
 * The pane wires its three parts: every edit goes to the preview (when it
 * shows), the cursor scrolls it, a click on a link opens or offers to
 * create an article. Its "layout" property says which of editor and
 * preview show; the window binds it to the user's setting. What the pane
 * cannot do itself it says with signals: "message" for a toast,
 * "open-article" and "create-article" for the map, "article-changed" when
 * the title or slug changed, "revision-restored" after a restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-article-pane.h"
#include "topiary-brief-offer.h"
#include "topiary-debounce.h"
#include "topiary-links-panel.h"
#include "topiary-spell-dicts.h"
#include "topiary-title-bar.h"

struct _TopiaryArticlePane
{
  GtkWidget        parent_instance;

  AdwFlap         *flap;
  GtkPaned        *paned;
  AdwBin          *editor_bin;
  TopiaryEditor   *editor;          /* NULL until asked for */
  TopiaryTitleBar *title_bar;       /* above the editor, with it */
  AdwBin          *preview_bin;
  TopiaryPreview  *preview;         /* NULL until asked for */
  gboolean         preview_failed;  /* its module cannot be loaded */
  TopiaryDetails  *details;
  GtkStack        *side_stack;
  TopiaryLinksPanel *links_panel;
  TopiaryBriefOffer *brief_offer;   /* above the editor, with it */
  GtkWidget       *switcher_bar;
  GtkToggleButton *editor_switch;
  GtkToggleButton *preview_switch;

  TopiaryProject  *project;
  GSettings       *settings;
  TopiaryLinkService *links;        /* the map's links, NULL without a project */
  TopiaryDebounce *links_debounce;  /* a pause in typing: a new report */
  GCancellable    *links_asking;    /* the report being computed */
  char            *layout;
  gboolean         show_details;
  gboolean         saving_body;
  gboolean         narrow;          /* one of editor and preview at a time */
  gboolean         narrow_preview;  /* which: the preview */
  guint            narrow_notify;   /* idle: tell the window, after the frame */
  gboolean         allocated;       /* has had a width once */
};

/* Below this width editor and preview are too narrow side by side (each
 * gets less than a phone's width): one shows, with a switcher under it.
 * Folded (no map beside it) that is a window narrower than 720 px; with
 * the map beside it, one narrower than some 1,060 px. */
#define NARROW_WIDTH 720

/* The pause in typing after which the links and the checklist are
 * computed again (on a worker thread). */
#define LINKS_DELAY_MS 500

G_DEFINE_FINAL_TYPE (TopiaryArticlePane, topiary_article_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_EDITOR,
  PROP_SHOW_DETAILS,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MESSAGE,
  SIGNAL_OPEN_ARTICLE,
  SIGNAL_CREATE_ARTICLE,
  SIGNAL_ARTICLE_CHANGED,
  SIGNAL_REVISION_RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
message (TopiaryArticlePane *self,
         const char         *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

gint64
topiary_article_pane_get_article_id (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), 0);
  return self->editor != NULL ? topiary_editor_get_article_id (self->editor) : 0;
}

TopiaryDetails *
topiary_article_pane_get_details (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), NULL);
  return self->details;
}

gboolean
topiary_article_pane_is_saving_body (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);
  return self->saving_body;
}

void
topiary_article_pane_toggle_details (TopiaryArticlePane *self)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));
  g_object_set (self, "show-details", !self->show_details, NULL);
}

/* ---- the preview follows the editor ---- */

void
topiary_article_pane_render (TopiaryArticlePane *self)
{
  g_autofree char *text = NULL;
  TopiaryPreview *preview;
  gint64 id;

  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));

  id = topiary_article_pane_get_article_id (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)) || id == 0)
    return;
  if ((preview = topiary_article_pane_get_preview (self)) == NULL)
    return;
  text = topiary_editor_dup_text (self->editor);
  topiary_preview_set_article (preview, id);
  topiary_preview_set_markdown (preview, text);
  /* The cursor moved while the preview was hidden (or the article just
   * opened there): it shows in step with the editor. */
  topiary_preview_scroll_to_line (preview, topiary_editor_get_cursor_line (self->editor));
}

/* Offers to remove a heading that repeats the title (topiary-title-bar.c). */
static void
update_title_bar (TopiaryArticlePane *self,
                  const char         *text)
{
  TopiaryArticle *article = topiary_details_get_article (self->details);
  g_autofree char *own = NULL;

  if (self->title_bar == NULL)
    return;
  if (text == NULL)
    text = own = topiary_editor_dup_text (self->editor);
  topiary_title_bar_update (self->title_bar,
                            article != NULL && topiary_editor_get_article_id (self->editor) != 0
                            ? topiary_article_get_title (article) : NULL,
                            text);
}

static void
on_editor_text_changed (TopiaryArticlePane *self)
{
  g_autofree char *text = topiary_editor_dup_text (self->editor);

  topiary_article_pane_render (self);
  update_title_bar (self, text);
  topiary_file_list_set_text (topiary_details_get_file_list (self->details), text);
  if (self->brief_offer != NULL)
    topiary_brief_offer_update (self->brief_offer);
  if (self->links != NULL && self->show_details)
    topiary_debounce_arm (self->links_debounce);
}

/* ---- the article's files ---- */

/* The file list is about to rewrite the article's links: what the editor
 * shows goes to the project first. */
static void
on_files_prepare (TopiaryArticlePane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->editor != NULL && !topiary_editor_save (self->editor, &error))
    message (self, error->message);
}

/* It did: the editor shows the rewritten text, the cursor where it was. */
static void
on_files_text_rewritten (TopiaryArticlePane *self)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  int offset;

  if (self->editor == NULL || topiary_editor_get_article_id (self->editor) == 0)
    return;
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (self->editor));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  if (!topiary_editor_load_article (self->editor, topiary_editor_get_article_id (self->editor), &error))
    {
      message (self, error->message);
      return;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
on_editor_cursor_moved (TopiaryArticlePane *self,
                        guint               line)
{
  if (self->preview != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)))
    topiary_preview_scroll_to_line (self->preview, line);
}

static void
on_editor_saving (TopiaryArticlePane *self,
                  gboolean            saving)
{
  self->saving_body = saving;
  /* Saved: other articles' backlinks and anchor counts follow the text. */
  if (!saving && self->links != NULL && topiary_editor_get_article_id (self->editor) != 0)
    {
      g_autofree char *text = topiary_editor_dup_text (self->editor);

      topiary_link_service_set_body (self->links, topiary_editor_get_article_id (self->editor), text);
    }
}

/* ---- links and the brief (topiary-link-service.h) ---- */

static void
on_links_report (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TopiaryArticlePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryLinksReport) report =
    topiary_link_service_report_finish (TOPIARY_LINK_SERVICE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->links_asking);
  /* Not ready yet: "ready" asks again. */
  if (report == NULL)
    return;
  topiary_links_panel_show_report (self->links_panel, report);
  topiary_brief_checklist_show_report (topiary_details_get_checklist (self->details), report);
}

/* Asks for the report of the text as it is now, on a worker thread. */
static gboolean
ask_links (gpointer data)
{
  TopiaryArticlePane *self = data;
  gint64 id = topiary_article_pane_get_article_id (self);
  TopiaryArticle *shown = topiary_details_get_article (self->details);
  g_autofree char *text = NULL;

  if (self->links_asking != NULL)
    g_cancellable_cancel (self->links_asking);
  g_clear_object (&self->links_asking);
  topiary_debounce_cancel (self->links_debounce);
  if (self->links == NULL || id == 0)
    {
      topiary_links_panel_show_report (self->links_panel, NULL);
      topiary_brief_checklist_show_report (topiary_details_get_checklist (self->details), NULL);
      return G_SOURCE_REMOVE;
    }
  /* Only what shows is kept up to date: the side panel, when it opens,
   * asks at once. */
  if (!self->show_details)
    return G_SOURCE_REMOVE;
  topiary_links_panel_show_loading (self->links_panel);
  text = topiary_editor_dup_text (self->editor);
  self->links_asking = g_cancellable_new ();
  /* The checklist reads the title as typed in the details. */
  topiary_link_service_report_async (self->links, id,
                                     shown != NULL && topiary_article_get_id (shown) == id
                                     ? topiary_article_get_title (shown) : NULL,
                                     text, self->links_asking,
                                     on_links_report, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_links_changed (TopiaryArticlePane *self)
{
  ask_links (self);
}

static void
on_links_ready (TopiaryArticlePane *self)
{
  ask_links (self);
  if (self->brief_offer != NULL)
    topiary_brief_offer_update (self->brief_offer);
}

/* The map changed (not by a body save): the linker reads it again. */
static void
on_project_changed_for_links (TopiaryArticlePane *self,
                              const char         *what)
{
  if (self->links != NULL && !self->saving_body)
    topiary_link_service_invalidate (self->links);
}

gboolean
topiary_article_pane_links_pending (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);
  return self->links_asking != NULL || topiary_debounce_is_armed (self->links_debounce) ||
         (self->links != NULL && topiary_link_service_is_building (self->links));
}

TopiaryLinksPanel *
topiary_article_pane_get_links_panel (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), NULL);
  return self->links_panel;
}

void
topiary_article_pane_show_details_page (TopiaryArticlePane *self)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));
  gtk_stack_set_visible_child_name (self->side_stack, "details");
  g_object_set (self, "show-details", TRUE, NULL);
}

void
topiary_article_pane_show_links (TopiaryArticlePane *self)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));
  gtk_stack_set_visible_child_name (self->side_stack, "links");
  g_object_set (self, "show-details", TRUE, NULL);
}

static void set_narrow_preview (TopiaryArticlePane *self,
                                gboolean            preview);

static void
on_editor_show_requested (TopiaryArticlePane *self)
{
  if (g_strcmp0 (self->layout, "preview") == 0)
    g_object_set (self, "layout", "split", NULL);
  if (self->narrow)
    set_narrow_preview (self, FALSE);
}

/* What is on screen is kept too: restoring snapshots it first. */
static gboolean
on_editor_restoring (TopiaryArticlePane *self)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_details_save (self->details, &error))
    {
      message (self, error->message);
      return TRUE;
    }
  return FALSE;
}

static void
on_revision_restored (TopiaryArticlePane *self,
                      gint64              article_id)
{
  topiary_details_set_article (self->details, article_id);
  g_signal_emit (self, signals[SIGNAL_REVISION_RESTORED], 0, article_id);
}

/* A title typed in the details: the checklist follows it after the same
 * pause as the text, before the title is saved. */
static void
on_details_title_typed (TopiaryArticlePane *self)
{
  if (self->links != NULL && self->show_details)
    topiary_debounce_arm (self->links_debounce);
}

static void
on_details_article_changed (TopiaryArticlePane *self,
                            TopiaryArticle     *article)
{
  if (self->editor != NULL)
    {
      topiary_editor_set_target_words (self->editor, topiary_article_get_target_words (article));
      /* Spelling follows the article's language as soon as it is chosen. */
      if (topiary_editor_get_article_id (self->editor) == topiary_article_get_id (article))
        topiary_spell_view_set_language (topiary_editor_get_spell (self->editor),
                                         topiary_article_get_language (article));
      update_title_bar (self, NULL);
    }
  /* The preview shows the title as its <h1>. */
  topiary_article_pane_render (self);
  g_signal_emit (self, signals[SIGNAL_ARTICLE_CHANGED], 0);
}

/* Made when an article is first shown, like the preview: a GtkSourceView
 * with its Markdown language costs a good part of a cold start. */
TopiaryEditor *
topiary_article_pane_get_editor (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), NULL);

  if (self->editor != NULL)
    return self->editor;

  self->editor = g_object_new (TOPIARY_TYPE_EDITOR, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->editor),
                          gtk_widget_get_visible (GTK_WIDGET (self->editor_bin)));
  g_signal_connect_object (self->editor, "text-changed", G_CALLBACK (on_editor_text_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "cursor-moved", G_CALLBACK (on_editor_cursor_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "save-failed", G_CALLBACK (message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "action-failed", G_CALLBACK (message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notice", G_CALLBACK (message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "saving", G_CALLBACK (on_editor_saving), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "show-requested", G_CALLBACK (on_editor_show_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "restoring", G_CALLBACK (on_editor_restoring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "revision-restored", G_CALLBACK (on_revision_restored), self, G_CONNECT_SWAPPED);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    self->title_bar = g_object_new (TOPIARY_TYPE_TITLE_BAR, NULL);
    topiary_title_bar_set_buffer (self->title_bar, GTK_TEXT_BUFFER (topiary_editor_get_buffer (self->editor)));
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_bar));
    self->brief_offer = g_object_new (TOPIARY_TYPE_BRIEF_OFFER, NULL);
    topiary_brief_offer_set_service (self->brief_offer, self->links);
    topiary_brief_offer_set_editor (self->brief_offer, self->editor);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->brief_offer));
    gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->editor));
    adw_bin_set_child (self->editor_bin, box);
  }
  if (self->settings != NULL)
    topiary_editor_set_settings (self->editor, self->settings);
  if (self->project != NULL)
    topiary_editor_set_project (self->editor, self->project);
  topiary_links_panel_set_editor (self->links_panel, self->editor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
  return self->editor;
}

/* ---- links in the preview ---- */

static void
on_preview_open_article (TopiaryArticlePane *self,
                         const char         *slug)
{
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  article = topiary_project_get_article_by_slug (self->project, slug, FALSE, &error);
  if (error != NULL)
    {
      message (self, error->message);
      return;
    }
  if (article == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("There is no article “%s”."), slug);
      message (self, text);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, topiary_article_get_id (article));
}

static void
on_preview_create_article (TopiaryArticlePane *self,
                           const char         *target)
{
  if (self->project != NULL && !topiary_project_is_read_only (self->project))
    g_signal_emit (self, signals[SIGNAL_CREATE_ARTICLE], 0, target);
}

/* The preview's WebKitWebView starts web processes and loads its shell
 * page: on a cold start that is a good part of the time to the first
 * window, and the map overview is what shows first. So it is made when
 * an article is first shown (or someone asks for it), never before; its
 * module was preloaded on a worker thread after the first frame. When
 * the module is missing, the pane says so once and writing goes on. */
TopiaryPreview *
topiary_article_pane_get_preview (TopiaryArticlePane *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), NULL);

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
  g_signal_connect_object (self->preview, "open-article", G_CALLBACK (on_preview_open_article), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "create-article", G_CALLBACK (on_preview_create_article), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
  if (self->project != NULL)
    topiary_preview_set_project (self->preview, self->project);
  return self->preview;
}

/* ---- project and article ---- */

static gboolean
preload_dictionary (gpointer language)
{
  topiary_spell_dicts_preload (language);
  return G_SOURCE_REMOVE;
}

void
topiary_article_pane_set_project (TopiaryArticlePane *self,
                                  TopiaryProject     *project,
                                  TopiaryMapTree     *tree)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed_for_links, self);
  g_set_object (&self->project, project);
  if (self->editor != NULL)
    topiary_editor_set_project (self->editor, project);
  /* The map's links are read on a thread as soon as the map opens. */
  g_clear_object (&self->links);
  if (project != NULL)
    {
      self->links = topiary_link_service_new (project);
      g_signal_connect_object (self->links, "ready", G_CALLBACK (on_links_ready), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed_for_links), self, G_CONNECT_SWAPPED);
    }
  topiary_links_panel_set_service (self->links_panel, self->links);
  if (self->brief_offer != NULL)
    topiary_brief_offer_set_service (self->brief_offer, self->links);
  topiary_details_set_project (self->details, project);
  topiary_details_set_tree (self->details, tree);
  if (self->preview != NULL && project != NULL)
    topiary_preview_set_project (self->preview, project);
  if (project != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->details), !topiary_project_is_read_only (project));
  /* Its dictionary loads in a thread while the writer picks an article;
   * when the main loop is idle, so never before the window shows. */
  if (project != NULL && (self->settings == NULL || g_settings_get_boolean (self->settings, "spell-check")))
    g_idle_add_full (G_PRIORITY_LOW, preload_dictionary,
                     topiary_project_get_map_field (project, "language"), g_free);
}

void
topiary_article_pane_set_settings (TopiaryArticlePane *self,
                                   GSettings          *settings)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));

  g_set_object (&self->settings, settings);
  if (self->editor != NULL)
    topiary_editor_set_settings (self->editor, settings);
}

gboolean
topiary_article_pane_load (TopiaryArticlePane  *self,
                           gint64               article_id,
                           GError             **error)
{
  TopiaryArticle *article;

  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);

  if (article_id == 0)
    {
      gboolean ok = self->editor == NULL || topiary_editor_load_article (self->editor, 0, error);

      topiary_details_set_article (self->details, 0);
      ask_links (self);
      return ok;
    }

  topiary_article_pane_get_editor (self);
  /* Before loading: the editor's text-changed feeds the preview. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->preview_bin)))
    topiary_article_pane_get_preview (self);
  if (topiary_article_pane_get_article_id (self) != article_id)
    {
      if (!topiary_editor_load_article (self->editor, article_id, error))
        return FALSE;
      topiary_details_set_article (self->details, article_id);
    }
  article = topiary_details_get_article (self->details);
  if (article != NULL)
    topiary_editor_set_target_words (self->editor, topiary_article_get_target_words (article));
  update_title_bar (self, NULL);
  topiary_brief_offer_update (self->brief_offer);
  ask_links (self);
  return TRUE;
}

gboolean
topiary_article_pane_save (TopiaryArticlePane  *self,
                           GError             **error)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);

  if (self->editor != NULL && !topiary_editor_save (self->editor, error))
    return FALSE;
  return topiary_details_save (self->details, error);
}

/* ---- layout ---- */

static void
apply_layout (TopiaryArticlePane *self)
{
  gboolean editor = g_strcmp0 (self->layout, "preview") != 0;
  gboolean preview = g_strcmp0 (self->layout, "editor") != 0;
  gboolean was_hidden = !gtk_widget_get_visible (GTK_WIDGET (self->preview_bin));

  if (self->narrow)
    {
      editor = !self->narrow_preview;
      preview = self->narrow_preview;
    }
  gtk_widget_set_visible (self->switcher_bar, self->narrow);
  /* Narrow, the details come over the text (a page of their own on a
   * phone) rather than squeezing it. */
  adw_flap_set_fold_policy (self->flap, self->narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                     : ADW_FLAP_FOLD_POLICY_AUTO);

  gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), editor);
  if (self->editor != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_bin), preview);
  if (self->preview != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->preview), preview);
  /* A hidden preview is not kept up to date: catch up when it shows. */
  if (preview && was_hidden)
    topiary_article_pane_render (self);
}

static void
set_layout (TopiaryArticlePane *self,
            const char         *layout)
{
  if (g_strcmp0 (layout, "editor") != 0 && g_strcmp0 (layout, "split") != 0 &&
      g_strcmp0 (layout, "preview") != 0)
    layout = "split";
  if (g_strcmp0 (self->layout, layout) == 0)
    return;
  g_free (self->layout);
  self->layout = g_strdup (layout);
  /* Narrow, "editor only" and "preview only" pick the pane that shows. */
  if (g_strcmp0 (layout, "split") != 0)
    self->narrow_preview = g_strcmp0 (layout, "preview") == 0;
  gtk_toggle_button_set_active (self->narrow_preview ? self->preview_switch : self->editor_switch, TRUE);
  apply_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

void
topiary_article_pane_cycle_layout (TopiaryArticlePane *self)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE_PANE (self));

  if (g_strcmp0 (self->layout, "editor") == 0)
    set_layout (self, "split");
  else if (g_strcmp0 (self->layout, "split") == 0)
    set_layout (self, "preview");
  else
    set_layout (self, "editor");
}

/* ---- narrow ---- */

static void
set_narrow_preview (TopiaryArticlePane *self,
                    gboolean            preview)
{
  self->narrow_preview = preview;
  /* Toggling one button of the group untoggles the other. */
  gtk_toggle_button_set_active (preview ? self->preview_switch : self->editor_switch, TRUE);
  apply_layout (self);
}

static void
on_switch_toggled (TopiaryArticlePane *self,
                   GtkToggleButton    *button)
{
  gboolean preview;

  if (!gtk_toggle_button_get_active (button))
    return;
  preview = button == self->preview_switch;
  /* Toggled from code (the layout changed): that is all. */
  if (preview == self->narrow_preview)
    return;
  set_narrow_preview (self, preview);
  /* The user switched: the pane that shows gets the keys. */
  if (preview && self->preview != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->preview));
  else if (!preview && self->editor != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (self->editor)));
}

gboolean
topiary_article_pane_get_narrow (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);
  return self->narrow;
}

gboolean
topiary_article_pane_get_wide (TopiaryArticlePane *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE_PANE (self), FALSE);
  return self->allocated && !self->narrow;
}

static void
topiary_article_pane_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static gboolean
notify_narrow (gpointer data)
{
  TopiaryArticlePane *self = data;

  self->narrow_notify = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
  return G_SOURCE_REMOVE;
}

/* Whether the pane is narrow is decided by the width it gets, before its
 * children are given theirs: they are then laid out for what shows. */
static void
topiary_article_pane_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  TopiaryArticlePane *self = TOPIARY_ARTICLE_PANE (widget);
  gboolean narrow = width < NARROW_WIDTH;

  /* The first time too: until the pane has a width, the window does not
   * know whether its header's view switch fits (it hides it till then). */
  if (narrow != self->narrow || !self->allocated)
    {
      self->allocated = TRUE;
      self->narrow = narrow;
      /* Becoming narrow shows the pane the layout favours: the editor,
       * unless it is the preview alone. */
      if (narrow)
        set_narrow_preview (self, g_strcmp0 (self->layout, "preview") == 0);
      else
        apply_layout (self);
      /* Not now: what the window changes then (its header's view switch)
       * was laid out already in this frame. */
      if (self->narrow_notify == 0)
        self->narrow_notify = g_idle_add (notify_narrow, self);
    }
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

/* ---- life cycle ---- */

static void
topiary_article_pane_dispose (GObject *object)
{
  TopiaryArticlePane *self = TOPIARY_ARTICLE_PANE (object);

  g_clear_handle_id (&self->narrow_notify, g_source_remove);
  if (self->links_asking != NULL)
    g_cancellable_cancel (self->links_asking);
  g_clear_object (&self->links_asking);
  g_clear_pointer (&self->links_debounce, topiary_debounce_free);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed_for_links, self);
  g_clear_object (&self->links);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_ARTICLE_PANE);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  /* They were the bins' children, gone with the template. */
  self->editor = NULL;
  self->preview = NULL;
  self->brief_offer = NULL;
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (topiary_article_pane_parent_class)->dispose (object);
}

static void
topiary_article_pane_finalize (GObject *object)
{
  TopiaryArticlePane *self = TOPIARY_ARTICLE_PANE (object);

  g_free (self->layout);
  G_OBJECT_CLASS (topiary_article_pane_parent_class)->finalize (object);
}

static void
topiary_article_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TopiaryArticlePane *self = TOPIARY_ARTICLE_PANE (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->show_details);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_article_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TopiaryArticlePane *self = TOPIARY_ARTICLE_PANE (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      set_layout (self, g_value_get_string (value));
      break;
    case PROP_SHOW_DETAILS:
      if (self->show_details != g_value_get_boolean (value))
        {
          self->show_details = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          if (self->show_details)
            ask_links (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_article_pane_class_init (TopiaryArticlePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_article_pane_dispose;
  object_class->finalize = topiary_article_pane_finalize;
  object_class->get_property = topiary_article_pane_get_property;
  object_class->set_property = topiary_article_pane_set_property;
  widget_class->measure = topiary_article_pane_measure;
  widget_class->size_allocate = topiary_article_pane_size_allocate;

  /* "editor", "split" or "preview" */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "split",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL until made; notified once, when it is. */
  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, TOPIARY_TYPE_EDITOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the details panel shows beside the text. */
  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether one of editor and preview shows at a time, with a switcher. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Something to tell the user (a failed save, a link to nowhere). */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A link in the preview points at this article. */
  signals[SIGNAL_OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A link in the preview names no article yet: its target. */
  signals[SIGNAL_CREATE_ARTICLE] =
    g_signal_new ("create-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The details changed the article's title, slug or the like. */
  signals[SIGNAL_ARTICLE_CHANGED] =
    g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A revision is back and shown; the article's id. */
  signals[SIGNAL_REVISION_RESTORED] =
    g_signal_new ("revision-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (TOPIARY_TYPE_DETAILS);
  g_type_ensure (TOPIARY_TYPE_LINKS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-article-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, flap);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, paned);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, details);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, side_stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, links_panel);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, editor_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryArticlePane, preview_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_details_article_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_details_title_typed);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_links_changed);
  gtk_widget_class_bind_template_callback (widget_class, message);
}

static void
topiary_article_pane_init (TopiaryArticlePane *self)
{
  self->layout = g_strdup ("split");
  /* Reports follow a pause in typing, like the autosave. */
  self->links_debounce = topiary_debounce_new (LINKS_DELAY_MS, ask_links, self);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "show-details", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  {
    TopiaryFileList *files = topiary_details_get_file_list (self->details);

    g_signal_connect_object (files, "message", G_CALLBACK (message), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (files, "prepare", G_CALLBACK (on_files_prepare), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (files, "text-rewritten", G_CALLBACK (on_files_text_rewritten), self, G_CONNECT_SWAPPED);
  }
}
