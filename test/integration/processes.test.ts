/** Real processes: cursors across replicas, draining on SIGTERM, and logs that never hold a secret. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { describe, it } from 'node:test';
import { startSandbox, SANDBOX_CREDENTIALS } from '../../src/sandbox/server.js';
import { startGatewayProcess } from '../helpers/process.js';
import { waitUntil } from '../helpers/wait.js';

async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('when two gateway processes run side by side', () => {
  it('then with the same GATEWAY_CURSOR_SECRET a cursor minted by one resumes on the other, and with another secret it is refused', { timeout: 120_000 }, async () => {
    const sandbox = await startSandbox();
    const secret = 'replica-shared-secret-0123456789';
    const env = {
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    };
    const [a, b, c] = await Promise.all([
      startGatewayProcess({ ...env, GATEWAY_CURSOR_SECRET: secret }),
      startGatewayProcess({ ...env, GATEWAY_CURSOR_SECRET: secret }),
      startGatewayProcess({ ...env, GATEWAY_CURSOR_SECRET: 'a-different-secret-0123456789' }),
    ]);
    try {
      const d = sandbox.data.deadline;
      const query = `query($after: String) { deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 3, after: $after) { edges { cursor node { sessionId } } } }`;
      const first = await gql(a.url, query);
      const cursor = first.body.data.deadlineSessions.edges[2].cursor;
      const onA = await gql(a.url, query, { after: cursor });
      const onB = await gql(b.url, query, { after: cursor });
      assert.deepEqual(onB.body.data, onA.body.data);
      const ids = d.sessions.filter((s) => s.jobId === d.jobIds[0]).map((s) => s.sessionId);
      assert.deepEqual(onB.body.data.deadlineSessions.edges.map((e: any) => e.node.sessionId), ids.slice(3, 6));
      const onC = await gql(c.url, query, { after: cursor });
      assert.equal(onC.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
      await sandbox.close();
    }
  });
});

describe('when the process gets SIGTERM with requests in flight', () => {
  /** A gateway process on an external sandbox, and a request to it that is in flight at the sandbox. */
  async function inFlight(fault: { kind: 'latency'; latencyMs: number } | { kind: 'hang' }, env: Record<string, string> = {}) {
    const sandbox = await startSandbox({ faults: [{ ...fault, service: 'deadline' }] });
    const gw = await startGatewayProcess({
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: sandbox.data.region,
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey, ...env,
    }).catch(async (err: unknown) => {
      await sandbox.close();
      throw err;
    });
    const d = sandbox.data.deadline;
    const request = gql(gw.url, `{ deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 2) { edges { node { sessionId } } } }`)
      .then((res) => res, (err: Error) => err);
    // In flight means: the sandbox has it (an event, not a guess at how long sending takes).
    await waitUntil(() => sandbox.arrivals() > 0, 'the request reached the sandbox');
    return { sandbox, gw, request };
  }

  it('then it finishes them, then exits 0', { timeout: 60_000 }, async () => {
    const { sandbox, gw, request } = await inFlight({ kind: 'latency', latencyMs: 1500 });
    try {
      const exited = gw.stop('SIGTERM');
      const res = await request;
      assert.ok(!(res instanceof Error), String(res));
      assert.equal(res.status, 200);
      assert.equal(res.body.data.deadlineSessions.edges.length, 2);
      assert.equal(await exited, 0);
      assert.match(gw.output(), /draining in-flight requests/);
    } finally {
      await sandbox.close();
    }
  });

  it('then it takes no new connection, and a request that never ends is cut at the 10 s cap', { timeout: 60_000 }, async () => {
    // Upstream timeout and request deadline far beyond the cap, so that only the cap can end the drain.
    const { sandbox, gw, request } = await inFlight({ kind: 'hang' }, { GATEWAY_UPSTREAM_TIMEOUT_MS: '120000', GATEWAY_REQUEST_TIMEOUT_MS: '120000' });
    try {
      const health = gw.url.replace('/graphql', '/health');
      const signalledAt = performance.now();
      const exited = gw.stop('SIGTERM');
      await waitUntil(() => /draining in-flight requests/.test(gw.output()), 'the gateway logs that it drains', 10_000);
      const refused = await fetch(health).then(() => 'accepted', (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message);
      assert.equal(refused, 'ECONNREFUSED', 'no new connection once draining');
      assert.equal(await exited, 0, 'exited by itself (stop() sends SIGKILL only after 15 s)');
      const waited = performance.now() - signalledAt;
      // Timers never fire early, so the lower bound is safe; the upper one is held by stop()'s 15 s SIGKILL.
      assert.ok(waited >= 9_900, `the drain waited its 10 s (${waited.toFixed(0)} ms)`);
      assert.ok((await request) instanceof Error, 'the request that never ended was cut');
    } finally {
      await sandbox.close();
    }
  });
});

