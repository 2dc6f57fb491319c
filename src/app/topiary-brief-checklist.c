/* topiary-brief-checklist.c — how the text follows the brief
 *
 * One row per item of topiary_brief_checklist() (topiary-brief.h): what
 * it asks, and the points it gives of its share, so the score in the
 * header is explained by the rows under it. The article pane hands a new
 * report after each pause in typing (computed on a worker thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-brief-checklist.h"

struct _TopiaryBriefChecklist
{
  AdwPreferencesGroup parent_instance;

  GtkLabel   *score_label;
  GtkListBox *list;
  guint       score;
};

G_DEFINE_FINAL_TYPE (TopiaryBriefChecklist, topiary_brief_checklist, ADW_TYPE_PREFERENCES_GROUP)

guint
topiary_brief_checklist_get_score (TopiaryBriefChecklist *self)
{
  g_return_val_if_fail (TOPIARY_IS_BRIEF_CHECKLIST (self), G_MAXUINT);
  return self->score;
}

static GtkWidget *
item_row (const TopiaryChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (item->done ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  g_autofree char *title = g_markup_escape_text (item->label, -1);
  g_autofree char *points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u point", "%u of %u points", item->max),
                                             item->points, item->max);

  gtk_widget_add_css_class (icon, item->done ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->done ? _("Done") : _("To do"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), points);
  gtk_widget_set_name (row, item->id);
  return row;
}

void
topiary_brief_checklist_show_report (TopiaryBriefChecklist    *self,
                                     const TopiaryLinksReport *report)
{
  GtkWidget *child;

  g_return_if_fail (TOPIARY_IS_BRIEF_CHECKLIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (report == NULL || report->checklist == NULL)
    {
      self->score = G_MAXUINT;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->score = report->score;
  {
    g_autofree char *score = g_strdup_printf (_("%u/100"), report->score);
    g_autofree char *spoken = g_strdup_printf (_("Score: %u of 100"), report->score);

    gtk_label_set_label (self->score_label, score);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  for (guint i = 0; i < report->checklist->len; i++)
    gtk_list_box_append (self->list, item_row (&g_array_index (report->checklist, TopiaryChecklistItem, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
topiary_brief_checklist_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOPIARY_TYPE_BRIEF_CHECKLIST);
  G_OBJECT_CLASS (topiary_brief_checklist_parent_class)->dispose (object);
}

static void
topiary_brief_checklist_class_init (TopiaryBriefChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_brief_checklist_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-brief-checklist.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryBriefChecklist, score_label);
  gtk_widget_class_bind_template_child (widget_class, TopiaryBriefChecklist, list);
}

static void
topiary_brief_checklist_init (TopiaryBriefChecklist *self)
{
  self->score = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
