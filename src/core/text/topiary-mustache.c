/* topiary-mustache.c — a logic-less Mustache renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compilation happens in four passes over the source:
 *
 *  1. tokenize: text (split after every newline), tags, and a "line start"
 *     marker wherever a template line begins;
 *  2. pair opening and closing tags, reporting mismatches;
 *  3. decide which tags are standalone and drop the whitespace and newline
 *     around them (and the marker of a dropped line);
 *  4. build the tree.
 *
 * Line-start markers carry indentation: a standalone partial or parent
 * pushes its leading whitespace, and every marker rendered inside it emits
 * the accumulated indentation. Markers come from template text only, so
 * newlines inside interpolated data are never indented.
 *
 * Blocks passed to a parent are "dedented" once at compile time by their
 * intrinsic indentation (that of their first line) and re-indented at the
 * place where the parent expands them.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-mustache.h"

/* Partials, parents and substituted blocks nested deeper than this are
 * taken for endless recursion. */
#define MAX_DEPTH 100
/* Sections nested deeper than this in one template are refused. */
#define MAX_NESTING 256

G_DEFINE_QUARK (topiary-mustache-error-quark, topiary_mustache_error)

typedef enum {
  TOK_TEXT,
  TOK_MARKER,
  TOK_VAR,
  TOK_RAW,
  TOK_COMMENT,
  TOK_DELIM,
  TOK_SECTION,
  TOK_INVERTED,
  TOK_CLOSE,
  TOK_PARTIAL,
  TOK_PARENT,
  TOK_BLOCK,
} TokType;

typedef enum {
  BLOCK_INLINE,      /* expanded where it stands */
  BLOCK_PAIR,        /* "  {{$b}}…{{/b}}\n": lines after the first indented */
  BLOCK_STANDALONE,  /* the opening tag alone on its line: every line indented */
} BlockMode;

typedef struct {
  TokType type;
  guint   line;
  gsize   start;       /* TEXT: slice of the source; tags: the name */
  gsize   len;
  int     pair;        /* matching opening or closing tag */
  int     enclosing;   /* innermost opening tag around this token */
  int     left_from;   /* first token of the blank run before a tag */
  int     right_to;    /* last token of the blank run after a tag */
  guint   left_clear : 1;
  guint   right_clear : 1;
  guint   dropped : 1;
  BlockMode mode;
  char   *indent;
} Token;

typedef enum {
  NODE_TEXT,
  NODE_MARKER,
  NODE_VAR,
  NODE_RAW,
  NODE_SECTION,
  NODE_INVERTED,
  NODE_PARTIAL,
  NODE_PARENT,
  NODE_BLOCK,
} NodeType;

typedef struct _Node Node;

struct _Node {
  NodeType    type;
  BlockMode   mode;
  guint       line;
  guint       n_children;
  const char *text;      /* NODE_TEXT: points into the template's source */
  gsize       len;
  char       *name;
  char      **path;      /* the dotted name split; NULL for "." */
  char       *indent;    /* partials, parents and blocks */
  Node      **children;  /* parents: only their argument blocks */
};

struct _TopiaryMustacheTemplate {
  gatomicrefcount ref_count;
  char  *name;
  char  *source;
  gsize  length;
  Node  *root;
};

G_DEFINE_BOXED_TYPE (TopiaryMustacheTemplate, topiary_mustache_template,
                     topiary_mustache_template_ref,
                     topiary_mustache_template_unref)

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_children; i++)
    node_free (node->children[i]);
  g_free (node->children);
  g_free (node->name);
  g_strfreev (node->path);
  g_free (node->indent);
  g_free (node);
}

static Node *
node_new (NodeType type,
          guint    line)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  node->line = line;
  return node;
}

/* ---- tokenizer ---- */

typedef struct {
  const char *name;
  const char *src;
  gsize       len;
  GArray     *toks;
} Compiler;

static void
clear_token (gpointer data)
{
  Token *tok = data;

  g_clear_pointer (&tok->indent, g_free);
}

static void
push_token (Compiler *c,
            TokType   type,
            guint     line,
            gsize     start,
            gsize     len)
{
  Token tok = { 0 };

  tok.type = type;
  tok.line = line;
  tok.start = start;
  tok.len = len;
  tok.pair = -1;
  tok.enclosing = -1;
  g_array_append_val (c->toks, tok);
}

