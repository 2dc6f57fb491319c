/* topiary-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include "topiary-markdown.h"
#include "topiary-markdown-budget.h"
#include "topiary-utf8.h"
#include "topiary-slug.h"

#define WORDS_PER_MINUTE 220
/* Longer "targets" are prose that happens to contain [[ and ]]. */
#define WIKI_TARGET_MAX 200

static const char * const gfm_extensions[] = {
  "table", "strikethrough", "autolink", "tasklist", "tagfilter",
};

/* cmark's table cells only accept the inline node types cmark knows about,
 * not CUSTOM_INLINE, although the HTML renderer copes with one there. This
 * extension is lent to such a parent for the one insertion: its only job
 * is to say yes. */
static cmark_syntax_extension *lender;

static int
lender_can_contain (cmark_syntax_extension *extension,
                    cmark_node             *node,
                    cmark_node_type         child_type)
{
  return child_type == CMARK_NODE_CUSTOM_INLINE;
}

static gpointer
init_cmark (gpointer data)
{
  cmark_gfm_core_extensions_ensure_registered ();

  lender = cmark_syntax_extension_new ("topiary-wikilink");
  cmark_syntax_extension_set_can_contain_func (lender, lender_can_contain);

  for (guint i = 0; i < G_N_ELEMENTS (gfm_extensions); i++)
    g_assert (cmark_find_syntax_extension (gfm_extensions[i]) != NULL);

  return NULL;
}

static void
ensure_cmark (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_cmark, NULL);
}

static guint count_words (const char *text,
                          const char *text_end);

/* ------------------------------------------------------------------------
 * Result
 * ---------------------------------------------------------------------- */

static void
heading_free (gpointer data)
{
  TopiaryHeading *heading = data;

  g_free (heading->text);
  g_free (heading->id);
  g_free (heading);
}

TopiaryMarkdownResult *
topiary_markdown_result_ref (TopiaryMarkdownResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
topiary_markdown_result_unref (TopiaryMarkdownResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_int_dec_and_test (&result->ref_count))
    return;

  g_free (result->html);
  g_ptr_array_unref (result->headings);
  g_ptr_array_unref (result->links);
  g_ptr_array_unref (result->unresolved);
  g_free (result);
}

G_DEFINE_BOXED_TYPE (TopiaryMarkdownResult, topiary_markdown_result,
                     topiary_markdown_result_ref, topiary_markdown_result_unref)

void
topiary_markdown_link_free (TopiaryMarkdownLink *link)
{
  if (link == NULL)
    return;

  g_free (link->target);
  g_free (link->label);
  g_free (link);
}

/* ------------------------------------------------------------------------
 * Wiki link syntax, shared by the renderer and the scanner so both agree
 * ---------------------------------------------------------------------- */

typedef struct {
  const char *target;
  gsize       target_len;
  const char *label;
  gsize       label_len;
  gsize       length;      /* of the whole [[…]] */
} WikiMatch;

static void
trim (const char **str,
      gsize       *len)
{
  while (*len > 0 && g_ascii_isspace ((*str)[0]))
    (*str)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*str)[*len - 1]))
    (*len)--;
}

/* @p points at "[[". Fills @m and returns TRUE for a well-formed link:
 * a non-empty target without brackets or line breaks, an optional
 * "|label", then "]]". */
static gboolean
parse_wiki (const char *p,
            const char *end,
            WikiMatch  *m)
{
  const char *start = p + 2;
  const char *bar = NULL;
  const char *q;

  g_assert (p + 2 <= end && p[0] == '[' && p[1] == '[');

  for (q = start; q < end && q - start <= WIKI_TARGET_MAX; q++)
    {
      if (*q == ']')
        break;
      if (*q == '[' || *q == '\n' || *q == '\r')
        return FALSE;
      if (*q == '|' && bar == NULL)
        bar = q;
    }

  if (q + 1 >= end || q[0] != ']' || q[1] != ']')
    return FALSE;

  m->target = start;
  m->target_len = (bar ? bar : q) - start;
  trim (&m->target, &m->target_len);
  if (m->target_len == 0)
    return FALSE;

  if (bar != NULL)
    {
      m->label = bar + 1;
      m->label_len = q - (bar + 1);
      trim (&m->label, &m->label_len);
    }
  else
    m->label_len = 0;

  if (m->label_len == 0)
    {
      m->label = m->target;
      m->label_len = m->target_len;
    }

  m->length = (q + 2) - p;
  return TRUE;
}

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
/* An arena never reuses what cmark frees, and cmark reallocates its
 * buffers as they grow: a longer text is parsed with malloc(), so that
 * its arena cannot grow to many times its size. */
#define ARENA_MAX_TEXT (32 * 1024)
#define ARENA_ALIGN 16

typedef struct {
  gsize size;
  gsize used;
  char  data[];
} ArenaChunk;

typedef struct {
  GPtrArray *chunks;   /* ArenaChunk *, filled in order */
  guint      cur;
  char      *last;     /* the latest allocation, which can grow or go in place */
} Arena;

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

static Arena *
arena_get (void)
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

static void
arena_reset (Arena *arena)
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

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

/* The allocator of the document being rendered on this thread. */
static _Thread_local cmark_mem *document_mem;

static cmark_node *
node_new (cmark_node_type type)
{
  return cmark_node_new_with_mem (type, document_mem);
}

/* ------------------------------------------------------------------------
 * Rendering
 * ---------------------------------------------------------------------- */

typedef struct {
  const TopiaryMarkdownOptions *options;
  int                           cmark_options;
  cmark_llist                  *extensions;
  GHashTable                   *seen_links;
  GHashTable                   *seen_unresolved;
  GHashTable                   *ids;
  TopiaryMarkdownResult        *result;
  gboolean                      no_tables;  /* see topiary_markdown_assess() */
} RenderState;

