/* topiary-export-theme.c — the site theme: templates, assets and words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A user's theme folder is read first; whatever it lacks comes from the
 * default theme built into Topiary. Only the theme's own regular files
 * are read, through the folder opened once: no symbolic link, device or
 * FIFO, nothing above a size limit, and a folder that holds none of a
 * theme's files (--theme /etc) is no theme at all.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "topiary-core-resources.h"
#include "topiary-utf8.h"
#include "topiary-export-private.h"
#include "topiary-portal-private.h"

#define THEME_RESOURCE "/io/github/topiary/Topiary/themes/default/"

#define MAX_TEMPLATE_SIZE (1024 * 1024)
#define MAX_ASSET_SIZE (32 * 1024 * 1024)
#define MAX_ASSETS_SIZE (256 * 1024 * 1024)
#define MAX_ASSETS 5000
#define MAX_DEPTH 4

static const char *default_assets[] = { "style.css", "search.js" };

/* The files that make a folder a theme. */
static const char *theme_files[] = {
  "base.mustache", "home.mustache", "group.mustache", "article.mustache",
  "search.mustache", "404.mustache", "breadcrumbs.mustache", "style.css", "search.js",
};

/* What a theme's other files may be: the web's own kinds. */
static const char *asset_extensions[] = {
  "css", "js", "mjs", "map", "json", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif",
  "ico", "bmp", "woff", "woff2", "ttf", "otf", "eot", "txt", "xml", "webmanifest",
  "html", "htm", "mp4", "webm", "mp3", "ogg", "wav", "pdf",
};

static gboolean
theme_name_is_valid (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static void
set_not_regular (GError     **error,
                 const char  *name)
{
  g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
               _("“%s” in the theme is not a regular file of the theme (a link, a folder, a device or a pipe)."), name);
}

/* Reads @name in the folder @dfd: TRUE with *@out NULL when there is no
 * such file, FALSE for anything but a regular file of at most @max bytes. */
static gboolean
read_at (int          dfd,
         const char  *name,
         const char  *display,
         gsize        max,
         GBytes     **out,
         GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize len = 0;
  int fd;

  *out = NULL;
  if (fstatat (dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("Cannot read “%s” in the theme: %s."), display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular (error, display);
      return FALSE;
    }
  /* No link followed, and a FIFO swapped in meanwhile does not block. */
  fd = _topiary_portal_openat_nofollow (dfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      if (fd >= 0)
        close (fd);
      set_not_regular (error, display);
      return FALSE;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("“%s” in the theme is larger than %u MB."), display, (guint) (max / (1024 * 1024)));
      return FALSE;
    }
  data = g_malloc ((gsize) st.st_size + 1);
  while (len < (gsize) st.st_size)
    {
      gssize n = read (fd, data + len, (gsize) st.st_size - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                       _("Cannot read “%s” in the theme: %s."), display, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  *out = g_bytes_new_take (g_steal_pointer (&data), len);
  return TRUE;
}

gboolean
topiary_export_theme_open (TopiaryExportTheme  *theme,
                           const char          *dir,
                           GError             **error)
{
  g_autofree char *display = g_filename_display_name (dir);
  gboolean looks_like_one = FALSE;
  int fd;

  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("The theme folder “%s” does not exist."), display);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (theme_files) && !looks_like_one; i++)
    {
      struct stat st;

      looks_like_one = fstatat (fd, theme_files[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode);
    }
  if (!looks_like_one)
    {
      close (fd);
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("“%s” is not a theme: it holds none of a theme’s templates, nor a style.css."), display);
      return FALSE;
    }
  theme->fd = fd;
  theme->dir = g_strdup (dir);
  return TRUE;
}

void
topiary_export_theme_clear (TopiaryExportTheme *theme)
{
  if (theme->fd >= 0)
    close (theme->fd);
  theme->fd = -1;
  g_clear_pointer (&theme->dir, g_free);
  g_clear_pointer (&theme->templates, g_hash_table_unref);
}

/* The file from the user's theme, else from the bundled one. FALSE when
 * the user's theme has it but not as a regular file it may read. */
