/** Refuses request bodies larger than a limit with 413 PAYLOAD_TOO_LARGE, before they are parsed. */
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './error-response.js';

/** Options of useBodyLimit. */
export interface BodyLimitPluginOptions {
  maxBytes: number;
}

/** Checks the declared body size; yoga's parser then reads no more than that. */
export function useBodyLimit(options: BodyLimitPluginOptions): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > options.maxBytes) endResponse(errorResponse(413, 'PAYLOAD_TOO_LARGE', `request body of ${length} bytes exceeds ${options.maxBytes}`));
    },
  };
}
