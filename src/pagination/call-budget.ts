/**
 * The request's upstream allowance ran out: raised by a fetch instead of calling upstream. Readers stop where they
 * are, return what they have with hasNextPage true, and report it; nothing past the allowance is ever sent.
 */
export class CallBudgetExhausted extends Error {
  override readonly name = 'CallBudgetExhausted';
  constructor(readonly allowance: number, message?: string) {
    super(message ?? `the request has used all ${allowance} upstream calls it was allowed (its cost estimate, within the budget); continue from the last cursor`);
  }
}

/** The calls one field may make, counted where they are made: a fetch past the allowance throws instead of calling. */
export class CallAllowance {
  #used = 0;
  constructor(readonly limit: number, private readonly message: string) {}

  get used(): number {
    return this.#used;
  }

  /** `fetch`, counted against this allowance. */
  counted<A extends unknown[], R>(fetch: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      if (this.#used >= this.limit) return Promise.reject(new CallBudgetExhausted(this.limit, this.message));
      this.#used++;
      return fetch(...args);
    };
  }
}
