/* topiary-links-suggest.c — the links an article should have, and the
 * text edit that adds one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-link.h"
#include "topiary-links.h"
#include "topiary-links-private.h"
#include "topiary-markdown.h"

typedef struct {
  TopiaryLinker     *linker;
  TopiaryMapArticle *article;
  const char        *body;
  LinksScan         *scan;
  GHashTable        *linked;     /* target ids the text links to */
  GHashTable        *mentions;   /* target id → LinksMatch * (its first mention) */
  GHashTable        *suggested;  /* target ids already suggested */
  GHashTable        *dismissed;
  GPtrArray         *out;
} Suggest;

static gboolean
is_dismissed (Suggest               *s,
              TopiarySuggestionKind  kind,
              gint64                 target)
{
  g_autofree char *key = NULL;

  if (s->dismissed == NULL)
    return FALSE;
  key = topiary_dismissal_key (topiary_suggestion_kind_to_string (kind), target);
  return g_hash_table_contains (s->dismissed, key);
}

typedef struct {
  const char *text;
  char       *key;
  guint       uses;
  guint       order;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->uses != cb->uses)
    return ca->uses < cb->uses ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order ? 1 : 0;
}

/* The anchors worth using for @target: its queries (primary first) and
 * its title, the least used by other articles first; one per key, and
 * none whose key is @except. */
static GArray *
candidates_for (TopiaryLinker     *linker,
                gint64             source,
                TopiaryMapArticle *target,
                const char        *except)
{
  GArray *c = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  TopiaryArticle *t = target->article;
  const char * const *queries = topiary_article_get_queries (t);
  int primary = topiary_article_get_primary_query (t);
  guint n = g_strv_length ((char **) queries);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (primary >= 0 && (guint) primary < n)
    g_ptr_array_add (texts, (gpointer) queries[primary]);
  for (guint i = 0; i < n; i++)
    if ((int) i != primary)
      g_ptr_array_add (texts, (gpointer) queries[i]);
  g_ptr_array_add (texts, (gpointer) topiary_article_get_title (t));

  for (guint i = 0; i < texts->len; i++)
    {
      Candidate cand = { g_ptr_array_index (texts, i), NULL, 0, i };

      if (cand.text == NULL || cand.text[0] == '\0')
        continue;
      cand.key = topiary_link_key (cand.text, -1);
      if (cand.key[0] == '\0' || (except != NULL && strcmp (cand.key, except) == 0) ||
          g_hash_table_contains (seen, cand.key))
        {
          g_free (cand.key);
          continue;
        }
      g_hash_table_add (seen, cand.key);
      cand.uses = _topiary_linker_anchor_uses (linker, target->id, cand.key, source);
      g_array_append_val (c, cand);
    }
  g_array_sort (c, compare_candidates);
  return c;
}

static GArray *
anchor_candidates (Suggest           *s,
                   TopiaryMapArticle *target,
                   const char        *except)
{
  return candidates_for (s->linker, s->article->id, target, except);
}

static void
candidates_free (GArray *c)
{
  for (guint i = 0; i < c->len; i++)
    g_free (g_array_index (c, Candidate, i).key);
  g_array_unref (c);
}

static char **
candidates_strv (GArray *c,
                 guint   from)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char **v;

  for (guint i = from; i < c->len; i++)
    g_strv_builder_add (b, g_array_index (c, Candidate, i).text);
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

