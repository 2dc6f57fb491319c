/* test-ui-pane-util.h — the article pane, its editor and its Links panel,
 * for the UI tests of the links, the checklist and the remedies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-ui-util.h"
#include "topiary-article-pane.h"

/* Two articles of the sample map (Flask), which tests make compete. */
#define BLUEPRINTS "blueprints-and-the-app-factory-pattern-explained"
#define STRUCTURE "flask-project-structure-best-practices-and-examples"

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

static inline gint64
article_by_slug (const char *slug)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article_by_slug (topiary_window_get_project (window), slug, FALSE, NULL);

  return a != NULL ? topiary_article_get_id (a) : 0;
}

static inline void
set_query (gint64      id,
           const char *query,
           const char *intent)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, id, FALSE, NULL);
  const char *queries[] = { query, NULL };

  topiary_article_set_queries (article, queries);
  topiary_article_set_primary_query (article, 0);
  if (intent != NULL)
    topiary_article_set_intent (article, intent);
  g_assert_true (topiary_project_update_article (project, article, NULL));
}

/* The overview's Remedies button of the finding, after a check. */
static inline GtkWidget *
remedies_button (GtkWidget *overview)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *button = find_widget_of_type (overview, GTK_TYPE_MENU_BUTTON, i);

      if (button == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (button), "Remedies") == 0)
        return button;
    }
}
