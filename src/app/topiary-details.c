/* topiary-details.c — the fields of the article being edited
 *
 * The panel edits a copy of the article without its body; changes are
 * debounced and written with topiary_project_update_article(), which
 * leaves the body alone because it is not loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-debounce.h"
#include "topiary-details.h"
#include "topiary-language-row.h"
#include "topiary-file-list.h"
#include "topiary-map-tree.h"

#define SAVE_DELAY_MS 400

struct _TopiaryDetails
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  AdwEntryRow     *title_row;
  AdwEntryRow     *slug_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *group_row;
  AdwComboRow     *pillar_row;
  AdwComboRow     *status_row;
  AdwComboRow     *intent_row;
  AdwComboRow     *language_row;
  GtkSpinButton   *priority_spin;
  GtkSpinButton   *words_spin;
  GtkListBox      *queries_list;
  AdwEntryRow     *new_query_row;
  GtkTextView     *summary_view;
  TopiaryFileList *file_list;
  TopiaryBriefChecklist *checklist;
  GtkLabel        *summary_counter;
  GtkLabel        *error_label;

  GtkStringList   *groups_model;
  GtkStringList   *pillars_model;
  GArray          *group_ids;     /* gint64, index 0 = ideas */
  GArray          *pillar_ids;    /* gint64, index 0 = none */

  TopiaryProject  *project;
  TopiaryMapTree  *tree;
  TopiaryArticle  *article;
  TopiaryDebounce *save;
  guint            loading;
  guint            saving;
  gint64           changed_since;
};

G_DEFINE_FINAL_TYPE (TopiaryDetails, topiary_details, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ARTICLE_CHANGED,
  SIGNAL_TITLE_TYPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *intents[] = {
  "", "informational", "how-to", "comparison", "faq", "solution", "audience",
  "context", "culture", "research", "commercial", "transactional", "navigational",
};

static void reload (TopiaryDetails *self);

TopiaryBriefChecklist *
topiary_details_get_checklist (TopiaryDetails *self)
{
  g_return_val_if_fail (TOPIARY_IS_DETAILS (self), NULL);
  return self->checklist;
}

TopiaryFileList *
topiary_details_get_file_list (TopiaryDetails *self)
{
  g_return_val_if_fail (TOPIARY_IS_DETAILS (self), NULL);
  return self->file_list;
}

TopiaryArticle *
topiary_details_get_article (TopiaryDetails *self)
{
  g_return_val_if_fail (TOPIARY_IS_DETAILS (self), NULL);
  return self->article;
}

gboolean
topiary_details_save (TopiaryDetails  *self,
                      GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_DETAILS (self), FALSE);

  if (!topiary_debounce_is_armed (self->save))
    return TRUE;
  topiary_debounce_cancel (self->save);
  if (self->project == NULL || self->article == NULL)
    return TRUE;

  self->saving++;
  ok = topiary_project_update_article (self->project, self->article, error);
  self->saving--;
  if (ok)
    g_signal_emit (self, signals[SIGNAL_ARTICLE_CHANGED], 0, self->article);
  return ok;
}

