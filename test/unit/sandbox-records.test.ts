/** The sandbox keeps a bounded record of the requests it served, so a long run does not grow without end. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSandbox } from '../../src/sandbox/server.js';

describe('when the sandbox serves more requests than it keeps records of', () => {
  it('then it keeps at most maxRecords, the newest last', async () => {
    const sandbox = await startSandbox({ maxRecords: 20 });
    try {
      for (let i = 0; i < 75; i++) await fetch(`${sandbox.url}/no-such-operation-${i}`);
      assert.ok(sandbox.requests.length <= 20 && sandbox.requests.length >= 10, String(sandbox.requests.length));
      assert.equal(sandbox.requests.at(-1)!.target, '/no-such-operation-74');
    } finally {
      await sandbox.close();
    }
  });
});
