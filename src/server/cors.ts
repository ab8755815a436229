/**
 * Which browser pages may call the gateway (CORS). Clients authenticate with a header (an API key or a JWT), never a
 * cookie, so no origin is allowed credentials; yoga's default would reflect any origin and allow credentials.
 */
import type { CORSOptions } from 'graphql-yoga';

/** Yoga's `cors` setting for `origins`: any origin ('*'), those listed, or none but the gateway's own ([]). */
export function corsOptions(origins: '*' | readonly string[]): CORSOptions | false {
  if (origins !== '*' && origins.length === 0) return false;
  return {
    origin: origins === '*' ? '*' : [...origins],
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['accept', 'content-type', 'authorization', 'x-api-key', 'x-request-id', 'x-graphql-yoga-csrf'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  };
}
