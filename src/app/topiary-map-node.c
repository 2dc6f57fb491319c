/* topiary-map-node.c — one row of the map tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-map-node.h"

struct _TopiaryMapNode
{
  GObject             parent_instance;
  TopiaryMapNodeKind  kind;
  char               *key;
  char               *title;
  char               *subtitle;
  char               *intent;
  TopiaryArticle     *article;
  TopiaryGroup       *group;
};

G_DEFINE_FINAL_TYPE (TopiaryMapNode, topiary_map_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

TopiaryMapNode *
topiary_map_node_new (TopiaryMapNodeKind  kind,
                      const char         *key)
{
  TopiaryMapNode *self = g_object_new (TOPIARY_TYPE_MAP_NODE, NULL);

  self->kind = kind;
  self->key = g_strdup (key);
  return self;
}

TopiaryMapNodeKind
topiary_map_node_get_kind (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), 0);
  return self->kind;
}

const char *
topiary_map_node_get_key (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->key;
}

const char *
topiary_map_node_get_title (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->title ? self->title : "";
}

void
topiary_map_node_set_title (TopiaryMapNode *self,
                            const char     *title)
{
  g_return_if_fail (TOPIARY_IS_MAP_NODE (self));
  if (set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
topiary_map_node_get_subtitle (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->subtitle ? self->subtitle : "";
}

void
topiary_map_node_set_subtitle (TopiaryMapNode *self,
                               const char     *subtitle)
{
  g_return_if_fail (TOPIARY_IS_MAP_NODE (self));
  if (set_str (&self->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
topiary_map_node_get_icon_name (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);

  switch (self->kind)
    {
    case TOPIARY_MAP_NODE_MAP:
      return "go-home-symbolic";
    case TOPIARY_MAP_NODE_GROUP:
      return "folder-symbolic";
    case TOPIARY_MAP_NODE_IDEAS:
      return "folder-templates-symbolic";
    case TOPIARY_MAP_NODE_INTENT:
      return "folder-saved-search-symbolic";
    case TOPIARY_MAP_NODE_ARTICLE:
      if (self->article == NULL)
        return "text-x-generic-symbolic";
      if (topiary_article_get_group_id (self->article) == 0)
        return "document-new-symbolic";
      if (topiary_article_get_kind (self->article) == TOPIARY_KIND_PILLAR)
        return "starred-symbolic";
      return "text-x-generic-symbolic";
    default:
      g_assert_not_reached ();
    }
}

TopiaryArticle *
topiary_map_node_get_article (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->article;
}

void
topiary_map_node_set_article (TopiaryMapNode *self,
                              TopiaryArticle *article)
{
  g_return_if_fail (TOPIARY_IS_MAP_NODE (self));
  if (g_set_object (&self->article, article))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

TopiaryGroup *
topiary_map_node_get_group (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->group;
}

void
topiary_map_node_set_group (TopiaryMapNode *self,
                            TopiaryGroup   *group)
{
  g_return_if_fail (TOPIARY_IS_MAP_NODE (self));
  g_set_object (&self->group, group);
}

const char *
topiary_map_node_get_intent (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), NULL);
  return self->intent ? self->intent : "";
}

void
topiary_map_node_set_intent (TopiaryMapNode *self,
                             const char     *intent)
{
  g_return_if_fail (TOPIARY_IS_MAP_NODE (self));
  set_str (&self->intent, intent);
}

gint64
topiary_map_node_get_id (TopiaryMapNode *self)
{
  g_return_val_if_fail (TOPIARY_IS_MAP_NODE (self), 0);
  if (self->article != NULL)
    return topiary_article_get_id (self->article);
  if (self->group != NULL)
    return topiary_group_get_id (self->group);
  return 0;
}

static void
topiary_map_node_finalize (GObject *object)
{
  TopiaryMapNode *self = TOPIARY_MAP_NODE (object);

  g_free (self->key);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->intent);
  g_clear_object (&self->article);
  g_clear_object (&self->group);
  G_OBJECT_CLASS (topiary_map_node_parent_class)->finalize (object);
}

static void
topiary_map_node_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TopiaryMapNode *self = TOPIARY_MAP_NODE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, topiary_map_node_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, topiary_map_node_get_subtitle (self));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, topiary_map_node_get_icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_map_node_class_init (TopiaryMapNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = topiary_map_node_finalize;
  object_class->get_property = topiary_map_node_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_map_node_init (TopiaryMapNode *self)
{
}
