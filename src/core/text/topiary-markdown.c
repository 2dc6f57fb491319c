/* topiary-markdown.c — Markdown to HTML with cmark-gfm: wiki links
 * resolved, heading ids, long texts in pieces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include "topiary-escape.h"
#include "topiary-markdown.h"
#include "topiary-markdown-budget.h"
#include "topiary-markdown-private.h"
#include "topiary-utf8.h"
#include "topiary-slug.h"

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
remember (GPtrArray  *array,
          GHashTable *seen,
          const char *value)
{
  if (g_hash_table_contains (seen, value))
    return;

  g_ptr_array_add (array, g_strdup (value));
  g_hash_table_add (seen, g_ptr_array_index (array, array->len - 1));
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
  g_autofree char *slug = _topiary_markdown_resolve_target (state->options, target, &heading);
  g_autoptr(GString) enter = g_string_sized_new (128);
  cmark_node *node;

  if (slug != NULL && *slug != '\0')
    {
      g_autofree char *href = _topiary_markdown_make_href (state->options, slug, heading);

      g_string_append (enter, "<a class=\"wikilink\" href=\"");
      topiary_escape_append (enter, href ? href : "", -1, TOPIARY_ESCAPE_HTML_ATTRIBUTE);
      g_string_append (enter, "\" data-slug=\"");
      topiary_escape_append (enter, slug, -1, TOPIARY_ESCAPE_HTML_ATTRIBUTE);
      g_string_append (enter, "\">");
      node = node_new (CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter (node, enter->str);
      cmark_node_set_on_exit (node, "</a>");

      remember (state->result->links, state->seen_links, slug);
    }
  else
    {
      g_string_append (enter, "<span class=\"wikilink unresolved\" title=\"");
      topiary_escape_append (enter, target, -1, TOPIARY_ESCAPE_HTML_ATTRIBUTE);
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

      if (p + 1 < end && p[1] == '[' && _topiary_markdown_parse_wiki (p, end, &m))
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
void
_topiary_markdown_plain_text (cmark_node *node,
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

/* Puts @html in @node's place, as a custom block cmark copies verbatim. */
static void
replace_by_html (cmark_node *node,
                 const char *html)
{
  cmark_node *block = node_new (CMARK_NODE_CUSTOM_BLOCK);

  cmark_node_set_on_enter (block, html);
  cmark_node_set_on_exit (block, "");
  cmark_node_insert_before (node, block);
  cmark_node_unlink (node);
  cmark_node_free (node);
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
  char *rendered;

  _topiary_markdown_plain_text (heading, text);
  g_strstrip (text->str);
  g_string_set_size (text, strlen (text->str));

  /* The title is the page's only <h1> (topiary-markdown-title.h). */
  if (state->options->title != NULL && cmark_node_get_heading_level (heading) == 1)
    cmark_node_set_heading_level (heading, 2);

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

  replace_by_html (heading, html->str);
}

/* The first word of @code's info string when it may name a language: at
 * most 40 bytes of letters, digits and "+#._-" (anything else, quotes
 * included, is no language a highlighter knows), else NULL. */
static char *
code_language (cmark_node *code)
{
  const char *info = cmark_node_get_fence_info (code);
  gsize n = 0;

  if (info == NULL)
    return NULL;
  while (info[n] != '\0' && info[n] != ' ' && info[n] != '\t')
    {
      if (!g_ascii_isalnum (info[n]) && strchr ("+#._-", info[n]) == NULL)
        return NULL;
      n++;
    }
  return n > 0 && n <= 40 ? g_strndup (info, n) : NULL;
}

/* Like process_heading(): the code block is rendered alone (so its <pre>
 * keeps its data-sourcepos and class), its text is replaced by what the
 * highlighter makes of it, and it goes back as a custom block. */
static void
process_code (RenderState *state,
              cmark_node  *code)
{
  g_autofree char *language = code_language (code);
  const char *literal = cmark_node_get_literal (code);
  g_autoptr(GString) tokens = NULL;
  g_autoptr(GString) html = NULL;
  char *rendered;
  const char *open;

  if (language == NULL || literal == NULL)
    return;
  tokens = g_string_sized_new (strlen (literal) * 2 + 64);
  if (!state->options->highlight (language, literal, strlen (literal), tokens,
                                  state->options->highlight_data))
    return;

  rendered = cmark_render_html_with_mem (code, state->cmark_options, state->extensions,
                                         cmark_get_default_mem_allocator ());
  html = g_string_new (rendered);
  cmark_get_default_mem_allocator ()->free (rendered);

  /* cmark writes "<pre…><code…>text</code></pre>\n"; "<code" comes before
   * any text, and its attribute values hold no ">" (cmark escapes it). */
  open = strstr (html->str, "<code");
  g_assert (open != NULL && strchr (open, '>') != NULL);
  g_string_truncate (html, strchr (open, '>') + 1 - html->str);
  g_string_append_len (html, tokens->str, tokens->len);
  g_string_append (html, "</code></pre>");

  replace_by_html (code, html->str);
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
                GPtrArray  *codes,
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
          /* Only a fence has an info string to name its language. */
          if (codes != NULL && *cmark_node_get_fence_info (node) != '\0')
            g_ptr_array_add (codes, node);
          break;

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
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) wiki_lines = NULL;
  guint shift = state->options->sourcepos ? first_line - 1 : 0;
  cmark_parser *parser = NULL;
  TopiaryMarkdownArena *arena;
  cmark_node *doc;
  char *html;

  /* A render nested in a link callback leaves the outer one's arena alone.
   * A small text cannot go over the budget. */
  arena = length <= ARENA_MAX_TEXT && outer_mem == NULL ? _topiary_markdown_arena_get () : NULL;
  if (arena != NULL)
    {
      document_mem = &_topiary_markdown_arena_mem;
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
  if (state->options->highlight != NULL)
    codes = g_ptr_array_new ();
  wiki_lines = find_wiki_lines (text, length);
  for (guint i = 0; i < wiki_lines->len; i++)
    g_array_index (wiki_lines, guint, i) += shift;
  collect_blocks (doc, wiki_lines, headings, codes, runs);

  for (guint i = 0; i < runs->len; i++)
    process_text_run (state, g_ptr_array_index (runs, i));

  for (guint i = 0; i < headings->len; i++)
    {
      cmark_node *heading = g_ptr_array_index (headings, i);

      /* The page shows the title already (topiary-markdown-title.h). */
      if (i == 0 && first_line == 1 && state->options->title != NULL &&
          heading == cmark_node_first_child (doc) &&
          cmark_node_get_heading_level (heading) == 1 &&
          _topiary_markdown_heading_says (heading, state->options->title))
        {
          cmark_node_unlink (heading);
          cmark_node_free (heading);
          continue;
        }
      process_heading (state, heading);
    }

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    process_code (state, g_ptr_array_index (codes, i));

  html = cmark_render_html_with_mem (doc, state->cmark_options, state->extensions,
                                     cmark_get_default_mem_allocator ());

  cmark_node_free (doc);
  cmark_parser_free (parser);
  state->extensions = NULL;
  if (arena != NULL)
    _topiary_markdown_arena_reset (arena);
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
          topiary_escape_append (out, p, q - p, TOPIARY_ESCAPE_HTML_TEXT);
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
  result->words = counted && valid == NULL ? words : _topiary_markdown_count_words (markdown, markdown + length);

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
