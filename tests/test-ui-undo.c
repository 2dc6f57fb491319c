/* test-ui-undo.c — undo and redo of the map's edits in the app, under Xvfb:
 * moves, renames (with the links to the old title), deletes, restores from
 * Deleted Articles, a pillar's clusters, the menu's labels, the keys, the
 * delete toast, and every other edit of the map (each undone to exactly
 * the map it was, and redone to exactly what the edit made)
 *
 * Each case gets a fresh window and copy of the sample map
 * (test-ui-util.h). Without a display the program exits with 77.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-trash-dialog.h"
#include "test-ui-util.h"
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

static void
undo (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo", NULL);
}

static void
redo (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "map.redo", NULL);
}

/* The labels of the main menu's items, in order, sections flattened. */
static void
collect_labels (GMenuModel *model,
                GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        collect_labels (section, out);
      else if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (out, "%s|", label);
    }
}

static char *
main_menu_labels (void)
{
  GString *out = g_string_new ("|");

  /* The welcome page has a main menu of its own. */
  for (guint i = 0; ; i++)
    {
      GtkWidget *button = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);

      if (button == NULL)
        break;
      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Main Menu") == 0)
        collect_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), out);
    }
  return g_string_free (out, FALSE);
}

static gboolean
menu_has (const char *label)
{
  g_autofree char *labels = main_menu_labels ();
  g_autofree char *item = g_strdup_printf ("|%s|", label);

  return strstr (labels, item) != NULL;
}

static gint64
position_of (gint64 id)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article (topiary_window_get_project (window), id, FALSE, NULL);

  g_assert_nonnull (a);
  return topiary_article_get_position (a);
}

/* Answers the open message dialog with @response. */
static void
answer_dialog (const char *response)
{
  GtkWindow *dialog = NULL;

  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  spin (200);
}

static void
test_move (UiFixture     *f,
           gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) first = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  gint64 id = topiary_article_get_id (first);
  gint64 before = topiary_article_get_position (first);

  g_assert_true (menu_has ("Undo"));
  click_article (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-down", NULL);
  g_assert_cmpint (position_of (id), >, before);
  /* The menu says what Undo would undo. */
  g_assert_true (menu_has ("Undo Move"));

  undo ();
  g_assert_cmpint (position_of (id), ==, before);
  g_assert_true (menu_has ("Redo Move"));
  redo ();
  g_assert_cmpint (position_of (id), >, before);
  undo ();
  g_assert_cmpint (position_of (id), ==, before);
}

static void
test_rename (UiFixture     *f,
             gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) other = find_article (project, nth_group_id (project, 2), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_title = g_strdup (topiary_article_get_title (target));
  g_autofree char *link_body = g_strdup_printf ("See [[%s]].", old_title);
  g_autofree char *body = NULL;
  gint64 id = topiary_article_get_id (target);
  gint64 other_id = topiary_article_get_id (other);

  /* Another article links to it by its title. */
  g_assert_true (topiary_project_save_body (project, other_id, link_body, &error));
  g_assert_no_error (error);

  click_article (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.rename", NULL);
  answer_name_dialog ("Ünïcode renamed");
  /* Asked whether the link follows: yes. */
  answer_dialog ("second");
  {
    g_autoptr(TopiaryArticle) a = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpstr (topiary_article_get_title (a), ==, "Ünïcode renamed");
  }
  body = topiary_project_get_body (project, other_id, NULL);
  g_assert_cmpstr (body, ==, "See [[Ünïcode renamed]].");
  g_assert_true (menu_has ("Undo Rename"));

  /* One undo: the title and the link. */
  undo ();
  {
    g_autoptr(TopiaryArticle) a = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpstr (topiary_article_get_title (a), ==, old_title);
  }
  g_free (body);
  body = topiary_project_get_body (project, other_id, NULL);
  g_assert_cmpstr (body, ==, link_body);
  redo ();
  g_free (body);
  body = topiary_project_get_body (project, other_id, NULL);
  g_assert_cmpstr (body, ==, "See [[Ünïcode renamed]].");
}

static void
test_delete (UiFixture     *f,
             gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) pillar = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) back = NULL;
  guint before = topiary_project_count_articles (project, NULL);
  const char *slug = topiary_article_get_slug (pillar);

  g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, topiary_article_get_id (pillar));
  click_article (topiary_article_get_id (pillar));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  g_assert_true (menu_has ("Undo Delete"));

  undo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
  back = topiary_project_get_article_by_slug (project, slug, FALSE, NULL);
  g_assert_nonnull (back);
  /* Its cluster hangs under it again. */
  {
    g_autoptr(TopiaryArticle) c = topiary_project_get_article (project, topiary_article_get_id (cluster), FALSE, NULL);
    g_assert_cmpint (topiary_article_get_parent_id (c), ==, topiary_article_get_id (back));
  }
  redo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  /* The toast's Undo is the same undo. */
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
}

