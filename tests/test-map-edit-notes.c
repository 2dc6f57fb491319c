/* test-map-edit-notes.c — the map's notes, title and description edited
 * as undoable edits: each undone to exactly the map that was, and redone
 * (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-edit.h"
#include "topiary-project.h"
#include "topiary-undo-stack.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add_note (Fixture    *f,
          const char *kind,
          const char *title,
          const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new (kind, title, body);

  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);
  return topiary_note_get_id (note);
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = add_note (f, "strategy", "First", "One *thing*.");
  gint64 second = add_note (f, "goal", "Second", "Two.");
  gint64 third = add_note (f, "audience", "Third", "Three.");
  g_autoptr(TopiaryNote) added = topiary_note_new ("key-fact", "Fourth", "Four.");
  g_autofree char *start = test_describe_map (f->project);
  g_autofree char *after = NULL;
  TopiaryEdit *undo;

  /* Add. */
  undo = topiary_map_edit_add_note (f->project, added, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_note_get_id (added), >, third);
  g_assert_cmpstr (topiary_edit_get_label (undo), ==, "New Note");
  after = test_describe_map (f->project);
  g_assert_nonnull (strstr (after, "N key-fact Fourth: Four.\n"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
  g_clear_pointer (&after, g_free);

  /* Edit: kind, title and body. */
  undo = topiary_map_edit_update_note (f->project, second, "common-question", "Second, asked", "Two, **bold**.", &error);
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_nonnull (strstr (after, "N common-question Second, asked: Two, **bold**.\n"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
  g_clear_pointer (&after, g_free);

  /* Delete from the middle: its undo puts it back in its place. */
  undo = topiary_map_edit_delete_note (f->project, second, &error);
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_null (strstr (after, "Second"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
  g_clear_pointer (&after, g_free);

  /* Move the last to the top, and the first to the end. */
  undo = topiary_map_edit_move_note (f->project, third, 1, &error);
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_nonnull (strstr (after, "N audience Third: Three.\nN strategy First: One *thing*.\nN goal Second: Two.\n"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
  g_clear_pointer (&after, g_free);
  undo = topiary_map_edit_move_note (f->project, first, 3, &error);
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_nonnull (strstr (after, "N goal Second: Two.\nN audience Third: Three.\nN strategy First: One *thing*.\n"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);

  /* A note gone already is an error, not a silent nothing. */
  undo = topiary_map_edit_update_note (f->project, 9999, "other", "x", "y", &error);
  g_assert_null (undo);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
}

/* An edit of a note after its delete was undone still applies: the note
 * came back under its own id. */
static void
test_delete_undo_keeps_id (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  gint64 note = add_note (f, "strategy", "Kept", "Body.");
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;

  topiary_undo_stack_push (stack, topiary_map_edit_update_note (f->project, note, "strategy", "Kept", "Edited.", &error));
  g_assert_no_error (error);
  edited = test_describe_map (f->project);
  topiary_undo_stack_push (stack, topiary_map_edit_delete_note (f->project, note, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_cmpstr (after, ==, edited);
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = test_describe_map (f->project);
  g_assert_nonnull (strstr (after, "N strategy Kept: Body.\n"));
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Group");
  g_autoptr(TopiaryGroup) read = NULL;
  g_autofree char *start = NULL;
  g_autofree char *after = NULL;
  g_autofree char *slug = NULL;
  TopiaryEdit *undo;

  g_assert_true (topiary_project_set_map_field (f->project, "title", "Old title", &error));
  g_assert_true (topiary_project_set_map_field (f->project, "description", "Old words.", &error));
  g_assert_true (topiary_project_add_group (f->project, group, &error));
  g_assert_no_error (error);
  slug = g_strdup (topiary_group_get_slug (group));
  start = test_describe_map (f->project);

  undo = topiary_map_edit_set_map_details (f->project, "New title", "New words.", &error);
  g_assert_no_error (error);
  after = test_describe_map (f->project);
  g_assert_true (g_str_has_prefix (after, "M New title: New words.\n"));
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
  g_clear_pointer (&after, g_free);

  undo = topiary_map_edit_set_group_details (f->project, topiary_group_get_id (group), "Renamed", "What it holds.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_edit_get_group_id (undo), ==, topiary_group_get_id (group));
  after = test_describe_map (f->project);
  read = topiary_project_get_group (f->project, topiary_group_get_id (group), &error);
  g_assert_cmpstr (topiary_group_get_title (read), ==, "Renamed");
  g_assert_cmpstr (topiary_group_get_description (read), ==, "What it holds.");
  /* Its address stays: links and exports keep working. */
  g_assert_cmpstr (topiary_group_get_slug (read), ==, slug);
  test_check_round_trip (f->project, undo, start, after);
  topiary_edit_unref (undo);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/map-edit/notes", Fixture, NULL,
              test_project_fixture_setup, test_notes, test_project_fixture_teardown);
  g_test_add ("/core/map-edit/note-delete-undo-keeps-id", Fixture, NULL,
              test_project_fixture_setup, test_delete_undo_keeps_id, test_project_fixture_teardown);
  g_test_add ("/core/map-edit/map-and-group-details", Fixture, NULL,
              test_project_fixture_setup, test_details, test_project_fixture_teardown);
  return g_test_run ();
}
