/* topiary-import-outline.c — content plans written as Markdown outlines
 *
 * What the reader understands (the fixtures tests/data/outline-*.md and
 * the corpus tests/data/maps/, issue 11):
 *
 *  - YAML front matter at the top: title/description go to the map.
 *  - A lone top-level "# Title" is the map's title; the shallowest remaining
 *    heading level names the groups. Headings named like a note ("Strategy",
 *    "Audience", "Content gaps", "FAQ" …) become map notes; "Ideas" or
 *    "Backlog" sections hold ideas outside any group.
 *  - A deeper heading is a label when its section lists articles ("###
 *    Supporting articles", "### Informational" sets kind or intent for
 *    them), otherwise it is an article itself and its section describes it.
 *  - List items are articles. An item's nested items are its details
 *    ("Target: a, b", "Intent: …", "Priority 2", free text → summary) unless
 *    they look like articles themselves (checkbox, path, marks, or a parent
 *    marked as pillar): then they are its clusters.
 *  - On an item: "- [x]" is published, "- [ ]" planned, "- [~]" drafting;
 *    "/apps/actual-budget" or a link gives the slug; "(pillar)", "Pillar:",
 *    "P1", "Priority 2", intent words, "1,500 words" in parentheses or after
 *    a dash; anything else after " — " is the summary.
 *  - Tables with Title/Slug/Keyword/Intent/Priority/Status/Type columns are
 *    rows of articles; other columns are kept in the summary.
 *  - Each group's pillar is the article marked so; when none is, the first
 *    article of the group is its pillar. Clusters get their group's pillar
 *    as parent. The writing order is the document order.
 *  - A list outside any group whose items have nested articles makes each
 *    such item a group (named after it) and its pillar; other articles
 *    outside any group are ideas.
 *  - A heading followed by field lines ("- **URL slug:** /a", "Primary
 *    keyword: x", a "Property | Value" table) is one article with those
 *    fields, at any level; a group heading with fields and headings below
 *    it is the group and its pillar. A field line is never an article.
 *  - Group titles lose their numbering and "Hub 1:", "Pillar:" prefixes.
 *  - Hub documents: "1.1 Hub thesis" describes the group, "1.2 Document
 *    table" lists its articles; a linking plan ("A → B" items or a From/To
 *    table) is a note whose pairs link the articles they name.
 *  - Several tables: see topiary-import-tables.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-frontmatter.h"
#include "topiary-import-outline-private.h"
#include "topiary-import-private.h"
#include "topiary-slug.h"

/* ---- sections ---- */

/* The user's reading of table headers, if any. */
#define COLUMNS(ctx) ((ctx)->options != NULL ? (ctx)->options->columns : NULL)

static const char *
note_kind_for_heading (const char *heading)
{
  static const struct { const char *needle; const char *kind; } kinds[] = {
    { "strategy", "strategy" }, { "overview", "strategy" }, { "approach", "strategy" },
    { "summary", "strategy" },
    { "audience", "audience" }, { "persona", "audience" }, { "reader", "audience" },
    { "goal", "goal" }, { "objective", "goal" }, { "kpi", "goal" },
    { "monetiz", "monetization" }, { "monetis", "monetization" }, { "revenue", "monetization" },
    { "affiliate", "monetization" }, { "rpm", "rpm" },
    { "content gap", "content-gap" }, { "gaps", "content-gap" },
    { "entities", "key-entity" }, { "entity", "key-entity" },
    { "key fact", "key-fact" }, { "facts", "key-fact" },
    { "common question", "common-question" }, { "faq", "common-question" },
    { "questions", "common-question" },
    { "seasonal", "seasonality" }, { "timeline", "timeline" },
    { "notes", "other" }, { "resources", "other" }, { "references", "other" },
  };
  g_autofree char *down = g_utf8_strdown (heading, -1);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strstr (down, kinds[i].needle) != NULL)
      return kinds[i].kind;
  return NULL;
}

static gboolean
is_ideas_heading (const char *heading)
{
  static const char * const words[] = { "ideas", "idea", "backlog", "later", "parking lot",
                                        "maybe", "someday", "unsorted", "future", NULL };
  g_autofree char *norm = g_utf8_strdown (heading, -1);

  for (char *p = norm; *p; p++)
    if (!g_ascii_isalnum (*p) && (guchar) *p < 0x80)
      *p = ' ';
  g_strstrip (norm);
  for (guint i = 0; words[i]; i++)
    if (strcmp (norm, words[i]) == 0 || (g_str_has_suffix (norm, words[i]) && strlen (norm) < 24))
      return TRUE;
  return FALSE;
}

/* The length of a leading section number: "1.", "2)", "1.2", "1.2.3." and
 * the space after it; 0 when there is none. */
