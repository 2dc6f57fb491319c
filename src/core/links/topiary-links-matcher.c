/* topiary-links-matcher.c — one automaton that finds every title and
 * query of a map in a text at once
 *
 * Aho–Corasick over words rather than bytes: each phrase is a sequence of
 * normalised words (topiary-links-words.c), the trie's edges are word
 * numbers, and a text is read one word at a time, so a phrase can only
 * start and end at word boundaries and "app" is never found inside
 * "happy". A word that no phrase contains sends the automaton back to
 * its root, as does a sentence boundary or anything but spaces, hyphens,
 * slashes, apostrophes and emphasis marks between two words. Building
 * costs the total length of the phrases; a text of n words costs n
 * lookups plus the matches found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-links-private.h"

#define NONE G_MAXUINT

typedef struct {
  guint fail;
  guint dict;          /* the nearest node along the failure links with a pattern */
  guint pattern;
  guint depth;
  guint first_child;
  guint next_sibling;
  guint word;
} Node;

struct _LinksMatcher {
  gboolean    stem;
  GHashTable *vocab;     /* normalised word → number + 1 */
  GArray     *nodes;     /* Node; 0 is the root */
  guint       n_patterns;
  /* Edges: open addressing on (node << 32 | word) → child. */
  guint64    *keys;
  guint      *values;
  gsize       n_slots;   /* a power of two */
  gsize       n_edges;
  gboolean    built;
};

static inline gsize
slot_of (guint64 key,
         gsize   mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static guint
edge_get (const LinksMatcher *m,
          guint               node,
          guint               word)
{
  guint64 key = ((guint64) node << 32) | word;
  gsize mask = m->n_slots - 1;

  for (gsize i = slot_of (key, mask); ; i = (i + 1) & mask)
    {
      if (m->values[i] == NONE)
        return NONE;
      if (m->keys[i] == key)
        return m->values[i];
    }
}

static void edge_put (LinksMatcher *m, guint node, guint word, guint child);

static void
edges_grow (LinksMatcher *m)
{
  guint64 *keys = m->keys;
  guint *values = m->values;
  gsize n = m->n_slots;

  m->n_slots = n * 2;
  m->keys = g_new (guint64, m->n_slots);
  m->values = g_new (guint, m->n_slots);
  memset (m->values, 0xff, m->n_slots * sizeof (guint));
  m->n_edges = 0;
  for (gsize i = 0; i < n; i++)
    if (values[i] != NONE)
      edge_put (m, (guint) (keys[i] >> 32), (guint) (keys[i] & 0xffffffff), values[i]);
  g_free (keys);
  g_free (values);
}

static void
edge_put (LinksMatcher *m,
          guint         node,
          guint         word,
          guint         child)
{
  guint64 key = ((guint64) node << 32) | word;
  gsize mask;

  if ((m->n_edges + 1) * 2 > m->n_slots)
    edges_grow (m);
  mask = m->n_slots - 1;
  for (gsize i = slot_of (key, mask); ; i = (i + 1) & mask)
    if (m->values[i] == NONE)
      {
        m->keys[i] = key;
        m->values[i] = child;
        m->n_edges++;
        return;
      }
}

static guint
node_new (LinksMatcher *m,
          guint         depth,
          guint         word)
{
  Node n = { 0, NONE, NONE, depth, NONE, NONE, word };

  g_array_append_val (m->nodes, n);
  return m->nodes->len - 1;
}

#define NODE(m, i) (&g_array_index ((m)->nodes, Node, (i)))

LinksMatcher *
_topiary_links_matcher_new (gboolean stem)
{
  LinksMatcher *m = g_new0 (LinksMatcher, 1);

  m->stem = stem;
  m->vocab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  m->n_slots = 1024;
  m->keys = g_new (guint64, m->n_slots);
  m->values = g_new (guint, m->n_slots);
  memset (m->values, 0xff, m->n_slots * sizeof (guint));
  node_new (m, 0, NONE);
  return m;
}

void
_topiary_links_matcher_free (LinksMatcher *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->vocab);
  g_array_unref (m->nodes);
  g_free (m->keys);
  g_free (m->values);
  g_free (m);
}

