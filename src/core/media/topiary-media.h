/* topiary-media.h — images and other files stored in the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file's bytes are stored once per content (SHA-256), however many
 * articles use them. An article refers to a file by a readable name that
 * is unique within the article ("images/shot.png", "images/shot-2.png",
 * "files/report.pdf"), and its Markdown links to it by that name
 * (`![Alt](images/shot.png)`), which survives export and Hugo round trips.
 *
 * Only PNG, JPEG, GIF, WebP, SVG and PDF are taken, recognised by their
 * content, never by their name; a file whose name says otherwise, a
 * damaged image or a file over TOPIARY_MEDIA_MAX_SIZE is refused. An SVG
 * is sanitised before it is stored (scripts, event attributes,
 * foreignObject and references outside the image are dropped), so every
 * copy of it, in the preview, the site or Hugo, is inert.
 */
#pragma once

#include <gio/gio.h>

#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_MEDIA_ERROR (topiary_media_error_quark ())
GQuark topiary_media_error_quark (void);

typedef enum {
  TOPIARY_MEDIA_ERROR_TYPE,      /* not a file type Topiary takes */
  TOPIARY_MEDIA_ERROR_MISNAMED,  /* the name says another type */
  TOPIARY_MEDIA_ERROR_DAMAGED,   /* cannot be read as what it is */
  TOPIARY_MEDIA_ERROR_TOO_LARGE, /* over TOPIARY_MEDIA_MAX_SIZE or too many pixels */
  TOPIARY_MEDIA_ERROR_READ,      /* the file on disk could not be read */
} TopiaryMediaError;

#define TOPIARY_MEDIA_MAX_SIZE (25 * 1024 * 1024)
/* An image larger than this on either side is refused before decoding. */
#define TOPIARY_MEDIA_MAX_SIDE 30000
#define TOPIARY_MEDIA_MAX_PIXELS (200 * 1000 * 1000)

typedef struct {
  gint64   id;          /* the reference */
  gint64   article_id;  /* 0 while its article is deleted */
  char    *name;        /* "images/shot.png", unique within the article */
  char    *mime;        /* "image/png" … "application/pdf" */
  char    *sha256;      /* 64 lowercase hex digits */
  guint64  size;        /* bytes */
  guint    width;       /* pixels; 0 when not known (a PDF) */
  guint    height;
  gboolean cover;       /* the article's cover image */
} TopiaryFileInfo;

void             topiary_file_info_free       (TopiaryFileInfo *info);
TopiaryFileInfo *topiary_file_info_copy       (const TopiaryFileInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryFileInfo, topiary_file_info_free)

/* TRUE for image/… types. */
gboolean         topiary_file_info_is_image   (const TopiaryFileInfo *info);

/* Checks @data, a file called @name (its basename names it in messages
 * and its extension must agree with the content; no extension is fine).
 * Returns the bytes to store (a sanitised copy for an SVG) and sets the
 * type and pixel size, or NULL with @error set. */
GBytes          *topiary_media_check          (const char   *name,
                                               GBytes       *data,
                                               char        **mime,
                                               guint        *width,
                                               guint        *height,
                                               GError      **error);
/* "png", "jpg", "gif", "webp", "svg", "pdf" for a type Topiary takes. */
const char      *topiary_media_extension      (const char   *mime);

/* Stores @data (called @name, see topiary_media_check()) for the article:
 * in one transaction, so nothing is half-added. The article already
 * referring to the same bytes gets that reference back; otherwise the
 * name is made from @name and unique within the article. */
TopiaryFileInfo *topiary_project_add_file     (TopiaryProject  *self,
                                               gint64           article_id,
                                               const char      *name,
                                               GBytes          *data,
                                               GError         **error);
/* The same for a regular file on disk (read once, at most
 * TOPIARY_MEDIA_MAX_SIZE bytes). */
TopiaryFileInfo *topiary_project_add_file_from_path (TopiaryProject  *self,
                                                     gint64           article_id,
                                                     const char      *path,
                                                     GError         **error);

/* The article's files by name; @article_id 0: every file in the project,
 * deleted articles' included. Element type TopiaryFileInfo. A project in
 * format 1 (before files) has none. */
GPtrArray       *topiary_project_list_files   (TopiaryProject  *self,
                                               gint64           article_id,
                                               GError         **error);
/* The article's file called @name ("images/a.png", "./images/a.png";
 * case does not matter): NULL without @error when it has none. */
TopiaryFileInfo *topiary_project_find_file    (TopiaryProject  *self,
                                               gint64           article_id,
                                               const char      *name,
                                               GError         **error);
/* The bytes of the file with @sha256. */
GBytes          *topiary_project_get_file_data (TopiaryProject *self,
                                                const char     *sha256,
                                                GError        **error);
/* Removes the reference; the bytes go when nothing else uses them. */
gboolean         topiary_project_remove_file  (TopiaryProject  *self,
                                               gint64           file_id,
                                               GError         **error);
/* Makes the article's image @file_id its cover; 0 removes the cover. */
gboolean         topiary_project_set_cover    (TopiaryProject  *self,
                                               gint64           article_id,
                                               gint64           file_id,
                                               GError         **error);
/* NULL without @error when the article has no cover. */
TopiaryFileInfo *topiary_project_get_cover    (TopiaryProject  *self,
                                               gint64           article_id,
                                               GError         **error);

/* Files nothing uses: those of deleted articles (kept until now so that
 * an undo brings them back) and those an article holds but neither its
 * text names nor its cover is. Element type TopiaryFileInfo. */
GPtrArray       *topiary_project_list_unused_files   (TopiaryProject  *self,
                                                      GError         **error);
/* Removes them, in one transaction; @n_removed may be NULL. */
gboolean         topiary_project_remove_unused_files (TopiaryProject  *self,
                                                      guint           *n_removed,
                                                      GError         **error);

/* Writes the files of the project's articles into @dir (made when
 * missing) as SLUG/NAME ("flask-basics/images/shot.png"). Nothing is
 * written outside @dir: every part is checked and opened without
 * following links. When a file exists already nothing at all is written,
 * unless @force replaces it. @n_written may be NULL. */
gboolean         topiary_project_extract_files (TopiaryProject  *self,
                                                const char      *dir,
                                                gboolean         force,
                                                guint           *n_written,
                                                GError         **error);

G_END_DECLS
