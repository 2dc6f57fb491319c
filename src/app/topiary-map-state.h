/* topiary-map-state.h — how each map was left: reopened as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *title;        /* the map's title when last seen, for the recent list */
  gint64  article_id;   /* the open article, 0 for none */
  int     cursor;       /* the cursor's character offset in it */
  char   *layout;       /* "editor", "both", "preview" */
  GArray *expanded;     /* gint64: the ids of the groups left open */
} TopiaryMapState;

TopiaryMapState *topiary_map_state_new     (void);
void             topiary_map_state_free    (TopiaryMapState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryMapState, topiary_map_state_free)

/* The state kept for the map at @path, or NULL when none is. */
TopiaryMapState *topiary_map_state_load    (const char      *path);
/* Keeps @state for the map at @path and makes it the last map. Written
 * whole or not at all, under the user's state folder, never beside the
 * map: the map file is the user's and is not touched. */
gboolean         topiary_map_state_save    (const char      *path,
                                            const TopiaryMapState *state,
                                            GError         **error);
/* How the map was last exported: kept with its state, so the next export
 * starts from it and "Export Again" repeats it. */
typedef struct {
  char     *format;       /* topiary_export_format_to_string() */
  char     *destination;  /* the folder or file it went to */
  gboolean  drafts;
  gboolean  force;
  char     *base_url;     /* NULL or "" for none */
} TopiaryExportMemory;

void                 topiary_export_memory_free (TopiaryExportMemory *memory);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryExportMemory, topiary_export_memory_free)

/* The last export of the map at @path, or NULL when it was never exported. */
TopiaryExportMemory *topiary_map_state_load_export (const char *path);
/* Keeps @memory as the last export of the map at @path; the rest of the
 * map's state is left as it is. */
gboolean             topiary_map_state_save_export (const char                *path,
                                                    const TopiaryExportMemory *memory,
                                                    GError                   **error);

/* The map last open, or NULL. */
char            *topiary_map_state_dup_last (void);

G_END_DECLS
