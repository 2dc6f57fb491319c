/* test-import-maptext.c — importing the text of a topical-map page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-import-private.h"
#include "topiary-import.h"

/* ---- what the seed page holds (copied from the page by hand) ----------- */

static const char * const seed_groups[][2] = {
  { "Design & Architecture",
    "Covers high-level design, project organization, and architectural patterns for production-ready Flask apps so readers can build maintainable, testable, and scalable codebases." },
  { "Data, ORMs & Migrations",
    "Focuses on database modeling, ORMs, migrations, and data access patterns to ensure data integrity, performance, and smooth schema evolution in production." },
  { "APIs: REST, GraphQL & Documentation",
    "Teaches how to design, build, version, document, and secure APIs with Flask — covering REST, GraphQL, validation, serialization, and OpenAPI." },
  { "Authentication, Authorization & Security",
    "Provides practical security guidance for user auth, API protection, and hardening Flask apps against web threats — essential for production confidence." },
  { "Background Tasks, Async & Real-Time",
    "Explains how to add background processing, asynchronous workflows, and real-time features like WebSockets to Flask applications." },
  { "Testing, CI/CD & Quality",
    "Teaches testing methodologies, CI/CD pipelines, and quality tooling so Flask apps can be delivered reliably and iterated safely." },
  { "Deployment, Scaling & Observability",
    "Covers production deployment options, scaling strategies, and monitoring/observability so teams can run Flask services reliably at scale." },
};

static const char * const seed_plan[] = {
  "Designing Production-Ready Flask Application Architectures",
  "Flask Project Structure: Best Practices and Examples",
  "Blueprints and the App Factory Pattern Explained",
  "Configuration, Settings, and Environment Management in Flask",
  "Managing Dependencies and Packaging Flask Applications",
  "Monolith to Microservice: When and How to Split a Flask App",
  "Working with Databases in Flask: SQLAlchemy, Migrations, and Data Modeling",
  "Using SQLAlchemy Effectively in Flask",
  "Schema Migrations with Alembic and Flask-Migrate",
  "PostgreSQL Patterns and Tuning for Flask Apps",
  "Using Redis for Caching, Sessions, and Rate Limiting",
  "Working with NoSQL: MongoDB and Flask",
  "Building and Versioning APIs with Flask (REST, GraphQL, OpenAPI)",
  "Building a REST API with Flask-RESTX / Flask-Smorest",
  "Input Validation and Serialization: Marshmallow vs Pydantic in Flask",
  "Versioning and Backwards Compatibility for APIs",
  "Adding GraphQL to Flask with Ariadne or Graphene",
  "Generating OpenAPI/Swagger Docs from Flask Endpoints",
  "Authentication and Security Best Practices for Flask Apps",
  "Implementing JWT Authentication in Flask",
  "OAuth2 Login (Google/GitHub) with Flask",
  "Role-Based Access Control (RBAC) and Permission Systems in Flask",
  "Protecting Against CSRF, XSS, and Injection in Flask",
  "Secrets Management and 12-Factor Secrets for Flask",
  "Background Processing, Async Tasks and Real-Time Features in Flask",
  "Integrating Celery with Flask for Background Jobs",
  "Real-Time WebSockets with Flask-SocketIO",
  "Using asyncio and When to Choose Quart Over Flask",
  "Scheduling and Cron-like Jobs in Flask Apps",
  "Monitoring and Debugging Background Workers",
  "Testing and CI/CD for Flask Applications",
  "Unit and Integration Testing Flask Apps with pytest",
  "End-to-End Testing and Browser Automation for Flask",
  "CI/CD Pipeline Examples for Flask with GitHub Actions",
  "Database Migrations and Schema Testing in CI",
  "Static Analysis and Code Quality for Flask Projects",
  "Deploying, Scaling and Monitoring Flask Apps in Production",
  "Containerizing a Flask App with Docker (Best Practices)",
  "Running Flask on Gunicorn and Tuning Workers",
  "Deploying Flask to Kubernetes (EKS/GKE/AKS) with Helm",
  "Monitoring, Logging, and Tracing for Flask Applications",
  "Deployment Strategies: Blue/Green, Canary, and Rollbacks",
  "Cost Optimization and Scaling Patterns for Flask Services",
};

/* Clusters per group, in page order. */
static const guint seed_clusters[] = { 5, 5, 5, 5, 5, 5, 6 };

static const struct {
  const char *intent;
  guint       count;
  const char *first;
  const char *last;
} seed_intents[] = {
  { "informational", 11, "What Makes a Flask Application Production-Ready: Key Principles and Tradeoffs",
    "Observability Concepts For Flask Apps: Logging, Tracing, Metrics, And Distributed Context" },
  { "solution", 11, "How To Migrate A Monolithic Flask App To A Modular Blueprint Architecture With Zero Downtime",
    "Implementing Background Task Idempotency And Retry Policies In Celery For Flask Projects" },
  { "comparison", 11, "Gunicorn vs uWSGI vs Hypercorn For Flask: Choosing A WSGI/ASGI Server For Production",
    "Redis vs Memcached vs In-Process Caching For Flask: Choosing A Caching Layer For APIs" },
  { "audience", 11, "Production-Ready Flask For Beginners: Minimal Project Structure, Deployment, And Testing Checklist",
    "Site Reliability Engineers: SLA, SLO, And Error Budget Practices For Flask-Powered Services" },
  { "context", 11, "Building HIPAA-Compliant Flask Applications: Data Controls, Auditing, And Hosting Requirements",
    "Adapting Flask For High-Compliance Industries: Audit Trails, Immutable Logs, And Access Controls" },
  { "culture", 8, "Building A Blameless Incident Response Culture For Flask Production Outages",
    "Maintaining Developer Pride In Long-Running Flask Codebases: Refactoring Practices And Ownership" },
  { "how-to", 11, "Step-By-Step: Deploy A Flask Application With Docker, Gunicorn, And Nginx On Ubuntu",
    "Setting Up End-To-End Encrypted Logs And Secrets Management For Flask Using HashiCorp Vault" },
  { "faq", 8, "How Many Gunicorn Workers Should I Use For My Flask App?",
    "How Do I Prevent CSRF In A RESTful Flask API Used By SPAs?" },
  { "research", 8, "State Of Python Web Frameworks 2026: Where Flask Fits In A Growing ASGI World",
    "OpenTelemetry Adoption In Python: Practical Impact On Flask Instrumentation And Debugging" },
};

#define SEED_GROUPS   7
#define SEED_PLANNED  43
#define SEED_CLUSTERS 36
#define SEED_IDEAS    90
/* 1-based line of the first group heading in the seed */
#define SEED_PLAN_LINE 6

/* ---- fixtures ----------------------------------------------------------- */

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
} Fixture;

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (f->path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->project);
}

