/* topiary-map-find.h — finding an article of the map by what was typed
 *
 * One matcher for the editor's `[[` completion and the quick switcher:
 * the typed text is compared by its link key (topiary-link.h: case, Unicode
 * forms and spaces folded) with each article's title, slug and (for the
 * switcher) target queries. How well it matches is, best first: a prefix,
 * the start of a word, anywhere, its letters in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-map.h"

G_BEGIN_DECLS

typedef enum {
  /* [[ completion: titles and slugs; among the prefix and word-start
   * matches (then among the looser ones) the current article's pillar
   * first, then its siblings (and children), its group, the rest. */
  TOPIARY_MAP_FIND_LINK,
  /* The quick switcher: titles, slugs and queries, best match first. */
  TOPIARY_MAP_FIND_SWITCHER,
} TopiaryMapFindMode;

typedef enum {
  TOPIARY_MAP_MATCH_PREFIX = 0,
  TOPIARY_MAP_MATCH_WORD,
  TOPIARY_MAP_MATCH_SUBSTRING,
  TOPIARY_MAP_MATCH_LETTERS,
  TOPIARY_MAP_MATCH_NONE,
} TopiaryMapMatch;

typedef enum {
  TOPIARY_MAP_RELATION_PILLAR = 0,  /* what the current article hangs under, or its group's pillar */
  TOPIARY_MAP_RELATION_SIBLING,     /* hangs under the same article, or under the current one */
  TOPIARY_MAP_RELATION_GROUP,       /* in the same group */
  TOPIARY_MAP_RELATION_OTHER,
} TopiaryMapRelation;

typedef struct {
  TopiaryMapArticle *article;   /* the map's */
  TopiaryMapMatch    match;
  TopiaryMapRelation relation;
} TopiaryMapFound;

/* The articles of @map that @typed matches (all of them when it is empty
 * or blank), ranked for @mode; never the article @current_id (0: none).
 * At most @limit (0: no limit). A GArray of TopiaryMapFound. */
GArray          *topiary_map_find        (TopiaryMap         *map,
                                          const char         *typed,
                                          gint64              current_id,
                                          TopiaryMapFindMode  mode,
                                          guint               limit);

/* How well @typed matches @text, both compared by their link keys. */
TopiaryMapMatch  topiary_map_match_text  (const char         *typed,
                                          const char         *text);

G_END_DECLS
