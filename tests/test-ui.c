/* test-ui.c — the desktop app driven through its widgets, under Xvfb
 *
 * One window lives through the whole run: the cases build on each other
 * (open the sample, edit an article, see it saved and previewed, move it,
 * search, fail to open bad files). Without a display the program exits
 * with 77, which meson reports as skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sqlite3.h>

#include <glib/gi18n.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <webkit/webkit.h>
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

#include "topiary-export-dialog.h"
#include "topiary-markdown.h"
#include "topiary-map-row.h"
#include "topiary-map-tree.h"
#include "topiary-preferences.h"
#include "topiary-window.h"
#include "test-util.h"
#include "media-util.h"
#include "topiary-media.h"

static TopiaryWindow *window;
static char *tmp_home;
static gint64 edited_id;
static char *sample_path;

/* ---- helpers ---- */

static GtkWidget *find_widget_of_type (GtkWidget *root, GType type, guint nth);

typedef struct {
  gboolean  done;
  char     *result;
  GError   *error;
} JsCall;

static void
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

static gboolean
js_is_done (gpointer data)
{
  return ((JsCall *) data)->done;
}

/* Evaluates @script in the page's own world and returns its value as text. */
static char *
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

static gboolean
preview_idle (gpointer data)
{
  TopiaryPreview *preview = topiary_window_get_preview (window);
  guint *min_updates = data;

  return topiary_preview_is_idle (preview) && topiary_preview_get_n_updates (preview) >= *min_updates;
}

static TopiaryArticle *
find_article (TopiaryProject *project,
              gint64          group_id,
              TopiaryKind     kind,
              guint           nth)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (project);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      if (topiary_article_get_group_id (a) == group_id && topiary_article_get_kind (a) == kind && nth-- == 0)
        return g_steal_pointer (&a);
    }
  return NULL;
}

static gint64
nth_group_id (TopiaryProject *project,
              guint           nth)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project);
  g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, nth);

  g_assert_nonnull (group);
  return topiary_group_get_id (group);
}

/* Selects a row the way a click does, so node-selected fires. */
static void
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

static gboolean
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

static char *
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

/* With TOPIARY_UI_SHOTS=DIR set, saves a screenshot of the display there
 * (for looking at, never compared). */
static void
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

/* ---- cases ---- */

static void
test_open_sample (void)
{
  TopiaryProject *project;
  TopiaryMapTree *tree;
  GtkTreeListModel *model;
  TopiaryStats stats = { 0 };

  g_assert_null (topiary_window_get_project (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);

  project = topiary_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_true (g_str_has_prefix (topiary_project_get_path (project), tmp_home));
  sample_path = g_strdup (topiary_project_get_path (project));
  topiary_project_get_stats (project, &stats);
  g_assert_cmpuint (stats.groups, ==, 7);
  g_assert_cmpuint (stats.pillars, ==, 7);

  /* The root is expanded: map, 7 groups and the ideas row. */
  tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  model = topiary_map_tree_get_model (tree);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1 + 7 + 1);

  /* Ideas are grouped by intent; the groups hold all 90 of them. */
  {
    g_autoptr(GtkTreeListRow) ideas = gtk_tree_list_model_get_row (model, 8);
    g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (ideas);
    GListModel *intents;
    guint total = 0;

    g_assert_cmpint (topiary_map_node_get_kind (node), ==, TOPIARY_MAP_NODE_IDEAS);
    gtk_tree_list_row_set_expanded (ideas, TRUE);
    intents = gtk_tree_list_row_get_children (ideas);
    g_assert_cmpuint (g_list_model_get_n_items (intents), >, 1);
    for (guint i = 0; i < g_list_model_get_n_items (intents); i++)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_row_get_child_row (ideas, i);
        g_autoptr(TopiaryMapNode) intent = gtk_tree_list_row_get_item (row);

        g_assert_cmpint (topiary_map_node_get_kind (intent), ==, TOPIARY_MAP_NODE_INTENT);
        gtk_tree_list_row_set_expanded (row, TRUE);
        total += g_list_model_get_n_items (gtk_tree_list_row_get_children (row));
        if (i > 0)
          gtk_tree_list_row_set_expanded (row, FALSE);
      }
    g_assert_cmpuint (total, ==, 90);
    shot ("ideas.png");
    gtk_tree_list_row_set_expanded (ideas, FALSE);
  }
}

static GtkWidget *find_button (GtkWidget *root, const char *label);

static gboolean
find_finding_row (gpointer data)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, i);

      if (w == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.open-article") == 0)
        {
          *(GtkWidget **) data = w;
          return TRUE;
        }
    }
}

/* The overview's audit lists findings; one opens its article. */
static void
test_audit (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 6), TOPIARY_KIND_CLUSTER, 0);
  GtkWidget *check = find_button (GTK_WIDGET (window), "_Check");
  GtkWidget *row = NULL;

  /* A link that leads nowhere is a finding about its article. */
  g_assert_true (topiary_project_save_body (project, topiary_article_get_id (cluster),
                                            "See [[An article nobody wrote]].\n", NULL));
  g_assert_nonnull (check);
  g_signal_emit_by_name (check, "clicked");
  /* Shown once the first frames have laid the window out. */
  g_assert_true (wait_for (find_finding_row, &row, 10000));
  shot ("audit.png");
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))), ==,
                   topiary_article_get_id (cluster));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, topiary_article_get_id (cluster));
}

static void
test_edit_and_preview (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  g_autoptr(TopiaryArticle) pillar = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, nth_group_id (project, 0), TOPIARY_KIND_CLUSTER, 0);
  g_autofree char *link = NULL;
  g_autofree char *html = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  guint updates;

  g_assert_nonnull (pillar);
  g_assert_nonnull (cluster);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
  click_article (topiary_article_get_id (pillar));
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, topiary_article_get_id (pillar));
  edited_id = topiary_article_get_id (pillar);

  /* Type as a user does: one insertion per character. */
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  link = g_strdup_printf ("# Hello preview\n\nSome **bold** text, see [[%s]] and [[No such article]].\n\n"
                          "<script>document.title = 'pwned'</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                          topiary_article_get_title (cluster));
  for (const char *p = link; *p; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
      gtk_text_buffer_end_user_action (buffer);
    }
  g_assert_true (topiary_editor_is_dirty (editor));

  updates = topiary_preview_get_n_updates (preview) + 1;
  g_assert_true (wait_for (preview_idle, &updates, 15000));

  html = eval_js ("document.getElementById('topiary-article').innerHTML", NULL);
  g_assert_nonnull (strstr (html, "<h1"));
  g_assert_nonnull (strstr (html, "Hello preview"));
  g_assert_nonnull (strstr (html, "<strong>bold</strong>"));
  g_assert_nonnull (strstr (html, "data-sourcepos"));
  g_assert_nonnull (strstr (html, "<table"));
  g_assert_nonnull (strstr (html, "href=\"topiary:article/"));
  g_assert_nonnull (strstr (html, "unresolved"));
  g_assert_null (strstr (html, "<script"));

  /* Documents never run script, and cannot see the preview's own code. */
  theirs = eval_js ("document.title + '|' + typeof topiary", NULL);
  g_assert_cmpstr (theirs, ==, "Preview|undefined");
  ours = eval_js ("typeof topiary.update", TOPIARY_PREVIEW_WORLD);
  g_assert_cmpstr (ours, ==, "function");

  shot ("article.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  shot ("details.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
}

static void
on_preview_updated (TopiaryPreview *preview,
                    gint64         *updated_at)
{
  *updated_at = g_get_monotonic_time ();
}

static gboolean
updated_since (gpointer data)
{
  gint64 *times = data;  /* keystroke, updated */
  return times[1] >= times[0];
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Keystroke to updated DOM, once the shell page is loaded. */
static void
test_preview_latency (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gint64 times[2] = { 0, -1 };
  double latency[40];
  gulong id;

  id = g_signal_connect (preview, "updated", G_CALLBACK (on_preview_updated), &times[1]);
  for (guint i = 0; i < G_N_ELEMENTS (latency); i++)
    {
      GtkTextIter end;

      spin (20);
      gtk_text_buffer_get_end_iter (buffer, &end);
      times[0] = g_get_monotonic_time ();
      times[1] = -1;
      gtk_text_buffer_insert (buffer, &end, i % 8 == 7 ? "\n\n" : "x ", -1);
      g_assert_true (wait_for (updated_since, times, 10000));
      latency[i] = (times[1] - times[0]) / 1000.0;
    }
  g_signal_handler_disconnect (preview, id);
  qsort (latency, G_N_ELEMENTS (latency), sizeof (double), compare_doubles);
  g_test_message ("keystroke to preview: median %.1f ms, max %.1f ms",
                  latency[G_N_ELEMENTS (latency) / 2], latency[G_N_ELEMENTS (latency) - 1]);
  /* Generous: the machine running the tests may be busy. */
  g_assert_cmpfloat (latency[G_N_ELEMENTS (latency) / 2], <, 500.0);

  /* The same with a 100 KB article: still one DOM patch, no reload. */
  {
    g_autoptr(GString) big = g_string_new (NULL);
    g_autofree char *original = topiary_editor_dup_text (editor);
    GtkTextIter start, end;
    guint updates;

    while (big->len < 100 * 1024)
      g_string_append_printf (big, "## Section %u\n\nSome *text* with a [link](https://example.com) and `code`.\n\n"
                                   "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", (guint) big->len);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, big->str, -1);
    updates = topiary_preview_get_n_updates (preview) + 1;
    g_assert_true (wait_for (preview_idle, &updates, 15000));
    id = g_signal_connect (preview, "updated", G_CALLBACK (on_preview_updated), &times[1]);
    for (guint i = 0; i < 10; i++)
      {
        GtkTextIter tail;

        spin (20);
        gtk_text_buffer_get_end_iter (buffer, &tail);
        times[0] = g_get_monotonic_time ();
        times[1] = -1;
        gtk_text_buffer_insert (buffer, &tail, "y ", -1);
        g_assert_true (wait_for (updated_since, times, 10000));
        latency[i] = (times[1] - times[0]) / 1000.0;
      }
    g_signal_handler_disconnect (preview, id);
    qsort (latency, 10, sizeof (double), compare_doubles);
    g_test_message ("keystroke to preview, 100 KB article with 700 tables: median %.1f ms, max %.1f ms",
                     latency[5], latency[9]);
    /* innerHTML on the live page took over 2 s here. */
    g_assert_cmpfloat (latency[5], <, 1500.0);

    /* Put the article back as it was. */
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, original, -1);
  }
}