static void
fixture_close (Fixture *f)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (f->project != NULL)
    topiary_project_close (f->project);
  g_clear_object (&f->project);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_clear_pointer (&f->path, g_free);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Hundreds of small projects are made: on tmpfs their fsyncs are free. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      f->dir = g_build_filename ("/dev/shm", "topiary-maptext-XXXXXX", NULL);
      if (g_mkdtemp (f->dir) == NULL)
        g_clear_pointer (&f->dir, g_free);
    }
  if (f->dir == NULL)
    f->dir = g_dir_make_tmp ("topiary-maptext-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_open (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  fixture_close (f);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A fresh project in the same folder. */
static void
fixture_reset (Fixture *f)
{
  fixture_close (f);
  fixture_open (f);
}

static char *
seed_path (void)
{
  const char *root = g_getenv ("TOPIARY_SOURCE_ROOT");
  char *path;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "samples", "flask-topical-map.txt", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      path = g_build_filename (g_getenv ("TOPIARY_SHARED_DIR"), "seeds", "flask-topical-map.txt", NULL);
    }
  return path;
}

static char *
read_seed (gsize *length)
{
  g_autofree char *path = seed_path ();
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

static char *
write_source (Fixture    *f,
              const char *text,
              gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "page.txt", NULL);

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

static TopiaryImportReport *
import_ok (Fixture    *f,
           const char *path)
{
  TopiaryImportReport *report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = topiary_import (f->project, path, TOPIARY_IMPORT_MAPTEXT, report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return report;
}

static TopiaryImportReport *
import_text (Fixture    *f,
             const char *text)
{
  g_autofree char *path = write_source (f, text, -1);
  return import_ok (f, path);
}

static GPtrArray *
list_articles (Fixture *f)
{
  g_autoptr(GListModel) model = topiary_project_list_articles (f->project, NULL);
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (articles, g_list_model_get_item (model, i));
  return articles;
}

static GPtrArray *
list_groups (Fixture *f)
{
  g_autoptr(GListModel) model = topiary_project_list_groups (f->project, NULL);
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (groups, g_list_model_get_item (model, i));
  return groups;
}

/* The notes of @kind, in order. */
static GPtrArray *
list_notes (Fixture    *f,
            const char *kind)
{
  g_autoptr(GListModel) model = topiary_project_list_notes (f->project, NULL);
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TopiaryNote) note = g_list_model_get_item (model, i);
      if (kind == NULL || g_strcmp0 (topiary_note_get_kind (note), kind) == 0)
        g_ptr_array_add (notes, g_object_ref (note));
    }
  return notes;
}

static TopiaryNote *
find_note (Fixture    *f,
           const char *kind,
           const char *title)
{
  g_autoptr(GPtrArray) notes = list_notes (f, kind);

  for (guint i = 0; i < notes->len; i++)
    if (g_strcmp0 (topiary_note_get_title (g_ptr_array_index (notes, i)), title) == 0)
      return g_object_ref (g_ptr_array_index (notes, i));
  return NULL;
}

static void
assert_note (Fixture    *f,
             const char *kind,
             const char *title,
             const char *body)
{
  g_autoptr(TopiaryNote) note = find_note (f, kind, title);

  if (note == NULL)
    g_error ("no %s note titled “%s”", kind, title);
  g_assert_cmpstr (topiary_note_get_body (note), ==, body);
}

static void
assert_field (Fixture    *f,
              const char *field,
              const char *value)
{
  g_autofree char *got = topiary_project_get_map_field (f->project, field);
  g_assert_cmpstr (got, ==, value);
}

static gboolean
has_warning (TopiaryImportReport *report,
             const char          *needle)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (g_ptr_array_index (report->warnings, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
print_warnings (TopiaryImportReport *report)
{
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (report->warnings, i));
}

/* Checks the whole plan of the seed: groups, their one pillar, clusters
 * under that pillar, every title in writing order. */
static void
assert_seed_plan (Fixture *f)
{
  g_autoptr(GPtrArray) groups = list_groups (f);
  g_autoptr(GPtrArray) articles = list_articles (f);
  guint a = 0;

  g_assert_cmpuint (groups->len, ==, SEED_GROUPS);
  g_assert_cmpuint (articles->len, ==, SEED_PLANNED + SEED_IDEAS);
  g_assert_cmpuint (G_N_ELEMENTS (seed_plan), ==, SEED_PLANNED);

  for (guint g = 0; g < SEED_GROUPS; g++)
    {
      TopiaryGroup *group = g_ptr_array_index (groups, g);
      gint64 group_id = topiary_group_get_id (group);
      TopiaryArticle *pillar = g_ptr_array_index (articles, a);
      guint pillars = 0;

      g_assert_cmpstr (topiary_group_get_title (group), ==, seed_groups[g][0]);
      g_assert_cmpstr (topiary_group_get_description (group), ==, seed_groups[g][1]);

      /* the pillar comes first in its group's writing order */
      g_assert_cmpstr (topiary_article_get_title (pillar), ==, seed_plan[a]);
      g_assert_cmpint (topiary_article_get_kind (pillar), ==, TOPIARY_KIND_PILLAR);
      g_assert_cmpint (topiary_article_get_group_id (pillar), ==, group_id);
      g_assert_cmpint (topiary_article_get_parent_id (pillar), ==, 0);
      g_assert_cmpint (topiary_article_get_status (pillar), ==, TOPIARY_STATUS_PLANNED);
      g_assert_cmpint (topiary_article_get_position (pillar), ==, a + 1);
      g_assert_cmpuint (strlen (topiary_article_get_summary (pillar)), >, 200);
      a++;

      for (guint c = 0; c < seed_clusters[g]; c++, a++)
        {
          TopiaryArticle *cluster = g_ptr_array_index (articles, a);

          g_assert_cmpstr (topiary_article_get_title (cluster), ==, seed_plan[a]);
          g_assert_cmpint (topiary_article_get_kind (cluster), ==, TOPIARY_KIND_CLUSTER);
          g_assert_cmpint (topiary_article_get_group_id (cluster), ==, group_id);
          g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, topiary_article_get_id (pillar));
          g_assert_cmpint (topiary_article_get_status (cluster), ==, TOPIARY_STATUS_PLANNED);
          g_assert_cmpint (topiary_article_get_position (cluster), ==, a + 1);
          g_assert_cmpstr (topiary_article_get_summary (cluster), !=, "");
        }

      /* exactly one pillar per group */
      for (guint i = 0; i < articles->len; i++)
        {
          TopiaryArticle *article = g_ptr_array_index (articles, i);
          if (topiary_article_get_group_id (article) == group_id &&
              topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR)
            pillars++;
        }
      g_assert_cmpuint (pillars, ==, 1);
    }
  g_assert_cmpuint (a, ==, SEED_PLANNED);
}

