/* test-highlight-parallel.c — GtkSourceView's highlighting on several
 * threads at once (issue 12: the site export renders on more than one
 * thread, and highlighting used to queue behind one lock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-highlight.h"
#include "topiary-highlight-gsv.h"
#include "topiary-markdown.h"
#include "test-util.h"

#define THREADS 4
#define ROUNDS 30

/* Blocks in several languages, with nesting (strings in code, escapes in
 * strings, comments), so each thread's engines do real work. */
static const struct {
  const char *language;
  const char *code;
} blocks[] = {
  { "c", "#include <stdio.h>\n/* a comment */\nint\nmain (void)\n{\n  printf (\"%d\\n\", 42 + 'x');\n  return 0;\n}\n" },
  { "python", "def flask_%d(x):\n    \"\"\"Doc.\"\"\"\n    return x * 3  # three\n\nclass A(object):\n    pass\n" },
  { "sh", "#!/bin/sh\nfor f in *.md; do\n  echo \"$f\" | sed 's/a/b/' > /dev/null\ndone\n" },
  { "js", "const a = `x ${1 + 2}`; // t\nfunction f (b) { return b < 3 && b > 1; }\n" },
  { "html", "<p class=\"x\">a &amp; b<script>var s = '<b>';</script></p>\n" },
  { "json", "{ \"a\": [1, 2.5, true, null], \"b\": \"\\u00e9\" }\n" },
  { "rust", "fn main() { let v: Vec<u8> = vec![1, 2]; println!(\"{:?}\", v); }\n" },
};

static char *
highlight_block (guint i)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (topiary_highlight_gsv (blocks[i].language, blocks[i].code,
                                        strlen (blocks[i].code), out, NULL));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  char   **expected;   /* each block's HTML, highlighted on one thread */
  guint    start;      /* where this thread starts in the blocks */
  guint    mismatches;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;

  for (guint round = 0; round < ROUNDS; round++)
    for (guint k = 0; k < G_N_ELEMENTS (blocks); k++)
      {
        guint i = (w->start + k + round) % G_N_ELEMENTS (blocks);
        g_autofree char *html = highlight_block (i);

        if (!g_str_equal (html, w->expected[i]))
          w->mismatches++;
      }
  return NULL;
}

/* Four threads highlighting the same blocks in different orders get,
 * every time, the HTML one thread gets. */
static void
test_same_html (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  Worker workers[THREADS];
  GThread *threads[THREADS];

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autofree char *html = highlight_block (i);

      /* Highlighted, not just escaped. */
      g_assert_nonnull (strstr (html, "<span class=\"tok-"));
      g_strv_builder_add (builder, html);
    }
  expected = g_strv_builder_end (builder);

  for (guint t = 0; t < THREADS; t++)
    {
      workers[t] = (Worker) { expected, t, 0 };
      threads[t] = g_thread_new ("highlight", worker_thread, &workers[t]);
    }
  for (guint t = 0; t < THREADS; t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpuint (workers[t].mismatches, ==, 0);
    }
}

/* Two threads are inside the highlighter at the same time: each waits
 * in the hook for the other. With one lock around the highlighting the
 * second never arrives. The wait is bounded so that a failure ends the
 * test rather than hanging it; it is not a timing target. */
typedef struct {
  GMutex lock;
  GCond  cond;
  guint  inside;
  guint  met;
} Meeting;

static void
meet (gpointer data)
{
  Meeting *m = data;
  gint64 until = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&m->lock);
  m->inside++;
  g_cond_broadcast (&m->cond);
  while (m->inside < 2)
    if (!g_cond_wait_until (&m->cond, &m->lock, until))
      break;
  if (m->inside >= 2)
    m->met++;
  g_mutex_unlock (&m->lock);
}

static gpointer
meet_thread (gpointer data)
{
  g_free (highlight_block (GPOINTER_TO_UINT (data)));
  return NULL;
}

static void
test_runs_in_parallel (void)
{
  Meeting m = { 0 };
  GThread *a, *b;

  g_mutex_init (&m.lock);
  g_cond_init (&m.cond);
  topiary_highlight_gsv_set_test_hook (meet, &m);
  a = g_thread_new ("a", meet_thread, GUINT_TO_POINTER (0));
  b = g_thread_new ("b", meet_thread, GUINT_TO_POINTER (1));
  g_thread_join (a);
  g_thread_join (b);
  topiary_highlight_gsv_set_test_hook (NULL, NULL);

  g_assert_cmpuint (m.met, ==, 2);
  /* Each had GtkSourceView objects of its own. */
  g_assert_cmpuint (topiary_highlight_gsv_get_n_highlighters (), >=, 2);
  g_mutex_clear (&m.lock);
  g_cond_clear (&m.cond);
}

