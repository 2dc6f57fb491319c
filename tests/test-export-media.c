/* test-export-media.c — images and files in the site, Hugo, JSON and CSV
 * exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "topiary-export.h"
#include "topiary-import.h"
#include "topiary-media.h"
#include "topiary-project.h"
#include "media-util.h"
#include "test-util.h"

typedef struct {
  char           *dir;
  char           *out;
  TopiaryProject *project;
  gint64          a, b, c;
  GBytes         *png;
  GBytes         *pdf;
  GBytes         *draft_png;
  TopiaryFileInfo *shot;
} Fixture;

static gint64
add_article (Fixture        *f,
             gint64          group,
             const char     *title,
             TopiaryStatus   status,
             const char     *body)
{
  g_autoptr(TopiaryArticle) article = topiary_article_new ();
  g_autoptr(GError) error = NULL;

  topiary_article_set_title (article, title);
  topiary_article_set_group_id (article, group);
  topiary_article_set_status (article, status);
  topiary_article_set_body (article, body);
  g_assert_true (topiary_project_add_article (f->project, article, &error));
  g_assert_no_error (error);
  return topiary_article_get_id (article);
}

static TopiaryFileInfo *
add_file (Fixture    *f,
          gint64      article,
          const char *name,
          GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  TopiaryFileInfo *info = topiary_project_add_file (f->project, article, name, data, &error);

  g_assert_no_error (error);
  return info;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryGroup) group = topiary_group_new ("Getting started");
  g_autofree char *path = NULL;
  g_autoptr(TopiaryFileInfo) other = NULL;
  g_autoptr(TopiaryFileInfo) doc = NULL;
  g_autoptr(TopiaryFileInfo) hidden = NULL;

  f->dir = g_dir_make_tmp ("topiary-export-media-XXXXXX", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  path = g_build_filename (f->dir, "map.topiary", NULL);
  f->project = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_project_set_map_field (f->project, "title", "Field Guide", &error));
  g_assert_true (topiary_project_add_group (f->project, group, &error));
  g_assert_no_error (error);

  f->png = test_image ("png", 40, 30, 1);
  f->draft_png = test_image ("png", 16, 16, 7);
  f->pdf = g_bytes_new_static (test_pdf, strlen (test_pdf));
  f->a = add_article (f, topiary_group_get_id (group), "Flask basics", TOPIARY_STATUS_PUBLISHED,
                      "# Flask basics\n\n"
                      "![A \"quoted\" & <odd> alt](images/shot.png)\n\n"
                      "Some text.\n\n"
                      "![Again](./images/shot.png \"A title\")\n\n"
                      "Read [the report](files/report.pdf).\n\n"
                      "```\n![not an image](images/shot.png)\n```\n");
  f->b = add_article (f, topiary_group_get_id (group), "Routing", TOPIARY_STATUS_PUBLISHED,
                      "Same picture: ![Same](images/other.png)\n\n![Missing](images/none.png)\n");
  f->c = add_article (f, topiary_group_get_id (group), "Not yet", TOPIARY_STATUS_PLANNED,
                      "![Draft](images/draft.png)\n");
  f->shot = add_file (f, f->a, "shot.png", f->png);
  doc = add_file (f, f->a, "report.pdf", f->pdf);
  other = add_file (f, f->b, "other.png", f->png);
  hidden = add_file (f, f->c, "draft.png", f->draft_png);
  g_assert_true (topiary_project_set_cover (f->project, f->a, f->shot->id, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_bytes_unref (f->png);
  g_bytes_unref (f->pdf);
  g_bytes_unref (f->draft_png);
  topiary_file_info_free (f->shot);
}

static void
export (Fixture             *f,
        TopiaryExportFormat  format,
        const char          *base_url)
{
  TopiaryExportOptions opts = { 0 };
  g_autoptr(GError) error = NULL;

  opts.format = format;
  opts.base_url = base_url;
  g_assert_true (topiary_export (f->project, f->out, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
read_text (const char *dir,
           const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("missing: %s", rel);
  return text;
}

/* @url, relative to the page @rel in @dir, names a file of the site. */
static gboolean
check_url (const char *root,
           const char *rel,
           const char *dir,
           const char *url)
{
  g_autofree char *target = NULL;
  g_autofree char *clean = NULL;

  if (strstr (url, "://") != NULL || url[0] == '/' || url[0] == '#' || g_str_has_prefix (url, "data:"))
    return FALSE;
  target = g_build_filename (root, dir, url, NULL);
  clean = g_canonicalize_filename (target, NULL);
  if (!g_file_test (clean, G_FILE_TEST_IS_REGULAR))
    g_error ("%s: \"%s\" leads nowhere", rel, url);
  return TRUE;
}

