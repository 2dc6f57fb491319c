/* topiary-spell-view.c — misspelt words underlined as you type
 *
 * An edit marks its paragraph dirty (two marks that move with the text;
 * to the end of the text when the edit added or removed a character that
 * can open or close code or HTML). After a short pause, low-priority idle
 * callbacks check the dirty region a few milliseconds at a time: the
 * words come from topiary_spell_ranges() over the whole text (cheap, and it
 * knows whether a line is inside a fence), the answers from the checker
 * (cached per word). So typing never waits for hunspell, and only what
 * changed is looked at again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "topiary-spell-ranges.h"
#include "topiary-spell-view.h"

/* After the last keystroke, before checking. */
#define TYPING_DELAY_MS 120
/* One idle callback's share of the work. */
#define CHUNK_US 4000
/* After drawing (GDK_PRIORITY_REDRAW), before the text view lays out
 * lines it does not show (priority 125): a long article is underlined
 * before its end is laid out, and a frame is never held up for long. */
#define CHECK_PRIORITY (G_PRIORITY_HIGH_IDLE + 22)
/* How far an edit's paragraph is looked for, in lines each way. */
#define PARAGRAPH_LINES 60
#define MAX_SUGGESTIONS 5
/* Underlining a word costs about as much as checking a hundred: a chunk
 * underlines at most this many. */
#define MAX_BAD_PER_CHUNK 160

struct _TopiarySpellView
{
  GObject              parent_instance;

  GtkTextView         *view;     /* not owned: owns us through the editor */
  GtkTextBuffer       *buffer;
  TopiarySpellChecker *checker;
  GtkTextTag          *tag;
  GHashTable          *known;
  TopiaryProject      *project;
  gboolean             enabled;

  /* The region still to check. */
  GtkTextMark         *dirty_start;
  GtkTextMark         *dirty_end;
  gboolean             dirty;
  gboolean             delete_special;
  guint                source;
  gint64               longest_chunk;
  guint                n_chunks;

  /* The text and its words, until the next edit. */
  char                *text;
  GArray              *ranges;

  /* The word the menu is about. */
  GtkTextMark         *word_start;
  GtkTextMark         *word_end;
  char                *word;
  GMenu               *menu;
  GSimpleActionGroup  *actions;
};

G_DEFINE_FINAL_TYPE (TopiarySpellView, topiary_spell_view, G_TYPE_OBJECT)

enum { PROP_0, PROP_ENABLED, N_PROPS };
static GParamSpec *props[N_PROPS];

static void schedule (TopiarySpellView *self, guint delay_ms);

/* ---- the dirty region ---- */

static void
forget_text (TopiarySpellView *self)
{
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->ranges, g_array_unref);
}

static gboolean
line_is_blank (const GtkTextIter *line)
{
  GtkTextIter it = *line;

  gtk_text_iter_set_line_offset (&it, 0);
  while (!gtk_text_iter_ends_line (&it))
    {
      gunichar c = gtk_text_iter_get_char (&it);
      if (c != ' ' && c != '\t' && c != '\r')
        return FALSE;
      gtk_text_iter_forward_char (&it);
    }
  return TRUE;
}

/* Characters that can start or end code, a comment or a tag: an edit
 * with one may change how the rest of the text reads. */
static gboolean
has_special (const char *text,
             gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  for (gsize i = 0; i < n; i++)
    if (strchr ("`~<>", text[i]) != NULL && text[i] != '\0')
      return TRUE;
  return FALSE;
}

static void
mark_dirty (TopiarySpellView  *self,
            const GtkTextIter *from,
            const GtkTextIter *to,
            gboolean           to_end)
{
  GtkTextIter start = *from, end = *to, old;

  forget_text (self);
  /* The paragraph around the edit. */
  gtk_text_iter_set_line_offset (&start, 0);
  for (guint i = 0; i < PARAGRAPH_LINES && gtk_text_iter_get_line (&start) > 0; i++)
    {
      GtkTextIter prev = start;
      gtk_text_iter_backward_line (&prev);
      if (line_is_blank (&prev))
        break;
      start = prev;
    }
  if (to_end)
    gtk_text_buffer_get_end_iter (self->buffer, &end);
  else
    for (guint i = 0; i < PARAGRAPH_LINES && !gtk_text_iter_is_end (&end); i++)
      {
        if (!gtk_text_iter_forward_line (&end))
          {
            gtk_text_buffer_get_end_iter (self->buffer, &end);
            break;
          }
        if (line_is_blank (&end))
          break;
      }

  if (self->dirty)
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &old, self->dirty_start);
      if (gtk_text_iter_compare (&old, &start) < 0)
        start = old;
      gtk_text_buffer_get_iter_at_mark (self->buffer, &old, self->dirty_end);
      if (gtk_text_iter_compare (&old, &end) > 0)
        end = old;
    }
  gtk_text_buffer_move_mark (self->buffer, self->dirty_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->dirty_end, &end);
  self->dirty = TRUE;
}

