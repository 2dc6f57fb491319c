/* topiary-import-dialog.c — what an import will create, before it is written
 *
 * The source is read into a TopiaryImportPlan (topiary_import_read_plan(),
 * which writes nothing) and shown as the tree of groups, pillars and
 * clusters, ideas and notes, with counts and warnings. The choices that
 * fix a wrong reading (format, the heading level of the groups, what each
 * column of the article table holds, list items as ideas) read it again at
 * once. Nothing is written until the user confirms: then "import" is
 * emitted and the window imports with the same choices ("import-into":
 * into the open map, as one undoable edit).
 *
 * The source is read in a GTask thread, so a big file never blocks the
 * window: a spinner turns meanwhile. One read runs at a time; choices made
 * while it runs start one more read with the latest choices when it ends,
 * and its own result, already stale, is dropped. A big plan's groups are
 * shown closed, and each shows at most MAX_SHOWN_ARTICLES articles; the
 * counts above the tree tell the whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "topiary-a11y.h"
#include "topiary-import-columns.h"
#include "topiary-import-dialog.h"

/* Rows beyond these are summed up in one "… and N more" row: a row costs
 * milliseconds to build and lay out, thousands would block the window. */
#define MAX_SHOWN_ARTICLES 100   /* in one group */
#define MAX_SHOWN_GROUPS   100
#define MAX_SHOWN_NOTES    50
/* A plan with more articles shows its groups closed; a group's rows are
 * made when it is opened. */
#define MAX_OPEN_ARTICLES  60

struct _TopiaryImportDialog
{
  AdwWindow             parent_instance;

  GtkSpinner           *spinner;
  GtkLabel             *summary_label;
  GtkLabel             *warnings_label;
  AdwComboRow          *format_row;
  AdwComboRow          *level_row;
  AdwPreferencesGroup  *columns_group;
  GtkSwitch            *ideas_switch;
  GtkListBox           *tree_list;
  GtkButton            *import_button;
  GtkButton            *add_button;

  char                 *source;
  char                 *temporary;   /* the folder of pasted text, or NULL */
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;
  TopiaryImportPlan    *plan;

  GPtrArray            *column_rows;  /* AdwComboRow *, one per column, in columns_group */
  GHashTable           *column_uses;  /* header, case-folded → TopiaryColumnUse + 1 the user chose */
  GCancellable         *cancellable;  /* cancelled when the dialog goes */
  gboolean              reading;      /* a read runs in a thread */
  gboolean              read_again;   /* the choices changed while it ran */
  gboolean              want_columns; /* the next read also lists the table columns */
};

G_DEFINE_FINAL_TYPE (TopiaryImportDialog, topiary_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORT,
  SIGNAL_IMPORT_INTO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The format row's items, in order. */
static const TopiaryImportFormat formats[] = {
  TOPIARY_IMPORT_AUTO, TOPIARY_IMPORT_MAPTEXT, TOPIARY_IMPORT_OUTLINE, TOPIARY_IMPORT_CSV,
};

static void
remove_temporary (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static GtkWidget *
article_row (TopiaryPlanArticle *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s %s", a->kind == TOPIARY_KIND_PILLAR ? "■" : "·", a->title);
  g_string_append_printf (subtitle, "/%s · %s", a->slug ? a->slug : "", topiary_status_to_string (a->status));
  if (a->intent != NULL)
    g_string_append_printf (subtitle, " · %s", a->intent);
  if (a->priority > 0)
    g_string_append_printf (subtitle, " · P%d", a->priority);
  if (a->queries->len > 0)
    g_string_append_printf (subtitle, " · “%s”", (char *) g_ptr_array_index (a->queries, 0));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  return row;
}

static GtkWidget *
branch_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* GTK 4.8 names an expander row after nothing in it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  return row;
}

/* "… and 12 more articles": what the tree leaves out. */
static GtkWidget *
more_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static GtkWidget *
more_articles_row (guint n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "… and %u more article", "… and %u more articles", n), n);

  return more_row (text);
}

/* Fills the group (or ideas) row @branch with its articles, the indices
 * into the plan's it holds, once. */
