/* test-export-highlight-cache.c — highlighted code kept between site
 * exports (issue 12's speed target): used again for the same language and
 * code under the same highlighter id, never for changed code or another
 * id, never from a damaged file or one that is not a regular file, and
 * never a reason for an export to fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "topiary-export.h"
#include "topiary-highlight.h"
#include "topiary-project.h"
#include "test-util.h"

#define N_ARTICLES 12
#define ID "fake-1"

typedef struct {
  char           *dir;
  char           *path;
  char           *cache;
  TopiaryProject *project;
  gint64          ids[N_ARTICLES];
  guint           exports;
  guint           threads;
  gboolean        no_cache;   /* exports without a cache folder */
} Fixture;

static gint calls;

/* Marks the whole block as one token of a class that depends on the
 * language ("fake" and "fake2" differ); knows no other language. */
static gboolean
fake_highlight (const char *language,
                const char *code,
                gsize       length,
                GString    *out,
                gpointer    user_data)
{
  g_autofree char *escaped = NULL;

  if (!g_str_has_prefix (language, "fake"))
    return FALSE;
  g_atomic_int_inc (&calls);
  escaped = g_markup_escape_text (code, length);
  g_string_append_printf (out, "<span class=\"tok-%s\">%s</span>",
                          g_str_equal (language, "fake2") ? "string" : "keyword", escaped);
  return TRUE;
}

static char *
body_for (guint i)
{
  /* Two blocks of its own, one shared by all, one the highlighter does
   * not know. */
  return g_strdup_printf ("Intro %u.\n\n```fake\nint a%u = %u < 2;\n```\n\n"
                          "```fake\nreturn b%u & c;\n```\n\n"
                          "```fake\nshared ();\n```\n\n"
                          "```unknown\nplain %u\n```\n", i, i, i, i, i);
}

/* Blocks the highlighter knows, each once… */
#define N_BLOCKS (2 * N_ARTICLES + 1)
/* …and as many times as they appear. */
#define N_BLOCKS_ALL (3 * N_ARTICLES)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->project = test_project_create ("topiary-highlight-cache-XXXXXX", &f->dir, &f->path);
  f->cache = g_build_filename (f->dir, "cache", NULL);
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autofree char *body = body_for (i);

      f->ids[i] = test_add_published_article (f->project, title, body);
    }
  f->threads = 1;
  topiary_highlight_install_full (fake_highlight, NULL, ID);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  topiary_highlight_install (NULL, NULL);
  test_project_destroy (f->project, f->dir, f->path);
  g_free (f->cache);
}

static void
set_body (Fixture    *f,
          guint       i,
          const char *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (topiary_project_save_body (f->project, f->ids[i], body, &error));
  g_assert_no_error (error);
}

/* Exports the site into a new folder; returns every article page, each
 * after its name, and sets *@n_calls to the blocks highlighted. */
static char *
export (Fixture *f,
        guint   *n_calls)
{
  g_autofree char *name = g_strdup_printf ("site-%u", f->exports++);
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  TopiaryExportOptions options = {
    .format = TOPIARY_EXPORT_SITE,
    .cache_dir = f->no_cache ? NULL : f->cache,
    .threads = f->threads,
  };
  g_autoptr(GError) error = NULL;
  GString *pages = g_string_new (NULL);
  gint before = g_atomic_int_get (&calls);

  g_assert_true (topiary_export (f->project, out, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  *n_calls = g_atomic_int_get (&calls) - before;

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *rel = g_strdup_printf ("article-%u/index.html", i);
      g_autofree char *page = g_build_filename (out, rel, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (page, &contents, NULL, &error));
      g_assert_no_error (error);
      g_string_append_printf (pages, "== %s\n%s", rel, contents);
    }
  test_remove_tree (out);
  return g_string_free (pages, FALSE);
}

/* The cache file of the fixture's project. */
static char *
cache_file (Fixture *f)
{
  g_autofree char *real = realpath (f->path, NULL);
  g_autofree char *name = NULL;

  g_assert_nonnull (real);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real, -1);
  return g_build_filename (f->cache, "highlight", name, NULL);
}

