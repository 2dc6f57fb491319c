/* topiary-window-claim.c — a map open in one place at a time
 *
 * Part of TopiaryWindow. Opening a map that another window of this
 * process shows brings that window forward instead; a map that another
 * process has open (topiary_project_claim()) is opened only once the user
 * chose: read-only, or anyway (then both write, and a text changed in
 * both places is kept as a revision, see topiary_editor_save()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "topiary-dialogs.h"
#include "topiary-window-private.h"

/* The same file, however it was named: device and inode. */
static gboolean
same_file (const char *a,
           const char *b)
{
  struct stat sa, sb;

  if (a == NULL || b == NULL || stat (a, &sa) != 0 || stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

TopiaryWindow *
topiary_window_find_showing (const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);
      TopiaryProject *project;

      if (!TOPIARY_IS_WINDOW (other))
        continue;
      project = topiary_window_get_project (TOPIARY_WINDOW (other));
      if (project != NULL && same_file (path, topiary_project_get_path (project)))
        return TOPIARY_WINDOW (other);
    }
  return NULL;
}

gboolean
_topiary_window_present_other (TopiaryWindow *self,
                               const char    *path)
{
  TopiaryWindow *other = topiary_window_find_showing (path);

  if (other == NULL || other == self)
    return FALSE;
  gtk_window_present (GTK_WINDOW (other));
  return TRUE;
}

static void
open_chosen (TopiaryWindow *self,
             const char    *path,
             gboolean       read_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TopiaryProject) project =
    topiary_project_open (path, read_only ? TOPIARY_OPEN_READ_ONLY : TOPIARY_OPEN_DEFAULT, &error);

  /* Between the question and the answer the file may have gone. */
  if (project == NULL)
    {
      topiary_show_open_error (GTK_WINDOW (self), error);
      return;
    }
  _topiary_window_set_project (self, project);
}

static void
on_claimed_response (AdwMessageDialog *dialog,
                     const char       *response,
                     TopiaryWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "topiary-path");

  if (g_str_equal (response, "read-only"))
    open_chosen (self, path, TRUE);
  else if (g_str_equal (response, "anyway"))
    open_chosen (self, path, FALSE);
}

void
_topiary_window_ask_open_claimed (TopiaryWindow *self,
                                  const char    *path)
{
  g_autofree char *name = g_path_get_basename (path);
  GtkWidget *dialog = topiary_message_dialog_new (GTK_WINDOW (self), _("Map Already Open"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” is open in another Topiary window. Open it read-only to look "
                                    "without writing, or open it anyway: a text changed in both places "
                                    "is kept in the article’s revisions."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "anyway", _("Open _Anyway"),
                                    "read-only", _("Open _Read-Only"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read-only", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "read-only");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "topiary-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_claimed_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
