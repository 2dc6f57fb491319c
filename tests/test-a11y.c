/* test-a11y.c — every control a screen reader meets has a name, a state
 * and, in the map tree, says what it is (issue 14)
 *
 * GTK 4.8 has no public call for the name AT-SPI computes. This test
 * follows the same rule (gtkatcontext.c: the label property, then the
 * names of the labelled-by widgets, else the type name) through the test
 * accessibility backend: it reads the label property with
 * gtk_test_accessible_check_property, whose answer on a mismatch is the
 * real value, and the labelled-by widgets through the mnemonic labels GTK
 * adds to that relation. Runs under Xvfb with GTK_A11Y=test; exits 77
 * without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "topiary-import-dialog.h"
#include "topiary-map-node.h"
#include "topiary-media.h"
#include "topiary-map-row.h"
#include "topiary-map-tree.h"
#include "topiary-window.h"
#include "test-util.h"
#include "media-util.h"

static TopiaryWindow *window;
static char *tmp_home;

/* A value no label has: check_property then returns the real one. */
#define NO_SUCH_LABEL "\x01"

/* The label property of @widget, or NULL when it has none. */
static char *
label_property (GtkWidget *widget)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, NO_SUCH_LABEL);
  g_assert_nonnull (value);
  return value;
}

/* The name a screen reader gets; "" when it would fall back to the
 * widget's type name (what Orca reads as "GtkImage", "GtkMenuButton"). */
static char *
accessible_name (GtkWidget *widget)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *own = label_property (widget);
  GtkWidget *parent;

  if (own != NULL)
    g_ptr_array_add (names, own);
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GList *labels = gtk_widget_list_mnemonic_labels (widget);

      for (GList *l = labels; l != NULL; l = l->next)
        {
          char *name = label_property (l->data);
          if (name != NULL)
            g_ptr_array_add (names, name);
        }
      g_list_free (labels);

      /* The button inside a menu button, labelled by the menu button. */
      parent = gtk_widget_get_parent (widget);
      if (parent != NULL)
        {
          g_autofree char *diff = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                      parent, NULL);
          char *name;

          if (diff == NULL && (name = label_property (parent)) != NULL)
            g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_add (names, NULL);
  return g_strstrip (g_strjoinv (" ", (char **) names->pdata));
}

/* The @n-th mapped menu button under @root, depth first. */
static GtkWidget *
find_nth_menu_button (GtkWidget *root,
                      guint      n)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint count = 0;

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_MENU_BUTTON (w) && gtk_widget_get_mapped (w) && count++ == n)
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_LIST_BOX_ROW (widget) ||
         TOPIARY_IS_MAP_ROW (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* "_New Map" (a mnemonic that leaked) or "New Map New Map" (a name said twice). */
static gboolean
name_is_garbled (const char *name)
{
  gsize len = strlen (name);

  for (const char *p = name; *p != '\0'; p++)
    if (*p == '_' && (p == name || p[-1] == ' ') && g_ascii_isalnum (p[1]))
      return TRUE;
  if (len % 2 == 1 && name[len / 2] == ' ' && strncmp (name, name + len / 2 + 1, len / 2) == 0)
    return TRUE;
  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *report,
                 guint     *n_controls)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  /* A spin button's + and − are GTK's own and take no focus. */
  if (is_control (widget) && !(GTK_IS_BUTTON (widget) && GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (widget))))
    {
      g_autofree char *name = accessible_name (widget);

      (*n_controls)++;
      if (*name == '\0')
        g_string_append_printf (report, "  %s (tooltip “%s”) has no accessible name\n",
                                G_OBJECT_TYPE_NAME (widget),
                                gtk_widget_get_tooltip_text (widget) ?: "");
      else if (name_is_garbled (name))
        g_string_append_printf (report, "  %s is named “%s”\n", G_OBJECT_TYPE_NAME (widget), name);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, report, n_controls);
}

