/* topiary-export-media.c — the project's images and files in an export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-export-media.h"
#include "topiary-media-refs.h"
#include "topiary-slug.h"

/* One content on the site. */
typedef struct {
  char     *path;       /* "media/…" */
  char     *rendition;  /* "media/…-800w.png", NULL for none */
  guint     rendition_width;
  guint     rendition_height;
  gboolean  written;
} SiteFile;

struct _TopiaryExportMedia {
  TopiaryProject *project;
  GHashTable     *by_article;  /* gint64 * -> GPtrArray of TopiaryFileInfo */
  GHashTable     *site_files;  /* sha256 -> SiteFile */
  GHashTable     *cover_alts;  /* gint64 * -> alt text of the cover */
  TopiaryExportRenditions *renditions;  /* made at the first one */
  char           *cache;       /* where renditions are kept, or NULL */
};

static void
site_file_free (gpointer data)
{
  SiteFile *sf = data;

  g_free (sf->path);
  g_free (sf->rendition);
  g_free (sf);
}

TopiaryExportMedia *
topiary_export_media_new (TopiaryProject  *project,
                          GError         **error)
{
  g_autoptr(GPtrArray) all = topiary_project_list_files (project, 0, error);
  TopiaryExportMedia *m;

  if (all == NULL)
    return NULL;
  m = g_new0 (TopiaryExportMedia, 1);
  m->project = g_object_ref (project);
  m->by_article = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  m->site_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, site_file_free);
  m->cover_alts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < all->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (all, i);
      GPtrArray *list;

      /* A deleted article's files wait for undo: never published. */
      if (info->article_id == 0)
        continue;
      list = g_hash_table_lookup (m->by_article, &info->article_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)topiary_file_info_free);
          g_hash_table_insert (m->by_article, g_memdup2 (&info->article_id, sizeof (gint64)), list);
        }
      g_ptr_array_add (list, topiary_file_info_copy (info));
    }
  return m;
}

void
topiary_export_media_free (TopiaryExportMedia *m)
{
  if (m == NULL)
    return;
  /* Before the tables: the workers hold none of them, but the caller's
   * folder must not be removed under them. */
  g_clear_pointer (&m->renditions, topiary_export_renditions_free);
  g_object_unref (m->project);
  g_hash_table_unref (m->by_article);
  g_hash_table_unref (m->site_files);
  g_hash_table_unref (m->cover_alts);
  g_free (m->cache);
  g_free (m);
}

void
topiary_export_media_set_cache (TopiaryExportMedia *m,
                                const char         *cache)
{
  g_free (m->cache);
  m->cache = g_strdup (cache);
}

GPtrArray *
topiary_export_media_files (TopiaryExportMedia *m,
                            gint64              article_id)
{
  return g_hash_table_lookup (m->by_article, &article_id);
}

const TopiaryFileInfo *
topiary_export_media_cover (TopiaryExportMedia *m,
                            gint64              article_id)
{
  GPtrArray *files = topiary_export_media_files (m, article_id);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      if (info->cover)
        return info;
    }
  return NULL;
}

/* The article's file @url names ("images/a.png", "./images/a.png", any
 * case), or NULL. */
static TopiaryFileInfo *
find (TopiaryExportMedia *m,
      gint64              article_id,
      const char         *url,
      gsize               len)
{
  GPtrArray *files = topiary_export_media_files (m, article_id);

  while (len >= 2 && url[0] == '.' && url[1] == '/')
    url += 2, len -= 2;
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      if (strlen (info->name) == len && g_ascii_strncasecmp (info->name, url, len) == 0)
        return info;
    }
  return NULL;
}

/* Where @info's content goes on the site: named by the first article
 * that asks, once for every article using the same bytes. Pages may ask
 * before the file is written (a card of an article further on). */
static SiteFile *
site_file (TopiaryExportMedia    *m,
           const TopiaryFileInfo *info)
{
  SiteFile *sf = g_hash_table_lookup (m->site_files, info->sha256);
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  const char *ext, *dot;

  if (sf != NULL)
    return sf;
  /* "images/shot-2.png" -> "media/shot-2-3fa94c1e0b2d.png". The names
   * are made by topiary-media.c, [a-z0-9-] and an extension; slugify
   * again all the same, since the path is written to disk. */
  base = g_path_get_basename (info->name);
  dot = strrchr (base, '.');
  if (dot != NULL)
    *(char *)dot = '\0';
  stem = topiary_slugify (base);
  ext = topiary_media_extension (info->mime) != NULL ? topiary_media_extension (info->mime) : "bin";
  sf = g_new0 (SiteFile, 1);
  sf->path = g_strdup_printf ("media/%s-%.12s.%s", stem, info->sha256, ext);
  /* "-800w" cannot end a hash, so no original is called the same. */
  if (topiary_export_rendition_size (info, &sf->rendition_width, &sf->rendition_height))
    sf->rendition = g_strdup_printf ("media/%s-%.12s-%uw.%s", stem, info->sha256, sf->rendition_width, ext);
  g_hash_table_insert (m->site_files, g_strdup (info->sha256), sf);
  return sf;
}

