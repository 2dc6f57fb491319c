/* topiary-cli-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-cli-text.h"

/* Invisible characters that reorder or break what follows them. */
static gboolean
is_format_control (gunichar c)
{
  return (c >= 0x80 && c <= 0x9f) ||          /* C1 controls, CSI = U+009B */
         c == 0x061c ||                       /* Arabic letter mark */
         c == 0x200e || c == 0x200f ||        /* LRM, RLM */
         (c >= 0x202a && c <= 0x202e) ||      /* embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) ||      /* isolates */
         c == 0x2028 || c == 0x2029;          /* line and paragraph separators */
}

char *
topiary_cli_shown (const char *text)
{
  const char *p = text != NULL ? text : "";
  const char *end = p + strlen (p);
  GString *out = g_string_sized_new (end - p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      switch (c)
        {
        case 0x1b: g_string_append (out, "\\e"); break;
        case '\a': g_string_append (out, "\\a"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\v': g_string_append (out, "\\v"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02X", c);
          else if (is_format_control (c))
            g_string_append_printf (out, "\\u{%04X}", c);
          else
            g_string_append_len (out, p, next - p);
          break;
        }
      p = next;
    }

  return g_string_free (out, FALSE);
}
