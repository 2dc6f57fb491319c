/* topiary-import.c — format detection, the import transaction, shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "topiary-cleanup.h"
#include "topiary-import-private.h"
#include "topiary-cannibal.h"
#include "topiary-import.h"
#include "topiary-import-plan.h"
#include "topiary-model-private.h"
#include "topiary-portal-private.h"
#include "topiary-limits.h"
#include "topiary-utf8.h"
#include "topiary-slug.h"

G_DEFINE_QUARK (topiary-import-error-quark, topiary_import_error)

/* Text sources above this size are not topical maps: a plan of 10,000
 * articles is about 2 MB. The limit also stops an endless pipe. */
#define MAX_TEXT_SOURCE (64 * 1024 * 1024)
/* The start of a source that decides its format. */
#define SNIFF_SIZE 65536

static const struct {
  TopiaryImportFormat format;
  const char *name;
} format_names[] = {
  { TOPIARY_IMPORT_AUTO, "auto" },
  { TOPIARY_IMPORT_MAPTEXT, "map" },
  { TOPIARY_IMPORT_MAPTEXT, "maptext" },
  { TOPIARY_IMPORT_MAPTEXT, "text" },
  { TOPIARY_IMPORT_OUTLINE, "outline" },
  { TOPIARY_IMPORT_OUTLINE, "markdown" },
  { TOPIARY_IMPORT_HUGO, "hugo" },
  { TOPIARY_IMPORT_HUGO, "jekyll" },
  { TOPIARY_IMPORT_CSV, "csv" },
};

const char *
topiary_import_format_to_string (TopiaryImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "auto";
}

