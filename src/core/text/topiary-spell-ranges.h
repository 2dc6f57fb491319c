/* topiary-spell-ranges.h — which words of a Markdown text a spell checker
 * should look at
 *
 * The editor underlines misspelt words; this finds the words, without GTK
 * and without a dictionary. Not checked: front matter, fenced and indented
 * code, code spans, URLs and autolinks, e-mail addresses, link and image
 * targets, reference definitions, wiki link targets ([[target|label]]
 * checks only the label), footnote labels, HTML tags and comments (and what
 * is inside <code>, <pre>, <script>, <style>), entities, Hugo shortcodes,
 * heading ids; nor words with digits or underscores ("h264", "snake_case"),
 * in capitals ("HTML"), in mixed case ("iPhone", "GtkTextView"), of one
 * letter, or in the known-words set (the article's title, the map's
 * queries).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One word: text[start] up to (not including) text[end], in bytes. */
typedef struct {
  gsize start;
  gsize end;
} TopiarySpellRange;

/* A new, empty set of known words (case-insensitive). Free with
 * g_hash_table_unref(). */
GHashTable *topiary_spell_known_new       (void);
/* Adds every word of @text (a title, a query) to @known. */
void        topiary_spell_known_add       (GHashTable  *known,
                                           const char  *text);
/* TRUE when the @length bytes at @word are a known word. */
gboolean    topiary_spell_known_contains  (GHashTable  *known,
                                           const char  *word,
                                           gsize        length);

/* The words of @text (@length bytes, or -1 for NUL-terminated; valid
 * UTF-8) to check, in order, as an array of TopiarySpellRange. @known may
 * be NULL. */
GArray     *topiary_spell_ranges          (const char  *text,
                                           gssize       length,
                                           GHashTable  *known);

/* The "lang" (or "language") of the text's front matter, as a dictionary
 * tag ("de_DE"); NULL when it has none. */
char       *topiary_spell_front_matter_language (const char *text,
                                                 gssize      length);

/* A language as enchant names dictionaries: "en-US" and "en_US.UTF-8"
 * become "en_US", "de" stays "de"; NULL for "C", "POSIX", an empty or
 * malformed tag. */
char       *topiary_spell_normalize_language (const char *tag);

/* The desktop's language as a web language tag ("de-DE", "fr"), for a new
 * map's language: the first of g_get_language_names() that is one; "en"
 * when none is. */
char       *topiary_spell_desktop_language (void);

G_END_DECLS