static gsize
section_number (const char *title)
{
  const char *p = title;

  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    p++;
  if (*p == '.' || *p == ')')
    p++;
  if (*p != ' ')
    return 0;
  while (*p == ' ')
    p++;
  return (gsize) (p - title);
}

/* "1. Pillar: Starter basics", "Hub 2: Invisalign", "Cluster 1 — Speed":
 * the group's own name. */
static char *
group_title (const char *heading)
{
  static const char * const words[] = { "topic cluster", "content cluster", "content hub", "pillar topic",
                                        "hub", "pillar", "cluster", "silo", "group", "category",
                                        "section", "topic", NULL };
  const char *p = heading + section_number (heading);

  for (guint i = 0; words[i]; i++)
    {
      gsize n = strlen (words[i]);
      const char *q = p + n;

      if (g_ascii_strncasecmp (p, words[i], n) != 0)
        continue;
      /* An optional number or letter: "Hub 1", "Cluster A", "Pillar #2". */
      if (*q == ' ' && (g_ascii_isdigit (q[1]) || q[1] == '#' ||
                        (g_ascii_isupper (q[1]) && (q[2] == ':' || q[2] == ' '))))
        {
          q++;
          if (*q == '#')
            q++;
          while (g_ascii_isalnum (*q) && q - p < (gssize) n + 6)
            q++;
        }
      if (*q == ':')
        q++;
      else if (g_str_has_prefix (q, " \xe2\x80\x94 ") || g_str_has_prefix (q, " \xe2\x80\x93 "))
        q += 5;
      else if (g_str_has_prefix (q, " - "))
        q += 3;
      else
        continue;
      while (*q == ' ')
        q++;
      if (*q != '\0')
        return g_strdup (q);
    }
  return g_strdup (p);
}

/* Parts of a hub document that are not articles: "1.1 Hub thesis",
 * "1.2 Document table", "1.4 Refresh priorities". */
static gboolean
is_subsection_heading (const char *title,
                       gboolean   *describes)
{
  static const char * const describing[] = { "thesis", "overview", "summary", "introduction", "intro",
                                             "scope", "positioning", "rationale", "about this hub",
                                             "purpose", NULL };
  static const char * const parts[] = { "document table", "documents", "article table", "articles table",
                                        "content table", "page table", "inventory", "consolidat",
                                        "priorities", "roadmap", "gaps", "metrics", "kpi", "build order",
                                        "publishing order", "refresh", NULL };
  g_autofree char *down = g_utf8_strdown (title + section_number (title), -1);

  *describes = FALSE;
  for (guint i = 0; describing[i]; i++)
    if (strstr (down, describing[i]) != NULL)
      return *describes = TRUE;
  for (guint i = 0; parts[i]; i++)
    if (strstr (down, parts[i]) != NULL)
      return TRUE;
  return FALSE;
}

Entry *
ctx_new_entry (Ctx        *ctx,
               const char *label_intent,
               int         label_kind)
{
  Entry *entry = entry_new ();

  if (!ctx->in_ideas && ctx->group != NULL)
    entry->group = g_strdup (ctx->group);
  entry->intent = label_intent;
  if (label_kind == TOPIARY_KIND_PILLAR)
    entry->pillar = TRUE;
  else if (label_kind == TOPIARY_KIND_CLUSTER)
    entry->cluster = TRUE;
  g_ptr_array_add (ctx->entries, entry);
  return entry;
}

void
ctx_register_group (Ctx        *ctx,
                    const char *title)
{
  char *copy;

  /* A set, not a scan: an outline can name 50,000 groups. */
  if (g_hash_table_contains (ctx->group_seen, title))
    return;
  copy = g_strdup (title);
  g_ptr_array_add (ctx->group_order, copy);
  g_hash_table_add (ctx->group_seen, copy);
}

static void
ctx_set_group (Ctx        *ctx,
               const char *title)
{
  g_free (ctx->group);
  ctx->group = g_strdup (title);
  ctx->in_ideas = FALSE;
  ctx_register_group (ctx, title);
}

static char *
entry_slug (Entry *entry)
{
  if (entry->slug != NULL)
    return g_strdup (entry->slug);
  if (entry->title != NULL && *entry->title != '\0')
    return topiary_slugify (entry->title);
  return NULL;
}

Entry *
ctx_find_slug (Ctx        *ctx,
               const char *slug)
{
  /* Entries are indexed as they come, once each: linear over a document. */
  for (; ctx->indexed < ctx->entries->len; ctx->indexed++)
    {
      Entry *entry = g_ptr_array_index (ctx->entries, ctx->indexed);
      char *s = entry_slug (entry);

      if (s != NULL && !g_hash_table_contains (ctx->by_slug, s))
        g_hash_table_insert (ctx->by_slug, s, entry);
      else
        g_free (s);
    }
  return g_hash_table_lookup (ctx->by_slug, slug);
}

