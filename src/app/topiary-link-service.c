/* topiary-link-service.c — the map's links for the app, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "topiary-link-service.h"

struct _TopiaryLinkService
{
  GObject         parent_instance;

  TopiaryProject *project;
  GMutex          lock;        /* guards linker */
  TopiaryLinker  *linker;      /* NULL until the first build is done */
  GCancellable   *building;    /* a build under way */
  gboolean        build_again; /* the map changed while it ran */
  gboolean        asked;       /* a first report was asked for */
  GHashTable     *saved;       /* id → body saved while it ran */
};

G_DEFINE_FINAL_TYPE (TopiaryLinkService, topiary_link_service, G_TYPE_OBJECT)

enum {
  SIGNAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
topiary_links_report_free (TopiaryLinksReport *report)
{
  if (report == NULL)
    return;
  g_free (report->body);
  g_clear_object (&report->map);
  g_clear_pointer (&report->outgoing, g_ptr_array_unref);
  g_clear_pointer (&report->backlinks, g_ptr_array_unref);
  g_clear_pointer (&report->suggestions, g_ptr_array_unref);
  g_clear_pointer (&report->checklist, g_array_unref);
  g_free (report);
}

/* ---- the build ---- */

/* Reads through a connection of its own: the window's is the main
 * thread's. A project without a file (none in practice) is read on the
 * main thread's connection, in the caller's thread. */
static TopiaryLinker *
build_linker (TopiaryProject  *shared,
              const char      *path,
              GError         **error)
{
  g_autoptr(TopiaryProject) own = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  TopiaryProject *project = shared;
  TopiaryLinker *linker;

  if (path != NULL)
    {
      own = topiary_project_open (path, TOPIARY_OPEN_READ_ONLY, error);
      if (own == NULL)
        return NULL;
      project = own;
    }
  map = topiary_map_new (project, error);
  linker = map != NULL ? topiary_linker_new (project, map, error) : NULL;
  if (own != NULL)
    topiary_project_close (own);
  return linker;
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  TopiaryLinker *linker = build_linker (NULL, data, &error);

#ifdef __GLIBC__
  /* Every body passed through this thread's malloc arena: give the freed
   * pages back, or the app keeps tens of MB it no longer uses. */
  malloc_trim (0);
#endif
  if (linker == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, linker, (GDestroyNotify) topiary_linker_free);
}

static void start_build (TopiaryLinkService *self);

static void
on_built (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TopiaryLinkService *self = TOPIARY_LINK_SERVICE (object);
  g_autoptr(GError) error = NULL;
  TopiaryLinker *linker = g_task_propagate_pointer (G_TASK (result), &error);
  TopiaryLinker *old;
  GHashTableIter iter;
  gpointer key, value;

  /* Cancelled: the service was disposed or a newer build runs. */
  if (g_task_get_cancellable (G_TASK (result)) != self->building)
    {
      g_clear_pointer (&linker, topiary_linker_free);
      return;
    }
  g_clear_object (&self->building);
  if (linker == NULL)
    {
      /* The file could not be read now; the next change builds again. */
      g_debug ("links: %s", error->message);
      return;
    }
  g_mutex_lock (&self->lock);
  old = self->linker;
  self->linker = linker;
  g_hash_table_iter_init (&iter, self->saved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    topiary_linker_set_body (linker, *(gint64 *) key, value);
  g_mutex_unlock (&self->lock);
  g_hash_table_remove_all (self->saved);
  g_clear_pointer (&old, topiary_linker_free);
  if (self->build_again)
    start_build (self);
  else
    g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
start_build (TopiaryLinkService *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path = topiary_project_get_path (self->project);

  self->build_again = FALSE;
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  self->building = g_cancellable_new ();
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      TopiaryLinker *linker = build_linker (self->project, NULL, &error);

      task = g_task_new (self, self->building, on_built, NULL);
      if (linker != NULL)
        g_task_return_pointer (task, linker, (GDestroyNotify) topiary_linker_free);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  task = g_task_new (self, self->building, on_built, NULL);
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, build_thread);
}

TopiaryLinkService *
topiary_link_service_new (TopiaryProject *project)
{
  TopiaryLinkService *self;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  self = g_object_new (TOPIARY_TYPE_LINK_SERVICE, NULL);
  self->project = g_object_ref (project);
  return self;
}

TopiaryProject *
topiary_link_service_get_project (TopiaryLinkService *self)
{
  g_return_val_if_fail (TOPIARY_IS_LINK_SERVICE (self), NULL);
  return self->project;
}

gboolean
topiary_link_service_is_ready (TopiaryLinkService *self)
{
  gboolean ready;

  g_return_val_if_fail (TOPIARY_IS_LINK_SERVICE (self), FALSE);
  g_mutex_lock (&self->lock);
  ready = self->linker != NULL;
  g_mutex_unlock (&self->lock);
  return ready;
}

gboolean
topiary_link_service_is_building (TopiaryLinkService *self)
{
  g_return_val_if_fail (TOPIARY_IS_LINK_SERVICE (self), FALSE);
  return self->building != NULL;
}

void
topiary_link_service_invalidate (TopiaryLinkService *self)
{
  g_return_if_fail (TOPIARY_IS_LINK_SERVICE (self));

  /* One build at a time: a change during it builds once more after.
   * Nothing asked yet: the first question builds. */
  if (self->building != NULL)
    self->build_again = TRUE;
  else if (self->asked)
    start_build (self);
}

/* The first question starts the first build: a map opened only to be
 * planned never reads its bodies for links. */
void
topiary_link_service_prepare (TopiaryLinkService *self)
{
  g_return_if_fail (TOPIARY_IS_LINK_SERVICE (self));

  if (self->asked)
    return;
  self->asked = TRUE;
  start_build (self);
}

void
topiary_link_service_set_body (TopiaryLinkService *self,
                               gint64              article_id,
                               const char         *body)
{
  g_return_if_fail (TOPIARY_IS_LINK_SERVICE (self));

  /* A build under way may have read the old text already. */
  if (self->building != NULL)
    g_hash_table_insert (self->saved, g_memdup2 (&article_id, sizeof article_id), g_strdup (body ? body : ""));
  g_mutex_lock (&self->lock);
  if (self->linker != NULL)
    topiary_linker_set_body (self->linker, article_id, body ? body : "");
  g_mutex_unlock (&self->lock);
}

/* ---- the report ---- */

typedef struct {
  gint64      article_id;
  char       *title;   /* as typed; NULL: the map's */
  char       *body;
  GHashTable *dismissed;
  GListModel *notes;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->title);
  g_free (job->body);
  g_clear_pointer (&job->dismissed, g_hash_table_unref);
  g_clear_object (&job->notes);
  g_free (job);
}

/* Under the lock. */
static TopiaryLinksReport *
make_report (TopiaryLinker *linker,
             ReportJob     *job)
{
  TopiaryLinksReport *report = g_new0 (TopiaryLinksReport, 1);
  g_autoptr(TopiaryBrief) brief = NULL;

  report->article_id = job->article_id;
  report->body = g_strdup (job->body);
  report->map = g_object_ref (topiary_linker_get_map (linker));
  report->outgoing = topiary_linker_outgoing (linker, job->body);
  report->backlinks = topiary_linker_backlinks (linker, job->article_id);
  report->suggestions = topiary_linker_suggest (linker, job->article_id, job->body, job->dismissed);
  brief = topiary_brief_new (linker, job->article_id, job->notes);
  /* The title the details panel shows, saved or not. */
  if (brief != NULL && job->title != NULL)
    {
      g_free (brief->title);
      brief->title = g_strdup (job->title);
    }
  if (brief != NULL)
    report->checklist = topiary_brief_checklist (linker, brief, job->body, &report->score);
  return report;
}

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  TopiaryLinkService *self = source;
  TopiaryLinksReport *report = NULL;

