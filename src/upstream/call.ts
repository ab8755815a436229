/**
 * The one generic upstream caller: validate → serialize → { sign → send } with retries → deserialize.
 * It is the only place an upstream request is built and sent.
 */
import type { StandardRetryStrategy } from '@smithy/core/retry';
import pLimit, { type LimitFunction } from 'p-limit';
import { untilCancelled, type CancelSignal } from './cancel.js';
import { createCircuit, type Circuit, type CircuitSettings, type CircuitState } from './circuit.js';
import type { CredentialsProvider, TokenProvider } from './credentials.js';
import { deserializeError, deserializeList, deserializeRecord, type RawResponse } from './deserialize.js';
import type { ResolvedEndpoint } from './endpoints.js';
import { callKey } from './call-key.js';
import type { PageCache } from './page-cache.js';
import { UpstreamError } from './errors.js';
import { TransportError, createHttpSender } from './http.js';
import type { ListPage, OperationDescriptor, OperationInput, ServiceDescriptor, ServiceId } from './operation.js';
import { DEFAULT_ACCOUNT, type Place } from './place.js';
import { createRetryStrategy, retryErrorInfo } from './retry.js';
import { serializeRequest } from './serialize.js';
import { createBearerSigner, createSigV4Signer, type RequestSigner } from './sign.js';
import { validateInput } from './validate.js';

/** Where and as whom one service is called. */
export interface ServiceTarget {
  endpoint: ResolvedEndpoint;
  region: string;
}

/** One finished upstream call, for logs and metrics. Holds no secret. */
export interface UpstreamCallEvent {
  service: ServiceId;
  operation: string;
  region: string;
  account: string;
  httpStatus?: number;
  latencyMs: number;
  attempts: number;
  /** Attempts the upstream throttled (the last one included when the call failed throttled). */
  throttles: number;
  requestId?: string;
  errorCode?: string;
  /** When the call was admitted, in milliseconds since the epoch (its trace span starts there). */
  startedAt: number;
  /** The attempts that failed and were retried, in order; absent when there were none. */
  retries?: RetriedAttempt[];
}

/** An attempt that failed and was tried again. */
export interface RetriedAttempt {
  /** When it failed, in milliseconds since the epoch. */
  at: number;
  errorCode: string;
  httpStatus?: number;
}

/** Settings of the upstream client. */
export interface UpstreamClientOptions {
  /** Each service's default endpoint and region. */
  targets: Record<ServiceId, ServiceTarget>;
  /** The endpoint of a service in another region than its default (absent: every region uses the default endpoint). */
  endpointFor?: (service: ServiceDescriptor, region: string) => ResolvedEndpoint;
  /** The gateway's own credentials: the account `default`. */
  credentials: CredentialsProvider;
  /** Credentials of the other account aliases (`GATEWAY_ACCOUNTS`). */
  accounts?: Readonly<Record<string, CredentialsProvider>>;
  /** Bearer tokens by signing name (CodeCatalyst). */
  tokens: Partial<Record<string, TokenProvider>>;
  /** Per attempt. */
  timeoutMs: number;
  maxAttempts: number;
  /** Concurrent calls per service; more wait their turn. */
  maxConcurrency: number;
  maxResponseBytes: number;
  /** Circuit breaker settings; absent: no breaker. */
  circuit?: CircuitSettings;
  /** Successful responses shared across requests for a short time; absent: every call is sent. */
  pageCache?: PageCache;
  onCall?: (event: UpstreamCallEvent) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Where the call goes; absent: the service's default region, account `default`. */
  place?: Place;
  signal?: CancelSignal;
  /** Told of each finished call as well as the client-wide onCall (per-request logging). */
  onCall?: (event: UpstreamCallEvent) => void;
  /**
   * Called once per call, after it passed validation and the circuit and just before its first attempt is sent; what
   * it throws refuses the call unsent (a request's call allowance).
   */
  admit?: () => void;
  /** Do not answer from the page cache (the client asked for a fresh read); what the call returns is still kept. */
  fresh?: boolean;
  /** Told when the answer came from the page cache, with no call sent. */
  onCached?: () => void;
}

/** How one service in one region stands: what its callers share. */
export interface UpstreamHealth {
  service: ServiceId;
  region: string;
  /** Retry quota left (the standard strategy's capacity, 500 when full). */
  retryCapacity: number;
  /** Absent without a breaker. */
  circuit?: CircuitState;
}

