/* test-map-edit.c — structural edits of the map: the rules, undo, redo,
 * the trash, and renames that rewrite links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "topiary-map-edit.h"
#include "topiary-project.h"
#include "topiary-trash.h"
#include "topiary-undo-stack.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add (Fixture     *f,
     const char  *title,
     gint64       group_id,
     gint64       parent_id,
     TopiaryKind  kind,
     const char  *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, kind);
  topiary_article_set_body (article, body ? body : "");
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static char *
title_of (TopiaryProject *project,
          gint64          id)
{
  g_autoptr(TopiaryArticle) a = id ? topiary_project_get_article (project, id, FALSE, NULL) : NULL;

  return g_strdup (a ? topiary_article_get_title (a) : "-");
}

/* The whole map as text: groups in order, then every article in writing
 * order with its group, parent, kind, status and body. Ids are left out,
 * since a restored article comes back under a new one. */
static char *
describe (TopiaryProject *project)
{
  g_autoptr(GListModel) groups = topiary_project_list_groups (project, NULL);
  g_autoptr(GListModel) articles = topiary_project_list_articles (project, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(TopiaryGroup) g = g_list_model_get_item (groups, i);
      g_string_append_printf (out, "G %s (%s)\n", topiary_group_get_title (g), topiary_group_get_slug (g));
    }
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autoptr(TopiaryGroup) g = NULL;
      g_autofree char *parent = title_of (project, topiary_article_get_parent_id (a));
      g_autofree char *body = topiary_project_get_body (project, topiary_article_get_id (a), NULL);

      if (topiary_article_get_group_id (a))
        g = topiary_project_get_group (project, topiary_article_get_group_id (a), NULL);
      g_string_append_printf (out, "A %s [%s] in %s under %s, %s, %s: %s\n",
                              topiary_article_get_title (a), topiary_article_get_slug (a),
                              g ? topiary_group_get_title (g) : "ideas", parent,
                              topiary_kind_to_string (topiary_article_get_kind (a)),
                              topiary_status_to_string (topiary_article_get_status (a)),
                              body ? body : "?");
    }
  return g_string_free (out, FALSE);
}

static TopiaryArticle *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  TopiaryArticle *a = topiary_project_get_article (f->project, id, FALSE, &error);

  g_assert_no_error (error);
  return a;
}

/* Undo, redo and undo again of @edit bring the map to @before, @after
 * and @before. */
static void
check_round_trip (Fixture     *f,
                  TopiaryEdit *edit,
                  const char  *before,
                  const char  *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryEdit) undo2 = NULL;
  g_autoptr(TopiaryEdit) redo2 = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;

  g_assert_nonnull (edit);
  s1 = describe (f->project);
  g_assert_cmpstr (s1, ==, after);
  redo = topiary_edit_apply (edit, f->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_assert_cmpstr (topiary_edit_get_label (redo), ==, topiary_edit_get_label (edit));
  s2 = describe (f->project);
  g_assert_cmpstr (s2, ==, before);
  undo2 = topiary_edit_apply (redo, f->project, &error);
  g_assert_no_error (error);
  s3 = describe (f->project);
  g_assert_cmpstr (s3, ==, after);
  redo2 = topiary_edit_apply (undo2, f->project, &error);
  g_assert_no_error (error);
  g_free (s3);
  s3 = describe (f->project);
  g_assert_cmpstr (s3, ==, before);
}

/* ---- the rules ---- */

static void
test_add_rules (Fixture       *f,
                gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "Flask");
  g_autoptr(TopiaryArticle) first = topiary_article_new ();
  g_autoptr(TopiaryArticle) second = topiary_article_new ();
  g_autoptr(TopiaryArticle) idea = topiary_article_new ();
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(TopiaryEdit) e1 = NULL;
  g_autoptr(TopiaryEdit) e2 = NULL;
  g_autoptr(TopiaryEdit) e3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *mid = NULL;
  g_autofree char *after = NULL;

  /* The first article of an empty group is its pillar, even asked to be a
   * cluster. */
  topiary_article_set_title (first, "Flask basics");
  topiary_article_set_group_id (first, g);
  e1 = topiary_map_edit_add_article (f->project, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_article_get_id (first), >, 0);
  a = get (f, topiary_article_get_id (first));
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
  g_assert_cmpint (topiary_edit_get_article_id (e1), ==, topiary_article_get_id (first));
  g_clear_object (&a);
  mid = describe (f->project);

  /* A new cluster hangs under its group's pillar; asking for a second
   * pillar gives a cluster. */
  topiary_article_set_title (second, "Routing");
  topiary_article_set_group_id (second, g);
  topiary_article_set_kind (second, TOPIARY_KIND_PILLAR);
  e2 = topiary_map_edit_add_article (f->project, second, &error);
  g_assert_no_error (error);
  a = get (f, topiary_article_get_id (second));
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, topiary_article_get_id (first));
  g_clear_object (&a);

  /* An idea is in no group and under nothing. */
  topiary_article_set_title (idea, "Someday");
  topiary_article_set_parent_id (idea, topiary_article_get_id (first));
  e3 = topiary_map_edit_add_article (f->project, idea, &error);
  g_assert_no_error (error);
  a = get (f, topiary_article_get_id (idea));
  g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
  after = describe (f->project);

  {
    g_autoptr(TopiaryEdit) r3 = topiary_edit_apply (e3, f->project, &error);
    g_autoptr(TopiaryEdit) r2 = topiary_edit_apply (e2, f->project, &error);
    g_autofree char *s = describe (f->project);

    g_assert_no_error (error);
    g_assert_cmpstr (s, ==, mid);
    g_clear_pointer (&e2, topiary_edit_unref);
    g_clear_pointer (&e3, topiary_edit_unref);
    e2 = topiary_edit_apply (r2, f->project, &error);
    e3 = topiary_edit_apply (r3, f->project, &error);
    g_assert_no_error (error);
    g_free (s);
    s = describe (f->project);
    g_assert_cmpstr (s, ==, after);
  }
  /* Undo of everything: the empty group again. */
  {
    g_autoptr(TopiaryEdit) r3 = topiary_edit_apply (e3, f->project, &error);
    g_autoptr(TopiaryEdit) r2 = topiary_edit_apply (e2, f->project, &error);
    g_autoptr(TopiaryEdit) r1 = topiary_edit_apply (e1, f->project, &error);
    g_autofree char *s = describe (f->project);

    g_assert_no_error (error);
    g_assert_cmpstr (s, ==, before);
  }
}