static void
fill_branch (GtkWidget         *branch,
             TopiaryImportPlan *plan)
{
  GArray *articles = g_object_get_data (G_OBJECT (branch), "topiary-articles");
  guint shown;

  if (articles == NULL)
    return;
  shown = MIN (articles->len, MAX_SHOWN_ARTICLES);
  for (guint i = 0; i < shown; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (branch),
                              article_row (g_ptr_array_index (plan->articles, g_array_index (articles, guint, i))));
  if (shown < articles->len)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (branch), more_articles_row (articles->len - shown));
  g_object_set_data (G_OBJECT (branch), "topiary-articles", NULL);
}

static void
on_branch_expanded (GtkWidget           *branch,
                    GParamSpec          *pspec,
                    TopiaryImportDialog *self)
{
  if (self->plan != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (branch)))
    fill_branch (branch, self->plan);
}

/* A group (or the ideas) with @articles, open and filled now when
 * the plan is small, else filled when opened. */
static GtkWidget *
article_branch (TopiaryImportDialog *self,
                const char          *title,
                const char          *subtitle,
                GArray              *articles)
{
  GtkWidget *row = branch_row (title, subtitle);
  gboolean small = self->plan->articles->len <= MAX_OPEN_ARTICLES;

  g_object_set_data_full (G_OBJECT (row), "topiary-articles", g_array_ref (articles), (GDestroyNotify) g_array_unref);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), small);
  if (small)
    fill_branch (row, self->plan);
  else
    g_signal_connect (row, "notify::expanded", G_CALLBACK (on_branch_expanded), self);
  return row;
}

static void
show_tree (TopiaryImportDialog *self)
{
  TopiaryImportPlan *plan = self->plan;
  g_autoptr(GPtrArray) by_group = NULL;
  g_autoptr(GArray) ideas = NULL;
  GtkWidget *child;
  guint groups_shown;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tree_list))) != NULL)
    gtk_list_box_remove (self->tree_list, child);
  if (plan == NULL)
    return;

  /* Each group's articles, its pillar first, in one pass over the plan. */
  by_group = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);
      GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));

      if (group->pillar >= 0)
        {
          guint pillar = (guint) group->pillar;
          g_array_append_val (list, pillar);
        }
      g_ptr_array_add (by_group, list);
    }
  ideas = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);

      if (a->group < 0 || (guint) a->group >= plan->groups->len)
        g_array_append_val (ideas, i);
      else if ((int) i != ((TopiaryPlanGroup *) g_ptr_array_index (plan->groups, a->group))->pillar)
        g_array_append_val (g_ptr_array_index (by_group, a->group), i);
    }

  groups_shown = MIN (plan->groups->len, MAX_SHOWN_GROUPS);
  for (guint g = 0; g < groups_shown; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);
      GtkWidget *row = article_branch (self, group->title, group->description, g_ptr_array_index (by_group, g));

      gtk_list_box_append (self->tree_list, row);
    }
  if (groups_shown < plan->groups->len)
    {
      guint n = plan->groups->len - groups_shown;
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "… and %u more group", "… and %u more groups", n), n);

      gtk_list_box_append (self->tree_list, more_row (text));
    }
  if (ideas->len > 0)
    {
      GtkWidget *row = article_branch (self, _("Ideas"), NULL, ideas);

      gtk_list_box_append (self->tree_list, row);
    }
  if (plan->notes->len > 0)
    {
      GtkWidget *notes = branch_row (_("Notes"), NULL);
      guint shown = MIN (plan->notes->len, MAX_SHOWN_NOTES);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (notes), plan->articles->len <= MAX_OPEN_ARTICLES);
      for (guint i = 0; i < shown; i++)
        {
          TopiaryPlanNote *n = g_ptr_array_index (plan->notes, i);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), n->title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), n->kind);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (notes), row);
        }
      if (shown < plan->notes->len)
        {
          guint n = plan->notes->len - shown;
          g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "… and %u more note", "… and %u more notes", n), n);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (notes), more_row (text));
        }
      gtk_list_box_append (self->tree_list, notes);
    }
}

/* ---- the table columns ---- */

