/* test-link-resolver.c — which article a wiki link names, everywhere
 *
 * One table of links runs against the resolver itself, and against the
 * three places that render or judge links: the preview (the Markdown
 * renderer with the project's resolver, as the app calls it), `topiary
 * check` and the site export. All four must give the same answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-check.h"
#include "topiary-export.h"
#include "topiary-link.h"
#include "topiary-markdown.h"
#include "topiary-project.h"
#include "topiary-slug.h"

#include "test-util.h"

/* The articles links point at, in writing order. */
static const struct {
  const char *title;
  const char *slug;
} world[] = {
  { "Über Flask", "uber-flask" },
  { "Straße", "street" },
  { "İstanbul", "ist" },
  { "🌱 Garden Basics", "garden" },
  { "Flask", "flask-web" },
  { "Jinja", "flask" },                 /* its slug is another article's title */
  { "C# Basics", "csharp" },
  { "Café", "cafe-page" },
  { "python-basics", "pb" },            /* its title is another article's slug */
  { "Python Basics", "python-basics" },
  { "über flask", "uber-flask-again" }, /* the same title, later in order */
};

typedef struct {
  const char *inner;     /* what stands between [[ and ]] */
  const char *slug;      /* the article it names, NULL for none */
  const char *heading;   /* the heading it names, NULL for none */
} LinkCase;

static const LinkCase cases[] = {
  { "Über Flask", "uber-flask", NULL },
  { "über flask", "uber-flask", NULL },                   /* accents without ASCII case */
  { "ÜBER FLASK", "uber-flask", NULL },
  { "üBeR fLaSk", "uber-flask", NULL },                   /* mixed case */
  { "U\xcc\x88" "ber Flask", "uber-flask", NULL },        /* NFD input, NFC title */
  { "  Über   Flask  ", "uber-flask", NULL },             /* spaces around and inside */
  { "Über\xc2\xa0" "Flask", "uber-flask", NULL },         /* a no-break space */
  { "Über Flask\xc2\xa0\xc2\xa0", "uber-flask", NULL },   /* trailing no-break spaces */
  { "STRASSE", "street", NULL },                          /* German ß folds to ss */
  { "straße", "street", NULL },
  { "Strasse", "street", NULL },
  { "STRA\xe1\xba\x9e" "E", "street", NULL },             /* capital sharp s */
  { "İstanbul", "ist", NULL },                            /* Turkish dotted capital I */
  { "istanbul", "ist", NULL },
  { "ISTANBUL", "ist", NULL },
  { "ıstanbul", NULL, NULL },                             /* dotless ı is another letter */
  { "🌱 garden basics", "garden", NULL },                  /* emoji */
  { "🌵 Garden Basics", NULL, NULL },
  { "Flask", "flask", NULL },                             /* a slug before a title */
  { "flask", "flask", NULL },
  { "flask-web", "flask-web", NULL },
  { "FLASK-WEB", "flask-web", NULL },
  { "python-basics", "python-basics", NULL },
  { "Python Basics", "python-basics", NULL },
  { "Jinja", "flask", NULL },
  { "Über Flask#Installation", "uber-flask", "Installation" },
  { "über flask # Install Flask ", "uber-flask", "Install Flask" },
  { "Über Flask|the Flask article", "uber-flask", NULL },
  { "über flask#Setup|set it up", "uber-flask", "Setup" },
  { "C# Basics", "csharp", NULL },                        /* "#" in a title */
  { "c# basics#Types", "csharp", "Types" },
  { "Cafe\xcc\x81", "cafe-page", NULL },
  { "CAFÉ", "cafe-page", NULL },
  { "\xef\xbc\xa6lask", NULL, NULL },                     /* full-width F: no NFKC */
  { "Nothing Here", NULL, NULL },
  { "#Only a heading", NULL, NULL },
};

typedef struct {
  char           *dir;
  char           *path;
  TopiaryProject *project;
  gint64          sources[G_N_ELEMENTS (cases)];
} Fixture;

