/* topiary-import-columns.h — the columns of a source's article tables, and
 * what the reader reads each one as
 *
 * The import preview offers one choice per column of the tables that list
 * articles, preset to the reader's own guess; a choice the user changes
 * goes into TopiaryImportOptions and the source is read again with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-import-plan.h"

G_BEGIN_DECLS

/* What a table column holds, in the order the preview lists them. */
typedef enum {
  TOPIARY_COLUMN_USE_TITLE = 0,
  TOPIARY_COLUMN_USE_SLUG,
  TOPIARY_COLUMN_USE_PRIMARY_QUERY,
  TOPIARY_COLUMN_USE_QUERIES,        /* secondary queries */
  TOPIARY_COLUMN_USE_INTENT,
  TOPIARY_COLUMN_USE_STATUS,
  TOPIARY_COLUMN_USE_PRIORITY,
  TOPIARY_COLUMN_USE_GROUP,
  TOPIARY_COLUMN_USE_KIND,           /* pillar or cluster */
  TOPIARY_COLUMN_USE_PILLAR,         /* a yes/no pillar flag */
  TOPIARY_COLUMN_USE_WORDS,          /* target length */
  TOPIARY_COLUMN_USE_SUMMARY,
  TOPIARY_COLUMN_USE_CONTENT_TYPE,   /* the intent when none is given, else a note (only a guess) */
  TOPIARY_COLUMN_USE_NOTE,           /* kept as a note: in the article's summary, a CSV file's in a note */
  TOPIARY_COLUMN_USE_IGNORE,         /* read as nothing */
  /* Only ever the reader's own guess (a CSV file's): no choice names them. */
  TOPIARY_COLUMN_USE_PARENT,         /* the pillar a cluster belongs to */
  TOPIARY_COLUMN_USE_DATE,
  TOPIARY_COLUMN_USE_ORDER,
  TOPIARY_N_COLUMN_USES
} TopiaryColumnUse;

typedef struct {
  char             *header;   /* as the table heads it, inline markup removed */
  TopiaryColumnUse  guess;    /* what the reader reads it as when nobody says */
} TopiaryImportColumn;

void topiary_import_column_free (TopiaryImportColumn *column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryImportColumn, topiary_import_column_free)

/* The columns of the tables the reader of @format (TOPIARY_IMPORT_AUTO:
 * detected) takes as lists of articles in @source, each header once (the
 * first table's reading wins), in the order they appear: a Markdown
 * outline's article tables, a CSV file's header. Empty when the source has
 * no such table or its format has none (a topical-map page, a Hugo
 * folder). NULL with @error set when the source cannot be read. @source
 * must be a regular file. */
GPtrArray *topiary_import_read_columns (const char           *source,
                                        TopiaryImportFormat   format,
                                        GError              **error);

/* Reads the column headed @header (any case) as @use from now on. IGNORE is
 * kept as TOPIARY_FIELD_ORDER in @options, which the readers take as "read
 * as nothing" (an outline table's rows are in document order anyway).
 * CONTENT_TYPE, PARENT, DATE and ORDER are no fields a choice can name:
 * they remove the choice, so the column is read as the reader guesses. */
void topiary_import_options_set_column_use (TopiaryImportOptions *options,
                                            const char           *header,
                                            TopiaryColumnUse      use);
/* Forgets the choice for @header: the reader's guess applies again. */
void topiary_import_options_unset_column   (TopiaryImportOptions *options,
                                            const char           *header);

G_END_DECLS
