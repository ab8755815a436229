/**
 * Which browser pages may call the gateway (CORS). Clients authenticate with a header (an API key or a JWT), never a
 * cookie, so no origin is allowed credentials; yoga's default would reflect any origin and allow credentials. An
 * origin not allowed gets no CORS header at all: never `null`, which a sandboxed iframe or a `file:` page sends and
 * would then match.
 */
import type { CORSOptions } from 'graphql-yoga';

const ALLOWED: CORSOptions = {
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: ['accept', 'content-type', 'authorization', 'x-api-key', 'x-request-id', 'x-graphql-yoga-csrf', 'cache-control'],
  exposedHeaders: ['x-request-id', 'retry-after'],
  maxAge: 600,
};

/** Yoga's `cors` setting for `origins`: any origin ('*'), those listed, or none but the gateway's own ([]). */
export function corsOptions(origins: '*' | readonly string[]): ((request: Request) => CORSOptions | false) | false {
  if (origins !== '*' && origins.length === 0) return false;
  const listed = new Set(origins === '*' ? [] : origins.filter((o) => o !== 'null'));
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || origin === 'null') return false;
    if (origins !== '*' && !listed.has(origin)) return false;
    // One origin: whatwg-node then answers exactly it (and adds Vary: Origin where it reflects).
    return { ...ALLOWED, origin: [origin] };
  };
}
