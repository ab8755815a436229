/** Errors the upstream layer raises. They know nothing of GraphQL; the schema layer maps them to `extensions`. */

/** Gateway error codes for upstream failures. */
export type UpstreamErrorCode =
  | 'UPSTREAM_THROTTLED'
  | 'UPSTREAM_ACCESS_DENIED'
  | 'UPSTREAM_NOT_FOUND'
  | 'UPSTREAM_VALIDATION'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_AUTH_MISSING'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_ERROR';

/** An upstream call that failed, after retries. Carries no secret: no header, no signature, no token. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    message: string,
    readonly details: {
      code: UpstreamErrorCode;
      service: string;
      operation: string;
      awsErrorType?: string;
      requestId?: string;
      httpStatus?: number;
      attempts?: number;
      /** Seconds to wait before trying again, when the upstream or the circuit breaker said. */
      retryAfterSeconds?: number;
      /** The client went away (or the request deadline passed): not the upstream's fault. */
      aborted?: boolean;
      /** Failed fast: the service's circuit is open. */
      circuitOpen?: boolean;
    },
  ) {
    super(message);
  }
  get code(): UpstreamErrorCode {
    return this.details.code;
  }
}

/** An input that breaks the operation's constraints; raised before anything is sent. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly argument: string, message: string) {
    super(message);
  }
}

/** Maps an AWS error type and HTTP status to the gateway's code. */
export function classifyAwsError(awsErrorType: string | undefined, httpStatus: number): UpstreamErrorCode {
  const type = awsErrorType ?? '';
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(type) || httpStatus === 429) return 'UPSTREAM_THROTTLED';
  if (/AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|IncompleteSignature|MissingAuthenticationToken|Unauthorized/.test(type)) return 'UPSTREAM_ACCESS_DENIED';
  if (httpStatus === 401 || httpStatus === 403) return 'UPSTREAM_ACCESS_DENIED';
  if (/NotFound/.test(type) || httpStatus === 404) return 'UPSTREAM_NOT_FOUND';
  if (/Validation/.test(type) || httpStatus === 400) return 'UPSTREAM_VALIDATION';
  if (httpStatus >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}

/**
 * The AWS error type of a response, as the SDKs find it: the `x-amzn-errortype` header, then the body's
 * `code`, then `__type`; whatever follows `:` and precedes `#` is dropped.
 */
export function sanitizeErrorType(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  let type = raw;
  const colon = type.indexOf(':');
  if (colon >= 0) type = type.slice(0, colon);
  const hash = type.indexOf('#');
  if (hash >= 0) type = type.slice(hash + 1);
  return type || undefined;
}