gboolean
topiary_import_format_from_string (const char          *str,
                                   TopiaryImportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (str, format_names[i].name) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

TopiaryImportReport *
topiary_import_report_new (void)
{
  TopiaryImportReport *report = g_new0 (TopiaryImportReport, 1);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
topiary_import_report_free (TopiaryImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->replaced, g_ptr_array_unref);
  g_free (report);
}

void
topiary_import_report_warn (TopiaryImportReport *report,
                            const char          *format,
                            ...)
{
  va_list args;

  if (report == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (report->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
set_too_large (const char  *name,
               GError     **error)
{
  g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
               _("“%s” is larger than 64 MB, too large to be a topical map."), name);
}

/* Reads the source at @path whole, once: a pipe cannot be read again, so the
 * format is detected on these bytes and the same bytes are parsed. At most
 * MAX_TEXT_SOURCE bytes are read; a larger file or an endless pipe is
 * refused there. The result is NUL-terminated. */
static char *
read_source (const char  *path,
             gsize       *length,
             GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *data = NULL;
  gsize size = 0, capacity;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      if (saved == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist."), name);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Could not read “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                   _("“%s” is a folder; only a Hugo or Jekyll import reads a folder."), name);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > MAX_TEXT_SOURCE)
    {
      close (fd);
      set_too_large (name, error);
      return NULL;
    }

  /* A regular file tells its size; a pipe or device is read until its end
   * or the limit. One byte more than the limit tells that it goes on. */
  capacity = S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : 65536;
  data = g_malloc (capacity + 1);
  for (;;)
    {
      gssize n;

      if (size == capacity)
        {
          if (capacity > MAX_TEXT_SOURCE)
            {
              close (fd);
              set_too_large (name, error);
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize) MAX_TEXT_SOURCE + 1);
          data = g_realloc (data, capacity + 1);
        }
      n = read (fd, data + size, capacity - size);
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
        break;
      size += (gsize) n;
    }
  close (fd);
  if (size > MAX_TEXT_SOURCE)
    {
      set_too_large (name, error);
      return NULL;
    }
  data[size] = '\0';
  *length = size;
  return g_steal_pointer (&data);
}

/* @bytes as valid UTF-8 without a BOM. Invalid bytes are replaced (and
 * reported) rather than refused: a page with one bad byte should still
 * import. */
static char *
text_from_bytes (const char           *name,
                 char                 *bytes,
                 gsize                 len,
                 gsize                *length,
                 TopiaryImportReport  *report,
                 GError              **error)
{
  g_autofree char *contents = bytes;
  char *text;

  if (memchr (contents, '\0', len) != NULL)
    {
      /* NUL bytes mean a binary file; text with a stray NUL is also cut there
       * by every C string API, so refuse instead of losing the rest. */
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                   _("“%s” is not a text file."), name);
      return NULL;
    }

  if (!topiary_utf8_validate (contents, len, NULL))
    {
      text = g_utf8_make_valid (contents, len);
      topiary_import_report_warn (report,
                                  _("“%s” is not valid UTF-8; the invalid bytes were replaced with “�”."),
                                  name);
    }
  else
    text = g_steal_pointer (&contents);

  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    memmove (text, text + 3, strlen (text + 3) + 1);
  *length = strlen (text);
  return text;
}

/* The format of a text source, from its first bytes and its name. */
static TopiaryImportFormat
detect_bytes (const char  *name,
              const char  *bytes,
              gsize        len,
              GError     **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *head = NULL;
  gsize n = MIN (len, SNIFF_SIZE);
  int maptext, outline, csv;

  if (n > 0 && memchr (bytes, '\0', n) != NULL)
    {
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("“%s” is not a text file, so it cannot be imported."), name);
      return TOPIARY_IMPORT_AUTO;
    }
  /* The first 64 KiB decide; enough for any header or title block. */
  if (g_utf8_validate (bytes, n, NULL))
    head = g_strndup (bytes, n);
  else
    {
      head = g_utf8_make_valid (bytes, n);
      n = strlen (head);
    }

  maptext = _topiary_import_maptext_sniff (head, n);
  outline = _topiary_import_outline_sniff (head, n);
  csv = _topiary_import_csv_sniff (head, n);

  /* The file name breaks ties: people name their files for what they are. */
  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    csv += 30;
  else if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    outline += 20;
  else if (g_str_has_suffix (lower, ".txt"))
    maptext += 10;

  if (maptext >= 50 && maptext >= outline && maptext >= csv)
    return TOPIARY_IMPORT_MAPTEXT;
  if (csv >= 50 && csv >= outline)
    return TOPIARY_IMPORT_CSV;
  if (outline >= 40)
    return TOPIARY_IMPORT_OUTLINE;
  if (maptext >= 30)
    return TOPIARY_IMPORT_MAPTEXT;

  g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_UNKNOWN_FORMAT,
               _("Could not tell what kind of map “%s” is; choose a format (map, outline, hugo or csv)."),
               name);
  return TOPIARY_IMPORT_AUTO;
}

TopiaryImportFormat
topiary_import_detect (const char  *path,
                       GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, TOPIARY_IMPORT_AUTO);

  name = g_path_get_basename (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TOPIARY_IMPORT_HUGO;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist."), name);
      return TOPIARY_IMPORT_AUTO;
    }
  bytes = read_source (path, &len, error);
  if (bytes == NULL)
    return TOPIARY_IMPORT_AUTO;
  return detect_bytes (name, bytes, len, error);
}

static void remove_project_files (const char *path);

/* Reads @source once and settles its format: a folder is a Hugo or Jekyll
 * import (@text stays NULL), anything else is read whole as text. */
