/**
 * Refuses request bodies larger than a limit with 413 PAYLOAD_TOO_LARGE, whatever their framing. A declared
 * Content-Length is checked before anything is read (Node's parser never delivers more than it declares); a body
 * without one (Transfer-Encoding: chunked) is counted as it arrives and stopped at the limit, so nothing past the
 * limit is ever held in memory or parsed. The connection is closed after a 413, so the rest of the body is not read.
 */
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './error-response.js';

/** Options of useBodyLimit. */
export interface BodyLimitPluginOptions {
  maxBytes: number;
}

/** Enforces the body limit on every request. */
export function useBodyLimit(options: BodyLimitPluginOptions): Plugin {
  const tooLarge = (what: string) => errorResponse(413, 'PAYLOAD_TOO_LARGE', `request body of ${what} exceeds ${options.maxBytes} bytes (GATEWAY_MAX_BODY_BYTES)`, { connection: 'close' });
  const overflowed = new WeakSet<Request>();
  return {
    onRequest({ request, setRequest, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        const length = Number(declared);
        if (!(length <= options.maxBytes)) endResponse(tooLarge(`${declared} bytes`));
        return;
      }
      if (!request.body) return;
      let seen = 0;
      const counted = request.body.pipeThrough(new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > options.maxBytes) {
            overflowed.add(limited);
            controller.error(new Error('request body too large'));
          } else controller.enqueue(chunk);
        },
      }));
      const limited = new fetchAPI.Request(request.url, {
        method: request.method, headers: request.headers, body: counted, signal: request.signal,
        // @ts-expect-error: a streamed body needs duplex, which the DOM types do not list yet
        duplex: 'half',
      });
      setRequest(limited);
    },
    onResponse({ request, setResponse }) {
      if (overflowed.has(request)) setResponse(tooLarge('more bytes'));
    },
  };
}
