/* topiary-web-preview.c — the live HTML preview, in WebKit
 *
 * Built as a module the app loads on first use (topiary-preview.c); it
 * calls the core and the app through the executable's exported symbols.
 *
 * The shell page (theme CSS + an empty <article>) is loaded once; each
 * update only swaps the article's HTML through evaluate_javascript, so
 * there is no reload, no flicker, and the scroll position stays. The
 * rendered HTML is cut into its top-level blocks and compared with the
 * blocks on the page: only the changed range is sent, so the web process
 * parses a paragraph per keystroke, not the article. An update starts at
 * once when none is in flight; text that arrives meanwhile waits, and
 * only the newest text is rendered next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "topiary-debounce.h"
#include "topiary-markdown.h"
#include "topiary-media.h"
#include "topiary-media-refs.h"
#include "topiary-web-preview.h"

#define RESOURCE_PATH "/io/github/topiary/Topiary/"
/* No wait when idle: a keystroke reaches the page in the same frame. */
#define UPDATE_DELAY_MS 0
#define CURSOR_DELAY_MS 120

struct _TopiaryWebPreview
{
  GtkWidget        parent_instance;

  WebKitWebView   *web_view;

  TopiaryProject  *project;
  gint64           article_id;      /* whose files the images are */
  char            *base_uri;
  gboolean         shell_loaded;
  gboolean         shell_loading;

  char            *pending;         /* newest text not yet rendered */
  gint64           pending_since;   /* when it first became pending (µs) */
  gboolean         in_flight;
  gint64           in_flight_since;
  gsize            in_flight_bytes;
  gint64           in_flight_sent;  /* when the script went to the page (µs) */
  char            *in_flight_text;  /* to send again if a patch misses */
  gboolean         in_flight_full;
  GPtrArray       *blocks;          /* char *: the blocks on the page; NULL = unknown */
  char            *title;           /* the <h1> on the page; NULL = unknown */
  char            *shown_text;      /* the text the page shows */
  GCancellable    *cancellable;
  guint            n_updates;
  guint            cursor_line;

  TopiaryDebounce *update;
  TopiaryDebounce *cursor;
  gboolean         bench;
};

static void topiary_web_preview_iface_init (TopiaryPreviewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TopiaryWebPreview, topiary_web_preview, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TOPIARY_TYPE_PREVIEW, topiary_web_preview_iface_init))

