/**
 * Traces carry their parents explicitly (use-tracing.ts), so the SDK is started without an ambient context: no
 * AsyncLocalStorage, whose hooks on every promise of the process cost more CPU than the spans themselves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { context, createContextKey, trace } from '@opentelemetry/api';
import { startTracing } from '../../src/server/tracing.js';

describe('the tracing SDK as the gateway starts it', () => {
  it('then no context is carried implicitly, not even inside context.with', async () => {
    // The SDK reads its settings from the process environment; nothing is exported here.
    process.env.OTEL_TRACES_EXPORTER = 'none';
    const tracing = startTracing();
    try {
      const key = createContextKey('probe');
      const span = tracing.tracer.startSpan('probe');
      const seen = await context.with(trace.setSpan(context.active().setValue(key, 1), span), async () => {
        await Promise.resolve();
        return { value: context.active().getValue(key), span: trace.getActiveSpan() };
      });
      span.end();
      assert.deepEqual(seen, { value: undefined, span: undefined });
    } finally {
      await tracing.shutdown();
    }
  });
});
