/**
 * Compresses responses for clients that accept it (Accept-Encoding: br or gzip). A page of sessions is repetitive
 * JSON and shrinks several times over; small bodies are sent as they are, since compressing them costs more than it
 * saves. Request bodies are never decompressed: the body limit counts the bytes a client sends.
 */
import type { Plugin } from 'graphql-yoga';
import { asBody, chooseEncoding, compress } from './content-encoding.js';

/** Options of useCompression. */
export interface CompressionPluginOptions {
  /** Bodies smaller than this are sent uncompressed. Default 1024. */
  minBytes?: number;
}

const COMPRESSIBLE = /json|text|javascript/;

/** Compresses responses as the client accepts. */
export function useCompression(options: CompressionPluginOptions = {}): Plugin {
  const minBytes = options.minBytes ?? 1024;
  return {
    async onResponse({ request, response, setResponse }) {
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      if (!encoding || !response.body || response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      const body = Buffer.from(await response.arrayBuffer());
      const headers = new Headers(response.headers);
      headers.append('vary', 'accept-encoding');
      if (body.length < minBytes) {
        setResponse(new Response(asBody(body), { status: response.status, statusText: response.statusText, headers }));
        return;
      }
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      setResponse(new Response(asBody(await compress(encoding, body, 'fast')), { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
