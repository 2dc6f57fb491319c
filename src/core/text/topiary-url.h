/* topiary-url.h — the base URL of a published site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOPIARY_URL_ERROR (topiary_url_error_quark ())
GQuark topiary_url_error_quark (void);

typedef enum {
  TOPIARY_URL_ERROR_INVALID,
} TopiaryUrlError;

/* Checks a site's base URL and returns it normalised: an http or https
 * URL (the scheme in any case) with a host name, and no user name, query
 * or fragment; scheme and host in lower case (an international host name
 * in its ASCII form) and the path ending with '/'. Leading and trailing
 * white space is ignored. Returns NULL with an error (one sentence that
 * quotes @url) for anything else. */
char *topiary_base_url_normalize (const char  *url,
                                  GError     **error);

G_END_DECLS