static void
assert_regular_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
}

/* A second export of the same project highlights nothing, and its pages
 * are byte for byte those of the first. */
static void
test_second_export (Fixture       *f,
                    gconstpointer  data)
{
  guint first = 0, second = 0;
  g_autofree char *cold = export (f, &first);
  g_autofree char *warm = export (f, &second);
  g_autofree char *file = cache_file (f);

  g_assert_cmpuint (first, ==, N_BLOCKS);
  g_assert_cmpuint (second, ==, 0);
  g_assert_cmpstr (warm, ==, cold);
  g_assert_nonnull (strstr (cold, "<span class=\"tok-keyword\">int a3 = 3 &lt; 2;\n</span>"));
  assert_regular_file (file);
}

/* A changed block is highlighted again, and it alone; the language is
 * part of what a block is. */
static void
test_changed_block (Fixture       *f,
                    gconstpointer  data)
{
  guint n = 0;
  g_autofree char *cold = export (f, &n);
  g_autofree char *changed = NULL;
  g_autofree char *other_language = NULL;
  g_autofree char *original = body_for (5);
  g_autoptr(GString) body = g_string_new (original);

  /* "int a5 = 5 < 2;" becomes "int a5 = 6 < 2;". */
  g_assert_cmpuint (g_string_replace (body, "= 5 <", "= 6 <", 0), ==, 1);
  set_body (f, 5, body->str);
  changed = export (f, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (changed, "<span class=\"tok-keyword\">int a5 = 6 &lt; 2;\n</span>"));
  g_assert_null (strstr (changed, "int a5 = 5"));
  g_assert_cmpstr (strstr (changed, "== article-6/"), ==, strstr (cold, "== article-6/"));

  /* The same code under another language name. */
  g_assert_cmpuint (g_string_replace (body, "```fake\nreturn", "```fake2\nreturn", 0), ==, 1);
  set_body (f, 5, body->str);
  other_language = export (f, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (other_language, "<span class=\"tok-string\">return b5 &amp; c;\n</span>"));
}

/* Another highlighter id (another version of the highlighter) finds
 * nothing kept; no id keeps nothing. */
static void
test_other_id (Fixture       *f,
               gconstpointer  data)
{
  guint n = 0;
  g_autofree char *cold = export (f, &n);
  g_autofree char *other = NULL;
  g_autofree char *again = NULL;
  g_autofree char *none = NULL;
  g_autofree char *file = cache_file (f);

  topiary_highlight_install_full (fake_highlight, NULL, "fake-2");
  other = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS);
  g_assert_cmpstr (other, ==, cold);
  again = export (f, &n);
  g_assert_cmpuint (n, ==, 0);

  topiary_highlight_install (fake_highlight, NULL);
  g_assert_cmpint (g_unlink (file), ==, 0);
  none = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS_ALL);
  g_assert_cmpstr (none, ==, cold);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_free (none);
  none = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS_ALL);
}

static void
read_cache (Fixture  *f,
            char    **contents,
            gsize    *len)
{
  g_autofree char *file = cache_file (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (file, contents, len, &error));
  g_assert_no_error (error);
}

static void
write_cache (Fixture    *f,
             const char *contents,
             gsize       len)
{
  g_autofree char *file = cache_file (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, contents, len, &error));
  g_assert_no_error (error);
}

/* After the cache file was spoilt by @spoil: the export highlights
 * everything, writes the same pages, and replaces the file, which the
 * next export uses. */
static void
check_spoilt (Fixture    *f,
              const char *cold,
              void      (*spoil) (char *contents, gsize *len))
{
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  gsize len = 0;
  guint n = 0;

  read_cache (f, &contents, &len);
  spoil (contents, &len);
  write_cache (f, contents, len);
  after = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS);
  g_assert_cmpstr (after, ==, cold);
  again = export (f, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (again, ==, cold);
}

