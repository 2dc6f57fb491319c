/* test-cannibal.c — articles that compete for one query (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-cannibal.h"
#include "topiary-check.h"
#include "topiary-import.h"
#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

typedef TestProjectFixture Fixture;

static gint64
add (Fixture       *f,
     const char    *title,
     const char    *slug,
     gint64         group,
     TopiaryKind    kind,
     const char    *intent,
     TopiaryStatus  status,
     const char    *queries,
     const char    *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_slug (a, slug);
  topiary_article_set_group_id (a, group);
  topiary_article_set_kind (a, kind);
  topiary_article_set_intent (a, intent);
  topiary_article_set_status (a, status);
  test_article_set_queries (a, queries);
  topiary_article_set_body (a, body);
  return test_add_article (f->project, a);
}

typedef struct {
  gint64 apps, reviews, zero, zero_howto, envelope, envelope_errors, blueprint, blueprint_beginners;
  gint64 saving, best, frugal, cash, idea;
} Map;

#define P TOPIARY_STATUS_PLANNED
#define PUB TOPIARY_STATUS_PUBLISHED

static void
fill (Fixture *f,
      Map     *m)
{
  gint64 budgeting = test_add_group (f->project, "Budgeting");
  gint64 saving = test_add_group (f->project, "Saving");

  m->apps = add (f, "Budgeting Apps", NULL, budgeting, TOPIARY_KIND_PILLAR, "commercial", PUB,
                 "best budgeting apps;budget software", "Apps.");
  m->reviews = add (f, "Budget App Reviews", NULL, budgeting, TOPIARY_KIND_CLUSTER, "Commercial", PUB,
                    "app reviews;Budgeting Apps, best", "Reviews.");
  m->zero = add (f, "Zero-Based Budgeting", NULL, budgeting, TOPIARY_KIND_CLUSTER, "informational", P,
                 "zero based budgeting;zero based budget method", "");
  m->zero_howto = add (f, "Zero Based Budget Guide", NULL, budgeting, TOPIARY_KIND_CLUSTER, "how-to", P,
                       "how to do zero based budgeting", "");
  m->envelope = add (f, "Envelope Budgeting", NULL, budgeting, TOPIARY_KIND_CLUSTER, "informational", P,
                     "envelope budgeting", "");
  m->envelope_errors = add (f, "Envelope Budgeting Errors", NULL, budgeting, TOPIARY_KIND_CLUSTER, "informational", P,
                            "envelope budgeting errors", "");
  m->blueprint = add (f, "Flask Blueprint Tutorial", NULL, budgeting, TOPIARY_KIND_CLUSTER, "informational", P,
                      "flask blueprint tutorial", "");
  m->blueprint_beginners = add (f, "Blueprints for Beginners", NULL, budgeting, TOPIARY_KIND_CLUSTER, "", P,
                                "flask blueprint tutorials for beginners", "");
  m->saving = add (f, "Saving Money", "saving", saving, TOPIARY_KIND_PILLAR, "how-to", P,
                   "saving money;Envelope budgeting", "");
  m->best = add (f, "Best Budgeting Apps", NULL, saving, TOPIARY_KIND_CLUSTER, "navigational", P,
                 "money apps", "");
  m->frugal = add (f, "Frugal Living", "saving-money", saving, TOPIARY_KIND_CLUSTER, "navigational", P,
                   "frugal living", "");
  m->cash = add (f, "Cash Stuffing", NULL, saving, TOPIARY_KIND_CLUSTER, "navigational", PUB,
                 "cash stuffing", "# The cash stuffing method\n\nText.");
  m->idea = add (f, "Budgeting apps best list", NULL, 0, TOPIARY_KIND_CLUSTER, "commercial",
                 TOPIARY_STATUS_IDEA, "best budgeting apps", "");
}

static TopiaryCannibalFinding *
find_pair (GPtrArray *found,
           gint64     a,
           gint64     b)
{
  for (guint i = 0; i < found->len; i++)
    {
      TopiaryCannibalFinding *c = g_ptr_array_index (found, i);

      if ((c->article_id == a && c->other_id == b) || (c->article_id == b && c->other_id == a))
        return c;
    }
  return NULL;
}

static GPtrArray *
find_all (Fixture    *f,
          GHashTable *headings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = topiary_map_new (f->project, &error);

  g_assert_no_error (error);
  return topiary_cannibal_find (map, "en", headings);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  Map m;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) headings = g_hash_table_new (g_int64_hash, g_int64_equal);
  TopiaryCannibalFinding *c;

  fill (f, &m);
  g_hash_table_insert (headings, &m.cash, (gpointer) "Envelope Budgeting!");
  found = find_all (f, headings);

  /* The same words in another order, same intent (case aside). */
  c = find_pair (found, m.apps, m.reviews);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_QUERIES);
  g_assert_cmpint (c->article_id, ==, m.apps);
  g_assert_cmpstr (c->overlap, ==, "Budgeting Apps, best");
  g_assert_cmpstr (c->message, ==, "“Budgeting Apps” and “Budget App Reviews” compete for “Budgeting Apps, best” "
                                   "with the same intent: merge them, give one of them another intent, or make one "
                                   "the owner of the query and link to it from the other.");
  /* Three words of four (stems: "tutorials"), one intent unknown. */
  c = find_pair (found, m.blueprint, m.blueprint_beginners);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_QUERIES);
  g_assert_cmpfloat_with_epsilon (c->score, 0.75, 1e-9);
  /* One query in two groups, whatever the intents. */
  c = find_pair (found, m.envelope, m.saving);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_GROUPS);
  g_assert_nonnull (strstr (c->message, "(group “Budgeting”)"));
  g_assert_nonnull (strstr (c->message, "(group “Saving”)"));
  /* A title, a slug, a first heading that are another's primary query. */
  c = find_pair (found, m.best, m.apps);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_TITLE);
  g_assert_cmpint (c->article_id, ==, m.best);
  c = find_pair (found, m.frugal, m.saving);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_SLUG);
  c = find_pair (found, m.cash, m.envelope);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, TOPIARY_CANNIBAL_HEADING);
  g_assert_nonnull (strstr (c->message, "“Envelope Budgeting!”"));
}

