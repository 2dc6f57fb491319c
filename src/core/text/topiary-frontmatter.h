/* topiary-frontmatter.h — Hugo/Jekyll front matter in and out, and the
 * metadata vocabulary the importers share
 *
 * Reading: topiary_front_matter_split() finds the block at the start of a
 * file ("---" YAML or "+++" TOML), topiary_front_matter_parse() turns it into
 * a small tree of scalars, lists and maps that is queried by key path
 * ("title", "params.intent").
 *
 * Writing: a TopiaryFrontMatterWriter collects keys in order and produces a
 * YAML block ("---\n…---\n"); strings are always double-quoted and escaped,
 * so "true", "1.0", "no" or "a: b" stay strings for Hugo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-types.h"

G_BEGIN_DECLS

#define TOPIARY_FRONT_MATTER_ERROR (topiary_front_matter_error_quark ())
GQuark topiary_front_matter_error_quark (void);

typedef enum {
  TOPIARY_FRONT_MATTER_ERROR_INVALID,  /* not YAML/TOML, or not a mapping */
  TOPIARY_FRONT_MATTER_ERROR_TOO_DEEP, /* nested deeper than we accept */
} TopiaryFrontMatterError;

typedef enum {
  TOPIARY_FRONT_MATTER_NONE = 0,
  TOPIARY_FRONT_MATTER_YAML,   /* between "---" lines */
  TOPIARY_FRONT_MATTER_TOML,   /* between "+++" lines */
} TopiaryFrontMatterFormat;

/* Finds a front-matter block at the very start of @text (a UTF-8 BOM is
 * skipped). On success the block's text is @text[*block_start] for
 * *block_length bytes (without the fences) and the body starts at
 * *body_offset: the first byte after the closing fence line's line end,
 * so the body is kept byte for byte. Returns NONE (and 0 offsets) when there
 * is no complete block. Any out argument may be NULL. */
TopiaryFrontMatterFormat topiary_front_matter_split (const char *text,
                                                     gsize       length,
                                                     gsize      *block_start,
                                                     gsize      *block_length,
                                                     gsize      *body_offset);

typedef struct _TopiaryFrontMatter TopiaryFrontMatter;

/* Parses a block as returned by topiary_front_matter_split(). An empty block
 * gives an empty front matter. Anchors/aliases are not expanded (an alias
 * reads as null). */
TopiaryFrontMatter *topiary_front_matter_parse (TopiaryFrontMatterFormat   format,
                                                const char                *block,
                                                gsize                      length,
                                                GError                   **error);
void                topiary_front_matter_free  (TopiaryFrontMatter        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryFrontMatter, topiary_front_matter_free)

/* Key paths: a literal top-level key first, else dot-separated map keys
 * ("params.intent"). */
gboolean     topiary_front_matter_has        (TopiaryFrontMatter *self,
                                              const char         *path);
/* The scalar at @path (dates and numbers as written), NULL when missing,
 * null, a list or a map. */
const char  *topiary_front_matter_get_string (TopiaryFrontMatter *self,
                                              const char         *path);
/* A list's scalars, or a lone scalar as a one-element vector; NULL when
 * missing. Free with g_strfreev(). */
char       **topiary_front_matter_get_strv   (TopiaryFrontMatter *self,
                                              const char         *path);
gboolean     topiary_front_matter_get_int    (TopiaryFrontMatter *self,
                                              const char         *path,
                                              gint64             *value);
/* true/false/yes/no/on/off/1/0. */
gboolean     topiary_front_matter_get_bool   (TopiaryFrontMatter *self,
                                              const char         *path,
                                              gboolean           *value);
/* The top-level keys in document order. Free with g_strfreev(). */
char       **topiary_front_matter_get_keys   (TopiaryFrontMatter *self);

/* ---- writing (libyaml's emitter) ---- */

typedef struct _TopiaryFrontMatterWriter TopiaryFrontMatterWriter;

TopiaryFrontMatterWriter *topiary_front_matter_writer_new        (void);
void                      topiary_front_matter_writer_free       (TopiaryFrontMatterWriter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryFrontMatterWriter, topiary_front_matter_writer_free)

/* A NULL @value writes nothing. Strings must be valid UTF-8. */
void  topiary_front_matter_writer_add_string (TopiaryFrontMatterWriter *self,
                                              const char               *key,
                                              const char               *value);
