/** Safe to expose: who may call, what they may ask for, and what a refused request costs upstream (nothing). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { fieldCases } from '../helpers/fields.js';
import { globalId } from '../helpers/global-id.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

const API_KEY = 'gw_live_3f9a1c7e5b2d4a6f8e0c1b3d5f7a9c2e';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const JWT_SECRET = 'a-shared-secret-of-at-least-32-characters!';

async function post(h: Harness, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
  const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const authConfig = (env: Record<string, string>) => loadConfig(env).auth;
const deadlineQuery = (h: Harness) => {
  const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
  return `{ ${c.field}(${c.args}, first: 2) { edges { node { sessionId } } } }`;
};

describe('when API keys are required', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ gateway: { auth: authConfig({ GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `ops=${sha(API_KEY)}` }) } });
  });
  after(() => h.close());

  it('then no key or a wrong key gets 401 UNAUTHENTICATED and no upstream call', async () => {
    for (const headers of [{}, { 'x-api-key': 'wrong' }, { 'x-api-key': `${API_KEY}x` }, { authorization: `Bearer ${API_KEY}` }] as Record<string, string>[]) {
      h.resetRequests();
      const res = await post(h, deadlineQuery(h), headers);
      assert.equal(res.status, 401);
      assert.equal(res.body.errors[0].extensions.code, 'UNAUTHENTICATED');
      assert.ok(!JSON.stringify(res.body).includes(API_KEY), 'the key is never echoed');
      assert.equal(h.upstreamRequests(), 0);
    }
  });

  it('then the right key gets data, and the health check stays open', async () => {
    const res = await post(h, deadlineQuery(h), { 'x-api-key': API_KEY });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.deadlineSessions.edges.length, 2);
    assert.equal((await fetch(h.url.replace('/graphql', '/health'))).status, 200);
    const page = await fetch(h.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200, 'the GraphiQL page itself is open; its queries carry the headers set in it');
    assert.match(await page.text(), /<!doctype html>/i);
  });
});

describe('when JWTs are required', () => {
  const issuer = 'https://issuer.example';
  const audience = 'aws-sessions-gateway';

  it('then a token signed with the shared secret, issuer and audience passes, and anything else is 401', async () => {
    const h = await startHarness({ gateway: { auth: authConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: JWT_SECRET, GATEWAY_JWT_ISSUER: issuer, GATEWAY_JWT_AUDIENCE: audience }) } });
    try {
      const key = new TextEncoder().encode(JWT_SECRET);
      const sign = (claims: { iss?: string; aud?: string; exp?: string }, k = key) =>
        new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer(claims.iss ?? issuer).setAudience(claims.aud ?? audience).setExpirationTime(claims.exp ?? '5m').sign(k);
      const ok = await post(h, deadlineQuery(h), { authorization: `Bearer ${await sign({})}` });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      for (const token of [await sign({ iss: 'https://evil.example' }), await sign({ aud: 'other' }), await sign({ exp: '-1m' }), await sign({}, new TextEncoder().encode('another-secret-of-at-least-32-characters')), 'not.a.jwt']) {
        h.resetRequests();
        const res = await post(h, deadlineQuery(h), { authorization: `Bearer ${token}` });
        assert.equal(res.status, 401);
        assert.equal(res.body.errors[0].extensions.code, 'UNAUTHENTICATED');
        assert.equal(h.upstreamRequests(), 0);
      }
    } finally {
      await h.close();
    }
  });

  it('then tokens are verified against a JWKS URL, and against a PEM public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const sign = (k: CryptoKey) => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('bob').setIssuer(issuer).setAudience(audience).setExpirationTime('5m').sign(k);
    for (const env of [{ GATEWAY_JWT_JWKS_URL: jwksUrl }, { GATEWAY_JWT_PUBLIC_KEY: await exportSPKI(publicKey) }] as Record<string, string>[]) {
      const h = await startHarness({ gateway: { auth: authConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_ISSUER: issuer, GATEWAY_JWT_AUDIENCE: audience, ...env }) } });
      try {
        assert.equal((await post(h, deadlineQuery(h), { authorization: `Bearer ${await sign(privateKey)}` })).status, 200);
        assert.equal((await post(h, deadlineQuery(h), { authorization: `Bearer ${await sign(other.privateKey)}` })).status, 401);
      } finally {
        await h.close();
      }
    }
    jwks.close();
  });
});

describe('when a principal may query only some services', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      gateway: { auth: authConfig({ GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `render=${sha(API_KEY)}`, GATEWAY_PRINCIPAL_SERVICES: '{"render":["DEADLINE"]}' }) },
    });
  });
  after(() => h.close());

  it('then a forbidden field is FORBIDDEN on that field only, without an upstream call', async () => {
    const cases = fieldCases(h.sandbox.data);
    const dl = cases.find((c) => c.field === 'deadlineSessions')!;
    const wsw = cases.find((c) => c.field === 'workSpacesWebSessions')!;
    h.resetRequests();
    const res = await post(h, `{ dl: ${dl.field}(${dl.args}, first: 2) { edges { node { id } } } wsw: ${wsw.field}(${wsw.args}, first: 2) { edges { node { id } } } }`, { 'x-api-key': API_KEY });
    assert.equal(res.body.data.dl.edges.length, 2);
    assert.equal(res.body.data.wsw, null);
    assert.deepEqual(res.body.errors.map((e: any) => [e.path[0], e.extensions.code]), [['wsw', 'FORBIDDEN']]);
    assert.deepEqual(h.sandbox.requests.map((r) => r.service), ['deadline']);
  });

  it('then node lookups and sessions sources of a forbidden service are FORBIDDEN too', async () => {
    const d = h.sandbox.data;
    const wswId = globalId('WorkSpacesWebSession', [d.workSpacesWeb.portalIds[0]!, d.workSpacesWeb.sessions[0]!.sessionId]);
    h.resetRequests();
    const node = await post(h, 'query($id: ID!) { node(id: $id) { id } }', { 'x-api-key': API_KEY }, { id: wswId });
    assert.equal(node.body.errors[0].extensions.code, 'FORBIDDEN');
    const unified = await post(h, `{ sessions(sources: { workSpacesWebPortals: [{ portalId: "${d.workSpacesWeb.portalIds[0]}" }] }) { edges { cursor } } }`, { 'x-api-key': API_KEY });
    assert.equal(unified.body.errors[0].extensions.code, 'FORBIDDEN');
    assert.equal(h.upstreamRequests(), 0);
  });
});

describe('when requests try to get around the limits', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ gateway: { protection: { introspection: false, maxDepth: 8, maxAliases: 5, maxTokens: 400, maxBodyBytes: 5000, costBudget: 50 } } });
  });
  after(() => h.close());

  it('then a simple (non-preflighted) request without the CSRF header is refused', async () => {
    h.resetRequests();
    const text = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: deadlineQuery(h) }) });
    assert.equal(text.status, 403);
    const get = await fetch(`${h.url}?query=${encodeURIComponent(deadlineQuery(h))}`, { headers: { accept: 'application/json' } });
    assert.equal(get.status, 403);
    const withHeader = await fetch(`${h.url}?query=${encodeURIComponent(deadlineQuery(h))}`, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    assert.equal(withHeader.status, 200);
    assert.equal(h.upstreamRequests(), 1);
  });

  it('then introspection can be switched off', async () => {
    const res = await post(h, '{ __schema { queryType { name } } }');
    assert.equal(res.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(res.body.errors[0].message, /introspection has been disabled/);
    assert.equal(res.body.data, undefined);
    assert.equal((await post(h, '{ __typename }')).body.data.__typename, 'Query', 'other queries still run');
  });

  it('then documents with too many aliases, too many tokens or too large a body are refused with their codes before any upstream call', async () => {
    const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
    const deep = `{ ${c.field}(${c.args}, first: 1) { edges { node { ... on Session { ... on Node { ... on DeadlineSession { id } } } } } } __typename ${'{'.repeat(0)} }`;
    const aliases = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: ${c.field}(${c.args}, first: 1) { edges { cursor } }`).join(' ')} }`;
    const tokens = `{ ${c.field}(${c.args}, first: 1) { edges { node { ${'sessionId '.repeat(400)} } } } }`;
    h.resetRequests();
    assert.equal((await post(h, deep)).status, 200, 'a normal nesting is fine');
    h.resetRequests();
    for (const [q, code] of [[aliases, 'QUERY_TOO_MANY_ALIASES'], [tokens, 'QUERY_TOO_MANY_TOKENS']] as const) {
      const res = await post(h, q);
      assert.deepEqual(res.body.errors?.map((e: any) => e.extensions?.code), [code], q.slice(0, 60));
      assert.equal(res.body.data, undefined);
    }
    const big = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(6000) } }) });
    assert.equal(big.status, 413);
    assert.equal(h.upstreamRequests(), 0);
  });

  it('then a document deeper than the limit is QUERY_TOO_DEEP, counting fields (not fragments), before any upstream call', async () => {
    // The schema's own fields nest four deep at most, so the limit is set to three here (introspection stays on,
    // and is not what refuses).
    const shallow = await startHarness({ gateway: { protection: { maxDepth: 3 } } });
    try {
      const c = fieldCases(shallow.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
      const three = `{ ${c.field}(${c.args}, first: 1) { ... on DeadlineSessionConnection { pageInfo { ... on PageInfo { hasNextPage } } } } }`;
      assert.equal((await post(shallow, three)).body.errors, undefined, 'three fields deep, inside fragments, is fine');
      shallow.resetRequests();
      const res = await post(shallow, `{ ${c.field}(${c.args}, first: 1) { edges { node { sessionId } } } }`);
      assert.deepEqual(res.body.errors?.map((e: any) => [e.extensions?.code, e.extensions?.setting]), [['QUERY_TOO_DEEP', 'GATEWAY_MAX_DEPTH']]);
      assert.equal(res.body.data, undefined);
      assert.equal(shallow.upstreamRequests(), 0);
    } finally {
      await shallow.close();
    }
  });

  it('then an operation over the upstream budget is QUERY_TOO_EXPENSIVE with its estimate, and costs nothing', async () => {
    const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
    h.resetRequests();
    // Five aliases of first: 1000 against a page limit of 100: each may make ceil(1001 / 100) + 2 (short pages) = 13.
    const q = `query($n: Int) { ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: ${c.field}(${c.args}, first: $n) { edges { cursor } }`).join(' ')} }`;
    const res = await post(h, q, {}, { n: 1000 });
    assert.equal(res.body.errors[0].extensions.code, 'QUERY_TOO_EXPENSIVE');
    assert.equal(res.body.errors[0].extensions.estimatedCalls, 65);
    assert.equal(res.body.errors[0].extensions.budget, 50);
    assert.equal(res.body.data, undefined);
    assert.equal(h.upstreamRequests(), 0);
    const fine = await post(h, q, {}, { n: 150 });
    assert.equal(fine.body.errors, undefined);
    assert.equal(fine.body.extensions.upstream.estimatedCalls, 20);
    assert.equal(fine.body.extensions.upstream.calls, h.upstreamRequests(), 'the aliases share their upstream pages');
    assert.ok(h.upstreamRequests() <= 3);
  });
});

describe('when a page on another origin calls the gateway from a browser (CORS)', () => {
  const preflight = (h: Harness, origin: string) => fetch(h.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' },
  });
  const query = (h: Harness, origin: string) => post(h, '{ __typename }', { origin });

  it('then by default (sandbox) any origin may call, with headers for auth, but never with credentials', async () => {
    const h = await startHarness();
    try {
      const pre = await preflight(h, 'https://any.example.com');
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'https://any.example.com');
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-api-key/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /authorization/);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null);
      const res = await query(h, 'https://any.example.com');
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://any.example.com');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /x-request-id/);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    } finally {
      await h.close();
    }
  });

  it('then with GATEWAY_CORS_ORIGINS only the listed origins are allowed', async () => {
    const { corsOrigins } = loadConfig({ GATEWAY_CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' }).protection;
    const h = await startHarness({ gateway: { protection: { corsOrigins } } });
    try {
      for (const origin of ['https://app.example.com', 'http://localhost:5173']) {
        assert.equal((await preflight(h, origin)).headers.get('access-control-allow-origin'), origin);
        assert.equal((await query(h, origin)).headers.get('access-control-allow-origin'), origin);
      }
      // Another origin gets no CORS header at all: not its own origin, not `*`, nothing a browser could accept.
      const other = await preflight(h, 'https://evil.example.net');
      const refused = await query(h, 'https://evil.example.net');
      for (const res of [other, refused]) {
        assert.deepEqual([...res.headers.keys()].filter((k) => k.startsWith('access-control-')), []);
      }
    } finally {
      await h.close();
    }
  });

  it('then in production against AWS no other origin is allowed unless listed', async () => {
    const { corsOrigins } = loadConfig({ GATEWAY_UPSTREAM: 'aws', NODE_ENV: 'production', GATEWAY_AUTH: 'none' }).protection;
    assert.deepEqual(corsOrigins, []);
    const h = await startHarness({ gateway: { protection: { corsOrigins } } });
    try {
      assert.equal((await preflight(h, 'https://any.example.com')).headers.get('access-control-allow-origin'), null);
      assert.equal((await query(h, 'https://any.example.com')).headers.get('access-control-allow-origin'), null);
    } finally {
      await h.close();
    }
  });
});

describe('when a principal sends requests faster than its rate', () => {
  it('then it gets 429 RATE_LIMITED with Retry-After, and another principal does not', async () => {
    const h = await startHarness({
      gateway: {
        auth: authConfig({ GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `a=${sha('key-a-0000000000')},b=${sha('key-b-0000000000')}` }),
        protection: { rateLimit: { perSecond: 1, burst: 3 } },
      },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(h, '{ __typename }', { 'x-api-key': 'key-a-0000000000' })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const limited = await post(h, '{ __typename }', { 'x-api-key': 'key-a-0000000000' });
      assert.equal(limited.body.errors[0].extensions.code, 'RATE_LIMITED');
      assert.equal(limited.headers.get('retry-after'), '1');
      assert.equal((await post(h, '{ __typename }', { 'x-api-key': 'key-b-0000000000' })).status, 200);
    } finally {
      await h.close();
    }
  });
});

describe('when an unexpected error happens in production mode', () => {
  it('then the client sees a masked error with no internal message or stack', async () => {
    const upstream = stubUpstream({
      list: async () => { throw new Error('internal detail: db password is hunter2'); },
    });
    const logs: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void logs.push(l) } as never);
    const yoga = createGateway({
      upstream, limits: loadConfig({}).limits, cursorSecret: 'x'.repeat(20), upstreamLabel: 't', graphiql: false, logger, production: true,
      protection: { rateLimit: { perSecond: 0, burst: 1 } },
    });
    const hex = (c: string) => c.repeat(32);
    const res = await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ deadlineSessions(farmId: "farm-${hex('a')}", queueId: "queue-${hex('b')}", jobId: "job-${hex('c')}") { edges { cursor } } }` }) });
    const body = JSON.stringify(await res.json());
    assert.ok(!body.includes('hunter2') && !body.includes('stack'), body);
    assert.match(body, /Unexpected error/);
    assert.ok(logs.some((l) => l.includes('hunter2')), 'the detail is logged for operators');
    const typo = await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ deadlineSession { edges { cursor } } }' }) });
    assert.doesNotMatch(JSON.stringify(await typo.json()), /Did you mean/, 'field suggestions are hidden');
  });
});
