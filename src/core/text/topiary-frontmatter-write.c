/* topiary-frontmatter-write.c — YAML front matter written with libyaml's
 * emitter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every string value is written double-quoted, so that no YAML reader takes
 * "yes", "no", "null", "~" or "007" for anything but a string (Hugo's YAML
 * reader follows YAML 1.1, where "yes" is true); libyaml escapes what YAML
 * cannot hold raw. Keys are plain only when they are plain words that no
 * YAML version reads as anything but a string.
 */
#include "topiary-frontmatter.h"
#include "topiary-frontmatter-private.h"

#include <string.h>
#include <yaml.h>

struct _TopiaryFrontMatterWriter {
  yaml_emitter_t emitter;
  GString       *out;
  guint          depth;    /* mappings open below the document's */
  gboolean       ended;
};

static int
write_handler (void          *data,
               unsigned char *buffer,
               size_t         size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

/* Emits @event (which libyaml then owns). The writer only hands libyaml
 * valid UTF-8 in a valid order, so a refusal is a bug here. */
static void
emit (yaml_emitter_t *emitter,
      yaml_event_t   *event)
{
  if (!yaml_emitter_emit (emitter, event))
    g_critical ("libyaml refused a front-matter event: %s",
                emitter->problem ? emitter->problem : "unknown problem");
}

static void
emitter_init (yaml_emitter_t *emitter,
              GString        *out)
{
  yaml_event_t event;

  yaml_emitter_initialize (emitter);
  yaml_emitter_set_output (emitter, write_handler, out);
  yaml_emitter_set_encoding (emitter, YAML_UTF8_ENCODING);
  yaml_emitter_set_unicode (emitter, 1);
  /* One line per value, however long, as before. */
  yaml_emitter_set_width (emitter, -1);
  yaml_emitter_set_indent (emitter, 2);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  emit (emitter, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1);
  emit (emitter, &event);
}

static void
emitter_finish (yaml_emitter_t *emitter)
{
  yaml_event_t event;

  yaml_document_end_event_initialize (&event, 1);
  emit (emitter, &event);
  yaml_stream_end_event_initialize (&event);
  emit (emitter, &event);
  yaml_emitter_flush (emitter);
}

static void
emit_scalar (yaml_emitter_t   *emitter,
             const char       *text,
             yaml_scalar_style_t style)
{
  g_autofree char *repaired = NULL;
  const char *valid = text;
  yaml_event_t event;

  /* libyaml refuses invalid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    valid = repaired = g_utf8_make_valid (text, -1);
  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) valid, (int) strlen (valid),
                                style == YAML_PLAIN_SCALAR_STYLE,
                                style != YAML_PLAIN_SCALAR_STYLE,
                                style);
  emit (emitter, &event);
}

static void
emit_mapping_start (yaml_emitter_t *emitter)
{
  yaml_event_t event;

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  emit (emitter, &event);
}

static void
emit_mapping_end (yaml_emitter_t *emitter)
{
  yaml_event_t event;

  yaml_mapping_end_event_initialize (&event);
  emit (emitter, &event);
}

TopiaryFrontMatterWriter *
topiary_front_matter_writer_new (void)
{
  TopiaryFrontMatterWriter *self = g_new0 (TopiaryFrontMatterWriter, 1);

  self->out = g_string_new ("---\n");
  emitter_init (&self->emitter, self->out);
  emit_mapping_start (&self->emitter);
  return self;
}

void
topiary_front_matter_writer_free (TopiaryFrontMatterWriter *self)
{
  if (self == NULL)
    return;
  yaml_emitter_delete (&self->emitter);
  g_string_free (self->out, TRUE);
  g_free (self);
}

char *
topiary_yaml_quote (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  yaml_emitter_t emitter;

  g_return_val_if_fail (text != NULL, NULL);

  emitter_init (&emitter, out);
  emit_scalar (&emitter, text, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
  emitter_finish (&emitter);
  yaml_emitter_delete (&emitter);

  /* The document is the scalar and a line break. */
  g_assert (out->len > 0 && out->str[out->len - 1] == '\n');
  g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* TRUE when @key reads back as this very string when written plain: a
 * word of letters, digits, "_" and "-" that is no YAML 1.1 boolean or null
 * ("yes", "Off", "n", "null" …). */
static gboolean
key_is_plain (const char *key)
{
  static const char * const special[] = {
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", NULL
  };
  g_autofree char *down = NULL;

  if (!g_ascii_isalpha (key[0]) && key[0] != '_')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  down = g_ascii_strdown (key, -1);
  return !g_strv_contains (special, down);
}

static void
write_key (TopiaryFrontMatterWriter *self,
           const char               *key)
{
  emit_scalar (&self->emitter, key,
               key_is_plain (key) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void
topiary_front_matter_writer_add_string (TopiaryFrontMatterWriter *self,
                                        const char               *key,
                                        const char               *value)
{
  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (key != NULL && *key != '\0');

  if (value == NULL)
    return;
  write_key (self, key);
  emit_scalar (&self->emitter, value, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void
topiary_front_matter_writer_add_int (TopiaryFrontMatterWriter *self,
                                     const char               *key,
                                     gint64                    value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (key != NULL && *key != '\0');

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  write_key (self, key);
  emit_scalar (&self->emitter, text, YAML_PLAIN_SCALAR_STYLE);
}

void
topiary_front_matter_writer_add_bool (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      gboolean                  value)
{
  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  emit_scalar (&self->emitter, value ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}

void
topiary_front_matter_writer_add_strv (TopiaryFrontMatterWriter *self,
                                      const char               *key,
                                      const char * const       *values)
{
  yaml_event_t event;

  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
  emit (&self->emitter, &event);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    emit_scalar (&self->emitter, values[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
  yaml_sequence_end_event_initialize (&event);
  emit (&self->emitter, &event);
}

void
topiary_front_matter_writer_begin_map (TopiaryFrontMatterWriter *self,
                                       const char               *key)
{
  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (key != NULL && *key != '\0');

  write_key (self, key);
  emit_mapping_start (&self->emitter);
  self->depth++;
}

void
topiary_front_matter_writer_end_map (TopiaryFrontMatterWriter *self)
{
  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (self->depth > 0);

  /* libyaml writes an empty map as "{}", which reads back as a map. */
  emit_mapping_end (&self->emitter);
  self->depth--;
}

char *
topiary_front_matter_writer_to_string (TopiaryFrontMatterWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!self->ended)
    {
      while (self->depth > 0)
        topiary_front_matter_writer_end_map (self);
      emit_mapping_end (&self->emitter);
      emitter_finish (&self->emitter);
      self->ended = TRUE;
    }
  return g_strconcat (self->out->str, "---\n", NULL);
}
