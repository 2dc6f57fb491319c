/* topiary-writing-mode.c — how the editor's text is laid out for writing
 *
 * The column: the text view's left and right margins are computed from
 * the width of the text area and the font's average character width, so
 * the text stays about column-width characters wide and centred at any
 * window width (no fixed maximum width: a narrow window keeps the least
 * margin). The area's width is read from the view's horizontal
 * adjustment, whose page size the view sets on every allocation.
 *
 * Focus mode dims everything but the paragraph of the cursor. The
 * paragraph, not the sentence: a Markdown block (a list, a table, a
 * heading, code) is the unit the text is written in, and has no reliable
 * sentences. It is one tag, and the invariant is simple: the tag is on
 * the whole text except the range between two marks (the bright
 * paragraph). When the cursor reaches another paragraph (debounced), the
 * tag goes back on the old range and off the new one: two paragraphs are
 * retagged, not the article. Text inserted outside the bright range is
 * tagged as it arrives.
 *
 * Typewriter scrolling keeps the cursor's line in the middle: half the
 * view's height as top and bottom margins so the first and last lines can
 * get there, and a scroll after each cursor move, queued just before the
 * next frame so it replaces the view's own "keep the cursor visible".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "topiary-debounce.h"
#include "topiary-writing-mode.h"

#define FOCUS_DELAY_MS 40
#define DEFAULT_TOP_MARGIN 18
#define DEFAULT_BOTTOM_MARGIN 120
#define FALLBACK_DOCUMENT_FONT "Sans 12"

struct _TopiaryWritingMode
{
  GObject          parent_instance;

  GtkTextView     *view;      /* weak: the view owns the editor that owns us */
  GtkTextBuffer   *buffer;
  GSettings       *settings;
  GtkCssProvider  *css;
  GtkTextTag      *dimmed;
  GtkTextMark     *bright_start;
  GtkTextMark     *bright_end;
  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;

  PangoFontDescription *font;
  int              char_width;   /* Pango units */
  int              line_height;  /* pixels */
  double           width;        /* of the text area, last seen */
  double           height;
  gboolean         focus;
  gboolean         typewriter;
  guint            layout_idle;
  guint            scroll_idle;
  TopiaryDebounce *refocus;
};

G_DEFINE_FINAL_TYPE (TopiaryWritingMode, topiary_writing_mode, G_TYPE_OBJECT)

/* ---- the font ---- */

char *
topiary_writing_mode_dup_document_font (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) desktop = NULL;
  g_autofree char *font = NULL;

  /* Outside GNOME the schema may be missing: g_settings_new() would abort. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "document-font-name"))
    return g_strdup (FALLBACK_DOCUMENT_FONT);
  desktop = g_settings_new_full (schema, NULL, NULL);
  font = g_settings_get_string (desktop, "document-font-name");
  if (font == NULL || *font == '\0')
    return g_strdup (FALLBACK_DOCUMENT_FONT);
  return g_steal_pointer (&font);
}

char *
topiary_writing_mode_dup_font (TopiaryWritingMode *self)
{
  g_return_val_if_fail (TOPIARY_IS_WRITING_MODE (self), NULL);

  if (self->settings == NULL)
    return g_strdup ("Monospace 11");
  if (g_settings_get_enum (self->settings, "writing-font") == 0)
    return topiary_writing_mode_dup_document_font ();
  return g_settings_get_string (self->settings, "editor-font");
}

static void queue_layout (TopiaryWritingMode *self);

static void
update_font (TopiaryWritingMode *self)
{
  g_autofree char *font = topiary_writing_mode_dup_font (self);
  g_autoptr(GString) css = g_string_new ("textview {");
  PangoFontMetrics *metrics;
  const char *family;
  int size;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_from_string (font);
  family = pango_font_description_get_family (self->font);
  size = pango_font_description_get_size (self->font);
  if (family != NULL)
    {
      g_autofree char *escaped = g_strescape (family, NULL);
      g_string_append_printf (css, " font-family: \"%s\";", escaped);
    }
  if (size > 0)
    g_string_append_printf (css, " font-size: %g%s;", (double) size / PANGO_SCALE,
                            pango_font_description_get_size_is_absolute (self->font) ? "px" : "pt");
  g_string_append (css, " }");
  gtk_css_provider_load_from_data (self->css, css->str, css->len);
  gtk_text_view_set_monospace (self->view, self->settings != NULL &&
                               g_settings_get_enum (self->settings, "writing-font") == 1);

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->view)),
                                       self->font, NULL);
  self->char_width = MAX (1, pango_font_metrics_get_approximate_char_width (metrics));
  self->line_height = MAX (1, PANGO_PIXELS (pango_font_metrics_get_ascent (metrics) +
                                            pango_font_metrics_get_descent (metrics)));
  pango_font_metrics_unref (metrics);
  queue_layout (self);
}

/* ---- the column, the line spacing and the typewriter's margins ---- */