static gboolean
theme_read (TopiaryExportTheme  *theme,
            const char          *file,
            gsize                max,
            GBytes             **bytes,
            char               **origin,
            GError             **error)
{
  g_autofree char *resource = NULL;

  if (theme->fd >= 0)
    {
      if (!read_at (theme->fd, file, file, max, bytes, error))
        return FALSE;
      if (*bytes != NULL)
        {
          if (origin != NULL)
            *origin = g_build_filename (theme->dir, file, NULL);
          return TRUE;
        }
    }

  resource = g_strconcat (THEME_RESOURCE, file, NULL);
  *bytes = g_resource_lookup_data (topiary_core_get_resource (), resource, 0, NULL);
  if (*bytes != NULL && origin != NULL)
    *origin = g_strconcat ("themes/default/", file, NULL);
  return TRUE;
}

TopiaryMustacheTemplate *
topiary_export_theme_get (const char  *name,
                          gpointer     user_data,
                          GError     **error)
{
  TopiaryExportTheme *theme = user_data;
  TopiaryMustacheTemplate *tmpl;
  g_autofree char *file = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize len;

  /* Template names come from templates: never let one reach outside. */
  if (!theme_name_is_valid (name))
    return NULL;

  tmpl = g_hash_table_lookup (theme->templates, name);
  if (tmpl != NULL)
    return topiary_mustache_template_ref (tmpl);

  file = g_strconcat (name, ".mustache", NULL);
  if (!theme_read (theme, file, MAX_TEMPLATE_SIZE, &bytes, &origin, error) || bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!topiary_utf8_validate (data, len, NULL))
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("The template “%s” is not UTF-8 text."), origin);
      return NULL;
    }

  tmpl = topiary_mustache_template_new (origin, data, (gssize) len, error);
  if (tmpl == NULL)
    return NULL;

  g_hash_table_insert (theme->templates, g_strdup (name), topiary_mustache_template_ref (tmpl));
  return tmpl;
}

TopiaryMustacheTemplate *
topiary_export_theme_require (TopiaryExportTheme  *theme,
                              const char          *name,
                              GError             **error)
{
  GError *local_error = NULL;
  TopiaryMustacheTemplate *tmpl = topiary_export_theme_get (name, theme, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                   _("A template of the theme is broken (%s)."), local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  if (tmpl == NULL)
    g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                 _("The theme has no “%s.mustache” template."), name);
  return tmpl;
}

/* The words the default theme shows around the content, in the map's
 * language where we have them ({{t.key}} in templates); English
 * otherwise. Columns: en, de, fr, es, it, pt, nl. */
static const char *theme_languages[] = { "en", "de", "fr", "es", "it", "pt", "nl" };

