/* topiary-links.c — the linker: links out, links in, and suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "topiary-link.h"
#include "topiary-links.h"
#include "topiary-links-private.h"
#include "topiary-markdown.h"

void
topiary_outlink_free (TopiaryOutlink *link)
{
  if (link == NULL)
    return;
  g_free (link->target);
  g_free (link->label);
  g_free (link);
}

void
topiary_backlink_free (TopiaryBacklink *link)
{
  if (link == NULL)
    return;
  g_free (link->anchor);
  g_free (link->sentence);
  g_free (link);
}

void
topiary_suggestion_free (TopiarySuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->anchor);
  g_free (suggestion->sentence);
  g_strfreev (suggestion->alternatives);
  g_free (suggestion);
}

static const char * const kind_names[] = { "required", "mention", "sibling", "anchor" };

const char *
topiary_suggestion_kind_to_string (TopiarySuggestionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "mention");
  return kind_names[kind];
}

gboolean
topiary_suggestion_kind_from_string (const char            *str,
                                     TopiarySuggestionKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        *kind = (TopiarySuggestionKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
out_rec_free (gpointer data)
{
  OutRec *rec = data;

  g_free (rec->anchor_key);
  g_free (rec);
}

static void
pair_clear (gpointer data)
{
  g_free (((PlanPair *) data)->anchor);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static char *
anchor_slot (gint64      target,
             const char *key)
{
  return g_strdup_printf ("%" PRId64 "\x1f%s", target, key);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The article a scanned link names, or NULL. */
static TopiaryMapArticle *
resolve_link (TopiaryLinker   *self,
              const LinksLink *link)
{
  g_autofree char *slug = NULL;

  if (link->wiki)
    return topiary_map_resolve_link (self->map, link->target, NULL);
  slug = topiary_markdown_relative_link_slug (link->target);
  return slug != NULL ? topiary_map_lookup_slug (self->map, slug) : NULL;
}

static int
compare_backlinks (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const TopiaryBacklink *la = *(TopiaryBacklink * const *) a;
  const TopiaryBacklink *lb = *(TopiaryBacklink * const *) b;
  TopiaryLinker *self = user_data;
  TopiaryMapArticle *sa = topiary_map_lookup_article (self->map, la->source_id);
  TopiaryMapArticle *sb = topiary_map_lookup_article (self->map, lb->source_id);
  guint ia = sa != NULL ? sa->index : G_MAXUINT, ib = sb != NULL ? sb->index : G_MAXUINT;

  if (ia != ib)
    return ia < ib ? -1 : 1;
  return la->start < lb->start ? -1 : la->start > lb->start ? 1 : 0;
}

/* Forgets what @id's text linked to. */
static void
forget_source (TopiaryLinker *self,
               gint64         id)
{
  GPtrArray *recs = g_hash_table_lookup (self->outs, &id);

  for (guint i = 0; recs != NULL && i < recs->len; i++)
    {
      OutRec *rec = g_ptr_array_index (recs, i);
      g_autofree char *slot = anchor_slot (rec->target, rec->anchor_key);
      GHashTable *sources = g_hash_table_lookup (self->anchors, slot);
      GPtrArray *in = g_hash_table_lookup (self->backlinks, &rec->target);

      if (sources != NULL)
        g_hash_table_remove (sources, &id);
      for (guint j = 0; in != NULL && j < in->len; )
        if (((TopiaryBacklink *) g_ptr_array_index (in, j))->source_id == id)
          g_ptr_array_remove_index (in, j);
        else
          j++;
    }
  g_hash_table_remove (self->outs, &id);
}

/* Learns what @id's @body links to. @sort: keep the target's backlinks
 * in order (FALSE while every body is read; they are sorted once). */
static void
learn_source (TopiaryLinker *self,
              gint64         id,
              const char    *body,
              gboolean       sort)
{
  g_autoptr(LinksScan) scan = _topiary_links_scan (body);
  GPtrArray *recs = g_ptr_array_new_with_free_func (out_rec_free);

  if (is_blank (body))
    g_hash_table_add (self->blank, id_key (id));
  else
    g_hash_table_remove (self->blank, &id);

  for (guint i = 0; i < scan->links->len; i++)
    {
      LinksLink *link = &g_array_index (scan->links, LinksLink, i);
      TopiaryMapArticle *target = resolve_link (self, link);
      TopiaryBacklink *back;
      OutRec *rec;
      GPtrArray *in;
      GHashTable *sources;
      char *slot;

      if (target == NULL || target->id == id)
        continue;
      rec = g_new0 (OutRec, 1);
      rec->target = target->id;
      rec->anchor_key = topiary_link_key (link->label, -1);
      g_ptr_array_add (recs, rec);

      slot = anchor_slot (rec->target, rec->anchor_key);
      sources = g_hash_table_lookup (self->anchors, slot);
      if (sources == NULL)
        {
          sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_hash_table_insert (self->anchors, slot, sources);
        }
      else
        g_free (slot);
      g_hash_table_add (sources, id_key (id));

      back = g_new0 (TopiaryBacklink, 1);
      back->source_id = id;
      back->anchor = g_strdup (link->label);
      back->sentence = _topiary_links_sentence (body, scan, link->sentence);
      back->start = link->start;
      back->end = link->end;
      in = g_hash_table_lookup (self->backlinks, &target->id);
      if (in == NULL)
        {
          in = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_backlink_free);
          g_hash_table_insert (self->backlinks, id_key (target->id), in);
        }
      g_ptr_array_add (in, back);
      if (sort)
        g_ptr_array_sort_with_data (in, compare_backlinks, self);
    }
  g_hash_table_insert (self->outs, id_key (id), recs);
}

