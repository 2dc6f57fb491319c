/* topiary-preferences.c — the preferences window
 *
 * Every row is bound to a GSettings key; nothing here is stored elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-a11y.h"
#include "topiary-preferences.h"

struct _TopiaryPreferences
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *scheme_row;
  AdwComboRow          *writing_font_row;
  GtkSpinButton        *column_spin;
  GtkSpinButton        *spacing_spin;
  GtkFontButton        *font_button;
  GtkSwitch            *line_numbers_switch;
  GtkSwitch            *spell_check_switch;
  GtkSwitch            *reopen_switch;
  AdwComboRow          *layout_row;
  GtkSpinButton        *autosave_spin;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (TopiaryPreferences, topiary_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char *schemes[] = { "default", "light", "dark" };
static const char *layouts[] = { "editor", "split", "preview" };
/* Three entries like the others: a NULL ends a shorter list. */
static const char *writing_fonts[] = { "document", "monospace", NULL };

static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 3 && nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= 3 || nicks[index] == NULL)
    return NULL;
  return g_variant_new_string (nicks[index]);
}

TopiaryPreferences *
topiary_preferences_new (GSettings *settings)
{
  TopiaryPreferences *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TOPIARY_TYPE_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "color-scheme", self->scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) schemes, NULL);
  g_settings_bind_with_mapping (settings, "preview-layout", self->layout_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) layouts, NULL);
  g_settings_bind_with_mapping (settings, "writing-font", self->writing_font_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_index, index_to_nick,
                                (gpointer) writing_fonts, NULL);
  g_settings_bind (settings, "column-width", gtk_spin_button_get_adjustment (self->column_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "line-spacing", gtk_spin_button_get_adjustment (self->spacing_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "editor-font", self->font_button, "font", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-line-numbers", self->line_numbers_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "spell-check", self->spell_check_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reopen-last-map", self->reopen_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autosave-delay", gtk_spin_button_get_adjustment (self->autosave_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  return self;
}

static void
topiary_preferences_dispose (GObject *object)
{
  TopiaryPreferences *self = TOPIARY_PREFERENCES (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_PREFERENCES);
  G_OBJECT_CLASS (topiary_preferences_parent_class)->dispose (object);
}

static void
topiary_preferences_class_init (TopiaryPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, writing_font_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, column_spin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, font_button);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, line_numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, spell_check_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, reopen_switch);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, layout_row);
  gtk_widget_class_bind_template_child (widget_class, TopiaryPreferences, autosave_spin);
}

static void
topiary_preferences_init (TopiaryPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The font button is a button inside a widget: the inner one is what a
   * screen reader reaches, so it carries the name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->font_button));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Monospace font"), -1);
  topiary_a11y_fix_names (GTK_WIDGET (self));
}
