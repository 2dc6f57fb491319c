/* test-check.c — the structure and link audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-check.h"
#include "topiary-project.h"
#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add_article (Fixture     *f,
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
  topiary_article_set_body (article, body);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static void
set_body (Fixture    *f,
          gint64      id,
          const char *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_save_body (f->project, id, body, &error));
  g_assert_no_error (error);
}

/* Changes the file behind the project's back, for states the API refuses
 * to create (an empty title, a slug in capitals) but an old or edited file
 * may hold. */
static void
run_sql (Fixture    *f,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  topiary_project_close (f->project);
  g_clear_object (&f->project);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);

  f->project = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static GPtrArray *
check (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = topiary_check_project (f->project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);

  if (g_test_verbose ())
    for (guint i = 0; i < findings->len; i++)
      {
        TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

        g_test_message ("%s %s: %s", topiary_severity_to_string (finding->severity),
                        finding->code, finding->message);
      }

  return findings;
}

static guint
count_code (GPtrArray  *findings,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((TopiaryCheckFinding *) g_ptr_array_index (findings, i))->code, code))
      n++;

  return n;
}

/* The one finding with @code about @article_id (or, when 0, @group_id). */
static TopiaryCheckFinding *
find (GPtrArray  *findings,
      const char *code,
      gint64      article_id,
      gint64      group_id)
{
  TopiaryCheckFinding *found = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      if (!g_str_equal (finding->code, code) || finding->article_id != article_id)
        continue;
      if (article_id == 0 && finding->group_id != group_id)
        continue;

      if (found != NULL)
        g_error ("two findings %s for article %" G_GINT64_FORMAT, code, article_id);
      found = finding;
    }

  if (found == NULL)
    g_error ("no finding %s for article %" G_GINT64_FORMAT " group %" G_GINT64_FORMAT,
             code, article_id, group_id);

  g_assert_nonnull (found->message);
  g_assert_cmpstr (found->message, !=, "");
  g_assert_true (g_str_has_suffix (found->message, "."));
  return found;
}

static void
test_empty_project (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = check (f);
  g_autofree char *json = NULL;

  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpuint (topiary_check_count (findings, TOPIARY_SEVERITY_INFO), ==, 0);

  json = topiary_check_to_json (findings, FALSE);
  g_assert_cmpstr (json, ==, "{\"errors\":0,\"warnings\":0,\"infos\":0,\"findings\":[]}");
}

/* A complete hub and spoke: nothing to report. */
static void
test_healthy (Fixture       *f,
              gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Routing");
  gint64 pillar = add_article (f, "Flask Routing Guide", group, 0, TOPIARY_KIND_PILLAR, "");
  gint64 decorators, building;
  g_autoptr(GPtrArray) findings = NULL;

  decorators = add_article (f, "Flask Route Decorators", group, pillar, TOPIARY_KIND_CLUSTER,
                            "Back to the [[flask routing guide]].\n");
  building = add_article (f, "URL Building", group, pillar, TOPIARY_KIND_CLUSTER,
                          "See the [guide](../flask-routing-guide/) first.\n");
  /* An idea: no group, no pillar, nothing written. */
  add_article (f, "Flask and HTMX", 0, 0, TOPIARY_KIND_CLUSTER, "");
  /* An idea with a body: its links resolve. */
  add_article (f, "Flask on Mars", 0, 0, TOPIARY_KIND_CLUSTER, "Builds on [[URL Building]].\n");

  set_body (f, pillar,
            "# Routing\n\n"
            "Decorators: [[Flask Route Decorators]]. Building URLs: [[url-building|here]].\n");

  findings = check (f);
  g_assert_cmpuint (findings->len, ==, 0);

  g_assert_cmpint (decorators, >, 0);
  g_assert_cmpint (building, >, 0);
}

