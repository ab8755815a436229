/**
 * Opaque, versioned, tamper-evident cursors, bound to their connection's arguments: a cursor edited by a client, or
 * used with other arguments than it was minted for, is refused. Each carries a 16-byte tag, keyed by the cursor secret,
 * over its payload and a digest of the connection's arguments.
 * - Version 4 (`compact-cursor.ts`): a position in an upstream listing, as bytes; what list connections mint. Version
 *   3, its predecessor, is still read.
 * - Version 2: any other payload, as JSON: base64url of [2][tag][JSON payload with the digest as "b"]. Two
 *   neighbouring offsets share one HMAC-SHA256: it is computed with the offset's last bit cleared, and the bit says
 *   which 16-byte half the cursor carries, so each cursor's tag still covers its own offset.
 * - Version 1 (a tag over the whole JSON payload) is still read, so that clients page on across an upgrade.
 */
import { timingSafeEqual } from 'node:crypto';
import { COMPACT_VERSION, DIGEST_BYTES, PAIRED_VERSION, asCompact, createCompactMinter, readCompact } from './compact-cursor.js';
import { CursorError, type CursorProblem } from './cursor-error.js';
import { createHmacSha256, sha256 } from '../upstream/hmac.js';

const VERSION_1 = 1;
const VERSION_2 = 2;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + TAG_BYTES;
const MAX_CURSOR_CHARS = 16_384;

/** Mints and reads the cursors of one connection with given arguments. */
export interface BoundCursorCodec {
  /** Mints a cursor for `payload`. */
  encode(payload: object): string;
  /** Returns the payload, or throws a CursorError. */
  decode(cursor: string): Record<string, unknown>;
}

/** Encodes and decodes cursors under one secret. */
export interface CursorCodec {
  /** The codec for `binding` (a canonical description of a connection and its arguments); hashes the binding once. */
  bind(binding: string): BoundCursorCodec;
}

/** A canonical string for a connection's identity: its name and arguments with keys sorted and unset ones dropped. */
export function bindingOf(connection: string, args: Readonly<Record<string, unknown>>): string {
  const entries = Object.keys(args)
    .sort()
    .filter((k) => args[k] !== undefined && args[k] !== null)
    .map((k) => [k, args[k]]);
  return `${connection}:${JSON.stringify(entries)}`;
}

/** Creates a codec keyed by `secret`. */
export function createCursorCodec(secret: string | Buffer): CursorCodec {
  const hmac = createHmacSha256(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
  const versionBytes = [Buffer.from([VERSION_1]), Buffer.from([VERSION_2])];
  const mintCompact = createCompactMinter(hmac);
  // A cursor is assembled here, [version][tag][payload], and copied out as base64url.
  let scratch = Buffer.alloc(1024);
  const room = (chars: number) => {
    if (scratch.length < HEADER_BYTES + chars * 3) scratch = Buffer.alloc(HEADER_BYTES + chars * 3);
  };
  // The last HMAC, for the neighbouring offset minted next.
  let lastText = '';
  let lastMac: Buffer = Buffer.alloc(0);
  const macOf = (version: number, text: string): Buffer => {
    if (version === VERSION_2 && text === lastText) return lastMac;
    room(text.length);
    const length = scratch.write(text, HEADER_BYTES, 'utf8');
    const mac = hmac([versionBytes[version - 1]!, scratch.subarray(HEADER_BYTES, HEADER_BYTES + length)]);
    if (version === VERSION_2) [lastText, lastMac] = [text, mac];
    return mac;
  };

  const bind = (binding: string): BoundCursorCodec => {
    const digest = sha256(Buffer.from(binding, 'utf8')).subarray(0, DIGEST_BYTES);
    const b = digest.toString('base64url');
    const bJson = `"b":"${b}"}`;
    // The same text as JSON.stringify({ ...payload, b }), without copying the payload.
    const withBinding = (json: string) => (json === '{}' ? `{${bJson}` : `${json.slice(0, -1)},${bJson}`);
    return {
      encode(payload) {
        const compact = asCompact(payload);
        if (compact) return mintCompact(digest, compact);
        const text = withBinding(JSON.stringify(payload));
        const { evenText, half } = pairOf(payload, text, (p) => withBinding(JSON.stringify(p)));
        const mac = macOf(VERSION_2, evenText);
        room(text.length);
        const length = scratch.write(text, HEADER_BYTES, 'utf8');
        scratch[0] = VERSION_2;
        mac.copy(scratch, 1, half * TAG_BYTES, (half + 1) * TAG_BYTES);
        return scratch.toString('base64url', 0, HEADER_BYTES + length);
      },
      decode: (cursor) => decodeWith(b, digest, cursor),
    };
  };

  const decodeWith = (expectedDigest: string, digest: Buffer, cursor: string): Record<string, unknown> => {
    if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new CursorError('malformed', MESSAGES.malformed);
    }
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length <= HEADER_BYTES) throw new CursorError('malformed', MESSAGES.malformed);
    const version = raw[0]!;
    if (version === COMPACT_VERSION || version === PAIRED_VERSION) {
      const read = readCompact(raw, hmac, digest, timingSafeEqual);
      if (typeof read === 'string') throw new CursorError(read, MESSAGES[read]);
      return read;
    }
    if (version !== VERSION_2 && version !== VERSION_1) throw new CursorError('version', `has version ${version}; this gateway reads versions ${VERSION_1} to ${COMPACT_VERSION}`);
    const text = raw.subarray(HEADER_BYTES).toString('utf8');
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
    const isPayload = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
    let expected: Buffer;
    if (version === VERSION_1) {
      expected = macOf(VERSION_1, text).subarray(0, TAG_BYTES);
    } else {
      // Only the exact text encode writes is signed, so another spelling of the same payload is refused too.
      if (!isPayload || JSON.stringify(payload) !== text) throw new CursorError('tampered', MESSAGES.tampered);
      const { evenText, half } = pairOf(payload as object, text, (p) => JSON.stringify(p));
      expected = macOf(VERSION_2, evenText).subarray(half * TAG_BYTES, (half + 1) * TAG_BYTES);
    }
    if (!timingSafeEqual(raw.subarray(1, HEADER_BYTES), expected)) throw new CursorError('tampered', MESSAGES.tampered);
    if (!isPayload) throw new CursorError('malformed', MESSAGES.malformed);
    const { b, ...rest } = payload as Record<string, unknown>;
    if (b !== expectedDigest) throw new CursorError('foreign', MESSAGES.foreign);
    return rest;
  };

  return { bind };
}

const MESSAGES: Record<Exclude<CursorProblem, 'version'>, string> = {
  malformed: 'is not a cursor this gateway issued',
  tampered: 'was altered, or was issued by a gateway with another GATEWAY_CURSOR_SECRET',
  foreign: 'belongs to another connection or other arguments; page with the arguments it was issued for',
};

/**
 * The text whose HMAC a payload's tag is half of: the payload with its offset `o` rounded down to even, and which
 * half (the offset's last bit). Payloads without an offset use their own text and the first half.
 */
function pairOf(payload: object, text: string, textOf: (payload: object) => string): { evenText: string; half: 0 | 1 } {
  const o = (payload as { o?: unknown }).o;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || o % 2 === 0) return { evenText: text, half: 0 };
  return { evenText: textOf({ ...payload, o: o - 1 }), half: 1 };
}