static void
append_escaped (GString    *out,
                const char *str,
                gssize      len)
{
  const char *end = str + (len < 0 ? (gssize) strlen (str) : len);

  for (const char *p = str; p < end; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
remember (GPtrArray  *array,
          GHashTable *seen,
          const char *value)
{
  if (g_hash_table_contains (seen, value))
    return;

  g_ptr_array_add (array, g_strdup (value));
  g_hash_table_add (seen, g_ptr_array_index (array, array->len - 1));
}

/* The slug @target names, and the heading it names, if any. */
static char *
resolve_target (const TopiaryMarkdownOptions  *options,
                const char                    *target,
                char                         **heading)
{
  *heading = NULL;
  if (options->resolve_heading != NULL)
    return options->resolve_heading (target, heading, options->user_data);
  if (options->resolve != NULL)
    return options->resolve (target, options->user_data);
  return NULL;
}

/* A heading is linked by the id process_heading() gives it. */
static char *
make_href (const TopiaryMarkdownOptions *options,
           const char                   *slug,
           const char                   *heading)
{
  g_autofree char *href = NULL;
  g_autofree char *id = NULL;

  if (options->href != NULL)
    href = options->href (slug, options->user_data);
  else
    href = g_strconcat (options->href_prefix ? options->href_prefix : "",
                        slug,
                        options->href_suffix ? options->href_suffix : "",
                        NULL);
  if (heading == NULL || href == NULL)
    return g_steal_pointer (&href);
  id = topiary_slugify (heading);
  return g_strconcat (href, "#", id, NULL);
}

static gboolean
insert_inline_before (cmark_node *sibling,
                      cmark_node *node)
{
  cmark_node *parent;
  cmark_syntax_extension *own;
  gboolean ok;

  if (cmark_node_insert_before (sibling, node))
    return TRUE;

  /* See lender_can_contain(). */
  parent = cmark_node_parent (sibling);
  own = cmark_node_get_syntax_extension (parent);
  cmark_node_set_syntax_extension (parent, lender);
  ok = cmark_node_insert_before (sibling, node);
  cmark_node_set_syntax_extension (parent, own);

  return ok;
}

static cmark_node *
new_text_node (const char *text,
               gsize       len)
{
  cmark_node *node = node_new (CMARK_NODE_TEXT);
  g_autofree char *copy = g_strndup (text, len);

  cmark_node_set_literal (node, copy);
  return node;
}

static cmark_node *
new_wiki_node (RenderState     *state,
               const WikiMatch *m)
{
  g_autofree char *target = g_strndup (m->target, m->target_len);
  g_autofree char *heading = NULL;
  g_autofree char *slug = resolve_target (state->options, target, &heading);
  g_autoptr(GString) enter = g_string_sized_new (128);
  cmark_node *node;

  if (slug != NULL && *slug != '\0')
    {
      g_autofree char *href = make_href (state->options, slug, heading);

      g_string_append (enter, "<a class=\"wikilink\" href=\"");
      append_escaped (enter, href ? href : "", -1);
      g_string_append (enter, "\" data-slug=\"");
      append_escaped (enter, slug, -1);
      g_string_append (enter, "\">");
      node = node_new (CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter (node, enter->str);
      cmark_node_set_on_exit (node, "</a>");

      remember (state->result->links, state->seen_links, slug);
    }
  else
    {
      g_string_append (enter, "<span class=\"wikilink unresolved\" title=\"");
      append_escaped (enter, target, -1);
      g_string_append (enter, "\">");
      node = node_new (CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter (node, enter->str);
      cmark_node_set_on_exit (node, "</span>");

      remember (state->result->unresolved, state->seen_unresolved, target);
    }

  /* The label is a text child, so cmark escapes it and it reads as plain
   * text in headings and image descriptions. */
  cmark_node_append_child (node, new_text_node (m->label, m->label_len));

  return node;
}

/* @first starts a run of sibling text nodes (cmark may split "[[x]]" at the
 * brackets). Joins the run, and when it holds wiki links, replaces it by
 * text and link nodes. */
static void
process_text_run (RenderState *state,
                  cmark_node  *first)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  const char *p, *end, *plain;
  gboolean found = FALSE;

  for (cmark_node *n = first;
       n != NULL && cmark_node_get_type (n) == CMARK_NODE_TEXT;
       n = cmark_node_next (n))
    {
      g_string_append (text, cmark_node_get_literal (n));
      g_ptr_array_add (run, n);
    }

  end = text->str + text->len;
  plain = text->str;

  for (p = text->str; (p = memchr (p, '[', end - p)) != NULL; )
    {
      WikiMatch m;

      if (p + 1 < end && p[1] == '[' && parse_wiki (p, end, &m))
        {
          if (p > plain)
            insert_inline_before (first, new_text_node (plain, p - plain));
          insert_inline_before (first, new_wiki_node (state, &m));
          p += m.length;
          plain = p;
          found = TRUE;
        }
      else
        p++;
    }

  if (!found)
    return;

  if (plain < end)
    insert_inline_before (first, new_text_node (plain, end - plain));

  for (guint i = 0; i < run->len; i++)
    {
      cmark_node *n = g_ptr_array_index (run, i);

      cmark_node_unlink (n);
      cmark_node_free (n);
    }
}

/* Iterative: a heading may nest emphasis or images thousands deep. */
static void
collect_plain_text (cmark_node *node,
                    GString    *out)
{
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);

      if (ev != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, cmark_node_get_literal (child));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;

        default:
          /* HTML_INLINE adds nothing; containers are walked into. */
          break;
        }
    }

  cmark_iter_free (iter);
}

