/* test-ui-writing-speed.c — what issue 13's speed work must keep correct:
 * a long article gets every misspelling underlined, typing while it is
 * being checked is kept and checked, a dictionary loaded ahead behaves as
 * one loaded on demand, and the open outline follows the text without
 * being rebuilt per keystroke. The times are bench/bench-ui.sh's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "topiary-outline.h"
#include "topiary-spell-dicts.h"
#include "test-ui-spell-util.h"

/* Every MISSPELT_EVERY-th word is a misspelling of its own ("qzxwabc");
 * what the cases type starts "zqxv". */
#define N_WORDS        10000
#define MISSPELT_EVERY 40

/* A 10,000-word article: common words, a misspelling of its own every
 * MISSPELT_EVERY words, and now and then a code span whose misspelling
 * must not be underlined. @misspelt gets the misspellings, in order. */
static char *
long_article (GPtrArray *misspelt)
{
  static const char *words[] = { "the", "writer", "keeps", "a", "garden", "of", "words", "and", "every",
                                 "page", "grows", "from", "small", "notes", "into", "clear", "articles",
                                 "that", "readers", "find" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < N_WORDS; i++)
    {
      if (i % MISSPELT_EVERY == MISSPELT_EVERY - 1)
        {
          char *word = g_strdup_printf ("qzxw%c%c%c", 'a' + (i / 676) % 26, 'a' + (i / 26) % 26, 'a' + i % 26);

          g_string_append (text, word);
          g_ptr_array_add (misspelt, word);
        }
      else if (i % 500 == 7)
        g_string_append (text, "`zqxvcode`");
      else
        g_string_append (text, words[i % G_N_ELEMENTS (words)]);
      g_string_append (text, i % 12 == 11 ? ".\n\n" : " ");
    }
  return g_string_free (text, FALSE);
}

/* The underlined words, in order. */
static GPtrArray *
underlined_words (void)
{
  GtkTextTag *tag = topiary_spell_view_get_tag (spell ());
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GtkTextIter it, end;

  gtk_text_buffer_get_start_iter (buffer (), &it);
  if (!gtk_text_iter_starts_tag (&it, tag) && !gtk_text_iter_forward_to_tag_toggle (&it, tag))
    return out;
  do
    {
      end = it;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      g_ptr_array_add (out, gtk_text_iter_get_slice (&it, &end));
      it = end;
    }
  while (gtk_text_iter_forward_to_tag_toggle (&it, tag));
  return out;
}

static void
assert_underlined (GPtrArray *expected)
{
  g_autoptr(GPtrArray) got = underlined_words ();

  for (guint i = 0; i < MIN (got->len, expected->len); i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (got->len, ==, expected->len);
}

/* Saves @text as the open article's body and opens it again, as a writer
 * opens an article from the map. */
static void
reopen_with (const char *text)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 id = topiary_editor_get_article_id (editor ());
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_editor_load_article (editor (), 0, &error));
  g_assert_true (topiary_project_save_body (project, id, text, &error));
  g_assert_no_error (error);
  spin (100);
  g_assert_true (topiary_editor_load_article (editor (), id, &error));
  g_assert_no_error (error);
}

/* long_article(), opened: checking it has not started yet. */
static char *
open_long_article (GPtrArray *misspelt)
{
  char *text = long_article (misspelt);

  reopen_with (text);
  g_assert_true (topiary_spell_view_is_pending (spell ()));
  return text;
}

/* All 250 misspellings of a 10,000-word article are underlined, in
 * order, and nothing else is (not the code spans). */
static void
test_long_article_all_underlined (UiFixture     *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) misspelt = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = open_long_article (misspelt);

  g_assert_true (wait_for (spell_done, NULL, 20000));
  g_assert_cmpuint (misspelt->len, ==, N_WORDS / MISSPELT_EVERY);
  assert_underlined (misspelt);
}

/* Keys typed while the article is being checked all arrive, in place,
 * and what they make is checked too. */
