/* test-import-outline.c — Markdown outlines of a content plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "topiary-import-private.h"
#include "topiary-import.h"

typedef struct {
  char           *dir;
  TopiaryProject *project;
} Fixture;

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("topiary-outline-XXXXXX", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  remove_dir (f->dir);
  g_free (f->dir);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static TopiaryImportReport *
import_text (Fixture    *f,
             const char *text,
             GError    **error)
{
  g_autofree char *path = g_build_filename (f->dir, "outline.md", NULL);
  TopiaryImportReport *report = topiary_import_report_new ();

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  if (!topiary_import (f->project, path, TOPIARY_IMPORT_OUTLINE, report, NULL, NULL, error))
    g_clear_pointer (&report, topiary_import_report_free);
  return report;
}

static TopiaryArticle *
get (Fixture    *f,
     const char *slug)
{
  TopiaryArticle *a = topiary_project_get_article_by_slug (f->project, slug, FALSE, NULL);

  if (a == NULL)
    g_error ("no article with the slug %s", slug);
  return a;
}

static void
assert_queries (TopiaryArticle *a,
                ...)
{
  va_list args;
  const char *q;
  guint n = 0;

  va_start (args, a);
  while ((q = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (n, <, topiary_article_get_n_queries (a));
      g_assert_cmpstr (topiary_article_get_queries (a)[n], ==, q);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (topiary_article_get_n_queries (a), ==, n);
  g_assert_cmpint (topiary_article_get_primary_query (a), ==, n > 0 ? 0 : -1);
}

static gint64
group_of (Fixture    *f,
          const char *title)
{
  g_autoptr(TopiaryGroup) g = topiary_project_find_group (f->project, title, NULL);

  if (g == NULL)
    g_error ("no group %s", title);
  return topiary_group_get_id (g);
}

static void
test_selfhosting (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = data_path ("outline-selfhosting.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) actual = NULL;
  g_autoptr(TopiaryArticle) firefly = NULL;
  g_autoptr(TopiaryArticle) backup = NULL;
  g_autoptr(TopiaryArticle) import = NULL;
  g_autoptr(TopiaryArticle) immich = NULL;
  g_autoptr(TopiaryArticle) versus = NULL;
  g_autoptr(TopiaryArticle) google = NULL;
  g_autoptr(TopiaryArticle) jellyfin = NULL;
  g_autoptr(TopiaryArticle) emby = NULL;
  g_autoptr(TopiaryArticle) idea = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *desc = NULL;

  g_assert_cmpint (topiary_import_detect (path, NULL), ==, TOPIARY_IMPORT_OUTLINE);
  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 3);
  g_assert_cmpuint (report->articles, ==, 13);
  g_assert_cmpuint (report->ideas, ==, 2);
  g_assert_cmpuint (report->notes, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  title = topiary_project_get_map_field (f->project, "title");
  g_assert_cmpstr (title, ==, "Self-Hosting Handbook: Topical Map");
  desc = topiary_project_get_map_field (f->project, "description");
  g_assert_true (g_str_has_prefix (desc, "A content plan for a blog"));
  g_assert_true (g_str_has_suffix (desc, "by the end of Q3."));
  g_assert_null (strchr (desc, '\n'));

  groups = topiary_project_list_groups (f->project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 3);
  {
    g_autoptr(TopiaryGroup) finance = g_list_model_get_item (groups, 0);
    g_assert_cmpstr (topiary_group_get_title (finance), ==, "Personal finance");
    g_assert_cmpstr (topiary_group_get_description (finance), ==,
                     "Budgeting and bookkeeping apps that keep your money data at home.");
  }

  /* "Audience" and "Content gaps" are notes, not groups. */
  notes = topiary_project_list_notes (f->project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  {
    g_autoptr(TopiaryNote) audience = g_list_model_get_item (notes, 0);
    g_autoptr(TopiaryNote) gaps = g_list_model_get_item (notes, 1);

    g_assert_cmpstr (topiary_note_get_kind (audience), ==, "audience");
    g_assert_nonnull (strstr (topiary_note_get_body (audience), "Homelab beginners"));
    g_assert_cmpstr (topiary_note_get_kind (gaps), ==, "content-gap");
    g_assert_nonnull (strstr (topiary_note_get_body (gaps), "reverse proxies"));
  }

  actual = get (f, "actual-budget");
  g_assert_cmpstr (topiary_article_get_title (actual), ==, "Actual Budget: the complete self-hosting guide");
  g_assert_cmpint (topiary_article_get_kind (actual), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (actual), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_intent (actual), ==, "commercial");
  g_assert_cmpint (topiary_article_get_priority (actual), ==, 1);
  g_assert_cmpstr (topiary_article_get_summary (actual), ==,
                   "Everything you need to know before moving your budget off YNAB.");
  assert_queries (actual, "actual budget self hosted", "actual budget docker", NULL);
  g_assert_cmpint (topiary_article_get_group_id (actual), ==, group_of (f, "Personal finance"));

  firefly = get (f, "firefly-iii-vs-actual-budget");
  g_assert_cmpstr (topiary_article_get_title (firefly), ==, "Firefly III vs Actual Budget");
  g_assert_cmpint (topiary_article_get_kind (firefly), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (firefly), ==, topiary_article_get_id (actual));
  g_assert_cmpint (topiary_article_get_status (firefly), ==, TOPIARY_STATUS_PLANNED);
  g_assert_cmpstr (topiary_article_get_intent (firefly), ==, "comparison");
  g_assert_cmpint (topiary_article_get_priority (firefly), ==, 2);
  assert_queries (firefly, "firefly iii vs actual budget", "firefly iii alternative",
                  "actual budget alternative", NULL);

  backup = get (f, "how-to-back-up-actual-budget-data");
  g_assert_cmpstr (topiary_article_get_intent (backup), ==, "how-to");
  g_assert_cmpint (topiary_article_get_priority (backup), ==, 3);
  g_assert_cmpint (topiary_article_get_target_words (backup), ==, 1200);

  import = get (f, "importing-bank-statements-into-firefly-iii");
  g_assert_cmpint (topiary_article_get_status (import), ==, TOPIARY_STATUS_REVIEW);
  assert_queries (import, "firefly iii import csv", "firefly data importer", NULL);

  /* The pillar is marked on the second item: the first still gets it as
   * parent. */
  immich = get (f, "immich");
  g_assert_cmpstr (topiary_article_get_title (immich), ==, "Immich: install it with Docker Compose");
  g_assert_cmpint (topiary_article_get_kind (immich), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (immich), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_intent (immich), ==, "how-to");
  versus = get (f, "immich-vs-photoprism-which-one-should-you-run");
  g_assert_cmpint (topiary_article_get_kind (versus), ==, TOPIARY_KIND_CLUSTER);
  g_assert_cmpint (topiary_article_get_parent_id (versus), ==, topiary_article_get_id (immich));
  g_assert_cmpint (topiary_article_get_priority (versus), ==, 1);
  g_assert_cmpint (topiary_article_get_position (versus), <, topiary_article_get_position (immich));
  google = get (f, "moving-your-google-photos-library-to-immich");
  assert_queries (google, "google photos to immich", NULL);
  g_assert_true (g_str_has_prefix (topiary_article_get_summary (google), "A step-by-step migration"));

  /* "### Pillar" and "### Supporting articles" are labels. */
  jellyfin = get (f, "jellyfin");
  g_assert_cmpint (topiary_article_get_kind (jellyfin), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_priority (jellyfin), ==, 1);
  emby = get (f, "jellyfin-vs-plex-vs-emby");
  g_assert_cmpint (topiary_article_get_parent_id (emby), ==, topiary_article_get_id (jellyfin));
  g_assert_cmpint (topiary_article_get_target_words (emby), ==, 2500);
  g_assert_cmpstr (topiary_article_get_intent (emby), ==, "comparison");

  idea = get (f, "self-hosted-password-managers-compared");
  g_assert_cmpint (topiary_article_get_group_id (idea), ==, 0);
  g_assert_cmpint (topiary_article_get_status (idea), ==, TOPIARY_STATUS_IDEA);
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = data_path ("outline-table.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) ec2 = NULL;
  g_autoptr(TopiaryArticle) spot = NULL;
  g_autoptr(TopiaryArticle) graviton = NULL;
  g_autoptr(TopiaryArticle) s3 = NULL;
  g_autoptr(TopiaryArticle) ebs = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpint (topiary_import_detect (path, NULL), ==, TOPIARY_IMPORT_OUTLINE);
  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_OUTLINE, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 2);
  g_assert_cmpuint (report->articles, ==, 5);

  /* Front matter names the map. */
  title = topiary_project_get_map_field (f->project, "title");
  g_assert_cmpstr (title, ==, "Cloud cost optimisation: content plan");

  ec2 = get (f, "ec2-right-sizing");
  g_assert_cmpstr (topiary_article_get_title (ec2), ==, "EC2 right-sizing: a practical guide");
  g_assert_cmpint (topiary_article_get_kind (ec2), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (ec2), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_intent (ec2), ==, "how-to");
  assert_queries (ec2, "ec2 right sizing", NULL);
  /* Columns with no place in the model stay in the summary. */
  g_assert_cmpstr (topiary_article_get_summary (ec2), ==, "Est. volume: 1,900");

  spot = get (f, "spot-vs-savings-plans");
  g_assert_cmpint (topiary_article_get_status (spot), ==, TOPIARY_STATUS_DRAFTING);
  g_assert_cmpint (topiary_article_get_parent_id (spot), ==, topiary_article_get_id (ec2));
  graviton = get (f, "graviton-migration-checklist");
  g_assert_cmpint (topiary_article_get_priority (graviton), ==, 3);
  g_assert_cmpint (topiary_article_get_status (graviton), ==, TOPIARY_STATUS_PLANNED);

  s3 = get (f, "s3-storage-classes");
  g_assert_cmpint (topiary_article_get_status (s3), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpint (topiary_article_get_priority (s3), ==, 1);
  assert_queries (s3, "s3 storage classes", "s3 intelligent tiering", "s3 glacier cost", NULL);
  g_assert_cmpint (topiary_article_get_kind (s3), ==, TOPIARY_KIND_PILLAR);
  ebs = get (f, "cutting-ebs-snapshot-costs");
  g_assert_cmpint (topiary_article_get_status (ebs), ==, TOPIARY_STATUS_PLANNED);
  g_assert_cmpint (topiary_article_get_priority (ebs), ==, 3);
  g_assert_cmpint (topiary_article_get_parent_id (ebs), ==, topiary_article_get_id (s3));
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = data_path ("outline-nested.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) machine = NULL;
  g_autoptr(TopiaryArticle) best = NULL;
  g_autoptr(TopiaryArticle) grinders = NULL;
  g_autoptr(TopiaryArticle) dose = NULL;
  g_autoptr(TopiaryArticle) latte = NULL;
  g_autofree char *title = NULL;

  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_OUTLINE, report, NULL, NULL, &error));
  g_assert_no_error (error);
  title = topiary_project_get_map_field (f->project, "title");
  g_assert_cmpstr (title, ==, "Home espresso: content plan");

  /* Items with nested articles are groups and their pillars. */
  g_assert_cmpuint (report->groups, ==, 2);
  machine = get (f, "choosing-your-first-espresso-machine");
  g_assert_cmpint (topiary_article_get_kind (machine), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_group_id (machine), ==, group_of (f, "Choosing your first espresso machine"));
  best = get (f, "best-espresso-machines-under-500");
  g_assert_cmpint (topiary_article_get_parent_id (best), ==, topiary_article_get_id (machine));
  g_assert_cmpstr (topiary_article_get_intent (best), ==, "commercial");
  assert_queries (best, "best espresso machine under 500", NULL);

  grinders = get (f, "grinders-for-espresso");
  dose = get (f, "how-to-single-dose-a-grinder");
  g_assert_cmpint (topiary_article_get_parent_id (dose), ==, topiary_article_get_id (grinders));
  g_assert_cmpint (topiary_article_get_status (dose), ==, TOPIARY_STATUS_PLANNED);

  latte = get (f, "latte-art-ideas-for-beginners");
  g_assert_cmpint (topiary_article_get_group_id (latte), ==, 0);
}

