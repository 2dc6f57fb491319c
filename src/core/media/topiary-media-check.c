/* topiary-media-check.c — what a file is, by its content: type, pixel
 * size, damage, and the SVG sanitiser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <png.h>
#include <glib/gi18n-lib.h>

#include "topiary-media.h"

G_DEFINE_QUARK (topiary-media-error-quark, topiary_media_error)

typedef struct {
  const char *mime;
  const char *label;        /* for messages */
  const char *extensions;   /* ";"-separated, the first is the one we give */
} MediaType;

static const MediaType types[] = {
  { "image/png",       "PNG",  "png" },
  { "image/jpeg",      "JPEG", "jpg;jpeg;jpe" },
  { "image/gif",       "GIF",  "gif" },
  { "image/webp",      "WebP", "webp" },
  { "image/svg+xml",   "SVG",  "svg" },
  { "application/pdf", "PDF",  "pdf" },
};

static const MediaType *
type_for_mime (const char *mime)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].mime, mime) == 0)
      return &types[i];
  return NULL;
}

/* The type whose extensions include @ext (any case), or NULL. */
static const MediaType *
type_for_extension (const char *ext)
{
  g_autofree char *lower = g_ascii_strdown (ext, -1);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_auto(GStrv) exts = g_strsplit (types[i].extensions, ";", -1);
      if (g_strv_contains ((const char * const *)exts, lower))
        return &types[i];
    }
  return NULL;
}

const char *
topiary_media_extension (const char *mime)
{
  static const char * const first[] = { "png", "jpg", "gif", "webp", "svg", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].mime, mime) == 0)
      return first[i];
  return NULL;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return ((guint32)p[3] << 24) | ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | p[0];
}

/* ---- raster headers: the pixel size before anything is decoded ---- */

static gboolean
png_size (const guint8 *d, gsize n, guint *w, guint *h)
{
  if (n < 24 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  *w = be32 (d + 16);
  *h = be32 (d + 20);
  return TRUE;
}

static gboolean
gif_size (const guint8 *d, gsize n, guint *w, guint *h)
{
  if (n < 10)
    return FALSE;
  *w = d[6] | (d[7] << 8);
  *h = d[8] | (d[9] << 8);
  return TRUE;
}

/* The first start-of-frame marker's size. */
static gboolean
jpeg_size (const guint8 *d, gsize n, guint *w, guint *h)
{
  gsize i = 2;

  while (i + 4 <= n)
    {
      guint8 marker;
      gsize len;

      if (d[i] != 0xff)
        return FALSE;
      marker = d[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          i += 2;
          continue;
        }
      len = (d[i + 2] << 8) | d[i + 3];
      if (len < 2)
        return FALSE;
      /* SOF0 … SOF15, except DHT (c4), JPG (c8) and DAC (cc). */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (i + 9 > n)
            return FALSE;
          *h = (d[i + 5] << 8) | d[i + 6];
          *w = (d[i + 7] << 8) | d[i + 8];
          return TRUE;
        }
      i += 2 + len;
    }
  return FALSE;
}

/* RIFF….WEBP with a VP8, VP8L or VP8X chunk first. gdk-pixbuf cannot
 * read WebP without a loader Debian does not install by default, so the
 * container is checked: its size must be the file's. */
