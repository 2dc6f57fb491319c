/* topiary-markdown.h — Markdown to HTML with wiki links and heading ids
 *
 * The Markdown layer over cmark-gfm: CommonMark plus the GFM extensions
 * (tables, strikethrough, autolinks, task lists, tagfilter) and footnotes,
 * with two additions of our own:
 *
 *  - every heading gets a stable id (`<h2 id="install-flask">`) made from its
 *    text, unique within the document ("intro", "intro-2", …), and the
 *    headings are returned for a table of contents;
 *  - wiki links `[[Title]]`, `[[slug]]` and `[[slug|label]]` are resolved
 *    through a callback. A resolved link renders as
 *    `<a class="wikilink" href="…" data-slug="…">label</a>`, an unresolved
 *    one as `<span class="wikilink unresolved" title="…">label</span>` and is
 *    reported. Wiki links inside code spans, code blocks, raw HTML and
 *    ordinary links are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "topiary-highlight.h"

G_BEGIN_DECLS

/* Returns the slug of the article @target names (a slug or a title), or
 * NULL when nothing matches. */
typedef char *(*TopiaryLinkResolveFunc) (const char *target,
                                         gpointer    user_data);
/* The same, and sets *@heading to the heading text a `[[target#heading]]`
 * link names (newly allocated), or leaves it NULL. */
typedef char *(*TopiaryLinkResolveHeadingFunc) (const char  *target,
                                                char       **heading,
                                                gpointer     user_data);
/* Returns the new target of a wiki link to @target, or NULL to leave the
 * link as it is. */
typedef char *(*TopiaryLinkRetargetFunc) (const char *target,
                                          gpointer    user_data);
/* Returns the href for the article with @slug. */
typedef char *(*TopiaryLinkHrefFunc)    (const char *slug,
                                         gpointer    user_data);

typedef struct {
  /* data-sourcepos="line:col-line:col" on block elements, so the preview
   * can follow the editor's cursor. */
  gboolean               sourcepos;
  /* Raw HTML is replaced by an HTML comment unless this is set; even then
   * the GFM tagfilter escapes <script>, <style>, <iframe> and friends. */
  gboolean               allow_html;

  /* NULL: every wiki link is unresolved. */
  TopiaryLinkResolveFunc resolve;
  /* NULL: href = href_prefix + slug + href_suffix (both may be NULL). */
  TopiaryLinkHrefFunc    href;
  const char            *href_prefix;
  const char            *href_suffix;
  gpointer               user_data;
  /* Used instead of @resolve when set: a link to a heading gets the
   * heading's id as the href's fragment ("…/flask/#install-flask"). */
  TopiaryLinkResolveHeadingFunc resolve_heading;
  /* topiary_markdown_rewrite_links() writes the href into "(…)" as it is,
   * for a Hugo shortcode ({{< relref "…" >}}) that Hugo replaces before
   * it reads the Markdown; the href must hold no ")" or line break. */
  gboolean               href_verbatim;
  /* Only for topiary_markdown_rewrite_links(): when set, wiki links stay
   * wiki links, and those it gives a new target become `[[new]]` or
   * `[[new|label]]` (a map's rename); @resolve and @href are not used. */
  TopiaryLinkRetargetFunc retarget;
  /* Highlights fenced code that names a language (topiary-highlight.h),
   * with @highlight_data; NULL: code is rendered plain. */
  TopiaryHighlightFunc   highlight;
  gpointer               highlight_data;
  /* The title the page shows as its <h1>, or NULL: a first heading that
   * says it is left out, other level-1 headings become level 2
   * (topiary-markdown-title.h). */
  const char            *title;
} TopiaryMarkdownOptions;

#define TOPIARY_MARKDOWN_OPTIONS_INIT { FALSE, FALSE, NULL, NULL, NULL, NULL, NULL, NULL, FALSE, NULL, NULL, NULL, NULL }

typedef struct {
  guint  level;   /* 1 … 6 */
  char  *text;    /* plain text */
  char  *id;      /* the id attribute, unique in the document */
} TopiaryHeading;

#define TOPIARY_TYPE_MARKDOWN_RESULT (topiary_markdown_result_get_type ())

