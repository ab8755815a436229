/**
 * The relay plugin gives each connection's `edges` and `pageInfo`, and each edge's `node`, a resolver that only reads
 * the member of that name (`(parent) => parent.edges`); for loadable node types the dataloader plugin wraps `node` to
 * load keys, which our edges never hold (they carry the nodes themselves). graphql-jit reads a field without a
 * resolver inline, where a resolver costs it a call, three closures, a path and a resolve-info object, per edge of
 * every page. So once the schema is built these fields lose their resolvers, and both executors read the member
 * directly, as graphql's default resolver does. A field whose resolver does anything else keeps it.
 */
import { getNamedType, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** Whether `resolve` is written as `(x) => x.<name>` and nothing more. */
const readsOnly = (resolve: GraphQLFieldResolver<unknown, unknown> | undefined, name: string): boolean =>
  resolve !== undefined && new RegExp(`^\\(?(\\w+)\\)?=>\\1\\.${name}$`).test(String(resolve).replace(/\s+/g, ''));

/** The field's resolver as the plugin declared it, before other plugins wrapped it. */
const declaredResolver = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions as { pothosOriginalResolve?: GraphQLFieldResolver<unknown, unknown> }).pothosOriginalResolve ?? field.resolve;

/** Drops the resolvers of connections' `edges` and `pageInfo` and edges' `node` that only read the member. */
export function readConnectionMembersDirectly(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const { edges, pageInfo } = type.getFields();
    if (!edges || !pageInfo) continue;
    const edge = getNamedType(edges.type);
    const node = isObjectType(edge) ? edge.getFields()['node'] : undefined;
    for (const field of [edges, pageInfo, node]) {
      if (field && readsOnly(declaredResolver(field), field.name)) field.resolve = undefined;
    }
  }
}
