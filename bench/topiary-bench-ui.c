/* topiary-bench-ui.c — timings taken inside the app, for bench/bench-ui.sh
 *
 *   topiary-bench-ui open PROJECT     window usable with the project's tree
 *   topiary-bench-ui type PROJECT [N] [nospell] [pause] [outline] [focus]
 *                                     keystroke to updated preview, on the
 *                                     longest article of PROJECT, 30 ms
 *                                     apart (200 ms with "pause", so the
 *                                     spelling is checked between them);
 *                                     spell checking on unless "nospell";
 *                                     the outline open with "outline",
 *                                     focus mode on with "focus".
 *   topiary-bench-ui spell PROJECT    opening the longest article (first
 *                                     another one, so the editor and the
 *                                     preview exist) until its spelling is
 *                                     fully checked; "first_*" figures
 *                                     open it as the window's first
 *   topiary-bench-ui graph PROJECT   the map's graph: built (in its thread)
 *                                     until shown, then one frame drawn
 *                                     fitted and zoomed in, against as many
 *                                     plain cairo circles (the peer); at
 *                                     the level the app picks, then at the
 *                                     articles' level
 *
 * Besides wall-clock times, the main thread's CPU time ("*_cpu_ms"): on a
 * machine other work is loading, that is what the app itself spent.
 *   topiary-bench-ui links PROJECT [closed]
 *                                     the longest article open with the Links
 *                                     page shown (with "closed": the side
 *                                     panel closed, so the map's links are
 *                                     never read, the peer) and a few
 *                                     keystrokes made: the time until the
 *                                     map's links were read, and the memory
 *                                     (PSS) of the app and of its web
 *                                     processes
 *   topiary-bench-ui show PROJECT [SLUG] [dark|light] [writing|graph]
 *                                     opens the article SLUG (or the map) and
 *                                     stays until killed: for screenshots;
 *                                     with graph, the map's graph zoomed onto
 *                                     the groups of SLUG,SLUG…
 *
 * Prints one JSON object per run. Runs under a display (Xvfb is fine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "topiary-article-pane.h"
#include "topiary-graph-canvas-private.h"
#include "topiary-graph-view.h"
#include "topiary-outline.h"
#include "topiary-window.h"
#include "bench-util.h"

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (gboolean (*check) (gpointer),
          gpointer   data,
          guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  guint tick = g_timeout_add (5, wake, NULL);
  gboolean ok;

  while (!(ok = check (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

/* ---- open ---- */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static int
bench_open (const char *path)
{
  TopiaryWindow *window;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;
  gint64 t0, t_open, t_paint;

  t0 = g_get_monotonic_time ();
  window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path))
    {
      g_printerr ("topiary-bench-ui: could not open %s\n", path);
      return 1;
    }
  t_open = g_get_monotonic_time ();

  /* Usable = the tree of the project has been laid out and painted. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  if (!wait_for (is_true, &painted, 10000))
    {
      g_printerr ("topiary-bench-ui: the window never painted\n");
      return 1;
    }
  t_paint = g_get_monotonic_time ();
  g_signal_handler_disconnect (clock, id);

  g_print ("{\"open_ms\": %.1f, \"usable_ms\": %.1f}\n",
           (t_open - t0) / 1000.0, (t_paint - t0) / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- type ---- */

typedef struct {
  TopiaryPreview *preview;
  guint           min_updates;
} IdleWait;

static gboolean
preview_ready (gpointer data)
{
  IdleWait *w = data;
  return topiary_preview_is_idle (w->preview) && topiary_preview_get_n_updates (w->preview) >= w->min_updates;
}

static void
on_updated (TopiaryPreview *preview,
            gint64         *when)
{
  *when = g_get_monotonic_time ();
}

static gboolean
updated_since (gpointer data)
{
  gint64 *times = data;
  return times[1] >= times[0];
}

/* The longest article of the open project: its id, and its words. */
static gint64
longest_article (TopiaryWindow *window,
                 guint         *words)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (topiary_window_get_project (window), NULL);
  gint64 longest = 0;

  *words = 0;
  for (guint i = 0; articles != NULL && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      if (topiary_article_get_word_count (a) > *words)
        {
          *words = topiary_article_get_word_count (a);
          longest = topiary_article_get_id (a);
        }
    }
  return longest;
}