static void
test_structure (Fixture       *f,
                gconstpointer  data)
{
  gint64 lonely = test_add_group (f->project, "Deployment");
  gint64 routing = test_add_group (f->project, "Routing");
  gint64 templates = test_add_group (f->project, "Templates");
  gint64 pillar = add_article (f, "Flask Routing Guide", routing, 0, TOPIARY_KIND_PILLAR, "");
  gint64 second = add_article (f, "Another Routing Pillar", routing, 0, TOPIARY_KIND_PILLAR, "");
  gint64 tpl_pillar = add_article (f, "Jinja Templates", templates, 0, TOPIARY_KIND_PILLAR, "");
  gint64 orphan = add_article (f, "Route Converters", routing, 0, TOPIARY_KIND_CLUSTER, "");
  gint64 deploy_orphan = add_article (f, "Gunicorn", lonely, 0, TOPIARY_KIND_CLUSTER, "");
  gint64 ok_cluster = add_article (f, "Redirects", routing, pillar, TOPIARY_KIND_CLUSTER, "");
  gint64 under_cluster = add_article (f, "Redirect Codes", routing, ok_cluster, TOPIARY_KIND_CLUSTER, "");
  gint64 cross = add_article (f, "Template Filters", templates, pillar, TOPIARY_KIND_CLUSTER, "");
  gint64 idea = add_article (f, "Flask and HTMX", 0, 0, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GPtrArray) findings = check (f);
  TopiaryCheckFinding *finding;

  finding = find (findings, "group-without-pillar", 0, lonely);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "Deployment"));
  g_assert_cmpuint (count_code (findings, "group-without-pillar"), ==, 1);

  finding = find (findings, "group-several-pillars", second, 0);
  g_assert_cmpint (finding->group_id, ==, routing);
  g_assert_cmpint (finding->related_id, ==, pillar);

  /* Without a parent: the group's pillar is suggested when there is one. */
  finding = find (findings, "cluster-without-pillar", orphan, 0);
  g_assert_cmpint (finding->related_id, ==, pillar);
  g_assert_nonnull (strstr (finding->message, "Flask Routing Guide"));
  finding = find (findings, "cluster-without-pillar", deploy_orphan, 0);
  g_assert_cmpint (finding->related_id, ==, 0);
  g_assert_cmpuint (count_code (findings, "cluster-without-pillar"), ==, 2);

  finding = find (findings, "parent-not-pillar", under_cluster, 0);
  g_assert_cmpint (finding->related_id, ==, ok_cluster);

  finding = find (findings, "pillar-in-other-group", cross, 0);
  g_assert_cmpint (finding->related_id, ==, pillar);

  /* Ideas are exempt, and nothing is written, so no link findings. */
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *fi = g_ptr_array_index (findings, i);

      g_assert_cmpint (fi->article_id, !=, idea);
      g_assert_cmpint (fi->article_id, !=, tpl_pillar);
      g_assert_cmpint (fi->article_id, !=, ok_cluster);
      g_assert_false (g_str_has_suffix (fi->code, "-link") ||
                      strstr (fi->code, "linking") != NULL);
    }

  g_assert_cmpuint (findings->len, ==, 6);
  g_assert_cmpuint (topiary_check_count (findings, TOPIARY_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (topiary_check_count (findings, TOPIARY_SEVERITY_WARNING), ==, 6);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Routing");
  gint64 pillar = add_article (f, "Flask Routing Guide", group, 0, TOPIARY_KIND_PILLAR, "");
  gint64 linked, unlinked, unwritten, blank, quiet_pillar, quiet_cluster, idea;
  g_autoptr(GPtrArray) findings = NULL;
  TopiaryCheckFinding *finding;

  linked = add_article (f, "Route Decorators", group, pillar, TOPIARY_KIND_CLUSTER,
                        "Part of [[Flask Routing Guide]]. See [[Missing Page]] and\n"
                        "[[Missing Page|again]], [[ missing page ]] and `[[In Code]]`.\n"
                        "\n"
                        "```\n[[Fenced Link]]\n```\n"
                        "\n"
                        "![diagram](images/routes.png) [up](../) [top](#top)\n"
                        "[elsewhere](../no-such-article/) [site](https://example.org/x/)\n");
  /* Written, links nowhere useful. */
  unlinked = add_article (f, "URL Building", group, pillar, TOPIARY_KIND_CLUSTER,
                          "Only about [[Route Decorators]].\n");
  /* Not written: no finding of its own, but the pillar must link to it. */
  unwritten = add_article (f, "Redirects", group, pillar, TOPIARY_KIND_CLUSTER, "");
  blank = add_article (f, "Error Pages", group, pillar, TOPIARY_KIND_CLUSTER, "  \n\t\n");

  /* The pillar links to one cluster by slug and one by relative URL. */
  set_body (f, pillar,
            "Start with [[route-decorators]], then [building](../url-building/index.html).\n");

  /* A second group whose pillar is not written: no pillar finding. */
  {
    gint64 other = test_add_group (f->project, "Templates");

    quiet_pillar = add_article (f, "Jinja Templates", other, 0, TOPIARY_KIND_PILLAR, "");
    quiet_cluster = add_article (f, "Template Filters", other, quiet_pillar, TOPIARY_KIND_CLUSTER,
                                 "See [[Jinja Templates]].\n");
  }

  /* Ideas' links are checked too. */
  idea = add_article (f, "Flask on Mars", 0, 0, TOPIARY_KIND_CLUSTER, "See [[Nowhere]].\n");

  findings = check (f);

  /* One finding per target, whatever the label or spacing… */
  finding = find (findings, "unresolved-link", linked, 0);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_ERROR);
  g_assert_cmpstr (finding->target, ==, "Missing Page");
  g_assert_nonnull (strstr (finding->message, "Missing Page"));
  g_assert_nonnull (strstr (finding->message, "line 1"));
  /* … and " missing page " is the same target: titles resolve without
   * case, so one new article would fix both spellings. */
  g_assert_cmpuint (count_code (findings, "unresolved-link"), ==, 2);

  finding = find (findings, "unresolved-link", idea, 0);
  g_assert_cmpstr (finding->target, ==, "Nowhere");

  /* Code, anchors, parent folders and web links are no findings; an
   * image is no link to an article, only a file the project must hold. */
  finding = find (findings, "missing-file", linked, 0);
  g_assert_cmpstr (finding->target, ==, "images/routes.png");
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *fi = g_ptr_array_index (findings, i);

      if (fi->target != NULL)
        {
          g_assert_null (strstr (fi->target, "Code"));
          g_assert_null (strstr (fi->target, "Fenced"));
          if (strcmp (fi->code, "missing-file") != 0)
            g_assert_null (strstr (fi->target, "png"));
          g_assert_null (strstr (fi->target, "example.org"));
        }
    }

  finding = find (findings, "unresolved-relative-link", linked, 0);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_WARNING);
  g_assert_cmpstr (finding->target, ==, "../no-such-article/");

  finding = find (findings, "cluster-not-linking-pillar", unlinked, 0);
  g_assert_cmpint (finding->related_id, ==, pillar);
  g_assert_nonnull (strstr (finding->message, "URL Building"));
  g_assert_nonnull (strstr (finding->message, "Flask Routing Guide"));
  g_assert_cmpuint (count_code (findings, "cluster-not-linking-pillar"), ==, 1);

  /* The pillar misses the two unwritten clusters, nothing else. */
  g_assert_cmpuint (count_code (findings, "pillar-not-linking-cluster"), ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *fi = g_ptr_array_index (findings, i);

      if (g_str_equal (fi->code, "pillar-not-linking-cluster"))
        {
          g_assert_cmpint (fi->article_id, ==, pillar);
          g_assert_true (fi->related_id == unwritten || fi->related_id == blank);
        }
      g_assert_cmpint (fi->article_id, !=, unwritten);
      g_assert_cmpint (fi->article_id, !=, blank);
      g_assert_cmpint (fi->article_id, !=, quiet_pillar);
      g_assert_cmpint (fi->article_id, !=, quiet_cluster);
    }

  /* Errors come first. */
  for (guint i = 1; i < findings->len; i++)
    {
      TopiaryCheckFinding *a = g_ptr_array_index (findings, i - 1);
      TopiaryCheckFinding *b = g_ptr_array_index (findings, i);

      g_assert_cmpint (a->severity, >=, b->severity);
    }

  /* Fixing the links clears the findings. */
  set_body (f, unlinked, "Only about [[Route Decorators]], part of [[flask-routing-guide]].\n");
  set_body (f, linked, "Part of [[Flask Routing Guide]].\n");
  set_body (f, pillar,
            "[[route-decorators]] [[URL Building]] [[Redirects]] [[error-pages]]\n");
  set_body (f, idea, "");
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check (f);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_titles_and_slugs (Fixture       *f,
                       gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Flask Basics");
  gint64 pillar = add_article (f, "Flask Basics", group, 0, TOPIARY_KIND_PILLAR, "");
  gint64 cluster = add_article (f, "Hello World", group, pillar, TOPIARY_KIND_CLUSTER, "");
  gint64 shouting = add_article (f, "Shouting", group, pillar, TOPIARY_KIND_CLUSTER, "");
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *sql = NULL;
  TopiaryCheckFinding *finding;

  /* The group and its pillar share "flask-basics": one URL, two pages. */
  findings = check (f);
  finding = find (findings, "duplicate-slug", pillar, 0);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_ERROR);
  g_assert_cmpstr (finding->target, ==, "flask-basics");
  g_assert_nonnull (strstr (finding->message, "group “Flask Basics”"));
  g_assert_cmpuint (findings->len, ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* States only a damaged or hand-edited file holds. */
  sql = g_strdup_printf ("UPDATE article SET title = '   ' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE article SET slug = 'HELLO-WORLD' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE grp SET title = '' WHERE id = %" G_GINT64_FORMAT ";",
                         cluster, shouting, group);
  run_sql (f, sql);
  findings = check (f);

  finding = find (findings, "empty-title", cluster, 0);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "hello-world"));
  finding = find (findings, "empty-title", 0, group);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_ERROR);

  /* Slugs differing only in case clash on case-insensitive file systems. */
  finding = find (findings, "duplicate-slug", shouting, 0);
  g_assert_cmpstr (finding->target, ==, "HELLO-WORLD");
  finding = find (findings, "invalid-slug", shouting, 0);
  g_assert_cmpint (finding->severity, ==, TOPIARY_SEVERITY_WARNING);

  g_assert_cmpuint (count_code (findings, "duplicate-slug"), ==, 2);
  g_assert_cmpuint (findings->len, ==, 5);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  gint64 group = test_add_group (f->project, "Routing");
  gint64 lonely = test_add_group (f->project, "Deployment");
  gint64 pillar = add_article (f, "Flask Routing Guide", group, 0, TOPIARY_KIND_PILLAR,
                               "See [[Nowhere \"quoted\"]].\n");
  g_autoptr(GPtrArray) findings = check (f);
  g_autofree char *text = topiary_check_to_json (findings, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *array;
  JsonObject *first, *second;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "warnings"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "infos"), ==, 0);

  array = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "unresolved-link");
  g_assert_cmpint (json_object_get_int_member (first, "article_id"), ==, pillar);
  g_assert_cmpint (json_object_get_int_member (first, "group_id"), ==, group);
  g_assert_cmpstr (json_object_get_string_member (first, "target"), ==, "Nowhere \"quoted\"");
  g_assert_false (json_object_has_member (first, "related_id"));
  g_assert_nonnull (json_object_get_string_member (first, "message"));

  second = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (second, "code"), ==, "group-without-pillar");
  g_assert_false (json_object_has_member (second, "article_id"));
  g_assert_cmpint (json_object_get_int_member (second, "group_id"), ==, lonely);
  g_assert_false (json_object_has_member (second, "target"));
}

