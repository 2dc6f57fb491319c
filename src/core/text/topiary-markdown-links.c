/* topiary-markdown-links.c — wiki and relative links in Markdown:
 * their syntax, the scanner and the rewrite to plain Markdown links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "topiary-markdown.h"
#include "topiary-markdown-private.h"
#include "topiary-slug.h"

/* Longer "targets" are prose that happens to contain [[ and ]]. */
#define WIKI_TARGET_MAX 200

/* ------------------------------------------------------------------------
 * Wiki link syntax, shared by the renderer and the scanner so both agree
 * ---------------------------------------------------------------------- */

static void
trim (const char **str,
      gsize       *len)
{
  while (*len > 0 && g_ascii_isspace ((*str)[0]))
    (*str)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*str)[*len - 1]))
    (*len)--;
}

/* @p points at "[[". Fills @m and returns TRUE for a well-formed link:
 * a non-empty target without brackets or line breaks, an optional
 * "|label", then "]]". */
gboolean
_topiary_markdown_parse_wiki (const char *p,
                              const char *end,
                              WikiMatch  *m)
{
  const char *start = p + 2;
  const char *bar = NULL;
  const char *q;

  g_assert (p + 2 <= end && p[0] == '[' && p[1] == '[');

  for (q = start; q < end && q - start <= WIKI_TARGET_MAX; q++)
    {
      if (*q == ']')
        break;
      if (*q == '[' || *q == '\n' || *q == '\r')
        return FALSE;
      if (*q == '|' && bar == NULL)
        bar = q;
    }

  if (q + 1 >= end || q[0] != ']' || q[1] != ']')
    return FALSE;

  m->target = start;
  m->target_len = (bar ? bar : q) - start;
  trim (&m->target, &m->target_len);
  if (m->target_len == 0)
    return FALSE;

  if (bar != NULL)
    {
      m->label = bar + 1;
      m->label_len = q - (bar + 1);
      trim (&m->label, &m->label_len);
    }
  else
    m->label_len = 0;

  if (m->label_len == 0)
    {
      m->label = m->target;
      m->label_len = m->target_len;
    }

  m->length = (q + 2) - p;
  return TRUE;
}

/* The slug @target names, and the heading it names, if any. */
char *
_topiary_markdown_resolve_target (const TopiaryMarkdownOptions  *options,
                                  const char                    *target,
                                  char                         **heading)
{
  *heading = NULL;
  if (options->resolve_heading != NULL)
    return options->resolve_heading (target, heading, options->user_data);
  if (options->resolve != NULL)
    return options->resolve (target, options->user_data);
  return NULL;
}

/* A heading is linked by the id process_heading() gives it. */
char *
_topiary_markdown_make_href (const TopiaryMarkdownOptions *options,
                             const char                   *slug,
                             const char                   *heading)
{
  g_autofree char *href = NULL;
  g_autofree char *id = NULL;

  if (options->href != NULL)
    href = options->href (slug, options->user_data);
  else
    href = g_strconcat (options->href_prefix ? options->href_prefix : "",
                        slug,
                        options->href_suffix ? options->href_suffix : "",
                        NULL);
  if (heading == NULL || href == NULL)
    return g_steal_pointer (&href);
  id = topiary_slugify (heading);
  return g_strconcat (href, "#", id, NULL);
}

/* ------------------------------------------------------------------------
 * Link scanner
 * ---------------------------------------------------------------------- */

