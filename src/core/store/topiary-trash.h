/* topiary-trash.h — deleted articles, restorable until the trash is emptied
 *
 * Deleting an article snapshots it first (topiary_project_delete_article());
 * the trash lists those snapshots whose article has not come back. Restore
 * one with topiary_map_edit_restore() (undoable) or
 * topiary_project_restore_revision().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-project.h"

G_BEGIN_DECLS

typedef struct {
  gint64  revision_id;  /* the snapshot to restore */
  gint64  article_id;   /* the id it had */
  gint64  deleted;      /* when, in seconds since 1970 */
  char   *title;
  char   *slug;
  guint   words;
} TopiaryTrashItem;

void       topiary_trash_item_free     (TopiaryTrashItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryTrashItem, topiary_trash_item_free)

/* The deleted articles, newest first (one item each, its latest delete).
 * Element type TopiaryTrashItem; NULL with @error set on failure. */
GPtrArray *topiary_project_list_trash  (TopiaryProject  *self,
                                        GError         **error);
/* Forgets the deleted articles for good: their snapshots, and the files
 * only they held, in one transaction. @n_removed (optional) receives how
 * many articles went. */
gboolean   topiary_project_empty_trash (TopiaryProject  *self,
                                        guint           *n_removed,
                                        GError         **error);

G_END_DECLS