static void
recheck_all (TopiarySpellView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  mark_dirty (self, &start, &end, TRUE);
  schedule (self, 0);
}

static void
on_insert_text (TopiarySpellView *self,
                GtkTextIter      *location,
                const char       *text,
                int               length)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  mark_dirty (self, &start, location, has_special (text, length));
  schedule (self, TYPING_DELAY_MS);
}

static void
on_delete_range_before (TopiarySpellView *self,
                        GtkTextIter      *start,
                        GtkTextIter      *end)
{
  g_autofree char *text = gtk_text_iter_get_slice (start, end);

  self->delete_special = has_special (text, -1);
}

static void
on_delete_range_after (TopiarySpellView *self,
                       GtkTextIter      *start,
                       GtkTextIter      *end)
{
  mark_dirty (self, start, end, self->delete_special);
  schedule (self, TYPING_DELAY_MS);
}

/* ---- checking ---- */

/* The first range that starts at or after byte @pos. */
static guint
first_range_from (GArray *ranges,
                  gsize   pos)
{
  guint lo = 0, hi = ranges->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (ranges, TopiarySpellRange, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Checks from the dirty region's start for CHUNK_US (or to its end when
 * @budget_us is 0); TRUE when some is left. */
static gboolean
check_chunk (TopiarySpellView *self,
             gint64            budget_us)
{
  GtkTextIter it, stop;
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  gint64 deadline = g_get_monotonic_time () + budget_us;
  int a_char, end_char, cur_char;
  gsize a, end_b, cur, b;
  guint i, n = 0;

  if (!self->dirty)
    return FALSE;
  if (self->text == NULL)
    {
      GtkTextIter s, e;
      gtk_text_buffer_get_bounds (self->buffer, &s, &e);
      self->text = gtk_text_buffer_get_slice (self->buffer, &s, &e, TRUE);
      self->ranges = topiary_spell_ranges (self->text, -1, self->known);
    }

  gtk_text_buffer_get_iter_at_mark (self->buffer, &it, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &stop, self->dirty_end);
  a_char = gtk_text_iter_get_offset (&it);
  end_char = gtk_text_iter_get_offset (&stop);
  a = g_utf8_offset_to_pointer (self->text, a_char) - self->text;
  end_b = a + (g_utf8_offset_to_pointer (self->text + a, end_char - a_char) - (self->text + a));

  cur = a;
  cur_char = a_char;
  for (i = first_range_from (self->ranges, a); i < self->ranges->len; i++)
    {
      TopiarySpellRange *r = &g_array_index (self->ranges, TopiarySpellRange, i);
      int word[2];

      if (r->start >= end_b)
        break;
      if (budget_us > 0 && (bad->len >= MAX_BAD_PER_CHUNK ||
                            ((++n % 4) == 0 && g_get_monotonic_time () > deadline)))
        break;
      cur_char += g_utf8_strlen (self->text + cur, r->start - cur);
      word[0] = cur_char;
      cur_char += g_utf8_strlen (self->text + r->start, r->end - r->start);
      word[1] = cur_char;
      cur = r->end;
      if (!topiary_spell_checker_check_word (self->checker, self->text + r->start, r->end - r->start))
        g_array_append_vals (bad, word, 1);
    }

  /* Up to the next unchecked word, or the region's end. */
  if (i < self->ranges->len && g_array_index (self->ranges, TopiarySpellRange, i).start < end_b)
    b = g_array_index (self->ranges, TopiarySpellRange, i).start;
  else
    b = end_b;
  cur_char += g_utf8_strlen (self->text + cur, b - cur);

  gtk_text_buffer_get_iter_at_offset (self->buffer, &it, a_char);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &stop, cur_char);
  gtk_text_buffer_remove_tag (self->buffer, self->tag, &it, &stop);
  for (guint k = 0; k < bad->len; k++)
    {
      int *word = &g_array_index (bad, int, k * 2);
      GtkTextIter ws, we;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &ws, word[0]);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &we, word[1]);
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &ws, &we);
    }

  gtk_text_buffer_move_mark (self->buffer, self->dirty_start, &stop);
  if (b >= end_b)
    self->dirty = FALSE;
  return self->dirty;
}

