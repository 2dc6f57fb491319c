/* topiary-export.c — publish a map: static site, Hugo content, CSV, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format starts from the same picture of the map: the exported
 * articles in writing order, each with a slug that is safe as a file name
 * and unique, and the groups that have something to show. Folder formats
 * are written into a temporary folder beside DIR and swapped in at the end;
 * every file is created through write_rel(), which refuses any path
 * component that could leave that folder. Where the export goes (the
 * swap, the single file) is topiary-export-dest.c; the theme is
 * topiary-export-theme.c.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "topiary-utf8.h"
#include "topiary-export-private.h"
#include "topiary-url.h"
#include "topiary-csv-cell.h"
#include "topiary-export-media.h"
#include "topiary-frontmatter.h"
#include "topiary-map.h"
#include "topiary-markdown.h"
#include "topiary-mustache.h"
#include "topiary-slug.h"

#define MAX_RELATED 6
#define MAX_HOME_CLUSTERS 12
#define MAX_FEED_ENTRIES 50
#define MAX_NAV 8
#define MAX_HOME_RECENT 4

G_DEFINE_QUARK (topiary-export-error-quark, topiary_export_error)

/* Folder names at the root of the site that articles cannot take. */
static const char *reserved_slugs[] = { "assets", "search", "content", "static", "layouts", "themes", "media" };

typedef struct _GroupInfo GroupInfo;
typedef struct _ArticleInfo ArticleInfo;

struct _ArticleInfo {
  TopiaryArticle *article;   /* without its body */
  gint64          id;
  char           *slug;      /* final: unique, [a-z0-9-] only */
  GroupInfo      *group;     /* NULL for an article outside any group */
  ArticleInfo    *pillar;    /* its pillar, NULL for none or itself */
  guint           index;     /* place among the exported articles */
  guint           in_group;  /* place among its group's articles */
  gboolean        draft;
  JsonObject     *link;      /* article_link() from one level down, shared */
};

struct _GroupInfo {
  TopiaryGroup *group;
  gint64        id;
  char         *slug;
  ArticleInfo  *pillar;
  GPtrArray    *articles;    /* ArticleInfo *, writing order, pillar included */
  GPtrArray    *clusters;    /* the same without the pillar */
  JsonArray    *nav;         /* the site navigation with this group current */
  gint64        updated;
};

typedef struct {
  TopiaryProject              *project;
  const TopiaryExportOptions  *options;
  TopiaryProgressFunc          progress;
  gpointer                     progress_data;
  guint                        done;
  guint                        total;

  char        *title;
  char        *description;
  char        *lang;
  char        *base_url;      /* ends with '/', or NULL */
  gboolean     allow_html;

  GPtrArray   *articles;      /* ArticleInfo *, writing order */
  GPtrArray   *groups;        /* GroupInfo *, in order, only those with articles */
  GHashTable  *by_id;         /* gint64 id -> ArticleInfo, exported articles */
  GHashTable  *used_slugs;
  TopiaryMap  *map;           /* the whole project's, exported or not */

  char        *out;           /* the temporary folder being filled */
  TopiaryExportTheme        theme;
  JsonObject  *site;
  JsonObject  *words;         /* the theme's words in the site's language */
  JsonArray   *nav;           /* no group current */
  struct _PageWriter *writer; /* site pages go to disk through it */
  TopiaryExportMedia *media;  /* the articles' images and files */
} Export;

/* ---- small helpers ---- */

static void
warn (Export     *e,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (Export     *e,
      const char *format,
      ...)
{
  va_list args;

  if (e->options->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (e->options->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
progress (Export *e)
{
  e->done++;
  if (e->progress != NULL)
    e->progress (MIN (e->done, e->total), e->total, e->progress_data);
}

static const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

static char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
article_date (TopiaryArticle *a)
{
  gint64 t = topiary_article_get_published (a);

  if (t <= 0)
    t = topiary_article_get_created (a);
  return t;
}

static gint64
article_updated (TopiaryArticle *a)
{
  gint64 t = topiary_article_get_updated (a);

  return t > 0 ? t : article_date (a);
}

/* Appends @text for XML character data or attribute values: entities for
 * markup characters, and characters XML 1.0 forbids dropped. */
static void
xml_escape (GString    *out,
            const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (nonnull (text), -1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      switch (ch)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default:
          if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
              ch == 0xFFFE || ch == 0xFFFF)
            break;
          g_string_append_unichar (out, ch);
          break;
        }
    }
}

/* JSON for a <script> element: "<", ">" and "&" as \u escapes, so no
 * string in it can close the element or open a comment. */
static char *
json_for_script (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;
  GString *out;

  json_generator_set_root (gen, node);
  json = json_generator_to_data (gen, NULL);
  out = g_string_sized_new (strlen (json) + 16);
  for (const char *p = json; *p; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "\\u003c"); break;
        case '>': g_string_append (out, "\\u003e"); break;
        case '&': g_string_append (out, "\\u0026"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
join_queries (TopiaryArticle *a,
              gboolean        skip_primary,
              const char     *separator)
{
  const char * const *queries = topiary_article_get_queries (a);
  int primary = topiary_article_get_primary_query (a);
  g_autoptr(GString) s = g_string_new (NULL);

  for (int i = 0; queries[i] != NULL; i++)
    {
      if (skip_primary && i == primary)
        continue;
      if (s->len > 0)
        g_string_append (s, separator);
      g_string_append (s, queries[i]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
primary_query (TopiaryArticle *a)
{
  int primary = topiary_article_get_primary_query (a);

  if (primary < 0 || primary >= (int) topiary_article_get_n_queries (a))
    return NULL;
  return topiary_article_get_queries (a)[primary];
}

/* ---- files ---- */

/* Writes @relpath ("slug/index.html") under the export folder, creating
 * its folders. Every component is checked, so nothing lands outside. */
static gboolean
write_rel (Export      *e,
           const char  *relpath,
           const char  *data,
           gsize        len,
           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (relpath, "/", -1);
  g_autoptr(GString) path = g_string_new (e->out);
  guint n = g_strv_length (parts);

  /* Ctrl-C: the export stops at the next file and removes its folder. */
  if (g_cancellable_set_error_if_cancelled (e->options->cancellable, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!topiary_export_safe_component (parts[i]))
        {
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED,
                       _("Refusing to write “%s”: the name is not safe inside the export folder."), relpath);
          return FALSE;
        }
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, parts[i]);
      if (i + 1 < n && g_mkdir (path->str, 0755) != 0 && errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                       _("Cannot create the folder “%s” of the export: %s."), parts[i], g_strerror (saved));
          return FALSE;
        }
    }

  return topiary_export_write_path (path->str, data, len, error);
}

/* A TopiaryExportWriteFunc for the media (topiary-export-media.c). */
static gboolean
write_media (gpointer     user_data,
             const char  *relpath,
             const char  *data,
             gsize        len,
             GError     **error)
{
  return write_rel (user_data, relpath, data, len, error);
}

/* The cover image's URL for og:image and JSON-LD: absolute when the site
 * has a base URL, else from @root. NULL for none. */
static char *
cover_url (Export     *e,
           gint64      article_id,
           const char *root)
{
  const TopiaryFileInfo *cover = topiary_export_media_cover (e->media, article_id);
  const char *path = cover != NULL ? topiary_export_media_site_path (e->media, cover) : NULL;

  if (path == NULL)
    return NULL;
  return g_strconcat (e->base_url != NULL ? e->base_url : root, path, NULL);
}

/* ---- the map, as exported ---- */

static void
article_info_free (gpointer data)
{
  ArticleInfo *a = data;

  g_object_unref (a->article);
  g_clear_pointer (&a->link, json_object_unref);
  g_free (a->slug);
  g_free (a);
}

static void
group_info_free (gpointer data)
{
  GroupInfo *g = data;

  g_object_unref (g->group);
  g_free (g->slug);
  g_ptr_array_unref (g->articles);
  g_ptr_array_unref (g->clusters);
  g_clear_pointer (&g->nav, json_array_unref);
  g_free (g);
}

static gboolean
is_exported (Export         *e,
             TopiaryArticle *a)
{
  if (e->options->format == TOPIARY_EXPORT_CSV || e->options->format == TOPIARY_EXPORT_JSON)
    return TRUE;
  /* Drafts are articles on their way; bare ideas are not pages yet. */
  if (e->options->drafts)
    return topiary_article_get_status (a) != TOPIARY_STATUS_IDEA;
  return topiary_article_get_status (a) == TOPIARY_STATUS_PUBLISHED;
}

/* A slug for @wanted that is valid and not taken. */
static char *
claim_slug (Export     *e,
            const char *wanted,
            const char *fallback)
{
  g_autofree char *base = NULL;
  char *slug;

  if (wanted != NULL && topiary_slug_is_valid (wanted))
    base = g_strdup (wanted);
  else
    base = topiary_slugify (wanted != NULL && wanted[0] ? wanted : fallback);

  slug = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (e->used_slugs, slug); n++)
    {
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (e->used_slugs, g_strdup (slug));
  return slug;
}

static gboolean
read_map (Export  *e,
          GError **error)
{
  g_autofree char *allow_html = NULL;
  g_autofree char *base_url = NULL;

  e->title = topiary_project_get_map_field (e->project, "title");
  if (e->title == NULL || e->title[0] == '\0')
    {
      g_free (e->title);
      e->title = g_strdup ("Untitled map");
    }
  e->description = topiary_project_get_map_field (e->project, "description");
  e->lang = topiary_project_get_map_field (e->project, "language");
  if (e->lang == NULL || e->lang[0] == '\0' || strpbrk (e->lang, "\"'<>& /") != NULL || strlen (e->lang) > 35)
    {
      g_free (e->lang);
      e->lang = g_strdup ("en");
    }
  allow_html = topiary_project_get_map_field (e->project, "allow_html");
  e->allow_html = allow_html != NULL && strcmp (allow_html, "1") == 0;

  base_url = g_strdup (e->options->base_url);
  if (base_url == NULL)
    base_url = topiary_project_get_map_field (e->project, "base_url");
  if (base_url != NULL)
    g_strstrip (base_url);
  if (base_url != NULL && base_url[0] != '\0')
    {
      g_autoptr(GError) local = NULL;

      e->base_url = topiary_base_url_normalize (base_url, &local);
      if (e->base_url == NULL)
        {
          g_set_error_literal (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* The exported part of the map (topiary-map.h): which articles, under
 * which pillar, in which groups. */
static gboolean
collect (Export  *e,
         GError **error)
{
  GPtrArray *groups;
  GPtrArray *articles;
  g_autoptr(GHashTable) group_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean keep_empty = e->options->format == TOPIARY_EXPORT_CSV || e->options->format == TOPIARY_EXPORT_JSON;

  e->map = topiary_map_new (e->project, error);
  if (e->map == NULL)
    return FALSE;
  groups = topiary_map_get_groups (e->map);
  articles = topiary_map_get_articles (e->map);

  for (guint i = 0; i < G_N_ELEMENTS (reserved_slugs); i++)
    g_hash_table_add (e->used_slugs, g_strdup (reserved_slugs[i]));

  for (guint i = 0; i < groups->len; i++)
    {
      TopiaryMapGroup *mg = g_ptr_array_index (groups, i);
      GroupInfo *g = g_new0 (GroupInfo, 1);

      g->group = g_object_ref (mg->group);
      g->id = mg->id;
      g->articles = g_ptr_array_new ();
      g->clusters = g_ptr_array_new ();
      g_ptr_array_add (e->groups, g);
      g_hash_table_insert (group_by_id, &g->id, g);
    }

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *ma = g_ptr_array_index (articles, i);
      ArticleInfo *a;

      if (!is_exported (e, ma->article))
        continue;

      a = g_new0 (ArticleInfo, 1);
      a->article = g_object_ref (ma->article);
      a->id = ma->id;
      a->draft = topiary_article_get_status (ma->article) != TOPIARY_STATUS_PUBLISHED;
      a->group = ma->group != NULL ? g_hash_table_lookup (group_by_id, &ma->group->id) : NULL;
      a->index = e->articles->len;
      g_ptr_array_add (e->articles, a);
      g_hash_table_insert (e->by_id, &a->id, a);
    }

  /* Articles claim their slugs first: they are what links point at. The
   * group's pillar is its first exported one. */
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      a->slug = claim_slug (e, topiary_article_get_slug (a->article), topiary_article_get_title (a->article));
      if (a->group != NULL)
        {
          a->in_group = a->group->articles->len;
          g_ptr_array_add (a->group->articles, a);
          a->group->updated = MAX (a->group->updated, article_updated (a->article));
          if (a->group->pillar == NULL && topiary_article_get_kind (a->article) == TOPIARY_KIND_PILLAR)
            a->group->pillar = a;
        }
    }

  /* Under its parent when that is exported, else under its group's pillar. */
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      TopiaryMapArticle *ma = topiary_map_lookup_article (e->map, a->id);
      ArticleInfo *parent = ma->parent != NULL ? g_hash_table_lookup (e->by_id, &ma->parent->id) : NULL;

      if (parent != NULL)
        a->pillar = parent;
      else if (a->group != NULL && a->group->pillar != a)
        a->pillar = a->group->pillar;

      if (a->group != NULL && a->group->pillar != a)
        g_ptr_array_add (a->group->clusters, a);
    }

  for (guint i = e->groups->len; i > 0; i--)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i - 1);

      if (g->articles->len == 0 && !keep_empty)
        g_ptr_array_remove_index (e->groups, i - 1);
    }
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);

      g->slug = claim_slug (e, topiary_group_get_slug (g->group), topiary_group_get_title (g->group));
    }
  return TRUE;
}

/* The exported article a wiki-link target names (topiary-link.h), or
 * NULL when it names none or one that is not exported. */
static ArticleInfo *
find_target (Export      *e,
             const char  *target,
             char       **heading)
{
  TopiaryMapArticle *found = topiary_map_resolve_link (e->map, nonnull (target), heading);
  ArticleInfo *a = found != NULL ? g_hash_table_lookup (e->by_id, &found->id) : NULL;

  if (a == NULL && heading != NULL)
    g_clear_pointer (heading, g_free);
  return a;
}

static char *
resolve_link (const char  *target,
              char       **heading,
              gpointer     user_data)
{
  ArticleInfo *a = find_target (user_data, target, heading);

  return a != NULL ? g_strdup (a->slug) : NULL;
}

static void
report_unresolved (Export      *e,
                   ArticleInfo *a,
                   const char  *target)
{
  const char *title = topiary_article_get_title (a->article);

  if (topiary_map_resolve_link (e->map, target, NULL) != NULL)
    warn (e, _("“%s” links to [[%s]], which is not published (export drafts to include it)"), title, target);
  else
    warn (e, _("“%s” links to [[%s]], which is no article of the map"), title, target);
}

static gboolean
check_unresolved (Export       *e,
                  ArticleInfo  *a,
                  GPtrArray    *unresolved,
                  GError      **error)
{
  if (unresolved == NULL || unresolved->len == 0)
    return TRUE;

  for (guint i = 0; i < unresolved->len; i++)
    report_unresolved (e, a, g_ptr_array_index (unresolved, i));

  if (e->options->strict)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_UNRESOLVED,
                   _("“%s” links to [[%s]], which leads nowhere, and the export is strict."),
                   topiary_article_get_title (a->article),
                   (char *) g_ptr_array_index (unresolved, 0));
      return FALSE;
    }
  return TRUE;
}


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

