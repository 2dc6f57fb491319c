/* topiary-import-csv.c — content plans kept as spreadsheets
 *
 * RFC 4180 with the variations spreadsheets write: ',' ';' or tab as the
 * separator (sniffed), quoted fields with doubled quotes and line breaks,
 * CRLF. The first non-empty row is the header; its names are matched
 * against the shared vocabulary (topiary_field_from_label()). Columns that
 * mean nothing to a map are not dropped: each becomes an "import" note that
 * lists its value per article.
 *
 * Groups are created in the order they first appear. A group's pillar is the
 * row marked so (kind/type "pillar" or a yes/no pillar column); a group with
 * no marked row gets its first row as the pillar. Clusters get their group's
 * pillar, or the article a "parent" column names, as parent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-csv-cell.h"
#include "topiary-frontmatter.h"
#include "topiary-import-private.h"
#include "topiary-import.h"
#include "topiary-import-plan.h"
#include "topiary-slug.h"

/* Beyond this many kept columns, the rest share one note: a note per column
 * of a 10,000-column sheet helps nobody. */
#define MAX_COLUMN_NOTES 40
/* Warnings about individual rows stop after this many, then one summary. */
#define MAX_ROW_WARNINGS 10
/* More target queries than this for one article is not a plan but a dump;
 * the rest are dropped (and comparing them would be quadratic). */
#define MAX_QUERIES 100

/* ---- reading records ---- */

typedef struct {
  const char *p;
  const char *end;
  char        sep;
  guint       line;        /* 1-based line of the record being read */
  gboolean    bad_quote;   /* text after a closing quote, or none closing */
} CsvReader;

/* Reads one record into @fields (char *). FALSE at the end of the text. */
static gboolean
csv_next_record (CsvReader *r,
                 GPtrArray *fields)
{
  GString *field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  r->bad_quote = FALSE;

  if (r->p >= r->end)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }

  for (;;)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);
      if (r->p < r->end && *r->p == '"')
        {
          quoted = TRUE;
          r->p++;
          for (;;)
            {
              const char *q;

              if (r->p >= r->end)
                {
                  r->bad_quote = TRUE;
                  break;
                }
              q = memchr (r->p, '"', (gsize) (r->end - r->p));
              if (q == NULL)
                q = r->end;
              for (const char *c = r->p; c < q; c++)
                if (*c == '\n')
                  r->line++;
              g_string_append_len (field, r->p, q - r->p);
              r->p = q;
              if (r->p >= r->end)
                {
                  r->bad_quote = TRUE;
                  break;
                }
              if (r->p + 1 < r->end && r->p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  r->p += 2;
                  continue;
                }
              r->p++;
              break;
            }
        }

      /* The unquoted part (or stray text after a closing quote). */
      {
        const char *start = r->p;

        while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
          r->p++;
        if (quoted && r->p > start)
          {
            /* Blanks after a closing quote are harmless; anything else is
             * kept but reported. */
            for (const char *c = start; c < r->p; c++)
              if (*c != ' ' && *c != '\t')
                r->bad_quote = TRUE;
            if (r->bad_quote)
              g_string_append_len (field, start, r->p - start);
          }
        else if (!quoted)
          g_string_append_len (field, start, r->p - start);
      }

      /* The quote a formula-like cell was exported with. */
      g_ptr_array_add (fields, g_strdup (topiary_csv_cell_unprefix (field->str)));

      if (r->p < r->end && *r->p == r->sep)
        {
          r->p++;
          continue;
        }
      /* End of record: \n, \r\n or a lone \r. */
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      break;
    }

  g_string_free (field, TRUE);
  return TRUE;
}

static gboolean
record_is_empty (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = g_ptr_array_index (fields, i);
      for (; *f; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }
  return TRUE;
}

/* The separator whose field count is the most consistent over the first
 * records (ties: more fields). */
