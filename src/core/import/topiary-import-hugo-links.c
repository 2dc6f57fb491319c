/* topiary-import-hugo-links.c — the links `topiary export --format hugo`
 * wrote turned back into wiki links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-import-hugo-private.h"

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
char *
_topiary_hugo_unrewrite_relrefs (const char *body,
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
