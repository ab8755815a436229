/**
 * What a field or node type costs upstream, declared where it is defined (as GraphQL extensions) and read back from
 * the schema by the cost estimate, so a new field states its cost beside its resolver and no table drifts.
 */
import type { GraphQLField, GraphQLNamedType } from 'graphql';
import type { OperationDescriptor } from '../../upstream/operation.js';

/** How a node type is loaded: one call per ID, or one listing scan per parent (the key's parts but the last). */
export type NodeLoad = { by: 'get' } | { by: 'scan'; key: readonly string[] };

/** Extensions of a connection field over the listing `op`, whose items all share the key parts `fixes`. */
export const listingExtensions = (op: OperationDescriptor, fixes: readonly string[] = pathMembers(op)) => ({ upstreamListing: op, upstreamFixes: fixes });

/** Extensions of a field that loads one record (a parent) keyed by `key`. */
export const recordExtensions = (key: readonly string[]) => ({ upstreamRecord: { key } });

/** The members an operation takes in its path: every item it lists belongs to them. */
const pathMembers = (op: OperationDescriptor) => Object.entries(op.members).filter(([, b]) => b.location === 'path').map(([name]) => name);

/** Extensions of a node type loaded as `load` says. */
export const nodeLoadExtensions = (load: NodeLoad) => ({ nodeLoad: load });

/** The listing a field pages through, if it is a connection over one. */
export const listingOf = (field: GraphQLField<unknown, unknown>): OperationDescriptor | undefined =>
  (field.extensions as { upstreamListing?: OperationDescriptor }).upstreamListing;

/** How a node type is loaded, if it is one the gateway loads. */
export const nodeLoadOf = (type: GraphQLNamedType | undefined | null): NodeLoad | undefined =>
  (type?.extensions as { nodeLoad?: NodeLoad } | undefined)?.nodeLoad;

/** The key parts every item of a listing field shares. */
export const fixesOf = (field: GraphQLField<unknown, unknown>): readonly string[] =>
  (field.extensions as { upstreamFixes?: readonly string[] }).upstreamFixes ?? [];

/** The key of the record a back-reference field loads, if it is one. */
export const recordOf = (field: GraphQLField<unknown, unknown>): { key: readonly string[] } | undefined =>
  (field.extensions as { upstreamRecord?: { key: readonly string[] } }).upstreamRecord;
