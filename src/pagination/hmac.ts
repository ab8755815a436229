/**
 * HMAC-SHA256 (RFC 2104) as two one-shot hashes over reused buffers. A page mints a cursor per edge, and building
 * Node's Hmac object costs more than the hashing itself: this gives the same tag at about half the CPU.
 */
import crypto from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;

export const sha256: (data: Uint8Array) => Buffer = typeof crypto.hash === 'function'
  ? (data) => crypto.hash('sha256', data, 'buffer')
  // Node 20 before 20.12 has no one-shot hash.
  : (data) => crypto.createHash('sha256').update(data).digest();

/** The HMAC-SHA256 of the concatenated parts. */
export type HmacSha256 = (parts: readonly Uint8Array[]) => Buffer;

/** An HMAC-SHA256 keyed by `key` (any length: a key longer than a block is hashed first, as RFC 2104 says). */
export function createHmacSha256(key: Uint8Array): HmacSha256 {
  const k = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? sha256(key) : Buffer.from(key)).copy(k);
  let inner = Buffer.from(k.map((b) => b ^ 0x36));
  const outer = Buffer.alloc(BLOCK + DIGEST);
  k.forEach((b, i) => (outer[i] = b ^ 0x5c));

  return (parts) => {
    let length = BLOCK;
    for (const part of parts) length += part.length;
    if (inner.length < length) inner = Buffer.concat([inner.subarray(0, BLOCK), Buffer.alloc(2 * length)]);
    let at = BLOCK;
    for (const part of parts) {
      inner.set(part, at);
      at += part.length;
    }
    sha256(inner.subarray(0, length)).copy(outer, BLOCK);
    return sha256(outer);
  };
}
