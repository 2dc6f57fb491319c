/* topiary-import-tables.c — tables in a Markdown outline
 *
 * A research document holds several tables, and only some list articles:
 *  - an article table has a title column, or a slug or keyword column with
 *    others that only articles have (intent, status, volume …). Its rows
 *    are articles; a slug already read is the same article again, so a
 *    later "refresh priorities" table updates the articles it names;
 *  - a "Property | Value" table under an article's heading holds its fields;
 *  - a linking plan ("From | To | Anchor") gives pairs of articles, kept as
 *    a note that links them; everything else (consolidation rules, build
 *    priorities, data gaps) is kept as a note as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-outline-private.h"

typedef struct {
  EntryFieldClass klass;
  TopiaryField    field;
  char           *label;
} Column;

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->label);
}

static GArray *
read_columns (Block      *table,
              GHashTable *overrides)
{
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (Column));

  g_array_set_clear_func (columns, column_clear);
  for (guint i = 0; i < table->header->len; i++)
    {
      Column c = { 0 };

      c.label = g_strdup (g_ptr_array_index (table->header, i));
      strip_inline (c.label);
      c.klass = classify_label (c.label, &c.field);
      if (overrides != NULL)
        {
          g_autofree char *key = g_utf8_casefold (c.label, -1);
          gpointer v;

          /* The user's reading of this column wins. */
          if (g_hash_table_lookup_extended (overrides, key, NULL, &v))
            {
              c.field = (TopiaryField) (GPOINTER_TO_INT (v) - 1);
              c.klass = c.field == TOPIARY_FIELD_UNKNOWN ? ENTRY_FIELD_KEEP : ENTRY_FIELD_KNOWN;
            }
        }
      /* "#" and "Order": the document order is the writing order. */
      if (c.klass == ENTRY_FIELD_NONE && strcmp (c.label, "#") == 0)
        c.field = TOPIARY_FIELD_ORDER, c.klass = ENTRY_FIELD_KNOWN;
      g_array_append_val (columns, c);
    }
  return columns;
}

static gboolean
has_field (GArray       *columns,
           TopiaryField  field)
{
  for (guint i = 0; i < columns->len; i++)
    {
      Column *c = &g_array_index (columns, Column, i);
      if (c->klass == ENTRY_FIELD_KNOWN && c->field == field)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_class (GArray          *columns,
           EntryFieldClass  klass)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_array_index (columns, Column, i).klass == klass)
      return TRUE;
  return FALSE;
}

