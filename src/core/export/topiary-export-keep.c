/* topiary-export-keep.c — the marker of a folder export, and the files of
 * the user's that a new export keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A site or Hugo export leaves TOPIARY_EXPORT_MARKER in its folder: JSON
 * with the generator, the format, the time and "files", every path the
 * export wrote. When a new export replaces the folder, everything the
 * earlier one did not write (a CNAME, a hand-made page, .git, a Hugo
 * theme) is moved into the new folder. A file of the user's where the new
 * export writes one stops the export, unless forced; then the export's
 * file wins. Dot-files are never the export's: they are always kept.
 */

#define _GNU_SOURCE

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-export-private.h"
#include "topiary-portal-private.h"

/* A marker that lists 1,000,000 files is not quite 64 MB. */
#define MAX_MARKER_SIZE (64 * 1024 * 1024)

/* ---- writing the marker ---- */

/* Every file below @dir_fd (named @rel from the export's folder), by
 * its path from there. Directory entries say what they are on most file
 * systems: asking the kernel again (a stat per file) was most of the
 * time this took for a site of 10,000 pages. Links are listed, never
 * followed. */
static void
list_files (int         dir_fd,
            const char *rel,
            GPtrArray  *files)
{
  DIR *dir = fdopendir (dir_fd);
  struct dirent *entry;

  if (dir == NULL)
    {
      close (dir_fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      gboolean is_dir = entry->d_type == DT_DIR;
      g_autofree char *child_rel = NULL;

      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      if (!rel[0] && strcmp (name, TOPIARY_EXPORT_MARKER) == 0)
        continue;
      if (entry->d_type == DT_UNKNOWN)
        {
          struct stat st;

          if (fstatat (dirfd (dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
          is_dir = S_ISDIR (st.st_mode);
        }
      child_rel = rel[0] ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      if (is_dir)
        {
          int fd = openat (dirfd (dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (fd >= 0)
            list_files (fd, child_rel, files);
        }
      else
        g_ptr_array_add (files, g_steal_pointer (&child_rel));
    }
  closedir (dir);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
topiary_export_write_marker (const char           *dir,
                             TopiaryExportFormat   format,
                             GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *path = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize len;

  int dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Everything in the folder now is what this export wrote. */
  if (dir_fd >= 0)
    list_files (dir_fd, "", files);
  g_ptr_array_sort (files, compare_strings);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "generator");
  json_builder_add_string_value (b, "Topiary " PACKAGE_VERSION);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, topiary_export_format_to_string (format));
  json_builder_set_member_name (b, "exported");
  json_builder_add_string_value (b, when);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < files->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (files, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &len);
  return topiary_export_write_path (path, text, len, error);
}

/* ---- reading it back ---- */

/* TRUE when every component of @rel is a name an export writes. */
static gboolean
safe_relpath (const char *rel)
{
  g_auto(GStrv) parts = g_strsplit (rel, "/", -1);

  if (parts[0] == NULL)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (!topiary_export_safe_component (parts[i]))
      return FALSE;
  return TRUE;
}

TopiaryExportMarker
topiary_export_read_marker (const char  *dir,
                            GHashTable **files)
{
  g_autofree char *path = g_build_filename (dir, TOPIARY_EXPORT_MARKER, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonNode *root;
  JsonArray *list;
  struct stat st;
  gssize n;
  int fd;

  *files = NULL;
  fd = _topiary_portal_open_nofollow (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return TOPIARY_EXPORT_MARKER_NONE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_MARKER_SIZE)
    {
      close (fd);
      return TOPIARY_EXPORT_MARKER_NONE;
    }
  text = g_malloc ((gsize) st.st_size + 1);
  n = read (fd, text, (gsize) st.st_size);
  close (fd);
  if (n != (gssize) st.st_size)
    return TOPIARY_EXPORT_MARKER_UNLISTED;
  text[n] = '\0';

  if (!json_parser_load_from_data (parser, text, n, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "files") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "files")))
    return TOPIARY_EXPORT_MARKER_UNLISTED;

  list = json_object_get_array_member (json_node_get_object (root), "files");
  *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *rel;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      rel = json_node_get_string (node);
      /* A listed dot-file or odd path is not believed: it stays the user's. */
      if (safe_relpath (rel))
        g_hash_table_add (*files, g_strdup (rel));
    }
  return TOPIARY_EXPORT_MARKER_LISTED;
}

/* ---- keeping the user's files ---- */

typedef struct {
  GHashTable *written;      /* what the earlier export wrote, or NULL */
  GHashTable *written_dirs; /* the folders above those files */
  const char *old_root;
  const char *new_root;
  gboolean    carry;        /* move the files; else only look for conflicts */
  char       *conflict;     /* the first file of the user's in the way */
  int         failed_errno; /* a move that failed */
} Keep;

/* Creates the folders of @rel under @root, as real folders. */
static gboolean
make_parents (const char *root,
              const char *rel)
{
  g_auto(GStrv) parts = g_strsplit (rel, "/", -1);
  g_autoptr(GString) path = g_string_new (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      GStatBuf st;

      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, parts[i]);
      if (g_mkdir (path->str, 0755) != 0 &&
          (errno != EEXIST || g_lstat (path->str, &st) != 0 || !S_ISDIR (st.st_mode)))
        return FALSE;
    }
  return TRUE;
}

static void
keep_walk (Keep       *k,
           const char *rel)
{
  g_autofree char *path = rel[0] ? g_build_filename (k->old_root, rel, NULL) : g_strdup (k->old_root);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  /* Read first: entries are moved away below. */
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));

  for (guint i = 0; i < names->len && k->conflict == NULL && k->failed_errno == 0; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child_rel = rel[0] ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *old_child = g_build_filename (k->old_root, child_rel, NULL);
      g_autofree char *new_child = g_build_filename (k->new_root, child_rel, NULL);
      gboolean dot = name[0] == '.';
      GStatBuf st, new_st;
      gboolean is_dir;

      if (!rel[0] && strcmp (name, TOPIARY_EXPORT_MARKER) == 0)
        continue;
      if (g_lstat (old_child, &st) != 0)
        continue;
      is_dir = S_ISDIR (st.st_mode);

      if (!dot)
        {
          /* Nothing is known to be the user's but dot-files: look for
           * them further down. */
          if (k->written == NULL)
            {
              if (is_dir)
                keep_walk (k, child_rel);
              continue;
            }
          if (is_dir && g_hash_table_contains (k->written_dirs, child_rel))
            {
              keep_walk (k, child_rel);
              continue;
            }
          if (!is_dir && g_hash_table_contains (k->written, child_rel))
            continue;
        }

      /* The user's. */
      if (g_lstat (new_child, &new_st) == 0)
        {
          if (is_dir && S_ISDIR (new_st.st_mode))
            keep_walk (k, child_rel);
          else if (!k->carry)
            k->conflict = g_steal_pointer (&child_rel);
          /* Forced: the export's file wins, the user's goes with the old folder. */
          continue;
        }
      if (!k->carry)
        continue;
      if (!make_parents (k->new_root, child_rel) || g_rename (old_child, new_child) != 0)
        k->failed_errno = errno != 0 ? errno : EIO;
    }
}

