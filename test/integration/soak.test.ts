/** A short soak (8 clients, 4 s, fault mix): only expected error codes, no HTTP errors, bounded heap. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSoak } from '../../scripts/soak.js';

describe('when the gateway is soaked with concurrent clients and upstream faults', () => {
  it('then every error has an expected code, nothing crashes, and the heap stays bounded', { timeout: 60_000 }, async () => {
    const report = await runSoak({ clients: 8, seconds: 4 });
    assert.ok(report.requests > 100, JSON.stringify(report));
    assert.deepEqual(report.unexpectedCodes, [], JSON.stringify(report.errorsByCode));
    assert.equal(report.httpErrors, 0);
    assert.ok(Object.keys(report.errorsByCode).length > 0, 'the fault mix produced errors');
    assert.ok(report.ok, JSON.stringify(report));
  });
});
