/* topiary-import-plan.c — the plan every import fills, and its one writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "topiary-import-plan.h"
#include "topiary-import-private.h"
#include "topiary-slug.h"

static void
plan_article_free (gpointer data)
{
  TopiaryPlanArticle *a = data;

  g_free (a->title);
  g_free (a->slug);
  g_ptr_array_unref (a->queries);
  g_free (a->intent);
  g_free (a->language);
  g_free (a->summary);
  g_free (a->parent_ref);
  g_free (a);
}

static void
plan_group_free (gpointer data)
{
  TopiaryPlanGroup *g = data;

  g_free (g->title);
  g_free (g->description);
  g_free (g->slug);
  g_free (g);
}

static void
plan_note_free (gpointer data)
{
  TopiaryPlanNote *n = data;

  g_free (n->kind);
  g_free (n->title);
  g_free (n->body);
  g_free (n);
}

TopiaryImportPlan *
topiary_import_plan_new (void)
{
  TopiaryImportPlan *plan = g_new0 (TopiaryImportPlan, 1);

  plan->groups = g_ptr_array_new_with_free_func (plan_group_free);
  plan->articles = g_ptr_array_new_with_free_func (plan_article_free);
  plan->notes = g_ptr_array_new_with_free_func (plan_note_free);
  plan->group_index = g_hash_table_new (g_str_hash, g_str_equal);
  return plan;
}

void
topiary_import_plan_free (TopiaryImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->title);
  g_free (plan->description);
  g_free (plan->subject);
  g_free (plan->audience);
  g_free (plan->goal);
  g_ptr_array_unref (plan->groups);
  g_ptr_array_unref (plan->articles);
  g_ptr_array_unref (plan->notes);
  g_hash_table_unref (plan->group_index);
  g_free (plan);
}

int
topiary_import_plan_add_group (TopiaryImportPlan *plan,
                               const char        *title,
                               const char        *description)
{
  TopiaryPlanGroup *g;

  g_return_val_if_fail (plan != NULL && title != NULL, -1);

  /* A table, not a scan: an outline can name 50,000 groups. */
  if (g_hash_table_contains (plan->group_index, title))
    return GPOINTER_TO_INT (g_hash_table_lookup (plan->group_index, title)) - 1;
  g = g_new0 (TopiaryPlanGroup, 1);
  g->title = g_strdup (title);
  g->description = description && *description ? g_strdup (description) : NULL;
  g->pillar = -1;
  g_ptr_array_add (plan->groups, g);
  g_hash_table_insert (plan->group_index, g->title, GINT_TO_POINTER (plan->groups->len));
  return (int) plan->groups->len - 1;
}

TopiaryPlanArticle *
topiary_import_plan_add_article (TopiaryImportPlan *plan,
                                 const char        *title)
{
  TopiaryPlanArticle *a;

  g_return_val_if_fail (plan != NULL, NULL);

  a = g_new0 (TopiaryPlanArticle, 1);
  a->title = g_strdup (title ? title : "");
  a->group = -1;
  a->parent = -1;
  a->kind = TOPIARY_KIND_CLUSTER;
  a->status = TOPIARY_STATUS_PLANNED;
  a->queries = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (plan->articles, a);
  return a;
}

void
topiary_import_plan_add_note (TopiaryImportPlan *plan,
                              const char        *kind,
                              const char        *title,
                              const char        *body)
{
  TopiaryPlanNote *n;

  g_return_if_fail (plan != NULL);

  n = g_new0 (TopiaryPlanNote, 1);
  n->kind = g_strdup (kind ? kind : "other");
  n->title = g_strdup (title ? title : "");
  n->body = g_strdup (body ? body : "");
  g_ptr_array_add (plan->notes, n);
}

guint
topiary_import_plan_count_ideas (TopiaryImportPlan *plan)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);
  for (guint i = 0; i < plan->articles->len; i++)
    if (((TopiaryPlanArticle *) g_ptr_array_index (plan->articles, i))->group < 0)
      n++;
  return n;
}

/* ---- choices ---- */

TopiaryImportOptions *
topiary_import_options_new (void)
{
  TopiaryImportOptions *options = g_new0 (TopiaryImportOptions, 1);

  options->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return options;
}

void
topiary_import_options_free (TopiaryImportOptions *options)
{
  if (options == NULL)
    return;
  g_clear_pointer (&options->columns, g_hash_table_unref);
  g_free (options);
}

TopiaryImportOptions *
topiary_import_options_copy (const TopiaryImportOptions *options)
{
  TopiaryImportOptions *copy = topiary_import_options_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (options == NULL)
    return copy;
  copy->group_level = options->group_level;
  copy->items_are_ideas = options->items_are_ideas;
  g_hash_table_iter_init (&iter, options->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->columns, g_strdup (key), value);
  return copy;
}

