/* topiary-editor-images.c — images into the article: Insert Image, drops
 * and pastes
 *
 * Every way in ends in one Insert: the files (or a pasted image) are
 * read, checked and given a thumbnail one after the other in a worker
 * thread (GTask), so a 20 MB photo does not stop the window; then, on the
 * main thread, the user gives the alt text, the checked bytes go into the
 * project (only database work is left) and the link goes in at the place
 * the insert started from. The file is in the project before its link is
 * in the text, so the preview shows it at once, before any save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-editor-images.h"
#include "topiary-file-chooser.h"
#include "topiary-media-edit.h"
#include "topiary-media-refs.h"
#include "topiary-dialogs.h"

#define THUMBNAIL_SIZE 240

typedef struct {
  GFile      *file;     /* or */
  GdkTexture *texture;  /* with */
  char       *name;
} Source;

typedef struct {
  TopiaryCheckedFile *checked;
  GdkTexture         *thumbnail;
} Checked;

typedef struct {
  TopiaryEditor      *editor;
  TopiaryProject     *project;
  gint64              article_id;
  GtkTextMark        *mark;
  GQueue              sources;
  guint               n_inserted;
  Checked            *current;
  GtkEntry           *entry;
  GtkCheckButton     *decorative;
} Insert;

static void next_source (Insert *insert);

static void
source_free (Source *source)
{
  g_clear_object (&source->file);
  g_clear_object (&source->texture);
  g_free (source->name);
  g_free (source);
}

static void
checked_free (Checked *checked)
{
  if (checked == NULL)
    return;
  g_clear_pointer (&checked->checked, topiary_checked_file_free);
  g_clear_object (&checked->thumbnail);
  g_free (checked);
}

static void
insert_free (Insert *insert)
{
  if (insert->mark != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_mark_get_buffer (insert->mark);
      if (buffer != NULL)
        gtk_text_buffer_delete_mark (buffer, insert->mark);
      g_object_unref (insert->mark);
    }
  g_queue_clear_full (&insert->sources, (GDestroyNotify) source_free);
  checked_free (insert->current);
  g_clear_object (&insert->project);
  g_clear_object (&insert->editor);
  g_free (insert);
}

static void
fail (Insert     *insert,
      const char *message)
{
  g_signal_emit_by_name (insert->editor, "action-failed", message);
}

/* ---- helpers ---- */

GdkTexture *
topiary_image_thumbnail (GBytes *data,
                         int     size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (data);
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, size, size, TRUE, NULL, NULL);
  if (pixbuf == NULL)
    return NULL;
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gdk_texture_new_for_pixbuf (oriented != NULL ? oriented : pixbuf);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

char *
topiary_image_readable_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name != NULL && *name != '\0' ? name : "image");
  const char *dot = strrchr (base, '.');
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  if (dot != NULL && dot != base)
    base[dot - base] = '\0';
  for (const char *p = base; *p != '\0'; p++)
    {
      /* "2026-12-06" keeps its dashes; "my-shot" and "my_shot" get spaces. */
      gboolean between_digits = p > base && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]);

      if (*p == '_' || *p == ' ' || (*p == '-' && !between_digits))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  if (out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Alt text as Markdown link text: brackets and backslashes escaped, on
 * one line. */
static char *
escape_alt (const char *alt)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = alt; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
topiary_editor_takes_files (TopiaryEditor *self,
                            GSList        *files)
{
  TopiaryProject *project;

  g_return_val_if_fail (TOPIARY_IS_EDITOR (self), FALSE);

  project = topiary_editor_get_project (self);
  if (files == NULL || project == NULL || topiary_editor_get_article_id (self) == 0 ||
      topiary_project_is_read_only (project) ||
      !gtk_text_view_get_editable (GTK_TEXT_VIEW (topiary_editor_get_view (self))))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *base = g_file_get_basename (l->data);
      if (base == NULL || !topiary_media_has_extension (base))
        return FALSE;
    }
  return TRUE;
}

/* ---- the check, in a worker thread ---- */

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Source *source = task_data;
  g_autoptr(GError) error = NULL;
  Checked *checked = g_new0 (Checked, 1);

  if (source->texture != NULL)
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (source->texture);
      checked->checked = topiary_checked_file_new (source->name, png, &error);
    }
  else
    {
      g_autofree char *path = g_file_get_path (source->file);
      g_autofree char *base = g_file_get_basename (source->file);

      if (path == NULL)
        /* TRANSLATORS: %s is a file's name. */
        error = g_error_new (TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_READ,
                             _("“%s” is not a local file Topiary can read."), base);
      else
        checked->checked = topiary_checked_file_new_for_path (path, &error);
    }
  if (checked->checked == NULL)
    {
      checked_free (checked);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_str_has_prefix (topiary_checked_file_get_mime (checked->checked), "image/"))
    checked->thumbnail = topiary_image_thumbnail (topiary_checked_file_get_data (checked->checked), THUMBNAIL_SIZE);
  g_task_return_pointer (task, checked, (GDestroyNotify) checked_free);
}

