/** The Relay connection shape, built from filled pages and cursors. */
import type { BoundCursorCodec } from './cursor-codec.js';
import type { FilledPage } from './fill-page.js';
import { positionToPayload } from './position.js';

/** A Relay connection of nodes of type N. */
export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Builds a connection over `items`, each edge's cursor minted from `payloadOf(item)`. */
export function buildConnection<E, N>(
  items: readonly E[],
  options: { codec: BoundCursorCodec; hasNextPage: boolean; resumed: boolean; payloadOf: (item: E) => object; nodeOf: (item: E) => N },
): Connection<N> {
  // A cursor costs an HMAC: mint it only when a client selects it, and once.
  const edges = items.map((item) => {
    let cursor: string | undefined;
    return {
      get cursor() {
        return (cursor ??= options.codec.encode(options.payloadOf(item)));
      },
      node: options.nodeOf(item),
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: options.hasNextPage,
      // Forward-only upstreams: there is something before us exactly when we resumed from a cursor.
      hasPreviousPage: options.resumed,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** Turns a filled page of one listing into a connection, each cursor holding the position after its edge. */
export function toConnection<T, N>(
  page: FilledPage<T>,
  options: { codec: BoundCursorCodec; resumed: boolean; toNode: (item: T) => N },
): Connection<N> {
  return buildConnection(page.edges, {
    ...options,
    hasNextPage: page.hasNextPage,
    payloadOf: (e) => positionToPayload(e.after),
    nodeOf: (e) => options.toNode(e.item),
  });
}
