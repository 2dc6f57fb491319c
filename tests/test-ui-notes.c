/* test-ui-notes.c — the map's notes are written in the app (add, edit,
 * delete, reorder, with a Markdown preview), and so are the map's and a
 * group's title and description; each change is undone by the map's
 * Undo (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "topiary-overview.h"
#include "topiary-preview.h"

static GtkWidget *
overview (void)
{
  GtkWidget *found = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_OVERVIEW, 0);

  g_assert_nonnull (found);
  return found;
}

static GtkWindow *
window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)) && g_strcmp0 (gtk_window_get_title (w), title) == 0)
        return w;
    }
  return NULL;
}

static gboolean
titled_shown (gpointer data)
{
  return window_titled (data) != NULL;
}

/* Fills the open dialog @title with @name and @text and saves it. */
static void
fill_and_save (const char *title,
               const char *name,
               const char *text)
{
  GtkWindow *dialog;

  g_assert_true (wait_for (titled_shown, (gpointer) title, 5000));
  dialog = window_titled (title);
  gtk_editable_set_text (GTK_EDITABLE (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, 0))),
                            text, -1);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Save"), "clicked");
  spin (200);
  g_assert_null (window_titled (title));
}

/* The notes as "title: body" lines, in order. */
static char *
notes_text (void)
{
  g_autoptr(GListModel) notes = topiary_project_list_notes (topiary_window_get_project (window), NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);
      g_string_append_printf (out, "%s: %s\n", topiary_note_get_title (note), topiary_note_get_body (note));
    }
  return g_string_free (out, FALSE);
}

static gint64
note_id_titled (const char *title)
{
  g_autoptr(GListModel) notes = topiary_project_list_notes (topiary_window_get_project (window), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);
      if (g_strcmp0 (topiary_note_get_title (note), title) == 0)
        return topiary_note_get_id (note);
    }
  return 0;
}

static void
undo (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
  spin (100);
}

static void
test_notes (UiFixture     *f,
            gconstpointer  data)
{
  g_autofree char *start = NULL;
  g_autofree char *now = NULL;
  gint64 first, second;

  topiary_window_show_map (window, 0);
  spin (100);
  start = notes_text ();

  gtk_widget_activate_action (overview (), "overview.add-note", NULL);
  fill_and_save ("New Note", "First note", "Some *Markdown*.");
  gtk_widget_activate_action (overview (), "overview.add-note", NULL);
  fill_and_save ("New Note", "Second note", "More.");
  first = note_id_titled ("First note");
  second = note_id_titled ("Second note");
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, 0);
  now = notes_text ();
  g_assert_true (g_str_has_suffix (now, "First note: Some *Markdown*.\nSecond note: More.\n"));
  g_clear_pointer (&now, g_free);

  /* Edit. */
  gtk_widget_activate_action (overview (), "overview.edit-note", "x", first);
  fill_and_save ("Edit Note", "First note", "Changed.");
  now = notes_text ();
  g_assert_nonnull (strstr (now, "First note: Changed.\n"));
  g_clear_pointer (&now, g_free);
  undo ();
  now = notes_text ();
  g_assert_nonnull (strstr (now, "First note: Some *Markdown*.\n"));
  g_clear_pointer (&now, g_free);

  /* Reorder: the second to the top, and back with Undo. */
  gtk_widget_activate_action (overview (), "overview.move-note", "(xx)", second, (gint64) 1);
  now = notes_text ();
  g_assert_true (g_str_has_prefix (now, "Second note: More.\n"));
  g_clear_pointer (&now, g_free);
  undo ();
  now = notes_text ();
  g_assert_true (g_str_has_suffix (now, "First note: Some *Markdown*.\nSecond note: More.\n"));
  g_clear_pointer (&now, g_free);

  /* Delete, and back in its place with its id. */
  gtk_widget_activate_action (overview (), "overview.delete-note", "x", first);
  now = notes_text ();
  g_assert_null (strstr (now, "First note"));
  g_clear_pointer (&now, g_free);
  undo ();
  now = notes_text ();
  g_assert_true (g_str_has_suffix (now, "First note: Some *Markdown*.\nSecond note: More.\n"));
  g_assert_cmpint (note_id_titled ("First note"), ==, first);

  /* Undo all: the notes as they were. */
  undo ();
  undo ();
  g_clear_pointer (&now, g_free);
  now = notes_text ();
  g_assert_cmpstr (now, ==, start);
}

static gboolean
preview_updated (gpointer data)
{
  return topiary_preview_get_n_updates (data) > 0 && topiary_preview_is_idle (data);
}

/* The note's Preview page renders its Markdown. */
static void
test_note_preview (UiFixture     *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;
  GtkStack *stack;
  GtkWidget *preview;

  topiary_window_show_map (window, 0);
  gtk_widget_activate_action (overview (), "overview.add-note", NULL);
  g_assert_true (wait_for (titled_shown, (gpointer) "New Note", 5000));
  dialog = window_titled ("New Note");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, 0))),
                            "# Heading\n\nSome **bold** words.\n", -1);
  /* The Write / Preview stack (other stacks live inside widgets). */
  for (guint i = 0;; i++)
    {
      stack = GTK_STACK (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_STACK, i));
      g_assert_nonnull (stack);
      if (gtk_stack_get_child_by_name (stack, "preview") != NULL)
        break;
    }
  gtk_stack_set_visible_child_name (stack, "preview");
  preview = find_widget_of_type (GTK_WIDGET (dialog), TOPIARY_TYPE_PREVIEW, 0);
  g_assert_nonnull (preview);
  g_assert_true (wait_for (preview_updated, preview, 20000));
  shot ("note-preview.png");
  gtk_window_destroy (dialog);
}

/* The map's and a group's title and description. */
static void
test_details (UiFixture     *f,
              gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autofree char *old_title = topiary_project_get_map_field (project, "title");
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(TopiaryGroup) group = NULL;
  gint64 group_id = nth_group_id (project, 0);

  topiary_window_show_map (window, 0);
  gtk_widget_activate_action (overview (), "overview.edit-details", NULL);
  fill_and_save ("Edit Map", "A better title", "What the map is for.");
  title = topiary_project_get_map_field (project, "title");
  description = topiary_project_get_map_field (project, "description");
  g_assert_cmpstr (title, ==, "A better title");
  g_assert_cmpstr (description, ==, "What the map is for.");
  undo ();
  undone = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (undone, ==, old_title);

  topiary_window_show_map (window, group_id);
  spin (100);
  gtk_widget_activate_action (overview (), "overview.edit-details", NULL);
  fill_and_save ("Edit Group", "Renamed group", "Its description.");
  group = topiary_project_get_group (project, group_id, NULL);
  g_assert_cmpstr (topiary_group_get_title (group), ==, "Renamed group");
  g_assert_cmpstr (topiary_group_get_description (group), ==, "Its description.");
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-notes"))
    return 77;
  ui_test_add_sample ("/ui/notes/add-edit-move-delete", test_notes);
  ui_test_add_sample ("/ui/notes/preview", test_note_preview);
  ui_test_add_sample ("/ui/notes/map-and-group-details", test_details);
  return ui_test_run ();
}