static char
sniff_separator (const char *text,
                 gsize       length,
                 guint      *header_fields,
                 guint      *consistent,
                 guint      *records)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = ',';
  guint best_score = 0, best_fields = 0, best_records = 0;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  /* Sniffing needs only the start of the file. */
  gsize window = MIN (length, 64 * 1024);

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      CsvReader r = { text, text + window, candidates[c], 1, FALSE };
      guint n_header = 0, same = 0, seen = 0;

      while (seen < 20 && csv_next_record (&r, fields))
        {
          if (record_is_empty (fields))
            continue;
          /* The last record may be cut by the window. */
          if (r.p >= r.end && window < length)
            break;
          if (seen == 0)
            n_header = fields->len;
          else if (fields->len == n_header)
            same++;
          seen++;
        }
      if (n_header < 2)
        continue;
      if (same + 1 > best_score || (same + 1 == best_score && n_header > best_fields))
        {
          best = candidates[c];
          best_score = same + 1;
          best_fields = n_header;
          best_records = seen;
        }
    }

  if (header_fields) *header_fields = best_fields;
  if (consistent) *consistent = best_score;
  if (records) *records = best_records;
  return best;
}

int
_topiary_import_csv_sniff (const char *text,
                           gsize       length)
{
  guint n_fields, consistent, records;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  CsvReader r;
  gboolean known = FALSE;
  const char *start = text;
  int score;

  if (text == NULL || length == 0)
    return 0;
  while (start < text + length && g_ascii_isspace (*start))
    start++;
  /* Markdown (headings, tables, front matter) is not a spreadsheet. */
  if (start < text + length && (*start == '#' || *start == '|' || *start == '-' || *start == '+'))
    return 5;

  sniff_separator (text, length, &n_fields, &consistent, &records);
  if (n_fields < 2)
    return 0;

  r = (CsvReader) { text, text + MIN (length, 64 * 1024), 0, 1, FALSE };
  r.sep = sniff_separator (text, length, NULL, NULL, NULL);
  while (csv_next_record (&r, header) && record_is_empty (header))
    ;
  for (guint i = 0; i < header->len; i++)
    {
      TopiaryField f = topiary_field_from_label (g_ptr_array_index (header, i));
      if (f == TOPIARY_FIELD_TITLE || f == TOPIARY_FIELD_PRIMARY_QUERY ||
          f == TOPIARY_FIELD_GROUP || f == TOPIARY_FIELD_QUERIES)
        known = TRUE;
    }

  score = 20;
  if (records <= 1 || consistent * 10 >= records * 8)
    score += 40;
  if (known)
    score += 35;
  return score;
}

/* A column no import needs: what Topiary computes itself (the CSV export
 * writes "words written"). Not a TopiaryField, so out of its range. */
#define TOPIARY_FIELD_IGNORED ((TopiaryField) 1000)

static gboolean
is_computed_column (const char *header)
{
  static const char * const names[] = { "words written", "written words", "current words",
                                        "actual words", "word count actual", NULL };
  g_autofree char *down = g_ascii_strdown (header, -1);

  g_strstrip (down);
  return g_strv_contains (names, down);
}

/* ---- the plan read from the rows ---- */

typedef struct {
  TopiaryArticle *article;
  char           *group;       /* NULL: an idea outside any group */
  char           *parent_ref;  /* a title or slug, from a parent column */
  gboolean        marked_pillar;
  gboolean        marked_cluster;
  gboolean        has_status;
  double          order;
  gboolean        has_order;
  guint           index;       /* row order, for a stable sort */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->article);
  g_free (row->group);
  g_free (row->parent_ref);
  g_free (row);
}

static int
row_compare (gconstpointer a,
             gconstpointer b)
{
  const Row *ra = *(Row * const *) a;
  const Row *rb = *(Row * const *) b;

  /* Rows with an order come first, by it; the rest keep the file's order. */
  if (ra->has_order != rb->has_order)
    return ra->has_order ? -1 : 1;
  if (ra->has_order && ra->order != rb->order)
    return ra->order < rb->order ? -1 : 1;
  return ra->index < rb->index ? -1 : (ra->index > rb->index);
}

typedef struct {
  char      *header;
  GString   *values;     /* "- Title: value\n" lines */
  guint      count;
} KeptColumn;

static void
kept_column_free (gpointer data)
{
  KeptColumn *col = data;

  /* Columns with nothing kept leave holes in the array. */
  if (col == NULL)
    return;
  g_free (col->header);
  g_string_free (col->values, TRUE);
  g_free (col);
}

