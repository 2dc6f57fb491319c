/* topiary-brief-text.c — a brief as Markdown, the skeleton of an empty
 * article, and the checklist of a text against its brief
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-brief.h"
#include "topiary-links-private.h"
#include "topiary-markdown.h"

static void
append_link_line (GString          *out,
                  TopiaryBriefLink *l)
{
  g_string_append_printf (out, "- %s (`[[%s|%s]]`)", l->title, l->slug, l->anchor);
  if (l->alternatives[0] != NULL)
    {
      g_autofree char *others = g_strjoinv (", ", l->alternatives);

      g_string_append_printf (out, _(" — other anchors: %s"), others);
    }
  g_string_append_c (out, '\n');
}

char *
topiary_brief_to_markdown (const TopiaryBrief *b)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (b != NULL, NULL);

  g_string_append_printf (out, _("# Brief: %s\n\n"), b->title);
  g_string_append_printf (out, _("- Slug: %s\n"), b->slug);
  g_string_append_printf (out, _("- Kind: %s\n"), topiary_kind_to_string (b->kind));
  g_string_append_printf (out, _("- Primary query: %s\n"), b->primary_query != NULL ? b->primary_query : _("none"));
  if (b->secondary_queries[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", b->secondary_queries);

      g_string_append_printf (out, _("- Secondary queries: %s\n"), joined);
    }
  g_string_append_printf (out, _("- Intent: %s\n"), b->intent != NULL ? b->intent : _("not set"));
  g_string_append_printf (out, b->target_from_plan ? _("- Target length: %u words\n")
                                                   : _("- Target length: %u words (a default)\n"),
                          b->target_words);

  g_string_append_printf (out, _("\n## What the intent expects\n\n%s\n"), b->expects);
  if (b->sections[0] != NULL)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; b->sections[i] != NULL; i++)
        g_string_append_printf (out, "- %s\n", b->sections[i]);
    }
  if (b->table_columns != NULL)
    {
      g_autofree char *cols = g_strjoinv (", ", b->table_columns);

      g_string_append_printf (out, _("\nA table compares: %s.\n"), cols);
    }

  g_string_append (out, _("\n## Links\n\n"));
  if (b->pillar != NULL)
    {
      g_string_append (out, _("Up to the pillar:\n\n"));
      append_link_line (out, b->pillar);
      g_string_append_c (out, '\n');
    }
  if (b->down->len > 0)
    {
      g_string_append (out, _("Down to each cluster:\n\n"));
      for (guint i = 0; i < b->down->len; i++)
        append_link_line (out, g_ptr_array_index (b->down, i));
      g_string_append_c (out, '\n');
    }
  if (b->siblings->len > 0)
    {
      g_string_append (out, _("Across to the siblings:\n\n"));
      for (guint i = 0; i < b->siblings->len; i++)
        append_link_line (out, g_ptr_array_index (b->siblings, i));
      g_string_append_c (out, '\n');
    }
  if (b->planned->len > 0)
    {
      g_string_append (out, _("From the linking plan:\n\n"));
      for (guint i = 0; i < b->planned->len; i++)
        append_link_line (out, g_ptr_array_index (b->planned, i));
      g_string_append_c (out, '\n');
    }
  if (b->pillar == NULL && b->down->len == 0 && b->siblings->len == 0 && b->planned->len == 0)
    g_string_append (out, _("The plan requires no link.\n\n"));

  if (b->sibling_topics->len > 0)
    {
      g_string_append (out, _("## Topics other articles own\n\nMention them briefly and link; do not cover them at length.\n\n"));
      for (guint i = 0; i < b->sibling_topics->len; i++)
        g_string_append_printf (out, "- %s\n", (char *) g_ptr_array_index (b->sibling_topics, i));
      g_string_append_c (out, '\n');
    }
  if (b->ideas->len > 0)
    {
      g_string_append (out, _("## Ideas from the backlog\n\n"));
      for (guint i = 0; i < b->ideas->len; i++)
        g_string_append_printf (out, "- %s\n", (char *) g_ptr_array_index (b->ideas, i));
      g_string_append_c (out, '\n');
    }
  if (b->notes->len > 0)
    {
      g_string_append (out, _("## Notes of the map\n\n"));
      for (guint i = 0; i < b->notes->len; i++)
        {
          TopiaryBriefNote *n = g_ptr_array_index (b->notes, i);

          g_string_append_printf (out, "- %s: %s\n", n->title, n->excerpt);
        }
      g_string_append_c (out, '\n');
    }
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
topiary_brief_skeleton (const TopiaryBrief *b)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (b != NULL, NULL);

  g_string_append_printf (out, "# %s\n\n", b->title);
  g_string_append_printf (out, "<!-- %s -->\n\n", b->expects);
  if (b->pillar != NULL)
    g_string_append_printf (out, _("Part of [[%s|%s]].\n\n"), b->pillar->slug, b->pillar->anchor);
  for (guint i = 0; b->sections[i] != NULL; i++)
    {
      g_string_append_printf (out, "## %s\n\n", b->sections[i]);
      if (i == 0 && b->table_columns != NULL)
        {
          g_string_append (out, "|   |");
          for (guint c = 0; b->table_columns[c] != NULL; c++)
            g_string_append_printf (out, " %s |", b->table_columns[c]);
          g_string_append (out, "\n|---|");
          for (guint c = 0; b->table_columns[c] != NULL; c++)
            g_string_append (out, "---|");
          g_string_append (out, "\n|   |");
          for (guint c = 0; b->table_columns[c] != NULL; c++)
            g_string_append (out, "   |");
          g_string_append (out, "\n\n");
        }
    }
  if (b->down->len > 0 || b->planned->len > 0)
    {
      g_string_append_printf (out, "## %s\n\n", _("Read next"));
      for (guint i = 0; i < b->down->len; i++)
        {
          TopiaryBriefLink *l = g_ptr_array_index (b->down, i);

          g_string_append_printf (out, "- [[%s|%s]]\n", l->slug, l->anchor);
        }
      for (guint i = 0; i < b->planned->len; i++)
        {
          TopiaryBriefLink *l = g_ptr_array_index (b->planned, i);

          g_string_append_printf (out, "- [[%s|%s]]\n", l->slug, l->anchor);
        }
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- the checklist ---- */

