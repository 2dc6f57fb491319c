/* test-media-check.c — a PNG is checked without decoding its pixels, and
 * refuses what the decoder refused: each file here is also given to
 * gdk-pixbuf, which must agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "topiary-media.h"
#include "topiary-media-private.h"

typedef struct {
  guint32  width, height;
  guint8   depth, color, interlace;
  gboolean palette;      /* a PLTE chunk before the data */
  gboolean split;        /* the data in two IDAT chunks … */
  gboolean apart;        /* … with a tEXt chunk between them */
  int      drop_rows;    /* rows left out of the data */
  int      bad_filter;   /* > 0: the filter type of row bad_filter - 1 is 7 */
  gboolean garble;       /* the compressed data altered (CRC recomputed) */
  gboolean text_bad_crc; /* a tEXt chunk after the data whose CRC is wrong */
} Png;

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static void
chunk (GByteArray   *out,
       const char   *kind,
       const guint8 *data,
       gsize         len)
{
  guint32 crc = crc32 (0, (const Bytef *)kind, 4);

  crc = crc32 (crc, data, len);
  put32 (out, len);
  g_byte_array_append (out, (const guint8 *)kind, 4);
  g_byte_array_append (out, data, len);
  put32 (out, crc);
}

static guint
channels (guint8 color)
{
  return color == 2 ? 3 : color == 4 ? 2 : color == 6 ? 4 : 1;
}

/* The filtered rows of @p, pass by pass: filter type 0, varying bytes. */
static GByteArray *
raw_rows (const Png *p)
{
  static const guint8 x0[7] = { 0, 4, 0, 2, 0, 1, 0 }, y0[7] = { 0, 0, 4, 0, 2, 0, 1 };
  static const guint8 dx[7] = { 8, 8, 4, 4, 2, 2, 1 }, dy[7] = { 8, 8, 8, 4, 4, 2, 2 };
  GByteArray *raw = g_byte_array_new ();
  guint bits = channels (p->color) * p->depth;
  guint passes = p->interlace ? 7 : 1;
  int row_no = 0;

  for (guint pass = 0; pass < passes; pass++)
    {
      guint32 w = p->interlace ? (p->width > x0[pass] ? (p->width - x0[pass] + dx[pass] - 1) / dx[pass] : 0) : p->width;
      guint32 h = p->interlace ? (p->height > y0[pass] ? (p->height - y0[pass] + dy[pass] - 1) / dy[pass] : 0) : p->height;
      gsize row_len = ((gsize)w * bits + 7) / 8;

      if (w == 0)
        continue;
      for (guint32 y = 0; y < h; y++, row_no++)
        {
          guint8 filter = row_no + 1 == p->bad_filter ? 7 : 0;

          g_byte_array_append (raw, &filter, 1);
          for (gsize x = 0; x < row_len; x++)
            {
              /* Palette indices stay below the palette's 4 entries. */
              guint8 v = p->color == 3 ? (p->depth >= 2 ? 0x11 * ((x + y) % 3) & 0xff : 0x55) : (guint8)(x * 7 + y * 13);
              g_byte_array_append (raw, &v, 1);
            }
        }
    }
  if (p->drop_rows > 0)
    {
      gsize row_len = 1 + ((gsize)p->width * bits + 7) / 8;
      g_byte_array_set_size (raw, raw->len - p->drop_rows * row_len);
    }
  return raw;
}

static GBytes *
make_png (const Png *p)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) raw = raw_rows (p);
  uLongf zlen = compressBound (raw->len);
  g_autofree guint8 *z = g_malloc (zlen);
  guint8 ihdr[13];

  g_assert_cmpint (compress2 (z, &zlen, raw->data, raw->len, 6), ==, Z_OK);
  if (p->garble)
    for (uLongf i = zlen / 3; i < zlen / 3 + 8 && i < zlen - 4; i++)
      z[i] ^= 0x5a;

  g_byte_array_append (out, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
  ihdr[0] = p->width >> 24; ihdr[1] = p->width >> 16; ihdr[2] = p->width >> 8; ihdr[3] = p->width;
  ihdr[4] = p->height >> 24; ihdr[5] = p->height >> 16; ihdr[6] = p->height >> 8; ihdr[7] = p->height;
  ihdr[8] = p->depth;
  ihdr[9] = p->color;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = p->interlace;
  chunk (out, "IHDR", ihdr, 13);
  if (p->palette)
    {
      static const guint8 plte[12] = { 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255 };
      chunk (out, "PLTE", plte, sizeof plte);
    }
  if (p->split)
    {
      chunk (out, "IDAT", z, zlen / 2);
      if (p->apart)
        chunk (out, "tEXt", (const guint8 *)"Comment\0between", 15);
      chunk (out, "IDAT", z + zlen / 2, zlen - zlen / 2);
    }
  else
    chunk (out, "IDAT", z, zlen);
  if (p->text_bad_crc)
    {
      chunk (out, "tEXt", (const guint8 *)"Comment\0after", 13);
      out->data[out->len - 1] ^= 0x01;
    }
  chunk (out, "IEND", (const guint8 *)"", 0);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
pixbuf_decodes (GBytes *data)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  gboolean ok;

  ok = gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  return ok && gdk_pixbuf_loader_get_pixbuf (loader) != NULL;
}

