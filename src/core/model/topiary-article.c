/* topiary-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-article.h"
#include "topiary-model-private.h"

struct _TopiaryArticle
{
  GObject        parent_instance;

  gint64         id;
  gint64         group_id;
  gint64         parent_id;
  gint64         position;
  gint64         created;
  gint64         updated;
  gint64         published;
  char          *title;
  char          *slug;
  char          *summary;
  char          *intent;
  char          *language;  /* "" = the map's */
  char          *body;
  GPtrArray     *queries;
  int            primary_query;
  int            priority;
  int            target_words;
  guint          word_count;
  TopiaryKind    kind;
  TopiaryStatus  status;
};

G_DEFINE_FINAL_TYPE (TopiaryArticle, topiary_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_GROUP_ID,
  PROP_PARENT_ID,
  PROP_KIND,
  PROP_POSITION,
  PROP_TITLE,
  PROP_SLUG,
  PROP_SUMMARY,
  PROP_INTENT,
  PROP_LANGUAGE,
  PROP_PRIORITY,
  PROP_STATUS,
  PROP_TARGET_WORDS,
  PROP_WORD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
topiary_article_finalize (GObject *object)
{
  TopiaryArticle *self = (TopiaryArticle *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->intent, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->queries, g_ptr_array_unref);

  G_OBJECT_CLASS (topiary_article_parent_class)->finalize (object);
}

static void
topiary_article_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TopiaryArticle *self = TOPIARY_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_GROUP_ID: g_value_set_int64 (value, self->group_id); break;
    case PROP_PARENT_ID: g_value_set_int64 (value, self->parent_id); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_POSITION: g_value_set_int64 (value, self->position); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SLUG: g_value_set_string (value, self->slug); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_INTENT: g_value_set_string (value, self->intent); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_PRIORITY: g_value_set_int (value, self->priority); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_TARGET_WORDS: g_value_set_int (value, self->target_words); break;
    case PROP_WORD_COUNT: g_value_set_uint (value, self->word_count); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_article_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TopiaryArticle *self = TOPIARY_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_GROUP_ID: topiary_article_set_group_id (self, g_value_get_int64 (value)); break;
    case PROP_PARENT_ID: topiary_article_set_parent_id (self, g_value_get_int64 (value)); break;
    case PROP_KIND: topiary_article_set_kind (self, g_value_get_int (value)); break;
    case PROP_POSITION: topiary_article_set_position (self, g_value_get_int64 (value)); break;
    case PROP_TITLE: topiary_article_set_title (self, g_value_get_string (value)); break;
    case PROP_SLUG: topiary_article_set_slug (self, g_value_get_string (value)); break;
    case PROP_SUMMARY: topiary_article_set_summary (self, g_value_get_string (value)); break;
    case PROP_INTENT: topiary_article_set_intent (self, g_value_get_string (value)); break;
    case PROP_LANGUAGE: topiary_article_set_language (self, g_value_get_string (value)); break;
    case PROP_PRIORITY: topiary_article_set_priority (self, g_value_get_int (value)); break;
    case PROP_STATUS: topiary_article_set_status (self, g_value_get_int (value)); break;
    case PROP_TARGET_WORDS: topiary_article_set_target_words (self, g_value_get_int (value)); break;
    case PROP_WORD_COUNT: topiary_article_set_word_count (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_article_class_init (TopiaryArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = topiary_article_finalize;
  object_class->get_property = topiary_article_get_property;
  object_class->set_property = topiary_article_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_ID] = g_param_spec_int64 ("group-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, "", rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", rw);
  properties[PROP_INTENT] = g_param_spec_string ("intent", NULL, NULL, "", rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "", rw);
  properties[PROP_PRIORITY] = g_param_spec_int ("priority", NULL, NULL, 0, 5, 0, rw);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, TOPIARY_N_STATUS - 1, 0, rw);
  properties[PROP_TARGET_WORDS] = g_param_spec_int ("target-words", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_WORD_COUNT] = g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
topiary_article_init (TopiaryArticle *self)
{
  self->title = g_strdup ("");
  self->slug = g_strdup ("");
  self->summary = g_strdup ("");
  self->intent = g_strdup ("");
  self->language = g_strdup ("");
  self->queries = g_ptr_array_new_with_free_func (g_free);
  self->primary_query = -1;
  self->status = TOPIARY_STATUS_PLANNED;
}

TopiaryArticle *
topiary_article_new (void)
{
  return g_object_new (TOPIARY_TYPE_ARTICLE, NULL);
}

TopiaryArticle *
topiary_article_copy (TopiaryArticle *self)
{
  TopiaryArticle *copy;

  g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL);

  copy = topiary_article_new ();
  copy->id = self->id;
  copy->group_id = self->group_id;
  copy->parent_id = self->parent_id;
  copy->position = self->position;
  copy->created = self->created;
  copy->updated = self->updated;
  copy->published = self->published;
  g_free (copy->title); copy->title = g_strdup (self->title);
  g_free (copy->slug); copy->slug = g_strdup (self->slug);
  g_free (copy->summary); copy->summary = g_strdup (self->summary);
  g_free (copy->intent); copy->intent = g_strdup (self->intent);
  g_free (copy->language); copy->language = g_strdup (self->language);
  copy->body = g_strdup (self->body);
  for (guint i = 0; i < self->queries->len; i++)
    g_ptr_array_add (copy->queries, g_strdup (g_ptr_array_index (self->queries, i)));
  copy->primary_query = self->primary_query;
  copy->priority = self->priority;
  copy->target_words = self->target_words;
  copy->word_count = self->word_count;
  copy->kind = self->kind;
  copy->status = self->status;
  return copy;
}