/* A window at 1400 × 900 with @path open and its longest article shown;
 * NULL (said) when it cannot be. */
static TopiaryWindow *
open_longest (const char *path,
              guint      *words)
{
  TopiaryWindow *window = topiary_window_new (NULL);
  gint64 longest;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path))
    return NULL;
  longest = longest_article (window, words);
  if (longest == 0 || !topiary_window_open_article (window, longest))
    {
      g_printerr ("topiary-bench-ui: no article with text in %s\n", path);
      return NULL;
    }
  return window;
}

static void
set_spell_check (gboolean on)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "spell-check", on);
}

static gboolean
spell_done (gpointer data)
{
  return !topiary_spell_view_is_pending (data);
}

static int
bench_type (const char *path,
            guint       keystrokes,
            gboolean    spell,
            guint       pause_ms,
            gboolean    outline,
            gboolean    focus)
{
  TopiaryWindow *window;
  TopiaryEditor *editor;
  TopiaryPreview *preview;
  GtkTextBuffer *buffer;
  IdleWait w;
  gint64 times[2] = { 0, -1 };
  guint longest_words = 0;
  double *latency, *cpu;
  gulong id;

  set_spell_check (spell);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_boolean (settings, "focus-mode", focus);
  }
  if ((window = open_longest (path, &longest_words)) == NULL)
    return 1;

  editor = topiary_window_get_editor (window);
  preview = topiary_window_get_preview (window);
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  w.preview = preview;
  w.min_updates = 1;
  if (!wait_for (preview_ready, &w, 20000))
    {
      g_printerr ("topiary-bench-ui: the preview never loaded\n");
      return 1;
    }

  /* The outline open, as a writer keeps it while writing (Ctrl+Shift+L). */
  if (outline)
    {
      GtkWidget *popover;

      gtk_widget_activate_action (GTK_WIDGET (editor), "article.outline", NULL);
      wait_for (never, NULL, 300);
      popover = GTK_WIDGET (topiary_outline_button_get_list (topiary_editor_get_outline_button (editor)));
      while (popover != NULL && !GTK_IS_POPOVER (popover))
        popover = gtk_widget_get_parent (popover);
      if (popover == NULL || !gtk_widget_get_mapped (popover))
        {
          g_printerr ("topiary-bench-ui: the outline did not open\n");
          return 1;
        }
    }

  latency = g_new0 (double, keystrokes);
  cpu = g_new0 (double, keystrokes);
  id = g_signal_connect (preview, "updated", G_CALLBACK (on_updated), &times[1]);
  for (guint i = 0; i < keystrokes; i++)
    {
      GtkTextIter iter;
      gint64 cpu0;

      /* Type in the middle of the article, where the cursor usually is. */
      wait_for (never, NULL, pause_ms);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, gtk_text_buffer_get_char_count (buffer) / 2);
      gtk_text_buffer_place_cursor (buffer, &iter);
      times[0] = g_get_monotonic_time ();
      cpu0 = bench_thread_cpu_us ();
      times[1] = -1;
      gtk_text_buffer_insert_at_cursor (buffer, i % 6 == 5 ? " " : "x", -1);
      if (!wait_for (updated_since, times, 10000))
        {
          g_printerr ("topiary-bench-ui: the preview did not follow keystroke %u\n", i);
          return 1;
        }
      latency[i] = (times[1] - times[0]) / 1000.0;
      cpu[i] = (bench_thread_cpu_us () - cpu0) / 1000.0;
    }
  g_signal_handler_disconnect (preview, id);
  qsort (latency, keystrokes, sizeof (double), bench_compare_doubles);
  qsort (cpu, keystrokes, sizeof (double), bench_compare_doubles);
  g_print ("{\"words\": %u, \"keystrokes\": %u, \"pause_ms\": %u, \"spell\": %s, \"outline\": %s, \"focus\": %s, "
           "\"median_ms\": %.2f, \"p90_ms\": %.2f, \"max_ms\": %.2f, \"median_cpu_ms\": %.2f, \"p90_cpu_ms\": %.2f}\n",
           longest_words, keystrokes, pause_ms,
           topiary_spell_view_get_enabled (topiary_editor_get_spell (editor)) ? "true" : "false",
           outline ? "true" : "false", focus ? "true" : "false",
           latency[keystrokes / 2], latency[keystrokes * 9 / 10], latency[keystrokes - 1],
           cpu[keystrokes / 2], cpu[keystrokes * 9 / 10]);
  g_free (latency);
  g_free (cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- spell ---- */

/* Another article than @not: the first with a body. */
static gint64
other_article (TopiaryWindow *window,
               gint64         not)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (topiary_window_get_project (window), NULL);

  for (guint i = 0; articles != NULL && i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      if (topiary_article_get_id (a) != not && topiary_article_get_word_count (a) > 0)
        return topiary_article_get_id (a);
    }
  return 0;
}