static void
keep_value (GPtrArray  *kept,
            guint       column,
            const char *header,
            const char *title,
            const char *value)
{
  KeptColumn *col;

  if (column >= kept->len)
    g_ptr_array_set_size (kept, column + 1);
  col = g_ptr_array_index (kept, column);
  if (col == NULL)
    {
      col = g_new0 (KeptColumn, 1);
      col->header = g_strdup (header);
      col->values = g_string_new (NULL);
      g_ptr_array_index (kept, column) = col;
    }
  g_string_append_printf (col->values, "- %s: %s\n", title, value);
  col->count++;
}

/* A cell as one line: runs of blanks and line breaks become one space. */
static char *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
add_queries (GPtrArray  *queries,
             const char *cell)
{
  g_auto(GStrv) items = topiary_value_split_list (cell);

  for (guint i = 0; items[i] && queries->len < MAX_QUERIES; i++)
    {
      g_autofree char *folded = g_utf8_casefold (items[i], -1);
      gboolean dup = FALSE;

      for (guint j = 0; j < queries->len && !dup; j++)
        {
          g_autofree char *other = g_utf8_casefold (g_ptr_array_index (queries, j), -1);
          dup = strcmp (folded, other) == 0;
        }
      if (!dup)
        g_ptr_array_add (queries, g_strdup (items[i]));
    }
}

/* A title from a bare keyword: "flask jwt auth" → "Flask jwt auth". */
static char *
title_from_keyword (const char *keyword)
{
  g_auto(GStrv) items = topiary_value_split_list (keyword);
  char *title;

  if (items[0] == NULL)
    return NULL;
  title = g_strdup (items[0]);
  if (g_ascii_islower (title[0]))
    title[0] = g_ascii_toupper (title[0]);
  return title;
}

static gint64
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (text == NULL)
    return 0;
  if ((dt = g_date_time_new_from_iso8601 (text, utc)) != NULL)
    return g_date_time_to_unix (dt);
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (y, m, d, 0, 0, 0);
      return day ? g_date_time_to_unix (day) : 0;
    }
  return 0;
}

typedef struct {
  TopiaryImportReport *report;
  GHashTable          *slugs;      /* slugs this import used */
  GHashTable          *by_key;     /* lowercase title or slug → Row */
  guint                row_warnings;
} Ctx;