static gboolean
read_import_source (const char           *source,
                    TopiaryImportFormat  *format,
                    char                **text,
                    gsize                *length,
                    TopiaryImportReport  *report,
                    GError              **error)
{
  g_autofree char *name = g_path_get_basename (source);

  if (*format == TOPIARY_IMPORT_AUTO && g_file_test (source, G_FILE_TEST_IS_DIR))
    *format = TOPIARY_IMPORT_HUGO;
  if (*format == TOPIARY_IMPORT_HUGO)
    {
      if (!g_file_test (source, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID,
                       _("“%s” is not a folder; a Hugo or Jekyll import needs the content folder."), name);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      /* Read once, then detect on those bytes: a pipe has no second read. */
      char *bytes = read_source (source, length, error);

      if (bytes == NULL)
        return FALSE;
      if (*format == TOPIARY_IMPORT_AUTO)
        {
          *format = detect_bytes (name, bytes, *length, error);
          if (*format == TOPIARY_IMPORT_AUTO)
            {
              g_free (bytes);
              return FALSE;
            }
        }
      *text = text_from_bytes (name, bytes, *length, length, report, error);
      return *text != NULL;
    }
}

/* The map as imported holds articles that compete for one query
 * (topiary-cannibal.h): a warning each, the first few. A map that cannot
 * be read now was written all the same; `check` will say more. */
#define MAX_CANNIBAL_WARNINGS 20

static void
warn_cannibals (TopiaryProject      *project,
                TopiaryImportReport *report)
{
  g_autoptr(TopiaryMap) map = topiary_map_new (project, NULL);
  g_autofree char *language = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (map == NULL)
    return;
  language = topiary_project_get_map_field (project, "language");
  found = topiary_cannibal_find (map, language, NULL);
  for (guint i = 0; i < found->len && i < MAX_CANNIBAL_WARNINGS; i++)
    topiary_import_report_warn (report, "%s", ((TopiaryCannibalFinding *) g_ptr_array_index (found, i))->message);
  if (found->len > MAX_CANNIBAL_WARNINGS)
    topiary_import_report_warn (report, _("%u more pairs of articles compete for a query; “topiary check” lists them."),
                                found->len - MAX_CANNIBAL_WARNINGS);
}

/* Runs the importer of @format inside a transaction and commits it. */
static gboolean
run_import (TopiaryProject             *project,
            const char                 *source,
            TopiaryImportFormat         format,
            const TopiaryImportOptions *options,
            const char                 *text,
            gsize                       length,
            TopiaryImportReport        *report,
            TopiaryProgressFunc         progress,
            gpointer                    progress_data,
            GError                    **error);

gboolean
topiary_import_full (TopiaryProject             *project,
                     const char                 *source,
                     TopiaryImportFormat         format,
                     const TopiaryImportOptions *options,
                     TopiaryImportReport        *report,
                     TopiaryProgressFunc         progress,
                     gpointer                    progress_data,
                     GError                    **error)
{
  g_autoptr(TopiaryImportReport) own_report = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (report == NULL)
    report = own_report = topiary_import_report_new ();
  if (!read_import_source (source, &format, &text, &length, report, error))
    return FALSE;
  return run_import (project, source, format, options, text, length, report, progress, progress_data, error);
}

gboolean
topiary_import (TopiaryProject      *project,
                const char          *source,
                TopiaryImportFormat  format,
                TopiaryImportReport *report,
                TopiaryProgressFunc  progress,
                gpointer             progress_data,
                GError             **error)
{
  return topiary_import_full (project, source, format, NULL, report, progress, progress_data, error);
}

TopiaryImportPlan *
topiary_import_read_plan (const char                 *source,
                          TopiaryImportFormat         format,
                          const TopiaryImportOptions *options,
                          TopiaryImportReport        *report,
                          GError                    **error)
{
  g_autoptr(TopiaryImportReport) own_report = NULL;
  g_autoptr(TopiaryImportPlan) plan = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, NULL);

  if (report == NULL)
    report = own_report = topiary_import_report_new ();
  name = g_path_get_basename (source);
  if (!read_import_source (source, &format, &text, &length, report, error))
    return NULL;

  if (format == TOPIARY_IMPORT_OUTLINE)
    {
      plan = topiary_import_plan_new ();
      if (!_topiary_import_outline_plan (plan, text, length, options, report, error))
        return NULL;
    }
  else if (format == TOPIARY_IMPORT_CSV)
    {
      plan = topiary_import_plan_new ();
      if (!_topiary_import_csv_plan_full (plan, text, length, options != NULL ? options->columns : NULL,
                                          report, error))
        return NULL;
    }
  else if (format == TOPIARY_IMPORT_MAPTEXT)
    {
      plan = topiary_import_plan_new ();
      if (!_topiary_import_maptext_plan (plan, text, length, report, error))
        return NULL;
    }
  else
    {
      g_assert (format == TOPIARY_IMPORT_HUGO);
      plan = topiary_import_plan_new ();
      if (!_topiary_import_hugo_plan (plan, source, report, error))
        return NULL;
    }
  plan->format = format;
  if (plan->articles->len == 0 && plan->groups->len == 0 && plan->notes->len == 0)
    {
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                   _("“%s” holds nothing to import."), name);
      return NULL;
    }
  return g_steal_pointer (&plan);
}

