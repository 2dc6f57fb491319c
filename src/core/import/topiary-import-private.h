/* topiary-import-private.h — what the importers (topiary-import*.c) share:
 * the parsers behind topiary_import_file(), their sniffers, and the helpers
 * that write what they read into the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "topiary-import.h"
#include "topiary-import-plan.h"

G_BEGIN_DECLS

/* ---- topiary-import.c and the parsers (called inside the transaction) ---- */

/* Each parser gets the whole file, already checked to be valid UTF-8 (invalid
 * sequences replaced, with a warning), with a BOM removed. */
gboolean _topiary_import_maptext (TopiaryProject      *project,
                                  const char          *text,
                                  gsize                length,
                                  TopiaryImportReport *report,
                                  GError             **error);
gboolean _topiary_import_outline (TopiaryProject      *project,
                                  const char          *text,
                                  gsize                length,
                                  TopiaryImportReport *report,
                                  GError             **error);
gboolean _topiary_import_csv     (TopiaryProject      *project,
                                  const char          *text,
                                  gsize                length,
                                  TopiaryImportReport *report,
                                  GError             **error);
gboolean _topiary_import_hugo    (TopiaryProject      *project,
                                  const char          *folder,
                                  TopiaryImportReport *report,
                                  TopiaryProgressFunc  progress,
                                  gpointer             progress_data,
                                  GError             **error);

/* Content sniffers used by topiary_import_detect(): a score 0–100. */
int _topiary_import_maptext_sniff (const char *text, gsize length);
int _topiary_import_outline_sniff (const char *text, gsize length);
int _topiary_import_csv_sniff     (const char *text, gsize length);

/* A slug not yet used in this import: @base, else "@base-N", recorded in
 * @slugs (owned keys; create with g_str_hash, g_str_equal, g_free). */
char *_topiary_import_claim_slug (GHashTable *slugs,
                                  const char *base);

/* The group with this title (or slug) or a new one appended. */
TopiaryGroup *_topiary_import_ensure_group (TopiaryProject      *project,
                                            const char          *title,
                                            const char          *description,
                                            TopiaryImportReport *report,
                                            GError             **error);
/* Adds @article; when its slug is already in the project, snapshots that
 * article and overwrites it instead (keeping its id, which is set on
 * @article). */
gboolean _topiary_import_put_article (TopiaryProject      *project,
                                      TopiaryArticle      *article,
                                      TopiaryImportReport *report,
                                      GError             **error);
/* Cuts what is longer than topiary-limits.h allows in @article (title,
 * summary, queries, body), with a warning for each. _topiary_import_put_article()
 * does it too; an importer that keeps pointers to the title calls it first. */
void     _topiary_import_limit_article (TopiaryArticle      *article,
                                        TopiaryImportReport *report);
/* topiary_project_set_map_field(), with a value too long cut and reported. */
gboolean _topiary_import_set_map_field (TopiaryProject      *project,
                                        const char          *field,
                                        const char          *value,
                                        TopiaryImportReport *report,
                                        GError             **error);
gboolean _topiary_import_add_note    (TopiaryProject      *project,
                                      const char          *kind,
                                      const char          *title,
                                      const char          *body,
                                      TopiaryImportReport *report,
                                      GError             **error);

/* ---- plans (topiary-import-plan.c) ---- */

/* Writes @plan into @project; call inside the import's transaction. Map
 * fields are filled in, never overwritten (unless plan->replace_map); an
 * article whose slug is in the project already is updated (after a
 * snapshot). */
gboolean _topiary_import_plan_apply (TopiaryImportPlan   *plan,
                                     TopiaryProject      *project,
                                     TopiaryImportReport *report,
                                     GError             **error);

/* Where the bodies of a plan's articles come from while it is written,
 * when they are too large to keep in the plan (a Hugo folder's files are
 * read again one by one, just before each article is written). */
typedef struct {
  /* Before the first article. */
  void     (*start)   (gpointer data);
  /* Sets the body of plan article @index on @article (NULL: none; an
   * article already in the project keeps its own). */
  void     (*body)    (gpointer data,
                       guint           index,
                       TopiaryArticle *article);
  /* After plan article @index was written as @article (its id set), for
   * what belongs to it (its images); FALSE with @error to stop. */
  gboolean (*written) (gpointer data,
                       guint           index,
                       TopiaryArticle *article,
                       GError        **error);
  /* Once after start(), when the writing ends or fails. */
  void     (*stop)    (gpointer data);
} TopiaryPlanBodies;

/* _topiary_import_plan_apply() with the bodies from @bodies. */
gboolean _topiary_import_plan_apply_with (TopiaryImportPlan       *plan,
                                          TopiaryProject          *project,
                                          const TopiaryPlanBodies *bodies,
                                          gpointer                 data,
                                          TopiaryImportReport     *report,
                                          GError                 **error);

/* Fills @plan from a Hugo or Jekyll folder (see topiary-import-hugo.c),
 * reading front matter only. */
gboolean _topiary_import_hugo_plan (TopiaryImportPlan   *plan,
                                    const char          *folder,
                                    TopiaryImportReport *report,
                                    GError             **error);

/* Fills @plan from the text of a topical-map page (see
 * topiary-import-maptext.c). */
gboolean _topiary_import_maptext_plan (TopiaryImportPlan   *plan,
                                       const char          *text,
                                       gsize                length,
                                       TopiaryImportReport *report,
                                       GError             **error);

/* Fills @plan from CSV text (see topiary-import-csv.c). */
gboolean _topiary_import_csv_plan (TopiaryImportPlan   *plan,
                                   const char          *text,
                                   gsize                length,
                                   TopiaryImportReport *report,
                                   GError             **error);
/* The same, reading the columns @choices names (TopiaryImportOptions'
 * columns; NULL: none) as it says. */
gboolean _topiary_import_csv_plan_full (TopiaryImportPlan   *plan,
                                        const char          *text,
                                        gsize                length,
                                        GHashTable          *choices,
                                        TopiaryImportReport *report,
                                        GError             **error);
/* The header of CSV text and the field the reader guesses for each column
 * ((TopiaryField) -1: one it reads as nothing); FALSE when the text has no
 * header. */
gboolean _topiary_import_csv_columns   (const char          *text,
                                        gsize                length,
                                        GPtrArray          **header,
                                        GArray             **fields);

/* Fills @plan from a Markdown outline (see topiary-import-outline.c). */
gboolean _topiary_import_outline_plan (TopiaryImportPlan          *plan,
                                       const char                 *text,
                                       gsize                       length,
                                       const TopiaryImportOptions *options,
                                       TopiaryImportReport        *report,
                                       GError                    **error);

G_END_DECLS
