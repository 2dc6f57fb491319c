/* topiary-limits.c — how long a title, a field or a text may be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-limits.h"

gboolean
topiary_limit_fits_chars (const char *text,
                          gsize       max_chars)
{
  gsize len;

  if (text == NULL)
    return TRUE;
  /* A character is at least one byte: short texts need no counting. */
  len = strlen (text);
  if (len <= max_chars)
    return TRUE;
  return (gsize) g_utf8_strlen (text, (gssize) len) <= max_chars;
}

char *
topiary_limit_cut_chars (const char *text,
                         gsize       max_chars)
{
  const char *p = text;

  if (topiary_limit_fits_chars (text, max_chars))
    return NULL;
  for (gsize n = 0; n < max_chars && *p != '\0'; n++)
    p = g_utf8_next_char (p);
  return g_strndup (text, (gsize) (p - text));
}

char *
topiary_limit_cut_bytes (const char *text,
                         gsize       max_bytes)
{
  gsize end;

  if (text == NULL || strlen (text) <= max_bytes)
    return NULL;
  /* Back to the start of the character that would be cut. */
  end = max_bytes;
  while (end > 0 && ((guchar) text[end] & 0xC0) == 0x80)
    end--;
  return g_strndup (text, end);
}
