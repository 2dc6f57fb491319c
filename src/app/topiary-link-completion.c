/* topiary-link-completion.c — [[ completion over the map's articles
 *
 * Inside an open `[[` on the cursor's line the provider offers the map's
 * articles (planned ones and ideas too), ranked by topiary_map_find():
 * the current article's pillar and siblings first. `[[Title#` offers that
 * article's headings; after `[[Title|` the label is the user's and
 * nothing is offered. The map is read once when the completion opens and
 * kept while it refilters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "topiary-link-completion.h"
#include "topiary-map-find.h"
#include "topiary-md-outline.h"

/* More is not read by anyone in a popup. */
#define MAX_PROPOSALS 100

/* ---- a proposal ---- */

#define TOPIARY_TYPE_LINK_PROPOSAL (topiary_link_proposal_get_type ())
G_DECLARE_FINAL_TYPE (TopiaryLinkProposal, topiary_link_proposal, TOPIARY, LINK_PROPOSAL, GObject)

struct _TopiaryLinkProposal
{
  GObject  parent_instance;
  char    *target;   /* what goes between [[ and ]] */
  char    *label;    /* the row's text: a title or a heading */
  char    *comment;  /* group and status, or the heading's level */
};

static void proposal_iface_init (GtkSourceCompletionProposalInterface *iface) { }

G_DEFINE_FINAL_TYPE_WITH_CODE (TopiaryLinkProposal, topiary_link_proposal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROPOSAL, proposal_iface_init))

static void
topiary_link_proposal_finalize (GObject *object)
{
  TopiaryLinkProposal *self = TOPIARY_LINK_PROPOSAL (object);

  g_free (self->target);
  g_free (self->label);
  g_free (self->comment);
  G_OBJECT_CLASS (topiary_link_proposal_parent_class)->finalize (object);
}

static void
topiary_link_proposal_class_init (TopiaryLinkProposalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = topiary_link_proposal_finalize;
}

static void
topiary_link_proposal_init (TopiaryLinkProposal *self)
{
}

static TopiaryLinkProposal *
proposal_new (const char *target,
              const char *label,
              const char *comment)
{
  TopiaryLinkProposal *p = g_object_new (TOPIARY_TYPE_LINK_PROPOSAL, NULL);

  p->target = g_strdup (target);
  p->label = g_strdup (label);
  p->comment = g_strdup (comment);
  return p;
}

/* ---- the provider ---- */

struct _TopiaryLinkCompletion
{
  GObject         parent_instance;
  TopiaryProject *project;
  gint64          article_id;
  TopiaryMap     *map;       /* read when the completion opens */
  char           *heading_target;  /* the article whose headings @headings are */
  GPtrArray      *headings;
};

static void provider_iface_init (GtkSourceCompletionProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TopiaryLinkCompletion, topiary_link_completion, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROVIDER, provider_iface_init))

const char *
topiary_link_completion_status_label (TopiaryStatus status)
{
  switch (status)
    {
    case TOPIARY_STATUS_IDEA: return _("Idea");
    case TOPIARY_STATUS_PLANNED: return _("Planned");
    case TOPIARY_STATUS_DRAFTING: return _("Drafting");
    case TOPIARY_STATUS_REVIEW: return _("In review");
    case TOPIARY_STATUS_PUBLISHED: return _("Published");
    case TOPIARY_N_STATUS:
    default: return "";
    }
}

/* What was typed after the open "[[" before @iter, or NULL when the
 * cursor is not inside one (or is in its label, after '|'). @start
 * receives where it begins. */
static char *
typed_target (const GtkTextIter *iter,
              GtkTextIter       *start)
{
  GtkTextIter line_start = *iter;
  g_autofree char *head = NULL;
  const char *open, *typed;

  gtk_text_iter_set_line_offset (&line_start, 0);
  head = gtk_text_iter_get_slice (&line_start, iter);
  open = g_strrstr (head, "[[");
  if (open == NULL)
    return NULL;
  typed = open + 2;
  if (strstr (typed, "]]") != NULL || strchr (typed, '|') != NULL || strchr (typed, '[') != NULL)
    return NULL;
  if (start != NULL)
    {
      *start = line_start;
      gtk_text_iter_forward_chars (start, (int) g_utf8_strlen (head, typed - head));
    }
  return g_strdup (typed);
}

