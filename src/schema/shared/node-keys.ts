/**
 * Node IDs: the key inside a global ID is a JSON array of the IDs that find a session again
 * (e.g. farm, queue, job and session for Deadline), so no separator can collide with an ID's characters.
 */
import { GraphQLError } from 'graphql';
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import type { GatewayContext } from '../context.js';
import { toGraphQLError } from './errors.js';

/** Writes a node key. */
export const nodeKey = (parts: readonly string[]): string => JSON.stringify(parts);

/** Reads a node key of `names.length` parts into a record, or an error for that one ID. */
export function parseNodeKey<K extends string>(key: string, names: readonly K[]): Record<K, string> | Error {
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== names.length || !parts.every((p) => typeof p === 'string')) {
    return new GraphQLError('id: not a session ID this gateway issued', { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  }
  return Object.fromEntries(names.map((n, i) => [n, parts[i] as string])) as Record<K, string>;
}

/** The error for a node the upstream does not have. */
export const nodeNotFound = (what: string) => new GraphQLError(`${what} was not found`, { extensions: { code: 'NOT_FOUND' } });

/**
 * Finds sessions by ID in a listing that has no GetSession: one scan per parent, however many IDs of it are asked
 * for, stopping when all are found, at the end, or at the connection call bound.
 */
export async function findInListing(
  ctx: GatewayContext,
  op: OperationDescriptor,
  parent: OperationInput,
  wanted: ReadonlySet<string>,
  idOf: (item: Record<string, unknown>) => unknown,
): Promise<Map<string, Record<string, unknown>> | Error> {
  const found = new Map<string, Record<string, unknown>>();
  let token: string | undefined;
  try {
    for (let calls = 0; calls < ctx.limits.maxCallsPerConnection; calls++) {
      const page = await ctx.loaders.page(op, { ...parent, maxResults: op.paging!.maxPageSize, ...(token ? { nextToken: token } : {}) });
      for (const item of page.items) {
        const id = idOf(item);
        if (typeof id === 'string' && wanted.has(id)) found.set(id, item);
      }
      if (found.size === wanted.size || !page.nextToken || page.nextToken === token) break;
      token = page.nextToken;
    }
  } catch (err) {
    return toGraphQLError(err) as Error;
  }
  return found;
}