static TopiarySuggestion *
add (Suggest               *s,
     TopiarySuggestionKind  kind,
     TopiaryRequiredReason  reason,
     TopiaryMapArticle     *target,
     const char            *plan_anchor)
{
  TopiarySuggestion *sg = g_new0 (TopiarySuggestion, 1);
  LinksMatch *m = g_hash_table_lookup (s->mentions, &target->id);
  GArray *c;

  sg->kind = kind;
  sg->reason = reason;
  sg->target_id = target->id;
  if (m != NULL && kind != TOPIARY_SUGGESTION_SIBLING)
    {
      LinksWord *first = &g_array_index (s->scan->words, LinksWord, m->first);
      LinksWord *last = &g_array_index (s->scan->words, LinksWord, m->first + m->n_words - 1);
      g_autofree char *key = NULL;

      sg->has_position = TRUE;
      sg->start = first->start;
      sg->end = last->end;
      sg->anchor = g_strndup (s->body + sg->start, sg->end - sg->start);
      sg->sentence = _topiary_links_sentence (s->body, s->scan, first->sentence);
      key = topiary_link_key (sg->anchor, -1);
      c = anchor_candidates (s, target, key);
      sg->alternatives = candidates_strv (c, 0);
    }
  else
    {
      c = anchor_candidates (s, target, NULL);
      if (plan_anchor != NULL)
        {
          sg->anchor = g_strdup (plan_anchor);
          sg->alternatives = candidates_strv (c, 0);
        }
      else
        {
          sg->anchor = g_strdup (c->len > 0 ? g_array_index (c, Candidate, 0).text
                                            : topiary_article_get_slug (target->article));
          sg->alternatives = candidates_strv (c, 1);
        }
    }
  candidates_free (c);
  g_ptr_array_add (s->out, sg);
  g_hash_table_add (s->suggested, &target->id);
  return sg;
}

static void
find_mentions (Suggest *s)
{
  LinksMatcher *matcher = s->linker->matcher;
  g_autoptr(GArray) matches = _topiary_links_matcher_find (matcher, s->body, s->scan);

  for (guint i = 0; i < matches->len; i++)
    {
      LinksMatch *m = &g_array_index (matches, LinksMatch, i);
      GArray *ids = g_ptr_array_index (s->linker->pattern_targets, m->pattern);
      gboolean own = FALSE;

      for (guint k = 0; k < ids->len; k++)
        if (g_array_index (ids, gint64, k) == s->article->id)
          own = TRUE;
      /* The article naming itself names nobody else. */
      if (own)
        continue;
      for (guint k = 0; k < ids->len; k++)
        {
          gint64 id = g_array_index (ids, gint64, k);
          TopiaryMapArticle *t = topiary_map_lookup_article (s->linker->map, id);

          if (t == NULL || g_hash_table_contains (s->linked, &t->id))
            continue;
          if (!g_hash_table_contains (s->mentions, &t->id))
            g_hash_table_insert (s->mentions, &t->id, g_memdup2 (m, sizeof *m));
          break;
        }
    }
}

static void
add_required (Suggest               *s,
              TopiaryMapArticle     *target,
              TopiaryRequiredReason  reason,
              const char            *anchor)
{
  if (target == NULL || target == s->article || g_hash_table_contains (s->linked, &target->id) ||
      g_hash_table_contains (s->suggested, &target->id) ||
      is_dismissed (s, TOPIARY_SUGGESTION_REQUIRED, target->id))
    return;
  add (s, TOPIARY_SUGGESTION_REQUIRED, reason, target, anchor);
}

void
_topiary_linker_each_required (TopiaryLinker         *linker,
                               TopiaryMapArticle     *a,
                               TopiaryLinksRequiredFunc func,
                               gpointer               user_data)
{
  if (topiary_article_get_kind (a->article) == TOPIARY_KIND_CLUSTER && a->pillar != NULL &&
      topiary_article_get_kind (a->pillar->article) == TOPIARY_KIND_PILLAR)
    func (a->pillar, TOPIARY_REQUIRED_PILLAR, NULL, user_data);

  if (topiary_article_get_kind (a->article) == TOPIARY_KIND_PILLAR)
    {
      for (guint i = 0; i < a->children->len; i++)
        {
          TopiaryMapArticle *c = g_ptr_array_index (a->children, i);

          if (topiary_article_get_kind (c->article) == TOPIARY_KIND_CLUSTER)
            func (c, TOPIARY_REQUIRED_CLUSTER, NULL, user_data);
        }
      for (guint i = 0; a->group != NULL && a->group->pillar == a && i < a->group->clusters->len; i++)
        {
          TopiaryMapArticle *c = g_ptr_array_index (a->group->clusters, i);

          if (c->pillar == a && topiary_article_get_kind (c->article) == TOPIARY_KIND_CLUSTER)
            func (c, TOPIARY_REQUIRED_CLUSTER, NULL, user_data);
        }
    }

  for (guint i = 0; i < linker->pairs->len; i++)
    {
      PlanPair *pair = &g_array_index (linker->pairs, PlanPair, i);
      TopiaryMapArticle *to;

      if (pair->from == a->id && (to = topiary_map_lookup_article (linker->map, pair->to)) != NULL)
        func (to, TOPIARY_REQUIRED_PLAN, pair->anchor, user_data);
    }
}

