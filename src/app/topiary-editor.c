/* topiary-editor.c — the Markdown editor of one article
 *
 * Every edit marks the article dirty and moves the deadline of ONE
 * debounced timer; when it fires the body goes to the project through
 * topiary_project_save_body(). Switching articles and closing the window
 * save first, so at most the last debounce interval can be lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-debounce.h"
#include "topiary-editor.h"
#include "topiary-editor-images.h"
#include "topiary-link-completion.h"
#include "topiary-outline.h"
#include "topiary-revision-dialog.h"
#include "topiary-markdown.h"
#include "topiary-markdown-keys.h"
#include "topiary-spell-view.h"
#include "topiary-writing-mode.h"

#define STATUS_DELAY_MS 150
#define DEFAULT_AUTOSAVE_MS 500
/* However fast the typing, an edit is on disk within this time. */
#define AUTOSAVE_MAX_WAIT_US (1000 * 1000)

struct _TopiaryEditor
{
  GtkWidget               parent_instance;

  GtkSearchBar           *search_bar;
  GtkSearchEntry         *find_entry;
  GtkEntry               *replace_entry;
  GtkWidget              *replace_box;
  GtkLabel               *matches_label;
  GtkSourceView          *view;
  GtkLabel               *words_label;
  GtkLabel               *reading_label;
  GtkLevelBar            *progress;
  GtkLabel               *save_label;

  GtkSourceBuffer        *buffer;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext *search_context;

  TopiaryProject         *project;
  GSettings              *settings;
  gint64                  article_id;
  int                     target_words;
  gboolean                dirty;
  gint64                  dirty_since;
  char                   *base_text;  /* the body as last read or saved */
  guint                   loading;

  TopiaryDebounce        *autosave;
  TopiaryDebounce        *status;

  GSimpleActionGroup     *actions;  /* article.* */
  TopiarySpellView       *spell;
  TopiaryLinkCompletion  *links;    /* [[ completion */
  GtkWidget              *outline;  /* its menu button, in the status line */
  TopiaryWritingMode     *writing;  /* font, column, focus, typewriter */
};

G_DEFINE_FINAL_TYPE (TopiaryEditor, topiary_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_TEXT_CHANGED,
  SIGNAL_CURSOR_MOVED,
  SIGNAL_SAVE_FAILED,
  SIGNAL_SAVING,
  SIGNAL_SHOW,
  SIGNAL_RESTORING,
  SIGNAL_RESTORED,
  SIGNAL_FAILED,
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (TopiaryEditor *self);

GtkSourceBuffer *
topiary_editor_get_buffer (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return self->buffer;
}

GtkWidget *
topiary_editor_get_outline_button (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return self->outline;
}

TopiarySpellView *
topiary_editor_get_spell (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return self->spell;
}

GtkSourceView *
topiary_editor_get_view (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return self->view;
}

TopiaryProject *
topiary_editor_get_project (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return self->project;
}

gint64
topiary_editor_get_article_id (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), 0);
  return self->article_id;
}

gboolean
topiary_editor_is_dirty (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), FALSE);
  return self->dirty;
}

char *
topiary_editor_dup_text (TopiaryEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

guint
topiary_editor_get_cursor_line (TopiaryEditor *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), 1);

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  return gtk_text_iter_get_line (&iter) + 1;
}

static void
update_save_label (TopiaryEditor *self)
{
  gtk_label_set_label (self->save_label, self->dirty ? _("Unsaved") : _("Saved"));
}

gboolean
topiary_editor_save (TopiaryEditor  *self,
                     GError        **error)
{
  g_autofree char *text = NULL;
  gboolean conflict = FALSE;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), FALSE);

  topiary_debounce_cancel (self->autosave);
  if (!self->dirty || self->project == NULL || self->article_id == 0)
    return TRUE;

  text = topiary_editor_dup_text (self);
  /* Lets the window tell a body save from other changes of the project. */
  g_signal_emit (self, signals[SIGNAL_SAVING], 0, TRUE);
  ok = topiary_project_save_body_over (self->project, self->article_id, self->base_text, text, &conflict, error);
  g_signal_emit (self, signals[SIGNAL_SAVING], 0, FALSE);
  if (!ok)
    return FALSE;
  if (conflict)
    {
      g_autoptr(TopiaryArticle) article = topiary_project_get_article (self->project, self->article_id, FALSE, NULL);
      g_autofree char *notice =
        g_strdup_printf (_("“%s” was also changed elsewhere; that version is kept in its revisions."),
                         article ? topiary_article_get_title (article) : "");

      g_signal_emit (self, signals[SIGNAL_NOTICE], 0, notice);
    }

  g_free (self->base_text);
  self->base_text = g_steal_pointer (&text);
  self->dirty = FALSE;
  update_save_label (self);
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  TopiaryEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!topiary_editor_save (self, &error))
    g_signal_emit (self, signals[SIGNAL_SAVE_FAILED], 0, error->message);
  return G_SOURCE_REMOVE;
}

