/* topiary-frontmatter-yaml.c — YAML front matter read with libyaml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "topiary-frontmatter.h"
#include "topiary-frontmatter-private.h"

#include <string.h>
#include <yaml.h>

/* ---- YAML ---- */

typedef struct {
  Node     *node;
  char     *pending_key;
  gboolean  have_key;
} Frame;

static gboolean
is_yaml_null (const yaml_event_t *event)
{
  const char *v = (const char *) event->data.scalar.value;

  if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  return v[0] == '\0' || strcmp (v, "~") == 0 || strcmp (v, "null") == 0 ||
         strcmp (v, "Null") == 0 || strcmp (v, "NULL") == 0;
}

/* Places @node in the innermost container; for a map it alternates between
 * taking a key and taking a value. Returns FALSE for a non-scalar key. */
static gboolean
frame_take (Frame *frame,
            Node  *node)
{
  if (frame->node->type == NODE_LIST)
    {
      g_ptr_array_add (frame->node->children, node);
      return TRUE;
    }

  if (!frame->have_key)
    {
      if (node->type == NODE_SCALAR || node->type == NODE_NULL)
        {
          frame->pending_key = g_strdup (node->value ? node->value : "");
          frame->have_key = TRUE;
          _topiary_front_matter_node_free (node);
          return TRUE;
        }
      _topiary_front_matter_node_free (node);
      return FALSE;
    }

  node->key = g_steal_pointer (&frame->pending_key);
  frame->have_key = FALSE;
  g_ptr_array_add (frame->node->children, node);
  return TRUE;
}

Node *
_topiary_front_matter_parse_yaml (const char  *block,
                                  gsize        length,
                                  GError     **error)
{
  yaml_parser_t parser;
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  Node *root = NULL;
  gboolean done = FALSE;
  gboolean ok = TRUE;

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                           TOPIARY_FRONT_MATTER_ERROR_INVALID,
                           "The YAML reader could not be started.");
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) block, length);

  while (!done && ok)
    {
      yaml_event_t event;
      Node *node = NULL;
      gboolean push = FALSE;

      if (!yaml_parser_parse (&parser, &event))
        {
          g_set_error (error, TOPIARY_FRONT_MATTER_ERROR,
                       TOPIARY_FRONT_MATTER_ERROR_INVALID,
                       "The front matter is not valid YAML (line %lu: %s).",
                       (unsigned long) parser.problem_mark.line + 1,
                       parser.problem ? parser.problem : "unknown problem");
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          /* Only the first document is front matter. */
          done = TRUE;
          break;

        case YAML_SCALAR_EVENT:
          if (is_yaml_null (&event))
            node = _topiary_front_matter_node_new (NODE_NULL);
          else
            {
              node = _topiary_front_matter_node_new (NODE_SCALAR);
              node->value = g_strndup ((const char *) event.data.scalar.value,
                                       event.data.scalar.length);
            }
          break;

        case YAML_ALIAS_EVENT:
          node = _topiary_front_matter_node_new (NODE_NULL);
          break;

        case YAML_SEQUENCE_START_EVENT:
          node = _topiary_front_matter_node_new (NODE_LIST);
          push = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
          node = _topiary_front_matter_node_new (NODE_MAP);
          push = TRUE;
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          if (stack->len > 0)
            {
              Frame *top = &g_array_index (stack, Frame, stack->len - 1);
              g_free (top->pending_key);
              g_array_set_size (stack, stack->len - 1);
            }
          if (stack->len == 0)
            done = TRUE;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);

      if (node == NULL)
        continue;

      if (stack->len == 0)
        {
          if (root != NULL || node->type != NODE_MAP)
            {
              gboolean empty = node->type == NODE_NULL;

              _topiary_front_matter_node_free (node);
              if (empty && root == NULL)
                {
                  done = TRUE;
                  continue;
                }
              g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                                   TOPIARY_FRONT_MATTER_ERROR_INVALID,
                                   "The front matter is not a list of keys and values.");
              ok = FALSE;
              break;
            }
          root = node;
        }
      else
        {
          Frame *top = &g_array_index (stack, Frame, stack->len - 1);

          if (!frame_take (top, node))
            {
              g_set_error_literal (error, TOPIARY_FRONT_MATTER_ERROR,
                                   TOPIARY_FRONT_MATTER_ERROR_INVALID,
                                   "The front matter uses a list or map as a key.");
              ok = FALSE;
              break;
            }
        }

      if (push)
        {
          Frame frame = { node, NULL, FALSE };

          if (stack->len >= MAX_DEPTH)
            {
              g_set_error (error, TOPIARY_FRONT_MATTER_ERROR,
                           TOPIARY_FRONT_MATTER_ERROR_TOO_DEEP,
                           "The front matter is nested more than %d levels deep.",
                           MAX_DEPTH);
              ok = FALSE;
              break;
            }
          g_array_append_val (stack, frame);
        }
    }

  for (guint i = 0; i < stack->len; i++)
    g_free (g_array_index (stack, Frame, i).pending_key);
  yaml_parser_delete (&parser);

  if (!ok)
    {
      _topiary_front_matter_node_free (root);
      return NULL;
    }
  if (root == NULL)
    root = _topiary_front_matter_node_new (NODE_MAP);
  return root;
}
