/* test-ui-merge.c — the merge remedy of a cannibalization finding in the
 * app, and the brief checklist following the title as it is typed
 * (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "test-ui-pane-util.h"
#include "topiary-article-pane.h"
#include "topiary-brief-checklist.h"
#include "topiary-details.h"
#include "topiary-overview.h"


/* The item of @menu labelled @label: its action and target, or FALSE. */
static gboolean
menu_item (GMenuModel  *menu,
           const char  *label,
           char       **action,
           GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        {
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", action);
          *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          return TRUE;
        }
    }
  return FALSE;
}

/* Two articles compete for one query: the finding offers to merge either
 * into the other. Merging the open article, with typing not yet saved,
 * into the other asks first, then the kept article opens with both
 * texts, the other is gone from the tree (to Deleted Articles), and the
 * map's Undo brings it back with its text. */
static void
test_merge (UiFixture     *f,
            gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  gint64 structure = article_by_slug (STRUCTURE);
  gint64 blueprints = article_by_slug (BLUEPRINTS);
  g_autofree char *kept_before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *action = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *back_body = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkWindow *dialog = NULL;
  GtkWidget *overview;
  GtkWidget *button;
  gint64 keep = 0, absorb = 0, back;

  set_query (structure, "flask project layout", "informational");
  set_query (blueprints, "flask project layout", "informational");
  {
    g_autofree char *body = topiary_project_get_body (project, structure, NULL);
    kept_before = g_strdup (body);
  }

  topiary_window_show_map (window, 0);
  spin (200);
  overview = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_OVERVIEW, 0);
  g_assert_nonnull (overview);
  g_signal_emit_by_name (find_button (overview, "_Check"), "clicked");
  button = remedies_button (overview);
  g_assert_nonnull (button);
  g_assert_true (menu_item (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                            "Merge “Blueprints and the App Factory Pattern Explained” into "
                            "“Flask Project Structure: Best Practices and Examples”",
                            &action, &target));
  g_assert_cmpstr (action, ==, "remedy.merge");
  g_variant_get (target, "(xx)", &keep, &absorb);
  /* Both directions are offered. */
  {
    g_autofree char *other_action = NULL;
    g_autoptr(GVariant) other_target = NULL;

    g_assert_true (menu_item (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                              "Merge “Flask Project Structure: Best Practices and Examples” into "
                              "“Blueprints and the App Factory Pattern Explained”",
                              &other_action, &other_target));
    g_assert_cmpstr (other_action, ==, "remedy.merge");
  }
  g_assert_true ((keep == structure && absorb == blueprints) || (keep == blueprints && absorb == structure));
  if (keep != structure)
    {
      keep = structure;
      absorb = blueprints;
    }

  /* The article to be absorbed is open, its text typed and not saved. */
  click_article (blueprints);
  spin (200);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, blueprints);
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer (), &start, &end);
    gtk_text_buffer_begin_user_action (buffer ());
    gtk_text_buffer_delete (buffer (), &start, &end);
    gtk_text_buffer_insert (buffer (), &start, "Blueprints split an app into parts.\n", -1);
    gtk_text_buffer_end_user_action (buffer ());
  }

  /* Still open and unsaved when the merge runs (the overview's action,
   * as its menu would activate it). */
  gtk_widget_activate_action (overview, "remedy.merge", "(xx)", keep, absorb);
  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Merge “Blueprints and the App Factory Pattern Explained” into "
                   "“Flask Project Structure: Best Practices and Examples”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Deleted Articles"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  shot ("merge-remedy.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  spin (300);

  /* The kept article is open with both texts; the other is gone. */
  g_assert_cmpint (topiary_window_get_article_id (window), ==, structure);
  merged = buffer_text ();
  g_assert_nonnull (strstr (merged, "## Blueprints and the App Factory Pattern Explained\n\n"
                                    "Blueprints split an app into parts.\n"));
  g_assert_null (topiary_project_get_article (project, blueprints, FALSE, NULL));
  g_assert_null (topiary_map_tree_lookup_article (tree, blueprints));
  g_assert_cmpint (article_by_slug (BLUEPRINTS), ==, 0);

  /* The map's Undo: the absorbed article is back, in the tree, with the
   * text typed before the merge; the kept one has its text again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
  spin (300);
  back = article_by_slug (BLUEPRINTS);
  g_assert_cmpint (back, !=, 0);
  g_assert_nonnull (topiary_map_tree_lookup_article (tree, back));
  back_body = topiary_project_get_body (project, back, NULL);
  g_assert_cmpstr (back_body, ==, "Blueprints split an app into parts.\n");
  g_assert_cmpint (topiary_window_get_article_id (window), ==, structure);
  undone = buffer_text ();
  g_assert_cmpstr (undone, ==, kept_before);
}

/* The row of the checklist with @id ("title", …). */
static GtkWidget *
checklist_row (const char *id)
{
  GtkWidget *checklist = GTK_WIDGET (topiary_details_get_checklist (topiary_window_get_details (window)));

  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (checklist, ADW_TYPE_ACTION_ROW, i);

      if (row == NULL || g_strcmp0 (gtk_widget_get_name (row), id) == 0)
        return row;
    }
}

static gboolean
title_line_done (void)
{
  GtkWidget *row = checklist_row ("title");

  g_assert_nonnull (row);
  return g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "15 of 15");
}

/* A title typed in the details panel that holds the primary query turns
 * the checklist's "primary query in the title" line done before the
 * title is saved at all: another connection holds the project's write
 * lock meanwhile, so the details' save fails and the map keeps the old
 * title. */
static void
test_checklist_typed_title (UiFixture     *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryProject) writer = NULL;
  g_autoptr(TopiaryArticle) stored = NULL;
  gint64 structure = article_by_slug (STRUCTURE);
  GtkWidget *title_row;

  set_query (structure, "flask project layout", NULL);
  click_article (structure);
  spin (200);
  topiary_article_pane_show_details_page (pane ());
  wait_links ();
  g_assert_false (title_line_done ());

  writer = topiary_project_open (topiary_project_get_path (project), TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_begin (writer, &error));
  g_assert_no_error (error);

  title_row = find_widget_of_type (GTK_WIDGET (topiary_window_get_details (window)), ADW_TYPE_ENTRY_ROW, 0);
  g_assert_nonnull (title_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==,
                   "Flask Project Structure: Best Practices and Examples");
  gtk_widget_grab_focus (title_row);
  ui_press ("ctrl+a");
  ui_type ("A flask project layout");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "A flask project layout");
  wait_links ();
  g_assert_true (title_line_done ());

  /* Nothing was saved: the map has the old title. */
  stored = topiary_project_get_article (project, structure, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_title (stored), ==, "Flask Project Structure: Best Practices and Examples");
  topiary_project_rollback (writer);
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-merge"))
    return 77;
  ui_test_add_sample ("/ui/merge/remedy-merge", test_merge);
  ui_test_add_sample ("/ui/merge/checklist-typed-title", test_checklist_typed_title);
  return ui_test_run ();
}
