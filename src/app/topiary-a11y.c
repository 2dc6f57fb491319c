/* topiary-a11y.c — small fixes to the names GTK 4.8 gives screen readers
 *
 * GTK 4.8 names a button with a mnemonic label twice: its label property
 * holds the raw text ("_New Map") and the mnemonic label adds "New Map"
 * through labelled-by. And the toggle button inside a GtkMenuButton, the
 * widget that takes the focus, has no name at all: it is read by its type.
 * libadwaita 1.2's entry rows say their title twice too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "topiary-a11y.h"

/* Walks @root once, after its template is built: buttons whose mnemonic
 * label names them drop the raw label property, and the button inside
 * each menu button is labelled by the menu button (whose label the .ui
 * file sets). */
void
topiary_a11y_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* An entry row has two mnemonic labels with its title (one shown while
   * the entry is empty): name it once, by its title. */
  if (ADW_IS_ENTRY_ROW (root))
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)),
                                      -1);
    }

  if (GTK_IS_MENU_BUTTON (root))
    {
      GtkWidget *button = gtk_widget_get_first_child (root);

      if (GTK_IS_BUTTON (button))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL,
                                        -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    topiary_a11y_fix_names (child);
}
