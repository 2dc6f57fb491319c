/* topiary-file-list.c — the article's images and files, in the details
 * panel
 *
 * One row per file: its thumbnail (made in a worker thread, kept per
 * content), its name, size and pixel size, the alt text the Markdown
 * gives it, and whether the text uses it; a menu renames, replaces,
 * exports, removes it or makes it the cover. What the list cannot do
 * itself it says with signals: "prepare" before it rewrites the article
 * (the editor saves first), "text-rewritten" after (the editor reloads),
 * "message" for a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-debounce.h"
#include "topiary-dialogs.h"
#include "topiary-editor-images.h"
#include "topiary-file-chooser.h"
#include "topiary-file-list.h"
#include "topiary-media-edit.h"
#include "topiary-media-refs.h"

#define TEXT_DELAY_MS 300
#define THUMBNAIL_SIZE 96

struct _TopiaryFileList
{
  GtkWidget        parent_instance;

  AdwPreferencesGroup *group;
  GtkListBox      *list;

  TopiaryProject  *project;
  gint64           article_id;
  gulong           changed_id;
  char            *text;
  GPtrArray       *files;       /* TopiaryFileInfo */
  GHashTable      *thumbnails;  /* sha256 → GdkTexture, or none */
  GObject         *none;        /* being made, or cannot be made */
  TopiaryDebounce *text_changed;
  GSimpleActionGroup *actions;
};

G_DEFINE_FINAL_TYPE (TopiaryFileList, topiary_file_list, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MESSAGE,
  SIGNAL_PREPARE,
  SIGNAL_TEXT_REWRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (TopiaryFileList *self);

static void
message (TopiaryFileList *self,
         const char      *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

static TopiaryFileInfo *
file_by_id (TopiaryFileList *self,
            gint64           id)
{
  for (guint i = 0; self->files != NULL && i < self->files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (self->files, i);
      if (info->id == id)
        return info;
    }
  return NULL;
}

static GtkWindow *
parent_window (TopiaryFileList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- thumbnails ---- */

static void
thumbnail_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GdkTexture *texture = topiary_image_thumbnail (task_data, THUMBNAIL_SIZE);

  g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_thumbnail (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TopiaryFileList *self = TOPIARY_FILE_LIST (object);
  g_autofree char *sha256 = user_data;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->thumbnails == NULL)
    {
      g_clear_object (&texture);
      return;
    }
  /* A file that has none keeps its icon: remembered as "tried". */
  g_hash_table_replace (self->thumbnails, g_steal_pointer (&sha256),
                        texture != NULL ? (gpointer) texture : g_object_ref (self->none));
  refresh (self);
}

static GdkPaintable *
thumbnail_for (TopiaryFileList       *self,
               const TopiaryFileInfo *info)
{
  gpointer value;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GTask) task = NULL;

  if (!topiary_file_info_is_image (info))
    return NULL;
  if (g_hash_table_lookup_extended (self->thumbnails, info->sha256, NULL, &value))
    return GDK_IS_PAINTABLE (value) ? value : NULL;
  data = topiary_project_get_file_data (self->project, info->sha256, NULL);
  if (data == NULL)
    return NULL;
  g_hash_table_insert (self->thumbnails, g_strdup (info->sha256), g_object_ref (self->none));
  task = g_task_new (self, NULL, on_thumbnail, g_strdup (info->sha256));
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, thumbnail_in_thread);
  return NULL;
}

/* ---- rows ---- */

static const char *
name_part (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  while (g_str_has_prefix (a, "./"))
    a += 2;
  while (g_str_has_prefix (b, "./"))
    b += 2;
  return g_ascii_strcasecmp (a, b) == 0;
}

/* Whether the text links to @name, and the alt text of its first image. */
static gboolean
find_use (GArray      *refs,
          const char  *name,
          const char **alt)
{
  gboolean used = FALSE;

  *alt = NULL;
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      const TopiaryMediaRef *ref = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = topiary_media_ref_local_path (ref->url);

      if (path == NULL || !same_name (path, name))
        continue;
      used = TRUE;
      if (ref->image && *alt == NULL)
        *alt = ref->alt != NULL ? ref->alt : "";
    }
  return used;
}

