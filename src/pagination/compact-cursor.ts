/**
 * Compact cursors: the common payload, a position in an upstream listing, as bytes rather than JSON.
 *
 *   [version][tag: 16][binding digest: 12][kind][size: u16][offset: u16][token: ASCII]
 *
 * A page's cursors differ only in their offset and tag. Version 4, what the minter writes, keys each page once:
 * the page key is the HMAC-SHA256 (cursor secret) of the bytes after the tag with the offset cleared, and an offset's
 * tag is AES-256 under the page key of a block holding the offset. One AES call tags a window of 32 offsets, so a page
 * of 25 cursors costs one HMAC and one AES call, plus 25 base64url copies, where version 3 took 13 HMACs. The page key
 * is a fresh pseudorandom key for every page, and AES under it a pseudorandom function of the offset: without the
 * secret, a cursor's tag tells nothing of another offset's or another page's.
 * Version 3 (an earlier release) is still read: two neighbouring offsets shared one HMAC over the bytes after the tag
 * with the offset's last bit cleared, and that bit said which 16-byte half the cursor carried.
 */
import { createCipheriv } from 'node:crypto';
import type { CursorProblem } from './cursor-error.js';
import type { HmacSha256 } from '../upstream/hmac.js';

export const COMPACT_VERSION = 4;
/** The compact version of an earlier release, still read. */
export const PAIRED_VERSION = 3;
const TAG_BYTES = 16;
export const DIGEST_BYTES = 12;
const DIGEST_AT = 1 + TAG_BYTES;
const KIND_AT = DIGEST_AT + DIGEST_BYTES;
const SIZE_AT = KIND_AT + 1;
const OFFSET_AT = SIZE_AT + 2;
const TOKEN_AT = OFFSET_AT + 2;
/** Offsets tagged by one AES call. */
const WINDOW = 32;

/** What the position is: the first page (no token), a later page, or the end of the listing. */
const FIRST_PAGE = 0;
const LATER_PAGE = 1;
const END = 2;

/** A payload the compact form holds. */
type CompactPayload = { t: string | null; s: number; o: number } | { e: 1 };

/** Tokens as AWS issues them (base64 and the like); anything else goes as JSON, so bytes and string stay one-to-one. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const isU16 = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffff;

/** The payload if the compact form holds it exactly, else undefined. */
export function asCompact(payload: object): CompactPayload | undefined {
  const p = payload as Record<string, unknown>;
  const keys = Object.keys(p).length;
  if (keys === 1 && p['e'] === 1) return p as CompactPayload;
  if (keys !== 3 || !isU16(p['s']) || !isU16(p['o'])) return undefined;
  const t = p['t'];
  return t === null || (typeof t === 'string' && PRINTABLE_ASCII.test(t)) ? (p as CompactPayload) : undefined;
}

/** Mints compact cursors; keeps the last page's bytes, key and window of tags: a page's cursors are minted in a row. */
export function createCompactMinter(hmac: HmacSha256): (digest: Buffer, payload: CompactPayload) => string {
  let bytes = Buffer.alloc(256);
  let length = 0;
  let page: { digest: Buffer; kind: number; size: number; token: string | null } | undefined;
  let pageKey: Buffer = Buffer.alloc(0);
  let windowStart = -1;
  let tags: Buffer = Buffer.alloc(0);

  return (digest, payload) => {
    const kind = 'e' in payload ? END : payload.t === null ? FIRST_PAGE : LATER_PAGE;
    const size = 'e' in payload ? 0 : payload.s;
    const offset = 'e' in payload ? 0 : payload.o;
    const token = 'e' in payload ? null : payload.t;
    if (!page || page.digest !== digest || page.kind !== kind || page.size !== size || page.token !== token) {
      length = TOKEN_AT + (token?.length ?? 0);
      if (bytes.length < length) bytes = Buffer.alloc(2 * length);
      bytes[0] = COMPACT_VERSION;
      digest.copy(bytes, DIGEST_AT, 0, DIGEST_BYTES);
      bytes[KIND_AT] = kind;
      bytes.writeUInt16BE(size, SIZE_AT);
      bytes.writeUInt16BE(0, OFFSET_AT);
      if (token !== null) bytes.write(token, TOKEN_AT, 'latin1');
      page = { digest, kind, size, token };
      pageKey = untaggedMac(hmac, bytes.subarray(0, length));
      windowStart = -1;
    }
    const start = offset - (offset % WINDOW);
    if (start !== windowStart) {
      tags = offsetTags(pageKey, start, WINDOW);
      windowStart = start;
    }
    bytes.writeUInt16BE(offset, OFFSET_AT);
    tags.copy(bytes, 1, (offset - start) * TAG_BYTES, (offset - start + 1) * TAG_BYTES);
    return bytes.toString('base64url', 0, length);
  };
}

/**
 * The HMAC over a cursor's bytes without its tag: in version 4, with the offset cleared, the page key; in version 3,
 * with the offset rounded down to even, the tags of that offset and the next.
 */
const untaggedMac = (hmac: HmacSha256, bytes: Buffer) => hmac([bytes.subarray(0, 1), bytes.subarray(DIGEST_AT)]);

/** The tags of `count` offsets from `start` under a page key: AES-256 of blocks each holding its offset. */
function offsetTags(pageKey: Buffer, start: number, count: number): Buffer {
  const blocks = Buffer.alloc(count * TAG_BYTES);
  for (let i = 0; i < count; i++) blocks.writeUInt32BE(start + i, i * TAG_BYTES + TAG_BYTES - 4);
  const aes = createCipheriv('aes-256-ecb', pageKey, null);
  aes.setAutoPadding(false);
  return aes.update(blocks);
}

/** The tag a cursor of version 4 or 3 must carry. */
function expectedTag(raw: Buffer, hmac: HmacSha256): Buffer {
  const offset = raw.readUInt16BE(OFFSET_AT);
  const unsigned = Buffer.from(raw);
  if (raw[0] === COMPACT_VERSION) {
    unsigned.writeUInt16BE(0, OFFSET_AT);
    return offsetTags(untaggedMac(hmac, unsigned), offset, 1);
  }
  const half = offset & 1;
  unsigned.writeUInt16BE(offset - half, OFFSET_AT);
  return untaggedMac(hmac, unsigned).subarray(half * TAG_BYTES, (half + 1) * TAG_BYTES);
}

/**
 * Reads a compact cursor's bytes (version 4 or 3): its payload, or why it is refused. The tag is checked before
 * anything else is believed; then the binding.
 */
export function readCompact(raw: Buffer, hmac: HmacSha256, expectedDigest: Buffer, tagsEqual: (a: Buffer, b: Buffer) => boolean): Record<string, unknown> | Exclude<CursorProblem, 'version'> {
  if (raw.length < TOKEN_AT) return 'malformed';
  const kind = raw[KIND_AT]!;
  const offset = raw.readUInt16BE(OFFSET_AT);
  if (!tagsEqual(raw.subarray(1, DIGEST_AT), expectedTag(raw, hmac))) return 'tampered';
  // Only what the minter writes carries a valid tag; these checks guard against a change of this code, not clients.
  const tokenLength = raw.length - TOKEN_AT;
  if (kind > END || (kind === LATER_PAGE) !== tokenLength > 0) return 'malformed';
  if (!raw.subarray(DIGEST_AT, KIND_AT).equals(expectedDigest.subarray(0, DIGEST_BYTES))) return 'foreign';
  if (kind === END) return { e: 1 };
  return { t: kind === LATER_PAGE ? raw.toString('latin1', TOKEN_AT) : null, s: raw.readUInt16BE(SIZE_AT), o: offset };
}
