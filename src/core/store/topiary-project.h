/* topiary-project.h — the *.topiary SQLite project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "topiary-article.h"
#include "topiary-group.h"
#include "topiary-note.h"
#include "topiary-types.h"

G_BEGIN_DECLS

#define TOPIARY_PROJECT_ERROR (topiary_project_error_quark ())
GQuark topiary_project_error_quark (void);

typedef enum {
  TOPIARY_PROJECT_ERROR_NOT_FOUND,     /* no such file */
  TOPIARY_PROJECT_ERROR_NOT_SQLITE,    /* not a database at all */
  TOPIARY_PROJECT_ERROR_FOREIGN,       /* a SQLite file of another application */
  TOPIARY_PROJECT_ERROR_CORRUPT,       /* truncated or damaged */
  TOPIARY_PROJECT_ERROR_NEWER,         /* written by a newer Topiary */
  TOPIARY_PROJECT_ERROR_READ_ONLY,     /* a write to a read-only project */
  TOPIARY_PROJECT_ERROR_INVALID,       /* bad argument: empty title, unknown id … */
  TOPIARY_PROJECT_ERROR_BUSY,          /* another writer holds the file */
  TOPIARY_PROJECT_ERROR_FAILED,        /* anything else SQLite reports */
} TopiaryProjectError;

/* PRAGMA application_id: "Tpry" */
#define TOPIARY_APPLICATION_ID 0x54707279
#define TOPIARY_SCHEMA_VERSION 5

#define TOPIARY_TYPE_PROJECT (topiary_project_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryProject, topiary_project, TOPIARY, PROJECT, GObject)

typedef enum {
  TOPIARY_OPEN_DEFAULT   = 0,
  TOPIARY_OPEN_CREATE    = 1 << 0, /* create the file when missing */
  TOPIARY_OPEN_READ_ONLY = 1 << 1,
  /* For a new file no one else sees yet (an import into a temporary file):
   * journal in memory, no syncs. topiary_project_finish_bulk() makes it a
   * normal WAL project on disk. */
  TOPIARY_OPEN_BULK      = 1 << 2,
} TopiaryOpenFlags;

/* Opens (or with TOPIARY_OPEN_CREATE, creates) a project. A file that cannot
 * be opened is left byte for byte as it was. A file the user may not write
 * opens read-only; topiary_project_is_read_only() tells. */
TopiaryProject *topiary_project_open          (const char        *path,
                                               TopiaryOpenFlags   flags,
                                               GError           **error);
/* Ends TOPIARY_OPEN_BULK: switches to WAL and flushes the file to disk. */
gboolean        topiary_project_finish_bulk   (TopiaryProject    *self,
                                               GError           **error);
const char     *topiary_project_get_path      (TopiaryProject    *self);
gboolean        topiary_project_is_read_only  (TopiaryProject    *self);

/* Other writers of the same file (topiary-project-watch.c). A window
 * claims the map it shows: *@held_elsewhere tells that another window or
 * process has claimed it already (then this one does not). */
gboolean        topiary_project_claim         (TopiaryProject    *self,
                                               gboolean          *held_elsewhere,
                                               GError           **error);
/* Watches the file: when another connection commits, "changed" is
 * emitted with "elsewhere". */
gboolean        topiary_project_watch         (TopiaryProject    *self,
                                               GError           **error);
/* Looks now rather than on the next file event; TRUE (and "changed"
 * "elsewhere" emitted) when another connection committed since the last
 * look. */
gboolean        topiary_project_check_elsewhere (TopiaryProject  *self);
void            topiary_project_close         (TopiaryProject    *self);

/* Transactions nest: only the outermost one commits. Every API call that
 * writes more than one row opens its own. */
gboolean        topiary_project_begin         (TopiaryProject    *self,
                                               GError           **error);
gboolean        topiary_project_commit        (TopiaryProject    *self,
                                               GError           **error);
void            topiary_project_rollback      (TopiaryProject    *self);

/* Everything read between these two calls comes from one snapshot of the
 * file, whatever other connections commit meanwhile (an export that
 * overlaps an import). Nests; no writes in between. */
gboolean        topiary_project_begin_read    (TopiaryProject    *self,
                                               GError           **error);
void            topiary_project_end_read      (TopiaryProject    *self);

/* Emitted (signal "changed") after a committed change; detail names what
 * changed: "map", "notes", "groups", "articles", "files". */

/* ---- the map ---- */
/* Fields: "title", "subject", "description", "audience", "goal",
 * "language", "base_url", "allow_html" ("0"/"1"). */
char           *topiary_project_get_map_field (TopiaryProject    *self,
                                               const char        *field);