describe('when a run uses real-looking credentials, tokens and keys', () => {
  it('then none of them appears in any log line or response, on calls that succeed and calls that fail', { timeout: 60_000 }, async () => {
    const secrets = {
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQCexamplesessiontoken0123456789',
      bearer: 'cc-bearer-token-7f3b9a1e5d2c4b6a8f0e1d3c5b7a9f2e',
      apiKey: 'gw_live_9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldmUifQ.c2lnbmF0dXJlLXRoYXQtaXMtbm90LXZhbGlk',
      cursorSecret: 'cursor-secret-0f1e2d3c4b5a69788796a5b4',
    };
    // The sandbox accepts these temporary credentials (with their session token) and this bearer token.
    const sandbox = await startSandbox({ identities: [{ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secrets.secretKey, sessionToken: secrets.sessionToken }], bearerTokens: [secrets.bearer] });
    const gw = await startGatewayProcess({
      GATEWAY_UPSTREAM: 'aws', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2', LOG_LEVEL: 'trace',
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: secrets.secretKey, AWS_SESSION_TOKEN: secrets.sessionToken,
      AWS_BEARER_TOKEN_CODECATALYST: secrets.bearer, GATEWAY_CURSOR_SECRET: secrets.cursorSecret,
      GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `ops=${createHash('sha256').update(secrets.apiKey).digest('hex')}`,
    });
    const bodies: string[] = [];
    try {
      const d = sandbox.data;
      const q = `{ deadlineSessions(farmId: "${d.deadline.farmId}", queueId: "${d.deadline.queueId}", jobId: "${d.deadline.jobIds[0]}", first: 2) { edges { cursor } }
        codeCatalystDevEnvironmentSessions(spaceName: "sandbox-space", projectName: "render-tools", devEnvironmentId: "${d.codeCatalyst.devEnvironmentIds[0]}", first: 2) { edges { cursor } } }`;
      for (const headers of [{ 'x-api-key': secrets.apiKey }, { 'x-api-key': `${secrets.apiKey}-wrong` }, { authorization: `Bearer ${secrets.jwt}` }] as Record<string, string>[]) {
        const res = await gql(gw.url, q, undefined, headers);
        bodies.push(JSON.stringify(res.body));
      }
      // Signed with the session token, both calls succeed.
      const ok = JSON.parse(bodies[0]!);
      assert.equal(ok.errors, undefined, bodies[0]);
      assert.equal(ok.data.deadlineSessions.edges.length, 2);
      assert.equal(ok.data.codeCatalystDevEnvironmentSessions.edges.length, 2);
      assert.match(bodies[1]!, /UNAUTHENTICATED/);
      // And failing upstream calls are logged and returned, never with the secrets (read fresh: the pages above are
      // in the page cache).
      sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }, { kind: 'throttle', service: 'codecatalyst' }]);
      bodies.push(JSON.stringify((await gql(gw.url, q, undefined, { 'x-api-key': secrets.apiKey, 'cache-control': 'no-cache' })).body));
      assert.match(bodies[3]!, /UPSTREAM_UNAVAILABLE/);
    } finally {
      await gw.stop();
      await sandbox.close();
    }
    const everything = `${gw.output()}\n${bodies.join('\n')}`;
    assert.match(gw.output(), /upstream call failed/);
    for (const [name, value] of Object.entries(secrets)) assert.ok(!everything.includes(value), `${name} leaked`);
    assert.ok(!/Signature=[0-9a-f]{16}/.test(everything), 'no SigV4 signature');
  });
});

describe('when the gateway runs on your own machine against AWS endpoints overridden to a local server', () => {
  it('then GraphiQL says where the calls go, no other origin may call it, and only loopback Host names are answered', { timeout: 60_000 }, async () => {
    const sandbox = await startSandbox();
    const gw = await startGatewayProcess({
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    });
    try {
      const page = await fetch(gw.url, { headers: { accept: 'text/html' } });
      const title = /<title>([^<]*)<\/title>/.exec(await page.text())?.[1] ?? '';
      assert.ok(title.includes(`at ${sandbox.url}`), title);
      const fromPage = await fetch(gw.url, { method: 'POST', headers: { origin: 'https://any-site.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      assert.equal(fromPage.headers.get('access-control-allow-origin'), null);
      const port = new URL(gw.url).port;
      const rebound = await new Promise<number>((resolve, reject) => {
        http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { host: `rebind.attacker.example:${port}`, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end('{"query":"{ __typename }"}');
      });
      assert.equal(rebound, 421);
    } finally {
      await gw.stop();
      await sandbox.close();
    }
  });
});