static char *
unique_id (RenderState *state,
           const char  *text)
{
  g_autofree char *base = topiary_slugify (text);
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (state->ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }

  g_hash_table_add (state->ids, g_strdup (id));
  return id;
}

/* cmark has no way to add attributes to an element, so the heading is
 * rendered alone, given its id, and put back as a custom block that cmark
 * copies verbatim. */
static void
process_heading (RenderState *state,
                 cmark_node  *heading)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) html = NULL;
  TopiaryHeading *entry;
  cmark_node *block;
  char *rendered;

  collect_plain_text (heading, text);
  g_strstrip (text->str);
  g_string_set_size (text, strlen (text->str));

  entry = g_new0 (TopiaryHeading, 1);
  entry->level = cmark_node_get_heading_level (heading);
  entry->text = g_strdup (text->str);
  entry->id = unique_id (state, text->str);
  g_ptr_array_add (state->result->headings, entry);

  rendered = cmark_render_html_with_mem (heading, state->cmark_options, state->extensions,
                                         cmark_get_default_mem_allocator ());
  html = g_string_new (rendered);
  cmark_get_default_mem_allocator ()->free (rendered);

  /* "<hN" is always the first thing cmark writes for a heading. */
  g_assert (html->len > 3 && html->str[0] == '<' && html->str[1] == 'h');
  g_string_insert (html, 3, "\"");
  g_string_insert (html, 3, entry->id);
  g_string_insert (html, 3, " id=\"");
  while (html->len > 0 && html->str[html->len - 1] == '\n')
    g_string_truncate (html, html->len - 1);

  block = node_new (CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter (block, html->str);
  cmark_node_set_on_exit (block, "");
  cmark_node_insert_before (heading, block);
  cmark_node_unlink (heading);
  cmark_node_free (heading);
}

