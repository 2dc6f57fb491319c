/* topiary-editor-images.h — images into the article: Insert Image, drops
 * and pastes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-editor.h"

G_BEGIN_DECLS

/* TRUE when the editor has an article it may change and every one of
 * @files (GFile) is named as a file a project takes ("*.png" … "*.pdf"). */
gboolean    topiary_editor_takes_files   (TopiaryEditor *self,
                                          GSList        *files);
/* Adds @files (GFile) to the project and links them into the article, at
 * the point (@x, @y) of @widget, or at the cursor when @widget is NULL.
 * Each file is read, checked and given a thumbnail in a worker thread;
 * then the user is asked for an image's alt text. A file that is refused
 * says why in one sentence ("action-failed") and adds nothing. */
void        topiary_editor_insert_files  (TopiaryEditor *self,
                                          GSList        *files,
                                          GtkWidget     *widget,
                                          double         x,
                                          double         y);
/* The same for an image from the clipboard, stored as a PNG called
 * @name ("screenshot-2026-12-06-0312.png"). */
void        topiary_editor_insert_texture (TopiaryEditor *self,
                                           GdkTexture    *texture,
                                           const char    *name);
/* A thumbnail of the image @data at most @size pixels on a side; NULL
 * for a file that is not a raster image or cannot be read. Thread-safe. */
GdkTexture *topiary_image_thumbnail      (GBytes        *data,
                                          int            size);
/* "Screen_Shot-2024.png" → "Screen Shot 2024": a starting point for
 * alt text. */
char       *topiary_image_readable_name  (const char    *name);

/* For topiary-editor.c: the article.insert-image action, and the paste
 * handler and context menu item on @view. */
void        _topiary_editor_insert_image (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data);
void        _topiary_editor_images_setup (TopiaryEditor *self,
                                          GtkSourceView *view);

G_END_DECLS
