/** Cursors are opaque base64url, versioned, HMAC-bound to their connection's arguments. */
import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { bindingOf, createCursorCodec } from '../../src/pagination/cursor-codec.js';
import { CursorError } from '../../src/pagination/cursor-error.js';

const binding = bindingOf('deadlineSessions', { farmId: 'f', jobId: 'j', queueId: 'q', sortBy: undefined });
const codec = createCursorCodec('secret-one-0123456789').bind(binding);
const digest = createHash('sha256').update(binding).digest().subarray(0, 12).toString('base64url');
/** The HMAC an earlier release tagged a version-1 or -2 cursor's text with (written here from the format, not the codec). */
const legacyMac = (version: 1 | 2, text: string) => createHmac('sha256', 'secret-one-0123456789').update(Buffer.from([version])).update(text).digest();
/** A version-1 or -2 cursor: [version][16 bytes of tag][text]. */
const legacyCursor = (version: 1 | 2, tag: Buffer, text: string) => Buffer.concat([Buffer.from([version]), tag, Buffer.from(text)]).toString('base64url');

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

describe('when a page of positions is minted (version 4, bytes)', () => {
  const minted = Array.from({ length: 9 }, (_, o) => codec.encode({ t: 'tok', s: 9, o }));
  // [4][tag 16][digest 12][kind][size u16][offset u16][token]
  const withOffset = (cursor: string, offset: number) => {
    const raw = Buffer.from(cursor, 'base64url');
    raw.writeUInt16BE(offset, 32);
    return raw.toString('base64url');
  };

  it('then the cursor is short: version 4, no JSON', () => {
    const first = codec.encode({ t: null, s: 26, o: 4 });
    assert.equal(Buffer.from(first, 'base64url')[0], 4);
    assert.ok(first.length <= 46, first);
    assert.deepEqual(codec.decode(codec.encode({ e: 1 })), { e: 1 });
  });

  it('then every offset has its own tag, and each cursor reads back', () => {
    assert.equal(new Set(minted.map((c) => Buffer.from(c, 'base64url').subarray(1, 17).toString('hex'))).size, minted.length);
    minted.forEach((c, o) => assert.deepEqual(codec.decode(c), { t: 'tok', s: 9, o }));
  });

  it('then minting in any order, or between other pages, gives the same cursors', () => {
    const again = [5, 2, 8, 0, 7, 3, 1, 6, 4].map((o) => {
      codec.encode({ t: 'other', s: 9, o });
      return [o, codec.encode({ t: 'tok', s: 9, o })] as const;
    });
    for (const [o, c] of again) assert.equal(c, minted[o]);
  });

  it('then each tag is AES-256, under the HMAC of the page\'s bytes with the offset cleared, of a block holding the offset', () => {
    // Written here from the format, not the codec.
    for (const [o, cursor] of [0, 4, 8].map((o) => [o, minted[o]!] as const)) {
      const raw = Buffer.from(cursor, 'base64url');
      const untagged = Buffer.concat([raw.subarray(0, 1), raw.subarray(17)]);
      untagged.writeUInt16BE(0, 16);
      const pageKey = createHmac('sha256', 'secret-one-0123456789').update(untagged).digest();
      const block = Buffer.alloc(16);
      block.writeUInt32BE(o, 12);
      const aes = createCipheriv('aes-256-ecb', pageKey, null).setAutoPadding(false);
      assert.deepEqual(raw.subarray(1, 17), aes.update(block), `offset ${o}`);
    }
  });

  it('then offsets past the first window of 32 are tagged and read back too', () => {
    const far = [31, 32, 33, 64, 65_535].map((o) => [o, codec.encode({ t: 'tok', s: 65_535, o })] as const);
    for (const [o, c] of far) assert.deepEqual(codec.decode(c), { t: 'tok', s: 65_535, o });
    assert.equal(problem(() => codec.decode(withOffset(far[1]![1], 31))), 'tampered');
  });

  it('then moving a cursor to its neighbour is refused', () => {
    assert.equal(problem(() => codec.decode(withOffset(minted[4]!, 5))), 'tampered');
    assert.equal(problem(() => codec.decode(withOffset(minted[5]!, 4))), 'tampered');
    assert.equal(problem(() => codec.decode(withOffset(minted[5]!, 7))), 'tampered');
  });

  it('then a token that is not printable ASCII, or another payload, goes as JSON (version 2)', () => {
    for (const payload of [{ t: 'tök', s: 9, o: 1 }, { m: 's', i: 0, t: 'tok', s: 9, o: 1 }, { t: 'tok', s: 70_000, o: 1 }]) {
      const c = codec.encode(payload);
      assert.equal(Buffer.from(c, 'base64url')[0], 2);
      assert.deepEqual(codec.decode(c), payload);
    }
  });
});

