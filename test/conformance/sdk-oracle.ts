/** Captures what an official AWS SDK client sends, and answers it with a recorded response. */
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';

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
