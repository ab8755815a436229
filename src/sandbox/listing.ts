/** Paging over a stored list, the way the real services do it: opaque tokens, `maxResults` bounds, and uneven pages. */
import { createHash } from 'node:crypto';
import { decodePageToken, encodePageToken } from './page-tokens.js';
import { validation } from './sandbox-error.js';

/** Paging facts of one sandbox operation. */
export interface PagingRules { defaultSize: number; maxSize?: number }

/** Reads and checks `maxResults` as the service would. */
export function pageSize(raw: unknown, rules: PagingRules): number {
  if (raw === undefined || raw === null || raw === '') return rules.defaultSize;
  const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || (rules.maxSize !== undefined && n > rules.maxSize)) {
    throw validation(`1 validation error detected: Value '${String(raw)}' at 'maxResults' failed to satisfy constraint: Member must have value ${rules.maxSize !== undefined ? `less than or equal to ${rules.maxSize} and ` : ''}greater than or equal to 1`);
  }
  return n;
}

/** One page of `all`, resuming at `nextToken`; `binding` names the listing (parent, filters, sort). */
export function pageOf<T>(all: readonly T[], binding: string, size: number, nextToken: unknown): { items: T[]; nextToken?: string } {
  let offset = 0, generation = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== '') {
    const position = typeof nextToken === 'string' ? decodePageToken(binding, nextToken) : undefined;
    if (!position || position.offset > all.length) throw validation('Invalid nextToken');
    ({ offset, generation } = position);
  }
  const h = createHash('sha256').update(`${binding}|${offset}`).digest()[0]!;
  // Real services sometimes return an empty page that still carries a token, or a short one.
  if (generation === 0 && offset > 0 && offset < all.length && h % 13 === 7) {
    return { items: [], nextToken: encodePageToken(binding, { offset, generation: 1 }) };
  }
  const take = size >= 4 && h % 9 === 4 ? Math.ceil(size / 2) : size;
  const items = all.slice(offset, offset + take);
  const end = offset + items.length;
  return end < all.length ? { items, nextToken: encodePageToken(binding, { offset: end, generation: 0 }) } : { items };
}