typedef struct _PageWriter PageWriter;

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
              !write_rel (w->owner->export, page->relpath, page->data->str, page->data->len, &w->error))
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

static PageWriter *
page_writer_new (Export *e)
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
static gboolean
page_writer_finish (PageWriter  *pw,
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

static void
page_writer_free (PageWriter *pw)
{
  page_writer_finish (pw, NULL);
  for (guint i = 0; i < WRITERS; i++)
    {
      g_async_queue_unref (pw->writers[i].pages);
      g_clear_error (&pw->writers[i].error);
    }
  g_async_queue_unref (pw->spare);
  g_ptr_array_unref (pw->batch);
  g_free (pw);
}

static gboolean
render_page (Export                   *e,
             TopiaryMustacheTemplate  *tmpl,
             JsonObject               *ctx,
             const char               *relpath,
             GError                  **error)
{
  GError *local_error = NULL;
  GString *buf;

  /* A failed write ends the export: the pages after it are not rendered. */
  if (g_atomic_int_get (&e->writer->failed))
    return page_writer_finish (e->writer, error);

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

/* ---- site pages ---- */

static const char *
text_direction (const char *lang)
{
  static const char *rtl[] = { "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "iw" };
  g_autofree char *primary = g_ascii_strdown (lang, strcspn (lang, "-_"));

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    if (strcmp (primary, rtl[i]) == 0)
      return "rtl";
  return "ltr";
}


static char *
canonical (Export     *e,
           const char *path)
{
  if (e->base_url == NULL)
    return NULL;
  return g_strconcat (e->base_url, path, NULL);
}

/* The header names the first few groups; a map of hundreds of groups
 * lists them all on the home page instead. */
static JsonArray *
make_nav (Export    *e,
          GroupInfo *current)
{
  JsonArray *nav = json_array_new ();

  for (guint i = 0; i < e->groups->len && i < MAX_NAV; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      JsonObject *item = json_object_new ();
      g_autofree char *path = g_strconcat (g->slug, "/index.html", NULL);

      json_object_set_string_member (item, "title", nonnull (topiary_group_get_title (g->group)));
      json_object_set_string_member (item, "path", path);
      json_object_set_boolean_member (item, "current", g == current);
      json_array_add_object_element (nav, item);
    }
  return nav;
}

static JsonObject *
page_context (Export     *e,
              const char *root,
              JsonArray  *nav)
{
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "root", root);
  json_object_set_object_member (ctx, "site", json_object_ref (e->site));
  json_object_set_object_member (ctx, "t", json_object_ref (e->words));
  json_object_set_boolean_member (ctx, "has_nav", json_array_get_length (nav) > 0);
  json_object_set_array_member (ctx, "nav", json_array_ref (nav));
  return ctx;
}

static JsonObject *
make_page (const char *title,
           const char *description,
           const char *canonical_url,
           const char *og_type)
{
  JsonObject *page = json_object_new ();

  json_object_set_string_member (page, "title", nonnull (title));
  json_object_set_string_member (page, "description", nonnull (description));
  json_object_set_string_member (page, "canonical", nonnull (canonical_url));
  json_object_set_string_member (page, "og_type", og_type);
  return page;
}

static JsonObject *
crumb (const char *title,
       const char *href)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "title", nonnull (title));
  json_object_set_string_member (o, "href", nonnull (href));
  return o;
}

/* The first crumb: the theme may show its own word for "home", while
 * the BreadcrumbList keeps the site's name. */
static JsonObject *
home_crumb (Export     *e,
            const char *href)
{
  JsonObject *o = crumb (e->title, href);

  json_object_set_boolean_member (o, "home", TRUE);
  return o;
}

