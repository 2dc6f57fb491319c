/* topiary-types.h — enums shared by the whole core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOPIARY_KIND_CLUSTER = 0,
  TOPIARY_KIND_PILLAR  = 1,
} TopiaryKind;

/* Ordered: a map moves from idea to published. */
typedef enum {
  TOPIARY_STATUS_IDEA = 0,
  TOPIARY_STATUS_PLANNED,
  TOPIARY_STATUS_DRAFTING,
  TOPIARY_STATUS_REVIEW,
  TOPIARY_STATUS_PUBLISHED,
  TOPIARY_N_STATUS
} TopiaryStatus;

const char *topiary_kind_to_string   (TopiaryKind kind);
gboolean    topiary_kind_from_string (const char  *str,
                                      TopiaryKind *kind);
const char *topiary_status_to_string (TopiaryStatus status);
gboolean    topiary_status_from_string (const char    *str,
                                        TopiaryStatus *status);
/* A canonical intent ("informational", "how-to", "comparison", "faq",
 * "solution", "audience", "context", "culture", "research",
 * "commercial", "transactional", "navigational") for a free-form word or
 * heading, or NULL when nothing matches. */
const char *topiary_intent_normalize (const char *text);

/* A language tag written the web's way ("de-DE", "en", "pt-BR") for one
 * written in a front matter or a locale ("de_DE", " fr "), or NULL when
 * @text is not one (a primary subtag of 2–3 letters, then subtags of
 * 1–8 letters or digits). */
char       *topiary_language_normalize (const char *text);

G_END_DECLS
