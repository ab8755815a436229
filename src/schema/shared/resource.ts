/**
 * The resource graph's building blocks, so that a new resource is a page of data: `resourceNode` declares a Node type
 * refetched through its Get operation; `listingField` a connection over a List operation (at the root or on a
 * parent); `parentField` a back-reference that loads a parent through the same Get, shared with `node` lookups by
 * the request's record loader. Each declares its upstream cost as extensions, where the estimate reads it.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import type { Place } from '../../upstream/place.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { guardNodeLoad } from './access.js';
import { asGraphQL } from './errors.js';
import { upstreamFields, type FieldKind } from './fields.js';
import { resolveListConnection } from './list-connection.js';
import { loadEach } from './load-nodes.js';
import { nodeKey } from './node-keys.js';
import { pagingArgs } from './paging-args.js';
import { forbiddenAt, placeArgs, type PlaceArgs } from './places.js';
import { accountIdOf, placeFieldDescriptions, type AwsServiceName } from './session.js';
import { listingExtensions, nodeLoadExtensions, recordExtensions } from './upstream-cost.js';

/** A resource as resolvers pass it on: its type, the IDs that find it again (its own and its parents'), and the upstream record. */
export interface ResourceValue {
  $type: string;
  ids: Readonly<Record<string, string>>;
  item: Readonly<Record<string, unknown>>;
  /** The region and account it was read in; its children are read there too. */
  place: Place;
}

/** A resource type as data. */
export interface ResourceSpec<K extends string> {
  name: string;
  service: AwsServiceName;
  description: string;
  /** The IDs of its global ID, parents first: each is a field of the type (an ID!). */
  key: readonly K[];
  /** Where each key part is read from an upstream item when the parent did not give it (default: the same name). */
  keyFrom?: Partial<Record<K, string>>;
  get: OperationDescriptor;
  /** Renames a Get record's members to the list summary's names, where the service names them differently. */
  normalize?: (item: Record<string, unknown>) => Record<string, unknown>;
  /** The Get operation's input for the IDs (default: the IDs themselves). */
  getInput?: (ids: Record<K, string>) => OperationInput;
  fields: Readonly<Record<string, FieldKind>>;
  /** The member holding the resource's ARN, where the service returns one (`accountId` reads it). */
  arn?: string;
  /** Its `region` field, where that is not the region it was read in (CodeCatalyst: its space's). */
  regionField?: (t: any) => unknown;
}

/** A declared resource: its Pothos ref, and how to build and load its values. */
export interface Resource<K extends string> {
  spec: ResourceSpec<K>;
  ref: any;
  /** The IDs of an upstream item, with those the request already knew. */
  idsOf(item: Record<string, unknown>, known: Partial<Record<string, string>>): Record<K, string>;
  /** A value from an upstream item read in `place`, with the IDs the request already knew (a listing's parent). */
  from(item: Record<string, unknown>, known: Partial<Record<string, string>>, place: Place): ResourceValue;
  /** Loads one resource through its Get operation (DataLoader-batched and shared with `node`). */
  load(ctx: GatewayContext, ids: Record<K, string>, place: Place): Promise<ResourceValue>;
}

/** Declares a resource type implementing Node. */
export function resourceNode<K extends string>(spec: ResourceSpec<K>): Resource<K> {
  const idsOf = (item: Record<string, unknown>, known: Partial<Record<string, string>>) =>
    Object.fromEntries(spec.key.map((k) => [k, known[k] ?? String(item[spec.keyFrom?.[k] ?? k] ?? '')])) as Record<K, string>;
  const from = (raw: Record<string, unknown>, known: Partial<Record<string, string>>, place: Place): ResourceValue => {
    const item = spec.normalize ? spec.normalize(raw) : raw;
    return { $type: spec.name, ids: idsOf(item, known), item, place };
  };
  const load = async (ctx: GatewayContext, ids: Record<K, string>, place: Place) =>
    from(await ctx.loaders.record(spec.get, spec.getInput ? spec.getInput(ids) : ids, place), ids, place);

  const ref = builder.loadableNode(spec.name as never, {
    description: spec.description,
    extensions: nodeLoadExtensions({ by: 'get' }),
    isTypeOf: (value: unknown) => (value as ResourceValue | undefined)?.$type === spec.name,
    id: { resolve: (v: ResourceValue) => nodeKey(spec.key.map((k) => v.ids[k]!), v.place) },
    load: guardNodeLoad(spec.service, (keys: string[], ctx) => loadEach(ctx, spec.service, keys, spec.key, (ids, place) => load(ctx, ids, place))),
    fields: (t: any) => ({
      ...Object.fromEntries(spec.key.map((k) => [k, t.field({ type: 'ID', resolve: (v: ResourceValue) => v.ids[k] })])),
      ...upstreamFields<ResourceValue>(t, spec.fields, (v) => v.item),
      ...placeFields<ResourceValue>(t, (v) => (spec.arn ? v.item[spec.arn] : undefined)),
      ...(spec.regionField ? { region: spec.regionField(t) } : {}),
    }),
  } as never) as any;
  return { spec, ref, idsOf: (raw, known) => idsOf(spec.normalize ? spec.normalize(raw) : raw, known), from, load };
}

