/* test-ui-writing-mode.c — the writing mode (issue 13): focus mode,
 * typewriter scrolling, full screen, the writing font and the centred
 * column, driven under Xvfb with real keys where a user presses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "test-ui-util.h"
#include "topiary-sidebar.h"
#include "topiary-spell-checker.h"
#include "topiary-spell-view.h"
#include "topiary-writing-mode.h"

static GtkTextView *
view (void)
{
  return GTK_TEXT_VIEW (topiary_editor_get_view (topiary_window_get_editor (window)));
}

static GtkTextBuffer *
buffer (void)
{
  return gtk_text_view_get_buffer (view ());
}

static GSettings *
settings (void)
{
  static GSettings *settings;

  if (settings == NULL)
    settings = g_settings_new (APP_ID);
  return settings;
}

/* Replaces the article's text, the cursor at character @cursor. */
static void
set_text (const char *text,
          int         cursor)
{
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer (), text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer (), &iter, cursor);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view ()));
  spin (100);
}

/* ---- focus mode ---- */

static gboolean
dimmed_at (int offset)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer ()),
                                               TOPIARY_WRITING_DIMMED_TAG);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer (), &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* "which" holds one char per paragraph: 'd' dimmed, 'b' bright. */
typedef struct {
  const int  *offsets;
  const char *which;
} Dimming;

static gboolean
dimming_is (gpointer data)
{
  const Dimming *d = data;

  for (guint i = 0; d->which[i] != '\0'; i++)
    if (dimmed_at (d->offsets[i]) != (d->which[i] == 'd'))
      return FALSE;
  return TRUE;
}

static void
test_focus_mode (UiFixture     *f,
                 gconstpointer  data)
{
  static const char text[] = "The first paragraph, on two\nlines.\n\nThe second one.\n\n- a list\n- of two";
  /* A character in each paragraph, and the second line of the first. */
  const int offsets[] = { 4, 30, 42, 58, 67 };
  Dimming d = { offsets, NULL };

  set_text (text, 40);  /* in "The second one." */
  g_assert_false (g_settings_get_boolean (settings (), "focus-mode"));
  ui_press ("ctrl+alt+f");
  g_assert_true (g_settings_get_boolean (settings (), "focus-mode"));
  d.which = "ddbdd";
  g_assert_true (wait_for (dimming_is, &d, 5000));

  /* The dimming follows the cursor, to the list at the end. */
  ui_press ("ctrl+End");
  d.which = "dddbb";
  g_assert_true (wait_for (dimming_is, &d, 5000));

  /* Typing in the first paragraph brightens it, and what is typed. */
  ui_press ("ctrl+Home");
  ui_type ("Now ");
  {
    const int moved[] = { 8, 34, 46, 62, 71 };
    Dimming e = { moved, "bbddd" };
    g_assert_true (wait_for (dimming_is, &e, 5000));
  }

  /* Off: nothing is dimmed. */
  ui_press ("ctrl+alt+f");
  g_assert_false (g_settings_get_boolean (settings (), "focus-mode"));
  {
    const int all[] = { 8, 34, 46, 62, 71 };
    Dimming e = { all, "bbbbb" };
    g_assert_true (wait_for (dimming_is, &e, 5000));
  }
}

/* ---- typewriter scrolling ---- */

/* How far the cursor's line is from the middle of the view, in lines. */
static double
cursor_off_middle (void)
{
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  gtk_text_buffer_get_iter_at_mark (buffer (), &iter, gtk_text_buffer_get_insert (buffer ()));
  gtk_text_view_get_iter_location (view (), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view (), GTK_TEXT_WINDOW_TEXT, rect.x, rect.y, &x, &y);
  return fabs ((y + rect.height / 2.0) - gtk_widget_get_height (GTK_WIDGET (view ())) / 2.0) /
         MAX (rect.height, 1);
}

static gboolean
cursor_in_middle (gpointer data)
{
  return cursor_off_middle () < 2.0;
}

