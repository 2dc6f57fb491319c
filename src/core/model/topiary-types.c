/* topiary-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-types.h"

static const char * const status_names[TOPIARY_N_STATUS] = {
  "idea", "planned", "drafting", "review", "published",
};

const char *
topiary_kind_to_string (TopiaryKind kind)
{
  return kind == TOPIARY_KIND_PILLAR ? "pillar" : "cluster";
}

gboolean
topiary_kind_from_string (const char  *str,
                          TopiaryKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (str, "pillar") == 0 || g_ascii_strcasecmp (str, "hub") == 0)
    *kind = TOPIARY_KIND_PILLAR;
  else if (g_ascii_strcasecmp (str, "cluster") == 0 || g_ascii_strcasecmp (str, "spoke") == 0 ||
           g_ascii_strcasecmp (str, "supporting") == 0 || g_ascii_strcasecmp (str, "article") == 0)
    *kind = TOPIARY_KIND_CLUSTER;
  else
    return FALSE;
  return TRUE;
}

const char *
topiary_status_to_string (TopiaryStatus status)
{
  g_return_val_if_fail (status < TOPIARY_N_STATUS, "idea");
  return status_names[status];
}

gboolean
topiary_status_from_string (const char    *str,
                            TopiaryStatus *status)
{
  static const struct { const char *word; TopiaryStatus status; } synonyms[] = {
    { "todo", TOPIARY_STATUS_PLANNED },
    { "to do", TOPIARY_STATUS_PLANNED },
    { "not started", TOPIARY_STATUS_PLANNED },
    { "draft", TOPIARY_STATUS_DRAFTING },
    { "writing", TOPIARY_STATUS_DRAFTING },
    { "in progress", TOPIARY_STATUS_DRAFTING },
    { "wip", TOPIARY_STATUS_DRAFTING },
    { "editing", TOPIARY_STATUS_REVIEW },
    { "in review", TOPIARY_STATUS_REVIEW },
    { "done", TOPIARY_STATUS_PUBLISHED },
    { "live", TOPIARY_STATUS_PUBLISHED },
    { "complete", TOPIARY_STATUS_PUBLISHED },
    { "completed", TOPIARY_STATUS_PUBLISHED },
  };
  g_autofree char *clean = NULL;

  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (str));
  for (guint i = 0; i < TOPIARY_N_STATUS; i++)
    if (g_ascii_strcasecmp (clean, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_ascii_strcasecmp (clean, synonyms[i].word) == 0)
      {
        *status = synonyms[i].status;
        return TRUE;
      }
  return FALSE;
}

const char *
topiary_intent_normalize (const char *text)
{
  /* First match wins, so longer or more specific words come first. */
  static const struct { const char *needle; const char *intent; } table[] = {
    { "how-to", "how-to" }, { "how to", "how-to" }, { "howto", "how-to" },
    { "practical", "how-to" }, { "tutorial", "how-to" }, { "guide", "how-to" },
    { "faq", "faq" }, { "question", "faq" },
    { "comparison", "comparison" }, { "compare", "comparison" }, { " vs", "comparison" },
    { "versus", "comparison" },
    { "treatment", "solution" }, { "solution", "solution" }, { "problem", "solution" },
    { "audience", "audience" }, { "persona", "audience" },
    { "condition", "context" }, { "context", "context" },
    { "psycholog", "culture" }, { "culture", "culture" }, { "emotional", "culture" },
    { "research", "research" }, { "news", "research" }, { "trend", "research" },
    { "informational", "informational" }, { "informative", "informational" },
    { "info", "informational" }, { "learn", "informational" },
    { "commercial", "commercial" }, { "investigat", "commercial" }, { "review", "commercial" },
    { "transactional", "transactional" }, { "buy", "transactional" }, { "purchase", "transactional" },
    { "navigational", "navigational" }, { "brand", "navigational" },
  };
  g_autofree char *lower = NULL;
  g_autofree char *padded = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  lower = g_utf8_strdown (text, -1);
  padded = g_strconcat (" ", lower, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strstr (padded, table[i].needle) != NULL)
      return table[i].intent;
  return NULL;
}

char *
topiary_language_normalize (const char *text)
{
  g_autofree char *tag = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;
  tag = g_strstrip (g_strdup (text));
  g_strdelimit (tag, "_", '-');
  parts = g_strsplit (tag, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len < (i == 0 ? 2 : 1) || len > (i == 0 ? 3 : 8))
        return NULL;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (parts[i][j]) || (i == 0 && !g_ascii_isalpha (parts[i][j])))
          return NULL;
      /* "DE-de" → "de-DE": the language small, a two-letter region capital. */
      for (gsize j = 0; j < len; j++)
        parts[i][j] = (i > 0 && len == 2) ? g_ascii_toupper (parts[i][j]) : g_ascii_tolower (parts[i][j]);
    }
  if (parts[0] == NULL)
    return NULL;
  return g_strjoinv ("-", parts);
}
