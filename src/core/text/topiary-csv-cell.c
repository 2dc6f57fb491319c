/* topiary-csv-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-csv-cell.h"

gboolean
topiary_csv_cell_needs_prefix (const char *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  value += strspn (value, "'");
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

const char *
topiary_csv_cell_unprefix (const char *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  if (cell[0] == '\'' && topiary_csv_cell_needs_prefix (cell + 1))
    return cell + 1;
  return cell;
}