static gboolean
webp_size (const guint8 *d, gsize n, guint *w, guint *h)
{
  if (n < 30 || le32 (d + 4) + 8 != n || (le32 (d + 4) & 1) != 0)
    return FALSE;
  if (le32 (d + 16) + 20 > n)
    return FALSE;
  if (memcmp (d + 12, "VP8 ", 4) == 0)
    {
      /* A key frame: start code 9d 01 2a, then 14-bit sizes. */
      if (d[23] != 0x9d || d[24] != 0x01 || d[25] != 0x2a)
        return FALSE;
      *w = (d[26] | (d[27] << 8)) & 0x3fff;
      *h = (d[28] | (d[29] << 8)) & 0x3fff;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8L", 4) == 0)
    {
      guint32 bits;

      if (d[20] != 0x2f)
        return FALSE;
      bits = le32 (d + 21);
      *w = (bits & 0x3fff) + 1;
      *h = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8X", 4) == 0)
    {
      *w = (d[24] | (d[25] << 8) | (d[26] << 16)) + 1;
      *h = (d[27] | (d[28] << 8) | (d[29] << 16)) + 1;
      return TRUE;
    }
  return FALSE;
}

/* ---- structure: a cut-short or altered file is found even where the
 * decoder would forgive it ---- */

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         pos;
} PngSource;

static void
png_read_memory (png_structp  png,
                 png_bytep    out,
                 size_t       len)
{
  PngSource *src = png_get_io_ptr (png);

  if (len > src->size - src->pos)
    png_error (png, "cut short");
  memcpy (out, src->data + src->pos, len);
  src->pos += len;
}

static void
png_quiet (png_structp      png,
           png_const_charp  message)
{
}

static void
png_fail (png_structp      png,
          png_const_charp  message)
{
  png_longjmp (png, 1);
}

/* A PNG decoded row by row with libpng, keeping one row at a time: every
 * chunk's CRC (ancillary ones too, which libpng would otherwise forgive),
 * the chunk order, the compressed data (zlib's structure and Adler-32),
 * each row's filter, enough data for every row of every pass, and IEND.
 * Only one row is ever in memory, so a large image costs no more than its
 * decompression. Warnings (extra data after the last row, unknown
 * ancillary chunks) are a decoder's too and do not refuse the file. */
static gboolean
png_valid (const guint8 *d,
           gsize         n)
{
  PngSource src = { d, n, 0 };
  png_structp png;
  png_infop info;
  volatile gboolean ok = FALSE;
  guint8 *volatile row = NULL;

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
  if (png == NULL)
    return FALSE;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)) == 0)
    {
      int passes;
      png_uint_32 height;

      png_set_read_fn (png, &src, png_read_memory);
      png_set_crc_action (png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
      /* The pixel limits are ours (TOPIARY_MEDIA_MAX_*), checked before. */
      png_set_user_limits (png, TOPIARY_MEDIA_MAX_SIDE, TOPIARY_MEDIA_MAX_SIDE);
      png_read_info (png, info);
      passes = png_set_interlace_handling (png);
      png_read_update_info (png, info);
      height = png_get_image_height (png, info);
      row = g_malloc (png_get_rowbytes (png, info));
      for (int pass = 0; pass < passes; pass++)
        for (png_uint_32 y = 0; y < height; y++)
          png_read_row (png, row, NULL);
      png_read_end (png, NULL);
      ok = TRUE;
    }
  g_free (row);
  png_destroy_read_struct (&png, &info, NULL);
  return ok;
}

/* The end-of-image marker after the first scan. Entropy-coded data
 * escapes 0xff as ff 00, so ff d9 there is the real end. */
static gboolean
jpeg_intact (const guint8 *d,
             gsize         n)
{
  gsize i = 2;

  while (i + 4 <= n)
    {
      guint8 marker = d[i + 1];

      if (d[i] != 0xff)
        return FALSE;
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          i += 2;
          continue;
        }
      if (marker == 0xda)
        {
          for (gsize j = i + 2; j + 1 < n; j++)
            if (d[j] == 0xff && d[j + 1] == 0xd9)
              return TRUE;
          return FALSE;
        }
      i += 2 + ((d[i + 2] << 8) | d[i + 3]);
    }
  return FALSE;
}

/* The trailer byte, perhaps followed by padding. */
static gboolean
gif_intact (const guint8 *d,
            gsize         n)
{
  while (n > 13 && d[n - 1] == 0)
    n--;
  return n > 13 && d[n - 1] == 0x3b;
}

static gboolean
has_loader (const char *name)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean found = FALSE;

  for (GSList *l = formats; l != NULL && !found; l = l->next)
    {
      g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);
      found = g_strcmp0 (format_name, name) == 0;
    }
  g_slist_free (formats);
  return found;
}

/* Decodes the whole image (scaled down, to spend little memory) so that a
 * truncated or damaged one is found now rather than on the published page. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int side = MAX (width, height);

  if (side > 64)
    gdk_pixbuf_loader_set_size (loader, MAX (1, width * 64 / side), MAX (1, height * 64 / side));
}

static gboolean
decodes (const char   *loader_type,
         const guint8 *data,
         gsize         len)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (loader_type, NULL);
  gboolean ok;

  if (loader == NULL)
    return FALSE;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), NULL);
  ok = gdk_pixbuf_loader_write (loader, data, len, NULL);
  /* Closed in any case: a loader finalised open complains. */
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  return ok && gdk_pixbuf_loader_get_pixbuf (loader) != NULL;
}

