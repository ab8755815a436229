/**
 * A least-recently-used cache bounded by an estimate of the memory its entries hold, not by their count: a hundred
 * 100 KB documents weigh what a hundred thousand small ones do. Yoga's parse and validation caches use it.
 */

/** Options of a ByteBoundedCache. */
export interface ByteBoundedCacheOptions<V> {
  maxBytes: number;
  /** Estimated bytes one entry holds. */
  weigh: (key: string, value: V) => number;
}

/** The cache; `get` and `set` are what yoga's cache interface asks for. */
export class ByteBoundedCache<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(private readonly options: ByteBoundedCacheOptions<V>) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const bytes = this.options.weigh(key, value);
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    if (bytes > this.options.maxBytes) return; // larger than the whole cache: not kept at all
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.options.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#bytes;
  }
}
