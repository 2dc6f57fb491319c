/* topiary-import-outline.c — content plans written as Markdown outlines
 *
 * What the reader understands (see docs in the report and the fixtures
 * tests/data/outline-*.md):
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
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-frontmatter.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* More target queries than this for one article is not a plan but a dump;
 * the rest are dropped (and comparing them would be quadratic). */
#define MAX_QUERIES 100
/* Repeated warnings stop after this many, then one summary. */
#define MAX_WARNINGS 20
/* Trailing "(…)" groups read off one title. */
#define MAX_TRAILING_GROUPS 8

/* ---- blocks ---- */

typedef enum {
  BLOCK_HEADING,
  BLOCK_ITEM,
  BLOCK_TABLE,
  BLOCK_PARA,
} BlockType;

typedef struct {
  BlockType  type;
  int        level;     /* heading level */
  int        indent;    /* item indent in columns; continuation lines too */
  gboolean   continuation;
  gboolean   para_start; /* first line after a blank line or another block */
  char      *text;
  GPtrArray *header;    /* BLOCK_TABLE: char * */
  GPtrArray *rows;      /* BLOCK_TABLE: GPtrArray of char * */
  guint      line;
} Block;

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  if (b->header)
    g_ptr_array_unref (b->header);
  if (b->rows)
    g_ptr_array_unref (b->rows);
  g_free (b);
}

static int
leading_columns (const char *line,
                 const char **rest)
{
  int col = 0;
  const char *p = line;

  for (; *p == ' ' || *p == '\t'; p++)
    col = *p == '\t' ? (col / 4 + 1) * 4 : col + 1;
  *rest = p;
  return col;
}

/* "- ", "* ", "+ ", "1. ", "1) ": the length of the marker with its space,
 * 0 when @p does not start an item. */
static gsize
item_marker (const char *p)
{
  const char *q = p;

  if ((*q == '-' || *q == '*' || *q == '+') && (q[1] == ' ' || q[1] == '\t' || q[1] == '\0'))
    return q[1] == '\0' ? 1 : 2;
  while (g_ascii_isdigit (*q) && q - p < 9)
    q++;
  if (q > p && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t' || q[1] == '\0'))
    return (gsize) (q - p) + (q[1] == '\0' ? 1 : 2);
  return 0;
}

static gboolean
is_thematic_break (const char *p)
{
  char c = 0;
  int n = 0;

  for (; *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (*p != '-' && *p != '*' && *p != '_')
        return FALSE;
      if (c != 0 && *p != c)
        return FALSE;
      c = *p;
      n++;
    }
  return n >= 3;
}

static gboolean
is_table_delimiter (const char *p)
{
  gboolean dash = FALSE;

  if (strchr (p, '-') == NULL)
    return FALSE;
  for (; *p; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }
  return dash;
}

static GPtrArray *
split_table_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = line;
  const char *end;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '|')
    p++;
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (end > p && end[-1] == '|' && !(end - 1 > p && end[-2] == '\\'))
    end--;

  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end && p[1] == '|')
        {
          g_string_append_c (cell, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_strdup (cell->str)));
          g_string_truncate (cell, 0);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_ptr_array_add (cells, g_strstrip (g_strdup (cell->str)));
  g_string_free (cell, TRUE);
  return cells;
}

/* Splits @text (no front matter) into headings, items, tables and
 * paragraph lines. Code blocks and HTML comments are skipped. */
static void
finish_lazy (GString **lazy,
             Block    *block)
{
  if (*lazy == NULL)
    return;
  g_free (block->text);
  block->text = g_strstrip (g_string_free (*lazy, FALSE));
  *lazy = NULL;
}

static GPtrArray *
read_blocks (const char *text)
{
  GString *lazy = NULL;
  Block *lazy_block = NULL;
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char fence = 0;
  gsize fence_len = 0;
  gboolean in_comment = FALSE;
  gboolean after_blank = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *p;
      int indent;
      gsize marker;
      Block *b;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      indent = leading_columns (line, &p);

      if (fence != 0)
        {
          gsize n = 0;
          while (p[n] == fence)
            n++;
          if (n >= fence_len && p[n + strspn (p + n, " \t")] == '\0')
            fence = 0;
          continue;
        }
      if (in_comment)
        {
          if (strstr (p, "-->") != NULL)
            in_comment = FALSE;
          continue;
        }
      if ((p[0] == '`' || p[0] == '~') && p[1] == p[0] && p[2] == p[0])
        {
          fence = p[0];
          fence_len = strspn (p, (char[]) { fence, '\0' });
          continue;
        }
      if (g_str_has_prefix (p, "<!--"))
        {
          in_comment = strstr (p + 4, "-->") == NULL;
          continue;
        }
      if (*p == '\0')
        {
          after_blank = TRUE;
          continue;
        }
      /* Quotes are read as their text. */
      while (*p == '>')
        {
          p++;
          while (*p == ' ')
            p++;
        }

      /* ATX heading */
      if (*p == '#' && indent < 4)
        {
          int level = 0;
          while (p[level] == '#')
            level++;
          if (level <= 6 && (p[level] == ' ' || p[level] == '\t' || p[level] == '\0'))
            {
              char *h = g_strstrip (g_strdup (p + level));
              gsize hl = strlen (h);

              /* Closing #s. */
              while (hl > 0 && h[hl - 1] == '#')
                hl--;
              if (hl == 0 || h[hl - 1] == ' ' || hl == strlen (h))
                h[hl] = '\0';
              g_strstrip (h);
              b = g_new0 (Block, 1);
              b->type = BLOCK_HEADING;
              b->level = level;
              b->text = h;
              b->line = i + 1;
              g_ptr_array_add (blocks, b);
              after_blank = FALSE;
              continue;
            }
        }

      /* Setext heading: a lone paragraph line underlined. */
      if (blocks->len > 0 && !after_blank && (p[0] == '=' || p[0] == '-') && indent < 4)
        {
          Block *prev = g_ptr_array_index (blocks, blocks->len - 1);
          gsize n = strspn (p, p[0] == '=' ? "=" : "-");

          if (prev->type == BLOCK_PARA && prev->indent == 0 && prev->line == i &&
              p[n + strspn (p + n, " \t")] == '\0')
            {
              prev->type = BLOCK_HEADING;
              prev->level = p[0] == '=' ? 1 : 2;
              continue;
            }
        }

      if (is_thematic_break (p))
        {
          after_blank = TRUE;
          continue;
        }

      /* Tables: a row with '|' followed by a delimiter row. */
      if (strchr (p, '|') != NULL && lines[i + 1] != NULL && is_table_delimiter (lines[i + 1]))
        {
          b = g_new0 (Block, 1);
          b->type = BLOCK_TABLE;
          b->header = split_table_row (p);
          b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          b->line = i + 1;
          i++;
          while (lines[i + 1] != NULL && strchr (lines[i + 1], '|') != NULL)
            {
              char *row = lines[++i];
              gsize rl = strlen (row);
              if (rl > 0 && row[rl - 1] == '\r')
                row[rl - 1] = '\0';
              g_ptr_array_add (b->rows, split_table_row (row));
            }
          g_ptr_array_add (blocks, b);
          after_blank = FALSE;
          continue;
        }

      marker = item_marker (p);
      b = g_new0 (Block, 1);
      b->line = i + 1;
      b->indent = indent;
      if (marker > 0)
        {
          b->type = BLOCK_ITEM;
          b->text = g_strstrip (g_strdup (p + marker));
        }
      else
        {
          Block *prev = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;

          if (prev != NULL && prev->type == BLOCK_ITEM && (indent > prev->indent || !after_blank))
            {
              if (!after_blank && indent <= prev->indent + 1)
                {
                  /* A lazy continuation of the item's line; a GString,
                   * so a thousand such lines stay linear. */
                  if (lazy == NULL || lazy_block != prev)
                    {
                      finish_lazy (&lazy, lazy_block);
                      lazy = g_string_new (prev->text);
                      lazy_block = prev;
                    }
                  g_string_append_c (lazy, ' ');
                  g_string_append (lazy, p);
                  g_free (b);
                  continue;
                }
              b->type = BLOCK_ITEM;
              b->continuation = TRUE;
              b->indent = MAX (indent, prev->indent + 1);
            }
          else
            {
              b->type = BLOCK_PARA;
              b->para_start = after_blank || prev == NULL || prev->type != BLOCK_PARA;
            }
          b->text = g_strstrip (g_strdup (p));
        }
      g_ptr_array_add (blocks, b);
      after_blank = FALSE;
    }
  finish_lazy (&lazy, lazy_block);
  return blocks;
}

