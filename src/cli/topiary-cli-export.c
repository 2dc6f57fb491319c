/* topiary-cli-export.c — `topiary export`: a static website folder, a
 * Hugo content folder, CSV or JSON, interruptible with Ctrl-C
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-export.h"

/* The export that DIR held is deleted by a child process once the new one
 * is in place and the command has said so: 20,000 files take seconds,
 * and nobody needs to wait for them. The child lets go of the terminal
 * and of every pipe, so a shell or a script does not wait either. */
static void
remove_replaced_in_background (const char *path)
{
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      setsid ();
      if (null >= 0)
        {
          dup2 (null, STDIN_FILENO);
          dup2 (null, STDOUT_FILENO);
          dup2 (null, STDERR_FILENO);
        }
      topiary_export_remove_replaced (path, NULL);
      _exit (0);
    }
  /* No child to be had: do it now. */
  if (pid < 0 && !topiary_export_remove_replaced (path, NULL))
    g_printerr (_("warning: the previous export could not be removed and is left in a hidden folder beside the new one.\n"));
}

/* Ctrl-C (or SIGTERM, SIGHUP) during an export: the signals go to a
 * thread of their own, which cancels the export; it stops at its next
 * file and removes its temporary folder or file, so nothing is left
 * beside DIR. A second signal ends the program at once. */
typedef struct {
  GCancellable *cancellable;
  sigset_t      set;
  sigset_t      old;
  pthread_t     thread;
  gboolean      running;
  gint          signal;   /* atomic: the first signal, 0 for none */
  gint          done;     /* atomic: the export is over */
} Interrupt;

static void *
interrupt_thread (void *data)
{
  Interrupt *in = data;

  for (;;)
    {
      int sig = 0;

      if (sigwait (&in->set, &sig) != 0)
        continue;
      if (g_atomic_int_get (&in->done))
        return NULL;
      if (!g_atomic_int_compare_and_exchange (&in->signal, 0, sig))
        _exit (128 + sig);
      g_cancellable_cancel (in->cancellable);
    }
}

static void
interrupt_start (Interrupt *in)
{
  in->cancellable = g_cancellable_new ();
  sigemptyset (&in->set);
  sigaddset (&in->set, SIGINT);
  sigaddset (&in->set, SIGTERM);
  sigaddset (&in->set, SIGHUP);
  /* Before any other thread starts: they all inherit the mask, so only
   * sigwait() sees these signals. */
  pthread_sigmask (SIG_BLOCK, &in->set, &in->old);
  in->running = pthread_create (&in->thread, NULL, interrupt_thread, in) == 0;
}

/* Returns the signal that interrupted the export, or 0. */
static int
interrupt_stop (Interrupt *in)
{
  if (in->running)
    {
      g_atomic_int_set (&in->done, TRUE);
      pthread_kill (in->thread, SIGTERM);
      pthread_join (in->thread, NULL);
    }
  pthread_sigmask (SIG_SETMASK, &in->old, NULL);
  g_clear_object (&in->cancellable);
  return g_atomic_int_get (&in->signal);
}

int
_topiary_cli_export (const TopiaryCliCommand *cmd,
                     int                      argc,
                     char                   **argv)
{
  /* Values are taken as the bytes given, as paths are. */
  g_autofree char *format = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *theme = NULL;
  gboolean drafts = FALSE, force = FALSE, strict = FALSE, with_files = FALSE, with_map_page = FALSE,
           with_briefs = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format,
      N_("What to write: site (a static website, when not given), hugo (a Hugo content folder), csv or json (one file)"),
      N_("FORMAT") },
    { "drafts", 0, 0, G_OPTION_ARG_NONE, &drafts,
      N_("Also planned and unfinished articles, marked as drafts (never ideas)"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace what DIR holds even when it is no earlier export (never the project, its folder or your home)"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail when a wiki link leads to no article"), NULL },
    { "base-url", 0, 0, G_OPTION_ARG_FILENAME, &base_url,
      N_("The address the site will be published at (http or https), for its absolute links"), N_("URL") },
    { "theme", 0, 0, G_OPTION_ARG_FILENAME, &theme,
      N_("Take templates and files from DIR first, the built-in theme for the rest"), N_("DIR") },
    { "with-files", 0, 0, G_OPTION_ARG_NONE, &with_files,
      N_("JSON: include the bytes of the articles’ images and files (base64), not only their list"), NULL },
    { "with-briefs", 0, 0, G_OPTION_ARG_NONE, &with_briefs,
      N_("JSON: include each article’s writing brief, made from the map"), NULL },
    { "with-map-page", 0, 0, G_OPTION_ARG_NONE, &with_map_page,
      N_("Site: add a map page (map/index.html) drawing the articles as a graph, each linked to its page"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_path = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *written = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *cache = topiary_export_default_cache_dir ();
  TopiaryExportOptions opts = { 0 };
  TopiaryCliProgress progress = { _("Exporting"), 0, FALSE };
  Interrupt interrupt = { 0 };
  int status = 0;
  int sig;
  gboolean ok;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 2, _("Give the project file and the folder to write."), &status);
  if (args == NULL)
    return status;

  opts.format = TOPIARY_EXPORT_SITE;
  if (format != NULL && !topiary_export_format_from_string (format, &opts.format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown format “%s”; use site, hugo, csv or json."),
                                              format);
      return _topiary_cli_usage_error (cmd, msg);
    }
  if (with_files && opts.format != TOPIARY_EXPORT_JSON)
    return _topiary_cli_usage_error (cmd, _("--with-files only goes with --format json."));
  if (with_map_page && opts.format != TOPIARY_EXPORT_SITE)
    return _topiary_cli_usage_error (cmd, _("--with-map-page only goes with the site format."));
  opts.with_files = with_files;
  opts.with_map_page = with_map_page;
  if (with_briefs && opts.format != TOPIARY_EXPORT_JSON)
    return _topiary_cli_usage_error (cmd, _("--with-briefs only goes with --format json."));
  opts.with_briefs = with_briefs;
  opts.drafts = drafts;
  opts.force = force;
  opts.strict = strict;
  opts.base_url = base_url;
  opts.theme_dir = theme;
  opts.cache_dir = cache;

  project = _topiary_cli_open_existing (args[0], TRUE, &status);
  if (project == NULL)
    return status;

  warnings = g_ptr_array_new_with_free_func (g_free);
  opts.warnings = warnings;
  opts.output_path = &written;
  opts.replaced_path = &replaced;
  interrupt_start (&interrupt);
  opts.cancellable = interrupt.cancellable;
  ok = topiary_export (project, args[1], &opts,
                       isatty (STDERR_FILENO) ? _topiary_cli_progress : NULL, &progress, &error);
  sig = interrupt_stop (&interrupt);
  _topiary_cli_progress_end (&progress);
  if (!ok && sig != 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("topiary: %s\n", _("The export was interrupted, and what it had written was removed."));
      return 128 + sig;
    }
  for (guint i = 0; i < warnings->len; i++)
    _topiary_cli_warn (g_ptr_array_index (warnings, i));
  if (!ok)
    return _topiary_cli_fail (error->message);
  shown_path = topiary_cli_shown (written != NULL ? written : args[1]);
  g_print (_("Exported to %s\n"), shown_path);
  if (replaced != NULL)
    remove_replaced_in_background (replaced);
  return 0;
}
