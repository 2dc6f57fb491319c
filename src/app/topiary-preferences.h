/* topiary-preferences.h — the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOPIARY_TYPE_PREFERENCES (topiary_preferences_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryPreferences, topiary_preferences, TOPIARY, PREFERENCES, AdwPreferencesWindow)

TopiaryPreferences *topiary_preferences_new (GSettings *settings);

G_END_DECLS
