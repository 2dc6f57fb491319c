/* topiary-web-preview.h — the WebKit implementation of TopiaryPreview
 *
 * Lives in the preview module; the app reaches it only through
 * topiary-preview.h and g_module_symbol().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gmodule.h>
#include <webkit/webkit.h>

#include "topiary-preview.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_WEB_PREVIEW (topiary_web_preview_get_type ())
G_MODULE_EXPORT
G_DECLARE_FINAL_TYPE (TopiaryWebPreview, topiary_web_preview, TOPIARY, WEB_PREVIEW, GtkWidget)

G_END_DECLS
