/* media-util.h — sample images for the tests of files in projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

/* A @width × @height image in @type ("png", "jpeg"), coloured by @seed so
 * that different seeds give different bytes. */
static inline GBytes *
test_image (const char *type,
            int         width,
            int         height,
            guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buf = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0x10203000u + (seed * 0x01030500u));
  /* A few pixels that differ, so a JPEG is not one flat block. */
  for (int y = 0; y < height; y += 3)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);
      row[(y * 3) % (width * 3)] = (guchar)(seed * 37 + y);
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buf, len);
}

/* A 1 × 1 GIF. */
static const guint8 test_gif[] = {
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00,
  0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00,
  0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

/* A WebP container with a lossless (VP8L) header for @width × @height. */
static inline GBytes *
test_webp (guint width,
           guint height)
{
  guint8 d[40] = { 0 };
  guint32 bits = (width - 1) | ((height - 1) << 14);

  memcpy (d, "RIFF", 4);
  d[4] = sizeof d - 8;
  memcpy (d + 8, "WEBPVP8L", 8);
  d[16] = sizeof d - 20;
  d[20] = 0x2f;
  d[21] = bits & 0xff;
  d[22] = (bits >> 8) & 0xff;
  d[23] = (bits >> 16) & 0xff;
  d[24] = (bits >> 24) & 0xff;
  return g_bytes_new (d, sizeof d);
}

static const char test_pdf[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
  "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
  "trailer << /Root 1 0 R >>\n%%EOF\n";

static const char test_svg[] =
  "<?xml version=\"1.0\"?>\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80\" viewBox=\"0 0 120 80\">"
  "<rect width=\"120\" height=\"80\" fill=\"#3a6\"/></svg>\n";
