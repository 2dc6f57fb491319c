/* topiary-article-pane.h — the article being written: editor, preview and details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-details.h"
#include "topiary-editor.h"
#include "topiary-links-panel.h"
#include "topiary-map-tree.h"
#include "topiary-preview.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_ARTICLE_PANE (topiary_article_pane_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryArticlePane, topiary_article_pane, TOPIARY, ARTICLE_PANE, GtkWidget)

/* Hands the pane the project (and the sidebar's tree, for the details'
 * pillar choices); NULL for none. Call topiary_article_pane_load() with 0
 * first, so nothing of the previous project is still shown. */
void            topiary_article_pane_set_project    (TopiaryArticlePane *self,
                                                     TopiaryProject     *project,
                                                     TopiaryMapTree     *tree);
void            topiary_article_pane_set_settings   (TopiaryArticlePane *self,
                                                     GSettings          *settings);
/* Shows @article_id (0: none) in the editor, the preview and the details,
 * saving what they showed before. */
gboolean        topiary_article_pane_load           (TopiaryArticlePane *self,
                                                     gint64              article_id,
                                                     GError            **error);
/* 0 when no article is shown. */
gint64          topiary_article_pane_get_article_id (TopiaryArticlePane *self);
/* Writes whatever the editor and the details still hold. */
gboolean        topiary_article_pane_save           (TopiaryArticlePane *self,
                                                     GError            **error);
/* TRUE while the editor writes the body: nothing the map shows changed. */
gboolean        topiary_article_pane_is_saving_body (TopiaryArticlePane *self);
/* Renders the preview again (a link may resolve differently now). */
void            topiary_article_pane_render         (TopiaryArticlePane *self);
void            topiary_article_pane_toggle_details (TopiaryArticlePane *self);
/* Editor, then side by side, then preview, then the editor again. */
void            topiary_article_pane_cycle_layout   (TopiaryArticlePane *self);
/* Too narrow for editor and preview side by side: one shows, with a
 * switcher (the "narrow" property). */
gboolean        topiary_article_pane_get_narrow     (TopiaryArticlePane *self);
/* Known to be wide enough for both (it has had a width, and it is not
 * narrow): what the header's own view switch waits for. */
gboolean        topiary_article_pane_get_wide       (TopiaryArticlePane *self);

/* The editor and the preview are made when first asked for: the map is
 * what a window shows first. The preview is NULL when its module cannot
 * be loaded (the pane then says so). */
TopiaryEditor  *topiary_article_pane_get_editor     (TopiaryArticlePane *self);
TopiaryPreview *topiary_article_pane_get_preview    (TopiaryArticlePane *self);
TopiaryDetails *topiary_article_pane_get_details    (TopiaryArticlePane *self);
/* The Links page beside the details, and showing it. */
TopiaryLinksPanel *topiary_article_pane_get_links_panel (TopiaryArticlePane *self);
void            topiary_article_pane_show_links     (TopiaryArticlePane *self);
/* The details (not the links) shown beside the text. */
void            topiary_article_pane_show_details_page (TopiaryArticlePane *self);
/* TRUE while the links and the checklist are not up to date with the
 * text (a report is due or being computed, or the map is being read). */
gboolean        topiary_article_pane_links_pending  (TopiaryArticlePane *self);

G_END_DECLS
