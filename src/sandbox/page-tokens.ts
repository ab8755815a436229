/**
 * The sandbox's page tokens: opaque, deterministic, bound to the listing they came from (its parent, filters and sort),
 * and written in standard base64, so that they contain `+`, `/` and `=` as real tokens do.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const KEY = 'sandbox-page-token-key';

/** Where a listing resumes: the item offset, and a generation that lets an empty page hand out a new token. */
export interface TokenPosition { offset: number; generation: number }

function mac(binding: string, body: Buffer): Buffer {
  return createHmac('sha256', KEY).update(binding).update(body).digest().subarray(0, 8);
}

/** Encodes a position for a listing. */
export function encodePageToken(binding: string, position: TokenPosition): string {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(position.offset, 0);
  body.writeUInt32BE(position.generation, 4);
  const mask = createHash('sha256').update(binding).update(body.subarray(4)).digest().subarray(0, 4);
  for (let i = 0; i < 4; i++) body[i]! ^= mask[i]!;
  return Buffer.concat([body, mac(binding, body), Buffer.from([position.offset & 0xff])]).toString('base64');
}

/** Decodes a token minted for this listing, or undefined when it was minted elsewhere or altered. */
export function decodePageToken(binding: string, token: string): TokenPosition | undefined {
  const raw = Buffer.from(token, 'base64');
  if (raw.length !== 17 || raw.toString('base64') !== token) return undefined;
  const body = Buffer.from(raw.subarray(0, 8));
  if (!timingSafeEqual(raw.subarray(8, 16), mac(binding, body))) return undefined;
  const mask = createHash('sha256').update(binding).update(body.subarray(4)).digest().subarray(0, 4);
  for (let i = 0; i < 4; i++) body[i]! ^= mask[i]!;
  return { offset: body.readUInt32BE(0), generation: body.readUInt32BE(4) };
}
