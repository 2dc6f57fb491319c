/* test-ui-spell.c — spell checking in the editor (issue 13): underlines,
 * suggestions, the personal dictionary, what is not checked, the setting,
 * and a long article checked without blocking the main loop
 *
 * The sample map's language is English; en_US comes with tools/deps.sh.
 * HOME and XDG_CONFIG_HOME are the test's own (test-ui-util.h), so the
 * personal word list enchant writes is too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "test-ui-spell-util.h"

static void
wait_checked (void)
{
  /* Past the typing delay, then until all is checked. */
  spin (200);
  g_assert_true (wait_for (spell_done, NULL, 10000));
}

static void
set_text (const char *text)
{
  gtk_text_buffer_set_text (buffer (), text, -1);
  wait_checked ();
}

/* The @nth (0-based) occurrence of @word in the buffer. */
static void
find_word (const char  *word,
           guint        nth,
           GtkTextIter *start,
           GtkTextIter *end)
{
  GtkTextIter from;

  gtk_text_buffer_get_start_iter (buffer (), &from);
  for (guint i = 0; i <= nth; i++)
    {
      if (!gtk_text_iter_forward_search (&from, word, GTK_TEXT_SEARCH_TEXT_ONLY, start, end, NULL))
        g_error ("“%s” (#%u) is not in the text", word, nth);
      from = *end;
    }
}

/* TRUE when every character of the word is underlined; FALSE when none
 * is; anything else fails. */
static gboolean
is_underlined (const char *word,
               guint       nth)
{
  GtkTextTag *tag = topiary_spell_view_get_tag (spell ());
  GtkTextIter start, end;
  guint on = 0, off = 0;

  find_word (word, nth, &start, &end);
  for (GtkTextIter it = start; gtk_text_iter_compare (&it, &end) < 0; gtk_text_iter_forward_char (&it))
    if (gtk_text_iter_has_tag (&it, tag))
      on++;
    else
      off++;
  if (on > 0 && off > 0)
    g_error ("“%s” is partly underlined", word);
  return on > 0;
}

static guint
count_underlined_chars (void)
{
  GtkTextTag *tag = topiary_spell_view_get_tag (spell ());
  GtkTextIter it;
  guint n = 0;

  for (gtk_text_buffer_get_start_iter (buffer (), &it); !gtk_text_iter_is_end (&it); gtk_text_iter_forward_char (&it))
    if (gtk_text_iter_has_tag (&it, tag))
      n++;
  return n;
}

/* The labels and targets of the spell menu, "label=target" joined by "|". */
static char *
menu_items (GMenuModel *model)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          g_autofree char *inner = menu_items (section);
          g_string_append_printf (out, "%s|", inner);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (out, "%s=%s|", label ? label : "",
                              target && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
                              ? g_variant_get_string (target, NULL) : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
menu_at (const char *word,
         guint       nth)
{
  GtkTextIter start, end;

  find_word (word, nth, &start, &end);
  gtk_text_iter_forward_char (&start);
  g_assert_true (topiary_spell_view_update_menu_at (spell (), &start));
}

/* A misspelt word is underlined; its menu offers the right word, and
 * choosing it replaces the word, which is then no longer underlined. */
static void
test_underline_and_replace (UiFixture     *f,
                            gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (editor ()));
  g_autofree char *items = NULL;
  g_autofree char *text = NULL;
  GtkTextIter end;

  g_assert_true (topiary_spell_view_get_enabled (spell ()));
  g_assert_cmpstr (topiary_spell_checker_get_language (topiary_spell_view_get_checker (spell ())), ==, "en_US");
  set_text ("A short paragraph.\n");
  g_assert_cmpuint (count_underlined_chars (), ==, 0);

  /* Typed at the end, as a writer would. */
  gtk_text_buffer_get_end_iter (buffer (), &end);
  gtk_text_buffer_insert_interactive (buffer (), &end, "This sentense is wrong.\n", -1, TRUE);
  wait_checked ();
  g_assert_true (is_underlined ("sentense", 0));
  g_assert_false (is_underlined ("This", 0));
  g_assert_false (is_underlined ("wrong", 0));

  menu_at ("sentense", 0);
  items = menu_items (topiary_spell_view_get_menu (spell ()));
  g_assert_nonnull (strstr (items, "sentence=sentence|"));
  g_assert_nonnull (strstr (items, "Add to Dictionary="));
  g_assert_nonnull (strstr (items, "Ignore="));

  gtk_widget_activate_action (view, "spell.replace", "s", "sentence");
  text = buffer_text ();
  g_assert_cmpstr (text, ==, "A short paragraph.\nThis sentence is wrong.\n");
  wait_checked ();
  g_assert_cmpuint (count_underlined_chars (), ==, 0);

  /* A correct word has no suggestions in the menu. */
  find_word ("short", 0, &end, &end);
  g_assert_false (topiary_spell_view_update_menu_at (spell (), &end));
}

