/**
 * The cross-request page cache: successful upstream responses (list pages and Get records, as the raw bytes the
 * upstream sent) kept for a short time, keyed by everything that selects them, so that requests reading the same page
 * within its freshness share one call. Errors are never kept. Identical misses in flight at once share one call too.
 *
 * A first page (no nextToken) is fresh for `firstPageTtlMs`; a continuation page belongs to a listing already begun,
 * and its token names a position upstream, so it may live longer (`continuationTtlMs`).
 */
import { LRUCache } from 'lru-cache';
import type { RawResponse } from './deserialize.js';

/** Settings of the page cache. */
export interface PageCacheSettings {
  /** Bytes of responses kept at most (bodies, keys and headers counted); the least recently used go first. */
  maxBytes: number;
  firstPageTtlMs: number;
  continuationTtlMs: number;
  /** Told of each hit, miss, store and eviction (metrics). */
  onEvent?: (event: PageCacheEvent) => void;
  /** The clock freshness is measured by, in milliseconds (tests set it; default: performance). */
  clock?: { now(): number };
  /** A store replicas share (Redis): read after this process's own entries, written beside them. */
  shared?: SharedPageStore;
}

/**
 * What replicas share: encoded entries by key. Its failures are not errors for the caller: `get` answers undefined
 * (a miss) and `set` forgets the entry, so an unreachable store only costs the calls it would have saved.
 */
export interface SharedPageStore {
  /** The entry and how much longer it is fresh, or undefined when absent or unreachable. */
  get(key: string): Promise<{ value: Buffer; ttlMs: number } | undefined>;
  set(key: string, value: Buffer, ttlMs: number): void;
}

export type PageCacheEvent = 'hit' | 'miss' | 'store' | 'evict';

/** What is kept of a response: the bytes deserializing needs, and no header that could carry anything else. */
interface Entry {
  statusCode: number;
  requestId?: string;
  body: Buffer;
}

/** Per-entry bookkeeping beside the bytes: keys, headers, the LRU's own structures. */
const ENTRY_OVERHEAD_BYTES = 256;

/** A page cache; one per gateway process (or one store shared by replicas). */
export interface PageCache {
  /**
   * The response for `key`: from the cache, from an identical call already in flight, or from `call` (kept when it
   * succeeds). `refresh` skips the reading (a client asked for a fresh answer) but still keeps what the call returns.
   */
  through(key: string, continuation: boolean, call: () => Promise<RawResponse>, options: { refresh?: boolean; onCached?: () => void }): Promise<RawResponse>;
  /** Entries and bytes held now. */
  stats(): { entries: number; bytes: number };
}

const toEntry = (res: RawResponse): Entry => {
  const id = res.headers['x-amzn-requestid'];
  return { statusCode: res.statusCode, body: res.body, ...(typeof id === 'string' ? { requestId: id } : {}) };
};
const fromEntry = (e: Entry): RawResponse => ({ statusCode: e.statusCode, headers: e.requestId ? { 'x-amzn-requestid': e.requestId } : {}, body: e.body });

/** An entry as bytes for the shared store: status (2 bytes), request id length (1) and id, then the body. */
function encodeEntry(e: Entry): Buffer {
  const id = Buffer.from((e.requestId ?? '').slice(0, 255), 'latin1');
  const head = Buffer.alloc(3);
  head.writeUInt16BE(e.statusCode, 0);
  head.writeUInt8(id.length, 2);
  return Buffer.concat([head, id, e.body]);
}

/** The entry `b` encodes, or undefined when it is not one (a foreign or truncated value is a miss). */
function decodeEntry(b: Buffer): Entry | undefined {
  if (b.length < 3 || b.length < 3 + b.readUInt8(2)) return undefined;
  const idLength = b.readUInt8(2);
  const requestId = b.subarray(3, 3 + idLength).toString('latin1');
  return { statusCode: b.readUInt16BE(0), body: b.subarray(3 + idLength), ...(requestId ? { requestId } : {}) };
}

/** Creates the in-memory cache. */
export function createPageCache(settings: PageCacheSettings): PageCache {
  const emit = settings.onEvent ?? (() => undefined);
  const entries = new LRUCache<string, Entry>({
    maxSize: settings.maxBytes,
    sizeCalculation: (e, key) => Math.max(1, e.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES),
    // An entry too large for the whole budget is not kept at all.
    maxEntrySize: settings.maxBytes,
    ttlAutopurge: false,
    ...(settings.clock ? { perf: settings.clock, ttlResolution: 0 } : {}),
    allowStale: false,
    dispose: (_e, _k, reason) => {
      if (reason === 'evict') emit('evict');
    },
  });
  const inFlight = new Map<string, Promise<RawResponse>>();
  const { shared } = settings;

  return {
    async through(key, continuation, call, { refresh, onCached }) {
      const ttl = continuation ? settings.continuationTtlMs : settings.firstPageTtlMs;
      if (ttl <= 0) return call();
      const cached = (res: RawResponse) => {
        emit('hit');
        onCached?.();
        return res;
      };
      if (!refresh) {
        const hit = entries.get(key);
        if (hit) return cached(fromEntry(hit));
        const flying = inFlight.get(key);
        if (flying) {
          try {
            return cached(await flying);
          } catch {
            // The call this one joined failed (or its request went away): errors are not shared, so make our own.
          }
        }
      }
      // A miss here may still be a page another replica read: the shared store is asked inside the call that
      // identical lookups join, so they ask it once too.
      let fromShared = false;
      const own = (async (): Promise<RawResponse> => {
        if (!refresh && shared) {
          const found = await shared.get(key);
          const entry = found && decodeEntry(found.value);
          if (found && entry) {
            fromShared = true;
            entries.set(key, entry, { ttl: Math.min(ttl, Math.max(1, found.ttlMs)) });
            return fromEntry(entry);
          }
        }
        const res = await call();
        const entry = toEntry(res);
        entries.set(key, entry, { ttl });
        if (entries.has(key)) emit('store');
        shared?.set(key, encodeEntry(entry), ttl);
        return res;
      })();
      inFlight.set(key, own);
      try {
        const res = await own;
        if (fromShared) return cached(res);
        if (!refresh) emit('miss');
        return res;
      } catch (err) {
        if (!refresh) emit('miss');
        throw err;
      } finally {
        if (inFlight.get(key) === own) inFlight.delete(key);
      }
    },
    stats: () => ({ entries: entries.size, bytes: entries.calculatedSize }),
  };
}
