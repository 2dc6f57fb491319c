/* test-links.c — links out, links in and link suggestions (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-check.h"
#include "topiary-links.h"
#include "topiary-links-private.h"
#include "topiary-map.h"
#include "topiary-project.h"
#include "test-util.h"

typedef struct {
  TopiaryProject *project;
  char           *dir;
  char           *path;
  gint64          flask, django;          /* groups */
  gint64          guide, routing, templates, deploy, django_guide;
} Fixture;

static gint64
add (Fixture     *f,
     const char  *title,
     gint64       group,
     gint64       parent,
     TopiaryKind  kind,
     const char  *queries,
     const char  *body)
{
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_group_id (a, group);
  topiary_article_set_parent_id (a, parent);
  topiary_article_set_kind (a, kind);
  test_article_set_queries (a, queries);
  topiary_article_set_body (a, body);
  return test_add_article (f->project, a);
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

/* Two groups: Flask (a pillar and three clusters, one not written yet)
 * and Django (a pillar). */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->project = test_project_create ("topiary-links-XXXXXX", &f->dir, &f->path);
  f->flask = test_add_group (f->project, "Flask");
  f->django = test_add_group (f->project, "Django");
  f->guide = add (f, "Flask Guide", f->flask, 0, TOPIARY_KIND_PILLAR,
                  "flask tutorial;learn flask;flask for beginners", "The guide.");
  f->routing = add (f, "Flask Routing", f->flask, f->guide, TOPIARY_KIND_CLUSTER,
                    "flask routing;url routes in flask", "Routes.");
  f->templates = add (f, "Flask Templates", f->flask, f->guide, TOPIARY_KIND_CLUSTER,
                      "jinja templates", "Templates.");
  f->deploy = add (f, "Deploying Flask", f->flask, f->guide, TOPIARY_KIND_CLUSTER,
                   "deploy flask app", "");
  f->django_guide = add (f, "Django Guide", f->django, 0, TOPIARY_KIND_PILLAR,
                         "django tutorial", "Django.");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

static TopiaryLinker *
linker_new (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryMap) map = topiary_map_new (f->project, &error);
  TopiaryLinker *linker;

  g_assert_no_error (error);
  linker = topiary_linker_new (f->project, map, &error);
  g_assert_no_error (error);
  g_assert_nonnull (linker);
  return linker;
}

static GPtrArray *
suggest (Fixture       *f,
         TopiaryLinker *linker,
         gint64         id,
         const char    *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) dismissed = topiary_project_list_dismissals (f->project, id, &error);

  g_assert_no_error (error);
  return topiary_linker_suggest (linker, id, body, dismissed);
}

static TopiarySuggestion *
find (GPtrArray             *suggestions,
      TopiarySuggestionKind  kind,
      gint64                 target)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      TopiarySuggestion *s = g_ptr_array_index (suggestions, i);

      if (s->kind == kind && s->target_id == target)
        return s;
    }
  return NULL;
}

static guint
count_target (GPtrArray *suggestions,
              gint64     target)
{
  guint n = 0;

  for (guint i = 0; i < suggestions->len; i++)
    if (((TopiarySuggestion *) g_ptr_array_index (suggestions, i))->target_id == target)
      n++;
  return n;
}

static void
test_stem (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "apps", "app" }, { "libraries", "library" }, { "boxes", "box" },
    { "status", "status" }, { "hosting", "host" }, { "hosted", "host" },
    { "planned", "plan" }, { "manage", "manag" }, { "managing", "manag" },
    { "flask's", "flask" }, { "class", "class" }, { "use", "use" }, { "fall", "fall" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *w = g_strdup (cases[i].in);

      _topiary_links_stem_en (w);
      g_assert_cmpstr (w, ==, cases[i].out);
    }
  g_assert_true (_topiary_links_language_stems ("en-GB"));
  g_assert_true (_topiary_links_language_stems (""));
  g_assert_false (_topiary_links_language_stems ("de"));
  g_assert_false (_topiary_links_language_stems ("eo"));
}

