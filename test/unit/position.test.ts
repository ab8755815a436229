/** Positions in a forward-only listing, and their compact form in cursors: only what the gateway writes reads back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CursorError } from '../../src/pagination/cursor-error.js';
import { START, isEnd, positionFromPayload, positionToPayload } from '../../src/pagination/position.js';

const refused = (payload: Record<string, unknown>) => {
  try {
    positionFromPayload(payload);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof CursorError);
    assert.equal(err.name, 'CursorError');
    return `${err.problem}: ${err.message}`;
  }
};

describe('when a position is written and read back', () => {
  it('then the start, a page position and the end survive the round trip', () => {
    for (const p of [START, { token: 'tok', size: 100, offset: 7 }, { token: null, size: 0, offset: 0 }, { token: 'x', size: 10_000, offset: 10_000 }, { end: true } as const]) {
      assert.deepEqual(positionFromPayload(positionToPayload(p) as Record<string, unknown>), p);
    }
    assert.deepEqual(positionToPayload({ end: true }), { e: 1 });
    assert.deepEqual(positionToPayload({ token: 't', size: 3, offset: 2 }), { t: 't', s: 3, o: 2 });
    assert.deepEqual(START, { token: null, size: 0, offset: 0 });
    assert.equal(isEnd({ end: true }), true);
    assert.equal(isEnd(START), false);
  });

  it('then anything of another shape is refused as malformed', () => {
    const message = 'malformed: is not a cursor this gateway issued';
    for (const payload of [
      {}, { e: 2 }, { e: '1' }, { t: '', s: 1, o: 0 }, { t: 5, s: 1, o: 0 }, { t: null, s: -1, o: 0 }, { t: null, s: 10_001, o: 0 },
      { t: null, s: 1.5, o: 0 }, { t: null, s: '1', o: 0 }, { t: null, s: 1, o: -1 }, { t: null, s: 1, o: 10_001 }, { t: null, s: 1, o: 0.5 },
      { t: null, s: 1 }, { s: 1, o: 0 }, { t: null, o: 0 },
    ]) {
      assert.equal(refused(payload), message, JSON.stringify(payload));
    }
  });
});