static gboolean
cursor_block_is (gpointer data)
{
  g_autofree char *line = eval_js ("var c = document.querySelector('.topiary-cursor');"
                                   "c ? c.getAttribute('data-sourcepos') : ''", NULL);
  return g_str_has_prefix (line, data);
}

static gboolean
cursor_block_says (gpointer data)
{
  g_autofree char *text = eval_js ("var c = document.querySelector('.topiary-cursor');"
                                   "c ? c.textContent : ''", NULL);
  return g_str_has_prefix (text, data);
}

/* A long article: the preview keeps its scroll position across updates
 * and follows the cursor. */
static void
test_preview_scroll (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkTextIter iter;
  guint updates;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Paragraph %u of a long article about Flask.\n\n", i + 1);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, text->str, -1);
  updates = topiary_preview_get_n_updates (preview) + 1;
  g_assert_true (wait_for (preview_idle, &updates, 10000));

  /* The cursor in "Paragraph 100": its block is marked and scrolled
   * into view. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Paragraph 100 of", 0, &iter, NULL, NULL));
  gtk_text_buffer_place_cursor (buffer, &iter);
  {
    g_autofree char *prefix = g_strdup_printf ("%d:", gtk_text_iter_get_line (&iter) + 1);
    g_assert_true (wait_for (cursor_block_is, prefix, 10000));
  }
  before = eval_js ("String(window.scrollY)", NULL);
  g_assert_cmpint (g_ascii_strtoll (before, NULL, 10), >, 0);

  /* A line added at the top shifts every block below: the patched page
   * must carry the new source positions. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "An opening line.\n\n", -1);
  updates = topiary_preview_get_n_updates (preview) + 1;
  g_assert_true (wait_for (preview_idle, &updates, 10000));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Paragraph 150 of", 0, &iter, NULL, NULL));
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (wait_for (cursor_block_says, (gpointer) "Paragraph 150 of", 10000));
  {
    g_autofree char *count = eval_js ("String(document.querySelectorAll('#topiary-article > p').length)", NULL);
    g_assert_cmpint (g_ascii_strtoll (count, NULL, 10), >=, 201);
  }
  g_free (before);
  before = eval_js ("String(window.scrollY)", NULL);

  /* Typing far below does not move the view. */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "One more line.\n", -1);
  updates = topiary_preview_get_n_updates (preview) + 1;
  g_assert_true (wait_for (preview_idle, &updates, 10000));
  after = eval_js ("String(window.scrollY)", NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
js_call_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  JsCall *call = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), res, &call->error);

  if (value != NULL)
    call->result = jsc_value_to_string (value);
  call->done = TRUE;
}

static char *
resolve_in_project (const char *target,
                    gpointer    user_data)
{
  return topiary_project_resolve_link (user_data, target);
}

/* TRUE when the preview's article is what a full render of @markdown,
 * parsed on its own, gives (the cursor mark aside). */
static gboolean
preview_equals_full_render (const char *markdown)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (topiary_preview_get_web_view (topiary_window_get_preview (window)));
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;
  g_autofree char *allow_html = topiary_project_get_map_field (topiary_window_get_project (window), "allow_html");
  GVariantDict args;
  JsCall call = { 0 };
  gboolean same;

  options.sourcepos = TRUE;
  options.allow_html = g_strcmp0 (allow_html, "1") == 0;
  options.resolve = resolve_in_project;
  options.href_prefix = "topiary:article/";
  options.user_data = topiary_window_get_project (window);
  result = topiary_markdown_render (markdown, -1, &options);

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "html", "s", result->html);
  webkit_web_view_call_async_javascript_function (web_view,
    "var fresh = document.implementation.createHTMLDocument('').createElement('article');"
    "fresh.innerHTML = html;"
    "var shown = document.getElementById('topiary-article').cloneNode(true);"
    "shown.querySelectorAll('.topiary-cursor').forEach(function (el) {"
    "  el.classList.remove('topiary-cursor');"
    "  if (el.classList.length === 0) el.removeAttribute('class');"
    "});"
    "if (fresh.innerHTML === shown.innerHTML) return 'same';"
    "for (var i = 0; i < fresh.childNodes.length; i++)"
    "  if (!shown.childNodes[i] || !fresh.childNodes[i].isEqualNode(shown.childNodes[i]))"
    "    return 'node ' + i + ': ' + (shown.childNodes[i] ? (shown.childNodes[i].outerHTML || shown.childNodes[i].nodeValue) : 'missing');"
    "return 'extra nodes: ' + shown.childNodes.length + ' for ' + fresh.childNodes.length;",
    -1, g_variant_dict_end (&args), TOPIARY_PREVIEW_WORLD, NULL, NULL, js_call_done, &call);
  g_assert_true (wait_for (js_is_done, &call, 10000));
  g_assert_no_error (call.error);
  same = g_strcmp0 (call.result, "same") == 0;
  if (!same)
    g_test_message ("preview differs from a full render: %s", call.result);
  g_free (call.result);
  return same;
}

static void
type_and_wait (GtkTextBuffer *buffer,
               const char    *after,
               const char    *text)
{
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextIter iter;
  guint updates;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, after, 0, NULL, &iter, NULL));
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_insert (buffer, &iter, text, -1);
  g_assert_true (wait_for (preview_idle, &updates, 10000));
}

/* Edits in the middle of a long article patch only the blocks that
 * changed (the last block is the same node throughout), and the page is
 * what a full render would show, source positions included. */
typedef struct {
  const char *script;
  const char *want;
} JsWait;

static gboolean
js_returns (gpointer data)
{
  JsWait *w = data;
  g_autofree char *got = eval_js (w->script, TOPIARY_PREVIEW_WORLD);

  return g_strcmp0 (got, w->want) == 0;
}

