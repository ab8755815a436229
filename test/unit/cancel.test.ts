/** The light cancellation a request's upstream work listens to, and the race that stops uninterruptible waits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cancellation, untilCancelled } from '../../src/upstream/cancel.js';

describe('when a request is cancelled', () => {
  it('then each listener runs once, on the first abort only, and a removed one not at all', () => {
    const c = new Cancellation();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    c.addEventListener('abort', a);
    c.addEventListener('abort', b);
    c.addEventListener('abort', () => calls.push('c'));
    c.removeEventListener('abort', b);
    c.removeEventListener('abort', () => undefined); // not registered: changes nothing
    assert.equal(c.aborted, false);
    c.abort();
    c.abort();
    assert.equal(c.aborted, true);
    assert.deepEqual(calls, ['a', 'c']);
    c.addEventListener('abort', () => calls.push('late'));
    c.abort();
    assert.deepEqual(calls, ['a', 'c'], 'a listener added after the abort is never called');
  });

  it('then untilCancelled gives the work\'s outcome while not cancelled, and leaves no listener behind', async () => {
    const c = new Cancellation();
    let listeners = 0;
    const counting = { get aborted() { return c.aborted; }, addEventListener: (t: 'abort', l: () => void) => (listeners++, c.addEventListener(t, l)), removeEventListener: (t: 'abort', l: () => void) => (listeners--, c.removeEventListener(t, l)) };
    assert.equal(await untilCancelled(Promise.resolve(7), counting, () => new Error('cancelled')), 7);
    const failure = new Error('work failed');
    assert.equal(await untilCancelled(Promise.reject(failure), counting, () => new Error('cancelled')).catch((e: unknown) => e), failure);
    assert.equal(listeners, 0);
    assert.equal(await untilCancelled(Promise.resolve(8), undefined, () => new Error('cancelled')), 8);
  });

  it('then it rejects with the cancellation error at once when cancelled before or during the work', async () => {
    const before = new Cancellation();
    before.abort();
    const cancelled = new Error('cancelled');
    assert.equal(await untilCancelled(new Promise(() => undefined), before, () => cancelled).catch((e: unknown) => e), cancelled);
    // The abandoned work's own rejection is handled, not left unhandled.
    assert.equal(await untilCancelled(Promise.reject(new Error('late')), before, () => cancelled).catch((e: unknown) => e), cancelled);
    const during = new Cancellation();
    const pending = untilCancelled(new Promise(() => undefined), during, () => cancelled);
    during.abort();
    assert.equal(await pending.catch((e: unknown) => e), cancelled);
  });
});
