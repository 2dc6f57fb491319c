/* topiary-cli-links.c — `topiary links`: missing required links and link
 * suggestions, for one article or the whole map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-links.h"

static const char *
kind_label (const TopiarySuggestion *s)
{
  switch (s->kind)
    {
    case TOPIARY_SUGGESTION_REQUIRED:
      return s->reason == TOPIARY_REQUIRED_PILLAR ? _("required (to its pillar)")
           : s->reason == TOPIARY_REQUIRED_CLUSTER ? _("required (to a cluster)")
           : _("required (linking plan)");
    case TOPIARY_SUGGESTION_MENTION:
      return _("mention");
    case TOPIARY_SUGGESTION_SIBLING:
      return _("sibling");
    case TOPIARY_SUGGESTION_ANCHOR:
      return _("another anchor");
    default:
      return "";
    }
}

static void
print_suggestions (TopiaryLinker *linker,
                   GPtrArray     *suggestions,
                   const char    *body)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      TopiarySuggestion *s = g_ptr_array_index (suggestions, i);
      gsize start, end;
      g_autofree char *text = topiary_suggestion_edit (linker, s, body, 0, &start, &end);
      g_autofree char *shown = topiary_cli_shown (g_strstrip (text));

      g_print ("  %s: %s\n", kind_label (s), shown);
      if (s->sentence != NULL)
        {
          g_autofree char *sentence = topiary_cli_shown (s->sentence);

          g_print ("      “%s”\n", sentence);
        }
      if (s->alternatives[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", s->alternatives);
          g_autofree char *others = topiary_cli_shown (joined);

          g_print (_("      other anchors: %s\n"), others);
        }
    }
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
article_body (TopiaryProject *project,
              gint64          id,
              int            *status)
{
  g_autoptr(GError) error = NULL;
  char *body = topiary_project_get_body (project, id, &error);

  if (body == NULL)
    *status = _topiary_cli_fail (error->message);
  return body;
}

static GPtrArray *
suggestions_of (TopiaryProject *project,
                TopiaryLinker  *linker,
                gint64          id,
                const char     *body,
                int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) dismissed = topiary_project_list_dismissals (project, id, &error);

  if (dismissed == NULL)
    {
      *status = _topiary_cli_fail (error->message);
      return NULL;
    }
  return topiary_linker_suggest (linker, id, body, dismissed);
}

static int
one_article (TopiaryProject    *project,
             TopiaryLinker     *linker,
             TopiaryMapArticle *a,
             gboolean           as_json)
{
  static const char * const states[] = { N_("resolved"), N_("unresolved"), N_("planned") };
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *title = topiary_cli_shown (topiary_article_get_title (a->article));
  int status = 0;

  body = article_body (project, a->id, &status);
  if (body == NULL)
    return status;
  suggestions = suggestions_of (project, linker, a->id, body, &status);
  if (suggestions == NULL)
    return status;
  out = topiary_linker_outgoing (linker, body);
  in = topiary_linker_backlinks (linker, a->id);

  if (as_json)
    {
      g_autoptr(JsonNode) node = topiary_linker_to_json_node (linker, a->id, out, in, suggestions);
      g_autofree char *json = json_to_string (node, TRUE);

      g_print ("%s\n", json);
      return 0;
    }

  g_print ("%s\n", title);
  g_print (_("Outgoing links: %u\n"), out->len);
  for (guint i = 0; i < out->len; i++)
    {
      TopiaryOutlink *o = g_ptr_array_index (out, i);
      g_autofree char *target = topiary_cli_shown (o->target);

      g_print ("  %s: %s\n", _(states[o->state]), target);
    }
  g_print (_("Backlinks: %u\n"), in->len);
  for (guint i = 0; i < in->len; i++)
    {
      TopiaryBacklink *b = g_ptr_array_index (in, i);
      TopiaryMapArticle *src = topiary_map_lookup_article (topiary_linker_get_map (linker), b->source_id);
      g_autofree char *slug = topiary_cli_shown (src != NULL ? topiary_article_get_slug (src->article) : "");
      g_autofree char *sentence = topiary_cli_shown (b->sentence);

      g_print ("  %s: “%s”\n", slug, sentence);
    }
  g_print (_("Suggestions: %u\n"), suggestions->len);
  print_suggestions (linker, suggestions, body);
  return 0;
}

static int
whole_map (TopiaryProject *project,
           TopiaryLinker  *linker,
           gboolean        as_json)
{
  GPtrArray *articles = topiary_map_get_articles (topiary_linker_get_map (linker));
  g_autoptr(JsonArray) list = json_array_new ();
  guint shown = 0;

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) suggestions = NULL;
      int status = 0;

      body = article_body (project, a->id, &status);
      if (body == NULL)
        return status;
      /* As in `check`: an article not written yet has nothing to fix. */
      if (is_blank (body))
        continue;
      suggestions = suggestions_of (project, linker, a->id, body, &status);
      if (suggestions == NULL)
        return status;
      if (suggestions->len == 0)
        continue;
      shown++;
      if (as_json)
        json_array_add_element (list, topiary_linker_to_json_node (linker, a->id, NULL, NULL, suggestions));
      else
        {
          g_autofree char *title = topiary_cli_shown (topiary_article_get_title (a->article));
          g_autofree char *slug = topiary_cli_shown (topiary_article_get_slug (a->article));

          g_print ("%s  /%s\n", title, slug);
          print_suggestions (linker, suggestions, body);
        }
    }
  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), list);
      g_autofree char *json = json_to_string (node, TRUE);

      g_print ("%s\n", json);
    }
  else if (shown == 0)
    g_print (_("No link is missing and none is suggested.\n"));
  return 0;
}

TopiaryMapArticle *
_topiary_cli_lookup_slug (TopiaryMap *map,
                          const char *path,
                          const char *slug,
                          int        *status)
{
  TopiaryMapArticle *a = topiary_map_lookup_slug (map, slug);

  if (a == NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("No article of “%s” has the slug “%s”."), base, slug);

      *status = _topiary_cli_fail (message);
    }
  return a;
}

int
_topiary_cli_links (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the links as JSON"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 1 | TOPIARY_CLI_ONE_MORE,
                             _("Give one project file, and the slug of an article if you like."), &status);
  if (args == NULL)
    return status;
  linker = _topiary_cli_open_linker (args[0], &project, &map, &status);
  if (linker == NULL)
    return status;

  if (args[1] != NULL)
    {
      TopiaryMapArticle *a = _topiary_cli_lookup_slug (map, args[0], args[1], &status);

      return a != NULL ? one_article (project, linker, a, as_json) : status;
    }
  return whole_map (project, linker, as_json);
}
