/* topiary-link.c — wiki-link keys and the index that resolves them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-link.h"

#define COMBINING_DOT_ABOVE 0x0307

/* The white space of g_unichar_isspace() within ASCII (no vertical tab). */
static gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\0')
      return FALSE;
  return TRUE;
}

/* Most titles are ASCII, whose key needs no Unicode tables: folding is
 * lowercasing, and both normal forms leave it as it is. The same result
 * as the general path, ten times faster. */
static char *
ascii_key (const char *text,
           gsize       length)
{
  char *key = g_malloc (length + 1);
  gsize n = 0;
  gboolean pending_space = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (is_ascii_space (text[i]))
        {
          pending_space = n > 0;
          continue;
        }
      if (pending_space)
        key[n++] = ' ';
      pending_space = FALSE;
      key[n++] = g_ascii_tolower (text[i]);
    }
  key[n] = '\0';
  return key;
}

char *
topiary_link_key (const char *text,
                  gssize      length)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) out = NULL;
  gboolean pending_space = FALSE;
  gunichar prev = 0;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);
  if (is_ascii (text, length))
    return ascii_key (text, length);

  /* Fold the decomposed form, as Unicode's canonical caseless matching
   * does: folding can produce marks that composition then reorders. */
  valid = g_utf8_make_valid (text, length);
  nfd = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  folded = g_utf8_casefold (nfd != NULL ? nfd : valid, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          prev = ' ';
          continue;
        }
      /* İ folds to "i̇": the dot is already on the i. */
      if (c == COMBINING_DOT_ABOVE && (prev == 'i' || prev == 'j'))
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
      prev = c;
    }

  return g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
}

static char *
ascii_trimmed (const char *start,
               gsize       len)
{
  while (len > 0 && g_ascii_isspace (start[0]))
    start++, len--;
  while (len > 0 && g_ascii_isspace (start[len - 1]))
    len--;
  return g_strndup (start, len);
}

void
topiary_link_split (const char  *inner,
                    char       **target,
                    char       **label)
{
  const char *bar;

  g_return_if_fail (inner != NULL);

  bar = strchr (inner, '|');
  if (target != NULL)
    *target = ascii_trimmed (inner, bar != NULL ? (gsize) (bar - inner) : strlen (inner));
  if (label != NULL)
    {
      *label = bar != NULL ? ascii_trimmed (bar + 1, strlen (bar + 1)) : NULL;
      if (*label != NULL && **label == '\0')
        g_clear_pointer (label, g_free);
    }
}

typedef struct {
  gint64  id;
  char   *slug;
} Entry;

struct _TopiaryLinkIndex {
  GPtrArray  *entries;   /* Entry *, in the order added */
  GHashTable *by_slug;   /* key of a slug → Entry *, the first */
  GHashTable *by_title;  /* key of a title → Entry *, the first */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->slug);
  g_free (entry);
}

TopiaryLinkIndex *
topiary_link_index_new (void)
{
  TopiaryLinkIndex *index = g_new0 (TopiaryLinkIndex, 1);

  index->entries = g_ptr_array_new_with_free_func (entry_free);
  index->by_slug = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return index;
}

void
topiary_link_index_free (TopiaryLinkIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->by_slug);
  g_hash_table_unref (index->by_title);
  g_ptr_array_unref (index->entries);
  g_free (index);
}

static void
add_key (GHashTable *table,
         const char *name,
         Entry      *entry)
{
  char *key;

  if (name == NULL || name[0] == '\0')
    return;
  key = topiary_link_key (name, -1);
  if (key[0] == '\0' || g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, entry);
}

void
topiary_link_index_add (TopiaryLinkIndex *index,
                        gint64            id,
                        const char       *slug,
                        const char       *title)
{
  Entry *entry;

  g_return_if_fail (index != NULL);
  g_return_if_fail (id != 0);

  entry = g_new0 (Entry, 1);
  entry->id = id;
  entry->slug = g_strdup (slug != NULL ? slug : "");
  g_ptr_array_add (index->entries, entry);
  add_key (index->by_slug, slug, entry);
  add_key (index->by_title, title, entry);
}

guint
topiary_link_index_size (const TopiaryLinkIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->entries->len;
}

static Entry *
find_name (const TopiaryLinkIndex *index,
           const char             *name,
           gsize                   len)
{
  g_autofree char *key = topiary_link_key (name, len);
  Entry *entry;

  if (key[0] == '\0')
    return NULL;
  entry = g_hash_table_lookup (index->by_slug, key);
  if (entry == NULL)
    entry = g_hash_table_lookup (index->by_title, key);
  return entry;
}

gint64
topiary_link_index_resolve (const TopiaryLinkIndex  *index,
                            const char              *target,
                            const char             **slug,
                            char                   **heading)
{
  const char *hash;
  Entry *entry;

  g_return_val_if_fail (index != NULL, 0);

  if (slug != NULL)
    *slug = NULL;
  if (heading != NULL)
    *heading = NULL;
  if (target == NULL)
    return 0;

  /* The longest name wins: the whole target, then what stands before
   * each "#", from the last one back. */
  entry = find_name (index, target, strlen (target));
  for (hash = strrchr (target, '#'); entry == NULL && hash != NULL;
       hash = hash > target ? g_strrstr_len (target, hash - target, "#") : NULL)
    {
      entry = find_name (index, target, hash - target);
      if (entry != NULL && heading != NULL)
        {
          g_autofree char *text = g_strdup (hash + 1);

          g_strstrip (text);
          if (text[0] != '\0')
            *heading = g_steal_pointer (&text);
        }
    }
  if (entry == NULL)
    return 0;
  if (slug != NULL)
    *slug = entry->slug;
  return entry->id;
}
