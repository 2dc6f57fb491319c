/* topiary-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-url.h"

G_DEFINE_QUARK (topiary-url-error-quark, topiary_url_error)

static gboolean
has_unsafe_chars (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return TRUE;
  /* It goes into HTML attributes, robots.txt and XML as it is. */
  return strpbrk (s, " \"'<>\\`") != NULL;
}

char *
topiary_base_url_normalize (const char  *url,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  text = g_strstrip (g_strdup (url));
  if (has_unsafe_chars (text) ||
      (uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL)) == NULL)
    {
      g_set_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID,
                   _("The base URL “%s” is not a valid web address."), text);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID,
                   _("The base URL “%s” does not start with https:// or http://."), text);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID,
                   _("The base URL “%s” has no host name."), text);
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID,
                   _("The base URL “%s” may not contain a user name, a query (?) or a fragment (#)."), text);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_str_has_suffix (g_uri_get_path (uri), "/") ? g_strdup (g_uri_get_path (uri))
                                                      : g_strconcat (g_uri_get_path (uri), "/", NULL);
  joined = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), path, NULL, NULL);

  /* "%22" in the host decodes to a quote, which no host name holds. */
  if (host[strspn (host, "abcdefghijklmnopqrstuvwxyz0123456789.-_:")] != '\0' ||
      has_unsafe_chars (joined))
    {
      g_set_error (error, TOPIARY_URL_ERROR, TOPIARY_URL_ERROR_INVALID,
                   _("The base URL “%s” is not a valid web address."), text);
      return NULL;
    }
  return g_steal_pointer (&joined);
}
