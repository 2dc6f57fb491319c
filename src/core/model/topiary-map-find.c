/* topiary-map-find.c — finding an article of the map by what was typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-link.h"
#include "topiary-map-find.h"

/* @needle and @key are link keys. */
static TopiaryMapMatch
match_keys (const char *needle,
            const char *key)
{
  const char *hit;
  const char *p;

  if (*needle == '\0')
    return TOPIARY_MAP_MATCH_PREFIX;
  if (g_str_has_prefix (key, needle))
    return TOPIARY_MAP_MATCH_PREFIX;
  if ((hit = strstr (key, needle)) != NULL)
    {
      /* At the start of a word: after a space, '-', '/' or the like. */
      for (; hit != NULL; hit = strstr (hit + 1, needle))
        {
          const char *prev = g_utf8_find_prev_char (key, hit);
          gunichar c = prev != NULL ? g_utf8_get_char (prev) : ' ';

          if (!g_unichar_isalnum (c))
            return TOPIARY_MAP_MATCH_WORD;
        }
      return TOPIARY_MAP_MATCH_SUBSTRING;
    }
  /* Its letters in order ("flrt" finds "flask routing"). */
  p = key;
  for (const char *n = needle; *n != '\0'; n = g_utf8_next_char (n))
    {
      gunichar c = g_utf8_get_char (n);

      if (c == ' ')
        continue;
      p = g_utf8_strchr (p, -1, c);
      if (p == NULL)
        return TOPIARY_MAP_MATCH_NONE;
      p = g_utf8_next_char (p);
    }
  return TOPIARY_MAP_MATCH_LETTERS;
}

TopiaryMapMatch
topiary_map_match_text (const char *typed,
                        const char *text)
{
  g_autofree char *needle = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (typed != NULL, TOPIARY_MAP_MATCH_NONE);

  if (text == NULL)
    return TOPIARY_MAP_MATCH_NONE;
  needle = topiary_link_key (typed, -1);
  key = topiary_link_key (text, -1);
  return match_keys (needle, key);
}

static TopiaryMapRelation
relation (TopiaryMapArticle *a,
          TopiaryMapArticle *current)
{
  if (current == NULL)
    return TOPIARY_MAP_RELATION_OTHER;
  if (a == current->pillar || (current->group != NULL && a == current->group->pillar))
    return TOPIARY_MAP_RELATION_PILLAR;
  if ((current->pillar != NULL && a->pillar == current->pillar) || a->pillar == current)
    return TOPIARY_MAP_RELATION_SIBLING;
  if (current->group != NULL && a->group == current->group)
    return TOPIARY_MAP_RELATION_GROUP;
  return TOPIARY_MAP_RELATION_OTHER;
}

static TopiaryMapMatch
best (TopiaryMapMatch a,
      TopiaryMapMatch b)
{
  return MIN (a, b);
}

static int
compare_link (gconstpointer pa,
              gconstpointer pb)
{
  const TopiaryMapFound *a = pa, *b = pb;
  /* A loose match (anywhere, letters in order) of a sibling does not
   * come before a prefix of another article. */
  gboolean strong_a = a->match <= TOPIARY_MAP_MATCH_WORD;
  gboolean strong_b = b->match <= TOPIARY_MAP_MATCH_WORD;

  if (strong_a != strong_b)
    return strong_a ? -1 : 1;
  if (a->relation != b->relation)
    return a->relation < b->relation ? -1 : 1;
  if (a->match != b->match)
    return a->match < b->match ? -1 : 1;
  return a->article->index < b->article->index ? -1 : a->article->index > b->article->index;
}

static int
compare_switcher (gconstpointer pa,
                  gconstpointer pb)
{
  const TopiaryMapFound *a = pa, *b = pb;

  if (a->match != b->match)
    return a->match < b->match ? -1 : 1;
  return a->article->index < b->article->index ? -1 : a->article->index > b->article->index;
}

GArray *
topiary_map_find (TopiaryMap         *map,
                  const char         *typed,
                  gint64              current_id,
                  TopiaryMapFindMode  mode,
                  guint               limit)
{
  GPtrArray *articles;
  TopiaryMapArticle *current;
  g_autofree char *needle = NULL;
  g_autofree char *slug_needle = NULL;
  GArray *found;

  g_return_val_if_fail (TOPIARY_IS_MAP (map), NULL);

  found = g_array_new (FALSE, FALSE, sizeof (TopiaryMapFound));
  needle = topiary_link_key (typed ? typed : "", -1);
  /* Slugs are written with '-' where titles have spaces. */
  slug_needle = g_strdelimit (g_strdup (needle), " ", '-');
  current = current_id != 0 ? topiary_map_lookup_article (map, current_id) : NULL;
  articles = topiary_map_get_articles (map);

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      TopiaryMapFound f = { a, TOPIARY_MAP_MATCH_NONE, TOPIARY_MAP_RELATION_OTHER };
      g_autofree char *title = NULL;
      const char *slug;

      if (a == current)
        continue;
      title = topiary_link_key (topiary_article_get_title (a->article) ? topiary_article_get_title (a->article) : "", -1);
      f.match = match_keys (needle, title);
      slug = topiary_article_get_slug (a->article);
      if (slug != NULL && *slug != '\0')
        f.match = best (f.match, match_keys (slug_needle, slug));
      if (mode == TOPIARY_MAP_FIND_SWITCHER)
        {
          const char * const *queries = topiary_article_get_queries (a->article);

          for (guint q = 0; queries != NULL && queries[q] != NULL && f.match > TOPIARY_MAP_MATCH_PREFIX; q++)
            {
              g_autofree char *key = topiary_link_key (queries[q], -1);
              f.match = best (f.match, match_keys (needle, key));
            }
        }
      if (f.match == TOPIARY_MAP_MATCH_NONE)
        continue;
      f.relation = relation (a, current);
      g_array_append_val (found, f);
    }

  g_array_sort (found, mode == TOPIARY_MAP_FIND_LINK ? compare_link : compare_switcher);
  if (limit > 0 && found->len > limit)
    g_array_set_size (found, limit);
  return found;
}