/* A cluster lacks its pillar, a pillar its clusters. */
static void
test_required (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, "Routes are declared with a decorator.");
  g_autoptr(GPtrArray) p = NULL;
  TopiarySuggestion *r;

  r = find (s, TOPIARY_SUGGESTION_REQUIRED, f->guide);
  g_assert_nonnull (r);
  g_assert_cmpint (r->reason, ==, TOPIARY_REQUIRED_PILLAR);
  g_assert_false (r->has_position);
  g_assert_cmpstr (r->anchor, ==, "flask tutorial");
  g_assert_cmpuint (count_target (s, f->guide), ==, 1);
  /* The first suggestion is the plan's. */
  g_assert_true (g_ptr_array_index (s, 0) == r);

  p = suggest (f, linker, f->guide, "This guide covers [[flask-routing|routing]].");
  g_assert_null (find (p, TOPIARY_SUGGESTION_REQUIRED, f->routing));
  g_assert_cmpuint (count_target (p, f->routing), ==, 0);
  g_assert_nonnull (find (p, TOPIARY_SUGGESTION_REQUIRED, f->templates));
  g_assert_cmpint (find (p, TOPIARY_SUGGESTION_REQUIRED, f->deploy)->reason, ==, TOPIARY_REQUIRED_CLUSTER);
  /* Another group's pillar is neither required nor a sibling. */
  g_assert_cmpuint (count_target (p, f->django_guide), ==, 0);
}

/* A required link that the text mentions is proposed at the mention. */
static void
test_required_at_mention (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  const char *body = "Start with our Flask tutorial, then come back.";
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, body);
  TopiarySuggestion *r = find (s, TOPIARY_SUGGESTION_REQUIRED, f->guide);

  g_assert_nonnull (r);
  g_assert_true (r->has_position);
  g_assert_cmpstr (r->anchor, ==, "Flask tutorial");
  g_assert_cmpuint (r->start, ==, strstr (body, "Flask tutorial") - body);
  g_assert_cmpstr (r->sentence, ==, "Start with our Flask tutorial, then come back.");
  g_assert_null (find (s, TOPIARY_SUGGESTION_MENTION, f->guide));
}

static void
test_mentions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  const char *body =
    "Flask routing is simple. Compare it with the Django tutorial. When you are done, "
    "you will be deploying Flask apps everywhere.\n";
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, body);
  TopiarySuggestion *m = find (s, TOPIARY_SUGGESTION_MENTION, f->django_guide);
  TopiarySuggestion *d;
  gsize start, end;
  g_autofree char *text = NULL;

  g_assert_nonnull (m);
  g_assert_true (m->has_position);
  g_assert_cmpstr (m->anchor, ==, "Django tutorial");
  g_assert_cmpstr (m->sentence, ==, "Compare it with the Django tutorial.");
  text = topiary_suggestion_edit (linker, m, body, 0, &start, &end);
  g_assert_cmpstr (text, ==, "[[django-guide|Django tutorial]]");
  g_assert_cmpuint (start, ==, strstr (body, "Django tutorial") - body);
  g_assert_cmpuint (end - start, ==, strlen ("Django tutorial"));

  /* Stems: "deploying Flask apps" is the query "deploy flask app"; the
   * sibling is not also offered as a sibling. */
  d = find (s, TOPIARY_SUGGESTION_MENTION, f->deploy);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->anchor, ==, "deploying Flask apps");
  g_assert_cmpuint (count_target (s, f->deploy), ==, 1);
  /* The article naming itself suggests nothing. */
  g_assert_cmpuint (count_target (s, f->routing), ==, 0);
}

/* Where a mention is never suggested. */
static void
test_mentions_not (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  const char *body =
    "---\ntitle: Django tutorial\n---\n"
    "# The Django tutorial\n\n"
    "Run `django tutorial` in a shell.\n\n"
    "```\ndjango tutorial\n```\n\n"
    "    django tutorial\n\n"
    "See [the Django tutorial](https://example.org/django) or <a title=\"django tutorial\">here</a>.\n"
    "A djangotutorial, a django-tutorials.com and a Django, tutorial.\n"
    "Already linked: [[Flask Templates|jinja templates]], and jinja templates again.\n"
    "https://example.org/django/tutorial\n";
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, body);

  for (guint i = 0; i < s->len; i++)
    g_test_message ("suggested: %s", ((TopiarySuggestion *) g_ptr_array_index (s, i))->anchor);
  g_assert_cmpuint (count_target (s, f->django_guide), ==, 0);
  g_assert_cmpuint (count_target (s, f->templates), ==, 0);
}