EntryNote *
ctx_add_note (Ctx        *ctx,
              const char *kind,
              const char *title,
              const char *body)
{
  EntryNote *n = g_new0 (EntryNote, 1);

  n->kind = g_strdup (kind);
  n->title = g_strdup (title);
  n->body = g_strdup (body ? body : "");
  g_ptr_array_add (ctx->notes, n);
  return n;
}

/* A note's title under the current group: "Group: Internal linking plan". */
static char *
ctx_note_title (Ctx        *ctx,
                const char *title)
{
  const char *own = title + section_number (title);

  if (ctx->group != NULL && !ctx->in_ideas)
    return g_strdup_printf ("%s: %s", ctx->group, own);
  return g_strdup (own);
}

static void
table_note (Ctx   *ctx,
            Block *table)
{
  g_autofree char *body = table_markdown (table);
  g_autofree char *title = ctx_note_title (ctx, ctx->section ? ctx->section : _("Table"));
  const char *kind = ctx->section ? note_kind_for_heading (ctx->section) : NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  /* A linking plan names articles: a note that links them. */
  link_pairs_from_table (table, pairs);
  if (pairs->len > 0)
    {
      EntryNote *note = ctx_add_note (ctx, "other", title, body);
      note->pairs = g_steal_pointer (&pairs);
      return;
    }
  ctx_add_note (ctx, kind ? kind : "other", title, body);
}

