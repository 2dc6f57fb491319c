/* test-graph.c — the map as a graph: nodes, edges, layout, SVG (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "topiary-graph.h"
#include "topiary-links.h"
#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  TopiaryProject *project;
  char           *dir;
  char           *path;
  gint64          flask, django;
  gint64          guide, routing, templates, deploy, django_guide, idea;
} Fixture;

static gint64
add (TopiaryProject *project,
     const char     *title,
     gint64          group,
     TopiaryKind     kind,
     TopiaryStatus   status,
     gint64          position,
     const char     *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group);
  topiary_article_set_kind (a, kind);
  topiary_article_set_status (a, status);
  topiary_article_set_position (a, position);
  topiary_article_set_body (a, body);
  return test_add_article (project, a);
}

/* Flask: a pillar linking to one of its three clusters; Routing links up
 * and across to Django; Templates lacks its link up; Deploying is not
 * written yet. Django: a pillar. An idea links to the Flask guide. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->project = test_project_create ("topiary-graph-XXXXXX", &f->dir, &f->path);
  f->flask = test_add_group (f->project, "Flask");
  f->django = test_add_group (f->project, "Django");
  f->guide = add (f->project, "Flask Guide", f->flask, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PUBLISHED, 0,
                  "The guide, with [[Flask Routing]] and a word or two more.");
  f->routing = add (f->project, "Flask Routing", f->flask, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_REVIEW, 0,
                    "Routes: see [[Flask Guide]], and [[Django Guide]] for Django; [[Flask Guide|again]].");
  f->templates = add (f->project, "Flask Templates", f->flask, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_DRAFTING, 0,
                      "Templates.");
  f->deploy = add (f->project, "Deploying Flask", f->flask, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_PLANNED, 0, "");
  f->django_guide = add (f->project, "Django Guide", f->django, TOPIARY_KIND_PILLAR, TOPIARY_STATUS_PUBLISHED, 0,
                         "Django.");
  f->idea = add (f->project, "Some idea", 0, TOPIARY_KIND_CLUSTER, TOPIARY_STATUS_IDEA, 0,
                 "About [[Flask Guide]].");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

static TopiaryLinker *
linker_of (TopiaryProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = topiary_map_new (project, &error);
  TopiaryLinker *linker;

  g_assert_no_error (error);
  linker = topiary_linker_new (project, map, &error);
  g_assert_no_error (error);
  return linker;
}

static TopiaryGraph *
graph_of (TopiaryProject    *project,
          TopiaryGraphLevel  level)
{
  g_autoptr(TopiaryLinker) linker = linker_of (project);

  /* The graph keeps nothing of the linker. */
  return topiary_graph_new (linker, level);
}

/* The edges as text, one "FROM>TO kind[ cross][ xN]" per line, FROM and
 * TO being labels. */
static char *
describe_edges (TopiaryGraph *g)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < topiary_graph_get_n_edges (g); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (g, i);

      g_string_append_printf (out, "%s>%s %s%s", topiary_graph_get_node (g, e->from)->label,
                              topiary_graph_get_node (g, e->to)->label,
                              e->kind == TOPIARY_GRAPH_EDGE_MISSING ? "missing" : "link",
                              e->cross_group ? " cross" : "");
      if (e->count != 1)
        g_string_append_printf (out, " x%u", e->count);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Every node, with its place, as text. */
static char *
describe_layout (TopiaryGraph *g)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (g, i);

      g_string_append_printf (out, "%s %d %.9f %.9f %.9f\n", n->label, n->kind, n->x, n->y, n->radius);
    }
  return g_string_free (out, FALSE);
}

static void
assert_no_overlap (TopiaryGraph *g)
{
  guint n = topiary_graph_get_n_nodes (g);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const TopiaryGraphNode *a = topiary_graph_get_node (g, i);
        const TopiaryGraphNode *b = topiary_graph_get_node (g, j);
        double d = hypot (a->x - b->x, a->y - b->y);

        if (d < a->radius + b->radius)
          g_error ("nodes %u (%s) and %u (%s) overlap: %g apart, radii %g and %g",
                   i, a->label, j, b->label, d, a->radius, b->radius);
      }
}

