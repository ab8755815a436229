/**
 * The HTTP side's limits, tried the way an attacker would walk around them: bodies without a length, bodies and
 * headers sent a byte at a time, too many connections, repeated GraphiQL loads, unlisted and `null` origins, and
 * foreign Host names.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { DEFAULT_LIMITS } from '../helpers/limits.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

const portOf = (h: Harness) => Number(new URL(h.url).port);

/** Sends a chunked body of up to `maxBytes` in 64 KB chunks until the server answers; returns status and bytes sent. */
function sendChunked(h: Harness, maxBytes: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port: portOf(h), path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    req.write('{"query":"{ __typename }","variables":{"pad":"');
    const pump = () => {
      while (!answered && !req.destroyed && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end('"}}');
    };
    pump();
  });
}

/**
 * Opens a connection, sends `burst` at once and then `text` one byte every `everyMs`; resolves with how many bytes of
 * `text` went out before the server closed it.
 */
function trickle(port: number, burst: string, text: string, everyMs: number): Promise<{ sentBeforeClose: number; reply: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(burst));
    let sent = 0;
    let reply = '';
    socket.on('data', (d) => (reply += d));
    const timer = setInterval(() => {
      if (sent >= text.length || socket.destroyed) return;
      socket.write(text[sent++]!);
    }, everyMs);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ sentBeforeClose: sent, reply });
    });
    socket.on('error', () => undefined);
    // Bounded: the test never waits for more than the whole text.
    setTimeout(() => socket.destroy(), everyMs * (text.length + 5)).unref();
  });
}

describe('when a body comes without a length (Transfer-Encoding: chunked)', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('then it is counted as it arrives and refused with 413 at the limit, without reading the rest', async () => {
    const { status, body, sent } = await sendChunked(h, 64 << 20);
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.ok(sent < 32 << 20, `the server stopped the upload early (${sent} bytes sent of 64 MB)`);
    assert.equal(h.upstreamRequests(), 0);
  });

  it('then a small chunked body is read and answered as usual', async () => {
    const { status, body } = await sendChunked(h, 0);
    assert.equal(status, 200, body);
    assert.equal(JSON.parse(body).data.__typename, 'Query');
  });
});