typedef struct {
  double open_ms, checked_ms, open_cpu_ms, checked_cpu_ms;
} Opened;

/* Opens @id and waits until all of it is checked. */
static gboolean
open_until_checked (TopiaryWindow    *window,
                    TopiarySpellView *spell,
                    gint64            id,
                    Opened           *out)
{
  gint64 t0 = g_get_monotonic_time (), c0 = bench_thread_cpu_us ();

  if (!topiary_window_open_article (window, id))
    return FALSE;
  out->open_ms = (g_get_monotonic_time () - t0) / 1000.0;
  out->open_cpu_ms = (bench_thread_cpu_us () - c0) / 1000.0;
  if (!wait_for (spell_done, spell, 20000))
    return FALSE;
  out->checked_ms = (g_get_monotonic_time () - t0) / 1000.0;
  out->checked_cpu_ms = (bench_thread_cpu_us () - c0) / 1000.0;
  return TRUE;
}

/* Opens the longest article as the window's first, then from another
 * one, and waits until all of it is checked: the times, and what checking
 * cost the main loop. */
static int
bench_spell (const char *path)
{
  TopiaryWindow *window;
  TopiarySpellView *spell;
  guint words, chunks, misspelt = 0;
  gint64 longest, other, longest_chunk;
  Opened first, again;
  GtkTextIter it;

  set_spell_check (TRUE);
  window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path))
    return 1;
  longest = longest_article (window, &words);
  other = other_article (window, longest);
  spell = topiary_editor_get_spell (topiary_window_get_editor (window));
  /* Settle: the window, the preview module. */
  wait_for (never, NULL, 1500);
  if (longest == 0 || other == 0)
    {
      g_printerr ("topiary-bench-ui: %s needs two articles with text\n", path);
      return 1;
    }
  if (!open_until_checked (window, spell, longest, &first) ||
      !open_until_checked (window, spell, other, &again))
    {
      g_printerr ("topiary-bench-ui: the spelling was never fully checked\n");
      return 1;
    }
  wait_for (never, NULL, 500);
  if (!open_until_checked (window, spell, longest, &again))
    {
      g_printerr ("topiary-bench-ui: the spelling was never fully checked\n");
      return 1;
    }
  topiary_spell_view_get_stats (spell, &chunks, &longest_chunk);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window))), &it);
  while (gtk_text_iter_forward_to_tag_toggle (&it, topiary_spell_view_get_tag (spell)))
    if (gtk_text_iter_starts_tag (&it, topiary_spell_view_get_tag (spell)))
      misspelt++;
  g_print ("{\"words\": %u, \"open_ms\": %.1f, \"checked_ms\": %.1f, \"open_cpu_ms\": %.1f, \"checked_cpu_ms\": %.1f, "
           "\"first_open_ms\": %.1f, \"first_checked_ms\": %.1f, \"first_open_cpu_ms\": %.1f, \"first_checked_cpu_ms\": %.1f, "
           "\"chunks\": %u, \"longest_chunk_ms\": %.1f, \"misspelt\": %u, \"language\": \"%s\"}\n",
           words, again.open_ms, again.checked_ms, again.open_cpu_ms, again.checked_cpu_ms,
           first.open_ms, first.checked_ms, first.open_cpu_ms, first.checked_cpu_ms,
           chunks, longest_chunk / 1000.0, misspelt,
           topiary_spell_checker_get_language (topiary_spell_view_get_checker (spell)) ?: "none");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- links ---- */

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_of_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
links_settled (gpointer data)
{
  return !topiary_article_pane_links_pending (data);
}

