/* topiary-utf8.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-utf8.h"

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOW_BITS  G_GUINT64_CONSTANT (0x0101010101010101)

gboolean
topiary_utf8_validate (const char  *text,
                       gsize        length,
                       const char **end)
{
  const char *p = text;
  const char *stop = text + length;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  while ((gsize)(stop - p) >= 8)
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      /* A byte with the high bit set, or a zero byte, needs the slow path. */
      if ((word & HIGH_BITS) != 0 || ((word - LOW_BITS) & ~word & HIGH_BITS) != 0)
        break;
      p += 8;
    }
  return g_utf8_validate_len (p, stop - p, end);
}
