/* topiary-preview.c — the preview interface and the loader of its module
 *
 * The module is looked for, in order: at $TOPIARY_PREVIEW_MODULE; in
 * "app/" beside the executable (the build tree); at the installed
 * module folder relative to the executable (a relocated install, such as
 * a DESTDIR tree); at the configured module folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gmodule.h>
#include <glib/gi18n.h>

#include "topiary-preview.h"

#define PREVIEW_GET_TYPE_SYMBOL "topiary_web_preview_get_type"

G_DEFINE_INTERFACE (TopiaryPreview, topiary_preview, GTK_TYPE_WIDGET)

static void
topiary_preview_default_init (TopiaryPreviewInterface *iface)
{
  GType type = G_TYPE_FROM_INTERFACE (iface);

  g_signal_new ("open-article", type, G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("create-article", type, G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("updated", type, G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

typedef struct
{
  GModule *module;
  GType  (*get_type) (void);
  char    *error;       /* why it could not be loaded */
} ModuleLoad;

static GPtrArray *
candidate_paths (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv (TOPIARY_PREVIEW_MODULE_ENV);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && *env != '\0')
    {
      /* An explicit choice is the only one tried: a test must not pass
       * on another build's module. */
      g_ptr_array_add (paths, g_strdup (env));
      return paths;
    }
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);

      g_ptr_array_add (paths, g_build_filename (dir, "app", PREVIEW_MODULE_NAME, NULL));
      g_ptr_array_add (paths, g_build_filename (dir, PREVIEW_MODULE_RELDIR, PREVIEW_MODULE_NAME, NULL));
    }
  g_ptr_array_add (paths, g_build_filename (PREVIEW_MODULE_DIR, PREVIEW_MODULE_NAME, NULL));
  return paths;
}

static gpointer
load_module (gpointer data)
{
  ModuleLoad *load = g_new0 (ModuleLoad, 1);
  g_autoptr(GPtrArray) paths = candidate_paths ();
  g_autoptr(GString) errors = g_string_new (NULL);

  for (guint i = 0; i < paths->len && load->module == NULL; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GModule *module;
      gpointer symbol = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_string_append_printf (errors, "%s%s: not found", errors->len ? "; " : "", path);
          continue;
        }
      /* Bound now, not lazily: a missing symbol is an error here, not a
       * crash at the first call. */
      module = g_module_open (path, G_MODULE_BIND_LOCAL);
      if (module == NULL)
        {
          g_string_append_printf (errors, "%s%s", errors->len ? "; " : "", g_module_error ());
          continue;
        }
      if (!g_module_symbol (module, PREVIEW_GET_TYPE_SYMBOL, &symbol) || symbol == NULL)
        {
          g_string_append_printf (errors, "%s%s: %s", errors->len ? "; " : "", path, g_module_error ());
          g_module_close (module);
          continue;
        }
      /* Its types are registered for good: it can never be unloaded. */
      g_module_make_resident (module);
      load->module = module;
      load->get_type = (GType (*) (void)) symbol;
    }
  if (load->module == NULL)
    load->error = g_string_free (g_steal_pointer (&errors), FALSE);
  return load;
}

static ModuleLoad *
get_module (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_module, NULL);
}

static gpointer
preload_thread (gpointer data)
{
  get_module ();
  return NULL;
}

void
topiary_preview_preload (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("preview-preload", preload_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

TopiaryPreview *
topiary_preview_new (GError **error)
{
  ModuleLoad *load = get_module ();
  GType type;

  if (load->module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The preview module could not be loaded (%s)."), load->error);
      return NULL;
    }
  type = load->get_type ();
  if (!g_type_is_a (type, TOPIARY_TYPE_PREVIEW))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The preview module could not be loaded (%s)."),
                   _("it does not provide a preview"));
      return NULL;
    }
  return g_object_new (type, NULL);
}

void
topiary_preview_set_project (TopiaryPreview *self,
                             TopiaryProject *project)
{
  g_return_if_fail (TOPIARY_IS_PREVIEW (self));
  g_return_if_fail (project == NULL || TOPIARY_IS_PROJECT (project));
  TOPIARY_PREVIEW_GET_IFACE (self)->set_project (self, project);
}

void
topiary_preview_set_article (TopiaryPreview *self,
                             gint64          article_id)
{
  g_return_if_fail (TOPIARY_IS_PREVIEW (self));
  if (TOPIARY_PREVIEW_GET_IFACE (self)->set_article != NULL)
    TOPIARY_PREVIEW_GET_IFACE (self)->set_article (self, article_id);
}

void
topiary_preview_set_markdown (TopiaryPreview *self,
                              const char     *markdown)
{
  g_return_if_fail (TOPIARY_IS_PREVIEW (self));
  TOPIARY_PREVIEW_GET_IFACE (self)->set_markdown (self, markdown);
}

void
topiary_preview_scroll_to_line (TopiaryPreview *self,
                                guint           line)
{
  g_return_if_fail (TOPIARY_IS_PREVIEW (self));
  TOPIARY_PREVIEW_GET_IFACE (self)->scroll_to_line (self, line);
}

GtkWidget *
topiary_preview_get_web_view (TopiaryPreview *self)
{
  g_return_val_if_fail (TOPIARY_IS_PREVIEW (self), NULL);
  return TOPIARY_PREVIEW_GET_IFACE (self)->get_web_view (self);
}

gboolean
topiary_preview_is_idle (TopiaryPreview *self)
{
  g_return_val_if_fail (TOPIARY_IS_PREVIEW (self), FALSE);
  return TOPIARY_PREVIEW_GET_IFACE (self)->is_idle (self);
}

guint
topiary_preview_get_n_updates (TopiaryPreview *self)
{
  g_return_val_if_fail (TOPIARY_IS_PREVIEW (self), 0);
  return TOPIARY_PREVIEW_GET_IFACE (self)->get_n_updates (self);
}