/* Items of one section, from @start up to (not including) @end. */
static void
section_items (Ctx        *ctx,
               GPtrArray  *blocks,
               guint       start,
               guint       end,
               Entry      *heading_article,
               const char *label_intent,
               int         label_kind)
{
  guint n = end - start;
  g_autofree int *parent = g_new (int, n + 1);
  g_autofree int *role = g_new0 (int, n + 1);          /* 0 detail, 1 article, 2 label */
  g_autofree gboolean *kids_articles = g_new0 (gboolean, n + 1);
  g_autofree gboolean *has_kids = g_new0 (gboolean, n + 1);
  g_autofree gboolean *detail_kids = g_new0 (gboolean, n + 1);
  g_autofree Entry **owner = g_new0 (Entry *, n + 1);     /* the article an item belongs to */
  g_autofree const char **item_intent = g_new0 (const char *, n + 1);
  g_autofree int *item_kind = g_new0 (int, n + 1);
  g_autofree TopiaryField *item_pending = g_new0 (TopiaryField, n + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  Entry *para_article = NULL;
  Entry *last_article = heading_article;
  gboolean nested_list = FALSE;
  enum { DETAIL, ARTICLE, LABEL, SKIP };

  /* Nesting by indentation, without recursion: lists can be deep. */
  for (guint i = 0; i < n; i++)
    {
      Block *b = g_ptr_array_index (blocks, start + i);

      parent[i] = -1;
      if (b->type != BLOCK_ITEM)
        {
          g_array_set_size (stack, 0);
          continue;
        }
      while (stack->len > 0)
        {
          guint top = g_array_index (stack, guint, stack->len - 1);
          Block *tb = g_ptr_array_index (blocks, start + top);
          if (tb->indent < b->indent)
            break;
          g_array_set_size (stack, stack->len - 1);
        }
      if (stack->len > 0)
        {
          parent[i] = (int) g_array_index (stack, guint, stack->len - 1);
          has_kids[parent[i]] = TRUE;
        }
      g_array_append_val (stack, i);
    }

  /* Children are articles when any of them looks like one on its own. */
  for (guint i = 0; i < n; i++)
    {
      Block *b = g_ptr_array_index (blocks, start + i);

      if (b->type != BLOCK_ITEM || parent[i] < 0 || b->continuation)
        continue;
      if (is_detail_text (b->text))
        {
          detail_kids[parent[i]] = TRUE;
          continue;
        }
      if (has_article_signals (b->text) || has_kids[i] || b->outline_number)
        kids_articles[parent[i]] = TRUE;
    }
  /* A list whose items hold articles: its other items' plain children are
   * articles too (a pillar with clusters, unmarked). */
  for (guint i = 0; i < n && heading_article == NULL; i++)
    if (parent[i] < 0 && kids_articles[i])
      nested_list = TRUE;

  for (guint i = 0; i < n; i++)
    {
      Block *b = g_ptr_array_index (blocks, start + i);
      int p = parent[i];

      if (b->type == BLOCK_TABLE)
        {
          if (heading_article != NULL && table_is_properties (b))
            table_properties (heading_article, b);
          else if (table_lists_articles (b, COLUMNS (ctx)))
            table_rows (ctx, b, label_intent, label_kind);
          else
            table_note (ctx, b);
          continue;
        }
      if (b->type != BLOCK_ITEM)
        {
          if (b->type == BLOCK_PARA && heading_article != NULL)
            {
              if (field_line (b->text, TRUE, NULL, NULL, NULL) != ENTRY_FIELD_NONE)
                apply_detail (heading_article, b->text);
              else
                entry_add_summary (heading_article, b->text);
            }
          else if (b->type == BLOCK_PARA && is_article_line (b->text))
            {
              g_autofree char *line = g_strdup (b->text);

              strip_inline (line);
              para_article = ctx_new_entry (ctx, label_intent, label_kind);
              parse_item (para_article, line);
              last_article = para_article;
            }
          else if (b->type == BLOCK_PARA && para_article != NULL && !b->para_start)
            apply_detail (para_article, b->text);
          else
            para_article = NULL;
          continue;
        }
      para_article = NULL;

      if (p < 0)
        {
          const char *li = NULL;
          int lk = -1;

          if (heading_article != NULL)
            {
              role[i] = DETAIL;
              owner[i] = heading_article;
            }
          else if (has_kids[i] && !b->continuation &&
                   g_str_has_suffix (g_strstrip (b->text), ":") && read_label (b->text, &li, &lk))
            {
              role[i] = LABEL;
              item_intent[i] = li ? li : label_intent;
              item_kind[i] = lk;
            }
          else if (b->continuation)
            role[i] = DETAIL;
          else if (field_line (b->text, FALSE, NULL, NULL, NULL) != ENTRY_FIELD_NONE &&
                   is_detail_text (b->text) && !is_article_line (b->text))
            {
              /* A field line: it belongs to the article above, never is one. */
              if (last_article != NULL)
                {
                  role[i] = DETAIL;
                  owner[i] = last_article;
                }
              else
                {
                  role[i] = SKIP;
                  if (++ctx->field_warnings <= MAX_WARNINGS)
                    {
                      g_autofree char *text = g_strdup (b->text);
                      strip_inline (text);
                      topiary_import_report_warn (ctx->report,
                                                  _("“%s” on line %u names a field but no article; it was left out."),
                                                  text, b->line);
                    }
                }
            }
          else
            role[i] = ARTICLE;
        }
      else if (role[p] == DETAIL || role[p] == SKIP)
        {
          role[i] = role[p];
          owner[i] = owner[p];
        }
      else if (role[p] == LABEL)
        role[i] = b->continuation ? DETAIL : ARTICLE;
      else if (!b->continuation && kids_articles[p] && !is_detail_text (b->text))
        role[i] = ARTICLE;
      else if (!b->continuation && ((owner[p] != NULL && owner[p]->pillar) || (nested_list && parent[p] < 0)) &&
               !detail_kids[p] && !is_detail_text (b->text) && !g_str_has_suffix (b->text, "."))
        /* Under a pillar with no details, plain items are its clusters;
         * sentences stay descriptions. */
        role[i] = ARTICLE;
      else
        {
          role[i] = DETAIL;
          owner[i] = owner[p];
        }

      if (role[i] == ARTICLE)
        {
          const char *li = label_intent;
          int lk = label_kind;
          Entry *plan;

          if (p >= 0 && role[p] == LABEL)
            {
              li = item_intent[p];
              lk = item_kind[p] >= 0 ? item_kind[p] : label_kind;
            }
          plan = ctx_new_entry (ctx, li, lk);
          parse_item (plan, b->text);
          owner[i] = plan;
          if (p < 0)
            last_article = plan;
          if (ctx->options != NULL && ctx->options->items_are_ideas)
            /* The user says list items are ideas, not the group's articles. */
            g_clear_pointer (&plan->group, g_free);
          else if (p >= 0 && role[p] == ARTICLE && owner[p] != NULL && plan->group == NULL && !ctx->in_ideas)
            {
              /* A list outside any group: its parent item names the group. */
              Entry *outer = owner[p];

              if (outer->group == NULL)
                {
                  outer->group = g_strdup (outer->title);
                  outer->pillar = TRUE;
                  outer->cluster = FALSE;
                  if (outer->status == TOPIARY_STATUS_IDEA && !outer->has_status)
                    outer->status = TOPIARY_STATUS_PLANNED;
                  ctx_register_group (ctx, outer->group);
                }
              plan->group = g_strdup (outer->group);
            }
        }
      else if (role[i] == DETAIL && owner[i] != NULL)
        {
          if (p >= 0 && item_pending[p] != TOPIARY_FIELD_UNKNOWN)
            {
              /* A value of "Keywords:" above, one per item. */
              g_autofree char *value = g_strdup (b->text);
              strip_inline (value);
              apply_field (owner[i], item_pending[p], value);
              continue;
            }
          owner[i]->pending = TOPIARY_FIELD_UNKNOWN;
          apply_detail (owner[i], b->text);
          item_pending[i] = owner[i]->pending;
          owner[i]->pending = TOPIARY_FIELD_UNKNOWN;
        }
    }
}

/* Does the section hold articles (items that are not only details, or
 * tables of articles)? */
static gboolean
section_lists_articles (GPtrArray *blocks,
                        guint      start,
                        guint      end)
{
  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (b->type == BLOCK_TABLE)
        return TRUE;
      if (b->type == BLOCK_ITEM && !b->continuation && !is_detail_text (b->text))
        return TRUE;
      if (b->type == BLOCK_PARA && is_article_line (b->text))
        return TRUE;
    }
  return FALSE;
}

