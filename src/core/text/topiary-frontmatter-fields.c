/* topiary-frontmatter-fields.c — the metadata vocabulary the importers share:
 * field names and values (status, kind, priority, words …) in many spellings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"
#include "topiary-frontmatter-private.h"

#include <stdlib.h>
#include <string.h>

#include "topiary-slug.h"

/* ---- the vocabulary ---- */

/* Lowercase words separated by single spaces. */
static char *
normalize_label (const char *label)
{
  g_autofree char *down = g_utf8_strdown (label, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = down; *p; p++)
    {
      if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

static const struct {
  const char   *label;
  TopiaryField  field;
} labels[] = {
  { "title", TOPIARY_FIELD_TITLE },
  { "article", TOPIARY_FIELD_TITLE },
  { "article title", TOPIARY_FIELD_TITLE },
  { "article name", TOPIARY_FIELD_TITLE },
  { "h1", TOPIARY_FIELD_TITLE },
  { "headline", TOPIARY_FIELD_TITLE },
  { "heading", TOPIARY_FIELD_TITLE },
  { "post", TOPIARY_FIELD_TITLE },
  { "post title", TOPIARY_FIELD_TITLE },
  { "blog post", TOPIARY_FIELD_TITLE },
  { "page", TOPIARY_FIELD_TITLE },
  { "page title", TOPIARY_FIELD_TITLE },
  { "name", TOPIARY_FIELD_TITLE },
  { "working title", TOPIARY_FIELD_TITLE },
  { "content title", TOPIARY_FIELD_TITLE },
  { "piece", TOPIARY_FIELD_TITLE },
  { "slug", TOPIARY_FIELD_SLUG },
  { "url", TOPIARY_FIELD_SLUG },
  { "path", TOPIARY_FIELD_SLUG },
  { "permalink", TOPIARY_FIELD_SLUG },
  { "page url", TOPIARY_FIELD_SLUG },
  { "target url", TOPIARY_FIELD_SLUG },
  { "url slug", TOPIARY_FIELD_SLUG },
  { "link", TOPIARY_FIELD_SLUG },
  { "uri", TOPIARY_FIELD_SLUG },
  { "group", TOPIARY_FIELD_GROUP },
  { "group name", TOPIARY_FIELD_GROUP },
  { "content group", TOPIARY_FIELD_GROUP },
  { "cluster", TOPIARY_FIELD_GROUP },
  { "cluster name", TOPIARY_FIELD_GROUP },
  { "topic cluster", TOPIARY_FIELD_GROUP },
  { "content cluster", TOPIARY_FIELD_GROUP },
  { "keyword cluster", TOPIARY_FIELD_GROUP },
  { "topic", TOPIARY_FIELD_GROUP },
  { "pillar topic", TOPIARY_FIELD_GROUP },
  { "parent topic", TOPIARY_FIELD_GROUP },
  { "category", TOPIARY_FIELD_GROUP },
  { "categories", TOPIARY_FIELD_GROUP },
  { "section", TOPIARY_FIELD_GROUP },
  { "silo", TOPIARY_FIELD_GROUP },
  { "hub", TOPIARY_FIELD_GROUP },
  { "theme", TOPIARY_FIELD_GROUP },
  { "bucket", TOPIARY_FIELD_GROUP },
  { "kind", TOPIARY_FIELD_KIND },
  { "type", TOPIARY_FIELD_KIND },
  { "role", TOPIARY_FIELD_KIND },
  { "article type", TOPIARY_FIELD_KIND },
  { "content type", TOPIARY_FIELD_KIND },
  { "page type", TOPIARY_FIELD_KIND },
  { "post type", TOPIARY_FIELD_KIND },
  { "pillar cluster", TOPIARY_FIELD_KIND },
  { "pillar or cluster", TOPIARY_FIELD_KIND },
  { "pillar", TOPIARY_FIELD_PILLAR },
  { "is pillar", TOPIARY_FIELD_PILLAR },
  { "pillar page", TOPIARY_FIELD_PILLAR },
  { "pillar article", TOPIARY_FIELD_PILLAR },
  { "cornerstone", TOPIARY_FIELD_PILLAR },
  { "target", TOPIARY_FIELD_PRIMARY_QUERY },
  { "targets", TOPIARY_FIELD_PRIMARY_QUERY },
  { "keyword", TOPIARY_FIELD_PRIMARY_QUERY },
  { "kw", TOPIARY_FIELD_PRIMARY_QUERY },
  { "query", TOPIARY_FIELD_PRIMARY_QUERY },
  { "head term", TOPIARY_FIELD_PRIMARY_QUERY },
  { "seed keyword", TOPIARY_FIELD_PRIMARY_QUERY },
  { "search term", TOPIARY_FIELD_PRIMARY_QUERY },
  { "focus keyphrase", TOPIARY_FIELD_PRIMARY_QUERY },
  { "primary", TOPIARY_FIELD_PRIMARY_QUERY },
  { "target queries", TOPIARY_FIELD_PRIMARY_QUERY },
  { "target keywords", TOPIARY_FIELD_PRIMARY_QUERY },
  { "secondary", TOPIARY_FIELD_QUERIES },
  { "also", TOPIARY_FIELD_QUERIES },
  { "queries", TOPIARY_FIELD_QUERIES },
  { "keywords", TOPIARY_FIELD_QUERIES },
  { "tags", TOPIARY_FIELD_QUERIES },
  { "lsi", TOPIARY_FIELD_QUERIES },
  { "long tail", TOPIARY_FIELD_QUERIES },
  { "variations", TOPIARY_FIELD_QUERIES },
  { "related", TOPIARY_FIELD_QUERIES },
  { "intent", TOPIARY_FIELD_INTENT },
  { "search intent", TOPIARY_FIELD_INTENT },
  { "user intent", TOPIARY_FIELD_INTENT },
  { "intent type", TOPIARY_FIELD_INTENT },
  { "priority", TOPIARY_FIELD_PRIORITY },
  { "prio", TOPIARY_FIELD_PRIORITY },
  { "pri", TOPIARY_FIELD_PRIORITY },
  { "importance", TOPIARY_FIELD_PRIORITY },
  { "status", TOPIARY_FIELD_STATUS },
  { "state", TOPIARY_FIELD_STATUS },
  { "stage", TOPIARY_FIELD_STATUS },
  { "progress", TOPIARY_FIELD_STATUS },
  { "done", TOPIARY_FIELD_STATUS },
  { "words", TOPIARY_FIELD_WORDS },
  { "length", TOPIARY_FIELD_WORDS },
  { "target length", TOPIARY_FIELD_WORDS },
  { "wordcount", TOPIARY_FIELD_WORDS },
  { "summary", TOPIARY_FIELD_SUMMARY },
  { "description", TOPIARY_FIELD_SUMMARY },
  { "meta description", TOPIARY_FIELD_SUMMARY },
  { "brief", TOPIARY_FIELD_SUMMARY },
  { "angle", TOPIARY_FIELD_SUMMARY },
  { "notes", TOPIARY_FIELD_SUMMARY },
  { "note", TOPIARY_FIELD_SUMMARY },
  { "outline", TOPIARY_FIELD_SUMMARY },
  { "synopsis", TOPIARY_FIELD_SUMMARY },
  { "about", TOPIARY_FIELD_SUMMARY },
  { "details", TOPIARY_FIELD_SUMMARY },
  { "comment", TOPIARY_FIELD_SUMMARY },
  { "comments", TOPIARY_FIELD_SUMMARY },
  { "parent", TOPIARY_FIELD_PARENT },
  { "parent pillar", TOPIARY_FIELD_PARENT },
  { "parent article", TOPIARY_FIELD_PARENT },
  { "parent page", TOPIARY_FIELD_PARENT },
  { "belongs to", TOPIARY_FIELD_PARENT },
  { "supports", TOPIARY_FIELD_PARENT },
  { "order", TOPIARY_FIELD_ORDER },
  { "position", TOPIARY_FIELD_ORDER },
  { "weight", TOPIARY_FIELD_ORDER },
  { "writing order", TOPIARY_FIELD_ORDER },
  { "publish order", TOPIARY_FIELD_ORDER },
  { "sequence", TOPIARY_FIELD_ORDER },
  { "no", TOPIARY_FIELD_ORDER },
  { "nr", TOPIARY_FIELD_ORDER },
  { "number", TOPIARY_FIELD_ORDER },
  { "date", TOPIARY_FIELD_DATE },
  { "publish date", TOPIARY_FIELD_DATE },
  { "published", TOPIARY_FIELD_DATE },
  { "publication date", TOPIARY_FIELD_DATE },
  { "pub date", TOPIARY_FIELD_DATE },
  { "due", TOPIARY_FIELD_DATE },
  { "due date", TOPIARY_FIELD_DATE },
  { "draft", TOPIARY_FIELD_DRAFT },
};

TopiaryField
topiary_field_from_label (const char *label)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (label != NULL, TOPIARY_FIELD_UNKNOWN);

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (label));
    if (strcmp (trimmed, "#") == 0)
      return TOPIARY_FIELD_ORDER;
  }

  norm = normalize_label (label);
  if (*norm == '\0')
    return TOPIARY_FIELD_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (norm, labels[i].label) == 0)
      return labels[i].field;

  /* Spreadsheet headers vary endlessly; fall back on the telling word. */
  if (strstr (norm, "secondary") || strstr (norm, "related") ||
      strstr (norm, "long tail") || strstr (norm, "lsi") ||
      strstr (norm, "supporting k") || strstr (norm, "additional") ||
      strstr (norm, "other k"))
    return TOPIARY_FIELD_QUERIES;
  if (strstr (norm, "keyword") || strstr (norm, "query") ||
      strstr (norm, "queries") || strstr (norm, "keyphrase") || strstr (norm, "search term"))
    {
      if (strstr (norm, "primary") || strstr (norm, "focus") ||
          strstr (norm, "main") || strstr (norm, "target"))
        return TOPIARY_FIELD_PRIMARY_QUERY;
      if (g_str_has_suffix (norm, "s"))
        return TOPIARY_FIELD_QUERIES;
      return TOPIARY_FIELD_PRIMARY_QUERY;
    }
  if (strstr (norm, "intent"))
    return TOPIARY_FIELD_INTENT;
  if (strstr (norm, "word"))
    return TOPIARY_FIELD_WORDS;
  if (strstr (norm, "priority"))
    return TOPIARY_FIELD_PRIORITY;
  if (strstr (norm, "status"))
    return TOPIARY_FIELD_STATUS;
  if (strstr (norm, "slug") || strstr (norm, "url"))
    return TOPIARY_FIELD_SLUG;
  if (strstr (norm, "title"))
    return TOPIARY_FIELD_TITLE;
  if (strstr (norm, "cluster") || strstr (norm, "group") || strstr (norm, "silo"))
    return TOPIARY_FIELD_GROUP;
  return TOPIARY_FIELD_UNKNOWN;
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
topiary_value_parse_bool (const char *text,
                          gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", "x", "on", "done",
                                      "\xe2\x9c\x93", "\xe2\x9c\x94", "\xe2\x98\x91",
                                      "\xe2\x9c\x85", NULL };
  static const char * const no[] = { "no", "n", "false", "f", "0", "off", "-",
                                     "\xe2\x9c\x97", "\xe2\x9c\x98", "\xe2\x98\x90", NULL };
  g_autofree char *down = NULL;

  if (text == NULL)
    return FALSE;
  down = g_strstrip (g_utf8_strdown (text, -1));
  if (word_in (down, yes))
    {
      if (value) *value = TRUE;
      return TRUE;
    }
  if (word_in (down, no))
    {
      if (value) *value = FALSE;
      return TRUE;
    }
  return FALSE;
}

