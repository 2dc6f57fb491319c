/* topiary-links-panel.c — the links of the open article
 *
 * Three lists, from one TopiaryLinksReport: the suggested links (each with
 * Insert and Dismiss), the links of the text (resolved ones open their
 * target), and the links to it (each opens its source at the link). The
 * panel never computes: the article pane asks the link service after an
 * edit (debounced) and hands the report here.
 *
 * Insert asks the service again for the text as it is now (it may have
 * changed since the report) and makes the edit one user action of the
 * editor's buffer, so one Undo takes it back. Dismiss is stored in the
 * project; "changed" then asks the pane for a new report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-links-panel.h"

struct _TopiaryLinksPanel
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  AdwPreferencesGroup *suggestions_group;
  AdwPreferencesGroup *outgoing_group;
  AdwPreferencesGroup *backlinks_group;
  GtkListBox         *suggestions_list;
  GtkListBox         *outgoing_list;
  GtkListBox         *backlinks_list;

  TopiaryEditor      *editor;    /* not owned; cleared with the pane's */
  TopiaryLinkService *service;
  gint64              article_id;
  guint               n_suggestions;
};

/* Rows per list: a pillar of a large map may have hundreds of
 * suggestions and backlinks; rebuilding them all after every pause in
 * typing would stall it. The rest is counted in a last row. */
#define MAX_ROWS 40

G_DEFINE_FINAL_TYPE (TopiaryLinksPanel, topiary_links_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
topiary_links_panel_set_editor (TopiaryLinksPanel *self,
                                TopiaryEditor     *editor)
{
  g_return_if_fail (TOPIARY_IS_LINKS_PANEL (self));
  self->editor = editor;
}

void
topiary_links_panel_set_service (TopiaryLinksPanel  *self,
                                 TopiaryLinkService *service)
{
  g_return_if_fail (TOPIARY_IS_LINKS_PANEL (self));
  g_set_object (&self->service, service);
}

guint
topiary_links_panel_get_n_suggestions (TopiaryLinksPanel *self)
{
  g_return_val_if_fail (TOPIARY_IS_LINKS_PANEL (self), 0);
  return self->n_suggestions;
}

/* ---- rows ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
title_of (const TopiaryLinksReport *report,
          gint64                    id)
{
  TopiaryMapArticle *a = id != 0 ? topiary_map_lookup_article (report->map, id) : NULL;

  return a != NULL ? topiary_article_get_title (a->article) : "";
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *sub_markup = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub_markup);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static void
add_more (GtkListBox *list,
          guint       total)
{
  g_autofree char *more = NULL;

  if (total <= MAX_ROWS)
    return;
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", total - MAX_ROWS),
                          total - MAX_ROWS);
  add_placeholder (list, more);
}

static char *
suggestion_title (const TopiaryLinksReport *report,
                  const TopiarySuggestion  *s)
{
  const char *target = title_of (report, s->target_id);

  switch (s->kind)
    {
    case TOPIARY_SUGGESTION_REQUIRED:
      switch (s->reason)
        {
        case TOPIARY_REQUIRED_PILLAR:
          return g_strdup_printf (_("Link up to the pillar “%s”"), target);
        case TOPIARY_REQUIRED_CLUSTER:
          return g_strdup_printf (_("Link down to “%s”"), target);
        case TOPIARY_REQUIRED_PLAN:
        case TOPIARY_REQUIRED_NONE:
        default:
          return g_strdup_printf (_("Planned link to “%s”"), target);
        }
    case TOPIARY_SUGGESTION_MENTION:
      return g_strdup_printf (_("“%s” mentions “%s”"), s->anchor, target);
    case TOPIARY_SUGGESTION_SIBLING:
      return g_strdup_printf (_("Link across to “%s”"), target);
    case TOPIARY_SUGGESTION_ANCHOR:
    default:
      return g_strdup_printf (_("Vary the anchor for “%s”"), target);
    }
}

static char *
suggestion_subtitle (const TopiarySuggestion *s)
{
  if (s->kind == TOPIARY_SUGGESTION_ANCHOR)
    {
      g_autofree char *others = g_strjoinv (_("”, “"), s->alternatives);

      return g_strdup_printf (_("Other articles use “%s” too; try “%s”."), s->anchor, others);
    }
  if (s->sentence != NULL)
    return g_strdup (s->sentence);
  if (!s->has_position)
    return g_strdup_printf (_("Inserted at the cursor as “%s”."), s->anchor);
  return NULL;
}

static GtkWidget *
suggestion_row (TopiaryLinksPanel        *self,
                const TopiaryLinksReport *report,
                const TopiarySuggestion  *s)
{
  g_autofree char *title = suggestion_title (report, s);
  g_autofree char *subtitle = suggestion_subtitle (s);
  g_autofree char *insert_name = g_strdup_printf (_("Insert the link to “%s”"), title_of (report, s->target_id));
  g_autofree char *dismiss_name = g_strdup_printf (_("Dismiss the link to “%s”"), title_of (report, s->target_id));
  const char *kind = topiary_suggestion_kind_to_string (s->kind);
  GtkWidget *row = row_new (title, subtitle);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *insert, *dismiss;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  /* An anchor suggestion changes an existing link's words: the writer
   * does that by hand; it can only be dismissed. */
  if (s->kind != TOPIARY_SUGGESTION_ANCHOR)
    {
      insert = gtk_button_new_with_label (_("Insert"));
      gtk_widget_set_tooltip_text (insert, insert_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (insert), GTK_ACCESSIBLE_PROPERTY_LABEL, insert_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (insert), "links.insert");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (insert), "(sxs)", kind, s->target_id, s->anchor ? s->anchor : "");
      gtk_box_append (GTK_BOX (box), insert);
    }
  dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_tooltip_text (dismiss, dismiss_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL, dismiss_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "links.dismiss");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "(sx)", kind, s->target_id);
  gtk_box_append (GTK_BOX (box), dismiss);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static GtkWidget *
