/* test-ui-util.h — what the UI test programs (test-ui-*.c) share: a fresh
 * window per case, the sample project it opens, and finding widgets
 *
 * Each case gets its own window and project (UiFixture), made in setup and
 * destroyed in teardown, as libadwaita's own tests do: no case builds on
 * what an earlier one left, so each runs alone (-p PATH) as it runs in the
 * suite. A case that fails or crashes ends its process; the first process
 * supervises, reports that case and runs the others in a new one
 * (ui_test_supervise()).
 * wait_for() and spin() come from test-util.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <webkit/webkit.h>

#include "topiary-map-tree.h"
#include "topiary-window.h"
#include "test-util.h"

/* The running case's window (the fixture's), for the helpers below. */
static TopiaryWindow *window;
/* The program's private home: WebKit and the sample map write there. */
static char *tmp_home;

/* ---- the fixture: a fresh window, and the sample map in it ---- */

typedef struct {
  TopiaryWindow *window;
  char          *dir;          /* a fresh folder for the case's own files */
  char          *sample_path;  /* the sample map, when the case opened it */
} UiFixture;

static inline gboolean
ui_window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window));
}

static inline char *
ui_sample_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "topiary", "flask-topical-map.topiary", NULL);
}

/* Removes the sample map, so the next "Open Sample" makes it afresh. */
static inline void
ui_remove_sample (void)
{
  g_autofree char *path = ui_sample_file ();
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* How maps were left belongs to the case that left them. */
static inline void
ui_remove_map_state (void)
{
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "topiary", "maps.ini", NULL);

  g_unlink (state);
}

/* A new window, presented and mapped, with no project. */
static inline void
ui_fixture_setup (UiFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_build_filename (tmp_home, "case-XXXXXX", NULL);

  f->dir = g_mkdtemp (g_steal_pointer (&tmpl));
  g_assert_nonnull (f->dir);
  ui_remove_map_state ();
  window = f->window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!wait_for (ui_window_mapped, NULL, 10000))
    g_printerr ("The window was not mapped after 10 s.\n");
}

/* A new window with a fresh copy of the sample map open in it, made by
 * the window's own "Open Sample" action. */
static inline void
ui_fixture_setup_sample (UiFixture     *f,
                         gconstpointer  data)
{
  ui_fixture_setup (f, data);
  ui_remove_sample ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_nonnull (topiary_window_get_project (window));
  f->sample_path = g_strdup (topiary_project_get_path (topiary_window_get_project (window)));
}

/* Destroys every window the case left (dialogs included), puts the
 * settings back to their defaults and removes the case's files. */
static inline void
ui_fixture_teardown (UiFixture     *f,
                     gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  window = f->window = NULL;
  spin (50);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  ui_remove_sample ();
  ui_remove_map_state ();
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->sample_path, g_free);
}

/* A case that fails ends its process (GTest's assertions abort). So the
 * first process only supervises: it runs the cases in a child, and when a
 * case ends the child, reports that case as failed and starts a new child
 * for the cases after it, skipping (-s) those already run. Returns the exit
 * status: 1 when a case failed, else the last child's. */
#define UI_CASE_MARK "# topiary-ui-case "

