/**
 * The one resolver behind every per-service connection: check the arguments, decode the cursor, fill the page through
 * the request's DataLoaders, and mint a cursor per edge. Nothing is sent before every argument has been checked.
 */
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { bindingOf } from '../../pagination/cursor-codec.js';
import { fillPage } from '../../pagination/fill-page.js';
import { START, positionFromPayload } from '../../pagination/position.js';
import { toConnection, type Connection } from '../../pagination/connection.js';
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import type { Place } from '../../upstream/place.js';
import { validateInput } from '../../upstream/validate.js';
import { listingCallBound } from '../call-bounds.js';
import type { ConnectionLimits, GatewayContext } from '../context.js';
import { SERVICE_NAME } from './access.js';
import { asGraphQL, badUserInput, budgetExhausted } from './errors.js';
import { forbiddenAt, placeOf, type PlaceArgs } from './places.js';

/** Relay paging arguments; backward paging is not offered because every upstream pages forward only. */
export interface PagingArgs {
  first?: number | null;
  after?: string | null;
}

/** Why `first` breaks the configured bounds, or undefined when it keeps them (or is left out). */
export function firstProblem(first: number | null | undefined, limits: Pick<ConnectionLimits, 'maxFirst'>): string | undefined {
  if (first === undefined || first === null) return undefined;
  if (first < 0) return `first must not be negative (got ${first})`;
  if (first > limits.maxFirst) return `first must be at most ${limits.maxFirst} (got ${first})`;
  return undefined;
}

/** The page size asked for, checked against the configured bounds. */
export function checkFirst(first: number | null | undefined, ctx: GatewayContext): number {
  const problem = firstProblem(first, ctx.limits);
  if (problem) throw badUserInput('first', problem);
  return first ?? ctx.limits.defaultFirst;
}

/**
 * The binding of a listing's cursors: the field, its input and, outside the service's default place, the place. In the
 * default place it is what it was before places existed, so cursors minted then still resume.
 */
export function placedBinding(field: string, input: OperationInput, place: Place): string {
  return bindingOf(field, place.home ? input : { ...input, '@region': place.region, '@account': place.account });
}

/** Resolves a connection over a list operation, in the place a root field's arguments name or its parent's. */
export function resolveListConnection<N>(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  spec: {
    field: string; op: OperationDescriptor; input: OperationInput;
    /** The parent's place, or the place arguments of a root field. */
    place: Place | { args: PlaceArgs };
    args: PagingArgs; toNode: (item: Record<string, unknown>, place: Place) => N;
  },
): Promise<Connection<N>> {
  return asGraphQL(async () => {
    const { op, input, args } = spec;
    const service = SERVICE_NAME[op.service.id];
    let place: Place;
    if ('args' in spec.place) place = placeOf(ctx, service, spec.place.args);
    else {
      place = spec.place;
      const denied = forbiddenAt(ctx, service, place, spec.field);
      if (denied) throw denied;
    }
    const first = checkFirst(args.first, ctx);
    validateInput(op, input);
    const codec = ctx.cursors.bind(placedBinding(spec.field, input, place));
    const from = args.after ? positionFromPayload(codec.decode(args.after)) : START;
    const paging = op.paging!;
    const page = await fillPage({
      first,
      from,
      minPageSize: paging.minPageSize,
      maxPageSize: paging.maxPageSize,
      maxCalls: listingCallBound(first, Boolean(args.after), paging.maxPageSize, ctx.limits),
      fetch: (at) => ctx.loaders.page(op, input, at, place),
    });
    if (page.exhausted) ctx.fieldErrors.push(budgetExhausted(page.exhausted, responsePathAsArray(info.path)));
    return toConnection(page, { codec, resumed: Boolean(args.after), toNode: (item) => spec.toNode(item, place) });
  }, ctx.cancellation);
}
