/* topiary-edit-private.h — what an edit record is made of, shared by
 * topiary-edit.c (the record: applying it, undo, ids) and
 * topiary-map-edit.c (the operations that make records)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-edit.h"
#include "topiary-model-private.h"

G_BEGIN_DECLS

typedef enum {
  STEP_ARTICLE,         /* sets the place, kind, status and title of article @id */
  STEP_BODY,            /* sets the body of article @id to @text */
  STEP_GROUP,           /* sets the title, description and position of group @id */
  STEP_ADD_ARTICLE,     /* adds @article */
  STEP_DELETE_ARTICLE,  /* deletes article @id */
  STEP_RESTORE,         /* restores article @id from snapshot @revision_id */
  STEP_ADD_GROUP,       /* (re-)creates group @id: @title, @slug, @text, @position */
  STEP_DELETE_GROUP,    /* deletes group @id */
  STEP_ADD_NOTE,        /* adds a note: kind @slug, @title, body @text; with @id, puts
                         * deleted note @id back at @position */
  STEP_DELETE_NOTE,     /* deletes note @id */
  STEP_NOTE,            /* sets the kind @slug, @title and body @text of note @id */
  STEP_MOVE_NOTE,       /* moves note @id to @position in the notes' order */
  STEP_MAP_FIELD,       /* sets the map's field @slug to @text */
  STEP_REPLACE_ARTICLE, /* sets every field and the body of article @article->id to @article's */
  STEP_ADD_FILE,        /* gives article @id a reference called @slug to the stored bytes
                         * with the SHA-256 @text (a merge moving files) */
  STEP_REMOVE_FILE,     /* removes the file reference @revision_id of article @id */
  STEP_DISMISS,         /* article @id dismisses suggestions of kind @slug to @target_id
                         * (a merge handing the kept article the absorbed one's) */
  STEP_UNDISMISS,       /* takes that dismissal back */
} StepKind;

/* Which fields a STEP_ARTICLE sets: an undo sets back only what its edit
 * changed, so a status or title set since (elsewhere) stays. */
typedef enum {
  FIELD_GROUP    = 1 << 0,
  FIELD_PARENT   = 1 << 1,
  FIELD_KIND     = 1 << 2,
  FIELD_STATUS   = 1 << 3,
  FIELD_TITLE    = 1 << 4,
  FIELD_POSITION = 1 << 5,
  FIELD_ALL      = (1 << 6) - 1,
} StepFields;

typedef struct {
  StepKind        kind;
  StepFields      fields;    /* STEP_ARTICLE */
  gint64          id;
  gint64          group_id;
  gint64          parent_id;
  gint64          position;
  gint64          revision_id;
  gint64          target_id; /* STEP_DISMISS, STEP_UNDISMISS */
  TopiaryKind     article_kind;
  TopiaryStatus   status;
  char           *title;
  char           *slug;
  char           *text;
  TopiaryArticle *article;
} Step;

/* An id an applied edit gave to something it re-created. */
typedef struct {
  gboolean is_group;
  gint64   from;
  gint64   to;
} Remap;

struct _TopiaryEdit {
  gint       ref_count;
  char      *label;
  gint64     article_id;
  gint64     group_id;
  GPtrArray *steps;    /* Step *, in the order they apply */
  GArray    *remaps;   /* Remap, what applying it re-created */
};


/* Frees a Step. */
void         _topiary_edit_step_free     (Step           *step);
Step        *_topiary_edit_step_new      (StepKind        kind,
                                          gint64          id);
TopiaryEdit *_topiary_edit_new           (const char     *label);
/* The step that puts back what @article (@group) is now. */
Step        *_topiary_edit_article_state (TopiaryArticle *article);
Step        *_topiary_edit_group_state   (TopiaryGroup   *group);
/* Applies the steps of @edit in one transaction (@edit itself is not
 * changed); returns the reverse edit. */
TopiaryEdit *_topiary_edit_apply_steps   (TopiaryEdit     *edit,
                                          TopiaryProject  *project,
                                          GError         **error);
/* Sets @error to "There is no article …"; returns FALSE. */
gboolean     _topiary_edit_no_article    (gint64          id,
                                          GError        **error);

G_END_DECLS
