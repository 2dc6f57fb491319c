/* test-ui-editor.c — the editor, its details panel and the window around it driven through their widgets, under Xvfb: autosave, revisions, formatting, layouts, styles, preferences, translations
 *
 * Each case gets a fresh window (and, most of them, a fresh copy of the
 * sample map) from test-ui-util.h, so one failing case leaves the others
 * their own state. Without a display the program exits with 77, which
 * meson reports as skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "topiary-preferences.h"
#include "test-ui-util.h"

static void
test_autosave (UiFixture     *f,
               gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryProject) second = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 edited_id = topiary_editor_get_article_id (editor);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  GtkTextIter end;
  gint64 start;

  /* The last keystroke. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "x", -1);
  g_assert_true (topiary_editor_is_dirty (editor));
  start = g_get_monotonic_time ();

  /* Saved at most a second after the last keystroke. */
  g_assert_true (wait_for (autosaved, NULL, 1500));
  g_test_message ("autosave after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  second = topiary_project_open (topiary_project_get_path (project), TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (second, edited_id, TRUE, &error);
  g_assert_no_error (error);
  text = topiary_editor_dup_text (editor);
  g_assert_cmpstr (topiary_article_get_body (article), ==, text);
  g_assert_cmpuint (topiary_article_get_word_count (article), >, 5);
}

/* Ctrl+S keeps a revision; restoring it brings the text back and keeps
 * the replaced text as a revision too. */
static void
test_revisions (UiFixture     *f,
                gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gint64 id = topiary_editor_get_article_id (editor);
  g_autofree char *kept = topiary_editor_dup_text (editor);
  g_autofree char *restored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkTextIter end;
  gint64 revision;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  revisions = topiary_project_list_revisions (project, id, NULL);
  g_assert_nonnull (revisions);
  g_assert_cmpuint (revisions->len, >=, 1);
  g_assert_cmpstr (((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "manual");
  revision = ((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->id;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "A paragraph to take back.\n", -1);
  g_assert_true (wait_for (autosaved, NULL, 1500));

  /* The header's Revisions popover lists them. */
  {
    GtkWidget *button = NULL;
    GtkPopover *popover;
    GtkWidget *list;

    for (guint i = 0; button == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);
        g_assert_nonnull (w);
        if (g_strcmp0 (gtk_widget_get_tooltip_text (w), "Revisions") == 0)
          button = w;
      }
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    list = find_widget_of_type (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX, 0);
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) revisions->len - 1));
    shot ("revisions.png");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "article.restore-revision", "x", revision);
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, id);
  restored = topiary_editor_dup_text (editor);
  g_assert_cmpstr (restored, ==, kept);
  after = topiary_project_list_revisions (project, id, NULL);
  g_assert_cmpuint (after->len, ==, revisions->len + 1);
}

static void
test_formatting (UiFixture     *f,
                 gconstpointer  data)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nmake this strong\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_iter_backward_chars (&end, 1);
  start = end;
  gtk_text_iter_backward_chars (&start, strlen ("strong"));
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (window), "article.bold", NULL);
  text = topiary_editor_dup_text (editor);
  g_assert_true (g_str_has_suffix (text, "make this **strong**\n"));

  /* One undo takes it back. */
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&text, g_free);
  text = topiary_editor_dup_text (editor);
  g_assert_true (g_str_has_suffix (text, "make this strong\n"));
}

static void
test_layout (UiFixture     *f,
             gconstpointer  data)
{
  TopiaryPreview *preview = topiary_window_get_preview (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "editor");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "preview");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-layout", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
}

/* The editor's colours follow the light/dark style. */
static void
test_dark_style (UiFixture     *f,
                 gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceBuffer *buffer = topiary_editor_get_buffer (topiary_window_get_editor (window));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  spin (100);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita-dark");
  shot ("dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (100);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita");
}

/* Preference rows write their keys, and the window follows them. */
static void
test_preferences (UiFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TopiaryPreferences *prefs = topiary_preferences_new (settings);
  AdwComboRow *scheme, *layout;
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  scheme = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, 0));
  layout = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, 1));
  adw_combo_row_set_selected (scheme, 2);
  value = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (value, ==, "dark");

  adw_combo_row_set_selected (layout, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (topiary_window_get_preview (window))));
  adw_combo_row_set_selected (layout, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (topiary_window_get_preview (window))));

  g_settings_set_uint (settings, "autosave-delay", 300);
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "autosave-delay");
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

static gboolean
details_saved (gpointer data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, *(gint64 *) data, FALSE, NULL);

  return article != NULL && topiary_article_get_target_words (article) == 1500 &&
         topiary_article_get_status (article) == TOPIARY_STATUS_DRAFTING;
}

static gboolean
label_has_target (gpointer data)
{
  return strstr (gtk_label_get_label (GTK_LABEL (data)), "/ 1500 words") != NULL;
}