/* An image of the project shows in the preview as soon as its link is
 * typed, before the article is saved, served by the preview's own URI
 * scheme; a file the project does not hold stays broken, and nothing is
 * read from the disk beside the project. */
static void
test_preview_image (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  g_autoptr(TopiaryArticle) article = find_article (project, nth_group_id (project, 2), TOPIARY_KIND_CLUSTER, 1);
  gint64 previous = topiary_editor_get_article_id (editor);
  g_autoptr(GBytes) png = test_image ("png", 40, 30, 5);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (topiary_project_get_path (project));
  g_autofree char *decoy = g_build_filename (dir, "images", "decoy.png", NULL);
  g_autofree char *decoy_dir = g_path_get_dirname (decoy);
  g_autofree char *src = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  guint updates;
  JsWait shown = { "(function () { var i = document.querySelectorAll('#topiary-article img');"
                   " return i.length + ':' + (i[0] && i[0].complete ? i[0].naturalWidth : -1) + ':'"
                   " + (i[1] && i[1].complete ? i[1].naturalWidth : -1); })()", "2:40:0" };

  g_assert_nonnull (article);
  info = topiary_project_add_file (project, topiary_article_get_id (article), "shot.png", png, &error);
  g_assert_no_error (error);
  /* A file beside the project with the other link's name: never shown. */
  g_assert_cmpint (g_mkdir_with_parents (decoy_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (decoy, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
  click_article (topiary_article_get_id (article));
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, topiary_article_get_id (article));
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gtk_text_buffer_get_end_iter (buffer, &end);
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_insert (buffer, &end, "\n\n![A shot](images/shot.png)\n\n![Not ours](images/decoy.png)\n", -1);
  g_assert_true (topiary_editor_is_dirty (editor));
  g_assert_true (wait_for (preview_idle, &updates, 15000));
  if (!wait_for (js_returns, &shown, 10000))
    g_error ("the preview did not show the image: %s", eval_js (shown.script, TOPIARY_PREVIEW_WORLD));
  src = eval_js ("document.querySelector('#topiary-article img').getAttribute('src')", TOPIARY_PREVIEW_WORLD);
  g_assert_true (g_str_has_prefix (src, TOPIARY_FILE_URI_SCHEME ":///"));
  g_assert_true (g_str_has_suffix (src, "/images/shot.png"));
  g_unlink (decoy);
  g_rmdir (decoy_dir);
  /* The next tests go on with the article they edited. */
  click_article (previous);
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, previous);
}

static void
test_preview_patch (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryPreview *preview = topiary_window_get_preview (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_autofree char *original = topiary_editor_dup_text (editor);
  g_autoptr(GString) text = g_string_new ("# A long article\n\nIntro.\n\n");
  g_autofree char *marked = NULL;
  GtkTextIter start, end, iter;
  guint updates;

  for (guint i = 1; i <= 120; i++)
    {
      g_string_append_printf (text, "## Part %u\n\nParagraph %u says *something* about `flask run`.\n\n", i, i);
      if (i % 10 == 0)
        g_string_append_printf (text, "- item %u\n- second\n\n| a | b |\n|---|---|\n| %u | x |\n\n"
                                      "```python\nprint(%u < 2)\n```\n\n> quoted %u\n\n---\n\n", i, i, i, i);
    }
  g_string_append (text, "Last words.\n");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_insert (buffer, &start, text->str, -1);
  g_assert_true (wait_for (preview_idle, &updates, 15000));
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  marked = eval_js ("var last = document.getElementById('topiary-article').lastElementChild;"
                    "last.topiaryMark = 'kept'; last.tagName", TOPIARY_PREVIEW_WORLD);
  g_assert_cmpstr (marked, ==, "P");

  /* A word typed inside a paragraph. */
  type_and_wait (buffer, "Paragraph 60 says", " now");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  /* New lines: everything below moves down. */
  type_and_wait (buffer, "Paragraph 61 says *something* about `flask run`.", "\n\nA new paragraph\nover two lines.\n\n## A new part");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  /* A paragraph turned into a heading, and one into a list. */
  type_and_wait (buffer, "Part 62\n\n", "# ");
  type_and_wait (buffer, "Part 63\n\n", "- ");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }

  /* Lines removed across several blocks: everything below moves up. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "## Part 40", 0, &start, NULL, NULL));
  iter = start;
  g_assert_true (gtk_text_iter_forward_search (&iter, "## Part 45", 0, &end, NULL, NULL));
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_delete (buffer, &start, &end);
  g_assert_true (wait_for (preview_idle, &updates, 10000));
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  g_free (marked);
  marked = eval_js ("String(document.getElementById('topiary-article').lastElementChild.topiaryMark)",
                    TOPIARY_PREVIEW_WORLD);
  g_assert_cmpstr (marked, ==, "kept");

  /* Raw HTML, when the map allows it, is cut only where its elements
   * are closed. */
  g_assert_true (topiary_project_set_map_field (topiary_window_get_project (window), "allow_html", "1", NULL));
  type_and_wait (buffer, "Paragraph 70 says *something* about `flask run`.\n\n",
                 "<div class=\"note\">\n\n*Inside* a div.\n\n</div>\n\n");
  type_and_wait (buffer, "Paragraph 80 says", " <span title='a\"b>c'>x</span>");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  g_free (marked);
  marked = eval_js ("String(document.getElementById('topiary-article').lastElementChild.topiaryMark)",
                    TOPIARY_PREVIEW_WORLD);
  g_assert_cmpstr (marked, ==, "kept");
  type_and_wait (buffer, "Paragraph 71 says *something* about `flask run`.\n\n",
                 "<p>Open\n\n<b>bold <i>both</b> italic</i>\n\n<div/>\n\nAfter.\n\n");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  type_and_wait (buffer, "Paragraph 85 says", "<br/>");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }
  g_assert_true (topiary_project_set_map_field (topiary_window_get_project (window), "allow_html", "0", NULL));
  type_and_wait (buffer, "Paragraph 86 says", " more");
  {
    g_autofree char *all = topiary_editor_dup_text (editor);
    g_assert_true (preview_equals_full_render (all));
  }

  /* The cursor still finds its block after the moves. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Paragraph 90 says", 0, &iter, NULL, NULL));
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (wait_for (cursor_block_says, (gpointer) "Paragraph 90 says", 10000));

  /* Put the article back as it was. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  updates = topiary_preview_get_n_updates (preview) + 1;
  gtk_text_buffer_insert (buffer, &start, original, -1);
  g_assert_true (wait_for (preview_idle, &updates, 10000));
}

static gboolean
autosaved (gpointer data)
{
  return !topiary_editor_is_dirty (topiary_window_get_editor (window));
}

static void
test_autosave (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryProject) second = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Saved at most a second after the last keystroke. */
  g_assert_true (wait_for (autosaved, NULL, 1500));
  g_test_message ("autosave after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  second = topiary_project_open (topiary_project_get_path (project), TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (second, edited_id, TRUE, &error);
  g_assert_no_error (error);
  text = topiary_editor_dup_text (editor);
  g_assert_cmpstr (topiary_article_get_body (article), ==, text);
  g_assert_cmpuint (topiary_article_get_word_count (article), >, 5);
}

static gboolean
editor_left_edited (gpointer data)
{
  return topiary_editor_get_article_id (topiary_window_get_editor (window)) != edited_id;
}

/* Ctrl+S keeps a revision; restoring it brings the text back and keeps
 * the replaced text as a revision too. */
static void
test_revisions (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gint64 id = topiary_editor_get_article_id (editor);
  g_autofree char *kept = topiary_editor_dup_text (editor);
  g_autofree char *restored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkTextIter end;
  gint64 revision;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  revisions = topiary_project_list_revisions (project, id, NULL);
  g_assert_nonnull (revisions);
  g_assert_cmpuint (revisions->len, >=, 1);
  g_assert_cmpstr (((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "manual");
  revision = ((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->id;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "A paragraph to take back.\n", -1);
  g_assert_true (wait_for (autosaved, NULL, 1500));

  /* The header's Revisions popover lists them. */
  {
    GtkWidget *button = NULL;
    GtkPopover *popover;
    GtkWidget *list;

    for (guint i = 0; button == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);
        g_assert_nonnull (w);
        if (g_strcmp0 (gtk_widget_get_tooltip_text (w), "Revisions") == 0)
          button = w;
      }
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    list = find_widget_of_type (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX, 0);
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) revisions->len - 1));
    shot ("revisions.png");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "article.restore-revision", "x", revision);
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, id);
  restored = topiary_editor_dup_text (editor);
  g_assert_cmpstr (restored, ==, kept);
  after = topiary_project_list_revisions (project, id, NULL);
  g_assert_cmpuint (after->len, ==, revisions->len + 1);
}

