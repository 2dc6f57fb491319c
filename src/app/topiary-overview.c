/* topiary-overview.c — the map at a glance: progress, counts and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-check.h"
#include "topiary-debounce.h"
#include "topiary-dialogs.h"
#include "topiary-map-actions.h"
#include "topiary-map-edit.h"
#include "topiary-map-tree.h"
#include "topiary-overview.h"
#include "topiary-remedies.h"
#include "topiary-text-dialog.h"
#include "topiary-window.h"

#define REFRESH_DELAY_MS 200
/* A map imported from a site can carry thousands of notes. */
#define MAX_NOTES 50
#define MAX_FINDINGS 100

struct _TopiaryOverview
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkLabel        *description_label;
  GtkProgressBar  *progress;
  GtkLabel        *progress_label;
  GtkBox          *stats_box;
  GtkListBox      *status_list;
  GtkWidget       *notes_group;
  GtkListBox      *notes_list;
  GtkListBox      *audit_list;

  TopiaryProject  *project;
  TopiaryMapTree  *tree;
  gint64           group_id;
  TopiaryDebounce *refresh;
  gboolean         stale;
  guint            notes_idle;
};

G_DEFINE_FINAL_TYPE (TopiaryOverview, topiary_overview, GTK_TYPE_WIDGET)

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
add_stat (TopiaryOverview *self,
          guint64          value,
          const char      *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *text = g_strdup_printf ("%'" G_GUINT64_FORMAT, value);
  GtkWidget *number = gtk_label_new (text);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "topiary-stat");
  gtk_box_append (self->stats_box, box);
}

static const char *
status_title (TopiaryStatus status)
{
  switch (status)
    {
    case TOPIARY_STATUS_IDEA: return _("Ideas");
    case TOPIARY_STATUS_PLANNED: return _("Planned");
    case TOPIARY_STATUS_DRAFTING: return _("Drafting");
    case TOPIARY_STATUS_REVIEW: return _("In review");
    case TOPIARY_STATUS_PUBLISHED: return _("Published");
    case TOPIARY_N_STATUS:
    default: return "";
    }
}

static void fill_status (TopiaryOverview *self, const TopiaryStats *stats);

/* The progress bar and its line: published out of all articles. */
static void
show_published (TopiaryOverview    *self,
                const TopiaryStats *stats)
{
  guint published = stats->status[TOPIARY_STATUS_PUBLISHED];
  g_autofree char *progress = g_strdup_printf (_("%u of %u articles published"), published, stats->articles);

  gtk_progress_bar_set_fraction (self->progress, stats->articles ? (double) published / stats->articles : 0);
  gtk_label_set_label (self->progress_label, progress);
}

/* One group: counted from the tree's index, no statistics query. */
static gboolean
refresh_group (TopiaryOverview *self)
{
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, self->group_id, NULL);
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryStats stats = { 0 };

  if (group == NULL || self->tree == NULL)
    return FALSE;

  articles = topiary_map_tree_list_group_articles (self->tree, self->group_id);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryArticle *a = g_ptr_array_index (articles, i);
      TopiaryStatus status = topiary_article_get_status (a);

      stats.articles++;
      if (topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR)
        stats.pillars++;
      else
        stats.clusters++;
      stats.words += topiary_article_get_word_count (a);
      if (status < TOPIARY_N_STATUS)
        stats.status[status]++;
    }

  gtk_label_set_label (self->title_label, topiary_group_get_title (group));
  gtk_label_set_label (self->description_label, topiary_group_get_description (group));
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          topiary_group_get_description (group) && *topiary_group_get_description (group));
  show_published (self, &stats);

  clear_box (GTK_WIDGET (self->stats_box));
  add_stat (self, stats.pillars, _("Pillars"));
  add_stat (self, stats.clusters, _("Clusters"));
  add_stat (self, stats.words, _("Words"));
  fill_status (self, &stats);
  gtk_widget_set_visible (self->notes_group, FALSE);
  return TRUE;
}

static void
fill_status (TopiaryOverview    *self,
             const TopiaryStats *stats)
{
  clear_box (GTK_WIDGET (self->status_list));
  for (guint s = 0; s < TOPIARY_N_STATUS; s++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *count = g_strdup_printf ("%u", stats->status[s]);
      GtkWidget *label = gtk_label_new (count);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (1, stats->articles));

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), stats->status[s]);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), status_title (s));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->status_list, row);
    }
}

