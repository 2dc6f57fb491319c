/* topiary-export-site-threads.c — the site's threads: Markdown rendering and page writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bodies are rendered on a worker thread while the pages are filled
 * in (topiary-export-site.c) on the exporting one, and written to disk
 * by writer threads.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-markdown.h"
#include "topiary-mustache.h"

/* Site pages are written by threads of their own: creating 20,000 files
 * and folders is mostly the kernel's work, and on some file systems the
 * kernel's slowest work (ext4 without a journal skips every recently
 * deleted inode when it allocates one). Batches of pages go to the
 * writers in turn, one folder and one file per page, so the kernel can
 * create files in two folders at once. A writer stops at its first
 * failure, and the failure of the earliest page is reported, as if the
 * pages had been written one after the other. At most WRITER_BUFFERS
 * pages wait, so memory stays flat. */
#define WRITERS 2
#define WRITER_BATCH 8
#define WRITER_BUFFERS 32
/* A buffer that grew past this for a large page is not kept for the next
 * one, and a batch this large is handed over at once. */
#define WRITER_BUFFER_KEEP (1024 * 1024)

typedef struct {
  char    *relpath;
  GString *data;
  guint    seq;         /* the page's place in the order of rendering */
} PageWrite;

typedef struct {
  PageWriter  *owner;
  GThread     *thread;
  GAsyncQueue *pages;   /* GPtrArray of PageWrite *, then &writer_stop */
  GError      *error;   /* its first failure; read after the join */
  guint        error_seq;
} Writer;

struct _PageWriter {
  Export      *export;
  Writer       writers[WRITERS];
  GAsyncQueue *spare;     /* GString * to fill again */
  GPtrArray   *batch;     /* pages not handed over yet */
  guint        batches;   /* handed over so far */
  guint        pages;     /* rendered so far */
  guint        buffers;   /* allocated so far */
  gint         failed;    /* atomic: a writer has stopped writing */
  gboolean     joined;
};

static GPtrArray writer_stop;

