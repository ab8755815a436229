/** Node loading helpers: look up each ID, or group IDs by parent and scan each parent's listing once. */
import { TokenTrail } from '../../pagination/token-trail.js';
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import { placeKey, type Place } from '../../upstream/place.js';
import { scanCallBound } from '../call-bounds.js';
import type { GatewayContext } from '../context.js';
import { toGraphQLError } from './errors.js';
import { parseNodeKey } from './node-keys.js';
import { placeOfId } from './places.js';
import type { AwsServiceName } from './session.js';

/** A node key's IDs and checked place, or the error for that one key. */
function readKey<K extends string>(ctx: GatewayContext, service: AwsServiceName, key: string, names: readonly K[]): { ids: Record<K, string>; place: Place } | Error {
  const parsed = parseNodeKey(key, names);
  if (parsed instanceof Error) return parsed;
  const place = placeOfId(ctx, service, parsed.place, 'id');
  return place instanceof Error ? place : { ids: parsed.ids, place };
}

/** Loads each key on its own (services with GetSession); a failure affects only its key. */
export function loadEach<K extends string, T>(
  ctx: GatewayContext,
  service: AwsServiceName,
  keys: readonly string[],
  names: readonly K[],
  load: (ids: Record<K, string>, place: Place) => Promise<T>,
): Promise<(T | Error)[]> {
  return Promise.all(
    keys.map(async (key) => {
      const read = readKey(ctx, service, key, names);
      if (read instanceof Error) return read;
      try {
        return await load(read.ids, read.place);
      } catch (err) {
        return toGraphQLError(err, 'id') as Error;
      }
    }),
  );
}

/**
 * Loads keys grouped by their parent (all parts but the last), with one `scan` per parent, so that many IDs of one
 * parent cost one listing.
 */
export async function loadByParent<K extends string, T>(
  ctx: GatewayContext,
  service: AwsServiceName,
  keys: readonly string[],
  names: readonly K[],
  scan: (ctx: GatewayContext, parent: Record<K, string>, place: Place, sessionIds: Set<string>) => Promise<Map<string, T> | Error>,
  notFound: (ids: Record<K, string>) => Error,
): Promise<(T | Error)[]> {
  const last = names[names.length - 1]!;
  const parentKeyOf = ({ ids, place }: { ids: Record<K, string>; place: Place }) => `${placeKey(place)}${JSON.stringify(names.slice(0, -1).map((n) => ids[n]))}`;
  const parsed = keys.map((key) => readKey(ctx, service, key, names));
  const groups = new Map<string, { parent: Record<K, string>; place: Place; wanted: Set<string> }>();
  for (const read of parsed) {
    if (read instanceof Error) continue;
    const parentKey = parentKeyOf(read);
    const group = groups.get(parentKey) ?? { parent: read.ids, place: read.place, wanted: new Set<string>() };
    group.wanted.add(read.ids[last]);
    groups.set(parentKey, group);
  }
  const results = new Map<string, Promise<Map<string, T> | Error>>();
  for (const [parentKey, group] of groups) results.set(parentKey, scan(ctx, group.parent, group.place, group.wanted));
  return Promise.all(
    parsed.map(async (read) => {
      if (read instanceof Error) return read;
      const found = await results.get(parentKeyOf(read))!;
      if (found instanceof Error) return found;
      return found.get(read.ids[last]) ?? notFound(read.ids);
    }),
  );
}

/**
 * Finds sessions by ID in a listing that has no GetSession: one scan per parent, however many IDs of it are asked
 * for, stopping when all are found, at the end (or a token seen before), or at the scan's call bound.
 */
export async function findInListing(
  ctx: GatewayContext,
  op: OperationDescriptor,
  parent: OperationInput,
  place: Place,
  wanted: ReadonlySet<string>,
  idOf: (item: Record<string, unknown>) => unknown,
): Promise<Map<string, Record<string, unknown>> | Error> {
  const found = new Map<string, Record<string, unknown>>();
  let token: string | undefined;
  const trail = new TokenTrail(null);
  try {
    for (let calls = 0; calls < scanCallBound(ctx.limits); calls++) {
      const page = await ctx.loaders.page(op, parent, { token: token ?? null, size: op.paging!.maxPageSize }, place);
      for (const item of page.items) {
        const id = idOf(item);
        if (typeof id === 'string' && wanted.has(id)) found.set(id, item);
      }
      const next = trail.follow(page.nextToken);
      if (found.size === wanted.size || !next) break;
      token = next;
    }
  } catch (err) {
    return toGraphQLError(err) as Error;
  }
  return found;
}

/**
 * Loads sessions of a service without GetSession: IDs grouped by parent (all key parts but the last), one listing
 * scan per parent, each found item turned into its node.
 */
export function loadByListingScan<K extends string, P extends OperationInput, T>(
  ctx: GatewayContext,
  service: AwsServiceName,
  keys: readonly string[],
  names: readonly K[],
  spec: {
    op: OperationDescriptor;
    parentOf: (ids: Record<K, string>) => P;
    idOf: (item: Record<string, unknown>) => unknown;
    toNode: (item: Record<string, unknown>, parent: P, place: Place) => T;
    notFound: (ids: Record<K, string>) => Error;
  },
): Promise<(T | Error)[]> {
  return loadByParent(
    ctx,
    service,
    keys,
    names,
    async (c, ids, place, wanted) => {
      const parent = spec.parentOf(ids);
      const found = await findInListing(c, spec.op, parent, place, wanted, spec.idOf);
      return found instanceof Error ? found : new Map([...found].map(([id, item]) => [id, spec.toNode(item, parent, place)]));
    },
    spec.notFound,
  );
}
