/* test-map-merge.c — merging one article into another: the text, the
 * queries, the files and the links move, and one undo takes it all back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-map-edit.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "topiary-trash.h"
#include "topiary-undo-stack.h"

#include "media-util.h"
#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add (Fixture     *f,
     const char  *title,
     gint64       group_id,
     gint64       parent_id,
     TopiaryKind  kind,
     const char  *queries,
     const char  *body)
{
  return test_add_placed_article (f->project, title, group_id, parent_id, kind, queries, body);
}

static char *
body_of (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  char *body = topiary_project_get_body (f->project, id, &error);

  g_assert_no_error (error);
  return body;
}

static gint64
id_of (Fixture    *f,
       const char *slug)
{
  g_autoptr(TopiaryArticle) a = topiary_project_get_article_by_slug (f->project, slug, FALSE, NULL);

  return a ? topiary_article_get_id (a) : 0;
}

/* The map (test_describe_map()), and what it leaves out: each article's
 * primary query and files, and the Deleted Articles. */
static char *
describe (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) articles = topiary_project_list_articles (f->project, &error);
  g_autoptr(GPtrArray) trash = topiary_project_list_trash (f->project, &error);
  g_autofree char *map = test_describe_map (f->project);
  GString *out = g_string_new (map);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(TopiaryArticle) a = g_list_model_get_item (articles, i);
      g_autoptr(GPtrArray) files = topiary_project_list_files (f->project, topiary_article_get_id (a), &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "Q %s primary %d\n", topiary_article_get_slug (a),
                              topiary_article_get_primary_query (a));
      for (guint k = 0; k < files->len; k++)
        {
          TopiaryFileInfo *file = g_ptr_array_index (files, k);

          g_string_append_printf (out, "F %s %s %.12s\n", topiary_article_get_slug (a), file->name, file->sha256);
        }
    }
  for (guint i = 0; i < trash->len; i++)
    g_string_append_printf (out, "T %s\n", ((TopiaryTrashItem *) g_ptr_array_index (trash, i))->slug);
  return g_string_free (out, FALSE);
}

/* @undo is what the merge returned, the map now @after (describe()):
 * undo, redo and undo again give @before, @after and @before. */
static void
round_trip (Fixture     *f,
            TopiaryEdit *undo,
            const char  *before,
            const char  *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryEdit) redo = topiary_edit_apply (undo, f->project, &error);
  g_autoptr(TopiaryEdit) again = NULL;
  g_autoptr(TopiaryEdit) last = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;

  g_assert_no_error (error);
  undone = describe (f);
  g_assert_cmpstr (undone, ==, before);
  again = topiary_edit_apply (redo, f->project, &error);
  g_assert_no_error (error);
  redone = describe (f);
  g_assert_cmpstr (redone, ==, after);
  last = topiary_edit_apply (again, f->project, &error);
  g_assert_no_error (error);
  undone_again = describe (f);
  g_assert_cmpstr (undone_again, ==, before);
}

static TopiaryEdit *
merge (Fixture *f,
       gint64   keep,
       gint64   absorb)
{
  g_autoptr(GError) error = NULL;
  TopiaryEdit *undo = topiary_map_edit_merge_articles (f->project, keep, absorb, &error);

  g_assert_no_error (error);
  g_assert_nonnull (undo);
  return undo;
}

