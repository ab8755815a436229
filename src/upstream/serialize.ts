/** Turns an operation descriptor and its input into an unsigned HTTP request, as the rest-json protocol lays it out. */
import { HttpRequest } from '@smithy/protocol-http';
import { escapeUri } from '@smithy/util-uri-escape';
import type { OperationDescriptor, OperationInput } from './operation.js';
import type { ResolvedEndpoint } from './endpoints.js';

/** Builds the request; the input must already be validated. */
export function serializeRequest(op: OperationDescriptor, input: OperationInput, endpoint: ResolvedEndpoint): HttpRequest {
  const query: Record<string, string> = {};
  const body: Record<string, string | number> = {};
  let path = op.path;
  for (const [name, binding] of Object.entries(op.members)) {
    const value = input[name];
    if (value === undefined) continue;
    const wireName = binding.wireName ?? name;
    if (binding.location === 'path' && binding.greedy) {
      // As the SDK writes a greedy label: segment by segment, so its `/` stay separators (validation has refused
      // empty, `.` and `..` segments, which would change the path a proxy or the signer normalises to).
      path = path.replace(`{${wireName}+}`, String(value).split('/').map(escapeUri).join('/'));
    } else if (binding.location === 'path') {
      // Each label is escaped whole, so a value can never add a path segment or change the host.
      path = path.replace(`{${wireName}}`, escapeUri(String(value)));
    } else if (binding.location === 'query') {
      query[wireName] = String(value);
    } else {
      body[wireName] = value;
    }
  }
  const { url, overridden } = endpoint;
  const basePath = url.pathname.replace(/\/+$/, '');
  const hostname = !overridden && op.hostPrefix ? `${op.hostPrefix}${url.hostname}` : url.hostname;
  const headers: Record<string, string> = { host: url.port ? `${hostname}:${url.port}` : hostname };
  const json = op.method === 'POST' ? JSON.stringify(body) : undefined;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    // Set before signing, as the SDK's content-length middleware does, so that it is signed as the SDK signs it.
    headers['content-length'] = String(Buffer.byteLength(json));
  }
  return new HttpRequest({
    method: op.method,
    protocol: url.protocol,
    hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: `${basePath}${path}`,
    query,
    headers,
    ...(json !== undefined ? { body: json } : {}),
  });
}