static void
test_sourdough (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = data_path ("outline-sourdough.md");
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) starter = NULL;
  g_autoptr(TopiaryArticle) rising = NULL;
  g_autoptr(TopiaryArticle) feeding = NULL;
  g_autoptr(TopiaryArticle) boule = NULL;
  g_autoptr(TopiaryArticle) spring = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(TopiaryNote) goal = NULL;
  g_autofree char *desc = NULL;

  g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_AUTO, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->groups, ==, 2);
  g_assert_cmpuint (report->articles, ==, 6);
  g_assert_cmpuint (report->notes, ==, 2);

  /* "**Goal:** …" under the title is a goal note, not the description. */
  notes = topiary_project_list_notes (f->project, NULL);
  goal = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (topiary_note_get_kind (goal), ==, "goal");
  g_assert_cmpstr (topiary_note_get_body (goal), ==, "rank for beginner sourdough queries within 6 months.");
  desc = topiary_project_get_map_field (f->project, "description");
  g_assert_cmpstr (desc, ==, "");

  /* A "**Pillar:**" paragraph and its detail line. */
  starter = get (f, "how-to-make-a-sourdough-starter-from-scratch");
  g_assert_cmpint (topiary_article_get_kind (starter), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpstr (topiary_article_get_intent (starter), ==, "informational");
  g_assert_cmpint (topiary_article_get_target_words (starter), ==, 3000);
  assert_queries (starter, "how to make sourdough starter", NULL);

  rising = get (f, "why-is-my-sourdough-starter-not-rising");
  g_assert_cmpint (topiary_article_get_parent_id (rising), ==, topiary_article_get_id (starter));
  g_assert_cmpint (topiary_article_get_target_words (rising), ==, 1500);
  assert_queries (rising, "sourdough starter not rising", NULL);
  feeding = get (f, "feeding-schedule");
  g_assert_cmpint (topiary_article_get_priority (feeding), ==, 2);
  g_assert_cmpstr (topiary_article_get_summary (feeding), ==, "how often to feed a sourdough starter");

  /* Headings as articles, their lists as details. */
  boule = get (f, "how-to-shape-a-boule");
  g_assert_cmpint (topiary_article_get_kind (boule), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_priority (boule), ==, 1);
  g_assert_cmpstr (topiary_article_get_intent (boule), ==, "how-to");
  assert_queries (boule, "how to shape sourdough boule", "boule shaping", "tension shaping", NULL);
  spring = get (f, "oven-spring-explained");
  g_assert_cmpint (topiary_article_get_parent_id (spring), ==, topiary_article_get_id (boule));
  g_assert_cmpstr (topiary_article_get_summary (spring), ==, "the science of steam and scoring.");
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(TopiaryArticle) heading = NULL;
  g_autoptr(TopiaryArticle) linked = NULL;
  g_autoptr(TopiaryArticle) dashed = NULL;
  g_autoptr(TopiaryArticle) second = NULL;
  g_autoptr(TopiaryArticle) emoji = NULL;

  report = import_text (f,
    "Flask guide\n"
    "===========\n"
    "\n"
    "Strategy\n"
    "--------\n"
    "\n"
    "Cover deployment end to end.\n"
    "\n"
    "Deployment\n"
    "----------\n"
    "\n"
    "### Deploying Flask with Gunicorn and Nginx\n"
    "\n"
    "A production setup from scratch.\n"
    "\n"
    "- **Target:** flask gunicorn nginx\n"
    "- **Secondary:** \"gunicorn workers\", 'nginx reverse proxy'\n"
    "- Slug: `/deploy/gunicorn-nginx`\n"
    "- Status: done\n"
    "\n"
    "### Supporting\n"
    "\n"
    "1. [Docker for Flask](https://example.org/deploy/flask-docker.html) — P2 · how-to\n"
    "2. Zero-downtime deploys - priority: high\n"
    "3. Zero-downtime deploys\n"
    "4. \xe2\x9c\x85 Health checks for Flask apps\n"
    "\n"
    "```\n"
    "- not an article\n"
    "```\n"
    "<!--\n"
    "- nor this\n"
    "-->\n",
    &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->groups, ==, 1);
  g_assert_cmpuint (report->articles, ==, 5);
  g_assert_cmpuint (report->notes, ==, 1);
  /* The repeated title gets its own slug, with a warning. */
  g_assert_cmpuint (report->warnings->len, ==, 1);

  heading = get (f, "gunicorn-nginx");
  g_assert_cmpstr (topiary_article_get_title (heading), ==, "Deploying Flask with Gunicorn and Nginx");
  g_assert_cmpint (topiary_article_get_kind (heading), ==, TOPIARY_KIND_PILLAR);
  g_assert_cmpint (topiary_article_get_status (heading), ==, TOPIARY_STATUS_PUBLISHED);
  g_assert_cmpstr (topiary_article_get_summary (heading), ==, "A production setup from scratch.");
  assert_queries (heading, "flask gunicorn nginx", "gunicorn workers", "nginx reverse proxy", NULL);

  linked = get (f, "flask-docker");
  g_assert_cmpstr (topiary_article_get_title (linked), ==, "Docker for Flask");
  g_assert_cmpint (topiary_article_get_priority (linked), ==, 2);
  g_assert_cmpstr (topiary_article_get_intent (linked), ==, "how-to");
  g_assert_cmpint (topiary_article_get_parent_id (linked), ==, topiary_article_get_id (heading));

  dashed = get (f, "zero-downtime-deploys");
  g_assert_cmpint (topiary_article_get_priority (dashed), ==, 1);
  second = get (f, "zero-downtime-deploys-2");
  g_assert_cmpint (topiary_article_get_priority (second), ==, 0);

  emoji = get (f, "health-checks-for-flask-apps");
  g_assert_cmpint (topiary_article_get_status (emoji), ==, TOPIARY_STATUS_PUBLISHED);

  g_assert_null (topiary_project_get_article_by_slug (f->project, "not-an-article", FALSE, NULL));
  g_assert_null (topiary_project_get_article_by_slug (f->project, "nor-this", FALSE, NULL));
}

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = data_path ("outline-selfhosting.md");
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();

      g_assert_true (topiary_import (f->project, path, TOPIARY_IMPORT_OUTLINE, report, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->articles, ==, round == 0 ? 13 : 0);
      g_assert_cmpuint (report->updated, ==, round == 0 ? 0 : 13);
      g_assert_cmpuint (report->groups, ==, round == 0 ? 3 : 0);
    }
  g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, 13);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryImportReport) report = NULL;

  report = import_text (f, "Just a paragraph of prose,\nwith nothing to plan.\n", &error);
  g_assert_null (report);
  g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY);
  g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, 0);
}