/* ---- the seed ----------------------------------------------------------- */

static void
test_seed_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = seed_path ();
  g_autoptr(TopiaryImportReport) report = import_ok (f, path);
  g_autoptr(GPtrArray) articles = NULL;
  TopiaryStats stats;
  guint clusters = 0;

  print_warnings (report);
  /* The page's own counts agree with what was found: no warning at all. */
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->groups, ==, SEED_GROUPS);
  g_assert_cmpuint (report->articles, ==, SEED_PLANNED + SEED_IDEAS);
  g_assert_cmpuint (report->ideas, ==, SEED_IDEAS);
  g_assert_cmpuint (report->updated, ==, 0);

  assert_seed_plan (f);

  articles = list_articles (f);
  for (guint i = 0; i < SEED_PLANNED; i++)
    if (topiary_article_get_kind (g_ptr_array_index (articles, i)) == TOPIARY_KIND_CLUSTER)
      clusters++;
  g_assert_cmpuint (clusters, ==, SEED_CLUSTERS);

  /* Descriptions whole, typographic dashes included. */
  g_assert_cmpstr (topiary_article_get_summary (g_ptr_array_index (articles, 0)), ==,
                   "A comprehensive guide to choosing the right architecture for Flask projects, including "
                   "recommended project layouts, application factory patterns, Blueprints, extension management, "
                   "and when to split into microservices. Readers will gain concrete patterns, anti-patterns, and "
                   "step-by-step examples to structure projects that scale and are easy to maintain.");
  g_assert_cmpstr (topiary_article_get_summary (g_ptr_array_index (articles, 42)), ==,
                   "Practical tips to reduce cloud costs while maintaining performance: caching, autoscaling "
                   "thresholds, and right-sizing.");
  g_assert_cmpstr (topiary_article_get_summary (g_ptr_array_index (articles, 24)), ==,
                   "Covers integration patterns for Celery, RQ, and async libraries, plus real-time communication "
                   "with Flask-SocketIO. Readers will learn to design reliable background jobs, schedule tasks, and "
                   "add live updates to their apps.");

  topiary_project_get_stats (f->project, &stats, NULL);
  g_assert_cmpuint (stats.groups, ==, SEED_GROUPS);
  g_assert_cmpuint (stats.pillars, ==, SEED_GROUPS);
  g_assert_cmpuint (stats.status[TOPIARY_STATUS_PLANNED], ==, SEED_PLANNED);
  g_assert_cmpuint (stats.status[TOPIARY_STATUS_IDEA], ==, SEED_IDEAS);

  assert_field (f, "title", "Building Real-World Flask Applications");
  assert_field (f, "subject", "Building Real-World Flask Applications");
  assert_field (f, "description",
                "This topical map organizes everything needed to build, secure, test, deploy, and scale "
                "production-grade Flask applications. Authority comes from covering architecture, data, APIs, "
                "security, background processing, testing/CI, and deployment/monitoring end-to-end with deep "
                "how-to pillars and focused cluster articles that solve specific real-world problems.");
  assert_field (f, "goal",
                "Ship a maintainable, secure, observable Flask service that supports CI/CD, background "
                "processing, safe DB migrations, and horizontal scaling; optionally package reusable templates "
                "and runbooks for teams to deploy and operate production services.");
  /* The level the page glues to the text ("IntermediateBackend") is not
   * part of the audience; the note keeps the line as it was. */
  assert_field (f, "audience",
                "Backend Python developers, engineering leads, senior backend engineers, and technical content "
                "creators who need to build or document production Flask apps (including devs migrating from "
                "monoliths or prototyping microservices).");
}

static void
test_seed_ideas (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = seed_path ();
  g_autoptr(TopiaryImportReport) report = import_ok (f, path);
  g_autoptr(GPtrArray) articles = list_articles (f);
  guint a = SEED_PLANNED;

  g_assert_cmpuint (articles->len, ==, SEED_PLANNED + SEED_IDEAS);
  for (guint k = 0; k < G_N_ELEMENTS (seed_intents); k++)
    {
      TopiaryArticle *first = g_ptr_array_index (articles, a);
      TopiaryArticle *last = g_ptr_array_index (articles, a + seed_intents[k].count - 1);

      g_assert_cmpstr (topiary_article_get_title (first), ==, seed_intents[k].first);
      g_assert_cmpstr (topiary_article_get_title (last), ==, seed_intents[k].last);
      for (guint i = 0; i < seed_intents[k].count; i++, a++)
        {
          TopiaryArticle *idea = g_ptr_array_index (articles, a);

          g_assert_cmpstr (topiary_article_get_intent (idea), ==, seed_intents[k].intent);
          g_assert_cmpint (topiary_article_get_status (idea), ==, TOPIARY_STATUS_IDEA);
          g_assert_cmpint (topiary_article_get_group_id (idea), ==, 0);
          g_assert_cmpint (topiary_article_get_parent_id (idea), ==, 0);
          g_assert_cmpint (topiary_article_get_kind (idea), ==, TOPIARY_KIND_CLUSTER);
          /* after the plan, in page order */
          g_assert_cmpint (topiary_article_get_position (idea), ==, a + 1);
        }
    }
  g_assert_cmpuint (a, ==, SEED_PLANNED + SEED_IDEAS);

  /* A title with an em dash, whole. */
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, SEED_PLANNED + 22 + 8)), ==,
                   "Serverless Flask: Zappa vs AWS Lambda Container Images vs Cloud Run — Pros, Cons, And Limits");
}

