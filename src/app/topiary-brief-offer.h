/* topiary-brief-offer.h — "Start from the Brief", offered over an empty
 * article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "topiary-editor.h"
#include "topiary-link-service.h"

G_BEGIN_DECLS

#define TOPIARY_TYPE_BRIEF_OFFER (topiary_brief_offer_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryBriefOffer, topiary_brief_offer, TOPIARY, BRIEF_OFFER, GtkWidget)

void topiary_brief_offer_set_editor  (TopiaryBriefOffer  *self,
                                      TopiaryEditor      *editor);
void topiary_brief_offer_set_service (TopiaryBriefOffer  *self,
                                      TopiaryLinkService *service);
/* Shows itself when the editor's article is empty (only white space) and
 * can be written, hides otherwise. */
void topiary_brief_offer_update      (TopiaryBriefOffer  *self);

G_END_DECLS
