/**
 * Discovery: the listings below a scope (every job of a farm, every portal of a service) found by walking the parent
 * listings above them. SOURCE order walks depth-first and lazily from a path of positions, one per level, so a cursor
 * can resume the walk where it stopped without server state; start-time orders need every leaf, so they list whole
 * levels, siblings in parallel.
 */
import { CallBudgetExhausted } from './call-budget.js';
import type { FetchedPage, PageRequest } from './fill-page.js';
import type { PagePosition } from './position.js';
import { TokenTrail } from './token-trail.js';

/** One level of parents: how to list the children of a parent `C`, and what each child is. */
export interface DiscoveryLevel<C> {
  pageSize: number;
  fetch(parent: C, at: PageRequest): Promise<FetchedPage<unknown>>;
  /** The child an item stands for, or undefined when a pruning rule shows nothing below it can match. */
  child(parent: C, item: unknown): C | undefined;
}

/** What a walk finds: a leaf at `path`, or a parent whose listing failed (nothing below it is reached). */
export type Discovered<C> =
  | { path: PagePosition[]; leaf: C }
  | { path: PagePosition[]; failed: C; error: unknown };

/** More leaves than a field may discover. */
export class TooManySourcesError extends Error {
  override readonly name = 'TooManySourcesError';
  constructor(readonly limit: number) {
    super(`the scope holds more than ${limit} session sources (GATEWAY_MAX_DISCOVERED_SOURCES); narrow it or filter it`);
  }
}

/** One page of `parent`'s children, or why it failed; running out of calls is thrown, since it stops the whole walk. */
async function listPage<C>(level: DiscoveryLevel<C>, parent: C, at: PagePosition): Promise<FetchedPage<unknown> | { error: unknown }> {
  try {
    return await level.fetch(parent, { token: at.token, size: at.size });
  } catch (error) {
    if (error instanceof CallBudgetExhausted) throw error;
    return { error };
  }
}

/**
 * Leaves below `parent` in listing order, from `from` on (inclusive: the leaf at `from` comes first when it is still
 * there). A failing listing is yielded and its subtree skipped; running out of calls is thrown, since it stops the
 * whole walk.
 */
export async function* walk<C>(levels: readonly DiscoveryLevel<C>[], parent: C, from?: readonly PagePosition[]): AsyncGenerator<Discovered<C>> {
  const [level, ...below] = levels;
  if (!level) {
    yield { path: [], leaf: parent };
    return;
  }
  let at: PagePosition = from?.[0] ?? { token: null, size: level.pageSize, offset: 0 };
  let resume = from && from.length > 1 ? from.slice(1) : undefined;
  const trail = new TokenTrail(at.token);
  for (;;) {
    const page = await listPage(level, parent, at);
    if ('error' in page) {
      yield { path: [at], failed: parent, error: page.error };
      return;
    }
    for (let index = at.offset; index < page.items.length; index++) {
      const child = level.child(parent, page.items[index]);
      const here: PagePosition = { token: at.token, size: at.size, offset: index };
      const deeper = index === at.offset ? resume : undefined;
      resume = undefined;
      if (child === undefined) continue;
      for await (const found of walk(below, child, deeper)) yield { ...found, path: [here, ...found.path] };
    }
    const next = trail.follow(page.nextToken);
    if (!next) return;
    at = { token: next, size: level.pageSize, offset: 0 };
  }
}

/** Every leaf below `parent`, in listing order; sibling subtrees are listed in parallel. Throws past `limit.max` leaves. */
export async function discoverAll<C>(levels: readonly DiscoveryLevel<C>[], parent: C, limit: { max: number; found: number }): Promise<Discovered<C>[]> {
  const [level, ...below] = levels;
  if (!level) {
    if (++limit.found > limit.max) throw new TooManySourcesError(limit.max);
    return [{ path: [], leaf: parent }];
  }
  const children: C[] = [];
  const trail = new TokenTrail(null);
  let at: PagePosition = { token: null, size: level.pageSize, offset: 0 };
  for (;;) {
    // A sibling subtree already went past the limit: the walk has failed, so this branch stops calling too.
    if (limit.found > limit.max) throw new TooManySourcesError(limit.max);
    const page = await listPage(level, parent, at);
    if ('error' in page) return [{ path: [at], failed: parent, error: page.error }];
    for (const item of page.items) {
      const child = level.child(parent, item);
      if (child !== undefined) children.push(child);
    }
    const next = trail.follow(page.nextToken);
    if (!next) break;
    at = { token: next, size: level.pageSize, offset: 0 };
  }
  const found = await Promise.all(children.map((child) => discoverAll(below, child, limit)));
  return found.flat();
}
