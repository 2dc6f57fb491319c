/* topiary-title-bar.c — offers to remove a heading that repeats the title
 *
 * The page shows the article's title as its <h1>, and a body that starts
 * with the same heading loses it in the preview and on the site
 * (docs/highlighting.md). The bar says so above the editor; its action
 * `title.remove` deletes the heading and the blank lines after it in one
 * user action, which the editor's undo takes back like any edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "topiary-markdown-title.h"
#include "topiary-title-bar.h"

struct _TopiaryTitleBar
{
  GtkWidget      parent_instance;

  GtkRevealer   *revealer;
  GtkTextBuffer *buffer;   /* weak */
  char          *title;
};

G_DEFINE_FINAL_TYPE (TopiaryTitleBar, topiary_title_bar, GTK_TYPE_WIDGET)

static void
set_shown (TopiaryTitleBar *self,
           gboolean         shown)
{
  gtk_revealer_set_reveal_child (self->revealer, shown);
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "title.remove", shown);
}

void
topiary_title_bar_update (TopiaryTitleBar *self,
                          const char      *title,
                          const char      *text)
{
  g_return_if_fail (TOPIARY_IS_TITLE_BAR (self));

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
    }
  set_shown (self, title != NULL && text != NULL &&
                   topiary_markdown_starts_with_title (text, title, NULL));
}

gboolean
topiary_title_bar_is_shown (TopiaryTitleBar *self)
{
  g_return_val_if_fail (TOPIARY_IS_TITLE_BAR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self));
}

static void
remove_heading (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TopiaryTitleBar *self = TOPIARY_TITLE_BAR (widget);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  gsize bytes = 0;

  if (self->buffer == NULL || self->title == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  if (!topiary_markdown_starts_with_title (text, self->title, &bytes))
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, g_utf8_strlen (text, bytes));
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_end_user_action (self->buffer);
}

void
topiary_title_bar_set_buffer (TopiaryTitleBar *self,
                              GtkTextBuffer   *buffer)
{
  g_return_if_fail (TOPIARY_IS_TITLE_BAR (self));

  g_set_weak_pointer (&self->buffer, buffer);
}

static void
topiary_title_bar_dispose (GObject *object)
{
  TopiaryTitleBar *self = TOPIARY_TITLE_BAR (object);

  g_clear_weak_pointer (&self->buffer);
  g_clear_pointer (&self->title, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_TITLE_BAR);

  G_OBJECT_CLASS (topiary_title_bar_parent_class)->dispose (object);
}

static void
topiary_title_bar_class_init (TopiaryTitleBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_title_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-title-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryTitleBar, revealer);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "title.remove", NULL, remove_heading);
}

static void
topiary_title_bar_init (TopiaryTitleBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_shown (self, FALSE);
}
