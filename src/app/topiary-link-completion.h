/* topiary-link-completion.h — [[ completion over the map's articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_LINK_COMPLETION (topiary_link_completion_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryLinkCompletion, topiary_link_completion, TOPIARY, LINK_COMPLETION, GObject)

TopiaryLinkCompletion *topiary_link_completion_new         (void);
/* The map it offers and the article being written (never offered). */
void                   topiary_link_completion_set_project (TopiaryLinkCompletion *self,
                                                            TopiaryProject        *project);
void                   topiary_link_completion_set_article (TopiaryLinkCompletion *self,
                                                            gint64                 article_id);
/* The status's name as the map shows it. */
const char            *topiary_link_completion_status_label (TopiaryStatus        status);

G_END_DECLS