/* ---- storing and linking ---- */

/* Still the article the insert was started for, and it may be changed. */
static gboolean
still_here (Insert *insert)
{
  return gtk_widget_get_root (GTK_WIDGET (insert->editor)) != NULL &&
         topiary_editor_get_project (insert->editor) == insert->project &&
         topiary_editor_get_article_id (insert->editor) == insert->article_id &&
         gtk_text_view_get_editable (GTK_TEXT_VIEW (topiary_editor_get_view (insert->editor)));
}

static void
link_current (Insert     *insert,
              const char *alt)
{
  TopiaryCheckedFile *checked = insert->current->checked;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (insert->editor));
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  if (!still_here (insert))
    {
      fail (insert, _("The image was not added because another article is open now."));
      return;
    }
  info = topiary_project_add_checked_file (insert->project, insert->article_id, checked, &error);
  if (info == NULL)
    {
      fail (insert, error->message);
      return;
    }
  escaped = escape_alt (alt != NULL ? alt : "");
  if (topiary_file_info_is_image (info))
    text = g_strdup_printf ("%s![%s](%s)", insert->n_inserted > 0 ? "\n\n" : "", escaped, info->name);
  else
    text = g_strdup_printf ("%s[%s](%s)", insert->n_inserted > 0 ? "\n\n" : "", escaped, info->name);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, insert->mark);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
  insert->n_inserted++;
}

static void
on_decorative_toggled (GtkCheckButton *check,
                       Insert         *insert)
{
  gtk_widget_set_sensitive (GTK_WIDGET (insert->entry), !gtk_check_button_get_active (check));
}

static void
on_entry_activate (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "insert");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
on_alt_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Insert           *insert)
{
  /* Closing after a response answers once more, with "cancel". */
  g_signal_handlers_disconnect_by_data (dialog, insert);
  if (g_strcmp0 (response, "insert") == 0)
    {
      gboolean decorative = gtk_check_button_get_active (insert->decorative);
      g_autofree char *alt = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (insert->entry))));

      link_current (insert, decorative ? "" : alt);
    }
  g_clear_pointer (&insert->current, checked_free);
  insert->entry = NULL;
  insert->decorative = NULL;
  next_source (insert);
}

static void
ask_alt (Insert *insert)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (insert->editor)));
  TopiaryCheckedFile *checked = insert->current->checked;
  g_autofree char *readable = topiary_image_readable_name (topiary_checked_file_get_name (checked));
  GtkWidget *dialog, *box, *label, *entry, *check;

  dialog = topiary_message_dialog_new (parent, _("Describe the Image"),
                                   _("Alt text tells people who cannot see the image what it shows."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (insert->current->thumbnail != NULL)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (insert->current->thumbnail));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, -1, 160);
      gtk_widget_set_margin_bottom (picture, 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("The image to describe"), -1);
      gtk_box_append (GTK_BOX (box), picture);
    }
  label = gtk_label_new_with_mnemonic (_("_Alt text"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), readable);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alt text"), -1);
  check = gtk_check_button_new_with_mnemonic (_("_Decorative image, with no description"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), check);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "insert", _("_Insert"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "insert", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  insert->entry = GTK_ENTRY (entry);
  insert->decorative = GTK_CHECK_BUTTON (check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_decorative_toggled), insert);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_alt_response), insert);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Insert *insert = user_data;
  g_autoptr(GError) error = NULL;

  insert->current = g_task_propagate_pointer (G_TASK (result), &error);
  if (insert->current == NULL)
    {
      fail (insert, error->message);
      next_source (insert);
      return;
    }
  if (!still_here (insert))
    {
      fail (insert, _("The image was not added because another article is open now."));
      g_clear_pointer (&insert->current, checked_free);
      next_source (insert);
      return;
    }
  if (g_str_has_prefix (topiary_checked_file_get_mime (insert->current->checked), "image/"))
    {
      ask_alt (insert);
      return;
    }
  /* A PDF: a link named after the file, no alt text to ask for. */
  {
    g_autofree char *readable = topiary_image_readable_name (topiary_checked_file_get_name (insert->current->checked));

    link_current (insert, readable);
    g_clear_pointer (&insert->current, checked_free);
    next_source (insert);
  }
}

/* Checks the next file, or ends the insert. */
static void
next_source (Insert *insert)
{
  g_autoptr(GTask) task = NULL;
  Source *source = g_queue_pop_head (&insert->sources);

  if (source == NULL)
    {
      if (insert->n_inserted > 0 && gtk_widget_get_root (GTK_WIDGET (insert->editor)) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (insert->editor)));
      insert_free (insert);
      return;
    }
  task = g_task_new (NULL, NULL, on_checked, insert);
  g_task_set_source_tag (task, next_source);
  g_task_set_task_data (task, source, (GDestroyNotify) source_free);
  g_task_run_in_thread (task, check_in_thread);
}