/* Appends @text to @array and frees it. */
static void
add_owned_string (JsonArray *array,
                  char      *text)
{
  json_array_add_string_element (array, text);
  g_free (text);
}

static char *
breadcrumb_ld (Export     *e,
               JsonArray  *crumbs,
               GPtrArray  *paths)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = json_array_get_length (crumbs);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "BreadcrumbList");
  json_builder_set_member_name (b, "itemListElement");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (crumbs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@type");
      json_builder_add_string_value (b, "ListItem");
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, i + 1);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, json_object_get_string_member (c, "title"));
      if (e->base_url != NULL)
        {
          g_autofree char *url = g_strconcat (e->base_url, (char *) g_ptr_array_index (paths, i), NULL);

          json_builder_set_member_name (b, "item");
          json_builder_add_string_value (b, url);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_for_script (root);
}

static char *
article_ld (Export      *e,
            ArticleInfo *a,
            guint        words,
            const char  *image)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *published = iso_time (article_date (a->article));
  g_autofree char *modified = iso_time (article_updated (a->article));
  g_autofree char *url = NULL;
  g_autofree char *keywords = join_queries (a->article, FALSE, ", ");
  const char *summary = topiary_article_get_summary (a->article);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "Article");
  json_builder_set_member_name (b, "headline");
  json_builder_add_string_value (b, nonnull (topiary_article_get_title (a->article)));
  if (summary != NULL && summary[0] != '\0')
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, summary);
    }
  if (published != NULL)
    {
      json_builder_set_member_name (b, "datePublished");
      json_builder_add_string_value (b, published);
    }
  if (modified != NULL)
    {
      json_builder_set_member_name (b, "dateModified");
      json_builder_add_string_value (b, modified);
    }
  if (image != NULL)
    {
      json_builder_set_member_name (b, "image");
      json_builder_add_string_value (b, image);
    }
  json_builder_set_member_name (b, "inLanguage");
  json_builder_add_string_value (b, e->lang);
  json_builder_set_member_name (b, "wordCount");
  json_builder_add_int_value (b, words);
  if (keywords[0] != '\0')
    {
      json_builder_set_member_name (b, "keywords");
      json_builder_add_string_value (b, keywords);
    }
  if (a->group != NULL)
    {
      json_builder_set_member_name (b, "articleSection");
      json_builder_add_string_value (b, nonnull (topiary_group_get_title (a->group->group)));
    }
  url = e->base_url != NULL ? g_strconcat (e->base_url, a->slug, "/", NULL) : NULL;
  if (url != NULL)
    {
      json_builder_set_member_name (b, "mainEntityOfPage");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
    }
  /* The map has no author field: the site speaks for itself. */
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "Organization");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "isPartOf");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "WebSite");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  if (e->base_url != NULL)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, e->base_url);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_for_script (root);
}

static char *
article_href (ArticleInfo *a,
              const char  *root)
{
  return g_strconcat (root, a->slug, "/index.html", NULL);
}

static JsonObject *
article_link (ArticleInfo *a,
              const char  *root)
{
  JsonObject *o = json_object_new ();
  g_autofree char *href = article_href (a, root);

  json_object_set_string_member (o, "title", nonnull (topiary_article_get_title (a->article)));
  json_object_set_string_member (o, "href", href);
  json_object_set_string_member (o, "summary", nonnull (topiary_article_get_summary (a->article)));
  json_object_set_int_member (o, "reading_minutes",
                              topiary_markdown_reading_minutes (topiary_article_get_word_count (a->article)));
  /* A planned article exported as a draft has no text: no reading time. */
  json_object_set_boolean_member (o, "written", topiary_article_get_word_count (a->article) > 0);
  json_object_set_boolean_member (o, "draft", a->draft);
  json_object_set_boolean_member (o, "is_pillar", a->group != NULL && a->group->pillar == a);
  return o;
}

/* The link to @a from a page one level down, built once: related lists,
 * pagers and group pages share it. */
static JsonObject *
shared_link (ArticleInfo *a)
{
  if (a->link == NULL)
    a->link = article_link (a, "../");
  return json_object_ref (a->link);
}

static gint
compare_in_group (gconstpointer pa,
                  gconstpointer pb)
{
  const ArticleInfo *a = *(ArticleInfo * const *) pa;
  const ArticleInfo *b = *(ArticleInfo * const *) pb;

  return (a->in_group > b->in_group) - (a->in_group < b->in_group);
}

/* The pillar, then the siblings nearest in the writing order. */
static JsonArray *
related_for (ArticleInfo *a)
{
  JsonArray *related = json_array_new ();
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  GPtrArray *siblings;
  int left, right;
  guint want;

  if (a->pillar != NULL)
    json_array_add_object_element (related, shared_link (a->pillar));
  if (a->group == NULL)
    return related;

  siblings = a->group->articles;
  want = MAX_RELATED - json_array_get_length (related);
  left = (int) a->in_group - 1;
  right = (int) a->in_group + 1;
  while (picked->len < want && (left >= 0 || right < (int) siblings->len))
    {
      if (right < (int) siblings->len)
        {
          ArticleInfo *s = g_ptr_array_index (siblings, right++);
          if (s != a->pillar && s != a)
            g_ptr_array_add (picked, s);
        }
      if (picked->len < want && left >= 0)
        {
          ArticleInfo *s = g_ptr_array_index (siblings, left--);
          if (s != a->pillar && s != a)
            g_ptr_array_add (picked, s);
        }
    }
  g_ptr_array_sort (picked, compare_in_group);
  for (guint i = 0; i < picked->len; i++)
    json_array_add_object_element (related, shared_link (g_ptr_array_index (picked, i)));
  return related;
}

static gboolean
write_article (Export                   *e,
               ArticleInfo              *a,
               TopiaryMarkdownResult    *md,
               TopiaryMustacheTemplate  *tmpl,
               GError                  **error)
{
  g_autoptr(JsonObject) ctx = NULL;
  g_autoptr(GPtrArray) crumb_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *relpath = g_strconcat (a->slug, "/index.html", NULL);
  g_autofree char *path = g_strconcat (a->slug, "/", NULL);
  g_autofree char *canonical_url = canonical (e, path);
  g_autofree char *published = iso_time (article_date (a->article));
  g_autofree char *modified = iso_time (article_updated (a->article));
  g_autofree char *human = topiary_export_human_date (article_date (a->article), e->lang);
  const char *title = nonnull (topiary_article_get_title (a->article));
  const char *summary = topiary_article_get_summary (a->article);
  g_autofree char *body = NULL;
  g_autofree char *cover = NULL;
  JsonObject *page, *article;
  JsonArray *crumbs, *jsonld, *toc, *related;
  guint n_toc = 0;

  if (!check_unresolved (e, a, md->unresolved, error))
    return FALSE;
  /* The article's images, each content once, before the page links them. */
  if (!topiary_export_media_write_site (e->media, a->id, write_media, e, error))
    return FALSE;
  body = topiary_export_media_rewrite_html (e->media, a->id, md->html, "../");
  cover = cover_url (e, a->id, "../");

  ctx = page_context (e, "../", a->group != NULL ? a->group->nav : e->nav);

  page = make_page (title, summary, canonical_url, "article");
  if (cover != NULL)
    json_object_set_string_member (page, "image", cover);
  json_object_set_boolean_member (page, "noindex", a->draft);
  json_object_set_string_member (page, "published", nonnull (published));
  json_object_set_string_member (page, "modified", nonnull (modified));
  json_object_set_object_member (ctx, "page", page);

  crumbs = json_array_new ();
  json_array_add_object_element (crumbs, home_crumb (e, "../index.html"));
  g_ptr_array_add (crumb_paths, g_strdup (""));
  if (a->group != NULL)
    {
      g_autofree char *href = g_strconcat ("../", a->group->slug, "/index.html", NULL);

      json_array_add_object_element (crumbs, crumb (topiary_group_get_title (a->group->group), href));
      g_ptr_array_add (crumb_paths, g_strconcat (a->group->slug, "/", NULL));
    }
  if (a->pillar != NULL)
    {
      g_autofree char *href = article_href (a->pillar, "../");

      json_array_add_object_element (crumbs, crumb (topiary_article_get_title (a->pillar->article), href));
      g_ptr_array_add (crumb_paths, g_strconcat (a->pillar->slug, "/", NULL));
    }
  json_array_add_object_element (crumbs, crumb (title, NULL));
  g_ptr_array_add (crumb_paths, g_strdup (path));

  jsonld = json_array_new ();
  add_owned_string (jsonld, article_ld (e, a, md->words, cover));
  add_owned_string (jsonld, breadcrumb_ld (e, crumbs, crumb_paths));
  json_object_set_array_member (ctx, "jsonld", jsonld);
  json_object_set_boolean_member (ctx, "has_breadcrumbs", TRUE);
  json_object_set_array_member (ctx, "breadcrumbs", crumbs);

  article = json_object_new ();
  json_object_set_string_member (article, "title", title);
  json_object_set_string_member (article, "summary", nonnull (summary));
  json_object_set_string_member (article, "date", nonnull (published));
  json_object_set_string_member (article, "date_human", nonnull (human));
  json_object_set_int_member (article, "reading_minutes", topiary_markdown_reading_minutes (md->words));
  json_object_set_int_member (article, "words", md->words);
  json_object_set_boolean_member (article, "written", md->html != NULL && md->html[strspn (md->html, " \t\r\n")] != '\0');
  json_object_set_boolean_member (article, "draft", a->draft);
  json_object_set_string_member (article, "kind", topiary_kind_to_string (topiary_article_get_kind (a->article)));
  json_object_set_string_member (article, "intent", nonnull (topiary_article_get_intent (a->article)));
  toc = json_array_new ();
  for (guint i = 0; md->headings != NULL && i < md->headings->len; i++)
    {
      TopiaryHeading *h = g_ptr_array_index (md->headings, i);
      JsonObject *item;

      if (h->level < 2 || h->level > 3)
        continue;
      item = json_object_new ();
      json_object_set_int_member (item, "level", h->level);
      json_object_set_string_member (item, "text", nonnull (h->text));
      json_object_set_string_member (item, "id", nonnull (h->id));
      json_array_add_object_element (toc, item);
      n_toc++;
    }
  json_object_set_boolean_member (article, "has_toc", n_toc >= 3);
  json_object_set_array_member (article, "toc", toc);
  json_object_set_string_member (article, "body", body != NULL ? body : nonnull (md->html));
  json_object_set_object_member (ctx, "article", article);

  related = related_for (a);
  json_object_set_boolean_member (ctx, "has_related", json_array_get_length (related) > 0);
  json_object_set_array_member (ctx, "related", related);

  if (a->index > 0)
    json_object_set_object_member (ctx, "prev", shared_link (g_ptr_array_index (e->articles, a->index - 1)));
  if (a->index + 1 < e->articles->len)
    json_object_set_object_member (ctx, "next", shared_link (g_ptr_array_index (e->articles, a->index + 1)));
  json_object_set_boolean_member (ctx, "has_pager", e->articles->len > 1);

  return render_page (e, tmpl, ctx, relpath, error);
}

