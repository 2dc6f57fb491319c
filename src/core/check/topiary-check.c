/* topiary-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-check.h"
#include "topiary-cannibal.h"
#include "topiary-check-media-private.h"
#include "topiary-check-title-private.h"
#include "topiary-link.h"
#include "topiary-map.h"
#include "topiary-markdown.h"
#include "topiary-slug.h"

const char *
topiary_severity_to_string (TopiarySeverity severity)
{
  switch (severity)
    {
    case TOPIARY_SEVERITY_INFO:
      return "info";
    case TOPIARY_SEVERITY_WARNING:
      return "warning";
    case TOPIARY_SEVERITY_ERROR:
      return "error";
    default:
      return "unknown";
    }
}

void
topiary_check_finding_free (TopiaryCheckFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->code);
  g_free (finding->target);
  g_free (finding->message);
  g_free (finding);
}

typedef struct {
  GPtrArray  *findings;
  TopiaryMap *map;
  GPtrArray  *groups;          /* TopiaryMapGroup *, the map's */
  GPtrArray  *articles;        /* TopiaryMapArticle *, the map's */
  GHashTable *headings;        /* article id → its first heading, for the written ones */
} Check;

static void G_GNUC_PRINTF (7, 8)
add_finding (Check           *check,
             TopiarySeverity  severity,
             const char      *code,
             gint64           article_id,
             gint64           group_id,
             gint64           related_id,
             const char      *format,
             ...)
{
  TopiaryCheckFinding *finding = g_new0 (TopiaryCheckFinding, 1);
  va_list args;

  finding->severity = severity;
  finding->code = g_strdup (code);
  finding->article_id = article_id;
  finding->group_id = group_id;
  finding->related_id = related_id;

  va_start (args, format);
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (check->findings, finding);
}

static void
set_last_target (Check      *check,
                 const char *target)
{
  TopiaryCheckFinding *finding = g_ptr_array_index (check->findings, check->findings->len - 1);

  g_free (finding->target);
  finding->target = g_strdup (target);
}