/* ---- plans ---- */

typedef struct {
  char          *title;
  char          *new_title;   /* a "Title:" detail, applied once parsed */
  char          *slug;
  GPtrArray     *primary;     /* char * */
  GPtrArray     *secondary;   /* char * */
  GString       *summary;
  const char    *intent;
  int            priority;
  TopiaryStatus  status;
  gboolean       has_status;
  gboolean       pillar;
  gboolean       cluster;
  int            words;
  char          *group;       /* NULL: an idea */
  TopiaryArticle *article;    /* once written */
} Plan;

static Plan *
plan_new (void)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->primary = g_ptr_array_new_with_free_func (g_free);
  plan->secondary = g_ptr_array_new_with_free_func (g_free);
  plan->summary = g_string_new (NULL);
  plan->status = TOPIARY_STATUS_PLANNED;
  return plan;
}

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  g_free (plan->title);
  g_free (plan->new_title);
  g_free (plan->slug);
  g_ptr_array_unref (plan->primary);
  g_ptr_array_unref (plan->secondary);
  g_string_free (plan->summary, TRUE);
  g_free (plan->group);
  g_clear_object (&plan->article);
  g_free (plan);
}

static void
plan_add_summary (Plan       *plan,
                  const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (*copy == '\0')
    return;
  if (plan->summary->len > 0)
    g_string_append_c (plan->summary, plan->summary->str[plan->summary->len - 1] == '.' ? ' ' : '\n');
  g_string_append (plan->summary, copy);
}

static void
add_list (GPtrArray  *to,
          const char *value)
{
  g_auto(GStrv) items = topiary_value_split_list (value);

  for (guint i = 0; items[i]; i++)
    {
      char *q = items[i];
      gsize n = strlen (q);

      /* Queries are often quoted: "flask jwt". */
      if (n >= 2 && (q[0] == '"' || q[0] == '\'' || q[0] == '`') && q[n - 1] == q[0])
        {
          q[n - 1] = '\0';
          q++;
        }
      if (*q != '\0')
        g_ptr_array_add (to, g_strdup (q));
    }
}

/* Removes Markdown emphasis and code marks, and unwraps links and wiki
 * links, in place. */
static void
strip_inline (char *s)
{
  char *w = s;

  for (char *r = s; *r;)
    {
      if (*r == '*' || *r == '`' || (*r == '_' && (r == s || r[1] == '_' || r[-1] == ' ' || r[1] == ' ' || r[1] == '\0')) ||
          (*r == '~' && r[1] == '~'))
        {
          r += (*r == '~') ? 2 : 1;
          continue;
        }
      if (r[0] == '[' && r[1] == '[')
        {
          r += 2;
          continue;
        }
      if (r[0] == ']' && r[1] == ']')
        {
          r += 2;
          continue;
        }
      *w++ = *r++;
    }
  *w = '\0';
  g_strstrip (s);
}

static gboolean
is_pathlike (const char *token)
{
  if (token[0] == '/' && token[1] != '\0' && strchr (token, ' ') == NULL)
    return TRUE;
  if (strstr (token, "://") != NULL && strchr (token, ' ') == NULL)
    return TRUE;
  return FALSE;
}

static const char *
strict_intent (const char *token)
{
  static const char * const words[] = {
    "informational", "info", "commercial", "commercial investigation", "investigational",
    "transactional", "navigational", "how to", "how-to", "howto", "tutorial", "guide",
    "comparison", "compare", "vs", "versus", "faq", "question", "solution", "problem",
    "review", "research", "audience", "context", "culture", NULL };
  g_autofree char *down = g_utf8_strdown (token, -1);

  g_strstrip (down);
  if (g_str_has_suffix (down, " intent"))
    down[strlen (down) - strlen (" intent")] = '\0';
  for (guint i = 0; words[i]; i++)
    if (strcmp (down, words[i]) == 0)
      return topiary_intent_normalize (strcmp (down, "vs") == 0 ? "versus" : down);
  return NULL;
}

static gboolean
strict_kind (const char  *token,
             TopiaryKind *kind)
{
  static const char * const pillars[] = { "pillar", "pillar page", "pillar article", "pillar post",
                                          "hub", "hub page", "cornerstone", NULL };
  static const char * const clusters[] = { "cluster", "cluster article", "cluster post",
                                           "supporting", "supporting article", "spoke", NULL };
  g_autofree char *down = g_utf8_strdown (token, -1);

  g_strstrip (down);
  for (guint i = 0; pillars[i]; i++)
    if (strcmp (down, pillars[i]) == 0)
      return *kind = TOPIARY_KIND_PILLAR, TRUE;
  for (guint i = 0; clusters[i]; i++)
    if (strcmp (down, clusters[i]) == 0)
      return *kind = TOPIARY_KIND_CLUSTER, TRUE;
  return FALSE;
}

static int
strict_priority (const char *token)
{
  g_autofree char *down = g_utf8_strdown (token, -1);
  char *p;

  g_strstrip (down);
  if ((p = strstr (down, "priority")) != NULL || (p = strstr (down, "prio")) != NULL)
    {
      /* "priority 2", "high priority", "priority: high". */
      g_autofree char *rest = NULL;
      gsize word = strncmp (p, "priority", 8) == 0 ? 8 : 4;

      memmove (p, p + word, strlen (p + word) + 1);
      rest = g_strdelimit (g_strdup (down), ":", ' ');
      return topiary_value_parse_priority (g_strstrip (rest));
    }
  if (down[0] == 'p' && g_ascii_isdigit (down[1]) && down[2] == '\0')
    return topiary_value_parse_priority (down);
  return 0;
}