static inline int
ui_test_supervise (int    argc,
                   char **argv)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  gboolean failed = FALSE;

  for (;;)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *running = NULL;
      char *line;

      for (int i = 0; i < argc; i++)
        g_ptr_array_add (args, argv[i]);
      for (guint i = 0; i < done->len; i++)
        {
          g_ptr_array_add (args, (char *) "-s");
          g_ptr_array_add (args, g_ptr_array_index (done, i));
        }
      g_ptr_array_add (args, NULL);
      g_subprocess_launcher_setenv (launcher, "TOPIARY_TEST_UI_CHILD", "1", TRUE);
      child = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
        {
          if (g_str_has_prefix (line, UI_CASE_MARK))
            {
              g_free (running);
              running = g_strdup (line + strlen (UI_CASE_MARK));
            }
          else
            {
              /* The running case's result: it is done, crash or not. */
              if (running != NULL && (g_str_has_prefix (line, "ok ") || g_str_has_prefix (line, "not ok ")))
                g_ptr_array_add (done, g_steal_pointer (&running));
              printf ("%s\n", line);
              fflush (stdout);
            }
          g_free (line);
        }
      g_subprocess_wait (child, NULL, NULL);
      if (running == NULL)
        {
          int status = g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : 1;

          return failed && (status == 0 || status == 77) ? 1 : status;
        }
      printf ("not ok - %s ended its process; the cases after it run in a new one\n", running);
      fflush (stdout);
      failed = TRUE;
      g_ptr_array_add (done, g_steal_pointer (&running));
    }
}

/* Sets up what every UI program needs: GTK_A11Y and renderer choices, a
 * private HOME, GTest, GTK, libadwaita and GtkSourceView. FALSE without a
 * display (the caller then exits with 77, which meson counts as skipped).
 * The first process does not return: it supervises (ui_test_supervise())
 * and exits with the cases' status. */
static inline gboolean
ui_test_init (int          *argc,
              char       ***argv,
              const char   *prgname)
{
  gboolean child = g_getenv ("TOPIARY_TEST_UI_CHILD") != NULL;

  /* A program that reads accessible properties keeps GTK's test context. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "test") != 0)
    g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* The children share the supervisor's home. */
  if (child && g_getenv ("TOPIARY_TEST_UI_HOME") != NULL)
    tmp_home = g_strdup (g_getenv ("TOPIARY_TEST_UI_HOME"));
  else
    {
      tmp_home = g_dir_make_tmp ("topiary-ui-XXXXXX", NULL);
      g_assert_nonnull (tmp_home);
      g_setenv ("TOPIARY_TEST_UI_HOME", tmp_home, TRUE);
    }
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  if (!child)
    {
      int status = ui_test_supervise (*argc, *argv);

      test_remove_tree (tmp_home);
      exit (status);
    }
  /* Every line reaches the supervisor, even from a case that aborts. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  g_test_init (argc, argv, NULL);
  /* WebKit names its data folders after the program: not a path. */
  g_set_prgname (prgname);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests.\n");
      g_clear_pointer (&tmp_home, g_free);
      return FALSE;
    }
  adw_init ();
  gtk_source_init ();
  return TRUE;
}

/* Runs the cases (the supervisor removes the private home). */
static inline int
ui_test_run (void)
{
  int status = g_test_run ();

  spin (100);
  g_clear_pointer (&tmp_home, g_free);
  return status;
}

typedef void (*UiFixtureFunc) (UiFixture *f, gconstpointer data);

typedef struct {
  UiFixtureFunc setup;
  UiFixtureFunc func;
} UiCase;

/* A case: the fixture's window and project, the case, then the teardown;
 * the supervisor learns which case runs, in case it ends the process. */
static inline void
ui_case_run (gconstpointer data)
{
  const UiCase *c = data;
  UiFixture f = { 0 };

  printf (UI_CASE_MARK "%s\n", g_test_get_path ());
  c->setup (&f, NULL);
  c->func (&f, NULL);
  ui_fixture_teardown (&f, NULL);
}

static inline void
ui_test_add_full (const char    *path,
                  UiFixtureFunc  setup,
                  UiFixtureFunc  func)
{
  UiCase *c = g_new0 (UiCase, 1);

  c->setup = setup;
  c->func = func;
  g_test_add_data_func_full (path, c, ui_case_run, g_free);
}

/* Registers @func as @path with the fresh-window fixture, with or
 * without the sample map open. */
#define ui_test_add(path, func) ui_test_add_full (path, ui_fixture_setup, func)
#define ui_test_add_sample(path, func) ui_test_add_full (path, ui_fixture_setup_sample, func)

/* ---- finding widgets ---- */