describe('when neighbouring offsets of a JSON payload share one HMAC (version 2)', () => {
  const minted = Array.from({ length: 9 }, (_, o) => codec.encode({ m: 's', t: 'tok', s: 9, o }));
  const edit = (cursor: string, from: string, to: string) => {
    const raw = Buffer.from(cursor, 'base64url');
    return Buffer.concat([raw.subarray(0, 17), Buffer.from(raw.subarray(17).toString('utf8').replace(from, to))]).toString('base64url');
  };
  it('then every offset has its own tag, and each cursor reads back', () => {
    assert.equal(new Set(minted.map((c) => Buffer.from(c, 'base64url').subarray(1, 17).toString('hex'))).size, minted.length);
    minted.forEach((c, o) => assert.deepEqual(codec.decode(c), { m: 's', t: 'tok', s: 9, o }));
  });

  it('then moving a cursor to its neighbour, or respelling its payload, is refused', () => {
    assert.equal(problem(() => codec.decode(edit(minted[4]!, '"o":4', '"o":5'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"o":5', '"o":4'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"o":5', '"o": 5'))), 'tampered');
    assert.equal(problem(() => codec.decode(edit(minted[5]!, '"s":9', '"s":9.0'))), 'tampered');
  });

  it('then a position minted as JSON by an earlier release is still read', () => {
    const v2 = legacyCursor(2, legacyMac(2, JSON.stringify({ t: 'tok', s: 9, o: 4, b: digest })).subarray(16), JSON.stringify({ t: 'tok', s: 9, o: 5, b: digest }));
    assert.deepEqual(codec.decode(v2), { t: 'tok', s: 9, o: 5 });
  });

  it('then a version 3 cursor (bytes; neighbouring offsets share one HMAC, each carrying its half) is still read', () => {
    // Written here from that release's format: [3][tag][digest][kind 1: a later page][size][offset][token].
    const v3 = (o: number, tagOffset = o) => {
      const untagged = Buffer.concat([Buffer.from([3]), Buffer.from(digest, 'base64url'), Buffer.from([1, 0, 9, 0, 0]), Buffer.from('tok')]);
      untagged.writeUInt16BE(tagOffset & ~1, 16);
      const half = tagOffset & 1;
      const tag = createHmac('sha256', 'secret-one-0123456789').update(untagged).digest().subarray(half * 16, half * 16 + 16);
      untagged.writeUInt16BE(o, 16);
      return Buffer.concat([untagged.subarray(0, 1), tag, untagged.subarray(1)]).toString('base64url');
    };
    assert.deepEqual(codec.decode(v3(4)), { t: 'tok', s: 9, o: 4 });
    assert.deepEqual(codec.decode(v3(5)), { t: 'tok', s: 9, o: 5 });
    assert.equal(problem(() => codec.decode(v3(5, 4))), 'tampered');
    assert.equal(problem(() => codec.decode(v3(4, 5))), 'tampered');
  });

  it('then a version 1 cursor (one HMAC over the whole payload) is still read, so clients page on across an upgrade', () => {
    const body = JSON.stringify({ t: 'tok', s: 9, o: 5, b: digest });
    const tag = legacyMac(1, body).subarray(0, 16);
    assert.deepEqual(codec.decode(legacyCursor(1, tag, body)), { t: 'tok', s: 9, o: 5 });
    const forged = legacyCursor(1, tag, JSON.stringify({ t: 'tok', s: 9, o: 6, b: digest }));
    assert.equal(problem(() => codec.decode(forged)), 'tampered');
  });
});

