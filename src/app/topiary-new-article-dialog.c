/* topiary-new-article-dialog.c — the title, kind and group of a new article
 *
 * Only presents the map's rules, which are core's
 * (topiary_map_edit_new_place(), topiary_map_edit_add_article_as()): it
 * starts where they put an article next to the selected row, and when
 * another group is chosen it shows that group's default (pillar of an
 * empty group, else a cluster of its pillar). A group with no article
 * can only take a pillar, so Cluster is off there; a pillar asked for in
 * a group that has one is said to take its place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-new-article-dialog.h"

struct _TopiaryNewArticleDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *title_entry;
  GtkToggleButton  *pillar_button;
  GtkToggleButton  *cluster_button;
  GtkToggleButton  *idea_button;
  GtkDropDown      *group_dropdown;
  GtkLabel         *rule_label;

  TopiaryProject   *project;
  GArray           *group_ids;   /* gint64, in the drop-down's order */
  TopiaryNewPlace   near;        /* where the rules put it next to the selected row */
  TopiaryNewPlace   place;       /* the defaults of the group shown */
  gboolean          updating;
};

G_DEFINE_FINAL_TYPE (TopiaryNewArticleDialog, topiary_new_article_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gint64
shown_group (TopiaryNewArticleDialog *self)
{
  guint index = gtk_drop_down_get_selected (self->group_dropdown);

  return index < self->group_ids->len ? g_array_index (self->group_ids, gint64, index) : 0;
}

static TopiaryNewKind
chosen_kind (TopiaryNewArticleDialog *self)
{
  if (gtk_toggle_button_get_active (self->idea_button))
    return TOPIARY_NEW_IDEA;
  if (gtk_toggle_button_get_active (self->pillar_button))
    return TOPIARY_NEW_PILLAR;
  return TOPIARY_NEW_CLUSTER;
}

static void
show_kind (TopiaryNewArticleDialog *self,
           TopiaryNewKind           kind)
{
  self->updating = TRUE;
  gtk_toggle_button_set_active (kind == TOPIARY_NEW_PILLAR ? self->pillar_button :
                                kind == TOPIARY_NEW_IDEA ? self->idea_button : self->cluster_button, TRUE);
  self->updating = FALSE;
}

/* What the choice means, by the rules, in one sentence. */
static void
update_rule (TopiaryNewArticleDialog *self)
{
  TopiaryNewKind kind = chosen_kind (self);
  gboolean empty = self->place.kind == TOPIARY_NEW_PILLAR;
  gboolean grouped = self->group_ids->len > 0;
  const char *rule;

  gtk_widget_set_sensitive (GTK_WIDGET (self->group_dropdown), kind != TOPIARY_NEW_IDEA && grouped);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cluster_button), grouped && !empty);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pillar_button), grouped);
  if (kind == TOPIARY_NEW_IDEA)
    rule = _("An idea is in no group until it is moved into one.");
  else if (empty)
    rule = _("The first article of a group is its pillar.");
  else if (kind == TOPIARY_NEW_PILLAR)
    rule = _("It becomes the group’s pillar, and the present pillar one of its clusters.");
  else
    rule = _("A new cluster hangs under its group’s pillar.");
  gtk_label_set_label (self->rule_label, rule);
}

/* The defaults of the group now shown; next to the selected row, the
 * place the rules gave there. */
static void
load_place (TopiaryNewArticleDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 group_id = shown_group (self);

  if (self->near.group_id != 0 && group_id == self->near.group_id)
    self->place = self->near;
  else if (!topiary_map_edit_new_place (self->project, 0, group_id, &self->place, &error))
    {
      /* The group went away meanwhile: an idea, which needs none. */
      g_debug ("No defaults for group %" G_GINT64_FORMAT ": %s", group_id, error->message);
      self->place = (TopiaryNewPlace) { TOPIARY_NEW_IDEA, 0, 0 };
    }
}

static void
on_group_changed (TopiaryNewArticleDialog *self)
{
  if (self->updating || self->project == NULL)
    return;
  load_place (self);
  show_kind (self, self->place.kind);
  update_rule (self);
}

static void
on_kind_toggled (TopiaryNewArticleDialog *self,
                 GtkToggleButton         *button)
{
  if (self->updating || self->project == NULL || !gtk_toggle_button_get_active (button))
    return;
  update_rule (self);
}

static void
on_title_activate (TopiaryNewArticleDialog *self)
{
  /* As the Create button does: answer, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "ok");
  gtk_window_close (GTK_WINDOW (self));
}

char *
topiary_new_article_dialog_dup_title (TopiaryNewArticleDialog *self)
{
  g_return_val_if_fail (TOPIARY_IS_NEW_ARTICLE_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
}

void
topiary_new_article_dialog_get_place (TopiaryNewArticleDialog *self,
                                      TopiaryNewPlace         *place)
{
  g_return_if_fail (TOPIARY_IS_NEW_ARTICLE_DIALOG (self));
  g_return_if_fail (place != NULL);

  place->kind = chosen_kind (self);
  place->group_id = place->kind == TOPIARY_NEW_IDEA ? 0 : shown_group (self);
  place->parent_id = place->kind == TOPIARY_NEW_CLUSTER ? self->place.parent_id : 0;
}

TopiaryNewArticleDialog *
topiary_new_article_dialog_new (GtkWindow       *parent,
                                TopiaryProject  *project,
                                gint64           near_article_id,
                                gint64           group_id,
                                GError         **error)
{
  g_autoptr(TopiaryNewArticleDialog) self = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  self = g_object_ref_sink (g_object_new (TOPIARY_TYPE_NEW_ARTICLE_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, "transient-for", parent, NULL));
  self->project = g_object_ref (project);
  if (!topiary_map_edit_new_place (project, near_article_id, group_id, &self->near, error) ||
      (groups = topiary_project_list_groups (project, error)) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, i);
      gint64 id = topiary_group_get_id (group);

      if (id == self->near.group_id)
        selected = i;
      g_array_append_val (self->group_ids, id);
      gtk_string_list_append (titles, topiary_group_get_title (group));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->group_dropdown, selected);
  self->updating = FALSE;
  /* Among the ideas the group shown is the first one, for a change of mind. */
  load_place (self);
  show_kind (self, self->near.kind);
  update_rule (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_entry));
  /* GTK keeps its toplevels: the caller's reference is a borrowed one. */
  return self;
}

static void
topiary_new_article_dialog_dispose (GObject *object)
{
  TopiaryNewArticleDialog *self = TOPIARY_NEW_ARTICLE_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_NEW_ARTICLE_DIALOG);
  G_OBJECT_CLASS (topiary_new_article_dialog_parent_class)->dispose (object);
}

static void
topiary_new_article_dialog_finalize (GObject *object)
{
  TopiaryNewArticleDialog *self = TOPIARY_NEW_ARTICLE_DIALOG (object);

  g_array_unref (self->group_ids);
  G_OBJECT_CLASS (topiary_new_article_dialog_parent_class)->finalize (object);
}

static void
topiary_new_article_dialog_class_init (TopiaryNewArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_new_article_dialog_dispose;
  object_class->finalize = topiary_new_article_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-new-article-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, pillar_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, cluster_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, idea_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TopiaryNewArticleDialog, rule_label);
  gtk_widget_class_bind_template_callback (widget_class, on_group_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activate);
}

static void
topiary_new_article_dialog_init (TopiaryNewArticleDialog *self)
{
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  topiary_a11y_fix_names (GTK_WIDGET (self));
}