/* Markdown is rendered on a worker thread while this thread reads the
 * next bodies from the project and fills in the pages. Bodies travel in
 * batches, since every hand-over between threads may cost a wake-up; at
 * most PIPELINE_WINDOW bodies are in flight, so memory stays flat.
 * Finished batches go back to the worker to be freed, where their
 * results were allocated. Only this thread touches the project. */
#define PIPELINE_BATCH 8
#define PIPELINE_WINDOW 32
/* …and at most this many bytes of bodies (one body may be larger), since
 * a page's HTML and its tree cost many times its body. */
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
  GAsyncQueue            *jobs;
  GAsyncQueue            *results;
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
  Pipeline *p = data;

  for (;;)
    {
      MarkdownBatch *batch = g_async_queue_pop (p->jobs);

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

          job->md = topiary_markdown_render_counted (job->body, -1, &p->options, job->words);
          g_clear_pointer (&job->body, g_free);
        }
      batch->rendered = TRUE;
      g_async_queue_push (p->results, batch);
    }
  return NULL;
}

/* Reads the bodies of the next articles from *@next on. */
static gboolean
submit_batch (Export       *e,
              Pipeline     *p,
              guint        *next,
              GError      **error)
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
      job->article = a;
      job->words = topiary_article_get_word_count (a->article);
      batch->bytes += strlen (job->body);
      batch->len++;
      (*next)++;
    }
  p->in_flight += batch->bytes;
  g_async_queue_push (p->jobs, batch);
  return TRUE;
}

static gboolean
write_articles (Export                   *e,
                TopiaryMustacheTemplate  *tmpl,
                GError                  **error)
{
  Pipeline p = { g_async_queue_new (), g_async_queue_new (), TOPIARY_MARKDOWN_OPTIONS_INIT };
  guint n = e->articles->len;
  guint next = 0, submitted = 0, received = 0;
  gboolean ok = TRUE;
  GThread *worker;
  MarkdownBatch *batch;

  p.options.allow_html = e->allow_html;
  p.options.resolve_heading = resolve_link;
  p.options.href_prefix = "../";
  p.options.href_suffix = "/index.html";
  p.options.user_data = e;

  worker = g_thread_new ("topiary-markdown", markdown_worker, &p);

#define CAN_SUBMIT() \
  (ok && next < n && submitted - received < PIPELINE_WINDOW / PIPELINE_BATCH && \
   (submitted == received || p.in_flight < PIPELINE_BYTES))

  while (CAN_SUBMIT ())
    {
      ok = submit_batch (e, &p, &next, error);
      submitted += ok;
    }

  while (ok && received < submitted)
    {
      batch = g_async_queue_pop (p.results);
      received++;
      p.in_flight -= batch->bytes;
      while (CAN_SUBMIT ())
        {
          ok = submit_batch (e, &p, &next, error);
          submitted += ok;
        }
      for (guint i = 0; ok && i < batch->len; i++)
        {
          ok = write_article (e, batch->jobs[i].article, batch->jobs[i].md, tmpl, error);
          if (ok)
            progress (e);
        }
      g_async_queue_push (p.jobs, batch);
    }
#undef CAN_SUBMIT

  /* The worker finishes what it has, then stops; leftovers are dropped. */
  g_async_queue_push (p.jobs, &stop_batch);
  g_thread_join (worker);
  while ((batch = g_async_queue_try_pop (p.results)) != NULL)
    markdown_batch_free (batch);
  g_async_queue_unref (p.jobs);
  g_async_queue_unref (p.results);

  return ok;
}

static gboolean
write_group (Export                   *e,
             GroupInfo                *g,
             TopiaryMustacheTemplate  *tmpl,
             GError                  **error)
{
  g_autoptr(JsonObject) ctx = NULL;
  g_autoptr(GPtrArray) crumb_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *relpath = g_strconcat (g->slug, "/index.html", NULL);
  g_autofree char *path = g_strconcat (g->slug, "/", NULL);
  g_autofree char *canonical_url = canonical (e, path);
  const char *title = nonnull (topiary_group_get_title (g->group));
  const char *description = topiary_group_get_description (g->group);
  JsonObject *group;
  JsonArray *crumbs, *clusters, *jsonld;

  ctx = page_context (e, "../", g->nav);
  json_object_set_object_member (ctx, "page", make_page (title, description, canonical_url, "website"));

  crumbs = json_array_new ();
  json_array_add_object_element (crumbs, home_crumb (e, "../index.html"));
  g_ptr_array_add (crumb_paths, g_strdup (""));
  json_array_add_object_element (crumbs, crumb (title, NULL));
  g_ptr_array_add (crumb_paths, g_strdup (path));
  jsonld = json_array_new ();
  add_owned_string (jsonld, breadcrumb_ld (e, crumbs, crumb_paths));
  json_object_set_array_member (ctx, "jsonld", jsonld);
  json_object_set_boolean_member (ctx, "has_breadcrumbs", TRUE);
  json_object_set_array_member (ctx, "breadcrumbs", crumbs);

  group = json_object_new ();
  json_object_set_string_member (group, "title", title);
  json_object_set_string_member (group, "description", nonnull (description));
  json_object_set_string_member (group, "slug", g->slug);
  if (g->pillar != NULL)
    json_object_set_object_member (group, "pillar", shared_link (g->pillar));
  clusters = json_array_new ();
  for (guint i = 0; i < g->clusters->len; i++)
    json_array_add_object_element (clusters, shared_link (g_ptr_array_index (g->clusters, i)));
  json_object_set_boolean_member (group, "has_clusters", g->clusters->len > 0);
  json_object_set_array_member (group, "clusters", clusters);
  json_object_set_object_member (ctx, "group", group);

  return render_page (e, tmpl, ctx, relpath, error);
}

static char *
website_ld (Export *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://schema.org");
  json_builder_set_member_name (b, "@type");
  json_builder_add_string_value (b, "WebSite");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, e->title);
  if (e->description != NULL && e->description[0] != '\0')
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, e->description);
    }
  json_builder_set_member_name (b, "inLanguage");
  json_builder_add_string_value (b, e->lang);
  if (e->base_url != NULL)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, e->base_url);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_for_script (root);
}

static gint compare_published_desc (gconstpointer pa,
                                    gconstpointer pb);

/* The newest published articles, for a blog's "latest" list. Drafts have
 * no date a reader should see. */
static JsonArray *
recent_articles (Export *e)
{
  g_autoptr(GPtrArray) published = g_ptr_array_new ();
  JsonArray *recent = json_array_new ();

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (!a->draft && topiary_article_get_word_count (a->article) > 0)
        g_ptr_array_add (published, a);
    }
  g_ptr_array_sort (published, compare_published_desc);
  for (guint i = 0; i < published->len && i < MAX_HOME_RECENT; i++)
    {
      ArticleInfo *a = g_ptr_array_index (published, i);
      JsonObject *o = article_link (a, "");
      g_autofree char *date = iso_time (article_date (a->article));
      g_autofree char *human = topiary_export_human_date (article_date (a->article), e->lang);

      json_object_set_string_member (o, "date", nonnull (date));
      json_object_set_string_member (o, "date_human", nonnull (human));
      if (a->group != NULL)
        json_object_set_string_member (o, "group", nonnull (topiary_group_get_title (a->group->group)));
      json_array_add_object_element (recent, o);
    }
  return recent;
}

