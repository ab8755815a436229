/** Cursors are opaque base64url, versioned, HMAC-bound to their connection's arguments. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CursorError, bindingOf, createCursorCodec } from '../../src/pagination/cursor-codec.js';

const binding = bindingOf('deadlineSessions', { farmId: 'f', jobId: 'j', queueId: 'q', sortBy: undefined });
const codec = createCursorCodec('secret-one-0123456789').bind(binding);

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CursorError);
    return err.problem;
  }
  assert.fail('expected a CursorError');
};

describe('when a cursor is minted and read back', () => {
  it('then the payload survives and the cursor is base64url', () => {
    const c = codec.encode({ t: 'a b+/=', s: 8, o: 3 });
    assert.match(c, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(codec.decode(c), { t: 'a b+/=', s: 8, o: 3 });
  });

  it('then argument order and unset arguments do not change the binding', () => {
    assert.equal(binding, bindingOf('deadlineSessions', { queueId: 'q', jobId: 'j', farmId: 'f' }));
  });

  it('then every flipped byte is refused', () => {
    const raw = Buffer.from(codec.encode({ t: null, s: 8, o: 3 }), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const copy = Buffer.from(raw);
      copy[i]! ^= 0x01;
      assert.ok(['tampered', 'version', 'malformed'].includes(problem(() => codec.decode(copy.toString('base64url')))!));
    }
  });

  it('then other arguments, another secret, or junk are refused with distinct reasons', () => {
    const c = codec.encode({ t: null, s: 8, o: 3 });
    assert.equal(problem(() => createCursorCodec('secret-one-0123456789').bind(bindingOf('deadlineSessions', { farmId: 'f', jobId: 'OTHER', queueId: 'q' })).decode(c)), 'foreign');
    assert.equal(problem(() => createCursorCodec('secret-two-0123456789').bind(binding).decode(c)), 'tampered');
    assert.equal(problem(() => codec.decode('not a cursor')), 'malformed');
    assert.equal(problem(() => codec.decode('')), 'malformed');
  });
});
