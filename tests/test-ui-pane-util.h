/* test-ui-pane-util.h — the article pane, its editor and its Links panel,
 * for the UI tests of the links, the checklist and the remedies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-ui-util.h"
#include "topiary-article-pane.h"

static inline TopiaryArticlePane *
pane (void)
{
  GtkWidget *found = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_ARTICLE_PANE, 0);

  g_assert_nonnull (found);
  return TOPIARY_ARTICLE_PANE (found);
}

static inline gboolean
links_settled (gpointer data)
{
  return !topiary_article_pane_links_pending (pane ());
}

/* Until the panel and the checklist show the text (and the title) as
 * they are now. */
static inline void
wait_links (void)
{
  spin (50);
  g_assert_true (wait_for (links_settled, NULL, 30000));
  spin (50);
}

static inline GtkTextBuffer *
buffer (void)
{
  return GTK_TEXT_BUFFER (topiary_editor_get_buffer (topiary_window_get_editor (window)));
}

static inline char *
buffer_text (void)
{
  return topiary_editor_dup_text (topiary_window_get_editor (window));
}
