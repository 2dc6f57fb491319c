/* topiary-graph-view.c — the map as a graph: the canvas, its legend and
 * its buttons, the graph built off the main thread
 *
 * The graph (topiary-graph.h) needs every body of the map, so it is built
 * in a GTask thread on a read-only connection of its own (no SQLite
 * connection is shared between threads), and only when it is to be seen:
 * a change to the map marks it stale; a stale graph is rebuilt when the
 * view is shown, or, while it is shown, half a second after the last
 * change. A build that a newer one overtook is dropped.
 *
 * Level: a map of more than TOPIARY_GRAPH_VIEW_GROUPS_ABOVE articles is
 * first shown a group per node. Clicking a group node switches to the
 * articles and zooms onto that group's; the Articles and Groups buttons
 * switch by hand.
 *
 * Clicking an article opens it in the editor, as Enter on the map's tree
 * does. Clicking a missing (dashed) link inserts it into its source with
 * the Links panel's rule (topiary_suggestion_edit()): at the mention when
 * the text names the target, else at the end of the text; one undoable
 * edit, the source open with the cursor after the link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-debounce.h"
#include "topiary-dialogs.h"
#include "topiary-editor.h"
#include "topiary-graph-view.h"
#include "topiary-link-completion.h"
#include "topiary-links.h"
#include "topiary-window.h"

#define REFRESH_DELAY_MS 500

struct _TopiaryGraphView
{
  GtkWidget           parent_instance;

  TopiaryGraphCanvas *canvas;
  GtkLabel           *placeholder;
  GtkBox             *status_legend;
  GtkBox             *edge_legend;
  GtkLabel           *summary;

  TopiaryProject     *project;
  gulong              changed_id;
  TopiaryDebounce    *refresh;
  gboolean            stale;
  guint               generation;   /* of the newest build asked for */
  gboolean            building;

  /* The shown graph, with what it was built from. */
  TopiaryMap         *map;
  TopiaryLinker      *linker;
  TopiaryGraph       *graph;

  gboolean            level_chosen; /* by the user; else by the map's size */
  TopiaryGraphLevel   level;
  gint64              zoom_group;   /* after the build, show this group; -1 none */
};

G_DEFINE_FINAL_TYPE (TopiaryGraphView, topiary_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- building, in a thread ---- */

typedef struct {
  char              *path;
  TopiaryGraphLevel  level;
  gboolean           auto_level;
  guint              generation;
  gint64             started;
  TopiaryMap        *map;
  TopiaryLinker     *linker;
  TopiaryGraph      *graph;
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_clear_pointer (&job->graph, topiary_graph_free);
  g_clear_pointer (&job->linker, topiary_linker_free);
  g_clear_object (&job->map);
  g_free (job->path);
  g_free (job);
}

static gboolean
build (BuildJob        *job,
       TopiaryProject  *project,
       GError         **error)
{
  job->map = topiary_map_new (project, error);
  if (job->map == NULL)
    return FALSE;
  job->linker = topiary_linker_new (project, job->map, error);
  if (job->linker == NULL)
    return FALSE;
  if (job->auto_level)
    job->level = topiary_map_get_articles (job->map)->len > TOPIARY_GRAPH_VIEW_GROUPS_ABOVE
                 ? TOPIARY_GRAPH_GROUPS : TOPIARY_GRAPH_ARTICLES;
  job->graph = topiary_graph_new (job->linker, job->level);
  return TRUE;
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  BuildJob *job = data;
  g_autoptr(TopiaryProject) project = NULL;
  GError *error = NULL;

  project = topiary_project_open (job->path, TOPIARY_OPEN_READ_ONLY, &error);
  if (project == NULL || !build (job, project, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  topiary_project_close (project);
  g_task_return_boolean (task, TRUE);
}

static void
update_summary (TopiaryGraphView *self)
{
  guint missing = 0, cross = 0, articles = 0;
  g_autofree char *a = NULL, *m = NULL, *c = NULL, *text = NULL;

  for (guint i = 0; i < topiary_graph_get_n_nodes (self->graph); i++)
    articles += topiary_graph_get_node (self->graph, i)->articles;
  for (guint i = 0; i < topiary_graph_get_n_edges (self->graph); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (self->graph, i);

      if (e->kind == TOPIARY_GRAPH_EDGE_MISSING)
        missing += MAX (e->count, 1);
      else if (e->cross_group)
        cross += MAX (e->count, 1);
    }
  a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", articles), articles);
  m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u required link missing", "%u required links missing",
                                    missing), missing);
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link across groups", "%u links across groups",
                                    cross), cross);
  /* TRANSLATORS: under the graph's legend: "40 articles · 3 required links missing · 5 links across groups" */
  text = g_strdup_printf (_("%s · %s · %s"), a, m, c);
  gtk_label_set_label (self->summary, text);
}