static void
test_body_and_queries (Fixture       *f,
                       gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Flask");
  gint64 keep = add (f, "Flask basics", group, 0, TOPIARY_KIND_PILLAR,
                     "flask tutorial;learn flask", "Intro text.\n\n\n");
  gint64 absorb = add (f, "Flask for beginners", group, keep, TOPIARY_KIND_CLUSTER,
                       "Flask Tutorial;flask for beginners;learn  FLASK", "  Start here.\n");
  g_autoptr(TopiaryEdit) undo = merge (f, keep, absorb);
  g_autoptr(TopiaryArticle) kept = topiary_project_get_article (f->project, keep, TRUE, NULL);
  g_autoptr(TopiaryArticle) gone = topiary_project_get_article (f->project, absorb, FALSE, NULL);
  g_autoptr(GPtrArray) trash = topiary_project_list_trash (f->project, NULL);
  const char * const *queries = topiary_article_get_queries (kept);

  g_assert_cmpstr (topiary_edit_get_label (undo), ==, "Merge");
  g_assert_cmpint (topiary_edit_get_article_id (undo), ==, keep);
  g_assert_cmpstr (topiary_article_get_body (kept), ==,
                   "Intro text.\n\n## Flask for beginners\n\nStart here.\n");
  /* The kept article's queries first, its primary still primary; the
   * absorbed ones it lacked after them, compared without case or
   * spacing. */
  g_assert_cmpuint (topiary_article_get_n_queries (kept), ==, 3);
  g_assert_cmpstr (queries[0], ==, "flask tutorial");
  g_assert_cmpstr (queries[1], ==, "learn flask");
  g_assert_cmpstr (queries[2], ==, "flask for beginners");
  g_assert_cmpint (topiary_article_get_primary_query (kept), ==, 0);
  g_assert_cmpstr (topiary_article_get_title (kept), ==, "Flask basics");
  g_assert_null (gone);
  g_assert_cmpuint (trash->len, ==, 1);
  g_assert_cmpstr (((TopiaryTrashItem *) g_ptr_array_index (trash, 0))->slug, ==, "flask-for-beginners");
}

static void
test_heading_and_primary (Fixture       *f,
                          gconstpointer  data)
{
  /* A text that starts with a heading gets none of the merge's; a kept
   * article without queries takes the absorbed primary as its own. */
  gint64 keep = add (f, "Routing", 0, 0, TOPIARY_KIND_CLUSTER, NULL, "");
  gint64 absorb = add (f, "Routes", 0, 0, TOPIARY_KIND_CLUSTER, "flask routes;url rules",
                       "\n# Routes in Flask\n\nText.");
  g_autoptr(TopiaryArticle) kept = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;

  topiary_article_set_primary_query (kept = topiary_project_get_article (f->project, absorb, FALSE, NULL), 1);
  g_assert_true (topiary_project_update_article (f->project, kept, NULL));
  g_clear_object (&kept);
  undo = merge (f, keep, absorb);
  kept = topiary_project_get_article (f->project, keep, TRUE, NULL);
  g_assert_cmpstr (topiary_article_get_body (kept), ==, "# Routes in Flask\n\nText.\n");
  g_assert_cmpstr (topiary_article_get_queries (kept)[0], ==, "url rules");
  g_assert_cmpstr (topiary_article_get_queries (kept)[1], ==, "flask routes");
  g_assert_cmpint (topiary_article_get_primary_query (kept), ==, 0);
}