static void
required_found (TopiaryMapArticle     *target,
                TopiaryRequiredReason  reason,
                const char            *anchor,
                gpointer               user_data)
{
  add_required (user_data, target, reason, anchor);
}

static void
suggest_required (Suggest *s)
{
  _topiary_linker_each_required (s->linker, s->article, required_found, s);
}

static int
compare_mention_targets (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  Suggest *s = user_data;
  const LinksMatch *ma = g_hash_table_lookup (s->mentions, *(gint64 * const *) a);
  const LinksMatch *mb = g_hash_table_lookup (s->mentions, *(gint64 * const *) b);

  return ma->first < mb->first ? -1 : ma->first > mb->first ? 1 : 0;
}

static void
suggest_mentions (Suggest *s)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, s->mentions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  /* In the order of the text. */
  g_ptr_array_sort_with_data (ids, compare_mention_targets, s);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = *(gint64 *) g_ptr_array_index (ids, i);
      TopiaryMapArticle *t = topiary_map_lookup_article (s->linker->map, id);

      if (g_hash_table_contains (s->suggested, &id) || is_dismissed (s, TOPIARY_SUGGESTION_MENTION, id))
        continue;
      add (s, TOPIARY_SUGGESTION_MENTION, TOPIARY_REQUIRED_NONE, t, NULL);
    }
}

static void
suggest_siblings (Suggest *s)
{
  TopiaryMapGroup *group = s->article->group;

  for (guint i = 0; group != NULL && i < group->articles->len; i++)
    {
      TopiaryMapArticle *t = g_ptr_array_index (group->articles, i);

      if (t == s->article || topiary_article_get_status (t->article) == TOPIARY_STATUS_IDEA ||
          g_hash_table_contains (s->linked, &t->id) || g_hash_table_contains (s->suggested, &t->id) ||
          is_dismissed (s, TOPIARY_SUGGESTION_SIBLING, t->id) ||
          /* A pillar's clusters are in its group too: a required link
           * dismissed is not offered again, weaker, as a sibling. */
          is_dismissed (s, TOPIARY_SUGGESTION_REQUIRED, t->id))
        continue;
      add (s, TOPIARY_SUGGESTION_SIBLING, TOPIARY_REQUIRED_NONE, t, NULL);
    }
}

/* A link whose anchor TOPIARY_LINKS_SAME_ANCHOR_MIN articles (this one
 * included) use for the same target: one suggestion per target. */
static void
suggest_anchor_variety (Suggest *s)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < s->scan->links->len; i++)
    {
      LinksLink *link = &g_array_index (s->scan->links, LinksLink, i);
      TopiaryMapArticle *t = link->wiki ? topiary_map_resolve_link (s->linker->map, link->target, NULL) : NULL;
      g_autofree char *key = NULL;
      TopiarySuggestion *sg;
      GArray *c;

      if (t == NULL || t == s->article || g_hash_table_contains (done, &t->id) ||
          is_dismissed (s, TOPIARY_SUGGESTION_ANCHOR, t->id))
        continue;
      key = topiary_link_key (link->label, -1);
      if (_topiary_linker_anchor_uses (s->linker, t->id, key, s->article->id) + 1 < TOPIARY_LINKS_SAME_ANCHOR_MIN)
        continue;
      c = anchor_candidates (s, t, key);
      if (c->len == 0 || g_array_index (c, Candidate, 0).uses + 1 >= TOPIARY_LINKS_SAME_ANCHOR_MIN)
        {
          candidates_free (c);
          continue;
        }
      g_hash_table_add (done, &t->id);
      sg = g_new0 (TopiarySuggestion, 1);
      sg->kind = TOPIARY_SUGGESTION_ANCHOR;
      sg->target_id = t->id;
      sg->anchor = g_strdup (g_array_index (c, Candidate, 0).text);
      sg->alternatives = candidates_strv (c, 1);
      sg->has_position = TRUE;
      sg->start = link->start;
      sg->end = link->end;
      sg->sentence = _topiary_links_sentence (s->body, s->scan, link->sentence);
      candidates_free (c);
      g_ptr_array_add (s->out, sg);
    }
}

