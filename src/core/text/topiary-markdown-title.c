/* topiary-markdown-title.c — a body's leading title heading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>

#include "topiary-link.h"
#include "topiary-markdown-private.h"
#include "topiary-markdown-title.h"

static gboolean
same_name (const char *text,
           const char *title)
{
  g_autofree char *key = topiary_link_key (text, -1);
  g_autofree char *title_key = topiary_link_key (title, -1);

  return *title_key != '\0' && g_str_equal (key, title_key);
}

gboolean
_topiary_markdown_heading_says (cmark_node *heading,
                                const char *title)
{
  g_autoptr(GString) text = g_string_new (NULL);

  _topiary_markdown_plain_text (heading, text);
  return same_name (text->str, title);
}

/* The first block of a text ends by its first blank line after
 * something else, or the block is longer and is no heading. */
static gsize
first_block_length (const char *markdown)
{
  const char *p = markdown;
  gboolean content = FALSE;

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      const char *next = nl != NULL ? nl + 1 : p + strlen (p);
      gboolean blank = TRUE;

      for (const char *q = p; q < next; q++)
        if (*q != ' ' && *q != '\t' && *q != '\r' && *q != '\n')
          blank = FALSE;
      if (blank && content)
        return p - markdown;
      content |= !blank;
      p = next;
    }
  return p - markdown;
}

static const char *
next_line (const char *p)
{
  const char *nl = strchr (p, '\n');

  return nl != NULL ? nl + 1 : p + strlen (p);
}

static const char *
skip_indent (const char *p)
{
  for (guint i = 0; i < 3 && *p == ' '; i++)
    p++;
  return p;
}

static gboolean
is_atx (const char *line)
{
  return *skip_indent (line) == '#';
}

/* A setext level-1 underline: "===" and trailing spaces. */
static gboolean
is_underline (const char *line)
{
  const char *p = skip_indent (line);

  if (*p != '=')
    return FALSE;
  while (*p == '=')
    p++;
  while (*p == ' ' || *p == '\t' || *p == '\r')
    p++;
  return *p == '\n' || *p == '\0';
}

char *
topiary_markdown_first_heading (const char *markdown,
                                guint      *line,
                                gsize      *end)
{
  gsize length;
  cmark_node *doc, *first;
  char *text = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  length = first_block_length (markdown);
  doc = cmark_parse_document (markdown, length, CMARK_OPT_DEFAULT);
  first = cmark_node_first_child (doc);
  if (first != NULL && cmark_node_get_type (first) == CMARK_NODE_HEADING &&
      cmark_node_get_heading_level (first) == 1)
    {
      GString *plain = g_string_new (NULL);
      guint last = cmark_node_get_start_line (first);
      const char *p = markdown;

      _topiary_markdown_plain_text (first, plain);
      g_strstrip (plain->str);
      text = g_string_free (plain, FALSE);

      /* To its first line; cmark-gfm's end line of a setext heading may
       * be the end of the text, so its "===" line is looked for. */
      for (guint i = 1; i < last && *p != '\0'; i++)
        p = next_line (p);
      if (!is_atx (p))
        while (*p != '\0' && !is_underline (p))
          p = next_line (p), last++;
      p = next_line (p);
      for (;;)
        {
          const char *q = p;

          while (*q == ' ' || *q == '\t' || *q == '\r')
            q++;
          if (*q != '\n')
            break;
          p = q + 1;
        }
      if (line != NULL)
        *line = last;
      if (end != NULL)
        *end = p - markdown;
    }
  cmark_node_free (doc);
  return text;
}

gboolean
topiary_markdown_starts_with_title (const char *markdown,
                                    const char *title,
                                    gsize      *end)
{
  g_autofree char *heading = NULL;

  g_return_val_if_fail (markdown != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  heading = topiary_markdown_first_heading (markdown, NULL, end);
  return heading != NULL && same_name (heading, title);
}

char *
topiary_markdown_remove_title (const char *markdown,
                               const char *title)
{
  gsize end = 0;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (!topiary_markdown_starts_with_title (markdown, title, &end))
    return NULL;
  return g_strdup (markdown + end);
}