describe('when a payload does not fit the compact form', () => {
  const version = (c: string) => Buffer.from(c, 'base64url')[0];
  it('then it is minted as version 2 (JSON) and reads back; what fits is version 4', () => {
    const fits = [{ e: 1 }, { t: null, s: 0, o: 0 }, { t: 'x', s: 65_535, o: 65_535 }, { t: ' ~', s: 1, o: 1 }, { t: 'k'.repeat(2000), s: 100, o: 99 }];
    const json = [{ t: 'é', s: 1, o: 0 }, { t: 'a\u0001', s: 1, o: 0 }, { t: '', s: 1, o: 0 }, { t: null, s: 65_536, o: 0 }, { t: 'x', s: 1, o: 65_536 }, { t: 'x', s: -1, o: 0 }, { t: 'x', s: 1.5, o: 0 }, { t: 'x', s: 1, o: 1, x: 2 }, { e: 1, x: 1 }, { e: 2 }, { t: 5, s: 1, o: 1 }];
    for (const p of fits) {
      const c = codec.encode(p);
      assert.equal(version(c), 4, JSON.stringify(p));
      assert.deepEqual(codec.decode(c), p);
    }
    for (const p of json) {
      const c = codec.encode(p);
      assert.equal(version(c), 2, JSON.stringify(p));
      assert.deepEqual(codec.decode(c), p);
    }
  });

  it('then minting pages that differ in one thing only (arguments, kind, size, token) never reuses the last one\'s bytes', () => {
    const other = createCursorCodec('secret-one-0123456789').bind(bindingOf('deadlineSessions', { farmId: 'f', jobId: 'other', queueId: 'q' }));
    const base = { t: 'tok', s: 9, o: 4 };
    const steps: [typeof codec, Record<string, unknown>][] = [
      [codec, base], [other, base], [codec, base], [codec, { ...base, t: null }], [codec, base], [codec, { ...base, s: 8 }],
      [codec, base], [codec, { ...base, t: 'tol' }], [codec, { e: 1 }], [codec, base], [codec, { ...base, o: 5 }], [codec, { ...base, o: 4 }],
    ];
    const minted = steps.map(([c, p]) => [c, p, c.encode(p)] as const);
    for (const [c, p, cursor] of minted) assert.deepEqual(c.decode(cursor), p);
    assert.equal(problem(() => other.decode(minted[0]![2])), 'foreign');
  });

  it('then long JSON payloads, minted one after another, each read back (buffers grow; no HMAC is reused for other text)', () => {
    const payloads = [{ t: 'é'.repeat(3000), s: 1, o: 0 }, { t: 'é'.repeat(3000), s: 1, o: 1 }, { t: 'ü'.repeat(10), s: 2, o: 0 }, { t: 'é'.repeat(3000), s: 1, o: 0 }, { t: 'x'.repeat(4000), s: 70_000, o: 3 }];
    const minted = payloads.map((p) => codec.encode(p));
    minted.forEach((c, i) => assert.deepEqual(codec.decode(c), payloads[i]));
    const long = { t: 'k'.repeat(3000), s: 100, o: 42 };
    assert.deepEqual(codec.decode(codec.encode(long)), long, 'a long compact token too');
  });

  it('then a cursor too short for its version, or with a kind the minter never writes, is malformed', () => {
    const raw = Buffer.from(codec.encode({ t: 'tok', s: 9, o: 4 }), 'base64url');
    assert.equal(problem(() => codec.decode(raw.subarray(0, 20).toString('base64url'))), 'malformed');
    assert.equal(problem(() => codec.decode(Buffer.from([3]).toString('base64url'))), 'malformed');
    assert.equal(problem(() => codec.decode(Buffer.from([2, 1, 2]).toString('base64url'))), 'malformed');
    // Longer than any cursor the gateway mints (16 384 characters): refused before it is decoded.
    assert.equal(problem(() => codec.decode(Buffer.from([3, ...Buffer.alloc(12_300)]).toString('base64url'))), 'malformed');
    assert.equal(problem(() => codec.decode('A'.repeat(5000))), 'version');
    assert.equal(problem(() => codec.decode('abc$')), 'malformed');
    assert.equal(problem(() => codec.decode(Buffer.from([9, ...Buffer.alloc(40)]).toString('base64url'))), 'version');
  });
});