int
topiary_value_parse_priority (const char *text)
{
  static const char * const high[] = { "high", "highest", "top", "critical", "urgent", "must", "must have", "very high", NULL };
  static const char * const medium[] = { "medium", "med", "mid", "normal", "should", "moderate", NULL };
  static const char * const low[] = { "low", "lowest", "later", "nice to have", "could", "very low", NULL };
  g_autofree char *norm = NULL;
  const char *p;
  gint64 v;

  if (text == NULL)
    return 0;
  norm = normalize_label (text);
  if (word_in (norm, high))
    return 1;
  if (word_in (norm, medium))
    return 3;
  if (word_in (norm, low))
    return 5;

  p = norm;
  if (g_str_has_prefix (p, "priority "))
    p += strlen ("priority ");
  else if (g_str_has_prefix (p, "prio "))
    p += strlen ("prio ");
  else if (p[0] == 'p' && g_ascii_isdigit (p[1]))
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q))
      return 0;
  v = g_ascii_strtoll (p, NULL, 10);
  if (v <= 0)
    return 0;
  return (int) CLAMP (v, 1, 5);
}

gboolean
topiary_value_parse_status (const char    *text,
                            TopiaryStatus *status)
{
  static const struct { const char *word; TopiaryStatus status; } words[] = {
    { "idea", TOPIARY_STATUS_IDEA },
    { "ideas", TOPIARY_STATUS_IDEA },
    { "backlog", TOPIARY_STATUS_IDEA },
    { "maybe", TOPIARY_STATUS_IDEA },
    { "planned", TOPIARY_STATUS_PLANNED },
    { "plan", TOPIARY_STATUS_PLANNED },
    { "todo", TOPIARY_STATUS_PLANNED },
    { "to do", TOPIARY_STATUS_PLANNED },
    { "not started", TOPIARY_STATUS_PLANNED },
    { "open", TOPIARY_STATUS_PLANNED },
    { "new", TOPIARY_STATUS_PLANNED },
    { "scheduled", TOPIARY_STATUS_PLANNED },
    { "queued", TOPIARY_STATUS_PLANNED },
    { "assigned", TOPIARY_STATUS_PLANNED },
    { "brief", TOPIARY_STATUS_PLANNED },
    { "drafting", TOPIARY_STATUS_DRAFTING },
    { "draft", TOPIARY_STATUS_DRAFTING },
    { "drafted", TOPIARY_STATUS_DRAFTING },
    { "writing", TOPIARY_STATUS_DRAFTING },
    { "in progress", TOPIARY_STATUS_DRAFTING },
    { "wip", TOPIARY_STATUS_DRAFTING },
    { "doing", TOPIARY_STATUS_DRAFTING },
    { "started", TOPIARY_STATUS_DRAFTING },
    { "review", TOPIARY_STATUS_REVIEW },
    { "in review", TOPIARY_STATUS_REVIEW },
    { "reviewing", TOPIARY_STATUS_REVIEW },
    { "editing", TOPIARY_STATUS_REVIEW },
    { "edit", TOPIARY_STATUS_REVIEW },
    { "proofreading", TOPIARY_STATUS_REVIEW },
    { "ready", TOPIARY_STATUS_REVIEW },
    { "published", TOPIARY_STATUS_PUBLISHED },
    { "publish", TOPIARY_STATUS_PUBLISHED },
    { "done", TOPIARY_STATUS_PUBLISHED },
    { "live", TOPIARY_STATUS_PUBLISHED },
    { "complete", TOPIARY_STATUS_PUBLISHED },
    { "completed", TOPIARY_STATUS_PUBLISHED },
    { "finished", TOPIARY_STATUS_PUBLISHED },
    { "posted", TOPIARY_STATUS_PUBLISHED },
    { "online", TOPIARY_STATUS_PUBLISHED },
    { "x", TOPIARY_STATUS_PUBLISHED },
  };
  g_autofree char *norm = NULL;

  if (text == NULL)
    return FALSE;
  norm = normalize_label (text);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (norm, words[i].word) == 0)
      {
        if (status)
          *status = words[i].status;
        return TRUE;
      }
  return FALSE;
}