static gboolean
save_cb (gpointer user_data)
{
  TopiaryDetails *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Arm again so topiary_details_save() sees the pending change. */
  topiary_debounce_arm (self->save);
  if (!topiary_details_save (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  return G_SOURCE_REMOVE;
}

static void
changed (TopiaryDetails *self)
{
  if (self->loading > 0 || self->article == NULL)
    return;
  /* Like the editor: on disk within a second of the first change. */
  if (!topiary_debounce_is_armed (self->save))
    self->changed_since = g_get_monotonic_time ();
  topiary_debounce_arm_before (self->save, self->changed_since + G_USEC_PER_SEC);
}

/* ---- loading ---- */

static void
fill_groups (TopiaryDetails *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = topiary_project_list_groups (self->project, &error);
  guint n = groups != NULL ? g_list_model_get_n_items (groups) : 0;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;
  gint64 none = 0;

  g_array_set_size (self->group_ids, 0);
  g_array_append_val (self->group_ids, none);
  g_strv_builder_add (builder, _("Ideas (no group)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, i);
      gint64 id = topiary_group_get_id (group);

      g_array_append_val (self->group_ids, id);
      g_strv_builder_add (builder, topiary_group_get_title (group));
    }
  titles = g_strv_builder_end (builder);
  gtk_string_list_splice (self->groups_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->groups_model)),
                          (const char * const *) titles);
  if (groups == NULL)
    {
      /* Without the groups the article can only be an idea: say why. */
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
fill_pillars (TopiaryDetails *self,
              gint64          group_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;
  gint64 none = 0;

  g_array_set_size (self->pillar_ids, 0);
  g_array_append_val (self->pillar_ids, none);
  g_strv_builder_add (builder, _("None"));
  if (group_id != 0 && self->tree != NULL)
    {
      g_autoptr(GPtrArray) pillars = topiary_map_tree_list_pillars (self->tree, group_id);

      for (guint i = 0; i < pillars->len; i++)
        {
          TopiaryArticle *a = g_ptr_array_index (pillars, i);
          gint64 id = topiary_article_get_id (a);

          if (id == topiary_article_get_id (self->article))
            continue;
          g_array_append_val (self->pillar_ids, id);
          g_strv_builder_add (builder, topiary_article_get_title (a));
        }
    }
  titles = g_strv_builder_end (builder);
  gtk_string_list_splice (self->pillars_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->pillars_model)),
                          (const char * const *) titles);
}

static guint
index_of (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

static void
update_counter (TopiaryDetails *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  int chars = gtk_text_buffer_get_char_count (buffer);
  g_autofree char *text = g_strdup_printf ("%d / %d", chars, TOPIARY_SUMMARY_MAX);

  gtk_label_set_label (self->summary_counter, text);
  if (chars > TOPIARY_SUMMARY_MAX)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_counter), "error");
}

static void on_primary_toggled (GtkCheckButton *check, TopiaryDetails *self);
static void on_query_up (GtkButton *button, TopiaryDetails *self);
static void on_query_down (GtkButton *button, TopiaryDetails *self);
static void on_query_remove (GtkButton *button, TopiaryDetails *self);

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
fill_queries (TopiaryDetails *self)
{
  const char * const *queries = topiary_article_get_queries (self->article);
  guint n = topiary_article_get_n_queries (self->article);
  int primary = topiary_article_get_primary_query (self->article);
  GtkWidget *child;
  GtkCheckButton *first = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *refocus = NULL;
  const char *focus_part = NULL;
  guint focus_index = 0;

  /* The rows are made again: a control of theirs with the focus gives it
   * to its counterpart in the new rows, so the keys still go there. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->queries_list)))
    for (GtkWidget *w = focus; w != NULL && focus_part == NULL; w = gtk_widget_get_parent (w))
      if ((focus_part = g_object_get_data (G_OBJECT (w), "part")) != NULL)
        focus_index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "index"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queries_list))) != NULL)
    gtk_list_box_remove (self->queries_list, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"));
      GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"));
      GtkWidget *remove = icon_button ("edit-delete-symbolic", _("Remove"));

      g_autofree char *markup = g_markup_escape_text (queries[i], -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
      gtk_widget_set_tooltip_text (check, _("Primary query"));
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (int) i == primary);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < n);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_object_set_data (G_OBJECT (check), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (up), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (down), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (check), "part", (gpointer) "check");
      g_object_set_data (G_OBJECT (up), "part", (gpointer) "up");
      g_object_set_data (G_OBJECT (down), "part", (gpointer) "down");
      g_object_set_data (G_OBJECT (remove), "part", (gpointer) "remove");
      if (focus_part != NULL && (i == focus_index || (i + 1 == n && focus_index >= n)))
        refocus = g_str_equal (focus_part, "check") ? check
                : g_str_equal (focus_part, "up") ? up
                : g_str_equal (focus_part, "down") ? down : remove;
      g_signal_connect (check, "toggled", G_CALLBACK (on_primary_toggled), self);
      g_signal_connect (up, "clicked", G_CALLBACK (on_query_up), self);
      g_signal_connect (down, "clicked", G_CALLBACK (on_query_down), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_query_remove), self);
      gtk_list_box_append (self->queries_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->queries_list), n > 0);
  if (refocus != NULL)
    gtk_widget_grab_focus (refocus);
}

static void
reload (TopiaryDetails *self)
{
  const char *intent;
  guint intent_index = 0;

  if (self->article == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), topiary_article_get_title (self->article));
  gtk_editable_set_text (GTK_EDITABLE (self->slug_row), topiary_article_get_slug (self->article));
  adw_combo_row_set_selected (self->kind_row, topiary_article_get_kind (self->article) == TOPIARY_KIND_PILLAR ? 0 : 1);
  fill_groups (self);
  adw_combo_row_set_selected (self->group_row, index_of (self->group_ids, topiary_article_get_group_id (self->article)));
  fill_pillars (self, topiary_article_get_group_id (self->article));
  adw_combo_row_set_selected (self->pillar_row, index_of (self->pillar_ids, topiary_article_get_parent_id (self->article)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pillar_row),
                            topiary_article_get_kind (self->article) == TOPIARY_KIND_CLUSTER &&
                            topiary_article_get_group_id (self->article) != 0);
  adw_combo_row_set_selected (self->status_row, topiary_article_get_status (self->article));
  intent = topiary_article_get_intent (self->article);
  for (guint i = 1; i < G_N_ELEMENTS (intents); i++)
    if (g_strcmp0 (intent, intents[i]) == 0)
      intent_index = i;
  adw_combo_row_set_selected (self->intent_row, intent_index);
  topiary_language_row_fill (self->language_row, self->project, topiary_article_get_language (self->article));
  gtk_spin_button_set_value (self->priority_spin, topiary_article_get_priority (self->article));
  gtk_spin_button_set_value (self->words_spin, topiary_article_get_target_words (self->article));
  fill_queries (self);
  {
    const char *summary = topiary_article_get_summary (self->article);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), summary ? summary : "", -1);
  }
  update_counter (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "article");
  self->loading--;
}

static void
scroll_to_top (TopiaryDetails *self)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "article");

  /* libadwaita 1.2's preferences page scrolls in its first child. */
  for (GtkWidget *w = page; w != NULL; w = gtk_widget_get_first_child (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));

        gtk_adjustment_set_value (v, gtk_adjustment_get_lower (v));
        return;
      }
}