/* What the drop-downs say, by TopiaryColumnUse. */
static const char *
column_use_label (TopiaryColumnUse use)
{
  switch (use)
    {
    case TOPIARY_COLUMN_USE_TITLE: return _("Title");
    case TOPIARY_COLUMN_USE_SLUG: return _("Slug");
    case TOPIARY_COLUMN_USE_PRIMARY_QUERY: return _("Primary query");
    case TOPIARY_COLUMN_USE_QUERIES: return _("Secondary queries");
    case TOPIARY_COLUMN_USE_INTENT: return _("Intent");
    case TOPIARY_COLUMN_USE_STATUS: return _("Status");
    case TOPIARY_COLUMN_USE_PRIORITY: return _("Priority");
    case TOPIARY_COLUMN_USE_GROUP: return _("Group");
    case TOPIARY_COLUMN_USE_KIND: return _("Pillar or cluster");
    case TOPIARY_COLUMN_USE_PILLAR: return _("Pillar (yes or no)");
    case TOPIARY_COLUMN_USE_WORDS: return _("Target words");
    case TOPIARY_COLUMN_USE_SUMMARY: return _("Summary");
    case TOPIARY_COLUMN_USE_CONTENT_TYPE: return _("Content type");
    case TOPIARY_COLUMN_USE_NOTE: return _("Note");
    case TOPIARY_COLUMN_USE_IGNORE: return _("Ignore");
    case TOPIARY_COLUMN_USE_PARENT: return _("Pillar it belongs to");
    case TOPIARY_COLUMN_USE_DATE: return _("Date");
    case TOPIARY_COLUMN_USE_ORDER: return _("Order");
    case TOPIARY_N_COLUMN_USES:
    default:
      g_assert_not_reached ();
    }
}

static void refresh (TopiaryImportDialog *self);

static void
on_column_changed (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   TopiaryImportDialog *self)
{
  TopiaryImportColumn *column = g_object_get_data (G_OBJECT (row), "topiary-column");
  GArray *uses = g_object_get_data (G_OBJECT (row), "topiary-uses");
  guint selected = adw_combo_row_get_selected (row);
  TopiaryColumnUse use;

  if (selected >= uses->len)
    return;
  use = g_array_index (uses, TopiaryColumnUse, selected);
  /* The guess is no choice: the reader reads the column as it would anyway. */
  if (use == column->guess)
    {
      topiary_import_options_unset_column (self->options, column->header);
      g_hash_table_remove (self->column_uses, column->header);
    }
  else
    {
      topiary_import_options_set_column_use (self->options, column->header, use);
      g_hash_table_insert (self->column_uses, g_utf8_casefold (column->header, -1), GINT_TO_POINTER (use + 1));
    }
  refresh (self);
}

/* One drop-down per column, preset to the user's choice or else the
 * reader's guess. Takes @columns. */
static void
show_columns (TopiaryImportDialog *self,
              GPtrArray           *columns)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      TopiaryImportColumn *column = g_ptr_array_steal_index (columns, i--);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autofree char *key = g_utf8_casefold (column->header, -1);
      g_autofree char *name = g_strdup_printf (_("Column “%s”"), column->header);
      GArray *uses = g_array_new (FALSE, FALSE, sizeof (TopiaryColumnUse));
      gpointer chosen = g_hash_table_lookup (self->column_uses, key);
      TopiaryColumnUse want = chosen != NULL ? (TopiaryColumnUse) (GPOINTER_TO_INT (chosen) - 1) : column->guess;
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      for (TopiaryColumnUse use = 0; use < TOPIARY_N_COLUMN_USES; use++)
        {
          /* A content type, a parent, a date and an order are only ever
           * the reader's own reading. */
          if ((use == TOPIARY_COLUMN_USE_CONTENT_TYPE || use >= TOPIARY_COLUMN_USE_PARENT) && column->guess != use)
            continue;
          if (use == want)
            selected = uses->len;
          g_array_append_val (uses, use);
          gtk_string_list_append (labels, column_use_label (use));
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->header);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (row), "topiary-column", column, (GDestroyNotify) topiary_import_column_free);
      g_object_set_data_full (G_OBJECT (row), "topiary-uses", uses, (GDestroyNotify) g_array_unref);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_changed), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), self->column_rows->len > 0);
}