/* Setters notify only on a real change so views do not redraw for nothing. */
#define SET_SCALAR(field, prop)                                     \
  G_STMT_START {                                                    \
    g_return_if_fail (TOPIARY_IS_ARTICLE (self));                   \
    if (self->field != field)                                       \
      {                                                             \
        self->field = field;                                        \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      }                                                             \
  } G_STMT_END

#define SET_STRING(field, prop)                                     \
  G_STMT_START {                                                    \
    g_return_if_fail (TOPIARY_IS_ARTICLE (self));                   \
    if (field == NULL)                                              \
      field = "";                                                   \
    if (g_strcmp0 (self->field, field) != 0)                        \
      {                                                             \
        g_free (self->field);                                       \
        self->field = g_strdup (field);                             \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      }                                                             \
  } G_STMT_END

gint64 topiary_article_get_id (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->id; }
gint64 topiary_article_get_group_id (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->group_id; }
gint64 topiary_article_get_parent_id (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->parent_id; }
TopiaryKind topiary_article_get_kind (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->kind; }
gint64 topiary_article_get_position (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->position; }
const char *topiary_article_get_title (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->title; }
const char *topiary_article_get_slug (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->slug; }
const char *topiary_article_get_summary (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->summary; }
const char *topiary_article_get_intent (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->intent; }
const char *topiary_article_get_language (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->language; }
int topiary_article_get_priority (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->priority; }
TopiaryStatus topiary_article_get_status (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->status; }
int topiary_article_get_target_words (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->target_words; }
const char *topiary_article_get_body (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL); return self->body; }
guint topiary_article_get_word_count (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->word_count; }
gint64 topiary_article_get_created (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->created; }
gint64 topiary_article_get_updated (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->updated; }
gint64 topiary_article_get_published (TopiaryArticle *self) { g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0); return self->published; }