static const char *
find_seq (const char *hay,
          gsize       hay_len,
          const char *needle,
          gsize       needle_len)
{
  const char *end = hay + hay_len;

  if (needle_len == 0 || hay_len < needle_len)
    return NULL;

  for (const char *p = hay; p + needle_len <= end; p++)
    {
      p = memchr (p, needle[0], (gsize) (end - p) - needle_len + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
    }

  return NULL;
}

static inline gboolean
is_space (char ch)
{
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static void
trim (const char *src,
      gsize      *start,
      gsize      *len)
{
  while (*len > 0 && is_space (src[*start]))
    {
      (*start)++;
      (*len)--;
    }
  while (*len > 0 && is_space (src[*start + *len - 1]))
    (*len)--;
}

static gboolean
has_space (const char *s,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (is_space (s[i]))
      return TRUE;
  return FALSE;
}

static gboolean
set_delimiters (Compiler  *c,
                guint      line,
                gsize      start,
                gsize      len,
                char     **otag,
                char     **ctag,
                GError   **error)
{
  const char *s;
  gsize split = 0;
  gsize rstart;

  trim (c->src, &start, &len);
  s = c->src + start;
  while (split < len && !is_space (s[split]))
    split++;
  rstart = split;
  while (rstart < len && is_space (s[rstart]))
    rstart++;

  if (split == 0 || rstart >= len || has_space (s + rstart, len - rstart) ||
      memchr (s, '=', len) != NULL)
    {
      g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                   _("%s:%u: “%.*s” is not a valid delimiter change (two delimiters separated by a space are expected)"),
                   c->name, line, (int) len, s);
      return FALSE;
    }

  g_free (*otag);
  g_free (*ctag);
  *otag = g_strndup (s, split);
  *ctag = g_strndup (s + rstart, len - rstart);
  return TRUE;
}

static gboolean
tokenize (Compiler  *c,
          GError   **error)
{
  g_autofree char *otag = g_strdup ("{{");
  g_autofree char *ctag = g_strdup ("}}");
  const char *src = c->src;
  gsize len = c->len;
  gsize pos = 0;
  guint line = 1;

  if (len > 0)
    push_token (c, TOK_MARKER, line, 0, 0);

  while (pos < len)
    {
      gsize olen = strlen (otag);
      gsize clen = strlen (ctag);
      const char *open = find_seq (src + pos, len - pos, otag, olen);
      gsize text_end = open ? (gsize) (open - src) : len;
      const char *close;
      gsize body, body_len, tag_end = 0;
      TokType type;
      guint tag_line;
      char sigil;

      while (pos < text_end)
        {
          const char *nl = memchr (src + pos, '\n', text_end - pos);
          gsize end = nl ? (gsize) (nl - src) + 1 : text_end;

          push_token (c, TOK_TEXT, line, pos, end - pos);
          pos = end;
          if (nl != NULL)
            {
              line++;
              if (pos < len)
                push_token (c, TOK_MARKER, line, pos, 0);
            }
        }

      if (open == NULL)
        break;

      tag_line = line;
      body = pos + olen;
      sigil = body < len ? src[body] : '\0';

      switch (sigil)
        {
        case '{':
          {
            g_autofree char *seq = g_strconcat ("}", ctag, NULL);

            close = find_seq (src + body + 1, len - body - 1, seq, clen + 1);
            if (close != NULL)
              tag_end = (gsize) (close - src) + clen + 1;
            type = TOK_RAW;
            body++;
          }
          break;

        case '=':
          {
            g_autofree char *seq = g_strconcat ("=", ctag, NULL);

            close = find_seq (src + body + 1, len - body - 1, seq, clen + 1);
            if (close != NULL)
              tag_end = (gsize) (close - src) + clen + 1;
            type = TOK_DELIM;
            body++;
          }
          break;

        default:
          close = find_seq (src + body, len - body, ctag, clen);
          if (close != NULL)
            tag_end = (gsize) (close - src) + clen;
          switch (sigil)
            {
            case '&': type = TOK_RAW; body++; break;
            case '!': type = TOK_COMMENT; body++; break;
            case '#': type = TOK_SECTION; body++; break;
            case '^': type = TOK_INVERTED; body++; break;
            case '/': type = TOK_CLOSE; body++; break;
            case '>': type = TOK_PARTIAL; body++; break;
            case '<': type = TOK_PARENT; body++; break;
            case '$': type = TOK_BLOCK; body++; break;
            default: type = TOK_VAR; break;
            }
          break;
        }

      if (close == NULL)
        {
          g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                       _("%s:%u: a tag opened with “%s” is never closed with “%s”"),
                       c->name, tag_line, otag, ctag);
          return FALSE;
        }

      body_len = (gsize) (close - src) - body;
      for (gsize i = pos; i < tag_end; i++)
        if (src[i] == '\n')
          line++;
      pos = tag_end;

      if (type == TOK_DELIM)
        {
          if (!set_delimiters (c, tag_line, body, body_len, &otag, &ctag, error))
            return FALSE;
          push_token (c, TOK_DELIM, tag_line, body, 0);
          continue;
        }

      if (type != TOK_COMMENT)
        {
          trim (src, &body, &body_len);
          if (body_len == 0)
            {
              g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                           _("%s:%u: a tag has no name"), c->name, tag_line);
              return FALSE;
            }
          if (has_space (src + body, body_len))
            {
              g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                           _("%s:%u: the tag name “%.*s” contains a space"),
                           c->name, tag_line, (int) body_len, src + body);
              return FALSE;
            }
        }

      push_token (c, type, tag_line, body, body_len);
    }

  return TRUE;
}

