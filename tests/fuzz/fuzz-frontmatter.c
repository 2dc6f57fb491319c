/* fuzz-frontmatter.c — libFuzzer target for the front matter writer
 *
 * Whatever strings go in must come back out of the reader unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "topiary-frontmatter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(TopiaryFrontMatterWriter) writer = topiary_front_matter_writer_new ();
  g_autoptr(TopiaryFrontMatter) fm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize length, start, len, body;
  guint n;

  text = fuzz_text (data, size, &length);
  parts = g_strsplit (text, "\x1f", 64);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      topiary_front_matter_writer_add_string (writer, key, parts[i]);
    }
  topiary_front_matter_writer_add_strv (writer, "list", (const char * const *) parts);
  out = topiary_front_matter_writer_to_string (writer);

  g_assert_cmpint (topiary_front_matter_split (out, strlen (out), &start, &len, &body), ==, TOPIARY_FRONT_MATTER_YAML);
  fm = topiary_front_matter_parse (TOPIARY_FRONT_MATTER_YAML, out + start, len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_cmpstr (topiary_front_matter_get_string (fm, key), ==, parts[i]);
    }
  return 0;
}
