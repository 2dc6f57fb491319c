/* topiary-link.h — the one rule that says which article a wiki link names
 *
 * `[[target]]`, `[[target|label]]` and `[[target#heading]]` are resolved
 * here and only here: the preview, `topiary check`, the exporter and the
 * importers all go through a TopiaryLinkIndex, so they cannot disagree.
 *
 * Names are compared by their key (topiary_link_key()):
 *  - canonical equivalence: "Café" typed precomposed (NFC) or decomposed
 *    (NFD) is the same name. Compatibility forms are NOT folded (NFKC
 *    would make "x²" and "x2", or "Ｆlask" and "Flask", one name);
 *  - full Unicode case folding, language-independent: "Straße" ==
 *    "STRASSE", "ÜBER" == "über". Turkish dotted capital İ folds to
 *    "i" + U+0307; the dot above is dropped after i and j, where it is
 *    redundant, so "İstanbul" == "istanbul" == "ISTANBUL"; dotless ı stays
 *    its own letter;
 *  - white space (any Unicode space, no-break space included) is trimmed
 *    at both ends and each run inside becomes one space.
 * Emoji and other symbols are compared as they are.
 *
 * Precedence, when a target could name several articles:
 *  1. the longest name: the whole target, "#" included, when it names an
 *     article (a title such as "C# basics"); otherwise the target is split
 *     at a "#" into the article's name and a heading, trying the last "#"
 *     first ("C# basics#Types" is the heading "Types" of "C# basics");
 *  2. a slug before a title: an article whose slug has the target's key
 *     wins over another article whose title has it (slugs name one article
 *     each, titles may repeat);
 *  3. among equals, the first article in writing order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The comparison key of @text (@length bytes, or -1 when NUL-terminated;
 * invalid UTF-8 is repaired first). "" for blank text. */
char  *topiary_link_key   (const char *text,
                           gssize      length);

/* Splits the inside of `[[…]]` the way the Markdown renderer does: the
 * target before the first "|", the label after it (NULL when there is none
 * or it is blank). Both are trimmed of ASCII white space. */
void   topiary_link_split (const char  *inner,
                           char       **target,
                           char       **label);

typedef struct _TopiaryLinkIndex TopiaryLinkIndex;

TopiaryLinkIndex *topiary_link_index_new   (void);
void              topiary_link_index_free  (TopiaryLinkIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryLinkIndex, topiary_link_index_free)

/* Adds an article; call in writing order (the first of equals wins).
 * @slug or @title may be NULL or empty. */
void              topiary_link_index_add   (TopiaryLinkIndex *index,
                                            gint64            id,
                                            const char       *slug,
                                            const char       *title);
guint             topiary_link_index_size  (const TopiaryLinkIndex *index);

/* The id of the article @target names, or 0. @slug (optional) receives the
 * article's slug as added (owned by the index); @heading (optional) the
 * heading text after "#", newly allocated, or NULL when the link names no
 * heading. */
gint64            topiary_link_index_resolve (const TopiaryLinkIndex  *index,
                                              const char              *target,
                                              const char             **slug,
                                              char                   **heading);

G_END_DECLS