/* "- [[a]] → [[b]] (anchor)": the lines of a linking plan an import kept. */
static char *
plan_side (const char *text,
           gsize       len)
{
  g_autofree char *side = g_strndup (text, len);

  g_strstrip (side);
  if (g_str_has_prefix (side, "[[") && g_str_has_suffix (side, "]]") && strlen (side) > 4)
    return g_strndup (side + 2, strlen (side) - 4);
  return g_steal_pointer (&side);
}

static void
read_plan (TopiaryLinker *self,
           const char    *body)
{
  g_auto(GStrv) lines = g_strsplit (body != NULL ? body : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *arrow = strstr (line, " \xe2\x86\x92 ");
      const char *rest, *open;
      g_autofree char *from = NULL, *to = NULL, *anchor = NULL;
      TopiaryMapArticle *a, *b;
      PlanPair pair;

      while (*line == ' ')
        line++;
      if ((line[0] != '-' && line[0] != '*') || line[1] != ' ' || arrow == NULL)
        continue;
      from = plan_side (line + 2, arrow - line - 2);
      rest = arrow + 5;
      open = strstr (rest, " (");
      if (open != NULL && g_str_has_suffix (open, ")"))
        {
          anchor = g_strndup (open + 2, strlen (open) - 3);
          g_strstrip (anchor);
          to = plan_side (rest, open - rest);
        }
      else
        to = plan_side (rest, strlen (rest));
      a = topiary_map_resolve_link (self->map, from, NULL);
      b = topiary_map_resolve_link (self->map, to, NULL);
      if (a == NULL || b == NULL || a == b)
        continue;
      pair.from = a->id;
      pair.to = b->id;
      pair.anchor = anchor != NULL && anchor[0] != '\0' ? g_steal_pointer (&anchor) : NULL;
      g_array_append_val (self->pairs, pair);
    }
}

static void
add_pattern (TopiaryLinker *self,
             const char    *phrase,
             gint64         id)
{
  guint pattern = _topiary_links_matcher_add (self->matcher, phrase);
  GArray *ids;

  if (pattern == G_MAXUINT)
    return;
  while (self->pattern_targets->len <= pattern)
    g_ptr_array_add (self->pattern_targets, g_array_new (FALSE, FALSE, sizeof (gint64)));
  ids = g_ptr_array_index (self->pattern_targets, pattern);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

TopiaryLinker *
topiary_linker_new (TopiaryProject  *project,
                    TopiaryMap      *map,
                    GError         **error)
{
  g_autoptr(TopiaryLinker) self = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *language = NULL;
  GPtrArray *articles;
  gboolean ok = TRUE;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (TOPIARY_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (TopiaryLinker, 1);
  self->map = g_object_ref (map);
  language = topiary_project_get_map_field (project, "language");
  self->stem = _topiary_links_language_stems (language);
  self->matcher = _topiary_links_matcher_new (self->stem);
  self->pattern_targets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->outs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->backlinks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->blank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pairs = g_array_new (FALSE, FALSE, sizeof (PlanPair));
  g_array_set_clear_func (self->pairs, pair_clear);

  articles = topiary_map_get_articles (map);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      const char * const *queries = topiary_article_get_queries (a->article);

      add_pattern (self, topiary_article_get_title (a->article), a->id);
      for (guint q = 0; queries[q] != NULL; q++)
        add_pattern (self, queries[q], a->id);
    }
  _topiary_links_matcher_build (self->matcher);

  if (!topiary_project_begin_read (project, error))
    return NULL;
  for (guint i = 0; ok && i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      g_autofree char *body = topiary_project_get_body (project, a->id, error);

      if (body == NULL)
        ok = FALSE;
      else
        learn_source (self, a->id, body, FALSE);
    }
  if (ok)
    {
      notes = topiary_project_list_notes (project, error);
      ok = notes != NULL;
    }
  topiary_project_end_read (project);
  if (!ok)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (notes, i);

      read_plan (self, topiary_note_get_body (note));
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->backlinks);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort_with_data (value, compare_backlinks, self);
  }
  return g_steal_pointer (&self);
}

