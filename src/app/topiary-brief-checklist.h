/* topiary-brief-checklist.h — the details panel's checklist: how the text
 * follows the article's brief, with a score out of 100
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "topiary-link-service.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_BRIEF_CHECKLIST (topiary_brief_checklist_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryBriefChecklist, topiary_brief_checklist, TOPIARY, BRIEF_CHECKLIST, AdwPreferencesGroup)

/* Shows the checklist of @report (not kept); NULL or one without a
 * checklist hides it. */
void  topiary_brief_checklist_show_report (TopiaryBriefChecklist    *self,
                                           const TopiaryLinksReport *report);
/* The score shown; G_MAXUINT when none is. */
guint topiary_brief_checklist_get_score   (TopiaryBriefChecklist    *self);

G_END_DECLS
