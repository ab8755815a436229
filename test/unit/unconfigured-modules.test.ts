/** What is not configured is not loaded: without OTEL_* settings no OpenTelemetry SDK, without Redis no Redis client. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN } from '../../src/sandbox/server.js';
import { createLogger } from '../../src/server/logger.js';
import { createRuntime } from '../../src/server/runtime.js';
import { sandboxUpstream } from '../../src/server/upstream-targets.js';

/** The loaded CommonJS modules whose path contains `part`. */
const loaded = (part: string) => Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes(part));
const loadedSdk = () => loaded('@opentelemetry/sdk-');
const loadedRedis = () => loaded('/node_modules/ioredis/');
const identity = () => sandboxUpstream('http://127.0.0.1:9', { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' }, {});

describe('when no OTEL_* variable asks for traces', () => {
  it('then the runtime has no tracer and the SDK is never loaded; asking for traces loads it', async () => {
    const off = await createRuntime(loadConfig({}), identity(), createLogger('silent'));
    assert.equal(off.gatewayOptions.tracer, undefined);
    await off.close();
    assert.deepEqual(loadedSdk(), []);

    const on = await createRuntime(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }), identity(), createLogger('silent'));
    assert.ok(on.gatewayOptions.tracer);
    await on.close();
    assert.ok(loadedSdk().length > 0, 'the check sees the SDK when it is loaded');
  });
});

describe('when GATEWAY_REDIS_URL is not set', () => {
  it('then the Redis client is never loaded; setting it loads it', async () => {
    const off = await createRuntime(loadConfig({}), identity(), createLogger('silent'));
    await off.close();
    assert.deepEqual(loadedRedis(), []);

    // Nothing listens on port 9: the connection is tried in the background, and closed with the runtime.
    const on = await createRuntime(loadConfig({ GATEWAY_REDIS_URL: 'redis://127.0.0.1:9' }), identity(), createLogger('silent'));
    await on.close();
    assert.ok(loadedRedis().length > 0, 'the check sees the client when it is loaded');
  });
});