static void
test_typewriter (UiFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter end;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "Line %u of a long article.\n\n", i);
  set_text (text->str, 0);
  ui_press ("ctrl+shift+t");
  g_assert_true (g_settings_get_boolean (settings (), "typewriter"));

  /* Typing at the end: the last line is in the middle, not at the bottom. */
  gtk_text_buffer_get_end_iter (buffer (), &end);
  gtk_text_buffer_place_cursor (buffer (), &end);
  ui_type ("The end");
  if (!wait_for (cursor_in_middle, NULL, 5000))
    g_error ("The cursor's line is %.1f lines from the middle.", cursor_off_middle ());

  /* And after moving up through the text. */
  ui_press ("ctrl+Home");
  for (guint i = 0; i < 20; i++)
    ui_press ("Down");
  if (!wait_for (cursor_in_middle, NULL, 5000))
    g_error ("The cursor's line is %.1f lines from the middle.", cursor_off_middle ());
}

/* ---- full screen ---- */

static void
count_mapped_headers (GtkWidget *widget,
                      guint     *count)
{
  if (ADW_IS_HEADER_BAR (widget) && gtk_widget_get_mapped (widget))
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_mapped_headers (child, count);
}

static gboolean
headers_shown (gpointer data)
{
  guint count = 0;

  count_mapped_headers (GTK_WIDGET (window), &count);
  return (count > 0) == GPOINTER_TO_INT (data);
}

static gboolean
is_fullscreen (void)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "fullscreen");

  return state != NULL && g_variant_get_boolean (state);
}

static void
move_pointer (int x,
              int y)
{
  g_autofree char *where = g_strdup_printf ("%d %d", x, y);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "mousemove", "--window", xid, "--sync", NULL, NULL, NULL };
  g_auto(GStrv) xy = g_strsplit (where, " ", 2);
  g_autoptr(GError) error = NULL;
  int status = 0;

  argv[5] = xy[0];
  argv[6] = xy[1];
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  spin (150);
}

static void
test_fullscreen (UiFixture     *f,
                 gconstpointer  data)
{
  GtkWidget *sidebar = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_SIDEBAR, 0);

  gtk_widget_grab_focus (GTK_WIDGET (view ()));
  move_pointer (600, 400);
  g_assert_true (headers_shown (GINT_TO_POINTER (TRUE)));
  g_assert_false (is_fullscreen ());

  ui_press ("F11");
  g_assert_true (is_fullscreen ());
  g_assert_true (g_settings_get_boolean (settings (), "fullscreen"));
  g_assert_true (wait_for (headers_shown, GINT_TO_POINTER (FALSE), 5000));
  g_assert_false (gtk_widget_get_mapped (sidebar));

  /* The pointer at the top brings the header bar back, and lower down
   * it goes again. */
  move_pointer (600, 1);
  g_assert_true (wait_for (headers_shown, GINT_TO_POINTER (TRUE), 5000));
  move_pointer (600, 400);
  g_assert_true (wait_for (headers_shown, GINT_TO_POINTER (FALSE), 5000));

  /* Escape leaves full screen; F11 toggles. */
  ui_press ("Escape");
  g_assert_false (is_fullscreen ());
  g_assert_false (g_settings_get_boolean (settings (), "fullscreen"));
  g_assert_true (wait_for (headers_shown, GINT_TO_POINTER (TRUE), 5000));
  g_assert_true (gtk_widget_get_mapped (sidebar));
  ui_press ("F11");
  g_assert_true (is_fullscreen ());
  ui_press ("F11");
  g_assert_false (is_fullscreen ());
  g_assert_true (wait_for (headers_shown, GINT_TO_POINTER (TRUE), 5000));
}

/* ---- the font ---- */

static gboolean
font_family_is (gpointer data)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (view ()));
  const PangoFontDescription *desc = pango_context_get_font_description (context);

  return g_strcmp0 (pango_font_description_get_family (desc), data) == 0;
}

static void
test_font (UiFixture     *f,
           gconstpointer  data)
{
  g_autofree char *document = topiary_writing_mode_dup_document_font ();
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (document);
  const char *family = pango_font_description_get_family (desc);

  g_assert_cmpstr (family, !=, "Monospace");
  /* The default is the document font, proportional. */
  g_assert_true (wait_for (font_family_is, (gpointer) family, 5000));
  g_assert_false (gtk_text_view_get_monospace (view ()));

  g_settings_set_enum (settings (), "writing-font", 1);
  g_assert_true (wait_for (font_family_is, "Monospace", 5000));
  g_assert_true (gtk_text_view_get_monospace (view ()));

  g_settings_set_string (settings (), "editor-font", "Serif 14");
  g_assert_true (wait_for (font_family_is, "Serif", 5000));

  g_settings_set_enum (settings (), "writing-font", 0);
  g_assert_true (wait_for (font_family_is, (gpointer) family, 5000));
}

