/* topiary-brief.h — a writing brief made from the map alone, and the
 * checklist that follows it while the article is written
 *
 * The brief of an article: its title, primary and secondary queries, its
 * intent and what that intent expects (a how-to gets steps, a comparison
 * a table, a FAQ questions), the pillar to link up to and the siblings to
 * link across (each with an anchor, the least used of the target's
 * queries), the clusters a pillar links down to, the topics its siblings
 * own (so it does not cover them at length), the ideas of the backlog
 * that belong to it (ideas of its group, and unplaced ideas sharing a
 * content word with its primary query), the notes of the map that mention
 * one of its queries, and the target length (the article's own, else a
 * default by kind and intent: TOPIARY_BRIEF_WORDS_*).
 *
 * The checklist scores a text against the brief, out of 100:
 *   15  the primary query is in the title,
 *   10  … in the first heading,
 *   15  … in the first paragraph,
 *   20  the secondary queries are covered (shared evenly; all of it
 *       when there are none),
 *   20  the required links are present (shared evenly; all of it when
 *       there are none),
 *   15  the length against the target (in proportion, full at the target),
 *    5  at most one level-1 heading (the page has one <h1>).
 * "Is in" compares words as the link suggestions do (case fold, NFC,
 * stems for English), function words aside, in any order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-links.h"

G_BEGIN_DECLS

#define TOPIARY_BRIEF_WORDS_PILLAR   3000
#define TOPIARY_BRIEF_WORDS_CLUSTER  1500
#define TOPIARY_BRIEF_WORDS_FAQ      1200

typedef struct {
  gint64   article_id;
  char    *title;
  char    *slug;
  char    *anchor;        /* the anchor to use */
  char   **alternatives;  /* other anchors; never NULL */
} TopiaryBriefLink;

typedef struct {
  char *title;
  char *excerpt;          /* the line that mentions the query */
} TopiaryBriefNote;

typedef struct {
  gint64      article_id;
  char       *title;
  char       *slug;
  TopiaryKind kind;
  char       *primary_query;     /* NULL when it has none */
  char      **secondary_queries; /* never NULL */
  char       *intent;            /* canonical (topiary_intent_normalize()), or NULL */
  char       *expects;           /* one sentence: what the intent expects */
  char      **sections;          /* headings the skeleton proposes */
  char      **questions;         /* FAQ: the questions to answer */
  char      **table_columns;     /* comparison: the columns of its table, or NULL */
  TopiaryBriefLink *pillar;      /* to link up to, or NULL */
  GPtrArray  *down;              /* TopiaryBriefLink *: a pillar's clusters */
  GPtrArray  *siblings;          /* TopiaryBriefLink *: to link across */
  GPtrArray  *planned;           /* TopiaryBriefLink *: a linking plan's */
  GPtrArray  *sibling_topics;    /* char *: "Title: primary query" of each sibling */
  GPtrArray  *ideas;             /* char *: titles of backlog ideas that belong */
  GPtrArray  *notes;             /* TopiaryBriefNote * */
  guint       target_words;
  gboolean    target_from_plan;  /* FALSE: a default */
} TopiaryBrief;

void          topiary_brief_free        (TopiaryBrief  *brief);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryBrief, topiary_brief_free)

/* The brief of @article_id; @notes (TopiaryNote, optional) are the map's.
 * NULL when the map has no such article. */
TopiaryBrief *topiary_brief_new         (TopiaryLinker *linker,
                                         gint64         article_id,
                                         GListModel    *notes);

char         *topiary_brief_to_markdown (const TopiaryBrief *brief);
JsonNode     *topiary_brief_to_json_node (const TopiaryBrief *brief);
/* "Start from the brief": headings, and the required links in place. */
char         *topiary_brief_skeleton    (const TopiaryBrief *brief);

typedef struct {
  const char *id;         /* "title", "first-heading", "first-paragraph",
                           * "secondary-queries", "required-links",
                           * "length", "one-h1" */
  char       *label;      /* one sentence, translated */
  guint       points;
  guint       max;
  gboolean    done;
} TopiaryChecklistItem;

/* TopiaryChecklistItem, in the order above; *@score the sum of points. */
GArray       *topiary_brief_checklist   (TopiaryLinker      *linker,
                                         const TopiaryBrief *brief,
                                         const char         *body,
                                         guint              *score);

G_END_DECLS
