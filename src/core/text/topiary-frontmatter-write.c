/* topiary-frontmatter-write.c — YAML front matter written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"
#include "topiary-frontmatter-private.h"

#include <string.h>

/* ---- writing ---- */

struct _TopiaryFrontMatterWriter {
  GString *out;
  GArray  *open_maps;   /* gsize: offset of each open "key:\n" header's end */
  GArray  *counts;      /* guint: keys written in each open map */
};

TopiaryFrontMatterWriter *
topiary_front_matter_writer_new (void)
{
  TopiaryFrontMatterWriter *self = g_new0 (TopiaryFrontMatterWriter, 1);

  self->out = g_string_new ("---\n");
  self->open_maps = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
topiary_front_matter_writer_free (TopiaryFrontMatterWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->open_maps);
  g_array_unref (self->counts);
  g_free (self);
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case 0x85: g_string_append (out, "\\N"); break;
        case 0x2028: g_string_append (out, "\\L"); break;
        case 0x2029: g_string_append (out, "\\P"); break;
        case 0xfeff: g_string_append (out, "\\uFEFF"); break;
        /* Noncharacters YAML does not allow raw. */
        case 0xfffe: g_string_append (out, "\\uFFFE"); break;
        case 0xffff: g_string_append (out, "\\uFFFF"); break;
        default:
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

char *
topiary_yaml_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);
  append_quoted (out, text);
  return g_string_free (out, FALSE);
}

static void
write_key (TopiaryFrontMatterWriter *self,
           const char               *key)
{
  gboolean plain = g_ascii_isalpha (key[0]) || key[0] == '_';

  for (const char *p = key; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';

  for (guint i = 0; i < self->open_maps->len; i++)
    g_string_append (self->out, "  ");
  if (plain)
    g_string_append (self->out, key);
  else
    append_quoted (self->out, key);
  g_string_append_c (self->out, ':');

  if (self->counts->len > 0)
    g_array_index (self->counts, guint, self->counts->len - 1)++;
}

void
topiary_front_matter_writer_add_string (TopiaryFrontMatterWriter *self,
                                        const char               *key,
                                        const char               *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  if (value == NULL)
    return;
  write_key (self, key);
  g_string_append_c (self->out, ' ');
  append_quoted (self->out, value);
  g_string_append_c (self->out, '\n');
}

void
topiary_front_matter_writer_add_int (TopiaryFrontMatterWriter *self,
                                     const char               *key,
                                     gint64                    value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append_printf (self->out, " %" G_GINT64_FORMAT "\n", value);
}

void
topiary_front_matter_writer_add_bool (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      gboolean                  value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append (self->out, value ? " true\n" : " false\n");
}

void
topiary_front_matter_writer_add_strv (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      const char * const       *values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  g_string_append (self->out, " [");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (self->out, ", ");
      append_quoted (self->out, values[i]);
    }
  g_string_append (self->out, "]\n");
}

void
topiary_front_matter_writer_begin_map (TopiaryFrontMatterWriter *self,
                                       const char               *key)
{
  gsize offset;
  guint zero = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  offset = self->out->len;
  g_string_append_c (self->out, '\n');
  g_array_append_val (self->open_maps, offset);
  g_array_append_val (self->counts, zero);
}

void
topiary_front_matter_writer_end_map (TopiaryFrontMatterWriter *self)
{
  gsize offset;
  guint count;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->open_maps->len > 0);

  offset = g_array_index (self->open_maps, gsize, self->open_maps->len - 1);
  count = g_array_index (self->counts, guint, self->counts->len - 1);
  g_array_set_size (self->open_maps, self->open_maps->len - 1);
  g_array_set_size (self->counts, self->counts->len - 1);

  /* An empty map written as "key:" alone would read back as null. */
  if (count == 0)
    g_string_insert (self->out, offset, " {}");
}

char *
topiary_front_matter_writer_to_string (TopiaryFrontMatterWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  while (self->open_maps->len > 0)
    topiary_front_matter_writer_end_map (self);
  return g_strconcat (self->out->str, "---\n", NULL);
}
