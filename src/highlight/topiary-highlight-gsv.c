/* topiary-highlight-gsv.c — fenced code highlighted with GtkSourceView 5
 *
 * GtkSourceView styles its highlighting tags from a style scheme and
 * keeps no public record of which style a tag stands for. So we load a
 * scheme of our own in which each style the language definitions fall
 * back to (def:keyword, def:string …) has its own foreground colour,
 * #0000NN, NN being the index of its class in topiary_highlight_classes:
 * after gtk_source_buffer_ensure_highlight() the colour of a tag says
 * the class of its text. The scheme is written to a private temporary
 * folder, loaded, and the folder removed (a scheme manager reads only
 * files).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "topiary-escape.h"
#include "topiary-highlight.h"
#include "topiary-highlight-gsv.h"

#define CODE_MAX (256 * 1024)
/* GtkSourceView gives up on a line that takes it over a second (with a
 * critical warning) and highlights nothing more in that buffer: longer
 * lines (minified code) are left plain. */
#define LINE_MAX_BYTES (8 * 1024)
/* Part of the highlighter's id (topiary_highlight_install_full()), which
 * names what the site export keeps between exports: bump it whenever the
 * same code could come out otherwise (the styles table, the aliases,
 * CODE_MAX, LINE_MAX_BYTES, how spans are written). */
#define HIGHLIGHTER_VERSION 1

/* GtkSourceView's styles and the class (in topiary_highlight_classes) of
 * their text. A language's own styles fall back to these. */
static const struct {
  const char *style;
  const char *class;
} styles[] = {
  { "def:comment", "comment" },
  { "def:shebang", "comment" },
  { "def:doc-comment", "comment" },
  { "def:doc-comment-element", "comment" },
  { "def:string", "string" },
  { "def:character", "string" },
  { "def:special-char", "escape" },
  { "def:number", "number" },
  { "def:constant", "constant" },
  { "def:special-constant", "constant" },
  { "def:boolean", "constant" },
  { "def:keyword", "keyword" },
  { "def:statement", "keyword" },
  { "def:operator", "operator" },
  { "def:type", "type" },
  { "def:function", "function" },
  { "def:builtin", "builtin" },
  { "def:identifier", "identifier" },
  { "def:preprocessor", "preproc" },
  { "def:error", "error" },
  { "def:note", "note" },
  { "def:net-address", "link" },
  { "def:link-destination", "link" },
  { "def:heading", "heading" },
  { "def:emphasis", "emphasis" },
  { "def:strong-emphasis", "strong" },
  { "def:insertion", "inserted" },
  { "def:deletion", "deleted" },
};

/* Fence names that are not GtkSourceView's language ids. */
static const struct {
  const char *name;
  const char *id;
} aliases[] = {
  { "bash", "sh" }, { "shell", "sh" }, { "zsh", "sh" }, { "console", "sh" },
  { "shell-session", "sh" }, { "ksh", "sh" },
  { "py", "python3" }, { "python", "python3" }, { "py3", "python3" },
  { "python2", "python" },
  { "javascript", "js" }, { "mjs", "js" }, { "node", "js" },
  { "ts", "typescript" }, { "tsx", "typescript-jsx" },
  { "c++", "cpp" }, { "cxx", "cpp" }, { "cc", "cpp" }, { "hpp", "cpphdr" }, { "h", "chdr" },
  { "cs", "c-sharp" }, { "c#", "c-sharp" }, { "csharp", "c-sharp" }, { "rs", "rust" }, { "golang", "go" },
  { "rb", "ruby" }, { "yml", "yaml" }, { "md", "markdown" }, { "htm", "html" },
  { "xhtml", "html" }, { "svg", "xml" }, { "patch", "diff" }, { "dockerfile", "docker" },
  { "make", "makefile" }, { "mk", "makefile" }, { "kt", "kotlin" }, { "pl", "perl" },
  { "hs", "haskell" }, { "tex", "latex" }, { "ps1", "powershell" }, { "bat", "dosbatch" },
  { "cmd", "dosbatch" }, { "jsonc", "json" }, { "protobuf", "proto" }, { "po", "gettext-translation" }, { "tf", "terraform" },
  { "el", "commonlisp" }, { "lisp", "commonlisp" }, { "ml", "ocaml" }, { "fs", "fsharp" },
  { "vb", "vbnet" }, { "conf", "ini" }, { "cfg", "ini" },
};

