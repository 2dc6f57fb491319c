/* fuzz-common.h — a scratch project shared by the libFuzzer targets
 *
 * Every input is imported inside a transaction that is rolled back, so the
 * project stays empty and runs do not slow down as they go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "topiary-import.h"

static TopiaryProject *fuzz_project;
static char *fuzz_dir;

static void
fuzz_remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (path, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        fuzz_remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (path);
}

static void
fuzz_cleanup (void)
{
  g_clear_object (&fuzz_project);
  if (fuzz_dir != NULL)
    fuzz_remove_tree (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

G_GNUC_UNUSED static void
fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (fuzz_project != NULL)
    return;
  fuzz_dir = g_dir_make_tmp ("topiary-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fuzz_dir, "fuzz.topiary", NULL);
  fuzz_project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  atexit (fuzz_cleanup);
}

/* What the import driver hands a text importer: valid UTF-8, no NUL. */
G_GNUC_UNUSED static char *
fuzz_text (const uint8_t *data,
           size_t         size,
           gsize         *length)
{
  char *text = g_utf8_make_valid ((const char *) data, (gssize) size);

  *length = strlen (text);
  return text;
}
