/** Tracks tokens a listing has handed out: a token seen before means the listing cycles, which ends it. */
export class TokenTrail {
  readonly #seen = new Set<string>();

  constructor(start: string | null) {
    if (start) this.#seen.add(start);
  }

  /** The token to follow after a page that returned `next`, or undefined at the end (none, or seen before). */
  follow(next: string | undefined): string | undefined {
    if (!next || this.#seen.has(next)) return undefined;
    this.#seen.add(next);
    return next;
  }
}