static void
test_formatting (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nmake this strong\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_iter_backward_chars (&end, 1);
  start = end;
  gtk_text_iter_backward_chars (&start, strlen ("strong"));
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (window), "article.bold", NULL);
  text = topiary_editor_dup_text (editor);
  g_assert_true (g_str_has_suffix (text, "make this **strong**\n"));

  /* One undo takes it back. */
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&text, g_free);
  text = topiary_editor_dup_text (editor);
  g_assert_true (g_str_has_suffix (text, "make this strong\n"));
}

static gboolean
link_resolved (gpointer data)
{
  g_autofree char *n = eval_js ("String(document.querySelectorAll('.wikilink.unresolved').length)", NULL);
  return g_strcmp0 (n, "0") == 0;
}

/* A click on a link that leads nowhere offers to add that article. */
static void
test_create_from_link (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  GtkWindow *dialog = NULL;
  g_autoptr(TopiaryArticle) created = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *target = NULL;
  gint64 id = topiary_editor_get_article_id (editor);

  target = eval_js ("var u = document.querySelector('.wikilink.unresolved'); u.click(); u.getAttribute('title')", NULL);
  g_assert_cmpstr (target, ==, "No such article");
  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Create This Article?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_close (dialog);
  spin (300);

  slug = topiary_project_resolve_link (project, "No such article");
  g_assert_nonnull (slug);
  created = topiary_project_get_article_by_slug (project, slug, FALSE);
  g_assert_cmpint (topiary_article_get_parent_id (created), ==, id);
  /* Still writing the same article; its preview now resolves the link. */
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==, id);
  g_assert_true (wait_for (link_resolved, NULL, 10000));
}

static void
test_wiki_link_click (void)
{
  TopiaryEditor *editor = topiary_window_get_editor (window);
  g_autofree char *clicked = NULL;

  clicked = eval_js ("var a = document.querySelector('a.wikilink'); a.click(); a.getAttribute('href')", NULL);
  g_assert_true (g_str_has_prefix (clicked, "topiary:article/"));
  g_assert_true (wait_for (editor_left_edited, NULL, 10000));
  g_assert_cmpint (topiary_editor_get_article_id (editor), !=, 0);
  /* The page itself did not navigate. */
  {
    g_autofree char *still = eval_js ("document.getElementById('topiary-article') !== null", NULL);
    g_assert_cmpstr (still, ==, "true");
  }
}

static void
test_layout (void)
{
  TopiaryPreview *preview = topiary_window_get_preview (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "editor");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "preview");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-layout", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
}

/* The editor's colours follow the light/dark style. */
static void
test_dark_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceBuffer *buffer = topiary_editor_get_buffer (topiary_window_get_editor (window));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  spin (100);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita-dark");
  shot ("dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (100);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita");
}

/* Preference rows write their keys, and the window follows them. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TopiaryPreferences *prefs = topiary_preferences_new (settings);
  AdwComboRow *scheme, *layout;
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  scheme = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, 0));
  layout = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, 1));
  adw_combo_row_set_selected (scheme, 2);
  value = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (value, ==, "dark");

  adw_combo_row_set_selected (layout, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (topiary_window_get_preview (window))));
  adw_combo_row_set_selected (layout, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (topiary_window_get_preview (window))));

  g_settings_set_uint (settings, "autosave-delay", 300);
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "autosave-delay");
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

/* Under LANGUAGE=de the windows speak German: a page title from the
 * preferences template, read through the catalogue built in po/. Runs last,
 * since it changes the language of everything after it. */
static void
test_german (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *locale_dir = g_getenv ("TOPIARY_LOCALE_DIR");
  g_autofree char *mo = NULL;
  TopiaryPreferences *prefs;
  AdwPreferencesPage *page;

  g_assert_nonnull (locale_dir);
  mo = g_build_filename (locale_dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));

  /* LANGUAGE is ignored while the messages locale is "C". */
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  prefs = topiary_preferences_new (settings);
  page = ADW_PREFERENCES_PAGE (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, 0));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_preferences_page_get_title (page), ==, "Allgemein");
  g_assert_cmpstr (_("Preferences"), ==, "Einstellungen");
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_unsetenv ("LANGUAGE");
  spin (50);
}

static TopiaryMapNode *
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

static gboolean
tree_shows_parent (gpointer data)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  gint64 *ids = data;  /* article, expected group */
  g_autoptr(TopiaryArticle) article = NULL;
  TopiaryArticle *cached = topiary_map_tree_lookup_article (tree, ids[0]);
  TopiaryMapNode *parent;

  if (cached == NULL || topiary_article_get_group_id (cached) != ids[1])
    return FALSE;
  parent = parent_of_article (tree, ids[0]);
  return parent != NULL && topiary_map_node_get_kind (parent) == TOPIARY_MAP_NODE_GROUP &&
         topiary_map_node_get_id (parent) == ids[1];
}

static void
test_move_follows (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  gint64 from = nth_group_id (project, 1), to = nth_group_id (project, 2);
  g_autoptr(TopiaryArticle) pillar = find_article (project, from, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) cluster = find_article (project, from, TOPIARY_KIND_CLUSTER, 1);
  g_autoptr(GError) error = NULL;
  TopiaryMapNode *parent;
  gint64 ids[2];

  /* Before: the cluster sits under its pillar in the first group. */
  parent = parent_of_article (tree, topiary_article_get_id (cluster));
  g_assert_cmpint (topiary_map_node_get_kind (parent), ==, TOPIARY_MAP_NODE_ARTICLE);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_article_get_id (pillar));

  /* Moved through the project, as another window or an import would. */
  g_assert_true (topiary_project_move_article (project, topiary_article_get_id (cluster), 0, to, 0, &error));
  g_assert_no_error (error);
  ids[0] = topiary_article_get_id (cluster);
  ids[1] = to;
  g_assert_true (wait_for (tree_shows_parent, ids, 10000));

  /* And back under its pillar with the keyboard equivalent of a drag. */
  click_article (ids[0]);
  g_assert_true (topiary_project_move_article (project, ids[0], 0, from, 0, &error));
  topiary_sidebar_refresh (topiary_window_get_sidebar (window));
  click_article (ids[0]);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.indent", NULL);
  parent = parent_of_article (tree, ids[0]);
  g_assert_cmpint (topiary_map_node_get_kind (parent), ==, TOPIARY_MAP_NODE_ARTICLE);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_article_get_id (pillar));
}

/* Back to the map overview, as selecting the map row does. */
static void
show_overview_for_test (void)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window)));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), 0);
}

static void
test_search (void)
{
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GPtrArray) hits = NULL;

  hits = topiary_project_search (project, "sqlalchemy", 50, NULL);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >, 0);

  topiary_sidebar_begin_search (sidebar, "sqlalchemy");
  g_assert_cmpuint (topiary_sidebar_get_n_results (sidebar), ==, hits->len);
  shot ("search.png");
  topiary_sidebar_activate_result (sidebar, 0);
  g_assert_cmpint (topiary_editor_get_article_id (editor), ==,
                   ((TopiarySearchHit *) g_ptr_array_index (hits, 0))->article_id);

  /* Enter in the search entry opens the best match. */
  {
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_ENTRY, 0);
    TopiarySearchHit *best = g_ptr_array_index (hits, 0);

    show_overview_for_test ();
    g_assert_cmpint (topiary_editor_get_article_id (editor), ==, 0);
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpint (topiary_editor_get_article_id (editor), ==, best->article_id);
  }

  topiary_sidebar_begin_search (sidebar, "zzzqqqxxx");
  g_assert_cmpuint (topiary_sidebar_get_n_results (sidebar), ==, 0);
}