static void
test_seed_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = seed_path ();
  g_autoptr(TopiaryImportReport) report = import_ok (f, path);
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GPtrArray) questions = NULL;

  assert_note (f, "strategy", "Strategy Overview",
               "This topical map organizes everything needed to build, secure, test, deploy, and scale "
               "production-grade Flask applications. Authority comes from covering architecture, data, APIs, "
               "security, background processing, testing/CI, and deployment/monitoring end-to-end with deep "
               "how-to pillars and focused cluster articles that solve specific real-world problems.");
  assert_note (f, "audience", "👤 Who This Is For",
               "IntermediateBackend Python developers, engineering leads, senior backend engineers, and technical "
               "content creators who need to build or document production Flask apps (including devs migrating "
               "from monoliths or prototyping microservices).");
  assert_note (f, "goal", "Goal",
               "Ship a maintainable, secure, observable Flask service that supports CI/CD, background processing, "
               "safe DB migrations, and horizontal scaling; optionally package reusable templates and runbooks "
               "for teams to deploy and operate production services.");
  assert_note (f, "timeline", "First rankings", "3-6 months");
  assert_note (f, "rpm", "Est. RPM", "$8-$20");
  assert_note (f, "monetization", "Monetization potential", "High Potential");
  assert_note (f, "monetization", "💰 Monetization",
               "The most lucrative angle combines evergreen how-to guides with paid starter kits and workshops; "
               "enterprise-facing content (migration guides, security audits) converts best to higher-value "
               "consulting and tool partnerships.");
  assert_note (f, "seasonality", "Seasonal pattern",
               "Year-round evergreen interest with modest peaks in January (new-year learning/projects) and "
               "September (back-to-school/enterprise Q4 projects); traffic also spikes around major "
               "Flask/Werkzeug releases.");
  assert_note (f, "key-entity", "Key Entities & Concepts",
               "Google associates these entities with Building Real-World Flask Applications. Covering them in "
               "your content signals topical depth.");

  /* Each gap is a note of its own, after the section's introduction. */
  gaps = list_notes (f, "content-gap");
  g_assert_cmpuint (gaps->len, ==, 1 + 7);
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (gaps, 0)), ==, "What Most Sites Miss");
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (gaps, 0)), ==,
                   "Content gaps your competitors haven't covered — where you can rank faster.");
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (gaps, 1)), ==,
                   "End-to-end, opinionated production blueprint demonstrating Flask with Docker, Gunicorn, Nginx, "
                   "Alembic migrations, Celery workers, Prometheus metrics, and Kubernetes manifests — with real "
                   "repo and CI pipeline.");
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (gaps, 7)), ==,
                   "Concrete guides for running Flask as ASGI where appropriate (when to migrate vs adaptors), "
                   "including benchmarks comparing Gunicorn + gevent vs Hypercorn/uvicorn setups.");
  for (guint i = 1; i < gaps->len; i++)
    g_assert_cmpuint (strlen (topiary_note_get_title (g_ptr_array_index (gaps, i))), <=, 80 + 3);

  /* Each fact with its explanation; the en dash byte for byte. */
  facts = list_notes (f, "key-fact");
  g_assert_cmpuint (facts->len, ==, 5);
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (facts, 0)), ==,
                   "Flask 2.0 added official async view support (released May 2021).");
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (facts, 0)), ==,
                   "Knowing Flask supports async gives content creators an angle to explain migration paths or "
                   "hybrid sync/async architectures and compare WSGI vs ASGI deployments.");
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (facts, 2)), ==,
                   "Search interest for deployment and security topics (queries like 'Flask deployment', 'Flask "
                   "gunicorn', 'Flask security') consistently outpaces basic tutorials in traffic estimates — "
                   "often 2\xE2\x80\x93" "3x higher per page.");
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (facts, 4)), ==,
                   "Investing in pillar + cluster content increases topical authority and backlinks, which is key "
                   "for ranking technical how-to content.");

  questions = list_notes (f, "common-question");
  g_assert_cmpuint (questions->len, ==, 1 + 1);
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (questions, 0)), ==,
                   "Questions bloggers and content creators ask before starting this topical map.");
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (questions, 1)), ==,
                   "Why Build Topical Authority on Building Real-World Flask Applications?");
  g_assert_true (g_str_has_prefix (topiary_note_get_body (g_ptr_array_index (questions, 1)),
                                   "Building topical authority on production Flask apps targets"));
  g_assert_true (g_str_has_suffix (topiary_note_get_body (g_ptr_array_index (questions, 1)),
                                   "resulting in strong backlink potential and commercial opportunities."));

  /* Nothing else is lost: the page's own headings and navigation are kept
   * as "other" notes, the curly apostrophe and emoji included. */
  assert_note (f, "other", "📚 The Complete Article Universe",
               "90+ articles across 9 intent groups — every angle a site needs to fully dominate Building "
               "Real-World Flask Applications on Google. Not sure where to start? See Content Plan (43 "
               "prioritized articles) →\n\n"
               "This is IBH\xE2\x80\x99s Content Intelligence Library — every article your site needs to own "
               "Building Real-World Flask Applications on Google.");
  assert_note (f, "other", "📋 Your Content Plan — Start Here",
               "43 prioritized articles with target queries and writing sequence. Want every possible angle? "
               "See Full Library (90+ articles) →");
  assert_note (f, "other", "Search Intent Breakdown", "");
  assert_note (f, "other", "Complete Article Index for Building Real-World Flask Applications",
               "Every article title in this topical map — 90+ articles covering every angle of Building "
               "Real-World Flask Applications for complete topical authority.");
  assert_note (f, "other", "Find your next topical map.",
               "Hundreds of free maps. Every niche. Every business type. Every location.");
  {
    g_autoptr(GPtrArray) others = list_notes (f, "other");
    gboolean about = FALSE;

    for (guint i = 0; i < others->len; i++)
      if (strstr (topiary_note_get_body (g_ptr_array_index (others, i)),
                  "This map contains 43 article titles organised into 7 content groups") != NULL)
        about = TRUE;
    g_assert_true (about);
  }

  {
    g_autoptr(GPtrArray) all = list_notes (f, NULL);
    g_assert_cmpuint (report->notes, ==, all->len);
    g_assert_cmpuint (all->len, ==, 30);
  }
}

