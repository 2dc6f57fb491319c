/* topiary-map-edit-merge.c — merging one article into another, as one
 * undoable edit
 *
 * The remedy of a cannibalization finding that keeps one of two competing
 * articles (topiary-map-edit.h says what is moved where). Every part of it
 * is a step of one edit (topiary-edit.c), so it is written in one
 * transaction and its undo puts back both articles, their queries, their
 * files and every link it rewrote:
 *  - the kept article takes the merged text and queries (one
 *    STEP_REPLACE_ARTICLE, whose undo holds the kept article as it was);
 *  - the absorbed article's files get a reference in the kept article
 *    (STEP_ADD_FILE); its own references go to the trash with it;
 *  - the bodies that link to the absorbed article are rewritten
 *    (STEP_BODY);
 *  - the kept article takes the absorbed one's place in every dismissed
 *    link suggestion that names it (STEP_DISMISS): it holds the absorbed
 *    text and queries now, so what the writer dismissed for or to the one
 *    stays dismissed for or to the other;
 *  - the absorbed article is deleted (STEP_DELETE_ARTICLE), so it is among
 *    the Deleted Articles, its dismissals kept with it for the undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "topiary-edit-private.h"
#include "topiary-link.h"
#include "topiary-map-edit.h"
#include "topiary-markdown.h"
#include "topiary-media.h"
#include "topiary-media-edit.h"
#include "topiary-media-refs.h"

/* ---- the text ---- */

/* TRUE when @body's first non-blank line is an ATX heading ("# …"). */
static gboolean
starts_with_heading (const char *body)
{
  const char *p = body;
  guint hashes = 0;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  while (p[hashes] == '#')
    hashes++;
  return hashes >= 1 && hashes <= 6 && (p[hashes] == ' ' || p[hashes] == '\t' ||
                                        p[hashes] == '\n' || p[hashes] == '\0');
}

/* @kept, a blank line, then @absorbed under a "## @title" heading unless
 * it starts with a heading of its own. An empty side adds nothing. */
