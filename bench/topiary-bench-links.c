/* topiary-bench-links.c — in-process timings of issue 15's analyses
 *
 * usage: topiary-bench-links FILE.topiary [REPEAT]
 *
 * Prints one JSON object of medians of CPU time (this thread's, so that
 * a loaded machine does not stretch them) over REPEAT runs (7 by
 * default), each
 * next to a peer measured in the same run on the same data:
 *  - suggest_ms: topiary_linker_suggest() on a text of at least 5,000
 *    words (the article's body, then its group's other bodies and the
 *    titles of 200 articles as mentions); peer render_ms: rendering that
 *    text to HTML as the preview does;
 *  - cannibal_ms: topiary_cannibal_find() over the whole map; peer
 *    map_ms: loading the map (topiary_map_new());
 *  - backlinks_ms: topiary_linker_backlinks() of the article with the
 *    most; peer body_ms: reading one body from the project;
 *  - linker_ms: building the linker once (every body read and scanned).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "topiary-cannibal.h"
#include "topiary-links.h"
#include "topiary-markdown.h"
#include "bench-util.h"

#define NOW() bench_thread_cpu_us ()
#define MS(t0) ((NOW () - (t0)) / 1000.0)

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(TopiaryMap) map = NULL;
  g_autoptr(TopiaryLinker) linker = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) suggest_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cannibal_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) map_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) back_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) body_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint repeat = argc > 2 ? (guint) atoi (argv[2]) : 7;
  GPtrArray *articles;
  TopiaryMapArticle *subject, *popular = NULL;
  guint n_suggestions = 0, n_findings = 0, n_backlinks = 0, most = 0;
  double linker_ms;
  gint64 t0;

  if (argc < 2)
    {
      g_printerr ("usage: topiary-bench-links FILE.topiary [REPEAT]\n");
      return 2;
    }
  project = topiary_project_open (argv[1], TOPIARY_OPEN_DEFAULT, &error);
  if (project != NULL)
    map = topiary_map_new (project, &error);
  t0 = NOW ();
  if (map != NULL)
    linker = topiary_linker_new (project, map, &error);
  linker_ms = MS (t0);
  if (linker == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  articles = topiary_map_get_articles (map);

  /* The subject: the first clustered article with a body. */
  subject = NULL;
  for (guint i = 0; i < articles->len && subject == NULL; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);

      if (a->group != NULL && topiary_article_get_word_count (a->article) > 0)
        subject = a;
    }
  if (subject == NULL)
    {
      g_printerr ("no written article in a group\n");
      return 1;
    }
  for (guint i = 0; i < subject->group->articles->len && topiary_markdown_word_count (text->str) < 5000; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (subject->group->articles, i);
      g_autofree char *body = topiary_project_get_body (project, a->id, NULL);

      g_string_append_printf (text, "%s\n\n", body != NULL ? body : "");
      for (guint k = 0; k < 20; k++)
        {
          TopiaryMapArticle *m = g_ptr_array_index (articles, (i * 37 + k * 101) % articles->len);

          g_string_append_printf (text, "We also wrote about %s here. ", topiary_article_get_title (m->article));
        }
      g_string_append (text, "\n\n");
    }
  while (topiary_markdown_word_count (text->str) < 5000)
    g_string_append (text, "More words of plain prose without any title in them at all.\n\n");

  for (guint i = 0; i < articles->len; i++)
    {
      TopiaryMapArticle *a = g_ptr_array_index (articles, i);
      g_autoptr(GPtrArray) in = topiary_linker_backlinks (linker, a->id);

      if (in->len > most)
        {
          most = in->len;
          popular = a;
        }
    }
  if (popular == NULL)
    popular = subject;

  for (guint r = 0; r < MAX (repeat, 1); r++)
    {
      g_autoptr(GPtrArray) s = NULL;
      g_autoptr(TopiaryMarkdownResult) html = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(TopiaryMap) again = NULL;
      g_autoptr(GPtrArray) in = NULL;
      g_autofree char *body = NULL;
      double ms;

      t0 = NOW ();
      s = topiary_linker_suggest (linker, subject->id, text->str, NULL);
      ms = MS (t0);
      g_array_append_val (suggest_ms, ms);
      n_suggestions = s->len;

      t0 = NOW ();
      html = topiary_markdown_render (text->str, text->len, NULL);
      ms = MS (t0);
      g_array_append_val (render_ms, ms);

      t0 = NOW ();
      found = topiary_cannibal_find (map, "en", NULL);
      ms = MS (t0);
      g_array_append_val (cannibal_ms, ms);
      n_findings = found->len;

      t0 = NOW ();
      again = topiary_map_new (project, NULL);
      ms = MS (t0);
      g_array_append_val (map_ms, ms);

      t0 = NOW ();
      in = topiary_linker_backlinks (linker, popular->id);
      ms = MS (t0);
      g_array_append_val (back_ms, ms);
      n_backlinks = in->len;

      t0 = NOW ();
      body = topiary_project_get_body (project, popular->id, NULL);
      ms = MS (t0);
      g_array_append_val (body_ms, ms);
    }

  g_print ("{\"articles\": %u, \"words\": %u, \"suggestions\": %u, \"findings\": %u, \"backlinks\": %u,\n"
           " \"linker_ms\": %.1f, \"suggest_ms\": %.2f, \"render_ms\": %.2f, \"cannibal_ms\": %.1f, \"map_ms\": %.1f,\n"
           " \"backlinks_ms\": %.4f, \"body_ms\": %.4f}\n",
           articles->len, topiary_markdown_word_count (text->str), n_suggestions, n_findings, n_backlinks,
           linker_ms, bench_median (suggest_ms), bench_median (render_ms), bench_median (cannibal_ms), bench_median (map_ms),
           bench_median (back_ms), bench_median (body_ms));
  return 0;
}