static void
test_siblings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, "See [[Flask Templates]].");
  TopiarySuggestion *sib = find (s, TOPIARY_SUGGESTION_SIBLING, f->deploy);

  g_assert_nonnull (sib);
  g_assert_false (sib->has_position);
  g_assert_cmpstr (sib->anchor, ==, "deploy flask app");
  g_assert_cmpuint (count_target (s, f->templates), ==, 0);
  /* The pillar is required, not a sibling; the other group is neither. */
  g_assert_null (find (s, TOPIARY_SUGGESTION_SIBLING, f->guide));
  g_assert_cmpuint (count_target (s, f->django_guide), ==, 0);
}

static void
test_dismiss (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *body = "Compare it with the Django tutorial.";
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  g_autoptr(GPtrArray) before = suggest (f, linker, f->routing, body);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_nonnull (find (before, TOPIARY_SUGGESTION_MENTION, f->django_guide));
  g_assert_true (topiary_project_dismiss_suggestion (f->project, f->routing, f->django_guide, "mention", &error));
  g_assert_no_error (error);
  g_assert_true (topiary_project_dismiss_suggestion (f->project, f->routing, f->django_guide, "mention", &error));
  g_assert_no_error (error);

  /* For good: after the project is closed and opened again. */
  g_clear_object (&f->project);
  f->project = topiary_project_open (f->path, 0, &error);
  g_assert_no_error (error);
  after = suggest (f, linker, f->routing, body);
  g_assert_null (find (after, TOPIARY_SUGGESTION_MENTION, f->django_guide));
  /* Only for that article. */
  other = suggest (f, linker, f->templates, body);
  g_assert_nonnull (find (other, TOPIARY_SUGGESTION_MENTION, f->django_guide));

  g_assert_true (topiary_project_undismiss_suggestion (f->project, f->routing, f->django_guide, "mention", &error));
  g_assert_no_error (error);
  again = suggest (f, linker, f->routing, body);
  g_assert_nonnull (find (again, TOPIARY_SUGGESTION_MENTION, f->django_guide));
}

/* A pillar's clusters are also its group's articles: a dismissed required
 * link to one is not offered again as a sibling (the Links panel showed
 * "Link across to" right after "Link down to" was dismissed). */
static void
test_dismiss_required (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  g_autoptr(GPtrArray) before = suggest (f, linker, f->guide, "The guide.");
  g_autoptr(GPtrArray) after = NULL;

  g_assert_nonnull (find (before, TOPIARY_SUGGESTION_REQUIRED, f->routing));
  g_assert_true (topiary_project_dismiss_suggestion (f->project, f->guide, f->routing, "required", &error));
  g_assert_no_error (error);
  after = suggest (f, linker, f->guide, "The guide.");
  g_assert_cmpuint (count_target (after, f->routing), ==, 0);
  /* The others stay. */
  g_assert_nonnull (find (after, TOPIARY_SUGGESTION_REQUIRED, f->templates));
}

/* Three articles link to the pillar with "flask tutorial": the fourth is
 * offered another query. */
