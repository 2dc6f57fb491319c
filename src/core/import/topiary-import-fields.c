/* topiary-import-fields.c — field names, values and one item's line
 *
 * "Target keyword: x", "**URL slug:** /a/b", "(P1, how-to)", "[x]": what an
 * outline says about one article. See topiary-import-outline.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-outline-private.h"
#include "topiary-slug.h"


Entry *
entry_new (void)
{
  Entry *plan = g_new0 (Entry, 1);

  plan->primary = g_ptr_array_new_with_free_func (g_free);
  plan->secondary = g_ptr_array_new_with_free_func (g_free);
  plan->summary = g_string_new (NULL);
  plan->status = TOPIARY_STATUS_PLANNED;
  return plan;
}

void
entry_free (gpointer data)
{
  Entry *plan = data;

  g_free (plan->title);
  g_free (plan->new_title);
  g_free (plan->slug);
  g_ptr_array_unref (plan->primary);
  g_ptr_array_unref (plan->secondary);
  g_string_free (plan->summary, TRUE);
  g_free (plan->group);
  g_free (plan->content_type);
  g_free (plan);
}

void
entry_add_summary (Entry       *plan,
                  const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (*copy == '\0')
    return;
  if (plan->summary->len > 0)
    g_string_append_c (plan->summary, plan->summary->str[plan->summary->len - 1] == '.' ? ' ' : '\n');
  g_string_append (plan->summary, copy);
}

void
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
void
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

gboolean
is_pathlike (const char *token)
{
  if (token[0] == '/' && token[1] != '\0' && strchr (token, ' ') == NULL)
    return TRUE;
  if (strstr (token, "://") != NULL && strchr (token, ' ') == NULL)
    return TRUE;
  return FALSE;
}

const char *
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
apply_token (Entry       *plan,
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

gboolean
apply_tokens (Entry       *plan,
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

/* ---- field names ---- */

