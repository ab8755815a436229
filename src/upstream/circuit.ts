/**
 * A circuit breaker per service (opossum): after repeated 5xx responses or timeouts it fails fast for a cool-down,
 * with a retry-after hint, instead of adding load to a struggling service. Client errors, throttling (which has the
 * retry quota) and calls the client abandoned do not count.
 */
import CircuitBreaker from 'opossum';
import { UpstreamError } from './errors.js';
import type { ServiceDescriptor } from './operation.js';

/** When the circuit opens and for how long. */
export interface CircuitSettings {
  /** Failure percentage within the rolling window (10 s) that opens the circuit. */
  errorPercent: number;
  /** Calls within the window before the percentage counts. */
  minCalls: number;
  /** How long an open circuit fails fast before it lets a trial call through. */
  cooldownMs: number;
}

/** Runs calls of one service through its circuit. */
export interface Circuit {
  run<T>(operation: string, call: () => Promise<T>): Promise<T>;
  /** Where the breaker stands now (for metrics). */
  state(): CircuitState;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

const counts = (err: unknown) => err instanceof UpstreamError && err.code === 'UPSTREAM_UNAVAILABLE' && !err.details.aborted;

/** Creates the circuit of `service`. */
export function createCircuit(service: ServiceDescriptor, settings: CircuitSettings): Circuit {
  const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
    timeout: false,
    errorThresholdPercentage: settings.errorPercent,
    volumeThreshold: settings.minCalls,
    resetTimeout: settings.cooldownMs,
    rollingCountTimeout: 10_000,
    // opossum counts what this returns false for.
    errorFilter: (err: unknown) => !counts(err),
  });
  let openedAt = 0;
  breaker.on('open', () => (openedAt = Date.now()));
  return {
    state: () => (breaker.halfOpen ? 'half_open' : breaker.opened ? 'open' : 'closed'),
    async run<T>(operation: string, call: () => Promise<T>): Promise<T> {
      try {
        return (await breaker.fire(call)) as T;
      } catch (err) {
        if ((err as { code?: string }).code !== 'EOPENBREAKER') throw err;
        const retryAfterSeconds = Math.max(1, Math.ceil((openedAt + settings.cooldownMs - Date.now()) / 1000));
        throw new UpstreamError(`${service.id} ${operation}: not called, the ${service.id} circuit is open after repeated failures; retry in ${retryAfterSeconds} s`, {
          code: 'UPSTREAM_UNAVAILABLE', service: service.id, operation, retryAfterSeconds, circuitOpen: true,
        });
      }
    },
  };
}
