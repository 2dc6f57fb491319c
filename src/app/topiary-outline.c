/* topiary-outline.c — the article's headings in a popover, and moving sections
 *
 * A popover rather than a panel: the writing column keeps its width, and
 * the headings are read only while the outline is open, so typing costs
 * nothing when it is closed. While open it follows the cursor (the row
 * of the section the cursor is in is selected) and the text: the headings
 * are read again once typing pauses (REFRESH_DELAY_MS), never per
 * keystroke. Activating a row puts the cursor on that heading. The heading and section rules are the core's
 * (topiary-md-outline.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "topiary-debounce.h"
#include "topiary-md-outline.h"
#include "topiary-outline.h"

/* After the last edit, before the open outline reads the headings again. */
#define REFRESH_DELAY_MS 300

typedef struct {
  GtkTextView     *view;      /* weak */
  GtkListBox      *list;
  GtkPopover      *popover;
  GPtrArray       *headings;  /* TopiaryMdHeading *, as listed */
  gulong           cursor_id;
  gulong           changed_id;
  TopiaryDebounce *refresh;
} Outline;

static void
disconnect_buffer (Outline *o)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (o->view);

  g_clear_signal_handler (&o->cursor_id, buffer);
  g_clear_signal_handler (&o->changed_id, buffer);
  topiary_debounce_cancel (o->refresh);
}

static void
outline_free (gpointer data)
{
  Outline *o = data;

  if (o->view != NULL)
    {
      disconnect_buffer (o);
      g_object_remove_weak_pointer (G_OBJECT (o->view), (gpointer *) &o->view);
    }
  g_clear_pointer (&o->refresh, topiary_debounce_free);
  g_clear_pointer (&o->headings, g_ptr_array_unref);
  g_free (o);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
}

static gsize
cursor_byte (GtkTextBuffer *buffer)
{
  GtkTextIter start, cursor;
  g_autofree char *head = NULL;

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  head = gtk_text_iter_get_slice (&start, &cursor);
  return strlen (head);
}

static void
follow_cursor (Outline *o)
{
  GtkTextBuffer *buffer;
  int at;

  if (o->view == NULL || o->headings == NULL)
    return;
  buffer = gtk_text_view_get_buffer (o->view);
  at = topiary_md_outline_at (o->headings, cursor_byte (buffer));
  if (at < 0)
    gtk_list_box_unselect_all (o->list);
  else
    gtk_list_box_select_row (o->list, gtk_list_box_get_row_at_index (o->list, at));
}

static void
fill (Outline *o)
{
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (o->list))) != NULL)
    gtk_list_box_remove (o->list, child);
  g_clear_pointer (&o->headings, g_ptr_array_unref);
  if (o->view == NULL)
    return;
  text = buffer_text (gtk_text_view_get_buffer (o->view));
  o->headings = topiary_md_outline (text);
  for (guint i = 0; i < o->headings->len; i++)
    {
      TopiaryMdHeading *h = g_ptr_array_index (o->headings, i);
      GtkWidget *label = gtk_label_new (h->text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      /* Deeper headings step in. */
      gtk_widget_set_margin_start (label, 6 + 16 * (int) (h->level - 1));
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      if (h->level == 1)
        gtk_widget_add_css_class (label, "heading");
      gtk_list_box_append (o->list, label);
    }
  if (o->headings->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No headings yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_widget_set_margin_start (empty, 12);
      gtk_widget_set_margin_end (empty, 12);
      gtk_list_box_append (o->list, empty);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (o->list, 0), FALSE);
    }
  follow_cursor (o);
}

static gboolean
refresh_cb (gpointer data)
{
  Outline *o = data;

  if (o->view != NULL)
    fill (o);
  return G_SOURCE_REMOVE;
}

