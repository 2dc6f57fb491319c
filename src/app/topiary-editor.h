/* topiary-editor.h — the Markdown editor of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "topiary-project.h"
#include "topiary-spell-view.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_EDITOR (topiary_editor_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryEditor, topiary_editor, TOPIARY, EDITOR, GtkWidget)

void             topiary_editor_set_project      (TopiaryEditor  *self,
                                                  TopiaryProject *project);
void             topiary_editor_set_settings     (TopiaryEditor  *self,
                                                  GSettings      *settings);
/* Saves the current article first, then loads @article_id (0 = none). */
gboolean         topiary_editor_load_article     (TopiaryEditor  *self,
                                                  gint64          article_id,
                                                  GError        **error);
gint64           topiary_editor_get_article_id   (TopiaryEditor  *self);
TopiaryProject  *topiary_editor_get_project      (TopiaryEditor  *self);
/* Writes the body when it changed since the last save. */
gboolean         topiary_editor_save             (TopiaryEditor  *self,
                                                  GError        **error);
gboolean         topiary_editor_is_dirty         (TopiaryEditor  *self);
GtkSourceBuffer *topiary_editor_get_buffer       (TopiaryEditor  *self);
GtkSourceView   *topiary_editor_get_view         (TopiaryEditor  *self);
/* Spell checking of the article (issue 13). */
TopiarySpellView *topiary_editor_get_spell       (TopiaryEditor  *self);
/* The outline's menu button (topiary-outline.h). */
GtkWidget        *topiary_editor_get_outline_button (TopiaryEditor *self);
char            *topiary_editor_dup_text         (TopiaryEditor  *self);
/* 1-based line of the cursor. */
guint            topiary_editor_get_cursor_line  (TopiaryEditor  *self);
void             topiary_editor_set_target_words (TopiaryEditor  *self,
                                                  int             words);
/* Puts @before and @after around the selection (or at the cursor), as one
 * undoable edit, keeping the text selected. */
void             topiary_editor_wrap_selection   (TopiaryEditor  *self,
                                                  const char     *before,
                                                  const char     *after);
void             topiary_editor_begin_search     (TopiaryEditor  *self,
                                                  gboolean        replace);
void             topiary_editor_find_next        (TopiaryEditor  *self,
                                                  gboolean        backward);
/* The article.* actions (find, replace, formatting, restore-revision):
 * the editor uses them itself; the window inserts them too, so its menus
 * and its history list reach them. */
GActionGroup    *topiary_editor_get_actions      (TopiaryEditor  *self);
/* Binds the article.* shortcuts on @widget_class: the editor's own, and
 * the window's, so Ctrl+F finds in the article from the map or the
 * preview too. */
void             topiary_editor_add_shortcuts    (GtkWidgetClass *widget_class);
/* Fills @list with the article's revisions, newest first; each row
 * activates article.restore-revision. */
void             topiary_editor_fill_history     (TopiaryEditor  *self,
                                                  GtkListBox     *list);

/* The article's text was changed elsewhere (another window or process):
 * shows it, unless the editor holds unsaved text, whose save then keeps
 * the other version as a revision. */
gboolean        topiary_editor_reload_changed (TopiaryEditor  *self,
                                               GError        **error);

/* The cursor as a character offset, to leave and find the text as it was. */
int             topiary_editor_get_cursor_offset (TopiaryEditor *self);
void            topiary_editor_set_cursor_offset (TopiaryEditor *self,
                                                  int            offset);

G_END_DECLS
