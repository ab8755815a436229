/** Configuration fails fast naming the bad setting; endpoints follow the services' rule sets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { EndpointError, resolveEndpoint } from '../../src/upstream/endpoints.js';
import { codeCatalyst, deadline, novaAct } from '../../src/upstream/operations/index.js';

describe('when the configuration is read', () => {
  it('then defaults apply with nothing set', () => {
    const c = loadConfig({});
    assert.equal(c.port, 4000);
    assert.equal(c.upstream, 'sandbox');
    assert.deepEqual(c.limits, { defaultFirst: 25, maxFirst: 1000, maxCallsPerConnection: 15, maxSources: 20, maxItemsPerSource: 5000 });
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
    const c = loadConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_DEADLINE: 'http://127.0.0.1:2', AWS_DEFAULT_REGION: 'eu-west-1' }, ['--upstream=aws']);
    assert.equal(c.upstream, 'aws');
    assert.equal(c.aws.endpointUrls.deadline, 'http://127.0.0.1:2');
    assert.equal(c.aws.endpointUrls['nova-act'], 'http://127.0.0.1:1');
    assert.equal(c.aws.region, 'eu-west-1');
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