static void
show_built (TopiaryGraphView *self,
            BuildJob         *job)
{
  gboolean keep_view = self->graph != NULL && topiary_graph_get_level (self->graph) == job->level &&
                       self->zoom_group < 0;

  /* The canvas lets go of the old graph before it is freed. */
  topiary_graph_canvas_set_graph (self->canvas, job->graph, keep_view);
  g_clear_pointer (&self->graph, topiary_graph_free);
  g_clear_pointer (&self->linker, topiary_linker_free);
  g_clear_object (&self->map);
  self->graph = g_steal_pointer (&job->graph);
  self->linker = g_steal_pointer (&job->linker);
  self->map = g_steal_pointer (&job->map);
  if (self->level != job->level)
    {
      self->level = job->level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
  if (self->zoom_group >= 0)
    topiary_graph_canvas_fit_group (self->canvas, self->zoom_group);
  self->zoom_group = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), topiary_graph_get_n_nodes (self->graph) == 0);
  gtk_label_set_label (self->placeholder, _("The map has no articles yet."));
  update_summary (self);
  if (g_strcmp0 (g_getenv ("TOPIARY_BENCH"), "1") == 0)
    g_print ("TOPIARY_BENCH graph-build ms=%.2f articles=%u nodes=%u edges=%u\n",
             (g_get_monotonic_time () - job->started) / 1000.0, topiary_map_get_articles (self->map)->len,
             topiary_graph_get_n_nodes (self->graph), topiary_graph_get_n_edges (self->graph));
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  TopiaryGraphView *self = TOPIARY_GRAPH_VIEW (source);
  BuildJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (job->generation != self->generation || self->canvas == NULL)
    return;
  self->building = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_label (self->placeholder, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->placeholder), self->graph == NULL);
      return;
    }
  show_built (self, job);
}

static void
start_build (TopiaryGraphView *self)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;
  const char *path;

  topiary_debounce_cancel (self->refresh);
  if (self->project == NULL)
    return;
  self->stale = FALSE;
  self->building = TRUE;
  job = g_new0 (BuildJob, 1);
  job->level = self->level;
  job->auto_level = !self->level_chosen;
  job->generation = ++self->generation;
  job->started = g_get_monotonic_time ();
  if (self->graph == NULL)
    {
      gtk_label_set_label (self->placeholder, _("Laying out the map…"));
      gtk_widget_set_visible (GTK_WIDGET (self->placeholder), TRUE);
    }

  task = g_task_new (self, NULL, on_built, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  path = topiary_project_get_path (self->project);
  if (path == NULL || g_strcmp0 (path, ":memory:") == 0)
    {
      GError *error = NULL;

      /* A map in memory only: this connection is the only way in. */
      if (!build (job, self->project, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  job->path = g_strdup (path);
  g_task_run_in_thread (task, build_thread);
}

static gboolean
refresh_now (gpointer data)
{
  TopiaryGraphView *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_build (self);
  return G_SOURCE_REMOVE;
}

static void
on_project_changed (TopiaryGraphView *self,
                    const char       *what)
{
  /* The notes of the map hold no link the graph draws, but a linking plan
   * kept as a note does: every change counts. */
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    topiary_debounce_arm (self->refresh);
}

void
topiary_graph_view_set_project (TopiaryGraphView *self,
                                TopiaryProject   *project)
{
  g_return_if_fail (TOPIARY_IS_GRAPH_VIEW (self));

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  topiary_debounce_cancel (self->refresh);
  topiary_graph_canvas_set_graph (self->canvas, NULL, FALSE);
  g_clear_pointer (&self->graph, topiary_graph_free);
  g_clear_pointer (&self->linker, topiary_linker_free);
  g_clear_object (&self->map);
  /* A build for the map before is dropped when it ends. */
  self->generation++;
  self->building = FALSE;
  self->stale = TRUE;
  self->level_chosen = FALSE;
  self->zoom_group = -1;
  if (project != NULL)
    self->changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed),
                                                self, G_CONNECT_SWAPPED);
  if (project != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_build (self);
}

void
topiary_graph_view_show (TopiaryGraphView *self)
{
  g_return_if_fail (TOPIARY_IS_GRAPH_VIEW (self));

  if (self->stale)
    start_build (self);
}

TopiaryGraphCanvas *
topiary_graph_view_get_canvas (TopiaryGraphView *self)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_VIEW (self), NULL);
  return self->canvas;
}