static Insert *
insert_new (TopiaryEditor *self,
            GtkWidget     *widget,
            double         x,
            double         y)
{
  GtkTextView *view = GTK_TEXT_VIEW (topiary_editor_get_view (self));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  Insert *insert = g_new0 (Insert, 1);
  GtkTextIter iter;
  double vx, vy;
  int bx, by;

  insert->editor = g_object_ref (self);
  insert->project = g_object_ref (topiary_editor_get_project (self));
  insert->article_id = topiary_editor_get_article_id (self);
  g_queue_init (&insert->sources);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (widget != NULL && gtk_widget_translate_coordinates (widget, GTK_WIDGET (view), x, y, &vx, &vy))
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) vx, (int) vy, &bx, &by);
      gtk_text_view_get_iter_at_location (view, &iter, bx, by);
    }
  insert->mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &iter, FALSE));
  return insert;
}

void
topiary_editor_insert_files (TopiaryEditor *self,
                             GSList        *files,
                             GtkWidget     *widget,
                             double         x,
                             double         y)
{
  Insert *insert;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));

  if (files == NULL || topiary_editor_get_project (self) == NULL || topiary_editor_get_article_id (self) == 0)
    return;
  insert = insert_new (self, widget, x, y);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      Source *source = g_new0 (Source, 1);

      source->file = g_object_ref (l->data);
      g_queue_push_tail (&insert->sources, source);
    }
  next_source (insert);
}

void
topiary_editor_insert_texture (TopiaryEditor *self,
                               GdkTexture    *texture,
                               const char    *name)
{
  Insert *insert;
  Source *source;

  g_return_if_fail (TOPIARY_IS_EDITOR (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  if (topiary_editor_get_project (self) == NULL || topiary_editor_get_article_id (self) == 0)
    return;
  insert = insert_new (self, NULL, 0, 0);
  source = g_new0 (Source, 1);
  source->texture = g_object_ref (texture);
  source->name = g_strdup (name);
  g_queue_push_tail (&insert->sources, source);
  next_source (insert);
}

/* ---- Insert → Image… ---- */

static void
on_image_chosen (gpointer    owner,
                 const char *path,
                 gpointer    data)
{
  TopiaryEditor *self = owner;
  g_autoptr(GFile) file = NULL;
  GSList files = { 0 };

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  files.data = file;
  topiary_editor_insert_files (self, &files, NULL, 0, 0);
}

void
_topiary_editor_insert_image (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  TopiaryEditor *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (topiary_editor_get_project (self) == NULL || topiary_editor_get_article_id (self) == 0)
    return;
  topiary_file_chooser_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             TOPIARY_FILE_CHOOSER_OPEN_IMAGE,
                             _("Insert Image"), _("_Insert"), NULL,
                             G_OBJECT (self), on_image_chosen, NULL, NULL);
}

/* ---- pasting ---- */

static void
paste_text (TopiaryEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (topiary_editor_get_view (self));

  gtk_text_buffer_paste_clipboard (gtk_text_view_get_buffer (view),
                                   gtk_widget_get_clipboard (GTK_WIDGET (view)),
                                   NULL, gtk_text_view_get_editable (view));
}

static void
on_file_list_read (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TopiaryEditor) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);
  GSList *files = value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST)
                  ? gdk_file_list_get_files (g_value_get_boxed (value)) : NULL;

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    ;
  else if (topiary_editor_takes_files (self, files))
    topiary_editor_insert_files (self, files, NULL, 0, 0);
  else
    /* Not files a project takes: what the file manager offers as text. */
    paste_text (self);
  g_slist_free (files);
}

static void
on_texture_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TopiaryEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "screenshot-%Y-%m-%d-%H%M.png");

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (texture == NULL)
    {
      g_signal_emit_by_name (self, "action-failed", _("The image on the clipboard could not be read."));
      return;
    }
  topiary_editor_insert_texture (self, texture, name);
}

/* Ctrl+V: copied files a project takes, or an image with no text beside
 * it (a screenshot), go in as images; anything else pastes as text. */
static void
on_paste_clipboard (GtkTextView   *view,
                    TopiaryEditor *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GdkContentFormats) formats = NULL;
  gboolean text;

  if (topiary_editor_get_project (self) == NULL || topiary_editor_get_article_id (self) == 0 ||
      !gtk_text_view_get_editable (view))
    return;
  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  text = gdk_content_formats_contain_mime_type (formats, "text/plain") ||
         gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") ||
         gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), G_TYPE_STRING);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                      on_file_list_read, g_object_ref (self));
    }
  else if (!text && gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, NULL, on_texture_read, g_object_ref (self));
    }
}

void
_topiary_editor_images_setup (TopiaryEditor *self,
                              GtkSourceView *view)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_signal_connect_object (view, "paste-clipboard", G_CALLBACK (on_paste_clipboard), self, 0);
  g_menu_append (menu, _("Insert _Image…"), "article.insert-image");
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (view), G_MENU_MODEL (menu));
}
