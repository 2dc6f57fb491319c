/* test-ui-images.c — images into an article from the app: Insert Image,
 * drops and pastes, the alt text prompt, the preview before saving, bad
 * files, and the article's files in the details panel (issue 12)
 *
 * Each case has the sample map with the first group's pillar open in the
 * split layout (test-ui-util.h). Drops go through the window's own drop
 * target, pastes through the editor's "paste-clipboard" with the
 * clipboard really holding the image or the files, and Insert → Image…
 * through the file chooser GTK shows when there is no portal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1  /* RUSAGE_THREAD */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <gdk/x11/gdkx.h>

#include "topiary-details.h"
#include "topiary-file-list.h"
#include "topiary-media.h"
#include "media-util.h"
#include "test-ui-util.h"

/* ---- helpers ---- */

static char *
write_image (UiFixture  *f,
             const char *name,
             int         width,
             int         height,
             guint       seed)
{
  g_autoptr(GBytes) png = test_image (g_str_has_suffix (name, ".jpg") ? "jpeg" : "png", width, height, seed);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  return path;
}

/* Drops @path on the middle of the editor, as GTK does once it has read
 * the dropped value. */
static gboolean
editor_allocated (gpointer data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 100;
}

static void
drop_on_editor (const char *path)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  gboolean handled = FALSE;
  double x, y;

  g_assert_true (wait_for (editor_allocated, NULL, 10000));
  g_assert_true (gtk_widget_translate_coordinates (view, GTK_WIDGET (window),
                                                   gtk_widget_get_width (view) / 2.0, 10.0, &x, &y));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  g_signal_emit_by_name (window_drop_target (), "drop", &value, x, y, &handled);
  g_assert_true (handled);
}

static GtkTextBuffer *
editor_buffer (void)
{
  return GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
}

static char *
editor_text (void)
{
  return topiary_editor_dup_text (topiary_window_get_editor (window));
}

/* The alt text dialog: an AdwMessageDialog with an entry and a check. */
static gboolean
find_alt_dialog (gpointer data)
{
  GtkWindow *dialog = NULL;

  if (!find_message_dialog (&dialog))
    return FALSE;
  if (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0) == NULL)
    return FALSE;
  if (data != NULL)
    *(GtkWindow **) data = dialog;
  return TRUE;
}

/* Answers the alt text dialog: @alt typed (NULL: kept as offered), or
 * marked decorative, or cancelled. Returns the text it offered. */
static char *
answer_alt (const char *alt,
            gboolean    decorative,
            gboolean    cancel)
{
  GtkWindow *dialog = NULL;
  GtkWidget *entry, *check;
  char *offered;

  g_assert_true (wait_for (find_alt_dialog, &dialog, 20000));
  entry = find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0);
  check = find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0);
  g_assert_nonnull (entry);
  offered = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (alt != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), alt);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), decorative);
  if (decorative)
    g_assert_false (gtk_widget_get_sensitive (entry));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), cancel ? "cancel" : "insert");
  gtk_window_close (dialog);
  spin (100);
  return offered;
}

static gboolean
text_contains (gpointer data)
{
  g_autofree char *text = editor_text ();

  return strstr (text, data) != NULL;
}

static guint
n_files (gint64 article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = topiary_project_list_files (topiary_window_get_project (window), article_id, &error);

  g_assert_no_error (error);
  return files->len;
}

/* The preview shows the image @name with @width pixels, now (its URL
 * carries the file's version, "?v=…"). */
static void
assert_preview_shows (const char *name,
                      guint       width)
{
  g_autofree char *script = g_strdup_printf ("(function () {"
                                             " var i = document.querySelector('#topiary-article img[src*=\"/%s?v=\"]');"
                                             " return i && i.complete ? String(i.naturalWidth) : 'none'; })()", name);
  g_autofree char *want = g_strdup_printf ("%u", width);
  JsWait shown = { script, want };

  if (!wait_for (js_returns, &shown, 15000))
    g_error ("the preview did not show %s: %s", name, eval_js (script, TOPIARY_PREVIEW_WORLD));
}

