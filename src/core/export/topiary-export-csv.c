/* topiary-export-csv.c — the map as one CSV table, a row per article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "topiary-export-private.h"
#include "topiary-export-media.h"
#include "topiary-csv-cell.h"

static const char *
primary_query (TopiaryArticle *a)
{
  int primary = topiary_article_get_primary_query (a);

  if (primary < 0 || primary >= (int) topiary_article_get_n_queries (a))
    return NULL;
  return topiary_article_get_queries (a)[primary];
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

gboolean
topiary_export_csv (Export      *e,
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
      g_autofree char *others = topiary_export_join_queries (art, TRUE, "; ");
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
      topiary_export_progress (e);
    }

  ok = topiary_export_file_write (&f, buf, error) && topiary_export_file_commit (&f, error);
  if (ok)
    topiary_export_set_output_path (e, f.path);

out:
  topiary_export_file_clear (&f);
  return ok;
}