/* ---- SVG: parsed as XML and written out again without what could run
 * or reach outside the image ---- */

typedef struct {
  GString *out;
  guint    skip;        /* depth inside a dropped element */
  guint    depth;
  gboolean in_style;
  gboolean root_seen;
  double   width, height;
} Svg;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon ? colon + 1 : name;
}

/* @value without whitespace and control characters, in lowercase: what a
 * browser would make of "java\tscript:" or " JavaScript:". */
static char *
squeeze (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar)*p > ' ')
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/* A reference that stays inside the image: "#id", or a raster image
 * embedded as data. */
static gboolean
is_inner_reference (const char *value)
{
  g_autofree char *v = squeeze (value);

  return v[0] == '#' ||
         g_str_has_prefix (v, "data:image/png;") ||
         g_str_has_prefix (v, "data:image/jpeg;") ||
         g_str_has_prefix (v, "data:image/gif;") ||
         g_str_has_prefix (v, "data:image/webp;");
}

/* CSS that loads nothing from outside: every url() points into the
 * image, and no @import. */
static gboolean
is_safe_css (const char *css)
{
  g_autofree char *v = squeeze (css);
  const char *p = v;

  if (strstr (v, "@import") != NULL || strstr (v, "javascript:") != NULL ||
      strstr (v, "expression(") != NULL || strchr (v, '\\') != NULL)
    return FALSE;
  while ((p = strstr (p, "url(")) != NULL)
    {
      p += 4;
      if (*p == '"' || *p == '\'')
        p++;
      if (*p != '#')
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_dropped_element (const char   *name,
                    const char  **attribute_names,
                    const char  **attribute_values)
{
  static const char * const dropped[] = {
    "script", "foreignobject", "iframe", "object", "embed", "handler",
    "listener", "audio", "video", "canvas",
  };
  const char *local = local_name (name);
  g_autofree char *lower = g_ascii_strdown (local, -1);

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    if (strcmp (lower, dropped[i]) == 0)
      return TRUE;
  /* <set>/<animate> can turn a harmless link into javascript: later. */
  if (strcmp (lower, "set") == 0 || g_str_has_prefix (lower, "animate"))
    for (guint i = 0; attribute_names[i] != NULL; i++)
      if (g_ascii_strcasecmp (attribute_names[i], "attributeName") == 0)
        {
          g_autofree char *target = squeeze (attribute_values[i]);
          if (strcmp (local_name (target), "href") == 0 || g_str_has_prefix (target, "on"))
            return TRUE;
        }
  return FALSE;
}

static gboolean
keep_attribute (const char *name,
                const char *value)
{
  const char *local = local_name (name);
  g_autofree char *v = squeeze (value);

  if (g_ascii_strncasecmp (local, "on", 2) == 0)
    return FALSE;
  if (strstr (v, "javascript:") != NULL || strstr (v, "vbscript:") != NULL ||
      g_str_has_prefix (v, "data:text") || g_str_has_prefix (v, "data:application"))
    return FALSE;
  if (g_ascii_strcasecmp (local, "href") == 0 || g_ascii_strcasecmp (local, "src") == 0)
    return is_inner_reference (value);
  if (g_ascii_strcasecmp (name, "xml:base") == 0)
    return FALSE;
  if (g_ascii_strcasecmp (local, "style") == 0)
    return is_safe_css (value);
  /* Presentation attributes that take a url(): fill, clip-path, filter … */
  if (strstr (v, "url(") != NULL)
    return is_safe_css (value);
  return TRUE;
}

/* A length in user units ("120", "120px", "120.5"); 0 for anything else
 * (percentages, em), whose size depends on where the image is shown. */
static double
svg_length (const char *value)
{
  char *end = NULL;
  double d = g_ascii_strtod (value, &end);

  if (end == value || d <= 0 || d > TOPIARY_MEDIA_MAX_SIDE)
    return 0;
  while (*end == ' ')
    end++;
  if (*end != '\0' && strcmp (end, "px") != 0)
    return 0;
  return d;
}

static void
svg_root_size (Svg         *svg,
               const char **names,
               const char **values)
{
  double vw = 0, vh = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "width") == 0)
        svg->width = svg_length (values[i]);
      else if (strcmp (names[i], "height") == 0)
        svg->height = svg_length (values[i]);
      else if (strcmp (names[i], "viewBox") == 0)
        {
          g_auto(GStrv) parts = g_strsplit_set (values[i], " ,\t\n\r", -1);
          double nums[4];
          guint n = 0;

          for (guint j = 0; parts[j] != NULL && n < 4; j++)
            if (parts[j][0] != '\0')
              nums[n++] = g_ascii_strtod (parts[j], NULL);
          if (n == 4 && nums[2] > 0 && nums[3] > 0 &&
              nums[2] <= TOPIARY_MEDIA_MAX_SIDE && nums[3] <= TOPIARY_MEDIA_MAX_SIDE)
            {
              vw = nums[2];
              vh = nums[3];
            }
        }
    }
  if (svg->width == 0 || svg->height == 0)
    {
      svg->width = vw;
      svg->height = vh;
    }
}

