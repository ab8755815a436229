/**
 * The `region` and `account` arguments of every root field, source and scope: checked against GATEWAY_REGIONS and
 * GATEWAY_ACCOUNTS (BAD_USER_INPUT naming the argument) and against the principal's grants (FORBIDDEN), before any
 * upstream call. CodeCatalyst is global and signs in with a bearer token: a region only has to be allowed, and its
 * calls always go to its one endpoint with its token.
 */
import { GraphQLError } from 'graphql';
import { DEFAULT_ACCOUNT, samePlace, type Place } from '../../upstream/place.js';
import { regionProblem } from '../../upstream/regions.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from './errors.js';
import type { ArgBuilder } from './paging-args.js';
import type { AwsServiceName } from './session.js';

/** The place arguments as resolvers receive them. */
export interface PlaceArgs {
  region?: string | null;
  account?: string | null;
}

const SERVICE_ID: Record<AwsServiceName, string> = { NOVA_ACT: 'nova-act', WORKSPACES_WEB: 'workspaces-web', DEADLINE: 'deadline', CODECATALYST: 'codecatalyst' };

/** Pothos arguments `region` and `account`. */
export const placeArgs = (arg: ArgBuilder) => ({
  region: arg.string({ description: 'The AWS region to read (one of GATEWAY_REGIONS); default: the service\'s configured region.' }),
  account: arg.string({ description: 'The account to read, by its alias in GATEWAY_ACCOUNTS; default: `default`, the gateway\'s own credentials.' }),
});

/** A service's place when the client names none. */
export function defaultPlace(ctx: GatewayContext, service: AwsServiceName): Place {
  return { region: ctx.places.defaultRegions[SERVICE_ID[service]] ?? 'us-east-1', account: DEFAULT_ACCOUNT, home: true };
}

/** Why the client may not name `region` for `service`, or undefined. */
function regionRefusal(ctx: GatewayContext, service: AwsServiceName, region: string): string | undefined {
  const home = defaultPlace(ctx, service).region;
  if (region === home) return undefined;
  const problem = regionProblem(region, home);
  if (problem) return problem;
  if (!ctx.places.regions.includes(region)) return `${region} is not one of the regions this gateway may read (GATEWAY_REGIONS: ${[...new Set([home, ...ctx.places.regions])].join(', ')})`;
  return undefined;
}

/** Why the client may not name `account` for `service`, or undefined. */
function accountRefusal(ctx: GatewayContext, service: AwsServiceName, account: string): string | undefined {
  if (account === DEFAULT_ACCOUNT) return undefined;
  if (!Object.hasOwn(ctx.places.accounts, account)) {
    const known = [DEFAULT_ACCOUNT, ...Object.keys(ctx.places.accounts)].join(', ');
    return `${JSON.stringify(account)} is not an account alias of this gateway (GATEWAY_ACCOUNTS: ${known})`;
  }
  if (service === 'CODECATALYST') return 'CodeCatalyst signs in with a bearer token, not an account\'s role: it is read with the account default only';
  return undefined;
}

/** The arguments errors name, and what a FORBIDDEN error says was refused. */
export interface PlaceArgNames {
  region: string;
  account: string;
  what: string;
}

/** The place that `args` name for `service`, checked. Throws BAD_USER_INPUT (naming the argument) or FORBIDDEN. */
export function placeOf(ctx: GatewayContext, service: AwsServiceName, args: PlaceArgs, names: PlaceArgNames = { region: 'region', account: 'account', what: 'this field' }): Place {
  const home = defaultPlace(ctx, service);
  let place: Place = { region: home.region, account: home.account };
  if (args.region !== undefined && args.region !== null) {
    const refusal = regionRefusal(ctx, service, args.region);
    if (refusal) throw badUserInput(names.region, `${names.region}: ${refusal}`);
    if (service !== 'CODECATALYST') place.region = args.region;
  }
  if (args.account !== undefined && args.account !== null) {
    const refusal = accountRefusal(ctx, service, args.account);
    if (refusal) throw badUserInput(names.account, `${names.account}: ${refusal}`);
    place.account = args.account;
  }
  if (samePlace(place, home)) place = home;
  const denied = forbiddenAt(ctx, service, place, names.what);
  if (denied) throw denied;
  return place;
}

/** A place read back from an ID this gateway minted: checked as if the client had named it (the settings may have changed). */
export function placeOfId(ctx: GatewayContext, service: AwsServiceName, place: Place | undefined, argument: string): Place | GraphQLError {
  if (!place) {
    const home = defaultPlace(ctx, service);
    return forbiddenAt(ctx, service, home, 'node') ?? home;
  }
  const refusal = regionRefusal(ctx, service, place.region) ?? accountRefusal(ctx, service, place.account);
  if (refusal) return badUserInput(argument, `${argument}: the ID names a place this gateway may not read: ${refusal}`);
  const home = defaultPlace(ctx, service);
  const read = samePlace(place, home) ? home : place;
  return forbiddenAt(ctx, service, read, 'node') ?? read;
}

/** FORBIDDEN when the request's principal may not query `service` in `place` (or at all, with no place); else undefined. */
export function forbiddenAt(ctx: GatewayContext, service: AwsServiceName, place: Place | undefined, what: string): GraphQLError | undefined {
  const grants = ctx.principal?.grants;
  if (!grants) return undefined;
  const allows = (list: readonly string[] | undefined, value: string) => !list || list.includes(value);
  const ok = grants.some((g) => allows(g.services, service) && (!place || (allows(g.accounts, place.account) && allows(g.regions, place.region))));
  if (ok) return undefined;
  const where = place ? ` in account ${place.account}, region ${place.region}` : '';
  return new GraphQLError(`${what}: ${ctx.principal!.id} may not query ${service}${where}`, {
    extensions: { code: 'FORBIDDEN', service, ...(place ? { region: place.region, account: place.account } : {}) },
  });
}