/* Every file under @root (relative path → contents), but the export's
 * marker, which holds the time of the export. */
static void
read_tree (const char *root,
           GHashTable *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  test_list_files (root, "", paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *rel = g_ptr_array_index (paths, i);
      g_autofree char *path = g_build_filename (root, rel, NULL);
      char *contents = NULL;

      if (g_str_equal (rel, TOPIARY_EXPORT_MARKER))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_hash_table_insert (files, g_strdup (rel), contents);
    }
}

static GHashTable *
export_site (TopiaryProject *project,
             const char     *dir,
             guint           threads)
{
  TopiaryExportOptions options = { .format = TOPIARY_EXPORT_SITE, .threads = threads };
  g_autoptr(GError) error = NULL;
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (topiary_export (project, dir, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  read_tree (dir, files);
  return files;
}

/* The site export renders on one Markdown thread per processor: with
 * four, it writes the same site, byte for byte, as with one. Articles of
 * very different sizes make the threads finish out of order. */
static void
test_export_same_site (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  TopiaryProject *project = test_project_create ("topiary-parallel-XXXXXX", &dir, &path);
  g_autofree char *one = g_build_filename (dir, "one", NULL);
  g_autofree char *four = g_build_filename (dir, "four", NULL);
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint highlighted = 0;

  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Article %u", i);

      g_string_append_printf (body, "Text of %u, see [[Article %u]].\n\n", i, (i + 7) % 120);
      for (guint k = 0; k < (i % 5 == 0 ? 40 : 1); k++)
        g_string_append_printf (body, "```%s\n%s```\n\nMore *text* %u.\n\n",
                                blocks[(i + k) % G_N_ELEMENTS (blocks)].language,
                                blocks[(i + k) % G_N_ELEMENTS (blocks)].code, k);
      test_add_published_article (project, title, body->str);
    }

  topiary_highlight_gsv_install ();
  a = export_site (project, one, 1);
  b = export_site (project, four, 4);
  topiary_highlight_install (NULL, NULL);

  g_assert_cmpuint (g_hash_table_size (a), >, 120);
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *other = g_hash_table_lookup (b, key);

      g_assert_nonnull (other);
      if (!g_str_equal (value, other))
        g_error ("%s differs between one and four Markdown threads", (char *) key);
      highlighted += strstr (value, "<span class=\"tok-") != NULL;
    }
  g_assert_cmpuint (highlighted, >=, 120);
  test_project_destroy (project, g_steal_pointer (&dir), g_steal_pointer (&path));
}

/* The app's highlighter does GtkSourceView's work on the thread that
 * iterates the main context, where GtkSourceView's idle callbacks run too,
 * however many export threads call it; and gives them the same HTML. */
typedef struct {
  GMainLoop *loop;
  GThread   *highlighted_on;
  char      *html;
} MainThreadCase;

static void
record_thread (gpointer data)
{
  MainThreadCase *c = data;

  c->highlighted_on = g_thread_self ();
}

static gpointer
export_worker (gpointer data)
{
  MainThreadCase *c = data;
  gpointer highlight_data = NULL;
  TopiaryHighlightFunc highlight = topiary_highlight_get (&highlight_data);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (highlight);
  g_assert_true (highlight (blocks[0].language, blocks[0].code, strlen (blocks[0].code), out, highlight_data));
  c->html = g_string_free (g_steal_pointer (&out), FALSE);
  g_main_loop_quit (c->loop);
  return NULL;
}

static gboolean
start_worker (gpointer data)
{
  g_thread_unref (g_thread_new ("export-worker", export_worker, data));
  return G_SOURCE_REMOVE;
}

static void
test_main_thread (void)
{
  MainThreadCase c = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  g_autofree char *expected = highlight_block (0);

  topiary_highlight_gsv_install_main_thread (g_main_context_default ());
  topiary_highlight_gsv_set_test_hook (record_thread, &c);
  g_idle_add (start_worker, &c);
  g_main_loop_run (c.loop);
  topiary_highlight_gsv_set_test_hook (NULL, NULL);
  topiary_highlight_install (NULL, NULL);

  g_assert_true (c.highlighted_on == g_thread_self ());
  g_assert_cmpstr (c.html, ==, expected);
  g_free (c.html);
  g_main_loop_unref (c.loop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlight/gsv/parallel/runs-in-parallel", test_runs_in_parallel);
  g_test_add_func ("/highlight/gsv/parallel/same-html", test_same_html);
  g_test_add_func ("/highlight/gsv/parallel/export-same-site", test_export_same_site);
  g_test_add_func ("/highlight/gsv/parallel/app-main-thread", test_main_thread);

  return g_test_run ();
}
