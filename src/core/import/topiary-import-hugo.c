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
#include "topiary-utf8.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* Warnings about single files stop after this many, then one summary. */
#define MAX_FILE_WARNINGS 20
/* More target queries than this for one article is not a plan but a dump;
 * the rest are dropped (and comparing them would be quadratic). */
#define MAX_QUERIES 100
/* The first pass reads this much of each file. */
#define HEAD_SIZE 8192
/* Markdown files above this size are not articles: they are skipped with a
 * warning, unread. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

typedef struct _Folder Folder;

typedef struct {
  char           *path;       /* on disk, as listed */
  char           *read_path;  /* the same, or a link's target inside the folder */
  TopiaryFileId   id;         /* the file the walk saw, checked when read */
  char           *rel;        /* relative to the content root, for sorting */
  Folder         *folder;     /* its group's folder; NULL for an idea */
  char           *category;   /* Jekyll: the group named by the front matter */
  gint64          weight;
  gboolean        has_weight;
  gboolean        marked_pillar;
  gboolean        marked_cluster;
  TopiaryArticle *article;    /* metadata; the body is read when written */
} Entry;

struct _Folder {
  char         *rel;          /* "" for the root */
  char         *title;
  char         *description;
  char         *text;         /* the _index.md body, when it says something */
  gint64        weight;
  gboolean      has_weight;
  gboolean      is_posts;     /* Jekyll _posts / _drafts */
  GPtrArray    *entries;      /* Entry *, borrowed */
  TopiaryGroup *group;
  Entry        *pillar;
};

typedef struct {
  TopiaryProject      *project;
  TopiaryImportReport *report;
  TopiaryProgressFunc  progress;
  gpointer             progress_data;
  char                *root;
  GPtrArray           *entries;    /* Entry * */
  GHashTable          *folders;    /* rel → Folder * */
  GHashTable          *titles;     /* slug → title, for links Topiary exported */
  guint                file_warnings;
  char                *real_base;  /* the imported folder, links resolved */
  GHashTable          *seen;       /* "dev:ino" of the folders walked */
  const char          *site_root;  /* the folder as given: static/ and assets/ are in it */
  const char          *media_base; /* real_base, kept for the files articles use */
} Ctx;

static void
set_str (char       **field,
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
  g_clear_object (&f->group);
  g_free (f);
}

static void
file_warn (Ctx        *ctx,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
file_warn (Ctx        *ctx,
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
      if (*rel != '\0')
        f->title = topiary_value_humanize (base[0] == '_' ? base + 1 : base);
      g_hash_table_insert (ctx->folders, f->rel, f);
    }
  return f;
}

/* Reads a file as valid UTF-8, replacing invalid bytes (*replaced tells).
 * Touches no shared state, so the read-ahead thread can call it. */
static char *
read_text_file (const char           *path,
                const TopiaryFileId  *id,
                gsize                *length,
                gboolean             *replaced,
                GError              **error)
{
  g_autofree char *contents = NULL;
  gboolean complete;
  gsize len = 0;

  *replaced = FALSE;
  contents = _topiary_import_fs_read (path, id, MAX_FILE_SIZE, &complete, &len, error);
  if (contents == NULL)
    return NULL;
  if (!complete)
    {
      /* It grew past the limit after the walk checked its size. */
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                   _("It is larger than 16 MB."));
      return NULL;
    }
  if (!topiary_utf8_validate (contents, len, NULL))
    {
      char *valid = g_utf8_make_valid (contents, len);

      *replaced = TRUE;
      *length = strlen (valid);
      return valid;
    }
  *length = len;
  return g_steal_pointer (&contents);
}

/* Reads a file as valid UTF-8; invalid bytes are replaced with a warning. */
static char *
read_file (Ctx                  *ctx,
           const char           *path,
           const TopiaryFileId  *id,
           const char           *rel,
           gsize                *length,
           gboolean              warn,
           GError              **error)
{
  gboolean replaced;
  char *text = read_text_file (path, id, length, &replaced, error);

  if (text != NULL && replaced && warn)
    file_warn (ctx, _("“%s” is not valid UTF-8; the invalid bytes were replaced with “�”."), rel);
  return text;
}

/* The start of a file, enough for its front matter: the first pass reads no
 * bodies. *complete tells whether that is the whole file. Invalid UTF-8 is
 * replaced quietly here; the second pass, which reads everything, warns. */