void  topiary_front_matter_writer_add_int    (TopiaryFrontMatterWriter *self,
                                              const char               *key,
                                              gint64                    value);
void  topiary_front_matter_writer_add_bool   (TopiaryFrontMatterWriter *self,
                                              const char               *key,
                                              gboolean                  value);
/* A flow list of quoted strings: key: ["a", "b"]; NULL or empty gives []. */
void  topiary_front_matter_writer_add_strv   (TopiaryFrontMatterWriter *self,
                                              const char               *key,
                                              const char * const       *values);
/* Keys added until the matching end_map() go into a nested map (Hugo's
 * "params:"). */
void  topiary_front_matter_writer_begin_map  (TopiaryFrontMatterWriter *self,
                                              const char               *key);
void  topiary_front_matter_writer_end_map    (TopiaryFrontMatterWriter *self);
/* The whole block, fences included: "---\n" … "---\n". Open maps are
 * closed; nothing can be added afterwards. */
char *topiary_front_matter_writer_to_string  (TopiaryFrontMatterWriter *self);

/* A YAML double-quoted scalar for @text, quotes included. */
char *topiary_yaml_quote (const char *text);

/* ---- metadata vocabulary shared by the importers ---- */

/* What a column header, a "Key:" label in an outline or a front-matter key
 * means. */
typedef enum {
  TOPIARY_FIELD_UNKNOWN = 0,
  TOPIARY_FIELD_TITLE,          /* title, article, h1, headline, post … */
  TOPIARY_FIELD_SLUG,           /* slug, url, path, permalink */
  TOPIARY_FIELD_GROUP,          /* group, cluster, topic, category, silo, hub */
  TOPIARY_FIELD_KIND,           /* kind, type, role, article type */
  TOPIARY_FIELD_PILLAR,         /* a yes/no pillar flag ("pillar", "is pillar") */
  TOPIARY_FIELD_PRIMARY_QUERY,  /* target, primary/focus/main keyword, keyword */
  TOPIARY_FIELD_QUERIES,        /* secondary keywords, queries, keywords, tags */
  TOPIARY_FIELD_INTENT,
  TOPIARY_FIELD_PRIORITY,
  TOPIARY_FIELD_STATUS,
  TOPIARY_FIELD_WORDS,          /* target words, word count, length */
  TOPIARY_FIELD_SUMMARY,        /* summary, description, brief, angle, notes */
  TOPIARY_FIELD_PARENT,         /* the pillar a cluster belongs to */
  TOPIARY_FIELD_ORDER,          /* order, position, weight, # */
  TOPIARY_FIELD_DATE,
  TOPIARY_FIELD_DRAFT,
} TopiaryField;

/* Case, punctuation and a trailing ':' are ignored. */
TopiaryField topiary_field_from_label   (const char *label);

/* yes/no, true/false, y/n, 1/0, x, on/off, done, ✓ … FALSE when unknown. */
gboolean     topiary_value_parse_bool     (const char    *text,
                                           gboolean      *value);
/* "1", "P2", "priority 3", "high" (1), "medium" (3), "low" (5): 1–5, 0 when
 * unknown. */
int          topiary_value_parse_priority (const char    *text);
/* Status words and their synonyms ("done", "live", "wip", "todo" …). */
gboolean     topiary_value_parse_status   (const char    *text,
                                           TopiaryStatus *status);
/* "pillar"/"cluster" and synonyms ("hub", "supporting", "spoke" …). */
gboolean     topiary_value_parse_kind     (const char    *text,
                                           TopiaryKind   *kind);
/* "1,500", "1500 words", "~2k" → words; 0 when none. */
int          topiary_value_parse_words    (const char    *text);
/* Splits a list cell: on newlines, ';' and '|' when any is present, else on
 * ','. Items are trimmed, empty ones dropped. Never NULL. */
char       **topiary_value_split_list     (const char    *text);
/* The slug a path or URL names ("/apps/actual-budget/" → "actual-budget",
 * "https://x.org/a/b.html" → "b"), slugified; NULL when nothing is left. */
char        *topiary_value_slug_from_path (const char    *text);
/* A title from a file or folder name: "self-hosting_tips" → "Self hosting
 * tips". */
char        *topiary_value_humanize       (const char    *name);

G_END_DECLS
