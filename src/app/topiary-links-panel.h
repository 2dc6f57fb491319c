/* topiary-links-panel.h — the links of the open article: what it links
 * to, what links to it, and the links it should have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-editor.h"
#include "topiary-link-service.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_LINKS_PANEL (topiary_links_panel_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryLinksPanel, topiary_links_panel, TOPIARY, LINKS_PANEL, GtkWidget)

/* Where suggestions are inserted, and who computes them; NULL for none. */
void topiary_links_panel_set_editor  (TopiaryLinksPanel  *self,
                                      TopiaryEditor      *editor);
void topiary_links_panel_set_service (TopiaryLinksPanel  *self,
                                      TopiaryLinkService *service);
/* Shows @report (not kept); NULL: no article. */
void topiary_links_panel_show_report (TopiaryLinksPanel        *self,
                                      const TopiaryLinksReport *report);
/* An article is open, its report is not there yet. */
void topiary_links_panel_show_loading (TopiaryLinksPanel *self);
/* The rows of suggestions shown (for tests and the window). */
guint topiary_links_panel_get_n_suggestions (TopiaryLinksPanel *self);

G_END_DECLS