static char *
merged_body (const char *kept,
             const char *absorbed,
             const char *title)
{
  g_autofree char *tail = g_strstrip (g_strdup (absorbed));
  GString *out = g_string_new (kept);

  if (*tail == '\0')
    return g_string_free (out, FALSE);
  /* Trailing white space of the kept text goes: one blank line between. */
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  if (out->len > 0)
    g_string_append (out, "\n\n");
  if (!starts_with_heading (tail))
    g_string_append_printf (out, "## %s\n\n", title);
  g_string_append (out, tail);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- links to the absorbed article ---- */

typedef struct {
  TopiaryLinkIndex *before;   /* every article */
  TopiaryLinkIndex *after;    /* without the absorbed one */
  gint64            keep_id;
  gint64            absorb_id;
  const char       *keep_slug;
  const char       *keep_title;
  const char       *absorb_slug;
  const char       *absorb_title;
} Redirect;

/* The new target of a wiki link that names the absorbed article: the
 * kept article by slug when the link named it by its slug (and not its
 * title), else by title (by slug when the title would not name it), with
 * the link's heading. */
static char *
redirect_wiki (const char *target,
               gpointer    user_data)
{
  Redirect *r = user_data;
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *slug_key = NULL;
  g_autofree char *title_key = NULL;
  g_autofree char *to = NULL;
  g_autofree char *check = NULL;
  const char *base;

  if (topiary_link_index_resolve (r->before, target, NULL, &heading) != r->absorb_id)
    return NULL;
  name = heading != NULL ? g_strndup (target, strlen (target) - strlen (heading) - 1) : g_strdup (target);
  name_key = topiary_link_key (name, -1);
  slug_key = topiary_link_key (r->absorb_slug, -1);
  title_key = topiary_link_key (r->absorb_title, -1);
  base = (strcmp (name_key, slug_key) == 0 && strcmp (name_key, title_key) != 0) || strpbrk (r->keep_title, "[]|#\r\n") != NULL
         ? r->keep_slug : r->keep_title;
  to = heading != NULL ? g_strconcat (base, "#", heading, NULL) : g_strdup (base);
  if (topiary_link_index_resolve (r->after, to, NULL, &check) != r->keep_id)
    {
      g_free (to);
      to = heading != NULL ? g_strconcat (r->keep_slug, "#", heading, NULL) : g_strdup (r->keep_slug);
    }
  return g_steal_pointer (&to);
}

/* Where @slug stands in @url as its last path segment (followed by the
 * end, "/", ".md", ".html", "#" or "?"), or -1. */
static gssize
slug_in_url (const char *url,
             const char *slug)
{
  gsize len = strlen (slug);
  gssize found = -1;

  for (const char *p = strstr (url, slug); p != NULL; p = strstr (p + 1, slug))
    {
      char after = p[len];

      if ((p == url || p[-1] == '/') &&
          (after == '\0' || after == '/' || after == '.' || after == '#' || after == '?'))
        found = p - url;
    }
  return found;
}

/* @text with its relative Markdown links to the absorbed article
 * (`[…](../slug/)`) pointing at the kept one; NULL when none does. */
static char *
redirect_markdown (const char     *text,
                   const Redirect *r)
{
  g_autoptr(GArray) refs = NULL;
  GString *out = NULL;
  gsize copied = 0;

  if (strstr (text, r->absorb_slug) == NULL)
    return NULL;
  refs = topiary_media_scan_refs (text);
  for (guint i = 0; i < refs->len; i++)
    {
      const TopiaryMediaRef *ref = &g_array_index (refs, TopiaryMediaRef, i);
      g_autofree char *slug = ref->image ? NULL : topiary_markdown_relative_link_slug (ref->url);
      gssize at;

      if (slug == NULL || strcmp (slug, r->absorb_slug) != 0 ||
          (at = slug_in_url (ref->url, r->absorb_slug)) < 0)
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      g_string_append_len (out, text + copied, ref->start - copied);
      g_string_append_len (out, ref->url, at);
      g_string_append (out, r->keep_slug);
      g_string_append (out, ref->url + at + strlen (r->absorb_slug));
      copied = ref->start + ref->len;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}

/* @body with both kinds of links to the absorbed article redirected;
 * NULL when nothing changed. */
static char *
redirect_links (const char *body,
                Redirect   *r)
{
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autofree char *wiki = NULL;
  g_autofree char *markdown = NULL;
  const char *now = body;

  if (strstr (body, "[[") != NULL)
    {
      options.retarget = redirect_wiki;
      options.user_data = r;
      wiki = topiary_markdown_rewrite_links (body, &options, NULL);
      now = wiki;
    }
  markdown = redirect_markdown (now, r);
  if (markdown != NULL)
    now = markdown;
  if (strcmp (now, body) == 0)
    return NULL;
  return g_strdup (now);
}

/* ---- files ---- */

static gboolean
name_taken (GHashTable *names,
            const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_hash_table_contains (names, folded);
}

static void
take_name (GHashTable *names,
           const char *name)
{
  g_hash_table_add (names, g_ascii_strdown (name, -1));
}

/* @name ("images/a.png"), or "images/a-2.png", "-3" … when it is taken. */
static char *
free_name (GHashTable *names,
           const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = NULL;

  if (!name_taken (names, name))
    return g_strdup (name);
  if (dot == NULL || (slash != NULL && dot < slash))
    dot = name + strlen (name);
  stem = g_strndup (name, dot - name);
  for (guint i = 2; ; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u%s", stem, i, dot);

      if (!name_taken (names, candidate))
        return g_steal_pointer (&candidate);
    }
}

/* Adds to @edit a STEP_ADD_FILE for each file of the absorbed article the
 * kept one lacks, and rewrites @text (the absorbed body) where a file gets
 * another name in the kept article. */
static gboolean
move_files (TopiaryProject  *project,
            TopiaryEdit     *edit,
            gint64           keep_id,
            gint64           absorb_id,
            char           **text,
            GError         **error)
{
  g_autoptr(GPtrArray) kept = topiary_project_list_files (project, keep_id, error);
  g_autoptr(GPtrArray) absorbed = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (kept == NULL || (absorbed = topiary_project_list_files (project, absorb_id, error)) == NULL)
    return FALSE;
  /* A new name is unlike every name of both, so one rewrite never feeds
   * another. */
  for (guint i = 0; i < kept->len; i++)
    take_name (names, ((TopiaryFileInfo *) g_ptr_array_index (kept, i))->name);
  for (guint i = 0; i < absorbed->len; i++)
    take_name (names, ((TopiaryFileInfo *) g_ptr_array_index (absorbed, i))->name);

  for (guint i = 0; i < absorbed->len; i++)
    {
      TopiaryFileInfo *file = g_ptr_array_index (absorbed, i);
      g_autofree char *name = NULL;
      g_autofree char *rewritten = NULL;

      for (guint k = 0; name == NULL && k < kept->len; k++)
        {
          TopiaryFileInfo *same = g_ptr_array_index (kept, k);

          /* The kept article has these bytes: its name serves. */
          if (strcmp (same->sha256, file->sha256) == 0)
            name = g_strdup (same->name);
        }
      if (name == NULL)
        {
          gboolean clash = FALSE;
          Step *step;

          for (guint k = 0; k < kept->len; k++)
            if (g_ascii_strcasecmp (((TopiaryFileInfo *) g_ptr_array_index (kept, k))->name, file->name) == 0)
              clash = TRUE;
          name = clash ? free_name (names, file->name) : g_strdup (file->name);
          take_name (names, name);
          step = _topiary_edit_step_new (STEP_ADD_FILE, keep_id);
          step->slug = g_strdup (name);
          step->text = g_strdup (file->sha256);
          g_ptr_array_add (edit->steps, step);
        }
      if (strcmp (name, file->name) != 0 &&
          (rewritten = topiary_media_rewrite_refs (*text, file->name, name, NULL)) != NULL)
        {
          g_free (*text);
          *text = g_steal_pointer (&rewritten);
        }
    }
  return TRUE;
}

/* ---- the queries ---- */

/* The kept article's queries, then the absorbed one's it lacks (compared
 * by their link key: case, Unicode form and spacing do not count). The
 * kept article's primary query stays primary; when it has none, the
 * absorbed one's becomes it. */
static void
merge_queries (TopiaryArticle *merged,
               TopiaryArticle *keep,
               TopiaryArticle *absorb)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) queries = g_ptr_array_new ();
  const char * const *kept = topiary_article_get_queries (keep);
  const char * const *absorbed = topiary_article_get_queries (absorb);
  int primary = topiary_article_get_primary_query (keep);
  int absorbed_primary = topiary_article_get_primary_query (absorb);

  for (guint i = 0; kept[i] != NULL; i++)
    if (g_hash_table_add (seen, topiary_link_key (kept[i], -1)))
      g_ptr_array_add (queries, (gpointer) kept[i]);
  if (primary < 0 && absorbed_primary >= 0 &&
      g_hash_table_add (seen, topiary_link_key (absorbed[absorbed_primary], -1)))
    {
      primary = queries->len;
      g_ptr_array_add (queries, (gpointer) absorbed[absorbed_primary]);
    }
  for (guint i = 0; absorbed[i] != NULL; i++)
    if (g_hash_table_add (seen, topiary_link_key (absorbed[i], -1)))
      g_ptr_array_add (queries, (gpointer) absorbed[i]);
  g_ptr_array_add (queries, NULL);
  topiary_article_set_queries (merged, (const char * const *) queries->pdata);
  if (queries->len > 1)
    topiary_article_set_primary_query (merged, MAX (primary, 0));
}