static void
set_last_line (Check *check,
               guint  line)
{
  TopiaryCheckFinding *finding = g_ptr_array_index (check->findings, check->findings->len - 1);

  finding->line = line;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* How an article is named in a message: its title, or its slug when the
 * title is empty. */
static const char *
article_name (TopiaryArticle *article)
{
  const char *title = topiary_article_get_title (article);

  if (!is_blank (title))
    return title;

  return topiary_article_get_slug (article) ? topiary_article_get_slug (article) : "";
}

static const char *
group_name (TopiaryGroup *group)
{
  const char *title = topiary_group_get_title (group);

  if (!is_blank (title))
    return title;

  return topiary_group_get_slug (group) ? topiary_group_get_slug (group) : "";
}

static TopiaryArticle *
article_by_id (Check  *check,
               gint64  id)
{
  TopiaryMapArticle *a = id != 0 ? topiary_map_lookup_article (check->map, id) : NULL;

  return a != NULL ? a->article : NULL;
}

static TopiaryArticle *
article_at (Check *check,
            guint  i)
{
  return ((TopiaryMapArticle *) g_ptr_array_index (check->articles, i))->article;
}

static TopiaryGroup *
group_at (Check *check,
          guint  i)
{
  return ((TopiaryMapGroup *) g_ptr_array_index (check->groups, i))->group;
}

/* The rule of topiary-link.h, as the preview and the export apply it. */
static TopiaryArticle *
resolve (Check      *check,
         const char *target)
{
  TopiaryMapArticle *a = topiary_map_resolve_link (check->map, target, NULL);

  return a != NULL ? a->article : NULL;
}

static void
check_titles_and_slugs (Check *check)
{
  /* Groups and articles become folders side by side in the exported site,
   * and some file systems ignore case: one table for both, lowercased. */
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < check->groups->len; i++)
    {
      TopiaryGroup *group = group_at (check, i);
      gint64 id = topiary_group_get_id (group);
      const char *slug = topiary_group_get_slug (group);

      if (is_blank (topiary_group_get_title (group)))
        add_finding (check, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_EMPTY_TITLE, 0, id, 0,
                     _("Group %" PRId64 " (slug “%s”) has an empty title."),
                     id, slug ? slug : "");

      if (topiary_slug_is_reserved (slug))
        {
          add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_INVALID_SLUG, 0, id, 0,
                       _("Group “%s” has the slug “%s”, a device name that Windows cannot use as a file name."),
                       group_name (group), slug);
          set_last_target (check, slug);
        }
      else if (!topiary_slug_is_valid (slug))
        {
          add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_INVALID_SLUG, 0, id, 0,
                       _("Group “%s” has the slug “%s”, which is not made only of lowercase letters, digits and single dashes."),
                       group_name (group), slug ? slug : "");
          set_last_target (check, slug);
        }

      if (slug != NULL && *slug != '\0')
        {
          char *lower = g_ascii_strdown (slug, -1);
          const char *owner = g_hash_table_lookup (owners, lower);

          if (owner != NULL)
            {
              add_finding (check, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_DUPLICATE_SLUG, 0, id, 0,
                           _("Group “%s” has the slug “%s”, already used by %s."),
                           group_name (group), slug, owner);
              set_last_target (check, slug);
              g_free (lower);
            }
          else
            g_hash_table_insert (owners, lower,
                                 g_strdup_printf (_("group “%s”"), group_name (group)));
        }
    }

  for (guint i = 0; i < check->articles->len; i++)
    {
      TopiaryArticle *article = article_at (check, i);
      gint64 id = topiary_article_get_id (article);
      gint64 group_id = topiary_article_get_group_id (article);
      const char *slug = topiary_article_get_slug (article);

      if (is_blank (topiary_article_get_title (article)))
        add_finding (check, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_EMPTY_TITLE, id, group_id, 0,
                     _("Article %" PRId64 " (slug “%s”) has an empty title."),
                     id, slug ? slug : "");

      if (topiary_slug_is_reserved (slug))
        {
          add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_INVALID_SLUG, id, group_id, 0,
                       _("Article “%s” has the slug “%s”, a device name that Windows cannot use as a file name."),
                       article_name (article), slug);
          set_last_target (check, slug);
        }
      else if (!topiary_slug_is_valid (slug))
        {
          add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_INVALID_SLUG, id, group_id, 0,
                       _("Article “%s” has the slug “%s”, which is not made only of lowercase letters, digits and single dashes."),
                       article_name (article), slug ? slug : "");
          set_last_target (check, slug);
        }

      if (slug != NULL && *slug != '\0')
        {
          char *lower = g_ascii_strdown (slug, -1);
          const char *owner = g_hash_table_lookup (owners, lower);

          if (owner != NULL)
            {
              add_finding (check, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_DUPLICATE_SLUG, id, group_id, 0,
                           _("Article “%s” has the slug “%s”, already used by %s."),
                           article_name (article), slug, owner);
              set_last_target (check, slug);
              g_free (lower);
            }
          else
            g_hash_table_insert (owners, lower,
                                 g_strdup_printf (_("article “%s”"), article_name (article)));
        }
    }
}

