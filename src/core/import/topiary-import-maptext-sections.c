/* topiary-import-maptext-sections.c — the map page's article
 * index and its other sections, read into ideas and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-import-private.h"
#include "topiary-import-maptext-private.h"
#include "topiary-import.h"
#include "topiary-slug.h"

/* ---- the article index -------------------------------------------------- */

/* The intent a heading of the index names, or NULL. */
static const char *
heading_intent (const char *heading)
{
  static const struct { const char *needle; const char *intent; } table[] = {
    { "faq", "faq" },
    { "comparison", "comparison" },
    { "how-to", "how-to" },
    { "how to", "how-to" },
    { "practical", "how-to" },
    { "research", "research" },
    { "news", "research" },
    { "trend", "research" },
    { "audience", "audience" },
    { "condition", "context" },
    { "context", "context" },
    { "psycholog", "culture" },
    { "culture", "culture" },
    { "emotional", "culture" },
    { "treatment", "solution" },
    { "solution", "solution" },
    { "informational", "informational" },
  };
  g_autofree char *lower = g_utf8_strdown (heading, -1);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strstr (lower, table[i].needle) != NULL)
      return table[i].intent;
  return topiary_intent_normalize (heading);
}

static gboolean
is_intent_heading (const char *line,
                   const char *next)
{
  LineFeat f;

  if (_topiary_maptext_bullet_text (line) != NULL || _topiary_maptext_ends_with_stop (line) || strlen (line) > 100)
    return FALSE;
  _topiary_maptext_line_features (line, &f);
  if (f.words > 8)
    return FALSE;
  if (next != NULL && _topiary_maptext_bullet_text (next) != NULL)
    return TRUE;
  return heading_intent (line) != NULL && f.cap_ratio >= 0.5;
}

char *
_topiary_maptext_join_lines (GPtrArray  *lines,
                             guint       from,
                             guint       to,
                             const char *sep)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append (s, sep);
      g_string_append (s, g_ptr_array_index (lines, i));
    }
  return g_string_free (s, FALSE);
}

static void
flush_other (MtPage    *page,
             GPtrArray *lines)
{
  g_autofree char *body = NULL;

  if (lines->len == 0)
    return;
  /* A short first line over more text reads as that text's heading. */
  if (lines->len > 1 && g_utf8_strlen (g_ptr_array_index (lines, 0), -1) <= 80)
    {
      body = _topiary_maptext_join_lines (lines, 1, lines->len, "\n");
      _topiary_maptext_add_note (page, "other", g_ptr_array_index (lines, 0), body);
    }
  else
    {
      body = _topiary_maptext_join_lines (lines, 0, lines->len, "\n");
      _topiary_maptext_add_note (page, "other", _("Unclassified text"), body);
    }
  g_ptr_array_set_size (lines, 0);
}

static void
parse_index (MtPage     *page,
             const char *heading,
             GPtrArray  *lines,
             gboolean    at_eof)
{
  g_autoptr(GPtrArray) intro = g_ptr_array_new ();
  g_autoptr(GPtrArray) stray = g_ptr_array_new ();
  g_autofree char *current = NULL;
  const char *intent = NULL;
  gboolean in_list = FALSE, any_bullet = FALSE;
  guint under = 0;

  page->saw_index = TRUE;
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *next = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
      const char *item = _topiary_maptext_bullet_text (line);

      if (item == NULL && is_intent_heading (line, next))
        {
          if (current != NULL && under == 0)
            _topiary_maptext_warn (page, _("The heading “%s” of the article index lists no articles."), current);
          g_free (current);
          current = g_strdup (line);
          intent = heading_intent (line);
          if (intent == NULL)
            _topiary_maptext_warn (page, _("The heading “%s” of the article index names no known search intent; its articles have none."), line);
          page->n_intents++;
          under = 0;
          in_list = TRUE;
          continue;
        }

      if (item == NULL && !in_list && !any_bullet)
        {
          g_ptr_array_add (intro, (gpointer) line);
          continue;
        }

      /* Without list markers every line under a heading is an article;
       * with them, an unmarked line is something else. */
      if (item == NULL && any_bullet)
        {
          g_ptr_array_add (stray, (gpointer) line);
          continue;
        }

      {
        MtIdea *idea = g_new0 (MtIdea, 1);
        idea->title = g_strdup (item != NULL ? item : line);
        idea->intent = g_strdup (intent);
        g_ptr_array_add (page->ideas, idea);
      }
      if (item != NULL)
        any_bullet = TRUE;
      in_list = TRUE;
      under++;
    }

  if (current != NULL && under == 0)
    _topiary_maptext_warn (page, at_eof ? _("The heading “%s” of the article index lists no articles: the page ends there.")
                          : _("The heading “%s” of the article index lists no articles."),
                           current);

  if (intro->len > 0 || heading != NULL)
    {
      g_autofree char *body = _topiary_maptext_join_lines (intro, 0, intro->len, "\n\n");
      _topiary_maptext_add_note (page, "other", heading ? heading : _("Article index"), body);
    }
  flush_other (page, stray);
}

