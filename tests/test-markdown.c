/* test-markdown.c — the Markdown layer and slugs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "topiary-markdown.h"
#include "topiary-slug.h"

static TopiaryMarkdownResult *
render (const char *markdown)
{
  return topiary_markdown_render (markdown, -1, NULL);
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("%s:%d: expected “%s” in:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

#define assert_not_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) != NULL) \
      g_error ("%s:%d: did not expect “%s” in:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

/* A tiny "project": slugs and titles. */
static const struct {
  const char *slug;
  const char *title;
} articles[] = {
  { "flask-routing", "Flask Routing" },
  { "flask-vs-django", "Flask vs Django" },
  { "install-flask", "How to Install Flask" },
};

static char *
resolve (const char *target,
         gpointer    user_data)
{
  guint *calls = user_data;

  if (calls != NULL)
    (*calls)++;

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_equal (target, articles[i].slug) ||
        g_ascii_strcasecmp (target, articles[i].title) == 0)
      return g_strdup (articles[i].slug);

  return NULL;
}

static char *
href_for_test (const char *slug,
               gpointer    user_data)
{
  return g_strdup_printf ("/posts/%s.html?a=1&b=2", slug);
}

static gboolean
array_has (GPtrArray  *array,
           const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;
  return FALSE;
}

static void
test_basic (void)
{
  g_autoptr(TopiaryMarkdownResult) r = render ("Hello *world* and **bold**.\n");

  g_assert_cmpstr (r->html, ==, "<p>Hello <em>world</em> and <strong>bold</strong>.</p>\n");
  g_assert_cmpuint (r->words, ==, 4);
  g_assert_cmpuint (r->headings->len, ==, 0);
  g_assert_cmpuint (r->links->len, ==, 0);
  g_assert_cmpuint (r->unresolved->len, ==, 0);

  /* Empty and NULL-with-zero-length input. */
  {
    g_autoptr(TopiaryMarkdownResult) e = topiary_markdown_render ("", -1, NULL);
    g_autoptr(TopiaryMarkdownResult) n = topiary_markdown_render (NULL, 0, NULL);

    g_assert_cmpstr (e->html, ==, "");
    g_assert_cmpstr (n->html, ==, "");
    g_assert_cmpuint (e->words, ==, 0);
  }

  /* An explicit length stops early, even without a NUL. */
  {
    g_autoptr(TopiaryMarkdownResult) l = topiary_markdown_render ("abc *def*", 3, NULL);

    g_assert_cmpstr (l->html, ==, "<p>abc</p>\n");
  }
}

static void
test_gfm (void)
{
  g_autoptr(TopiaryMarkdownResult) table = render (
    "| Feature | Flask | Django |\n"
    "|:--------|:-----:|-------:|\n"
    "| ORM     | no    | yes    |\n");
  g_autoptr(TopiaryMarkdownResult) strike = render ("This is ~~wrong~~ right.\n");
  g_autoptr(TopiaryMarkdownResult) tasks = render ("- [ ] todo\n- [x] done\n");
  g_autoptr(TopiaryMarkdownResult) autolink = render ("See https://flask.palletsprojects.com/ and www.example.org.\n");

  assert_contains (table->html, "<table>");
  assert_contains (table->html, "<th align=\"left\">Feature</th>");
  assert_contains (table->html, "<th align=\"center\">Flask</th>");
  assert_contains (table->html, "<td align=\"right\">yes</td>");

  assert_contains (strike->html, "<del>wrong</del>");

  assert_contains (tasks->html, "<input type=\"checkbox\" disabled=\"\" /> todo");
  assert_contains (tasks->html, "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done");

  assert_contains (autolink->html, "<a href=\"https://flask.palletsprojects.com/\">https://flask.palletsprojects.com/</a>");
  assert_contains (autolink->html, "<a href=\"http://www.example.org\">www.example.org</a>");
}