/* Every src="…" and every candidate of a srcset="…" in the site's pages
 * that is a relative path names a file of the site. */
static guint
check_links (const char *root)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  test_list_files (root, "", files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *text = NULL;
      g_autofree char *dir = NULL;

      if (!g_str_has_suffix (rel, ".html"))
        continue;
      text = read_text (root, rel);
      dir = g_path_get_dirname (rel);
      for (const char *p = text; (p = strstr (p, " src=\"")) != NULL; )
        {
          const char *start = p + 6;
          const char *end = strchr (start, '"');
          g_autofree char *url = g_strndup (start, end - start);

          p = end;
          checked += check_url (root, rel, dir, url);
        }
      /* "a.png 800w, b.png 1600w": the URL is each candidate's first word. */
      for (const char *p = text; (p = strstr (p, " srcset=\"")) != NULL; )
        {
          const char *start = p + 9;
          const char *end = strchr (start, '"');
          g_autofree char *value = g_strndup (start, end - start);
          g_auto(GStrv) candidates = g_strsplit (value, ",", -1);

          p = end;
          for (guint k = 0; candidates[k] != NULL; k++)
            {
              g_auto(GStrv) words = g_strsplit (g_strstrip (candidates[k]), " ", 2);

              g_assert_nonnull (words[0]);
              g_assert_nonnull (words[1]);
              checked += check_url (root, rel, dir, words[0]);
            }
        }
    }
  return checked;
}

static guint
count_files_under (const char *root,
                   const char *rel)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  test_list_files (root, rel, files);
  return files->len;
}

static void
test_site (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *page = NULL;
  g_autofree char *page_b = NULL;
  g_autofree char *media = NULL;
  g_autofree char *img = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *og = NULL;
  g_autofree char *ld = NULL;
  g_autofree char *pdf_href = NULL;
  g_autofree char *on_disk = NULL;
  gsize on_disk_len = 0;
  const char *p;

  export (f, TOPIARY_EXPORT_SITE, "https://example.org/");
  media = g_strdup_printf ("media/shot-%.12s.png", f->shot->sha256);

  /* Once, under media/, the bytes as stored; the draft's image not at all. */
  {
    g_autofree char *path = g_build_filename (f->out, media, NULL);
    g_assert_true (g_file_get_contents (path, &on_disk, &on_disk_len, NULL));
    g_assert_cmpmem (on_disk, on_disk_len, g_bytes_get_data (f->png, NULL), g_bytes_get_size (f->png));
  }
  g_assert_cmpuint (count_files_under (f->out, "media"), ==, 2);

  page = read_text (f->out, "flask-basics/index.html");
  /* The first image: size, no lazy loading; the alt text escaped. */
  first = g_strdup_printf ("<img src=\"../%s\" width=\"40\" height=\"30\" decoding=\"async\" "
                           "alt=\"A &quot;quoted&quot; &amp; &lt;odd&gt; alt\"", media);
  g_assert_nonnull (strstr (page, first));
  /* The second: lazy, its title kept. */
  second = g_strdup_printf ("<img src=\"../%s\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\" "
                            "alt=\"Again\" title=\"A title\"", media);
  g_assert_nonnull (strstr (page, second));
  /* The PDF link leads to its copy; the code block is left as written. */
  pdf_href = g_strdup_printf ("<a href=\"../media/report-");
  g_assert_nonnull (strstr (page, pdf_href));
  g_assert_nonnull (strstr (page, "![not an image](images/shot.png)"));
  g_assert_null (strstr (page, "src=\"images/"));

  /* The cover: Open Graph, Twitter and JSON-LD, absolute. */
  og = g_strdup_printf ("<meta property=\"og:image\" content=\"https://example.org/%s\">", media);
  g_assert_nonnull (strstr (page, og));
  img = g_strdup_printf ("<meta name=\"twitter:image\" content=\"https://example.org/%s\">", media);
  g_assert_nonnull (strstr (page, img));
  ld = g_strdup_printf ("\"image\":\"https://example.org/%s\"", media);
  g_assert_nonnull (strstr (page, ld));

  /* The other article's copy of the same bytes: the same file. */
  page_b = read_text (f->out, "routing/index.html");
  p = strstr (page_b, media);
  g_assert_nonnull (p);
  g_assert_null (strstr (page_b, "og:image"));
  /* An image the project does not hold stays as written (check reports it). */
  g_assert_nonnull (strstr (page_b, "src=\"images/none.png\""));
}