/* ---- dismissed suggestions ---- */

/* A STEP_DISMISS for @article_id of each dismissal in @from ("kind:id"
 * keys) it inherits: with @any every one (the absorbed article's own, to
 * the same target), else those to @absorb_id, now to @target_id. None that
 * @has (@article_id's) holds already, none to itself or to @absorb_id. */
static void
add_dismissals (TopiaryEdit *edit,
                GHashTable  *from,
                GHashTable  *has,
                gint64       article_id,
                gint64       target_id,
                gint64       absorb_id,
                gboolean     any)
{
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      const char *colon = strrchr (key, ':');
      gint64 id = colon ? g_ascii_strtoll (colon + 1, NULL, 10) : 0;
      gint64 target = any ? id : target_id;
      g_autofree char *kind = colon ? g_strndup (key, colon - key) : NULL;
      g_autofree char *wanted = NULL;
      Step *step;

      if (kind == NULL || (!any && id != absorb_id) || target == article_id || target == absorb_id)
        continue;
      wanted = topiary_dismissal_key (kind, target);
      if (g_hash_table_contains (has, wanted))
        continue;
      step = _topiary_edit_step_new (STEP_DISMISS, article_id);
      step->target_id = target;
      step->slug = g_steal_pointer (&kind);
      g_ptr_array_add (edit->steps, step);
    }
}