void
topiary_linker_free (TopiaryLinker *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->map);
  g_clear_pointer (&self->matcher, _topiary_links_matcher_free);
  g_clear_pointer (&self->pattern_targets, g_ptr_array_unref);
  g_clear_pointer (&self->outs, g_hash_table_unref);
  g_clear_pointer (&self->backlinks, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->blank, g_hash_table_unref);
  g_clear_pointer (&self->pairs, g_array_unref);
  g_free (self);
}

TopiaryMap *
topiary_linker_get_map (TopiaryLinker *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->map;
}

void
topiary_linker_set_body (TopiaryLinker *self,
                         gint64         article_id,
                         const char    *body)
{
  g_return_if_fail (self != NULL);

  if (topiary_map_lookup_article (self->map, article_id) == NULL)
    return;
  forget_source (self, article_id);
  learn_source (self, article_id, body != NULL ? body : "", TRUE);
}

static void
append_once (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

GArray *
topiary_linker_get_targets (TopiaryLinker *self,
                            gint64         article_id)
{
  GPtrArray *recs;
  GArray *ids;

  g_return_val_if_fail (self != NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  recs = g_hash_table_lookup (self->outs, &article_id);
  for (guint i = 0; recs != NULL && i < recs->len; i++)
    append_once (ids, ((OutRec *) g_ptr_array_index (recs, i))->target);
  return ids;
}

typedef struct {
  gint64  self;
  GArray *ids;
} Required;

static void
required_found (TopiaryMapArticle     *target,
                TopiaryRequiredReason  reason,
                const char            *anchor,
                gpointer               user_data)
{
  Required *r = user_data;

  if (target->id != r->self)
    append_once (r->ids, target->id);
}

GArray *
topiary_linker_get_required (TopiaryLinker *self,
                             gint64         article_id)
{
  TopiaryMapArticle *a;
  Required r;

  g_return_val_if_fail (self != NULL, NULL);

  r.self = article_id;
  r.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  a = topiary_map_lookup_article (self->map, article_id);
  if (a != NULL)
    _topiary_linker_each_required (self, a, required_found, &r);
  return r.ids;
}

gboolean
topiary_linker_is_blank (TopiaryLinker *self,
                         gint64         article_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->blank, &article_id);
}

GPtrArray *
topiary_linker_outgoing (TopiaryLinker *self,
                         const char    *body)
{
  g_autoptr(LinksScan) scan = NULL;
  GPtrArray *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_outlink_free);
  scan = _topiary_links_scan (body);
  for (guint i = 0; i < scan->links->len; i++)
    {
      LinksLink *link = &g_array_index (scan->links, LinksLink, i);
      TopiaryMapArticle *target = resolve_link (self, link);
      TopiaryOutlink *o = g_new0 (TopiaryOutlink, 1);

      o->wiki = link->wiki;
      o->target = g_strdup (link->target);
      o->label = g_strdup (link->label);
      o->start = link->start;
      o->end = link->end;
      o->target_id = target != NULL ? target->id : 0;
      o->state = target == NULL ? TOPIARY_OUTLINK_UNRESOLVED
               : g_hash_table_contains (self->blank, &target->id) ? TOPIARY_OUTLINK_PLANNED
               : TOPIARY_OUTLINK_RESOLVED;
      g_ptr_array_add (out, o);
    }
  return out;
}

GPtrArray *
topiary_linker_backlinks (TopiaryLinker *self,
                          gint64         article_id)
{
  GPtrArray *in, *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_backlink_free);
  in = g_hash_table_lookup (self->backlinks, &article_id);
  for (guint i = 0; in != NULL && i < in->len; i++)
    {
      TopiaryBacklink *b = g_ptr_array_index (in, i);
      TopiaryBacklink *copy = g_new0 (TopiaryBacklink, 1);

      *copy = *b;
      copy->anchor = g_strdup (b->anchor);
      copy->sentence = g_strdup (b->sentence);
      g_ptr_array_add (out, copy);
    }
  return out;
}

guint
_topiary_linker_anchor_uses (TopiaryLinker *self,
                             gint64         target,
                             const char    *key,
                             gint64         exclude)
{
  g_autofree char *slot = anchor_slot (target, key);
  GHashTable *sources = g_hash_table_lookup (self->anchors, slot);

  if (sources == NULL)
    return 0;
  return g_hash_table_size (sources) - (g_hash_table_contains (sources, &exclude) ? 1 : 0);
}