static void
test_raw_html (void)
{
  const char *md =
    "<div class=\"note\">Boxed</div>\n"
    "\n"
    "Inline <b>bold</b> and <script>alert(1)</script> here.\n"
    "\n"
    "<iframe src=\"https://evil.example\"></iframe>\n";
  TopiaryMarkdownOptions allow = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) safe = render (md);
  g_autoptr(TopiaryMarkdownResult) raw = NULL;
  g_autoptr(TopiaryMarkdownResult) js = render ("[click](javascript:alert(1))\n");

  /* Dropped by default: no tag of the author's reaches the page. */
  assert_not_contains (safe->html, "<div");
  assert_not_contains (safe->html, "<b>");
  assert_not_contains (safe->html, "<script");
  assert_not_contains (safe->html, "<iframe");
  assert_contains (safe->html, "raw HTML omitted");
  assert_contains (safe->html, "here.");

  /* Allowed: kept, but the tagfilter still defuses the dangerous tags. */
  allow.allow_html = TRUE;
  raw = topiary_markdown_render (md, -1, &allow);
  assert_contains (raw->html, "<div class=\"note\">Boxed</div>");
  assert_contains (raw->html, "<b>bold</b>");
  assert_not_contains (raw->html, "<script");
  assert_contains (raw->html, "&lt;script>");
  assert_not_contains (raw->html, "<iframe");
  assert_contains (raw->html, "&lt;iframe");

  /* javascript: URLs are never kept by default. */
  assert_not_contains (js->html, "javascript:");
}

static void
test_sourcepos (void)
{
  const char *md = "# Title\n\nFirst para.\n\n## Second\n\n- item\n";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) without = render (md);
  g_autoptr(TopiaryMarkdownResult) with = NULL;

  opts.sourcepos = TRUE;
  with = topiary_markdown_render (md, -1, &opts);

  assert_not_contains (without->html, "data-sourcepos");
  assert_contains (with->html, "<p data-sourcepos=\"3:1-3:11\">First para.</p>");
  /* Headings keep their source position next to the id. */
  assert_contains (with->html, "<h1 id=\"title\" data-sourcepos=\"1:1-1:7\">Title</h1>");
  assert_contains (with->html, "<h2 id=\"second\" data-sourcepos=\"5:1-5:9\">Second</h2>");
  assert_contains (with->html, "<li data-sourcepos=\"7:1-7:6\">item</li>");
}

static void
test_headings (void)
{
  const char *md =
    "# Getting Started with Flask\n"
    "\n"
    "## Install\n"
    "\n"
    "## Install\n"
    "\n"
    "Setext *heading*\n"
    "----------------\n"
    "\n"
    "### `app.route()` & <Friends>\n"
    "\n"
    "## Install 2\n"
    "\n"
    "## Crème brûlée\n"
    "\n"
    "## 🎉\n";
  g_autoptr(TopiaryMarkdownResult) r = render (md);
  g_autoptr(TopiaryMarkdownResult) again = render (md);
  TopiaryHeading *h;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (r->headings->len, ==, 8);

  h = g_ptr_array_index (r->headings, 0);
  g_assert_cmpuint (h->level, ==, 1);
  g_assert_cmpstr (h->text, ==, "Getting Started with Flask");
  g_assert_cmpstr (h->id, ==, "getting-started-with-flask");

  h = g_ptr_array_index (r->headings, 1);
  g_assert_cmpstr (h->id, ==, "install");
  h = g_ptr_array_index (r->headings, 2);
  g_assert_cmpstr (h->id, ==, "install-2");

  h = g_ptr_array_index (r->headings, 3);
  g_assert_cmpuint (h->level, ==, 2);
  g_assert_cmpstr (h->text, ==, "Setext heading");
  g_assert_cmpstr (h->id, ==, "setext-heading");

  h = g_ptr_array_index (r->headings, 4);
  g_assert_cmpuint (h->level, ==, 3);
  /* Raw HTML is dropped from the text too. */
  g_assert_cmpstr (h->text, ==, "app.route() &");
  g_assert_cmpstr (h->id, ==, "app-route");

  /* "Install 2" would clash with the second "Install": still unique. */
  h = g_ptr_array_index (r->headings, 5);
  g_assert_cmpstr (h->id, ==, "install-2-2");

  h = g_ptr_array_index (r->headings, 6);
  g_assert_cmpstr (h->id, ==, "creme-brulee");
  h = g_ptr_array_index (r->headings, 7);
  g_assert_cmpstr (h->id, ==, "untitled");

  for (guint i = 0; i < r->headings->len; i++)
    {
      TopiaryHeading *a = g_ptr_array_index (r->headings, i);
      TopiaryHeading *b = g_ptr_array_index (again->headings, i);

      g_assert_true (g_hash_table_add (ids, a->id));
      /* Stable: the same text gives the same ids every time. */
      g_assert_cmpstr (a->id, ==, b->id);
    }

  assert_contains (r->html, "<h1 id=\"getting-started-with-flask\">Getting Started with Flask</h1>\n");
  assert_contains (r->html, "<h2 id=\"install-2\">Install</h2>");
  assert_contains (r->html, "<h2 id=\"setext-heading\">Setext <em>heading</em></h2>");
  assert_contains (r->html, "<h3 id=\"app-route\"><code>app.route()</code> &amp; <!-- raw HTML omitted -->");
  g_assert_cmpstr (r->html, ==, again->html);
}

