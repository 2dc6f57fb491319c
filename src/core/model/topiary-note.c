/* topiary-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-model-private.h"
#include "topiary-note.h"

struct _TopiaryNote
{
  GObject  parent_instance;
  gint64   id;
  gint64   position;
  char    *kind;
  char    *title;
  char    *body;
};

G_DEFINE_FINAL_TYPE (TopiaryNote, topiary_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
topiary_note_finalize (GObject *object)
{
  TopiaryNote *self = (TopiaryNote *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (topiary_note_parent_class)->finalize (object);
}

static void
topiary_note_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TopiaryNote *self = TOPIARY_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_note_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TopiaryNote *self = TOPIARY_NOTE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_free (self->kind);
      self->kind = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "other");
      break;
    case PROP_TITLE: topiary_note_set_title (self, g_value_get_string (value)); break;
    case PROP_BODY: topiary_note_set_body (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_note_class_init (TopiaryNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = topiary_note_finalize;
  object_class->get_property = topiary_note_get_property;
  object_class->set_property = topiary_note_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "other",
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_note_init (TopiaryNote *self)
{
  self->title = g_strdup ("");
  self->body = g_strdup ("");
}

TopiaryNote *
topiary_note_new (const char *kind,
                  const char *title,
                  const char *body)
{
  return g_object_new (TOPIARY_TYPE_NOTE,
                       "kind", kind,
                       "title", title,
                       "body", body,
                       NULL);
}

gint64 topiary_note_get_id (TopiaryNote *self) { g_return_val_if_fail (TOPIARY_IS_NOTE (self), 0); return self->id; }
gint64 topiary_note_get_position (TopiaryNote *self) { g_return_val_if_fail (TOPIARY_IS_NOTE (self), 0); return self->position; }
const char *topiary_note_get_kind (TopiaryNote *self) { g_return_val_if_fail (TOPIARY_IS_NOTE (self), NULL); return self->kind; }
const char *topiary_note_get_title (TopiaryNote *self) { g_return_val_if_fail (TOPIARY_IS_NOTE (self), NULL); return self->title; }
const char *topiary_note_get_body (TopiaryNote *self) { g_return_val_if_fail (TOPIARY_IS_NOTE (self), NULL); return self->body; }

void
topiary_note_set_kind (TopiaryNote *self,
                       const char  *kind)
{
  g_return_if_fail (TOPIARY_IS_NOTE (self));
  if (g_strcmp0 (self->kind, kind ? kind : "other") == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind ? kind : "other");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
topiary_note_set_title (TopiaryNote *self,
                        const char  *title)
{
  g_return_if_fail (TOPIARY_IS_NOTE (self));
  if (g_strcmp0 (self->title, title ? title : "") == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
topiary_note_set_body (TopiaryNote *self,
                       const char  *body)
{
  g_return_if_fail (TOPIARY_IS_NOTE (self));
  if (g_strcmp0 (self->body, body ? body : "") == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (body ? body : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

void
_topiary_note_set_id (TopiaryNote *self,
                      gint64       id)
{
  g_assert (TOPIARY_IS_NOTE (self));
  self->id = id;
}

void
_topiary_note_set_position (TopiaryNote *self,
                            gint64       position)
{
  g_assert (TOPIARY_IS_NOTE (self));
  self->position = position;
}