static inline GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type,
                     guint      nth)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint count = 0;

  /* Depth first, in document order. */
  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && count++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

static inline GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
find_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        {
          if (data != NULL)
            *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

static inline char *
close_message_dialog (void)
{
  GtkWindow *dialog = NULL;
  char *heading;

  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  heading = g_strdup (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)));
  gtk_window_close (dialog);
  spin (300);
  return heading;
}

/* ---- file choosers (topiary_file_chooser_show(): the native chooser's
 * GtkFileChooserDialog under X11 without a portal) ---- */

static inline gboolean
ui_find_file_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* The folder @chooser shows, or NULL while it has none yet. */
static inline GFile *
ui_chooser_dup_folder (GtkWindow *chooser)
{
  GFile *folder;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return folder;
}

static inline gboolean
ui_chooser_has_folder (gpointer data)
{
  g_autoptr(GFile) folder = ui_chooser_dup_folder (data);

  return folder != NULL;
}

typedef struct {
  GtkWindow *chooser;
  GFile     *file;
} UiChooserWait;

static inline gboolean
ui_chooser_in (gpointer data)
{
  UiChooserWait *w = data;
  g_autoptr(GFile) folder = ui_chooser_dup_folder (w->chooser);

  return folder != NULL && g_file_equal (folder, w->file);
}

static inline gboolean
ui_chooser_chose (gpointer data)
{
  UiChooserWait *w = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (w->chooser));

  return file != NULL && g_file_equal (file, w->file);
}

/* Waits for the chooser the app shows, lets it reach the folder it starts
 * in (it reads folders asynchronously), then picks @file in it as a user
 * would (a folder of a folder chooser is gone into) and accepts. */
static inline void
ui_pick_file (GFile *file)
{
  GtkWindow *chooser = NULL;
  UiChooserWait w;

  g_assert_true (wait_for (ui_find_file_chooser, &chooser, 10000));
  g_assert_true (wait_for (ui_chooser_has_folder, chooser, 10000));
  w = (UiChooserWait) { chooser, file };
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL));
      g_assert_true (wait_for (ui_chooser_in, &w, 10000));
    }
  else
    {
      g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
      g_assert_true (wait_for (ui_chooser_chose, &w, 10000));
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* Answers the name dialog the action opens. */
static inline void
answer_name_dialog (const char *text)
{
  GtkWindow *dialog = NULL;
  GtkWidget *entry;

  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  /* A dialog that asks for more than the name has its entry first. */
  if (entry != NULL && !GTK_IS_EDITABLE (entry))
    entry = find_widget_of_type (entry, GTK_TYPE_ENTRY, 0);
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* Pressing Enter in the entry answers like the default button. */
  g_signal_emit_by_name (entry, "activate");
  spin (300);
}

/* With TOPIARY_UI_SHOTS=DIR set, saves a screenshot of the display there
 * (for looking at, never compared). */
static inline void
shot (const char *name)
{
  const char *dir = g_getenv ("TOPIARY_UI_SHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  /* Enough for the first frames of a freshly mapped window. */
  spin (1500);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
    g_test_message ("could not take %s", path);
}

/* ---- the map ---- */

static inline TopiaryArticle *
find_article (TopiaryProject *project,
              gint64          group_id,
              TopiaryKind     kind,
              guint           nth)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      if (topiary_article_get_group_id (a) == group_id && topiary_article_get_kind (a) == kind && nth-- == 0)
        return g_steal_pointer (&a);
    }
  return NULL;
}

static inline gint64
nth_group_id (TopiaryProject *project,
              guint           nth)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
  g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, nth);

  g_assert_nonnull (group);
  return topiary_group_get_id (group);
}

static inline TopiaryGroup *
group_by_title (TopiaryProject *project,
                const char     *title)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, i);
      if (g_strcmp0 (topiary_group_get_title (group), title) == 0)
        return g_steal_pointer (&group);
    }
  return NULL;
}