gboolean
topiary_graph_view_is_building (TopiaryGraphView *self)
{
  g_return_val_if_fail (TOPIARY_IS_GRAPH_VIEW (self), FALSE);
  return self->building;
}

static void
set_level (TopiaryGraphView  *self,
           TopiaryGraphLevel  level,
           gint64             zoom_group)
{
  self->level_chosen = TRUE;
  self->zoom_group = zoom_group;
  if (self->level == level && self->graph != NULL && topiary_graph_get_level (self->graph) == level)
    {
      if (zoom_group >= 0)
        topiary_graph_canvas_fit_group (self->canvas, zoom_group);
      self->zoom_group = -1;
      return;
    }
  self->level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
  start_build (self);
}

/* ---- what a click does ---- */

static void
toast (TopiaryGraphView *self,
       const char       *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TOPIARY_TYPE_WINDOW);

  if (window != NULL)
    topiary_window_add_toast (TOPIARY_WINDOW (window), topiary_toast_new (message));
}

static void
on_node_activated (TopiaryGraphView *self,
                   guint             index)
{
  const TopiaryGraphNode *n = topiary_graph_get_node (self->graph, index);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TOPIARY_TYPE_WINDOW);

  if (n->kind == TOPIARY_GRAPH_NODE_GROUP || n->kind == TOPIARY_GRAPH_NODE_IDEAS)
    {
      set_level (self, TOPIARY_GRAPH_ARTICLES, n->group_id);
      return;
    }
  if (window != NULL)
    topiary_window_activate_article (TOPIARY_WINDOW (window), n->article_id);
}

/* Where a required link with no mention goes: after the text's last
 * word, so the writer finds it where the text ends. */
static gsize
end_of_text (const char *body)
{
  gsize end = strlen (body);

  while (end > 0 && g_ascii_isspace (body[end - 1]))
    end--;
  return end;
}

gboolean
topiary_graph_view_insert_missing (TopiaryGraphView  *self,
                                   guint              index,
                                   GError           **error)
{
  const TopiaryGraphEdge *e;
  const TopiaryGraphNode *from, *to;
  GtkWidget *window;
  TopiaryEditor *editor;
  GtkTextBuffer *buffer;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  const TopiarySuggestion *found = NULL;
  GtkTextIter start_iter, end_iter;
  gsize start, end;

  g_return_val_if_fail (TOPIARY_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (self->graph != NULL && index < topiary_graph_get_n_edges (self->graph), FALSE);

  e = topiary_graph_get_edge (self->graph, index);
  from = topiary_graph_get_node (self->graph, e->from);
  to = topiary_graph_get_node (self->graph, e->to);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), TOPIARY_TYPE_WINDOW);
  if (e->kind != TOPIARY_GRAPH_EDGE_MISSING || from->article_id == 0 || to->article_id == 0 || window == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Open the group to insert its links."));
      return FALSE;
    }
  if (!topiary_window_open_article (TOPIARY_WINDOW (window), from->article_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The article could not be opened."));
      return FALSE;
    }
  editor = topiary_window_get_editor (TOPIARY_WINDOW (window));
  body = topiary_editor_dup_text (editor);
  /* The text as it is now, which may have changed since the graph was
   * built: the link is looked for again. */
  suggestions = topiary_linker_suggest (self->linker, from->article_id, body, NULL);
  for (guint i = 0; i < suggestions->len && found == NULL; i++)
    {
      const TopiarySuggestion *s = g_ptr_array_index (suggestions, i);

      if (s->kind == TOPIARY_SUGGESTION_REQUIRED && s->target_id == to->article_id)
        found = s;
    }
  if (found == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already links to “%s”."), from->label, to->label);
      return FALSE;
    }
  text = topiary_suggestion_edit (self->linker, found, body, end_of_text (body), &start, &end);

  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (editor));
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, g_utf8_pointer_to_offset (body, body + start));
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, g_utf8_pointer_to_offset (body, body + end));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start_iter, &end_iter);
  gtk_text_buffer_insert (buffer, &start_iter, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &start_iter);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (topiary_editor_get_view (editor)),
                                      gtk_text_buffer_get_insert (buffer));
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (editor)));
  self->stale = TRUE;
  return TRUE;
}