static char *
normalize_label (const char *label)
{
  g_autofree char *copy = g_strdup (label);
  GString *out = g_string_new (NULL);
  char *down;

  strip_inline (copy);
  down = g_utf8_strdown (copy, -1);
  for (const char *p = down; *p; p++)
    {
      if (*p == '.' || *p == ':' || *p == '*' || *p == '_' || *p == '(' || *p == ')')
        continue;
      if (*p == ' ' || *p == '-' || *p == '\t' || *p == '/')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_free (down);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

EntryFieldClass
classify_label (const char   *label,
                TopiaryField *field)
{
  /* What an article is (a listicle, a comparison): its intent when no
   * intent is given, else kept in its summary. */
  static const char * const content_types[] = {
    "content type", "format", "template", "page template", "content format", "article format",
    "post format", "page format", "asset type", NULL };
  /* Research figures with no place in the model: kept in the summary. */
  static const char * const kept[] = {
    "volume", "vol", "search volume", "est volume", "estimated volume", "monthly volume",
    "monthly searches", "msv", "sv", "kd", "kd %", "kd%", "difficulty", "keyword difficulty",
    "seo difficulty", "cpc", "traffic", "est traffic", "traffic potential", "competition",
    "serp features", "current rank", "position", "rank", "owner", "author", "writer",
    "due", "deadline", "publish date", "cta", "internal links", "links to", "link to",
    "schema", "funnel stage", "funnel", "stage of funnel", "seo title", "meta title",
    "notes for writer", "angle", NULL };
  g_autofree char *norm = normalize_label (label);
  TopiaryField f;

  *field = TOPIARY_FIELD_UNKNOWN;
  if (*norm == '\0')
    return ENTRY_FIELD_NONE;
  for (guint i = 0; content_types[i]; i++)
    if (strcmp (norm, content_types[i]) == 0)
      return ENTRY_FIELD_CONTENT_TYPE;
  for (guint i = 0; kept[i]; i++)
    if (strcmp (norm, kept[i]) == 0)
      {
        /* An angle is a summary; "SEO title" beside a title is a note. */
        if (strcmp (norm, "angle") == 0)
          {
            *field = TOPIARY_FIELD_SUMMARY;
            return ENTRY_FIELD_KNOWN;
          }
        return ENTRY_FIELD_KEEP;
      }
  f = topiary_field_from_label (label);
  if (f == TOPIARY_FIELD_UNKNOWN)
    return ENTRY_FIELD_NONE;
  *field = f;
  return ENTRY_FIELD_KNOWN;
}

/* A label short enough to be a field name nobody listed: "Est. traffic",
 * "Word count goal", not a sentence or a title. */
static gboolean
is_short_label (const char *label)
{
  guint words = 1;

  if (*label == '\0' || g_utf8_strlen (label, -1) > 24 || !g_unichar_isalpha (g_utf8_get_char (label)))
    return FALSE;
  for (const char *p = label; *p; p++)
    {
      if (*p == ' ')
        words++;
      if (*p == '?' || *p == '!' || *p == ',' || *p == '"')
        return FALSE;
    }
  return words <= 3;
}

EntryFieldClass
field_line (const char    *text,
            gboolean       loose,
            TopiaryField  *field,
            char         **label,
            char         **value)
{
  const char *colon = strchr (text, ':');
  g_autofree char *key = NULL;
  g_autofree char *val = NULL;
  EntryFieldClass klass;
  TopiaryField f;

  if (colon == NULL || colon - text > 40 || colon == text)
    return ENTRY_FIELD_NONE;
  /* "https://…" is not a key. */
  if (colon[1] == '/')
    return ENTRY_FIELD_NONE;
  key = g_strndup (text, (gsize) (colon - text));
  strip_inline (key);
  /* "Zero-downtime deploys - priority: high" is a title with a detail. */
  if (strstr (key, " - ") != NULL || strstr (key, "\xe2\x80\x94") != NULL ||
      strstr (key, "\xe2\x80\x93") != NULL || strchr (key, '|') != NULL)
    return ENTRY_FIELD_NONE;
  val = g_strdup (colon + 1);
  /* "**Target:** x" leaves the closing ** after the colon. */
  strip_inline (val);
  klass = classify_label (key, &f);
  if (klass == ENTRY_FIELD_NONE && loose && *val != '\0' && is_short_label (key))
    klass = ENTRY_FIELD_KEEP;
  if (klass == ENTRY_FIELD_NONE)
    return klass;
  if (field)
    *field = f;
  if (label)
    *label = g_steal_pointer (&key);
  if (value)
    *value = g_steal_pointer (&val);
  return klass;
}

static gboolean
split_key_value (const char    *segment,
                 TopiaryField  *field,
                 char         **value)
{
  TopiaryField f;
  g_autofree char *v = NULL;

  if (field_line (segment, FALSE, &f, NULL, &v) != ENTRY_FIELD_KNOWN)
    return FALSE;
  *field = f;
  *value = g_steal_pointer (&v);
  return TRUE;
}

const char *
intent_from_words (const char *text)
{
  static const char * const transactional[] = { "template", "download", "calculator", "generator",
                                                 "checker", "tool", "sign up", "signup", "quote",
                                                 "booking", NULL };
  g_autofree char *down = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  down = g_utf8_strdown (text, -1);
  for (guint i = 0; transactional[i]; i++)
    if (strstr (down, transactional[i]) != NULL)
      return "transactional";
  return topiary_intent_normalize (text);
}

gboolean
status_from_words (const char    *text,
                   TopiaryStatus *status)
{
  static const char * const live[] = { "existing", "exists", "live page", "keep", "indexed", NULL };
  g_autofree char *down = NULL;

  if (text == NULL)
    return FALSE;
  down = g_strstrip (g_utf8_strdown (text, -1));
  for (guint i = 0; live[i]; i++)
    if (strcmp (down, live[i]) == 0)
      {
        *status = TOPIARY_STATUS_PUBLISHED;
        return TRUE;
      }
  return topiary_value_parse_status (down, status);
}

void
apply_labelled (Entry           *entry,
                EntryFieldClass  klass,
                TopiaryField     field,
                const char      *label,
                const char      *value)
{
  g_autofree char *line = NULL;

  switch (klass)
    {
    case ENTRY_FIELD_KNOWN:
      if (*value == '\0' && (field == TOPIARY_FIELD_PRIMARY_QUERY || field == TOPIARY_FIELD_QUERIES))
        entry->pending = field;
      else
        apply_field (entry, field, value);
      break;
    case ENTRY_FIELD_CONTENT_TYPE:
      {
        TopiaryKind kind;

        if (*value == '\0')
          break;
        if (topiary_value_parse_kind (value, &kind))
          {
            entry->pillar = kind == TOPIARY_KIND_PILLAR;
            entry->cluster = kind == TOPIARY_KIND_CLUSTER;
            break;
          }
        g_free (entry->content_type);
        entry->content_type = g_strdup_printf ("%s: %s", label, value);
      }
      break;
    case ENTRY_FIELD_KEEP:
      if (*value == '\0')
        break;
      line = g_strdup_printf ("%s: %s", label, value);
      entry_add_summary (entry, line);
      break;
    case ENTRY_FIELD_NONE:
    default:
      break;
    }
}

void
apply_field (Entry         *plan,
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
        const char *intent = intent_from_words (value);
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

        if (status_from_words (value, &status))
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
        else if (field == TOPIARY_FIELD_KIND && *value != '\0')
          {
            /* "Type: comparison" says what the article is, not its role. */
            g_free (plan->content_type);
            plan->content_type = g_strdup_printf ("%s: %s", _("Type"), value);
          }
      }
      break;
    case TOPIARY_FIELD_SUMMARY:
      entry_add_summary (plan, value);
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
static void apply_detail_segment (Entry *plan, const char *text);

void
apply_detail (Entry       *plan,
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
      else if (*q == ';' && q[1] == ' ' && field_line (q + 2, FALSE, NULL, NULL, NULL) != ENTRY_FIELD_NONE)
        /* "primary keyword: x; intent: comparison" */
        len = 2;
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
apply_detail_segment (Entry       *plan,
                      const char *text)
{
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  TopiaryField field;
  EntryFieldClass klass;

  if (*text == '\0')
    return;
  if ((klass = field_line (text, FALSE, &field, &label, &value)) != ENTRY_FIELD_NONE)
    {
      apply_labelled (plan, klass, field, label, value);
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
    entry_add_summary (plan, clean);
  }
}

gboolean
is_detail_text (const char *text)
{
  g_autofree char *value = NULL;
  g_autofree char *copy = NULL;
  TopiaryField field;
  Entry probe = { 0 };

  if (field_line (text, FALSE, &field, NULL, &value) != ENTRY_FIELD_NONE)
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
take_trailing_groups (Entry     *plan,
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
gboolean
take_kind_prefix (Entry  *plan,
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
gboolean
is_article_line (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  Entry probe = { 0 };

  strip_inline (copy);
  return take_kind_prefix (&probe, copy) && *copy != '\0';
}

/* Reads an item's own line into @plan. */
void
parse_item (Entry       *plan,
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

  /* "- [ ] /apps/actual-budget — …": the path is the slug, and the title is
   * made later from the target query or the slug. */
  if (is_pathlike (plan->title))
    {
      char *slug = topiary_value_slug_from_path (plan->title);

      if (slug != NULL && plan->slug == NULL)
        plan->slug = slug;
      else
        g_free (slug);
      plan->title[0] = '\0';
    }

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
gboolean
has_article_signals (const char *text)
{
  Entry probe = { 0 };
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
  g_free (probe.content_type);
  return signals;
}

gboolean
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