static void
load (TopiaryDetails *self,
      gint64          article_id)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->article);
  if (article_id != 0 && self->project != NULL)
    {
      self->article = topiary_project_get_article (self->project, article_id, FALSE, &error);
      if (self->article == NULL)
        g_debug ("Cannot show article %" G_GINT64_FORMAT ": %s", article_id, error->message);
    }
  topiary_file_list_set_article (self->file_list, self->project, self->article ? article_id : 0);
  reload (self);
}

void
topiary_details_set_article (TopiaryDetails *self,
                             gint64          article_id)
{
  g_autoptr(GError) error = NULL;

  gboolean other;

  g_return_if_fail (TOPIARY_IS_DETAILS (self));

  other = self->article == NULL || topiary_article_get_id (self->article) != article_id;
  if (!topiary_details_save (self, &error))
    g_debug ("Could not save the article details: %s", error->message);
  load (self, article_id);
  /* Another article's details start at the top (its title), not where
   * the last one's were scrolled. */
  if (other)
    scroll_to_top (self);
}

void
topiary_details_project_changed (TopiaryDetails *self)
{
  g_return_if_fail (TOPIARY_IS_DETAILS (self));

  /* Someone else changed the project (a move in the tree, an import):
   * show the article as it is now, unless the user is typing here. */
  if (self->saving > 0 || self->article == NULL || topiary_debounce_is_armed (self->save))
    return;
  load (self, topiary_article_get_id (self->article));
}

void
topiary_details_set_tree (TopiaryDetails *self,
                          TopiaryMapTree *tree)
{
  g_return_if_fail (TOPIARY_IS_DETAILS (self));
  g_set_object (&self->tree, tree);
}

void
topiary_details_set_project (TopiaryDetails *self,
                             TopiaryProject *project)
{
  g_return_if_fail (TOPIARY_IS_DETAILS (self));

  if (self->project == project)
    return;
  topiary_debounce_cancel (self->save);
  g_set_object (&self->project, project);
  g_clear_object (&self->tree);
  load (self, 0);
}