static void
test_nodes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  static const char * const labels[] = {
    "Flask Guide", "Flask Routing", "Flask Templates", "Deploying Flask", "Django Guide", "Some idea",
  };
  static const TopiaryGraphNodeKind kinds[] = {
    TOPIARY_GRAPH_NODE_PILLAR, TOPIARY_GRAPH_NODE_CLUSTER, TOPIARY_GRAPH_NODE_CLUSTER,
    TOPIARY_GRAPH_NODE_CLUSTER, TOPIARY_GRAPH_NODE_PILLAR, TOPIARY_GRAPH_NODE_IDEA,
  };
  const TopiaryGraphNode *n;

  g_assert_cmpint (topiary_graph_get_level (g), ==, TOPIARY_GRAPH_ARTICLES);
  g_assert_cmpuint (topiary_graph_get_n_nodes (g), ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      n = topiary_graph_get_node (g, i);
      g_assert_cmpstr (n->label, ==, labels[i]);
      g_assert_cmpint (n->kind, ==, kinds[i]);
      g_assert_cmpuint (n->articles, ==, 1);
      g_assert_cmpfloat (n->radius, >, 0);
    }
  n = topiary_graph_get_node (g, 0);
  g_assert_cmpint (n->article_id, ==, f->guide);
  g_assert_cmpint (n->group_id, ==, f->flask);
  g_assert_cmpstr (n->slug, ==, "flask-guide");
  g_assert_cmpint (n->status, ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpuint (n->words, >, 0);
  g_assert_cmpint (topiary_graph_get_node (g, 5)->group_id, ==, 0);
  g_assert_cmpint (topiary_graph_get_node (g, 3)->status, ==, TOPIARY_STATUS_PLANNED);
  /* Sized by words: the longer article is not the smaller circle. */
  g_assert_cmpfloat (topiary_graph_get_node (g, 3)->radius, <, topiary_graph_get_node (g, 1)->radius);

  g_assert_cmpint (topiary_graph_find_article (g, f->templates), ==, 2);
  g_assert_cmpint (topiary_graph_find_article (g, f->idea), ==, 5);
  g_assert_cmpint (topiary_graph_find_article (g, 9999), ==, -1);
}

static void
test_edges (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  g_autofree char *edges = describe_edges (g);

  /* Links in the order of the text, each target once; then what the plan
   * requires and the text lacks; Deploying, not written, lacks nothing. */
  g_assert_cmpstr (edges, ==,
                   "Flask Guide>Flask Routing link\n"
                   "Flask Guide>Flask Templates missing\n"
                   "Flask Guide>Deploying Flask missing\n"
                   "Flask Routing>Flask Guide link\n"
                   "Flask Routing>Django Guide link cross\n"
                   "Flask Templates>Flask Guide missing\n"
                   "Some idea>Flask Guide link\n");
  g_assert_cmpuint (topiary_graph_get_missing (g, 0), ==, 2);
  g_assert_cmpuint (topiary_graph_get_missing (g, 1), ==, 0);
  g_assert_cmpuint (topiary_graph_get_missing (g, 2), ==, 1);
  g_assert_cmpuint (topiary_graph_get_missing (g, 3), ==, 0);
}

/* A missing edge goes once the link is written, and comes back when it
 * is taken out. */
static void
test_missing_written (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_of (f->project);
  g_autoptr(TopiaryGraph) before = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
  g_autoptr(TopiaryGraph) after = NULL;
  g_autoptr(TopiaryGraph) again = NULL;
  g_autofree char *edges = NULL;
  g_autofree char *edges_again = NULL;
  g_autofree char *edges_before = describe_edges (before);

  g_assert_nonnull (strstr (edges_before, "Flask Templates>Flask Guide missing\n"));
  topiary_linker_set_body (linker, f->templates, "Templates, from the [[flask-guide|guide]].");
  after = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
  edges = describe_edges (after);
  g_assert_null (strstr (edges, "Flask Templates>Flask Guide missing"));
  g_assert_nonnull (strstr (edges, "Flask Templates>Flask Guide link\n"));

  topiary_linker_set_body (linker, f->templates, "Templates again.");
  again = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
  edges_again = describe_edges (again);
  g_assert_nonnull (strstr (edges_again, "Flask Templates>Flask Guide missing\n"));
  g_assert_null (strstr (edges_again, "Flask Templates>Flask Guide link"));
}

/* A linking plan's pair is required too, here across groups. */
static void
test_plan_pair (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("other", "Linking plan",
                                                  "- [[flask-templates]] \xe2\x86\x92 [[django-guide]] (django)\n");
  g_autoptr(TopiaryGraph) g = NULL;
  g_autofree char *edges = NULL;

  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);
  g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  edges = describe_edges (g);
  g_assert_nonnull (strstr (edges, "Flask Templates>Flask Guide missing\nFlask Templates>Django Guide missing cross\n"));
}