static gboolean
status_cb (gpointer user_data)
{
  TopiaryEditor *self = user_data;
  g_autofree char *text = topiary_editor_dup_text (self);
  guint words = topiary_markdown_word_count (text);
  guint minutes = topiary_markdown_reading_minutes (words);
  g_autofree char *words_text = NULL;
  g_autofree char *minutes_text = NULL;

  if (self->target_words > 0)
    words_text = g_strdup_printf (_("%u / %d words"), words, self->target_words);
  else
    words_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);
  /* Nothing to read says nothing; a short text is not "1 min". */
  if (words < TOPIARY_WORDS_PER_MINUTE)
    minutes_text = g_strdup (_("under a minute to read"));
  else
    minutes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read", "%u min read", minutes), minutes);

  gtk_label_set_label (self->words_label, words_text);
  gtk_label_set_label (self->reading_label, minutes_text);
  gtk_widget_set_visible (GTK_WIDGET (self->reading_label), words > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->target_words > 0);
  if (self->target_words > 0)
    gtk_level_bar_set_value (self->progress, MIN (1.0, (double) words / self->target_words));
  return G_SOURCE_REMOVE;
}

void
topiary_editor_set_target_words (TopiaryEditor *self,
                                 int            words)
{
  g_return_if_fail (TOPIARY_IS_EDITOR (self));
  self->target_words = MAX (0, words);
  topiary_debounce_arm (self->status);
}

static void
on_buffer_changed (TopiaryEditor *self)
{
  if (self->loading > 0)
    return;
  if (!self->dirty)
    self->dirty_since = g_get_monotonic_time ();
  self->dirty = TRUE;
  update_save_label (self);
  topiary_debounce_arm_before (self->autosave, self->dirty_since + AUTOSAVE_MAX_WAIT_US);
  topiary_debounce_arm_once (self->status);
  g_signal_emit (self, signals[SIGNAL_TEXT_CHANGED], 0);
}

static void
on_cursor_moved (TopiaryEditor *self)
{
  if (self->loading == 0)
    g_signal_emit (self, signals[SIGNAL_CURSOR_MOVED], 0, topiary_editor_get_cursor_line (self));
}

void
topiary_editor_set_project (TopiaryEditor  *self,
                            TopiaryProject *project)
{
  g_return_if_fail (TOPIARY_IS_EDITOR (self));

  if (self->project == project)
    return;
  /* The caller saves before switching projects; drop what is left. */
  topiary_debounce_cancel (self->autosave);
  g_set_object (&self->project, project);
  topiary_link_completion_set_project (self->links, project);
  self->article_id = 0;
  self->dirty = FALSE;
  self->loading++;
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), "", 0);
  self->loading--;
  update_actions (self);
}

gboolean
topiary_editor_load_article (TopiaryEditor  *self,
                             gint64          article_id,
                             GError        **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  GtkTextIter start;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), FALSE);

  if (!topiary_editor_save (self, error))
    return FALSE;

  if (article_id != 0)
    {
      if (self->project == NULL)
        {
          g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                               _("No project is open."));
          return FALSE;
        }
      article = topiary_project_get_article (self->project, article_id, TRUE, error);
      if (article == NULL)
        return FALSE;
    }

  self->article_id = article_id;
  topiary_link_completion_set_article (self->links, article_id);
  self->target_words = article ? topiary_article_get_target_words (article) : 0;
  self->dirty = FALSE;
  g_free (self->base_text);
  self->base_text = g_strdup (article && topiary_article_get_body (article) ? topiary_article_get_body (article) : "");

  self->loading++;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer),
                            article && topiary_article_get_body (article) ? topiary_article_get_body (article) : "",
                            -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  self->loading--;
  /* After the text is in: checking it starts now, not after the typing
   * pause its insertion asked for. */
  topiary_spell_view_set_article (self->spell, article ? self->project : NULL, article);

  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &start, 0, FALSE, 0, 0);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view),
                              self->project != NULL && !topiary_project_is_read_only (self->project));
  update_save_label (self);
  status_cb (self);
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_TEXT_CHANGED], 0);
  return TRUE;
}

