/* topiary-switcher.c — the quick switcher (Ctrl+P): find an article, open it
 *
 * The map is read once when the dialog opens; every change of the search
 * text ranks its articles with topiary_map_find() (titles, slugs and
 * target queries; prefix, word start, anywhere, letters in order). The
 * first row is selected, so Enter opens the best match; Up and Down move
 * the selection without leaving the entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-link-completion.h"
#include "topiary-map-find.h"
#include "topiary-switcher.h"

/* A screenful; more would not be read. */
#define MAX_ROWS 50

struct _TopiarySwitcher
{
  AdwWindow       parent_instance;

  TopiaryWindow  *window;   /* weak */
  TopiaryMap     *map;
  gint64          current;
  GtkSearchEntry *entry;
  GtkListBox     *list;
  GArray         *ids;      /* gint64 per row */
  char           *filtered; /* the text the rows are for */
};

G_DEFINE_FINAL_TYPE (TopiarySwitcher, topiary_switcher, ADW_TYPE_WINDOW)

static void
refill (TopiarySwitcher *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->ids, 0);
  g_free (self->filtered);
  self->filtered = g_strdup (typed);
  if (self->map == NULL)
    return;
  /* The article being written comes too: the switcher may be used to
   * find it again in the map. */
  found = topiary_map_find (self->map, typed, 0, TOPIARY_MAP_FIND_SWITCHER, MAX_ROWS);
  for (guint i = 0; i < found->len; i++)
    {
      TopiaryMapArticle *a = g_array_index (found, TopiaryMapFound, i).article;
      const char *group = a->group != NULL ? topiary_group_get_title (a->group->group) : _("Ideas");
      const char *slug = topiary_article_get_slug (a->article);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", group,
                                                   topiary_link_completion_status_label (topiary_article_get_status (a->article)),
                                                   slug ? slug : "");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), topiary_article_get_title (a->article));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
      g_array_append_val (self->ids, a->id);
    }
  if (found->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No article matches"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 18);
      gtk_widget_set_margin_bottom (empty, 18);
      gtk_list_box_append (self->list, empty);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->list, 0), FALSE);
      gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->list, 0), FALSE);
    }
  else
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

static void
open_row (TopiarySwitcher *self,
          GtkListBoxRow   *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  TopiaryWindow *window = self->window;
  gint64 id;

  if (index < 0 || (guint) index >= self->ids->len || window == NULL)
    return;
  id = g_array_index (self->ids, gint64, index);
  gtk_window_destroy (GTK_WINDOW (self));
  topiary_window_open_article (window, id);
}

static void
on_activate (TopiarySwitcher *self)
{
  /* Enter typed before the search entry's delay ran out: rank now. */
  if (g_strcmp0 (self->filtered, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    refill (self);
  open_row (self, gtk_list_box_get_selected_row (self->list));
}

static void
on_row_activated (TopiarySwitcher *self,
                  GtkListBoxRow   *row)
{
  open_row (self, row);
}

static void
move_selection (TopiarySwitcher *self,
                int              step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + step : 0;
  GtkListBoxRow *next;

  if (self->ids->len == 0)
    return;
  index = CLAMP (index, 0, (int) self->ids->len - 1);
  next = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, next);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  /* Keep the selected row in sight. */
  {
    GtkAdjustment *adj = gtk_list_box_get_adjustment (self->list);
    graphene_rect_t bounds;

    if (adj != NULL && gtk_widget_compute_bounds (GTK_WIDGET (next), GTK_WIDGET (self->list), &bounds))
      gtk_adjustment_clamp_page (adj, bounds.origin.y, bounds.origin.y + bounds.size.height);
  }
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              TopiarySwitcher       *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      move_selection (self, 8);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_selection (self, -8);
      return TRUE;
    default:
      return FALSE;
    }
}

GtkEditable *
topiary_switcher_get_entry (TopiarySwitcher *self)
{
  g_return_val_if_fail (TOPIARY_IS_SWITCHER (self), NULL);
  return GTK_EDITABLE (self->entry);
}

GtkListBox *
topiary_switcher_get_list (TopiarySwitcher *self)
{
  g_return_val_if_fail (TOPIARY_IS_SWITCHER (self), NULL);
  return self->list;
}

static void
topiary_switcher_dispose (GObject *object)
{
  TopiarySwitcher *self = TOPIARY_SWITCHER (object);

  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  g_clear_object (&self->map);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->filtered, g_free);
  G_OBJECT_CLASS (topiary_switcher_parent_class)->dispose (object);
}

static void
topiary_switcher_class_init (TopiarySwitcherClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = topiary_switcher_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
topiary_switcher_init (TopiarySwitcher *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_title (GTK_WINDOW (self), _("Open Article"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 460);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Title, slug or query"), NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 36);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find an article"), -1);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Articles"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (refill), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

TopiarySwitcher *
topiary_switcher_new (TopiaryWindow *window)
{
  TopiarySwitcher *self;
  TopiaryProject *project;
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = NULL;

  g_return_val_if_fail (TOPIARY_IS_WINDOW (window), NULL);

  project = topiary_window_get_project (window);
  if (project == NULL || (map = topiary_map_new (project, &error)) == NULL)
    return NULL;
  self = g_object_new (TOPIARY_TYPE_SWITCHER, "transient-for", window, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->map = g_steal_pointer (&map);
  self->current = topiary_window_get_article_id (window);
  refill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}
