/* topiary-welcome.c — what the window shows when no project is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-map-state.h"
#include "topiary-welcome.h"

struct _TopiaryWelcome
{
  GtkWidget  parent_instance;

  GtkWidget  *recent_group;
  GtkListBox *recent_list;
  GSettings  *settings;
};

G_DEFINE_FINAL_TYPE (TopiaryWelcome, topiary_welcome, GTK_TYPE_WIDGET)

void
topiary_welcome_set_recent (TopiaryWelcome     *self,
                            const char * const *paths)
{
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (TOPIARY_IS_WELCOME (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autofree char *dir = g_path_get_dirname (paths[i]);
      g_autoptr(GFile) file = g_file_new_for_path (dir);
      g_autofree char *display = g_file_get_parse_name (file);
      const char *home = g_get_home_dir ();
      g_autofree char *short_dir = home && g_str_has_prefix (display, home)
                                   ? g_strconcat ("~", display + strlen (home), NULL) : NULL;
      g_autofree char *name_markup = g_markup_escape_text (name, -1);
      g_autofree char *dir_markup = g_markup_escape_text (short_dir ? short_dir : display, -1);

      g_autoptr(TopiaryMapState) state = topiary_map_state_load (paths[i]);
      g_autofree char *title_markup = state && state->title && *state->title
                                      ? g_markup_escape_text (state->title, -1) : NULL;
      g_autofree char *where_markup = title_markup ? g_strdup_printf ("%s — %s", name_markup, dir_markup) : NULL;

      /* The map's title when it is known, its file name and folder under it. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup ? title_markup : name_markup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where_markup ? where_markup : dir_markup);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }
  gtk_widget_set_visible (self->recent_group, n > 0);
}

#define MAX_RECENT 10

static void
on_recent_changed (TopiaryWelcome *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  topiary_welcome_set_recent (self, (const char * const *) recent);
}

void
topiary_welcome_set_settings (TopiaryWelcome *self,
                              GSettings      *settings)
{
  g_return_if_fail (TOPIARY_IS_WELCOME (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::recent-projects",
                           G_CALLBACK (on_recent_changed), self, G_CONNECT_SWAPPED);
  on_recent_changed (self);
}

void
topiary_welcome_remember (TopiaryWelcome *self,
                          const char     *path,
                          gboolean        keep)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 0;

  g_return_if_fail (TOPIARY_IS_WELCOME (self));
  g_return_if_fail (path != NULL);

  if (self->settings == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-projects");
  if (keep)
    {
      g_strv_builder_add (builder, path);
      n++;
    }
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
}

static void
topiary_welcome_dispose (GObject *object)
{
  g_clear_object (&TOPIARY_WELCOME (object)->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), TOPIARY_TYPE_WELCOME);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_welcome_parent_class)->dispose (object);
}

static void
topiary_welcome_class_init (TopiaryWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_welcome_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryWelcome, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryWelcome, recent_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_welcome_init (TopiaryWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
