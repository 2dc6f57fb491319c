/* topiary-cannibal.h — articles of one map that compete for one query
 *
 * Found before anything is published, from the plan alone:
 *
 *  QUERIES  two articles with the same intent (or one of them without an
 *           intent, which cannot tell them apart) whose target queries,
 *           primary or secondary, overlap: the Jaccard index of their
 *           word sets (normalised and stemmed as the link suggestions do,
 *           topiary-links-words.c, function words left out) is at least
 *           TOPIARY_CANNIBAL_THRESHOLD;
 *  GROUPS   two articles in different groups with one query of the very
 *           same words, whatever their intents (the plan put one topic
 *           under two hubs);
 *  TITLE    an article whose title, first heading or slug is another
 *           article's primary query (same words).
 * A pair is reported once, under the first rule that holds in this order.
 * Ideas (status idea) are left out: they are no commitment yet.
 *
 * Why 0.75: queries are short. It flags the same words in any order
 * ("budget app best" / "best budget apps") and one added word to three
 * or more ("flask blueprint tutorial" / "flask blueprint tutorial for
 * beginners": 3 of 4), which search engines answer with the same pages,
 * but not one added word to two ("flask routing" / "flask routing
 * errors": 2 of 3), which is usually a narrower article of its own.
 * Candidate pairs come from an index of each query's word set and, for
 * four words or more, of its sets with one word less, so the whole map
 * is checked without comparing every pair; this finds every pair at the
 * threshold except a query of six words or more inside one two words
 * longer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-map.h"

G_BEGIN_DECLS

#define TOPIARY_CANNIBAL_THRESHOLD 0.75

typedef enum {
  TOPIARY_CANNIBAL_QUERIES,
  TOPIARY_CANNIBAL_GROUPS,
  TOPIARY_CANNIBAL_TITLE,
  TOPIARY_CANNIBAL_HEADING,
  TOPIARY_CANNIBAL_SLUG,
} TopiaryCannibalKind;

typedef struct {
  TopiaryCannibalKind kind;
  gint64              article_id;
  gint64              other_id;
  char               *overlap;   /* the query they share, as @other_id writes it */
  double              score;     /* the Jaccard index, 1 for TITLE/HEADING/SLUG */
  char               *message;   /* one sentence, with the remedies */
} TopiaryCannibalFinding;

void       topiary_cannibal_finding_free (TopiaryCannibalFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryCannibalFinding, topiary_cannibal_finding_free)

/* "cannibal-queries", "cannibal-groups", "cannibal-title" (for the title,
 * heading and slug alike): the codes `check` reports them under. */
const char *topiary_cannibal_kind_to_code (TopiaryCannibalKind kind);

/* The findings of @map, by the first article's writing order.
 * @language: the map's, for stemming (NULL: English). @first_headings
 * (optional): article id (gint64 *) → the text of its first heading. */
GPtrArray  *topiary_cannibal_find         (TopiaryMap  *map,
                                           const char  *language,
                                           GHashTable  *first_headings);

/* The text of the first ATX heading of @body ("# Title" → "Title"),
 * outside front matter and code; NULL when it has none. */
char       *topiary_cannibal_first_heading (const char *body);

G_END_DECLS