static gboolean
label_in (const char         *label,
          const char * const *words)
{
  g_autofree char *down = g_utf8_strdown (label, -1);

  g_strstrip (down);
  for (guint i = 0; words[i]; i++)
    if (strcmp (down, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const from_words[] = { "from", "from page", "from url", "source", "source page",
                                           "source url", "link from", "linking page", NULL };
static const char * const to_words[] = { "to", "to page", "to url", "destination", "target page",
                                         "target url", "link to", "links to", "linked page", NULL };
static const char * const anchor_words[] = { "anchor", "anchor text", "anchors", NULL };

/* The from and to columns of a linking plan, or FALSE. */
static gboolean
link_columns (Block *table,
              int   *from,
              int   *to,
              int   *anchor)
{
  *from = *to = *anchor = -1;
  for (guint i = 0; i < table->header->len; i++)
    {
      g_autofree char *label = g_strdup (g_ptr_array_index (table->header, i));

      strip_inline (label);
      if (*from < 0 && label_in (label, from_words))
        *from = (int) i;
      else if (*to < 0 && label_in (label, to_words))
        *to = (int) i;
      else if (*anchor < 0 && label_in (label, anchor_words))
        *anchor = (int) i;
    }
  return *from >= 0 && *to >= 0;
}

gboolean
table_lists_articles (Block      *table,
                      GHashTable *overrides)
{
  g_autoptr(GArray) columns = NULL;
  gboolean article_columns;
  int from, to, anchor;

  if (link_columns (table, &from, &to, &anchor) || table_is_properties (table))
    return FALSE;
  columns = read_columns (table, overrides);
  if (has_field (columns, TOPIARY_FIELD_TITLE))
    return TRUE;
  article_columns = has_field (columns, TOPIARY_FIELD_INTENT) || has_field (columns, TOPIARY_FIELD_STATUS) ||
                    has_field (columns, TOPIARY_FIELD_QUERIES) || has_field (columns, TOPIARY_FIELD_WORDS) ||
                    has_field (columns, TOPIARY_FIELD_PRIORITY) || has_field (columns, TOPIARY_FIELD_KIND) ||
                    has_class (columns, ENTRY_FIELD_KEEP) || has_class (columns, ENTRY_FIELD_CONTENT_TYPE);
  if (has_field (columns, TOPIARY_FIELD_SLUG))
    return article_columns || has_field (columns, TOPIARY_FIELD_PRIMARY_QUERY);
  return has_field (columns, TOPIARY_FIELD_PRIMARY_QUERY) && article_columns;
}

gboolean
table_has_group_column (Block      *table,
                        GHashTable *overrides)
{
  g_autoptr(GArray) columns = read_columns (table, overrides);

  return table_lists_articles (table, overrides) && has_field (columns, TOPIARY_FIELD_GROUP);
}

gboolean
table_is_properties (Block *table)
{
  static const char * const keys[] = { "property", "properties", "field", "fields", "key", "attribute",
                                       "meta", "metadata", NULL };
  guint labels = 0;

  if (table->header->len != 2)
    return FALSE;
  {
    g_autofree char *first = g_strdup (g_ptr_array_index (table->header, 0));
    strip_inline (first);
    if (label_in (first, keys))
      return TRUE;
  }
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (table->rows, r);
      TopiaryField f;

      if (cells->len > 0 && classify_label (g_ptr_array_index (cells, 0), &f) != ENTRY_FIELD_NONE)
        labels++;
    }
  return table->rows->len > 0 && labels * 2 > table->rows->len;
}

void
table_properties (Entry *entry,
                  Block *table)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (table->rows, r);
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      TopiaryField field;
      EntryFieldClass klass;

      if (cells->len < 2)
        continue;
      label = g_strdup (g_ptr_array_index (cells, 0));
      value = g_strdup (g_ptr_array_index (cells, 1));
      strip_inline (label);
      strip_inline (value);
      klass = classify_label (label, &field);
      if (klass == ENTRY_FIELD_NONE && *label && *value)
        klass = ENTRY_FIELD_KEEP;
      apply_labelled (entry, klass, field, label, value);
    }
}

/* "best 35mm film camera" → "Best 35mm film camera". */
static char *
capitalized (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (c), buf);
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

static gboolean
is_empty_cell (const char *value)
{
  return *value == '\0' || strcmp (value, "-") == 0 || strcmp (value, "\xe2\x80\x94") == 0 ||
         strcmp (value, "\xe2\x80\x93") == 0 || g_ascii_strcasecmp (value, "n/a") == 0;
}

static char *
table_name (Ctx   *ctx,
            Block *table)
{
  if (ctx->section != NULL && *ctx->section != '\0')
    return g_strdup_printf ("“%s”", ctx->section);
  return g_strdup_printf (_("on line %u"), table->line);
}