/* Articles anywhere in the section: headings below it, article items,
 * tables of articles. */
static gboolean
section_has_articles (Ctx       *ctx,
                      GPtrArray *blocks,
                      guint      start,
                      guint      end)
{
  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (b->type == BLOCK_HEADING)
        return TRUE;
      if (b->type == BLOCK_TABLE && table_lists_articles (b, COLUMNS (ctx)))
        return TRUE;
      if (b->type == BLOCK_ITEM && !b->continuation && !is_detail_text (b->text))
        return TRUE;
      if (b->type == BLOCK_PARA && is_article_line (b->text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
section_has_signals (GPtrArray *blocks,
                     guint      start,
                     guint      end)
{
  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (b->type == BLOCK_TABLE)
        return TRUE;
      if (b->type == BLOCK_ITEM && !b->continuation && b->indent == 0 &&
          !is_detail_text (b->text) && has_article_signals (b->text))
        return TRUE;
    }
  return FALSE;
}

/* Does the text right under a heading start with an article's fields
 * ("- **URL slug:** /a", "Primary keyword: x", a "Property | Value"
 * table) before any article of its own? */
static gboolean
body_has_fields (GPtrArray *blocks,
                 guint      start,
                 guint      end)
{
  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      switch (b->type)
        {
        case BLOCK_PARA:
          if (is_article_line (b->text))
            return FALSE;
          if (field_line (b->text, FALSE, NULL, NULL, NULL) != ENTRY_FIELD_NONE)
            return TRUE;
          continue;
        case BLOCK_ITEM:
          if (b->continuation)
            continue;
          return field_line (b->text, FALSE, NULL, NULL, NULL) != ENTRY_FIELD_NONE &&
                 !is_article_line (b->text);
        case BLOCK_TABLE:
          return table_is_properties (b);
        case BLOCK_HEADING:
        default:
          return FALSE;
        }
    }
  return FALSE;
}

static gboolean
section_has_group_table (Ctx       *ctx,
                         GPtrArray *blocks,
                         guint      start,
                         guint      end)
{
  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type == BLOCK_TABLE && table_has_group_column (b, COLUMNS (ctx)))
        return TRUE;
    }
  return FALSE;
}

/* A linking plan: pairs from its items and tables, kept as one note. */
static void
link_note (Ctx        *ctx,
           GPtrArray  *blocks,
           guint       start,
           guint       end,
           const char *title)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note_title = ctx_note_title (ctx, title);
  g_autofree char *text = blocks_text (blocks, start, end);
  EntryNote *note;

  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (b->type == BLOCK_ITEM && !b->continuation)
        link_pairs_from_item (b->text, pairs);
      else if (b->type == BLOCK_TABLE)
        link_pairs_from_table (b, pairs);
    }
  note = ctx_add_note (ctx, "other", note_title, text);
  if (pairs->len > 0)
    note->pairs = g_steal_pointer (&pairs);
}

/* Per heading: is it an article (its fields below it, no headings under
 * it), and does it have headings under it? */
typedef struct {
  gboolean fields;
  gboolean has_sub;
  guint    body_end;
  guint    end;
} HeadingInfo;

static HeadingInfo *
heading_infos (GPtrArray *blocks)
{
  HeadingInfo *info = g_new0 (HeadingInfo, blocks->len + 1);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Each section ends at the next heading of its level or higher: one pass
   * with a stack of open headings. */
  for (guint i = 0; i <= blocks->len; i++)
    {
      Block *b = i < blocks->len ? g_ptr_array_index (blocks, i) : NULL;

      if (b != NULL && b->type != BLOCK_HEADING)
        continue;
      while (open->len > 0)
        {
          guint top = g_array_index (open, guint, open->len - 1);
          Block *t = g_ptr_array_index (blocks, top);

          if (b != NULL && t->level < b->level)
            break;
          info[top].end = i;
          g_array_set_size (open, open->len - 1);
        }
      if (open->len > 0)
        {
          guint top = g_array_index (open, guint, open->len - 1);
          info[top].has_sub = TRUE;
        }
      if (b == NULL)
        break;
      g_array_append_val (open, i);
    }
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      guint k = i + 1;

      if (b->type != BLOCK_HEADING)
        continue;
      while (k < blocks->len && ((Block *) g_ptr_array_index (blocks, k))->type != BLOCK_HEADING)
        k++;
      info[i].body_end = k;
      info[i].fields = body_has_fields (blocks, i + 1, k);
    }
  return info;
}