static GMenuModel *
row_menu (const TopiaryFileInfo *info)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) second = g_menu_new ();
  g_autoptr(GMenu) third = g_menu_new ();
  struct { GMenu *section; const char *label; const char *action; } items[] = {
    { first, _("_Rename…"), "files.rename" },
    { first, _("Re_place…"), "files.replace" },
    { first, _("_Export to a Folder…"), "files.export" },
    { second, info->cover ? _("Stop Being the _Cover") : _("Make the _Cover"), "files.cover" },
    { third, _("Re_move"), "files.remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_str_equal (items[i].action, "files.cover") && !topiary_file_info_is_image (info))
        continue;
      item = g_menu_item_new (items[i].label, NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (info->id));
      g_menu_append_item (items[i].section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (second));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (third));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_row (TopiaryFileList       *self,
          const TopiaryFileInfo *info,
          GArray                *refs)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *picture, *button;
  GdkPaintable *thumbnail = thumbnail_for (self, info);
  g_autoptr(GMenuModel) menu = row_menu (info);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *title = g_markup_escape_text (name_part (info->name), -1);
  g_autofree char *actions_label = NULL;
  g_autofree char *escaped = NULL;
  const char *alt = NULL;
  gboolean used = find_use (refs, info->name, &alt);

  g_string_append (subtitle, size);
  if (info->width > 0 && info->height > 0)
    g_string_append_printf (subtitle, " · %u × %u", info->width, info->height);
  if (info->cover)
    g_string_append_printf (subtitle, " · %s", _("Cover"));
  g_string_append_c (subtitle, '\n');
  if (!used)
    g_string_append (subtitle, _("Not used in the text"));
  else if (alt == NULL)
    g_string_append (subtitle, _("Linked in the text"));
  else if (*alt == '\0')
    g_string_append (subtitle, _("Decorative: no alt text"));
  else
    {
      /* TRANSLATORS: %s is an image's alt text. */
      g_autofree char *line = g_strdup_printf (_("Alt text: “%s”"), alt);
      g_string_append (subtitle, line);
    }
  escaped = g_markup_escape_text (subtitle->str, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_name (row, info->name);

  if (thumbnail != NULL)
    picture = gtk_picture_new_for_paintable (thumbnail);
  else
    picture = gtk_image_new_from_icon_name (topiary_file_info_is_image (info) ? "image-x-generic-symbolic"
                                                                              : "x-office-document-symbolic");
  gtk_widget_set_size_request (picture, 48, 48);
  if (GTK_IS_PICTURE (picture))
    gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alt != NULL && *alt != '\0' ? alt : name_part (info->name), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), picture);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("File Actions"));
  /* TRANSLATORS: %s is a file name such as "shot.png". */
  actions_label = g_strdup_printf (_("Actions for %s"), name_part (info->name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, actions_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
refresh (TopiaryFileList *self)
{
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self), self->project != NULL && self->article_id != 0);
  if (self->project == NULL || self->article_id == 0)
    return;

  self->files = topiary_project_list_files (self->project, self->article_id, &error);
  if (self->files == NULL)
    {
      g_debug ("Cannot list the article's files: %s", error->message);
      return;
    }
  refs = topiary_media_scan_refs (self->text != NULL ? self->text : "");
  for (guint i = 0; i < self->files->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (self->files, i), refs));
}

static gboolean
text_changed_cb (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_REMOVE;
}

/* ---- public ---- */

static void
on_project_changed (TopiaryFileList *self)
{
  refresh (self);
}

void
topiary_file_list_set_article (TopiaryFileList *self,
                               TopiaryProject  *project,
                               gint64           article_id)
{
  g_return_if_fail (TOPIARY_IS_FILE_LIST (self));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_clear_signal_handler (&self->changed_id, self->project);
      g_set_object (&self->project, project);
      if (project != NULL)
        self->changed_id = g_signal_connect_object (project, "changed::files", G_CALLBACK (on_project_changed),
                                                    self, G_CONNECT_SWAPPED);
      g_hash_table_remove_all (self->thumbnails);
    }
  /* The editor hands over the new article's text as it loads it, which
   * is before this. */
  self->article_id = article_id;
  topiary_debounce_cancel (self->text_changed);
  refresh (self);
}

