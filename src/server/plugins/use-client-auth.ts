/**
 * Client authentication: a request to /graphql without valid credentials gets HTTP 401 with
 * `extensions.code = "UNAUTHENTICATED"` before anything is parsed or executed (so no upstream call). The health check
 * and the GraphiQL page itself stay open; GraphiQL's queries carry the headers you set in it.
 */
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../../config.js';
import { createAuthenticator, type Principal } from '../authenticate.js';
import { errorResponse } from './error-response.js';
import { isPageRequest } from './use-graphiql-page.js';

/** Options of useClientAuth. */
export interface ClientAuthPluginOptions {
  /** Methods and keys; with no method enabled the plugin lets everything through. */
  auth: AuthConfig;
  /** Where the principal of each request is kept, for the context and the rate limiter. */
  principals: WeakMap<Request, Principal>;
}

/** Authenticates every GraphQL request. */
export function useClientAuth(options: ClientAuthPluginOptions): Plugin {
  if (options.auth.methods.length === 0) return {};
  const authenticate = createAuthenticator(options.auth);
  const challenge = options.auth.methods.includes('jwt') ? 'Bearer' : 'ApiKey';
  return {
    async onRequest({ request, endResponse }) {
      if (isPageRequest(request)) return;
      const result = await authenticate(request.headers);
      if ('principal' in result) {
        options.principals.set(request, result.principal);
        return;
      }
      endResponse(errorResponse(401, 'UNAUTHENTICATED', result.problem, { 'www-authenticate': challenge }));
    },
  };
}