static void
test_links_redirected (Fixture       *f,
                       gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Flask");
  gint64 keep = add (f, "Flask basics", group, 0, TOPIARY_KIND_PILLAR, "flask", "See [[Flask for beginners]].\n");
  gint64 absorb = add (f, "Flask for beginners", group, keep, TOPIARY_KIND_CLUSTER, "flask start",
                       "Back to [[flask-basics]].\n");
  gint64 c = add (f, "Routing", group, keep, TOPIARY_KIND_CLUSTER, NULL,
                  "Read [[flask-for-beginners]] and [[Flask for beginners|the guide]].\n"
                  "Install: [[flask-for-beginners#Install]]. Other: [[Routing]].\n");
  gint64 d = add (f, "Templates", group, keep, TOPIARY_KIND_CLUSTER, NULL,
                  "A [Markdown link](../flask-for-beginners/), [another](flask-for-beginners.md#setup), "
                  "[not it](../flask-for-beginners-2/).\n\n```\n[[flask-for-beginners]]\n```\n");
  gint64 e = add (f, "Forms", group, keep, TOPIARY_KIND_CLUSTER, NULL, "No links here.\n");
  g_autofree char *e_before = body_of (f, e);
  g_autoptr(TopiaryEdit) undo = merge (f, keep, absorb);
  g_autofree char *kept = body_of (f, keep);
  g_autofree char *c_after = body_of (f, c);
  g_autofree char *d_after = body_of (f, d);
  g_autofree char *e_after = body_of (f, e);

  g_assert_cmpstr (c_after, ==,
                   "Read [[flask-basics]] and [[Flask basics|the guide]].\n"
                   "Install: [[flask-basics#Install]]. Other: [[Routing]].\n");
  g_assert_cmpstr (d_after, ==,
                   "A [Markdown link](../flask-basics/), [another](flask-basics.md#setup), "
                   "[not it](../flask-for-beginners-2/).\n\n```\n[[flask-for-beginners]]\n```\n");
  g_assert_cmpstr (e_after, ==, e_before);
  /* The kept article's own link to the absorbed one names itself now. */
  g_assert_cmpstr (kept, ==, "See [[Flask basics]].\n\n## Flask for beginners\n\nBack to [[flask-basics]].\n");
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryUndoStack) stack = topiary_undo_stack_new (f->project);
  gint64 group = test_add_group (f->project, "Flask");
  gint64 keep = add (f, "Flask basics", group, 0, TOPIARY_KIND_PILLAR, "flask;flask tutorial",
                     "Intro.\n\nSee [[Flask for beginners]].");
  gint64 absorb = add (f, "Flask for beginners", group, keep, TOPIARY_KIND_CLUSTER,
                       "flask tutorial;flask for beginners", "Start here.\n\n  trailing  \n");
  gint64 c;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  gint64 article_id = 0;

  add (f, "Routing", group, keep, TOPIARY_KIND_CLUSTER, "flask routes",
       "Read [[flask-for-beginners]] and [x](../flask-for-beginners/).");
  c = add (f, "Templates", group, absorb, TOPIARY_KIND_CLUSTER, NULL, "[[Flask for beginners|Beginners]]");
  before = describe (f);
  topiary_undo_stack_push (stack, merge (f, keep, absorb));
  after = describe (f);
  g_assert_cmpstr (after, !=, before);
  /* The absorbed article's cluster hangs under the kept one. */
  {
    g_autoptr(TopiaryArticle) t = topiary_project_get_article (f->project, c, FALSE, NULL);
    g_assert_cmpint (topiary_article_get_parent_id (t), ==, keep);
  }

  g_assert_true (topiary_undo_stack_undo (stack, &article_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (article_id, ==, keep);
  undone = describe (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (id_of (f, "flask-for-beginners"), !=, 0);

  g_assert_true (topiary_undo_stack_redo (stack, NULL, &error));
  g_assert_no_error (error);
  redone = describe (f);
  g_assert_cmpstr (redone, ==, after);

  g_assert_true (topiary_undo_stack_undo (stack, NULL, &error));
  g_assert_no_error (error);
  g_free (undone);
  undone = describe (f);
  g_assert_cmpstr (undone, ==, before);
}

static gint64
add_file (Fixture    *f,
          gint64      article_id,
          const char *name,
          GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryFileInfo) info = topiary_project_add_file (f->project, article_id, name, data, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, name);
  return info->id;
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) a = test_image ("png", 4, 4, 1);
  g_autoptr(GBytes) b = test_image ("png", 4, 4, 2);
  g_autoptr(GBytes) shared = test_image ("png", 4, 4, 3);
  g_autoptr(GBytes) pdfless = g_bytes_new_static (test_gif, sizeof test_gif);
  gint64 keep = add (f, "Flask basics", 0, 0, TOPIARY_KIND_CLUSTER, NULL,
                     "![Shot](images/shot.png) ![Logo](images/logo.png)\n");
  gint64 absorb = add (f, "Flask for beginners", 0, 0, TOPIARY_KIND_CLUSTER, NULL,
                       "![Their shot](images/shot.png) ![Same logo](./images/brand.png) ![Dot](images/dot.gif)\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *kept = NULL;

  add_file (f, keep, "images/shot.png", b);
  add_file (f, keep, "images/logo.png", shared);
  add_file (f, absorb, "images/shot.png", a);
  add_file (f, absorb, "images/brand.png", shared);
  add_file (f, absorb, "images/dot.gif", pdfless);
  before = describe (f);

  undo = merge (f, keep, absorb);
  after = describe (f);
  kept = body_of (f, keep);
  /* The name the kept article has is taken by other bytes: "-2"; bytes it
   * has already keep its name; the rest keep theirs. */
  g_assert_cmpstr (kept, ==,
                   "![Shot](images/shot.png) ![Logo](images/logo.png)\n\n## Flask for beginners\n\n"
                   "![Their shot](images/shot-2.png) ![Same logo](./images/logo.png) ![Dot](images/dot.gif)\n");
  files = topiary_project_list_files (f->project, keep, NULL);
  g_assert_cmpuint (files->len, ==, 4);
  g_assert_cmpstr (((TopiaryFileInfo *) g_ptr_array_index (files, 0))->name, ==, "images/dot.gif");
  g_assert_cmpstr (((TopiaryFileInfo *) g_ptr_array_index (files, 1))->name, ==, "images/logo.png");
  g_assert_cmpstr (((TopiaryFileInfo *) g_ptr_array_index (files, 2))->name, ==, "images/shot-2.png");
  g_assert_cmpstr (((TopiaryFileInfo *) g_ptr_array_index (files, 3))->name, ==, "images/shot.png");
  {
    g_autoptr(GBytes) moved = topiary_project_get_file_data (f->project,
                                                             ((TopiaryFileInfo *) g_ptr_array_index (files, 2))->sha256,
                                                             NULL);
    g_assert_true (g_bytes_equal (moved, a));
  }
  round_trip (f, undo, before, after);
}

static void
test_pillar (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 group = test_add_group (f->project, "Flask");
  gint64 other = test_add_group (f->project, "Django");
  gint64 pillar = add (f, "Flask", group, 0, TOPIARY_KIND_PILLAR, "flask", "Pillar text.");
  gint64 c1 = add (f, "Flask guide", group, pillar, TOPIARY_KIND_CLUSTER, "flask guide", "Guide.");
  gint64 c2 = add (f, "Routing", group, pillar, TOPIARY_KIND_CLUSTER, NULL, "[[Flask]]");
  gint64 django = add (f, "Django", other, 0, TOPIARY_KIND_PILLAR, NULL, "");
  g_autofree char *before = describe (f);
  g_autofree char *refused = NULL;
  g_autoptr(TopiaryEdit) undo = NULL;
  g_autoptr(TopiaryArticle) a1 = NULL;
  g_autoptr(TopiaryArticle) a2 = NULL;

  /* Into another group's article: refused, nothing changed. */
  g_assert_null (topiary_map_edit_merge_articles (f->project, django, pillar, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Flask” is the pillar of its group and can only be merged into an article of that group.");
  refused = describe (f);
  g_assert_cmpstr (refused, ==, before);

  /* Into one of its clusters: that one is the pillar now, with the
   * other clusters under it. */
  undo = merge (f, c1, pillar);
  a1 = topiary_project_get_article (f->project, c1, FALSE, NULL);
  a2 = topiary_project_get_article (f->project, c2, FALSE, NULL);
  g_assert_cmpint (topiary_article_get_kind (a1), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_parent_id (a1), ==, 0);
  g_assert_cmpint (topiary_article_get_group_id (a1), ==, group);
  g_assert_cmpint (topiary_article_get_parent_id (a2), ==, c1);
  {
    g_autofree char *body = body_of (f, c2);
    g_assert_cmpstr (body, ==, "[[Flask guide]]");
  }
  {
    g_autofree char *after = describe (f);

    round_trip (f, undo, before, after);
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "Flask basics", 0, 0, TOPIARY_KIND_CLUSTER, "flask", "Text.");
  gint64 b = add (f, "Flask intro", 0, 0, TOPIARY_KIND_CLUSTER, "flask", "More.");
  g_autofree char *before = describe (f);
  g_autofree char *now = NULL;

  g_assert_null (topiary_map_edit_merge_articles (f->project, a, a, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An article cannot be merged into itself.");
  g_clear_error (&error);

  g_assert_null (topiary_map_edit_merge_articles (f->project, a, b + 100, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "There is no article"));
  g_clear_error (&error);

  g_assert_null (topiary_map_edit_merge_articles (f->project, b + 100, b, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  now = describe (f);
  g_assert_cmpstr (now, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) \
  g_test_add ("/core/map-merge/" name, Fixture, NULL, test_project_fixture_setup, fn, test_project_fixture_teardown)
  ADD ("body-and-queries", test_body_and_queries);
  ADD ("heading-and-primary", test_heading_and_primary);
  ADD ("links-redirected", test_links_redirected);
  ADD ("undo-redo", test_undo_redo);
  ADD ("files", test_files);
  ADD ("pillar", test_pillar);
  ADD ("refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
