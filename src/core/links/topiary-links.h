/* topiary-links.h — what an article links to, what links to it, and the
 * links it should have
 *
 * A TopiaryLinker reads every body of a map once: it scans their links
 * (resolved by the one rule of topiary-link.h) and builds one word
 * automaton (Aho–Corasick over words, topiary-links-matcher.c) over every
 * article's title and target queries. It is then asked about one article
 * at a time, with the text as it is being written:
 *
 *  - outgoing links: resolved, unresolved, or to a planned article (one
 *    that resolves but whose body is still empty);
 *  - incoming links (backlinks), each with the sentence around it;
 *  - suggestions, in this order:
 *     REQUIRED  links the plan asks for and the text lacks: a cluster to its
 *               pillar, a pillar to each of its clusters, and the pairs of a
 *               linking plan an import kept as a note ("- [[a]] → [[b]]");
 *     MENTION   the title or a target query of another article, written in
 *               the text but not linked (see topiary-links-words.c for how
 *               words are compared: case fold, NFC, word boundaries, and
 *               for a map in English a small suffix stripper);
 *     SIBLING   articles of the same group the text does not link to;
 *     ANCHOR    a link whose anchor text several other articles already
 *               use for the same target (TOPIARY_LINKS_SAME_ANCHOR_MIN
 *               articles in all): the target's other queries are offered.
 *    Mentions inside code, inside existing links, in headings, in HTML tags
 *    and in the front matter are never suggested. A target the text already
 *    links to is never suggested again (except ANCHOR), nor the article
 *    itself, nor one dismissed for this article (topiary-project.h).
 *
 * Offsets are bytes of the UTF-8 body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-map.h"
#include "topiary-project.h"

G_BEGIN_DECLS

/* Articles in all, this one included, that must share an anchor for a
 * target before an ANCHOR suggestion offers another. */
#define TOPIARY_LINKS_SAME_ANCHOR_MIN 3

typedef enum {
  TOPIARY_OUTLINK_RESOLVED,
  TOPIARY_OUTLINK_UNRESOLVED,
  TOPIARY_OUTLINK_PLANNED,     /* resolves, but the target has no text yet */
} TopiaryOutlinkState;

typedef struct {
  TopiaryOutlinkState state;
  gboolean  wiki;          /* [[…]]; else a relative Markdown link */
  char     *target;        /* as written */
  char     *label;         /* the anchor text shown */
  gint64    target_id;     /* 0 when unresolved */
  gsize     start, end;    /* the whole link in the body */
} TopiaryOutlink;

typedef struct {
  gint64  source_id;
  char   *anchor;          /* the label the source shows */
  char   *sentence;        /* the sentence around the link, one line */
  gsize   start, end;      /* the link in the source's body */
} TopiaryBacklink;

typedef enum {
  TOPIARY_SUGGESTION_REQUIRED,
  TOPIARY_SUGGESTION_MENTION,
  TOPIARY_SUGGESTION_SIBLING,
  TOPIARY_SUGGESTION_ANCHOR,
} TopiarySuggestionKind;

/* Why a REQUIRED link is required. */
typedef enum {
  TOPIARY_REQUIRED_NONE,
  TOPIARY_REQUIRED_PILLAR,   /* a cluster to its pillar */
  TOPIARY_REQUIRED_CLUSTER,  /* a pillar to its cluster */
  TOPIARY_REQUIRED_PLAN,     /* a linking plan's pair */
} TopiaryRequiredReason;

typedef struct {
  TopiarySuggestionKind  kind;
  TopiaryRequiredReason  reason;
  gint64                 target_id;
  char                  *anchor;       /* the proposed anchor text */
  char                  *sentence;     /* the sentence of the mention, or NULL */
  gboolean               has_position; /* FALSE: insert at the cursor */
  gsize                  start, end;   /* the mention (or, for ANCHOR, the link) */
  char                 **alternatives; /* other anchors worth using; never NULL */
} TopiarySuggestion;

void topiary_outlink_free    (TopiaryOutlink    *link);
void topiary_backlink_free   (TopiaryBacklink   *link);
void topiary_suggestion_free (TopiarySuggestion *suggestion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryOutlink, topiary_outlink_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryBacklink, topiary_backlink_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiarySuggestion, topiary_suggestion_free)

/* "required", "mention", "sibling", "anchor"; stored with dismissals. */
const char *topiary_suggestion_kind_to_string   (TopiarySuggestionKind  kind);
gboolean    topiary_suggestion_kind_from_string (const char            *str,
                                                 TopiarySuggestionKind *kind);

typedef struct _TopiaryLinker TopiaryLinker;

/* Reads every body and the notes of @project (in one read transaction)
 * for @map, which must be a map of @project. NULL with @error set when
 * they cannot be read. */
TopiaryLinker *topiary_linker_new            (TopiaryProject  *project,
                                              TopiaryMap      *map,
                                              GError         **error);
void           topiary_linker_free           (TopiaryLinker   *linker);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryLinker, topiary_linker_free)

TopiaryMap    *topiary_linker_get_map        (TopiaryLinker   *linker);

/* The linker learns @article_id's new @body (after a save), so backlinks
 * and anchor counts follow. */
void           topiary_linker_set_body       (TopiaryLinker   *linker,
                                              gint64           article_id,
                                              const char      *body);

/* The ids (gint64) of the articles @article_id's text, as the linker last
 * learnt it, links to: each once, in the order of the text, never the
 * article itself. For the graph of the map (topiary-graph.h). */
GArray        *topiary_linker_get_targets    (TopiaryLinker   *linker,
                                              gint64           article_id);
/* The ids (gint64) of the articles the plan requires @article_id to link
 * to (its pillar, its clusters, a linking plan's pairs): each once, in
 * that order, never the article itself, whether the text links to them
 * or not. */
GArray        *topiary_linker_get_required   (TopiaryLinker   *linker,
                                              gint64           article_id);
/* TRUE when @article_id's text, as the linker last learnt it, is empty:
 * an article planned but not written yet. */
gboolean       topiary_linker_is_blank       (TopiaryLinker   *linker,
                                              gint64           article_id);

/* TopiaryOutlink *, in the order of the text. */
GPtrArray     *topiary_linker_outgoing       (TopiaryLinker   *linker,
                                              const char      *body);
/* TopiaryBacklink *, by the sources' writing order then place in the text. */
GPtrArray     *topiary_linker_backlinks      (TopiaryLinker   *linker,
                                              gint64           article_id);
/* TopiarySuggestion * for @article_id whose text is @body (NULL: the text
 * the linker read). @dismissed (optional) is what
 * topiary_project_list_dismissals() returned for the article. */
GPtrArray     *topiary_linker_suggest        (TopiaryLinker   *linker,
                                              gint64           article_id,
                                              const char      *body,
                                              GHashTable      *dismissed);

/* The text edit that carries out @suggestion: bytes [*start, *end) of the
 * body become the returned text. A suggestion without a position is
 * inserted at @cursor (a space is added before it when the character
 * before the cursor is no space). */
char          *topiary_suggestion_edit       (TopiaryLinker           *linker,
                                              const TopiarySuggestion *suggestion,
                                              const char              *body,
                                              gsize                    cursor,
                                              gsize                   *start,
                                              gsize                   *end);

/* {"article": slug, "outgoing": […], "backlinks": […], "suggestions": […]} */
JsonNode      *topiary_linker_to_json_node   (TopiaryLinker   *linker,
                                              gint64           article_id,
                                              GPtrArray       *outgoing,
                                              GPtrArray       *backlinks,
                                              GPtrArray       *suggestions);

G_END_DECLS
