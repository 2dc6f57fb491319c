/* topiary-csv-cell.h — cells a spreadsheet would take for a formula
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A spreadsheet runs a cell that starts with '=', '+', '-' or '@' (and,
 * in some, a tab or a carriage return) as a formula. The CSV export puts
 * a single quote before such a cell, as OWASP recommends, and the CSV
 * import takes it off again, so that a value goes through both unchanged.
 * A value that starts with quotes followed by such a character gets one
 * more quote too: "'=x" is written "''=x", so that reading it back cannot
 * take its own quote for the protective one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the export writes @value with a quote before it. */
gboolean    topiary_csv_cell_needs_prefix (const char *value);
/* @cell as exported without its protective quote, if it has one: a
 * pointer into @cell. */
const char *topiary_csv_cell_unprefix     (const char *cell);

G_END_DECLS