static void
assert_all_named_in (GtkWidget *root,
                     guint      min_controls)
{
  g_autoptr(GString) report = g_string_new (NULL);
  guint n_controls = 0;

  collect_unnamed (root, report, &n_controls);
  if (report->len > 0)
    g_test_message ("Controls without a usable accessible name:\n%s", report->str);
  g_assert_cmpstr (report->str, ==, "");
  /* The walk saw the window, not an empty page. */
  g_assert_cmpuint (n_controls, >=, min_controls);
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action,
                         const char *target)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));
      if (target == NULL || (value != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_all_named (guint min_controls)
{
  assert_all_named_in (GTK_WIDGET (window), min_controls);
}

/* Opens the first article of the first group, the way a click does. */
static void
open_first_article (void)
{
  TopiarySidebar *sidebar = topiary_window_get_sidebar (window);
  GtkTreeListModel *model = topiary_map_tree_get_model (topiary_sidebar_get_tree (sidebar));
  GtkSelectionModel *selection = gtk_list_view_get_model (topiary_sidebar_get_list_view (sidebar));
  g_autoptr(GtkTreeListRow) group = gtk_tree_list_model_get_row (model, 1);

  gtk_tree_list_row_set_expanded (group, TRUE);
  for (guint i = 2; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(TopiaryMapNode) node = gtk_tree_list_row_get_item (row);

      if (topiary_map_node_get_kind (node) == TOPIARY_MAP_NODE_ARTICLE)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* ---- cases ---- */

static void
test_welcome_names (void)
{
  static const struct { const char *action; const char *name; } buttons[] = {
    { "win.new-map", "New Map" },
    { "win.open", "Open…" },
    { "win.import", "Import…" },
    { "win.open-sample", "Open the Sample Map" },
  };

  g_assert_null (topiary_window_get_project (window));
  assert_all_named (5);

  /* Said once, without the mnemonic's underscore. */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_button_with_action (GTK_WIDGET (window), buttons[i].action, NULL);
      g_autofree char *name = NULL;

      g_assert_nonnull (button);
      name = accessible_name (button);
      g_assert_cmpstr (name, ==, buttons[i].name);
    }
}

/* The Links page shows a suggestion's buttons. */
static gboolean
links_page_filled (gpointer data)
{
  return find_button_with_action (GTK_WIDGET (window), "links.dismiss", NULL) != NULL;
}

/* The header's view switch shows once the pane has told the window it is
 * wide (an idle after its allocation): later under load. */
static gboolean
split_button_mapped (gpointer data)
{
  GtkWidget *button = find_button_with_action (GTK_WIDGET (window), "win.layout", "split");

  return button != NULL && gtk_widget_get_mapped (button);
}

static void
test_map_names (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_nonnull (topiary_window_get_project (window));
  spin (300);
  assert_all_named (10);

  /* With an article open: the editor, the view switch, details, revisions. */
  open_first_article ();
  spin (500);
  g_assert_nonnull (find_button_with_action (GTK_WIDGET (window), "win.layout", "split"));
  g_assert_true (wait_for (split_button_mapped, NULL, 10000));
  assert_all_named (15);

  /* And with the details panel open. */
  {
    GtkWidget *flap = find_of_type (GTK_WIDGET (window), ADW_TYPE_FLAP);

    g_assert_nonnull (flap);
    adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
    spin (500);
    assert_all_named (20);
    /* The Links page beside the details: its suggestions' Insert and
     * Dismiss (issue 15). */
    {
      GtkWidget *side = gtk_widget_get_parent (GTK_WIDGET (topiary_window_get_details (window)));

      g_assert_true (GTK_IS_STACK (side));
      gtk_stack_set_visible_child_name (GTK_STACK (side), "links");
      g_assert_true (wait_for (links_page_filled, NULL, 20000));
      assert_all_named (20);
      gtk_stack_set_visible_child_name (GTK_STACK (side), "details");
    }
    adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);
    spin (200);
  }
}

static gboolean
pressed_is (GtkWidget *button,
            gboolean   pressed)
{
  g_autofree char *diff = NULL;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED))
    return FALSE;
  diff = gtk_test_accessible_check_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                          pressed ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE);
  return diff == NULL;
}