void topiary_article_set_group_id (TopiaryArticle *self, gint64 group_id) { SET_SCALAR (group_id, PROP_GROUP_ID); }
void topiary_article_set_parent_id (TopiaryArticle *self, gint64 parent_id) { SET_SCALAR (parent_id, PROP_PARENT_ID); }
void topiary_article_set_kind (TopiaryArticle *self, TopiaryKind kind) { SET_SCALAR (kind, PROP_KIND); }
void topiary_article_set_position (TopiaryArticle *self, gint64 position) { SET_SCALAR (position, PROP_POSITION); }
void topiary_article_set_title (TopiaryArticle *self, const char *title) { SET_STRING (title, PROP_TITLE); }
void topiary_article_set_slug (TopiaryArticle *self, const char *slug) { SET_STRING (slug, PROP_SLUG); }
void topiary_article_set_summary (TopiaryArticle *self, const char *summary) { SET_STRING (summary, PROP_SUMMARY); }
void topiary_article_set_intent (TopiaryArticle *self, const char *intent) { SET_STRING (intent, PROP_INTENT); }
void topiary_article_set_language (TopiaryArticle *self, const char *language) { SET_STRING (language, PROP_LANGUAGE); }
void topiary_article_set_priority (TopiaryArticle *self, int priority) { priority = CLAMP (priority, 0, 5); SET_SCALAR (priority, PROP_PRIORITY); }
void topiary_article_set_status (TopiaryArticle *self, TopiaryStatus status) { g_return_if_fail (status < TOPIARY_N_STATUS); SET_SCALAR (status, PROP_STATUS); }
void topiary_article_set_target_words (TopiaryArticle *self, int target_words) { target_words = MAX (target_words, 0); SET_SCALAR (target_words, PROP_TARGET_WORDS); }
void topiary_article_set_word_count (TopiaryArticle *self, guint word_count) { SET_SCALAR (word_count, PROP_WORD_COUNT); }

void
topiary_article_set_body (TopiaryArticle *self,
                          const char     *body)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE (self));

  if (body == self->body)
    return;
  g_free (self->body);
  self->body = g_strdup (body);
}

void
topiary_article_set_published (TopiaryArticle *self,
                               gint64          when)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE (self));
  self->published = when;
}

const char * const *
topiary_article_get_queries (TopiaryArticle *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), NULL);

  /* Keep the array NULL-terminated without exposing the terminator in len. */
  g_ptr_array_add (self->queries, NULL);
  g_ptr_array_set_size (self->queries, self->queries->len - 1);
  return (const char * const *)self->queries->pdata;
}

guint
topiary_article_get_n_queries (TopiaryArticle *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), 0);
  return self->queries->len;
}

void
topiary_article_set_queries (TopiaryArticle     *self,
                             const char * const *queries)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE (self));

  g_ptr_array_set_size (self->queries, 0);
  self->primary_query = -1;
  for (guint i = 0; queries != NULL && queries[i] != NULL; i++)
    topiary_article_add_query (self, queries[i]);
}

void
topiary_article_add_query (TopiaryArticle *self,
                           const char     *query)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (TOPIARY_IS_ARTICLE (self));

  if (query == NULL)
    return;
  clean = g_strstrip (g_strdup (query));
  if (*clean == '\0')
    return;
  /* The same query twice is noise; keep the first. */
  for (guint i = 0; i < self->queries->len; i++)
    if (g_utf8_collate (g_ptr_array_index (self->queries, i), clean) == 0)
      return;
  g_ptr_array_add (self->queries, g_steal_pointer (&clean));
  if (self->primary_query < 0)
    self->primary_query = 0;
}

int
topiary_article_get_primary_query (TopiaryArticle *self)
{
  g_return_val_if_fail (TOPIARY_IS_ARTICLE (self), -1);
  return self->queries->len > 0 ? self->primary_query : -1;
}

void
topiary_article_set_primary_query (TopiaryArticle *self,
                                   int             index)
{
  g_return_if_fail (TOPIARY_IS_ARTICLE (self));
  g_return_if_fail (index >= -1 && index < (int)self->queries->len);

  self->primary_query = self->queries->len > 0 ? MAX (index, 0) : -1;
}

void
_topiary_article_set_id (TopiaryArticle *self,
                         gint64          id)
{
  g_assert (TOPIARY_IS_ARTICLE (self));
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_topiary_article_set_times (TopiaryArticle *self,
                            gint64          created,
                            gint64          updated)
{
  g_assert (TOPIARY_IS_ARTICLE (self));
  self->created = created;
  self->updated = updated;
}
