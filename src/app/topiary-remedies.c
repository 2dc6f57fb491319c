/* topiary-remedies.c — remedies of a cannibalization finding
 *
 * The check (topiary-cannibal.h) names both articles and the usual
 * remedies; these are the ones the app can carry out at once:
 *  - open the other article (the finding's row opens the first);
 *  - make one the owner of the query and link to it from the other: the
 *    other opens in the editor and the link is added at the end of its
 *    text as one user action, so the editor's Undo takes it back;
 *  - change the intent: the article opens with its details shown, where
 *    the intent is chosen (the details' own edits are undone there);
 *  - merge either article into the other, after a confirmation: the
 *    core's merge (topiary_map_edit_merge_articles()) moves the text,
 *    queries, files and incoming links and puts the absorbed article in
 *    Deleted Articles, as one map edit, so the map's Undo takes it all
 *    back. What the editor and the details panel hold is saved first, and
 *    the kept article opens with the merged text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-article-pane.h"
#include "topiary-dialogs.h"
#include "topiary-map-actions.h"
#include "topiary-map-edit.h"
#include "topiary-remedies.h"
#include "topiary-window.h"

gboolean
topiary_remedies_apply_to (const TopiaryCheckFinding *finding)
{
  g_return_val_if_fail (finding != NULL, FALSE);
  return g_str_has_prefix (finding->code, "cannibal-") &&
         finding->article_id != 0 && finding->related_id != 0;
}

static char *
title_of (TopiaryProject *project,
          gint64          id)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article (project, id, FALSE, NULL);

  return g_strdup (a != NULL ? topiary_article_get_title (a) : "");
}

static void
add_item (GMenu      *menu,
          const char *label,
          const char *action,
          GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

GtkWidget *
topiary_remedies_button_new (TopiaryProject            *project,
                             const TopiaryCheckFinding *finding)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *first = NULL;
  g_autofree char *other = NULL;
  g_autofree char *open = NULL;
  g_autofree char *own_other = NULL;
  g_autofree char *own_first = NULL;
  g_autofree char *intent = NULL;
  g_autofree char *merge_other = NULL;
  g_autofree char *merge_first = NULL;
  GtkWidget *button;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (topiary_remedies_apply_to (finding), NULL);

  first = title_of (project, finding->article_id);
  other = title_of (project, finding->related_id);
  open = g_strdup_printf (_("Open “%s”"), other);
  own_other = g_strdup_printf (_("Make “%s” the Owner and Link to It"), other);
  own_first = g_strdup_printf (_("Make “%s” the Owner and Link to It"), first);
  intent = g_strdup_printf (_("Change the Intent of “%s”"), first);
  merge_other = g_strdup_printf (_("Merge “%s” into “%s”"), other, first);
  merge_first = g_strdup_printf (_("Merge “%s” into “%s”"), first, other);
  add_item (menu, open, "win.open-article", g_variant_new_int64 (finding->related_id));
  add_item (menu, own_other, "remedy.link-to-owner", g_variant_new ("(xx)", finding->article_id, finding->related_id));
  add_item (menu, own_first, "remedy.link-to-owner", g_variant_new ("(xx)", finding->related_id, finding->article_id));
  add_item (menu, intent, "remedy.change-intent", g_variant_new_int64 (finding->article_id));
  /* (keep, absorb) */
  add_item (menu, merge_other, "remedy.merge", g_variant_new ("(xx)", finding->article_id, finding->related_id));
  add_item (menu, merge_first, "remedy.merge", g_variant_new ("(xx)", finding->related_id, finding->article_id));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remedies"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remedies"), -1);
  return button;
}

/* Opens @article_id in the window of @widget; its editor, or NULL. */
static TopiaryEditor *
open_article (GtkWidget *widget,
              gint64     article_id)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!TOPIARY_IS_WINDOW (root) || !topiary_window_open_article (TOPIARY_WINDOW (root), article_id))
    return NULL;
  return topiary_window_get_editor (TOPIARY_WINDOW (root));
}