static void
test_groups_level (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGraph) g = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("other", "Linking plan",
                                                  "- [[django-guide]] \xe2\x86\x92 [[flask-templates]]\n"
                                                  "- [[django-guide]] \xe2\x86\x92 [[flask-routing]]\n");
  g_autofree char *edges = NULL;
  const TopiaryGraphNode *n;
  guint flask_words = 0;

  /* Two more links from Flask to Django: three in all, from two
   * articles (Routing's is counted once). */
  g_assert_true (topiary_project_save_body (f->project, f->guide,
                                            "The guide, [[Flask Routing]], [[Django Guide]] and [[django-guide|again]].",
                                            &error));
  g_assert_true (topiary_project_save_body (f->project, f->templates, "Templates, like [[Django Guide]].", &error));
  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);

  g = graph_of (f->project, TOPIARY_GRAPH_GROUPS);
  g_assert_cmpint (topiary_graph_get_level (g), ==, TOPIARY_GRAPH_GROUPS);
  g_assert_cmpuint (topiary_graph_get_n_nodes (g), ==, 3);

  n = topiary_graph_get_node (g, 0);
  g_assert_cmpint (n->kind, ==, TOPIARY_GRAPH_NODE_GROUP);
  g_assert_cmpstr (n->label, ==, "Flask");
  g_assert_cmpint (n->group_id, ==, f->flask);
  g_assert_cmpint (n->article_id, ==, 0);
  g_assert_null (n->slug);
  g_assert_cmpuint (n->articles, ==, 4);
  /* The least advanced of its articles. */
  g_assert_cmpint (n->status, ==, TOPIARY_STATUS_PLANNED);
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(TopiaryMap) map = topiary_map_new (f->project, &e);

    g_assert_no_error (e);
    flask_words = (guint) topiary_map_lookup_group (map, f->flask)->counts.words;
  }
  g_assert_cmpuint (flask_words, >, 0);
  g_assert_cmpuint (n->words, ==, flask_words);

  n = topiary_graph_get_node (g, 1);
  g_assert_cmpstr (n->label, ==, "Django");
  g_assert_cmpuint (n->articles, ==, 1);
  g_assert_cmpint (n->status, ==, TOPIARY_STATUS_PUBLISHED);

  n = topiary_graph_get_node (g, 2);
  g_assert_cmpint (n->kind, ==, TOPIARY_GRAPH_NODE_IDEAS);
  g_assert_cmpint (n->group_id, ==, 0);
  g_assert_cmpuint (n->articles, ==, 1);
  g_assert_cmpint (n->status, ==, TOPIARY_STATUS_IDEA);

  /* Links inside a group are no edge between groups; Django's plan asks
   * for two links into Flask that its text lacks: one missing edge of 2. */
  edges = describe_edges (g);
  g_assert_cmpstr (edges, ==,
                   "Flask>Django link cross x3\n"
                   "Django>Flask missing cross x2\n"
                   "Ideas>Flask link\n");
  /* Inside Flask, the guide lacks Templates and Deploying, Templates its
   * guide: no edge shows them at this level, the count does. */
  g_assert_cmpuint (topiary_graph_get_missing (g, 0), ==, 3);
  g_assert_cmpuint (topiary_graph_get_missing (g, 1), ==, 2);
  g_assert_cmpuint (topiary_graph_get_missing (g, 2), ==, 0);
  {
    g_autofree char *svg = topiary_graph_to_svg (g, NULL);

    g_assert_nonnull (strstr (svg, "<circle class=\"missing\""));
    g_assert_nonnull (strstr (svg, "3 required links missing"));
  }
  g_assert_cmpint (topiary_graph_find_article (g, f->guide), ==, -1);
  assert_no_overlap (g);
}

/* Builds, in a new project, groups of the given sizes (a pillar and
 * clusters of varied lengths) and @ideas ideas; the articles are added
 * last first when @reverse, each at the place it has in the other order,
 * so that their ids differ but not their order. */