/* A highlighter: GtkSourceView's objects for one thread at a time.
 * GtkSourceView is not thread-safe, but its objects share no state
 * between language managers: each highlighter has its own manager (so
 * its own parsed languages and their compiled regexes), its own style
 * scheme (a scheme caches its styles as they are asked for) and its own
 * buffers, so highlighters run on several threads at once. Threads take
 * one from the pool and give it back; the pool grows to the number of
 * threads that highlight at the same time (the site export's Markdown
 * workers), and keeps them: a new buffer costs 10 to 30 ms. */
typedef struct {
  GtkSourceLanguageManager *languages;
  GtkSourceStyleScheme     *scheme;
  GHashTable               *known;    /* fence name → GtkSourceLanguage, or the manager for none */
  GHashTable               *buffers;  /* GtkSourceLanguage → GtkSourceBuffer */
} Highlighter;

/* Guards the pool and every set-up: making a highlighter and finding a
 * language parse XML (libxml2 wants its first use on one thread). The
 * highlighting itself runs outside it. */
static GMutex pool_lock;
static GPtrArray *pool;          /* Highlighter *, free to take */
static guint made;               /* highlighters made so far */
static gboolean broken;
static GQuark class_quark;
static TopiaryHighlightGsvTestHook test_hook;
static gpointer test_hook_data;

static GtkSourceStyleScheme *
load_scheme (GError **error)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<style-scheme id=\"topiary-tokens\" name=\"Topiary tokens\" version=\"1.0\">\n");
  g_autoptr(GtkSourceStyleSchemeManager) manager = gtk_source_style_scheme_manager_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char * const search[] = { NULL, NULL };
  GtkSourceStyleScheme *found;

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      guint index = 0;

      while (!g_str_equal (topiary_highlight_classes[index], styles[i].class))
        index++;
      g_string_append_printf (xml, "  <style name=\"%s\" foreground=\"#0000%02x\"/>\n",
                              styles[i].style, index + 1);
    }
  g_string_append (xml, "</style-scheme>\n");

  dir = g_dir_make_tmp ("topiary-highlight-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "topiary-tokens.xml", NULL);
  if (g_file_set_contents (path, xml->str, xml->len, error))
    {
      ((const char **) search)[0] = dir;
      gtk_source_style_scheme_manager_set_search_path (manager, search);
      found = gtk_source_style_scheme_manager_get_scheme (manager, "topiary-tokens");
      if (found != NULL)
        g_object_ref (found);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no style scheme");
    }
  else
    found = NULL;
  g_unlink (path);
  g_rmdir (dir);
  return found;
}

/* A free highlighter, made if none is free; NULL when GtkSourceView
 * cannot be set up. Called with pool_lock held. */
static Highlighter *
highlighter_take (void)
{
  g_autoptr(GError) error = NULL;
  GtkSourceStyleScheme *scheme;
  Highlighter *h;

  if (broken)
    return NULL;
  if (pool != NULL && pool->len > 0)
    return g_ptr_array_steal_index_fast (pool, pool->len - 1);

  scheme = load_scheme (&error);
  if (scheme == NULL)
    {
      /* Code is then exported plain: say why once, not as a warning. */
      g_message ("Code is not highlighted: %s", error->message);
      broken = TRUE;
      return NULL;
    }
  if (pool == NULL)
    {
      pool = g_ptr_array_new ();
      class_quark = g_quark_from_static_string ("topiary-highlight-class");
    }
  h = g_new0 (Highlighter, 1);
  h->scheme = scheme;
  h->languages = gtk_source_language_manager_new ();
  h->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  h->buffers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  made++;
  return h;
}