/* ---- cases ---- */

/* Insert → Image… (the menu's action, and its shortcut's): the chosen
 * file goes into the project, the alt text offered is its name made
 * readable, the link goes in at the cursor, and the preview shows the
 * image before anything is saved. */
static void
test_insert_command (UiFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_image (f, "site_diagram.png", 64, 48, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autofree char *offered = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (topiary_editor_get_actions (topiary_window_get_editor (window))),
                                                    "insert-image"));
  /* The cursor at the start of the second line. */
  gtk_text_buffer_set_text (editor_buffer (), "First line.\nSecond line.\n", -1);
  gtk_text_buffer_get_iter_at_line (editor_buffer (), &iter, 1);
  gtk_text_buffer_place_cursor (editor_buffer (), &iter);

  gtk_widget_activate_action (GTK_WIDGET (window), "article.insert-image", NULL);
  ui_pick_file (file);

  offered = answer_alt ("A diagram of the site", FALSE, FALSE);
  g_assert_cmpstr (offered, ==, "Site diagram");
  g_assert_true (wait_for (text_contains, "![A diagram of the site](images/site-diagram.png)", 5000));
  text = editor_text ();
  gtk_text_buffer_get_iter_at_line (editor_buffer (), &iter, 1);
  {
    g_autofree char *line = NULL;
    GtkTextIter end = iter;

    gtk_text_iter_forward_to_line_end (&end);
    line = gtk_text_iter_get_text (&iter, &end);
    g_assert_cmpstr (line, ==, "![A diagram of the site](images/site-diagram.png)Second line.");
  }
  g_assert_cmpuint (n_files (article), ==, 1);

  /* Not saved yet, and the preview shows it. */
  g_assert_true (topiary_editor_is_dirty (topiary_window_get_editor (window)));
  assert_preview_shows ("images/site-diagram.png", 64);
}

/* The shortcut and the main menu reach the command. */
static void
test_insert_menu (UiFixture     *f,
                  gconstpointer  data)
{
  GMenuModel *menu = NULL;
  gboolean found = FALSE;

  for (guint i = 0;; i++)
    {
      GtkWidget *button = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);

      if (button == NULL)
        break;
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
      for (int s = 0; menu != NULL && s < g_menu_model_get_n_items (menu) && !found; s++)
        {
          GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

          for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
            {
              g_autofree char *action = NULL;

              if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
                  g_strcmp0 (action, "article.insert-image") == 0)
                found = TRUE;
            }
          g_clear_object (&section);
        }
    }
  g_assert_true (found);

  /* Ctrl+Shift+I, pressed for real in the editor, opens the chooser. */
  {
    g_autofree char *xdotool = g_find_program_in_path ("xdotool");
    GtkWindow *chooser = NULL;
    GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
    g_autofree char *xid = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
      {
        g_test_skip ("No xdotool or no X display: the shortcut is not pressed.");
        return;
      }
    xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
    {
      const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
      const char *key[] = { "xdotool", "key", "--clearmodifiers", "ctrl+shift+i", NULL };

      gtk_widget_grab_focus (view);
      spin (50);
      g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
    }
    g_assert_true (wait_for (ui_find_file_chooser, &chooser, 10000));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    spin (200);
  }
}

/* A dropped image goes in where it was dropped; "Decorative" gives it
 * empty alt text. */
static void
test_drop_decorative (UiFixture     *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_image (f, "Team Photo.png", 40, 30, 2);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autofree char *offered = NULL;

  drop_on_editor (path);
  offered = answer_alt ("ignored", TRUE, FALSE);
  g_assert_cmpstr (offered, ==, "Team Photo");
  g_assert_true (wait_for (text_contains, "![](images/team-photo.png)", 5000));
  g_assert_cmpuint (n_files (article), ==, 1);
  assert_preview_shows ("images/team-photo.png", 40);
}