static GtkWidget *
note_button (const char *icon_name,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* Edit, move up, move down and delete the note at @position (1-based)
 * of @n shown. */
static GtkWidget *
note_buttons (TopiaryNote *note,
              guint        position,
              guint        n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gint64 id = topiary_note_get_id (note);
  GtkWidget *up = note_button ("go-up-symbolic", _("Move Up"), "overview.move-note",
                               g_variant_new ("(xx)", id, (gint64) position - 1));
  GtkWidget *down = note_button ("go-down-symbolic", _("Move Down"), "overview.move-note",
                                 g_variant_new ("(xx)", id, (gint64) position + 1));

  gtk_widget_set_sensitive (up, position > 1);
  gtk_widget_set_sensitive (down, position < n);
  gtk_box_append (GTK_BOX (box), note_button ("document-edit-symbolic", _("Edit Note"), "overview.edit-note", g_variant_new_int64 (id)));
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);
  gtk_box_append (GTK_BOX (box), note_button ("user-trash-symbolic", _("Delete Note"), "overview.delete-note", g_variant_new_int64 (id)));
  return box;
}

static void
fill_notes (TopiaryOverview *self)
{
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notes;

  clear_box (GTK_WIDGET (self->notes_list));
  notes = topiary_project_list_notes (self->project, &error);
  if (notes == NULL)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
      gtk_list_box_append (self->notes_list, GTK_WIDGET (row));
      return;
    }
  n_notes = g_list_model_get_n_items (notes);
  for (guint i = 0; i < MIN (n_notes, MAX_NOTES); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *body = gtk_label_new (topiary_note_get_body (note));
      const char *note_title = topiary_note_get_title (note);
      /* Rows take markup: titles like "Q&A" must be escaped. */
      g_autofree char *title_markup = g_markup_escape_text (note_title && *note_title ? note_title : topiary_note_get_kind (note), -1);
      g_autofree char *kind_markup = g_markup_escape_text (topiary_note_get_kind (note), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), kind_markup);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_set_margin_start (body, 12);
      gtk_widget_set_margin_end (body, 12);
      gtk_widget_set_margin_top (body, 8);
      gtk_widget_set_margin_bottom (body, 8);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), note_buttons (note, i + 1, MIN (n_notes, MAX_NOTES)));
      /* The row itself is a list item too: say which note it holds. */
      {
        g_autofree char *name = g_strdup_printf ("%s, %s", note_title && *note_title ? note_title : topiary_note_get_kind (note),
                                                 topiary_note_get_kind (note));
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      gtk_list_box_append (self->notes_list, row);
    }
  if (n_notes > MAX_NOTES)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more note", "and %u more notes",
                                                            n_notes - MAX_NOTES), n_notes - MAX_NOTES);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->notes_list, row);
    }
  /* The map's own overview always offers to add one. */
  gtk_widget_set_visible (self->notes_group, n_notes > 0 || self->group_id == 0);
}

static gboolean
fill_notes_cb (gpointer user_data)
{
  TopiaryOverview *self = user_data;

  self->notes_idle = 0;
  fill_notes (self);
  return G_SOURCE_REMOVE;
}

/* @from_tree: the tree is known to be current (it was refreshed with the
 * project just now); later refreshes follow project changes the tree may
 * not have caught up with yet, so they ask the project. */
static void
refresh (TopiaryOverview *self,
         gboolean         from_tree)
{
  TopiaryStats stats = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->notes_idle, g_source_remove);
  self->stale = FALSE;
  if (self->project == NULL)
    return;
  if (self->group_id != 0 && refresh_group (self))
    return;

  if (from_tree && self->tree != NULL)
    topiary_map_tree_get_stats (self->tree, &stats);
  else if (!topiary_project_get_stats (self->project, &stats, &error))
    description = g_strdup (error->message);  /* the figures below are zeros: say why */
  title = topiary_project_get_map_field (self->project, "title");
  if (description == NULL)
    description = topiary_project_get_map_field (self->project, "description");
  gtk_label_set_label (self->title_label, title && *title ? title : _("Untitled map"));
  gtk_label_set_label (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description && *description);

  show_published (self, &stats);

  clear_box (GTK_WIDGET (self->stats_box));
  add_stat (self, stats.groups, _("Groups"));
  add_stat (self, stats.pillars, _("Pillars"));
  add_stat (self, stats.clusters, _("Clusters"));
  add_stat (self, stats.ideas, _("Ideas"));
  add_stat (self, stats.words, _("Words"));

  fill_status (self, &stats);

  clear_box (GTK_WIDGET (self->notes_list));
  if (from_tree)
    {
      /* A map just opened: its notes, below the figures and costly
       * rows, are added once the first frame is out. */
      gtk_widget_set_visible (self->notes_group, FALSE);
      self->notes_idle = g_idle_add_full (G_PRIORITY_LOW, fill_notes_cb, self, NULL);
    }
  else
    fill_notes (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

void
topiary_overview_queue_refresh (TopiaryOverview *self)
{
  g_return_if_fail (TOPIARY_IS_OVERVIEW (self));

  /* Statistics are not free on a large map: only while someone looks. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    topiary_debounce_arm (self->refresh);
  else
    self->stale = TRUE;
}

static void
on_map (TopiaryOverview *self)
{
  if (self->stale)
    topiary_debounce_arm (self->refresh);
}

static GtkWidget *
finding_row (TopiaryOverview     *self,
             TopiaryCheckFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *markup = g_markup_escape_text (finding->message ? finding->message : finding->code, -1);
  const char *icon_name = finding->severity == TOPIARY_SEVERITY_ERROR ? "dialog-error-symbolic"
                        : finding->severity == TOPIARY_SEVERITY_WARNING ? "dialog-warning-symbolic"
                        : "dialog-information-symbolic";

  icon = gtk_image_new_from_icon_name (icon_name);
  if (finding->severity == TOPIARY_SEVERITY_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (finding->severity == TOPIARY_SEVERITY_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
  if (finding->article_id != 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* At the line it names, when it names one. */
      if (finding->line > 0)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-article-at-line");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xu)", finding->article_id, (guint32) finding->line);
        }
      else
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-article");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", finding->article_id);
        }
      /* Two articles competing for one query: the remedies. */
      if (topiary_remedies_apply_to (finding))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), topiary_remedies_button_new (self->project, finding));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