gboolean
topiary_editor_reload_changed (TopiaryEditor  *self,
                               GError        **error)
{
  g_autoptr(TopiaryArticle) article = NULL;
  const char *body;
  GtkTextIter iter;
  int offset;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), FALSE);

  /* Unsaved text stays: its save keeps the other version as a revision. */
  if (self->dirty || self->project == NULL || self->article_id == 0)
    return TRUE;
  article = topiary_project_get_article (self->project, self->article_id, TRUE, error);
  if (article == NULL)
    return FALSE;
  body = topiary_article_get_body (article) ? topiary_article_get_body (article) : "";
  if (g_strcmp0 (body, self->base_text) == 0)
    return TRUE;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  offset = gtk_text_iter_get_offset (&iter);
  self->loading++;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), body, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), &iter, offset);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  self->loading--;
  g_free (self->base_text);
  self->base_text = g_strdup (body);
  status_cb (self);
  g_signal_emit (self, signals[SIGNAL_TEXT_CHANGED], 0);
  return TRUE;
}

int
topiary_editor_get_cursor_offset (TopiaryEditor *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), 0);

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  return gtk_text_iter_get_offset (&iter);
}

void
topiary_editor_set_cursor_offset (TopiaryEditor *self,
                                  int            offset)
{
  GtkTextIter iter;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));

  /* An offset past the end (the text changed since) goes to the end. */
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), &iter, MAX (0, offset));
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)),
                                0.0, TRUE, 0.0, 0.3);
}

/* ---- formatting ---- */

void
topiary_editor_wrap_selection (TopiaryEditor *self,
                               const char    *before,
                               const char    *after)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkTextMark *mark;
  g_autofree char *text = NULL;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));
  g_return_if_fail (before != NULL && after != NULL);

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  text = gtk_text_iter_get_text (&start, &end);

  /* One undo step; the selection (or the cursor) stays between the marks. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  gtk_text_buffer_insert (buffer, &start, before, -1);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_insert (buffer, &start, after, -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, mark);
  gtk_text_iter_forward_chars (&end, g_utf8_strlen (before, -1));
  start = end;
  gtk_text_iter_forward_chars (&end, g_utf8_strlen (text, -1));
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_mark (buffer, mark);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* ---- appearance ---- */

static void
update_style_scheme (TopiaryEditor *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
on_autosave_delay_changed (TopiaryEditor *self)
{
  topiary_debounce_set_delay (self->autosave, g_settings_get_uint (self->settings, "autosave-delay"));
}

static const char * const writing_toggles[] = { "focus-mode", "typewriter" };

void
topiary_editor_set_settings (TopiaryEditor *self,
                             GSettings     *settings)
{
  g_return_if_fail (TOPIARY_IS_EDITOR (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::autosave-delay", G_CALLBACK (on_autosave_delay_changed), self, G_CONNECT_SWAPPED);
  g_settings_bind (settings, "show-line-numbers", self->view, "show-line-numbers", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "spell-check", self->spell, "enabled", G_SETTINGS_BIND_GET);
  topiary_writing_mode_set_settings (self->writing, settings);
  on_autosave_delay_changed (self);
  /* Writing mode toggles, kept in the settings (issue 13). */
  for (guint i = 0; i < G_N_ELEMENTS (writing_toggles); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, writing_toggles[i]);
      g_action_map_add_action (G_ACTION_MAP (self->actions), action);
    }
}

/* ---- find and replace ---- */

static void
select_match (TopiaryEditor *self,
              GtkTextIter   *start,
              GtkTextIter   *end)
{
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), start, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view),
                                gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)),
                                0.2, FALSE, 0, 0);
}

void
topiary_editor_find_next (TopiaryEditor *self,
                          gboolean       backward)
{
  GtkTextIter sel_start, sel_end, start, end;
  gboolean found;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &sel_start, &sel_end);
  if (backward)
    found = gtk_source_search_context_backward (self->search_context, &sel_start, &start, &end, NULL);
  else
    found = gtk_source_search_context_forward (self->search_context, &sel_end, &start, &end, NULL);
  if (found)
    select_match (self, &start, &end);
}

void
topiary_editor_begin_search (TopiaryEditor *self,
                             gboolean       replace)
{
  GtkTextIter start, end;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_iter_get_visible_text (&start, &end);
      gtk_editable_set_text (GTK_EDITABLE (self->find_entry), text);
    }
  gtk_widget_set_visible (self->replace_box, replace);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
}

