/* topiary-map-state.c — how each map was left, in one key file
 *
 * $XDG_STATE_HOME/topiary/maps.ini holds a group per map, named by the
 * map's real path (so a link or a relative name finds the same state),
 * and a [session] group naming the last map. At most MAX_MAPS maps are
 * kept, the least recently left going first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include <gio/gio.h>

#include "topiary-map-state.h"

#define MAX_MAPS 50
#define SESSION "session"

TopiaryMapState *
topiary_map_state_new (void)
{
  TopiaryMapState *state = g_new0 (TopiaryMapState, 1);

  state->expanded = g_array_new (FALSE, FALSE, sizeof (gint64));
  return state;
}

void
topiary_map_state_free (TopiaryMapState *state)
{
  if (state == NULL)
    return;
  g_free (state->title);
  g_free (state->layout);
  g_array_unref (state->expanded);
  g_free (state);
}

static char *
state_file (void)
{
  return g_build_filename (g_get_user_state_dir (), "topiary", "maps.ini", NULL);
}

static char *
key_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *real = realpath (path, NULL);
  char *key;

  /* A map that is gone keeps the name it had. */
  key = real != NULL ? g_strdup (real) : g_file_get_path (file);
  free (real);
  return key;
}

static GKeyFile *
load_key_file (void)
{
  g_autofree char *name = state_file ();
  GKeyFile *keys = g_key_file_new ();

  /* Missing or damaged: no state, which only costs the user a click. */
  g_key_file_load_from_file (keys, name, G_KEY_FILE_NONE, NULL);
  return keys;
}

TopiaryMapState *
topiary_map_state_load (const char *path)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) expanded = NULL;
  TopiaryMapState *state;

  g_return_val_if_fail (path != NULL, NULL);

  keys = load_key_file ();
  key = key_of (path);
  if (!g_key_file_has_group (keys, key))
    return NULL;
  state = topiary_map_state_new ();
  state->title = g_key_file_get_string (keys, key, "title", NULL);
  state->article_id = g_key_file_get_int64 (keys, key, "article", NULL);
  state->cursor = MAX (0, g_key_file_get_integer (keys, key, "cursor", NULL));
  state->layout = g_key_file_get_string (keys, key, "layout", NULL);
  expanded = g_key_file_get_string_list (keys, key, "expanded", NULL, NULL);
  for (guint i = 0; expanded != NULL && expanded[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (expanded[i], NULL, 10);

      if (id > 0)
        g_array_append_val (state->expanded, id);
    }
  return state;
}

/* Puts @key first in the session's order of maps; the oldest go past
 * MAX_MAPS, with their state. */
static void
touch_order (GKeyFile   *keys,
             const char *key)
{
  g_auto(GStrv) order = NULL;
  g_auto(GStrv) new_order = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  order = g_key_file_get_string_list (keys, SESSION, "order", NULL, NULL);
  g_strv_builder_add (builder, key);
  for (guint i = 0, n = 1; order != NULL && order[i] != NULL; i++)
    {
      if (g_str_equal (order[i], key))
        continue;
      if (n++ < MAX_MAPS)
        g_strv_builder_add (builder, order[i]);
      else
        g_key_file_remove_group (keys, order[i], NULL);
    }
  new_order = g_strv_builder_end (builder);
  g_key_file_set_string_list (keys, SESSION, "order", (const char * const *) new_order, g_strv_length (new_order));
}

static gboolean
write_key_file (GKeyFile  *keys,
                GError   **error)
{
  g_autofree char *name = state_file ();
  g_autofree char *dir = g_path_get_dirname (name);
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  data = g_key_file_to_data (keys, &length, NULL);
  /* Atomic: a crash leaves the old file or the new one. */
  return g_file_set_contents (name, data, length, error);
}

gboolean
topiary_map_state_save (const char             *path,
                        const TopiaryMapState  *state,
                        GError                **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expanded = NULL;
  static const char *own[] = { "title", "article", "cursor", "layout", "expanded" };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  keys = load_key_file ();
  key = key_of (path);
  /* Only its own keys: the map's last export stays. */
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    g_key_file_remove_key (keys, key, own[i], NULL);
  if (state->title != NULL)
    g_key_file_set_string (keys, key, "title", state->title);
  g_key_file_set_int64 (keys, key, "article", state->article_id);
  g_key_file_set_integer (keys, key, "cursor", state->cursor);
  if (state->layout != NULL)
    g_key_file_set_string (keys, key, "layout", state->layout);
  for (guint i = 0; i < state->expanded->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (state->expanded, gint64, i));
      g_strv_builder_add (builder, id);
    }
  expanded = g_strv_builder_end (builder);
  g_key_file_set_string_list (keys, key, "expanded", (const char * const *) expanded, g_strv_length (expanded));

  touch_order (keys, key);
  g_key_file_set_string (keys, SESSION, "last", key);
  return write_key_file (keys, error);
}

void
topiary_export_memory_free (TopiaryExportMemory *memory)
{
  if (memory == NULL)
    return;
  g_free (memory->format);
  g_free (memory->destination);
  g_free (memory->base_url);
  g_free (memory);
}

TopiaryExportMemory *
topiary_map_state_load_export (const char *path)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *key = NULL;
  g_autoptr(TopiaryExportMemory) memory = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  keys = load_key_file ();
  key = key_of (path);
  memory = g_new0 (TopiaryExportMemory, 1);
  memory->format = g_key_file_get_string (keys, key, "export-format", NULL);
  memory->destination = g_key_file_get_string (keys, key, "export-destination", NULL);
  /* Half a record (edited by hand) is no record. */
  if (memory->format == NULL || memory->destination == NULL ||
      !g_path_is_absolute (memory->destination))
    return NULL;
  memory->drafts = g_key_file_get_boolean (keys, key, "export-drafts", NULL);
  memory->force = g_key_file_get_boolean (keys, key, "export-force", NULL);
  memory->base_url = g_key_file_get_string (keys, key, "export-base-url", NULL);
  return g_steal_pointer (&memory);
}

gboolean
topiary_map_state_save_export (const char                 *path,
                               const TopiaryExportMemory  *memory,
                               GError                    **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (memory != NULL && memory->format != NULL && memory->destination != NULL, FALSE);

  keys = load_key_file ();
  key = key_of (path);
  g_key_file_set_string (keys, key, "export-format", memory->format);
  g_key_file_set_string (keys, key, "export-destination", memory->destination);
  g_key_file_set_boolean (keys, key, "export-drafts", memory->drafts);
  g_key_file_set_boolean (keys, key, "export-force", memory->force);
  g_key_file_set_string (keys, key, "export-base-url", memory->base_url ? memory->base_url : "");
  touch_order (keys, key);
  return write_key_file (keys, error);
}

char *
topiary_map_state_dup_last (void)
{
  g_autoptr(GKeyFile) keys = load_key_file ();

  return g_key_file_get_string (keys, SESSION, "last", NULL);
}
