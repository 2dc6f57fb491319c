/* topiary-import-hugo.c — Hugo and Jekyll content folders
 *
 * The source is a content folder, or a site root holding "content/" (Hugo)
 * or "_posts/" (Jekyll). Every folder with articles is a group: its
 * "_index.md" gives the title, description and weight, else the folder name
 * does. The root "_index.md" is the map itself. Every other Markdown file is
 * an article; "index.md" is a leaf bundle named after its folder. Jekyll
 * posts go to the group of their first category, else "Posts".
 *
 * Front matter (YAML or TOML, keys also under "params:") maps onto the
 * article: title, slug, description → summary, weight, draft, date,
 * queries / keywords / tags, kind or pillar, intent, priority, status,
 * target words. The body is everything after the closing fence line, byte
 * for byte. A file whose front matter cannot be read is still imported,
 * titled after its file name, with a warning.
 *
 * The writing order is group weight, then weight, then path. Each group's
 * pillar is the article marked so, else its first article; clusters get it
 * as their parent.
 *
 * Files are read twice: once for the front matter (kept small), once for the
 * body just before it is written, so memory does not grow with the corpus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "topiary-frontmatter.h"
#include "topiary-import-fs-private.h"
#include "topiary-import-media-private.h"
#include "topiary-import-private.h"
#include "topiary-import-hugo-private.h"
#include "topiary-utf8.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* Warnings about single files stop after this many, then one summary. */
#define MAX_FILE_WARNINGS 20

void
_topiary_hugo_set_str (char       **field,
                       const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->path);
  g_free (e->read_path);
  g_free (e->rel);
  g_free (e->category);
  g_clear_object (&e->article);
  g_free (e);
}

static void
folder_free (gpointer data)
{
  Folder *f = data;

  g_free (f->rel);
  g_free (f->title);
  g_free (f->description);
  g_free (f->text);
  g_ptr_array_unref (f->entries);
  g_free (f);
}

void
_topiary_hugo_file_warn (Ctx        *ctx,
                         const char *format,
                         ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (++ctx->file_warnings > MAX_FILE_WARNINGS)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  topiary_import_report_warn (ctx->report, "%s", msg);
}

static Folder *
get_folder (Ctx        *ctx,
            const char *rel)
{
  Folder *f = g_hash_table_lookup (ctx->folders, rel);

  if (f == NULL)
    {
      g_autofree char *base = g_path_get_basename (rel);

      f = g_new0 (Folder, 1);
      f->rel = g_strdup (rel);
      f->entries = g_ptr_array_new ();
      f->plan_group = -1;
      if (*rel != '\0')
        f->title = topiary_value_humanize (base[0] == '_' ? base + 1 : base);
      g_hash_table_insert (ctx->folders, f->rel, f);
    }
  return f;
}