static void
test_delete_undo (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) victim = find_article (project, nth_group_id (project, 3), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) back = NULL;
  gint64 id = topiary_article_get_id (victim);
  guint before = topiary_project_count_articles (project);

  click_article (id);

  /* Right-clicking a row selects it and opens the row menu. */
  {
    GtkWidget *row = NULL;
    GtkWidget *menu;

    for (guint i = 0; row == NULL; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_MAP_ROW, i);

        g_assert_nonnull (w);
        if (topiary_map_row_get_node (TOPIARY_MAP_ROW (w)) != NULL &&
            topiary_map_node_get_id (topiary_map_row_get_node (TOPIARY_MAP_ROW (w))) == id &&
            topiary_map_node_get_kind (topiary_map_row_get_node (TOPIARY_MAP_ROW (w))) == TOPIARY_MAP_NODE_ARTICLE)
          row = w;
      }
    g_signal_emit_by_name (row, "context-menu", 20.0, 10.0);
    /* The row menu is the sidebar's own child (rows get recycled). */
    for (menu = gtk_widget_get_first_child (GTK_WIDGET (topiary_window_get_sidebar (window)));
         menu != NULL && !GTK_IS_POPOVER_MENU (menu);
         menu = gtk_widget_get_next_sibling (menu))
      ;
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_visible (menu));
    shot ("context-menu.png");
    gtk_popover_popdown (GTK_POPOVER (menu));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project), ==, before - 1);
  g_assert_null (topiary_project_get_article (project, id, FALSE, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project), ==, before);
  back = topiary_project_get_article_by_slug (project, topiary_article_get_slug (victim), FALSE);
  g_assert_nonnull (back);
  g_assert_cmpstr (topiary_article_get_title (back), ==, topiary_article_get_title (victim));
}

static gboolean
find_export_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (TOPIARY_IS_EXPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          if (data != NULL)
            *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
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

static gboolean
no_replaced_export (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_home, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".site.topiary-"))
      return FALSE;
  return TRUE;
}

static gboolean
export_dialog_gone (gpointer data)
{
  return !find_export_dialog (NULL);
}

/* Clicks Export in a dialog set to @format and @path; while the export
 * runs the dialog shows its progress and takes no second click. */
static void
export_through_dialog (TopiaryExportFormat format,
                       const char         *path)
{
  GtkWindow *dialog = NULL;
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (find_export_dialog, &dialog, 10000));
  topiary_export_dialog_set_destination (TOPIARY_EXPORT_DIALOG (dialog), format, path);
  if (format == TOPIARY_EXPORT_SITE)
    shot ("export.png");
  button = find_button (GTK_WIDGET (dialog), "_Export");
  g_signal_emit_by_name (button, "clicked");
  /* The worker cannot have reported back: that needs the main loop. */
  g_assert_true (gtk_widget_get_visible (find_widget_of_type (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0)));
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_window_close (dialog);
  g_assert_true (find_export_dialog (NULL));
  g_assert_true (wait_for (export_dialog_gone, NULL, 20000));
}

static void
test_export (void)
{
  g_autofree char *site = g_build_filename (tmp_home, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *marker = g_build_filename (site, ".topiary-export", NULL);
  g_autofree char *json = g_build_filename (tmp_home, "plan.json", NULL);
  g_autofree char *first_marker = NULL;
  g_autofree char *second_marker = NULL;

  /* The website, through the dialog's own Export button. */
  export_through_dialog (TOPIARY_EXPORT_SITE, site);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (marker, &first_marker, NULL, NULL));

  /* Again into the same folder: the new export takes its place and the
   * one it replaced is deleted afterwards, leaving nothing beside it. */
  g_usleep (1100 * 1000);  /* the marker's time stamp has seconds */
  export_through_dialog (TOPIARY_EXPORT_SITE, site);
  g_assert_true (g_file_get_contents (marker, &second_marker, NULL, NULL));
  g_assert_cmpstr (first_marker, !=, second_marker);
  g_assert_true (wait_for (no_replaced_export, NULL, 20000));
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  /* A file format goes to a file. */
  export_through_dialog (TOPIARY_EXPORT_JSON, json);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
}

/* Answers the name dialog the action opens. */
static void
answer_name_dialog (const char *text)
{
  GtkWindow *dialog = NULL;
  GtkWidget *entry;

  g_assert_true (wait_for (find_message_dialog, &dialog, 10000));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* Pressing Enter in the entry answers like the default button. */
  g_signal_emit_by_name (entry, "activate");
  spin (300);
}

static TopiaryGroup *
group_by_title (TopiaryProject *project,
                const char     *title)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) group = g_list_model_get_item (groups, i);
      if (g_strcmp0 (topiary_group_get_title (group), title) == 0)
        return g_steal_pointer (&group);
    }
  return NULL;
}

static void
test_create_rename_duplicate (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  g_autoptr(TopiaryGroup) group = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autoptr(TopiaryArticle) renamed = NULL;
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  TopiaryMapNode *parent;
  guint before = topiary_project_count_articles (project);
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-group", NULL);
  answer_name_dialog ("Observability & Logging");
  group = group_by_title (project, "Observability & Logging");
  g_assert_nonnull (group);

  /* A new article goes where the selection is: into the new group. */
  topiary_sidebar_refresh (sidebar);
  {
    GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
    guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
        g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);
        if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP &&
            topiary_map_node_get_id (node) == topiary_group_get_id (group))
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  answer_name_dialog ("Structured Logging in Flask");
  g_assert_cmpuint (topiary_project_count_articles (project), ==, before + 1);
  id = topiary_editor_get_article_id (editor);
  article = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_title (article), ==, "Structured Logging in Flask");
  g_assert_cmpint (topiary_article_get_group_id (article), ==, topiary_group_get_id (group));
  parent = parent_of_article (tree, id);
  g_assert_cmpint (topiary_map_node_get_id (parent), ==, topiary_group_get_id (group));

  gtk_widget_activate_action (GTK_WIDGET (window), "map.rename", NULL);
  /* Titles are text, never markup, wherever they are shown. */
  answer_name_dialog ("Logging & <Tracing> with Flask");
  renamed = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpstr (topiary_article_get_title (renamed), ==, "Logging & <Tracing> with Flask");

  gtk_widget_activate_action (GTK_WIDGET (window), "map.duplicate", NULL);
  g_assert_cmpuint (topiary_project_count_articles (project), ==, before + 2);
  g_assert_cmpint (topiary_editor_get_article_id (editor), !=, id);
  copy = topiary_project_get_article (project, topiary_editor_get_article_id (editor), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_position (copy), ==, topiary_article_get_position (renamed) + 1);
  g_assert_cmpstr (topiary_article_get_slug (copy), !=, topiary_article_get_slug (renamed));
}

static void
test_drop (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  gint64 group_id = nth_group_id (project, 5);
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryArticle) moving = find_article (project, nth_group_id (project, 6), TOPIARY_KIND_CLUSTER, 0);
  g_autoptr(TopiaryArticle) after = NULL;
  TopiaryMapNode *pillar_node;
  gboolean handled = FALSE;
  gint64 id = topiary_article_get_id (moving);

  /* Dropped on the lower half of a pillar: becomes its last cluster. */
  topiary_sidebar_refresh (sidebar);
  pillar_node = parent_of_article (tree, topiary_article_get_id (pillar));
  {
    guint position = topiary_map_tree_reveal_article (tree, topiary_article_get_id (pillar));
    g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (topiary_map_tree_get_model (tree), position);
    g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

    g_assert_nonnull (pillar_node);
    g_signal_emit_by_name (sidebar, "drop-article", id, node, FALSE, &handled);
  }
  g_assert_true (handled);
  after = topiary_project_get_article (project, id, FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (after), ==, group_id);
  g_assert_cmpint (topiary_article_get_parent_id (after), ==, topiary_article_get_id (pillar));
  g_assert_cmpint (topiary_map_node_get_id (parent_of_article (tree, id)), ==, topiary_article_get_id (pillar));

  /* Alt+Up swaps it with the cluster above in the writing order. */
  {
    g_autoptr(GPtrArray) siblings = topiary_map_tree_get_siblings (tree, after);
    TopiaryArticle *previous;
    g_autoptr(TopiaryArticle) moved = NULL;

    g_assert_cmpuint (siblings->len, >=, 2);
    previous = g_ptr_array_index (siblings, siblings->len - 2);
    click_article (id);
    gtk_widget_activate_action (GTK_WIDGET (window), "map.move-up", NULL);
    moved = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpint (topiary_article_get_position (moved), ==, topiary_article_get_position (previous));
  }
}