/** Calls upstream operations. */
export interface UpstreamClient {
  list(op: OperationDescriptor, input: OperationInput, options?: CallOptions): Promise<ListPage>;
  get(op: OperationDescriptor, input: OperationInput, options?: CallOptions): Promise<Record<string, unknown>>;
  /** Each service and region called so far. */
  health(): UpstreamHealth[];
  close(): void;
}

/** What calls of one service in one region share (retry quota, circuit), and its signers by account. */
interface ServiceState {
  service: ServiceId;
  target: ServiceTarget;
  signers: Map<string, RequestSigner>;
  retry: StandardRetryStrategy;
  limit: LimitFunction;
  circuit?: Circuit;
}

/** Creates the client; one per gateway process, shared by all requests. */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const sender = createHttpSender({ maxSockets: options.maxConcurrency });
  const services = new Map<string, ServiceState>();

  // Concurrency is bounded per service, whatever the region: the bound protects this process as much as the upstream.
  const limits = new Map<ServiceId, LimitFunction>();
  const stateFor = (op: OperationDescriptor, region: string): ServiceState => {
    const key = `${op.service.id}/${region}`;
    let state = services.get(key);
    if (!state) {
      const home = options.targets[op.service.id];
      const target = region === home.region || !options.endpointFor ? { ...home, region } : { endpoint: options.endpointFor(op.service, region), region };
      let limit = limits.get(op.service.id);
      if (!limit) limits.set(op.service.id, (limit = pLimit(options.maxConcurrency)));
      state = {
        service: op.service.id,
        target,
        signers: new Map(),
        retry: createRetryStrategy(options.maxAttempts),
        limit,
        ...(options.circuit ? { circuit: createCircuit(op.service, options.circuit) } : {}),
      };
      services.set(key, state);
    }
    return state;
  };
  const signerOf = (op: OperationDescriptor, state: ServiceState, account: string): RequestSigner => {
    let sign = state.signers.get(account);
    if (!sign) state.signers.set(account, (sign = signerFor(op, state.target, account, options)));
    return sign;
  };

  /** Sends one call of input `read` has validated, to the place it resolved. */
  const invoke = async (op: OperationDescriptor, input: OperationInput, { region, account }: Place, callOptions: CallOptions): Promise<RawResponse> => {
    const state = stateFor(op, region);
    const sign = signerOf(op, state, account);
    const request = serializeRequest(op, input, state.target.endpoint);
    const started = performance.now();
    let attempts = 0;
    let throttles = 0;
    let retries: RetriedAttempt[] | undefined;
    const report = (event: Partial<UpstreamCallEvent>) => {
      const full: UpstreamCallEvent = {
        service: op.service.id, operation: op.name, region, account, latencyMs: Math.round(performance.now() - started), attempts, throttles,
        startedAt: performance.timeOrigin + started, ...(retries ? { retries } : {}), ...event,
      };
      options.onCall?.(full);
      callOptions.onCall?.(full);
    };

    const attemptAll = () => state.limit(async () => {
      callOptions.admit?.();
      let token = await state.retry.acquireInitialRetryToken(op.service.id);
      for (;;) {
        attempts++;
        let failure: UpstreamError;
        let transport: 'timeout' | 'network' | undefined;
        try {
          const signed = await authorise(op, sign, request, account);
          const res = await sender.send(signed, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxResponseBytes, signal: callOptions.signal });
          if (res.statusCode >= 200 && res.statusCode < 300) {
            state.retry.recordSuccess(token);
            const requestId = res.headers['x-amzn-requestid'];
            report({ httpStatus: res.statusCode, ...(typeof requestId === 'string' ? { requestId } : {}) });
            return res;
          }
          failure = deserializeError(op, res);
        } catch (err) {
          if (err instanceof UpstreamError) failure = err;
          else if (err instanceof TransportError) {
            failure = transportFailure(op, err);
            if (err.kind === 'timeout' || err.kind === 'network') transport = err.kind;
          } else throw err;
        }
        if (failure.code === 'UPSTREAM_THROTTLED') throttles++;
        const info = callOptions.signal?.aborted ? undefined : retryErrorInfo(failure, transport);
        if (info) {
          try {
            // The strategy sleeps through the back-off (up to Retry-After, capped): a cancelled request stops waiting.
            const failedAt = performance.timeOrigin + performance.now();
            token = await untilCancelled(state.retry.refreshRetryTokenForRetry(token, info), callOptions.signal, () => new Error('cancelled'));
            if (!callOptions.signal?.aborted) {
              (retries ??= []).push({ at: failedAt, errorCode: failure.code, ...(failure.details.httpStatus ? { httpStatus: failure.details.httpStatus } : {}) });
              continue;
            }
          } catch {
            // No retry left (attempts or quota): report the last failure.
          }
        }
        failure.details.attempts = attempts;
        report({ errorCode: failure.code, ...(failure.details.httpStatus ? { httpStatus: failure.details.httpStatus } : {}), ...(failure.details.requestId ? { requestId: failure.details.requestId } : {}) });
        throw failure;
      }
    });
    if (!state.circuit) return attemptAll();
    try {
      return await state.circuit.run(op.name, attemptAll);
    } catch (err) {
      if (err instanceof UpstreamError && err.details.circuitOpen) report({ errorCode: err.code });
      throw err;
    }
  };

  const { pageCache } = options;
  const read = (op: OperationDescriptor, input: OperationInput, callOptions: CallOptions = {}): Promise<RawResponse> => {
    // Bad input is refused here, before any call and before it could be a cache key.
    validateInput(op, input);
    const place = { region: callOptions.place?.region ?? options.targets[op.service.id].region, account: callOptions.place?.account ?? DEFAULT_ACCOUNT };
    if (!pageCache) return invoke(op, input, place, callOptions);
    return pageCache.through(callKey(op, input, place), input.nextToken !== undefined, () => invoke(op, input, place, callOptions), {
      ...(callOptions.fresh ? { refresh: true } : {}),
      ...(callOptions.onCached ? { onCached: callOptions.onCached } : {}),
    });
  };

  return {
    list: async (op, input, callOptions) => deserializeList(op, await read(op, input, callOptions)),
    get: async (op, input, callOptions) => deserializeRecord(op, await read(op, input, callOptions)),
    health: () => [...services.values()].map((state) => ({
      service: state.service,
      region: state.target.region,
      retryCapacity: state.retry.getCapacity(),
      ...(state.circuit ? { circuit: state.circuit.state() } : {}),
    })),
    close: () => sender.close(),
  };
}