/* A label anywhere in the window (a toast's title) that holds @text. */
static inline gboolean
window_shows_text (gpointer data)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_LABEL, i);

      if (label == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), data) != NULL)
        return TRUE;
    }
}

/* Selects a row the way a click does, so node-selected fires. */
static inline void
click_article (gint64 article_id)
{
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
  guint position = topiary_map_tree_reveal_article (tree, article_id);

  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), position);
}

static inline TopiaryMapNode *
parent_of_article (TopiaryMapTree *tree,
                   gint64          article_id)
{
  GtkTreeListModel *model = topiary_map_tree_get_model (tree);
  guint position = topiary_map_tree_reveal_article (tree, article_id);
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(TopiaryMapNode) node = NULL;

  g_assert_cmpuint (position, !=, G_MAXUINT);
  row = gtk_tree_list_model_get_row (model, position);
  node = gtk_tree_list_row_get_item (row);
  g_assert_cmpint (topiary_map_node_get_id (node), ==, article_id);
  return topiary_map_tree_get_parent (tree, node);
}

static inline gboolean
tree_shows_parent (gpointer data)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  gint64 *ids = data;  /* article, expected group */
  TopiaryArticle *cached = topiary_map_tree_lookup_article (tree, ids[0]);
  TopiaryMapNode *parent;

  if (cached == NULL || topiary_article_get_group_id (cached) != ids[1])
    return FALSE;
  parent = parent_of_article (tree, ids[0]);
  return parent != NULL && topiary_map_node_get_kind (parent) == TOPIARY_MAP_NODE_GROUP &&
         topiary_map_node_get_id (parent) == ids[1];
}

/* ---- the editor and the preview ---- */

static inline gboolean
autosaved (gpointer data)
{
  return !topiary_editor_is_dirty (topiary_window_get_editor (window));
}

static inline gboolean
preview_idle (gpointer data)
{
  TopiaryPreview *preview = topiary_window_get_preview (window);
  guint *min_updates = data;

  return topiary_preview_is_idle (preview) && topiary_preview_get_n_updates (preview) >= *min_updates;
}

typedef struct {
  gboolean  done;
  char     *result;
  GError   *error;
} JsCall;

static inline void
js_done (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  JsCall *call = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), res, &call->error);

  if (value != NULL)
    call->result = jsc_value_to_string (value);
  call->done = TRUE;
}

static inline gboolean
js_is_done (gpointer data)
{
  return ((JsCall *) data)->done;
}

/* Evaluates @script in the page's own world and returns its value as text. */
static inline char *
eval_js (const char *script,
         const char *world)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (topiary_preview_get_web_view (topiary_window_get_preview (window)));
  JsCall call = { 0 };

  webkit_web_view_evaluate_javascript (web_view, script, -1, world, NULL, NULL, js_done, &call);
  g_assert_true (wait_for (js_is_done, &call, 10000));
  g_assert_no_error (call.error);
  return call.result;
}

/* wait_for (js_returns, &(JsWait) { script, want }, …): until @script,
 * run in the preview's own world, returns @want. */
typedef struct {
  const char *script;
  const char *want;
} JsWait;

static inline gboolean
js_returns (gpointer data)
{
  JsWait *w = data;
  g_autofree char *got = eval_js (w->script, TOPIARY_PREVIEW_WORLD);

  return g_strcmp0 (got, w->want) == 0;
}

/* The text /ui/preview/edit-and-preview types into the first group's
 * pillar: a heading, bold text, a table, a script, a link to the first
 * cluster and one that leads nowhere ("No such article"). */