/* The language a fence names, or NULL. Called with pool_lock held. */
static GtkSourceLanguage *
language_for (Highlighter *h,
              const char  *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gpointer found = g_hash_table_lookup (h->known, lower);
  GtkSourceLanguage *language;
  const char *wanted = lower;

  if (found != NULL)
    return found != (gpointer) h->languages ? found : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].name, lower))
      wanted = aliases[i].id;
  language = gtk_source_language_manager_get_language (h->languages, wanted);
  /* Hidden ones ("def", "js-expr") are parts the others build on. */
  if (language != NULL && gtk_source_language_get_hidden (language))
    language = NULL;
  /* Bounded: names are at most 40 bytes, and a text names few. */
  if (g_hash_table_size (h->known) < 4096)
    g_hash_table_insert (h->known, g_steal_pointer (&lower),
                         language != NULL ? (gpointer) language : (gpointer) h->languages);
  return language;
}

/* @h's buffer for @language, made on first use (the language file is
 * parsed then). Called with pool_lock held. */
static GtkSourceBuffer *
buffer_for (Highlighter       *h,
            GtkSourceLanguage *language)
{
  GtkSourceBuffer *buffer = g_hash_table_lookup (h->buffers, language);

  if (buffer == NULL)
    {
      buffer = gtk_source_buffer_new (NULL);
      gtk_source_buffer_set_style_scheme (buffer, h->scheme);
      gtk_source_buffer_set_language (buffer, language);
      gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
      g_hash_table_insert (h->buffers, language, buffer);
    }
  return buffer;
}

static void
highlighter_give_back (Highlighter *h)
{
  g_mutex_lock (&pool_lock);
  g_ptr_array_add (pool, h);
  g_mutex_unlock (&pool_lock);
}

static gboolean
has_long_line (const char *code,
               gsize       length)
{
  const char *end = code + length;

  for (const char *p = code; p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);

      if ((nl != NULL ? nl : end) - p > LINE_MAX_BYTES)
        return TRUE;
      p = nl != NULL ? nl + 1 : end;
    }
  return FALSE;
}

/* The class (index + 1 in topiary_highlight_classes, 0 for none) a tag's
 * colour says, kept on the tag: the engine reuses its tags. */
static guint
tag_class (GtkTextTag *tag)
{
  gpointer known_class = g_object_get_qdata (G_OBJECT (tag), class_quark);
  GdkRGBA *rgba = NULL;
  gboolean set = FALSE;
  guint index = 0;

  if (known_class != NULL)
    return GPOINTER_TO_UINT (known_class) - 1;
  g_object_get (tag, "foreground-set", &set, "foreground-rgba", &rgba, NULL);
  if (set && rgba != NULL)
    {
      index = (guint) (rgba->blue * 255.0 + 0.5);
      if (index > g_strv_length ((char **) topiary_highlight_classes))
        index = 0;
    }
  if (rgba != NULL)
    gdk_rgba_free (rgba);
  g_object_set_qdata (G_OBJECT (tag), class_quark, GUINT_TO_POINTER (index + 1));
  return index;
}

typedef struct {
  GtkTextTag *tag;
  gint        priority;
  guint       class;    /* index + 1 in topiary_highlight_classes */
} ClassTag;

static void
collect_class_tag (GtkTextTag *tag,
                   gpointer    data)
{
  guint class = tag_class (tag);

  if (class > 0)
    {
      ClassTag t = { tag, gtk_text_tag_get_priority (tag), class };

      g_array_append_val ((GArray *) data, t);
    }
}

