/* topiary-markdown-private.h — what the Markdown files share: the wiki
 * link syntax, the line scanning of the word count and the link scanner,
 * and the arena cmark renders with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>
#include <cmark-gfm.h>

#include "topiary-markdown.h"

G_BEGIN_DECLS

/* topiary-markdown-links.c: wiki link syntax, shared by the renderer and
 * the scanner so both agree. */

typedef struct {
  const char *target;
  gsize       target_len;
  const char *label;
  gsize       label_len;
  gsize       length;      /* of the whole [[…]] */
} WikiMatch;

gboolean _topiary_markdown_parse_wiki      (const char                    *p,
                                            const char                    *end,
                                            WikiMatch                     *m);
char    *_topiary_markdown_resolve_target  (const TopiaryMarkdownOptions  *options,
                                            const char                    *target,
                                            char                         **heading);
char    *_topiary_markdown_make_href       (const TopiaryMarkdownOptions  *options,
                                            const char                    *slug,
                                            const char                    *heading);

/* topiary-markdown.c: the text of a node and its inlines, as shown. */
void     _topiary_markdown_plain_text      (cmark_node                    *node,
                                            GString                       *out);
/* topiary-markdown-title.c: TRUE when @heading's text says @title. */
gboolean _topiary_markdown_heading_says    (cmark_node                    *heading,
                                            const char                    *title);

/* topiary-markdown-words.c: line scanning shared by the word count and
 * the link scanner. */

typedef struct {
  char  fence_char;   /* '`' or '~' while inside a fenced block, else 0 */
  guint fence_len;
  gboolean in_indented_code;
  gboolean prev_blank;
  gboolean in_list;
} BlockState;

gboolean _topiary_markdown_line_is_code (BlockState *bs,
                                         const char *line,
                                         const char *end);
guint    _topiary_markdown_count_words  (const char *text,
                                         const char *text_end);

static inline const char *
_topiary_markdown_line_end (const char *p,
                            const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl ? nl : end;
}

/* topiary-markdown-arena.c: the allocator of a rendered document. */

/* An arena never reuses what cmark frees, and cmark reallocates its
 * buffers as they grow: a longer text is parsed with malloc(), so that
 * its arena cannot grow to many times its size. */
#define ARENA_MAX_TEXT (32 * 1024)

typedef struct _TopiaryMarkdownArena TopiaryMarkdownArena;

extern cmark_mem _topiary_markdown_arena_mem;

TopiaryMarkdownArena *_topiary_markdown_arena_get   (void);
void                  _topiary_markdown_arena_reset (TopiaryMarkdownArena *arena);

G_END_DECLS