gboolean
topiary_value_parse_kind (const char  *text,
                          TopiaryKind *kind)
{
  static const char * const pillars[] = { "pillar", "pillar page", "pillar article",
                                          "pillar post", "pillar content", "hub",
                                          "hub page", "cornerstone", "cornerstone content",
                                          "main", "parent", "p", NULL };
  static const char * const clusters[] = { "cluster", "cluster article", "cluster page",
                                           "cluster post", "cluster content", "supporting",
                                           "supporting article", "support", "spoke",
                                           "child", "subtopic", "sub topic", "satellite",
                                           "c", NULL };
  g_autofree char *norm = NULL;

  if (text == NULL)
    return FALSE;
  norm = normalize_label (text);
  if (word_in (norm, pillars))
    {
      if (kind) *kind = TOPIARY_KIND_PILLAR;
      return TRUE;
    }
  if (word_in (norm, clusters))
    {
      if (kind) *kind = TOPIARY_KIND_CLUSTER;
      return TRUE;
    }
  return FALSE;
}

int
topiary_value_parse_words (const char *text)
{
  const char *p;
  gint64 v = 0;
  gboolean any = FALSE;

  if (text == NULL)
    return 0;
  for (p = text; *p && !g_ascii_isdigit (*p); p++)
    ;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          v = v * 10 + (*p - '0');
          any = TRUE;
          if (v > 1000000)
            return 0;
        }
      /* Thousands separators: "1,500", "1.500", "1 500". */
      else if ((*p == ',' || *p == '.' || *p == ' ' || *p == '\'') &&
               g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
               !g_ascii_isdigit (p[4]))
        continue;
      else
        break;
    }
  if (!any)
    return 0;
  if (*p == 'k' || *p == 'K')
    v *= 1000;
  return v <= 1000000 ? (int) v : 0;
}