/* ---- edits ---- */

static void
on_title_changed (TopiaryDetails *self)
{
  g_autofree char *title = NULL;

  if (self->loading > 0 || self->article == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    return;
  topiary_article_set_title (self->article, title);
  changed (self);
  g_signal_emit (self, signals[SIGNAL_TITLE_TYPED], 0);
}

static void
on_slug_changed (TopiaryDetails *self)
{
  if (self->loading > 0 || self->article == NULL)
    return;
  topiary_article_set_slug (self->article, gtk_editable_get_text (GTK_EDITABLE (self->slug_row)));
  changed (self);
}

static void
on_kind_changed (TopiaryDetails *self)
{
  gboolean pillar;

  if (self->loading > 0 || self->article == NULL)
    return;
  pillar = adw_combo_row_get_selected (self->kind_row) == 0;
  topiary_article_set_kind (self->article, pillar ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
  if (pillar)
    {
      topiary_article_set_parent_id (self->article, 0);
      self->loading++;
      adw_combo_row_set_selected (self->pillar_row, 0);
      self->loading--;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->pillar_row),
                            !pillar && topiary_article_get_group_id (self->article) != 0);
  changed (self);
}

static void
on_group_changed (TopiaryDetails *self)
{
  guint index;
  gint64 group_id;

  if (self->loading > 0 || self->article == NULL)
    return;
  index = adw_combo_row_get_selected (self->group_row);
  group_id = index < self->group_ids->len ? g_array_index (self->group_ids, gint64, index) : 0;
  topiary_article_set_group_id (self->article, group_id);
  topiary_article_set_parent_id (self->article, 0);
  self->loading++;
  fill_pillars (self, group_id);
  adw_combo_row_set_selected (self->pillar_row, 0);
  self->loading--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pillar_row),
                            topiary_article_get_kind (self->article) == TOPIARY_KIND_CLUSTER && group_id != 0);
  changed (self);
}

static void
on_pillar_changed (TopiaryDetails *self)
{
  guint index;

  if (self->loading > 0 || self->article == NULL)
    return;
  index = adw_combo_row_get_selected (self->pillar_row);
  topiary_article_set_parent_id (self->article,
                                 index < self->pillar_ids->len ? g_array_index (self->pillar_ids, gint64, index) : 0);
  changed (self);
}

static void
on_status_changed (TopiaryDetails *self)
{
  guint index;

  if (self->loading > 0 || self->article == NULL)
    return;
  index = adw_combo_row_get_selected (self->status_row);
  if (index < TOPIARY_N_STATUS)
    topiary_article_set_status (self->article, (TopiaryStatus) index);
  changed (self);
}

static void
on_intent_changed (TopiaryDetails *self)
{
  guint index;

  if (self->loading > 0 || self->article == NULL)
    return;
  index = adw_combo_row_get_selected (self->intent_row);
  topiary_article_set_intent (self->article, index > 0 && index < G_N_ELEMENTS (intents) ? intents[index] : NULL);
  changed (self);
}

static void
on_language_changed (TopiaryDetails *self)
{
  g_autofree char *language = NULL;

  if (self->loading > 0 || self->article == NULL)
    return;
  language = topiary_language_row_dup_selected (self->language_row);
  topiary_article_set_language (self->article, language);
  changed (self);
}

static void
on_numbers_changed (TopiaryDetails *self)
{
  if (self->loading > 0 || self->article == NULL)
    return;
  topiary_article_set_priority (self->article, gtk_spin_button_get_value_as_int (self->priority_spin));
  topiary_article_set_target_words (self->article, gtk_spin_button_get_value_as_int (self->words_spin));
  changed (self);
}

