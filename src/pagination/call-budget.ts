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