GPtrArray *
topiary_linker_suggest (TopiaryLinker *linker,
                        gint64         article_id,
                        const char    *body,
                        GHashTable    *dismissed)
{
  g_autoptr(LinksScan) scan = NULL;
  g_autoptr(GHashTable) linked = NULL;
  g_autoptr(GHashTable) mentions = NULL;
  g_autoptr(GHashTable) suggested = NULL;
  Suggest s = { 0 };

  g_return_val_if_fail (linker != NULL, NULL);

  s.out = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_suggestion_free);
  s.article = topiary_map_lookup_article (linker->map, article_id);
  if (s.article == NULL)
    return s.out;
  s.linker = linker;
  s.body = body != NULL ? body : "";
  s.dismissed = dismissed;
  scan = s.scan = _topiary_links_scan (s.body);
  linked = s.linked = g_hash_table_new (g_int64_hash, g_int64_equal);
  mentions = s.mentions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  suggested = s.suggested = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < scan->links->len; i++)
    {
      LinksLink *link = &g_array_index (scan->links, LinksLink, i);
      TopiaryMapArticle *t;
      g_autofree char *slug = NULL;

      if (link->wiki)
        t = topiary_map_resolve_link (linker->map, link->target, NULL);
      else
        {
          slug = topiary_markdown_relative_link_slug (link->target);
          t = slug != NULL ? topiary_map_lookup_slug (linker->map, slug) : NULL;
        }
      if (t != NULL)
        g_hash_table_add (linked, &t->id);
    }

  find_mentions (&s);
  suggest_required (&s);
  suggest_mentions (&s);
  suggest_siblings (&s);
  suggest_anchor_variety (&s);
  return s.out;
}

/* `[[anchor]]` when the anchor itself names @target, else
 * `[[slug|anchor]]`. */
static char *
link_text (TopiaryLinker     *linker,
           TopiaryMapArticle *target,
           const char        *anchor)
{
  const char *slug = topiary_article_get_slug (target->article);
  g_autofree char *clean = g_strdup (anchor != NULL ? anchor : "");

  /* An anchor cannot hold the link's own syntax. */
  for (char *p = clean; *p != '\0'; p++)
    if (*p == '|' || *p == '[' || *p == ']' || *p == '\n' || *p == '\r')
      *p = ' ';
  g_strstrip (clean);
  if (clean[0] == '\0' || strchr (clean, '#') != NULL)
    return clean[0] == '\0' ? g_strdup_printf ("[[%s]]", slug) : g_strdup_printf ("[[%s|%s]]", slug, clean);
  if (topiary_map_resolve_link (linker->map, clean, NULL) == target)
    return g_strdup_printf ("[[%s]]", clean);
  return g_strdup_printf ("[[%s|%s]]", slug, clean);
}

char *
topiary_suggestion_edit (TopiaryLinker           *linker,
                         const TopiarySuggestion *suggestion,
                         const char              *body,
                         gsize                    cursor,
                         gsize                   *start,
                         gsize                   *end)
{
  TopiaryMapArticle *target;
  gsize len;
  char *text;

  g_return_val_if_fail (linker != NULL, NULL);
  g_return_val_if_fail (suggestion != NULL, NULL);
  g_return_val_if_fail (start != NULL && end != NULL, NULL);

  body = body != NULL ? body : "";
  len = strlen (body);
  target = topiary_map_lookup_article (linker->map, suggestion->target_id);
  if (target == NULL)
    return NULL;
  if (suggestion->has_position && suggestion->end <= len && suggestion->start <= suggestion->end)
    {
      *start = suggestion->start;
      *end = suggestion->end;
      return link_text (linker, target, suggestion->anchor);
    }
  cursor = MIN (cursor, len);
  /* Not inside a UTF-8 sequence. */
  while (cursor > 0 && ((guchar) body[cursor] & 0xC0) == 0x80)
    cursor--;
  *start = *end = cursor;
  text = link_text (linker, target, suggestion->anchor);
  if (cursor > 0 && !g_ascii_isspace (body[cursor - 1]))
    {
      char *spaced = g_strconcat (" ", text, NULL);

      g_free (text);
      text = spaced;
    }
  return text;
}