static void
update_matches (TopiaryEditor *self)
{
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  g_autofree char *text = NULL;

  if (count >= 0 && gtk_source_search_settings_get_search_text (self->search_settings) != NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_label (self->matches_label, text ? text : "");
}

static void
on_find_changed (TopiaryEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  GtkTextIter insert, start, end;

  gtk_source_search_settings_set_search_text (self->search_settings, *text ? text : NULL);
  if (*text == '\0')
    return;
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &insert, NULL);
  if (gtk_source_search_context_forward (self->search_context, &insert, &start, &end, NULL))
    select_match (self, &start, &end);
}

static void
on_find_next (TopiaryEditor *self)
{
  topiary_editor_find_next (self, FALSE);
}

static void
on_find_previous (TopiaryEditor *self)
{
  topiary_editor_find_next (self, TRUE);
}

static void
on_stop_search (TopiaryEditor *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_replace (TopiaryEditor *self)
{
  GtkTextIter start, end;
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  if (gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end) > 0)
    gtk_source_search_context_replace (self->search_context, &start, &end, replacement, -1, NULL);
  topiary_editor_find_next (self, FALSE);
}

static void
on_replace_all (TopiaryEditor *self)
{
  gtk_source_search_context_replace_all (self->search_context,
                                         gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                                         -1, NULL);
}

/* ---- article actions ---- */

GActionGroup *
topiary_editor_get_actions (TopiaryEditor *self)
{
  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

static void
set_enabled (TopiaryEditor *self,
             const char    *name,
             gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The one place that decides which article.* actions are enabled. */
static void
update_actions (TopiaryEditor *self)
{
  gboolean editing = self->project != NULL && self->article_id != 0;
  gboolean writable = editing && !topiary_project_is_read_only (self->project);

  set_enabled (self, "restore-revision", writable);
  set_enabled (self, "compare-revision", writable);
  set_enabled (self, "find", editing);
  set_enabled (self, "find-next", editing);
  set_enabled (self, "find-previous", editing);
  set_enabled (self, "replace", writable);
  set_enabled (self, "bold", writable);
  set_enabled (self, "italic", writable);
  set_enabled (self, "code", writable);
  set_enabled (self, "link", writable);
  set_enabled (self, "wiki-link", writable);
  set_enabled (self, "insert-image", writable);
  set_enabled (self, "outline", editing);
  set_enabled (self, "section-up", writable);
  set_enabled (self, "section-down", writable);
  gtk_widget_set_visible (self->outline, editing);
}

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
  if (g_strcmp0 (reason, "conflict") == 0)
    return _("Changed elsewhere");
  return reason ? reason : "";
}

void
topiary_editor_fill_history (TopiaryEditor *self,
                             GtkListBox    *list)
{
  g_autoptr(GPtrArray) revisions = NULL;
  GtkWidget *child;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  if (self->project == NULL || self->article_id == 0)
    return;

  revisions = topiary_project_list_revisions (self->project, self->article_id, NULL);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      TopiaryRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->created);
      /* TRANSLATORS: a revision's date, unambiguous in every locale: "5 Dec 2026, 18:37" (g_date_time_format) */
      g_autofree char *title = when ? g_date_time_format (when, _("%-d %b %Y, %H:%M")) : g_strdup ("");
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u word", "%s · %u words", info->words),
                                                   revision_reason (info->reason), info->words);
      g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "article.compare-revision");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", info->id);
      /* A button too: a screen reader's user acts on controls, and GTK 4.8
       * gives a list row no action over AT-SPI. */
      {
        GtkWidget *compare = gtk_button_new_from_icon_name ("go-next-symbolic");
        /* TRANSLATORS: a button's name for screen readers; %s is a revision's date */
        g_autofree char *name = g_strdup_printf (_("Compare with the Revision of %s"), title);

        gtk_widget_add_css_class (compare, "flat");
        gtk_widget_set_valign (compare, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (compare, _("Compare"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (compare), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (compare), "article.compare-revision");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (compare), "x", info->id);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), compare);
      }
      gtk_list_box_append (list, row);
    }
  if (revisions == NULL || revisions->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No revisions yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (list, empty);
    }
}

/* Shows @body as the article's text in one step the editor's undo can
 * take back (Ctrl+Z brings the text before it, which autosave then
 * writes); the body is in the project already, so nothing is unsaved. */