typedef struct {
  char      *html;
  GPtrArray *headings;    /* TopiaryHeading, in document order */
  GPtrArray *links;       /* char *: resolved slugs, unique, in order of first use */
  GPtrArray *unresolved;  /* char *: unresolved targets, unique, in order */
  guint      words;       /* topiary_markdown_word_count() of the source */
  /*< private >*/
  gint       ref_count;
} TopiaryMarkdownResult;

GType                  topiary_markdown_result_get_type (void) G_GNUC_CONST;
TopiaryMarkdownResult *topiary_markdown_result_ref      (TopiaryMarkdownResult *result);
void                   topiary_markdown_result_unref    (TopiaryMarkdownResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryMarkdownResult, topiary_markdown_result_unref)

/* Renders @markdown (@length bytes, or -1 when NUL-terminated; invalid
 * UTF-8 is repaired). @options may be NULL for the defaults. Never fails,
 * and any text renders in bounded memory and time: a text whose syntax
 * tree would pass 64 MiB, or with a paragraph cmark-gfm would take
 * quadratic time over, is rendered in pieces of at most 64 KiB; a text
 * with a table of more than 500 columns or 100,000 cells is rendered
 * without GFM tables (see topiary-markdown.c). */
TopiaryMarkdownResult *topiary_markdown_render          (const char                   *markdown,
                                                         gssize                        length,
                                                         const TopiaryMarkdownOptions *options);
/* The same for a caller that has topiary_markdown_word_count() of
 * @markdown already (the project stores it): @words is taken as the count
 * instead of counting again, unless the text needed repairing. */
TopiaryMarkdownResult *topiary_markdown_render_counted  (const char                   *markdown,
                                                         gssize                        length,
                                                         const TopiaryMarkdownOptions *options,
                                                         guint                         words);

/* Words of prose in @text: code blocks, HTML tags, link and image
 * URLs, and markup punctuation (#, *, >, |, list markers …) are not counted;
 * "don't" and "state-of-the-art" are one word each. One pass, no
 * allocation. */
guint                  topiary_markdown_word_count      (const char *text);
/* The reading speed behind topiary_markdown_reading_minutes(). */
#define TOPIARY_WORDS_PER_MINUTE 220
/* Minutes to read @words at 220 words a minute, rounded up, at least 1. */
guint                  topiary_markdown_reading_minutes (guint       words);

typedef enum {
  TOPIARY_LINK_WIKI,      /* [[target]] or [[target|label]] */
  TOPIARY_LINK_RELATIVE,  /* [label](../target/) and the like */
} TopiaryLinkKind;

typedef struct {
  TopiaryLinkKind kind;
  char           *target;  /* the wiki target, or the URL as written */
  char           *label;   /* the text shown */
  guint           line;    /* 1-based line in the source */
} TopiaryMarkdownLink;

void                   topiary_markdown_link_free       (TopiaryMarkdownLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopiaryMarkdownLink, topiary_markdown_link_free)

/* The wiki links and relative Markdown links in @markdown, in order,
 * without parsing it fully: code spans and fenced or indented code blocks
 * are skipped like the renderer does. Element type TopiaryMarkdownLink. */
GPtrArray             *topiary_markdown_scan_links      (const char *markdown);

/* @markdown with its wiki links turned into ordinary Markdown links,
 * `[label](href)`, for exports whose Markdown another tool renders (Hugo);
 * or, with @options->retarget, into wiki links to other targets.
 * Unresolved links become their label as plain text, and their targets are
 * appended to @unresolved (char *, unique) when it is not NULL. Code is left
 * as it is, like topiary_markdown_scan_links() does. */
char                  *topiary_markdown_rewrite_links   (const char                   *markdown,
                                                         const TopiaryMarkdownOptions *options,
                                                         GPtrArray                    *unresolved);

/* The slug a relative URL points at ("../flask-routing/" →
 * "flask-routing", "./intro.md" → "intro"), or NULL when it does not look
 * like a link to an article (an image, a file, an anchor). */
char                  *topiary_markdown_relative_link_slug (const char *url);

G_END_DECLS
