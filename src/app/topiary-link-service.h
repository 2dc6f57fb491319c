/* topiary-link-service.h — the map's links for the app: one TopiaryLinker
 * per open project, built on a worker thread, asked on a worker thread
 *
 * The linker (topiary-links.h) reads every body of the map: on a
 * 10,000-article map that takes a while, so it is built on a thread with
 * its own read-only connection to the project file (when the first report
 * is asked for), and swapped in when ready ("ready" is emitted then). A report (outgoing links, backlinks,
 * suggestions, the brief's checklist) is computed on a thread too; the
 * linker is used under one lock, so a save (topiary_link_service_set_body())
 * and a report never meet. What needs the result at once (an insert, the
 * skeleton) asks on the main thread under the same lock: a few ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "topiary-brief.h"
#include "topiary-links.h"
#include "topiary-project.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_LINK_SERVICE (topiary_link_service_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryLinkService, topiary_link_service, TOPIARY, LINK_SERVICE, GObject)

/* What the panel and the checklist show for one article and one text. */
typedef struct {
  gint64      article_id;
  char       *body;          /* the text it was computed for */
  TopiaryMap *map;           /* the linker's map, for titles */
  GPtrArray  *outgoing;      /* TopiaryOutlink * */
  GPtrArray  *backlinks;     /* TopiaryBacklink * */
  GPtrArray  *suggestions;   /* TopiarySuggestion * */
  GArray     *checklist;     /* TopiaryChecklistItem, NULL without a brief */
  guint       score;
} TopiaryLinksReport;

void topiary_links_report_free (TopiaryLinksReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryLinksReport, topiary_links_report_free)

/* The linker of @project's map is built when a report is first asked
 * for ("ready" is emitted when it is). */
TopiaryLinkService *topiary_link_service_new      (TopiaryProject     *project);
TopiaryProject     *topiary_link_service_get_project (TopiaryLinkService *self);
/* TRUE once a linker is in place. */
gboolean            topiary_link_service_is_ready (TopiaryLinkService *self);
/* Starts reading the map's links, unless asked before. */
void                topiary_link_service_prepare  (TopiaryLinkService *self);
/* TRUE while the map's links are being read (again). */
gboolean            topiary_link_service_is_building (TopiaryLinkService *self);
/* The map changed (an article added, renamed, moved): built again. */
void                topiary_link_service_invalidate (TopiaryLinkService *self);
/* @article_id was saved with @body: backlinks and anchor counts follow. */
void                topiary_link_service_set_body (TopiaryLinkService *self,
                                                   gint64              article_id,
                                                   const char         *body);

/* Computes the report of @article_id written as @body on a thread; its
 * checklist reads @title (as typed, not yet saved) for the article's
 * title, or the map's when @title is NULL. Fails with
 * G_IO_ERROR_NOT_INITIALIZED while no linker is ready. */
void                topiary_link_service_report_async  (TopiaryLinkService  *self,
                                                        gint64               article_id,
                                                        const char          *title,
                                                        const char          *body,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
TopiaryLinksReport *topiary_link_service_report_finish (TopiaryLinkService  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* The edit that carries out the suggestion of @kind to @target_id (with
 * @anchor, NULL for any) in @body as it is now: bytes [*start, *end)
 * become the returned text. NULL when @body no longer has it. */
char               *topiary_link_service_edit     (TopiaryLinkService   *self,
                                                   gint64                article_id,
                                                   TopiarySuggestionKind kind,
                                                   gint64                target_id,
                                                   const char           *anchor,
                                                   const char           *body,
                                                   gsize                 cursor,
                                                   gsize                *start,
                                                   gsize                *end);
/* "Start from the brief": the skeleton of @article_id, NULL when the
 * linker is not ready or the map has no such article. */
char               *topiary_link_service_skeleton (TopiaryLinkService   *self,
                                                   gint64                article_id);

G_END_DECLS