void
topiary_file_list_set_text (TopiaryFileList *self,
                            const char      *markdown)
{
  g_return_if_fail (TOPIARY_IS_FILE_LIST (self));

  if (g_strcmp0 (self->text, markdown) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (markdown);
  topiary_debounce_arm (self->text_changed);
}

GtkWidget *
topiary_file_list_get_row (TopiaryFileList *self,
                           const char      *name)
{
  g_return_val_if_fail (TOPIARY_IS_FILE_LIST (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;
  return NULL;
}

/* ---- actions ---- */

static void
rewritten (TopiaryFileList *self,
           guint            n_links)
{
  if (n_links > 0)
    g_signal_emit (self, signals[SIGNAL_TEXT_REWRITTEN], 0);
}

static void
on_rename_text (gpointer    owner,
                const char *text,
                gpointer    data)
{
  TopiaryFileList *self = owner;
  gint64 id = GPOINTER_TO_SIZE (data);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (self->project == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
  info = topiary_project_rename_file (self->project, id, text, &n, &error);
  if (info == NULL)
    {
      message (self, error->message);
      return;
    }
  rewritten (self, n);
}

static void
files_rename (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TopiaryFileList *self = user_data;
  TopiaryFileInfo *info = file_by_id (self, g_variant_get_int64 (param));
  g_autofree char *stem = NULL;
  const char *dot;

  if (info == NULL)
    return;
  stem = g_strdup (name_part (info->name));
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    stem[dot - stem] = '\0';
  topiary_ask_text (parent_window (self), G_OBJECT (self), _("Rename File"), stem, _("_Rename"),
                    on_rename_text, GSIZE_TO_POINTER (info->id), NULL);
}

typedef struct {
  TopiaryFileList *self;
  gint64           id;
} Replace;

static void
replace_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  TopiaryCheckedFile *file = topiary_checked_file_new_for_path (task_data, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) topiary_checked_file_free);
}

static void
on_replace_checked (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TopiaryFileList *self = TOPIARY_FILE_LIST (object);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(TopiaryCheckedFile) file = NULL;
  g_autoptr(TopiaryFileInfo) before = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_free (user_data);
  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      message (self, error->message);
      return;
    }
  if (self->project == NULL || file_by_id (self, id) == NULL)
    return;
  before = topiary_file_info_copy (file_by_id (self, id));
  g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
  info = topiary_project_replace_file (self->project, id, file, &error);
  if (info == NULL)
    {
      message (self, error->message);
      return;
    }
  rewritten (self, strcmp (before->name, info->name) != 0);
}

static void
on_replacement_chosen (gpointer    owner,
                       const char *path,
                       gpointer    data)
{
  TopiaryFileList *self = owner;
  g_autoptr(GTask) task = NULL;

  if (path == NULL)
    return;
  task = g_task_new (self, NULL, on_replace_checked, g_memdup2 (data, sizeof (gint64)));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, replace_in_thread);
}

static void
files_replace (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  TopiaryFileList *self = user_data;
  gint64 id = g_variant_get_int64 (param);

  if (file_by_id (self, id) == NULL)
    return;
  topiary_file_chooser_show (parent_window (self), TOPIARY_FILE_CHOOSER_OPEN_IMAGE,
                             _("Replace File"), _("_Replace"), NULL, G_OBJECT (self),
                             on_replacement_chosen, g_memdup2 (&id, sizeof id), g_free);
}

/* Writes @data into @dir as @name, or "name-2.png" … when taken; never
 * over an existing file or through a link. */