static void
item (GArray     *items,
      const char *id,
      guint       points,
      guint       max,
      gboolean    done,
      char       *label)
{
  TopiaryChecklistItem it = { id, label, points, max, done };

  g_array_append_val (items, it);
}

static void
item_clear (gpointer data)
{
  g_free (((TopiaryChecklistItem *) data)->label);
}

/* The first heading, the first paragraph, and the level-1 headings. */
static void
read_body (const char  *body,
           char       **first_heading,
           char       **first_paragraph,
           guint       *h1)
{
  const char *p = body + _topiary_links_front_matter_end (body);
  GString *para = NULL;
  char fence = 0;

  *first_heading = NULL;
  *h1 = 0;
  for (; *p != '\0'; )
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      g_autofree char *line = g_strndup (p, len);
      const char *q = line;

      g_strchomp (line);
      while (*q == ' ')
        q++;
      if ((*q == '`' || *q == '~') && q[1] == *q && q[2] == *q)
        fence = fence == 0 ? *q : (fence == *q ? 0 : fence);
      else if (fence != 0 || g_str_has_prefix (q, "<!--"))
        ;
      else if (*q == '#')
        {
          const char *t = q;

          while (*t == '#')
            t++;
          if (*t == ' ' || *t == '\0')
            {
              if (t - q == 1)
                (*h1)++;
              if (*first_heading == NULL)
                *first_heading = g_strstrip (g_strdup (t));
            }
        }
      else if (*q == '\0')
        {
          if (para != NULL && para->len > 0 && *first_paragraph == NULL)
            *first_paragraph = g_string_free (g_steal_pointer (&para), FALSE);
        }
      else if (*first_paragraph == NULL)
        {
          if (para == NULL)
            para = g_string_new (NULL);
          g_string_append (para, q);
          g_string_append_c (para, ' ');
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  if (para != NULL && para->len > 0 && *first_paragraph == NULL)
    *first_paragraph = g_string_free (g_steal_pointer (&para), FALSE);
  else if (para != NULL)
    g_string_free (para, TRUE);
}

static gboolean
has_words (const char *text,
           const char *query,
           gboolean    stem)
{
  g_autoptr(GHashTable) words = NULL;

  if (text == NULL || query == NULL)
    return FALSE;
  words = _topiary_brief_word_set (text, stem);
  return _topiary_brief_covers (words, query, stem);
}

static void
add_required (GHashTable       *required,
              TopiaryBriefLink *l)
{
  if (l != NULL)
    g_hash_table_add (required, &l->article_id);
}

GArray *
topiary_brief_checklist (TopiaryLinker      *linker,
                         const TopiaryBrief *b,
                         const char         *body,
                         guint              *score)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (TopiaryChecklistItem));
  g_autofree char *heading = NULL;
  g_autofree char *paragraph = NULL;
  g_autoptr(GHashTable) words = NULL;
  g_autoptr(GHashTable) required = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) out = NULL;
  const char *pq;
  gboolean stem;
  guint h1 = 0, n, covered, present, total = 0, words_now;
  gboolean ok;

  g_return_val_if_fail (linker != NULL && b != NULL, items);

  g_array_set_clear_func (items, item_clear);
  stem = linker->stem;
  body = body != NULL ? body : "";
  pq = b->primary_query;
  read_body (body, &heading, &paragraph, &h1);
  words = _topiary_brief_word_set (body, stem);

  ok = has_words (b->title, pq, stem);
  item (items, "title", ok ? 15 : 0, 15, ok, pq != NULL ? g_strdup_printf (_("The primary query “%s” is in the title."), pq)
                                                         : g_strdup (_("The article has no primary query to put in its title.")));
  ok = has_words (heading, pq, stem);
  item (items, "first-heading", ok ? 10 : 0, 10, ok, g_strdup (_("The primary query is in the first heading.")));
  ok = has_words (paragraph, pq, stem);
  item (items, "first-paragraph", ok ? 15 : 0, 15, ok, g_strdup (_("The primary query is in the first paragraph.")));

  n = g_strv_length (b->secondary_queries);
  covered = 0;
  for (guint i = 0; i < n; i++)
    if (_topiary_brief_covers (words, b->secondary_queries[i], stem))
      covered++;
  item (items, "secondary-queries", n == 0 ? 20 : 20 * covered / n, 20, covered == n,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u secondary query is covered.",
                                      "%u of %u secondary queries are covered.", n), covered, n));

  add_required (required, b->pillar);
  for (guint i = 0; i < b->down->len; i++)
    add_required (required, g_ptr_array_index (b->down, i));
  for (guint i = 0; i < b->planned->len; i++)
    add_required (required, g_ptr_array_index (b->planned, i));
  out = topiary_linker_outgoing (linker, body);
  present = 0;
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < out->len; i++)
      {
        TopiaryOutlink *o = g_ptr_array_index (out, i);

        if (o->target_id != 0 && g_hash_table_contains (required, &o->target_id) &&
            g_hash_table_add (seen, &o->target_id))
          present++;
      }
  }
  n = g_hash_table_size (required);
  item (items, "required-links", n == 0 ? 20 : 20 * present / n, 20, present == n,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u required link is present.",
                                      "%u of %u required links are present.", n), present, n));

  words_now = topiary_markdown_word_count (body);
  item (items, "length", b->target_words == 0 ? 15 : MIN (15, 15 * words_now / b->target_words), 15,
        words_now >= b->target_words,
        g_strdup_printf (_("%u words of the %u the brief asks for."), words_now, b->target_words));
  item (items, "one-h1", h1 <= 1 ? 5 : 0, 5, h1 <= 1, g_strdup (_("The page has one main heading (at most one “#” heading in the text).")));

  for (guint i = 0; i < items->len; i++)
    total += g_array_index (items, TopiaryChecklistItem, i).points;
  if (score != NULL)
    *score = total;
  return items;
}