static void
test_wiki_links (void)
{
  const char *md =
    "Start with [[How to Install Flask]], then read [[flask-routing]]\n"
    "and [[flask-vs-django|the comparison]]. Also [[Missing Page]] and\n"
    "[[Missing Page|again]] and [[flask-routing|routes]].\n";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) r = NULL;
  guint calls = 0;

  opts.resolve = resolve;
  opts.user_data = &calls;
  opts.href_prefix = "topiary:article/";
  r = topiary_markdown_render (md, -1, &opts);

  assert_contains (r->html, "<a class=\"wikilink\" href=\"topiary:article/install-flask\" data-slug=\"install-flask\">How to Install Flask</a>");
  assert_contains (r->html, "<a class=\"wikilink\" href=\"topiary:article/flask-routing\" data-slug=\"flask-routing\">flask-routing</a>");
  assert_contains (r->html, "<a class=\"wikilink\" href=\"topiary:article/flask-vs-django\" data-slug=\"flask-vs-django\">the comparison</a>");
  assert_contains (r->html, "<span class=\"wikilink unresolved\" title=\"Missing Page\">Missing Page</span>");
  assert_contains (r->html, "<span class=\"wikilink unresolved\" title=\"Missing Page\">again</span>");
  assert_contains (r->html, "data-slug=\"flask-routing\">routes</a>");
  assert_not_contains (r->html, "[[");
  g_assert_cmpuint (calls, ==, 6);

  /* Unique, in order of first use. */
  g_assert_cmpuint (r->links->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (r->links, 0), ==, "install-flask");
  g_assert_cmpstr (g_ptr_array_index (r->links, 1), ==, "flask-routing");
  g_assert_cmpstr (g_ptr_array_index (r->links, 2), ==, "flask-vs-django");
  g_assert_cmpuint (r->unresolved->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->unresolved, 0), ==, "Missing Page");
}

static void
test_wiki_links_href (void)
{
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) site = NULL;
  g_autoptr(TopiaryMarkdownResult) custom = NULL;
  g_autoptr(TopiaryMarkdownResult) none = NULL;

  opts.resolve = resolve;
  opts.href_prefix = "../";
  opts.href_suffix = "/";
  site = topiary_markdown_render ("See [[Flask Routing]].", -1, &opts);
  assert_contains (site->html, "href=\"../flask-routing/\"");

  /* A callback wins over prefix and suffix; its result is escaped. */
  opts.href = href_for_test;
  custom = topiary_markdown_render ("See [[Flask Routing]].", -1, &opts);
  assert_contains (custom->html, "href=\"/posts/flask-routing.html?a=1&amp;b=2\"");

  /* No resolver: every link is reported, none dropped. */
  none = topiary_markdown_render ("See [[Flask Routing]].", -1, NULL);
  assert_contains (none->html, "<span class=\"wikilink unresolved\" title=\"Flask Routing\">Flask Routing</span>");
  g_assert_cmpuint (none->unresolved->len, ==, 1);
}

static void
test_wiki_links_code (void)
{
  const char *md =
    "Inline `[[flask-routing]]` stays code.\n"
    "\n"
    "```\n"
    "[[flask-routing]]\n"
    "```\n"
    "\n"
    "    [[install-flask]]\n"
    "\n"
    "A [link with [[flask-routing]] inside](https://example.org).\n"
    "\n"
    "Not links: [[]], [[ | x]], [[a\nb]], [[x]y]], [single] and [[unclosed.\n"
    "\n"
    "But [[flask-vs-django]] is one.\n";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) r = NULL;

  opts.resolve = resolve;
  r = topiary_markdown_render (md, -1, &opts);

  assert_contains (r->html, "<code>[[flask-routing]]</code>");
  assert_contains (r->html, "<pre><code>[[flask-routing]]\n</code></pre>");
  assert_contains (r->html, "<pre><code>[[install-flask]]\n</code></pre>");
  assert_contains (r->html, "inside</a>");
  assert_contains (r->html, "[[]], [[ | x]], [[a\nb]], [[x]y]], [single] and [[unclosed.");
  g_assert_cmpuint (r->links->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->links, 0), ==, "flask-vs-django");
  g_assert_cmpuint (r->unresolved->len, ==, 0);
}

