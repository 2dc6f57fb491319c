/* topiary-cli-files.c — `topiary files`: the images and files a project
 * holds, listed or written out to a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "topiary-cli-private.h"
#include "topiary-cli-text.h"
#include "topiary-media.h"

int
_topiary_cli_files (const TopiaryCliCommand *cmd,
                    int                      argc,
                    char                   **argv)
{
  gboolean as_json = FALSE, force = FALSE;
  g_autofree char *extract = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the list as JSON"), NULL },
    { "extract", 0, 0, G_OPTION_ARG_FILENAME, &extract, N_("Write the files into DIR instead of listing them"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("With --extract: replace files that are already there"), NULL },
    { NULL }
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(TopiaryProject) project = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) unused = NULL;
  g_autoptr(GHashTable) unused_ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  args = _topiary_cli_parse (cmd, argc, argv, entries, 1, _("Give one project file."), &status);
  if (args == NULL)
    return status;
  if (force && extract == NULL)
    return _topiary_cli_usage_error (cmd, _("--force only goes with --extract."));
  project = _topiary_cli_open_existing (args[0], TRUE, &status);
  if (project == NULL)
    return status;

  if (extract != NULL)
    {
      guint n = 0;

      if (!topiary_project_extract_files (project, extract, force, &n, &error))
        return _topiary_cli_fail (error->message);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file to %s.\n", "Wrote %u files to %s.\n", n),
               n, extract);
      return 0;
    }

  files = topiary_project_list_files (project, 0, &error);
  unused = files != NULL ? topiary_project_list_unused_files (project, &error) : NULL;
  if (unused == NULL)
    return _topiary_cli_fail (error->message);
  unused_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < unused->len; i++)
    g_hash_table_add (unused_ids, g_memdup2 (&((TopiaryFileInfo *)g_ptr_array_index (unused, i))->id, sizeof (gint64)));

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < files->len; i++)
        {
          TopiaryFileInfo *info = g_ptr_array_index (files, i);
          g_autoptr(TopiaryArticle) article = info->article_id != 0
            ? topiary_project_get_article (project, info->article_id, FALSE, NULL) : NULL;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "article");
          if (article != NULL)
            json_builder_add_string_value (b, topiary_article_get_slug (article));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, info->name);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, info->mime);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, info->size);
          json_builder_set_member_name (b, "width");
          json_builder_add_int_value (b, info->width);
          json_builder_set_member_name (b, "height");
          json_builder_add_int_value (b, info->height);
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, info->sha256);
          json_builder_set_member_name (b, "cover");
          json_builder_add_boolean_value (b, info->cover);
          json_builder_set_member_name (b, "used");
          json_builder_add_boolean_value (b, !g_hash_table_contains (unused_ids, &info->id));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      json = json_generator_to_data (gen, NULL);
      g_print ("%s\n", json);
      return 0;
    }

  for (guint i = 0; i < files->len; i++)
    {
      TopiaryFileInfo *info = g_ptr_array_index (files, i);
      g_autoptr(TopiaryArticle) article = info->article_id != 0
        ? topiary_project_get_article (project, info->article_id, FALSE, NULL) : NULL;
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *pixels = info->width > 0 ? g_strdup_printf ("%u×%u", info->width, info->height) : g_strdup ("-");
      GString *notes = g_string_new (NULL);

      if (info->cover)
        g_string_append_printf (notes, " %s", _("(cover)"));
      if (article == NULL)
        g_string_append_printf (notes, " %s", _("(of a deleted article)"));
      else if (g_hash_table_contains (unused_ids, &info->id))
        g_string_append_printf (notes, " %s", _("(unused)"));
      g_print ("%s\t%s\t%s\t%s\t%s\t%.12s%s\n",
               article != NULL ? topiary_article_get_slug (article) : "-",
               info->name, info->mime, size, pixels, info->sha256, notes->str);
      g_string_free (notes, TRUE);
    }
  if (files->len == 0)
    g_print (_("The project holds no files.\n"));
  return 0;
}
