/* topiary-check-title-private.h — the title part of the audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-article.h"

G_BEGIN_DECLS

/* Appends TopiaryCheckFinding items to @findings for @body of @article
 * (named @name in messages): a body that starts with the title as a
 * level-1 heading (topiary-markdown-title.h). */
void _topiary_check_title (GPtrArray      *findings,
                           TopiaryArticle *article,
                           const char     *name,
                           const char     *body);

G_END_DECLS