static int
strict_words (const char *token)
{
  g_autofree char *down = g_utf8_strdown (token, -1);

  if (strstr (down, "word") == NULL && !g_str_has_suffix (g_strstrip (down), "w"))
    return 0;
  return topiary_value_parse_words (down);
}

static gboolean
strict_status (const char    *token,
               TopiaryStatus *status)
{
  static const char * const words[] = { "done", "published", "live", "draft", "drafting",
                                        "in progress", "wip", "writing", "in review", "editing",
                                        "todo", "to do", "planned", "idea", "scheduled", NULL };
  g_autofree char *down = g_utf8_strdown (token, -1);

  g_strstrip (down);
  for (guint i = 0; words[i]; i++)
    if (strcmp (down, words[i]) == 0)
      return topiary_value_parse_status (down, status);
  return FALSE;
}

/* Applies one attribute token ("P1", "pillar", "how-to", "/apps/x" …).
 * With @apply FALSE only tells whether it would be understood. */
static gboolean
apply_token (Plan       *plan,
             const char *raw,
             gboolean    apply)
{
  g_autofree char *token = g_strstrip (g_strdup (raw));
  const char *intent;
  TopiaryKind kind;
  TopiaryStatus status;
  int n;

  strip_inline (token);
  if (*token == '\0')
    return FALSE;
  if ((intent = strict_intent (token)) != NULL)
    {
      if (apply)
        plan->intent = intent;
      return TRUE;
    }
  if (strict_kind (token, &kind))
    {
      if (apply)
        {
          plan->pillar = kind == TOPIARY_KIND_PILLAR;
          plan->cluster = kind == TOPIARY_KIND_CLUSTER;
        }
      return TRUE;
    }
  if ((n = strict_priority (token)) > 0)
    {
      if (apply)
        plan->priority = n;
      return TRUE;
    }
  if (strict_status (token, &status))
    {
      if (apply)
        {
          plan->status = status;
          plan->has_status = TRUE;
        }
      return TRUE;
    }
  if ((n = strict_words (token)) > 0)
    {
      if (apply)
        plan->words = n;
      return TRUE;
    }
  if (is_pathlike (token))
    {
      g_autofree char *slug = topiary_value_slug_from_path (token);
      if (slug == NULL)
        return FALSE;
      if (apply)
        {
          g_free (plan->slug);
          plan->slug = g_steal_pointer (&slug);
        }
      return TRUE;
    }
  return FALSE;
}

/* Every token of @segment (split on , ; / ·) is an attribute. */
static char **
split_tokens (const char *segment)
{
  GPtrArray *tokens = g_ptr_array_new ();
  GString *token = g_string_new (NULL);

  for (const char *p = segment;; p++)
    {
      gboolean cut = *p == '\0' || *p == ';' ||
                     (*p == ',' && !(p > segment && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])));
      gsize skip = 0;

      if (!cut && g_str_has_prefix (p, "\xc2\xb7"))
        cut = TRUE, skip = 1;
      if (cut)
        {
          char *t = g_strstrip (g_strdup (token->str));
          if (*t)
            g_ptr_array_add (tokens, t);
          else
            g_free (t);
          g_string_truncate (token, 0);
          if (*p == '\0')
            break;
          p += skip;
          continue;
        }
      g_string_append_c (token, *p);
    }
  g_string_free (token, TRUE);
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (tokens, FALSE);
}

static gboolean
apply_tokens (Plan       *plan,
              const char *segment,
              gboolean    apply)
{
  g_auto(GStrv) tokens = split_tokens (segment);

  if (tokens[0] == NULL)
    return FALSE;
  for (guint i = 0; tokens[i]; i++)
    if (!apply_token (plan, tokens[i], FALSE))
      return FALSE;
  if (apply)
    for (guint i = 0; tokens[i]; i++)
      apply_token (plan, tokens[i], TRUE);
  return TRUE;
}

/* "Key: value" with a key from the vocabulary. */
static gboolean
split_key_value (const char    *segment,
                 TopiaryField  *field,
                 char         **value)
{
  const char *colon = strchr (segment, ':');
  g_autofree char *key = NULL;
  TopiaryField f;

  if (colon == NULL || colon - segment > 40 || colon == segment)
    return FALSE;
  /* "https://…" is not a key. */
  if (colon[1] == '/' )
    return FALSE;
  key = g_strndup (segment, (gsize) (colon - segment));
  strip_inline (key);
  f = topiary_field_from_label (key);
  if (f == TOPIARY_FIELD_UNKNOWN)
    return FALSE;
  *field = f;
  *value = g_strdup (colon + 1);
  /* "**Target:** x" leaves the closing ** after the colon. */
  strip_inline (*value);
  return TRUE;
}

static void
apply_field (Plan         *plan,
             TopiaryField  field,
             const char   *value)
{
  switch (field)
    {
    case TOPIARY_FIELD_TITLE:
      /* Not plan->title itself: parse_item() may be cutting it up. */
      if (*value)
        {
          g_free (plan->new_title);
          plan->new_title = g_strdup (value);
        }
      break;
    case TOPIARY_FIELD_SLUG:
      {
        char *slug = topiary_value_slug_from_path (value);
        if (slug)
          {
            g_free (plan->slug);
            plan->slug = slug;
          }
      }
      break;
    case TOPIARY_FIELD_PRIMARY_QUERY:
      add_list (plan->primary, value);
      break;
    case TOPIARY_FIELD_QUERIES:
      add_list (plan->secondary, value);
      break;
    case TOPIARY_FIELD_INTENT:
      {
        const char *intent = topiary_intent_normalize (value);
        if (intent)
          plan->intent = intent;
        else
          apply_tokens (plan, value, TRUE);
      }
      break;
    case TOPIARY_FIELD_PRIORITY:
      {
        int p = topiary_value_parse_priority (value);
        if (p > 0)
          plan->priority = p;
      }
      break;
    case TOPIARY_FIELD_STATUS:
    case TOPIARY_FIELD_DRAFT:
      {
        TopiaryStatus status;
        gboolean flag;

        if (topiary_value_parse_status (value, &status))
          plan->status = status, plan->has_status = TRUE;
        else if (topiary_value_parse_bool (value, &flag))
          {
            plan->status = field == TOPIARY_FIELD_DRAFT
                           ? (flag ? TOPIARY_STATUS_DRAFTING : plan->status)
                           : (flag ? TOPIARY_STATUS_PUBLISHED : TOPIARY_STATUS_PLANNED);
            plan->has_status = TRUE;
          }
      }
      break;
    case TOPIARY_FIELD_WORDS:
      {
        int w = topiary_value_parse_words (value);
        if (w > 0)
          plan->words = w;
      }
      break;
    case TOPIARY_FIELD_KIND:
    case TOPIARY_FIELD_PILLAR:
      {
        TopiaryKind kind;
        gboolean flag;

        if (topiary_value_parse_kind (value, &kind))
          {
            plan->pillar = kind == TOPIARY_KIND_PILLAR;
            plan->cluster = kind == TOPIARY_KIND_CLUSTER;
          }
        else if (field == TOPIARY_FIELD_PILLAR && topiary_value_parse_bool (value, &flag))
          {
            plan->pillar = flag;
            plan->cluster = !flag;
          }
      }
      break;
    case TOPIARY_FIELD_SUMMARY:
      plan_add_summary (plan, value);
      break;
    case TOPIARY_FIELD_GROUP:
    case TOPIARY_FIELD_PARENT:
    case TOPIARY_FIELD_ORDER:
    case TOPIARY_FIELD_DATE:
    case TOPIARY_FIELD_UNKNOWN:
    default:
      break;
    }
}