/* ---- importing again ---------------------------------------------------- */

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = seed_path ();
  g_autoptr(TopiaryImportReport) first = import_ok (f, path);
  g_autoptr(TopiaryImportReport) second = NULL;
  g_autoptr(TopiaryImportReport) third = NULL;
  g_autoptr(GPtrArray) articles = list_articles (f);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(TopiaryArticle) edited = NULL;
  g_autoptr(TopiaryArticle) drafted = NULL;
  g_autoptr(TopiaryArticle) idea = NULL;
  g_autoptr(GError) error = NULL;
  gint64 edited_id, drafted_id, idea_id, pillar_id, group_id;

  /* The user edits one summary; importing the page again puts the page's
   * text back (after a snapshot) and duplicates nothing. */
  edited_id = topiary_article_get_id (g_ptr_array_index (articles, 1));
  edited = topiary_project_get_article (f->project, edited_id, FALSE, &error);
  g_assert_no_error (error);
  topiary_article_set_summary (edited, "edited by hand");
  topiary_project_update_article (f->project, edited, &error);
  g_assert_no_error (error);

  second = import_ok (f, path);
  print_warnings (second);
  g_assert_cmpuint (second->warnings->len, ==, 0);
  g_assert_cmpuint (second->groups, ==, 0);
  g_assert_cmpuint (second->articles, ==, 0);
  g_assert_cmpuint (second->ideas, ==, 0);
  g_assert_cmpuint (second->updated, ==, SEED_PLANNED + SEED_IDEAS);
  g_assert_cmpuint (second->notes, ==, 0);
  assert_seed_plan (f);
  notes = list_notes (f, NULL);
  g_assert_cmpuint (notes->len, ==, first->notes);

  g_clear_object (&edited);
  edited = topiary_project_get_article (f->project, edited_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_article_get_summary (edited), ==,
                   "Concrete, copy-pasteable project templates for small, medium, and large Flask apps with "
                   "explanations of tradeoffs and where to place code, static assets, and tests.");
  revisions = topiary_project_list_revisions (f->project, edited_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >=, 1);
  g_assert_cmpstr (((TopiaryRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "import");

  /* Work done since the first import survives: a drafted article keeps its
   * status and its words. */
  drafted_id = topiary_article_get_id (g_ptr_array_index (articles, 2));
  drafted = topiary_project_get_article (f->project, drafted_id, FALSE, &error);
  g_assert_no_error (error);
  topiary_article_set_status (drafted, TOPIARY_STATUS_DRAFTING);
  topiary_project_update_article (f->project, drafted, &error);
  g_assert_no_error (error);
  topiary_project_save_body (f->project, drafted_id, "The first words of the draft.", &error);
  g_assert_no_error (error);

  /* An idea the user placed under a pillar stays placed. */
  idea_id = topiary_article_get_id (g_ptr_array_index (articles, SEED_PLANNED + 5));
  pillar_id = topiary_article_get_id (g_ptr_array_index (articles, 0));
  group_id = topiary_article_get_group_id (g_ptr_array_index (articles, 0));
  topiary_project_move_article (f->project, idea_id, 3, group_id, pillar_id, &error);
  g_assert_no_error (error);

  third = import_ok (f, path);
  g_assert_cmpuint (third->articles, ==, 0);
  idea = topiary_project_get_article (f->project, idea_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_article_get_group_id (idea), ==, group_id);
  g_assert_cmpint (topiary_article_get_parent_id (idea), ==, pillar_id);
  g_assert_cmpint (topiary_article_get_position (idea), ==, 3);
  g_assert_cmpstr (topiary_article_get_intent (idea), ==, "informational");
  g_assert_cmpuint (third->updated, ==, SEED_PLANNED + SEED_IDEAS);
  g_clear_object (&drafted);
  drafted = topiary_project_get_article (f->project, drafted_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_article_get_status (drafted), ==, TOPIARY_STATUS_DRAFTING);
  g_assert_cmpstr (topiary_article_get_body (drafted), ==, "The first words of the draft.");
  g_assert_cmpstr (topiary_article_get_title (drafted), ==, seed_plan[2]);
  g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, SEED_PLANNED + SEED_IDEAS);
}

static void
test_line_endings (Fixture       *f,
                   gconstpointer  data)
{
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_auto(GStrv) lines = g_strsplit (seed, "\n", -1);
  g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(TopiaryImportReport) report = NULL;

  /* Windows line ends, blank lines between paragraphs and stray spaces
   * (no-break ones included) around lines change nothing. */
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (text, "%s%s\xC2\xA0 \r\n\r\n", i % 2 ? "  " : "", lines[i]);
  report = import_text (f, text->str);
  print_warnings (report);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  assert_seed_plan (f);
  assert_note (f, "timeline", "First rankings", "3-6 months");
}

/* ---- the older layout --------------------------------------------------- */

static void
test_old_layout (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const groups_expected[][2] = {
    { "Starter Care & Fermentation",
      "Covers creating, feeding and keeping a sourdough starter, and the fermentation science that decides how "
      "bread rises and tastes." },
    { "Dough, Shaping & Scoring",
      "Teaches the hands-on steps between mixing and baking, so home bakers get an open crumb and a loaf that "
      "holds its shape." },
    { "Troubleshooting & Equipment",
      "Helps bakers diagnose dense, flat or gummy loaves and choose the few tools that make a real difference." },
  };
  static const char * const pillars[] = {
    "The Complete Guide to Making and Maintaining a Sourdough Starter",
    "Mixing, Shaping and Scoring Sourdough Dough",
    "Fixing Common Sourdough Problems (and the Tools That Help)",
  };
  static const guint clusters[] = { 7, 5, 4 };
  static const struct { const char *intent; guint count; } intents[] = {
    { "informational", 3 }, { "comparison", 4 }, { "how-to", 2 }, { "faq", 3 },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "maptext-old-layout.txt", NULL);
  g_autoptr(TopiaryImportReport) report = import_ok (f, path);
  g_autoptr(GPtrArray) groups = list_groups (f);
  g_autoptr(GPtrArray) articles = list_articles (f);
  g_autoptr(GPtrArray) entities = list_notes (f, "key-entity");
  g_autoptr(GPtrArray) gaps = list_notes (f, "content-gap");
  guint a = 0;

  print_warnings (report);
  /* "19 articles, 3 topic clusters" is read and agrees. */
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpuint (articles->len, ==, 19 + 12);
  g_assert_cmpuint (report->ideas, ==, 12);

  for (guint g = 0; g < 3; g++)
    {
      TopiaryGroup *group = g_ptr_array_index (groups, g);
      TopiaryArticle *pillar = g_ptr_array_index (articles, a++);

      g_assert_cmpstr (topiary_group_get_title (group), ==, groups_expected[g][0]);
      g_assert_cmpstr (topiary_group_get_description (group), ==, groups_expected[g][1]);
      g_assert_cmpstr (topiary_article_get_title (pillar), ==, pillars[g]);
      g_assert_cmpint (topiary_article_get_kind (pillar), ==, TOPIARY_KIND_PILLAR);
      g_assert_cmpint (topiary_article_get_group_id (pillar), ==, topiary_group_get_id (group));
      for (guint c = 0; c < clusters[g]; c++, a++)
        {
          TopiaryArticle *cluster = g_ptr_array_index (articles, a);
          g_assert_cmpint (topiary_article_get_kind (cluster), ==, TOPIARY_KIND_CLUSTER);
          g_assert_cmpint (topiary_article_get_status (cluster), ==, TOPIARY_STATUS_PLANNED);
          g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, topiary_article_get_id (pillar));
        }
    }
  g_assert_cmpuint (a, ==, 19);
  /* A cluster that starts like a group description ("Covers …") and one
   * with "&" in its title stay clusters. */
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, 3)), ==, "Why Is My Starter Not Rising? 9 Fixes");
  g_assert_cmpstr (topiary_article_get_summary (g_ptr_array_index (articles, 3)), ==,
                   "Covers the common causes — cold kitchens, chlorinated water, weak flour — and the fix for each.");
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, 4)), ==,
                   "Rye, Whole Wheat & White Flour Starters Compared");
  g_assert_nonnull (strstr (topiary_article_get_summary (g_ptr_array_index (articles, 0)), "starter\xE2\x80\x99s activity"));

  for (guint k = 0; k < G_N_ELEMENTS (intents); k++)
    for (guint i = 0; i < intents[k].count; i++, a++)
      {
        TopiaryArticle *idea = g_ptr_array_index (articles, a);
        g_assert_cmpstr (topiary_article_get_intent (idea), ==, intents[k].intent);
        g_assert_cmpint (topiary_article_get_status (idea), ==, TOPIARY_STATUS_IDEA);
      }

  assert_field (f, "title", "Sourdough Bread Baking at Home");
  assert_field (f, "audience", "Home bakers who have made yeasted bread and want to start with sourdough, plus "
                "food bloggers building a baking niche.");
  {
    g_autofree char *description = topiary_project_get_map_field (f->project, "description");
    g_assert_nonnull (description);
    g_assert_true (g_str_has_prefix (description, "This topical map covers the whole journey"));
  }
  assert_note (f, "strategy", "How to use this topical map for Sourdough Bread Baking at Home",
               "Publish the three pillar guides first, then work through each topic cluster in the order shown. "
               "Link every cluster article to its pillar and the pillar to each of its clusters so search "
               "engines see one connected body of work.");
  assert_note (f, "other", "Map summary",
               "Complete topic cluster & semantic SEO content plan — 19 articles, 3 topic clusters ·");
  assert_note (f, "timeline", "Time to first rankings", "2-4 months");
  assert_note (f, "rpm", "Est. RPM", "$6-$12");
  assert_note (f, "key-fact", "Searches for sourdough starter peak every January and spiked 3\xC3\x97 in spring 2020.",
               "Plan starter content to be live and linked before the new-year peak.");

  /* Entities listed one a line without markers. */
  g_assert_cmpuint (entities->len, ==, 1 + 5);
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (entities, 1)), ==, "Levain");
  g_assert_cmpstr (topiary_note_get_title (g_ptr_array_index (entities, 5)), ==, "Dutch oven");
  g_assert_cmpuint (gaps->len, ==, 1 + 3);
  g_assert_cmpstr (topiary_note_get_body (g_ptr_array_index (gaps, 2)), ==,
                   "Schedules for people who work 9\xE2\x80\x93" "5 and can only touch the dough morning and evening.");
}