static void
test_add_group_op (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Deployment");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;

  test_add_group (f->project, "Basics");
  g_free (before);
  before = describe (f->project);
  edit = topiary_map_edit_add_group (f->project, group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_group_get_id (group), >, 0);
  g_assert_cmpint (topiary_edit_get_group_id (edit), ==, topiary_group_get_id (group));
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "New Group");
  after = describe (f->project);
  g_assert_nonnull (strstr (after, "G Deployment (deployment)"));
  check_round_trip (f, edit, before, after);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "Basics");
  gint64 a = add (f, "Flask", g, 0, TOPIARY_KIND_PILLAR, "Body.");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryEdit) gedit = NULL;
  g_autoptr(TopiaryArticle) article = NULL;

  edit = topiary_map_edit_rename_article (f->project, a, "Flask in depth", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "Rename");
  g_assert_cmpint (topiary_edit_get_article_id (edit), ==, a);
  article = get (f, a);
  g_assert_cmpstr (topiary_article_get_title (article), ==, "Flask in depth");
  /* The slug stays: links by slug and exported URLs do not break. */
  g_assert_cmpstr (topiary_article_get_slug (article), ==, "flask");
  after = describe (f->project);
  check_round_trip (f, edit, before, after);

  /* An empty title is refused and changes nothing. */
  g_assert_null (topiary_map_edit_rename_article (f->project, a, "  ", FALSE, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_free (before);
  before = describe (f->project);
  gedit = topiary_map_edit_rename_group (f->project, g, "Fundamentals", &error);
  g_assert_no_error (error);
  g_free (after);
  after = describe (f->project);
  g_assert_nonnull (strstr (after, "G Fundamentals"));
  check_round_trip (f, gedit, before, after);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "One");
  gint64 g2 = test_add_group (f->project, "Two");
  gint64 p1 = add (f, "P1", g1, 0, TOPIARY_KIND_PILLAR, "");
  gint64 c1 = add (f, "C1", g1, p1, TOPIARY_KIND_CLUSTER, "");
  gint64 c2 = add (f, "C2", g1, p1, TOPIARY_KIND_CLUSTER, "");
  gint64 p2 = add (f, "P2", g2, 0, TOPIARY_KIND_PILLAR, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) up = NULL;
  g_autoptr(TopiaryEdit) across = NULL;
  g_autoptr(TopiaryEdit) away = NULL;
  g_autoptr(TopiaryArticle) a = NULL;

  /* Within its group: C2 before C1. */
  up = topiary_map_edit_move_article (f->project, c2, 2, g1, p1, TOPIARY_CLUSTERS_STAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (up), ==, "Move");
  a = get (f, c2);
  g_assert_cmpint (topiary_article_get_position (a), ==, 2);
  g_clear_object (&a);
  after = describe (f->project);
  g_assert_nonnull (strstr (after, "A C2 [c2] in One under P1, cluster, planned: \nA C1"));
  check_round_trip (f, up, before, after);

  /* To another group: a cluster hangs under that group's pillar. */
  g_free (before);
  before = describe (f->project);
  across = topiary_map_edit_move_article (f->project, c1, 0, g2, TOPIARY_PARENT_PILLAR,
                                          TOPIARY_CLUSTERS_STAY, &error);
  g_assert_no_error (error);
  a = get (f, c1);
  g_assert_cmpint (topiary_article_get_group_id (a), ==, g2);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, p2);
  g_clear_object (&a);
  g_free (after);
  after = describe (f->project);
  check_round_trip (f, across, before, after);

  /* Asked to the top level of a group, a cluster stays there. */
  {
    g_autoptr(TopiaryEdit) top = topiary_map_edit_move_article (f->project, c2, 0, g2, 0,
                                                                TOPIARY_CLUSTERS_STAY, &error);
    g_autoptr(TopiaryEdit) back = NULL;

    g_assert_no_error (error);
    a = get (f, c2);
    g_assert_cmpint (topiary_article_get_group_id (a), ==, g2);
    g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
    g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
    g_clear_object (&a);
    back = topiary_edit_apply (top, f->project, &error);
    g_assert_no_error (error);
  }

  /* To the ideas: no group, no parent, a cluster. */
  g_free (before);
  before = describe (f->project);
  away = topiary_map_edit_move_article (f->project, p2, 0, 0, 0, TOPIARY_CLUSTERS_STAY, &error);
  g_assert_no_error (error);
  a = get (f, p2);
  g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
  g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
  g_free (after);
  after = describe (f->project);
  check_round_trip (f, away, before, after);

  /* Nowhere that does not exist. */
  g_assert_null (topiary_map_edit_move_article (f->project, c1, 0, 999, 0, TOPIARY_CLUSTERS_STAY, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
}

/* Undoing an edit puts back what it changed and nothing else: a status
 * or a title set since (in the details panel) stays. */
static void
test_undo_keeps_other_changes (Fixture       *f,
                               gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "P", g, 0, TOPIARY_KIND_PILLAR, "");
  gint64 c1 = add (f, "C1", g, p, TOPIARY_KIND_CLUSTER, "");
  gint64 c2 = add (f, "C2", g, p, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) move = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryArticle) a = NULL;

  (void) c1;
  move = topiary_map_edit_move_article (f->project, c2, 2, g, p, TOPIARY_CLUSTERS_STAY, &error);
  g_assert_no_error (error);
  a = get (f, c2);
  topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_title (a, "C2, retitled");
  topiary_article_set_position (a, 0);
  g_assert_true (topiary_project_update_article (f->project, a, &error));
  g_clear_object (&a);

  redo = topiary_edit_apply (move, f->project, &error);
  g_assert_no_error (error);
  a = get (f, c2);
  g_assert_cmpint (topiary_article_get_position (a), ==, 3);
  g_assert_cmpint (topiary_article_get_status (a), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_title (a), ==, "C2, retitled");
}