static const char *
slug_of (TopiaryLinker *linker,
         gint64         id)
{
  TopiaryMapArticle *a = id != 0 ? topiary_map_lookup_article (linker->map, id) : NULL;

  return a != NULL ? topiary_article_get_slug (a->article) : NULL;
}

static void
member_string (JsonBuilder *b,
               const char  *name,
               const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
member_int (JsonBuilder *b,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

JsonNode *
topiary_linker_to_json_node (TopiaryLinker *linker,
                             gint64         article_id,
                             GPtrArray     *outgoing,
                             GPtrArray     *backlinks,
                             GPtrArray     *suggestions)
{
  static const char * const states[] = { "resolved", "unresolved", "planned" };
  static const char * const reasons[] = { NULL, "pillar", "cluster", "plan" };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (linker != NULL, NULL);

  json_builder_begin_object (b);
  member_string (b, "article", slug_of (linker, article_id));
  if (outgoing != NULL)
    {
      json_builder_set_member_name (b, "outgoing");
      json_builder_begin_array (b);
      for (guint i = 0; i < outgoing->len; i++)
        {
          TopiaryOutlink *o = g_ptr_array_index (outgoing, i);

          json_builder_begin_object (b);
          member_string (b, "state", states[o->state]);
          member_string (b, "target", o->target);
          member_string (b, "label", o->label);
          member_string (b, "slug", slug_of (linker, o->target_id));
          member_int (b, "start", o->start);
          member_int (b, "end", o->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (backlinks != NULL)
    {
      json_builder_set_member_name (b, "backlinks");
      json_builder_begin_array (b);
      for (guint i = 0; i < backlinks->len; i++)
        {
          TopiaryBacklink *l = g_ptr_array_index (backlinks, i);

          json_builder_begin_object (b);
          member_string (b, "source", slug_of (linker, l->source_id));
          member_string (b, "anchor", l->anchor);
          member_string (b, "sentence", l->sentence);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (suggestions != NULL)
    {
      json_builder_set_member_name (b, "suggestions");
      json_builder_begin_array (b);
      for (guint i = 0; i < suggestions->len; i++)
        {
          TopiarySuggestion *sg = g_ptr_array_index (suggestions, i);
          TopiaryMapArticle *t = topiary_map_lookup_article (linker->map, sg->target_id);
          g_autofree char *text = t != NULL ? link_text (linker, t, sg->anchor) : NULL;

          json_builder_begin_object (b);
          member_string (b, "kind", topiary_suggestion_kind_to_string (sg->kind));
          member_string (b, "reason", reasons[sg->reason]);
          member_string (b, "target", slug_of (linker, sg->target_id));
          member_string (b, "anchor", sg->anchor);
          member_string (b, "link", text);
          member_string (b, "sentence", sg->sentence);
          if (sg->has_position)
            {
              member_int (b, "start", sg->start);
              member_int (b, "end", sg->end);
            }
          json_builder_set_member_name (b, "alternatives");
          json_builder_begin_array (b);
          for (guint k = 0; sg->alternatives[k] != NULL; k++)
            json_builder_add_string_value (b, sg->alternatives[k]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
_topiary_linker_pick_anchor (TopiaryLinker      *linker,
                             gint64              source,
                             TopiaryMapArticle  *target,
                             char             ***alternatives)
{
  GArray *c = candidates_for (linker, source, target, NULL);
  char *anchor = g_strdup (c->len > 0 ? g_array_index (c, Candidate, 0).text
                                      : topiary_article_get_slug (target->article));

  *alternatives = candidates_strv (c, 1);
  candidates_free (c);
  return anchor;
}

char *
_topiary_linker_link_text (TopiaryLinker     *linker,
                           TopiaryMapArticle *target,
                           const char        *anchor)
{
  return link_text (linker, target, anchor);
}
