/* topiary-diff.h — what changed between two texts, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOPIARY_DIFF_SAME,
  TOPIARY_DIFF_REMOVED,   /* only in the old text */
  TOPIARY_DIFF_ADDED,     /* only in the new text */
} TopiaryDiffOp;

typedef struct {
  TopiaryDiffOp op;
  char         *text;      /* the line, without its line break */
  guint         old_line;  /* 1-based in the old text, 0 when added */
  guint         new_line;  /* 1-based in the new text, 0 when removed */
} TopiaryDiffLine;

/* The lines of @old_text and @new_text in order, each the same, removed
 * or added: a shortest edit script (Myers), so as few lines as possible
 * are marked; in each run of changes the removed lines come before the
 * added ones. Texts are split at "\n" (a "\r" before it is kept with the
 * line); a last line without a break is a line. When the texts share
 * almost nothing (more than TOPIARY_DIFF_MAX_CHANGES changed lines
 * between their common start and end) the part between is given as
 * removed then added, rather than searched. Returns TopiaryDiffLine
 * elements, freed with the array. */
#define TOPIARY_DIFF_MAX_CHANGES 2000

GPtrArray *topiary_diff_lines (const char *old_text,
                               const char *new_text);

/* How many lines of @diff are added and removed. */
void       topiary_diff_count (GPtrArray  *diff,
                               guint      *added,
                               guint      *removed);

G_END_DECLS