static void
test_wiki_links_places (void)
{
  const char *md =
    "## See [[Flask Routing]]\n"
    "\n"
    "| Topic | Article |\n"
    "|-------|---------|\n"
    "| Routes | [[flask-routing\\|Routing]] |\n"
    "| Setup | before [[install-flask]] after |\n"
    "\n"
    "> quoted [[flask-vs-django]]\n"
    "\n"
    "- *emphasised [[flask-routing]]*\n"
    "- ~~struck [[Gone]]~~\n";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) r = NULL;
  TopiaryHeading *h;

  opts.resolve = resolve;
  opts.href_prefix = "topiary:article/";
  r = topiary_markdown_render (md, -1, &opts);

  h = g_ptr_array_index (r->headings, 0);
  g_assert_cmpstr (h->text, ==, "See Flask Routing");
  g_assert_cmpstr (h->id, ==, "see-flask-routing");
  assert_contains (r->html, "<h2 id=\"see-flask-routing\">See <a class=\"wikilink\" href=\"topiary:article/flask-routing\" data-slug=\"flask-routing\">Flask Routing</a></h2>");
  assert_contains (r->html, "<td><a class=\"wikilink\" href=\"topiary:article/flask-routing\" data-slug=\"flask-routing\">Routing</a></td>");
  assert_contains (r->html, "<td>before <a class=\"wikilink\" href=\"topiary:article/install-flask\" data-slug=\"install-flask\">install-flask</a> after</td>");
  assert_contains (r->html, "quoted <a class=\"wikilink\"");
  assert_contains (r->html, "<em>emphasised <a class=\"wikilink\"");
  assert_contains (r->html, "<del>struck <span class=\"wikilink unresolved\" title=\"Gone\">Gone</span></del>");
  g_assert_true (array_has (r->links, "flask-vs-django"));
  g_assert_true (array_has (r->unresolved, "Gone"));
}

static void
test_escaping (void)
{
  const char *md = "A [[1 < 2 & \"x\"|a <b & \"c\" 'd'>]] and [[flask-routing|<&\">]].\n";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) r = NULL;

  opts.resolve = resolve;
  opts.href_prefix = "x:\"><script>/";
  r = topiary_markdown_render (md, -1, &opts);

  assert_contains (r->html, "<span class=\"wikilink unresolved\" title=\"1 &lt; 2 &amp; &quot;x&quot;\">a &lt;b &amp; &quot;c&quot; 'd'&gt;</span>");
  assert_contains (r->html, "href=\"x:&quot;&gt;&lt;script&gt;/flask-routing\"");
  assert_contains (r->html, ">&lt;&amp;&quot;&gt;</a>");
  assert_not_contains (r->html, "<script");
  assert_not_contains (r->html, "<b ");
  g_assert_cmpstr (g_ptr_array_index (r->unresolved, 0), ==, "1 < 2 & \"x\"");
}

static void
test_word_count (void)
{
  g_assert_cmpuint (topiary_markdown_word_count (NULL), ==, 0);
  g_assert_cmpuint (topiary_markdown_word_count (""), ==, 0);
  g_assert_cmpuint (topiary_markdown_word_count ("one"), ==, 1);
  g_assert_cmpuint (topiary_markdown_word_count ("  one   two\tthree\n\nfour  "), ==, 4);
  /* Markup punctuation is not a word. */
  g_assert_cmpuint (topiary_markdown_word_count ("# Title\n\n- item one\n- item two\n\n> quoted text\n\n---\n"), ==, 7);
  g_assert_cmpuint (topiary_markdown_word_count ("1. first\n2. second\n"), ==, 2);
  g_assert_cmpuint (topiary_markdown_word_count ("**bold** and _em_ and `code`"), ==, 5);
  g_assert_cmpuint (topiary_markdown_word_count ("don't state-of-the-art"), ==, 2);
  g_assert_cmpuint (topiary_markdown_word_count ("Flask — a micro framework"), ==, 4);
  /* Link and image URLs and HTML tags are not words; labels are. */
  g_assert_cmpuint (topiary_markdown_word_count ("Read [the docs](https://flask.palletsprojects.com/en/latest/) now."), ==, 4);
  g_assert_cmpuint (topiary_markdown_word_count ("![a cat](cat.png)"), ==, 2);
  g_assert_cmpuint (topiary_markdown_word_count ("<div class=\"box\">inside</div>"), ==, 1);
  g_assert_cmpuint (topiary_markdown_word_count ("[docs]: https://example.org/x\n"), ==, 0);
  /* Tables: the pipes and the delimiter row are not words. */
  g_assert_cmpuint (topiary_markdown_word_count ("| a | b |\n|---|:-:|\n| c | d |\n"), ==, 4);
  /* Code blocks are not prose. */
  g_assert_cmpuint (topiary_markdown_word_count ("Before.\n\n```python\nimport flask\napp = flask.Flask()\n```\n\nAfter.\n"), ==, 2);
  g_assert_cmpuint (topiary_markdown_word_count ("Before.\n\n    indented code here\n\nAfter.\n"), ==, 2);
  /* Other scripts. */
  g_assert_cmpuint (topiary_markdown_word_count ("Ça marche très bien"), ==, 4);
  g_assert_cmpuint (topiary_markdown_word_count ("Привет мир"), ==, 2);
  /* Invalid UTF-8 does not crash. */
  g_assert_cmpuint (topiary_markdown_word_count ("ab \xff\xfe cd"), ==, 2);

  {
    g_autoptr(TopiaryMarkdownResult) r = render ("# Heading here\n\nSome *prose* [[with-link|and label]].\n");

    g_assert_cmpuint (r->words, ==, 2 + 4);
  }

  g_assert_cmpuint (topiary_markdown_reading_minutes (0), ==, 1);
  g_assert_cmpuint (topiary_markdown_reading_minutes (1), ==, 1);
  g_assert_cmpuint (topiary_markdown_reading_minutes (220), ==, 1);
  g_assert_cmpuint (topiary_markdown_reading_minutes (221), ==, 2);
  g_assert_cmpuint (topiary_markdown_reading_minutes (1200), ==, 6);
}