/* ---- the operation ---- */

static TopiaryEdit *
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID, message);
  return NULL;
}

/* The plan of the merge, as steps of @edit. */
static gboolean
plan (TopiaryProject  *project,
      TopiaryEdit     *edit,
      TopiaryArticle  *keep,
      TopiaryArticle  *absorb,
      GError         **error)
{
  g_autoptr(GListModel) list = topiary_project_list_articles (project, error);
  g_autoptr(TopiaryLinkIndex) before = topiary_link_index_new ();
  g_autoptr(TopiaryLinkIndex) after = topiary_link_index_new ();
  g_autoptr(TopiaryArticle) merged = topiary_article_copy (keep);
  g_autofree char *absorbed_text = g_strdup (topiary_article_get_body (absorb));
  g_autofree char *body = NULL;
  g_autofree char *redirected = NULL;
  gint64 keep_id = topiary_article_get_id (keep);
  gint64 absorb_id = topiary_article_get_id (absorb);
  gint64 group_id = topiary_article_get_group_id (keep);
  gboolean takes_pillar = topiary_article_get_kind (absorb) == TOPIARY_KIND_PILLAR;
  Redirect r = { before, after, keep_id, absorb_id, topiary_article_get_slug (keep),
                 topiary_article_get_title (keep), topiary_article_get_slug (absorb),
                 topiary_article_get_title (absorb) };
  g_autoptr(GHashTable) keep_dismissed = NULL;
  g_autoptr(GHashTable) absorb_dismissed = NULL;
  Step *step;
  guint n;

  if (list == NULL)
    return FALSE;
  keep_dismissed = topiary_project_list_dismissals (project, keep_id, error);
  if (keep_dismissed == NULL)
    return FALSE;
  absorb_dismissed = topiary_project_list_dismissals (project, absorb_id, error);
  if (absorb_dismissed == NULL)
    return FALSE;
  /* What the absorbed article dismissed, the kept one has dismissed. */
  add_dismissals (edit, absorb_dismissed, keep_dismissed, keep_id, 0, absorb_id, TRUE);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (list, i);
      gint64 id = topiary_article_get_id (a);

      topiary_link_index_add (before, id, topiary_article_get_slug (a), topiary_article_get_title (a));
      if (id != absorb_id)
        topiary_link_index_add (after, id, topiary_article_get_slug (a), topiary_article_get_title (a));
    }

  /* The files first: their names may change in the absorbed text. */
  if (!move_files (project, edit, keep_id, absorb_id, &absorbed_text, error))
    return FALSE;
  body = merged_body (topiary_article_get_body (keep), absorbed_text, topiary_article_get_title (absorb));
  redirected = redirect_links (body, &r);
  topiary_article_set_body (merged, redirected ? redirected : body);
  merge_queries (merged, keep, absorb);
  if (takes_pillar)
    {
      /* The kept article is the group's pillar in its place. */
      topiary_article_set_kind (merged, TOPIARY_KIND_PILLAR);
      topiary_article_set_parent_id (merged, 0);
    }
  else if (topiary_article_get_parent_id (keep) == absorb_id)
    topiary_article_set_parent_id (merged, topiary_article_get_parent_id (absorb));
  step = _topiary_edit_step_new (STEP_REPLACE_ARTICLE, keep_id);
  step->article = g_steal_pointer (&merged);
  /* STEP_REPLACE_ARTICLE runs before the file steps, which name files the
   * merged text refers to. */
  g_ptr_array_insert (edit->steps, 0, step);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (list, i);
      gint64 id = topiary_article_get_id (a);
      g_autofree char *text = NULL;
      g_autofree char *rewritten = NULL;

      if (id == keep_id || id == absorb_id)
        continue;
      /* The absorbed article's clusters hang under the kept one (in its
       * group), or lose their parent (elsewhere). */
      if (topiary_article_get_parent_id (a) == absorb_id)
        {
          step = _topiary_edit_article_state (a);
          step->position = 0;
          step->fields = FIELD_PARENT;
          step->parent_id = topiary_article_get_group_id (a) == group_id && group_id != 0 ? keep_id : 0;
          g_ptr_array_add (edit->steps, step);
        }
      if ((text = topiary_project_get_body (project, id, error)) == NULL)
        return FALSE;
      /* What it dismissed to the absorbed article, it has to the kept one. */
      {
        g_autoptr(GHashTable) dismissed = topiary_project_list_dismissals (project, id, error);

        if (dismissed == NULL)
          return FALSE;
        add_dismissals (edit, dismissed, dismissed, id, keep_id, absorb_id, FALSE);
      }
      if ((rewritten = redirect_links (text, &r)) != NULL)
        {
          step = _topiary_edit_step_new (STEP_BODY, id);
          step->text = g_steal_pointer (&rewritten);
          g_ptr_array_add (edit->steps, step);
        }
    }
  g_ptr_array_add (edit->steps, _topiary_edit_step_new (STEP_DELETE_ARTICLE, absorb_id));
  return TRUE;
}

