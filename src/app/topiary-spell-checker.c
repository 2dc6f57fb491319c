/* topiary-spell-checker.c — one enchant-2 dictionary
 *
 * enchant-2 directly rather than libspelling: libspelling is not packaged
 * in Debian 12 (docs/spelling.md). Each checker has its own broker and
 * dictionary (usually loaded ahead, topiary-spell-dicts.h), so a new
 * checker reads the personal word lists afresh. Answers are cached per
 * word: an article repeats its words, and a hunspell lookup costs far more
 * than a hash lookup.
 *
 * Emits "changed" when any answer may have changed (another language, an
 * added or ignored word).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <enchant.h>

#include "topiary-spell-checker.h"
#include "topiary-spell-dicts.h"

struct _TopiarySpellChecker
{
  GObject       parent_instance;

  EnchantBroker *broker;    /* the dictionary's; NULL without one */
  EnchantDict   *dict;
  char          *language;
  GHashTable    *answers;   /* word → GINT_TO_POINTER (1 correct, 2 not) */
};

G_DEFINE_FINAL_TYPE (TopiarySpellChecker, topiary_spell_checker, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

TopiarySpellChecker *
topiary_spell_checker_new (void)
{
  return g_object_new (TOPIARY_TYPE_SPELL_CHECKER, NULL);
}

char **
topiary_spell_checker_list_languages (TopiarySpellChecker *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_CHECKER (self), NULL);
  return topiary_spell_dicts_list ();
}

gboolean
topiary_spell_checker_set_language (TopiarySpellChecker *self,
                                    const char          *language)
{
  g_autofree char *tag = NULL;

  g_return_val_if_fail (TOPIARY_IS_SPELL_CHECKER (self), FALSE);

  tag = topiary_spell_dicts_resolve (language);
  if (g_strcmp0 (tag, self->language) == 0)
    return self->dict != NULL;

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  g_clear_pointer (&self->broker, enchant_broker_free);
  self->dict = NULL;
  g_clear_pointer (&self->language, g_free);
  /* Usually loaded ahead, when the map opened (topiary-spell-dicts.h). */
  if (tag != NULL && topiary_spell_dicts_take (tag, &self->broker, &self->dict))
    self->language = g_steal_pointer (&tag);
  g_hash_table_remove_all (self->answers);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return self->dict != NULL;
}

const char *
topiary_spell_checker_get_language (TopiarySpellChecker *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_CHECKER (self), NULL);
  return self->language;
}

gboolean
topiary_spell_checker_check_word (TopiarySpellChecker *self,
                                  const char          *word,
                                  gssize               length)
{
  g_autofree char *key = NULL;
  gpointer answer;
  gboolean correct;

  g_return_val_if_fail (TOPIARY_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL)
    return TRUE;
  key = length < 0 ? g_strdup (word) : g_strndup (word, length);
  answer = g_hash_table_lookup (self->answers, key);
  if (answer != NULL)
    return GPOINTER_TO_INT (answer) == 1;
  /* 0: correct; >0: not; <0: enchant could not tell, which is no reason
   * to underline. */
  correct = enchant_dict_check (self->dict, key, strlen (key)) <= 0;
  g_hash_table_insert (self->answers, g_steal_pointer (&key), GINT_TO_POINTER (correct ? 1 : 2));
  return correct;
}

char **
topiary_spell_checker_suggest (TopiarySpellChecker *self,
                               const char          *word,
                               guint                max)
{
  GPtrArray *out = g_ptr_array_new ();
  char **list;
  size_t n = 0;

  g_return_val_if_fail (TOPIARY_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (self->dict != NULL && *word != '\0')
    {
      list = enchant_dict_suggest (self->dict, word, strlen (word), &n);
      for (size_t i = 0; list != NULL && i < n && out->len < max; i++)
        g_ptr_array_add (out, g_strdup (list[i]));
      if (list != NULL)
        enchant_dict_free_string_list (self->dict, list);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
forget (TopiarySpellChecker *self,
        const char          *word)
{
  g_hash_table_remove (self->answers, word);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
topiary_spell_checker_add_word (TopiarySpellChecker *self,
                                const char          *word)
{
  g_return_if_fail (TOPIARY_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL || *word == '\0')
    return;
  enchant_dict_add (self->dict, word, strlen (word));
  forget (self, word);
}

void
topiary_spell_checker_ignore_word (TopiarySpellChecker *self,
                                   const char          *word)
{
  g_return_if_fail (TOPIARY_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL || *word == '\0')
    return;
  enchant_dict_add_to_session (self->dict, word, strlen (word));
  forget (self, word);
}

static void
topiary_spell_checker_finalize (GObject *object)
{
  TopiarySpellChecker *self = TOPIARY_SPELL_CHECKER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  g_clear_pointer (&self->broker, enchant_broker_free);
  g_free (self->language);
  g_hash_table_unref (self->answers);
  G_OBJECT_CLASS (topiary_spell_checker_parent_class)->finalize (object);
}

static void
topiary_spell_checker_class_init (TopiarySpellCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = topiary_spell_checker_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
topiary_spell_checker_init (TopiarySpellChecker *self)
{
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