static char *
make_article (guint words)
{
  static const char * const vocab[] = {
    "flask", "routing", "is", "the", "way", "a", "request", "finds", "its",
    "view", "function", "and", "blueprints", "group", "related", "routes",
  };
  GString *s = g_string_new ("# A benchmark article\n\n");

  for (guint i = 0; i < words; i++)
    {
      g_string_append (s, vocab[(i * 7 + i / 3) % G_N_ELEMENTS (vocab)]);
      if (i % 97 == 96)
        g_string_append (s, ".\n\n## Section\n\n");
      else if (i % 13 == 12)
        g_string_append (s, ", with [[flask-routing]] and **bold** text\n");
      else
        g_string_append_c (s, ' ');
    }

  return g_string_free (s, FALSE);
}

static void
test_word_count_speed (void)
{
  g_autofree char *article = make_article (1200);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint first = topiary_markdown_word_count (article);
  double secs;
  guint64 total = 0;

  g_assert_cmpuint (first, >, 1200);

  g_timer_start (timer);
  for (guint i = 0; i < 2000; i++)
    total += topiary_markdown_word_count (article);
  secs = g_timer_elapsed (timer, NULL);

  g_assert_cmpuint (total, ==, (guint64) first * 2000);
  if (g_test_verbose ())
    g_printerr ("word count: %.1f MB/s\n", 2000.0 * strlen (article) / secs / 1e6);
  /* 10,000 articles must count well within a second; 2,000 here. Loose
   * bound so a loaded machine or a sanitizer build still passes. */
  g_assert_cmpfloat (secs, <, 2.0);
}

static void
test_render_speed (void)
{
  g_autofree char *article = make_article (1200);
  g_autoptr(GTimer) timer = g_timer_new ();
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  double secs;

  opts.resolve = resolve;
  opts.href_prefix = "../";
  opts.href_suffix = "/";

  g_timer_start (timer);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(TopiaryMarkdownResult) r = topiary_markdown_render (article, -1, &opts);

      g_assert_cmpuint (r->links->len, ==, 1);
    }
  secs = g_timer_elapsed (timer, NULL);

  if (g_test_verbose ())
    g_printerr ("render: %.1f MB/s\n", 300.0 * strlen (article) / secs / 1e6);
  g_assert_cmpfloat (secs, <, 10.0);
}

static gpointer
render_on_thread (gpointer data)
{
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;

  opts.resolve = resolve;
  return topiary_markdown_render (data, -1, &opts);
}

/* Renders another document from inside a render, as a link callback may. */
static char *
resolve_nested (const char *target,
                gpointer    user_data)
{
  g_autoptr(TopiaryMarkdownResult) inner = topiary_markdown_render (user_data, -1, NULL);

  g_assert_nonnull (inner->html);
  return resolve (target, NULL);
}

/* A known word count is taken as given; the arena cmark allocates from is
 * reused from one document to the next, also after a large one, and on
 * any thread. */
