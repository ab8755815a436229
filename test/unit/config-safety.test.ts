/**
 * Configuration that is safe where it is used: defaults that fit the upstream and the authentication, keys checked
 * at start (not when the first token arrives), tokens without an expiry refused, and typos in the file named.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createAuthenticator } from '../../src/server/authenticate.js';

const named = (setting: string) => (e: unknown) => e instanceof ConfigError && e.message.includes(setting);

describe('when the defaults depend on the upstream and on client authentication', () => {
  it('then the sandbox has no rate limit, AWS has one', () => {
    assert.equal(loadConfig({}).protection.rateLimit.perSecond, 0);
    assert.equal(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none' }).protection.rateLimit.perSecond, 10);
    assert.equal(loadConfig({ GATEWAY_RATE_LIMIT_PER_SECOND: '5' }).protection.rateLimit.perSecond, 5);
  });

  it('then AWS without client authentication allows no other origin and only loopback Host names', () => {
    const own = loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none' }).protection;
    assert.deepEqual(own.corsOrigins, []);
    assert.deepEqual(own.allowedHosts, ['localhost', '127.0.0.1', '[::1]', '::1']);
    const shared = loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: 's'.repeat(32) }).protection;
    assert.equal(shared.corsOrigins, '*');
    assert.equal(shared.allowedHosts, '*');
    assert.deepEqual(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', GATEWAY_ALLOWED_HOSTS: 'Gateway.example.com' }).protection.allowedHosts, ['gateway.example.com']);
  });
});

describe('when GATEWAY_CONFIG_FILE has a key the gateway does not know', () => {
  it('then it is refused and named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ GATEWAY_COST_BUDGET: 10, GATEWAY_COST_BUDGT: 5 }));
    assert.throws(() => loadConfig({ GATEWAY_CONFIG_FILE: file }), named('GATEWAY_COST_BUDGT'));
    writeFileSync(file, JSON.stringify({ GATEWAY_COST_BUDGET: 10, AWS_ENDPOINT_URL_DEADLINE: 'http://127.0.0.1:9' }));
    assert.equal(loadConfig({ GATEWAY_CONFIG_FILE: file }).protection.costBudget, 10);
  });
});

const pem = (key: { export(o: { type: 'spki'; format: 'pem' }): string | Buffer }) => String(key.export({ type: 'spki', format: 'pem' }));

describe('when a JWT public key is configured', () => {
  it('then an EC P-256 key with no algorithms set takes ES256, and its tokens verify', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const config = loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_PUBLIC_KEY: pem(publicKey) });
    assert.deepEqual(config.auth.jwt?.algorithms, ['ES256']);
    const token = await new SignJWT({ sub: 'eve' }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('5m').setIssuedAt().sign(privateKey);
    const result = await createAuthenticator(config.auth)(new Headers({ authorization: `Bearer ${token}` }));
    assert.deepEqual('principal' in result && result.principal.id, 'eve');
  });

  it('then a garbage PEM, a key of the wrong kind for the algorithms, and a non-JWT key are configuration errors naming the setting', () => {
    const garbage = '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n';
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_PUBLIC_KEY: garbage }), named('GATEWAY_JWT_PUBLIC_KEY'));
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_PUBLIC_KEY: pem(publicKey), GATEWAY_JWT_ALGORITHMS: 'RS256' }), named('GATEWAY_JWT_ALGORITHMS'));
    const x25519 = generateKeyPairSync('x25519').publicKey;
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_PUBLIC_KEY: pem(x25519) }), named('GATEWAY_JWT_PUBLIC_KEY'));
  });
});

describe('when a JWT has no expiry, or was issued in the future', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters!';
  const key = new TextEncoder().encode(secret);
  const verify = async (token: string, env: Record<string, string> = {}) =>
    createAuthenticator(loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: secret, ...env }).auth)(new Headers({ authorization: `Bearer ${token}` }));
  const now = Math.floor(Date.now() / 1000);

  it('then a token without exp is refused, unless GATEWAY_JWT_REQUIRE_EXP=false', async () => {
    const token = await new SignJWT({ sub: 'eve' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    assert.ok('problem' in (await verify(token)));
    assert.ok('principal' in (await verify(token, { GATEWAY_JWT_REQUIRE_EXP: 'false' })));
  });

  it('then iat an hour ahead is refused, while clocks a few seconds apart are allowed', async () => {
    const ahead = await new SignJWT({ sub: 'eve' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + 3600).setExpirationTime(now + 7200).sign(key);
    assert.match((await verify(ahead) as { problem: string }).problem, /future/);
    const skewed = await new SignJWT({ sub: 'eve' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + 5).setExpirationTime(now + 600).sign(key);
    assert.ok('principal' in (await verify(skewed)));
    const expired = await new SignJWT({ sub: 'eve' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(key);
    assert.ok('problem' in (await verify(expired)));
  });
});

describe('when the gateway logs', () => {
  it('then each line is JSON with an ISO-8601 time', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../src/server/logger.js');
    const lines: string[] = [];
    createLogger('info', new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } })).info('hello');
    assert.match(JSON.parse(lines[0]!).time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