static void
test_anchor_variety (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GPtrArray) r = NULL;
  TopiarySuggestion *a;
  const char *body = "Back to the [[flask-guide|Flask tutorial]].";

  set_body (f, f->templates, "See the [[flask-guide|flask tutorial]].");
  set_body (f, f->deploy, "See the [[Flask Guide|flask  tutorial]].");
  set_body (f, f->django_guide, "Unlike the [[flask-guide|flask tutorial]].");
  linker = linker_new (f);

  s = suggest (f, linker, f->routing, body);
  a = find (s, TOPIARY_SUGGESTION_ANCHOR, f->guide);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->anchor, ==, "learn flask");
  g_assert_cmpstr (a->alternatives[0], ==, "flask for beginners");
  g_assert_true (a->has_position);
  g_assert_cmpuint (a->start, ==, strstr (body, "[[") - body);

  /* The required link of a text that lacks it takes the unused query. */
  r = suggest (f, linker, f->routing, "Nothing yet.");
  g_assert_cmpstr (find (r, TOPIARY_SUGGESTION_REQUIRED, f->guide)->anchor, ==, "learn flask");

  /* Two articles are not yet "several". */
  topiary_linker_set_body (linker, f->django_guide, "Unlike [[Django Guide]].");
  topiary_linker_set_body (linker, f->deploy, "See [[flask-guide|learn flask]].");
  g_clear_pointer (&s, g_ptr_array_unref);
  s = suggest (f, linker, f->routing, body);
  g_assert_null (find (s, TOPIARY_SUGGESTION_ANCHOR, f->guide));
}

/* The pairs of a linking plan an import kept as a note. */
static void
test_plan_pairs (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryNote) note = topiary_note_new ("other", "Flask: Internal linking plan",
                                                  "- [[flask-templates]] \xe2\x86\x92 [[django-guide]] (django basics)\n"
                                                  "- [[flask-templates]] \xe2\x86\x92 /nowhere\n");
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GPtrArray) done = NULL;
  TopiarySuggestion *r;

  g_assert_true (topiary_project_add_note (f->project, note, &error));
  g_assert_no_error (error);
  linker = linker_new (f);
  s = suggest (f, linker, f->templates, "Jinja.");
  r = find (s, TOPIARY_SUGGESTION_REQUIRED, f->django_guide);
  g_assert_nonnull (r);
  g_assert_cmpint (r->reason, ==, TOPIARY_REQUIRED_PLAN);
  g_assert_cmpstr (r->anchor, ==, "django basics");

  done = suggest (f, linker, f->templates, "Jinja, unlike [[django-guide|Django]].");
  g_assert_cmpuint (count_target (done, f->django_guide), ==, 0);
}

static void
test_outgoing_backlinks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) none = NULL;
  TopiaryOutlink *o;
  TopiaryBacklink *b;

  set_body (f, f->templates, "Templates come after routing. Read [[Flask Guide|the guide]] first!\n\nMore.");
  set_body (f, f->django_guide, "Unlike [the Flask guide](../flask-guide/), Django has more.");
  linker = linker_new (f);

  out = topiary_linker_outgoing (linker, "A [[flask-guide]], a [[nowhere]], a [[Deploying Flask|deploy]] and `[[code]]`.");
  g_assert_cmpuint (out->len, ==, 3);
  o = g_ptr_array_index (out, 0);
  g_assert_cmpint (o->state, ==, TOPIARY_OUTLINK_RESOLVED);
  g_assert_cmpint (o->target_id, ==, f->guide);
  o = g_ptr_array_index (out, 1);
  g_assert_cmpint (o->state, ==, TOPIARY_OUTLINK_UNRESOLVED);
  o = g_ptr_array_index (out, 2);
  g_assert_cmpint (o->state, ==, TOPIARY_OUTLINK_PLANNED);
  g_assert_cmpstr (o->label, ==, "deploy");

  in = topiary_linker_backlinks (linker, f->guide);
  g_assert_cmpuint (in->len, ==, 2);
  b = g_ptr_array_index (in, 0);
  g_assert_cmpint (b->source_id, ==, f->templates);
  g_assert_cmpstr (b->anchor, ==, "the guide");
  g_assert_cmpstr (b->sentence, ==, "Read [[Flask Guide|the guide]] first!");
  b = g_ptr_array_index (in, 1);
  g_assert_cmpint (b->source_id, ==, f->django_guide);
  g_assert_cmpstr (b->anchor, ==, "the Flask guide");

  /* A new text: its links are followed. */
  topiary_linker_set_body (linker, f->templates, "No links now.");
  none = topiary_linker_backlinks (linker, f->guide);
  g_assert_cmpuint (none->len, ==, 1);
}