char **
topiary_value_split_list (const char *text)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *seps = ",";
  char **parts;
  char **result;

  if (text != NULL && strpbrk (text, ";|\n") != NULL)
    seps = ";|\n";

  parts = g_strsplit_set (text ? text : "", seps, -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  g_strfreev (parts);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

char *
topiary_value_slug_from_path (const char *text)
{
  g_autofree char *copy = NULL;
  char *s;
  char *last;
  char *dot;
  char *slug;
  gboolean any = FALSE;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  s = copy;

  if ((last = strstr (s, "://")) != NULL)
    {
      s = strchr (last + 3, '/');
      if (s == NULL)
        return NULL;
    }
  s[strcspn (s, "?#")] = '\0';
  while (*s && s[strlen (s) - 1] == '/')
    s[strlen (s) - 1] = '\0';
  last = strrchr (s, '/');
  if (last != NULL)
    s = last + 1;
  dot = strrchr (s, '.');
  if (dot != NULL && (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0 ||
                      g_ascii_strcasecmp (dot, ".md") == 0 || g_ascii_strcasecmp (dot, ".php") == 0))
    *dot = '\0';

  for (const char *p = s; *p; p++)
    if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
      any = TRUE;
  if (!any)
    return NULL;
  slug = topiary_slugify (s);
  if (strcmp (slug, "untitled") == 0 && strstr (s, "untitled") == NULL)
    {
      g_free (slug);
      return NULL;
    }
  return slug;
}

char *
topiary_value_humanize (const char *name)
{
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    {
      if (*p == '-' || *p == '_' || g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  if (out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}