/* /proc/PID/NAME, or NULL when the process is gone. */
static char *
read_proc (int         pid,
           const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, name);
  char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) ? text : NULL;
}

/* The Pss line of /proc/PID/smaps_rollup, in kB; 0 when unreadable. */
static guint64
pss_kb (int pid)
{
  g_autofree char *text = read_proc (pid, "smaps_rollup");
  const char *line = text != NULL ? strstr (text, "\nPss:") : NULL;

  return line != NULL ? g_ascii_strtoull (line + 5, NULL, 10) : 0;
}

static int
parent_of (int pid)
{
  g_autofree char *text = read_proc (pid, "stat");
  const char *end = text != NULL ? strrchr (text, ')') : NULL;

  /* "pid (comm) state ppid …" */
  return end != NULL ? atoi (end + 4) : 0;
}

/* The PSS of every process started by this one (WebKit's web and network
 * processes, through its bubblewrap when sandboxed), in kB. */
static guint64
descendants_pss_kb (guint *n)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint64 sum = 0;
  int self = getpid ();

  *n = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int pid = atoi (name);

      if (pid <= 0 || pid == self)
        continue;
      for (int p = parent_of (pid), depth = 0; p > 1 && depth < 8; p = parent_of (p), depth++)
        if (p == self)
          {
            sum += pss_kb (pid);
            (*n)++;
            break;
          }
    }
  return sum;
}

