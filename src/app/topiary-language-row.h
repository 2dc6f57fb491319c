/* topiary-language-row.h — the details panel's Language drop-down: the
 * map's language ("Map Default (en)") or one of the installed
 * dictionaries' (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-project.h"

G_BEGIN_DECLS

/* Fills @row with the map's default and the languages spelling knows,
 * @current ("" = the map's) selected. */
void  topiary_language_row_fill         (AdwComboRow    *row,
                                         TopiaryProject *project,
                                         const char     *current);
/* The selected language, "" for the map's. */
char *topiary_language_row_dup_selected (AdwComboRow    *row);

G_END_DECLS
