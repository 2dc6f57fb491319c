/* topiary-undo-stack.c — undo and redo of the map's structural edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-undo-stack.h"

struct _TopiaryUndoStack
{
  GObject         parent_instance;

  TopiaryProject *project;
  GPtrArray      *undo;   /* TopiaryEdit *, oldest first */
  GPtrArray      *redo;   /* TopiaryEdit *, oldest first */
  /* Beside each record, the serial of the edit it belongs to: an edit
   * keeps its serial while it is undone and redone, so a toast can tell
   * whether the newest edit is still the one it announced. */
  GArray         *undo_serials;
  GArray         *redo_serials;
  guint64         last_serial;
  char           *undo_label;
  char           *redo_label;
};

G_DEFINE_FINAL_TYPE (TopiaryUndoStack, topiary_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TopiaryEdit *
top (GPtrArray *stack)
{
  return stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;
}

/* Tells the properties that changed. */
static void
update (TopiaryUndoStack *self,
        gboolean          could_undo,
        gboolean          could_redo)
{
  TopiaryEdit *u = top (self->undo);
  TopiaryEdit *r = top (self->redo);
  g_autofree char *undo_label = u ? g_strdup_printf (_("Undo %s"), topiary_edit_get_label (u)) : NULL;
  g_autofree char *redo_label = r ? g_strdup_printf (_("Redo %s"), topiary_edit_get_label (r)) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (could_undo != (u != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (r != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
topiary_undo_stack_finalize (GObject *object)
{
  TopiaryUndoStack *self = TOPIARY_UNDO_STACK (object);

  g_clear_object (&self->project);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_array_unref (self->undo_serials);
  g_array_unref (self->redo_serials);
  g_free (self->undo_label);
  g_free (self->redo_label);
  G_OBJECT_CLASS (topiary_undo_stack_parent_class)->finalize (object);
}

static void
topiary_undo_stack_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TopiaryUndoStack *self = TOPIARY_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, topiary_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, topiary_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_undo_stack_class_init (TopiaryUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = topiary_undo_stack_finalize;
  object_class->get_property = topiary_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_undo_stack_init (TopiaryUndoStack *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_edit_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_edit_unref);
  self->undo_serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->redo_serials = g_array_new (FALSE, FALSE, sizeof (guint64));
}

TopiaryUndoStack *
topiary_undo_stack_new (TopiaryProject *project)
{
  TopiaryUndoStack *self;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);

  self = g_object_new (TOPIARY_TYPE_UNDO_STACK, NULL);
  self->project = g_object_ref (project);
  return self;
}

TopiaryProject *
topiary_undo_stack_get_project (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), NULL);

  return self->project;
}

void
topiary_undo_stack_push (TopiaryUndoStack *self,
                         TopiaryEdit      *edit)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (TOPIARY_IS_UNDO_STACK (self));

  if (edit == NULL)
    return;
  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  g_ptr_array_set_size (self->redo, 0);
  g_array_set_size (self->redo_serials, 0);
  g_ptr_array_add (self->undo, edit);
  self->last_serial++;
  g_array_append_val (self->undo_serials, self->last_serial);
  if (self->undo->len > TOPIARY_UNDO_STACK_DEPTH)
    {
      g_ptr_array_remove_index (self->undo, 0);
      g_array_remove_index (self->undo_serials, 0);
    }
  update (self, could_undo, could_redo);
}

guint64
topiary_undo_stack_get_undo_serial (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), 0);

  if (self->undo_serials->len == 0)
    return 0;
  return g_array_index (self->undo_serials, guint64, self->undo_serials->len - 1);
}

gboolean
topiary_undo_stack_can_undo (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), FALSE);

  return self->undo->len > 0;
}

gboolean
topiary_undo_stack_can_redo (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), FALSE);

  return self->redo->len > 0;
}

const char *
topiary_undo_stack_get_undo_label (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), NULL);

  return self->undo_label;
}

const char *
topiary_undo_stack_get_redo_label (TopiaryUndoStack *self)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), NULL);

  return self->redo_label;
}

/* Applies the newest record of @from and keeps its reverse in @to. */
static gboolean
step (TopiaryUndoStack  *self,
      GPtrArray         *from,
      GPtrArray         *to,
      GArray            *from_serials,
      GArray            *to_serials,
      gint64            *article_id,
      GError           **error)
{
  guint64 serial;

  g_autoptr(TopiaryEdit) reverse = NULL;
  gboolean could_undo = self->undo->len > 0;
  gboolean could_redo = self->redo->len > 0;

  if (article_id != NULL)
    *article_id = 0;
  if (from->len == 0)
    return TRUE;
  reverse = topiary_edit_apply (top (from), self->project, error);
  if (reverse == NULL)
    return FALSE;
  g_ptr_array_remove_index (from, from->len - 1);
  serial = g_array_index (from_serials, guint64, from_serials->len - 1);
  g_array_remove_index (from_serials, from_serials->len - 1);
  g_array_append_val (to_serials, serial);
  /* What it re-created has new ids: the other records follow. */
  for (guint i = 0; i < self->undo->len; i++)
    topiary_edit_follow (g_ptr_array_index (self->undo, i), reverse);
  for (guint i = 0; i < self->redo->len; i++)
    topiary_edit_follow (g_ptr_array_index (self->redo, i), reverse);
  if (article_id != NULL)
    *article_id = topiary_edit_get_article_id (reverse);
  g_ptr_array_add (to, g_steal_pointer (&reverse));
  update (self, could_undo, could_redo);
  return TRUE;
}

gboolean
topiary_undo_stack_undo (TopiaryUndoStack  *self,
                         gint64            *article_id,
                         GError           **error)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), FALSE);

  return step (self, self->undo, self->redo, self->undo_serials, self->redo_serials, article_id, error);
}

gboolean
topiary_undo_stack_redo (TopiaryUndoStack  *self,
                         gint64            *article_id,
                         GError           **error)
{
  g_return_val_if_fail (TOPIARY_IS_UNDO_STACK (self), FALSE);

  return step (self, self->redo, self->undo, self->redo_serials, self->undo_serials, article_id, error);
}

void
topiary_undo_stack_clear (TopiaryUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (TOPIARY_IS_UNDO_STACK (self));

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_array_set_size (self->undo_serials, 0);
  g_array_set_size (self->redo_serials, 0);
  update (self, could_undo, could_redo);
}