/* Cancelling the alt text adds nothing, to the text or the project. */
static void
test_drop_cancel (UiFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_image (f, "photo.png", 20, 20, 3);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autofree char *before = editor_text ();
  g_autofree char *after = NULL;
  g_autofree char *offered = NULL;

  drop_on_editor (path);
  offered = answer_alt (NULL, FALSE, TRUE);
  after = editor_text ();
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_files (article), ==, 0);
}

/* A pasted image (a screenshot) becomes a PNG called after the time,
 * with or without a selection. */
static void
test_paste_texture (UiFixture     *f,
                    gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  g_autoptr(GBytes) png = test_image ("png", 50, 40, 4);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *link = NULL;
  TopiaryFileInfo *info;

  g_assert_nonnull (texture);
  /* Over a selection too (where a pasted URL would make a link). */
  gtk_text_buffer_set_text (editor_buffer (), "Some words.\n", -1);
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_offset (editor_buffer (), &start, 5);
    gtk_text_buffer_get_iter_at_offset (editor_buffer (), &end, 10);
    gtk_text_buffer_select_range (editor_buffer (), &start, &end);
  }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_signal_emit_by_name (view, "paste-clipboard");
  offered = answer_alt ("The settings window", FALSE, FALSE);
  g_assert_true (g_str_has_prefix (offered, "Screenshot 20"));
  g_assert_true (wait_for (text_contains, "![The settings window](images/screenshot-20", 5000));
  files = topiary_project_list_files (topiary_window_get_project (window), article, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  info = g_ptr_array_index (files, 0);
  g_assert_true (g_regex_match_simple ("^images/screenshot-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}\\.png$", info->name, 0, 0));
  g_assert_cmpstr (info->mime, ==, "image/png");
  g_assert_cmpuint (info->width, ==, 50);
  link = g_strdup_printf ("![The settings window](%s)", info->name);
  g_assert_true (text_contains (link));
  assert_preview_shows (info->name, 50);
}

/* Copied files paste as images; copied text still pastes as text. */
static void
test_paste_file (UiFixture     *f,
                 gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window)));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (view);
  g_autofree char *path = write_image (f, "chart.jpg", 60, 40, 5);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList list = { file, NULL };
  GdkFileList *files = gdk_file_list_new_from_list (&list);
  g_autofree char *offered = NULL;

  gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, files);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  g_signal_emit_by_name (view, "paste-clipboard");
  offered = answer_alt (NULL, FALSE, FALSE);
  g_assert_cmpstr (offered, ==, "Chart");
  g_assert_true (wait_for (text_contains, "![Chart](images/chart.jpg)", 5000));

  gdk_clipboard_set_text (clipboard, "plain words");
  g_signal_emit_by_name (view, "paste-clipboard");
  g_assert_true (wait_for (text_contains, "plain words", 5000));
  g_assert_false (find_alt_dialog (NULL));
}

/* A file that is not what its name says, or a damaged image, is refused
 * with one sentence naming it, and nothing is added. */
static void
test_bad_file (UiFixture     *f,
               gconstpointer  data)
{
  g_autofree char *fake = g_build_filename (f->dir, "notes.png", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "half.png", NULL);
  g_autoptr(GBytes) png = test_image ("png", 30, 30, 6);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autofree char *before = editor_text ();
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fake, "Just some notes.\n", -1, NULL));
  g_assert_true (g_file_set_contents (cut, g_bytes_get_data (png, NULL), g_bytes_get_size (png) / 2, NULL));
  drop_on_editor (fake);
  g_assert_true (wait_for (window_shows_text, "“notes.png” is not a PNG file", 10000));
  drop_on_editor (cut);
  g_assert_true (wait_for (window_shows_text, "“half.png” is damaged", 10000));
  spin (300);
  g_assert_false (find_alt_dialog (NULL));
  after = editor_text ();
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_files (article), ==, 0);
}