static void
svg_start (GMarkupParseContext  *context,
           const char           *name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  Svg *svg = user_data;

  if (svg->depth == 0)
    {
      if (svg->root_seen || strcmp (local_name (name), "svg") != 0)
        {
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not svg");
          return;
        }
      svg->root_seen = TRUE;
      svg_root_size (svg, attribute_names, attribute_values);
    }
  svg->depth++;
  if (svg->skip > 0 || is_dropped_element (name, attribute_names, attribute_values))
    {
      svg->skip++;
      return;
    }
  g_string_append_c (svg->out, '<');
  g_string_append (svg->out, name);
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (!keep_attribute (attribute_names[i], attribute_values[i]))
        continue;
      escaped = g_markup_escape_text (attribute_values[i], -1);
      g_string_append_printf (svg->out, " %s=\"%s\"", attribute_names[i], escaped);
    }
  g_string_append_c (svg->out, '>');
  svg->in_style = g_ascii_strcasecmp (local_name (name), "style") == 0;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *name,
         gpointer              user_data,
         GError              **error)
{
  Svg *svg = user_data;

  svg->depth--;
  svg->in_style = FALSE;
  if (svg->skip > 0)
    {
      svg->skip--;
      return;
    }
  g_string_append_printf (svg->out, "</%s>", name);
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  Svg *svg = user_data;
  g_autofree char *copy = NULL;
  g_autofree char *escaped = NULL;

  if (svg->skip > 0 || svg->depth == 0)
    return;
  copy = g_strndup (text, len);
  if (svg->in_style && !is_safe_css (copy))
    return;
  escaped = g_markup_escape_text (copy, -1);
  g_string_append (svg->out, escaped);
}

/* Comments, processing instructions and the DOCTYPE are not copied. */
static const GMarkupParser svg_parser = { svg_start, svg_end, svg_text, NULL, NULL };

static GBytes *
sanitise_svg (const char  *data,
              gsize        len,
              guint       *width,
              guint       *height)
{
  Svg svg = { g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), 0, 0, FALSE, FALSE, 0, 0 };
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&svg_parser, 0, &svg, NULL);
  gsize skip = 0;

  /* A UTF-8 byte order mark. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    skip = 3;
  if (!g_utf8_validate_len (data + skip, len - skip, NULL) ||
      !g_markup_parse_context_parse (ctx, data + skip, len - skip, NULL) ||
      !g_markup_parse_context_end_parse (ctx, NULL) ||
      !svg.root_seen)
    {
      g_string_free (svg.out, TRUE);
      return NULL;
    }
  g_string_append_c (svg.out, '\n');
  *width = (guint)(svg.width + 0.5);
  *height = (guint)(svg.height + 0.5);
  return g_string_free_to_bytes (svg.out);
}

/* Does @data look like it means to be an SVG (an XML document whose
 * first element is svg)? Only then is a parse failure "damaged". */
static gboolean
looks_like_svg (const char *data,
                gsize       len)
{
  gsize n = MIN (len, 4096);
  g_autofree char *head = g_strndup (data, n);
  const char *p = head;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  if (*p != '<')
    return FALSE;
  return strstr (p, "<svg") != NULL || strstr (p, ":svg") != NULL;
}

/* ---- the check ---- */