static void
check_structure (Check *check)
{
  /* A group's pillar is its first of kind pillar (topiary-map.h). */
  for (guint i = 0; i < check->groups->len; i++)
    {
      TopiaryMapGroup *g = g_ptr_array_index (check->groups, i);

      if (g->pillar == NULL)
        add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_GROUP_WITHOUT_PILLAR,
                     0, g->id, 0,
                     _("Group “%s” has no pillar article."), group_name (g->group));
      for (guint j = 1; j < g->pillars->len; j++)
        {
          TopiaryMapArticle *extra = g_ptr_array_index (g->pillars, j);

          add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_GROUP_SEVERAL_PILLARS,
                       extra->id, g->id, g->pillar->id,
                       _("Group “%s” has more than one pillar: “%s” is one too many."),
                       group_name (g->group), article_name (extra->article));
        }
    }

  for (guint i = 0; i < check->articles->len; i++)
    {
      TopiaryArticle *article = article_at (check, i);
      gint64 id = topiary_article_get_id (article);
      gint64 group_id = topiary_article_get_group_id (article);
      gint64 parent_id = topiary_article_get_parent_id (article);
      TopiaryArticle *parent;

      if (group_id == 0 || topiary_article_get_kind (article) != TOPIARY_KIND_CLUSTER)
        continue;

      parent = article_by_id (check, parent_id);
      if (parent == NULL)
        {
          TopiaryMapGroup *group = topiary_map_lookup_group (check->map, group_id);
          TopiaryArticle *suggestion = group != NULL && group->pillar != NULL ? group->pillar->article : NULL;

          if (suggestion != NULL)
            add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_CLUSTER_WITHOUT_PILLAR,
                         id, group_id, topiary_article_get_id (suggestion),
                         _("Cluster “%s” has no pillar; its group’s pillar is “%s”."),
                         article_name (article), article_name (suggestion));
          else
            add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_CLUSTER_WITHOUT_PILLAR,
                         id, group_id, 0,
                         _("Cluster “%s” has no pillar."), article_name (article));
        }
      else if (topiary_article_get_kind (parent) != TOPIARY_KIND_PILLAR)
        add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_PARENT_NOT_PILLAR,
                     id, group_id, parent_id,
                     _("Cluster “%s” is placed under “%s”, which is not a pillar."),
                     article_name (article), article_name (parent));
      else if (topiary_article_get_group_id (parent) != group_id)
        add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_PILLAR_IN_OTHER_GROUP,
                     id, group_id, parent_id,
                     _("Cluster “%s” belongs to pillar “%s” of another group."),
                     article_name (article), article_name (parent));
    }
}

/* Returns the set of article ids @article's body links to, or NULL when
 * the article is not written yet. Reports links that point nowhere. */
static GHashTable *
check_article_links (Check          *check,
                     TopiaryProject *project,
                     TopiaryArticle *listed,
                     GError        **error)
{
  gint64 id = topiary_article_get_id (listed);
  gint64 group_id = topiary_article_get_group_id (listed);
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) reported = NULL;
  GHashTable *targets;
  const char *body;

  article = topiary_project_get_article (project, id, TRUE, error);
  if (article == NULL)
    return NULL;

  body = topiary_article_get_body (article);
  if (is_blank (body))
    return NULL;
  _topiary_check_title (check->findings, listed, article_name (listed), body);

  {
    char *heading = topiary_cannibal_first_heading (body);

    if (heading != NULL)
      g_hash_table_insert (check->headings, g_memdup2 (&id, sizeof id), heading);
  }
  targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  links = topiary_markdown_scan_links (body);

  for (guint i = 0; i < links->len; i++)
    {
      TopiaryMarkdownLink *link = g_ptr_array_index (links, i);
      TopiaryArticle *target = NULL;

      if (link->kind == TOPIARY_LINK_WIKI)
        {
          target = resolve (check, link->target);

          /* "Foo" and "foo" would both be fixed by one new article: one
           * finding. */
          if (target == NULL && g_hash_table_add (reported, topiary_link_key (link->target, -1)))
            {
              add_finding (check, TOPIARY_SEVERITY_ERROR, TOPIARY_CHECK_UNRESOLVED_LINK,
                           id, group_id, 0,
                           _("Article “%s” links to “%s” (line %u), which matches no article."),
                           article_name (listed), link->target, link->line);
              set_last_target (check, link->target);
              set_last_line (check, link->line);
            }
        }
      else
        {
          g_autofree char *slug = topiary_markdown_relative_link_slug (link->target);
          TopiaryMapArticle *found;

          /* Links to files and anchors are none of the audit's business. */
          if (slug == NULL)
            continue;

          found = topiary_map_lookup_slug (check->map, slug);
          target = found != NULL ? found->article : NULL;
          if (target == NULL && g_hash_table_add (reported, g_strdup (link->target)))
            {
              add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_UNRESOLVED_RELATIVE_LINK,
                           id, group_id, 0,
                           _("Article “%s” links to “%s” (line %u), which is no article of this project."),
                           article_name (listed), link->target, link->line);
              set_last_target (check, link->target);
              set_last_line (check, link->line);
            }
        }

      if (target != NULL && target != listed &&
          topiary_article_get_status (listed) == TOPIARY_STATUS_PUBLISHED &&
          topiary_article_get_status (target) != TOPIARY_STATUS_PUBLISHED &&
          g_hash_table_add (reported, g_strdup_printf ("\x1f%" PRId64, topiary_article_get_id (target))))
        {
          add_finding (check, TOPIARY_SEVERITY_INFO, TOPIARY_CHECK_LINK_TO_UNPUBLISHED,
                       id, group_id, topiary_article_get_id (target),
                       _("Article “%s” links to “%s” (line %u), which is not published yet: the site shows the link as plain text until it is."),
                       article_name (listed), article_name (target), link->line);
          set_last_target (check, link->target);
          set_last_line (check, link->line);
        }
      if (target != NULL)
        g_hash_table_add (targets, g_memdup2 (&(gint64) { topiary_article_get_id (target) }, sizeof (gint64)));
    }

  return targets;
}

