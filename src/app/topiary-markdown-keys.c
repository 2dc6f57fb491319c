/* topiary-markdown-keys.c — Markdown editing helpers on the editor's view
 *
 * A key controller in the capture phase sees Enter, Tab and the fence
 * characters before GtkSourceView's own auto-indent does; what the keys
 * do to the line is decided by topiary-md-edit.c. While the completion
 * popup is open its keys are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-markdown-keys.h"
#include "topiary-md-edit.h"

/* ---- helpers on iters ---- */

static void
line_bounds (GtkTextIter *iter,
             GtkTextIter *start,
             GtkTextIter *end)
{
  *start = *iter;
  gtk_text_iter_set_line_offset (start, 0);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

/* The iter @bytes into the line that starts at @line_start. */
static void
iter_at_byte (GtkTextIter *line_start,
              const char  *line,
              gsize        bytes,
              GtkTextIter *out)
{
  *out = *line_start;
  gtk_text_iter_forward_chars (out, (int) g_utf8_strlen (line, (gssize) bytes));
}

static void
fence_at_line (GtkTextBuffer  *buffer,
               GtkTextIter    *line_start,
               TopiaryMdFence *fence)
{
  GtkTextIter begin;
  g_autofree char *before = NULL;

  gtk_text_buffer_get_start_iter (buffer, &begin);
  before = gtk_text_iter_get_slice (&begin, line_start);
  topiary_md_fence_at (before, strlen (before), fence);
}

/* Takes the extra indent off a closing fence on the cursor's line. */
static void
fix_closing_fence (GtkTextBuffer *buffer)
{
  GtkTextIter iter, start, end;
  TopiaryMdFence fence;
  g_autofree char *line = NULL;
  gsize extra;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_bounds (&iter, &start, &end);
  fence_at_line (buffer, &start, &fence);
  if (!fence.open)
    return;
  line = gtk_text_iter_get_slice (&start, &end);
  extra = topiary_md_fence_outdent (line, &fence);
  if (extra == 0)
    return;
  iter_at_byte (&start, line, extra, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
}

static gboolean
completion_showing (GtkWidget *view)
{
  /* The completion list is a popover on the view. */
  for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

/* ---- the keys ---- */

static void
handle_enter (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter, start, end, from, to;
  TopiaryMdFence fence;
  TopiaryMdEdit edit = { 0 };
  g_autofree char *line = NULL;
  g_autofree char *head = NULL;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  /* A closing fence typed with the code's indent loses it first, so the
   * line after it does not carry it either. */
  fix_closing_fence (buffer);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_bounds (&iter, &start, &end);
  fence_at_line (buffer, &start, &fence);
  line = gtk_text_iter_get_slice (&start, &end);
  head = gtk_text_iter_get_slice (&start, &iter);

  topiary_md_edit_enter (line, strlen (head), fence.open, &edit);
  iter_at_byte (&start, line, edit.start, &from);
  iter_at_byte (&start, line, edit.end, &to);
  gtk_text_buffer_delete (buffer, &from, &to);
  gtk_text_buffer_insert (buffer, &from, edit.text, -1);
  gtk_text_buffer_place_cursor (buffer, &from);
  topiary_md_edit_clear (&edit);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

static gboolean
handle_tab (GtkTextView *view,
            gboolean     outdent)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter, start, end, begin, from, to;
  TopiaryMdEdit edit = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *before = NULL;
  int offset;

  /* A selection over lines is GtkSourceView's to indent. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_bounds (&iter, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &begin);
  before = gtk_text_iter_get_slice (&begin, &start);
  line = gtk_text_iter_get_slice (&start, &end);
  text = g_strconcat (before, line, NULL);
  if (!topiary_md_edit_indent_item (text, strlen (before), outdent, &edit))
    return FALSE;

  /* The cursor keeps its place in the item's text. */
  offset = gtk_text_iter_get_line_offset (&iter) - (int) g_utf8_strlen (line, (gssize) edit.end);
  gtk_text_buffer_begin_user_action (buffer);
  iter_at_byte (&start, line, edit.start, &from);
  iter_at_byte (&start, line, edit.end, &to);
  gtk_text_buffer_delete (buffer, &from, &to);
  gtk_text_buffer_insert (buffer, &from, edit.text, -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&iter, MAX (0, (int) strlen (edit.text) + MAX (offset, 0)));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_end_user_action (buffer);
  topiary_md_edit_clear (&edit);
  return TRUE;
}

static gboolean
handle_fence_char (GtkTextView *view,
                   const char  *ch)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter, start, end;
  TopiaryMdFence fence;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_bounds (&iter, &start, &end);
  fence_at_line (buffer, &start, &fence);
  if (!fence.open)
    return FALSE;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, ch, -1, TRUE);
  fix_closing_fence (buffer);
  gtk_text_buffer_end_user_action (buffer);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkTextView           *view)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (!gtk_text_view_get_editable (view) || completion_showing (GTK_WIDGET (view)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0)
        return FALSE;
      handle_enter (view);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      return mods == 0 && handle_tab (view, FALSE);
    case GDK_KEY_ISO_Left_Tab:
      return (mods & ~GDK_SHIFT_MASK) == 0 && handle_tab (view, TRUE);
    case GDK_KEY_grave:
      return (mods & ~GDK_SHIFT_MASK) == 0 && handle_fence_char (view, "`");
    case GDK_KEY_asciitilde:
      return (mods & ~GDK_SHIFT_MASK) == 0 && handle_fence_char (view, "~");
    default:
      return FALSE;
    }
}