static gboolean
run_import (TopiaryProject             *project,
            const char                 *source,
            TopiaryImportFormat         format,
            const TopiaryImportOptions *options,
            const char                 *text,
            gsize                       length,
            TopiaryImportReport        *report,
            TopiaryProgressFunc         progress,
            gpointer                    progress_data,
            GError                    **error)
{
  g_autofree char *name = g_path_get_basename (source);
  gboolean ok;

  if (!topiary_project_begin (project, error))
    return FALSE;

  switch (format)
    {
    case TOPIARY_IMPORT_MAPTEXT:
      ok = _topiary_import_maptext (project, text, length, report, error);
      break;
    case TOPIARY_IMPORT_OUTLINE:
      {
        g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();

        ok = _topiary_import_outline_plan (plan, text, length, options, report, error) &&
             _topiary_import_plan_apply (plan, project, report, error);
      }
      break;
    case TOPIARY_IMPORT_CSV:
      {
        g_autoptr(TopiaryImportPlan) plan = topiary_import_plan_new ();

        ok = _topiary_import_csv_plan_full (plan, text, length, options != NULL ? options->columns : NULL,
                                            report, error) &&
             _topiary_import_plan_apply (plan, project, report, error);
      }
      break;
    case TOPIARY_IMPORT_HUGO:
      ok = _topiary_import_hugo (project, source, report, progress, progress_data, error);
      break;
    case TOPIARY_IMPORT_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (ok && report->articles == 0 && report->updated == 0 && report->groups == 0 && report->notes == 0)
    {
      g_set_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY,
                   _("“%s” holds nothing to import."), name);
      ok = FALSE;
    }

  if (!ok)
    {
      topiary_project_rollback (project);
      return FALSE;
    }
  if (!topiary_project_commit (project, error))
    return FALSE;
  warn_cannibals (project, report);
  return TRUE;
}

static void
remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* The temporary project of topiary_import_new_project() is "NAME.import-"
 * and six letters or digits (g_mkstemp), beside NAME; SQLite may add a
 * suffix. Returns the length of the temporary's own name, or 0. */
static gsize
temp_name_length (const char *entry,
                  const char *target)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  gsize stem = strlen (target) + strlen (".import-");

  if (!g_str_has_prefix (entry, target) || !g_str_has_prefix (entry + strlen (target), ".import-") ||
      strlen (entry) < stem + 6)
    return 0;
  for (gsize i = stem; i < stem + 6; i++)
    if (!g_ascii_isalnum (entry[i]))
      return 0;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (strcmp (entry + stem + 6, suffixes[i]) == 0)
      return stem + 6;
  return 0;
}

/* A regular file of this user, never a link followed elsewhere. */
static gboolean
is_own_file (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ();
}

void
topiary_import_remove_stale (const char *project_path)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_return_if_fail (project_path != NULL);

  dir_path = g_path_get_dirname (project_path);
  target = g_path_get_basename (project_path);
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (temp_name_length (entry, target) > 0)
      g_ptr_array_add (found, g_strdup (entry));

  for (guint i = 0; i < found->len; i++)
    {
      const char *name = g_ptr_array_index (found, i);
      gsize len = temp_name_length (name, target);
      g_autofree char *own = g_strndup (name, len);
      g_autofree char *path = g_build_filename (dir_path, own, NULL);
      int fd;

      if (name[len] != '\0')
        {
          /* -wal, -shm, -journal: nobody can use them without their file. */
          g_autofree char *extra = g_build_filename (dir_path, name, NULL);
          if (!g_file_test (path, G_FILE_TEST_EXISTS) && is_own_file (extra))
            g_unlink (extra);
          continue;
        }
      if (!is_own_file (path))
        continue;
      /* The import building it holds a lock for as long as it runs. */
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        remove_project_files (path);
      close (fd);
    }
}