static const struct {
  const char *key;
  const char *text[7];
} theme_strings[] = {
  { "skip", { "Skip to the content", "Zum Inhalt springen", "Aller au contenu", "Saltar al contenido", "Vai al contenuto", "Saltar para o conteúdo", "Naar de inhoud" } },
  { "search_site", { "Search this site", "Diese Website durchsuchen", "Rechercher sur ce site", "Buscar en este sitio", "Cerca nel sito", "Pesquisar neste site", "Zoeken op deze site" } },
  { "search_placeholder", { "Search…", "Suchen…", "Rechercher…", "Buscar…", "Cerca…", "Pesquisar…", "Zoeken…" } },
  { "search", { "Search", "Suchen", "Rechercher", "Buscar", "Cerca", "Pesquisar", "Zoeken" } },
  { "site_map", { "Map of the topics", "Themenkarte", "Carte des sujets", "Mapa de temas", "Mappa degli argomenti", "Mapa de temas", "Themakaart" } },
  { "topics", { "Topics", "Themen", "Thèmes", "Temas", "Argomenti", "Temas", "Onderwerpen" } },
  { "feed", { "Atom feed", "Atom-Feed", "Flux Atom", "Feed Atom", "Feed Atom", "Feed Atom", "Atom-feed" } },
  { "sitemap", { "Sitemap", "Sitemap", "Plan du site", "Mapa del sitio", "Mappa del sito", "Mapa do site", "Sitemap" } },
  { "published_with", { "Published with Topiary.", "Veröffentlicht mit Topiary.", "Publié avec Topiary.", "Publicado con Topiary.", "Pubblicato con Topiary.", "Publicado com Topiary.", "Gepubliceerd met Topiary." } },
  { "home", { "Home", "Startseite", "Accueil", "Inicio", "Home", "Início", "Home" } },
  { "breadcrumb", { "Breadcrumb", "Brotkrümelnavigation", "Fil d’Ariane", "Ruta de navegación", "Percorso", "Trilha de navegação", "Kruimelpad" } },
  { "draft_note", { "Draft: this article is not published yet.", "Entwurf: Dieser Artikel ist noch nicht veröffentlicht.", "Brouillon : cet article n’est pas encore publié.", "Borrador: este artículo aún no está publicado.", "Bozza: questo articolo non è ancora pubblicato.", "Rascunho: este artigo ainda não foi publicado.", "Concept: dit artikel is nog niet gepubliceerd." } },
  { "not_written", { "This article is planned but not written yet.", "Dieser Artikel ist geplant, aber noch nicht geschrieben.", "Cet article est prévu mais pas encore écrit.", "Este artículo está planificado, pero aún no está escrito.", "Questo articolo è in programma ma non è ancora scritto.", "Este artigo está planeado, mas ainda não foi escrito.", "Dit artikel is gepland, maar nog niet geschreven." } },
  { "min_read", { "min read", "Min. Lesezeit", "min de lecture", "min de lectura", "min di lettura", "min de leitura", "min leestijd" } },
  { "on_this_page", { "On this page", "Auf dieser Seite", "Sur cette page", "En esta página", "In questa pagina", "Nesta página", "Op deze pagina" } },
  { "related", { "Related reading", "Weiterlesen", "À lire aussi", "Lecturas relacionadas", "Letture correlate", "Leituras relacionadas", "Verder lezen" } },
  { "guide", { "Guide", "Leitfaden", "Guide", "Guía", "Guida", "Guia", "Gids" } },
  { "prev_next", { "Previous and next articles", "Vorheriger und nächster Artikel", "Articles précédent et suivant", "Artículos anterior y siguiente", "Articoli precedente e successivo", "Artigos anterior e seguinte", "Vorig en volgend artikel" } },
  { "previous", { "Previous", "Zurück", "Précédent", "Anterior", "Precedente", "Anterior", "Vorige" } },
  { "next", { "Next", "Weiter", "Suivant", "Siguiente", "Successivo", "Seguinte", "Volgende" } },
  { "article", { "article", "Artikel", "article", "artículo", "articolo", "artigo", "artikel" } },
  { "articles", { "articles", "Artikel", "articles", "artículos", "articoli", "artigos", "artikelen" } },
  { "topic", { "topic", "Thema", "thème", "tema", "argomento", "tema", "onderwerp" } },
  { "topics_count", { "topics", "Themen", "thèmes", "temas", "argomenti", "temas", "onderwerpen" } },
  { "nothing_yet", { "Nothing has been published here yet.", "Hier wurde noch nichts veröffentlicht.", "Rien n’a encore été publié ici.", "Aún no se ha publicado nada aquí.", "Qui non è ancora stato pubblicato nulla.", "Ainda não foi publicado nada aqui.", "Hier is nog niets gepubliceerd." } },
  { "all_in_topic", { "All articles in this topic", "Alle Artikel zu diesem Thema", "Tous les articles de ce thème", "Todos los artículos de este tema", "Tutti gli articoli di questo argomento", "Todos os artigos deste tema", "Alle artikelen over dit onderwerp" } },
  { "latest", { "Latest articles", "Neueste Artikel", "Derniers articles", "Últimos artículos", "Ultimi articoli", "Artigos mais recentes", "Nieuwste artikelen" } },
  { "start_here", { "Start here", "Hier anfangen", "Commencer ici", "Empieza aquí", "Inizia da qui", "Comece aqui", "Begin hier" } },
  { "in_this_topic", { "In this topic", "In diesem Thema", "Dans ce thème", "En este tema", "In questo argomento", "Neste tema", "In dit onderwerp" } },
  { "draft", { "Draft", "Entwurf", "Brouillon", "Borrador", "Bozza", "Rascunho", "Concept" } },
  { "search_articles", { "Search the articles", "Artikel durchsuchen", "Rechercher dans les articles", "Buscar en los artículos", "Cerca negli articoli", "Pesquisar nos artigos", "Artikelen doorzoeken" } },
  { "needs_js", { "Search needs JavaScript; every article is also listed on the home page.", "Die Suche braucht JavaScript; alle Artikel stehen auch auf der Startseite.", "La recherche nécessite JavaScript ; tous les articles figurent aussi sur la page d’accueil.", "La búsqueda necesita JavaScript; todos los artículos aparecen también en la página de inicio.", "La ricerca richiede JavaScript; tutti gli articoli sono elencati anche nella pagina iniziale.", "A pesquisa precisa de JavaScript; todos os artigos aparecem também na página inicial.", "Zoeken werkt alleen met JavaScript; alle artikelen staan ook op de startpagina." } },
  { "home_page", { "Go to the home page", "Zur Startseite", "Aller à la page d’accueil", "Ir a la página de inicio", "Vai alla pagina iniziale", "Ir para a página inicial", "Naar de startpagina" } },
  { "not_found", { "Page not found", "Seite nicht gefunden", "Page introuvable", "Página no encontrada", "Pagina non trovata", "Página não encontrada", "Pagina niet gevonden" } },
  { "not_found_text", { "The page you asked for is not here. It may have moved, or the address may be mistyped.", "Die gesuchte Seite gibt es hier nicht. Vielleicht wurde sie verschoben, oder die Adresse ist falsch geschrieben.", "La page demandée n’est pas ici. Elle a peut-être été déplacée, ou l’adresse contient une faute de frappe.", "La página que buscas no está aquí. Puede que se haya movido o que la dirección esté mal escrita.", "La pagina richiesta non è qui. Potrebbe essere stata spostata, o l’indirizzo potrebbe contenere un errore.", "A página que procura não está aqui. Pode ter sido movida, ou o endereço pode estar mal escrito.", "De pagina die je zoekt is er niet. Misschien is ze verplaatst, of is het adres verkeerd getypt." } },
  { "js_loading", { "Loading the search index…", "Suchindex wird geladen…", "Chargement de l’index de recherche…", "Cargando el índice de búsqueda…", "Caricamento dell’indice di ricerca…", "A carregar o índice de pesquisa…", "Zoekindex wordt geladen…" } },
  { "js_failed", { "The search index could not be loaded.", "Der Suchindex konnte nicht geladen werden.", "L’index de recherche n’a pas pu être chargé.", "No se pudo cargar el índice de búsqueda.", "Impossibile caricare l’indice di ricerca.", "Não foi possível carregar o índice de pesquisa.", "De zoekindex kon niet worden geladen." } },
  { "js_prompt", { "Type a few words to search the articles.", "Geben Sie einige Wörter ein, um die Artikel zu durchsuchen.", "Tapez quelques mots pour chercher dans les articles.", "Escribe algunas palabras para buscar en los artículos.", "Scrivi qualche parola per cercare negli articoli.", "Escreva algumas palavras para pesquisar nos artigos.", "Typ een paar woorden om de artikelen te doorzoeken." } },
  { "js_none", { "No article matches your search.", "Kein Artikel passt zu Ihrer Suche.", "Aucun article ne correspond à votre recherche.", "Ningún artículo coincide con tu búsqueda.", "Nessun articolo corrisponde alla ricerca.", "Nenhum artigo corresponde à sua pesquisa.", "Geen artikel past bij je zoekopdracht." } },
  { "js_count", { "Articles found:", "Gefundene Artikel:", "Articles trouvés :", "Artículos encontrados:", "Articoli trovati:", "Artigos encontrados:", "Gevonden artikelen:" } },
};