static gboolean
skip_name (const char *name,
           gboolean    site_root)
{
  if (name[0] == '.')
    return TRUE;
  if (strcmp (name, "node_modules") == 0)
    return TRUE;
  if (site_root)
    {
      static const char * const dirs[] = { "_site", "_layouts", "_includes", "_sass", "_data",
                                           "_plugins", "vendor", "public", "resources", "themes",
                                           "layouts", "static", "assets", "archetypes", "data",
                                           "i18n", NULL };
      static const char * const files[] = { "README.md", "readme.md", "LICENSE.md", "CHANGELOG.md",
                                            "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", NULL };
      if (g_strv_contains (dirs, name) || g_strv_contains (files, name))
        return TRUE;
    }
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* TRUE the first time the folder @id is seen. */
static gboolean
first_visit (Ctx                 *ctx,
             const TopiaryFileId *id)
{
  char *key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                               (guint64) id->dev, (guint64) id->ino);

  if (g_hash_table_contains (ctx->seen, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_add (ctx->seen, key);
  return TRUE;
}

/* Walks the tree without recursion (folders can nest deeply). */
static gboolean
collect (Ctx       *ctx,
         gboolean   site_root,
         GError   **error)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_free);  /* rel paths */

  g_ptr_array_add (queue, g_strdup (""));
  for (guint qi = 0; qi < queue->len; qi++)
    {
      const char *rel = g_ptr_array_index (queue, qi);
      g_autofree char *dir_path = *rel ? g_build_filename (ctx->root, rel, NULL) : g_strdup (ctx->root);
      g_autoptr(GError) local = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GDir *dir;
      const char *name;
      gboolean bundle = FALSE;
      gboolean is_posts;

      dir = g_dir_open (dir_path, 0, &local);
      if (dir == NULL)
        {
          if (qi == 0)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          _topiary_hugo_file_warn (ctx, _("The folder “%s” could not be read: %s"), rel, local->message);
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (!skip_name (name, site_root && qi == 0))
          g_ptr_array_add (names, g_strdup (name));
      g_dir_close (dir);
      /* Directory order is arbitrary; sort for a stable import. */
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        if (g_ascii_strncasecmp (g_ptr_array_index (names, i), "index.", 6) == 0 &&
            _topiary_hugo_is_markdown (g_ptr_array_index (names, i)) && *rel != '\0')
          bundle = TRUE;

      is_posts = g_str_has_prefix (rel, "_posts") || g_str_has_prefix (rel, "_drafts");

      for (guint i = 0; i < names->len; i++)
        {
          const char *child = g_ptr_array_index (names, i);
          g_autofree char *child_rel = *rel ? g_build_filename (rel, child, NULL) : g_strdup (child);
          g_autofree char *child_path = g_build_filename (dir_path, child, NULL);
          g_autofree char *read_path = NULL;
          TopiaryFileId id;
          TopiaryImportFsKind kind;

          /* Only regular files inside the folder are read: links out of it,
           * devices and FIFOs are named in the report and left alone. */
          kind = _topiary_import_fs_classify (child_path, ctx->real_base, MAX_FILE_SIZE, &read_path, &id);
          if (kind == TOPIARY_IMPORT_FS_FOLDER)
            {
              /* Bundles own their subfolders; a folder seen before (a bind
               * mount of its parent) would loop. */
              if (!bundle && (child[0] != '_' || !site_root || strcmp (child, "_posts") == 0 ||
                              strcmp (child, "_drafts") == 0 || qi > 0) &&
                  first_visit (ctx, &id))
                g_ptr_array_add (queue, g_steal_pointer (&child_rel));
              continue;
            }
          if (kind == TOPIARY_IMPORT_FS_LINK_FOLDER || kind == TOPIARY_IMPORT_FS_LINK_OUT_FOLDER)
            {
              /* A linked folder could loop or repeat the same files. */
              if (!bundle)
                _topiary_hugo_file_warn (ctx, kind == TOPIARY_IMPORT_FS_LINK_FOLDER
                                ? _("“%s” is a link to a folder; it was not followed.")
                                : _("“%s” is a link to a folder outside the imported folder; it was not followed."),
                                         child_rel);
              continue;
            }
          if (!_topiary_hugo_is_markdown (child))
            continue;
          /* Other pages inside a bundle are its resources, never read. */
          if (bundle && g_ascii_strncasecmp (child, "index.", 6) != 0)
            continue;

          switch (kind)
            {
            case TOPIARY_IMPORT_FS_FILE:
              break;
            case TOPIARY_IMPORT_FS_LINK_OUT:
              _topiary_hugo_file_warn (ctx, _("“%s” is a link to a file outside the imported folder; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_LINK_BROKEN:
              _topiary_hugo_file_warn (ctx, _("“%s” is a link that leads to no file; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_SPECIAL:
              _topiary_hugo_file_warn (ctx, _("“%s” is not a regular file but a device, FIFO or socket; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_TOO_LARGE:
              _topiary_hugo_file_warn (ctx, _("“%s” is larger than 16 MB; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_GONE:
            case TOPIARY_IMPORT_FS_FOLDER:
            case TOPIARY_IMPORT_FS_LINK_FOLDER:
            case TOPIARY_IMPORT_FS_LINK_OUT_FOLDER:
            default:
              _topiary_hugo_file_warn (ctx, _("“%s” disappeared while the folder was read; it was skipped."), child_rel);
              continue;
            }

          if (g_ascii_strncasecmp (child, "_index.", 7) == 0)
            {
              _topiary_hugo_read_index (ctx, get_folder (ctx, rel), read_path, &id, child_rel);
              continue;
            }

          {
            Entry *e = g_new0 (Entry, 1);
            const char *group_rel = rel;
            g_autofree char *parent_rel = NULL;

            if (bundle && g_ascii_strncasecmp (child, "index.", 6) == 0)
              {
                /* The bundle is an article of its parent folder. */
                parent_rel = g_path_get_dirname (rel);
                group_rel = strcmp (parent_rel, ".") == 0 ? "" : parent_rel;
              }
            e->path = g_steal_pointer (&child_path);
            e->read_path = g_steal_pointer (&read_path);
            e->id = id;
            e->rel = g_steal_pointer (&child_rel);
            if (is_posts)
              {
                e->folder = get_folder (ctx, "_posts");
                e->folder->is_posts = TRUE;
                if (e->folder->title == NULL || strcmp (e->folder->title, "Posts") != 0)
                  _topiary_hugo_set_str (&e->folder->title, _("Posts"));
              }
            else if (*group_rel != '\0')
              e->folder = get_folder (ctx, group_rel);
            g_ptr_array_add (ctx->entries, e);
          }
        }
    }
  return TRUE;
}

static int
folder_compare (const Folder *a,
                const Folder *b)
{
  if (a == b)
    return 0;
  /* Ideas (no folder) come last. */
  if (a == NULL || b == NULL)
    return a == NULL ? 1 : -1;
  if (a->has_weight != b->has_weight)
    return a->has_weight ? -1 : 1;
  if (a->has_weight && a->weight != b->weight)
    return a->weight < b->weight ? -1 : 1;
  return strcmp (a->rel, b->rel);
}

static int
folder_ptr_compare (gconstpointer pa,
                    gconstpointer pb)
{
  return folder_compare (*(Folder * const *) pa, *(Folder * const *) pb);
}

static int
entry_compare (gconstpointer pa,
               gconstpointer pb)
{
  const Entry *a = *(Entry * const *) pa;
  const Entry *b = *(Entry * const *) pb;
  int c = folder_compare (a->folder, b->folder);

  if (c != 0)
    return c;
  if (a->has_weight != b->has_weight)
    return a->has_weight ? -1 : 1;
  if (a->has_weight && a->weight != b->weight)
    return a->weight < b->weight ? -1 : 1;
  return strcmp (a->rel, b->rel);
}

/* Jekyll categories become folders of their own. */
static void
place_categories (Ctx *ctx)
{
  for (guint i = 0; i < ctx->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (ctx->entries, i);
      g_autofree char *key = NULL;
      Folder *f;

      if (e->category == NULL || e->folder == NULL || !e->folder->is_posts)
        continue;
      key = g_strconcat ("_posts/", e->category, NULL);
      f = get_folder (ctx, key);
      _topiary_hugo_set_str (&f->title, e->category);
      if (f->title[0] != '\0' && g_ascii_islower (f->title[0]))
        {
          g_autofree char *nice = topiary_value_humanize (e->category);
          _topiary_hugo_set_str (&f->title, nice);
        }
      f->is_posts = TRUE;
      e->folder = f;
    }
}

/* The folder's group in the plan, with the folder's name as the slug a
 * new group takes (so URLs stay the same) and its page as a note. */
static void
plan_group (Ctx               *ctx,
            TopiaryImportPlan *plan,
            Folder            *f)
{
  g_autofree char *base = g_path_get_basename (f->rel);
  TopiaryPlanGroup *g;

  f->plan_group = topiary_import_plan_add_group (plan, f->title, f->description);
  g = g_ptr_array_index (plan->groups, f->plan_group);
  /* Another folder of the same title: the same group, as in the project. */
  if (g->description == NULL && f->description != NULL && *f->description != '\0')
    g->description = g_strdup (f->description);
  if (g->slug == NULL)
    g->slug = topiary_value_slug_from_path (base[0] == '_' ? base + 1 : base);

  if (f->text != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Group page: %s"), f->title);
      topiary_import_plan_add_note (plan, "other", title, f->text);
    }
}

/* The plan's article for @e: what its front matter says. */
static TopiaryPlanArticle *
plan_article (TopiaryImportPlan *plan,
              Entry             *e)
{
  TopiaryArticle *article = e->article;
  TopiaryPlanArticle *a = topiary_import_plan_add_article (plan, topiary_article_get_title (article));
  const char * const *queries = topiary_article_get_queries (article);
  int primary = topiary_article_get_primary_query (article);

  a->slug = g_strdup (topiary_article_get_slug (article));
  a->status = topiary_article_get_status (article);
  a->priority = topiary_article_get_priority (article);
  a->words = topiary_article_get_target_words (article);
  a->published = topiary_article_get_published (article);
  if (*topiary_article_get_intent (article) != '\0')
    a->intent = g_strdup (topiary_article_get_intent (article));
  if (*topiary_article_get_language (article) != '\0')
    a->language = g_strdup (topiary_article_get_language (article));
  if (*topiary_article_get_summary (article) != '\0')
    a->summary = g_strdup (topiary_article_get_summary (article));
  /* The writer makes the first query the primary one. */
  if (primary >= 0 && queries[primary] != NULL)
    g_ptr_array_add (a->queries, g_strdup (queries[primary]));
  for (guint q = 0; queries[q] != NULL; q++)
    if ((int) q != primary)
      g_ptr_array_add (a->queries, g_strdup (queries[q]));
  return a;
}

/* ---- writing: the bodies, read again just before each article ---- */

typedef struct {
  Ctx       *ctx;
  ReadAhead  ahead;
  guint      total;
  GString   *text;   /* the body of the article being written */
  gboolean   has_text;
  GHashTable *media; /* the files it refers to, read ahead */
} Writer;

static void
bodies_start (gpointer data)
{
  Writer *w = data;

  _topiary_hugo_read_ahead_start (&w->ahead, w->ctx->entries, w->ctx->site_root, w->ctx->media_base);
}

static void
bodies_stop (gpointer data)
{
  Writer *w = data;

  _topiary_hugo_read_ahead_stop (&w->ahead);
  g_clear_pointer (&w->media, g_hash_table_unref);
}

/* The body of entry @index: its file after the front matter, read by the
 * read-ahead, with links Topiary exported turned back into wiki links. */
static void
bodies_body (gpointer        data,
             guint           index,
             TopiaryArticle *article)
{
  Writer *w = data;
  Ctx *ctx = w->ctx;
  Entry *e = g_ptr_array_index (ctx->entries, index);
  Slot slot = _topiary_hugo_read_ahead_take (&w->ahead, index);
  g_autofree char *text = g_steal_pointer (&slot.text);
  g_autofree char *message = g_steal_pointer (&slot.error);
  gsize length = slot.length, offset = 0;

  g_clear_pointer (&w->media, g_hash_table_unref);
  w->media = g_steal_pointer (&slot.media);
  w->has_text = text != NULL;
  if (text != NULL && slot.replaced)
    _topiary_hugo_file_warn (ctx, _("“%s” is not valid UTF-8; the invalid bytes were replaced with “�”."), e->rel);
  if (text != NULL)
    {
      TopiaryFrontMatterFormat format = topiary_front_matter_split (text, length, NULL, NULL, &offset);
      g_autofree char *linked = NULL;

      if (format == TOPIARY_FRONT_MATTER_NONE)
        offset = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
      /* The text is a NUL-terminated copy; the body is its tail. */
      linked = _topiary_hugo_unrewrite_relrefs (text + offset, ctx->titles);
      topiary_article_set_body (article, linked ? linked : text + offset);
    }
  else
    {
      _topiary_hugo_file_warn (ctx, _("“%s” could not be read: %s"), e->rel, message);
      topiary_article_set_body (article, "");
    }
}

/* The images and files the article uses, from its bundle, static/ or
 * assets/. */
static gboolean
bodies_written (gpointer         data,
                guint            index,
                TopiaryArticle  *article,
                GError         **error)
{
  Writer *w = data;
  Ctx *ctx = w->ctx;
  Entry *e = g_ptr_array_index (ctx->entries, index);

  if (w->has_text && ctx->media_base != NULL)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *relinked = _topiary_import_media (ctx->project, topiary_article_get_id (article),
                                                         topiary_article_get_body (article), e->path,
                                                         ctx->site_root, ctx->media_base, e->rel, w->media,
                                                         warnings);

      for (guint i = 0; i < warnings->len; i++)
        _topiary_hugo_file_warn (ctx, "%s", (char *)g_ptr_array_index (warnings, i));
      if (relinked != NULL &&
          !topiary_project_save_body (ctx->project, topiary_article_get_id (article), relinked, error))
        return FALSE;
    }
  g_clear_pointer (&w->media, g_hash_table_unref);
  if (ctx->progress)
    ctx->progress (ctx->entries->len + index + 1, w->total, ctx->progress_data);
  return TRUE;
}

static const TopiaryPlanBodies hugo_bodies = {
  bodies_start, bodies_body, bodies_written, bodies_stop,
};

/* A content/ folder that is a link counts only when it stays inside. */
static gboolean
content_inside (const char *content,
                const char *real_base)
{
  g_autofree char *real = _topiary_import_fs_real_folder (content);

  return real != NULL && _topiary_import_fs_is_inside (real, real_base);
}

/* A site root without content/ (a Jekyll site, or Hugo with its content
 * elsewhere): its layouts, themes and READMEs are not articles. */
static gboolean
has_site_config (const char *folder)
{
  static const char * const names[] = { "hugo.toml", "hugo.yaml", "hugo.json", "config.toml",
                                        "config.yaml", "_config.yml", "_config.yaml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* Reads @folder into @plan: the front matter of every article, in writing
 * order (ctx->entries end up in the plan's order, one entry per article).
 * Sets ctx->media_base, which the caller frees. */
static gboolean
hugo_read (Ctx               *ctx,
           const char        *folder,
           TopiaryImportPlan *plan,
           GError           **error)
{
  GPtrArray *entries = ctx->entries;
  GHashTable *folders = ctx->folders;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *content = NULL;
  g_autofree char *posts = NULL;
  gboolean site_root = FALSE;
  Folder *root_folder;
  gboolean ok;

  /* The folder the user chose may be a link; what lies in it may not lead
   * out of where it leads. */
  ctx->real_base = _topiary_import_fs_real_folder (folder);
  if (ctx->real_base == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_path_get_basename (folder);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” could not be read: %s."), name, g_strerror (saved));
      return FALSE;
    }
  ctx->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  content = g_build_filename (folder, "content", NULL);
  posts = g_build_filename (folder, "_posts", NULL);
  if (g_file_test (content, G_FILE_TEST_IS_DIR) && content_inside (content, ctx->real_base))
    ctx->root = g_strdup (content);
  else
    {
      ctx->root = g_strdup (folder);
      site_root = g_file_test (posts, G_FILE_TEST_IS_DIR) || has_site_config (folder);
    }

  {
    GStatBuf st;
    TopiaryFileId root_id = { 0 };

    if (g_stat (ctx->root, &st) == 0)
      {
        root_id.dev = st.st_dev;
        root_id.ino = st.st_ino;
        first_visit (ctx, &root_id);
      }
  }
  ok = collect (ctx, site_root, error);
  g_clear_pointer (&ctx->root, g_free);
  ctx->media_base = g_steal_pointer (&ctx->real_base);
  ctx->site_root = folder;
  g_clear_pointer (&ctx->seen, g_hash_table_unref);
  if (!ok)
    return FALSE;

  root_folder = g_hash_table_lookup (folders, "");
  if (entries->len == 0 && (root_folder == NULL || root_folder->title == NULL) &&
      g_hash_table_size (folders) <= 1)
    {
      g_autofree char *name = g_path_get_basename (folder);
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                   _("“%s” holds no Markdown content files."), name);
      return FALSE;
    }

  /* Pass one: front matter only. */
  for (guint i = 0; i < entries->len; i++)
    {
      _topiary_hugo_read_entry (ctx, g_ptr_array_index (entries, i));
      if (ctx->progress)
        ctx->progress (i + 1, entries->len * 2, ctx->progress_data);
    }
  place_categories (ctx);
  g_ptr_array_sort (entries, entry_compare);

  /* Pillars: the marked one, else the first of the group. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      Folder *f = e->folder;

      if (f == NULL)
        continue;
      g_ptr_array_add (f->entries, e);
      if (e->marked_pillar && (f->pillar == NULL || !f->pillar->marked_pillar))
        f->pillar = e;
      else if (e->marked_pillar)
        _topiary_hugo_file_warn (ctx, _("Group “%s” has more than one pillar; “%s” is kept as a cluster."),
                                 f->title, e->rel);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      if (e->folder != NULL && e->folder->pillar == NULL)
        e->folder->pillar = e;
    }

  /* The map itself. */
  if (root_folder != NULL)
    {
      plan->title = g_strdup (root_folder->title);
      plan->description = g_strdup (root_folder->description);
      if (root_folder->text != NULL)
        topiary_import_plan_add_note (plan, "strategy", _("Home page"), root_folder->text);
    }

  /* Groups in writing order, then the articles. */
  order = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, folders);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (order, value);
  }
  g_ptr_array_sort (order, folder_ptr_compare);
  for (guint i = 0; i < order->len; i++)
    {
      Folder *f = g_ptr_array_index (order, i);

      /* The root is the map; a folder with nothing in it and no page of its
       * own is only a path. */
      if (*f->rel == '\0' || (f->entries->len == 0 && f->description == NULL && f->text == NULL))
        continue;
      if (f->entries->len == 0 && f->is_posts)
        continue;
      plan_group (ctx, plan, f);
    }

  /* Links Topiary exported name their target by slug. The table keeps
   * copies: the entries' articles go as soon as the plan has them. */
  ctx->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      g_hash_table_insert (ctx->titles, g_strdup (topiary_article_get_slug (e->article)),
                           g_strdup (topiary_article_get_title (e->article)));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      Folder *f = e->folder;
      g_autofree char *base = g_strdup (topiary_article_get_slug (e->article));
      g_autofree char *slug = _topiary_import_claim_slug (slugs, base);
      TopiaryPlanArticle *a;

      e->plan_index = i;
      a = plan_article (plan, e);
      /* What the plan has of the front matter need not be kept twice. */
      g_clear_object (&e->article);
      /* Two files with one slug would overwrite each other. */
      if (strcmp (slug, base) != 0)
        {
          _topiary_hugo_file_warn (ctx, _("“%s” has the slug “%s” of another file; it gets “%s”."), e->rel, base, slug);
          g_free (a->slug);
          a->slug = g_steal_pointer (&slug);
        }
      if (f != NULL)
        {
          g_assert (f->plan_group >= 0);
          a->group = f->plan_group;
          a->kind = f->pillar == e ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER;
          if (f->pillar == e)
            {
              TopiaryPlanGroup *g = g_ptr_array_index (plan->groups, f->plan_group);
              if (g->pillar < 0)
                g->pillar = (int) i;
            }
        }
      else
        a->kind = e->marked_pillar ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER;
    }
  /* Clusters get their folder's pillar as parent, wherever it is in the order. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);

      if (e->folder != NULL && e->folder->pillar != e)
        a->parent = e->folder->pillar->plan_index;
    }
  return TRUE;
}

static void
ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->titles, g_hash_table_unref);
  g_clear_pointer (&ctx->seen, g_hash_table_unref);
  g_clear_pointer (&ctx->root, g_free);
  g_clear_pointer (&ctx->real_base, g_free);
  g_clear_pointer ((char **) &ctx->media_base, g_free);
}

/* Files with problems beyond those named get one sentence. */
static void
warn_more (Ctx *ctx)
{
  if (ctx->file_warnings > MAX_FILE_WARNINGS)
    topiary_import_report_warn (ctx->report, _("%u more files had problems."),
                                ctx->file_warnings - MAX_FILE_WARNINGS);
}

gboolean
_topiary_import_hugo_plan (TopiaryImportPlan   *plan,
                           const char          *folder,
                           TopiaryImportReport *report,
                           GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, folder_free);
  Ctx ctx = { NULL, report, NULL, NULL, NULL, entries, folders, 0 };
  gboolean ok;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  ok = hugo_read (&ctx, folder, plan, error);
  if (ok)
    warn_more (&ctx);
  ctx_clear (&ctx);
  return ok;
}

gboolean
_topiary_import_hugo (TopiaryProject      *project,
                      const char          *folder,
                      TopiaryImportReport *report,
                      TopiaryProgressFunc  progress,
                      gpointer             progress_data,
                      GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, folder_free);
  g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();
  Ctx ctx = { project, report, progress, progress_data, NULL, entries, folders, 0 };
  Writer w = { &ctx };
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  ok = hugo_read (&ctx, folder, plan, error);
  w.total = entries->len * 2;
  ok = ok && _topiary_import_plan_apply_with (plan, project, &hugo_bodies, &w, report, error);
  if (ok)
    warn_more (&ctx);
  ctx_clear (&ctx);
  return ok;
}
