/* topiary-model-private.h — what only core may do to the model's objects:
 * the project sets the id, place and times of what it reads or stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-article.h"
#include "topiary-group.h"
#include "topiary-note.h"

G_BEGIN_DECLS

/* Used by the project when it reads a row. */
void            _topiary_article_set_id         (TopiaryArticle *self, gint64 id);
void            _topiary_article_set_times      (TopiaryArticle *self, gint64 created, gint64 updated);

void            _topiary_group_set_id           (TopiaryGroup *self, gint64 id);
void            _topiary_group_set_position     (TopiaryGroup *self, gint64 position);

void            _topiary_note_set_id            (TopiaryNote *self, gint64 id);
void            _topiary_note_set_position      (TopiaryNote *self, gint64 position);

G_END_DECLS