gboolean
topiary_export_media_write_site (TopiaryExportMedia      *m,
                                 gint64                   article_id,
                                 TopiaryExportWriteFunc   write,
                                 gpointer                 user_data,
                                 GError                 **error)
{
  GPtrArray *files = topiary_export_media_files (m, article_id);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      SiteFile *sf = site_file (m, info);
      g_autoptr(GBytes) data = NULL;

      if (sf->written)
        continue;
      data = topiary_project_get_file_data (m->project, info->sha256, error);
      if (data == NULL)
        return FALSE;
      if (!write (user_data, sf->path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error))
        return FALSE;
      /* Scaled once per content, however many pages show it. */
      if (sf->rendition != NULL)
        {
          if (m->renditions == NULL)
            m->renditions = topiary_export_renditions_new (write, user_data, m->cache);
          topiary_export_renditions_add (m->renditions, sf->rendition, info->sha256, data, info->mime,
                                         sf->rendition_width, sf->rendition_height);
        }
      sf->written = TRUE;
    }
  return TRUE;
}

gboolean
topiary_export_media_finish_site (TopiaryExportMedia  *m,
                                  GError             **error)
{
  return m->renditions == NULL || topiary_export_renditions_finish (m->renditions, error);
}

const char *
topiary_export_media_site_path (TopiaryExportMedia    *m,
                                const TopiaryFileInfo *info)
{
  return site_file (m, info)->path;
}

const char *
topiary_export_media_rendition (TopiaryExportMedia    *m,
                                const TopiaryFileInfo *info,
                                guint                 *width,
                                guint                 *height)
{
  SiteFile *sf = site_file (m, info);

  *width = sf->rendition_width;
  *height = sf->rendition_height;
  return sf->rendition;
}

static gboolean
same_name (const TopiaryFileInfo *info,
           const char            *path)
{
  while (path[0] == '.' && path[1] == '/')
    path += 2;
  return g_ascii_strcasecmp (info->name, path) == 0;
}

void
topiary_export_media_note_cover_alt (TopiaryExportMedia *m,
                                     gint64              article_id,
                                     const char         *body)
{
  const TopiaryFileInfo *cover = topiary_export_media_cover (m, article_id);
  g_autoptr(GArray) refs = NULL;

  if (cover == NULL || body == NULL)
    return;
  refs = topiary_media_scan_refs (body);
  for (guint i = 0; i < refs->len; i++)
    {
      TopiaryMediaRef *r = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = NULL;

      if (!r->image || r->alt == NULL || r->alt[0] == '\0')
        continue;
      path = topiary_media_ref_local_path (r->url);
      if (path != NULL && same_name (cover, path))
        {
          g_hash_table_insert (m->cover_alts, g_memdup2 (&article_id, sizeof article_id), g_strdup (r->alt));
          return;
        }
    }
}

JsonObject *
topiary_export_media_card (TopiaryExportMedia *m,
                           gint64              article_id,
                           const char         *root)
{
  const TopiaryFileInfo *cover = topiary_export_media_cover (m, article_id);
  SiteFile *sf;
  JsonObject *card;
  g_autofree char *src = NULL;
  const char *alt;

  if (cover == NULL || cover->width == 0 || cover->height == 0)
    return NULL;
  sf = site_file (m, cover);
  /* Only what the site holds: the article's page wrote it. */
  if (!sf->written)
    return NULL;
  card = json_object_new ();
  src = g_strconcat (root, sf->rendition != NULL ? sf->rendition : sf->path, NULL);
  json_object_set_string_member (card, "src", src);
  json_object_set_int_member (card, "width", sf->rendition != NULL ? sf->rendition_width : cover->width);
  json_object_set_int_member (card, "height", sf->rendition != NULL ? sf->rendition_height : cover->height);
  /* The title is beside the picture: without alt text of its own it is
   * decorative (alt=""), never its file name. */
  alt = g_hash_table_lookup (m->cover_alts, &article_id);
  json_object_set_string_member (card, "alt", alt != NULL ? alt : "");
  return card;
}

/* The value of attribute @name inside the tag from @tag to @end, as
 * offsets; FALSE when the tag has none. Only the double-quoted form
 * cmark-gfm writes (and most hand-written HTML uses). */