static inline char *
ui_edit_text (TopiaryArticle *cluster)
{
  return g_strdup_printf ("# Hello preview\n\nSome **bold** text, see [[%s]] and [[No such article]].\n\n"
                          "<script>document.title = 'pwned'</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                          topiary_article_get_title (cluster));
}

/* The first group's pillar, open in the split layout: the article the
 * editor and preview cases write in. Returns its id. */
static inline gint64
ui_open_first_pillar (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) pillar = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_PILLAR, 0);

  g_assert_nonnull (pillar);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
  click_article (topiary_article_get_id (pillar));
  g_assert_cmpint (topiary_editor_get_article_id (topiary_window_get_editor (window)), ==,
                   topiary_article_get_id (pillar));
  return topiary_article_get_id (pillar);
}

/* The sample map with ui_edit_text() added to the first group's pillar
 * (open in the editor, unsaved) and the preview showing it. */
static inline void
ui_fixture_setup_edited (UiFixture     *f,
                         gconstpointer  data)
{
  TopiaryProject *project;
  TopiaryPreview *preview;
  g_autoptr(TopiaryArticle) cluster = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  guint updates;

  ui_fixture_setup_sample (f, data);
  project = topiary_window_get_project (window);
  preview = topiary_window_get_preview (window);
  cluster = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_assert_nonnull (cluster);
  ui_open_first_pillar ();
  text = ui_edit_text (cluster);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  g_assert_true (wait_for (preview_idle, &updates, 15000));
}

#define ui_test_add_edited(path, func) ui_test_add_full (path, ui_fixture_setup_edited, func)

/* The sample map with the first group's pillar open in the editor. */
static inline void
ui_fixture_setup_article (UiFixture     *f,
                          gconstpointer  data)
{
  ui_fixture_setup_sample (f, data);
  ui_open_first_pillar ();
}

#define ui_test_add_article(path, func) ui_test_add_full (path, ui_fixture_setup_article, func)

/* The window's drop target for files (topiary-window-drop.c). */
static inline GtkDropTarget *
window_drop_target (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      const GType *types;
      gsize n = 0;

      if (!GTK_IS_DROP_TARGET (c))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (c), &n);
      for (gsize j = 0; j < n; j++)
        if (types[j] == GDK_TYPE_FILE_LIST)
          return GTK_DROP_TARGET (c);
    }
  return NULL;
}

/* ---- real key presses ---- */

/* TRUE when keys can be pressed for real: an X display and xdotool. */
static inline gboolean
ui_can_press (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

/* Runs xdotool with @args (after its name) on the case's window, through
 * the X server, as a user does, and handles what it made. */
static inline void
ui_xdotool_argv (const char **args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_str_equal (args[i], "WINDOW") ? xid : (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  spin (50);
  g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* xdotool has returned, so the X server made the events; one round trip
   * brings them into our queue, and then they are handled, however busy
   * the machine is. */
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  spin (100);
}

/* Presses @keys (xdotool's names: "ctrl+n", "Right", "shift+Tab") on the
 * case's window. */
static inline void
ui_xdotool (const char *command,
            const char *what)
{
  const char *args[] = { command, "--clearmodifiers", "--delay", "40", what, NULL };

  ui_xdotool_argv (args);
}

/* Types @text as keys, letter by letter. */
static inline void
ui_type (const char *text)
{
  ui_xdotool ("type", text);
}

static inline void
ui_press (const char *keys)
{
  ui_xdotool ("key", keys);
}

/* Clicks the first button at (@x, @y) of @widget, through the X server. */
static inline void
ui_click (GtkWidget *widget,
          double     x,
          double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  g_autofree char *sx = NULL, *sy = NULL;
  double dx, dy;

  g_assert_true (x >= 0 && y >= 0 && x < gtk_widget_get_width (widget) && y < gtk_widget_get_height (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  /* The surface may hold a shadow around the window's widgets. */
  gtk_native_get_surface_transform (native, &dx, &dy);
  sx = g_strdup_printf ("%d", (int) (out.x + dx + 0.5));
  sy = g_strdup_printf ("%d", (int) (out.y + dy + 0.5));
  {
    const char *args[] = { "mousemove", "--window", "WINDOW", "--sync", sx, sy, "click", "1", NULL };

    ui_xdotool_argv (args);
  }
}