static void
remedy_link_to_owner (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TopiaryWindow *window;
  TopiaryEditor *editor;
  g_autoptr(TopiaryArticle) owner = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  gint64 from, owner_id;
  gsize len;

  g_variant_get (parameter, "(xx)", &from, &owner_id);
  if ((editor = open_article (widget, from)) == NULL)
    return;
  window = TOPIARY_WINDOW (gtk_widget_get_root (widget));
  owner = topiary_project_get_article (topiary_window_get_project (window), owner_id, FALSE, NULL);
  if (owner == NULL)
    return;
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  text = topiary_editor_dup_text (editor);
  len = strlen (text);
  /* A paragraph of its own at the end of the text. */
  link = g_strdup_printf ("%s[[%s|%s]]\n",
                          len == 0 ? "" : g_str_has_suffix (text, "\n\n") ? "" : g_str_has_suffix (text, "\n") ? "\n" : "\n\n",
                          topiary_article_get_slug (owner), topiary_article_get_title (owner));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, link, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (editor)));
}

static void
remedy_change_intent (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TopiaryWindow *window;
  GtkWidget *pane;

  if (open_article (widget, g_variant_get_int64 (parameter)) == NULL)
    return;
  window = TOPIARY_WINDOW (gtk_widget_get_root (widget));
  pane = gtk_widget_get_ancestor (GTK_WIDGET (topiary_window_get_details (window)), TOPIARY_TYPE_ARTICLE_PANE);
  if (pane != NULL)
    topiary_article_pane_show_details_page (TOPIARY_ARTICLE_PANE (pane));
}

/* ---- merging ---- */

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TopiaryWindow    *window)
{
  gint64 keep = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "keep"));
  gint64 absorb = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "absorb"));
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) absorbed = NULL;
  g_autofree char *message = NULL;
  TopiaryEdit *edit;

  if (g_strcmp0 (response, "merge") != 0 || project == NULL)
    return;
  /* Typing not yet saved, in either article, goes in first: the merge
   * reads the texts from the project. */
  if (!topiary_window_save (window, &error))
    {
      topiary_window_add_toast (window, topiary_toast_new (error->message));
      return;
    }
  absorbed = topiary_project_get_article (project, absorb, FALSE, NULL);
  edit = topiary_map_edit_merge_articles (project, keep, absorb, &error);
  if (edit == NULL)
    {
      topiary_window_add_toast (window, topiary_toast_new (error->message));
      return;
    }
  topiary_map_actions_take_edit (topiary_window_get_map_actions (window), edit);
  /* The kept article, with the merged text (the editor may hold it open,
   * saved, under its old text). */
  if (topiary_window_open_article (window, keep))
    {
      TopiaryEditor *editor = topiary_window_get_editor (window);

      if (editor != NULL && !topiary_editor_reload_changed (editor, &error))
        topiary_window_add_toast (window, topiary_toast_new (error->message));
    }
  message = g_strdup_printf (_("“%s” merged"), absorbed != NULL ? topiary_article_get_title (absorbed) : "");
  topiary_window_add_toast (window, topiary_toast_new (message));
}

static void
remedy_merge (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  TopiaryProject *project;
  g_autofree char *keep_title = NULL;
  g_autofree char *absorb_title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  gint64 keep, absorb;

  if (!TOPIARY_IS_WINDOW (root) || (project = topiary_window_get_project (TOPIARY_WINDOW (root))) == NULL)
    return;
  g_variant_get (parameter, "(xx)", &keep, &absorb);
  keep_title = title_of (project, keep);
  absorb_title = title_of (project, absorb);
  heading = g_strdup_printf (_("Merge “%s” into “%s”?"), absorb_title, keep_title);
  body = g_strdup_printf (_("“%s” gets the text, target queries, files and incoming links of “%s”, "
                            "which goes to Deleted Articles; Undo takes the merge back."),
                          keep_title, absorb_title);
  dialog = topiary_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "keep", GSIZE_TO_POINTER ((gsize) keep));
  g_object_set_data (G_OBJECT (dialog), "absorb", GSIZE_TO_POINTER ((gsize) absorb));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), root, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
topiary_remedies_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "remedy.merge", "(xx)", remedy_merge);
  gtk_widget_class_install_action (widget_class, "remedy.link-to-owner", "(xx)", remedy_link_to_owner);
  gtk_widget_class_install_action (widget_class, "remedy.change-intent", "x", remedy_change_intent);
}
