/* test-ui-links.c — the Links panel and the brief in the app (issue 15):
 * a suggested link is inserted as one undoable edit, a dismissal stays
 * dismissed when the map is opened again, an empty article starts from
 * its brief, and the checklist's score follows the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-ui-util.h"
#include "test-ui-pane-util.h"
#include "topiary-article-pane.h"
#include "topiary-brief-offer.h"
#include "topiary-overview.h"

/* As typing would: one undoable edit. */
static void
set_text (const char *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  gtk_text_buffer_begin_user_action (buffer ());
  gtk_text_buffer_delete (buffer (), &start, &end);
  gtk_text_buffer_insert (buffer (), &start, text, -1);
  gtk_text_buffer_end_user_action (buffer ());
}

/* The panel's button for @action ("links.insert", "links.dismiss") whose
 * target names @target_id, or NULL. */
static GtkWidget *
suggestion_button (const char *action,
                   gint64      target_id)
{
  GtkWidget *panel = GTK_WIDGET (topiary_article_pane_get_links_panel (pane ()));

  for (guint i = 0;; i++)
    {
      GtkWidget *button = find_widget_of_type (panel, GTK_TYPE_BUTTON, i);
      GVariant *target;
      gint64 id = 0;

      if (button == NULL)
        return NULL;
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) != 0)
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      g_variant_get_child (target, 1, "x", &id);
      if (id == target_id)
        return button;
    }
}


/* The pillar mentions a cluster it must link to: Insert makes the mention
 * the link, one Undo takes it back; a required link with no mention goes
 * in at the cursor. */
static void
test_insert (UiFixture     *f,
             gconstpointer  data)
{
  gint64 blueprints = article_by_slug (BLUEPRINTS);
  gint64 structure = article_by_slug (STRUCTURE);
  GtkTextIter end;
  GtkWidget *button;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *at_cursor = NULL;

  set_text ("Flask apps use blueprints and the app factory pattern explained well.\n");
  topiary_article_pane_show_links (pane ());
  wait_links ();
  shot ("links-panel.png");
  button = suggestion_button ("links.insert", blueprints);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  text = buffer_text ();
  g_assert_cmpstr (text, ==, "Flask apps use [[blueprints and the app factory pattern explained]] well.\n");

  /* One undo: the text as it was. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer ()));
  gtk_text_buffer_undo (buffer ());
  undone = buffer_text ();
  g_assert_cmpstr (undone, ==, "Flask apps use blueprints and the app factory pattern explained well.\n");

  /* The link is gone from the text: the panel offers it again. */
  wait_links ();
  g_assert_nonnull (suggestion_button ("links.insert", blueprints));

  /* No mention: at the cursor, the end of the text. */
  gtk_text_buffer_get_end_iter (buffer (), &end);
  gtk_text_buffer_place_cursor (buffer (), &end);
  button = suggestion_button ("links.insert", structure);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  at_cursor = buffer_text ();
  g_assert_cmpstr (at_cursor, ==, "Flask apps use blueprints and the app factory pattern explained well.\n"
                                  "[[Flask Project Structure: Best Practices and Examples]]");
  wait_links ();
  g_assert_null (suggestion_button ("links.insert", structure));
}

/* A dismissed suggestion is stored in the map: gone from the panel, and
 * still gone when the map is opened again in a new window. */
static void
test_dismiss (UiFixture     *f,
              gconstpointer  data)
{
  gint64 structure = article_by_slug (STRUCTURE);
  gint64 blueprints = article_by_slug (BLUEPRINTS);
  gint64 configuration = article_by_slug ("configuration-settings-and-environment-management-in-flask");
  g_autofree char *path = g_strdup (f->sample_path);
  GtkWidget *button;

  /* A cluster: its siblings are suggested. */
  click_article (structure);
  topiary_article_pane_show_links (pane ());
  wait_links ();
  button = suggestion_button ("links.dismiss", blueprints);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_links ();
  g_assert_null (suggestion_button ("links.dismiss", blueprints));
  g_assert_nonnull (suggestion_button ("links.dismiss", configuration));

  /* Closed, and opened again in a new window. */
  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
  window = f->window = topiary_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (ui_window_mapped, NULL, 10000));
  g_assert_true (topiary_window_open_path (window, path));
  click_article (structure);
  topiary_article_pane_show_links (pane ());
  wait_links ();
  /* The other siblings are still offered; this one is not. */
  g_assert_nonnull (suggestion_button ("links.insert", configuration));
  g_assert_null (suggestion_button ("links.insert", blueprints));
}

/* A backlink names its source with the sentence around the link;
 * activating it opens the source at the line of the link. */
static void
test_open_backlink (UiFixture     *f,
                    gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 structure = article_by_slug (STRUCTURE);
  gint64 blueprints = article_by_slug (BLUEPRINTS);
  GtkWidget *panel, *row = NULL;
  GtkTextIter cursor;

  g_assert_true (topiary_project_save_body (project, blueprints,
                                            "# Blueprints\n\nFirst a paragraph.\n\n"
                                            "Lay the files out as [[Flask Project Structure: Best Practices and Examples]] says.\n",
                                            NULL));
  click_article (structure);
  topiary_article_pane_show_links (pane ());
  wait_links ();
  panel = GTK_WIDGET (topiary_article_pane_get_links_panel (pane ()));
  for (guint i = 0; row == NULL; i++)
    {
      GtkWidget *r = find_widget_of_type (panel, ADW_TYPE_ACTION_ROW, i);

      g_assert_nonnull (r);
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (r)), "links.open-backlink") == 0)
        row = r;
    }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Blueprints and the App Factory Pattern Explained");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Lay the files out as"));
  g_assert_true (gtk_widget_activate (row));
  spin (200);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, blueprints);
  gtk_text_buffer_get_iter_at_mark (buffer (), &cursor, gtk_text_buffer_get_insert (buffer ()));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 4);   /* the 5th line */
}