GBytes *
topiary_media_check (const char  *name,
                     GBytes      *data,
                     char       **mime,
                     guint       *width,
                     guint       *height,
                     GError     **error)
{
  g_autofree char *base = NULL;
  const guint8 *d;
  const MediaType *type = NULL, *named = NULL;
  const char *dot;
  gsize n;
  guint w = 0, h = 0;
  GBytes *result = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "file");
  d = g_bytes_get_data (data, &n);
  if (n > TOPIARY_MEDIA_MAX_SIZE)
    {
      g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB, the most a file in a project may be."),
                   base, TOPIARY_MEDIA_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    type = type_for_mime ("image/png");
  else if (n >= 3 && memcmp (d, "\xff\xd8\xff", 3) == 0)
    type = type_for_mime ("image/jpeg");
  else if (n >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    type = type_for_mime ("image/gif");
  else if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    type = type_for_mime ("image/webp");
  else if (n >= 5 && memcmp (d, "%PDF-", 5) == 0)
    type = type_for_mime ("application/pdf");
  else if (looks_like_svg ((const char *)d, n))
    type = type_for_mime ("image/svg+xml");

  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      named = type_for_extension (dot + 1);
      if (named == NULL)
        {
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TYPE,
                       _("“%s” is not a PNG, JPEG, GIF, WebP or SVG image or a PDF file."), base);
          return NULL;
        }
    }
  if (type == NULL)
    {
      if (named != NULL)
        g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_MISNAMED,
                     _("“%s” is not a %s file: its content is of another kind."), base, named->label);
      else
        g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TYPE,
                     _("“%s” is not a PNG, JPEG, GIF, WebP or SVG image or a PDF file."), base);
      return NULL;
    }
  if (named != NULL && named != type)
    {
      g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_MISNAMED,
                   _("“%s” is named as a %s file but is a %s file."), base, named->label, type->label);
      return NULL;
    }

  if (strcmp (type->mime, "image/svg+xml") == 0)
    {
      result = sanitise_svg ((const char *)d, n, &w, &h);
      if (result == NULL)
        {
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_DAMAGED,
                       _("“%s” is damaged: it is not a well-formed SVG image."), base);
          return NULL;
        }
    }
  else if (strcmp (type->mime, "application/pdf") == 0)
    {
      /* A PDF ends with %%EOF (perhaps followed by a line end or a few
       * bytes of padding): without it the file was cut short. */
      gsize tail = MIN (n, 1024);
      if (g_strstr_len ((const char *)d + n - tail, tail, "%%EOF") == NULL)
        {
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_DAMAGED,
                       _("“%s” is damaged: the PDF file is incomplete."), base);
          return NULL;
        }
      result = g_bytes_ref (data);
    }
  else
    {
      gboolean sized = FALSE;
      const char *loader = NULL;

      /* A PNG is checked by png_valid(), not decoded. */
      if (strcmp (type->mime, "image/png") == 0)
        sized = png_size (d, n, &w, &h);
      else if (strcmp (type->mime, "image/jpeg") == 0)
        sized = jpeg_size (d, n, &w, &h), loader = "jpeg";
      else if (strcmp (type->mime, "image/gif") == 0)
        sized = gif_size (d, n, &w, &h), loader = "gif";
      else
        sized = webp_size (d, n, &w, &h);

      if (sized && (w > TOPIARY_MEDIA_MAX_SIDE || h > TOPIARY_MEDIA_MAX_SIDE ||
                    (guint64)w * h > TOPIARY_MEDIA_MAX_PIXELS))
        {
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_TOO_LARGE,
                       _("“%s” is too large: %u × %u pixels is more than an image in a project may have."),
                       base, w, h);
          return NULL;
        }
      if (strcmp (type->mime, "image/webp") == 0 && has_loader ("webp"))
        loader = "webp";  /* where a WebP loader is installed, it decodes too */
      if (!sized || w == 0 || h == 0 ||
          (strcmp (type->mime, "image/png") == 0 && !png_valid (d, n)) ||
          (strcmp (type->mime, "image/jpeg") == 0 && !jpeg_intact (d, n)) ||
          (strcmp (type->mime, "image/gif") == 0 && !gif_intact (d, n)) ||
          (loader != NULL && !decodes (loader, d, n)))
        {
          g_set_error (error, TOPIARY_MEDIA_ERROR, TOPIARY_MEDIA_ERROR_DAMAGED,
                       _("“%s” is damaged and cannot be read as a %s image."), base, type->label);
          return NULL;
        }
      result = g_bytes_ref (data);
    }

  if (mime != NULL)
    *mime = g_strdup (type->mime);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return result;
}
