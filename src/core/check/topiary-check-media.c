/* topiary-check-media.c — the images and files part of `topiary check`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-check.h"
#include "topiary-check-media-private.h"
#include "topiary-media.h"
#include "topiary-media-refs.h"

static void G_GNUC_PRINTF (7, 8)
add (GPtrArray       *findings,
     TopiarySeverity  severity,
     const char      *code,
     TopiaryArticle  *article,
     gint64           article_id,
     const char      *target,
     const char      *format,
     ...)
{
  TopiaryCheckFinding *f = g_new0 (TopiaryCheckFinding, 1);
  va_list args;

  f->severity = severity;
  f->code = g_strdup (code);
  f->article_id = article_id;
  f->group_id = article != NULL ? topiary_article_get_group_id (article) : 0;
  f->target = g_strdup (target);
  va_start (args, format);
  f->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (findings, f);
}

/* The line of the body the last finding names. */
static void
set_last_line (GPtrArray *findings,
               guint      line)
{
  ((TopiaryCheckFinding *) g_ptr_array_index (findings, findings->len - 1))->line = line;
}

static const char *
name_of (TopiaryArticle *article)
{
  const char *title = topiary_article_get_title (article);

  return title != NULL && title[0] != '\0' ? title : topiary_article_get_slug (article);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The article's file @path names ("./" and case aside), or NULL. */
static TopiaryFileInfo *
held (GPtrArray  *files,
      const char *path)
{
  while (g_str_has_prefix (path, "./"))
    path += 2;
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      if (g_ascii_strcasecmp (info->name, path) == 0)
        return info;
    }
  return NULL;
}

static gboolean
check_article (TopiaryProject  *project,
               TopiaryArticle  *article,
               GPtrArray       *findings,
               GError         **error)
{
  gint64 id = topiary_article_get_id (article);
  g_autofree char *body = topiary_project_get_body (project, id, error);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GHashTable) large = NULL;

  if (body == NULL)
    return FALSE;
  files = topiary_project_list_files (project, id, error);
  if (files == NULL)
    return FALSE;
  if (strstr (body, "](") == NULL && strstr (body, "<img") == NULL && files->len == 0)
    return TRUE;

  large = g_hash_table_new (g_direct_hash, g_direct_equal);
  refs = topiary_media_scan_refs (body);
  for (guint i = 0; i < refs->len; i++)
    {
      TopiaryMediaRef *r = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *path = topiary_media_ref_local_path (r->url);
      TopiaryFileInfo *info;

      if (r->image && is_blank (r->alt))
        {
          add (findings, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_IMAGE_WITHOUT_ALT, article, id, r->url,
               _("Article “%s” shows the image “%s” (line %u) without alt text."),
               name_of (article), r->url, r->line);
          set_last_line (findings, r->line);
        }
      /* "/…" is the site's own business (its static files). */
      if (path == NULL || path[0] == '/' || (!r->image && !topiary_media_has_extension (path)))
        continue;
      info = held (files, path);
      if (info == NULL)
        {
          add (findings, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_MISSING_FILE, article, id, r->url,
               _("Article “%s” uses “%s” (line %u), which the project does not hold."),
               name_of (article), r->url, r->line);
          set_last_line (findings, r->line);
        }
      else if (r->image && topiary_file_info_is_image (info) &&
               info->size > TOPIARY_CHECK_LARGE_IMAGE_SIZE && g_hash_table_add (large, info))
        {
          g_autofree char *size = g_format_size (info->size);
          add (findings, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_LARGE_IMAGE, article, id, info->name,
               _("The image “%s” of article “%s” is %s; over 1 MB makes the page slow to load."),
               info->name, name_of (article), size);
        }
    }
  /* The cover is shown by the site and by links to the page. */
  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);

      if (info->cover && info->size > TOPIARY_CHECK_LARGE_IMAGE_SIZE && g_hash_table_add (large, info))
        {
          g_autofree char *size = g_format_size (info->size);
          add (findings, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_LARGE_IMAGE, article, id, info->name,
               _("The image “%s” of article “%s” is %s; over 1 MB makes the page slow to load."),
               info->name, name_of (article), size);
        }
    }
  return TRUE;
}

gboolean
_topiary_check_media (TopiaryProject  *project,
                      GPtrArray       *findings,
                      GError         **error)
{
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, error);
  g_autoptr(GPtrArray) unused = NULL;
  guint n;

  if (articles == NULL)
    return FALSE;
  n = g_list_model_get_n_items (articles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) article = g_list_model_get_item (articles, i);

      if (!check_article (project, article, findings, error))
        return FALSE;
    }

  unused = topiary_project_list_unused_files (project, error);
  if (unused == NULL)
    return FALSE;
  for (guint i = 0; i < unused->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (unused, i);
      g_autoptr(TopiaryArticle) article = NULL;

      if (info->article_id != 0)
        article = topiary_project_get_article (project, info->article_id, FALSE, NULL);
      if (article != NULL)
        add (findings, TOPIARY_SEVERITY_INFO, TOPIARY_CHECK_UNUSED_FILE, article, info->article_id, info->name,
             _("The file “%s” of article “%s” is not used by its text."), info->name, name_of (article));
      else
        add (findings, TOPIARY_SEVERITY_INFO, TOPIARY_CHECK_UNUSED_FILE, NULL, 0, info->name,
             _("The file “%s” is kept for a deleted article in case it is restored."), info->name);
    }
  return TRUE;
}
