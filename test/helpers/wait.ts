/** Waiting for an event a test can observe (a count, a log line) instead of sleeping for a guessed time. */
import assert from 'node:assert/strict';

/** Polls `done` every 10 ms until it holds; fails naming `what` if it does not within `maxMs` (generous: 20 s). */
export async function waitUntil(done: () => boolean, what: string, maxMs = 20_000): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    assert.ok(waited < maxMs, `${what} (not within ${maxMs / 1000} s)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