  g_mutex_lock (&self->lock);
  if (self->linker != NULL && !g_cancellable_is_cancelled (cancellable))
    report = make_report (self->linker, data);
  g_mutex_unlock (&self->lock);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&report, topiary_links_report_free);
  else if (report == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             "%s", _("The links of the map are still being read."));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) topiary_links_report_free);
}

void
topiary_link_service_report_async (TopiaryLinkService  *self,
                                   gint64               article_id,
                                   const char          *title,
                                   const char          *body,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReportJob *job;

  g_return_if_fail (TOPIARY_IS_LINK_SERVICE (self));

  topiary_link_service_prepare (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, topiary_link_service_report_async);
  job = g_new0 (ReportJob, 1);
  job->article_id = article_id;
  job->title = g_strdup (title);
  job->body = g_strdup (body ? body : "");
  /* Read here: the project's connection belongs to this thread. */
  job->dismissed = topiary_project_list_dismissals (self->project, article_id, NULL);
  job->notes = topiary_project_list_notes (self->project, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);
}

TopiaryLinksReport *
topiary_link_service_report_finish (TopiaryLinkService  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- edits ---- */

char *
topiary_link_service_edit (TopiaryLinkService   *self,
                           gint64                article_id,
                           TopiarySuggestionKind kind,
                           gint64                target_id,
                           const char           *anchor,
                           const char           *body,
                           gsize                 cursor,
                           gsize                *start,
                           gsize                *end)
{
  g_autoptr(GHashTable) dismissed = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  char *text = NULL;

  g_return_val_if_fail (TOPIARY_IS_LINK_SERVICE (self), NULL);
  g_return_val_if_fail (start != NULL && end != NULL, NULL);

  dismissed = topiary_project_list_dismissals (self->project, article_id, NULL);
  g_mutex_lock (&self->lock);
  /* Asked again for the text as it is now: it may have changed since the
   * report that offered the suggestion. */
  if (self->linker != NULL)
    suggestions = topiary_linker_suggest (self->linker, article_id, body, dismissed);
  for (guint i = 0; suggestions != NULL && text == NULL && i < suggestions->len; i++)
    {
      TopiarySuggestion *s = g_ptr_array_index (suggestions, i);

      if (s->kind == kind && s->target_id == target_id &&
          (anchor == NULL || g_strcmp0 (s->anchor, anchor) == 0))
        text = topiary_suggestion_edit (self->linker, s, body, cursor, start, end);
    }
  g_mutex_unlock (&self->lock);
  return text;
}

char *
topiary_link_service_skeleton (TopiaryLinkService *self,
                               gint64              article_id)
{
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(TopiaryBrief) brief = NULL;

  g_return_val_if_fail (TOPIARY_IS_LINK_SERVICE (self), NULL);

  notes = topiary_project_list_notes (self->project, NULL);
  g_mutex_lock (&self->lock);
  if (self->linker != NULL)
    brief = topiary_brief_new (self->linker, article_id, notes);
  g_mutex_unlock (&self->lock);
  return brief != NULL ? topiary_brief_skeleton (brief) : NULL;
}

/* ---- life cycle ---- */

static void
topiary_link_service_dispose (GObject *object)
{
  TopiaryLinkService *self = TOPIARY_LINK_SERVICE (object);

  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  G_OBJECT_CLASS (topiary_link_service_parent_class)->dispose (object);
}

static void
topiary_link_service_finalize (GObject *object)
{
  TopiaryLinkService *self = TOPIARY_LINK_SERVICE (object);

  g_clear_pointer (&self->linker, topiary_linker_free);
  g_clear_object (&self->project);
  g_hash_table_unref (self->saved);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (topiary_link_service_parent_class)->finalize (object);
}

static void
topiary_link_service_class_init (TopiaryLinkServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = topiary_link_service_dispose;
  object_class->finalize = topiary_link_service_finalize;

  /* A (new) linker is in place: reports can be asked for. */
  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
topiary_link_service_init (TopiaryLinkService *self)
{
  g_mutex_init (&self->lock);
  self->saved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