static gboolean
layout_cb (gpointer user_data)
{
  TopiaryWritingMode *self = user_data;
  guint columns = self->settings ? g_settings_get_uint (self->settings, "column-width") : 70;
  double spacing = self->settings ? g_settings_get_double (self->settings, "line-spacing") : 1.0;
  int extra = (int) ((spacing - 1.0) * self->line_height + 0.5);
  int column = (int) ((gint64) columns * self->char_width / PANGO_SCALE);
  int side = TOPIARY_WRITING_MIN_MARGIN;
  int top = DEFAULT_TOP_MARGIN, bottom = DEFAULT_BOTTOM_MARGIN;

  self->layout_idle = 0;
  if (self->width > 0)
    side = MAX (TOPIARY_WRITING_MIN_MARGIN, ((int) self->width - column) / 2);
  if (self->typewriter && self->height > 0)
    top = bottom = MAX (DEFAULT_TOP_MARGIN, (int) self->height / 2 - self->line_height);

  /* Each setter relays the text out: only what changed. */
  if (gtk_text_view_get_left_margin (self->view) != side)
    gtk_text_view_set_left_margin (self->view, side);
  if (gtk_text_view_get_right_margin (self->view) != side)
    gtk_text_view_set_right_margin (self->view, side);
  if (gtk_text_view_get_top_margin (self->view) != top)
    gtk_text_view_set_top_margin (self->view, top);
  if (gtk_text_view_get_bottom_margin (self->view) != bottom)
    gtk_text_view_set_bottom_margin (self->view, bottom);
  if (gtk_text_view_get_pixels_inside_wrap (self->view) != extra)
    gtk_text_view_set_pixels_inside_wrap (self->view, extra);
  if (gtk_text_view_get_pixels_above_lines (self->view) != extra / 2)
    gtk_text_view_set_pixels_above_lines (self->view, extra / 2);
  if (gtk_text_view_get_pixels_below_lines (self->view) != extra - extra / 2)
    gtk_text_view_set_pixels_below_lines (self->view, extra - extra / 2);
  return G_SOURCE_REMOVE;
}

/* Margins change the layout: not from inside the allocation that told
 * us the size, but just before the next frame. */
static void
queue_layout (TopiaryWritingMode *self)
{
  if (self->layout_idle == 0)
    self->layout_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_cb, self, NULL);
}

static void
on_adjustment_changed (TopiaryWritingMode *self)
{
  double width = self->hadjustment ? gtk_adjustment_get_page_size (self->hadjustment) : 0;
  double height = self->vadjustment ? gtk_adjustment_get_page_size (self->vadjustment) : 0;

  if (width == self->width && height == self->height)
    return;
  self->width = width;
  self->height = height;
  queue_layout (self);
}

static void
set_adjustment (TopiaryWritingMode  *self,
                GtkAdjustment      **slot,
                GtkAdjustment       *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
  on_adjustment_changed (self);
}

static void
on_adjustments (TopiaryWritingMode *self)
{
  set_adjustment (self, &self->hadjustment, gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->view)));
  set_adjustment (self, &self->vadjustment, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)));
}

/* ---- focus mode ---- */

static gboolean
line_is_blank (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  while (!gtk_text_iter_ends_line (&iter))
    {
      if (!g_unichar_isspace (gtk_text_iter_get_char (&iter)))
        return FALSE;
      gtk_text_iter_forward_char (&iter);
    }
  return TRUE;
}