static void
on_show (Outline *o)
{
  fill (o);
  if (o->view != NULL && o->cursor_id == 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (o->view);

      o->cursor_id = g_signal_connect_swapped (buffer, "notify::cursor-position", G_CALLBACK (follow_cursor), o);
      o->changed_id = g_signal_connect_swapped (buffer, "changed", G_CALLBACK (topiary_debounce_arm), o->refresh);
    }
}

static void
on_closed (Outline *o)
{
  if (o->view != NULL)
    disconnect_buffer (o);
}

static void
on_row_activated (Outline       *o,
                  GtkListBoxRow *row)
{
  GtkTextBuffer *buffer;
  TopiaryMdHeading *h;
  GtkTextIter iter;
  int index = gtk_list_box_row_get_index (row);

  if (o->view == NULL || o->headings == NULL || index < 0 || (guint) index >= o->headings->len)
    return;
  h = g_ptr_array_index (o->headings, index);
  buffer = gtk_text_view_get_buffer (o->view);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) h->line);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_popover_popdown (o->popover);
  gtk_widget_grab_focus (GTK_WIDGET (o->view));
  gtk_text_view_scroll_to_mark (o->view, gtk_text_buffer_get_insert (buffer), 0.0, TRUE, 0.0, 0.1);
}

GtkWidget *
topiary_outline_button_new (GtkTextView *view)
{
  Outline *o = g_new0 (Outline, 1);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  o->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &o->view);
  o->refresh = topiary_debounce_new (REFRESH_DELAY_MS, refresh_cb, o);
  o->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (o->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (o->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (o->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Headings"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (o->list));
  o->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (o->popover, scrolled);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (o->popover));
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_menu_button_set_direction (GTK_MENU_BUTTON (button), GTK_ARROW_UP);
  gtk_widget_set_tooltip_text (button, _("Outline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outline"), -1);

  g_signal_connect_swapped (o->popover, "show", G_CALLBACK (on_show), o);
  g_signal_connect_swapped (o->popover, "closed", G_CALLBACK (on_closed), o);
  g_signal_connect_swapped (o->list, "row-activated", G_CALLBACK (on_row_activated), o);
  g_object_set_data_full (G_OBJECT (button), "topiary-outline", o, outline_free);
  return button;
}

void
topiary_outline_button_popup (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
}

GtkListBox *
topiary_outline_button_get_list (GtkWidget *button)
{
  Outline *o;

  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);
  o = g_object_get_data (G_OBJECT (button), "topiary-outline");
  return o != NULL ? o->list : NULL;
}

gboolean
topiary_outline_move_section (GtkTextView *view,
                              gboolean     up)
{
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  g_autofree char *moved = NULL;
  gsize cursor = 0;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), FALSE);

  if (!gtk_text_view_get_editable (view))
    return FALSE;
  buffer = gtk_text_view_get_buffer (view);
  text = buffer_text (buffer);
  if (!topiary_md_section_move (text, cursor_byte (buffer), up, &moved, &cursor))
    return FALSE;

  /* Only the two sections' span changes: what is the same at both ends
   * stays, so marks and the undo step cover just the move. */
  {
    gsize len = strlen (text);
    gsize head = 0, tail = 0;

    while (head < len && text[head] == moved[head])
      head++;
    while (tail < len - head && text[len - 1 - tail] == moved[len - 1 - tail])
      tail++;
    /* Whole characters only. */
    while (head > 0 && (text[head] & 0xC0) == 0x80)
      head--;
    while (tail > 0 && (text[len - tail] & 0xC0) == 0x80)
      tail--;

    gtk_text_buffer_begin_user_action (buffer);
    gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_strlen (text, (gssize) head));
    gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) g_utf8_strlen (text, (gssize) (len - tail)));
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, moved + head, (int) (len - tail - head));
    gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_strlen (moved, (gssize) cursor));
    gtk_text_buffer_place_cursor (buffer, &start);
    gtk_text_buffer_end_user_action (buffer);
  }
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
  return TRUE;
}
