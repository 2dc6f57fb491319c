/* test-preview-module.c — the WebKit preview is a module loaded on demand
 *
 * This program links the app as the topiary executable does, and not
 * WebKit: it checks that WebKit is not in the process until a preview is
 * made, that the module then gives a working preview, and that a missing
 * module is a message in the preview pane while the editor goes on.
 * Exits 77 without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "topiary-editor.h"
#include "topiary-preview.h"
#include "topiary-window.h"
#include "test-util.h"

static char *tmp_dir;

static gboolean
webkit_is_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "libwebkitgtk-6.0") != NULL;
}

/* A project of one article with a body, for the window to open. */
static char *
make_project (gint64 *article_id)
{
  g_autofree char *path = g_build_filename (tmp_dir, "one.topiary", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();

  g_remove (path);
  project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  topiary_article_set_title (article, "Only Article");
  topiary_article_set_body (article, "# Only Article\n\nSome words to edit.\n");
  g_assert_true (topiary_project_add_article (project, article, &error));
  g_assert_no_error (error);
  *article_id = topiary_article_get_id (article);
  topiary_project_close (project);
  return g_steal_pointer (&path);
}

static void
test_not_linked (void)
{
  /* Nothing made a preview yet: no WebKit library is mapped. */
  g_assert_false (webkit_is_loaded ());
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  TopiaryPreview *preview;
  GtkWidget *web_view;

  topiary_preview_preload ();
  topiary_preview_preload ();
  preview = topiary_preview_new (&error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_object_ref_sink (preview);
  g_assert_true (TOPIARY_IS_PREVIEW (preview));
  g_assert_true (GTK_IS_WIDGET (preview));
  g_assert_true (webkit_is_loaded ());

  web_view = topiary_preview_get_web_view (preview);
  g_assert_nonnull (web_view);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (web_view), ==, "WebKitWebView");
  g_assert_cmpuint (topiary_preview_get_n_updates (preview), ==, 0);
  g_assert_cmpuint (g_signal_lookup ("updated", G_OBJECT_TYPE (preview)), !=, 0);
  g_assert_cmpuint (g_signal_lookup ("open-article", G_OBJECT_TYPE (preview)), !=, 0);

  /* A second one comes from the same, already loaded module. */
  {
    TopiaryPreview *other = topiary_preview_new (&error);

    g_assert_no_error (error);
    g_assert_true (G_OBJECT_TYPE (other) == G_OBJECT_TYPE (preview));
    g_object_ref_sink (other);
    g_object_unref (other);
  }
  g_object_unref (preview);
}

static void
test_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *missing = g_build_filename (tmp_dir, "nowhere", "topiary-web-preview.so", NULL);

      g_setenv (TOPIARY_PREVIEW_MODULE_ENV, missing, TRUE);
      g_assert_null (topiary_preview_new (&error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, missing));
      g_assert_false (webkit_is_loaded ());
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_not_a_module (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *bogus = g_build_filename (tmp_dir, "bogus.so", NULL);

      g_assert_true (g_file_set_contents (bogus, "not an ELF file", -1, NULL));
      g_setenv (TOPIARY_PREVIEW_MODULE_ENV, bogus, TRUE);
      g_assert_null (topiary_preview_new (&error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "bogus.so"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The window without its module: the pane says why, the editor works. */
static void
test_window_without_module (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (tmp_dir, "nowhere", "topiary-web-preview.so", NULL);
      g_autofree char *text = NULL;
      g_autofree char *path = NULL;
      TopiaryWindow *window;
      TopiaryEditor *editor;
      gint64 article_id = 0;

      g_setenv (TOPIARY_PREVIEW_MODULE_ENV, missing, TRUE);
      path = make_project (&article_id);
      window = topiary_window_new (NULL);
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (topiary_window_open_path (window, path));

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*preview module could not be loaded*");
      g_assert_true (topiary_window_open_article (window, article_id));
      g_test_assert_expected_messages ();
      g_assert_null (topiary_window_get_preview (window));

      editor = topiary_window_get_editor (window);
      g_assert_cmpint (topiary_editor_get_article_id (editor), ==, article_id);
      text = topiary_editor_dup_text (editor);
      g_assert_cmpstr (text, ==, "# Only Article\n\nSome words to edit.\n");
      spin (100);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("topiary-test-preview-module");

  /* Before GTK: nothing here may have pulled WebKit in. */
  g_assert_false (webkit_is_loaded ());
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the preview module tests.\n");
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  /* Subprocesses share the parent's folder (passed through the
   * environment), so files they make are cleaned up by the parent. */
  if (g_getenv ("TOPIARY_TEST_TMP") != NULL)
    tmp_dir = g_strdup (g_getenv ("TOPIARY_TEST_TMP"));
  else
    {
      tmp_dir = g_dir_make_tmp ("topiary-preview-module-XXXXXX", NULL);
      g_setenv ("TOPIARY_TEST_TMP", tmp_dir, TRUE);
    }

  g_test_add_func ("/preview-module/not-linked", test_not_linked);
  g_test_add_func ("/preview-module/missing", test_missing);
  g_test_add_func ("/preview-module/not-a-module", test_not_a_module);
  g_test_add_func ("/preview-module/window-without-module", test_window_without_module);
  g_test_add_func ("/preview-module/load", test_load);
  status = g_test_run ();
  if (!g_test_subprocess ())
    test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
