/* topiary-links-private.h — what the files of links/ share: the words of
 * a text, the scan of a body, and the word automaton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-links.h"

G_BEGIN_DECLS

/* ---- topiary-links-words.c ---- */

/* The comparison form of one word (@len bytes): topiary_link_key() (full
 * case fold, NFC), then, when @stem, the English suffix stripper. */
char    *_topiary_links_word_norm  (const char *word,
                                    gsize       len,
                                    gboolean    stem);
/* Strips English inflections from @word (case-folded) in place. */
void     _topiary_links_stem_en    (char       *word);
/* TRUE when a map in @language ("en", "en-GB", …) gets English stems. */
gboolean _topiary_links_language_stems (const char *language);
/* TRUE for a short English function word ("the", "of", "how"). */
gboolean _topiary_links_is_stopword (const char *norm);
/* The words of a title or query, normalised (char *). */
GPtrArray *_topiary_links_phrase_words (const char *phrase,
                                        gboolean    stem);

/* Where the front matter ("---" or "+++") of @body ends, after its
 * closing line; 0 when it has none. */
gsize      _topiary_links_front_matter_end (const char *body);

/* A word of a body that may be part of a mention. */
typedef struct {
  gsize  start, end;
  guint  sentence;   /* index into TopiaryLinksScan.sentences */
} LinksWord;

/* A link found in a body. */
typedef struct {
  gboolean wiki;
  char    *target;   /* trimmed, as written */
  char    *label;    /* the text shown */
  gsize    start, end;
  guint    sentence;
} LinksLink;

typedef struct {
  gsize start, end;
} LinksRange;

typedef struct {
  GArray    *words;      /* LinksWord: prose words only */
  GArray    *links;      /* LinksLink */
  GArray    *sentences;  /* LinksRange */
} LinksScan;

/* Scans @body: its links, and the words of its prose (not in front
 * matter, code, links, headings, HTML tags or URLs). */
LinksScan *_topiary_links_scan      (const char *body);
void       _topiary_links_scan_free (LinksScan  *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinksScan, _topiary_links_scan_free)
/* The sentence @index of @body as one line of at most about 300 bytes. */
char      *_topiary_links_sentence  (const char *body,
                                     LinksScan  *scan,
                                     guint       index);

/* ---- topiary-links-matcher.c ---- */

typedef struct _LinksMatcher LinksMatcher;

/* A phrase found: words [first, first + n_words) of the scan. */
typedef struct {
  guint first;
  guint n_words;
  guint pattern;   /* what _topiary_links_matcher_add() returned */
} LinksMatch;

LinksMatcher *_topiary_links_matcher_new   (gboolean      stem);
void          _topiary_links_matcher_free  (LinksMatcher *matcher);
/* Adds a phrase; returns its pattern number (the same for a phrase whose
 * words are already a pattern), or G_MAXUINT when it has no words or only
 * function words. */
guint         _topiary_links_matcher_add   (LinksMatcher *matcher,
                                            const char   *phrase);
/* Builds the failure links; call once after the last add. */
void          _topiary_links_matcher_build (LinksMatcher *matcher);
/* Every phrase found in the words of @scan, chosen leftmost-longest
 * without overlap, in the order of the text (LinksMatch). */
GArray       *_topiary_links_matcher_find  (LinksMatcher *matcher,
                                            const char   *body,
                                            LinksScan    *scan);

/* ---- topiary-links.c ---- */

typedef struct {
  gint64  from;
  gint64  to;
  char   *anchor;
} PlanPair;

/* A resolved link of a source, remembered to undo its counts. */
typedef struct {
  gint64  target;
  char   *anchor_key;
} OutRec;

struct _TopiaryLinker {
  TopiaryMap   *map;
  gboolean      stem;
  LinksMatcher *matcher;
  GPtrArray    *pattern_targets;  /* pattern → GArray of gint64, writing order */
  GHashTable   *outs;             /* source id → GPtrArray of OutRec * */
  GHashTable   *backlinks;        /* target id → GPtrArray of TopiaryBacklink * */
  GHashTable   *anchors;          /* "target\x1fkey" → GHashTable set of source ids */
  GHashTable   *blank;            /* ids of articles with no text yet */
  GArray       *pairs;            /* PlanPair */
};

/* How many articles but @exclude link to @target with the anchor whose
 * key is @key. */
guint _topiary_linker_anchor_uses (TopiaryLinker *self,
                                   gint64         target,
                                   const char    *key,
                                   gint64         exclude);

/* ---- topiary-brief.c ---- */

/* The normalised words of @text, as a set. */
GHashTable *_topiary_brief_word_set (const char *text,
                                     gboolean    stem);
/* TRUE when every content word of @query is in @words (and it has one). */
gboolean    _topiary_brief_covers   (GHashTable *words,
                                     const char *query,
                                     gboolean    stem);

/* ---- topiary-links-suggest.c ---- */

/* Called for each link the plan requires of an article (a target may come
 * more than once); @anchor is a linking plan's anchor or NULL. */
typedef void (*TopiaryLinksRequiredFunc) (TopiaryMapArticle     *target,
                                          TopiaryRequiredReason  reason,
                                          const char            *anchor,
                                          gpointer               user_data);
/* The links the plan requires of @article, in the order suggestions give
 * them: to its pillar, to its clusters, a linking plan's pairs. */
void  _topiary_linker_each_required (TopiaryLinker            *linker,
                                     TopiaryMapArticle        *article,
                                     TopiaryLinksRequiredFunc  func,
                                     gpointer                  user_data);

/* The anchor for a link from @source to @target: the least used of its
 * queries (primary first) and title; the others in *@alternatives. */
char *_topiary_linker_pick_anchor (TopiaryLinker      *linker,
                                   gint64              source,
                                   TopiaryMapArticle  *target,
                                   char             ***alternatives);
/* `[[anchor]]` when the anchor names @target, else `[[slug|anchor]]`. */
char *_topiary_linker_link_text   (TopiaryLinker     *linker,
                                   TopiaryMapArticle *target,
                                   const char        *anchor);

G_END_DECLS