static void
test_site_links (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) b = topiary_project_get_article (f->project, f->b, TRUE, &error);

  g_autoptr(GBytes) wide = test_image ("png", 1600, 1000, 5);
  g_autoptr(TopiaryFileInfo) wide_info = add_file (f, f->b, "wide.png", wide);

  /* Without the missing image, every src of the site leads to a file, and
   * so does each candidate of the large image's srcset. */
  topiary_article_set_body (b, "Same picture: ![Same](images/other.png)\n\n![Wide](images/wide.png)\n");
  g_assert_true (topiary_project_update_article (f->project, b, &error));
  g_assert_no_error (error);
  export (f, TOPIARY_EXPORT_SITE, NULL);
  g_assert_cmpuint (check_links (f->out), >=, 6);
  {
    g_autofree char *page = read_text (f->out, "routing/index.html");
    g_autofree char *srcset = g_strdup_printf ("srcset=\"../media/wide-%.12s-800w.png 800w, ../media/wide-%.12s.png 1600w\"",
                                               wide_info->sha256, wide_info->sha256);
    g_assert_nonnull (strstr (page, srcset));
  }
  /* Without a base URL the cover is given from the page. */
  {
    g_autofree char *page = read_text (f->out, "flask-basics/index.html");
    g_autofree char *og = g_strdup_printf ("<meta property=\"og:image\" content=\"../media/shot-%.12s.png\">",
                                           f->shot->sha256);
    g_assert_nonnull (strstr (page, og));
  }
}