static void
test_details (UiFixture     *f,
              gconstpointer  data)
{
  TopiaryDetails *details = topiary_window_get_details (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  gint64 id = topiary_editor_get_article_id (editor);
  GtkSpinButton *words;
  AdwComboRow *status;
  GtkWidget *words_label = NULL;

  g_assert_cmpint (id, !=, 0);
  /* Status is the fourth combo row (kind, group, pillar, status). */
  status = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (details), ADW_TYPE_COMBO_ROW, 3));
  words = GTK_SPIN_BUTTON (find_widget_of_type (GTK_WIDGET (details), GTK_TYPE_SPIN_BUTTON, 1));
  adw_combo_row_set_selected (status, TOPIARY_STATUS_DRAFTING);
  gtk_spin_button_set_value (words, 1500);
  g_assert_true (wait_for (details_saved, &id, 10000));
  /* The editor's status line now measures against the target. */
  for (guint i = 0; words_label == NULL; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (editor), GTK_TYPE_LABEL, i);

      g_assert_nonnull (w);
      if (strstr (gtk_label_get_label (GTK_LABEL (w)), "word") != NULL)
        words_label = w;
    }
  g_assert_true (wait_for (label_has_target, words_label, 10000));

  /* A target query, added with Enter, becomes the primary one. */
  {
    AdwEntryRow *query_row = ADW_ENTRY_ROW (find_widget_of_type (GTK_WIDGET (details), ADW_TYPE_ENTRY_ROW, 2));
    g_autoptr(TopiaryArticle) saved = NULL;
    TopiaryProject *project = topiary_window_get_project (window);

    gtk_editable_set_text (GTK_EDITABLE (query_row), "flask structured logging");
    g_signal_emit_by_name (query_row, "entry-activated");
    g_assert_true (topiary_details_save (details, NULL));
    saved = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpuint (topiary_article_get_n_queries (saved), >=, 1);
    g_assert_cmpstr (topiary_article_get_queries (saved)[topiary_article_get_n_queries (saved) - 1], ==,
                     "flask structured logging");
    g_assert_cmpint (topiary_article_get_primary_query (saved), >=, 0);
  }
}

/* The shortcuts window GtkApplication loads from our resource. */
static void
test_help_overlay (UiFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/topiary/Topiary/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Under LANGUAGE=de the windows speak German: a page title from the
 * preferences template, read through the catalogue built in po/. Runs last,
 * since it changes the language of everything after it. */
static void
test_german (UiFixture     *f,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *locale_dir = g_getenv ("TOPIARY_LOCALE_DIR");
  g_autofree char *mo = NULL;
  TopiaryPreferences *prefs;
  AdwPreferencesPage *page;

  g_assert_nonnull (locale_dir);
  mo = g_build_filename (locale_dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));

  /* LANGUAGE is ignored while the messages locale is "C". */
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  prefs = topiary_preferences_new (settings);
  page = ADW_PREFERENCES_PAGE (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, 0));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_preferences_page_get_title (page), ==, "Allgemein");
  g_assert_cmpstr (_("Preferences"), ==, "Einstellungen");
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_unsetenv ("LANGUAGE");
  spin (50);
}

/* The reading time says nothing for an empty article and "under a
 * minute" for a short one, never "0 words · 1 min read". */
static GtkLabel *
reading_label (void)
{
  GtkWidget *editor = GTK_WIDGET (topiary_window_get_editor (window));

  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (editor, GTK_TYPE_LABEL, i);

      g_assert_nonnull (w);
      if (strstr (gtk_label_get_label (GTK_LABEL (w)), "read") != NULL)
        return GTK_LABEL (w);
    }
}

static gboolean
reading_says (gpointer data)
{
  GtkLabel *label = reading_label ();

  if (data == NULL)
    return !gtk_widget_get_visible (GTK_WIDGET (label));
  return gtk_widget_get_visible (GTK_WIDGET (label)) && g_str_equal (gtk_label_get_label (label), data);
}

static void
test_reading_time (UiFixture    *f,
                   gconstpointer data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  GString *long_text = g_string_new (NULL);

  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_true (wait_for (reading_says, NULL, 3000));
  gtk_text_buffer_set_text (buffer, "A short note of a few words.", -1);
  g_assert_true (wait_for (reading_says, (gpointer) "under a minute to read", 3000));
  for (guint i = 0; i < 500; i++)
    g_string_append (long_text, "word ");
  gtk_text_buffer_set_text (buffer, long_text->str, -1);
  g_string_free (long_text, TRUE);
  g_assert_true (wait_for (reading_says, (gpointer) "3 min read", 3000));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-editor"))
    return 77;

  ui_test_add_edited ("/ui/editor/autosave", test_autosave);
  ui_test_add_edited ("/ui/editor/revisions", test_revisions);
  ui_test_add_article ("/ui/editor/formatting", test_formatting);
  ui_test_add_article ("/ui/editor/layout", test_layout);
  ui_test_add_article ("/ui/editor/dark-style", test_dark_style);
  ui_test_add_article ("/ui/editor/preferences", test_preferences);
  ui_test_add_article ("/ui/editor/details", test_details);
  ui_test_add_article ("/ui/editor/reading-time", test_reading_time);
  ui_test_add ("/ui/editor/help-overlay", test_help_overlay);
  /* Last: it changes the language of everything after it. */
  ui_test_add ("/ui/editor/german", test_german);

  return ui_test_run ();
}
