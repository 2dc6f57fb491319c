/* topiary-import-maptext-private.h — what the parts of the map-page
 * importer (topiary-import-maptext*.c) share: the parsed page and what
 * they know about its lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *title;
  char *summary;  /* NULL when the page has none */
} MtEntry;

typedef struct {
  char      *title;
  char      *description;
  MtEntry   *pillar;    /* NULL when the page ends before it */
  GPtrArray *clusters;  /* MtEntry */
} MtGroup;

typedef struct {
  char *title;
  char *intent;   /* canonical intent, or NULL */
} MtIdea;

typedef struct {
  char *kind;
  char *title;
  char *body;
} MtNote;

typedef struct {
  char      *title;
  char      *subject;
  char      *description;
  char      *audience;
  char      *goal;
  GPtrArray *groups;    /* MtGroup */
  GPtrArray *ideas;     /* MtIdea */
  GPtrArray *notes;     /* MtNote */
  GPtrArray *warnings;  /* char * */
  int        stated_articles;   /* -1: the page does not say */
  int        stated_groups;
  int        stated_ideas;
  gboolean   stated_ideas_min;  /* "90+": at least */
  int        stated_intents;
  guint      n_intents;
  gboolean   saw_plan;
  gboolean   saw_index;
  gboolean   recognised;        /* anything at all looked like a map page */
} MtPage;

typedef struct {
  guint    chars;
  guint    words;
  guint    sentences;
  double   cap_ratio;      /* capitalised share of the longer words */
  gboolean ends_stop;
  gboolean ends_q;
  /* binary features, also learned per page (see learn_weights()) */
  gboolean amp;            /* " & " */
  gboolean colon;
  gboolean vs;
  gboolean few_words;      /* five words or fewer */
  gboolean question_word;  /* starts How/What/Why/When/Which/Can/Should … */
  gboolean verb_start;     /* starts with a third-person verb: "Covers …" */
  gboolean first_s;        /* first word ends in s */
  gboolean so_clause;      /* " so readers can …" */
  gboolean readers;        /* speaks of readers or "you will" */
  gboolean pillar_open;    /* "A comprehensive guide …" */
  gboolean subject;        /* names a word of the map's subject ("Flask") */
} LineFeat;

typedef enum {
  SEC_HEADER,
  SEC_NONE,      /* lines no heading claims: "other" notes */
  SEC_PLAN,
  SEC_PARAS,
  SEC_AUDIENCE,
  SEC_MONEY,
  SEC_BULLETS,
  SEC_PAIRS,
  SEC_QA,
  SEC_INDEX,
} SecType;

typedef struct {
  const char *key;
  gboolean    prefix;   /* else the whole key */
  SecType     type;
  const char *kind;
} Heading;

typedef struct {
  const char *prefix;
  const char *kind;
  const char *field;   /* map field it also fills, or NULL */
} Label;

typedef struct {
  GRegex *groups;
  GRegex *articles;
  GRegex *articles_short;
  GRegex *ideas;
  GRegex *ideas_library;
} Counters;

/* topiary-import-maptext.c: the page */
MtEntry *_topiary_maptext_entry_new  (const char *title);
void     _topiary_maptext_entry_free (gpointer    data);
void     _topiary_maptext_warn       (MtPage     *page,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void     _topiary_maptext_add_note   (MtPage     *page,
                                      const char *kind,
                                      const char *title,
                                      const char *body);

/* topiary-import-maptext-lines.c: one line */
char          *_topiary_maptext_trim_line          (const char     *start,
                                                    gsize           len);
const char    *_topiary_maptext_bullet_text        (const char     *line);
gboolean       _topiary_maptext_ends_with_stop     (const char     *line);
gboolean       _topiary_maptext_ends_with_question (const char     *line);
void           _topiary_maptext_line_features      (const char     *line,
                                                    LineFeat       *f);
double         _topiary_maptext_title_score        (const LineFeat *f,
                                                    gboolean        cut);
gboolean       _topiary_maptext_looks_like_title   (const char     *line);
const Heading *_topiary_maptext_match_heading      (const char     *line);
gboolean       _topiary_maptext_is_cut_heading     (const char     *line);
const Label   *_topiary_maptext_match_label        (const char     *line);
const char    *_topiary_maptext_find_rpm           (const char     *line);
void           _topiary_maptext_counters_init      (Counters       *c);
void           _topiary_maptext_counters_clear     (Counters       *c);
void           _topiary_maptext_scan_counts        (MtPage         *page,
                                                    Counters       *c,
                                                    const char     *line);

/* topiary-import-maptext-plan.c: the content plan */
void  _topiary_maptext_parse_plan    (MtPage     *page,
                                      GPtrArray  *lines,
                                      gboolean    truncated);

/* topiary-import-maptext-sections.c: the index and the other sections */
void  _topiary_maptext_parse_section (MtPage     *page,
                                      SecType     type,
                                      const char *kind,
                                      const char *heading,
                                      GPtrArray  *lines,
                                      gboolean    at_eof);
void  _topiary_maptext_add_rpm       (MtPage     *page,
                                      const char *line,
                                      const char *rpm);
char *_topiary_maptext_join_lines    (GPtrArray  *lines,
                                      guint       from,
                                      guint       to,
                                      const char *sep);

G_END_DECLS
