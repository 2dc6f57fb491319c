/* topiary-media-refs.c — the images and files an article's Markdown
 * points at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-media-refs.h"

static void
ref_clear (gpointer data)
{
  TopiaryMediaRef *r = data;

  g_free (r->url);
  g_free (r->alt);
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

/* The reference that starts at @p (a "](" or an "<img"), appended to
 * @refs; returns where scanning goes on. */
static const char *
ref_at (const char *body,
        const char *line,
        const char *p,
        const char *limit,
        guint       line_no,
        GArray     *refs)
{
  const char *start = NULL, *end = NULL;
  g_autofree char *alt = NULL;
  gboolean image = FALSE;

  if (p[0] == ']' && p + 1 < limit && p[1] == '(')
    {
      /* Is the "[" this closes preceded by "!"? Look back for it. */
      for (const char *q = p; q >= line; q--)
        if (*q == '[')
          {
            image = q > line && q[-1] == '!';
            if (image)
              alt = g_strndup (q + 1, p - q - 1);
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
          const char *alt_at = g_strstr_len (p, tag_end - p, " alt=\"");

          start = src + 5;
          end = memchr (start, '"', tag_end - start);
          image = TRUE;
          if (alt_at != NULL)
            {
              const char *alt_end = memchr (alt_at + 6, '"', tag_end - (alt_at + 6));
              if (alt_end != NULL)
                alt = g_strndup (alt_at + 6, alt_end - (alt_at + 6));
            }
        }
    }
  if (start != NULL && end != NULL && end > start)
    {
      TopiaryMediaRef r = { start - body, end - start, g_strndup (start, end - start),
                            g_steal_pointer (&alt), image, line_no };
      g_array_append_val (refs, r);
      return end - 1;
    }
  return p;
}

/* Image and link destinations in @body, outside fenced code, and the src
 * of <img> tags. */
GArray *
topiary_media_scan_refs (const char *body)
{
  GArray *refs = g_array_new (FALSE, TRUE, sizeof (TopiaryMediaRef));
  gboolean in_fence = FALSE;
  const char *line = body;
  guint line_no = 1;

  g_array_set_clear_func (refs, ref_clear);
  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *limit = eol ? eol : line + strlen (line);

      if (is_fence (line))
        in_fence = !in_fence;
      else if (!in_fence)
        {
          /* Only "]" and "<" can start a reference. */
          for (const char *p = line; p < limit; p++)
            if (*p == ']' || *p == '<')
              p = ref_at (body, line, p, limit, line_no, refs);
        }
      line = eol ? eol + 1 : limit;
      line_no++;
    }
  return refs;
}


gboolean
topiary_media_has_extension (const char *path)
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
char *
topiary_media_ref_local_path (const char *url)
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


char *
topiary_media_prefix_image_sources (const char *html,
                                    const char *prefix)
{
  return topiary_media_prefix_image_sources_versioned (html, prefix, NULL);
}

char *
topiary_media_prefix_image_sources_versioned (const char *html,
                                              const char *prefix,
                                              GHashTable *versions)
{
  g_autoptr(GString) out = NULL;
  const char *p = html, *from = html;

  if (html == NULL || strstr (html, "<img") == NULL)
    return NULL;
  while ((p = strstr (p, "<img")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *src, *close;
      g_autofree char *url = NULL;
      g_autofree char *path = NULL;

      if (end == NULL)
        break;
      src = g_strstr_len (p, end - p, " src=\"");
      close = src != NULL ? memchr (src + 6, '"', end - (src + 6)) : NULL;
      if (close == NULL)
        {
          p = end;
          continue;
        }
      url = g_strndup (src + 6, close - (src + 6));
      path = topiary_media_ref_local_path (url);
      if (path != NULL && path[0] != '/')
        {
          if (out == NULL)
            out = g_string_sized_new (strlen (html) + 64);
          g_string_append_len (out, from, src + 6 - from);
          g_string_append (out, prefix);
          from = src + 6 + (g_str_has_prefix (url, "./") ? 2 : 0);
          /* A URL with a query or fragment of its own keeps it as is. */
          if (versions != NULL && strpbrk (url, "?#") == NULL)
            {
              g_autofree char *key = g_utf8_strdown (g_str_has_prefix (path, "./") ? path + 2 : path, -1);
              const char *version = g_hash_table_lookup (versions, key);

              if (version != NULL)
                {
                  g_string_append_len (out, from, close - from);
                  g_string_append (out, "?v=");
                  g_string_append_uri_escaped (out, version, NULL, FALSE);
                  from = close;
                }
            }
        }
      p = end;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, from);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
