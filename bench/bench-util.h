/* bench-util.h — what every benchmark program measures with: medians and
 * the calling thread's CPU time
 *
 * CPU time rather than wall time where a figure is compared across runs:
 * the machine is shared, and a busy neighbour stretches wall time without
 * saying anything about the code measured.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <time.h>

#include <glib.h>

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values (of double) and returns the middle one. */
static inline double
bench_median (GArray *values)
{
  g_array_sort (values, bench_compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* The calling thread's CPU time, in µs. */
static inline gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
