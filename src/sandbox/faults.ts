/** Fault injection: rules that make matching requests fail or slow down, for tests and demos. */

/** What a fault does to a matching request. */
export type FaultKind =
  | 'throttle'        // 429 ThrottlingException
  | 'server-error'    // 500 InternalServerException (or `status`)
  | 'latency'         // answer after `latencyMs`
  | 'reset'           // destroy the connection midway through the body
  | 'malformed-json'  // 200 with a body that is not JSON
  | 'wrong-shape'     // 200 with JSON of the wrong shape
  | 'html'            // 502 with an HTML error page
  | 'huge'            // 200 with a body of `sizeBytes`
  | 'hang'            // never answer
  | 'same-token'      // hand back the nextToken that was sent (an upstream at its end)
  | 'empty-pages'     // an empty page with a fresh nextToken, every time (a listing that never ends)
  | 'cycle-tokens'    // empty pages whose tokens go round: A, B, A, B… (a listing that loops)
  | 'short-pages'     // the real listing, one item a page
  | 'barrier';        // hold each matching request until `parties` of them are held, then answer them all

/** A rule; it matches requests of its service/operation (any when unset) while it has `times` left (forever when unset). */
export interface FaultRule {
  kind: FaultKind;
  service?: string;
  operation?: string;
  times?: number;
  /** Fraction of matching requests to hit, 0-1; decided by a seeded sequence so runs repeat. */
  probability?: number;
  latencyMs?: number;
  status?: number;
  sizeBytes?: number;
  /** Sent as Retry-After with throttle and server-error (throttle sends 0 without it). */
  retryAfterSeconds?: number;
  /** For barrier: how many requests must be in flight together before any is answered. */
  parties?: number;
}

/** The rules in force, consumed as they fire. */
export class FaultPlan {
  private rules: FaultRule[] = [];
  private seed = 1;

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The faults that fire for this request: at most one latency, one barrier and one failure. */
  take(service: string, operation: string): { latency?: FaultRule; barrier?: FaultRule; failure?: FaultRule } {
    const out: { latency?: FaultRule; barrier?: FaultRule; failure?: FaultRule } = {};
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.times !== undefined && rule.times <= 0) continue;
      const slot = rule.kind === 'latency' ? 'latency' : rule.kind === 'barrier' ? 'barrier' : 'failure';
      if (out[slot]) continue;
      if (rule.probability !== undefined && this.next() >= rule.probability) continue;
      if (rule.times !== undefined) rule.times--;
      out[slot] = rule;
    }
    return out;
  }

  private next(): number {
    this.seed = (this.seed * 48271) % 2147483647;
    return this.seed / 2147483647;
  }
}
