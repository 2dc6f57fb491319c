/* topiary-highlight.c — the process's code highlighter, if any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-highlight.h"

static TopiaryHighlightFunc installed_func;
static gpointer installed_data;
static char *installed_id;
static GMutex lock;

const char * const topiary_highlight_classes[] = {
  "comment", "string", "escape", "number", "constant", "keyword", "operator",
  "type", "function", "builtin", "identifier", "preproc", "error", "note",
  "link", "heading", "emphasis", "strong", "inserted", "deleted",
  NULL,
};

void
topiary_highlight_install (TopiaryHighlightFunc func,
                           gpointer             user_data)
{
  topiary_highlight_install_full (func, user_data, NULL);
}

void
topiary_highlight_install_full (TopiaryHighlightFunc func,
                                gpointer             user_data,
                                const char          *id)
{
  g_return_if_fail (id == NULL || strchr (id, '\n') == NULL);

  g_mutex_lock (&lock);
  installed_func = func;
  installed_data = func != NULL ? user_data : NULL;
  g_free (installed_id);
  installed_id = func != NULL ? g_strdup (id) : NULL;
  g_mutex_unlock (&lock);
}

TopiaryHighlightFunc
topiary_highlight_get (gpointer *user_data)
{
  return topiary_highlight_get_full (user_data, NULL);
}

TopiaryHighlightFunc
topiary_highlight_get_full (gpointer  *user_data,
                            char     **id)
{
  TopiaryHighlightFunc func;

  g_return_val_if_fail (user_data != NULL, NULL);

  g_mutex_lock (&lock);
  func = installed_func;
  *user_data = installed_data;
  if (id != NULL)
    *id = g_strdup (installed_id);
  g_mutex_unlock (&lock);
  return func;
}