static gint
by_priority (gconstpointer a,
             gconstpointer b)
{
  return ((const ClassTag *) a)->priority - ((const ClassTag *) b)->priority;
}

/* Sets classes[i] to the class of the i-th character of @buffer (0 for
 * none): that of its highest-priority tag with a colour, as the view
 * would colour it. Each tag's ranges are walked once, lowest priority
 * first, each painting over the ones below; cheaper than asking every
 * toggle for its list of tags. */
static void
paint_classes (GtkTextBuffer *buffer,
               guint8        *classes,
               gint           n_chars)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (ClassTag));

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), collect_class_tag, tags);
  g_array_sort (tags, by_priority);
  for (guint i = 0; i < tags->len; i++)
    {
      const ClassTag *t = &g_array_index (tags, ClassTag, i);
      GtkTextIter iter;
      gboolean on;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      on = gtk_text_iter_has_tag (&iter, t->tag);
      for (;;)
        {
          gint start = gtk_text_iter_get_offset (&iter);
          gboolean more = gtk_text_iter_forward_to_tag_toggle (&iter, t->tag);

          if (on)
            memset (classes + start, t->class,
                    (more ? gtk_text_iter_get_offset (&iter) : n_chars) - start);
          if (!more)
            break;
          on = !on;
        }
    }
}

static void
append_token (GString    *out,
              const char *class,
              const char *text,
              gsize       length)
{
  if (length == 0)
    return;
  if (class != NULL)
    g_string_append_printf (out, "<span class=\"tok-%s\">", class);
  topiary_escape_append (out, text, length, TOPIARY_ESCAPE_HTML_TEXT);
  if (class != NULL)
    g_string_append (out, "</span>");
}

gboolean
topiary_highlight_gsv (const char *language,
                       const char *code,
                       gsize       length,
                       GString    *out,
                       gpointer    user_data)
{
  Highlighter *h;
  GtkSourceBuffer *buffer = NULL;
  GtkSourceLanguage *language_found;
  GtkTextIter iter, end;
  g_autofree guint8 *classes = NULL;
  const char *p = code;
  gint n_chars;
  TopiaryHighlightGsvTestHook hook;
  gpointer hook_data;

  g_return_val_if_fail (language != NULL && code != NULL && out != NULL, FALSE);

  if (length > CODE_MAX || !g_utf8_validate_len (code, length, NULL) ||
      has_long_line (code, length))
    return FALSE;

  g_mutex_lock (&pool_lock);
  h = highlighter_take ();
  if (h != NULL && (language_found = language_for (h, language)) != NULL)
    buffer = buffer_for (h, language_found);
  hook = test_hook;
  hook_data = test_hook_data;
  g_mutex_unlock (&pool_lock);
  if (buffer == NULL)
    {
      if (h != NULL)
        highlighter_give_back (h);
      return FALSE;
    }
  if (hook != NULL)
    hook (hook_data);

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, length);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &iter, &end);
  gtk_source_buffer_ensure_highlight (buffer, &iter, &end);

  /* Tags toggle more often than classes change (context classes, nested
   * styles of one class): runs of one class are written as one span. The
   * buffer holds @code as given, so its characters are @code's. */
  n_chars = gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer));
  g_assert ((glong) n_chars == g_utf8_strlen (code, length));
  classes = g_malloc0 (MAX (n_chars, 1));
  paint_classes (GTK_TEXT_BUFFER (buffer), classes, n_chars);
  for (gint i = 0; i < n_chars; )
    {
      guint8 class = classes[i];
      const char *start = p;

      while (i < n_chars && classes[i] == class)
        {
          p = g_utf8_next_char (p);
          i++;
        }
      append_token (out, class > 0 ? topiary_highlight_classes[class - 1] : NULL, start, p - start);
    }

  /* The text stays until the next block in this language replaces it:
   * emptying the buffer costs as much again. */
  highlighter_give_back (h);
  return TRUE;
}