void
table_rows (Ctx        *ctx,
            Block      *table,
            const char *label_intent,
            int         label_kind)
{
  g_autoptr(GArray) columns = read_columns (table, ctx->options ? ctx->options->columns : NULL);
  int title_col = -1, slug_col = -1, made_from = -1;
  gboolean warned = FALSE;

  for (guint i = 0; i < columns->len; i++)
    {
      Column *c = &g_array_index (columns, Column, i);

      if (c->klass == ENTRY_FIELD_KNOWN && c->field == TOPIARY_FIELD_TITLE && title_col < 0)
        title_col = (int) i;
      else if (c->klass == ENTRY_FIELD_KNOWN && c->field == TOPIARY_FIELD_SLUG && slug_col < 0)
        slug_col = (int) i;
    }
  for (guint i = 0; i < columns->len && title_col >= 0; i++)
    {
      Column *c = &g_array_index (columns, Column, i);
      g_autofree char *down = g_utf8_strdown (c->label, -1);

      /* "H1" and "SEO title": one titles the article, the other is a note. */
      if ((int) i != title_col && strstr (down, "title") != NULL &&
          (c->klass == ENTRY_FIELD_KEEP || (c->klass == ENTRY_FIELD_KNOWN && c->field == TOPIARY_FIELD_TITLE)))
        {
          g_autofree char *name = table_name (ctx, table);
          const char *chosen = g_array_index (columns, Column, title_col).label;

          topiary_import_report_warn (ctx->report,
                                      _("The table %s has two title columns, “%s” and “%s”; “%s” gives the titles and “%s” was kept in the notes."),
                                      name, chosen, c->label, chosen, c->label);
          c->klass = ENTRY_FIELD_KEEP;
        }
    }
  if (title_col < 0)
    {
      /* A keyword list: the keyword makes a title, and the table says so. */
      for (guint i = 0; i < columns->len && made_from < 0; i++)
        {
          Column *c = &g_array_index (columns, Column, i);
          if (c->klass == ENTRY_FIELD_KNOWN && c->field == TOPIARY_FIELD_PRIMARY_QUERY)
            made_from = (int) i;
        }
      if (made_from < 0 && slug_col >= 0)
        made_from = slug_col;
      if (made_from < 0)
        title_col = 0;
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (table->rows, r);
      g_autofree char *slug = NULL;
      Entry *entry = NULL;

      /* A slug read before is that article again. */
      if (slug_col >= 0 && (guint) slug_col < cells->len)
        {
          g_autofree char *cell = g_strdup (g_ptr_array_index (cells, slug_col));
          strip_inline (cell);
          slug = topiary_value_slug_from_path (cell);
          if (slug != NULL)
            entry = ctx_find_slug (ctx, slug);
        }

      if (entry == NULL)
        {
          g_autofree char *title = NULL;

          if (title_col >= 0)
            title = (guint) title_col < cells->len ? g_strdup (g_ptr_array_index (cells, title_col)) : NULL;
          else if ((guint) made_from < cells->len)
            {
              g_autofree char *cell = g_strdup (g_ptr_array_index (cells, made_from));
              strip_inline (cell);
              if (made_from == slug_col && slug != NULL)
                {
                  g_free (cell);
                  cell = topiary_value_humanize (slug);
                }
              if (*cell != '\0')
                title = capitalized (cell);
              if (title != NULL && !warned)
                {
                  /* Said once, and only when a title was made. */
                  g_autofree char *name = table_name (ctx, table);
                  topiary_import_report_warn (ctx->report,
                                              _("The table %s has no title column; the titles were made from its “%s” column."),
                                              name, g_array_index (columns, Column, made_from).label);
                  warned = TRUE;
                }
            }
          if (title == NULL || *title == '\0')
            continue;
          entry = ctx_new_entry (ctx, label_intent, label_kind);
          parse_item (entry, title);
        }

      for (guint c = 0; c < cells->len && c < columns->len; c++)
        {
          Column *col = &g_array_index (columns, Column, c);
          g_autofree char *value = g_strdup (g_ptr_array_index (cells, c));

          if ((int) c == title_col)
            continue;
          strip_inline (value);
          if (col->klass == ENTRY_FIELD_KNOWN && col->field == TOPIARY_FIELD_GROUP)
            {
              if (*value)
                {
                  /* The row's own group; the section's stays current. */
                  ctx_register_group (ctx, value);
                  g_free (entry->group);
                  entry->group = g_strdup (value);
                }
              continue;
            }
          if (is_empty_cell (value))
            continue;
          if (col->klass == ENTRY_FIELD_KNOWN &&
              (col->field == TOPIARY_FIELD_STATUS || col->field == TOPIARY_FIELD_PILLAR))
            {
              /* Cells like "✅" or "[x]". */
              if (strcmp (value, "[x]") == 0 || strcmp (value, "[X]") == 0)
                strcpy (value, "x");
              else if (strcmp (value, "[ ]") == 0)
                strcpy (value, "no");
            }
          if (col->klass == ENTRY_FIELD_KNOWN && col->field == TOPIARY_FIELD_ORDER)
            continue;
          if (col->klass == ENTRY_FIELD_NONE ||
              (col->klass == ENTRY_FIELD_KNOWN &&
               (col->field == TOPIARY_FIELD_PARENT || col->field == TOPIARY_FIELD_DATE)))
            {
              g_autofree char *line = g_strdup_printf ("%s: %s", *col->label ? col->label : _("Column"), value);
              entry_add_summary (entry, line);
              continue;
            }
          apply_labelled (entry, col->klass, col->field, col->label, value);
        }
    }
}

