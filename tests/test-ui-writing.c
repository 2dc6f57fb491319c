/* test-ui-writing.c — the writing room (issue 13), keys pressed for real
 * under Xvfb with xdotool: Markdown editing helpers (lists, Tab, the code
 * fence's indent, formatting toggles, links), [[ completion, the outline
 * and the quick switcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "test-ui-util.h"

/* ---- driving the editor ---- */

static void
xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
focus_window (void)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

  spin (50);
  xdotool (focus);
}

/* Presses @keys (xdotool's names: "Return", "ctrl+b", "grave grave"). */
static void
press (const char *keys)
{
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);

  focus_window ();
  for (guint i = 0; each[i] != NULL; i++)
    {
      const char *key[] = { "xdotool", "key", "--clearmodifiers", each[i], NULL };
      xdotool (key);
      spin (60);
    }
  spin (150);
}

static void
type (const char *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "30", text, NULL };

  focus_window ();
  xdotool (argv);
  spin (200);
}

static GtkTextBuffer *
buffer (void)
{
  return GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
}

/* The article's text becomes @text, the cursor at its end (or at the
 * first '|', which is taken out), the focus in the editor. */
static void
set_text (const char *text)
{
  const char *bar = strchr (text, '|');
  g_autofree char *plain = NULL;
  GtkTextIter iter;

  if (bar != NULL)
    plain = g_strdup_printf ("%.*s%s", (int) (bar - text), text, bar + 1);
  else
    plain = g_strdup (text);
  gtk_text_buffer_set_text (buffer (), plain, -1);
  if (bar != NULL)
    gtk_text_buffer_get_iter_at_offset (buffer (), &iter, (int) g_utf8_strlen (text, bar - text));
  else
    gtk_text_buffer_get_end_iter (buffer (), &iter);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window))));
  spin (100);
}

/* Selects the first @word of the text. */
static void
select_word (const char *word)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer (), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, word, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer (), &match_start, &match_end);
}

static char *
text (void)
{
  return topiary_editor_dup_text (topiary_window_get_editor (window));
}

/* The text with a '|' at the cursor. */
static char *
text_with_cursor (void)
{
  GtkTextIter start, cursor, end;
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;

  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  gtk_text_buffer_get_iter_at_mark (buffer (), &cursor, gtk_text_buffer_get_insert (buffer ()));
  head = gtk_text_iter_get_slice (&start, &cursor);
  tail = gtk_text_iter_get_slice (&cursor, &end);
  return g_strconcat (head, "|", tail, NULL);
}

#define assert_text(expected) \
  G_STMT_START { g_autofree char *got_ = text_with_cursor (); g_assert_cmpstr (got_, ==, (expected)); } G_STMT_END

/* ---- Markdown editing helpers ---- */

/* Enter continues bullet, numbered and task lists, and an empty item
 * ends the list. */
static void
test_list_continuation (UiFixture     *f,
                        gconstpointer  data)
{
  set_text ("- milk");
  press ("Return");
  assert_text ("- milk\n- |");
  type ("eggs");
  press ("Return");
  press ("Return");
  assert_text ("- milk\n- eggs\n|");

  set_text ("1. one");
  press ("Return");
  assert_text ("1. one\n2. |");

  set_text ("- [x] done");
  press ("Return");
  assert_text ("- [x] done\n- [ ] |");

  /* In the middle of an item's text: the rest goes to the next item. */
  set_text ("* salt| and pepper");
  press ("Return");
  assert_text ("* salt\n* | and pepper");

  /* Undo takes the continuation back in one step. */
  set_text ("- a");
  press ("Return");
  gtk_text_buffer_undo (buffer ());
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "- a");
  }
}

/* Tab nests a list item under the one before; Shift+Tab takes it back. */
static void
test_list_indent (UiFixture     *f,
                  gconstpointer  data)
{
  set_text ("- a\n- b|");
  press ("Tab");
  assert_text ("- a\n  - b|");
  press ("shift+Tab");
  assert_text ("- a\n- b|");
  /* Outside a list Tab is still Tab. */
  set_text ("plain|");
  press ("Tab");
  {
    g_autofree char *t = text ();
    g_assert_true (g_str_has_prefix (t, "plain") && strlen (t) > strlen ("plain"));
  }
}

/* Auto-indent does not carry the code's indent onto the closing fence,
 * nor onto the paragraph after it. */
static void
test_code_fence_indent (UiFixture     *f,
                        gconstpointer  data)
{
  set_text ("```python\ndef f():\n    return 1");
  press ("Return");
  /* Inside the block the indent carries, as code wants. */
  assert_text ("```python\ndef f():\n    return 1\n    |");
  press ("grave grave grave");
  assert_text ("```python\ndef f():\n    return 1\n```|");
  press ("Return");
  type ("After");
  assert_text ("```python\ndef f():\n    return 1\n```\nAfter|");
}

/* Ctrl+B, Ctrl+I and Ctrl+` wrap the selection, and unwrap it. */
static void
test_format_toggle (UiFixture     *f,
                    gconstpointer  data)
{
  set_text ("make this strong");
  select_word ("strong");
  press ("ctrl+b");
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "make this **strong**");
  }
  /* The word stays selected: the same key takes the marks off. */
  press ("ctrl+b");
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "make this strong");
  }
  /* Selected with its marks, too. */
  set_text ("an _odd_ word");
  select_word ("_odd_");
  press ("ctrl+i");
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "an odd word");
  }
  set_text ("run make now");
  select_word ("make");
  press ("ctrl+grave");
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "run `make` now");
  }
}

/* Ctrl+K on a selection makes [selection](|); pasting a URL over a
 * selection makes a link to it. */
static void
test_links (UiFixture     *f,
            gconstpointer  data)
{
  set_text ("see the site");
  select_word ("site");
  press ("ctrl+k");
  assert_text ("see the [site](|)");

  set_text ("read the docs here");
  select_word ("docs");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "https://example.com/docs");
  press ("ctrl+v");
  spin (300);
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "read the [docs](https://example.com/docs) here");
  }
  /* Anything else pastes as it is. */
  select_word ("here");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "there");
  press ("ctrl+v");
  spin (300);
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "read the [docs](https://example.com/docs) there");
  }
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-writing"))
    return 77;

  ui_test_add_article ("/ui/writing/list-continuation", test_list_continuation);
  ui_test_add_article ("/ui/writing/list-indent", test_list_indent);
  ui_test_add_article ("/ui/writing/code-fence-indent", test_code_fence_indent);
  ui_test_add_article ("/ui/writing/format-toggle", test_format_toggle);
  ui_test_add_article ("/ui/writing/links", test_links);

  return ui_test_run ();
}