static char *
read_head (Ctx                  *ctx,
           const char           *path,
           const TopiaryFileId  *id,
           const char           *rel,
           gsize                *length,
           gboolean             *complete,
           GError              **error)
{
  g_autofree char *head = NULL;
  gsize n;
  const char *end;

  head = _topiary_import_fs_read (path, id, HEAD_SIZE, complete, &n, error);
  if (head == NULL)
    return NULL;

  /* A front matter longer than the head, or NUL bytes: read it all. */
  if ((!*complete && topiary_front_matter_split (head, n, NULL, NULL, NULL) == TOPIARY_FRONT_MATTER_NONE &&
       (g_str_has_prefix (head, "---") || g_str_has_prefix (head, "+++") ||
        g_str_has_prefix (head, "\xef\xbb\xbf"))) || memchr (head, '\0', n) != NULL)
    {
      *complete = TRUE;
      return read_file (ctx, path, id, rel, length, FALSE, error);
    }

  if (!topiary_utf8_validate (head, n, &end))
    {
      /* A character cut at the end of the head is not an error. */
      if (!*complete && (gsize) (end - head) + 4 >= n)
        n = (gsize) (end - head);
      else
        {
          char *valid = g_utf8_make_valid (head, n);
          *length = strlen (valid);
          return valid;
        }
      head[n] = '\0';
    }
  *length = n;
  return g_steal_pointer (&head);
}

/* The front matter of @text, or NULL (with a warning) when it cannot be
 * read. *body_offset is set either way. */
static TopiaryFrontMatter *
read_front_matter (Ctx        *ctx,
                   const char *rel,
                   const char *text,
                   gsize       length,
                   gsize      *body_offset)
{
  g_autoptr(GError) error = NULL;
  gsize start, len;
  TopiaryFrontMatterFormat format;
  TopiaryFrontMatter *fm;

  format = topiary_front_matter_split (text, length, &start, &len, body_offset);
  if (format == TOPIARY_FRONT_MATTER_NONE)
    {
      /* No block: the whole file is the body. */
      *body_offset = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
      return NULL;
    }
  fm = topiary_front_matter_parse (format, text + start, len, &error);
  if (fm == NULL)
    file_warn (ctx, _("“%s”: %s It is imported with the title from its file name."),
               rel, error->message);
  return fm;
}

/* A string from the front matter, top level first, then under params. */
static const char *
fm_string (TopiaryFrontMatter *fm,
           const char         *key)
{
  g_autofree char *nested = NULL;
  const char *value;

  if (fm == NULL)
    return NULL;
  if ((value = topiary_front_matter_get_string (fm, key)) != NULL)
    return value;
  nested = g_strconcat ("params.", key, NULL);
  return topiary_front_matter_get_string (fm, nested);
}

static char **
fm_strv (TopiaryFrontMatter *fm,
         const char         *key)
{
  g_autofree char *nested = NULL;
  char **value;

  if (fm == NULL)
    return NULL;
  if ((value = topiary_front_matter_get_strv (fm, key)) != NULL)
    return value;
  nested = g_strconcat ("params.", key, NULL);
  return topiary_front_matter_get_strv (fm, nested);
}

static gboolean
fm_int (TopiaryFrontMatter *fm,
        const char         *key,
        gint64             *value)
{
  g_autofree char *nested = NULL;

  if (fm == NULL)
    return FALSE;
  if (topiary_front_matter_get_int (fm, key, value))
    return TRUE;
  nested = g_strconcat ("params.", key, NULL);
  return topiary_front_matter_get_int (fm, nested, value);
}

static gint64
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (text == NULL)
    return 0;
  if ((dt = g_date_time_new_from_iso8601 (text, utc)) != NULL)
    return g_date_time_to_unix (dt);
  /* "2024-03-01" and "2024-03-01 10:00:00 +0100" (Jekyll). */
  if (strlen (text) >= 10 && g_ascii_isdigit (text[0]) && text[4] == '-' && text[7] == '-')
    {
      y = atoi (text);
      m = atoi (text + 5);
      d = atoi (text + 8);
      if (g_date_valid_dmy (d, m, y))
        {
          g_autoptr(GDateTime) day = g_date_time_new_utc (y, m, d, 0, 0, 0);
          return day ? g_date_time_to_unix (day) : 0;
        }
    }
  return 0;
}

/* "2024-03-01-my-post" → "my-post" (Jekyll's file names). */
static const char *
skip_date_prefix (const char *name)
{
  if (strlen (name) > 11 && g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[3]) &&
      name[4] == '-' && g_ascii_isdigit (name[5]) && name[7] == '-' && g_ascii_isdigit (name[8]) &&
      name[10] == '-')
    return name + 11;
  return name;
}

static gboolean
is_markdown (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name &&
         (g_ascii_strcasecmp (dot, ".md") == 0 || g_ascii_strcasecmp (dot, ".markdown") == 0 ||
          g_ascii_strcasecmp (dot, ".mdown") == 0);
}

static char *
strip_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);
}