static void
test_move_group (Fixture       *f,
                 gconstpointer  data)
{
  gint64 g3;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;

  test_add_group (f->project, "One");
  test_add_group (f->project, "Two");
  g3 = test_add_group (f->project, "Three");
  before = describe (f->project);
  edit = topiary_map_edit_move_group (f->project, g3, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "Move Group");
  after = describe (f->project);
  g_assert_true (g_str_has_prefix (after, "G Three (three)\nG One (one)\nG Two (two)\n"));
  check_round_trip (f, edit, before, after);
}

/* A pillar moved to another group: its clusters stay, or follow. */
static void
test_move_pillar (Fixture       *f,
                  gconstpointer  data)
{
  TopiaryClusterPolicy policy = GPOINTER_TO_INT (data);
  gint64 g1 = test_add_group (f->project, "One");
  gint64 g2 = test_add_group (f->project, "Two");
  gint64 g3 = test_add_group (f->project, "Three");
  gint64 p1 = add (f, "P1", g1, 0, TOPIARY_KIND_PILLAR, "");
  gint64 c1 = add (f, "C1", g1, p1, TOPIARY_KIND_CLUSTER, "");
  gint64 c2 = add (f, "C2", g1, p1, TOPIARY_KIND_CLUSTER, "");
  gint64 p3 = add (f, "P3", g3, 0, TOPIARY_KIND_PILLAR, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryArticle) p = NULL;
  gint64 cs[] = { c1, c2 };

  /* Into an empty group: it stays a pillar there. */
  edit = topiary_map_edit_move_article (f->project, p1, 0, g2, 0, policy, &error);
  g_assert_no_error (error);
  p = get (f, p1);
  g_assert_cmpint (topiary_article_get_group_id (p), ==, g2);
  g_assert_cmpint (topiary_article_get_kind (p), ==, TOPIARY_KIND_PILLAR);
  g_clear_object (&p);
  for (guint i = 0; i < G_N_ELEMENTS (cs); i++)
    {
      g_autoptr(TopiaryArticle) c = get (f, cs[i]);

      if (policy == TOPIARY_CLUSTERS_FOLLOW)
        {
          g_assert_cmpint (topiary_article_get_group_id (c), ==, g2);
          g_assert_cmpint (topiary_article_get_parent_id (c), ==, p1);
        }
      else
        {
          g_assert_cmpint (topiary_article_get_group_id (c), ==, g1);
          g_assert_cmpint (topiary_article_get_parent_id (c), ==, 0);
        }
    }
  after = describe (f->project);
  check_round_trip (f, edit, before, after);

  /* Into a group that has a pillar: one pillar a group, so it becomes a
   * cluster of that pillar. */
  undo = topiary_map_edit_move_article (f->project, p1, 0, g3, 0, policy, &error);
  g_assert_no_error (error);
  p = get (f, p1);
  g_assert_cmpint (topiary_article_get_group_id (p), ==, g3);
  g_assert_cmpint (topiary_article_get_kind (p), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (p), ==, p3);
  redo = topiary_edit_apply (undo, f->project, &error);
  g_assert_no_error (error);
  g_free (after);
  after = describe (f->project);
  g_assert_cmpstr (after, ==, before);
}

