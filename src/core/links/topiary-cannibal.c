/* topiary-cannibal.c — articles that compete for one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-cannibal.h"
#include "topiary-links-private.h"

typedef struct {
  TopiaryMapArticle *article;
  const char        *text;     /* the query as written */
  char             **words;    /* sorted, unique */
  guint              n_words;
  char              *key;      /* the words joined */
} Query;

typedef struct {
  guint  a, b;          /* Query indexes, a's article first in writing order */
  double score;
} Pair;

void
topiary_cannibal_finding_free (TopiaryCannibalFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->overlap);
  g_free (finding->message);
  g_free (finding);
}

const char *
topiary_cannibal_kind_to_code (TopiaryCannibalKind kind)
{
  switch (kind)
    {
    case TOPIARY_CANNIBAL_QUERIES:
      return "cannibal-queries";
    case TOPIARY_CANNIBAL_GROUPS:
      return "cannibal-groups";
    default:
      return "cannibal-title";
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The sorted, unique content words of @text; its function words only
 * when it has nothing else ("how to"). */
static char **
word_set (const char *text,
          gboolean    stem,
          guint      *n)
{
  g_autoptr(GPtrArray) words = _topiary_links_phrase_words (text, stem);
  GPtrArray *set = g_ptr_array_new ();
  gboolean content = FALSE;

  for (guint i = 0; i < words->len; i++)
    if (!_topiary_links_is_stopword (g_ptr_array_index (words, i)))
      content = TRUE;
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      if (!content || !_topiary_links_is_stopword (w))
        g_ptr_array_add (set, g_strdup (w));
    }
  g_ptr_array_sort (set, compare_strings);
  for (guint i = 1; i < set->len; )
    if (strcmp (g_ptr_array_index (set, i), g_ptr_array_index (set, i - 1)) == 0)
      g_free (g_ptr_array_steal_index (set, i));
    else
      i++;
  *n = set->len;
  g_ptr_array_add (set, NULL);
  return (char **) g_ptr_array_free (set, FALSE);
}

static char *
join_except (char  **words,
             guint   n,
             guint   skip)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i == skip)
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\x1f');
      g_string_append (s, words[i]);
    }
  return g_string_free (s, FALSE);
}

static double
jaccard (const Query *a,
         const Query *b)
{
  guint i = 0, j = 0, common = 0;

  while (i < a->n_words && j < b->n_words)
    {
      int c = strcmp (a->words[i], b->words[j]);

      if (c == 0)
        common++, i++, j++;
      else if (c < 0)
        i++;
      else
        j++;
    }
  return (double) common / (a->n_words + b->n_words - common);
}

static void
index_add (GHashTable *index,
           char       *key,
           guint       q)
{
  GArray *list = g_hash_table_lookup (index, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (index, key, list);
    }
  else
    g_free (key);
  /* A query's subsets may repeat a key; one entry is enough. */
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != q)
    g_array_append_val (list, q);
}

static const char *
name_of (TopiaryMapArticle *a)
{
  const char *title = topiary_article_get_title (a->article);

  return title != NULL && title[0] != '\0' ? title : topiary_article_get_slug (a->article);
}

