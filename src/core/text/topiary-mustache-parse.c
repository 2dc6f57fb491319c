/* topiary-mustache-parse.c — Mustache source to tokens: tags found,
 * opening and closing tags paired, standalone lines dropped (passes 1 to 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "topiary-mustache.h"
#include "topiary-mustache-private.h"

/* ---- tokenizer ---- */

void
_topiary_mustache_clear_token (gpointer data)
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

gboolean
_topiary_mustache_tokenize (Compiler  *c,
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

static gboolean
same_name (Compiler *c,
           Token    *a,
           Token    *b)
{
  return a->len == b->len && memcmp (c->src + a->start, c->src + b->start, a->len) == 0;
}

gboolean
_topiary_mustache_pair_tags (Compiler  *c,
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

void
_topiary_mustache_mark_standalone (Compiler *c)
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