/* Pairs that must not be flagged. */
static void
test_not (Fixture       *f,
          gconstpointer  data)
{
  Map m;
  g_autoptr(GPtrArray) found = NULL;

  fill (f, &m);
  found = find_all (f, NULL);
  /* The same query with different intents, in one group. */
  g_assert_null (find_pair (found, m.zero, m.zero_howto));
  /* Two words of three: a narrower article of its own. */
  g_assert_null (find_pair (found, m.envelope, m.envelope_errors));
  /* Ideas are no commitment yet. */
  for (guint i = 0; i < found->len; i++)
    {
      TopiaryCannibalFinding *c = g_ptr_array_index (found, i);

      g_assert_cmpint (c->article_id, !=, m.idea);
      g_assert_cmpint (c->other_id, !=, m.idea);
      /* Nobody competes with itself (a title that is its own query). */
      g_assert_cmpint (c->article_id, !=, c->other_id);
    }
  /* No heading given: the cash article's is not read. */
  g_assert_null (find_pair (found, m.cash, m.envelope));
  g_assert_cmpuint (found->len, ==, 5);
}

static void
test_first_heading (void)
{
  g_autofree char *a = topiary_cannibal_first_heading ("---\ntitle: x\n---\n```\n# code\n```\nText\n## Real one ##\n# Later");
  g_autofree char *b = topiary_cannibal_first_heading ("#hashtag\nno heading");

  g_assert_cmpstr (a, ==, "Real one");
  g_assert_null (b);
}

/* `check` reads the first headings and reports under its codes. */
static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  Map m;
  guint queries = 0, groups = 0, title = 0;

  fill (f, &m);
  g_assert_true (topiary_project_save_body (f->project, m.cash, "# Envelope budgeting\n\nText.", &error));
  g_assert_no_error (error);
  findings = topiary_check_project (f->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *c = g_ptr_array_index (findings, i);

      if (strcmp (c->code, TOPIARY_CHECK_CANNIBAL_QUERIES) == 0)
        queries++;
      else if (strcmp (c->code, TOPIARY_CHECK_CANNIBAL_GROUPS) == 0)
        groups++;
      else if (strcmp (c->code, TOPIARY_CHECK_CANNIBAL_TITLE) == 0)
        {
          title++;
          g_assert_cmpint (c->severity, ==, TOPIARY_SEVERITY_WARNING);
          g_assert_nonnull (c->target);
        }
    }
  g_assert_cmpuint (queries, ==, 2);
  g_assert_cmpuint (groups, ==, 1);
  g_assert_cmpuint (title, ==, 3);
}

/* An import warns of the pairs it brings in. */
static void
test_import_warns (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autofree char *csv = g_build_filename (f->dir, "plan.csv", NULL);
  gboolean warned = FALSE;

  g_assert_true (g_file_set_contents (csv,
                                      "title,group,kind,intent,primary query\n"
                                      "Budgeting Apps,Budgeting,pillar,commercial,best budgeting apps\n"
                                      "App Reviews,Budgeting,cluster,commercial,budgeting apps best\n"
                                      "Envelope Budgeting,Budgeting,cluster,informational,envelope budgeting\n",
                                      -1, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_import (f->project, csv, TOPIARY_IMPORT_CSV, report, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    if (strstr (g_ptr_array_index (report->warnings, i), "compete for “budgeting apps best”") != NULL)
      warned = TRUE;
  g_assert_true (warned);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/cannibal/first-heading", test_first_heading);
#define ADD(path, fn) g_test_add ("/core/cannibal/" path, Fixture, NULL, test_project_fixture_setup, fn, test_project_fixture_teardown)
  ADD ("rules", test_rules);
  ADD ("not", test_not);
  ADD ("check", test_check);
  ADD ("import-warns", test_import_warns);
#undef ADD
  return g_test_run ();
}