static gboolean
run_has_bracket (cmark_node *first)
{
  for (cmark_node *n = first;
       n != NULL && cmark_node_get_type (n) == CMARK_NODE_TEXT;
       n = cmark_node_next (n))
    {
      if (strchr (cmark_node_get_literal (n), '[') != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The 1-based numbers of the source lines holding "[[", ascending: only
 * blocks that span one of them need their inlines looked at. */
static GArray *
find_wiki_lines (const char *text,
                 gsize       length)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *end = text + length;
  const char *counted = text;
  const char *p = text;
  guint line = 1;

  while (p < end && (p = memchr (p, '[', end - p)) != NULL)
    {
      const char *nl;

      if (p + 1 >= end || p[1] != '[')
        {
          p++;
          continue;
        }

      while ((nl = memchr (counted, '\n', p - counted)) != NULL)
        {
          line++;
          counted = nl + 1;
        }
      counted = p;

      if (lines->len == 0 || g_array_index (lines, guint, lines->len - 1) != line)
        g_array_append_val (lines, line);
      p += 2;
    }

  return lines;
}

static gboolean
spans_wiki_line (cmark_node *node,
                 GArray     *lines)
{
  guint start = cmark_node_get_start_line (node);
  guint end = cmark_node_get_end_line (node);
  guint lo = 0, hi = lines->len;

  /* The first line >= start, by bisection. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (lines, guint, mid) < start)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < lines->len && g_array_index (lines, guint, lo) <= MAX (start, end);
}

static void
collect_runs (cmark_node *block,
              GPtrArray  *runs)
{
  cmark_iter *iter = cmark_iter_new (block);
  cmark_event_type ev;
  guint link_depth = 0;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          /* A link inside a link is not a link. */
          if (ev == CMARK_EVENT_ENTER)
            link_depth++;
          else
            link_depth--;
          break;

        case CMARK_NODE_TEXT:
          {
            cmark_node *prev = cmark_node_previous (node);

            if (link_depth == 0 &&
                (prev == NULL || cmark_node_get_type (prev) != CMARK_NODE_TEXT) &&
                run_has_bracket (node))
              g_ptr_array_add (runs, node);
          }
          break;

        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

/* Walks the blocks only (visiting every inline node costs as much as a
 * fifth of the whole render): headings are blocks, and only blocks on a
 * line with "[[" can hold a wiki link. Iterative, with no stack: block
 * quotes and lists may nest 100,000 deep. */
static void
collect_blocks (cmark_node *root,
                GArray     *wiki_lines,
                GPtrArray  *headings,
                GPtrArray  *runs)
{
  cmark_node *node = cmark_node_first_child (root);

  while (node != NULL)
    {
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_FOOTNOTE_DEFINITION:
          if (cmark_node_first_child (node) != NULL)
            {
              node = cmark_node_first_child (node);
              continue;
            }
          break;

        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_THEMATIC_BREAK:
          break;

        case CMARK_NODE_HEADING:
          g_ptr_array_add (headings, node);
          G_GNUC_FALLTHROUGH;

        default:
          /* Paragraphs, headings, tables. */
          if (wiki_lines->len > 0 && spans_wiki_line (node, wiki_lines))
            collect_runs (node, runs);
          break;
        }

      /* The next sibling, or that of the nearest ancestor below @root. */
      while (node != root && cmark_node_next (node) == NULL)
        node = cmark_node_parent (node);
      node = node != root ? cmark_node_next (node) : NULL;
    }
}

/* Limits, so that any text renders in bounded memory and time:
 *
 *  - cmark's syntax tree costs 40 to 200 times its text; a document's
 *    tree may hold DOCUMENT_BUDGET bytes. A text whose tree would need
 *    more (megabytes of inline markup) is rendered in pieces of at most
 *    PIECE_MAX bytes, cut at blank lines where it can: lists and link
 *    reference definitions then do not reach across pieces, and the rows
 *    of a table beyond its first piece read as text;
 *  - so is a text with a paragraph of more than
 *    TOPIARY_MARKDOWN_INLINE_COST_MAX link closers × emphasis delimiters
 *    (cmark-gfm 0.29 is quadratic there), its pieces within that cost;
 *  - a text with a table of more than TOPIARY_MARKDOWN_TABLE_COLUMNS_MAX
 *    columns or TOPIARY_MARKDOWN_TABLE_CELLS_MAX cells is rendered without
 *    GFM tables: its tables read as text. */
#define DOCUMENT_BUDGET (64 * 1024 * 1024)
#define PIECE_MAX (64 * 1024)

static void
feed_blank_lines (cmark_parser *parser,
                  guint         n)
{
  char newlines[4096];

  memset (newlines, '\n', sizeof newlines);
  while (n > 0)
    {
      guint k = MIN (n, sizeof newlines);

      cmark_parser_feed (parser, newlines, k);
      n -= k;
    }
}

static cmark_node *
parse (const RenderState  *state,
       const char         *text,
       gsize               length,
       guint               shift,
       cmark_parser      **parser_out)
{
  cmark_parser *parser = cmark_parser_new_with_mem (state->cmark_options, document_mem);

  for (guint i = 0; i < G_N_ELEMENTS (gfm_extensions); i++)
    if (!state->no_tables || !g_str_equal (gfm_extensions[i], "table"))
      cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (gfm_extensions[i]));
  feed_blank_lines (parser, shift);
  cmark_parser_feed (parser, text, length);
  *parser_out = parser;
  return cmark_parser_finish (parser);
}

/* parse() with @budget armed: NULL when it went over, and then everything
 * cmark allocated is still in @budget. Only cmark runs while it is armed,
 * and it keeps no state outside the memory it allocates. */
static cmark_node *
parse_within (TopiaryBudget      *budget,
              const RenderState  *state,
              const char         *text,
              gsize               length,
              guint               shift,
              cmark_parser      **parser_out)
{
  jmp_buf escape;
  cmark_node *doc;

  if (setjmp (escape) != 0)
    return NULL;
  topiary_markdown_budget_arm (budget, &escape);
  doc = parse (state, text, length, shift, parser_out);
  topiary_markdown_budget_arm (budget, NULL);
  return doc;
}

/* Parses and renders @text, which starts on line @first_line of the
 * document (source positions count from there), into HTML allocated with
 * malloc(). Returns NULL, having changed nothing in @state, when its
 * syntax tree would go over DOCUMENT_BUDGET. */
static char *
render_document (RenderState *state,
                 const char  *text,
                 gsize        length,
                 guint        first_line)
{
  cmark_mem *outer_mem = document_mem;
  TopiaryBudget *budget = NULL;
  TopiaryBudget *previous = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GArray) wiki_lines = NULL;
  guint shift = state->options->sourcepos ? first_line - 1 : 0;
  cmark_parser *parser = NULL;
  Arena *arena;
  cmark_node *doc;
  char *html;

  /* A render nested in a link callback leaves the outer one's arena alone.
   * A small text cannot go over the budget. */
  arena = length <= ARENA_MAX_TEXT && outer_mem == NULL ? arena_get () : NULL;
  if (arena != NULL)
    {
      document_mem = &arena_mem;
      doc = parse (state, text, length, shift, &parser);
    }
  else
    {
      budget = topiary_markdown_budget_begin (DOCUMENT_BUDGET, &previous);
      document_mem = topiary_markdown_budget_mem ();
      doc = parse_within (budget, state, text, length, shift, &parser);
      if (doc == NULL)
        {
          topiary_markdown_budget_end (budget, previous);
          document_mem = outer_mem;
          return NULL;
        }
    }

  state->extensions = cmark_parser_get_syntax_extensions (parser);

  /* Collect first, change afterwards: an iterator does not survive
   * changes to the tree. */
  runs = g_ptr_array_new ();
  headings = g_ptr_array_new ();
  wiki_lines = find_wiki_lines (text, length);
  for (guint i = 0; i < wiki_lines->len; i++)
    g_array_index (wiki_lines, guint, i) += shift;
  collect_blocks (doc, wiki_lines, headings, runs);

  for (guint i = 0; i < runs->len; i++)
    process_text_run (state, g_ptr_array_index (runs, i));

  for (guint i = 0; i < headings->len; i++)
    process_heading (state, g_ptr_array_index (headings, i));

  html = cmark_render_html_with_mem (doc, state->cmark_options, state->extensions,
                                     cmark_get_default_mem_allocator ());

  cmark_node_free (doc);
  cmark_parser_free (parser);
  state->extensions = NULL;
  if (arena != NULL)
    arena_reset (arena);
  else
    topiary_markdown_budget_end (budget, previous);
  document_mem = outer_mem;

  return html;
}

/* Where the piece that starts at @p ends: after the last blank line
 * within PIECE_MAX bytes (and within TOPIARY_MARKDOWN_INLINE_COST_MAX),
 * else after the last line break, else at a character boundary. */
static const char *
piece_end (const char *p,
           const char *end)
{
  const char *blank = NULL, *newline = NULL, *q;
  guint64 closers = 0, delims = 0;

  for (q = p; q < end && q - p < PIECE_MAX; q++)
    {
      if (*q == '\n')
        {
          newline = q + 1;
          if (q > p && q[-1] == '\n')
            blank = q + 1;
        }
      else if (*q == ']')
        closers++;
      else if (*q == '*' || *q == '_' || *q == '~')
        delims++;
      if (closers * delims > TOPIARY_MARKDOWN_INLINE_COST_MAX)
        break;
    }

  if (q == end)
    return end;
  if (blank != NULL)
    return blank;
  if (newline != NULL)
    return newline;
  while (q > p + 1 && ((guchar) *q & 0xC0) == 0x80)
    q--;
  return q > p ? q : p + 1;
}

