/** The Pothos schema builder: plugins, context and scalar types. It defines no types itself. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from './context.js';
import { asEntryOfIds, decodeGlobalIDLeniently, unknownNodeError, type GlobalID } from './shared/global-ids.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  // Fields are non-null unless they say otherwise; connection fields say so, so one failing service leaves the
  // others' data in the same response.
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: false },
    // A malformed global ID fails its own entry with BAD_USER_INPUT, not the whole field (see shared/global-ids.ts).
    decodeGlobalID: decodeGlobalIDLeniently,
    nodeQueryOptions: {
      resolve: (_root, args, _ctx, info, resolveNode) => {
        const error = unknownNodeError(args.id, info.schema, 'id');
        if (error) throw error;
        return resolveNode(args.id);
      },
    },
    nodesQueryOptions: {
      // Pothos's own resolver would read `args.ids`; the good IDs are resolved here instead, without touching args.
      resolve: async (_root, args, ctx, info) => {
        const errors = args.ids.map((id, i) => unknownNodeError(id, info.schema, 'ids', i));
        const nodes = await resolveGoodNodes(ctx, info, args.ids.map((id, i) => (errors[i] ? null : id)));
        return nodes.map((node, i) => errors[i] ?? asEntryOfIds(node, i));
      },
    },
  },
});

/** Pothos's node loading for the IDs left (null entries stay null); `builder` is complete when a request comes. */
function resolveGoodNodes(ctx: object, info: GraphQLResolveInfo, ids: (GlobalID | null)[]): Promise<unknown[]> {
  return resolveNodes(builder, ctx, info, ids);
}

builder.queryType({ description: 'Sessions of AWS services, as Relay connections.' });