static void
row_warn (Ctx        *ctx,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
row_warn (Ctx        *ctx,
          const char *format,
          ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  ctx->row_warnings++;
  if (ctx->row_warnings > MAX_ROW_WARNINGS)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  topiary_import_report_warn (ctx->report, "%s", msg);
}

/* Two rows with one title would otherwise overwrite each other. */
static void
unique_slug (Ctx            *ctx,
             TopiaryArticle *article)
{
  const char *given = topiary_article_get_slug (article);
  g_autofree char *base = topiary_slugify (given && *given ? given : topiary_article_get_title (article));
  g_autofree char *slug = _topiary_import_claim_slug (ctx->slugs, base);

  if (strcmp (slug, base) != 0)
    row_warn (ctx, _("Two articles share the slug “%s”; “%s” gets “%s”."),
              base, topiary_article_get_title (article), slug);
  topiary_article_set_slug (article, slug);
}

/* The rows as the plan: each group's pillar, parents, in row order. */
static void
rows_to_plan (Ctx               *ctx,
              GPtrArray         *rows,
              TopiaryImportPlan *plan)
{
  g_autoptr(GHashTable) pillars = g_hash_table_new (g_str_hash, g_str_equal); /* group → Row */
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);                /* Row → index + 1 */

  /* Decide each group's pillar before anything is placed. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      Row *pillar;

      g_hash_table_insert (index, row, GUINT_TO_POINTER (i + 1));
      if (row->group == NULL)
        {
          topiary_article_set_kind (row->article, row->marked_pillar ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
          continue;
        }
      pillar = g_hash_table_lookup (pillars, row->group);
      if (row->marked_pillar && (pillar == NULL || !pillar->marked_pillar))
        g_hash_table_insert (pillars, row->group, row);
      else if (row->marked_pillar)
        row_warn (ctx, _("Group “%s” has more than one pillar; “%s” is kept as a cluster."),
                  row->group, topiary_article_get_title (row->article));
      else if (pillar == NULL && !row->marked_cluster)
        g_hash_table_insert (pillars, row->group, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (row->group != NULL && !g_hash_table_contains (pillars, row->group))
        {
          /* Every row was marked a cluster: the first one leads. */
          g_hash_table_insert (pillars, row->group, row);
          row_warn (ctx, _("Group “%s” has no pillar; “%s” becomes its pillar."),
                    row->group, topiary_article_get_title (row->article));
        }
      if (row->group != NULL)
        topiary_article_set_kind (row->article,
                                  g_hash_table_lookup (pillars, row->group) == row
                                  ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      TopiaryArticle *article = row->article;
      TopiaryPlanArticle *a = topiary_import_plan_add_article (plan, topiary_article_get_title (article));
      const char * const *queries = topiary_article_get_queries (article);
      int primary = topiary_article_get_primary_query (article);
      Row *parent = NULL;

      a->slug = g_strdup (topiary_article_get_slug (article));
      a->kind = topiary_article_get_kind (article);
      a->status = topiary_article_get_status (article);
      a->priority = topiary_article_get_priority (article);
      a->words = topiary_article_get_target_words (article);
      a->published = topiary_article_get_published (article);
      if (*topiary_article_get_intent (article) != '\0')
        a->intent = g_strdup (topiary_article_get_intent (article));
      if (*topiary_article_get_summary (article) != '\0')
        a->summary = g_strdup (topiary_article_get_summary (article));
      if (primary >= 0 && queries[primary] != NULL)
        g_ptr_array_add (a->queries, g_strdup (queries[primary]));
      for (guint q = 0; queries[q] != NULL; q++)
        if ((int) q != primary)
          g_ptr_array_add (a->queries, g_strdup (queries[q]));
      if (row->group != NULL)
        {
          int g = topiary_import_plan_add_group (plan, row->group, NULL);
          TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);

          a->group = g;
          if (g_hash_table_lookup (pillars, row->group) == row)
            group->pillar = (int) i;
        }

      if (row->parent_ref != NULL)
        {
          g_autofree char *key = g_utf8_casefold (row->parent_ref, -1);

          parent = g_hash_table_lookup (ctx->by_key, key);
          if (parent == NULL)
            a->parent_ref = g_strdup (row->parent_ref);
        }
      if (parent == NULL && row->parent_ref == NULL && row->group != NULL &&
          topiary_article_get_kind (article) == TOPIARY_KIND_CLUSTER)
        parent = g_hash_table_lookup (pillars, row->group);
      if (parent != NULL && parent != row)
        a->parent = GPOINTER_TO_INT (g_hash_table_lookup (index, parent)) - 1;
    }
}

gboolean
_topiary_import_csv (TopiaryProject      *project,
                     const char          *text,
                     gsize                length,
                     TopiaryImportReport *report,
                     GError             **error)
{
  g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);

  return _topiary_import_csv_plan (plan, text, length, report, error) &&
         _topiary_import_plan_apply (plan, project, report, error);
}

/* The header: the first row with anything in it, or NULL. */
static GPtrArray *
read_header (CsvReader *r,
             GPtrArray *fields)
{
  while (csv_next_record (r, fields))
    if (!record_is_empty (fields))
      {
        GPtrArray *header = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; i < fields->len; i++)
          g_ptr_array_add (header, g_strstrip (g_strdup (g_ptr_array_index (fields, i))));
        return header;
      }
  return NULL;
}

/* What each column of @header holds: what @choices (TopiaryImportOptions'
 * columns, or NULL) says of its header, else the reader's guess. Single-valued
 * fields take their first column; a second keyword column is a further
 * query, anything else repeated is kept as a note. */