static gint64
add_article (TopiaryProject *project,
             const char     *title,
             const char     *slug,
             const char     *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = topiary_article_new ();

  topiary_article_set_title (a, title);
  topiary_article_set_slug (a, slug);
  topiary_article_set_body (a, body);
  topiary_article_set_status (a, TOPIARY_STATUS_PUBLISHED);
  topiary_article_set_published (a, 1700000000);
  g_assert_true (topiary_project_add_article (project, a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (topiary_article_get_slug (a), ==, slug);
  return topiary_article_get_id (a);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->project = test_project_create ("topiary-links-XXXXXX", &f->dir, &f->path);

  for (guint i = 0; i < G_N_ELEMENTS (world); i++)
    add_article (f->project, world[i].title, world[i].slug, "Text.\n");
  /* One page per case, whose body is that one link. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = g_strdup_printf ("source %02u", i);
      g_autofree char *slug = g_strdup_printf ("source-%02u", i);
      g_autofree char *body = g_strdup_printf ("[[%s]]\n", cases[i].inner);

      f->sources[i] = add_article (f->project, title, slug, body);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_project_destroy (f->project, f->dir, f->path);
}

/* The anchor a link to @heading ends with, "" for none. */
static char *
expected_anchor (const LinkCase *c)
{
  g_autofree char *id = NULL;

  if (c->heading == NULL)
    return g_strdup ("\"");
  id = topiary_slugify (c->heading);
  return g_strdup_printf ("#%s\"", id);
}

/* Finds the wiki link in @html: its data-slug, or NULL when it is shown
 * unresolved; *href its href attribute and what follows. */
static char *
wikilink_in (const char  *html,
             const char **href)
{
  const char *a = strstr (html, "<a class=\"wikilink\" href=\"");
  const char *slug;

  *href = NULL;
  if (a == NULL)
    {
      g_assert_nonnull (strstr (html, "class=\"wikilink unresolved\""));
      return NULL;
    }
  *href = a + strlen ("<a class=\"wikilink\" href=\"");
  slug = strstr (a, "data-slug=\"");
  g_assert_nonnull (slug);
  slug += strlen ("data-slug=\"");
  return g_strndup (slug, strchr (slug, '"') - slug);
}

static void
assert_href_anchor (const char     *what,
                    const LinkCase *c,
                    const char     *href)
{
  g_autofree char *anchor = expected_anchor (c);
  const char *end = strchr (href, '"');

  g_assert_nonnull (end);
  if (!g_str_has_prefix (end - strlen (anchor) + 1, anchor) ||
      (c->heading == NULL && memchr (href, '#', end - href) != NULL))
    g_error ("%s: [[%s]] has the href %.*s, not ending with %s", what, c->inner,
             (int) (end - href), href, anchor);
}

/* ---- the resolver itself ---- */

static void
test_table (void)
{
  g_autoptr(TopiaryLinkIndex) index = topiary_link_index_new ();

  for (guint i = 0; i < G_N_ELEMENTS (world); i++)
    topiary_link_index_add (index, i + 1, world[i].slug, world[i].title);
  g_assert_cmpuint (topiary_link_index_size (index), ==, G_N_ELEMENTS (world));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LinkCase *c = &cases[i];
      g_autofree char *target = NULL;
      g_autofree char *label = NULL;
      g_autofree char *heading = NULL;
      const char *slug = NULL;
      gint64 id;

      topiary_link_split (c->inner, &target, &label);
      id = topiary_link_index_resolve (index, target, &slug, &heading);
      if (g_strcmp0 (slug, c->slug) != 0 || g_strcmp0 (heading, c->heading) != 0)
        g_error ("[[%s]] resolves to %s#%s, not %s#%s", c->inner,
                 slug ? slug : "(nothing)", heading ? heading : "",
                 c->slug ? c->slug : "(nothing)", c->heading ? c->heading : "");
      g_assert_true ((id != 0) == (c->slug != NULL));
      if (id != 0)
        g_assert_cmpstr (world[id - 1].slug, ==, c->slug);
    }
}

static void
test_keys (void)
{
  static const struct { const char *a, *b; gboolean same; } pairs[] = {
    { "Über Flask", "über flask", TRUE },
    { "Café", "Cafe\xcc\x81", TRUE },
    { "Straße", "STRASSE", TRUE },
    { "İ", "i", TRUE },
    { "I", "ı", FALSE },
    { "  a \t b  ", "a b", TRUE },
    { "x²", "x2", FALSE },
    { "🌱", "🌱", TRUE },
    { "", "   ", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = topiary_link_key (pairs[i].a, -1);
      g_autofree char *b = topiary_link_key (pairs[i].b, -1);

      if ((strcmp (a, b) == 0) != pairs[i].same)
        g_error ("keys of “%s” and “%s”: “%s” and “%s”", pairs[i].a, pairs[i].b, a, b);
    }

  /* ASCII text takes a short cut: it must give the key the general path
   * gives (a leading "é" sends the same text down the general path). */
  {
    g_autoptr(GString) printable = g_string_new (NULL);
    const char *ascii[] = { NULL, "A\tB\nC\rD\fE  F", "a\vb", "Flask-Routing 101 [draft]" };

    for (char c = 0x21; c < 0x7f; c++)
      g_string_append_c (printable, c);
    ascii[0] = printable->str;
    for (guint i = 0; i < G_N_ELEMENTS (ascii); i++)
      {
        g_autofree char *fast = topiary_link_key (ascii[i], -1);
        g_autofree char *with = g_strconcat ("é", ascii[i], NULL);
        g_autofree char *general = topiary_link_key (with, -1);

        g_assert_true (g_str_has_prefix (general, "é"));
        g_assert_cmpstr (general + strlen ("é"), ==, fast);
      }
  }

  {
    g_autofree char *key = topiary_link_key ("Über\xff Flask", -1);

    g_assert_true (g_utf8_validate (key, -1, NULL));
  }
}

static void
test_split (void)
{
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;

  topiary_link_split (" a | b ", &target, &label);
  g_assert_cmpstr (target, ==, "a");
  g_assert_cmpstr (label, ==, "b");
  g_clear_pointer (&target, g_free);
  g_clear_pointer (&label, g_free);
  topiary_link_split ("a|  ", &target, &label);
  g_assert_cmpstr (target, ==, "a");
  g_assert_null (label);
  g_clear_pointer (&target, g_free);
  topiary_link_split ("a|b|c", &target, &label);
  g_assert_cmpstr (target, ==, "a");
  g_assert_cmpstr (label, ==, "b|c");
}

/* ---- preview, check and export agree ---- */

static char *
resolve_in_project (const char  *target,
                    char       **heading,
                    gpointer     user_data)
{
  return topiary_project_resolve_link (user_data, target, heading, NULL);
}

static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GHashTable) unresolved = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = g_build_filename (f->dir, "site", NULL);
  g_autofree char *hugo = g_build_filename (f->dir, "hugo", NULL);
  TopiaryExportOptions opts = { .format = TOPIARY_EXPORT_SITE, .warnings = warnings };
  TopiaryExportOptions hugo_opts = { .format = TOPIARY_EXPORT_HUGO };

  /* check */
  findings = topiary_check_project (f->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      TopiaryCheckFinding *finding = g_ptr_array_index (findings, i);

      if (strcmp (finding->code, TOPIARY_CHECK_UNRESOLVED_LINK) == 0)
        g_hash_table_add (unresolved, &finding->article_id);
    }

  /* export */
  g_assert_true (topiary_export (f->project, out, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (topiary_export (f->project, hugo, &hugo_opts, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LinkCase *c = &cases[i];
      TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
      g_autoptr(TopiaryMarkdownResult) result = NULL;
      g_autofree char *body = g_strdup_printf ("[[%s]]\n", c->inner);
      g_autofree char *page_path = g_strdup_printf ("%s/source-%02u/index.html", out, i);
      g_autofree char *page = NULL;
      g_autofree char *preview_slug = NULL;
      g_autofree char *export_slug = NULL;
      const char *href;
      gboolean check_resolved = !g_hash_table_contains (unresolved, &f->sources[i]);

      /* the preview, as src/app/topiary-web-preview.c renders */
      options.resolve_heading = resolve_in_project;
      options.href_prefix = "topiary:article/";
      options.user_data = f->project;
      result = topiary_markdown_render (body, -1, &options);
      preview_slug = wikilink_in (result->html, &href);
      if (g_strcmp0 (preview_slug, c->slug) != 0)
        g_error ("preview: [[%s]] links to %s, not %s", c->inner,
                 preview_slug ? preview_slug : "nothing", c->slug ? c->slug : "nothing");
      if (href != NULL)
        assert_href_anchor ("preview", c, href);

      if (check_resolved != (c->slug != NULL))
        g_error ("check: [[%s]] is %s", c->inner, check_resolved ? "resolved" : "unresolved");

      g_assert_true (g_file_get_contents (page_path, &page, NULL, &error));
      g_assert_no_error (error);
      export_slug = wikilink_in (page, &href);
      if (g_strcmp0 (export_slug, c->slug) != 0)
        g_error ("export: [[%s]] links to %s, not %s", c->inner,
                 export_slug ? export_slug : "nothing", c->slug ? c->slug : "nothing");
      if (href != NULL)
        assert_href_anchor ("export", c, href);

      /* The Hugo export links the page (Hugo makes its own heading ids). */
      {
        g_autofree char *md_path = g_strdup_printf ("%s/content/source-%02u.md", hugo, i);
        g_autofree char *md = NULL;
        g_autofree char *relref = g_strdup_printf ("{{< relref \"/%s.md\" >}}", c->slug ? c->slug : "");

        g_assert_true (g_file_get_contents (md_path, &md, NULL, &error));
        g_assert_no_error (error);
        if ((c->slug != NULL) != (strstr (md, "relref") != NULL) ||
            (c->slug != NULL && strstr (md, relref) == NULL))
          g_error ("hugo: [[%s]] is written as %s", c->inner, md);
      }
    }
}

/* The project keeps its index between calls: a rename, a new article, a
 * move in the writing order and a change by another connection are seen
 * at once; a body saved is not a reason to rebuild. */
static void
test_project_index (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autoptr(TopiaryProject) other = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *heading = NULL;
  gint64 id;

  slug = topiary_project_resolve_link (f->project, "straße#Parking", &heading, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slug, ==, "street");
  g_assert_cmpstr (heading, ==, "Parking");
  g_clear_pointer (&slug, g_free);

  id = add_article (f->project, "Straßenbahn", "tram", "");
  slug = topiary_project_resolve_link (f->project, "STRASSENBAHN", NULL, NULL);
  g_assert_cmpstr (slug, ==, "tram");
  g_clear_pointer (&slug, g_free);

  article = topiary_project_get_article (f->project, id, FALSE, &error);
  g_assert_no_error (error);
  topiary_article_set_title (article, "Tram");
  g_assert_true (topiary_project_update_article (f->project, article, &error));
  g_assert_no_error (error);
  g_assert_null (topiary_project_resolve_link (f->project, "Straßenbahn", NULL, NULL));
  slug = topiary_project_resolve_link (f->project, "tram", NULL, NULL);
  g_assert_cmpstr (slug, ==, "tram");
  g_clear_pointer (&slug, g_free);

  /* "über flask" is two articles' title; the first in writing order wins. */
  slug = topiary_project_resolve_link (f->project, "über flask", NULL, NULL);
  g_assert_cmpstr (slug, ==, "uber-flask");
  g_clear_pointer (&slug, g_free);
  {
    g_autoptr(TopiaryArticle) again = topiary_project_get_article_by_slug (f->project, "uber-flask-again", FALSE, NULL);

    g_assert_nonnull (again);
    g_assert_true (topiary_project_move_article (f->project, topiary_article_get_id (again), 1, 0, 0, &error));
    g_assert_no_error (error);
  }
  slug = topiary_project_resolve_link (f->project, "über flask", NULL, NULL);
  g_assert_cmpstr (slug, ==, "uber-flask-again");
  g_clear_pointer (&slug, g_free);

  /* An article added inside a transaction that is undone is gone again. */
  g_assert_true (topiary_project_begin (f->project, &error));
  g_assert_no_error (error);
  add_article (f->project, "Tramway", "tramway", "");
  slug = topiary_project_resolve_link (f->project, "tramway", NULL, NULL);
  g_assert_cmpstr (slug, ==, "tramway");
  g_clear_pointer (&slug, g_free);
  topiary_project_rollback (f->project);
  g_assert_null (topiary_project_resolve_link (f->project, "tramway", NULL, NULL));

  /* One added in front of the writing order wins among equal titles. */
  {
    g_autoptr(TopiaryArticle) first = topiary_article_new ();

    topiary_article_set_title (first, "STRASSE");
    topiary_article_set_slug (first, "strasse-first");
    topiary_article_set_position (first, 1);
    g_assert_true (topiary_project_add_article (f->project, first, &error));
    g_assert_no_error (error);
    slug = topiary_project_resolve_link (f->project, "Straße", NULL, NULL);
    g_assert_cmpstr (slug, ==, "strasse-first");
    g_clear_pointer (&slug, g_free);
  }

  /* Another program renames it. */
  other = topiary_project_open (f->path, TOPIARY_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&article);
  article = topiary_project_get_article (other, id, FALSE, &error);
  g_assert_no_error (error);
  topiary_article_set_title (article, "Trolley");
  g_assert_true (topiary_project_update_article (other, article, &error));
  g_assert_no_error (error);
  slug = topiary_project_resolve_link (f->project, "TROLLEY", NULL, NULL);
  g_assert_cmpstr (slug, ==, "tram");
  g_clear_pointer (&slug, g_free);
  topiary_project_close (other);

  topiary_project_close (f->project);
  g_assert_null (topiary_project_resolve_link (f->project, "tram", NULL, &error));
  g_assert_error (error, TOPIARY_PROJECT_ERROR, TOPIARY_PROJECT_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/links/keys", test_keys);
  g_test_add_func ("/core/links/split", test_split);
  g_test_add_func ("/core/links/table", test_table);
  g_test_add ("/core/links/preview-check-export-agree", Fixture, NULL,
              fixture_setup, test_agreement, fixture_teardown);
  g_test_add ("/core/links/project-index-follows-changes", Fixture, NULL,
              fixture_setup, test_project_index, fixture_teardown);

  return g_test_run ();
}