static gboolean
check_idle (gpointer user_data)
{
  TopiarySpellView *self = user_data;
  gint64 start = g_get_monotonic_time ();
  gboolean more = self->enabled && check_chunk (self, CHUNK_US);

  self->longest_chunk = MAX (self->longest_chunk, g_get_monotonic_time () - start);
  self->n_chunks++;
  if (more)
    return G_SOURCE_CONTINUE;
  self->source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
check_delayed (gpointer user_data)
{
  TopiarySpellView *self = user_data;

  self->source = g_idle_add_full (CHECK_PRIORITY, check_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule (TopiarySpellView *self,
          guint             delay_ms)
{
  g_clear_handle_id (&self->source, g_source_remove);
  if (!self->enabled || !self->dirty)
    return;
  if (delay_ms == 0)
    self->source = g_idle_add_full (CHECK_PRIORITY, check_idle, self, NULL);
  else
    self->source = g_timeout_add_full (CHECK_PRIORITY, delay_ms, check_delayed, self, NULL);
}

void
topiary_spell_view_get_stats (TopiarySpellView *self,
                              guint            *n_chunks,
                              gint64           *longest_us)
{
  g_return_if_fail (TOPIARY_IS_SPELL_VIEW (self));
  if (n_chunks != NULL)
    *n_chunks = self->n_chunks;
  if (longest_us != NULL)
    *longest_us = self->longest_chunk;
}

gboolean
topiary_spell_view_is_pending (TopiarySpellView *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), FALSE);
  return self->enabled && self->dirty;
}

GtkTextTag *
topiary_spell_view_get_tag (TopiarySpellView *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), NULL);
  return self->tag;
}

TopiarySpellChecker *
topiary_spell_view_get_checker (TopiarySpellView *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), NULL);
  return self->checker;
}

/* ---- settings ---- */

void
topiary_spell_view_set_enabled (TopiarySpellView *self,
                                gboolean          enabled)
{
  GtkTextIter start, end;

  g_return_if_fail (TOPIARY_IS_SPELL_VIEW (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  if (enabled)
    recheck_all (self);
  else
    {
      g_clear_handle_id (&self->source, g_source_remove);
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
      g_menu_remove_all (self->menu);
    }
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ENABLED]);
}

gboolean
topiary_spell_view_get_enabled (TopiarySpellView *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), FALSE);
  return self->enabled;
}

void
topiary_spell_view_set_article (TopiarySpellView *self,
                                TopiaryProject   *project,
                                TopiaryArticle   *article)
{
  g_autoptr(GHashTable) known = topiary_spell_known_new ();
  g_autofree char *language = NULL;

  g_return_if_fail (TOPIARY_IS_SPELL_VIEW (self));

  g_set_object (&self->project, project);
  self->longest_chunk = 0;
  self->n_chunks = 0;
  if (project != NULL)
    {
      g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);

      language = topiary_project_get_map_field (project, "language");
      for (guint i = 0; articles != NULL && i < g_list_model_get_n_items (articles); i++)
        {
          g_autoptr(TopiaryArticle) other = g_list_model_get_item (articles, i);
          const char * const *queries = topiary_article_get_queries (other);

          for (guint q = 0; queries != NULL && queries[q] != NULL; q++)
            topiary_spell_known_add (known, queries[q]);
        }
    }
  if (article != NULL)
    topiary_spell_known_add (known, topiary_article_get_title (article));
  /* The article's own language, when it has one (issue 13). */
  if (article != NULL && *topiary_article_get_language (article) != '\0')
    {
      g_free (language);
      language = g_strdup (topiary_article_get_language (article));
    }

  g_clear_pointer (&self->known, g_hash_table_unref);
  self->known = g_steal_pointer (&known);
  /* Emits "changed" (and so checks again) only when the language changed. */
  topiary_spell_checker_set_language (self->checker, language);
  recheck_all (self);
}