/* The file @fd has open is still the one at @path. */
static gboolean
still_there (int         fd,
             const char *path)
{
  struct stat a, b;

  return fstat (fd, &a) == 0 && g_lstat (path, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* A new project at a document portal path (the save dialog's): nothing
 * can be locked or linked beside the document, so the project is built in
 * its working copy, which the portal code writes back to the document
 * (topiary-portal.c). On failure the document is removed again. */
static TopiaryProject *
import_new_portal_project (const char          *project_path,
                           const char          *source,
                           TopiaryImportFormat  format,
                           const TopiaryImportOptions *options,
                           TopiaryImportReport *report,
                           TopiaryProgressFunc  progress,
                           gpointer             progress_data,
                           GError             **error)
{
  g_autoptr(TopiaryProject) project = NULL;

  project = topiary_project_open (project_path, TOPIARY_OPEN_CREATE, error);
  if (project == NULL)
    return NULL;
  if (!topiary_import_full (project, source, format, options, report, progress, progress_data, error))
    {
      topiary_project_close (project);
      g_unlink (project_path);
      return NULL;
    }
  return g_steal_pointer (&project);
}

/* An error of the project being built beside @final names its temporary
 * file @tmp ("map.topiary.import-XXXXXX"): it names the project the user
 * asked for instead. */
static void
hide_temporary (GError     **error,
                const char  *tmp,
                const char  *final)
{
  g_autofree char *tmp_name = g_path_get_basename (tmp);
  g_autofree char *final_name = g_path_get_basename (final);
  GString *message;

  if (error == NULL || *error == NULL || strstr ((*error)->message, tmp_name) == NULL)
    return;
  message = g_string_new ((*error)->message);
  g_string_replace (message, tmp, final, 0);
  g_string_replace (message, tmp_name, final_name, 0);
  g_free ((*error)->message);
  (*error)->message = g_string_free (message, FALSE);
}

TopiaryProject *
topiary_import_new_project (const char          *project_path,
                            const char          *source,
                            TopiaryImportFormat  format,
                            TopiaryImportReport *report,
                            TopiaryProgressFunc  progress,
                            gpointer             progress_data,
                            GError             **error)
{
  return topiary_import_new_project_full (project_path, source, format, NULL, report,
                                          progress, progress_data, error);
}

TopiaryProject *
topiary_import_new_project_full (const char                 *project_path,
                                 const char                 *source,
                                 TopiaryImportFormat         format,
                                 const TopiaryImportOptions *options,
                                 TopiaryImportReport        *report,
                                 TopiaryProgressFunc         progress,
                                 gpointer                    progress_data,
                                 GError                    **error)
{
  g_autoptr(TopiaryProject) project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tmp = NULL;
  guint cleanup = 0;
  int fd = -1;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  name = g_path_get_basename (project_path);
  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists."), name);
      return NULL;
    }

  if (topiary_portal_is_document (project_path))
    return import_new_portal_project (project_path, source, format, options, report,
                                      progress, progress_data, error);

  /* What killed imports left here before. */
  topiary_import_remove_stale (project_path);

  /* Beside the target, so the final rename stays on one file system. The
   * lock tells a concurrent clean-up that this one is in use; a clean-up
   * that took the file between its creation and the lock has deleted it,
   * so then try another name. */
  for (guint attempt = 0; fd < 0; attempt++)
    {
      int saved;

      g_free (tmp);
      tmp = g_strconcat (project_path, ".import-XXXXXX", NULL);
      /* 0666: the umask decides, as for any file the user makes. */
      fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
      saved = errno;
      if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) == 0 && still_there (fd, tmp))
        break;
      if (fd >= 0)
        {
          close (fd);
          fd = -1;
          saved = EAGAIN;
          if (attempt < 10)
            continue;
        }
      {
        g_autofree char *dir = g_path_get_dirname (project_path);
        g_autofree char *dir_name = g_path_get_basename (dir);
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Could not create a project in “%s”: %s."), dir_name, g_strerror (saved));
        return NULL;
      }
    }
  cleanup = topiary_cleanup_register (tmp);

  project = topiary_project_open (tmp, TOPIARY_OPEN_CREATE | TOPIARY_OPEN_BULK, error);
  if (project == NULL ||
      !topiary_import_full (project, source, format, options, report, progress, progress_data, error) ||
      !topiary_project_finish_bulk (project, error))
    goto fail;
  topiary_project_close (project);
  g_clear_object (&project);

  /* link() refuses to replace a file that appeared meanwhile. */
  if (link (tmp, project_path) != 0)
    {
      int saved = errno;
      if (saved == EEXIST || g_file_test (project_path, G_FILE_TEST_EXISTS) ||
          g_rename (tmp, project_path) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not save “%s”: %s."), name, g_strerror (saved));
          goto fail;
        }
    }
  else
    g_unlink (tmp);
  /* Closed only now: closing any descriptor of a file drops the process's
   * SQLite (POSIX) locks on it, and the project is opened again below. */
  close (fd);
  topiary_cleanup_unregister (cleanup);

  return topiary_project_open (project_path, TOPIARY_OPEN_DEFAULT, error);

fail:
  hide_temporary (error, tmp, project_path);
  if (project != NULL)
    topiary_project_close (project);
  remove_project_files (tmp);
  close (fd);
  topiary_cleanup_unregister (cleanup);
  return NULL;
}

