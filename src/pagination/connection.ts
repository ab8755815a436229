/** The Relay connection shape, built from filled pages and cursors. */
import type { BoundCursorCodec } from './cursor-codec.js';
import type { FilledPage } from './fill-page.js';
import { positionToPayload } from './position.js';

/** A Relay connection of nodes of type N. */
export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** An edge whose cursor is minted when a client first reads it: a cursor costs an HMAC. */
class LazyEdge<E, N> {
  #cursor: string | undefined;
  constructor(readonly node: N, private readonly item: E, private readonly mint: (item: E) => string) {}

  get cursor(): string {
    return (this.#cursor ??= this.mint(this.item));
  }
}

/**
 * Builds a connection over `items`, each edge's cursor minted from `payloadOf(item)`. `endPayload` is where reading
 * stopped when that lies past the last edge (listings read after it gave nothing): endCursor then resumes there, so
 * a page that found nothing before its allowance ran out still moves on.
 */
export function buildConnection<E, N>(
  items: readonly E[],
  options: { codec: BoundCursorCodec; hasNextPage: boolean; resumed: boolean; payloadOf: (item: E) => object; nodeOf: (item: E) => N; endPayload?: object },
): Connection<N> {
  const mint = (item: E) => options.codec.encode(options.payloadOf(item));
  const edges = items.map((item) => new LazyEdge(options.nodeOf(item), item, mint));
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
        if (options.endPayload) return options.codec.encode(options.endPayload);
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