/* topiary_media_check() accepts @p when @expected; gdk-pixbuf decodes it
 * when @decoder (the same, except where the check is stricter). */
static void
assert_png_decoder (const Png *p,
                    gboolean   expected,
                    gboolean   decoder)
{
  g_autoptr(GBytes) data = make_png (p);
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  guint w = 0, h = 0;
  g_autoptr(GBytes) checked = topiary_media_check ("figure.png", data, &mime, &w, &h, &error);

  g_test_message ("%u × %u, depth %u, colour type %u, interlace %u", p->width, p->height, p->depth, p->color, p->interlace);
  if (g_getenv ("DUMP")) g_file_set_contents (g_getenv ("DUMP"), g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL);
  g_assert_cmpint (pixbuf_decodes (data), ==, decoder);
  if (expected)
    {
      g_assert_no_error (error);
      g_assert_nonnull (checked);
      g_assert_cmpstr (mime, ==, "image/png");
      g_assert_cmpuint (w, ==, p->width);
      g_assert_cmpuint (h, ==, p->height);
    }
  else
    {
      g_assert_null (checked);
      g_assert_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "“figure.png”"));
    }
}

static void
assert_png (const Png *p,
            gboolean   expected)
{
  assert_png_decoder (p, expected, expected);
}

#define PNG(...) (&(Png) { __VA_ARGS__ })

static void
test_png_valid (void)
{
  /* The kinds of PNG there are: colour types, depths, interlacing, the
   * data in several chunks. */
  assert_png (PNG (.width = 37, .height = 23, .depth = 8, .color = 2), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 8, .color = 6), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 16, .color = 2), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 8, .color = 4), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 1, .color = 0), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 4, .color = 3, .palette = TRUE), TRUE);
  assert_png (PNG (.width = 37, .height = 23, .depth = 8, .color = 2, .interlace = 1), TRUE);
  assert_png (PNG (.width = 3, .height = 2, .depth = 2, .color = 0, .interlace = 1), TRUE);
  assert_png (PNG (.width = 1, .height = 1, .depth = 8, .color = 6, .interlace = 1), TRUE);
  assert_png (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .split = TRUE), TRUE);
}

static void
test_png_damaged (void)
{
  /* Every chunk's CRC is right in these: only reading the data finds
   * what is wrong, as the decoder did. */
  assert_png (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .garble = TRUE), FALSE);
  /* Rows missing from complete data: gdk-pixbuf showed the image with
   * those rows blank; the check calls it damaged, as it is. */
  assert_png_decoder (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .drop_rows = 3), FALSE, TRUE);
  assert_png_decoder (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .interlace = 1, .drop_rows = 1), FALSE, TRUE);
  assert_png (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .bad_filter = 150), FALSE);
  assert_png (PNG (.width = 40, .height = 30, .depth = 7, .color = 2), FALSE);
  assert_png (PNG (.width = 40, .height = 30, .depth = 8, .color = 5), FALSE);
  assert_png (PNG (.width = 40, .height = 30, .depth = 8, .color = 3), FALSE);   /* no palette */
  assert_png (PNG (.width = 300, .height = 200, .depth = 8, .color = 2, .split = TRUE, .apart = TRUE), FALSE);
  /* An ancillary chunk altered after the image: a decoder shows the
   * picture (gdk-pixbuf only warns), but the file is not what was
   * written, so it is refused as damaged. */
  assert_png_decoder (PNG (.width = 40, .height = 30, .depth = 8, .color = 2, .text_bad_crc = TRUE), FALSE, TRUE);
}

/* A file cut anywhere is refused, by the check and by the decoder. */
static void
test_png_cut (void)
{
  g_autoptr(GBytes) whole = make_png (PNG (.width = 64, .height = 48, .depth = 8, .color = 6, .split = TRUE));
  gsize n = g_bytes_get_size (whole);

  for (gsize keep = 8; keep < n; keep += 7)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, keep);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) checked = topiary_media_check ("cut.png", cut, NULL, NULL, NULL, &error);

      g_assert_null (checked);
      g_assert_nonnull (error);
    }
}

static void
test_sha256 (void)
{
  static const gsize sizes[] = { 0, 1, 55, 56, 63, 64, 65, 1000, 1 << 20 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *buf = g_malloc (sizes[i] + 1);
      g_autoptr(GBytes) data = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *glib = NULL;

      for (gsize j = 0; j < sizes[i]; j++)
        buf[j] = (guint8)(j * 31 + i);
      data = g_bytes_new (buf, sizes[i]);
      ours = _topiary_media_sha256 (data);
      glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, buf, sizes[i]);
      g_assert_cmpstr (ours, ==, glib);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/media/check/png-valid", test_png_valid);
  g_test_add_func ("/core/media/check/png-damaged", test_png_damaged);
  g_test_add_func ("/core/media/check/png-cut", test_png_cut);
  g_test_add_func ("/core/media/check/sha256", test_sha256);
  return g_test_run ();
}