/* ---- helpers for the importers ----------------------------------------- */

/* A slug not yet used by this import: @base, else "@base-N". @slugs maps
 * each slug to the next suffix worth trying, so a thousand rows with one
 * title stay linear. The suffix is deterministic, so importing the same
 * source again overwrites the same articles instead of adding copies. */
char *
_topiary_import_claim_slug (GHashTable *slugs,
                            const char *base)
{
  g_autofree char *stem = NULL;
  guint n;
  char *slug;

  if (!g_hash_table_contains (slugs, base))
    {
      g_hash_table_insert (slugs, g_strdup (base), GUINT_TO_POINTER (2));
      return g_strdup (base);
    }
  n = GPOINTER_TO_UINT (g_hash_table_lookup (slugs, base));
  /* Leave room for the suffix within the longest slug. */
  stem = g_strndup (base, TOPIARY_SLUG_MAX - 8);
  while (*stem && stem[strlen (stem) - 1] == '-')
    stem[strlen (stem) - 1] = '\0';
  for (;; n++)
    {
      slug = g_strdup_printf ("%s-%u", stem, n);
      if (!g_hash_table_contains (slugs, slug))
        break;
      g_free (slug);
    }
  g_hash_table_insert (slugs, g_strdup (base), GUINT_TO_POINTER (n + 1));
  g_hash_table_insert (slugs, g_strdup (slug), GUINT_TO_POINTER (2));
  return slug;
}

/* ---- limits: what is too long is cut, and the report says so ---------- */

/* The start of @text, to name it in a warning without quoting megabytes. */
static char *
short_name (const char *text)
{
  g_autofree char *cut = topiary_limit_cut_chars (text, 60);

  if (cut == NULL)
    return g_strdup (text);
  return g_strconcat (cut, "…", NULL);
}

/* @text cut to @max_chars characters, or NULL when it fits. */
static char *
cut_chars (const char *text,
           gsize       max_chars)
{
  return text != NULL ? topiary_limit_cut_chars (text, max_chars) : NULL;
}

/* The article's name for a warning, made only when one is due. */
static const char *
article_name (TopiaryArticle  *article,
              char           **name)
{
  if (*name == NULL)
    *name = short_name (topiary_article_get_title (article));
  return *name;
}

