/* topiary-group.h — a content group and a map note, as value objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_GROUP (topiary_group_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryGroup, topiary_group, TOPIARY, GROUP, GObject)

TopiaryGroup *topiary_group_new             (const char *title);
gint64        topiary_group_get_id          (TopiaryGroup *self);
gint64        topiary_group_get_position    (TopiaryGroup *self);
const char   *topiary_group_get_title       (TopiaryGroup *self);
void          topiary_group_set_title       (TopiaryGroup *self, const char *title);
const char   *topiary_group_get_slug        (TopiaryGroup *self);
void          topiary_group_set_slug        (TopiaryGroup *self, const char *slug);
const char   *topiary_group_get_description (TopiaryGroup *self);
void          topiary_group_set_description (TopiaryGroup *self, const char *description);

G_END_DECLS