/* ---- pairing ---- */

static inline Token *
tok_at (Compiler *c,
        int       i)
{
  return &g_array_index (c->toks, Token, i);
}

static gboolean
same_name (Compiler *c,
           Token    *a,
           Token    *b)
{
  return a->len == b->len && memcmp (c->src + a->start, c->src + b->start, a->len) == 0;
}

static gboolean
pair_tags (Compiler  *c,
           GError   **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < c->toks->len; i++)
    {
      Token *tok = tok_at (c, i);

      tok->enclosing = stack->len ? g_array_index (stack, int, stack->len - 1) : -1;

      switch (tok->type)
        {
        case TOK_SECTION:
        case TOK_INVERTED:
        case TOK_PARENT:
        case TOK_BLOCK:
          {
            int idx = (int) i;

            /* The tree is walked recursively: keep its depth sane. */
            if (stack->len >= MAX_NESTING)
              {
                g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                             _("%s:%u: sections nest more than %u deep"),
                             c->name, tok->line, MAX_NESTING);
                return FALSE;
              }
            g_array_append_val (stack, idx);
          }
          break;

        case TOK_CLOSE:
          {
            Token *open;

            if (stack->len == 0)
              {
                g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                             _("%s:%u: the closing tag “%.*s” has no matching opening tag"),
                             c->name, tok->line, (int) tok->len, c->src + tok->start);
                return FALSE;
              }

            open = tok_at (c, g_array_index (stack, int, stack->len - 1));
            if (!same_name (c, open, tok))
              {
                g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                             _("%s:%u: the closing tag “%.*s” does not match the section “%.*s” opened on line %u"),
                             c->name, tok->line, (int) tok->len, c->src + tok->start,
                             (int) open->len, c->src + open->start, open->line);
                return FALSE;
              }

            open->pair = (int) i;
            tok->pair = g_array_index (stack, int, stack->len - 1);
            g_array_set_size (stack, stack->len - 1);
          }
          break;

        case TOK_TEXT:
        case TOK_MARKER:
        case TOK_VAR:
        case TOK_RAW:
        case TOK_COMMENT:
        case TOK_DELIM:
        case TOK_PARTIAL:
        default:
          break;
        }
    }

  if (stack->len > 0)
    {
      Token *open = tok_at (c, g_array_index (stack, int, stack->len - 1));

      g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                   _("%s:%u: the section “%.*s” is never closed"),
                   c->name, open->line, (int) open->len, c->src + open->start);
      return FALSE;
    }

  return TRUE;
}

/* ---- standalone lines ---- */