enum {
  SIGNAL_OPEN_ARTICLE,
  SIGNAL_CREATE_ARTICLE,
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_update (TopiaryWebPreview *self);

static GtkWidget *
topiary_web_preview_get_web_view (TopiaryPreview *preview)
{
  return GTK_WIDGET (TOPIARY_WEB_PREVIEW (preview)->web_view);
}

static gboolean
topiary_web_preview_is_idle (TopiaryPreview *preview)
{
  TopiaryWebPreview *self = TOPIARY_WEB_PREVIEW (preview);

  return self->shell_loaded && !self->in_flight && self->pending == NULL;
}

static guint
topiary_web_preview_get_n_updates (TopiaryPreview *preview)
{
  return TOPIARY_WEB_PREVIEW (preview)->n_updates;
}

static GBytes *
lookup_resource (const char *path)
{
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* The export theme's CSS, so the preview looks like the published site;
 * our own sober stylesheet while the theme is not there. */
static char *
load_theme_css (void)
{
  g_autoptr(GBytes) bytes = lookup_resource (RESOURCE_PATH "themes/default/style.css");
  g_autofree char *path = NULL;
  char *contents = NULL;

  if (bytes != NULL)
    return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  path = g_build_filename (PKGDATADIR, "themes", "default", "style.css", NULL);
  if (g_file_get_contents (path, &contents, NULL, NULL))
    return contents;

  bytes = lookup_resource (RESOURCE_PATH "preview/preview-fallback.css");
  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
build_shell (void)
{
  g_autoptr(GBytes) html = lookup_resource (RESOURCE_PATH "preview/preview.html");
  g_autoptr(GBytes) css = lookup_resource (RESOURCE_PATH "preview/preview.css");
  g_autofree char *theme = load_theme_css ();
  g_autoptr(GString) page = NULL;

  g_assert (html != NULL && css != NULL);

  page = g_string_new_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  /* Neither stylesheet can close the <style> element it goes into. */
  g_string_replace (page, "@PREVIEW_CSS@", g_bytes_get_data (css, NULL), 1);
  {
    g_autoptr(GString) safe = g_string_new (theme);
    g_string_replace (safe, "</", "<\\/", 0);
    g_string_replace (page, "@THEME_CSS@", safe->str, 1);
  }
  return g_string_free (g_steal_pointer (&page), FALSE);
}

static void
load_shell (TopiaryWebPreview *self)
{
  g_autofree char *shell = build_shell ();

  self->shell_loaded = FALSE;
  self->shell_loading = TRUE;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  webkit_web_view_load_html (self->web_view, shell, self->base_uri);
}

static char *
project_base_uri (TopiaryProject *project)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (project == NULL || topiary_project_get_path (project) == NULL)
    return g_strdup ("file:///");
  dir = g_path_get_dirname (topiary_project_get_path (project));
  file = g_file_new_for_path (dir);
  uri = g_file_get_uri (file);
  return g_str_has_suffix (uri, "/") ? g_steal_pointer (&uri) : g_strconcat (uri, "/", NULL);
}

/* A file was added, replaced or removed: the page shows the text again,
 * its images under their new versions (image_versions()). */
static void
on_files_changed (TopiaryWebPreview *self)
{
  /* The newest text: in flight, else shown; pending text renders anyway. */
  const char *text = self->in_flight ? self->in_flight_text : self->shown_text;

  if (self->pending != NULL || text == NULL)
    return;
  self->pending = g_strdup (text);
  self->pending_since = g_get_monotonic_time ();
  schedule_update (self);
}

static void
topiary_web_preview_set_project (TopiaryPreview *preview,
                                 TopiaryProject *project)
{
  TopiaryWebPreview *self = TOPIARY_WEB_PREVIEW (preview);
  g_autofree char *base = NULL;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_files_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed::files", G_CALLBACK (on_files_changed), self, G_CONNECT_SWAPPED);
  base = project_base_uri (project);
  if (g_strcmp0 (base, self->base_uri) != 0 || (!self->shell_loaded && !self->shell_loading))
    {
      g_free (self->base_uri);
      self->base_uri = g_steal_pointer (&base);
      load_shell (self);
    }
}

static char *
resolve_link (const char  *target,
              char       **heading,
              gpointer     user_data)
{
  TopiaryWebPreview *self = user_data;

  if (self->project == NULL)
    return NULL;
  /* A project that cannot be read shows the link unresolved. */
  return topiary_project_resolve_link (self->project, target, heading, NULL);
}

static char *
js_string (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          /* U+2028 and U+2029 end a line in older JavaScript. */
          else if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 &&
                   ((guchar) p[2] == 0xA8 || (guchar) p[2] == 0xA9))
            {
              g_string_append (out, (guchar) p[2] == 0xA8 ? "\\u2028" : "\\u2029");
              p += 2;
            }
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
is_void_element (const char *name,
                 gsize       len)
{
  static const char * const names[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (names[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

/* Steps over a tag's attributes; returns its ">" or NULL. A quote opens
 * a value only right after "=", as in the HTML tokenizer. */
static const char *
skip_attributes (const char *p)
{
  char last = ' ';

  for (; *p != '\0' && *p != '>'; p++)
    {
      if ((*p == '"' || *p == '\'') && last == '=')
        {
          p = strchr (p + 1, *p);
          if (p == NULL)
            return NULL;
        }
      if (!g_ascii_isspace (*p))
        last = *p;
    }
  return *p == '>' ? p : NULL;
}

/* Cuts the HTML before each top-level element (or comment); the
 * whitespace after an element stays with it, so the blocks joined give
 * the page back, and each block parses alone as it does in place. cmark
 * escapes "<" in text and attributes; raw HTML (when the map allows it)
 * must close its elements in order, with void elements as the only
 * unclosed ones. Returns NULL for anything else (a stray "<", "<!x>",
 * "<?x>", "<div/>", misnested tags): the caller then sends the page
 * whole. */
static GPtrArray *
split_blocks (const char *html)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (const char *));
  const char *start = html;
  const char *p = html;

  while (*p != '\0')
    {
      const char *name;
      gsize len = 0;
      gboolean closing;

      if (*p != '<')
        {
          p++;
          continue;
        }

      if (strncmp (p, "<!--", 4) == 0)
        {
          const char *end = strstr (p + 4, "-->");

          /* "<!-->", "<!--->" and "--!>" end a comment early in HTML. */
          if (end == NULL || end < p + 5 || g_strstr_len (p, end - p, "--!>") != NULL)
            return NULL;
          if (open->len == 0 && p > start)
            {
              g_ptr_array_add (blocks, g_strndup (start, p - start));
              start = p;
            }
          p = end + 3;
          continue;
        }

      closing = p[1] == '/';
      name = p + (closing ? 2 : 1);
      if (!g_ascii_isalpha (*name))
        return NULL;
      while (g_ascii_isalnum (name[len]) || name[len] == '-')
        len++;

      if (closing)
        {
          const char *top;

          if (open->len == 0)
            return NULL;
          top = g_array_index (open, const char *, open->len - 1);
          if (g_ascii_strncasecmp (top, name, len) != 0 ||
              (g_ascii_isalnum (top[len]) || top[len] == '-'))
            return NULL;
          g_array_set_size (open, open->len - 1);
          if ((p = skip_attributes (name + len)) == NULL)
            return NULL;
          p++;
          continue;
        }

      if (open->len == 0 && p > start)
        {
          g_ptr_array_add (blocks, g_strndup (start, p - start));
          start = p;
        }
      if ((p = skip_attributes (name + len)) == NULL)
        return NULL;
      /* "/>" closes only void elements; "<div/>" stays open in HTML. */
      if (!is_void_element (name, len))
        g_array_append_val (open, name);
      p++;
    }

  if (open->len != 0)
    return NULL;
  if (p > start)
    g_ptr_array_add (blocks, g_strndup (start, p - start));
  return g_steal_pointer (&blocks);
}

#define SOURCEPOS_ATTR "data-sourcepos=\""

/* Reads "L:C-L:C\"" into @pos; returns the end of the value or NULL. */
static const char *
parse_sourcepos (const char *p,
                 guint64     pos[4])
{
  static const char seps[4] = { ':', '-', ':', '"' };

  for (guint i = 0; i < 4; i++)
    {
      char *end;

      if (!g_ascii_isdigit (*p))
        return NULL;
      pos[i] = g_ascii_strtoull (p, &end, 10);
      if (*end != seps[i])
        return NULL;
      p = end + 1;
    }
  return p;
}

/* TRUE when @fresh is @old with every source line moved by the same
 * number of lines, *@shift; the first difference found sets *@shift
 * when *@have_shift is FALSE. */
static gboolean
same_block_shifted (const char *old,
                    const char *fresh,
                    gint64     *shift,
                    gboolean   *have_shift)
{
  for (;;)
    {
      const char *a = strstr (old, SOURCEPOS_ATTR);
      const char *b = strstr (fresh, SOURCEPOS_ATTR);
      guint64 pa[4], pb[4];

      if (a == NULL || b == NULL)
        return a == b && strcmp (old, fresh) == 0;
      if (a - old != b - fresh || memcmp (old, fresh, a - old) != 0)
        return FALSE;
      old = parse_sourcepos (a + strlen (SOURCEPOS_ATTR), pa);
      fresh = parse_sourcepos (b + strlen (SOURCEPOS_ATTR), pb);
      if (old == NULL || fresh == NULL)
        return FALSE;
      if (pa[1] != pb[1] || pa[3] != pb[3] ||
          (gint64) (pb[0] - pa[0]) != (gint64) (pb[2] - pa[2]))
        return FALSE;
      if (!*have_shift)
        {
          *shift = (gint64) (pb[0] - pa[0]);
          *have_shift = TRUE;
        }
      else if (*shift != (gint64) (pb[0] - pa[0]))
        return FALSE;
    }
}

static void
append_js_blocks (GString   *script,
                  GPtrArray *blocks,
                  guint      from,
                  guint      to)
{
  g_string_append_c (script, '[');
  for (guint i = from; i < to; i++)
    {
      g_autofree char *arg = js_string (g_ptr_array_index (blocks, i));

      if (i > from)
        g_string_append_c (script, ',');
      g_string_append (script, arg);
    }
  g_string_append_c (script, ']');
}

/* The call that turns the page's blocks into @fresh: the whole article
 * (*@full) when the page's blocks are unknown or most of them changed,
 * else only the range that changed. */
static char *
build_update_script (GPtrArray *shown,
                     GPtrArray *fresh,
                     gboolean  *full)
{
  GString *script = g_string_new ("topiary.update(");
  guint prefix = 0, suffix = 0, n;
  gint64 shift = 0;
  gboolean have_shift = FALSE;

  *full = shown == NULL;
  if (shown == NULL)
    {
      g_string_append (script, "-1,0,0,");
      append_js_blocks (script, fresh, 0, fresh->len);
      g_string_append (script, ",0);");
      return g_string_free (script, FALSE);
    }

  n = MIN (shown->len, fresh->len);
  while (prefix < n && strcmp (g_ptr_array_index (shown, prefix), g_ptr_array_index (fresh, prefix)) == 0)
    prefix++;
  while (suffix < n - prefix &&
         same_block_shifted (g_ptr_array_index (shown, shown->len - 1 - suffix),
                             g_ptr_array_index (fresh, fresh->len - 1 - suffix),
                             &shift, &have_shift))
    suffix++;

  /* Most of the article changed (text replaced, pasted or undone):
   * swapping the whole article is cheaper than node-by-node. */
  if (shown->len + fresh->len - 2 * (prefix + suffix) > MAX (64, fresh->len / 2))
    {
      g_string_free (script, TRUE);
      return build_update_script (NULL, fresh, full);
    }

  g_string_append_printf (script, "%u,%u,%u,", shown->len, prefix, shown->len - prefix - suffix);
  append_js_blocks (script, fresh, prefix, fresh->len - suffix);
  g_string_append_printf (script, ",%" G_GINT64_FORMAT ");", suffix > 0 ? shift : 0);
  return g_string_free (script, FALSE);
}

static void
run_script (TopiaryWebPreview      *self,
            const char          *script,
            GAsyncReadyCallback  callback)
{
  webkit_web_view_evaluate_javascript (self->web_view, script, -1, TOPIARY_PREVIEW_WORLD,
                                       NULL, self->cancellable, callback, self);
}

static void
on_update_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  TopiaryWebPreview *self;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (error != NULL)
    g_debug ("Preview update failed: %s", error->message);

  self->in_flight = FALSE;
  /* The page did not hold the blocks we patched (it was reloaded): send
   * the whole article. */
  if (!self->in_flight_full &&
      (value == NULL || !jsc_value_is_number (value) || jsc_value_to_int32 (value) < 0))
    {
      g_clear_pointer (&self->blocks, g_ptr_array_unref);
      g_clear_pointer (&self->title, g_free);
      if (self->pending == NULL)
        {
          self->pending = g_steal_pointer (&self->in_flight_text);
          self->pending_since = self->in_flight_since;
        }
      schedule_update (self);
      return;
    }
  g_free (self->shown_text);
  self->shown_text = g_steal_pointer (&self->in_flight_text);
  self->n_updates++;
  if (self->bench)
    {
      gint64 now = g_get_monotonic_time ();

      /* Monotonic µs: the oldest edit this update covers, and when the
       * page had the new HTML. */
      g_print ("TOPIARY_BENCH preview-updated keystroke_us=%" G_GINT64_FORMAT
               " updated_us=%" G_GINT64_FORMAT " latency_ms=%.2f page_ms=%.2f bytes=%" G_GSIZE_FORMAT "\n",
               self->in_flight_since, now, (now - self->in_flight_since) / 1000.0,
               (now - self->in_flight_sent) / 1000.0, self->in_flight_bytes);
    }
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);

  if (self->pending != NULL)
    schedule_update (self);
  else if (self->cursor_line > 0)
    topiary_debounce_arm (self->cursor);
}

/* Name (lower case) → the start of its hash, for the article's files:
 * their URLs change when a file is replaced under the same name, so
 * WebKit's cache cannot show the old picture. NULL when @html shows no
 * image. */
static GHashTable *
image_versions (TopiaryWebPreview *self,
                const char        *html)
{
  g_autoptr(GPtrArray) files = NULL;
  GHashTable *versions;

  if (self->project == NULL || strstr (html, "<img") == NULL)
    return NULL;
  files = topiary_project_list_files (self->project, self->article_id, NULL);
  if (files == NULL)
    return NULL;
  versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);

      g_hash_table_insert (versions, g_utf8_strdown (info->name, -1), g_strndup (info->sha256, 16));
    }
  return versions;
}