/* The audit of a map of a realistic size stays quick. */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint n_groups = 20, n_clusters = 24;

  g_assert_true (topiary_project_begin (f->project, &error));
  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *title = g_strdup_printf ("Group %u", g);
      g_autofree char *pillar_title = g_strdup_printf ("Pillar %u", g);
      g_autoptr(GString) pillar_body = g_string_new ("# Overview\n\n");
      gint64 group = test_add_group (f->project, title);
      gint64 pillar = add_article (f, pillar_title, group, 0, TOPIARY_KIND_PILLAR, "");

      for (guint c = 0; c < n_clusters; c++)
        {
          g_autofree char *cluster_title = g_strdup_printf ("Cluster %u of %u", c, g);
          g_autofree char *body = g_strdup_printf ("Words words words. Back to [[%s]].\n", pillar_title);

          add_article (f, cluster_title, group, pillar, TOPIARY_KIND_CLUSTER, body);
          /* The pillar forgets its last cluster. */
          if (c + 1 < n_clusters)
            g_string_append_printf (pillar_body, "- [[%s]]\n", cluster_title);
        }
      set_body (f, pillar, pillar_body->str);
    }
  g_assert_true (topiary_project_commit (f->project, &error));

  timer = g_timer_new ();
  findings = check (f);
  if (g_test_verbose ())
    g_printerr ("check of %u articles: %.3f s\n", n_groups * (n_clusters + 1),
                g_timer_elapsed (timer, NULL));

  g_assert_cmpuint (findings->len, ==, n_groups);
  g_assert_cmpuint (count_code (findings, "pillar-not-linking-cluster"), ==, n_groups);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/check/" path, Fixture, NULL, test_project_fixture_setup, func, test_project_fixture_teardown)

  ADD ("empty-project", test_empty_project);
  ADD ("healthy", test_healthy);
  ADD ("structure", test_structure);
  ADD ("links", test_links);
  ADD ("titles-and-slugs", test_titles_and_slugs);
  ADD ("json", test_json);
  ADD ("many", test_many);

  return g_test_run ();
}
