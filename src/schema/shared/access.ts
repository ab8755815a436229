/** Per-principal allow-lists: a forbidden field gives FORBIDDEN on that field only, before any upstream call. */
import type { ServiceId } from '../../upstream/operation.js';
import { untilCancelled } from '../../upstream/cancel.js';
import type { GatewayContext } from '../context.js';
import { cutOff } from './errors.js';
import { forbiddenAt } from './places.js';
import type { AwsServiceName } from './session.js';

/** The GraphQL name of each upstream service. */
export const SERVICE_NAME: Record<ServiceId, AwsServiceName> = {
  'nova-act': 'NOVA_ACT',
  'workspaces-web': 'WORKSPACES_WEB',
  deadline: 'DEADLINE',
  codecatalyst: 'CODECATALYST',
};

/**
 * Wraps a node loader so that every ID of a service the principal may not query anywhere resolves to FORBIDDEN (the
 * loader checks each ID's own place), and every ID still loading when the request is cancelled to REQUEST_TIMEOUT.
 */
export function guardNodeLoad<T>(service: AwsServiceName, load: (keys: string[], ctx: GatewayContext) => Promise<(T | Error)[]>) {
  return (keys: string[], ctx: GatewayContext): Promise<(T | Error)[]> => {
    const error = forbiddenAt(ctx, service, undefined, 'node');
    if (error) return Promise.resolve(keys.map(() => error));
    return untilCancelled(load(keys, ctx), ctx.cancellation, cutOff).catch((err: unknown) => keys.map(() => err as Error));
  };
}