void
topiary_spell_view_set_language (TopiarySpellView *self,
                                 const char       *language)
{
  g_autofree char *map_language = NULL;

  g_return_if_fail (TOPIARY_IS_SPELL_VIEW (self));

  if ((language == NULL || *language == '\0') && self->project != NULL)
    map_language = topiary_project_get_map_field (self->project, "language");
  /* Emits "changed" (and so checks again) only when the language changed. */
  topiary_spell_checker_set_language (self->checker, map_language ? map_language : language);
}

/* ---- the menu ---- */

GMenuModel *
topiary_spell_view_get_menu (TopiarySpellView *self)
{
  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), NULL);
  return G_MENU_MODEL (self->menu);
}

static GMenuModel *
language_menu (TopiarySpellView *self)
{
  GMenu *menu = g_menu_new ();
  g_auto(GStrv) tags = topiary_spell_checker_list_languages (self->checker);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (tags[i], NULL);
      g_menu_item_set_action_and_target_value (item, "spell.language", g_variant_new_string (tags[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

gboolean
topiary_spell_view_update_menu_at (TopiarySpellView  *self,
                                   const GtkTextIter *iter)
{
  GtkTextIter start = *iter, end;
  g_autoptr(GMenu) fixes = g_menu_new ();
  g_autoptr(GMenu) words = g_menu_new ();
  g_autoptr(GMenuModel) languages = NULL;
  g_auto(GStrv) suggestions = NULL;
  GAction *language;

  g_return_val_if_fail (TOPIARY_IS_SPELL_VIEW (self), FALSE);

  g_menu_remove_all (self->menu);
  g_clear_pointer (&self->word, g_free);
  if (!self->enabled)
    return FALSE;

  language = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "language");
  g_simple_action_set_state (G_SIMPLE_ACTION (language),
                             g_variant_new_string (topiary_spell_checker_get_language (self->checker)
                                                   ? topiary_spell_checker_get_language (self->checker) : ""));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (language),
                               self->project != NULL && !topiary_project_is_read_only (self->project));
  languages = language_menu (self);

  /* On the word, or just after its last letter. */
  if (!gtk_text_iter_has_tag (&start, self->tag) &&
      !(gtk_text_iter_backward_char (&start) && gtk_text_iter_has_tag (&start, self->tag)))
    {
      g_menu_append_submenu (self->menu, _("Spelling Language"), languages);
      return FALSE;
    }
  end = start;
  if (!gtk_text_iter_starts_tag (&start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (&start, self->tag);
  gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  self->word = gtk_text_iter_get_slice (&start, &end);

  suggestions = topiary_spell_checker_suggest (self->checker, self->word, MAX_SUGGESTIONS);
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);
      g_menu_item_set_action_and_target_value (item, "spell.replace", g_variant_new_string (suggestions[i]));
      g_menu_append_item (fixes, item);
    }
  if (suggestions[0] == NULL)
    g_menu_append (fixes, _("No Suggestions"), "spell.none");
  g_menu_append (words, _("Add to Dictionary"), "spell.add");
  g_menu_append (words, _("Ignore"), "spell.ignore");
  g_menu_append_submenu (words, _("Spelling Language"), languages);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (fixes));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (words));
  return TRUE;
}

/* The word of the menu, when the text there has not changed since. */
static gboolean
menu_word (TopiarySpellView *self,
           GtkTextIter      *start,
           GtkTextIter      *end)
{
  g_autofree char *now = NULL;

  if (self->word == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
  now = gtk_text_iter_get_slice (start, end);
  return g_strcmp0 (now, self->word) == 0;
}

static void
spell_replace (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  TopiarySpellView *self = user_data;
  GtkTextIter start, end;

  if (!menu_word (self, &start, &end) || !gtk_text_view_get_editable (self->view))
    return;
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, g_variant_get_string (param, NULL), -1);
  gtk_text_buffer_end_user_action (self->buffer);
  g_clear_pointer (&self->word, g_free);
}

static void
spell_add (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  TopiarySpellView *self = user_data;
  g_autofree char *word = g_strdup (self->word);
  GtkTextIter start, end;

  if (!menu_word (self, &start, &end))
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add"))
    topiary_spell_checker_add_word (self->checker, word);
  else
    topiary_spell_checker_ignore_word (self->checker, word);
}