static void
on_summary_changed (TopiaryDetails *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  update_counter (self);
  if (self->loading > 0 || self->article == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  topiary_article_set_summary (self->article, text);
  changed (self);
}

/* Queries are edited on the copy as a whole list, then shown again. */
static void
set_queries (TopiaryDetails *self,
             GPtrArray      *queries,
             int             primary)
{
  g_ptr_array_add (queries, NULL);
  topiary_article_set_queries (self->article, (const char * const *) queries->pdata);
  topiary_article_set_primary_query (self->article, queries->len > 1 ? CLAMP (primary, 0, (int) queries->len - 2) : -1);
  self->loading++;
  fill_queries (self);
  self->loading--;
  changed (self);
}

static GPtrArray *
copy_queries (TopiaryDetails *self)
{
  const char * const *queries = topiary_article_get_queries (self->article);
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; queries[i] != NULL; i++)
    g_ptr_array_add (copy, g_strdup (queries[i]));
  return copy;
}

static void
on_query_add (TopiaryDetails *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_query_row))));
  g_autoptr(GPtrArray) queries = NULL;

  if (self->article == NULL || *text == '\0')
    return;
  queries = copy_queries (self);
  g_ptr_array_add (queries, g_steal_pointer (&text));
  set_queries (self, queries, MAX (0, topiary_article_get_primary_query (self->article)));
  gtk_editable_set_text (GTK_EDITABLE (self->new_query_row), "");
}

static void
on_primary_toggled (GtkCheckButton *check,
                    TopiaryDetails *self)
{
  if (self->loading > 0 || self->article == NULL || !gtk_check_button_get_active (check))
    return;
  topiary_article_set_primary_query (self->article, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "index")));
  changed (self);
}

static void
move_query (TopiaryDetails *self,
            guint           index,
            int             delta)
{
  g_autoptr(GPtrArray) queries = copy_queries (self);
  int primary = topiary_article_get_primary_query (self->article);
  guint other = index + delta;
  gpointer tmp;

  if (other >= queries->len)
    return;
  tmp = queries->pdata[index];
  queries->pdata[index] = queries->pdata[other];
  queries->pdata[other] = tmp;
  if (primary == (int) index)
    primary = other;
  else if (primary == (int) other)
    primary = index;
  set_queries (self, queries, primary);
}

static void
on_query_up (GtkButton      *button,
             TopiaryDetails *self)
{
  move_query (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")), -1);
}

static void
on_query_down (GtkButton      *button,
               TopiaryDetails *self)
{
  move_query (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")), 1);
}

static void
on_query_remove (GtkButton      *button,
                 TopiaryDetails *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GPtrArray) queries = copy_queries (self);
  int primary = topiary_article_get_primary_query (self->article);

  if (index >= queries->len)
    return;
  g_ptr_array_remove_index (queries, index);
  if (primary > (int) index)
    primary--;
  set_queries (self, queries, primary);
}

static void
topiary_details_dispose (GObject *object)
{
  TopiaryDetails *self = TOPIARY_DETAILS (object);

  if (self->save != NULL && topiary_debounce_is_armed (self->save))
    topiary_details_save (self, NULL);
  topiary_details_set_project (self, NULL);
  g_clear_pointer (&self->save, topiary_debounce_free);
  g_clear_object (&self->article);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->group_ids, g_array_unref);
  g_clear_pointer (&self->pillar_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_DETAILS);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_details_parent_class)->dispose (object);
}

static void
topiary_details_class_init (TopiaryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_details_dispose;

  signals[SIGNAL_ARTICLE_CHANGED] =
    g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TOPIARY_TYPE_ARTICLE);
  /* The title entry changed: topiary_details_get_article() has the title
   * as typed, before it is saved. */
  signals[SIGNAL_TITLE_TYPED] =
    g_signal_new ("title-typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TOPIARY_TYPE_FILE_LIST);
  g_type_ensure (TOPIARY_TYPE_BRIEF_CHECKLIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, file_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, checklist);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, title_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, slug_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, group_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, intent_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, language_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, priority_spin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, words_spin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, queries_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, new_query_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, summary_view);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, summary_counter);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, groups_model);
  gtk_widget_class_bind_template_child (widget_class, TopiaryDetails, pillars_model);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_slug_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_group_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pillar_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_intent_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_language_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_numbers_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_query_add);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_details_init (TopiaryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));

  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pillar_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->save = topiary_debounce_new (SAVE_DELAY_MS, save_cb, self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (on_summary_changed), self, G_CONNECT_SWAPPED);
}