void
topiary_import_options_set_column (TopiaryImportOptions *options,
                                   const char           *header,
                                   TopiaryField          field)
{
  g_return_if_fail (options != NULL && header != NULL);

  g_hash_table_insert (options->columns, g_utf8_casefold (header, -1), GINT_TO_POINTER (field + 1));
}

gboolean
topiary_import_field_from_name (const char   *name,
                                TopiaryField *field)
{
  static const struct { const char *name; TopiaryField field; } names[] = {
    { "title", TOPIARY_FIELD_TITLE }, { "slug", TOPIARY_FIELD_SLUG }, { "group", TOPIARY_FIELD_GROUP },
    { "kind", TOPIARY_FIELD_KIND }, { "primary", TOPIARY_FIELD_PRIMARY_QUERY },
    { "queries", TOPIARY_FIELD_QUERIES }, { "intent", TOPIARY_FIELD_INTENT },
    { "priority", TOPIARY_FIELD_PRIORITY }, { "status", TOPIARY_FIELD_STATUS },
    { "words", TOPIARY_FIELD_WORDS }, { "summary", TOPIARY_FIELD_SUMMARY },
    { "note", TOPIARY_FIELD_UNKNOWN },
  };

  g_return_val_if_fail (name != NULL && field != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *field = names[i].field;
        return TRUE;
      }
  return FALSE;
}

/* ---- the writer ---- */

static gboolean
fill_map_field (TopiaryProject      *project,
                const char          *field,
                const char          *value,
                TopiaryImportReport *report,
                GError             **error)
{
  g_autofree char *old = NULL;

  if (value == NULL || *value == '\0')
    return TRUE;
  old = topiary_project_get_map_field (project, field);
  if (old != NULL && *old != '\0')
    return TRUE;
  return _topiary_import_set_map_field (project, field, value, report, error);
}

/* Importing a source again must not undo the work done since: an article
 * already drafted or published keeps its status, and an idea the user has
 * placed in a group stays there (an idea says nothing about where it
 * belongs). */
static gboolean
keep_progress (TopiaryProject  *project,
               TopiaryArticle  *article,
               GError         **error)
{
  const char *given = topiary_article_get_slug (article);
  g_autofree char *slug = topiary_slugify (*given ? given : topiary_article_get_title (article));
  g_autoptr(TopiaryArticle) existing = NULL;
  GError *local_error = NULL;

  existing = topiary_project_get_article_by_slug (project, slug, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (existing == NULL)
    return TRUE;
  if (topiary_article_get_status (existing) > topiary_article_get_status (article))
    topiary_article_set_status (article, topiary_article_get_status (existing));
  if (topiary_article_get_group_id (article) == 0 && topiary_article_get_group_id (existing) != 0)
    {
      topiary_article_set_group_id (article, topiary_article_get_group_id (existing));
      topiary_article_set_parent_id (article, topiary_article_get_parent_id (existing));
      topiary_article_set_kind (article, topiary_article_get_kind (existing));
    }
  return TRUE;
}

/* A group just created takes the slug the plan gives it (a folder's name,
 * so that URLs stay the same) when no other group has it. */
static gboolean
set_group_slug (TopiaryProject  *project,
                TopiaryGroup    *group,
                const char      *slug,
                GError         **error)
{
  g_autoptr(TopiaryGroup) other = NULL;
  GError *local_error = NULL;

  if (slug == NULL || g_strcmp0 (slug, topiary_group_get_slug (group)) == 0)
    return TRUE;
  other = topiary_project_find_group (project, slug, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (other != NULL)
    return TRUE;
  topiary_group_set_slug (group, slug);
  return topiary_project_update_group (project, group, error);
}

gboolean
_topiary_import_plan_apply (TopiaryImportPlan   *plan,
                            TopiaryProject      *project,
                            TopiaryImportReport *report,
                            GError             **error)
{
  return _topiary_import_plan_apply_with (plan, project, NULL, NULL, report, error);
}

static gboolean write_plan (TopiaryImportPlan       *plan,
                            TopiaryProject          *project,
                            const TopiaryPlanBodies *bodies,
                            gpointer                 data,
                            TopiaryImportReport     *report,
                            GError                 **error);

gboolean
_topiary_import_plan_apply_with (TopiaryImportPlan       *plan,
                                 TopiaryProject          *project,
                                 const TopiaryPlanBodies *bodies,
                                 gpointer                 data,
                                 TopiaryImportReport     *report,
                                 GError                 **error)
{
  gboolean ok;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), FALSE);

  if (bodies != NULL && bodies->start != NULL)
    bodies->start (data);
  ok = write_plan (plan, project, bodies, data, report, error);
  if (bodies != NULL && bodies->stop != NULL)
    bodies->stop (data);
  return ok;
}

