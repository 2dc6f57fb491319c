/* fuzz-outline.c — libFuzzer target for the outline importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "topiary-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  gboolean ok;

  fuzz_setup ();
  text = fuzz_text (data, size, &length);
  g_assert_true (topiary_project_begin (fuzz_project, NULL));
  ok = _topiary_import_outline (fuzz_project, text, length, report, &error);
  /* A failure always says why. */
  g_assert_true (ok || error != NULL);
  (void) _topiary_import_outline_sniff (text, length);
  topiary_project_rollback (fuzz_project);
  return 0;
}
