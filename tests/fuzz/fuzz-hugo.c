/* fuzz-hugo.c — libFuzzer target for the Hugo importer and front matter
 *
 * The input is split on NUL-free "\n%%\n" separators into up to four files
 * of a small content folder (the root page, a group page, two articles), so
 * the fuzzer can reach the map, group and article paths together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "topiary-frontmatter.h"
#include "topiary-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const names[] = {
  "content/group/a.md", "content/group/_index.md", "content/_index.md", "content/group/b/index.md",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *content = NULL;
  const char *p = (const char *) data;
  const char *end = p + size;
  gboolean ok;

  fuzz_setup ();
  root = g_build_filename (fuzz_dir, "site", NULL);
  content = g_build_filename (root, "content", NULL);
  fuzz_remove_tree (root);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (root, names[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);
      const char *sep = p < end ? g_strstr_len (p, end - p, "\n%%\n") : NULL;
      const char *stop = sep ? sep : end;

      if (p >= end && i > 0)
        break;
      g_mkdir_with_parents (dir, 0755);
      g_file_set_contents (path, p, stop - p, NULL);

      /* The front matter reader on its own, too. */
      {
        gsize start, len, body;
        TopiaryFrontMatterFormat format = topiary_front_matter_split (p, stop - p, &start, &len, &body);
        g_autoptr(TopiaryFrontMatter) fm = NULL;

        if (format != TOPIARY_FRONT_MATTER_NONE)
          {
            g_autoptr(GError) fm_error = NULL;
            fm = topiary_front_matter_parse (format, p + start, len, &fm_error);
            g_assert_true (fm != NULL || fm_error != NULL);
            g_assert_true (body <= (gsize) (stop - p));
          }
        if (fm != NULL)
          {
            g_auto(GStrv) keys = topiary_front_matter_get_keys (fm);
            for (guint k = 0; keys[k]; k++)
              {
                g_auto(GStrv) values = topiary_front_matter_get_strv (fm, keys[k]);
                gint64 n;
                (void) topiary_front_matter_get_int (fm, keys[k], &n);
                (void) values;
              }
          }
      }
      p = sep ? sep + 4 : end;
    }

  g_assert_true (topiary_project_begin (fuzz_project, NULL));
  ok = _topiary_import_hugo (fuzz_project, content, report, NULL, NULL, &error);
  g_assert_true (ok || error != NULL);
  topiary_project_rollback (fuzz_project);
  return 0;
}