static gboolean
write_plan (TopiaryImportPlan       *plan,
            TopiaryProject          *project,
            const TopiaryPlanBodies *bodies,
            gpointer                 data,
            TopiaryImportReport     *report,
            GError                 **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  /* The ids written, by plan index; only the articles whose pillar comes
   * later are kept whole (a plan can hold 10,000 articles). */
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), plan->articles->len);
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_object_unref);

  {
    static const char * const fields[] = { "title", "subject", "description", "audience", "goal" };
    const char *values[] = { plan->title, plan->subject, plan->description, plan->audience, plan->goal };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (plan->replace_map ? values[i] != NULL && !_topiary_import_set_map_field (project, fields[i], values[i], report, error)
                            : !fill_map_field (project, fields[i], values[i], report, error))
        return FALSE;
  }

  for (guint i = 0; i < plan->groups->len; i++)
    {
      TopiaryPlanGroup *g = g_ptr_array_index (plan->groups, i);
      guint before = report != NULL ? report->groups : 0;
      TopiaryGroup *group = _topiary_import_ensure_group (project, g->title, g->description, report, error);

      if (group == NULL)
        return FALSE;
      g_ptr_array_add (groups, group);
      if (report != NULL && report->groups > before && !set_group_slug (project, group, g->slug, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
      g_autoptr(TopiaryArticle) article = topiary_article_new ();
      gint64 id;

      topiary_article_set_title (article, a->title);
      if (a->slug != NULL)
        topiary_article_set_slug (article, a->slug);
      if (a->group >= 0)
        topiary_article_set_group_id (article,
                                      topiary_group_get_id (g_ptr_array_index (groups, a->group)));
      topiary_article_set_kind (article, a->kind);
      topiary_article_set_status (article, a->status);
      if (a->intent != NULL)
        topiary_article_set_intent (article, a->intent);
      if (a->language != NULL)
        topiary_article_set_language (article, a->language);
      topiary_article_set_priority (article, a->priority);
      topiary_article_set_target_words (article, a->words);
      if (a->summary != NULL && *a->summary != '\0')
        topiary_article_set_summary (article, a->summary);
      if (a->published > 0)
        topiary_article_set_published (article, a->published);
      if (a->queries->len > 0)
        {
          g_ptr_array_add (a->queries, NULL);
          topiary_article_set_queries (article, (const char * const *) a->queries->pdata);
          g_ptr_array_set_size (a->queries, a->queries->len - 1);
          topiary_article_set_primary_query (article, 0);
        }
      if (a->parent < 0 && a->parent_ref != NULL)
        {
          /* A parent the project holds already, named by title or slug. */
          GError *local_error = NULL;
          g_autofree char *slug = topiary_project_resolve_link (project, a->parent_ref, NULL, &local_error);
          g_autoptr(TopiaryArticle) found = slug ? topiary_project_get_article_by_slug (project, slug, FALSE, &local_error) : NULL;

          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (found != NULL)
            topiary_article_set_parent_id (article, topiary_article_get_id (found));
          else
            topiary_import_report_warn (report, _("The parent “%s” of “%s” is not in the plan."),
                                        a->parent_ref, a->title);
        }
      /* A pillar written later in the order gets its clusters afterwards. */
      if (a->parent >= 0)
        {
          if ((guint) a->parent < i)
            topiary_article_set_parent_id (article, g_array_index (ids, gint64, a->parent));
          else
            {
              g_array_append_val (later, i);
              g_ptr_array_add (waiting, g_object_ref (article));
            }
        }
      if (plan->keep_progress && !keep_progress (project, article, error))
        return FALSE;
      if (bodies != NULL && bodies->body != NULL)
        bodies->body (data, i, article);
      if (!_topiary_import_put_article (project, article, report, error))
        return FALSE;
      if (bodies != NULL && bodies->written != NULL && !bodies->written (data, i, article, error))
        return FALSE;
      /* Bodies are not kept once written. */
      topiary_article_set_body (article, NULL);
      id = topiary_article_get_id (article);
      g_array_append_val (ids, id);
    }

  for (guint k = 0; k < later->len; k++)
    {
      guint i = g_array_index (later, guint, k);
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
      TopiaryArticle *article = g_ptr_array_index (waiting, k);

      topiary_article_set_parent_id (article, g_array_index (ids, gint64, a->parent));
      if (!topiary_project_update_article (project, article, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->notes->len; i++)
    {
      TopiaryPlanNote *n = g_ptr_array_index (plan->notes, i);

      if (*n->body == '\0' && !plan->keep_empty_notes)
        continue;
      if (!_topiary_import_add_note (project, n->kind, n->title, n->body, report, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- showing a plan ---- */

static void
json_article (JsonBuilder        *b,
              TopiaryPlanArticle *a)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, a->title);
  json_builder_set_member_name (b, "slug");
  json_builder_add_string_value (b, a->slug ? a->slug : "");
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, topiary_kind_to_string (a->kind));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, topiary_status_to_string (a->status));
  json_builder_set_member_name (b, "intent");
  json_builder_add_string_value (b, a->intent ? a->intent : "");
  json_builder_set_member_name (b, "priority");
  json_builder_add_int_value (b, a->priority);
  json_builder_set_member_name (b, "target_words");
  json_builder_add_int_value (b, a->words);
  json_builder_set_member_name (b, "queries");
  json_builder_begin_array (b);
  for (guint q = 0; q < a->queries->len; q++)
    json_builder_add_string_value (b, g_ptr_array_index (a->queries, q));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, a->summary ? a->summary : "");
  json_builder_end_object (b);
}

char *
topiary_import_plan_to_json (TopiaryImportPlan   *plan,
                             TopiaryImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, topiary_import_format_to_string (plan->format));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, plan->title ? plan->title : "");
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, plan->description ? plan->description : "");

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, group->title);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, group->description ? group->description : "");
      json_builder_set_member_name (b, "pillar");
      if (group->pillar >= 0)
        json_article (b, g_ptr_array_index (plan->articles, group->pillar));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "clusters");
      json_builder_begin_array (b);
      for (guint i = 0; i < plan->articles->len; i++)
        {
          TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
          if (a->group == (int) g && (int) i != group->pillar)
            json_article (b, a);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "ideas");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->articles->len; i++)
    {
      TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
      if (a->group < 0)
        json_article (b, a);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->notes->len; i++)
    {
      TopiaryPlanNote *n = g_ptr_array_index (plan->notes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, n->kind);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, n->title);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, n->body);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; report != NULL && i < report->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (report->warnings, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "groups");
  json_builder_add_int_value (b, plan->groups->len);
  json_builder_set_member_name (b, "articles");
  json_builder_add_int_value (b, plan->articles->len);
  json_builder_set_member_name (b, "ideas");
  json_builder_add_int_value (b, topiary_import_plan_count_ideas (plan));
  json_builder_set_member_name (b, "notes");
  json_builder_add_int_value (b, plan->notes->len);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static void