static void
test_view_switch_state (void)
{
  static const char *layouts[] = { "editor", "split", "preview" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", layouts[i]);
      spin (50);
      for (guint j = 0; j < G_N_ELEMENTS (layouts); j++)
        {
          GtkWidget *button = find_button_with_action (GTK_WIDGET (window), "win.layout", layouts[j]);
          g_autofree char *name = NULL;

          g_assert_nonnull (button);
          name = accessible_name (button);
          g_test_message ("layout %s: “%s” pressed=%d", layouts[i], name, i == j);
          g_assert_true (pressed_is (button, i == j));
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.layout", "s", "split");
}

static GtkWidget *
find_by_css_name (GtkWidget  *root,
                  const char *css_name)
{
  if (g_str_equal (gtk_widget_get_css_name (root), css_name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_name (child, css_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (TOPIARY_IS_MAP_ROW (widget) && gtk_widget_get_mapped (widget) &&
      topiary_map_row_get_node (TOPIARY_MAP_ROW (widget)) != NULL)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
test_tree_row_labels (void)
{
  TopiaryMapTree *tree = topiary_sidebar_get_tree (topiary_window_get_sidebar (window));
  GtkTreeListModel *model = topiary_map_tree_get_model (tree);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_groups = 0, n_articles = 0;

  /* Open the first group, so pillars and clusters are on screen. */
  {
    g_autoptr(GtkTreeListRow) first = gtk_tree_list_model_get_row (model, 1);
    gtk_tree_list_row_set_expanded (first, TRUE);
  }
  spin (300);
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, >, 3);

  for (guint i = 0; i < rows->len; i++)
    {
      TopiaryMapRow *row = g_ptr_array_index (rows, i);
      TopiaryMapNode *node = topiary_map_row_get_node (row);
      GtkTreeListRow *list_row = topiary_map_row_get_list_row (row);
      GtkWidget *focusable = gtk_widget_get_parent (GTK_WIDGET (row));
      g_autofree char *name = accessible_name (GTK_WIDGET (row));
      g_autofree char *item_name = accessible_name (focusable);

      g_test_message ("row “%s”", name);
      /* The list item GTK focuses says the same. */
      g_assert_cmpstr (item_name, ==, name);
      g_assert_true (g_str_has_prefix (name, topiary_map_node_get_title (node)));
      switch (topiary_map_node_get_kind (node))
        {
        case TOPIARY_MAP_NODE_GROUP:
          n_groups++;
          g_assert_nonnull (strstr (name, ", group"));
          break;
        case TOPIARY_MAP_NODE_ARTICLE:
          {
            TopiaryArticle *article = topiary_map_node_get_article (node);
            const char *kind = topiary_article_get_kind (article) == TOPIARY_KIND_PILLAR ? ", pillar" : ", cluster";
            const char *status = topiary_map_node_get_subtitle (node);

            n_articles++;
            g_assert_nonnull (strstr (name, kind));
            g_assert_cmpstr (status, !=, "");
            g_assert_nonnull (strstr (name, status));
          }
          break;
        case TOPIARY_MAP_NODE_MAP:
        case TOPIARY_MAP_NODE_IDEAS:
        case TOPIARY_MAP_NODE_INTENT:
        default:
          g_assert_cmpstr (name, !=, topiary_map_node_get_title (node));
          break;
        }

      /* Below the map's row, the name ends with the row's place among its
       * siblings, "3 of 6", and the item carries its level. */
      if (gtk_tree_list_row_get_depth (list_row) > 0)
        {
          g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (list_row);
          GListModel *siblings = gtk_tree_list_row_get_children (parent);
          g_autofree char *place = NULL;
          guint index = G_MAXUINT;

          for (guint k = 0; k < g_list_model_get_n_items (siblings); k++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (siblings, k);
              if (item == (GObject *) node)
                index = k;
            }
          g_assert_cmpuint (index, !=, G_MAXUINT);
          place = g_strdup_printf (", %u of %u", index + 1, g_list_model_get_n_items (siblings));
          g_assert_true (g_str_has_suffix (name, place));
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (focusable), GTK_ACCESSIBLE_PROPERTY_LEVEL));
        }

      /* The expander says what it opens and whether it is open. */
      if (gtk_tree_list_row_is_expandable (list_row))
        {
          GtkWidget *expander = find_by_css_name (GTK_WIDGET (row), "expander");
          g_autofree char *expander_name = NULL;
          g_autofree char *diff = NULL;

          g_assert_nonnull (expander);
          expander_name = accessible_name (expander);
          g_assert_nonnull (strstr (expander_name, topiary_map_node_get_title (node)));
          g_assert_true (gtk_test_accessible_has_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED));
          diff = gtk_test_accessible_check_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED,
                                                  gtk_tree_list_row_get_expanded (list_row));
          g_assert_null (diff);
        }
    }
  g_assert_cmpuint (n_groups, >, 0);
  g_assert_cmpuint (n_articles, >, 0);
}

static gboolean
preview_read (gpointer dialog)
{
  return !topiary_import_dialog_is_reading (dialog) && gtk_widget_get_mapped (dialog);
}

/* The import preview of a table document: each column's drop-down is
 * named after its column (issue 11). */
static void
test_import_preview_names (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("TOPIARY_SOURCE_ROOT"), "tests", "data",
                                              "import-columns", "garden-tables.md", NULL);
  TopiaryImportDialog *dialog = topiary_import_dialog_new (GTK_WINDOW (window), source);
  GtkWidget *group = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), TOPIARY_TYPE_IMPORT_DIALOG, "columns_group");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (preview_read, dialog, 20000));
  spin (200);
  assert_all_named_in (GTK_WIDGET (dialog), 10);

  for (GtkWidget *row = find_of_type (group, ADW_TYPE_COMBO_ROW); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_COMBO_ROW (row))
      g_ptr_array_add (names, label_property (row));
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv ("|", (char **) names->pdata);
  g_assert_cmpstr (joined, ==, "Column “Title”|Column “Keyword”|Column “Intent”|Column “Vol”|"
                               "Column “Status”|Column “SEO title”");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* The article's files in the details panel: each row's thumbnail and
 * its menu button have names (issue 12). */