/* A detail line under an article: "Key: value", attribute tokens, or
 * free text for the summary. */
static void apply_detail_segment (Plan *plan, const char *text);

static void
apply_detail (Plan       *plan,
              const char *text)
{
  g_autofree char *copy = g_strdup (text);
  char *seg = copy;

  /* "Intent: commercial · Priority 1" holds two details. */
  for (char *q = copy; *q; q++)
    {
      gsize len = 0;

      if (g_str_has_prefix (q, " \xc2\xb7 "))
        len = 4;
      else if (g_str_has_prefix (q, " | "))
        len = 3;
      if (len > 0)
        {
          *q = '\0';
          apply_detail_segment (plan, g_strstrip (seg));
          seg = q + len;
          q = seg - 1;
        }
    }
  apply_detail_segment (plan, g_strstrip (seg));
}

static void
apply_detail_segment (Plan       *plan,
                      const char *text)
{
  g_autofree char *value = NULL;
  TopiaryField field;

  if (*text == '\0')
    return;
  if (split_key_value (text, &field, &value))
    {
      apply_field (plan, field, value);
      return;
    }
  {
    g_autofree char *copy = g_strdup (text);
    char *p;

    /* "commercial · Priority 1" or "how-to | P2". */
    for (p = copy; *p; p++)
      if (*p == '|')
        *p = ',';
    if (apply_tokens (plan, copy, TRUE))
      return;
  }
  {
    g_autofree char *clean = g_strdup (text);
    strip_inline (clean);
    plan_add_summary (plan, clean);
  }
}

static gboolean
is_detail_text (const char *text)
{
  g_autofree char *value = NULL;
  g_autofree char *copy = NULL;
  TopiaryField field;
  Plan probe = { 0 };

  if (split_key_value (text, &field, &value))
    return field != TOPIARY_FIELD_TITLE;
  copy = g_strdelimit (g_strdup (text), "|", ',');
  return apply_tokens (&probe, copy, FALSE);
}

/* Finds a separator that ends the title: " — ", " – ", " | ", " -- ". */
static const char *
find_separator (const char *s,
                gsize      *sep_len)
{
  static const char * const seps[] = { " \xe2\x80\x94 ", " \xe2\x80\x93 ", " | ", " -- ", "\xe2\x80\x94", NULL };
  const char *best = NULL;

  for (guint i = 0; seps[i]; i++)
    {
      const char *hit = strstr (s, seps[i]);
      if (hit != NULL && (best == NULL || hit < best))
        {
          best = hit;
          *sep_len = strlen (seps[i]);
        }
    }
  return best;
}

/* Takes trailing "(…)", "[…]" and `…` groups off @title when all they hold
 * is attributes. */
static void
take_trailing_groups (Plan     *plan,
                      char     *title,
                      gboolean  whole)
{
  for (guint round = 0; round < MAX_TRAILING_GROUPS; round++)
    {
      gsize n;
      char close;
      char open;
      char *start = NULL;
      int depth = 0;

      g_strstrip (title);
      n = strlen (title);
      if (n == 0)
        return;
      close = title[n - 1];
      if (close == ')')
        open = '(';
      else if (close == ']')
        open = '[';
      else if (close == '`')
        open = '`';
      else
        {
          /* A bare trailing path: "Actual Budget review /apps/actual-budget". */
          char *space = strrchr (title, ' ');
          if (space != NULL && is_pathlike (space + 1) && apply_token (plan, space + 1, TRUE))
            {
              *space = '\0';
              continue;
            }
          return;
        }

      for (char *p = title + n - 1; p >= title; p--)
        {
          if (open == '`')
            {
              if (p < title + n - 1 && *p == '`')
                {
                  start = p;
                  break;
                }
              continue;
            }
          if (*p == close)
            depth++;
          else if (*p == open && --depth == 0)
            {
              start = p;
              break;
            }
        }
      if (start == NULL || (start == title && !whole))
        return;
      {
        g_autofree char *inner = g_strndup (start + 1, (gsize) (title + n - 1 - start - 1));
        g_autofree char *value = NULL;
        TopiaryField field;

        if (split_key_value (inner, &field, &value))
          apply_field (plan, field, value);
        else if (!apply_tokens (plan, inner, TRUE))
          return;
      }
      *start = '\0';
    }
}

/* Leading "Pillar:", "Cluster:", "Article:" … TRUE when one was taken. */
static gboolean
take_kind_prefix (Plan  *plan,
                  char  *title)
{
  static const struct { const char *prefix; TopiaryKind kind; } prefixes[] = {
    { "pillar page", TOPIARY_KIND_PILLAR },
    { "pillar article", TOPIARY_KIND_PILLAR },
    { "pillar post", TOPIARY_KIND_PILLAR },
    { "pillar", TOPIARY_KIND_PILLAR },
    { "cornerstone", TOPIARY_KIND_PILLAR },
    { "hub", TOPIARY_KIND_PILLAR },
    { "cluster article", TOPIARY_KIND_CLUSTER },
    { "cluster", TOPIARY_KIND_CLUSTER },
    { "supporting article", TOPIARY_KIND_CLUSTER },
    { "supporting", TOPIARY_KIND_CLUSTER },
    { "spoke", TOPIARY_KIND_CLUSTER },
    { "article", TOPIARY_KIND_CLUSTER },
    { "post", TOPIARY_KIND_CLUSTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].prefix);

      if (g_ascii_strncasecmp (title, prefixes[i].prefix, n) == 0 && title[n] == ':')
        {
          /* "Article:" and "Post:" only say it is an article. */
          if (strcmp (prefixes[i].prefix, "article") != 0 && strcmp (prefixes[i].prefix, "post") != 0)
            {
              plan->pillar = prefixes[i].kind == TOPIARY_KIND_PILLAR;
              plan->cluster = !plan->pillar;
            }
          memmove (title, title + n + 1, strlen (title + n + 1) + 1);
          g_strstrip (title);
          return TRUE;
        }
    }
  return FALSE;
}

/* A paragraph line like "**Pillar:** How to make a starter" names an
 * article. */
static gboolean
is_article_line (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  Plan probe = { 0 };

  strip_inline (copy);
  return take_kind_prefix (&probe, copy) && *copy != '\0';
}

