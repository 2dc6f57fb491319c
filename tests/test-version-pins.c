/* test-version-pins.c — the build pins GLib, GDK, libadwaita and
 * GtkSourceView to the API of Debian 12's versions (meson.build), so a
 * build against a newer runtime cannot use what Debian 12 lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Before any header: set here only when the build's flags set them (the
 * headers would otherwise pick their own installed version). */
#if defined(GLIB_VERSION_MIN_REQUIRED) && defined(GLIB_VERSION_MAX_ALLOWED)
# define PINNED_GLIB 1
#else
# define PINNED_GLIB 0
#endif
#if defined(GDK_VERSION_MIN_REQUIRED) && defined(GDK_VERSION_MAX_ALLOWED)
# define PINNED_GDK 1
#else
# define PINNED_GDK 0
#endif
#if defined(ADW_VERSION_MIN_REQUIRED) && defined(ADW_VERSION_MAX_ALLOWED)
# define PINNED_ADW 1
#else
# define PINNED_ADW 0
#endif
#if defined(GTK_SOURCE_VERSION_MIN_REQUIRED) && defined(GTK_SOURCE_VERSION_MAX_ALLOWED)
# define PINNED_GTK_SOURCE 1
#else
# define PINNED_GTK_SOURCE 0
#endif

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

static void
test_glib (void)
{
  g_assert_true (PINNED_GLIB);
  g_assert_cmpuint (GLIB_VERSION_MIN_REQUIRED, ==, GLIB_VERSION_2_74);
  g_assert_cmpuint (GLIB_VERSION_MAX_ALLOWED, ==, GLIB_VERSION_2_74);
}

static void
test_gdk (void)
{
  g_assert_true (PINNED_GDK);
  g_assert_cmpuint (GDK_VERSION_MIN_REQUIRED, ==, GDK_VERSION_4_8);
  g_assert_cmpuint (GDK_VERSION_MAX_ALLOWED, ==, GDK_VERSION_4_8);
}

static void
test_adw (void)
{
  g_assert_true (PINNED_ADW);
  g_assert_cmpuint (ADW_VERSION_MIN_REQUIRED, ==, ADW_VERSION_1_2);
  g_assert_cmpuint (ADW_VERSION_MAX_ALLOWED, ==, ADW_VERSION_1_2);
}

static void
test_gtk_source (void)
{
  g_assert_true (PINNED_GTK_SOURCE);
  g_assert_cmpuint (GTK_SOURCE_VERSION_MIN_REQUIRED, ==, GTK_SOURCE_VERSION_5_6);
  g_assert_cmpuint (GTK_SOURCE_VERSION_MAX_ALLOWED, ==, GTK_SOURCE_VERSION_5_6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/version-pins/glib", test_glib);
  g_test_add_func ("/core/version-pins/gdk", test_gdk);
  g_test_add_func ("/core/version-pins/adw", test_adw);
  g_test_add_func ("/core/version-pins/gtk-source", test_gtk_source);
  return g_test_run ();
}