static gboolean
find_attribute (const char  *tag,
                const char  *end,
                const char  *name,
                const char **value,
                gsize       *len)
{
  gsize n = strlen (name);

  for (const char *p = tag; p + n + 2 < end; p++)
    {
      const char *close;

      if ((p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n') ||
          g_ascii_strncasecmp (p, name, n) != 0 || p[n] != '=' || p[n + 1] != '"')
        continue;
      close = memchr (p + n + 2, '"', end - (p + n + 2));
      if (close == NULL)
        return FALSE;
      *value = p + n + 2;
      *len = close - *value;
      return TRUE;
    }
  return FALSE;
}

char *
topiary_export_media_rewrite_html (TopiaryExportMedia *m,
                                   gint64              article_id,
                                   const char         *html,
                                   const char         *root)
{
  g_autoptr(GString) out = NULL;
  const char *p = html, *from = html;
  gboolean first_image = TRUE;
  gboolean changed = FALSE;

  if (html == NULL || topiary_export_media_files (m, article_id) == NULL)
    return NULL;
  out = g_string_sized_new (strlen (html) + 256);
  while ((p = strchr (p, '<')) != NULL)
    {
      gboolean is_img = g_ascii_strncasecmp (p, "<img", 4) == 0 && (p[4] == ' ' || p[4] == '\n');
      gboolean is_a = g_ascii_strncasecmp (p, "<a", 2) == 0 && (p[2] == ' ' || p[2] == '\n');
      const char *end, *value = NULL;
      gsize len = 0;
      TopiaryFileInfo *info;
      const char *site;
      SiteFile *sf;

      if (!is_img && !is_a)
        {
          p++;
          continue;
        }
      end = strchr (p, '>');
      if (end == NULL)
        break;
      if (!find_attribute (p + 1, end, is_img ? "src" : "href", &value, &len) ||
          (info = find (m, article_id, value, len)) == NULL ||
          !(sf = site_file (m, info))->written)
        {
          if (is_img)
            first_image = FALSE;
          p = end;
          continue;
        }
      /* Up to the value, the new value, then the rest of the tag. */
      g_string_append_len (out, from, value - from);
      site = sf->path;
      g_string_append (out, root);
      g_string_append (out, site);
      g_string_append_c (out, '"');
      if (is_img)
        {
          const char *dummy;
          gsize dummy_len;

          if (info->width > 0 && info->height > 0 &&
              !find_attribute (p + 1, end, "width", &dummy, &dummy_len) &&
              !find_attribute (p + 1, end, "height", &dummy, &dummy_len))
            g_string_append_printf (out, " width=\"%u\" height=\"%u\"", info->width, info->height);
          /* The smaller copy first; the browser picks by the width the
           * column gives the image and the screen's pixel density. */
          if (sf->rendition != NULL && !find_attribute (p + 1, end, "srcset", &dummy, &dummy_len))
            g_string_append_printf (out, " srcset=\"%s%s %uw, %s%s %uw\" sizes=\"%s\"",
                                    root, sf->rendition, sf->rendition_width,
                                    root, site, info->width, TOPIARY_EXPORT_RENDITION_SIZES);
          if (!first_image && !find_attribute (p + 1, end, "loading", &dummy, &dummy_len))
            g_string_append (out, " loading=\"lazy\"");
          g_string_append (out, " decoding=\"async\"");
          first_image = FALSE;
        }
      from = value + len + 1;
      p = end;
      changed = TRUE;
    }
  if (!changed)
    return NULL;
  g_string_append (out, from);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
topiary_export_media_write_bundle (TopiaryExportMedia      *m,
                                   gint64                   article_id,
                                   const char              *bundle,
                                   TopiaryExportWriteFunc   write,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  GPtrArray *files = topiary_export_media_files (m, article_id);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      g_autoptr(GBytes) data = topiary_project_get_file_data (m->project, info->sha256, error);
      g_autofree char *path = NULL;

      if (data == NULL)
        return FALSE;
      /* The name is "images/…" or "files/…"; write() checks every part. */
      path = g_strconcat (bundle, info->name, NULL);
      if (!write (user_data, path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
topiary_export_media_add_json (TopiaryExportMedia  *m,
                               gint64               article_id,
                               gboolean             with_data,
                               JsonBuilder         *b,
                               GError             **error)
{
  GPtrArray *files = topiary_export_media_files (m, article_id);

  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, info->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, info->mime);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, info->size);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, info->sha256);
      if (info->width > 0)
        {
          json_builder_set_member_name (b, "width");
          json_builder_add_int_value (b, info->width);
          json_builder_set_member_name (b, "height");
          json_builder_add_int_value (b, info->height);
        }
      json_builder_set_member_name (b, "cover");
      json_builder_add_boolean_value (b, info->cover);
      if (with_data)
        {
          g_autoptr(GBytes) data = topiary_project_get_file_data (m->project, info->sha256, error);
          g_autofree char *base64 = NULL;

          if (data == NULL)
            return FALSE;
          base64 = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
          json_builder_set_member_name (b, "data");
          json_builder_add_string_value (b, base64);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}