/* Reads an item's own line into @plan. */
static void
parse_item (Plan       *plan,
            const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *p = s;
  char *rest = NULL;

  /* Checkboxes and their emoji cousins. */
  if (p[0] == '[' && p[1] != '\0' && p[2] == ']' && (p[3] == ' ' || p[3] == '\0'))
    {
      switch (p[1])
        {
        case 'x': case 'X':
          plan->status = TOPIARY_STATUS_PUBLISHED;
          break;
        case '-': case '~': case '/': case '>':
          plan->status = TOPIARY_STATUS_DRAFTING;
          break;
        default:
          plan->status = TOPIARY_STATUS_PLANNED;
          break;
        }
      plan->has_status = TRUE;
      p += 3;
    }
  else if (g_str_has_prefix (p, "\xe2\x9c\x85") || g_str_has_prefix (p, "\xe2\x9c\x94") ||
           g_str_has_prefix (p, "\xe2\x98\x91"))
    {
      plan->status = TOPIARY_STATUS_PUBLISHED;
      plan->has_status = TRUE;
      p = g_utf8_next_char (p);
      if (g_str_has_prefix (p, "\xef\xb8\x8f"))
        p += 3;
    }
  else if (g_str_has_prefix (p, "\xf0\x9f\x9a\xa7"))
    {
      plan->status = TOPIARY_STATUS_DRAFTING;
      plan->has_status = TRUE;
      p += 4;
    }
  while (*p == ' ')
    p++;

  /* A title that is a link: [Title](/path). */
  if (p[0] == '[' && p[1] != '[')
    {
      char *close = strstr (p, "](");
      char *end = close ? strchr (close + 2, ')') : NULL;

      if (close != NULL && end != NULL)
        {
          g_autofree char *url = g_strndup (close + 2, (gsize) (end - close - 2));
          char *slug;

          *close = '\0';
          plan->title = g_strdup (p + 1);
          slug = topiary_value_slug_from_path (url);
          if (slug != NULL && (url[0] == '/' || strstr (url, "://") != NULL || strchr (url, '.') == NULL))
            {
              g_free (plan->slug);
              plan->slug = slug;
            }
          else
            g_free (slug);
          rest = end + 1;
        }
    }

  if (plan->title == NULL)
    {
      gsize sep_len = 0;
      const char *sep = find_separator (p, &sep_len);

      if (sep != NULL)
        {
          plan->title = g_strndup (p, (gsize) (sep - p));
          rest = (char *) sep + sep_len;
        }
      else
        {
          /* "Title: Target: x" and "Title - P1, how-to" */
          const char *dash = strstr (p, " - ");
          if (dash != NULL && is_detail_text (dash + 3))
            {
              plan->title = g_strndup (p, (gsize) (dash - p));
              rest = (char *) dash + 3;
            }
          else
            plan->title = g_strdup (p);
        }
    }

  strip_inline (plan->title);
  take_kind_prefix (plan, plan->title);
  take_trailing_groups (plan, plan->title, FALSE);
  {
    /* "Title: Target: a, b" — the key starts after the title's colon. */
    char *colon = strstr (plan->title, ": ");
    if (colon != NULL && is_detail_text (colon + 2))
      {
        apply_detail (plan, colon + 2);
        *colon = '\0';
      }
  }
  g_strstrip (plan->title);
  {
    gsize n = strlen (plan->title);
    while (n > 0 && plan->title[n - 1] == ':')
      plan->title[--n] = '\0';
  }
  g_strstrip (plan->title);

  if (rest != NULL)
    {
      /* The rest: segments separated by dashes, bars and middle dots. */
      g_autofree char *copy = g_strdup (rest);
      char *seg = copy;

      for (char *q = copy; *q; q++)
        {
          gboolean cut = FALSE;
          gsize len = 0;

          if (g_str_has_prefix (q, " \xe2\x80\x94 ") || g_str_has_prefix (q, " \xe2\x80\x93 "))
            cut = TRUE, len = 5;
          else if (g_str_has_prefix (q, " | ") || g_str_has_prefix (q, " -- "))
            cut = TRUE, len = q[1] == '|' ? 3 : 4;
          else if (g_str_has_prefix (q, " \xc2\xb7 "))
            cut = TRUE, len = 4;
          if (cut)
            {
              *q = '\0';
              apply_detail (plan, g_strstrip (seg));
              seg = q + len;
              q = seg - 1;
            }
        }
      g_strstrip (seg);
      if (*seg)
        {
          /* Trailing groups in the rest: "Everything about X (P1)". */
          g_autofree char *tail = g_strdup (seg);
          take_trailing_groups (plan, tail, TRUE);
          if (*tail)
            apply_detail (plan, tail);
        }
    }
}

/* An item that says something only articles say: a checkbox, a path, a
 * kind, a priority, an intent or a length. */
static gboolean
has_article_signals (const char *text)
{
  Plan probe = { 0 };
  g_autoptr(GPtrArray) p1 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) p2 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sum = g_string_new (NULL);
  gboolean signals;

  probe.primary = p1;
  probe.secondary = p2;
  probe.summary = sum;
  parse_item (&probe, text);
  signals = probe.has_status || probe.slug != NULL || probe.pillar || probe.cluster ||
            probe.priority > 0 || probe.words > 0 || probe.intent != NULL || p1->len > 0;
  g_free (probe.title);
  g_free (probe.new_title);
  g_free (probe.slug);
  return signals;
}

/* ---- sections ---- */