/* ---- a real pointer drag (XTest through xdotool) ---- */

typedef struct
{
  TopiaryMapNode *want;  /* the node whose row is looked for */
  GtkWidget   *row;
} RowSearch;

/* The mapped row widget showing @search->want, found in the list view. */
static gboolean
find_mapped_row (gpointer data)
{
  RowSearch *search = data;
  GtkWidget *list = GTK_WIDGET (topiary_sidebar_get_list_view (topiary_window_get_sidebar (window)));

  for (guint i = 0; ; i++)
    {
      GtkWidget *w = find_widget_of_type (list, TOPIARY_TYPE_MAP_ROW, i);

      if (w == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (w) && topiary_map_row_get_node (TOPIARY_MAP_ROW (w)) == search->want)
        {
          search->row = w;
          return TRUE;
        }
    }
}

/* Where the middle of @row is, in the X window's coordinates. */
static void
row_center (GtkWidget *row,
            int       *x,
            int       *y)
{
  graphene_point_t in_row = GRAPHENE_POINT_INIT (gtk_widget_get_width (row) / 2.0f,
                                                 gtk_widget_get_height (row) / 2.0f);
  graphene_point_t in_window;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (window), &in_row, &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = (int) (in_window.x + sx);
  *y = (int) (in_window.y + sy);
}

static gboolean
subprocess_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_xdotool_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
article_in_group (gpointer data)
{
  gint64 *ids = data;  /* article, group */
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (topiary_window_get_project (window), ids[0], FALSE, NULL);

  return article != NULL && topiary_article_get_group_id (article) == ids[1];
}

/* The node at @position; the tree keeps it alive, so no reference. */
static TopiaryMapNode *
node_at (GtkTreeListModel *model,
         guint             position)
{
  g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, position);
  g_autoptr(TopiaryMapNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  return node;
}

static GtkTreeListRow *
row_at (GtkTreeListModel *model,
        guint             position)
{
  return gtk_tree_list_model_get_row (model, position);
}

/* An idea dragged with the pointer onto a group, the way a person does it:
 * press on the row, move over the tree, release on the group. The article
 * lands at the end of that group, in the file and in the tree. */
static void
test_pointer_drag (void)
{
#ifdef GDK_WINDOWING_X11
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  TopiaryMapTree *tree = topiary_sidebar_get_tree (sidebar);
  GtkTreeListModel *model = topiary_map_tree_get_model (tree);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GListModel) groups = topiary_project_list_groups (project);
  g_autoptr(TopiaryGroup) target = NULL;
  g_autoptr(TopiaryArticle) idea = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *xid = NULL;
  RowSearch from = { 0 }, to = { 0 };
  gint64 ids[2];
  gboolean done = FALSE;
  int x0, y0, x1, y1;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    {
      g_test_skip ("not an X11 display");
      return;
    }
  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  /* The last group, right above Ideas: the pointer crosses no other group
   * on its way, so no row opens under it while it moves. */
  target = g_list_model_get_item (groups, g_list_model_get_n_items (groups) - 1);
  g_assert_nonnull (target);
  /* Back from the search results of an earlier case to the tree. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_BAR, 0)), FALSE);
  topiary_sidebar_refresh (sidebar);

  /* Only the map, the target group, Ideas and its first intent open:
   * both rows on screen. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (model, i);

      if (gtk_tree_list_row_get_depth (row) == 1)
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      TopiaryMapNode *node = node_at (model, i);
      g_autoptr(GtkTreeListRow) row = row_at (model, i);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP &&
          topiary_map_node_get_id (node) == topiary_group_get_id (target))
        {
          to.want = node;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_IDEAS)
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_INTENT && from.want == NULL)
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          from.want = node_at (model, i + 1);
        }
    }
  g_assert_nonnull (to.want);
  g_assert_nonnull (from.want);
  g_assert_cmpint (topiary_map_node_get_kind (from.want), ==, TOPIARY_MAP_NODE_ARTICLE);
  idea = g_object_ref (topiary_map_node_get_article (from.want));
  g_assert_cmpint (topiary_article_get_group_id (idea), ==, 0);

  g_assert_true (wait_for (find_mapped_row, &from, 5000));
  g_assert_true (wait_for (find_mapped_row, &to, 5000));
  spin (200);  /* settle the layout */
  row_center (from.row, &x0, &y0);
  row_center (to.row, &x1, &y1);
  g_assert_cmpint (y1, <, y0);

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  /* One xdotool chain, so no process start falls between the steps: press,
   * moves far enough apart for GTK to see a drag, a pause on the group so
   * it is the drop target, the release. The group is open already, so
   * hovering it opens nothing that would shift the rows. */
  script = g_strdup_printf ("%s mousemove --window %s %d %d sleep 0.2 mousedown 1 sleep 0.2 "
                            "mousemove --window %s %d %d sleep 0.1 "
                            "mousemove --window %s %d %d sleep 0.1 "
                            "mousemove --window %s %d %d sleep 0.1 "
                            "mousemove --window %s %d %d sleep 0.3 "
                            "mouseup 1",
                            xdotool, xid, x0, y0,
                            xid, x0 + 4, y0 - 12,
                            xid, x0 + 8, (y0 + y1) / 2,
                            xid, x1, y1 + 4,
                            xid, x1, y1);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (proc, NULL, on_xdotool_done, &done);
  g_assert_true (wait_for (subprocess_done, &done, 10000));

  ids[0] = topiary_article_get_id (idea);
  ids[1] = topiary_group_get_id (target);
  g_assert_true (wait_for (article_in_group, ids, 5000));
  /* Saved at once, and the tree shows it under the group. */
  g_assert_true (wait_for (tree_shows_parent, ids, 5000));
  {
    g_autoptr(GListModel) articles = topiary_project_list_articles (project);
    g_autoptr(TopiaryArticle) moved = topiary_project_get_article (project, ids[0], FALSE, NULL);
    gint64 last_position = 0;

    /* At the end of the group. */
    for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
      {
        g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
        if (topiary_article_get_group_id (a) == ids[1])
          last_position = MAX (last_position, topiary_article_get_position (a));
      }
    g_assert_cmpint (topiary_article_get_position (moved), ==, last_position);
  }
#else
  g_test_skip ("built without X11");
#endif
}

static gboolean
details_saved (gpointer data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, *(gint64 *) data, FALSE, NULL);

  return article != NULL && topiary_article_get_target_words (article) == 1500 &&
         topiary_article_get_status (article) == TOPIARY_STATUS_DRAFTING;
}

static GtkWidget *
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

static gboolean
label_has_target (gpointer data)
{
  return strstr (gtk_label_get_label (GTK_LABEL (data)), "/ 1500 words") != NULL;
}

