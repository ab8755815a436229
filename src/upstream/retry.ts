/** Which failures are worth another attempt, in the terms of the AWS standard retry strategy. */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo } from '@smithy/types';
import type { UpstreamError } from './errors.js';

/** The AWS standard strategy: exponential backoff with full jitter, and a retry quota so storms are not multiplied. */
export function createRetryStrategy(maxAttempts: number): StandardRetryStrategy {
  return new StandardRetryStrategy(maxAttempts);
}

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** How the retry strategy should see this error, or undefined when it must not be retried. */
export function retryErrorInfo(error: UpstreamError, transport?: 'timeout' | 'network'): RetryErrorInfo | undefined {
  const { code, httpStatus, retryAfterSeconds } = error.details;
  const hint = retryAfterSeconds !== undefined ? { retryAfterHint: new Date(Date.now() + retryAfterSeconds * 1000) } : {};
  if (code === 'UPSTREAM_THROTTLED') return { errorType: 'THROTTLING', ...hint };
  if (transport) return { errorType: 'TRANSIENT' };
  // As the SDK's classifier: these statuses are transient (retried); other 5xx are server errors (not retried).
  if (httpStatus !== undefined && TRANSIENT_STATUSES.has(httpStatus)) return { errorType: 'TRANSIENT', ...hint };
  return undefined;
}
