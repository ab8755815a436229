/**
 * Pothos's relay plugin resolves every node's `id` through an async function (its globalID field awaits the key, even
 * a key computed synchronously), so each node of a page held back its object behind a promise, and the compiled
 * execution completed 25 of them per page one microtask at a time. The key functions here are synchronous: after the
 * schema is built, each Node type's `id` gets a resolver that encodes the same key the same way, at once. A key that
 * is a promise is still awaited.
 */
import { completeValue } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { isNodeType } from './global-ids.js';

type KeyResolver = GraphQLFieldResolver<unknown, unknown>;

/** Gives every Node type's `id` a synchronous resolver. */
export function resolveNodeIdsSynchronously(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isNodeType(type)) continue;
    // Where Pothos keeps `builder.node({ id: { resolve } })`'s options: the key function the relay plugin wraps.
    const keyOf = (type.extensions as { pothosOptions?: { id?: { resolve?: KeyResolver } } }).pothosOptions?.id?.resolve;
    const field = type.getFields()['id'];
    if (!keyOf || !field) throw new Error(`${type.name} implements Node without an id key function`);
    const typename = type.name;
    // As the plugin encodes: base64 of "Type:key" (the builder sets no encodeGlobalID of its own).
    field.resolve = (parent, args, ctx, info) => completeValue(keyOf(parent, args, ctx, info) as string, (key) => encodeGlobalID(typename, String(key)));
  }
}
