/* topiary-cleanup.h — temporary files removed when the process is interrupted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes SIGINT, SIGTERM and SIGHUP delete every registered temporary file
 * (with the -wal, -shm and -journal SQLite may keep beside it) before the
 * process ends as the signal says. For programs without a main loop that
 * could clean up themselves, such as the command line. */
void  topiary_cleanup_install_signal_handlers (void);

/* Registers @path for deletion on those signals; returns a handle for
 * topiary_cleanup_unregister(), 0 when every slot is taken or the path is
 * too long (the file is then left for the next run's stale clean-up). */
guint topiary_cleanup_register   (const char *path);
void  topiary_cleanup_unregister (guint       handle);

G_END_DECLS
