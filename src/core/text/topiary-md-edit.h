/* topiary-md-edit.h — what the editor's Markdown keys do to a line
 *
 * Pure text decisions, without GTK, so they are tested in the core: what
 * Enter does on a list item, where Tab moves it, whether a fenced code
 * block is open, whether a selection is already bold. Offsets are in
 * bytes of UTF-8 text; a "line" never contains its '\n'.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A list item's line: "  - [ ] text", "3. text", "* text". */
typedef struct {
  gsize    indent;     /* bytes of leading spaces and tabs */
  gsize    marker_end; /* just after the marker ("-" or "12.") */
  gsize    content;    /* where the item's text begins: after the space and any task box */
  gboolean ordered;
  guint    number;     /* ordered only */
  char     delimiter;  /* '-', '*' or '+'; '.' or ')' when ordered */
  gboolean task;       /* "[ ] " or "[x] " follows the marker */
} TopiaryMdListItem;

/* TRUE when @line (@len bytes, -1 for nul-terminated) is a list item. */
gboolean topiary_md_list_item_parse (const char        *line,
                                     gssize             len,
                                     TopiaryMdListItem *item);

/* One replacement in a line: bytes [start, end) become @text. */
typedef struct {
  gsize  start;
  gsize  end;
  char  *text;
} TopiaryMdEdit;

void     topiary_md_edit_clear      (TopiaryMdEdit     *edit);

/* What Enter does with the cursor at byte @cursor of @line. @in_fence:
 * the line is inside a fenced code block (no list rules there). Always
 * fills @edit: a newline carrying the line's indent; on a list item the
 * next item's marker too (a number one higher, an unchecked task box);
 * on an empty item the marker goes and the list ends (no newline). */
void     topiary_md_edit_enter      (const char        *line,
                                     gsize              cursor,
                                     gboolean           in_fence,
                                     TopiaryMdEdit     *edit);

/* Tab (or, with @outdent, Shift+Tab) on the list item that is the line
 * at @line_start of @text: indent it under the item before it, or move it
 * back to its parent's level. FALSE when the line is not a list item or
 * cannot move (outdent at the margin); else @edit replaces the line's
 * leading white space. */
gboolean topiary_md_edit_indent_item (const char       *text,
                                      gsize             line_start,
                                      gboolean          outdent,
                                      TopiaryMdEdit    *edit);

/* A fenced code block open at a line. */
typedef struct {
  gboolean open;
  gsize    indent;  /* of the opening fence */
  char     ch;      /* '`' or '~' */
  gsize    len;     /* of the opening run */
} TopiaryMdFence;

/* Whether a fenced code block is open at the start of the line that
 * begins at @line_start of @text (everything before it is read). */
void     topiary_md_fence_at        (const char        *text,
                                     gsize              line_start,
                                     TopiaryMdFence    *fence);

/* Reads one more line (@len bytes, no newline) into @fence; TRUE when
 * the line is code or a fence (no Markdown rules apply to it). */
gboolean topiary_md_fence_feed      (TopiaryMdFence    *fence,
                                     const char        *line,
                                     gsize              len);

/* When @line closes @fence but is indented more than its opening fence
 * (auto-indent carried the code's indent onto it), the bytes of
 * indentation to remove; else 0. */
gsize    topiary_md_fence_outdent   (const char           *line,
                                     const TopiaryMdFence *fence);

typedef enum {
  TOPIARY_MD_WRAP_NONE,     /* not wrapped in the mark */
  TOPIARY_MD_WRAP_INSIDE,   /* the selection starts and ends with it */
  TOPIARY_MD_WRAP_OUTSIDE,  /* the text around the selection has it */
} TopiaryMdWrap;

/* Whether the selection @selection, with @before and @after around it, is
 * already wrapped in @mark ("**", "_", "`"), so a toggle unwraps it. */
TopiaryMdWrap topiary_md_wrap_state (const char *before,
                                     const char *selection,
                                     const char *after,
                                     const char *mark);

/* TRUE when @text (trimmed) is one web or mail address with nothing
 * else: http://, https:// or mailto:, no white space. */
gboolean topiary_md_is_url          (const char        *text);

G_END_DECLS
