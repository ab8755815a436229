/** Configuration fails fast naming the bad setting; endpoints follow the services' rule sets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, checkGrantPlaces, loadConfig, tracingRequested } from '../../src/config.js';
import { EndpointError, resolveEndpoint } from '../../src/upstream/endpoints.js';
import { codeCatalyst, deadline, novaAct } from '../../src/upstream/operations/index.js';

describe('when the configuration is read', () => {
  it('then defaults apply with nothing set', () => {
    const c = loadConfig({});
    assert.equal(c.port, 4000);
    assert.equal(c.upstream, 'sandbox');
    assert.deepEqual(c.limits, { defaultFirst: 25, maxFirst: 1000, maxCallsPerConnection: 15, maxSources: 20, maxItemsPerSource: 5000, pagesPerSortedSource: 5, callsPerDiscovery: 40, maxDiscoveredSources: 500, pruneDiscovery: true });
    assert.equal(c.upstreamCalls.maxAttempts, 3);
    assert.ok(c.upstreamCalls.concurrency >= 8);
    assert.ok(Object.isFrozen(c));
  });

  it('then a bad setting is named', () => {
    for (const [key, value] of [['PORT', 'abc'], ['GATEWAY_UPSTREAM', 'azure'], ['GATEWAY_MAX_FIRST', '0'], ['AWS_ENDPOINT_URL_DEADLINE', 'ftp://x'], ['GATEWAY_CURSOR_SECRET', 'short']]) {
      assert.throws(() => loadConfig({ [key!]: value }), (e: Error) => e instanceof ConfigError && e.message.includes(key!));
    }
  });

  it('then the CLI flag picks AWS, and service endpoint overrides win over AWS_ENDPOINT_URL', () => {
    const c = loadConfig({ GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_DEADLINE: 'http://127.0.0.1:2', AWS_DEFAULT_REGION: 'eu-west-1' }, ['--upstream=aws']);
    assert.equal(c.upstream, 'aws');
    assert.equal(c.aws.endpointUrls.deadline, 'http://127.0.0.1:2');
    assert.equal(c.aws.endpointUrls['nova-act'], 'http://127.0.0.1:1');
    assert.equal(c.aws.region, 'eu-west-1');
  });
});

describe('when client authentication is configured', () => {
  const hash = 'a'.repeat(64);
  it('then AWS mode refuses to start without GATEWAY_AUTH, and accepts an explicit none', () => {
    assert.throws(() => loadConfig({ GATEWAY_UPSTREAM: 'aws' }), /GATEWAY_AUTH is required/);
    assert.deepEqual(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none' }).auth.methods, []);
    assert.deepEqual(loadConfig({}).auth.methods, [], 'the sandbox defaults to no auth');
  });

  it('then each method needs its keys, and bad ones are named', () => {
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'api-key' }), /GATEWAY_API_KEYS is required/);
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: 'ops=plaintext-key' }), /GATEWAY_API_KEYS/);
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'jwt' }), /exactly one of GATEWAY_JWT_JWKS_URL/);
    assert.throws(() => loadConfig({ GATEWAY_AUTH: 'none,jwt' }), /GATEWAY_AUTH/);
    assert.throws(() => loadConfig({ GATEWAY_PRINCIPAL_SERVICES: '{"ops": ["EC2"]}' }), /GATEWAY_PRINCIPAL_SERVICES/);
    const c = loadConfig({ GATEWAY_AUTH: 'api-key,jwt', GATEWAY_API_KEYS: `ops=${hash}`, GATEWAY_JWT_SECRET: 's'.repeat(32), GATEWAY_PRINCIPAL_SERVICES: '{"ops": ["DEADLINE"]}' });
    assert.deepEqual(c.auth.methods, ['api-key', 'jwt']);
    assert.deepEqual(c.auth.apiKeys, { ops: hash });
    assert.deepEqual(c.auth.jwt?.algorithms, ['HS256']);
    assert.deepEqual(c.auth.principalGrants, { ops: [{ services: ['DEADLINE'] }] });
  });

  it('then GraphiQL and introspection are off by default only with AWS in production', () => {
    const prod = loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', NODE_ENV: 'production' });
    assert.equal(prod.graphiql, false);
    assert.equal(prod.protection.introspection, false);
    const dev = loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none' });
    assert.equal(dev.graphiql, true);
    assert.equal(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', NODE_ENV: 'production', GATEWAY_GRAPHIQL: 'true' }).graphiql, true);
  });

  it('then browser origins (CORS) are any by default, none with AWS in production, or those listed', () => {
    assert.equal(loadConfig({}).protection.corsOrigins, '*');
    assert.deepEqual(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', NODE_ENV: 'production' }).protection.corsOrigins, []);
    assert.deepEqual(loadConfig({ GATEWAY_CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' }).protection.corsOrigins, ['https://app.example.com', 'http://localhost:5173']);
    assert.deepEqual(loadConfig({ GATEWAY_CORS_ORIGINS: 'none' }).protection.corsOrigins, []);
    assert.equal(loadConfig({ GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', NODE_ENV: 'production', GATEWAY_CORS_ORIGINS: '*' }).protection.corsOrigins, '*');
    for (const bad of ['app.example.com', 'https://app.example.com/path', 'https://a.example.com, https://b.example.com', '*,https://a.example.com']) {
      assert.throws(() => loadConfig({ GATEWAY_CORS_ORIGINS: bad }), /GATEWAY_CORS_ORIGINS/, bad);
    }
  });

  it('then settings can come from GATEWAY_CONFIG_FILE, with the environment winning', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'gateway.json');
    writeFileSync(file, JSON.stringify({ GATEWAY_COST_BUDGET: 80, GATEWAY_MAX_DEPTH: 7, PORT: 5000 }));
    const c = loadConfig({ GATEWAY_CONFIG_FILE: file, PORT: '6000' });
    assert.equal(c.protection.costBudget, 80);
    assert.equal(c.protection.maxDepth, 7);
    assert.equal(c.port, 6000);
    writeFileSync(file, JSON.stringify({ GATEWAY_COST_BUDGET: -1 }));
    assert.throws(() => loadConfig({ GATEWAY_CONFIG_FILE: file }), /GATEWAY_COST_BUDGET/);
    assert.throws(() => loadConfig({ GATEWAY_CONFIG_FILE: join(file, 'missing') }), /GATEWAY_CONFIG_FILE/);
  });
});

describe('when regions and accounts are configured', () => {
  const role = 'arn:aws:iam::111122223333:role/SessionsReader';

  it('then GATEWAY_REGIONS takes region names of one partition only', () => {
    assert.deepEqual(loadConfig({ GATEWAY_REGIONS: 'us-west-2,eu-west-1' }).regions, ['us-west-2', 'eu-west-1']);
    assert.equal(loadConfig({}).regions, undefined, 'absent: each service keeps its one default region');
    for (const [bad, why] of [['us-west-2,cn-north-1', /partition aws-cn/], ['us-west-2,mars-east-1', /not an AWS region name/], ['us-west-2,', /GATEWAY_REGIONS/], ['US-WEST-2', /GATEWAY_REGIONS/]] as const) {
      assert.throws(() => loadConfig({ GATEWAY_REGIONS: bad }), (e: Error) => e instanceof ConfigError && e.message.includes('GATEWAY_REGIONS') && why.test(e.message), bad);
    }
  });

  it('then GATEWAY_ACCOUNTS takes roles or profiles by alias, from the environment or the config file', async () => {
    const accounts = { prod: { roleArn: role, externalId: 'sessions-reader' }, render: { profile: 'render' } };
    assert.deepEqual(loadConfig({ GATEWAY_ACCOUNTS: JSON.stringify(accounts) }).accounts, accounts);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'gateway.json');
    writeFileSync(file, JSON.stringify({ GATEWAY_ACCOUNTS: accounts }));
    assert.deepEqual(loadConfig({ GATEWAY_CONFIG_FILE: file }).accounts, accounts, 'the file may hold the object itself');
  });

  it('then a bad account is named and refused', () => {
    for (const [bad, why] of [
      [{ default: { roleArn: role } }, /alias default/],
      [{ prod: { roleArn: 'arn:aws:iam::1111:role/x' } }, /IAM role ARN/],
      [{ prod: { roleArn: 'arn:aws:iam::111122223333:user/x' } }, /IAM role ARN/],
      [{ prod: { roleArn: role, secretAccessKey: 'never-in-config' } }, /GATEWAY_ACCOUNTS/],
      [{ 'has space': { profile: 'p' } }, /GATEWAY_ACCOUNTS.has space: Invalid key/],
      [{ prod: { roleArn: role, externalId: 'x' } }, /GATEWAY_ACCOUNTS/],
    ] as const) {
      assert.throws(() => loadConfig({ GATEWAY_ACCOUNTS: JSON.stringify(bad) }), (e: Error) => e instanceof ConfigError && e.message.includes('GATEWAY_ACCOUNTS') && why.test(e.message), JSON.stringify(bad));
      assert.ok(!(() => { try { loadConfig({ GATEWAY_ACCOUNTS: JSON.stringify(bad) }); return ''; } catch (e) { return (e as Error).message; } })().includes('never-in-config'), 'a rejected value is not echoed');
    }
    assert.throws(() => loadConfig({ GATEWAY_ACCOUNTS: '{not json' }), /GATEWAY_ACCOUNTS: must be JSON/);
  });

  it('then principal grants keep the old list form and take services, accounts and regions', () => {
    const grants = { ops: ['DEADLINE'], render: { services: ['DEADLINE'], accounts: ['render'] }, eu: [{ regions: ['eu-west-1'] }, { services: ['NOVA_ACT'], accounts: ['default'] }] };
    const c = loadConfig({ GATEWAY_PRINCIPAL_SERVICES: JSON.stringify(grants), GATEWAY_ACCOUNTS: JSON.stringify({ render: { roleArn: role } }) });
    assert.deepEqual(c.auth.principalGrants, { ops: [{ services: ['DEADLINE'] }], render: [{ services: ['DEADLINE'], accounts: ['render'] }], eu: [{ regions: ['eu-west-1'] }, { services: ['NOVA_ACT'], accounts: ['default'] }] });
    assert.doesNotThrow(() => checkGrantPlaces(c));
    assert.throws(() => loadConfig({ GATEWAY_PRINCIPAL_SERVICES: '{"ops": {"services": ["DEADLINE"], "hours": [9]}}' }), /GATEWAY_PRINCIPAL_SERVICES/);
  });

  it('then a grant naming an alias or region the gateway cannot have stops the start, as a typo would lock a principal out', () => {
    const typo = loadConfig({ GATEWAY_PRINCIPAL_SERVICES: '{"ops": {"accounts": ["prdo"]}}', GATEWAY_ACCOUNTS: JSON.stringify({ prod: { roleArn: role } }) });
    assert.throws(() => checkGrantPlaces(typo), (e: Error) => e instanceof ConfigError && /ops names account prdo/.test(e.message));
    const region = loadConfig({ GATEWAY_PRINCIPAL_SERVICES: '{"ops": {"regions": ["eu-wset-1x"]}}' });
    assert.throws(() => checkGrantPlaces(region), /not an AWS region name/);
  });
});

describe('when endpoints are resolved', () => {
  it('then regional services use {prefix}.{region}.{dnsSuffix}, China included', () => {
    assert.equal(resolveEndpoint(novaAct, { region: 'us-east-1' }).url.host, 'nova-act.us-east-1.amazonaws.com');
    assert.equal(resolveEndpoint(deadline, { region: 'cn-north-1' }).url.host, 'deadline.cn-north-1.amazonaws.com.cn');
    assert.equal(resolveEndpoint(deadline, { region: 'us-east-1', useFips: true, useDualStack: true }).url.host, 'deadline-fips.us-east-1.api.aws');
  });

  it('then CodeCatalyst is global', () => {
    assert.equal(resolveEndpoint(codeCatalyst, {}).url.host, 'codecatalyst.global.api.aws');
    assert.equal(resolveEndpoint(codeCatalyst, { region: 'eu-west-1' }).url.host, 'codecatalyst.global.api.aws');
  });

  it('then a missing or malformed region, or FIPS with an override, is an error', () => {
    assert.throws(() => resolveEndpoint(deadline, {}), EndpointError);
    assert.throws(() => resolveEndpoint(deadline, { region: 'us-east-1.evil.com/' }), EndpointError);
    assert.throws(() => resolveEndpoint(deadline, { region: 'us-east-1', useFips: true, endpointUrl: 'http://127.0.0.1:1' }), EndpointError);
  });
});

describe('when the OTEL_* variables are read', () => {
  it('then traces are off unless an endpoint or exporter asks for them, and OTEL_SDK_DISABLED or exporter none wins', () => {
    const cases: [Record<string, string>, boolean][] = [
      [{}, false],
      [{ OTEL_SERVICE_NAME: 'gw', OTEL_TRACES_SAMPLER: 'always_on' }, false],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, true],
      [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }, true],
      [{ OTEL_TRACES_EXPORTER: 'console' }, true],
      [{ OTEL_TRACES_EXPORTER: 'otlp,console' }, true],
      [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, false],
      [{ OTEL_SDK_DISABLED: 'TRUE', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, false],
      [{ OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, true],
    ];
    for (const [env, wanted] of cases) {
      assert.equal(tracingRequested(env), wanted, JSON.stringify(env));
      assert.equal(loadConfig(env).tracing, wanted);
    }
  });
});