/* The audit reads every body for its links: run on request only. */
static void
on_check (TopiaryOverview *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0, total = 0;

  clear_box (GTK_WIDGET (self->audit_list));
  gtk_widget_set_visible (GTK_WIDGET (self->audit_list), TRUE);
  if (self->project == NULL)
    return;

  findings = topiary_check_project (self->project, &error);
  if (findings == NULL)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
      gtk_list_box_append (self->audit_list, GTK_WIDGET (row));
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      if (self->group_id != 0 && finding->group_id != self->group_id)
        continue;
      total++;
      if (shown < MAX_FINDINGS)
        {
          gtk_list_box_append (self->audit_list, finding_row (self, finding));
          shown++;
        }
    }
  if (total == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing to report"));
      gtk_list_box_append (self->audit_list, row);
    }
  else if (total > shown)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more finding",
                                                            "and %u more findings", total - shown),
                                               total - shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->audit_list, row);
    }
}

void
topiary_overview_show (TopiaryOverview *self,
                       TopiaryMapTree  *tree,
                       gint64           group_id)
{
  g_return_if_fail (TOPIARY_IS_OVERVIEW (self));

  g_set_object (&self->tree, tree);
  if (self->group_id == group_id && !self->stale && group_id == 0)
    return;
  if (self->group_id != group_id)
    {
      /* Findings belong to what was shown. */
      clear_box (GTK_WIDGET (self->audit_list));
      gtk_widget_set_visible (GTK_WIDGET (self->audit_list), FALSE);
    }
  self->group_id = group_id;
  topiary_debounce_cancel (self->refresh);
  refresh (self, FALSE);
}

void
topiary_overview_set_project (TopiaryOverview *self,
                              TopiaryProject  *project,
                              TopiaryMapTree  *tree)
{
  g_return_if_fail (TOPIARY_IS_OVERVIEW (self));
  g_return_if_fail (!tree || TOPIARY_IS_MAP_TREE (tree));

  if (self->project == project)
    return;
  g_clear_handle_id (&self->notes_idle, g_source_remove);
  g_set_object (&self->project, project);
  g_set_object (&self->tree, tree);
  self->group_id = 0;
  clear_box (GTK_WIDGET (self->audit_list));
  gtk_widget_set_visible (GTK_WIDGET (self->audit_list), FALSE);
  topiary_debounce_cancel (self->refresh);
  if (project != NULL)
    refresh (self, TRUE);
}

static void
topiary_overview_dispose (GObject *object)
{
  TopiaryOverview *self = TOPIARY_OVERVIEW (object);

  topiary_overview_set_project (self, NULL, NULL);
  g_clear_handle_id (&self->notes_idle, g_source_remove);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->refresh, topiary_debounce_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_OVERVIEW);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_overview_parent_class)->dispose (object);
}

/* ---- editing the notes, the title and the description ---- */

/* Every change is a map edit: Ctrl+Z and the main menu's Undo take it back. */
static void
take_edit (TopiaryOverview *self,
           TopiaryEdit     *edit,
           GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!TOPIARY_IS_WINDOW (root))
    {
      g_clear_pointer (&edit, topiary_edit_unref);
      return;
    }
  if (edit == NULL)
    {
      topiary_window_add_toast (TOPIARY_WINDOW (root), topiary_toast_new (error->message));
      return;
    }
  topiary_map_actions_take_edit (topiary_window_get_map_actions (TOPIARY_WINDOW (root)), edit);
}

