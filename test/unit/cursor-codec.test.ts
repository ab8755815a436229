/** Cursors are opaque base64url, versioned, HMAC-bound to their connection's arguments. */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
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

describe('when neighbouring offsets share one HMAC', () => {
  const minted = Array.from({ length: 9 }, (_, o) => codec.encode({ t: 'tok', s: 9, o }));
  const edit = (cursor: string, from: string, to: string) => {
    const raw = Buffer.from(cursor, 'base64url');
    return Buffer.concat([raw.subarray(0, 17), Buffer.from(raw.subarray(17).toString('utf8').replace(from, to))]).toString('base64url');
  };

  it('then every offset has its own tag, and each cursor reads back', () => {
    assert.equal(new Set(minted.map((c) => Buffer.from(c, 'base64url').subarray(1, 17).toString('hex'))).size, minted.length);
    minted.forEach((c, o) => assert.deepEqual(codec.decode(c), { t: 'tok', s: 9, o }));
  });

  it('then moving a cursor to its neighbour, or respelling its payload, is refused', () => {
    assert.equal(problem(() => codec.decode(edit(minted[4]!, '"o":4', '"o":5'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"o":5', '"o":4'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"o":5', '"o": 5'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"s":9', '"s":9.0'))), 'tampered');
  });

  it('then a version 1 cursor (one HMAC over the whole payload) is still read, so clients page on across an upgrade', () => {
    const digest = createHash('sha256').update(binding).digest().subarray(0, 12).toString('base64url');
    const body = Buffer.from(JSON.stringify({ t: 'tok', s: 9, o: 5, b: digest }));
    const tag = createHmac('sha256', 'secret-one-0123456789').update(Buffer.from([1])).update(body).digest().subarray(0, 16);
    const v1 = Buffer.concat([Buffer.from([1]), tag, body]).toString('base64url');
    assert.deepEqual(codec.decode(v1), { t: 'tok', s: 9, o: 5 });
    const forged = Buffer.concat([Buffer.from([1]), tag, Buffer.from(JSON.stringify({ t: 'tok', s: 9, o: 6, b: digest }))]).toString('base64url');
    assert.equal(problem(() => codec.decode(forged)), 'tampered');
  });
});
