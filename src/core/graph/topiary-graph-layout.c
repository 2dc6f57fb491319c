/* topiary-graph-layout.c — where each node of the graph goes
 *
 * Two steps, both without randomness:
 *
 *  1. Each hub (a group's articles, the ideas, or one group node) is laid
 *     out around its middle: the pillar in the middle, the other nodes on
 *     rings around it, in their order, starting at the top and going
 *     clockwise. Every place on a ring is one "slot" wide (the widest node
 *     of the hub plus the gap) and the rings are a slot apart, so no two
 *     nodes of a hub can overlap.
 *
 *  2. The hubs, as circles, are packed around each other, largest first,
 *     by the front-chain method of Wang et al. (2006, "Visualization of
 *     large hierarchical data by circle packing"): each new circle is set
 *     touching two neighbours on the outer chain, the pair nearest the
 *     middle, and the chain is mended where it would overlap. The ideas
 *     are not packed but set apart, to the right of the others, in rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "topiary-graph-private.h"

/* ---- one hub ---- */

/* How many slots of width @slot fit on a ring of radius @ring, so that
 * neighbours' centres are at least @slot apart. */
static guint
ring_capacity (double ring,
               double slot)
{
  double half = slot / (2.0 * ring);

  if (half >= 1.0)
    return 1;
  return MAX (1, (guint) floor (G_PI / asin (half) + 1e-9));
}

static void
layout_hub (TopiaryGraph *graph,
            GraphHub     *hub)
{
  TopiaryGraphNode *nodes = &g_array_index (graph->nodes, TopiaryGraphNode, hub->first);
  guint first_ring = hub->centred ? 1 : 0;
  guint n_ring = hub->n - first_ring;
  double middle = hub->centred ? nodes[0].radius : 0.0;
  double widest = 0, slot, ring;
  guint placed = 0, ring_index = 0;

  if (hub->centred)
    nodes[0].x = nodes[0].y = 0;
  hub->r = middle;
  if (n_ring == 0)
    return;
  if (!hub->centred && n_ring == 1)
    {
      nodes[0].x = nodes[0].y = 0;
      hub->r = nodes[0].radius;
      return;
    }

  for (guint i = first_ring; i < hub->n; i++)
    widest = MAX (widest, nodes[i].radius);
  /* Room for the labels too, which are wider than most nodes. */
  slot = MAX (2.0 * widest + TOPIARY_GRAPH_GAP, TOPIARY_GRAPH_LABEL_SLOT);
  /* The first ring clears the middle node; with none (a group without
   * a pillar, the ideas) the middle stays empty, a slot wide. */
  ring = hub->centred ? middle + TOPIARY_GRAPH_GAP + slot / 2.0 : slot;

  /* Inner rings first, each as full as it goes; the last one takes what
   * is left, evenly spread, but never a lone node on one side: then the
   * ring before it gives one up, and the two face each other. */
  {
    g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (guint));
    guint left = n_ring;

    for (double r = ring; left > 0; r += slot)
      {
        guint share = MIN (ring_capacity (r, slot), left);

        g_array_append_val (shares, share);
        left -= share;
      }
    if (shares->len > 1 && g_array_index (shares, guint, shares->len - 1) == 1)
      {
        g_array_index (shares, guint, shares->len - 2)--;
        g_array_index (shares, guint, shares->len - 1)++;
      }

    for (guint k = 0; k < shares->len; k++)
      {
        guint count = g_array_index (shares, guint, k);
        double step = count > 0 ? 2.0 * G_PI / count : 0;
        /* Every other ring turned by half a step, so they interleave. */
        double start = -G_PI / 2.0 + (ring_index % 2 == 1 ? step / 2.0 : 0.0);

        for (guint j = 0; j < count; j++)
          {
            TopiaryGraphNode *node = &nodes[first_ring + placed + j];
            double angle = start + j * step;

            node->x = ring * cos (angle);
            node->y = ring * sin (angle);
          }
        placed += count;
        hub->r = ring + slot / 2.0;
        ring += slot;
        ring_index++;
      }
  }
}