static gboolean
offer_shown (gpointer data)
{
  GtkWidget *offer = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_BRIEF_OFFER, 0);

  return offer != NULL && gtk_widget_get_visible (offer) == GPOINTER_TO_INT (data);
}

/* An empty cluster offers its brief; taking it fills the text with the
 * skeleton (its heading, and the link up to its pillar) as one edit. */
static void
test_start_from_brief (UiFixture     *f,
                       gconstpointer  data)
{
  gint64 structure = article_by_slug (STRUCTURE);
  GtkWidget *offer;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;

  click_article (structure);
  wait_links ();
  g_assert_true (wait_for (offer_shown, GINT_TO_POINTER (TRUE), 5000));
  offer = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_BRIEF_OFFER, 0);
  g_signal_emit_by_name (find_button (offer, "Start from the Brief"), "clicked");
  text = buffer_text ();
  g_assert_true (g_str_has_prefix (text, "# Flask Project Structure: Best Practices and Examples\n"));
  g_assert_nonnull (strstr (text, "[[designing-production-ready-flask-application-architectures|"));
  g_assert_true (offer_shown (GINT_TO_POINTER (FALSE)));

  gtk_text_buffer_undo (buffer ());
  undone = buffer_text ();
  g_assert_cmpstr (undone, ==, "");
  g_assert_true (offer_shown (GINT_TO_POINTER (TRUE)));
}

/* The primary query written into the first paragraph raises the score by
 * that item's points. */
static void
test_checklist (UiFixture     *f,
                gconstpointer  data)
{
  TopiaryProject *project = topiary_window_get_project (window);
  gint64 structure = article_by_slug (STRUCTURE);
  g_autoptr(TopiaryArticle) article = topiary_project_get_article (project, structure, FALSE, NULL);
  TopiaryBriefChecklist *checklist = topiary_details_get_checklist (topiary_window_get_details (window));
  const char *queries[] = { "flask project layout", NULL };
  guint before, after;

  topiary_article_set_queries (article, queries);
  topiary_article_set_primary_query (article, 0);
  g_assert_true (topiary_project_update_article (project, article, NULL));
  click_article (structure);
  topiary_article_pane_show_details_page (pane ());
  set_text ("# Structure\n\nHow to arrange the files of an app.\n");
  wait_links ();
  before = topiary_brief_checklist_get_score (checklist);
  g_assert_cmpuint (before, <, 100);

  set_text ("# Structure\n\nA flask project layout that grows: how to arrange the files of an app.\n");
  wait_links ();
  after = topiary_brief_checklist_get_score (checklist);
  g_assert_cmpuint (after, ==, before + 15);
  shot ("brief-checklist.png");
}

/* Two clusters target one query: the overview's finding offers the
 * remedies; "make the other the owner" links to it at the end of the
 * first one's text, and one Undo takes the link back. */
static void
test_cannibal_remedy (UiFixture     *f,
                      gconstpointer  data)
{
  gint64 structure = article_by_slug (STRUCTURE);
  gint64 blueprints = article_by_slug (BLUEPRINTS);
  GtkWidget *overview;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;

  set_query (structure, "flask project layout", "informational");
  set_query (blueprints, "flask project layout", "informational");
  topiary_window_show_map (window, 0);
  spin (200);
  overview = find_widget_of_type (GTK_WIDGET (window), TOPIARY_TYPE_OVERVIEW, 0);
  g_assert_nonnull (overview);
  g_signal_emit_by_name (find_button (overview, "_Check"), "clicked");
  /* The finding's remedies. */
  g_assert_nonnull (find_widget_of_type (overview, GTK_TYPE_MENU_BUTTON, 0));
  g_assert_nonnull (remedies_button (overview));

  gtk_widget_activate_action (overview, "remedy.link-to-owner", "(xx)", structure, blueprints);
  spin (100);
  g_assert_cmpint (topiary_window_get_article_id (window), ==, structure);
  text = buffer_text ();
  g_assert_cmpstr (text, ==, "[[" BLUEPRINTS "|Blueprints and the App Factory Pattern Explained]]\n");
  gtk_text_buffer_undo (buffer ());
  undone = buffer_text ();
  g_assert_cmpstr (undone, ==, "");
}

int
main (int    argc,
      char **argv)
{
  if (!ui_test_init (&argc, &argv, "topiary-test-ui-links"))
    return 77;
  ui_test_add_article ("/ui/links/insert-suggestion", test_insert);
  ui_test_add_sample ("/ui/links/dismiss-persists", test_dismiss);
  ui_test_add_sample ("/ui/links/start-from-brief", test_start_from_brief);
  ui_test_add_sample ("/ui/links/checklist-score", test_checklist);
  ui_test_add_sample ("/ui/links/cannibal-remedy", test_cannibal_remedy);
  ui_test_add_sample ("/ui/links/open-backlink", test_open_backlink);
  return ui_test_run ();
}
