/* test-ui-audit.c — an audit finding opens the article at the line it
 * names (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-overview.h"

/* The audit row whose title holds @text, in the overview. */
static GtkWidget *
finding_row (GtkWidget  *overview,
             const char *text)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (overview, ADW_TYPE_ACTION_ROW, i);

      if (row == NULL)
        return NULL;
      if (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text) != NULL)
        return row;
    }
}

static void
test_opens_at_line (UiFixture     *f,
                    gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) pillar = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_PILLAR, 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *overview;
  GtkWidget *row;
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  GtkWidget *focus;
  GtkWidget *view;

  g_assert_nonnull (pillar);
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (pillar),
                                            "# Pillar\n\nA first paragraph.\n\nA second one.\n\n"
                                            "Then see [[Nothing by this name]] here.\n\nThe end.\n", &error));
  g_assert_no_error (error);
  topiary_window_show_map (window, 0);
  spin (200);
  overview = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_OVERVIEW, 0);
  g_assert_nonnull (overview);
  g_signal_emit_by_name (find_button (overview, "_Check"), "clicked");
  row = finding_row (overview, "Nothing by this name");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  spin (200);

  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (pillar));
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 6);   /* the 7th line */
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 0);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  g_assert_true (focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view)));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-audit"))
    return 77;
  ui_test_add_sample ("/ui/audit/opens-at-line", test_opens_at_line);
  return ui_test_run ();
}