/* A large photo is read, checked and given a thumbnail off the main
 * thread: the drop returns at once and the main loop runs until the alt
 * text dialog shows (done on the main thread, the window froze for
 * 650 ms here and the dialog was up when the drop returned); and until
 * then most of the CPU time the process spends is not the main thread's
 * (a ratio, so a busy machine does not change it: 0.34 here, 0.99 with
 * the check on the main thread). The longest stall is reported only. */
typedef struct {
  gint64 last;
  gint64 longest;
  guint  count;
} Ticks;

static gboolean
tick (gpointer data)
{
  Ticks *t = data;
  gint64 now = g_get_monotonic_time ();

  if (t->last != 0)
    t->longest = MAX (t->longest, now - t->last);
  t->last = now;
  t->count++;
  return G_SOURCE_CONTINUE;
}

/* The CPU time the calling thread (@who RUSAGE_THREAD) or the process
 * (RUSAGE_SELF) has used, in µs. */
static gint64
cpu_us (int who)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (who, &usage), ==, 0);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static void
test_large_photo (UiFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big-photo.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2800, 2400);
  g_autoptr(GError) error = NULL;
  g_autofree char *offered = NULL;
  Ticks ticks = { 0 };
  gint64 main_cpu, all_cpu;
  struct stat st;
  guint id;
  guint32 seed = 12345;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize n = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * gdk_pixbuf_get_height (pixbuf);

  /* Noise does not compress: about 20 MB of PNG. */
  for (gsize i = 0; i < n; i++)
    {
      seed = seed * 1103515245u + 12345u;
      pixels[i] = seed >> 24;
    }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, "compression", "1", NULL));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("the photo has %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 15 * 1024 * 1024);

  id = g_timeout_add (10, tick, &ticks);
  main_cpu = cpu_us (RUSAGE_THREAD);
  all_cpu = cpu_us (RUSAGE_SELF);
  drop_on_editor (path);
  /* The drop returned before the photo was read: the check runs on a
   * worker thread, and the main loop goes on meanwhile. (How long it
   * may stall is a figure for bench/, not an assertion here: this
   * machine is shared.) */
  g_assert_false (find_alt_dialog (NULL));
  ticks.count = 0;
  g_assert_true (wait_for (find_alt_dialog, NULL, 30000));
  g_source_remove (id);
  g_test_message ("longest main loop gap while checking: %" G_GINT64_FORMAT " ms", ticks.longest / 1000);
  g_assert_cmpuint (ticks.count, >, 0);
  main_cpu = cpu_us (RUSAGE_THREAD) - main_cpu;
  all_cpu = cpu_us (RUSAGE_SELF) - all_cpu;
  g_test_message ("CPU time while checking: %" G_GINT64_FORMAT " ms, %" G_GINT64_FORMAT " ms of it on the main thread",
                  all_cpu / 1000, main_cpu / 1000);
  g_assert_cmpfloat ((double) main_cpu / all_cpu, <, 0.6);
  /* Storing it is left to the main thread: database work only. */
  ticks.last = ticks.longest = 0;
  id = g_timeout_add (10, tick, &ticks);
  offered = answer_alt (NULL, FALSE, FALSE);
  g_assert_true (wait_for (text_contains, "![Big photo](images/big-photo.png)", 10000));
  spin (100);
  g_source_remove (id);
  g_test_message ("longest main loop gap while storing: %" G_GINT64_FORMAT " ms", ticks.longest / 1000);
}

/* ---- the details panel ---- */

static TopiaryFileList *
file_list (void)
{
  return topiary_details_get_file_list (topiary_window_get_details (window));
}

typedef struct {
  const char *name;
  const char *want;   /* in the subtitle */
} RowWait;

static gboolean
row_says (gpointer data)
{
  RowWait *w = data;
  GtkWidget *row = topiary_file_list_get_row (file_list (), w->name);

  return row != NULL && gtk_widget_get_mapped (row) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), w->want) != NULL;
}