static void
fill_articles (TopiaryLinkCompletion *self,
               GListStore            *store,
               const char            *typed)
{
  g_autoptr(GArray) found = topiary_map_find (self->map, typed, self->article_id,
                                              TOPIARY_MAP_FIND_LINK, MAX_PROPOSALS);

  for (guint i = 0; i < found->len; i++)
    {
      TopiaryMapArticle *a = g_array_index (found, TopiaryMapFound, i).article;
      const char *title = topiary_article_get_title (a->article);
      const char *slug = topiary_article_get_slug (a->article);
      const char *group = a->group != NULL ? topiary_group_get_title (a->group->group) : _("Ideas");
      g_autofree char *comment = g_strdup_printf ("%s · %s", group,
                                                  topiary_link_completion_status_label (topiary_article_get_status (a->article)));
      /* A title the link syntax would cut is linked by its slug. */
      gboolean by_slug = title == NULL || *title == '\0' || strchr (title, '|') != NULL ||
                         strstr (title, "]]") != NULL || strchr (title, '\n') != NULL;
      g_autoptr(TopiaryLinkProposal) p = proposal_new (by_slug ? slug : title, title && *title ? title : slug, comment);

      g_list_store_append (store, p);
    }
}

static void
fill_headings (TopiaryLinkCompletion *self,
               GListStore            *store,
               const char            *target,
               const char            *typed)
{
  if (g_strcmp0 (self->heading_target, target) != 0)
    {
      TopiaryMapArticle *a = topiary_map_resolve_link (self->map, target, NULL);
      g_autoptr(TopiaryArticle) article = NULL;

      g_clear_pointer (&self->headings, g_ptr_array_unref);
      g_free (self->heading_target);
      self->heading_target = g_strdup (target);
      if (a != NULL)
        article = topiary_project_get_article (self->project, a->id, TRUE, NULL);
      if (article != NULL && topiary_article_get_body (article) != NULL)
        self->headings = topiary_md_outline (topiary_article_get_body (article));
    }
  for (guint i = 0; self->headings != NULL && i < self->headings->len; i++)
    {
      TopiaryMdHeading *h = g_ptr_array_index (self->headings, i);
      g_autofree char *full = NULL;
      g_autofree char *comment = NULL;
      g_autoptr(TopiaryLinkProposal) p = NULL;

      if (topiary_map_match_text (typed, h->text) == TOPIARY_MAP_MATCH_NONE)
        continue;
      full = g_strconcat (target, "#", h->text, NULL);
      comment = g_strnfill (h->level, '#');
      p = proposal_new (full, h->text, comment);
      g_list_store_append (store, p);
    }
}

static void
fill (TopiaryLinkCompletion *self,
      GListStore            *store,
      GtkSourceCompletionContext *context)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  g_autofree char *typed = NULL;
  GtkTextIter iter;
  const char *hash;

  g_list_store_remove_all (store);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  typed = typed_target (&iter, NULL);
  if (typed == NULL || self->map == NULL)
    return;
  hash = strrchr (typed, '#');
  if (hash != NULL)
    {
      g_autofree char *target = g_strndup (typed, hash - typed);
      fill_headings (self, store, target, hash + 1);
    }
  else
    fill_articles (self, store, typed);
}

static char *
provider_get_title (GtkSourceCompletionProvider *provider)
{
  return g_strdup (_("Articles"));
}

static gboolean
provider_is_trigger (GtkSourceCompletionProvider *provider,
                     const GtkTextIter           *iter,
                     gunichar                     ch)
{
  g_autofree char *typed = NULL;

  /* Every key inside an open [[ keeps it going, spaces and '#' too. */
  if (ch == '|' || ch == ']')
    return FALSE;
  typed = typed_target (iter, NULL);
  return typed != NULL;
}