static void
test_promote (Fixture       *f,
              gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "P", g, 0, TOPIARY_KIND_PILLAR, "");
  gint64 c1 = add (f, "C1", g, p, TOPIARY_KIND_CLUSTER, "");
  gint64 c2 = add (f, "C2", g, p, TOPIARY_KIND_CLUSTER, "");
  gint64 x = add (f, "Extra pillar", g, 0, TOPIARY_KIND_PILLAR, "");
  gint64 idea = add (f, "Idea", 0, 0, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryEdit) demote = NULL;
  g_autoptr(GListModel) articles = NULL;
  guint pillars = 0;

  edit = topiary_map_edit_promote (f->project, c1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "Promote to Pillar");
  /* At most one pillar: the former ones are clusters of the new one, and
   * their clusters hang under it. */
  articles = topiary_project_list_articles (f->project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);

      if (topiary_article_get_kind (a) == TOPIARY_KIND_PILLAR && topiary_article_get_group_id (a) == g)
        pillars++;
      if (topiary_article_get_id (a) == p || topiary_article_get_id (a) == c2 || topiary_article_get_id (a) == x)
        g_assert_cmpint (topiary_article_get_parent_id (a), ==, c1);
    }
  g_assert_cmpuint (pillars, ==, 1);
  {
    g_autoptr(TopiaryArticle) a = get (f, c1);
    g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_PILLAR);
    g_assert_cmpint (topiary_article_get_parent_id (a), ==, 0);
  }
  after = describe (f->project);
  check_round_trip (f, edit, before, after);

  /* An idea has no group to be the pillar of. */
  g_assert_null (topiary_map_edit_promote (f->project, idea, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_free (before);
  before = describe (f->project);
  demote = topiary_map_edit_demote (f->project, p, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TopiaryArticle) a = get (f, p);
    g_assert_cmpint (topiary_article_get_kind (a), ==, TOPIARY_KIND_CLUSTER);
  }
  g_free (after);
  after = describe (f->project);
  check_round_trip (f, demote, before, after);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "Pillar", g, 0, TOPIARY_KIND_PILLAR, "The text.");
  gint64 last = add (f, "Last", g, p, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryArticle) copy = NULL;
  g_autofree char *body = NULL;
  gint64 copy_id = 0;

  edit = topiary_map_edit_duplicate (f->project, p, &copy_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, last);
  copy = get (f, copy_id);
  g_assert_cmpstr (topiary_article_get_title (copy), ==, "Pillar (copy)");
  g_assert_cmpint (topiary_article_get_position (copy), ==, 2);
  g_assert_cmpint (topiary_article_get_kind (copy), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (copy), ==, p);
  body = topiary_project_get_body (f->project, copy_id, &error);
  g_assert_cmpstr (body, ==, "The text.");
  after = describe (f->project);
  check_round_trip (f, edit, before, after);
}

static void
test_delete_article (Fixture       *f,
                     gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "Pillar", g, 0, TOPIARY_KIND_PILLAR, "Pillar text.");
  gint64 c = add (f, "Cluster", g, p, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryArticle) cluster = NULL;

  add (f, "After", g, p, TOPIARY_KIND_CLUSTER, "");
  g_free (before);
  before = describe (f->project);
  edit = topiary_map_edit_delete_article (f->project, p, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (edit), ==, "Delete");
  g_assert_null (topiary_project_get_article (f->project, p, FALSE, NULL));
  cluster = get (f, c);
  g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, 0);
  after = describe (f->project);
  /* The undo brings it back in its place, text and clusters included. */
  check_round_trip (f, edit, before, after);
}

static void
test_delete_group (Fixture       *f,
                   gconstpointer  data)
{
  gint64 g1 = test_add_group (f->project, "One");
  gint64 g2 = test_add_group (f->project, "Two");
  gint64 p = add (f, "Pillar", g2, 0, TOPIARY_KIND_PILLAR, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryArticle) a = NULL;

  add (f, "Cluster", g2, p, TOPIARY_KIND_CLUSTER, "");
  add (f, "Elsewhere", g1, 0, TOPIARY_KIND_PILLAR, "");
  test_add_group (f->project, "Three");
  before = describe (f->project);
  edit = topiary_map_edit_delete_group (f->project, g2, &error);
  g_assert_no_error (error);
  g_assert_null (topiary_project_get_group (f->project, g2, NULL));
  a = get (f, p);
  g_assert_cmpint (topiary_article_get_group_id (a), ==, 0);
  after = describe (f->project);
  /* Back in its place among the groups, with its slug and its articles. */
  check_round_trip (f, edit, before, after);
}

/* Undo records made before a delete still apply after the delete is
 * undone, although the article came back under a new id. */