static TopiaryProject *
sized_map (const guint *sizes,
           guint        n_groups,
           guint        ideas,
           gboolean     reverse,
           char       **dir,
           char       **path)
{
  TopiaryProject *project = test_project_create ("topiary-graph-XXXXXX", dir, path);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);

  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *name = g_strdup_printf ("Group %u", g);
      gint64 id = test_add_group (project, name);

      for (guint i = 0; i < sizes[g]; i++)
        {
          GString *body = g_string_new (NULL);
          int kind = i == 0 ? TOPIARY_KIND_PILLAR : TOPIARY_KIND_CLUSTER;

          /* 0 to about 3,000 words, varied. */
          for (guint w = 0; w < (g * 131 + i * 977) % 3001; w++)
            g_string_append (body, "word ");
          if (i > 0)
            g_string_append_printf (body, "[[Group %u article 0]]", g);
          if (i == 1 && g + 1 < n_groups)
            g_string_append_printf (body, " [[Group %u article 1]]", g + 1);
          g_ptr_array_add (titles, g_strdup_printf ("Group %u article %u", g, i));
          g_array_append_val (groups, id);
          g_array_append_val (kinds, kind);
          g_ptr_array_add (bodies, g_string_free (body, FALSE));
        }
    }
  for (guint i = 0; i < ideas; i++)
    {
      gint64 none = 0;
      int kind = TOPIARY_KIND_CLUSTER;

      g_ptr_array_add (titles, g_strdup_printf ("Idea %u", i));
      g_array_append_val (groups, none);
      g_array_append_val (kinds, kind);
      g_ptr_array_add (bodies, g_strdup (i % 2 ? "An idea." : ""));
    }

  for (guint k = 0; k < titles->len; k++)
    {
      guint i = reverse ? titles->len - 1 - k : k;
      g_autoptr(TopiaryArticle) a = topiary_article_new ();
      g_autoptr(GError) error = NULL;

      topiary_article_set_title (a, g_ptr_array_index (titles, i));
      topiary_article_set_group_id (a, g_array_index (groups, gint64, i));
      topiary_article_set_kind (a, g_array_index (kinds, int, i));
      topiary_article_set_body (a, g_ptr_array_index (bodies, i));
      /* Last first: each goes before those already in. */
      topiary_article_set_position (a, reverse ? 1 : 0);
      test_add_article (project, a);
    }
  return project;
}

static const guint some_sizes[] = { 12, 1, 30, 5, 5, 8, 2, 17, 1, 3, 40, 6, 9, 4, 11, 2, 2, 7 };

/* The same map laid out twice, and once more with its articles added in
 * the other order of ids: the same places and the same SVG. */
static void
test_deterministic (void)
{
  g_autofree char *dir_a = NULL, *path_a = NULL, *dir_b = NULL, *path_b = NULL;
  TopiaryProject *a = sized_map (some_sizes, G_N_ELEMENTS (some_sizes), 9, FALSE, &dir_a, &path_a);
  TopiaryProject *b = sized_map (some_sizes, G_N_ELEMENTS (some_sizes), 9, TRUE, &dir_b, &path_b);
  g_autoptr(TopiaryLinker) linker = linker_of (a);
  g_autoptr(TopiaryGraph) g1 = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
  g_autoptr(TopiaryGraph) g2 = topiary_graph_new (linker, TOPIARY_GRAPH_ARTICLES);
  g_autoptr(TopiaryGraph) g3 = graph_of (b, TOPIARY_GRAPH_ARTICLES);
  g_autoptr(TopiaryGraph) h1 = topiary_graph_new (linker, TOPIARY_GRAPH_GROUPS);
  g_autoptr(TopiaryGraph) h3 = graph_of (b, TOPIARY_GRAPH_GROUPS);
  g_autofree char *l1 = describe_layout (g1), *l2 = describe_layout (g2), *l3 = describe_layout (g3);
  g_autofree char *s1 = topiary_graph_to_svg (g1, "../"), *s2 = topiary_graph_to_svg (g2, "../");
  g_autofree char *s3 = topiary_graph_to_svg (g3, "../");
  g_autofree char *e1 = describe_edges (g1), *e3 = describe_edges (g3);
  g_autofree char *m1 = describe_layout (h1), *m3 = describe_layout (h3);
  g_autofree char *t1 = topiary_graph_to_svg (h1, NULL), *t3 = topiary_graph_to_svg (h3, NULL);

  /* The ids do differ. */
  g_assert_cmpint (topiary_graph_get_node (g1, 0)->article_id, !=, topiary_graph_get_node (g3, 0)->article_id);
  g_assert_cmpuint (topiary_graph_get_n_nodes (g1), ==, 174);
  g_assert_cmpstr (l1, ==, l2);
  g_assert_cmpstr (s1, ==, s2);
  g_assert_cmpstr (l1, ==, l3);
  g_assert_cmpstr (e1, ==, e3);
  g_assert_cmpstr (s1, ==, s3);
  g_assert_cmpstr (m1, ==, m3);
  g_assert_cmpstr (t1, ==, t3);

  test_project_destroy (a, dir_a, path_a);
  test_project_destroy (b, dir_b, path_b);
  dir_a = path_a = dir_b = path_b = NULL;
}