/* Blank: spaces and tabs, optionally ending with "\n" or "\r\n". */
static gboolean
text_is_blank (const char *s,
               gsize       len,
               gboolean   *ends_line)
{
  gsize n = len;

  *ends_line = FALSE;
  if (n > 0 && s[n - 1] == '\n')
    {
      *ends_line = TRUE;
      n--;
      if (n > 0 && s[n - 1] == '\r')
        n--;
    }
  for (gsize i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

static void
compute_clearance (Compiler *c,
                   int       i)
{
  Token *tok = tok_at (c, i);
  int n = (int) c->toks->len;
  int j;

  tok->left_clear = TRUE;
  for (j = i - 1; j >= 0; j--)
    {
      Token *t = tok_at (c, j);
      gboolean ends_line;

      if (t->type == TOK_MARKER)
        {
          j--;
          break;
        }
      if (t->type != TOK_TEXT)
        {
          tok->left_clear = FALSE;
          break;
        }
      if (!text_is_blank (c->src + t->start, t->len, &ends_line))
        {
          tok->left_clear = FALSE;
          break;
        }
      if (ends_line)
        break;
    }
  tok->left_from = j + 1;

  tok->right_clear = FALSE;
  for (j = i + 1; j < n; j++)
    {
      Token *t = tok_at (c, j);
      gboolean ends_line;

      if (t->type != TOK_TEXT || !text_is_blank (c->src + t->start, t->len, &ends_line))
        break;
      if (ends_line)
        {
          tok->right_clear = TRUE;
          break;
        }
    }
  if (j >= n)
    {
      tok->right_clear = TRUE;
      j = n - 1;
    }
  tok->right_to = j;
}

static char *
left_text (Compiler *c,
           Token    *tok,
           int       i)
{
  GString *s = g_string_new (NULL);

  for (int j = tok->left_from; j < i; j++)
    {
      Token *t = tok_at (c, j);

      if (t->type == TOK_TEXT)
        g_string_append_len (s, c->src + t->start, t->len);
    }
  return g_string_free (s, FALSE);
}

static void
drop_left (Compiler *c,
           Token    *tok,
           int       i)
{
  for (int j = tok->left_from; j < i; j++)
    tok_at (c, j)->dropped = TRUE;
}

static void
drop_right (Compiler *c,
            Token    *tok,
            int       i)
{
  for (int j = i + 1; j <= tok->right_to; j++)
    tok_at (c, j)->dropped = TRUE;
}

static gboolean
is_argument (Compiler *c,
             Token    *block)
{
  return block->enclosing >= 0 && tok_at (c, block->enclosing)->type == TOK_PARENT;
}

static void
mark_standalone (Compiler *c)
{
  int n = (int) c->toks->len;

  for (int i = 0; i < n; i++)
    {
      TokType type = tok_at (c, i)->type;

      if (type != TOK_TEXT && type != TOK_MARKER && type != TOK_VAR && type != TOK_RAW)
        compute_clearance (c, i);
    }

  for (int i = 0; i < n; i++)
    {
      Token *tok = tok_at (c, i);
      gboolean alone = tok->left_clear && tok->right_clear;

      switch (tok->type)
        {
        case TOK_COMMENT:
        case TOK_DELIM:
        case TOK_SECTION:
        case TOK_INVERTED:
          if (alone)
            {
              drop_left (c, tok, i);
              drop_right (c, tok, i);
            }
          break;

        case TOK_PARTIAL:
          if (alone)
            {
              tok->indent = left_text (c, tok, i);
              drop_left (c, tok, i);
              drop_right (c, tok, i);
            }
          break;

        case TOK_PARENT:
          /* Text inside a parent is ignored, so a parent pair stands
           * alone when its opening tag starts a line and its closing tag
           * ends one. */
          if (tok->left_clear && tok_at (c, tok->pair)->right_clear)
            {
              tok->indent = left_text (c, tok, i);
              drop_left (c, tok, i);
            }
          if (tok->right_clear)
            drop_right (c, tok, i);
          break;

        case TOK_BLOCK:
          if (is_argument (c, tok))
            {
              /* What precedes is parent text (ignored); a newline right
               * after the tag belongs to the tag, not to the content. */
              if (tok->right_clear)
                drop_right (c, tok, i);
              if (tok->left_clear)
                drop_left (c, tok, i);
            }
          else if (alone)
            {
              tok->mode = BLOCK_STANDALONE;
              tok->indent = left_text (c, tok, i);
              drop_left (c, tok, i);
              drop_right (c, tok, i);
            }
          else if (tok->left_clear && tok_at (c, tok->pair)->right_clear)
            {
              tok->mode = BLOCK_PAIR;
              tok->indent = left_text (c, tok, i);
            }
          else
            tok->mode = BLOCK_INLINE;
          break;

        case TOK_CLOSE:
          {
            Token *open = tok_at (c, tok->pair);

            if (open->type == TOK_PARENT)
              {
                if (tok->left_clear)
                  drop_left (c, tok, i);
                if (tok->right_clear && open->left_clear)
                  drop_right (c, tok, i);
              }
            else if (open->type == TOK_BLOCK && is_argument (c, open))
              {
                /* The content ends where the line of the closing tag
                 * starts; what follows is parent text. */
                if (tok->left_clear)
                  drop_left (c, tok, i);
                if (tok->right_clear)
                  drop_right (c, tok, i);
              }
            else if (alone)
              {
                drop_left (c, tok, i);
                drop_right (c, tok, i);
              }
          }
          break;

        case TOK_TEXT:
        case TOK_MARKER:
        case TOK_VAR:
        case TOK_RAW:
        default:
          break;
        }
    }
}

/* ---- tree ---- */

static gsize
common_prefix (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  gsize n = 0;

  while (n < a_len && n < b_len && a[n] == b[n])
    n++;
  return n;
}

static void
strip_indent (char       **indent,
              const char  *prefix,
              gsize        prefix_len)
{
  gsize len, n;

  if (*indent == NULL)
    return;
  len = strlen (*indent);
  n = common_prefix (*indent, len, prefix, prefix_len);
  memmove (*indent, *indent + n, len - n + 1);
}

/* Removes @prefix from the start of every line in @nodes: the block's own
 * indentation, added back where the parent expands it. Blocks passed to a
 * nested parent live in their own world and were dedented already. */
static void
dedent (Node       **nodes,
        guint        n_nodes,
        const char  *prefix,
        gsize        prefix_len)
{
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *node = nodes[i];

      switch (node->type)
        {
        case NODE_MARKER:
          if (i + 1 < n_nodes && nodes[i + 1]->type == NODE_TEXT)
            {
              Node *text = nodes[i + 1];
              gsize n = common_prefix (text->text, text->len, prefix, prefix_len);

              text->text += n;
              text->len -= n;
            }
          break;

        case NODE_PARTIAL:
        case NODE_PARENT:
          strip_indent (&node->indent, prefix, prefix_len);
          break;

        case NODE_BLOCK:
          strip_indent (&node->indent, prefix, prefix_len);
          dedent (node->children, node->n_children, prefix, prefix_len);
          break;

        case NODE_SECTION:
        case NODE_INVERTED:
          dedent (node->children, node->n_children, prefix, prefix_len);
          break;

        case NODE_TEXT:
        case NODE_VAR:
        case NODE_RAW:
        default:
          break;
        }
    }
}

static gsize
leading_blank (const char *s,
               gsize       len)
{
  gsize n = 0;

  while (n < len && (s[n] == ' ' || s[n] == '\t'))
    n++;
  return n;
}

static void
finish_block (Node     *node,
              gboolean  argument)
{
  Node **kids = node->children;
  guint n = node->n_children;

  if (argument)
    {
      if (n >= 2 && kids[0]->type == NODE_MARKER && kids[1]->type == NODE_TEXT)
        {
          gsize ws = leading_blank (kids[1]->text, kids[1]->len);

          if (ws > 0)
            {
              g_autofree char *prefix = g_strndup (kids[1]->text, ws);

              dedent (kids, n, prefix, ws);
            }
        }
    }
  else if (node->mode == BLOCK_STANDALONE && n > 0)
    {
      /* The default content decides the indentation, so that a block
       * written with indented default text expands at that indentation. */
      g_free (node->indent);
      if (n >= 2 && kids[0]->type == NODE_MARKER && kids[1]->type == NODE_TEXT)
        node->indent = g_strndup (kids[1]->text, leading_blank (kids[1]->text, kids[1]->len));
      else
        node->indent = g_strdup ("");
    }
}

static gboolean
make_path (Compiler  *c,
           Node      *node,
           GError   **error)
{
  if (strcmp (node->name, ".") == 0)
    return TRUE;

  node->path = g_strsplit (node->name, ".", -1);
  for (guint i = 0; node->path[i]; i++)
    if (node->path[i][0] == '\0')
      {
        g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_SYNTAX,
                     _("%s:%u: “%s” is not a valid name"), c->name, node->line, node->name);
        return FALSE;
      }
  return TRUE;
}

