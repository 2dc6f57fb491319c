/* topiary-revision-dialog.c — a revision against the text now, before restoring it
 *
 * The diff is core's (topiary_diff_lines(), from the text on screen to
 * the revision: what restoring would do). Only the changed lines are
 * listed, with two unchanged lines around each run, so a long article
 * with a small change stays a short list. Added and removed lines are
 * coloured and also say so in words, for a screen reader and for anyone
 * who does not tell the colours apart ("+" and "−" before each line).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-diff.h"
#include "topiary-revision-dialog.h"

#define CONTEXT_LINES 2

struct _TopiaryRevisionDialog
{
  AdwWindow   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *diff_list;
  GtkButton  *restore_button;

  gint64      revision_id;
};

G_DEFINE_FINAL_TYPE (TopiaryRevisionDialog, topiary_revision_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_row (TopiaryRevisionDialog *self,
         const char            *shown,
         const char            *spoken,
         const char            *css_class)
{
  GtkWidget *label = gtk_label_new (shown);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "diff-line");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_list_box_append (self->diff_list, row);
}

static void
add_line (TopiaryRevisionDialog *self,
          const TopiaryDiffLine *line)
{
  g_autofree char *shown = NULL;
  g_autofree char *spoken = NULL;

  switch (line->op)
    {
    case TOPIARY_DIFF_ADDED:
      shown = g_strconcat ("+ ", line->text, NULL);
      /* TRANSLATORS: read out for a line restoring the revision brings back */
      spoken = g_strdup_printf (_("Added: %s"), line->text);
      add_row (self, shown, spoken, "diff-added");
      break;
    case TOPIARY_DIFF_REMOVED:
      shown = g_strconcat ("− ", line->text, NULL);
      /* TRANSLATORS: read out for a line restoring the revision takes away */
      spoken = g_strdup_printf (_("Removed: %s"), line->text);
      add_row (self, shown, spoken, "diff-removed");
      break;
    case TOPIARY_DIFF_SAME:
    default:
      shown = g_strconcat ("  ", line->text, NULL);
      spoken = g_strdup_printf (_("Unchanged: %s"), line->text);
      add_row (self, shown, spoken, NULL);
      break;
    }
}

/* The changed lines, each run with a little of what is around it. */
static void
fill (TopiaryRevisionDialog *self,
      GPtrArray             *diff)
{
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (diff->len, 1));
  gboolean gap = FALSE;

  for (guint i = 0; i < diff->len; i++)
    if (((TopiaryDiffLine *) diff->pdata[i])->op != TOPIARY_DIFF_SAME)
      for (guint j = i >= CONTEXT_LINES ? i - CONTEXT_LINES : 0; j < MIN (diff->len, i + CONTEXT_LINES + 1); j++)
        shown[j] = TRUE;
  for (guint i = 0; i < diff->len; i++)
    {
      if (!shown[i])
        {
          gap = TRUE;
          continue;
        }
      if (gap)
        add_row (self, "⋯", _("Unchanged lines left out"), "dim-label");
      gap = FALSE;
      add_line (self, diff->pdata[i]);
    }
  if (gap)
    add_row (self, "⋯", _("Unchanged lines left out"), "dim-label");
}

static void
on_restore (TopiaryRevisionDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_RESTORE], 0, self->revision_id);
  gtk_window_close (GTK_WINDOW (self));
}

TopiaryRevisionDialog *
topiary_revision_dialog_new (GtkWindow       *parent,
                             TopiaryProject  *project,
                             gint64           revision_id,
                             const char      *current,
                             GError         **error)
{
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autofree char *summary = NULL;
  TopiaryRevisionDialog *self;
  guint added, removed;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  body = topiary_project_get_revision_body (project, revision_id, error);
  if (body == NULL)
    return NULL;
  diff = topiary_diff_lines (current, body);
  topiary_diff_count (diff, &added, &removed);

  self = g_object_new (TOPIARY_TYPE_REVISION_DIALOG, "transient-for", parent, NULL);
  self->revision_id = revision_id;
  if (added == 0 && removed == 0)
    summary = g_strdup (_("This revision holds the same text as the article now."));
  else if (removed == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restoring it adds %u line.", "Restoring it adds %u lines.", added), added);
  else if (added == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restoring it removes %u line.", "Restoring it removes %u lines.", removed), removed);
  else
    /* TRANSLATORS: both numbers are lines of the article */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restoring it adds %u and removes %u line.",
                                            "Restoring it adds %u and removes %u lines.", removed), added, removed);
  gtk_label_set_label (self->summary_label, summary);
  fill (self, diff);
  return self;
}

static void
topiary_revision_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOPIARY_TYPE_REVISION_DIALOG);
  G_OBJECT_CLASS (topiary_revision_dialog_parent_class)->dispose (object);
}

static void
topiary_revision_dialog_class_init (TopiaryRevisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_revision_dialog_dispose;

  /* (revision id) */
  signals[SIGNAL_RESTORE] =
    g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-revision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryRevisionDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryRevisionDialog, diff_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryRevisionDialog, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_restore);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_revision_dialog_init (TopiaryRevisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
}