static void
add_queries (GPtrArray          *queries,
             const char * const *items)
{
  for (guint i = 0; items != NULL && items[i] != NULL && queries->len < MAX_QUERIES; i++)
    {
      g_autofree char *q = g_strstrip (g_strdup (items[i]));
      gboolean dup = FALSE;

      if (*q == '\0')
        continue;
      for (guint j = 0; j < queries->len && !dup; j++)
        dup = g_ascii_strcasecmp (g_ptr_array_index (queries, j), q) == 0;
      if (!dup)
        g_ptr_array_add (queries, g_steal_pointer (&q));
    }
}

/* Reads an _index.md into its folder. */
static void
read_index (Ctx                 *ctx,
            Folder              *folder,
            const char          *path,
            const TopiaryFileId *id,
            const char          *rel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  gsize length, offset = 0;
  const char *value;
  gint64 weight;

  text = read_file (ctx, path, id, rel, &length, TRUE, &error);
  if (text == NULL)
    {
      file_warn (ctx, _("“%s” could not be read: %s"), rel, error->message);
      return;
    }
  fm = read_front_matter (ctx, rel, text, length, &offset);
  if ((value = fm_string (fm, "title")) != NULL && *value)
    set_str (&folder->title, value);
  if ((value = fm_string (fm, "description")) != NULL && *value)
    set_str (&folder->description, value);
  if (fm_int (fm, "weight", &weight))
    {
      folder->weight = weight;
      folder->has_weight = TRUE;
    }
  body = g_strstrip (g_strndup (text + offset, length - offset));
  if (*body)
    set_str (&folder->text, body);
}