static gboolean
find_trash_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TOPIARY_IS_TRASH_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_restore (UiFixture     *f,
              gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) victim = find_article (project, nth_group_id (project, 2), TOPIARY_KIND_CLUSTER, 1);
  g_autoptr(TopiaryArticle) back = NULL;
  g_autoptr(TopiaryArticle) other = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  GtkWindow *dialog = NULL;
  GtkWidget *button;
  guint before = topiary_project_count_articles (project, NULL);

  click_article (topiary_article_get_id (victim));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  /* Something else after it: the toast's moment is gone. */
  click_article (topiary_article_get_id (other));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-down", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);

  g_assert_true (menu_has ("_Deleted Articles…"));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.show-trash", NULL);
  g_assert_true (wait_for (find_trash_dialog, &dialog, 10000));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Deleted Articles");
  g_assert_cmpuint (topiary_trash_dialog_get_n_items (TOPIARY_TRASH_DIALOG (dialog)), ==, 1);
  /* A button with a name that says what it restores. */
  button = find_button (GTK_WIDGET (dialog), "_Restore");
  g_assert_nonnull (button);
  shot ("trash.png");
  g_signal_emit_by_name (button, "clicked");
  spin (100);
  g_assert_cmpuint (topiary_trash_dialog_get_n_items (TOPIARY_TRASH_DIALOG (dialog)), ==, 0);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
  back = topiary_project_get_article_by_slug (project, topiary_article_get_slug (victim), FALSE, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (topiary_article_get_title (back), ==, topiary_article_get_title (victim));
  gtk_window_destroy (dialog);

  /* The restore is undone like any edit, and redone. */
  g_assert_true (menu_has ("Undo Restore"));
  undo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  redo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
}

/* The delete toast's Undo after another edit: it does not undo that
 * other edit (the toast never named it); it opens Deleted Articles. */
static void
test_toast_after_other_edit (UiFixture     *f,
                             gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) victim = find_article (project, nth_group_id (project, 2), TOPIARY_KIND_CLUSTER, 1);
  g_autoptr(TopiaryArticle) other = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  gint64 other_id = topiary_article_get_id (other);
  gint64 other_before = topiary_article_get_position (other);
  GtkWindow *dialog = NULL;
  guint before = topiary_project_count_articles (project, NULL);

  click_article (topiary_article_get_id (victim));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  click_article (other_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-down", NULL);
  g_assert_cmpint (position_of (other_id), >, other_before);

  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-delete", NULL);
  spin (100);
  /* The move stays, the article is still deleted, and the trash shows it. */
  g_assert_cmpint (position_of (other_id), >, other_before);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before - 1);
  g_assert_true (wait_for (find_trash_dialog, &dialog, 10000));
  g_assert_cmpuint (topiary_trash_dialog_get_n_items (TOPIARY_TRASH_DIALOG (dialog)), ==, 1);
  gtk_window_destroy (dialog);

  /* Once the other edit is undone, the delete is the newest again. */
  undo ();
  g_assert_cmpint (position_of (other_id), ==, other_before);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, before);
}

/* @edit changes the map; Ctrl+Z's action puts back exactly what was
 * there, redo exactly what the edit made, and undo again. */
static void
check_undoable (const char *what,
                void      (*edit) (gpointer),
                gpointer    data)
{
  g_autofree char *before = test_describe_map (topiary_window_get_project (window));
  g_autofree char *after = NULL;

  g_test_message ("edit: %s", what);
  edit (data);
  spin (100);
  after = test_describe_map (topiary_window_get_project (window));
  g_assert_cmpstr (after, !=, before);
  undo ();
  {
    g_autofree char *now = test_describe_map (topiary_window_get_project (window));
    g_assert_cmpstr (now, ==, before);
  }
  redo ();
  {
    g_autofree char *now = test_describe_map (topiary_window_get_project (window));
    g_assert_cmpstr (now, ==, after);
  }
  undo ();
  {
    g_autofree char *now = test_describe_map (topiary_window_get_project (window));
    g_assert_cmpstr (now, ==, before);
  }
}

