/* topiary-import-resolve.c — from what an outline says to the plan
 *
 * Titles made for bare paths, each group's pillar, the intent a content
 * type gives, unique slugs, parents, and the links of a linking plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-outline-private.h"
#include "topiary-import-private.h"
#include "topiary-slug.h"

void
entry_note_free (gpointer data)
{
  EntryNote *n = data;

  g_free (n->kind);
  g_free (n->title);
  g_free (n->body);
  if (n->pairs)
    g_ptr_array_unref (n->pairs);
  g_free (n);
}

/* ---- from what was read to the plan ---- */

/* "[[slug]]" when the path or name is an article of the plan, else as it
 * was written. */
static char *
link_side (GHashTable *slugs,
           const char *text)
{
  g_autofree char *slug = topiary_value_slug_from_path (text);

  if (slug != NULL && g_hash_table_contains (slugs, slug))
    return g_strdup_printf ("[[%s]]", slug);
  return g_strdup (text);
}

void
outline_resolve (Ctx               *ctx,
                 TopiaryImportPlan *out)
{
  g_autoptr(GHashTable) pillars = g_hash_table_new (g_str_hash, g_str_equal);  /* group → Entry */
  g_autoptr(GHashTable) group_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);   /* Entry → its article's index + 1 */
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint duplicates = 0;

  /* Titles first: "/apps/immich" makes one from its query or its slug. */
  for (guint i = 0; i < ctx->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (ctx->entries, i);

      if (entry->new_title != NULL)
        {
          g_free (entry->title);
          entry->title = g_steal_pointer (&entry->new_title);
        }
      if (entry->title != NULL && *entry->title == '\0' && entry->primary->len > 0)
        {
          const char *q = g_ptr_array_index (entry->primary, 0);
          gunichar c = g_utf8_get_char (q);
          char buf[8] = { 0 };

          g_unichar_to_utf8 (g_unichar_totitle (c), buf);
          g_free (entry->title);
          entry->title = g_strconcat (buf, g_utf8_next_char (q), NULL);
        }
      else if (entry->title != NULL && *entry->title == '\0' && entry->slug != NULL)
        {
          g_free (entry->title);
          entry->title = topiary_value_humanize (entry->slug);
        }
      if (entry->title == NULL || *entry->title == '\0')
        continue;
      g_ptr_array_add (kept, entry);
    }

  for (guint i = 0; i < kept->len; i++)
    {
      Entry *plan = g_ptr_array_index (kept, i);
      Entry *pillar;

      if (plan->group == NULL)
        continue;
      pillar = g_hash_table_lookup (pillars, plan->group);
      if (plan->pillar && (pillar == NULL || !pillar->pillar))
        g_hash_table_insert (pillars, plan->group, plan);
      else if (plan->pillar)
        {
          if (++duplicates <= MAX_WARNINGS)
            topiary_import_report_warn (ctx->report,
                                      _("Group “%s” has more than one pillar; “%s” is kept as a cluster."),
                                      plan->group, plan->title);
          plan->pillar = FALSE;
        }
      else if (pillar == NULL && !plan->cluster)
        g_hash_table_insert (pillars, plan->group, plan);
    }
  /* A group whose articles are all marked clusters: the first leads. */
  for (guint i = 0; i < kept->len; i++)
    {
      Entry *plan = g_ptr_array_index (kept, i);
      if (plan->group != NULL && !g_hash_table_contains (pillars, plan->group))
        g_hash_table_insert (pillars, plan->group, plan);
    }

  /* Groups in the order their headings appear, even empty ones. */
  for (guint i = 0; i < ctx->group_order->len; i++)
    {
      const char *name = g_ptr_array_index (ctx->group_order, i);
      int g = topiary_import_plan_add_group (out, name, g_hash_table_lookup (ctx->group_desc, name));

      g_hash_table_insert (group_index, (gpointer) name, GINT_TO_POINTER (g + 1));
    }

  for (guint i = 0; i < kept->len; i++)
    {
      Entry *plan = g_ptr_array_index (kept, i);
      TopiaryPlanArticle *article = topiary_import_plan_add_article (out, plan->title);
      Entry *pillar = plan->group ? g_hash_table_lookup (pillars, plan->group) : NULL;
      const char *intent = plan->intent;
      g_autofree char *base = NULL;

      g_hash_table_insert (index, plan, GUINT_TO_POINTER (out->articles->len));
      if (plan->group != NULL)
        article->group = GPOINTER_TO_INT (g_hash_table_lookup (group_index, plan->group)) - 1;
      article->kind = pillar == plan || (plan->group == NULL && plan->pillar)
                      ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER;
      if (plan->group == NULL && !plan->has_status)
        plan->status = TOPIARY_STATUS_IDEA;
      article->status = plan->status;
      /* "Format: comparison" is the intent when none is given; else a note. */
      if (plan->content_type != NULL)
        {
          const char *value = strstr (plan->content_type, ": ");
          const char *from_type = value ? intent_from_words (value + 2) : NULL;

          if (intent == NULL && from_type != NULL)
            intent = from_type;
          else
            entry_add_summary (plan, plan->content_type);
        }
      article->intent = g_strdup (intent);
      article->priority = plan->priority;
      article->words = plan->words;
      if (plan->summary->len > 0)
        article->summary = g_strdup (plan->summary->str);

      for (guint k = 0; k < plan->primary->len + plan->secondary->len && article->queries->len < MAX_QUERIES; k++)
        {
          const char *q = k < plan->primary->len ? g_ptr_array_index (plan->primary, k)
                                                 : g_ptr_array_index (plan->secondary, k - plan->primary->len);
          gboolean dup = FALSE;

          for (guint j = 0; j < article->queries->len && !dup; j++)
            dup = g_ascii_strcasecmp (g_ptr_array_index (article->queries, j), q) == 0;
          if (!dup)
            g_ptr_array_add (article->queries, g_strdup (q));
        }

      /* A deterministic suffix: importing the file again overwrites the same
       * articles rather than adding copies. */
      base = topiary_slugify (plan->slug ? plan->slug : plan->title);
      article->slug = _topiary_import_claim_slug (slugs, base);
      if (strcmp (article->slug, base) != 0 && ++duplicates <= MAX_WARNINGS)
        topiary_import_report_warn (ctx->report,
                                    _("Two articles share the slug “%s”; “%s” gets “%s”."),
                                    base, plan->title, article->slug);
    }
  if (duplicates > MAX_WARNINGS)
    topiary_import_report_warn (ctx->report, _("%u more articles share a slug with another."),
                                duplicates - MAX_WARNINGS);
  if (ctx->field_warnings > MAX_WARNINGS)
    topiary_import_report_warn (ctx->report, _("%u more field lines named no article and were left out."),
                                ctx->field_warnings - MAX_WARNINGS);

  /* Parents and pillars, now that every article has its index. */
  for (guint i = 0; i < kept->len; i++)
    {
      Entry *plan = g_ptr_array_index (kept, i);
      TopiaryPlanArticle *article = g_ptr_array_index (out->articles, i);
      Entry *pillar = plan->group ? g_hash_table_lookup (pillars, plan->group) : NULL;
      int p = pillar ? GPOINTER_TO_INT (g_hash_table_lookup (index, pillar)) - 1 : -1;

      if (article->group >= 0 && p >= 0)
        {
          TopiaryPlanGroup *group = g_ptr_array_index (out->groups, article->group);
          group->pillar = p;
          if (p != (int) i)
            article->parent = p;
        }
    }

  /* Notes; a linking plan's pairs become links between the articles. */
  for (guint i = 0; i < ctx->notes->len; i++)
    {
      EntryNote *n = g_ptr_array_index (ctx->notes, i);

      if (n->pairs != NULL)
        {
          g_autoptr(GString) body = g_string_new (NULL);

          for (guint k = 0; k + 2 < n->pairs->len + 1 && k + 1 < n->pairs->len; k += 3)
            {
              g_autofree char *from = link_side (slugs, g_ptr_array_index (n->pairs, k));
              g_autofree char *to = link_side (slugs, g_ptr_array_index (n->pairs, k + 1));
              const char *anchor = g_ptr_array_index (n->pairs, k + 2);

              g_string_append_printf (body, "- %s \xe2\x86\x92 %s", from, to);
              if (anchor != NULL)
                g_string_append_printf (body, " (%s)", anchor);
              g_string_append_c (body, '\n');
            }
          topiary_import_plan_add_note (out, n->kind, n->title, body->str);
        }
      else
        topiary_import_plan_add_note (out, n->kind, n->title, n->body);
    }
}

