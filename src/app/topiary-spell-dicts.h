/* topiary-spell-dicts.h — enchant dictionaries, found and loaded ahead
 *
 * Loading a Hunspell dictionary takes tens of milliseconds (more on a
 * busy machine): when a map opens, its language's dictionary is loaded in
 * a thread, with a broker of its own, and the first checker that asks for
 * it takes it. Each checker still owns its broker and dictionary, so what
 * one ignores stays its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <enchant.h>

G_BEGIN_DECLS

/* The installed dictionaries, sorted. Main thread only. */
char   **topiary_spell_dicts_list     (void);
/* The installed dictionary for @language ("de", "en-US", "fr_FR"), else
 * for the desktop's languages; NULL when there is none. Main thread only. */
char    *topiary_spell_dicts_resolve  (const char *language);
/* Starts loading the dictionary @language resolves to, in a thread. */
void     topiary_spell_dicts_preload  (const char *language);
/* The dictionary @tag (from topiary_spell_dicts_resolve()), with the
 * broker that owns it: the one loaded ahead (waiting for it to finish),
 * else loaded now. FALSE when it cannot be loaded. */
gboolean topiary_spell_dicts_take     (const char     *tag,
                                       EnchantBroker **broker,
                                       EnchantDict   **dict);

G_END_DECLS