static void
test_details (void)
{
  TopiaryDetails *details = topiary_window_get_details (window);
  TopiaryEditor *editor = topiary_window_get_editor (window);
  gint64 id = topiary_editor_get_article_id (editor);
  GtkSpinButton *words;
  AdwComboRow *status;
  GtkWidget *words_label = NULL;

  g_assert_cmpint (id, !=, 0);
  /* Status is the fourth combo row (kind, group, pillar, status). */
  status = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (details), ADW_TYPE_COMBO_ROW, 3));
  words = GTK_SPIN_BUTTON (find_widget_of_type (GTK_WIDGET (details), GTK_TYPE_SPIN_BUTTON, 1));
  adw_combo_row_set_selected (status, TOPIARY_STATUS_DRAFTING);
  gtk_spin_button_set_value (words, 1500);
  g_assert_true (wait_for (details_saved, &id, 10000));
  /* The editor's status line now measures against the target. */
  for (guint i = 0; words_label == NULL; i++)
    {
      GtkWidget *w = find_widget_of_type (GTK_WIDGET (editor), GTK_TYPE_LABEL, i);

      g_assert_nonnull (w);
      if (strstr (gtk_label_get_label (GTK_LABEL (w)), "word") != NULL)
        words_label = w;
    }
  g_assert_true (wait_for (label_has_target, words_label, 10000));

  /* A target query, added with Enter, becomes the primary one. */
  {
    AdwEntryRow *query_row = ADW_ENTRY_ROW (find_widget_of_type (GTK_WIDGET (details), ADW_TYPE_ENTRY_ROW, 2));
    g_autoptr(TopiaryArticle) saved = NULL;
    TopiaryProject *project = topiary_window_get_project (window);

    gtk_editable_set_text (GTK_EDITABLE (query_row), "flask structured logging");
    g_signal_emit_by_name (query_row, "entry-activated");
    g_assert_true (topiary_details_save (details, NULL));
    saved = topiary_project_get_article (project, id, FALSE, NULL);
    g_assert_cmpuint (topiary_article_get_n_queries (saved), >=, 1);
    g_assert_cmpstr (topiary_article_get_queries (saved)[topiary_article_get_n_queries (saved) - 1], ==,
                     "flask structured logging");
    g_assert_cmpint (topiary_article_get_primary_query (saved), >=, 0);
  }
}

static void
test_group_delete_undo (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
  gint64 group_id = nth_group_id (project, 2);
  g_autoptr(TopiaryGroup) group = topiary_project_get_group (project, group_id, NULL);
  g_autofree char *title = g_strdup (topiary_group_get_title (group));
  g_autoptr(TopiaryArticle) pillar = find_article (project, group_id, TOPIARY_KIND_PILLAR, 0);
  g_autoptr(TopiaryGroup) back = NULL;
  g_autoptr(TopiaryArticle) pillar_back = NULL;
  TopiaryStats before = { 0 }, after = { 0 };
  guint n;

  topiary_project_get_stats (project, &before);
  topiary_sidebar_refresh (sidebar);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);
      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_GROUP && topiary_map_node_get_id (node) == group_id)
        gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
    }

  /* A group shows its own overview. */
  {
    gboolean shown = FALSE;

    for (guint i = 0; !shown; i++)
      {
        GtkWidget *w = find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_LABEL, i);

        g_assert_nonnull (w);
        shown = gtk_widget_has_css_class (w, "title-1") && gtk_widget_get_mapped (w) &&
                g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), title) == 0;
      }
    shot ("group.png");
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "map.delete", NULL);
  g_assert_null (topiary_project_find_group (project, title));
  topiary_project_get_stats (project, &after);
  g_assert_cmpuint (after.groups, ==, before.groups - 1);
  g_assert_cmpuint (after.articles, ==, before.articles);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  back = topiary_project_find_group (project, title);
  g_assert_nonnull (back);
  pillar_back = topiary_project_get_article (project, topiary_article_get_id (pillar), FALSE, NULL);
  g_assert_cmpint (topiary_article_get_group_id (pillar_back), ==, topiary_group_get_id (back));
  g_assert_cmpint (topiary_article_get_position (pillar_back), ==, topiary_article_get_position (pillar));
  g_assert_cmpint (topiary_group_get_position (back), ==, topiary_group_get_position (group));
}

/* The shortcuts window GtkApplication loads from our resource. */
static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/topiary/Topiary/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
expect_open_error (const char *path,
                   const char *heading)
{
  TopiaryProject *before = topiary_window_get_project (window);
  g_autofree char *digest = file_digest (path);
  g_autofree char *digest_after = NULL;
  g_autofree char *shown = NULL;

  g_assert_false (topiary_window_open_path (window, path));
  shown = close_message_dialog ();
  g_assert_cmpstr (shown, ==, heading);
  /* Nothing changed: same project, same bytes in the bad file. */
  g_assert_true (topiary_window_get_project (window) == before);
  digest_after = file_digest (path);
  g_assert_cmpstr (digest, ==, digest_after);
}

static void
test_open_errors (void)
{
  g_autofree char *garbage = g_build_filename (tmp_home, "garbage.topiary", NULL);
  g_autofree char *newer = g_build_filename (tmp_home, "newer.topiary", NULL);
  g_autofree char *foreign = g_build_filename (tmp_home, "foreign.topiary", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is not a database, only text\n", -1, NULL));
  expect_open_error (garbage, "Not a Topiary Project");

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1416655481; PRAGMA user_version = 99;"
                                     "CREATE TABLE map (id INTEGER);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (newer, "Project From a Newer Topiary");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_open_error (foreign, "Not a Topiary Project");
}

static gboolean
import_finished (gpointer data)
{
  return !topiary_window_is_importing (window);
}

static void
test_import (void)
{
  g_autofree char *seed = g_build_filename (g_getenv ("TOPIARY_SOURCE_ROOT"), "data", "samples",
                                            "flask-topical-map.txt", NULL);
  g_autofree char *target = g_build_filename (tmp_home, "imported.topiary", NULL);
  g_autofree char *empty = g_build_filename (tmp_home, "empty.txt", NULL);
  g_autofree char *empty_target = g_build_filename (tmp_home, "empty.topiary", NULL);
  g_autofree char *heading = NULL;
  TopiaryProject *project;

  if (g_getenv ("TOPIARY_SOURCE_ROOT") == NULL)
    {
      g_test_skip ("TOPIARY_SOURCE_ROOT is not set");
      return;
    }

  topiary_window_import (window, seed, target);
  g_assert_true (topiary_window_is_importing (window));
  g_assert_true (wait_for (import_finished, NULL, 30000));
  project = topiary_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (topiary_project_get_path (project), ==, target);
  g_assert_cmpuint (topiary_project_count_articles (project), ==, 133);

  /* Nothing to import: a dialog, no project file left behind. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  topiary_window_import (window, empty, empty_target);
  g_assert_true (wait_for (import_finished, NULL, 30000));
  heading = close_message_dialog ();
  g_assert_cmpstr (heading, ==, "Could Not Import");
  g_assert_false (g_file_test (empty_target, G_FILE_TEST_EXISTS));
  g_assert_true (topiary_window_get_project (window) == project);
}

static void
test_new_map (void)
{
  g_autofree char *path = g_build_filename (tmp_home, "My map", NULL);
  g_autofree char *file = g_build_filename (tmp_home, "My map.topiary", NULL);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  TopiaryProject *project;
  TopiaryStats stats = { 0 };

  g_assert_true (topiary_window_create_map (window, path));
  project = topiary_window_get_project (window);
  g_assert_cmpstr (topiary_project_get_path (project), ==, file);
  title = topiary_project_get_map_field (project, "title");
  g_assert_cmpstr (title, ==, "My map");
  topiary_project_get_stats (project, &stats);
  g_assert_cmpuint (stats.articles, ==, 0);

  /* Never over an existing file. */
  g_assert_false (topiary_window_create_map (window, file));
  heading = close_message_dialog ();
  g_assert_cmpstr (heading, ==, "File Already Exists");
  g_assert_true (topiary_window_get_project (window) == project);

  /* An empty map still takes a first group and article. */
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-group", NULL);
  answer_name_dialog ("Getting started");
  gtk_widget_activate_action (GTK_WIDGET (window), "map.new-article", NULL);
  answer_name_dialog ("First steps");
  g_assert_cmpuint (topiary_project_count_articles (project), ==, 1);
  g_assert_cmpint (topiary_editor_get_article_id (topiary_window_get_editor (window)), !=, 0);
}

/* ---- kill -9 while typing ---- */

/* The child: opens @path, types into the article, reports, then waits
 * to be killed. */
static int
run_typing_child (const char *path,
                  gint64      article_id)
{
  TopiaryEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path) || !topiary_window_open_article (window, article_id))
    return 1;
  editor = topiary_window_get_editor (window);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  for (guint i = 0; i < 200; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, i % 10 == 9 ? " word\n" : " word", -1);
      spin (2);
    }
  {
    g_autofree char *text = topiary_editor_dup_text (editor);
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
    g_print ("TYPED %s\n", sum);
  }
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static GtkWidget *
find_widget_with_target (GtkWidget  *root,
                         const char *path)
{
  if (GTK_IS_ACTIONABLE (root) && gtk_widget_get_mapped (root))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));
      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (target, NULL), path) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_target (child, path);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static TopiaryProject *
