/**
 * Start-time order across sources: a k-way merge by (start time, service, node key). A source whose upstream can sort
 * by start time is merged lazily, page by page; any other is read to its end (up to an item cap) and sorted here.
 * The position in the total order is the whole cursor, so paging is stable across requests without server state.
 */
import type { FetchedPage, PageRequest } from './fill-page.js';
import { CallBudgetExhausted } from './call-budget.js';
import { TokenTrail } from './token-trail.js';
import type { SourceFailure } from './fill-sources.js';

/** A session's place in the total order. `t` is the start time in ms, or null (no start time: always last). */
export interface SortKey {
  t: number | null;
  s: string;
  k: string;
}

/** Newest first or oldest first; sessions without a start time come last either way. */
export type Direction = 'asc' | 'desc';

/** Compares two keys in `direction`: start time, then service, then node key (both ascending). */
export function compareKeys(a: SortKey, b: SortKey, direction: Direction): number {
  if (a.t !== b.t) {
    if (a.t === null) return 1;
    if (b.t === null) return -1;
    return direction === 'asc' ? a.t - b.t : b.t - a.t;
  }
  if (a.s !== b.s) return a.s < b.s ? -1 : 1;
  return a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
}

/** One source of the merge. */
export interface SortedSource<T> {
  fetch: (request: PageRequest) => Promise<FetchedPage<T>>;
  pageSize: number;
  /** Most pages read of this source: an unsorted source that needs more fails; a presorted one stops the merge there. */
  maxCalls: number;
  /** Known to hold nothing (a filter rules it out): never read. */
  empty?: boolean;
  key: (item: T) => SortKey;
  keep?: (item: T) => boolean;
  /** The upstream already returns items in `direction` by start time: merge lazily. */
  presorted: boolean;
  /** With presorted: true once no later item can be kept (it started past a time bound), so reading may stop. */
  pastBound?: (item: T) => boolean;
}

/** A source that would need more than its item cap or its page bound read to be sorted. */
export class SourceTooLargeError extends Error {
  override readonly name = 'SourceTooLargeError';
  constructor(what: string) {
    super(`the source has more sessions than ${what} to sort; narrow it, filter it, or use orderBy: SOURCE`);
  }
}

/** A merged item and its key. */
export interface MergedEdge<T> {
  item: T;
  source: number;
  key: SortKey;
}

/** The merge result. `hasNextPage` speaks for the sources that did not fail. */
export interface MergedPage<T> {
  edges: MergedEdge<T>[];
  hasNextPage: boolean;
  failures: SourceFailure[];
  exhausted?: CallBudgetExhausted;
}

/** A reader's next item and its key. */
type Head<T> = { item: T; key: SortKey };

/** A reader that stopped before its end, whose next item is not known: the merge cannot go past it. */
const BLOCKED = Symbol('blocked');

/** Reads one source in order, skipping what lies at or before `after`. */
class SourceReader<T> {
  private buffer: Head<T>[] = [];
  private pos = 0;
  private token: string | null = null;
  private readonly trail = new TokenTrail(null);
  private done: boolean;
  /** Stopped by a call bound before the end. */
  private stopped = false;
  private read = 0;
  private calls = 0;
  exhausted: CallBudgetExhausted | undefined;

  constructor(private readonly source: SortedSource<T>, private readonly direction: Direction, private readonly after: SortKey | undefined, private readonly cap: number) {
    this.done = source.empty ?? false;
  }

  /** The next item, undefined at the end, or BLOCKED; throws when the upstream fails or the source is too large. */
  async peek(): Promise<Head<T> | undefined | typeof BLOCKED> {
    if (!this.source.presorted) {
      while (!this.done && !this.stopped) await this.readPage();
      if (this.stopped) return BLOCKED;
    } else {
      // Equal start times may come from the upstream in any order: read past them before trusting the head.
      const unsure = () => this.pos >= this.buffer.length || this.buffer.at(-1)!.key.t === this.buffer[this.pos]!.key.t;
      while (!this.done && !this.stopped && unsure()) await this.readPage();
      if (!this.done && unsure()) return BLOCKED;
    }
    return this.buffer[this.pos];
  }

  take(): void {
    this.pos++;
  }

  private async readPage(): Promise<void> {
    if (this.calls >= this.source.maxCalls) {
      if (!this.source.presorted) throw new SourceTooLargeError(`${this.source.maxCalls} upstream pages`);
      this.stopped = true;
      return;
    }
    let page: FetchedPage<T>;
    try {
      page = await this.source.fetch({ token: this.token, size: this.source.pageSize });
    } catch (error) {
      if (!(error instanceof CallBudgetExhausted)) throw error;
      this.exhausted = error;
      this.stopped = true;
      return;
    }
    this.calls++;
    this.buffer = this.buffer.slice(this.pos);
    this.pos = 0;
    this.read += page.items.length;
    if (this.read > this.cap) throw new SourceTooLargeError(`${this.cap}`);
    for (const item of page.items) {
      if (this.source.presorted && this.source.pastBound?.(item)) {
        this.done = true;
        break;
      }
      if (this.source.keep && !this.source.keep(item)) continue;
      const key = this.source.key(item);
      if (this.after && compareKeys(key, this.after, this.direction) <= 0) continue;
      this.buffer.push({ item, key });
    }
    const next = this.trail.follow(page.nextToken);
    if (!next) this.done = true;
    else this.token = next;
    this.buffer.sort((a, b) => compareKeys(a.key, b.key, this.direction));
  }
}

/** Merges `sources` in `direction`, returning up to `first` items after the key `after`. */
export async function mergeSorted<T>(options: {
  sources: readonly SortedSource<T>[];
  first: number;
  direction: Direction;
  after?: SortKey;
  /** Most items read from one source in one request. */
  itemCap: number;
}): Promise<MergedPage<T>> {
  const { direction, first } = options;
  const readers = options.sources.map((s) => new SourceReader(s, direction, options.after, options.itemCap));
  const failures: SourceFailure[] = [];
  const failed = new Set<number>();
  const heads = async () =>
    Promise.all(
      readers.map(async (r, i) => {
        if (failed.has(i)) return undefined;
        try {
          return await r.peek();
        } catch (error) {
          failed.add(i);
          failures.push({ source: i, error });
          return undefined;
        }
      }),
    );

  const edges: MergedEdge<T>[] = [];
  let last: SortKey | undefined = options.after;
  for (;;) {
    const peeked = await heads();
    if (peeked.includes(BLOCKED)) {
      const exhausted = readers.find((r) => r.exhausted)?.exhausted;
      return { edges, hasNextPage: true, failures, ...(exhausted ? { exhausted } : {}) };
    }
    const current = peeked as (Head<T> | undefined)[];
    let best = -1;
    for (let i = 0; i < current.length; i++) {
      const head = current[i];
      if (head && (best < 0 || compareKeys(head.key, current[best]!.key, direction) < 0)) best = i;
    }
    if (best < 0) return { edges, hasNextPage: false, failures };
    const head = current[best]!;
    // The same session from two sources (a Deadline session via its job and its worker) is listed once.
    if (last && compareKeys(head.key, last, direction) === 0) {
      readers[best]!.take();
      continue;
    }
    if (edges.length >= first) return { edges, hasNextPage: true, failures };
    readers[best]!.take();
    edges.push({ item: head.item, source: best, key: head.key });
    last = head.key;
  }
}