static gboolean
write_home (Export                   *e,
            TopiaryMustacheTemplate  *tmpl,
            GError                  **error)
{
  g_autoptr(JsonObject) ctx = page_context (e, "", e->nav);
  JsonArray *groups = json_array_new ();
  JsonArray *jsonld = json_array_new ();
  JsonObject *stats = json_object_new ();
  JsonArray *recent;

  json_object_set_object_member (ctx, "page", make_page (e->title, e->description, e->base_url, "website"));
  add_owned_string (jsonld, website_ld (e));
  json_object_set_array_member (ctx, "jsonld", jsonld);

  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      JsonObject *o = json_object_new ();
      JsonArray *clusters = json_array_new ();
      g_autofree char *href = g_strconcat (g->slug, "/index.html", NULL);

      json_object_set_string_member (o, "title", nonnull (topiary_group_get_title (g->group)));
      json_object_set_string_member (o, "slug", g->slug);
      json_object_set_string_member (o, "href", href);
      json_object_set_string_member (o, "description", nonnull (topiary_group_get_description (g->group)));
      if (g->pillar != NULL)
        json_object_set_object_member (o, "pillar", article_link (g->pillar, ""));
      for (guint k = 0; k < g->clusters->len && k < MAX_HOME_CLUSTERS; k++)
        json_array_add_object_element (clusters, article_link (g_ptr_array_index (g->clusters, k), ""));
      json_object_set_boolean_member (o, "has_clusters", g->clusters->len > 0);
      json_object_set_array_member (o, "clusters", clusters);
      if (g->clusters->len > MAX_HOME_CLUSTERS)
        {
          JsonObject *more = json_object_new ();

          json_object_set_int_member (more, "count", g->articles->len);
          json_object_set_object_member (o, "more", more);
        }
      json_array_add_object_element (groups, o);
    }
  json_object_set_boolean_member (ctx, "has_groups", e->groups->len > 0);
  json_object_set_array_member (ctx, "groups", groups);
  recent = recent_articles (e);
  json_object_set_boolean_member (ctx, "has_recent", json_array_get_length (recent) > 0);
  json_object_set_array_member (ctx, "recent", recent);
  json_object_set_int_member (stats, "articles", e->articles->len);
  json_object_set_int_member (stats, "groups", e->groups->len);
  /* "1 article", "1 topic": the singular is a word of its own. */
  json_object_set_boolean_member (stats, "one_article", e->articles->len == 1);
  json_object_set_boolean_member (stats, "one_group", e->groups->len == 1);
  json_object_set_object_member (ctx, "stats", stats);

  return render_page (e, tmpl, ctx, "index.html", error);
}

static gboolean
write_simple (Export                   *e,
              TopiaryMustacheTemplate  *tmpl,
              const char               *root,
              const char               *title,
              const char               *canonical_path,
              const char               *relpath,
              GError                  **error)
{
  g_autoptr(JsonObject) ctx = page_context (e, root, e->nav);
  g_autofree char *canonical_url = canonical_path ? canonical (e, canonical_path) : NULL;
  JsonObject *page = make_page (title, NULL, canonical_url, "website");

  /* Search results and error pages are not for search engines. */
  json_object_set_boolean_member (page, "noindex", TRUE);
  json_object_set_object_member (ctx, "page", page);
  return render_page (e, tmpl, ctx, relpath, error);
}

static void
sitemap_url (Export     *e,
             GString    *out,
             const char *path,
             gint64      lastmod)
{
  g_autofree char *when = iso_time (lastmod);

  g_string_append (out, "  <url>\n    <loc>");
  if (e->base_url != NULL)
    xml_escape (out, e->base_url);
  xml_escape (out, path);
  g_string_append (out, "</loc>\n");
  if (when != NULL)
    g_string_append_printf (out, "    <lastmod>%s</lastmod>\n", when);
  g_string_append (out, "  </url>\n");
}

static gboolean
write_sitemap (Export  *e,
               GError **error)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
  gint64 newest = 0;

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (!a->draft)
        newest = MAX (newest, article_updated (a->article));
    }
  sitemap_url (e, out, "", newest);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g_autofree char *path = g_strconcat (g->slug, "/", NULL);

      sitemap_url (e, out, path, g->updated);
    }
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autofree char *path = NULL;

      if (a->draft)
        continue;
      path = g_strconcat (a->slug, "/", NULL);
      sitemap_url (e, out, path, article_updated (a->article));
    }
  g_string_append (out, "</urlset>\n");
  return write_rel (e, "sitemap.xml", out->str, out->len, error);
}

static gint
compare_published_desc (gconstpointer pa,
                        gconstpointer pb)
{
  const ArticleInfo *a = *(ArticleInfo * const *) pa;
  const ArticleInfo *b = *(ArticleInfo * const *) pb;
  gint64 ta = article_date (a->article);
  gint64 tb = article_date (b->article);

  if (ta != tb)
    return ta < tb ? 1 : -1;
  return (a->index > b->index) - (a->index < b->index);
}