guint
_topiary_links_matcher_add (LinksMatcher *m,
                            const char   *phrase)
{
  g_autoptr(GPtrArray) words = NULL;
  gboolean content = FALSE;
  guint node = 0;

  g_return_val_if_fail (!m->built, NONE);

  if (phrase == NULL)
    return NONE;
  words = _topiary_links_phrase_words (phrase, m->stem);
  for (guint i = 0; i < words->len; i++)
    if (!_topiary_links_is_stopword (g_ptr_array_index (words, i)))
      content = TRUE;
  /* One letter or two alone would be found everywhere. */
  if (!content || (words->len == 1 && g_utf8_strlen (g_ptr_array_index (words, 0), -1) < 3))
    return NONE;

  for (guint i = 0; i < words->len; i++)
    {
      char *word = g_ptr_array_index (words, i);
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (m->vocab, word));
      guint child;

      if (id == 0)
        {
          id = g_hash_table_size (m->vocab) + 1;
          g_hash_table_insert (m->vocab, g_strdup (word), GUINT_TO_POINTER (id));
        }
      id--;
      child = edge_get (m, node, id);
      if (child == NONE)
        {
          child = node_new (m, i + 1, id);
          edge_put (m, node, id, child);
          NODE (m, child)->next_sibling = NODE (m, node)->first_child;
          NODE (m, node)->first_child = child;
        }
      node = child;
    }
  if (NODE (m, node)->pattern == NONE)
    NODE (m, node)->pattern = m->n_patterns++;
  return NODE (m, node)->pattern;
}

void
_topiary_links_matcher_build (LinksMatcher *m)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (!m->built);

  for (guint c = NODE (m, 0)->first_child; c != NONE; c = NODE (m, c)->next_sibling)
    {
      NODE (m, c)->fail = 0;
      g_array_append_val (queue, c);
    }
  for (guint head = 0; head < queue->len; head++)
    {
      guint u = g_array_index (queue, guint, head);

      for (guint v = NODE (m, u)->first_child; v != NONE; v = NODE (m, v)->next_sibling)
        {
          guint word = NODE (m, v)->word;
          guint f = NODE (m, u)->fail;
          guint target;

          while (f != 0 && edge_get (m, f, word) == NONE)
            f = NODE (m, f)->fail;
          target = edge_get (m, f, word);
          NODE (m, v)->fail = target != NONE && target != v ? target : 0;
          f = NODE (m, v)->fail;
          NODE (m, v)->dict = NODE (m, f)->pattern != NONE ? f : NODE (m, f)->dict;
          g_array_append_val (queue, v);
        }
    }
  m->built = TRUE;
}

/* TRUE when only what joins the words of one phrase stands between. */
static gboolean
joined (const char *body,
        gsize       from,
        gsize       to)
{
  if (to - from > 16)
    return FALSE;
  for (gsize i = from; i < to; i++)
    {
      char c = body[i];

      if (!(g_ascii_isspace (c) || c == '-' || c == '/' || c == '*' || c == '_' || c == '\''))
        return FALSE;
    }
  return TRUE;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const LinksMatch *ma = a, *mb = b;

  if (ma->first != mb->first)
    return ma->first < mb->first ? -1 : 1;
  if (ma->n_words != mb->n_words)
    return ma->n_words > mb->n_words ? -1 : 1;
  return 0;
}

GArray *
_topiary_links_matcher_find (LinksMatcher *m,
                             const char   *body,
                             LinksScan    *scan)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (LinksMatch));
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (LinksMatch));
  guint state = 0;
  guint next_free = 0;

  g_return_val_if_fail (m->built, chosen);

  for (guint i = 0; i < scan->words->len; i++)
    {
      LinksWord *w = &g_array_index (scan->words, LinksWord, i);
      g_autofree char *norm = NULL;
      guint id;

      if (i > 0)
        {
          LinksWord *prev = w - 1;

          if (prev->sentence != w->sentence || !joined (body, prev->end, w->start))
            state = 0;
        }
      norm = _topiary_links_word_norm (body + w->start, w->end - w->start, m->stem);
      id = GPOINTER_TO_UINT (g_hash_table_lookup (m->vocab, norm));
      if (id == 0)
        {
          state = 0;
          continue;
        }
      id--;
      while (state != 0 && edge_get (m, state, id) == NONE)
        state = NODE (m, state)->fail;
      state = edge_get (m, state, id);
      if (state == NONE)
        {
          state = 0;
          continue;
        }
      for (guint t = NODE (m, state)->pattern != NONE ? state : NODE (m, state)->dict;
           t != NONE; t = NODE (m, t)->dict)
        {
          LinksMatch match = { i + 1 - NODE (m, t)->depth, NODE (m, t)->depth, NODE (m, t)->pattern };

          g_array_append_val (all, match);
        }
    }

  g_array_sort (all, compare_matches);
  for (guint i = 0; i < all->len; i++)
    {
      LinksMatch *match = &g_array_index (all, LinksMatch, i);

      if (match->first < next_free)
        continue;
      g_array_append_val (chosen, *match);
      next_free = match->first + match->n_words;
    }
  return chosen;
}