typedef struct {
  gint64      article_id;
  const char *action;
  const char *name;  /* answered in the name dialog, when there is one */
} EditStep;

static void
run_step (gpointer data)
{
  EditStep *step = data;

  if (step->article_id != 0)
    click_article (step->article_id);
  gtk_widget_activate_action (GTK_WIDGET (window), step->action, NULL);
  if (step->name != NULL)
    answer_name_dialog (step->name);
}

/* Every structural edit the map's actions make is undone and redone
 * whole: new article, new group, duplicate, moves, indent and outdent
 * (a cluster out of its pillar and back), to the ideas, delete. */
static void
test_every_edit (UiFixture     *f,
                 gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) pillar = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 1), TOPIARY_KIND_CLUSTER, 1);
  gint64 c = topiary_article_get_id (cluster);
  EditStep steps[] = {
    { c, "map.new-article", "Undo me, an article" },
    { 0, "map.new-group", "Undo me, a group" },
    { c, "map.duplicate", NULL },
    { c, "map.move-up", NULL },
    { c, "map.move-down", NULL },
    { c, "map.outdent", NULL },
    { c, "map.move-to-ideas", NULL },
    { c, "map.delete", NULL },
  };

  g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, topiary_article_get_id (pillar));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      check_undoable (steps[i].action, run_step, &steps[i]);
      /* An undone delete brings the article back under a new id. */
      {
        g_autoptr(TopiaryArticle) still = topiary_project_get_article (project, c, FALSE, NULL);
        g_autoptr(TopiaryArticle) back = NULL;

        if (still != NULL)
          continue;
        back = topiary_project_get_article_by_slug (project, topiary_article_get_slug (cluster), FALSE, NULL);
        g_assert_nonnull (back);
        c = topiary_article_get_id (back);
        for (guint j = i + 1; j < G_N_ELEMENTS (steps); j++)
          if (steps[j].article_id != 0)
            steps[j].article_id = c;
      }
    }
  /* Indent: the cluster, out of its pillar, goes back under it. */
  {
    EditStep out = { c, "map.outdent", NULL }, in = { c, "map.indent", NULL };

    run_step (&out);
    spin (100);
    check_undoable ("map.indent", run_step, &in);
  }
}

/* A pillar sent to the ideas: the app asks what happens to its clusters. */
static void
test_pillar_clusters (UiFixture     *f,
                      gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 group_id = nth_group_id (project, 1);
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, group_id, TOPIARY_KIND_CLUSTER, 0);
  gint64 pid = topiary_article_get_id (pillar);
  gint64 cid = topiary_article_get_id (cluster);

  click_article (pid);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-to-ideas", NULL);
  /* Leave them. */
  answer_dialog ("first");
  {
    g_autoptr(TopiaryArticle) p = topiary_project_get_article (project, pid, FALSE, NULL);
    g_autoptr(TopiaryArticle) c = topiary_project_get_article (project, cid, FALSE, NULL);

    g_assert_cmpint (topiary_article_get_group_id (p), ==, 0);
    g_assert_cmpint (topiary_article_get_group_id (c), ==, group_id);
    g_assert_cmpint (topiary_article_get_parent_id (c), ==, 0);
  }
  undo ();
  {
    g_autoptr(TopiaryArticle) p = topiary_project_get_article (project, pid, FALSE, NULL);
    g_autoptr(TopiaryArticle) c = topiary_project_get_article (project, cid, FALSE, NULL);

    g_assert_cmpint (topiary_article_get_group_id (p), ==, group_id);
    g_assert_cmpint (topiary_article_get_kind (p), ==, TOPIARY_KIND_PILLAR);
    g_assert_cmpint (topiary_article_get_parent_id (c), ==, pid);
  }
}

