/* topiary-export.c — publish a map: static site, Hugo content, CSV, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format starts from the same picture of the map: the exported
 * articles in writing order, each with a slug that is safe as a file name
 * and unique, and the groups that have something to show. Folder formats
 * are written into a temporary folder beside DIR and swapped in at the end;
 * every file is created through topiary_export_write_rel(), which refuses any path
 * component that could leave that folder. This file is the run and what
 * every format shares; the map as exported is topiary-export-map.c, the
 * formats are topiary-export-site.c (its pages written by
 * topiary-export-site-threads.c, its SEO files by topiary-export-seo.c),
 * topiary-export-hugo.c, topiary-export-csv.c and topiary-export-json.c.
 * Where the export goes (the swap, the single file) is
 * topiary-export-dest.c; the theme is topiary-export-theme.c.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-map.h"

G_DEFINE_QUARK (topiary-export-error-quark, topiary_export_error)

/* ---- small helpers ---- */

void
topiary_export_warn (Export     *e,
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

void
topiary_export_progress (Export *e)
{
  e->done++;
  if (e->progress != NULL)
    e->progress (MIN (e->done, e->total), e->total, e->progress_data);
}

char *
topiary_export_iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gint64
topiary_export_article_date (TopiaryArticle *a)
{
  gint64 t = topiary_article_get_published (a);

  if (t <= 0)
    t = topiary_article_get_created (a);
  return t;
}

gint64
topiary_export_article_updated (TopiaryArticle *a)
{
  gint64 t = topiary_article_get_updated (a);

  return t > 0 ? t : topiary_export_article_date (a);
}

char *
topiary_export_join_queries (TopiaryArticle *a,
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

gint
topiary_export_compare_published_desc (gconstpointer pa,
                                       gconstpointer pb)
{
  const ArticleInfo *a = *(ArticleInfo * const *) pa;
  const ArticleInfo *b = *(ArticleInfo * const *) pb;
  gint64 ta = topiary_export_article_date (a->article);
  gint64 tb = topiary_export_article_date (b->article);

  if (ta != tb)
    return ta < tb ? 1 : -1;
  return (a->index > b->index) - (a->index < b->index);
}

/* ---- files ---- */

/* Writes @relpath ("slug/index.html") under the export folder, creating
 * its folders. Every component is checked, so nothing lands outside. */
gboolean
topiary_export_write_rel (Export      *e,
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
gboolean
topiary_export_write_media (gpointer     user_data,
                            const char  *relpath,
                            const char  *data,
                            gsize        len,
                            GError     **error)
{
  return topiary_export_write_rel (user_data, relpath, data, len, error);
}

void
topiary_export_set_output_path (Export     *e,
                                const char *path)
{
  if (e->options->output_path != NULL)
    *e->options->output_path = g_strdup (path);
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
  e.articles = g_ptr_array_new_with_free_func (topiary_export_article_info_free);
  e.groups = g_ptr_array_new_with_free_func (topiary_export_group_info_free);
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

  if (!topiary_export_read_map (&e, error) || !topiary_export_collect (&e, error))
    goto out;
  if ((e.media = topiary_export_media_new (project, error)) == NULL)
    goto out;
  topiary_export_media_set_cache (e.media, options->cache_dir);

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
      if (options->format == TOPIARY_EXPORT_SITE ? !topiary_export_site (&e, error) : !topiary_export_hugo (&e, error))
        goto out;
      if (g_cancellable_set_error_if_cancelled (options->cancellable, error) ||
          !topiary_export_write_marker (e.out, options->format, error) ||
          !topiary_export_swap_commit (&swap, options->replaced_path, error))
        goto out;
      topiary_export_set_output_path (&e, dir);
      ok = TRUE;
      break;

    case TOPIARY_EXPORT_CSV:
      ok = topiary_export_csv (&e, dir, error);
      break;

    case TOPIARY_EXPORT_JSON:
      ok = topiary_export_json (&e, dir, error);
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