static gboolean
url_is_relative (const char *url,
                 gsize       len)
{
  gsize i = 0;

  if (len == 0 || url[0] == '#' || url[0] == '?')
    return FALSE;
  if (len >= 2 && url[0] == '/' && url[1] == '/')
    return FALSE;

  /* A scheme: a letter, then letters, digits, "+", "-" or ".", then ":". */
  if (g_ascii_isalpha (url[0]))
    {
      for (i = 1; i < len; i++)
        if (!(g_ascii_isalnum (url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.'))
          break;
      if (i < len && url[i] == ':')
        return FALSE;
    }

  return TRUE;
}

static void
add_link (GPtrArray       *links,
          TopiaryLinkKind  kind,
          const char      *target,
          gsize            target_len,
          const char      *label,
          gsize            label_len,
          guint            line)
{
  TopiaryMarkdownLink *link = g_new0 (TopiaryMarkdownLink, 1);

  link->kind = kind;
  link->target = g_utf8_make_valid (target, target_len);
  link->label = g_utf8_make_valid (label, label_len);
  link->line = line;
  g_ptr_array_add (links, link);
}

/* @p points after "](": parses the destination of an inline link. Returns
 * the position after the closing ")" or NULL. */
static const char *
parse_destination (const char  *p,
                   const char  *end,
                   const char **url,
                   gsize       *url_len)
{
  int depth = 0;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  if (p < end && *p == '<')
    {
      const char *gt = memchr (p, '>', end - p);

      if (gt == NULL)
        return NULL;
      *url = p + 1;
      *url_len = gt - (p + 1);
      p = gt + 1;
    }
  else
    {
      const char *start = p;

      for (; p < end; p++)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '(')
            depth++;
          else if (*p == ')')
            {
              if (depth == 0)
                break;
              depth--;
            }
          else if (*p == ' ' || *p == '\t')
            break;
        }
      *url = start;
      *url_len = p - start;
    }

  /* Skip an optional title up to the closing parenthesis. */
  while (p < end && *p != ')')
    {
      if (*p == '"' || *p == '\'')
        {
          const char *q = memchr (p + 1, *p, end - (p + 1));

          if (q == NULL)
            return NULL;
          p = q;
        }
      p++;
    }

  if (p >= end)
    return NULL;

  return p + 1;
}

/* What the scanner found, handed to whoever asked. */
typedef struct _ScanSink ScanSink;
struct _ScanSink {
  void (*wiki)     (ScanSink        *sink,
                    const char      *start,
                    const WikiMatch *m,
                    guint            line);
  void (*relative) (ScanSink        *sink,
                    const char      *url,
                    gsize            url_len,
                    const char      *label,
                    gsize            label_len,
                    guint            line);
};

static void
scan_line (ScanSink   *sink,
           const char *line,
           const char *end,
           guint       lineno)
{
  const char *p = line;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  /* [label]: url — a link reference definition. */
  if (p < end && *p == '[' && (p + 1 >= end || p[1] != '['))
    {
      const char *close = memchr (p, ']', end - p);

      if (close != NULL && close + 1 < end && close[1] == ':')
        {
          const char *url = close + 2;
          const char *url_end;

          while (url < end && (*url == ' ' || *url == '\t'))
            url++;
          if (url < end && *url == '<')
            url++;
          url_end = url;
          while (url_end < end && !g_ascii_isspace (*url_end) && *url_end != '>')
            url_end++;
          if (url_is_relative (url, url_end - url))
            sink->relative (sink, url, url_end - url, p + 1, close - (p + 1), lineno);
          return;
        }
    }

  for (p = line; p < end; p++)
    {
      switch (*p)
        {
        case '\\':
          /* cmark joins an escaped "[" with the text around it, so the
           * renderer sees "\\[[x]]" as a wiki link: so does the scanner. */
          if (!(p + 2 < end && p[1] == '[' && p[2] == '['))
            p++;
          break;

        case '`':
          {
            /* A code span closes with a run of the same length. */
            gsize n = 0, m;
            const char *q;

            while (p + n < end && p[n] == '`')
              n++;
            for (q = p + n; q < end; q += m)
              {
                m = 0;
                if (*q != '`')
                  {
                    m = 1;
                    continue;
                  }
                while (q + m < end && q[m] == '`')
                  m++;
                if (m == n)
                  break;
              }
            p = (q < end) ? q + n - 1 : p + n - 1;
          }
          break;

        case '[':
          {
            WikiMatch m;
            const char *close;

            if (p + 1 < end && p[1] == '[')
              {
                if (_topiary_markdown_parse_wiki (p, end, &m))
                  {
                    sink->wiki (sink, p, &m, lineno);
                    p += m.length - 1;
                  }
                break;
              }

            if (p > line && p[-1] == '!')
              break;

            close = memchr (p, ']', end - p);
            if (close != NULL && close + 1 < end && close[1] == '(')
              {
                const char *url;
                gsize url_len;
                const char *after = parse_destination (close + 2, end, &url, &url_len);

                if (after != NULL)
                  {
                    if (url_is_relative (url, url_len))
                      sink->relative (sink, url, url_len, p + 1, close - (p + 1), lineno);
                    p = after - 1;
                  }
              }
          }
          break;

        case '<':
          {
            /* An inline HTML comment hides what it holds. */
            if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
              {
                const char *q = g_strstr_len (p + 4, end - (p + 4), "-->");

                if (q != NULL)
                  p = q + 2;
              }
          }
          break;

        default:
          break;
        }
    }
}

/* Feeds every prose line of [@text, @text_end) to scan_line(). */
static void
scan_text (ScanSink   *sink,
           const char *text,
           const char *text_end)
{
  BlockState bs = { 0 };
  guint lineno = 1;

  for (const char *line = text; line < text_end; lineno++)
    {
      const char *end = _topiary_markdown_line_end (line, text_end);

      /* Cheap test first: most lines have no bracket at all. */
      if (!_topiary_markdown_line_is_code (&bs, line, end) && memchr (line, '[', end - line) != NULL)
        scan_line (sink, line, end, lineno);

      line = end + 1;
    }
}

typedef struct {
  ScanSink   sink;
  GPtrArray *links;
} CollectSink;

static void
collect_wiki (ScanSink        *sink,
              const char      *start,
              const WikiMatch *m,
              guint            line)
{
  add_link (((CollectSink *) sink)->links, TOPIARY_LINK_WIKI,
            m->target, m->target_len, m->label, m->label_len, line);
}

static void
collect_relative (ScanSink   *sink,
                  const char *url,
                  gsize       url_len,
                  const char *label,
                  gsize       label_len,
                  guint       line)
{
  add_link (((CollectSink *) sink)->links, TOPIARY_LINK_RELATIVE,
            url, url_len, label, label_len, line);
}

GPtrArray *
topiary_markdown_scan_links (const char *markdown)
{
  CollectSink collect = { { collect_wiki, collect_relative }, NULL };

  collect.links = g_ptr_array_new_with_free_func ((GDestroyNotify) topiary_markdown_link_free);

  if (markdown != NULL)
    scan_text (&collect.sink, markdown, markdown + strlen (markdown));

  return collect.links;
}

typedef struct {
  ScanSink                      sink;
  const TopiaryMarkdownOptions *options;
  GString                      *out;
  const char                   *copied;    /* source up to here is in out */
  GPtrArray                    *unresolved;
  GHashTable                   *seen;
} RewriteSink;

/* Escapes what would change the meaning of link text. */
static void
append_markdown_text (GString    *out,
                      const char *text,
                      gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (strchr ("\\[]*_`<>", text[i]) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
}

static void
rewrite_wiki (ScanSink        *sink,
              const char      *start,
              const WikiMatch *m,
              guint            line)
{
  RewriteSink *self = (RewriteSink *) sink;
  const TopiaryMarkdownOptions *options = self->options;
  g_autofree char *target = g_strndup (m->target, m->target_len);
  g_autofree char *heading = NULL;
  g_autofree char *slug = NULL;

  g_string_append_len (self->out, self->copied, start - self->copied);
  self->copied = start + m->length;

  if (options->retarget != NULL)
    {
      g_autofree char *to = options->retarget (target, options->user_data);

      if (to == NULL)
        g_string_append_len (self->out, start, m->length);
      else if (m->label != m->target)
        {
          g_string_append_printf (self->out, "[[%s|", to);
          g_string_append_len (self->out, m->label, m->label_len);
          g_string_append (self->out, "]]");
        }
      else
        g_string_append_printf (self->out, "[[%s]]", to);
      return;
    }

  slug = _topiary_markdown_resolve_target (options, target, &heading);

  if (slug == NULL || *slug == '\0')
    {
      append_markdown_text (self->out, m->label, m->label_len);
      if (self->unresolved != NULL && g_hash_table_add (self->seen, g_strdup (target)))
        g_ptr_array_add (self->unresolved, g_strdup (target));
      return;
    }

  {
    g_autofree char *href = _topiary_markdown_make_href (options, slug, heading);

    const char *h = href ? href : "";

    g_string_append_c (self->out, '[');
    append_markdown_text (self->out, m->label, m->label_len);

    if (options->href_verbatim && strpbrk (h, ")\r\n") == NULL)
      g_string_append_printf (self->out, "](%s)", h);
    else if (*h != '\0' && strpbrk (h, " ()<>\\\t\r\n") == NULL)
      g_string_append_printf (self->out, "](%s)", h);
    else
      {
        /* The <…> form takes anything but "<", ">" and line breaks, and
         * reads backslashes as escapes. */
        g_string_append (self->out, "](<");
        for (; *h; h++)
          {
            if (*h == '<' || *h == '>' || *h == '\n' || *h == '\r')
              g_string_append_printf (self->out, "%%%02X", (guchar) *h);
            else if (*h == '\\')
              g_string_append (self->out, "\\\\");
            else
              g_string_append_c (self->out, *h);
          }
        g_string_append (self->out, ">)");
      }
  }
}

static void
ignore_relative (ScanSink   *sink,
                 const char *url,
                 gsize       url_len,
                 const char *label,
                 gsize       label_len,
                 guint       line)
{
}

char *
topiary_markdown_rewrite_links (const char                   *markdown,
                                const TopiaryMarkdownOptions *options,
                                GPtrArray                    *unresolved)
{
  static const TopiaryMarkdownOptions defaults = TOPIARY_MARKDOWN_OPTIONS_INIT;
  RewriteSink rewrite = { { rewrite_wiki, ignore_relative }, NULL };
  const char *end;

  if (markdown == NULL)
    return g_strdup ("");

  end = markdown + strlen (markdown);
  rewrite.options = options ? options : &defaults;
  rewrite.out = g_string_sized_new (end - markdown + 64);
  rewrite.copied = markdown;
  rewrite.unresolved = unresolved;
  rewrite.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  scan_text (&rewrite.sink, markdown, end);
  g_string_append_len (rewrite.out, rewrite.copied, end - rewrite.copied);

  g_hash_table_unref (rewrite.seen);
  return g_string_free (rewrite.out, FALSE);
}

char *
topiary_markdown_relative_link_slug (const char *url)
{
  g_autofree char *path = NULL;
  char *cut;
  char *last;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  if (!url_is_relative (url, strlen (url)))
    return NULL;

  path = g_strdup (url);
  if ((cut = strpbrk (path, "?#")) != NULL)
    *cut = '\0';

  /* Drop trailing "/" and "index.html", "index.md". */
  for (;;)
    {
      len = strlen (path);
      if (len > 0 && path[len - 1] == '/')
        path[len - 1] = '\0';
      else if (g_str_has_suffix (path, "index.html") &&
               (len == strlen ("index.html") || path[len - strlen ("index.html") - 1] == '/'))
        path[len - strlen ("index.html")] = '\0';
      else if (g_str_has_suffix (path, "index.md") &&
               (len == strlen ("index.md") || path[len - strlen ("index.md") - 1] == '/'))
        path[len - strlen ("index.md")] = '\0';
      else
        break;
    }

  last = strrchr (path, '/');
  last = last ? last + 1 : path;

  if (g_str_has_suffix (last, ".md"))
    last[strlen (last) - 3] = '\0';
  else if (g_str_has_suffix (last, ".html"))
    last[strlen (last) - 5] = '\0';

  /* Anything else with an extension is a file (an image, a PDF …). */
  if (*last == '\0' || strchr (last, '.') != NULL)
    return NULL;

  return g_strdup (last);
}