outgoing_row (const TopiaryLinksReport *report,
              const TopiaryOutlink     *link)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  switch (link->state)
    {
    case TOPIARY_OUTLINK_RESOLVED:
      subtitle = g_strdup_printf (_("To “%s”."), title_of (report, link->target_id));
      break;
    case TOPIARY_OUTLINK_PLANNED:
      subtitle = g_strdup_printf (_("To “%s”, planned and not written yet."), title_of (report, link->target_id));
      break;
    case TOPIARY_OUTLINK_UNRESOLVED:
    default:
      subtitle = g_strdup_printf (_("No article is called “%s”."), link->target);
      break;
    }
  row = row_new (link->label != NULL && *link->label != '\0' ? link->label : link->target, subtitle);
  if (link->state == TOPIARY_OUTLINK_UNRESOLVED)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  if (link->target_id != 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-article");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", link->target_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

static GtkWidget *
backlink_row (const TopiaryLinksReport *report,
              const TopiaryBacklink    *link)
{
  GtkWidget *row = row_new (title_of (report, link->source_id), link->sentence);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "links.open-backlink");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xt)", link->source_id, (guint64) link->start);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

void
topiary_links_panel_show_loading (TopiaryLinksPanel *self)
{
  g_return_if_fail (TOPIARY_IS_LINKS_PANEL (self));

  /* A report shown stays until the next one replaces it. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "report") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
topiary_links_panel_show_report (TopiaryLinksPanel        *self,
                                 const TopiaryLinksReport *report)
{
  g_return_if_fail (TOPIARY_IS_LINKS_PANEL (self));

  clear_list (self->suggestions_list);
  clear_list (self->outgoing_list);
  clear_list (self->backlinks_list);
  self->n_suggestions = 0;
  self->article_id = report != NULL ? report->article_id : 0;
  if (report == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < MIN (report->suggestions->len, MAX_ROWS); i++)
    gtk_list_box_append (self->suggestions_list,
                         suggestion_row (self, report, g_ptr_array_index (report->suggestions, i)));
  add_more (self->suggestions_list, report->suggestions->len);
  self->n_suggestions = report->suggestions->len;
  if (report->suggestions->len == 0)
    add_placeholder (self->suggestions_list, _("No links to add"));
  for (guint i = 0; i < MIN (report->outgoing->len, MAX_ROWS); i++)
    gtk_list_box_append (self->outgoing_list, outgoing_row (report, g_ptr_array_index (report->outgoing, i)));
  add_more (self->outgoing_list, report->outgoing->len);
  if (report->outgoing->len == 0)
    add_placeholder (self->outgoing_list, _("No links yet"));
  for (guint i = 0; i < MIN (report->backlinks->len, MAX_ROWS); i++)
    gtk_list_box_append (self->backlinks_list, backlink_row (report, g_ptr_array_index (report->backlinks, i)));
  add_more (self->backlinks_list, report->backlinks->len);
  if (report->backlinks->len == 0)
    add_placeholder (self->backlinks_list, _("No article links here yet"));
  gtk_stack_set_visible_child_name (self->stack, "report");
}

/* ---- actions ---- */

static void
links_insert (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TopiaryLinksPanel *self = TOPIARY_LINKS_PANEL (widget);
  const char *kind_str, *anchor;
  TopiarySuggestionKind kind;
  gint64 target_id, article_id;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter, end;
  gsize cursor, start_byte, end_byte;

  g_variant_get (parameter, "(&sx&s)", &kind_str, &target_id, &anchor);
  if (self->editor == NULL || self->service == NULL ||
      !topiary_suggestion_kind_from_string (kind_str, &kind) ||
      (article_id = topiary_editor_get_article_id (self->editor)) == 0)
    return;

  buffer = GTK_TEXT_BUFFER (topiary_editor_get_buffer (self->editor));
  body = topiary_editor_dup_text (self->editor);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  cursor = g_utf8_offset_to_pointer (body, gtk_text_iter_get_offset (&iter)) - body;
  text = topiary_link_service_edit (self->service, article_id, kind, target_id,
                                    *anchor != '\0' ? anchor : NULL, body, cursor,
                                    &start_byte, &end_byte);
  if (text == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, _("The text no longer has this mention."));
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }
  /* Bytes of the text to offsets in the buffer. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (body, body + start_byte));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (body, body + end_byte));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &iter, &end);
  gtk_text_buffer_insert (buffer, &iter, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
links_dismiss (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TopiaryLinksPanel *self = TOPIARY_LINKS_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *kind;
  gint64 target_id;

  g_variant_get (parameter, "(&sx)", &kind, &target_id);
  if (self->service == NULL || self->article_id == 0)
    return;
  if (!topiary_project_dismiss_suggestion (topiary_link_service_get_project (self->service),
                                           self->article_id, target_id, kind, &error))
    {
      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Opens the source at the line of its link. */
static void
links_open_backlink (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TopiaryLinksPanel *self = TOPIARY_LINKS_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gint64 source_id;
  guint64 start;
  guint line = 1;

  g_variant_get (parameter, "(xt)", &source_id, &start);
  if (self->service == NULL)
    return;
  body = topiary_project_get_body (topiary_link_service_get_project (self->service), source_id, &error);
  if (body == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
      return;
    }
  for (gsize i = 0; body[i] != '\0' && i < start; i++)
    if (body[i] == '\n')
      line++;
  gtk_widget_activate_action (widget, "win.open-article-at-line", "(xu)", source_id, (guint32) line);
}

/* ---- life cycle ---- */

static void
topiary_links_panel_dispose (GObject *object)
{
  TopiaryLinksPanel *self = TOPIARY_LINKS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_LINKS_PANEL);
  g_clear_object (&self->service);
  self->editor = NULL;
  G_OBJECT_CLASS (topiary_links_panel_parent_class)->dispose (object);
}

static void
topiary_links_panel_class_init (TopiaryLinksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_links_panel_dispose;

  /* What the panel shows is out of date (a dismissal): ask again. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Something to tell the user. */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-links-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, outgoing_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, backlinks_group);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, outgoing_list);
  gtk_widget_class_bind_template_child (widget_class, TopiaryLinksPanel, backlinks_list);

  gtk_widget_class_install_action (widget_class, "links.insert", "(sxs)", links_insert);
  gtk_widget_class_install_action (widget_class, "links.dismiss", "(sx)", links_dismiss);
  gtk_widget_class_install_action (widget_class, "links.open-backlink", "(xt)", links_open_backlink);
}

static void
topiary_links_panel_init (TopiaryLinksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