/* Groups of many sizes, one article alone, many ideas: no two circles
 * overlap, at either level; each group's pillar is in the middle of its
 * clusters; the ideas stand apart from the groups. */
static void
test_no_overlap (void)
{
  static const guint shapes[][8] = {
    { 1 }, { 2 }, { 3 }, { 1, 1 }, { 1, 1, 1 }, { 4, 4, 4, 4 },
    { 60, 1, 1, 1, 1, 1, 1, 1 }, { 1, 2, 3, 4, 5, 6, 7, 8 }, { 25, 25, 25, 25, 25 },
  };

  /* Many small groups and a few large: the packing mends its chain. */
  guint many[150];

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = i % 37 == 0 ? 20 + i % 11 : 1 + (i * 7) % 4;

  for (guint s = 0; s < G_N_ELEMENTS (shapes) + 2; s++)
    {
      g_autofree char *dir = NULL, *path = NULL;
      const guint *sizes = s < G_N_ELEMENTS (shapes) ? shapes[s] : s == G_N_ELEMENTS (shapes) ? some_sizes : many;
      guint n = 0;
      TopiaryProject *p;

      if (s < G_N_ELEMENTS (shapes))
        while (n < 8 && sizes[n] != 0)
          n++;
      else
        n = sizes == some_sizes ? G_N_ELEMENTS (some_sizes) : G_N_ELEMENTS (many);
      p = sized_map (sizes, n, s % 3 == 0 ? 0 : 20 + s, FALSE, &dir, &path);
      {
        g_autoptr(TopiaryGraph) g = graph_of (p, TOPIARY_GRAPH_ARTICLES);
        g_autoptr(TopiaryGraph) h = graph_of (p, TOPIARY_GRAPH_GROUPS);
        double right_of_groups = -G_MAXDOUBLE;

        assert_no_overlap (g);
        assert_no_overlap (h);
        for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
          {
            const TopiaryGraphNode *node = topiary_graph_get_node (g, i);

            if (node->kind != TOPIARY_GRAPH_NODE_IDEA)
              right_of_groups = MAX (right_of_groups, node->x + node->radius);
          }
        for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
          {
            const TopiaryGraphNode *node = topiary_graph_get_node (g, i);

            if (node->kind == TOPIARY_GRAPH_NODE_IDEA && n > 0)
              g_assert_cmpfloat (node->x - node->radius, >, right_of_groups);
          }
        /* The pillar is the middle of its group: no article of the group
         * is nearer to all the others. */
        for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
          {
            const TopiaryGraphNode *pillar = topiary_graph_get_node (g, i);
            guint end = i + 1;
            double pillar_far = 0;

            if (pillar->kind != TOPIARY_GRAPH_NODE_PILLAR)
              continue;
            while (end < topiary_graph_get_n_nodes (g) && topiary_graph_get_node (g, end)->group_id == pillar->group_id)
              end++;
            for (guint j = i; j < end; j++)
              {
                const TopiaryGraphNode *a = topiary_graph_get_node (g, j);
                double far = 0;

                for (guint k = i; k < end; k++)
                  {
                    const TopiaryGraphNode *b = topiary_graph_get_node (g, k);

                    far = MAX (far, hypot (a->x - b->x, a->y - b->y));
                  }
                if (j == i)
                  pillar_far = far;
                else
                  g_assert_cmpfloat (pillar_far, <=, far + 1e-9);
              }
          }
      }
      test_project_destroy (p, dir, path);
      dir = path = NULL;
    }
}

static void
test_bounds (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  double x, y, w, h;
  gboolean left = FALSE, right = FALSE;

  topiary_graph_get_bounds (g, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (h, >, 0);
  for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (g, i);

      g_assert_cmpfloat (n->x - n->radius, >=, x - 1e-9);
      g_assert_cmpfloat (n->y - n->radius, >=, y - 1e-9);
      g_assert_cmpfloat (n->x + n->radius, <=, x + w + 1e-9);
      g_assert_cmpfloat (n->y + n->radius, <=, y + h + 1e-9);
      left = left || fabs (n->x - n->radius - x) < 1e-9;
      right = right || fabs (n->x + n->radius - (x + w)) < 1e-9;
    }
  /* Tight: a node touches each side. */
  g_assert_true (left && right);
}