static gboolean
update_cb (gpointer user_data)
{
  TopiaryWebPreview *self = user_data;
  TopiaryMarkdownOptions options = TOPIARY_MARKDOWN_OPTIONS_INIT;
  g_autoptr(TopiaryMarkdownResult) result = NULL;
  g_autoptr(TopiaryArticle) article = NULL;
  g_autofree char *text = NULL;
  g_autofree char *script = NULL;
  g_autofree char *allow_html = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  gint64 since;

  if (self->in_flight || !self->shell_loaded || self->pending == NULL)
    return G_SOURCE_REMOVE;

  text = g_steal_pointer (&self->pending);
  since = self->pending_since;

  if (self->project != NULL)
    allow_html = topiary_project_get_map_field (self->project, "allow_html");
  /* The title is the page's <h1>, as on the site: a body that starts
   * with it does not show it twice (topiary-markdown-title.h). */
  if (self->project != NULL && self->article_id != 0)
    article = topiary_project_get_article (self->project, self->article_id, FALSE, NULL);
  options.title = article != NULL ? topiary_article_get_title (article) : NULL;
  options.sourcepos = TRUE;
  options.allow_html = g_strcmp0 (allow_html, "1") == 0;
  options.resolve_heading = resolve_link;
  options.href_prefix = TOPIARY_ARTICLE_URI_PREFIX;
  options.user_data = self;
  options.highlight = topiary_highlight_get (&options.highlight_data);
  result = topiary_markdown_render (text, -1, &options);
  /* The article's images come from the project, before anything is
   * saved, never from the disk beside it. */
  if (self->article_id != 0)
    {
      g_autofree char *prefix = g_strdup_printf (TOPIARY_FILE_URI_SCHEME ":///%" G_GINT64_FORMAT "/",
                                                 self->article_id);
      g_autoptr(GHashTable) versions = image_versions (self, result->html);

      html = topiary_media_prefix_image_sources_versioned (result->html, prefix, versions);
    }

  blocks = split_blocks (html != NULL ? html : result->html);
  if (blocks == NULL)
    {
      blocks = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (blocks, g_strdup (html != NULL ? html : result->html));
      g_clear_pointer (&self->blocks, g_ptr_array_unref);
    }

  script = build_update_script (self->blocks, blocks, &self->in_flight_full);
  if (g_strcmp0 (options.title, self->title) != 0)
    {
      g_autofree char *quoted = js_string (options.title != NULL ? options.title : "");
      char *with_title = g_strdup_printf ("topiary.setTitle(%s);%s", quoted, script);

      g_free (script);
      script = with_title;
      g_free (self->title);
      self->title = g_strdup (options.title);
    }
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->blocks = g_steal_pointer (&blocks);
  self->in_flight = TRUE;
  self->in_flight_sent = g_get_monotonic_time ();
  run_script (self, script, on_update_done);

  self->in_flight_since = since;
  self->in_flight_bytes = strlen (text);
  g_free (self->in_flight_text);
  self->in_flight_text = g_steal_pointer (&text);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (TopiaryWebPreview *self)
{
  if (!self->in_flight && self->shell_loaded)
    topiary_debounce_arm_once (self->update);
}

static void
topiary_web_preview_set_article (TopiaryPreview *preview,
                                 gint64          article_id)
{
  TOPIARY_WEB_PREVIEW (preview)->article_id = article_id;
}

/* topiary-file:///<article id>/<name>: the file from the project, or an
 * error the page shows as a broken image. */
static void
on_file_request (WebKitURISchemeRequest *request,
                 gpointer                user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  TopiaryWebPreview *self = web_view != NULL ? g_object_get_data (G_OBJECT (web_view), "topiary-web-preview") : NULL;
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *end = NULL;
  gint64 article_id;

  while (path != NULL && *path == '/')
    path++;
  article_id = path != NULL ? g_ascii_strtoll (path, &end, 10) : 0;
  if (self != NULL && self->project != NULL && article_id > 0 && end != NULL && *end == '/')
    {
      name = g_uri_unescape_string (end + 1, NULL);
      if (name != NULL)
        info = topiary_project_find_file (self->project, article_id, name, &error);
    }
  if (info != NULL)
    data = topiary_project_get_file_data (self->project, info->sha256, &error);
  if (data == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such file in the project");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  stream = g_memory_input_stream_new_from_bytes (data);
  webkit_uri_scheme_request_finish (request, stream, g_bytes_get_size (data), info->mime);
}

static void
topiary_web_preview_set_markdown (TopiaryPreview *preview,
                                  const char     *markdown)
{
  TopiaryWebPreview *self = TOPIARY_WEB_PREVIEW (preview);

  if (self->pending == NULL)
    self->pending_since = g_get_monotonic_time ();
  g_free (self->pending);
  self->pending = g_strdup (markdown ? markdown : "");
  schedule_update (self);
}

static void
on_scroll_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);
}