/* F7, pressed for real with the cursor in a misspelt word, opens the
 * context menu with its suggestions. */
static gboolean
popover_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* GTK 4.8 asks a destroyed surface for the pointer when a window goes
 * soon after a menu it showed (the menu's surface is gone first): a
 * critical from inside GTK, seen in about one run in three of this case
 * even with the menu closed first. Only that message is let through;
 * every other warning stays fatal. */
static gboolean
tolerate_gone_surface (const char     *domain,
                       GLogLevelFlags  level,
                       const char     *message,
                       gpointer        data)
{
  return !(g_strcmp0 (domain, "Gdk") == 0 &&
           strstr (message, "gdk_surface_get_device_position") != NULL);
}

static void
test_f7 (UiFixture     *f,
         gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (editor ()));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *items = NULL;
  GtkWidget *popover;
  GtkTextIter start, end;

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gtk_widget_get_display (view)))
    {
      g_test_skip ("F7 is pressed with xdotool on an X server");
      return;
    }
  g_test_log_set_fatal_handler (tolerate_gone_surface, NULL);
  set_text ("This sentense is wrong.\n");
  find_word ("sentense", 0, &start, &end);
  gtk_text_iter_forward_chars (&start, 3);
  gtk_text_buffer_place_cursor (buffer (), &start);
  gtk_widget_grab_focus (view);
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
    g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
    const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    const char *key[] = { "xdotool", "key", "--clearmodifiers", "F7", NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;

    spin (50);
    g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    spin (300);
  }
  items = menu_items (topiary_spell_view_get_menu (spell ()));
  g_assert_nonnull (strstr (items, "sentence=sentence|"));
  popover = find_widget_of_type (view, GTK_TYPE_POPOVER_MENU, 0);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  /* Closed before the window goes: GTK 4.8 destroying a window under an
   * open menu asks a gone surface for the pointer (a fatal critical). */
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_true (wait_for (popover_unmapped, popover, 5000));
}

/* "Add to Dictionary" keeps the word for the user: a new checker (a new
 * enchant broker, reading the personal word list afresh) knows it; "Ignore"
 * lasts only as long as the checker. */
static void
test_add_to_dictionary (UiFixture     *f,
                        gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (editor ()));
  g_autoptr(TopiarySpellChecker) fresh = NULL;
  g_autoptr(TopiarySpellChecker) again = NULL;

  set_text ("Our frobnicatr and the quuxification.\n");
  g_assert_true (is_underlined ("frobnicatr", 0));
  g_assert_true (is_underlined ("quuxification", 0));

  menu_at ("frobnicatr", 0);
  gtk_widget_activate_action (view, "spell.add", NULL);
  menu_at ("quuxification", 0);
  gtk_widget_activate_action (view, "spell.ignore", NULL);
  wait_checked ();
  g_assert_false (is_underlined ("frobnicatr", 0));
  g_assert_false (is_underlined ("quuxification", 0));

  fresh = topiary_spell_checker_new ();
  g_assert_true (topiary_spell_checker_set_language (fresh, "en"));
  g_assert_true (topiary_spell_checker_check_word (fresh, "frobnicatr", -1));
  g_assert_false (topiary_spell_checker_check_word (fresh, "quuxification", -1));
  g_assert_false (topiary_spell_checker_check_word (fresh, "frobnicatrs", -1));

  /* Kept in the test's own configuration folder, so in the user's. */
  {
    g_autofree char *path = g_build_filename (g_get_user_config_dir (), "enchant", "en_US.dic", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "frobnicatr"));
  }

  /* And a new window's editor knows it too. */
  again = topiary_spell_checker_new ();
  topiary_spell_checker_set_language (again, NULL);
  g_assert_true (topiary_spell_checker_check_word (again, "frobnicatr", -1));
}