/* ---- pages cut short ---------------------------------------------------- */

typedef struct {
  guint group_line[SEED_GROUPS];   /* 1-based line of each group heading */
  guint title_line[SEED_PLANNED];  /* 1-based line of each planned title */
} SeedLayout;

static void
seed_layout (char       **lines,
             SeedLayout  *layout)
{
  guint line = SEED_PLAN_LINE, a = 0;

  for (guint g = 0; g < SEED_GROUPS; g++)
    {
      layout->group_line[g] = line;
      g_assert_cmpstr (lines[line - 1], ==, seed_groups[g][0]);
      layout->title_line[a] = line + 2;
      g_assert_cmpstr (lines[line + 1], ==, seed_plan[a]);
      a++;
      for (guint c = 0; c < seed_clusters[g]; c++, a++)
        {
          layout->title_line[a] = line + 4 + 2 * c;
          g_assert_cmpstr (lines[layout->title_line[a] - 1], ==, seed_plan[a]);
        }
      line += 4 + 2 * seed_clusters[g];
    }
}

/* Imports the first @length bytes of @text into a fresh project. */
static gboolean
import_prefix (Fixture              *f,
               const char           *text,
               gsize                 length,
               TopiaryImportReport **report,
               GError              **error)
{
  g_autofree char *path = NULL;

  fixture_reset (f);
  path = write_source (f, text, length);
  *report = topiary_import_report_new ();
  return topiary_import (f->project, path, TOPIARY_IMPORT_MAPTEXT, *report, NULL, NULL, error);
}

static guint
planned_titles (Fixture  *f,
                GPtrArray *out)
{
  g_autoptr(GPtrArray) articles = list_articles (f);

  for (guint i = 0; i < articles->len; i++)
    if (topiary_article_get_status (g_ptr_array_index (articles, i)) == TOPIARY_STATUS_PLANNED)
      g_ptr_array_add (out, g_strdup (topiary_article_get_title (g_ptr_array_index (articles, i))));
  return out->len;
}

static void
test_truncated_lines (Fixture       *f,
                      gconstpointer  data)
{
  gsize length;
  g_autofree char *text = read_seed (&length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);
  SeedLayout layout;
  gsize end = 0;

  seed_layout (lines, &layout);
  g_assert_cmpuint (n_lines, ==, 248);

  /* Cut after every line: what is there is imported, the plan is always a
   * prefix of the real one, and the cut is reported. */
  for (guint cut = 1; cut <= n_lines; cut++)
    {
      g_autoptr(TopiaryImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) groups = NULL;
      g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func (g_free);
      guint want_groups = 0, want_planned = 0;
      gboolean ok;

      end += strlen (lines[cut - 1]) + (cut > 1 ? 1 : 0);
      /* Within the long list of ideas every seventh line is enough. */
      if (cut > 150 && cut < 240 && cut % 7 != 0)
        continue;
      ok = import_prefix (f, text, end, &report, &error);
      if (cut <= 2)
        {
          /* A title and a description alone hold nothing to import. */
          g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY);
          g_assert_false (ok);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);

      for (guint g = 0; g < SEED_GROUPS; g++)
        want_groups += layout.group_line[g] <= cut;
      for (guint a = 0; a < SEED_PLANNED; a++)
        want_planned += layout.title_line[a] <= cut;

      groups = list_groups (f);
      if (groups->len != want_groups)
        g_error ("cut after line %u: %u groups, expected %u", cut, groups->len, want_groups);
      for (guint g = 0; g < want_groups; g++)
        g_assert_cmpstr (topiary_group_get_title (g_ptr_array_index (groups, g)), ==, seed_groups[g][0]);
      planned_titles (f, planned);
      if (planned->len != want_planned)
        g_error ("cut after line %u: %u planned articles, expected %u", cut, planned->len, want_planned);
      for (guint a = 0; a < want_planned; a++)
        g_assert_cmpstr (g_ptr_array_index (planned, a), ==, seed_plan[a]);

      /* Up to the last idea, something is visibly missing. */
      if (cut < 246 && report->warnings->len == 0)
        g_error ("cut after line %u: no warning", cut);
    }
}