static gboolean
cursor_cb (gpointer user_data)
{
  TopiaryWebPreview *self = user_data;
  g_autofree char *script = NULL;

  if (!self->shell_loaded || self->in_flight || self->cursor_line == 0)
    return G_SOURCE_REMOVE;
  script = g_strdup_printf ("topiary.scrollToLine(%u);", self->cursor_line);
  run_script (self, script, on_scroll_done);
  return G_SOURCE_REMOVE;
}

static void
topiary_web_preview_scroll_to_line (TopiaryPreview *preview,
                                    guint           line)
{
  TopiaryWebPreview *self = TOPIARY_WEB_PREVIEW (preview);

  self->cursor_line = line;
  topiary_debounce_arm (self->cursor);
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 TopiaryWebPreview  *self)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;
  self->shell_loading = FALSE;
  self->shell_loaded = TRUE;
  schedule_update (self);
}

static void
open_external (TopiaryWebPreview *self,
               const char     *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
handle_link (TopiaryWebPreview *self,
             const char     *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  if (g_str_has_prefix (uri, TOPIARY_ARTICLE_URI_PREFIX))
    {
      const char *rest = uri + strlen (TOPIARY_ARTICLE_URI_PREFIX);
      /* [[Title#Heading]] ends with the heading's "#id": the article opens. */
      g_autofree char *escaped = g_strndup (rest, strcspn (rest, "#"));
      g_autofree char *slug = g_uri_unescape_string (escaped, NULL);

      if (slug != NULL && *slug != '\0')
        g_signal_emit (self, signals[SIGNAL_OPEN_ARTICLE], 0, slug);
    }
  else if (self->base_uri != NULL && g_str_has_prefix (uri, self->base_uri) &&
           uri[strlen (self->base_uri)] == '#')
    {
      g_autofree char *id = g_uri_unescape_string (uri + strlen (self->base_uri) + 1, NULL);
      g_autofree char *arg = js_string (id ? id : "");
      g_autofree char *script = g_strconcat ("topiary.scrollToId(", arg, ");", NULL);
      run_script (self, script, on_scroll_done);
    }
  else if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0 ||
           g_strcmp0 (scheme, "mailto") == 0)
    open_external (self, uri);
}

