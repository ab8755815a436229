/**
 * Node IDs: the key inside a global ID is a JSON array of the IDs that find a resource again (e.g. farm, queue, job and
 * session for Deadline), so no separator can collide with an ID's characters. Outside the service's default place
 * (its default region, the account `default`) the region and account alias follow; in it, the key is the IDs alone,
 * as every key was before regions and accounts existed, so those IDs still read and mean the same.
 */
import { GraphQLError } from 'graphql';
import type { Place } from '../../upstream/place.js';

/** Characters JSON writes as they are inside a string: AWS IDs, regions and account aliases are made of these. */
const VERBATIM = /^[\w.:/@+=,-]*$/;

/** JSON.stringify of an array of strings; joined directly when no part needs escaping (about 4x cheaper on Node 20). */
function jsonStrings(parts: readonly string[]): string {
  for (const part of parts) if (!VERBATIM.test(part)) return JSON.stringify(parts);
  return `["${parts.join('","')}"]`;
}

/** Writes a node key. */
export const nodeKey = (parts: readonly string[], place: Place): string => jsonStrings(place.home ? parts : [...parts, place.region, place.account]);

/** A node key read back: its IDs by name, and its place (undefined for a key of the default place). */
export interface ParsedNodeKey<K extends string> {
  ids: Record<K, string>;
  place: Place | undefined;
}

/** Reads a node key of `names.length` parts (and a place) into a record, or an error for that one ID. */
export function parseNodeKey<K extends string>(key: string, names: readonly K[]): ParsedNodeKey<K> | Error {
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    parts = undefined;
  }
  const placed = Array.isArray(parts) && parts.length === names.length + 2;
  if (!Array.isArray(parts) || (!placed && parts.length !== names.length) || !parts.every((p) => typeof p === 'string')) {
    return new GraphQLError('id: not a session ID this gateway issued', { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  }
  const ids = Object.fromEntries(names.map((n, i) => [n, parts[i] as string])) as Record<K, string>;
  return { ids, place: placed ? { region: parts[names.length] as string, account: parts[names.length + 1] as string } : undefined };
}

/** The error for a node the upstream does not have. */
export const nodeNotFound = (what: string) => new GraphQLError(`${what} was not found`, { extensions: { code: 'NOT_FOUND' } });