describe('when clients send slowly or open many connections', () => {
  let h: Harness;
  before(async () => (h = await startHarness({ http: { headersTimeoutMs: 300, bodyTimeoutMs: 600, maxConnections: 4 } })));
  after(() => h.close());

  it('then a body sent a byte at a time is cut off at the body timeout', async () => {
    const body = JSON.stringify({ query: '{ __typename }' }).padEnd(60, ' ');
    const head = `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    // Headers at once, then the body a byte every 100 ms: 6 s to send it all, cut off after about 0.6 s.
    const { sentBeforeClose, reply } = await trickle(portOf(h), head, body, 100);
    assert.ok(sentBeforeClose < body.length, `closed after ${sentBeforeClose} of ${body.length} body bytes`);
    assert.ok(reply === '' || reply.startsWith('HTTP/1.1 408'), reply.slice(0, 40));
  });

  it('then headers sent a byte at a time are cut off at the headers timeout', async () => {
    const head = `GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: ${'p'.repeat(40)}\r\n\r\n`;
    const { sentBeforeClose } = await trickle(portOf(h), '', head, 50);
    assert.ok(sentBeforeClose < head.length, `closed after ${sentBeforeClose} of ${head.length} bytes`);
  });

  it('then connections past the limit are refused while the others are served', async () => {
    const sockets = await Promise.all(Array.from({ length: 4 }, () => new Promise<net.Socket>((resolve) => {
      const s = net.connect(portOf(h), '127.0.0.1', () => resolve(s));
      s.on('error', () => undefined);
    })));
    try {
      const extra = await new Promise<string>((resolve) => {
        const s = net.connect(portOf(h), '127.0.0.1', () => s.write('GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n'));
        let reply = '';
        s.on('data', (d) => (reply += d));
        s.on('error', () => resolve('error'));
        s.on('close', () => resolve(reply || 'closed'));
      });
      assert.ok(extra === 'error' || extra === 'closed', `the fifth connection was not served: ${extra.slice(0, 40)}`);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});

describe('when GraphiQL is loaded again and again', () => {
  let h: Harness;
  before(async () => (h = await startHarness({ defaultQuery: true, gateway: { protection: { rateLimit: { perSecond: 0.01, burst: 3 } } } })));
  after(() => h.close());

  it('then it comes compressed with an ETag, a revalidation is a 304, and loads count against the rate limit', async () => {
    const raw = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: portOf(h), path: '/graphql', headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers['content-encoding'], 'br');
    const html = zlib.brotliDecompressSync(raw.body).toString('utf8');
    assert.match(html, /<!doctype html>/i);
    assert.ok(raw.body.length * 3 < html.length, `compressed ${raw.body.length} of ${html.length} bytes`);
    const etag = raw.headers.etag!;
    assert.ok(etag);

    const again = await fetch(h.url, { headers: { accept: 'text/html', 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);

    const third = await fetch(h.url, { headers: { accept: 'text/html' } });
    assert.equal(third.status, 200);
    await third.arrayBuffer();
    const limited = await fetch(h.url, { headers: { accept: 'text/html' } });
    assert.equal(limited.status, 429, 'the fourth load in a burst of three is rate limited');
  });
});

describe('when a client accepts compressed responses', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('then a page of sessions comes gzip- or brotli-encoded, and decodes to the same answer', async () => {
    const d = h.sandbox.data.deadline;
    const query = `{ deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 50) { edges { cursor node { id sessionId startedAt } } } }`;
    const plain = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body: JSON.stringify({ query }) });
    assert.equal(plain.headers.get('content-encoding'), null);
    const expected = await plain.json();
    for (const encoding of ['gzip', 'br']) {
      const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding }, body: JSON.stringify({ query }) });
      assert.equal(res.headers.get('content-encoding'), encoding);
      assert.deepEqual(await res.json(), expected);
    }
  });
});

describe('when pages on unlisted or opaque origins call a gateway that lists two origins', () => {
  let h: Harness;
  const listed = ['https://app.example.com', 'http://localhost:5173'];
  before(async () => (h = await startHarness({ gateway: { protection: { corsOrigins: listed } } })));
  after(() => h.close());

  const preflight = (origin: string) => fetch(h.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('then an unlisted origin and the null origin get no CORS header at all, a listed one gets exactly itself', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      assert.equal((await preflight(origin)).headers.get('access-control-allow-origin'), null, origin);
      const res = await fetch(h.url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
    }
    for (const origin of listed) {
      const res = await preflight(origin);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    }
  });
});

describe('when a request names a host the gateway is not for (DNS rebinding)', () => {
  let h: Harness;
  before(async () => (h = await startHarness({ gateway: { protection: { allowedHosts: ['localhost', '127.0.0.1', '[::1]'] } } })));
  after(() => h.close());

  const ask = (host: string, path = '/graphql') => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: portOf(h), path, method: path === '/graphql' ? 'POST' : 'GET', headers: { host, 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(path === '/graphql' ? '{"query":"{ __typename }"}' : undefined);
  });

  it('then a foreign Host gets 421 HOST_NOT_ALLOWED, loopback names are served, and the health check answers any Host', async () => {
    const refused = await ask('attacker.example:4000');
    assert.equal(refused.status, 421);
    assert.equal(JSON.parse(refused.body).errors[0].extensions.code, 'HOST_NOT_ALLOWED');
    for (const host of [`127.0.0.1:${portOf(h)}`, `localhost:${portOf(h)}`, 'LOCALHOST', `[::1]:${portOf(h)}`]) {
      assert.equal((await ask(host)).status, 200, host);
    }
    assert.equal((await ask('attacker.example', '/health')).status, 200);
    assert.equal(h.upstreamRequests(), 0);
  });
});

describe('when GraphiQL is off and a browser opens /graphql', () => {
  it('then it gets a short page that says so and how to query, not a blank 406', async () => {
    const upstream = stubUpstream();
    const yoga = createGateway({ upstream, limits: DEFAULT_LIMITS, cursorSecret: 'x'.repeat(20), upstreamLabel: 't', graphiql: false, logger: createLogger('silent') });
    const res = await yoga.fetch('http://gateway/graphql', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /GraphiQL is turned off/);
    assert.match(html, /POST/);
    assert.ok(html.length < 4000);
  });
});
