/* topiary-media-refs.h — the images and files an article's Markdown
 * points at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gsize     start;  /* the URL's bytes in the text */
  gsize     len;
  char     *url;    /* as written */
  char     *alt;    /* an image's alt text as written; NULL for a link or an <img> without alt */
  gboolean  image;  /* ![…](…) or <img src> */
  guint     line;   /* 1-based */
} TopiaryMediaRef;

/* Link and image destinations (`[…](url)`, `![…](url "title")`, and the
 * src of an <img> tag) outside fenced code blocks, in order. Element type
 * TopiaryMediaRef, cleared by the array. */
GArray   *topiary_media_scan_refs         (const char *text);

/* The local path @url names, percent-decoded, without query or fragment;
 * NULL for URLs elsewhere (http:, mailto:, data:, //host, #anchor). */
char     *topiary_media_ref_local_path    (const char *url);

/* TRUE when @path ends in an extension of a type Topiary stores. */
gboolean  topiary_media_has_extension     (const char *path);

/* @html (as the Markdown renderer writes it) with @prefix put before the
 * src of every <img> that names a local relative path ("images/a.png",
 * "./images/a.png"); NULL when there is none. The preview serves the
 * project's files through such a prefix. */
char     *topiary_media_prefix_image_sources (const char *html,
                                              const char *prefix);
/* The same, and when @versions (image name as the article's files name
 * it, in lower case → a version, such as the start of its hash) knows the
 * image, "?v=<version>" after its src: a file replaced under the same name
 * gets a new URL, which no cache of the web view holds. */
char     *topiary_media_prefix_image_sources_versioned (const char *html,
                                                        const char *prefix,
                                                        GHashTable *versions);

G_END_DECLS