static void
provider_populate_async (GtkSourceCompletionProvider *provider,
                         GtkSourceCompletionContext  *context,
                         GCancellable                *cancellable,
                         GAsyncReadyCallback          callback,
                         gpointer                     user_data)
{
  TopiaryLinkCompletion *self = TOPIARY_LINK_COMPLETION (provider);
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  g_autoptr(GListStore) store = g_list_store_new (TOPIARY_TYPE_LINK_PROPOSAL);

  g_task_set_source_tag (task, provider_populate_async);
  /* A fresh read of the map each time the completion opens. */
  g_clear_object (&self->map);
  g_clear_pointer (&self->heading_target, g_free);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  if (self->project != NULL)
    self->map = topiary_map_new (self->project, NULL);
  fill (self, store, context);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static GListModel *
provider_populate_finish (GtkSourceCompletionProvider  *provider,
                          GAsyncResult                 *result,
                          GError                      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_refilter (GtkSourceCompletionProvider *provider,
                   GtkSourceCompletionContext  *context,
                   GListModel                  *model)
{
  if (G_IS_LIST_STORE (model))
    fill (TOPIARY_LINK_COMPLETION (provider), G_LIST_STORE (model), context);
}

static void
provider_display (GtkSourceCompletionProvider *provider,
                  GtkSourceCompletionContext  *context,
                  GtkSourceCompletionProposal *proposal,
                  GtkSourceCompletionCell     *cell)
{
  TopiaryLinkProposal *p = TOPIARY_LINK_PROPOSAL (proposal);

  switch (gtk_source_completion_cell_get_column (cell))
    {
    case GTK_SOURCE_COMPLETION_COLUMN_TYPED_TEXT:
      gtk_source_completion_cell_set_text (cell, p->label);
      break;
    case GTK_SOURCE_COMPLETION_COLUMN_AFTER:
      gtk_source_completion_cell_set_text (cell, p->comment);
      break;
    case GTK_SOURCE_COMPLETION_COLUMN_ICON:
    case GTK_SOURCE_COMPLETION_COLUMN_BEFORE:
    case GTK_SOURCE_COMPLETION_COLUMN_COMMENT:
    case GTK_SOURCE_COMPLETION_COLUMN_DETAILS:
    default:
      gtk_source_completion_cell_set_text (cell, NULL);
      break;
    }
}

static void
provider_activate (GtkSourceCompletionProvider *provider,
                   GtkSourceCompletionContext  *context,
                   GtkSourceCompletionProposal *proposal)
{
  TopiaryLinkProposal *p = TOPIARY_LINK_PROPOSAL (proposal);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  g_autofree char *typed = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end, close;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &end, gtk_text_buffer_get_insert (buffer));
  typed = typed_target (&end, &start);
  if (typed == NULL)
    return;
  /* A "]]" already after the cursor (from Ctrl+Shift+K) is kept once. */
  close = end;
  gtk_text_iter_forward_chars (&close, 2);
  {
    g_autofree char *next = gtk_text_iter_get_slice (&end, &close);
    if (g_str_equal (next, "]]"))
      end = close;
  }
  text = g_strconcat (p->target, "]]", NULL);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  offset = gtk_text_iter_get_offset (&start);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset + (int) g_utf8_strlen (text, -1));
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_end_user_action (buffer);
}

static int
provider_get_priority (GtkSourceCompletionProvider *provider,
                       GtkSourceCompletionContext  *context)
{
  return 100;
}

static void
provider_iface_init (GtkSourceCompletionProviderInterface *iface)
{
  iface->get_title = provider_get_title;
  iface->get_priority = provider_get_priority;
  iface->is_trigger = provider_is_trigger;
  iface->populate_async = provider_populate_async;
  iface->populate_finish = provider_populate_finish;
  iface->refilter = provider_refilter;
  iface->display = provider_display;
  iface->activate = provider_activate;
}

void
topiary_link_completion_set_project (TopiaryLinkCompletion *self,
                                     TopiaryProject        *project)
{
  g_return_if_fail (TOPIARY_IS_LINK_COMPLETION (self));
  g_set_object (&self->project, project);
  g_clear_object (&self->map);
}

void
topiary_link_completion_set_article (TopiaryLinkCompletion *self,
                                     gint64                 article_id)
{
  g_return_if_fail (TOPIARY_IS_LINK_COMPLETION (self));
  self->article_id = article_id;
}

static void
topiary_link_completion_dispose (GObject *object)
{
  TopiaryLinkCompletion *self = TOPIARY_LINK_COMPLETION (object);

  g_clear_object (&self->map);
  g_clear_object (&self->project);
  g_clear_pointer (&self->heading_target, g_free);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  G_OBJECT_CLASS (topiary_link_completion_parent_class)->dispose (object);
}

static void
topiary_link_completion_class_init (TopiaryLinkCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = topiary_link_completion_dispose;
}

static void
topiary_link_completion_init (TopiaryLinkCompletion *self)
{
}

TopiaryLinkCompletion *
topiary_link_completion_new (void)
{
  return g_object_new (TOPIARY_TYPE_LINK_COMPLETION, NULL);
}
