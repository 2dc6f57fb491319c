/* topiary-slug.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-slug.h"

#include <string.h>

static gboolean
is_plain_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Windows refuses files and folders named after its devices, with any
 * extension and in any case ("con.html", "NUL/index.html"); slugs become such
 * names on export. */
static gboolean
is_device_name (const char *slug,
                gsize       len)
{
  static const char * const names[] = { "con", "prn", "aux", "nul" };

  if (len == 3)
    {
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (memcmp (slug, names[i], 3) == 0)
          return TRUE;
      return FALSE;
    }
  return len == 4 && (memcmp (slug, "com", 3) == 0 || memcmp (slug, "lpt", 3) == 0) &&
         g_ascii_isdigit (slug[3]);
}

gboolean
topiary_slug_is_reserved (const char *slug)
{
  return slug != NULL && is_device_name (slug, strlen (slug));
}

char *
topiary_slugify (const char *text)
{
  g_autofree char *ascii = NULL;
  const char *src;
  GString *slug;
  gboolean pending_dash = FALSE;

  if (text == NULL || *text == '\0')
    return g_strdup ("untitled");

  /* g_str_to_ascii() is slow-ish (it goes through iconv-like tables), so
   * skip it for the common all-ASCII title. Invalid UTF-8 is made valid
   * first, since g_str_to_ascii() requires it. */
  if (is_plain_ascii (text))
    src = text;
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      ascii = g_str_to_ascii (valid, "C");
      src = ascii;
    }

  slug = g_string_sized_new (MIN (strlen (src), TOPIARY_SLUG_MAX) + 1);

  for (const char *p = src; *p && slug->len < TOPIARY_SLUG_MAX; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c))
        {
          if (pending_dash && slug->len > 0)
            {
              g_string_append_c (slug, '-');
              if (slug->len >= TOPIARY_SLUG_MAX)
                break;
            }
          pending_dash = FALSE;
          g_string_append_c (slug, g_ascii_tolower (c));
        }
      else if (c == '\'')
        {
          /* "Flask's" reads better as "flasks" than "flask-s". */
          continue;
        }
      else
        pending_dash = TRUE;
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    {
      g_string_free (slug, TRUE);
      return g_strdup ("untitled");
    }
  if (is_device_name (slug->str, slug->len))
    g_string_append (slug, "-page");

  return g_string_free (slug, FALSE);
}

gboolean
topiary_slug_is_valid (const char *slug)
{
  gsize len;

  if (slug == NULL || *slug == '\0')
    return FALSE;

  len = strlen (slug);
  if (len > TOPIARY_SLUG_MAX || slug[0] == '-' || slug[len - 1] == '-' ||
      is_device_name (slug, len))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = slug[i];

      if (c == '-')
        {
          if (slug[i + 1] == '-')
            return FALSE;
        }
      else if (!(g_ascii_isdigit (c) || (c >= 'a' && c <= 'z')))
        return FALSE;
    }

  return TRUE;
}
