/* topiary-importer.h — importing into a new map from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-import.h"
#include "topiary-import-dialog.h"

G_BEGIN_DECLS

typedef struct _TopiaryWindow TopiaryWindow;

#define TOPIARY_TYPE_IMPORTER (topiary_importer_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryImporter, topiary_importer, TOPIARY, IMPORTER, GObject)

/* Imports for @window: asks what and where, shows the preview, runs the
 * import and opens the new map in @window. */
TopiaryImporter     *topiary_importer_new            (TopiaryWindow              *window);
/* TRUE while an import runs (the "busy" property). */
gboolean             topiary_importer_is_busy        (TopiaryImporter            *self);
/* Imports @source into a new project at @path in a worker thread; see
 * topiary_import_job_run(). */
void                 topiary_importer_import         (TopiaryImporter            *self,
                                                      const char                 *source,
                                                      const char                 *path,
                                                      TopiaryImportFormat         format,
                                                      const TopiaryImportOptions *options,
                                                      const char                 *temporary);
/* Shows what importing @source (a file or a folder) or @text (pasted)
 * would create; the user's "Import" then asks where to save the map. */
TopiaryImportDialog *topiary_importer_preview        (TopiaryImporter            *self,
                                                      const char                 *source);
TopiaryImportDialog *topiary_importer_preview_text   (TopiaryImporter            *self,
                                                      const char                 *text);
/* Asks for a file (or a content folder) to preview. */
void                 topiary_importer_choose_source  (TopiaryImporter            *self,
                                                      gboolean                    folder);
/* Previews the text on the clipboard. */
void                 topiary_importer_paste          (TopiaryImporter            *self);
/* Opens the sample map, making it from the bundled outline the first time. */
void                 topiary_importer_open_sample    (TopiaryImporter            *self);

G_END_DECLS
