/* topiary-md-outline.h — an article's headings, and moving its sections
 *
 * ATX headings ("## Text") outside fenced code blocks and outside front
 * matter. A section is a heading and everything up to the next heading of
 * the same or a higher level (fewer '#'). Offsets are in bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint  level;   /* 1–6 */
  char  *text;    /* without the '#' marks */
  guint  line;    /* 0-based */
  gsize  offset;  /* of the line's start */
} TopiaryMdHeading;

/* TopiaryMdHeading *, in order (the array frees them). */
GPtrArray *topiary_md_outline        (const char *text);

/* The index in @headings of the heading whose section holds @offset
 * (the last heading at or before it), or -1 before the first. */
int        topiary_md_outline_at     (GPtrArray  *headings,
                                      gsize       offset);

/* Moves the section that holds @cursor before the previous section of
 * the same level (@up) or after the next one, within its parent section.
 * FALSE when there is none to swap with; else @new_text and @new_cursor
 * (the cursor at the same place in the moved section). */
gboolean   topiary_md_section_move   (const char *text,
                                      gsize       cursor,
                                      gboolean    up,
                                      char      **new_text,
                                      gsize      *new_cursor);

G_END_DECLS