static void
test_truncated_bytes (Fixture       *f,
                      gconstpointer  data)
{
  gsize length;
  g_autofree char *text = read_seed (&length);
  const char *p = text;
  guint line = 0;

  /* Cut in the middle of every line, and at every byte of the first lines
   * (through the emoji of the plan heading): never a crash, never more than
   * the page holds, a warning when something is missing. */
  while (*p)
    {
      const char *nl = strchr (p, '\n');
      gsize line_len = nl ? (gsize) (nl - p) : strlen (p);
      gsize start = p - text;
      gsize cuts[] = { start + line_len / 2 };

      line++;
      if (line > 150 && line < 240 && line % 7 != 0)
        {
          p = nl ? nl + 1 : p + line_len;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (cuts); k++)
        {
          g_autoptr(TopiaryImportReport) report = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) groups = NULL;
          g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func (g_free);

          if (!import_prefix (f, text, cuts[k], &report, &error))
            {
              /* Only the first lines: a cut title no longer says "Topical
               * Map", a title with a description holds nothing. */
              g_assert_true (g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY) ||
                             g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID));
              g_assert_cmpuint (start, <, 400);
              continue;
            }
          groups = list_groups (f);
          g_assert_cmpuint (groups->len, <=, SEED_GROUPS);
          for (guint g = 0; g + 1 < groups->len; g++)
            g_assert_cmpstr (topiary_group_get_title (g_ptr_array_index (groups, g)), ==, seed_groups[g][0]);
          g_assert_cmpuint (planned_titles (f, planned), <=, SEED_PLANNED);
          /* A cut in the last idea or the navigation after it cannot be
           * told from a whole page. */
          if (line < 246)
            g_assert_cmpuint (report->warnings->len, >, 0);
        }
      p = nl ? nl + 1 : p + line_len;
    }

  for (gsize cut = 1; cut < 520 && cut < length; cut += 7)
    {
      g_autoptr(TopiaryImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      if (!import_prefix (f, text, cut, &report, &error))
        {
          g_assert_true (g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY) ||
                         (g_error_matches (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID) &&
                          cut < strlen ("Building Real-World Flask Applications Topical Map")));
        }
      else
        g_assert_cmpuint (report->warnings->len, >, 0);
    }
}

/* ---- other pages of the same site --------------------------------------- */

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (to, parts);
}

static void
test_without_counts (Fixture       *f,
                     gconstpointer  data)
{
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_autofree char *a = replace (seed, " This map contains 43 article titles organised into 7 content groups, each",
                                " Each group has");
  g_autofree char *b = replace (a, "43 prioritized articles with", "Prioritized articles with");
  g_autofree char *c = replace (b, "See Full Library (90+ articles) →", "See Full Library →");
  g_autofree char *d = replace (c, "90+ articles across 9 intent groups — ", "");
  g_autofree char *e = replace (d, "See Content Plan (43 prioritized articles) →", "See Content Plan →");
  g_autofree char *text = replace (e, "map — 90+ articles covering", "map, covering");
  g_autoptr(TopiaryImportReport) report = NULL;

  /* Nothing says how many groups there are: the structure alone decides. */
  report = import_text (f, text);
  print_warnings (report);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  assert_seed_plan (f);
  g_assert_cmpuint (report->ideas, ==, SEED_IDEAS);
}

static void
test_count_mismatch (Fixture       *f,
                     gconstpointer  data)
{
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_autofree char *a = replace (seed, "43 article titles organised into 7 content groups",
                                "44 article titles organised into 8 content groups");
  g_autofree char *text = replace (a, "90+ articles across 9 intent groups", "95 articles across 10 intent groups");
  g_autoptr(TopiaryImportReport) report = import_text (f, text);

  /* A page that miscounts still imports what it holds, with warnings. */
  print_warnings (report);
  assert_seed_plan (f);
  g_assert_true (has_warning (report, "8 content groups, but 7"));
  g_assert_true (has_warning (report, "44 planned articles, but 43"));
  g_assert_true (has_warning (report, "95 article ideas, but 90"));
  g_assert_true (has_warning (report, "10 intent groups, but 9"));
}

static void
test_group_sizes (Fixture       *f,
                  gconstpointer  data)
{
  static const guint keep[SEED_GROUPS] = { 1, 5, 3, 0, 5, 2, 6 };
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_auto(GStrv) lines = g_strsplit (seed, "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  SeedLayout layout;
  guint a = 0, line = SEED_PLAN_LINE;

  /* The same page with groups of 1, 5, 3, 0, 5, 2 and 6 clusters. */
  seed_layout (lines, &layout);
  for (guint i = 0; i < SEED_PLAN_LINE - 1; i++)
    g_string_append_printf (text, "%s\n", lines[i]);
  for (guint g = 0; g < SEED_GROUPS; g++)
    {
      for (guint i = 0; i < 4 + 2 * keep[g]; i++)
        g_string_append_printf (text, "%s\n", lines[line - 1 + i]);
      line += 4 + 2 * seed_clusters[g];
    }
  for (guint i = line - 1; lines[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", lines[i]);

  report = import_text (f, text->str);
  print_warnings (report);
  g_assert_true (has_warning (report, "43 planned articles, but 29"));
  groups = list_groups (f);
  articles = list_articles (f);
  g_assert_cmpuint (groups->len, ==, SEED_GROUPS);
  for (guint g = 0, s = 0; g < SEED_GROUPS; g++)
    {
      TopiaryArticle *pillar = g_ptr_array_index (articles, a++);

      g_assert_cmpstr (topiary_group_get_title (g_ptr_array_index (groups, g)), ==, seed_groups[g][0]);
      g_assert_cmpstr (topiary_article_get_title (pillar), ==, seed_plan[s]);
      g_assert_cmpint (topiary_article_get_kind (pillar), ==, TOPIARY_KIND_PILLAR);
      for (guint c = 0; c < keep[g]; c++, a++)
        {
          TopiaryArticle *cluster = g_ptr_array_index (articles, a);
          g_assert_cmpstr (topiary_article_get_title (cluster), ==, seed_plan[s + 1 + c]);
          g_assert_cmpint (topiary_article_get_parent_id (cluster), ==, topiary_article_get_id (pillar));
        }
      s += 1 + seed_clusters[g];
    }
  g_assert_cmpint (topiary_article_get_status (g_ptr_array_index (articles, a)), ==, TOPIARY_STATUS_IDEA);
}

static void
test_split_paragraphs (Fixture       *f,
                       gconstpointer  data)
{
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_auto(GStrv) parts = g_strsplit (seed, ". Readers ", -1);
  g_autofree char *text = g_strjoinv (".\nReaders ", parts);
  g_autoptr(TopiaryImportReport) report = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  /* Every pillar description broken into two paragraphs, as a browser copy
   * may do: still one pillar each, its summary whole. */
  g_assert_cmpuint (g_strv_length (parts), ==, SEED_GROUPS + 1);
  report = import_text (f, text);
  print_warnings (report);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  assert_seed_plan (f);
  articles = list_articles (f);
  g_assert_cmpstr (topiary_article_get_summary (g_ptr_array_index (articles, 24)), ==,
                   "Covers integration patterns for Celery, RQ, and async libraries, plus real-time communication "
                   "with Flask-SocketIO.\n\nReaders will learn to design reliable background jobs, schedule tasks, "
                   "and add live updates to their apps.");
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  static const char page[] =
    "Tiny Gardens Topical Map\n"
    "A small map about balcony gardens, to see how repeated titles are handled.\n"
    "📋 Your Content Plan — Start Here\n"
    "Plants & Containers\n"
    "Covers which plants thrive on a balcony and what to grow them in.\n"
    "The Complete Guide to Balcony Container Gardening\n"
    "A comprehensive guide to growing vegetables, herbs and flowers in containers on a balcony, from pots and "
    "soil to watering and wind. Readers will learn to plan a balcony garden that crops from spring to autumn.\n"
    "C++ Tips for Garden Sensors\n"
    "Short tips for programming soil sensors.\n"
    "C Tips for Garden Sensors\n"
    "The same tips for plain C.\n"
    "Complete Article Index for Tiny Gardens\n"
    "FAQ Articles\n"
    "- C Tips for Garden Sensors\n"
    "- How Often Should I Water Balcony Pots?\n";
  g_autoptr(TopiaryImportReport) report = import_text (f, page);
  g_autoptr(TopiaryImportReport) again = NULL;
  g_autoptr(GPtrArray) articles = list_articles (f);

  /* Two titles with one slug are both kept; the idea that repeats a planned
   * title is kept once, with a warning. */
  g_assert_cmpuint (articles->len, ==, 4);
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, 1)), ==, "C++ Tips for Garden Sensors");
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, 2)), ==, "C Tips for Garden Sensors");
  g_assert_cmpstr (topiary_article_get_slug (g_ptr_array_index (articles, 1)), !=,
                   topiary_article_get_slug (g_ptr_array_index (articles, 2)));
  g_assert_cmpint (topiary_article_get_status (g_ptr_array_index (articles, 2)), ==, TOPIARY_STATUS_PLANNED);
  g_assert_cmpstr (topiary_article_get_title (g_ptr_array_index (articles, 3)), ==,
                   "How Often Should I Water Balcony Pots?");
  g_assert_true (has_warning (report, "listed twice"));

  again = import_text (f, page);
  g_assert_cmpuint (again->articles, ==, 0);
  g_assert_cmpuint (again->updated, ==, 4);
  g_assert_cmpuint (topiary_project_count_articles (f->project, NULL), ==, 4);
}