gboolean        topiary_project_set_map_field (TopiaryProject    *self,
                                               const char        *field,
                                               const char        *value,
                                               GError           **error);

/* Reads report failures: a list, count or lookup that could not read all
 * it should (a damaged file, an I/O error) returns NULL (or 0, or FALSE)
 * and sets @error, never a shorter list. A lookup that finds nothing
 * returns NULL without an error. */

/* ---- notes ---- */
GListModel     *topiary_project_list_notes    (TopiaryProject    *self,
                                               GError           **error);
guint           topiary_project_count_notes   (TopiaryProject    *self,
                                               GError           **error);
gboolean        topiary_project_add_note      (TopiaryProject    *self,
                                               TopiaryNote       *note,
                                               GError           **error);
gboolean        topiary_project_update_note   (TopiaryProject    *self,
                                               TopiaryNote       *note,
                                               GError           **error);
gboolean        topiary_project_delete_note   (TopiaryProject    *self,
                                               gint64             note_id,
                                               GError           **error);
/* Puts a deleted note back under its own id, at its own position (the
 * notes from there on move down one). */
gboolean        topiary_project_restore_note  (TopiaryProject    *self,
                                               TopiaryNote       *note,
                                               GError           **error);
/* Moves note @note_id to @position (1-based) in the notes' order; the
 * notes are numbered 1, 2, 3 … after it. */
gboolean        topiary_project_move_note     (TopiaryProject    *self,
                                               gint64             note_id,
                                               gint64             position,
                                               GError           **error);
/* TRUE when a note with exactly this kind, title and body exists; FALSE
 * when none does, or with @error set when the notes could not be read. */
gboolean        topiary_project_has_note      (TopiaryProject    *self,
                                               const char        *kind,
                                               const char        *title,
                                               const char        *body,
                                               GError           **error);

/* ---- groups ---- */
GListModel     *topiary_project_list_groups   (TopiaryProject    *self,
                                               GError           **error);
TopiaryGroup   *topiary_project_get_group     (TopiaryProject    *self,
                                               gint64             group_id,
                                               GError           **error);
/* By title (case ignored) or slug; NULL without @error when none. */
TopiaryGroup   *topiary_project_find_group    (TopiaryProject    *self,
                                               const char        *title_or_slug,
                                               GError           **error);
/* Appends; sets the id, position and (when empty) the slug on @group. */
gboolean        topiary_project_add_group     (TopiaryProject    *self,
                                               TopiaryGroup      *group,
                                               GError           **error);
gboolean        topiary_project_update_group  (TopiaryProject    *self,
                                               TopiaryGroup      *group,
                                               GError           **error);
gboolean        topiary_project_move_group    (TopiaryProject    *self,
                                               gint64             group_id,
                                               gint64             new_position,
                                               GError           **error);
/* The group's articles become ideas (no group); a snapshot is taken first. */
gboolean        topiary_project_delete_group  (TopiaryProject    *self,
                                               gint64             group_id,
                                               GError           **error);

/* ---- articles ---- */
/* All articles in writing order, without bodies. */
GListModel     *topiary_project_list_articles (TopiaryProject    *self,
                                               GError           **error);
guint           topiary_project_count_articles (TopiaryProject   *self,
                                                GError          **error);
TopiaryArticle *topiary_project_get_article   (TopiaryProject    *self,
                                               gint64             article_id,
                                               gboolean           with_body,
                                               GError           **error);
/* Only the body ("" for none), without the article around it: cheaper
 * when every body is read in turn, as an export does. */
char           *topiary_project_get_body      (TopiaryProject    *self,
                                               gint64             article_id,
                                               GError           **error);
/* NULL without @error when no article has @slug. */
TopiaryArticle *topiary_project_get_article_by_slug (TopiaryProject *self,
                                                     const char     *slug,
                                                     gboolean        with_body,
                                                     GError        **error);
/* Inserts; a position of 0 appends to the writing order; an empty slug is
 * made from the title. Sets id, slug, position and times on @article. */
gboolean        topiary_project_add_article   (TopiaryProject    *self,
                                               TopiaryArticle    *article,
                                               GError           **error);
/* Saves every field (the body only when it is loaded). */
gboolean        topiary_project_update_article (TopiaryProject   *self,
                                                TopiaryArticle   *article,
                                                GError          **error);
/* Saves the body alone: the autosave path. */
gboolean        topiary_project_save_body     (TopiaryProject    *self,
                                               gint64             article_id,
                                               const char        *body,
                                               GError           **error);
/* Saves @body like topiary_project_save_body(), for a writer that read
 * @base: when the stored body is neither @base nor @body, another writer
 * changed it meanwhile, so the stored text is first kept as a revision
 * (reason "conflict") and *@conflict is set. @base NULL: no check. */