/* The ideas, apart: rows of columns wide enough for a label each, in a
 * block about as high as it is wide (they have no middle to turn around,
 * and a grid reads like a list), centred on the hub's middle. @hub->r
 * becomes the block's half width. */
static void
layout_grid (TopiaryGraph *graph,
             GraphHub     *hub)
{
  TopiaryGraphNode *nodes = &g_array_index (graph->nodes, TopiaryGraphNode, hub->first);
  double widest = 0, column, row;
  guint columns, rows;

  for (guint i = 0; i < hub->n; i++)
    widest = MAX (widest, nodes[i].radius);
  column = MAX (2.0 * widest + TOPIARY_GRAPH_GAP, TOPIARY_GRAPH_LABEL_WIDTH);
  row = 2.0 * widest + TOPIARY_GRAPH_GAP + TOPIARY_GRAPH_LABEL_HEIGHT;
  columns = (guint) MAX (1.0, round (sqrt (hub->n * row / column)));
  columns = MIN (columns, hub->n);
  rows = (hub->n + columns - 1) / columns;
  for (guint i = 0; i < hub->n; i++)
    {
      nodes[i].x = ((i % columns) + 0.5) * column - columns * column / 2.0;
      nodes[i].y = ((i / columns) + 0.5) * row - rows * row / 2.0;
    }
  hub->r = columns * column / 2.0;
}

/* ---- packing the hubs ---- */

typedef struct {
  double x, y, r;
  guint  next, prev;   /* the front chain, while the circle is on it */
} Circle;

/* Sets @c touching @a and @b, on the right of the way from @a to @b
 * (the outside of the chain). */
static void
place_touching (const Circle *a,
                const Circle *b,
                Circle       *c)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double d = hypot (dx, dy);
  double ra = a->r + c->r, rb = b->r + c->r;
  double along, across, ux, uy;

  if (d <= 0)
    {
      c->x = a->x + ra;
      c->y = a->y;
      return;
    }
  ux = dx / d;
  uy = dy / d;
  along = (d * d + ra * ra - rb * rb) / (2.0 * d);
  across = ra * ra - along * along;
  across = across > 0 ? sqrt (across) : 0;
  c->x = a->x + along * ux + across * uy;
  c->y = a->y + along * uy - across * ux;
}

static gboolean
overlap (const Circle *a,
         const Circle *b)
{
  /* A hair of tolerance, so circles set touching do not count. */
  double dr = a->r + b->r - 1e-6 * (a->r + b->r);
  double dx = b->x - a->x, dy = b->y - a->y;

  return dr > 0 && dr * dr > dx * dx + dy * dy;
}

/* How near the middle the gap between @a and its next neighbour is. */
static double
gap_score (const Circle *c,
           guint         a)
{
  const Circle *p = &c[a], *q = &c[c[a].next];
  double w = p->r + q->r;
  double x = (p->x * q->r + q->x * p->r) / w;
  double y = (p->y * q->r + q->y * p->r) / w;

  return x * x + y * y;
}

/* Packs @n circles (radii set) around (0, 0). */
static void
pack (Circle *c,
      guint   n)
{
  guint a, b;

  if (n == 0)
    return;
  c[0].x = c[0].y = 0;
  if (n == 1)
    return;
  c[0].x = -c[1].r;
  c[1].x = c[0].r;
  c[1].y = 0;
  if (n == 2)
    return;
  /* The first three touch each other; the chain runs 0 → 1 → 2 with
   * the outside on its right. */
  place_touching (&c[1], &c[0], &c[2]);
  c[0].next = 1; c[1].next = 2; c[2].next = 0;
  c[0].prev = 2; c[1].prev = 0; c[2].prev = 1;
  a = 0;
  b = 1;

  for (guint i = 3; i < n; i++)
    {
      gboolean mended;

      do
        {
          guint j = c[b].next, k = c[a].prev;
          double sj = c[b].r, sk = c[a].r;

          mended = FALSE;
          place_touching (&c[a], &c[b], &c[i]);
          /* Walk the chain from both ends, the nearer side first, for a
           * circle the new one overlaps; cut the chain to it. */
          do
            {
              if (sj <= sk)
                {
                  if (overlap (&c[j], &c[i]))
                    {
                      b = j;
                      c[a].next = b;
                      c[b].prev = a;
                      mended = TRUE;
                      break;
                    }
                  sj += c[j].r;
                  j = c[j].next;
                }
              else
                {
                  if (overlap (&c[k], &c[i]))
                    {
                      a = k;
                      c[a].next = b;
                      c[b].prev = a;
                      mended = TRUE;
                      break;
                    }
                  sk += c[k].r;
                  k = c[k].prev;
                }
            }
          while (j != c[k].next);
        }
      while (mended);

      c[i].prev = a;
      c[i].next = b;
      c[a].next = i;
      c[b].prev = i;

      /* The next circle goes beside the gap nearest the middle. */
      {
        guint best = i;
        double best_score = gap_score (c, i);

        for (guint k = c[i].next; k != i; k = c[k].next)
          {
            double s = gap_score (c, k);

            if (s < best_score)
              {
                best = k;
                best_score = s;
              }
          }
        a = best;
        b = c[a].next;
      }
    }
}