static const char *
note_kind_for_heading (const char *heading)
{
  static const struct { const char *needle; const char *kind; } kinds[] = {
    { "strategy", "strategy" }, { "overview", "strategy" }, { "approach", "strategy" },
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

/* Labels of headings and items: "Supporting articles", "Informational",
 * "Pillar", "Clusters:" — they set defaults for what follows. */
static gboolean
read_label (const char   *text,
            const char  **intent,
            int          *kind)
{
  g_autofree char *copy = g_strdup (text);
  char *down;
  gboolean known = FALSE;

  strip_inline (copy);
  down = g_utf8_strdown (copy, -1);
  g_strstrip (down);
  {
    gsize n = strlen (down);
    while (n > 0 && down[n - 1] == ':')
      down[--n] = '\0';
  }
  g_strstrip (down);

  if (g_str_has_prefix (down, "pillar") || g_str_has_prefix (down, "hub") ||
      g_str_has_prefix (down, "cornerstone"))
    *kind = TOPIARY_KIND_PILLAR, known = TRUE;
  else if (g_str_has_prefix (down, "cluster") || g_str_has_prefix (down, "supporting") ||
           g_str_has_prefix (down, "spoke"))
    *kind = TOPIARY_KIND_CLUSTER, known = TRUE;
  else if (strstr (down, "article") != NULL || strstr (down, "posts") != NULL ||
           strstr (down, "content") != NULL || strstr (down, "pages") != NULL)
    known = TRUE;

  {
    /* "Informational articles", "How-to guides", "Comparisons". */
    g_auto(GStrv) words = g_strsplit (down, " ", 3);
    const char *i = words[0] ? strict_intent (words[0]) : NULL;
    g_autofree char *two = words[0] && words[1] ? g_strconcat (words[0], " ", words[1], NULL) : NULL;

    if (i == NULL && two != NULL)
      i = strict_intent (two);
    if (i == NULL && (g_str_has_prefix (down, "comparison") || g_str_has_prefix (down, "how-to") ||
                      g_str_has_prefix (down, "how to") || g_str_has_prefix (down, "faq") ||
                      g_str_has_prefix (down, "review")))
      i = topiary_intent_normalize (down);
    if (i != NULL)
      *intent = i, known = TRUE;
  }
  g_free (down);
  return known;
}

typedef struct {
  TopiaryProject      *project;
  TopiaryImportReport *report;
  GPtrArray           *plans;        /* Plan *, document order */
  char                *group;        /* current group, NULL outside */
  GString             *group_text;   /* paragraphs before its first article */
  GPtrArray           *group_order;  /* char *: groups as they appear */
  GHashTable          *group_desc;   /* group → description */
  gboolean             in_ideas;
  GHashTable          *group_seen;   /* the titles in group_order, borrowed */
} Ctx;

static Plan *
ctx_new_plan (Ctx        *ctx,
              const char *label_intent,
              int         label_kind)
{
  Plan *plan = plan_new ();

  if (!ctx->in_ideas && ctx->group != NULL)
    plan->group = g_strdup (ctx->group);
  plan->intent = label_intent;
  if (label_kind == TOPIARY_KIND_PILLAR)
    plan->pillar = TRUE;
  else if (label_kind == TOPIARY_KIND_CLUSTER)
    plan->cluster = TRUE;
  g_ptr_array_add (ctx->plans, plan);
  return plan;
}

static void
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

static void
table_rows (Ctx        *ctx,
            Block      *table,
            const char *label_intent,
            int         label_kind)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (TopiaryField));
  int title_col = -1;

  for (guint i = 0; i < table->header->len; i++)
    {
      g_autofree char *label = g_strdup (g_ptr_array_index (table->header, i));
      TopiaryField f;

      strip_inline (label);
      f = topiary_field_from_label (label);
      if (f == TOPIARY_FIELD_TITLE && title_col < 0)
        title_col = (int) i;
      g_array_append_val (fields, f);
    }
  if (title_col < 0)
    title_col = 0;

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (table->rows, r);
      g_autofree char *title = NULL;
      Plan *plan;

      if ((guint) title_col >= cells->len)
        continue;
      title = g_strdup (g_ptr_array_index (cells, title_col));
      if (*title == '\0')
        continue;

      plan = ctx_new_plan (ctx, label_intent, label_kind);
      parse_item (plan, title);
      for (guint c = 0; c < cells->len && c < fields->len; c++)
        {
          g_autofree char *value = g_strdup (g_ptr_array_index (cells, c));
          TopiaryField f = g_array_index (fields, TopiaryField, c);

          if ((int) c == title_col)
            continue;
          if (f == TOPIARY_FIELD_GROUP)
            {
              strip_inline (value);
              if (*value)
                {
                  /* The row's own group; the section's stays current. */
                  ctx_register_group (ctx, value);
                  g_free (plan->group);
                  plan->group = g_strdup (value);
                }
              continue;
            }
          if (*value == '\0' || strcmp (value, "-") == 0 || strcmp (value, "\xe2\x80\x94") == 0)
            continue;
          if (f == TOPIARY_FIELD_STATUS || f == TOPIARY_FIELD_PILLAR)
            {
              /* Cells like "✅" or "[x]". */
              if (strcmp (value, "[x]") == 0 || strcmp (value, "[X]") == 0)
                strcpy (value, "x");
              else if (strcmp (value, "[ ]") == 0)
                strcpy (value, "no");
            }
          if (f == TOPIARY_FIELD_UNKNOWN || f == TOPIARY_FIELD_ORDER || f == TOPIARY_FIELD_PARENT ||
              f == TOPIARY_FIELD_DATE)
            {
              g_autofree char *label = g_strdup (g_ptr_array_index (table->header, c));
              g_autofree char *line = NULL;

              strip_inline (label);
              line = g_strdup_printf ("%s: %s", *label ? label : _("Column"), value);
              plan_add_summary (plan, line);
              continue;
            }
          strip_inline (value);
          apply_field (plan, f, value);
        }
    }
}