static gboolean
write_feed (Export  *e,
            GError **error)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *site_slug = topiary_slugify (e->title);
  g_autofree char *updated = NULL;
  gint64 newest = 0;

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);

      if (a->draft)
        continue;
      g_ptr_array_add (entries, a);
      newest = MAX (newest, article_updated (a->article));
    }
  g_ptr_array_sort (entries, compare_published_desc);
  if (newest <= 0)
    newest = g_get_real_time () / G_USEC_PER_SEC;
  updated = iso_time (newest);

  g_string_append_printf (out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", e->lang);
  g_string_append (out, "  <title>");
  xml_escape (out, e->title);
  g_string_append (out, "</title>\n");
  if (e->description != NULL && e->description[0] != '\0')
    {
      g_string_append (out, "  <subtitle>");
      xml_escape (out, e->description);
      g_string_append (out, "</subtitle>\n");
    }
  g_string_append (out, "  <id>");
  if (e->base_url != NULL)
    xml_escape (out, e->base_url);
  else
    g_string_append_printf (out, "urn:topiary:%s", site_slug);
  g_string_append_printf (out, "</id>\n  <updated>%s</updated>\n", updated);
  g_string_append (out, "  <author><name>");
  xml_escape (out, e->title);
  g_string_append (out, "</name></author>\n");
  g_string_append_printf (out, "  <generator version=\"%s\">Topiary</generator>\n", PACKAGE_VERSION);
  if (e->base_url != NULL)
    {
      g_string_append (out, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
      xml_escape (out, e->base_url);
      g_string_append (out, "feed.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
      xml_escape (out, e->base_url);
      g_string_append (out, "\"/>\n");
    }
  else
    g_string_append (out, "  <link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n");

  for (guint i = 0; i < entries->len && i < MAX_FEED_ENTRIES; i++)
    {
      ArticleInfo *a = g_ptr_array_index (entries, i);
      g_autofree char *published = iso_time (article_date (a->article));
      g_autofree char *modified = iso_time (article_updated (a->article));
      const char *summary = topiary_article_get_summary (a->article);

      g_string_append (out, "  <entry>\n    <title>");
      xml_escape (out, topiary_article_get_title (a->article));
      g_string_append (out, "</title>\n    <id>");
      if (e->base_url != NULL)
        {
          xml_escape (out, e->base_url);
          g_string_append_printf (out, "%s/", a->slug);
        }
      else
        g_string_append_printf (out, "urn:topiary:%s:%s", site_slug, a->slug);
      g_string_append (out, "</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
      if (e->base_url != NULL)
        {
          xml_escape (out, e->base_url);
          g_string_append_printf (out, "%s/", a->slug);
        }
      else
        g_string_append_printf (out, "%s/index.html", a->slug);
      g_string_append (out, "\"/>\n");
      g_string_append_printf (out, "    <updated>%s</updated>\n", modified ? modified : updated);
      if (published != NULL)
        g_string_append_printf (out, "    <published>%s</published>\n", published);
      if (a->group != NULL)
        {
          g_string_append (out, "    <category term=\"");
          xml_escape (out, a->group->slug);
          g_string_append (out, "\" label=\"");
          xml_escape (out, topiary_group_get_title (a->group->group));
          g_string_append (out, "\"/>\n");
        }
      if (summary != NULL && summary[0] != '\0')
        {
          g_string_append (out, "    <summary>");
          xml_escape (out, summary);
          g_string_append (out, "</summary>\n");
        }
      g_string_append (out, "  </entry>\n");
    }
  g_string_append (out, "</feed>\n");
  return write_rel (e, "feed.xml", out->str, out->len, error);
}

static gboolean
write_robots (Export  *e,
              GError **error)
{
  g_autoptr(GString) out = g_string_new ("User-agent: *\nAllow: /\n\n");

  if (e->base_url != NULL)
    g_string_append_printf (out, "Sitemap: %ssitemap.xml\n", e->base_url);
  else
    /* The Sitemap line must be a full URL; a relative one is invalid
     * and crawlers skip it, so without a base URL it stays a hint. */
    g_string_append (out, "# Export with a base URL to name the sitemap here by its full address:\n"
                          "# Sitemap: https://example.org/sitemap.xml\n");
  return write_rel (e, "robots.txt", out->str, out->len, error);
}

static gboolean
write_search_index (Export  *e,
                    GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *script = NULL;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      const char * const *queries = topiary_article_get_queries (a->article);
      g_autofree char *url = g_strconcat (a->slug, "/index.html", NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, nonnull (topiary_article_get_title (a->article)));
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, nonnull (topiary_article_get_summary (a->article)));
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, a->group ? nonnull (topiary_group_get_title (a->group->group)) : "");
      json_builder_set_member_name (b, "queries");
      json_builder_begin_array (b);
      for (guint k = 0; queries[k] != NULL; k++)
        json_builder_add_string_value (b, queries[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, &len);
  if (!write_rel (e, "search-index.json", json, len, error))
    return FALSE;

  /* The same data for pages opened from disk, where fetch() is refused. */
  script = g_strconcat ("window.TOPIARY_SEARCH_INDEX = ", json, ";\n", NULL);
  return write_rel (e, "search-index.js", script, strlen (script), error);
}

static gboolean
write_asset (gpointer     user_data,
             const char  *relpath,
             const char  *data,
             gsize        len,
             GError     **error)
{
  return write_rel (user_data, relpath, data, len, error);
}

static gboolean
write_assets (Export  *e,
              GError **error)
{
  return topiary_export_theme_write_assets (&e->theme, write_asset, e, error);
}

static gboolean
export_site_files (Export  *e,
                   GError **error)
{
  g_autoptr(TopiaryMustacheTemplate) home = NULL;
  g_autoptr(TopiaryMustacheTemplate) group = NULL;
  g_autoptr(TopiaryMustacheTemplate) article = NULL;
  g_autoptr(TopiaryMustacheTemplate) search = NULL;
  g_autoptr(TopiaryMustacheTemplate) not_found = NULL;
  g_autofree char *root_404 = NULL;

  /* Every template is compiled before anything is written, so a broken
   * one is reported at once. */
  if ((home = topiary_export_theme_require (&e->theme, "home", error)) == NULL ||
      (group = topiary_export_theme_require (&e->theme, "group", error)) == NULL ||
      (article = topiary_export_theme_require (&e->theme, "article", error)) == NULL ||
      (search = topiary_export_theme_require (&e->theme, "search", error)) == NULL ||
      (not_found = topiary_export_theme_require (&e->theme, "404", error)) == NULL)
    return FALSE;

  e->site = json_object_new ();
  json_object_set_string_member (e->site, "title", e->title);
  json_object_set_string_member (e->site, "description", nonnull (e->description));
  json_object_set_string_member (e->site, "lang", e->lang);
  json_object_set_string_member (e->site, "dir", text_direction (e->lang));
  json_object_set_string_member (e->site, "url", nonnull (e->base_url));
  json_object_set_string_member (e->site, "generator", "Topiary " PACKAGE_VERSION);
  {
    /* Open Graph wants language_TERRITORY. */
    static const char *defaults[][2] = {
      { "en", "en_US" }, { "de", "de_DE" }, { "fr", "fr_FR" }, { "es", "es_ES" }, { "it", "it_IT" },
      { "pt", "pt_PT" }, { "nl", "nl_NL" }, { "he", "he_IL" }, { "ar", "ar_AR" },
    };
    g_auto(GStrv) parts = g_strsplit_set (e->lang, "-_", 3);
    g_autofree char *locale = NULL;

    if (parts[0] != NULL && parts[1] != NULL && strlen (parts[1]) == 2)
      {
        g_autofree char *language = g_ascii_strdown (parts[0], -1);
        g_autofree char *territory = g_ascii_strup (parts[1], -1);

        locale = g_strconcat (language, "_", territory, NULL);
      }
    for (guint i = 0; locale == NULL && i < G_N_ELEMENTS (defaults); i++)
      if (g_ascii_strcasecmp (parts[0] ? parts[0] : "", defaults[i][0]) == 0)
        locale = g_strdup (defaults[i][1]);
    json_object_set_string_member (e->site, "og_locale", nonnull (locale));
  }

  e->words = topiary_export_theme_words (e->lang);
  e->nav = make_nav (e, NULL);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g->nav = i < MAX_NAV ? make_nav (e, g) : json_array_ref (e->nav);
    }

  e->total = e->articles->len + e->groups->len + 6;

  if (!write_articles (e, article, error))
    return FALSE;
  for (guint i = 0; i < e->groups->len; i++)
    {
      if (!write_group (e, g_ptr_array_index (e->groups, i), group, error))
        return FALSE;
      progress (e);
    }

  if (!write_home (e, home, error))
    return FALSE;
  progress (e);
  if (!write_simple (e, search, "../", json_object_get_string_member (e->words, "search"),
                     "search/", "search/index.html", error))
    return FALSE;
  progress (e);
  /* The 404 page is served at any depth: its links start from the site root. */
  root_404 = g_strdup (e->base_url != NULL ? e->base_url : "/");
  if (!write_simple (e, not_found, root_404, json_object_get_string_member (e->words, "not_found"),
                     NULL, "404.html", error))
    return FALSE;
  progress (e);

  if (!write_sitemap (e, error) || !write_feed (e, error) || !write_robots (e, error))
    return FALSE;
  progress (e);
  if (!write_search_index (e, error))
    return FALSE;
  progress (e);
  if (!write_assets (e, error))
    return FALSE;
  progress (e);

  return TRUE;
}

static gboolean
export_site (Export  *e,
             GError **error)
{
  GError *local_error = NULL;
  gboolean ok;

  e->writer = page_writer_new (e);
  ok = export_site_files (e, &local_error);
  /* A page that failed to be written came before whatever else failed. */
  if (!page_writer_finish (e->writer, error))
    {
      g_clear_error (&local_error);
      ok = FALSE;
    }
  else if (!ok)
    g_propagate_error (error, local_error);
  g_clear_pointer (&e->writer, page_writer_free);
  return ok;
}

/* ---- Hugo ---- */

static char *
hugo_path (ArticleInfo *a)
{
  if (a->group != NULL)
    return g_strconcat (a->group->slug, "/", a->slug, ".md", NULL);
  return g_strconcat (a->slug, ".md", NULL);
}

static void
append_escaped_label (GString    *out,
                      const char *label,
                      gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (label[i] == '[' || label[i] == ']' || label[i] == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, label[i]);
    }
}

/* Rewrites the wiki links of one line outside code: [[target|label]]
 * becomes a Markdown link through Hugo's relref, which Hugo checks. */
static void
hugo_rewrite_line (Export      *e,
                   const char  *line,
                   gsize        len,
                   GPtrArray   *unresolved,
                   GString     *out)
{
  gsize i = 0;
  /* The first "]]" at or after the latest search's start, or NULL when
   * there was none: each "[[" of "[[[[…" does not search the line again. */
  const char *close = NULL;
  gboolean no_close = FALSE;

  while (i < len)
    {
      if (line[i] == '\\' && i + 1 < len)
        {
          g_string_append_len (out, line + i, 2);
          i += 2;
        }
      else if (line[i] == '`')
        {
          gsize run = 0, j;

          while (i + run < len && line[i + run] == '`')
            run++;
          /* Find the closing run of the same length on this line. */
          for (j = i + run; j < len; j++)
            {
              gsize r = 0;

              while (j + r < len && line[j + r] == '`')
                r++;
              if (r == run)
                break;
              j += r;
            }
          if (j < len)
            {
              g_string_append_len (out, line + i, j + run - i);
              i = j + run;
            }
          else
            {
              g_string_append_len (out, line + i, run);
              i += run;
            }
        }
      else if (line[i] == '[' && i + 1 < len && line[i + 1] == '[')
        {
          const char *start = line + i + 2;
          const char *end;
          g_autofree char *inner = NULL;
          const char *bar;
          const char *label;
          ArticleInfo *target;

          if (no_close)
            end = NULL;
          else if (close != NULL && close >= start)
            end = close;
          else
            {
              end = close = g_strstr_len (start, len - i - 2, "]]");
              no_close = end == NULL;
            }
          if (end == NULL || end == start)
            {
              g_string_append_len (out, "[[", 2);
              i += 2;
              continue;
            }
          inner = g_strndup (start, end - start);
          bar = strchr (inner, '|');
          if (bar != NULL)
            {
              inner[bar - inner] = '\0';
              label = inner + (bar - inner) + 1;
            }
          else
            label = inner;
          if (label[0] == '\0')
            label = inner;

          target = find_target (e, inner, NULL);
          if (target != NULL)
            {
              g_autofree char *path = hugo_path (target);

              g_string_append_c (out, '[');
              append_escaped_label (out, label, strlen (label));
              g_string_append_printf (out, "]({{< relref \"/%s\" >}})", path);
            }
          else
            {
              append_escaped_label (out, label, strlen (label));
              g_ptr_array_add (unresolved, g_strdup (inner));
            }
          i = (gsize) (end - line) + 2;
        }
      else
        {
          g_string_append_c (out, line[i]);
          i++;
        }
    }
}

static char *
hugo_rewrite (Export     *e,
              const char *body,
              GPtrArray  *unresolved)
{
  GString *out = g_string_sized_new (strlen (body) + 64);
  const char *p = body;
  gboolean in_fence = FALSE;
  gboolean in_indented = FALSE;
  gboolean prev_blank = TRUE;
  char fence_char = 0;
  gsize fence_len = 0;

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) + 1 : strlen (p);
      const char *q = p;
      guint spaces = 0;
      gboolean blank = TRUE;

      while (*q == ' ' && spaces < 4)
        {
          q++;
          spaces++;
        }
      for (gsize k = 0; k < len; k++)
        if (!g_ascii_isspace (p[k]))
          {
            blank = FALSE;
            break;
          }

      if (spaces < 4 && (*q == '`' || *q == '~'))
        {
          gsize run = 0;

          while (q[run] == *q)
            run++;
          if (run >= 3 && !in_fence)
            {
              in_fence = TRUE;
              fence_char = *q;
              fence_len = run;
              g_string_append_len (out, p, len);
              p += len;
              continue;
            }
          if (run >= 3 && in_fence && *q == fence_char && run >= fence_len)
            {
              in_fence = FALSE;
              g_string_append_len (out, p, len);
              p += len;
              continue;
            }
        }

      if (!blank && (p[0] == '\t' || spaces == 4))
        in_indented = in_indented || prev_blank;
      else if (!blank)
        in_indented = FALSE;

      if (in_fence || in_indented)
        g_string_append_len (out, p, len);
      else
        hugo_rewrite_line (e, p, len, unresolved, out);

      prev_blank = blank;
      p += len;
    }

  return g_string_free (out, FALSE);
}