static char *
render_pieces (RenderState *state,
               const char  *text,
               gsize        length)
{
  GString *out = g_string_sized_new (length + length / 2);
  const char *end = text + length;
  const char *p = text;
  guint line = 1;

  while (p < end)
    {
      const char *q = piece_end (p, end);
      char *html = render_document (state, p, q - p, line);

      if (html != NULL)
        {
          g_string_append (out, html);
          cmark_get_default_mem_allocator ()->free (html);
        }
      else
        {
          /* Cannot happen with any text seen so far; plain text then. */
          g_string_append (out, "<pre>");
          append_escaped (out, p, q - p);
          g_string_append (out, "</pre>\n");
        }

      for (const char *nl = p; (nl = memchr (nl, '\n', q - nl)) != NULL; nl++)
        line++;
      p = q;
    }

  return g_string_free (out, FALSE);
}

static TopiaryMarkdownResult *
render (const char                   *markdown,
        gssize                        length,
        const TopiaryMarkdownOptions *options,
        gboolean                      counted,
        guint                         words)
{
  static const TopiaryMarkdownOptions defaults = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autofree char *valid = NULL;
  TopiaryMarkdownResult *result;
  RenderState state = { 0 };
  gboolean tables_ok, inlines_ok;
  int cmark_options;

  g_return_val_if_fail (markdown != NULL || length == 0, NULL);

  ensure_cmark ();

  if (markdown == NULL)
    markdown = "";
  if (length < 0)
    length = strlen (markdown);
  if (options == NULL)
    options = &defaults;

  result = g_new0 (TopiaryMarkdownResult, 1);
  result->ref_count = 1;
  result->headings = g_ptr_array_new_with_free_func (heading_free);
  result->links = g_ptr_array_new_with_free_func (g_free);
  result->unresolved = g_ptr_array_new_with_free_func (g_free);

  /* cmark replaces NUL bytes but passes invalid UTF-8 through. */
  if (!topiary_utf8_validate (markdown, length, NULL))
    {
      valid = g_utf8_make_valid (markdown, length);
      markdown = valid;
      length = strlen (valid);
    }

  cmark_options = CMARK_OPT_DEFAULT;
  if (options->sourcepos)
    cmark_options |= CMARK_OPT_SOURCEPOS;
  if (options->allow_html)
    cmark_options |= CMARK_OPT_UNSAFE;

  state.options = options;
  state.cmark_options = cmark_options;
  state.seen_links = g_hash_table_new (g_str_hash, g_str_equal);
  state.seen_unresolved = g_hash_table_new (g_str_hash, g_str_equal);
  state.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.result = result;

  topiary_markdown_assess (markdown, length, &tables_ok, &inlines_ok);
  state.no_tables = !tables_ok;

  /* Rendered with malloc(), and g_free() is free() since GLib 2.46: the
   * (possibly large) page is not copied out of the arena. */
  if (inlines_ok)
    result->html = render_document (&state, markdown, length, 1);
  if (result->html == NULL)
    result->html = render_pieces (&state, markdown, length);

  /* A repaired text may count differently from the one the caller counted. */
  result->words = counted && valid == NULL ? words : count_words (markdown, markdown + length);

  g_hash_table_unref (state.seen_links);
  g_hash_table_unref (state.seen_unresolved);
  g_hash_table_unref (state.ids);

  return result;
}

TopiaryMarkdownResult *
topiary_markdown_render (const char                   *markdown,
                         gssize                        length,
                         const TopiaryMarkdownOptions *options)
{
  return render (markdown, length, options, FALSE, 0);
}

TopiaryMarkdownResult *
topiary_markdown_render_counted (const char                   *markdown,
                                 gssize                        length,
                                 const TopiaryMarkdownOptions *options,
                                 guint                         words)
{
  return render (markdown, length, options, TRUE, words);
}

/* ------------------------------------------------------------------------
 * Line scanning shared by the word count and the link scanner
 * ---------------------------------------------------------------------- */

typedef struct {
  char  fence_char;   /* '`' or '~' while inside a fenced block, else 0 */
  guint fence_len;
  gboolean in_indented_code;
  gboolean prev_blank;
  gboolean in_list;
} BlockState;

static guint
leading_spaces (const char *line,
                const char *end)
{
  guint col = 0;

  for (const char *p = line; p < end; p++)
    {
      if (*p == ' ')
        col++;
      else if (*p == '\t')
        col += 4 - (col % 4);
      else
        break;
    }

  return col;
}

