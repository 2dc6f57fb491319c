/* test-ui-page.c — the page the preview shows: the title is its only
 * <h1> and the editor offers to remove a heading that repeats it
 * (issue 13); an image replaced under the same name shows the new picture
 * (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-media.h"
#include "topiary-media-edit.h"
#include "topiary-title-bar.h"
#include "media-util.h"
#include "test-ui-util.h"

static void
set_text (GtkTextBuffer *buffer,
          const char    *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static char *
get_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
test_remove_heading (UiFixture     *f,
                     gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  gint64 id = topiary_window_get_article_id (window);
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, id, FALSE, NULL);
  const char *title = topiary_article_get_title (article);
  g_autofree char *upper = g_utf8_strup (title, -1);
  g_autofree char *text = g_strdup_printf ("#  %s\n\n\nBody text.\n\n# Section\n", upper);
  g_autofree char *expected = g_strdup_printf ("1|%s", title);
  g_autofree char *heads = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  TopiaryTitleBar *bar;
  GtkWidget *button;
  guint updates;

  bar = TOPIARY_TITLE_BAR (find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_TITLE_BAR, 0));
  g_assert_nonnull (bar);
  g_assert_false (topiary_title_bar_is_shown (bar));

  updates = topiary_preview_get_n_updates (preview) + 1;
  set_text (buffer, text);
  g_assert_true (wait_for (preview_idle, &updates, 15000));

  /* The preview: the title once, as the only <h1>; "# Section" below it. */
  heads = eval_js ("document.querySelectorAll('h1').length + '|' +"
                   " document.getElementById('topiary-title').textContent", NULL);
  g_assert_cmpstr (heads, ==, expected);
  {
    g_autofree char *h2 = eval_js ("document.querySelectorAll('#topiary-article h2').length + ''", NULL);
    g_assert_cmpstr (h2, ==, "1");
  }

  /* The bar offers to remove the heading; one click does. */
  g_assert_true (topiary_title_bar_is_shown (bar));
  button = find_button (GTK_WIDGET (bar), "_Remove Heading");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  shot ("title-bar.png");
  g_signal_emit_by_name (button, "clicked");
  after = get_text (buffer);
  g_assert_cmpstr (after, ==, "Body text.\n\n# Section\n");
  g_assert_false (topiary_title_bar_is_shown (bar));
  g_assert_true (topiary_editor_is_dirty (topiary_window_get_editor (window)));

  /* An ordinary edit: undo brings the heading back, and the bar. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  undone = get_text (buffer);
  g_assert_cmpstr (undone, ==, text);
  g_assert_true (topiary_title_bar_is_shown (bar));

  /* A heading that says something else is no title. */
  set_text (buffer, "# Something else\n\nText.\n");
  g_assert_false (topiary_title_bar_is_shown (bar));
}

/* The image's URL carries the start of its hash: a file replaced under
 * the same name is a new URL, so WebKit's cache cannot show the old one. */
static void
test_replaced_image (UiFixture     *f,
                     gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  gint64 id = topiary_window_get_article_id (window);
  g_autoptr(GBytes) before = test_image ("png", 40, 30, 1);
  g_autoptr(GBytes) after = test_image ("png", 64, 48, 2);
  g_autoptr(TopiaryFileInfo) old_info = NULL;
  g_autoptr(TopiaryFileInfo) new_info = NULL;
  g_autoptr(TopiaryCheckedFile) checked = NULL;
  g_autoptr(GError) error = NULL;
  const char *script = "(function () { var i = document.querySelector('#topiary-article img');"
                       " return i && i.complete ? i.naturalWidth + '|' + i.getAttribute('src') : '-'; })()";
  g_autofree char *want_old = NULL;
  g_autofree char *want_new = NULL;
  JsWait wait = { script, NULL };
  GtkTextIter end;
  guint updates;

  old_info = topiary_project_add_file (project, id, "shot.png", before, &error);
  g_assert_no_error (error);
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n\n![A shot](images/shot.png)\n", -1);
  g_assert_true (wait_for (preview_idle, &updates, 15000));
  want_old = g_strdup_printf ("40|" TOPIARY_FILE_URI_SCHEME ":///%" G_GINT64_FORMAT "/images/shot.png?v=%.16s",
                              id, old_info->sha256);
  wait.want = want_old;
  if (!wait_for (js_returns, &wait, 10000))
    g_error ("the preview did not show the image: %s", eval_js (script, TOPIARY_PREVIEW_WORLD));

  /* Replace, as the file list's Replace does: same name, new bytes. */
  checked = topiary_checked_file_new ("other.png", after, &error);
  g_assert_no_error (error);
  new_info = topiary_project_replace_file (project, old_info->id, checked, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_info->name, ==, "images/shot.png");
  g_assert_cmpstr (new_info->sha256, !=, old_info->sha256);

  want_new = g_strdup_printf ("64|" TOPIARY_FILE_URI_SCHEME ":///%" G_GINT64_FORMAT "/images/shot.png?v=%.16s",
                              id, new_info->sha256);
  wait.want = want_new;
  if (!wait_for (js_returns, &wait, 10000))
    g_error ("the preview kept the old picture: %s", eval_js (script, TOPIARY_PREVIEW_WORLD));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-page"))
    return 77;

  ui_test_add_article ("/ui/page/title-heading-removed", test_remove_heading);
  ui_test_add_article ("/ui/page/replaced-image-shows", test_replaced_image);

  return ui_test_run ();
}