static gboolean
check_links (Check           *check,
             TopiaryProject  *project,
             GError         **error)
{
  /* id → set of linked ids, for written articles only. */
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < check->articles->len; i++)
    {
      TopiaryArticle *article = article_at (check, i);
      g_autoptr(GError) local_error = NULL;
      GHashTable *targets = check_article_links (check, project, article, &local_error);
      gint64 id = topiary_article_get_id (article);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (targets != NULL)
        g_hash_table_insert (written, g_memdup2 (&id, sizeof id), targets);
    }

  for (guint i = 0; i < check->articles->len; i++)
    {
      TopiaryArticle *article = article_at (check, i);
      gint64 id = topiary_article_get_id (article);
      gint64 parent_id = topiary_article_get_parent_id (article);
      TopiaryArticle *parent = article_by_id (check, parent_id);
      GHashTable *targets;

      if (topiary_article_get_kind (article) != TOPIARY_KIND_CLUSTER ||
          parent == NULL || topiary_article_get_kind (parent) != TOPIARY_KIND_PILLAR)
        continue;

      /* The cluster, when written, links up to its pillar … */
      targets = g_hash_table_lookup (written, &id);
      if (targets != NULL && !g_hash_table_contains (targets, &parent_id))
        add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_CLUSTER_NOT_LINKING_PILLAR,
                     id, topiary_article_get_group_id (article), parent_id,
                     _("Cluster “%s” does not link to its pillar “%s”."),
                     article_name (article), article_name (parent));

      /* … and the pillar, when written, down to the cluster. */
      targets = g_hash_table_lookup (written, &parent_id);
      if (targets != NULL && !g_hash_table_contains (targets, &id))
        add_finding (check, TOPIARY_SEVERITY_WARNING, TOPIARY_CHECK_PILLAR_NOT_LINKING_CLUSTER,
                     parent_id, topiary_article_get_group_id (parent), id,
                     _("Pillar “%s” does not link to its cluster “%s”."),
                     article_name (parent), article_name (article));
    }

  return TRUE;
}

