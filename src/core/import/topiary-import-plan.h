/* topiary-import-plan.h — what an import will create, before anything is written
 *
 * All four importers (map-page text, outline, CSV, Hugo/Jekyll folder)
 * read a source into a plan (groups with their pillar and clusters, ideas,
 * notes, the map's fields); one writer applies a plan to a project.
 * `topiary import --dry-run` and the app's import preview show the plan
 * and write nothing. A Hugo folder's bodies are not in the plan: the
 * writer has them read one by one as it writes (TopiaryPlanBodies in
 * topiary-import-private.h), so a plan stays small.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-frontmatter.h"
#include "topiary-import.h"

G_BEGIN_DECLS

typedef struct {
  char          *title;
  char          *slug;       /* unique within the plan */
  int            group;      /* index in groups; -1: an idea, in no group */
  TopiaryKind    kind;
  int            parent;     /* index in articles of its pillar; -1: none */
  GPtrArray     *queries;    /* char *, the primary query first */
  char          *intent;     /* NULL: none */
  char          *language;   /* NULL: the map's */
  int            priority;   /* 0: none */
  TopiaryStatus  status;
  int            words;      /* target length; 0: none */
  char          *summary;    /* NULL: none */
  gint64         published;  /* a Unix time; 0: none */
  char          *parent_ref; /* parent < 0: a title or slug of the project's, found when written */
} TopiaryPlanArticle;

typedef struct {
  char *title;
  char *description;   /* NULL: none */
  int   pillar;        /* index in articles; -1: the group is empty */
  char *slug;          /* NULL: made from the title; else a new group takes it when free */
} TopiaryPlanGroup;

typedef struct {
  char *kind;
  char *title;
  char *body;
} TopiaryPlanNote;

typedef struct {
  TopiaryImportFormat format;
  char      *title;          /* the map's; NULL: none */
  char      *description;    /* NULL: none */
  char      *subject;        /* NULL: none */
  char      *audience;       /* NULL: none */
  char      *goal;           /* NULL: none */
  gboolean   replace_map;    /* the map's fields are set; else only filled in where empty */
  gboolean   keep_progress;  /* an article already in the project keeps a status beyond the
                              * plan's, and an idea keeps the group it was placed in */
  gboolean   keep_empty_notes; /* a note with a title only is written too */
  GPtrArray *groups;         /* TopiaryPlanGroup *, in order */
  GPtrArray *articles;       /* TopiaryPlanArticle *, in writing order */
  GPtrArray *notes;          /* TopiaryPlanNote * */
  GHashTable *group_index;   /* private: title → index + 1 */
} TopiaryImportPlan;

/* The choices that fix a wrong reading of an outline; an import with them
 * reads the source as the user says. Other formats ignore them. */
struct _TopiaryImportOptions {
  int         group_level;      /* 0: as read; 1–6: the headings of this level are the groups */
  GHashTable *columns;          /* table header, case-folded → TopiaryField + 1; UNKNOWN: a note */
  gboolean    items_are_ideas;  /* list items are ideas, not articles of their heading's group */
};

TopiaryImportOptions *topiary_import_options_new        (void);
void                  topiary_import_options_free       (TopiaryImportOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryImportOptions, topiary_import_options_free)
TopiaryImportOptions *topiary_import_options_copy       (const TopiaryImportOptions *options);
/* Reads the column headed @header (any case) as @field. */
void                  topiary_import_options_set_column (TopiaryImportOptions *options,
                                                         const char           *header,
                                                         TopiaryField          field);
/* "title", "slug", "group", "kind", "primary", "queries", "intent",
 * "priority", "status", "words", "summary", "note": FALSE when unknown. */
gboolean              topiary_import_field_from_name    (const char           *name,
                                                         TopiaryField         *field);

TopiaryImportPlan  *topiary_import_plan_new         (void);
void                topiary_import_plan_free        (TopiaryImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryImportPlan, topiary_import_plan_free)

/* The index of the group titled @title, added when new. */
int                 topiary_import_plan_add_group   (TopiaryImportPlan *plan,
                                                     const char        *title,
                                                     const char        *description);
/* A new article at the end of the writing order, with no fields set
 * (status planned, group -1, parent -1). */
TopiaryPlanArticle *topiary_import_plan_add_article (TopiaryImportPlan *plan,
                                                     const char        *title);
void                topiary_import_plan_add_note    (TopiaryImportPlan *plan,
                                                     const char        *kind,
                                                     const char        *title,
                                                     const char        *body);
guint               topiary_import_plan_count_ideas (TopiaryImportPlan *plan);

/* Reads @source as @format (TOPIARY_IMPORT_AUTO: detected) into a plan;
 * nothing is written anywhere. Warnings go to @report. */
TopiaryImportPlan  *topiary_import_read_plan        (const char                 *source,
                                                     TopiaryImportFormat         format,
                                                     const TopiaryImportOptions *options,
                                                     TopiaryImportReport        *report,
                                                     GError                    **error);

/* The plan as JSON: { "format", "title", "description", "groups": [{
 * "title", "description", "pillar", "clusters": [article…] }], "ideas":
 * [article…], "notes": [{ "kind", "title" }], "warnings": […], "counts" }. */
char               *topiary_import_plan_to_json     (TopiaryImportPlan   *plan,
                                                     TopiaryImportReport *report);
/* The plan as an indented tree for people. */
char               *topiary_import_plan_to_text     (TopiaryImportPlan   *plan,
                                                     TopiaryImportReport *report);

G_END_DECLS