reopen_sample (void)
{
  g_assert_true (topiary_window_open_path (window, sample_path));
  return topiary_window_get_project (window);
}

/* The child for the steady-typing case: one word every 15 ms for up to
 * 10 s, reporting "AT <monotonic µs> <words typed>" after each. */
static int
run_steady_typing_child (const char *path,
                         gint64      article_id)
{
  TopiaryEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  window = topiary_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path) || !topiary_window_open_article (window, article_id))
    return 1;
  editor = topiary_window_get_editor (window);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  g_print ("READY\n");
  for (guint i = 1; i <= 600; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "word ", -1);
      g_print ("AT %" G_GINT64_FORMAT " %u\n", g_get_monotonic_time (), i);
      spin (15);
    }
  return 0;
}

/* Typing that never pauses still reaches the file within a second. */
static void
test_kill_during_steady_typing (void)
{
  TopiaryProject *project = reopen_sample ();
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 5), TOPIARY_KIND_CLUSTER, 2);
  g_autoptr(TopiaryArticle) initial = topiary_project_get_article (project, topiary_article_get_id (target), TRUE, NULL);
  g_autofree char *before = g_strdup (topiary_article_get_body (initial));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, topiary_article_get_id (target));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--steady-typing-child", sample_path, id, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TopiaryProject) reopened = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  gint64 start = 0, killed = 0;
  guint must_have = 0, saved_words;
  const char *body;
  char *line;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      gint64 at;

      if (g_str_equal (line, "READY"))
        start = g_get_monotonic_time ();
      else if (sscanf (line, "AT %" G_GINT64_FORMAT, &at) == 1)
        g_array_append_val (times, at);
      g_free (line);
      /* Kill mid-typing, once enough words are older than a second (or
       * give up waiting on a machine too slow to type). */
      if (killed == 0 && start != 0 &&
          ((times->len >= 30 && g_get_monotonic_time () - start > 2500 * 1000 &&
            g_get_monotonic_time () - g_array_index (times, gint64, 0) > 1200 * 1000) ||
           g_get_monotonic_time () - start > 20 * G_USEC_PER_SEC))
        {
          killed = g_get_monotonic_time ();
          g_subprocess_send_signal (child, SIGKILL);
        }
    }
  g_subprocess_wait (child, NULL, NULL);
  g_assert_cmpint (killed, >, 0);
  if (times->len < 30)
    {
      /* Under a sanitizer or heavy load the timing says nothing. */
      g_test_skip ("the child typed too slowly to judge a one-second guarantee");
      return;
    }

  /* Every word typed more than a second before the kill is in the file. */
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) <= killed - 1000 * 1000)
      must_have = i + 1;
  g_assert_cmpuint (must_have, >, 0);

  reopened = topiary_project_open (sample_path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (reopened, topiary_article_get_id (target), TRUE, &error);
  g_assert_no_error (error);
  body = topiary_article_get_body (article);
  g_assert_true (g_str_has_prefix (body, before ? before : ""));
  body += before ? strlen (before) : 0;
  g_assert_cmpuint (strlen (body) % 5, ==, 0);
  saved_words = strlen (body) / 5;
  for (guint i = 0; i < saved_words; i++)
    g_assert_true (strncmp (body + 5 * i, "word ", 5) == 0);
  g_test_message ("typed %u words, %u were due on disk, %u were", times->len, must_have, saved_words);
  g_assert_cmpuint (saved_words, >=, must_have);
}

static void
test_kill_while_typing (void)
{
  TopiaryProject *project = reopen_sample ();
  const char *path = sample_path;
  g_autoptr(TopiaryArticle) target = find_article (project, nth_group_id (project, 4), TOPIARY_KIND_PILLAR, 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, topiary_article_get_id (target));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--typing-child", path, id, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(TopiaryProject) reopened = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autofree char *sum = NULL;

  /* Our window lets go of the file first, as a second app instance would
   * find it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  g_assert_null (topiary_window_get_project (window));
  /* The welcome screen offers it again. */
  g_assert_nonnull (find_widget_with_target (GTK_WIDGET (window), path));
  shot ("welcome.png");

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "TYPED "));

  g_usleep (1500 * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);

  reopened = topiary_project_open (path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  article = topiary_project_get_article (reopened, topiary_article_get_id (target), TRUE, &error);
  g_assert_no_error (error);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, topiary_article_get_body (article), -1);
  g_assert_cmpstr (sum, ==, line + strlen ("TYPED "));
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *schema_dir = NULL;
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (argc == 4 && g_str_equal (argv[1], "--steady-typing-child"))
    {
      g_set_prgname ("topiary-test-ui-child");
      if (!gtk_init_check ())
        return 77;
      adw_init ();
      gtk_source_init ();
      return run_steady_typing_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
    }
  if (argc == 4 && g_str_equal (argv[1], "--typing-child"))
    {
      g_set_prgname ("topiary-test-ui-child");
      if (!gtk_init_check ())
        return 77;
      adw_init ();
      gtk_source_init ();
      return run_typing_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
    }

  /* A private home: WebKit and the sample map write there. */
  tmp_home = g_dir_make_tmp ("topiary-ui-XXXXXX", NULL);
  g_assert_nonnull (tmp_home);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  /* WebKit names its data folders after the program: not a path. */
  g_set_prgname ("topiary-test-ui");

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests.\n");
      test_remove_tree (tmp_home);
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!wait_for (window_mapped, NULL, 10000))
    g_printerr ("The window was not mapped after 10 s.\n");

  g_test_add_func ("/ui/open-sample", test_open_sample);
  g_test_add_func ("/ui/audit", test_audit);
  g_test_add_func ("/ui/edit-and-preview", test_edit_and_preview);
  g_test_add_func ("/ui/preview-latency", test_preview_latency);
  g_test_add_func ("/ui/preview-scroll", test_preview_scroll);
  g_test_add_func ("/ui/preview-patch", test_preview_patch);
  g_test_add_func ("/ui/preview-image", test_preview_image);
  g_test_add_func ("/ui/autosave", test_autosave);
  g_test_add_func ("/ui/revisions", test_revisions);
  g_test_add_func ("/ui/formatting", test_formatting);
  g_test_add_func ("/ui/create-from-link", test_create_from_link);
  g_test_add_func ("/ui/wiki-link-click", test_wiki_link_click);
  g_test_add_func ("/ui/layout", test_layout);
  g_test_add_func ("/ui/dark-style", test_dark_style);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/move-follows", test_move_follows);
  g_test_add_func ("/ui/search", test_search);
  g_test_add_func ("/ui/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/create-rename-duplicate", test_create_rename_duplicate);
  g_test_add_func ("/ui/drop", test_drop);
  g_test_add_func ("/ui/pointer-drag", test_pointer_drag);
  g_test_add_func ("/ui/details", test_details);
  g_test_add_func ("/ui/group-delete-undo", test_group_delete_undo);
  g_test_add_func ("/ui/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/export", test_export);
  g_test_add_func ("/ui/open-errors", test_open_errors);
  g_test_add_func ("/ui/import", test_import);
  g_test_add_func ("/ui/new-map", test_new_map);
  g_test_add_func ("/ui/kill-while-typing", test_kill_while_typing);
  g_test_add_func ("/ui/kill-during-steady-typing", test_kill_during_steady_typing);
  g_test_add_func ("/ui/german", test_german);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  test_remove_tree (tmp_home);
  g_free (tmp_home);
  g_free (sample_path);
  return status;
}