static void
test_hugo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *index = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *shot = g_build_filename (f->out, "content/getting-started/flask-basics/images/shot.png", NULL);
  g_autofree char *report = g_build_filename (f->out, "content/getting-started/flask-basics/files/report.pdf", NULL);
  g_autofree char *routing = g_build_filename (f->out, "content/getting-started/routing/index.md", NULL);
  g_autofree char *flat = g_build_filename (f->out, "content/getting-started/flask-basics.md", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  export (f, TOPIARY_EXPORT_HUGO, "https://example.org/");

  /* A page bundle: index.md with its files beside it, under their names. */
  index = read_text (f->out, "content/getting-started/flask-basics/index.md");
  g_assert_false (g_file_test (flat, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (index, "![A \"quoted\" & <odd> alt](images/shot.png)"));
  g_assert_nonnull (strstr (index, "/getting-started/flask-basics/images/shot.png"));
  g_assert_nonnull (strstr (index, "images:"));
  g_assert_true (g_file_get_contents (shot, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (f->png, NULL), g_bytes_get_size (f->png));
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (routing, G_FILE_TEST_IS_REGULAR));

  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed: the Hugo build was not tried");
      return;
    }
  {
    g_autofree char *layouts = g_build_filename (f->out, "layouts", "_default", NULL);
    g_autofree char *single = g_build_filename (layouts, "single.html", NULL);
    g_autofree char *list = g_build_filename (layouts, "list.html", NULL);
    g_autofree char *public = g_build_filename (f->dir, "public", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *page = NULL;
    g_autofree char *published = g_build_filename (public, "getting-started/flask-basics/images/shot.png", NULL);
    g_autofree char *published_b = g_build_filename (public, "getting-started/routing/images/other.png", NULL);
    g_autoptr(GError) error = NULL;
    const char *argv[] = { hugo, "-d", public, NULL };
    int status = 0;

    g_assert_cmpint (g_mkdir_with_parents (layouts, 0755), ==, 0);
    g_assert_true (g_file_set_contents (single, "{{ .Content }}", -1, NULL));
    g_assert_true (g_file_set_contents (list, "{{ range .Pages }}{{ .Title }}{{ end }}", -1, NULL));
    g_assert_true (g_spawn_sync (f->out, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("hugo failed: %s", err);
    page = read_text (public, "getting-started/flask-basics/index.html");
    /* The page shows the image, which Hugo published beside it. */
    g_assert_nonnull (strstr (page, "<img src=\"images/shot.png\""));
    g_assert_true (g_file_test (published, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (published_b, G_FILE_TEST_IS_REGULAR));
    plain = read_text (public, "getting-started/routing/index.html");
    g_assert_nonnull (strstr (plain, "<img src=\"images/other.png\""));
  }
}

/* Exported as Hugo bundles and imported again: the same files under the
 * same names, the same bodies. */
static void
test_hugo_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "back.topiary", NULL);
  g_autoptr(TopiaryProject) back = NULL;
  g_autoptr(TopiaryImportReport) report = topiary_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryArticle) a = NULL;
  g_autoptr(TopiaryArticle) orig = NULL;
  g_autoptr(GPtrArray) files = NULL;

  export (f, TOPIARY_EXPORT_HUGO, NULL);
  back = topiary_project_open (path, TOPIARY_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (topiary_import (back, f->out, TOPIARY_IMPORT_HUGO, report, NULL, NULL, &error));
  g_assert_no_error (error);

  a = topiary_project_get_article_by_slug (back, "flask-basics", TRUE, NULL);
  orig = topiary_project_get_article (f->project, f->a, TRUE, NULL);
  g_assert_cmpstr (topiary_article_get_body (a), ==, topiary_article_get_body (orig));
  files = topiary_project_list_files (back, topiary_article_get_id (a), NULL);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (((TopiaryFileInfo *)g_ptr_array_index (files, 1))->name, ==, "images/shot.png");
  g_assert_cmpstr (((TopiaryFileInfo *)g_ptr_array_index (files, 1))->sha256, ==, f->shot->sha256);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (f->out, ".json", NULL);
  JsonArray *articles, *files;
  JsonObject *file;
  gboolean seen = FALSE;

  g_free (f->out);
  f->out = g_strdup (path);
  export (f, TOPIARY_EXPORT_JSON, NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  articles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "articles");
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *a = json_array_get_object_element (articles, i);

      if (g_strcmp0 (json_object_get_string_member (a, "title"), "Flask basics") != 0)
        continue;
      files = json_object_get_array_member (a, "files");
      g_assert_cmpuint (json_array_get_length (files), ==, 2);
      file = json_array_get_object_element (files, 1);
      g_assert_cmpstr (json_object_get_string_member (file, "name"), ==, "images/shot.png");
      g_assert_cmpstr (json_object_get_string_member (file, "type"), ==, "image/png");
      g_assert_cmpint (json_object_get_int_member (file, "size"), ==, g_bytes_get_size (f->png));
      g_assert_cmpstr (json_object_get_string_member (file, "sha256"), ==, f->shot->sha256);
      g_assert_cmpint (json_object_get_int_member (file, "width"), ==, 40);
      g_assert_true (json_object_get_boolean_member (file, "cover"));
      seen = TRUE;
    }
  g_assert_true (seen);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_strconcat (f->out, ".csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_free (f->out);
  f->out = g_strdup (path);
  export (f, TOPIARY_EXPORT_CSV, NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",summary,cover"));
  for (guint i = 1; lines[i] != NULL; i++)
    if (strstr (lines[i], "Flask basics") != NULL)
      g_assert_true (g_str_has_suffix (lines[i], ",images/shot.png"));
    else if (lines[i][0] != '\0')
      g_assert_true (g_str_has_suffix (lines[i], ","));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/core/export-media/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("site", test_site);
  ADD ("site-links", test_site_links);
  ADD ("hugo", test_hugo);
  ADD ("hugo-round-trip", test_hugo_round_trip);
  ADD ("json", test_json);
  ADD ("csv", test_csv);
#undef ADD

  return g_test_run ();
}
