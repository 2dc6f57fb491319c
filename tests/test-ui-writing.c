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

/* ---- [[ completion ---- */

static GtkWidget *
view (void)
{
  return GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
}

static gboolean
completion_shown (gpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (view ()); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

static gboolean
completion_hidden (gpointer data)
{
  return !completion_shown (data);
}

/* Typing [[ offers the map's articles; choosing one inserts its link.
 * [[Title# offers its headings; after [[Title| nothing is offered. */
static void
test_link_completion (UiFixture     *f,
                      gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autofree char *expected = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cluster);
  set_text ("See ");
  type ("[[");
  g_assert_true (wait_for (completion_shown, NULL, 5000));
  /* Every article, the pillar and the siblings first. */
  shot ("completion.png");
  /* Its slug, which only it has. */
  type (topiary_article_get_slug (cluster));
  spin (300);
  g_assert_true (completion_shown (NULL));
  press ("Return");
  expected = g_strdup_printf ("See [[%s]]|", topiary_article_get_title (cluster));
  assert_text (expected);
  g_assert_true (wait_for (completion_hidden, NULL, 2000));

  /* The cluster's headings, after '#'. */
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (cluster),
                                            "Intro\n\n## Install the server\n\ntext\n\n## Configure it\n", &error));
  g_assert_no_error (error);
  set_text ("Read ");
  typed = g_strdup_printf ("[[%s#conf", topiary_article_get_title (cluster));
  type (typed);
  g_assert_true (wait_for (completion_shown, NULL, 5000));
  press ("Return");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Read [[%s#Configure it]]|", topiary_article_get_title (cluster));
  assert_text (expected);

  /* In the label nothing is offered. */
  set_text ("Label ");
  g_clear_pointer (&typed, g_free);
  typed = g_strdup_printf ("[[%s|lab", topiary_article_get_slug (cluster));
  type (typed);
  spin (500);
  g_assert_false (completion_shown (NULL));
}

/* ---- the outline ---- */

static GtkWidget *
outline_button (void)
{
  GtkWidget *editor = GTK_WIDGET (topiary_window_get_editor (window));

  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_widget_of_type (editor, GTK_TYPE_MENU_BUTTON, i);

      if (w == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (w), "Outline") == 0)
        return w;
    }
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

static gboolean
popover_hidden (gpointer data)
{
  return !popover_shown (data);
}

static int
selected_index (GtkListBox *list)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

/* The outline lists the headings, follows the cursor and jumps to a
 * heading; Ctrl+Alt+Up/Down moves the cursor's section. */
static void
test_outline (UiFixture     *f,
              gconstpointer  data)
{
  GtkWidget *button;
  GtkListBox *list = NULL;
  GtkTextIter iter;

  set_text ("Intro\n# One\none\n## Sub\nsub\n# Two\ntwo|");
  gtk_widget_activate_action (GTK_WIDGET (window), "article.outline", NULL);
  button = outline_button ();
  g_assert_nonnull (button);
  g_assert_true (wait_for (popover_shown, button, 5000));
  for (guint i = 0; list == NULL; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                                          GTK_TYPE_LIST_BOX, i);
      g_assert_nonnull (w);
      list = GTK_LIST_BOX (w);
    }
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));
  g_assert_null (gtk_list_box_get_row_at_index (list, 3));
  /* The cursor is in "Two". */
  g_assert_cmpint (selected_index (list), ==, 2);
  /* It follows the cursor while open. */
  gtk_text_buffer_get_iter_at_line (buffer (), &iter, 4);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  g_assert_cmpint (selected_index (list), ==, 1);
  shot ("outline.png");

  /* Activating "One" puts the cursor on its line and closes it. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpuint (topiary_editor_get_cursor_line (topiary_window_get_editor (window)), ==, 2);
  g_assert_true (wait_for (popover_hidden, button, 5000));

  /* Ctrl+Alt+Up takes "Two" (the cursor's section) above "One" with its
   * subsection; Ctrl+Alt+Down takes it back; the cursor goes along. */
  set_text ("Intro\n# One\none\n## Sub\nsub\n# Two\ntw|o");
  press ("ctrl+alt+Up");
  assert_text ("Intro\n# Two\ntw|o\n# One\none\n## Sub\nsub");
  press ("ctrl+alt+Down");
  assert_text ("Intro\n# One\none\n## Sub\nsub\n# Two\ntw|o");
  /* One undo step per move. */
  gtk_text_buffer_undo (buffer ());
  {
    g_autofree char *t = text ();
    g_assert_cmpstr (t, ==, "Intro\n# Two\ntwo\n# One\none\n## Sub\nsub");
  }
}

/* ---- the quick switcher ---- */

static GtkWindow *
find_switcher (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window) &&
          g_strcmp0 (G_OBJECT_TYPE_NAME (w), "TopiarySwitcher") == 0)
        return w;
    }
  return NULL;
}

static gboolean
switcher_shown (gpointer data)
{
  return find_switcher () != NULL;
}

static gboolean
switcher_gone (gpointer data)
{
  return find_switcher () == NULL;
}

/* Ctrl+P opens the switcher; what is typed finds an article by its slug
 * (or title, or query); Enter opens it. */
static void
test_switcher (UiFixture     *f,
               gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_CLUSTER, 0);
  GtkWindow *switcher;
  GtkWidget *entry;

  g_assert_nonnull (target);
  g_assert_cmpint (topiary_window_get_article_id (window), !=, topiary_article_get_id (target));
  press ("ctrl+p");
  g_assert_true (wait_for (switcher_shown, NULL, 5000));
  switcher = find_switcher ();
  entry = find_widget_of_type (GTK_WIDGET (switcher), GTK_TYPE_SEARCH_ENTRY, 0);
  g_assert_nonnull (entry);
  /* Typing goes to its entry. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (switcher));
    g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  }
  /* Enter right away, before the entry's search delay, still opens
   * what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), topiary_article_get_slug (target));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_for (switcher_gone, NULL, 5000));
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (target));

  /* Escape closes it without opening anything. */
  press ("ctrl+p");
  g_assert_true (wait_for (switcher_shown, NULL, 5000));
  gtk_window_close (find_switcher ());
  g_assert_true (wait_for (switcher_gone, NULL, 5000));
  g_assert_cmpint (topiary_window_get_article_id (window), ==, topiary_article_get_id (target));
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
  ui_test_add_article ("/ui/writing/link-completion", test_link_completion);
  ui_test_add_article ("/ui/writing/outline", test_outline);
  ui_test_add_article ("/ui/writing/switcher", test_switcher);

  return ui_test_run ();
}