static char *
toml_quote (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = nonnull (text); *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
write_front_matter_file (Export                    *e,
                         const char                *relpath,
                         TopiaryFrontMatterWriter  *w,
                         const char                *body,
                         GError                   **error)
{
  g_autofree char *fm = topiary_front_matter_writer_to_string (w);
  /* The body follows the closing delimiter as it is, so an import of the
   * folder gives back the same bytes. */
  g_autofree char *text = g_strconcat (fm, nonnull (body), NULL);

  return write_rel (e, relpath, text, strlen (text), error);
}

static gboolean
export_hugo (Export  *e,
             GError **error)
{
  g_autofree char *title = toml_quote (e->title);
  g_autofree char *base = toml_quote (e->base_url != NULL ? e->base_url : "/");
  g_autofree char *lang = toml_quote (e->lang);
  g_autofree char *config = NULL;

  e->total = e->articles->len + e->groups->len + 1;

  config = g_strdup_printf ("# Written by Topiary %s.\n"
                            "baseURL = %s\n"
                            "title = %s\n"
                            "languageCode = %s\n"
                            "\n"
                            "[markup.goldmark.renderer]\n"
                            "  unsafe = %s\n",
                            PACKAGE_VERSION, base, title, lang,
                            e->allow_html ? "true" : "false");
  if (!write_rel (e, "hugo.toml", config, strlen (config), error))
    return FALSE;

  {
    g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();

    topiary_front_matter_writer_add_string (w, "title", e->title);
    if (e->description != NULL && e->description[0] != '\0')
      topiary_front_matter_writer_add_string (w, "description", e->description);
    if (!write_front_matter_file (e, "content/_index.md", w, NULL, error))
      return FALSE;
    progress (e);
  }

  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);
      g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
      g_autofree char *relpath = g_strconcat ("content/", g->slug, "/_index.md", NULL);
      const char *description = topiary_group_get_description (g->group);

      topiary_front_matter_writer_add_string (w, "title", topiary_group_get_title (g->group));
      topiary_front_matter_writer_add_string (w, "slug", g->slug);
      if (description != NULL && description[0] != '\0')
        topiary_front_matter_writer_add_string (w, "description", description);
      topiary_front_matter_writer_add_int (w, "weight", topiary_group_get_position (g->group));
      if (!write_front_matter_file (e, relpath, w, NULL, error))
        return FALSE;
      progress (e);
    }

  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autoptr(TopiaryArticle) full = topiary_project_get_article (e->project, a->id, TRUE, error);
      g_autoptr(TopiaryFrontMatterWriter) w = topiary_front_matter_writer_new ();
      g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *path = hugo_path (a);
      g_autofree char *relpath = g_strconcat ("content/", path, NULL);
      g_autofree char *bundle = NULL;
      const TopiaryFileInfo *cover = topiary_export_media_cover (e->media, a->id);
      g_autofree char *date = iso_time (article_date (a->article));
      g_autofree char *lastmod = iso_time (article_updated (a->article));
      g_autofree char *body = NULL;
      const char *summary = topiary_article_get_summary (a->article);
      const char *intent = topiary_article_get_intent (a->article);

      if (full == NULL)
        return FALSE;
      /* An article with files is a page bundle, content/group/slug/index.md
       * with its files beside it, where its links (images/a.png) find them
       * and Hugo's image processing can use them. */
      if (topiary_export_media_files (e->media, a->id) != NULL)
        {
          bundle = g_strconcat ("content/", a->group != NULL ? a->group->slug : "",
                                a->group != NULL ? "/" : "", a->slug, "/", NULL);
          g_free (relpath);
          relpath = g_strconcat (bundle, "index.md", NULL);
          if (!topiary_export_media_write_bundle (e->media, a->id, bundle, write_media, e, error))
            return FALSE;
        }

      body = hugo_rewrite (e, nonnull (topiary_article_get_body (full)), unresolved);
      if (!check_unresolved (e, a, unresolved, error))
        return FALSE;

      topiary_front_matter_writer_add_string (w, "title", topiary_article_get_title (a->article));
      topiary_front_matter_writer_add_string (w, "slug", a->slug);
      if (summary != NULL && summary[0] != '\0')
        topiary_front_matter_writer_add_string (w, "description", summary);
      topiary_front_matter_writer_add_int (w, "weight", topiary_article_get_position (a->article));
      topiary_front_matter_writer_add_bool (w, "draft", a->draft);
      topiary_front_matter_writer_add_string (w, "date", date);
      topiary_front_matter_writer_add_string (w, "lastmod", lastmod);
      topiary_front_matter_writer_add_strv (w, "keywords", topiary_article_get_queries (a->article));
      if (cover != NULL)
        {
          /* Hugo's Open Graph and Twitter templates take images: as paths
           * from the site root; the page's URL is /group/slug/. */
          g_autofree char *url = g_strconcat ("/", a->group != NULL ? a->group->slug : "",
                                              a->group != NULL ? "/" : "", a->slug, "/", cover->name, NULL);
          const char *images[] = { url, NULL };

          topiary_front_matter_writer_add_strv (w, "images", images);
        }
      topiary_front_matter_writer_begin_map (w, "params");
      if (cover != NULL)
        topiary_front_matter_writer_add_string (w, "cover", cover->name);
      topiary_front_matter_writer_add_string (w, "kind", topiary_kind_to_string (topiary_article_get_kind (a->article)));
      if (intent != NULL && intent[0] != '\0')
        topiary_front_matter_writer_add_string (w, "intent", intent);
      if (topiary_article_get_priority (a->article) > 0)
        topiary_front_matter_writer_add_int (w, "priority", topiary_article_get_priority (a->article));
      topiary_front_matter_writer_add_string (w, "status", topiary_status_to_string (topiary_article_get_status (a->article)));
      if (a->pillar != NULL)
        topiary_front_matter_writer_add_string (w, "pillar", a->pillar->slug);
      /* keywords keep their order; name the primary one when it is not first. */
      if (topiary_article_get_primary_query (a->article) > 0)
        topiary_front_matter_writer_add_string (w, "primary_query",
                                                topiary_article_get_queries (a->article)[topiary_article_get_primary_query (a->article)]);
      topiary_front_matter_writer_end_map (w);

      if (!write_front_matter_file (e, relpath, w, body, error))
        return FALSE;
      progress (e);
    }

  return TRUE;
}

/* ---- single-file formats ---- */

static void
set_output_path (Export     *e,
                 const char *path)
{
  if (e->options->output_path != NULL)
    *e->options->output_path = g_strdup (path);
}


static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  g_autofree char *prefixed = NULL;
  const char *v = nonnull (value);

  /* Formula injection: see topiary-csv-cell.h. */
  if (topiary_csv_cell_needs_prefix (v))
    v = prefixed = g_strconcat ("'", v, NULL);

  if (strpbrk (v, ",\"\r\n\t") != NULL || (v[0] != '\0' && (g_ascii_isspace (v[0]) || g_ascii_isspace (v[strlen (v) - 1]))))
    {
      g_string_append_c (out, '"');
      for (const char *p = v; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, v);
  g_string_append (out, last ? "\r\n" : ",");
}

