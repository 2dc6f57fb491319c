/* topiary-mustache.h — a logic-less Mustache renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Templates are compiled once into an immutable tree and can then be
 * rendered any number of times, from any thread, against a JSON context.
 * Interpolation HTML-escapes by default ({{name}}); {{{name}}} and
 * {{& name}} insert the value as it is. Sections, inverted sections,
 * comments, set-delimiter tags, partials and template inheritance (parent
 * and block tags) follow the official specification, including its rules
 * for standalone lines and indentation.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TOPIARY_MUSTACHE_ERROR (topiary_mustache_error_quark ())
GQuark topiary_mustache_error_quark (void);

typedef enum {
  TOPIARY_MUSTACHE_ERROR_SYNTAX,     /* the template cannot be parsed */
  TOPIARY_MUSTACHE_ERROR_RECURSION,  /* partials or blocks nest endlessly */
  TOPIARY_MUSTACHE_ERROR_PARTIAL,    /* a partial could not be loaded */
} TopiaryMustacheError;

typedef struct _TopiaryMustacheTemplate TopiaryMustacheTemplate;

#define TOPIARY_TYPE_MUSTACHE_TEMPLATE (topiary_mustache_template_get_type ())
GType topiary_mustache_template_get_type (void) G_GNUC_CONST;

/* Resolves a partial or parent name to a compiled template (a new
 * reference). Returning NULL without setting @error means "no such
 * partial", which renders as nothing, as the specification asks; setting
 * @error stops the rendering. Implementations usually cache. */
typedef TopiaryMustacheTemplate *(*TopiaryMustachePartialFunc) (const char  *name,
                                                                gpointer     user_data,
                                                                GError     **error);

/* Compiles @source (length @length, or -1 when NUL-terminated). @name is
 * used in error messages ("base.mustache:12: …"). */
TopiaryMustacheTemplate *topiary_mustache_template_new       (const char               *name,
                                                              const char               *source,
                                                              gssize                    length,
                                                              GError                  **error);
TopiaryMustacheTemplate *topiary_mustache_template_ref       (TopiaryMustacheTemplate  *self);
void                     topiary_mustache_template_unref     (TopiaryMustacheTemplate  *self);
const char              *topiary_mustache_template_get_name  (TopiaryMustacheTemplate  *self);

/* Appends the rendering to @out. @context may be any JSON node (usually an
 * object); NULL renders against an empty context. */
gboolean                 topiary_mustache_template_render_to (TopiaryMustacheTemplate  *self,
                                                              GString                  *out,
                                                              JsonNode                 *context,
                                                              TopiaryMustachePartialFunc partials,
                                                              gpointer                  user_data,
                                                              GError                  **error);
/* The same for a context object built in C (json_object_set_*_member):
 * nothing is serialized or copied. */
gboolean                 topiary_mustache_template_render_object (TopiaryMustacheTemplate  *self,
                                                                  GString                  *out,
                                                                  JsonObject               *context,
                                                                  TopiaryMustachePartialFunc partials,
                                                                  gpointer                  user_data,
                                                                  GError                  **error);
char                    *topiary_mustache_template_render    (TopiaryMustacheTemplate  *self,
                                                              JsonNode                 *context,
                                                              TopiaryMustachePartialFunc partials,
                                                              gpointer                  user_data,
                                                              GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryMustacheTemplate, topiary_mustache_template_unref)

G_END_DECLS