/* A byte of the HTML of a block, whose length and key stay sound. */
static void
flip_html_byte (char  *contents,
                gsize *len)
{
  char *at = memmem (contents, *len, "shared ()", 9);

  g_assert_nonnull (at);
  at[0] = 'S';
}

static void
flip_last_byte (char  *contents,
                gsize *len)
{
  contents[*len - 1] ^= 0x40;
}

static void
cut_short (char  *contents,
           gsize *len)
{
  *len = *len / 2;
}

static void
cut_trailer (char  *contents,
             gsize *len)
{
  *len -= 1;
}

static void
empty (char  *contents,
       gsize *len)
{
  *len = 0;
}

/* Another magic line (another format version) with a sound checksum. */
static void
other_magic (char  *contents,
             gsize *len)
{
  char *digits = g_strstr_len (contents, *len, " 1\n");
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = 32;

  g_assert_nonnull (digits);
  digits[1] = '2';
  g_checksum_update (sum, (const guchar *) contents, *len - 32);
  g_checksum_get_digest (sum, (guint8 *) contents + *len - 32, &digest_len);
}

/* A record whose length runs past the end, under a sound checksum: the
 * lengths are checked, not trusted. */
static void
lying_length (char  *contents,
              gsize *len)
{
  const char *id_line = g_strstr_len (contents, *len, ID "\n");
  gsize first = id_line + strlen (ID "\n") - contents;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = 32;

  g_assert_nonnull (id_line);
  memset (contents + first + 32, 0xff, 4);
  g_checksum_update (sum, (const guchar *) contents, *len - 32);
  g_checksum_get_digest (sum, (guint8 *) contents + *len - 32, &digest_len);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  guint n = 0;
  g_autofree char *cold = export (f, &n);
  void (*spoilers[]) (char *, gsize *) = {
    flip_html_byte, flip_last_byte, cut_short, cut_trailer, empty, other_magic, lying_length,
  };

  for (guint i = 0; i < G_N_ELEMENTS (spoilers); i++)
    check_spoilt (f, cold, spoilers[i]);
}