#ifdef GDK_WINDOWING_X11
/* Presses @keys (xdotool's names) on the window. */
static gboolean
press (const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  const char *key[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };
  int status = 0;

  spin (50);
  if (!g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  spin (300);
  return TRUE;
}
#endif

/* Ctrl+Z and Shift+Ctrl+Z in the map undo and redo its edits; in the
 * editor Ctrl+Z is the text's own. */
static void
test_keys (UiFixture     *f,
           gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) first = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  gint64 id = topiary_article_get_id (first);
  gint64 before = topiary_article_get_position (first);
  GtkTextBuffer *buffer;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool == NULL)
    {
      g_test_skip ("needs an X11 display and xdotool");
      return;
    }
  click_article (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.move-down", NULL);
  g_assert_cmpint (position_of (id), >, before);

  gtk_widget_grab_focus (GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window))));
  g_assert_true (press ("ctrl+z"));
  g_assert_cmpint (position_of (id), ==, before);
  g_assert_true (press ("shift+ctrl+z"));
  g_assert_cmpint (position_of (id), >, before);
  g_assert_true (press ("ctrl+z"));
  g_assert_cmpint (position_of (id), ==, before);
  g_assert_true (press ("ctrl+y"));
  g_assert_cmpint (position_of (id), >, before);

  /* In the editor, Ctrl+Z undoes typing and leaves the map alone. */
  g_assert_true (topiary_window_open_article (window, id));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (topiary_editor_get_view (topiary_window_get_editor (window))));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window))));
  {
    GtkTextIter start, end;
    g_autofree char *text_before = NULL;
    g_autofree char *typed = NULL;
    g_autofree char *text_after = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text_before = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (press ("x"));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    typed = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (typed, !=, text_before);
    g_assert_true (press ("ctrl+z"));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text_after = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text_after, ==, text_before);
    g_assert_cmpint (position_of (id), >, before);
  }
#else
  g_test_skip ("built without X11");
#endif
}

static guint
count_groups (TopiaryProject *project)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);

  return g_list_model_get_n_items (groups);
}

static gboolean
has_title (TopiaryProject *project,
           const char     *title)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

      if (g_strcmp0 (topiary_article_get_title (a), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
import_preview_read (gpointer dialog)
{
  return !topiary_import_dialog_is_reading (dialog);
}

/* Pasted text added to the open map ("Add to This Map" in the preview) is
 * one step: Undo takes all of it back, Redo brings it again (issue 11). */
static void
test_import_into (UiFixture     *f,
                  gconstpointer  data)
{
  static const char text[] =
    "## Pillar: Houseplant care\n\n"
    "- [x] /plants/watering — Target: \"how often to water houseplants\"\n"
    "- [ ] Repotting a monstera — P2\n";
  TopiaryProject *project = topiary_window_get_project (window);
  guint articles = topiary_project_count_articles (project, NULL);
  guint groups = count_groups (project);
  TopiaryImportDialog *dialog;
  GtkWidget *add;

  dialog = topiary_importer_preview_text (topiary_window_get_importer (window), text);
  g_assert_nonnull (dialog);
  add = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), TOPIARY_TYPE_IMPORT_DIALOG, "add_button"));
  g_assert_true (gtk_widget_get_visible (add));
  /* The preview reads in a thread; confirming waits for it. */
  g_assert_true (wait_for (import_preview_read, dialog, 20000));
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");

  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, articles + 2);
  g_assert_cmpuint (count_groups (project), ==, groups + 1);
  g_assert_true (has_title (project, "Repotting a monstera"));
  g_assert_true (has_title (project, "How often to water houseplants"));
  g_assert_true (menu_has ("Undo Import"));

  undo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, articles);
  g_assert_cmpuint (count_groups (project), ==, groups);
  g_assert_false (has_title (project, "Repotting a monstera"));
  g_assert_true (menu_has ("Redo Import"));
  redo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, articles + 2);
  g_assert_true (has_title (project, "Repotting a monstera"));
  undo ();
  g_assert_cmpuint (topiary_project_count_articles (project, NULL), ==, articles);
  g_assert_false (has_title (project, "How often to water houseplants"));
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-undo"))
    return 77;

  ui_test_add_sample ("/ui/undo/move", test_move);
  ui_test_add_sample ("/ui/undo/rename-links", test_rename);
  ui_test_add_sample ("/ui/undo/delete", test_delete);
  ui_test_add_sample ("/ui/undo/restore", test_restore);
  ui_test_add_sample ("/ui/undo/toast-after-other-edit", test_toast_after_other_edit);
  ui_test_add_sample ("/ui/undo/every-edit", test_every_edit);
  ui_test_add_sample ("/ui/undo/pillar-clusters", test_pillar_clusters);
  ui_test_add_sample ("/ui/undo/keys", test_keys);
  ui_test_add_sample ("/ui/undo/import-into", test_import_into);

  return ui_test_run ();
}
