/* topiary-escape.c — text into HTML and XML, escaped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs of bytes that need nothing are copied at once: most text has no
 * markup character, and the site export escapes every value of every
 * page through here.
 */

#include "config.h"

#include <string.h>

#include "topiary-escape.h"

/* What a byte of valid UTF-8 needs, per mode. */
enum {
  KEEP = 0,
  DROP,      /* a control character */
  ENTITY,    /* see entity() */
  CHECK_EF,  /* XML: the lead byte of U+FFFE and U+FFFF */
};

static guint8 table[3][256];

static void
init_tables (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  for (guint m = 0; m < 3; m++)
    {
      for (guint c = 0; c < 0x20; c++)
        table[m][c] = DROP;
      table[m]['\t'] = KEEP;
      table[m]['\n'] = KEEP;
      table[m]['\r'] = KEEP;
      if (m != TOPIARY_ESCAPE_XML)
        table[m]['\f'] = KEEP;
      table[m]['&'] = ENTITY;
      table[m]['<'] = ENTITY;
      table[m]['>'] = ENTITY;
      if (m != TOPIARY_ESCAPE_HTML_TEXT)
        {
          table[m]['"'] = ENTITY;
          table[m]['\''] = ENTITY;
        }
    }
  table[TOPIARY_ESCAPE_XML][0xEF] = CHECK_EF;

  g_once_init_leave (&done, 1);
}

static const char *
entity (char              c,
        TopiaryEscapeMode  mode)
{
  switch (c)
    {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return mode == TOPIARY_ESCAPE_XML ? "&apos;" : "&#39;";
    default: g_assert_not_reached ();
    }
}

/* Escapes [@p, @end), which is valid UTF-8 without NUL. */
static void
escape_valid (GString           *out,
              const char        *p,
              const char        *end,
              TopiaryEscapeMode  mode)
{
  const guint8 *t = table[mode];
  const char *run = p;

  while (p < end)
    {
      guint8 what = t[(guchar) *p];

      if (G_LIKELY (what == KEEP))
        {
          p++;
          continue;
        }
      if (what == CHECK_EF &&
          !(end - p >= 3 && (guchar) p[1] == 0xBF && ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF)))
        {
          p++;
          continue;
        }

      g_string_append_len (out, run, p - run);
      if (what == ENTITY)
        g_string_append (out, entity (*p, mode));
      p += what == CHECK_EF ? 3 : 1;
      run = p;
    }
  g_string_append_len (out, run, p - run);
}

void
topiary_escape_append (GString           *out,
                       const char        *text,
                       gssize             length,
                       TopiaryEscapeMode  mode)
{
  const char *p, *end;

  g_return_if_fail (out != NULL);
  g_return_if_fail (mode <= TOPIARY_ESCAPE_XML);

  if (text == NULL)
    return;
  if (length < 0)
    length = (gssize) strlen (text);

  init_tables ();
  p = text;
  end = text + length;
  while (p < end)
    {
      const char *valid_end = end;

      /* Stops at an invalid sequence or a NUL. */
      if (!g_utf8_validate_len (p, end - p, &valid_end))
        {
          escape_valid (out, p, valid_end, mode);
          if (*valid_end != '\0')
            g_string_append (out, "\xef\xbf\xbd");
          p = valid_end + 1;
        }
      else
        {
          escape_valid (out, p, end, mode);
          p = end;
        }
    }
}

char *
topiary_escape (const char        *text,
                gssize             length,
                TopiaryEscapeMode  mode)
{
  GString *out;

  g_return_val_if_fail (mode <= TOPIARY_ESCAPE_XML, NULL);

  if (text != NULL && length < 0)
    length = (gssize) strlen (text);
  out = g_string_sized_new ((gsize) MAX (length, 0) + 16);
  topiary_escape_append (out, text, length, mode);
  return g_string_free (out, FALSE);
}
