/* topiary-import-outline-private.h — the Markdown outline reader's parts
 *
 * topiary-import-blocks.c    the text cut into headings, items, tables, lines
 * topiary-import-outline.c   sections and headings: what each one is
 * topiary-import-fields.c    field names and values, one item's line
 * topiary-import-tables.c    which table lists articles, and the others
 * topiary-import-resolve.c   what was read, made into a TopiaryImportPlan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-frontmatter.h"
#include "topiary-import-plan.h"

G_BEGIN_DECLS

/* More target queries than this for one article is not a plan but a dump;
 * the rest are dropped (and comparing them would be quadratic). */
#define MAX_QUERIES 100
/* Repeated warnings stop after this many, then one summary. */
#define MAX_WARNINGS 20
/* Trailing "(…)" groups read off one title. */
#define MAX_TRAILING_GROUPS 8

typedef enum {
  BLOCK_HEADING,
  BLOCK_ITEM,
  BLOCK_TABLE,
  BLOCK_PARA,
} BlockType;

typedef struct {
  BlockType  type;
  int        level;     /* heading level */
  int        indent;    /* item indent in columns; continuation lines too */
  gboolean   continuation;
  gboolean   para_start; /* first line after a blank line or another block */
  gboolean   outline_number; /* an item numbered "1.2" under a "1." */
  char      *text;
  GPtrArray *header;    /* BLOCK_TABLE: char * */
  GPtrArray *rows;      /* BLOCK_TABLE: GPtrArray of char * */
  guint      line;
} Block;

/* Field names beyond topiary_field_from_label()'s vocabulary. */
typedef enum {
  ENTRY_FIELD_NONE = 0,
  ENTRY_FIELD_KNOWN,          /* a TopiaryField */
  ENTRY_FIELD_CONTENT_TYPE,   /* content type, format, template */
  ENTRY_FIELD_KEEP,           /* volume, KD, difficulty …: kept in the summary */
} EntryFieldClass;

/* One article being read. */
typedef struct {
  char          *title;
  char          *new_title;   /* a "Title:" detail, applied once parsed */
  char          *slug;
  GPtrArray     *primary;     /* char * */
  GPtrArray     *secondary;   /* char * */
  GString       *summary;
  const char    *intent;
  char          *content_type; /* "Format: listicle": intent when none is given */
  int            priority;
  TopiaryStatus  status;
  gboolean       has_status;
  gboolean       pillar;
  gboolean       cluster;
  int            words;
  char          *group;       /* NULL: an idea */
  TopiaryField   pending;     /* "Keywords:" with its values nested below */
} Entry;

/* A note being read; a linking plan's body is made once every slug is known. */
typedef struct {
  char      *kind;
  char      *title;
  char      *body;
  GPtrArray *pairs;   /* char *: from, to, anchor (or NULL) … */
} EntryNote;

typedef struct {
  TopiaryImportReport *report;
  GPtrArray           *entries;      /* Entry *, document order */
  char                *group;        /* current group, NULL outside */
  GPtrArray           *group_order;  /* char *: groups as they appear */
  GHashTable          *group_desc;   /* group → description */
  gboolean             in_ideas;
  GHashTable          *group_seen;   /* the titles in group_order, borrowed */
  GPtrArray           *notes;        /* EntryNote * */
  GHashTable          *by_slug;      /* slug → Entry *, for tables naming them again */
  guint                indexed;      /* entries in by_slug so far */
  const char          *section;      /* the heading the blocks being read are under */
  const TopiaryImportOptions *options; /* the user's choices, or NULL */
  guint                field_warnings;
} Ctx;