static void
test_node_at (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  double x, y, w, h;

  for (guint i = 0; i < topiary_graph_get_n_nodes (g); i++)
    {
      const TopiaryGraphNode *n = topiary_graph_get_node (g, i);

      g_assert_cmpint (topiary_graph_node_at (g, n->x, n->y), ==, (int) i);
      /* Inside the rim, and just outside it. */
      g_assert_cmpint (topiary_graph_node_at (g, n->x + n->radius * 0.99, n->y), ==, (int) i);
      g_assert_cmpint (topiary_graph_node_at (g, n->x + n->radius + 0.5, n->y), !=, (int) i);
    }
  topiary_graph_get_bounds (g, &x, &y, &w, &h);
  g_assert_cmpint (topiary_graph_node_at (g, x - 10, y - 10), ==, -1);
  g_assert_cmpint (topiary_graph_node_at (g, x + w + 10, y + h / 2), ==, -1);
}

/* How far (@px, @py) is from the line between @e's nodes' centres. */
static double
distance_to_edge (TopiaryGraph           *g,
                  const TopiaryGraphEdge *e,
                  double                  px,
                  double                  py)
{
  const TopiaryGraphNode *a = topiary_graph_get_node (g, e->from);
  const TopiaryGraphNode *b = topiary_graph_get_node (g, e->to);
  double vx = b->x - a->x, vy = b->y - a->y;
  double t = ((px - a->x) * vx + (py - a->y) * vy) / (vx * vx + vy * vy);

  t = CLAMP (t, 0.0, 1.0);
  return hypot (a->x + t * vx - px, a->y + t * vy - py);
}

static void
test_edge_at (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  double x, y, w, h;
  gboolean found_missing = FALSE;

  for (guint i = 0; i < topiary_graph_get_n_edges (g); i++)
    {
      const TopiaryGraphEdge *e = topiary_graph_get_edge (g, i);
      const TopiaryGraphNode *a = topiary_graph_get_node (g, e->from);
      const TopiaryGraphNode *b = topiary_graph_get_node (g, e->to);
      double mx = (a->x + b->x) / 2, my = (a->y + b->y) / 2;
      /* A point 2 units beside the middle of the edge. */
      double d = hypot (b->x - a->x, b->y - a->y);
      double px = mx - (b->y - a->y) / d * 2, py = my + (b->x - a->x) / d * 2;
      int at = topiary_graph_edge_at (g, px, py, 3);
      const TopiaryGraphEdge *found;

      guint others = 0;

      g_assert_cmpint (at, >=, 0);
      found = topiary_graph_get_edge (g, at);
      /* The edge found passes near the point... */
      g_assert_cmpfloat (distance_to_edge (g, found, px, py), <=, 3);
      for (guint k = 0; k < topiary_graph_get_n_edges (g); k++)
        {
          const TopiaryGraphEdge *o = topiary_graph_get_edge (g, k);

          if (!((o->from == e->from && o->to == e->to) || (o->from == e->to && o->to == e->from)) &&
              distance_to_edge (g, o, px, py) <= 3)
            others++;
        }
      /* ...and it is this one (or the link back, which lies on the same
       * line) unless another edge crosses there. */
      if (others == 0)
        {
          g_assert_true ((found->from == e->from && found->to == e->to) ||
                         (found->from == e->to && found->to == e->from));
          /* Two units away is not within one. */
          g_assert_cmpint (topiary_graph_edge_at (g, px, py, 1), ==, -1);
        }
      if (e->kind == TOPIARY_GRAPH_EDGE_MISSING && found == e)
        found_missing = TRUE;
    }
  g_assert_true (found_missing);
  topiary_graph_get_bounds (g, &x, &y, &w, &h);
  g_assert_cmpint (topiary_graph_edge_at (g, x - 50, y - 50, 5), ==, -1);
}

static void
check_well_formed (const char *svg)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

/* A hostile title and slug: escaped, never markup, never a script or a
 * link out of the site. */