static void
test_stack_follows_ids (Fixture       *f,
                        gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "Pillar", g, 0, TOPIARY_KIND_PILLAR, "");
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  g_autoptr(TopiaryGroup) two = topiary_group_new ("Two");
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *end = NULL;
  g_autofree char *s = NULL;
  gint64 id = 0;

  add (f, "Cluster", g, p, TOPIARY_KIND_CLUSTER, "");
  start = describe (f->project);
  topiary_undo_stack_push (stack, topiary_map_edit_rename_article (f->project, p, "Renamed", FALSE, &error));
  g_assert_no_error (error);
  renamed = describe (f->project);
  topiary_undo_stack_push (stack, topiary_map_edit_delete_article (f->project, p, &error));
  g_assert_no_error (error);
  topiary_undo_stack_push (stack, topiary_map_edit_add_group (f->project, two, &error));
  end = describe (f->project);

  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_true (topiary_undo_stack_undo (stack, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  s = describe (f->project);
  g_assert_cmpstr (s, ==, renamed);
  g_assert_true (topiary_undo_stack_undo (stack, &id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&s, g_free);
  s = describe (f->project);
  g_assert_cmpstr (s, ==, start);
  g_assert_false (topiary_undo_stack_can_undo (stack));
  for (guint i = 0; i < 3; i++)
    g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&s, g_free);
  s = describe (f->project);
  g_assert_cmpstr (s, ==, end);
  for (guint i = 0; i < 3; i++)
    g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&s, g_free);
  s = describe (f->project);
  g_assert_cmpstr (s, ==, start);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_stack_labels (Fixture       *f,
                   gconstpointer  data)
{
  gint64 a = add (f, "Article", 0, 0, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  g_autoptr(GError) error = NULL;
  guint can_undo_changes = 0;
  gboolean can_redo;

  g_signal_connect (stack, "notify::can-undo", G_CALLBACK (count_notify), &can_undo_changes);
  g_assert_false (topiary_undo_stack_can_undo (stack));
  g_assert_null (topiary_undo_stack_get_undo_label (stack));
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));   /* nothing to undo */

  topiary_undo_stack_push (stack, topiary_map_edit_rename_article (f->project, a, "B", FALSE, &error));
  g_assert_cmpuint (can_undo_changes, ==, 1);
  g_assert_cmpstr (topiary_undo_stack_get_undo_label (stack), ==, "Undo Rename");
  topiary_undo_stack_push (stack, topiary_map_edit_move_article (f->project, a, 1, 0, 0,
                                                                 TOPIARY_CLUSTERS_STAY, &error));
  g_assert_cmpstr (topiary_undo_stack_get_undo_label (stack), ==, "Undo Move");
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_cmpstr (topiary_undo_stack_get_undo_label (stack), ==, "Undo Rename");
  g_assert_cmpstr (topiary_undo_stack_get_redo_label (stack), ==, "Redo Move");
  g_object_get (stack, "can-redo", &can_redo, NULL);
  g_assert_true (can_redo);
  /* A new edit forgets what could be redone. */
  topiary_undo_stack_push (stack, topiary_map_edit_rename_article (f->project, a, "C", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (topiary_undo_stack_can_redo (stack));
  g_assert_null (topiary_undo_stack_get_redo_label (stack));
  topiary_undo_stack_clear (stack);
  g_assert_false (topiary_undo_stack_can_undo (stack));
  g_assert_cmpuint (can_undo_changes, ==, 2);
}

/* An edit keeps its serial while it is undone and redone; another edit
 * gets another, so a toast can tell its edit is no longer the newest. */
static void
test_stack_serials (Fixture       *f,
                    gconstpointer  data)
{
  gint64 a = add (f, "Article", 0, 0, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  g_autoptr(GError) error = NULL;
  guint64 rename, move;

  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), ==, 0);
  topiary_undo_stack_push (stack, topiary_map_edit_rename_article (f->project, a, "B", FALSE, &error));
  g_assert_no_error (error);
  rename = topiary_undo_stack_get_undo_serial (stack);
  g_assert_cmpuint (rename, !=, 0);
  topiary_undo_stack_push (stack, topiary_map_edit_move_article (f->project, a, 1, 0, 0,
                                                                 TOPIARY_CLUSTERS_STAY, &error));
  g_assert_no_error (error);
  move = topiary_undo_stack_get_undo_serial (stack);
  g_assert_cmpuint (move, !=, rename);
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), ==, rename);
  g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), ==, move);
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), ==, 0);
  /* A new edit is a new serial, though the stack is at the same depth. */
  topiary_undo_stack_push (stack, topiary_map_edit_rename_article (f->project, a, "C", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), !=, rename);
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), !=, move);
  topiary_undo_stack_clear (stack);
  g_assert_cmpuint (topiary_undo_stack_get_undo_serial (stack), ==, 0);
}