#define entry_new                _topiary_outline_entry_new
#define entry_free               _topiary_outline_entry_free
#define entry_add_summary        _topiary_outline_entry_add_summary
#define add_list                 _topiary_outline_add_list
#define strip_inline             _topiary_outline_strip_inline
#define is_pathlike              _topiary_outline_is_pathlike
#define strict_intent            _topiary_outline_strict_intent
#define apply_tokens             _topiary_outline_apply_tokens
#define apply_field              _topiary_outline_apply_field
#define apply_detail             _topiary_outline_apply_detail
#define is_detail_text           _topiary_outline_is_detail_text
#define field_line               _topiary_outline_field_line
#define classify_label           _topiary_outline_classify_label
#define apply_labelled           _topiary_outline_apply_labelled
#define take_kind_prefix         _topiary_outline_take_kind_prefix
#define is_article_line          _topiary_outline_is_article_line
#define parse_item               _topiary_outline_parse_item
#define has_article_signals      _topiary_outline_has_article_signals
#define read_label               _topiary_outline_read_label
#define intent_from_words        _topiary_outline_intent_from_words
#define status_from_words        _topiary_outline_status_from_words
#define ctx_new_entry            _topiary_outline_ctx_new_entry
#define ctx_register_group       _topiary_outline_ctx_register_group
#define ctx_find_slug            _topiary_outline_ctx_find_slug
#define ctx_add_note             _topiary_outline_ctx_add_note
#define table_rows               _topiary_outline_table_rows
#define table_lists_articles     _topiary_outline_table_lists_articles
#define table_is_properties      _topiary_outline_table_is_properties
#define table_has_group_column   _topiary_outline_table_has_group_column
#define table_properties         _topiary_outline_table_properties
#define link_pairs_from_item     _topiary_outline_link_pairs_from_item
#define link_pairs_from_table    _topiary_outline_link_pairs_from_table
#define is_link_heading          _topiary_outline_is_link_heading
#define table_markdown           _topiary_outline_table_markdown
#define block_free               _topiary_outline_block_free
#define read_blocks              _topiary_outline_read_blocks
#define blocks_text              _topiary_outline_blocks_text
#define entry_note_free          _topiary_outline_entry_note_free
#define outline_resolve          _topiary_outline_resolve

/* topiary-import-blocks.c */
void        block_free          (gpointer data);
/* Splits @text (no front matter) into headings, items, tables and
 * paragraph lines. */
GPtrArray  *read_blocks         (const char *text);
/* Blocks @start to @end as Markdown again, for notes. */
char       *blocks_text         (GPtrArray *blocks, guint start, guint end);

/* topiary-import-resolve.c */
void        entry_note_free     (gpointer data);
/* Turns what was read into @out: titles, pillars, slugs, parents, notes. */
void        outline_resolve     (Ctx *ctx, TopiaryImportPlan *out);

/* topiary-import-fields.c */
Entry      *entry_new           (void);
void        entry_free          (gpointer data);
void        entry_add_summary   (Entry *entry, const char *text);
void        add_list            (GPtrArray *to, const char *value);
void        strip_inline        (char *s);
gboolean    is_pathlike         (const char *token);
const char *strict_intent       (const char *token);
const char *intent_from_words   (const char *text);
gboolean    status_from_words   (const char *text, TopiaryStatus *status);
gboolean    apply_tokens        (Entry *entry, const char *segment, gboolean apply);
void        apply_field         (Entry *entry, TopiaryField field, const char *value);
void        apply_detail        (Entry *entry, const char *text);
gboolean    is_detail_text      (const char *text);
/* "Label: value" with a label that names a field: its class, and the
 * field, label and value (owned) when asked for. @loose also takes short
 * unknown labels ("Est. volume"), kept in the summary. */
EntryFieldClass field_line      (const char *text, gboolean loose, TopiaryField *field,
                                 char **label, char **value);
EntryFieldClass classify_label  (const char *label, TopiaryField *field);
/* Applies one field by its label, whatever its class. */
void        apply_labelled      (Entry *entry, EntryFieldClass klass, TopiaryField field,
                                 const char *label, const char *value);
gboolean    take_kind_prefix    (Entry *entry, char *title);
gboolean    is_article_line     (const char *text);
void        parse_item          (Entry *entry, const char *text);
gboolean    has_article_signals (const char *text);
gboolean    read_label          (const char *text, const char **intent, int *kind);

/* topiary-import-outline.c */
Entry      *ctx_new_entry       (Ctx *ctx, const char *label_intent, int label_kind);
void        ctx_register_group  (Ctx *ctx, const char *title);
Entry      *ctx_find_slug       (Ctx *ctx, const char *slug);
EntryNote  *ctx_add_note        (Ctx *ctx, const char *kind, const char *title, const char *body);

/* topiary-import-tables.c */
/* @columns: the user's reading of headers (TopiaryImportOptions), or NULL. */
gboolean    table_lists_articles   (Block *table, GHashTable *columns);
gboolean    table_is_properties    (Block *table);
gboolean    table_has_group_column (Block *table, GHashTable *columns);
void        table_rows             (Ctx *ctx, Block *table, const char *label_intent, int label_kind);
void        table_properties       (Entry *entry, Block *table);
gboolean    is_link_heading        (const char *title);
gboolean    link_pairs_from_item   (const char *text, GPtrArray *pairs);
void        link_pairs_from_table  (Block *table, GPtrArray *pairs);
char       *table_markdown         (Block *table);

G_END_DECLS