void
_topiary_import_limit_article (TopiaryArticle      *article,
                               TopiaryImportReport *report)
{
  g_autofree char *title = cut_chars (topiary_article_get_title (article), TOPIARY_TITLE_MAX);
  g_autofree char *summary = cut_chars (topiary_article_get_summary (article), TOPIARY_TEXT_MAX);
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  const char * const *queries = topiary_article_get_queries (article);
  guint n_queries = g_strv_length ((char **) queries);
  gboolean long_query = FALSE;

  if (title != NULL)
    {
      name = short_name (title);
      topiary_import_report_warn (report, _("The title “%s” is longer than 1,000 characters; it was cut there."), name);
      topiary_article_set_title (article, title);
    }

  if (summary != NULL)
    {
      topiary_import_report_warn (report, _("The summary of “%s” is longer than 10,000 characters; it was cut there."), article_name (article, &name));
      topiary_article_set_summary (article, summary);
    }

  for (guint i = 0; i < n_queries && !long_query; i++)
    long_query = !topiary_limit_fits_chars (queries[i], TOPIARY_QUERY_MAX);
  if (long_query || n_queries > TOPIARY_QUERIES_MAX)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
      int primary = topiary_article_get_primary_query (article);

      for (guint i = 0; i < MIN (n_queries, TOPIARY_QUERIES_MAX); i++)
        {
          char *cut = topiary_limit_cut_chars (queries[i], TOPIARY_QUERY_MAX);
          g_ptr_array_add (kept, cut != NULL ? cut : g_strdup (queries[i]));
        }
      g_ptr_array_add (kept, NULL);
      if (long_query)
        topiary_import_report_warn (report, _("A target query of “%s” is longer than 1,000 characters; it was cut there."), article_name (article, &name));
      if (n_queries > TOPIARY_QUERIES_MAX)
        topiary_import_report_warn (report, _("“%s” has more than 1,000 target queries; the rest were left out."), article_name (article, &name));
      topiary_article_set_queries (article, (const char * const *) kept->pdata);
      topiary_article_set_primary_query (article, primary < TOPIARY_QUERIES_MAX ? primary : -1);
    }

  if (topiary_article_get_body (article) != NULL &&
      (body = topiary_limit_cut_bytes (topiary_article_get_body (article), TOPIARY_BODY_MAX)) != NULL)
    {
      topiary_import_report_warn (report, _("The text of “%s” is larger than 16 MB; it was cut there."), article_name (article, &name));
      topiary_article_set_body (article, body);
    }
}

gboolean
_topiary_import_set_map_field (TopiaryProject      *project,
                               const char          *field,
                               const char          *value,
                               TopiaryImportReport *report,
                               GError             **error)
{
  gboolean is_title = g_strcmp0 (field, "title") == 0;
  g_autofree char *cut = cut_chars (value, is_title ? TOPIARY_TITLE_MAX : TOPIARY_TEXT_MAX);

  if (cut != NULL)
    {
      if (is_title)
        topiary_import_report_warn (report, _("The title of the map is longer than 1,000 characters; it was cut there."));
      else
        topiary_import_report_warn (report, _("The map’s “%s” is longer than 10,000 characters; it was cut there."), field);
    }
  return topiary_project_set_map_field (project, field, cut != NULL ? cut : value, error);
}

