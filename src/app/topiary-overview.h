/* topiary-overview.h — the map at a glance: progress, counts and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-map-tree.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_OVERVIEW (topiary_overview_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryOverview, topiary_overview, TOPIARY, OVERVIEW, GtkWidget)

/* @tree, if not NULL, has just been refreshed for @project: the first
 * figures are counted from it instead of querying the project again. */
void topiary_overview_set_project (TopiaryOverview *self,
                                   TopiaryProject  *project,
                                   TopiaryMapTree  *tree);

/* Shows the whole map (@group_id 0) or one group, counted from @tree. */
void topiary_overview_show          (TopiaryOverview *self,
                                     TopiaryMapTree  *tree,
                                     gint64           group_id);
/* The project changed: refresh soon, or when next shown. */
void topiary_overview_queue_refresh (TopiaryOverview *self);

G_END_DECLS
