/* topiary-markdown-arena.c — the allocator cmark renders a page with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>

#include "topiary-markdown-private.h"

/* ------------------------------------------------------------------------
 * Allocation
 *
 * cmark allocates every node, literal and buffer on its own and frees them
 * one by one: a third of the time of rendering a page went to malloc() and
 * free(). Everything a document allocates ends with it, so it all comes
 * from an arena of the rendering thread's, emptied after each document
 * and kept for the next one. cmark_mem carries no user data, hence the
 * thread-local variable. Every node of a document must come from the
 * arena: cmark frees some memory with the allocator of the tree's root.
 * ---------------------------------------------------------------------- */

#define ARENA_CHUNK (512 * 1024)
/* Chunks beyond this are given back after a document. */
#define ARENA_KEEP (4 * 1024 * 1024)
#define ARENA_ALIGN 16

typedef struct {
  gsize size;
  gsize used;
  char  data[];
} ArenaChunk;

struct _TopiaryMarkdownArena {
  GPtrArray *chunks;   /* ArenaChunk *, filled in order */
  guint      cur;
  char      *last;     /* the latest allocation, which can grow or go in place */
};

typedef TopiaryMarkdownArena Arena;

/* Each allocation is preceded by its capacity, for realloc(). */
#define ARENA_HEADER ARENA_ALIGN
#define ARENA_CAPACITY(p) (*(gsize *) ((char *) (p) - ARENA_HEADER))

static _Thread_local Arena thread_arena;

static void
arena_clear (gpointer data)
{
  Arena *arena = data;

  g_clear_pointer (&arena->chunks, g_ptr_array_unref);
  arena->cur = 0;
  arena->last = NULL;
}

/* Frees the arena's chunks when its thread ends. */
static GPrivate arena_owner = G_PRIVATE_INIT (arena_clear);

TopiaryMarkdownArena *
_topiary_markdown_arena_get (void)
{
  Arena *arena = &thread_arena;

  if (arena->chunks == NULL)
    {
      arena->chunks = g_ptr_array_new_with_free_func (g_free);
      g_private_set (&arena_owner, arena);
    }
  return arena;
}

static void *
arena_alloc (gsize size)
{
  Arena *arena = &thread_arena;
  gsize capacity = (MAX (size, 1) + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);
  gsize need = capacity + ARENA_HEADER;
  ArenaChunk *chunk = NULL;
  char *p;

  if (size > G_MAXSIZE / 2)
    g_error ("cmark asked for %" G_GSIZE_FORMAT " bytes", size);

  while (arena->cur < arena->chunks->len)
    {
      chunk = g_ptr_array_index (arena->chunks, arena->cur);
      if (chunk->size - chunk->used >= need)
        break;
      chunk = NULL;
      arena->cur++;
    }
  if (chunk == NULL)
    {
      gsize chunk_size = MAX (ARENA_CHUNK, need);

      chunk = g_malloc (sizeof (ArenaChunk) + chunk_size);
      chunk->size = chunk_size;
      chunk->used = 0;
      g_ptr_array_add (arena->chunks, chunk);
      arena->cur = arena->chunks->len - 1;
    }

  p = chunk->data + chunk->used + ARENA_HEADER;
  chunk->used += need;
  ARENA_CAPACITY (p) = capacity;
  arena->last = p;
  return p;
}

static void *
arena_calloc (size_t n,
              size_t size)
{
  void *p;

  if (size != 0 && n > G_MAXSIZE / size)
    g_error ("cmark asked for %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " bytes", n, size);
  p = arena_alloc (n * size);
  memset (p, 0, n * size);
  return p;
}

static void *
arena_realloc (void   *old,
               size_t  size)
{
  Arena *arena = &thread_arena;
  gsize capacity;
  void *p;

  if (old == NULL)
    return arena_alloc (size);
  capacity = ARENA_CAPACITY (old);
  if (size <= capacity)
    return old;

  /* The latest allocation grows where it is when its chunk has room. */
  if (old == arena->last && size <= G_MAXSIZE / 2)
    {
      ArenaChunk *chunk = g_ptr_array_index (arena->chunks, arena->cur);
      gsize grown = (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);

      if (chunk->size - chunk->used >= grown - capacity)
        {
          chunk->used += grown - capacity;
          ARENA_CAPACITY (old) = grown;
          return old;
        }
    }

  p = arena_alloc (size);
  memcpy (p, old, capacity);
  return p;
}

static void
arena_free (void *p)
{
  Arena *arena = &thread_arena;

  /* Only the latest allocation goes back; the rest waits for the reset. */
  if (p != NULL && p == arena->last)
    {
      ArenaChunk *chunk = g_ptr_array_index (arena->chunks, arena->cur);

      chunk->used -= ARENA_CAPACITY (p) + ARENA_HEADER;
      arena->last = NULL;
    }
}

void
_topiary_markdown_arena_reset (Arena *arena)
{
  gsize kept = 0;
  guint n = 0;

  for (; n < arena->chunks->len; n++)
    {
      ArenaChunk *chunk = g_ptr_array_index (arena->chunks, n);

      if (n > 0 && kept + chunk->size > ARENA_KEEP)
        break;
      chunk->used = 0;
      kept += chunk->size;
    }
  g_ptr_array_set_size (arena->chunks, n);
  arena->cur = 0;
  arena->last = NULL;
}

cmark_mem _topiary_markdown_arena_mem = { arena_calloc, arena_realloc, arena_free };
