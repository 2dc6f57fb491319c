/* topiary-import-columns.c — the columns of a source's article tables, and
 * what the reader reads each one as
 *
 * The guess follows the outline reader's own reading of a table
 * (topiary-import-tables.c): the label's field, "#" an order, a second
 * title column a note, research figures and unknown labels notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-import-columns.h"
#include "topiary-import-outline-private.h"
#include "topiary-import-private.h"

/* As topiary_import_read_plan() reads at most. */
#define MAX_COLUMNS_SOURCE (64 * 1024 * 1024)

void
topiary_import_column_free (TopiaryImportColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->header);
  g_free (column);
}

/* The whole of the regular file @path, as valid UTF-8. Opened without
 * waiting on a FIFO, and only when it is a regular file. */
static char *
read_text (const char  *path,
           GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *data = NULL;
  gsize size = 0;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not read “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_COLUMNS_SOURCE)
    {
      close (fd);
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                   _("“%s” is not a text file of at most 64 MB."), name);
      return NULL;
    }
  data = g_malloc ((gsize) st.st_size + 1);
  while (size < (gsize) st.st_size)
    {
      gssize n = read (fd, data + size, (gsize) st.st_size - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read “%s”: %s."), name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;   /* shorter than it was: read what is there */
      size += (gsize) n;
    }
  close (fd);
  data[size] = '\0';
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, (gssize) size, NULL))
    return g_utf8_make_valid (data, (gssize) size);
  return g_steal_pointer (&data);
}

static TopiaryColumnUse
use_of_field (TopiaryField field)
{
  switch (field)
    {
    case TOPIARY_FIELD_TITLE: return TOPIARY_COLUMN_USE_TITLE;
    case TOPIARY_FIELD_SLUG: return TOPIARY_COLUMN_USE_SLUG;
    case TOPIARY_FIELD_PRIMARY_QUERY: return TOPIARY_COLUMN_USE_PRIMARY_QUERY;
    case TOPIARY_FIELD_QUERIES: return TOPIARY_COLUMN_USE_QUERIES;
    case TOPIARY_FIELD_INTENT: return TOPIARY_COLUMN_USE_INTENT;
    case TOPIARY_FIELD_STATUS:
    case TOPIARY_FIELD_DRAFT: return TOPIARY_COLUMN_USE_STATUS;
    case TOPIARY_FIELD_PRIORITY: return TOPIARY_COLUMN_USE_PRIORITY;
    case TOPIARY_FIELD_GROUP: return TOPIARY_COLUMN_USE_GROUP;
    case TOPIARY_FIELD_KIND: return TOPIARY_COLUMN_USE_KIND;
    case TOPIARY_FIELD_PILLAR: return TOPIARY_COLUMN_USE_PILLAR;
    case TOPIARY_FIELD_WORDS: return TOPIARY_COLUMN_USE_WORDS;
    case TOPIARY_FIELD_SUMMARY: return TOPIARY_COLUMN_USE_SUMMARY;
    /* A table's order is its rows' order: the column is read as nothing. */
    case TOPIARY_FIELD_ORDER: return TOPIARY_COLUMN_USE_IGNORE;
    case TOPIARY_FIELD_PARENT:
    case TOPIARY_FIELD_DATE:
    case TOPIARY_FIELD_UNKNOWN:
    default:
      return TOPIARY_COLUMN_USE_NOTE;
    }
}

/* A CSV file's reading of a field: its own for an order, a parent, a date. */
static TopiaryColumnUse
csv_use_of_field (TopiaryField field)
{
  switch ((int) field)
    {
    case -1: return TOPIARY_COLUMN_USE_IGNORE;
    case TOPIARY_FIELD_ORDER: return TOPIARY_COLUMN_USE_ORDER;
    case TOPIARY_FIELD_PARENT: return TOPIARY_COLUMN_USE_PARENT;
    case TOPIARY_FIELD_DATE: return TOPIARY_COLUMN_USE_DATE;
    default: return use_of_field (field);
    }
}

static GPtrArray *
csv_columns (const char *text)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_import_column_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GArray) fields = NULL;

  if (!_topiary_import_csv_columns (text, strlen (text), &header, &fields))
    return columns;
  for (guint i = 0; i < header->len; i++)
    {
      char *key = g_utf8_casefold (g_ptr_array_index (header, i), -1);
      TopiaryImportColumn *column;

      /* A choice names a header: the first column of a name stands for all. */
      if (*key == '\0' || g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);
      column = g_new0 (TopiaryImportColumn, 1);
      column->header = g_strdup (g_ptr_array_index (header, i));
      column->guess = csv_use_of_field (g_array_index (fields, TopiaryField, i));
      g_ptr_array_add (columns, column);
    }
  return columns;
}

