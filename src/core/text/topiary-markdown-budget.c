/* topiary-markdown-budget.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-markdown-budget.h"

/* Each block starts with this header (32 bytes keeps the 16-byte
 * alignment malloc gives), linking the blocks of a budget together. */
typedef struct _Block Block;
struct _Block {
  Block *prev;
  Block *next;
  gsize  size;
  gsize  pad;
};

struct _TopiaryBudget {
  Block   *blocks;
  gsize    live;
  gsize    limit;
  jmp_buf *escape;
};

static _Thread_local TopiaryBudget *current;

/* What a block of @size bytes really costs: its header and malloc's own
 * (cmark makes millions of 16-byte allocations). */
#define COST(size) ((size) + sizeof (Block) + 16)

static void
charge (TopiaryBudget *b,
        gsize          more)
{
  if (b->escape != NULL && (more > b->limit || b->live > b->limit - more))
    longjmp (*b->escape, 1);
  b->live += more;
}

static void
link_block (TopiaryBudget *b,
            Block         *block)
{
  block->prev = NULL;
  block->next = b->blocks;
  if (b->blocks != NULL)
    b->blocks->prev = block;
  b->blocks = block;
}

static void
unlink_block (TopiaryBudget *b,
              Block         *block)
{
  if (block->prev != NULL)
    block->prev->next = block->next;
  else
    b->blocks = block->next;
  if (block->next != NULL)
    block->next->prev = block->prev;
}

static void *
budget_calloc (size_t n,
               size_t size)
{
  TopiaryBudget *b = current;
  Block *block;

  g_assert (b != NULL);
  if (size != 0 && n > (G_MAXSIZE - sizeof (Block)) / size)
    g_error ("cmark asked for %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " bytes", n, size);
  charge (b, COST (n * size));
  block = g_malloc0 (sizeof (Block) + n * size);
  block->size = n * size;
  link_block (b, block);
  return block + 1;
}

static void *
budget_realloc (void   *p,
                size_t  size)
{
  TopiaryBudget *b = current;
  Block *block;

  if (p == NULL)
    return budget_calloc (1, size);

  g_assert (b != NULL);
  if (size > G_MAXSIZE - sizeof (Block))
    g_error ("cmark asked for %" G_GSIZE_FORMAT " bytes", size);
  block = (Block *) p - 1;
  if (size > block->size)
    charge (b, size - block->size);
  else
    b->live -= block->size - size;
  /* The block may move: take it out of the list first. */
  unlink_block (b, block);
  block = g_realloc (block, sizeof (Block) + size);
  block->size = size;
  link_block (b, block);
  return block + 1;
}

static void
budget_free (void *p)
{
  TopiaryBudget *b = current;
  Block *block;

  if (p == NULL)
    return;
  g_assert (b != NULL);
  block = (Block *) p - 1;
  unlink_block (b, block);
  b->live -= COST (block->size);
  g_free (block);
}

static cmark_mem budget_mem = { budget_calloc, budget_realloc, budget_free };

TopiaryBudget *
topiary_markdown_budget_begin (gsize           limit,
                               TopiaryBudget **previous)
{
  TopiaryBudget *b = g_new0 (TopiaryBudget, 1);

  b->limit = limit;
  *previous = current;
  current = b;
  return b;
}

cmark_mem *
topiary_markdown_budget_mem (void)
{
  return &budget_mem;
}

void
topiary_markdown_budget_arm (TopiaryBudget *budget,
                             jmp_buf       *escape)
{
  budget->escape = escape;
}

void
topiary_markdown_budget_release (TopiaryBudget *budget)
{
  while (budget->blocks != NULL)
    {
      Block *block = budget->blocks;

      budget->blocks = block->next;
      g_free (block);
    }
  budget->live = 0;
}

void
topiary_markdown_budget_end (TopiaryBudget *budget,
                             TopiaryBudget *previous)
{
  g_assert (current == budget);
  topiary_markdown_budget_release (budget);
  current = previous;
  g_free (budget);
}

/* The columns of @line when it looks like a table's delimiter row
 * ("|:--|--:|", "-|-"), else 0. Leading '>' of block quotes are skipped. */
static guint
delimiter_row_columns (const char *line,
                       const char *end)
{
  const char *p = line;
  guint columns = 0;
  gboolean pipe = FALSE, in_dashes = FALSE;

  while (p < end && (*p == ' ' || *p == '\t' || *p == '>'))
    p++;
  if (p == end)
    return 0;
  for (; p < end; p++)
    {
      switch (*p)
        {
        case '-':
          if (!in_dashes)
            columns++;
          in_dashes = TRUE;
          break;
        case '|':
          pipe = TRUE;
          in_dashes = FALSE;
          break;
        case ':':
        case ' ':
        case '\t':
        case '\r':
          break;
        default:
          return 0;
        }
    }
  return pipe ? columns : 0;
}

static gboolean
line_is_blank (const char *line,
               const char *end)
{
  for (const char *p = line; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '>')
      return FALSE;
  return TRUE;
}

void
topiary_markdown_assess (const char *text,
                         gsize       length,
                         gboolean   *tables_ok,
                         gboolean   *inlines_ok)
{
  const char *end = text + length;
  const char *line = text;
  guint64 closers = 0, delims = 0;
  guint64 columns = 0, rows = 0;   /* of the table being read */

  *tables_ok = TRUE;
  *inlines_ok = TRUE;

  while (line < end)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *eol = nl != NULL ? nl : end;
      guint c;

      if (line_is_blank (line, eol))
        {
          closers = delims = 0;
          columns = rows = 0;
        }
      else
        {
          for (const char *p = line; p < eol; p++)
            {
              if (*p == ']')
                closers++;
              else if (*p == '*' || *p == '_' || *p == '~')
                delims++;
            }
          if (closers * delims > TOPIARY_MARKDOWN_INLINE_COST_MAX)
            *inlines_ok = FALSE;

          if (columns > 0)
            rows++;
          else if ((c = delimiter_row_columns (line, eol)) > 0)
            {
              columns = c;
              rows = 1;   /* the header */
            }
          if (columns > TOPIARY_MARKDOWN_TABLE_COLUMNS_MAX ||
              columns * rows > TOPIARY_MARKDOWN_TABLE_CELLS_MAX)
            *tables_ok = FALSE;
        }

      line = eol + (nl != NULL);
    }
}