/* ---- linking plans ---- */

gboolean
is_link_heading (const char *title)
{
  g_autofree char *down = g_utf8_strdown (title, -1);

  return strstr (down, "linking") != NULL || strstr (down, "internal link") != NULL ||
         strstr (down, "link plan") != NULL || strstr (down, "link map") != NULL;
}

static void
add_pair (GPtrArray  *pairs,
          const char *from,
          const char *to,
          const char *anchor)
{
  char *f = g_strdup (from), *t = g_strdup (to);

  strip_inline (f);
  strip_inline (t);
  g_ptr_array_add (pairs, f);
  g_ptr_array_add (pairs, t);
  if (anchor != NULL && *anchor != '\0')
    {
      char *a = g_strdup (anchor);
      strip_inline (a);
      g_ptr_array_add (pairs, a);
    }
  else
    g_ptr_array_add (pairs, NULL);
}

gboolean
link_pairs_from_item (const char *text,
                      GPtrArray  *pairs)
{
  static const char * const arrows[] = { " \xe2\x86\x92 ", " -> ", " => ", " \xe2\x9f\xb6 ", " \xe2\x87\x92 ", NULL };

  for (guint i = 0; arrows[i]; i++)
    {
      const char *hit = strstr (text, arrows[i]);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      char *anchor = NULL;

      if (hit == NULL)
        continue;
      from = g_strndup (text, (gsize) (hit - text));
      to = g_strdup (hit + strlen (arrows[i]));
      /* "… → /b (anchor: x)" or "… → /b — x" */
      if ((anchor = strstr (to, " \xe2\x80\x94 ")) != NULL || (anchor = strstr (to, " (")) != NULL)
        {
          *anchor = '\0';
          anchor += anchor[1] == '(' ? 2 : 5;
          if (g_str_has_suffix (anchor, ")"))
            anchor[strlen (anchor) - 1] = '\0';
          if (g_ascii_strncasecmp (anchor, "anchor:", 7) == 0)
            anchor += 7;
          g_strstrip (anchor);
        }
      add_pair (pairs, g_strstrip (from), g_strstrip (to), anchor);
      return TRUE;
    }
  return FALSE;
}

void
link_pairs_from_table (Block     *table,
                       GPtrArray *pairs)
{
  int from, to, anchor;

  if (!link_columns (table, &from, &to, &anchor))
    return;
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (table->rows, r);

      if ((guint) MAX (from, to) >= cells->len)
        continue;
      add_pair (pairs, g_ptr_array_index (cells, from), g_ptr_array_index (cells, to),
                anchor >= 0 && (guint) anchor < cells->len ? g_ptr_array_index (cells, anchor) : NULL);
    }
}

char *
table_markdown (Block *table)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r <= table->rows->len; r++)
    {
      GPtrArray *cells = r == 0 ? table->header : g_ptr_array_index (table->rows, r - 1);

      g_string_append (out, "|");
      for (guint c = 0; c < cells->len; c++)
        g_string_append_printf (out, " %s |", (char *) g_ptr_array_index (cells, c));
      g_string_append_c (out, '\n');
      if (r == 0)
        {
          g_string_append (out, "|");
          for (guint c = 0; c < cells->len; c++)
            g_string_append (out, " --- |");
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}
