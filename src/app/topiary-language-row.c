/* topiary-language-row.c — the details panel's Language drop-down
 *
 * The first item follows the map ("" in the article); the others are the
 * installed dictionaries, written the web's way ("de-DE"), and the
 * article's own language when no dictionary has it, so showing an
 * article never changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-language-row.h"
#include "topiary-spell-checker.h"

#define TAGS_KEY "topiary-language-tags"

static GPtrArray *
dictionary_tags (void)
{
  static GPtrArray *tags;

  /* Asking enchant's providers costs a few milliseconds: once. */
  if (tags == NULL)
    {
      g_autoptr(TopiarySpellChecker) checker = topiary_spell_checker_new ();
      g_auto(GStrv) list = topiary_spell_checker_list_languages (checker);

      tags = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        {
          char *tag = g_strdelimit (g_strdup (list[i]), "_", '-');
          g_ptr_array_add (tags, tag);
        }
    }
  return tags;
}

void
topiary_language_row_fill (AdwComboRow    *row,
                           TopiaryProject *project,
                           const char     *current)
{
  g_autofree char *map_language = project ? topiary_project_get_map_field (project, "language") : NULL;
  g_autofree char *first = g_strdup_printf (_("Map Default (%s)"), map_language ? map_language : "");
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GPtrArray *known = dictionary_tags ();
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  gtk_string_list_append (model, first);
  g_ptr_array_add (tags, g_strdup (""));
  for (guint i = 0; i < known->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (known, i));
      g_ptr_array_add (tags, g_strdup (g_ptr_array_index (known, i)));
    }
  if (current != NULL && *current != '\0')
    {
      for (guint i = 1; i < tags->len && selected == 0; i++)
        if (g_ascii_strcasecmp (g_ptr_array_index (tags, i), current) == 0)
          selected = i;
      if (selected == 0)
        {
          gtk_string_list_append (model, current);
          g_ptr_array_add (tags, g_strdup (current));
          selected = tags->len - 1;
        }
    }
  g_object_set_data_full (G_OBJECT (row), TAGS_KEY, tags, (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

char *
topiary_language_row_dup_selected (AdwComboRow *row)
{
  GPtrArray *tags;
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  tags = g_object_get_data (G_OBJECT (row), TAGS_KEY);
  selected = adw_combo_row_get_selected (row);
  if (tags == NULL || selected >= tags->len)
    return g_strdup ("");
  return g_strdup (g_ptr_array_index (tags, selected));
}