static void
test_counted (void)
{
  g_autofree char *small = make_article (1200);
  g_autofree char *medium = make_article (4500);
  g_autofree char *large = make_article (250000);
  const char invalid[] = "one two \xff three";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) plain = NULL;
  g_autoptr(TopiaryMarkdownResult) counted = NULL;
  g_autoptr(TopiaryMarkdownResult) middle = NULL;
  g_autoptr(TopiaryMarkdownResult) big = NULL;
  g_autoptr(TopiaryMarkdownResult) again = NULL;
  g_autoptr(TopiaryMarkdownResult) repaired = NULL;
  g_autoptr(TopiaryMarkdownResult) threaded = NULL;
  GThread *thread;

  opts.resolve = resolve;
  plain = topiary_markdown_render (small, -1, &opts);
  g_assert_cmpuint (plain->words, ==, topiary_markdown_word_count (small));

  counted = topiary_markdown_render_counted (small, -1, &opts, 7);
  g_assert_cmpuint (counted->words, ==, 7);
  g_assert_cmpstr (counted->html, ==, plain->html);
  g_assert_cmpuint (counted->headings->len, ==, plain->headings->len);
  g_assert_cmpuint (counted->links->len, ==, plain->links->len);

  /* Megabytes of nodes: several chunks of the arena; a longer text is
   * parsed without it. */
  middle = topiary_markdown_render (medium, -1, &opts);
  g_assert_cmpuint (middle->words, ==, topiary_markdown_word_count (medium));
  big = topiary_markdown_render (large, -1, &opts);
  g_assert_cmpuint (big->words, ==, topiary_markdown_word_count (large));
  g_assert_true (g_str_has_suffix (big->html, "</p>\n"));
  again = topiary_markdown_render (small, -1, &opts);
  g_assert_cmpstr (again->html, ==, plain->html);

  /* A text that needed repair is counted again. */
  repaired = topiary_markdown_render_counted (invalid, -1, NULL, 99);
  g_assert_cmpuint (repaired->words, !=, 99);
  g_assert_cmpuint (repaired->words, >=, 3);

  /* A render nested in another one. */
  {
    TopiaryMarkdownOptions nested_opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
    g_autoptr(TopiaryMarkdownResult) nested = NULL;

    nested_opts.resolve = resolve_nested;
    nested_opts.user_data = medium;
    nested = topiary_markdown_render (small, -1, &nested_opts);
    g_assert_cmpstr (nested->html, ==, plain->html);
  }

  thread = g_thread_new ("test-markdown", render_on_thread, small);
  threaded = g_thread_join (thread);
  g_assert_cmpstr (threaded->html, ==, plain->html);
}

static void
test_scan_links (void)
{
  const char *md =
    "Intro with [[Flask Routing]] and [[install-flask|setup]].\n"
    "A [relative](../flask-vs-django/) and [absolute](https://example.org/)\n"
    "and [anchor](#top) and [mail](mailto:a@b.c) and ![img](cat.png).\n"
    "Code `[[not-a-link]]` and ``[x](not/this)`` here.\n"
    "\n"
    "```\n"
    "[[fenced]] [y](fenced/)\n"
    "```\n"
    "\n"
    "    [[indented]]\n"
    "\n"
    "- list item\n"
    "\n"
    "    [[continuation]] of the item\n"
    "\n"
    "[ref]: ./deploy-flask.md\n"
    "Last [[x|y]] and [t](<with space/> \"title\").\n"
    "Escaped \\[[esc]] and \\[not](relative/).\n";
  g_autoptr(GPtrArray) links = topiary_markdown_scan_links (md);
  TopiaryMarkdownLink *l;

  g_assert_cmpuint (links->len, ==, 8);

  l = g_ptr_array_index (links, 0);
  g_assert_cmpint (l->kind, ==, TOPIARY_LINK_WIKI);
  g_assert_cmpstr (l->target, ==, "Flask Routing");
  g_assert_cmpstr (l->label, ==, "Flask Routing");
  g_assert_cmpuint (l->line, ==, 1);

  l = g_ptr_array_index (links, 1);
  g_assert_cmpstr (l->target, ==, "install-flask");
  g_assert_cmpstr (l->label, ==, "setup");

  l = g_ptr_array_index (links, 2);
  g_assert_cmpint (l->kind, ==, TOPIARY_LINK_RELATIVE);
  g_assert_cmpstr (l->target, ==, "../flask-vs-django/");
  g_assert_cmpstr (l->label, ==, "relative");
  g_assert_cmpuint (l->line, ==, 2);

  l = g_ptr_array_index (links, 3);
  g_assert_cmpstr (l->target, ==, "continuation");
  g_assert_cmpuint (l->line, ==, 14);

  l = g_ptr_array_index (links, 4);
  g_assert_cmpint (l->kind, ==, TOPIARY_LINK_RELATIVE);
  g_assert_cmpstr (l->target, ==, "./deploy-flask.md");
  g_assert_cmpstr (l->label, ==, "ref");

  l = g_ptr_array_index (links, 5);
  g_assert_cmpstr (l->target, ==, "x");
  g_assert_cmpstr (l->label, ==, "y");

  l = g_ptr_array_index (links, 6);
  g_assert_cmpstr (l->target, ==, "with space/");

  /* The scanner and the renderer agree on what is a wiki link. */
  {
    g_autoptr(TopiaryMarkdownResult) r = render (md);
    guint wiki = 0;

    for (guint i = 0; i < links->len; i++)
      if (((TopiaryMarkdownLink *) g_ptr_array_index (links, i))->kind == TOPIARY_LINK_WIKI)
        wiki++;
    g_assert_cmpuint (r->unresolved->len, ==, wiki);
  }

  g_clear_pointer (&links, g_ptr_array_unref);
  links = topiary_markdown_scan_links ("");
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = topiary_markdown_scan_links ("[[unterminated\n```\n[[in open fence]]\n");
  g_assert_cmpuint (links->len, ==, 0);
}

