/**
 * CodeCatalyst is global: its one endpoint serves every space. What a client reads of it is in its space's region,
 * which GetSpace says (`regionName`): one call per space and request, shared by everything in that space and charged
 * by the cost estimate like any record a field reads.
 */
import { codeCatalystGetSpace } from '../../upstream/operations/index.js';
import type { Place } from '../../upstream/place.js';
import type { GatewayContext } from '../context.js';
import { asGraphQL } from '../shared/errors.js';
import { placeFieldDescriptions } from '../shared/session.js';
import { recordExtensions } from '../shared/upstream-cost.js';

const description = 'The AWS region of its space (GetSpace\'s regionName): CodeCatalyst itself is global, one endpoint for every region.';

/** The `region` of a value in the space `spaceNameOf` gives. */
export const spaceRegionField = <V extends { place: Place }>(t: any, spaceNameOf: (value: V) => string) => t.string({
  description,
  extensions: recordExtensions(['spaceName']),
  resolve: (value: V, _args: unknown, ctx: GatewayContext) => asGraphQL(async () => {
    const space = await ctx.loaders.record(codeCatalystGetSpace, { name: spaceNameOf(value) }, value.place);
    return typeof space.regionName === 'string' ? space.regionName : value.place.region;
  }, ctx.cancellation),
});

/** The `region` of a space: its own `regionName`, read with it. */
export const ownRegionField = <V extends { place: Place; item: Readonly<Record<string, unknown>> }>(t: any) => t.string({
  description,
  resolve: (value: V) => (typeof value.item.regionName === 'string' ? value.item.regionName : value.place.region),
});
