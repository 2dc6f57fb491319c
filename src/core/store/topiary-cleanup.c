/* topiary-cleanup.c — temporary files removed when the process is interrupted
 *
 * The signal handler may only call async-signal-safe functions, so every
 * path it deletes is written out in full when the file is registered, and
 * the handler does nothing but unlink() and re-raise the signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "topiary-cleanup.h"

#define N_SLOTS 8
#define SLOT_MAX (PATH_MAX + 16)

enum { SLOT_FREE, SLOT_FILLING, SLOT_READY };

static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

typedef struct {
  volatile gint state;
  char          paths[G_N_ELEMENTS (suffixes)][SLOT_MAX];
} Slot;

static Slot slots[N_SLOTS];

static void
on_signal (int sig)
{
  int saved = errno;

  for (guint i = 0; i < N_SLOTS; i++)
    if (slots[i].state == SLOT_READY)
      for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
        unlink (slots[i].paths[s]);
  errno = saved;
  /* SA_RESETHAND restored the default action: end as the signal says,
   * once this handler returns and the signal is unblocked. */
  raise (sig);
}

void
topiary_cleanup_install_signal_handlers (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction sa = { 0 }, old = { 0 };

      /* A signal the caller ignores (nohup) stays ignored. */
      if (sigaction (signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      sa.sa_handler = on_signal;
      sa.sa_flags = SA_RESETHAND;
      sigemptyset (&sa.sa_mask);
      sigaction (signals[i], &sa, NULL);
    }
  g_once_init_leave (&installed, 1);
}

guint
topiary_cleanup_register (const char *path)
{
  g_return_val_if_fail (path != NULL, 0);

  if (strlen (path) + strlen ("-journal") >= SLOT_MAX)
    return 0;
  for (guint i = 0; i < N_SLOTS; i++)
    {
      if (!g_atomic_int_compare_and_exchange (&slots[i].state, SLOT_FREE, SLOT_FILLING))
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
        g_snprintf (slots[i].paths[s], SLOT_MAX, "%s%s", path, suffixes[s]);
      g_atomic_int_set (&slots[i].state, SLOT_READY);
      return i + 1;
    }
  return 0;
}

void
topiary_cleanup_unregister (guint handle)
{
  g_return_if_fail (handle <= N_SLOTS);

  if (handle == 0)
    return;
  g_atomic_int_set (&slots[handle - 1].state, SLOT_FREE);
}