/* Same intent, or one unknown. */
static gboolean
same_intent (TopiaryMapArticle *a,
             TopiaryMapArticle *b)
{
  const char *ia = topiary_intent_normalize (topiary_article_get_intent (a->article));
  const char *ib = topiary_intent_normalize (topiary_article_get_intent (b->article));

  return ia == NULL || ib == NULL || strcmp (ia, ib) == 0;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static guint64
pair_key (TopiaryMapArticle *a,
          TopiaryMapArticle *b)
{
  guint x = MIN (a->index, b->index), y = MAX (a->index, b->index);

  return ((guint64) x << 32) | y;
}

static void
add_finding (GPtrArray           *out,
             TopiaryCannibalKind  kind,
             TopiaryMapArticle   *a,
             TopiaryMapArticle   *b,
             const char          *overlap,
             double               score,
             const char          *what)
{
  TopiaryCannibalFinding *f = g_new0 (TopiaryCannibalFinding, 1);

  f->kind = kind;
  f->article_id = a->id;
  f->other_id = b->id;
  f->overlap = g_strdup (overlap);
  f->score = score;
  switch (kind)
    {
    case TOPIARY_CANNIBAL_QUERIES:
      f->message = g_strdup_printf (_("“%s” and “%s” compete for “%s” with the same intent: merge them, give one of them another intent, or make one the owner of the query and link to it from the other."),
                                    name_of (a), name_of (b), overlap);
      break;
    case TOPIARY_CANNIBAL_GROUPS:
      f->message = g_strdup_printf (_("“%s” (group “%s”) and “%s” (group “%s”) both target “%s”: merge them, or make one the owner of the query and link to it from the other."),
                                    name_of (a), topiary_group_get_title (a->group->group),
                                    name_of (b), topiary_group_get_title (b->group->group), overlap);
      break;
    case TOPIARY_CANNIBAL_TITLE:
      f->message = g_strdup_printf (_("The title of “%s” is “%s”, the primary query of “%s”: retitle it, or make “%s” the owner of the query and link to it."),
                                    name_of (a), what, name_of (b), name_of (b));
      break;
    case TOPIARY_CANNIBAL_HEADING:
      f->message = g_strdup_printf (_("The first heading of “%s” is “%s”, the primary query of “%s”: change it, or make “%s” the owner of the query and link to it."),
                                    name_of (a), what, name_of (b), name_of (b));
      break;
    case TOPIARY_CANNIBAL_SLUG:
    default:
      f->message = g_strdup_printf (_("The slug of “%s” is “%s”, the primary query of “%s”: change it, or make “%s” the owner of the query and link to it."),
                                    name_of (a), what, name_of (b), name_of (b));
      break;
    }
  g_ptr_array_add (out, f);
}

static void
query_clear (gpointer data)
{
  Query *q = data;

  g_strfreev (q->words);
  g_free (q->key);
}

static gboolean
is_idea (TopiaryMapArticle *a)
{
  return topiary_article_get_status (a->article) == TOPIARY_STATUS_IDEA;
}

GPtrArray *
topiary_cannibal_find (TopiaryMap *map,
                       const char *language,
                       GHashTable *first_headings)
{
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (Query));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) primaries = g_hash_table_new (g_str_hash, g_str_equal);  /* key of a primary query → its Query index + 1 */
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) order = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_cannibal_finding_free);
  GPtrArray *articles;
  gboolean stem = _topiary_links_language_stems (language);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TOPIARY_IS_MAP (map), out);

  g_array_set_clear_func (queries, query_clear);
  articles = topiary_map_get_articles (map);
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      const char * const *texts = topiary_article_get_queries (a->article);
      int primary = topiary_article_get_primary_query (a->article);

      if (is_idea (a))
        continue;
      for (guint k = 0; texts[k] != NULL; k++)
        {
          Query q = { a, texts[k], NULL, 0, NULL };
          guint qi = queries->len;

          q.words = word_set (texts[k], stem, &q.n_words);
          if (q.n_words == 0)
            {
              g_strfreev (q.words);
              continue;
            }
          q.key = join_except (q.words, q.n_words, G_MAXUINT);
          g_array_append_val (queries, q);
          index_add (index, g_strdup (q.key), qi);
          if (q.n_words >= 4)
            for (guint w = 0; w < q.n_words; w++)
              index_add (index, join_except (q.words, q.n_words, w), qi);
          if ((int) k == primary && !g_hash_table_contains (primaries, q.key))
            g_hash_table_insert (primaries, q.key, GUINT_TO_POINTER (qi + 1));
        }
    }

  /* Candidates share a key; the best overlap of each pair of articles. */
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *list = value;

      for (guint i = 0; i < list->len; i++)
        for (guint j = i + 1; j < list->len; j++)
          {
            guint qa = g_array_index (list, guint, i), qb = g_array_index (list, guint, j);
            Query *a = &g_array_index (queries, Query, qa), *b = &g_array_index (queries, Query, qb);
            double score;
            guint64 key;
            Pair *pair;

            if (a->article == b->article)
              continue;
            score = jaccard (a, b);
            if (score < TOPIARY_CANNIBAL_THRESHOLD)
              continue;
            if (a->article->index > b->article->index)
              {
                guint t = qa;

                qa = qb, qb = t;
              }
            key = pair_key (a->article, b->article);
            pair = g_hash_table_lookup (pairs, &key);
            if (pair == NULL)
              {
                pair = g_new0 (Pair, 1);
                g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key), pair);
              }
            else if (pair->score >= score)
              continue;
            pair->a = qa;
            pair->b = qb;
            pair->score = score;
          }
    }

  /* In writing order of the pair, for a stable report. */
  order = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    g_array_append_val (order, *(guint64 *) value);
  g_array_sort (order, compare_keys);
  for (guint i = 0; i < order->len; i++)
    {
      guint64 key = g_array_index (order, guint64, i);
      Pair *pair = g_hash_table_lookup (pairs, &key);
      Query *a = &g_array_index (queries, Query, pair->a), *b = &g_array_index (queries, Query, pair->b);

      if (a->article->group != b->article->group && a->article->group != NULL &&
          b->article->group != NULL && pair->score >= 1.0)
        add_finding (out, TOPIARY_CANNIBAL_GROUPS, a->article, b->article, b->text, pair->score, NULL);
      else if (same_intent (a->article, b->article))
        add_finding (out, TOPIARY_CANNIBAL_QUERIES, a->article, b->article, b->text, pair->score, NULL);
      else
        continue;
      g_hash_table_add (reported, g_memdup2 (&key, sizeof key));
    }

  /* Titles, first headings and slugs against primary queries. */
  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      const char *heading = NULL;
      g_autofree char *slug_words = NULL;
      const char *names[3];
      TopiaryCannibalKind kinds[3] = { TOPIARY_CANNIBAL_TITLE, TOPIARY_CANNIBAL_HEADING, TOPIARY_CANNIBAL_SLUG };

      if (is_idea (a))
        continue;
      if (first_headings != NULL)
        heading = g_hash_table_lookup (first_headings, &a->id);
      slug_words = g_strdup (topiary_article_get_slug (a->article));
      g_strdelimit (slug_words, "-", ' ');
      names[0] = topiary_article_get_title (a->article);
      names[1] = heading;
      names[2] = slug_words;
      for (guint n = 0; n < 3; n++)
        {
          guint count = 0;
          g_auto(GStrv) words = NULL;
          g_autofree char *key = NULL;
          gpointer found;
          Query *b;
          guint64 pk;

          if (names[n] == NULL || names[n][0] == '\0')
            continue;
          words = word_set (names[n], stem, &count);
          key = join_except (words, count, G_MAXUINT);
          found = g_hash_table_lookup (primaries, key);
          if (found == NULL)
            continue;
          b = &g_array_index (queries, Query, GPOINTER_TO_UINT (found) - 1);
          if (b->article == a)
            continue;
          pk = pair_key (a, b->article);
          if (g_hash_table_contains (reported, &pk))
            continue;
          g_hash_table_add (reported, g_memdup2 (&pk, sizeof pk));
          add_finding (out, kinds[n], a, b->article, b->text, 1.0,
                       n == 2 ? topiary_article_get_slug (a->article) : names[n]);
        }
    }
  return out;
}

char *
topiary_cannibal_first_heading (const char *body)
{
  const char *p;
  char fence = 0;

  if (body == NULL)
    return NULL;
  for (p = body + _topiary_links_front_matter_end (body); *p != '\0'; )
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      const char *q = p;

      while (q < p + len && *q == ' ' && q - p < 3)
        q++;
      if ((*q == '`' || *q == '~') && q + 2 < p + len && q[1] == *q && q[2] == *q)
        fence = fence == 0 ? *q : (fence == *q ? 0 : fence);
      else if (fence == 0 && *q == '#')
        {
          const char *t = q;
          const char *end = p + len;

          while (t < end && *t == '#')
            t++;
          if (t - q <= 6 && (t == end || *t == ' ' || *t == '\t'))
            {
              g_autofree char *text = g_strndup (t, end - t);

              g_strstrip (text);
              /* A closing run of #. */
              while (text[0] != '\0' && text[strlen (text) - 1] == '#')
                text[strlen (text) - 1] = '\0';
              g_strstrip (text);
              if (text[0] != '\0')
                return g_steal_pointer (&text);
            }
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return NULL;
}
