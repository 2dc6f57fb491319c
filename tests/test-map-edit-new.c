/* test-map-edit-new.c — where a new article goes by the map's rules, and
 * adding it as the kind asked for in one undoable edit (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "topiary-map-edit.h"
#include "topiary-project.h"

#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add (Fixture     *f,
     const char  *title,
     gint64       group_id,
     gint64       parent_id,
     TopiaryKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, group_id);
  topiary_article_set_parent_id (article, parent_id);
  topiary_article_set_kind (article, kind);
  topiary_article_set_status (article, group_id ? TOPIARY_STATUS_PLANNED : TOPIARY_STATUS_IDEA);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static TopiaryNewPlace
place_near (Fixture *f,
            gint64   article_id,
            gint64   group_id)
{
  g_autoptr(GError) error = NULL;
  TopiaryNewPlace place = { -1, -1, -1 };

  g_assert_true (topiary_map_edit_new_place (f->project, article_id, group_id, &place, &error));
  g_assert_no_error (error);
  return place;
}

static void
test_place (Fixture       *f,
            gconstpointer  data)
{
  gint64 empty = test_add_group (f->project, "Empty");
  gint64 full = test_add_group (f->project, "Full");
  gint64 pillar = add (f, "Pillar", full, 0, TOPIARY_KIND_PILLAR);
  gint64 cluster = add (f, "Cluster", full, pillar, TOPIARY_KIND_CLUSTER);
  gint64 idea = add (f, "Idea", 0, 0, TOPIARY_KIND_CLUSTER);
  TopiaryNewPlace place;
  g_autoptr(GError) error = NULL;

  /* The first article of an empty group is its pillar. */
  place = place_near (f, 0, empty);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_PILLAR);
  g_assert_cmpint (place.group_id, ==, empty);
  g_assert_cmpint (place.parent_id, ==, 0);
  /* Any other is a cluster of the group's pillar. */
  place = place_near (f, 0, full);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_CLUSTER);
  g_assert_cmpint (place.group_id, ==, full);
  g_assert_cmpint (place.parent_id, ==, pillar);
  /* Next to the pillar: under it. Next to a cluster: beside it. */
  place = place_near (f, pillar, 0);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_CLUSTER);
  g_assert_cmpint (place.parent_id, ==, pillar);
  place = place_near (f, cluster, 0);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_CLUSTER);
  g_assert_cmpint (place.group_id, ==, full);
  g_assert_cmpint (place.parent_id, ==, pillar);
  /* Among the ideas, or next to one: an idea. */
  place = place_near (f, 0, 0);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_IDEA);
  g_assert_cmpint (place.group_id, ==, 0);
  place = place_near (f, idea, 0);
  g_assert_cmpint (place.kind, ==, TOPIARY_NEW_IDEA);
  g_assert_cmpint (place.group_id, ==, 0);

  /* No such article, no such group: an error, not a guess. */
  g_assert_false (topiary_map_edit_new_place (f->project, 9999, 0, &place, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (topiary_map_edit_new_place (f->project, 0, 9999, &place, &error));
  g_assert_nonnull (error);
}

static TopiaryEdit *
add_as (Fixture        *f,
        const char     *title,
        TopiaryNewKind  kind,
        gint64          group_id,
        gint64          parent_id,
        gint64         *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  TopiaryNewPlace place = { kind, group_id, parent_id };
  TopiaryEdit *edit;

  topiary_article_set_title (article, title);
  edit = topiary_map_edit_add_article_as (f->project, article, &place, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  *id = topiary_article_get_id (article);
  g_assert_cmpint (*id, >, 0);
  return edit;
}

static void
assert_article (Fixture       *f,
                gint64         id,
                gint64         group_id,
                gint64         parent_id,
                TopiaryKind    kind,
                TopiaryStatus  status)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article (f->project, id, FALSE, NULL);

  g_assert_nonnull (a);
  g_assert_cmpint (topiary_article_get_group_id (a), ==, group_id);
  g_assert_cmpint (topiary_article_get_parent_id (a), ==, parent_id);
  g_assert_cmpint (topiary_article_get_kind (a), ==, kind);
  g_assert_cmpint (topiary_article_get_status (a), ==, status);
}

/* A pillar asked for in a group that has one takes its place, the former
 * pillar and its clusters under it, in one edit that undoes whole. */
static void
test_second_pillar (Fixture       *f,
                    gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Group");
  gint64 pillar = add (f, "Old pillar", group, 0, TOPIARY_KIND_PILLAR);
  gint64 cluster = add (f, "Cluster", group, pillar, TOPIARY_KIND_CLUSTER);
  gint64 other = test_add_group (f->project, "Other");
  gint64 elsewhere = add (f, "Elsewhere", other, 0, TOPIARY_KIND_PILLAR);
  g_autofree char *before = test_describe_map (f->project);
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  gint64 id;

  undo = add_as (f, "New pillar", TOPIARY_NEW_PILLAR, group, 0, &id);
  assert_article (f, id, group, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED);
  assert_article (f, pillar, group, id, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED);
  assert_article (f, cluster, group, id, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED);
  assert_article (f, elsewhere, other, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED);
  g_assert_cmpint (topiary_edit_get_article_id (undo), ==, id);
  g_assert_cmpstr (topiary_edit_get_label (undo), ==, "New Article");
  after = test_describe_map (f->project);
  test_check_round_trip (f->project, undo, before, after);
}

/* A cluster goes under the parent asked for, else under the pillar; in
 * an empty group it is the pillar all the same; an idea is in no group. */
static void
test_cluster_and_idea (Fixture       *f,
                       gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Group");
  gint64 empty = test_add_group (f->project, "Empty");
  gint64 pillar = add (f, "Pillar", group, 0, TOPIARY_KIND_PILLAR);
  gint64 cluster = add (f, "Cluster", group, pillar, TOPIARY_KIND_CLUSTER);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) a = NULL;
  g_autoptr(TopiaryEdit) b = NULL;
  g_autoptr(TopiaryEdit) c = NULL;
  g_autoptr(TopiaryEdit) d = NULL;
  gint64 id;

  a = add_as (f, "Under cluster", TOPIARY_NEW_CLUSTER, group, cluster, &id);
  assert_article (f, id, group, cluster, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED);
  /* A parent from another group is not taken. */
  b = add_as (f, "Under pillar", TOPIARY_NEW_CLUSTER, group, 9999, &id);
  assert_article (f, id, group, pillar, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED);
  c = add_as (f, "First", TOPIARY_NEW_CLUSTER, empty, 0, &id);
  assert_article (f, id, empty, 0, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PLANNED);

  before = test_describe_map (f->project);
  d = add_as (f, "An idea", TOPIARY_NEW_IDEA, group, pillar, &id);
  assert_article (f, id, 0, 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA);
  after = test_describe_map (f->project);
  test_check_round_trip (f->project, d, before, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/map-edit/new-place", Fixture, NULL,
              test_project_fixture_setup, test_place, test_project_fixture_teardown);
  g_test_add ("/core/map-edit/new-second-pillar", Fixture, NULL,
              test_project_fixture_setup, test_second_pillar, test_project_fixture_teardown);
  g_test_add ("/core/map-edit/new-cluster-and-idea", Fixture, NULL,
              test_project_fixture_setup, test_cluster_and_idea, test_project_fixture_teardown);
  return g_test_run ();
}