/* A symbolic link in place of the file is not followed, its target is
 * left alone, and the link is replaced by a file. */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *file = cache_file (f);
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target_after = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  gsize len = 0;
  guint n = 0;
  g_autofree char *cold = export (f, &n);

  read_cache (f, &contents, &len);
  g_assert_true (g_file_set_contents (elsewhere, contents, len, NULL));
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (symlink (elsewhere, file), ==, 0);

  after = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS);
  g_assert_cmpstr (after, ==, cold);
  assert_regular_file (file);
  g_assert_true (g_file_get_contents (elsewhere, &target_after, NULL, NULL));
  g_assert_cmpmem (target_after, len, contents, len);
  again = export (f, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* A FIFO in place of the file is not opened for reading (it would block)
 * and is replaced. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *file = cache_file (f);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  guint n = 0;
  g_autofree char *cold = export (f, &n);

  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (mkfifo (file, 0600), ==, 0);
  after = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS);
  g_assert_cmpstr (after, ==, cold);
  assert_regular_file (file);
  again = export (f, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* Makes @path read-only with a bind mount over itself. The mounts are
 * made in a mount namespace of this process's own, so a failing test
 * leaves none behind. */
static gboolean
bind_read_only (const char *path)
{
  return mount (path, path, NULL, MS_BIND, NULL) == 0 &&
         mount (NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0;
}

/* A cache folder that cannot be written to: the export succeeds, uses
 * what the folder holds, and highlights the rest. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *warm = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *body = body_for (100);
  g_autofree char *file = cache_file (f);
  g_autofree char *highlight = g_path_get_dirname (file);
  g_autofree char *cold = NULL;
  guint n = 0;

  if (getuid () != 0)
    {
      g_test_skip ("A read-only bind mount needs root.");
      return;
    }
  if (unshare (CLONE_NEWNS) != 0 || mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_test_skip ("No mount namespace here.");
      return;
    }
  cold = export (f, &n);
  g_assert_cmpint (g_mkdir_with_parents (f->cache, 0700), ==, 0);
  g_assert_true (bind_read_only (f->cache));
  warm = export (f, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (warm, ==, cold);
  set_body (f, 0, body);
  changed = export (f, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (umount (f->cache), ==, 0);

  /* No folder at all, and none can be made. */
  test_remove_tree (f->cache);
  g_assert_cmpint (g_mkdir (f->cache, 0700), ==, 0);
  g_assert_true (bind_read_only (f->cache));
  g_free (changed);
  changed = export (f, &n);
  g_assert_cmpuint (n, ==, N_BLOCKS);
  g_assert_false (g_file_test (highlight, G_FILE_TEST_EXISTS));
  g_assert_cmpint (umount (f->cache), ==, 0);
}

/* Several Markdown workers at once: the same pages, cold and warm. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  guint n = 0;
  g_autofree char *one = NULL;
  g_autofree char *cold = NULL;
  g_autofree char *warm = NULL;

  f->no_cache = TRUE;
  one = export (f, &n);
  f->no_cache = FALSE;
  f->threads = 4;
  cold = export (f, &n);
  g_assert_cmpuint (n, >=, N_BLOCKS);
  warm = export (f, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (cold, ==, one);
  g_assert_cmpstr (warm, ==, one);
}

/* The file holds what the last export used and nothing else: a block
 * taken out is forgotten, and the file shrinks. */
static void
test_only_used (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = cache_file (f);
  g_autofree char *original = body_for (7);
  guint n = 0;
  GStatBuf full, trimmed;

  g_free (export (f, &n));
  g_assert_cmpint (g_stat (file, &full), ==, 0);
  for (guint i = 0; i < N_ARTICLES; i++)
    set_body (f, i, i == 7 ? "No code now.\n" : "```fake\nshared ();\n```\n");
  g_free (export (f, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (g_stat (file, &trimmed), ==, 0);
  g_assert_cmpint (trimmed.st_size, <, full.st_size / 4);

  set_body (f, 7, original);
  g_free (export (f, &n));
  g_assert_cmpuint (n, ==, 2);
}

/* A failed export leaves the file as it was: what it highlighted is not
 * kept, and what it did not use is not dropped. */
static void
test_failed_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = cache_file (f);
  g_autofree char *out = g_build_filename (f->dir, "strict-site", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  TopiaryExportOptions options = { .format = TOPIARY_EXPORT_SITE, .cache_dir = f->cache, .strict = TRUE };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_free (export (f, &n));
  read_cache (f, &before, &before_len);
  for (guint i = 0; i < N_ARTICLES; i++)
    set_body (f, i, "```fake\nnew ();\n```\n\nSee [[Nowhere]].\n");
  g_assert_false (topiary_export (f->project, out, &options, NULL, NULL, &error));
  g_assert_nonnull (error);
  read_cache (f, &after, &after_len);
  g_assert_cmpmem (after, after_len, before, before_len);
}

/* A block used twice in one export is highlighted once. */
static void
test_twice_in_one_export (Fixture       *f,
                          gconstpointer  data)
{
  guint n = 0;

  f->no_cache = TRUE;
  g_free (export (f, &n));
  g_assert_cmpuint (n, ==, N_BLOCKS_ALL);
  f->no_cache = FALSE;
  g_free (export (f, &n));
  g_assert_cmpuint (n, ==, N_BLOCKS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/export-highlight-cache/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("second-export-highlights-nothing", test_second_export);
  ADD ("changed-block-highlighted-again", test_changed_block);
  ADD ("other-id-highlights-again", test_other_id);
  ADD ("damaged-file-ignored-and-replaced", test_damaged);
  ADD ("symlink-not-followed", test_symlink);
  ADD ("fifo-not-read", test_fifo);
  ADD ("read-only-folder", test_read_only);
  ADD ("threads-same-pages", test_threads);
  ADD ("holds-only-what-was-used", test_only_used);
  ADD ("same-block-twice-highlighted-once", test_twice_in_one_export);
  ADD ("failed-export-keeps-file", test_failed_export);
#undef ADD

  return g_test_run ();
}
