/* test-ui-revisions.c — a revision is compared with the text before it is
 * restored, and the restore is one step of the editor's undo (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"

static GtkWindow *
shown_compare_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (gtk_window_get_title (w), "Compare with Revision") == 0)
        return w;
    }
  return NULL;
}

static gboolean
compare_dialog_shown (gpointer data)
{
  return shown_compare_dialog () != NULL;
}

/* The rows of the diff, as "class|text" lines (class: added, removed or
 * nothing). */
static char *
diff_rows (GtkWindow *dialog)
{
  GtkWidget *list = find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, 0);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (list);
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
      GtkWidget *label;

      if (row == NULL)
        break;
      label = gtk_list_box_row_get_child (row);
      g_string_append_printf (out, "%s|%s\n",
                              gtk_widget_has_css_class (GTK_WIDGET (row), "diff-added") ? "added" :
                              gtk_widget_has_css_class (GTK_WIDGET (row), "diff-removed") ? "removed" : "",
                              gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (out, FALSE);
}

static gboolean
editor_saved (gpointer data)
{
  return !topiary_editor_is_dirty (topiary_window_get_editor (window));
}

static void
test_compare_then_restore (UiFixture     *f,
                           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gint64 id = ui_open_first_pillar ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *stored_after_undo = NULL;
  GtkWindow *dialog;
  GtkWidget *row;
  const char *kept = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n";
  const char *now = "# Title\n\nFirst paragraph, longer.\n\nSecond paragraph.\n\nA third.\n";
  gint64 revision;

  gtk_text_buffer_set_text (buffer, kept, -1);
  g_assert_true (wait_for (editor_saved, NULL, 3000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  revisions = topiary_project_list_revisions (project, id, NULL);
  g_assert_nonnull (revisions);
  revision = ((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->id;
  gtk_text_buffer_set_text (buffer, now, -1);
  g_assert_true (wait_for (editor_saved, NULL, 3000));

  /* Compared first: what restoring would add and take away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "article.compare-revision", "x", revision);
  g_assert_true (wait_for (compare_dialog_shown, NULL, 5000));
  dialog = shown_compare_dialog ();
  rows = diff_rows (dialog);
  g_assert_cmpstr (rows, ==,
                   "|  # Title\n"
                   "|  \n"
                   "removed|− First paragraph, longer.\n"
                   "added|+ First paragraph.\n"
                   "|  \n"
                   "|  Second paragraph.\n"
                   "removed|− \n"
                   "removed|− A third.\n");
  /* A screen reader hears what a colour shows. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, 0)), 2));
  {
    g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   "Removed: First paragraph, longer.");
    g_assert_null (problem);
  }
  shot ("revision-compare.png");
  /* Nothing restored yet. */
  stored = topiary_project_get_body (project, id, NULL);
  g_assert_cmpstr (stored, ==, now);

  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Restore"), "clicked");
  spin (200);
  g_assert_null (shown_compare_dialog ());
  restored = topiary_editor_dup_text (editor);
  g_assert_cmpstr (restored, ==, kept);
  g_clear_pointer (&stored, g_free);
  stored = topiary_project_get_body (project, id, NULL);
  g_assert_cmpstr (stored, ==, kept);

  /* Ctrl+Z in the editor brings back the text before the restore, and it
   * is saved. */
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (editor)));
  ui_press ("ctrl+z");
  spin (100);
  undone = topiary_editor_dup_text (editor);
  g_assert_cmpstr (undone, ==, now);
  g_assert_true (wait_for (editor_saved, NULL, 3000));
  stored_after_undo = topiary_project_get_body (project, id, NULL);
  g_assert_cmpstr (stored_after_undo, ==, now);
}

/* The Revisions list names each revision by an unambiguous date: day,
 * month's name, year and time ("5 Dec 2026, 18:37"), never 05/12/26. */
static void
test_dates_unambiguous (UiFixture     *f,
                        gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 id = ui_open_first_pillar ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *title = NULL;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window))),
                            "Some text to keep.\n", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  revisions = topiary_project_list_revisions (project, id, NULL);
  g_assert_nonnull (revisions);
  g_assert_cmpuint (revisions->len, >=, 1);
  when = g_date_time_new_from_unix_local (((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->created);
  expected = g_date_time_format (when, "%-d %b %Y, %H:%M");

  /* The header's Revisions popover lists them (filled as it shows, read
   * and closed at once as /ui/editor/revisions does). */
  {
    GtkWidget *button = NULL;
    GtkWidget *row;

    for (guint i = 0; button == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);

        g_assert_nonnull (w);
        if (g_strcmp0 (gtk_widget_get_tooltip_text (w), "Revisions") == 0)
          button = w;
      }
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    for (guint k = 0; title == NULL && (row = find_widget_of_type (button, ADW_TYPE_ACTION_ROW, k)) != NULL; k++)
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), "article.compare-revision") == 0)
        title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }
  g_assert_cmpstr (title, ==, expected);
  g_assert_true (g_regex_match_simple ("^[0-9]{1,2} [^ 0-9]+ [0-9]{4}, [0-9]{2}:[0-9]{2}$", title, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  /* The accessible labels are read through GTK's test AT context. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-revisions"))
    return 77;
  ui_test_add_sample ("/ui/revisions/compare-then-restore", test_compare_then_restore);
  ui_test_add_sample ("/ui/revisions/dates-unambiguous", test_dates_unambiguous);
  return ui_test_run ();
}
