/* topiary-import-media.c — the images and files an imported article uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-import-fs-private.h"
#include "topiary-import-media-private.h"
#include "topiary-media.h"

typedef struct {
  gsize  start;   /* the URL's bytes in the body */
  gsize  len;
  char  *url;
  gboolean image;
} Ref;

static void
ref_clear (gpointer data)
{
  g_free (((Ref *)data)->url);
}

/* The end of a link destination starting at @p: "<…>" or up to white
 * space or an unbalanced ")". */
static const char *
destination_end (const char *p,
                 const char *limit,
                 const char **start)
{
  int depth = 0;

  if (*p == '<')
    {
      const char *close = memchr (p, '>', limit - p);
      *start = p + 1;
      return close;
    }
  *start = p;
  for (; p < limit; p++)
    {
      if (*p == '\\' && p + 1 < limit)
        {
          p++;
          continue;
        }
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth-- == 0)
        return p;
      else if (*p == ' ' || *p == '\t' || *p == '\n')
        return p;
    }
  return NULL;
}

static gboolean
is_fence (const char *line)
{
  guint spaces = 0;

  while (*line == ' ' && spaces < 4)
    line++, spaces++;
  return spaces < 4 && (g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~"));
}

/* Image and link destinations in @body, outside fenced code, and the src
 * of <img> tags. */
static GArray *
find_refs (const char *body)
{
  GArray *refs = g_array_new (FALSE, TRUE, sizeof (Ref));
  gboolean in_fence = FALSE;
  const char *line = body;

  g_array_set_clear_func (refs, ref_clear);
  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *limit = eol ? eol : line + strlen (line);

      if (is_fence (line))
        in_fence = !in_fence;
      else if (!in_fence)
        {
          for (const char *p = line; p < limit; p++)
            {
              const char *start = NULL, *end = NULL;
              gboolean image = FALSE;

              if (p[0] == ']' && p + 1 < limit && p[1] == '(')
                {
                  /* Is the "[" this closes preceded by "!"? Look back for it. */
                  for (const char *q = p; q >= line; q--)
                    if (*q == '[')
                      {
                        image = q > line && q[-1] == '!';
                        break;
                      }
                  end = destination_end (p + 2, limit, &start);
                }
              else if (g_ascii_strncasecmp (p, "<img", 4) == 0)
                {
                  const char *tag_end = memchr (p, '>', limit - p);
                  const char *src = tag_end ? g_strstr_len (p, tag_end - p, "src=\"") : NULL;

                  if (src != NULL)
                    {
                      start = src + 5;
                      end = memchr (start, '"', tag_end - start);
                      image = TRUE;
                    }
                }
              if (start != NULL && end != NULL && end > start)
                {
                  Ref r = { start - body, end - start, g_strndup (start, end - start), image };
                  g_array_append_val (refs, r);
                  p = end - 1;
                }
            }
        }
      line = eol ? eol + 1 : limit;
    }
  return refs;
}

static gboolean
has_media_extension (const char *path)
{
  static const char * const exts[] = { ".png", ".jpg", ".jpeg", ".jpe", ".gif", ".webp", ".svg", ".pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (path, exts[i]) || (strlen (path) >= strlen (exts[i]) &&
        g_ascii_strcasecmp (path + strlen (path) - strlen (exts[i]), exts[i]) == 0))
      return TRUE;
  return FALSE;
}

/* The local path @url names, decoded and without query or fragment;
 * NULL for URLs elsewhere (http:, mailto:, data:, #anchor). */
static char *
local_path (const char *url)
{
  g_autofree char *cut = NULL;
  char *hash;

  if (url[0] == '\0' || url[0] == '#' || url[0] == '?' || strstr (url, "://") != NULL ||
      g_str_has_prefix (url, "//") || strchr (url, ':') != NULL)
    return NULL;
  cut = g_strdup (url);
  if ((hash = strpbrk (cut, "?#")) != NULL)
    *hash = '\0';
  return g_uri_unescape_string (cut, NULL);
}

/* Brings in one file; returns its name in the project, or NULL with a
 * warning added. */