/* Adds the columns of the article table @table not in @seen yet. */
static void
add_table_columns (Block      *table,
                   GPtrArray  *out,
                   GHashTable *seen)
{
  gboolean has_title = FALSE;

  for (guint i = 0; i < table->header->len; i++)
    {
      g_autofree char *label = g_strdup (g_ptr_array_index (table->header, i));
      g_autofree char *key = NULL;
      g_autofree char *down = NULL;
      TopiaryImportColumn *column;
      TopiaryField field = TOPIARY_FIELD_UNKNOWN;
      EntryFieldClass klass;
      TopiaryColumnUse use;

      strip_inline (label);
      klass = classify_label (label, &field);
      if (klass == ENTRY_FIELD_KNOWN)
        use = use_of_field (field);
      else if (klass == ENTRY_FIELD_CONTENT_TYPE)
        use = TOPIARY_COLUMN_USE_CONTENT_TYPE;
      else if (klass == ENTRY_FIELD_NONE && strcmp (label, "#") == 0)
        use = TOPIARY_COLUMN_USE_IGNORE;
      else
        use = TOPIARY_COLUMN_USE_NOTE;

      /* "H1" and "SEO title": the first titles the article, a later one
       * named a title is a note. */
      down = g_utf8_strdown (label, -1);
      if (has_title && strstr (down, "title") != NULL && use == TOPIARY_COLUMN_USE_TITLE)
        use = TOPIARY_COLUMN_USE_NOTE;
      else if (use == TOPIARY_COLUMN_USE_TITLE)
        has_title = TRUE;

      key = g_utf8_casefold (label, -1);
      if (*label == '\0' || g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      column = g_new0 (TopiaryImportColumn, 1);
      column->header = g_steal_pointer (&label);
      column->guess = use;
      g_ptr_array_add (out, column);
    }
}

GPtrArray *
topiary_import_read_columns (const char           *source,
                             TopiaryImportFormat   format,
                             GError              **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *text = NULL;
  gsize block_start, block_length, body = 0;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_import_column_free);
  if (format == TOPIARY_IMPORT_AUTO)
    {
      GError *detect_error = NULL;

      format = topiary_import_detect (source, &detect_error);
      if (format == TOPIARY_IMPORT_AUTO)
        {
          g_propagate_error (error, detect_error);
          return NULL;
        }
    }
  if (format != TOPIARY_IMPORT_OUTLINE && format != TOPIARY_IMPORT_CSV)
    return g_steal_pointer (&columns);

  text = read_text (source, error);
  if (text == NULL)
    return NULL;
  if (format == TOPIARY_IMPORT_CSV)
    {
      g_clear_pointer (&columns, g_ptr_array_unref);
      return csv_columns (text);
    }
  topiary_front_matter_split (text, strlen (text), &block_start, &block_length, &body);
  blocks = read_blocks (text + body);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);

      if (b->type == BLOCK_TABLE && table_lists_articles (b, NULL))
        add_table_columns (b, columns, seen);
    }
  return g_steal_pointer (&columns);
}

void
topiary_import_options_set_column_use (TopiaryImportOptions *options,
                                       const char           *header,
                                       TopiaryColumnUse      use)
{
  static const TopiaryField fields[] = {
    [TOPIARY_COLUMN_USE_TITLE] = TOPIARY_FIELD_TITLE,
    [TOPIARY_COLUMN_USE_SLUG] = TOPIARY_FIELD_SLUG,
    [TOPIARY_COLUMN_USE_PRIMARY_QUERY] = TOPIARY_FIELD_PRIMARY_QUERY,
    [TOPIARY_COLUMN_USE_QUERIES] = TOPIARY_FIELD_QUERIES,
    [TOPIARY_COLUMN_USE_INTENT] = TOPIARY_FIELD_INTENT,
    [TOPIARY_COLUMN_USE_STATUS] = TOPIARY_FIELD_STATUS,
    [TOPIARY_COLUMN_USE_PRIORITY] = TOPIARY_FIELD_PRIORITY,
    [TOPIARY_COLUMN_USE_GROUP] = TOPIARY_FIELD_GROUP,
    [TOPIARY_COLUMN_USE_KIND] = TOPIARY_FIELD_KIND,
    [TOPIARY_COLUMN_USE_PILLAR] = TOPIARY_FIELD_PILLAR,
    [TOPIARY_COLUMN_USE_WORDS] = TOPIARY_FIELD_WORDS,
    [TOPIARY_COLUMN_USE_SUMMARY] = TOPIARY_FIELD_SUMMARY,
    /* A note: the outline reader keeps an UNKNOWN column in the summary. */
    [TOPIARY_COLUMN_USE_NOTE] = TOPIARY_FIELD_UNKNOWN,
    /* The outline reader skips an order column's cells, and it counts for
     * nothing when it decides whether a table lists articles. */
    [TOPIARY_COLUMN_USE_IGNORE] = TOPIARY_FIELD_ORDER,
  };

  g_return_if_fail (options != NULL && header != NULL);
  g_return_if_fail (use < TOPIARY_N_COLUMN_USES);

  if (use == TOPIARY_COLUMN_USE_CONTENT_TYPE || use >= TOPIARY_COLUMN_USE_PARENT)
    topiary_import_options_unset_column (options, header);
  else
    topiary_import_options_set_column (options, header, fields[use]);
}

void
topiary_import_options_unset_column (TopiaryImportOptions *options,
                                     const char           *header)
{
  g_autofree char *key = NULL;

  g_return_if_fail (options != NULL && header != NULL);

  key = g_utf8_casefold (header, -1);
  g_hash_table_remove (options->columns, key);
}
