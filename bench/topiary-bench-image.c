/* topiary-bench-image.c — a deterministic photo-like JPEG for the
 * benchmark corpus (bench/bench.py): smooth colour fields with fine grain,
 * which compresses as a camera photo does.
 *
 * usage: topiary-bench-image OUT.jpg WIDTH HEIGHT SEED
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;
  double fx[3], fy[3], phase[3];

  if (argc != 5 || (width = atoi (argv[2])) <= 0 || (height = atoi (argv[3])) <= 0)
    {
      g_printerr ("usage: topiary-bench-image OUT.jpg WIDTH HEIGHT SEED\n");
      return 2;
    }
  rand = g_rand_new_with_seed ((guint32) strtoul (argv[4], NULL, 10));
  for (int c = 0; c < 3; c++)
    {
      fx[c] = g_rand_double_range (rand, 1.0, 6.0) * G_PI / width;
      fy[c] = g_rand_double_range (rand, 1.0, 6.0) * G_PI / height;
      phase[c] = g_rand_double_range (rand, 0.0, 2 * G_PI);
    }
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        for (int c = 0; c < 3; c++)
          {
            double v = 128 + 100 * sin (x * fx[c] + phase[c]) * cos (y * fy[c] - phase[c]);

            v += g_rand_int_range (rand, -12, 13);
            row[x * 3 + c] = (guchar) CLAMP (v, 0, 255);
          }
    }
  if (!gdk_pixbuf_save (pixbuf, argv[1], "jpeg", &error, "quality", "85", NULL))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