static const char *months[7][12] = {
  { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" },
  { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember" },
  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
  { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre" },
  { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro" },
  { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december" },
};

static guint
language_column (const char *lang)
{
  g_autofree char *primary = g_ascii_strdown (lang, strcspn (lang, "-_"));

  for (guint i = 0; i < G_N_ELEMENTS (theme_languages); i++)
    if (strcmp (primary, theme_languages[i]) == 0)
      return i;
  return 0;
}

JsonObject *
topiary_export_theme_words (const char *lang)
{
  JsonObject *t = json_object_new ();
  guint column = language_column (lang);

  for (guint i = 0; i < G_N_ELEMENTS (theme_strings); i++)
    json_object_set_string_member (t, theme_strings[i].key, theme_strings[i].text[column]);
  return t;
}

/* "14 November 2023", written the way the site's language writes dates,
 * whatever the locale Topiary runs in. */
char *
topiary_export_human_date (gint64      t,
            const char *lang)
{
  g_autoptr(GDateTime) dt = NULL;
  guint column = language_column (lang);
  int day, month, year;

  if (t <= 0 || (dt = g_date_time_new_from_unix_utc (t)) == NULL)
    return NULL;
  g_date_time_get_ymd (dt, &year, &month, &day);
  switch (column)
    {
    case 1:
      return g_strdup_printf ("%d. %s %d", day, months[column][month - 1], year);
    case 3:
    case 5:
      return g_strdup_printf ("%d de %s de %d", day, months[column][month - 1], year);
    default:
      return g_strdup_printf ("%d %s %d", day, months[column][month - 1], year);
    }
}

static gboolean
is_asset_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (asset_extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, asset_extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  TopiaryExportWriteFunc  write;
  gpointer                user_data;
  guint64                 size;
  guint                   count;
} Copy;

/* Copies the theme's web files below the folder @dfd (which it closes)
 * to assets/@rel. Hidden files, odd names, links, devices and other
 * kinds of file stay behind. */
static gboolean
copy_theme_files (Copy        *c,
                  int          dfd,
                  const char  *rel,
                  guint        depth,
                  GError     **error)
{
  DIR *d = fdopendir (dfd);
  struct dirent *entry;
  gboolean ok = TRUE;

  if (d == NULL)
    {
      close (dfd);
      return TRUE;
    }
  while (ok && (entry = readdir (d)) != NULL)
    {
      const char *name = entry->d_name;
      g_autofree char *child_rel = NULL;
      struct stat st;

      if (!topiary_export_safe_component (name) ||
          fstatat (dirfd (d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      child_rel = rel[0] ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);

      if (S_ISDIR (st.st_mode) && depth < MAX_DEPTH)
        {
          int sub = openat (dirfd (d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (sub >= 0)
            ok = copy_theme_files (c, sub, child_rel, depth + 1, error);
        }
      else if (S_ISREG (st.st_mode) && is_asset_name (name))
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *target = g_strconcat ("assets/", child_rel, NULL);
          gsize len;

          if (++c->count > MAX_ASSETS || (c->size += (guint64) st.st_size) > MAX_ASSETS_SIZE)
            {
              g_set_error (error, TOPIARY_EXPORT_ERROR, TOPIARY_EXPORT_ERROR_THEME,
                           _("The theme holds more than %u files or %u MB; a theme’s assets are published with every site."),
                           MAX_ASSETS, MAX_ASSETS_SIZE / (1024 * 1024));
              ok = FALSE;
            }
          else if (!read_at (dirfd (d), name, child_rel, MAX_ASSET_SIZE, &bytes, error))
            ok = FALSE;
          else if (bytes != NULL)
            {
              const char *data = g_bytes_get_data (bytes, &len);

              ok = c->write (c->user_data, target, data, len, error);
            }
        }
    }
  closedir (d);
  return ok;
}

gboolean
topiary_export_theme_write_assets (TopiaryExportTheme      *theme,
                                   TopiaryExportWriteFunc   write,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  Copy c = { write, user_data, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (default_assets); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *target = g_strconcat ("assets/", default_assets[i], NULL);
      const char *data;
      gsize len;

      if (!theme_read (theme, default_assets[i], MAX_ASSET_SIZE, &bytes, NULL, error))
        return FALSE;
      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &len);
      if (!write (user_data, target, data, len, error))
        return FALSE;
    }
  if (theme->fd >= 0)
    {
      int root = openat (theme->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

      if (root >= 0)
        return copy_theme_files (&c, root, "", 0, error);
    }
  return TRUE;
}
