/**
 * The request's upstream allowance ran out: raised by a fetch instead of calling upstream. Readers stop where they
 * are, return what they have with hasNextPage true, and report it; nothing past the allowance is ever sent.
 */
export class CallBudgetExhausted extends Error {
  override readonly name = 'CallBudgetExhausted';
  constructor(readonly allowance: number) {
    super(`the request has used all ${allowance} upstream calls it was allowed (its cost estimate, within the budget); continue from the last cursor`);
  }
}

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