static char *
write_new_file (const char  *dir,
                const char  *name,
                GBytes      *data,
                GError     **error)
{
  g_autofree char *stem = g_strdup (name);
  const char *ext = "";
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    {
      ext = name + (dot - stem);
      *dot = '\0';
    }
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *base = i == 1 ? g_strdup (name) : g_strdup_printf ("%s-%u%s", stem, i, ext);
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = NULL;
      g_autoptr(GError) local = NULL;
      gsize written = 0;

      out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local);
      if (out == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        continue;
      if (out == NULL ||
          !g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                      &written, NULL, &local) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
        {
          if (out != NULL)
            g_file_delete (file, NULL, NULL);
          /* TRANSLATORS: the first %s is a file name, the second why it failed. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save “%s”: %s."), base, local->message);
          return NULL;
        }
      return g_steal_pointer (&base);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The folder has too many files called “%s”."), name);
  return NULL;
}

static void
on_export_folder (gpointer    owner,
                  const char *path,
                  gpointer    data)
{
  TopiaryFileList *self = owner;
  TopiaryFileInfo *info = file_by_id (self, *(gint64 *) data);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  if (path == NULL || info == NULL || self->project == NULL)
    return;
  bytes = topiary_project_get_file_data (self->project, info->sha256, &error);
  if (bytes != NULL)
    written = write_new_file (path, name_part (info->name), bytes, &error);
  if (written == NULL)
    {
      message (self, error->message);
      return;
    }
  folder = g_path_get_basename (path);
  /* TRANSLATORS: the first %s is a file name, the second a folder's. */
  text = g_strdup_printf (_("“%s” was saved in “%s”."), written, folder);
  message (self, text);
}

static void
files_export (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TopiaryFileList *self = user_data;
  gint64 id = g_variant_get_int64 (param);

  if (file_by_id (self, id) == NULL)
    return;
  topiary_file_chooser_show (parent_window (self), TOPIARY_FILE_CHOOSER_FOLDER,
                             _("Export to a Folder"), _("_Export"), NULL, G_OBJECT (self),
                             on_export_folder, g_memdup2 (&id, sizeof id), g_free);
}

static void
files_cover (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  TopiaryFileList *self = user_data;
  TopiaryFileInfo *info = file_by_id (self, g_variant_get_int64 (param));
  g_autoptr(GError) error = NULL;

  if (info == NULL || self->project == NULL)
    return;
  if (!topiary_project_set_cover (self->project, self->article_id, info->cover ? 0 : info->id, &error))
    message (self, error->message);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TopiaryFileList  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "file-id"));
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (dialog, self);
  if (g_strcmp0 (response, "remove") != 0 || self->project == NULL || file_by_id (self, id) == NULL)
    return;
  if (!topiary_project_remove_file (self->project, id, &error))
    message (self, error->message);
}

static void
files_remove (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TopiaryFileList *self = user_data;
  TopiaryFileInfo *info = file_by_id (self, g_variant_get_int64 (param));
  g_autoptr(GArray) refs = NULL;
  g_autofree char *heading = NULL;
  const char *alt;
  GtkWidget *dialog;

  if (info == NULL)
    return;
  refs = topiary_media_scan_refs (self->text != NULL ? self->text : "");
  /* TRANSLATORS: %s is a file name such as "shot.png". */
  heading = g_strdup_printf (_("Remove “%s”?"), name_part (info->name));
  dialog = topiary_message_dialog_new (parent_window (self), heading,
                                   find_use (refs, info->name, &alt)
                                   ? _("The text still links to it: the link will show nothing.")
                                   : _("The text does not use it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "file-id", GSIZE_TO_POINTER (info->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry action_entries[] = {
  { .name = "rename", .activate = files_rename, .parameter_type = "x" },
  { .name = "replace", .activate = files_replace, .parameter_type = "x" },
  { .name = "export", .activate = files_export, .parameter_type = "x" },
  { .name = "cover", .activate = files_cover, .parameter_type = "x" },
  { .name = "remove", .activate = files_remove, .parameter_type = "x" },
};

/* ---- life cycle ---- */

static void
topiary_file_list_dispose (GObject *object)
{
  TopiaryFileList *self = TOPIARY_FILE_LIST (object);

  g_clear_pointer (&self->text_changed, topiary_debounce_free);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_object (&self->none);
  g_clear_pointer (&self->text, g_free);
  for (guint i = 0; self->actions != NULL && i < G_N_ELEMENTS (action_entries); i++)
    g_action_map_remove_action (G_ACTION_MAP (self->actions), action_entries[i].name);
  g_clear_object (&self->actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_FILE_LIST);
  G_OBJECT_CLASS (topiary_file_list_parent_class)->dispose (object);
}

static void
topiary_file_list_class_init (TopiaryFileListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_file_list_dispose;

  /* Something to tell the user, in one sentence. */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Before the list changes the article's text: whoever edits it saves. */
  signals[SIGNAL_PREPARE] =
    g_signal_new ("prepare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The article's links were rewritten in the project. */
  signals[SIGNAL_TEXT_REWRITTEN] =
    g_signal_new ("text-rewritten", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-file-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryFileList, group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryFileList, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_file_list_init (TopiaryFileList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->none = g_object_new (G_TYPE_OBJECT, NULL);
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->text_changed = topiary_debounce_new (TEXT_DELAY_MS, text_changed_cb, self);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "files", G_ACTION_GROUP (self->actions));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* A placeholder, not a row: nothing to activate or name. */
  {
    GtkWidget *empty = gtk_label_new (_("No images or files yet"));

    gtk_widget_add_css_class (empty, "dim-label");
    gtk_widget_set_margin_top (empty, 12);
    gtk_widget_set_margin_bottom (empty, 12);
    gtk_list_box_set_placeholder (self->list, empty);
  }
}
