/* topiary-brief-offer.c — "Start from the Brief" over an empty article
 *
 * The skeleton comes from the core (topiary_brief_skeleton(): the title
 * as heading, what the intent expects, the sections, and the required
 * links in place) and replaces the empty text as one user action of the
 * editor's buffer: one Undo gives the empty article back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "topiary-brief-offer.h"

struct _TopiaryBriefOffer
{
  GtkWidget           parent_instance;

  GtkRevealer        *revealer;
  TopiaryEditor      *editor;    /* not owned: the pane's */
  TopiaryLinkService *service;
};

G_DEFINE_FINAL_TYPE (TopiaryBriefOffer, topiary_brief_offer, GTK_TYPE_WIDGET)

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
topiary_brief_offer_update (TopiaryBriefOffer *self)
{
  g_autofree char *text = NULL;
  gboolean shown = FALSE;

  g_return_if_fail (TOPIARY_IS_BRIEF_OFFER (self));

  if (self->editor != NULL && self->service != NULL &&
      topiary_editor_get_article_id (self->editor) != 0 &&
      !topiary_project_is_read_only (topiary_link_service_get_project (self->service)))
    {
      text = topiary_editor_dup_text (self->editor);
      shown = is_blank (text);
    }
  /* The skeleton needs the map's links. */
  if (shown)
    topiary_link_service_prepare (self->service);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brief.start",
                                 shown && self->service != NULL &&
                                 topiary_link_service_is_ready (self->service));
  gtk_revealer_set_reveal_child (self->revealer, shown);
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
}

void
topiary_brief_offer_set_editor (TopiaryBriefOffer *self,
                                TopiaryEditor     *editor)
{
  g_return_if_fail (TOPIARY_IS_BRIEF_OFFER (self));
  self->editor = editor;
  topiary_brief_offer_update (self);
}

void
topiary_brief_offer_set_service (TopiaryBriefOffer  *self,
                                 TopiaryLinkService *service)
{
  g_return_if_fail (TOPIARY_IS_BRIEF_OFFER (self));

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    g_signal_connect_object (service, "ready", G_CALLBACK (topiary_brief_offer_update), self, G_CONNECT_SWAPPED);
  topiary_brief_offer_update (self);
}

static void
brief_start (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TopiaryBriefOffer *self = TOPIARY_BRIEF_OFFER (widget);
  g_autofree char *skeleton = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->editor == NULL || self->service == NULL)
    return;
  skeleton = topiary_link_service_skeleton (self->service, topiary_editor_get_article_id (self->editor));
  if (skeleton == NULL)
    return;
  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (self->editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, skeleton, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_grab_focus (GTK_WIDGET (topiary_editor_get_view (self->editor)));
}

static void
topiary_brief_offer_dispose (GObject *object)
{
  TopiaryBriefOffer *self = TOPIARY_BRIEF_OFFER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_BRIEF_OFFER);
  g_clear_object (&self->service);
  self->editor = NULL;
  G_OBJECT_CLASS (topiary_brief_offer_parent_class)->dispose (object);
}

static void
topiary_brief_offer_class_init (TopiaryBriefOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_brief_offer_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-brief-offer.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryBriefOffer, revealer);
  gtk_widget_class_install_action (widget_class, "brief.start", NULL, brief_start);
}

static void
topiary_brief_offer_init (TopiaryBriefOffer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
