/* topiary-import-dialog.c — what an import will create, before it is written
 *
 * The source is read into a TopiaryImportPlan (topiary_import_read_plan(),
 * which writes nothing) and shown as the tree of groups, pillars and
 * clusters, ideas and notes, with counts and warnings. The choices that
 * fix a wrong reading (format, the heading level of the groups, what a
 * table column holds, list items as ideas) read it again at once. Nothing
 * is written until the user confirms: then "import" is emitted and the
 * window imports with the same choices ("import-into": into the open map,
 * as one undoable edit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "topiary-import-dialog.h"

struct _TopiaryImportDialog
{
  AdwWindow             parent_instance;

  GtkLabel             *summary_label;
  GtkLabel             *warnings_label;
  AdwComboRow          *format_row;
  AdwComboRow          *level_row;
  AdwEntryRow          *columns_row;
  GtkSwitch            *ideas_switch;
  GtkListBox           *tree_list;
  GtkButton            *import_button;
  GtkButton            *add_button;

  char                 *source;
  char                 *temporary;   /* the folder of pasted text, or NULL */
  TopiaryImportFormat   format;
  TopiaryImportOptions *options;
  TopiaryImportPlan    *plan;
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
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static void
show_tree (TopiaryImportDialog *self)
{
  TopiaryImportPlan *plan = self->plan;
  GtkWidget *child;
  GtkWidget *ideas = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tree_list))) != NULL)
    gtk_list_box_remove (self->tree_list, child);
  if (plan == NULL)
    return;

  for (guint g = 0; g < plan->groups->len; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);
      GtkWidget *row = branch_row (group->title, group->description);

      if (group->pillar >= 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  article_row (g_ptr_array_index (plan->articles, group->pillar)));
      for (guint i = 0; i < plan->articles->len; i++)
        {
          TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
          if (a->group == (int) g && (int) i != group->pillar)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), article_row (a));
        }
      gtk_list_box_append (self->tree_list, row);
    }
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);

      if (a->group >= 0)
        continue;
      if (ideas == NULL)
        {
          ideas = branch_row (_("Ideas"), NULL);
          gtk_list_box_append (self->tree_list, ideas);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (ideas), article_row (a));
    }
  if (plan->notes->len > 0)
    {
      GtkWidget *notes = branch_row (_("Notes"), NULL);

      for (guint i = 0; i < plan->notes->len; i++)
        {
          TopiaryPlanNote *n = g_ptr_array_index (plan->notes, i);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), n->title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), n->kind);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (notes), row);
        }
      gtk_list_box_append (self->tree_list, notes);
    }
}

/* "Keyword=title, Vol=note": the user's reading of table columns. */
static gboolean
read_columns (TopiaryImportDialog *self,
              GString             *problems)
{
  g_auto(GStrv) pairs = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->columns_row)), ",", -1);

  g_hash_table_remove_all (self->options->columns);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq;
      TopiaryField field;

      g_strstrip (pairs[i]);
      if (*pairs[i] == '\0')
        continue;
      eq = strrchr (pairs[i], '=');
      if (eq == NULL || eq == pairs[i] || !topiary_import_field_from_name (g_strstrip (eq + 1), &field))
        {
          g_string_append_printf (problems, _("“%s” is not Header=field with a field among title, slug, group, kind, primary, queries, intent, priority, status, words, summary and note."),
                                  pairs[i]);
          g_string_append_c (problems, '\n');
          continue;
        }
      *eq = '\0';
      topiary_import_options_set_column (self->options, g_strstrip (pairs[i]), field);
    }
  return problems->len == 0;
}

/* Reads the source again with the choices made, and shows what it gives. */
static void
refresh (TopiaryImportDialog *self)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *summary = NULL;
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (g_file_test (self->source, G_FILE_TEST_IS_DIR))
    self->format = TOPIARY_IMPORT_HUGO;
  else
    self->format = selected < G_N_ELEMENTS (formats) ? formats[selected] : TOPIARY_IMPORT_AUTO;
  self->options->group_level = (int) MIN (adw_combo_row_get_selected (self->level_row), 6);
  self->options->items_are_ideas = gtk_switch_get_active (self->ideas_switch);
  read_columns (self, problems);

  g_clear_pointer (&self->plan, topiary_import_plan_free);
  self->plan = topiary_import_read_plan (self->source, self->format, self->options, report, &error);

  if (self->plan == NULL)
    summary = g_strdup (error->message);
  else
    summary = g_strdup_printf (_("The import will create %u groups, %u articles (%u ideas) and %u notes."),
                               self->plan->groups->len, self->plan->articles->len,
                               topiary_import_plan_count_ideas (self->plan), self->plan->notes->len);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < report->warnings->len; i++)
    {
      g_string_append (problems, g_ptr_array_index (report->warnings, i));
      g_string_append_c (problems, '\n');
    }
  if (problems->len > 0)
    g_string_truncate (problems, problems->len - 1);
  gtk_label_set_text (self->warnings_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), problems->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->plan != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->plan != NULL);
  show_tree (self);
}

static void
on_choice_changed (TopiaryImportDialog *self)
{
  if (self->source != NULL)
    refresh (self);
}

static void
on_import (TopiaryImportDialog *self)
{
  if (self->plan == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_add (TopiaryImportDialog *self)
{
  if (self->plan == NULL)
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

  /* Pasted text nobody took is not kept. */
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
  gtk_widget_class_bind_template_child (widget_class, TopiaryImportDialog, columns_row);
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
  self->options = topiary_import_options_new ();
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_choice_changed), self);
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