static void
on_edge_activated (TopiaryGraphView *self,
                   guint             index)
{
  g_autoptr(GError) error = NULL;

  if (!topiary_graph_view_insert_missing (self, index, &error))
    toast (self, error->message);
}

/* ---- actions ---- */

static void
graph_zoom (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  TopiaryGraphView *self = TOPIARY_GRAPH_VIEW (widget);

  topiary_graph_canvas_zoom (self->canvas, g_str_equal (action, "graph.zoom-in") ? 1.25 : 1 / 1.25);
}

static void
graph_fit (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  topiary_graph_canvas_fit (TOPIARY_GRAPH_VIEW (widget)->canvas);
}

/* ---- the legend ---- */

typedef struct {
  int status;
  int edge;
} Swatch;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const Swatch *swatch = data;

  topiary_graph_draw_swatch (GTK_WIDGET (area), cr, width, height, swatch->status, swatch->edge);
}

static void
add_swatch (GtkBox     *box,
            int         status,
            int         edge,
            const char *label)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *area = gtk_drawing_area_new ();
  Swatch *swatch = g_new (Swatch, 1);

  swatch->status = status;
  swatch->edge = edge;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), status >= 0 ? 14 : 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, swatch, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (item), area);
  gtk_box_append (GTK_BOX (item), gtk_label_new (label));
  gtk_box_append (box, item);
}

static void
fill_legend (TopiaryGraphView *self)
{
  for (int i = 0; i < TOPIARY_N_STATUS; i++)
    add_swatch (self->status_legend, i, -1, topiary_link_completion_status_label (i));
  add_swatch (self->edge_legend, -1, 0, _("Link"));
  add_swatch (self->edge_legend, -1, 1, _("Link across groups"));
  add_swatch (self->edge_legend, -1, 2, _("Required link missing (click to insert)"));
}

/* ---- life cycle ---- */

static void
topiary_graph_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (topiary_graph_view_parent_class)->map (widget);
  topiary_graph_view_show (TOPIARY_GRAPH_VIEW (widget));
}

static void
topiary_graph_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TopiaryGraphView *self = TOPIARY_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_string (value, self->level == TOPIARY_GRAPH_GROUPS ? "groups" : "articles");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_graph_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TopiaryGraphView *self = TOPIARY_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      set_level (self, g_strcmp0 (g_value_get_string (value), "groups") == 0
                       ? TOPIARY_GRAPH_GROUPS : TOPIARY_GRAPH_ARTICLES, -1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_graph_view_dispose (GObject *object)
{
  TopiaryGraphView *self = TOPIARY_GRAPH_VIEW (object);

  /* A build still running is dropped when it ends. */
  self->generation++;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_pointer (&self->refresh, topiary_debounce_free);
  if (self->canvas != NULL)
    topiary_graph_canvas_set_graph (self->canvas, NULL, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_GRAPH_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  self->canvas = NULL;
  g_clear_pointer (&self->graph, topiary_graph_free);
  g_clear_pointer (&self->linker, topiary_linker_free);
  g_clear_object (&self->map);
  G_OBJECT_CLASS (topiary_graph_view_parent_class)->dispose (object);
}

static void
topiary_graph_view_class_init (TopiaryGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_graph_view_dispose;
  object_class->get_property = topiary_graph_view_get_property;
  object_class->set_property = topiary_graph_view_set_property;
  widget_class->map = topiary_graph_view_map;

  /* "articles" or "groups" */
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "articles",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOPIARY_TYPE_GRAPH_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-graph-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryGraphView, canvas);
  gtk_widget_class_bind_template_child (widget_class, TopiaryGraphView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, TopiaryGraphView, status_legend);
  gtk_widget_class_bind_template_child (widget_class, TopiaryGraphView, edge_legend);
  gtk_widget_class_bind_template_child (widget_class, TopiaryGraphView, summary);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_activated);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, graph_zoom);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, graph_zoom);
  gtk_widget_class_install_action (widget_class, "graph.fit", NULL, graph_fit);
  gtk_widget_class_install_property_action (widget_class, "graph.level", "level");
}

static void
topiary_graph_view_init (TopiaryGraphView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refresh = topiary_debounce_new (REFRESH_DELAY_MS, refresh_now, self);
  self->zoom_group = -1;
  self->stale = TRUE;
  fill_legend (self);
}