static void
test_svg_escaping (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();
  g_autoptr(TopiaryGraph) g = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *plain = NULL;

  topiary_article_set_title (a, "<script>alert(\"x\")</script> & 'quotes' \x01");
  topiary_article_set_slug (a, "javascript:alert(1)\"><script>");
  topiary_article_set_group_id (a, f->flask);
  topiary_article_set_body (a, "Hostile.");
  test_add_article (f->project, a);

  g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  svg = topiary_graph_to_svg (g, "../");
  check_well_formed (svg);
  /* The project makes the slug safe; the link stays under the base. */
  g_assert_nonnull (strstr (svg, "<a href=\"../javascript-alert-1-script/\">"));
  g_assert_null (strstr (svg, "<script"));
  g_assert_null (strstr (svg, "\x01"));
  g_assert_nonnull (strstr (svg, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos;"));
  g_assert_null (strstr (svg, "href=\"javascript"));
  g_assert_null (strstr (svg, "href=\"http"));
  g_assert_null (strstr (svg, "xlink:href"));
  g_assert_null (strstr (svg, "<foreignObject"));
  /* No event attribute. */
  g_assert_false (g_regex_match_simple ("<[^>]*\\son[a-z]+=", svg, 0, 0));
  g_assert_nonnull (strstr (svg, "href=\"../flask-guide/\""));

  plain = topiary_graph_to_svg (g, NULL);
  check_well_formed (plain);
  g_assert_null (strstr (plain, "<a "));
  g_assert_null (strstr (plain, "href="));
}

/* Missing edges are dashed and red, links solid; nodes coloured by
 * status; the full form adds the site's "index.html". */
static void
test_svg_drawing (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TopiaryGraph) g = graph_of (f->project, TOPIARY_GRAPH_ARTICLES);
  g_autofree char *svg = topiary_graph_to_svg (g, NULL);
  g_autofree char *site = topiary_graph_to_svg_full (g, "../", "index.html");
  g_auto(GStrv) lines = g_strsplit (svg, "\n", -1);
  guint missing = 0, links = 0, circles = 0;

  check_well_formed (svg);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "<line class=\"missing"))
        {
          g_assert_nonnull (strstr (lines[i], "stroke-dasharray"));
          g_assert_nonnull (strstr (lines[i], "stroke=\"#e01b24\""));
          missing++;
        }
      else if (g_str_has_prefix (lines[i], "<line class=\"link"))
        {
          g_assert_null (strstr (lines[i], "stroke-dasharray"));
          links++;
        }
      if (strstr (lines[i], "<circle") != NULL)
        circles++;
    }
  g_assert_cmpuint (missing, ==, 3);
  g_assert_cmpuint (links, ==, 4);
  g_assert_cmpuint (circles, ==, 6);
  g_assert_nonnull (strstr (svg, topiary_graph_status_color (TOPIARY_STATUS_PUBLISHED)));
  g_assert_nonnull (strstr (svg, topiary_graph_status_color (TOPIARY_STATUS_PLANNED)));
  g_assert_cmpstr (topiary_graph_status_color (TOPIARY_STATUS_PLANNED), !=,
                   topiary_graph_status_color (TOPIARY_STATUS_PUBLISHED));
  g_assert_nonnull (strstr (site, "href=\"../flask-routing/index.html\""));
}

static gboolean
keep_but (gint64   id,
          gpointer user_data)
{
  const gint64 *left_out = user_data;

  for (guint i = 0; left_out[i] != 0; i++)
    if (left_out[i] == id)
      return FALSE;
  return TRUE;
}

static char *
href_of_pillars (const TopiaryGraphNode *node,
                 gpointer                user_data)
{
  return node->kind == TOPIARY_GRAPH_NODE_PILLAR ? g_strdup_printf ("p/%s.html?a=1&b=2", node->slug) : NULL;
}

/* Only the articles a filter keeps (the site's map page draws the
 * exported ones), and without the missing links when asked. */
