/* topiary-article.h — one article of a map, as a value object
 *
 * A TopiaryArticle is a copy of one row: changing it changes nothing on disk
 * until it is passed to topiary_project_update_article(). The body is loaded
 * only when asked for (topiary_project_get_article (…, TRUE, …)), so lists of
 * 10,000 articles stay small.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-types.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_ARTICLE (topiary_article_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryArticle, topiary_article, TOPIARY, ARTICLE, GObject)

TopiaryArticle *topiary_article_new             (void);
TopiaryArticle *topiary_article_copy            (TopiaryArticle *self);

gint64          topiary_article_get_id          (TopiaryArticle *self);
/* 0 when the article is an idea not yet placed in a group. */
gint64          topiary_article_get_group_id    (TopiaryArticle *self);
void            topiary_article_set_group_id    (TopiaryArticle *self, gint64 group_id);
/* The pillar a cluster belongs to, 0 for none. */
gint64          topiary_article_get_parent_id   (TopiaryArticle *self);
void            topiary_article_set_parent_id   (TopiaryArticle *self, gint64 parent_id);
TopiaryKind     topiary_article_get_kind        (TopiaryArticle *self);
void            topiary_article_set_kind        (TopiaryArticle *self, TopiaryKind kind);
/* Place in the writing order, 1-based; ideas are ordered after the plan. */
gint64          topiary_article_get_position    (TopiaryArticle *self);
void            topiary_article_set_position    (TopiaryArticle *self, gint64 position);
const char     *topiary_article_get_title       (TopiaryArticle *self);
void            topiary_article_set_title       (TopiaryArticle *self, const char *title);
/* NULL or "" asks the project to make one from the title. */
const char     *topiary_article_get_slug        (TopiaryArticle *self);
void            topiary_article_set_slug        (TopiaryArticle *self, const char *slug);
const char     *topiary_article_get_summary     (TopiaryArticle *self);
void            topiary_article_set_summary     (TopiaryArticle *self, const char *summary);
const char     *topiary_article_get_intent      (TopiaryArticle *self);
void            topiary_article_set_intent      (TopiaryArticle *self, const char *intent);
/* The article's language (a BCP 47 tag, "de-DE"), or "" for the map's. */
const char     *topiary_article_get_language    (TopiaryArticle *self);
void            topiary_article_set_language    (TopiaryArticle *self, const char *language);
/* 1 (highest) … 5; 0 = unset. */
int             topiary_article_get_priority    (TopiaryArticle *self);
void            topiary_article_set_priority    (TopiaryArticle *self, int priority);
TopiaryStatus   topiary_article_get_status      (TopiaryArticle *self);
void            topiary_article_set_status      (TopiaryArticle *self, TopiaryStatus status);
int             topiary_article_get_target_words (TopiaryArticle *self);
void            topiary_article_set_target_words (TopiaryArticle *self, int words);
/* NULL when the body was not loaded. */
const char     *topiary_article_get_body        (TopiaryArticle *self);
void            topiary_article_set_body        (TopiaryArticle *self, const char *body);
/* Words in the body, kept by the project on every save. */
guint           topiary_article_get_word_count  (TopiaryArticle *self);
void            topiary_article_set_word_count  (TopiaryArticle *self, guint words);
/* Target queries in order; never NULL. */
const char * const *topiary_article_get_queries (TopiaryArticle *self);
guint           topiary_article_get_n_queries   (TopiaryArticle *self);
void            topiary_article_set_queries     (TopiaryArticle *self, const char * const *queries);
void            topiary_article_add_query       (TopiaryArticle *self, const char *query);
/* Index into the queries of the primary one, -1 when there are none. */
int             topiary_article_get_primary_query (TopiaryArticle *self);
void            topiary_article_set_primary_query (TopiaryArticle *self, int index);
/* Unix times in seconds; 0 = never. */
gint64          topiary_article_get_created     (TopiaryArticle *self);
gint64          topiary_article_get_updated     (TopiaryArticle *self);
gint64          topiary_article_get_published   (TopiaryArticle *self);
void            topiary_article_set_published   (TopiaryArticle *self, gint64 when);

G_END_DECLS