static void
test_rewrite_links (void)
{
  const char *md =
    "Read [[Flask Routing]] and [[flask-vs-django|the *big* [comparison]]].\n"
    "Then [[Missing Page|this]] and [[Missing Page]] again.\n"
    "\n"
    "`[[install-flask]]` stays, and so does:\n"
    "\n"
    "```\n"
    "[[install-flask]]\n"
    "```\n"
    "Last: [[install-flask]]";
  TopiaryMarkdownOptions opts = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *none = NULL;

  opts.resolve = resolve;
  opts.href_prefix = "../";
  opts.href_suffix = "/";
  out = topiary_markdown_rewrite_links (md, &opts, unresolved);

  g_assert_cmpstr (out, ==,
    "Read [Flask Routing](../flask-routing/) and [[flask-vs-django|the *big* [comparison]]].\n"
    "Then this and Missing Page again.\n"
    "\n"
    "`[[install-flask]]` stays, and so does:\n"
    "\n"
    "```\n"
    "[[install-flask]]\n"
    "```\n"
    "Last: [install-flask](../install-flask/)");
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unresolved, 0), ==, "Missing Page");

  /* Labels are escaped, odd hrefs put in <…>; the output renders to the
   * same links the renderer makes. */
  opts.href = href_for_test;
  odd = topiary_markdown_rewrite_links ("[[flask-routing|a *b* _c_ `d` <e>]]", &opts, NULL);
  g_assert_cmpstr (odd, ==, "[a \\*b\\* \\_c\\_ \\`d\\` \\<e\\>](/posts/flask-routing.html?a=1&b=2)");
  {
    g_autoptr(TopiaryMarkdownResult) r = render (odd);

    g_assert_cmpstr (r->html, ==, "<p><a href=\"/posts/flask-routing.html?a=1&amp;b=2\">a *b* _c_ `d` &lt;e&gt;</a></p>\n");
  }

  none = topiary_markdown_rewrite_links ("[[x y]]", NULL, NULL);
  g_assert_cmpstr (none, ==, "x y");
}