static gpointer
page_writer_thread (gpointer data)
{
  Writer *w = data;

  for (;;)
    {
      GPtrArray *batch = g_async_queue_pop (w->pages);

      if (batch == &writer_stop)
        break;
      for (guint i = 0; i < batch->len; i++)
        {
          PageWrite *page = g_ptr_array_index (batch, i);

          if (w->error == NULL &&
              !topiary_export_write_rel (w->owner->export, page->relpath, page->data->str, page->data->len, &w->error))
            {
              w->error_seq = page->seq;
              g_atomic_int_set (&w->owner->failed, TRUE);
            }
          if (page->data->allocated_len > WRITER_BUFFER_KEEP)
            {
              g_string_free (page->data, TRUE);
              page->data = g_string_sized_new (64 * 1024);
            }
          g_async_queue_push (w->owner->spare, page->data);
          g_free (page->relpath);
          g_free (page);
        }
      g_ptr_array_unref (batch);
    }
  return NULL;
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

PageWriter *
topiary_export_page_writer_new (Export *e)
{
  PageWriter *pw = g_new0 (PageWriter, 1);

  pw->export = e;
  pw->spare = g_async_queue_new_full (string_free);
  pw->batch = g_ptr_array_sized_new (WRITER_BATCH);
  for (guint i = 0; i < WRITERS; i++)
    {
      pw->writers[i].owner = pw;
      pw->writers[i].pages = g_async_queue_new ();
      pw->writers[i].thread = g_thread_new ("topiary-writer", page_writer_thread, &pw->writers[i]);
    }
  return pw;
}

/* An empty buffer for the next page; waits while all are in flight. */
static GString *
page_writer_take (PageWriter *pw)
{
  GString *buf = g_async_queue_try_pop (pw->spare);

  if (buf == NULL && pw->buffers < WRITER_BUFFERS)
    {
      pw->buffers++;
      return g_string_sized_new (64 * 1024);
    }
  if (buf == NULL)
    buf = g_async_queue_pop (pw->spare);
  g_string_truncate (buf, 0);
  return buf;
}

static void
page_writer_flush (PageWriter *pw)
{
  if (pw->batch->len == 0)
    return;
  g_async_queue_push (pw->writers[pw->batches++ % WRITERS].pages, pw->batch);
  pw->batch = g_ptr_array_sized_new (WRITER_BATCH);
}

/* Hands @buf over to be written to @relpath; takes it. */
static void
page_writer_add (PageWriter *pw,
                 const char *relpath,
                 GString    *buf)
{
  PageWrite *page = g_new (PageWrite, 1);

  page->relpath = g_strdup (relpath);
  page->data = buf;
  page->seq = pw->pages++;
  g_ptr_array_add (pw->batch, page);
  if (pw->batch->len == WRITER_BATCH || buf->len > WRITER_BUFFER_KEEP)
    page_writer_flush (pw);
}

/* Waits until every page handed over is on disk; FALSE with the failure
 * of the earliest page. Can be called again. */
gboolean
topiary_export_page_writer_finish (PageWriter  *pw,
                                   GError     **error)
{
  Writer *first = NULL;

  if (!pw->joined)
    {
      page_writer_flush (pw);
      for (guint i = 0; i < WRITERS; i++)
        g_async_queue_push (pw->writers[i].pages, &writer_stop);
      for (guint i = 0; i < WRITERS; i++)
        g_thread_join (pw->writers[i].thread);
      pw->joined = TRUE;
    }
  for (guint i = 0; i < WRITERS; i++)
    if (pw->writers[i].error != NULL && (first == NULL || pw->writers[i].error_seq < first->error_seq))
      first = &pw->writers[i];
  if (first != NULL)
    {
      g_propagate_error (error, g_error_copy (first->error));
      return FALSE;
    }
  return TRUE;
}

void
topiary_export_page_writer_free (PageWriter *pw)
{
  topiary_export_page_writer_finish (pw, NULL);
  for (guint i = 0; i < WRITERS; i++)
    {
      g_async_queue_unref (pw->writers[i].pages);
      g_clear_error (&pw->writers[i].error);
    }
  g_async_queue_unref (pw->spare);
  g_ptr_array_unref (pw->batch);
  g_free (pw);
}

gboolean
topiary_export_render_page (Export                   *e,
                            TopiaryMustacheTemplate  *tmpl,
                            JsonObject               *ctx,
                            const char               *relpath,
                            GError                  **error)
{
  GError *local_error = NULL;
  GString *buf;

  /* A failed write ends the export: the pages after it are not rendered. */
  if (g_atomic_int_get (&e->writer->failed))
    return topiary_export_page_writer_finish (e->writer, error);

  buf = page_writer_take (e->writer);
  if (!topiary_mustache_template_render_object (tmpl, buf, ctx, topiary_export_theme_get, &e->theme, &local_error))
    {
      g_async_queue_push (e->writer->spare, buf);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("A template of the theme is broken (%s)."), local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  page_writer_add (e->writer, relpath, buf);
  return TRUE;
}

/* Markdown is rendered on worker threads while this thread reads the
 * next bodies from the project and fills in the pages. Bodies travel in
 * batches, since every hand-over between threads may cost a wake-up;
 * batch k goes to worker k % n and comes back from it, so the pages are
 * filled in and written in the order of the articles whatever worker is
 * faster. At most PIPELINE_WINDOW bodies per worker are in flight, so
 * memory stays flat. Finished batches go back to their worker to be
 * freed, where their results were allocated. Only this thread touches
 * the project. Rendering (cmark and highlighting) is most of an
 * export's work, so there is one worker per processor, up to
 * MARKDOWN_WORKERS_MAX; the export's options or TOPIARY_MARKDOWN_THREADS
 * set the number (tests and benchmarks compare 1 with more). */
#define PIPELINE_BATCH 8
#define PIPELINE_WINDOW 32
#define MARKDOWN_WORKERS_MAX 8
/* …and at most this many bytes of bodies in all (one body may be
 * larger), since a page's HTML and its tree cost many times its body:
 * large bodies are rendered one at a time, whatever the workers. */
#define PIPELINE_BYTES (4 * 1024 * 1024)

typedef struct {
  ArticleInfo           *article;
  char                  *body;
  guint                  words;    /* as the project counted them */
  TopiaryMarkdownResult *md;
} MarkdownJob;

typedef struct {
  guint       len;
  gboolean    rendered;   /* back at the worker only to be freed */
  gsize       bytes;      /* of the bodies */
  MarkdownJob jobs[PIPELINE_BATCH];
} MarkdownBatch;

typedef struct {
  GAsyncQueue                  *jobs;
  GAsyncQueue                  *results;
  const TopiaryMarkdownOptions *options;
  GThread                      *thread;
} MarkdownWorker;

typedef struct {
  MarkdownWorker          workers[MARKDOWN_WORKERS_MAX];
  guint                   n_workers;
  TopiaryMarkdownOptions  options;
  gsize                   in_flight;  /* bytes of bodies submitted, not yet received */
} Pipeline;

static MarkdownBatch stop_batch;

static void
markdown_batch_free (MarkdownBatch *batch)
{
  for (guint i = 0; i < batch->len; i++)
    {
      g_free (batch->jobs[i].body);
      g_clear_pointer (&batch->jobs[i].md, topiary_markdown_result_unref);
    }
  g_free (batch);
}

static gpointer
markdown_worker (gpointer data)
{
  MarkdownWorker *w = data;

  for (;;)
    {
      MarkdownBatch *batch = g_async_queue_pop (w->jobs);

      if (batch == &stop_batch)
        break;
      if (batch->rendered)
        {
          markdown_batch_free (batch);
          continue;
        }
      for (guint i = 0; i < batch->len; i++)
        {
          MarkdownJob *job = &batch->jobs[i];
          TopiaryMarkdownOptions options = *w->options;

          /* The page shows the title as its <h1>; articles are not
           * changed while they are exported. */
          options.title = topiary_article_get_title (job->article->article);
          job->md = topiary_markdown_render_counted (job->body, -1, &options, job->words);
          g_clear_pointer (&job->body, g_free);
        }
      batch->rendered = TRUE;
      g_async_queue_push (w->results, batch);
    }
  return NULL;
}

/* Reads the bodies of the next articles from *@next on, and hands them
 * to @w. */
static gboolean
submit_batch (Export          *e,
              Pipeline        *p,
              MarkdownWorker  *w,
              guint           *next,
              GError         **error)
{
  MarkdownBatch *batch = g_new0 (MarkdownBatch, 1);
  while (batch->len < PIPELINE_BATCH && *next < e->articles->len &&
         (batch->len == 0 || p->in_flight + batch->bytes < PIPELINE_BYTES))
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, *next);
      MarkdownJob *job = &batch->jobs[batch->len];

      job->body = topiary_project_get_body (e->project, a->id, error);
      if (job->body == NULL)
        {
          markdown_batch_free (batch);
          return FALSE;
        }
      /* The cards of the group and home pages show the cover with the
       * alt text the body gives it; the body is at hand only here. */
      topiary_export_media_note_cover_alt (e->media, a->id, job->body);
      job->article = a;
      job->words = topiary_article_get_word_count (a->article);
      batch->bytes += strlen (job->body);
      batch->len++;
      (*next)++;
    }
  p->in_flight += batch->bytes;
  g_async_queue_push (w->jobs, batch);
  return TRUE;
}