gboolean        topiary_project_save_body_over (TopiaryProject   *self,
                                                gint64            article_id,
                                                const char       *base,
                                                const char       *body,
                                                gboolean         *conflict,
                                                GError          **error);
/* Moves to @position in the writing order, into @group_id (0 = ideas) under
 * @parent_id (0 = none), in one transaction. */
gboolean        topiary_project_move_article  (TopiaryProject    *self,
                                               gint64             article_id,
                                               gint64             position,
                                               gint64             group_id,
                                               gint64             parent_id,
                                               GError           **error);
/* Snapshots the article, then deletes it; its clusters lose their parent. */
gboolean        topiary_project_delete_article (TopiaryProject   *self,
                                                gint64            article_id,
                                                GError          **error);

/* A slug unique in the project made from @title ("my-title", "my-title-2"),
 * ignoring @except_id. */
char           *topiary_project_make_slug     (TopiaryProject    *self,
                                               const char        *title,
                                               gint64             except_id);

/* Resolves a wiki-link target by the rules of topiary-link.h (a slug or a
 * title, Unicode case and normalisation ignored, "#heading" split off).
 * Returns the slug, or NULL when nothing matches or on failure (then
 * @error is set). @heading (optional) receives the heading text the link
 * names, or NULL. */
char           *topiary_project_resolve_link  (TopiaryProject    *self,
                                               const char        *target,
                                               char             **heading,
                                               GError           **error);

/* ---- dismissed link suggestions (topiary-links.h) ---- */
/* @kind is topiary_suggestion_kind_to_string()'s word. Dismissing twice
 * is no error. */
gboolean        topiary_project_dismiss_suggestion   (TopiaryProject *self,
                                                      gint64          article_id,
                                                      gint64          target_id,
                                                      const char     *kind,
                                                      GError        **error);
gboolean        topiary_project_undismiss_suggestion (TopiaryProject *self,
                                                      gint64          article_id,
                                                      gint64          target_id,
                                                      const char     *kind,
                                                      GError        **error);
/* The dismissals of @article_id as a set of "kind:target-id" strings
 * (topiary_dismissal_key()); NULL with @error set when unreadable. */
GHashTable     *topiary_project_list_dismissals      (TopiaryProject *self,
                                                      gint64          article_id,
                                                      GError        **error);
char           *topiary_dismissal_key                (const char     *kind,
                                                      gint64          target_id);

/* ---- revisions ---- */
typedef struct {
  gint64  id;
  gint64  article_id;
  gint64  created;
  char   *reason;   /* "manual", "delete", "import", "restore", "conflict" */
  char   *title;
  guint   words;
} TopiaryRevisionInfo;

void            topiary_revision_info_free    (TopiaryRevisionInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryRevisionInfo, topiary_revision_info_free)

gint64          topiary_project_snapshot      (TopiaryProject    *self,
                                               gint64             article_id,
                                               const char        *reason,
                                               GError           **error);
/* Newest first; element type TopiaryRevisionInfo. */
GPtrArray      *topiary_project_list_revisions (TopiaryProject   *self,
                                                gint64            article_id,
                                                GError          **error);
char           *topiary_project_get_revision_body (TopiaryProject *self,
                                                   gint64          revision_id,
                                                   GError        **error);
/* Puts the revision's title and body back (snapshotting the current state
 * first); re-creates the article if it was deleted. Returns its id. */
gint64          topiary_project_restore_revision (TopiaryProject *self,
                                                  gint64          revision_id,
                                                  GError        **error);

/* ---- search ---- */
typedef struct {
  gint64  article_id;
  char   *title;
  char   *slug;
  char   *snippet;  /* plain text with the match between \x02 and \x03 */
  double  rank;
} TopiarySearchHit;

void            topiary_search_hit_free       (TopiarySearchHit  *hit);
/* Full-text search over titles, summaries, bodies and queries. Words are
 * matched as prefixes; the query is never interpreted as FTS syntax. */
GPtrArray      *topiary_project_search        (TopiaryProject    *self,
                                               const char        *query,
                                               guint              limit,
                                               GError           **error);

/* ---- statistics ---- */
typedef struct {
  guint groups, pillars, clusters, ideas, articles, notes;
  guint64 words;
  guint status[TOPIARY_N_STATUS];
} TopiaryStats;

/* On failure @stats is all zeros and @error is set. */
gboolean        topiary_project_get_stats     (TopiaryProject    *self,
                                               TopiaryStats      *stats,
                                               GError           **error);

G_END_DECLS
