/* topiary-spell-dicts.c — enchant dictionaries, found and loaded ahead
 *
 * A loaded-ahead dictionary is a Spare: its thread owns it until it is
 * done, then whoever takes it. enchant brokers share no state, so one per
 * thread is safe; a broker and its dictionary move between threads only
 * whole and only once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-spell-dicts.h"
#include "topiary-spell-ranges.h"

/* Spares never taken (a map in another language was opened and closed)
 * hold memory: no more than this many are kept. */
#define MAX_SPARES 3

typedef struct {
  char          *tag;
  gboolean       done;
  EnchantBroker *broker;
  EnchantDict   *dict;
} Spare;

static GMutex     spares_lock;
static GCond      spares_cond;
static GPtrArray *spares;    /* Spare *, under spares_lock */

/* For listing only, on the main thread. */
static EnchantBroker *
list_broker (void)
{
  static EnchantBroker *broker;

  if (broker == NULL)
    broker = enchant_broker_init ();
  return broker;
}

static void
add_tag (const char *lang_tag,
         const char *provider_name,
         const char *provider_desc,
         const char *provider_file,
         void       *user_data)
{
  GPtrArray *tags = user_data;

  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (g_ptr_array_index (tags, i), lang_tag))
      return;
  g_ptr_array_add (tags, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

char **
topiary_spell_dicts_list (void)
{
  GPtrArray *tags = g_ptr_array_new ();

  enchant_broker_list_dicts (list_broker (), add_tag, tags);
  g_ptr_array_sort (tags, compare_strings);
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (tags, FALSE);
}

/* The installed dictionary for @tag ("en_US", or "en" → "en_US"). */
static char *
find_dictionary (const char * const *installed,
                 const char         *tag)
{
  g_autofree char *norm = topiary_spell_normalize_language (tag);
  g_autofree char *prefix = NULL;
  g_autofree char *with_sep = NULL;
  g_autofree char *region = NULL;
  g_autofree char *same = NULL;

  if (norm == NULL)
    return NULL;
  if (g_strv_contains (installed, norm))
    return g_steal_pointer (&norm);
  /* "en" or "en_ZA" without its dictionary: another of the language. */
  prefix = g_strndup (norm, strcspn (norm, "_"));
  if (g_strv_contains (installed, prefix))
    return g_steal_pointer (&prefix);
  with_sep = g_strconcat (prefix, "_", NULL);
  region = g_ascii_strup (prefix, -1);
  same = g_strconcat (prefix, "_", region, NULL);
  /* "de" → "de_DE" before "de_AT", "fr" → "fr_FR" before "fr_BE". */
  if (g_strv_contains (installed, same))
    return g_steal_pointer (&same);
  for (guint i = 0; installed[i] != NULL; i++)
    if (g_str_has_prefix (installed[i], with_sep))
      return g_strdup (installed[i]);
  return NULL;
}

char *
topiary_spell_dicts_resolve (const char *language)
{
  g_auto(GStrv) installed = topiary_spell_dicts_list ();
  const char * const *desktop;
  char *tag = NULL;

  if (language != NULL && *language != '\0')
    tag = find_dictionary ((const char * const *) installed, language);
  desktop = g_get_language_names ();
  for (guint i = 0; tag == NULL && desktop[i] != NULL; i++)
    tag = find_dictionary ((const char * const *) installed, desktop[i]);
  return tag;
}

static gboolean
load (const char     *tag,
      EnchantBroker **broker,
      EnchantDict   **dict)
{
  *broker = enchant_broker_init ();
  *dict = enchant_broker_request_dict (*broker, tag);
  if (*dict == NULL)
    g_clear_pointer (broker, enchant_broker_free);
  return *dict != NULL;
}

static gpointer
load_thread (gpointer data)
{
  Spare *spare = data;
  EnchantBroker *broker;
  EnchantDict *dict;

  load (spare->tag, &broker, &dict);
  g_mutex_lock (&spares_lock);
  spare->broker = broker;
  spare->dict = dict;
  spare->done = TRUE;
  g_cond_broadcast (&spares_cond);
  g_mutex_unlock (&spares_lock);
  return NULL;
}

void
topiary_spell_dicts_preload (const char *language)
{
  g_autofree char *tag = topiary_spell_dicts_resolve (language);
  g_autoptr(GError) error = NULL;
  GThread *thread;
  Spare *spare;

  if (tag == NULL)
    return;
  g_mutex_lock (&spares_lock);
  if (spares == NULL)
    spares = g_ptr_array_new ();
  for (guint i = 0; i < spares->len; i++)
    if (g_str_equal (((Spare *) g_ptr_array_index (spares, i))->tag, tag))
      {
        g_mutex_unlock (&spares_lock);
        return;
      }
  if (spares->len >= MAX_SPARES)
    {
      g_mutex_unlock (&spares_lock);
      return;
    }
  spare = g_new0 (Spare, 1);
  spare->tag = g_steal_pointer (&tag);
  g_ptr_array_add (spares, spare);
  g_mutex_unlock (&spares_lock);

  thread = g_thread_try_new ("topiary-spell-load", load_thread, spare, &error);
  if (thread != NULL)
    {
      g_thread_unref (thread);
      return;
    }
  /* No thread: the dictionary is loaded when it is asked for. */
  g_debug ("Could not load the dictionary ahead: %s", error->message);
  g_mutex_lock (&spares_lock);
  g_ptr_array_remove (spares, spare);
  g_mutex_unlock (&spares_lock);
  g_free (spare->tag);
  g_free (spare);
}

gboolean
topiary_spell_dicts_take (const char     *tag,
                          EnchantBroker **broker,
                          EnchantDict   **dict)
{
  Spare *spare = NULL;

  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (broker != NULL && dict != NULL, FALSE);

  g_mutex_lock (&spares_lock);
  for (guint i = 0; spares != NULL && i < spares->len && spare == NULL; i++)
    if (g_str_equal (((Spare *) g_ptr_array_index (spares, i))->tag, tag))
      spare = g_ptr_array_index (spares, i);
  if (spare != NULL)
    {
      /* Already on its way: waiting costs less than loading again. */
      while (!spare->done)
        g_cond_wait (&spares_cond, &spares_lock);
      g_ptr_array_remove (spares, spare);
    }
  g_mutex_unlock (&spares_lock);

  if (spare == NULL || spare->dict == NULL)
    {
      if (spare != NULL)
        {
          g_free (spare->tag);
          g_free (spare);
        }
      return load (tag, broker, dict);
    }
  *broker = spare->broker;
  *dict = spare->dict;
  g_free (spare->tag);
  g_free (spare);
  return TRUE;
}