/* Code, links, HTML and the article's title are not checked. */
static void
test_not_checked (UiFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(TopiaryArticle) article =
    topiary_project_get_article (topiary_window_get_project (window), topiary_editor_get_article_id (editor ()), FALSE, NULL);
  g_autofree char *body = NULL;
  const char *title = topiary_article_get_title (article);
  g_autofree char *title_word = NULL;

  set_text ("Run `sentense` then sentense.\n\n"
            "```\nsentense in a fence\n```\n\n"
            "See [the page](https://exmple.org/sentense) or [[Sentense Page|a sentense]].\n\n"
            "<span class=\"sentense\">ok</span> <!-- sentense -->\n");
  g_assert_false (is_underlined ("sentense", 0));   /* code span */
  g_assert_true (is_underlined ("sentense", 1));    /* prose */
  g_assert_false (is_underlined ("sentense", 2));   /* fence */
  g_assert_false (is_underlined ("exmple", 0));     /* link target */
  g_assert_false (is_underlined ("sentense", 3));
  g_assert_false (is_underlined ("Sentense", 0));   /* wiki link target… */
  g_assert_true (is_underlined ("sentense", 4));    /* …but its label is prose */
  g_assert_false (is_underlined ("sentense", 5));   /* HTML attribute */
  g_assert_false (is_underlined ("sentense", 6));   /* comment */

  /* Typing a backtick before the word makes it code: the underline goes. */
  {
    GtkTextIter start, end;

    find_word ("sentense", 1, &start, &end);
    gtk_text_buffer_insert_interactive (buffer (), &end, "`", -1, TRUE);
    find_word ("sentense", 1, &start, &end);
    gtk_text_buffer_insert_interactive (buffer (), &start, "`", -1, TRUE);
    wait_checked ();
    g_assert_false (is_underlined ("sentense", 1));
    /* Opening a fence above (never closed) turns the rest into code. */
    g_assert_true (is_underlined ("sentense", 4));
    gtk_text_buffer_get_start_iter (buffer (), &start);
    gtk_text_buffer_insert_interactive (buffer (), &start, "~~~~\n", -1, TRUE);
    wait_checked ();
    g_assert_cmpuint (count_underlined_chars (), ==, 0);
  }

  /* The title's words are known: a made-up word in the title is not
   * underlined in the body. */
  g_assert_nonnull (title);
  {
    g_autoptr(TopiaryArticle) renamed = topiary_article_copy (article);
    g_autoptr(GError) error = NULL;

    topiary_article_set_title (renamed, "Quuxifying Flask");
    g_assert_true (topiary_project_update_article (topiary_window_get_project (window), renamed, &error));
    g_assert_no_error (error);
    g_assert_true (topiary_editor_load_article (editor (), topiary_article_get_id (renamed), &error));
    g_assert_no_error (error);
  }
  title_word = g_strdup ("Quuxifying");
  set_text ("Quuxifying text, and quuxifying again, but not Quuxifyng.\n");
  g_assert_false (is_underlined (title_word, 0));
  g_assert_false (is_underlined ("quuxifying", 0));
  g_assert_true (is_underlined ("Quuxifyng", 0));
}

/* Turning the setting off removes every underline; on brings them back. */
static void
test_setting (UiFixture     *f,
              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  set_text ("Two mistaks in one sentense.\n");
  g_assert_true (is_underlined ("mistaks", 0));
  g_assert_true (is_underlined ("sentense", 0));

  g_settings_set_boolean (settings, "spell-check", FALSE);
  spin (50);
  g_assert_false (topiary_spell_view_get_enabled (spell ()));
  g_assert_cmpuint (count_underlined_chars (), ==, 0);
  /* Nor does typing bring them back. */
  {
    GtkTextIter end;
    gtk_text_buffer_get_end_iter (buffer (), &end);
    gtk_text_buffer_insert_interactive (buffer (), &end, "Anothr.\n", -1, TRUE);
  }
  spin (300);
  g_assert_cmpuint (count_underlined_chars (), ==, 0);

  g_settings_set_boolean (settings, "spell-check", TRUE);
  wait_checked ();
  g_assert_true (is_underlined ("mistaks", 0));
  g_assert_true (is_underlined ("Anothr", 0));
}