static void
guess_columns (GPtrArray  *header,
               GHashTable *choices,
               GArray     *columns)
{
  for (guint i = 0; i < header->len; i++)
    {
      TopiaryField f = topiary_field_from_label (g_ptr_array_index (header, i));
      g_autofree char *key = choices != NULL ? g_utf8_casefold (g_ptr_array_index (header, i), -1) : NULL;
      gpointer chosen;

      /* Words already written are counted from the body, not imported. */
      if (is_computed_column (g_ptr_array_index (header, i)))
        f = TOPIARY_FIELD_IGNORED;
      /* The user's reading wins; an order chosen is "read as nothing"
       * (topiary-import-columns.h). */
      if (key != NULL && g_hash_table_lookup_extended (choices, key, NULL, &chosen))
        {
          f = (TopiaryField) (GPOINTER_TO_INT (chosen) - 1);
          if (f == TOPIARY_FIELD_ORDER)
            f = TOPIARY_FIELD_IGNORED;
        }

      for (guint j = 0; j < i && f != TOPIARY_FIELD_UNKNOWN && f != TOPIARY_FIELD_QUERIES &&
                        f != TOPIARY_FIELD_IGNORED; j++)
        if (g_array_index (columns, TopiaryField, j) == f)
          f = f == TOPIARY_FIELD_PRIMARY_QUERY ? TOPIARY_FIELD_QUERIES : TOPIARY_FIELD_UNKNOWN;
      g_array_append_val (columns, f);
    }
}

static CsvReader
reader_new (const char *text,
            gsize       length)
{
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, length -= 3;
  return (CsvReader) { text, text + length, sniff_separator (text, length, NULL, NULL, NULL), 1, FALSE };
}

gboolean
_topiary_import_csv_columns (const char  *text,
                             gsize        length,
                             GPtrArray  **header,
                             GArray     **fields)
{
  g_autoptr(GPtrArray) record = g_ptr_array_new_with_free_func (g_free);
  CsvReader r;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  r = reader_new (text != NULL ? text : "", length);
  *header = read_header (&r, record);
  if (*header == NULL)
    return FALSE;
  *fields = g_array_new (FALSE, TRUE, sizeof (TopiaryField));
  guess_columns (*header, NULL, *fields);
  for (guint i = 0; i < (*fields)->len; i++)
    if (g_array_index (*fields, TopiaryField, i) == TOPIARY_FIELD_IGNORED)
      g_array_index (*fields, TopiaryField, i) = (TopiaryField) -1;
  return TRUE;
}

gboolean
_topiary_import_csv_plan (TopiaryImportPlan   *plan,
                          const char          *text,
                          gsize                length,
                          TopiaryImportReport *report,
                          GError             **error)
{
  return _topiary_import_csv_plan_full (plan, text, length, NULL, report, error);
}