/* The same, shown or not (a folded details panel closes as the text
 * changes). */
static gboolean
row_text_says (gpointer data)
{
  RowWait *w = data;
  GtkWidget *row = topiary_file_list_get_row (file_list (), w->name);

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), w->want) != NULL;
}

static gboolean
row_has_thumbnail (gpointer data)
{
  GtkWidget *row = topiary_file_list_get_row (file_list (), data);

  return row != NULL && find_widget_of_type (row, GTK_TYPE_PICTURE, 0) != NULL;
}

/* The article's files, two images: "images/shot.png" (40 × 30, linked
 * with alt text in the editor's unsaved text) and "images/spare.png"
 * (not used); the details panel open. */
static void
open_files (UiFixture        *f,
            TopiaryFileInfo **shot,
            TopiaryFileInfo **spare)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autoptr(GBytes) one = test_image ("png", 40, 30, 7);
  g_autoptr(GBytes) two = test_image ("png", 20, 10, 8);
  g_autoptr(GError) error = NULL;

  *shot = topiary_project_add_file (project, article, "shot.png", one, &error);
  g_assert_no_error (error);
  *spare = topiary_project_add_file (project, article, "spare.png", two, &error);
  g_assert_no_error (error);
  gtk_text_buffer_set_text (editor_buffer (), "Intro.\n\n![A shot](images/shot.png)\n\nSee [it](./images/shot.png).\n", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
}

/* Each file shows its name, size, pixel size, alt text and whether the
 * text uses it, with a thumbnail made off the main thread. */
static void
test_file_list (UiFixture     *f,
                gconstpointer  data)
{
  g_autoptr(TopiaryFileInfo) shot = NULL;
  g_autoptr(TopiaryFileInfo) spare = NULL;
  RowWait shot_row = { "images/shot.png", "40 × 30" };
  RowWait shot_alt = { "images/shot.png", "Alt text: “A shot”" };
  RowWait spare_row = { "images/spare.png", "Not used in the text" };
  RowWait decorative = { "images/shot.png", "Decorative: no alt text" };
  GtkWidget *row;

  open_files (f, &shot, &spare);
  g_assert_true (wait_for (row_says, &shot_row, 10000));
  g_assert_true (wait_for (row_says, &shot_alt, 10000));
  g_assert_true (wait_for (row_says, &spare_row, 10000));
  row = topiary_file_list_get_row (file_list (), "images/shot.png");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "shot.png");
  g_assert_true (wait_for (row_has_thumbnail, (gpointer) "images/shot.png", 10000));

  /* Typing changes what the list says, before any save. */
  gtk_text_buffer_set_text (editor_buffer (), "![](images/shot.png)\n", -1);
  g_assert_true (wait_for (row_text_says, &decorative, 10000));
}

/* Renaming a file rewrites the article's links to it (the editor shows
 * the new text), and the preview shows the image under its new name. */
static void
test_rename (UiFixture     *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryFileInfo) shot = NULL;
  g_autoptr(TopiaryFileInfo) spare = NULL;
  RowWait renamed = { "images/site-map.png", "Alt text: “A shot”" };
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autoptr(TopiaryArticle) saved = NULL;
  g_autofree char *text = NULL;

  open_files (f, &shot, &spare);
  g_assert_true (wait_for (row_says, &(RowWait) { "images/shot.png", "Alt text" }, 10000));
  gtk_widget_activate_action (GTK_WIDGET (file_list ()), "files.rename", "x", shot->id);
  answer_name_dialog ("Site map");
  text = editor_text ();
  g_assert_cmpstr (text, ==, "Intro.\n\n![A shot](images/site-map.png)\n\nSee [it](./images/site-map.png).\n");
  saved = topiary_project_get_article (topiary_window_get_project (window), article, TRUE, NULL);
  g_assert_cmpstr (topiary_article_get_body (saved), ==, text);
  g_assert_true (wait_for (row_text_says, &renamed, 10000));
  assert_preview_shows ("images/site-map.png", 40);

  /* A name another file has is refused, in one sentence. */
  gtk_widget_activate_action (GTK_WIDGET (file_list ()), "files.rename", "x", spare->id);
  answer_name_dialog ("site-map");
  g_assert_true (wait_for (window_shows_text, "The article has a file called “site-map.png” already.", 10000));
}

