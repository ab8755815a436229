/**
 * Where a forward-only upstream listing resumes: the upstream page (its `nextToken` and the page size it was read
 * with) and the offset within it, or the end of the listing.
 */
import { CursorError } from './cursor-error.js';

/** Resume inside (or at the start of) the page that `token` names, read with `size` items. */
export interface PagePosition {
  /** The upstream token of the page; null for the first page. */
  token: string | null;
  size: number;
  /** How many items of that page lie before the resume point. */
  offset: number;
}

/** A position: in a page, or past the last item. */
export type Position = PagePosition | { end: true };

/** The start of a listing. */
export const START: PagePosition = { token: null, size: 0, offset: 0 };

export const isEnd = (p: Position): p is { end: true } => 'end' in p;

/** The compact form a cursor carries. */
export function positionToPayload(p: Position): object {
  return isEnd(p) ? { e: 1 } : { t: p.token, s: p.size, o: p.offset };
}

/** Reads a position back from a decoded cursor payload, refusing anything that does not have the shape. */
export function positionFromPayload(payload: Record<string, unknown>): Position {
  if (payload['e'] === 1) return { end: true };
  const { t, s, o } = payload;
  const okToken = t === null || (typeof t === 'string' && t.length > 0);
  const okSize = typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= 10_000;
  const okOffset = typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= 10_000;
  if (!okToken || !okSize || !okOffset) throw new CursorError('malformed', 'is not a cursor this gateway issued');
  return { token: t as string | null, size: s as number, offset: o as number };
}
