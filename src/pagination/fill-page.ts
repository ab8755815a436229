/**
 * Page filling: collects `first` items from a forward-only upstream listing, following `nextToken` across short and
 * empty pages and past the upstream's page-size limit, within a bound on upstream calls. Every item gets the position
 * right after it, so a cursor on any edge resumes exactly there.
 */
import { isEnd, type PagePosition, type Position } from './position.js';

/** What to ask upstream for. */
export interface PageRequest {
  token: string | null;
  size: number;
}

/** What upstream answered. */
export interface FetchedPage<T> {
  items: readonly T[];
  nextToken?: string;
}

/** Inputs of fillPage. */
export interface FillPageOptions<T> {
  first: number;
  from: Position;
  minPageSize: number;
  maxPageSize: number;
  maxCalls: number;
  fetch: (request: PageRequest) => Promise<FetchedPage<T>>;
}

/** One collected item and where to resume after it. */
export interface FilledEdge<T> {
  item: T;
  after: Position;
}

/** The result. `truncated` means the call bound stopped collection before `first` items. */
export interface FilledPage<T> {
  edges: FilledEdge<T>[];
  hasNextPage: boolean;
  calls: number;
  truncated: boolean;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** Collects up to `first` items after `from`. */
export async function fillPage<T>(options: FillPageOptions<T>): Promise<FilledPage<T>> {
  const { first, minPageSize, maxPageSize, maxCalls, fetch } = options;
  const edges: FilledEdge<T>[] = [];
  if (isEnd(options.from)) return { edges, hasNextPage: false, calls: 0, truncated: false };
  let at: PagePosition = options.from;
  let calls = 0;
  for (;;) {
    if (calls >= maxCalls) return { edges, hasNextPage: true, calls, truncated: true };
    const need = first - edges.length;
    // Resuming mid-page must re-read that page with its original size; a fresh page asks for one item more than
    // needed, so that hasNextPage is known without another call.
    const size = at.offset > 0 && at.size > 0 ? at.size : clamp(need + 1, minPageSize, maxPageSize);
    const page = await fetch({ token: at.token, size });
    calls++;
    // An upstream that hands back the token it was given is at its end (the SDK's stopOnSameToken).
    const next = page.nextToken && page.nextToken !== at.token ? page.nextToken : undefined;
    const available = page.items.length - at.offset;
    const take = Math.max(0, Math.min(need, available));
    for (let k = 0; k < take; k++) {
      const index = at.offset + k;
      const after: Position = index + 1 < page.items.length
        ? { token: at.token, size, offset: index + 1 }
        : next ? { token: next, size, offset: 0 } : { end: true };
      edges.push({ item: page.items[index]!, after });
    }
    if (take < available) return { edges, hasNextPage: true, calls, truncated: false };
    if (!next) return { edges, hasNextPage: false, calls, truncated: false };
    if (edges.length >= first) return { edges, hasNextPage: true, calls, truncated: false };
    at = { token: next, size, offset: 0 };
  }
}