static void
test_relative_slug (void)
{
  static const struct {
    const char *url;
    const char *slug;
  } cases[] = {
    { "../flask-routing/", "flask-routing" },
    { "../flask-routing/index.html", "flask-routing" },
    { "flask-routing", "flask-routing" },
    { "./flask-routing.md", "flask-routing" },
    { "/flask-routing/#setup", "flask-routing" },
    { "flask-routing.html?x=1", "flask-routing" },
    { "images/cat.png", NULL },
    { "#top", NULL },
    { "https://example.org/x/", NULL },
    { "../", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = topiary_markdown_relative_link_slug (cases[i].url);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
}

static void
test_slugify (void)
{
  static const struct {
    const char *text;
    const char *slug;
  } cases[] = {
    { "Hello, World!", "hello-world" },
    { "Flask vs. Django: Which One?", "flask-vs-django-which-one" },
    { "  --Leading and trailing--  ", "leading-and-trailing" },
    { "Crème Brûlée à la française", "creme-brulee-a-la-francaise" },
    { "Straße", "strasse" },
    { "Flask's routing", "flasks-routing" },
    { "🎉🎉🎉", "untitled" },
    { "Party 🎉 time", "party-time" },
    { "", "untitled" },
    { "---", "untitled" },
    { "../../x", "x" },
    { "../../etc/passwd", "etc-passwd" },
    { "a/b\\c", "a-b-c" },
    { "Python 3.12", "python-3-12" },
    { "日本語", "untitled" },
    { "\xff\xfe broken", "broken" },
  };
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *long_slug = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = topiary_slugify (cases[i].text);

      g_assert_cmpstr (slug, ==, cases[i].slug);
      g_assert_true (topiary_slug_is_valid (slug));
    }

  {
    g_autofree char *slug = topiary_slugify (NULL);

    g_assert_cmpstr (slug, ==, "untitled");
  }

  /* Long input: cut at 80 without a trailing dash. */
  for (guint i = 0; i < 100; i++)
    g_string_append (long_text, "word ");
  long_slug = topiary_slugify (long_text->str);
  g_assert_cmpuint (strlen (long_slug), <=, TOPIARY_SLUG_MAX);
  g_assert_cmpuint (strlen (long_slug), >=, TOPIARY_SLUG_MAX - 5);
  g_assert_true (topiary_slug_is_valid (long_slug));
  g_assert_true (g_str_has_prefix (long_slug, "word-word-"));

  g_assert_false (topiary_slug_is_valid (NULL));
  g_assert_false (topiary_slug_is_valid (""));
  g_assert_false (topiary_slug_is_valid ("-a"));
  g_assert_false (topiary_slug_is_valid ("a-"));
  g_assert_false (topiary_slug_is_valid ("a--b"));
  g_assert_false (topiary_slug_is_valid ("A"));
  g_assert_false (topiary_slug_is_valid (".."));
  g_assert_true (topiary_slug_is_valid ("a-1"));
}

static void
test_robustness (void)
{
  /* Deep nesting, stray brackets, NULs and invalid UTF-8 render. */
  g_autoptr(GString) deep = g_string_new (NULL);
  const char bytes[] = "a\0b [[x\xff]] \xc3( [[ok]]";
  g_autoptr(TopiaryMarkdownResult) r1 = NULL;
  g_autoptr(TopiaryMarkdownResult) r2 = NULL;
  g_autoptr(TopiaryMarkdownResult) r3 = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (deep, "> [[");
  g_string_append (deep, "x");
  for (guint i = 0; i < 2000; i++)
    g_string_append (deep, "]]");
  r1 = render (deep->str);
  g_assert_nonnull (r1->html);

  r2 = topiary_markdown_render (bytes, sizeof bytes - 1, NULL);
  g_assert_true (g_utf8_validate (r2->html, -1, NULL));
  g_assert_true (array_has (r2->unresolved, "ok"));

  r3 = render ("[[a]][[b]][[c]]\n\n#\n\n[[]]\n");
  g_assert_cmpuint (r3->unresolved->len, ==, 3);
  g_assert_cmpuint (r3->headings->len, ==, 1);
  g_assert_cmpstr (((TopiaryHeading *) g_ptr_array_index (r3->headings, 0))->id, ==, "untitled");

  /* The boxed type copies by reference. */
  {
    TopiaryMarkdownResult *copy = g_boxed_copy (TOPIARY_TYPE_MARKDOWN_RESULT, r3);

    g_assert_true (copy == r3);
    g_boxed_free (TOPIARY_TYPE_MARKDOWN_RESULT, copy);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/markdown/basic", test_basic);
  g_test_add_func ("/core/markdown/gfm", test_gfm);
  g_test_add_func ("/core/markdown/raw-html", test_raw_html);
  g_test_add_func ("/core/markdown/sourcepos", test_sourcepos);
  g_test_add_func ("/core/markdown/headings", test_headings);
  g_test_add_func ("/core/markdown/wiki-links", test_wiki_links);
  g_test_add_func ("/core/markdown/wiki-links-href", test_wiki_links_href);
  g_test_add_func ("/core/markdown/wiki-links-code", test_wiki_links_code);
  g_test_add_func ("/core/markdown/wiki-links-places", test_wiki_links_places);
  g_test_add_func ("/core/markdown/escaping", test_escaping);
  g_test_add_func ("/core/markdown/word-count", test_word_count);
  g_test_add_func ("/core/markdown/word-count-speed", test_word_count_speed);
  g_test_add_func ("/core/markdown/render-speed", test_render_speed);
  g_test_add_func ("/core/markdown/counted", test_counted);
  g_test_add_func ("/core/markdown/scan-links", test_scan_links);
  g_test_add_func ("/core/markdown/rewrite-links", test_rewrite_links);
  g_test_add_func ("/core/markdown/relative-slug", test_relative_slug);
  g_test_add_func ("/core/markdown/slugify", test_slugify);
  g_test_add_func ("/core/markdown/robustness", test_robustness);

  return g_test_run ();
}