static int
bench_links (const char *path,
             gboolean    shown)
{
  TopiaryWindow *window;
  TopiaryArticlePane *pane;
  TopiaryPreview *preview;
  GtkTextBuffer *buffer;
  IdleWait w;
  gint64 start;
  guint words, n_children;
  double ready_ms;
  guint64 app, children;

  start = g_get_monotonic_time ();
  if ((window = open_longest (path, &words)) == NULL)
    return 1;
  pane = TOPIARY_ARTICLE_PANE (find_of_type (GTK_WIDGET (window), TOPIARY_TYPE_ARTICLE_PANE));
  if (shown)
    topiary_article_pane_show_links (pane);
  if (!wait_for (links_settled, pane, 120000))
    {
      g_printerr ("topiary-bench-ui: the links were never read\n");
      return 1;
    }
  ready_ms = (g_get_monotonic_time () - start) / 1000.0;
  preview = topiary_window_get_preview (window);
  w.preview = preview;
  w.min_updates = 1;
  wait_for (preview_ready, &w, 20000);
  /* Writing: each pause asks for a new report. */
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
  for (guint i = 0; i < 5; i++)
    {
      gtk_text_buffer_insert_at_cursor (buffer, "x ", -1);
      wait_for (never, NULL, 700);
      wait_for (links_settled, pane, 20000);
    }
  wait_for (never, NULL, 1000);
  app = pss_kb (getpid ());
  children = descendants_pss_kb (&n_children);
  g_print ("{\"shown\": %s, \"words\": %u, \"links_ready_ms\": %.0f, \"suggestions\": %u, \"app_pss_mb\": %.1f, "
           "\"children\": %u, \"children_pss_mb\": %.1f, \"total_pss_mb\": %.1f}\n",
           shown ? "true" : "false", words, ready_ms, topiary_links_panel_get_n_suggestions (topiary_article_pane_get_links_panel (pane)),
           app / 1024.0, n_children, children / 1024.0, (app + children) / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- show ---- */

static GtkWidget *
find_graph_view (GtkWidget *root)
{
  if (TOPIARY_IS_GRAPH_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_graph_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- graph ---- */

static gboolean
graph_ready (gpointer data)
{
  TopiaryGraphView *view = data;

  return !topiary_graph_view_is_building (view) &&
         topiary_graph_canvas_get_graph (topiary_graph_view_get_canvas (view)) != NULL &&
         gtk_widget_get_width (GTK_WIDGET (topiary_graph_view_get_canvas (view))) > 0;
}

/* The median of 15 draws of the canvas's picture, in ms. */
static double
time_draws (TopiaryGraphCanvas *canvas,
            cairo_surface_t    *surface,
            int                 width,
            int                 height,
            gboolean            circles_only)
{
  TopiaryGraph *graph = topiary_graph_canvas_get_graph (canvas);
  double times[15];

  for (guint round = 0; round < G_N_ELEMENTS (times); round++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0 = g_get_monotonic_time ();

      if (circles_only)
        {
          /* The peer: as many circles, filled and stroked, nothing else. */
          for (guint i = 0; i < topiary_graph_get_n_nodes (graph); i++)
            {
              cairo_new_path (cr);
              cairo_arc (cr, (i * 37) % width, (i * 53) % height, 6, 0, 2 * G_PI);
              cairo_set_source_rgb (cr, 0.4, 0.6, 0.9);
              cairo_fill_preserve (cr);
              cairo_set_source_rgb (cr, 0.2, 0.3, 0.5);
              cairo_stroke (cr);
            }
        }
      else
        _topiary_graph_canvas_draw (canvas, cr, width, height);
      cairo_surface_flush (surface);
      times[round] = (g_get_monotonic_time () - t0) / 1000.0;
      cairo_destroy (cr);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), bench_compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

static void
print_graph_figures (TopiaryGraphView *view,
                     double            build_ms)
{
  TopiaryGraphCanvas *canvas = topiary_graph_view_get_canvas (view);
  TopiaryGraph *graph = topiary_graph_canvas_get_graph (canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  double fit, zoom4, zoom16, peer;
  guint articles = 0;

  for (guint i = 0; i < topiary_graph_get_n_nodes (graph); i++)
    articles += topiary_graph_get_node (graph, i)->articles;
  topiary_graph_canvas_fit (canvas);
  fit = time_draws (canvas, surface, width, height, FALSE);
  topiary_graph_canvas_zoom (canvas, 4);
  zoom4 = time_draws (canvas, surface, width, height, FALSE);
  topiary_graph_canvas_zoom (canvas, 4);
  zoom16 = time_draws (canvas, surface, width, height, FALSE);
  peer = time_draws (canvas, surface, width, height, TRUE);
  topiary_graph_canvas_fit (canvas);
  g_print ("{\"level\": \"%s\", \"articles\": %u, \"nodes\": %u, \"edges\": %u, \"build_ms\": %.1f, "
           "\"draw_fit_ms\": %.2f, \"draw_zoom4_ms\": %.2f, \"draw_zoom16_ms\": %.2f, "
           "\"circles_ms\": %.2f, \"fit_vs_circles\": %.2f}\n",
           topiary_graph_get_level (graph) == TOPIARY_GRAPH_GROUPS ? "groups" : "articles",
           articles, topiary_graph_get_n_nodes (graph), topiary_graph_get_n_edges (graph), build_ms,
           fit, zoom4, zoom16, peer, peer > 0 ? fit / peer : 0);
  cairo_surface_destroy (surface);
}

static int
bench_graph (const char *path)
{
  TopiaryWindow *window = topiary_window_new (NULL);
  TopiaryGraphView *view;
  gint64 t0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!topiary_window_open_path (window, path))
    return 1;
  view = TOPIARY_GRAPH_VIEW (find_graph_view (GTK_WIDGET (window)));
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-graph", NULL);
  if (!wait_for (graph_ready, view, 120000))
    return 1;
  print_graph_figures (view, (g_get_monotonic_time () - t0) / 1000.0);
  if (topiary_graph_get_level (topiary_graph_canvas_get_graph (topiary_graph_view_get_canvas (view))) ==
      TOPIARY_GRAPH_GROUPS)
    {
      t0 = g_get_monotonic_time ();
      g_object_set (view, "level", "articles", NULL);
      if (!wait_for (graph_ready, view, 120000))
        return 1;
      print_graph_figures (view, (g_get_monotonic_time () - t0) / 1000.0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static int
show (const char *path,
      const char *slug,
      gboolean    dark,
      gboolean    writing,
      gboolean    graph)
{
  TopiaryWindow *window;

  /* The writing mode (docs/screenshots/writing-*.png): the editor alone,
   * focus mode, full screen. */
  if (writing)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "preview-layout", "editor");
      g_settings_set_boolean (settings, "focus-mode", TRUE);
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  if (path != NULL && !topiary_window_open_path (window, path))
    return 1;
  if (slug != NULL && *slug != '\0' && !graph)
    {
      g_autoptr(TopiaryArticle) article =
        topiary_project_get_article_by_slug (topiary_window_get_project (window), slug, FALSE, NULL);

      if (article == NULL || !topiary_window_open_article (window, topiary_article_get_id (article)))
        {
          g_printerr ("topiary-bench-ui: no article %s\n", slug);
          return 1;
        }
    }
  if (writing)
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
      GtkTextIter iter;

      /* At the end of the first paragraph (one line: the sample's
       * paragraphs are not hard-wrapped), as one writes it. */
      gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
      gtk_text_iter_forward_to_line_end (&iter);
      gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (topiary_window_get_editor (window))));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL);
    }
  /* The map as a graph (docs/screenshots/graph.png), zoomed onto the
   * groups of the articles named (SLUG,SLUG…) once it is built. */
  if (graph)
    {
      GtkWidget *view;
      TopiaryGraphCanvas *canvas;
      g_auto(GStrv) slugs = g_strsplit (slug != NULL ? slug : "", ",", -1);
      g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-graph", NULL);
      view = find_graph_view (GTK_WIDGET (window));
      canvas = topiary_graph_view_get_canvas (TOPIARY_GRAPH_VIEW (view));
      while (topiary_graph_view_is_building (TOPIARY_GRAPH_VIEW (view)) || topiary_graph_canvas_get_graph (canvas) == NULL)
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; slugs[i] != NULL; i++)
        {
          g_autoptr(TopiaryArticle) article =
            topiary_project_get_article_by_slug (topiary_window_get_project (window), slugs[i], FALSE, NULL);

          if (article != NULL)
            {
              gint64 group = topiary_article_get_group_id (article);
              g_array_append_val (groups, group);
            }
        }
      /* Xvfb's pointer rests mid-screen: no tooltip over the picture. */
      gtk_widget_set_has_tooltip (GTK_WIDGET (canvas), FALSE);
      if (groups->len > 0)
        topiary_graph_canvas_fit_groups (canvas, (const gint64 *) groups->data, groups->len);
    }
  g_print ("shown\n");
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc < 3)
    {
      g_printerr ("usage: topiary-bench-ui open|type PROJECT [KEYSTROKES]\n");
      return 2;
    }
  g_set_prgname ("topiary-bench-ui");
  if (!gtk_init_check ())
    {
      g_printerr ("topiary-bench-ui: no display\n");
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  if (g_str_equal (argv[1], "show"))
    return show (g_str_equal (argv[2], "-") ? NULL : argv[2], argc > 3 ? argv[3] : NULL,
                 argc > 4 && g_str_equal (argv[4], "dark"), argc > 5 && g_str_equal (argv[5], "writing"),
                 argc > 5 && g_str_equal (argv[5], "graph"));
  if (g_str_equal (argv[1], "open"))
    return bench_open (argv[2]);
  if (g_str_equal (argv[1], "type"))
    {
      gboolean spell = TRUE, pause = FALSE, outline = FALSE, focus = FALSE;

      for (int i = 4; i < argc; i++)
        {
          spell = spell && !g_str_equal (argv[i], "nospell");
          pause = pause || g_str_equal (argv[i], "pause");
          outline = outline || g_str_equal (argv[i], "outline");
          focus = focus || g_str_equal (argv[i], "focus");
        }
      return bench_type (argv[2], argc > 3 ? (guint)atoi (argv[3]) : 60, spell, pause ? 200 : 30, outline, focus);
    }
  if (g_str_equal (argv[1], "spell"))
    return bench_spell (argv[2]);
  if (g_str_equal (argv[1], "links"))
    return bench_links (argv[2], !(argc > 3 && g_str_equal (argv[3], "closed")));
  if (g_str_equal (argv[1], "graph"))
    return bench_graph (argv[2]);
  g_printerr ("topiary-bench-ui: unknown mode %s\n", argv[1]);
  return 2;
}