static GtkWindow *
parent_window (TopiaryOverview *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_note_saved (TopiaryTextDialog *dialog,
               TopiaryOverview   *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "note-id"));
  g_autofree char *title = topiary_text_dialog_dup_title (dialog);
  g_autofree char *text = topiary_text_dialog_dup_text (dialog);
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit;

  if (self->project == NULL)
    return;
  if (id == 0)
    {
      g_autoptr(TopiaryNote) note = topiary_note_new (topiary_text_dialog_get_kind (dialog), title, text);

      edit = topiary_map_edit_add_note (self->project, note, &error);
    }
  else
    edit = topiary_map_edit_update_note (self->project, id, topiary_text_dialog_get_kind (dialog), title, text, &error);
  take_edit (self, edit, error);
}

static TopiaryNote *
find_note (TopiaryOverview *self,
           gint64           id)
{
  g_autoptr(GListModel) notes = topiary_project_list_notes (self->project, NULL);

  for (guint i = 0; notes != NULL && i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);

      if (topiary_note_get_id (note) == id)
        return g_steal_pointer (&note);
    }
  return NULL;
}

static void
overview_note_dialog (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  TopiaryOverview *self = TOPIARY_OVERVIEW (widget);
  g_autoptr(TopiaryNote) note = NULL;
  TopiaryTextDialog *dialog;
  gint64 id = param != NULL ? g_variant_get_int64 (param) : 0;

  if (self->project == NULL)
    return;
  if (id != 0 && (note = find_note (self, id)) == NULL)
    return;
  dialog = topiary_text_dialog_new_note (parent_window (self), self->project,
                                         note != NULL ? _("Edit Note") : _("New Note"), note);
  g_object_set_data (G_OBJECT (dialog), "note-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_note_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
overview_delete_note (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  TopiaryOverview *self = TOPIARY_OVERVIEW (widget);
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit;

  if (self->project == NULL)
    return;
  edit = topiary_map_edit_delete_note (self->project, g_variant_get_int64 (param), &error);
  take_edit (self, edit, error);
}

static void
overview_move_note (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  TopiaryOverview *self = TOPIARY_OVERVIEW (widget);
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit;
  gint64 id, position;

  if (self->project == NULL)
    return;
  g_variant_get (param, "(xx)", &id, &position);
  edit = topiary_map_edit_move_note (self->project, id, position, &error);
  take_edit (self, edit, error);
}

static void
on_details_saved (TopiaryTextDialog *dialog,
                  TopiaryOverview   *self)
{
  g_autofree char *title = topiary_text_dialog_dup_title (dialog);
  g_autofree char *text = topiary_text_dialog_dup_text (dialog);
  g_autoptr(GError) error = NULL;
  TopiaryEdit *edit;

  if (self->project == NULL)
    return;
  if (self->group_id != 0)
    edit = topiary_map_edit_set_group_details (self->project, self->group_id, title, text, &error);
  else
    edit = topiary_map_edit_set_map_details (self->project, title, text, &error);
  take_edit (self, edit, error);
}

static void
overview_edit_details (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  TopiaryOverview *self = TOPIARY_OVERVIEW (widget);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  TopiaryTextDialog *dialog;

  if (self->project == NULL)
    return;
  if (self->group_id != 0)
    {
      g_autoptr(TopiaryGroup) group = topiary_project_get_group (self->project, self->group_id, NULL);

      if (group == NULL)
        return;
      title = g_strdup (topiary_group_get_title (group));
      description = g_strdup (topiary_group_get_description (group));
    }
  else
    {
      title = topiary_project_get_map_field (self->project, "title");
      description = topiary_project_get_map_field (self->project, "description");
    }
  dialog = topiary_text_dialog_new_details (parent_window (self),
                                            self->group_id != 0 ? _("Edit Group") : _("Edit Map"),
                                            title, description);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_details_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
topiary_overview_class_init (TopiaryOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_overview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, title_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, description_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, progress);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, stats_box);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, status_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, notes_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, notes_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryOverview, audit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_check);
  gtk_widget_class_install_action (widget_class, "overview.add-note", NULL, overview_note_dialog);
  gtk_widget_class_install_action (widget_class, "overview.edit-note", "x", overview_note_dialog);
  gtk_widget_class_install_action (widget_class, "overview.delete-note", "x", overview_delete_note);
  gtk_widget_class_install_action (widget_class, "overview.move-note", "(xx)", overview_move_note);
  gtk_widget_class_install_action (widget_class, "overview.edit-details", NULL, overview_edit_details);
  topiary_remedies_install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_overview_init (TopiaryOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refresh = topiary_debounce_new (REFRESH_DELAY_MS, refresh_cb, self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
