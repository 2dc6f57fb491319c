/* topiary-check-title.c — the page's only <h1> is the article's title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-check.h"
#include "topiary-check-title-private.h"
#include "topiary-markdown-title.h"

static void
add (GPtrArray       *findings,
     TopiarySeverity  severity,
     const char      *code,
     TopiaryArticle  *article,
     const char      *target,
     char            *message)
{
  TopiaryCheckFinding *finding = g_new0 (TopiaryCheckFinding, 1);

  finding->severity = severity;
  finding->code = g_strdup (code);
  finding->article_id = topiary_article_get_id (article);
  finding->group_id = topiary_article_get_group_id (article);
  finding->target = g_strdup (target);
  finding->message = message;
  g_ptr_array_add (findings, finding);
}

void
_topiary_check_title (GPtrArray      *findings,
                      TopiaryArticle *article,
                      const char     *name,
                      const char     *body)
{
  const char *title = topiary_article_get_title (article);
  g_autofree char *first = NULL;
  guint title_line = 0;

  /* Other level-1 headings need no finding: the page shows them one
   * level down. */
  if (title != NULL && topiary_markdown_starts_with_title (body, title, NULL))
    {
      first = topiary_markdown_first_heading (body, &title_line, NULL);
      add (findings, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_TITLE_HEADING, article, first,
           g_strdup_printf (_("Article “%s” starts with its title as a heading (line %u), which its page shows already."),
                            name, title_line));
    }
}
