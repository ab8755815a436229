/** Sends a signed request over keep-alive connections, with a timeout, an abort signal and a bounded body read. */
import http from 'node:http';
import https from 'node:https';
import type { HttpRequest } from '@smithy/protocol-http';
import { buildQueryString } from '@smithy/querystring-builder';
import type { CancelSignal } from './cancel.js';
import type { RawResponse } from './deserialize.js';

/** Why a request got no HTTP response. */
export type TransportFailure = 'timeout' | 'network' | 'aborted' | 'too-large';

/** A request that got no (complete) HTTP response. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(readonly kind: TransportFailure, message: string) {
    super(message);
  }
}

/** Options of one send. */
export interface SendOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: CancelSignal;
}

/** Sends requests; owns the keep-alive agents. */
export interface HttpSender {
  send(request: HttpRequest, options: SendOptions): Promise<RawResponse>;
  close(): void;
}

/** The URL path and query exactly as signed: labels already escaped, query in the SDK's sorted, escaped form. */
export function requestTarget(request: HttpRequest): string {
  const qs = buildQueryString(request.query ?? {});
  return qs ? `${request.path}?${qs}` : request.path;
}

/** Creates a sender whose agents keep at most `maxSockets` connections per host. */
export function createHttpSender(options: { maxSockets: number }): HttpSender {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  return {
    send: (request, sendOptions) => sendWith(request, sendOptions, request.protocol === 'https:' ? https : http, request.protocol === 'https:' ? agents.https : agents.http),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function sendWith(request: HttpRequest, options: SendOptions, transport: typeof http | typeof https, agent: http.Agent): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new TransportError('aborted', 'request aborted by the client'));
    let settled = false;
    const finish = (err: TransportError | null, res?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(res!);
    };
    const req = transport.request({
      method: request.method,
      protocol: request.protocol,
      hostname: request.hostname,
      port: request.port,
      path: requestTarget(request),
      headers: request.headers,
      agent,
    });
    const timer = setTimeout(() => finish(new TransportError('timeout', `no complete response within ${options.timeoutMs} ms`)), options.timeoutMs);
    const onAbort = () => finish(new TransportError('aborted', 'request aborted by the client'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(new TransportError('network', `connection failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBodyBytes) {
          finish(new TransportError('too-large', `response body exceeds ${options.maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (e) => finish(new TransportError('network', `response interrupted: ${e.message}`)));
      res.on('aborted', () => finish(new TransportError('network', 'response interrupted')));
      res.on('end', () => {
        if (!res.complete) return finish(new TransportError('network', 'response interrupted'));
        finish(null, { statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end(request.body);
  });
}
