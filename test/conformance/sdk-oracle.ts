/** Captures what an official AWS SDK client sends, and answers it with a recorded response. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { buildQueryString } from '@smithy/querystring-builder';
import { escapeUri } from '@smithy/util-uri-escape';

/** A request handler that records requests and replies with `body`. */
export function recordingHandler(body: unknown = {}, statusCode = 200) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    handler: {
      handle: async (request: HttpRequest) => {
        requests.push(request);
        return {
          response: new HttpResponse({
            statusCode,
            headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          }),
        };
      },
    },
  };
}

/** The parts of a request that must be equal: method, host, path, query, body, and SigV4 scope (region/service). */
export function wireView(req: HttpRequest) {
  const auth = String(req.headers['authorization'] ?? req.headers['Authorization'] ?? '');
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return {
    method: req.method,
    hostname: req.hostname,
    path: req.path,
    query: Object.fromEntries(Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined).sort()),
    body: req.body === undefined || req.body === '' ? undefined : String(req.body),
    contentType: req.headers['content-type'],
    auth: scope ? { kind: 'sigv4', region: scope[1], service: scope[2] } : auth.startsWith('Bearer ') ? { kind: 'bearer', token: auth.slice(7) } : { kind: 'none' },
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

export const TEMPORARY_CREDENTIALS = { ...TEST_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/token==' };

/** Headers the SDK adds for its own telemetry and retry bookkeeping, which the gateway does not send. */
const SDK_ONLY_HEADERS = ['user-agent', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'];

/** Removes the SDK's own headers just before it signs, so that its canonical request holds only the protocol's. */
export function withoutSdkHeaders<C extends { middlewareStack: any }>(client: C): C {
  client.middlewareStack.addRelativeTo(
    (next: (args: any) => Promise<unknown>) => async (args: any) => {
      for (const name of Object.keys(args.request.headers)) if (SDK_ONLY_HEADERS.includes(name.toLowerCase())) delete args.request.headers[name];
      return next(args);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'dropSdkOnlyHeaders' },
  );
  return client;
}

/** The request target as @smithy/node-http-handler writes it on the wire: path, then the query string it builds. */
export function sdkRequestTarget(req: HttpRequest): string {
  const qs = buildQueryString(req.query ?? {});
  return qs ? `${req.path}?${qs}` : req.path;
}

/**
 * The SigV4 canonical request (what the signature covers), rebuilt here from the request and the Authorization
 * header's SignedHeaders, following the SigV4 specification rather than either signer's code: each path segment
 * escaped again, the query sorted by escaped name and value, the signed headers' values trimmed, the payload hash.
 */
export function canonicalRequest(req: HttpRequest): string {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const signed = /SignedHeaders=([^,]+)/.exec(headers['authorization'] ?? '')?.[1]?.split(';') ?? [];
  const query = Object.entries(req.query ?? {})
    .flatMap(([k, v]) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => [escapeUri(k), escapeUri(String(x))])))
    .sort(([ak, av], [bk, bv]) => (ak! < bk! ? -1 : ak! > bk! ? 1 : av! < bv! ? -1 : av! > bv! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const path = req.path.split('/').map((segment) => escapeUri(segment)).join('/');
  const payload = headers['x-amz-content-sha256'] ?? createHash('sha256').update(req.body === undefined ? '' : String(req.body)).digest('hex');
  return [req.method, path, query, ...signed.map((h) => `${h}:${(headers[h] ?? '').trim().replace(/\s+/g, ' ')}`), '', signed.join(';'), payload].join('\n');
}

/** Everything that goes on the wire, and what SigV4 signed: for comparing two requests whole. */
export function wholeRequest(req: HttpRequest, target: string) {
  return {
    method: req.method,
    target,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1))),
    body: req.body === undefined || req.body === '' ? undefined : String(req.body),
    canonicalRequest: /^AWS4-HMAC-SHA256 /.test(String(req.headers['authorization'] ?? '')) ? canonicalRequest(req) : undefined,
  };
}

/** Dates as numbers, the SDK's $metadata and undefined members dropped: parsed values as both sides can compare them. */
export function normal(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== '$metadata' && v !== undefined).map(([k, v]) => [k, normal(v)]));
  }
  return value;
}
