/* topiary-import-hugo-read.c — one file of a Hugo or Jekyll folder read:
 * its front matter into an article (first pass), its body by a read-ahead
 * thread (second pass)
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
    _topiary_hugo_file_warn (ctx, _("“%s” is not valid UTF-8; the invalid bytes were replaced with “�”."), rel);
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
    _topiary_hugo_file_warn (ctx, _("“%s”: %s It is imported with the title from its file name."),
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

gboolean
_topiary_hugo_is_markdown (const char *name)
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
void
_topiary_hugo_read_index (Ctx                 *ctx,
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
      _topiary_hugo_file_warn (ctx, _("“%s” could not be read: %s"), rel, error->message);
      return;
    }
  fm = read_front_matter (ctx, rel, text, length, &offset);
  if ((value = fm_string (fm, "title")) != NULL && *value)
    _topiary_hugo_set_str (&folder->title, value);
  if ((value = fm_string (fm, "description")) != NULL && *value)
    _topiary_hugo_set_str (&folder->description, value);
  if (fm_int (fm, "weight", &weight))
    {
      folder->weight = weight;
      folder->has_weight = TRUE;
    }
  body = g_strstrip (g_strndup (text + offset, length - offset));
  if (*body)
    _topiary_hugo_set_str (&folder->text, body);
}

void
_topiary_hugo_read_entry (Ctx   *ctx,
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
    _topiary_hugo_file_warn (ctx, _("“%s” could not be read: %s"), e->rel, error->message);
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
  /* The article's own language, when it is not the map's (issue 13). */
  if ((value = fm_string (fm, "lang")) != NULL || (value = fm_string (fm, "language")) != NULL)
    {
      g_autofree char *language = topiary_language_normalize (value);

      if (language != NULL)
        topiary_article_set_language (a, language);
    }

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
          _topiary_hugo_set_str (&e->category, words[0]);
        }
      else if (cats != NULL && cats[0] != NULL && *cats[0])
        _topiary_hugo_set_str (&e->category, cats[0]);
    }

  /* Now, not when it is written: the title is borrowed until then. */
  _topiary_import_limit_article (a, ctx->report);
}

/* ---- read-ahead ----
 *
 * The second pass reads every body again. A thread reads the next few files
 * while the main thread writes the current one to the project, so the disk
 * and the SQLite work overlap on two cores. It also reads, checks and hashes
 * the images and files each body refers to, the costliest part of an
 * import with images. At most READ_AHEAD bodies, and about MEDIA_AHEAD
 * bytes of files, wait in memory, so memory stays flat however large the
 * folder. */

#define READ_AHEAD 32
#define MEDIA_AHEAD (64 * 1024 * 1024)

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
      while (!ra->stop && ra->next < ra->entries->len &&
             (ra->next >= ra->consumed + READ_AHEAD ||
              (ra->media_bytes > MEDIA_AHEAD && ra->next > ra->consumed)))
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
      else if (ra->media_base != NULL)
        slot.media = _topiary_import_media_prepare (slot.text, e->path, ra->site_root, ra->media_base,
                                                    e->rel, &slot.media_bytes);
      slot.done = TRUE;

      g_mutex_lock (&ra->mutex);
      ra->media_bytes += slot.media_bytes;
      ra->slots[i] = slot;
      g_cond_broadcast (&ra->cond);
      g_mutex_unlock (&ra->mutex);
    }
}

void
_topiary_hugo_read_ahead_start (ReadAhead  *ra,
                                GPtrArray  *entries,
                                const char *site_root,
                                const char *media_base)
{
  g_mutex_init (&ra->mutex);
  g_cond_init (&ra->cond);
  ra->entries = entries;
  ra->slots = g_new0 (Slot, MAX (entries->len, 1));
  ra->next = ra->consumed = 0;
  ra->stop = FALSE;
  ra->site_root = site_root;
  ra->media_base = media_base;
  ra->media_bytes = 0;
  ra->thread = g_thread_new ("topiary-read-ahead", read_ahead_thread, ra);
}

/* Waits for file @i and takes its slot. */
Slot
_topiary_hugo_read_ahead_take (ReadAhead *ra,
                               guint      i)
{
  Slot slot;

  g_mutex_lock (&ra->mutex);
  while (!ra->slots[i].done)
    g_cond_wait (&ra->cond, &ra->mutex);
  slot = ra->slots[i];
  memset (&ra->slots[i], 0, sizeof slot);
  ra->consumed = i + 1;
  ra->media_bytes -= slot.media_bytes;
  g_cond_broadcast (&ra->cond);
  g_mutex_unlock (&ra->mutex);
  return slot;
}

void
_topiary_hugo_read_ahead_stop (ReadAhead *ra)
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
      g_clear_pointer (&ra->slots[i].media, g_hash_table_unref);
    }
  g_free (ra->slots);
  g_mutex_clear (&ra->mutex);
  g_cond_clear (&ra->cond);
}