/* ---- formatting ---- */

static void
delete_range (GtkTextBuffer *buffer,
              int            from,
              int            to)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, from);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, to);
  gtk_text_buffer_delete (buffer, &a, &b);
}

void
topiary_markdown_keys_toggle_wrap (GtkTextView *view,
                                   const char  *mark)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end, outer_start, outer_end;
  g_autofree char *selection = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int len, so, eo;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (mark != NULL && *mark != '\0');

  if (!gtk_text_view_get_editable (view))
    return;
  buffer = gtk_text_view_get_buffer (view);
  len = (int) g_utf8_strlen (mark, -1);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  outer_start = start;
  outer_end = end;
  gtk_text_iter_backward_chars (&outer_start, len);
  gtk_text_iter_forward_chars (&outer_end, len);
  selection = gtk_text_iter_get_slice (&start, &end);
  before = gtk_text_iter_get_slice (&outer_start, &start);
  after = gtk_text_iter_get_slice (&end, &outer_end);
  so = gtk_text_iter_get_offset (&start);
  eo = gtk_text_iter_get_offset (&end);

  /* By offsets, the end first, so the start's offset still holds. */
  gtk_text_buffer_begin_user_action (buffer);
  switch (topiary_md_wrap_state (before, selection, after, mark))
    {
    case TOPIARY_MD_WRAP_INSIDE:
      delete_range (buffer, eo - len, eo);
      delete_range (buffer, so, so + len);
      eo -= 2 * len;
      break;
    case TOPIARY_MD_WRAP_OUTSIDE:
      delete_range (buffer, eo, eo + len);
      delete_range (buffer, so - len, so);
      so -= len;
      eo -= len;
      break;
    case TOPIARY_MD_WRAP_NONE:
    default:
      gtk_text_buffer_get_iter_at_offset (buffer, &end, eo);
      gtk_text_buffer_insert (buffer, &end, mark, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, so);
      gtk_text_buffer_insert (buffer, &start, mark, -1);
      so += len;
      eo += len;
      break;
    }
  /* The text stays selected (or the cursor between the marks). */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, so);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, eo);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

void
topiary_markdown_keys_make_link (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selection = NULL;
  g_autofree char *text = NULL;
  GtkTextMark *m;
  int back;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (!gtk_text_view_get_editable (view))
    return;
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  selection = gtk_text_iter_get_slice (&start, &end);
  if (*selection != '\0' && topiary_md_is_url (selection))
    {
      g_autofree char *url = g_strstrip (g_strdup (selection));
      text = g_strdup_printf ("[](%s)", url);
      back = (int) g_utf8_strlen (url, -1) + 3;    /* into the brackets */
    }
  else
    {
      text = g_strdup_printf ("[%s]()", selection);
      back = *selection != '\0' ? 1 : 3;           /* into the parentheses, or the brackets */
    }

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  m = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, m);
  gtk_text_iter_backward_chars (&end, back);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_delete_mark (buffer, m);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* ---- pasting a URL over a selection ---- */

static void
paste_read_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  if (text == NULL || !gtk_text_view_get_editable (view))
    return;
  gtk_text_buffer_begin_user_action (buffer);
  if (topiary_md_is_url (text) && gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      g_autofree char *selection = gtk_text_iter_get_slice (&start, &end);
      g_autofree char *url = g_strstrip (g_strdup (text));
      g_autofree char *link = g_strdup_printf ("[%s](%s)", selection, url);

      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, link, -1);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  else
    {
      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

static void
on_paste_clipboard (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* Without a selection, or into a read-only view, the usual paste; files
   * and images are the image paste's (topiary-editor-images.c). */
  if (!gtk_text_buffer_get_has_selection (buffer) || !gtk_text_view_get_editable (view) ||
      gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
      !(gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) ||
        gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") ||
        gdk_content_formats_contain_mime_type (formats, "text/plain")))
    return;
  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_text_async (clipboard, NULL, paste_read_done, g_object_ref (view));
}

void
topiary_markdown_keys_attach (GtkSourceView *view)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_SOURCE_IS_VIEW (view));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "topiary-markdown-keys");
  /* Before GtkSourceView's auto-indent and GtkTextView's own keys. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), view, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  g_signal_connect (view, "paste-clipboard", G_CALLBACK (on_paste_clipboard), NULL);
}