/* The page never navigates: the shell's own load goes through, every
 * other request is refused and, for a click on a link, handled here. */
static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  TopiaryWebPreview           *self)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  if (self->shell_loading && type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_strcmp0 (uri, self->base_uri) == 0)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && uri != NULL)
    handle_link (self, uri);
  return TRUE;
}

static gboolean
on_context_menu (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit,
                 TopiaryWebPreview      *self)
{
  /* Keep Copy and friends; drop Reload, Back, Open Link… */
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l; l = l->next)
    {
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (l->data);
      if (action != WEBKIT_CONTEXT_MENU_ACTION_COPY &&
          action != WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL &&
          action != WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD)
        webkit_context_menu_remove (menu, l->data);
    }
  g_list_free (items);
  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
on_script_message (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   TopiaryWebPreview           *self)
{
  g_autofree char *target = NULL;

  if (!jsc_value_is_string (value))
    return;
  target = jsc_value_to_string (value);
  g_strstrip (target);
  if (*target != '\0')
    g_signal_emit (self, signals[SIGNAL_CREATE_ARTICLE], 0, target);
}

static void
topiary_web_preview_dispose (GObject *object)
{
  TopiaryWebPreview *self = TOPIARY_WEB_PREVIEW (object);

  /* A file request arriving later finds no preview. */
  if (self->web_view != NULL)
    g_object_set_data (G_OBJECT (self->web_view), "topiary-web-preview", NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->update, topiary_debounce_free);
  g_clear_pointer (&self->cursor, topiary_debounce_free);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->in_flight_text, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->shown_text, g_free);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOPIARY_TYPE_WEB_PREVIEW);
  /* The template's root is not a bound child: let go of it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (topiary_web_preview_parent_class)->dispose (object);
}

static void
topiary_web_preview_class_init (TopiaryWebPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = topiary_web_preview_dispose;

  /* The signals belong to the interface. */
  signals[SIGNAL_OPEN_ARTICLE] = g_signal_lookup ("open-article", TOPIARY_TYPE_PREVIEW);
  signals[SIGNAL_CREATE_ARTICLE] = g_signal_lookup ("create-article", TOPIARY_TYPE_PREVIEW);
  signals[SIGNAL_UPDATED] = g_signal_lookup ("updated", TOPIARY_TYPE_PREVIEW);
  g_assert (signals[SIGNAL_OPEN_ARTICLE] != 0 && signals[SIGNAL_CREATE_ARTICLE] != 0 &&
            signals[SIGNAL_UPDATED] != 0);

  g_type_ensure (WEBKIT_TYPE_WEB_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/topiary/Topiary/ui/topiary-web-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, TopiaryWebPreview, web_view);
  gtk_widget_class_bind_template_callback (widget_class, on_load_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_decide_policy);
  gtk_widget_class_bind_template_callback (widget_class, on_context_menu);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