static void
test_sniff (void)
{
  static const char *outlines[] = { "outline-selfhosting.md", "outline-table.md", "outline-nested.md",
                                    "outline-sourdough.md" };
  const char *prose = "Building Flask apps\nThis map covers everything.\nDesign & Architecture\nCovers design.\n";
  const char *csv = "Title,Keyword,Intent\nA,b,c\nD,e,f\n";

  for (guint i = 0; i < G_N_ELEMENTS (outlines); i++)
    {
      g_autofree char *path = data_path (outlines[i]);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_assert_cmpint (_topiary_import_outline_sniff (text, length), >=, 40);
      g_assert_cmpint (_topiary_import_outline_sniff (text, length), >, _topiary_import_csv_sniff (text, length));
    }
  g_assert_cmpint (_topiary_import_outline_sniff (prose, strlen (prose)), <, 40);
  g_assert_cmpint (_topiary_import_outline_sniff (csv, strlen (csv)), <, 40);
  g_assert_cmpint (_topiary_import_outline_sniff ("", 0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/import/outline/selfhosting", Fixture, NULL, fixture_setup, test_selfhosting, fixture_teardown);
  g_test_add ("/core/import/outline/table", Fixture, NULL, fixture_setup, test_table, fixture_teardown);
  g_test_add ("/core/import/outline/nested", Fixture, NULL, fixture_setup, test_nested, fixture_teardown);
  g_test_add ("/core/import/outline/sourdough", Fixture, NULL, fixture_setup, test_sourdough, fixture_teardown);
  g_test_add ("/core/import/outline/details", Fixture, NULL, fixture_setup, test_details, fixture_teardown);
  g_test_add ("/core/import/outline/reimport", Fixture, NULL, fixture_setup, test_reimport, fixture_teardown);
  g_test_add ("/core/import/outline/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add_func ("/core/import/outline/sniff", test_sniff);

  return g_test_run ();
}
