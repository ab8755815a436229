/** The Relay connection shape, built from filled pages and cursors. */
import type { BoundCursorCodec } from './cursor-codec.js';
import type { FilledPage } from './fill-page.js';
import { positionToPayload } from './position.js';

/** A Relay connection of nodes of type N. */
export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Turns a filled page into a connection, minting a cursor for every edge. */
export function toConnection<T, N>(
  page: FilledPage<T>,
  options: { codec: BoundCursorCodec; resumed: boolean; toNode: (item: T) => N },
): Connection<N> {
  // A cursor costs an HMAC: mint it only when a client selects it, and once.
  const edges = page.edges.map((e) => {
    let cursor: string | undefined;
    return {
      get cursor() {
        return (cursor ??= options.codec.encode(positionToPayload(e.after)));
      },
      node: options.toNode(e.item),
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
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