static gboolean
export_csv (Export      *e,
            const char  *dest,
            GError     **error)
{
  static const char *header[] = {
    "group", "kind", "pillar", "title", "slug", "status", "intent", "priority",
    "primary query", "other queries", "target words", "words written", "summary",
    "cover",
  };
  g_autoptr(GString) buf = g_string_new (NULL);
  TopiaryExportFile f = { -1, NULL, NULL, e->options->cancellable };
  gboolean ok = FALSE;

  if (!topiary_export_file_begin (&f, dest, ".csv", e->title, topiary_project_get_path (e->project), e->options->force, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (buf, header[i], i + 1 == G_N_ELEMENTS (header));

  e->total = e->articles->len;
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      TopiaryArticle *art = a->article;
      g_autofree char *others = join_queries (art, TRUE, "; ");
      g_autofree char *priority = NULL;
      g_autofree char *target = NULL;
      g_autofree char *written = g_strdup_printf ("%u", topiary_article_get_word_count (art));

      if (topiary_article_get_priority (art) > 0)
        priority = g_strdup_printf ("%d", topiary_article_get_priority (art));
      if (topiary_article_get_target_words (art) > 0)
        target = g_strdup_printf ("%d", topiary_article_get_target_words (art));

      csv_field (buf, a->group ? topiary_group_get_title (a->group->group) : NULL, FALSE);
      csv_field (buf, topiary_kind_to_string (topiary_article_get_kind (art)), FALSE);
      csv_field (buf, a->pillar ? topiary_article_get_title (a->pillar->article) : NULL, FALSE);
      csv_field (buf, topiary_article_get_title (art), FALSE);
      csv_field (buf, topiary_article_get_slug (art), FALSE);
      csv_field (buf, topiary_status_to_string (topiary_article_get_status (art)), FALSE);
      csv_field (buf, topiary_article_get_intent (art), FALSE);
      csv_field (buf, priority, FALSE);
      csv_field (buf, primary_query (art), FALSE);
      csv_field (buf, others, FALSE);
      csv_field (buf, target, FALSE);
      csv_field (buf, written, FALSE);
      csv_field (buf, topiary_article_get_summary (art), FALSE);
      {
        const TopiaryFileInfo *cover = topiary_export_media_cover (e->media, a->id);
        csv_field (buf, cover != NULL ? cover->name : NULL, TRUE);
      }

      if (buf->len > 256 * 1024 && !topiary_export_file_write (&f, buf, error))
        goto out;
      progress (e);
    }

  ok = topiary_export_file_write (&f, buf, error) && topiary_export_file_commit (&f, error);
  if (ok)
    set_output_path (e, f.path);

out:
  topiary_export_file_clear (&f);
  return ok;
}

static void
json_add_time (JsonBuilder *b,
               const char  *name,
               gint64       t)
{
  g_autofree char *iso = iso_time (t);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

static void
json_add_string (JsonBuilder *b,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, nonnull (value));
}

static char *
generate (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
export_json (Export      *e,
             const char  *dest,
             GError     **error)
{
  static const char *fields[] = { "title", "subject", "description", "audience", "goal", "language", "base_url" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GListModel) notes = topiary_project_list_notes (e->project);
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autofree char *head = NULL;
  TopiaryExportFile f = { -1, NULL, NULL, e->options->cancellable };
  gboolean ok = FALSE;

  if (!topiary_export_file_begin (&f, dest, ".json", e->title, topiary_project_get_path (e->project), e->options->force, error))
    goto out;

  json_builder_begin_object (b);
  json_add_string (b, "format", "topiary-map");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_add_string (b, "generator", "Topiary " PACKAGE_VERSION);
  json_builder_set_member_name (b, "map");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = topiary_project_get_map_field (e->project, fields[i]);
      json_add_string (b, fields[i], value);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);

      json_builder_begin_object (b);
      json_add_string (b, "kind", topiary_note_get_kind (note));
      json_add_string (b, "title", topiary_note_get_title (note));
      json_add_string (b, "body", topiary_note_get_body (note));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, topiary_note_get_position (note));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->groups->len; i++)
    {
      GroupInfo *g = g_ptr_array_index (e->groups, i);

      json_builder_begin_object (b);
      json_add_string (b, "title", topiary_group_get_title (g->group));
      json_add_string (b, "slug", topiary_group_get_slug (g->group));
      json_add_string (b, "description", topiary_group_get_description (g->group));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, topiary_group_get_position (g->group));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* The articles, bodies included, are streamed one by one after the rest,
   * so memory stays flat however big the map is. */
  head = generate (b);
  g_assert (g_str_has_suffix (head, "}"));
  head[strlen (head) - 1] = '\0';
  g_string_append (buf, head);
  g_string_append (buf, ",\"articles\":[");

  e->total = e->articles->len;
  for (guint i = 0; i < e->articles->len; i++)
    {
      ArticleInfo *a = g_ptr_array_index (e->articles, i);
      g_autoptr(TopiaryArticle) full = topiary_project_get_article (e->project, a->id, TRUE, error);
      g_autoptr(JsonBuilder) ab = json_builder_new ();
      g_autofree char *json = NULL;
      const char * const *queries;

      if (full == NULL)
        goto out;
      queries = topiary_article_get_queries (full);

      json_builder_begin_object (ab);
      json_add_string (ab, "title", topiary_article_get_title (full));
      json_add_string (ab, "slug", topiary_article_get_slug (full));
      json_add_string (ab, "group", a->group ? topiary_group_get_slug (a->group->group) : NULL);
      json_add_string (ab, "kind", topiary_kind_to_string (topiary_article_get_kind (full)));
      json_add_string (ab, "pillar", a->pillar ? topiary_article_get_slug (a->pillar->article) : NULL);
      json_builder_set_member_name (ab, "position");
      json_builder_add_int_value (ab, topiary_article_get_position (full));
      json_add_string (ab, "status", topiary_status_to_string (topiary_article_get_status (full)));
      json_add_string (ab, "intent", topiary_article_get_intent (full));
      json_builder_set_member_name (ab, "priority");
      json_builder_add_int_value (ab, topiary_article_get_priority (full));
      json_builder_set_member_name (ab, "queries");
      json_builder_begin_array (ab);
      for (guint k = 0; queries[k] != NULL; k++)
        json_builder_add_string_value (ab, queries[k]);
      json_builder_end_array (ab);
      json_builder_set_member_name (ab, "primary_query");
      json_builder_add_int_value (ab, topiary_article_get_primary_query (full));
      json_builder_set_member_name (ab, "target_words");
      json_builder_add_int_value (ab, topiary_article_get_target_words (full));
      json_builder_set_member_name (ab, "words");
      json_builder_add_int_value (ab, topiary_article_get_word_count (full));
      json_add_string (ab, "summary", topiary_article_get_summary (full));
      json_add_string (ab, "body", topiary_article_get_body (full));
      topiary_export_media_add_json (e->media, a->id, ab);
      json_add_time (ab, "created", topiary_article_get_created (full));
      json_add_time (ab, "updated", topiary_article_get_updated (full));
      json_add_time (ab, "published", topiary_article_get_published (full));
      json_builder_end_object (ab);

      json = generate (ab);
      if (i > 0)
        g_string_append_c (buf, ',');
      g_string_append (buf, json);
      if (buf->len > 256 * 1024 && !topiary_export_file_write (&f, buf, error))
        goto out;
      progress (e);
    }
  g_string_append (buf, "]}\n");

  ok = topiary_export_file_write (&f, buf, error) && topiary_export_file_commit (&f, error);
  if (ok)
    set_output_path (e, f.path);

out:
  topiary_export_file_clear (&f);
  return ok;
}

/* ---- entry point ---- */

gboolean
topiary_export_format_from_string (const char          *str,
                                   TopiaryExportFormat *format)
{
  static const char *names[] = { "site", "hugo", "csv", "json" };

  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i]) == 0)
      {
        *format = (TopiaryExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
topiary_export_format_to_string (TopiaryExportFormat format)
{
  switch (format)
    {
    case TOPIARY_EXPORT_SITE: return "site";
    case TOPIARY_EXPORT_HUGO: return "hugo";
    case TOPIARY_EXPORT_CSV: return "csv";
    case TOPIARY_EXPORT_JSON: return "json";
    default: return NULL;
    }
}

gboolean
topiary_export (TopiaryProject              *project,
                const char                  *dir,
                const TopiaryExportOptions  *options,
                TopiaryProgressFunc          progress_func,
                gpointer                     user_data,
                GError                     **error)
{
  Export e = { 0 };
  TopiaryExportSwap swap = { 0 };
  gboolean reading = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->replaced_path != NULL)
    *options->replaced_path = NULL;

  if (dir[0] == '\0')
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_NOT_WRITABLE,
                   _("No export folder was given."));
      return FALSE;
    }
  if (topiary_export_format_to_string (options->format) == NULL)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_FAILED,
                   _("The export format is unknown."));
      return FALSE;
    }

  e.project = project;
  e.options = options;
  e.progress = progress_func;
  e.progress_data = user_data;
  e.articles = g_ptr_array_new_with_free_func (article_info_free);
  e.groups = g_ptr_array_new_with_free_func (group_info_free);
  e.by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  e.used_slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e.theme.templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) topiary_mustache_template_unref);

  e.theme.fd = -1;

  if (options->format == TOPIARY_EXPORT_SITE && options->theme_dir != NULL &&
      !topiary_export_theme_open (&e.theme, options->theme_dir, error))
    goto out;

  /* One snapshot for the whole run: an import committing meanwhile in
   * another process cannot mix old titles with new bodies. */
  if (!topiary_project_begin_read (project, error))
    goto out;
  reading = TRUE;
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    goto out;

  if (!read_map (&e, error) || !collect (&e, error))
    goto out;
  if ((e.media = topiary_export_media_new (project, error)) == NULL)
    goto out;

  switch (options->format)
    {
    case TOPIARY_EXPORT_SITE:
    case TOPIARY_EXPORT_HUGO:
      {
        g_autofree char *project_path = NULL;
        g_autofree char *theme_path = NULL;

        if (topiary_project_get_path (project) != NULL)
          project_path = g_canonicalize_filename (topiary_project_get_path (project), NULL);
        if (e.theme.dir != NULL)
          theme_path = g_canonicalize_filename (e.theme.dir, NULL);
        if (!topiary_export_swap_begin (&swap, dir, project_path, theme_path, options->force, error))
          goto out;
      }
      e.out = swap.tmp;
      if (options->format == TOPIARY_EXPORT_SITE ? !export_site (&e, error) : !export_hugo (&e, error))
        goto out;
      if (g_cancellable_set_error_if_cancelled (options->cancellable, error) ||
          !topiary_export_write_marker (e.out, options->format, error) ||
          !topiary_export_swap_commit (&swap, options->replaced_path, error))
        goto out;
      set_output_path (&e, dir);
      ok = TRUE;
      break;

    case TOPIARY_EXPORT_CSV:
      ok = export_csv (&e, dir, error);
      break;

    case TOPIARY_EXPORT_JSON:
      ok = export_json (&e, dir, error);
      break;

    default:
      g_assert_not_reached ();
    }

out:
  if (reading)
    topiary_project_end_read (project);
  topiary_export_swap_clear (&swap);
  g_ptr_array_unref (e.articles);
  g_ptr_array_unref (e.groups);
  g_hash_table_unref (e.by_id);
  g_clear_object (&e.map);
  g_hash_table_unref (e.used_slugs);
  topiary_export_theme_clear (&e.theme);
  g_clear_pointer (&e.site, json_object_unref);
  g_clear_pointer (&e.words, json_object_unref);
  g_clear_pointer (&e.nav, json_array_unref);
  g_free (e.title);
  g_free (e.description);
  g_free (e.lang);
  g_free (e.base_url);
  g_clear_pointer (&e.media, topiary_export_media_free);
  return ok;
}
