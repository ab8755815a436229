/**
 * Source order: several forward-only listings read one after another, each lazily, so a page may span sources and
 * only the sources a page needs are called. A failing source is reported and skipped; what it gave before failing
 * is kept.
 */
import type { CallBudgetExhausted } from './call-budget.js';
import { fillPage, type FetchedPage, type PageRequest } from './fill-page.js';
import { START, type Position } from './position.js';

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

/** Where the stream of sources resumes: source `source` at position `at`; earlier sources are exhausted. */
export interface StreamPosition {
  source: number;
  at: Position;
}

/** A collected item, the source it came from, and where to resume after it. */
export interface StreamEdge<T> {
  item: T;
  source: number;
  after: StreamPosition;
}

/** A source (by index) that failed, and why. */
export interface SourceFailure {
  source: number;
  error: unknown;
}

/** The result: edges, whether more may follow, the sources that failed, and whether the request's allowance ran out. */
export interface FilledStream<T> {
  edges: StreamEdge<T>[];
  hasNextPage: boolean;
  failures: SourceFailure[];
  exhausted?: CallBudgetExhausted;
}

/**
 * Collects up to `first` items across `sources`, starting at `from`, within each source's own call bound and
 * `maxCalls` upstream calls in all.
 */
export async function fillSources<T>(options: { sources: readonly StreamSource<T>[]; first: number; from: StreamPosition; maxCalls: number }): Promise<FilledStream<T>> {
  const { sources, first } = options;
  const edges: StreamEdge<T>[] = [];
  const failures: SourceFailure[] = [];
  let calls = 0;
  let at: Position = options.from.at;
  for (let i = options.from.source; i < sources.length; i++, at = START) {
    const source = sources[i]!;
    if (source.empty) continue;
    const left = options.maxCalls - calls;
    if (left <= 0) return { edges, hasNextPage: true, failures };
    const page = await fillPage({ ...source, first: first - edges.length, from: at, maxCalls: Math.min(source.maxCalls, left), partialOnError: true });
    calls += page.calls;
    for (const e of page.edges) edges.push({ item: e.item, source: i, after: { source: i, at: e.after } });
    if (page.exhausted) return { edges, hasNextPage: true, failures, exhausted: page.exhausted };
    if (page.error !== undefined) {
      failures.push({ source: i, error: page.error });
      continue;
    }
    if (page.truncated) return { edges, hasNextPage: true, failures };
    // A later source may still have items: without calling it, the page cannot know, so it says there may be more.
    if (edges.length >= first) return { edges, hasNextPage: page.hasNextPage || i + 1 < sources.length, failures };
  }
  return { edges, hasNextPage: false, failures };
}
