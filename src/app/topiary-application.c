/* topiary-application.c — the GTK application object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "topiary-app-resources.h"
#include "topiary-core-resources.h"
#include "topiary-application.h"
#include "topiary-highlight-gsv.h"
#include "topiary-portal.h"
#include "topiary-preferences.h"
#include "topiary-window.h"

struct _TopiaryApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TopiaryApplication, topiary_application, ADW_TYPE_APPLICATION)

TopiaryApplication *
topiary_application_new (void)
{
  return g_object_new (TOPIARY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/topiary/Topiary",
                       NULL);
}

GSettings *
topiary_application_get_settings (TopiaryApplication *self)
{
  g_return_val_if_fail (TOPIARY_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
apply_color_scheme (TopiaryApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint value = (guint) g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (manager, schemes[MIN (value, G_N_ELEMENTS (schemes) - 1)]);
}

static void
on_color_scheme_changed (TopiaryApplication *self)
{
  apply_color_scheme (self);
}

static TopiaryWindow *
get_empty_window (TopiaryApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TOPIARY_IS_WINDOW (l->data) && topiary_window_get_project (l->data) == NULL)
      return l->data;
  return NULL;
}

static void
topiary_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (topiary_window_new (TOPIARY_APPLICATION (app)));
      gtk_window_present (window);
      /* Started with no file: the last map, as it was left. */
      if (g_settings_get_boolean (TOPIARY_APPLICATION (app)->settings, "reopen-last-map"))
        topiary_window_reopen_last (TOPIARY_WINDOW (window));
      return;
    }
  gtk_window_present (window);
}

static void
topiary_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TopiaryApplication *self = TOPIARY_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      /* Open already: that window comes forward; else an empty one, or a
       * new one, so no open map is ever replaced. */
      TopiaryWindow *window = path != NULL ? topiary_window_find_showing (path) : NULL;

      if (window == NULL)
        window = get_empty_window (self);
      if (window == NULL)
        window = topiary_window_new (self);
      gtk_window_present (GTK_WINDOW (window));
      if (path != NULL)
        topiary_window_open_path (window, path);
    }
}

static void
recover_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  topiary_portal_recover ();
}

static void
topiary_application_startup (GApplication *app)
{
  TopiaryApplication *self = TOPIARY_APPLICATION (app);

  G_APPLICATION_CLASS (topiary_application_parent_class)->startup (app);

  gtk_source_init ();
  /* main() installed the command line's highlighter, whose threads would
   * race GtkSourceView's idle callbacks on this main loop
   * (docs/highlighting.md); the app highlights on its main thread. */
  topiary_highlight_gsv_install_main_thread (g_main_context_default ());
  g_set_application_name (_("Topiary"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  /* Changes a killed Topiary had saved in a working copy but not yet into
   * a file picked through the document portal: written back now, without
   * waiting for the project to be opened again. */
  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
    g_task_run_in_thread (task, recover_thread);
  }
}

static void
topiary_application_shutdown (GApplication *app)
{
  G_APPLICATION_CLASS (topiary_application_parent_class)->shutdown (app);
  gtk_source_finalize ();
}

static void
topiary_application_finalize (GObject *object)
{
  TopiaryApplication *self = TOPIARY_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (topiary_application_parent_class)->finalize (object);
}

static void
app_quit (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window saves its article first. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
app_preferences (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  TopiaryApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  TopiaryPreferences *prefs = topiary_preferences_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
app_about (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Topiary authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Topiary"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Topiary authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan, write and publish topical maps"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = app_quit },
  { .name = "preferences", .activate = app_preferences },
  { .name = "about", .activate = app_about },
};

static void
topiary_application_class_init (TopiaryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* Keeps the resource objects (and their constructors) in the binary:
   * nothing else refers to them, and they come from static libraries. */
  (void) topiary_app_get_resource ();
  (void) topiary_core_get_resource ();

  object_class->finalize = topiary_application_finalize;
  app_class->activate = topiary_application_activate;
  app_class->open = topiary_application_open;
  app_class->startup = topiary_application_startup;
  app_class->shutdown = topiary_application_shutdown;
}

static void
topiary_application_init (TopiaryApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}

int
topiary_app_run (int    argc,
                 char **argv)
{
  g_autoptr(TopiaryApplication) app = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("The settings schema %s is not installed; install Topiary or set GSETTINGS_SCHEMA_DIR to the build’s data folder.\n"),
                  APP_ID);
      return 1;
    }

  app = topiary_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
