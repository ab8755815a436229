/** Per-principal service allow-lists: a forbidden field gives FORBIDDEN on that field only, before any upstream call. */
import { GraphQLError } from 'graphql';
import type { ServiceId } from '../../upstream/operation.js';
import { untilCancelled } from '../../upstream/cancel.js';
import type { GatewayContext } from '../context.js';
import { cutOff } from './errors.js';
import type { AwsServiceName } from './session.js';

/** The GraphQL name of each upstream service. */
export const SERVICE_NAME: Record<ServiceId, AwsServiceName> = {
  'nova-act': 'NOVA_ACT',
  'workspaces-web': 'WORKSPACES_WEB',
  deadline: 'DEADLINE',
  codecatalyst: 'CODECATALYST',
};

/** The FORBIDDEN error when the request's principal may not query `service`; undefined when it may. */
export function forbidden(ctx: GatewayContext, service: AwsServiceName, what: string): GraphQLError | undefined {
  const allowed = ctx.principal?.services;
  if (!allowed || allowed.has(service)) return undefined;
  return new GraphQLError(`${what}: ${ctx.principal!.id} may not query ${service}`, { extensions: { code: 'FORBIDDEN', service } });
}

/** Throws FORBIDDEN when the request's principal may not query `service`. */
export function assertAllowed(ctx: GatewayContext, service: AwsServiceName, what: string): void {
  const error = forbidden(ctx, service, what);
  if (error) throw error;
}

/**
 * Wraps a node loader so that every ID of a service the principal may not query resolves to FORBIDDEN, and every ID
 * still loading when the request is cancelled resolves to REQUEST_TIMEOUT.
 */
export function guardNodeLoad<T>(service: AwsServiceName, load: (keys: string[], ctx: GatewayContext) => Promise<(T | Error)[]>) {
  return (keys: string[], ctx: GatewayContext): Promise<(T | Error)[]> => {
    const error = forbidden(ctx, service, 'node');
    if (error) return Promise.resolve(keys.map(() => error));
    return untilCancelled(load(keys, ctx), ctx.cancellation, cutOff).catch((err: unknown) => keys.map(() => err as Error));
  };
}