static void
interpret (Ctx       *ctx,
           GPtrArray *blocks,
           char     **map_title,
           GString   *map_intro)
{
  g_autofree HeadingInfo *info = heading_infos (blocks);
  int group_level = 7;
  int h1 = 0;
  guint first = 0;
  guint i;
  int label_level = 0;
  const char *label_intent = NULL;
  int label_kind = -1;
  int forced = ctx->options != NULL ? CLAMP (ctx->options->group_level, 0, 6) : 0;

  for (i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type == BLOCK_HEADING && b->level == 1)
        h1++;
    }
  /* A lone H1 (before the other headings) is the map's title. */
  for (i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type != BLOCK_HEADING)
        continue;
      if (b->level == 1 && h1 == 1)
        {
          *map_title = g_strdup (b->text);
          strip_inline (*map_title);
          first = i + 1;
        }
      break;
    }
  /* No heading title: a short first line on its own can be one. */
  if (*map_title == NULL && blocks->len > 1)
    {
      Block *b0 = g_ptr_array_index (blocks, 0);
      Block *b1 = g_ptr_array_index (blocks, 1);

      if (b0->type == BLOCK_PARA && g_utf8_strlen (b0->text, -1) <= 100 &&
          !(b1->type == BLOCK_PARA && !b1->para_start))
        {
          *map_title = g_strdup (b0->text);
          strip_inline (*map_title);
          first = 1;
        }
    }
  /* Groups are the shallowest headings that are not articles themselves,
   * unless the user chose the level. */
  for (i = first; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type == BLOCK_HEADING && !(info[i].fields && !info[i].has_sub))
        group_level = MIN (group_level, b->level);
    }
  if (forced > 0)
    group_level = forced;

  /* Text before the first heading (after the title) is the map's intro. */
  for (i = first; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type == BLOCK_HEADING)
        break;
    }
  if (i > first)
    {
      gboolean articles = section_lists_articles (blocks, first, i);
      g_autoptr(GPtrArray) intro_notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) note = NULL;   /* the labelled paragraph being read */

      if (articles)
        section_items (ctx, blocks, first, i, NULL, NULL, -1);

      /* Paragraphs describe the map; "Goal: …" or "Audience: …" ones are
       * notes of that kind. */
      for (guint k = first; k < i; k++)
        {
          Block *b = g_ptr_array_index (blocks, k);
          g_autofree char *text = NULL;
          const char *colon;
          GString *to;

          if (b->type == BLOCK_PARA && b->para_start && note != NULL)
            {
              g_ptr_array_add (intro_notes, g_string_free (g_steal_pointer (&note), FALSE));
            }
          if (b->type != BLOCK_PARA)
            {
              if (!articles)
                {
                  g_autofree char *raw = blocks_text (blocks, k, k + 1);
                  to = note ? note : map_intro;
                  if (to->len > 0)
                    g_string_append_c (to, '\n');
                  g_string_append (to, raw);
                }
              continue;
            }
          if (articles && is_article_line (b->text))
            continue;
          text = g_strdup (b->text);
          strip_inline (text);
          colon = strchr (text, ':');
          if (b->para_start && colon != NULL && colon - text < 30)
            {
              g_autofree char *label = g_strndup (text, (gsize) (colon - text));
              const char *kind = note_kind_for_heading (label);

              if (kind != NULL)
                {
                  g_ptr_array_add (intro_notes, g_strdup (kind));
                  g_ptr_array_add (intro_notes, g_strdup (g_strstrip (label)));
                  note = g_string_new (colon + 1);
                  g_strstrip (note->str);
                  note->len = strlen (note->str);
                  continue;
                }
            }
          to = note ? note : map_intro;
          if (to->len > 0)
            g_string_append (to, b->para_start ? "\n\n" : " ");
          g_string_append (to, text);
        }
      if (note != NULL)
        g_ptr_array_add (intro_notes, g_string_free (g_steal_pointer (&note), FALSE));
      for (guint k = 0; k + 2 < intro_notes->len; k += 3)
        ctx_add_note (ctx, g_ptr_array_index (intro_notes, k), g_ptr_array_index (intro_notes, k + 1),
                      g_ptr_array_index (intro_notes, k + 2));
    }

  while (i < blocks->len)
    {
      Block *h = g_ptr_array_index (blocks, i);
      guint end = info[i].end;
      guint body_end = info[i].body_end;
      const char *note_kind;
      g_autofree char *title = g_strdup (h->text);
      gboolean describes;

      strip_inline (title);
      ctx->section = NULL;
      if (h->level <= label_level)
        {
          label_level = 0;
          label_intent = NULL;
          label_kind = -1;
        }

      /* Above the chosen group level: a heading over groups, not one. */
      if (forced > 0 && h->level < forced)
        {
          g_clear_pointer (&ctx->group, g_free);
          ctx->in_ideas = FALSE;
          ctx->section = h->text;
          section_items (ctx, blocks, i + 1, body_end, NULL, NULL, -1);
          i = body_end;
          continue;
        }

      /* A heading with an article's fields below it is that article. */
      if (info[i].fields && !info[i].has_sub && h->level != forced)
        {
          Entry *entry = ctx_new_entry (ctx, label_intent, label_kind);

          parse_item (entry, title);
          section_items (ctx, blocks, i + 1, body_end, entry, NULL, -1);
          i = body_end;
          continue;
        }

      if (h->level <= group_level)
        {
          gboolean has_articles = section_has_articles (ctx, blocks, i + 1, end);

          note_kind = note_kind_for_heading (title);
          if (is_link_heading (title))
            {
              g_clear_pointer (&ctx->group, g_free);
              link_note (ctx, blocks, i + 1, end, title);
              i = end;
              continue;
            }
          if (forced == 0 &&
              ((note_kind != NULL && !section_has_signals (blocks, i + 1, body_end)) ||
               (!has_articles && end > i + 1 && !is_ideas_heading (title))))
            {
              /* The whole section, sub-headings included, is one note. */
              g_autofree char *body = blocks_text (blocks, i + 1, end);
              g_autofree char *own = g_strdup (title + section_number (title));

              ctx_add_note (ctx, note_kind ? note_kind : "other", own, body);
              g_clear_pointer (&ctx->group, g_free);
              i = end;
              continue;
            }
          if (is_ideas_heading (title))
            {
              g_clear_pointer (&ctx->group, g_free);
              ctx->in_ideas = TRUE;
            }
          else if (section_has_group_table (ctx, blocks, i + 1, body_end))
            {
              /* "Main article table": its rows name their groups. */
              g_clear_pointer (&ctx->group, g_free);
              ctx->in_ideas = FALSE;
            }
          else
            {
              g_autofree char *name = group_title (title);

              ctx_set_group (ctx, name);
              /* Paragraphs right under the group heading describe it. */
              {
                g_autoptr(GString) desc = g_string_new (NULL);
                for (guint k = i + 1; k < body_end && !info[i].fields; k++)
                  {
                    Block *b = g_ptr_array_index (blocks, k);
                    g_autofree char *line = NULL;

                    if (b->type != BLOCK_PARA || is_article_line (b->text))
                      break;
                    line = g_strdup (b->text);
                    strip_inline (line);
                    if (desc->len > 0)
                      g_string_append_c (desc, ' ');
                    g_string_append (desc, line);
                  }
                if (desc->len > 0 && !g_hash_table_contains (ctx->group_desc, name))
                  g_hash_table_insert (ctx->group_desc, g_strdup (name), g_strdup (desc->str));
              }
              if (info[i].fields)
                {
                  /* "## Pillar: Best running shoes" with its fields, and its
                   * clusters under it: the group and its pillar. */
                  Entry *entry = ctx_new_entry (ctx, NULL, -1);

                  parse_item (entry, title + section_number (title));
                  entry->pillar = TRUE;
                  entry->cluster = FALSE;
                  section_items (ctx, blocks, i + 1, body_end, entry, NULL, -1);
                  i = body_end;
                  continue;
                }
            }
          ctx->section = h->text;
          section_items (ctx, blocks, i + 1, body_end, NULL, NULL, -1);
          i = body_end;
          continue;
        }

      /* A deeper heading: a linking plan, a part of a hub, a label over a
       * list of articles, or an article. */
      {
        const char *li = NULL;
        int lk = -1;

        if (is_link_heading (title))
          {
            link_note (ctx, blocks, i + 1, end, title);
            i = end;
            continue;
          }
        if (ctx->group != NULL && !ctx->in_ideas && is_subsection_heading (title, &describes))
          {
            if (describes && !section_lists_articles (blocks, i + 1, body_end))
              {
                /* "1.1 Hub thesis": what the group is about. */
                g_autofree char *body = blocks_text (blocks, i + 1, body_end);
                const char *old = g_hash_table_lookup (ctx->group_desc, ctx->group);
                char *desc = old ? g_strconcat (old, "\n\n", body, NULL) : g_strdup (body);

                g_hash_table_insert (ctx->group_desc, g_strdup (ctx->group), desc);
              }
            else
              {
                ctx->section = h->text;
                section_items (ctx, blocks, i + 1, body_end, NULL, NULL, -1);
              }
            i = body_end;
            continue;
          }
        if (section_lists_articles (blocks, i + 1, body_end))
          {
            read_label (title, &li, &lk);
            ctx->section = h->text;
            section_items (ctx, blocks, i + 1, body_end, NULL, li, lk);
          }
        else if (body_end == i + 1 && info[i].has_sub)
          {
            /* "### Cluster articles" over article headings. */
            label_level = h->level;
            label_intent = NULL;
            label_kind = -1;
            read_label (title, &label_intent, &label_kind);
          }
        else if (note_kind_for_heading (title) != NULL &&
                 strcmp (note_kind_for_heading (title), "other") == 0)
          {
            /* "### Notes" under a group: the group's own notes. */
            g_autofree char *body = blocks_text (blocks, i + 1, body_end);
            if (ctx->group != NULL && *body)
              {
                g_autofree char *ntitle = g_strdup_printf ("%s: %s", ctx->group, title);
                ctx_add_note (ctx, "other", ntitle, body);
              }
          }
        else if (*title != '\0')
          {
            Entry *plan = ctx_new_entry (ctx, label_intent, label_kind);
            parse_item (plan, title);
            section_items (ctx, blocks, i + 1, body_end, plan, NULL, -1);
          }
        i = body_end;
      }
    }
  ctx->section = NULL;
}