/** `region`, `account` and `accountId` of a type whose values carry their place. */
export function placeFields<P extends { place: Place }>(t: any, arnOf: (value: P) => unknown) {
  return {
    region: t.string({ description: placeFieldDescriptions.region, resolve: (v: P) => v.place.region }),
    account: t.string({ description: placeFieldDescriptions.account, resolve: (v: P) => v.place.account }),
    accountId: t.string({ nullable: true, description: placeFieldDescriptions.accountId, resolve: (v: P, _args: unknown, ctx: GatewayContext) => accountIdOf(ctx, v.place, arnOf(v)) }),
  };
}

/** The connection type of a resource: `<name>Connection` with `<name>Edge`. */
export const resourceConnection = (resource: Resource<string>) =>
  builder.connectionObject({ type: resource.ref as never, name: `${resource.spec.name}Connection` }, { name: `${resource.spec.name}Edge` });

/** A connection field over a List operation: on the root (parent undefined) or on a parent type. */
export interface ListingSpec<P, A> {
  /** Names the listing in its cursors, e.g. `DeadlineFarm.queues`; a cursor of one field never pages another. */
  field: string;
  /** A root field: it takes `region` and `account`; a listing on a parent reads where its parent was read. */
  root?: boolean;
  op: OperationDescriptor;
  connection: any;
  description: string;
  /** Arguments besides first/after. */
  args?: (t: any) => Record<string, unknown>;
  input: (parent: P, args: A) => OperationInput;
  /** Key parts every item of this listing shares with its parent (a back-reference to them costs one call). */
  fixes: readonly string[];
  toNode: (item: Record<string, unknown>, parent: P, args: A, place: Place) => unknown;
}

/** The Pothos field of a listing. */
export function listingField<P, A>(t: any, spec: ListingSpec<P, A>) {
  return t.field({
    type: spec.connection,
    nullable: true,
    extensions: listingExtensions(spec.op, spec.fixes),
    description: spec.description,
    args: { ...(spec.args ? spec.args(t) : {}), ...(spec.root ? placeArgs(t.arg) : {}), ...pagingArgs(t.arg) },
    resolve: (parent: P, args: A & PlaceArgs & { first?: number | null; after?: string | null }, ctx: GatewayContext, info: GraphQLResolveInfo) =>
      resolveListConnection(ctx, info, {
        field: spec.field,
        op: spec.op,
        input: spec.input(parent, args),
        place: spec.root ? { args } : (parent as { place: Place }).place,
        args: { first: args.first, after: args.after },
        toNode: (item, place) => spec.toNode(item, parent, args, place),
      }),
  });
}

/** A back-reference from a value to a parent resource; null when the value does not say which. */
export function parentField<P extends { place: Place }, K extends string>(t: any, parent: Resource<K>, idsOf: (value: P) => Record<K, string> | null, description: string) {
  return t.field({
    type: parent.ref,
    nullable: true,
    description,
    extensions: recordExtensions(parent.spec.key),
    resolve: (value: P, _args: unknown, ctx: GatewayContext) => {
      const ids = idsOf(value);
      if (!ids || Object.values(ids).some((v) => !v)) return null;
      return asGraphQL(async () => {
        const denied = forbiddenAt(ctx, parent.spec.service, value.place, parent.spec.name);
        if (denied) throw denied;
        return parent.load(ctx, ids, value.place);
      }, ctx.cancellation);
    },
  });
}
