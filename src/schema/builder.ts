/** The Pothos schema builder: plugins, context and scalar types. It defines no types itself. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './context.js';
import { asEntryOfIds, decodeGlobalIDLeniently, unknownNodeError } from './shared/global-ids.js';

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
      resolve: async (_root, args, _ctx, info, resolveNodes) => {
        const errors = args.ids.map((id, i) => unknownNodeError(id, info.schema, 'ids', i));
        // Pothos resolves `args.ids` itself; an entry that is null is skipped.
        const ids = args.ids;
        (args as { ids: (typeof ids[number] | null)[] }).ids = ids.map((id, i) => (errors[i] ? null : id));
        const nodes = await resolveNodes(ids);
        return nodes.map((node, i) => errors[i] ?? asEntryOfIds(node, i));
      },
    },
  },
});

builder.queryType({ description: 'Sessions of AWS services, as Relay connections.' });