static void
show_restored (TopiaryEditor *self,
               const char    *body)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  self->loading++;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, body, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading--;
  g_free (self->base_text);
  self->base_text = g_strdup (body);
  self->dirty = FALSE;
  update_save_label (self);
  status_cb (self);
  g_signal_emit (self, signals[SIGNAL_TEXT_CHANGED], 0);
}

static void
restore_revision (TopiaryEditor *self,
                  gint64         revision_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean stop = FALSE;
  gint64 id;

  if (self->project == NULL)
    return;
  /* What is on screen is kept too: restoring snapshots it first, so
   * whoever shows more of the article writes it now. */
  g_signal_emit (self, signals[SIGNAL_RESTORING], 0, &stop);
  if (stop)
    return;
  if (!topiary_editor_save (self, &error) ||
      (id = topiary_project_restore_revision (self->project, revision_id, &error)) == 0 ||
      (id == self->article_id && (body = topiary_project_get_body (self->project, id, &error)) == NULL) ||
      (id != self->article_id && !topiary_editor_load_article (self, id, &error)))
    {
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
      return;
    }
  if (body != NULL)
    show_restored (self, body);
  g_signal_emit (self, signals[SIGNAL_RESTORED], 0, id);
}

static void
article_restore_revision (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  restore_revision (user_data, g_variant_get_int64 (param));
}

static void
on_compare_restore (TopiaryRevisionDialog *dialog,
                    gint64                 revision_id,
                    TopiaryEditor         *self)
{
  restore_revision (self, revision_id);
}

/* The revision against the text on screen, before restoring it. */
static void
article_compare_revision (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  TopiaryEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TopiaryRevisionDialog *dialog;

  if (self->project == NULL || self->article_id == 0)
    return;
  text = topiary_editor_dup_text (self);
  dialog = topiary_revision_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->project,
                                        g_variant_get_int64 (param), text, &error);
  if (dialog == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
      return;
    }
  g_signal_connect_object (dialog, "restore", G_CALLBACK (on_compare_restore), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
article_find (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TopiaryEditor *self = user_data;

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    g_signal_emit (self, signals[SIGNAL_SHOW], 0);
  topiary_editor_begin_search (self, g_str_equal (g_action_get_name (G_ACTION (action)), "replace"));
}

static void
article_find_next (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  topiary_editor_find_next (user_data, g_str_equal (g_action_get_name (G_ACTION (action)), "find-previous"));
}

static void
article_format (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  TopiaryEditor *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  /* Bold, italic and code toggle (topiary-markdown-keys.c). */
  if (g_str_equal (name, "bold"))
    topiary_markdown_keys_toggle_wrap (GTK_TEXT_VIEW (self->view), "**");
  else if (g_str_equal (name, "italic"))
    topiary_markdown_keys_toggle_wrap (GTK_TEXT_VIEW (self->view), "_");
  else if (g_str_equal (name, "code"))
    topiary_markdown_keys_toggle_wrap (GTK_TEXT_VIEW (self->view), "`");
  else if (g_str_equal (name, "link"))
    topiary_markdown_keys_make_link (GTK_TEXT_VIEW (self->view));
  else if (g_str_equal (name, "wiki-link"))
    topiary_editor_wrap_selection (self, "[[", "]]");
}

static void
article_outline (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  TopiaryEditor *self = user_data;

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    g_signal_emit (self, signals[SIGNAL_SHOW], 0);
  topiary_outline_button_popup (self->outline);
}

static void
article_move_section (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  TopiaryEditor *self = user_data;

  topiary_outline_move_section (GTK_TEXT_VIEW (self->view),
                                g_str_equal (g_action_get_name (G_ACTION (action)), "section-up"));
}

void
topiary_editor_add_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "article.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "article.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "article.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "article.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "article.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_grave, GDK_CONTROL_MASK, "article.code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "article.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.wiki-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.insert-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK | GDK_ALT_MASK, "article.section-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK | GDK_ALT_MASK, "article.section-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK, "article.focus-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.typewriter", NULL);
}

static const GActionEntry action_entries[] = {
  { .name = "restore-revision", .activate = article_restore_revision, .parameter_type = "x" },
  { .name = "compare-revision", .activate = article_compare_revision, .parameter_type = "x" },
  { .name = "find", .activate = article_find },
  { .name = "replace", .activate = article_find },
  { .name = "find-next", .activate = article_find_next },
  { .name = "find-previous", .activate = article_find_next },
  { .name = "bold", .activate = article_format },
  { .name = "italic", .activate = article_format },
  { .name = "code", .activate = article_format },
  { .name = "link", .activate = article_format },
  { .name = "wiki-link", .activate = article_format },
  { .name = "insert-image", .activate = _topiary_editor_insert_image },
  { .name = "outline", .activate = article_outline },
  { .name = "section-up", .activate = article_move_section },
  { .name = "section-down", .activate = article_move_section },
};

