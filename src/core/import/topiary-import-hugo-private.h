/* topiary-import-hugo-private.h — what the parts of the Hugo/Jekyll
 * importer (topiary-import-hugo*.c) share: the files and folders found,
 * the import's state, the read-ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "topiary-import.h"
#include "topiary-import-fs-private.h"

G_BEGIN_DECLS

/* More target queries than this for one article is not a plan but a dump;
 * the rest are dropped (and comparing them would be quadratic). */
#define MAX_QUERIES 100
/* The first pass reads this much of each file. */
#define HEAD_SIZE 8192
/* Markdown files above this size are not articles: they are skipped with a
 * warning, unread. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

typedef struct _Folder Folder;

typedef struct {
  char           *path;       /* on disk, as listed */
  char           *read_path;  /* the same, or a link's target inside the folder */
  TopiaryFileId   id;         /* the file the walk saw, checked when read */
  char           *rel;        /* relative to the content root, for sorting */
  Folder         *folder;     /* its group's folder; NULL for an idea */
  char           *category;   /* Jekyll: the group named by the front matter */
  gint64          weight;
  gboolean        has_weight;
  gboolean        marked_pillar;
  gboolean        marked_cluster;
  TopiaryArticle *article;    /* its front matter, until the plan has it; the body is read when written */
  guint           plan_index; /* its article in the plan */
} Entry;

struct _Folder {
  char         *rel;          /* "" for the root */
  char         *title;
  char         *description;
  char         *text;         /* the _index.md body, when it says something */
  gint64        weight;
  gboolean      has_weight;
  gboolean      is_posts;     /* Jekyll _posts / _drafts */
  GPtrArray    *entries;      /* Entry *, borrowed */
  int           plan_group;   /* its group in the plan; -1: none */
  Entry        *pillar;
};

typedef struct {
  TopiaryProject      *project;
  TopiaryImportReport *report;
  TopiaryProgressFunc  progress;
  gpointer             progress_data;
  char                *root;
  GPtrArray           *entries;    /* Entry * */
  GHashTable          *folders;    /* rel → Folder * */
  GHashTable          *titles;     /* slug → title, for links Topiary exported */
  guint                file_warnings;
  char                *real_base;  /* the imported folder, links resolved */
  GHashTable          *seen;       /* "dev:ino" of the folders walked */
  const char          *site_root;  /* the folder as given: static/ and assets/ are in it */
  const char          *media_base; /* real_base, kept for the files articles use */
} Ctx;

typedef struct {
  char       *text;
  gsize       length;
  char       *error;        /* why the file could not be read, or NULL */
  gboolean    replaced;     /* invalid UTF-8 was replaced */
  gboolean    done;
  GHashTable *media;        /* the files it refers to, read and checked, or NULL */
  gsize       media_bytes;  /* what they hold */
} Slot;

typedef struct {
  GMutex     mutex;
  GCond      cond;
  GPtrArray *entries;
  Slot      *slots;
  guint      next;      /* the file the thread reads next */
  guint      consumed;  /* slots before this one are taken */
  gboolean   stop;
  const char *site_root;   /* where a body's files are looked for (NULL: */
  const char *media_base;  /* no files are read), see _topiary_import_media() */
  gsize      media_bytes;  /* of files read and not yet taken */
  GThread   *thread;
} ReadAhead;

/* topiary-import-hugo.c */
void _topiary_hugo_set_str   (char       **field,
                              const char  *value);
void _topiary_hugo_file_warn (Ctx         *ctx,
                              const char  *format,
                              ...) G_GNUC_PRINTF (2, 3);

/* topiary-import-hugo-read.c */
gboolean _topiary_hugo_is_markdown      (const char          *name);
/* First pass: a folder's _index.md, an article's front matter. */
void     _topiary_hugo_read_index       (Ctx                 *ctx,
                                         Folder              *folder,
                                         const char          *path,
                                         const TopiaryFileId *id,
                                         const char          *rel);
void     _topiary_hugo_read_entry       (Ctx                 *ctx,
                                         Entry               *e);
/* Second pass: the bodies, read ahead by a thread. */
void     _topiary_hugo_read_ahead_start (ReadAhead           *ra,
                                         GPtrArray           *entries,
                                         const char          *site_root,
                                         const char          *media_base);
Slot     _topiary_hugo_read_ahead_take  (ReadAhead           *ra,
                                         guint                i);
void     _topiary_hugo_read_ahead_stop  (ReadAhead           *ra);

/* topiary-import-hugo-links.c */
char *_topiary_hugo_unrewrite_relrefs (const char *body,
                                       GHashTable *titles);

G_END_DECLS