static guint
markdown_worker_count (Export *e)
{
  const char *env = g_getenv ("TOPIARY_MARKDOWN_THREADS");
  guint64 n = e->options->threads;

  if (n == 0 &&
      (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, MARKDOWN_WORKERS_MAX, &n, NULL)))
    n = g_get_num_processors ();
  return CLAMP (n, 1, MARKDOWN_WORKERS_MAX);
}

gboolean
topiary_export_write_articles (Export                   *e,
                               TopiaryMustacheTemplate  *tmpl,
                               TopiaryMustacheTemplate  *group_tmpl,
                               GError                  **error)
{
  Pipeline p = { .options = TOPIARY_MARKDOWN_OPTIONS_INIT };
  guint n = e->articles->len;
  guint next = 0, submitted = 0, received = 0;
  guint window;
  gboolean ok = TRUE;
  MarkdownBatch *batch;

  p.options.allow_html = e->allow_html;
  p.options.resolve_heading = topiary_export_resolve_link;
  p.options.href_prefix = "../";
  p.options.href_suffix = "/index.html";
  p.options.user_data = e;
  p.options.highlight = topiary_highlight_get (&p.options.highlight_data);
  /* Around whatever is installed: a block the cache holds goes to no
   * highlighter (nor to the app's main thread). */
  if (p.options.highlight != NULL && e->highlight_cache != NULL)
    {
      p.options.highlight = topiary_export_highlight_cache_func;
      p.options.highlight_data = e->highlight_cache;
    }

  p.n_workers = markdown_worker_count (e);
  window = p.n_workers * (PIPELINE_WINDOW / PIPELINE_BATCH);
  for (guint i = 0; i < p.n_workers; i++)
    {
      MarkdownWorker *w = &p.workers[i];

      w->jobs = g_async_queue_new ();
      w->results = g_async_queue_new ();
      w->options = &p.options;
      w->thread = g_thread_new ("topiary-markdown", markdown_worker, w);
    }

#define CAN_SUBMIT() \
  (ok && next < n && submitted - received < window && \
   (submitted == received || p.in_flight < PIPELINE_BYTES))
#define SUBMIT() \
  G_STMT_START { \
    ok = submit_batch (e, &p, &p.workers[submitted % p.n_workers], &next, error); \
    submitted += ok; \
  } G_STMT_END

  while (CAN_SUBMIT ())
    SUBMIT ();

  while (ok && received < submitted)
    {
      MarkdownWorker *w = &p.workers[received % p.n_workers];

      batch = g_async_queue_pop (w->results);
      received++;
      p.in_flight -= batch->bytes;
      while (CAN_SUBMIT ())
        SUBMIT ();
      for (guint i = 0; ok && i < batch->len; i++)
        {
          ok = topiary_export_write_article (e, batch->jobs[i].article, batch->jobs[i].md, tmpl, error);
          if (ok)
            topiary_export_progress (e);
          ok = ok && topiary_export_article_done (e, batch->jobs[i].article, group_tmpl, error);
        }
      g_async_queue_push (w->jobs, batch);
    }
#undef SUBMIT
#undef CAN_SUBMIT

  /* The workers finish what they have, then stop; leftovers are dropped. */
  for (guint i = 0; i < p.n_workers; i++)
    g_async_queue_push (p.workers[i].jobs, &stop_batch);
  for (guint i = 0; i < p.n_workers; i++)
    {
      MarkdownWorker *w = &p.workers[i];

      g_thread_join (w->thread);
      while ((batch = g_async_queue_try_pop (w->results)) != NULL)
        markdown_batch_free (batch);
      g_async_queue_unref (w->jobs);
      g_async_queue_unref (w->results);
    }

  return ok;
}
