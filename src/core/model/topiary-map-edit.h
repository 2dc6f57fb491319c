/* topiary-map-edit.h — structural edits of the map, each undoable
 *
 * Every change to the map's structure goes through one of these
 * operations: add, rename, move, promote, demote, duplicate, delete and
 * restore. Each runs in one transaction (all of it is written, or none of
 * it) and returns a TopiaryEdit: the record that undoes it. Applying that
 * record (topiary_edit_apply()) undoes the change in one transaction and
 * returns the record that redoes it, and so on.
 *
 * The map's rules are kept here:
 *  - a group has at most one pillar: promoting an article makes the
 *    group's former pillar one of its clusters, and its clusters follow;
 *  - the first article added to (or moved into) an empty group becomes
 *    its pillar;
 *  - a new cluster is attached to its group's pillar (a moved one when
 *    asked to, with TOPIARY_PARENT_PILLAR);
 *  - a pillar moved to another group takes its clusters along, or leaves
 *    them in the old group, as the caller says (TopiaryClusterPolicy);
 *  - renaming an article can rewrite the wiki links that name it by its
 *    old title (`[[Old]]`, `[[Old|label]]`, `[[Old#heading]]`) in every
 *    body, in the same transaction; links are matched by the one rule of
 *    topiary-link.h and rewritten by topiary_markdown_rewrite_links().
 *
 * The records are topiary-edit.h's; topiary-undo-stack.h keeps them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-edit.h"
#include "topiary-project.h"

G_BEGIN_DECLS

typedef enum {
  TOPIARY_CLUSTERS_STAY,    /* the pillar's clusters stay in its old group */
  TOPIARY_CLUSTERS_FOLLOW,  /* they move with it */
} TopiaryClusterPolicy;

/* As @parent_id of topiary_map_edit_move_article(): under the pillar of
 * the target group (none when it has no pillar). */
#define TOPIARY_PARENT_PILLAR ((gint64) -1)

/* Adds @article: its title, intent, status …, group id, parent id and
 * position (0 appends) as set on it; the kind follows the rules above (a
 * pillar when the group is empty, else a cluster of the group's pillar,
 * unless a parent in the group is set). Sets the id on @article. */
TopiaryEdit *topiary_map_edit_add_article    (TopiaryProject  *project,
                                              TopiaryArticle  *article,
                                              GError         **error);
/* What a new article can be: its group's pillar, a cluster in a group,
 * or an idea (in no group). */
typedef enum {
  TOPIARY_NEW_PILLAR,
  TOPIARY_NEW_CLUSTER,
  TOPIARY_NEW_IDEA,
} TopiaryNewKind;

typedef struct {
  TopiaryNewKind kind;
  gint64         group_id;   /* 0 for an idea */
  gint64         parent_id;  /* a cluster's parent, 0 for none */
} TopiaryNewPlace;

/* Where a new article goes by the map's rules, next to the article
 * @near_article_id (the selected row) or, when that is 0, in the group
 * @group_id (0: the ideas): in the near article's group under the same
 * pillar (under it when it is one); in a group with no article as its
 * pillar, which is then the only kind it can be; in any other group as a
 * cluster of the group's pillar; among the ideas as an idea. */
gboolean     topiary_map_edit_new_place      (TopiaryProject   *project,
                                              gint64            near_article_id,
                                              gint64            group_id,
                                              TopiaryNewPlace  *place,
                                              GError          **error);
/* Adds @article (title, intent … as set on it) as @place->kind in
 * @place->group_id, in one undoable edit. A pillar asked for in a group
 * that has one takes its place: the former pillar becomes its cluster
 * and the former pillar's clusters hang under the new one. A cluster
 * goes under @place->parent_id when that is in the group, else under the
 * group's pillar; in an empty group it is the pillar all the same. An
 * idea is in no group, with the status idea. Sets the id on @article. */
TopiaryEdit *topiary_map_edit_add_article_as (TopiaryProject         *project,
                                              TopiaryArticle         *article,
                                              const TopiaryNewPlace  *place,
                                              GError                **error);
/* Appends @group; sets its id. */
TopiaryEdit *topiary_map_edit_add_group      (TopiaryProject  *project,
                                              TopiaryGroup    *group,
                                              GError         **error);

/* Sets the title. With @rewrite_links, every wiki link that names the
 * article by its old title and would no longer name it is changed to the
 * new title, in the same transaction. */
TopiaryEdit *topiary_map_edit_rename_article (TopiaryProject  *project,
                                              gint64           article_id,
                                              const char      *title,
                                              gboolean         rewrite_links,
                                              GError         **error);
/* How many links (in how many articles) renaming @article_id to @title
 * with @rewrite_links would change. */
gboolean     topiary_map_edit_count_renamed_links (TopiaryProject *project,
                                                   gint64          article_id,
                                                   const char     *title,
                                                   guint          *n_links,
                                                   guint          *n_articles,
                                                   GError        **error);
TopiaryEdit *topiary_map_edit_rename_group   (TopiaryProject  *project,
                                              gint64           group_id,
                                              const char      *title,
                                              GError         **error);

/* Moves to @position in the writing order (0 keeps it), into @group_id
 * (0: the ideas), under @parent_id (0: at the group's top level, or
 * TOPIARY_PARENT_PILLAR). A pillar moved to another group: @policy says
 * where its clusters go. */