TopiaryGroup *
_topiary_import_ensure_group (TopiaryProject      *project,
                              const char          *title,
                              const char          *description,
                              TopiaryImportReport *report,
                              GError             **error)
{
  g_autoptr(TopiaryGroup) group = NULL;
  g_autofree char *short_title = cut_chars (title, TOPIARY_TITLE_MAX);
  g_autofree char *short_description = cut_chars (description, TOPIARY_TEXT_MAX);
  GError *local_error = NULL;

  g_assert (TOPIARY_IS_PROJECT (project));

  /* The same title cut the same way finds the same group again. */
  if (short_title != NULL)
    {
      g_autofree char *name = short_name (title);
      topiary_import_report_warn (report, _("The group title “%s” is longer than 1,000 characters; it was cut there."), name);
      title = short_title;
    }
  if (short_description != NULL)
    {
      g_autofree char *name = short_name (title);
      topiary_import_report_warn (report, _("The description of group “%s” is longer than 10,000 characters; it was cut there."), name);
      description = short_description;
    }

  group = topiary_project_find_group (project, title, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (group != NULL)
    {
      /* Fill in a missing description, but never overwrite one. */
      if (description != NULL && *description != '\0' && *topiary_group_get_description (group) == '\0')
        {
          topiary_group_set_description (group, description);
          if (!topiary_project_update_group (project, group, error))
            return NULL;
        }
      return g_steal_pointer (&group);
    }

  group = topiary_group_new (title);
  topiary_group_set_description (group, description);
  if (!topiary_project_add_group (project, group, error))
    return NULL;
  if (report != NULL)
    report->groups++;
  return g_steal_pointer (&group);
}

gboolean
_topiary_import_put_article (TopiaryProject      *project,
                             TopiaryArticle      *article,
                             TopiaryImportReport *report,
                             GError             **error)
{
  g_autoptr(TopiaryArticle) existing = NULL;
  g_autofree char *slug = NULL;
  GError *local_error = NULL;
  const char *given;

  g_assert (TOPIARY_IS_PROJECT (project));
  g_assert (TOPIARY_IS_ARTICLE (article));

  _topiary_import_limit_article (article, report);
  given = topiary_article_get_slug (article);
  slug = topiary_slugify (*given ? given : topiary_article_get_title (article));
  /* With its body when what it was must be kept (for an undo). */
  existing = topiary_project_get_article_by_slug (project, slug, report != NULL && report->replaced != NULL,
                                                  &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (existing == NULL)
    {
      topiary_article_set_slug (article, slug);
      if (!topiary_project_add_article (project, article, error))
        return FALSE;
      if (report != NULL)
        {
          report->articles++;
          if (topiary_article_get_status (article) == TOPIARY_STATUS_IDEA)
            report->ideas++;
        }
      return TRUE;
    }

  /* Same slug: this import is a newer copy of that article. Keep what it
   * was as a revision, keep its id and place, overwrite the rest. */
  if (topiary_project_snapshot (project, topiary_article_get_id (existing), "import", error) == 0)
    return FALSE;
  if (report != NULL && report->replaced != NULL)
    g_ptr_array_add (report->replaced, g_object_ref (existing));
  _topiary_article_set_id (article, topiary_article_get_id (existing));
  topiary_article_set_slug (article, slug);
  topiary_article_set_position (article, 0);
  if (topiary_article_get_body (article) == NULL)
    {
      /* The source had no body: keep the words already written. */
      g_autoptr(TopiaryArticle) with_body = NULL;

      if (topiary_article_get_body (existing) == NULL)
        with_body = topiary_project_get_article (project, topiary_article_get_id (existing), TRUE, NULL);
      else
        with_body = g_object_ref (existing);
      if (with_body != NULL)
        topiary_article_set_body (article, topiary_article_get_body (with_body));
    }
  if (!topiary_project_update_article (project, article, error))
    return FALSE;
  if (report != NULL)
    report->updated++;
  return TRUE;
}

gboolean
_topiary_import_add_note (TopiaryProject      *project,
                          const char          *kind,
                          const char          *title,
                          const char          *body,
                          TopiaryImportReport *report,
                          GError             **error)
{
  g_autoptr(TopiaryNote) note = NULL;
  g_autofree char *short_title = cut_chars (title, TOPIARY_TITLE_MAX);
  g_autofree char *short_body = body != NULL ? topiary_limit_cut_bytes (body, TOPIARY_BODY_MAX) : NULL;
  GError *local_error = NULL;

  g_assert (TOPIARY_IS_PROJECT (project));

  if (short_title != NULL)
    {
      g_autofree char *name = short_name (title);
      topiary_import_report_warn (report, _("The note title “%s” is longer than 1,000 characters; it was cut there."), name);
      title = short_title;
    }
  if (short_body != NULL)
    {
      g_autofree char *name = short_name (title);
      topiary_import_report_warn (report, _("The text of note “%s” is larger than 16 MB; it was cut there."), name);
      body = short_body;
    }

  /* Importing the same page twice must not double its notes. */
  if (topiary_project_has_note (project, kind, title, body, &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  note = topiary_note_new (kind ? kind : "other", title, body);
  if (!topiary_project_add_note (project, note, error))
    return FALSE;
  if (report != NULL)
    report->notes++;
  return TRUE;
}