static void
set_children (Node      *node,
              GPtrArray *kids)
{
  node->n_children = kids->len;
  node->children = (Node **) g_ptr_array_free (kids, kids->len == 0);
}

static Node *
build_tree (Compiler  *c,
            GError   **error)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GPtrArray *kids = g_ptr_array_new ();
  Node *root = node_new (NODE_SECTION, 0);

  g_ptr_array_add (nodes, root);

  for (guint i = 0; i < c->toks->len; i++)
    {
      Token *tok = tok_at (c, i);
      Node *node = NULL;
      gboolean opens = FALSE;

      if (tok->dropped)
        continue;

      switch (tok->type)
        {
        case TOK_TEXT:
          if (tok->len == 0)
            continue;
          if (kids->len > 0)
            {
              Node *last = g_ptr_array_index (kids, kids->len - 1);

              if (last->type == NODE_TEXT && last->text + last->len == c->src + tok->start)
                {
                  last->len += tok->len;
                  continue;
                }
            }
          node = node_new (NODE_TEXT, tok->line);
          node->text = c->src + tok->start;
          node->len = tok->len;
          break;

        case TOK_MARKER:
          node = node_new (NODE_MARKER, tok->line);
          break;

        case TOK_COMMENT:
        case TOK_DELIM:
          continue;

        case TOK_VAR:
        case TOK_RAW:
        case TOK_PARTIAL:
          node = node_new (tok->type == TOK_VAR ? NODE_VAR :
                           tok->type == TOK_RAW ? NODE_RAW : NODE_PARTIAL, tok->line);
          node->name = g_strndup (c->src + tok->start, tok->len);
          node->indent = g_steal_pointer (&tok->indent);
          break;

        case TOK_SECTION:
        case TOK_INVERTED:
        case TOK_PARENT:
        case TOK_BLOCK:
          node = node_new (tok->type == TOK_SECTION ? NODE_SECTION :
                           tok->type == TOK_INVERTED ? NODE_INVERTED :
                           tok->type == TOK_PARENT ? NODE_PARENT : NODE_BLOCK, tok->line);
          node->name = g_strndup (c->src + tok->start, tok->len);
          node->indent = g_steal_pointer (&tok->indent);
          node->mode = tok->mode;
          opens = TRUE;
          break;

        case TOK_CLOSE:
          {
            Node *open = g_ptr_array_index (nodes, nodes->len - 1);
            GPtrArray *outer = g_ptr_array_index (frames, frames->len - 1);

            if (open->type == NODE_PARENT)
              {
                /* Only the blocks inside a parent matter. */
                GPtrArray *args = g_ptr_array_new ();

                for (guint k = 0; k < kids->len; k++)
                  {
                    Node *kid = g_ptr_array_index (kids, k);

                    if (kid->type == NODE_BLOCK)
                      g_ptr_array_add (args, kid);
                    else
                      node_free (kid);
                  }
                g_ptr_array_free (kids, TRUE);
                kids = args;
              }

            set_children (open, kids);
            if (open->type == NODE_BLOCK)
              finish_block (open, is_argument (c, tok_at (c, tok->pair)));

            kids = outer;
            g_ptr_array_set_size (frames, frames->len - 1);
            g_ptr_array_set_size (nodes, nodes->len - 1);
          }
          continue;

        default:
          g_assert_not_reached ();
        }

      if ((node->type == NODE_VAR || node->type == NODE_RAW ||
           node->type == NODE_SECTION || node->type == NODE_INVERTED) &&
          !make_path (c, node, error))
        {
          node_free (node);
          goto fail;
        }

      g_ptr_array_add (kids, node);
      if (opens)
        {
          g_ptr_array_add (frames, kids);
          g_ptr_array_add (nodes, node);
          kids = g_ptr_array_new ();
        }
    }

  g_assert (frames->len == 0);
  set_children (root, kids);
  return root;