static void
read_entry (Ctx   *ctx,
            Entry *e)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) list = NULL;
  TopiaryArticle *a = e->article = topiary_article_new ();
  gsize length, offset = 0;
  const char *value;
  const char *primary;
  gboolean draft = FALSE, has_draft = FALSE, has_status = FALSE;
  gboolean complete = TRUE;
  TopiaryStatus status;
  TopiaryKind kind;
  gint64 n;

  /* A leaf bundle (dir/index.md) is named after its folder. */
  name = g_path_get_basename (e->path);
  if (g_ascii_strncasecmp (name, "index.", 6) == 0)
    {
      g_autofree char *dir = g_path_get_dirname (e->path);
      g_free (name);
      name = g_path_get_basename (dir);
      stem = g_strdup (name);
    }
  else
    stem = strip_extension (name);

  text = read_head (ctx, e->read_path, &e->id, e->rel, &length, &complete, &error);
  if (text == NULL)
    file_warn (ctx, _("“%s” could not be read: %s"), e->rel, error->message);
  else
    fm = read_front_matter (ctx, e->rel, text, length, &offset);

  /* Title */
  title = g_strstrip (g_strdup (fm_string (fm, "title") ? fm_string (fm, "title") : ""));
  if (*title != '\0')
    topiary_article_set_title (a, title);
  else
    {
      g_autofree char *human = topiary_value_humanize (skip_date_prefix (stem));
      topiary_article_set_title (a, *human ? human : stem);
    }

  /* Slug: front matter, else the file name (Hugo's default URL). */
  if ((value = fm_string (fm, "slug")) != NULL && *value)
    {
      g_autofree char *slug = topiary_value_slug_from_path (value);
      topiary_article_set_slug (a, slug);
    }
  else if ((value = fm_string (fm, "url")) != NULL && *value)
    {
      g_autofree char *slug = topiary_value_slug_from_path (value);
      topiary_article_set_slug (a, slug);
    }
  if (*topiary_article_get_slug (a) == '\0')
    {
      g_autofree char *slug = topiary_value_slug_from_path (skip_date_prefix (stem));
      topiary_article_set_slug (a, slug);
    }

  if ((value = fm_string (fm, "description")) != NULL || (value = fm_string (fm, "summary")) != NULL)
    topiary_article_set_summary (a, value);

  if (fm_int (fm, "weight", &n))
    {
      e->weight = n;
      e->has_weight = TRUE;
    }

  /* Queries: explicit ones, else keywords, else tags. */
  if ((primary = fm_string (fm, "primary_query")) != NULL ||
      (primary = fm_string (fm, "focus_keyword")) != NULL ||
      (primary = fm_string (fm, "primary_keyword")) != NULL)
    {
      const char *one[] = { primary, NULL };
      add_queries (queries, one);
    }
  if ((list = fm_strv (fm, "queries")) == NULL && (list = fm_strv (fm, "keywords")) == NULL)
    list = fm_strv (fm, "tags");
  if (list != NULL && list[0] != NULL && list[1] == NULL && strchr (list[0], ','))
    {
      /* keywords: "a, b, c" as one string. */
      g_auto(GStrv) split = topiary_value_split_list (list[0]);
      add_queries (queries, (const char * const *) split);
    }
  else
    add_queries (queries, (const char * const *) list);
  g_ptr_array_add (queries, NULL);
  topiary_article_set_queries (a, (const char * const *) queries->pdata);
  if (queries->len > 1)
    topiary_article_set_primary_query (a, 0);

  if ((value = fm_string (fm, "kind")) != NULL || (value = fm_string (fm, "type")) != NULL)
    {
      if (topiary_value_parse_kind (value, &kind))
        {
          e->marked_pillar = kind == TOPIARY_KIND_PILLAR;
          e->marked_cluster = kind == TOPIARY_KIND_CLUSTER;
        }
    }
  if ((value = fm_string (fm, "pillar")) != NULL && topiary_value_parse_bool (value, &draft))
    {
      e->marked_pillar = draft;
      e->marked_cluster = !draft;
    }
  draft = FALSE;

  if ((value = fm_string (fm, "intent")) != NULL)
    {
      const char *intent = topiary_intent_normalize (value);
      if (intent != NULL)
        topiary_article_set_intent (a, intent);
    }
  if ((value = fm_string (fm, "priority")) != NULL)
    topiary_article_set_priority (a, topiary_value_parse_priority (value));
  if ((value = fm_string (fm, "target_words")) != NULL || (value = fm_string (fm, "words")) != NULL)
    topiary_article_set_target_words (a, topiary_value_parse_words (value));

  if ((value = fm_string (fm, "draft")) != NULL && topiary_value_parse_bool (value, &draft))
    has_draft = TRUE;
  if ((value = fm_string (fm, "status")) != NULL && topiary_value_parse_status (value, &status))
    has_status = TRUE;
  else if (has_draft && draft)
    status = TOPIARY_STATUS_DRAFTING, has_status = TRUE;
  else if (e->folder != NULL && e->folder->is_posts && strstr (e->rel, "_drafts") != NULL)
    status = TOPIARY_STATUS_DRAFTING, has_status = TRUE;
  if (!has_status)
    {
      /* Hugo publishes what is not a draft; an empty page is still a plan. */
      gboolean empty = complete;
      for (gsize i = offset; text != NULL && i < length && empty; i++)
        empty = g_ascii_isspace (text[i]);
      status = empty ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_PUBLISHED;
    }
  topiary_article_set_status (a, status);

  if ((value = fm_string (fm, "date")) != NULL || (value = fm_string (fm, "publishDate")) != NULL)
    {
      gint64 when = parse_date (value);
      if (when > 0 && status == TOPIARY_STATUS_PUBLISHED)
        topiary_article_set_published (a, when);
    }
  else if (e->folder != NULL && e->folder->is_posts && skip_date_prefix (stem) != stem)
    {
      gint64 when = parse_date (stem);
      if (when > 0 && status == TOPIARY_STATUS_PUBLISHED)
        topiary_article_set_published (a, when);
    }

  if (e->folder != NULL && e->folder->is_posts)
    {
      g_auto(GStrv) cats = fm_strv (fm, "categories");
      if (cats == NULL)
        cats = fm_strv (fm, "category");
      if (cats != NULL && cats[0] != NULL && cats[1] == NULL && strchr (cats[0], ' '))
        {
          /* Jekyll also takes "categories: a b". */
          g_auto(GStrv) words = g_strsplit (cats[0], " ", 2);
          set_str (&e->category, words[0]);
        }
      else if (cats != NULL && cats[0] != NULL && *cats[0])
        set_str (&e->category, cats[0]);
    }

  /* Now, not when it is written: the title is borrowed until then. */
  _topiary_import_limit_article (a, ctx->report);
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
          file_warn (ctx, _("The folder “%s” could not be read: %s"), rel, local->message);
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
            is_markdown (g_ptr_array_index (names, i)) && *rel != '\0')
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
                file_warn (ctx, kind == TOPIARY_IMPORT_FS_LINK_FOLDER
                                ? _("“%s” is a link to a folder; it was not followed.")
                                : _("“%s” is a link to a folder outside the imported folder; it was not followed."),
                           child_rel);
              continue;
            }
          if (!is_markdown (child))
            continue;
          /* Other pages inside a bundle are its resources, never read. */
          if (bundle && g_ascii_strncasecmp (child, "index.", 6) != 0)
            continue;

          switch (kind)
            {
            case TOPIARY_IMPORT_FS_FILE:
              break;
            case TOPIARY_IMPORT_FS_LINK_OUT:
              file_warn (ctx, _("“%s” is a link to a file outside the imported folder; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_LINK_BROKEN:
              file_warn (ctx, _("“%s” is a link that leads to no file; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_SPECIAL:
              file_warn (ctx, _("“%s” is not a regular file but a device, FIFO or socket; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_TOO_LARGE:
              file_warn (ctx, _("“%s” is larger than 16 MB; it was skipped."), child_rel);
              continue;
            case TOPIARY_IMPORT_FS_GONE:
            case TOPIARY_IMPORT_FS_FOLDER:
            case TOPIARY_IMPORT_FS_LINK_FOLDER:
            case TOPIARY_IMPORT_FS_LINK_OUT_FOLDER:
            default:
              file_warn (ctx, _("“%s” disappeared while the folder was read; it was skipped."), child_rel);
              continue;
            }

          if (g_ascii_strncasecmp (child, "_index.", 7) == 0)
            {
              read_index (ctx, get_folder (ctx, rel), read_path, &id, child_rel);
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
                  set_str (&e->folder->title, _("Posts"));
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
      set_str (&f->title, e->category);
      if (f->title[0] != '\0' && g_ascii_islower (f->title[0]))
        {
          g_autofree char *nice = topiary_value_humanize (e->category);
          set_str (&f->title, nice);
        }
      f->is_posts = TRUE;
      e->folder = f;
    }
}

static gboolean
create_group (Ctx     *ctx,
              Folder  *f,
              GError **error)
{
  guint before = ctx->report->groups;
  g_autofree char *base = g_path_get_basename (f->rel);

  f->group = _topiary_import_ensure_group (ctx->project, f->title, f->description, ctx->report, error);
  if (f->group == NULL)
    return FALSE;

  /* A new group takes its folder's name as slug, so URLs stay the same. */
  if (ctx->report->groups > before)
    {
      g_autofree char *slug = topiary_value_slug_from_path (base[0] == '_' ? base + 1 : base);
      g_autoptr(TopiaryGroup) other = slug ? topiary_project_find_group (ctx->project, slug) : NULL;

      if (slug != NULL && other == NULL && g_strcmp0 (slug, topiary_group_get_slug (f->group)) != 0)
        {
          topiary_group_set_slug (f->group, slug);
          if (!topiary_project_update_group (ctx->project, f->group, error))
            return FALSE;
        }
    }

  if (f->text != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Group page: %s"), f->title);
      if (!_topiary_import_add_note (ctx->project, "other", title, f->text, ctx->report, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- links written by `topiary export --format hugo` ----
 *
 * The export turns [[target|label]] into [label]({{< relref "/group/slug.md" >}})
 * so that Hugo checks it. Reading such a folder back turns the link into a
 * wiki link again, in the shortest form that gives the same text: [[slug]],
 * [[Title]] when the label is the target's title, else [[slug|label]]. Links
 * to files that are not articles of this import, and code, are left alone. */

#define RELREF_OPEN "({{< relref \"/"
#define RELREF_CLOSE "\" >}})"

/* Parses "[label](relref)" at @p; on success appends the wiki link to @out
 * and returns the length consumed, else 0. */
static gsize
unrewrite_link (const char *p,
                const char *line_end,
                GHashTable *titles,
                GString    *out)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *slug = NULL;
  const char *q = p + 1;
  const char *path, *path_end, *base, *title;

  while (q < line_end && *q != ']')
    {
      /* The export escapes Markdown in labels; a backslash before ASCII
       * punctuation is an escape (CommonMark). */
      if (*q == '\\' && q + 1 < line_end && g_ascii_ispunct (q[1]))
        q++;
      else if (*q == '[')
        return 0;
      g_string_append_c (label, *q);
      q++;
    }
  if (q >= line_end || label->len == 0 || (gsize)(line_end - q - 1) < strlen (RELREF_OPEN) ||
      strncmp (q + 1, RELREF_OPEN, strlen (RELREF_OPEN)) != 0)
    return 0;
  path = q + 1 + strlen (RELREF_OPEN);
  path_end = path;
  while (path_end < line_end && *path_end != '"')
    path_end++;
  if (path_end >= line_end || (gsize)(line_end - path_end) < strlen (RELREF_CLOSE) ||
      strncmp (path_end, RELREF_CLOSE, strlen (RELREF_CLOSE)) != 0 ||
      path_end - path < 4 || strncmp (path_end - 3, ".md", 3) != 0)
    return 0;
  base = path_end - 3;
  while (base > path && base[-1] != '/')
    base--;
  slug = g_strndup (base, path_end - 3 - base);
  title = g_hash_table_lookup (titles, slug);
  if (title == NULL)
    return 0;

  /* Titles resolve without regard to ASCII case, as the project does. */
  if (strcmp (label->str, slug) == 0 ||
      (strchr (label->str, '|') == NULL && g_ascii_strcasecmp (label->str, title) == 0))
    g_string_append_printf (out, "[[%s]]", label->str);
  else
    g_string_append_printf (out, "[[%s|%s]]", slug, label->str);
  return (gsize)(path_end + strlen (RELREF_CLOSE) - p);
}

/* TRUE when @q starts a list item: "-", "*", "+", or a number and "." or
 * ")", then a space or the end of the line. */
static gboolean
starts_list_item (const char *q)
{
  const char *m = q;

  if (*m == '-' || *m == '*' || *m == '+')
    m++;
  else
    {
      while (g_ascii_isdigit (*m) && m - q < 9)
        m++;
      if (m == q || (*m != '.' && *m != ')'))
        return FALSE;
      m++;
    }
  return *m == ' ' || *m == '\t' || *m == '\r' || *m == '\n' || *m == '\0';
}

/* @body with Topiary's Hugo links turned back into wiki links, or NULL when
 * it has none. */
static char *
unrewrite_relrefs (const char *body,
                   GHashTable *titles)
{
  g_autoptr(GString) out = NULL;
  const char *p = body;
  char fence = 0;
  gsize fence_len = 0;
  /* Indented code as the export's link scanner reads it
   * (topiary_markdown_rewrite_links()): it starts only after a blank line
   * outside a list, so a list item's indented paragraph keeps its links. */
  gboolean prev_blank = TRUE;
  gboolean in_list = FALSE;
  gboolean in_indented = FALSE;

  if (strstr (body, RELREF_OPEN) == NULL)
    return NULL;

  out = g_string_sized_new (strlen (body));
  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl ? nl + 1 : p + strlen (p);
      const char *q = p;
      guint indent = 0;

      while (*q == ' ' && indent < 4)
        {
          q++;
          indent++;
        }
      if (indent < 4 && (*q == '`' || *q == '~'))
        {
          gsize run = 0;

          while (q[run] == *q)
            run++;
          if (run >= 3 && (fence == 0 || (*q == fence && run >= fence_len)))
            {
              if (fence == 0)
                {
                  fence = *q;
                  fence_len = run;
                }
              else
                fence = 0;
              prev_blank = FALSE;
              g_string_append_len (out, p, end - p);
              p = end;
              continue;
            }
        }
      if (fence == 0)
        {
          gboolean blank = TRUE;

          for (const char *c = p; c < end && blank; c++)
            blank = g_ascii_isspace (*c);
          if (in_indented && !blank && indent < 4)
            in_indented = FALSE;
          if (!blank && !in_indented && indent >= 4 && prev_blank && !in_list)
            in_indented = TRUE;
          if (!blank && !in_indented)
            {
              if (indent < 4 && starts_list_item (q))
                in_list = TRUE;
              else if (indent == 0 && prev_blank)
                in_list = FALSE;
            }
          prev_blank = blank;
        }
      if (fence != 0 || in_indented)
        {
          g_string_append_len (out, p, end - p);
          p = end;
          continue;
        }

      for (q = p; q < end;)
        {
          gsize used;

          if (*q == '\\' && q + 1 < end)
            {
              g_string_append_len (out, q, 2);
              q += 2;
            }
          else if (*q == '`')
            {
              /* A code span: copy through its closing run of the same length. */
              const char *close = NULL;
              gsize run = 0;

              while (q + run < end && q[run] == '`')
                run++;
              for (const char *c = q + run; c < end;)
                {
                  gsize r = 0;

                  while (c + r < end && c[r] == '`')
                    r++;
                  if (r == run)
                    {
                      close = c;
                      break;
                    }
                  c += r > 0 ? r : 1;
                }
              used = close != NULL ? (gsize)(close + run - q) : run;
              g_string_append_len (out, q, used);
              q += used;
            }
          else if (*q == '[' && (used = unrewrite_link (q, end, titles, out)) > 0)
            q += used;
          else
            g_string_append_c (out, *q++);
        }
      p = end;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- read-ahead ----
 *
 * The second pass reads every body again. A thread reads the next few files
 * while the main thread writes the current one to the project, so the disk
 * and the SQLite work overlap on two cores. At most READ_AHEAD bodies wait in
 * memory, so memory stays flat however large the folder. */

#define READ_AHEAD 32

typedef struct {
  char     *text;
  gsize     length;
  char     *error;     /* why the file could not be read, or NULL */
  gboolean  replaced;  /* invalid UTF-8 was replaced */
  gboolean  done;
} Slot;

typedef struct {
  GMutex     mutex;
  GCond      cond;
  GPtrArray *entries;
  Slot      *slots;
  guint      next;      /* the file the thread reads next */
  guint      consumed;  /* slots before this one are taken */
  gboolean   stop;
  GThread   *thread;
} ReadAhead;

static gpointer
read_ahead_thread (gpointer data)
{
  ReadAhead *ra = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      Entry *e;
      Slot slot = { 0 };
      guint i;

      g_mutex_lock (&ra->mutex);
      while (!ra->stop && ra->next < ra->entries->len && ra->next >= ra->consumed + READ_AHEAD)
        g_cond_wait (&ra->cond, &ra->mutex);
      if (ra->stop || ra->next >= ra->entries->len)
        {
          g_mutex_unlock (&ra->mutex);
          return NULL;
        }
      i = ra->next++;
      e = g_ptr_array_index (ra->entries, i);
      g_mutex_unlock (&ra->mutex);

      slot.text = read_text_file (e->read_path, &e->id, &slot.length, &slot.replaced, &error);
      if (slot.text == NULL)
        slot.error = g_strdup (error->message);
      slot.done = TRUE;

      g_mutex_lock (&ra->mutex);
      ra->slots[i] = slot;
      g_cond_broadcast (&ra->cond);
      g_mutex_unlock (&ra->mutex);
    }
}

static void
read_ahead_start (ReadAhead *ra,
                  GPtrArray *entries)
{
  g_mutex_init (&ra->mutex);
  g_cond_init (&ra->cond);
  ra->entries = entries;
  ra->slots = g_new0 (Slot, MAX (entries->len, 1));
  ra->next = ra->consumed = 0;
  ra->stop = FALSE;
  ra->thread = g_thread_new ("topiary-read-ahead", read_ahead_thread, ra);
}

/* Waits for file @i and takes its slot. */
static Slot
read_ahead_take (ReadAhead *ra,
                 guint      i)
{
  Slot slot;

  g_mutex_lock (&ra->mutex);
  while (!ra->slots[i].done)
    g_cond_wait (&ra->cond, &ra->mutex);
  slot = ra->slots[i];
  memset (&ra->slots[i], 0, sizeof slot);
  ra->consumed = i + 1;
  g_cond_broadcast (&ra->cond);
  g_mutex_unlock (&ra->mutex);
  return slot;
}

static void
read_ahead_stop (ReadAhead *ra)
{
  g_mutex_lock (&ra->mutex);
  ra->stop = TRUE;
  g_cond_broadcast (&ra->cond);
  g_mutex_unlock (&ra->mutex);
  g_thread_join (ra->thread);
  for (guint i = 0; i < ra->entries->len; i++)
    {
      g_free (ra->slots[i].text);
      g_free (ra->slots[i].error);
    }
  g_free (ra->slots);
  g_mutex_clear (&ra->mutex);
  g_cond_clear (&ra->cond);
}

/* Writes one article, its body read again from disk (by the read-ahead). */
static gboolean
write_entry (Ctx     *ctx,
             Entry   *e,
             Slot    *slot,
             GError **error)
{
  g_autofree char *text = g_steal_pointer (&slot->text);
  g_autofree char *message = g_steal_pointer (&slot->error);
  gsize length = slot->length, offset = 0;

  if (text != NULL && slot->replaced)
    file_warn (ctx, _("“%s” is not valid UTF-8; the invalid bytes were replaced with “�”."), e->rel);
  if (text != NULL)
    {
      TopiaryFrontMatterFormat format = topiary_front_matter_split (text, length, NULL, NULL, &offset);

      g_autofree char *linked = NULL;

      if (format == TOPIARY_FRONT_MATTER_NONE)
        offset = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
      /* The text is a NUL-terminated copy; the body is its tail. */
      linked = unrewrite_relrefs (text + offset, ctx->titles);
      topiary_article_set_body (e->article, linked ? linked : text + offset);
    }
  else
    {
      file_warn (ctx, _("“%s” could not be read: %s"), e->rel, message);
      topiary_article_set_body (e->article, "");
    }

  if (!_topiary_import_put_article (ctx->project, e->article, ctx->report, error))
    return FALSE;
  /* The images and files it uses, from its bundle, static/ or assets/. */
  if (text != NULL && ctx->media_base != NULL)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *relinked = _topiary_import_media (ctx->project, topiary_article_get_id (e->article),
                                                         topiary_article_get_body (e->article), e->path,
                                                         ctx->site_root, ctx->media_base, e->rel, warnings);

      for (guint i = 0; i < warnings->len; i++)
        file_warn (ctx, "%s", (char *)g_ptr_array_index (warnings, i));
      if (relinked != NULL &&
          !topiary_project_save_body (ctx->project, topiary_article_get_id (e->article), relinked, error))
        return FALSE;
    }
  /* Bodies are not kept once written. */
  topiary_article_set_body (e->article, NULL);
  return TRUE;
}

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
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) later = g_ptr_array_new ();
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *content = NULL;
  g_autofree char *posts = NULL;
  g_autofree char *media_base = NULL;
  gboolean site_root = FALSE;
  Ctx ctx = { project, report, progress, progress_data, NULL, entries, folders, 0 };
  ReadAhead ahead;
  Folder *root_folder;
  guint total;
  gboolean ok;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  /* The folder the user chose may be a link; what lies in it may not lead
   * out of where it leads. */
  ctx.real_base = _topiary_import_fs_real_folder (folder);
  if (ctx.real_base == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_path_get_basename (folder);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” could not be read: %s."), name, g_strerror (saved));
      return FALSE;
    }
  ctx.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  content = g_build_filename (folder, "content", NULL);
  posts = g_build_filename (folder, "_posts", NULL);
  if (g_file_test (content, G_FILE_TEST_IS_DIR) && content_inside (content, ctx.real_base))
    ctx.root = g_strdup (content);
  else
    {
      ctx.root = g_strdup (folder);
      site_root = g_file_test (posts, G_FILE_TEST_IS_DIR) || has_site_config (folder);
    }

  {
    GStatBuf st;
    TopiaryFileId root_id = { 0 };

    if (g_stat (ctx.root, &st) == 0)
      {
        root_id.dev = st.st_dev;
        root_id.ino = st.st_ino;
        first_visit (&ctx, &root_id);
      }
  }
  ok = collect (&ctx, site_root, error);
  g_clear_pointer (&ctx.root, g_free);
  media_base = g_steal_pointer (&ctx.real_base);
  ctx.media_base = media_base;
  ctx.site_root = folder;
  g_clear_pointer (&ctx.seen, g_hash_table_unref);
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
  total = entries->len * 2;
  for (guint i = 0; i < entries->len; i++)
    {
      read_entry (&ctx, g_ptr_array_index (entries, i));
      if (progress)
        progress (i + 1, total, progress_data);
    }
  place_categories (&ctx);
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
        file_warn (&ctx, _("Group “%s” has more than one pillar; “%s” is kept as a cluster."),
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
      g_autofree char *old_title = topiary_project_get_map_field (project, "title");
      g_autofree char *old_desc = topiary_project_get_map_field (project, "description");

      if (root_folder->title != NULL && (old_title == NULL || *old_title == '\0') &&
          !_topiary_import_set_map_field (project, "title", root_folder->title, report, error))
        return FALSE;
      if (root_folder->description != NULL && (old_desc == NULL || *old_desc == '\0') &&
          !_topiary_import_set_map_field (project, "description", root_folder->description, report, error))
        return FALSE;
      if (root_folder->text != NULL &&
          !_topiary_import_add_note (project, "strategy", _("Home page"), root_folder->text, report, error))
        return FALSE;
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
      if (!create_group (&ctx, f, error))
        return FALSE;
    }

  ctx.titles = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      g_hash_table_insert (ctx.titles, (gpointer)topiary_article_get_slug (e->article),
                           (gpointer)topiary_article_get_title (e->article));
    }
  read_ahead_start (&ahead, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      Folder *f = e->folder;
      g_autofree char *base = g_strdup (topiary_article_get_slug (e->article));
      Slot slot;
      g_autofree char *slug = _topiary_import_claim_slug (slugs, base);

      /* Two files with one slug would overwrite each other. */
      if (strcmp (slug, base) != 0)
        {
          file_warn (&ctx, _("“%s” has the slug “%s” of another file; it gets “%s”."), e->rel, base, slug);
          topiary_article_set_slug (e->article, slug);
        }

      if (f != NULL)
        {
          g_assert (f->group != NULL);
          topiary_article_set_group_id (e->article, topiary_group_get_id (f->group));
          topiary_article_set_kind (e->article, f->pillar == e ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
          if (f->pillar != e)
            {
              if (topiary_article_get_id (f->pillar->article) > 0)
                topiary_article_set_parent_id (e->article, topiary_article_get_id (f->pillar->article));
              else
                g_ptr_array_add (later, e);
            }
        }
      else
        topiary_article_set_kind (e->article, e->marked_pillar ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);

      slot = read_ahead_take (&ahead, i);
      if (!write_entry (&ctx, e, &slot, error))
        {
          read_ahead_stop (&ahead);
          g_hash_table_unref (ctx.titles);
          return FALSE;
        }
      if (progress)
        progress (entries->len + i + 1, total, progress_data);
    }
  read_ahead_stop (&ahead);
  g_clear_pointer (&ctx.titles, g_hash_table_unref);

  /* Clusters whose pillar comes later in the writing order. */
  for (guint i = 0; i < later->len; i++)
    {
      Entry *e = g_ptr_array_index (later, i);

      topiary_article_set_parent_id (e->article, topiary_article_get_id (e->folder->pillar->article));
      if (!topiary_project_update_article (project, e->article, error))
        return FALSE;
    }

  if (ctx.file_warnings > MAX_FILE_WARNINGS)
    topiary_import_report_warn (report, _("%u more files had problems."),
                                ctx.file_warnings - MAX_FILE_WARNINGS);
  return TRUE;
}
