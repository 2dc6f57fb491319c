/* topiary-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-group.h"
#include "topiary-model-private.h"

struct _TopiaryGroup
{
  GObject  parent_instance;
  gint64   id;
  gint64   position;
  char    *title;
  char    *slug;
  char    *description;
};

G_DEFINE_FINAL_TYPE (TopiaryGroup, topiary_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_TITLE,
  PROP_SLUG,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
topiary_group_finalize (GObject *object)
{
  TopiaryGroup *self = (TopiaryGroup *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (topiary_group_parent_class)->finalize (object);
}

static void
topiary_group_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TopiaryGroup *self = TOPIARY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_POSITION: g_value_set_int64 (value, self->position); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SLUG: g_value_set_string (value, self->slug); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_group_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TopiaryGroup *self = TOPIARY_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE: topiary_group_set_title (self, g_value_get_string (value)); break;
    case PROP_SLUG: topiary_group_set_slug (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: topiary_group_set_description (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_group_class_init (TopiaryGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = topiary_group_finalize;
  object_class->get_property = topiary_group_get_property;
  object_class->set_property = topiary_group_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_group_init (TopiaryGroup *self)
{
  self->title = g_strdup ("");
  self->slug = g_strdup ("");
  self->description = g_strdup ("");
}

TopiaryGroup *
topiary_group_new (const char *title)
{
  return g_object_new (TOPIARY_TYPE_GROUP, "title", title, NULL);
}

gint64 topiary_group_get_id (TopiaryGroup *self) { g_return_val_if_fail (TOPIARY_IS_GROUP (self), 0); return self->id; }
gint64 topiary_group_get_position (TopiaryGroup *self) { g_return_val_if_fail (TOPIARY_IS_GROUP (self), 0); return self->position; }
const char *topiary_group_get_title (TopiaryGroup *self) { g_return_val_if_fail (TOPIARY_IS_GROUP (self), NULL); return self->title; }
const char *topiary_group_get_slug (TopiaryGroup *self) { g_return_val_if_fail (TOPIARY_IS_GROUP (self), NULL); return self->slug; }
const char *topiary_group_get_description (TopiaryGroup *self) { g_return_val_if_fail (TOPIARY_IS_GROUP (self), NULL); return self->description; }

static void
set_string (TopiaryGroup *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
topiary_group_set_title (TopiaryGroup *self,
                         const char   *title)
{
  g_return_if_fail (TOPIARY_IS_GROUP (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

void
topiary_group_set_slug (TopiaryGroup *self,
                        const char   *slug)
{
  g_return_if_fail (TOPIARY_IS_GROUP (self));
  set_string (self, &self->slug, slug, PROP_SLUG);
}

void
topiary_group_set_description (TopiaryGroup *self,
                               const char   *description)
{
  g_return_if_fail (TOPIARY_IS_GROUP (self));
  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

void
_topiary_group_set_id (TopiaryGroup *self,
                       gint64        id)
{
  g_assert (TOPIARY_IS_GROUP (self));
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_topiary_group_set_position (TopiaryGroup *self,
                             gint64        position)
{
  g_assert (TOPIARY_IS_GROUP (self));
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