text_article (GString            *out,
              TopiaryPlanArticle *a,
              const char         *indent)
{
  g_string_append_printf (out, "%s%s %s  /%s  [%s", indent,
                          a->kind == TOPIARY_KIND_PILLAR ? "■" : "·",
                          a->title, a->slug ? a->slug : "", topiary_status_to_string (a->status));
  if (a->intent != NULL)
    g_string_append_printf (out, ", %s", a->intent);
  if (a->priority > 0)
    g_string_append_printf (out, ", P%d", a->priority);
  g_string_append (out, "]");
  if (a->queries->len > 0)
    g_string_append_printf (out, "  “%s”", (char *) g_ptr_array_index (a->queries, 0));
  if (a->queries->len > 1)
    g_string_append_printf (out, _(" and %u more queries"), a->queries->len - 1);
  g_string_append_c (out, '\n');
}

char *
topiary_import_plan_to_text (TopiaryImportPlan   *plan,
                             TopiaryImportReport *report)
{
  GString *out = g_string_new (NULL);
  guint ideas;

  g_return_val_if_fail (plan != NULL, NULL);

  ideas = topiary_import_plan_count_ideas (plan);
  if (plan->title != NULL && *plan->title != '\0')
    g_string_append_printf (out, _("Map: %s\n"), plan->title);
  g_string_append_printf (out, _("Would create %u groups, %u articles (%u ideas) and %u notes.\n"),
                          plan->groups->len, plan->articles->len, ideas, plan->notes->len);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      TopiaryPlanGroup *group = g_ptr_array_index (plan->groups, g);

      g_string_append_printf (out, "\n%s\n", group->title);
      if (group->pillar >= 0)
        text_article (out, g_ptr_array_index (plan->articles, group->pillar), "  ");
      for (guint i = 0; i < plan->articles->len; i++)
        {
          TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
          if (a->group == (int) g && (int) i != group->pillar)
            text_article (out, a, "    ");
        }
    }
  if (ideas > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Ideas"));
      for (guint i = 0; i < plan->articles->len; i++)
        {
          TopiaryPlanArticle *a = g_ptr_array_index (plan->articles, i);
          if (a->group < 0)
            text_article (out, a, "  ");
        }
    }
  if (plan->notes->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Notes"));
      for (guint i = 0; i < plan->notes->len; i++)
        {
          TopiaryPlanNote *n = g_ptr_array_index (plan->notes, i);
          g_string_append_printf (out, "  %s (%s)\n", n->title, n->kind);
        }
    }
  if (report != NULL && report->warnings->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings"));
      for (guint i = 0; i < report->warnings->len; i++)
        g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (report->warnings, i));
    }
  return g_string_free (out, FALSE);
}
