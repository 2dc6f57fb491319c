/* topiary-markdown-budget.h — a cmark allocator with a memory budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmark's syntax tree costs 40 to 200 times the size of its text (a
 * 9 MB table: 440 MB), and cmark cannot fail an allocation: it aborts.
 * This allocator counts the bytes a document holds; once they pass the
 * budget while the budget is armed, it jumps back to the caller's
 * setjmp(), which then drops the document with
 * topiary_markdown_budget_release() (every block it handed out is freed
 * at once, without cmark). Arm it only around cmark's parser, which keeps
 * no state outside the memory it allocates; nothing else may run between
 * setjmp() and the jump.
 *
 * One budget is current per thread (cmark_mem carries no user data);
 * begin() returns the previous one for end() to restore, so a render
 * nested in a callback keeps its own.
 */
#pragma once

#include <setjmp.h>

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

typedef struct _TopiaryBudget TopiaryBudget;

/* Makes a budget of @limit bytes the thread's current one and returns it;
 * *@previous receives the one to restore with end(). */
TopiaryBudget *topiary_markdown_budget_begin   (gsize           limit,
                                                TopiaryBudget **previous);
/* The allocator cmark is to use with the current budget. */
cmark_mem     *topiary_markdown_budget_mem     (void);
/* While @escape is set, going over the budget longjmp()s to it (value 1).
 * NULL disarms. */
void           topiary_markdown_budget_arm     (TopiaryBudget  *budget,
                                                jmp_buf        *escape);
/* Frees every block still allocated from @budget. */
void           topiary_markdown_budget_release (TopiaryBudget  *budget);
/* Releases @budget, frees it and makes @previous current again. */
void           topiary_markdown_budget_end     (TopiaryBudget  *budget,
                                                TopiaryBudget  *previous);


/* Limits on what cmark-gfm 0.29 handles in reasonable time. */
/* A table's HTML costs its rows times the square of its columns. */
#define TOPIARY_MARKDOWN_TABLE_COLUMNS_MAX 500
#define TOPIARY_MARKDOWN_TABLE_CELLS_MAX 100000
/* Each link that closes walks back over every emphasis delimiter before it
 * in its paragraph: a paragraph may cost this many steps. */
#define TOPIARY_MARKDOWN_INLINE_COST_MAX 1000000

/* One pass over @text: FALSE in *@tables_ok when a table (a delimiter row
 * and the lines that follow it) would pass the table limits, FALSE in
 * *@inlines_ok when a run of lines without a blank one holds more than
 * TOPIARY_MARKDOWN_INLINE_COST_MAX link closers times emphasis
 * delimiters. Both overestimate, never underestimate. */
void           topiary_markdown_assess         (const char     *text,
                                                gsize           length,
                                                gboolean       *tables_ok,
                                                gboolean       *inlines_ok);

G_END_DECLS
