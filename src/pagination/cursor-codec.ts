/**
 * Opaque, versioned, tamper-evident cursors: base64url of [version][HMAC-SHA256 tag][JSON payload].
 * The tag covers the payload and a digest of the connection's arguments, so a cursor edited by a client,
 * or used with other arguments than it was minted for, is refused.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createHmacSha256 } from './hmac.js';

const VERSION = 1;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + TAG_BYTES;
const MAX_CURSOR_CHARS = 16_384;

/** Why a cursor was refused. */
export type CursorProblem = 'malformed' | 'version' | 'tampered' | 'foreign';

/** A cursor that cannot be used here. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor(readonly problem: CursorProblem, message: string) {
    super(message);
  }
}

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
  const versionByte = Buffer.from([VERSION]);
  const digest = (binding: string) => createHash('sha256').update(binding).digest().subarray(0, 12).toString('base64url');
  const tag = (body: Uint8Array) => hmac([versionByte, body]).subarray(0, TAG_BYTES);
  // A cursor is assembled here, [version][tag][body], and copied out as base64url: one string per cursor, no buffers.
  let scratch = Buffer.alloc(1024);

  const bind = (binding: string): BoundCursorCodec => {
    const b = digest(binding);
    const bJson = `"b":"${b}"}`;
    return {
      encode(payload) {
        // The same bytes as JSON.stringify({ ...payload, b }), without copying the payload.
        const json = JSON.stringify(payload);
        const text = json === '{}' ? `{${bJson}` : `${json.slice(0, -1)},${bJson}`;
        if (scratch.length < HEADER_BYTES + text.length * 3) scratch = Buffer.alloc(HEADER_BYTES + text.length * 3);
        const length = scratch.write(text, HEADER_BYTES, 'utf8');
        const body = scratch.subarray(HEADER_BYTES, HEADER_BYTES + length);
        scratch[0] = VERSION;
        tag(body).copy(scratch, 1);
        return scratch.toString('base64url', 0, HEADER_BYTES + length);
      },
      decode: (cursor) => decodeWith(b, cursor),
    };
  };

  const decodeWith = (expectedDigest: string, cursor: string): Record<string, unknown> => {
    if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new CursorError('malformed', 'is not a cursor this gateway issued');
    }
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length <= HEADER_BYTES) throw new CursorError('malformed', 'is not a cursor this gateway issued');
    if (raw[0] !== VERSION) throw new CursorError('version', `has version ${raw[0]}; this gateway reads version ${VERSION}`);
    const body = raw.subarray(HEADER_BYTES);
    if (!timingSafeEqual(raw.subarray(1, HEADER_BYTES), tag(body))) {
      throw new CursorError('tampered', 'was altered, or was issued by a gateway with another GATEWAY_CURSOR_SECRET');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new CursorError('malformed', 'is not a cursor this gateway issued');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new CursorError('malformed', 'is not a cursor this gateway issued');
    const { b, ...rest } = payload as Record<string, unknown>;
    if (b !== expectedDigest) throw new CursorError('foreign', 'belongs to another connection or other arguments; page with the arguments it was issued for');
    return rest;
  };

  return { bind };
}