TopiaryEdit *topiary_map_edit_move_article   (TopiaryProject       *project,
                                              gint64                article_id,
                                              gint64                position,
                                              gint64                group_id,
                                              gint64                parent_id,
                                              TopiaryClusterPolicy  policy,
                                              GError              **error);
TopiaryEdit *topiary_map_edit_move_group     (TopiaryProject  *project,
                                              gint64           group_id,
                                              gint64           position,
                                              GError         **error);

/* Makes the article its group's pillar: the former pillar becomes one of
 * its clusters, and the former pillar's clusters hang under it. */
TopiaryEdit *topiary_map_edit_promote        (TopiaryProject  *project,
                                              gint64           article_id,
                                              GError         **error);
/* Makes a pillar a cluster; its clusters stay under it. */
TopiaryEdit *topiary_map_edit_demote         (TopiaryProject  *project,
                                              gint64           article_id,
                                              GError         **error);

/* A copy titled "Title (copy)" right after the original, body included; a
 * pillar's copy is one of its clusters. @copy_id (optional) receives its id. */
TopiaryEdit *topiary_map_edit_duplicate      (TopiaryProject  *project,
                                              gint64           article_id,
                                              gint64          *copy_id,
                                              GError         **error);

/* Deletes the article (a snapshot keeps it in the trash); its clusters
 * lose their parent, and get it back when the delete is undone. */
TopiaryEdit *topiary_map_edit_delete_article (TopiaryProject  *project,
                                              gint64           article_id,
                                              GError         **error);
/* Deletes the group; its articles become ideas. */
TopiaryEdit *topiary_map_edit_delete_group   (TopiaryProject  *project,
                                              gint64           group_id,
                                              GError         **error);
/* Brings back the deleted article @revision_id (a topiary-trash.h item)
 * snapshots. @article_id (optional) receives its id. */
TopiaryEdit *topiary_map_edit_restore        (TopiaryProject  *project,
                                              gint64           revision_id,
                                              gint64          *article_id,
                                              GError         **error);

/* ---- merging (topiary-map-edit-merge.c) ---- */

/* Merges article @absorb_id into article @keep_id, the remedy for two
 * articles that compete for one query, in one transaction and one undo:
 *  - the absorbed text is appended to the kept one after a blank line,
 *    under a "## Absorbed title" heading unless it starts with a heading
 *    of its own (nothing is appended for an empty text);
 *  - its target queries follow the kept article's, those it has already
 *    left out (compared by topiary_link_key(): case, Unicode form and
 *    spacing do not count); the kept primary query stays primary, so the
 *    absorbed one becomes a secondary (it is the primary only when the
 *    kept article had no query);
 *  - its files get a reference in the kept article under their name (or
 *    "name-2.png" … when the kept article has that name, and the moved
 *    text follows); bytes the kept article holds already keep its name,
 *    and its cover stays;
 *  - every wiki link (`[[slug]]`, `[[Title|label]]`, `[[slug#heading]]`)
 *    and relative Markdown link (`[…](../slug/)`) to it, in every body,
 *    points at the kept article: by slug when it named it by slug, else
 *    by title. The map keeps no aliases, so the links are rewritten;
 *  - a pillar can only be merged into an article of its own group, which
 *    then becomes the pillar and takes its clusters; anything else that
 *    hung under it hangs under the kept article (in the group) or at the
 *    top level;
 *  - the kept article takes its place in every dismissed link suggestion
 *    that names it, either way (one it has already, or between the two,
 *    is left out);
 *  - the absorbed article goes to the Deleted Articles (topiary-trash.h).
 * The kept article's title, slug, intent, status and place stay. Refuses
 * an article merged into itself, and a missing article. */
TopiaryEdit *topiary_map_edit_merge_articles (TopiaryProject  *project,
                                              gint64           keep_id,
                                              gint64           absorb_id,
                                              GError         **error);

/* ---- the map's notes and details (topiary-map-edit-notes.c) ---- */

/* Appends @note; sets its id. */
TopiaryEdit *topiary_map_edit_add_note       (TopiaryProject  *project,
                                              TopiaryNote     *note,
                                              GError         **error);
/* Sets the kind, title and body of note @note_id. */
TopiaryEdit *topiary_map_edit_update_note    (TopiaryProject  *project,
                                              gint64           note_id,
                                              const char      *kind,
                                              const char      *title,
                                              const char      *body,
                                              GError         **error);
/* Deletes note @note_id; its undo puts it back under its id, in its place. */
TopiaryEdit *topiary_map_edit_delete_note    (TopiaryProject  *project,
                                              gint64           note_id,
                                              GError         **error);
/* Moves note @note_id to @position (1-based) in the notes' order. */
TopiaryEdit *topiary_map_edit_move_note      (TopiaryProject  *project,
                                              gint64           note_id,
                                              gint64           position,
                                              GError         **error);
/* Sets the map's title and description. */
TopiaryEdit *topiary_map_edit_set_map_details (TopiaryProject *project,
                                               const char     *title,
                                               const char     *description,
                                               GError        **error);
/* Sets group @group_id's title and description (its slug and place stay). */
TopiaryEdit *topiary_map_edit_set_group_details (TopiaryProject *project,
                                                 gint64          group_id,
                                                 const char     *title,
                                                 const char     *description,
                                                 GError        **error);

G_END_DECLS