static void
spell_language (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  TopiarySpellView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = g_strdup (g_variant_get_string (param, NULL));

  if (self->project == NULL)
    return;
  /* The map's language is also the site's: written the web's way. */
  g_strdelimit (tag, "_", '-');
  if (!topiary_project_set_map_field (self->project, "language", tag, &error))
    {
      g_warning ("Could not set the map's language: %s", error->message);
      return;
    }
  g_simple_action_set_state (action, param);
  topiary_spell_checker_set_language (self->checker, tag);
}

/* F7: the menu, at the cursor. */
static void
spell_suggest (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  TopiarySpellView *self = user_data;
  GtkTextIter insert;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &insert, gtk_text_buffer_get_insert (self->buffer));
  topiary_spell_view_update_menu_at (self, &insert);
  gtk_widget_activate_action (GTK_WIDGET (self->view), "menu.popup", NULL);
}

static void
on_right_click (GtkGestureClick  *gesture,
                int               n_press,
                double            x,
                double            y,
                TopiarySpellView *self)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  topiary_spell_view_update_menu_at (self, &iter);
}

/* Shift+F10 and the Menu key open the menu at the cursor. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TopiarySpellView      *self)
{
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      GtkTextIter insert;
      gtk_text_buffer_get_iter_at_mark (self->buffer, &insert, gtk_text_buffer_get_insert (self->buffer));
      topiary_spell_view_update_menu_at (self, &insert);
    }
  return GDK_EVENT_PROPAGATE;
}

static const GActionEntry action_entries[] = {
  { .name = "replace", .activate = spell_replace, .parameter_type = "s" },
  { .name = "add", .activate = spell_add },
  { .name = "ignore", .activate = spell_add },
  { .name = "none" },
  { .name = "language", .activate = spell_language, .parameter_type = "s", .state = "''" },
  { .name = "suggest", .activate = spell_suggest },
};

/* ---- life cycle ---- */

TopiarySpellView *
topiary_spell_view_new (GtkTextView *view)
{
  TopiarySpellView *self;
  GtkGesture *click;
  GtkEventController *keys;
  GtkShortcutController *shortcuts;
  GMenuModel *extra;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (TOPIARY_TYPE_SPELL_VIEW, NULL);
  self->view = view;
  self->buffer = gtk_text_view_get_buffer (view);
  self->tag = gtk_text_buffer_create_tag (self->buffer, NULL, "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->dirty_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->dirty_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_before), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));

  /* Before the view's own handler opens the menu. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_right_click), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F7, 0),
                                                          gtk_named_action_new ("spell.suggest")));
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (shortcuts));

  /* Whatever else the view's menu has stays. */
  extra = gtk_text_view_get_extra_menu (view);
  if (extra != NULL)
    g_menu_append_section (menu, NULL, extra);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (self->menu));
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (menu));

  return self;
}

static void
topiary_spell_view_dispose (GObject *object)
{
  TopiarySpellView *self = TOPIARY_SPELL_VIEW (object);

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->actions != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (action_entries); i++)
      g_action_map_remove_action (G_ACTION_MAP (self->actions), action_entries[i].name);
  g_clear_object (&self->actions);
  g_clear_object (&self->checker);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (topiary_spell_view_parent_class)->dispose (object);
}

static void
topiary_spell_view_finalize (GObject *object)
{
  TopiarySpellView *self = TOPIARY_SPELL_VIEW (object);

  forget_text (self);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->word, g_free);
  g_clear_object (&self->menu);
  G_OBJECT_CLASS (topiary_spell_view_parent_class)->finalize (object);
}

static void
topiary_spell_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TopiarySpellView *self = TOPIARY_SPELL_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_spell_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TopiarySpellView *self = TOPIARY_SPELL_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      /* Not yet attached while construct properties are set. */
      if (self->buffer != NULL)
        topiary_spell_view_set_enabled (self, g_value_get_boolean (value));
      else
        self->enabled = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
topiary_spell_view_class_init (TopiarySpellViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = topiary_spell_view_dispose;
  object_class->finalize = topiary_spell_view_finalize;
  object_class->get_property = topiary_spell_view_get_property;
  object_class->set_property = topiary_spell_view_set_property;

  props[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
topiary_spell_view_init (TopiarySpellView *self)
{
  self->enabled = TRUE;
  self->checker = topiary_spell_checker_new ();
  self->menu = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none")),
                               FALSE);
  g_signal_connect_object (self->checker, "changed", G_CALLBACK (recheck_all), self, G_CONNECT_SWAPPED);
}
