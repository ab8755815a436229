/**
 * What one request's upstream calls came to, for its single log line: at info the gateway writes one line per GraphQL
 * request, not one per call (those are debug lines; a failed call is still a warning of its own).
 */
import type { UpstreamCallEvent } from '../upstream/call.js';

/** The summary's fields; absent ones are zero. */
export interface CallSummaryFields {
  /** HTTP attempts, retries included. */
  attempts?: number;
  throttles?: number;
  /** The slowest call's latency, back-off included. */
  slowestMs?: number;
  /** Failed calls by error code. */
  failed?: Record<string, number>;
}

/** Counts a request's calls as they finish. */
export class CallSummary {
  private attempts = 0;
  private throttles = 0;
  private slowestMs = -1;
  private failed: Record<string, number> | undefined;

  record(event: UpstreamCallEvent): void {
    this.attempts += event.attempts;
    this.throttles += event.throttles;
    if (event.latencyMs > this.slowestMs) this.slowestMs = event.latencyMs;
    if (event.errorCode) (this.failed ??= {})[event.errorCode] = (this.failed[event.errorCode] ?? 0) + 1;
  }

  fields(): CallSummaryFields {
    return {
      ...(this.attempts ? { attempts: this.attempts } : {}),
      ...(this.throttles ? { throttles: this.throttles } : {}),
      ...(this.slowestMs >= 0 ? { slowestMs: this.slowestMs } : {}),
      ...(this.failed ? { failed: this.failed } : {}),
    };
  }
}
