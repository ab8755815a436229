/** The `Session` interface every session type implements, and the `AwsService` enum. */
import type { Place } from '../../upstream/place.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { DateTime } from './scalars.js';

/** GraphQL names of the services. */
export type AwsServiceName = 'NOVA_ACT' | 'WORKSPACES_WEB' | 'DEADLINE' | 'CODECATALYST';

/** What every session object carries, whichever service it came from. */
export interface SessionShape {
  service: AwsServiceName;
  sessionId: string;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The region and account it was read in. */
  place: Place;
  /**
   * The place's region and account again, as plain members: the fields read them without a resolver (a resolver per
   * field of every node costs graphql-jit a call, a closure and a resolve-info object each).
   */
  region: string;
  account: string;
}

/** The 12-digit account ID of an ARN, or undefined. */
const accountOfArn = (arn: unknown): string | undefined => (typeof arn === 'string' ? /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}):/.exec(arn)?.[1] : undefined);

/** The account ID of something read in `place`: from its ARN where it has one, else from the account's configured role. */
export const accountIdOf = (ctx: GatewayContext, place: Place, arn?: unknown): string | null =>
  accountOfArn(arn) ?? ctx.places.accounts[place.account]?.accountId ?? null;

/** The fields every type read from AWS has: where it was read. */
export const placeFieldDescriptions = {
  region: 'The AWS region it was read in.',
  account: 'The alias of the account it was read in (GATEWAY_ACCOUNTS; `default` is the gateway\'s own credentials).',
  accountId: 'The 12-digit account ID: from its ARN where the service returns one, else from the account\'s role ARN.',
};

export const AwsService = builder.enumType('AwsService', {
  description: 'The AWS service a session belongs to.',
  values: ['NOVA_ACT', 'WORKSPACES_WEB', 'DEADLINE', 'CODECATALYST'] as const,
});

export const Session = builder.interfaceRef<SessionShape>('Session').implement({
  description: 'A session of any of the supported AWS services; refetch it with node(id:).',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    service: t.expose('service', { type: AwsService }),
    sessionId: t.exposeString('sessionId', { description: 'The session ID as the service writes it.' }),
    startedAt: t.expose('startedAt', { type: DateTime, nullable: true, description: 'When the session started, where the service says.' }),
    endedAt: t.expose('endedAt', { type: DateTime, nullable: true, description: 'When the session ended, where the service says.' }),
    region: t.exposeString('region', { description: placeFieldDescriptions.region }),
    account: t.exposeString('account', { description: placeFieldDescriptions.account }),
    accountId: t.string({ nullable: true, description: placeFieldDescriptions.accountId, resolve: (s, _args, ctx) => accountIdOf(ctx, s.place, (s as { arn?: unknown }).arn) }),
  }),
});

/** Reads a parsed timestamp from an upstream item. */
export const dateOf = (value: unknown): Date | null => (value instanceof Date ? value : null);
/** Reads a string from an upstream item. */
export const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
