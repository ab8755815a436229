/**
 * Node IDs: the key inside a global ID is a JSON array of the IDs that find a session again
 * (e.g. farm, queue, job and session for Deadline), so no separator can collide with an ID's characters.
 */
import { GraphQLError } from 'graphql';

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