describe('when a cursor of an older version is read', () => {
  /** A well-tagged cursor of that version over `text` (an even offset's tag: the first half of the HMAC). */
  const tagged = (version: 1 | 2, text: string) => legacyCursor(version, legacyMac(version, text).subarray(0, 16), text);
  const v2 = (text: string) => tagged(2, text);
  const refusal = (cursor: string) => {
    try {
      codec.decode(cursor);
    } catch (err) {
      assert.ok(err instanceof CursorError);
      return `${err.problem}: ${err.message}`;
    }
    return 'accepted';
  };

  it('then a well-tagged payload reads back, and odd offsets use the second half of their even neighbour\'s tag', () => {
    assert.deepEqual(codec.decode(v2(JSON.stringify({ t: 'é', s: 1, o: 0, b: digest }))), { t: 'é', s: 1, o: 0 });
    const oddText = JSON.stringify({ t: 'é', s: 1, o: 3, b: digest });
    const odd = legacyCursor(2, legacyMac(2, JSON.stringify({ t: 'é', s: 1, o: 2, b: digest })).subarray(16, 32), oddText);
    assert.deepEqual(codec.decode(odd), { t: 'é', s: 1, o: 3 });
  });

  it('then each refusal names its problem and says what to do', () => {
    assert.equal(refusal(v2(JSON.stringify({ t: 'é', s: 1, o: 0, b: 'another-binding' }))), 'foreign: belongs to another connection or other arguments; page with the arguments it was issued for');
    assert.equal(refusal(v2('[1,2]')), 'tampered: was altered, or was issued by a gateway with another GATEWAY_CURSOR_SECRET');
    assert.equal(refusal(v2('{ "t": "x", "b": "' + digest + '" }')), 'tampered: was altered, or was issued by a gateway with another GATEWAY_CURSOR_SECRET', 'another spelling of a payload');
    assert.equal(refusal(Buffer.from([2, ...Buffer.alloc(16), ...Buffer.from('{}')]).toString('base64url')), 'tampered: was altered, or was issued by a gateway with another GATEWAY_CURSOR_SECRET');
    assert.equal(refusal(Buffer.alloc(17, 2).toString('base64url')), 'malformed: is not a cursor this gateway issued');
    assert.equal(refusal('not a cursor'), 'malformed: is not a cursor this gateway issued');
    assert.equal(refusal(Buffer.from([7, ...Buffer.alloc(20)]).toString('base64url')), 'version: has version 7; this gateway reads versions 1 to 4');
    // Version 1 signed any JSON text: a valid tag over something that is not an object is malformed, not accepted.
    assert.equal(refusal(tagged(1, '[1]')), 'malformed: is not a cursor this gateway issued');
    assert.equal(refusal(tagged(1, 'nope')), 'malformed: is not a cursor this gateway issued');
  });
});

describe('when another replica with the same secret reads the cursors', () => {
  it('then every kind of cursor minted here, in any order, reads back there (no state of the minter is needed)', () => {
    const payloads = [{ t: 'é', s: 3, o: 0 }, { t: 'é', s: 3, o: 1 }, { t: 'é', s: 3, o: 2 }, { t: 'tok', s: 9, o: 5 }, { t: null, s: 26, o: 4 }, { e: 1 }, { t: 'x'.repeat(3000), s: 70_000, o: 1 }, { t: 'é', s: 3, o: 1 }];
    const minted = payloads.map((p) => codec.encode(p));
    const replica = createCursorCodec('secret-one-0123456789').bind(binding);
    [...minted.keys()].reverse().forEach((i) => assert.deepEqual(replica.decode(minted[i]!), payloads[i], JSON.stringify(payloads[i]).slice(0, 60)));
    const fresh = () => createCursorCodec('secret-one-0123456789').bind(binding);
    minted.forEach((c, i) => assert.deepEqual(fresh().decode(c), payloads[i]));
    payloads.forEach((p, i) => assert.equal(fresh().encode(p), minted[i], 'minting is deterministic'));
  });
});