/* ---- the trash ---- */

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  gint64 a = add (f, "Kept", 0, 0, TOPIARY_KIND_CLUSTER, "");
  gint64 b = add (f, "Gone", 0, 0, TOPIARY_KIND_CLUSTER, "Gone's text.");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) del = NULL;
  g_autoptr(TopiaryEdit) restore = NULL;
  g_autoptr(TopiaryEdit) again = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(TopiaryArticle) back = NULL;
  g_autofree char *before = describe (f->project);
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  TopiaryTrashItem *item;
  gint64 new_id = 0, other, revision_id;
  guint n = 99;

  (void) a;
  del = topiary_map_edit_delete_article (f->project, b, &error);
  g_assert_no_error (error);
  /* A new article after the delete takes no id of a deleted one, so the
   * deleted one stays in the trash, and its restore leaves the new one be. */
  other = add (f, "Newcomer", 0, 0, TOPIARY_KIND_CLUSTER, "Newcomer's text.");
  g_assert_cmpint (other, !=, b);
  trash = topiary_project_list_trash (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 1);
  item = g_ptr_array_index (trash, 0);
  g_assert_cmpstr (item->title, ==, "Gone");
  g_assert_cmpint (item->article_id, ==, b);
  revision_id = item->revision_id;

  restore = topiary_map_edit_restore (f->project, item->revision_id, &new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_edit_get_label (restore), ==, "Restore");
  back = get (f, new_id);
  g_assert_cmpstr (topiary_article_get_title (back), ==, "Gone");
  body = topiary_project_get_body (f->project, other, &error);
  g_assert_cmpstr (body, ==, "Newcomer's text.");
  g_clear_pointer (&trash, g_ptr_array_unref);
  trash = topiary_project_list_trash (f->project, &error);
  g_assert_cmpuint (trash->len, ==, 0);
  /* It is not in the trash any more: a second restore is refused. */
  g_assert_null (topiary_map_edit_restore (f->project, revision_id, NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* Undoing the restore puts it back in the trash. */
  again = topiary_edit_apply (restore, f->project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&trash, g_ptr_array_unref);
  trash = topiary_project_list_trash (f->project, &error);
  g_assert_cmpuint (trash->len, ==, 1);
  after = describe (f->project);
  g_assert_null (strstr (after, "Gone"));

  /* Emptied, it is gone for good. */
  g_assert_true (topiary_project_empty_trash (f->project, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&trash, g_ptr_array_unref);
  trash = topiary_project_list_trash (f->project, &error);
  g_assert_cmpuint (trash->len, ==, 0);
  g_assert_nonnull (before);
}

/* ---- renames that rewrite links ---- */

/* A pillar restored from the trash after its undo is gone takes its place
 * again: the clusters its delete left without a parent hang under it, and
 * if the group has found another pillar meanwhile, it comes back as a
 * cluster of that one (a group has one pillar). Undo sets both back. */
static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static TopiaryEdit *
restore_from_trash (Fixture    *f,
                    const char *title,
                    gint64     *new_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trash = topiary_project_list_trash (f->project, &error);
  TopiaryEdit *edit = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < trash->len; i++)
    {
      TopiaryTrashItem *item = g_ptr_array_index (trash, i);

      if (g_strcmp0 (item->title, title) == 0)
        edit = topiary_map_edit_restore (f->project, item->revision_id, new_id, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  return edit;
}

static void
test_restore_pillar (Fixture       *f,
                     gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "Flask");
  gint64 p = add (f, "Flask Guide", g, 0, TOPIARY_KIND_PILLAR, "Pillar text.");
  gint64 c1 = add (f, "Routing", g, p, TOPIARY_KIND_CLUSTER, "");
  gint64 c2 = add (f, "Templates", g, p, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) del = NULL;
  g_autoptr(TopiaryEdit) restore = NULL;
  g_autoptr(TopiaryEdit) redo = NULL;
  g_autoptr(TopiaryArticle) back = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *undone = NULL;
  gint64 new_id = 0;

  del = topiary_map_edit_delete_article (f->project, p, &error);
  g_assert_no_error (error);
  deleted = describe (f->project);
  g_assert_nonnull (strstr (deleted, "A Routing [routing] in Flask under -, cluster"));

  if (g_strcmp0 (data, "other-pillar") == 0)
    {
      /* The writer made one of the clusters the group's pillar meanwhile. */
      g_autoptr(TopiaryEdit) promote = topiary_map_edit_promote (f->project, c1, &error);

      g_assert_no_error (error);
      deleted = (g_free (deleted), describe (f->project));
    }

  restore = restore_from_trash (f, "Flask Guide", &new_id);
  restored = describe (f->project);
  back = get (f, new_id);
  if (g_strcmp0 (data, "other-pillar") == 0)
    {
      g_assert_cmpint (topiary_article_get_kind (back), ==, TOPIARY_KIND_CLUSTER);
      g_assert_nonnull (strstr (restored, "A Flask Guide [flask-guide] in Flask under Routing, cluster"));
      g_assert_cmpuint (count_substrings (restored, ", pillar,"), ==, 1);
    }
  else
    {
      g_assert_cmpint (topiary_article_get_kind (back), ==, TOPIARY_KIND_PILLAR);
      g_assert_nonnull (strstr (restored, "A Routing [routing] in Flask under Flask Guide, cluster"));
      g_assert_nonnull (strstr (restored, "A Templates [templates] in Flask under Flask Guide, cluster"));
    }
  (void) c1;
  (void) c2;

  /* One undo takes the restore back whole, and redo does it again. */
  redo = topiary_edit_apply (restore, f->project, &error);
  g_assert_no_error (error);
  undone = describe (f->project);
  g_assert_cmpstr (undone, ==, deleted);
  g_clear_pointer (&restore, topiary_edit_unref);
  restore = topiary_edit_apply (redo, f->project, &error);
  g_assert_no_error (error);
  g_free (restored);
  restored = describe (f->project);
  g_assert_nonnull (strstr (restored, "A Flask Guide [flask-guide] in Flask"));
  if (g_strcmp0 (data, "other-pillar") != 0)
    g_assert_null (strstr (restored, "under -, cluster"));
}

static void
test_rename_links (Fixture       *f,
                   gconstpointer  data)
{
  const char *renamed_title = (const char *) data ? "Straße & Co" : "Flask in depth";
  const char *old_title = (const char *) data ? "Über Flask" : "Flask basics";
  gint64 target, a, b;
  g_autoptr(GError) error = NULL;
  g_autofree char *body_a = NULL;
  g_autofree char *body_b = NULL;
  g_autofree char *expect_a = NULL;
  g_autofree char *expect_b = NULL;
  g_autofree char *src_a = NULL;
  g_autofree char *src_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) edit = NULL;
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  guint n_links = 0, n_articles = 0;

  target = add (f, old_title, 0, 0, TOPIARY_KIND_CLUSTER, "");
  if (data)
    {
      /* Case folded, decomposed (U+0308), with a heading, with a label;
       * by slug ("uber-flask") it keeps working and stays. */
      src_a = g_strdup ("See [[über flask]], [[U\xcc\x88""BER FLASK#Setup]] and [[Über Flask|the intro]].\n"
                        "By slug: [[uber-flask]]. Code: `[[Über Flask]]`.\n");
      expect_a = g_strdup_printf ("See [[%s]], [[%s#Setup]] and [[%s|the intro]].\n"
                                  "By slug: [[uber-flask]]. Code: `[[Über Flask]]`.\n",
                                  renamed_title, renamed_title, renamed_title);
      src_b = g_strdup ("Other: [[Über flask]] 🙂\n\n    [[Über Flask]] in an indented code block\n");
      expect_b = g_strdup_printf ("Other: [[%s]] 🙂\n\n    [[Über Flask]] in an indented code block\n",
                                  renamed_title);
    }
  else
    {
      src_a = g_strdup ("See [[Flask basics]], [[flask basics#Setup]] and [[Flask Basics|the intro]].\n"
                        "By slug: [[flask-basics]]. Elsewhere: [[Unknown]]. Code: `[[Flask basics]]`.\n");
      expect_a = g_strdup_printf ("See [[%s]], [[%s#Setup]] and [[%s|the intro]].\n"
                                  "By slug: [[flask-basics]]. Elsewhere: [[Unknown]]. Code: `[[Flask basics]]`.\n",
                                  renamed_title, renamed_title, renamed_title);
      src_b = g_strdup ("```\n[[Flask basics]]\n```\nand [[ Flask basics ]]\n");
      expect_b = g_strdup_printf ("```\n[[Flask basics]]\n```\nand [[%s]]\n", renamed_title);
    }
  a = add (f, "A", 0, 0, TOPIARY_KIND_CLUSTER, src_a);
  b = add (f, "B", 0, 0, TOPIARY_KIND_CLUSTER, src_b);
  add (f, "C", 0, 0, TOPIARY_KIND_CLUSTER, "No links here.");

  /* Asked first: how many links in how many articles. */
  g_assert_true (topiary_map_edit_count_renamed_links (f->project, target, renamed_title,
                                                       &n_links, &n_articles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_links, ==, 4);
  g_assert_cmpuint (n_articles, ==, 2);
  /* Renamed to a name that the links still reach (case only): nothing. */
  {
    g_autofree char *upper = g_utf8_strup (old_title, -1);
    g_assert_true (topiary_map_edit_count_renamed_links (f->project, target, upper,
                                                         &n_links, &n_articles, &error));
    g_assert_cmpuint (n_links, ==, 0);
    g_assert_cmpuint (n_articles, ==, 0);
  }

  before = describe (f->project);
  edit = topiary_map_edit_rename_article (f->project, target, renamed_title, TRUE, &error);
  g_assert_no_error (error);
  body_a = topiary_project_get_body (f->project, a, &error);
  body_b = topiary_project_get_body (f->project, b, &error);
  g_assert_cmpstr (body_a, ==, expect_a);
  g_assert_cmpstr (body_b, ==, expect_b);
  after = describe (f->project);
  /* Title and links come back in one step, and go again. */
  topiary_undo_stack_push (stack, g_steal_pointer (&edit));
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *s = describe (f->project);
    g_assert_cmpstr (s, ==, before);
  }
  g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
  {
    g_autofree char *s = describe (f->project);
    g_assert_cmpstr (s, ==, after);
  }
  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  {
    g_autofree char *s = describe (f->project);
    g_assert_cmpstr (s, ==, before);
  }

  /* Without the rewrite, only the title changes. */
  g_clear_pointer (&edit, topiary_edit_unref);
  edit = topiary_map_edit_rename_article (f->project, target, renamed_title, FALSE, &error);
  g_assert_no_error (error);
  g_free (body_a);
  body_a = topiary_project_get_body (f->project, a, &error);
  g_assert_cmpstr (body_a, ==, src_a);
}

/* ---- failures change nothing ---- */

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  return g_bytes_new_take (data, len);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  gint64 g = test_add_group (f->project, "One");
  gint64 p = add (f, "Pillar", g, 0, TOPIARY_KIND_PILLAR, "[[Pillar]]");
  gint64 c = add (f, "Cluster", g, p, TOPIARY_KIND_CLUSTER, "[[Pillar]]");
  g_autoptr(TopiaryProject) ro = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(TopiaryGroup) group = topiary_group_new ("New");
  g_autoptr(GPtrArray) trash = NULL;
  TopiaryEdit *results[11];
  gint64 copy = 0;

  topiary_edit_unref (topiary_map_edit_delete_article (f->project, c, &error));
  g_assert_no_error (error);
  trash = topiary_project_list_trash (f->project, &error);
  g_assert_cmpuint (trash->len, ==, 1);
  topiary_project_close (f->project);
  before = file_bytes (f->path);

  ro = topiary_project_open (f->path, TOPIARY_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  topiary_article_set_title (article, "New");
  topiary_article_set_group_id (article, g);
  results[0] = topiary_map_edit_add_article (ro, article, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[1] = topiary_map_edit_add_group (ro, group, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[2] = topiary_map_edit_rename_article (ro, p, "Renamed", TRUE, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[3] = topiary_map_edit_rename_group (ro, g, "Renamed", &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[4] = topiary_map_edit_move_article (ro, p, 0, 0, 0, TOPIARY_CLUSTERS_FOLLOW, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[5] = topiary_map_edit_promote (ro, p, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[6] = topiary_map_edit_demote (ro, p, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[7] = topiary_map_edit_duplicate (ro, p, &copy, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[8] = topiary_map_edit_delete_article (ro, p, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[9] = topiary_map_edit_delete_group (ro, g, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  results[10] = topiary_map_edit_restore (ro, ((TopiaryTrashItem *) g_ptr_array_index (trash, 0))->revision_id,
                                          NULL, &error);
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_assert_null (results[i]);
  g_assert_cmpint (copy, ==, 0);
  g_assert_false (topiary_project_empty_trash (ro, NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  topiary_project_close (ro);
  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A write that fails halfway through an edit undoes the part before it. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  gint64 target = add (f, "Target page", 0, 0, TOPIARY_KIND_CLUSTER, "");
  gint64 a = add (f, "A", 0, 0, TOPIARY_KIND_CLUSTER, "[[Target page]]");
  gint64 b = add (f, "B", 0, 0, TOPIARY_KIND_CLUSTER, "[[Target page]] again");
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  (void) a;
  topiary_project_close (f->project);
  /* The second body's write fails, after the title and the first body. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("CREATE TRIGGER fail_b BEFORE UPDATE ON body WHEN old.article_id = %" G_GINT64_FORMAT
                         " BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;"
                         "CREATE TRIGGER fail_b2 BEFORE INSERT ON body WHEN new.article_id = %" G_GINT64_FORMAT
                         " BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;", b, b);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = describe (project);
  g_assert_null (topiary_map_edit_rename_article (project, target, "Renamed", TRUE, &error));
  g_assert_nonnull (error);
  after = describe (project);
  g_assert_cmpstr (after, ==, before);
  topiary_project_close (project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/core/map-edit/" name, Fixture, data, test_project_fixture_setup, func, test_project_fixture_teardown)

  ADD ("add-article-rules", test_add_rules, NULL);
  ADD ("add-group", test_add_group_op, NULL);
  ADD ("rename", test_rename, NULL);
  ADD ("move", test_move, NULL);
  ADD ("undo-keeps-other-changes", test_undo_keeps_other_changes, NULL);
  ADD ("move-group", test_move_group, NULL);
  ADD ("move-pillar-clusters-stay", test_move_pillar, GINT_TO_POINTER (TOPIARY_CLUSTERS_STAY));
  ADD ("move-pillar-clusters-follow", test_move_pillar, GINT_TO_POINTER (TOPIARY_CLUSTERS_FOLLOW));
  ADD ("promote-demote", test_promote, NULL);
  ADD ("duplicate", test_duplicate, NULL);
  ADD ("delete-article", test_delete_article, NULL);
  ADD ("delete-group", test_delete_group, NULL);
  ADD ("trash", test_trash, NULL);
  ADD ("restore-pillar", test_restore_pillar, NULL);
  ADD ("restore-pillar-other-pillar", test_restore_pillar, "other-pillar");
  ADD ("rename-links", test_rename_links, NULL);
  ADD ("rename-links-unicode", test_rename_links, "unicode");
  ADD ("read-only", test_read_only, NULL);
  ADD ("rollback", test_rollback, NULL);
  ADD ("undo-stack-follows-ids", test_stack_follows_ids, NULL);
  ADD ("undo-stack-labels", test_stack_labels, NULL);
  ADD ("undo-stack-serials", test_stack_serials, NULL);

  return g_test_run ();
}