gboolean
_topiary_import_outline_plan (TopiaryImportPlan          *out,
                              const char                 *text,
                              gsize                       length,
                              const TopiaryImportOptions *options,
                              TopiaryImportReport        *report,
                              GError                    **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autoptr(GPtrArray) group_order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) group_desc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (entry_note_free);
  g_autoptr(GHashTable) by_slug = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) intro = g_string_new (NULL);
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *map_title = NULL;
  gsize block_start, block_len, body = 0;
  TopiaryFrontMatterFormat format;
  g_autoptr(GHashTable) group_seen = g_hash_table_new (g_str_hash, g_str_equal);
  Ctx ctx = { 0 };

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (text == NULL)
    text = "";
  ctx.report = report;
  ctx.entries = entries;
  ctx.group_order = group_order;
  ctx.group_desc = group_desc;
  ctx.group_seen = group_seen;
  ctx.notes = notes;
  ctx.by_slug = by_slug;
  ctx.options = options;

  format = topiary_front_matter_split (text, length, &block_start, &block_len, &body);
  if (format != TOPIARY_FRONT_MATTER_NONE)
    {
      g_autoptr(GError) fm_error = NULL;

      fm = topiary_front_matter_parse (format, text + block_start, block_len, &fm_error);
      if (fm == NULL)
        topiary_import_report_warn (report, _("The front matter was ignored: %s"), fm_error->message);
    }
  /* A C string from here on: NUL bytes were refused before us, but be safe. */
  copy = g_strndup (text + body, length - body);
  blocks = read_blocks (copy);

  interpret (&ctx, blocks, &map_title, intro);
  g_clear_pointer (&ctx.group, g_free);

  if (entries->len == 0 && group_order->len == 0)
    {
      g_set_error_literal (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                           _("The outline lists no groups or articles."));
      return FALSE;
    }

  if (fm != NULL && topiary_front_matter_get_string (fm, "title"))
    {
      g_free (map_title);
      map_title = g_strdup (topiary_front_matter_get_string (fm, "title"));
    }
  out->format = TOPIARY_IMPORT_OUTLINE;
  if (map_title != NULL && *map_title)
    out->title = g_steal_pointer (&map_title);
  {
    const char *desc = fm ? topiary_front_matter_get_string (fm, "description") : NULL;
    g_autofree char *intro_text = g_strstrip (g_strdup (intro->str));

    if (desc == NULL && *intro_text)
      desc = intro_text;
    else if (desc != NULL && *intro_text)
      topiary_import_plan_add_note (out, "strategy", _("Introduction"), intro_text);
    if (desc != NULL)
      out->description = g_strdup (desc);
  }

  outline_resolve (&ctx, out);
  return TRUE;
}

gboolean
_topiary_import_outline (TopiaryProject      *project,
                         const char          *text,
                         gsize                length,
                         TopiaryImportReport *report,
                         GError             **error)
{
  g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);

  return _topiary_import_outline_plan (plan, text, length, NULL, report, error) &&
         _topiary_import_plan_apply (plan, project, report, error);
}