/* ---- the other sections ------------------------------------------------- */

/* A short title for a note whose text is one long line: its first clause. */
static char *
short_title (const char *text)
{
  static const char * const cuts[] = { " — ", " – ", ": ", ". ", "; ", " (" };
  const char *end = text + strlen (text);
  const char *p;
  GString *title;

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      const char *hit = strstr (text, cuts[i]);
      if (hit != NULL && hit > text && hit < end)
        end = hit;
    }
  if (g_utf8_strlen (text, end - text) <= 80)
    {
      title = g_string_new_len (text, end - text);
      while (title->len > 0 && strchr (".,;:", title->str[title->len - 1]) != NULL)
        g_string_truncate (title, title->len - 1);
      return g_string_free (title, FALSE);
    }

  /* Cut at the last word boundary within 72 characters. */
  p = g_utf8_offset_to_pointer (text, 72);
  while (p > text && *p != ' ')
    p--;
  if (p == text)
    p = g_utf8_offset_to_pointer (text, 72);
  title = g_string_new_len (text, p - text);
  while (title->len > 0 && strchr (" .,;:", title->str[title->len - 1]) != NULL)
    g_string_truncate (title, title->len - 1);
  g_string_append (title, "…");
  return g_string_free (title, FALSE);
}

static const char *
default_title (const char *kind)
{
  if (g_strcmp0 (kind, "strategy") == 0)
    return _("Strategy");
  if (g_strcmp0 (kind, "audience") == 0)
    return _("Audience");
  if (g_strcmp0 (kind, "monetization") == 0)
    return _("Monetization");
  return _("Notes");
}

/* Known levels glued to the audience text by the page's layout:
 * "IntermediateBackend Python developers". */
static const char *
strip_level (const char *text)
{
  static const char * const levels[] = {
    "Beginner", "Intermediate", "Advanced", "Expert", "All levels", "All Levels",
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_has_prefix (text, levels[i]))
      {
        const char *rest = text + strlen (levels[i]);
        if (g_unichar_isupper (g_utf8_get_char (rest)))
          return rest;
      }
  return text;
}

void
_topiary_maptext_add_rpm (MtPage     *page,
                          const char *line,
                          const char *rpm)
{
  const char *value = strchr (rpm, ':') + 1;
  g_autofree char *label = g_strndup (rpm, value - 1 - rpm);
  g_autofree char *potential = g_strndup (line, rpm - line);

  while (*value == ' ')
    value++;
  g_strstrip (potential);
  if (*potential != '\0')
    _topiary_maptext_add_note (page, "monetization", _("Monetization potential"), potential);
  _topiary_maptext_add_note (page, "rpm", label, value);
}