typedef struct {
  guint  hub;
  double r;
} HubOrder;

static int
compare_hub_order (gconstpointer pa,
                   gconstpointer pb)
{
  const HubOrder *a = pa, *b = pb;

  if (a->r != b->r)
    return a->r > b->r ? -1 : 1;
  return a->hub < b->hub ? -1 : a->hub > b->hub ? 1 : 0;
}

void
_topiary_graph_layout (TopiaryGraph *graph)
{
  guint n_hubs = graph->hubs->len;
  g_autofree HubOrder *order = g_new0 (HubOrder, MAX (n_hubs, 1));
  g_autofree Circle *circles = g_new0 (Circle, MAX (n_hubs, 1));
  guint n_packed = 0;
  double right = 0, top = 0, bottom = 0;

  for (guint h = 0; h < n_hubs; h++)
    {
      GraphHub *hub = &g_array_index (graph->hubs, GraphHub, h);

      if (hub->apart && !hub->centred)
        continue;
      layout_hub (graph, hub);
      if (!hub->apart)
        {
          order[n_packed].hub = h;
          order[n_packed].r = hub->r;
          n_packed++;
        }
    }

  qsort (order, n_packed, sizeof *order, compare_hub_order);
  for (guint i = 0; i < n_packed; i++)
    /* Two gaps around each hub keep the groups plainly apart. */
    circles[i].r = order[i].r + TOPIARY_GRAPH_GAP * 2.0;
  pack (circles, n_packed);

  for (guint i = 0; i < n_packed; i++)
    {
      GraphHub *hub = &g_array_index (graph->hubs, GraphHub, order[i].hub);

      hub->x = circles[i].x;
      hub->y = circles[i].y;
      right = i == 0 ? hub->x + hub->r : MAX (right, hub->x + hub->r);
      top = i == 0 ? hub->y - hub->r : MIN (top, hub->y - hub->r);
      bottom = i == 0 ? hub->y + hub->r : MAX (bottom, hub->y + hub->r);
    }

  /* The ideas stand apart, to the right, level with the middle. */
  for (guint h = 0; h < n_hubs; h++)
    {
      GraphHub *hub = &g_array_index (graph->hubs, GraphHub, h);

      if (!hub->apart)
        continue;
      /* A centred one is the GROUPS level's ideas node, laid out above. */
      if (!hub->centred)
        layout_grid (graph, hub);
      hub->x = n_packed > 0 ? right + TOPIARY_GRAPH_GAP * 8.0 + hub->r : 0;
      hub->y = n_packed > 0 ? (top + bottom) / 2.0 : 0;
    }

  for (guint h = 0; h < n_hubs; h++)
    {
      GraphHub *hub = &g_array_index (graph->hubs, GraphHub, h);

      for (guint i = hub->first; i < hub->first + hub->n; i++)
        {
          TopiaryGraphNode *node = &g_array_index (graph->nodes, TopiaryGraphNode, i);

          node->x += hub->x;
          node->y += hub->y;
        }
    }
}