/* Carrying out a suggestion: at the mention, or at the cursor. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  const char *body = "Start here.";
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, body);
  TopiarySuggestion *r = find (s, TOPIARY_SUGGESTION_REQUIRED, f->guide);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = g_string_new (body);
  g_autoptr(GPtrArray) after = NULL;
  gsize start, end;

  text = topiary_suggestion_edit (linker, r, body, 10, &start, &end);
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 10);
  g_assert_cmpstr (text, ==, " [[flask-guide|flask tutorial]]");
  g_string_erase (edited, start, end - start);
  g_string_insert (edited, start, text);
  g_assert_cmpstr (edited->str, ==, "Start here [[flask-guide|flask tutorial]].");
  after = suggest (f, linker, f->routing, edited->str);
  g_assert_cmpuint (count_target (after, f->guide), ==, 0);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TopiaryLinker) linker = linker_new (f);
  const char *body = "Compare it with the Django tutorial.";
  g_autoptr(GPtrArray) s = suggest (f, linker, f->routing, body);
  g_autoptr(GPtrArray) out = topiary_linker_outgoing (linker, body);
  g_autoptr(GPtrArray) in = topiary_linker_backlinks (linker, f->routing);
  g_autoptr(JsonNode) node = topiary_linker_to_json_node (linker, f->routing, out, in, s);
  g_autofree char *json = json_to_string (node, FALSE);

  g_assert_nonnull (strstr (json, "\"article\":\"flask-routing\""));
  g_assert_nonnull (strstr (json, "\"kind\":\"mention\",\"target\":\"django-guide\",\"anchor\":\"Django tutorial\","
                                  "\"link\":\"[[django-guide|Django tutorial]]\""));
  g_assert_nonnull (strstr (json, "\"kind\":\"required\",\"reason\":\"pillar\",\"target\":\"flask-guide\""));
}

static void
set_status (Fixture       *f,
            gint64         id,
            TopiaryStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_project_get_article (f->project, id, FALSE, &error);

  g_assert_no_error (error);
  topiary_article_set_status (a, status);
  g_assert_true (topiary_project_update_article (f->project, a, &error));
  g_assert_no_error (error);
}

/* A published article linking to a planned one: `check` says the site
 * shows plain text there (the export's side is
 * /core/export/site/unpublished-link). */
static void
test_check_unpublished (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint found = 0;

  set_status (f, f->routing, TOPIARY_STATUS_PUBLISHED);
  set_status (f, f->guide, TOPIARY_STATUS_PUBLISHED);
  set_body (f, f->routing, "Routes first.\n\nThen [[Deploying Flask|deploy it]] and [[deploying-flask]]; back to [[Flask Guide]].");
  /* A draft linking to a planned article is no news. */
  set_body (f, f->templates, "Then [[Deploying Flask]].");
  findings = topiary_check_project (f->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *c = g_ptr_array_index (findings, i);

      if (strcmp (c->code, TOPIARY_CHECK_LINK_TO_UNPUBLISHED) != 0)
        continue;
      found++;
      g_assert_cmpint (c->severity, ==, TOPIARY_SEVERITY_INFO);
      g_assert_cmpint (c->article_id, ==, f->routing);
      g_assert_cmpint (c->related_id, ==, f->deploy);
      g_assert_cmpstr (c->message, ==, "Article “Flask Routing” links to “Deploying Flask” (line 3), which is not "
                                       "published yet: the site shows the link as plain text until it is.");
      /* The app opens the article at that line. */
      g_assert_cmpuint (c->line, ==, 3);
    }
  g_assert_cmpuint (found, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/links/stem", test_stem);
#define ADD(path, fn) g_test_add ("/core/links/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("required", test_required);
  ADD ("required-at-mention", test_required_at_mention);
  ADD ("mentions", test_mentions);
  ADD ("mentions-not", test_mentions_not);
  ADD ("siblings", test_siblings);
  ADD ("dismiss", test_dismiss);
  ADD ("dismiss-required", test_dismiss_required);
  ADD ("anchor-variety", test_anchor_variety);
  ADD ("plan-pairs", test_plan_pairs);
  ADD ("outgoing-backlinks", test_outgoing_backlinks);
  ADD ("edit", test_edit);
  ADD ("json", test_json);
  ADD ("check-unpublished", test_check_unpublished);
#undef ADD
  return g_test_run ();
}
