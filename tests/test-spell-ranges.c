/* test-spell-ranges.c — the words of Markdown text a spell checker sees
 * (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "topiary-spell-ranges.h"

/* The checked words of @text, joined by "|". */
static char *
checked (const char *text,
         GHashTable *known)
{
  g_autoptr(GArray) ranges = topiary_spell_ranges (text, -1, known);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      TopiarySpellRange *r = &g_array_index (ranges, TopiarySpellRange, i);

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_cmpuint (r->end, <=, strlen (text));
      if (i > 0)
        {
          g_assert_cmpuint (g_array_index (ranges, TopiarySpellRange, i - 1).end, <=, r->start);
          g_string_append_c (out, '|');
        }
      g_string_append_len (out, text + r->start, r->end - r->start);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_checked(text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = checked ((text), NULL); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
test_plain_words (void)
{
  assert_checked ("Routing in Flask is simple.", "Routing|in|Flask|is|simple");
  /* Apostrophes inside a word stay in it, both kinds. */
  assert_checked ("It's the writer’s choice, isn't it?", "It's|the|writer’s|choice|isn't|it");
  /* Hyphenated words are checked part by part. */
  assert_checked ("A well-known state-of-the-art tool", "well|known|state|of|the|art|tool");
  /* Non-ASCII letters and combining marks. */
  assert_checked ("Straße, naïve café, Größe", "Straße|naïve|café|Größe");
  assert_checked ("Ça coûte très cher.", "Ça|coûte|très|cher");
  /* Emphasis marks are not part of words. */
  assert_checked ("**bold** and _italic_ and ~~gone~~", "bold|and|italic|and|gone");
  assert_checked ("", "");
}

static void
test_words_left_alone (void)
{
  /* Numbers, identifiers, acronyms, one letter. */
  assert_checked ("Use h264 in 2024 with x86_64", "Use|in|with");
  assert_checked ("Call snake_case_name now", "Call|now");
  assert_checked ("The HTML and CSS of an API", "The|and|of|an");
  assert_checked ("An iPhone and GtkTextView", "An|and");
  assert_checked ("a b c I", "");
  /* File names, domains, paths, handles. */
  assert_checked ("Edit config.toml on example.com", "Edit|on");
  assert_checked ("See src/app/main and ~/notes", "See|and");
  assert_checked ("Ask @maintainer about #hashtag", "Ask|about");
}

static void
test_front_matter (void)
{
  assert_checked ("---\ntitle: Teh speling\ndraft: true\n---\nBody text here.",
                  "Body|text|here");
  assert_checked ("+++\ntitle = \"Tomel\"\n+++\nBody.", "Body");
  /* Not front matter when it does not start the text. */
  assert_checked ("Intro\n---\nmore\n", "Intro|more");
}

static void
test_code (void)
{
  /* Spans, with longer backtick runs holding single ones. */
  assert_checked ("Run `flask run --debug` first.", "Run|first");
  assert_checked ("The ``code with ` tick`` ends.", "The|ends");
  /* A span may go over a line end, not over a blank line. */
  assert_checked ("Start `span\ncontinues` end", "Start|end");
  assert_checked ("An `unclosed tick\n\nNext paragraph", "An|unclosed|tick|Next|paragraph");
  /* Fenced code: backticks and tildes, the info string, and the closing
   * fence must be at least as long. */
  assert_checked ("Before\n\n```python\ndef fonction(): pass\n```\n\nAfter", "Before|After");
  assert_checked ("Before\n~~~~\ncodez\n~~~\nstill codez\n~~~~\nAfter", "Before|After");
  assert_checked ("Text\n```\nnever closed\nqwertz", "Text");
  assert_checked ("> Quoted\n> ```\n> codez\n> ```\n> again", "Quoted|again");
  /* Indented code after a blank line; not a paragraph's continuation,
   * not a list item's paragraph. */
  assert_checked ("Para\n\n    indented codez\n    more codez\n\nAfter", "Para|After");
  assert_checked ("Para line\n    continued line", "Para|line|continued|line");
  assert_checked ("- item one\n\n    still the item\n", "item|one|still|the|item");
  assert_checked ("    codez at the start\n", "");
}

static void
test_links_and_urls (void)
{
  /* Link text yes, target no; titles go with the target. */
  assert_checked ("Read [the guide](https://exmple.org/gide \"Titel\") now.", "Read|the|guide|now");
  assert_checked ("See [docs](../docz/page.md) and ![a photo](img/fotos.png).", "See|docs|and|photo");
  assert_checked ("A [target](https://x.org/a_(b)) with parens", "target|with|parens");
  /* Reference links and definitions. */
  assert_checked ("The [guide][refz] helps.\n\n[refz]: https://exmple.org \"Titel\"\n", "The|guide|helps");
  /* Bare URLs and autolinks, e-mail addresses. */
  assert_checked ("Go to https://flask.palletsprojects.com/en/latest today", "Go|to|today");
  assert_checked ("Visit www.exmple.org or <https://exmple.org/pth> now", "Visit|or|now");
  assert_checked ("Mail jdoe@exmple.org or <jdoe@exmple.org>.", "Mail|or");
  /* Wiki links: only a label. */
  assert_checked ("Read [[Flask Routng]] first.", "Read|first");
  assert_checked ("Read [[flask-routng|the routing guide]] first.", "Read|the|routing|guide|first");
  assert_checked ("Read [[Flask Routng#Sectoin|that part]].", "Read|that|part");
  assert_checked ("A label with [[trgt|`codez` and words]]", "label|with|and|words");
  /* Footnotes: the label no, the note yes. */
  assert_checked ("A claim[^notez].\n\n[^notez]: The source.", "claim|The|source");
}

static void
test_html (void)
{
  assert_checked ("Some <span class=\"hightlight\">marked</span> text", "Some|marked|text");
  assert_checked ("Before <!-- a commnt\n\nover lines --> after", "Before|after");
  assert_checked ("<div align=\"centr\">\nInside\n</div>", "Inside");
  assert_checked ("Press <kbd>Ctrl</kbd> and <code>fonction()</code> here", "Press|and|here");
  assert_checked ("<pre>\nverbatm\n\ntext\n</pre>\nAfter", "After");
  assert_checked ("<script>var foo = 'barz';</script>Done", "Done");
  /* A lone "<" is text. */
  assert_checked ("When a < b holds", "When|holds");
  assert_checked ("Entities: caf&eacute; &#8217; &amp; done", "Entities|caf|done");
}

static void
test_other_syntax (void)
{
  assert_checked ("## Heading wrds {#custm-id}\n", "Heading|wrds");
  assert_checked ("Hugo {{< figur src=\"x\" >}} shortcode", "Hugo|shortcode");
  assert_checked ("Escaped \\*not\\* emphasis", "Escaped|not|emphasis");
  assert_checked ("| Col one | Col two |\n|---|:--:|\n| cell | data |",
                  "Col|one|Col|two|cell|data");
  assert_checked ("1. First\n2. Second\n- [ ] task item\n- [x] done item",
                  "First|Second|task|item|done|item");
}

static void
test_known_words (void)
{
  g_autoptr(GHashTable) known = topiary_spell_known_new ();
  g_autofree char *got = NULL;

  topiary_spell_known_add (known, "Flask vs Django: Jinja Templating");
  topiary_spell_known_add (known, "werkzeug routing");
  topiary_spell_known_add (known, "Straße’s");
  g_assert_true (topiary_spell_known_contains (known, "JINJA", 5));
  g_assert_true (topiary_spell_known_contains (known, "straße's", strlen ("straße's")));
  g_assert_false (topiary_spell_known_contains (known, "Jinj", 4));

  got = checked ("Django and Jinja use Werkzeug for routing, says Bob.", known);
  g_assert_cmpstr (got, ==, "and|use|for|says|Bob");
}

static void
test_offsets (void)
{
  const char *text = "é `x` ünïcode\n";
  g_autoptr(GArray) ranges = topiary_spell_ranges (text, -1, NULL);
  TopiarySpellRange *r;

  /* "é" is one letter: left alone. */
  g_assert_cmpuint (ranges->len, ==, 1);
  r = &g_array_index (ranges, TopiarySpellRange, 0);
  g_assert_cmpuint (r->start, ==, strlen ("é `x` "));
  g_assert_cmpuint (r->end, ==, strlen ("é `x` ünïcode"));

  /* A length shorter than the string is honoured. */
  g_clear_pointer (&ranges, g_array_unref);
  ranges = topiary_spell_ranges ("first second", 5, NULL);
  g_assert_cmpuint (ranges->len, ==, 1);
}

/* Unmatched marks everywhere: the scan stays linear. Timed against plain
 * words of the same length, so a slow build (sanitizers) or a busy machine
 * does not matter; a quadratic scan takes hundreds of times longer. */
static void
test_pathological (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) plain_ranges = NULL;
  gint64 start, marks_us, plain_us;

  for (guint i = 0; i < 160000; i++)
    g_string_append (text, "word ` `` < ](  [[ {{ <code> ");
  while (plain->len < text->len)
    g_string_append (plain, "words ");
  start = g_get_monotonic_time ();
  plain_ranges = topiary_spell_ranges (plain->str, plain->len, NULL);
  plain_us = g_get_monotonic_time () - start;
  start = g_get_monotonic_time ();
  ranges = topiary_spell_ranges (text->str, text->len, NULL);
  marks_us = g_get_monotonic_time () - start;
  g_test_message ("plain %" G_GINT64_FORMAT " µs, marks %" G_GINT64_FORMAT " µs", plain_us, marks_us);
  g_assert_cmpint (marks_us, <, 20 * plain_us + 200000);
  g_assert_cmpuint (ranges->len, >, 0);
}

/* A long realistic article: every word found, quickly. */
static void
test_speed (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntitle: Long\n---\n");
  g_autoptr(GArray) ranges = NULL;
  gint64 start;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "Flask routes map a URL to a view, see [the docs](https://x.org) "
                     "and `app.route`.\n\n");
  start = g_get_monotonic_time ();
  ranges = topiary_spell_ranges (text->str, text->len, NULL);
  /* Flask routes map to view see the docs and = 9 words a paragraph. */
  g_assert_cmpuint (ranges->len, ==, 9 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_language (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "en", "en" }, { "en-US", "en_US" }, { "de_DE.UTF-8", "de_DE" },
    { "fr_FR@euro", "fr_FR" }, { "EN-gb", "en_GB" }, { "zh-Hant-TW", "zh" },
    { "C", NULL }, { "POSIX", NULL }, { "", NULL }, { "x", NULL },
    { "e1", NULL }, { " de ", "de" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = topiary_spell_normalize_language (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (topiary_spell_normalize_language (NULL));

  {
    g_autofree char *yaml = topiary_spell_front_matter_language ("---\nlang: de-DE\n---\nText", -1);
    g_autofree char *toml = topiary_spell_front_matter_language ("+++\nlanguage = \"fr\"\n+++\n", -1);
    g_autofree char *none = topiary_spell_front_matter_language ("---\ntitle: x\n---\nText", -1);
    g_autofree char *plain = topiary_spell_front_matter_language ("lang: de\n", -1);

    g_assert_cmpstr (yaml, ==, "de_DE");
    g_assert_cmpstr (toml, ==, "fr");
    g_assert_null (none);
    g_assert_null (plain);
  }
}

static void
test_desktop_language (void)
{
  g_autofree char *german = NULL;
  g_autofree char *french = NULL;
  g_autofree char *none = NULL;

  g_setenv ("LANGUAGE", "de_DE:fr", TRUE);
  german = topiary_spell_desktop_language ();
  g_assert_cmpstr (german, ==, "de-DE");
  g_setenv ("LANGUAGE", "fr", TRUE);
  french = topiary_spell_desktop_language ();
  g_assert_cmpstr (french, ==, "fr");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C", TRUE);
  none = topiary_spell_desktop_language ();
  g_assert_cmpstr (none, ==, "en");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/spell-ranges/plain-words", test_plain_words);
  g_test_add_func ("/core/spell-ranges/words-left-alone", test_words_left_alone);
  g_test_add_func ("/core/spell-ranges/front-matter", test_front_matter);
  g_test_add_func ("/core/spell-ranges/code", test_code);
  g_test_add_func ("/core/spell-ranges/links-and-urls", test_links_and_urls);
  g_test_add_func ("/core/spell-ranges/html", test_html);
  g_test_add_func ("/core/spell-ranges/other-syntax", test_other_syntax);
  g_test_add_func ("/core/spell-ranges/known-words", test_known_words);
  g_test_add_func ("/core/spell-ranges/offsets", test_offsets);
  g_test_add_func ("/core/spell-ranges/pathological", test_pathological);
  g_test_add_func ("/core/spell-ranges/speed", test_speed);
  g_test_add_func ("/core/spell-ranges/language", test_language);
  g_test_add_func ("/core/spell-ranges/desktop-language", test_desktop_language);

  return g_test_run ();
}