/* The paragraph around @at: its lines up to the blank lines around it. */
static void
paragraph_bounds (GtkTextBuffer     *buffer,
                  const GtkTextIter *at,
                  GtkTextIter       *start,
                  GtkTextIter       *end)
{
  int line = gtk_text_iter_get_line (at);
  int last = gtk_text_buffer_get_line_count (buffer) - 1;
  int first = line;

  if (!line_is_blank (buffer, line))
    {
      while (first > 0 && !line_is_blank (buffer, first - 1))
        first--;
      while (line < last && !line_is_blank (buffer, line + 1))
        line++;
    }
  gtk_text_buffer_get_iter_at_line (buffer, start, first);
  gtk_text_buffer_get_iter_at_line (buffer, end, line);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

static void
update_dimmed_colour (TopiaryWritingMode *self)
{
  GdkRGBA colour = { 0, 0, 0, 0.32 };

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    colour = (GdkRGBA) { 1, 1, 1, 0.32 };
  g_object_set (self->dimmed, "foreground-rgba", &colour, NULL);
}

static gboolean
refocus_cb (gpointer user_data)
{
  TopiaryWritingMode *self = user_data;
  GtkTextIter cursor, old_start, old_end, start, end;
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  if (!self->focus)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  paragraph_bounds (self->buffer, &cursor, &start, &end);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_start, self->bright_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_end, self->bright_end);
  if (gtk_text_iter_equal (&start, &old_start) && gtk_text_iter_equal (&end, &old_end))
    return G_SOURCE_REMOVE;

  /* Above the syntax highlighting's tags, made after ours. */
  gtk_text_tag_set_priority (self->dimmed, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_buffer_apply_tag (self->buffer, self->dimmed, &old_start, &old_end);
  gtk_text_buffer_remove_tag (self->buffer, self->dimmed, &start, &end);
  gtk_text_buffer_move_mark (self->buffer, self->bright_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->bright_end, &end);
  return G_SOURCE_REMOVE;
}

static void
on_insert_text (TopiaryWritingMode *self,
                GtkTextIter        *location,
                const char         *text,
                int                 len)
{
  GtkTextIter start = *location, bright_start, bright_end;

  if (!self->focus)
    return;
  gtk_text_iter_backward_chars (&start, (int) g_utf8_strlen (text, len));
  gtk_text_buffer_get_iter_at_mark (self->buffer, &bright_start, self->bright_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &bright_end, self->bright_end);
  if (gtk_text_iter_compare (&start, &bright_start) < 0 || gtk_text_iter_compare (location, &bright_end) > 0)
    gtk_text_buffer_apply_tag (self->buffer, self->dimmed, &start, location);
}

static void
set_focus (TopiaryWritingMode *self,
           gboolean            focus)
{
  GtkTextIter start, end;

  if (self->focus == focus)
    return;
  self->focus = focus;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (!focus)
    {
      topiary_debounce_cancel (self->refocus);
      gtk_text_buffer_remove_tag (self->buffer, self->dimmed, &start, &end);
      return;
    }
  /* All of it was bright: the first refocus dims all but the paragraph. */
  gtk_text_buffer_move_mark (self->buffer, self->bright_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->bright_end, &end);
  refocus_cb (self);
}

/* ---- typewriter scrolling ---- */

static gboolean
scroll_cb (gpointer user_data)
{
  TopiaryWritingMode *self = user_data;

  self->scroll_idle = 0;
  if (self->typewriter && !gtk_text_buffer_get_has_selection (self->buffer))
    gtk_text_view_scroll_to_mark (self->view, gtk_text_buffer_get_insert (self->buffer), 0.0, TRUE, 0.0, 0.5);
  return G_SOURCE_REMOVE;
}

static void
on_cursor_moved (TopiaryWritingMode *self)
{
  if (self->focus)
    topiary_debounce_arm (self->refocus);
  /* Before the frame (priority 120) lays the view out, after the key
   * handler has asked the view to keep the cursor visible. */
  if (self->typewriter && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, scroll_cb, self, NULL);
}

static void
on_settings_changed (TopiaryWritingMode *self,
                     const char         *key)
{
  if (key == NULL || g_str_equal (key, "writing-font") || g_str_equal (key, "editor-font"))
    update_font (self);
  if (key == NULL || g_str_equal (key, "column-width") || g_str_equal (key, "line-spacing"))
    queue_layout (self);
  if (key == NULL || g_str_equal (key, "focus-mode"))
    set_focus (self, g_settings_get_boolean (self->settings, "focus-mode"));
  if (key == NULL || g_str_equal (key, "typewriter"))
    {
      self->typewriter = g_settings_get_boolean (self->settings, "typewriter");
      queue_layout (self);
      on_cursor_moved (self);
    }
}

void
topiary_writing_mode_set_settings (TopiaryWritingMode *self,
                                   GSettings          *settings)
{
  g_return_if_fail (TOPIARY_IS_WRITING_MODE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  on_settings_changed (self, NULL);
}

TopiaryWritingMode *
topiary_writing_mode_new (GtkTextView *view)
{
  TopiaryWritingMode *self;
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (TOPIARY_TYPE_WRITING_MODE, NULL);
  self->view = view;
  self->buffer = gtk_text_view_get_buffer (view);
  self->dimmed = gtk_text_buffer_create_tag (self->buffer, TOPIARY_WRITING_DIMMED_TAG, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->bright_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->bright_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  update_dimmed_colour (self);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (view)),
                                  GTK_STYLE_PROVIDER (self->css), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::hadjustment", G_CALLBACK (on_adjustments), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::vadjustment", G_CALLBACK (on_adjustments), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_dimmed_colour), self, G_CONNECT_SWAPPED);
  on_adjustments (self);
  update_font (self);
  return self;
}

static void
topiary_writing_mode_dispose (GObject *object)
{
  TopiaryWritingMode *self = TOPIARY_WRITING_MODE (object);

  g_clear_handle_id (&self->layout_idle, g_source_remove);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_clear_pointer (&self->refocus, topiary_debounce_free);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->settings);
  g_clear_object (&self->css);
  g_clear_pointer (&self->font, pango_font_description_free);
  G_OBJECT_CLASS (topiary_writing_mode_parent_class)->dispose (object);
}

static void
topiary_writing_mode_class_init (TopiaryWritingModeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = topiary_writing_mode_dispose;
}

static void
topiary_writing_mode_init (TopiaryWritingMode *self)
{
  self->css = gtk_css_provider_new ();
  self->refocus = topiary_debounce_new (FOCUS_DELAY_MS, refocus_cb, self);
}