function signerFor(op: OperationDescriptor, target: ServiceTarget, account: string, options: UpstreamClientOptions): RequestSigner {
  if (op.service.auth === 'bearer') {
    const token = options.tokens[op.service.signingName];
    if (!token) return async () => { throw new Error(`no bearer token provider for ${op.service.signingName}`); };
    return createBearerSigner(token);
  }
  const credentials = account === DEFAULT_ACCOUNT ? options.credentials : options.accounts?.[account];
  if (!credentials) return async () => { throw new Error(`no credentials for account ${account}`); };
  return createSigV4Signer({ signingName: op.service.signingName, region: target.region, credentials });
}

/**
 * Signs; a credential or token that cannot be found becomes UPSTREAM_AUTH_MISSING, a role that refuses to be assumed
 * UPSTREAM_ACCESS_DENIED (their messages name no secret).
 */
async function authorise(op: OperationDescriptor, sign: RequestSigner, request: Parameters<RequestSigner>[0], account: string) {
  try {
    return await sign(request);
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 401 || status === 403) {
      throw new UpstreamError(`${op.service.id} ${op.name}: account ${account}: the role could not be assumed (${(err as Error).name}): ${(err as Error).message}`, {
        code: 'UPSTREAM_ACCESS_DENIED', service: op.service.id, operation: op.name, awsErrorType: (err as Error).name, httpStatus: status,
      });
    }
    const what = op.service.auth === 'bearer' ? `a bearer token (set AWS_BEARER_TOKEN_${op.service.envSuffix} or sign in with aws sso login)`
      : account === DEFAULT_ACCOUNT ? 'AWS credentials' : `credentials for account ${account}`;
    throw new UpstreamError(`${op.service.id} ${op.name}: could not find ${what}: ${(err as Error).message}`, {
      code: 'UPSTREAM_AUTH_MISSING', service: op.service.id, operation: op.name,
    });
  }
}

function transportFailure(op: OperationDescriptor, err: TransportError): UpstreamError {
  return new UpstreamError(`${op.service.id} ${op.name}: ${err.message}`, {
    code: err.kind === 'too-large' ? 'UPSTREAM_BAD_RESPONSE' : 'UPSTREAM_UNAVAILABLE',
    service: op.service.id,
    operation: op.name,
    ...(err.kind === 'aborted' ? { aborted: true } : {}),
  });
}