fail:
  /* Every open frame's children are owned by nobody yet. */
  g_ptr_array_add (frames, kids);
  for (guint f = 0; f < frames->len; f++)
    {
      GPtrArray *arr = g_ptr_array_index (frames, f);

      for (guint k = 0; k < arr->len; k++)
        {
          Node *kid = g_ptr_array_index (arr, k);

          /* Open nodes have no children attached yet. */
          node_free (kid);
        }
      g_ptr_array_free (arr, TRUE);
    }
  g_free (root);
  return NULL;
}

TopiaryMustacheTemplate *
topiary_mustache_template_new (const char  *name,
                               const char  *source,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(TopiaryMustacheTemplate) self = NULL;
  Compiler c = { 0 };

  g_return_val_if_fail (source != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "template";
  if (length < 0)
    length = (gssize) strlen (source);

  self = g_new0 (TopiaryMustacheTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->source = g_strndup (source ? source : "", (gsize) length);
  self->length = (gsize) length;

  c.name = self->name;
  c.src = self->source;
  c.len = self->length;
  c.toks = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (c.toks, clear_token);

  if (tokenize (&c, error) && pair_tags (&c, error))
    {
      mark_standalone (&c);
      self->root = build_tree (&c, error);
    }

  g_array_unref (c.toks);

  if (self->root == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

TopiaryMustacheTemplate *
topiary_mustache_template_ref (TopiaryMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
topiary_mustache_template_unref (TopiaryMustacheTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      node_free (self->root);
      g_free (self->name);
      g_free (self->source);
      g_free (self);
    }
}

const char *
topiary_mustache_template_get_name (TopiaryMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/* ---- rendering ---- */

/* The blocks passed to the parents being expanded, innermost first. */
typedef struct _Scope Scope;
struct _Scope {
  Node  *parent;
  Scope *outer;
};

typedef struct {
  GString                   *out;
  GPtrArray                 *stack;
  GString                   *indent;
  TopiaryMustachePartialFunc partials;
  gpointer                   user_data;
  guint                      depth;
} Render;

void
topiary_mustache_escape_html (GString    *out,
                              const char *text,
                              gssize      length)
{
  const char *p, *end, *run;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  if (length < 0)
    length = (gssize) strlen (text);

  end = text + length;
  run = text;
  for (p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

static JsonNode *
lookup (Render *r,
        Node   *node)
{
  JsonNode *found = NULL;

  if (r->stack->len == 0)
    return NULL;

  if (node->path == NULL)
    return g_ptr_array_index (r->stack, r->stack->len - 1);

  for (guint i = r->stack->len; i > 0; i--)
    {
      JsonNode *ctx = g_ptr_array_index (r->stack, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (ctx))
        {
          found = json_object_get_member (json_node_get_object (ctx), node->path[0]);
          if (found != NULL)
            break;
        }
    }

  for (guint k = 1; found != NULL && node->path[k] != NULL; k++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (found))
        return NULL;
      found = json_object_get_member (json_node_get_object (found), node->path[k]);
    }

  return found;
}

static gboolean
is_falsey (JsonNode *value)
{
  if (value == NULL)
    return TRUE;

  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_ARRAY:
      return json_array_get_length (json_node_get_array (value)) == 0;
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (value);

        if (type == G_TYPE_BOOLEAN)
          return !json_node_get_boolean (value);
        if (type == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (value);
            return s == NULL || *s == '\0';
          }
        return FALSE;
      }
    case JSON_NODE_OBJECT:
    default:
      return FALSE;
    }
}

static void
append_value (Render   *r,
              JsonNode *value,
              gboolean  escape)
{
  GType type;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;

  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (value);

      if (escape)
        topiary_mustache_escape_html (r->out, s, -1);
      else if (s != NULL)
        g_string_append (r->out, s);
    }
  else if (type == G_TYPE_INT64)
    g_string_append_printf (r->out, "%" G_GINT64_FORMAT, json_node_get_int (value));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double d = json_node_get_double (value);

      /* The shortest form that reads back the same: 1.21, not 1.2099…. */
      g_ascii_formatd (buf, sizeof buf, "%.15g", d);
      if (g_ascii_strtod (buf, NULL) != d)
        g_ascii_formatd (buf, sizeof buf, "%.17g", d);
      g_string_append (r->out, buf);
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (r->out, json_node_get_boolean (value) ? "true" : "false");
}

static gboolean render_nodes (Render   *r,
                              Node    **nodes,
                              guint     n_nodes,
                              Scope    *scope,
                              GError  **error);

static gboolean
enter (Render  *r,
       Node    *node,
       GError **error)
{
  if (r->depth >= MAX_DEPTH)
    {
      g_set_error (error, TOPIARY_MUSTACHE_ERROR, TOPIARY_MUSTACHE_ERROR_RECURSION,
                   _("Templates nest too deeply at “%s” (line %u): a partial or block includes itself endlessly"),
                   node->name, node->line);
      return FALSE;
    }
  r->depth++;
  return TRUE;
}

static gboolean
render_partial (Render  *r,
                Node    *node,
                Scope   *scope,
                GError **error)
{
  g_autoptr(TopiaryMustacheTemplate) partial = NULL;
  GError *local_error = NULL;
  Scope inner = { node, scope };
  gsize indent_len = r->indent->len;
  gboolean ret;

  if (r->partials == NULL)
    return TRUE;

  partial = r->partials (node->name, r->user_data, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (partial == NULL)
    return TRUE;

  if (!enter (r, node, error))
    return FALSE;

  if (node->indent != NULL)
    g_string_append (r->indent, node->indent);
  ret = render_nodes (r, partial->root->children, partial->root->n_children,
                      node->type == NODE_PARENT ? &inner : scope, error);
  g_string_truncate (r->indent, indent_len);
  r->depth--;

  return ret;
}

static Node *
find_override (Scope      *scope,
               const char *name)
{
  Node *found = NULL;

  /* The outermost substitution wins. */
  for (; scope != NULL; scope = scope->outer)
    for (guint i = 0; i < scope->parent->n_children; i++)
      if (strcmp (scope->parent->children[i]->name, name) == 0)
        {
          found = scope->parent->children[i];
          break;
        }

  return found;
}

static gboolean
render_block (Render  *r,
              Node    *node,
              Scope   *scope,
              GError **error)
{
  Node *arg = find_override (scope, node->name);
  gsize indent_len = r->indent->len;
  Node **kids;
  guint n;
  gboolean ret;

  if (arg == NULL)
    return render_nodes (r, node->children, node->n_children, scope, error);

  if (!enter (r, node, error))
    return FALSE;

  kids = arg->children;
  n = arg->n_children;
  if (node->indent != NULL)
    g_string_append (r->indent, node->indent);

  if (node->mode == BLOCK_STANDALONE && (n == 0 || kids[0]->type != NODE_MARKER))
    g_string_append_len (r->out, r->indent->str, r->indent->len);
  else if (node->mode == BLOCK_PAIR && n > 0 && kids[0]->type == NODE_MARKER)
    {
      /* The parent's own text already indents the first line. */
      kids++;
      n--;
    }

  ret = render_nodes (r, kids, n, scope, error);
  g_string_truncate (r->indent, indent_len);
  r->depth--;

  return ret;
}

static gboolean
render_nodes (Render  *r,
              Node   **nodes,
              guint    n_nodes,
              Scope   *scope,
              GError **error)
{
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *node = nodes[i];

      switch (node->type)
        {
        case NODE_TEXT:
          g_string_append_len (r->out, node->text, node->len);
          break;

        case NODE_MARKER:
          if (r->indent->len > 0)
            g_string_append_len (r->out, r->indent->str, r->indent->len);
          break;

        case NODE_VAR:
        case NODE_RAW:
          append_value (r, lookup (r, node), node->type == NODE_VAR);
          break;

        case NODE_SECTION:
          {
            JsonNode *value = lookup (r, node);

            if (is_falsey (value))
              break;

            if (JSON_NODE_HOLDS_ARRAY (value))
              {
                JsonArray *array = json_node_get_array (value);
                guint len = json_array_get_length (array);

                for (guint k = 0; k < len; k++)
                  {
                    gboolean ok;

                    g_ptr_array_add (r->stack, json_array_get_element (array, k));
                    ok = render_nodes (r, node->children, node->n_children, scope, error);
                    g_ptr_array_set_size (r->stack, r->stack->len - 1);
                    if (!ok)
                      return FALSE;
                  }
              }
            else
              {
                gboolean ok;

                g_ptr_array_add (r->stack, value);
                ok = render_nodes (r, node->children, node->n_children, scope, error);
                g_ptr_array_set_size (r->stack, r->stack->len - 1);
                if (!ok)
                  return FALSE;
              }
          }
          break;

        case NODE_INVERTED:
          if (is_falsey (lookup (r, node)) &&
              !render_nodes (r, node->children, node->n_children, scope, error))
            return FALSE;
          break;

        case NODE_PARTIAL:
        case NODE_PARENT:
          if (!render_partial (r, node, scope, error))
            return FALSE;
          break;

        case NODE_BLOCK:
          if (!render_block (r, node, scope, error))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

gboolean
topiary_mustache_template_render_to (TopiaryMustacheTemplate    *self,
                                     GString                    *out,
                                     JsonNode                   *context,
                                     TopiaryMustachePartialFunc  partials,
                                     gpointer                    user_data,
                                     GError                    **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) indent = g_string_new (NULL);
  Render r = { 0 };
  gsize start_len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (context != NULL)
    g_ptr_array_add (stack, context);

  r.out = out;
  r.stack = stack;
  r.indent = indent;
  r.partials = partials;
  r.user_data = user_data;

  start_len = out->len;
  if (!render_nodes (&r, self->root->children, self->root->n_children, NULL, error))
    {
      g_string_truncate (out, start_len);
      return FALSE;
    }

  return TRUE;
}

gboolean
topiary_mustache_template_render_object (TopiaryMustacheTemplate    *self,
                                         GString                    *out,
                                         JsonObject                 *context,
                                         TopiaryMustachePartialFunc  partials,
                                         gpointer                    user_data,
                                         GError                    **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  /* Wrapping takes a reference; the members are not copied. */
  node = json_node_init_object (json_node_alloc (), context);
  return topiary_mustache_template_render_to (self, out, node, partials, user_data, error);
}

char *
topiary_mustache_template_render (TopiaryMustacheTemplate    *self,
                                  JsonNode                   *context,
                                  TopiaryMustachePartialFunc  partials,
                                  gpointer                    user_data,
                                  GError                    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (!topiary_mustache_template_render_to (self, out, context, partials, user_data, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