/* ---- the column ---- */

typedef struct {
  int width;     /* the view's, to wait for */
  int columns;
} Column;

static gboolean
column_is_centred (gpointer data)
{
  Column *c = data;
  GtkTextView *v = view ();
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (v));
  PangoFontMetrics *metrics =
    pango_context_get_metrics (context, pango_context_get_font_description (context), NULL);
  double char_width = (double) pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
  int width = gtk_widget_get_width (GTK_WIDGET (v));
  int left = gtk_text_view_get_left_margin (v);
  int right = gtk_text_view_get_right_margin (v);
  int column = width - left - right;

  pango_font_metrics_unref (metrics);

  if (c->width != 0 && width == c->width)
    return FALSE;  /* not resized yet */
  return ABS (left - right) <= 1 && fabs (column - c->columns * char_width) <= char_width + 1 &&
         left > TOPIARY_WRITING_MIN_MARGIN;
}

static void
test_column (UiFixture     *f,
             gconstpointer  data)
{
  Column c = { 0, 70 };
  int wide_margin;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "editor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 850);
  spin (300);
  g_assert_true (wait_for (column_is_centred, &c, 5000));
  wide_margin = gtk_text_view_get_left_margin (view ());

  /* Narrower: the same column, still centred, smaller margins. */
  c.width = gtk_widget_get_width (GTK_WIDGET (view ()));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 850);
  g_assert_true (wait_for (column_is_centred, &c, 5000));
  g_assert_cmpint (gtk_text_view_get_left_margin (view ()), <, wide_margin);

  /* The width is a preference. */
  c.width = 0;
  c.columns = 50;
  g_settings_set_uint (settings (), "column-width", 50);
  g_assert_true (wait_for (column_is_centred, &c, 5000));
}

/* ---- the article's language ---- */

static AdwComboRow *
language_row (void)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Language") == 0)
        return ADW_COMBO_ROW (row);
    }
}

static gboolean
checker_language_is (gpointer data)
{
  TopiarySpellView *spell = topiary_editor_get_spell (topiary_window_get_editor (window));

  return g_strcmp0 (topiary_spell_checker_get_language (topiary_spell_view_get_checker (spell)), data) == 0;
}

static void
test_article_language (UiFixture     *f,
                       gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 id = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autoptr(TopiaryArticle) other = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) saved = NULL;
  AdwComboRow *row;
  GListModel *model;
  guint german = G_MAXUINT;

  g_assert_true (wait_for (checker_language_is, "en_US", 5000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  spin (200);
  row = language_row ();
  model = adw_combo_row_get_model (row);
  /* The map's language first, then the dictionaries. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  {
    const char *first = gtk_string_list_get_string (GTK_STRING_LIST (model), 0);
    g_assert_true (g_str_has_prefix (first, "Map Default ("));
  }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "de-DE") == 0)
      german = i;
  if (german == G_MAXUINT)
    {
      g_test_skip ("No de_DE dictionary is installed (tools/deps.sh installs hunspell-de-de).");
      return;
    }

  adw_combo_row_set_selected (row, german);
  /* Spelling switches at once, the article keeps it. */
  g_assert_true (wait_for (checker_language_is, "de_DE", 5000));
  g_assert_true (topiary_window_save (window, NULL));
  saved = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_language (saved), ==, "de-DE");

  /* Another article follows the map; coming back, German again. */
  click_article (topiary_article_get_id (other));
  g_assert_true (wait_for (checker_language_is, "en_US", 5000));
  click_article (id);
  g_assert_true (wait_for (checker_language_is, "de_DE", 5000));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-writing-mode"))
    return 77;

  ui_test_add_article ("/ui/writing-mode/focus", test_focus_mode);
  ui_test_add_article ("/ui/writing-mode/typewriter", test_typewriter);
  ui_test_add_article ("/ui/writing-mode/fullscreen", test_fullscreen);
  ui_test_add_article ("/ui/writing-mode/font", test_font);
  ui_test_add_article ("/ui/writing-mode/column", test_column);
  ui_test_add_article ("/ui/writing-mode/article-language", test_article_language);

  return ui_test_run ();
}
