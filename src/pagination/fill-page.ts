/**
 * Page filling: collects `first` items from a forward-only upstream listing, following `nextToken` across short and
 * empty pages and past the upstream's page-size limit, within a bound on upstream calls. Every item gets the position
 * right after it, so a cursor on any edge resumes exactly there.
 */
import { CallBudgetExhausted } from './call-budget.js';
import { TokenTrail } from './token-trail.js';
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
  /** Items it rejects are skipped (a filter the upstream cannot apply); positions still move past them. */
  keep?: (item: T) => boolean;
  /**
   * When set, a failing fetch after some edges were collected ends the page with those edges and the error, instead
   * of rejecting (the unified connection keeps what a source gave before it failed).
   */
  partialOnError?: boolean;
}

/** One collected item and where to resume after it. */
export interface FilledEdge<T> {
  item: T;
  after: Position;
}

/**
 * The result. `truncated` means a call bound stopped collection before `first` items: the connection's own bound, or
 * the request's allowance (`exhausted` then says so).
 */
export interface FilledPage<T> {
  edges: FilledEdge<T>[];
  hasNextPage: boolean;
  calls: number;
  truncated: boolean;
  exhausted?: CallBudgetExhausted;
  /** With partialOnError: why collection stopped early. */
  error?: unknown;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** Collects up to `first` items after `from`. */
export async function fillPage<T>(options: FillPageOptions<T>): Promise<FilledPage<T>> {
  const { first, minPageSize, maxPageSize, maxCalls, fetch, keep } = options;
  const edges: FilledEdge<T>[] = [];
  if (isEnd(options.from)) return { edges, hasNextPage: false, calls: 0, truncated: false };
  let at: PagePosition = options.from;
  let calls = 0;
  const trail = new TokenTrail(at.token);
  for (;;) {
    if (calls >= maxCalls) return { edges, hasNextPage: true, calls, truncated: true };
    const need = first - edges.length;
    // Resuming mid-page must re-read that page with its original size; a fresh page asks for one item more than
    // needed, so that hasNextPage is known without another call (or for a whole page when a filter may drop items).
    const size = at.offset > 0 && at.size > 0 ? at.size : keep ? maxPageSize : clamp(need + 1, minPageSize, maxPageSize);
    let page: FetchedPage<T>;
    try {
      page = await fetch({ token: at.token, size });
    } catch (error) {
      if (error instanceof CallBudgetExhausted) return { edges, hasNextPage: true, calls, truncated: true, exhausted: error };
      if (options.partialOnError) return { edges, hasNextPage: true, calls, truncated: false, error };
      throw error;
    }
    calls++;
    // An upstream that hands back the token it was given is at its end (the SDK's stopOnSameToken); so is one that
    // hands back any token it gave before, or the listing would go round for ever.
    const next = trail.follow(page.nextToken);
    let index = at.offset;
    for (; index < page.items.length && edges.length < first; index++) {
      const item = page.items[index]!;
      if (keep && !keep(item)) continue;
      const after: Position = index + 1 < page.items.length
        ? { token: at.token, size, offset: index + 1 }
        : next ? { token: next, size, offset: 0 } : { end: true };
      edges.push({ item, after });
    }
    const rest = page.items.slice(index);
    if (keep ? rest.some(keep) : rest.length > 0) return { edges, hasNextPage: true, calls, truncated: false };
    if (!next) return { edges, hasNextPage: false, calls, truncated: false };
    if (edges.length >= first) return { edges, hasNextPage: true, calls, truncated: false };
    at = { token: next, size, offset: 0 };
  }
}