static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  gint64 left_out[] = { f->templates, f->idea, 0 };
  gint64 no_pillar[] = { f->guide, 0 };
  g_autoptr(TopiaryLinker) linker = linker_of (f->project);
  g_autoptr(TopiaryGraph) g = topiary_graph_new_full (linker, TOPIARY_GRAPH_ARTICLES, TOPIARY_GRAPH_DEFAULT,
                                                      keep_but, left_out);
  g_autoptr(TopiaryGraph) site = topiary_graph_new_full (linker, TOPIARY_GRAPH_ARTICLES, TOPIARY_GRAPH_NO_MISSING,
                                                         keep_but, left_out);
  g_autoptr(TopiaryGraph) groups = topiary_graph_new_full (linker, TOPIARY_GRAPH_GROUPS, TOPIARY_GRAPH_DEFAULT,
                                                           keep_but, left_out);
  g_autoptr(TopiaryGraph) headless = topiary_graph_new_full (linker, TOPIARY_GRAPH_ARTICLES, TOPIARY_GRAPH_DEFAULT,
                                                             keep_but, no_pillar);
  g_autofree char *edges = describe_edges (g);
  g_autofree char *site_edges = describe_edges (site);
  g_autofree char *group_edges = describe_edges (groups);
  g_autofree char *svg = topiary_graph_to_svg_with_links (g, href_of_pillars, NULL);

  g_assert_cmpuint (topiary_graph_get_n_nodes (g), ==, 4);
  g_assert_cmpint (topiary_graph_find_article (g, f->templates), ==, -1);
  g_assert_cmpint (topiary_graph_find_article (g, f->deploy), ==, 2);
  g_assert_cmpstr (edges, ==,
                   "Flask Guide>Flask Routing link\n"
                   "Flask Guide>Deploying Flask missing\n"
                   "Flask Routing>Flask Guide link\n"
                   "Flask Routing>Django Guide link cross\n");
  g_assert_cmpstr (site_edges, ==,
                   "Flask Guide>Flask Routing link\n"
                   "Flask Routing>Flask Guide link\n"
                   "Flask Routing>Django Guide link cross\n");

  g_assert_cmpuint (topiary_graph_get_n_nodes (groups), ==, 2);
  g_assert_cmpuint (topiary_graph_get_node (groups, 0)->articles, ==, 3);
  g_assert_cmpstr (group_edges, ==, "Flask>Django link cross\n");

  /* A group whose pillar is left out has no middle, and no pillar. */
  for (guint i = 0; i < topiary_graph_get_n_nodes (headless); i++)
    g_assert_true (topiary_graph_get_node (headless, i)->group_id != f->flask ||
                   topiary_graph_get_node (headless, i)->kind == TOPIARY_GRAPH_NODE_CLUSTER);
  assert_no_overlap (headless);

  check_well_formed (svg);
  g_assert_nonnull (strstr (svg, "<a href=\"p/flask-guide.html?a=1&amp;b=2\">"));
  g_assert_nonnull (strstr (svg, "<a href=\"p/django-guide.html?a=1&amp;b=2\">"));
  g_assert_null (strstr (svg, "flask-routing.html"));
}

static void
test_empty (void)
{
  g_autofree char *dir = NULL, *path = NULL;
  TopiaryProject *p = test_project_create ("topiary-graph-XXXXXX", &dir, &path);

  {
    g_autoptr(TopiaryGraph) g = graph_of (p, TOPIARY_GRAPH_ARTICLES);
    g_autoptr(TopiaryGraph) h = graph_of (p, TOPIARY_GRAPH_GROUPS);
    g_autofree char *svg = topiary_graph_to_svg (g, NULL);
    double x = 1, y = 1, w = 1, hh = 1;

    g_assert_cmpuint (topiary_graph_get_n_nodes (g), ==, 0);
    g_assert_cmpuint (topiary_graph_get_n_edges (g), ==, 0);
    g_assert_cmpuint (topiary_graph_get_n_nodes (h), ==, 0);
    topiary_graph_get_bounds (g, &x, &y, &w, &hh);
    g_assert_cmpfloat (w, ==, 0);
    g_assert_cmpfloat (hh, ==, 0);
    g_assert_cmpint (topiary_graph_node_at (g, 0, 0), ==, -1);
    g_assert_cmpint (topiary_graph_edge_at (g, 0, 0, 10), ==, -1);
    check_well_formed (svg);
  }
  test_project_destroy (p, dir, path);
  dir = path = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/core/graph/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("nodes", test_nodes);
  ADD ("edges", test_edges);
  ADD ("missing-written", test_missing_written);
  ADD ("plan-pair", test_plan_pair);
  ADD ("groups-level", test_groups_level);
  ADD ("bounds", test_bounds);
  ADD ("node-at", test_node_at);
  ADD ("edge-at", test_edge_at);
  ADD ("svg-escaping", test_svg_escaping);
  ADD ("svg-drawing", test_svg_drawing);
  ADD ("filter", test_filter);
#undef ADD
  g_test_add_func ("/core/graph/deterministic", test_deterministic);
  g_test_add_func ("/core/graph/no-overlap", test_no_overlap);
  g_test_add_func ("/core/graph/empty", test_empty);
  return g_test_run ();
}