/* ---- reading, in a thread ---- */

typedef struct {
  char                 *source;
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;
  gboolean              want_columns;
  /* What the thread found. */
  TopiaryImportPlan    *plan;
  TopiaryImportReport  *report;
  GPtrArray            *columns;
  GError               *error;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->source);
  topiary_import_options_free (job->options);
  g_clear_pointer (&job->plan, topiary_import_plan_free);
  g_clear_pointer (&job->report, topiary_import_report_free);
  g_clear_pointer (&job->columns, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;

  job->report = topiary_import_report_new ();
  job->plan = topiary_import_read_plan (job->source, job->format, job->options, job->report, &job->error);
  /* The columns of the format the plan was read as. */
  if (job->want_columns && job->plan != NULL)
    job->columns = topiary_import_read_columns (job->source, job->plan->format, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The spinner turns and nothing can be confirmed while the preview is stale. */
static void
set_reading (TopiaryImportDialog *self,
             gboolean             reading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), reading);
  gtk_spinner_set_spinning (self->spinner, reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !reading && self->plan != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !reading && self->plan != NULL);
}

static void start_read (TopiaryImportDialog *self);

/* Shows what a read found. */
static void
show_result (TopiaryImportDialog *self,
             ReadJob             *job)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->plan, topiary_import_plan_free);
  self->plan = g_steal_pointer (&job->plan);
  if (job->want_columns)
    show_columns (self, job->columns);

  if (self->plan == NULL)
    summary = g_strdup (job->error->message);
  else
    summary = g_strdup_printf (_("The import will create %u groups, %u articles (%u ideas) and %u notes."),
                               self->plan->groups->len, self->plan->articles->len,
                               topiary_import_plan_count_ideas (self->plan), self->plan->notes->len);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < job->report->warnings->len; i++)
    {
      g_string_append (problems, g_ptr_array_index (job->report->warnings, i));
      g_string_append_c (problems, '\n');
    }
  if (problems->len > 0)
    g_string_truncate (problems, problems->len - 1);
  gtk_label_set_text (self->warnings_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), problems->len > 0);
  show_tree (self);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GWeakRef *ref = data;
  g_autoptr(TopiaryImportDialog) self = g_weak_ref_get (ref);
  GTask *task = G_TASK (result);
  ReadJob *job = g_task_get_task_data (task);

  g_weak_ref_clear (ref);
  g_free (ref);
  /* The dialog went while the thread read. */
  if (self == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self->reading = FALSE;
  if (self->read_again)
    {
      /* Read with choices since changed: drop it, read with the latest. */
      self->want_columns |= job->want_columns;
      start_read (self);
      return;
    }
  show_result (self, job);
  set_reading (self, FALSE);
}

static void
start_read (TopiaryImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  ReadJob *job = g_new0 (ReadJob, 1);

  g_assert (!self->reading);
  job->source = g_strdup (self->source);
  job->format = self->format;
  job->options = topiary_import_options_copy (self->options);
  job->want_columns = self->want_columns;
  self->want_columns = FALSE;
  self->reading = TRUE;
  self->read_again = FALSE;

  /* The task holds no reference on the dialog: closing it is not delayed. */
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->cancellable, on_read, ref);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

/* Reads the source again with the choices made, and shows what it gives. */
static void
refresh (TopiaryImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->source == NULL)
    return;
  if (g_file_test (self->source, G_FILE_TEST_IS_DIR))
    self->format = TOPIARY_IMPORT_HUGO;
  else
    self->format = selected < G_N_ELEMENTS (formats) ? formats[selected] : TOPIARY_IMPORT_AUTO;
  self->options->group_level = (int) MIN (adw_combo_row_get_selected (self->level_row), 6);
  self->options->items_are_ideas = gtk_switch_get_active (self->ideas_switch);

  set_reading (self, TRUE);
  if (self->reading)
    self->read_again = TRUE;
  else
    start_read (self);
}

static void
on_choice_changed (TopiaryImportDialog *self)
{
  refresh (self);
}