/* ---- what is not such a page -------------------------------------------- */

static void
test_not_a_map (Fixture       *f,
                gconstpointer  data)
{
  static const char * const empty[] = { "", "\n\n   \n", "\xEF\xBB\xBF\n" };
  static const char prose[] =
    "Dear Anna,\n"
    "Thank you for the photos of the garden. The roses look wonderful this year.\n"
    "See You Soon\n"
    "We will visit in May if the trains run.\n";
  TopiaryStats stats;

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autofree char *path = write_source (f, empty[i], -1);
      g_autoptr(GError) error = NULL;

      g_assert_false (topiary_import (f->project, path, TOPIARY_IMPORT_MAPTEXT, NULL, NULL, NULL, &error));
      g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_EMPTY);
    }

  {
    g_autofree char *path = write_source (f, prose, -1);
    g_autoptr(GError) error = NULL;

    g_assert_false (topiary_import (f->project, path, TOPIARY_IMPORT_MAPTEXT, NULL, NULL, NULL, &error));
    g_assert_error (error, TOPIARY_IMPORT_ERROR, TOPIARY_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "not a topical-map page"));
  }

  /* Nothing of the failed imports stayed. */
  topiary_project_get_stats (f->project, &stats, NULL);
  g_assert_cmpuint (stats.articles + stats.groups + stats.notes, ==, 0);
}

static void
test_sniff (Fixture       *f,
            gconstpointer  data)
{
  static const char outline[] =
    "# Building Real-World Flask Applications Topical Map\n\n"
    "## Design & Architecture\n\n- Flask Project Structure\n- Blueprints Explained\n";
  static const char csv[] = "title,group,kind,intent\nFlask Project Structure,Design,cluster,how-to\n";
  static const char prose[] = "Shopping list\nMilk\nBread\nA topical question about maps.\n";
  gsize length;
  g_autofree char *seed = read_seed (&length);
  g_autofree char *old_path = g_test_build_filename (G_TEST_DIST, "data", "maptext-old-layout.txt", NULL);
  g_autofree char *old = NULL;
  g_autofree char *seed_file = seed_path ();
  g_autoptr(GError) error = NULL;
  gsize old_length;

  g_file_get_contents (old_path, &old, &old_length, &error);
  g_assert_no_error (error);

  g_assert_cmpint (_topiary_import_maptext_sniff (seed, length), >=, 80);
  g_assert_cmpint (_topiary_import_maptext_sniff (old, old_length), >=, 80);
  /* The first line alone already says a lot. */
  g_assert_cmpint (_topiary_import_maptext_sniff (seed, strlen ("Building Real-World Flask Applications Topical Map")), >=, 40);
  g_assert_cmpint (_topiary_import_maptext_sniff (outline, strlen (outline)), <, 30);
  g_assert_cmpint (_topiary_import_maptext_sniff (csv, strlen (csv)), ==, 0);
  g_assert_cmpint (_topiary_import_maptext_sniff (prose, strlen (prose)), <, 30);
  g_assert_cmpint (_topiary_import_maptext_sniff ("", 0), ==, 0);
  /* Only @length bytes are read. */
  g_assert_cmpint (_topiary_import_maptext_sniff (seed, 10), <, 30);

  g_assert_cmpint (topiary_import_detect (seed_file, &error), ==, TOPIARY_IMPORT_MAPTEXT);
  g_assert_no_error (error);
  g_assert_cmpint (topiary_import_detect (old_path, &error), ==, TOPIARY_IMPORT_MAPTEXT);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/import-maptext/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("seed-plan", test_seed_plan);
  ADD ("seed-ideas", test_seed_ideas);
  ADD ("seed-notes", test_seed_notes);
  ADD ("reimport", test_reimport);
  ADD ("line-endings", test_line_endings);
  ADD ("old-layout", test_old_layout);
  ADD ("truncated-lines", test_truncated_lines);
  ADD ("truncated-bytes", test_truncated_bytes);
  ADD ("without-counts", test_without_counts);
  ADD ("count-mismatch", test_count_mismatch);
  ADD ("group-sizes", test_group_sizes);
  ADD ("split-paragraphs", test_split_paragraphs);
  ADD ("duplicates", test_duplicates);
  ADD ("not-a-map", test_not_a_map);
  ADD ("sniff", test_sniff);

#undef ADD

  return g_test_run ();
}
