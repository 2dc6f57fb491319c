/* topiary-map-edit-import.h — importing into the open map, as one undoable edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-edit.h"
#include "topiary-import.h"

G_BEGIN_DECLS

/* Imports @source into @project (topiary_import_full()) in one transaction
 * and returns the record that undoes it: applying it removes exactly the
 * articles, groups and notes the import created (the articles go to the
 * trash, as a delete does) and leaves what was there; its reverse adds them
 * again. On failure nothing is changed and NULL is returned with @error set. */
TopiaryEdit *topiary_map_edit_import (TopiaryProject             *project,
                                      const char                 *source,
                                      TopiaryImportFormat         format,
                                      const TopiaryImportOptions *options,
                                      TopiaryImportReport        *report,
                                      GError                    **error);

G_END_DECLS