/* ---- life cycle ---- */

static void
topiary_editor_dispose (GObject *object)
{
  TopiaryEditor *self = TOPIARY_EDITOR (object);

  /* Last chance for an edit made just before the window went away. */
  if (self->dirty && self->project != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!topiary_editor_save (self, &error))
        g_debug ("Could not save on dispose: %s", error->message);
    }
  g_clear_pointer (&self->autosave, topiary_debounce_free);
  g_clear_pointer (&self->status, topiary_debounce_free);
  g_clear_pointer (&self->base_text, g_free);
  g_clear_object (&self->writing);
  /* The window may hold the group longer: nothing in it points here after. */
  for (guint i = 0; self->actions != NULL && i < G_N_ELEMENTS (action_entries); i++)
    g_action_map_remove_action (G_ACTION_MAP (self->actions), action_entries[i].name);
  for (guint i = 0; self->actions != NULL && i < G_N_ELEMENTS (writing_toggles); i++)
    g_action_map_remove_action (G_ACTION_MAP (self->actions), writing_toggles[i]);
  g_clear_object (&self->actions);
  g_clear_object (&self->spell);
  g_clear_object (&self->links);
  g_clear_object (&self->search_context);
  g_clear_object (&self->search_settings);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_EDITOR);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_editor_parent_class)->dispose (object);
}

static void
topiary_editor_class_init (TopiaryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_editor_dispose;

  signals[SIGNAL_TEXT_CHANGED] =
    g_signal_new ("text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CURSOR_MOVED] =
    g_signal_new ("cursor-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* TRUE just before the body is written, FALSE right after. */
  signals[SIGNAL_SAVING] =
    g_signal_new ("saving", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /* Emitted when an action needs the editor shown (find while only the
   * preview is). */
  signals[SIGNAL_SHOW] =
    g_signal_new ("show-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Before a revision is restored: a handler writes what it shows of the
   * article, and returns TRUE to stop the restore (it said why). */
  signals[SIGNAL_RESTORING] =
    g_signal_new ("restoring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);
  /* The revision is back and loaded; the article's id. */
  signals[SIGNAL_RESTORED] =
    g_signal_new ("revision-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* An article action failed; the message says why. */
  signals[SIGNAL_FAILED] =
    g_signal_new ("action-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Something the writer should know, not a failure; the text says what. */
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  topiary_editor_add_shortcuts (widget_class);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, find_entry);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, replace_box);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, matches_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, view);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, words_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, reading_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, progress);
  gtk_widget_class_bind_template_child (widget_class, TopiaryEditor, save_label);
  gtk_widget_class_bind_template_callback (widget_class, on_find_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_next);
  gtk_widget_class_bind_template_callback (widget_class, on_find_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_replace);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_all);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_editor_init (TopiaryEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  /* Images first: a pasted image is no text to make a link of. */
  _topiary_editor_images_setup (self, self->view);
  topiary_markdown_keys_attach (self->view);
  self->links = topiary_link_completion_new ();
  gtk_source_completion_add_provider (gtk_source_view_get_completion (self->view),
                                      GTK_SOURCE_COMPLETION_PROVIDER (self->links));
  /* The outline, first in the status line. */
  self->outline = topiary_outline_button_new (GTK_TEXT_VIEW (self->view));
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->words_label))), self->outline);
  topiary_a11y_fix_names (self->outline);
  /* Enter takes the first article offered. */
  g_object_set (gtk_source_view_get_completion (self->view), "select-on-show", TRUE, NULL);

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (self->buffer, self->search_settings);
  gtk_source_search_context_set_highlight (self->search_context, TRUE);

  self->spell = topiary_spell_view_new (GTK_TEXT_VIEW (self->view));
  self->autosave = topiary_debounce_new (DEFAULT_AUTOSAVE_MS, autosave_cb, self);
  self->status = topiary_debounce_new (STATUS_DELAY_MS, status_cb, self);

  self->writing = topiary_writing_mode_new (GTK_TEXT_VIEW (self->view));

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_context, "notify::occurrences-count", G_CALLBACK (update_matches), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "article", G_ACTION_GROUP (self->actions));
  update_actions (self);

  update_style_scheme (self);
  update_save_label (self);
  status_cb (self);
}
