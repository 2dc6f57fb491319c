/* topiary-spell-checker.h — one enchant-2 dictionary, with the user's
 * personal word list and a cache of answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_SPELL_CHECKER (topiary_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (TopiarySpellChecker, topiary_spell_checker, TOPIARY, SPELL_CHECKER, GObject)

TopiarySpellChecker *topiary_spell_checker_new             (void);
/* Loads the dictionary for @language ("de", "en-US", "fr_FR"; a language
 * without a region takes the first installed dictionary of it); when there
 * is none, or @language is NULL or empty, the desktop's languages are
 * tried. Returns FALSE when no dictionary could be loaded: every word is
 * then correct. */
gboolean     topiary_spell_checker_set_language  (TopiarySpellChecker *self,
                                                  const char          *language);
/* The dictionary in use ("en_US"), or NULL. */
const char  *topiary_spell_checker_get_language  (TopiarySpellChecker *self);
/* The installed dictionaries, sorted. */
char       **topiary_spell_checker_list_languages (TopiarySpellChecker *self);
gboolean     topiary_spell_checker_check_word    (TopiarySpellChecker *self,
                                                  const char          *word,
                                                  gssize               length);
/* At most @max suggestions, best first; never NULL. */
char       **topiary_spell_checker_suggest       (TopiarySpellChecker *self,
                                                  const char          *word,
                                                  guint                max);
/* Into the personal word list of the dictionary's language, kept by
 * enchant in the user's configuration folder. */
void         topiary_spell_checker_add_word      (TopiarySpellChecker *self,
                                                  const char          *word);
/* Correct until the checker goes away. */
void         topiary_spell_checker_ignore_word   (TopiarySpellChecker *self,
                                                  const char          *word);

G_END_DECLS