/* The longest wait of a 1 ms timeout while the text is checked. */
static gint64 last_tick, longest_gap;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    longest_gap = MAX (longest_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* A 10,000-word article is checked in chunks: the main loop keeps
 * turning (input is not blocked), and it is all checked soon. */
static void
test_long_article (UiFixture     *f,
                   gconstpointer  data)
{
  static const char *words[] = { "Flask", "routes", "requests", "to", "views", "and", "templats",
                                 "render", "pages", "with", "contxt", "from", "the", "database" };
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start, took, longest_chunk;
  guint id_tick, n_tagged, n_chunks;

  for (guint i = 0; i < 10000; i++)
    {
      g_string_append (text, words[i % G_N_ELEMENTS (words)]);
      /* Many different words, as an article has. */
      if (i % 7 == 3)
        g_string_append_printf (text, " word%c%c", 'a' + (i / 26) % 26, 'a' + i % 26);
      g_string_append (text, i % 12 == 11 ? ".\n\n" : " ");
    }

  /* The preview's rendering is not what is measured here. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "preview-layout", "editor");
  }
  /* Opened as a writer opens it: from the map. */
  {
    TopiaryProject *project = topiary_window_get_project (window);
    gint64 id = topiary_editor_get_article_id (editor ());
    g_autoptr(GError) error = NULL;

    g_assert_true (topiary_editor_load_article (editor (), 0, &error));
    g_assert_true (topiary_project_save_body (project, id, text->str, &error));
    g_assert_no_error (error);
    spin (100);
    last_tick = longest_gap = 0;
    id_tick = g_timeout_add (1, tick, NULL);
    start = g_get_monotonic_time ();
    g_assert_true (topiary_editor_load_article (editor (), id, &error));
    g_assert_no_error (error);
    g_test_message ("loading took %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  }
  g_assert_true (topiary_spell_view_is_pending (spell ()));
  g_assert_true (wait_for (spell_done, NULL, 10000));
  took = g_get_monotonic_time () - start;
  g_source_remove (id_tick);

  n_tagged = 0;
  {
    GtkTextTag *tag = topiary_spell_view_get_tag (spell ());
    GtkTextIter it;
    gtk_text_buffer_get_start_iter (buffer (), &it);
    while (gtk_text_iter_forward_to_tag_toggle (&it, tag))
      if (gtk_text_iter_starts_tag (&it, tag))
        n_tagged++;
  }
  /* "templats" and "contxt" every 14 words. */
  g_assert_cmpuint (n_tagged, >=, 2 * (10000 / 14));
  topiary_spell_view_get_stats (spell (), &n_chunks, &longest_chunk);
  g_test_message ("10,000 words checked in %" G_GINT64_FORMAT " ms; longest main-loop wait %"
                  G_GINT64_FORMAT " ms; %u chunks, the longest %" G_GINT64_FORMAT " ms",
                  took / 1000, longest_gap / 1000, n_chunks, longest_chunk / 1000);
  /* Generous bounds for a shared test machine (bench/bench-ui.sh
   * measures): checking is done in chunks, none of which holds input up,
   * and it ends soon. What else runs in the main loop (laying out the
   * text, highlighting it) is not measured here. */
  g_assert_cmpuint (n_chunks, >=, 10);
  g_assert_cmpint (longest_chunk, <, 100 * 1000);
  g_assert_cmpint (took, <, 3 * G_USEC_PER_SEC);
}

/* A new map takes the desktop's language, and its articles are checked
 * in it. */
static void
test_new_map_language (UiFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "Karte.topiary", NULL);
  g_autofree char *language = NULL;
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));
  TopiaryProject *project;

  g_setenv ("LANGUAGE", "de_DE", TRUE);
  g_assert_true (topiary_window_create_map (window, path));
  if (old != NULL)
    g_setenv ("LANGUAGE", old, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  project = topiary_window_get_project (window);
  language = topiary_project_get_map_field (project, "language");
  g_assert_cmpstr (language, ==, "de-DE");

  topiary_spell_view_set_article (spell (), project, NULL);
  g_assert_cmpstr (topiary_spell_checker_get_language (topiary_spell_view_get_checker (spell ())), ==, "de_DE");
  set_text ("Ein Satz mit einem Fehlerr.\n");
  g_assert_false (is_underlined ("Satz", 0));
  g_assert_true (is_underlined ("Fehlerr", 0));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-spell"))
    return 77;

  ui_test_add_article ("/ui/spell/underline-and-replace", test_underline_and_replace);
  ui_test_add_article ("/ui/spell/f7", test_f7);
  ui_test_add_article ("/ui/spell/add-to-dictionary", test_add_to_dictionary);
  ui_test_add_article ("/ui/spell/not-checked", test_not_checked);
  ui_test_add_article ("/ui/spell/setting", test_setting);
  ui_test_add_article ("/ui/spell/long-article", test_long_article);
  ui_test_add ("/ui/spell/new-map-language", test_new_map_language);

  return ui_test_run ();
}