/* The cover, and removing a file after the user confirms. */
static void
test_cover_and_remove (UiFixture     *f,
                       gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  g_autoptr(TopiaryFileInfo) shot = NULL;
  g_autoptr(TopiaryFileInfo) spare = NULL;
  g_autoptr(TopiaryFileInfo) cover = NULL;
  RowWait is_cover = { "images/shot.png", "Cover" };
  GtkWindow *dialog = NULL;

  open_files (f, &shot, &spare);
  g_assert_true (wait_for (row_says, &(RowWait) { "images/shot.png", "Alt text" }, 10000));
  gtk_widget_activate_action (GTK_WIDGET (file_list ()), "files.cover", "x", shot->id);
  cover = topiary_project_get_cover (project, article, NULL);
  g_assert_nonnull (cover);
  g_assert_cmpint (cover->id, ==, shot->id);
  g_assert_true (wait_for (row_text_says, &is_cover, 10000));

  gtk_widget_activate_action (GTK_WIDGET (file_list ()), "files.remove", "x", spare->id);
  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  gtk_window_close (dialog);
  spin (200);
  g_assert_cmpuint (n_files (article), ==, 1);
  g_assert_null (topiary_file_list_get_row (file_list (), "images/spare.png"));
}

/* Export writes the file's bytes into the chosen folder, never over a
 * file that is there. */
static void
test_export (UiFixture     *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryFileInfo) shot = NULL;
  g_autoptr(TopiaryFileInfo) spare = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *first = g_build_filename (out, "shot.png", NULL);
  g_autofree char *second = g_build_filename (out, "shot-2.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GBytes) want = NULL;
  g_autofree char *got = NULL;
  gsize len = 0;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (first, "already here", -1, NULL));
  open_files (f, &shot, &spare);
  g_assert_true (wait_for (row_says, &(RowWait) { "images/shot.png", "Alt text" }, 10000));
  gtk_widget_activate_action (GTK_WIDGET (file_list ()), "files.export", "x", shot->id);
  ui_pick_file (folder);
  g_assert_true (wait_for (window_shows_text, "“shot-2.png” was saved in “out”.", 10000));
  want = topiary_project_get_file_data (topiary_window_get_project (window), shot->sha256, NULL);
  g_assert_true (g_file_get_contents (second, &got, &len, NULL));
  g_assert_cmpmem (got, len, g_bytes_get_data (want, NULL), g_bytes_get_size (want));
  g_clear_pointer (&got, g_free);
  g_assert_true (g_file_get_contents (first, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, "already here");
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-images"))
    return 77;

  ui_test_add_article ("/ui/images/insert-command", test_insert_command);
  ui_test_add_article ("/ui/images/insert-menu-and-shortcut", test_insert_menu);
  ui_test_add_article ("/ui/images/drop-decorative", test_drop_decorative);
  ui_test_add_article ("/ui/images/drop-cancel", test_drop_cancel);
  ui_test_add_article ("/ui/images/paste-texture", test_paste_texture);
  ui_test_add_article ("/ui/images/paste-file", test_paste_file);
  ui_test_add_article ("/ui/images/bad-file", test_bad_file);
  ui_test_add_article ("/ui/images/large-photo", test_large_photo);
  ui_test_add_article ("/ui/images/file-list", test_file_list);
  ui_test_add_article ("/ui/images/rename-rewrites-links", test_rename);
  ui_test_add_article ("/ui/images/cover-and-remove", test_cover_and_remove);
  ui_test_add_article ("/ui/images/export", test_export);

  return ui_test_run ();
}
