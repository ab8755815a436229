/**
 * Two gateway processes sharing a real Redis (Debian's redis-server), in front of one sandbox: together they let a
 * client through at the configured rate, not twice it; a page one reads is a cache hit on the other; when Redis
 * goes away they keep answering (cache bypassed, rate limit per replica, a warning and a metric), and when it comes
 * back they share again by themselves.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/process.js';
import { REDIS_PASSWORD, redisMissing, startRedis, type TestRedis } from '../helpers/redis.js';
import { assertPresent, skipWhenMissing } from '../helpers/skips.js';
import { waitUntil } from '../helpers/wait.js';

const missing = redisMissing();
const RATE = 2;
const BURST = 10;

async function post(url: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[]; extensions?: any } };
}
const metric = async (gw: GatewayProcess, name: string) => {
  const text = await (await fetch(new URL('/metrics', gw.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};
const farms = (first: number) => `{ deadlineFarms(first: ${first}) { edges { node { farmId queues(first: 2) { edges { node { queueId } } } } } } }`;

describe('when two replicas share a real Redis', { skip: skipWhenMissing(missing) }, () => {
  let redis: TestRedis;
  let sandbox: Sandbox;
  let a: GatewayProcess;
  let b: GatewayProcess;

  before(async () => {
    assertPresent(missing);
    [redis, sandbox] = await Promise.all([startRedis(), startSandbox()]);
    const env = {
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey, AWS_BEARER_TOKEN_CODECATALYST: SANDBOX_TOKEN,
      GATEWAY_REDIS_URL: redis.url, GATEWAY_RATE_LIMIT_PER_SECOND: String(RATE), GATEWAY_RATE_LIMIT_BURST: String(BURST),
      // Pages stay cached for the whole test, so which reads hit is decided by the traffic, not by the clock.
      GATEWAY_PAGE_CACHE_TTL_MS: '600000', GATEWAY_CURSOR_SECRET: 'shared-cursor-secret-0123456789', LOG_LEVEL: 'info',
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    await waitUntil(() => [a, b].every((g) => g.output().includes('Redis connected')), 'both replicas connect to Redis');
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), sandbox?.close()]);
  });

  it('then both together admit the configured rate, not twice it', async () => {
    const started = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post((i % 2 ? b : a).url, '{ __typename }')).status);
    const seconds = (performance.now() - started) / 1000;
    const admitted = statuses.filter((s) => s === 200).length;
    assert.deepEqual([...new Set(statuses)].sort(), [200, 429]);
    // A full bucket, then the refill over the time the 40 requests took (per replica, it would be twice the burst).
    assert.ok(admitted >= BURST && admitted <= BURST + Math.ceil(RATE * seconds) + 1, `${admitted} admitted in ${seconds.toFixed(2)} s`);
    assert.equal((await metric(a, 'gateway_redis_up')), 1);
  });

  it('then a page one replica read is a cache hit on the other', async () => {
    await new Promise((r) => setTimeout(r, (4 / RATE) * 1000)); // the bucket refills for the four requests below
    const before = sandbox.arrivals();
    const first = await post(a.url, farms(3));
    assert.equal(first.status, 200);
    const calls = first.body.extensions.upstream.calls as number;
    assert.ok(calls > 1 && sandbox.arrivals() - before === calls);
    const second = await post(b.url, farms(3));
    assert.deepEqual(second.body.data, first.body.data);
    assert.equal(second.body.extensions.upstream.calls, 0);
    assert.equal(second.body.extensions.upstream.cachedPages, calls);
    assert.equal(sandbox.arrivals() - before, calls, 'the other replica sent nothing');
  });

  it('then a Redis too slow to answer is fallen back from, and trusted again once it answers, with the connection never lost', { timeout: 60_000 }, async () => {
    const admin = new Redis(redis.url);
    try {
      // Redis busy for longer than GATEWAY_REDIS_TIMEOUT_MS (100 ms): the rate limit's command times out.
      const sleeping = admin.call('DEBUG', 'SLEEP', '3');
      await new Promise((r) => setTimeout(r, 100));
      const slow = await post(a.url, '{ __typename }');
      assert.equal(slow.status, 200);
      assert.equal(await metric(a, 'gateway_redis_up'), 0);
      await sleeping;
      await new Promise((r) => setTimeout(r, (2 / RATE) * 1000));
      assert.equal((await post(a.url, '{ __typename }')).status, 200);
      assert.equal(await metric(a, 'gateway_redis_up'), 1, 'the first command that succeeds says Redis is back');
    } finally {
      admin.disconnect();
    }
  });

  it('then without Redis they keep answering, each counting the rate alone, with a warning and a metric; and share again once it is back', { timeout: 90_000 }, async () => {
    await redis.kill();
    // A page neither replica has read: answered from upstream, however Redis is.
    const outage = await post(b.url, farms(4));
    assert.equal(outage.status, 200, JSON.stringify(outage.body));
    assert.equal(outage.body.errors, undefined);
    await waitUntil(() => b.output().includes('Redis unreachable'), 'the replica warns that Redis is gone');
    assert.equal(await metric(b, 'gateway_redis_up'), 0);
    assert.ok(((await metric(b, 'gateway_redis_fallbacks_total{use="page_cache"}')) ?? 0) > 0);
    assert.ok(((await metric(b, 'gateway_redis_fallbacks_total{use="rate_limit"}')) ?? 0) > 0);
    // The per-replica bucket decides now: it starts full, so a burst passes on each replica, and then it refuses.
    const statuses: number[] = [];
    for (let i = 0; i < BURST + 15; i++) statuses.push((await post(a.url, '{ __typename }')).status);
    assert.ok(statuses.filter((s) => s === 200).length >= BURST - 1 && statuses.includes(429), statuses.join(' '));

    await redis.start();
    await waitUntil(() => (a.output().match(/Redis connected/g) ?? []).length >= 2 && (b.output().match(/Redis connected/g) ?? []).length >= 2, 'both replicas reconnect by themselves', 30_000);
    await new Promise((r) => setTimeout(r, (2 / RATE) * 1000));
    const before = sandbox.arrivals();
    const fresh = await post(a.url, farms(5));
    assert.equal(fresh.status, 200);
    const shared = await post(b.url, farms(5));
    assert.equal(shared.body.extensions.upstream.calls, 0, 'Redis is the shared cache again');
    assert.equal(sandbox.arrivals() - before, fresh.body.extensions.upstream.calls);
    assert.equal(await metric(b, 'gateway_redis_up'), 1);
    for (const g of [a, b]) assert.ok(!g.output().includes(REDIS_PASSWORD), 'the URL\'s password is in no log line');
  });
});
