/**
 * HMAC-SHA256 (RFC 2104) as two one-shot hashes over reused buffers. Cursors and SigV4 take several HMACs per request,
 * and building Node's Hmac object costs more than the hashing itself: this gives the same tag at about half the CPU.
 */
import crypto from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

const BLOCK = 64;
const DIGEST = 32;

// Stryker disable next-line all: equivalent, both branches are SHA-256 (the second only for Node before 20.12)
export const sha256: (data: Uint8Array) => Buffer = typeof crypto.hash === 'function'
  ? (data) => crypto.hash('sha256', data, 'buffer')
  // Node 20 before 20.12 has no one-shot hash.
  // Stryker disable next-line all: not reached on the Node lines the project runs on
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

/** Keyed HMACs already set up, for keys used again and again (SigV4's secret and its signing key of the day). */
const byStringKey = new Map<string, HmacSha256>();
const byBytesKey = new WeakMap<object, HmacSha256>();
// Two per credential (its secret, and "AWS4" + secret once a day): rotated credentials soon drop out.
const MAX_STRING_KEYS = 16;

function hmacKeyedBy(secret: SourceData): HmacSha256 {
  if (typeof secret === 'string') {
    let hmac = byStringKey.get(secret);
    if (!hmac) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, when the cache is emptied changes no HMAC
      if (byStringKey.size >= MAX_STRING_KEYS) byStringKey.clear();
      byStringKey.set(secret, (hmac = createHmacSha256(Buffer.from(secret, 'utf8'))));
    }
    return hmac;
  }
  // The signer keeps its signing key of the day as one array and never writes to it: the object stands for the key.
  let hmac = byBytesKey.get(secret);
  if (!hmac) {
    const bytes = ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret);
    byBytesKey.set(secret, (hmac = createHmacSha256(bytes)));
  }
  return hmac;
}

/**
 * SHA-256, or HMAC-SHA256 when given a secret, as the `sha256` of @smithy/signature-v4 (its `ChecksumConstructor`).
 * The signer hashes whole strings, so the chunks are kept and hashed at once.
 */
export class Sha256Checksum implements Checksum {
  readonly digestLength = DIGEST;
  readonly #hmac: HmacSha256 | undefined;
  #chunks: Uint8Array[] = [];

  constructor(secret?: SourceData) {
    this.#hmac = secret === undefined ? undefined : hmacKeyedBy(secret);
  }

  update(chunk: Uint8Array | string): void {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }

  digest(): Promise<Uint8Array> {
    const chunks = this.#chunks;
    if (this.#hmac) return Promise.resolve(this.#hmac(chunks));
    return Promise.resolve(sha256(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  }

  reset(): void {
    this.#chunks = [];
  }
}