/* Another format has other tables: list their columns again. */
static void
on_format_changed (TopiaryImportDialog *self)
{
  self->want_columns = TRUE;
  refresh (self);
}

gboolean
topiary_import_dialog_is_reading (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), FALSE);
  return self->reading;
}

static void
on_import (TopiaryImportDialog *self)
{
  if (self->plan == NULL || self->reading)
    return;
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_add (TopiaryImportDialog *self)
{
  if (self->plan == NULL || self->reading)
    return;
  g_signal_emit (self, signals[SIGNAL_IMPORT_INTO], 0);
  gtk_window_close (GTK_WINDOW (self));
}

void
topiary_import_dialog_set_can_add (TopiaryImportDialog *self,
                                   gboolean             can_add)
{
  g_return_if_fail (TOPIARY_IS_IMPORT_DIALOG (self));
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), can_add);
}

static void
topiary_import_dialog_dispose (GObject *object)
{
  TopiaryImportDialog *self = TOPIARY_IMPORT_DIALOG (object);

  /* A read still running finds no dialog when it ends. */
  g_cancellable_cancel (self->cancellable);
  /* Pasted text nobody took is not kept. The thread reading it, if any,
   * then fails to, harmlessly. */
  remove_temporary (self->temporary);
  g_clear_pointer (&self->temporary, g_free);
  G_OBJECT_CLASS (topiary_import_dialog_parent_class)->dispose (object);
}

static void
topiary_import_dialog_finalize (GObject *object)
{
  TopiaryImportDialog *self = TOPIARY_IMPORT_DIALOG (object);

  g_free (self->source);
  g_clear_pointer (&self->options, topiary_import_options_free);
  g_clear_pointer (&self->plan, topiary_import_plan_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->column_uses, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (topiary_import_dialog_parent_class)->finalize (object);
}

static void
topiary_import_dialog_class_init (TopiaryImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_import_dialog_dispose;
  object_class->finalize = topiary_import_dialog_finalize;

  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* "Add to This Map": into the window's open map, as one undoable edit. */
  signals[SIGNAL_IMPORT_INTO] = g_signal_new ("import-into", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, ideas_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, tree_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_import_dialog_init (TopiaryImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
  self->options = topiary_import_options_new ();
  self->column_rows = g_ptr_array_new ();
  self->column_uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_format_changed), self);
  g_signal_connect_swapped (self->level_row, "notify::selected", G_CALLBACK (on_choice_changed), self);
}

TopiaryImportDialog *
topiary_import_dialog_new (GtkWindow  *parent,
                           const char *source)
{
  TopiaryImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_object_new (TOPIARY_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->source = g_strdup (source);
  name = g_path_get_basename (source);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !g_file_test (source, G_FILE_TEST_IS_DIR));
  gtk_label_set_text (self->summary_label, _("Reading what the import will create…"));
  self->want_columns = TRUE;
  refresh (self);
  return self;
}

TopiaryImportDialog *
topiary_import_dialog_new_for_text (GtkWindow   *parent,
                                    const char  *text,
                                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  TopiaryImportDialog *self;

  g_return_val_if_fail (text != NULL, NULL);

  /* A private folder: the text may be anything the user copied. */
  dir = g_dir_make_tmp ("topiary-paste-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "pasted-map", NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      remove_temporary (dir);
      return NULL;
    }
  self = topiary_import_dialog_new (parent, path);
  self->temporary = g_steal_pointer (&dir);
  gtk_window_set_title (GTK_WINDOW (self), _("Pasted Text"));
  return self;
}

const char *
topiary_import_dialog_get_source (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), NULL);
  return self->source;
}

TopiaryImportFormat
topiary_import_dialog_get_format (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), TOPIARY_IMPORT_AUTO);
  return self->format;
}

const TopiaryImportOptions *
topiary_import_dialog_get_options (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), NULL);
  return self->options;
}

TopiaryImportPlan *
topiary_import_dialog_get_plan (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), NULL);
  return self->plan;
}

char *
topiary_import_dialog_take_temporary (TopiaryImportDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_IMPORT_DIALOG (self), NULL);
  return g_steal_pointer (&self->temporary);
}