TopiaryEdit *
topiary_map_edit_merge_articles (TopiaryProject  *project,
                                 gint64           keep_id,
                                 gint64           absorb_id,
                                 GError         **error)
{
  g_autoptr(TopiaryArticle) keep = NULL;
  g_autoptr(TopiaryArticle) absorb = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;

  g_return_val_if_fail (TOPIARY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (keep_id == absorb_id)
    return refuse (error, _("An article cannot be merged into itself."));
  keep = topiary_project_get_article (project, keep_id, TRUE, NULL);
  if (keep == NULL)
    {
      _topiary_edit_no_article (keep_id, error);
      return NULL;
    }
  absorb = topiary_project_get_article (project, absorb_id, TRUE, NULL);
  if (absorb == NULL)
    {
      _topiary_edit_no_article (absorb_id, error);
      return NULL;
    }
  if (topiary_article_get_kind (absorb) == TOPIARY_KIND_PILLAR &&
      topiary_article_get_group_id (absorb) != topiary_article_get_group_id (keep))
    {
      g_set_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID,
                   _("“%s” is the pillar of its group and can only be merged into an article of that group."),
                   topiary_article_get_title (absorb));
      return NULL;
    }

  edit = _topiary_edit_new (_("Merge"));
  edit->article_id = keep_id;
  if (!plan (project, edit, keep, absorb, error))
    return NULL;
  return _topiary_edit_apply_steps (edit, project, error);
}