static gboolean
is_blank (const char *line,
          const char *end)
{
  for (const char *p = line; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Length of a list marker ("- ", "* ", "+ ", "12. ", "3) ") at @p, or 0. */
static gsize
list_marker_len (const char *p,
                 const char *end)
{
  const char *q = p;

  if (q < end && (*q == '-' || *q == '*' || *q == '+'))
    q++;
  else
    {
      while (q < end && q - p < 9 && g_ascii_isdigit (*q))
        q++;
      if (q == p || q >= end || (*q != '.' && *q != ')'))
        return 0;
      q++;
    }

  if (q < end && *q != ' ' && *q != '\t')
    return 0;

  return q - p;
}

/* Decides whether the line [@line, @end) is code. Keeps track of fences,
 * and of indented code, which cmark only starts after a blank line outside
 * a list (a good approximation without building the block tree). */
static gboolean
line_is_code (BlockState *bs,
              const char *line,
              const char *end)
{
  guint indent = leading_spaces (line, end);
  const char *p = line;
  gboolean blank = is_blank (line, end);

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  if (bs->fence_char != 0)
    {
      guint n = 0;

      if (indent < 4)
        {
          while (p + n < end && p[n] == bs->fence_char)
            n++;
          if (n >= bs->fence_len && is_blank (p + n, end))
            bs->fence_char = 0;
        }
      return TRUE;
    }

  if (bs->in_indented_code)
    {
      if (blank || indent >= 4)
        return TRUE;
      bs->in_indented_code = FALSE;
    }

  if (blank)
    {
      bs->prev_blank = TRUE;
      return FALSE;
    }

  if (indent >= 4 && bs->prev_blank && !bs->in_list)
    {
      bs->in_indented_code = TRUE;
      return TRUE;
    }

  if (indent < 4 && (*p == '`' || *p == '~'))
    {
      guint n = 0;

      while (p + n < end && p[n] == *p)
        n++;
      /* A backtick fence's info string may not hold backticks. */
      if (n >= 3 && (*p == '~' || memchr (p + n, '`', end - (p + n)) == NULL))
        {
          bs->fence_char = *p;
          bs->fence_len = n;
          bs->prev_blank = FALSE;
          return TRUE;
        }
    }

  if (indent < 4 && list_marker_len (p, end) > 0)
    bs->in_list = TRUE;
  else if (indent == 0 && bs->prev_blank)
    bs->in_list = FALSE;

  bs->prev_blank = FALSE;
  return FALSE;
}

static inline const char *
line_end (const char *p,
          const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl ? nl : end;
}

/* ------------------------------------------------------------------------
 * Word count
 * ---------------------------------------------------------------------- */

static inline gboolean
is_word_char (const char **pp,
              const char  *end)
{
  const guchar c = **(const guchar **) pp;
  gunichar ch;
  const char *next;

  if (c < 0x80)
    return g_ascii_isalnum (c);

  /* Letters of any script count; dashes, quotes and symbols do not. */
  ch = g_utf8_get_char_validated (*pp, end - *pp);
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    return FALSE;
  next = g_utf8_next_char (*pp);
  if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
    {
      *pp = next - 1;
      return TRUE;
    }
  *pp = next - 1;
  return FALSE;
}

static guint
count_words (const char *text,
             const char *text_end)
{
  BlockState bs = { 0 };
  const char *line;
  guint words = 0;

  for (line = text; line < text_end; )
    {
      const char *end = line_end (line, text_end);
      const char *p = line;
      enum { TOKEN_NONE, TOKEN_UNCOUNTED, TOKEN_COUNTED } token = TOKEN_NONE;

      if (line_is_code (&bs, line, end))
        goto next_line;

      /* Block markers: "> ", "1. ", "- [x] " are no words. */
      for (;;)
        {
          gsize n;

          while (p < end && (*p == ' ' || *p == '\t'))
            p++;
          if (p < end && *p == '>')
            p++;
          else if ((n = list_marker_len (p, end)) > 0)
            p += n;
          else if (end - p >= 3 && p[0] == '[' && p[2] == ']' &&
                   (p[1] == ' ' || p[1] == 'x' || p[1] == 'X'))
            p += 3;
          else
            break;
        }

      /* A link reference definition is no prose. */
      if (p < end && *p == '[')
        {
          const char *close = memchr (p, ']', end - p);

          if (close != NULL && close + 1 < end && close[1] == ':')
            goto next_line;
        }

      /* The hot loop: most bytes are letters inside a word already counted,
       * so that case costs three comparisons. */
      for (; p < end; p++)
        {
          guchar c = *p;

          if (c <= ' ')
            {
              token = TOKEN_NONE;
              continue;
            }

          if (G_UNLIKELY (c == '<' || c == ']'))
            {
              const char *skip_to = NULL;

              if (c == '<' && p + 1 < end &&
                  (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
                skip_to = memchr (p, '>', end - p);    /* an HTML tag */
              else if (c == ']' && p + 1 < end && p[1] == '(')
                skip_to = memchr (p, ')', end - p);    /* a link's URL */

              if (skip_to != NULL)
                {
                  p = skip_to;
                  token = TOKEN_NONE;
                  continue;
                }
            }

          if (token != TOKEN_COUNTED)
            {
              if (is_word_char (&p, end))
                {
                  token = TOKEN_COUNTED;
                  words++;
                }
              else
                token = TOKEN_UNCOUNTED;
            }
        }

    next_line:
      line = end + 1;
    }

  return words;
}

guint
topiary_markdown_word_count (const char *text)
{
  if (text == NULL)
    return 0;

  return count_words (text, text + strlen (text));
}

guint
topiary_markdown_reading_minutes (guint words)
{
  return MAX (1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
}

/* ------------------------------------------------------------------------
 * Link scanner
 * ---------------------------------------------------------------------- */

static gboolean
url_is_relative (const char *url,
                 gsize       len)
{
  gsize i = 0;

  if (len == 0 || url[0] == '#' || url[0] == '?')
    return FALSE;
  if (len >= 2 && url[0] == '/' && url[1] == '/')
    return FALSE;

  /* A scheme: a letter, then letters, digits, "+", "-" or ".", then ":". */
  if (g_ascii_isalpha (url[0]))
    {
      for (i = 1; i < len; i++)
        if (!(g_ascii_isalnum (url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.'))
          break;
      if (i < len && url[i] == ':')
        return FALSE;
    }

  return TRUE;
}

static void
add_link (GPtrArray       *links,
          TopiaryLinkKind  kind,
          const char      *target,
          gsize            target_len,
          const char      *label,
          gsize            label_len,
          guint            line)
{
  TopiaryMarkdownLink *link = g_new0 (TopiaryMarkdownLink, 1);

  link->kind = kind;
  link->target = g_utf8_make_valid (target, target_len);
  link->label = g_utf8_make_valid (label, label_len);
  link->line = line;
  g_ptr_array_add (links, link);
}

/* @p points after "](": parses the destination of an inline link. Returns
 * the position after the closing ")" or NULL. */
static const char *
parse_destination (const char  *p,
                   const char  *end,
                   const char **url,
                   gsize       *url_len)
{
  int depth = 0;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  if (p < end && *p == '<')
    {
      const char *gt = memchr (p, '>', end - p);

      if (gt == NULL)
        return NULL;
      *url = p + 1;
      *url_len = gt - (p + 1);
      p = gt + 1;
    }
  else
    {
      const char *start = p;

      for (; p < end; p++)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '(')
            depth++;
          else if (*p == ')')
            {
              if (depth == 0)
                break;
              depth--;
            }
          else if (*p == ' ' || *p == '\t')
            break;
        }
      *url = start;
      *url_len = p - start;
    }

  /* Skip an optional title up to the closing parenthesis. */
  while (p < end && *p != ')')
    {
      if (*p == '"' || *p == '\'')
        {
          const char *q = memchr (p + 1, *p, end - (p + 1));

          if (q == NULL)
            return NULL;
          p = q;
        }
      p++;
    }

  if (p >= end)
    return NULL;

  return p + 1;
}

/* What the scanner found, handed to whoever asked. */
typedef struct _ScanSink ScanSink;
struct _ScanSink {
  void (*wiki)     (ScanSink        *sink,
                    const char      *start,
                    const WikiMatch *m,
                    guint            line);
  void (*relative) (ScanSink        *sink,
                    const char      *url,
                    gsize            url_len,
                    const char      *label,
                    gsize            label_len,
                    guint            line);
};

static void
scan_line (ScanSink   *sink,
           const char *line,
           const char *end,
           guint       lineno)
{
  const char *p = line;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  /* [label]: url — a link reference definition. */
  if (p < end && *p == '[' && (p + 1 >= end || p[1] != '['))
    {
      const char *close = memchr (p, ']', end - p);

      if (close != NULL && close + 1 < end && close[1] == ':')
        {
          const char *url = close + 2;
          const char *url_end;

          while (url < end && (*url == ' ' || *url == '\t'))
            url++;
          if (url < end && *url == '<')
            url++;
          url_end = url;
          while (url_end < end && !g_ascii_isspace (*url_end) && *url_end != '>')
            url_end++;
          if (url_is_relative (url, url_end - url))
            sink->relative (sink, url, url_end - url, p + 1, close - (p + 1), lineno);
          return;
        }
    }

  for (p = line; p < end; p++)
    {
      switch (*p)
        {
        case '\\':
          /* cmark joins an escaped "[" with the text around it, so the
           * renderer sees "\\[[x]]" as a wiki link: so does the scanner. */
          if (!(p + 2 < end && p[1] == '[' && p[2] == '['))
            p++;
          break;

        case '`':
          {
            /* A code span closes with a run of the same length. */
            gsize n = 0, m;
            const char *q;

            while (p + n < end && p[n] == '`')
              n++;
            for (q = p + n; q < end; q += m)
              {
                m = 0;
                if (*q != '`')
                  {
                    m = 1;
                    continue;
                  }
                while (q + m < end && q[m] == '`')
                  m++;
                if (m == n)
                  break;
              }
            p = (q < end) ? q + n - 1 : p + n - 1;
          }
          break;

        case '[':
          {
            WikiMatch m;
            const char *close;

            if (p + 1 < end && p[1] == '[')
              {
                if (parse_wiki (p, end, &m))
                  {
                    sink->wiki (sink, p, &m, lineno);
                    p += m.length - 1;
                  }
                break;
              }

            if (p > line && p[-1] == '!')
              break;

            close = memchr (p, ']', end - p);
            if (close != NULL && close + 1 < end && close[1] == '(')
              {
                const char *url;
                gsize url_len;
                const char *after = parse_destination (close + 2, end, &url, &url_len);

                if (after != NULL)
                  {
                    if (url_is_relative (url, url_len))
                      sink->relative (sink, url, url_len, p + 1, close - (p + 1), lineno);
                    p = after - 1;
                  }
              }
          }
          break;

        case '<':
          {
            /* An inline HTML comment hides what it holds. */
            if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
              {
                const char *q = g_strstr_len (p + 4, end - (p + 4), "-->");

                if (q != NULL)
                  p = q + 2;
              }
          }
          break;

        default:
          break;
        }
    }
}

/* Feeds every prose line of [@text, @text_end) to scan_line(). */
static void
scan_text (ScanSink   *sink,
           const char *text,
           const char *text_end)
{
  BlockState bs = { 0 };
  guint lineno = 1;

  for (const char *line = text; line < text_end; lineno++)
    {
      const char *end = line_end (line, text_end);

      /* Cheap test first: most lines have no bracket at all. */
      if (!line_is_code (&bs, line, end) && memchr (line, '[', end - line) != NULL)
        scan_line (sink, line, end, lineno);

      line = end + 1;
    }
}

typedef struct {
  ScanSink   sink;
  GPtrArray *links;
} CollectSink;

static void
collect_wiki (ScanSink        *sink,
              const char      *start,
              const WikiMatch *m,
              guint            line)
{
  add_link (((CollectSink *) sink)->links, TOPIARY_LINK_WIKI,
            m->target, m->target_len, m->label, m->label_len, line);
}

static void
collect_relative (ScanSink   *sink,
                  const char *url,
                  gsize       url_len,
                  const char *label,
                  gsize       label_len,
                  guint       line)
{
  add_link (((CollectSink *) sink)->links, TOPIARY_LINK_RELATIVE,
            url, url_len, label, label_len, line);
}

GPtrArray *
topiary_markdown_scan_links (const char *markdown)
{
  CollectSink collect = { { collect_wiki, collect_relative }, NULL };

  collect.links = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_markdown_link_free);

  if (markdown != NULL)
    scan_text (&collect.sink, markdown, markdown + strlen (markdown));

  return collect.links;
}

typedef struct {
  ScanSink                      sink;
  const TopiaryMarkdownOptions *options;
  GString                      *out;
  const char                   *copied;    /* source up to here is in out */
  GPtrArray                    *unresolved;
  GHashTable                   *seen;
} RewriteSink;

/* Escapes what would change the meaning of link text. */
static void
append_markdown_text (GString    *out,
                      const char *text,
                      gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (strchr ("\\[]*_`<>", text[i]) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
}

static void
rewrite_wiki (ScanSink        *sink,
              const char      *start,
              const WikiMatch *m,
              guint            line)
{
  RewriteSink *self = (RewriteSink *) sink;
  const TopiaryMarkdownOptions *options = self->options;
  g_autofree char *target = g_strndup (m->target, m->target_len);
  g_autofree char *heading = NULL;
  g_autofree char *slug = NULL;

  g_string_append_len (self->out, self->copied, start - self->copied);
  self->copied = start + m->length;

  slug = resolve_target (options, target, &heading);

  if (slug == NULL || *slug == '\0')
    {
      append_markdown_text (self->out, m->label, m->label_len);
      if (self->unresolved != NULL && g_hash_table_add (self->seen, g_strdup (target)))
        g_ptr_array_add (self->unresolved, g_strdup (target));
      return;
    }

  {
    g_autofree char *href = make_href (options, slug, heading);

    const char *h = href ? href : "";

    g_string_append_c (self->out, '[');
    append_markdown_text (self->out, m->label, m->label_len);

    if (options->href_verbatim && strpbrk (h, ")\r\n") == NULL)
      g_string_append_printf (self->out, "](%s)", h);
    else if (*h != '\0' && strpbrk (h, " ()<>\\\t\r\n") == NULL)
      g_string_append_printf (self->out, "](%s)", h);
    else
      {
        /* The <…> form takes anything but "<", ">" and line breaks, and
         * reads backslashes as escapes. */
        g_string_append (self->out, "](<");
        for (; *h; h++)
          {
            if (*h == '<' || *h == '>' || *h == '\n' || *h == '\r')
              g_string_append_printf (self->out, "%%%02X", (guchar) *h);
            else if (*h == '\\')
              g_string_append (self->out, "\\\\");
            else
              g_string_append_c (self->out, *h);
          }
        g_string_append (self->out, ">)");
      }
  }
}

static void
ignore_relative (ScanSink   *sink,
                 const char *url,
                 gsize       url_len,
                 const char *label,
                 gsize       label_len,
                 guint       line)
{
}

char *
topiary_markdown_rewrite_links (const char                   *markdown,
                                const TopiaryMarkdownOptions *options,
                                GPtrArray                    *unresolved)
{
  static const TopiaryMarkdownOptions defaults = TOPIARY_MARKDOWN_OPTIONS_INIT;
  RewriteSink rewrite = { { rewrite_wiki, ignore_relative }, NULL };
  const char *end;

  if (markdown == NULL)
    return g_strdup ("");

  end = markdown + strlen (markdown);
  rewrite.options = options ? options : &defaults;
  rewrite.out = g_string_sized_new (end - markdown + 64);
  rewrite.copied = markdown;
  rewrite.unresolved = unresolved;
  rewrite.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  scan_text (&rewrite.sink, markdown, end);
  g_string_append_len (rewrite.out, rewrite.copied, end - rewrite.copied);

  g_hash_table_unref (rewrite.seen);
  return g_string_free (rewrite.out, FALSE);
}

char *
topiary_markdown_relative_link_slug (const char *url)
{
  g_autofree char *path = NULL;
  char *cut;
  char *last;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  if (!url_is_relative (url, strlen (url)))
    return NULL;

  path = g_strdup (url);
  if ((cut = strpbrk (path, "?#")) != NULL)
    *cut = '\0';

  /* Drop trailing "/" and "index.html", "index.md". */
  for (;;)
    {
      len = strlen (path);
      if (len > 0 && path[len - 1] == '/')
        path[len - 1] = '\0';
      else if (g_str_has_suffix (path, "index.html") &&
               (len == strlen ("index.html") || path[len - strlen ("index.html") - 1] == '/'))
        path[len - strlen ("index.html")] = '\0';
      else if (g_str_has_suffix (path, "index.md") &&
               (len == strlen ("index.md") || path[len - strlen ("index.md") - 1] == '/'))
        path[len - strlen ("index.md")] = '\0';
      else
        break;
    }

  last = strrchr (path, '/');
  last = last ? last + 1 : path;

  if (g_str_has_suffix (last, ".md"))
    last[strlen (last) - 3] = '\0';
  else if (g_str_has_suffix (last, ".html"))
    last[strlen (last) - 5] = '\0';

  /* Anything else with an extension is a file (an image, a PDF …). */
  if (*last == '\0' || strchr (last, '.') != NULL)
    return NULL;

  return g_strdup (last);
}
