/* main.c — a subcommand runs headless; anything else starts the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "topiary-cli.h"
#if HAVE_GUI
# include "topiary-application.h"
# include "topiary-highlight-gsv.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

#if HAVE_GUI
  /* Code on the exported site and in the preview (docs/highlighting.md);
   * GtkSourceView needs no display for it. TOPIARY_HIGHLIGHT=0 exports
   * code plain: the benchmark's peer. */
  if (g_strcmp0 (g_getenv ("TOPIARY_HIGHLIGHT"), "0") != 0)
    topiary_highlight_gsv_install ();
#endif

  /* Subcommands never open a display, so they work with no display or D-Bus. */
  if (topiary_cli_handles (argc, argv))
    return topiary_cli_run (argc, argv);

#if HAVE_GUI
  return topiary_app_run (argc, argv);
#else
  g_printerr (_("topiary: this build has no user interface; see “topiary --help” for the commands.\n"));
  return 2;
#endif
}