static void
keep_init (Keep       *k,
           GHashTable *written,
           const char *old_root,
           const char *new_root)
{
  GHashTableIter iter;
  gpointer key;

  memset (k, 0, sizeof *k);
  k->written = written;
  k->old_root = old_root;
  k->new_root = new_root;
  k->written_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (written == NULL)
    return;
  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *rel = key;

      for (const char *slash = strchr (rel, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
        g_hash_table_add (k->written_dirs, g_strndup (rel, slash - rel));
    }
}

static void
keep_clear (Keep *k)
{
  g_hash_table_unref (k->written_dirs);
  g_free (k->conflict);
}

char *
topiary_export_find_conflict (const char *old_root,
                              const char *new_root,
                              GHashTable *written)
{
  Keep k;
  char *conflict;

  keep_init (&k, written, old_root, new_root);
  keep_walk (&k, "");
  conflict = g_steal_pointer (&k.conflict);
  keep_clear (&k);
  return conflict;
}

gboolean
topiary_export_carry_over (const char *old_root,
                           const char *new_root,
                           GHashTable *written)
{
  Keep k;
  gboolean ok;

  keep_init (&k, written, old_root, new_root);
  k.carry = TRUE;
  keep_walk (&k, "");
  ok = k.failed_errno == 0;
  keep_clear (&k);
  return ok;
}
