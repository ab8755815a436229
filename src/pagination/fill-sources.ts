/**
 * Source order: several forward-only listings read one after another, each lazily, so a page may span sources and
 * only the sources a page needs are called. A source may be a scope whose listings are discovered as the stream
 * reaches them (discovery.ts); a position then carries the path to the listing it is in. A failing source (or a
 * failing parent listing of a scope) is reported and skipped; what it gave before failing is kept.
 */
import { CallBudgetExhausted } from './call-budget.js';
import { TooManySourcesError } from './discovery.js';
import { fillPage, type FetchedPage, type PageRequest } from './fill-page.js';
import { START, type PagePosition, type Position } from './position.js';

/** One listing. */
export interface StreamSource<T> {
  fetch: (request: PageRequest) => Promise<FetchedPage<T>>;
  minPageSize: number;
  maxPageSize: number;
  /** Most upstream calls this source may make. */
  maxCalls: number;
  /** Known to hold nothing (a filter rules it out): skipped without a call. */
  empty?: boolean;
  keep?: (item: T) => boolean;
}

/** What a scope's walk yields: a listing at `path`, or a parent listing that failed. `label` names it in errors. */
export type ScopeLeaf<T> =
  | { path: PagePosition[]; label: string; source: StreamSource<T> }
  | { path: PagePosition[]; label: string; error: unknown };

/** Listings discovered below a scope, in order, from `path` on. */
export interface StreamScope<T> {
  scope: true;
  empty?: boolean;
  leaves(from: readonly PagePosition[] | undefined): AsyncIterable<ScopeLeaf<T>>;
}

export type StreamEntry<T> = StreamSource<T> | StreamScope<T>;

/** Where the stream resumes: entry `source`, the listing at `path` below it (scopes only), at position `at`. */
export interface StreamPosition {
  source: number;
  path?: PagePosition[];
  at: Position;
}

/** A collected item, the entry it came from, and where to resume after it. */
export interface StreamEdge<T> {
  item: T;
  source: number;
  after: StreamPosition;
}

/** An entry (by index) that failed, and why; `label` names the discovered listing or parent when it was one. */
export interface SourceFailure {
  source: number;
  error: unknown;
  label?: string;
}

/**
 * The result: edges, whether more may follow, the entries that failed, whether an allowance ran out, and (when more
 * may follow) where the stream stopped: past the last edge when listings read after it gave nothing, so a page that
 * found nothing before an allowance ran out can still be continued.
 */
export interface FilledStream<T> {
  edges: StreamEdge<T>[];
  hasNextPage: boolean;
  failures: SourceFailure[];
  exhausted?: CallBudgetExhausted;
  stoppedAt?: StreamPosition;
}

const samePath = (a: readonly PagePosition[], b: readonly PagePosition[]) =>
  a.length === b.length && a.every((p, i) => p.token === b[i]!.token && p.size === b[i]!.size && p.offset === b[i]!.offset);

/**
 * Collects up to `first` items across `sources`, starting at `from`, within each listing's own call bound and
 * `maxCalls` upstream calls in all (scopes count their parent listings through their own allowance), reading at most
 * `maxDiscovered` discovered listings (a scope that would pass it is reported, and the listings it read are not counted).
 */
export async function fillSources<T>(options: {
  sources: readonly StreamEntry<T>[]; first: number; from: StreamPosition; maxCalls: number; maxDiscovered?: number;
}): Promise<FilledStream<T>> {
  const { sources, first } = options;
  const edges: StreamEdge<T>[] = [];
  const failures: SourceFailure[] = [];
  let calls = 0;
  let discovered = 0;
  let stoppedAt: StreamPosition | undefined;
  const result = (hasNextPage: boolean, exhausted?: CallBudgetExhausted): FilledStream<T> =>
    ({ edges, hasNextPage, failures, ...(exhausted ? { exhausted } : {}), ...(hasNextPage && stoppedAt ? { stoppedAt } : {}) });

  /**
   * Reads one listing. Returns the stream's result when the stream stops here; otherwise 'more' when the listing has
   * items past this page, 'next' when it is done (or failed) and the stream goes on.
   */
  const read = async (i: number, source: StreamSource<T>, from: Position, path: PagePosition[] | undefined, label?: string) => {
    const left = options.maxCalls - calls;
    if (left <= 0) return result(true);
    const page = await fillPage({ ...source, first: first - edges.length, from, maxCalls: Math.min(source.maxCalls, left), partialOnError: true });
    calls += page.calls;
    for (const e of page.edges) edges.push({ item: e.item, source: i, after: { source: i, ...(path ? { path } : {}), at: e.after } });
    if (page.edges.length > 0) stoppedAt = edges.at(-1)!.after;
    if (page.exhausted) return result(true, page.exhausted);
    if (page.error !== undefined) {
      failures.push({ source: i, error: page.error, ...(label ? { label } : {}) });
    } else if (page.truncated) {
      return result(true);
    } else if (!page.hasNextPage) {
      stoppedAt = { source: i, ...(path ? { path } : {}), at: { end: true } };
    }
    return page.hasNextPage && !page.error ? 'more' : 'next';
  };

  for (let i = options.from.source; i < sources.length; i++) {
    const entry = sources[i]!;
    const resuming = i === options.from.source;
    if (entry.empty) continue;
    let more = false;
    if (!('scope' in entry)) {
      const outcome = await read(i, entry, resuming ? options.from.at : START, undefined);
      if (typeof outcome === 'object') return outcome;
      more = outcome === 'more';
    } else {
      const from = resuming ? options.from.path : undefined;
      // A scope that overflows is reported and its count given back, so the scopes after it are still read.
      const before = discovered;
      try {
        for await (const leaf of entry.leaves(from)) {
          if ('error' in leaf) {
            failures.push({ source: i, error: leaf.error, label: leaf.label });
            continue;
          }
          if (++discovered > (options.maxDiscovered ?? Number.POSITIVE_INFINITY)) {
            failures.push({ source: i, error: new TooManySourcesError(options.maxDiscovered!) });
            discovered = before;
            break;
          }
          if (leaf.source.empty) continue;
          const at = from && samePath(leaf.path, from) ? options.from.at : START;
          const outcome = await read(i, leaf.source, at, leaf.path, leaf.label);
          if (typeof outcome === 'object') return outcome;
          // A later listing of the scope may still have items: only calling it would tell.
          if (edges.length >= first) return result(true);
        }
      } catch (error) {
        if (error instanceof CallBudgetExhausted) return result(true, error);
        throw error;
      }
      stoppedAt = i + 1 < sources.length ? { source: i + 1, at: START } : undefined;
    }
    // A later source may still have items: without calling it, the page cannot know, so it says there may be more.
    if (edges.length >= first) return result(more || i + 1 < sources.length);
  }
  return result(false);
}