static char *
import_one (TopiaryProject *project,
            gint64          article_id,
            const char     *url,
            const char     *path,
            const char     *md_dir,
            const char     *site_root,
            const char     *real_base,
            const char     *article_rel,
            GPtrArray      *warnings)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *read_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  TopiaryFileId id;
  gboolean complete = FALSE;
  gsize len = 0;
  const char *rel = path[0] == '/' ? path + 1 : path;

  if (path[0] != '/')
    g_ptr_array_add (candidates, g_build_filename (md_dir, rel, NULL));
  g_ptr_array_add (candidates, g_build_filename (site_root, "static", rel, NULL));
  g_ptr_array_add (candidates, g_build_filename (site_root, "assets", rel, NULL));
  if (path[0] == '/')
    g_ptr_array_add (candidates, g_build_filename (site_root, rel, NULL));

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      char real[PATH_MAX];
      TopiaryImportFsKind kind;

      if (realpath (candidate, real) == NULL)
        continue;
      /* Compared as real paths: "../../etc/passwd", a linked folder or a
       * link to a file outside all end here. */
      if (!_topiary_import_fs_is_inside (real, real_base))
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which lies outside the imported folder, so it was not imported."),
                                            article_rel, url));
          return NULL;
        }
      kind = _topiary_import_fs_classify (real, real_base, TOPIARY_MEDIA_MAX_SIZE, &read_path, &id);
      if (kind == TOPIARY_IMPORT_FS_TOO_LARGE)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which is larger than %d MB, so it was not imported."),
                                            article_rel, url, TOPIARY_MEDIA_MAX_SIZE / (1024 * 1024)));
          return NULL;
        }
      if (kind != TOPIARY_IMPORT_FS_FILE)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which is not a regular file, so it was not imported."),
                                            article_rel, url));
          return NULL;
        }
      contents = _topiary_import_fs_read (read_path, &id, TOPIARY_MEDIA_MAX_SIZE + 1, &complete, &len, &error);
      if (contents == NULL)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to “%s”, which could not be read: %s"),
                                            article_rel, url, error->message));
          return NULL;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      info = topiary_project_add_file (project, article_id, candidate, bytes, &error);
      if (info == NULL)
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s” refers to a file that was not imported: %s"),
                                            article_rel, error->message));
          return NULL;
        }
      return g_strdup (info->name);
    }
  g_ptr_array_add (warnings,
                   g_strdup_printf (_("“%s” refers to “%s”, which is not in the imported folder."),
                                    article_rel, url));
  return NULL;
}

char *
_topiary_import_media (TopiaryProject *project,
                       gint64          article_id,
                       const char     *body,
                       const char     *md_path,
                       const char     *site_root,
                       const char     *real_base,
                       const char     *article_rel,
                       GPtrArray      *warnings)
{
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *md_dir = NULL;
  gsize from = 0;
  gboolean changed = FALSE;

  if (body == NULL || (strstr (body, "](") == NULL && strstr (body, "<img") == NULL))
    return NULL;
  refs = find_refs (body);
  if (refs->len == 0)
    return NULL;
  md_dir = g_path_get_dirname (md_path);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  out = g_string_new (NULL);

  for (guint i = 0; i < refs->len; i++)
    {
      Ref *r = &g_array_index (refs, Ref, i);
      g_autofree char *path = local_path (r->url);
      const char *name;

      if (path == NULL || (!r->image && !has_media_extension (path)))
        continue;
      if (!g_hash_table_contains (names, r->url))
        g_hash_table_insert (names, g_strdup (r->url),
                             import_one (project, article_id, r->url, path, md_dir,
                                         site_root, real_base, article_rel, warnings));
      name = g_hash_table_lookup (names, r->url);
      if (name == NULL || strcmp (name, r->url) == 0 ||
          (g_str_has_prefix (r->url, "./") && strcmp (name, r->url + 2) == 0))
        continue;
      /* Linked by its name in the project, which exports keep. */
      g_string_append_len (out, body + from, r->start - from);
      g_string_append (out, name);
      from = r->start + r->len;
      changed = TRUE;
    }
  if (!changed)
    return NULL;
  g_string_append (out, body + from);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