guint
topiary_highlight_gsv_get_n_highlighters (void)
{
  guint n;

  g_mutex_lock (&pool_lock);
  n = made;
  g_mutex_unlock (&pool_lock);
  return n;
}

void
topiary_highlight_gsv_set_test_hook (TopiaryHighlightGsvTestHook hook,
                                     gpointer                    user_data)
{
  g_mutex_lock (&pool_lock);
  test_hook = hook;
  test_hook_data = user_data;
  g_mutex_unlock (&pool_lock);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What the highlighting depends on besides this file: the versions of
 * GtkSourceView and GLib (its regexes) at run time, and the language
 * files it would read (their names, sizes and times), so that a language
 * added or updated by a package or the user changes the id. */
static char *
highlighter_id (void)
{
  g_autoptr(GtkSourceLanguageManager) manager = gtk_source_language_manager_new ();
  const char * const *dirs = gtk_source_language_manager_get_search_path (manager);
  g_autoptr(GChecksum) files = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_checksum_update (files, (const guchar *) dirs[i], strlen (dirs[i]) + 1);
      /* Resources are built into the library: its version says them. */
      if (g_str_has_prefix (dirs[i], "resource:") || (dir = g_dir_open (dirs[i], 0, NULL)) == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".lang"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (dirs[i], names->pdata[j], NULL);
          g_autofree char *line = NULL;
          GStatBuf st;

          if (g_stat (path, &st) != 0)
            continue;
          line = g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld\n",
                                  (const char *) names->pdata[j], (gint64) st.st_size,
                                  (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
          g_checksum_update (files, (const guchar *) line, strlen (line));
        }
    }
  return g_strdup_printf ("gsv-%u.%u.%u-glib-%u.%u.%u-v%d-%.16s",
                          gtk_source_get_major_version (), gtk_source_get_minor_version (),
                          gtk_source_get_micro_version (), glib_major_version, glib_minor_version,
                          glib_micro_version, HIGHLIGHTER_VERSION, g_checksum_get_string (files));
}

void
topiary_highlight_gsv_install (void)
{
  g_autofree char *id = highlighter_id ();

  topiary_highlight_install_full (topiary_highlight_gsv, NULL, id);
}

/* ---- the app: GtkSourceView only on the main thread ---- */

typedef struct {
  const char *language;
  const char *code;
  gsize       length;
  GString    *out;
  gboolean    result;
  gboolean    done;
  GMutex      lock;
  GCond       cond;
} MainCall;

static gboolean
main_call_run (gpointer data)
{
  MainCall *call = data;
  gboolean result = topiary_highlight_gsv (call->language, call->code, call->length, call->out, NULL);

  g_mutex_lock (&call->lock);
  call->result = result;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->lock);
  return G_SOURCE_REMOVE;
}

static gboolean
highlight_on_main_thread (const char *language,
                          const char *code,
                          gsize       length,
                          GString    *out,
                          gpointer    user_data)
{
  GMainContext *context = user_data;
  MainCall call = { language, code, length, out, FALSE, FALSE };

  /* Called on the owner, or while nobody iterates the context (invoke
   * then acquires it and runs the call here). */
  g_mutex_init (&call.lock);
  g_cond_init (&call.cond);
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, main_call_run, &call, NULL);
  g_mutex_lock (&call.lock);
  while (!call.done)
    g_cond_wait (&call.cond, &call.lock);
  g_mutex_unlock (&call.lock);
  g_mutex_clear (&call.lock);
  g_cond_clear (&call.cond);
  return call.result;
}

void
topiary_highlight_gsv_install_main_thread (GMainContext *context)
{
  g_autofree char *id = NULL;

  g_return_if_fail (context != NULL);

  /* The same HTML as topiary_highlight_gsv(), hence the same id. */
  id = highlighter_id ();
  topiary_highlight_install_full (highlight_on_main_thread, context, id);
}
