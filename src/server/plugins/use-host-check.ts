/**
 * Accepts only requests whose Host names this gateway: with AWS upstream and no client authentication the gateway is
 * one person's, on loopback, and a web page could otherwise reach it through a name it controls that resolves to
 * 127.0.0.1 (DNS rebinding). Other requests get 421 HOST_NOT_ALLOWED before anything runs. The health check stays
 * open to any Host, for orchestrators that probe by address.
 */
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './error-response.js';

/** Options of useHostCheck. */
export interface HostCheckPluginOptions {
  /** Host names accepted (lower case, without port), or '*' for any (GATEWAY_ALLOWED_HOSTS). */
  allowedHosts: '*' | readonly string[];
}

/** The host name of a Host header value, without its port, in lower case. */
export function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.lastIndexOf(':');
  return colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

/** Refuses requests for other hosts. */
export function useHostCheck(options: HostCheckPluginOptions): Plugin {
  if (options.allowedHosts === '*') return {};
  const allowed = new Set(options.allowedHosts.map(hostName));
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname === '/health') return;
      const host = request.headers.get('host');
      if (host && allowed.has(hostName(host))) return;
      endResponse(errorResponse(421, 'HOST_NOT_ALLOWED', `this gateway does not answer for host ${JSON.stringify(host ?? '')}; add it to GATEWAY_ALLOWED_HOSTS`));
    },
  };
}
