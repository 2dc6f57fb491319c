/* topiary-check-media-private.h — the images and files part of the audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-project.h"

G_BEGIN_DECLS

/* Appends TopiaryCheckFinding items to @findings: images without alt
 * text, links to files the article does not hold, images over
 * TOPIARY_CHECK_LARGE_IMAGE_SIZE an article shows, unused files. */
gboolean _topiary_check_media (TopiaryProject  *project,
                               GPtrArray       *findings,
                               GError         **error);

G_END_DECLS