/* Items of one section, from @start up to (not including) @end. */
static void
section_items (Ctx       *ctx,
               GPtrArray *blocks,
               guint      start,
               guint      end,
               Plan      *heading_article,
               const char *label_intent,
               int         label_kind)
{
  guint n = end - start;
  g_autofree int *parent = g_new (int, n + 1);
  g_autofree int *role = g_new0 (int, n + 1);          /* 0 detail, 1 article, 2 label */
  g_autofree gboolean *kids_articles = g_new0 (gboolean, n + 1);
  g_autofree gboolean *has_kids = g_new0 (gboolean, n + 1);
  g_autofree gboolean *detail_kids = g_new0 (gboolean, n + 1);
  g_autofree Plan **owner = g_new0 (Plan *, n + 1);     /* the article an item belongs to */
  g_autofree const char **item_intent = g_new0 (const char *, n + 1);
  g_autofree int *item_kind = g_new0 (int, n + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  Plan *para_article = NULL;
  enum { DETAIL, ARTICLE, LABEL };

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
      if (has_article_signals (b->text) || has_kids[i])
        kids_articles[parent[i]] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      Block *b = g_ptr_array_index (blocks, start + i);
      int p = parent[i];

      if (b->type == BLOCK_TABLE)
        {
          table_rows (ctx, b, label_intent, label_kind);
          continue;
        }
      if (b->type != BLOCK_ITEM)
        {
          if (b->type == BLOCK_PARA && heading_article != NULL)
            plan_add_summary (heading_article, b->text);
          else if (b->type == BLOCK_PARA && is_article_line (b->text))
            {
              g_autofree char *line = g_strdup (b->text);

              strip_inline (line);
              para_article = ctx_new_plan (ctx, label_intent, label_kind);
              parse_item (para_article, line);
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
          else
            role[i] = ARTICLE;
        }
      else if (role[p] == DETAIL)
        {
          role[i] = DETAIL;
          owner[i] = owner[p];
        }
      else if (role[p] == LABEL)
        role[i] = b->continuation ? DETAIL : ARTICLE;
      else if (!b->continuation && kids_articles[p] && !is_detail_text (b->text))
        role[i] = ARTICLE;
      else if (!b->continuation && owner[p] != NULL && owner[p]->pillar && !detail_kids[p] &&
               !g_str_has_suffix (b->text, "."))
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
          Plan *plan;

          if (p >= 0 && role[p] == LABEL)
            {
              li = item_intent[p];
              lk = item_kind[p] >= 0 ? item_kind[p] : label_kind;
            }
          plan = ctx_new_plan (ctx, li, lk);
          parse_item (plan, b->text);
          owner[i] = plan;
          if (p >= 0 && role[p] == ARTICLE && owner[p] != NULL && plan->group == NULL && !ctx->in_ideas)
            {
              /* A list outside any group: its parent item names the group. */
              Plan *outer = owner[p];

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
        apply_detail (owner[i], b->text);
    }
}

static char *
blocks_text (GPtrArray *blocks,
             guint      start,
             guint      end)
{
  GString *out = g_string_new (NULL);

  for (guint i = start; i < end; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (out->len > 0)
        {
          if (b->type == BLOCK_PARA && !b->para_start)
            g_string_append_c (out, ' ');
          else if (b->type == BLOCK_PARA)
            g_string_append (out, "\n\n");
          else
            g_string_append_c (out, '\n');
        }
      switch (b->type)
        {
        case BLOCK_ITEM:
          for (int k = 0; k < b->indent; k++)
            g_string_append_c (out, ' ');
          g_string_append (out, b->continuation ? "" : "- ");
          g_string_append (out, b->text);
          break;
        case BLOCK_HEADING:
          g_string_append_printf (out, "%.*s %s", MIN (b->level, 6), "######", b->text);
          break;
        case BLOCK_TABLE:
          for (guint r = 0; r <= b->rows->len; r++)
            {
              GPtrArray *cells = r == 0 ? b->header : g_ptr_array_index (b->rows, r - 1);
              g_string_append (out, "|");
              for (guint c = 0; c < cells->len; c++)
                g_string_append_printf (out, " %s |", (char *) g_ptr_array_index (cells, c));
              g_string_append_c (out, '\n');
            }
          break;
        case BLOCK_PARA:
        default:
          g_string_append (out, b->text);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* Does the section hold articles (items that are not only details, or
 * table rows)? */
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

static void
interpret (Ctx       *ctx,
           GPtrArray *blocks,
           char     **map_title,
           GString   *map_intro,
           GPtrArray *notes)
{
  int group_level = 7;
  int h1 = 0;
  guint first = 0;
  guint i;

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
  for (i = first; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      if (b->type == BLOCK_HEADING)
        group_level = MIN (group_level, b->level);
    }

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
      for (guint k = 0; k < intro_notes->len; k++)
        g_ptr_array_add (notes, g_strdup (g_ptr_array_index (intro_notes, k)));
    }

  while (i < blocks->len)
    {
      Block *h = g_ptr_array_index (blocks, i);
      guint end = i + 1;
      guint body_end;
      const char *note_kind;
      g_autofree char *title = g_strdup (h->text);

      strip_inline (title);
      /* The section: up to the next heading of the same or a higher level. */
      while (end < blocks->len)
        {
          Block *b = g_ptr_array_index (blocks, end);
          if (b->type == BLOCK_HEADING && b->level <= h->level)
            break;
          end++;
        }
      /* Its own text: up to the next heading of any level. */
      body_end = i + 1;
      while (body_end < end && ((Block *) g_ptr_array_index (blocks, body_end))->type != BLOCK_HEADING)
        body_end++;

      if (h->level <= group_level)
        {
          note_kind = note_kind_for_heading (title);
          if (note_kind != NULL && !section_has_signals (blocks, i + 1, body_end))
            {
              /* The whole section, sub-headings included, is one note. */
              g_autofree char *body = blocks_text (blocks, i + 1, end);
              g_ptr_array_add (notes, g_strdup (note_kind));
              g_ptr_array_add (notes, g_strdup (title));
              g_ptr_array_add (notes, g_steal_pointer (&body));
              i = end;
              continue;
            }
          if (is_ideas_heading (title))
            {
              g_clear_pointer (&ctx->group, g_free);
              ctx->in_ideas = TRUE;
            }
          else
            {
              ctx_set_group (ctx, title);
              /* Paragraphs right under the group heading describe it. */
              {
                g_autoptr(GString) desc = g_string_new (NULL);
                for (guint k = i + 1; k < body_end; k++)
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
                if (desc->len > 0 && !g_hash_table_contains (ctx->group_desc, title))
                  g_hash_table_insert (ctx->group_desc, g_strdup (title), g_strdup (desc->str));
              }
            }
          section_items (ctx, blocks, i + 1, body_end, NULL, NULL, -1);
          i = body_end;
          continue;
        }

      /* A deeper heading: a label over a list of articles, or an article. */
      {
        const char *li = NULL;
        int lk = -1;

        if (section_lists_articles (blocks, i + 1, body_end))
          {
            read_label (title, &li, &lk);
            section_items (ctx, blocks, i + 1, body_end, NULL, li, lk);
          }
        else if (note_kind_for_heading (title) != NULL &&
                 strcmp (note_kind_for_heading (title), "other") == 0)
          {
            /* "### Notes" under a group: the group's own notes. */
            g_autofree char *body = blocks_text (blocks, i + 1, body_end);
            if (ctx->group != NULL && *body)
              {
                g_autofree char *ntitle = g_strdup_printf ("%s: %s", ctx->group, title);
                g_ptr_array_add (notes, g_strdup ("other"));
                g_ptr_array_add (notes, g_steal_pointer (&ntitle));
                g_ptr_array_add (notes, g_steal_pointer (&body));
              }
          }
        else if (*title != '\0')
          {
            Plan *plan = ctx_new_plan (ctx, NULL, -1);
            parse_item (plan, title);
            section_items (ctx, blocks, i + 1, body_end, plan, NULL, -1);
          }
        i = body_end;
      }
    }
}

/* ---- writing the plan ---- */

static gboolean
write_plans (Ctx        *ctx,
             GError    **error)
{
  g_autoptr(GHashTable) pillars = g_hash_table_new (g_str_hash, g_str_equal);  /* group → Plan */
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) later = g_ptr_array_new ();
  guint duplicates = 0;

  for (guint i = 0; i < ctx->plans->len; i++)
    {
      Plan *plan = g_ptr_array_index (ctx->plans, i);
      Plan *pillar;

      if (plan->group == NULL)
        continue;
      pillar = g_hash_table_lookup (pillars, plan->group);
      if (plan->pillar && (pillar == NULL || !pillar->pillar))
        g_hash_table_insert (pillars, plan->group, plan);
      else if (plan->pillar)
        {
          if (++duplicates <= MAX_WARNINGS)
            topiary_import_report_warn (ctx->report,
                                      _("Group “%s” has more than one pillar; “%s” is kept as a cluster."),
                                      plan->group, plan->title);
          plan->pillar = FALSE;
        }
      else if (pillar == NULL && !plan->cluster)
        g_hash_table_insert (pillars, plan->group, plan);
    }
  /* A group whose articles are all marked clusters: the first leads. */
  for (guint i = 0; i < ctx->plans->len; i++)
    {
      Plan *plan = g_ptr_array_index (ctx->plans, i);
      if (plan->group != NULL && !g_hash_table_contains (pillars, plan->group))
        g_hash_table_insert (pillars, plan->group, plan);
    }

  /* Groups in the order their headings appear, even empty ones. */
  for (guint i = 0; i < ctx->group_order->len; i++)
    {
      const char *name = g_ptr_array_index (ctx->group_order, i);
      TopiaryGroup *group;

      if (g_hash_table_contains (groups, name))
        continue;
      group = _topiary_import_ensure_group (ctx->project, name,
                                            g_hash_table_lookup (ctx->group_desc, name),
                                            ctx->report, error);
      if (group == NULL)
        return FALSE;
      g_hash_table_insert (groups, (gpointer) name, group);
    }

  for (guint i = 0; i < ctx->plans->len; i++)
    {
      Plan *plan = g_ptr_array_index (ctx->plans, i);
      TopiaryArticle *article;
      Plan *pillar = plan->group ? g_hash_table_lookup (pillars, plan->group) : NULL;
      g_autoptr(GPtrArray) queries = g_ptr_array_new ();
      g_autofree char *base = NULL;
      g_autofree char *slug = NULL;

      if (plan->new_title != NULL)
        {
          g_free (plan->title);
          plan->title = g_steal_pointer (&plan->new_title);
        }
      if (plan->title == NULL || *plan->title == '\0')
        continue;

      article = plan->article = topiary_article_new ();
      topiary_article_set_title (article, plan->title);
      if (plan->group != NULL)
        {
          TopiaryGroup *group = g_hash_table_lookup (groups, plan->group);
          g_assert (group != NULL);
          topiary_article_set_group_id (article, topiary_group_get_id (group));
        }
      topiary_article_set_kind (article, pillar == plan || (plan->group == NULL && plan->pillar)
                                         ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
      if (plan->group == NULL && !plan->has_status)
        plan->status = TOPIARY_STATUS_IDEA;
      topiary_article_set_status (article, plan->status);
      if (plan->intent)
        topiary_article_set_intent (article, plan->intent);
      topiary_article_set_priority (article, plan->priority);
      topiary_article_set_target_words (article, plan->words);
      if (plan->summary->len > 0)
        topiary_article_set_summary (article, plan->summary->str);

      for (guint k = 0; k < plan->primary->len + plan->secondary->len && queries->len < MAX_QUERIES; k++)
        {
          const char *q = k < plan->primary->len ? g_ptr_array_index (plan->primary, k)
                                                 : g_ptr_array_index (plan->secondary, k - plan->primary->len);
          gboolean dup = FALSE;

          for (guint j = 0; j < queries->len && !dup; j++)
            dup = g_ascii_strcasecmp (g_ptr_array_index (queries, j), q) == 0;
          if (!dup)
            g_ptr_array_add (queries, (gpointer) q);
        }
      g_ptr_array_add (queries, NULL);
      topiary_article_set_queries (article, (const char * const *) queries->pdata);
      if (queries->len > 1)
        topiary_article_set_primary_query (article, 0);

      /* A deterministic suffix: importing the file again overwrites the same
       * articles rather than adding copies. */
      base = topiary_slugify (plan->slug ? plan->slug : plan->title);
      slug = _topiary_import_claim_slug (slugs, base);
      if (strcmp (slug, base) != 0 && ++duplicates <= MAX_WARNINGS)
        topiary_import_report_warn (ctx->report,
                                    _("Two articles share the slug “%s”; “%s” gets “%s”."),
                                    base, plan->title, slug);
      topiary_article_set_slug (article, slug);

      if (pillar != NULL && pillar != plan)
        {
          if (pillar->article != NULL && topiary_article_get_id (pillar->article) > 0)
            topiary_article_set_parent_id (article, topiary_article_get_id (pillar->article));
          else
            g_ptr_array_add (later, plan);
        }

      if (!_topiary_import_put_article (ctx->project, article, ctx->report, error))
        return FALSE;
    }

  if (duplicates > MAX_WARNINGS)
    topiary_import_report_warn (ctx->report, _("%u more articles share a slug with another."),
                                duplicates - MAX_WARNINGS);

  for (guint i = 0; i < later->len; i++)
    {
      Plan *plan = g_ptr_array_index (later, i);
      Plan *pillar = g_hash_table_lookup (pillars, plan->group);

      topiary_article_set_parent_id (plan->article, topiary_article_get_id (pillar->article));
      if (!topiary_project_update_article (ctx->project, plan->article, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_topiary_import_outline (TopiaryProject      *project,
                         const char          *text,
                         gsize                length,
                         TopiaryImportReport *report,
                         GError             **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (plan_free);
  g_autoptr(GPtrArray) group_order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) group_desc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) intro = g_string_new (NULL);
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *map_title = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *old_desc = NULL;
  gsize block_start, block_len, body = 0;
  TopiaryFrontMatterFormat format;
  g_autoptr(GHashTable) group_seen = g_hash_table_new (g_str_hash, g_str_equal);
  Ctx ctx = { project, report, plans, NULL, NULL, group_order, group_desc, FALSE, group_seen };

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (text == NULL)
    text = "";

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

  interpret (&ctx, blocks, &map_title, intro, notes);
  g_clear_pointer (&ctx.group, g_free);

  if (plans->len == 0 && group_order->len == 0)
    {
      g_set_error_literal (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                           _("The outline lists no groups or articles."));
      return FALSE;
    }

  /* The map's own fields are only filled in, never overwritten. */
  if (fm != NULL && topiary_front_matter_get_string (fm, "title"))
    {
      g_free (map_title);
      map_title = g_strdup (topiary_front_matter_get_string (fm, "title"));
    }
  old_title = topiary_project_get_map_field (project, "title");
  if (map_title != NULL && *map_title && (old_title == NULL || *old_title == '\0'))
    if (!_topiary_import_set_map_field (project, "title", map_title, report, error))
      return FALSE;
  old_desc = topiary_project_get_map_field (project, "description");
  {
    const char *desc = fm ? topiary_front_matter_get_string (fm, "description") : NULL;
    g_autofree char *intro_text = g_strstrip (g_strdup (intro->str));

    if (desc == NULL && *intro_text)
      desc = intro_text;
    else if (desc != NULL && *intro_text)
      {
        if (!_topiary_import_add_note (project, "strategy", _("Introduction"), intro_text, report, error))
          return FALSE;
      }
    if (desc != NULL && (old_desc == NULL || *old_desc == '\0'))
      {
        if (!_topiary_import_set_map_field (project, "description", desc, report, error))
          return FALSE;
      }
  }

  if (!write_plans (&ctx, error))
    return FALSE;

  for (guint i = 0; i + 2 < notes->len; i += 3)
    {
      const char *nbody = g_ptr_array_index (notes, i + 2);
      if (*nbody == '\0')
        continue;
      if (!_topiary_import_add_note (project, g_ptr_array_index (notes, i),
                                     g_ptr_array_index (notes, i + 1), nbody, report, error))
        return FALSE;
    }
  return TRUE;
}

int
_topiary_import_outline_sniff (const char *text,
                               gsize       length)
{
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  guint headings = 0, items = 0, checkboxes = 0, tables = 0, labels = 0, n = 0;
  int score = 0;

  if (text == NULL || length == 0)
    return 0;
  head = g_strndup (text, MIN (length, 64 * 1024));
  lines = g_strsplit (head, "\n", 2000);
  for (guint i = 0; lines[i]; i++)
    {
      const char *p;
      gsize m;

      leading_columns (lines[i], &p);
      if (*p == '\0')
        continue;
      n++;
      if (*p == '#')
        {
          guint level = (guint) strspn (p, "#");
          if (level <= 6 && (p[level] == ' ' || p[level] == '\0'))
            headings++;
        }
      else if ((m = item_marker (p)) > 0)
        {
          items++;
          if (p[m] == '[' && p[m + 2] == ']')
            checkboxes++;
          if (is_detail_text (p + m))
            labels++;
        }
      else if (is_table_delimiter (p) && strchr (p, '|'))
        tables++;
    }
  if (n == 0)
    return 0;
  if (headings > 0)
    score += 30;
  if (items >= 3 || tables > 0)
    score += 30;
  if (checkboxes > 0 || labels > 0)
    score += 20;
  if ((items + headings) * 3 >= n)
    score += 15;
  return MIN (score, 95);
}
