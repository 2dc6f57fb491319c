/* topiary-spell-view.h — misspelt words underlined in a GtkTextView, and
 * the context menu that corrects them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-project.h"
#include "topiary-spell-checker.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_SPELL_VIEW (topiary_spell_view_get_type ())
G_DECLARE_FINAL_TYPE (TopiarySpellView, topiary_spell_view, TOPIARY, SPELL_VIEW, GObject)

/* Watches @view's buffer; adds the "spell" actions, the F7 shortcut and a
 * section to the view's context menu. */
TopiarySpellView    *topiary_spell_view_new          (GtkTextView      *view);
TopiarySpellChecker *topiary_spell_view_get_checker  (TopiarySpellView *self);
/* The "enabled" property: off removes every underline. */
void         topiary_spell_view_set_enabled    (TopiarySpellView *self,
                                                gboolean          enabled);
gboolean     topiary_spell_view_get_enabled    (TopiarySpellView *self);
/* The article about to be shown: its map's language, its title and the
 * map's queries as known words. */
void         topiary_spell_view_set_article    (TopiarySpellView *self,
                                                TopiaryProject   *project,
                                                TopiaryArticle   *article);
/* The shown article's language changed: @language, or "" for the map's. */
void         topiary_spell_view_set_language   (TopiarySpellView *self,
                                                const char       *language);
/* TRUE while some of the text is still to be checked. */
gboolean     topiary_spell_view_is_pending     (TopiarySpellView *self);
/* Since the article was shown: how many idle callbacks checked it, and
 * the longest time one took in µs, which is what checking can hold input
 * up by (tests, bench). */
void         topiary_spell_view_get_stats      (TopiarySpellView *self,
                                                guint            *n_chunks,
                                                gint64           *longest_us);
/* The tag of misspelt words. */
GtkTextTag  *topiary_spell_view_get_tag        (TopiarySpellView *self);
/* Fills the menu section for the word at @iter; TRUE when it is misspelt. */
gboolean     topiary_spell_view_update_menu_at (TopiarySpellView  *self,
                                                const GtkTextIter *iter);
GMenuModel  *topiary_spell_view_get_menu       (TopiarySpellView *self);

G_END_DECLS