static void
test_typing_while_checking (UiFixture     *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) misspelt = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = open_long_article (misspelt);
  g_autofree char *now = NULL;
  GtkTextView *view = GTK_TEXT_VIEW (topiary_editor_get_view (editor ()));
  GtkTextIter iter;

  /* At the start, while nothing is checked yet, as the editor takes keys. */
  gtk_text_buffer_get_start_iter (buffer (), &iter);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  gtk_text_buffer_insert_interactive_at_cursor (buffer (), "zqxvstart ", -1, TRUE);
  /* A chunk or two later, at the end. */
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_text_buffer_get_end_iter (buffer (), &iter);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  gtk_text_buffer_insert_interactive_at_cursor (buffer (), "zqxvend", -1, TRUE);
  g_ptr_array_insert (misspelt, 0, g_strdup ("zqxvstart"));
  g_ptr_array_add (misspelt, g_strdup ("zqxvend"));
  /* And real keys in the middle, through the X server. */
  if (ui_can_press ())
    {
      int middle = gtk_text_buffer_get_char_count (buffer ()) / 2;

      gtk_text_buffer_get_iter_at_offset (buffer (), &iter, middle);
      if (!gtk_text_iter_starts_word (&iter))
        gtk_text_iter_forward_word_end (&iter);
      gtk_text_buffer_place_cursor (buffer (), &iter);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      ui_type (" zqxvtyped");
    }

  g_assert_true (wait_for (spell_done, NULL, 20000));
  now = buffer_text ();
  g_assert_true (g_str_has_prefix (now, "zqxvstart the writer"));
  g_assert_true (g_str_has_suffix (now, "zqxvend"));
  if (ui_can_press ())
    {
      const char *typed = strstr (now, " zqxvtyped");

      g_assert_nonnull (typed);
      g_assert_cmpuint (strlen (now), ==, strlen (text) + strlen ("zqxvstart ") + strlen ("zqxvend") + strlen (" zqxvtyped"));
      /* In the order of the text. */
      for (guint i = 0; i < misspelt->len; i++)
        if (strstr (now, g_ptr_array_index (misspelt, i)) > typed)
          {
            g_ptr_array_insert (misspelt, (int) i, g_strdup ("zqxvtyped"));
            break;
          }
    }
  assert_underlined (misspelt);
}

/* A dictionary loaded ahead answers as one loaded on demand, and what
 * one checker ignores stays its own. */
static void
test_dictionary_ahead (UiFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(TopiarySpellChecker) first = topiary_spell_checker_new ();
  g_autoptr(TopiarySpellChecker) second = topiary_spell_checker_new ();

  topiary_spell_dicts_preload ("en-US");
  g_assert_true (topiary_spell_checker_set_language (first, "en-US"));
  g_assert_cmpstr (topiary_spell_checker_get_language (first), ==, "en_US");
  g_assert_true (topiary_spell_checker_check_word (first, "garden", -1));
  g_assert_false (topiary_spell_checker_check_word (first, "qzxwgarden", -1));
  topiary_spell_checker_ignore_word (first, "qzxwgarden");
  g_assert_true (topiary_spell_checker_check_word (first, "qzxwgarden", -1));

  /* Another one, from another spare: its own session. */
  topiary_spell_dicts_preload ("en");
  g_assert_true (topiary_spell_checker_set_language (second, "en"));
  g_assert_cmpstr (topiary_spell_checker_get_language (second), ==, "en_US");
  g_assert_false (topiary_spell_checker_check_word (second, "qzxwgarden", -1));
  g_assert_true (topiary_spell_checker_check_word (second, "garden", -1));

  /* No dictionary for a language: every word is correct, nothing waits. */
  topiary_spell_dicts_preload ("xx-YY");
}

/* ---- the outline ---- */

static GtkListBox *
outline_list (void)
{
  return topiary_outline_button_get_list (topiary_editor_get_outline_button (editor ()));
}

static guint
n_rows (void)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (outline_list (), (int) n) != NULL)
    n++;
  return n;
}

static gboolean
has_rows (gpointer data)
{
  return n_rows () == GPOINTER_TO_UINT (data);
}

static GtkPopover *
outline_popover (void)
{
  GtkWidget *w = GTK_WIDGET (outline_list ());

  while (w != NULL && !GTK_IS_POPOVER (w))
    w = gtk_widget_get_parent (w);
  return GTK_POPOVER (w);
}

static gboolean
outline_open (gpointer data)
{
  return outline_popover () != NULL && gtk_widget_get_mapped (GTK_WIDGET (outline_popover ()));
}

static gboolean
outline_closed (gpointer data)
{
  return !outline_open (NULL);
}

/* While open, the outline takes in a new heading once typing pauses, and
 * not on the keystroke itself. */
static void
test_outline_follows_text (UiFixture     *f,
                           gconstpointer  data)
{
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer (), "Intro\n\n# One\n\none\n\n# Two\n\ntwo\n", -1);
  gtk_widget_activate_action (GTK_WIDGET (editor ()), "article.outline", NULL);
  g_assert_true (wait_for (outline_open, NULL, 5000));
  g_assert_cmpuint (n_rows (), ==, 2);

  gtk_text_buffer_get_end_iter (buffer (), &end);
  gtk_text_buffer_insert (buffer (), &end, "\n# Three\n\nthree\n", -1);
  /* Not per keystroke. */
  g_assert_cmpuint (n_rows (), ==, 2);
  g_assert_true (wait_for (has_rows, GUINT_TO_POINTER (3), 5000));
  g_assert_true (outline_open (NULL));
  gtk_popover_popdown (outline_popover ());
  g_assert_true (wait_for (outline_closed, NULL, 5000));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-writing-speed"))
    return 77;

  ui_test_add_article ("/ui/writing-speed/long-article-all-underlined", test_long_article_all_underlined);
  ui_test_add_article ("/ui/writing-speed/typing-while-checking", test_typing_while_checking);
  ui_test_add ("/ui/writing-speed/dictionary-ahead", test_dictionary_ahead);
  ui_test_add_article ("/ui/writing-speed/outline-follows-text", test_outline_follows_text);

  return ui_test_run ();
}