/* Articles that compete for one query (topiary-cannibal.h). */
static void
check_cannibals (Check          *check,
                 TopiaryProject *project)
{
  g_autofree char *language = topiary_project_get_map_field (project, "language");
  g_autoptr(GPtrArray) found = topiary_cannibal_find (check->map, language, check->headings);

  for (guint i = 0; i < found->len; i++)
    {
      TopiaryCannibalFinding *c = g_ptr_array_index (found, i);
      TopiaryArticle *a = article_by_id (check, c->article_id);

      add_finding (check, TOPIARY_SEVERITY_WARNING, topiary_cannibal_kind_to_code (c->kind),
                   c->article_id, a != NULL ? topiary_article_get_group_id (a) : 0, c->other_id,
                   "%s", c->message);
      set_last_target (check, c->overlap);
    }
}

static guint
order_of (Check                     *check,
          const TopiaryCheckFinding *finding)
{
  /* Group findings first, in group order; then articles in writing order. */
  if (finding->article_id != 0)
    {
      TopiaryMapArticle *a = topiary_map_lookup_article (check->map, finding->article_id);

      return check->groups->len + (a != NULL ? a->index + 1 : 0);
    }
  else
    {
      TopiaryMapGroup *g = topiary_map_lookup_group (check->map, finding->group_id);

      return g != NULL ? g->index + 1 : 0;
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const TopiaryCheckFinding *fa = *(TopiaryCheckFinding * const *) a;
  const TopiaryCheckFinding *fb = *(TopiaryCheckFinding * const *) b;
  Check *check = user_data;
  guint oa, ob;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;

  oa = order_of (check, fa);
  ob = order_of (check, fb);
  return oa < ob ? -1 : oa > ob ? 1 : 0;
}

GPtrArray *
topiary_check_project (TopiaryProject  *project,
                       GError         **error)
{
  Check check = { 0 };
  GPtrArray *result = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  check.map = topiary_map_new (project, error);
  if (check.map == NULL)
    return NULL;
  check.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_check_finding_free);
  check.groups = topiary_map_get_groups (check.map);
  check.articles = topiary_map_get_articles (check.map);
  check.headings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  check_titles_and_slugs (&check);
  check_structure (&check);

  if (check_links (&check, project, error) &&
      _topiary_check_media (project, check.findings, error))
    {
      check_cannibals (&check, project);
      /* g_ptr_array_sort_with_data() is stable: equal findings keep the
       * order they were found in. */
      g_ptr_array_sort_with_data (check.findings, compare_findings, &check);
      result = g_steal_pointer (&check.findings);
    }

  g_clear_pointer (&check.findings, g_ptr_array_unref);
  g_hash_table_unref (check.headings);
  g_object_unref (check.map);

  return result;
}

guint
topiary_check_count (GPtrArray       *findings,
                     TopiarySeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (findings != NULL, 0);

  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity >= severity)
        n++;
    }

  return n;
}

JsonNode *
topiary_check_to_json_node (GPtrArray *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint counts[TOPIARY_SEVERITY_ERROR + 1] = { 0 };

  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity <= TOPIARY_SEVERITY_ERROR)
        counts[finding->severity]++;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, counts[TOPIARY_SEVERITY_ERROR]);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, counts[TOPIARY_SEVERITY_WARNING]);
  json_builder_set_member_name (builder, "infos");
  json_builder_add_int_value (builder, counts[TOPIARY_SEVERITY_INFO]);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, topiary_severity_to_string (finding->severity));
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, finding->code);
      if (finding->article_id != 0)
        {
          json_builder_set_member_name (builder, "article_id");
          json_builder_add_int_value (builder, finding->article_id);
        }
      if (finding->group_id != 0)
        {
          json_builder_set_member_name (builder, "group_id");
          json_builder_add_int_value (builder, finding->group_id);
        }
      if (finding->related_id != 0)
        {
          json_builder_set_member_name (builder, "related_id");
          json_builder_add_int_value (builder, finding->related_id);
        }
      if (finding->target != NULL)
        {
          json_builder_set_member_name (builder, "target");
          json_builder_add_string_value (builder, finding->target);
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
topiary_check_to_json (GPtrArray *findings,
                       gboolean   pretty)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (findings != NULL, NULL);

  root = topiary_check_to_json_node (findings);
  return json_to_string (root, pretty);
}