gboolean
_topiary_import_csv_plan_full (TopiaryImportPlan   *plan,
                               const char          *text,
                               gsize                length,
                               GHashTable          *choices,
                               TopiaryImportReport *report,
                               GError             **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (TopiaryField));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (kept_column_free);
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) rest = NULL;
  Ctx ctx = { report, slugs, by_key, 0 };
  CsvReader r;
  int title_col = -1, primary_col = -1;
  guint ragged = 0, bad_quotes = 0, skipped = 0;
  gboolean has_kind_info = FALSE;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  r = reader_new (text != NULL ? text : "", length);
  header = read_header (&r, fields);
  if (header == NULL)
    {
      g_set_error_literal (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                           _("The CSV file is empty."));
      return FALSE;
    }

  guess_columns (header, choices, columns);
  for (guint i = 0; i < header->len; i++)
    {
      TopiaryField f = g_array_index (columns, TopiaryField, i);

      if (f == TOPIARY_FIELD_TITLE && title_col < 0)
        title_col = (int) i;
      if (f == TOPIARY_FIELD_PRIMARY_QUERY && primary_col < 0)
        primary_col = (int) i;
      if (f == TOPIARY_FIELD_KIND || f == TOPIARY_FIELD_PILLAR)
        has_kind_info = TRUE;
    }
  if (title_col < 0 && primary_col < 0)
    {
      g_set_error_literal (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                           _("The CSV file has no title or keyword column in its first row."));
      return FALSE;
    }

  while (csv_next_record (&r, fields))
    {
      guint line = r.line - 1;
      g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) secondary = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) summary = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *key = NULL;
      Row *row;

      if (record_is_empty (fields))
        continue;
      if (r.bad_quote)
        {
          bad_quotes++;
          row_warn (&ctx, _("Row at line %u has a badly quoted field."), line);
        }
      if (fields->len != header->len)
        {
          ragged++;
          row_warn (&ctx, _("Row at line %u has %u fields, the header has %u."),
                    line, fields->len, header->len);
        }

      if (title_col >= 0 && (guint) title_col < fields->len)
        /* Line breaks and tabs inside a title are kept: a title goes
         * through a CSV export and back unchanged. */
        title = g_strstrip (g_strdup (g_ptr_array_index (fields, title_col)));
      if ((title == NULL || *title == '\0') && primary_col >= 0 && (guint) primary_col < fields->len)
        {
          g_free (title);
          title = title_from_keyword (g_ptr_array_index (fields, primary_col));
        }
      if (title == NULL || *title == '\0')
        {
          skipped++;
          row_warn (&ctx, _("Row at line %u has no title and is skipped."), line);
          continue;
        }

      row = g_new0 (Row, 1);
      row->article = topiary_article_new ();
      row->index = rows->len;
      topiary_article_set_title (row->article, title);
      topiary_article_set_status (row->article, TOPIARY_STATUS_PLANNED);
      g_ptr_array_add (rows, row);

      for (guint i = 0; i < fields->len; i++)
        {
          const char *raw = g_ptr_array_index (fields, i);
          g_autofree char *value = g_strstrip (g_strdup (raw));
          TopiaryField f = i < columns->len ? g_array_index (columns, TopiaryField, i) : TOPIARY_FIELD_UNKNOWN;
          gboolean understood = TRUE;

          if (*value == '\0')
            continue;

          if (f == TOPIARY_FIELD_IGNORED)
            continue;
          switch (f)
            {
            case TOPIARY_FIELD_TITLE:
              break;
            case TOPIARY_FIELD_SLUG:
              {
                g_autofree char *slug = topiary_value_slug_from_path (value);
                if (slug != NULL)
                  topiary_article_set_slug (row->article, slug);
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_GROUP:
              g_free (row->group);
              row->group = one_line (value);
              break;
            case TOPIARY_FIELD_KIND:
              {
                TopiaryKind kind;
                if (topiary_value_parse_kind (value, &kind))
                  {
                    row->marked_pillar = kind == TOPIARY_KIND_PILLAR;
                    row->marked_cluster = kind == TOPIARY_KIND_CLUSTER;
                  }
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_PILLAR:
              {
                gboolean flag;
                TopiaryKind kind;

                if (topiary_value_parse_bool (value, &flag))
                  {
                    row->marked_pillar = flag;
                    row->marked_cluster = !flag;
                  }
                else if (topiary_value_parse_kind (value, &kind))
                  {
                    row->marked_pillar = kind == TOPIARY_KIND_PILLAR;
                    row->marked_cluster = kind == TOPIARY_KIND_CLUSTER;
                  }
                else if (g_utf8_collate (value, title) == 0)
                  row->marked_pillar = TRUE;
                else
                  {
                    /* A pillar column naming the pillar a row belongs to. */
                    g_free (row->parent_ref);
                    row->parent_ref = one_line (value);
                    row->marked_cluster = TRUE;
                  }
              }
              break;
            case TOPIARY_FIELD_PRIMARY_QUERY:
              if ((int) i == primary_col)
                add_queries (queries, value);
              else
                add_queries (secondary, value);
              break;
            case TOPIARY_FIELD_QUERIES:
              add_queries (secondary, value);
              break;
            case TOPIARY_FIELD_INTENT:
              {
                const char *intent = topiary_intent_normalize (value);
                if (intent != NULL)
                  topiary_article_set_intent (row->article, intent);
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_PRIORITY:
              {
                int priority = topiary_value_parse_priority (value);
                if (priority > 0)
                  topiary_article_set_priority (row->article, priority);
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_STATUS:
              {
                TopiaryStatus status;
                gboolean done;

                if (topiary_value_parse_status (value, &status))
                  topiary_article_set_status (row->article, status);
                else if (topiary_value_parse_bool (value, &done))
                  topiary_article_set_status (row->article, done ? TOPIARY_STATUS_PUBLISHED : TOPIARY_STATUS_PLANNED);
                else
                  understood = FALSE;
                row->has_status = understood;
              }
              break;
            case TOPIARY_FIELD_WORDS:
              {
                int words = topiary_value_parse_words (value);
                if (words > 0)
                  topiary_article_set_target_words (row->article, words);
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_SUMMARY:
              if (summary->len > 0)
                g_string_append (summary, "\n\n");
              g_string_append (summary, value);
              break;
            case TOPIARY_FIELD_PARENT:
              g_free (row->parent_ref);
              row->parent_ref = one_line (value);
              break;
            case TOPIARY_FIELD_ORDER:
              {
                char *end = NULL;
                double order = g_ascii_strtod (value, &end);

                if (end != NULL && *end == '\0' && order == order)
                  {
                    row->order = order;
                    row->has_order = TRUE;
                  }
                else
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_DATE:
              {
                gint64 when = parse_date (value);
                if (when > 0)
                  topiary_article_set_published (row->article, when);
                /* The date is kept either way: it may be a due date. */
                understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_DRAFT:
              {
                gboolean draft;
                if (topiary_value_parse_bool (value, &draft) && draft)
                  {
                    topiary_article_set_status (row->article, TOPIARY_STATUS_DRAFTING);
                    row->has_status = TRUE;
                  }
                else if (!topiary_value_parse_bool (value, &draft))
                  understood = FALSE;
              }
              break;
            case TOPIARY_FIELD_UNKNOWN:
            default:
              understood = FALSE;
              break;
            }

          if (!understood)
            {
              g_autofree char *name = NULL;
              g_autofree char *flat = one_line (value);

              if (i < header->len && *(char *) g_ptr_array_index (header, i) != '\0')
                name = g_strdup (g_ptr_array_index (header, i));
              else
                name = g_strdup_printf (_("Column %u"), i + 1);
              keep_value (kept, i, name, title, flat);
            }
        }

      /* The first query of the primary column leads; further ones follow. */
      for (guint i = 0; i < secondary->len; i++)
        add_queries (queries, g_ptr_array_index (secondary, i));
      g_ptr_array_add (queries, NULL);
      topiary_article_set_queries (row->article, (const char * const *) queries->pdata);
      if (queries->len > 1)
        topiary_article_set_primary_query (row->article, 0);
      if (summary->len > 0)
        topiary_article_set_summary (row->article, summary->str);
      /* Rows outside any group are ideas unless the sheet says otherwise. */
      if (row->group == NULL && !row->has_status)
        topiary_article_set_status (row->article, TOPIARY_STATUS_IDEA);

      unique_slug (&ctx, row->article);
      key = g_utf8_casefold (title, -1);
      if (!g_hash_table_contains (by_key, key))
        g_hash_table_insert (by_key, g_steal_pointer (&key), row);
      g_free (key);
      key = g_utf8_casefold (topiary_article_get_slug (row->article), -1);
      if (!g_hash_table_contains (by_key, key))
        g_hash_table_insert (by_key, g_steal_pointer (&key), row);
    }

  if (ctx.row_warnings > MAX_ROW_WARNINGS)
    topiary_import_report_warn (report, _("%u more rows had problems (%u with a wrong number of fields, %u badly quoted, %u without a title)."),
                                ctx.row_warnings - MAX_ROW_WARNINGS, ragged, bad_quotes, skipped);

  if (rows->len == 0)
    {
      g_set_error_literal (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                           _("The CSV file has no articles below its header."));
      return FALSE;
    }

  if (!has_kind_info)
    {
      /* Without a kind or pillar column, the first row of each group is its
       * pillar by convention: no warning for that. */
      for (guint i = 0; i < rows->len; i++)
        ((Row *) g_ptr_array_index (rows, i))->marked_cluster = FALSE;
    }

  g_ptr_array_sort (rows, row_compare);
  plan->format = TOPIARY_IMPORT_CSV;
  rows_to_plan (&ctx, rows, plan);

  for (guint i = 0, n = 0; i < kept->len; i++)
    {
      KeptColumn *col = g_ptr_array_index (kept, i);

      if (col == NULL)
        continue;
      if (n++ < MAX_COLUMN_NOTES)
        {
          topiary_import_plan_add_note (plan, "import", col->header, col->values->str);
          continue;
        }
      if (rest == NULL)
        rest = g_string_new (NULL);
      g_string_append_printf (rest, "%s\n%s\n", col->header, col->values->str);
    }
  if (rest != NULL)
    topiary_import_plan_add_note (plan, "import", _("Further columns"), rest->str);

  return TRUE;
}