topiary_web_preview_iface_init (TopiaryPreviewInterface *iface)
{
  iface->set_project = topiary_web_preview_set_project;
  iface->set_markdown = topiary_web_preview_set_markdown;
  iface->scroll_to_line = topiary_web_preview_scroll_to_line;
  iface->get_web_view = topiary_web_preview_get_web_view;
  iface->is_idle = topiary_web_preview_is_idle;
  iface->get_n_updates = topiary_web_preview_get_n_updates;
  iface->set_article = topiary_web_preview_set_article;
}

static void
topiary_web_preview_init (TopiaryWebPreview *self)
{
  WebKitSettings *settings;
  WebKitUserContentManager *content;
  g_autoptr(GBytes) js = NULL;
  g_autoptr(WebKitUserScript) script = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->update = topiary_debounce_new (UPDATE_DELAY_MS, update_cb, self);
  self->cursor = topiary_debounce_new (CURSOR_DELAY_MS, cursor_cb, self);
  self->bench = g_strcmp0 (g_getenv ("TOPIARY_BENCH"), "1") == 0;

  /* One handler per web context, whatever the number of previews: it
   * finds its preview through the requesting view. */
  g_object_set_data (G_OBJECT (self->web_view), "topiary-web-preview", self);
  {
    WebKitWebContext *context = webkit_web_view_get_context (self->web_view);

    if (g_object_get_data (G_OBJECT (context), "topiary-file-scheme") == NULL)
      {
        webkit_web_context_register_uri_scheme (context, TOPIARY_FILE_URI_SCHEME, on_file_request, NULL, NULL);
        g_object_set_data (G_OBJECT (context), "topiary-file-scheme", GINT_TO_POINTER (1));
      }
  }

  settings = webkit_web_view_get_settings (self->web_view);
  /* Scripts in documents never run; ours live in a separate world. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);

  js = g_resources_lookup_data (RESOURCE_PATH "preview/preview.js", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (js != NULL);
  script = webkit_user_script_new_for_world (g_bytes_get_data (js, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             TOPIARY_PREVIEW_WORLD, NULL, NULL);
  content = webkit_web_view_get_user_content_manager (self->web_view);
  webkit_user_content_manager_add_script (content, script);
  /* Only our isolated world can post to the app. */
  g_signal_connect_object (content, "script-message-received::topiary",
                           G_CALLBACK (on_script_message), self, 0);
  webkit_user_content_manager_register_script_message_handler (content, "topiary", TOPIARY_PREVIEW_WORLD);
}
