/**
 * How many upstream calls each reader may make. The resolvers stop their readers at these bounds and the cost
 * estimate adds up the same numbers, so the estimate is an upper bound on what an operation can call whatever the
 * upstream answers (short pages, empty pages, tokens that never end); the request's loaders refuse any call past the
 * estimate as well, so a gap between the two fails closed.
 */
import type { ConnectionLimits } from './context.js';

/** Calls a listing may make beyond the pages `first` needs: real services return short and empty pages. */
export const SHORT_PAGE_ALLOWANCE = 2;

const nominalPages = (first: number, pageLimit: number) => Math.ceil((first + 1) / pageLimit);

/**
 * One forward-only listing filling `first` items: the pages that needs (asking one item more, for hasNextPage), one
 * more when it resumes mid-page, and the short-page allowance; never more than the per-connection bound. A filter the
 * upstream cannot apply may drop any number of items, so a filtered listing may use the whole per-connection bound.
 */
export function listingCallBound(first: number, resumed: boolean, pageLimit: number, limits: ConnectionLimits, filtered = false): number {
  if (filtered) return limits.maxCallsPerConnection;
  return Math.min(limits.maxCallsPerConnection, nominalPages(first, pageLimit) + (resumed ? 1 : 0) + SHORT_PAGE_ALLOWANCE);
}

/** One source of a unified `sessions` connection, as the bounds see it. */
export interface BoundedSource {
  pageLimit: number;
  /** False when the filter rules the source out: it is never called. */
  called: boolean;
  /** In start-time order: the upstream sorts it, so it is read lazily. */
  presorted: boolean;
}

/** The bounds of a unified `sessions` connection: per source, and for the whole field. */
export interface SessionsCallBounds {
  perSource: number[];
  total: number;
}

/**
 * SOURCE order reads the sources one after another: each source at most its own listing bound, and all of them
 * together at most what `first` items need (as one listing over the smallest page limit) plus one call for each
 * further source, since every source costs a call even when it turns out empty. Start-time orders read every source
 * up to `pagesPerSortedSource` pages (a source the upstream sorts, also as many as `first` needs).
 */
export function sessionsCallBounds(
  sources: readonly BoundedSource[],
  args: { first: number; resumed: boolean; filtered: boolean; sorted: boolean },
  limits: ConnectionLimits,
): SessionsCallBounds {
  const called = sources.filter((s) => s.called);
  if (args.sorted) {
    const perSource = sources.map((s) => {
      if (!s.called) return 0;
      if (!s.presorted) return limits.pagesPerSortedSource;
      return Math.min(limits.maxCallsPerConnection, Math.max(limits.pagesPerSortedSource, listingCallBound(args.first, false, s.pageLimit, limits)));
    });
    return { perSource, total: sum(perSource) };
  }
  const perSource = sources.map((s) => (s.called ? listingCallBound(args.first, args.resumed, s.pageLimit, limits, args.filtered) : 0));
  if (called.length === 0) return { perSource, total: 0 };
  const smallestLimit = Math.min(...called.map((s) => s.pageLimit));
  const together = listingCallBound(args.first, args.resumed, smallestLimit, limits, args.filtered) + (called.length - 1);
  return { perSource, total: Math.min(sum(perSource), together) };
}

/** A listing scanned for node IDs (services without GetSession): at most the per-connection bound. */
export const scanCallBound = (limits: ConnectionLimits) => limits.maxCallsPerConnection;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