void
_topiary_maptext_parse_section (MtPage     *page,
                                SecType     type,
                                const char *kind,
                                const char *heading,
                                GPtrArray  *lines,
                                gboolean    at_eof)
{
  guint n = lines->len;

  switch (type)
    {
    case SEC_HEADER:
      if (n > 0)
        {
          g_autofree char *body = _topiary_maptext_join_lines (lines, 0, n, "\n\n");
          _topiary_maptext_add_note (page, "other", _("Introduction"), body);
        }
      break;

    case SEC_NONE:
      flush_other (page, lines);
      break;

    case SEC_PLAN:
      /* handled by the caller */
      g_assert_not_reached ();
      break;

    case SEC_PARAS:
    case SEC_AUDIENCE:
      if (n > 0 || heading != NULL)
        {
          g_autofree char *body = _topiary_maptext_join_lines (lines, 0, n, "\n\n");
          _topiary_maptext_add_note (page, kind, heading ? heading : default_title (kind), body);
        }
      if (type == SEC_AUDIENCE && n > 0 && page->audience == NULL)
        page->audience = g_strdup (strip_level (g_ptr_array_index (lines, 0)));
      break;

    case SEC_MONEY:
      {
        g_autoptr(GPtrArray) rest = g_ptr_array_new ();

        for (guint i = 0; i < n; i++)
          {
            const char *line = g_ptr_array_index (lines, i);
            const char *rpm = _topiary_maptext_find_rpm (line);

            if (rpm != NULL)
              _topiary_maptext_add_rpm (page, line, rpm);
            else
              g_ptr_array_add (rest, (gpointer) line);
          }
        if (rest->len > 0 || n == 0)
          {
            g_autofree char *body = _topiary_maptext_join_lines (rest, 0, rest->len, "\n\n");
            _topiary_maptext_add_note (page, kind, heading ? heading : default_title (kind), body);
          }
      }
      break;

    case SEC_BULLETS:
      {
        gboolean any_bullet = FALSE;
        guint first_item = n;
        MtNote *last = NULL;

        for (guint i = 0; i < n; i++)
          if (_topiary_maptext_bullet_text (g_ptr_array_index (lines, i)) != NULL)
            {
              any_bullet = TRUE;
              if (first_item == n)
                first_item = i;
            }
        if (!any_bullet)
          {
            /* Unmarked items ("Flask", "Werkzeug"): the leading sentences
             * introduce them. */
            first_item = 0;
            while (first_item < n && _topiary_maptext_ends_with_stop (g_ptr_array_index (lines, first_item)))
              first_item++;
          }
        if (first_item > 0 || heading != NULL)
          {
            g_autofree char *intro = _topiary_maptext_join_lines (lines, 0, first_item, "\n\n");
            _topiary_maptext_add_note (page, kind, heading ? heading : default_title (kind), intro);
          }
        for (guint i = first_item; i < n; i++)
          {
            const char *line = g_ptr_array_index (lines, i);
            const char *item = _topiary_maptext_bullet_text (line);

            if (item == NULL && any_bullet && last != NULL)
              {
                /* A wrapped item goes on. */
                char *body = g_strconcat (last->body, "\n", line, NULL);
                g_free (last->body);
                last->body = body;
                continue;
              }
            {
              g_autofree char *title = short_title (item ? item : line);
              _topiary_maptext_add_note (page, kind, title, item ? item : line);
              last = g_ptr_array_index (page->notes, page->notes->len - 1);
            }
          }
      }
      break;

    case SEC_PAIRS:
      if (n == 0)
        _topiary_maptext_add_note (page, kind, heading ? heading : default_title (kind), "");
      for (guint i = 0; i < n; i += 2)
        {
          const char *fact = g_ptr_array_index (lines, i);
          const char *why = i + 1 < n ? g_ptr_array_index (lines, i + 1) : NULL;

          _topiary_maptext_add_note (page, kind, fact, why);
          if (why == NULL)
            _topiary_maptext_warn (page, at_eof ? _("The key fact “%s” has no explanation: the page ends there.")
                                  : _("The key fact “%s” has no explanation."), fact);
        }
      break;

    case SEC_QA:
      {
        guint first_q = 0;

        while (first_q < n && !_topiary_maptext_ends_with_question (g_ptr_array_index (lines, first_q)))
          first_q++;
        if (first_q > 0 || heading != NULL)
          {
            g_autofree char *intro = _topiary_maptext_join_lines (lines, 0, first_q, "\n\n");
            _topiary_maptext_add_note (page, kind, heading ? heading : _("Common questions"), intro);
          }
        for (guint i = first_q; i < n;)
          {
            const char *question = g_ptr_array_index (lines, i);
            guint j = i + 1;
            g_autofree char *answer = NULL;

            while (j < n && !_topiary_maptext_ends_with_question (g_ptr_array_index (lines, j)))
              j++;
            answer = _topiary_maptext_join_lines (lines, i + 1, j, "\n\n");
            _topiary_maptext_add_note (page, kind, question, answer);
            if (j == i + 1)
              _topiary_maptext_warn (page, at_eof && j == n ? _("The question “%s” has no answer: the page ends there.")
                                              : _("The question “%s” has no answer."), question);
            i = j;
          }
      }
      break;

    case SEC_INDEX:
      parse_index (page, heading, lines, at_eof);
      break;

    default:
      g_assert_not_reached ();
    }
}