static void
test_file_list_names (void)
{
  TopiaryProject *project = topiary_window_get_project (window);
  g_autoptr(GBytes) png = test_image ("png", 40, 30, 1);
  g_autoptr(TopiaryFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *flap = find_of_type (GTK_WIDGET (window), ADW_TYPE_FLAP);
  GtkWidget *button = NULL;
  g_autofree char *name = NULL;
  gint64 article;

  g_assert_nonnull (project);
  open_first_article ();
  spin (300);
  article = topiary_editor_get_article_id (topiary_window_get_editor (window));
  info = topiary_project_add_file (project, article, "shot.png", png, &error);
  g_assert_no_error (error);
  adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
  spin (800);
  assert_all_named (20);
  for (guint i = 0; (button = find_nth_menu_button (GTK_WIDGET (window), i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "File Actions") == 0)
      break;
  g_assert_nonnull (button);
  name = accessible_name (button);
  g_assert_cmpstr (name, ==, "Actions for shot.png");
  adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);
  spin (200);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* The test backend keeps every property, state and relation. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The names asserted are the English ones. */
  g_setenv ("LANGUAGE", "C", TRUE);

  tmp_home = g_dir_make_tmp ("topiary-a11y-XXXXXX", NULL);
  g_assert_nonnull (tmp_home);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (tmp_home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("topiary-test-a11y");

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the accessibility tests.\n");
      test_remove_tree (tmp_home);
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!wait_for (window_mapped, NULL, 10000))
    g_printerr ("The window was not mapped after 10 s.\n");

  g_test_add_func ("/a11y/welcome-names", test_welcome_names);
  g_test_add_func ("/a11y/map-names", test_map_names);
  g_test_add_func ("/a11y/view-switch-state", test_view_switch_state);
  g_test_add_func ("/a11y/tree-row-labels", test_tree_row_labels);
  g_test_add_func ("/a11y/file-list-names", test_file_list_names);
  g_test_add_func ("/a11y/import-preview-names", test_import_preview_names);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  test_remove_tree (tmp_home);
  g_free (tmp_home);
  return status;
}
