/* topiary-check.h — the structure and link audit of a project
 *
 * What `topiary check` reports. Structure: every group needs a pillar, and
 * every cluster in a group a pillar; slugs are unique (articles and groups
 * share one URL space in the exported site, compared case-insensitively);
 * titles are not empty. Links: no wiki link may point nowhere; a written
 * cluster links to its pillar, and a written pillar to each of its clusters.
 *
 * Ideas (articles in no group) are exempt from the structure rules but
 * their links are still checked. An article whose body is empty or only
 * whitespace is "not written yet" and produces no link findings of its
 * own; a written pillar must still link to its unwritten clusters, since
 * a wiki link to a planned article resolves already and is the cheapest
 * moment to add it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "topiary-project.h"

G_BEGIN_DECLS

typedef enum {
  TOPIARY_SEVERITY_INFO,
  TOPIARY_SEVERITY_WARNING,   /* the plan is incomplete */
  TOPIARY_SEVERITY_ERROR,     /* something is broken */
} TopiarySeverity;

const char *topiary_severity_to_string (TopiarySeverity severity);

/* Codes, stable for scripts reading `check --json`. */
#define TOPIARY_CHECK_GROUP_WITHOUT_PILLAR       "group-without-pillar"
#define TOPIARY_CHECK_GROUP_SEVERAL_PILLARS      "group-several-pillars"
#define TOPIARY_CHECK_CLUSTER_WITHOUT_PILLAR     "cluster-without-pillar"
#define TOPIARY_CHECK_PARENT_NOT_PILLAR          "parent-not-pillar"
#define TOPIARY_CHECK_PILLAR_IN_OTHER_GROUP      "pillar-in-other-group"
#define TOPIARY_CHECK_DUPLICATE_SLUG             "duplicate-slug"
#define TOPIARY_CHECK_INVALID_SLUG               "invalid-slug"
#define TOPIARY_CHECK_EMPTY_TITLE                "empty-title"
#define TOPIARY_CHECK_UNRESOLVED_LINK            "unresolved-link"
#define TOPIARY_CHECK_UNRESOLVED_RELATIVE_LINK   "unresolved-relative-link"
#define TOPIARY_CHECK_CLUSTER_NOT_LINKING_PILLAR "cluster-not-linking-pillar"
#define TOPIARY_CHECK_PILLAR_NOT_LINKING_CLUSTER "pillar-not-linking-cluster"
/* A published article links to one not published yet: the site shows the
 * link as plain text until the target is published (an info). */
#define TOPIARY_CHECK_LINK_TO_UNPUBLISHED        "link-to-unpublished"
/* Articles that compete for one query (topiary-cannibal.h). */
#define TOPIARY_CHECK_CANNIBAL_QUERIES           "cannibal-queries"
#define TOPIARY_CHECK_CANNIBAL_GROUPS            "cannibal-groups"
#define TOPIARY_CHECK_CANNIBAL_TITLE             "cannibal-title"
/* The title is the page's only <h1> (topiary-check-title.c). */
#define TOPIARY_CHECK_TITLE_HEADING              "title-heading"
/* Images and files (topiary-check-media.c). */
#define TOPIARY_CHECK_IMAGE_WITHOUT_ALT          "image-without-alt"
#define TOPIARY_CHECK_MISSING_FILE               "missing-file"
#define TOPIARY_CHECK_LARGE_IMAGE                "large-image"
#define TOPIARY_CHECK_UNUSED_FILE                "unused-file"
/* An image larger than this slows the page that shows it. */
#define TOPIARY_CHECK_LARGE_IMAGE_SIZE           (1024 * 1024)

typedef struct {
  TopiarySeverity  severity;
  char            *code;        /* one of TOPIARY_CHECK_* */
  gint64           article_id;  /* the article concerned, 0 for a group finding */
  gint64           group_id;    /* its group (or the group concerned), 0 for none */
  gint64           related_id;  /* the other article (pillar, cluster, duplicate), or 0 */
  char            *target;      /* the link target or slug in question, or NULL */
  char            *message;     /* one sentence, translated */
  guint            line;        /* the line of the article's body it names (1-based), 0 for none */
} TopiaryCheckFinding;

void        topiary_check_finding_free  (TopiaryCheckFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryCheckFinding, topiary_check_finding_free)

/* Audits @project. Findings are ordered by severity (errors first), then by
 * the article's place in the writing order. Element type
 * TopiaryCheckFinding; NULL with @error set only when the project cannot be
 * read. */
GPtrArray  *topiary_check_project        (TopiaryProject  *project,
                                          GError         **error);

/* How many findings have at least @severity. */
guint       topiary_check_count          (GPtrArray       *findings,
                                          TopiarySeverity  severity);

/* {"errors": n, "warnings": n, "infos": n, "findings": [{"severity",
 * "code", "article_id", "group_id", "related_id", "target", "message"}]}
 * (ids of 0 and a NULL target are left out). */
JsonNode   *topiary_check_to_json_node   (GPtrArray       *findings);
char       *topiary_check_to_json        (GPtrArray       *findings,
                                          gboolean         pretty);

G_END_DECLS
